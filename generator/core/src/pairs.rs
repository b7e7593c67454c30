//! Quoted phrases as pairs of adjacent terms.
//!
//! A phrase was a tantivy `PhraseQuery` over the text's positions, and
//! a term's positions are read whole: at 10,000 policies
//! `"개인정보 보호책임자"` read 4.2 MB, every position of 개인, 정보 and
//! 보호 in every document, for the few hundred documents that hold the
//! phrase. The index now holds every pair of adjacent terms as one term
//! (`개인␟정보`), in fields of their own ([`crate::schema::field::TITLE_PAIRS`],
//! [`crate::schema::field::TEXT_PAIRS`]), and the title and text keep no
//! positions. A phrase is the documents holding all of its pairs, read
//! from postings as short as the pairs are rare.
//!
//! A phrase of two positions matches exactly what positions matched; a
//! longer one matches a document holding each of its adjacent pairs,
//! which could come from different sentences of the same article.

use tantivy_tokenizer_api::Token;

use crate::analysis::Term;

/// What joins the two terms of a pair: the unit separator, which no term
/// holds (a control character cuts text between pieces).
pub const SEPARATOR: char = '\u{1f}';

/// The pair term of `a` followed by `b`.
pub fn pair(a: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + b.len() + 1);
    s.push_str(a);
    s.push(SEPARATOR);
    s.push_str(b);
    s
}

/// The pair tokens of a field's tokens: every token a phrase keeps at one
/// position with every one kept at the next (a compound's whole form and a
/// number followed by its variants are not kept: the parts and the
/// variants pair).
pub fn index_pairs(tokens: &[Token]) -> Vec<Token> {
    let same: Vec<bool> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| i > 0 && tokens[i - 1].position == t.position)
        .collect();
    let tokens: Vec<&Token> = tokens
        .iter()
        .zip(kept(&same))
        .filter_map(|(t, k)| k.then_some(t))
        .collect();
    let groups = by_position(&tokens);
    let mut out = Vec::new();
    for w in groups.windows(2) {
        let (here, next) = (w[0], w[1]);
        if next[0].position != here[0].position + 1 {
            continue;
        }
        for &a in here {
            for &b in next {
                out.push(Token {
                    offset_from: a.offset_from,
                    offset_to: b.offset_to,
                    position: out.len(),
                    text: pair(&a.text, &b.text),
                    position_length: 1,
                });
            }
        }
    }
    out
}

/// Which terms pair, given whether each shares the position of the one
/// before: all but the first of a position followed by others there. A
/// compound's whole form is left out when its parts follow it (the text
/// may hold the parts beside other words: the pairs follow the parts), and
/// a number when its variants follow it.
fn kept(same_position: &[bool]) -> impl Iterator<Item = bool> + '_ {
    (0..same_position.len())
        .map(|i| same_position[i] || !same_position.get(i + 1).copied().unwrap_or(false))
}

/// The pairs a phrase's terms must all be found as: the terms as the
/// tokenizer would give them positions (a term sharing the one before's
/// position shares its position), paired by [`index_pairs`] itself, so
/// that a phrase asks for exactly the pairs the index holds.
pub fn phrase_pairs(terms: &[Term]) -> Vec<String> {
    let mut position = 0;
    let tokens: Vec<Token> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if i > 0 && !t.same_position {
                position += 1;
            }
            Token {
                text: t.text.clone(),
                position,
                ..Token::default()
            }
        })
        .collect();
    index_pairs(&tokens).into_iter().map(|t| t.text).collect()
}

/// `tokens` (in position order) cut into runs of one position each.
fn by_position<'a>(tokens: &'a [&'a Token]) -> Vec<&'a [&'a Token]> {
    let mut groups = Vec::new();
    let mut start = 0;
    for i in 1..=tokens.len() {
        if i == tokens.len() || tokens[i].position != tokens[start].position {
            groups.push(&tokens[start..i]);
            start = i;
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::t;

    fn token(text: &str, position: usize) -> Token {
        Token {
            text: text.into(),
            position,
            ..Token::default()
        }
    }

    /// Pair terms as `a+b`.
    fn shown(pairs: impl IntoIterator<Item = String>) -> Vec<String> {
        pairs
            .into_iter()
            .map(|p| p.replace(SEPARATOR, "+"))
            .collect()
    }

    fn texts(tokens: Vec<Token>) -> Vec<String> {
        shown(tokens.into_iter().map(|t| t.text))
    }

    #[test]
    fn kept_tokens_pair_with_those_of_the_next_position() {
        let tokens = [
            token("개인정보", 0),
            token("개인", 0),
            token("정보", 1),
            token("보호", 2),
        ];
        assert_eq!(texts(index_pairs(&tokens)), ["개인+정보", "정보+보호"]);
        assert!(
            index_pairs(&tokens[..1]).is_empty(),
            "one position, no pair"
        );
    }

    #[test]
    fn a_gap_in_positions_makes_no_pair() {
        let tokens = [token("가", 0), token("나", 2)];
        assert!(index_pairs(&tokens).is_empty());
    }

    #[test]
    fn a_phrase_follows_the_parts_of_its_compounds() {
        let terms = [
            t("개인정보", false),
            t("개인", true),
            t("정보", false),
            t("보호", false),
        ];
        assert_eq!(shown(phrase_pairs(&terms)), ["개인+정보", "정보+보호"]);
        let tokens = [
            token("개인정보", 0),
            token("개인", 0),
            token("정보", 1),
            token("보호", 2),
        ];
        let indexed = index_pairs(&tokens);
        for p in phrase_pairs(&terms) {
            assert!(indexed.iter().any(|t| t.text == p), "{p} is indexed");
        }
    }

    #[test]
    fn a_number_pairs_through_each_of_its_variants() {
        let terms = [
            t("전화", false),
            t("02-123-4567", false),
            t("021234567", true),
        ];
        assert_eq!(shown(phrase_pairs(&terms)), ["전화+021234567"]);
    }
}
