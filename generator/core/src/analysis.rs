//! The Korean analysis shared by indexing and querying.
//!
//! Text is cut into word forms (어절) at white space. Inside a form,
//! [`pretokenize`] finds the pieces a person types literally (phone
//! numbers, e-mail addresses, URLs, Latin words, numbers) and the Hangul
//! runs that need morphological analysis. Each Hangul run is handed, on its
//! own, to a [`FormAnalyzer`]: the build uses lindera with ko-dic, the
//! browser a table made from the build's own answers. Because a run is
//! always analysed alone, never inside its sentence, both sides see the
//! same input and can give the same terms.
//!
//! [`KoreanTokenizer`] wires this into tantivy, caching the analysis of
//! every distinct run.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy_tokenizer_api::{Token, TokenStream, Tokenizer};
#[cfg(feature = "nfkc")]
use unicode_normalization::UnicodeNormalization;

/// One term produced for a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The indexed text.
    pub text: String,
    /// Byte offset where the term's source starts, relative to the analysed text.
    pub start: usize,
    /// Byte offset where the term's source ends.
    pub end: usize,
    /// Whether the term shares the position of the term before it (the
    /// parts of a compound, the variants of a phone number).
    pub same_position: bool,
}

impl Term {
    /// A term of `text` from `start` to `end` of the analysed text.
    pub fn new(text: impl Into<String>, start: usize, end: usize, same_position: bool) -> Self {
        Term {
            text: text.into(),
            start,
            end,
            same_position,
        }
    }
}

/// Terms as the analysers' tests write and compare them.
#[cfg(test)]
pub(crate) mod testing {
    use super::Term;

    /// A term with no offsets, as a lexicon line decodes to.
    pub fn t(text: &str, same_position: bool) -> Term {
        Term::new(text, 0, 0, same_position)
    }

    /// The terms' texts and position flags.
    pub fn texts(terms: Vec<Term>) -> Vec<(String, bool)> {
        terms
            .into_iter()
            .map(|t| (t.text, t.same_position))
            .collect()
    }
}

/// Turns one run of Hangul (or Hanja) into terms.
///
/// Implementations must be pure functions of the run: the same input gives
/// the same terms wherever and whenever it is analysed. Offsets in the
/// returned terms are relative to `run`.
pub trait FormAnalyzer: Send + Sync + 'static {
    /// Analyses one run of Hangul characters.
    fn analyze_run(&self, run: &str) -> Vec<Term>;
}

/// A shared analyser analyses as the one it shares.
impl<A: FormAnalyzer + ?Sized> FormAnalyzer for std::sync::Arc<A> {
    fn analyze_run(&self, run: &str) -> Vec<Term> {
        (**self).analyze_run(run)
    }
}

/// Part-of-speech tags (ko-dic / Sejong) that carry no searchable meaning
/// and are dropped: Elasticsearch Nori's default stop tags (endings,
/// particles, interjections, adverbs, determiners, affixes, punctuation,
/// unknown symbols) plus sentence punctuation and the copula 이다.
pub const STOP_TAGS: &[&str] = &[
    "E", "EP", "EF", "EC", "ETN", "ETM", "IC", "J", "JKS", "JKC", "JKG", "JKO", "JKB", "JKV",
    "JKQ", "JX", "JC", "MAG", "MAJ", "MM", "SP", "SSC", "SSO", "SC", "SE", "XPN", "XSA", "XSN",
    "XSV", "UNA", "NA", "VSV", "SF", "SY", "VCP",
];

/// Whether a ko-dic tag (the first of a `+`-joined tag list) is dropped.
pub fn is_stop_tag(tag: &str) -> bool {
    let first = tag.split('+').next().unwrap_or(tag);
    STOP_TAGS.contains(&first)
}

/// What [`pretokenize`] found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Literal terms, final as they are (numbers, words, phones, addresses).
    Terms(Vec<Term>),
    /// A Hangul run to analyse: its normalised text and its source span.
    Hangul {
        /// NFKC-normalised text of the run.
        text: String,
        /// Byte offset of the run in the source text.
        start: usize,
        /// End byte offset of the run in the source text.
        end: usize,
    },
}

