//! Trustees (수탁자): who processes personal data on the agency's behalf.
//!
//! From 위탁 tables (columns recognised by their header words and, for
//! the company, by its values: `(주)`, `㈜`, `주식회사`, `재단`…), from
//! `위탁받는 자 (수탁자) : …` lines, from companies named in a sentence
//! (`… ㈜A, ㈜B에 위탁`), and from tables of overseas transfers. Rows of
//! re-entrustment (재위탁) are marked in their note. A policy that only
//! points elsewhere keeps the pointer as its trustee reference.

use super::extract::{all_blocks, blocks_in, keyed_parts, strip_tags, unmarked};
use super::text::{key_value, looks_like_company, normalize_line, squash};
use crate::model::{Block, BlockKind, Category, Policy, Trustee};

#[derive(Clone, Copy, PartialEq, Debug)]
enum Col {
    Company,
    SubCompany,
    Task,
    Department,
    Manager,
    Phone,
    CompanyPhone,
    Items,
    File,
    Country,
    Note,
    Skip,
}

/// A column's role from its header words.
fn col(header: &str) -> Col {
    let h = squash(header);
    if h.contains("재수탁") || h.contains("재위탁") {
        Col::SubCompany
    } else if h.contains("국가") || h.contains("이전되는국가") {
        Col::Country
    } else if h.contains("수탁자연락처") || h.contains("업체연락처") || h.contains("수탁업체연락처")
    {
        Col::CompanyPhone
    } else if h.contains("항목") || (h.contains("개인정보") && !h.contains("파일")) {
        Col::Items
    } else if [
        "업체",
        "수탁자",
        "수탁기관",
        "수탁사",
        "위탁받는자",
        "회사명",
        "기관명",
        "수탁회사",
        "이전받는자",
    ]
    .iter()
    .any(|k| h.contains(k))
    {
        Col::Company
    } else if h.contains("파일") {
        Col::File
    } else if h.contains("사무")
        || h.contains("업무")
        || h.contains("목적")
        || h.contains("위탁내용")
    {
        Col::Task
    } else if h.contains("부서") {
        Col::Department
    } else if h.contains("담당자") {
        Col::Manager
    } else if h.contains("연락처") || h.contains("전화") {
        Col::Phone
    } else if h.contains("비고") {
        Col::Note
    } else {
        Col::Skip
    }
}

fn is_none_value(s: &str) -> bool {
    let t = squash(s);
    t.is_empty()
        || matches!(
            t.as_str(),
            "해당없음" | "없음" | "-" | "해당사항없음" | "N/A"
        )
}

/// Reads tables whose columns name a company and a task.
/// The roles of a table's columns: from the header words, and, in a
/// 위탁 article, a column whose values are mostly company names is the
/// company even under another header (`위탁기관`, `계약상대자`).
fn columns(table: &Block, entrustment: bool) -> Vec<Col> {
    let Some(header) = table.rows.first() else {
        return Vec::new();
    };
    let mut cols: Vec<Col> = header.iter().map(|h| col(h)).collect();
    if entrustment && !cols.contains(&Col::Company) {
        let rows = &table.rows[1..];
        let companies = |k: usize| {
            rows.iter()
                .filter(|r| r.get(k).is_some_and(|c| looks_like_company(c)))
                .count()
        };
        if let Some(k) = (0..cols.len())
            .filter(|&k| cols[k] == Col::Skip)
            .max_by_key(|&k| companies(k))
            && !rows.is_empty()
            && companies(k) * 2 > rows.len()
        {
            cols[k] = Col::Company;
        }
    }
    cols
}

