//! Hangul as it is typed: syllables and their jamo.
//!
//! A Korean IME composes a syllable over several keystrokes, so the last
//! word of a query is often incomplete: a lone consonant that will open the
//! next syllable (`피씨ㅇ` on the way to 피씨엔), or an open syllable that may
//! still take a final consonant (`피씨에` → 피씨엔). [`completion`] turns
//! such a word into the stem typed so far and the range of syllables that
//! can follow, which the searcher matches against the term dictionary.
//! A word of initial consonants only (초성, `ㄱㅇㅈㅂ`) is matched against the
//! vocabulary by [`initials`].
//!
//! Unicode lays the 11,172 modern syllables out as `0xAC00 + (initial × 21 +
//! medial) × 28 + final`, so the syllables sharing an initial (or an
//! initial and a medial) form one contiguous range.

use std::ops::RangeInclusive;

const FIRST: u32 = 0xAC00;
const LAST: u32 = 0xD7A3;
const PER_INITIAL: u32 = 21 * 28;

/// The 19 initial consonants as compatibility jamo (what a keyboard types
/// alone), in Unicode's syllable order.
pub const INITIALS: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];

/// The index of a lone consonant among the [`INITIALS`]: typed as a
/// compatibility jamo (ㄱ), or as the conjoining initial (ᄀ) that NFKC
/// normalisation makes of it.
pub fn initial_index(c: char) -> Option<usize> {
    match c {
        '\u{1100}'..='\u{1112}' => Some(c as usize - 0x1100),
        _ => INITIALS.iter().position(|&i| i == c),
    }
}

/// Whether `c` is a modern Hangul syllable.
pub fn is_syllable(c: char) -> bool {
    (FIRST..=LAST).contains(&(c as u32))
}

/// A syllable's initial consonant, as a compatibility jamo.
pub fn initial_of(c: char) -> Option<char> {
    is_syllable(c).then(|| INITIALS[((c as u32 - FIRST) / PER_INITIAL) as usize])
}

/// A syllable's initial and medial as compatibility jamo (the medials,
/// ㅏ to ㅣ, are consecutive from U+314F), and whether it has a final
/// consonant.
pub fn parts(c: char) -> Option<(char, char, bool)> {
    let initial = initial_of(c)?;
    let offset = c as u32 - FIRST;
    let medial = char::from_u32(0x314F + offset % PER_INITIAL / 28)?;
    Some((initial, medial, !offset.is_multiple_of(28)))
}

/// Whether a syllable has no final consonant (받침).
fn is_open(c: char) -> bool {
    is_syllable(c) && (c as u32 - FIRST).is_multiple_of(28)
}

/// The word being composed: what is complete, and which syllables may come
/// next in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The complete part before the syllable being composed.
    pub stem: String,
    /// The syllables the one being composed may become.
    pub next: RangeInclusive<char>,
}

impl Completion {
    /// The bounds of the terms this completion matches, for a range over a
    /// sorted term dictionary: from `stem + first` (inclusive) to
    /// `stem + (last + 1)` (exclusive).
    pub fn bounds(&self) -> (String, String) {
        let after = char::from_u32(*self.next.end() as u32 + 1).unwrap_or(char::MAX);
        (
            format!("{}{}", self.stem, self.next.start()),
            format!("{}{after}", self.stem),
        )
    }

    /// Whether `term` is a completion of the word.
    pub fn matches(&self, term: &str) -> bool {
        term.strip_prefix(self.stem.as_str())
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| self.next.contains(&c))
    }
}

