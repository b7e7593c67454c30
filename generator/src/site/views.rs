//! View structs: exactly what each template receives, built from the
//! model. Templates never see the domain structs.

use serde::Serialize;

use super::findings::{GroupOption, findings_anchor, group_options};
use crate::compliance;
use crate::model::{Agency, Article, Block, BlockKind, Category, Contact, LabelKind, Policy, Role};

/// The URL path of a policy page, relative to the base path.
pub fn policy_path(agency: &Agency, policy: &Policy) -> String {
    format!("{}/{}/", agency.slug, policy.slug)
}

/// The anchor of an article: `제4조`, stable across rebuilds.
pub fn article_anchor(article: &Article) -> String {
    article.anchor()
}

/// Korean label of a category.
pub fn category_label(c: Category) -> &'static str {
    match c {
        Category::Purpose => "처리 목적",
        Category::Items => "처리 항목",
        Category::Retention => "처리 및 보유 기간",
        Category::Destruction => "파기",
        Category::ThirdParty => "제3자 제공",
        Category::Entrustment => "처리 위탁",
        Category::Rights => "정보주체의 권리",
        Category::Safety => "안전성 확보조치",
        Category::AutoCollection => "자동 수집 장치(쿠키)",
        Category::Officer => "개인정보 보호책임자",
        Category::AccessRequest => "열람청구",
        Category::Remedies => "권익침해 구제방법",
        Category::Changes => "처리방침 변경",
        Category::Sensitive => "민감정보",
        Category::Pseudonymised => "가명정보",
        Category::FurtherUse => "추가적인 이용·제공",
        Category::RegisteredFiles => "개인정보파일 등록",
        Category::Assessment => "관리수준 진단",
        Category::Other => "기타",
    }
}

/// URL slug of a category (its serde name with `-`).
pub fn category_slug(c: Category) -> String {
    serde_json::to_value(c)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', "-")))
        .unwrap_or_default()
}

/// Korean label of a contact role.
pub fn role_label(r: Role) -> &'static str {
    match r {
        Role::PrivacyOfficer => "개인정보 보호책임자",
        Role::PrivacyContact => "개인정보 보호담당자",
        Role::FieldOfficer => "분야별 개인정보 책임자",
        Role::FieldContact => "분야별 개인정보 담당자",
        Role::AccessRequest => "열람청구 접수·처리",
        Role::Inquiry => "문의 창구",
        Role::Cctv => "영상정보처리기기 관리",
    }
}

/// What every page knows of the site.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site title.
    pub title: String,
    /// Path every internal link starts with (`/` or `/privacy/`).
    pub base: String,
    /// Absolute base URL.
    pub base_url: String,
    /// Page language.
    pub lang: String,
    /// Show the official masthead.
    pub official: bool,
    /// Who runs the site.
    pub operator: String,
    /// Include the live-reload script (`bangchim serve` only).
    pub live_reload: bool,
}

/// A breadcrumb step.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    /// Text.
    pub label: String,
    /// Link, relative to the base path; empty for the current page.
    pub url: String,
}

/// One rendered block.
#[derive(Debug, Clone, Serialize)]
pub struct BlockView {
    /// `para`, `text`, `note`, `list` or `table`.
    pub kind: &'static str,
    /// Text of a paragraph, text or note.
    pub text: String,
    /// Items of a list.
    pub items: Vec<String>,
    /// Header cells of a table.
    pub head: Vec<String>,
    /// Body rows of a table.
    pub rows: Vec<Vec<String>>,
}

/// A line as shown: the scraped `- ` bullet is dropped (a list shows its
/// own bullet); everything else stays as published.
pub fn display_text(text: &str) -> String {
    text.strip_prefix("- ").unwrap_or(text).trim().to_string()
}

