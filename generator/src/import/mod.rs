//! `bangchim import`: a published policy (scraped text or a saved HTML
//! page) → the content model.
//!
//! The pipeline: bytes are decoded (`decode`: UTF-8 or the CP949/EUC-KR
//! old agency pages use); HTML is turned into the same text shape as a
//! scraped page (`html`); the text is split into lines and tables, with
//! rows spread over several lines and unexpanded rowspans put back
//! together (`lines`); the document's kind is recognised (`kind`); the
//! outline is chosen among heading candidates of every style (`heading`,
//! `outline`); and the data — dates, trustees, contacts, remedies — is
//! read out of the articles (`data` and the readers it calls). It never drops a
//! line: whatever it does not understand stays as text in the nearest
//! article, and is reported.

mod contacts;
mod data;
mod dates;
pub mod decode;
mod extract;
mod heading;
pub mod html;
mod infer;
mod kind;
mod lines;
mod outline;
mod remedies;
mod report;
mod text;
mod trustees;

use std::path::Path;

use crate::model::{Agency, Article, Block, Category, Policy, PolicyKind};

pub use heading::{article_number, heading_title};
pub use infer::{AgencyGuess, region_of_area_code};
pub use kind::DocumentKind;
pub use outline::Headings;
pub use report::{DocumentReport, Report};
pub use text::{normalize_line, parse_date, squash, strip_leaked_tags};

use lines::Unit;

/// What the caller knows that the text may not say.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The publishing agency's full name (`서울특별시 중구`), overriding inference.
    pub agency: Option<String>,
    /// The site or service the policy covers.
    pub site: Option<String>,
    /// The policy's slug, overriding the default.
    pub policy_slug: Option<String>,
}

/// The result of importing one source file.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The agency, holding the imported documents: one policy, or a
    /// policy and the CCTV policy appended to it; none when refused.
    pub agency: Agency,
    /// What the importer inferred and how (for the user to check).
    pub inferred: Vec<String>,
    /// Lines or parts it could not place in a structure (kept as text).
    pub warnings: Vec<String>,
    /// The report for people and machines.
    pub report: Report,
}

/// Errors that stop an import: the file cannot be read or decoded.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The bytes are no text this importer can decode.
    #[error("{path}: {source}")]
    Decode {
        /// The file.
        path: std::path::PathBuf,
        /// Where and why.
        source: decode::DecodeError,
    },
}

/// A file read, decoded and turned into text: the text the importer
/// reads, and whether it came from HTML.
#[derive(Debug, Clone)]
pub struct Source {
    /// The text (for HTML, its scraped-text rendering).
    pub text: String,
    /// `"text"` or `"html"`.
    pub format: &'static str,
    /// The encoding the bytes were decoded from.
    pub encoding: &'static str,
    /// Lines of `text` (1-based) that came from HTML heading elements,
    /// with the element's level.
    pub headings: Headings,
}

/// Reads and decodes a file: UTF-8 or CP949/EUC-KR, text or HTML.
pub fn read_source(path: &Path) -> Result<Source, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let decoded = decode::decode(&bytes).map_err(|source| ImportError::Decode {
        path: path.to_path_buf(),
        source,
    })?;
    let is_html = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
        || html::looks_like_html(&decoded.text);
    Ok(if is_html {
        let h = html::html_to_text(&decoded.text);
        Source {
            text: h.text,
            format: "html",
            encoding: decoded.encoding,
            headings: h
                .heading_levels
                .iter()
                .map(|&(l, level)| (l + 1, level))
                .collect(),
        }
    } else {
        Source {
            text: decoded.text,
            format: "text",
            encoding: decoded.encoding,
            headings: Headings::new(),
        }
    })
}

