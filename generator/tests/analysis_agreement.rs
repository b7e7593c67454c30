//! How well the browser's dictionary-free analysis reproduces the build's,
//! measured with the lexicon files the build writes (as the browser reads
//! them):
//! on every distinct Hangul run of the corpus, and on unseen particle and
//! ending variants of the corpus's words (the case the lexicon cannot look
//! up and must reason about).

mod inputs;

use std::collections::BTreeSet;
use std::path::Path;

use bangchim::analysis::KoDicAnalyzer;
use bangchim::content::read_content;
use bangchim::index::{documents, hangul_runs};
use bangchim_core::analysis::{FormAnalyzer, Term};
use bangchim_core::jamo;
use bangchim_core::lexicon::Lexicon;

/// Builds the seed site and reads its lexicon back as the browser does:
/// `Lexicon::new` with the manifest's chunk count and suffixes, every
/// `lexicon/<k>.txt` chunk, and the vocabulary. Returns it and the size of
/// its chunks in bytes.
fn built_lexicon() -> (Lexicon, usize) {
    let dir = inputs::seed_site().join(bangchim_core::schema::SEARCH_DIR);
    let read = |p: std::path::PathBuf| std::fs::read_to_string(p).unwrap();
    let manifest = bangchim_core::search::read_manifest(&read(dir.join("manifest.json"))).unwrap();
    let mut lexicon = Lexicon::new(manifest.lexicon_chunks, manifest.suffixes.clone());
    let mut bytes = 0;
    for k in 0..manifest.lexicon_chunks {
        let chunk = read(dir.join("lexicon").join(format!("{k}.txt")));
        bytes += chunk.len();
        lexicon.add_chunk(k, &chunk).unwrap();
    }
    if let Some(v) = &manifest.vocabulary {
        lexicon.add_vocabulary(&read(dir.join(v)));
    }
    (lexicon, bytes)
}

/// Particles and endings a citizen may put after a word in a query, with
/// the final consonant they need: `Some(true)` after one (을, 이, 과),
/// `Some(false)` after a vowel (를, 가, 와), `None` after either.
const VARIANTS: &[(&str, Option<bool>)] = &[
    ("을", Some(true)),
    ("를", Some(false)),
    ("이", Some(true)),
    ("가", Some(false)),
    ("은", Some(true)),
    ("는", Some(false)),
    ("과", Some(true)),
    ("와", Some(false)),
    ("으로", Some(true)),
    ("로", Some(false)),
    ("이나", Some(true)),
    ("나", Some(false)),
    ("의", None),
    ("에", None),
    ("에서", None),
    ("도", None),
    ("만", None),
    ("까지", None),
    ("부터", None),
    ("에게", None),
    ("처럼", None),
    ("보다", None),
    ("에는", None),
    ("하는", None),
    ("하고", None),
    ("한", None),
    ("할", None),
    ("된", None),
    ("되는", None),
];

/// Whether a word ends in a syllable with a final consonant (받침).
/// Endings of a citizen's question after a light verb, which policies do
/// not write (보관하나요, 제공되나요).
const QUESTION_ENDINGS: &[(&str, Option<bool>)] = &[
    ("하나요", None),
    ("되나요", None),
    ("했나요", None),
    ("할까요", None),
    ("해야", None),
    ("하는지", None),
    ("되는지", None),
    ("하려면", None),
    // Not among the lexicon's suffixes: cut only after a known word.
    ("하셨나요", None),
    ("되었나요", None),
    ("할래요", None),
    ("하였는지", None),
];

/// Of the forms `word` + `variant` that neither the corpus nor the
/// lexicon has: how many, how many the browser reads exactly as the
/// build, and how many safely (every browser term a build term, so the
/// document is found).
fn agreement(
    build: &KoDicAnalyzer,
    browser: &Lexicon,
    runs: &BTreeSet<String>,
    words: &BTreeSet<String>,
    variants: &[(&str, Option<bool>)],
) -> (usize, usize, usize) {
    let (mut total, mut same, mut safe) = (0usize, 0usize, 0usize);
    for w in words {
        for (v, needs) in variants {
            if needs.is_some_and(|n| n != ends_in_consonant(w)) {
                continue;
            }
            let form = format!("{w}{v}");
            if runs.contains(&form) || browser.knows(&form) {
                continue;
            }
            total += 1;
            let (b, q) = (
                key(&build.analyze_run(&form)),
                key(&browser.analyze_run(&form)),
            );
            if b == q {
                same += 1;
            } else if std::env::var_os("SHOW_MISMATCHES").is_some() {
                println!("  {form}: build {b:?} browser {q:?}");
            }
            if !q.is_empty() && q.iter().all(|t| b.iter().any(|x| x.0 == t.0)) {
                safe += 1;
            }
        }
    }
    (total, same, safe)
}

