//! The content model: agencies, their policies, articles and the data
//! tables (trustees, contacts, remedies) the site and the index are built
//! from. The same structs serialise to the open-data JSON export and to
//! `bangchim import --json`.

use serde::{Deserialize, Serialize};

/// A public body that publishes one or more privacy policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    /// URL-safe identifier, also the folder name under `content/`.
    pub slug: String,
    /// Short name as the agency calls itself (`중구`).
    pub name: String,
    /// Unambiguous full name (`서울특별시 중구`).
    pub full_name: String,
    /// Metropolitan region (`서울특별시`, `경기도`).
    pub region: String,
    /// Kind of body (`광역자치단체`, `기초자치단체`, …).
    pub kind: String,
    /// The agency's policies, one per site or service.
    pub policies: Vec<Policy>,
}

impl Agency {
    /// The group the regulator puts the agency in, read from its kind
    /// (and, for a kind it does not know, its name).
    pub fn group(&self) -> AgencyGroup {
        AgencyGroup::of(&self.kind, &self.full_name)
    }
}

/// Kinds of public body as the regulator groups them (the groups of its
/// 공공기관 개인정보 관리수준 진단).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgencyGroup {
    /// 중앙행정기관: ministries, agencies, commissions.
    Central,
    /// 광역자치단체: metropolitan cities and provinces.
    Metropolitan,
    /// 기초자치단체: cities, counties and districts.
    Local,
    /// 교육기관: education offices, schools and universities.
    Education,
    /// 공공기관: public corporations, institutes and foundations.
    Public,
    /// Anything else.
    Other,
}

impl AgencyGroup {
    /// Every group, in the regulator's order.
    pub const ALL: [AgencyGroup; 6] = [
        AgencyGroup::Central,
        AgencyGroup::Metropolitan,
        AgencyGroup::Local,
        AgencyGroup::Education,
        AgencyGroup::Public,
        AgencyGroup::Other,
    ];

    /// The group of an agency of kind `kind` named `name`.
    pub fn of(kind: &str, name: &str) -> AgencyGroup {
        let k: String = kind.chars().filter(|c| !c.is_whitespace()).collect();
        let has = |w: &str| k.contains(w);
        if has("중앙") || has("행정기관") {
            AgencyGroup::Central
        } else if has("광역") {
            AgencyGroup::Metropolitan
        } else if has("기초") || has("자치단체") {
            AgencyGroup::Local
        } else if has("교육") || has("학교") || has("대학") {
            AgencyGroup::Education
        } else if has("공공") || has("공사") || has("공단") || has("출연") {
            AgencyGroup::Public
        } else if name.contains("학교") || name.contains("교육청") || name.contains("대학") {
            AgencyGroup::Education
        } else {
            AgencyGroup::Other
        }
    }

    /// A stable id (`local`), for URLs and filters.
    pub fn id(self) -> &'static str {
        match self {
            AgencyGroup::Central => "central",
            AgencyGroup::Metropolitan => "metropolitan",
            AgencyGroup::Local => "local",
            AgencyGroup::Education => "education",
            AgencyGroup::Public => "public",
            AgencyGroup::Other => "other",
        }
    }

    /// The group's Korean name.
    pub fn label(self) -> &'static str {
        match self {
            AgencyGroup::Central => "중앙행정기관",
            AgencyGroup::Metropolitan => "광역자치단체",
            AgencyGroup::Local => "기초자치단체",
            AgencyGroup::Education => "교육기관",
            AgencyGroup::Public => "공공기관",
            AgencyGroup::Other => "기타",
        }
    }
}

/// A calendar date, `YYYY-MM-DD` in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
}

