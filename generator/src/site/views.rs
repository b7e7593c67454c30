//! View structs: exactly what each template receives, built from the
//! model. Templates never see the domain structs.

use serde::Serialize;

use crate::compliance;
use crate::model::{
    Agency, AgencyGroup, Block, BlockKind, Category, Contact, LabelKind, Policy, Role,
};
pub use crate::urls::{
    category_label, category_slug, display_text, findings_anchor, policy_path, role_label,
};

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
    /// The searcher's files under `static/search/` (content-hashed names).
    pub searcher: SearcherFiles,
    /// The Content-Security-Policy pages state.
    pub csp: &'static str,
}

/// The browser searcher's file names, which change with its content.
#[derive(Debug, Clone, Serialize)]
pub struct SearcherFiles {
    /// The JavaScript bindings (an ES module).
    pub glue: &'static str,
    /// The WebAssembly module.
    pub module: &'static str,
}

impl SearcherFiles {
    /// The names of the bundle embedded in this binary.
    pub fn embedded() -> Self {
        SearcherFiles {
            glue: crate::searcher::GLUE,
            module: crate::searcher::MODULE,
        }
    }
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
    /// Agency groups present, with their numbers of policies.
    pub groups: Vec<GroupOption>,
}

/// Home page view.
pub fn home(agencies: &[Agency], assessments: &compliance::Assessments) -> HomeView {
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
                    missing: missing_mandatory(assessments.get(a, p)).len(),
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
        // The filter hides policy cards: it counts them.
        groups: group_options(
            agencies
                .iter()
                .flat_map(|a| a.policies.iter().map(move |_| a.group().id())),
        ),
    }
}

/// The mandatory items a privacy policy lacks, by label (none for a CCTV
/// policy, which the guideline does not cover).
pub fn missing_mandatory(assessment: Option<&compliance::Assessment>) -> Vec<&'static str> {
    assessment.map_or_else(Vec::new, |a| {
        a.missing_mandatory().map(|f| f.label).collect()
    })
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
    /// Phones.
    pub phones: Vec<PhoneView>,
    /// E-mail.
    pub email: String,
    /// Fax.
    pub fax: String,
    /// Its row's anchor on the policy page (`연락처-2`).
    pub anchor: String,
}

/// A phone number as shown, and as dialled.
#[derive(Debug, Clone, Serialize)]
pub struct PhoneView {
    /// As written (`02-2133-2971~2`).
    pub text: String,
    /// Its `tel:` link (`tel:02-2133-2971`).
    pub href: String,
}

impl PhoneView {
    fn of(phone: &str) -> PhoneView {
        PhoneView {
            text: phone.to_string(),
            href: tel(phone),
        }
    }
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

fn contact_view(n: usize, c: &Contact) -> ContactView {
    ContactView {
        anchor: crate::urls::contact_anchor(n + 1),
        role: role_label(c.role),
        department: c.department.clone(),
        name: c.name.clone(),
        title: c.title.clone(),
        phones: c.phones.iter().map(|p| PhoneView::of(p)).collect(),
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
    /// Its anchor on the policy page (`구제-1`).
    pub anchor: String,
}

impl RemedyView {
    fn of(n: usize, r: &crate::model::Remedy) -> RemedyView {
        RemedyView {
            anchor: crate::urls::remedy_anchor(n + 1),
            name: r.name.clone(),
            operator: r.operator.clone(),
            phone: r.phone.clone(),
            url: r.url.clone(),
        }
    }
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
    /// Agency phone.
    pub phone: Option<PhoneView>,
    /// Items entrusted.
    pub items: String,
    /// Whether resident registration numbers are entrusted.
    pub rrn: bool,
    /// Company address and phone.
    pub company_contact: String,
    /// Note.
    pub note: String,
    /// Its row's anchor on the policy page (`위탁-3`).
    pub anchor: String,
}

/// Whether a list of data items includes resident registration numbers.
pub fn entrusts_rrn(items: &[String]) -> bool {
    items
        .iter()
        .any(|i| i.replace(' ', "").contains("주민등록번호"))
}

fn trustee_view(n: usize, t: &crate::model::Trustee) -> TrusteeView {
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
        phone: (!t.phone.is_empty()).then(|| PhoneView::of(&t.phone)),
        anchor: crate::urls::trustee_anchor(n + 1),
        items: t.items.join(", "),
        rrn: entrusts_rrn(&t.items),
        company_contact,
        note: t.note.clone(),
    }
}

/// A version held in full, as the version list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct VersionLink {
    /// Effective date (`2024-02-01`), or `시행일 미상`.
    pub date: String,
    /// Its page (relative to base).
    pub url: String,
    /// Whether it is the version in force.
    pub current: bool,
    /// The 대조표 from the version before it, if there is one.
    pub changes_url: String,
    /// What changed from the version before it, in one line.
    pub summary: String,
}

