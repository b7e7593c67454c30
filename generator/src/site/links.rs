//! The internal link checker: every `href` and `src` in the built HTML
//! that points into the site must name a file that exists, and its
//! `#fragment` an `id` in that file.

use std::collections::{BTreeMap, BTreeSet, HashMap};
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

/// The files of a built site, relative to its output folder.
struct Site {
    /// The text of every HTML page.
    pages: BTreeMap<String, String>,
    /// Every file, pages included.
    files: BTreeSet<String>,
}

impl Site {
    /// Reads the file list and the pages of the site built in `out`.
    fn read(out: &Path) -> Site {
        let mut site = Site {
            pages: BTreeMap::new(),
            files: BTreeSet::new(),
        };
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
                    site.pages.insert(rel.clone(), text);
                }
                site.files.insert(rel);
            }
        }
        site
    }
}

/// The unescaped `id`s of a page.
fn ids(html: &str) -> BTreeSet<String> {
    attr_values(html, "id").into_iter().map(unescape).collect()
}

/// Checks every internal link of the site built in `out`, whose pages
/// link with the path prefix `base` (`/` or `/privacy/`).
pub fn check(out: &Path, base: &str) -> Vec<BrokenLink> {
    let site = Site::read(out);
    let mut ids = Ids::default();
    let mut broken = Vec::new();
    for (page, html) in &site.pages {
        for raw in attr_values(html, "href")
            .into_iter()
            .chain(attr_values(html, "src"))
        {
            broken.extend(check_link(&site, &mut ids, page, raw, base));
        }
    }
    broken
}

/// The `id`s of each page a fragment pointed into, read once: a policy's
/// page links to hundreds of its own anchors, and reading its ids again
/// for each link made `check` quadratic in a page's size (more than ten
/// minutes at 10,000 policies).
#[derive(Default)]
struct Ids<'s>(HashMap<&'s str, BTreeSet<String>>);

impl<'s> Ids<'s> {
    /// Whether the page `name` (whose HTML is `html`) has the id `id`.
    fn has(&mut self, name: &'s str, html: &str, id: &str) -> bool {
        self.0.entry(name).or_insert_with(|| ids(html)).contains(id)
    }
}

/// Checks one link on `page`, as written (`raw`): why it is broken, if it
/// is. Links out of the site and to the dev server's own files are fine.
fn check_link<'s>(
    site: &'s Site,
    ids: &mut Ids<'s>,
    page: &str,
    raw: &str,
    base: &str,
) -> Option<BrokenLink> {
    let href = unescape(raw);
    if href.contains("://")
        || href.starts_with("mailto:")
        || href.starts_with("tel:")
        || href.starts_with("//")
    {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p.to_string(), Some(percent_decode(f))),
        None => (href.clone(), None),
    };
    let path = path.split('?').next().unwrap_or("").to_string();
    let broken = |reason: String| BrokenLink {
        page: page.to_string(),
        href: href.clone(),
        reason,
    };
    let Some(target) = target_of(page, &path, base) else {
        return Some(broken(format!("outside the site's base path {base}")));
    };
    if target.starts_with("__bangchim/") {
        return None;
    }
    if !site.files.contains(&target) {
        return Some(broken(format!("no file {target}")));
    }
    if let Some(f) = fragment.filter(|f| !f.is_empty())
        && let Some((name, html)) = site.pages.get_key_value(&target)
        && !ids.has(name, html, &f)
    {
        return Some(broken(format!("no id \"{f}\" in {target}")));
    }
    None
}

/// The file a link's path (without query or fragment) on `page` leads
/// to, relative to the output folder; `None` when it is an absolute path
/// outside `base`.
fn target_of(page: &str, path: &str, base: &str) -> Option<String> {
    let page_dir = page.rsplit_once('/').map_or("", |(d, _)| d);
    let target = if path.is_empty() {
        page.to_string()
    } else if let Some(inside) = path.strip_prefix(base) {
        percent_decode(inside)
    } else if path.starts_with('/') {
        return None;
    } else if page_dir.is_empty() {
        percent_decode(path)
    } else {
        format!("{page_dir}/{}", percent_decode(path))
    };
    Some(if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else {
        target
    })
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
