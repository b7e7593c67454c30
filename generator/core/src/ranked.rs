//! A query whose hits are those of one query and whose score adds that of
//! others, each read only at those hits.
//!
//! tantivy's boolean query would do the same with `Must(select)` and
//! `Should(rank…)`, but it merges `Should` clauses into a union that, on
//! each seek beyond its window, scores every document of every clause in
//! the next 4,096. A ranking clause is by design a common one (a word in
//! most documents, a word read as an agency or a kind), so at national
//! scale those unions scored hundreds of thousands of documents for a
//! query with a hundred hits. Here a ranking clause that is a union of
//! `Should` clauses is split into them (the same sum), and each clause
//! seeks to the hit, through its skip list, and is scored there alone.

use std::convert::Infallible;
use std::ops::Range;

use tantivy::query::{
    Bm25Weight, BooleanQuery, BoostQuery, EnableScoring, Explanation, Occur, Query, Scorer,
    TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// Hits of `select`, scored by `select`, plus each `rank` clause that also
/// matches the hit, plus a bonus on the scores of the query's words that
/// match it, growing with how many do: `bonus` times their scores when
/// every word matches, none when one alone does (see
/// [`RankedQuery::with_bonus`]).
#[derive(Debug)]
pub struct RankedQuery {
    select: Box<dyn Query>,
    rank: Vec<Box<dyn Query>>,
    words: Vec<Clauses<Box<dyn Query>>>,
    bonus: Score,
}

/// Where a word's clauses are, for the words' bonus: among the ranking
/// clauses (scored once, at every hit, and read back), or its own (a word
/// that selects: the union of `select` does not say which clause matched).
#[derive(Debug)]
enum Clauses<T> {
    Ranking(Range<usize>),
    Own(Vec<T>),
}

impl<T> Clauses<T> {
    /// The same place, with a word's own clauses made into something else
    /// (copies, weights from queries, scorers from weights).
    fn try_map<U, E>(&self, f: impl FnOnce(&[T]) -> Result<Vec<U>, E>) -> Result<Clauses<U>, E> {
        Ok(match self {
            Clauses::Ranking(r) => Clauses::Ranking(r.clone()),
            Clauses::Own(own) => Clauses::Own(f(own)?),
        })
    }
}

impl RankedQuery {
    /// Hits of `select`, ranked also by `rank`.
    pub fn new(select: Box<dyn Query>, rank: Vec<Box<dyn Query>>) -> RankedQuery {
        RankedQuery {
            select,
            rank: rank.into_iter().flat_map(flatten).collect(),
            words: Vec::new(),
            bonus: 0.0,
        }
    }

    /// Adds a word that only ranks: a ranking clause, and one of the words
    /// of the words' bonus.
    pub fn with_ranking_word(mut self, word: Box<dyn Query>) -> RankedQuery {
        let start = self.rank.len();
        self.rank.extend(flatten(word));
        self.words.push(Clauses::Ranking(start..self.rank.len()));
        self
    }

    /// Adds a word of the words' bonus that is part of `select`: its
    /// clauses are among those `select` sums, so that the bonus on such
    /// words is at most the bonus times `select`'s score (what
    /// [`RankedScorer::ceiling`] counts on).
    pub fn with_selecting_word(mut self, word: Box<dyn Query>) -> RankedQuery {
        self.words.push(Clauses::Own(flatten(word)));
        self
    }

    /// Adds to a hit `bonus` times the scores of the words that match it,
    /// times the share of the other words that match too: `bonus` when
    /// every word does, half of it for two words of three, none for one
    /// word alone (a document that has more of the query's words ranks
    /// above one that repeats fewer of them: for `CCTV 설치 장소`, the
    /// articles that say two of its words rank above the cookie articles
    /// that say 설치 in their titles). Only when there are two words or
    /// more.
    pub fn with_bonus(mut self, bonus: Score) -> RankedQuery {
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

/// A clause that knows the most it can score at any document: a term in a
/// field (BM25 at its ceiling) or a query of one constant score (a fuzzy
/// or prefix form, whose documents all score its boost). A ranked query
/// skips scoring a hit's ranking clauses when even their ceilings could
/// not lift it among the hits kept ([`RankedScorer::ceiling`]); a clause of
/// another type has no ceiling, and its query never skips.
#[derive(Debug)]
pub struct Capped {
    query: Box<dyn Query>,
    cap: Cap,
}

impl Clone for Capped {
    fn clone(&self) -> Self {
        Capped {
            query: self.query.box_clone(),
            cap: self.cap.clone(),
        }
    }
}

#[derive(Debug, Clone)]
enum Cap {
    /// A term with frequencies, its BM25 score times the boost.
    Term(Term, Score),
    /// Every document scores this.
    Constant(Score),
}

impl Capped {
    /// `term`'s BM25 score (with frequencies) times `boost`.
    pub fn term(term: Term, boost: Score) -> Capped {
        let query = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
        Capped {
            query: Box::new(BoostQuery::new(Box::new(query), boost)),
            cap: Cap::Term(term, boost),
        }
    }

    /// `query`, each of whose documents scores `score` (the caller's
    /// promise: a boosted fuzzy or prefix term query does).
    pub fn constant(query: Box<dyn Query>, score: Score) -> Capped {
        Capped {
            query,
            cap: Cap::Constant(score),
        }
    }

    /// The weight, and the most it scores a document.
    fn weigh(
        &self,
        enable_scoring: EnableScoring<'_>,
    ) -> tantivy::Result<(Box<dyn Weight>, Score)> {
        let weight = self.query.weight(enable_scoring)?;
        let most = match (&self.cap, enable_scoring) {
            (Cap::Constant(score), _) => *score,
            (
                Cap::Term(term, boost),
                EnableScoring::Enabled {
                    statistics_provider,
                    ..
                },
            ) => Bm25Weight::for_terms(statistics_provider, std::slice::from_ref(term))?
                .boost_by(*boost)
                .max_score(),
            (Cap::Term(..), EnableScoring::Disabled { .. }) => Score::INFINITY,
        };
        Ok((weight, most))
    }
}

impl Query for Capped {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(self.weigh(enable_scoring)?.0)
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.query.query_terms(visitor);
    }
}

/// A clause's weight and its ceiling (infinite unless it is [`Capped`]).
fn weigh(
    query: &dyn Query,
    enable_scoring: EnableScoring<'_>,
) -> tantivy::Result<(Box<dyn Weight>, Score)> {
    match query.downcast_ref::<Capped>() {
        Some(capped) => capped.weigh(enable_scoring),
        None => Ok((query.weight(enable_scoring)?, Score::INFINITY)),
    }
}

fn clone_all(queries: &[Box<dyn Query>]) -> Vec<Box<dyn Query>> {
    queries.iter().map(|q| q.box_clone()).collect()
}

impl Clone for RankedQuery {
    fn clone(&self) -> Self {
        let words = self
            .words
            .iter()
            .map(|w| {
                let Ok(copy) = w.try_map(|qs| Ok::<_, Infallible>(clone_all(qs)));
                copy
            })
            .collect();
        RankedQuery {
            select: self.select.box_clone(),
            rank: clone_all(&self.rank),
            words,
            bonus: self.bonus,
        }
    }
}

/// The clauses' weights, each with its ceiling.
fn weights(
    queries: &[Box<dyn Query>],
    enable_scoring: EnableScoring<'_>,
) -> tantivy::Result<Vec<(Box<dyn Weight>, Score)>> {
    queries
        .iter()
        .map(|q| weigh(q.as_ref(), enable_scoring))
        .collect()
}

impl Query for RankedQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // One word has no bonus: no weights, and no scorers (an automaton
        // over the term dictionary, for a fuzzy or prefix clause), of its
        // own.
        let words = if self.words.len() >= 2 && self.bonus != 0.0 {
            self.words
                .iter()
                .map(|w| w.try_map(|qs| weights(qs, enable_scoring)))
                .collect::<tantivy::Result<_>>()?
        } else {
            Vec::new()
        };
        Ok(Box::new(RankedWeight {
            select: self.select.weight(enable_scoring)?,
            rank: weights(&self.rank, enable_scoring)?,
            words,
            bonus: self.bonus,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.select.query_terms(visitor);
        for q in &self.rank {
            q.query_terms(visitor);
        }
        for w in &self.words {
            if let Clauses::Own(qs) = w {
                for q in qs {
                    q.query_terms(visitor);
                }
            }
        }
    }
}

/// Each clause's weight comes with its ceiling (see [`Capped`]).
struct RankedWeight {
    select: Box<dyn Weight>,
    rank: Vec<(Box<dyn Weight>, Score)>,
    words: Vec<Clauses<(Box<dyn Weight>, Score)>>,
    bonus: Score,
}

fn scorers(
    weights: &[(Box<dyn Weight>, Score)],
    reader: &SegmentReader,
    boost: Score,
) -> tantivy::Result<Vec<Box<dyn Scorer>>> {
    weights.iter().map(|w| w.0.scorer(reader, boost)).collect()
}

fn ceiling(weights: &[(Box<dyn Weight>, Score)]) -> Score {
    weights.iter().map(|w| w.1).sum()
}

fn matches_nothing(scorers: &[Box<dyn Scorer>]) -> bool {
    scorers.iter().all(|s| s.doc() == TERMINATED)
}

impl RankedWeight {
    fn ranked_scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<RankedScorer> {
        let rank = scorers(&self.rank, reader, boost)?;
        let mut words = Vec::with_capacity(self.words.len());
        for w in &self.words {
            words.push(w.try_map(|ws| -> tantivy::Result<_> {
                let mut own = scorers(ws, reader, boost)?;
                own.retain(|s| s.doc() != TERMINATED);
                Ok(own)
            })?);
        }
        // A word that matches nothing here adds nothing to any hit's
        // bonus; with fewer than two words left, no hit has a bonus.
        let absent = |w: &Clauses<Box<dyn Scorer>>| match w {
            Clauses::Ranking(r) => matches_nothing(&rank[r.clone()]),
            Clauses::Own(own) => own.is_empty(),
        };
        words.retain(|w| !absent(w));
        if words.len() < 2 {
            words.clear();
        }
        // Each word matching beside the first adds this share of the
        // bonus; all that can match here at most `full`.
        let share = self.bonus / (self.words.len().max(2) - 1) as Score;
        let full = share * words.len().saturating_sub(1) as Score;
        // A ranking clause that matches nothing here is never sought; its
        // score slot stays empty.
        let live: Vec<bool> = rank.iter().map(|s| s.doc() != TERMINATED).collect();
        let ranking: Score = (self.rank.iter().zip(&live))
            .filter(|(_, live)| **live)
            .map(|(w, _)| w.1)
            .sum();
        // The bonus's words: a ranking word adds at most its clauses'
        // ceilings; the selecting words' clauses are `select`'s, so
        // together they score at most what `select` scores.
        let mut most = ranking;
        let mut per_select = 1.0;
        for w in &words {
            match w {
                Clauses::Ranking(r) => most += full * ceiling(&self.rank[r.clone()]),
                Clauses::Own(_) => per_select = 1.0 + full,
            }
        }
        Ok(RankedScorer {
            select: self.select.scorer(reader, boost)?,
            scores: vec![None; rank.len()],
            rank,
            live,
            words,
            share,
            // A margin for the rounding of sums taken in another order.
            most: most * boost * (1.0 + 1e-4),
            per_select: per_select * (1.0 + 1e-4),
        })
    }
}

impl Weight for RankedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(self.ranked_scorer(reader, boost)?))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.ranked_scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        }
        let (ranked, bonus) = scorer.parts();
        let mut explanation = Explanation::new("selected, ranked by what matches", ranked + bonus);
        explanation.add_detail(self.select.explain(reader, doc)?);
        for (w, _) in &self.rank {
            // A ranking clause that does not match this document adds
            // nothing and explains nothing.
            if let Ok(detail) = w.explain(reader, doc) {
                explanation.add_detail(detail);
            }
        }
        if bonus > 0.0 {
            let mut words = Explanation::new(
                "more than one word matches: share × (words matching − 1) × their scores",
                bonus,
            );
            words.add_const("share", scorer.share);
            explanation.add_detail(words);
        }
        Ok(explanation)
    }
}

