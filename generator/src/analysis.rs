//! Build-time Korean analysis: lindera with mecab-ko-dic behind the shared
//! [`FormAnalyzer`] interface.
//!
//! Each Hangul run is analysed alone, followed by a fixed dummy right
//! context (` .`), so that the run's last morpheme is read the same way
//! whether the run ends a sentence, a query or neither. Of lindera's
//! morphemes, closed-class ones ([`is_stop_tag`]) are dropped; compounds
//! give their whole form and their parts at one position; inflected forms
//! give their stems.

use std::borrow::Cow;
use std::sync::Arc;

use bangchim_core::analysis::{FormAnalyzer, KoreanTokenizer, Term, is_stop_tag};
use lindera::dictionary::Dictionary;
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;

/// The dummy right context appended to every run before analysis.
pub const RIGHT_CONTEXT: &str = " .";

/// Errors of the build-time analyser.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// The embedded dictionary could not be unpacked.
    #[error("cannot load the embedded ko-dic dictionary: {0}")]
    Load(#[from] bangchim_dict::DictError),
}

/// lindera + ko-dic as a [`FormAnalyzer`].
pub struct KoDicAnalyzer {
    segmenter: Segmenter,
}

impl KoDicAnalyzer {
    /// The analyser over the dictionary embedded in the binary.
    pub fn embedded() -> Result<Self, AnalysisError> {
        Ok(Self::new(crate::dict::load()?))
    }

    /// The analyser over a loaded lindera dictionary.
    pub fn new(dictionary: Dictionary) -> Self {
        KoDicAnalyzer {
            segmenter: Segmenter::new(Mode::Normal, dictionary, None),
        }
    }

    /// A tantivy tokenizer that uses this analyser, with a per-run cache.
    pub fn into_tokenizer(self) -> KoreanTokenizer {
        KoreanTokenizer::new(Arc::new(self))
    }

    /// lindera's raw morphemes for `text` (surface, tag, detail columns),
    /// for diagnostics (`bangchim analyze --morphemes`).
    pub fn morphemes(&self, text: &str) -> Vec<(String, Vec<String>)> {
        let Ok(tokens) = self.segmenter.segment(Cow::Borrowed(text)) else {
            return Vec::new();
        };
        tokens
            .into_iter()
            .map(|mut t| {
                let details = t.details().into_iter().map(str::to_string).collect();
                (t.surface.to_string(), details)
            })
            .collect()
    }
}

/// Splits a ko-dic expression (`개인/NNG/*+정보/NNG/*`) into (form, tag).
fn expression_parts(expression: &str) -> Vec<(&str, &str)> {
    if expression == "*" || expression.is_empty() {
        return Vec::new();
    }
    expression
        .split('+')
        .filter_map(|part| {
            let mut it = part.split('/');
            let form = it.next()?;
            let tag = it.next()?;
            (!form.is_empty()).then_some((form, tag))
        })
        .collect()
}

impl KoDicAnalyzer {
    /// The morpheme terms of `run` analysed as it stands, followed by
    /// `right_context` (whose own morphemes are not returned), and where
    /// the run's alias ends (see [`FormAnalyzer::analyze_run`]).
    fn morphemes_with_context(&self, run: &str, right_context: &str) -> (Vec<Term>, usize) {
        let input = format!("{run}{right_context}");
        let Ok(tokens) = self.segmenter.segment(Cow::Owned(input)) else {
            let whole = Term {
                text: run.to_string(),
                start: 0,
                end: run.len(),
                same_position: false,
            };
            return (vec![whole], 0);
        };
        let mut terms = Vec::new();
        // End of the last term whose span is its own text (not an
        // inflected form, whose span also covers its endings).
        let mut alias_end = 0;
        for mut token in tokens {
            if token.byte_start >= run.len() {
                break;
            }
            let (start, end) = (token.byte_start, token.byte_end.min(run.len()));
            let surface = token.surface.to_string();
            let details: Vec<String> = token.details().into_iter().map(str::to_string).collect();
            let tag = details.first().map(String::as_str).unwrap_or("UNKNOWN");
            let kind = details.get(4).map(String::as_str).unwrap_or("*");
            let expression = details.get(7).map(String::as_str).unwrap_or("*");
            let parts = expression_parts(expression);
            match kind {
                // A compound noun: the whole, then its parts, one position.
                "Compound" if !is_stop_tag(tag) => {
                    alias_end = end;
                    terms.push(Term {
                        text: surface.clone(),
                        start,
                        end,
                        same_position: false,
                    });
                    for (form, part_tag) in parts {
                        if !is_stop_tag(part_tag) && form != surface {
                            terms.push(Term {
                                text: form.to_string(),
                                start,
                                end,
                                same_position: true,
                            });
                        }
                    }
                }
                // An inflected or pre-analysed form: its morphemes in turn.
                "Inflect" | "Preanalysis" if !parts.is_empty() => {
                    for (form, part_tag) in parts {
                        if !is_stop_tag(part_tag) {
                            terms.push(Term {
                                text: form.to_string(),
                                start,
                                end,
                                same_position: false,
                            });
                        }
                    }
                }
                _ if !is_stop_tag(tag) => {
                    alias_end = end;
                    terms.push(Term {
                        text: surface,
                        start,
                        end,
                        same_position: false,
                    });
                }
                _ => {}
            }
        }
        (terms, alias_end)
    }