fn from_tables(policy: &Policy) -> Vec<Trustee> {
    let mut out = Vec::new();
    // Each table, and whether it stands in a 위탁 article.
    let in_article = policy.articles.iter().flat_map(|a| {
        let entrustment = a.category == Category::Entrustment;
        a.blocks.iter().map(move |b| (b, entrustment))
    });
    let tables = policy.preamble.iter().map(|b| (b, false)).chain(in_article);
    for (table, entrustment) in tables.filter(|(b, _)| b.kind == BlockKind::Table) {
        let cols = columns(table, entrustment);
        if !cols.contains(&Col::Company)
            || !(cols.contains(&Col::Task) || cols.contains(&Col::Country))
        {
            continue;
        }
        for row in &table.rows[1..] {
            if row
                .iter()
                .filter(|c| !c.trim().is_empty())
                .all(|c| col(c) != Col::Skip)
            {
                continue; // a second header row (수탁자 | 재수탁자)
            }
            out.extend(row_trustees(&cols, row));
        }
    }
    out
}

fn row_trustees(cols: &[Col], row: &[String]) -> Vec<Trustee> {
    let mut t = Trustee::default();
    let mut sub = String::new();
    for (col, cell) in cols.iter().zip(row) {
        let cell = cell.clone();
        match col {
            Col::Company => company_cell(&mut t, &cell),
            Col::SubCompany => sub = cell,
            Col::Task => t.task = cell,
            Col::Department => t.department = cell,
            Col::Manager => t.manager = cell,
            Col::Phone => t.phone = cell,
            Col::CompanyPhone => t.company_phone = cell,
            Col::Items => {
                t.items = cell
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            }
            Col::File => t.file = cell,
            Col::Country => t.note = format!("국외 이전: {cell}"),
            Col::Note => {
                if t.note.is_empty() {
                    t.note = cell
                }
            }
            Col::Skip => {}
        }
    }
    let mut out = Vec::new();
    if is_none_value(&t.company) && is_none_value(&t.task) {
        return out;
    }
    if t.note.is_empty()
        && [&t.task, &t.company]
            .iter()
            .any(|v| v.contains("재위탁") || v.contains("재수탁"))
    {
        t.note = "재위탁".to_string();
    }
    // Without an agency department or manager, a table's phone is the
    // contractor's.
    if t.department.is_empty() && t.manager.is_empty() && t.company_phone.is_empty() {
        t.company_phone = std::mem::take(&mut t.phone);
    }
    if !is_none_value(&sub) {
        let mut s = t.clone();
        s.company = sub;
        s.note = "재위탁".to_string();
        out.push(t);
        out.push(s);
    } else {
        out.push(t);
    }
    out
}

/// A company cell: a name, or `수탁업체 : … 주소 : … 전화번호 : …`.
fn company_cell(t: &mut Trustee, cell: &str) {
    let cell = strip_tags(cell);
    if !cell.contains(':') {
        t.company = cell;
        return;
    }
    for (key, value) in keyed_parts(&cell) {
        if key.contains("업체")
            || key.contains("수탁")
            || key.contains("상호")
            || key.contains("기관")
        {
            t.company = value;
        } else if key.contains("주소") {
            t.company_address = value;
        } else if key.contains("전화") || key.contains("연락처") {
            t.company_phone = value;
        }
    }
    if t.company.is_empty() {
        t.company = cell;
    }
}

/// `위탁받는 자 (수탁자) : A` followed by `위탁하는 업무의 내용 : B` lines.
fn from_lines(policy: &Policy) -> Vec<Trustee> {
    let lines: Vec<&Block> = blocks_in(policy, &[Category::Entrustment])
        .filter(|b| b.kind != BlockKind::Table)
        .collect();
    let mut out: Vec<Trustee> = Vec::new();
    for b in lines {
        let Some((key, value)) = key_value(unmarked(&b.text)).or_else(|| long_key_value(&b.text))
        else {
            continue;
        };
        if (key.contains("수탁자")
            || key.contains("수탁업체")
            || key.contains("위탁받는자")
            || key.contains("수탁기관"))
            && !is_none_value(&value)
        {
            out.push(Trustee {
                company: value,
                ..Trustee::default()
            });
        } else if (key.contains("업무") || key.contains("위탁내용"))
            && let Some(last) = out.last_mut()
            && last.task.is_empty()
            && !is_none_value(&value)
        {
            last.task = value;
        }
    }
    out
}

