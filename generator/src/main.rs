//! The `bangchim` command: clap definitions and glue only, one module per
//! command (`commands/`); the work is in the library.

mod commands;

/// The build allocates per token, per page and per rule: mimalloc spends
/// a fraction of glibc malloc's time on it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use commands::{analyze, build, check, import, search, serve};

/// Publish Korean public privacy policies as searchable static sites.
#[derive(Parser)]
#[command(name = "bangchim", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the search terms the Korean analyser makes of a text.
    Analyze(analyze::Analyze),
    /// Show the embedded Korean dictionary, or write its files out.
    Dict(commands::DictArgs),
    /// Build the site from `content/` into `public/` (or --out).
    Build(build::Build),
    /// Serve the site locally, rebuilding and reloading on changes.
    Serve(serve::Serve),
    /// Search a built site from the terminal, as the browser does.
    Search(search::Search),
    /// Check content and internal links, and judge each policy against the
    /// regulator's requirements. Findings do not fail the check; invalid
    /// content and broken links do.
    Check(check::Check),
    /// Import published policies (scraped text or saved HTML pages, UTF-8
    /// or CP949/EUC-KR) into structured content, with a report.
    Import(import::Import),
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Analyze(c) => c.run(),
        Command::Dict(args) => commands::dict(args),
        Command::Build(c) => c.run(),
        Command::Serve(c) => c.run(),
        Command::Search(c) => c.run(),
        Command::Check(c) => c.run(),
        Command::Import(c) => c.run(),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        // Output piped into a reader that stopped (`| head`): done, as
        // for any Unix tool whose reader is gone.
        Err(e) if closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Whether `e` is a write to standard output whose reader has gone.
fn closed_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<std::io::Error>()
        .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