/// What an earlier version's page says at its top.
#[derive(Debug, Clone, Serialize)]
pub struct EarlierNotice {
    /// The current policy's page.
    pub current_url: String,
    /// The current version's effective date.
    pub current_date: String,
}

/// A filter choice: an agency group and how many rows it has.
#[derive(Debug, Clone, Serialize)]
pub struct GroupOption {
    /// Group id (`local`).
    pub id: &'static str,
    /// Korean label (`기초자치단체`).
    pub label: &'static str,
    /// Items in the group.
    pub count: usize,
}

/// The groups present among `groups`, in the regulator's order, counted.
pub fn group_options(groups: impl Iterator<Item = &'static str>) -> Vec<GroupOption> {
    let groups: Vec<&str> = groups.collect();
    AgencyGroup::ALL
        .iter()
        .map(|g| GroupOption {
            id: g.id(),
            label: g.label(),
            count: groups.iter().filter(|x| **x == g.id()).count(),
        })
        .filter(|o| o.count > 0)
        .collect()
}

/// An earlier version a policy mentions (its text may be absent).
#[derive(Debug, Clone, Serialize)]
pub struct KnownVersion {
    /// As the policy names it (`2019. 7. 8. ~ 2020. 1. 5. 적용`).
    pub label: String,
    /// Date it started applying, if given.
    pub from: String,
    /// Date it stopped applying, if given.
    pub until: String,
}

impl KnownVersion {
    fn of(v: &crate::model::Version) -> KnownVersion {
        KnownVersion {
            label: display_text(&v.label),
            from: v.from.map(|d| d.to_string()).unwrap_or_default(),
            until: v.until.map(|d| d.to_string()).unwrap_or_default(),
        }
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
    /// Earlier versions the text mentions.
    pub versions: Vec<KnownVersion>,
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
    pub texts: Vec<VersionLink>,
    /// Set on the page of an earlier version: where the current one is.
    pub earlier: Option<EarlierNotice>,
    /// The agency's Atom feed (relative to base).
    pub feed_url: String,
    /// The anchors of the page's sections.
    pub anchors: PageAnchors,
}

/// The anchors of a policy page's sections, which findings, search hits
/// and the table of contents link to.
#[derive(Debug, Clone, Serialize)]
pub struct PageAnchors {
    /// The text before the first article.
    pub preamble: &'static str,
    /// The label tiles.
    pub labels: &'static str,
    /// The trustee table.
    pub trustees: &'static str,
    /// The contacts section.
    pub contacts: &'static str,
}

impl Default for PageAnchors {
    fn default() -> Self {
        PageAnchors {
            preamble: crate::urls::PREAMBLE_ANCHOR,
            labels: crate::urls::LABELS_ANCHOR,
            trustees: crate::urls::TRUSTEES_ANCHOR,
            contacts: crate::urls::CONTACTS_ANCHOR,
        }
    }
}

fn anchor_of(p: &Policy, c: Category) -> String {
    p.articles
        .iter()
        .find(|a| a.category == c)
        .map(|a| format!("#{}", a.anchor()))
        .unwrap_or_default()
}

/// The six label tiles, from the policy's 라벨링 when it has one and
/// otherwise from its data and articles.
fn tiles(p: &Policy) -> Vec<Tile> {
    let label = |k: LabelKind| label_value(p, k);
    let see = |c: Category| see_article(p, c);
    let entrustment = entrustment_summary(p);
    let complaint = complaint_desk(p);
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
                format!("#{}", crate::urls::TRUSTEES_ANCHOR)
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
            href: format!("#{}", crate::urls::CONTACTS_ANCHOR),
        },
    ]
}

/// The policy's 라벨링 value of kind `k`, if it has one.
fn label_value(p: &Policy, k: LabelKind) -> Option<String> {
    p.labels
        .iter()
        .find(|l| l.kind == k)
        .map(|l| l.value.clone())
}

/// A pointer to the article of category `c` (`제N조 … 참조`), or
/// `기재 없음` when there is none.
fn see_article(p: &Policy, c: Category) -> String {
    p.articles
        .iter()
        .find(|a| a.category == c)
        .map(|a| format!("{} 참조", a.heading))
        .unwrap_or_else(|| "기재 없음".to_string())
}

