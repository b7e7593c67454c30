//! Native search latency on a built site, query by query: where the
//! browser's time goes, without the browser (the searcher is the same
//! code; under `perf record` this is the profile).
//!
//! ```sh
//! cargo bench -p bangchim --bench latency -- <built site> [runs] [only]
//! ```
//!
//! Runs every query of `tests/relevance.json` (or those containing
//! `only`, to profile one) once to warm the caches, then `runs` times
//! (default 5), and prints the mean time of each, the slowest first, with
//! p50/p95 over the queries.

use std::path::PathBuf;
use std::time::Instant;

use bangchim::index::BuiltSearch;
use bangchim_core::search::Request;

fn main() {
    // `cargo bench` passes `--bench` first.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(site) = args.first().map(PathBuf::from) else {
        eprintln!("usage: cargo bench -p bangchim --bench latency -- <built site> [runs] [only]");
        std::process::exit(2);
    };
    let runs: u32 = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut search = BuiltSearch::open(&site).expect("a built site");
    let only = args.get(2).map(String::as_str).unwrap_or_default();
    let mut times: Vec<(f64, usize, String)> = queries()
        .into_iter()
        .filter(|q| q.contains(only))
        .map(|query| {
            let req = Request {
                query,
                limit: 10,
                ..Default::default()
            };
            let total = search.search(&req).expect("search").total;
            let t = Instant::now();
            for _ in 0..runs {
                search.search(&req).expect("search");
            }
            let ms = t.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
            (ms, total, req.query)
        })
        .collect();
    times.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("{:>8}  {:>7}  query", "ms", "results");
    for (ms, total, query) in &times {
        println!("{ms:>8.2}  {total:>7}  {query}");
    }
    let mut ms: Vec<f64> = times.iter().map(|t| t.0).collect();
    ms.reverse();
    let pct = |p: f64| ms[((ms.len() - 1) as f64 * p).round() as usize];
    println!(
        "{} queries, {runs} runs each: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        ms.len(),
        pct(0.5),
        pct(0.95),
        pct(1.0)
    );
}

/// The relevance set's queries.
fn queries() -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/relevance.json");
    let text = std::fs::read_to_string(&path).expect("tests/relevance.json");
    let set: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    set["queries"]
        .as_array()
        .expect("a queries array")
        .iter()
        .filter_map(|q| q["query"].as_str().map(String::from))
        .collect()
}
