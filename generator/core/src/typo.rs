//! One typo in a word, after its first character: the clause a query adds
//! for a long word the index does not know ([`TypoQuery::typo`]); and the
//! terms a word being typed begins ([`TypoQuery::prefix`]), by the same
//! automaton, so that the browser's module holds one copy of the term
//! dictionary's automaton search, not two (5.9 KB of brotli each).
//!
//! tantivy's `FuzzyTermQuery` lets the typo fall anywhere, the first
//! character too, so its automaton can match a term that starts with any
//! byte. A term dictionary written as an sstable is skipped block by block
//! only where the automaton cannot match any key between a block's bounds,
//! so such an automaton reads every block of the field's dictionary: at
//! 10,000 policies a third of a slow query's time natively, and in the
//! browser a fetch of the whole dictionary. With the first character fixed
//! (Lucene's and Elasticsearch's `prefix_length` of 1, which tantivy's
//! query lacks: hence this module), only the blocks of terms starting with
//! that character are read. A typo in a word's first syllable is the rarer
//! one; it is not found.

use std::sync::{Arc, OnceLock};

use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use tantivy::query::{AutomatonWeight, EnableScoring, Query, Weight};
use tantivy::schema::Field;
use tantivy_fst::Automaton;

/// Terms of `field` near `text`: one edit (an insertion, deletion,
/// substitution or swap of neighbours) away from it after its first
/// character, which they share; or, for a prefix, starting with it. Every
/// match scores the same (tantivy's automaton weight scores a constant 1,
/// times a boost).
#[derive(Debug, Clone)]
pub struct TypoQuery {
    field: Field,
    text: String,
    prefix: bool,
}

impl TypoQuery {
    /// The terms one typo away from `text`, after its first character.
    pub fn typo(field: Field, text: &str) -> TypoQuery {
        TypoQuery {
            field,
            text: text.to_string(),
            prefix: false,
        }
    }

    /// The terms that start with `text`.
    pub fn prefix(field: Field, text: &str) -> TypoQuery {
        TypoQuery {
            field,
            text: text.to_string(),
            prefix: true,
        }
    }

    /// The automaton of terms the query matches.
    pub fn automaton(&self) -> Anchored {
        match self.prefix {
            true => Anchored::prefix(&self.text),
            false => Anchored::new(&self.text),
        }
    }
}

impl Query for TypoQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AutomatonWeight::<Anchored>::new(
            self.field,
            Arc::new(self.automaton()),
        )))
    }
}

/// Bytes of the first character, then a one-edit Levenshtein automaton of
/// the rest; or bytes of a prefix, then anything.
pub struct Anchored {
    head: Vec<u8>,
    /// None: anything may follow the head.
    rest: Option<DFA>,
}

/// Where an [`Anchored`] automaton is: inside the first character (the
/// bytes read so far), past it (the rest's state), or off it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// This many bytes of the first character read.
    Head(usize),
    /// The first character read: the rest's automaton state.
    Rest(u32),
    /// A byte of the first character differed: nothing can match.
    Off,
}

impl Anchored {
    /// The automaton for `text`.
    pub fn new(text: &str) -> Anchored {
        // Building the builder costs milliseconds; each DFA, microseconds.
        static BUILDER: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
        let builder = BUILDER.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true));
        let split = text.chars().next().map_or(0, char::len_utf8);
        let (head, rest) = text.split_at(split);
        Anchored {
            head: head.as_bytes().to_vec(),
            rest: Some(builder.build_dfa(rest)),
        }
    }

    /// The automaton of the terms starting with `prefix`.
    pub fn prefix(prefix: &str) -> Anchored {
        Anchored {
            head: prefix.as_bytes().to_vec(),
            rest: None,
        }
    }

    fn past_head(&self) -> State {
        State::Rest(self.rest.as_ref().map_or(0, DFA::initial_state))
    }
}

impl Automaton for Anchored {
    type State = State;

    fn start(&self) -> State {
        if self.head.is_empty() {
            self.past_head()
        } else {
            State::Head(0)
        }
    }