/// The files an import names: files as given, and the `.txt`, `.html`
/// and `.htm` files of a folder (not recursing), in name order.
pub fn expand_paths(paths: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>, ImportError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|source| ImportError::Io {
                path: p.clone(),
                source,
            })?;
            let mut files: Vec<std::path::PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && f.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                            ["txt", "html", "htm"].contains(&e.to_ascii_lowercase().as_str())
                        })
                })
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Gives a policy a slug of its own when an earlier one of the same
/// agency in one import run has it (two texts of one site): `privacy`,
/// `privacy-2`. Returns what it renamed.
pub fn distinct_slugs(agencies: &mut [Agency]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut renamed = Vec::new();
    for a in agencies.iter_mut() {
        for p in &mut a.policies {
            let base = p.slug.clone();
            let mut n = 1;
            while !seen.insert((a.slug.clone(), p.slug.clone())) {
                n += 1;
                p.slug = format!("{base}-{n}");
            }
            if n > 1 {
                renamed.push(format!(
                    "{}/{base} is taken by an earlier file: written as {}/{}",
                    a.slug, a.slug, p.slug
                ));
            }
        }
    }
    renamed
}

/// Imports one file: reads and decodes it, imports it, and completes its
/// report (file, format, encoding, lost lines, time taken).
pub fn import_file(path: &Path, options: &ImportOptions) -> Result<Imported, ImportError> {
    let started = std::time::Instant::now();
    let source = read_source(path)?;
    let mut imported = import_with_headings(&source.text, &source.headings, options);
    let r = &mut imported.report;
    r.file = path.display().to_string();
    r.format = source.format.to_string();
    r.encoding = source.encoding.to_string();
    r.lost_lines = lost_lines(&source.text, &imported.agency.policies);
    if imported.agency.policies.is_empty() {
        r.lost_lines.clear();
    }
    r.millis = started.elapsed().as_secs_f64() * 1000.0;
    let name = path.file_name().map(|n| n.to_string_lossy().to_string());
    for p in &mut imported.agency.policies {
        p.source = name.clone();
    }
    Ok(imported)
}

/// Imports one policy source (scraped text, or the text of an HTML page).
pub fn import_text(source: &str, options: &ImportOptions) -> Imported {
    import_with_headings(source, &Headings::new(), options)
}

/// Imports a source whose heading lines are known (from HTML elements).
pub fn import_with_headings(
    source: &str,
    headings: &Headings,
    options: &ImportOptions,
) -> Imported {
    let units = lines::units(source);
    let mut report = Report::default();
    let mut warnings = Vec::new();
    let mut inferred = Vec::new();
    let title_at = kind::title_index(&units);
    let doc_kind = kind::document_kind(&units, title_at);
    report.kind = doc_kind.describe().to_string();
    if units.is_empty() {
        return refused(options, report, "the file holds no text");
    }
    if let DocumentKind::Comparison = doc_kind {
        return refused(
            options,
            report,
            "this is a 신·구 대조표 (a table comparing an old and a new version of a policy), \
             not a policy: import the policy text itself",
        );
    }
    let appended = kind::appended_cctv(&units, title_at.map_or(0, |t| t + 1));
    let main_end = appended.unwrap_or(units.len());
    let main_kind = match doc_kind {
        DocumentKind::Cctv => PolicyKind::Cctv,
        _ => PolicyKind::Privacy,
    };
    let ctx = Ctx { options, headings };
    let mut policies = vec![document(
        &units[..main_end],
        title_at,
        main_kind,
        &ctx,
        &mut report,
        &mut warnings,
    )];
    if let Some(at) = appended {
        let mut cctv = document(
            &units[at..],
            Some(0),
            PolicyKind::Cctv,
            &ctx,
            &mut report,
            &mut warnings,
        );
        cctv.slug = format!("{}-cctv", policies[0].slug);
        warnings.push(format!(
            "line {}: a CCTV policy is appended; imported as a document of its own",
            units[at].line()
        ));
        policies.push(cctv);
    }
    let guess = infer::agency(&policies[0], options.agency.as_deref(), &mut inferred);
    name_documents(&mut policies, &guess, options, &mut inferred);
    report.agency = guess.full_name.clone();
    let agency = Agency {
        slug: guess.slug,
        name: guess.name,
        full_name: guess.full_name,
        region: guess.region,
        kind: guess.kind,
        policies,
    };
    report.unsure.extend(warnings.iter().cloned());
    report.unsure.dedup();
    Imported {
        agency,
        inferred,
        warnings,
        report,
    }
}

