//! Policy versions: a hand-written later version of the 서울계약마당 seed
//! (`tests/fixtures/versions/sources/`: retention 3년 → 5년, a trustee
//! added, the cookie article removed and the ones after it renumbered, an
//! article on pseudonymised data added, the date moved on), the fixture
//! site built from both, and the corpus's two 낚시누리 versions.

mod inputs;

use std::path::{Path, PathBuf};

use bangchim::content::{read_agency, read_content};
use bangchim::history::{self, ArticleChange};
use bangchim::import::{ImportOptions, import_file};
use bangchim::model::{Agency, Policy};

use inputs::repo;

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/versions")
}

fn seed_002() -> PathBuf {
    inputs::seed_path("002_")
}

fn later_002() -> PathBuf {
    fixture().join("sources/002_contract_2025-03-01.txt")
}

fn import(path: &Path) -> Agency {
    let options = ImportOptions {
        policy_slug: Some("contract".into()),
        ..ImportOptions::default()
    };
    import_file(path, &options).unwrap().agency
}

/// The two texts imported together, in either order, give one policy.
fn gathered(first: &Path, second: &Path) -> Policy {
    let mut agencies = history::gather(vec![import(first), import(second)], false).unwrap();
    assert_eq!(agencies.len(), 1);
    let mut agency = agencies.remove(0);
    assert_eq!(agency.policies.len(), 1, "one policy, not two");
    agency.policies.remove(0)
}

#[test]
fn a_later_text_becomes_the_current_version_in_either_order() {
    let a = gathered(&seed_002(), &later_002());
    let b = gathered(&later_002(), &seed_002());
    assert_eq!(a, b);
    assert_eq!(a.effective.unwrap().to_string(), "2025-03-01");
    assert_eq!(a.history.len(), 1);
    assert_eq!(a.history[0].effective.unwrap().to_string(), "2023-12-01");
    assert!(a.history[0].history.is_empty());
    // Search, directories and compliance read the current version.
    assert_eq!(a.trustees.len(), 2);
    assert_eq!(a.history[0].trustees.len(), 1);
}

#[test]
fn what_changed_as_data_and_in_one_line() {
    let p = gathered(&seed_002(), &later_002());
    let s = history::summarize(&p.history[0], &p);
    assert_eq!(s.trustees_added, ["(주)가나다정보"]);
    assert!(s.trustees_removed.is_empty());
    assert!(s.retention_changed);
    assert!(!s.contacts_changed);
    assert_eq!(s.articles_added, ["제12조(가명정보의 처리)"]);
    assert_eq!(s.articles_removed.len(), 1);
    assert!(s.articles_removed[0].contains("자동 수집 장치"));
    // 제10조–제12조 became 제9조–제11조 with the same wording.
    assert_eq!(s.articles_moved.len(), 3, "{:?}", s.articles_moved);
    // Retention (3년 → 5년), the trustee table, the date.
    assert_eq!(s.articles_changed.len(), 3, "{:?}", s.articles_changed);
    assert_eq!(
        s.line(),
        "조항 3개 변경, 조항 1개 신설, 조항 1개 삭제, 수탁자 1곳 추가, 보유기간 변경"
    );
    let pairs = history::align(&p.history[0].articles, &p.articles);
    let renumbered = pairs
        .iter()
        .filter(|x| x.change == ArticleChange::Renumbered)
        .count();
    assert_eq!(renumbered, 3);
}

#[test]
fn the_same_text_again_replaces_its_version() {
    let mut agencies = history::gather(vec![import(&seed_002())], false).unwrap();
    let once = agencies.remove(0).policies.remove(0);
    let again = history::merge(once.clone(), once.clone(), "seoul/contract").unwrap();
    assert_eq!(again, once);
}