/// A [`RankedQuery`]'s scorer; a collector may read its hits' scores in
/// two steps ([`RankedScorer::select_score`], [`RankedScorer::ceiling`],
/// [`RankedScorer::score_from`]) and skip the second.
pub struct RankedScorer {
    select: Box<dyn Scorer>,
    rank: Vec<Box<dyn Scorer>>,
    /// Which ranking clauses match anything in the segment.
    live: Vec<bool>,
    /// Each ranking clause's score at the current hit, if it matches.
    scores: Vec<Option<Score>>,
    /// The words of the bonus that match in the segment; empty when no
    /// hit can have a bonus.
    words: Vec<Clauses<Box<dyn Scorer>>>,
    /// The bonus for each word matching a hit beside the first.
    share: Score,
    /// A hit scores at most `per_select` times its `select` score plus
    /// `most` (see [`RankedScorer::ceiling`]).
    most: Score,
    per_select: Score,
}

/// `scorer`'s score at `doc`, `None` if it does not match.
fn score_one(scorer: &mut dyn Scorer, doc: DocId) -> Option<Score> {
    if scorer.doc() < doc {
        scorer.seek(doc);
    }
    (scorer.doc() == doc).then(|| scorer.score())
}

/// The summed score of the `scorers` matching `doc`, `None` if none does.
fn score_at(scorers: &mut [Box<dyn Scorer>], doc: DocId) -> Option<Score> {
    let mut sum = None;
    for s in scorers {
        if let Some(x) = score_one(s.as_mut(), doc) {
            *sum.get_or_insert(0.0) += x;
        }
    }
    sum
}