/// Settles each document's site and slug: `privacy` (or the site's
/// name), `cctv` for a CCTV policy, `--slug` for the first.
fn name_documents(
    policies: &mut [Policy],
    guess: &AgencyGuess,
    options: &ImportOptions,
    inferred: &mut Vec<String>,
) {
    for (k, policy) in policies.iter_mut().enumerate() {
        if policy.site.is_none()
            && let Some((site, how)) = infer::site(policy, &guess.full_name)
        {
            inferred.push(format!("site {site}: {how}"));
            policy.site = Some(site);
        }
        if policy.slug.is_empty() || (k > 0 && options.policy_slug.is_none()) {
            let base = match &policy.site {
                Some(site) => infer::romanize_slug(site),
                None => "privacy".to_string(),
            };
            policy.slug = if policy.kind == PolicyKind::Cctv {
                format!("{base}-cctv").replace("privacy-cctv", "cctv")
            } else {
                base
            };
        }
    }
}

/// A source not imported, and why.
fn refused(options: &ImportOptions, mut report: Report, why: &str) -> Imported {
    report.refused = Some(why.to_string());
    Imported {
        agency: empty_agency(options),
        inferred: Vec::new(),
        warnings: Vec::new(),
        report,
    }
}

fn empty_agency(options: &ImportOptions) -> Agency {
    let name = options.agency.clone().unwrap_or_default();
    Agency {
        slug: String::new(),
        name: name.clone(),
        full_name: name,
        region: String::new(),
        kind: String::new(),
        policies: Vec::new(),
    }
}

/// What every document of one source is imported with.
struct Ctx<'a> {
    options: &'a ImportOptions,
    headings: &'a Headings,
}

/// The title of a document: (title, the line as written when it differs,
/// where the body starts).
fn title_of(units: &[Unit], title_at: Option<usize>) -> Option<(String, Option<String>, usize)> {
    let (t, u) = title_at.and_then(|t| units.get(t).map(|u| (t, u)))?;
    let text = u.text().unwrap_or_default();
    let (title, spaced) = text::collapse_spaced_title(text);
    // `Home > 개인정보보호정책`: the page's trail before the title.
    Some(match title.rsplit_once('>').map(|(_, last)| last.trim()) {
        Some(last) if !last.is_empty() && !spaced => {
            (last.to_string(), Some(text.to_string()), t + 1)
        }
        _ => (title, spaced.then(|| text.to_string()), t + 1),
    })
}

/// The articles an outline cuts the units into; navigation glued before
/// a heading goes to what precedes it (the last article or `preamble`).
fn articles_of(
    units: &[Unit],
    outline: &outline::Outline,
    preamble: &mut Vec<Block>,
) -> Vec<Article> {
    let mut articles: Vec<Article> = Vec::new();
    let mut prev = 0;
    for (k, (start, h)) in outline.headings.iter().enumerate() {
        let end = outline.headings.get(k + 1).map_or(units.len(), |(i, _)| *i);
        if !h.before.is_empty() {
            match articles.last_mut() {
                Some(a) => a.blocks.push(Block::text(h.before.clone())),
                None => preamble.push(Block::text(h.before.clone())),
            }
        }
        let mut blocks = Vec::new();
        if !h.rest.is_empty() {
            blocks.push(Block::text(h.rest.clone()));
        }
        blocks.extend(blocks_of(&units[start + 1..end]));
        let (number, title) = article_number(prev, &h.heading);
        prev = number;
        articles.push(Article {
            number,
            category: Category::from_title(&title),
            title,
            heading: h.heading.clone(),
            blocks,
        });
    }
    articles
}

/// Notes on the tables whose short rows were filled.
fn filled_tables(units: &[Unit]) -> impl Iterator<Item = String> + '_ {
    units.iter().filter_map(|u| match u {
        Unit::Table { line, filled, .. } if *filled > 0 => Some(format!(
            "line {line}: a table with {filled} short row(s): the cells they lack were taken from the row above"
        )),
        _ => None,
    })
}

