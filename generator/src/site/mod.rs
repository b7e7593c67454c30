//! `bangchim build`: `content/` → a static site, written atomically.
//!
//! The pages are minijinja templates looked up in the site's own
//! `templates/`, then the theme's (`themes/<name>/templates/`), then the
//! default theme compiled into the binary; static files likewise from
//! `static/`, the theme's `static/`, then the built-ins. Templates receive
//! the view structs of [`views`], never the model.

pub mod config;
pub mod export;
pub mod feeds;
pub mod findings;
pub mod josa;
pub mod links;
pub mod versions;
pub mod views;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use minijinja::Environment;
use serde::Serialize;

pub use config::{CONFIG_FILE, Config};
use views::{Crumb, SiteView};

use crate::content::{ContentError, read_content};
use crate::model::Agency;

/// The Content-Security-Policy every page states (in a `<meta>`) and
/// `bangchim serve` sends: scripts and styles only from the site itself,
/// WebAssembly compiled (by the search worker), nothing embedded.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";

/// Errors of a site build.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// The content or the configuration is invalid.
    #[error(transparent)]
    Content(#[from] ContentError),
    /// A template failed to load or render.
    #[error("template {name}: {message}")]
    Template {
        /// The template's name.
        name: String,
        /// minijinja's explanation, with line.
        message: String,
    },
    /// The Korean dictionary could not be loaded.
    #[error("Korean analysis: {0}")]
    Analysis(#[from] crate::analysis::AnalysisError),
    /// The search index could not be written.
    #[error(transparent)]
    Index(#[from] crate::index::IndexError),
    /// Output could not be written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SiteError + '_ {
    move |source| SiteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The default theme's templates, compiled in.
const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../../themes/default/templates/base.html"),
    ),
    (
        "macros.html",
        include_str!("../../../themes/default/templates/macros.html"),
    ),
    (
        "index.html",
        include_str!("../../../themes/default/templates/index.html"),
    ),
    (
        "policy.html",
        include_str!("../../../themes/default/templates/policy.html"),
    ),
    (
        "trustees.html",
        include_str!("../../../themes/default/templates/trustees.html"),
    ),
    (
        "contacts.html",
        include_str!("../../../themes/default/templates/contacts.html"),
    ),
    (
        "compare.html",
        include_str!("../../../themes/default/templates/compare.html"),
    ),
    (
        "compare_category.html",
        include_str!("../../../themes/default/templates/compare_category.html"),
    ),
    (
        "compliance.html",
        include_str!("../../../themes/default/templates/compliance.html"),
    ),
    (
        "changes.html",
        include_str!("../../../themes/default/templates/changes.html"),
    ),
    (
        "search.html",
        include_str!("../../../themes/default/templates/search.html"),
    ),
    (
        "data.html",
        include_str!("../../../themes/default/templates/data.html"),
    ),
    (
        "404.html",
        include_str!("../../../themes/default/templates/404.html"),
    ),
];

/// The default theme's static files, compiled in.
const BUILTIN_STATIC: &[(&str, &str)] = &[
    (
        "style.css",
        include_str!("../../../themes/default/static/style.css"),
    ),
    (
        "search.js",
        include_str!("../../../themes/default/static/search.js"),
    ),
    (
        "search-worker.js",
        include_str!("../../../themes/default/static/search-worker.js"),
    ),
    (
        "filter.js",
        include_str!("../../../themes/default/static/filter.js"),
    ),
    (
        "favicon.svg",
        include_str!("../../../themes/default/static/favicon.svg"),
    ),
];

/// What to build, from where, to where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root: holds `bangchim.toml`, `content/`, maybe `themes/`,
    /// `templates/`, `static/`.
    pub root: PathBuf,
    /// The output folder (replaced atomically).
    pub out: PathBuf,
    /// Use this base URL instead of the configured one (`serve`).
    pub base_url: Option<String>,
    /// Add the live-reload script to every page, and remove the previous
    /// output in the background (`serve`).
    pub live_reload: bool,
    /// Show a progress bar (only on a terminal).
    pub progress: bool,
    /// Write `.br`/`.gz` siblings of what search fetches (off for `serve`,
    /// whose local server needs none).
    pub precompress: bool,
    /// Write the search index and the browser searcher (off for `check`,
    /// which reads only the pages).
    pub search: bool,
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Files written.
    pub files: usize,
    /// HTML pages among them.
    pub pages: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Bytes of text analysed for the search index.
    pub text_bytes: usize,
    /// Documents in the search index.
    pub documents: usize,
    /// Wall time.
    pub elapsed: Duration,
}

