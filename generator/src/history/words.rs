//! Changed wording marked word by word. Korean separates words (어절)
//! with spaces, and a word carries its particles and endings, so a word is
//! the unit a reader compares (`3년간` → `5년간` marks the whole word).

use serde::Serialize;
use similar::{Algorithm, ChangeTag, utils::diff_words};

/// A run of text on one side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// The text, with its spacing.
    pub text: String,
    /// Whether it differs from the other side.
    pub changed: bool,
}

/// The older and the newer wording, each cut into segments, changed words
/// marked; lines are kept (a `\n` inside a segment).
pub fn compare(old: &str, new: &str) -> (Vec<Segment>, Vec<Segment>) {
    let mut before = Vec::new();
    let mut after = Vec::new();
    for (tag, text) in diff_words(Algorithm::Patience, old, new) {
        match tag {
            ChangeTag::Equal => {
                push(&mut before, text, false);
                push(&mut after, text, false);
            }
            ChangeTag::Delete => push(&mut before, text, true),
            ChangeTag::Insert => push(&mut after, text, true),
        }
    }
    (before, after)
}

/// Appends `text`, joining it to the last segment when marked alike (a
/// space between two changed words stays inside the mark).
fn push(out: &mut Vec<Segment>, text: &str, changed: bool) {
    match out.last_mut() {
        Some(last) if last.changed == changed => last.text.push_str(text),
        Some(last) if changed && text.trim().is_empty() => last.text.push_str(text),
        _ => out.push(Segment {
            text: text.to_string(),
            changed,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(segments: &[Segment]) -> Vec<&str> {
        segments
            .iter()
            .filter(|s| s.changed)
            .map(|s| s.text.trim())
            .collect()
    }

    #[test]
    fn whole_words_are_marked() {
        let (old, new) = compare(
            "회원 정보는 탈퇴 후 3년간 보관합니다.",
            "회원 정보는 탈퇴 후 5년간 보관합니다.",
        );
        assert_eq!(marked(&old), ["3년간"]);
        assert_eq!(marked(&new), ["5년간"]);
        let joined: String = new.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, "회원 정보는 탈퇴 후 5년간 보관합니다.");
    }

    #[test]
    fn added_words_only_on_the_new_side() {
        let (old, new) = compare("파기합니다.", "지체 없이 파기합니다.");
        assert!(marked(&old).is_empty());
        assert_eq!(marked(&new), ["지체 없이"]);
    }
}