/// One document (a policy, or an appended CCTV policy) from its units.
fn document(
    units: &[Unit],
    title_at: Option<usize>,
    kind: PolicyKind,
    ctx: &Ctx,
    report: &mut Report,
    warnings: &mut Vec<String>,
) -> Policy {
    let (title, source_title, body_start) = title_of(units, title_at).unwrap_or_else(|| {
        warnings.push("no title line before the first article".to_string());
        (kind.label().to_string(), None, 0)
    });
    let outline = outline::outline_with(units, body_start, ctx.headings);
    let first = outline.headings.first().map_or(units.len(), |(i, _)| *i);
    // Lines before the title (page navigation) stay, as the preamble's start.
    let mut preamble = blocks_of(&units[..title_at.unwrap_or(0).min(first)]);
    preamble.extend(blocks_of(&units[body_start.min(first)..first]));
    let mut articles = articles_of(units, &outline, &mut preamble);
    if articles.is_empty() {
        warnings.push(
            "no section headings found: the whole text is kept as one untitled article".to_string(),
        );
        let blocks = std::mem::take(&mut preamble);
        articles.push(Article {
            number: 1,
            title: String::new(),
            heading: String::new(),
            category: Category::Other,
            blocks,
        });
    }
    warnings.extend(outline.irregular.iter().cloned());
    report.unsure.extend(filled_tables(units));
    let numbering = outline.style.map_or("none", |s| s.describe());
    let mut policy = Policy {
        slug: ctx.options.policy_slug.clone().unwrap_or_default(),
        title,
        kind,
        source_title,
        site: ctx.options.site.clone(),
        effective: None,
        versions: Vec::new(),
        labels: Vec::new(),
        preamble,
        articles,
        trustees: Vec::new(),
        trustee_reference: None,
        contacts: Vec::new(),
        remedies: Vec::new(),
        files: Vec::new(),
        retention: Vec::new(),
        source: None,
        history: Vec::new(),
    };
    data::fill(&mut policy, warnings);
    report
        .documents
        .push(DocumentReport::of(&policy, numbering));
    policy
}

/// Units as content blocks.
fn blocks_of(units: &[Unit]) -> Vec<Block> {
    units
        .iter()
        .map(|u| match u {
            Unit::Text { text, .. } => Block::text(text.clone()),
            Unit::Table { rows, .. } => Block::table(rows.clone()),
        })
        .collect()
}

/// Every whitespace-normalised non-empty line of `source` that does not
/// appear, in order of its words, in the imported documents' text. Empty
/// when the import is lossless. (A markdown table's `|---|` row is
/// formatting, not text.)
pub fn lost_lines(source: &str, policies: &[Policy]) -> Vec<String> {
    let mut doc = String::from(" ");
    let mut push = |s: &str| {
        for w in s.split_whitespace() {
            doc.push_str(w);
            doc.push(' ');
        }
    };
    for policy in policies {
        if let Some(t) = &policy.source_title {
            push(t);
        }
        push(&policy.title);
        for b in &policy.preamble {
            push(&b.plain_text());
        }
        for a in &policy.articles {
            push(&a.heading);
            for b in &a.blocks {
                push(&b.plain_text());
            }
        }
    }
    // A heading with text glued to it (`제1조(목적)본문`) is kept as heading
    // and first block: compare such lines with white space removed.
    let squashed: String = doc.chars().filter(|c| !c.is_whitespace()).collect();
    source
        .lines()
        .map(normalize_line)
        .filter(|l| !l.is_empty() && !lines::pipe_separator(l))
        .filter(|l| {
            let kept = |l: &str| {
                let words: Vec<&str> = l.split_whitespace().collect();
                doc.contains(&format!(" {} ", words.join(" ")))
                    || squashed.contains(&words.concat())
            };
            // A pipe-table row is kept as its cells.
            let cells = l.starts_with('|').then(|| lines::pipe_cells(l).join(" "));
            !kept(l) && !cells.is_some_and(|c| kept(&c))
        })
        .collect()
}

