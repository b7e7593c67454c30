//! The searcher, shared by the browser (wasm) and `bangchim search`: opens
//! the index from its files, analyses the query with the [`Lexicon`], runs
//! it with BM25, and returns hits with highlighted, HTML-escaped excerpts.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::columnar::StrColumn;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{
    DocAddress, Index, IndexReader, InvertedIndexReader, ReloadPolicy, Score, TantivyDocument,
    Term as IndexTerm,
};

use crate::analysis::{self, Piece, Term, normalize, pretokenize};
use crate::blocks::{BlockStore, IndexFile};
use crate::grouped::{DocColumns, Grouped, str_column};
use crate::intent::{Intent, Names, Understood};
use crate::jamo::{self, Completion, completion, is_initials_query};
use crate::lexicon::Lexicon;
use crate::pairs;
use crate::questions;
use crate::ranked::{Capped, RankedQuery};
use crate::schema::{DocKind, FORMAT_VERSION, field};
use crate::synonyms;
use crate::typo::TypoQuery;

/// The manifest the generator writes beside the index.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    /// Index format version ([`FORMAT_VERSION`]).
    pub format_version: u32,
    /// The tantivy files; each is published as blocks under the search
    /// folder's `index/` (see [`crate::blocks`]).
    pub index_files: Vec<IndexFile>,
    /// The blocks every query reads (opening the index, the term
    /// dictionaries' block indexes, field norms, the kind, agency and
    /// group columns): fetch them first.
    #[serde(default)]
    pub preload: Vec<String>,
    /// Number of lexicon chunks (`lexicon/<n>.txt`).
    pub lexicon_chunks: usize,
    /// Suffixes seen after words in the corpus.
    pub suffixes: Vec<String>,
    /// Number of documents.
    pub documents: u64,
    /// The file of the corpus's morpheme terms (`terms.txt`), if any.
    #[serde(default)]
    pub vocabulary: Option<String>,
    /// The file of whole terms by their initial consonants
    /// (`initials.txt`), fetched for a query like `ㄱㅇㅈㅂ`.
    #[serde(default)]
    pub initials: Option<String>,
}

/// Why a search could not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchError {
    /// The index was written by another version of bangchim.
    Version {
        /// The index's format version.
        found: u32,
        /// The searcher's.
        expected: u32,
    },
    /// The index files are missing or damaged.
    Index(String),
    /// The query needs these blocks (paths under `index/`): add them to the
    /// [`BlockStore`] and run it again.
    Missing(Vec<String>),
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SearchError::Version { found, expected } => write!(
                f,
                "the search index has format version {found}, but this searcher reads version {expected}: rebuild the site with a matching bangchim"
            ),
            SearchError::Index(e) => write!(f, "the search index cannot be read: {e}"),
            SearchError::Missing(blocks) => {
                write!(f, "{} index blocks are not loaded yet", blocks.len())
            }
        }
    }
}

impl std::error::Error for SearchError {}

/// A failed read: blocks to fetch if the store lacked some, else damage.
fn fail(store: &BlockStore, e: impl std::fmt::Display) -> SearchError {
    let missing = store.take_missing();
    if missing.is_empty() {
        SearchError::Index(e.to_string())
    } else {
        SearchError::Missing(missing)
    }
}

/// Reads and checks a manifest.
pub fn read_manifest(json: &str) -> Result<Manifest, SearchError> {
    #[derive(Deserialize)]
    struct VersionOnly {
        format_version: u32,
    }
    let v: VersionOnly =
        serde_json::from_str(json).map_err(|e| SearchError::Index(format!("manifest: {e}")))?;
    if v.format_version != FORMAT_VERSION {
        return Err(SearchError::Version {
            found: v.format_version,
            expected: FORMAT_VERSION,
        });
    }
    let manifest: Manifest =
        serde_json::from_str(json).map_err(|e| SearchError::Index(format!("manifest: {e}")))?;
    if let Some(f) = manifest
        .index_files
        .iter()
        .find(|f| !BLOCK_SIZES.contains(&f.block))
    {
        return Err(SearchError::Index(format!(
            "manifest: {} is cut into blocks of {} bytes, expected {} to {}",
            f.name,
            f.block,
            BLOCK_SIZES.start(),
            BLOCK_SIZES.end()
        )));
    }
    Ok(manifest)
}

/// The block sizes a manifest may give: the build's are 4 and 16 KB; a
/// size of a few bytes would make millions of blocks out of one file.
const BLOCK_SIZES: std::ops::RangeInclusive<u64> = 512..=(1 << 20);

/// A search request.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Request {
    /// What the person typed.
    pub query: String,
    /// Only this kind.
    #[serde(default)]
    pub kind: Option<String>,
    /// Only this agency (full name).
    #[serde(default)]
    pub agency: Option<String>,
    /// Only this region.
    #[serde(default)]
    pub region: Option<String>,
    /// Only this article category.
    #[serde(default)]
    pub category: Option<String>,
    /// How many hits (groups of identical wording count once).
    #[serde(default = "default_limit")]
    pub limit: usize,
    /// Whether the last word is still being typed (match it as a prefix,
    /// down to a syllable still being composed).
    #[serde(default)]
    pub typing: bool,
    /// Words to take literally rather than as an agency or a kind (chips
    /// the person removed).
    #[serde(default)]
    pub literal: Vec<String>,
    /// Whether to list each hit's group [`Hit::members`] (the browser asks
    /// for one group's members when it is expanded, see
    /// [`SearchIndex::members`]).
    #[serde(default)]
    pub members: bool,
}

fn default_limit() -> usize {
    10
}

/// One hit: the best document of its wording group.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    /// Kind (`article`, `trustee`, `contact`, `remedy`).
    pub kind: String,
    /// Its Korean label.
    pub kind_label: String,
    /// Agency full name.
    pub agency: String,
    /// Policy title.
    pub policy: String,
    /// Region.
    pub region: String,
    /// Article category, if an article.
    pub category: String,
    /// Title of the hit.
    pub title: String,
    /// Deep link, relative to the site's base path.
    pub url: String,
    /// An excerpt: HTML-escaped text with `<mark>` around matched words.
    pub excerpt: String,
    /// The document's whole text.
    pub text: String,
    /// Score (BM25, times the boosts of the agency or kind the query named).
    pub score: f32,
    /// The wording group: documents saying the same thing in other
    /// agencies' policies share it (the number [`SearchIndex::members`]
    /// takes); none when the wording is this document's own.
    pub group: Option<u64>,
    /// How many documents the group holds (1: the wording is this
    /// document's own).
    pub group_size: u64,
    /// How many agencies those documents belong to.
    pub group_agencies: u64,
    /// The group's first [`MEMBERS`] documents, the agencies the query
    /// named or filtered on first, then by agency name: filled when the
    /// request asks for `members`.
    pub members: Vec<Member>,
}

/// A document of a wording group.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Member {
    /// Agency full name.
    pub agency: String,
    /// Policy title.
    pub policy: String,
    /// Deep link, relative to the site's base path.
    pub url: String,
}

/// The answer to a request.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Results {
    /// The best hits, one per wording group.
    pub hits: Vec<Hit>,
    /// How many results (wording groups) matched in all.
    pub total: usize,
    /// Results per kind (before the kind filter).
    pub kinds: Vec<(String, usize)>,
    /// Matching documents per agency (before the agency filter), most
    /// first: the first [`AGENCY_FACETS`], and the agency filtered on.
    pub agencies: Vec<(String, usize)>,
    /// The terms the query was analysed into.
    pub terms: Vec<String>,
    /// What the searcher read as an agency or a kind (removable chips).
    pub understood: Vec<Understood>,
    /// Query words no document holds, left out of a query that found
    /// nothing with them (the hits are what the others find).
    pub left_out: Vec<String>,
}

struct Fields {
    kind: Field,
    agency: Field,
    policy: Field,
    region: Field,
    category: Field,
    title: Field,
    text: Field,
    title_pairs: Field,
    text_pairs: Field,
    url: Field,
    group: Field,
    group_size: Field,
    group_agencies: Field,
}