/// The loaded site: configuration and content.
#[derive(Debug, Clone)]
pub struct Site {
    /// Settings.
    pub config: Config,
    /// Agencies, sorted by slug.
    pub agencies: Vec<Agency>,
}

impl Site {
    /// Loads `bangchim.toml` and `content/` from `root`.
    pub fn load(root: &Path) -> Result<Site, SiteError> {
        let config = Config::load(root)?;
        let agencies = read_content(&root.join("content"))?;
        Ok(Site { config, agencies })
    }
}

/// The template environment: site templates, theme templates, built-ins.
fn environment(root: &Path, theme: &str) -> Environment<'static> {
    let mut env = Environment::new();
    let dirs = [
        root.join("templates"),
        root.join("themes").join(theme).join("templates"),
    ];
    env.set_loader(move |name| {
        if name.contains("..") || name.starts_with('/') {
            return Ok(None);
        }
        for dir in &dirs {
            let path = dir.join(name);
            if path.is_file() {
                return fs::read_to_string(&path).map(Some).map_err(|e| {
                    minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        format!("{}: {e}", path.display()),
                    )
                });
            }
        }
        Ok(BUILTIN_TEMPLATES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.to_string()))
    });
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.add_filter("josa", |word: String, pair: String| {
        josa::josa(&word, &pair)
    });
    // HTML-escape strings as the HTML standard needs (`& < > " '`), leaving
    // `/` readable in URLs; everything else as minijinja does.
    env.set_formatter(
        |out, state, value| match (state.auto_escape(), value.as_str()) {
            (minijinja::AutoEscape::Html, Some(s)) if !value.is_safe() => out
                .write_str(&bangchim_core::search::escape_html(s))
                .map_err(|e| {
                    minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "writing output")
                        .with_source(e)
                }),
            _ => minijinja::escape_formatter(out, state, value),
        },
    );
    env
}

/// Meta data of one page.
#[derive(Debug, Clone, Serialize)]
struct PageMeta {
    title: String,
    /// Path relative to the base (`seoul/poll/`), empty for home.
    path: String,
    crumbs: Vec<Crumb>,
    description: String,
}

/// Renders pages into a folder.
struct Renderer<'a> {
    env: Environment<'static>,
    site: SiteView,
    out: &'a Path,
    files: BTreeMap<String, usize>,
    bytes: u64,
    pages: Vec<String>,
    progress: Option<indicatif::ProgressBar>,
}

impl Renderer<'_> {
    fn write(&mut self, rel: &str, body: &[u8]) -> Result<(), SiteError> {
        let path = self.out.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        fs::write(&path, body).map_err(io(&path))?;
        self.files.insert(rel.to_string(), body.len());
        self.bytes += body.len() as u64;
        Ok(())
    }

    fn page<T: Serialize>(
        &mut self,
        template: &str,
        meta: PageMeta,
        data: &T,
    ) -> Result<(), SiteError> {
        let tmpl = self
            .env
            .get_template(template)
            .map_err(|e| SiteError::Template {
                name: template.to_string(),
                message: format!("{e:#}"),
            })?;
        let html = tmpl
            .render(minijinja::context! { site => &self.site, page => &meta, data => data })
            .map_err(|e| SiteError::Template {
                name: template.to_string(),
                message: format!("{e:#}"),
            })?;
        let rel = if meta.path.is_empty() || meta.path.ends_with('/') {
            format!("{}index.html", meta.path)
        } else {
            meta.path.clone()
        };
        self.write(&rel, html.as_bytes())?;
        if template != "404.html" {
            self.pages.push(meta.path.clone());
        }
        if let Some(p) = &self.progress {
            p.inc(1);
        }
        Ok(())
    }
}

fn crumbs(items: &[(&str, &str)]) -> Vec<Crumb> {
    std::iter::once(Crumb {
        label: "홈".into(),
        url: String::new(),
    })
    .chain(items.iter().map(|(l, u)| Crumb {
        label: l.to_string(),
        url: u.to_string(),
    }))
    .collect()
}

