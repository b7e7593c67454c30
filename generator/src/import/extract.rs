//! Structured data read out of a policy's blocks: dates and versions,
//! labels, trustees, contacts and remedies. The blocks themselves stay as
//! they are (the policy's published wording); these are the data.

use bangchim_core::analysis::{Piece, Term, pretokenize};

use super::text::{key_value, normalize_line, parse_dates, squash};
use crate::model::{
    Block, BlockKind, Category, Contact, Label, LabelKind, Policy, Remedy, Role, Trustee, Version,
};
use crate::model::{RegisteredFile, Retention};

/// Fills the policy's structured fields from its blocks.
pub fn fill(policy: &mut Policy, warnings: &mut Vec<String>) {
    dates(policy);
    policy.labels = labels(&policy.preamble);
    policy.trustees = trustees(policy);
    if policy.trustees.is_empty() {
        policy.trustee_reference = trustee_reference(policy);
    }
    policy.contacts = contacts(policy);
    policy.remedies = remedies(policy);
    (policy.files, policy.retention) = files_and_retention(policy);
    if policy.contacts.is_empty() {
        warnings.push("no privacy officer or contact found".to_string());
    }
}

fn blocks_in<'a>(
    policy: &'a Policy,
    categories: &'a [Category],
) -> impl Iterator<Item = &'a Block> + 'a {
    policy
        .articles
        .iter()
        .filter(move |a| categories.contains(&a.category))
        .flat_map(|a| a.blocks.iter())
}

fn all_blocks(policy: &Policy) -> impl Iterator<Item = &Block> {
    policy
        .preamble
        .iter()
        .chain(policy.articles.iter().flat_map(|a| a.blocks.iter()))
}