/// A policy with one article of `title` holding `body` between two
/// others: the unit tests of the data readers start from it.
#[cfg(test)]
fn policy_with_article(title: &str, body: &str) -> Policy {
    let src = format!(
        "방침\n제1조(처리 목적)\n본문\n제2조({title})\n{body}\n제3조(처리방침 변경)\n본문\n"
    );
    import_text(&src, &ImportOptions::default())
        .agency
        .policies
        .remove(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_layout_degrades_to_one_article() {
        let src = "안내\n이 기관은 개인정보를 보호합니다.\n문의: 02-123-4567\n";
        let imported = import_text(src, &ImportOptions::default());
        let policy = &imported.agency.policies[0];
        assert_eq!(policy.articles.len(), 1);
        assert!(!imported.warnings.is_empty());
        assert!(lost_lines(src, &imported.agency.policies).is_empty());
    }

    #[test]
    fn out_of_order_numbers_stay_in_the_text() {
        let src = "방침\n제1조(목적)\n본문\n제3조에 관한 참고\n제2조(파기)\n파기합니다.\n";
        let imported = import_text(src, &ImportOptions::default());
        let p = &imported.agency.policies[0];
        assert_eq!(p.articles.len(), 2);
        assert_eq!(p.articles[0].blocks.len(), 2);
    }

    #[test]
    fn headings_that_number_oddly_survive_the_content_files() {
        // Found by the fuzzer: 제0조 (no article number); also a repeated
        // 제N조, which stays in the article above.
        let src = "방침\n제0조(처리목적)\n본문\n제1조(파기)\n본문\n제1조(파기)\n본문\n제2조(변경)\n본문\n";
        let imported = import_text(src, &ImportOptions::default());
        for p in &imported.agency.policies {
            let md = crate::content::policy_markdown(p);
            let (pre, arts) =
                crate::content::parse_policy_markdown(Path::new("p.md"), &md).unwrap();
            assert_eq!((pre, arts), (p.preamble.clone(), p.articles.clone()));
        }
        assert!(lost_lines(src, &imported.agency.policies).is_empty());
    }

    #[test]
    fn two_texts_of_one_site_get_two_slugs() {
        let src = "시청 개인정보 처리방침\n제1조(처리 목적)\n본문\n제2조(파기)\n본문\n";
        let one = import_text(src, &ImportOptions::default()).agency;
        let mut both = vec![one.clone(), one];
        assert_eq!(distinct_slugs(&mut both).len(), 1);
        assert_eq!(
            (
                both[0].policies[0].slug.as_str(),
                both[1].policies[0].slug.as_str()
            ),
            ("privacy", "privacy-2")
        );
    }

    #[test]
    fn a_file_without_text_is_refused() {
        for src in ["", "\n \t\n\u{a0}\n"] {
            let imported = import_text(src, &ImportOptions::default());
            assert!(imported.agency.policies.is_empty());
            assert_eq!(
                imported.report.refused.as_deref(),
                Some("the file holds no text")
            );
        }
    }

    #[test]
    fn a_comparison_table_is_refused() {
        let src = "개인정보 처리방침 신·구 대조표\n현행\t개정안\n제1조(목적) 가\t제1조(목적) 나\n";
        let imported = import_text(src, &ImportOptions::default());
        assert!(imported.agency.policies.is_empty());
        assert!(
            imported
                .report
                .refused
                .as_deref()
                .is_some_and(|r| r.contains("대조표"))
        );
    }

    #[test]
    fn an_appended_cctv_policy_is_a_document_of_its_own() {
        let src = "학교 개인정보 처리방침\n제1조. 개인정보의 처리 목적\n본문\n제2조. 개인정보의 파기\n본문\n제3조. 개인정보 처리방침의 변경\n2018. 3. 1.부터 적용됩니다.\n학교 영상정보처리기기 운영 · 관리 방침\n1. 영상정보처리기기의 설치 근거 및 설치 목적\n본문\n2. 설치 대수, 설치 위치 및 촬영범위\n본문\n3. 영상정보 보호책임자\n본문\n";
        let imported = import_text(src, &ImportOptions::default());
        let ps = &imported.agency.policies;
        assert_eq!(ps.len(), 2);
        assert_eq!((ps[0].kind, ps[0].articles.len()), (PolicyKind::Privacy, 3));
        assert_eq!((ps[1].kind, ps[1].articles.len()), (PolicyKind::Cctv, 3));
        assert_ne!(ps[0].slug, ps[1].slug);
        assert!(lost_lines(src, ps).is_empty());
    }
}
