//! One home for what the pages, the search index, the feeds and the link
//! checker must agree on: the address of every page, the anchors inside a
//! policy page, and the Korean labels of categories and roles. Nothing
//! here imports the site or the index.

use crate::model::{Agency, Category, Date, Policy, Role};

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

/// The URL path of a policy page, relative to the base path.
pub fn policy_path(agency: &Agency, policy: &Policy) -> String {
    format!("{}/{}/", agency.slug, policy.slug)
}

/// A policy as lists name it: its title, and the site it covers
/// (`서울특별시 개인정보 처리방침 (서울계약마당)`) unless the title names it
/// (`통계지리정보서비스 개인정보 처리방침`).
pub fn policy_label(policy: &Policy) -> String {
    match &policy.site {
        Some(site) if !policy.title.contains(site.as_str()) => {
            format!("{} ({site})", policy.title)
        }
        _ => policy.title.clone(),
    }
}

/// A policy as a page about it alone names it: with its agency's full name
/// first unless its title already names the agency.
pub fn policy_full_label(agency: &Agency, policy: &Policy) -> String {
    let label = policy_label(policy);
    if policy.title.contains(&agency.name) || policy.title.contains(&agency.full_name) {
        label
    } else {
        format!("{} {label}", agency.full_name)
    }
}

/// The address of an earlier version's page: its effective date under the
/// policy (`seoul/poll/2019-01-29/`).
pub fn version_path(agency: &Agency, version: &Policy) -> String {
    format!(
        "{}{}/",
        policy_path(agency, version),
        date_label(version.effective)
    )
}

/// The address of the 신·구 대조표 that leads to `version` from the
/// version before it (`seoul/poll/changes/2024-02-01/`).
pub fn changes_path(agency: &Agency, version: &Policy) -> String {
    format!(
        "{}changes/{}/",
        policy_path(agency, version),
        date_label(version.effective)
    )
}

/// A version's effective date as its pages and addresses show it (earlier
/// versions always have one: `content` refuses them otherwise).
pub fn date_label(date: Option<Date>) -> String {
    date.map_or("시행일 미상".into(), |d| d.to_string())
}

/// The address of the site's Atom feed.
pub const SITE_FEED: &str = "feed.xml";

/// The address of an agency's Atom feed.
pub fn agency_feed_path(agency: &Agency) -> String {
    format!("{}/feed.xml", agency.slug)
}

/// The address of the compliance page.
pub const COMPLIANCE_PAGE: &str = "compliance/";

/// The anchor of a policy's findings on the compliance page.
pub fn findings_anchor(agency: &Agency, policy: &Policy) -> String {
    format!("점검-{}-{}", agency.slug, policy.slug)
}

/// The anchor of one finding of a policy on the compliance page.
pub fn finding_anchor(agency: &Agency, policy: &Policy, requirement: &str) -> String {
    format!("{}-{requirement}", findings_anchor(agency, policy))
}

/// The anchor of the `n`th (from 1) trustee row of a policy page.
pub fn trustee_anchor(n: usize) -> String {
    format!("위탁-{n}")
}

/// The anchor of the `n`th (from 1) contact row of a policy page.
pub fn contact_anchor(n: usize) -> String {
    format!("연락처-{n}")
}

/// The anchor of the `n`th (from 1) remedy of a policy page.
pub fn remedy_anchor(n: usize) -> String {
    format!("구제-{n}")
}

/// The anchor of a policy page's contacts section.
pub const CONTACTS_ANCHOR: &str = "연락처";

/// The anchor of a policy page's trustee table.
pub const TRUSTEES_ANCHOR: &str = "위탁현황";

/// The anchor of a policy page's text before its first article.
pub const PREAMBLE_ANCHOR: &str = "머리말";

/// The anchor of a policy page's label tiles (라벨링).
pub const LABELS_ANCHOR: &str = "라벨링";

/// A line as shown: the scraped `- ` bullet is dropped (a list shows its
/// own bullet); everything else stays as published.
pub fn display_text(text: &str) -> String {
    text.strip_prefix("- ").unwrap_or(text).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(title: &str, site: Option<&str>) -> Policy {
        Policy {
            site: site.map(String::from),
            ..Policy::bare("p", title)
        }
    }

    #[test]
    fn a_label_names_the_site_once() {
        let label = |t, s| policy_label(&policy(t, s));
        assert_eq!(
            label("서울특별시 개인정보 처리방침", Some("서울계약마당")),
            "서울특별시 개인정보 처리방침 (서울계약마당)"
        );
        assert_eq!(
            label(
                "통계지리정보서비스 개인정보 처리방침",
                Some("통계지리정보서비스")
            ),
            "통계지리정보서비스 개인정보 처리방침"
        );
        assert_eq!(label("개인정보 처리방침", None), "개인정보 처리방침");
    }
}
