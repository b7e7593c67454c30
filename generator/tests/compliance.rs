//! Compliance judged by content: the seeds (`content/`, a re-import of the
//! vendored seeds) have every mandatory item, with evidence; edited copies
//! lose exactly what was taken away; the corpus (when `../shared/corpus`
//! is beside the clone) gives no false alarm; `check --json` prints the
//! documented shape.

mod inputs;

use std::path::PathBuf;

use bangchim::compliance::{Assessment, Class, Status, assess};
use bangchim::model::{Agency, Block, Category, Policy};

use inputs::repo;

fn agencies() -> Vec<Agency> {
    bangchim::site::Site::load(&repo())
        .expect("content/ loads")
        .agencies
}

/// Every seed policy, with its agency.
fn seeds() -> Vec<(Agency, Policy)> {
    agencies()
        .into_iter()
        .flat_map(|a| a.policies.clone().into_iter().map(move |p| (a.clone(), p)))
        .collect()
}

fn seed(name: &str) -> (Agency, Policy) {
    seeds()
        .into_iter()
        .find(|(a, p)| format!("{}/{}", a.slug, p.slug) == name)
        .unwrap_or_else(|| panic!("no policy {name} in content/"))
}

fn status(a: &Assessment, id: &str) -> Status {
    a.finding(id)
        .unwrap_or_else(|| panic!("no finding {id}"))
        .status
}

const MANDATORY: [&str; 8] = [
    "purpose",
    "items",
    "retention",
    "destruction",
    "rights",
    "safety",
    "officer",
    "changes",
];

#[test]
fn every_seed_has_all_eight_mandatory_items_with_evidence() {
    let seeds = seeds();
    assert_eq!(seeds.len(), 5);
    for (agency, policy) in &seeds {
        let a = assess(agency, policy);
        for id in MANDATORY {
            let f = a.finding(id).unwrap();
            assert_eq!(f.class, Class::Mandatory);
            assert_eq!(f.status, Status::Present, "{} {id}: {f:?}", a.policy);
            assert!(!f.evidence.is_empty(), "{} {id}: no evidence", a.policy);
            for e in &f.evidence {
                assert!(
                    policy.articles.iter().any(|x| x.anchor() == e.anchor),
                    "{} {id}: evidence points to no article: {e:?}",
                    a.policy
                );
                assert!(!e.quote.is_empty() && e.quote.chars().count() <= 161);
            }
        }
    }
}

/// The poll policy lists its items only in tables (제2조's retention table
/// and 제3조's registered files): the old title-based matrix called them
/// missing.
#[test]
fn items_given_in_a_table_of_registered_files_are_present() {
    let (agency, mut policy) = seed("seoul/poll");
    // Keep only 제3조 as a source of items.
    policy.articles.retain(|a| a.number != 2);
    let a = assess(&agency, &policy);
    let items = a.finding("items").unwrap();
    assert_eq!(items.status, Status::Present);
    assert!(
        items.evidence.iter().any(|e| e.anchor == "제3조"),
        "{items:?}"
    );
}

/// The seed texts (`tests/fixtures/seeds/`) with the slug each is
/// imported under (as in content/README.md).
const SEED_TEXTS: [(&str, Option<&str>); 5] = [
    ("000", None),
    ("001", None),
    ("002", Some("contract")),
    ("003", None),
    ("004", Some("poll")),
];

use inputs::seed_text;

/// Imports an edited copy of a seed text, as its publisher would.
fn import_edited(text: &str, slug: Option<&str>) -> (Agency, Policy) {
    let mut agency = bangchim::import::import_text(
        text,
        &bangchim::import::ImportOptions {
            policy_slug: slug.map(String::from),
            ..Default::default()
        },
    )
    .agency;
    let policy = agency.policies.remove(0);
    (agency, policy)
}

/// Whether a line is the heading of article `n` (`제7조(개인정보의 파기)`,
/// `제7조 (…)`).
fn heads(line: &str, n: u32) -> bool {
    let t = line.trim_start_matches(['-', ' ']);
    t.strip_prefix(&format!("제{n}조"))
        .is_some_and(|rest| rest.starts_with(['(', ' ', '【', '[']))
}

