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
}

impl Serve {
    /// Serves until interrupted.
    pub fn run(self) -> anyhow::Result<()> {
        bangchim::serve::serve(
            &self.site.root,
            std::net::SocketAddr::new(self.bind, self.port),
        )?;
        Ok(())
    }
}