impl Date {
    /// A date, if it exists (`2024-02-30` does not: jiff's calendar says)
    /// and has a year of four digits (`20240-01-01` is a typo, not a date
    /// of a policy).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        ((1000..=9999).contains(&year)
            && month <= 12
            && day <= 31
            && jiff::civil::Date::new(year as i16, month as i8, day as i8).is_ok())
        .then_some(Date { year, month, day })
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.split('-').collect();
        let bad = || format!("expected a date as YYYY-MM-DD, found {s:?}");
        if parts.len() != 3 {
            return Err(bad());
        }
        let year = parts[0].parse().map_err(|_| bad())?;
        let month: u8 = parts[1].parse().map_err(|_| bad())?;
        let day: u8 = parts[2].parse().map_err(|_| bad())?;
        Date::new(year, month, day).ok_or_else(|| format!("{s:?} is no date of the calendar"))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// One privacy policy: the document of one site or service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// URL-safe identifier, unique within the agency; the file stem under
    /// `content/<agency>/`.
    pub slug: String,
    /// Title (`중구 개인정보 처리방침`).
    pub title: String,
    /// What kind of document it is: a privacy policy, or a CCTV policy
    /// (영상정보처리기기 운영·관리방침).
    #[serde(default, skip_serializing_if = "PolicyKind::is_privacy")]
    pub kind: PolicyKind,
    /// The title line as the source wrote it, when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_title: Option<String>,
    /// The site or service the policy covers, when not the agency's main site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Date the current version applies from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<Date>,
    /// Earlier versions and milestones the policy lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<Version>,
    /// The label tiles (라벨링) the policy shows, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Label>,
    /// Text before the first article.
    #[serde(default)]
    pub preamble: Vec<Block>,
    /// The numbered articles (제N조).
    pub articles: Vec<Article>,
    /// Entrustment rows (위탁 현황).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trustees: Vec<Trustee>,
    /// Where the policy points for its trustee list instead of tabling it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trustee_reference: Option<String>,
    /// Privacy officers, contacts and access-request desks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// Outside bodies for remedies (권익침해 구제방법).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remedies: Vec<Remedy>,
    /// Registered personal-data files (개인정보파일), where tabled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<RegisteredFile>,
    /// Retention rows (처리 및 보유 기간), where tabled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retention: Vec<Retention>,
    /// Where this text came from (the imported file's name), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Earlier versions held in full, newest first; each is a policy of
    /// its own (without history). `versions` lists the ones the text only
    /// mentions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Policy>,
}

impl Policy {
    /// A privacy policy of this slug and title and nothing else, for
    /// tests to fill in.
    #[cfg(test)]
    pub(crate) fn bare(slug: &str, title: &str) -> Policy {
        Policy {
            slug: slug.into(),
            title: title.into(),
            kind: PolicyKind::Privacy,
            source_title: None,
            site: None,
            effective: None,
            versions: vec![],
            labels: vec![],
            preamble: vec![],
            articles: vec![],
            trustees: vec![],
            trustee_reference: None,
            contacts: vec![],
            remedies: vec![],
            files: vec![],
            retention: vec![],
            source: None,
            history: vec![],
        }
    }

    /// The preamble without a scraped table of contents (`< 목 차 >` and
    /// the table remnants after it): what the policy page shows, and so
    /// all a finding may quote from it.
    pub fn shown_preamble(&self) -> &[Block] {
        let blocks = &self.preamble;
        match blocks
            .iter()
            .position(|b| b.kind == BlockKind::Text && b.text.replace(' ', "").contains("목차"))
        {
            Some(at) if blocks[at].text.chars().count() < 12 => &blocks[..at],
            _ => blocks,
        }
    }
}

/// The kinds of document the site publishes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyKind {
    /// 개인정보 처리방침 (also its older names 개인정보취급방침, 개인정보보호정책).
    #[default]
    Privacy,
    /// 영상정보처리기기 운영·관리방침: a CCTV policy.
    Cctv,
}

impl PolicyKind {
    /// Whether this is a privacy policy (the default).
    pub fn is_privacy(&self) -> bool {
        *self == PolicyKind::Privacy
    }

    /// The kind's name in Korean.
    pub fn label(self) -> &'static str {
        match self {
            PolicyKind::Privacy => "개인정보 처리방침",
            PolicyKind::Cctv => "영상정보처리기기 운영·관리방침",
        }
    }
}

