//! `bangchim import`: scraped policy text → the content model.
//!
//! The importer reads the layouts of real agency pages (see the seeds in
//! `shared/seeds/`): spaced-out titles, `제N조 제목` / `제N조(제목)` /
//! `제N조 (제목)` headings, a table of contents, a 라벨링 block, TAB-separated
//! tables, trustee and contact tables or loose `key : value` lines. It never
//! drops a line: whatever it does not understand stays as text in the
//! nearest article, and is reported.

mod extract;
mod infer;
mod text;

use crate::model::{Agency, Article, Block, Category, Policy};

pub use infer::{AgencyGuess, region_of_area_code};
pub use text::{normalize_line, parse_date, squash};

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
    /// The agency, holding the one imported policy.
    pub agency: Agency,
    /// What the importer inferred and how (for the user to check).
    pub inferred: Vec<String>,
    /// Lines or parts it could not place in a structure (kept as text).
    pub warnings: Vec<String>,
}

/// A heading `제N조…` split into number, title and any text after it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Heading {
    number: u32,
    title: String,
    heading: String,
    rest: String,
}

/// Reads a heading line as written in content (`제N조 제목`, `제N조(제목)`)
/// into its number and title; `None` if it is not one, or has text after it.
pub fn parse_heading_line(line: &str) -> Option<(u32, String)> {
    parse_heading(line)
        .filter(|h| h.rest.is_empty())
        .map(|h| (h.number, h.title))
}

/// Reads `제N조 제목`, `제N조(제목)`, `제N조 (제목) 본문…`.
fn parse_heading(line: &str) -> Option<Heading> {
    let t = line.trim_start_matches(['-', ' ']);
    let after = t.strip_prefix('제')?;
    let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let after = after[digits.len()..].strip_prefix('조')?;
    let number: u32 = digits.parse().ok()?;
    let trimmed = after.trim_start();
    if let Some(inner) = trimmed.strip_prefix('(') {
        // Title in parentheses; balanced, since titles hold (…) themselves rarely.
        let mut depth = 1;
        let mut end = None;
        for (i, c) in inner.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let end = end?;
        let title = inner[..end].trim().to_string();
        // The heading as written, with any scraped `- ` before it.
        let consumed = line.len() - inner.len() + end + 1;
        let heading = normalize_line(&line[..consumed]);
        let rest = normalize_line(&inner[end + 1..]);
        return Some(Heading {
            number,
            title,
            heading,
            rest,
        });
    }
    // `제N조 제목`: a title must follow, short and without sentence ends.
    if !after.starts_with(' ') {
        return None;
    }
    let title = normalize_line(after);
    if title.is_empty()
        || title.chars().count() > 60
        || title.ends_with('.')
        || title.ends_with("다")
    {
        return None;
    }
    Some(Heading {
        number,
        heading: normalize_line(line),
        title,
        rest: String::new(),
    })
}

/// A source line, whitespace-normalised, with its TAB cells if it is a table row.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    cells: Option<Vec<String>>,
}

fn lines_of(source: &str) -> Vec<Line> {
    source
        .lines()
        .map(|raw| {
            let cells = raw
                .contains('\t')
                .then(|| raw.split('\t').map(normalize_line).collect::<Vec<_>>());
            Line {
                text: normalize_line(raw),
                cells,
            }
        })
        .filter(|l| !l.text.is_empty())
        .collect()
}

/// Groups consecutive TAB rows into tables and the rest into text blocks.
fn blocks_of(lines: &[Line]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].cells.is_some() {
            let mut rows = Vec::new();
            while i < lines.len() {
                match &lines[i].cells {
                    Some(cells) => rows.push(cells.clone()),
                    None => break,
                }
                i += 1;
            }
            blocks.push(Block::table(rows));
        } else {
            blocks.push(Block::text(lines[i].text.clone()));
            i += 1;
        }
    }
    blocks
}

