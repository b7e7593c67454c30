//! The importer on the five seed policies (`tests/fixtures/seeds/`, real policies vendored from `shared/seeds/`): what each
//! must yield (exact), that nothing is lost, and that `content/` holds
//! exactly what a re-import gives.

mod inputs;

use bangchim::content::{read_agency, write_agency};
use bangchim::import::{ImportOptions, Imported, import_text, lost_lines};
use bangchim::model::{Agency, Category, Date, LabelKind, Policy, Role};

use inputs::repo;

use inputs::seed_path;

fn seed_name(prefix: &str) -> String {
    seed_path(prefix)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string()
}

fn seed(prefix: &str) -> String {
    inputs::seed_text(prefix)
}

/// The options each seed is imported with, as in content/README.md.
fn options(prefix: &str) -> ImportOptions {
    let slug = match prefix {
        "002" => Some("contract".to_string()),
        "004" => Some("poll".to_string()),
        _ => None,
    };
    ImportOptions {
        policy_slug: slug,
        ..ImportOptions::default()
    }
}

fn import(prefix: &str) -> Imported {
    import_text(&seed(prefix), &options(prefix))
}

fn policy(prefix: &str) -> Policy {
    import(prefix).agency.policies.remove(0)
}

const SEEDS: [&str; 5] = ["000", "001", "002", "003", "004"];

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn article_counts_and_titles() {
    let expected = [
        ("000", 11),
        ("001", 12),
        ("002", 13),
        ("003", 11),
        ("004", 17),
    ];
    for (prefix, n) in expected {
        let p = policy(prefix);
        assert_eq!(p.articles.len(), n, "{prefix}");
        let numbers: Vec<u32> = p.articles.iter().map(|a| a.number).collect();
        assert_eq!(numbers, (1..=n as u32).collect::<Vec<_>>(), "{prefix}");
    }
    // The three heading layouts.
    assert_eq!(
        policy("000").articles[0].title,
        "개인정보의 처리 목적 및 항목"
    );
    assert_eq!(policy("001").articles[0].title, "개인정보의 처리목적");
    assert_eq!(policy("003").articles[0].title, "개인정보의 처리 목적");
    assert_eq!(policy("004").articles[16].title, "개인정보 처리방침의 변경");
}

#[test]
fn the_table_of_contents_is_not_articles() {
    let p = policy("004");
    assert_eq!(p.articles.len(), 17);
    assert!(
        p.preamble
            .iter()
            .any(|b| b.plain_text().contains("1. 개인정보의 처리 목적"))
    );
    // Text on the heading line becomes the article's first block.
    assert!(
        p.articles[0].blocks[0]
            .text
            .starts_with("서울시는 다음의 목적을 위하여")
    );
}

#[test]
fn categories_follow_the_regulators_list() {
    let p = policy("004");
    let cats: Vec<Category> = p.articles.iter().map(|a| a.category).collect();
    assert_eq!(
        cats,
        [
            Category::Purpose,
            Category::Retention,
            Category::RegisteredFiles,
            Category::ThirdParty,
            Category::Sensitive,
            Category::Entrustment,
            Category::Destruction,
            Category::Rights,
            Category::Safety,
            Category::AutoCollection,
            Category::FurtherUse,
            Category::Pseudonymised,
            Category::Officer,
            Category::AccessRequest,
            Category::Remedies,
            Category::Assessment,
            Category::Changes,
        ]
    );
}

#[test]
fn trustees_after_the_last_article() {
    let p = policy("000");
    assert_eq!(p.trustees.len(), 20);
    let t = &p.trustees[2];
    assert_eq!(t.department, "홍보전산과");
    assert_eq!(t.task, "2020년 자치단체 공통기반 전산장비 유지관리");
    assert_eq!(t.manager, "이성우");
    assert_eq!(t.phone, "02-3396-4714");
    assert_eq!(t.company, "한국지역정보개발원");
    assert_eq!(
        t.items,
        ["이름", "주소", "주민등록번호", "연락처 등 개인정보 일체"]
    );
}

