//! Query-side Korean analysis without the dictionary.
//!
//! At build time the generator writes, for every distinct Hangul run of
//! the corpus, the terms the ko-dic analyser gave it: an exact lookup
//! table, split into chunks by a hash of the run so that a browser fetches
//! only the chunks its query needs. A query run found in the table gets
//! exactly the build's terms. One that is not (an unseen particle or
//! ending on a known word) is cut at the longest known suffix whose stem
//! is in the table; failing that, the run is searched as written, less a
//! known suffix.
//!
//! A word can read one way alone and another before a particle (ko-dic
//! reads `개인정보파일` alone as `개인정보` + `파이`, but `개인정보파일을`
//! as `개인정보파일` + `파일`). The table then also holds the word's
//! reading before particles, on a line marked [`STEM_MARK`]; a stem cut
//! off a query's particle takes that reading first.
//!
//! A word after which ko-dic takes 하/되 for verbs of their own, or reads
//! the word otherwise than before a particle (see [`crate::light_verbs`]),
//! has a line marked [`VERB_MARK`] saying so; a query's light-verb ending
//! on it is read as ko-dic reads it.

use std::collections::{HashMap, HashSet};

use crate::analysis::{FormAnalyzer, Piece, Term, pretokenize};
use crate::light_verbs::{VerbMark, reading_with_suffix};

/// Particles, endings and light verbs often glued to a noun, added to the
/// suffixes the corpus shows.
pub const COMMON_SUFFIXES: &[&str] = &[
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "에서",
    "에게",
    "께",
    "께서",
    "으로",
    "로",
    "와",
    "과",
    "도",
    "만",
    "까지",
    "부터",
    "보다",
    "처럼",
    "이나",
    "나",
    "이며",
    "며",
    "이고",
    "고",
    "에는",
    "에서는",
    "으로는",
    "로는",
    "와의",
    "과의",
    "에의",
    "에게는",
    "이라",
    "라",
    "이란",
    "란",
    "하는",
    "하고",
    "하여",
    "해서",
    "한",
    "할",
    "함",
    "하면",
    "하려면",
    "하려고",
    "합니다",
    "했다",
    "했습니다",
    "된",
    "되는",
    "될",
    "됨",
    "되어",
    "되면",
    "입니다",
    "이다",
    "인",
    "들",
    "들의",
    "들은",
    "들을",
    // A citizen's question or request after a light verb, which policies
    // do not write (보관하나요, 제공되는지, 동의해야); on an unknown word
    // too, which a suffix cuts and a known word before a light verb
    // (`Lexicon::before_light_verb`) does not.
    "하나요",
    "하는지",
    "하는지요",
    "하나",
    "하죠",
    "하지",
    "하세요",
    "하시나요",
    "하기",
    "하게",
    "해야",
    "해요",
    "해도",
    "했나요",
    "했는지",
    "했어요",
    "할까요",
    "할지",
    "합니까",
    "되나요",
    "되는지",
    "되려면",
    "되죠",
    "되지",
    "되기",
    "되게",
    "되어야",
    "돼야",
    "돼요",
    "됐나요",
    "됐는지",
    "될까요",
    "될지",
    "됩니까",
    "됩니다",
];

/// Errors reading lexicon chunks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LexiconError {
    /// A chunk line is not `run<TAB>terms`.
    BadLine {
        /// Chunk number.
        chunk: usize,
        /// 1-based line.
        line: usize,
    },
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LexiconError::BadLine { chunk, line } => write!(
                f,
                "lexicon chunk {chunk}, line {line}: expected `run<TAB>terms`"
            ),
        }
    }
}

impl std::error::Error for LexiconError {}

/// FNV-1a over the run's bytes: the chunk a run's entry lives in.
pub fn chunk_of(run: &str, chunks: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for b in run.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    (h as usize) % chunks.max(1)
}

/// Marks a line holding a word's reading before particles (`~word<TAB>…`),
/// in the chunk of the word.
pub const STEM_MARK: char = '~';

/// One stem line: `~word<TAB>term term +term`, the reading `word` gets
/// before a particle when it differs from its reading alone.
pub fn encode_stem_entry(word: &str, terms: &[Term]) -> String {
    encode_entry(&format!("{STEM_MARK}{word}"), terms)
}

