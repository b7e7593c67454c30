//! View structs of the compliance page: the matrix of mandatory items, and
//! each policy's findings with links to their evidence.

use serde::Serialize;

use super::views::{GroupOption, group_options};
use crate::compliance::{self, Assessment, Class, Finding, Status};
use crate::model::{Agency, Date, Policy};
use crate::urls::{COMPLIANCE_PAGE, finding_anchor, findings_anchor, policy_path};

/// A column of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnView {
    /// Requirement id.
    pub id: &'static str,
    /// Its Korean label.
    pub label: &'static str,
}

/// A cell of the matrix: a status, linked to its first evidence.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// The requirement's label, for screen readers.
    pub requirement: &'static str,
    /// Status id (`present`, `missing`, …), for the CSS class.
    pub status: &'static str,
    /// Status in Korean.
    pub label: &'static str,
    /// The evidence's URL (relative to base), or the finding on this page.
    pub href: String,
}

/// A piece of evidence, as a link.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    /// The article's heading.
    pub article: String,
    /// URL of the article on the policy page (relative to base).
    pub href: String,
    /// The sentence or row that provides the item.
    pub quote: String,
}

/// One requirement's finding on one policy.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// Its row's anchor on the compliance page.
    pub anchor: String,
    /// Requirement id.
    pub id: &'static str,
    /// Requirement label.
    pub label: &'static str,
    /// Class in Korean (`필수`, `해당 시 필수`, `권장`).
    pub class: &'static str,
    /// Status id.
    pub status: &'static str,
    /// Status in Korean.
    pub status_label: &'static str,
    /// Where the text provides it.
    pub evidence: Vec<EvidenceView>,
    /// Failed checks and reasons.
    pub notes: Vec<String>,
}

/// A policy's row in the matrix, and its findings below it.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyFindings {
    /// The anchor of its findings on the page.
    pub anchor: String,
    /// Agency full name.
    pub agency: String,
    /// Policy title (and site).
    pub policy: String,
    /// Policy URL (relative to base).
    pub url: String,
    /// The agency group id, for the filter.
    pub group: &'static str,
    /// Effective date, empty when unknown.
    pub effective: String,
    /// Age in whole years at the reference date, if dated.
    pub age_years: Option<u32>,
    /// One cell per mandatory requirement.
    pub cells: Vec<CellView>,
    /// Mandatory items missing.
    pub missing: usize,
    /// Conditional items by status, as one line (`있음 4 · 해당 없음 3`).
    pub conditional: String,
    /// Every requirement's finding.
    pub findings: Vec<FindingView>,
}

/// The compliance page.
#[derive(Debug, Clone, Serialize)]
pub struct ComplianceView {
    /// The date the reading is of.
    pub as_of: String,
    /// The mandatory requirements, as matrix columns.
    pub columns: Vec<ColumnView>,
    /// Agency groups present, for the filter.
    pub groups: Vec<GroupOption>,
    /// One entry per privacy policy.
    pub policies: Vec<PolicyFindings>,
}

/// Compliance page view.
pub fn compliance_view(
    agencies: &[Agency],
    assessments: &compliance::Assessments,
    as_of: Date,
) -> ComplianceView {
    let policies: Vec<PolicyFindings> = agencies
        .iter()
        .flat_map(|a| {
            a.policies
                .iter()
                .filter_map(move |p| Some(policy_findings(a, p, assessments.get(a, p)?, as_of)))
        })
        .collect();
    ComplianceView {
        as_of: as_of.to_string(),
        columns: compliance::REQUIREMENTS
            .iter()
            .filter(|r| r.class == Class::Mandatory)
            .map(|r| ColumnView {
                id: r.id,
                label: r.label,
            })
            .collect(),
        groups: group_options(policies.iter().map(|p| p.group)),
        policies,
    }
}

fn policy_findings(
    agency: &Agency,
    policy: &Policy,
    assessment: &Assessment,
    as_of: Date,
) -> PolicyFindings {
    let url = policy_path(agency, policy);
    let anchor = findings_anchor(agency, policy);
    let cells = assessment
        .requirements
        .iter()
        .filter(|f| f.class == Class::Mandatory)
        .map(|f| CellView {
            requirement: f.label,
            status: f.status.id(),
            label: f.status.label(f.class),
            href: match f.evidence.first() {
                Some(e) => format!("{url}#{}", e.anchor),
                None => format!("{COMPLIANCE_PAGE}#{}", finding_anchor(agency, policy, f.id)),
            },
        })
        .collect();
    PolicyFindings {
        agency: agency.full_name.clone(),
        policy: crate::urls::policy_label(policy),
        group: agency.group().id(),
        effective: policy.effective.map(|d| d.to_string()).unwrap_or_default(),
        age_years: policy
            .effective
            .map(|e| compliance::years_between(e, as_of)),
        cells,
        missing: assessment.missing_mandatory().count(),
        conditional: conditional_summary(assessment),
        findings: assessment
            .requirements
            .iter()
            .map(|f| finding_view(f, &url, finding_anchor(agency, policy, f.id)))
            .collect(),
        anchor,
        url,
    }
}

fn conditional_summary(a: &Assessment) -> String {
    [
        Status::Present,
        Status::NotApplicable,
        Status::Undetermined,
        Status::Missing,
    ]
    .iter()
    .filter_map(|s| {
        let n = a
            .requirements
            .iter()
            .filter(|f| f.class == Class::Conditional && f.status == *s)
            .count();
        (n > 0).then(|| format!("{} {n}", s.label(Class::Conditional)))
    })
    .collect::<Vec<_>>()
    .join(" · ")
}

fn finding_view(f: &Finding, url: &str, anchor: String) -> FindingView {
    FindingView {
        anchor,
        id: f.id,
        label: f.label,
        class: f.class.label(),
        status: f.status.id(),
        status_label: f.status.label(f.class),
        evidence: f
            .evidence
            .iter()
            .map(|e| EvidenceView {
                article: e.article.clone(),
                href: format!("{url}#{}", e.anchor),
                quote: e.quote.clone(),
            })
            .collect(),
        notes: f.notes.clone(),
    }
}
