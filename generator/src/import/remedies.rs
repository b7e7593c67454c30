//! Remedies (권익침해 구제방법): the outside bodies a citizen can turn to,
//! from `▶ 이름 (운영 기관)` lines with `- 전화 : …` fields, one-line
//! entries (`이름 : (국번없이) 118 (www…)`, `이름 (http://… | ☎ 118)`),
//! and tables (by header, or as name/number pairs).

use super::extract::{blocks_in, email_in, literal_terms, unmarked};
use super::text::{key_value, normalize_line, squash};
use crate::model::{Block, BlockKind, Category, Policy, Remedy};

/// A web address in a text: (normalised address, span of it with the
/// brackets and slashes around it).
fn url_in(text: &str) -> Option<(String, usize, usize)> {
    let (t, _) = literal_terms(text).into_iter().find(|(t, _)| {
        t.text.contains('.')
            && !t.text.contains('@')
            && t.text.chars().any(|c| c.is_ascii_alphabetic())
    })?;
    let bytes = text.as_bytes();
    let (mut start, mut end) = (t.start, t.end);
    while start > 0 && matches!(bytes[start - 1], b'(' | b'<') {
        start -= 1;
    }
    while end < bytes.len() && matches!(bytes[end], b')' | b'>' | b'/') {
        end += 1;
    }
    Some((t.text, start, end))
}

/// Whether a name is an outside body a citizen can turn to.
fn is_body_name(name: &str) -> bool {
    let n = squash(name);
    let sentence_word = |w: &str| {
        [
            "은", "는", "을", "를", "에", "에서", "하고", "며", "다", "하여",
        ]
        .iter()
        .any(|e| w.ends_with(e))
    };
    n.chars().count() <= 30
        && name.split_whitespace().count() <= 6
        && !name.split_whitespace().any(sentence_word)
        && [
            "센터",
            "위원회",
            "수사단",
            "안전국",
            "수사과",
            "수사국",
            "경찰청",
            "검찰청",
            "포털",
            "분쟁조정",
            "행정심판위",
            "침해신고",
        ]
        .iter()
        .any(|k| n.contains(k))
}

/// Splits `이름 (운영 기관)` / `이름 (http://… | ☎ 118)`: a parenthesis
/// that holds an address or a number is details, not the operator.
fn name_and_bracket(head: &str) -> (&str, &str, &str) {
    match head.split_once('(') {
        Some((n, rest)) => {
            let inner = rest.trim_end_matches(|c: char| c == ')' || c.is_whitespace());
            let inner = inner.split(')').next().unwrap_or(inner).trim();
            if url_in(inner).is_some() || inner.chars().any(|c| c.is_ascii_digit()) {
                (n.trim(), "", rest)
            } else {
                (n.trim(), inner, "")
            }
        }
        None => (head, "", ""),
    }
}

/// Bodies a remedy section names in a sentence (`…중앙행정심판위원회
/// (www.simpan.go.kr)의 …`) that no entry lists.
fn mentioned(blocks: &[&Block], listed: &[Remedy]) -> Vec<Remedy> {
    const BODIES: [&str; 2] = ["중앙행정심판위원회", "국민권익위원회"];
    let mut out = Vec::new();
    for body in BODIES {
        if listed.iter().any(|r| squash(&r.name).contains(body)) {
            continue;
        }
        if let Some(b) = blocks
            .iter()
            .find(|b| b.kind != BlockKind::Table && squash(&b.text).contains(body))
        {
            let at = b.text.find(body).unwrap_or(0);
            let url = url_in(&b.text[at..])
                .filter(|u| u.1 < body.len() + 4)
                .map(|u| u.0)
                .unwrap_or_default();
            out.push(Remedy {
                name: body.to_string(),
                url,
                ..Remedy::default()
            });
        }
    }
    out
}

/// The remedy bodies a policy lists under 권익침해 구제방법.
pub fn remedies(policy: &Policy) -> Vec<Remedy> {
    let mut out = listed(policy);
    let blocks: Vec<&Block> = blocks_in(policy, &[Category::Remedies]).collect();
    let named = mentioned(&blocks, &out);
    out.extend(named);
    out
}