/// The summed score of `scores`, `None` if none is set.
fn sum_of(scores: &[Option<Score>]) -> Option<Score> {
    scores
        .iter()
        .flatten()
        .fold(None, |sum, x| Some(sum.unwrap_or(0.0) + x))
}

impl RankedScorer {
    /// The score of `select` at the current hit.
    pub fn select_score(&mut self) -> Score {
        self.select.score()
    }

    /// The most a hit whose `select` scores `select` can score: that
    /// score, what the ranking clauses and the ranking words of the
    /// words' bonus add at their ceilings, and the bonus on the
    /// selecting words, whose clauses are part of `select` (infinite when
    /// a ranking clause is not [`Capped`]).
    pub fn ceiling(&self, select: Score) -> Score {
        select * self.per_select + self.most
    }

    /// The current hit's score, given its [`RankedScorer::select_score`].
    pub fn score_from(&mut self, select: Score) -> Score {
        let (score, bonus) = self.parts_from(select, |_| false).unwrap_or_default();
        score + bonus
    }

    /// The current hit's score, as [`RankedScorer::score_from`] gives it,
    /// or `None` when `hopeless` says a closer ceiling could not place it:
    /// its ranking clauses read, with the most the selecting words' bonus
    /// could add, lowered as each selecting word is read. A hit that one
    /// word of several matches then costs few seeks of their clauses.
    pub fn score_unless(
        &mut self,
        select: Score,
        hopeless: impl Fn(Score) -> bool,
    ) -> Option<Score> {
        self.parts_from(select, hopeless)
            .map(|(score, bonus)| score + bonus)
    }