/// Whether a line is the heading of any article.
fn any_heading(line: &str) -> bool {
    (1..60).any(|n| heads(line, n))
}

/// The text with article `n` edited: `keep_heading` keeps its heading line
/// (`retitle` replaces it), and its body lines are dropped when `drop_body`.
fn edit_article(text: &str, n: u32, heading: Option<&str>, drop_body: bool) -> String {
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if heads(line, n) {
            inside = true;
            if let Some(h) = heading {
                out.push(h.to_string());
            }
            continue;
        }
        if inside && any_heading(line) {
            inside = false;
        }
        if !(inside && drop_body) {
            out.push(line.to_string());
        }
    }
    out.join("\n")
}

/// Deleting from the text every article the evidence cites makes a
/// mandatory item missing: the evidence is complete, and nothing else is
/// counted.
#[test]
fn deleting_the_cited_articles_makes_an_item_missing() {
    for (prefix, slug) in SEED_TEXTS {
        let text = seed_text(prefix);
        let (agency, policy) = import_edited(&text, slug);
        let before = assess(&agency, &policy);
        for id in MANDATORY {
            let cited: Vec<u32> = before
                .finding(id)
                .unwrap()
                .evidence
                .iter()
                .filter_map(|e| {
                    e.anchor
                        .strip_prefix('제')?
                        .strip_suffix('조')?
                        .parse()
                        .ok()
                })
                .collect();
            let edited = cited
                .iter()
                .fold(text.clone(), |t, n| edit_article(&t, *n, None, true));
            let (agency, policy) = import_edited(&edited, slug);
            let after = assess(&agency, &policy);
            assert_eq!(
                status(&after, id),
                Status::Missing,
                "{prefix} {id} after deleting 제{cited:?}조: {:?}",
                after.finding(id)
            );
        }
    }
}

/// The article of `policy` of category `c` (the one the seed titles so).
fn article_of(policy: &mut Policy, c: Category) -> &mut bangchim::model::Article {
    policy
        .articles
        .iter_mut()
        .find(|a| a.category == c)
        .unwrap_or_else(|| panic!("no {c:?} article"))
}

#[test]
fn a_meaningless_title_keeps_an_item_an_empty_body_loses_it() {
    let cases = [
        (Category::Destruction, "destruction"),
        (Category::Safety, "safety"),
        (Category::Rights, "rights"),
        (Category::Officer, "officer"),
    ];
    for (prefix, slug) in [("003", None), ("004", Some("poll")), ("000", None)] {
        let text = seed_text(prefix);
        let (_, mut policy) = import_edited(&text, slug);
        for (category, id) in cases {
            let n = article_of(&mut policy, category).number;
            let retitled = edit_article(&text, n, Some(&format!("제{n}조(기타 사항)")), false);
            let (agency, p) = import_edited(&retitled, slug);
            assert_eq!(
                p.articles.iter().find(|a| a.number == n).unwrap().title,
                "기타 사항"
            );
            assert_eq!(
                status(&assess(&agency, &p), id),
                Status::Present,
                "{prefix} {id} retitled"
            );
            let heading = text.lines().find(|l| heads(l, n)).unwrap();
            let emptied = edit_article(&text, n, Some(heading), true);
            let (agency, p) = import_edited(&emptied, slug);
            assert_eq!(
                status(&assess(&agency, &p), id),
                Status::Missing,
                "{prefix} {id} emptied"
            );
        }
    }
}

