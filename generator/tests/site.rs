//! The site built from fixture sites into temporary folders: pages, links,
//! atomic output, reproducibility, theme overrides, and that no line of a
//! seed is lost between the source text and its page.

mod inputs;

use std::fs;
use std::path::{Path, PathBuf};

use bangchim::content::ContentError;
use bangchim::site::{BuildOptions, SiteError, build, links};

mod common;

fn repo() -> PathBuf {
    inputs::repo()
}

fn options(root: &Path, out: &Path) -> BuildOptions {
    inputs::build_options(root, out)
}

/// A copy of the repository's site (config and content) to change freely.
fn site_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    inputs::copy_dir(&repo().join("content"), &dir.path().join("content"));
    fs::copy(
        repo().join("bangchim.toml"),
        dir.path().join("bangchim.toml"),
    )
    .unwrap();
    dir
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_page_is_written_and_every_internal_link_resolves() {
    let out = inputs::seed_site();
    for page in [
        "index.html",
        "seoul-junggu/privacy/index.html",
        "gwangju-seogu/privacy/index.html",
        "seoul/contract/index.html",
        "seoul/poll/index.html",
        "gyeonggi-namyangju/privacy/index.html",
        "trustees/index.html",
        "contacts/index.html",
        "compare/index.html",
        "compare/retention/index.html",
        "compliance/index.html",
        "search/index.html",
        "data/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "data/policies.json",
        "data/compliance.csv",
        "data/trustees.csv",
        "data/contacts.csv",
        "static/style.css",
        "static/filter.js",
        "static/favicon.svg",
    ] {
        assert!(out.join(page).is_file(), "{page} missing");
    }
    // The CSVs open in a spreadsheet as UTF-8: a BOM, then a header row.
    let csv = std::fs::read(out.join("data/compliance.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}처리방침,항목 ID,".as_bytes()));
    // A row per privacy policy and requirement.
    let rows = String::from_utf8(csv).unwrap().matches("\r\n").count();
    assert!(
        rows > 5 * bangchim::compliance::REQUIREMENTS.len(),
        "{rows} rows"
    );
    let pages = inputs::all_files(out)
        .iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .count();
    assert!(pages >= 30, "{pages} pages");
    assert_eq!(links::check(out, "/"), vec![]);
}

#[test]
fn a_site_under_a_subpath_links_under_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let mut o = options(&repo(), &out);
    o.base_url = Some("https://example.org/privacy/".into());
    build(&o).unwrap();
    let home = read(&out, "index.html");
    assert!(home.contains("href=\"/privacy/static/style.css\""));
    assert_eq!(links::check(&out, "/privacy/"), vec![]);
    assert!(
        read(&out, "sitemap.xml").contains("<loc>https://example.org/privacy/seoul/poll/</loc>")
    );
    // Checked against the wrong base, the same links are all outside.
    assert!(!links::check(&out, "/").is_empty());
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    // With the precompressed siblings, which must be reproducible too.
    for out in ["a", "b"] {
        let mut o = options(&repo(), &tmp.path().join(out));
        o.precompress = true;
        build(&o).unwrap();
    }
    let (a, b) = (
        inputs::all_files(&tmp.path().join("a")),
        inputs::all_files(&tmp.path().join("b")),
    );
    assert_eq!(a.len(), b.len());
    for ((na, ca), (nb, cb)) in a.iter().zip(&b) {
        assert_eq!(na, nb);
        assert!(ca == cb, "{na} differs between two builds");
    }
}

