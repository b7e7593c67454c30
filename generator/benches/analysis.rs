//! Prints the figures of the Korean analysis: dictionary provisioning time
//! (cold: decode + build from the cached wheel into an empty cache, as the
//! build script does once), unpacking the embedded dictionary (what every
//! process pays once), and analysis throughput over the seed policies with
//! a cold and a warm per-run cache.
//!
//! `cargo bench -p bangchim --bench analysis`

use std::path::{Path, PathBuf};
use std::time::Instant;

use bangchim::analysis::KoDicAnalyzer;
use bangchim::dict;
use bangchim_core::analysis::{Piece, normalize, pretokenize};

fn seeds_dir() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::var_os("BANGCHIM_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| here.join("../tests/fixtures/seeds"))
}

fn main() {
    let cache = dict::cache_root();
    // Make sure the wheel is cached, so the cold figure measures our work.
    bangchim_dict::provision(&cache, |s| eprintln!("{s}")).expect("provision");
    cold_provision(&cache);

    let t = Instant::now();
    let analyzer = KoDicAnalyzer::embedded().expect("load");
    println!(
        "dictionary embedded ({:.1} MB packed): unpacked + loaded in {:.3} s",
        dict::PACKED.len() as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    let seeds = Seeds::read();
    throughput(analyzer, &seeds);
    agreement(&seeds.text);
}

/// Provisions the dictionary into an empty cache (sharing the cached
/// wheels) and prints how long that took.
fn cold_provision(cache: &Path) {
    let cold_cache = tempfile::tempdir().expect("tempdir");
    let wheels = cache.join("wheels");
    if wheels.is_dir() {
        std::os::unix::fs::symlink(&wheels, cold_cache.path().join("wheels")).expect("link wheels");
    }
    let cold = bangchim_dict::provision(cold_cache.path(), |_| {}).expect("cold provision");
    println!(
        "dictionary cold: fetch {:.2} s, decode + build {:.2} s",
        cold.fetch.as_secs_f64(),
        cold.build.as_secs_f64()
    );
}

/// The seed policies' text, one file after another.
struct Seeds {
    /// All the files' text, each followed by a newline.
    text: String,
    /// How many files there are.
    files: usize,
}

impl Seeds {
    /// Reads the seed files, in name order.
    fn read() -> Seeds {
        let mut text = String::new();
        let mut files: Vec<_> = std::fs::read_dir(seeds_dir())
            .expect("seeds directory (set BANGCHIM_SEEDS)")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        for f in &files {
            text.push_str(&std::fs::read_to_string(f).expect("seed"));
            text.push('\n');
        }
        Seeds {
            text,
            files: files.len(),
        }
    }
}

/// Prints the analysis throughput over the seeds, with a cold and then a
/// warm per-run cache.
fn throughput(analyzer: KoDicAnalyzer, seeds: &Seeds) {
    let text = &seeds.text;
    let mb = text.len() as f64 / 1e6;
    let runs: usize = pretokenize(text)
        .iter()
        .filter(|p| matches!(p, Piece::Hangul { .. }))
        .count();

    let mut tokenizer = analyzer.into_tokenizer();
    let t = Instant::now();
    let terms = tokenizer.terms(text).len();
    let cold_s = t.elapsed().as_secs_f64();
    let distinct = tokenizer.cached_runs();
    let rounds = 20;
    let t = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(tokenizer.terms(text));
    }
    let warm_s = t.elapsed().as_secs_f64() / rounds as f64;
    println!(
        "analysis: {} seeds, {:.3} MB, {runs} Hangul runs ({distinct} distinct), {terms} terms",
        seeds.files, mb
    );
    println!(
        "analysis throughput: cold cache {:.2} MB/s, warm cache {:.2} MB/s",
        mb / cold_s,
        mb / warm_s
    );
}

/// Prints how often a run analysed alone (as the index and the browser
/// do) gives the morphemes lindera gives it inside its sentence.
fn agreement(text: &str) {
    let analyzer = KoDicAnalyzer::embedded().expect("load");
    let (mut same, mut total) = (0usize, 0usize);
    for line in text.lines() {
        let norm = normalize(line);
        let in_sentence = analyzer.morpheme_terms(&norm, "");
        for piece in pretokenize(&norm) {
            if let Piece::Hangul { text, start, end } = piece {
                let inside: Vec<&str> = in_sentence
                    .iter()
                    .filter(|t| t.start >= start && t.end <= end)
                    .map(|t| t.text.as_str())
                    .collect();
                let alone = analyzer.morpheme_terms(&text, bangchim::analysis::RIGHT_CONTEXT);
                let alone: Vec<&str> = alone.iter().map(|t| t.text.as_str()).collect();
                total += 1;
                same += usize::from(inside == alone);
            }
        }
    }
    println!(
        "per-run vs in-sentence analysis: {same}/{total} run occurrences agree ({:.1}%)",
        100.0 * same as f64 / total as f64
    );
}
