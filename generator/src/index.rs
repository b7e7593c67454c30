//! The search files of a built site: a tantivy index of articles, trustee
//! rows, contacts and remedy bodies, analysed with ko-dic; the lexicon the
//! browser analyses queries with; and the manifest that ties them together.
//!
//! Output is deterministic: one segment, documents in content order,
//! segment ids renamed from tantivy's random ones to sequence numbers.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bangchim_core::analysis::{FormAnalyzer, KoreanTokenizer, Piece, Term, pretokenize};
use bangchim_core::blocks::{BlockStore, IndexFile};
use bangchim_core::jamo;
use bangchim_core::lexicon::{
    COMMON_SUFFIXES, chunk_of, encode_entry, encode_stem_entry, encode_verb_entry,
};
use bangchim_core::light_verbs::{VerbMark, starts_like_light_verb};
use bangchim_core::schema::{
    self, DocKind, FORMAT_VERSION, MANIFEST, PAIRS_TOKENIZER, SEARCH_DIR, TOKENIZER, field,
};
use bangchim_core::search::{Manifest, SearchIndex};
use tantivy::indexer::NoMergePolicy;
use tantivy::store::Compressor;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexSettings, IndexWriter, TantivyDocument};

use crate::model::{Agency, Policy, PolicyKind};
use crate::prepared::{Prepared, PreparedTokenizer};
use crate::probes::{particle_readings, verb_marks};
use crate::{urls, wording};

/// Errors writing the search files.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// tantivy failed.
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// A file could not be written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Errors of reading a built site's search files (`bangchim search`).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A search file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The searcher refused the files (another format version, a damaged
    /// block).
    #[error(transparent)]
    Search(#[from] bangchim_core::search::SearchError),
}

fn read(path: &Path) -> Result<String, ReadError> {
    fs::read_to_string(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> IndexError + '_ {
    move |source| IndexError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Wraps an analyser, remembering every run it analysed: the lexicon.
struct Recording<A> {
    inner: A,
    seen: Mutex<HashMap<String, Vec<Term>>>,
    cache: Arc<RunCache>,
}

impl<A: FormAnalyzer> Recording<A> {
    /// The terms of `run` from the cache (analysed and cached if new),
    /// without recording it in the lexicon.
    fn cached(&self, run: &str) -> Vec<Term> {
        let cached = self.cache.0.lock().expect("not poisoned").get(run).cloned();
        cached.unwrap_or_else(|| {
            let terms = self.inner.analyze_run(run);
            self.cache
                .0
                .lock()
                .expect("not poisoned")
                .insert(run.to_string(), terms.clone());
            terms
        })
    }
}

impl<A: FormAnalyzer> FormAnalyzer for Recording<A> {
    fn analyze_run(&self, run: &str) -> Vec<Term> {
        if let Some(t) = self.seen.lock().expect("not poisoned").get(run) {
            return t.clone();
        }
        let terms = self.cached(run);
        self.seen
            .lock()
            .expect("not poisoned")
            .insert(run.to_string(), terms.clone());
        terms
    }
}

/// Analyses of Hangul runs kept across builds (`serve` rebuilds after an
/// edit re-analyse only new text). Valid for one analyser: pass the same
/// cache only with the same analyser and dictionary.
#[derive(Debug, Default)]
pub struct RunCache(Mutex<HashMap<String, Vec<Term>>>);

impl RunCache {
    /// Forgets every analysis.
    pub fn clear(&self) {
        self.0.lock().expect("not poisoned").clear();
    }
}

/// One document to index.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    /// Kind.
    pub kind: DocKind,
    /// Agency full name.
    pub agency: String,
    /// Policy title (and site).
    pub policy: String,
    /// Region.
    pub region: String,
    /// Category slug (articles).
    pub category: String,
    /// Title.
    pub title: String,
    /// Text.
    pub text: String,
    /// Deep link.
    pub url: String,
}

/// The documents of a site, agency by agency in the order of their names'
/// bytes (each agency's in content order): the order of the agency
/// column's dictionary, so that the column's ordinals only ever rise and
/// tantivy stores them as lines, not as 14 bits a document.
pub fn documents(agencies: &[Agency]) -> Vec<SearchDoc> {
    let mut by_name: Vec<&Agency> = agencies.iter().collect();
    by_name.sort_by(|a, b| a.full_name.cmp(&b.full_name));
    let mut docs = Vec::new();
    for a in by_name {
        for p in &a.policies {
            let at = Place {
                agency: a,
                page: urls::policy_path(a, p),
                label: urls::policy_label(p),
            };
            docs.extend(article_docs(&at, p));
            docs.extend(trustee_docs(&at, p));
            docs.extend(contact_docs(&at, p));
            docs.extend(remedy_docs(&at, p));
        }
    }
    docs
}

/// Where a policy's documents live: its agency and page.
struct Place<'a> {
    agency: &'a Agency,
    page: String,
    label: String,
}