/// Every file search fetches has a `.gz`; of the index's blocks only those
/// every query reads (the manifest's preload) also have a `.br`, the
/// others are as small in gzip.
#[test]
fn search_files_have_their_siblings() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let mut o = options(&repo(), &out);
    o.precompress = true;
    build(&o).unwrap();
    let search = out.join("search");
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&search, "manifest.json")).unwrap();
    let preload: Vec<&str> = manifest["preload"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(!preload.is_empty());
    let (mut blocks, mut others) = (0, 0);
    for (name, _) in inputs::all_files(&search) {
        if name.ends_with(".gz") || name.ends_with(".br") || name.ends_with(".html") {
            continue;
        }
        let file = search.join(&name);
        let has = |ext: &str| bangchim::compress::sibling(&file, ext).exists();
        assert!(has("gz"), "{name} has no .gz");
        let block = name.strip_prefix("index/");
        let br_expected = block.is_none_or(|b| preload.contains(&b));
        assert_eq!(has("br"), br_expected, "{name}: .br");
        match block {
            Some(_) => blocks += 1,
            None => others += 1,
        }
    }
    assert!(
        blocks > preload.len() && others >= 3,
        "{blocks} blocks, {others} others"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = site_copy();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&options(site.path(), &out)).unwrap();
    let before = inputs::all_files(&out);
    // Break one policy: a table without its separator row.
    let md = site.path().join("content/seoul/contract.md");
    let text = fs::read_to_string(&md).unwrap();
    fs::write(&md, text.replacen("| --- | --- |\n", "", 1)).unwrap();
    let err = build(&options(site.path(), &out)).unwrap_err();
    match err {
        SiteError::Content(ContentError::Markdown { path, line, .. }) => {
            assert!(path.ends_with("content/seoul/contract.md"));
            assert!(line > 1);
        }
        other => panic!("unexpected error {other:?}"),
    }
    assert_eq!(inputs::all_files(&out), before);
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["public"], "no staging folder may remain");
}

#[test]
fn bad_toml_names_file_line_and_column() {
    let site = site_copy();
    let path = site.path().join("content/seoul/poll.toml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen(
            "effective = \"2024-02-01\"",
            "effective = \"2024-02-31x\"",
            1,
        ),
    )
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    match build(&options(site.path(), &tmp.path().join("public"))).unwrap_err() {
        SiteError::Content(ContentError::Toml {
            path, line, column, ..
        }) => {
            assert!(path.ends_with("poll.toml"));
            assert_eq!((line, column), (3, 13));
        }
        other => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn a_site_overrides_one_template_and_one_asset() {
    let site = site_copy();
    fs::create_dir_all(site.path().join("templates")).unwrap();
    fs::write(
        site.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>여기에는 없습니다</h1>{% endblock %}",
    )
    .unwrap();
    fs::create_dir_all(site.path().join("static")).unwrap();
    fs::write(site.path().join("static/style.css"), "body{}").unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&options(site.path(), &out)).unwrap();
    let page = read(&out, "404.html");
    assert!(page.contains("여기에는 없습니다"));
    assert!(
        page.contains("본문 바로가기"),
        "the override extends the theme's base"
    );
    assert_eq!(read(&out, "static/style.css"), "body{}");
    assert!(
        read(&out, "index.html").contains("기관별 처리방침"),
        "other templates come from the theme"
    );
}

#[test]
fn hostile_text_is_shown_as_text() {
    let site = site_copy();
    let md = site.path().join("content/seoul/contract.md");
    let text = fs::read_to_string(&md).unwrap();
    fs::write(
        &md,
        format!(
            "<script>alert(1)</script> \"><img src=x onerror=alert(2)> {{{{ 7*7 }}}}\n\n{text}"
        ),
    )
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&options(site.path(), &out)).unwrap();
    let page = read(&out, "seoul/contract/index.html");
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<img src=x"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        page.contains("{{ 7*7 }}"),
        "template syntax in content is not evaluated"
    );
}

#[test]
fn no_inline_scripts_or_styles() {
    let out = inputs::seed_site();
    for (name, bytes) in inputs::all_files(out) {
        if !name.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        assert!(!html.contains(" style=\""), "{name} has a style attribute");
        assert!(!html.contains("<style"), "{name} has a style element");
        for (i, _) in html.match_indices("<script") {
            let tag = &html[i..html[i..].find('>').map_or(html.len(), |e| i + e)];
            assert!(tag.contains(" src="), "{name} has an inline script");
        }
        let handler = html.match_indices(" on").any(|(i, _)| {
            let rest = &html[i + 3..];
            let letters = rest.chars().take_while(|c| c.is_ascii_lowercase()).count();
            letters > 0 && rest[letters..].starts_with("=\"")
        });
        assert!(!handler, "{name} has an event handler attribute");
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"ko\">"),
            "{name}"
        );
    }
}

