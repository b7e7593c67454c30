//! The import report: what each file turned out to be, and what the
//! importer was unsure of — on standard error for people, as JSON for
//! machines (`bangchim import --report json`).

use serde::Serialize;

use crate::model::{Date, Policy, PolicyKind};

/// The report on one imported file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// The file, as given.
    pub file: String,
    /// `text` or `html`.
    pub format: String,
    /// The encoding its bytes were decoded from.
    pub encoding: String,
    /// What kind of document it is.
    pub kind: String,
    /// The agency it was filed under.
    pub agency: String,
    /// Why it was not imported, if it was refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
    /// The documents imported from it (a policy, and a CCTV policy
    /// appended to it).
    pub documents: Vec<DocumentReport>,
    /// What the importer was unsure of: lines it could not place, tables
    /// whose columns it guessed, contacts without a phone.
    pub unsure: Vec<String>,
    /// Source lines that are not in the imported text (always empty
    /// unless the importer has a bug).
    pub lost_lines: Vec<String>,
    /// Milliseconds the import took.
    pub millis: f64,
}

/// What one imported document holds.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocumentReport {
    /// Its title.
    pub title: String,
    /// `privacy` or `cctv`.
    pub kind: String,
    /// The date the current version applies from.
    pub effective: Option<Date>,
    /// Dates of earlier versions it lists.
    pub earlier_versions: Vec<Date>,
    /// Number of articles.
    pub articles: usize,
    /// How the articles are numbered.
    pub numbering: String,
    /// Number of trustee rows.
    pub trustees: usize,
    /// Where it points for trustees instead of listing them.
    pub trustee_reference: Option<String>,
    /// Number of contacts.
    pub contacts: usize,
    /// Number of remedy bodies.
    pub remedies: usize,
}

impl DocumentReport {
    /// The summary of a policy whose articles are numbered in `numbering`.
    pub fn of(p: &Policy, numbering: &str) -> DocumentReport {
        DocumentReport {
            title: p.title.clone(),
            kind: match p.kind {
                PolicyKind::Privacy => "privacy",
                PolicyKind::Cctv => "cctv",
            }
            .to_string(),
            effective: p.effective,
            earlier_versions: p
                .versions
                .iter()
                .filter_map(|v| v.from.or(v.until))
                .collect(),
            articles: p.articles.len(),
            numbering: numbering.to_string(),
            trustees: p.trustees.len(),
            trustee_reference: p.trustee_reference.clone(),
            contacts: p.contacts.len(),
            remedies: p.remedies.len(),
        }
    }
}

impl Report {
    /// The report as lines for people.
    pub fn human(&self) -> Vec<String> {
        let mut out = vec![format!(
            "{}: {} ({}, {})",
            self.file, self.kind, self.format, self.encoding
        )];
        if let Some(r) = &self.refused {
            out.push(format!("  refused: {r}"));
            return out;
        }
        out.push(format!("  agency: {}", self.agency));
        for d in &self.documents {
            let date = d
                .effective
                .map_or("no effective date found".to_string(), |e| {
                    format!("effective {e}")
                });
            let earlier: Vec<String> = d.earlier_versions.iter().map(ToString::to_string).collect();
            out.push(format!(
                "  {} [{}]: {date}{}; {} articles ({}); {} trustees{}; {} contacts; {} remedies",
                d.title,
                d.kind,
                if earlier.is_empty() {
                    String::new()
                } else {
                    format!(", earlier versions {}", earlier.join(", "))
                },
                d.articles,
                d.numbering,
                d.trustees,
                d.trustee_reference
                    .as_ref()
                    .map_or(String::new(), |r| format!(" (refers to \"{r}\")")),
                d.contacts,
                d.remedies,
            ));
        }
        for u in &self.unsure {
            out.push(format!("  unsure: {u}"));
        }
        for l in &self.lost_lines {
            out.push(format!("  line not kept: {l}"));
        }
        out.push(format!("  imported in {:.1} ms", self.millis));
        out
    }
}
