//! A saved HTML page → the plain-text shape the text importer reads.
//!
//! The shape is what a browser's `innerText` gives for the policy part of the
//! page (see `shared/corpus/SOURCES.md`):
//!
//! - block elements (`p`, `div`, `li`, `h1`–`h6`, `tr`, `dt`/`dd`, `section`…)
//!   break lines; a `<p>` or heading is followed by a blank line, and runs of
//!   blank lines are collapsed to one;
//! - a table row is one line, its cells joined by a single TAB; a `<br>` or a
//!   block inside a cell is a newline inside the cell, so one row can span
//!   several lines. Unlike `innerText`, `rowspan` and `colspan` are
//!   expanded: a spanned cell's text is repeated in every row and column it
//!   covers, and short rows are padded with empty cells, so every row of a
//!   table has the same number of cells. A table nested in a cell comes out
//!   as lines inside that cell, its cells joined by a space;
//! - text is whitespace-collapsed as in CSS (`<pre>` keeps its spaces),
//!   entities are unescaped, non-breaking spaces are kept;
//! - `script`, `style`, `noscript`, `template`, `head`, `svg`, `iframe`, form
//!   controls and the like are dropped, as are elements with a `hidden`
//!   attribute, an inline `display:none`, or a screen-reader-only class
//!   (`blind`, `sr-only`…); `<img alt>` is not reproduced.
//!
//! Site chrome is left out: `header`, `nav`, `footer` and `aside` elements,
//! landmark roles other than `main`, and elements whose `id`/`class` names a
//! header, menu (`gnb`, `lnb`, `snb`…), breadcrumb (`location`, `path`), skip
//! link, quick menu, site map, banner, footer or copyright. Then the main
//! container is chosen: `main`, `[role=main]`, `#contents`/`#content` and
//! similar ids, `article`, `.content`/`.contents`, provided it holds at least
//! half of the page's policy signals (`제1조`, `개인정보`, `처리방침`,
//! `책임자`); failing that, the smallest element holding half of the
//! signals, widened to its parents while what they add is not mostly links
//! and is very short or about as dense in (non-link) signals; failing that, `body`. Only text inside the container is emitted.
//!
//! Lines that came from heading elements (outside tables) are reported as
//! evidence for the importer.

use scraper::{Html, Node};
use std::collections::HashMap;
use std::rc::Rc;

/// The text of a saved HTML page, shaped like scraped text (see module docs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlText {
    /// The page's main content as `innerText`-like lines (no trailing newline).
    pub text: String,
    /// 0-based numbers of the lines of [`HtmlText::text`] that came from
    /// `h1`–`h6` elements, ascending, with the element's level (1–6).
    /// Headings inside tables are not reported.
    pub heading_levels: Vec<(usize, u8)>,
}

impl HtmlText {
    /// The lines of [`HtmlText::heading_levels`], without their levels.
    pub fn heading_lines(&self) -> Vec<usize> {
        self.heading_levels.iter().map(|&(l, _)| l).collect()
    }
}

/// Whether a string looks like an HTML document rather than scraped text.
///
/// True when, after any BOM, whitespace and comments, it starts with
/// `<!doctype`, `<html` or `<?xml … <html`; or when its first 4 KiB hold at
/// least two kinds of structural tags (`<body`, `<head>`, `<meta `, `<table`,
/// `<div`, `<p>`/`<p `/`</p>`, `<br>`/`<br/`/`<br `, `<tr`, `<td`).
pub fn looks_like_html(s: &str) -> bool {
    let head: String = s
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    let mut t = head.trim_start_matches('\u{feff}').trim_start();
    // Leading comments (saved pages often start with `<!-- saved from url -->`).
    while let Some(rest) = t.strip_prefix("<!--") {
        match rest.find("-->") {
            Some(end) => t = rest.get(end + 3..).unwrap_or("").trim_start(),
            None => break,
        }
    }
    if t.starts_with("<!doctype") || t.starts_with("<html") {
        return true;
    }
    if t.starts_with("<?xml") && t.contains("<html") {
        return true;
    }
    let kinds: [&[&str]; 9] = [
        &["<body"],
        &["<head>", "<head "],
        &["<meta "],
        &["<table"],
        &["<div"],
        &["<p>", "<p ", "</p>"],
        &["<br>", "<br/", "<br "],
        &["<tr>", "<tr "],
        &["<td>", "<td "],
    ];
    kinds
        .iter()
        .filter(|alts| alts.iter().any(|a| head.contains(a)))
        .count()
        >= 2
}

/// Converts a saved HTML page to scraped-text shape (see module docs).
pub fn html_to_text(html: &str) -> HtmlText {
    let doc = Html::parse_document(html);
    let arena = Arena::build(&doc);
    let container = arena.choose_container();
    let keep_tag_chrome = !matches!(arena.tag(container), Some("body") | Some("html") | None);
    let ctx = Ctx {
        arena: &arena,
        keep_tag_chrome,
    };
    let mut budget = html.len().saturating_mul(8).saturating_add(1 << 20);
    let mut em = Emitter::new(2, true);
    ctx.walk(container, &mut em, 0, &mut budget);
    let mut text = em.out;
    let trimmed = text.trim_end_matches(['\n', ' ']).len();
    text.truncate(trimmed);
    let lines = text.matches('\n').count();
    let mut heading_levels = em.heading_levels;
    heading_levels.retain(|&(l, _)| l <= lines);
    HtmlText {
        text,
        heading_levels,
    }
}

// ---------------------------------------------------------------------------
// The page as a flat arena, with per-element flags and subtree statistics.

/// Tags whose content never shows.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "frame",
    "frameset", "object", "embed", "applet", "canvas", "audio", "video", "map", "input", "select",
    "option", "optgroup", "datalist", "button", "textarea", "meta", "link", "base", "param",
    "source", "track", "dialog",
];

/// Class names of text hidden by CSS for screen readers only.
const SR_ONLY_CLASSES: &[&str] = &[
    "blind",
    "sr-only",
    "sr_only",
    "screen_out",
    "screen-out",
    "hidden",
    "hide",
    "ir",
    "visually-hidden",
    "visuallyhidden",
    "offscreen",
    "skip",
];