impl Fields {
    fn of(schema: &tantivy::schema::Schema) -> Result<Fields, SearchError> {
        let f = |name: &str| {
            schema
                .get_field(name)
                .map_err(|e| SearchError::Index(e.to_string()))
        };
        Ok(Fields {
            kind: f(field::KIND)?,
            agency: f(field::AGENCY)?,
            policy: f(field::POLICY)?,
            region: f(field::REGION)?,
            category: f(field::CATEGORY)?,
            title: f(field::TITLE)?,
            text: f(field::TEXT)?,
            title_pairs: f(field::TITLE_PAIRS)?,
            text_pairs: f(field::TEXT_PAIRS)?,
            url: f(field::URL)?,
            group: f(field::GROUP)?,
            group_size: f(field::GROUP_SIZE)?,
            group_agencies: f(field::GROUP_AGENCIES)?,
        })
    }
}

/// An open index with its lexicon.
pub struct SearchIndex {
    store: Arc<BlockStore>,
    reader: IndexReader,
    fields: Fields,
    lexicon: Lexicon,
    names: Names,
    initials: Initials,
    /// The kind, agency and group of every document, read once.
    columns: OnceLock<Arc<DocColumns>>,
}

/// What a query word is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Text to find.
    Text,
    /// It names an agency (and maybe a kind: 단국대학교위탁업체): it ranks,
    /// but a document need not hold it.
    Intent,
    /// It names a kind alone: as [`Role::Intent`], and text again when
    /// the kind is given up ([`SearchIndex::relaxed`]).
    Kind,
}

/// A query word: its terms in positions, whether it is a quoted phrase,
/// the whole terms it may stand for (a syllable still being composed,
/// initial consonants), and the words meaning the same ([`synonyms`]).
#[derive(Debug, Clone)]
struct Word {
    terms: Vec<Term>,
    phrase: bool,
    role: Role,
    completion: Option<Completion>,
    expansions: Vec<String>,
    synonyms: Vec<&'static str>,
    /// Whether the word only asks ([`questions`]: `누구인가요`).
    asks: bool,
    /// The word as typed, when the analysis cut an ending off it: searched
    /// too when no term of the word is known, since the ending may be the
    /// word's own last syllable (보효책임자, one typo off 보호책임자, is not
    /// 보효책임 + 자) and a typo is found only in the whole word.
    typed: Option<String>,
}

impl Word {
    /// Whether the word is a quoted phrase of more than one position,
    /// searched as its pairs of adjacent terms.
    fn is_phrase(&self) -> bool {
        self.phrase && self.terms.iter().filter(|t| !t.same_position).count() > 1
    }

    /// Whether the word is plain text, as typed: not quoted, not read as an
    /// agency or a kind, not standing for others (initials, a syllable
    /// being composed).
    fn is_plain(&self) -> bool {
        !self.phrase
            && self.role == Role::Text
            && self.completion.is_none()
            && self.expansions.is_empty()
    }

    /// Every term the word is searched by as words (not pairs): its own,
    /// what it may stand for, and its synonyms.
    fn texts(&self) -> impl Iterator<Item = String> + '_ {
        let own = self.terms.iter().map(|t| t.text.clone());
        let synonyms = self.synonyms.iter().map(|s| s.to_string());
        own.chain(self.expansions.iter().cloned()).chain(synonyms)
    }
}

/// How many agencies the agency facet lists (those with most matching
/// documents, and the one filtered on).
pub const AGENCY_FACETS: usize = 100;

/// How many of a group's documents a hit lists (`Request::members`).
pub const MEMBERS: usize = 100;

/// How many whole terms a composed syllable or initials may stand for.
const EXPANSIONS: usize = 24;

/// Splits a query into quoted phrases and words; an unbalanced quote is
/// ignored.
fn split_query(query: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let quotes = query.matches('"').count();
    let usable = quotes - quotes % 2;
    let mut seen = 0;
    let mut in_phrase = false;
    let mut cur = String::new();
    for c in query.chars() {
        if c == '"' {
            seen += 1;
            if seen <= usable {
                if in_phrase && !cur.trim().is_empty() {
                    out.push((cur.trim().to_string(), true));
                } else if !in_phrase {
                    out.extend(cur.split_whitespace().map(|w| (w.to_string(), false)));
                }
                cur.clear();
                in_phrase = !in_phrase;
            }
            continue;
        }
        cur.push(c);
    }
    out.extend(cur.split_whitespace().map(|w| (w.to_string(), false)));
    joined_ordinals(joined_phones(out))
}

/// An ordinal typed with a space after its 제 (`제 3자`, `제 15조`) as one
/// word, as the analysis reads it written in one piece: apart, 제 is a
/// word that only asks ("my") and 3자 a number and a syllable.
fn joined_ordinals(words: Vec<(String, bool)>) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::with_capacity(words.len());
    for w in words {
        let after_je = out.last().is_some_and(|p| !p.1 && p.0 == "제");
        if after_je && !w.1 && w.0.starts_with(|c: char| c.is_ascii_digit()) {
            out.last_mut().expect("checked").0.push_str(&w.0);
        } else {
            out.push(w);
        }
    }
    out
}