/// The completion of a word whose last syllable is still being composed: a
/// trailing lone initial consonant (`수탁ㅈ`: 수탁 then any syllable opened
/// by ㅈ), or a trailing open syllable (`피씨에`: 피씨 then 에 with any final).
/// `None` when the word ends otherwise, or has nothing before a lone
/// consonant (a lone `ㅇ` would match everything).
pub fn completion(word: &str) -> Option<Completion> {
    let last = word.chars().last()?;
    let stem = &word[..word.len() - last.len_utf8()];
    if let Some(i) = initial_index(last) {
        if stem.is_empty() || !stem.chars().all(is_syllable) {
            return None;
        }
        let start = FIRST + i as u32 * PER_INITIAL;
        return Some(Completion {
            stem: stem.to_string(),
            next: char::from_u32(start)?..=char::from_u32(start + PER_INITIAL - 1)?,
        });
    }
    if is_open(last) && !stem.is_empty() && stem.chars().all(is_syllable) {
        return Some(Completion {
            stem: stem.to_string(),
            next: last..=char::from_u32(last as u32 + 27)?,
        });
    }
    None
}

/// The initial consonants of a word of syllables (`개인정보` → `ㄱㅇㅈㅂ`);
/// `None` if it holds anything but syllables.
pub fn initials(word: &str) -> Option<String> {
    word.chars().map(initial_of).collect()
}

/// A word of lone consonants as the table of initials spells its keys
/// (compatibility jamo), `None` if it holds anything else.
pub fn initials_key(word: &str) -> Option<String> {
    word.chars()
        .map(|c| initial_index(c).map(|i| INITIALS[i]))
        .collect()
}

/// Whether a word is typed as initial consonants only (at least two).
pub fn is_initials_query(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(|c| initial_index(c).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syllable_in_its_parts() {
        assert_eq!(parts('한'), Some(('ㅎ', 'ㅏ', true)));
        assert_eq!(parts('해'), Some(('ㅎ', 'ㅐ', false)));
        assert_eq!(parts('됐'), Some(('ㄷ', 'ㅙ', true)));
        assert_eq!(parts('가'), Some(('ㄱ', 'ㅏ', false)));
        assert_eq!(parts('힣'), Some(('ㅎ', 'ㅣ', true)));
        assert_eq!(parts('ㅎ'), None);
        assert_eq!(parts('a'), None);
    }

    #[test]
    fn a_normalised_consonant_is_still_a_consonant() {
        let normalised = crate::analysis::normalize("수탁ㅈ");
        assert_eq!(completion(&normalised), completion("수탁ㅈ"));
        assert!(is_initials_query(&crate::analysis::normalize("ㄱㅇㅈㅂ")));
    }

    #[test]
    fn a_lone_consonant_opens_the_next_syllable() {
        let c = completion("수탁ㅈ").unwrap();
        assert_eq!(c.stem, "수탁");
        assert!(c.matches("수탁자"));
        assert!(c.matches("수탁지"));
        assert!(!c.matches("수탁"));
        assert!(!c.matches("수탁사"));
        let (lo, hi) = c.bounds();
        assert!(lo.as_str() <= "수탁자" && "수탁자" < hi.as_str());
        assert!("수탁잫잫" < hi.as_str() && hi.as_str() <= "수탁차");
    }

    #[test]
    fn an_open_syllable_may_still_take_a_final() {
        let c = completion("피씨에").unwrap();
        assert_eq!(c.stem, "피씨");
        assert!(c.matches("피씨엔"));
        assert!(c.matches("피씨에"));
        assert!(!c.matches("피씨오"));
        // A closed syllable is complete.
        assert_eq!(completion("피씨엔"), None);
        // Nothing to anchor a lone consonant or a lone syllable to.
        assert_eq!(completion("ㅇ"), None);
        assert_eq!(completion("수"), None);
        assert_eq!(completion("abcㅇ"), None);
    }

    #[test]
    fn initial_consonants() {
        assert_eq!(initials("개인정보").as_deref(), Some("ㄱㅇㅈㅂ"));
        assert_eq!(initials("보호책임자").as_deref(), Some("ㅂㅎㅊㅇㅈ"));
        assert_eq!(initials("개인a"), None);
        assert!(is_initials_query("ㄱㅇㅈㅂ"));
        assert!(!is_initials_query("ㄱ"));
        assert!(!is_initials_query("ㄱ정"));
    }
}
