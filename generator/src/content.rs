//! The `content/` folder: the model in files people edit by hand and review
//! in diffs.
//!
//! ```text
//! content/<agency>/agency.toml      name, full_name, region, kind
//! content/<agency>/<policy>.toml    title, dates, labels, trustees, contacts, remedies
//! content/<agency>/<policy>.md      preamble, then `## 제N조 …` articles
//! ```
//!
//! In the Markdown file every block is one line (a paragraph, an item, a
//! note) or a pipe table whose first row is its header; blocks are
//! separated by blank lines. A line that would start like a heading or a
//! table is escaped with a leading `\`. See `content/README.md`.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{
    Agency, Article, Block, BlockKind, Category, Contact, Date, Label, Policy, PolicyKind, Remedy,
    Trustee, Version,
};
use crate::model::{RegisteredFile, Retention};

/// Errors reading or writing `content/`. Each names the file and, where it
/// can, the line and column.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file is not valid UTF-8.
    #[error("{}:{line}:{column}: expected UTF-8 text; byte {offset} is not valid UTF-8", path.display())]
    NotUtf8 {
        /// The path.
        path: PathBuf,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based column (in bytes) of the first invalid byte.
        column: usize,
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// A TOML file is malformed or misses a required field.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Toml {
        /// The path.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A policy Markdown file does not follow the block grammar.
    #[error("{}:{line}:{column}: expected {expected}", path.display())]
    Markdown {
        /// The path.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column: the grammar is line by line, so where the line
        /// starts.
        column: usize,
        /// What was expected there.
        expected: String,
    },
    /// An earlier version of a policy is misnamed or out of order.
    #[error("{}: {message}", path.display())]
    Version {
        /// The version's (or the current policy's) metadata file.
        path: PathBuf,
        /// What is wrong, and what was expected.
        message: String,
    },
    /// A policy has metadata but no text, or text but no metadata.
    #[error("{}: missing; every policy needs both <slug>.toml and <slug>.md", path.display())]
    MissingPart {
        /// The missing file.
        path: PathBuf,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ContentError + '_ {
    move |source| ContentError::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgencyFile {
    name: String,
    full_name: String,
    region: String,
    kind: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    title: String,
    #[serde(default, skip_serializing_if = "PolicyKind::is_privacy")]
    kind: PolicyKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    site: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    effective: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    trustee_reference: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    versions: Vec<Version>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    labels: Vec<Label>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    trustees: Vec<Trustee>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    contacts: Vec<Contact>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    remedies: Vec<Remedy>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    files: Vec<RegisteredFile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    retention: Vec<Retention>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
}

impl PolicyFile {
    fn of(p: &Policy) -> PolicyFile {
        PolicyFile {
            title: p.title.clone(),
            kind: p.kind,
            source_title: p.source_title.clone(),
            site: p.site.clone(),
            effective: p.effective,
            trustee_reference: p.trustee_reference.clone(),
            versions: p.versions.clone(),
            labels: p.labels.clone(),
            trustees: p.trustees.clone(),
            contacts: p.contacts.clone(),
            remedies: p.remedies.clone(),
            files: p.files.clone(),
            retention: p.retention.clone(),
            source: p.source.clone(),
        }
    }

    fn into_policy(self, slug: String, preamble: Vec<Block>, articles: Vec<Article>) -> Policy {
        Policy {
            slug,
            title: self.title,
            kind: self.kind,
            source_title: self.source_title,
            site: self.site,
            effective: self.effective,
            versions: self.versions,
            labels: self.labels,
            preamble,
            articles,
            trustees: self.trustees,
            trustee_reference: self.trustee_reference,
            contacts: self.contacts,
            remedies: self.remedies,
            files: self.files,
            retention: self.retention,
            source: self.source,
            history: Vec::new(),
        }
    }
}

fn to_toml<T: Serialize>(value: &T, path: &Path) -> Result<String, ContentError> {
    toml::to_string_pretty(value).map_err(|e| ContentError::Toml {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        message: e.to_string(),
    })
}

/// Writes one agency's files (its policies' files beside any others the
/// folder already holds). Returns the paths written.
pub fn write_agency(root: &Path, agency: &Agency) -> Result<Vec<PathBuf>, ContentError> {
    let dir = root.join(&agency.slug);
    fs::create_dir_all(&dir).map_err(io(&dir))?;
    let mut written = Vec::new();
    let meta = AgencyFile {
        name: agency.name.clone(),
        full_name: agency.full_name.clone(),
        region: agency.region.clone(),
        kind: agency.kind.clone(),
    };
    let path = dir.join("agency.toml");
    fs::write(&path, to_toml(&meta, &path)?).map_err(io(&path))?;
    written.push(path);
    for p in &agency.policies {
        write_policy(&dir, &p.slug, p, &mut written)?;
        // Earlier versions: `<slug>/<effective date>.toml` and `.md`.
        if !p.history.is_empty() {
            let versions = dir.join(&p.slug);
            fs::create_dir_all(&versions).map_err(io(&versions))?;
            for v in &p.history {
                let Some(date) = v.effective else {
                    return Err(ContentError::Version {
                        path: versions.clone(),
                        message: "an earlier version needs its effective date".into(),
                    });
                };
                write_policy(&versions, &date.to_string(), v, &mut written)?;
            }
        }
    }
    Ok(written)
}

fn write_policy(
    dir: &Path,
    stem: &str,
    p: &Policy,
    written: &mut Vec<PathBuf>,
) -> Result<(), ContentError> {
    let path = dir.join(format!("{stem}.toml"));
    fs::write(&path, to_toml(&PolicyFile::of(p), &path)?).map_err(io(&path))?;
    written.push(path);
    let path = dir.join(format!("{stem}.md"));
    fs::write(&path, policy_markdown(p)).map_err(io(&path))?;
    written.push(path);
    Ok(())
}

fn escape_line(text: &str) -> String {
    if text.starts_with(['#', '|', '\\']) {
        format!("\\{text}")
    } else {
        text.to_string()
    }
}

fn push_blocks(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        if b.kind == BlockKind::Table {
            for (i, row) in b.rows.iter().enumerate() {
                out.push('|');
                for cell in row {
                    out.push(' ');
                    out.push_str(&cell.replace('|', "\\|"));
                    out.push_str(" |");
                }
                out.push('\n');
                if i == 0 {
                    out.push('|');
                    for _ in row {
                        out.push_str(" --- |");
                    }
                    out.push('\n');
                }
            }
        } else {
            out.push_str(&escape_line(&b.text));
            out.push('\n');
        }
        out.push('\n');
    }
}

/// A policy's preamble and articles as content Markdown.
pub fn policy_markdown(p: &Policy) -> String {
    let mut out = String::new();
    push_blocks(&mut out, &p.preamble);
    for a in &p.articles {
        out.push_str("## ");
        out.push_str(&a.heading);
        out.push_str("\n\n");
        push_blocks(&mut out, &a.blocks);
    }
    out
}

fn split_cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(c),
        }
    }
    cells.push(cur.trim().to_string());
    cells
}

