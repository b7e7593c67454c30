//! Line-level helpers: whitespace, titles, dates.

use crate::model::Date;

/// Collapses every run of white space (spaces, tabs, no-break spaces) into
/// one space and trims the ends, and drops HTML tags that leaked into the
/// text (see [`strip_leaked_tags`]).
pub fn normalize_line(line: &str) -> String {
    let line = strip_leaked_tags(line);
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// HTML elements an agency's export leaves in its text as tags
/// (`<ul style="list-style-type: none">`, `<small>…</small>`).
const LEAKED: &[&str] = &[
    "a", "b", "br", "caption", "center", "col", "colgroup", "dd", "div", "dl", "dt", "em", "font",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "small", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
];

/// `line` without the HTML tags of `LEAKED` elements, each replaced by
/// a space. Only a tag whose name is such an element goes: the `<개정
/// 2020. 1. 1.>` notes and `<별표>` references policies write stay.
pub fn strip_leaked_tags(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('<') {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        match leaked_tag_len(&rest[at..]) {
            Some(len) => {
                out.push(' ');
                rest = &rest[at + len..];
            }
            None => {
                out.push('<');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The length of the leaked tag `s` starts with, if it starts with one:
/// `<`, an optional `/`, a `LEAKED` name, then `>`, `/>` or attributes
/// up to the next `>` (no `<` between).
fn leaked_tag_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix('<')?;
    let body = body.strip_prefix('/').unwrap_or(body);
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let name = body[..name_len].to_ascii_lowercase();
    if !LEAKED.contains(&name.as_str()) {
        return None;
    }
    let after = &body[name_len..];
    if !after.starts_with(['>', '/', ' ', '\t']) {
        return None;
    }
    let close = after.find(['>', '<'])?;
    if !after[close..].starts_with('>') {
        return None;
    }
    Some(s.len() - after.len() + close + 1)
}

/// The text without any white space (`전 화` → `전화`), for comparing
/// labels that pages space out.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `중 구 개 인 정 보 처 리 방 침` → (`중구 개인정보 처리방침`, true); a
/// title whose letters are not spaced out comes back as it is.
pub fn collapse_spaced_title(line: &str) -> (String, bool) {
    let words: Vec<&str> = line.split_whitespace().collect();
    let spaced = words.len() >= 4 && words.iter().all(|w| w.chars().count() == 1);
    if !spaced {
        return (line.to_string(), false);
    }
    let joined: String = words.concat();
    let title = match joined.find("개인정보처리방침") {
        Some(0) => "개인정보 처리방침".to_string(),
        Some(at) => format!("{} 개인정보 처리방침", &joined[..at]),
        None => joined,
    };
    (title, true)
}

/// Finds the dates written in a line, in order: `2019년 7월 9일`,
/// `2020. 1. 6`, `2023. 12. 1`, `2023.05.26.`, `2011. 09. 30`.
pub fn parse_dates(line: &str) -> Vec<Date> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((date, next)) = date_at(&chars, i) {
            out.push(date);
            i = next;
        } else {
            i += 1;
        }
    }
    out
}

/// A month written without its day (`2017. 06.`, `2017년 6월`), as the
/// first of that month: some policies date a version that way.
pub fn parse_year_month(line: &str) -> Option<Date> {
    let chars: Vec<char> = line.chars().collect();
    (0..chars.len()).find_map(|i| {
        if i > 0 && chars[i - 1].is_ascii_digit() {
            return None;
        }
        let (year, j) = number_at(&chars, i, 4)?;
        let j = skip_spaces(&chars, j);
        let sep = *chars.get(j)?;
        if !matches!(sep, '년' | '.') || !(1990..=2100).contains(&year) {
            return None;
        }
        let (month, k) = number_at(&chars, skip_spaces(&chars, j + 1), 2)?;
        let end = skip_spaces(&chars, k);
        let closes = if sep == '년' {
            chars.get(end) == Some(&'월')
        } else {
            chars.get(end) == Some(&'.')
        };
        (closes && (1..=12).contains(&month)).then_some(Date {
            year: year as u16,
            month: month as u8,
            day: 1,
        })
    })
}

/// The first date in a line.
pub fn parse_date(line: &str) -> Option<Date> {
    parse_dates(line).into_iter().next()
}

fn number_at(chars: &[char], i: usize, max_len: usize) -> Option<(u32, usize)> {
    let len = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if len == 0 || len > max_len {
        return None;
    }
    let n: String = chars[i..i + len].iter().collect();
    Some((n.parse().ok()?, i + len))
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    i
}

/// A date starting at `i`: year, separator (`년`, `.`, `-` or `/`, after
/// optional spaces), month, the matching separator, day, optional `일`
/// or `.`.
fn date_at(chars: &[char], i: usize) -> Option<(Date, usize)> {
    if i > 0 && chars[i - 1].is_ascii_digit() {
        return None;
    }
    let (year, j) = number_at(chars, i, 4)?;
    if !(1990..=2100).contains(&year) {
        return None;
    }
    let j = skip_spaces(chars, j);
    let sep = *chars.get(j)?;
    let korean = match sep {
        '년' => true,
        '.' | '-' | '/' => false,
        _ => return None,
    };
    let j = skip_spaces(chars, j + 1);
    let (month, j) = number_at(chars, j, 2)?;
    let j = skip_spaces(chars, j);
    let want = if korean { '월' } else { sep };
    if chars.get(j) != Some(&want) {
        return None;
    }
    let j = skip_spaces(chars, j + 1);
    let (day, mut j) = number_at(chars, j, 2)?;
    let after = skip_spaces(chars, j);
    if korean && chars.get(after) == Some(&'일') {
        j = after + 1;
    }
    let date = Date::new(
        year as u16,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )?;
    Some((date, j))
}

/// Whether a value names a company or an institution.
pub fn looks_like_company(s: &str) -> bool {
    const MARKS: [&str; 16] = [
        "(주)",
        "㈜",
        "주식회사",
        "(사)",
        "(재)",
        "(유)",
        "(합)",
        "재단",
        "협회",
        "산학협력단",
        "조합",
        "연구원",
        "공사",
        "공단",
        "Inc",
        "Co.",
    ];
    MARKS.iter().any(|m| s.contains(m))
}

/// Splits `key : value` (also `key: value`, `key :value`) where the key is
/// short; the key comes back without inner spaces (`전 화` → `전화`).
pub fn key_value(line: &str) -> Option<(String, String)> {
    let (k, v) = line.split_once(':')?;
    let key: String = k.chars().filter(|c| !c.is_whitespace()).collect();
    let key = key
        .trim_start_matches(['-', '·', '•', '▶', '*'])
        .to_string();
    if key.is_empty() || key.chars().count() > 12 {
        return None;
    }
    Some((key, normalize_line(v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u16, m: u8, day: u8) -> Date {
        Date {
            year: y,
            month: m,
            day,
        }
    }

    #[test]
    fn leaked_html_tags_are_dropped_and_notes_in_brackets_stay() {
        assert_eq!(
            normalize_line(
                r#"시스템 유지관리 <ul style="list-style-type: none"> · 수탁업체 : (주)피씨엔"#
            ),
            "시스템 유지관리 · 수탁업체 : (주)피씨엔"
        );
        assert_eq!(
            normalize_line("개인정보 수집 <small>※세부항목은 본문 확인</small>\t목적"),
            "개인정보 수집 ※세부항목은 본문 확인 목적"
        );
        assert_eq!(normalize_line("줄<br/>바꿈<BR>끝"), "줄 바꿈 끝");
        for kept in [
            "<개정 2020. 1. 1.>",
            "<별표 1> 참조",
            "a < b > c",
            "<ul",
            "<table 첨부 <b>굵게</b>",
            "<unknown attr>",
        ] {
            let once = normalize_line(kept);
            assert!(once.contains('<'), "{kept} lost its bracket: {once}");
        }
    }

    #[test]
    fn spaced_titles_collapse() {
        assert_eq!(
            collapse_spaced_title("중 구 개 인 정 보 처 리 방 침"),
            ("중구 개인정보 처리방침".to_string(), true)
        );
        assert!(!collapse_spaced_title("남양주시 개인정보 처리방침").1);
    }

    #[test]
    fn dates_in_every_seed_layout() {
        assert_eq!(
            parse_date("이 개인정보 처리방침은 2019년 7월 9일부터 적용합니다."),
            Some(d(2019, 7, 9))
        );
        assert_eq!(
            parse_date("② 이 개인정보 처리방침은 2020. 1. 6부터 적용됩니다."),
            Some(d(2020, 1, 6))
        );
        assert_eq!(
            parse_date("① 이 개인정보 처리방침은 2023. 12. 1부터 적용됩니다."),
            Some(d(2023, 12, 1))
        );
        assert_eq!(
            parse_date("시행일자 : 2011년 9월 30일"),
            Some(d(2011, 9, 30))
        );
        assert_eq!(
            parse_dates("- 2023.05.26. ~ 2024.01.31. (클릭)"),
            vec![d(2023, 5, 26), d(2024, 1, 31)]
        );
        assert_eq!(
            parse_date("[2011. 09. 30까지의 개인정보 처리방침]"),
            Some(d(2011, 9, 30))
        );
        assert_eq!(parse_date("중구 개인정보 처리업무 위탁현황 (2020.6)"), None);
        assert_eq!(parse_date("전화 02-3396-8219"), None);
        assert_eq!(parse_date("2018 년 03월 01일 에 제정"), Some(d(2018, 3, 1)));
        assert_eq!(parse_date("2024-04-15 시행"), Some(d(2024, 4, 15)));
        assert_eq!(parse_date("2024. 2. 30."), None);
        assert_eq!(parse_date("2018.7.27.부터"), Some(d(2018, 7, 27)));
        assert_eq!(parse_date("2017. 06."), None);
        assert_eq!(
            parse_year_month("이 방침은 2017. 06. 부터 시행합니다"),
            Some(d(2017, 6, 1))
        );
        assert_eq!(parse_year_month("2017년 6월부터 적용"), Some(d(2017, 6, 1)));
        assert_eq!(parse_year_month("위탁현황 (2020.6)"), None);
    }

    #[test]
    fn keys_lose_their_inner_spaces() {
        assert_eq!(
            key_value("전 화 : (국번없이) 118"),
            Some(("전화".into(), "(국번없이) 118".into()))
        );
        assert_eq!(
            key_value(" - 이메일 : privacy@seoul.go.kr"),
            Some(("이메일".into(), "privacy@seoul.go.kr".into()))
        );
        assert_eq!(
            key_value("이메일 :"),
            Some(("이메일".into(), String::new()))
        );
    }
}
