//! The searcher, shared by the browser (wasm) and `bangchim search`: opens
//! the index from its files, analyses the query with the [`Lexicon`], runs
//! it with BM25, and returns hits with highlighted, HTML-escaped excerpts.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::StrColumn;
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{
    DocAddress, DocId, Index, IndexReader, ReloadPolicy, Score, SegmentOrdinal, SegmentReader,
    TantivyDocument, Term as IndexTerm,
};

use crate::analysis::{self, Piece, Term, normalize, pretokenize};
use crate::blocks::{BlockStore, IndexFile};
use crate::lexicon::Lexicon;
use crate::schema::{DocKind, FORMAT_VERSION, field};

/// The manifest the generator writes beside the index.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    /// Index format version ([`FORMAT_VERSION`]).
    pub format_version: u32,
    /// The tantivy files; each is published as blocks under the search
    /// folder's `index/` (see [`crate::blocks`]).
    pub index_files: Vec<IndexFile>,
    /// The blocks every query reads (opening the index, the term
    /// dictionaries' block indexes, field norms, the kind and agency
    /// columns): fetch them first.
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
    serde_json::from_str(json).map_err(|e| SearchError::Index(format!("manifest: {e}")))
}

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
    /// How many hits.
    #[serde(default = "default_limit")]
    pub limit: usize,
    /// Whether the last word is still being typed (match it as a prefix).
    #[serde(default)]
    pub typing: bool,
}

fn default_limit() -> usize {
    10
}

/// One hit.
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
    /// BM25 score.
    pub score: f32,
}

/// The answer to a request.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Results {
    /// The best hits.
    pub hits: Vec<Hit>,
    /// How many documents matched in all.
    pub total: usize,
    /// Matches per kind (before the kind filter).
    pub kinds: Vec<(String, usize)>,
    /// Matches per agency (before the agency filter), most first.
    pub agencies: Vec<(String, usize)>,
    /// The terms the query was analysed into.
    pub terms: Vec<String>,
}

struct Fields {
    kind: Field,
    agency: Field,
    policy: Field,
    region: Field,
    category: Field,
    title: Field,
    text: Field,
    url: Field,
}

/// An open index with its lexicon.
pub struct SearchIndex {
    store: Arc<BlockStore>,
    reader: IndexReader,
    fields: Fields,
    lexicon: Lexicon,
}

/// A query word: its terms in positions, and whether it is a quoted phrase.
#[derive(Debug, Clone)]
struct Word {
    terms: Vec<Term>,
    phrase: bool,
}

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
                continue;
            }
            continue;
        }
        cur.push(c);
    }
    out.extend(cur.split_whitespace().map(|w| (w.to_string(), false)));
    out
}

impl SearchIndex {
    /// Opens an index from its manifest and a block store. Fails with
    /// [`SearchError::Missing`] until the store holds what opening reads
    /// (the manifest's `preload`).
    pub fn open(manifest: &Manifest, store: Arc<BlockStore>) -> Result<SearchIndex, SearchError> {
        let index = Index::open(store.directory()).map_err(|e| fail(&store, e))?;
        let schema = index.schema();
        let f = |name: &str| {
            schema
                .get_field(name)
                .map_err(|e| SearchError::Index(e.to_string()))
        };
        let fields = Fields {
            kind: f(field::KIND)?,
            agency: f(field::AGENCY)?,
            policy: f(field::POLICY)?,
            region: f(field::REGION)?,
            category: f(field::CATEGORY)?,
            title: f(field::TITLE)?,
            text: f(field::TEXT)?,
            url: f(field::URL)?,
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: tantivy::TantivyError| fail(&store, e))?;
        Ok(SearchIndex {
            store,
            reader,
            fields,
            lexicon: Lexicon::new(manifest.lexicon_chunks, manifest.suffixes.clone()),
        })
    }

    /// The lexicon chunks `query` needs that are not loaded.
    pub fn missing_chunks(&self, query: &str) -> Vec<usize> {
        self.lexicon.missing_chunks(query)
    }

