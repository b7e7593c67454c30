//! Compliance judged by content: for each requirement of the regulator's
//! 작성지침, whether a policy provides it, with the article and the
//! sentence or table row that does.
//!
//! An item is `present` when the text provides it, whatever its article is
//! called; a conditional item is `not_applicable` when the policy says it
//! does not do that, `missing` when its data shows the practice but no text
//! describes it, and `undetermined` when the text does not allow a
//! decision. A mandatory item is `present` or `missing`.

mod age;
mod requirements;
mod rules;
mod units;

use serde::Serialize;

pub use age::{reference_date, years_between};
pub use requirements::{Class, REQUIREMENTS, Requirement, requirement};
use rules::Reading;
use units::Unit;

use crate::model::{Agency, Article, Category, Policy};

/// How a policy stands on a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The text provides it.
    Present,
    /// Mandatory and not provided; or conditional, the practice shown and
    /// not described.
    Missing,
    /// The policy says the practice does not happen.
    NotApplicable,
    /// The text does not allow a decision.
    Undetermined,
}

impl Status {
    /// The status in Korean, as the compliance page shows it.
    pub fn label(self, class: Class) -> &'static str {
        match (self, class) {
            (Status::Present, _) => "있음",
            (Status::Missing, Class::Mandatory) => "누락",
            (Status::Missing, Class::Conditional) => "기재 필요",
            (Status::Missing, Class::Recommended) => "기재 없음",
            (Status::NotApplicable, _) => "해당 없음",
            (Status::Undetermined, _) => "판단 불가",
        }
    }

    /// The status's serde name (`not_applicable`), for CSS classes and CSV.
    pub fn id(self) -> &'static str {
        match self {
            Status::Present => "present",
            Status::Missing => "missing",
            Status::NotApplicable => "not_applicable",
            Status::Undetermined => "undetermined",
        }
    }
}

/// Where a policy provides (or denies) an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The article's heading (`제7조(개인정보의 파기)`).
    pub article: String,
    /// The article's anchor on the policy page (`제7조`).
    pub anchor: String,
    /// The sentence or table row, shortened to a readable length.
    pub quote: String,
}

/// How a policy stands on one requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The requirement's id.
    pub id: &'static str,
    /// Its Korean label.
    pub label: &'static str,
    /// Its class.
    pub class: Class,
    /// The policy's status.
    pub status: Status,
    /// Where the text provides it (or says it does not apply), one entry
    /// per article.
    pub evidence: Vec<Evidence>,
    /// Checks beyond presence that failed, and why a status was chosen
    /// without evidence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// One policy's findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    /// `<agency>/<policy>`.
    pub policy: String,
    /// A finding per requirement, in [`REQUIREMENTS`] order.
    pub requirements: Vec<Finding>,
}

impl Assessment {
    /// The finding for requirement `id`.
    pub fn finding(&self, id: &str) -> Option<&Finding> {
        self.requirements.iter().find(|f| f.id == id)
    }

    /// The mandatory requirements found missing.
    pub fn missing_mandatory(&self) -> impl Iterator<Item = &Finding> {
        self.requirements
            .iter()
            .filter(|f| f.class == Class::Mandatory && f.status == Status::Missing)
    }
}

/// Whether the guideline applies: it is written for privacy policies; a
/// CCTV policy (영상정보처리기기 운영·관리방침) answers other rules.
pub fn applies(policy: &Policy) -> bool {
    policy.kind.is_privacy()
}

/// Judges every requirement on `policy` of `agency`.
pub fn assess(agency: &Agency, policy: &Policy) -> Assessment {
    let units = units::units(policy);
    // The text before the first article, as an article of its own.
    let preamble = Article {
        number: 0,
        title: PREAMBLE.into(),
        heading: String::new(),
        category: Category::Other,
        blocks: policy.shown_preamble().to_vec(),
    };
    let mut preamble_units = Vec::new();
    units::article_units(&preamble, &mut preamble_units);
    Assessment {
        policy: format!("{}/{}", agency.slug, policy.slug),
        requirements: REQUIREMENTS
            .iter()
            .map(|r| judge(r, policy, &units, &preamble_units))
            .collect(),
    }
}

/// The name of the text before the first article.
const PREAMBLE: &str = "머리말";

/// Every privacy policy's assessment, made once per build and looked up by
/// the pages, the matrix and the CSV export.
#[derive(Debug, Clone, Default)]
pub struct Assessments {
    all: Vec<Assessment>,
    by_policy: std::collections::HashMap<String, usize>,
}

impl Assessments {
    /// Assesses every privacy policy of `agencies`.
    pub fn of(agencies: &[Agency]) -> Assessments {
        // On the calling thread only: the build runs this beside the
        // search index, whose tokenising and wording work waited behind
        // ten thousand policies' assessments in the shared thread pool;
        // the index then finished 6-9 s after the pages, where both now
        // finish at about 24.5 s (10,000 policies).
        let all: Vec<Assessment> = assessed(agencies).map(|(a, p)| assess(a, p)).collect();
        let by_policy = all
            .iter()
            .enumerate()
            .map(|(i, a)| (a.policy.clone(), i))
            .collect();
        Assessments { all, by_policy }
    }