fn ends_in_consonant(word: &str) -> bool {
    word.chars()
        .last()
        .and_then(jamo::parts)
        .is_some_and(|(_, _, last)| last)
}

fn key(terms: &[Term]) -> Vec<(String, bool)> {
    terms
        .iter()
        .map(|t| (t.text.clone(), t.same_position))
        .collect()
}

#[test]
fn browser_and_build_analysis_agree() {
    let build = KoDicAnalyzer::embedded().unwrap();
    let agencies = read_content(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")).unwrap();
    let mut runs = BTreeSet::new();
    for d in documents(&agencies) {
        runs.extend(hangul_runs(&d.text));
        runs.extend(hangul_runs(&d.title));
    }
    // The lexicon as the browser gets it: the files the build writes
    // (chunks, vocabulary, the manifest's suffixes), read as the worker does.
    let (browser, table_bytes) = built_lexicon();
    let corpus_agree = runs
        .iter()
        .filter(|r| key(&browser.analyze_run(r)) == key(&build.analyze_run(r)))
        .count();

    // Unseen variants: a corpus word (a run's first term, when the run
    // starts with it) plus a particle or ending, absent from the corpus.
    let words: BTreeSet<String> = runs
        .iter()
        .filter_map(|r| {
            build
                .analyze_run(r)
                .first()
                .map(|t| t.text.clone())
                .filter(|w| r.starts_with(w.as_str()))
        })
        .filter(|w| w.chars().count() >= 2)
        .collect();
    let (total, same, safe) = agreement(&build, &browser, &runs, &words, VARIANTS);
    let (asked, asked_same, _) = agreement(&build, &browser, &runs, &words, QUESTION_ENDINGS);
    // Terms typed alone that the corpus only writes inside longer runs
    // (구제 of 피해구제): each term of the build's readings.
    let parts: BTreeSet<String> = runs
        .iter()
        .flat_map(|r| build.analyze_run(r))
        .map(|t| t.text)
        .filter(|t| t.chars().count() >= 2 && t.chars().all(jamo::is_syllable))
        .collect();
    let alone = agreement(&build, &browser, &runs, &parts, &[("", None)]);
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "analysis agreement: corpus runs {corpus_agree}/{} ({:.1}%); unseen variants exact {same}/{total} ({:.1}%), safe {safe}/{total} ({:.1}%); question endings exact {asked_same}/{asked} ({:.1}%); terms typed alone exact {}/{} ({:.1}%); lexicon {} B",
        runs.len(),
        pct(corpus_agree, runs.len()),
        pct(same, total),
        pct(safe, total),
        pct(asked_same, asked),
        alone.1,
        alone.0,
        pct(alone.1, alone.0),
        table_bytes
    );
    assert_eq!(
        corpus_agree,
        runs.len(),
        "every corpus run must be looked up exactly"
    );
    // Measured 97.2% exact and 97.9% safe on the seeds, with the files the
    // build writes (94.2% and 96.2% before words got their reading before
    // particles, 95.6% and 97.3% before the build asked ko-dic about each
    // word with probes after it: light verbs, and particles for the words
    // the corpus never shows before one). The misses are mostly readings
    // that change with the particle (성별로 → 성 + 별로, 생성을 → 생 but
    // 생성조차 → 생성) and verb stems that take no particle in Korean
    // (책임지를).
    assert!(
        pct(same, total) >= 97.0,
        "exact agreement on unseen variants {:.1}%",
        pct(same, total)
    );
    assert!(
        pct(safe, total) >= 97.5,
        "safe agreement on unseen variants {:.1}%",
        pct(safe, total)
    );
    // Measured 91.0%, was 16.3% when the lexicon cut only the suffixes the
    // corpus shows (보관하나요 was searched as written, and found nothing).
    // The misses are mostly names and places with a verb after them, which
    // ko-dic reads in pieces (강남구했나요 → 강남 + 구하), and unknown
    // words before an ending that is not a suffix.
    // Measured 91.7%, was 85.1% before a term of the vocabulary typed alone
    // was kept whole (구제 was cut to 구 + the suffix 제).
    assert!(
        pct(alone.1, alone.0) >= 90.0,
        "exact agreement on terms typed alone {:.1}%",
        pct(alone.1, alone.0)
    );
    assert!(
        pct(asked_same, asked) >= 90.0,
        "exact agreement on question endings {:.1}%",
        pct(asked_same, asked)
    );
}