/// Blocks as views: consecutive items become one list.
pub fn block_views(blocks: &[Block]) -> Vec<BlockView> {
    let mut out: Vec<BlockView> = Vec::new();
    for b in blocks {
        let view = |kind: &'static str, text: String| BlockView {
            kind,
            text,
            items: Vec::new(),
            head: Vec::new(),
            rows: Vec::new(),
        };
        match b.kind {
            BlockKind::Item => {
                let text = display_text(&b.text);
                match out.last_mut() {
                    Some(last) if last.kind == "list" => last.items.push(text),
                    _ => {
                        let mut v = view("list", String::new());
                        v.items.push(text);
                        out.push(v);
                    }
                }
            }
            BlockKind::Paragraph => out.push(view("para", display_text(&b.text))),
            BlockKind::Note => out.push(view("note", display_text(&b.text))),
            BlockKind::Text => out.push(view("text", display_text(&b.text))),
            BlockKind::Table => {
                let mut v = view("table", String::new());
                v.head = b.rows.first().cloned().unwrap_or_default();
                v.rows = b.rows.iter().skip(1).cloned().collect();
                out.push(v);
            }
        }
    }
    out
}

/// The preamble without a scraped table of contents (`< 목 차 >` and the
/// table remnants after it): the page makes its own.
pub fn preamble_blocks(blocks: &[Block]) -> &[Block] {
    match blocks
        .iter()
        .position(|b| b.kind == BlockKind::Text && b.text.replace(' ', "").contains("목차"))
    {
        Some(at) if blocks[at].text.chars().count() < 12 => &blocks[..at],
        _ => blocks,
    }
}

/// A policy on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyCard {
    /// Title.
    pub title: String,
    /// Site or service, if any.
    pub site: String,
    /// Page URL (relative to base).
    pub url: String,
    /// Effective date.
    pub effective: String,
    /// Number of trustee rows.
    pub trustees: usize,
    /// Number of contacts.
    pub contacts: usize,
    /// Mandatory sections missing.
    pub missing: usize,
    /// Versions held in full (1 when no history).
    pub version_count: usize,
}

/// An agency on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyCard {
    /// Short name.
    pub name: String,
    /// Full name.
    pub full_name: String,
    /// Kind of body.
    pub kind: String,
    /// The regulator's group of the kind (`local`), for the filter.
    pub group: &'static str,
    /// Its policies.
    pub policies: Vec<PolicyCard>,
}

/// A region group on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct RegionView {
    /// Region name.
    pub name: String,
    /// Agencies in it.
    pub agencies: Vec<AgencyCard>,
}

/// The home page.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    /// Agencies by region.
    pub regions: Vec<RegionView>,
    /// Number of agencies.
    pub agency_count: usize,
    /// Number of policies.
    pub policy_count: usize,
    /// Number of trustee rows.
    pub trustee_count: usize,
    /// Agency groups present, with their numbers of agencies.
    pub groups: Vec<GroupOption>,
}

/// Home page view.
pub fn home(agencies: &[Agency]) -> HomeView {
    let mut regions: Vec<RegionView> = Vec::new();
    let mut sorted: Vec<&Agency> = agencies.iter().collect();
    sorted.sort_by(|a, b| (&a.region, &a.full_name).cmp(&(&b.region, &b.full_name)));
    for a in sorted {
        let card = AgencyCard {
            name: a.name.clone(),
            full_name: a.full_name.clone(),
            kind: a.kind.clone(),
            group: a.group().id(),
            policies: a
                .policies
                .iter()
                .map(|p| PolicyCard {
                    title: p.title.clone(),
                    site: p.site.clone().unwrap_or_default(),
                    url: policy_path(a, p),
                    effective: p.effective.map(|d| d.to_string()).unwrap_or_default(),
                    trustees: p.trustees.len(),
                    contacts: p.contacts.len(),
                    missing: missing_mandatory(a, p).len(),
                    version_count: 1 + p.history.len(),
                })
                .collect(),
        };
        let region = if a.region.is_empty() {
            "지역 미상".to_string()
        } else {
            a.region.clone()
        };
        match regions.last_mut() {
            Some(r) if r.name == region => r.agencies.push(card),
            _ => regions.push(RegionView {
                name: region,
                agencies: vec![card],
            }),
        }
    }
    HomeView {
        regions,
        agency_count: agencies.len(),
        policy_count: agencies.iter().map(|a| a.policies.len()).sum(),
        trustee_count: agencies
            .iter()
            .flat_map(|a| &a.policies)
            .map(|p| p.trustees.len())
            .sum(),
        groups: group_options(agencies.iter().map(|a| a.group().id())),
    }
}