impl Place<'_> {
    fn doc(
        &self,
        kind: DocKind,
        category: String,
        title: String,
        text: String,
        anchor: &str,
    ) -> SearchDoc {
        SearchDoc {
            kind,
            agency: self.agency.full_name.clone(),
            policy: self.label.clone(),
            region: self.agency.region.clone(),
            category,
            title,
            text,
            url: format!("{}#{anchor}", self.page),
        }
    }
}

fn article_docs(at: &Place, p: &Policy) -> Vec<SearchDoc> {
    p.articles
        .iter()
        .map(|art| {
            let text: Vec<String> = art
                .blocks
                .iter()
                .map(|b| urls::display_text(&b.plain_text()))
                .collect();
            let title = if art.heading.is_empty() {
                p.title.clone()
            } else {
                art.heading.clone()
            };
            let category = urls::category_slug(art.category);
            at.doc(
                DocKind::Article,
                category,
                title,
                text.join("\n"),
                &art.anchor(),
            )
        })
        .collect()
}

fn trustee_docs(at: &Place, p: &Policy) -> Vec<SearchDoc> {
    // A CCTV policy's trustee (a security company) is rarely named with
    // the cameras it watches: its row says so, so that `CCTV 업체` finds it.
    let role = match p.kind {
        PolicyKind::Cctv => "영상정보처리기기 수탁자",
        _ => "수탁자",
    };
    p.trustees
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let text = labelled(&[
                ("", at.agency.full_name.clone()),
                (role, t.company.clone()),
                ("위탁업무", t.task.clone()),
                ("위탁부서", t.department.clone()),
                ("담당자", t.manager.clone()),
                ("전화번호", t.phone.clone()),
                ("위탁항목", t.items.join(", ")),
                ("개인정보파일", t.file.clone()),
                ("주소", t.company_address.clone()),
                ("업체 전화번호", t.company_phone.clone()),
                ("비고", t.note.clone()),
            ]);
            let anchor = urls::trustee_anchor(i + 1);
            at.doc(
                DocKind::Trustee,
                String::new(),
                t.company.clone(),
                text,
                &anchor,
            )
        })
        .collect()
}

fn contact_docs(at: &Place, p: &Policy) -> Vec<SearchDoc> {
    p.contacts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let role = urls::role_label(c.role);
            // Field names as people ask for them: "정지인 전화번호".
            let text = labelled(&[
                ("", at.agency.full_name.clone()),
                ("", role.to_string()),
                ("부서", c.department.clone()),
                ("성명", unspaced_name(&c.name)),
                ("직급", c.title.clone()),
                ("전화번호", c.phones.join(", ")),
                ("이메일", c.email.clone()),
                ("팩스", c.fax.clone()),
            ]);
            let title = format!("{} {}", c.name, role).trim().to_string();
            let anchor = urls::contact_anchor(i + 1);
            at.doc(DocKind::Contact, String::new(), title, text, &anchor)
        })
        .collect()
}

fn remedy_docs(at: &Place, p: &Policy) -> Vec<SearchDoc> {
    p.remedies
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let text = labelled(&[
                ("", r.name.clone()),
                ("운영", r.operator.clone()),
                ("소관업무", r.duties.clone()),
                ("전화번호", r.phone.clone()),
                ("홈페이지", r.url.clone()),
                ("이메일", r.email.clone()),
                ("주소", r.address.clone()),
            ]);
            let anchor = urls::remedy_anchor(i + 1);
            at.doc(
                DocKind::Remedy,
                String::new(),
                r.name.clone(),
                text,
                &anchor,
            )
        })
        .collect()
}

/// A person's name as it is searched: one written letter-spaced, as some
/// policies lay them out (`진 숙`, `박 민 수`), joined (진숙, 박민수), since
/// analysed apart its syllables are words of their own (지 + 숙). Other
/// names as written.
fn unspaced_name(name: &str) -> String {
    let parts: Vec<&str> = name.split_whitespace().collect();
    let syllable = |p: &&str| {
        let mut chars = p.chars();
        chars.next().is_some_and(jamo::is_syllable) && chars.next().is_none()
    };
    if (2..=4).contains(&parts.len()) && parts.iter().all(syllable) {
        parts.concat()
    } else {
        name.to_string()
    }
}