    /// Adds the corpus's morpheme terms (the manifest's `vocabulary` file).
    pub fn add_vocabulary(&mut self, text: &str) {
        self.lexicon.add_vocabulary(text);
    }

    /// Adds a lexicon chunk.
    pub fn add_chunk(&mut self, chunk: usize, text: &str) -> Result<(), SearchError> {
        self.lexicon
            .add_chunk(chunk, text)
            .map_err(|e| SearchError::Index(e.to_string()))
    }

    fn words(&self, query: &str) -> Vec<Word> {
        split_query(query)
            .into_iter()
            .map(|(w, phrase)| Word {
                terms: analysis::analyze(&self.lexicon, &w),
                phrase,
            })
            .filter(|w| !w.terms.is_empty())
            .collect()
    }

    fn term_clauses(&self, t: &str, prefix: bool) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.fields;
        let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in [(f.title, 2.0), (f.text, 1.0)] {
            let term = IndexTerm::from_field_text(field, t);
            out.push((
                Occur::Should,
                Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
                    boost,
                )),
            ));
            let chars = t.chars().count();
            let hangul = t.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
            if prefix && chars >= 2 {
                out.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(FuzzyTermQuery::new_prefix(term.clone(), 0, true)),
                        0.5 * boost,
                    )),
                ));
            }
            // One typo in a longer word the index does not know as typed.
            if ((hangul && chars >= 4) || (!hangul && chars >= 5)) && !self.known(&term) {
                out.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(FuzzyTermQuery::new(term, 1, true)),
                        0.3 * boost,
                    )),
                ));
            }
        }
        out
    }

    fn word_query(&self, word: &Word, prefix: bool) -> Box<dyn Query> {
        if word.phrase && word.terms.iter().filter(|t| !t.same_position).count() > 1 {
            let mut pos = 0usize;
            let mut terms = Vec::new();
            for (i, t) in word.terms.iter().enumerate() {
                if i > 0 && !t.same_position {
                    pos += 1;
                }
                // In a phrase, the whole-word alias and its first part share
                // a position; keep the parts so the phrase follows the text.
                let next_same = word.terms.get(i + 1).is_some_and(|n| n.same_position);
                if !next_same || t.same_position {
                    terms.push((pos, IndexTerm::from_field_text(self.fields.text, &t.text)));
                }
            }
            return Box::new(PhraseQuery::new_with_offset(terms));
        }
        let last = word.terms.len().saturating_sub(1);
        let clauses: Vec<(Occur, Box<dyn Query>)> = word
            .terms
            .iter()
            .enumerate()
            .flat_map(|(i, t)| self.term_clauses(&t.text, prefix && i == last))
            .collect();
        Box::new(BooleanQuery::new(clauses))
    }

    fn filters(&self, req: &Request) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.fields;
        [
            (f.kind, &req.kind),
            (f.agency, &req.agency),
            (f.region, &req.region),
            (f.category, &req.category),
        ]
        .into_iter()
        .filter_map(|(field, value)| value.as_ref().filter(|v| !v.is_empty()).map(|v| (field, v)))
        .map(|(field, v)| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                IndexTerm::from_field_text(field, v),
                IndexRecordOption::Basic,
            ));
            (Occur::Must, q)
        })
        .collect()
    }

    /// Runs a request. Any query runs; an error means the index files are
    /// damaged.
    pub fn search(&self, req: &Request) -> Result<Results, SearchError> {
        let words = self.words(&req.query);
        let terms: Vec<String> = words
            .iter()
            .flat_map(|w| w.terms.iter().map(|t| t.text.clone()))
            .collect();
        if words.is_empty() {
            return Ok(Results {
                hits: Vec::new(),
                total: 0,
                kinds: Vec::new(),
                agencies: Vec::new(),
                terms,
            });
        }
        // Dictionary lookups first: dropping common parts needs their
        // document frequencies, and dropped terms need no postings.
        self.lookup(&words);
        let missing = self.store.take_missing();
        if !missing.is_empty() {
            return Err(SearchError::Missing(missing));
        }
        let words = self.prune(words, req.typing);
        let last = words.len() - 1;
        let word_queries: Vec<Box<dyn Query>> = words
            .iter()
            .enumerate()
            .map(|(i, w)| self.word_query(w, req.typing && i == last && !w.phrase))
            .collect();
        // Any word may match; all words matching scores more; phrases must match.
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut all: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut phrases: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (w, q) in words.iter().zip(&word_queries) {
            if w.phrase {
                phrases.push((Occur::Must, q.box_clone()));
            } else {
                any.push((Occur::Should, q.box_clone()));
                all.push((Occur::Must, q.box_clone()));
            }
        }
        let mut core: Vec<(Occur, Box<dyn Query>)> = phrases;
        if !any.is_empty() {
            let mut optional: Vec<(Occur, Box<dyn Query>)> = any;
            if all.len() > 1 {
                optional.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(BooleanQuery::new(all)), 2.0)),
                ));
            }
            // With a phrase the words only rank; without, one must match.
            let occur = if core.is_empty() {
                Occur::Must
            } else {
                Occur::Should
            };
            core.push((occur, Box::new(BooleanQuery::new(optional))));
        }
        let core: Box<dyn Query> = Box::new(BooleanQuery::new(core));
        let mut clauses = vec![(Occur::Must, core.box_clone())];
        clauses.extend(self.filters(req));
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        // One pass over what the query will read, so that a browser learns
        // every block it lacks at once instead of one per attempt.
        self.prefetch(&words, req.typing);
        let missing = self.store.take_missing();
        if !missing.is_empty() {
            return Err(SearchError::Missing(missing));
        }
        let failed = |e: tantivy::TantivyError| fail(&self.store, e);
        let top_docs = TopDocs::with_limit(req.limit.clamp(1, 100)).order_by_score();
        // Without a kind or agency filter the facets count the same documents
        // as the query: tally them in the same pass.
        let unfiltered = [&req.kind, &req.agency]
            .iter()
            .all(|f| f.as_deref().is_none_or(str::is_empty));
        let (top, total, table) = if unfiltered {
            let (top, total, table) = searcher
                .search(&query, &(top_docs, Count, FacetTable))
                .map_err(failed)?;
            (top, total, Some(table))
        } else {
            let (top, total) = searcher
                .search(&query, &(top_docs, Count))
                .map_err(failed)?;
            (top, total, None)
        };
        // Every hit is read before giving up, so one round trip fetches all
        // the stored documents the page shows.
        let targets = highlight_targets(&req.query, &terms);
        let read: Vec<Result<Hit, SearchError>> = top
            .into_iter()
            .map(|(score, addr)| self.hit(addr, score, &targets))
            .collect();
        let missing = self.store.take_missing();
        if !missing.is_empty() {
            return Err(SearchError::Missing(missing));
        }
        let hits = read
            .into_iter()
            .collect::<Result<Vec<Hit>, SearchError>>()?;

        // Facets: kinds without the kind filter, agencies without the agency
        // filter; one unscored pass tallies (kind, agency) from the columns.
        let table = match table {
            Some(table) => table,
            None => {
                let mut unfaceted = vec![(Occur::Must, core.box_clone())];
                unfaceted.extend(self.filters(&Request {
                    kind: None,
                    agency: None,
                    ..req.clone()
                }));
                searcher
                    .search(&BooleanQuery::new(unfaceted), &FacetTable)
                    .map_err(failed)?
            }
        };
        let wanted = |filter: &Option<String>, value: &str| {
            filter.as_deref().is_none_or(|f| f.is_empty() || f == value)
        };
        let mut kind_counts: BTreeMap<String, usize> = BTreeMap::new();
        let mut agencies: BTreeMap<String, usize> = BTreeMap::new();
        for ((kind, agency), n) in table {
            if wanted(&req.agency, &agency) {
                *kind_counts.entry(kind.clone()).or_default() += n;
            }
            if wanted(&req.kind, &kind) {
                *agencies.entry(agency).or_default() += n;
            }
        }
        let kinds: Vec<(String, usize)> = DocKind::ALL
            .iter()
            .filter_map(|k| {
                kind_counts
                    .get(k.as_str())
                    .map(|&n| (k.as_str().to_string(), n))
            })
            .collect();
        let mut agencies: Vec<(String, usize)> = agencies.into_iter().collect();
        agencies.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(Results {
            hits,
            total,
            kinds,
            agencies,
            terms,
        })
    }

    /// Reads what every query needs: the term dictionaries' block indexes,
    /// field norms and the kind and agency columns. Errors are left for the
    /// store to report.
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
        }
    }

    /// Reads the postings of the words' terms (positions only for phrases;
    /// while typing, also of the words the last term begins) so that missing
    /// blocks are all reported together. Runs after [`Self::lookup`], which
    /// has read what every query needs.
    fn prefetch(&self, words: &[Word], typing: bool) {
        let terms: Vec<(&str, IndexRecordOption)> = words
            .iter()
            .flat_map(|w| {
                let option = if w.phrase {
                    IndexRecordOption::WithFreqsAndPositions
                } else {
                    IndexRecordOption::WithFreqs
                };
                w.terms.iter().map(move |t| (t.text.as_str(), option))
            })
            .collect();
        for segment in self.reader.searcher().segment_readers() {
            for field in [self.fields.title, self.fields.text] {
                let Ok(inverted) = segment.inverted_index(field) else {
                    continue;
                };
                for (i, &(t, option)) in terms.iter().enumerate() {
                    let term = IndexTerm::from_field_text(field, t);
                    if let Ok(Some(info)) = inverted.get_term_info(&term) {
                        let _ = inverted.read_postings_from_terminfo(&info, option);
                    }
                    if typing && i + 1 == terms.len() && t.chars().count() >= 2 {
                        let Ok(mut stream) =
                            inverted.terms().range().ge(t.as_bytes()).into_stream()
                        else {
                            continue;
                        };
                        while stream.advance() && stream.key().starts_with(t.as_bytes()) {
                            let _ = inverted.read_postings_from_terminfo(stream.value(), option);
                        }
                    }
                }
            }
        }
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
        for segment in self.reader.searcher().segment_readers() {
            for field in [self.fields.title, self.fields.text] {
                if let Ok(inverted) = segment.inverted_index(field) {
                    for t in words.iter().flat_map(|w| &w.terms) {
                        let _ = inverted.get_term_info(&IndexTerm::from_field_text(field, &t.text));
                    }
                }
            }
        }
    }

    /// Drops from each plain word the terms found in more than half the
    /// documents (`정보` of `개인정보`, one-syllable parts) when the word has
    /// a rarer term: they barely rank but cost a walk over most of the
    /// index. A word keeps at least its rarest term, and while typing its
    /// last term (the prefix).
    fn prune(&self, words: Vec<Word>, typing: bool) -> Vec<Word> {
        let searcher = self.reader.searcher();
        let n = searcher.num_docs();
        let df = |t: &str| {
            searcher
                .doc_freq(&IndexTerm::from_field_text(self.fields.text, t))
                .unwrap_or(0)
        };
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

    fn hit(&self, addr: DocAddress, score: f32, targets: &[String]) -> Result<Hit, SearchError> {
        let doc = self
            .reader
            .searcher()
            .doc::<TantivyDocument>(addr)
            .map_err(|e| SearchError::Index(e.to_string()))?;
        let get = |f: Field| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let kind = get(self.fields.kind);
        let text = get(self.fields.text);
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
        })
    }
}