/// Imports one scraped policy.
pub fn import_text(source: &str, options: &ImportOptions) -> Imported {
    let mut inferred = Vec::new();
    let mut warnings = Vec::new();
    let lines = lines_of(source);

    // The title: the first line, letters possibly spaced out.
    let (title, source_title, body_start) = match lines.first() {
        Some(first) if parse_heading(&first.text).is_none() => {
            let (title, spaced) = text::collapse_spaced_title(&first.text);
            (title, spaced.then(|| first.text.clone()), 1)
        }
        _ => {
            warnings.push("no title line before the first article".to_string());
            ("개인정보 처리방침".to_string(), None, 0)
        }
    };

    // Article boundaries: headings numbered 1, 2, 3… in order.
    let mut starts: Vec<(usize, Heading)> = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(body_start) {
        if line.cells.is_some() {
            continue;
        }
        if let Some(h) = parse_heading(&line.text) {
            let expected = starts.last().map_or(1, |(_, last)| last.number + 1);
            if h.number == expected {
                starts.push((i, h));
            }
        }
    }

    let preamble_end = starts.first().map_or(lines.len(), |(i, _)| *i);
    let preamble = blocks_of(&lines[body_start..preamble_end]);
    let mut articles = Vec::new();
    for (k, (start, heading)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(lines.len(), |(i, _)| *i);
        let mut blocks = Vec::new();
        if !heading.rest.is_empty() {
            blocks.push(Block::text(heading.rest.clone()));
        }
        blocks.extend(blocks_of(&lines[start + 1..end]));
        articles.push(Article {
            number: heading.number,
            title: heading.title.clone(),
            heading: heading.heading.clone(),
            category: Category::from_title(&heading.title),
            blocks,
        });
    }
    if articles.is_empty() {
        warnings.push(
            "no 제N조 headings found: the whole text is kept as one untitled article".to_string(),
        );
        articles.push(Article {
            number: 1,
            title: String::new(),
            heading: String::new(),
            category: Category::Other,
            blocks: preamble.clone(),
        });
    }
    let preamble = if starts.is_empty() {
        Vec::new()
    } else {
        preamble
    };

    let mut policy = Policy {
        slug: options.policy_slug.clone().unwrap_or_default(),
        title,
        source_title,
        site: options.site.clone(),
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
    };
    extract::fill(&mut policy, &mut warnings);

    let guess = infer::agency(&policy, options.agency.as_deref(), &mut inferred);
    if policy.site.is_none()
        && let Some((site, how)) = infer::site(&policy, &guess.full_name)
    {
        inferred.push(format!("site {site}: {how}"));
        policy.site = Some(site);
    }
    if policy.slug.is_empty() {
        policy.slug = match &policy.site {
            Some(site) => infer::romanize_slug(site),
            None => "privacy".to_string(),
        };
    }
    let agency = Agency {
        slug: guess.slug,
        name: guess.name,
        full_name: guess.full_name,
        region: guess.region,
        kind: guess.kind,
        policies: vec![policy],
    };
    Imported {
        agency,
        inferred,
        warnings,
    }
}

/// Every whitespace-normalised non-empty line of `source` that does not
/// appear, in order of its words, in the imported policy's text. Empty when
/// the import is lossless.
pub fn lost_lines(source: &str, policy: &Policy) -> Vec<String> {
    let mut doc = String::from(" ");
    let mut push = |s: &str| {
        for w in s.split_whitespace() {
            doc.push_str(w);
            doc.push(' ');
        }
    };
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
    // A heading with text glued to it (`제1조(목적)본문`) is kept as heading
    // and first block: compare such lines with white space removed.
    let squashed: String = doc.chars().filter(|c| !c.is_whitespace()).collect();
    source
        .lines()
        .map(normalize_line)
        .filter(|l| !l.is_empty())
        .filter(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            !doc.contains(&format!(" {} ", words.join(" "))) && !squashed.contains(&words.concat())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_in_three_layouts() {
        let h = parse_heading("제1조 개인정보의 처리 목적 및 항목").unwrap();
        assert_eq!(
            (h.number, h.title.as_str()),
            (1, "개인정보의 처리 목적 및 항목")
        );
        let h = parse_heading("제1조(개인정보의 처리목적)").unwrap();
        assert_eq!(
            (h.number, h.title.as_str(), h.rest.as_str()),
            (1, "개인정보의 처리목적", "")
        );
        let h = parse_heading("제1조 (개인정보의 처리 목적)").unwrap();
        assert_eq!(h.title, "개인정보의 처리 목적");
        let h = parse_heading("제4조(개인정보의 제3자 제공)  서울시는 정보주체의 동의").unwrap();
        assert_eq!(
            (h.title.as_str(), h.rest.as_str()),
            ("개인정보의 제3자 제공", "서울시는 정보주체의 동의")
        );
        assert_eq!(h.heading, "제4조(개인정보의 제3자 제공)");
    }

    #[test]
    fn references_are_not_headings() {
        assert!(parse_heading("제35조에 따라 열람을 요구할 수 있습니다.").is_none());
        assert!(parse_heading("제1항에 따른 권리 행사는").is_none());
    }

    #[test]
    fn an_unknown_layout_degrades_to_one_article() {
        let imported = import_text(
            "안내\n이 기관은 개인정보를 보호합니다.\n문의: 02-123-4567\n",
            &ImportOptions::default(),
        );
        let policy = &imported.agency.policies[0];
        assert_eq!(policy.articles.len(), 1);
        assert!(!imported.warnings.is_empty());
        assert!(
            lost_lines(
                "안내\n이 기관은 개인정보를 보호합니다.\n문의: 02-123-4567\n",
                policy
            )
            .is_empty()
        );
    }

    #[test]
    fn out_of_order_numbers_stay_in_the_text() {
        let src = "방침\n제1조(목적)\n본문\n제3조에 관한 참고\n제2조(파기)\n파기합니다.\n";
        let imported = import_text(src, &ImportOptions::default());
        let p = &imported.agency.policies[0];
        assert_eq!(p.articles.len(), 2);
        assert_eq!(p.articles[0].blocks.len(), 2);
    }
}