/// A phone number typed in groups of digits (`02 2220 1470`, `1588 3112`)
/// as one word, written as the index knows it (`02-2220-1470`).
fn joined_phones(words: Vec<(String, bool)>) -> Vec<(String, bool)> {
    let digits = |w: &(String, bool)| !w.1 && w.0.chars().all(|c| c.is_ascii_digit());
    let is_phone = |groups: &[(String, bool)]| {
        let groups: Vec<&str> = groups.iter().map(|g| g.0.as_str()).collect();
        analysis::is_phone_shape(&groups)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let run = words[i..].iter().take(3).take_while(|w| digits(w)).count();
        let len = (2..=run).rev().find(|&n| is_phone(&words[i..i + n]));
        match len {
            Some(n) => {
                let joined: Vec<&str> = words[i..i + n].iter().map(|w| w.0.as_str()).collect();
                out.push((joined.join("-"), false));
                i += n;
            }
            None => {
                out.push(words[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// The query as the analyser should see it: a syllable still being
/// composed at the end of the last word is left out (it is matched against
/// the term dictionary instead).
fn analysable(query: &str, typing: bool) -> String {
    let trimmed = query.trim_end();
    let last = trimmed.split_whitespace().last().unwrap_or("");
    match completion(last).filter(|_| typing) {
        Some(c) => format!("{}{}", &trimmed[..trimmed.len() - last.len()], c.stem),
        None => query.to_string(),
    }
}

impl SearchIndex {
    /// Opens an index from its manifest and a block store. Fails with
    /// [`SearchError::Missing`] until the store holds what opening reads
    /// (the manifest's `preload`).
    pub fn open(manifest: &Manifest, store: Arc<BlockStore>) -> Result<SearchIndex, SearchError> {
        let index = Index::open(store.directory()).map_err(|e| fail(&store, e))?;
        let fields = Fields::of(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: tantivy::TantivyError| fail(&store, e))?;
        let names = agency_names(&reader).map_err(|e| fail(&store, e))?;
        Ok(SearchIndex {
            store,
            reader,
            fields,
            lexicon: Lexicon::new(manifest.lexicon_chunks, manifest.suffixes.clone()),
            names,
            initials: Initials::default(),
            columns: OnceLock::new(),
        })
    }

    /// The lexicon chunks `query` needs that are not loaded.
    pub fn missing_chunks(&self, query: &str) -> Vec<usize> {
        let mut chunks = self.lexicon.missing_chunks(query);
        for c in self.lexicon.missing_chunks(&analysable(query, true)) {
            if !chunks.contains(&c) {
                chunks.push(c);
            }
        }
        chunks
    }

    /// Adds the corpus's morpheme terms (the manifest's `vocabulary` file).
    pub fn add_vocabulary(&mut self, text: &str) {
        self.lexicon.add_vocabulary(text);
    }

    /// Whether `query` has a word of initial consonants (`ㄱㅇㅈㅂ`) and the
    /// table of initials (the manifest's `initials` file) is not loaded.
    pub fn needs_initials(&self, query: &str) -> bool {
        !self.initials.loaded && query.split_whitespace().any(is_initials_query)
    }

    /// Adds the table of initials (the manifest's `initials` file).
    pub fn add_initials(&mut self, text: &str) {
        self.initials = Initials::parse(text);
    }

    /// Adds a lexicon chunk.
    pub fn add_chunk(&mut self, chunk: usize, text: &str) -> Result<(), SearchError> {
        self.lexicon
            .add_chunk(chunk, text)
            .map_err(|e| SearchError::Index(e.to_string()))
    }

    /// The query's words, their roles and what the person asked for.
    fn words(&self, req: &Request) -> (Vec<Word>, Intent) {
        let split = split_query(&req.query);
        let plain: Vec<&str> = split
            .iter()
            .filter(|(_, phrase)| !phrase)
            .map(|(w, _)| w.as_str())
            .collect();
        // A bare name (남양주, 부서) is a word of the text when the text
        // says it more than twice as often as its agencies have documents.
        let common = |w: &str, agencies: &[String]| {
            let own: u64 = agencies
                .iter()
                .map(|a| self.doc_freq(self.fields.agency, a))
                .sum();
            self.doc_freq(self.fields.text, w) > 2 * own
        };
        let intent = self.names.read_with(&plain, &req.literal, &common);
        let last = split.len().saturating_sub(1);
        let mut plain_index = 0;
        let mut words = Vec::new();
        for (i, (w, phrase)) in split.iter().enumerate() {
            let mut role = Role::Text;
            if !phrase {
                if intent.agency_words.contains(&plain_index) {
                    role = Role::Intent;
                } else if intent.kind_words.contains(&plain_index) {
                    role = Role::Kind;
                }
                plain_index += 1;
            }
            let typing = req.typing && i == last && !phrase;
            words.extend(self.word(w, *phrase, role, typing));
        }
        (without_questions(words), intent)
    }

    fn word(&self, w: &str, phrase: bool, role: Role, typing: bool) -> Option<Word> {
        let initials = !phrase && is_initials_query(w);
        let completion = completion(w).filter(|_| typing);
        let analysed = completion.as_ref().map_or(w, |c| c.stem.as_str());
        let terms = if initials {
            Vec::new()
        } else {
            analysis::analyze(&self.lexicon, analysed)
        };
        let mut expansions = match jamo::initials_key(w).filter(|_| initials) {
            Some(key) => self.initials.get(&key),
            None => Vec::new(),
        };
        let norm = normalize(w);
        // The word's whole term comes first (a compound's parts follow).
        let mut synonyms = match terms.first() {
            Some(t) if !phrase => synonyms::synonyms(&t.text),
            _ => Vec::new(),
        };
        if !phrase && !initials {
            let own = |s: &&str| terms.iter().all(|t| t.text != *s);
            for s in synonyms::everyday(&norm) {
                if own(&s) && !synonyms.contains(&s) {
                    synonyms.push(s);
                }
            }
            // 인제대 stands for 인제대학교 too, when the index knows it.
            let full = terms.first().and_then(|t| synonyms::university(&t.text));
            expansions.extend(full.filter(|f| self.in_title_or_text(f)));
        }
        let typed = match terms.as_slice() {
            [only] if !phrase && completion.is_none() && norm != only.text => norm
                .starts_with(only.text.as_str())
                .then(|| norm.clone())
                .filter(|n| n.chars().all(jamo::is_syllable)),
            _ => None,
        };
        let mut word = Word {
            terms,
            phrase,
            role,
            completion,
            expansions,
            synonyms,
            asks: false,
            typed,
        };
        word.asks = word.is_plain()
            && (questions::asks_word(&norm, |s| self.lexicon.is_suffix(s))
                || (!word.terms.is_empty() && word.terms.iter().all(|t| questions::asks(&t.text))));
        (!word.terms.is_empty() || !word.expansions.is_empty() || word.completion.is_some())
            .then_some(word)
    }
}

/// The words without what only asks ([`questions`]): a question word in
/// a word of other terms (`책임자는누구`) is left out of it, and a word
/// that only asks (`누구인가요`) is left out of the query, unless only such
/// words are left.
fn without_questions(mut words: Vec<Word>) -> Vec<Word> {
    for w in &mut words {
        if w.is_plain() && w.terms.iter().any(|t| !questions::asks(&t.text)) {
            w.terms.retain(|t| !questions::asks(&t.text));
        }
    }
    if words.iter().any(|w| !w.asks) {
        words.retain(|w| !w.asks);
    }
    words
}

/// The full names of the agencies an index holds, read from its agency
/// column's dictionary, for reading agency names in queries.
fn agency_names(reader: &IndexReader) -> tantivy::Result<Names> {
    let mut all = Vec::new();
    for segment in reader.searcher().segment_readers() {
        let Some(column) = segment.fast_fields().str(field::AGENCY)? else {
            continue;
        };
        let mut stream = column.dictionary().stream()?;
        while stream.advance() {
            all.push(String::from_utf8_lossy(stream.key()).into_owned());
        }
    }
    all.sort();
    all.dedup();
    Ok(Names::new(all.iter().map(String::as_str)))
}

/// Whole terms by their initial consonants: the most frequent terms of the
/// corpus, so that `ㄱㅇㅈㅂ` finds 개인정보.
#[derive(Debug, Clone, Default)]
struct Initials {
    loaded: bool,
    by_key: BTreeMap<String, Vec<String>>,
}

impl Initials {
    /// Reads `initials<TAB>term<TAB>term…` lines, terms most frequent first.
    fn parse(text: &str) -> Initials {
        let by_key = text
            .lines()
            .filter_map(|line| {
                let mut parts = line.split('\t');
                let key = parts.next()?.to_string();
                Some((key, parts.map(str::to_string).collect()))
            })
            .collect();
        Initials {
            loaded: true,
            by_key,
        }
    }

    fn get(&self, key: &str) -> Vec<String> {
        self.by_key.get(key).cloned().unwrap_or_default()
    }
}

/// Weight of a word's whole-word term (`인제대학교`) against its parts
/// (`인제`, `대학교`): a whole name outranks a match of a compound's part.
const WHOLE_WORD: f32 = 3.0;

/// Score of a document for belonging to an agency the query names, before
/// the agency boost: every document of that agency matches.
const AGENCY_MATCH: f32 = 1.0;

/// Score of a document of the kind the query asks for (`연락처`), before
/// the kind boost: a contact matches `남양주시 연락처` though its text does
/// not say 연락처.
const KIND_MATCH: f32 = 5.0;

/// Share of the documents above which a text word is common: beside a
/// rarer word it only ranks (see `SearchIndex::query`).
const COMMON_SHARE: f64 = 0.2;

/// Weight of the text match of a word read as an agency or a kind: it
/// orders the agency's documents, but a document that merely mentions
/// 연락처 must not outrank the contacts themselves.
const INTENT_TEXT: f32 = 0.15;

/// Bonus factor of the words' scores for a document that has every text
/// word of the query.
const ALL_WORDS: f32 = 2.0;

/// Weight of a word's synonyms beside the word as typed: what the person
/// wrote ranks first.
const SYNONYM: f32 = 0.8;

impl SearchIndex {
    fn term_clauses(&self, t: &str, prefix: bool, weight: f32) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.fields;
        let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let chars = t.chars().count();
        let hangul = t.chars().any(jamo::is_syllable);
        // One typo after the first syllable of a longer word the index
        // does not know as typed, in either field (see `typo`: only the
        // dictionary blocks of that first syllable are read).
        let typo = ((hangul && chars >= 4) || (!hangul && chars >= 5)) && !self.in_title_or_text(t);
        // Each clause knows its ceiling (see `Capped`): a term its BM25 at
        // most, a fuzzy or prefix form its boost, which all its documents
        // score.
        fn constant(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
            let boosted = Box::new(BoostQuery::new(q, boost));
            Box::new(Capped::constant(boosted, boost))
        }
        for (field, boost) in [(f.title, 2.0 * weight), (f.text, weight)] {
            let term = IndexTerm::from_field_text(field, t);
            out.push((Occur::Should, Box::new(Capped::term(term, boost))));
            if prefix && chars >= 2 {
                let q = TypoQuery::prefix(field, t);
                out.push((Occur::Should, constant(Box::new(q), 0.5 * boost)));
            }
            if typo {
                let q = TypoQuery::typo(field, t);
                out.push((Occur::Should, constant(Box::new(q), 0.3 * boost)));
            }
        }
        out
    }

    /// A quoted phrase, in the title (weighted as a word's title match is)
    /// or in the text: an article headed by the phrase is found by it as
    /// much as one that says it. Each holds all of the phrase's pairs of
    /// adjacent terms ([`crate::pairs`]).
    fn phrase_query(&self, word: &Word) -> Box<dyn Query> {
        let f = &self.fields;
        let pairs = pairs::phrase_pairs(&word.terms);
        let clauses: Vec<(Occur, Box<dyn Query>)> = [(f.title_pairs, 2.0), (f.text_pairs, 1.0)]
            .into_iter()
            .map(|(field, boost)| {
                let all: Vec<(Occur, Box<dyn Query>)> = pairs
                    .iter()
                    .map(|p| {
                        let q: Box<dyn Query> = Box::new(TermQuery::new(
                            IndexTerm::from_field_text(field, p),
                            IndexRecordOption::WithFreqs,
                        ));
                        (Occur::Must, q)
                    })
                    .collect();
                let q: Box<dyn Query> =
                    Box::new(BoostQuery::new(Box::new(BooleanQuery::new(all)), boost));
                (Occur::Should, q)
            })
            .collect();
        Box::new(BooleanQuery::new(clauses))
    }

    /// A word's clauses, each weighted by `scale` as well (a quoted phrase
    /// of several terms keeps its own weights: phrases are never scaled).
    fn word_query(&self, word: &Word, prefix: bool, scale: f32) -> Box<dyn Query> {
        if word.is_phrase() {
            return self.phrase_query(word);
        }
        // The word's analysis starts with its whole form when it is a
        // compound (인제대학교, then 인제, 대학교).
        let whole = word.terms.get(1).is_some_and(|t| t.same_position);
        let expanded = !word.expansions.is_empty();
        let last = word.terms.len().saturating_sub(1);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (i, t) in word.terms.iter().enumerate() {
            let mut weight = scale * if whole && i == 0 { WHOLE_WORD } else { 1.0 };
            // What was typed before a syllable being composed ranks below
            // the words it is becoming.
            if expanded {
                weight *= 0.5;
            }
            let prefix = prefix && i == last && !expanded && word.completion.is_none();
            clauses.extend(self.term_clauses(&t.text, prefix, weight));
        }
        for e in &word.expansions {
            clauses.extend(self.term_clauses(e, false, scale));
        }
        for s in &word.synonyms {
            clauses.extend(self.term_clauses(s, false, SYNONYM * scale));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// The region and category filters (kinds and agencies are filtered by
    /// [`Grouped`], which counts the facets without them).
    fn filters(&self, req: &Request) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.fields;
        [(f.region, &req.region), (f.category, &req.category)]
            .into_iter()
            .filter_map(|(field, value)| {
                value.as_ref().filter(|v| !v.is_empty()).map(|v| (field, v))
            })
            .map(|(field, v)| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    IndexTerm::from_field_text(field, v),
                    IndexRecordOption::Basic,
                ));
                (Occur::Must, q)
            })
            .collect()
    }

    /// The query. Documents are found by the query's text words (any may
    /// match, and all of them matching scores more), and by the named
    /// agency's documents of the named kind; phrases must match, and
    /// beside a phrase the words only rank. What only
    /// ranks: a word read as an agency or a kind, a named agency's or
    /// kind's documents, and a text word found in most documents when a
    /// rarer one selects (a common-terms query: `개인정보` beside
    /// `분쟁조정위원회` orders the hits of the latter instead of making every
    /// document a hit). A query of intent words alone finds the agency's or
    /// kind's documents. What only ranks is read at the hits alone (see
    /// [`RankedQuery`]), and a named agency's or kind's match score is
    /// added by the collector ([`Grouped::agency_match`]), which reads
    /// their columns at every hit anyway: the second value says so (false
    /// when their documents are the hits, and the query scores them).
    fn query(&self, words: &[Word], intent: &Intent, req: &Request) -> (RankedQuery, bool) {
        let common = self.common_words(words, req.typing);
        let mut select: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut rank: Vec<Box<dyn Query>> = Vec::new();
        // The text words, and whether each selects (else it only ranks).
        let mut text: Vec<(Box<dyn Query>, bool)> = Vec::new();
        let mut core: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let last = words.len().saturating_sub(1);
        for (i, w) in words.iter().enumerate() {
            let prefix = req.typing && i == last && !w.phrase;
            if w.phrase {
                core.push((Occur::Must, self.word_query(w, prefix, 1.0)));
            } else if w.role != Role::Text {
                rank.push(self.word_query(w, prefix, INTENT_TEXT));
            } else {
                let q = self.word_query(w, prefix, 1.0);
                if !common[i] {
                    select.push((Occur::Should, q.box_clone()));
                }
                text.push((q, !common[i]));
            }
        }
        // With a phrase the words only rank; without, one must match.
        let phrase = !core.is_empty();
        let both = self.named_kind_of_agency(intent);
        // Intent words alone, without an agency and a kind together: the
        // named agency's or kind's documents are the hits, scored by the
        // intent words and the named clauses.
        let named_select = !phrase && select.is_empty() && both.is_none();
        if named_select {
            select.extend(rank.drain(..).map(|q| (Occur::Should, q)));
            select.extend(self.named_clauses(intent));
        } else if !phrase {
            select.extend(both);
        }
        if !phrase && !select.is_empty() {
            core.push((Occur::Must, Box::new(BooleanQuery::new(select))));
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(core)))];
        clauses.extend(self.filters(req));
        let mut query = RankedQuery::new(Box::new(BooleanQuery::new(clauses)), rank);
        for (q, selects) in text {
            query = if selects && !phrase {
                query.with_selecting_word(q)
            } else {
                query.with_ranking_word(q)
            };
        }
        (query.with_bonus(ALL_WORDS), !named_select)
    }

    /// A constant score for each document of a named agency or kind.
    fn named_clauses(&self, intent: &Intent) -> Vec<(Occur, Box<dyn Query>)> {
        let kind = intent
            .kind
            .map(|k| (self.fields.kind, k.as_str(), KIND_MATCH));
        let agencies = intent
            .agencies
            .iter()
            .map(|a| (self.fields.agency, a.as_str(), AGENCY_MATCH));
        agencies
            .chain(kind)
            .map(|(field, value, score)| {
                let term = IndexTerm::from_field_text(field, value);
                let q: Box<dyn Query> = Box::new(ConstScoreQuery::new(
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                    score,
                ));
                (Occur::Should, q)
            })
            .collect()
    }

    /// When the query names an agency and a kind (`서울시 … 신고`), that
    /// agency's documents of that kind are hits whatever their words (a
    /// few documents; the score comes from the ranking clauses).
    fn named_kind_of_agency(&self, intent: &Intent) -> Option<(Occur, Box<dyn Query>)> {
        let kind = intent.kind?;
        if intent.agencies.is_empty() {
            return None;
        }
        let exact = |field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                IndexTerm::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        let agencies: Vec<(Occur, Box<dyn Query>)> = intent
            .agencies
            .iter()
            .map(|a| (Occur::Should, exact(self.fields.agency, a)))
            .collect();
        let both = BooleanQuery::new(vec![
            (Occur::Must, exact(self.fields.kind, kind.as_str())),
            (Occur::Must, Box::new(BooleanQuery::new(agencies))),
        ]);
        Some((
            Occur::Should,
            Box::new(ConstScoreQuery::new(Box::new(both), 0.0)),
        ))
    }

    /// Which words only rank: plain text words whose every term is in more
    /// than [`COMMON_SHARE`] of the documents, when another text word is
    /// rarer and in some document's text (a word in none would leave the
    /// query no hits). Phrases, words standing for others (initials, a
    /// syllable being composed) and the word being typed always select.
    fn common_words(&self, words: &[Word], typing: bool) -> Vec<bool> {
        let limit = (self.reader.searcher().num_docs() as f64 * COMMON_SHARE) as u64;
        let last = words.len().saturating_sub(1);
        let df = |t: &Term| self.doc_freq(self.fields.text, &t.text);
        let common: Vec<bool> = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                w.is_plain() && !(typing && i == last) && w.terms.iter().all(|t| df(t) > limit)
            })
            .collect();
        let selects = words.iter().zip(&common).any(|(w, &c)| {
            let found = || {
                !w.expansions.is_empty()
                    || w.completion.is_some()
                    || w.terms.iter().any(|t| df(t) > 0)
            };
            w.role == Role::Text && !w.phrase && !c && found()
        });
        if selects {
            common
        } else {
            vec![false; words.len()]
        }
    }

    /// The flat columns of the index's one segment (see [`DocColumns`]),
    /// read at the first search whose reads lacked no block, and kept (a
    /// search that lacks blocks runs again once they are fetched: it
    /// reads the columns as they are).
    fn doc_columns(&self) -> Option<Arc<DocColumns>> {
        if let Some(columns) = self.columns.get() {
            return Some(columns.clone());
        }
        if self.store.lacks_any() {
            return None;
        }
        let searcher = self.reader.searcher();
        let [segment] = searcher.segment_readers() else {
            return None;
        };
        let columns = Arc::new(DocColumns::read(segment).ok()??);
        if self.store.lacks_any() {
            return None;
        }
        Some(self.columns.get_or_init(|| columns).clone())
    }

    /// Fails with [`SearchError::Missing`] if reads since the last check
    /// needed blocks the store lacks.
    fn check(&self) -> Result<(), SearchError> {
        let missing = self.store.take_missing();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(SearchError::Missing(missing))
        }
    }

    /// Runs a request. Any query runs; an error means the index files are
    /// damaged, or (in the browser) names the blocks to fetch first.
    pub fn search(&self, req: &Request) -> Result<Results, SearchError> {
        let (words, intent) = self.words(req);
        let first = self.answer(req, words.clone(), &intent)?;
        // While a word is being typed, no hits is no news (the box keeps
        // what it showed until the query settles).
        if first.total > 0 || req.typing {
            return Ok(first);
        }
        match self.relaxed(words, intent) {
            Some((words, intent, left_out)) => {
                let mut results = self.answer(req, words, &intent)?;
                results.left_out = left_out;
                Ok(results)
            }
            None => Ok(first),
        }
    }

    /// A query that found nothing, made wider, if it can be: without its
    /// text words that no document holds (`단국대` where the index knows
    /// only 단국대학교), when other words or a named agency or kind are
    /// left; else, when it names an agency and a kind of which the agency
    /// has none (a university with no trustees), the agency's documents of
    /// every kind, the kind's words searched as text. With the words left
    /// out.
    fn relaxed(
        &self,
        words: Vec<Word>,
        mut intent: Intent,
    ) -> Option<(Vec<Word>, Intent, Vec<String>)> {
        let unknown = |w: &Word| w.is_plain() && w.texts().all(|t| !self.in_title_or_text(&t));
        let (gone, kept): (Vec<Word>, Vec<Word>) = words.into_iter().partition(unknown);
        let named = !intent.agencies.is_empty() || intent.kind.is_some();
        if !gone.is_empty() && (!kept.is_empty() || named) {
            let left_out = gone
                .iter()
                .filter_map(|w| w.terms.first())
                .map(|t| t.text.clone());
            return Some((kept, intent, left_out.collect()));
        }
        if gone.is_empty() && intent.kind.is_some() && !intent.agencies.is_empty() {
            intent.kind = None;
            intent.understood.retain(|u| u.intent != "kind");
            let mut words = kept;
            for w in words.iter_mut().filter(|w| w.role == Role::Kind) {
                w.role = Role::Text;
            }
            return Some((words, intent, Vec::new()));
        }
        None
    }

    /// The answer to `req` read as `words` and `intent`.
    fn answer(
        &self,
        req: &Request,
        words: Vec<Word>,
        intent: &Intent,
    ) -> Result<Results, SearchError> {
        let mut results = Results {
            hits: Vec::new(),
            total: 0,
            kinds: Vec::new(),
            agencies: Vec::new(),
            terms: Vec::new(),
            understood: intent.understood.clone(),
            left_out: Vec::new(),
        };
        if words.is_empty() && intent.agencies.is_empty() && intent.kind.is_none() {
            return Ok(results);
        }
        // Dictionary lookups first: dropping common parts needs their
        // document frequencies, and dropped terms need no postings.
        self.lookup(&words);
        let words = self.with_typed(self.expand(words));
        self.check()?;
        results.terms = words.iter().flat_map(Word::texts).collect();
        let words = self.prune(words, req.typing);
        let (query, collector_scores_names) = self.query(&words, intent, req);
        // One pass over what the query will read, so that a browser learns
        // every block it lacks at once instead of one per attempt.
        self.prefetch(&words, intent, req.typing);
        self.check()?;
        let limit = req.limit.clamp(1, 100);
        let collector = Grouped {
            kind: req.kind.clone(),
            agency: req.agency.clone(),
            boost_agencies: intent.agencies.clone(),
            boost_kind: intent.kind.map(|k| k.as_str().to_string()),
            agency_match: if collector_scores_names {
                AGENCY_MATCH
            } else {
                0.0
            },
            kind_match: if collector_scores_names {
                KIND_MATCH
            } else {
                0.0
            },
            agency_facets: AGENCY_FACETS,
            limit,
            columns: self.doc_columns(),
        };
        let fruit = self
            .reader
            .searcher()
            .search(&query, &collector)
            .map_err(|e| fail(&self.store, e))?;
        let targets = highlight_targets(&req.query, &results.terms);
        let top = fruit.top(limit);
        results.hits = self.hits(top, &targets, req, intent)?;
        let tally = fruit.tally(req.kind.as_deref());
        results.total = tally.total;
        results.kinds = DocKind::ALL
            .iter()
            .filter_map(|k| {
                tally
                    .kinds
                    .get(k.as_str())
                    .map(|&n| (k.as_str().to_string(), n))
            })
            .collect();
        results.agencies = tally.agencies.into_iter().collect();
        results
            .agencies
            .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let chosen = |a: &str| req.agency.as_deref() == Some(a);
        let mut kept = 0;
        results.agencies.retain(|(a, _)| {
            kept += 1;
            kept <= AGENCY_FACETS || chosen(a)
        });
        Ok(results)
    }

    /// Reads the hits' stored documents (and, if asked, their groups'
    /// members). Every hit is read before giving up, so one round trip
    /// fetches all the stored documents the page shows.
    fn hits(
        &self,
        top: Vec<(Score, u64, DocAddress)>,
        targets: &[String],
        req: &Request,
        intent: &Intent,
    ) -> Result<Vec<Hit>, SearchError> {
        let read: Vec<Result<Hit, SearchError>> = top
            .into_iter()
            .map(|(score, group, addr)| self.hit(addr, score, group, targets))
            .collect();
        self.check()?;
        let mut hits = read
            .into_iter()
            .collect::<Result<Vec<Hit>, SearchError>>()?;
        if req.members {
            let mut prefer: Vec<String> = req.agency.iter().cloned().collect();
            prefer.extend(intent.agencies.iter().cloned());
            for h in &mut hits {
                if let Some(group) = h.group {
                    h.members = self.members(group, &prefer, MEMBERS)?;
                }
            }
        }
        Ok(hits)
    }

    /// The first `limit` documents of a wording group (a hit's `group`):
    /// the `prefer`red agencies first, then by agency name. Ordered from
    /// the agency column, so that only the documents listed are read (a
    /// group may hold thousands).
    pub fn members(
        &self,
        group: u64,
        prefer: &[String],
        limit: usize,
    ) -> Result<Vec<Member>, SearchError> {
        let term = IndexTerm::from_field_u64(self.fields.group, group);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let searcher = self.reader.searcher();
        let docs = searcher
            .search(&query, &DocSetCollector)
            .map_err(|e| fail(&self.store, e))?;
        let mut ranked: Vec<(bool, u64, DocAddress)> = Vec::with_capacity(docs.len());
        let mut columns: BTreeMap<u32, (StrColumn, Vec<u64>)> = BTreeMap::new();
        for addr in docs {
            let (column, preferred) = match columns.entry(addr.segment_ord) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => {
                    let segment = searcher.segment_reader(addr.segment_ord);
                    let column =
                        str_column(segment, field::AGENCY).map_err(|e| fail(&self.store, e))?;
                    let mut ords = Vec::new();
                    for name in prefer {
                        let ord = column.dictionary().term_ord(name.as_bytes());
                        ords.extend(ord.map_err(|e| fail(&self.store, e))?);
                    }
                    e.insert((column, ords))
                }
            };
            let ord = column.term_ords(addr.doc_id).next().unwrap_or(u64::MAX);
            ranked.push((!preferred.contains(&ord), ord, addr));
        }
        self.check()?;
        ranked.sort();
        let read: Vec<Result<Member, SearchError>> = ranked
            .into_iter()
            .take(limit)
            .map(|(_, _, addr)| self.member(addr))
            .collect();
        self.check()?;
        read.into_iter().collect()
    }

    fn doc(&self, addr: DocAddress) -> Result<TantivyDocument, SearchError> {
        self.reader
            .searcher()
            .doc::<TantivyDocument>(addr)
            .map_err(|e| SearchError::Index(e.to_string()))
    }

    fn member(&self, addr: DocAddress) -> Result<Member, SearchError> {
        let doc = self.doc(addr)?;
        let get = |f: Field| text_of(&doc, f);
        Ok(Member {
            agency: get(self.fields.agency),
            policy: get(self.fields.policy),
            url: get(self.fields.url),
        })
    }

    fn hit(
        &self,
        addr: DocAddress,
        score: f32,
        group: u64,
        targets: &[String],
    ) -> Result<Hit, SearchError> {
        let doc = self.doc(addr)?;
        let get = |f: Field| text_of(&doc, f);
        let kind = get(self.fields.kind);
        let text = get(self.fields.text);
        let group_size = u64_of(&doc, self.fields.group_size);
        Ok(Hit {
            kind_label: DocKind::parse(&kind).map_or("", |k| k.label()).to_string(),
            kind,
            agency: get(self.fields.agency),
            policy: get(self.fields.policy),
            region: get(self.fields.region),
            category: get(self.fields.category),
            title: get(self.fields.title),
            url: get(self.fields.url),
            excerpt: excerpt(&text, targets, 160),
            text,
            score,
            // A document of its own wording has no group value; the
            // collector keys it by its address instead.
            group: (group_size > 1).then_some(group),
            group_size,
            group_agencies: u64_of(&doc, self.fields.group_agencies),
            members: Vec::new(),
        })
    }
}