/// The mandatory items a privacy policy lacks, by label (none for a CCTV
/// policy, which the guideline does not cover).
fn missing_mandatory(agency: &Agency, p: &Policy) -> Vec<&'static str> {
    if !compliance::applies(p) {
        return Vec::new();
    }
    compliance::assess(agency, p)
        .missing_mandatory()
        .map(|f| f.label)
        .collect()
}

/// A label tile.
#[derive(Debug, Clone, Serialize)]
pub struct Tile {
    /// Caption.
    pub label: String,
    /// Content.
    pub value: String,
    /// Where the details are (`#제N조`), if known.
    pub href: String,
}

/// A table-of-contents entry.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    /// Anchor without `#`.
    pub anchor: String,
    /// Text: the heading.
    pub label: String,
}

/// An article on its policy page.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// Anchor without `#`.
    pub anchor: String,
    /// The heading as published.
    pub heading: String,
    /// Category label.
    pub category: &'static str,
    /// Content.
    pub blocks: Vec<BlockView>,
}

/// A contact as shown.
#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    /// Role label.
    pub role: &'static str,
    /// Department.
    pub department: String,
    /// Name.
    pub name: String,
    /// Job title.
    pub title: String,
    /// Phones: (as written, `tel:` target).
    pub phones: Vec<(String, String)>,
    /// E-mail.
    pub email: String,
    /// Fax.
    pub fax: String,
}

/// `tel:` target of a phone as written (`02-2133-2971~2` → `tel:02-2133-2971`).
pub fn tel(phone: &str) -> String {
    let number: String = phone
        .split('~')
        .next()
        .unwrap_or(phone)
        .chars()
        .map(|c| if c == ')' { '-' } else { c })
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    format!("tel:{number}")
}

fn contact_view(c: &Contact) -> ContactView {
    ContactView {
        role: role_label(c.role),
        department: c.department.clone(),
        name: c.name.clone(),
        title: c.title.clone(),
        phones: c.phones.iter().map(|p| (p.clone(), tel(p))).collect(),
        email: c.email.clone(),
        fax: c.fax.clone(),
    }
}

/// A remedy body as shown.
#[derive(Debug, Clone, Serialize)]
pub struct RemedyView {
    /// Name.
    pub name: String,
    /// Who runs it.
    pub operator: String,
    /// Phone as written.
    pub phone: String,
    /// Web address.
    pub url: String,
}

/// A trustee row as shown.
#[derive(Debug, Clone, Serialize)]
pub struct TrusteeView {
    /// Company.
    pub company: String,
    /// Task.
    pub task: String,
    /// Department.
    pub department: String,
    /// Manager.
    pub manager: String,
    /// Agency phone: (as written, tel).
    pub phone: Option<(String, String)>,
    /// Items entrusted.
    pub items: String,
    /// Whether resident registration numbers are entrusted.
    pub rrn: bool,
    /// Company address and phone.
    pub company_contact: String,
    /// Note.
    pub note: String,
}

/// Whether a list of data items includes resident registration numbers.
pub fn entrusts_rrn(items: &[String]) -> bool {
    items
        .iter()
        .any(|i| i.replace(' ', "").contains("주민등록번호"))
}

