//! The pieces of a policy's text a requirement is read from: each sentence
//! of an article's text, and each table row read with its header.

use crate::model::{Article, BlockKind, Policy};

/// A sentence of an article, or a row of one of its tables.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    /// The article it belongs to.
    pub article: &'a Article,
    /// The sentence, or the row as `header: cell · header: cell`.
    pub text: String,
    /// `text` without whitespace and middle dots, for matching keywords
    /// that policies write with and without spaces (`보유 기간`, `보유기간`).
    pub key: String,
    /// For a table row: its cells and the header's, both squashed.
    pub row: Option<Row>,
}

/// A table row with the table's header.
#[derive(Debug, Clone)]
pub struct Row {
    /// The header cells, squashed.
    pub header: Vec<String>,
    /// The row's cells, squashed.
    pub cells: Vec<String>,
}

impl Row {
    /// Whether some column whose header contains one of `heads` (and none
    /// of `not`) has a non-empty, non-placeholder cell in this row.
    pub fn filled_under(&self, heads: &[&str], not: &[&str]) -> bool {
        self.header.iter().zip(&self.cells).any(|(h, c)| {
            heads.iter().any(|w| h.contains(w))
                && !not.iter().any(|w| h.contains(w))
                && !is_placeholder(c)
        })
    }
}

impl Row {
    /// Whether the row is a label and its value (`주요항목 | 성명, 주소`):
    /// its first cell contains one of `labels`, and a later cell says
    /// something.
    pub fn labelled(&self, labels: &[&str]) -> bool {
        self.cells
            .first()
            .is_some_and(|c| labels.iter().any(|l| c.contains(l)))
            && self.cells[1..].iter().any(|c| !is_placeholder(c))
    }
}

/// A cell that says nothing: empty, a dash, `해당없음`.
pub fn is_placeholder(cell: &str) -> bool {
    let c = cell.trim_matches(|c: char| c == '-' || c == '–' || c == '.' || c == '/');
    c.is_empty()
        || c.contains("해당없")
        || c.contains("해당사항없")
        || c == "없음"
        || c == "미해당"
        || c.eq_ignore_ascii_case("n/a")
}

/// Text without whitespace and middle dots.
pub fn key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | 'ㆍ' | '・' | '‧'))
        .collect()
}

/// Every unit of the policy's articles, in order.
pub fn units(policy: &Policy) -> Vec<Unit<'_>> {
    let mut out = Vec::new();
    for article in &policy.articles {
        article_units(article, &mut out);
    }
    out
}

/// The units of one article.
pub fn article_units<'a>(article: &'a Article, out: &mut Vec<Unit<'a>>) {
    for block in &article.blocks {
        if block.kind == BlockKind::Table {
            table_units(article, &block.rows, out);
        } else {
            for s in sentences(&block.text) {
                out.push(Unit {
                    article,
                    key: key(s),
                    text: s.to_string(),
                    row: None,
                });
            }
        }
    }
}

fn table_units<'a>(article: &'a Article, rows: &[Vec<String>], out: &mut Vec<Unit<'a>>) {
    let Some((header, body)) = rows.split_first() else {
        return;
    };
    let header_keys: Vec<String> = header.iter().map(|h| key(h)).collect();
    for r in body {
        let text = header
            .iter()
            .zip(r)
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(h, c)| {
                let c = c.split_whitespace().collect::<Vec<_>>().join(" ");
                if h.trim().is_empty() || key(h) == key(&c) {
                    c
                } else {
                    format!(
                        "{}: {c}",
                        h.split_whitespace().collect::<Vec<_>>().join(" ")
                    )
                }
            })
            .collect::<Vec<_>>()
            .join(" · ");
        out.push(Unit {
            article,
            key: key(&format!("{} {}", header.join(" "), r.join(" "))),
            text,
            row: Some(Row {
                header: header_keys.clone(),
                cells: r.iter().map(|c| key(c)).collect(),
            }),
        });
    }
}

/// Splits a line into sentences: after `.`, `?` or `!` that ends a Korean
/// word (`합니다.`, also when the next sentence follows without a space),
/// not after the dots of a date (`2024. 1. 1.`).
pub fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut it = line.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let ends = matches!(c, '.' | '?' | '!')
            && prev.is_some_and(is_hangul)
            && it
                .peek()
                .is_none_or(|(_, n)| n.is_whitespace() || is_hangul(*n));
        if ends {
            let end = i + c.len_utf8();
            push_trimmed(&mut out, &line[start..end]);
            start = end;
        }
        prev = Some(c);
    }
    push_trimmed(&mut out, &line[start..]);
    out
}

