//! Properties of the importer on generated policies: it never panics, never
//! drops a non-empty line, and what it imports survives the content files.
//! Cases: proptest's default (256), or `PROPTEST_CASES`.

use proptest::prelude::*;

use bangchim::content::{parse_policy_markdown, policy_markdown};
use bangchim::import::{ImportOptions, import_text, lost_lines};

/// Pieces of real policies: headings, markers, tables, contacts, dates,
/// and things that look like them but are not.
const PIECES: &[&str] = &[
    "제1조(개인정보의 처리목적)",
    "제2조 개인정보의 처리 및 보유기간",
    "제3조 (개인정보의 제3자 제공)",
    "제3조에 따라",
    "제9조(권익침해 구제방법)",
    "제10조 개인정보 보호책임자",
    "제11조(개인정보 처리방침 변경)",
    "① ",
    "- ② ",
    "1. ",
    "가. ",
    "- ",
    "• ",
    "▶ ",
    "○ ",
    "o ",
    "※ ",
    "\t",
    "\t\t",
    "개인정보",
    "를",
    " ",
    "  ",
    "처리합니다.",
    "(주)피씨엔",
    "수탁자",
    "위탁업무",
    "구분\t부서명\t성명\t연락처",
    "개인정보 보호책임자\t행정지원국\t김종석\t02-3396-8219",
    "위탁받는 자(수탁자)\t위탁업무",
    "개인정보 보호 책임자 : 자치 행정국장 이해경",
    "전화번호 : 062-360-7302",
    "이메일 :",
    "2019년 7월 9일부터 적용합니다",
    "2020. 1. 6",
    "시행일자 : 2011년 9월 30일",
    "< 목 차 >",
    "| <ol> 1. 목적 |",
    "|--|--|",
    "#",
    "## 제1조",
    "\\",
    "|",
    "주요 개인정보 처리 표시(라벨링)\t\t",
    "<script>alert(1)</script>",
    "\u{202e}",
    "중 구 개 인 정 보 처 리 방 침",
    "02-2133-2971~2",
    "privacy@seoul.go.kr",
    "(www.privacy.go.kr)",
    "\u{3000}",
    "\r",
    // The layouts of real policies beyond the seeds.
    "1. 개인정보의 처리 목적",
    "2.개인정보의 파기",
    "Ⅲ. 권익침해 구제방법",
    "제 4 조 ",
    "[제5조] ",
    "제6조. ",
    "개인정보의 안전성 확보조치",
    "HOME > ",
    "\t\n",
    "\n\t\n\n",
    "순번\t위탁받는 자(수탁자)\t위탁하는 업무의 내용\t위탁기간",
    "1\t수탁기관 : (주)가나",
    "주소 : 서울",
    "\t홈페이지 운영\t1년",
    "그룹웨어\t(주)다라",
    "▶ 개인정보 보호책임자",
    "성 명 : 박 민 수",
    "연락처 : 051-400-3210",
    "개인정보보호책임자 : 정보보안처 양륜겸, 장지혜",
    "(낚시누리 상담센터 : 1833-7139 )",
    "2018.06.19. 개정",
    "이 방침은 2024.4.15부터 시행합니다.",
    "2017. 6. 20 ~ 2019. 1. 28 적용",
    "단국대학교 영상정보처리기기 운영 · 관리 방침",
    "신·구 대조표",
    "개인정보취급방침",
    "㈜가나시스템에 위탁",
    "현행\t개정안",
    "\u{a0}",
];

/// Pieces of saved agency pages: chrome, headings, tables with spans.
const HTML_PIECES: &[&str] = &[
    "<html><body>",
    "<header><nav><ul><li>메뉴</li></ul></nav></header>",
    "<div id=\"contents\">",
    "</div>",
    "<h3>제1조(개인정보의 처리목적)</h3>",
    "<h4>2. 개인정보의 파기</h4>",
    "<p>① 기관은 처리합니다.</p>",
    "<table><tr><th>구분</th><th colspan=\"2\">성명</th></tr>",
    "<tr><td rowspan=\"3\">책임자</td><td>홍길동</td><td>02-123-4567</td></tr>",
    "<tr><td>김<br>철수</td></tr>",
    "</table>",
    "<td rowspan=\"0\">",
    "<ul><li>▶ 개인정보 보호책임자</li><li>성 명 : 박 민 수</li></ul>",
    "<script>var a = '<p>';</script>",
    "<footer>Copyright</footer>",
    "&nbsp;&lt;&amp;",
    "<br>",
    "\t",
    "</body></html>",
];

fn policy_text() -> impl Strategy<Value = String> {
    let line = prop::collection::vec(prop::sample::select(PIECES), 0..6).prop_map(|p| p.concat());
    prop::collection::vec(line, 0..40).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #[test]
    fn import_keeps_every_line_and_round_trips(text in policy_text()) {
        let imported = import_text(&text, &ImportOptions::default());
        // A refused document (a 신·구 대조표) imports nothing, on purpose.
        prop_assert_eq!(imported.agency.policies.is_empty(), imported.report.refused.is_some());
        if imported.report.refused.is_none() {
            prop_assert_eq!(lost_lines(&text, &imported.agency.policies), Vec::<String>::new());
        }
        for policy in &imported.agency.policies {
            let md = policy_markdown(policy);
            let (preamble, articles) = parse_policy_markdown(std::path::Path::new("p.md"), &md).expect("content reads back");
            prop_assert_eq!(&preamble, &policy.preamble);
            prop_assert_eq!(&articles, &policy.articles);
        }
    }

    #[test]
    fn saved_pages_import_without_panic_or_loss(parts in prop::collection::vec(prop::sample::select(HTML_PIECES), 0..40)) {
        let page = parts.concat();
        let text = bangchim::import::html::html_to_text(&page).text;
        let imported = import_text(&text, &ImportOptions::default());
        if imported.report.refused.is_none() {
            prop_assert_eq!(lost_lines(&text, &imported.agency.policies), Vec::<String>::new());
        }
    }

    #[test]
    fn import_never_panics_on_any_text(text in "\\PC{0,400}") {
        let imported = import_text(&text, &ImportOptions::default());
        if imported.report.refused.is_none() {
            prop_assert_eq!(lost_lines(&text, &imported.agency.policies), Vec::<String>::new());
        }
    }
}
