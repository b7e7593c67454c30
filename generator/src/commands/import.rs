//! `bangchim import`.

use std::io::Write;

/// Import published policies (scraped text or saved HTML pages, UTF-8
/// or CP949/EUC-KR) into structured content, with a report.
#[derive(clap::Args)]
pub struct Import {
    /// Files (`.txt`, `.html`), one policy each, or folders of them.
    #[arg(required = true)]
    files: Vec<std::path::PathBuf>,
    /// The publishing agency's full name (e.g. `서울특별시 중구`), when
    /// the text does not say it.
    #[arg(long)]
    agency: Option<String>,
    /// The site or service the policy covers.
    #[arg(long)]
    site: Option<String>,
    /// The policy's slug (file name under the agency's folder).
    #[arg(long)]
    slug: Option<String>,
    /// The content folder to write into.
    #[arg(long, default_value = "content")]
    into: std::path::PathBuf,
    /// Print the parsed model as JSON instead of writing content.
    #[arg(long)]
    json: bool,
    /// How to print the report on standard error: for people, or as JSON.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    report: ReportFormat,
}

/// The import report's form.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    /// Lines for people.
    Human,
    /// One JSON array of reports, one per file.
    Json,
}

impl Import {
    /// Imports every file, reports, and writes (or prints) the content.
    pub fn run(self) -> anyhow::Result<()> {
        let options = bangchim::import::ImportOptions {
            agency: self.agency.clone(),
            site: self.site.clone(),
            policy_slug: self.slug.clone(),
        };
        let (agencies, failed) = self.read_all(&options)?;
        // Texts of one policy at other dates become its versions.
        let mut agencies = bangchim::history::gather(agencies, options.policy_slug.is_some())?;
        for note in bangchim::import::distinct_slugs(&mut agencies) {
            eprintln!("warning: {note}");
        }
        if self.json {
            writeln!(
                std::io::stdout().lock(),
                "{}",
                serde_json::to_string_pretty(&agencies)?
            )?;
        } else {
            for agency in agencies {
                let (agency, notes) = bangchim::history::add_to_content(&self.into, agency)?;
                for note in notes {
                    eprintln!("{note}");
                }
                for path in bangchim::content::write_agency(&self.into, &agency)? {
                    eprintln!("wrote {}", path.display());
                }
            }
        }
        if failed > 0 {
            anyhow::bail!("{failed} file(s) could not be read");
        }
        Ok(())
    }

    /// Imports each file, printing its report; the agencies read and the
    /// number of files that could not be read.
    fn read_all(
        &self,
        options: &bangchim::import::ImportOptions,
    ) -> anyhow::Result<(Vec<bangchim::model::Agency>, usize)> {
        let mut agencies = Vec::new();
        let mut reports = Vec::new();
        let mut failed = 0;
        for file in bangchim::import::expand_paths(&self.files)? {
            match bangchim::import::import_file(&file, options) {
                Ok(imported) => {
                    if self.report != ReportFormat::Json {
                        for note in &imported.inferred {
                            eprintln!("{}: inferred {note}", file.display());
                        }
                        for line in imported.report.human() {
                            eprintln!("{line}");
                        }
                    }
                    reports.push(imported.report);
                    if !imported.agency.policies.is_empty() {
                        agencies.push(imported.agency);
                    }
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    failed += 1;
                }
            }
        }
        if self.report == ReportFormat::Json {
            eprintln!("{}", serde_json::to_string_pretty(&reports)?);
        } else if reports.len() > 1 {
            let docs: usize = reports.iter().map(|r| r.documents.len()).sum();
            let refused = reports.iter().filter(|r| r.refused.is_some()).count();
            eprintln!(
                "imported {} files: {docs} documents, {refused} refused, {failed} unreadable",
                reports.len() + failed
            );
        }
        Ok((agencies, failed))
    }
}