fn u64_of(doc: &TantivyDocument, f: Field) -> u64 {
    doc.get_first(f).and_then(|v| v.as_u64()).unwrap_or(1)
}

fn text_of(doc: &TantivyDocument, f: Field) -> String {
    doc.get_first(f)
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string()
}

impl SearchIndex {
    /// Reads what every query needs: the term dictionaries' block indexes,
    /// field norms and the kind, agency and group columns. Errors are left
    /// for the store to report.
    pub fn prefetch_common(&self) {
        for segment in self.reader.searcher().segment_readers() {
            for field in [self.fields.title, self.fields.text] {
                let _ = segment.inverted_index(field);
                let _ = segment.get_fieldnorms_reader(field);
            }
            for name in [field::KIND, field::AGENCY] {
                if let Ok(Some(column)) = segment.fast_fields().str(name) {
                    let _ = column.num_terms();
                }
            }
            let _ = segment.fast_fields().u64(field::GROUP);
        }
    }

    /// Reads the postings of the words' terms (a phrase's pairs instead of
    /// its terms; while typing, also of the words the last term begins) and of the
    /// named agencies and kind, so that missing blocks are all reported together.
    /// Runs after [`Self::lookup`], which has read what every query needs.
    fn prefetch(&self, words: &[Word], intent: &Intent, typing: bool) {
        let option = IndexRecordOption::WithFreqs;
        let (terms, phrases) = searched_terms(words);
        let prefix = words
            .last()
            .filter(|w| typing && !w.phrase && w.completion.is_none())
            .and_then(|w| w.terms.last())
            .map(|t| t.text.as_str())
            .filter(|t| t.chars().count() >= 2);
        for segment in self.reader.searcher().segment_readers() {
            for (field, searched) in self.searched_fields(&terms, &phrases) {
                let Ok(inverted) = segment.inverted_index(field) else {
                    continue;
                };
                for t in searched {
                    read_postings(&inverted, &IndexTerm::from_field_text(field, t), option);
                }
                let text_field = field == self.fields.title || field == self.fields.text;
                if let Some(p) = prefix.filter(|_| text_field) {
                    read_prefixed(&inverted, p, option);
                }
            }
            let kind = intent.kind.map(|k| (self.fields.kind, k.as_str()));
            let agencies = intent
                .agencies
                .iter()
                .map(|a| (self.fields.agency, a.as_str()));
            for (field, value) in agencies.chain(kind) {
                if let Ok(inverted) = segment.inverted_index(field) {
                    let term = IndexTerm::from_field_text(field, value);
                    read_postings(&inverted, &term, IndexRecordOption::Basic);
                }
            }
        }
    }

