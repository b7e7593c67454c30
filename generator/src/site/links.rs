//! The internal link checker: every `href` and `src` in the built HTML
//! that points into the site must name a file that exists, and its
//! `#fragment` an `id` in that file.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// A link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page it is on, relative to the output folder.
    pub page: String,
    /// The link as written.
    pub href: String,
    /// Why it is broken.
    pub reason: String,
}

fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        rest = &rest[at + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&#x2f;", "/")
        .replace("&#x2F;", "/")
        .replace("&quot;", "\"")
}

/// Decodes `%XX` escapes, keeping the text as written where it cannot.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_string(), |d| d.into_owned())
}

/// Checks every internal link of the site built in `out`, whose pages
/// link with the path prefix `base` (`/` or `/privacy/`).
pub fn check(out: &Path, base: &str) -> Vec<BrokenLink> {
    let mut pages: BTreeMap<String, String> = BTreeMap::new();
    let mut files: BTreeSet<String> = BTreeSet::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(out)
                .expect("under out")
                .to_string_lossy()
                .replace('\\', "/");
            if rel.ends_with(".html")
                && let Ok(text) = fs::read_to_string(&path)
            {
                pages.insert(rel.clone(), text);
            }
            files.insert(rel);
        }
    }
    let ids = |html: &str| -> BTreeSet<String> {
        attr_values(html, "id").into_iter().map(unescape).collect()
    };
    let mut broken = Vec::new();
    for (page, html) in &pages {
        let page_dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        for raw in attr_values(html, "href")
            .into_iter()
            .chain(attr_values(html, "src"))
        {
            let href = unescape(raw);
            if href.contains("://")
                || href.starts_with("mailto:")
                || href.starts_with("tel:")
                || href.starts_with("//")
            {
                continue;
            }
            let (path, fragment) = match href.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(percent_decode(f))),
                None => (href.clone(), None),
            };
            let path = path.split('?').next().unwrap_or("").to_string();
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(inside) = path.strip_prefix(base) {
                percent_decode(inside)
            } else if path.starts_with('/') {
                broken.push(BrokenLink {
                    page: page.clone(),
                    href,
                    reason: format!("outside the site's base path {base}"),
                });
                continue;
            } else if page_dir.is_empty() {
                percent_decode(&path)
            } else {
                format!("{page_dir}/{}", percent_decode(&path))
            };
            let target = if target.is_empty() || target.ends_with('/') {
                format!("{target}index.html")
            } else {
                target
            };
            if target.starts_with("__bangchim/") {
                continue;
            }
            if !files.contains(&target) {
                broken.push(BrokenLink {
                    page: page.clone(),
                    href,
                    reason: format!("no file {target}"),
                });
                continue;
            }
            if let Some(f) = fragment.filter(|f| !f.is_empty())
                && let Some(html) = pages.get(&target)
                && !ids(html).contains(&f)
            {
                broken.push(BrokenLink {
                    page: page.clone(),
                    href,
                    reason: format!("no id \"{f}\" in {target}"),
                });
            }
        }
    }
    broken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_missing_pages_and_anchors() {
        let dir = tempfile::tempdir().unwrap();
        let w = |rel: &str, s: &str| {
            let p = dir.path().join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, s).unwrap();
        };
        w(
            "index.html",
            r#"<a href="/a/">a</a> <a href="/a/#x">x</a> <a href="/a/#y">y</a> <a href="/b/">b</a> <a href="https://e.org">e</a>"#,
        );
        w("a/index.html", r#"<h2 id="x">x</h2>"#);
        let broken = check(dir.path(), "/");
        let hrefs: Vec<&str> = broken.iter().map(|b| b.href.as_str()).collect();
        assert_eq!(hrefs, ["/a/#y", "/b/"]);
    }
}
