//! A query whose hits are those of one query and whose score adds that of
//! others, each read only at those hits.
//!
//! tantivy's boolean query would do the same with `Must(select)` and
//! `Should(rank…)`, but it merges `Should` clauses into a union that, on
//! each seek beyond its window, scores every document of every clause in
//! the next 4,096. A ranking clause is by design a common one (a word in
//! most documents, a named kind's or agency's documents), so at national
//! scale those unions scored hundreds of thousands of documents for a
//! query with a hundred hits. Here a ranking clause that is a union of
//! `Should` clauses is split into them (the same sum), and each clause
//! seeks to the hit, through its skip list, and is scored there alone.

use tantivy::query::{BooleanQuery, EnableScoring, Explanation, Occur, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// Hits of `select`, scored by `select`, plus each `rank` clause that also
/// matches the hit, plus `bonus` times the scores of the `together` words
/// when every one of them matches it.
#[derive(Debug)]
pub struct RankedQuery {
    select: Box<dyn Query>,
    rank: Vec<Box<dyn Query>>,
    together: Vec<Vec<Box<dyn Query>>>,
    bonus: Score,
}

impl RankedQuery {
    /// Hits of `select`, ranked also by `rank`.
    pub fn new(select: Box<dyn Query>, rank: Vec<Box<dyn Query>>) -> RankedQuery {
        RankedQuery {
            select,
            rank: rank.into_iter().flat_map(flatten).collect(),
            together: Vec::new(),
            bonus: 0.0,
        }
    }

    /// Adds `bonus` times the words' scores to a hit all of `words` match
    /// (a document that has every word of the query ranks above one that
    /// repeats some of them).
    pub fn with_together(mut self, words: Vec<Box<dyn Query>>, bonus: Score) -> RankedQuery {
        self.together = words.into_iter().map(flatten).collect();
        self.bonus = bonus;
        self
    }
}

/// The clauses whose scores sum to `query`'s: a union of `Should` clauses
/// (no minimum) is its clauses, each split in turn.
fn flatten(query: Box<dyn Query>) -> Vec<Box<dyn Query>> {
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return vec![query];
    };
    let union = boolean.get_minimum_number_should_match() <= 1
        && boolean.clauses().iter().all(|(o, _)| *o == Occur::Should);
    if !union {
        return vec![query];
    }
    boolean
        .clauses()
        .iter()
        .flat_map(|(_, q)| flatten(q.box_clone()))
        .collect()
}

impl Clone for RankedQuery {
    fn clone(&self) -> Self {
        let all = |qs: &[Box<dyn Query>]| qs.iter().map(|q| q.box_clone()).collect();
        RankedQuery {
            select: self.select.box_clone(),
            rank: all(&self.rank),
            together: self.together.iter().map(|w| all(w)).collect(),
            bonus: self.bonus,
        }
    }
}

fn weights(
    queries: &[Box<dyn Query>],
    enable_scoring: EnableScoring<'_>,
) -> tantivy::Result<Vec<Box<dyn Weight>>> {
    queries.iter().map(|q| q.weight(enable_scoring)).collect()
}

impl Query for RankedQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(RankedWeight {
            select: self.select.weight(enable_scoring)?,
            rank: weights(&self.rank, enable_scoring)?,
            together: self
                .together
                .iter()
                .map(|w| weights(w, enable_scoring))
                .collect::<tantivy::Result<_>>()?,
            bonus: self.bonus,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.select.query_terms(visitor);
        for q in self.rank.iter().chain(self.together.iter().flatten()) {
            q.query_terms(visitor);
        }
    }
}

struct RankedWeight {
    select: Box<dyn Weight>,
    rank: Vec<Box<dyn Weight>>,
    together: Vec<Vec<Box<dyn Weight>>>,
    bonus: Score,
}

/// The scorers of `weights` that match anything in the segment.
fn live(
    weights: &[Box<dyn Weight>],
    reader: &SegmentReader,
    boost: Score,
) -> tantivy::Result<Vec<Box<dyn Scorer>>> {
    let mut out = Vec::with_capacity(weights.len());
    for w in weights {
        let scorer = w.scorer(reader, boost)?;
        if scorer.doc() != TERMINATED {
            out.push(scorer);
        }
    }
    Ok(out)
}