/// Builds the site into `options.out`, replacing it only when the whole
/// build succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildReport, SiteError> {
    let started = Instant::now();
    let site = Site::load(&options.root)?;
    let parent = options
        .out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    fs::create_dir_all(&parent).map_err(io(&parent))?;
    let staging = tempfile::Builder::new()
        .prefix(".bangchim-build-")
        .tempdir_in(&parent)
        .map_err(io(&parent))?;
    // Pages and the search index are independent: one thread each.
    let (report, search) = std::thread::scope(|scope| {
        let search = scope.spawn(|| -> Result<_, SiteError> {
            if !options.search {
                return Ok(None);
            }
            let (analyzer, cache) = analyzer()?;
            Ok(Some(crate::index::write_search(
                &site.agencies,
                analyzer,
                &cache,
                staging.path(),
                options.precompress,
            )?))
        });
        let report = render_site(&site, options, staging.path());
        let search = search.join().expect("the indexing thread does not panic");
        (report, search)
    });
    let (report, search) = (report?, search?);
    if options.search {
        copy_searcher(staging.path())?;
    }
    if options.precompress {
        precompress(staging.path(), search.as_ref())?;
    }
    publish(staging, &options.out, options.live_reload)?;
    Ok(BuildReport {
        elapsed: started.elapsed(),
        text_bytes: search.as_ref().map_or(0, |s| s.text_bytes),
        documents: search.as_ref().map_or(0, |s| s.documents),
        ..report
    })
}

/// Precompressed siblings of what a browser fetches for search, besides
/// the `.gz` of the index's blocks, which the index wrote with them (see
/// [`crate::compress::write_gzip`]): the theme's scripts and style at
/// brotli's quality 9; the blocks every query reads (`search`'s preload)
/// and the single files a first query may read (manifest, vocabulary,
/// initials) at brotli's best; the lexicon's chunks at quality 5 (a
/// national lexicon is megabytes, and at 11 it would take seconds more
/// of the build for a sixth fewer bytes).
fn precompress(
    staging: &Path,
    search: Option<&crate::index::SearchReport>,
) -> Result<(), SiteError> {
    let search_dir = staging.join(bangchim_core::schema::SEARCH_DIR);
    let blocks = search_dir.join("index");
    let lexicon = search_dir.join("lexicon");
    let preload: HashSet<&str> = search
        .map(|s| s.preload.iter().map(String::as_str).collect())
        .unwrap_or_default();
    crate::compress::compress_tree(&search_dir, &|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if p.starts_with(&blocks) {
            preload.contains(name).then_some(11)
        } else if p.starts_with(&lexicon) {
            Some(5)
        } else {
            (!name.ends_with(".html")).then_some(11)
        }
    })
    .map_err(io(&search_dir))?;
    let static_dir = staging.join("static");
    for f in ["style.css", "search.js", "search-worker.js", "filter.js"] {
        crate::compress::write_siblings(&static_dir.join(f), 9).map_err(io(&static_dir))?;
    }
    Ok(())
}

/// The browser searcher, embedded in the binary, into the site.
fn copy_searcher(staging: &Path) -> Result<(), SiteError> {
    let target = staging.join("static").join("search");
    crate::searcher::write_bundle(&target).map_err(io(&target))
}

/// The ko-dic analyser and its run cache, loaded once per process and
/// shared by every build in it (`serve` rebuilds analyse only new text).
fn analyzer() -> Result<
    (
        Arc<crate::analysis::KoDicAnalyzer>,
        Arc<crate::index::RunCache>,
    ),
    SiteError,
> {
    type Loaded = (
        Arc<crate::analysis::KoDicAnalyzer>,
        Arc<crate::index::RunCache>,
    );
    static LOADED: std::sync::OnceLock<Loaded> = std::sync::OnceLock::new();
    if let Some((analyzer, cache)) = LOADED.get() {
        return Ok((analyzer.clone(), cache.clone()));
    }
    let analyzer = Arc::new(crate::analysis::KoDicAnalyzer::embedded()?);
    let (analyzer, cache) =
        LOADED.get_or_init(|| (analyzer, Arc::new(crate::index::RunCache::default())));
    Ok((analyzer.clone(), cache.clone()))
}