#[test]
fn an_undated_text_cannot_be_placed() {
    let current = gathered(&seed_002(), &later_002());
    let mut undated = current.history[0].clone();
    undated.effective = None;
    let err = history::merge(current, undated, "seoul/contract").unwrap_err();
    assert!(err.to_string().contains("seoul/contract"), "{err}");
    assert!(err.to_string().contains("effective"), "{err}");
}

/// The fixture's content/ is what the two documented imports write (see
/// tests/fixtures/versions/README.md), and reads back with its history.
#[test]
fn the_fixture_content_is_the_two_imports() {
    let agencies = read_content(&fixture().join("content")).unwrap();
    let stored = &agencies[0].policies[0];
    let mut expected = gathered(&seed_002(), &later_002());
    expected.slug = stored.slug.clone();
    assert_eq!(stored, &expected);
    assert!(
        fixture()
            .join("content/seoul/contract/2023-12-01.md")
            .is_file()
    );
}

#[test]
fn importing_into_content_adds_a_version_not_a_second_policy() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_bangchim");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = std::process::Command::new(bin).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    let into = tmp.path().as_os_str();
    run(&[
        "import".as_ref(),
        seed_002().as_os_str(),
        "--slug".as_ref(),
        "contract".as_ref(),
        "--into".as_ref(),
        into,
    ]);
    let said = run(&[
        "import".as_ref(),
        later_002().as_os_str(),
        "--into".as_ref(),
        into,
    ]);
    assert!(
        said.contains("seoul/contract: the text of 2025-03-01 is its new current version"),
        "{said}"
    );
    let agency = read_agency(&tmp.path().join("seoul")).unwrap();
    assert_eq!(agency.policies.len(), 1, "one policy");
    assert_eq!(agency.policies[0].history.len(), 1);
    // The older text imported again changes nothing.
    let said = run(&[
        "import".as_ref(),
        seed_002().as_os_str(),
        "--into".as_ref(),
        into,
    ]);
    assert!(said.contains("it replaces it"), "{said}");
    assert_eq!(read_agency(&tmp.path().join("seoul")).unwrap(), agency);
}

#[test]
fn a_version_file_named_for_another_date_names_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("seoul");
    inputs::copy_dir(&fixture().join("content/seoul"), &dir);
    std::fs::rename(
        dir.join("contract/2023-12-01.toml"),
        dir.join("contract/2023-12-02.toml"),
    )
    .unwrap();
    std::fs::rename(
        dir.join("contract/2023-12-01.md"),
        dir.join("contract/2023-12-02.md"),
    )
    .unwrap();
    let err = read_agency(&dir).unwrap_err().to_string();
    assert!(err.contains("2023-12-02.toml"), "{err}");
    assert!(err.contains("effective = \"2023-12-02\""), "{err}");
}

#[test]
fn an_earlier_version_newer_than_the_current_one_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("seoul");
    inputs::copy_dir(&fixture().join("content/seoul"), &dir);
    let path = dir.join("contract.toml");
    let toml = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, toml.replace("2025-03-01", "2023-11-01")).unwrap();
    let err = read_agency(&dir).unwrap_err().to_string();
    assert!(err.contains("contract.toml"), "{err}");
    assert!(err.contains("newer than its earlier versions"), "{err}");
}

#[test]
fn an_empty_versions_folder_is_no_history() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("seoul");
    inputs::copy_dir(&fixture().join("content/seoul"), &dir);
    for f in ["2023-12-01.toml", "2023-12-01.md"] {
        std::fs::remove_file(dir.join("contract").join(f)).unwrap();
    }
    let agency = read_agency(&dir).unwrap();
    assert!(agency.policies[0].history.is_empty());
}

#[test]
fn a_dated_text_replaces_an_undated_version() {
    let mut agencies = history::gather(vec![import(&seed_002())], false).unwrap();
    let mut undated = agencies.remove(0).policies.remove(0);
    undated.effective = None;
    let dated = gathered(&seed_002(), &later_002());
    let merged = history::merge(undated, dated.history[0].clone(), "seoul/contract").unwrap();
    assert_eq!(merged.effective.unwrap().to_string(), "2023-12-01");
    assert!(
        merged.history.is_empty(),
        "the undated text was the same version"
    );
}