/// Text with HTML tags removed and white space normalised.
fn strip_tags(s: &str) -> String {
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
fn unmarked(text: &str) -> &str {
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

// ---------------------------------------------------------------- dates

fn dates(policy: &mut Policy) {
    let mut effective = None;
    let mut changed = None;
    let mut enforced = None;
    let mut versions = Vec::new();
    let lines: Vec<String> = blocks_in(policy, &[Category::Changes])
        .filter(|b| b.kind != BlockKind::Table)
        .map(|b| b.text.clone())
        .collect();
    for line in &lines {
        let found = parse_dates(line);
        let Some(&first) = found.first() else {
            continue;
        };
        let key = squash(line);
        if key.contains("부터")
            && (key.contains("적용") || key.contains("시행"))
            && effective.is_none()
        {
            effective = Some(first);
            continue;
        }
        if key.starts_with("변경일자") {
            changed = Some(first);
        } else if key.starts_with("시행일자") {
            enforced = Some(first);
        }
        let (from, until) = match found.as_slice() {
            [a, b, ..] => (Some(*a), Some(*b)),
            [a] if key.contains("까지") => (None, Some(*a)),
            [a] => (Some(*a), None),
            [] => unreachable!(),
        };
        versions.push(Version {
            label: line.clone(),
            from,
            until,
        });
    }
    // `변경일자` is the date the current text took effect; drop it from the
    // list of earlier versions it was added to above.
    if effective.is_none() {
        effective = changed.or(enforced);
        if let Some(e) = changed {
            versions.retain(|v| v.from != Some(e) || !squash(&v.label).starts_with("변경일자"));
        }
    }
    policy.effective = effective;
    policy.versions = versions;
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
fn labels(preamble: &[Block]) -> Vec<Label> {
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

// ---------------------------------------------------------------- trustees

#[derive(Clone, Copy, PartialEq)]
enum TrusteeCol {
    Company,
    Task,
    Department,
    Manager,
    Phone,
    Items,
    File,
    Note,
    Skip,
}

fn trustee_col(header: &str) -> TrusteeCol {
    let h = squash(header);
    if h.contains("항목") || (h.contains("개인정보") && !h.contains("파일")) {
        TrusteeCol::Items
    } else if h.contains("업체") || h.contains("수탁자") {
        TrusteeCol::Company
    } else if h.contains("파일") {
        TrusteeCol::File
    } else if h.contains("사무") || h.contains("업무") {
        TrusteeCol::Task
    } else if h.contains("부서") {
        TrusteeCol::Department
    } else if h.contains("담당자") {
        TrusteeCol::Manager
    } else if h.contains("연락처") || h.contains("전화") {
        TrusteeCol::Phone
    } else if h.contains("비고") {
        TrusteeCol::Note
    } else {
        TrusteeCol::Skip
    }
}

fn trustees(policy: &Policy) -> Vec<Trustee> {
    let mut out = Vec::new();
    for table in all_blocks(policy).filter(|b| b.kind == BlockKind::Table) {
        let Some(header) = table.rows.first() else {
            continue;
        };
        let cols: Vec<TrusteeCol> = header.iter().map(|h| trustee_col(h)).collect();
        if !cols.contains(&TrusteeCol::Company) || !cols.contains(&TrusteeCol::Task) {
            continue;
        }
        for row in &table.rows[1..] {
            let mut t = Trustee::default();
            for (col, cell) in cols.iter().zip(row) {
                let cell = cell.clone();
                match col {
                    TrusteeCol::Company => company_cell(&mut t, &cell),
                    TrusteeCol::Task => t.task = cell,
                    TrusteeCol::Department => t.department = cell,
                    TrusteeCol::Manager => t.manager = cell,
                    TrusteeCol::Phone => t.phone = cell,
                    TrusteeCol::Items => {
                        t.items = cell
                            .split(',')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(String::from)
                            .collect()
                    }
                    TrusteeCol::File => t.file = cell,
                    TrusteeCol::Note => t.note = cell,
                    TrusteeCol::Skip => {}
                }
            }
            if !t.company.is_empty() || !t.task.is_empty() {
                out.push(t);
            }
        }
    }
    out
}

/// A company cell: a name, or `· 수탁업체 : … · 주소 : … · 전화번호 : …`.
fn company_cell(t: &mut Trustee, cell: &str) {
    let cell = strip_tags(cell);
    if !cell.contains(':') {
        t.company = cell;
        return;
    }
    for part in cell.split(['·', '•']) {
        let Some((key, value)) = key_value(part) else {
            continue;
        };
        if key.contains("업체") || key.contains("수탁") || key.contains("상호") {
            t.company = value;
        } else if key.contains("주소") {
            t.company_address = value;
        } else if key.contains("전화") || key.contains("연락처") {
            t.company_phone = value;
        }
    }
}

fn trustee_reference(policy: &Policy) -> Option<String> {
    blocks_in(policy, &[Category::Entrustment])
        .filter(|b| b.kind != BlockKind::Table)
        .map(|b| &b.text)
        .find(|t| {
            let s = squash(t);
            s.contains("위탁")
                && (s.contains("현황") || s.contains("다운로드"))
                && s.chars().count() < 40
        })
        .cloned()
}

// ---------------------------------------------------------------- contacts

fn role_of(text: &str) -> Option<Role> {
    let s = squash(text);
    if s.contains("분야별") && s.contains("책임자") {
        Some(Role::FieldOfficer)
    } else if s.contains("분야별") && s.contains("담당자") {
        Some(Role::FieldContact)
    } else if s.contains("보호책임자") {
        Some(Role::PrivacyOfficer)
    } else if s.contains("보호담당자") {
        Some(Role::PrivacyContact)
    } else {
        None
    }
}

/// The primary literal terms of a text (phones, addresses, words; not
/// their same-position variants), each with the variant that follows it.
fn literal_terms(text: &str) -> Vec<(Term, Option<Term>)> {
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
fn phones_in(text: &str) -> Vec<(usize, String)> {
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

fn email_in(text: &str) -> String {
    literal_terms(text)
        .into_iter()
        .map(|(t, _)| t.text)
        .find(|t| t.contains('@'))
        .unwrap_or_default()
}

/// Reads phones, e-mail and fax out of a contact text.
fn contact_details(c: &mut Contact, text: &str) {
    let fax_at = ["팩스", "FAX", "Fax", "fax", "F A X"]
        .iter()
        .filter_map(|k| text.find(k))
        .min();
    for (at, phone) in phones_in(text) {
        if fax_at.is_some_and(|f| at > f) && c.fax.is_empty() {
            c.fax = phone;
        } else if !c.phones.contains(&phone) {
            c.phones.push(phone);
        }
    }
    if c.email.is_empty() {
        c.email = email_in(text);
    }
}

fn new_contact(role: Role) -> Contact {
    Contact {
        role,
        department: String::new(),
        name: String::new(),
        title: String::new(),
        phones: Vec::new(),
        email: String::new(),
        fax: String::new(),
    }
}

fn contacts(policy: &Policy) -> Vec<Contact> {
    let mut out: Vec<Contact> = Vec::new();
    // Tables with a 성명 column.
    for table in all_blocks(policy).filter(|b| b.kind == BlockKind::Table) {
        let Some(header) = table.rows.first() else {
            continue;
        };
        let heads: Vec<String> = header.iter().map(|h| squash(h)).collect();
        let Some(name_col) = heads.iter().position(|h| h == "성명") else {
            continue;
        };
        for row in &table.rows[1..] {
            let Some(role) = row.iter().find_map(|c| role_of(c)) else {
                continue;
            };
            let mut c = new_contact(role);
            c.name = row.get(name_col).cloned().unwrap_or_default();
            for (h, cell) in heads.iter().zip(row) {
                if h.contains("부서") && !h.contains("연락처") {
                    c.department = cell.clone();
                } else if h == "직급" || h == "직위" {
                    c.title = cell.clone();
                } else if h.contains("연락처") || h.contains("전화") {
                    contact_details(&mut c, cell);
                }
            }
            out.push(c);
        }
    }
    // Loose lines: `개인정보 보호 책임자 : 부서 이름` or `o 개인정보 보호책임자 유`, then `key : value` lines.
    let lines: Vec<&Block> = blocks_in(policy, &[Category::Officer, Category::AccessRequest])
        .filter(|b| b.kind != BlockKind::Table)
        .collect();
    let mut i = 0;
    while i < lines.len() {
        let text = unmarked(&lines[i].text);
        let head = text.split(':').next().unwrap_or(text);
        let starts = text.chars().count() < 40
            && !text.ends_with('.')
            && squash(head).starts_with("개인정보");
        match role_of(head).filter(|_| starts) {
            Some(role) => {
                let mut c = new_contact(role);
                let rest = match text.split_once(':') {
                    Some((_, v)) => normalize_line(v),
                    None => {
                        let key = ["책임자", "담당자"]
                            .iter()
                            .filter_map(|k| text.find(k).map(|at| at + k.len()))
                            .min();
                        normalize_line(&text[key.unwrap_or(text.len())..])
                    }
                };
                if let Some((dept, name)) = rest.rsplit_once(' ') {
                    c.department = dept.to_string();
                    c.name = name.to_string();
                } else {
                    c.name = rest;
                }
                i += 1;
                while i < lines.len() {
                    let Some((key, value)) = key_value(unmarked(&lines[i].text)) else {
                        break;
                    };
                    if role_of(&key).is_some() {
                        break;
                    }
                    apply_contact_field(&mut c, &key, &value);
                    i += 1;
                }
                out.push(c);
            }
            None if squash(text).contains("열람청구")
                && (text.contains("부서") || text.contains("접수"))
                && lines[i].kind == BlockKind::Item =>
            {
                let mut c = new_contact(Role::AccessRequest);
                i += 1;
                while i < lines.len() {
                    let Some((key, value)) = key_value(unmarked(&lines[i].text)) else {
                        break;
                    };
                    apply_contact_field(&mut c, &key, &value);
                    i += 1;
                }
                if c.name.is_empty() && c.phones.is_empty() {
                    continue;
                }
                // The same person already listed without a phone of their
                // own: the desk completes that entry.
                if let Some(same) = out
                    .iter_mut()
                    .find(|o| o.name == c.name && o.phones.is_empty())
                {
                    same.phones = c.phones;
                    if same.email.is_empty() {
                        same.email = c.email;
                    }
                } else {
                    out.push(c);
                }
            }
            None => i += 1,
        }
    }
    out
}

fn apply_contact_field(c: &mut Contact, key: &str, value: &str) {
    if key.contains("부서") {
        c.department = value.to_string();
    } else if key.contains("담당자") || key == "성명" {
        let mut words = value.split_whitespace();
        c.name = words.next().unwrap_or_default().to_string();
        c.title = words.collect::<Vec<_>>().join(" ");
    } else if key.contains("메일") {
        c.email = email_in(value);
    } else if key.eq_ignore_ascii_case("fax") || key.contains("팩스") {
        if let Some((_, p)) = phones_in(value).into_iter().next() {
            c.fax = p;
        }
    } else if key.contains("전화") || key.contains("연락처") {
        contact_details(c, value);
    }
}

// ---------------------------------------------------------------- remedies

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

fn is_body_name(name: &str) -> bool {
    let n = squash(name);
    n.chars().count() <= 30
        && [
            "센터",
            "위원회",
            "수사단",
            "안전국",
            "수사과",
            "수사국",
            "경찰청",
            "검찰청",
        ]
        .iter()
        .any(|k| n.contains(k))
}

fn remedies(policy: &Policy) -> Vec<Remedy> {
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
        if b.kind != BlockKind::Item {
            i += 1;
            continue;
        }
        let text = unmarked(&b.text);
        let (head, tail) = match text.split_once(" : ").or_else(|| text.split_once(':')) {
            Some((h, t)) => (h.trim(), t.trim()),
            None => (text, ""),
        };
        let (name, operator) = match head.split_once('(') {
            Some((n, op)) => (n.trim(), op.trim_end_matches(')').trim()),
            None => (head, ""),
        };
        if !is_body_name(name) {
            i += 1;
            continue;
        }
        let mut r = Remedy {
            name: name.to_string(),
            operator: operator.to_string(),
            ..Remedy::default()
        };
        remedy_value(&mut r, tail);
        i += 1;
        while i < blocks.len() && blocks[i].kind != BlockKind::Table {
            let Some((key, value)) = key_value(unmarked(&blocks[i].text)) else {
                break;
            };
            if key.contains("소관") || key.contains("업무") {
                r.duties = value;
            } else if key.contains("홈페이지") || key.eq_ignore_ascii_case("url") {
                r.url = url_in(&value).map(|u| u.0).unwrap_or(value);
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

/// `1833-6972(www.kopico.go.kr)`, `(국번없이) 1301 (www.spo.go.kr)`.
fn remedy_value(r: &mut Remedy, value: &str) {
    let mut rest = value.to_string();
    if let Some((url, start, end)) = url_in(value) {
        r.url = url;
        rest = format!("{}{}", &value[..start], &value[end..]);
    }
    r.phone = normalize_line(&rest);
}

fn remedy_table(table: &Block) -> Vec<Remedy> {
    let Some(header) = table.rows.first() else {
        return Vec::new();
    };
    let heads: Vec<String> = header.iter().map(|h| squash(h)).collect();
    if !heads
        .iter()
        .any(|h| h.contains("전화") || h.eq_ignore_ascii_case("url"))
    {
        return Vec::new();
    }
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

// ---------------------------------------------------------------- files and retention

/// Tables with a 보유기간 column: of registered files when they name a
/// 파일명 column (and are not the trustee table), else of retention.
fn files_and_retention(policy: &Policy) -> (Vec<RegisteredFile>, Vec<Retention>) {
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