    /// The score of `select` and the ranking clauses at the current hit,
    /// and the words' bonus.
    fn parts(&mut self) -> (Score, Score) {
        let select = self.select.score();
        self.parts_from(select, |_| false).unwrap_or_default()
    }

    /// The parts of the current hit's score, `None` if `hopeless` refuses
    /// the most they could be once the ranking clauses are read.
    fn parts_from(
        &mut self,
        select: Score,
        hopeless: impl Fn(Score) -> bool,
    ) -> Option<(Score, Score)> {
        let doc = self.select.doc();
        let mut score = select;
        for ((s, live), slot) in self.rank.iter_mut().zip(&self.live).zip(&mut self.scores) {
            *slot = if *live {
                score_one(s.as_mut(), doc)
            } else {
                None
            };
        }
        score += sum_of(&self.scores).unwrap_or(0.0);
        if self.words.is_empty() {
            return (!hopeless(score)).then_some((score, 0.0));
        }
        // The ranking words are read; the selecting ones score at most
        // `select` together, each matching or not.
        let (mut words, mut matching, mut own) = (0.0, 0_u32, 0_u32);
        for w in &self.words {
            match w {
                Clauses::Ranking(r) => {
                    if let Some(s) = sum_of(&self.scores[r.clone()]) {
                        words += s;
                        matching += 1;
                    }
                }
                Clauses::Own(_) => own += 1,
            }
        }
        let most_others = (matching + own).saturating_sub(1) as Score;
        let most_words = words + if own > 0 { select } else { 0.0 };
        if hopeless(score + self.share * most_others * most_words * (1.0 + 1e-4)) {
            return None;
        }
        let read = Read {
            score,
            words,
            matching,
            own,
        };
        self.selecting_words(doc, select, read, hopeless)
            .map(|bonus| (score, bonus))
    }