impl Weight for RankedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut together = Vec::with_capacity(self.together.len());
        for w in &self.together {
            together.push(live(w, reader, boost)?);
        }
        // A word that matches nothing here: no hit has them all.
        if together.iter().any(Vec::is_empty) {
            together.clear();
        }
        Ok(Box::new(RankedScorer {
            select: self.select.scorer(reader, boost)?,
            rank: live(&self.rank, reader, boost)?,
            together,
            bonus: self.bonus,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        }
        let mut explanation = Explanation::new("selected, ranked by what matches", scorer.score());
        explanation.add_detail(self.select.explain(reader, doc)?);
        for w in &self.rank {
            // A ranking clause that does not match this document adds
            // nothing and explains nothing.
            if let Ok(detail) = w.explain(reader, doc) {
                explanation.add_detail(detail);
            }
        }
        Ok(explanation)
    }
}

struct RankedScorer {
    select: Box<dyn Scorer>,
    rank: Vec<Box<dyn Scorer>>,
    together: Vec<Vec<Box<dyn Scorer>>>,
    bonus: Score,
}

/// The summed score of the `scorers` matching `doc`, `None` if none does.
fn score_at(scorers: &mut [Box<dyn Scorer>], doc: DocId) -> Option<Score> {
    let mut sum = None;
    for s in scorers {
        if s.doc() < doc {
            s.seek(doc);
        }
        if s.doc() == doc {
            *sum.get_or_insert(0.0) += s.score();
        }
    }
    sum
}

impl DocSet for RankedScorer {
    fn advance(&mut self) -> DocId {
        self.select.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.select.seek(target)
    }

    fn doc(&self) -> DocId {
        self.select.doc()
    }

    fn size_hint(&self) -> u32 {
        self.select.size_hint()
    }
}

impl Scorer for RankedScorer {
    fn score(&mut self) -> Score {
        let doc = self.select.doc();
        let mut score = self.select.score() + score_at(&mut self.rank, doc).unwrap_or(0.0);
        if !self.together.is_empty() {
            let mut words = 0.0;
            for w in &mut self.together {
                match score_at(w, doc) {
                    Some(s) => words += s,
                    None => return score,
                }
            }
            score += self.bonus * words;
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{Index, TantivyDocument};

    #[test]
    fn scores_as_must_and_should_do_with_the_same_hits() {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for body in ["a b", "a c", "b c", "a b c", "a a b", "c", "a"] {
            let mut doc = TantivyDocument::default();
            doc.add_text(text, body);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = |t: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(text, t),
                IndexRecordOption::WithFreqs,
            ))
        };
        let union = || -> Box<dyn Query> {
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, term("b")),
                (Occur::Should, term("c")),
            ]))
        };
        let ranked = RankedQuery::new(term("a"), vec![union()])
            .with_together(vec![term("a"), term("b")], 2.0);
        let both: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
            (Occur::Must, term("a")),
            (Occur::Must, term("b")),
        ]));
        let boolean = BooleanQuery::new(vec![
            (Occur::Must, term("a")),
            (Occur::Should, union()),
            (
                Occur::Should,
                Box::new(tantivy::query::BoostQuery::new(both, 2.0)),
            ),
        ]);
        let top = |q: &dyn Query| {
            let mut hits = searcher
                .search(q, &TopDocs::with_limit(10).order_by_score())
                .unwrap();
            hits.sort_by_key(|h| h.1);
            hits
        };
        let (ours, theirs) = (top(&ranked), top(&boolean));
        assert_eq!(ours.len(), 5, "the hits are those of `a`");
        assert_eq!(
            ours.iter().map(|h| h.1).collect::<Vec<_>>(),
            theirs.iter().map(|h| h.1).collect::<Vec<_>>()
        );
        for (o, t) in ours.iter().zip(&theirs) {
            assert!(
                (o.0 - t.0).abs() < 1e-4,
                "{:?}: {} against {}",
                o.1,
                o.0,
                t.0
            );
        }
        assert!(
            ours.iter().map(|h| h.0).fold(0.0, f32::max) > ours[ours.len() - 1].0,
            "the ranking clauses change the order"
        );
    }
}