#[test]
fn saying_it_does_not_provide_makes_third_party_not_applicable() {
    let (agency, policy) = seed("gyeonggi-namyangju/privacy");
    assert_eq!(
        status(&assess(&agency, &policy), "third_party"),
        Status::Present
    );
    let mut edited = policy.clone();
    article_of(&mut edited, Category::ThirdParty).blocks = vec![Block::text(
        "남양주시는 개인정보를 제3자에게 제공하지 않습니다.",
    )];
    let a = assess(&agency, &edited);
    let f = a.finding("third_party").unwrap();
    assert_eq!(f.status, Status::NotApplicable, "{f:?}");
    assert!(f.evidence[0].quote.contains("제공하지 않습니다"));
    // A rule with exceptions describes the practice: still present.
    article_of(&mut edited, Category::ThirdParty).blocks = vec![Block::text(
        "남양주시는 원칙적으로 정보주체의 개인정보를 제3자에게 제공하지 않습니다. 다만, 법률에 특별한 규정이 있는 경우에는 제공합니다.",
    )];
    assert_eq!(
        status(&assess(&agency, &edited), "third_party"),
        Status::Present
    );
}

#[test]
fn trustees_without_an_entrustment_statement_are_missing_not_undetermined() {
    let (agency, policy) = seed("seoul/contract");
    assert!(!policy.trustees.is_empty());
    assert_eq!(
        status(&assess(&agency, &policy), "entrustment"),
        Status::Present
    );
    let mut edited = policy.clone();
    edited.articles.retain(|a| {
        !a.blocks
            .iter()
            .any(|b| b.plain_text().replace(' ', "").contains("위탁"))
    });
    let a = assess(&agency, &edited);
    let f = a.finding("entrustment").unwrap();
    assert_eq!(f.status, Status::Missing, "{f:?}");
    assert!(f.notes[0].contains("수탁자"), "{f:?}");
}

#[test]
fn what_the_text_does_not_decide_is_undetermined_not_missing() {
    let (agency, policy) = seed("gyeonggi-namyangju/privacy");
    let a = assess(&agency, &policy);
    // A 2015 policy says nothing of overseas transfer or automated decisions.
    assert_eq!(status(&a, "overseas"), Status::Undetermined);
    assert_eq!(status(&a, "automated_decisions"), Status::Undetermined);
    // Silent on a domestic agent: undetermined, with what the law says.
    let agent = a.finding("domestic_agent").unwrap();
    assert_eq!(agent.status, Status::Undetermined);
    assert!(agent.notes[0].contains("제31조의2"), "{agent:?}");
}

#[test]
fn check_json_has_the_documented_shape() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bangchim"))
        .args(["check", "--json", "--root"])
        .arg(repo())
        .output()
        .expect("bangchim runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let policies = v["policies"].as_array().expect("policies array");
    assert_eq!(policies.len(), 5);
    for p in policies {
        assert!(p["policy"].as_str().unwrap().contains('/'));
        let reqs = p["requirements"].as_array().unwrap();
        assert_eq!(reqs.len(), bangchim::compliance::REQUIREMENTS.len());
        for r in reqs {
            for field in ["id", "label", "class", "status"] {
                assert!(r[field].is_string(), "{field} in {r}");
            }
            assert!(
                ["present", "missing", "not_applicable", "undetermined"]
                    .contains(&r["status"].as_str().unwrap())
            );
            for e in r["evidence"].as_array().unwrap() {
                for field in ["article", "anchor", "quote"] {
                    assert!(e[field].is_string(), "{field} in {e}");
                }
            }
        }
    }
}

use inputs::corpus;

