//! Korean relevance over the seeds: queries in natural Korean, with the
//! page (and anchor) a person expects among the first ten hits. Run through
//! the same searcher the browser uses (`BuiltSearch`, i.e. `bangchim search`).

use std::path::Path;

use bangchim::index::BuiltSearch;
use bangchim::site::{BuildOptions, build};
use bangchim_core::search::Request;

/// (query, expected URL of the hit: page and anchor; a trailing `*` accepts
/// any anchor with that prefix).
pub const QUERIES: &[(&str, &str)] = &[
    ("피씨엔에 위탁한 업무", "seoul/poll/#위탁-1"),
    ("(주)피씨엔 주소", "seoul/poll/#위탁-1"),
    ("쿠키를 차단하려면", "seoul/poll/#제10조"),
    ("쿠키 거부 방법", "gwangju-seogu/privacy/#제10조"),
    ("정지인 전화번호", "seoul-junggu/privacy/#연락처-2"),
    ("김종석", "seoul-junggu/privacy/#연락처-1"),
    ("02-3396-8219", "seoul-junggu/privacy/#연락처-1"),
    ("0233968219", "seoul-junggu/privacy/#연락처-1"),
    ("stopin48@junggu.seoul.kr", "seoul-junggu/privacy/#연락처-2"),
    (
        "남양주시 개인정보 보호책임자",
        "gyeonggi-namyangju/privacy/#연락처-1",
    ),
    (
        "서구 개인정보 보호책임자 전화번호",
        "gwangju-seogu/privacy/#연락처-1",
    ),
    ("이해경 국장", "gwangju-seogu/privacy/#연락처-1"),
    ("봉중수 팩스", "gwangju-seogu/privacy/#연락처-2"),
    ("한국지역정보개발원", "seoul-junggu/privacy/#위탁-3"),
    // Many rows entrust resident numbers: any of 중구's trustee rows answers.
    (
        "주민등록번호를 위탁하는 업체",
        "seoul-junggu/privacy/#위탁-*",
    ),
    ("연꽃마을 요양센터", "seoul-junggu/privacy/#위탁-9"),
    ("치매지원센터", "seoul-junggu/privacy/#위탁-20"),
    (
        "엑소소프트 홈페이지 유지보수",
        "seoul-junggu/privacy/#위탁-1",
    ),
    (
        "개인정보 분쟁조정위원회 전화번호",
        "seoul-junggu/privacy/#구제-1",
    ),
    ("1833-6972", "seoul-junggu/privacy/#구제-1"),
    ("개인정보침해신고센터 118", "seoul-junggu/privacy/#구제-2"),
    ("경찰청 사이버안전국", "seoul-junggu/privacy/#구제-4"),
    (
        "접속기록은 얼마나 보관하나요",
        "seoul-junggu/privacy/#제7조",
    ),
    ("개인정보를 파기하는 방법", "seoul-junggu/privacy/#제6조"),
    ("파기절차", "gwangju-seogu/privacy/#제7조"),
    ("열람청구는 어디에", "seoul/contract/#제11조"),
    ("열람 청구 접수 부서", "seoul/poll/#제14조"),
    ("가명정보 처리", "seoul/poll/#제12조"),
    ("민감정보 공개 가능성", "seoul/poll/#제5조"),
    ("여론조사 패널 보유기간", "seoul/poll/#제2조"),
    ("실적증명 발급", "seoul/contract/#제1조"),
    ("만14세 미만 아동", "seoul-junggu/privacy/#제1조"),
    ("영상정보처리기기", "gwangju-seogu/privacy/#제1조"),
    ("개인정보 관리수준 진단 결과", "seoul/poll/#제16조"),
    ("\"정보주체와 법정대리인\"", "gwangju-seogu/privacy/#제5조"),
    ("행정심판 청구", "seoul-junggu/privacy/#제9조"),
];

#[test]
fn recall_at_10_and_mrr() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).join(".."),
        out: out.clone(),
        base_url: None,
        live_reload: false,
        progress: false,
    })
    .unwrap();
    let mut search = BuiltSearch::open(&out).unwrap();
    let (mut found, mut rr) = (0usize, 0f64);
    let mut misses = Vec::new();
    for (query, expected) in QUERIES {
        let results = search
            .search(&Request {
                query: query.to_string(),
                limit: 10,
                ..Default::default()
            })
            .unwrap();
        let matches = |url: &str| match expected.strip_suffix('*') {
            Some(prefix) => url.starts_with(prefix),
            None => url == *expected,
        };
        match results.hits.iter().position(|h| matches(&h.url)) {
            Some(rank) => {
                found += 1;
                rr += 1.0 / (rank + 1) as f64;
                if rank > 2 {
                    misses.push(format!("{query}: rank {}", rank + 1));
                }
            }
            None => misses.push(format!(
                "{query}: {expected} not in top 10 (terms {:?})",
                results.terms
            )),
        }
    }
    let n = QUERIES.len() as f64;
    let (recall, mrr) = (found as f64 / n, rr / n);
    println!(
        "relevance: {} queries, recall@10 {recall:.3}, MRR {mrr:.3}",
        QUERIES.len()
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(QUERIES.len() >= 30);
    assert!(recall >= 0.95, "recall@10 {recall:.3}: {misses:#?}");
    assert!(mrr >= 0.75, "MRR {mrr:.3}: {misses:#?}");
}
