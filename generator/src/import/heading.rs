//! Heading candidates: every way a policy numbers or names a section.
//!
//! A line is read as a possible heading in one of the styles real
//! policies use (`제N조(제목)`, `제N조 제목`, `제N조. 제목`, `제 N 조`,
//! `[제N조]`, `N. 제목`, `N) 제목`, Roman numerals, or an unnumbered line
//! that names a standard topic). Whether it *is* a heading is decided by
//! the outline (see `outline.rs`), which weighs the candidates of a whole
//! document; this module only reads single lines.

use super::text::normalize_line;

/// How a heading is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// `제N조` in any of its spellings.
    Jo,
    /// `N.` / `N)` arabic numbers.
    Number,
    /// `I.` / `Ⅰ.` Roman numerals.
    Roman,
    /// No number: a line that names a standard topic.
    Topic,
}

impl Style {
    /// A name for reports.
    pub fn describe(self) -> &'static str {
        match self {
            Style::Jo => "제N조",
            Style::Number => "N.",
            Style::Roman => "Roman numerals",
            Style::Topic => "unnumbered topic headings",
        }
    }
}

/// One line read as a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Its numbering style.
    pub style: Style,
    /// The number written, if any.
    pub number: Option<u32>,
    /// The title without the number.
    pub title: String,
    /// The heading as written (without text glued after it).
    pub heading: String,
    /// Text after the heading on the same line (`제1조(목적) ① …`).
    pub rest: String,
    /// Text before the heading on the same line (page navigation).
    pub before: String,
}

/// Words that, after `제N조`, make it a reference rather than a heading.
const REFERENCE_TAILS: [&str; 12] = [
    "에", "의", "제", "및", ",", "부터", "에서", "에서", "내지", "또는", "·", "ㆍ",
];

/// Reads `제N조…` at the start of `t` (after any `[`): the number and the
/// byte length of the marker.
fn jo_marker(t: &str) -> Option<(u32, usize)> {
    let after = t.strip_prefix('제')?;
    let spaced = after.trim_start();
    let digits: String = spaced.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let rest = spaced[digits.len()..].trim_start().strip_prefix('조')?;
    let number: u32 = digits.parse().ok().filter(|&n| n > 0)?;
    Some((number, t.len() - rest.len()))
}

