//! One pass over the matching documents that keeps the best document of
//! each wording group (documents whose text is the same but for agency
//! names, numbers and spacing share a group, see the `group` field) and
//! tallies the facets by what a person sees: kinds count groups, agencies
//! count their own documents.
//!
//! The kind and agency filters are applied here rather than in the query,
//! so that the same pass counts the facets without them. Intent (an agency
//! or a kind the query names) adds to and multiplies the score here too,
//! from the kind and agency columns every query has loaded.

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BinaryHeap};
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Cardinality, Column, StrColumn};
use tantivy::fastfield::AliveBitSet;
use tantivy::query::Weight;
use tantivy::{DocAddress, DocId, DocSet, Score, SegmentOrdinal, SegmentReader, TERMINATED};

use crate::ranked::RankedScorer;
use crate::schema::field;

/// What the pass favours and keeps.
#[derive(Debug, Clone, Default)]
pub struct Grouped {
    /// Only documents of this kind are ranked (all are counted).
    pub kind: Option<String>,
    /// Only documents of this agency are ranked (all are counted).
    pub agency: Option<String>,
    /// Agencies the query names: their documents' scores are multiplied by
    /// [`AGENCY_BOOST`].
    pub boost_agencies: Vec<String>,
    /// The kind the query asks for: scores multiplied by [`KIND_BOOST`].
    pub boost_kind: Option<String>,
    /// Added to the score of a document of an agency the query names,
    /// before the boosts (the query's own clause for it would seek the
    /// agency's postings at every hit; the column is read anyway).
    pub agency_match: Score,
    /// Added to the score of a document of the kind the query asks for,
    /// before the boosts.
    pub kind_match: Score,
    /// How many agencies the agency facet lists (the most frequent; the
    /// agency filtered on is listed too).
    pub agency_facets: usize,
    /// How many hits the search shows: of the documents of a wording of
    /// their own, only the best `limit` are kept (the others are counted).
    pub limit: usize,
    /// The segment's kind, agency and group of every document, read once
    /// per index (see [`DocColumns`]); the columns are read when absent
    /// or made for another segment.
    pub columns: Option<Arc<DocColumns>>,
}

/// The kind and agency ordinals and the group of every document of a
/// segment, as flat lists. The collector reads all three at every hit: a
/// common word's query has tens of thousands, and tantivy's columns decode
/// each value (bit-packed, or by a line per block for the group) behind
/// an index of which documents have one; at 10,000 policies that was a
/// fifth of such a query's time. 9 bytes a document: 2.8 MB for 311,000.
pub struct DocColumns {
    kind: Vec<u8>,
    agency: Vec<u32>,
    /// [`NO_GROUP`] for a document of a wording of its own.
    group: Vec<u32>,
}

const NO_GROUP: u32 = u32::MAX;

impl std::fmt::Debug for DocColumns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DocColumns({} documents)", self.docs())
    }
}

impl DocColumns {
    /// Reads the columns of every document of `segment`. None when there
    /// are more kinds, agencies or groups than the lists can number.
    pub fn read(segment: &SegmentReader) -> tantivy::Result<Option<DocColumns>> {
        let kind = str_column(segment, field::KIND)?;
        let agency = str_column(segment, field::AGENCY)?;
        let (kinds, agencies) = (kind.num_terms(), agency.num_terms());
        if kinds >= usize::from(u8::MAX) || agencies >= NO_GROUP as usize {
            return Ok(None);
        }
        let kind_ords = FirstValue::new(kind.ords().clone());
        let agency_ords = FirstValue::new(agency.ords().clone());
        let group = FirstValue::new(segment.fast_fields().u64(field::GROUP)?);
        let docs = segment.max_doc();
        let mut out = DocColumns {
            kind: Vec::with_capacity(docs as usize),
            agency: Vec::with_capacity(docs as usize),
            group: Vec::with_capacity(docs as usize),
        };
        for doc in 0..docs {
            out.kind
                .push(kind_ords.get(doc).unwrap_or(kinds as u64) as u8);
            out.agency
                .push(agency_ords.get(doc).unwrap_or(agencies as u64) as u32);
            let g = group
                .get(doc)
                .map_or(NO_GROUP, |g| g.min(u64::from(NO_GROUP)) as u32);
            out.group.push(g);
        }
        Ok(Some(out))
    }