/// Parses a policy Markdown file into (preamble, articles).
pub fn parse_policy_markdown(
    path: &Path,
    text: &str,
) -> Result<(Vec<Block>, Vec<Article>), ContentError> {
    let mut preamble = Vec::new();
    let mut articles: Vec<Article> = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let err = |line: usize, expected: &str| ContentError::Markdown {
        path: path.to_path_buf(),
        line: line + 1,
        column: 1,
        expected: expected.to_string(),
    };
    while i < lines.len() {
        let line = lines[i];
        if line.trim().is_empty() {
            i += 1;
            continue;
        }
        let block = if let Some(heading) = line.strip_prefix("## ") {
            let heading = heading.trim();
            let prev = articles.last().map_or(0, |a| a.number);
            let (written, title) = crate::import::heading_title(heading);
            if let Some(n) = written
                && n <= prev
            {
                return Err(err(
                    i,
                    &format!("article 제{}조 or later after 제{}조", prev + 1, prev),
                ));
            }
            let (number, _) = crate::import::article_number(prev, heading);
            articles.push(Article {
                number,
                category: Category::from_title(&title),
                title,
                heading: heading.to_string(),
                blocks: Vec::new(),
            });
            i += 1;
            continue;
        } else if line.starts_with('|') {
            let mut rows = vec![split_cells(line)];
            i += 1;
            let separator = lines.get(i).map(|l| split_cells(l));
            let is_separator = separator.as_ref().is_some_and(|cells| {
                cells
                    .iter()
                    .all(|c| !c.is_empty() && c.chars().all(|ch| ch == '-' || ch == ':'))
            });
            if !is_separator {
                return Err(err(
                    i,
                    "a header separator row `| --- | --- |` after the table's first row",
                ));
            }
            i += 1;
            while i < lines.len() && lines[i].starts_with('|') {
                rows.push(split_cells(lines[i]));
                i += 1;
            }
            Block::table(rows)
        } else if line.starts_with('#') {
            return Err(err(
                i,
                "`## ` and an article heading (other headings are not used; escape a text line starting with `#` as `\\#`)",
            ));
        } else {
            i += 1;
            Block::text(line.strip_prefix('\\').unwrap_or(line).trim())
        };
        match articles.last_mut() {
            Some(a) => a.blocks.push(block),
            None => preamble.push(block),
        }
    }
    Ok((preamble, articles))
}

