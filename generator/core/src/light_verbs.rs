//! The light verbs 하다 and 되다 after a noun, as ko-dic reads them.
//!
//! After most nouns ko-dic takes 하/되 for a suffix (XSV), a stop tag: the
//! noun's reading is all that is indexed (`위탁하는` → 위탁). After others
//! (names, units, place names) it takes them for verbs of their own (VV),
//! and then the verb is a term, and before an ending of its own syllable
//! the noun and verb also stand whole (`강민정하는` → 강민정하, 강민정, 하;
//! `강민정할` → 강민정, 하). Which reading a noun gets is a matter of
//! ko-dic's connection costs, which the browser does not have: the build
//! reads each word with a light verb after it ([`PROBES`]) and marks the
//! words that take a verb of their own, and the browser applies
//! [`verb_reading`] to them. The same probes show the words that ko-dic
//! reads otherwise before a light verb than before a particle (`고등교육`:
//! a compound before a particle, 고등 + 교육 before 하는); the mark then
//! carries that reading too ([`VerbMark`]).

use crate::analysis::Term;
use crate::jamo;

/// The light verbs.
pub const VERBS: [&str; 2] = ["하", "되"];

/// What the build puts after a word to learn how ko-dic reads its light
/// verbs: per verb, an ending of its own syllable and a contracted one.
pub const PROBES: [(&str, &str); 4] = [
    ("하", "하며"),
    ("하", "합니다"),
    ("되", "되며"),
    ("되", "됩니다"),
];

/// Suffixes that start like a light verb but that ko-dic also knows as
/// words of their own, which it prefers where 하 would be a verb: the
/// particle 하고 (`강민정하고`, "with 강민정") and the determiner 한.
/// After a word that takes 하 as a suffix they are dropped as well.
pub const NOT_VERBS: [&str; 2] = ["하고", "한"];

/// The light verb a query's suffix starts with, and whether it is
/// contracted with its ending into one syllable (`할`, `합니다`, `해`,
/// `된`, `돼`) rather than followed by one (`하는`, `되어`); `None` for
/// the suffixes ko-dic reads otherwise ([`NOT_VERBS`]).
pub fn light_verb(suffix: &str) -> Option<(&'static str, bool)> {
    if NOT_VERBS.contains(&suffix) {
        return None;
    }
    starts_like_light_verb(suffix)
}

/// The light verb a suffix starts like, as [`light_verb`] but with
/// [`NOT_VERBS`] too.
pub fn starts_like_light_verb(suffix: &str) -> Option<(&'static str, bool)> {
    let first = suffix.chars().next()?;
    if let Some(verb) = VERBS
        .into_iter()
        .find(|v| suffix.starts_with(v) && suffix.len() > v.len())
    {
        return Some((verb, false));
    }
    let (initial, medial, last) = jamo::parts(first)?;
    match (initial, medial, last) {
        // ㅎ + ㅏ and a final consonant (한, 할, 함, 합); ㅎ + ㅐ (해, 했).
        ('ㅎ', 'ㅏ', true) | ('ㅎ', 'ㅐ', _) => Some(("하", true)),
        // ㄷ + ㅚ and a final consonant (된, 될, 됨, 됩); ㄷ + ㅙ (돼, 됐).
        ('ㄷ', 'ㅚ', true) | ('ㄷ', 'ㅙ', _) => Some(("되", true)),
        _ => None,
    }
}

/// What the lexicon says of a word before a light verb.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerbMark {
    /// The light verbs ko-dic reads after the word as verbs of their own.
    pub verbs: Vec<String>,
    /// The word's reading before a light verb, where it is not its reading
    /// before particles.
    pub reading: Option<Vec<Term>>,
}

impl VerbMark {
    /// Whether ko-dic reads `verb` after the word as a verb of its own.
    pub fn takes(&self, verb: &str) -> bool {
        self.verbs.iter().any(|v| v == verb)
    }
}

/// The terms of `word` followed by `suffix`, when the suffix starts like a
/// light verb, from the word's `reading` before particles and its `mark`:
/// as ko-dic reads a verb of its own ([`verb_reading`]), or with the verb
/// dropped. A particle that looks like one ([`NOT_VERBS`]) stays a
/// particle after a word that takes verbs of its own, and is dropped like
/// a suffix after the others.
pub fn reading_with_suffix(
    word: &str,
    reading: &[Term],
    mark: Option<&VerbMark>,
    suffix: &str,
) -> Option<Vec<Term>> {
    let (verb, contracted) = starts_like_light_verb(suffix)?;
    let takes = mark.is_some_and(|m| m.takes(verb));
    let base = mark.and_then(|m| m.reading.as_deref()).unwrap_or(reading);
    Some(match light_verb(suffix) {
        None if takes => reading.to_vec(),
        Some(_) if takes => verb_reading(word, base, verb, contracted),
        _ => base.to_vec(),
    })
}