/// A registered personal-data file (개인정보파일, 보호법 제32조).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisteredFile {
    /// The file's name.
    pub name: String,
    /// Legal basis and purpose, as tabled.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub purpose: String,
    /// Items recorded in it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub items: String,
    /// How long it is kept.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub retention: String,
    /// Remarks.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// One row of a retention table: what is kept, and how long.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// The service or record.
    pub service: String,
    /// Items kept.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub items: String,
    /// How long.
    pub period: String,
    /// Remarks.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A version milestone: an earlier version or an enactment/amendment date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// What the policy says of it (`제정일자 2011. 12. 22`).
    pub label: String,
    /// Date it started applying, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// Date it stopped applying, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
}

/// The kinds of label tile the regulator defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelKind {
    /// Items collected.
    Items,
    /// Purpose of processing.
    Purpose,
    /// Retention period.
    Retention,
    /// Provision to third parties.
    Provision,
    /// Entrustment.
    Entrustment,
    /// Complaint / access-request department.
    Complaint,
    /// Anything else.
    Other,
}

/// One label tile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Which tile.
    pub kind: LabelKind,
    /// Its caption as published.
    pub name: String,
    /// Its content.
    pub value: String,
}

/// The regulator's standard article categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 처리 목적.
    Purpose,
    /// 처리 항목.
    Items,
    /// 처리 및 보유 기간.
    Retention,
    /// 파기.
    Destruction,
    /// 제3자 제공.
    ThirdParty,
    /// 위탁.
    Entrustment,
    /// 정보주체의 권리.
    Rights,
    /// 안전성 확보조치.
    Safety,
    /// 자동 수집 장치 (cookies).
    AutoCollection,
    /// 보호책임자.
    Officer,
    /// 열람청구.
    AccessRequest,
    /// 권익침해 구제방법.
    Remedies,
    /// 처리방침 변경.
    Changes,
    /// 민감정보.
    Sensitive,
    /// 가명정보.
    Pseudonymised,
    /// 추가적인 이용·제공.
    FurtherUse,
    /// 개인정보파일 등록.
    RegisteredFiles,
    /// 관리수준진단 / 영향평가.
    Assessment,
    /// Anything else.
    Other,
}

impl Category {
    /// Every category, in the regulator's order.
    pub const ALL: [Category; 19] = [
        Category::Purpose,
        Category::Items,
        Category::Retention,
        Category::Destruction,
        Category::ThirdParty,
        Category::Entrustment,
        Category::Rights,
        Category::Safety,
        Category::AutoCollection,
        Category::Officer,
        Category::AccessRequest,
        Category::Remedies,
        Category::Changes,
        Category::Sensitive,
        Category::Pseudonymised,
        Category::FurtherUse,
        Category::RegisteredFiles,
        Category::Assessment,
        Category::Other,
    ];

    /// Classifies an article by its title.
    pub fn from_title(title: &str) -> Category {
        let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
        let has = |k: &str| t.contains(k);
        // `개인정보 보호책임자 및 열람청구` is first about the officer.
        if has("보호책임자") || has("개인정보책임자") || has("책임관") {
            Category::Officer
        } else if has("열람청구") || has("열람등청구") || (has("열람") && has("청구"))
        {
            Category::AccessRequest
        } else if has("구제") || has("권익침해") {
            Category::Remedies
        } else if has("변경") && has("처리방침") {
            Category::Changes
        } else if has("민감정보") {
            Category::Sensitive
        } else if has("가명정보") {
            Category::Pseudonymised
        } else if has("추가적인") {
            Category::FurtherUse
        } else if has("파일") && (has("등록") || has("공개")) {
            Category::RegisteredFiles
        } else if has("진단") || has("영향평가") {
            Category::Assessment
        } else if has("위탁") {
            Category::Entrustment
        } else if has("제3자") || has("제공") {
            Category::ThirdParty
        } else if has("파기") {
            Category::Destruction
        } else if has("안전성") {
            Category::Safety
        } else if has("자동") || has("쿠키") {
            Category::AutoCollection
        } else if has("권리") {
            Category::Rights
        } else if has("보유") || has("기간") {
            Category::Retention
        } else if has("목적") {
            Category::Purpose
        } else if has("항목") {
            Category::Items
        } else {
            Category::Other
        }
    }
}

/// A numbered article (제N조).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// N of 제N조.
    pub number: u32,
    /// Title without the number (`개인정보의 처리목적`).
    pub title: String,
    /// The heading line as the source wrote it.
    pub heading: String,
    /// Standard category.
    pub category: Category,
    /// Its content, in order.
    pub blocks: Vec<Block>,
}