    /// The morpheme terms of `text` (particles and endings dropped,
    /// compounds with their parts), analysed in context: followed by
    /// `right_context`, whose own morphemes are not returned.
    pub fn morpheme_terms(&self, text: &str, right_context: &str) -> Vec<Term> {
        self.morphemes_with_context(text, right_context).0
    }
}

/// Adds the run itself, less its trailing particles and endings, as a term
/// at the position of the run's first term when analysis cut it into
/// several terms: `개인정보를` gives `개인정보` beside `개인`, `정보`, so the
/// word as typed matches whole, and names the dictionary does not know
/// (`피씨엔` → 피/씨/엔) still match as written. The alias starts where
/// the run does: a run cannot start with a particle or an ending, so a
/// leading morpheme the analysis drops (the interjection 인제 of
/// `인제대학교`, the prefix 비 of `비공개`) is part of the name.
fn with_run_alias(run: &str, end: usize, mut terms: Vec<Term>) -> Vec<Term> {
    if terms.is_empty() || end == 0 {
        return terms;
    }
    let start = 0;
    let alias = &run[start..end];
    if alias.chars().count() < 2 || terms.iter().any(|t| t.text == alias) {
        return terms;
    }
    terms[0].same_position = true;
    terms.insert(
        0,
        Term {
            text: alias.to_string(),
            start,
            end,
            same_position: false,
        },
    );
    terms
}

/// The context that makes a noun read whole where [`RIGHT_CONTEXT`] makes
/// it a shorter noun and a light verb: a particle after it.
const NOUN_CONTEXT: &str = "를 .";

impl KoDicAnalyzer {
    /// A two-syllable run that ko-dic reads as a one-syllable noun and a
    /// verb ending (`침해` → 침 + 해, "to needle"), or as a one-syllable
    /// verb and the ending that makes it a noun (`파기` → 파 + 기, "digging"),
    /// when before a particle it reads the run as one noun (침해를 → 침해,
    /// "infringement"; 파기를 → 파기, "destruction"): the noun, as the run
    /// is read in every other form (권익침해, 침해를, 파기하며, 파기절차).
    /// The verbs of that shape (위해 → 위하, 대해 → 대하) are not read as a
    /// one-syllable term and stay as they are.
    fn whole_noun(&self, run: &str, terms: &[Term]) -> Option<Vec<Term>> {
        let [only] = terms else { return None };
        let short = run.chars().count() == 2 && only.text.chars().count() == 1;
        if !short || !run.starts_with(only.text.as_str()) {
            return None;
        }
        // Only a light verb after the noun, or the noun-making ending after
        // a verb: before a particle (등에, 등의) the short noun is the
        // reading, and a verb's other endings (하여, 보면) are the verb's.
        let read = self.morphemes(&format!("{run}{RIGHT_CONTEXT}"));
        let tag = |i: usize| read.get(i).and_then(|(_, d)| d.first()).map(String::as_str);
        let light_verb = tag(0) == Some("NNG") && tag(1).is_some_and(|t| t.starts_with("XSV"));
        let verb_noun = matches!(tag(0), Some("VV" | "VA")) && tag(1) == Some("ETN");
        if !light_verb && !verb_noun {
            return None;
        }
        let (noun, _) = self.morphemes_with_context(run, NOUN_CONTEXT);
        matches!(noun.as_slice(), [whole] if whole.text == run).then_some(noun)
    }
}

impl FormAnalyzer for KoDicAnalyzer {
    fn analyze_run(&self, run: &str) -> Vec<Term> {
        let (terms, alias_end) = self.morphemes_with_context(run, RIGHT_CONTEXT);
        if let Some(noun) = self.whole_noun(run, &terms) {
            return noun;
        }
        with_run_alias(run, alias_end, terms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_split_into_form_and_tag() {
        assert_eq!(
            expression_parts("개인/NNG/*+정보/NNG/*"),
            vec![("개인", "NNG"), ("정보", "NNG")]
        );
        assert_eq!(
            expression_parts("하/VV/*+았/EP/*"),
            vec![("하", "VV"), ("았", "EP")]
        );
        assert!(expression_parts("*").is_empty());
    }
}