/// Which of a word's terms to search, given their document frequencies in
/// `n` documents: those in at most half the documents, the rarest one
/// always, and the last one when `keep_last` (a prefix being typed).
fn keep_rare(dfs: &[u64], n: u64, keep_last: bool) -> Vec<bool> {
    let rarest = (0..dfs.len()).min_by_key(|&j| dfs[j]);
    (0..dfs.len())
        .map(|j| dfs[j] * 2 <= n || Some(j) == rarest || (keep_last && j + 1 == dfs.len()))
        .collect()
}

/// Counts matching documents per (kind, agency) from the fast columns,
/// without scoring.
struct FacetTable;

/// One segment's tally by column ordinals.
struct FacetSegment {
    kind: StrColumn,
    agency: StrColumn,
    /// Agencies per row (their ordinals, and one more for none).
    width: usize,
    /// Counts by `kind * width + agency`; the last row and column: none.
    counts: Vec<u32>,
}

type FacetCounts = BTreeMap<(String, String), usize>;

fn column(segment: &SegmentReader, name: &str) -> tantivy::Result<StrColumn> {
    segment
        .fast_fields()
        .str(name)?
        .ok_or_else(|| tantivy::TantivyError::SchemaError(format!("no {name} column")))
}

impl Collector for FacetTable {
    type Fruit = FacetCounts;
    type Child = FacetSegment;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegment> {
        let kind = column(segment, field::KIND)?;
        let agency = column(segment, field::AGENCY)?;
        let width = agency.num_terms() + 1;
        let rows = kind.num_terms() + 1;
        Ok(FacetSegment {
            kind,
            agency,
            width,
            counts: vec![0; rows * width],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<std::io::Result<FacetCounts>>,
    ) -> tantivy::Result<FacetCounts> {
        let mut all = FacetCounts::new();
        for fruit in fruits {
            for (key, n) in fruit? {
                *all.entry(key).or_default() += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = std::io::Result<FacetCounts>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let rows = self.counts.len() / self.width;
        let kind = self
            .kind
            .term_ords(doc)
            .next()
            .map_or(rows - 1, |o| o as usize);
        let agency = self
            .agency
            .term_ords(doc)
            .next()
            .map_or(self.width - 1, |o| o as usize);
        if let Some(n) = self.counts.get_mut(kind * self.width + agency) {
            *n += 1;
        }
    }

    fn harvest(self) -> std::io::Result<FacetCounts> {
        let mut out = FacetCounts::new();
        let name = |column: &StrColumn, ord: usize| -> std::io::Result<String> {
            let mut s = String::new();
            if ord < column.num_terms() {
                column.ord_to_str(ord as u64, &mut s)?;
            }
            Ok(s)
        };
        for (i, &n) in self.counts.iter().enumerate() {
            if n > 0 {
                let (k, a) = (i / self.width, i % self.width);
                *out.entry((name(&self.kind, k)?, name(&self.agency, a)?))
                    .or_default() += n as usize;
            }
        }
        Ok(out)
    }
}

/// The strings to mark in excerpts: the query's words as typed
/// (normalised), and the terms they were analysed into.
fn highlight_targets(query: &str, terms: &[String]) -> Vec<String> {
    // One-syllable parts of compounds (자, 시) would light up everywhere:
    // mark them only when the person typed them as a word.
    let mut out: Vec<String> = terms
        .iter()
        .filter(|t| t.chars().count() > 1)
        .cloned()
        .collect();
    for piece in pretokenize(query) {
        match piece {
            Piece::Hangul { text, .. } => out.push(text),
            Piece::Terms(ts) => out.extend(ts.into_iter().map(|t| t.text)),
        }
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

/// An excerpt of about `width` characters around the first match, HTML-
/// escaped, with every match of a target wrapped in `<mark>`.
pub fn excerpt(text: &str, targets: &[String], width: usize) -> String {
    // Match on the normalised text, character by character, so that case
    // and full-width forms do not hide a match; marks map back by index.
    let chars: Vec<char> = text.chars().collect();
    let lowered: Vec<char> = chars
        .iter()
        .map(|c| normalize(&c.to_string()).chars().next().unwrap_or(*c))
        .collect();
    let mut marked = vec![false; chars.len()];
    for t in targets {
        let tc: Vec<char> = t.chars().collect();
        if tc.is_empty() || tc.len() > lowered.len() {
            continue;
        }
        let mut i = 0;
        while i + tc.len() <= lowered.len() {
            if lowered[i..i + tc.len()] == tc[..] {
                for m in &mut marked[i..i + tc.len()] {
                    *m = true;
                }
                i += tc.len();
            } else {
                i += 1;
            }
        }
    }
    let first = marked.iter().position(|&m| m).unwrap_or(0);
    let start = first.saturating_sub(width / 3);
    let end = (start + width).min(chars.len());
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
}