    /// The words' bonus at `doc`, reading the selecting words one by one
    /// after the ranking words were `read`; `None` when `hopeless` refuses
    /// the most the hit could score. Each selecting word read lowers that
    /// ceiling: what the others can still score is what `select` has left.
    fn selecting_words(
        &mut self,
        doc: DocId,
        select: Score,
        read: Read,
        hopeless: impl Fn(Score) -> bool,
    ) -> Option<Score> {
        let Read {
            score,
            mut words,
            mut matching,
            mut own,
        } = read;
        let mut left = select;
        for w in &mut self.words {
            let Clauses::Own(clauses) = w else { continue };
            // With too few words left to make two, there is no bonus.
            if matching + own < 2 {
                return Some(0.0);
            }
            own -= 1;
            if let Some(s) = score_at(clauses, doc) {
                words += s;
                matching += 1;
                left -= s;
            }
            let others = (matching + own).saturating_sub(1) as Score;
            let most_words = words + if own > 0 { left.max(0.0) } else { 0.0 };
            if own > 0 && hopeless(score + self.share * others * most_words * (1.0 + 1e-4)) {
                return None;
            }
        }
        Some(self.share * matching.saturating_sub(1) as Score * words)
    }
}

/// A hit's score so far, and its words' bonus once the ranking words are
/// read: their summed score, how many match, and how many selecting words
/// are left to read.
struct Read {
    score: Score,
    words: Score,
    matching: u32,
    own: u32,
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
        let (score, bonus) = self.parts();
        score + bonus
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::schema::{Field, Schema, TEXT};
    use tantivy::{DocAddress, Index, Searcher, TantivyDocument};