    fn docs(&self) -> usize {
        self.kind.len()
    }
}

/// Score factor for a document of an agency the query names.
pub const AGENCY_BOOST: Score = 3.0;
/// Score factor for a document of the kind the query asks for.
pub const KIND_BOOST: Score = 2.0;

/// The best document of each group, and the facet tallies.
#[derive(Debug, Default)]
pub struct GroupedFruit {
    /// The candidates for the hits, as (boosted score, group, document),
    /// among the documents that pass both filters: the best document of
    /// each shared wording, and the [`Grouped::limit`] best documents of a
    /// wording of their own (keyed `u64::MAX - doc`: they have no group).
    pub best: Vec<(Score, u64, DocAddress)>,
    /// Groups per kind, among the documents that pass the agency filter.
    pub kinds: BTreeMap<String, usize>,
    /// Matching documents of the filtered kind per agency: the
    /// [`Grouped::agency_facets`] most frequent and the filtered agency
    /// (with several segments, per segment: bangchim writes one).
    pub agencies: BTreeMap<String, usize>,
}

impl GroupedFruit {
    /// The `limit` best groups' documents, best first (ties by address).
    pub fn top(&self, limit: usize) -> Vec<(Score, u64, DocAddress)> {
        let mut all = self.best.clone();
        let order = |a: &(Score, u64, DocAddress), b: &(Score, u64, DocAddress)| {
            b.0.total_cmp(&a.0).then(a.2.cmp(&b.2))
        };
        // A common word's candidates can number in the hundreds (a group
        // each, and `limit` more per segment): only the first are sorted.
        if limit < all.len() {
            all.select_nth_unstable_by(limit, order);
            all.truncate(limit);
        }
        all.sort_by(order);
        all
    }
}

/// One segment's pass. Counts are kept by column ordinal (a flat table of
/// kinds × agencies) and names read once, at the end.
pub struct GroupedSegment {
    segment: SegmentOrdinal,
    /// The flat columns, when made for this segment.
    flat: Option<Arc<DocColumns>>,
    kind: StrColumn,
    agency: StrColumn,
    kind_ords: FirstValue,
    agency_ords: FirstValue,
    group: FirstValue,
    only_kind: Option<Option<u64>>,
    only_agency: Option<Option<u64>>,
    boost_agencies: Vec<u64>,
    boost_kind: Option<u64>,
    agency_match: Score,
    kind_match: Score,
    /// Each shared wording, by its group number: its kind once one of its
    /// documents passes the agency filter, and its best document passing
    /// both filters. Group numbers run from 0, so this is a list, not a
    /// map (a common word's query hits tens of thousands of documents).
    shared: Vec<Slot>,
    /// Documents of a wording of their own passing the agency filter, per
    /// kind ordinal: each is a group of its own.
    own_kinds: Vec<usize>,
    /// The best of those documents passing both filters.
    own_best: Best,
    /// Documents per `kind × agencies + agency` (the last ordinal of each
    /// stands for "no value").
    counts: Vec<usize>,
    agencies: usize,
    agency_facets: usize,
}

/// A column read for its first value per document: straight from its
/// values when every document has exactly one (what bangchim writes), else
/// through the column's index. Read at every hit.
struct FirstValue {
    column: Column<u64>,
    full: bool,
}

impl FirstValue {
    fn new(column: Column<u64>) -> FirstValue {
        let full = column.get_cardinality() == Cardinality::Full;
        FirstValue { column, full }
    }

    #[inline]
    fn get(&self, doc: DocId) -> Option<u64> {
        if self.full {
            Some(self.column.values.get_val(doc))
        } else {
            self.column.first(doc)
        }
    }
}

/// A shared wording in a segment: its kind (a group's documents share
/// their wording, so their kind) once seen, and its best document so far.
#[derive(Clone, Copy)]
struct Slot {
    kind: Option<u64>,
    best: Option<(Score, DocId)>,
}

const UNSEEN: Slot = Slot {
    kind: None,
    best: None,
};

/// A document of a wording of its own, ordered as the hits are: by score,
/// then the lower address first (so it is the greater).
#[derive(Clone, Copy, PartialEq)]
struct Own(Score, DocId);

impl Eq for Own {}

impl Ord for Own {
    fn cmp(&self, other: &Own) -> Ordering {
        self.0.total_cmp(&other.0).then(other.1.cmp(&self.1))
    }
}

