//! Words a policy writes one way and a citizen types another: the
//! official term and the everyday one (`영상정보처리기기` and `CCTV`,
//! `누리집` and `홈페이지`). A query word of a group also searches the
//! others, a little below itself; an everyday word (`넘기나요`, `부모님`)
//! also searches the policy's terms for it (제공, 법정대리인).

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

/// An everyday word for what a policy names in its own terms: a citizen
/// asks whether an agency 넘기나요 (hands over) their data, the policy says
/// 제공 (provides). One way only: the policy's term does not search the
/// everyday word.
struct Everyday {
    /// Verb stems as typed, followed by any ending (`넘기나요`, `지워주세요`).
    verbs: &'static [&'static str],
    /// Nouns, alone or before a particle (`부모님의`), and no longer word:
    /// 아이 is a child, 아이디 a login.
    nouns: &'static [&'static str],
    /// The policy's terms, as the analysis gives them.
    terms: &'static [&'static str],
}

const EVERYDAY: &[Everyday] = &[
    Everyday {
        verbs: &[
            "넘기",
            "넘겨",
            "넘긴",
            "팔았",
            "팔아",
            "팔리",
            "팔린",
            "팔려",
            "빌려주",
            "공유하",
            "공유되",
            "공유해",
            "공유했",
        ],
        nouns: &["판매", "공유"],
        terms: &["제공"],
    },
    Everyday {
        verbs: &["보여주", "보여줘", "보여달", "보여준"],
        nouns: &["조회"],
        terms: &["열람"],
    },
    Everyday {
        verbs: &["고치", "고쳐", "고친", "바꾸", "바꿔", "바꾼"],
        nouns: &["수정"],
        terms: &["정정"],
    },
    Everyday {
        verbs: &["지우", "지워", "지운", "없애", "없앤", "없앨"],
        nouns: &[],
        terms: &["삭제"],
    },
    Everyday {
        verbs: &[
            "버리",
            "버려",
            "버린",
            "끝나",
            "끝난",
            "끝날",
            "없어지",
            "없어져",
        ],
        nouns: &["폐기"],
        terms: &["파기"],
    },
    Everyday {
        verbs: &["맡기", "맡겨", "맡긴"],
        nouns: &["외주", "하청", "용역"],
        terms: &["위탁"],
    },
    Everyday {
        verbs: &["모으", "모아", "모은", "모았", "가져가", "가져간", "가져갔"],
        nouns: &[],
        terms: &["수집"],
    },
    Everyday {
        verbs: &["멈추", "멈춰", "멈춘", "그만두", "그만해"],
        nouns: &["중단", "중지", "그만"],
        terms: &["정지"],
    },
    Everyday {
        verbs: &["털리", "털렸", "털린", "새나가", "새어나", "빠져나", "해킹"],
        nouns: &[],
        terms: &["해킹", "유출", "침해"],
    },
    Everyday {
        verbs: &[],
        nouns: &["감시카메라", "방범카메라", "카메라", "폐쇄회로"],
        terms: &["영상정보처리기기", "cctv"],
    },
    Everyday {
        verbs: &[],
        nouns: &[
            "아이",
            "아이들",
            "아기",
            "어린이",
            "자녀",
            "미성년자",
            "미성년",
        ],
        terms: &["아동", "14세", "법정대리인"],
    },
    Everyday {
        verbs: &[],
        nouns: &["부모", "부모님", "엄마", "아빠", "보호자"],
        terms: &["법정대리인"],
    },
    Everyday {
        verbs: &["거절"],
        nouns: &[],
        terms: &["거부"],
    },
    Everyday {
        verbs: &[],
        nouns: &["불만", "항의"],
        terms: &["민원", "고충"],
    },
    Everyday {
        verbs: &[],
        nouns: &["피해"],
        terms: &["구제"],
    },
    Everyday {
        verbs: &[],
        nouns: &["메일"],
        terms: &["이메일", "전자우편"],
    },
    Everyday {
        verbs: &[],
        nouns: &["비번", "패스워드"],
        terms: &["비밀번호"],
    },
    Everyday {
        verbs: &["오래"],
        nouns: &["기한"],
        terms: &["보유기간", "보관"],
    },
    Everyday {
        verbs: &[],
        nouns: &["허락", "승낙"],
        terms: &["동의"],
    },
];

/// A university by the short name people use: `인제대` → 인제대학교 (a
/// term of at least three syllables ending in 대). The searcher adds it
/// when the index knows it.
pub fn university(term: &str) -> Option<String> {
    let short = term.strip_suffix('대')?;
    let syllables = short.chars().count();
    (syllables >= 2 && short.chars().all(crate::jamo::is_syllable)).then(|| format!("{term}학교"))
}

/// Particles a noun of [`Everyday`] may take.
const PARTICLES: &[&str] = &[
    "", "이", "가", "은", "는", "을", "를", "의", "에", "에게", "도", "만", "님", "들", "들의",
];

/// The policy's terms for an everyday word as typed (normalised):
/// `넘기나요` → 제공, `부모님의` → 법정대리인; none for other words.
pub fn everyday(word: &str) -> Vec<&'static str> {
    let is_ending = |rest: &str| {
        let n = rest.chars().count();
        n <= 4 && rest.chars().all(crate::jamo::is_syllable)
    };
    let matches = |e: &&Everyday| {
        e.verbs
            .iter()
            .any(|v| word.strip_prefix(v).is_some_and(is_ending))
            || e.nouns.iter().any(|n| {
                word.strip_prefix(n)
                    .is_some_and(|rest| PARTICLES.contains(&rest))
            })
    };
    let mut out: Vec<&'static str> = Vec::new();
    for e in EVERYDAY.iter().filter(matches) {
        out.extend(e.terms.iter().filter(|t| **t != word));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyday_words_search_the_policy_terms() {
        assert_eq!(everyday("넘기나요"), ["제공"]);
        assert_eq!(everyday("지워주세요"), ["삭제"]);
        assert_eq!(everyday("해킹당한"), ["해킹", "유출", "침해"]);
        assert_eq!(everyday("해킹"), ["유출", "침해"]);
        assert_eq!(everyday("부모님의"), ["법정대리인"]);
        assert_eq!(everyday("감시카메라"), ["영상정보처리기기", "cctv"]);
        // A noun inside a longer word is that word: 아이디 is a login.
        assert!(everyday("아이디").is_empty());
        assert!(everyday("수정구").is_empty());
        // The policy's own term searches itself only.
        assert!(everyday("제공").is_empty());
        assert!(everyday("개인정보").is_empty());
    }

    #[test]
    fn both_ways_and_none_for_other_words() {
        assert_eq!(synonyms("cctv"), ["영상정보처리기기", "씨씨티비"]);
        assert_eq!(synonyms("폰번호"), ["전화번호", "전번"]);
        assert_eq!(synonyms("누리집"), ["홈페이지"]);
        assert!(synonyms("개인정보").is_empty());
    }

    #[test]
    fn a_university_by_its_short_name() {
        assert_eq!(university("인제대").as_deref(), Some("인제대학교"));
        assert_eq!(university("성균관대").as_deref(), Some("성균관대학교"));
        assert_eq!(university("대"), None);
        assert_eq!(university("기대"), None);
        assert_eq!(university("인제대학교"), None);
    }
}