    /// How many documents hold `text` in `field` (none when the read
    /// lacks a block: the store reports it, and the search runs again).
    fn doc_freq(&self, field: Field, text: &str) -> u64 {
        let term = IndexTerm::from_field_text(field, text);
        self.reader.searcher().doc_freq(&term).unwrap_or(0)
    }

    /// Whether a title or a text holds `t`.
    fn in_title_or_text(&self, t: &str) -> bool {
        let f = &self.fields;
        [f.title, f.text]
            .into_iter()
            .any(|field| self.known(&IndexTerm::from_field_text(field, t)))
    }

    /// Each word none of whose terms is known searched as typed as well
    /// (see [`Word::typed`]). The lookup pass does not look the typed form
    /// up: most words have a known term, and the typed form's dictionary
    /// block would cost them a fetch; an unknown word pays it here.
    fn with_typed(&self, mut words: Vec<Word>) -> Vec<Word> {
        for w in &mut words {
            let Some(typed) = w.typed.take() else {
                continue;
            };
            if w.terms.iter().all(|t| !self.in_title_or_text(&t.text)) {
                w.terms.push(Term::new(&typed, 0, typed.len(), true));
            }
        }
        words
    }

    /// Whether any segment's term dictionary holds `term` (its dictionary
    /// block was loaded by the lookup pass, so this reads nothing new).
    fn known(&self, term: &IndexTerm) -> bool {
        self.reader
            .searcher()
            .segment_readers()
            .iter()
            .any(|segment| {
                segment
                    .inverted_index(term.field())
                    .is_ok_and(|inverted| matches!(inverted.get_term_info(term), Ok(Some(_))))
            })
    }

