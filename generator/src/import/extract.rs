//! Helpers the data readers share (blocks of given categories, markers,
//! phones, e-mails, key/value cells), and the readers of labels and of
//! registered files and retention tables.

use bangchim_core::analysis::{Piece, Term, pretokenize};

use super::text::{key_value, normalize_line, squash};
use crate::model::{
    Block, BlockKind, Category, Label, LabelKind, Policy, RegisteredFile, Retention,
};

pub(super) fn blocks_in<'a>(
    policy: &'a Policy,
    categories: &'a [Category],
) -> impl Iterator<Item = &'a Block> + 'a {
    policy
        .articles
        .iter()
        .filter(move |a| categories.contains(&a.category))
        .flat_map(|a| a.blocks.iter())
}

pub(super) fn all_blocks(policy: &Policy) -> impl Iterator<Item = &Block> {
    policy
        .preamble
        .iter()
        .chain(policy.articles.iter().flat_map(|a| a.blocks.iter()))
}

/// Text with HTML tags removed and white space normalised.
pub(super) fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '<' => depth += 1,
            '>' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    normalize_line(&out)
}

/// The text of a line without its scraped `- ` and its marker.
pub(super) fn unmarked(text: &str) -> &str {
    let t = text.trim_start_matches(['-', ' ']);
    let t = t.trim_start_matches(['•', '▶', '○', '·', '※', '*', ' ']);
    let t = t.strip_prefix("o ").unwrap_or(t);
    // 1. / 가. / 1)
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    let t2 = &t[digits..];
    if digits > 0 && (t2.starts_with(". ") || t2.starts_with(") ")) {
        return t2[2..].trim_start();
    }
    t
}

/// The primary literal terms of a text (phones, addresses, words; not
/// their same-position variants), each with the variant that follows it.
pub(super) fn literal_terms(text: &str) -> Vec<(Term, Option<Term>)> {
    let mut out = Vec::new();
    for piece in pretokenize(text) {
        if let Piece::Terms(terms) = piece {
            for (i, t) in terms.iter().enumerate() {
                if !t.same_position {
                    let next = terms.get(i + 1).filter(|n| n.same_position).cloned();
                    out.push((t.clone(), next));
                }
            }
        }
    }
    out
}

/// Phone numbers as written in a text, with the byte offset of each.
pub(super) fn phones_in(text: &str) -> Vec<(usize, String)> {
    literal_terms(text)
        .into_iter()
        .filter(|(t, variant)| {
            // The phone scanner gives the hyphenated number, then its digits.
            t.text.contains('-')
                && t.text.chars().all(|c| c.is_ascii_digit() || c == '-')
                && variant
                    .as_ref()
                    .is_some_and(|v| v.text.chars().all(|c| c.is_ascii_digit()))
        })
        .map(|(t, _)| {
            let written = text[t.start..t.end]
                .trim_start_matches(['(', '<'])
                .trim_end_matches(['>', ')', ',']);
            (t.start, written.to_string())
        })
        .collect()
}

pub(super) fn email_in(text: &str) -> String {
    literal_terms(text)
        .into_iter()
        .find(|(t, _)| t.text.contains('@'))
        .and_then(|(t, _)| text.get(t.start..t.end))
        .map(|s| {
            s.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | ','))
                .to_string()
        })
        .unwrap_or_default()
}

/// Splits `· 수탁업체 : A · 주소 : B 전화 : C` into its key/value parts:
/// at `·`/`•`/`○` markers, or before each short key followed by `:`.
pub(super) fn keyed_parts(cell: &str) -> Vec<(String, String)> {
    let marked: Vec<&str> = cell
        .split(['·', '•', '○'])
        .filter(|p| !p.trim().is_empty())
        .collect();
    if marked.len() > 1 {
        return marked.iter().filter_map(|p| key_value(p)).collect();
    }
    // Cut before every `key :` whose key is one short word.
    let words: Vec<&str> = cell.split(' ').collect();
    let mut parts: Vec<String> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let next_is_colon = words.get(i + 1).is_some_and(|n| *n == ":") || w.ends_with(':');
        let key = w.trim_end_matches(':');
        let is_key = next_is_colon && (1..=6).contains(&key.chars().count());
        if is_key || parts.is_empty() {
            parts.push(w.to_string());
        } else if let Some(last) = parts.last_mut() {
            last.push(' ');
            last.push_str(w);
        }
    }
    parts.iter().filter_map(|p| key_value(p)).collect()
}

// ---------------------------------------------------------------- labels

fn label_kind(name: &str) -> LabelKind {
    let n = squash(name);
    if n.contains("목적") {
        LabelKind::Purpose
    } else if n.contains("보유") || n.contains("기간") {
        LabelKind::Retention
    } else if n.contains("위탁") {
        LabelKind::Entrustment
    } else if n.contains("제공") {
        LabelKind::Provision
    } else if n.contains("고충") || n.contains("열람") || n.contains("부서") {
        LabelKind::Complaint
    } else if n.contains("수집") || n.contains("항목") {
        LabelKind::Items
    } else {
        LabelKind::Other
    }
}

/// The 라벨링 table: a title row, then rows of captions and rows of values.
pub(super) fn labels(preamble: &[Block]) -> Vec<Label> {
    let Some(table) = preamble.iter().find(|b| {
        b.kind == BlockKind::Table
            && b.rows
                .first()
                .is_some_and(|r| r.iter().any(|c| c.contains("라벨링")))
    }) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for pair in table.rows[1..].chunks(2) {
        let [names, values] = pair else { break };
        for (name, value) in names.iter().zip(values) {
            let name = strip_tags(name);
            let name = name.split('※').next().unwrap_or(&name).trim().to_string();
            if name.is_empty() {
                continue;
            }
            out.push(Label {
                kind: label_kind(&name),
                name,
                value: value.clone(),
            });
        }
    }
    out
}

// ---------------------------------------------------------------- files and retention

/// Tables with a 보유기간 column: of registered files when they name a
/// 파일명 column (and are not the trustee table), else of retention.
pub(super) fn files_and_retention(policy: &Policy) -> (Vec<RegisteredFile>, Vec<Retention>) {
    let (mut files, mut retention) = (Vec::new(), Vec::new());
    for table in all_blocks(policy).filter(|b| b.kind == BlockKind::Table) {
        let Some(header) = table.rows.first() else {
            continue;
        };
        let heads: Vec<String> = header.iter().map(|h| squash(h)).collect();
        if !heads.iter().any(|h| h.contains("보유기간")) {
            continue;
        }
        let is_file_table = heads.iter().any(|h| h.contains("파일명"));
        for row in &table.rows[1..] {
            let cell = |pred: &dyn Fn(&str) -> bool| {
                heads
                    .iter()
                    .zip(row)
                    .find(|(h, _)| pred(h))
                    .map(|(_, c)| c.clone())
                    .unwrap_or_default()
            };
            let items = cell(&|h| h.contains("항목"));
            let period = cell(&|h| h.contains("보유기간"));
            let note = cell(&|h| h.contains("비고"));
            if is_file_table {
                files.push(RegisteredFile {
                    name: cell(&|h| h.contains("파일명")),
                    purpose: cell(&|h| h.contains("목적") || h.contains("근거")),
                    items,
                    retention: period,
                    note,
                });
            } else {
                retention.push(Retention {
                    service: row.first().cloned().unwrap_or_default(),
                    items,
                    period,
                    note,
                });
            }
        }
    }
    (files, retention)
}