fn read_text(path: &Path) -> Result<String, ContentError> {
    let bytes = fs::read(path).map_err(io(path))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = offset
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1)
            + 1;
        ContentError::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
            offset,
        }
    })
}

/// Reads a TOML file into `T`; errors carry file, line and column.
pub(crate) fn read_toml<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, ContentError> {
    let text = read_text(path)?;
    toml::from_str(&text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|s| {
                let before = &text[..s.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                (line, column)
            })
            .unwrap_or((1, 1));
        ContentError::Toml {
            path: path.to_path_buf(),
            line,
            column,
            message: e.message().to_string(),
        }
    })
}

/// Reads every agency under `root`, sorted by slug, each with its policies
/// sorted by slug.
pub fn read_content(root: &Path) -> Result<Vec<Agency>, ContentError> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root)
        .map_err(io(root))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("agency.toml").is_file())
        .collect();
    dirs.sort();
    // Ten thousand agencies take seconds to parse: on every core. The
    // error reported is still the first folder's, in name order.
    use rayon::prelude::*;
    let read: Vec<Result<Agency, ContentError>> = dirs.par_iter().map(|d| read_agency(d)).collect();
    read.into_iter().collect()
}

/// The stems of a folder's `.toml` and `.md` files (but `agency.toml`),
/// sorted.
fn stems_in(dir: &Path) -> Result<Vec<String>, ContentError> {
    let mut stems: Vec<String> = fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("md") | Some("toml")
            )
        })
        .filter(|p| p.file_name().is_some_and(|n| n != "agency.toml"))
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(String::from))
        .collect();
    stems.sort();
    stems.dedup();
    Ok(stems)
}

/// Reads `<stem>.toml` and `<stem>.md` of `dir` as policy `slug`.
fn read_policy(dir: &Path, stem: &str, slug: String) -> Result<Policy, ContentError> {
    let toml_path = dir.join(format!("{stem}.toml"));
    let md_path = dir.join(format!("{stem}.md"));
    for p in [&toml_path, &md_path] {
        if !p.is_file() {
            return Err(ContentError::MissingPart { path: p.clone() });
        }
    }
    let file: PolicyFile = read_toml(&toml_path)?;
    let (preamble, articles) = parse_policy_markdown(&md_path, &read_text(&md_path)?)?;
    Ok(file.into_policy(slug, preamble, articles))
}

/// Reads the earlier versions of policy `slug` from its folder, newest
/// first. Each file is named by the version's effective date.
fn read_versions(dir: &Path, slug: &str) -> Result<Vec<Policy>, ContentError> {
    let mut versions = Vec::new();
    for stem in stems_in(dir)? {
        let v = read_policy(dir, &stem, slug.to_string())?;
        if v.effective.map(|d| d.to_string()) != Some(stem.clone()) {
            return Err(ContentError::Version {
                path: dir.join(format!("{stem}.toml")),
                message: format!(
                    "an earlier version is named by its effective date: expected `effective = \"{stem}\"`, found {}",
                    v.effective
                        .map_or("no effective date".to_string(), |d| format!("\"{d}\""))
                ),
            });
        }
        versions.push(v);
    }
    versions.sort_by_key(|v| std::cmp::Reverse(v.effective));
    Ok(versions)
}