    /// Looks up every term of `words` in the term dictionaries, so that one
    /// pass reports the dictionary blocks they need.
    fn lookup(&self, words: &[Word]) {
        self.prefetch_common();
        let (terms, phrases) = searched_terms(words);
        for segment in self.reader.searcher().segment_readers() {
            for (field, searched) in self.searched_fields(&terms, &phrases) {
                if let Ok(inverted) = segment.inverted_index(field) {
                    for t in searched {
                        let _ = inverted.get_term_info(&IndexTerm::from_field_text(field, t));
                    }
                }
            }
        }
    }

    /// The fields `terms` and a phrase's `pairs` are searched in, each with
    /// its own (a field with none is left unopened).
    fn searched_fields<'a>(
        &self,
        terms: &'a [String],
        pairs: &'a [String],
    ) -> impl Iterator<Item = (Field, &'a [String])> {
        let f = &self.fields;
        [
            (f.title, terms),
            (f.text, terms),
            (f.title_pairs, pairs),
            (f.text_pairs, pairs),
        ]
        .into_iter()
        .filter(|(_, searched)| !searched.is_empty())
    }

    /// Fills in the whole terms a syllable being composed may become: the
    /// most frequent terms of the text's dictionary in its range.
    fn expand(&self, words: Vec<Word>) -> Vec<Word> {
        words
            .into_iter()
            .map(|mut w| {
                if let Some(c) = &w.completion {
                    w.expansions = self.completions(c);
                }
                w
            })
            .collect()
    }

    fn completions(&self, c: &Completion) -> Vec<String> {
        let (lo, hi) = c.bounds();
        let mut found: BTreeMap<String, u64> = BTreeMap::new();
        for segment in self.reader.searcher().segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.text) else {
                continue;
            };
            let Ok(mut stream) = inverted
                .terms()
                .range()
                .ge(lo.as_bytes())
                .lt(hi.as_bytes())
                .into_stream()
            else {
                continue;
            };
            while stream.advance() && found.len() < 50 * EXPANSIONS {
                let term = String::from_utf8_lossy(stream.key()).into_owned();
                *found.entry(term).or_default() += u64::from(stream.value().doc_freq);
            }
        }
        let mut found: Vec<(String, u64)> = found.into_iter().collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.len().cmp(&b.0.len())));
        found.into_iter().take(EXPANSIONS).map(|(t, _)| t).collect()
    }

    /// Drops from each plain word the terms found in more than half the
    /// documents (`정보` of `개인정보`, one-syllable parts) when the word has
    /// a rarer term: they barely rank but cost a walk over most of the
    /// index. A word keeps at least its rarest term, and while typing its
    /// last term (the prefix).
    fn prune(&self, words: Vec<Word>, typing: bool) -> Vec<Word> {
        let n = self.reader.searcher().num_docs();
        let df = |t: &str| self.doc_freq(self.fields.text, t);
        let last = words.len().saturating_sub(1);
        words
            .into_iter()
            .enumerate()
            .map(|(i, mut w)| {
                if w.phrase || w.terms.len() < 2 {
                    return w;
                }
                let dfs: Vec<u64> = w.terms.iter().map(|t| df(&t.text)).collect();
                let keep = keep_rare(&dfs, n, typing && i == last);
                w.terms = std::mem::take(&mut w.terms)
                    .into_iter()
                    .zip(keep)
                    .filter_map(|(t, k)| k.then_some(t))
                    .collect();
                w
            })
            .collect()
    }

    /// The block store the index reads from.
    pub fn store(&self) -> &Arc<BlockStore> {
        &self.store
    }
}

