//! The `bangchim` command: clap definitions and glue only; the work is in
//! the library.

use std::process::ExitCode;

use anyhow::Context;
use bangchim::{analysis::KoDicAnalyzer, dict};
use clap::{Parser, Subcommand};

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
    Analyze {
        /// The text to analyse.
        text: String,
        /// Print lindera's raw morphemes with their ko-dic features instead.
        #[arg(long)]
        morphemes: bool,
        /// Print terms as JSON (text, byte offsets, same-position flag).
        #[arg(long)]
        json: bool,
    },
    /// Provision the Korean dictionary (once) and print where it is.
    Dict,
    /// Build the site from `content/` into `public/` (or --out).
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Output folder; replaced only when the build succeeds.
        #[arg(long, default_value = "public")]
        out: std::path::PathBuf,
        /// Publish under this base URL instead of the configured one.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Serve the site locally, rebuilding and reloading on changes.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
    },
    /// Search a built site from the terminal, as the browser does.
    Search {
        /// The query, as a citizen would type it.
        query: String,
        /// The built site (what `build --out` wrote).
        #[arg(long, default_value = "public")]
        out: std::path::PathBuf,
        /// Only hits of this kind.
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Only hits of this agency (full name).
        #[arg(long)]
        agency: Option<String>,
        /// How many hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print the results as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check content and internal links, and judge each policy against the
    /// regulator's requirements. Findings do not fail the check; invalid
    /// content and broken links do.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Print the compliance findings as JSON (`{"policies": [...]}`).
        #[arg(long)]
        json: bool,
    },
    /// Import published policies (scraped text or saved HTML pages, UTF-8
    /// or CP949/EUC-KR) into structured content, with a report.
    Import {
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
    },
}

/// The import report's form.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    /// Lines for people.
    Human,
    /// One JSON array of reports, one per file.
    Json,
}

/// The kinds of search hit, for `--kind`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum KindArg {
    /// An article of a policy.
    Article,
    /// A trustee row.
    Trustee,
    /// A privacy officer, contact or desk.
    Contact,
    /// An outside remedy body.
    Remedy,
}

impl From<KindArg> for bangchim_core::schema::DocKind {
    fn from(k: KindArg) -> Self {
        use bangchim_core::schema::DocKind;
        match k {
            KindArg::Article => DocKind::Article,
            KindArg::Trustee => DocKind::Trustee,
            KindArg::Contact => DocKind::Contact,
            KindArg::Remedy => DocKind::Remedy,
        }
    }
}

/// Where the site is.
#[derive(clap::Args)]
struct SiteArgs {
    /// The site root: holds bangchim.toml and content/.
    #[arg(long, default_value = ".")]
    root: std::path::PathBuf,
}

