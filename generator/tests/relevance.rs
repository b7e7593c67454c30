//! Korean relevance over the seeds: queries in natural Korean, with the
//! page (and anchor) a person expects among the first ten hits. Run through
//! the same searcher the browser uses (`BuiltSearch`, i.e. `bangchim search`).
//! A target counts as found when it is a hit or inside a hit's wording
//! group (documents saying the same thing come back as one result).

mod inputs;

use bangchim::index::BuiltSearch;
use std::sync::{Mutex, MutexGuard, OnceLock};

use std::collections::HashSet;

use bangchim_core::search::{Hit, Request, Results};

/// One query of the relevance set.
struct Judged {
    query: String,
    /// The page (and anchor) first judged to answer it; a trailing `*`
    /// accepts any anchor with that prefix.
    expected: String,
    /// Other pages judged to answer it as fully (a query that names no
    /// agency is answered by every policy's article on the subject).
    also: Vec<String>,
}

/// The relevance set, shared with the browser benchmark
/// (`tests/e2e/bench.mjs`).
fn queries() -> Vec<Judged> {
    let set: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/relevance.json")).unwrap();
    let text = |v: &serde_json::Value| v.as_str().unwrap().to_string();
    set["queries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| Judged {
            query: text(&q["query"]),
            expected: text(&q["expected"]),
            also: q["also"]
                .as_array()
                .map(|a| a.iter().map(text).collect())
                .unwrap_or_default(),
        })
        .collect()
}

/// Whether `url` is `wanted` (a trailing `*` accepts any anchor with that prefix).
fn is(url: &str, wanted: &str) -> bool {
    match wanted.strip_suffix('*') {
        Some(prefix) => url.starts_with(prefix),
        None => url == wanted,
    }
}

/// The 0-based rank of the first hit that is, or whose wording group
/// holds, a page `wanted` accepts.
fn rank_of(results: &Results, wanted: impl Fn(&str) -> bool) -> Option<usize> {
    results
        .hits
        .iter()
        .position(|h| wanted(&h.url) || h.members.iter().any(|m| wanted(&m.url)))
}

/// The seeds' site, built once for every test of this file.
fn site() -> MutexGuard<'static, BuiltSearch> {
    static SITE: OnceLock<Mutex<BuiltSearch>> = OnceLock::new();
    SITE.get_or_init(|| Mutex::new(BuiltSearch::open(inputs::seed_site()).unwrap()))
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

fn ask(query: &str, typing: bool) -> Results {
    site()
        .search(&Request {
            query: query.into(),
            limit: 10,
            typing,
            members: true,
            ..Default::default()
        })
        .unwrap()
}

