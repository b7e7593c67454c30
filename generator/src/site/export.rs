//! The CSV exports beside `policies.json`: compliance findings, trustees
//! and contacts, one row per item.
//!
//! RFC 4180 (the `csv` crate quotes and escapes), CRLF line ends, UTF-8
//! with a byte-order mark so that spreadsheet programs read Korean as
//! UTF-8. A cell that a spreadsheet would run as a formula (`=`, `@`, or
//! `+`/`-` followed by something other than a phone number) is prefixed
//! with `'`, the usual defence against CSV injection.

use crate::compliance::Assessment;
use crate::model::Agency;

use super::views::role_label;

/// The byte-order mark spreadsheet programs look for.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// A cell made safe for a spreadsheet.
pub fn cell(text: &str) -> String {
    let t = text.trim_start();
    let risky = match t.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')' | '.')),
        _ => false,
    };
    if risky {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn table(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    w.write_record(header).expect("writing to memory");
    for r in rows {
        w.write_record(r.iter().map(|c| cell(c)))
            .expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

/// `compliance.csv`: a row per policy and requirement.
pub fn compliance(assessments: &[Assessment]) -> Vec<u8> {
    table(
        &[
            "처리방침",
            "항목 ID",
            "항목",
            "구분",
            "판단",
            "근거 조항",
            "근거 문장",
            "참고",
        ],
        assessments.iter().flat_map(|a| {
            a.requirements.iter().map(|f| {
                let list = |pick: fn(&crate::compliance::Evidence) -> &str| {
                    f.evidence.iter().map(pick).collect::<Vec<_>>().join("\n")
                };
                vec![
                    a.policy.clone(),
                    f.id.to_string(),
                    f.label.to_string(),
                    f.class.label().to_string(),
                    f.status.id().to_string(),
                    list(|e| &e.article),
                    list(|e| &e.quote),
                    f.notes.join("\n"),
                ]
            })
        }),
    )
}

/// `trustees.csv`: a row per entrustment.
pub fn trustees(agencies: &[Agency]) -> Vec<u8> {
    table(
        &[
            "기관",
            "처리방침",
            "수탁자",
            "위탁 업무",
            "위탁 부서",
            "담당자",
            "전화",
            "위탁 항목",
            "개인정보파일",
            "업체 주소",
            "업체 전화",
            "비고",
        ],
        agencies.iter().flat_map(|a| {
            a.policies.iter().flat_map(move |p| {
                p.trustees.iter().map(move |t| {
                    vec![
                        a.full_name.clone(),
                        format!("{}/{}", a.slug, p.slug),
                        t.company.clone(),
                        t.task.clone(),
                        t.department.clone(),
                        t.manager.clone(),
                        t.phone.clone(),
                        t.items.join(", "),
                        t.file.clone(),
                        t.company_address.clone(),
                        t.company_phone.clone(),
                        t.note.clone(),
                    ]
                })
            })
        }),
    )
}

/// `contacts.csv`: a row per contact.
pub fn contacts(agencies: &[Agency]) -> Vec<u8> {
    table(
        &[
            "기관",
            "처리방침",
            "역할",
            "부서",
            "성명",
            "직위",
            "전화",
            "전자우편",
            "팩스",
        ],
        agencies.iter().flat_map(|a| {
            a.policies.iter().flat_map(move |p| {
                p.contacts.iter().map(move |c| {
                    vec![
                        a.full_name.clone(),
                        format!("{}/{}", a.slug, p.slug),
                        role_label(c.role).to_string(),
                        c.department.clone(),
                        c.name.clone(),
                        c.title.clone(),
                        c.phones.join(", "),
                        c.email.clone(),
                        c.fax.clone(),
                    ]
                })
            })
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_phones_are_not() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
        assert_eq!(cell("+82-2-2133-2971"), "+82-2-2133-2971");
        assert_eq!(cell("-"), "-");
        assert_eq!(cell("서울시청"), "서울시청");
    }

    #[test]
    fn quoted_with_bom_and_crlf() {
        let bytes = table(
            &["a", "b"],
            [vec![
                "쉼표, 있음".to_string(),
                "따옴표 \"q\"\n줄".to_string(),
            ]],
        );
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[BOM.len()..].to_vec()).unwrap();
        assert_eq!(text, "a,b\r\n\"쉼표, 있음\",\"따옴표 \"\"q\"\"\n줄\"\r\n");
    }
}