/// The current version must be dated and newer than every earlier one.
fn check_order(path: &Path, policy: &Policy) -> Result<(), ContentError> {
    let newest = policy.history.first().and_then(|v| v.effective);
    match (policy.effective, newest) {
        (Some(current), Some(earlier)) if current > earlier => Ok(()),
        (current, earlier) => Err(ContentError::Version {
            path: path.to_path_buf(),
            message: format!(
                "the current version must be newer than its earlier versions: its effective date is {}, the newest earlier version's {}",
                current.map_or("missing".to_string(), |d| d.to_string()),
                earlier.map_or("missing".to_string(), |d| d.to_string())
            ),
        }),
    }
}

/// Reads one agency folder.
pub fn read_agency(dir: &Path) -> Result<Agency, ContentError> {
    let meta: AgencyFile = read_toml(&dir.join("agency.toml"))?;
    let mut policies = Vec::new();
    for stem in stems_in(dir)? {
        let mut policy = read_policy(dir, &stem, stem.clone())?;
        let versions = dir.join(&stem);
        if versions.is_dir() {
            policy.history = read_versions(&versions, &stem)?;
            if !policy.history.is_empty() {
                check_order(&dir.join(format!("{stem}.toml")), &policy)?;
            }
        }
        policies.push(policy);
    }
    Ok(Agency {
        slug: dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string(),
        name: meta.name,
        full_name: meta.full_name,
        region: meta.region,
        kind: meta.kind,
        policies,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<(Vec<Block>, Vec<Article>), ContentError> {
        parse_policy_markdown(Path::new("x.md"), text)
    }

    #[test]
    fn blocks_and_tables_round_trip() {
        let text = "서문\n\n## 제1조(목적)\n\n① 목적은\n\n| 구분 | 성명 |\n| --- | --- |\n| a\\|b | 김 |\n\n\\| 표가 아닌 줄\n\n";
        let (pre, arts) = parse(text).unwrap();
        assert_eq!(pre[0].text, "서문");
        assert_eq!(arts[0].blocks[1].rows[1][0], "a|b");
        assert_eq!(arts[0].blocks[2].text, "| 표가 아닌 줄");
        let p = Policy {
            preamble: pre,
            articles: arts,
            ..Policy::bare("p", "t")
        };
        assert_eq!(policy_markdown(&p), text);
    }

    #[test]
    fn a_table_without_separator_names_its_line() {
        let e = parse("## 제1조 목적\n\n| a | b |\n| c | d |\n").unwrap_err();
        assert!(matches!(e, ContentError::Markdown { line: 4, .. }), "{e}");
    }

    #[test]
    fn headings_without_제n조_number_in_order() {
        let (_, arts) =
            parse("서문\n\n## 1. 개인정보의 처리 목적\n\n## 권익침해 구제방법\n").unwrap();
        let got: Vec<(u32, &str)> = arts.iter().map(|a| (a.number, a.title.as_str())).collect();
        assert_eq!(got, [(1, "개인정보의 처리 목적"), (2, "권익침해 구제방법")]);
        assert_eq!(arts[1].category, Category::Remedies);
    }

    #[test]
    fn an_article_number_twice_is_an_error() {
        let e = parse("## 제1조 목적\n\n## 제1조 항목\n").unwrap_err();
        assert!(matches!(e, ContentError::Markdown { line: 3, .. }), "{e}");
    }

    #[test]
    fn of_several_broken_agencies_the_first_by_name_is_reported() {
        let root = tempfile::tempdir().unwrap();
        for name in ["a-first", "b-second", "c-third"] {
            let dir = root.path().join(name);
            fs::create_dir_all(&dir).unwrap();
            fs::write(dir.join("agency.toml"), "").unwrap();
            // A policy's front matter without its Markdown text.
            fs::write(dir.join("privacy.toml"), "").unwrap();
        }
        for _ in 0..8 {
            let e = read_content(root.path()).unwrap_err();
            assert!(e.to_string().contains("a-first"), "{e}");
        }
    }

    #[test]
    fn a_제n조_number_going_back_names_its_line() {
        let e = parse("## 제3조 목적\n\n## 처리 항목\n\n## 제4조 파기\n").unwrap_err();
        assert!(matches!(e, ContentError::Markdown { line: 5, .. }), "{e}");
    }
}