/// Tokens of `id`/`class` names that mark site chrome.
const CHROME_TOKENS: &[&str] = &[
    "header",
    "gnb",
    "lnb",
    "snb",
    "tnb",
    "nav",
    "navi",
    "navigation",
    "gnav",
    "lnav",
    "menu",
    "menus",
    "submenu",
    "topmenu",
    "mainmenu",
    "leftmenu",
    "sidemenu",
    "allmenu",
    "footer",
    "breadcrumb",
    "breadcrumbs",
    "location",
    "path",
    "skip",
    "skipnav",
    "skipnavi",
    "quick",
    "quickmenu",
    "sitemap",
    "util",
    "utils",
    "utility",
    "banner",
    "copyright",
    "sidebar",
    "familysite",
    "satisfaction",
    "satisfy",
    "sns",
    "share",
];

/// Prefixes of a token that mark chrome (`gnbWrap` → `gnbwrap`, `headerarea`).
const CHROME_PREFIXES: &[&str] = &[
    "gnb",
    "lnb",
    "snb",
    "header",
    "footer",
    "skipnav",
    "breadcrumb",
    "quickmenu",
    "sitemap",
    "copyright",
    "banner",
];

/// Suffixes of a token that mark chrome (`leftmenu`, `subnav`).
const CHROME_SUFFIXES: &[&str] = &["menu", "nav", "navi"];

/// Tokens that, next to `header`/`footer`, mean a part of the content
/// (`content_header`, `tbl-header`), not the site's header.
const CONTENT_TOKENS: &[&str] = &[
    "content", "contents", "cont", "page", "title", "tit", "article", "section", "entry", "post",
    "policy", "tbl", "table", "board",
];

/// Normalised ids/classes (lowercase, no `-`/`_`) of main-content containers.
const CONTENT_NAMES: &[&str] = &[
    "contents",
    "content",
    "subcontents",
    "subcontent",
    "maincontent",
    "maincontents",
    "contentarea",
    "contentsarea",
    "contentbody",
    "contentsbody",
    "conts",
    "cont",
    "txt",
    "subcont",
    "contentwrap",
    "contentswrap",
];

/// Substrings counted as policy signals.
const SIGNALS: &[&str] = &["제1조", "제 1 조", "개인정보", "처리방침", "책임자"];

/// Block elements that break lines (`p` and headings are handled apart).
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "dd",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "ul",
    "section",
    "summary",
    "legend",
    "caption",
    "tr",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "body",
    "html",
    "noframes",
    "search",
];

/// Past this table nesting, tables are read as plain blocks.
const MAX_TABLE_DEPTH: usize = 8;
/// The widest table expanded (HTML caps `colspan` at 1000 too).
const MAX_COLS: usize = 1000;

/// How an element is chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chrome {
    /// Not chrome.
    No,
    /// A bare `header`/`footer` tag: kept inside the chosen container.
    SectionTag,
    /// `nav`/`aside`, a landmark role or a chrome `id`/`class`.
    Always,
}

/// One element's own properties.
#[derive(Debug)]
struct Elem {
    tag: String,
    dropped: bool,
    chrome: Chrome,
    /// 0: not a preferred container; else priority (1 best).
    preferred: u8,
    colspan: usize,
    rowspan: usize,
}

#[derive(Debug)]
enum Kind {
    Text(String),
    Elem(Elem),
    Other,
}

/// Subtree totals.
#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    len: usize,
    link_len: usize,
    signals: usize,
    link_signals: usize,
    article1: usize,
}

#[derive(Debug)]
struct ANode {
    parent: Option<usize>,
    children: Vec<usize>,
    kind: Kind,
}

struct Arena {
    nodes: Vec<ANode>,
    /// Final chrome decision (after vetoes).
    chrome: Vec<Chrome>,
    /// Statistics without dropped or chrome subtrees.
    clean: Vec<Stats>,
    /// Whether the node or an ancestor is dropped or chrome.
    excluded: Vec<bool>,
}

fn signal_counts(s: &str) -> (usize, usize) {
    let total = SIGNALS.iter().map(|sig| s.matches(sig).count()).sum();
    let art1 = s.matches("제1조").count() + s.matches("제 1 조").count();
    (total, art1)
}

