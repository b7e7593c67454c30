//! `bangchim serve`.

use super::SiteArgs;

/// Serve the site locally, rebuilding and reloading on changes.
#[derive(clap::Args)]
pub struct Serve {
    #[command(flatten)]
    site: SiteArgs,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Port to listen on.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Serve this already built site folder as it is (no build, no
    /// watching), as a static host would at the site's root.
    #[arg(long)]
    out: Option<std::path::PathBuf>,
}

impl Serve {
    /// Serves until interrupted.
    pub fn run(self) -> anyhow::Result<()> {
        let addr = std::net::SocketAddr::new(self.bind, self.port);
        match self.out {
            Some(out) => bangchim::serve::serve_built(&out, addr)?,
            None => bangchim::serve::serve(&self.site.root, addr)?,
        }
        Ok(())
    }
}