fn listed(policy: &Policy) -> Vec<Remedy> {
    let mut out = Vec::new();
    let blocks: Vec<&Block> = blocks_in(policy, &[Category::Remedies]).collect();
    let mut i = 0;
    while i < blocks.len() {
        let b = blocks[i];
        if b.kind == BlockKind::Table {
            out.extend(remedy_table(b));
            i += 1;
            continue;
        }
        let text = unmarked(&b.text);
        let (head, tail) = match text.split_once(" : ").or_else(|| text.split_once(':')) {
            Some((h, t)) => (h.trim(), t.trim()),
            None => (text, ""),
        };
        let (name, operator, details) = name_and_bracket(head);
        let next_is_field = blocks
            .get(i + 1)
            .is_some_and(|n| n.kind != BlockKind::Table && key_value(unmarked(&n.text)).is_some());
        let plain_ok =
            b.kind == BlockKind::Item || next_is_field || !details.is_empty() || !tail.is_empty();
        if !is_body_name(name) || !plain_ok || text.chars().count() > 120 || name.ends_with('다') {
            i += 1;
            continue;
        }
        let mut r = Remedy {
            name: name.to_string(),
            operator: operator.to_string(),
            ..Remedy::default()
        };
        remedy_value(&mut r, &format!("{details} {tail}"));
        i += 1;
        while i < blocks.len() && blocks[i].kind != BlockKind::Table {
            let Some((key, value)) = key_value(unmarked(&blocks[i].text)) else {
                break;
            };
            if key.contains("소관") || key.contains("업무") {
                r.duties = value;
            } else if key.contains("홈페이지") || key.eq_ignore_ascii_case("url") {
                r.url = url_in(&value).map_or_else(|| value.clone(), |u| u.0);
                if r.phone.is_empty() && value.contains("전화") {
                    remedy_value(
                        &mut r,
                        value
                            .split("전화")
                            .nth(1)
                            .unwrap_or_default()
                            .trim_start_matches([' ', ':']),
                    );
                }
            } else if key.contains("전화") {
                r.phone = value;
            } else if key.contains("주소") {
                r.address = value;
            } else if key.contains("메일") {
                r.email = email_in(&value);
            } else {
                break;
            }
            i += 1;
        }
        out.push(r);
    }
    out
}

/// `1833-6972(www.kopico.go.kr)`, `(국번없이) 1301 (www.spo.go.kr)`,
/// `http://privacy.kisa.or.kr | ☎ 118)`: the address, and the rest as the
/// phone when it holds digits (else as the duties).
fn remedy_value(r: &mut Remedy, value: &str) {
    let mut rest = value.to_string();
    if let Some((url, start, end)) = url_in(value) {
        r.url = url;
        rest = format!("{}{}", &value[..start], &value[end..]);
    }
    if let Some(email) = Some(email_in(&rest)).filter(|e| !e.is_empty()) {
        rest = rest.replace(&email, "");
        r.email = email;
    }
    let rest = normalize_line(&rest.replace(['|', '☎'], " "));
    let rest = balanced(rest.trim_matches(|c: char| matches!(c, ' ' | ',' | ';')));
    // `…(www…)의 홈페이지 참고`: the sentence around an address is no duty.
    let particle = ["의", "에", "를", "을", "로"]
        .iter()
        .any(|p| rest.starts_with(p));
    if rest.chars().any(|c| c.is_ascii_digit()) {
        r.phone = rest.to_string();
    } else if !rest.is_empty() && r.duties.is_empty() && !particle {
        r.duties = rest.to_string();
    }
}

/// A text without brackets left open or closed on its own at either end:
/// `(국번없이) 118)` → `(국번없이) 118`, `(118)` → `118`.
fn balanced(s: &str) -> &str {
    let mut t = s.trim();
    loop {
        let open = t.matches('(').count();
        let close = t.matches(')').count();
        if t.starts_with('(') && t.ends_with(')') && open == 1 && close == 1 {
            t = t[1..t.len() - 1].trim();
        } else if close > open && t.ends_with(')') {
            t = t[..t.len() - 1].trim_end();
        } else if open > close && t.starts_with('(') {
            t = t[1..].trim_start();
        } else if open > close && t.ends_with('(') {
            t = t[..t.len() - 1].trim_end();
        } else {
            return t;
        }
    }
}

fn remedy_table(table: &Block) -> Vec<Remedy> {
    let Some(header) = table.rows.first() else {
        return Vec::new();
    };
    let heads: Vec<String> = header.iter().map(|h| squash(h)).collect();
    let phones = heads.iter().filter(|h| h.contains("전화")).count();
    if phones <= 1
        && heads
            .iter()
            .any(|h| h.contains("전화") || h.eq_ignore_ascii_case("url"))
    {
        return named_rows(table, &heads);
    }
    paired_cells(table)
}

/// Rows of a table of bodies and numbers, read as pairs of cells (a name,
/// then its number), two or more pairs a row, the first row included when
/// it holds no header words.
fn paired_cells(table: &Block) -> Vec<Remedy> {
    let mut out = Vec::new();
    for row in &table.rows {
        for pair in row.windows(2) {
            let (name, phone) = (pair[0].trim(), pair[1].trim());
            if is_body_name(name) && phone.chars().any(|c| c.is_ascii_digit()) {
                out.push(Remedy {
                    name: name.to_string(),
                    phone: phone.split(',').next().unwrap_or(phone).trim().to_string(),
                    ..Remedy::default()
                });
            }
        }
    }
    out
}

fn named_rows(table: &Block, heads: &[String]) -> Vec<Remedy> {
    table.rows[1..]
        .iter()
        .map(|row| {
            let mut r = Remedy::default();
            for (h, cell) in heads.iter().zip(row) {
                if h == "구분" {
                    r.name = cell.clone();
                } else if h.contains("기관") {
                    r.operator = cell.clone();
                } else if h.eq_ignore_ascii_case("url") || h.contains("홈페이지") {
                    r.url = cell.clone();
                } else if h.contains("전화") {
                    r.phone = cell.clone();
                }
            }
            if r.name.is_empty() {
                r.name = std::mem::take(&mut r.operator);
            }
            r
        })
        .filter(|r| !r.name.is_empty())
        .collect()
}