fn provision() -> anyhow::Result<dict::Provisioned> {
    let cache = dict::cache_root();
    dict::provision(&cache, |step| eprintln!("bangchim: {step}")).with_context(|| {
        format!(
            "provisioning the Korean dictionary under {}",
            cache.display()
        )
    })
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Dict => {
            let p = provision()?;
            println!("{}", p.path.display());
        }
        Command::Build {
            site,
            out,
            base_url,
        } => {
            let report = bangchim::site::build(&bangchim::site::BuildOptions {
                root: site.root,
                out: out.clone(),
                base_url,
                live_reload: false,
                progress: true,
                precompress: true,
            })?;
            eprintln!(
                "built {} pages and a search index of {} documents ({} files, {:.1} MB; {:.2} MB of text analysed) into {} in {:.2} s",
                report.pages,
                report.documents,
                report.files,
                report.bytes as f64 / 1e6,
                report.text_bytes as f64 / 1e6,
                out.display(),
                report.elapsed.as_secs_f64()
            );
        }
        Command::Serve { site, bind, port } => {
            bangchim::serve::serve(&site.root, std::net::SocketAddr::new(bind, port))?;
        }
        Command::Search {
            query,
            out,
            kind,
            agency,
            limit,
            json,
        } => {
            let mut search = bangchim::index::BuiltSearch::open(&out)?;
            let results = search
                .search(&bangchim_core::search::Request {
                    query,
                    kind: kind
                        .map(|k| bangchim_core::schema::DocKind::from(k).as_str().to_string()),
                    agency,
                    limit,
                    ..Default::default()
                })
                .map_err(anyhow::Error::msg)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&results)?);
            } else {
                println!(
                    "{} hits (terms: {})",
                    results.total,
                    results.terms.join(" ")
                );
                for h in &results.hits {
                    println!(
                        "{:6.2}  [{}] {} · {} · {}\n        {}",
                        h.score, h.kind_label, h.agency, h.title, h.url, h.excerpt
                    );
                }
            }
        }
        Command::Check { site, json } => {
            let findings = bangchim::check::check(&site.root)?;
            if json {
                let report = bangchim::check::Report {
                    policies: &findings.assessments,
                    notes: &findings.notes,
                };
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                for line in findings.human() {
                    println!("{line}");
                }
            }
            for e in &findings.errors {
                eprintln!("error: {e}");
            }
            if !findings.errors.is_empty() {
                anyhow::bail!("{} error(s)", findings.errors.len());
            }
            eprintln!("ok: content and links are valid");
        }
        Command::Import {
            files,
            agency,
            site,
            slug,
            into,
            json,
            report,
        } => {
            let options = bangchim::import::ImportOptions {
                agency,
                site,
                policy_slug: slug,
            };
            let mut agencies = Vec::new();
            let mut reports = Vec::new();
            let mut failed = 0;
            for file in bangchim::import::expand_paths(&files)? {
                match bangchim::import::import_file(&file, &options) {
                    Ok(imported) => {
                        if report != ReportFormat::Json {
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
            if report == ReportFormat::Json {
                eprintln!("{}", serde_json::to_string_pretty(&reports)?);
            } else if reports.len() > 1 {
                let docs: usize = reports.iter().map(|r| r.documents.len()).sum();
                let refused = reports.iter().filter(|r| r.refused.is_some()).count();
                eprintln!(
                    "imported {} files: {docs} documents, {refused} refused, {failed} unreadable",
                    reports.len() + failed
                );
            }
            // Texts of one policy at other dates become its versions.
            let mut agencies = bangchim::history::gather(agencies, options.policy_slug.is_some())?;
            for note in bangchim::import::distinct_slugs(&mut agencies) {
                eprintln!("warning: {note}");
            }
            if json {
                println!("{}", serde_json::to_string_pretty(&agencies)?);
            } else {
                for agency in agencies {
                    let (agency, notes) = bangchim::history::add_to_content(&into, agency)?;
                    for note in notes {
                        eprintln!("{note}");
                    }
                    for path in bangchim::content::write_agency(&into, &agency)? {
                        eprintln!("wrote {}", path.display());
                    }
                }
            }
            if failed > 0 {
                anyhow::bail!("{failed} file(s) could not be read");
            }
        }
        Command::Analyze {
            text,
            morphemes,
            json,
        } => {
            let analyzer = KoDicAnalyzer::load(&provision()?.path)?;
            if morphemes {
                for (surface, details) in analyzer.morphemes(&text) {
                    println!("{surface}\t{}", details.join(","));
                }
                return Ok(());
            }
            let terms = analyzer.into_tokenizer().terms(&text);
            if json {
                let rows: Vec<_> = terms
                    .iter()
                    .map(|t| {
                        serde_json::json!({
                            "term": t.text, "start": t.start, "end": t.end,
                            "same_position": t.same_position,
                        })
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else {
                let line: Vec<String> = terms
                    .iter()
                    .map(|t| {
                        if t.same_position {
                            format!("({})", t.text)
                        } else {
                            t.text.clone()
                        }
                    })
                    .collect();
                println!("{}", line.join(" "));
            }
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