impl Article {
    /// The heading as pages show it: as the source wrote it, or `본문` for
    /// the text of a policy without headings.
    pub fn shown_heading(&self) -> String {
        if self.heading.is_empty() {
            "본문".into()
        } else {
            self.heading.clone()
        }
    }

    /// The article's anchor on its policy page: `제4조`, stable across
    /// rebuilds (`본문` for the text of a policy without headings).
    pub fn anchor(&self) -> String {
        if self.heading.is_empty() {
            "본문".to_string()
        } else {
            format!("제{}조", self.number)
        }
    }
}

/// What a line of text is, by its leading marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A paragraph (항) starting with a circled number.
    Paragraph,
    /// An item (호/목): `1.`, `가.`, `1)`, `-`, `•`, `▶`, `○`, `·`.
    Item,
    /// A note starting with `※`.
    Note,
    /// Plain text.
    Text,
    /// A table; the first row is the header.
    Table,
}

/// A block of article content: a line of text or a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// The text (empty for tables).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Table rows, header first (empty for text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Vec<String>>,
}

impl Block {
    /// A text block, its kind read from its leading marker.
    pub fn text(text: impl Into<String>) -> Block {
        let text = text.into();
        Block {
            kind: classify_line(&text),
            text,
            rows: Vec::new(),
        }
    }

    /// A table block; rows are padded to the widest.
    pub fn table(mut rows: Vec<Vec<String>>) -> Block {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        for r in &mut rows {
            r.resize(width, String::new());
        }
        Block {
            kind: BlockKind::Table,
            text: String::new(),
            rows,
        }
    }

    /// The block's words as one line (table cells joined by spaces).
    pub fn plain_text(&self) -> String {
        if self.kind == BlockKind::Table {
            self.rows
                .iter()
                .map(|r| r.join(" "))
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            self.text.clone()
        }
    }
}

/// Reads a line's kind from its leading marker (after a scraped `- `).
pub fn classify_line(line: &str) -> BlockKind {
    let t = line.trim_start();
    match t.strip_prefix("- ") {
        // A scraped list bullet: the marker after it, if any, says more.
        Some(rest) => match classify_marker(rest.trim_start()) {
            BlockKind::Text => BlockKind::Item,
            kind => kind,
        },
        None => classify_marker(t),
    }
}

fn classify_marker(t: &str) -> BlockKind {
    let Some(first) = t.chars().next() else {
        return BlockKind::Text;
    };
    if ('\u{2460}'..='\u{2473}').contains(&first) {
        return BlockKind::Paragraph;
    }
    if first == '※' {
        return BlockKind::Note;
    }
    if matches!(
        first,
        '-' | '•' | '▶' | '○' | '·' | 'o' | '◦' | '■' | '□' | '◎'
    ) && t[first.len_utf8()..].starts_with([' ', '\u{a0}'])
    {
        return BlockKind::Item;
    }
    // 1. 가. 1) 가)
    let head: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = if head.is_empty() {
        let mut cs = t.chars();
        match cs.next() {
            Some(c) if ('가'..='하').contains(&c) && "가나다라마바사아자차카타파하".contains(c) => {
                cs.as_str()
            }
            _ => return BlockKind::Text,
        }
    } else {
        &t[head.len()..]
    };
    if rest.starts_with(". ") || rest.starts_with(") ") {
        BlockKind::Item
    } else {
        BlockKind::Text
    }
}

/// One entrustment row: who processes data for the agency, and what.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trustee {
    /// The trustee company (수탁자).
    pub company: String,
    /// The entrusted task.
    pub task: String,
    /// Agency department that entrusts it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub department: String,
    /// Agency-side manager.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub manager: String,
    /// Agency-side phone.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// Personal-data items entrusted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// The personal-data file concerned, if named.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    /// Company address, if given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub company_address: String,
    /// Company phone, if given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub company_phone: String,
    /// Remarks.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The role of a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 개인정보 보호책임자.
    PrivacyOfficer,
    /// 개인정보 보호담당자.
    PrivacyContact,
    /// 분야별 개인정보 책임자.
    FieldOfficer,
    /// 분야별 개인정보 담당자.
    FieldContact,
    /// 열람청구 접수·처리 부서.
    AccessRequest,
    /// An inquiry desk or other named contact (상담센터, 고충처리 부서).
    Inquiry,
    /// 영상정보처리기기 관리책임자 or 접근권한자 (CCTV).
    Cctv,
}