#[test]
fn a_trustee_table_inside_an_article() {
    let p = policy("002");
    assert_eq!(p.trustees.len(), 1);
    assert_eq!(p.trustees[0].company, "(주)피씨엔");
    assert_eq!(p.trustees[0].task, "서울계약마당 홈페이지 유지보수 및 운영");
}

#[test]
fn a_trustee_cell_with_address_and_phone() {
    let p = policy("004");
    assert_eq!(p.trustees.len(), 1);
    let t = &p.trustees[0];
    assert_eq!(t.company, "(주)피씨엔");
    assert_eq!(t.task, "서울시 여론조사 시스템 유지관리");
    assert_eq!(t.company_address, "서울시 강남구 학동로 146 피씨엔 빌딩");
    assert_eq!(t.company_phone, "02-565-7740");
}

#[test]
fn policies_that_link_to_their_trustee_list_keep_the_reference() {
    for prefix in ["001", "003"] {
        let p = policy(prefix);
        assert!(p.trustees.is_empty(), "{prefix}");
        assert!(
            p.trustee_reference
                .as_deref()
                .is_some_and(|r| r.contains("위탁")),
            "{prefix}"
        );
    }
}

fn names(p: &Policy) -> Vec<&str> {
    p.contacts.iter().map(|c| c.name.as_str()).collect()
}

#[test]
fn contacts_from_tables() {
    let p = policy("000");
    assert_eq!(names(&p), ["김종석", "정지인"]);
    let c = &p.contacts[1];
    assert_eq!(c.role, Role::PrivacyContact);
    assert_eq!(c.phones, ["02-3396-4713"]);
    assert_eq!(c.email, "stopin48@junggu.seoul.kr");
    assert_eq!(c.fax, "02-3396-8641");
    assert_eq!(p.contacts[0].phones, ["02-3396-8219"]);

    let p = policy("004");
    assert_eq!(names(&p), ["박진영", "강지원", "김홍찬", "백영호"]);
    assert_eq!(p.contacts[2].role, Role::FieldOfficer);
    assert_eq!(p.contacts[0].title, "국장");
}

#[test]
fn contacts_from_loose_lines() {
    let p = policy("001");
    assert_eq!(names(&p), ["이해경", "봉중수"]);
    assert_eq!(p.contacts[0].role, Role::PrivacyOfficer);
    assert_eq!(p.contacts[0].department, "자치 행정국장");
    assert_eq!(p.contacts[0].phones, ["062-360-7302"]);
    assert_eq!(p.contacts[1].fax, "062-360-7575");

    let p = policy("003");
    assert_eq!(names(&p), ["유", "박"]);
    assert_eq!(p.contacts[0].department, "행정안전국");
    assert!(p.contacts.iter().all(|c| c.email.is_empty()));
    assert_eq!(p.contacts[1].phones, ["031)590-4214"]);
}

#[test]
fn the_access_request_desk() {
    let p = policy("002");
    assert_eq!(names(&p), ["김진만", "강지원", "강지원"]);
    assert_eq!(p.contacts[2].role, Role::AccessRequest);
    assert_eq!(p.contacts[2].email, "privacy@seoul.go.kr");
}

#[test]
fn remedies() {
    // 000, 001 and 004 also name 중앙행정심판위원회 (with its web address only).
    for (prefix, n) in [("000", 5), ("001", 5), ("002", 5), ("003", 5), ("004", 5)] {
        assert_eq!(policy(prefix).remedies.len(), n, "{prefix}");
    }
    let r = &policy("000").remedies[0];
    assert_eq!(
        (r.name.as_str(), r.phone.as_str(), r.url.as_str()),
        ("개인정보분쟁조정위원회", "1833-6972", "www.kopico.go.kr")
    );
    let r = &policy("001").remedies[0];
    assert_eq!(r.operator, "한국인터넷진흥원 운영");
    assert_eq!(r.duties, "개인정보 침해사실 신고, 상담 신청");
}