    /// The assessment of `policy` of `agency` (none for a CCTV policy).
    pub fn get(&self, agency: &Agency, policy: &Policy) -> Option<&Assessment> {
        self.by_policy
            .get(&format!("{}/{}", agency.slug, policy.slug))
            .map(|&i| &self.all[i])
    }

    /// Every assessment, in content order.
    pub fn all(&self) -> &[Assessment] {
        &self.all
    }
}

/// Every privacy policy's assessment, in content order.
pub fn assess_all(agencies: &[Agency]) -> Vec<Assessment> {
    use rayon::prelude::*;
    let policies: Vec<(&Agency, &Policy)> = assessed(agencies).collect();
    // Each policy is judged alone: on every core, collected in order.
    policies.par_iter().map(|&(a, p)| assess(a, p)).collect()
}

/// The privacy policies of `agencies` (not the CCTV ones), in content
/// order.
fn assessed(agencies: &[Agency]) -> impl Iterator<Item = (&Agency, &Policy)> {
    agencies.iter().flat_map(|a| {
        a.policies
            .iter()
            .filter(|p| applies(p))
            .map(move |p| (a, p))
    })
}

fn judge(r: &Requirement, policy: &Policy, units: &[Unit], preamble: &[Unit]) -> Finding {
    if r.id == "labels" {
        return labels(r, policy, preamble);
    }
    let Reading {
        provides,
        denies,
        practice,
        mut notes,
        by_law,
    } = rules::read(r.id, policy, units, preamble);
    let status = if !provides.is_empty() {
        Status::Present
    } else if r.class != Class::Conditional {
        // Present from the data the importer read (a contacts table, a
        // date), with that said as the reason.
        match practice {
            Some(shown) => {
                notes.push(shown);
                Status::Present
            }
            None => Status::Missing,
        }
    } else if let Some(shown) = practice {
        notes.push(if denies.is_empty() {
            format!("{shown} 이를 설명하는 조항이 없습니다.")
        } else {
            format!("{shown} 하지 않는다는 문장과 맞지 않습니다.")
        });
        Status::Missing
    } else if !denies.is_empty() {
        Status::NotApplicable
    } else if let Some(why) = by_law {
        // The text says nothing: undetermined, as for any item, with what
        // the law says of it.
        notes.push(why.to_string());
        Status::Undetermined
    } else {
        Status::Undetermined
    };
    let mut cited = if status == Status::Present {
        provides
    } else {
        denies
    };
    cited.sort_by_key(|u| u.article.number);
    Finding {
        id: r.id,
        label: r.label,
        class: r.class,
        status,
        evidence: if status == Status::Missing {
            Vec::new()
        } else {
            evidence(&cited)
        },
        notes,
    }
}

/// Labels are present when the policy's tiles were read into its data
/// (evidence: their names, at the tiles of the policy page), or its opening
/// text announces them (`주요 개인정보 처리 표시(라벨링)`).
fn labels(r: &Requirement, policy: &Policy, preamble: &[Unit]) -> Finding {
    let evidence = if policy.labels.is_empty() {
        evidence(&rules::read(r.id, policy, &[], preamble).provides)
    } else {
        let names: Vec<&str> = policy.labels.iter().map(|l| l.name.as_str()).collect();
        vec![Evidence {
            article: r.label.into(),
            anchor: LABELS_ANCHOR.into(),
            quote: clip(&names.join(" · ")),
        }]
    };
    Finding {
        id: r.id,
        label: r.label,
        class: r.class,
        status: if evidence.is_empty() {
            Status::Missing
        } else {
            Status::Present
        },
        evidence,
        notes: Vec::new(),
    }
}

use crate::urls::{LABELS_ANCHOR, PREAMBLE_ANCHOR};

/// One piece of evidence per article, in article order.
fn evidence(units: &[&Unit]) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = Vec::new();
    let mut seen: Vec<*const crate::model::Article> = Vec::new();
    for u in units {
        let a: *const crate::model::Article = u.article;
        if seen.contains(&a) {
            continue;
        }
        seen.push(a);
        let preamble = u.article.number == 0 && u.article.title == PREAMBLE;
        out.push(Evidence {
            article: if u.article.heading.is_empty() {
                u.article.title.clone()
            } else {
                u.article.heading.clone()
            },
            anchor: if preamble {
                PREAMBLE_ANCHOR.to_string()
            } else {
                u.article.anchor()
            },
            quote: clip(&u.text),
        });
    }
    out
}

/// At most 160 characters, cut at a word where it can be.
fn clip(text: &str) -> String {
    const MAX: usize = 160;
    let text = text.trim();
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    let at = cut
        .rfind(' ')
        .filter(|&i| i > cut.len() * 3 / 4)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}