/// `· 위탁받는 자 (수탁자) : …`: a key of several words.
fn long_key_value(line: &str) -> Option<(String, String)> {
    let t = unmarked(line);
    let (k, v) = t.split_once(':')?;
    let key = squash(k);
    (key.chars().count() <= 16 && !v.trim().is_empty()).then(|| (key, normalize_line(v)))
}

/// Companies named in a sentence that entrusts: `… ㈜A, ㈜B에 위탁하고 있습니다`.
fn from_sentences(policy: &Policy) -> Vec<Trustee> {
    let mut out = Vec::new();
    for b in blocks_in(policy, &[Category::Entrustment]).filter(|b| b.kind != BlockKind::Table) {
        let s = &b.text;
        if !s.contains("위탁") || s.contains(':') {
            continue;
        }
        for word in s.split([',', ' ', '、']) {
            let w = word.trim_matches(|c: char| matches!(c, '"' | '\'' | '“' | '”' | '.'));
            let w = ["에게", "에", "와", "과", "및", "이", "가", "로"]
                .iter()
                .find_map(|p| w.strip_suffix(p).filter(|r| looks_like_company(r)))
                .unwrap_or(w);
            let marked = ["(주)", "㈜", "주식회사"].iter().any(|m| w.contains(m));
            if marked && w.chars().count() >= 3 && !out.iter().any(|t: &Trustee| t.company == w) {
                out.push(Trustee {
                    company: w.to_string(),
                    ..Trustee::default()
                });
            }
        }
    }
    out
}

/// Rows of other tables whose first cell says the row is a contractor
/// (`수탁업체 | (주)에스원 | 1588-3112` in a CCTV manager table).
fn from_labelled_rows(policy: &Policy) -> Vec<Trustee> {
    let mut out = Vec::new();
    for table in all_blocks(policy).filter(|b| b.kind == BlockKind::Table) {
        for row in table.rows.iter().skip(1) {
            let Some((first, rest)) = row.split_first() else {
                continue;
            };
            let label = squash(first);
            if !matches!(
                label.as_str(),
                "수탁업체" | "수탁자" | "위탁업체" | "수탁기관"
            ) {
                continue;
            }
            if let Some(company) = rest
                .iter()
                .find(|c| !is_none_value(c) && col(c) == Col::Skip)
            {
                let phone = rest
                    .iter()
                    .find(|c| c.chars().filter(char::is_ascii_digit).count() >= 7);
                out.push(Trustee {
                    company: company.clone(),
                    company_phone: phone.cloned().unwrap_or_default(),
                    ..Trustee::default()
                });
            }
        }
    }
    out
}

/// The trustees of a policy.
pub fn trustees(policy: &Policy) -> Vec<Trustee> {
    let mut tables = from_tables(policy);
    tables.extend(from_labelled_rows(policy));
    if !tables.is_empty() {
        return tables;
    }
    let lines = from_lines(policy);
    if !lines.is_empty() {
        return lines;
    }
    from_sentences(policy)
}