/// `label value · label value`, leaving out empty values.
fn labelled(parts: &[(&str, String)]) -> String {
    parts
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(l, v)| {
            if l.is_empty() {
                v.clone()
            } else {
                format!("{l} {v}")
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The lexicon's lines (see [`bangchim_core::lexicon`]).
#[derive(Debug, Clone, Default)]
pub struct LexiconEntries {
    /// Every run with the build's terms, and the words the corpus shows
    /// only before particles (`고등교육기관에서` → `고등교육기관`) with the
    /// reading they get there, when it is more than the word as written.
    pub runs: BTreeMap<String, Vec<Term>>,
    /// Words whose reading before particles differs from their own entry's
    /// (`개인정보파일`: `개인정보` + `파이` alone, `개인정보파일` + `파일`
    /// before `을`).
    pub stems: BTreeMap<String, Vec<Term>>,
    /// How words read before a light verb, where ko-dic reads 하/되 after
    /// them as verbs of their own or reads the word otherwise than before
    /// particles (see [`crate::probes`]).
    pub verbs: BTreeMap<String, VerbMark>,
}

/// The lexicon's entries for the analysed runs. A query that puts another
/// particle on a corpus word then finds the word's terms by stripping the
/// particle, as the build would read them.
pub fn lexicon_entries(runs: BTreeMap<String, Vec<Term>>) -> LexiconEntries {
    let BeforeParticles {
        particles,
        mut cuts,
    } = readings_before_particles(&runs);
    cuts.extend(particles);
    with_readings(runs, cuts)
}

/// [`lexicon_entries`], completed by asking `analyze` (the build's
/// analysis) about each word (see [`crate::probes`]): the reading before
/// particles of the words the corpus never shows before one, and how each
/// word reads before a light verb.
pub fn probed_lexicon_entries(
    runs: BTreeMap<String, Vec<Term>>,
    analyze: impl Fn(&str) -> Vec<Term> + Sync,
) -> LexiconEntries {
    // The corpus before particles, else the probes, else the cuts.
    let BeforeParticles {
        particles,
        mut cuts,
    } = readings_before_particles(&runs);
    // Every word a run is or starts with.
    let words = runs.iter().filter_map(|(run, own)| match own.first() {
        _ if is_word(run, own) => Some(run.as_str()),
        Some(first) if run.starts_with(first.text.as_str()) => Some(first.text.as_str()),
        _ => None,
    });
    let unseen: Vec<&str> = words
        .filter(|word| !particles.contains_key(*word))
        .collect::<BTreeSet<&str>>()
        .into_iter()
        .collect();
    cuts.extend(particle_readings(&unseen, &analyze));
    cuts.extend(particles);
    let mut entries = with_readings(runs, cuts);
    entries.verbs = verb_marks(&entries.stem_readings(), &analyze);
    entries
}

/// Whether a run is a word a query may put a particle or light verb
/// after: its terms reach its end (not `개인정보는`), or it is stop words
/// only (`각각`).
fn is_word(run: &str, terms: &[Term]) -> bool {
    terms.is_empty() || terms.iter().any(|t| t.end == run.len())
}

/// The entries of `runs` with words' `readings` before particles: a word
/// the corpus shows only before particles gets an entry, a word whose
/// reading there differs from its own a stem line.
fn with_readings(
    mut runs: BTreeMap<String, Vec<Term>>,
    readings: BTreeMap<String, Vec<Term>>,
) -> LexiconEntries {
    let mut stems = BTreeMap::new();
    for (word, terms) in readings {
        match runs.get(&word) {
            None if terms.len() != 1 || terms[0].text != word => {
                runs.insert(word, terms);
            }
            Some(own) if term_key(own) != term_key(&terms) => {
                stems.insert(word, terms);
            }
            _ => {}
        }
    }
    LexiconEntries {
        runs,
        stems,
        verbs: BTreeMap::new(),
    }
}

impl LexiconEntries {
    /// Each word of the table with the reading a query's stem gets: its
    /// reading before particles, else its own; only the runs that are
    /// words, whose terms reach their end (not `개인정보는`), or that are
    /// stop words only (`각각`).
    pub fn stem_readings(&self) -> BTreeMap<&str, &[Term]> {
        self.runs
            .iter()
            .filter(|(run, own)| is_word(run, own))
            .map(|(word, own)| {
                let reading = self.stems.get(word).unwrap_or(own);
                (word.as_str(), reading.as_slice())
            })
            .collect()
    }
}

fn term_key(terms: &[Term]) -> Vec<(&str, bool)> {
    terms
        .iter()
        .map(|t| (t.text.as_str(), t.same_position))
        .collect()
}

/// For each word a run starts with (its first term), the reading most of
/// the runs that put a particle or ending ([`COMMON_SUFFIXES`]) after it
/// give it, light verbs aside (ko-dic reads `불가피한` as 불가피, but
/// `불가피를` as 불가피 + 가피); failing those, the reading of the runs
/// that cut the word into parts (`고등교육기관인정` → `고등교육기관` +
/// `고등교육` …). On a tie, the first in order.
fn readings_before_particles(runs: &BTreeMap<String, Vec<Term>>) -> BeforeParticles {
    // Per word and reading: (runs with a particle, runs cutting it).
    type Readings = BTreeMap<Vec<(String, bool)>, ((usize, usize), Vec<Term>)>;
    let mut votes: BTreeMap<&str, Readings> = BTreeMap::new();
    for (run, terms) in runs {
        let Some(first) = terms.first() else { continue };
        let Some(rest) = run.strip_prefix(first.text.as_str()) else {
            continue;
        };
        let particle = COMMON_SUFFIXES.contains(&rest) && starts_like_light_verb(rest).is_none();
        let cut = !rest.is_empty() && terms.get(1).is_some_and(|t| t.same_position);
        if !particle && !cut {
            continue;
        }
        // The word's own terms, not those of what follows it (`산학협력단`
        // reads `산학협력` … `달`).
        let within: Vec<Term> = terms
            .iter()
            .filter(|t| t.end <= first.end)
            .cloned()
            .collect();
        let key = term_key(&within)
            .into_iter()
            .map(|(t, same)| (t.to_string(), same))
            .collect();
        let ((particles, cuts), _) = votes
            .entry(first.text.as_str())
            .or_default()
            .entry(key)
            .or_insert(((0, 0), within));
        if particle {
            *particles += 1;
        } else {
            *cuts += 1;
        }
    }
    let mut out = BeforeParticles::default();
    for (word, readings) in votes {
        let Some((_, ((particles, _), terms))) = readings
            .into_iter()
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.0.cmp(&a.0)))
        else {
            continue;
        };
        let to = if particles > 0 {
            &mut out.particles
        } else {
            &mut out.cuts
        };
        to.insert(word.to_string(), terms);
    }
    out
}

/// Words' readings before particles, by what the corpus shows.
#[derive(Debug, Default)]
struct BeforeParticles {
    /// Of words the corpus shows before a particle.
    particles: BTreeMap<String, Vec<Term>>,
    /// Of the others, from the runs that cut them.
    cuts: BTreeMap<String, Vec<Term>>,
}

/// What [`write_search`] wrote.
#[derive(Debug, Clone)]
pub struct SearchReport {
    /// Documents indexed.
    pub documents: usize,
    /// Distinct Hangul runs in the lexicon.
    pub runs: usize,
    /// Bytes of text analysed.
    pub text_bytes: usize,
    /// Bytes of the index files.
    pub index_bytes: u64,
    /// The blocks every query reads, as the manifest lists them (file
    /// names under `search/index/`).
    pub preload: Vec<String>,
}

/// Writes `search/` (index, lexicon, vocabulary, initials, manifest) under
/// `site_out`, with the `.gz` sibling of each of the index's blocks if
/// `gzip` (see [`crate::compress::write_gzip`]).
pub fn write_search<A: FormAnalyzer>(
    agencies: &[Agency],
    analyzer: A,
    cache: &Arc<RunCache>,
    site_out: &Path,
    gzip: bool,
) -> Result<SearchReport, IndexError> {
    let dir = site_out.join(SEARCH_DIR);
    let index_dir = dir.join("index");
    fs::create_dir_all(&index_dir).map_err(io(&index_dir))?;
    let recording = Arc::new(Recording {
        inner: analyzer,
        seen: Mutex::new(HashMap::new()),
        cache: Arc::clone(cache),
    });
    let prepared = Arc::new(Prepared::default());
    let index = create_index(&index_dir, recording.clone(), prepared.clone())?;
    let docs = documents(agencies);
    let text_bytes = add_documents(&index, &docs, &(recording.clone() as _), &prepared)?;
    // The index's files are written out while ko-dic is asked about the
    // lexicon's words, which only takes the processor.
    let seen = std::mem::take(&mut *recording.seen.lock().expect("not poisoned"));
    let (published, entries) = rayon::join(
        || -> Result<_, IndexError> {
            let initials = initials_table(&index)?;
            drop(index);
            let files = publish_blocks(&index_dir, &make_deterministic(&index_dir)?, gzip)?;
            Ok((initials, files))
        },
        || probed_lexicon_entries(seen.into_iter().collect(), |run| recording.cached(run)),
    );
    let (initials, index_files) = published?;
    let index_bytes = index_files.iter().map(|f| f.len).sum();
    let (lexicon_chunks, suffixes) = write_lexicon(&dir, &entries)?;
    write_file(&dir.join(INITIALS_FILE), &initials)?;
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        preload: preload(&index_dir, &index_files)?,
        index_files,
        lexicon_chunks,
        suffixes,
        documents: docs.len() as u64,
        vocabulary: Some(VOCABULARY_FILE.to_string()),
        initials: Some(INITIALS_FILE.to_string()),
    };
    write_file(
        &dir.join(MANIFEST),
        &serde_json::to_string_pretty(&manifest).expect("manifest serialises"),
    )?;
    Ok(SearchReport {
        documents: docs.len(),
        runs: entries.runs.len(),
        text_bytes,
        index_bytes,
        preload: manifest.preload,
    })
}

