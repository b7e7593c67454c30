//! `bangchim analyze`.

use std::io::Write;

use bangchim::analysis::KoDicAnalyzer;

/// Print the search terms the Korean analyser makes of a text.
#[derive(clap::Args)]
pub struct Analyze {
    /// The text to analyse.
    text: String,
    /// Print lindera's raw morphemes with their ko-dic features instead.
    #[arg(long)]
    morphemes: bool,
    /// Print terms as JSON (text, byte offsets, same-position flag).
    #[arg(long)]
    json: bool,
}

impl Analyze {
    /// Analyses and prints.
    pub fn run(self) -> anyhow::Result<()> {
        let analyzer = KoDicAnalyzer::embedded()?;
        let mut out = std::io::stdout().lock();
        if self.morphemes {
            for (surface, details) in analyzer.morphemes(&self.text) {
                writeln!(out, "{surface}\t{}", details.join(","))?;
            }
            return Ok(());
        }
        let terms = analyzer.into_tokenizer().terms(&self.text);
        if self.json {
            let rows: Vec<_> = terms
                .iter()
                .map(|t| {
                    serde_json::json!({
                        "term": t.text, "start": t.start, "end": t.end,
                        "same_position": t.same_position,
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
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
            writeln!(out, "{}", line.join(" "))?;
        }
        Ok(())
    }
}
