//! Helpers shared by the tests that check a source's lines on its pages.

/// The text of a page: tags removed, entities decoded, white space folded,
/// with a space at each end.
pub fn page_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&");
    words(&text)
}

/// A text's words joined by single spaces, with a space at each end.
pub fn words(s: &str) -> String {
    format!(" {} ", s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Asserts that every non-empty line of `source` is shown in `text` (the
/// page text of the pages it was imported into), allowing what the pages
/// change on purpose: the scraped table of contents gives way to the
/// page's own, a spaced-out title is shown collapsed, a title is shown
/// without the original page's trail before it, the scraped `- `
/// bullet is the list's own bullet, a table row is checked cell by cell,
/// and HTML tags an export left in the text are dropped. Returns how many
/// lines were checked.
pub fn assert_lines_shown(source: &str, text: &str, label: &str) -> usize {
    let mut in_toc = false;
    let mut checked = 0;
    for (n, raw) in source.lines().enumerate() {
        // HTML tags an export left in the text are not content.
        let raw = &*bangchim::import::strip_leaked_tags(raw);
        let line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if line.replace(' ', "") == "<목차>" {
            in_toc = true;
            continue;
        }
        if in_toc {
            if line.starts_with("제1조") {
                in_toc = false;
            } else {
                continue;
            }
        }
        if n < 3 && line.split(' ').all(|w| w.chars().count() == 1) {
            continue;
        }
        // A title after the original page's trail (`Home > 개인정보보호정책`)
        // is shown without the trail.
        let line = match line.rsplit_once(" > ") {
            Some((_, title)) if n < 3 => title.to_string(),
            _ => line,
        };
        checked += 1;
        if raw.contains('\t') {
            for cell in raw.split('\t').map(str::trim).filter(|c| !c.is_empty()) {
                assert!(
                    text.contains(&words(cell)),
                    "{label}:{}: cell {cell:?} not shown",
                    n + 1
                );
            }
        } else {
            let shown = line.strip_prefix("- ").unwrap_or(&line);
            assert!(
                text.contains(&words(shown)),
                "{label}:{}: {shown:?} not shown",
                n + 1
            );
        }
    }
    checked
}