    /// A searcher over one document per body, in a field `text`.
    fn searcher_of(bodies: &[&str]) -> (Searcher, Field) {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for body in bodies {
            let mut doc = TantivyDocument::default();
            doc.add_text(text, body);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        (index.reader().unwrap().searcher(), text)
    }

    #[test]
    fn scores_as_must_and_should_do_with_the_same_hits() {
        let (searcher, text) = searcher_of(&["a b", "a c", "b c", "a b c", "a a b", "c", "a"]);
        let term = |t: &str| term_query(text, t);
        let union = || -> Box<dyn Query> {
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, term("b")),
                (Occur::Should, term("c")),
            ]))
        };
        let ranked = RankedQuery::new(term("a"), vec![term("c")])
            .with_selecting_word(term("a"))
            .with_ranking_word(term("b"))
            .with_bonus(2.0);
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
        // `a b` has both words: its explanation sums to its score and
        // names the bonus; `a c` has one, and no bonus.
        for (doc, bonus) in [(0, true), (1, false)] {
            let hit = ours.iter().find(|h| h.1.doc_id == doc).unwrap();
            let explanation = ranked.explain(&searcher, hit.1).unwrap();
            assert!((explanation.value() - hit.0).abs() < 1e-4);
            assert_eq!(
                explanation
                    .to_pretty_json()
                    .contains("more than one word matches"),
                bonus
            );
        }
    }

    /// The ceiling a collector skips by is never below a hit's score.
    #[test]
    fn no_hit_scores_above_its_ceiling() {
        let (searcher, text) = searcher_of(&[
            "a b",
            "a c",
            "b c",
            "a b c",
            "a a b",
            "c",
            "a",
            "ab a",
            "b b b b a",
            "abc c a",
        ]);
        let capped = |t: &str, boost: Score| -> Box<dyn Query> {
            Box::new(Capped::term(Term::from_field_text(text, t), boost))
        };
        let prefix = |t: &str, boost: Score| -> Box<dyn Query> {
            let q =
                tantivy::query::FuzzyTermQuery::new_prefix(Term::from_field_text(text, t), 0, true);
            Box::new(Capped::constant(
                Box::new(BoostQuery::new(Box::new(q), boost)),
                boost,
            ))
        };
        let union = |qs: Vec<Box<dyn Query>>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                qs.into_iter().map(|q| (Occur::Should, q)).collect(),
            ))
        };
        let word_a = || union(vec![capped("a", 2.0), prefix("a", 0.5)]);
        // Every hit's score and ceiling.
        let scores = |ranked: RankedQuery| -> Vec<(Score, Score)> {
            let weight = ranked
                .weight(EnableScoring::enabled_from_searcher(&searcher))
                .unwrap();
            let mut scorer = weight.scorer(searcher.segment_reader(0), 1.0).unwrap();
            let scorer = scorer.downcast_mut::<RankedScorer>().unwrap();
            let mut out = Vec::new();
            while scorer.doc() != TERMINATED {
                let select = scorer.select_score();
                out.push((scorer.score_from(select), scorer.ceiling(select)));
                scorer.advance();
            }
            out
        };
        let bm25 = scores(
            RankedQuery::new(word_a(), vec![capped("c", 1.5)])
                .with_selecting_word(word_a())
                .with_ranking_word(union(vec![capped("b", 1.0), prefix("b", 0.3)]))
                .with_bonus(2.0),
        );
        assert_eq!(bm25.len(), 8, "the documents with a word starting with a");
        for (score, ceiling) in bm25 {
            assert!(
                ceiling.is_finite() && score <= ceiling,
                "{score} > {ceiling}"
            );
        }
        // Constant clauses are at their ceilings: a hit with both words
        // scores 1 + 1 + 2 × (1 + 1), all of its ceiling.
        let both = scores(
            RankedQuery::new(prefix("a", 1.0), Vec::new())
                .with_selecting_word(prefix("a", 1.0))
                .with_ranking_word(prefix("b", 1.0))
                .with_bonus(2.0),
        );
        for (score, ceiling) in &both {
            assert!(score <= ceiling, "{score} > {ceiling}");
        }
        assert!(
            both.iter().any(|(s, c)| *s == 6.0 && (c - s) < 1e-3),
            "{both:?}"
        );
        // A ranking clause without a ceiling: nothing is skipped.
        let weight = RankedQuery::new(word_a(), vec![term_query(text, "c")])
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        let scorer = weight.scorer(searcher.segment_reader(0), 1.0).unwrap();
        let scorer = scorer.downcast_ref::<RankedScorer>().unwrap();
        assert_eq!(scorer.ceiling(1.0), Score::INFINITY);
    }

    /// Of three words, a document with two of them ranks above one that
    /// repeats the third, and one with all three above both; the bonus
    /// stays under the ceiling a collector skips by.
    #[test]
    fn more_of_the_words_rank_above_one_repeated() {
        let (searcher, text) = searcher_of(&[
            "a b x",
            "c c c c c c x",
            "a b c",
            "a y",
            "b z",
            "a z",
            "b y",
            "x y",
            "y z",
        ]);
        let word = |t: &str| -> Box<dyn Query> {
            Box::new(Capped::term(Term::from_field_text(text, t), 1.0))
        };
        let select: Box<dyn Query> = Box::new(BooleanQuery::new(
            ["a", "b", "c"]
                .into_iter()
                .map(|t| (Occur::Should, word(t)))
                .collect(),
        ));
        let ranked = ["a", "b", "c"]
            .into_iter()
            .fold(RankedQuery::new(select, Vec::new()), |q, t| {
                q.with_selecting_word(word(t))
            })
            .with_bonus(2.0);
        let hits = searcher
            .search(&ranked, &TopDocs::with_limit(10).order_by_score())
            .unwrap();
        let order: Vec<u32> = hits.iter().map(|h| h.1.doc_id).collect();
        assert_eq!(order[..3], [2, 0, 1], "{hits:?}");
        let weight = ranked
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        let mut scorer = weight.scorer(searcher.segment_reader(0), 1.0).unwrap();
        let scorer = scorer.downcast_mut::<RankedScorer>().unwrap();
        while scorer.doc() != TERMINATED {
            let select = scorer.select_score();
            let (score, ceiling) = (scorer.score_from(select), scorer.ceiling(select));
            assert!(score <= ceiling, "{score} > {ceiling}");
            // The second ceiling too; refused, the hit has no score.
            let second = std::cell::Cell::new(Score::INFINITY);
            let again = scorer.score_unless(select, |c| {
                second.set(second.get().min(c));
                false
            });
            assert_eq!(again, Some(score));
            assert!(score <= second.get() && second.get() <= ceiling);
            assert_eq!(scorer.score_unless(select, |_| true), None);
            scorer.advance();
        }
        // Without the bonus, the repeated word wins over two of them.
        let plain = searcher
            .search(
                &BooleanQuery::new(
                    ["a", "b", "c"]
                        .into_iter()
                        .map(|t| (Occur::Should, word(t)))
                        .collect(),
                ),
                &TopDocs::with_limit(10).order_by_score(),
            )
            .unwrap();
        let rank = |hits: &[(Score, DocAddress)], doc: u32| {
            hits.iter().position(|h| h.1.doc_id == doc).unwrap()
        };
        assert!(rank(&plain, 1) < rank(&plain, 0), "{plain:?}");
    }

    /// A term of `field` with its frequencies, scored by BM25 alone.
    fn term_query(field: Field, t: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, t),
            IndexRecordOption::WithFreqs,
        ))
    }
}
