//! `bangchim check`: validates content, builds into a scratch folder,
//! checks every internal link, and judges each privacy policy against the
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
    /// Per policy (`<agency>/<policy>`), what else is worth knowing: its
    /// age, a missing date or contact.
    pub notes: Vec<(String, String)>,
}

/// The `check --json` document: `{"policies": [...]}`.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// Each privacy policy's findings.
    pub policies: &'a [Assessment],
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
    })?;
    let errors = site::links::check(&out, &loaded.config.base_path())
        .into_iter()
        .map(|b| format!("broken link on {}: {} ({})", b.page, b.href, b.reason))
        .collect();
    let today = compliance::reference_date();
    let mut notes = Vec::new();
    for a in &loaded.agencies {
        for p in &a.policies {
            let name = format!("{}/{}", a.slug, p.slug);
            match p.effective {
                Some(e) if compliance::years_between(e, today) >= 3 => notes.push((
                    name.clone(),
                    format!(
                        "in force since {e}, {} years ago",
                        compliance::years_between(e, today)
                    ),
                )),
                Some(_) => {}
                None => notes.push((name.clone(), "no effective date".into())),
            }
            if p.contacts.is_empty() {
                notes.push((name, "no privacy officer or contact".into()));
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
                    if f.status != Status::NotApplicable {
                        lines.push(format!("  {}: {n}", f.label));
                    }
                }
            }
            for (_, note) in self.notes.iter().filter(|(p, _)| *p == a.policy) {
                lines.push(format!("  {note}"));
            }
        }
        lines
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
