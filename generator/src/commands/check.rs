//! `bangchim check`.

use std::io::Write;

use super::SiteArgs;

/// Check content and internal links, and judge each policy against the
/// regulator's requirements. Findings do not fail the check; invalid
/// content and broken links do.
#[derive(clap::Args)]
pub struct Check {
    #[command(flatten)]
    site: SiteArgs,
    /// Print the compliance findings as JSON (`{"policies": [...]}`).
    #[arg(long)]
    json: bool,
}

impl Check {
    /// Checks, prints the findings, fails on errors.
    pub fn run(self) -> anyhow::Result<()> {
        let findings = bangchim::check::check(&self.site.root)?;
        let mut out = std::io::stdout().lock();
        if self.json {
            let report = bangchim::check::Report {
                policies: &findings.assessments,
                notes: &findings.notes,
            };
            writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        } else {
            for line in findings.human() {
                writeln!(out, "{line}")?;
            }
        }
        for e in &findings.errors {
            eprintln!("error: {e}");
        }
        if !findings.errors.is_empty() {
            anyhow::bail!("{} error(s)", findings.errors.len());
        }
        eprintln!("ok: content and links are valid");
        Ok(())
    }
}
