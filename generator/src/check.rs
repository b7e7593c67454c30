//! `bangchim check`: validates content, renders the pages (not the search
//! index: no dictionary or searcher needed) into a scratch folder, checks
//! every internal link, and judges each privacy policy against the
//! regulator's requirements ([`crate::compliance`]).

use serde::Serialize;

use crate::compliance::{self, Assessment, Class, Status};
use crate::site::{self, BuildOptions, SiteError};

/// What a check found.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// Problems that fail the check (broken links).
    pub errors: Vec<String>,
    /// Each privacy policy's compliance findings, which do not.
    pub assessments: Vec<Assessment>,
    /// What else is worth knowing of each policy (CCTV policies too): its
    /// age, a missing date or contact.
    pub notes: Vec<PolicyNote>,
}

/// A note on one policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyNote {
    /// `<agency>/<policy>`.
    pub policy: String,
    /// What is worth knowing.
    pub note: String,
}

/// The `check --json` document: `{"policies": [...], "notes": [...]}`.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// Each privacy policy's findings.
    pub policies: &'a [Assessment],
    /// Notes on any policy.
    pub notes: &'a [PolicyNote],
}

/// Checks the site at `root`. Invalid content or configuration is an `Err`
/// naming file and line.
pub fn check(root: &std::path::Path) -> Result<Findings, SiteError> {
    let scratch = tempfile::tempdir().map_err(|source| SiteError::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let out = scratch.path().join("public");
    let loaded = site::Site::load(root)?;
    site::build(&BuildOptions {
        root: root.to_path_buf(),
        out: out.clone(),
        base_url: None,
        live_reload: false,
        progress: false,
        precompress: false,
        // Pages and links only: no dictionary, no index, no searcher.
        search: false,
    })?;
    let errors = site::links::check(&out, &loaded.config.base_path())
        .into_iter()
        .map(|b| format!("broken link on {}: {} ({})", b.page, b.href, b.reason))
        .collect();
    let today = compliance::reference_date();
    let mut notes = Vec::new();
    for a in &loaded.agencies {
        for p in &a.policies {
            let mut note = |note: String| {
                notes.push(PolicyNote {
                    policy: format!("{}/{}", a.slug, p.slug),
                    note,
                })
            };
            match p.effective {
                Some(e) if compliance::years_between(e, today) >= 3 => note(format!(
                    "in force since {e}, {} years ago",
                    compliance::years_between(e, today)
                )),
                Some(_) => {}
                None => note("no effective date".into()),
            }
            if p.contacts.is_empty() {
                note("no privacy officer or contact".into());
            }
        }
    }
    Ok(Findings {
        errors,
        assessments: compliance::assess_all(&loaded.agencies),
        notes,
    })
}

impl Findings {
    /// The findings for people, grouped by policy: a summary line, then a
    /// line per item missing and per failed check.
    pub fn human(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for a in &self.assessments {
            lines.push(format!("{}: {}", a.policy, summary(a)));
            for f in &a.requirements {
                if f.status == Status::Missing && f.class != Class::Recommended {
                    lines.push(format!("  missing ({}): {}", f.class.label(), f.label));
                }
                for n in &f.notes {
                    // Failed checks and reasons of what was judged; not the law's
                    // word on what the text leaves undetermined.
                    if matches!(f.status, Status::Present | Status::Missing) {
                        lines.push(format!("  {}: {n}", f.label));
                    }
                }
            }
            lines.extend(self.notes_on(&a.policy));
        }
        // Policies the guideline does not judge (CCTV policies) have notes
        // too.
        let mut others: Vec<&str> = self
            .notes
            .iter()
            .map(|n| n.policy.as_str())
            .filter(|p| !self.assessments.iter().any(|a| a.policy == *p))
            .collect();
        others.dedup();
        for p in others {
            lines.push(format!(
                "{p}: not judged against the privacy-policy guideline"
            ));
            lines.extend(self.notes_on(p));
        }
        lines
    }

    fn notes_on(&self, policy: &str) -> Vec<String> {
        self.notes
            .iter()
            .filter(|n| n.policy == policy)
            .map(|n| format!("  {}", n.note))
            .collect()
    }
}

fn summary(a: &Assessment) -> String {
    let count = |class: Class, status: Status| {
        a.requirements
            .iter()
            .filter(|f| f.class == class && f.status == status)
            .count()
    };
    let mandatory = a
        .requirements
        .iter()
        .filter(|f| f.class == Class::Mandatory)
        .count();
    format!(
        "mandatory {}/{mandatory} present; conditional: {} present, {} not applicable, {} undetermined, {} missing",
        count(Class::Mandatory, Status::Present),
        count(Class::Conditional, Status::Present),
        count(Class::Conditional, Status::NotApplicable),
        count(Class::Conditional, Status::Undetermined),
        count(Class::Conditional, Status::Missing),
    )
}
