//! The Korean analysis on sentences from the seed policies, with the real
//! ko-dic dictionary the binary embeds.

use std::sync::{Mutex, OnceLock};

use bangchim::analysis::KoDicAnalyzer;
use bangchim_core::analysis::{KoreanTokenizer, Term};

fn tokenizer() -> &'static Mutex<KoreanTokenizer> {
    static TOKENIZER: OnceLock<Mutex<KoreanTokenizer>> = OnceLock::new();
    TOKENIZER.get_or_init(|| {
        let analyzer = KoDicAnalyzer::embedded().expect("the embedded ko-dic");
        Mutex::new(analyzer.into_tokenizer())
    })
}

fn terms(text: &str) -> Vec<Term> {
    tokenizer().lock().unwrap().terms(text)
}

fn texts(text: &str) -> Vec<String> {
    terms(text).into_iter().map(|t| t.text).collect()
}

#[test]
fn the_readme_sentence() {
    assert_eq!(
        texts("개인정보 보호책임자에게 열람을 청구할 수 있습니다"),
        [
            "개인정보",
            "개인",
            "정보",
            "보호책임자",
            "보호",
            "책임자",
            "책임",
            "자",
            "열람",
            "청구",
            "수",
            "있"
        ]
    );
}

#[test]
fn particles_do_not_separate_a_noun_from_itself() {
    let bare = texts("개인정보");
    assert_eq!(bare, ["개인정보", "개인", "정보"]);
    assert_eq!(texts("개인정보를"), bare);
    assert_eq!(texts("개인정보의"), bare);
    assert_eq!(texts("개인정보는"), bare);
}

#[test]
fn a_verb_meets_its_noun() {
    assert!(texts("지체 없이 파기하는 경우").contains(&"파기".to_string()));
    assert!(texts("파기절차").contains(&"파기".to_string()));
    assert_eq!(texts("열람청구를"), ["열람청구", "열람", "청구"]);
}

#[test]
fn a_noun_is_not_read_as_a_shorter_noun_and_a_verb() {
    // Alone, ko-dic reads 침해 as 침 + 해 (a verb ending), and 침해를 or
    // 권익침해 as the noun: a query for 개인정보 침해 missed 침해신고센터.
    assert_eq!(texts("침해"), ["침해"]);
    assert_eq!(texts("개인정보 침해 신고"), texts("개인정보 침해를 신고"));
    assert!(texts("권익침해").contains(&"침해".to_string()));
    // 파기 alone reads as 파 ("to dig") and the ending that makes it a noun;
    // 파기를, 파기하며 and 파기절차 as the noun (destruction).
    assert_eq!(texts("파기"), ["파기"]);
    assert_eq!(texts("개인정보의 파기"), texts("개인정보를 파기하며"));
    // Verbs of the same shape stay verbs.
    assert_eq!(texts("위해"), ["위하"]);
    assert_eq!(texts("통해"), ["통하"]);
}

#[test]
fn the_last_word_of_the_input_reads_as_inside_a_sentence() {
    // Alone, lindera reads 처리의 as 처 + 리의; the dummy right context fixes it.
    assert_eq!(texts("처리의"), ["처리"]);
    assert_eq!(
        texts("개인정보 처리의"),
        ["개인정보", "개인", "정보", "처리"]
    );
}

#[test]
fn compounds_give_the_whole_and_the_parts_at_one_position() {
    let t = terms("책임자");
    let rows: Vec<(&str, bool)> = t
        .iter()
        .map(|t| (t.text.as_str(), t.same_position))
        .collect();
    assert_eq!(rows, [("책임자", false), ("책임", true), ("자", true)]);
}

#[test]
fn a_compound_query_is_a_subsequence_of_the_longer_compound() {
    let long = texts("개인정보보호책임자");
    // The query's own first term is the run as typed; its morphemes follow.
    let short = texts("보호책임자")[1..].to_vec();
    let at = long
        .iter()
        .position(|t| t == &short[0])
        .expect("first term present");
    assert_eq!(&long[at..at + short.len()], short.as_slice());
    assert!(texts("개인정보처리방침").contains(&"정보".to_string()));
}

#[test]
fn contacts_survive_as_typed() {
    let t = texts("담당자 정지인 (02-3396-8219, jjiin@junggu.seoul.kr, 팩스 031)590-4214)");
    for expected in [
        "정지인",
        "02-3396-8219",
        "0233968219",
        "3396-8219",
        "jjiin@junggu.seoul.kr",
        "031-590-4214",
        "팩스",
    ] {
        assert!(
            t.contains(&expected.to_string()),
            "{expected} missing from {t:?}"
        );
    }
}

#[test]
fn urls_and_latin_words() {
    let t = texts("개인정보침해신고센터 (privacy.kisa.or.kr / 국번없이 118) CCTV 운영");
    for expected in ["privacy.kisa.or.kr", "118", "cctv", "운영", "신고", "센터"] {
        assert!(
            t.contains(&expected.to_string()),
            "{expected} missing from {t:?}"
        );
    }
}

#[test]
fn offsets_cover_the_source_words() {
    let text = "위탁업무를 수행하는 (주)피씨엔";
    for t in terms(text) {
        assert!(t.start < t.end && t.end <= text.len(), "{t:?}");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
    }
    let t = terms(text);
    let word = t
        .iter()
        .find(|t| t.text == "위탁업무")
        .expect("the run as typed");
    assert_eq!(&text[word.start..word.end], "위탁업무");
}

#[test]
fn a_name_the_dictionary_does_not_know_matches_as_written() {
    // ko-dic cuts 피씨엔 into 피/씨/엔; the query and the document still agree.
    assert_eq!(texts("(주)피씨엔")[1..], texts("피씨엔")[..]);
}

#[test]
fn a_split_word_also_stands_whole_at_its_first_position() {
    let t = terms("개인정보를");
    let rows: Vec<(&str, bool)> = t
        .iter()
        .map(|t| (t.text.as_str(), t.same_position))
        .collect();
    assert_eq!(rows, [("개인정보", false), ("개인", true), ("정보", false)]);
}

#[test]
fn a_name_starting_with_a_dropped_morpheme_stands_whole() {
    // ko-dic reads 인제 as an interjection, which is dropped; the name is
    // still a term, so `인제대학교` finds 인제대학교 before 서울대학교.
    let t = texts("인제대학교");
    assert_eq!(t[0], "인제대학교", "{t:?}");
    assert!(t.contains(&"대학교".to_string()), "{t:?}");
}

#[test]
fn closed_class_morphemes_are_dropped() {
    let t = texts("정보주체는 다음과 같은 권리를 행사할 수 있습니다.");
    for dropped in ["는", "과", "를", "습니다", "."] {
        assert!(!t.contains(&dropped.to_string()), "{dropped} kept in {t:?}");
    }
}

#[test]
fn the_same_run_analyses_the_same_everywhere() {
    // Per-run analysis: a form's terms do not depend on its neighbours.
    let alone = texts("보유기간");
    let inside = texts("개인정보의 보유기간 및 파기");
    let at = inside.iter().position(|t| t == &alone[0]).expect("present");
    assert_eq!(&inside[at..at + alone.len()], alone.as_slice());
}

#[test]
fn an_ordinal_is_not_a_pronoun_and_a_word() {
    // Read apart, 제 of 제3자 is 저 ("I"), and a query for 제3자 found 제3조.
    assert_eq!(texts("제3자"), ["제3자"]);
    assert_eq!(texts("제3자에게 제공"), ["제3자", "제공"]);
    assert_ne!(texts("제3조"), texts("제3자"));
}