/// The morpheme vocabulary's file under `search/`.
const VOCABULARY_FILE: &str = "terms.txt";
/// The table of initials' file under `search/`.
const INITIALS_FILE: &str = "initials.txt";

fn write_file(path: &Path, text: &str) -> Result<(), IndexError> {
    fs::write(path, text).map_err(io(path))
}

/// A new index in `index_dir` whose Korean tokenizer records every run it
/// analyses, and takes the tokens `prepared` holds.
fn create_index<A: FormAnalyzer>(
    index_dir: &Path,
    recording: Arc<Recording<A>>,
    prepared: Arc<Prepared>,
) -> Result<Index, IndexError> {
    // Stored documents uncompressed in small blocks: a hit reads about one
    // 4 KB block, and the published blocks are compressed for transfer.
    let index = Index::builder()
        .schema(schema::schema())
        .settings(IndexSettings {
            docstore_compression: Compressor::None,
            docstore_blocksize: 4096,
            ..IndexSettings::default()
        })
        .create_in_dir(index_dir)?;
    let tokenizer = PreparedTokenizer::new(KoreanTokenizer::new(recording), prepared);
    index.tokenizers().register(
        PAIRS_TOKENIZER,
        TextAnalyzer::builder(tokenizer.pairs()).build(),
    );
    index
        .tokenizers()
        .register(TOKENIZER, TextAnalyzer::builder(tokenizer).build());
    Ok(index)
}