/// The mandatory items a careful reading finds missing in each real
/// policy: the pre-2011 NIA policy states only its officer; the SKKU
/// policy has neither a date nor a change statement. Every other policy
/// has all eight, some by pointing to the national portal, which the
/// guideline accepts from a public body.
#[test]
fn the_corpus_gives_no_false_alarm() {
    let Some(dir) = corpus() else { return };
    let expected: &[(&str, &[&str])] = &[
        (
            "004",
            &[
                "purpose",
                "items",
                "retention",
                "destruction",
                "rights",
                "safety",
                "changes",
            ],
        ),
        ("014", &["changes"]),
    ];
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut judged = 0;
    let mut wrong = Vec::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let imported = bangchim::import::import_file(&file, &Default::default()).unwrap();
        let agency = &imported.agency;
        for policy in agency
            .policies
            .iter()
            .filter(|p| bangchim::compliance::applies(p))
        {
            judged += 1;
            let a = assess(agency, policy);
            let missing: Vec<&str> = a.missing_mandatory().map(|f| f.id).collect();
            let want = expected
                .iter()
                .find(|(p, _)| name.starts_with(p))
                .map_or(&[][..], |(_, m)| *m);
            if missing != want {
                wrong.push(format!("{name}: missing {missing:?}, expected {want:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(judged, 13, "privacy policies in the corpus");
}

/// The regulator's standard wording and its common variants, which the
/// seeds and the corpus do not all use: no false alarm, and no false
/// "not applicable" from a sentence that denies something else
/// (`동의하지 않을`, `처리할 수 없으며`, `재위탁하지 않습니다`).
#[test]
fn the_standard_wording_and_its_variants_are_read() {
    let text = "\
가나시 개인정보 처리방침
가나시는 개인정보 보호법 제30조에 따라 이 처리방침을 수립·공개합니다.
제1조(개인정보의 처리 목적)
개인정보를 처리하는 목적은 다음과 같습니다.
1. 민원사무 처리
제2조(개인정보의 처리 및 보유 기간)
① 가나시는 법령에 따른 개인정보 보유·이용기간 내에서 개인정보를 처리·보유합니다.
② 각각의 개인정보 처리 및 보유 기간은 다음과 같습니다.
1. 민원사무 처리 : 처리 완료 후 3년
제3조(처리하는 개인정보의 항목)
가나시는 다음의 개인정보를 수집합니다.
- 성명, 주소, 휴대전화번호
제4조(개인정보의 제3자 제공)
① 가나시는 정보주체의 별도 동의가 없는 한 개인정보를 제3자에게 제공하지 않습니다.
② 다만, 법률에 특별한 규정이 있는 경우에는 제공할 수 있습니다.
제5조(개인정보처리의 위탁)
① 가나시는 다음과 같이 개인정보 처리업무를 위탁하고 있습니다.
② 수탁자는 위탁받은 업무 외에는 개인정보를 처리할 수 없으며, 재위탁하지 않습니다.
제6조(개인정보의 파기)
전자적 파일 형태의 정보는 기록을 재생할 수 없는 기술적 방법을 사용하여 파기합니다.
제7조(정보주체의 권리·의무 및 행사방법)
정보주체는 개인정보 열람·정정·삭제·처리정지 요구 등의 권리를 행사할 수 있습니다.
제8조(개인정보의 안전성 확보조치)
1. 관리적 조치 : 내부관리계획 수립·시행
2. 기술적 조치 : 접근권한 관리, 고유식별정보 암호화
3. 가명정보를 처리하는 경우 추가정보를 분리하여 보관합니다.
제9조(민감정보의 공개 가능성 및 비공개를 선택하는 방법)
민감정보의 공개를 원하지 않는 경우 비공개를 선택할 수 있도록 서비스 제공 전에 알립니다.
제10조(개인정보 보호책임자)
개인정보 보호책임자 : 행정지원국장 ☎ 02.1234.5678
제11조(개인정보 처리방침의 변경)
이 개인정보 처리방침은 다음과 같이 시행합니다.
시행일자 : 2024. 1. 8.
";
    let (agency, policy) = import_edited(text, None);
    assert_eq!(policy.articles.len(), 11);
    let a = assess(&agency, &policy);
    for id in MANDATORY {
        assert_eq!(status(&a, id), Status::Present, "{id}: {:?}", a.finding(id));
    }
    for id in ["third_party", "entrustment", "sensitive"] {
        assert_eq!(status(&a, id), Status::Present, "{id}: {:?}", a.finding(id));
    }
    // Further use without consent is what the item is about: denied.
    let denied = text.replace(
        "제11조(개인정보 처리방침의 변경)",
        "제11조(추가적인 이용·제공)\n가나시는 정보주체의 동의 없이 개인정보를 추가적으로 이용·제공하지 않습니다.\n제12조(개인정보 처리방침의 변경)",
    );
    let (agency, policy) = import_edited(&denied, None);
    let a = assess(&agency, &policy);
    assert_eq!(status(&a, "further_use"), Status::NotApplicable);
}