#[test]
fn effective_dates_and_versions() {
    assert_eq!(policy("000").effective, Some(d("2019-07-09")));
    assert_eq!(policy("001").effective, Some(d("2020-01-06")));
    assert_eq!(policy("002").effective, Some(d("2023-12-01")));
    let p = policy("003");
    assert_eq!(p.effective, Some(d("2015-08-26")));
    assert!(p.versions.iter().any(|v| v.from == Some(d("2011-09-30"))));
    assert_eq!(policy("004").effective, Some(d("2024-02-01")));

    let v = policy("000").versions;
    assert_eq!(
        v.iter().map(|v| v.from).collect::<Vec<_>>(),
        [Some(d("2011-12-22")), Some(d("2016-12-23"))]
    );
    assert_eq!(policy("001").versions.len(), 5);
    let v = policy("004").versions;
    assert_eq!(
        (v[0].from, v[0].until),
        (Some(d("2023-05-26")), Some(d("2024-01-31")))
    );
}

#[test]
fn the_labelling_block() {
    let p = policy("004");
    let kinds: Vec<LabelKind> = p.labels.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [
            LabelKind::Items,
            LabelKind::Purpose,
            LabelKind::Retention,
            LabelKind::Provision,
            LabelKind::Entrustment,
            LabelKind::Complaint
        ]
    );
    assert_eq!(p.labels[0].name, "일반 개인정보 수집");
    assert_eq!(p.labels[2].value, "2년, 통합회원 탈퇴 시");
}

#[test]
fn the_spaced_out_title() {
    let p = policy("000");
    assert_eq!(p.title, "중구 개인정보 처리방침");
    assert_eq!(
        p.source_title.as_deref(),
        Some("중 구 개 인 정 보 처 리 방 침")
    );
}

#[test]
fn agencies_are_inferred_and_said() {
    let i = import("000");
    assert_eq!(i.agency.full_name, "서울특별시 중구");
    assert!(i.inferred.iter().any(|s| s.contains("junggu.seoul.kr")));
    assert_eq!(import("001").agency.full_name, "광주광역시 서구");
    assert_eq!(import("003").agency.full_name, "경기도 남양주시");
    let (a, b) = (import("002"), import("004"));
    assert_eq!(
        (a.agency.slug.as_str(), b.agency.slug.as_str()),
        ("seoul", "seoul")
    );
    assert!(b.inferred.iter().any(|s| s.contains("서울특별시")));
    assert_eq!(a.agency.policies[0].site.as_deref(), Some("서울계약마당"));
}

#[test]
fn an_agency_given_on_the_command_line_wins() {
    let opts = ImportOptions {
        agency: Some("부산광역시 중구".into()),
        ..ImportOptions::default()
    };
    let i = import_text(&seed("000"), &opts);
    assert_eq!(i.agency.full_name, "부산광역시 중구");
    assert_eq!(i.agency.slug, "busan-junggu");
}

#[test]
fn no_line_is_lost() {
    for prefix in SEEDS {
        let p = policy(prefix);
        assert_eq!(
            lost_lines(&seed(prefix), std::slice::from_ref(&p)),
            Vec::<String>::new(),
            "{prefix}"
        );
    }
}

#[test]
fn lost_lines_would_see_a_dropped_line() {
    let mut p = policy("001");
    p.articles[3].blocks.pop();
    assert_eq!(lost_lines(&seed("001"), std::slice::from_ref(&p)).len(), 1);
}

#[test]
fn content_is_what_a_reimport_gives() {
    let content = repo().join("content");
    for prefix in SEEDS {
        let mut imported = import(prefix).agency;
        // `import FILE` records the file the text came from.
        imported.policies[0].source = Some(seed_name(prefix));
        let stored = read_agency(&content.join(&imported.slug)).expect("content readable");
        let slug = &imported.policies[0].slug;
        let on_disk = stored
            .policies
            .iter()
            .find(|p| &p.slug == slug)
            .expect("policy in content/");
        assert_eq!(
            on_disk, &imported.policies[0],
            "{prefix}: content/{}/{slug} differs from a re-import",
            imported.slug
        );
        assert_eq!(
            (
                &stored.name,
                &stored.full_name,
                &stored.region,
                &stored.kind
            ),
            (
                &imported.name,
                &imported.full_name,
                &imported.region,
                &imported.kind
            )
        );
    }
}