/// The indexing memory budget: the seeds and a thousand policies fit in
/// one segment without merging.
const WRITER_MEMORY: usize = 1 << 30;

/// Documents tokenised on every core at a time, ahead of the indexing
/// thread (which holds at most tantivy's pipeline of documents more).
const PREPARE_BATCH: usize = 2048;

/// The groups of more than one document, numbered from 0 in the order of
/// their first documents, by group id. Only their documents get a `group`
/// value: at 10,000 synthetic policies, 133,436 documents have a wording
/// of their own and 79 shared wordings hold the other 177,667, so the
/// column holds a 7-bit number for 57% of the documents (207 KB; 701 KB
/// when every document had its first member's index).
fn shared_groups(groups: &wording::Groups) -> HashMap<u64, u64> {
    let mut shared = HashMap::new();
    for (&id, &size) in groups.id.iter().zip(&groups.size) {
        if size > 1 {
            let next = shared.len() as u64;
            shared.entry(id).or_insert(next);
        }
    }
    shared
}

/// Indexes the documents with their wording groups, in one segment, their
/// titles and texts tokenised ahead by `analyzer` into `prepared`; returns
/// the bytes of text analysed.
fn add_documents(
    index: &Index,
    docs: &[SearchDoc],
    analyzer: &Arc<dyn FormAnalyzer>,
    prepared: &Prepared,
) -> Result<usize, IndexError> {
    let schema = index.schema();
    let f = |name: &str| schema.get_field(name).expect("schema field");
    let groups = wording::groups(docs);
    let shared = shared_groups(&groups);
    let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
    // Merges only when asked, below: background merges would make the
    // segments depend on timing.
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let mut text_bytes = 0;
    for (i, d) in docs.iter().enumerate() {
        if i % PREPARE_BATCH == 0 {
            let batch = &docs[i..(i + PREPARE_BATCH).min(docs.len())];
            let texts: Vec<&str> = batch
                .iter()
                .flat_map(|d| [d.title.as_str(), d.text.as_str()])
                .collect();
            prepared.prepare(analyzer, &texts);
        }
        text_bytes += d.text.len() + d.title.len();
        let mut doc = TantivyDocument::default();
        for (name, value) in [
            (field::KIND, d.kind.as_str()),
            (field::AGENCY, &d.agency),
            (field::POLICY, &d.policy),
            (field::REGION, &d.region),
            (field::CATEGORY, &d.category),
            (field::TITLE, &d.title),
            (field::TEXT, &d.text),
            (field::TITLE_PAIRS, &d.title),
            (field::TEXT_PAIRS, &d.text),
            (field::URL, &d.url),
        ] {
            doc.add_text(f(name), value);
        }
        if let Some(&id) = shared.get(&groups.id[i]) {
            doc.add_u64(f(field::GROUP), id);
        }
        doc.add_u64(f(field::GROUP_SIZE), groups.size[i]);
        doc.add_u64(f(field::GROUP_AGENCIES), groups.agencies[i]);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    debug_assert_eq!(prepared.pending(), 0, "every prepared text was indexed");
    // One segment, however large the corpus: every query then reads one
    // term dictionary and one set of columns, and the browser learns the
    // blocks it lacks in fewer rounds.
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    Ok(text_bytes)
}

/// Terms of the initials table per key, and keys in all: a few KB.
const INITIALS_PER_KEY: usize = 3;
const INITIALS_KEYS: usize = 400;

/// The table of initials: for the corpus's words of two or more syllables
/// found in at least two documents, `initials<TAB>term<TAB>term…` lines,
/// the most frequent terms first and the most frequent keys kept.
fn initials_table(index: &Index) -> Result<String, IndexError> {
    let text = index.schema().get_field(field::TEXT)?;
    let searcher = index.reader()?.searcher();
    let mut by_key: HashMap<String, Vec<(u64, String)>> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(text)?;
        let mut stream = inverted
            .terms()
            .stream()
            .map_err(|e| IndexError::Tantivy(e.into()))?;
        while stream.advance() {
            let df = u64::from(stream.value().doc_freq);
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if df < 2 || term.chars().count() < 2 {
                continue;
            }
            if let Some(key) = jamo::initials(term) {
                by_key.entry(key).or_default().push((df, term.to_string()));
            }
        }
    }
    let mut keys: Vec<(u64, String, Vec<String>)> = by_key
        .into_iter()
        .map(|(key, mut terms)| {
            terms.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            terms.truncate(INITIALS_PER_KEY);
            (terms[0].0, key, terms.into_iter().map(|(_, t)| t).collect())
        })
        .collect();
    keys.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    keys.truncate(INITIALS_KEYS);
    keys.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(keys
        .into_iter()
        .map(|(_, key, terms)| format!("{key}\t{}\n", terms.join("\t")))
        .collect())
}