/// Drops the analyses kept by earlier builds in this process, so that the
/// next build analyses everything again (for measuring a cold build).
pub fn forget_analyses() {
    if let Ok((_, cache)) = analyzer() {
        cache.clear();
    }
}

/// Swaps the staged output into place: the old output is moved aside, the
/// new one renamed in, the old one removed.
/// With `background`, the old output is removed on another thread after the
/// swap (for `serve`, whose process outlives it and whose output lives in a
/// scratch folder).
fn publish(staging: tempfile::TempDir, out: &Path, background: bool) -> Result<(), SiteError> {
    static SWAPS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let staged = staging.keep();
    if out.exists() {
        let old = out.with_file_name(format!(
            ".{}-old-{}-{}",
            out.file_name().and_then(|n| n.to_str()).unwrap_or("public"),
            std::process::id(),
            SWAPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        fs::rename(out, &old).map_err(io(out))?;
        fs::rename(&staged, out).map_err(io(out))?;
        if background {
            std::thread::spawn(move || {
                let _ = fs::remove_dir_all(&old);
            });
        } else {
            fs::remove_dir_all(&old).map_err(io(&old))?;
        }
    } else {
        fs::rename(&staged, out).map_err(io(out))?;
    }
    Ok(())
}

fn static_files(root: &Path, theme: &str) -> Result<BTreeMap<String, Vec<u8>>, SiteError> {
    let mut files: BTreeMap<String, Vec<u8>> = BUILTIN_STATIC
        .iter()
        .map(|(n, c)| (n.to_string(), c.as_bytes().to_vec()))
        .collect();
    for dir in [
        root.join("themes").join(theme).join("static"),
        root.join("static"),
    ] {
        if !dir.is_dir() {
            continue;
        }
        let mut stack = vec![dir.clone()];
        while let Some(d) = stack.pop() {
            for entry in fs::read_dir(&d).map_err(io(&d))? {
                let path = entry.map_err(io(&d))?.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path
                        .strip_prefix(&dir)
                        .expect("under dir")
                        .to_string_lossy()
                        .replace('\\', "/");
                    files.insert(rel, fs::read(&path).map_err(io(&path))?);
                }
            }
        }
    }
    Ok(files)
}

fn render_site(site: &Site, options: &BuildOptions, out: &Path) -> Result<BuildReport, SiteError> {
    let config = &site.config;
    let base_url = options
        .base_url
        .clone()
        .unwrap_or_else(|| config.base_url.clone());
    let agencies = &site.agencies;
    let (compare_index, compare_pages) = views::compare(agencies);
    let mut r = renderer(site, options, out, &base_url, compare_pages.len());
    // Each privacy policy judged once, for every page and export.
    let assessments = crate::compliance::Assessments::of(agencies);
    render_policies(&mut r, config, agencies, &assessments)?;
    render_history(&mut r, agencies)?;
    render_directories(
        &mut r,
        agencies,
        &assessments,
        &compare_index,
        &compare_pages,
    )?;
    write_exports(&mut r, config, agencies, &assessments, &base_url)?;
    for (name, bytes) in static_files(&options.root, &config.theme)? {
        r.write(&format!("static/{name}"), &bytes)?;
    }
    write_sitemap(&mut r, &base_url)?;
    if let Some(p) = &r.progress {
        p.finish_and_clear();
    }
    Ok(BuildReport {
        files: r.files.len(),
        pages: r.pages.len() + 1,
        bytes: r.bytes,
        text_bytes: 0,
        documents: 0,
        elapsed: Duration::ZERO,
    })
}

/// The renderer of one build, with a progress bar on a terminal.
fn renderer<'a>(
    site: &Site,
    options: &BuildOptions,
    out: &'a Path,
    base_url: &str,
    compare_pages: usize,
) -> Renderer<'a> {
    let config = &site.config;
    let agencies = &site.agencies;
    let pages: usize = agencies
        .iter()
        .flat_map(|a| &a.policies)
        .map(|p| 1 + 2 * p.history.len())
        .sum();
    let total = 8 + pages + compare_pages;
    let progress =
        (options.progress && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none())
            .then(|| {
                let bar = indicatif::ProgressBar::new(total as u64);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{spinner} {pos}/{len} 페이지 {wide_bar} {elapsed}",
                    )
                    .expect("valid progress template"),
                );
                bar
            });
    let effective = Config {
        base_url: base_url.to_string(),
        ..config.clone()
    };
    Renderer {
        env: environment(&options.root, &config.theme),
        site: SiteView {
            title: config.title.clone(),
            base: effective.base_path(),
            base_url: base_url.to_string(),
            lang: config.language.clone(),
            official: config.official,
            operator: config.operator.clone(),
            live_reload: options.live_reload,
            searcher: views::SearcherFiles::embedded(),
            csp: CONTENT_SECURITY_POLICY,
        },
        out,
        files: BTreeMap::new(),
        bytes: 0,
        pages: Vec::new(),
        progress,
    }
}