/// The terms of `word` followed by `verb` taken as a verb of its own, from
/// the word's `reading` before the verb: the reading and then the verb;
/// when the verb has a syllable of its own, the word and verb also stand
/// whole at the first position, in place of the word's own whole form
/// where the reading had one as an alias of its parts.
pub fn verb_reading(word: &str, reading: &[Term], verb: &str, contracted: bool) -> Vec<Term> {
    let term = |text: &str, same_position| Term {
        text: text.to_string(),
        start: 0,
        end: word.len() + verb.len(),
        same_position,
    };
    if contracted {
        return reading.iter().cloned().chain([term(verb, false)]).collect();
    }
    // An alias (the word beside parts at later positions) gives way to
    // the word and verb; a compound's parts, all at its position, stay
    // with it.
    let alias = reading.len() > 1
        && reading[0].text == word
        && !reading[1..].iter().all(|t| t.same_position);
    let own = if alias { &reading[1..] } else { reading };
    let mut terms: Vec<Term> = own.iter().cloned().chain([term(verb, false)]).collect();
    let whole = format!("{word}{verb}");
    if !terms.iter().any(|t| t.text == whole) {
        terms[0].same_position = true;
        terms.insert(0, term(&whole, false));
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{t, texts};

    #[test]
    fn suffixes_that_start_with_a_light_verb() {
        assert_eq!(light_verb("하는"), Some(("하", false)));
        assert_eq!(light_verb("되어"), Some(("되", false)));
        for s in ["할", "합니다", "한다", "해서", "했다"] {
            assert_eq!(light_verb(s), Some(("하", true)), "{s}");
        }
        for s in ["된", "될", "됩니다", "돼", "됐다"] {
            assert_eq!(light_verb(s), Some(("되", true)), "{s}");
        }
        for s in ["하", "되", "하고", "한", "를", "에서", "허", "도", ""] {
            assert_eq!(light_verb(s), None, "{s}");
        }
    }

    #[test]
    fn a_suffix_read_by_the_marks() {
        let reading = [t("강민정", false)];
        let verb = VerbMark {
            verbs: vec!["하".into()],
            reading: None,
        };
        let read = |mark, suffix| reading_with_suffix("강민정", &reading, mark, suffix).map(texts);
        assert_eq!(
            read(Some(&verb), "할"),
            Some(vec![("강민정".into(), false), ("하".into(), false)])
        );
        assert_eq!(
            read(Some(&verb), "하고"),
            Some(vec![("강민정".into(), false)]),
            "the particle 하고"
        );
        assert_eq!(
            read(Some(&verb), "된"),
            Some(vec![("강민정".into(), false)]),
            "되 not marked"
        );
        assert_eq!(read(None, "하는"), Some(vec![("강민정".into(), false)]));
        assert_eq!(read(None, "를"), None);
        let before_verbs = VerbMark {
            verbs: Vec::new(),
            reading: Some(vec![t("강", false), t("민정", false)]),
        };
        for suffix in ["하는", "하고", "된"] {
            assert_eq!(
                read(Some(&before_verbs), suffix),
                Some(vec![("강".into(), false), ("민정".into(), false)]),
                "{suffix}"
            );
        }
    }

    #[test]
    fn a_single_word_with_a_verb_of_its_own() {
        let reading = [t("강민정", false)];
        assert_eq!(
            texts(verb_reading("강민정", &reading, "하", false)),
            [
                ("강민정하".into(), false),
                ("강민정".into(), true),
                ("하".into(), false)
            ]
        );
        assert_eq!(
            texts(verb_reading("강민정", &reading, "하", true)),
            [("강민정".into(), false), ("하".into(), false)]
        );
    }

    #[test]
    fn an_alias_gives_way_and_a_compound_stays() {
        let alias = [t("개인정보법", false), t("개인정보", true), t("법", false)];
        assert_eq!(
            texts(verb_reading("개인정보법", &alias, "되", false)),
            [
                ("개인정보법되".into(), false),
                ("개인정보".into(), true),
                ("법".into(), false),
                ("되".into(), false)
            ]
        );
        let compound = [t("경기도", false), t("경기", true), t("도", true)];
        assert_eq!(
            texts(verb_reading("경기도", &compound, "되", false))[..2],
            [("경기도되".into(), false), ("경기도".into(), true)]
        );
        assert_eq!(
            texts(verb_reading("각각", &[], "하", false)),
            [("각각하".into(), false), ("하".into(), true)],
            "a word read as nothing (an adverb)"
        );
    }
}