/// Splits a parenthesised title `(제목) rest` with balanced parentheses.
fn paren_title(s: &str) -> Option<(String, &str)> {
    let inner = s.strip_prefix('(')?;
    let mut depth = 1;
    for (i, c) in inner.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((inner[..i].trim().to_string(), &inner[i + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

fn is_sentence_end(s: &str) -> bool {
    let s = s.trim_end_matches([' ', ')', '"', '”', '\'']);
    s.ends_with('.') || s.ends_with('다') || s.ends_with('요') || s.ends_with('?')
}

/// Reads a `제N조` heading at the start of `t`.
fn jo(line: &str) -> Option<Candidate> {
    let mut c = jo_inner(line)?;
    // The heading as written includes an opening bracket.
    if let Some(at) = line.find(&c.heading)
        && at > 0
    {
        c.heading = normalize_line(&line[..at + c.heading.len()]);
    }
    Some(c)
}

fn jo_inner(t: &str) -> Option<Candidate> {
    let (bracketed, t) = match t.strip_prefix('[').or_else(|| t.strip_prefix('【')) {
        Some(inner) => (true, inner.trim_start()),
        None => (false, t),
    };
    let (number, len) = jo_marker(t)?;
    let mut after = &t[len..];
    if bracketed {
        after = after.trim_start_matches([']', '】']);
    }
    let after_trim = after.trim_start();
    if REFERENCE_TAILS
        .iter()
        .any(|w| after_trim.starts_with(w) && !after_trim.starts_with("제목"))
        && !after_trim.starts_with("제3자")
    {
        return None;
    }
    let after_trim = after_trim.trim_start_matches(['.', ':']).trim_start();
    if let Some((title, rest)) = paren_title(after_trim) {
        let rest = rest.trim_start_matches([']', '】']);
        let consumed = t.len() - rest.len();
        return Some(Candidate {
            style: Style::Jo,
            number: Some(number),
            title,
            heading: normalize_line(&t[..consumed]),
            rest: normalize_line(rest),
            before: String::new(),
        });
    }
    let (title, rest) = split_glued(after_trim);
    if title.chars().count() > 80 || (rest.is_empty() && is_sentence_end(&title)) {
        return None;
    }
    let heading_len = t.len() - after_trim.len() + title.len();
    Some(Candidate {
        style: Style::Jo,
        number: Some(number),
        title: title.trim_end_matches(']').trim().to_string(),
        heading: normalize_line(&t[..heading_len.min(t.len())]),
        rest,
        before: String::new(),
    })
}

/// A title and the paragraph glued after it: `파기 ① 기관은…` or
/// `…행사방법 이용자는 … 있습니다.` — cut at a circled number, or before a
/// sentence that starts after a word that ends titles.
fn split_glued(s: &str) -> (String, String) {
    if let Some(at) = s.find(|c: char| ('\u{2460}'..='\u{2473}').contains(&c))
        && at > 0
    {
        return (s[..at].trim().to_string(), normalize_line(&s[at..]));
    }
    if s.chars().count() > 40 && is_sentence_end(s) {
        const ENDS: [&str; 14] = [
            "방법",
            "사항",
            "목적",
            "항목",
            "기간",
            "파기",
            "조치",
            "책임자",
            "변경",
            "제공",
            "위탁",
            "청구",
            "권리",
            "의무",
        ];
        // Before a sentence's subject (`이용자는`), else after the last
        // title word in the first 60 characters.
        let mut best = None;
        for (i, _) in s.match_indices(' ') {
            let head = &s[..i];
            if !ENDS.iter().any(|e| head.ends_with(e))
                || head.chars().count() < 4
                || head.chars().count() > 60
            {
                continue;
            }
            let next = s[i + 1..].split(' ').next().unwrap_or("");
            best = Some(i);
            if ["는", "은", "이", "가", "에서"]
                .iter()
                .any(|p| next.ends_with(p))
            {
                break;
            }
        }
        if let Some(i) = best {
            return (s[..i].trim().to_string(), normalize_line(&s[i..]));
        }
    }
    (s.trim().to_string(), String::new())
}

/// Roman numerals I–XX, ASCII or the Unicode forms.
fn roman(t: &str) -> Option<(u32, usize)> {
    const UNI: [char; 12] = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ', 'Ⅶ', 'Ⅷ', 'Ⅸ', 'Ⅹ', 'Ⅺ', 'Ⅻ'];
    let first = t.chars().next()?;
    if let Some(i) = UNI.iter().position(|&u| u == first) {
        return Some((i as u32 + 1, first.len_utf8()));
    }
    let len = t
        .chars()
        .take_while(|c| matches!(c, 'I' | 'V' | 'X'))
        .count();
    if len == 0 {
        return None;
    }
    let (mut total, mut prev) = (0i32, 0i32);
    for c in t[..len].chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            _ => 10,
        };
        if v < prev {
            total -= v;
        } else {
            total += v;
            prev = v;
        }
    }
    (1..=20).contains(&total).then_some((total as u32, len))
}

/// Reads `N. 제목`, `N.제목`, `N) 제목`, `(N) 제목`, `Ⅰ. 제목`.
fn numbered(t: &str) -> Option<Candidate> {
    let t = t.trim_start_matches(['-', ' ']);
    let (style, number, len) = match t.chars().take_while(|c| c.is_ascii_digit()).count() {
        0 => {
            let inner = t.strip_prefix('(');
            match inner.map(|i| i.chars().take_while(|c| c.is_ascii_digit()).count()) {
                Some(n) if n > 0 && n <= 2 && inner.is_some_and(|i| i[n..].starts_with(')')) => {
                    let i = inner.unwrap_or_default();
                    (Style::Number, i[..n].parse().ok()?, n + 2)
                }
                _ => {
                    let (n, l) = roman(t)?;
                    (Style::Roman, n, l)
                }
            }
        }
        n if n <= 2 => (Style::Number, t[..n].parse().ok()?, n),
        _ => return None,
    };
    let after = &t[len..];
    let after = match after.chars().next() {
        Some('.') | Some(')') if !after.starts_with("..") => &after[1..],
        _ if t.starts_with('(') => after,
        _ => return None,
    };
    // `1.5` is a number, `2024.` a year.
    if after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (title, rest) = split_glued(after.trim_start());
    if title.is_empty() || title.chars().count() > 80 {
        return None;
    }
    let heading_len = t.len() - after.trim_start().len() + title.len();
    Some(Candidate {
        style,
        number: Some(number),
        title: title.clone(),
        heading: normalize_line(&t[..heading_len.min(t.len())]),
        rest,
        before: String::new(),
    })
}

/// Reads a line as a heading candidate of any style. `제N조` may come
/// after page navigation text on the same line (`HOME > 제1조(목적)`).
pub fn candidate(line: &str) -> Option<Candidate> {
    let line = line.trim();
    let t = strip_markers(line);
    let lead = &line[..line.len() - t.len()];
    let mut c = candidate_unmarked(t)?;
    if !lead.trim().is_empty() {
        if c.before.is_empty() {
            c.heading = normalize_line(&format!("{lead}{}", c.heading));
        } else {
            c.before = normalize_line(&format!("{lead}{}", c.before));
        }
    }
    Some(c)
}

/// A line without the list markers scraped pages put before headings.
fn strip_markers(line: &str) -> &str {
    line.trim_start_matches(['-', '•', '■', '□', '◆', '◇', '▣', ' '])
}

fn candidate_unmarked(t: &str) -> Option<Candidate> {
    if let Some(c) = jo(t) {
        return Some(c);
    }
    if let Some(c) = numbered(t) {
        return Some(c);
    }
    // `제N조` glued after a short navigation prefix.
    if let Some(at) = t.find("제") {
        let before = t[..at].trim();
        if at > 0
            && before.chars().count() <= 30
            && !is_sentence_end(before)
            && !before.ends_with(['(', '「', '「', '"', '“'])
            && let Some(mut c) = jo(&t[at..])
            && (before.contains('>') || before.contains("처리방침") || before.contains("HOME"))
        {
            c.before = before.to_string();
            return Some(c);
        }
    }
    topic(t)
}

/// An unnumbered line that names a standard topic: short, not a sentence,
/// not an item.
fn topic(t: &str) -> Option<Candidate> {
    let n = t.chars().count();
    if !(3..=45).contains(&n) || is_sentence_end(t) || t.ends_with(':') || t.contains('\t') {
        return None;
    }
    let first = t.chars().next()?;
    if ('\u{2460}'..='\u{2473}').contains(&first)
        || matches!(first, '※' | '▶' | '·' | '○' | '<' | '[' | '(' | '「')
    {
        return None;
    }
    if t.contains(" : ") || t.contains("☎") || t.contains('@') || t.contains("http") {
        return None;
    }
    if topic_score(t) == 0 {
        return None;
    }
    Some(Candidate {
        style: Style::Topic,
        number: None,
        title: t.to_string(),
        heading: t.to_string(),
        rest: String::new(),
        before: String::new(),
    })
}

/// How strongly a title names a standard topic of a privacy policy: 0
/// (none), 1 (a related word), 2 (a standard section title).
pub fn topic_score(title: &str) -> u32 {
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    // The last three: the pre-2011 template's sections (이메일 및 웹 서식 등을
    // 통한 수집정보, 웹사이트 이용 중 다른 사람의 개인정보 취득, 링크 사이트).
    const STRONG: [&str; 39] = [
        "처리목적",
        "처리하는개인정보",
        "보유기간",
        "보유및이용",
        "수집및보유",
        "파기",
        "제3자제공",
        "처리위탁",
        "처리의위탁",
        "위탁관리",
        "처리업무위탁",
        "권리·의무",
        "권리ㆍ의무",
        "권리,의무",
        "권리와의무",
        "행사방법",
        "안전성확보",
        "안정성확보",
        "보호책임자",
        "책임관",
        "열람청구",
        "열람등청구",
        "권익침해",
        "구제방법",
        "처리방침변경",
        "처리방침의변경",
        "방침변경",
        "자동으로수집",
        "자동수집",
        "쿠키",
        "영상정보처리기기",
        "개인정보파일",
        "보안조치",
        "링크",
        "가명정보",
        "민감정보",
        "수집정보",
        "다른사람의개인정보",
        "웹서식",
    ];
    const WEAK: [&str; 14] = [
        "개인정보",
        "수집",
        "이용",
        "제공",
        "위탁",
        "보호",
        "정보주체",
        "열람",
        "정정",
        "삭제",
        "영향평가",
        "관리수준",
        "보호수준",
        "14세",
    ];
    if STRONG.iter().any(|k| t.contains(k)) {
        2
    } else if WEAK.iter().any(|k| t.contains(k)) {
        1
    } else {
        0
    }
}

/// The number and title of an article whose heading follows article
/// `prev`: its `제N조` number when it goes up, else `prev + 1` (unnumbered
/// or otherwise numbered). The importer and the content reader number
/// articles with this one rule; the reader refuses a `제N조` that does not
/// go up, which the importer never writes (its outline's 제N조 headings go
/// up, and it takes no other heading that starts with one).
pub fn article_number(prev: u32, heading: &str) -> (u32, String) {
    let (written, title) = heading_title(heading);
    (written.filter(|&n| n > prev).unwrap_or(prev + 1), title)
}

/// Reads a heading as written in content (`제N조 제목`, `1. 제목`, any
/// line) into its `제N조` number, if it has one, and its title.
pub fn heading_title(heading: &str) -> (Option<u32>, String) {
    let t = strip_markers(heading.trim());
    match jo(t) {
        Some(c) => (c.number, c.title),
        None => match numbered(t) {
            Some(c) if c.rest.is_empty() => (None, c.title),
            _ => (None, t.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(line: &str) -> Candidate {
        candidate(line).unwrap_or_else(|| panic!("no candidate in {line:?}"))
    }

    #[test]
    fn jo_in_every_spelling() {
        for (line, number, title) in [
            ("제1조(개인정보의 처리목적)", 1, "개인정보의 처리목적"),
            ("제1조 (개인정보의 처리 목적)", 1, "개인정보의 처리 목적"),
            (
                "제2조 개인정보의 처리 및 보유기간",
                2,
                "개인정보의 처리 및 보유기간",
            ),
            (
                "제3조. 개인정보의 처리 업무 위탁",
                3,
                "개인정보의 처리 업무 위탁",
            ),
            ("제 4 조 개인정보의 파기", 4, "개인정보의 파기"),
            (
                "[제5조] 개인정보의 안전성 확보조치",
                5,
                "개인정보의 안전성 확보조치",
            ),
            ("【제6조】(권익침해 구제방법)", 6, "권익침해 구제방법"),
        ] {
            let got = c(line);
            assert_eq!(
                (got.style, got.number, got.title.as_str()),
                (Style::Jo, Some(number), title),
                "{line}"
            );
            assert!(got.rest.is_empty(), "{line}");
        }
    }

    #[test]
    fn text_glued_to_a_heading_is_rest() {
        let got = c("제1조(개인정보의 처리목적) ① 학생생활관은 다음의 목적을 위하여");
        assert_eq!(got.heading, "제1조(개인정보의 처리목적)");
        assert_eq!(got.rest, "① 학생생활관은 다음의 목적을 위하여");
        let got = c(
            "4. 정보주체와 법정대리인의 권리·의무 및 그 행사방법 이용자는 개인정보주체로써 다음과 같은 권리를 행사할 수 있습니다.",
        );
        assert_eq!(
            got.title,
            "정보주체와 법정대리인의 권리·의무 및 그 행사방법"
        );
        assert!(got.rest.starts_with("이용자는"));
        let got = c("제7조 개인정보의 파기 ① 기관은 지체 없이 파기합니다.");
        assert_eq!(got.title, "개인정보의 파기");
        let got = c("HOME > 개인정보처리방침 제1조(목적)");
        assert_eq!(
            (got.number, got.before.as_str()),
            (Some(1), "HOME > 개인정보처리방침")
        );
    }

    #[test]
    fn references_are_not_headings() {
        assert!(candidate("제35조에 따라 열람을 요구할 수 있습니다.").is_none());
        assert!(candidate("제1항에 따른 권리 행사는").is_none());
        assert!(candidate("제15조제1항제1호에 따른 동의").is_none());
    }

    #[test]
    fn numbers_and_roman_numerals() {
        let got = c("1.자동으로 수집·저장되는 개인정보");
        assert_eq!(
            (got.style, got.number, got.title.as_str()),
            (Style::Number, Some(1), "자동으로 수집·저장되는 개인정보")
        );
        assert_eq!(c("10. 개인정보 처리방침 변경").number, Some(10));
        assert_eq!(c("3) 개인정보의 파기").number, Some(3));
        let got = c("Ⅱ. 개인정보의 제3자 제공");
        assert_eq!((got.style, got.number), (Style::Roman, Some(2)));
        assert_eq!(c("IV. 권익침해 구제방법").number, Some(4));
        assert!(candidate("2024. 10. 22.부터 적용").is_none());
        assert!(candidate("1.5배").is_none());
    }

    #[test]
    fn topics_without_numbers() {
        assert_eq!(c("개인정보의 파기").style, Style::Topic);
        assert_eq!(c("권익침해 구제방법").style, Style::Topic);
        assert!(candidate("이 기관은 개인정보를 파기합니다.").is_none());
        assert!(candidate("전화 : 02-123-4567").is_none());
        assert!(candidate("안녕하세요").is_none());
    }

    #[test]
    fn content_headings_read_back() {
        assert_eq!(
            heading_title("제3조(개인정보의 파기)"),
            (Some(3), "개인정보의 파기".to_string())
        );
        assert_eq!(
            heading_title("1. 개인정보의 처리 목적"),
            (None, "개인정보의 처리 목적".to_string())
        );
        assert_eq!(
            heading_title("권익침해 구제방법"),
            (None, "권익침해 구제방법".to_string())
        );
    }
}
