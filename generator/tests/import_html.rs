//! Saved agency pages (`tests/fixtures/html/`, written from the seeds with
//! a site header, menu, breadcrumb, footer and scripts around the policy,
//! articles as `h3`/`h4`, tables with `rowspan`/`colspan`) import to the
//! same model as the seeds' scraped text; an EUC-KR copy reads the same.

mod inputs;

use bangchim::import::{
    ImportOptions, Imported, import_file, import_text, lost_lines, read_source,
};
use bangchim::model::Policy;

use inputs::repo;

fn seed(prefix: &str) -> String {
    inputs::seed_text(prefix)
}

fn html(name: &str) -> Imported {
    import_file(
        &repo().join("tests/fixtures/html").join(name),
        &ImportOptions::default(),
    )
    .unwrap()
}

fn text(prefix: &str) -> Imported {
    import_text(&seed(prefix), &ImportOptions::default())
}

fn outline(p: &Policy) -> Vec<(u32, String, String)> {
    p.articles
        .iter()
        .map(|a| (a.number, a.title.clone(), format!("{:?}", a.category)))
        .collect()
}

fn trustees(p: &Policy) -> Vec<(String, String)> {
    p.trustees
        .iter()
        .map(|t| (t.company.clone(), t.task.clone()))
        .collect()
}

fn remedies(p: &Policy) -> Vec<String> {
    p.remedies.iter().map(|r| r.name.clone()).collect()
}

fn contacts(p: &Policy) -> Vec<(String, String)> {
    p.contacts
        .iter()
        .map(|c| (format!("{:?}", c.role), c.name.clone()))
        .collect()
}

#[test]
fn pages_import_to_the_model_of_their_text() {
    for (page, prefix) in [
        ("seoul-junggu.html", "000"),
        ("namyangju.html", "003"),
        ("seoul-poll.html", "004"),
    ] {
        let (h, t) = (html(page), text(prefix));
        assert_eq!(h.report.format, "html", "{page}");
        assert!(
            h.report.lost_lines.is_empty(),
            "{page}: {:?}",
            h.report.lost_lines
        );
        assert_eq!(h.agency.full_name, t.agency.full_name, "{page}");
        let (hp, tp) = (&h.agency.policies[0], &t.agency.policies[0]);
        assert_eq!(outline(hp), outline(tp), "{page}");
        assert_eq!(hp.effective, tp.effective, "{page}");
        assert_eq!(trustees(hp), trustees(tp), "{page}");
        assert_eq!(remedies(hp), remedies(tp), "{page}");
        // The page's expanded rowspans can only add details: every contact
        // of the text is there, in the same role.
        let hc = contacts(hp);
        for c in contacts(tp) {
            assert!(hc.contains(&c), "{page}: {c:?} missing from {hc:?}");
        }
    }
}

#[test]
fn the_site_chrome_is_not_imported() {
    let h = html("seoul-junggu.html");
    let p = &h.agency.policies[0];
    let all: String = p
        .preamble
        .iter()
        .chain(p.articles.iter().flat_map(|a| a.blocks.iter()))
        .map(|b| b.plain_text())
        .collect::<Vec<_>>()
        .join("\n");
    for chrome in ["본문 바로가기", "Copyright", "사이트맵"] {
        assert!(!all.contains(chrome), "{chrome:?} was imported");
    }
}

#[test]
fn an_euc_kr_page_reads_as_its_utf8_twin() {
    let dir = repo().join("tests/fixtures/html");
    let euc = read_source(&dir.join("namyangju-euckr.html")).unwrap();
    let utf = read_source(&dir.join("namyangju.html")).unwrap();
    assert_eq!(euc.encoding, "EUC-KR");
    assert_eq!(euc.text, utf.text);
    let (mut a, mut b) = (html("namyangju-euckr.html"), html("namyangju.html"));
    // Each records the file it came from; all else is the same.
    assert_eq!(
        a.agency.policies[0].source.as_deref(),
        Some("namyangju-euckr.html")
    );
    for p in a.agency.policies.iter_mut().chain(&mut b.agency.policies) {
        p.source = None;
    }
    assert_eq!(a.agency, b.agency);
}

#[test]
fn undecodable_bytes_are_an_error_with_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.txt");
    let mut bytes = "제1조(목적)\n본문\n".as_bytes().to_vec();
    bytes.extend([0xff, 0xfe, 0xfd, 0x80, 0x0a]);
    std::fs::write(&path, bytes).unwrap();
    let err = import_file(&path, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("broken.txt") && err.contains('3'), "{err}");
}

#[test]
fn nothing_of_a_page_is_lost() {
    for page in ["seoul-junggu.html", "namyangju.html", "seoul-poll.html"] {
        let src = read_source(&repo().join("tests/fixtures/html").join(page)).unwrap();
        let imported = import_text(&src.text, &ImportOptions::default());
        assert_eq!(
            lost_lines(&src.text, &imported.agency.policies),
            Vec::<String>::new(),
            "{page}"
        );
    }
}