fn is_hangul_or_hanja(c: char) -> bool {
    matches!(c,
        '\u{AC00}'..='\u{D7A3}'   // syllables
        | '\u{1100}'..='\u{11FF}' // jamo
        | '\u{3130}'..='\u{318F}' // compatibility jamo
        | '\u{A960}'..='\u{A97F}' | '\u{D7B0}'..='\u{D7FF}'
        | '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Characters that can belong to a literal token (phone, address, word).
fn is_literal_char(c: char) -> bool {
    c.is_alphanumeric() && !is_hangul_or_hanja(c)
        || matches!(
            c,
            '@' | '.' | '-' | '_' | '%' | '+' | ':' | '/' | '~' | ')' | '(' | '?' | '=' | '&' | '#'
        )
}

/// NFKC-normalises `text` character by character and lower-cases it,
/// keeping for every output character the source span it came from.
fn normalize_with_offsets(text: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut spans = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        // Most of a policy, and the same result faster: a Hangul syllable
        // and an ASCII character are their own NFKC form, and a syllable
        // has no case.
        if c.is_ascii() || crate::jamo::is_syllable(c) {
            out.push(c.to_ascii_lowercase());
            spans.push((i, end));
            continue;
        }
        nfkc(c, &mut |n| {
            for l in n.to_lowercase() {
                out.push(l);
                spans.push((i, end));
            }
        });
    }
    (out, spans)
}

/// Hands each character of `c`'s NFKC form to `out`, from
/// unicode-normalization's tables.
#[cfg(feature = "nfkc")]
fn nfkc(c: char, out: &mut dyn FnMut(char)) {
    std::iter::once(c).nfkc().for_each(out);
}

/// The host's NFKC normalisation ([`set_nfkc`]).
#[cfg(not(feature = "nfkc"))]
static HOST_NFKC: std::sync::OnceLock<fn(&str) -> String> = std::sync::OnceLock::new();

/// Gives the analysis the host's NFKC normalisation, used when the crate
/// is built without its `nfkc` feature (the browser searcher passes
/// JavaScript's `String.prototype.normalize`, and carries no tables). The
/// first call wins; until one, characters are taken as they are. With the
/// feature, the tables are used and this does nothing.
pub fn set_nfkc(normalize: fn(&str) -> String) {
    #[cfg(not(feature = "nfkc"))]
    let _ = HOST_NFKC.set(normalize);
    #[cfg(feature = "nfkc")]
    let _ = normalize;
}

/// Hands each character of `c`'s NFKC form to `out`, from the host.
#[cfg(not(feature = "nfkc"))]
fn nfkc(c: char, out: &mut dyn FnMut(char)) {
    match HOST_NFKC.get() {
        Some(normalize) => host_form(c, *normalize, out),
        None => out(c),
    }
}

thread_local! {
    /// What the host said each character's NFKC form is, sorted by
    /// character: the characters outside the fast paths are a few hundred
    /// at most, and a sorted list is less code in the wasm than a map.
    static HOST_FORMS: std::cell::RefCell<Vec<(char, Box<str>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Hands each character of `c`'s NFKC form to `out`, asking `normalize`
/// once per character: in the browser each question is a call into
/// JavaScript, and an excerpt's text asks it of every `·`, `①` and `※`.
/// (Built with the `nfkc` feature too, where its tests run.)
#[cfg_attr(feature = "nfkc", allow(dead_code))]
fn host_form(c: char, normalize: fn(&str) -> String, out: &mut dyn FnMut(char)) {
    HOST_FORMS.with_borrow_mut(|forms| {
        let at = forms
            .binary_search_by_key(&c, |(k, _)| *k)
            .unwrap_or_else(|at| {
                forms.insert(at, (c, normalize(c.encode_utf8(&mut [0; 4])).into()));
                at
            });
        forms[at].1.chars().for_each(out)
    });
}

/// Normalises text the way the index does: NFKC, then lower case.
pub fn normalize(text: &str) -> String {
    normalize_with_offsets(text).0
}

/// Cuts `text` into literal terms and Hangul runs, in order.
pub fn pretokenize(text: &str) -> Vec<Piece> {
    let (norm, spans) = normalize_with_offsets(text);
    let chars: Vec<char> = norm.chars().collect();
    let src = |from: usize, to: usize| (spans[from].0, spans[to - 1].1);
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_hangul_or_hanja(c) {
            let j = (i..chars.len())
                .find(|&k| !is_hangul_or_hanja(chars[k]))
                .unwrap_or(chars.len());
            // An ordinal (제3자, 제15조, 제 2항) is one term of its own: read
            // apart, its 제 is the pronoun (저) and its counter a word.
            let ordinal = ordinal_end(&chars, j - 1);
            let run_end = if ordinal.is_some() { j - 1 } else { j };
            if run_end > i {
                let (start, end) = src(i, run_end);
                pieces.push(Piece::Hangul {
                    text: chars[i..run_end].iter().collect(),
                    start,
                    end,
                });
            }
            i = j;
            if let Some(e) = ordinal {
                let text: String = chars[j - 1..e].iter().filter(|c| **c != ' ').collect();
                let (start, end) = src(j - 1, e);
                pieces.push(Piece::Terms(vec![Term::new(text, start, end, false)]));
                i = e;
            }
        } else if let Some(e) = quantity_end(&chars, i) {
            pieces.push(Piece::Terms(quantity_terms(&chars[i..e], &|a, b| {
                src(i + a, i + b)
            })));
            i = e;
        } else if is_literal_char(c) {
            let j = (i + 1..chars.len())
                .find(|&k| !is_literal_char(chars[k]) || quantity_end(&chars, k).is_some())
                .unwrap_or(chars.len());
            let terms = literal_terms(&chars[i..j], &|a, b| src(i + a, i + b));
            if !terms.is_empty() {
                pieces.push(Piece::Terms(terms));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    pieces
}

/// What an ordinal counts: articles (조), paragraphs, items, parties (제3자),
/// countries (제3국), chapters, sections, rounds, terms of office.
const ORDINAL_COUNTERS: &[char] = &[
    '조', '항', '호', '자', '국', '장', '절', '편', '차', '회', '기',
];

/// The end of an ordinal starting at `chars[at]`, if it is one: 제, digits
/// (after one space when the 제 stands alone: `제 3자`) and a counter.
fn ordinal_end(chars: &[char], at: usize) -> Option<usize> {
    if chars[at] != '제' {
        return None;
    }
    let alone = at == 0 || !is_hangul_or_hanja(chars[at - 1]);
    let mut k = at + 1;
    if alone && chars.get(k) == Some(&' ') {
        k += 1;
    }
    let digits = k;
    while chars.get(k).is_some_and(char::is_ascii_digit) {
        k += 1;
    }
    let counter = chars.get(k).is_some_and(|c| ORDINAL_COUNTERS.contains(c));
    (k > digits && counter).then_some(k + 1)
}

/// The units a quantity is counted in, the longest first.
const UNITS: &[&str] = &["개월", "시간", "년", "월", "일", "세", "명", "건", "회"];

/// The end of a quantity starting at `chars[at]`, if it is one: up to four
/// digits, not inside a longer number or Latin word (after Hangul, as in
/// `만14세`, it is one), and a unit. What follows the unit is a run of its
/// own (`5년간` is 5년 and 간).
fn quantity_end(chars: &[char], at: usize) -> Option<usize> {
    let before = at.checked_sub(1).map(|k| chars[k]);
    let joined = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ',' | '/' | ':');
    if before.is_some_and(joined) {
        return None;
    }
    let mut k = at;
    while chars.get(k).is_some_and(char::is_ascii_digit) {
        k += 1;
    }
    if k == at || k - at > 4 {
        return None;
    }
    let rest: String = chars[k..chars.len().min(k + 2)].iter().collect();
    let unit = UNITS.iter().find(|u| rest.starts_with(*u))?;
    Some(k + unit.chars().count())
}

/// A quantity's terms (5년, 30일, 14세): itself, and its number at its
/// position, so 5년 is not the 5 of 제5조 and the 년 of every date, and a
/// query for the number still finds it.
fn quantity_terms(q: &[char], src: &dyn Fn(usize, usize) -> (usize, usize)) -> Vec<Term> {
    let number = q.iter().take_while(|c| c.is_ascii_digit()).count();
    let (start, end) = src(0, q.len());
    let (_, number_end) = src(0, number);
    vec![
        Term::new(q.iter().collect::<String>(), start, end, false),
        Term::new(
            q[..number].iter().collect::<String>(),
            start,
            number_end,
            true,
        ),
    ]
}

/// Trims punctuation that cannot end a literal token.
fn trim_run(run: &[char]) -> (usize, usize) {
    let lead = |c: char| {
        matches!(
            c,
            '(' | ')' | '.' | '-' | ':' | '/' | '~' | '?' | '=' | '&' | '#' | '+' | '%' | '_' | '@'
        )
    };
    let mut a = 0;
    let mut b = run.len();
    while a < b && lead(run[a]) {
        a += 1;
    }
    while b > a && lead(run[b - 1]) {
        b -= 1;
    }
    (a, b)
}

/// The terms of one run of literal characters (no Hangul, no space).
fn literal_terms(run: &[char], src: &dyn Fn(usize, usize) -> (usize, usize)) -> Vec<Term> {
    let (a, b) = trim_run(run);
    if a == b {
        return Vec::new();
    }
    let core: String = run[a..b].iter().collect();
    let (start, end) = src(a, b);
    if let Some(terms) = email_terms(&core, start, end) {
        return terms;
    }
    if let Some(terms) = url_terms(&core, start, end) {
        return terms;
    }
    if let Some(terms) = phone_terms(&core, start, end) {
        return terms;
    }
    // `1833-6972(www.kopico.go.kr)`: brackets join pieces that are each a
    // phone or an address; cut there and read each piece on its own.
    let is_bracket = |c: char| matches!(c, '(' | ')');
    if run[a..b].iter().any(|&c| is_bracket(c)) {
        let mut terms = Vec::new();
        let mut k = a;
        while k < b {
            let e = (k..b).find(|&m| is_bracket(run[m])).unwrap_or(b);
            if e > k {
                terms.extend(literal_terms(&run[k..e], &|x, y| src(k + x, k + y)));
            }
            k = e + 1;
        }
        return terms;
    }
    // Plain words and numbers: alphanumeric runs.
    let mut terms = Vec::new();
    let mut k = a;
    while k < b {
        if run[k].is_alphanumeric() {
            let e = (k..b).find(|&m| !run[m].is_alphanumeric()).unwrap_or(b);
            let (s, t) = src(k, e);
            terms.push(Term::new(run[k..e].iter().collect::<String>(), s, t, false));
            k = e;
        } else {
            k += 1;
        }
    }
    terms
}

fn is_domain(s: &str) -> bool {
    let labels: Vec<&str> = s.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// `local@domain`: the address, then its local part and domain.
fn email_terms(s: &str, start: usize, end: usize) -> Option<Vec<Term>> {
    let (local, domain) = s.split_once('@')?;
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    if !local_ok || !is_domain(domain) {
        return None;
    }
    Some(vec![
        Term::new(s, start, end, false),
        Term::new(local, start, end, true),
        Term::new(domain, start, end, true),
    ])
}

/// `http(s)://host/path` or a bare `www.host` / `host.go.kr`: the address
/// without scheme and trailing slash, then its host, then the host without
/// `www.`.
fn url_terms(s: &str, start: usize, end: usize) -> Option<Vec<Term>> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    let had_scheme = rest.is_some();
    let rest = rest.unwrap_or(s).trim_end_matches('/');
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.split(':').next().unwrap_or(host);
    if !is_domain(host) {
        return None;
    }
    // Without a scheme, require something that reads as a web address, not
    // a decimal number or an abbreviation with dots.
    let tld = host.rsplit('.').next().unwrap_or("");
    if !had_scheme
        && !host.starts_with("www.")
        && !matches!(tld, "kr" | "com" | "net" | "org" | "go" | "info")
    {
        return None;
    }
    let mut terms = vec![Term::new(rest, start, end, false)];
    let mut push = |t: &str| {
        if terms.iter().all(|x| x.text != t) {
            terms.push(Term::new(t, start, end, true));
        }
    };
    push(host);
    if let Some(bare) = host.strip_prefix("www.") {
        push(bare);
    }
    Some(terms)
}

/// Whether groups of digits make a Korean phone number: an area code, an
/// exchange and four digits (`02`-`3396`-`8219`), or a number of its own
/// without an area code (`1588`-`3112`), 7 to 12 digits in all.
pub fn is_phone_shape(groups: &[&str]) -> bool {
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    let plausible = match groups {
        [area, mid, last] => {
            area.starts_with('0')
                && (2..=4).contains(&area.len())
                && (3..=4).contains(&mid.len())
                && last.len() == 4
        }
        [first, last] => {
            (3..=4).contains(&first.len()) && last.len() == 4 && !first.starts_with('0')
        }
        _ => false,
    };
    plausible && (7..=12).contains(&digits)
}

/// Korean telephone numbers as written in policies: `02-3396-8219`,
/// `031)590-4214`, `(02)2133-2971`, `1833-6972`, `02-2133-2971~2`.
///
/// Terms: the number with hyphens, the same digits without, and the number
/// without its area code; a `~N` suffix adds the numbers of the range.
fn phone_terms(s: &str, start: usize, end: usize) -> Option<Vec<Term>> {
    let (number, range_end) = match s.split_once('~') {
        Some((n, r)) if !r.is_empty() && r.len() <= 4 && r.chars().all(|c| c.is_ascii_digit()) => {
            (n, Some(r))
        }
        Some(_) => return None,
        None => (s, None),
    };
    let number = number.trim_start_matches('(');
    let groups: Vec<&str> = number.split(['-', ')', '.']).collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if !is_phone_shape(&groups) {
        return None;
    }
    let mut numbers = vec![groups.iter().map(|g| g.to_string()).collect::<Vec<_>>()];
    if let Some(r) = range_end {
        let last = groups.last().expect("two or more groups");
        if r.len() < last.len() {
            let stem = &last[..last.len() - r.len()];
            let (from, to) = (
                last[last.len() - r.len()..].parse::<u32>().ok()?,
                r.parse::<u32>().ok()?,
            );
            for n in from.saturating_add(1)..=to.min(from + 9) {
                let mut g = numbers[0].clone();
                *g.last_mut().expect("non-empty") = format!("{stem}{n:0width$}", width = r.len());
                numbers.push(g);
            }
        }
    }
    let mut terms: Vec<Term> = Vec::new();
    for (k, g) in numbers.iter().enumerate() {
        let mut push = |t: String| {
            if terms.iter().all(|x| x.text != t) {
                let first = terms.is_empty() && k == 0;
                terms.push(Term::new(t, start, end, !first));
            }
        };
        push(g.join("-"));
        push(g.concat());
        if g.len() == 3 {
            push(g[1..].join("-"));
        }
    }
    Some(terms)
}

/// Analyses `text` into terms with `analyzer` for its Hangul runs.
///
/// This is the whole pipeline, without caching; [`KoreanTokenizer`] is the
/// same with a cache.
pub fn analyze(analyzer: &dyn FormAnalyzer, text: &str) -> Vec<Term> {
    let mut out = Vec::new();
    for piece in pretokenize(text) {
        match piece {
            Piece::Terms(terms) => out.extend(terms),
            Piece::Hangul { text, start, end } => {
                out.extend(shift_run(&analyzer.analyze_run(&text), &text, start, end));
            }
        }
    }
    out
}

/// Maps terms of a normalised run back to source offsets. When
/// normalisation kept the run's length, offsets map one to one; otherwise
/// every term spans the whole run.
fn shift_run<'a>(
    terms: &'a [Term],
    run: &'a str,
    start: usize,
    end: usize,
) -> impl Iterator<Item = Term> + 'a {
    let exact = run.len() == end - start;
    terms.iter().map(move |t| {
        let (s, e) = if exact {
            (start + t.start, start + t.end)
        } else {
            (start, end)
        };
        Term::new(t.text.clone(), s, e, t.same_position)
    })
}

/// A tantivy tokenizer over any [`FormAnalyzer`], caching the analysis of
/// every distinct Hangul run it meets.
#[derive(Clone)]
pub struct KoreanTokenizer {
    analyzer: Arc<dyn FormAnalyzer>,
    cache: HashMap<String, Arc<[Term]>>,
}

impl KoreanTokenizer {
    /// A tokenizer for `analyzer`.
    pub fn new(analyzer: Arc<dyn FormAnalyzer>) -> Self {
        KoreanTokenizer {
            analyzer,
            cache: HashMap::new(),
        }
    }

    /// Analyses `text` like [`analyze`], using and filling the cache.
    pub fn terms(&mut self, text: &str) -> Vec<Term> {
        let mut out = Vec::new();
        for piece in pretokenize(text) {
            match piece {
                Piece::Terms(terms) => out.extend(terms),
                Piece::Hangul { text, start, end } => {
                    let analysed = match self.cache.get(&text) {
                        Some(t) => t.clone(),
                        None => {
                            let t: Arc<[Term]> = self.analyzer.analyze_run(&text).into();
                            self.cache.insert(text.clone(), t.clone());
                            t
                        }
                    };
                    out.extend(shift_run(&analysed, &text, start, end));
                }
            }
        }
        out
    }

    /// Number of distinct runs analysed so far.
    pub fn cached_runs(&self) -> usize {
        self.cache.len()
    }
}

/// The token stream of [`KoreanTokenizer`].
pub struct KoreanTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl KoreanTokenStream {
    /// A stream over tokens made before (by [`KoreanTokenizer::tokens`]).
    pub fn new(tokens: Vec<Token>) -> Self {
        KoreanTokenStream { tokens, next: 0 }
    }
}

impl KoreanTokenizer {
    /// The tantivy tokens of `text`: its terms, a compound's parts at the
    /// compound's position.
    pub fn tokens(&mut self, text: &str) -> Vec<Token> {
        let mut position = 0usize;
        let mut first = true;
        self.terms(text)
            .into_iter()
            .map(|t| {
                if !first && !t.same_position {
                    position += 1;
                }
                first = false;
                Token {
                    offset_from: t.start,
                    offset_to: t.end,
                    position,
                    text: t.text,
                    position_length: 1,
                }
            })
            .collect()
    }
}

impl Tokenizer for KoreanTokenizer {
    type TokenStream<'a> = KoreanTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> KoreanTokenStream {
        KoreanTokenStream::new(self.tokens(text))
    }
}

impl TokenStream for KoreanTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Treats a whole run as one term, to test everything around analysis.
    struct Whole;
    impl FormAnalyzer for Whole {
        fn analyze_run(&self, run: &str) -> Vec<Term> {
            vec![Term::new(run, 0, run.len(), false)]
        }
    }

    fn texts(text: &str) -> Vec<String> {
        analyze(&Whole, text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    #[cfg(feature = "nfkc")]
    fn the_fast_paths_normalise_as_nfkc_and_lower_case_do() {
        let slow = |c: char| -> String {
            std::iter::once(c)
                .nfkc()
                .flat_map(char::to_lowercase)
                .collect()
        };
        for c in (0u32..128)
            .chain(0xAC00..=0xD7A3)
            .filter_map(char::from_u32)
        {
            assert_eq!(normalize(&c.to_string()), slow(c), "{c:?}");
        }
        assert_eq!(normalize("Ａ개인정보ⅠＢ"), "a개인정보ib");
    }

    #[test]
    fn phone_numbers_survive_as_typed_and_as_digits() {
        assert_eq!(
            texts("전화 02-3396-8219"),
            ["전화", "02-3396-8219", "0233968219", "3396-8219"]
        );
        assert_eq!(
            texts("031)590-4214"),
            ["031-590-4214", "0315904214", "590-4214"]
        );
        assert_eq!(
            texts("(02)2133-2971"),
            ["02-2133-2971", "0221332971", "2133-2971"]
        );
        assert_eq!(texts("☎ 1833-6972"), ["1833-6972", "18336972"]);
    }

    #[test]
    fn a_phone_range_adds_each_number() {
        let t = texts("02-2133-2971~2");
        assert!(t.contains(&"02-2133-2971".to_string()));
        assert!(t.contains(&"02-2133-2972".to_string()));
        assert!(t.contains(&"2133-2972".to_string()));
    }

    #[test]
    fn variants_share_the_position_of_the_number() {
        let terms = analyze(&Whole, "02-3396-8219");
        assert!(!terms[0].same_position);
        assert!(terms[1..].iter().all(|t| t.same_position));
    }

    #[test]
    fn email_addresses_and_their_parts() {
        assert_eq!(
            texts("(jjiin@junggu.seoul.kr)"),
            ["jjiin@junggu.seoul.kr", "jjiin", "junggu.seoul.kr"]
        );
    }

    #[test]
    fn urls_without_scheme_and_www() {
        assert_eq!(
            texts("http://www.kopico.go.kr/"),
            ["www.kopico.go.kr", "kopico.go.kr"]
        );
        assert_eq!(texts("privacy.kisa.or.kr"), ["privacy.kisa.or.kr"]);
        assert_eq!(texts("(www.spo.go.kr)"), ["www.spo.go.kr", "spo.go.kr"]);
    }

    #[test]
    #[cfg(feature = "nfkc")]
    fn latin_is_lower_cased_and_fullwidth_folded() {
        assert_eq!(texts("CCTV를 ＩＰ주소"), ["cctv", "를", "ip", "주소"]);
    }

    #[test]
    fn the_host_is_asked_a_character_s_form_once() {
        static ASKED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        fn host(s: &str) -> String {
            ASKED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if s == "①" { "1".into() } else { s.into() }
        }
        let mut out = String::new();
        for c in "①·①·①".chars() {
            host_form(c, host, &mut |n| out.push(n));
        }
        assert_eq!(out, "1·1·1");
        assert_eq!(ASKED.load(std::sync::atomic::Ordering::Relaxed), 2);
    }

    #[test]
    fn a_quantity_is_a_term_beside_its_number() {
        assert_eq!(
            texts("2019년 7월 9일"),
            ["2019년", "2019", "7월", "7", "9일", "9"]
        );
        assert_eq!(
            texts("(5년간) 만 14세 6개월"),
            ["5년", "5", "간", "만", "14세", "14", "6개월", "6"]
        );
        assert_eq!(texts("만14세"), ["만", "14세", "14"]);
        let terms = analyze(&Whole, "30일까지");
        assert_eq!((terms[0].start, terms[0].end), (0, "30일".len()));
        assert_eq!((terms[1].end, terms[1].same_position), (2, true));
        // Inside a longer number, or without a unit: the number alone.
        assert!(!texts("1.5년").contains(&"5년".to_string()));
        assert_eq!(texts("12345년"), ["12345", "년"]);
        assert_eq!(texts("3조"), ["3", "조"]);
    }

    #[test]
    fn an_ordinal_is_one_term() {
        assert_eq!(
            texts("제3자에게 제 3자 법제15조제2항"),
            ["제3자", "에게", "제3자", "법", "제15조", "제2항"]
        );
        let terms = analyze(&Whole, "제 3자의");
        assert_eq!((terms[0].start, terms[0].end), (0, "제 3자".len()));
        // Not an ordinal: no counter, a space inside a word, no number.
        assert_eq!(texts("제3"), ["제", "3"]);
        assert_eq!(texts("법제 3조"), ["법제", "3", "조"]);
        assert_eq!(texts("제자"), ["제자"]);
    }

    #[test]
    fn punctuation_cuts_hangul_runs() {
        assert_eq!(texts("개인정보(이하 ‘정보’)"), ["개인정보", "이하", "정보"]);
    }

    #[test]
    fn offsets_point_into_the_source() {
        let text = "전화：０２-３３９６-８２１９";
        let terms = analyze(&Whole, text);
        let phone = terms.iter().find(|t| t.text == "02-3396-8219").unwrap();
        assert_eq!(&text[phone.start..phone.end], "０２-３３９６-８２１９");
    }

    #[test]
    fn a_phone_and_an_address_in_brackets() {
        assert_eq!(
            texts("1833-6972(www.kopico.go.kr)"),
            ["1833-6972", "18336972", "www.kopico.go.kr", "kopico.go.kr"]
        );
    }

    #[test]
    fn a_decimal_is_not_a_url() {
        assert_eq!(texts("2.5배"), ["2", "5", "배"]);
    }

    #[test]
    fn tokenizer_positions_follow_same_position_flags() {
        let mut tok = KoreanTokenizer::new(Arc::new(Whole));
        let mut stream = tok.token_stream("연락처 02-3396-8219 끝");
        let mut seen = Vec::new();
        while stream.advance() {
            seen.push((stream.token().text.clone(), stream.token().position));
        }
        assert_eq!(seen[0], ("연락처".to_string(), 0));
        assert_eq!(seen[1], ("02-3396-8219".to_string(), 1));
        assert_eq!(seen[2].1, 1);
        assert_eq!(seen.last().unwrap(), &("끝".to_string(), 2));
    }

    #[test]
    fn stop_tags_cover_nori_defaults_and_compound_tags() {
        assert!(is_stop_tag("JKO"));
        assert!(is_stop_tag("XSV+EC"));
        assert!(!is_stop_tag("NNG"));
        assert!(!is_stop_tag("VV+ETM"));
    }
}
