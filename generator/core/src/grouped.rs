//! One pass over the matching documents that keeps the best document of
//! each wording group (documents whose text is the same but for agency
//! names, numbers and spacing share a group, see the `group` field) and
//! tallies the facets by what a person sees: kinds count groups, agencies
//! count their own documents.
//!
//! The kind and agency filters are applied here rather than in the query,
//! so that the same pass counts the facets without them. Intent boosts
//! (an agency or a kind the query names) multiply the score here too, from
//! the kind and agency columns every query has loaded.

use std::collections::{BTreeMap, HashMap, HashSet};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
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
}

/// Score factor for a document of an agency the query names.
pub const AGENCY_BOOST: Score = 3.0;
/// Score factor for a document of the kind the query asks for.
pub const KIND_BOOST: Score = 2.0;

/// The best document of each group, and the facet tallies.
#[derive(Debug, Default)]
pub struct GroupedFruit {
    /// Best (boosted score, document) per group.
    pub best: HashMap<u64, (Score, DocAddress)>,
    /// Per (kind, agency): matching documents and the groups they are in.
    pub facets: BTreeMap<(String, String), (usize, HashSet<u64>)>,
}

impl GroupedFruit {
    /// The `limit` best groups' documents, best first (ties by address).
    pub fn top(&self, limit: usize) -> Vec<(Score, u64, DocAddress)> {
        let mut all: Vec<(Score, u64, DocAddress)> =
            self.best.iter().map(|(&g, &(s, d))| (s, g, d)).collect();
        all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
        all.truncate(limit);
        all
    }
}

/// One segment's pass.
pub struct GroupedSegment {
    segment: SegmentOrdinal,
    kind: StrColumn,
    agency: StrColumn,
    group: Column<u64>,
    only_kind: Option<Option<u64>>,
    only_agency: Option<Option<u64>>,
    boost_agencies: Vec<u64>,
    boost_kind: Option<u64>,
    best: HashMap<u64, (Score, DocId)>,
    facets: HashMap<(u64, u64), (usize, HashSet<u64>)>,
}

fn str_column(segment: &SegmentReader, name: &str) -> tantivy::Result<StrColumn> {
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
        let group = reader.fast_fields().u64(field::GROUP)?;
        let mut boost_agencies = Vec::new();
        for a in &self.boost_agencies {
            boost_agencies.extend(ord_of(&agency, a)?);
        }
        let boost_kind = match &self.boost_kind {
            Some(k) => ord_of(&kind, k)?,
            None => None,
        };
        Ok(GroupedSegment {
            segment,
            only_kind: filter_ord(&kind, &self.kind)?,
            only_agency: filter_ord(&agency, &self.agency)?,
            kind,
            agency,
            group,
            boost_agencies,
            boost_kind,
            best: HashMap::new(),
            facets: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<GroupedFruit>) -> tantivy::Result<GroupedFruit> {
        let mut all = GroupedFruit::default();
        for fruit in fruits {
            for (g, (s, d)) in fruit.best {
                let e = all.best.entry(g).or_insert((s, d));
                if s > e.0 {
                    *e = (s, d);
                }
            }
            for (key, (n, groups)) in fruit.facets {
                let e = all.facets.entry(key).or_default();
                e.0 += n;
                e.1.extend(groups);
            }
        }
        Ok(all)
    }
}

/// Ordinal used for a document without a value in a column.
const NONE: u64 = u64::MAX;

impl SegmentCollector for GroupedSegment {
    type Fruit = GroupedFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let kind = self.kind.term_ords(doc).next().unwrap_or(NONE);
        let agency = self.agency.term_ords(doc).next().unwrap_or(NONE);
        // A document without a group is a group of its own.
        let group = self.group.first(doc).unwrap_or(u64::MAX - u64::from(doc));
        let facet = self.facets.entry((kind, agency)).or_default();
        facet.0 += 1;
        facet.1.insert(group);
        let passes = |filter: Option<Option<u64>>, ord: u64| filter.is_none_or(|f| f == Some(ord));
        if !passes(self.only_kind, kind) || !passes(self.only_agency, agency) {
            return;
        }
        let mut score = score;
        if self.boost_agencies.contains(&agency) {
            score *= AGENCY_BOOST;
        }
        if self.boost_kind == Some(kind) {
            score *= KIND_BOOST;
        }
        let e = self.best.entry(group).or_insert((score, doc));
        if score > e.0 {
            *e = (score, doc);
        }
    }

    fn harvest(self) -> GroupedFruit {
        let name = |column: &StrColumn, ord: u64| {
            let mut s = String::new();
            if ord != NONE {
                let _ = column.ord_to_str(ord, &mut s);
            }
            s
        };
        let segment = self.segment;
        GroupedFruit {
            best: self
                .best
                .into_iter()
                .map(|(g, (s, d))| (g, (s, DocAddress::new(segment, d))))
                .collect(),
            facets: self
                .facets
                .into_iter()
                .map(|((k, a), v)| ((name(&self.kind, k), name(&self.agency, a)), v))
                .collect(),
        }
    }
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
    /// Tallies the facets given the kind and agency filters.
    pub fn tally(&self, kind: Option<&str>, agency: Option<&str>) -> Tally {
        let wanted = |filter: Option<&str>, v: &str| filter.is_none_or(|f| f.is_empty() || f == v);
        let mut kinds: BTreeMap<String, HashSet<u64>> = BTreeMap::new();
        let mut agencies: BTreeMap<String, usize> = BTreeMap::new();
        let mut shown: HashSet<u64> = HashSet::new();
        for ((k, a), (n, groups)) in &self.facets {
            if wanted(agency, a) {
                kinds.entry(k.clone()).or_default().extend(groups);
            }
            if wanted(kind, k) {
                *agencies.entry(a.clone()).or_default() += n;
            }
            if wanted(kind, k) && wanted(agency, a) {
                shown.extend(groups);
            }
        }
        Tally {
            total: shown.len(),
            kinds: kinds.into_iter().map(|(k, g)| (k, g.len())).collect(),
            agencies,
        }
    }
}
