//! One module per `bangchim` command: each is a clap `Args` struct and the
//! glue that runs it; the work is in the library.

pub mod analyze;
pub mod build;
pub mod check;
pub mod import;
pub mod search;
pub mod serve;

use std::io::Write;

use anyhow::Context;
use bangchim::dict;

/// Where the site is.
#[derive(clap::Args)]
pub struct SiteArgs {
    /// The site root: holds bangchim.toml and content/.
    #[arg(long, default_value = ".")]
    pub root: std::path::PathBuf,
}

/// `bangchim dict`: what the embedded Korean dictionary holds, and with
/// `--out`, its files written out (lindera's directory format).
#[derive(clap::Args)]
pub struct DictArgs {
    /// Writes the dictionary's files into this folder.
    #[arg(long)]
    pub out: Option<std::path::PathBuf>,
}

/// Runs `bangchim dict`.
pub fn dict(args: DictArgs) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let files = dict::files().context("unpacking the embedded dictionary")?;
    let elapsed = started.elapsed();
    let total: usize = files.sizes().map(|(_, n)| n).sum();
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "{}: {} files, {:.1} MB packed into {:.1} MB, unpacked in {} ms",
        dict::dictionary_dir_name(),
        files.sizes().count(),
        total as f64 / 1e6,
        dict::PACKED.len() as f64 / 1e6,
        elapsed.as_millis()
    )?;
    if let Some(out) = args.out {
        files
            .write_to(&out)
            .with_context(|| format!("writing the dictionary into {}", out.display()))?;
        writeln!(stdout, "written to {}", out.display())?;
    }
    Ok(())
}
