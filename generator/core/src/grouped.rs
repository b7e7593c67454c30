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

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Cardinality, Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

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
}

/// Score factor for a document of an agency the query names.
pub const AGENCY_BOOST: Score = 3.0;
/// Score factor for a document of the kind the query asks for.
pub const KIND_BOOST: Score = 2.0;

/// The best document of each group, and the facet tallies.
#[derive(Debug, Default)]
pub struct GroupedFruit {
    /// Best (boosted score, document) per group, among the documents that
    /// pass both filters.
    pub best: FxHashMap<u64, (Score, DocAddress)>,
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
        let mut all: Vec<(Score, u64, DocAddress)> =
            self.best.iter().map(|(&g, &(s, d))| (s, g, d)).collect();
        let order = |a: &(Score, u64, DocAddress), b: &(Score, u64, DocAddress)| {
            b.0.total_cmp(&a.0).then(a.2.cmp(&b.2))
        };
        // A common word's groups number in the tens of thousands: only
        // the first `limit` are sorted.
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
    /// Each group with a document passing the agency filter: its kind, and
    /// its best document passing both filters (one map, one lookup a hit).
    groups: FxHashMap<u64, Slot>,
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

/// A group seen in a segment: its kind (a group's documents share their
/// wording, so their kind), and its best document so far.
struct Slot {
    kind: u64,
    best: Option<(Score, DocId)>,
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
        Ok(GroupedSegment {
            segment,
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
            groups: FxHashMap::default(),
            counts: vec![0; kinds * agencies],
            agencies,
            agency_facets: self.agency_facets,
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, mut fruits: Vec<GroupedFruit>) -> tantivy::Result<GroupedFruit> {
        if fruits.len() == 1 {
            return Ok(fruits.pop().unwrap_or_default());
        }
        let mut all = GroupedFruit::default();
        for fruit in fruits {
            for (g, (s, d)) in fruit.best {
                let e = all.best.entry(g).or_insert((s, d));
                if s > e.0 {
                    *e = (s, d);
                }
            }
            // A group lives in one segment: the index is written as one,
            // and segments never share documents.
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
        let none_kind = (self.counts.len() / self.agencies - 1) as u64;
        let kind = self.kind_ords.get(doc).unwrap_or(none_kind);
        let agency = self
            .agency_ords
            .get(doc)
            .unwrap_or(self.agencies as u64 - 1);
        self.counts[kind as usize * self.agencies + agency as usize] += 1;
        if !passes(self.only_agency, agency) {
            return;
        }
        // A document without a group is a group of its own.
        let group = self.group.get(doc).unwrap_or(u64::MAX - u64::from(doc));
        let slot = self
            .groups
            .entry(group)
            .or_insert(Slot { kind, best: None });
        if !passes(self.only_kind, kind) {
            return;
        }
        let named_agency = self.boost_agencies.contains(&agency);
        let named_kind = self.boost_kind == Some(kind);
        let mut score = score;
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
        if slot.best.is_none_or(|(s, _)| score > s) {
            slot.best = Some((score, doc));
        }
    }

    fn harvest(self) -> GroupedFruit {
        let kind_names = names(&self.kind);
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        for slot in self.groups.values() {
            let name = kind_names
                .get(slot.kind as usize)
                .cloned()
                .unwrap_or_default();
            *kinds.entry(name).or_default() += 1;
        }
        let agencies = self.agency_facet();
        let segment = self.segment;
        GroupedFruit {
            best: self
                .groups
                .into_iter()
                .filter_map(|(g, slot)| {
                    let (s, d) = slot.best?;
                    Some((g, (s, DocAddress::new(segment, d))))
                })
                .collect(),
            kinds,
            agencies,
        }
    }
}

/// Whether a column value passes a filter (see [`filter_ord`]).
fn passes(filter: Option<Option<u64>>, ord: u64) -> bool {
    filter.is_none_or(|f| f == Some(ord))
}

impl GroupedSegment {
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