#[test]
fn recall_at_10_and_mrr() {
    let mut search = site();
    let (mut found, mut rr, mut rr_first) = (0usize, 0f64, 0f64);
    let mut misses = Vec::new();
    let queries = queries();
    for q in &queries {
        let results = search
            .search(&Request {
                query: q.query.clone(),
                limit: 10,
                members: true,
                ..Default::default()
            })
            .unwrap();
        // Against the first judgement alone too, to show what `also` adds.
        if let Some(rank) = rank_of(&results, |u| is(u, &q.expected)) {
            rr_first += 1.0 / (rank + 1) as f64;
        }
        let rank = rank_of(&results, |u| {
            is(u, &q.expected) || q.also.iter().any(|a| is(u, a))
        });
        match rank {
            Some(rank) => {
                found += 1;
                rr += 1.0 / (rank + 1) as f64;
                if rank > 0 {
                    misses.push(format!("{}: rank {}", q.query, rank + 1));
                }
            }
            None => misses.push(format!(
                "{}: {} not in top 10 (terms {:?})",
                q.query, q.expected, results.terms
            )),
        }
    }
    let n = queries.len() as f64;
    let (recall, mrr) = (found as f64 / n, rr / n);
    println!(
        "relevance: {} queries, recall@10 {recall:.3}, MRR {mrr:.3} (against the first judgement alone {:.3})",
        queries.len(),
        rr_first / n
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(queries.len() >= 30);
    assert!(recall >= 0.95, "recall@10 {recall:.3}: {misses:#?}");
    assert!(mrr >= 0.95, "MRR {mrr:.3}: {misses:#?}");
}

#[test]
fn the_same_remedy_body_in_every_policy_is_one_result() {
    let r = ask("개인정보분쟁조정위원회", false);
    let groups: Vec<&Hit> = r
        .hits
        .iter()
        .filter(|h| h.kind == "remedy" && h.title.replace(' ', "") == "개인정보분쟁조정위원회")
        .collect();
    assert_eq!(groups.len(), 1, "{:#?}", r.hits);
    let hit = groups[0];
    assert!(hit.group_size >= 4, "{hit:#?}");
    assert_eq!(hit.members.len() as u64, hit.group_size);
    let agencies: HashSet<&str> = hit.members.iter().map(|m| m.agency.as_str()).collect();
    assert_eq!(agencies.len() as u64, hit.group_agencies);
    assert!(agencies.len() >= 4, "{agencies:?}");
    assert!(hit.group.is_some(), "{hit:#?}");
    // A hit whose wording is its own has no group to open.
    let own = r.hits.iter().find(|h| h.group_size == 1);
    assert!(own.is_some_and(|h| h.group.is_none() && h.members.is_empty()));
    // Counts count what is shown: a group once.
    let all = site()
        .search(&Request {
            query: "개인정보분쟁조정위원회".into(),
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.total, all.hits.len());
    assert_eq!(
        r.kinds.iter().map(|(_, n)| n).sum::<usize>(),
        r.total,
        "{:?}",
        r.kinds
    );
}

/// The collector keeps only as many documents of a wording of their own
/// as are shown: a shorter list must be the head of a longer one (ties in
/// the same order), with the same counts.
#[test]
fn fewer_hits_are_the_first_of_more() {
    let ask_for = |query: &str, kind: Option<&str>, agency: Option<&str>, limit: usize| {
        site()
            .search(&Request {
                query: query.into(),
                kind: kind.map(String::from),
                agency: agency.map(String::from),
                limit,
                ..Default::default()
            })
            .unwrap()
    };
    let seen = |r: &Results| -> Vec<(String, u32)> {
        r.hits
            .iter()
            .map(|h| (h.url.clone(), h.score.to_bits()))
            .collect()
    };
    for (query, kind, agency) in [
        ("개인정보", None, None),
        ("수탁", Some("trustee"), None),
        ("보호책임자 연락처", None, None),
        ("개인정보분쟁조정위원회", None, None),
        ("개인정보", Some("article"), Some("경기도 남양주시")),
    ] {
        let all = ask_for(query, kind, agency, 100);
        assert!(all.hits.len() > 5, "{query}: {} hits", all.hits.len());
        for limit in [1, 3, 5] {
            let some = ask_for(query, kind, agency, limit);
            assert_eq!(seen(&some), seen(&all)[..limit], "{query}, {limit}");
            assert_eq!(
                (some.total, &some.kinds, &some.agencies),
                (all.total, &all.kinds, &all.agencies),
                "{query}, {limit}"
            );
        }
    }
}

/// A citizen's word finds the policies' official one: the seeds never
/// write CCTV, and say 영상정보처리기기.
#[test]
fn an_everyday_word_finds_the_official_one() {
    let r = ask("CCTV", false);
    assert!(!r.hits.is_empty(), "{:?}", r.terms);
    assert!(r.hits.iter().all(|h| h.text.contains("영상정보처리기기")));
    assert!(
        r.hits[0].excerpt.contains("<mark>영상정보처리기기</mark>"),
        "{}",
        r.hits[0].excerpt
    );
    // And the other way: 누리집 also finds what says 홈페이지.
    let r = ask("누리집", false);
    assert!(
        r.hits
            .iter()
            .any(|h| h.text.contains("홈페이지") && !h.text.contains("누리집"))
    );
}

/// A question's asking words (누구, 어디) are not searched: no policy
/// says them, and beside them the question's subject found nothing.
#[test]
fn a_question_is_searched_by_what_it_asks_about() {
    let r = ask("개인정보 보호책임자는 누구인가요", false);
    assert!(
        !r.terms.iter().any(|t| t.starts_with("누구")),
        "{:?}",
        r.terms
    );
    assert_eq!(r.hits.first().map(|h| h.kind.as_str()), Some("contact"));
    // A word that asks is all the query has: searched as it is.
    assert_eq!(ask("누구", false).terms, ["누구"]);
}

/// A word found nowhere does not leave a query without hits: the words
/// beside it, however common (개인정보 is in most documents, and beside
/// a rarer word would only rank), find them.
#[test]
fn a_word_found_nowhere_leaves_the_others_finding() {
    let found = ask("개인정보", false);
    let r = ask("개인정보 쿼크스트라움", false);
    assert!(r.terms.iter().any(|t| t == "쿼크스트라움"), "{:?}", r.terms);
    assert!(!r.hits.is_empty());
    assert_eq!(r.hits[0].url, found.hits[0].url);
}

#[test]
fn a_query_that_finds_nothing_is_widened() {
    // A word no document holds, beside a kind: the kind's documents, and
    // the word said to be left out.
    let r = ask("쿼크스트라움 보호책임자", false);
    assert_eq!(r.left_out, ["쿼크스트라움"]);
    assert!(!r.hits.is_empty());
    assert!(r.hits.iter().all(|h| h.kind == "contact"), "{:?}", r.hits);
    // A kind the named agency has none of (광주 서구 entrusts no work):
    // the kind's words searched as text, the agency's article on
    // entrusting first.
    let r = ask("광주 서구 위탁업체", false);
    assert_eq!(r.hits[0].url, "gwangju-seogu/privacy/#제4조");
    let chips: Vec<&str> = r.understood.iter().map(|u| u.intent.as_str()).collect();
    assert_eq!(chips, ["agency"]);
    assert!(r.left_out.is_empty());
    // While typing, nothing found stays nothing (the box keeps its list).
    assert_eq!(ask("쿼크스트라움 보호책임자", true).total, 0);
    // Nothing to find without the word: nothing.
    assert_eq!(ask("쿼크스트라움", false).total, 0);
}

#[test]
fn a_typo_in_a_long_word_finds_the_word() {
    // 보효책임자: one syllable off 보호책임자, and its last syllable is a
    // suffix the lexicon cuts off unknown words.
    let r = ask("보효책임자", false);
    assert!(r.total > 0);
    assert!(r.hits[0].title.contains("보호책임자"), "{:?}", r.hits[0]);
}

#[test]
fn a_phone_typed_in_groups_finds_its_row() {
    let dashed = ask("02-3396-8219", false);
    let spaced = ask("02 3396 8219", false);
    assert!(!spaced.hits.is_empty());
    assert_eq!(spaced.hits[0].url, dashed.hits[0].url);
}

#[test]
fn everyday_words_find_the_policy_terms() {
    // 넘기다 (hand over) is 제공 in a policy; 내 (my) and 알려주세요 only ask.
    let r = ask("내 정보를 다른 곳에 넘기나요 알려주세요", false);
    assert!(r.terms.contains(&"제공".to_string()), "{:?}", r.terms);
    assert!(!r.terms.contains(&"내".to_string()), "{:?}", r.terms);
    assert!(r.hits[0].title.contains("제3자 제공"), "{:?}", r.hits[0]);
    // Without the table the verb is found nowhere.
    let r = ask("지워주세요", false);
    assert!(r.hits[0].text.contains("삭제"), "{:?}", r.hits[0]);
    // 제 3자 typed apart is the ordinal, not 제 (my) and 3자.
    let r = ask("제 3자 제공", false);
    assert!(r.terms.contains(&"제3자".to_string()), "{:?}", r.terms);
}

#[test]
fn a_university_by_its_short_name() {
    // The trustee is 인제대학교 산학협력단; people say 인제대.
    let r = ask("인제대", false);
    assert!(r.terms.contains(&"인제대학교".to_string()), "{:?}", r.terms);
    assert!(r.hits[0].title.contains("인제대학교"), "{:?}", r.hits[0]);
}

#[test]
fn a_quantity_is_searched_whole() {
    // 1년, not every 1 (제1조) and every 년 (each date).
    let r = ask("개인정보 1년 보관", false);
    assert!(r.terms.contains(&"1년".to_string()), "{:?}", r.terms);
    assert!(r.hits[0].text.contains("1년"), "{}", r.hits[0].text);
}

#[test]
fn a_named_agency_first_in_its_group() {
    let r = ask("남양주 분쟁조정", false);
    let hit = &r.hits[0];
    assert_eq!(hit.agency, "경기도 남양주시");
    assert!(hit.group_size > 1);
    assert_eq!(hit.members[0].agency, "경기도 남양주시");
}

#[test]
fn an_agency_and_a_kind_named_in_the_query() {
    let r = ask("남양주시 보호책임자 연락처", false);
    assert_eq!(r.hits[0].url, "gyeonggi-namyangju/privacy/#연락처-1");
    let chips: Vec<(&str, &str)> = r
        .understood
        .iter()
        .map(|u| (u.intent.as_str(), u.label.as_str()))
        .collect();
    assert!(chips.contains(&("agency", "경기도 남양주시")), "{chips:?}");
    assert!(chips.contains(&("kind", "연락처")), "{chips:?}");
    // An agency called by its office: 중구청 found nothing at all.
    let r = ask("중구청 담당자 전화", false);
    assert!(
        !r.hits.is_empty()
            && r.hits
                .iter()
                .all(|h| h.kind == "contact" && h.agency == "서울특별시 중구"),
        "{:#?}",
        r.hits
    );
    // 서울 중구, not 광주 서구 or another 중구.
    let r = ask("서울 중구 연락처", false);
    assert!(
        r.hits[..2]
            .iter()
            .all(|h| h.kind == "contact" && h.agency == "서울특별시 중구")
    );
}

#[test]
fn a_removed_chip_is_searched_as_text() {
    let named = ask("연락처", false);
    assert!(named.hits[..3].iter().all(|h| h.kind == "contact"));
    let literal = site()
        .search(&Request {
            query: "연락처".into(),
            literal: vec!["연락처".into()],
            ..Default::default()
        })
        .unwrap();
    assert!(literal.understood.is_empty());
    assert!(
        literal.hits[0].text.contains("연락처"),
        "{:#?}",
        literal.hits[0]
    );
}

#[test]
fn a_whole_name_outranks_a_part_of_a_compound() {
    let r = ask("인제대학교", false);
    assert!(r.hits[0].title.contains("인제대학교"), "{:#?}", r.hits[0]);
    assert!(!r.hits[0].title.contains("서울대학교"));
}

#[test]
fn a_syllable_being_composed_finds_what_it_becomes() {
    // 수탁ㅈ: the dictionary's words in 수탁자…수탁짛 join the query.
    let r = ask("수탁ㅈ", true);
    assert!(r.terms.iter().any(|t| t == "수탁자"), "{:?}", r.terms);
    assert!(r.hits[0].text.contains("수탁자"), "{:#?}", r.hits[0]);
    // ko-dic reads 피씨엔 as 피씨 + a particle: what was typed before the
    // open syllable finds it.
    for typed in ["피씨ㅇ", "피씨에"] {
        let r = ask(typed, true);
        assert!(
            r.hits[0].title.contains("피씨엔"),
            "{typed}: {:#?}",
            r.hits[0]
        );
    }
    // Not once the word is complete.
    assert!(ask("수탁ㅈ", false).terms.iter().all(|t| t != "수탁자"));
}

#[test]
fn initial_consonants_find_words_of_the_vocabulary() {
    assert_eq!(ask("ㄱㅇㅈㅂ", false).terms, ["개인정보"]);
    let r = ask("ㅂㅎㅊㅇㅈ", false);
    assert!(r.terms.contains(&"보호책임자".to_string()), "{:?}", r.terms);
    assert!(r.total > 0);
}

#[test]
fn beside_a_phrase_words_only_rank() {
    let phrase = ask("\"정보주체와 법정대리인\"", false);
    assert!(phrase.total >= 3, "{:#?}", phrase.hits);
    // No article holding the phrase speaks of cookies: the word orders,
    // it does not filter.
    let both = ask("\"정보주체와 법정대리인\" 쿠키", false);
    assert_eq!(both.total, phrase.total, "{:#?}", both.hits);
    // An article headed by the phrase is among the first.
    assert!(
        phrase.hits[..3]
            .iter()
            .all(|h| h.title.contains("정보주체와 법정대리인")),
        "{:#?}",
        phrase.hits
    );
}

#[test]
fn a_phrase_holds_its_words_side_by_side_and_in_order() {
    let words = ask("정보주체와 법정대리인", false);
    let phrase = ask("\"정보주체와 법정대리인\"", false);
    assert!(
        phrase.total > 0 && phrase.total < words.total,
        "{} of {}",
        phrase.total,
        words.total
    );
    // Found by its pairs of adjacent terms: the other order is none of them.
    assert_eq!(ask("\"법정대리인 정보주체\"", false).total, 0);
    // Longer phrases: every adjacent pair must be there.
    let long = ask("\"처리하는 개인정보의 항목\"", false);
    let loose = ask("처리하는 개인정보의 항목", false);
    assert!(
        long.total > 0 && long.total * 10 < loose.total,
        "{} of {}",
        long.total,
        loose.total
    );
    assert_eq!(ask("\"개인정보의 처리하는 항목\"", false).total, 0);
}