/// The text a person reads on a page: tags removed, entities decoded,
/// white space folded.
#[test]
fn every_seed_line_is_on_its_page() {
    let out = inputs::seed_site();
    let seeds = repo().join("tests/fixtures/seeds");
    let pages = [
        ("000", "seoul-junggu/privacy"),
        ("001", "gwangju-seogu/privacy"),
        ("002", "seoul/contract"),
        ("003", "gyeonggi-namyangju/privacy"),
        ("004", "seoul/poll"),
    ];
    for (prefix, page) in pages {
        let file = fs::read_dir(&seeds)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap();
        let source = fs::read_to_string(file).unwrap();
        let text = common::page_text(&read(out, &format!("{page}/index.html")));
        let checked = common::assert_lines_shown(&source, &text, &format!("{prefix} on {page}"));
        assert!(checked > 50, "{prefix}: only {checked} lines checked");
    }
}

#[test]
fn snapshots_of_rendered_pages() {
    let out = inputs::seed_site();
    // The searcher's names change with its code, not with the pages.
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(
        r"bangchim_search_wasm(_bg)?\.[0-9a-f]{10}\.",
        "bangchim_search_wasm$1.[hash].",
    );
    settings.bind(|| {
        insta::assert_snapshot!("home", read(out, "index.html"));
        insta::assert_snapshot!(
            "policy_seoul_contract",
            read(out, "seoul/contract/index.html")
        );
        insta::assert_snapshot!("trustees", read(out, "trustees/index.html"));
    });
}

/// Breaks a copy of the site one way, builds, and returns the error; the
/// previous output must be untouched. The content is refused before any
/// indexing, so these builds leave search out.
fn break_and_build(edit: impl FnOnce(&Path)) -> SiteError {
    let site = site_copy();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let mut o = options(site.path(), &out);
    o.search = false;
    build(&o).unwrap();
    let before = inputs::all_files(&out);
    edit(site.path());
    let err = build(&o).unwrap_err();
    assert_eq!(
        inputs::all_files(&out),
        before,
        "the previous output changed after: {err}"
    );
    err
}

#[test]
fn every_kind_of_bad_content_names_file_line_and_what_was_expected() {
    // Malformed TOML.
    let e = break_and_build(|root| {
        fs::write(
            root.join("content/seoul/agency.toml"),
            "name = \"서울\nfull_name = 1\n",
        )
        .unwrap()
    });
    assert!(
        matches!(&e, SiteError::Content(ContentError::Toml { line: 1, .. })),
        "{e}"
    );
    // A missing required field.
    let e = break_and_build(|root| {
        let p = root.join("content/seoul/poll.toml");
        let text = fs::read_to_string(&p).unwrap();
        fs::write(&p, text.replacen("title = \"개인정보 처리방침\"\n", "", 1)).unwrap();
    });
    match &e {
        SiteError::Content(ContentError::Toml { path, message, .. }) => {
            assert!(
                path.ends_with("poll.toml") && message.contains("title"),
                "{e}"
            );
        }
        other => panic!("{other}"),
    }
    // An article number twice.
    let e = break_and_build(|root| {
        let p = root.join("content/seoul/contract.md");
        let text = fs::read_to_string(&p).unwrap();
        fs::write(&p, text.replacen("## 제2조", "## 제1조", 1)).unwrap();
    });
    assert!(
        matches!(
            &e,
            SiteError::Content(ContentError::Markdown { column: 1, .. })
        ),
        "{e}"
    );
    // A file that is not UTF-8: line 3, column 4.
    let e = break_and_build(|root| {
        fs::write(
            root.join("content/seoul/contract.md"),
            b"a\n\nabc\xff\xfe\n".as_slice(),
        )
        .unwrap();
    });
    assert!(
        matches!(
            &e,
            SiteError::Content(ContentError::NotUtf8 {
                line: 3,
                column: 4,
                ..
            })
        ),
        "{e}"
    );
    // Metadata without text.
    let e =
        break_and_build(|root| fs::remove_file(root.join("content/seoul/contract.md")).unwrap());
    assert!(
        matches!(&e, SiteError::Content(ContentError::MissingPart { .. })),
        "{e}"
    );
    // A bad base URL in the configuration.
    let e = break_and_build(|root| {
        let p = root.join("bangchim.toml");
        let text = fs::read_to_string(&p).unwrap();
        fs::write(
            &p,
            text.replace("https://bangchim.example.org/", "bangchim.example.org"),
        )
        .unwrap();
    });
    assert!(
        matches!(&e, SiteError::Content(ContentError::Toml { .. })),
        "{e}"
    );
}