    fn is_match(&self, state: &State) -> bool {
        match (*state, &self.rest) {
            (State::Rest(_), None) => true,
            (State::Rest(s), Some(rest)) => matches!(rest.distance(s), Distance::Exact(_)),
            _ => false,
        }
    }

    fn can_match(&self, state: &State) -> bool {
        match *state {
            State::Head(_) => true,
            State::Rest(s) => self.rest.is_none() || s != SINK_STATE,
            State::Off => false,
        }
    }

    fn will_always_match(&self, state: &State) -> bool {
        matches!(state, State::Rest(_)) && self.rest.is_none()
    }

    fn accept(&self, state: &State, byte: u8) -> State {
        match *state {
            State::Head(i) if self.head[i] == byte => {
                if i + 1 == self.head.len() {
                    self.past_head()
                } else {
                    State::Head(i + 1)
                }
            }
            State::Head(_) | State::Off => State::Off,
            State::Rest(s) => State::Rest(self.rest.as_ref().map_or(s, |r| r.transition(s, byte))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::schema::{STRING, Schema};
    use tantivy::{Index, TantivyDocument};

    /// Runs `automaton` over `key`: its state at the end, or where it can
    /// no longer match.
    fn run(automaton: &Anchored, key: &str) -> State {
        let mut state = automaton.start();
        for &b in key.as_bytes() {
            state = automaton.accept(&state, b);
            if !automaton.can_match(&state) {
                break;
            }
        }
        state
    }

    fn matches(typed: &str, key: &str) -> bool {
        let a = Anchored::new(typed);
        a.is_match(&run(&a, key))
    }

    #[test]
    fn one_edit_after_the_first_character_matches() {
        // A syllable replaced, dropped, added, or two swapped.
        assert!(matches("보효책임자", "보호책임자"));
        assert!(matches("보호책임", "보호책임자"));
        assert!(matches("보호책임자자", "보호책임자"));
        assert!(matches("보호임책자", "보호책임자"));
        assert!(matches("보호책임자", "보호책임자"));
        // Two edits, or an edit of the first character, do not.
        assert!(!matches("보효채임자", "보호책임자"));
        assert!(!matches("모호책임자", "보호책임자"));
        assert!(!matches("호보책임자", "보호책임자"));
    }

    #[test]
    fn a_prefix_matches_the_terms_it_begins() {
        let a = Anchored::prefix("수탁");
        assert!(a.is_match(&run(&a, "수탁")));
        assert!(a.is_match(&run(&a, "수탁자")));
        assert!(!a.is_match(&run(&a, "수정")));
        assert!(!a.is_match(&run(&a, "수")));
    }

    #[test]
    fn a_term_of_another_first_character_is_refused_at_its_first_byte() {
        // What lets a term dictionary skip every block of other first
        // characters: the automaton cannot match past the first byte
        // that differs.
        let a = Anchored::new("보효책임자");
        let off = a.accept(&a.start(), "모".as_bytes()[0]);
        assert_eq!(off, State::Head(1), "보 and 모 share their first byte");
        let off = a.accept(&off, "모".as_bytes()[1]);
        assert!(!a.can_match(&off));
        let other = a.accept(&a.start(), b'a');
        assert!(!a.can_match(&other));
    }

    #[test]
    fn the_query_finds_the_documents_of_the_near_terms() -> tantivy::Result<()> {
        let mut builder = Schema::builder();
        let field = builder.add_text_field("text", STRING);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
        let words = ["보호책임자", "모호책임자", "보호", "수탁자"];
        for word in words {
            let mut doc = TantivyDocument::default();
            doc.add_text(field, word);
            writer.add_document(doc)?;
        }
        writer.commit()?;
        let searcher = index.reader()?.searcher();
        let hits = searcher.search(
            &TypoQuery::typo(field, "보효책임자"),
            &TopDocs::with_limit(10).order_by_score(),
        )?;
        // One segment, documents numbered as they were added.
        let found: Vec<&str> = hits.iter().map(|(_, a)| words[a.doc_id as usize]).collect();
        assert_eq!(found, ["보호책임자"]);
        Ok(())
    }
}