fn push_trimmed<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let s = s.trim();
    if !s.is_empty() {
        out.push(s);
    }
}

fn is_hangul(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

/// Whether `key` contains any of `words`.
pub fn has_any(key: &str, words: &[&str]) -> bool {
    words.iter().any(|w| key.contains(w))
}

/// How many of `words` occur in `key`.
pub fn count_of(key: &str, words: &[&str]) -> usize {
    words.iter().filter(|w| key.contains(*w)).count()
}

/// Whether the text names a length of time (`3년`, `6개월`, `30일`,
/// `영구`, `탈퇴 시까지`).
pub fn names_period(key: &str) -> bool {
    let chars: Vec<char> = key.chars().collect();
    let numbered = chars.windows(2).enumerate().any(|(i, w)| {
        w[0].is_ascii_digit() && {
            let rest: String = chars[i + 1..].iter().take(2).collect();
            rest.starts_with('년') || rest.starts_with("개월") || rest.starts_with('일')
        }
    });
    numbered
        || has_any(
            key,
            &[
                "영구",
                "탈퇴시",
                "탈퇴할때",
                "종료시",
                "종료일",
                "달성시까지",
            ],
        )
}

/// Whether the text has a phone number or an e-mail address (also one
/// written `privacy(at)seoul.go.kr` against address harvesters).
pub fn has_reach(text: &str) -> bool {
    text.contains(['@', '＠']) || text.contains("(at)") || text.contains("[at]") || has_phone(text)
}

/// A phone number: groups of digits joined by `-`, `)` or `.` (or a
/// `~` range of the last group: `02-2133-2971~2`), the last group of three
/// digits or more (`02-2133-2971`, `031)590-2114`, `02.2133.2971`,
/// `1588-0000`).
pub fn has_phone(text: &str) -> bool {
    let mut digits = 0;
    let mut groups = 0;
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits += 1;
        } else if matches!(c, '-' | ')' | '.' | '~') && digits >= 2 {
            groups += 1;
            digits = 0;
        } else {
            if groups >= 1 && digits >= 3 {
                return true;
            }
            digits = 0;
            groups = 0;
        }
    }
    false
}

/// Whether the text names a date (`2024. 1. 1.`, `2024년 1월`,
/// `2024-01-01`): a year of this or the last century standing on its own,
/// not the middle of a phone number (`1588-2024`).
pub fn names_date(key: &str) -> bool {
    let chars: Vec<char> = key.chars().collect();
    (0..chars.len().saturating_sub(4)).any(|i| {
        let w = &chars[i..i + 5];
        w[..4].iter().all(|c| c.is_ascii_digit())
            && matches!((w[0], w[1]), ('1', '9') | ('2', '0'))
            && matches!(w[4], '.' | '년' | '-')
            && (i == 0 || !(chars[i - 1].is_ascii_digit() || chars[i - 1] == '-'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_after_korean_words_not_dates() {
        assert_eq!(
            sentences("이 방침은 2024. 1. 1.부터 적용됩니다. 이전 방침은 아래에서 봅니다."),
            vec![
                "이 방침은 2024. 1. 1.부터 적용됩니다.",
                "이전 방침은 아래에서 봅니다."
            ]
        );
        assert_eq!(sentences("① 항목: 성명"), vec!["① 항목: 성명"]);
    }

    #[test]
    fn periods_phones_dates() {
        assert!(names_period(&key("회원 탈퇴 시까지")));
        assert!(names_period(&key("보유기간 : 3 년")) || names_period("보유기간:3년"));
        assert!(names_period("6개월"));
        assert!(!names_period("지체없이파기합니다"));
        assert!(has_phone("전화 02-2133-2971"));
        assert!(has_phone("031)590-2114"));
        assert!(!has_phone("제3조 ① 2024. 1. 1."));
        assert!(has_phone("☎ 02.2133.2971"));
        assert!(has_reach("privacy(at)seoul.go.kr"));
        assert!(!names_date("1588-2024."));
        assert!(has_reach("privacy@seoul.go.kr"));
        assert!(names_date(&key("2024. 10. 22.")));
        assert!(names_date("2019년1월"));
        assert!(!names_date("제17조"));
    }

    #[test]
    fn placeholders() {
        assert!(is_placeholder("해당없음"));
        assert!(is_placeholder("-"));
        assert!(!is_placeholder("3년"));
    }
}
