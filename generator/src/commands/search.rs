//! `bangchim search`.

use std::io::Write;

use bangchim_core::schema::DocKind;

/// Search a built site from the terminal, as the browser does.
#[derive(clap::Args)]
pub struct Search {
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
    /// Read the last word as still being typed (a prefix, down to a
    /// syllable being composed: `수탁ㅈ`), as the search box does.
    #[arg(long)]
    typing: bool,
    /// Take this query word literally, not as an agency or a kind it
    /// names (repeatable).
    #[arg(long)]
    literal: Vec<String>,
    /// Print the results as JSON: `hits` (each with `kind`, `agency`,
    /// `policy`, `title`, `url`, `excerpt`, `score`, and its wording group:
    /// `group`, `group_size` documents of `group_agencies` agencies, and
    /// `members`, the group's `{agency, policy, url}`, named agencies
    /// first), `total` (results, a group counting once), `kinds`,
    /// `agencies`, `terms`, `understood` (the agencies and kinds the
    /// query was read to name), and `left_out` (words no document holds,
    /// left out of a query that found nothing with them).
    #[arg(long)]
    json: bool,
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

impl From<KindArg> for DocKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Article => DocKind::Article,
            KindArg::Trustee => DocKind::Trustee,
            KindArg::Contact => DocKind::Contact,
            KindArg::Remedy => DocKind::Remedy,
        }
    }
}

impl Search {
    /// Searches and prints the hits.
    pub fn run(self) -> anyhow::Result<()> {
        let mut search = bangchim::index::BuiltSearch::open(&self.out)?;
        let results = search.search(&bangchim_core::search::Request {
            query: self.query,
            kind: self.kind.map(|k| DocKind::from(k).as_str().to_string()),
            agency: self.agency,
            limit: self.limit,
            literal: self.literal,
            members: true,
            typing: self.typing,
            ..Default::default()
        })?;
        let mut out = std::io::stdout().lock();
        if self.json {
            writeln!(out, "{}", serde_json::to_string_pretty(&results)?)?;
            return Ok(());
        }
        writeln!(
            out,
            "{} hits (terms: {})",
            results.total,
            results.terms.join(" ")
        )?;
        for u in &results.understood {
            writeln!(out, "understood {} as {}: {}", u.word, u.intent, u.label)?;
        }
        if !results.left_out.is_empty() {
            writeln!(
                out,
                "left out (found nowhere): {}",
                results.left_out.join(" ")
            )?;
        }
        for h in &results.hits {
            writeln!(
                out,
                "{:6.2}  [{}] {} · {} · {}\n        {}",
                h.score, h.kind_label, h.agency, h.title, h.url, h.excerpt
            )?;
            if h.group_size > 1 {
                writeln!(
                    out,
                    "        same wording: {} documents of {} agencies",
                    h.group_size, h.group_agencies
                )?;
            }
        }
        Ok(())
    }
}