fn trustee_view(t: &crate::model::Trustee) -> TrusteeView {
    let company_contact = [t.company_address.as_str(), t.company_phone.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    TrusteeView {
        company: t.company.clone(),
        task: t.task.clone(),
        department: t.department.clone(),
        manager: t.manager.clone(),
        phone: (!t.phone.is_empty()).then(|| (t.phone.clone(), tel(&t.phone))),
        items: t.items.join(", "),
        rrn: entrusts_rrn(&t.items),
        company_contact,
        note: t.note.clone(),
    }
}

/// A policy page.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyView {
    /// Agency short name.
    pub agency: String,
    /// Agency full name.
    pub agency_full_name: String,
    /// Title.
    pub title: String,
    /// Site or service.
    pub site: String,
    /// Effective date.
    pub effective: String,
    /// Earlier versions: (label, from, until).
    pub versions: Vec<(String, String, String)>,
    /// Whether this is a privacy policy (else a CCTV policy: no label
    /// tiles, other wording).
    pub privacy: bool,
    /// The document kind's name (`영상정보처리기기 운영·관리방침`).
    pub kind_label: &'static str,
    /// Label tiles.
    pub tiles: Vec<Tile>,
    /// Table of contents.
    pub toc: Vec<TocEntry>,
    /// Preamble.
    pub preamble: Vec<BlockView>,
    /// Articles.
    pub articles: Vec<ArticleView>,
    /// Trustee rows.
    pub trustees: Vec<TrusteeView>,
    /// Where the trustee list is, if not tabled.
    pub trustee_reference: String,
    /// Contacts.
    pub contacts: Vec<ContactView>,
    /// Remedies.
    pub remedies: Vec<RemedyView>,
    /// Mandatory items missing.
    pub missing: Vec<&'static str>,
    /// The policy's findings on the compliance page (relative to base).
    pub findings_url: String,
    /// Versions held in full, newest first (empty when only one).
    pub texts: Vec<super::versions::VersionLink>,
    /// Set on the page of an earlier version: where the current one is.
    pub earlier: Option<super::versions::EarlierNotice>,
    /// The agency's Atom feed (relative to base).
    pub feed_url: String,
}

fn anchor_of(p: &Policy, c: Category) -> String {
    p.articles
        .iter()
        .find(|a| a.category == c)
        .map(|a| format!("#{}", article_anchor(a)))
        .unwrap_or_default()
}