/// Where a policy points for its trustee list instead of tabling it.
pub fn reference(policy: &Policy) -> Option<String> {
    blocks_in(policy, &[Category::Entrustment])
        .filter(|b| b.kind != BlockKind::Table)
        .map(|b| &b.text)
        .find(|t| {
            let s = squash(t);
            (s.contains("위탁") || s.contains("수탁"))
                && (s.contains("현황")
                    || s.contains("다운로드")
                    || s.contains("게시판")
                    || s.contains("참조")
                    || s.contains("홈페이지에"))
                && s.chars().count() < 120
        })
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trustees_of(body: &str) -> Vec<Trustee> {
        crate::import::policy_with_article("개인정보 처리의 위탁", body).trustees
    }

    #[test]
    fn header_words_of_many_kinds() {
        let t = trustees_of(
            "순번\t위탁받는 자(수탁자)\t수탁자 연락처\t위탁하는 업무의 내용\n1\t에스엠유㈜\t032-209-1330\t시스템 유지보수",
        );
        assert_eq!(
            (
                t[0].company.as_str(),
                t[0].task.as_str(),
                t[0].company_phone.as_str()
            ),
            ("에스엠유㈜", "시스템 유지보수", "032-209-1330")
        );
        let t = trustees_of(
            "위탁업무의 내용\t위탁기간\t수탁기관\n홈페이지 유지관리\t2018.1.1. ~ 2018.12.31\t○ 수탁기관명 : 교육연구정보원 ○ 주소 : 서울 ○ 전화 : 02-2230-8549",
        );
        assert_eq!(t[0].company, "교육연구정보원");
        assert_eq!(t[0].company_phone, "02-2230-8549");
    }

    #[test]
    fn a_company_cell_of_key_value_lines() {
        let t = trustees_of(
            "순번\t위탁받는 자(수탁자)\t위탁하는 업무의 내용\t위탁기간\n1\t수탁기관 : 휴먼웨어즈\n주소 : 서울 금천구 가산동\n전화 : 070-4154-1709\t홈페이지 개발 및 운영\t1년",
        );
        assert_eq!(
            (t[0].company.as_str(), t[0].company_phone.as_str()),
            ("휴먼웨어즈", "070-4154-1709")
        );
        assert_eq!(t[0].company_address, "서울 금천구 가산동");
    }

    #[test]
    fn a_company_column_known_by_its_values() {
        let t = trustees_of("위탁기관\t위탁업무\n(주)가나정보\t문자 발송\n다라협회\t교육 운영");
        let names: Vec<&str> = t.iter().map(|t| t.company.as_str()).collect();
        assert_eq!(names, ["(주)가나정보", "다라협회"]);
    }

    #[test]
    fn re_entrustment_rows_are_marked() {
        let t = trustees_of(
            "부서명\t수탁자\t재수탁자\t위탁 업무\n정보화팀\t(주)가\t(주)나\t시스템 관리",
        );
        assert_eq!(t.len(), 2);
        assert_eq!(
            (t[1].company.as_str(), t[1].note.as_str()),
            ("(주)나", "재위탁")
        );
    }

    #[test]
    fn key_value_lines_and_none() {
        let t = trustees_of(
            "1. 유지보수\n· 위탁받는 자 (수탁자) : 네이버시스템(주)\n· 위탁하는 업무의 내용 : 데이터베이스 유지보수",
        );
        assert_eq!(
            (t[0].company.as_str(), t[0].task.as_str()),
            ("네이버시스템(주)", "데이터베이스 유지보수")
        );
        assert!(
            trustees_of("- 위탁받는 자 (수탁자) : 해당없음\n- 위탁하는 업무의 내용 : 해당없음")
                .is_empty()
        );
    }

    #[test]
    fn companies_named_in_a_sentence() {
        let t = trustees_of(
            "기관은 민원 안내 업무를 ㈜가나시스템, (주)다라소프트에 위탁하고 있습니다.",
        );
        let names: Vec<&str> = t.iter().map(|t| t.company.as_str()).collect();
        assert_eq!(names, ["㈜가나시스템", "(주)다라소프트"]);
    }

    #[test]
    fn overseas_transfers() {
        let t = trustees_of(
            "이전받는 자\t이전되는 국가\t이전 항목\t업무\nAmazon Web Services Inc.\t미국\t이름, 이메일\t클라우드 운영",
        );
        assert_eq!(t[0].company, "Amazon Web Services Inc.");
        assert!(t[0].note.contains("미국"));
    }
}