/// Marks a line saying how a word reads before a light verb
/// ([`VerbMark`]): `!word<TAB>하 되`, the verbs it takes as verbs of their
/// own, and `<TAB>terms` when its reading there is not its reading before
/// particles; in the chunk of the word.
pub const VERB_MARK: char = '!';

/// One verb line (see [`VERB_MARK`]).
pub fn encode_verb_entry(word: &str, mark: &VerbMark) -> String {
    let mut line = format!("{VERB_MARK}{word}\t{}", mark.verbs.join(" "));
    if let Some(reading) = &mark.reading {
        let entry = encode_entry("", reading);
        line.push_str(&entry);
    } else {
        line.push('\n');
    }
    line
}

/// One table line: `run<TAB>term term +term` (`+`: same position as the
/// term before).
pub fn encode_entry(run: &str, terms: &[Term]) -> String {
    let words: Vec<String> = terms
        .iter()
        .map(|t| {
            if t.same_position {
                format!("+{}", t.text)
            } else {
                t.text.clone()
            }
        })
        .collect();
    format!("{run}\t{}\n", words.join(" "))
}

fn decode_terms(run: &str, field: &str) -> Vec<Term> {
    field
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let (same, text) = match w.strip_prefix('+') {
                Some(t) => (true, t),
                None => (false, w),
            };
            Term {
                text: text.to_string(),
                start: 0,
                end: run.len(),
                same_position: same,
            }
        })
        .collect()
}

/// The table-backed analyser.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    chunks: usize,
    loaded: HashSet<usize>,
    table: HashMap<String, Vec<Term>>,
    /// Words' readings before particles, where they differ from the
    /// table's.
    stems: HashMap<String, Vec<Term>>,
    /// How words read before a light verb, where the lexicon says.
    verbs: HashMap<String, VerbMark>,
    suffixes: Vec<String>,
    /// The corpus's morpheme terms, to cut an unknown run into known words.
    vocabulary: HashSet<String>,
    longest_term: usize,
}

impl Lexicon {
    /// An empty lexicon of `chunks` chunks, with the corpus's suffixes
    /// (the common ones are added).
    pub fn new(chunks: usize, suffixes: impl IntoIterator<Item = String>) -> Lexicon {
        let mut all: Vec<String> = suffixes
            .into_iter()
            .chain(COMMON_SUFFIXES.iter().map(|s| s.to_string()))
            .collect();
        all.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        all.dedup();
        Lexicon {
            chunks: chunks.max(1),
            loaded: HashSet::new(),
            table: HashMap::new(),
            stems: HashMap::new(),
            verbs: HashMap::new(),
            suffixes: all,
            vocabulary: HashSet::new(),
            longest_term: 0,
        }
    }

    /// Adds the corpus's morpheme terms, as [`encode_vocabulary`] wrote
    /// them.
    pub fn add_vocabulary(&mut self, text: &str) {
        for t in decode_vocabulary(text) {
            if t.chars().count() >= 2 {
                self.longest_term = self.longest_term.max(t.chars().count());
                self.vocabulary.insert(t);
            }
        }
    }