/// The six label tiles, from the policy's 라벨링 when it has one and
/// otherwise from its data and articles.
fn tiles(p: &Policy) -> Vec<Tile> {
    let label = |k: LabelKind| {
        p.labels
            .iter()
            .find(|l| l.kind == k)
            .map(|l| l.value.clone())
    };
    let see = |c: Category| {
        p.articles
            .iter()
            .find(|a| a.category == c)
            .map(|a| format!("{} 참조", a.heading))
            .unwrap_or_else(|| "기재 없음".to_string())
    };
    let companies: Vec<String> = {
        let mut v: Vec<String> = p.trustees.iter().map(|t| t.company.clone()).collect();
        v.dedup();
        v
    };
    let entrustment = if !companies.is_empty() {
        format!(
            "{}개 업체: {}",
            companies.len(),
            companies
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else if let Some(r) = &p.trustee_reference {
        display_text(r)
    } else {
        see(Category::Entrustment)
    };
    let complaint = p
        .contacts
        .iter()
        .find(|c| c.role == Role::PrivacyContact || c.role == Role::AccessRequest)
        .or(p.contacts.first())
        .map(|c| {
            format!(
                "{} {}",
                c.department,
                c.phones.first().cloned().unwrap_or_default()
            )
            .trim()
            .to_string()
        })
        .unwrap_or_else(|| see(Category::Officer));
    let retention = p.retention.first().map(|r| r.period.clone());
    vec![
        Tile {
            label: "처리하는 개인정보 항목".into(),
            value: label(LabelKind::Items).unwrap_or_else(|| see(Category::Items)),
            href: anchor_of(p, Category::Items),
        },
        Tile {
            label: "처리 목적".into(),
            value: label(LabelKind::Purpose).unwrap_or_else(|| see(Category::Purpose)),
            href: anchor_of(p, Category::Purpose),
        },
        Tile {
            label: "보유 기간".into(),
            value: label(LabelKind::Retention)
                .or(retention)
                .unwrap_or_else(|| see(Category::Retention)),
            href: anchor_of(p, Category::Retention),
        },
        Tile {
            label: "처리 위탁".into(),
            value: label(LabelKind::Entrustment).unwrap_or(entrustment),
            href: if p.trustees.is_empty() {
                anchor_of(p, Category::Entrustment)
            } else {
                "#위탁현황".into()
            },
        },
        Tile {
            label: "제3자 제공".into(),
            value: label(LabelKind::Provision).unwrap_or_else(|| see(Category::ThirdParty)),
            href: anchor_of(p, Category::ThirdParty),
        },
        Tile {
            label: "고충처리 부서".into(),
            value: label(LabelKind::Complaint).unwrap_or(complaint),
            href: "#연락처".into(),
        },
    ]
}

/// Policy page view.
pub fn policy(agency: &Agency, p: &Policy) -> PolicyView {
    PolicyView {
        agency: agency.name.clone(),
        agency_full_name: agency.full_name.clone(),
        title: p.title.clone(),
        site: p.site.clone().unwrap_or_default(),
        effective: p.effective.map(|d| d.to_string()).unwrap_or_default(),
        versions: p
            .versions
            .iter()
            .map(|v| {
                (
                    display_text(&v.label),
                    v.from.map(|d| d.to_string()).unwrap_or_default(),
                    v.until.map(|d| d.to_string()).unwrap_or_default(),
                )
            })
            .collect(),
        privacy: p.kind.is_privacy(),
        kind_label: p.kind.label(),
        tiles: if p.kind.is_privacy() {
            tiles(p)
        } else {
            Vec::new()
        },
        toc: p
            .articles
            .iter()
            .map(|a| TocEntry {
                anchor: article_anchor(a),
                label: if a.heading.is_empty() {
                    "본문".into()
                } else {
                    a.heading.clone()
                },
            })
            .collect(),
        preamble: block_views(preamble_blocks(&p.preamble)),
        articles: p
            .articles
            .iter()
            .map(|a| ArticleView {
                anchor: article_anchor(a),
                heading: if a.heading.is_empty() {
                    "본문".into()
                } else {
                    a.heading.clone()
                },
                category: category_label(a.category),
                blocks: block_views(&a.blocks),
            })
            .collect(),
        trustees: p.trustees.iter().map(trustee_view).collect(),
        trustee_reference: p
            .trustee_reference
            .as_deref()
            .map(display_text)
            .unwrap_or_default(),
        contacts: p.contacts.iter().map(contact_view).collect(),
        remedies: p
            .remedies
            .iter()
            .map(|r| RemedyView {
                name: r.name.clone(),
                operator: r.operator.clone(),
                phone: r.phone.clone(),
                url: r.url.clone(),
            })
            .collect(),
        missing: missing_mandatory(agency, p),
        findings_url: format!("compliance/#{}", findings_anchor(agency, p)),
        texts: if p.history.is_empty() {
            Vec::new()
        } else {
            super::versions::version_links(agency, p)
        },
        earlier: None,
        feed_url: super::versions::agency_feed_path(agency),
    }
}

/// One agency's use of a trustee company.
#[derive(Debug, Clone, Serialize)]
pub struct TrusteeUse {
    /// Agency full name.
    pub agency: String,
    /// Policy page URL.
    pub url: String,
    /// The row.
    pub row: TrusteeView,
}

/// A company in the trustee directory.
#[derive(Debug, Clone, Serialize)]
pub struct CompanyView {
    /// Company name as first written.
    pub name: String,
    /// Anchor.
    pub anchor: String,
    /// Whether any row entrusts resident registration numbers.
    pub rrn: bool,
    /// Rows, by agency.
    pub uses: Vec<TrusteeUse>,
}

/// The trustee directory.
#[derive(Debug, Clone, Serialize)]
pub struct TrusteesView {
    /// Companies, by name.
    pub companies: Vec<CompanyView>,
    /// Agencies that entrust resident registration numbers, with row counts.
    pub rrn_agencies: Vec<(String, usize)>,
    /// Number of rows.
    pub rows: usize,
}

/// A company name for grouping: without legal-form marks and spaces.
pub fn company_key(name: &str) -> String {
    name.replace("(주)", "")
        .replace("㈜", "")
        .replace("주식회사", "")
        .replace("(사)", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Trustee directory view.
pub fn trustees(agencies: &[Agency]) -> TrusteesView {
    let mut companies: Vec<CompanyView> = Vec::new();
    // Company key → index in `companies`; agency → index in `rrn`.
    let mut by_key: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut rrn: Vec<(String, usize)> = Vec::new();
    let mut rrn_at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut rows = 0;
    for a in agencies {
        for p in &a.policies {
            for t in &p.trustees {
                rows += 1;
                let row = trustee_view(t);
                if row.rrn {
                    let at = *rrn_at.entry(a.full_name.clone()).or_insert_with(|| {
                        rrn.push((a.full_name.clone(), 0));
                        rrn.len() - 1
                    });
                    rrn[at].1 += 1;
                }
                let use_ = TrusteeUse {
                    agency: a.full_name.clone(),
                    url: policy_path(a, p),
                    row,
                };
                match by_key.get(&company_key(&t.company)) {
                    Some(&i) => {
                        companies[i].rrn |= use_.row.rrn;
                        companies[i].uses.push(use_);
                    }
                    None => {
                        by_key.insert(company_key(&t.company), companies.len());
                        companies.push(CompanyView {
                            name: t.company.clone(),
                            anchor: String::new(),
                            rrn: use_.row.rrn,
                            uses: vec![use_],
                        });
                    }
                }
            }
        }
    }
    companies.sort_by_cached_key(|c| company_key(&c.name));
    for (i, c) in companies.iter_mut().enumerate() {
        c.anchor = format!("업체-{}", i + 1);
    }
    TrusteesView {
        companies,
        rrn_agencies: rrn,
        rows,
    }
}

/// One agency's contacts.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyContacts {
    /// Agency full name.
    pub agency: String,
    /// Per policy: (title, url, contacts).
    pub policies: Vec<(String, String, Vec<ContactView>)>,
}

/// Contacts directory view.
pub fn contacts(agencies: &[Agency]) -> Vec<AgencyContacts> {
    agencies
        .iter()
        .map(|a| AgencyContacts {
            agency: a.full_name.clone(),
            policies: a
                .policies
                .iter()
                .map(|p| {
                    let title = match &p.site {
                        Some(s) => format!("{} ({s})", p.title),
                        None => p.title.clone(),
                    };
                    (
                        title,
                        policy_path(a, p),
                        p.contacts.iter().map(contact_view).collect(),
                    )
                })
                .collect(),
        })
        .collect()
}

/// One category on the compare index.
#[derive(Debug, Clone, Serialize)]
pub struct CompareEntry {
    /// Label.
    pub label: &'static str,
    /// URL.
    pub url: String,
    /// How many policies have such an article.
    pub count: usize,
}

/// One policy's article(s) of a category, side by side with the others.
#[derive(Debug, Clone, Serialize)]
pub struct CompareColumn {
    /// Agency full name.
    pub agency: String,
    /// Policy title and site.
    pub policy: String,
    /// Link to the article.
    pub url: String,
    /// The articles.
    pub articles: Vec<ArticleView>,
}

/// A compare page.
#[derive(Debug, Clone, Serialize)]
pub struct CompareView {
    /// Category label.
    pub label: &'static str,
    /// Columns.
    pub columns: Vec<CompareColumn>,
    /// Policies without such an article.
    pub absent: Vec<String>,
}

/// Compare index and pages, for every category some policy has.
pub fn compare(agencies: &[Agency]) -> (Vec<CompareEntry>, Vec<(String, CompareView)>) {
    let mut index = Vec::new();
    let mut pages = Vec::new();
    for c in Category::ALL {
        let mut columns = Vec::new();
        let mut absent = Vec::new();
        for a in agencies {
            for p in &a.policies {
                let name = match &p.site {
                    Some(s) => format!("{} ({s})", p.title),
                    None => p.title.clone(),
                };
                let arts: Vec<ArticleView> = p
                    .articles
                    .iter()
                    .filter(|x| x.category == c)
                    .map(|x| ArticleView {
                        anchor: article_anchor(x),
                        heading: x.heading.clone(),
                        category: category_label(c),
                        blocks: block_views(&x.blocks),
                    })
                    .collect();
                if arts.is_empty() {
                    absent.push(format!("{} {name}", a.full_name));
                } else {
                    columns.push(CompareColumn {
                        agency: a.full_name.clone(),
                        policy: name,
                        url: format!("{}#{}", policy_path(a, p), arts[0].anchor),
                        articles: arts,
                    });
                }
            }
        }
        if columns.is_empty() {
            continue;
        }
        let slug = category_slug(c);
        index.push(CompareEntry {
            label: category_label(c),
            url: format!("compare/{slug}/"),
            count: columns.len(),
        });
        pages.push((
            slug,
            CompareView {
                label: category_label(c),
                columns,
                absent,
            },
        ));
    }
    (index, pages)
}
