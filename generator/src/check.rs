//! `bangchim check`: validates content, builds into a scratch folder,
//! checks every internal link, and reports what the compliance view flags.

use crate::site::{self, BuildOptions, SiteError, compliance, views};

/// What a check found.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// Problems that fail the check (broken links).
    pub errors: Vec<String>,
    /// Compliance findings and other notes, which do not.
    pub notes: Vec<String>,
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
    let mut findings = Findings::default();
    for b in site::links::check(&out, &loaded.config.base_path()) {
        findings.errors.push(format!(
            "broken link on {}: {} ({})",
            b.page, b.href, b.reason
        ));
    }
    let today = compliance::reference_date();
    for a in &loaded.agencies {
        for p in &a.policies {
            let name = format!("{}/{}", a.slug, p.slug);
            let missing: Vec<&str> = compliance::missing_mandatory(p)
                .into_iter()
                .map(views::category_label)
                .collect();
            if !missing.is_empty() {
                findings.notes.push(format!(
                    "compliance: {name}: mandatory section missing: {}",
                    missing.join(", ")
                ));
            }
            match p.effective {
                Some(e) => {
                    let age = compliance::years_between(e, today);
                    if age >= 3 {
                        findings.notes.push(format!(
                            "compliance: {name}: in force since {e}, {age} years ago"
                        ));
                    }
                }
                None => findings
                    .notes
                    .push(format!("compliance: {name}: no effective date")),
            }
            if p.contacts.is_empty() {
                findings
                    .notes
                    .push(format!("compliance: {name}: no privacy officer or contact"));
            }
        }
    }
    Ok(findings)
}