/// Runs per lexicon chunk. A query fetches one chunk per candidate run (about
/// five for a three-word query); at 1,000 policies a chunk of 1,000 runs was
/// 10.7 KB brotli and the first query's five 53.6 KB, at 125 runs its six
/// are 9.9 KB. Smaller chunks compress worse (the whole lexicon grows by
/// a quarter) and only add files.
const RUNS_PER_CHUNK: usize = 125;

/// Writes the lexicon (every distinct run and its terms, chunked by hash)
/// and the morpheme vocabulary; returns the chunk count and the suffixes
/// seen after words.
fn write_lexicon(dir: &Path, entries: &LexiconEntries) -> Result<(usize, Vec<String>), IndexError> {
    let runs = &entries.runs;
    let chunks = runs.len().div_ceil(RUNS_PER_CHUNK).max(1);
    let mut bodies = vec![String::new(); chunks];
    // A stem's line lives in its word's chunk: a query fetches it with
    // the chunks of its stems.
    for (word, terms) in &entries.stems {
        bodies[chunk_of(word, chunks)].push_str(&encode_stem_entry(word, terms));
    }
    for (word, verbs) in &entries.verbs {
        bodies[chunk_of(word, chunks)].push_str(&encode_verb_entry(word, verbs));
    }
    let mut suffixes: BTreeSet<String> = BTreeSet::new();
    for (run, terms) in runs {
        bodies[chunk_of(run, chunks)].push_str(&encode_entry(run, terms));
        let end = terms.iter().map(|t| t.end).max().unwrap_or(run.len());
        let tail = &run[end.min(run.len())..];
        if !tail.is_empty() && tail.chars().count() <= 3 {
            suffixes.insert(tail.to_string());
        }
    }
    // The morpheme vocabulary, to cut unknown runs: no whole-run aliases
    // (a run cut into several terms also stands whole), but a run that is
    // one word (병원) is a word.
    let vocabulary: BTreeSet<&str> = runs
        .iter()
        .flat_map(|(run, terms)| {
            let single = terms.len() == 1;
            terms
                .iter()
                .filter(move |t| single || t.text != *run)
                .map(|t| t.text.as_str())
        })
        .filter(|t| t.chars().count() >= 2)
        .collect();
    write_file(
        &dir.join(VOCABULARY_FILE),
        &bangchim_core::lexicon::encode_vocabulary(vocabulary),
    )?;
    let lex_dir = dir.join("lexicon");
    fs::create_dir_all(&lex_dir).map_err(io(&lex_dir))?;
    for (k, body) in bodies.iter().enumerate() {
        write_file(&lex_dir.join(format!("{k}.txt")), body)?;
    }
    Ok((chunks, suffixes.into_iter().collect()))
}

/// Replaces each tantivy file by its blocks (see [`bangchim_core::blocks`]),
/// written on every core, each with its `.gz` sibling if `gzip`: a national
/// index is 80,000 blocks, and the other thread of the build is often done
/// by then.
fn publish_blocks(
    index_dir: &Path,
    names: &[String],
    gzip: bool,
) -> Result<Vec<IndexFile>, IndexError> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    for name in names {
        let path = index_dir.join(name);
        let bytes = fs::read(&path).map_err(io(&path))?;
        let file = IndexFile::of(name, &bytes);
        bangchim_core::blocks::split(&file, &bytes)
            .par_iter()
            .try_for_each(|(block, part)| {
                let to = index_dir.join(block);
                fs::write(&to, part).map_err(io(&to))?;
                if gzip {
                    crate::compress::write_gzip(&to, part).map_err(io(&to))?;
                }
                Ok::<_, IndexError>(())
            })?;
        fs::remove_file(&path).map_err(io(&path))?;
        files.push(file);
    }
    Ok(files)
}

