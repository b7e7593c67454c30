//! What a document is: a privacy policy (current or pre-2011), a CCTV
//! policy, a policy with a CCTV policy appended, or a 신·구 대조표.

use super::lines::Unit;
use super::text::{collapse_spaced_title, squash};

/// The kinds of document the importer tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// A 개인정보 처리방침.
    Privacy,
    /// A pre-2011 개인정보취급방침 / 개인정보보호정책 (공공기관의
    /// 개인정보보호에 관한 법률 era): imported as a privacy policy.
    Legacy,
    /// A company's policy (회사, 당사): imported as a privacy policy.
    Company,
    /// A 영상정보처리기기 운영·관리방침.
    Cctv,
    /// A 신·구 대조표: refused.
    Comparison,
}

impl DocumentKind {
    /// For the report.
    pub fn describe(self) -> &'static str {
        match self {
            DocumentKind::Privacy => "privacy policy (개인정보 처리방침)",
            DocumentKind::Legacy => {
                "pre-2011 privacy policy (개인정보취급방침/보호정책), imported as a privacy policy"
            }
            DocumentKind::Company => "a company's privacy policy, imported as a privacy policy",
            DocumentKind::Cctv => {
                "CCTV policy (영상정보처리기기 운영·관리방침), imported as its own kind of document"
            }
            DocumentKind::Comparison => "신·구 대조표 (refused)",
        }
    }
}

/// Words that name a policy document in a title.
const TITLE_WORDS: [&str; 9] = [
    "처리방침",
    "취급방침",
    "보호정책",
    "보호방침",
    "운영방침",
    "관리방침",
    "운영·관리방침",
    "대조표",
    "대비표",
];

fn names_document(line: &str) -> bool {
    let s = squash(line).replace(['ㆍ', '?', '∙', '・'], "·");
    TITLE_WORDS.iter().any(|w| s.contains(w))
}

fn is_cctv_title(line: &str) -> bool {
    let s = squash(line);
    s.contains("영상정보처리기기")
        && (s.contains("방침") || s.contains("운영"))
        && !s.contains("개인정보처리방침")
        && line.chars().count() <= 60
        && !line.trim_end().ends_with('.')
}

/// The unit that is the document's title: among the first lines, the
/// first short line that names the document (with more words than the
/// bare term if one does), else a short first line.
pub fn title_index(units: &[Unit]) -> Option<usize> {
    let head: Vec<(usize, &str)> = units
        .iter()
        .enumerate()
        .take(8)
        .filter_map(|(i, u)| Some((i, u.text()?)))
        .filter(|(_, t)| t.chars().count() <= 70 && !t.ends_with('.') && !t.ends_with("다"))
        .collect();
    let naming: Vec<(usize, &str)> = head
        .iter()
        .copied()
        .filter(|(_, t)| names_document(&collapse_spaced_title(t).0))
        .take_while(|(_, t)| super::heading::candidate(t).is_none_or(|c| c.number.is_none()))
        .collect();
    let bare = |t: &str| {
        // `HOME > 열린마당 > 개인정보처리방침`: a page trail ending in the bare term.
        let t = t.rsplit('>').next().unwrap_or(t);
        let s = squash(&collapse_spaced_title(t).0);
        TITLE_WORDS
            .iter()
            .any(|w| s == format!("개인정보{w}") || s == *w)
    };
    if let Some((i, _)) = naming.iter().find(|(_, t)| !bare(t)) {
        return Some(*i);
    }
    if let Some((i, _)) = naming.first() {
        return Some(*i);
    }
    let (i, first) = units
        .iter()
        .enumerate()
        .find_map(|(i, u)| Some((i, u.text()?)))?;
    (first.chars().count() <= 40
        && super::heading::candidate(first).is_none_or(|c| c.number.is_none()))
    .then_some(i)
}

/// What kind of document the units are.
pub fn document_kind(units: &[Unit], title_at: Option<usize>) -> DocumentKind {
    let title = title_at.and_then(|t| units[t].text()).unwrap_or_default();
    let t = squash(title);
    if t.contains("대조표") || t.contains("대비표") {
        return DocumentKind::Comparison;
    }
    if is_cctv_title(title) {
        return DocumentKind::Cctv;
    }
    let body: String = units
        .iter()
        .filter_map(Unit::text)
        .take(400)
        .collect::<Vec<_>>()
        .join("\n");
    if t.contains("취급방침")
        || t.contains("보호정책")
        || t.contains("보호방침")
        || body.contains("공공기관의 개인정보보호에 관한")
    {
        return DocumentKind::Legacy;
    }
    if body.matches("회사는").count() + body.matches("당사는").count() >= 3 {
        return DocumentKind::Company;
    }
    DocumentKind::Privacy
}

/// Where a CCTV policy appended to a privacy policy starts: a CCTV title
/// line after the privacy policy's last heading, followed by headings of
/// its own (a link to a separate CCTV page inside an article is not one).
pub fn appended_cctv(units: &[Unit], body_start: usize) -> Option<usize> {
    let whole = super::outline::outline(units, body_start);
    let last = whole.headings.last().map_or(body_start, |(i, _)| *i);
    let at = units
        .iter()
        .enumerate()
        .skip(last + 1)
        .find(|(_, u)| {
            u.text()
                .is_some_and(|t| is_cctv_title(t) && names_document(t))
        })?
        .0;
    (super::outline::outline(&units[at..], 1).headings.len() >= 2).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::units;

    #[test]
    fn titles_after_navigation() {
        let u = units("기타\n개인정보처리방침\n개인정보처리방침\n제1조(목적)\n본문\n");
        assert_eq!(title_index(&u), Some(1));
        let u = units(
            "개인정보처리방침\n\n단국대학교부속소프트웨어고등학교 개인정보 처리방침\n\n학교는 보호합니다.\n",
        );
        assert_eq!(title_index(&u), Some(1));
        let u = units("중 구 개 인 정 보 처 리 방 침\n서울특별시 중구는 보호합니다.\n");
        assert_eq!(title_index(&u), Some(0));
        let u =
            units("HOME > 열린마당 > 개인정보처리방침\n○○구청 개인정보 처리방침\n본문입니다.\n");
        assert_eq!(title_index(&u), Some(1));
    }

    #[test]
    fn kinds() {
        let kind = |src: &str| {
            let u = units(src);
            document_kind(&u, title_index(&u))
        };
        assert_eq!(
            kind("도서관의 영상정보처리기기 운영·관리 방침\n1. 설치 근거\n"),
            DocumentKind::Cctv
        );
        assert_eq!(
            kind("개인정보 처리방침 신·구 대조표\n현행\t개정\n"),
            DocumentKind::Comparison
        );
        assert_eq!(kind("개인정보취급방침\n본문\n"), DocumentKind::Legacy);
        assert_eq!(
            kind("시청 개인정보 처리방침\n본문\n"),
            DocumentKind::Privacy
        );
    }
}