/// Splits an id or class attribute into lowercase tokens: on non-alphanumeric
/// characters and camelCase boundaries, trailing digits removed.
fn name_tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in s.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut cur = String::new();
        let mut prev_lower = false;
        for c in word.chars() {
            if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            cur.push(c.to_ascii_lowercase());
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out.into_iter()
        .map(|t| t.trim_end_matches(|c: char| c.is_ascii_digit()).to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

fn chrome_by_names(names: &[&str]) -> bool {
    let tokens: Vec<String> = names.iter().flat_map(|n| name_tokens(n)).collect();
    let contentish = tokens.iter().any(|t| CONTENT_TOKENS.contains(&t.as_str()));
    tokens.iter().any(|t| {
        let t = t.as_str();
        let hit = CHROME_TOKENS.contains(&t)
            || CHROME_PREFIXES.iter().any(|p| t.starts_with(p))
            || CHROME_SUFFIXES
                .iter()
                .any(|s| t.len() > s.len() && t.ends_with(s));
        let header_like = t.starts_with("header") || t.starts_with("footer");
        hit && !(header_like && contentish)
    })
}

fn parse_span(v: Option<&str>) -> Option<usize> {
    let v = v?.trim();
    let digits: String = v
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .take(9)
        .collect();
    digits.parse::<usize>().ok()
}

fn norm_name(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '-' && *c != '_')
        .collect::<String>()
        .to_ascii_lowercase()
}

fn make_elem(el: &scraper::node::Element) -> Elem {
    let tag = el.name().to_ascii_lowercase();
    let style = el
        .attr("style")
        .map(|s| {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let classes: Vec<&str> = el.classes().collect();
    let dropped = DROPPED_TAGS.contains(&tag.as_str())
        || el.attr("hidden").is_some()
        || style.contains("display:none")
        || classes
            .iter()
            .any(|c| SR_ONLY_CLASSES.contains(&c.to_ascii_lowercase().as_str()));
    let role = el
        .attr("role")
        .map(|r| r.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let mut names: Vec<&str> = classes.clone();
    if let Some(id) = el.id() {
        names.push(id);
    }
    let chrome = if matches!(tag.as_str(), "body" | "html" | "main") || role == "main" {
        Chrome::No
    } else if matches!(tag.as_str(), "nav" | "aside")
        || matches!(
            role.as_str(),
            "banner" | "navigation" | "contentinfo" | "complementary"
        )
        || chrome_by_names(&names)
    {
        Chrome::Always
    } else if matches!(tag.as_str(), "header" | "footer") {
        Chrome::SectionTag
    } else {
        Chrome::No
    };
    let id_norm = el.id().map(norm_name).unwrap_or_default();
    let preferred = if tag == "main" {
        1
    } else if role == "main" {
        2
    } else if CONTENT_NAMES.contains(&id_norm.as_str()) {
        3
    } else if tag == "article" {
        4
    } else if classes
        .iter()
        .any(|c| CONTENT_NAMES.contains(&norm_name(c).as_str()))
    {
        5
    } else {
        0
    };
    let colspan = match parse_span(el.attr("colspan")) {
        Some(n) if n >= 1 => n.min(MAX_COLS),
        _ => 1,
    };
    let rowspan = match parse_span(el.attr("rowspan")) {
        Some(n) => n.min(65534), // 0: to the end of the table
        None => 1,
    };
    Elem {
        tag,
        dropped,
        chrome,
        preferred,
        colspan,
        rowspan,
    }
}

impl Stats {
    /// Adds every total of `other` to these.
    fn add(&mut self, other: Stats) {
        self.len += other.len;
        self.link_len += other.link_len;
        self.link_signals += other.link_signals;
        self.signals += other.signals;
        self.article1 += other.article1;
    }

    /// The totals of one text node.
    fn of_text(t: &str) -> Stats {
        let len = t.chars().filter(|c| !c.is_whitespace()).count();
        let (signals, article1) = signal_counts(t);
        Stats {
            len,
            link_len: 0,
            signals,
            link_signals: 0,
            article1,
        }
    }
}

/// One node's subtree totals, before they are stored.
#[derive(Debug, Default, Clone, Copy)]
struct NodeTotals {
    /// Everything in the subtree but dropped elements.
    raw: Stats,
    /// Without chrome subtrees either.
    clean: Stats,
    /// Whether the subtree holds a preferred container.
    pref: bool,
}

/// Subtree totals of every node, filled from the leaves up, and the
/// chrome decisions they lead to.
struct Totals {
    /// Statistics without dropped subtrees.
    raw: Vec<Stats>,
    /// Statistics without dropped or chrome subtrees.
    clean: Vec<Stats>,
    /// Whether the subtree holds a preferred container.
    has_pref: Vec<bool>,
    /// Final chrome decision (after vetoes).
    chrome: Vec<Chrome>,
}

impl Totals {
    /// Totals of every node of `nodes`: post-order (reverse pre-order)
    /// aggregation of raw and clean stats.
    fn of(nodes: &[ANode]) -> Totals {
        let n = nodes.len();
        let mut totals = Totals {
            raw: vec![Stats::default(); n],
            clean: vec![Stats::default(); n],
            has_pref: vec![false; n],
            chrome: vec![Chrome::No; n],
        };
        for i in (0..n).rev() {
            let Some(node) = nodes.get(i) else { continue };
            let t = match &node.kind {
                Kind::Text(t) => {
                    let s = Stats::of_text(t);
                    NodeTotals {
                        raw: s,
                        clean: s,
                        pref: false,
                    }
                }
                Kind::Elem(e) if e.dropped => NodeTotals::default(),
                Kind::Elem(e) => totals.elem(i, e, &node.children),
                Kind::Other => totals.other(&node.children),
            };
            if let Some(s) = totals.raw.get_mut(i) {
                *s = t.raw;
            }
            if let Some(s) = totals.clean.get_mut(i) {
                *s = t.clean;
            }
            if let Some(s) = totals.has_pref.get_mut(i) {
                *s = t.pref;
            }
        }
        totals
    }

    /// Whether child `ch` counts towards its parent's clean totals.
    fn is_clean(&self, ch: usize) -> bool {
        self.chrome.get(ch).copied().unwrap_or(Chrome::No) == Chrome::No
    }

    /// The totals of element `i` (not dropped) from its children's, and its
    /// chrome decision: none when it holds a preferred container, article 1
    /// or many signals.
    fn elem(&mut self, i: usize, e: &Elem, children: &[usize]) -> NodeTotals {
        let mut t = NodeTotals {
            pref: e.preferred > 0,
            ..NodeTotals::default()
        };
        for &ch in children {
            t.raw.add(self.raw.get(ch).copied().unwrap_or_default());
            t.pref |= self.has_pref.get(ch).copied().unwrap_or(false);
            if self.is_clean(ch) {
                t.clean.add(self.clean.get(ch).copied().unwrap_or_default());
            }
        }
        if e.tag == "a" {
            t.raw.link_len = t.raw.len;
            t.clean.link_len = t.clean.len;
            t.raw.link_signals = t.raw.signals;
            t.clean.link_signals = t.clean.signals;
        }
        let veto = t.pref || t.raw.article1 > 0 || t.raw.signals >= 8;
        if let Some(slot) = self.chrome.get_mut(i) {
            *slot = if veto { Chrome::No } else { e.chrome };
        }
        t
    }

    /// The totals of a node that is neither text nor an element, from its
    /// children's: raw length and signals, clean all but article 1.
    fn other(&self, children: &[usize]) -> NodeTotals {
        let mut t = NodeTotals::default();
        for &ch in children {
            let cr = self.raw.get(ch).copied().unwrap_or_default();
            t.raw.len += cr.len;
            t.raw.signals += cr.signals;
            if self.is_clean(ch) {
                let cc = self.clean.get(ch).copied().unwrap_or_default();
                t.clean.len += cc.len;
                t.clean.link_len += cc.link_len;
                t.clean.link_signals += cc.link_signals;
                t.clean.signals += cc.signals;
            }
        }
        t
    }
}

/// The nodes of `doc` in pre-order, each with its parent and children.
fn flatten(doc: &Html) -> Vec<ANode> {
    let mut nodes: Vec<ANode> = Vec::new();
    let mut index: HashMap<usize, usize> = HashMap::new();
    for node in doc.tree.root().descendants() {
        let key = std::ptr::from_ref(node.value()) as usize;
        let parent = node.parent().and_then(|p| {
            index
                .get(&(std::ptr::from_ref(p.value()) as usize))
                .copied()
        });
        let kind = match node.value() {
            Node::Text(t) => Kind::Text(t.to_string()),
            Node::Element(e) => Kind::Elem(make_elem(e)),
            _ => Kind::Other,
        };
        let i = nodes.len();
        nodes.push(ANode {
            parent,
            children: Vec::new(),
            kind,
        });
        if let Some(p) = parent
            && let Some(pn) = nodes.get_mut(p)
        {
            pn.children.push(i);
        }
        index.insert(key, i);
    }
    nodes
}

/// Whether each node is dropped or chrome, or inside such an element.
/// Dropped elements contribute nothing to the totals (their stats stay
/// zero), but a dropped element is also excluded here.
fn exclusions(nodes: &[ANode], chrome: &[Chrome]) -> Vec<bool> {
    let mut excluded = vec![false; nodes.len()];
    for (i, node) in nodes.iter().enumerate() {
        let own = match &node.kind {
            Kind::Elem(e) => e.dropped || chrome.get(i).copied() != Some(Chrome::No),
            _ => false,
        };
        let inherited = node
            .parent
            .and_then(|p| excluded.get(p).copied())
            .unwrap_or(false);
        if let Some(s) = excluded.get_mut(i) {
            *s = own || inherited;
        }
    }
    excluded
}

impl Arena {
    /// The page as an arena, with chrome decided and totals counted.
    fn build(doc: &Html) -> Arena {
        let nodes = flatten(doc);
        let Totals { clean, chrome, .. } = Totals::of(&nodes);
        let excluded = exclusions(&nodes, &chrome);
        Arena {
            nodes,
            chrome,
            clean,
            excluded,
        }
    }

    /// The children of node `i`.
    fn children(&self, i: usize) -> &[usize] {
        self.nodes
            .get(i)
            .map(|n| n.children.as_slice())
            .unwrap_or(&[])
    }

    fn elem(&self, i: usize) -> Option<&Elem> {
        match &self.nodes.get(i)?.kind {
            Kind::Elem(e) => Some(e),
            _ => None,
        }
    }

    fn tag(&self, i: usize) -> Option<&str> {
        self.elem(i).map(|e| e.tag.as_str())
    }

    fn stats(&self, i: usize) -> Stats {
        self.clean.get(i).copied().unwrap_or_default()
    }

    fn is_excluded(&self, i: usize) -> bool {
        self.excluded.get(i).copied().unwrap_or(true)
    }

    /// The element whose text is emitted (see module docs).
    fn choose_container(&self) -> usize {
        let body = (0..self.nodes.len())
            .find(|&i| self.tag(i) == Some("body"))
            .unwrap_or(0);
        let total = self.stats(body);
        // 1. A preferred container holding most of the signals.
        let mut best: Option<(u8, usize)> = None;
        for i in 0..self.nodes.len() {
            let Some(e) = self.elem(i) else { continue };
            if e.preferred == 0 || self.is_excluded(i) {
                continue;
            }
            let s = self.stats(i);
            let ok = if total.signals > 0 {
                s.signals * 2 >= total.signals
            } else {
                s.len > 0 && s.len * 2 >= total.len
            };
            if ok && best.is_none_or(|(p, _)| e.preferred < p) {
                best = Some((e.preferred, i));
            }
        }
        if let Some((_, i)) = best {
            return i;
        }
        if total.signals < 3 {
            return body;
        }
        // 2. The smallest element holding half of the signals…
        let need = total.signals.div_ceil(2);
        let mut core: Option<usize> = None;
        for i in 0..self.nodes.len() {
            if self.elem(i).is_none() || self.is_excluded(i) {
                continue;
            }
            let s = self.stats(i);
            if s.signals >= need && core.is_none_or(|c| s.len <= self.stats(c).len) {
                core = Some(i);
            }
        }
        let Some(mut cur) = core else { return body };
        // …widened while what the parent adds is not mostly links, and is
        // either short or about as dense in signals as what we have.
        while let Some(p) = self.nodes.get(cur).and_then(|n| n.parent) {
            if p == body || self.elem(p).is_none() || self.is_excluded(p) {
                break;
            }
            if matches!(self.tag(p), Some("html") | Some("body")) {
                break;
            }
            let (ps, cs) = (self.stats(p), self.stats(cur));
            let extra = ps.len.saturating_sub(cs.len);
            // Signals in links (menus, footers) do not count as policy text.
            let extra_sig = (ps.signals - ps.link_signals.min(ps.signals))
                .saturating_sub(cs.signals - cs.link_signals.min(cs.signals));
            let extra_links = ps.link_len.saturating_sub(cs.link_len);
            let few_links = extra_links.saturating_mul(2) <= extra;
            let short = extra <= 30;
            let dense = extra_sig.saturating_mul(cs.len).saturating_mul(2)
                >= cs.signals.saturating_mul(extra);
            if few_links && (short || dense) {
                cur = p;
            } else {
                break;
            }
        }
        cur
    }
}

// ---------------------------------------------------------------------------
// Emission.

/// Builds `innerText`-like text: collapses whitespace, places line breaks.
struct Emitter {
    out: String,
    /// Number of `\n` in `out`: the current line's 0-based number.
    lines: usize,
    pending_breaks: u8,
    pending_space: bool,
    /// 2 at top level (blank line after `p`), 1 inside table cells.
    max_breaks: u8,
    heading_depth: u32,
    /// The level of the heading element being written.
    heading_level: u8,
    pre_depth: u32,
    track_headings: bool,
    heading_levels: Vec<(usize, u8)>,
}

impl Emitter {
    fn new(max_breaks: u8, track_headings: bool) -> Emitter {
        Emitter {
            out: String::new(),
            lines: 0,
            pending_breaks: 0,
            pending_space: false,
            max_breaks,
            heading_depth: 0,
            heading_level: 0,
            pre_depth: 0,
            track_headings,
            heading_levels: Vec::new(),
        }
    }

    fn trailing_newlines(&self) -> u8 {
        let b = self.out.as_bytes();
        let n = b.len();
        if n >= 2 && b[n - 1] == b'\n' && b[n - 2] == b'\n' {
            2
        } else if n >= 1 && b[n - 1] == b'\n' {
            1
        } else {
            0
        }
    }

    fn push_newline(&mut self) {
        self.out.push('\n');
        self.lines += 1;
    }

    /// Writes pending line breaks before new content.
    fn flush_breaks(&mut self) {
        if self.pending_breaks > 0 {
            if !self.out.is_empty() {
                for _ in self.trailing_newlines()..self.pending_breaks {
                    self.push_newline();
                }
            }
            self.pending_breaks = 0;
            self.pending_space = false;
        }
    }

    fn put(&mut self, ch: char) {
        self.flush_breaks();
        if self.pending_space {
            self.pending_space = false;
            if !self.out.is_empty() && !self.out.ends_with(['\n', '\t', ' ']) {
                self.out.push(' ');
            }
        }
        if self.heading_depth > 0
            && self.track_headings
            && self.heading_levels.last().map(|h| h.0) != Some(self.lines)
        {
            self.heading_levels.push((self.lines, self.heading_level));
        }
        self.out.push(ch);
    }

    fn text(&mut self, s: &str) {
        if self.pre_depth > 0 {
            for ch in s.chars() {
                match ch {
                    '\n' => self.line_break(),
                    '\r' => {}
                    '\t' => self.put(' '),
                    c => self.put(c),
                }
            }
        } else {
            for ch in s.chars() {
                if matches!(ch, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                    self.pending_space = true;
                } else {
                    self.put(ch);
                }
            }
        }
    }

    /// A `<br>`: a newline that is not collapsed (but blank-line runs are).
    fn line_break(&mut self) {
        self.flush_breaks();
        self.pending_space = false;
        if !self.out.is_empty() && self.trailing_newlines() < self.max_breaks {
            self.push_newline();
        }
    }

    /// A block boundary needing `n` newlines (1: line break, 2: blank line).
    fn block(&mut self, n: u8) {
        self.pending_breaks = self.pending_breaks.max(n.min(self.max_breaks));
        self.pending_space = false;
    }

    /// Writes preformatted text (a table row) as is.
    fn raw(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.flush_breaks();
        self.pending_space = false;
        for ch in s.chars() {
            if ch == '\n' {
                self.push_newline();
            } else {
                self.out.push(ch);
            }
        }
    }
}

struct Ctx<'a> {
    arena: &'a Arena,
    keep_tag_chrome: bool,
}

enum Step {
    Open(usize),
    Close(usize),
}

impl Ctx<'_> {
    /// Whether an element inside the container is left out.
    fn skip(&self, e: &Elem, i: usize) -> bool {
        if e.dropped {
            return true;
        }
        match self.arena.chrome.get(i).copied().unwrap_or(Chrome::No) {
            Chrome::No => false,
            Chrome::SectionTag => !self.keep_tag_chrome,
            Chrome::Always => true,
        }
    }

    /// Emits the children of `root` (not `root`'s own block breaks).
    fn walk(&self, root: usize, em: &mut Emitter, table_depth: usize, budget: &mut usize) {
        let Some(node) = self.arena.nodes.get(root) else {
            return;
        };
        let mut stack: Vec<Step> = node.children.iter().rev().map(|&c| Step::Open(c)).collect();
        while let Some(step) = stack.pop() {
            match step {
                Step::Open(i) => {
                    let Some(node) = self.arena.nodes.get(i) else {
                        continue;
                    };
                    let e = match &node.kind {
                        Kind::Text(t) => {
                            em.text(t);
                            continue;
                        }
                        Kind::Other => continue,
                        Kind::Elem(e) => e,
                    };
                    if self.skip(e, i) {
                        continue;
                    }
                    match e.tag.as_str() {
                        "br" => {
                            em.line_break();
                            continue;
                        }
                        "table" if table_depth < MAX_TABLE_DEPTH => {
                            self.table(i, em, table_depth, budget);
                            continue;
                        }
                        "td" | "th" => em.text(" "),
                        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => em.block(2),
                        "pre" | "listing" | "xmp" | "plaintext" => {
                            em.block(1);
                            em.pre_depth += 1;
                        }
                        t if BLOCK_TAGS.contains(&t) => em.block(1),
                        _ => {}
                    }
                    if matches!(e.tag.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                        em.heading_depth += 1;
                        em.heading_level = e.tag.as_bytes()[1] - b'0';
                    }
                    stack.push(Step::Close(i));
                    stack.extend(node.children.iter().rev().map(|&c| Step::Open(c)));
                }
                Step::Close(i) => {
                    let Some(e) = self.arena.elem(i) else {
                        continue;
                    };
                    match e.tag.as_str() {
                        "p" => em.block(2),
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            em.heading_depth = em.heading_depth.saturating_sub(1);
                            em.block(2);
                        }
                        "pre" | "listing" | "xmp" | "plaintext" => {
                            em.pre_depth = em.pre_depth.saturating_sub(1);
                            em.block(1);
                        }
                        "td" | "th" => em.text(" "),
                        t if BLOCK_TAGS.contains(&t) => em.block(1),
                        _ => {}
                    }
                }
            }
        }
    }

    /// The text of a table cell or caption: lines, trimmed.
    fn cell_text(&self, i: usize, table_depth: usize, budget: &mut usize) -> String {
        let mut em = Emitter::new(1, false);
        self.walk(i, &mut em, table_depth + 1, budget);
        em.out.trim_matches(['\n', ' ']).to_string()
    }

    /// Emits a table, one row a line, spans expanded.
    fn table(&self, t: usize, em: &mut Emitter, table_depth: usize, budget: &mut usize) {
        let sep = if table_depth == 0 { "\t" } else { " " };
        let parts = self.table_parts(t, table_depth, budget);
        let rows = self.row_cells(&parts.rows, table_depth, budget);
        let grid = expand(&rows, budget);
        em.block(1);
        if !parts.caption.is_empty() {
            em.raw(&parts.caption);
            em.block(1);
        }
        emit_grid(em, grid, sep);
        em.block(1);
    }

    /// The caption's text and the rows of table `t`, including those of
    /// its `thead`, `tbody` and `tfoot`, in order.
    fn table_parts(&self, t: usize, table_depth: usize, budget: &mut usize) -> TableParts {
        let arena = self.arena;
        let mut parts = TableParts::default();
        for &c in arena.children(t) {
            let Some(e) = arena.elem(c) else { continue };
            if self.skip(e, c) {
                continue;
            }
            match e.tag.as_str() {
                "caption" => parts.caption = self.cell_text(c, table_depth, budget),
                "tr" => parts.rows.push(c),
                "thead" | "tbody" | "tfoot" => {
                    for &r in arena.children(c) {
                        if let Some(re) = arena.elem(r)
                            && re.tag == "tr"
                            && !self.skip(re, r)
                        {
                            parts.rows.push(r);
                        }
                    }
                }
                _ => {}
            }
        }
        parts
    }

    /// The cells of each row: (text, colspan, rowspan).
    fn row_cells(
        &self,
        row_ids: &[usize],
        table_depth: usize,
        budget: &mut usize,
    ) -> Vec<Vec<(Rc<str>, usize, usize)>> {
        let arena = self.arena;
        let mut rows: Vec<Vec<(Rc<str>, usize, usize)>> = Vec::with_capacity(row_ids.len());
        for &r in row_ids {
            let mut cells = Vec::new();
            for &c in arena.children(r) {
                let Some(e) = arena.elem(c) else { continue };
                if !matches!(e.tag.as_str(), "td" | "th") || self.skip(e, c) {
                    continue;
                }
                let text: Rc<str> = Rc::from(self.cell_text(c, table_depth, budget));
                cells.push((text, e.colspan, e.rowspan));
            }
            rows.push(cells);
        }
        rows
    }
}

/// A table's caption and rows, before their cells are read.
#[derive(Debug, Default)]
struct TableParts {
    /// The caption's text; empty when there is none.
    caption: String,
    /// The row elements, in order.
    rows: Vec<usize>,
}

/// Emits the rows of a grid, one a line, its cells joined by `sep` and
/// padded to the widest row; rows of empty cells are left out.
fn emit_grid(em: &mut Emitter, grid: Vec<Vec<Rc<str>>>, sep: &str) {
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    for line in grid {
        if line.iter().all(|c| c.is_empty()) {
            continue;
        }
        let mut s = String::new();
        for k in 0..width {
            if k > 0 {
                s.push_str(sep);
            }
            if let Some(c) = line.get(k) {
                s.push_str(c);
            }
        }
        em.raw(&s);
        em.block(1);
    }
}

/// Expands row and column spans into a grid of cell texts. Copies beyond the
/// first are charged to `budget` (bytes); once it is spent they are empty.
fn expand(rows: &[Vec<(Rc<str>, usize, usize)>], budget: &mut usize) -> Vec<Vec<Rc<str>>> {
    let empty: Rc<str> = Rc::from("");
    let n_rows = rows.len();
    // Per column: text still spanning down, and how many more rows.
    let mut pending: Vec<Option<(Rc<str>, usize)>> = Vec::new();
    let mut grid = Vec::with_capacity(n_rows);
    for (r, row) in rows.iter().enumerate() {
        let mut line: Vec<Rc<str>> = Vec::new();
        let mut col = 0usize;
        for (text, colspan, rowspan) in row {
            while take_pending(&mut pending, col, &mut line, budget, &empty) {
                col += 1;
            }
            if col >= MAX_COLS {
                break;
            }
            let cs = (*colspan).clamp(1, MAX_COLS - col);
            let rows_left = n_rows - r;
            let rs = if *rowspan == 0 {
                rows_left
            } else {
                (*rowspan).min(rows_left)
            }
            .max(1);
            for k in 0..cs {
                let t = if k == 0 {
                    text.clone()
                } else {
                    charge(text, budget, &empty)
                };
                if rs > 1 {
                    if pending.len() <= col {
                        pending.resize(col + 1, None);
                    }
                    if let Some(slot) = pending.get_mut(col) {
                        *slot = Some((t.clone(), rs - 1));
                    }
                }
                line.push(t);
                col += 1;
            }
        }
        // Spans from above to the right of the last cell.
        if let Some(last) = pending.iter().rposition(Option::is_some) {
            while col <= last {
                if !take_pending(&mut pending, col, &mut line, budget, &empty) {
                    line.push(empty.clone());
                }
                col += 1;
            }
        }
        grid.push(line);
    }
    grid
}

/// A copy of `text`, charged to `budget`; empty once the budget is spent.
fn charge(text: &Rc<str>, budget: &mut usize, empty: &Rc<str>) -> Rc<str> {
    if *budget >= text.len() {
        *budget -= text.len();
        text.clone()
    } else {
        empty.clone()
    }
}

/// Places the text spanning down into `col`, if any.
fn take_pending(
    pending: &mut [Option<(Rc<str>, usize)>],
    col: usize,
    line: &mut Vec<Rc<str>>,
    budget: &mut usize,
    empty: &Rc<str>,
) -> bool {
    let Some(slot) = pending.get_mut(col) else {
        return false;
    };
    let Some((text, left)) = slot.take() else {
        return false;
    };
    line.push(charge(&text, budget, empty));
    if left > 1 {
        *slot = Some((text, left - 1));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(h: &HtmlText) -> Vec<&str> {
        h.text.lines().collect()
    }

    fn page(body: &str) -> String {
        format!(
            "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>개인정보처리방침</title>\
             <style>body {{ color: red }}</style></head><body>{body}</body></html>"
        )
    }

    #[test]
    fn chrome_is_left_out() {
        let html = page(
            r##"<div id="skipNav"><a href="#contents">본문 바로가기</a></div>
            <header id="header"><h1 class="logo"><a href="/"><img src="logo.png" alt="중구청"></a></h1>
              <nav id="gnb"><ul><li><a href="#">열린구청장</a></li><li><a href="#">개인정보처리방침</a></li></ul></nav></header>
            <div id="container">
              <div id="lnb"><h2>이용안내</h2><ul><li>개인정보처리방침</li><li>저작권정책</li></ul></div>
              <div id="contents">
                <div class="location">HOME &gt; 이용안내 &gt; 개인정보처리방침</div>
                <h2>개인정보 처리방침</h2>
                <p>중구는 개인정보를 보호합니다.</p>
                <h3>제1조 개인정보의 처리 목적</h3>
                <p>① 중구는 다음의 목적을 위해 처리합니다.</p>
                <div class="satisfaction">이 페이지에 만족하십니까?</div>
              </div>
            </div>
            <footer id="footer"><address>서울특별시 중구 창경궁로 17</address><p class="copyright">COPYRIGHT (C) JUNG-GU</p></footer>
            <script>alert("개인정보 처리방침 책임자");</script>"##,
        );
        let out = html_to_text(&html);
        assert_eq!(
            lines(&out),
            vec![
                "개인정보 처리방침",
                "",
                "중구는 개인정보를 보호합니다.",
                "",
                "제1조 개인정보의 처리 목적",
                "",
                "① 중구는 다음의 목적을 위해 처리합니다.",
            ],
            "{}",
            out.text
        );
        assert_eq!(out.heading_lines(), vec![0, 4]);
    }

    #[test]
    fn container_found_by_signals_without_ids() {
        let html = page(
            r##"<div><div><a href="/">홈</a> <a href="/privacy">개인정보처리방침</a> <a href="/a">저작권</a></div>
            <div><div><h2>개인정보 처리방침</h2>
              <div><p>제1조(목적) 개인정보를 처리합니다.</p><p>제2조(책임자) 개인정보 보호책임자는 다음과 같습니다.</p>
              <p>개인정보 처리방침은 개인정보 보호법을 따릅니다.</p></div></div></div>
            <div>주소: 서울특별시 중구 | 전화 02-000-0000</div></div>"##,
        );
        let out = html_to_text(&html);
        assert_eq!(
            lines(&out),
            vec![
                "개인정보 처리방침",
                "",
                "제1조(목적) 개인정보를 처리합니다.",
                "",
                "제2조(책임자) 개인정보 보호책임자는 다음과 같습니다.",
                "",
                "개인정보 처리방침은 개인정보 보호법을 따릅니다.",
            ],
            "{}",
            out.text
        );
        assert_eq!(out.heading_lines(), vec![0]);
    }

    #[test]
    fn rowspan_is_expanded_in_trustee_table() {
        let html = page(
            r##"<main><table><thead><tr><th>시스템명</th><th>수탁업체</th><th>위탁업무</th></tr></thead>
            <tbody><tr><td rowspan="3">새올행정시스템</td><td>(주)가나</td><td>유지보수</td></tr>
            <tr><td>(주)다라</td><td>보안관제</td></tr>
            <tr><td>(주)마바</td><td>백업</td></tr>
            <tr><td>홈페이지</td><td>(주)사아</td><td>운영</td></tr></tbody></table></main>"##,
        );
        let out = html_to_text(&html);
        assert_eq!(
            lines(&out),
            vec![
                "시스템명\t수탁업체\t위탁업무",
                "새올행정시스템\t(주)가나\t유지보수",
                "새올행정시스템\t(주)다라\t보안관제",
                "새올행정시스템\t(주)마바\t백업",
                "홈페이지\t(주)사아\t운영",
            ]
        );
    }

    #[test]
    fn trailing_rowspan_column_fills_every_row() {
        let html = page(
            r##"<main><table><tr><th>구분</th><th>성명</th><th>연락처</th></tr>
            <tr><td>책임자</td><td>홍길동</td><td rowspan="2">02-123-4567<br>privacy@example.go.kr</td></tr>
            <tr><td>담당자</td><td>김철수</td></tr></table></main>"##,
        );
        let out = html_to_text(&html);
        assert_eq!(
            out.text,
            "구분\t성명\t연락처\n책임자\t홍길동\t02-123-4567\nprivacy@example.go.kr\n\
             담당자\t김철수\t02-123-4567\nprivacy@example.go.kr"
        );
    }

    #[test]
    fn colspan_repeats_and_rows_are_padded() {
        let html = page(
            r##"<main><table><tr><th colspan="2">보호책임자</th><th>비고</th></tr>
            <tr><td>부서</td><td>정보통신과</td></tr>
            <tr><td colspan="0">전체</td><td>x</td><td>y</td></tr></table></main>"##,
        );
        let out = html_to_text(&html);
        assert_eq!(
            lines(&out),
            vec![
                "보호책임자\t보호책임자\t비고",
                "부서\t정보통신과\t",
                "전체\tx\ty"
            ]
        );
    }

    #[test]
    fn br_and_p_inside_cells_are_newlines() {
        let html = page(
            r##"<main><table><tr><td><p>전화 : 02-1</p><p>메일 : a@b.kr</p></td><td>x<br/>y<br>  </td></tr></table></main>"##,
        );
        let out = html_to_text(&html);
        assert_eq!(out.text, "전화 : 02-1\n메일 : a@b.kr\tx\ny");
    }

    #[test]
    fn nested_table_flattens_into_cell() {
        let html = page(
            r##"<main><table><tr><td>바깥</td><td><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></td></tr></table></main>"##,
        );
        let out = html_to_text(&html);
        assert_eq!(out.text, "바깥\ta b\nc d");
    }

    #[test]
    fn hidden_script_style_controls_dropped_entities_unescaped() {
        let html = page(
            r##"<main><h3>제1조&nbsp;(목적)</h3><script>var a = "<p>x</p>";</script><style>.a{}</style>
            <p>A &amp; B &lt;C&gt; &#54620;&#xAE00; <span class="blind">새창열림</span></p>
            <p hidden>숨김</p><div style="DISPLAY: none">숨김2</div><noscript>자바스크립트</noscript>
            <form><label>검색</label><input value="x"><select><option>1</option></select><button>확인</button></form>
            <p>끝 <img src="a.png" alt="그림"></p><template><p>틀</p></template></main>"##,
        );
        let out = html_to_text(&html);
        assert_eq!(
            lines(&out),
            vec![
                "제1조\u{a0}(목적)",
                "",
                "A & B <C> 한글",
                "",
                "검색",
                "",
                "끝"
            ],
            "{}",
            out.text
        );
        assert_eq!(out.heading_lines(), vec![0]);
    }

    #[test]
    fn whitespace_is_collapsed_and_blank_runs_limited() {
        let html = page(
            "<main>\n  <div>  가  <b>나</b>\n다 </div><br><br><br><p>라</p>\n<pre>  a\n   b</pre></main>",
        );
        let out = html_to_text(&html);
        assert_eq!(out.text, "가 나 다\n\n라\n\n  a\n   b");
    }

    #[test]
    fn heading_with_br_reports_each_line() {
        let html = page("<main><p>앞</p><h2>개인정보<br>처리방침</h2><p>뒤</p></main>");
        let out = html_to_text(&html);
        assert_eq!(
            lines(&out),
            vec!["앞", "", "개인정보", "처리방침", "", "뒤"]
        );
        assert_eq!(out.heading_lines(), vec![2, 3]);
    }

    #[test]
    fn content_header_class_is_not_chrome() {
        let html = page(
            r##"<div id="contents"><div class="content_header"><h2>개인정보처리방침</h2></div><p>제1조 본문</p></div>"##,
        );
        let out = html_to_text(&html);
        assert_eq!(lines(&out), vec!["개인정보처리방침", "", "제1조 본문"]);
    }

    #[test]
    fn header_tag_inside_article_is_kept() {
        let html = page(
            r##"<header><nav>메뉴</nav></header><article><header><h1>개인정보 처리방침</h1></header><p>제1조 목적</p><footer>시행 2024. 1. 1.</footer></article><footer>주소</footer>"##,
        );
        let out = html_to_text(&html);
        assert_eq!(
            lines(&out),
            vec![
                "개인정보 처리방침",
                "",
                "제1조 목적",
                "",
                "시행 2024. 1. 1."
            ]
        );
    }

    #[test]
    fn no_signals_falls_back_to_body_without_chrome() {
        let html = page("<header>머리</header><div>본문</div><footer>바닥</footer>");
        assert_eq!(html_to_text(&html).text, "본문");
        assert_eq!(html_to_text("").text, "");
        assert_eq!(html_to_text("그냥 글").text, "그냥 글");
    }

    #[test]
    fn hostile_inputs_do_not_panic() {
        // (html5ever is quadratic in nesting depth: keep this modest.)
        let deep = "<div>".repeat(3_000) + "제1조 개인정보" + &"</div>".repeat(3_000);
        assert!(html_to_text(&deep).text.contains("제1조"));
        let tables = "<table><tr><td>".repeat(300) + "x";
        assert!(html_to_text(&tables).text.contains('x'));
        let spans = format!(
            "<table>{}</table>",
            "<tr><td colspan=99999 rowspan=99999>abcdefghij</td></tr>".repeat(50)
        );
        let out = html_to_text(&spans);
        assert!(out.text.len() < 40 << 20);
        for s in [
            "<",
            "<table><td rowspan=-1>",
            "<tr><td>",
            "</p></p><br/>",
            "<a\u{0}>",
            "<p>\u{feff}",
        ] {
            let _ = html_to_text(s);
        }
    }

    /// The hand-written fixture pages in `tests/fixtures/html/` mirror seeds.
    const JUNGGU: &str = include_str!("../../../tests/fixtures/html/seoul-junggu.html");
    const POLL: &str = include_str!("../../../tests/fixtures/html/seoul-poll.html");
    const NAMYANGJU: &str = include_str!("../../../tests/fixtures/html/namyangju.html");

    #[test]
    fn fixture_junggu_chrome_out_rowspans_expanded() {
        assert!(looks_like_html(JUNGGU));
        let out = html_to_text(JUNGGU);
        let l = lines(&out);
        assert_eq!(l.first(), Some(&"중 구 개 인 정 보 처 리 방 침"));
        for chrome in [
            "본문 바로가기",
            "열린구청장",
            "HOME",
            "저작권정책",
            "창경궁로",
            "COPYRIGHT",
            "만족하십니까",
            "_gaq",
            "새창열림",
        ] {
            assert!(!out.text.contains(chrome), "{chrome}");
        }
        // 강민정 spans rows 9-12 in two columns; 비고 (empty) spans all rows.
        assert!(l.contains(&"11\t사회복지과\t남산실버복지센터 위탁 운영\t강민정\t02-3396-5362\t동행연우회\t이름, 주소, 주민등록번호, 연락처 등 개인정보 일체\t"));
        assert!(l.contains(&"17\t복지지원과\t보훈회관 운영\t문예지\t02-3396-5302\t보훈회관운영협의회\t이름, 핸드폰번호, 주소, 주민등록번호\t"));
        let trustee_rows = l.iter().filter(|x| x.split('\t').count() == 8).count();
        assert_eq!(trustee_rows, 21);
        let headings: Vec<&str> = out
            .heading_lines()
            .iter()
            .filter_map(|&i| l.get(i).copied())
            .collect();
        assert_eq!(headings.len(), 12);
        assert_eq!(headings.get(1), Some(&"제1조 개인정보의 처리 목적 및 항목"));
        assert_eq!(headings.last(), Some(&"제11조 개인정보 처리방침의 변경"));
    }

    #[test]
    fn fixture_seoul_poll_colspan_rowspan_br() {
        let out = html_to_text(POLL);
        let l = lines(&out);
        assert_eq!(l.first(), Some(&"개인정보 처리방침"));
        let label = "주요 개인정보 처리 표시(라벨링)";
        assert!(l.contains(&format!("{label}\t{label}\t{label}").as_str()));
        assert!(out.text.contains(
            "2\t개인정보 보호담당자\t정보시스템담당관\t강지원\t주무관\t* 정보시스템담당관(개인정보보호팀)\n- 전 화 : 02-2133-2971~2\n"
        ));
        for hidden in [
            "진행중인 조사",
            "이 누리집은",
            "2023.05.26. 시행",
            "열람 요구서 양식",
            "이전 방침 미리보기",
            "TOP",
            "세종대로",
            "자바스크립트",
        ] {
            assert!(!out.text.contains(hidden), "{hidden}");
        }
        assert_eq!(
            l.last(),
            Some(&"2023.05.26. ~ 2024.01.31. (클릭 <서울시 여론조사 시스템> 개인정보 처리방침)")
        );
        assert_eq!(out.heading_lines().len(), 15);
    }

    #[test]
    fn fixture_namyangju_layout_tables_found_by_signals() {
        let out = html_to_text(NAMYANGJU);
        let l = lines(&out);
        assert_eq!(l.first(), Some(&"남양주시 개인정보 처리방침"));
        assert_eq!(
            l.last(),
            Some(&"한국인터넷진흥원 개인정보침해신고센터 : (http://1336.or.kr)")
        );
        for chrome in [
            "시정소식",
            "HOME",
            "저작권보호정책",
            "경춘로",
            "Copyright",
            "MM_swapImage",
        ] {
            assert!(!out.text.contains(chrome), "{chrome}");
        }
        assert_eq!(out.heading_lines().len(), 12);
    }

    #[test]
    fn html_is_recognised() {
        assert!(looks_like_html("\u{feff}<!DOCTYPE html><html>"));
        assert!(looks_like_html(
            "<!-- saved from url=(0040)http://x -->\n<html>"
        ));
        assert!(looks_like_html("  <HTML><body>"));
        assert!(looks_like_html("<div id=\"contents\"><p>제1조</p></div>"));
        assert!(!looks_like_html(
            "개인정보 처리방침\n\n제1조 (목적)\n< 목 차 >\n<small>※</small>"
        ));
        assert!(!looks_like_html(""));
    }
}