/// A block store reading the published blocks of `index_dir` from disk.
fn disk_store(index_dir: &Path, files: Vec<IndexFile>) -> Arc<BlockStore> {
    let dir = index_dir.to_path_buf();
    BlockStore::new(
        files,
        Some(Box::new(move |block: &str| {
            let path = dir.join(block);
            fs::read(&path)
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
        })),
    )
}

/// The blocks every query reads: what opening the index and
/// [`SearchIndex::prefetch_common`] touch, found by doing both.
fn preload(index_dir: &Path, files: &[IndexFile]) -> Result<Vec<String>, IndexError> {
    let store = disk_store(index_dir, files.to_vec());
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        index_files: files.to_vec(),
        preload: Vec::new(),
        lexicon_chunks: 1,
        suffixes: Vec::new(),
        documents: 0,
        vocabulary: None,
        initials: None,
    };
    let index = SearchIndex::open(&manifest, store.clone()).map_err(|e| IndexError::Io {
        path: index_dir.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    index.prefetch_common();
    Ok(store.held())
}

/// Renames tantivy's random segment ids to sequence numbers, drops its
/// lock and bookkeeping files, and returns the index files, sorted.
fn make_deterministic(index_dir: &Path) -> Result<Vec<String>, IndexError> {
    let meta_path = index_dir.join("meta.json");
    let meta_text = fs::read_to_string(&meta_path).map_err(io(&meta_path))?;
    let mut meta: serde_json::Value =
        serde_json::from_str(&meta_text).map_err(|e| IndexError::Io {
            path: meta_path.clone(),
            source: std::io::Error::other(e),
        })?;
    let mut renames: Vec<(String, String)> = Vec::new();
    if let Some(segments) = meta.get_mut("segments").and_then(|s| s.as_array_mut()) {
        for (i, seg) in segments.iter_mut().enumerate() {
            if let Some(id) = seg
                .get("segment_id")
                .and_then(|v| v.as_str())
                .map(String::from)
            {
                let new = format!("{:032x}", i + 1);
                seg["segment_id"] = serde_json::Value::String(new.clone());
                // meta.json spells the uuid with hyphens, file names without.
                renames.push((id.replace('-', ""), new));
            }
        }
    }
    let mut files = Vec::new();
    for e in fs::read_dir(index_dir).map_err(io(index_dir))? {
        let path = e.map_err(io(index_dir))?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if name.starts_with('.') {
            fs::remove_file(&path).map_err(io(&path))?;
            continue;
        }
        let renamed = renames.iter().find_map(|(old, new)| {
            name.strip_prefix(old.as_str())
                .map(|rest| format!("{new}{rest}"))
        });
        match renamed {
            Some(new_name) => {
                let to = index_dir.join(&new_name);
                fs::rename(&path, &to).map_err(io(&path))?;
                files.push(new_name);
            }
            None => files.push(name),
        }
    }
    fs::write(
        &meta_path,
        serde_json::to_vec(&meta).expect("meta serialises"),
    )
    .map_err(io(&meta_path))?;
    files.sort();
    Ok(files)
}

/// The Hangul runs of a text, as the analysis cuts them.
pub fn hangul_runs(text: &str) -> Vec<String> {
    pretokenize(text)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Hangul { text, .. } => Some(text),
            Piece::Terms(_) => None,
        })
        .collect()
}

/// Opens the search files of a built site, as the browser does, and runs
/// requests on it, loading lexicon chunks as queries need them.
pub struct BuiltSearch {
    dir: PathBuf,
    index: SearchIndex,
}

impl BuiltSearch {
    /// Opens `site_dir/search/`.
    pub fn open(site_dir: &Path) -> Result<BuiltSearch, ReadError> {
        let dir = site_dir.join(SEARCH_DIR);
        let manifest = bangchim_core::search::read_manifest(&read(&dir.join(MANIFEST))?)?;
        let store = disk_store(&dir.join("index"), manifest.index_files.clone());
        let mut index = SearchIndex::open(&manifest, store)?;
        if let Some(v) = &manifest.vocabulary {
            index.add_vocabulary(&read(&dir.join(v))?);
        }
        if let Some(i) = &manifest.initials {
            index.add_initials(&read(&dir.join(i))?);
        }
        Ok(BuiltSearch { dir, index })
    }