/// The home page and every policy's page.
fn render_policies(
    r: &mut Renderer,
    config: &Config,
    agencies: &[Agency],
    assessments: &crate::compliance::Assessments,
) -> Result<(), SiteError> {
    let home = views::home(agencies, assessments);
    r.page(
        "index.html",
        PageMeta {
            title: config.title.clone(),
            path: String::new(),
            crumbs: Vec::new(),
            description: format!(
                "{}개 기관, {}개 개인정보 처리방침을 한곳에서 읽고 검색합니다.",
                home.agency_count, home.policy_count
            ),
        },
        &home,
    )?;
    for a in agencies {
        for p in &a.policies {
            let mut view = views::policy(a, p);
            view.missing = views::missing_mandatory(assessments.get(a, p));
            if !p.history.is_empty() {
                view.texts = versions::version_links(a, p);
            }
            let kind = p.kind.label();
            let title = match &p.site {
                Some(s) => format!("{} {kind} ({s})", a.full_name),
                None => format!("{} {kind}", a.full_name),
            };
            r.page(
                "policy.html",
                PageMeta {
                    crumbs: crumbs(&[(&a.full_name, ""), (&title, "")]),
                    description: format!(
                        "{title}: {}개 조항, 수탁자 {}곳, 연락처 {}명",
                        p.articles.len(),
                        p.trustees.len(),
                        p.contacts.len()
                    ),
                    path: crate::urls::policy_path(a, p),
                    title,
                },
                &view,
            )?;
        }
    }
    Ok(())
}

/// A page of its own title, at `path`, with one crumb.
fn simple(title: &str, path: &str, description: &str) -> PageMeta {
    PageMeta {
        title: title.to_string(),
        path: path.to_string(),
        crumbs: crumbs(&[(title, "")]),
        description: description.to_string(),
    }
}

/// The directories, comparisons, compliance, search, data and 404 pages.
fn render_directories(
    r: &mut Renderer,
    agencies: &[Agency],
    assessments: &crate::compliance::Assessments,
    compare_index: &[views::CompareEntry],
    compare_pages: &[(String, views::CompareView)],
) -> Result<(), SiteError> {
    r.page(
        "trustees.html",
        simple(
            "수탁자 현황",
            "trustees/",
            "기관별 개인정보 처리 위탁 업체와 위탁 업무, 위탁 항목",
        ),
        &views::trustees(agencies),
    )?;
    r.page(
        "contacts.html",
        simple(
            "개인정보 보호책임자·담당자 연락처",
            "contacts/",
            "기관별 개인정보 보호책임자와 담당자 연락처",
        ),
        &views::contacts(agencies),
    )?;
    r.page(
        "compare.html",
        simple(
            "조항 비교",
            "compare/",
            "같은 조항을 기관별로 나란히 비교합니다.",
        ),
        &compare_index,
    )?;
    for (slug, view) in compare_pages {
        let title = format!("조항 비교: {}", view.label);
        r.page(
            "compare_category.html",
            PageMeta {
                title: title.clone(),
                path: format!("compare/{slug}/"),
                crumbs: crumbs(&[("조항 비교", "compare/"), (&title, "")]),
                description: format!("{} 조항을 기관별로 비교합니다.", view.label),
            },
            view,
        )?;
    }
    r.page(
        "compliance.html",
        simple(
            "필수 기재사항 점검",
            crate::urls::COMPLIANCE_PAGE,
            "기관별 처리방침이 작성지침의 기재사항을 갖추었는지 본문으로 판단한 결과와 그 근거",
        ),
        &findings::compliance_view(agencies, assessments, crate::compliance::reference_date()),
    )?;
    render_plain_pages(r)
}

