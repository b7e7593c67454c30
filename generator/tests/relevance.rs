//! Korean relevance over the seeds: queries in natural Korean, with the
//! page (and anchor) a person expects among the first ten hits. Run through
//! the same searcher the browser uses (`BuiltSearch`, i.e. `bangchim search`).

mod inputs;

use bangchim::index::BuiltSearch;
use bangchim::site::build;
use bangchim_core::search::Request;

/// The relevance set, shared with the browser benchmark
/// (`tests/e2e/bench.mjs`): (query, expected URL of the hit: page and
/// anchor; a trailing `*` accepts any anchor with that prefix).
fn queries() -> Vec<(String, String)> {
    let set: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/relevance.json")).unwrap();
    set["queries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["query"].as_str().unwrap().to_string(),
                q["expected"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn recall_at_10_and_mrr() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&inputs::build_options(&inputs::repo(), &out)).unwrap();
    let mut search = BuiltSearch::open(&out).unwrap();
    let (mut found, mut rr) = (0usize, 0f64);
    let mut misses = Vec::new();
    let queries = queries();
    for (query, expected) in &queries {
        let results = search
            .search(&Request {
                query: query.clone(),
                limit: 10,
                ..Default::default()
            })
            .unwrap();
        let matches = |url: &str| match expected.strip_suffix('*') {
            Some(prefix) => url.starts_with(prefix),
            None => url == expected,
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
    let n = queries.len() as f64;
    let (recall, mrr) = (found as f64 / n, rr / n);
    println!(
        "relevance: {} queries, recall@10 {recall:.3}, MRR {mrr:.3}",
        queries.len()
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(queries.len() >= 30);
    assert!(recall >= 0.95, "recall@10 {recall:.3}: {misses:#?}");
    assert!(mrr >= 0.75, "MRR {mrr:.3}: {misses:#?}");
}