impl PartialOrd for Own {
    fn partial_cmp(&self, other: &Own) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The `limit` greatest documents offered, the least on top of the heap.
struct Best {
    heap: BinaryHeap<Reverse<Own>>,
    limit: usize,
}

impl Best {
    fn offer(&mut self, own: Own) {
        if self.heap.len() < self.limit {
            self.heap.push(Reverse(own));
        } else if let Some(mut least) = self.heap.peek_mut()
            && own > least.0
        {
            *least = Reverse(own);
        }
    }
}

/// A segment's string column, an error if the schema has none.
pub(crate) fn str_column(segment: &SegmentReader, name: &str) -> tantivy::Result<StrColumn> {
    segment
        .fast_fields()
        .str(name)?
        .ok_or_else(|| tantivy::TantivyError::SchemaError(format!("no {name} column")))
}

fn ord_of(column: &StrColumn, value: &str) -> tantivy::Result<Option<u64>> {
    Ok(column.dictionary().term_ord(value.as_bytes())?)
}

/// The ordinal a filter asks for: `None` when there is no filter,
/// `Some(None)` when the value is not in this segment (nothing ranks).
fn filter_ord(column: &StrColumn, value: &Option<String>) -> tantivy::Result<Option<Option<u64>>> {
    match value.as_deref().filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => Ok(Some(ord_of(column, v)?)),
    }
}