/// The terms `words` are searched by in the title and text, and the pairs
/// their phrases are searched by in the pairs' fields.
fn searched_terms(words: &[Word]) -> (Vec<String>, Vec<String>) {
    let mut terms = Vec::new();
    let mut pairs = Vec::new();
    for w in words {
        if w.is_phrase() {
            pairs.extend(pairs::phrase_pairs(&w.terms));
        } else {
            terms.extend(w.texts());
        }
    }
    (terms, pairs)
}

fn read_postings(inverted: &InvertedIndexReader, term: &IndexTerm, option: IndexRecordOption) {
    if let Ok(Some(info)) = inverted.get_term_info(term) {
        let _ = inverted.read_postings_from_terminfo(&info, option);
    }
}

fn read_prefixed(inverted: &InvertedIndexReader, prefix: &str, option: IndexRecordOption) {
    let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream() else {
        return;
    };
    while stream.advance() && stream.key().starts_with(prefix.as_bytes()) {
        let _ = inverted.read_postings_from_terminfo(stream.value(), option);
    }
}

/// Which of a word's terms to search, given their document frequencies in
/// `n` documents: those in at most [`COMMON_SHARE`] of the documents, the
/// rarest one always, and the last one when `keep_last` (a prefix being
/// typed). `(주)피씨엔` searches 피씨엔, not every company's 주.
fn keep_rare(dfs: &[u64], n: u64, keep_last: bool) -> Vec<bool> {
    let rarest = (0..dfs.len()).min_by_key(|&j| dfs[j]);
    let limit = (n as f64 * COMMON_SHARE) as u64;
    (0..dfs.len())
        .map(|j| dfs[j] <= limit || Some(j) == rarest || (keep_last && j + 1 == dfs.len()))
        .collect()
}

/// The strings to mark in excerpts: the query's words as typed
/// (normalised), their pieces, and the terms they were analysed into.
fn highlight_targets(query: &str, terms: &[String]) -> Vec<String> {
    // One-character parts (the 자 and 시 of compounds, the 제 and 3 of
    // 제3자) would light up everywhere: mark them only when the person
    // typed them as a word.
    let mut out: Vec<String> = terms
        .iter()
        .filter(|t| t.chars().count() > 1)
        .cloned()
        .collect();
    for word in query.split_whitespace() {
        let typed = normalize(word.trim_matches('"'));
        for piece in pretokenize(word) {
            let texts = match piece {
                Piece::Hangul { text, .. } => vec![text],
                Piece::Terms(ts) => ts.into_iter().map(|t| t.text).collect(),
            };
            out.extend(
                texts
                    .into_iter()
                    .filter(|t| t.chars().count() > 1 || *t == typed),
            );
        }
        out.push(typed);
    }
    out.retain(|t| !t.is_empty());
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    out.dedup();
    out
}

/// Escapes text for HTML.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            _ => out.push(c),
        }
    }
    out
}