    /// Cuts `run` into known terms, longest first from the left; `None`
    /// unless known terms cover the whole run.
    fn segment(&self, run: &str) -> Option<Vec<Term>> {
        let chars: Vec<char> = run.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let max = self.longest_term.min(chars.len() - i);
            let len = (2..=max).rev().find(|&l| {
                self.vocabulary
                    .contains(&chars[i..i + l].iter().collect::<String>())
            })?;
            out.push(Term {
                text: chars[i..i + len].iter().collect(),
                start: 0,
                end: run.len(),
                same_position: false,
            });
            i += len;
        }
        (out.len() > 1).then_some(out)
    }

    /// Number of chunks.
    pub fn chunks(&self) -> usize {
        self.chunks
    }

    /// Adds one chunk's text.
    pub fn add_chunk(&mut self, chunk: usize, text: &str) -> Result<(), LexiconError> {
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() {
                continue;
            }
            let (run, terms) = line
                .split_once('\t')
                .ok_or(LexiconError::BadLine { chunk, line: i + 1 })?;
            if let Some(word) = run.strip_prefix(STEM_MARK) {
                self.stems
                    .insert(word.to_string(), decode_terms(word, terms));
            } else if let Some(word) = run.strip_prefix(VERB_MARK) {
                let (verbs, reading) = match terms.split_once('\t') {
                    Some((verbs, reading)) => (verbs, Some(decode_terms(word, reading))),
                    None => (terms, None),
                };
                let verbs = verbs.split(' ').filter(|v| !v.is_empty());
                let mark = VerbMark {
                    verbs: verbs.map(str::to_string).collect(),
                    reading,
                };
                self.verbs.insert(word.to_string(), mark);
            } else {
                self.table.insert(run.to_string(), decode_terms(run, terms));
            }
        }
        self.loaded.insert(chunk);
        Ok(())
    }

    /// Whether a chunk is loaded.
    pub fn has_chunk(&self, chunk: usize) -> bool {
        self.loaded.contains(&chunk)
    }

    /// The runs whose entries a query's analysis may consult: each Hangul
    /// run and its stems under every known suffix.
    fn candidates(&self, run: &str) -> Vec<String> {
        let mut out = vec![run.to_string()];
        for s in &self.suffixes {
            if let Some(stem) = run.strip_suffix(s.as_str())
                && !stem.is_empty()
            {
                out.push(stem.to_string());
            }
        }
        out
    }

    /// The chunks a query needs that are not loaded yet, sorted.
    pub fn missing_chunks(&self, query: &str) -> Vec<usize> {
        let mut need: Vec<usize> = pretokenize(query)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Hangul { text, .. } => Some(text),
                Piece::Terms(_) => None,
            })
            .flat_map(|run| self.candidates(&run))
            .map(|c| chunk_of(&c, self.chunks))
            .filter(|c| !self.loaded.contains(c))
            .collect();
        need.sort_unstable();
        need.dedup();
        need
    }

    /// Whether a run is in the loaded table.
    pub fn knows(&self, run: &str) -> bool {
        self.table.contains_key(run)
    }

    /// Whether `suffix` is a particle or ending the lexicon cuts off words.
    pub fn is_suffix(&self, suffix: &str) -> bool {
        self.suffixes.iter().any(|s| s == suffix)
    }

    /// The reading of a known word before what follows it: its reading
    /// before particles (a `~word` line) if it has one, else its own.
    fn known_reading(&self, stem: &str) -> Option<&Vec<Term>> {
        self.stems.get(stem).or_else(|| self.table.get(stem))
    }

    /// A known word of two syllables or more with a light verb after it
    /// whose ending is not among the suffixes, the longest such word
    /// first: a citizen's question (`보관하셨나요`, `제공되었나요`), where
    /// a policy says 보관한다. Read as ko-dic reads the word before a light
    /// verb ([`reading_with_suffix`]).
    fn before_light_verb(&self, run: &str) -> Option<Vec<Term>> {
        let cuts: Vec<usize> = run.char_indices().skip(2).map(|(at, _)| at).collect();
        cuts.into_iter().rev().find_map(|at| {
            let (stem, suffix) = run.split_at(at);
            let terms = self.known_reading(stem)?;
            reading_with_suffix(stem, terms, self.verbs.get(stem), suffix)
        })
    }
}

/// The vocabulary file's text: the terms sorted, one a line, each after a
/// digit saying how many of its first characters (up to 9) it shares with
/// the line before (`가가`, `가경` → `0가가`, `1경`). Most terms are two or
/// three syllables, and brotli's shortest match is longer than the one
/// syllable they share, so the file compresses to 60% of the plain list.
pub fn encode_vocabulary<'a>(terms: impl IntoIterator<Item = &'a str>) -> String {
    let mut sorted: Vec<&str> = terms.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out = String::new();
    let mut before: Vec<char> = Vec::new();
    for t in sorted {
        let chars: Vec<char> = t.chars().collect();
        let shared = chars
            .iter()
            .zip(&before)
            .take_while(|(a, b)| a == b)
            .count()
            .min(9);
        out.push(char::from_digit(shared as u32, 10).expect("a digit"));
        out.extend(&chars[shared..]);
        out.push('\n');
        before = chars;
    }
    out
}

/// The terms of a vocabulary file ([`encode_vocabulary`]); a line that
/// does not start with a digit is a term of its own.
pub fn decode_vocabulary(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut before: Vec<char> = Vec::new();
    for line in text.lines().map(str::trim_end) {
        let mut chars = line.chars();
        let shared = chars.next().and_then(|c| c.to_digit(10));
        let term: Vec<char> = match shared {
            Some(n) => before
                .iter()
                .take(n as usize)
                .copied()
                .chain(chars)
                .collect(),
            None => line.chars().collect(),
        };
        if !term.is_empty() {
            out.push(term.iter().collect());
        }
        before = term;
    }
    out
}

