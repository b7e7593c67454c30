//! One module per `bangchim` command: each is a clap `Args` struct and the
//! glue that runs it; the work is in the library.

pub mod analyze;
pub mod build;
pub mod check;
pub mod import;
pub mod search;
pub mod serve;

use anyhow::Context;
use bangchim::dict;

/// Where the site is.
#[derive(clap::Args)]
pub struct SiteArgs {
    /// The site root: holds bangchim.toml and content/.
    #[arg(long, default_value = ".")]
    pub root: std::path::PathBuf,
}

/// Provisions the Korean dictionary (once), saying what it does.
pub fn provision() -> anyhow::Result<dict::Provisioned> {
    let cache = dict::cache_root();
    dict::provision(&cache, |step| eprintln!("bangchim: {step}")).with_context(|| {
        format!(
            "provisioning the Korean dictionary under {}",
            cache.display()
        )
    })
}

/// `bangchim dict`: provision the dictionary and print where it is.
pub fn dict() -> anyhow::Result<()> {
    println!("{}", provision()?.path.display());
    Ok(())
}