    /// Runs a request.
    pub fn search(
        &mut self,
        request: &bangchim_core::search::Request,
    ) -> Result<bangchim_core::search::Results, ReadError> {
        for k in self.index.missing_chunks(&request.query) {
            let text = read(&self.dir.join("lexicon").join(format!("{k}.txt")))?;
            self.index.add_chunk(k, &text)?;
        }
        Ok(self.index.search(request)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A term of `run` covering `run[start..end]`.
    fn t(text: &str, start: usize, end: usize, same: bool) -> Term {
        Term {
            text: text.into(),
            start,
            end,
            same_position: same,
        }
    }

    fn texts(terms: &[Term]) -> Vec<(&str, bool)> {
        term_key(terms)
    }

    #[test]
    fn a_letter_spaced_name_is_searched_joined() {
        assert_eq!(unspaced_name("진 숙"), "진숙");
        assert_eq!(unspaced_name("박 민 수"), "박민수");
        assert_eq!(unspaced_name("김진만"), "김진만");
        assert_eq!(unspaced_name("남궁 민수"), "남궁 민수");
        assert_eq!(unspaced_name("정보 보호 팀 장 님"), "정보 보호 팀 장 님");
        assert_eq!(unspaced_name("A B"), "A B");
    }

    #[test]
    fn a_cctv_policys_trustee_says_what_it_watches() {
        let trustee = crate::model::Trustee {
            company: "(주)에스원".into(),
            ..Default::default()
        };
        let policy = |kind| Policy {
            kind,
            trustees: vec![trustee.clone()],
            ..Policy::bare("p", "영상정보처리기기 운영방침")
        };
        let agency = Agency {
            slug: "a".into(),
            name: "진흥원".into(),
            full_name: "한국진흥원".into(),
            region: String::new(),
            kind: String::new(),
            policies: vec![policy(PolicyKind::Cctv), policy(PolicyKind::Privacy)],
        };
        let texts: Vec<String> = documents(std::slice::from_ref(&agency))
            .into_iter()
            .filter(|d| d.kind == DocKind::Trustee)
            .map(|d| d.text)
            .collect();
        assert_eq!(
            texts,
            [
                "한국진흥원 · 영상정보처리기기 수탁자 (주)에스원",
                "한국진흥원 · 수탁자 (주)에스원"
            ]
        );
    }

    #[test]
    fn documents_come_agency_by_agency_in_the_order_of_their_names() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let mut agencies = crate::content::read_content(&root).unwrap();
        // Whatever order the agencies come in.
        agencies.reverse();
        let docs = documents(&agencies);
        assert!(docs.len() > 100);
        let names: Vec<&str> = docs.iter().map(|d| d.agency.as_str()).collect();
        assert!(names.is_sorted(), "{names:?}");
        let distinct: BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(distinct.len(), agencies.len());
    }

    #[test]
    fn only_groups_of_several_documents_are_numbered_from_zero() {
        let groups = wording::Groups {
            id: vec![0, 1, 0, 3, 1, 5],
            size: vec![2, 2, 2, 1, 2, 1],
            agencies: vec![2, 2, 2, 1, 2, 1],
        };
        let shared = shared_groups(&groups);
        assert_eq!(shared, HashMap::from([(0, 0), (1, 1)]));
    }

    #[test]
    fn a_word_read_otherwise_alone_gets_its_reading_before_particles() {
        // ko-dic: `개인정보파일` alone is 개인정보 + 파이; before 을 or 의,
        // 개인정보파일 + 파일.
        let w = "개인정보파일".len();
        let before = |run: &str| {
            (
                run.to_string(),
                vec![
                    t("개인정보파일", 0, w, false),
                    t("개인", 0, 6, true),
                    t("정보", 6, 12, false),
                    t("파일", 12, w, false),
                ],
            )
        };
        let runs = BTreeMap::from([
            (
                "개인정보파일".to_string(),
                vec![
                    t("개인정보", 0, 12, false),
                    t("개인", 0, 6, true),
                    t("정보", 6, 12, false),
                    t("파이", 12, w, false),
                ],
            ),
            before("개인정보파일을"),
            before("개인정보파일의"),
        ]);
        let entries = lexicon_entries(runs.clone());
        for (run, terms) in &runs {
            assert_eq!(&entries.runs[run], terms, "{run} keeps its own reading");
        }
        assert_eq!(
            texts(&entries.stems["개인정보파일"]),
            [
                ("개인정보파일", false),
                ("개인", true),
                ("정보", false),
                ("파일", false)
            ]
        );
    }

    #[test]
    fn a_word_seen_only_inside_longer_runs_gets_an_entry_of_its_own_terms() {
        // `산학협력단`: 산학협력 + parts, then 달 for 단, which is not the
        // word's.
        let w = "산학협력".len();
        let runs = BTreeMap::from([(
            "산학협력단".to_string(),
            vec![
                t("산학협력", 0, w, false),
                t("산학", 0, 6, true),
                t("협력", 6, w, false),
                t("달", w, w + 3, false),
            ],
        )]);
        let entries = lexicon_entries(runs);
        assert_eq!(
            texts(&entries.runs["산학협력"]),
            [("산학협력", false), ("산학", true), ("협력", false)]
        );
        assert!(entries.stems.is_empty());
    }

    #[test]
    fn a_single_word_before_a_particle_adds_nothing_the_browser_would_not_guess() {
        let runs = BTreeMap::from([("위탁을".to_string(), vec![t("위탁", 0, 6, false)])]);
        let entries = lexicon_entries(runs.clone());
        assert_eq!(entries.runs, runs);
        assert!(entries.stems.is_empty());
    }
}