impl FormAnalyzer for Lexicon {
    fn analyze_run(&self, run: &str) -> Vec<Term> {
        if let Some(terms) = self.table.get(run) {
            return terms.clone();
        }
        // A term of the corpus typed alone, which the corpus only writes
        // inside longer runs (구제 of 피해구제, 구제방법): itself, before a
        // suffix the corpus shows could cut it (구 + 제).
        if self.vocabulary.contains(run) {
            return vec![Term::new(run, 0, run.len(), false)];
        }
        // The longest known stem: a short ending is likelier than a long
        // one that eats into the word (접근권한과 is 접근권한 + 과, not
        // 접근권 + 한과).
        for s in self.suffixes.iter().rev() {
            if let Some(stem) = run.strip_suffix(s.as_str())
                && let Some(terms) = self.known_reading(stem)
                && !stem.is_empty()
            {
                let mark = self.verbs.get(stem);
                return reading_with_suffix(stem, terms, mark, s).unwrap_or_else(|| terms.clone());
            }
        }
        if let Some(terms) = self.before_light_verb(run) {
            return terms;
        }
        // Unknown word: as written, less a known suffix when that leaves
        // two or more syllables; cut into known words when they cover it.
        let stem = self
            .suffixes
            .iter()
            .filter_map(|s| run.strip_suffix(s.as_str()))
            .find(|stem| stem.chars().count() >= 2)
            .unwrap_or(run);
        let whole = Term {
            text: stem.to_string(),
            start: 0,
            end: stem.len(),
            same_position: false,
        };
        match self.segment(stem) {
            Some(mut parts) => {
                parts[0].same_position = true;
                std::iter::once(whole).chain(parts).collect()
            }
            None => vec![whole],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{t, texts};

    fn lexicon() -> Lexicon {
        let mut lx = Lexicon::new(1, vec!["를".to_string()]);
        let mut text = encode_entry(
            "개인정보",
            &[t("개인정보", false), t("개인", true), t("정보", false)],
        );
        text.push_str(&encode_entry("위탁", &[t("위탁", false)]));
        lx.add_chunk(0, &text).unwrap();
        lx
    }

    #[test]
    fn a_known_run_gets_the_builds_terms() {
        assert_eq!(
            texts(lexicon().analyze_run("개인정보")),
            [
                ("개인정보".into(), false),
                ("개인".into(), true),
                ("정보".into(), false)
            ]
        );
    }

    #[test]
    fn an_unseen_particle_on_a_known_word() {
        assert_eq!(
            texts(lexicon().analyze_run("개인정보에게서는")).len(),
            1,
            "no known suffix: as written"
        );
        assert_eq!(
            texts(lexicon().analyze_run("개인정보와의"))[0].0,
            "개인정보"
        );
        assert_eq!(
            texts(lexicon().analyze_run("위탁한")),
            [("위탁".into(), false)]
        );
    }

    #[test]
    fn a_term_of_the_corpus_is_not_cut_by_a_suffix() {
        let mut lx = Lexicon::new(1, vec!["제".to_string()]);
        lx.add_chunk(0, &encode_entry("구", &[t("구", false)]))
            .unwrap();
        assert_eq!(texts(lx.analyze_run("구제")), [("구".into(), false)]);
        lx.add_vocabulary(&encode_vocabulary(["구제", "방법"]));
        assert_eq!(texts(lx.analyze_run("구제")), [("구제".into(), false)]);
    }

    #[test]
    fn a_question_ending_after_a_light_verb() {
        for run in [
            "위탁하셨나요",
            "위탁되었나요",
            "위탁할래요",
            "위탁하나요",
            "위탁해야",
        ] {
            assert_eq!(
                texts(lexicon().analyze_run(run)),
                [("위탁".into(), false)],
                "{run}"
            );
        }
        // The longest known word first.
        assert_eq!(
            texts(lexicon().analyze_run("개인정보하셨나요"))[0].0,
            "개인정보"
        );
        // No light verb after the known word: as written.
        assert_eq!(
            texts(lexicon().analyze_run("위탁셨나요")),
            [("위탁셨나요".into(), false)]
        );
    }

    #[test]
    fn a_stem_takes_its_reading_before_particles_over_its_reading_alone() {
        let mut lx = Lexicon::new(1, vec!["을".to_string()]);
        let mut text = encode_entry("파일", &[t("파이", false)]);
        text.push_str(&encode_stem_entry("파일", &[t("파일", false)]));
        lx.add_chunk(0, &text).unwrap();
        assert_eq!(
            texts(lx.analyze_run("파일")),
            [("파이".into(), false)],
            "the run itself: its own reading"
        );
        assert_eq!(
            texts(lx.analyze_run("파일과")),
            [("파일".into(), false)],
            "another particle: the reading before particles"
        );
        assert!(lx.knows("파일") && !lx.knows("~파일"));
    }

    #[test]
    fn a_light_verb_of_its_own_after_a_marked_word() {
        let mut lx = Lexicon::new(1, vec!["하는".to_string(), "할".to_string()]);
        let mut text = encode_entry("강민정", &[t("강민정", false)]);
        let mark = VerbMark {
            verbs: vec!["하".into()],
            reading: None,
        };
        text.push_str(&encode_verb_entry("강민정", &mark));
        text.push_str(&encode_entry("위탁", &[t("위탁", false)]));
        let mark = VerbMark {
            verbs: Vec::new(),
            reading: Some(vec![t("고등", false), t("교육", false)]),
        };
        text.push_str(&encode_verb_entry("고등교육", &mark));
        text.push_str(&encode_entry(
            "고등교육",
            &[t("고등교육", false), t("고등", true), t("교육", true)],
        ));
        lx.add_chunk(0, &text).unwrap();
        assert_eq!(
            texts(lx.analyze_run("강민정하는")),
            [
                ("강민정하".into(), false),
                ("강민정".into(), true),
                ("하".into(), false)
            ]
        );
        assert_eq!(
            texts(lx.analyze_run("강민정할")),
            [("강민정".into(), false), ("하".into(), false)]
        );
        assert_eq!(
            texts(lx.analyze_run("위탁하는")),
            [("위탁".into(), false)],
            "unmarked: 하 is a suffix, dropped"
        );
        assert_eq!(
            texts(lx.analyze_run("고등교육하는")),
            [("고등".into(), false), ("교육".into(), false)],
            "the reading before a light verb"
        );
        assert_eq!(texts(lx.analyze_run("고등교육을"))[0].0, "고등교육");
        assert!(!lx.knows("!강민정"));
    }

    #[test]
    fn an_unknown_word_is_searched_as_written_less_its_particle() {
        assert_eq!(
            texts(lexicon().analyze_run("피씨엔에")),
            [("피씨엔".into(), false)]
        );
        assert_eq!(texts(lexicon().analyze_run("엔")), [("엔".into(), false)]);
    }

    #[test]
    fn the_vocabulary_file_shares_prefixes() {
        let terms = ["가경", "가가", "가명정보", "가명", "나", "a1b2", "가가"];
        let text = encode_vocabulary(terms);
        assert_eq!(text, "0a1b2\n0가가\n1경\n1명\n2정보\n0나\n");
        let mut want: Vec<&str> = terms.to_vec();
        want.sort_unstable();
        want.dedup();
        assert_eq!(decode_vocabulary(&text), want);
    }

    #[test]
    fn an_unknown_compound_is_cut_into_known_words() {
        let mut lx = lexicon();
        lx.add_vocabulary(&encode_vocabulary(["치매", "지원", "센터"]));
        assert_eq!(
            texts(lx.analyze_run("치매지원센터")),
            [
                ("치매지원센터".into(), false),
                ("치매".into(), true),
                ("지원".into(), false),
                ("센터".into(), false)
            ]
        );
        assert_eq!(
            texts(lx.analyze_run("치매상담")),
            [("치매상담".into(), false)],
            "not covered: as written"
        );
    }

    #[test]
    fn chunks_are_stable_and_bounded() {
        assert_eq!(chunk_of("개인정보", 8), chunk_of("개인정보", 8));
        assert!((0..100).all(|i| chunk_of(&format!("런{i}"), 8) < 8));
        let lx = Lexicon::new(8, Vec::new());
        assert!(!lx.missing_chunks("개인정보를 위탁한").is_empty());
        assert!(lx.missing_chunks("02-123-4567").is_empty());
    }

    #[test]
    fn a_bad_chunk_line_is_an_error() {
        let mut lx = Lexicon::new(1, Vec::new());
        assert_eq!(
            lx.add_chunk(0, "no tab here\n"),
            Err(LexiconError::BadLine { chunk: 0, line: 1 })
        );
    }
}