/// The pages that take no data: search, data, 404.
fn render_plain_pages(r: &mut Renderer) -> Result<(), SiteError> {
    r.page(
        "search.html",
        simple(
            "검색",
            "search/",
            "모든 기관의 처리방침, 수탁자, 연락처를 검색합니다.",
        ),
        &(),
    )?;
    r.page(
        "data.html",
        simple(
            "공개 데이터",
            "data/",
            "처리방침 전체를 구조화한 JSON 데이터와 점검 결과·수탁자·연락처 CSV",
        ),
        &(),
    )?;
    r.page(
        "404.html",
        PageMeta {
            title: "페이지를 찾을 수 없습니다".into(),
            path: "404.html".into(),
            crumbs: Vec::new(),
            description: String::new(),
        },
        &(),
    )
}

/// The open data (JSON of the whole model, the revisions, the CSVs) and
/// the Atom feeds.
fn write_exports(
    r: &mut Renderer,
    config: &Config,
    agencies: &[Agency],
    assessments: &crate::compliance::Assessments,
    base_url: &str,
) -> Result<(), SiteError> {
    // Compact: at national scale the model is hundreds of MB, a third of
    // it indentation when pretty-printed.
    let json = serde_json::to_vec(agencies).expect("the model serialises");
    r.write("data/policies.json", &json)?;
    r.write(
        "data/changes.json",
        &serde_json::to_vec_pretty(&versions::revisions(agencies)).expect("serialises"),
    )?;
    r.write(
        "data/compliance.csv",
        &export::compliance(assessments.all()),
    )?;
    r.write("data/trustees.csv", &export::trustees(agencies))?;
    r.write("data/contacts.csv", &export::contacts(agencies))?;
    let operator = operator(config);
    r.write(
        crate::urls::SITE_FEED,
        feeds::site_feed(agencies, &config.title, base_url, &operator).as_bytes(),
    )?;
    for a in agencies {
        r.write(
            &crate::urls::agency_feed_path(a),
            feeds::agency_feed(a, base_url, &operator).as_bytes(),
        )?;
    }
    Ok(())
}

/// `sitemap.xml` of every page written, and `robots.txt` pointing to it.
fn write_sitemap(r: &mut Renderer, base_url: &str) -> Result<(), SiteError> {
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in &r.pages {
        sitemap.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            xml_escape(&format!("{base_url}{p}"))
        ));
    }
    sitemap.push_str("</urlset>\n");
    r.write("sitemap.xml", sitemap.as_bytes())?;
    r.write(
        "robots.txt",
        format!("User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n").as_bytes(),
    )
}

/// Who the feeds name as their author: the operator, or the site.
fn operator(config: &Config) -> String {
    if config.operator.is_empty() {
        config.title.clone()
    } else {
        config.operator.clone()
    }
}

/// The pages of every policy's history: each earlier version, and a
/// 대조표 for each version that followed another.
fn render_history(r: &mut Renderer, agencies: &[Agency]) -> Result<(), SiteError> {
    for a in agencies {
        for p in &a.policies {
            let name = crate::urls::policy_full_label(a, p);
            let policy_crumb = (name.as_str(), crate::urls::policy_path(a, p));
            for v in &p.history {
                let date = versions::date_label(v);
                let title = format!("{name} ({date} 시행, 이전 판)");
                r.page(
                    "policy.html",
                    PageMeta {
                        crumbs: crumbs(&[(policy_crumb.0, &policy_crumb.1), (&title, "")]),
                        description: format!("{title}: 현재 시행 중이 아닌 이전 판입니다."),
                        path: versions::version_path(a, v),
                        title,
                    },
                    &versions::earlier_view(a, p, v),
                )?;
            }
            for (old, new) in versions::pairs(p) {
                let view = versions::changes_view(a, p, old, new);
                let title = format!(
                    "{name} 신·구 대조표 ({} → {})",
                    view.old_date, view.new_date
                );
                r.page(
                    "changes.html",
                    PageMeta {
                        crumbs: crumbs(&[(policy_crumb.0, &policy_crumb.1), (&title, "")]),
                        description: format!("{title}: {}", view.summary),
                        path: versions::changes_path(a, new),
                        title,
                    },
                    &view,
                )?;
            }
        }
    }
    Ok(())
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