/// Every text field of `tests/fixtures/hostile` carries markup, script
/// URLs, template syntax, RTL overrides or a very long line.
#[test]
fn hostile_content_stays_text_everywhere() {
    let root = repo().join("tests/fixtures/hostile");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&options(&root, &out)).unwrap();
    let mut pages = 0;
    for (name, bytes) in inputs::all_files(&out) {
        let text = String::from_utf8_lossy(&bytes);
        if name.ends_with(".html") {
            pages += 1;
            for (i, _) in text.match_indices("<script") {
                let tag = &text[i..i + text[i..].find('>').unwrap()];
                assert!(
                    tag.contains(" src=\"/evil/static/") && tag.contains("type=\"module\""),
                    "{name}: {tag}"
                );
            }
            assert!(!text.contains("<img"), "{name} has an img element");
            assert!(
                !text.contains("href=\"javascript:"),
                "{name} links to javascript:"
            );
            assert!(
                !text.contains("onerror=alert(2)>") || text.contains("&gt;"),
                "{name}"
            );
            assert!(
                !text.contains("49"),
                "{name}: template syntax in content was evaluated"
            );
        }
    }
    assert!(pages >= 10);
    // The open-data export keeps the strings as JSON strings.
    let json: serde_json::Value = serde_json::from_str(&read(&out, "data/policies.json")).unwrap();
    assert!(
        json[0]["policies"][0]["title"]
            .as_str()
            .unwrap()
            .contains("<script>alert(1)</script>")
    );
    // A cell a spreadsheet would run as a formula is defused.
    let trustees = read(&out, "data/trustees.csv");
    assert!(trustees.contains("'=HYPERLINK("), "{trustees}");
    assert!(
        !trustees.contains(",=HYPERLINK(") && !trustees.contains(",\"=HYPERLINK("),
        "{trustees}"
    );
    // Search results are escaped text with marks.
    let mut search = bangchim::index::BuiltSearch::open(&out).unwrap();
    let results = search
        .search(&bangchim_core::search::Request {
            query: "script alert img".into(),
            limit: 20,
            ..Default::default()
        })
        .unwrap();
    assert!(!results.hits.is_empty());
    for h in &results.hits {
        let bare = h.excerpt.replace("<mark>", "").replace("</mark>", "");
        assert!(!bare.contains('<') && !bare.contains('>'), "{}", h.excerpt);
    }
    assert!(
        links::check(&out, "/evil/").is_empty(),
        "{:?}",
        links::check(&out, "/evil/")
    );
}

/// Regression: a site with no `themes/` folder of its own got only the
/// built-in stylesheet, not the search scripts.
#[test]
fn a_site_without_a_themes_folder_gets_every_builtin_asset() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&options(&repo().join("tests/fixtures/hostile"), &out)).unwrap();
    let module = format!("static/search/{}", bangchim::searcher::MODULE);
    let glue = format!("static/search/{}", bangchim::searcher::GLUE);
    for f in [
        "static/style.css",
        "static/search.js",
        "static/search-worker.js",
        &module,
        &glue,
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    // Pages name the bundle they were built with, under the site's base
    // path (this fixture's base_url is https://example.org/evil/).
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains(&format!("content=\"/evil/{module}\"")),
        "the page names {module}"
    );
}