/// A named person or desk to contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Role.
    pub role: Role,
    /// Department.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub department: String,
    /// Name (possibly masked, e.g. one syllable).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Job title (직급).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Phone numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// Fax number.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fax: String,
}

/// An outside body a citizen can turn to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remedy {
    /// Its name.
    pub name: String,
    /// Who runs it, if said.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub operator: String,
    /// What it handles.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub duties: String,
    /// Phone as written (`(국번없이) 118`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// Web address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// Postal address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_give_kinds() {
        assert_eq!(classify_line("① 중구는"), BlockKind::Paragraph);
        assert_eq!(classify_line("- ① 광주광역시"), BlockKind::Paragraph);
        assert_eq!(classify_line("1. 홈페이지"), BlockKind::Item);
        assert_eq!(classify_line(" - 가. 법률에"), BlockKind::Item);
        assert_eq!(classify_line("- 1) 조세의"), BlockKind::Item);
        assert_eq!(classify_line("• 홈페이지 관리"), BlockKind::Item);
        assert_eq!(classify_line("o 개인정보 보호책임자 유"), BlockKind::Item);
        assert_eq!(classify_line("※ 개인정보보호"), BlockKind::Note);
        assert_eq!(classify_line("가보특수지"), BlockKind::Text);
        assert_eq!(classify_line("2019년"), BlockKind::Text);
    }

    #[test]
    fn titles_give_categories() {
        let cases = [
            ("개인정보의 처리 목적 및 항목", Category::Purpose),
            ("개인정보처리의 위탁", Category::Entrustment),
            ("개인정보 보호책임자 및 열람청구", Category::Officer),
            ("개인정보 열람청구", Category::AccessRequest),
            ("개인정보 처리방침의 변경", Category::Changes),
            ("개인정보파일의 등록 및 공개", Category::RegisteredFiles),
            ("개인정보의 처리 및 보유기간", Category::Retention),
            (
                "개인정보를 자동으로 수집하는 장치의 설치·운영 및 그 거부에 관한 사항",
                Category::AutoCollection,
            ),
            (
                "정보주체와 법정대리인의 권리·의무 및 행사방법",
                Category::Rights,
            ),
            ("개인정보책임자 및 담당자 연락처", Category::Officer),
        ];
        for (title, category) in cases {
            assert_eq!(Category::from_title(title), category, "{title}");
        }
    }

    #[test]
    fn agency_groups() {
        let g = |kind: &str, name: &str| AgencyGroup::of(kind, name);
        assert_eq!(g("기초자치단체", "서울특별시 중구"), AgencyGroup::Local);
        assert_eq!(g("광역자치단체", "서울특별시"), AgencyGroup::Metropolitan);
        assert_eq!(g("중앙행정기관", "통계청"), AgencyGroup::Central);
        assert_eq!(g("교육기관", "단국대학교"), AgencyGroup::Education);
        assert_eq!(g("학교", "단국대학교"), AgencyGroup::Education);
        assert_eq!(g("공공기관", "한국교통안전공단"), AgencyGroup::Public);
        assert_eq!(g("", "○○고등학교"), AgencyGroup::Education);
        assert_eq!(g("", "무슨 협회"), AgencyGroup::Other);
    }

    #[test]
    fn dates_round_trip() {
        let d: Date = "2019-07-09".parse().unwrap();
        assert_eq!(d.to_string(), "2019-07-09");
        assert!("2019-13-01".parse::<Date>().is_err());
        assert!("2024-02-30".parse::<Date>().is_err());
        assert!("2023-02-29".parse::<Date>().is_err());
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2024-04-31".parse::<Date>().is_err());
        assert!("20240-01-01".parse::<Date>().is_err());
        assert!("0999-01-01".parse::<Date>().is_err());
    }
}