impl Collector for Grouped {
    type Fruit = GroupedFruit;
    type Child = GroupedSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<GroupedSegment> {
        let kind = str_column(reader, field::KIND)?;
        let agency = str_column(reader, field::AGENCY)?;
        let group = FirstValue::new(reader.fast_fields().u64(field::GROUP)?);
        let mut boost_agencies = Vec::new();
        for a in &self.boost_agencies {
            boost_agencies.extend(ord_of(&agency, a)?);
        }
        let boost_kind = match &self.boost_kind {
            Some(k) => ord_of(&kind, k)?,
            None => None,
        };
        let kinds = kind.num_terms() + 1;
        let agencies = agency.num_terms() + 1;
        // Groups are numbered from 0, fewer than the documents: a larger
        // number is a damaged column, not a list to allocate.
        let groups = match group.column.values.num_vals() {
            0 => 0,
            _ => group.column.max_value().saturating_add(1),
        };
        if groups > u64::from(reader.max_doc()) {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "group number {} beyond the segment's {} documents",
                groups - 1,
                reader.max_doc()
            )));
        }
        let flat = self
            .columns
            .clone()
            .filter(|c| c.docs() == reader.max_doc() as usize);
        Ok(GroupedSegment {
            segment,
            flat,
            only_kind: filter_ord(&kind, &self.kind)?,
            only_agency: filter_ord(&agency, &self.agency)?,
            kind_ords: FirstValue::new(kind.ords().clone()),
            agency_ords: FirstValue::new(agency.ords().clone()),
            kind,
            agency,
            group,
            boost_agencies,
            boost_kind,
            agency_match: self.agency_match,
            kind_match: self.kind_match,
            shared: vec![UNSEEN; groups as usize],
            own_kinds: vec![0; kinds],
            own_best: Best {
                heap: BinaryHeap::with_capacity(self.limit + 1),
                limit: self.limit,
            },
            counts: vec![0; kinds * agencies],
            agencies,
            agency_facets: self.agency_facets,
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    /// A ranked query's hits are scored in two steps, and a hit whose
    /// ceiling ([`RankedScorer::ceiling`]) could not place it among the
    /// hits kept is only counted; another query's hits as tantivy does.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<GroupedFruit> {
        let mut collector = self.for_segment(segment, reader)?;
        let mut scorer = weight.scorer(reader, 1.0)?;
        let alive = reader.alive_bitset();
        match scorer.downcast_mut::<RankedScorer>() {
            Some(ranked) => collector.collect_ranked(ranked, alive),
            None => {
                let mut doc = scorer.doc();
                while doc != TERMINATED {
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        collector.collect(doc, scorer.score());
                    }
                    doc = scorer.advance();
                }
            }
        }
        Ok(collector.harvest())
    }

    fn merge_fruits(&self, mut fruits: Vec<GroupedFruit>) -> tantivy::Result<GroupedFruit> {
        if fruits.len() == 1 {
            return Ok(fruits.pop().unwrap_or_default());
        }
        let mut all = GroupedFruit::default();
        for fruit in fruits {
            // A group lives in one segment: the index is written as one,
            // and segments never share documents.
            all.best.extend(fruit.best);
            for (k, n) in fruit.kinds {
                *all.kinds.entry(k).or_default() += n;
            }
            for (agency, n) in fruit.agencies {
                *all.agencies.entry(agency).or_default() += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for GroupedSegment {
    type Fruit = GroupedFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some((place, kind, agency)) = self.count(doc) {
            let score = self.boosted(score, kind, agency);
            self.keep(place, doc, score);
        }
    }

    fn harvest(self) -> GroupedFruit {
        let kind_names = names(&self.kind);
        let name = |k: usize| kind_names.get(k).cloned().unwrap_or_default();
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        for (k, &n) in self.own_kinds.iter().enumerate() {
            if n > 0 {
                *kinds.entry(name(k)).or_default() += n;
            }
        }
        for kind in self.shared.iter().filter_map(|slot| slot.kind) {
            *kinds.entry(name(kind as usize)).or_default() += 1;
        }
        let agencies = self.agency_facet();
        let segment = self.segment;
        let shared = self.shared.iter().enumerate().filter_map(|(g, slot)| {
            let (s, d) = slot.best?;
            Some((s, g as u64, DocAddress::new(segment, d)))
        });
        let own =
            self.own_best.heap.iter().map(|Reverse(Own(s, d))| {
                (*s, u64::MAX - u64::from(*d), DocAddress::new(segment, *d))
            });
        GroupedFruit {
            best: shared.chain(own).collect(),
            kinds,
            agencies,
        }
    }
}

/// Whether a column value passes a filter (see [`filter_ord`]).
fn passes(filter: Option<Option<u64>>, ord: u64) -> bool {
    filter.is_none_or(|f| f == Some(ord))
}

/// Where a counted document competes: among the documents of a wording
/// of their own, or in its shared wording's group.
#[derive(Clone, Copy)]
enum Place {
    Own,
    Shared(usize),
}

impl GroupedSegment {
    /// Counts a matching document in the facets, and says where it
    /// competes for the hits (none when a filter leaves it out), with its
    /// kind and agency ordinals.
    fn count(&mut self, doc: DocId) -> Option<(Place, u64, u64)> {
        let (kind, agency, group) = self.columns_of(doc);
        self.counts[kind as usize * self.agencies + agency as usize] += 1;
        if !passes(self.only_agency, agency) {
            return None;
        }
        // A document without a group is a group of its own.
        let place = match group {
            None => {
                self.own_kinds[kind as usize] += 1;
                Place::Own
            }
            Some(group) => {
                // Within the list: sized by the column's largest number.
                let g = group as usize;
                self.shared[g].kind.get_or_insert(kind);
                Place::Shared(g)
            }
        };
        passes(self.only_kind, kind).then_some((place, kind, agency))
    }

    /// A document's kind and agency ordinals (the last of each for "no
    /// value") and group, from the flat lists when there are.
    #[inline]
    fn columns_of(&self, doc: DocId) -> (u64, u64, Option<u64>) {
        if let Some(flat) = &self.flat {
            let d = doc as usize;
            let group = flat.group[d];
            let group = (group != NO_GROUP).then_some(u64::from(group));
            return (u64::from(flat.kind[d]), u64::from(flat.agency[d]), group);
        }
        let none_kind = (self.counts.len() / self.agencies - 1) as u64;
        let kind = self.kind_ords.get(doc).unwrap_or(none_kind);
        let agency = self
            .agency_ords
            .get(doc)
            .unwrap_or(self.agencies as u64 - 1);
        (kind, agency, self.group.get(doc))
    }

    /// Keeps a counted document if it is among the best of its place.
    fn keep(&mut self, place: Place, doc: DocId, score: Score) {
        match place {
            Place::Own => self.own_best.offer(Own(score, doc)),
            Place::Shared(g) => {
                let slot = &mut self.shared[g];
                if slot.best.is_none_or(|(s, _)| score > s) {
                    slot.best = Some((score, doc));
                }
            }
        }
    }

    /// Whether a document (later than all kept so far) scoring at most
    /// `ceiling` would change nothing the search returns: it would not be
    /// kept, or its group would still rank below `limit` documents of
    /// their own wording (a tie there could go either way: not skipped).
    fn hopeless(&self, place: Place, ceiling: Score) -> bool {
        let least = (self.own_best.heap.len() >= self.own_best.limit)
            .then(|| self.own_best.heap.peek().map(|least| least.0.0))
            .flatten();
        match place {
            // A later document of equal score ranks after the kept one.
            Place::Own => least.is_some_and(|least| ceiling <= least),
            Place::Shared(g) => {
                self.shared[g].best.is_some_and(|(s, _)| ceiling <= s)
                    || least.is_some_and(|least| ceiling < least)
            }
        }
    }

    /// The pass over a ranked query's hits: each is counted, and scored
    /// whole only when its ceiling ([`RankedScorer::ceiling`] of its
    /// `select` score, boosted as the intent boosts it)
    /// could place it among the hits kept, and its selecting words are
    /// read only when a second ceiling, with its ranking clauses read,
    /// could still place it ([`RankedScorer::score_unless`]). A common
    /// word's query hits tens of thousands of documents, and most of them
    /// can be placed by their `select` score alone.
    fn collect_ranked(&mut self, scorer: &mut RankedScorer, alive: Option<&AliveBitSet>) {
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc))
                && let Some((place, kind, agency)) = self.count(doc)
            {
                let select = scorer.select_score();
                let ceiling = self.boosted(scorer.ceiling(select), kind, agency);
                if !self.hopeless(place, ceiling)
                    && let Some(score) = scorer.score_unless(select, |s| {
                        self.hopeless(place, self.boosted(s, kind, agency))
                    })
                {
                    let score = self.boosted(score, kind, agency);
                    self.keep(place, doc, score);
                }
            }
            doc = scorer.advance();
        }
    }

    /// A document's score with the intent's matches and boosts.
    #[inline]
    fn boosted(&self, mut score: Score, kind: u64, agency: u64) -> Score {
        let named_agency = self.boost_agencies.contains(&agency);
        let named_kind = self.boost_kind == Some(kind);
        if named_agency {
            score += self.agency_match;
        }
        if named_kind {
            score += self.kind_match;
        }
        if named_agency {
            score *= AGENCY_BOOST;
        }
        if named_kind {
            score *= KIND_BOOST;
        }
        score
    }

    /// Documents of the filtered kind per agency: the most frequent (ties
    /// by name) and the filtered one, named. Only those names are read: a
    /// national index has ten thousand agencies.
    fn agency_facet(&self) -> BTreeMap<String, usize> {
        let named = self.agencies - 1;
        let mut per = vec![0usize; named];
        for (kind, row) in self.counts.chunks(self.agencies).enumerate() {
            if passes(self.only_kind, kind as u64) {
                for (n, c) in per.iter_mut().zip(row) {
                    *n += c;
                }
            }
        }
        let mut ords: Vec<u64> = (0..named as u64).filter(|&a| per[a as usize] > 0).collect();
        let by_count = |a: &u64, b: &u64| per[*b as usize].cmp(&per[*a as usize]).then(a.cmp(b));
        if self.agency_facets < ords.len() {
            ords.select_nth_unstable_by(self.agency_facets, by_count);
            ords.truncate(self.agency_facets);
        }
        if let Some(Some(chosen)) = self.only_agency
            && per.get(chosen as usize).is_some_and(|&n| n > 0)
            && !ords.contains(&chosen)
        {
            ords.push(chosen);
        }
        ords.sort_unstable();
        let mut out = BTreeMap::new();
        let mut counts = ords.iter().map(|&a| per[a as usize]);
        // Ordinals follow the names' order, so one pass reads them all.
        // A block the browser lacks is reported by the store, and the
        // search runs again once it is fetched.
        let _ = self
            .agency
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |name| {
                let n = counts.next().unwrap_or_default();
                out.insert(String::from_utf8_lossy(name).into_owned(), n);
            });
        out
    }
}