/// An excerpt of about `width` characters around the passage that matches
/// the most of `targets`, HTML-escaped, with every match of a target
/// wrapped in `<mark>`.
pub fn excerpt(text: &str, targets: &[String], width: usize) -> String {
    // Match on the normalised text, character by character, so that case
    // and full-width forms do not hide a match; marks map back by index.
    let chars: Vec<char> = text.chars().collect();
    let lowered: Vec<char> = chars
        .iter()
        .map(|c| normalize(&c.to_string()).chars().next().unwrap_or(*c))
        .collect();
    let matches = target_matches(&lowered, targets);
    let mut marked = vec![false; chars.len()];
    for m in &matches {
        marked[m.at..m.at + m.len].fill(true);
    }
    // The passage is shown from a third of the width before its first
    // match: it is sought in the two thirds after.
    let mut start = best_window(&matches, targets, width - width / 3).saturating_sub(width / 3);
    let mut end = (start + width).min(chars.len());
    // A mark is shown whole, not cut to its first or last syllable.
    while start > 0 && marked[start] && marked[start - 1] {
        start -= 1;
    }
    while end > start && end < chars.len() && marked[end - 1] && marked[end] {
        end += 1;
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut open = false;
    for i in start..end {
        if marked[i] && !open {
            out.push_str("<mark>");
            open = true;
        } else if !marked[i] && open {
            out.push_str("</mark>");
            open = false;
        }
        out.push_str(&escape_html(&chars[i].to_string()));
    }
    if open {
        out.push_str("</mark>");
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// Where one of an excerpt's targets occurs, in characters.
struct TargetMatch {
    at: usize,
    len: usize,
    target: usize,
}

/// Every occurrence of each target in `text`, in order of position (one
/// target's occurrences do not overlap). Found in that order, not sorted
/// after: a sort of its own would be kilobytes more wasm.
fn target_matches(text: &[char], targets: &[String]) -> Vec<TargetMatch> {
    let targets: Vec<Vec<char>> = targets.iter().map(|t| t.chars().collect()).collect();
    // Where each target's next occurrence may begin.
    let mut free = vec![0; targets.len()];
    let mut out = Vec::new();
    for at in 0..text.len() {
        for (target, t) in targets.iter().enumerate() {
            if !t.is_empty() && at >= free[target] && text[at..].starts_with(t) {
                out.push(TargetMatch {
                    at,
                    len: t.len(),
                    target,
                });
                free[target] = at + t.len();
            }
        }
    }
    out
}

/// The first match of the passage of `width` characters that holds the
/// most of the targets, each counted once and weighed by its length (the
/// whole `영상정보처리기기` outweighs its parts `정보`, `처리` anywhere
/// else); the earliest such passage, and 0 when nothing matches.
fn best_window(matches: &[TargetMatch], targets: &[String], width: usize) -> usize {
    let mut best = (0, 0);
    let mut seen = vec![false; targets.len()];
    for (i, first) in matches.iter().enumerate() {
        seen.fill(false);
        let mut weight = 0;
        for m in matches[i..]
            .iter()
            .take_while(|m| m.at + m.len <= first.at + width)
        {
            if !std::mem::replace(&mut seen[m.target], true) {
                weight += m.len;
            }
        }
        if weight > best.1 {
            best = (first.at, weight);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_make_phrases_and_an_odd_quote_is_ignored() {
        assert_eq!(
            split_query("쿠키 \"보유 기간\" 파기"),
            vec![
                ("쿠키".into(), false),
                ("보유 기간".into(), true),
                ("파기".into(), false)
            ]
        );
        assert_eq!(
            split_query("\"쿠키 차단"),
            vec![("쿠키".into(), false), ("차단".into(), false)]
        );
        assert!(split_query("\"\"").is_empty());
    }

    #[test]
    fn a_phone_typed_in_groups_is_one_word() {
        let words = |q: &str| -> Vec<String> { split_query(q).into_iter().map(|w| w.0).collect() };
        assert_eq!(words("02 2220 1470 담당"), ["02-2220-1470", "담당"]);
        assert_eq!(words("문의 1588 3112"), ["문의", "1588-3112"]);
        assert_eq!(words("031 590 4214"), ["031-590-4214"]);
        assert_eq!(words("2019 7 9"), ["2019", "7", "9"]);
        assert_eq!(words("만 14 세"), ["만", "14", "세"]);
        assert_eq!(words("\"02 2220\" 1470"), ["02 2220", "1470"]);
    }

    #[test]
    fn an_ordinal_typed_apart_is_one_word() {
        let words = |q: &str| -> Vec<String> { split_query(q).into_iter().map(|w| w.0).collect() };
        assert_eq!(words("제 3자 제공"), ["제3자", "제공"]);
        assert_eq!(words("제 정보"), ["제", "정보"]);
        assert_eq!(words("\"제\" 3자"), ["제", "3자"]);
    }

    #[test]
    fn common_parts_of_a_word_are_not_searched() {
        // 개인정보 (rare enough), 개인, 정보 (in most documents).
        assert_eq!(
            keep_rare(&[40, 900, 990], 1000, false),
            [true, false, false]
        );
        // All common: the rarest stays, and the prefix being typed.
        assert_eq!(
            keep_rare(&[700, 600, 990], 1000, false),
            [false, true, false]
        );
        assert_eq!(keep_rare(&[700, 600, 990], 1000, true), [false, true, true]);
        assert_eq!(keep_rare(&[0, 0], 0, false), [true, true]);
        // (주)피씨엔: 주 is in every company's name, 피씨 in one.
        assert_eq!(keep_rare(&[360, 2], 1000, false), [false, true]);
        assert_eq!(keep_rare(&[200, 2], 1000, false), [true, true]);
    }

    #[test]
    fn excerpts_escape_and_mark() {
        let e = excerpt(
            "<b>개인정보</b>를 파기합니다",
            &["개인정보".into(), "파기".into()],
            100,
        );
        assert_eq!(
            e,
            "&lt;b&gt;<mark>개인정보</mark>&lt;/b&gt;를 <mark>파기</mark>합니다"
        );
    }

    #[test]
    fn one_character_pieces_are_marked_only_when_typed_alone() {
        let targets = highlight_targets("제3자 제공", &["저".into(), "3".into(), "제공".into()]);
        assert_eq!(targets, ["제3자", "제공"]);
        let targets = highlight_targets("\"시\" 3", &[]);
        assert_eq!(targets, ["시", "3"]);
    }

    #[test]
    fn excerpts_show_the_passage_that_matches_most() {
        // 정보 and 처리 early on; the whole word, with 설치, later.
        let text = format!(
            "{}개인정보 처리 목적{}영상정보처리기기 설치 위치와 보관장소{}",
            "가".repeat(100),
            "나".repeat(300),
            "다".repeat(300)
        );
        let targets: Vec<String> = ["영상정보처리기기", "정보", "처리", "설치", "장소"]
            .map(String::from)
            .to_vec();
        let e = excerpt(&text, &targets, 60);
        assert!(
            e.contains("<mark>영상정보처리기기</mark> <mark>설치</mark>"),
            "{e}"
        );
        assert!(!e.contains("목적"), "{e}");
        // Every target counts once: many 정보 do not outweigh one of each.
        let text = format!("{}{}", "정보 ".repeat(40), "나".repeat(300));
        let text = format!("{text}정보처리 설치{}", "다".repeat(300));
        let e = excerpt(&text, &targets, 60);
        assert!(e.contains("<mark>설치</mark>"), "{e}");
    }

    #[test]
    fn an_excerpt_does_not_cut_a_mark() {
        // The window (30 from 10 before the first match) ends inside the
        // second 개인정보: it is shown whole.
        let targets = vec!["개인정보".to_string()];
        let text = format!(
            "{}개인정보{}개인정보{}",
            "가".repeat(30),
            "나".repeat(14),
            "다".repeat(50)
        );
        let e = excerpt(&text, &targets, 30);
        assert!(e.ends_with("나<mark>개인정보</mark>…"), "{e}");
        // The best passage (동의 and 개인정보) starts 3 after a 개인정보
        // began: the window begins with it whole.
        let targets = vec!["개인정보".to_string(), "동의".to_string()];
        let text = format!(
            "{}개인정보나동의개인정보{}",
            "가".repeat(36),
            "다".repeat(50)
        );
        let e = excerpt(&text, &targets, 9);
        assert!(e.starts_with("…<mark>개인정보</mark>나<mark>동의"), "{e}");
        // No width, no excerpt (and no panic).
        assert_eq!(excerpt(&text, &targets, 0), "…");
    }

    #[test]
    fn excerpts_window_around_the_first_match() {
        let text = format!("{}쿠키{}", "가".repeat(300), "나".repeat(300));
        let e = excerpt(&text, &["쿠키".into()], 60);
        assert!(e.starts_with('…') && e.ends_with('…'));
        assert!(e.contains("<mark>쿠키</mark>"));
        assert!(e.chars().count() < 90);
    }

    #[test]
    fn another_version_is_refused_plainly() {
        let e = read_manifest(r#"{"format_version": 999}"#).unwrap_err();
        assert_eq!(
            e,
            SearchError::Version {
                found: 999,
                expected: FORMAT_VERSION
            }
        );
        assert!(e.to_string().contains("rebuild"));
    }

    #[test]
    fn a_manifest_of_tiny_blocks_is_refused() {
        let manifest = |block: u64| {
            format!(
                r#"{{"format_version": {FORMAT_VERSION}, "lexicon_chunks": 1, "suffixes": [], "documents": 1,
                   "index_files": [{{"name": "1.idx", "len": 100000000, "hash": "00", "block": {block}}}]}}"#
            )
        };
        assert!(read_manifest(&manifest(4096)).is_ok());
        let e = read_manifest(&manifest(1)).unwrap_err().to_string();
        assert!(e.contains("1.idx is cut into blocks of 1 bytes"), "{e}");
        assert!(read_manifest(&manifest(1 << 30)).is_err());
    }
}