#[test]
fn the_fixture_site_has_the_history_pages_and_valid_feeds() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    bangchim::site::build(&inputs::build_options(&fixture(), &out)).unwrap();
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    let changes = read("seoul/contract/changes/2025-03-01/index.html");
    // The marks carry words for screen readers, which seldom announce them.
    assert!(
        changes.contains(
            "<del><span class=\"visually-hidden\">[지운 글: </span>3년입니다.<span class=\"visually-hidden\">]</span></del>"
        ),
        "{changes}"
    );
    assert!(changes.contains("새 글: </span>5년입니다."));
    let earlier = read("seoul/contract/2023-12-01/index.html");
    assert!(earlier.contains("현재 시행 중이 아닙니다"));
    let current = read("seoul/contract/index.html");
    assert!(current.contains("href=\"/seoul/contract/changes/2025-03-01/\""));
    assert!(current.contains("type=\"application/atom+xml\""));
    for feed in ["feed.xml", "seoul/feed.xml"] {
        let parsed: atom_syndication::Feed = read(feed).parse().unwrap();
        assert_eq!(parsed.entries.len(), 2, "{feed}");
        let newest = &parsed.entries[0];
        assert_eq!(newest.updated.to_rfc3339(), "2025-03-01T00:00:00+09:00");
        assert_eq!(
            newest.summary.as_ref().unwrap().value,
            "조항 3개 변경, 조항 1개 신설, 조항 1개 삭제, 수탁자 1곳 추가, 보유기간 변경"
        );
        assert_eq!(
            newest.links[0].href,
            "https://example.org/seoul/contract/changes/2025-03-01/"
        );
    }
    // The export holds one policy with its earlier version.
    let json: serde_json::Value = serde_json::from_str(&read("data/policies.json")).unwrap();
    assert_eq!(json[0]["policies"].as_array().unwrap().len(), 1);
    assert_eq!(
        json[0]["policies"][0]["history"].as_array().unwrap().len(),
        1
    );
    // What changed, as data.
    let changes: serde_json::Value = serde_json::from_str(&read("data/changes.json")).unwrap();
    assert_eq!(changes[0]["policy"], "seoul/contract");
    assert_eq!(changes[0]["from"], "2023-12-01");
    assert_eq!(changes[0]["to"], "2025-03-01");
    assert_eq!(changes[0]["trustees_added"][0], "(주)가나다정보");
    assert_eq!(changes[0]["retention_changed"], true);
    assert_eq!(bangchim::site::links::check(&out, "/"), vec![]);
}

#[test]
fn the_two_naksinuri_versions_of_the_corpus() {
    let Some(dir) = inputs::corpus() else { return };
    let file = |prefix: &str| inputs::corpus_file(&dir, prefix);
    let read = |p: PathBuf| import_file(&p, &ImportOptions::default()).unwrap().agency;
    let agencies = history::gather(vec![read(file("002_")), read(file("001_"))], false).unwrap();
    assert_eq!(agencies.len(), 1);
    let p = &agencies[0].policies[0];
    assert_eq!(agencies[0].policies.len(), 1);
    assert_eq!(p.effective.unwrap().to_string(), "2024-10-22");
    assert_eq!(p.history[0].effective.unwrap().to_string(), "2019-01-29");
    let s = history::summarize(&p.history[0], p);
    // The 2024 text adds the label-era articles (영향평가, 가명정보, 관리수준진단)
    // and names four trustees where the 2019 text entrusted nothing.
    assert!(s.articles_added.len() >= 3, "{s:?}");
    assert_eq!(s.trustees_added.len(), 4, "{s:?}");
    assert!(s.contacts_changed);
}