/// Every value of a column by ordinal, read in one pass over its
/// dictionary.
fn names(column: &StrColumn) -> Vec<String> {
    let mut out = Vec::with_capacity(column.num_terms());
    if let Ok(mut stream) = column.dictionary().stream() {
        while stream.advance() {
            out.push(String::from_utf8_lossy(stream.key()).into_owned());
        }
    }
    out
}

/// The facets as a person sees them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Groups matching every filter (what the result list holds).
    pub total: usize,
    /// Groups per kind, without the kind filter.
    pub kinds: BTreeMap<String, usize>,
    /// Documents per agency, without the agency filter.
    pub agencies: BTreeMap<String, usize>,
}

impl GroupedFruit {
    /// Tallies the facets given the kind filter (the agency filter, and
    /// the kind filter for the agencies, were applied while collecting).
    pub fn tally(&self, kind: Option<&str>) -> Tally {
        let wanted = |v: &str| kind.is_none_or(|f| f.is_empty() || f == v);
        Tally {
            total: self
                .kinds
                .iter()
                .filter(|(k, _)| wanted(k))
                .map(|(_, n)| n)
                .sum(),
            kinds: self.kinds.clone(),
            agencies: self.agencies.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::AllQuery;
    use tantivy::schema::{FAST, INDEXED, STRING, Schema};
    use tantivy::{Index, TantivyDocument};

    /// An index of (kind, agency, group) documents, `None` a wording of
    /// its own.
    fn index(docs: &[(&str, &str, Option<u64>)]) -> Index {
        let mut schema = Schema::builder();
        let kind = schema.add_text_field(field::KIND, STRING | FAST);
        let agency = schema.add_text_field(field::AGENCY, STRING | FAST);
        let group = schema.add_u64_field(field::GROUP, INDEXED | FAST);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (k, a, g) in docs {
            let mut doc = TantivyDocument::default();
            doc.add_text(kind, k);
            doc.add_text(agency, a);
            if let Some(g) = g {
                doc.add_u64(group, *g);
            }
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        index
    }

    fn collect(index: &Index) -> tantivy::Result<GroupedFruit> {
        let collector = Grouped {
            limit: 2,
            agency_facets: 10,
            ..Grouped::default()
        };
        index
            .reader()
            .unwrap()
            .searcher()
            .search(&AllQuery, &collector)
    }

    #[test]
    fn groups_count_once_and_own_wordings_each() {
        let fruit = collect(&index(&[
            ("article", "가", Some(0)),
            ("article", "나", Some(0)),
            ("article", "다", None),
            ("contact", "가", Some(1)),
            ("contact", "나", None),
            ("contact", "다", None),
        ]))
        .unwrap();
        let kinds: Vec<(&str, usize)> = fruit.kinds.iter().map(|(k, n)| (k.as_str(), *n)).collect();
        assert_eq!(kinds, [("article", 2), ("contact", 3)]);
        // Both groups, and the first two documents of their own wording
        // (equal scores: the lower address first).
        let top = fruit.top(10);
        let docs: Vec<u32> = top.iter().map(|(_, _, d)| d.doc_id).collect();
        assert_eq!(docs, [0, 2, 3, 4]);
        assert_eq!(fruit.agencies.values().sum::<usize>(), 6);
    }

    #[test]
    fn the_flat_columns_count_as_the_columns_do() -> tantivy::Result<()> {
        let index = index(&[
            ("article", "가", Some(0)),
            ("article", "나", Some(0)),
            ("article", "다", None),
            ("contact", "가", Some(1)),
            ("contact", "나", None),
            ("remedy", "다", Some(2)),
            ("remedy", "다", None),
        ]);
        let searcher = index.reader()?.searcher();
        let columns = DocColumns::read(searcher.segment_reader(0))?.map(Arc::new);
        assert_eq!(columns.as_ref().map(|c| c.docs()), Some(7));
        for kind in [None, Some("contact".to_string())] {
            let plain = Grouped {
                kind,
                agency: Some("나".into()),
                limit: 2,
                agency_facets: 10,
                ..Grouped::default()
            };
            let flat = Grouped {
                columns: columns.clone(),
                ..plain.clone()
            };
            let (a, b) = (
                searcher.search(&AllQuery, &plain)?,
                searcher.search(&AllQuery, &flat)?,
            );
            assert_eq!((a.best, a.kinds, a.agencies), (b.best, b.kinds, b.agencies));
        }
        Ok(())
    }

    #[test]
    fn a_group_number_beyond_the_documents_is_refused() {
        let err = collect(&index(&[
            ("article", "가", Some(0)),
            ("article", "나", Some(7)),
        ]))
        .unwrap_err();
        assert!(err.to_string().contains("group number 7"), "{err}");
    }
}
