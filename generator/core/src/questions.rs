//! Words that ask (`누구`, `어디`, `언제`…): a citizen's question has them,
//! a policy hardly does (`언제든지`, `누구든지` say something else), and
//! what the question is about is in its other words. A query searches
//! without them, unless they are all it has.

/// How question words begin, as typed.
const STEMS: &[&str] = &[
    "누구",
    "누가",
    "어디",
    "언제",
    "무엇",
    "뭐",
    "뭔",
    "어떻게",
    "어떤",
    "어느",
    "얼마",
    "몇",
    "왜",
];

/// Endings a question word takes, beside the particles the lexicon knows
/// (`누구인가요`, `어디예요`, `얼마나`).
const TAILS: &[&str] = &[
    "가요",
    "인가요",
    "인지",
    "입니까",
    "예요",
    "에요",
    "나요",
    "든지",
    "요",
    "나",
    "죠",
    "지",
    "서",
];

/// The question words as the analysis reads them (`누가` as 누구,
/// `어떻게` as 어떻, `뭔가요` as 뭐): a term of a longer word.
const TERMS: &[&str] = &["누구", "어디", "언제", "무엇", "뭐", "어떻"];

/// Words of a question that say who asks or that they ask (내 정보,
/// 알려주세요, 하고 싶어요), as typed: no policy answers by them.
const FILLERS: &[&str] = &[
    "내",
    "나",
    "저",
    "제",
    "우리",
    "나의",
    "내가",
    "저의",
    "제가",
    "저는",
    "나는",
    "우리의",
    "좀",
    "혹시",
    "싶어요",
    "싶습니다",
    "싶은데",
    "싶다",
    "주세요",
    "알려주세요",
    "알려줘",
    "궁금",
    "궁금해요",
    "궁금합니다",
    "있나요",
    "있어요",
    "있습니까",
    "있는지",
    "되나요",
    "돼요",
    "하나요",
    "해요",
    "하려면",
    "하면",
    "되면",
];

/// Whether the typed `word` only asks: a question word, alone or with an
/// ending (`is_suffix` says which particles and endings the corpus has).
/// `누가기록` or `왜곡` are other words.
pub fn asks_word(word: &str, is_suffix: impl Fn(&str) -> bool) -> bool {
    FILLERS.contains(&word)
        || STEMS.iter().any(|stem| {
            word.strip_prefix(stem)
                .is_some_and(|rest| rest.is_empty() || TAILS.contains(&rest) || is_suffix(rest))
        })
}

/// Whether an analysed `term` only asks.
pub fn asks(term: &str) -> bool {
    TERMS.contains(&term)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_words_ask_and_others_do_not() {
        let particle = |s: &str| ["에", "에서", "는"].contains(&s);
        for word in [
            "누구",
            "누구인가요",
            "누가",
            "어디에",
            "어디서",
            "얼마나",
            "왜",
        ] {
            assert!(asks_word(word, particle), "{word}");
        }
        for word in ["내", "제가", "알려주세요", "싶어요"] {
            assert!(asks_word(word, particle), "{word}");
        }
        for word in [
            "누가기록",
            "왜곡",
            "언제나요양원",
            "보호책임자",
            "내부",
            "제3자",
        ] {
            assert!(!asks_word(word, particle), "{word}");
        }
        assert!(asks("누구") && asks("어떻"));
        assert!(!asks("보호책임자") && !asks("누구든지"));
    }
}
