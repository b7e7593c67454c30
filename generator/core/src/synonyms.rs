//! Words a policy writes one way and a citizen types another: the
//! official term and the everyday one (`영상정보처리기기` and `CCTV`,
//! `누리집` and `홈페이지`). A query word of a group also searches the
//! others, a little below itself.

/// Each group's words, as the analysis gives their whole terms
/// (lowercase, without spaces).
const GROUPS: &[&[&str]] = &[
    &["cctv", "영상정보처리기기", "씨씨티비"],
    &["이메일", "전자우편"],
    &["홈페이지", "누리집"],
    &["휴대전화", "휴대폰", "핸드폰"],
    &["전화번호", "폰번호", "전번"],
    &["주민등록번호", "주민번호"],
];

/// The other words of `term`'s group; none when it has no group.
pub fn synonyms(term: &str) -> Vec<&'static str> {
    GROUPS
        .iter()
        .find(|group| group.contains(&term))
        .map(|group| group.iter().copied().filter(|w| *w != term).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways_and_none_for_other_words() {
        assert_eq!(synonyms("cctv"), ["영상정보처리기기", "씨씨티비"]);
        assert_eq!(synonyms("폰번호"), ["전화번호", "전번"]);
        assert_eq!(synonyms("누리집"), ["홈페이지"]);
        assert!(synonyms("개인정보").is_empty());
    }
}