/// The entrustment tile without a label: the number of companies and the
/// first three, else where the trustee list is, else the article.
fn entrustment_summary(p: &Policy) -> String {
    let companies: Vec<String> = {
        let mut v: Vec<String> = p.trustees.iter().map(|t| t.company.clone()).collect();
        v.dedup();
        v
    };
    if !companies.is_empty() {
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
        see_article(p, Category::Entrustment)
    }
}

/// The complaint tile without a label: the department and first phone
/// of the privacy contact (or the access-request desk, or the first
/// contact), else the officer's article.
fn complaint_desk(p: &Policy) -> String {
    p.contacts
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
        .unwrap_or_else(|| see_article(p, Category::Officer))
}

/// Policy page view.
pub fn policy(agency: &Agency, p: &Policy) -> PolicyView {
    PolicyView {
        agency: agency.name.clone(),
        agency_full_name: agency.full_name.clone(),
        title: p.title.clone(),
        site: p.site.clone().unwrap_or_default(),
        effective: p.effective.map(|d| d.to_string()).unwrap_or_default(),
        versions: p.versions.iter().map(KnownVersion::of).collect(),
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
                anchor: a.anchor(),
                label: a.shown_heading(),
            })
            .collect(),
        preamble: block_views(p.shown_preamble()),
        articles: p
            .articles
            .iter()
            .map(|a| ArticleView {
                anchor: a.anchor(),
                heading: a.shown_heading(),
                category: category_label(a.category),
                blocks: block_views(&a.blocks),
            })
            .collect(),
        trustees: p
            .trustees
            .iter()
            .enumerate()
            .map(|(n, t)| trustee_view(n, t))
            .collect(),
        trustee_reference: p
            .trustee_reference
            .as_deref()
            .map(display_text)
            .unwrap_or_default(),
        contacts: p
            .contacts
            .iter()
            .enumerate()
            .map(|(n, c)| contact_view(n, c))
            .collect(),
        remedies: p
            .remedies
            .iter()
            .enumerate()
            .map(|(n, r)| RemedyView::of(n, r))
            .collect(),
        // The conductor says what is missing (from the build's assessments).
        missing: Vec::new(),
        findings_url: format!(
            "{}#{}",
            crate::urls::COMPLIANCE_PAGE,
            findings_anchor(agency, p)
        ),
        // The conductor lists the versions (see `versions::version_links`).
        texts: Vec::new(),
        earlier: None,
        feed_url: crate::urls::agency_feed_path(agency),
        anchors: PageAnchors::default(),
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

/// An agency that entrusts resident registration numbers.
#[derive(Debug, Clone, Serialize)]
pub struct RrnAgency {
    /// Agency full name.
    pub agency: String,
    /// Its trustee rows with them.
    pub rows: usize,
}

/// The trustee directory.
#[derive(Debug, Clone, Serialize)]
pub struct TrusteesView {
    /// Companies, by name.
    pub companies: Vec<CompanyView>,
    /// Agencies that entrust resident registration numbers, with row counts.
    pub rrn_agencies: Vec<RrnAgency>,
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
    let mut rrn: Vec<RrnAgency> = Vec::new();
    let mut rrn_at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut rows = 0;
    for a in agencies {
        for p in &a.policies {
            for (n, t) in p.trustees.iter().enumerate() {
                rows += 1;
                let row = trustee_view(n, t);
                if row.rrn {
                    let at = *rrn_at.entry(a.full_name.clone()).or_insert_with(|| {
                        rrn.push(RrnAgency {
                            agency: a.full_name.clone(),
                            rows: 0,
                        });
                        rrn.len() - 1
                    });
                    rrn[at].rows += 1;
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
    /// Its policies' contacts.
    pub policies: Vec<PolicyContacts>,
}

/// One policy's contacts.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyContacts {
    /// Policy title (and site).
    pub title: String,
    /// Policy page (relative to base).
    pub url: String,
    /// Its contacts.
    pub contacts: Vec<ContactView>,
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
                    let title = crate::urls::policy_label(p);
                    PolicyContacts {
                        title,
                        url: policy_path(a, p),
                        contacts: p
                            .contacts
                            .iter()
                            .enumerate()
                            .map(|(n, c)| contact_view(n, c))
                            .collect(),
                    }
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
                let name = crate::urls::policy_label(p);
                let arts: Vec<ArticleView> = p
                    .articles
                    .iter()
                    .filter(|x| x.category == c)
                    .map(|x| ArticleView {
                        anchor: x.anchor(),
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
