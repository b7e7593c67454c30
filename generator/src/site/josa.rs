//! Korean particles chosen by the word they follow: `이/가`, `은/는`,
//! `을/를`, `과/와` by whether its last syllable ends in a consonant
//! (받침), `으로/로` also by whether that consonant is ㄹ. Templates write
//! `{{ name | josa("이/가") }}` instead of `이(가)`.

/// The final consonant of a word's last syllable: `None` for an open
/// syllable, `Some(index)` (1–27, ㄹ is 8) for a closed one; a word that
/// does not end in a Hangul syllable gives `Err(())`.
fn final_consonant(word: &str) -> Result<Option<u32>, ()> {
    let last = word.trim_end().chars().last().ok_or(())?;
    let code = last as u32;
    if !(0xAC00..=0xD7A3).contains(&code) {
        return Err(());
    }
    let jong = (code - 0xAC00) % 28;
    Ok((jong != 0).then_some(jong))
}

/// `word` followed by the right one of `pair` (`"이/가"`: the first after
/// a closed syllable, the second after an open one). After a word that
/// does not end in Hangul (`CCTV`, `(주)`), both, as `이(가)`.
pub fn josa(word: &str, pair: &str) -> String {
    let Some((closed, open)) = pair.split_once('/') else {
        return format!("{word}{pair}");
    };
    let particle = match final_consonant(word) {
        // `으로` after any closed syllable but ㄹ, `로` after ㄹ or an open one.
        Ok(Some(8)) if closed == "으로" => open.to_string(),
        Ok(Some(_)) => closed.to_string(),
        Ok(None) => open.to_string(),
        Err(()) => format!("{closed}({open})"),
    };
    format!("{word}{particle}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_follow_the_last_syllable() {
        assert_eq!(josa("서울특별시", "이/가"), "서울특별시가");
        assert_eq!(josa("남양주시 중구", "이/가"), "남양주시 중구가");
        assert_eq!(josa("한국어촌어항공단", "이/가"), "한국어촌어항공단이");
        assert_eq!(josa("서울계약마당", "은/는"), "서울계약마당은");
        assert_eq!(josa("통계청", "을/를"), "통계청을");
        assert_eq!(josa("서울시", "으로/로"), "서울시로");
        assert_eq!(josa("서울", "으로/로"), "서울로");
        assert_eq!(josa("부산항", "으로/로"), "부산항으로");
        assert_eq!(josa("SGIS", "이/가"), "SGIS이(가)");
    }
}