#[test]
fn written_content_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    for prefix in SEEDS {
        let agency: Agency = import(prefix).agency;
        write_agency(dir.path(), &agency).unwrap();
        let back = read_agency(&dir.path().join(&agency.slug)).unwrap();
        let p = back
            .policies
            .iter()
            .find(|p| p.slug == agency.policies[0].slug)
            .unwrap();
        assert_eq!(p, &agency.policies[0], "{prefix}");
    }
}

/// A policy written for this test in a layout none of the seeds uses:
/// `제N조【…】`-free headings with extra spaces, a trustee table with other
/// column names, `▶` contact lines and a remedies list without numbers.
const OTHER_LAYOUT: &str = "부산광역시 해운대구 개인정보 처리방침\n\n해운대구는 개인정보를 보호합니다.\n\n제1조  (개인정보의 처리 목적)\n해운대구는 민원 처리를 위해 개인정보를 처리합니다.\n제2조 (개인정보처리 업무의 위탁)\n수탁업체\t위탁업무 내용\t위탁 개인정보\n(주)해운데이터\t민원 시스템 운영\t성명, 연락처\n제3조 (개인정보 보호책임자)\n▶ 개인정보 보호책임자 : 기획예산과 홍길동\n전화번호 : 051-749-4000\n제4조 (권익침해 구제방법)\n• 개인정보침해신고센터 : (국번없이) 118 (privacy.kisa.or.kr)\n제5조 (개인정보 처리방침의 변경)\n이 개인정보 처리방침은 2025. 3. 1부터 적용됩니다.\n";

#[test]
fn another_layout() {
    let i = import_text(OTHER_LAYOUT, &ImportOptions::default());
    let p = &i.agency.policies[0];
    assert_eq!(i.agency.full_name, "부산광역시 해운대구");
    assert_eq!(i.agency.slug, "busan-haeundaegu");
    assert_eq!(p.articles.len(), 5);
    assert_eq!(p.articles[1].category, Category::Entrustment);
    assert_eq!(p.trustees.len(), 1);
    assert_eq!(p.trustees[0].company, "(주)해운데이터");
    assert_eq!(p.trustees[0].items, ["성명", "연락처"]);
    assert_eq!(names(p), ["홍길동"]);
    assert_eq!(p.contacts[0].phones, ["051-749-4000"]);
    assert_eq!(p.remedies.len(), 1);
    assert_eq!(p.effective, Some(d("2025-03-01")));
    assert!(lost_lines(OTHER_LAYOUT, &i.agency.policies).is_empty());
}

/// The whole parsed model of each seed, reviewed like code: a change to
/// the importer shows here as a diff (`cargo insta review`).
#[test]
fn snapshots_of_the_parsed_model() {
    for prefix in SEEDS {
        let imported = import(prefix);
        insta::assert_json_snapshot!(format!("seed_{prefix}"), imported.agency);
    }
}

#[test]
fn registered_files_and_retention_where_tabled() {
    let p = policy("004");
    assert_eq!(p.files.len(), 1);
    assert_eq!(p.files[0].name, "서울시 온라인 여론조사 패널 정보");
    assert_eq!(p.files[0].retention, "2년, 통합회원 탈퇴 시");
    assert_eq!(p.retention.len(), 1);
    assert_eq!(p.retention[0].service, "서울시 온라인 여론조사 패널 정보");
    assert_eq!(p.retention[0].period, "2년, 통합회원 탈퇴 시");
    // The others refer to the national portal instead of tabling them.
    for prefix in ["000", "001", "002", "003"] {
        assert!(policy(prefix).files.is_empty(), "{prefix}");
    }
}
