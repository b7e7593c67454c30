//! Tokens of the indexed texts made on every core ahead of tantivy's
//! indexing thread.
//!
//! The index is written by one tantivy thread (one segment, documents in
//! content order, the same bytes every build), and tokenising the Korean
//! text was close to half of that thread's work at national scale. The
//! build now tokenises each batch of documents on the rayon pool first
//! ([`Prepared::prepare`]); the tokenizer tantivy calls,
//! [`PreparedTokenizer`], hands over those tokens and tokenises itself only
//! a text nobody prepared. The tokens are the same either way: both go
//! through [`KoreanTokenizer`] over the same analyser. The pairs of
//! adjacent terms phrases are found by ([`bangchim_core::pairs`]) are
//! prepared beside the tokens, for the pairs' fields.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use bangchim_core::analysis::{FormAnalyzer, KoreanTokenStream, KoreanTokenizer};
use bangchim_core::pairs::index_pairs;
use tantivy::tokenizer::{Token, Tokenizer};

/// Prepared tokens by text, each with how many more times the indexer
/// will ask for it (a text that occurs twice in a batch is tokenised
/// once), and the same for the texts' pair tokens.
#[derive(Debug, Default)]
pub struct Prepared {
    tokens: Mutex<HashMap<Box<str>, Ready>>,
    pairs: Mutex<HashMap<Box<str>, Ready>>,
}

/// A text's tokens and how many more times they will be asked for.
type Ready = (Vec<Token>, usize);

impl Prepared {
    /// Tokenises `texts` on the rayon pool and keeps each one's tokens and
    /// pair tokens until the indexer has taken them once per occurrence.
    pub fn prepare(&self, analyzer: &Arc<dyn FormAnalyzer>, texts: &[&str]) {
        use rayon::prelude::*;
        let mut occurrences: HashMap<&str, usize> = HashMap::new();
        for text in texts.iter().filter(|t| !t.is_empty()) {
            *occurrences.entry(text).or_default() += 1;
        }
        let distinct: Vec<(&str, usize)> = occurrences.into_iter().collect();
        let made: Vec<(&str, Vec<Token>, Vec<Token>, usize)> = distinct
            .par_iter()
            .map_init(
                || KoreanTokenizer::new(analyzer.clone()),
                |tokenizer, &(text, n)| {
                    let tokens = tokenizer.tokens(text);
                    let pairs = index_pairs(&tokens);
                    (text, tokens, pairs, n)
                },
            )
            .collect();
        let mut tokens_ready = self.tokens.lock().expect("not poisoned");
        let mut pairs_ready = self.pairs.lock().expect("not poisoned");
        for (text, tokens, pairs, n) in made {
            for (ready, list) in [(&mut tokens_ready, tokens), (&mut pairs_ready, pairs)] {
                ready
                    .entry(text.into())
                    .and_modify(|(_, left)| *left += n)
                    .or_insert((list, n));
            }
        }
    }

    /// The tokens (or pair tokens) prepared for `text`, if any are left.
    fn take(&self, text: &str, pairs: bool) -> Option<Vec<Token>> {
        let map = if pairs { &self.pairs } else { &self.tokens };
        let mut ready = map.lock().expect("not poisoned");
        let (tokens, left) = ready.get_mut(text)?;
        *left -= 1;
        if *left > 0 {
            return Some(tokens.clone());
        }
        ready.remove(text).map(|(tokens, _)| tokens)
    }

    /// Texts prepared and not taken yet, for their tokens or their pairs.
    pub fn pending(&self) -> usize {
        let tokens = self.tokens.lock().expect("not poisoned").len();
        tokens + self.pairs.lock().expect("not poisoned").len()
    }
}

/// A tokenizer tantivy indexes with: prepared tokens (or pair tokens) when
/// there are, else its own [`KoreanTokenizer`]'s.
#[derive(Clone)]
pub struct PreparedTokenizer {
    inner: KoreanTokenizer,
    prepared: Arc<Prepared>,
    pairs: bool,
}

impl PreparedTokenizer {
    /// A tokenizer of tokens taking from `prepared`, falling back to `inner`.
    pub fn new(inner: KoreanTokenizer, prepared: Arc<Prepared>) -> Self {
        PreparedTokenizer {
            inner,
            prepared,
            pairs: false,
        }
    }

    /// The same tokenizer giving pair tokens ([`index_pairs`]).
    pub fn pairs(&self) -> Self {
        PreparedTokenizer {
            pairs: true,
            ..self.clone()
        }
    }
}

impl Tokenizer for PreparedTokenizer {
    type TokenStream<'a> = KoreanTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> KoreanTokenStream {
        let tokens = self.prepared.take(text, self.pairs).unwrap_or_else(|| {
            let tokens = self.inner.tokens(text);
            if self.pairs {
                index_pairs(&tokens)
            } else {
                tokens
            }
        });
        KoreanTokenStream::new(tokens)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bangchim_core::analysis::Term;

    /// Reads every Hangul run as one term.
    struct Whole;

    impl FormAnalyzer for Whole {
        fn analyze_run(&self, run: &str) -> Vec<Term> {
            vec![Term::new(run, 0, run.len(), false)]
        }
    }

    fn tokens_of(tokenizer: &mut PreparedTokenizer, text: &str) -> Vec<Token> {
        use tantivy::tokenizer::TokenStream;
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().clone());
        }
        out
    }

    #[test]
    fn prepared_tokens_are_the_tokenizers_and_are_taken_once_per_occurrence() {
        let analyzer: Arc<dyn FormAnalyzer> = Arc::new(Whole);
        let prepared = Arc::new(Prepared::default());
        let text = "개인정보를 위탁하는 업체 02-123-4567";
        prepared.prepare(&analyzer, &[text, text, ""]);
        assert_eq!(
            prepared.pending(),
            2,
            "one distinct text's tokens and pairs, the empty one left out"
        );

        let expected = KoreanTokenizer::new(analyzer.clone()).tokens(text);
        assert!(expected.len() >= 4, "{expected:?}");
        let mut tokenizer =
            PreparedTokenizer::new(KoreanTokenizer::new(analyzer), prepared.clone());
        for _ in 0..2 {
            assert_eq!(tokens_of(&mut tokenizer, text), expected);
        }
        assert_eq!(prepared.pending(), 1, "the pairs are left");
        let pairs = index_pairs(&expected);
        assert!(pairs.len() >= 3, "{pairs:?}");
        for _ in 0..2 {
            assert_eq!(tokens_of(&mut tokenizer.pairs(), text), pairs);
        }
        assert_eq!(prepared.pending(), 0, "taken as many times as it occurs");
        assert_eq!(
            tokens_of(&mut tokenizer, text),
            expected,
            "not prepared: tokenised in place"
        );
    }
}
