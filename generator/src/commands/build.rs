//! `bangchim build`.

use super::SiteArgs;

/// Build the site from `content/` into `public/` (or --out).
#[derive(clap::Args)]
pub struct Build {
    #[command(flatten)]
    site: SiteArgs,
    /// Output folder; replaced only when the build succeeds.
    #[arg(long, default_value = "public")]
    out: std::path::PathBuf,
    /// Publish under this base URL instead of the configured one.
    #[arg(long)]
    base_url: Option<String>,
}

impl Build {
    /// Builds, and says what it built.
    pub fn run(self) -> anyhow::Result<()> {
        let report = bangchim::site::build(&bangchim::site::BuildOptions {
            root: self.site.root,
            out: self.out.clone(),
            base_url: self.base_url,
            live_reload: false,
            progress: true,
            precompress: true,
            search: true,
        })?;
        eprintln!(
            "built {} pages and a search index of {} documents ({} files, {:.1} MB; {:.2} MB of text analysed) into {} in {:.2} s",
            report.pages,
            report.documents,
            report.files,
            report.bytes as f64 / 1e6,
            report.text_bytes as f64 / 1e6,
            self.out.display(),
            report.elapsed.as_secs_f64()
        );
        Ok(())
    }
}
