//! `bangchim serve`: the built site over HTTP while you edit it.
//!
//! hyper (under axum) serves, tower-http's `ServeDir` reads the files
//! (`Range` → 206/416, `HEAD`, `Last-Modified`/`If-Modified-Since`, the
//! precompressed `.br`/`.gz` siblings negotiated); this module adds what a
//! static host adds: an `ETag` with `If-None-Match` → 304, caching headers
//! (a year, immutable, for the content-named index blocks and searcher; revalidation for
//! the rest), a bound on the request line. A debounced `notify` watcher
//! rebuilds on every change to content, configuration, theme, templates or
//! static files (renames and editors that save by rename included); the
//! pages' reload script reloads them after a good build and shows a failed
//! build's error over the page, which keeps showing the last good build.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use tower_http::services::{ServeDir, ServeFile};

use crate::site::{self, BuildOptions, SiteError};

/// The script every served page loads: it polls the build status, reloads
/// the page after a new good build, and shows a failed build's error.
pub const RELOAD_JS: &str = include_str!("serve/reload.js");

/// The longest request target served; longer ones get 414.
pub const MAX_URI: usize = 8 * 1024;

/// What the pages' script polls: the number of good builds, and the error
/// of the last build if it failed.
#[derive(Debug, Default, serde::Serialize)]
pub struct Status {
    /// Good builds so far.
    pub version: u64,
    /// The last build's error, when it failed.
    pub error: Option<String>,
}

#[derive(Clone)]
struct Served {
    out: PathBuf,
    status: Arc<Mutex<Status>>,
}

/// The folders and file of a site whose changes call for a rebuild.
fn watched(root: &Path) -> Vec<PathBuf> {
    ["content", "themes", "templates", "static"]
        .iter()
        .map(|d| root.join(d))
        .chain(std::iter::once(root.join(site::CONFIG_FILE)))
        .collect()
}

/// A runtime and a bound listener for `addr` (port 0 picks a free one).
fn listen(
    addr: std::net::SocketAddr,
) -> std::io::Result<(tokio::runtime::Runtime, tokio::net::TcpListener)> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind(addr))?;
    Ok((runtime, listener))
}

fn io_at(addr: std::net::SocketAddr) -> impl Fn(std::io::Error) -> SiteError {
    move |source| SiteError::Io {
        path: PathBuf::from(addr.to_string()),
        source,
    }
}

/// Serves an already built site folder as it is, at the root, as a static
/// host would: no build, no watching, no reload script.
pub fn serve_built(out: &Path, addr: std::net::SocketAddr) -> Result<(), SiteError> {
    let (runtime, listener) = listen(addr).map_err(io_at(addr))?;
    let addr = listener.local_addr().map_err(io_at(addr))?;
    eprintln!(
        "serving http://{addr}/ from {} (Ctrl-C to stop)",
        out.display()
    );
    let served = Served {
        out: out.to_path_buf(),
        status: Arc::new(Mutex::new(Status {
            version: 1,
            error: None,
        })),
    };
    runtime
        .block_on(async move { axum::serve(listener, app(served)).await })
        .map_err(io_at(addr))
}

/// Builds, serves on `addr` and rebuilds on change until interrupted.
pub fn serve(root: &Path, addr: std::net::SocketAddr) -> Result<(), SiteError> {
    let (runtime, listener) = listen(addr).map_err(io_at(addr))?;
    let addr = listener.local_addr().map_err(io_at(addr))?;
    let io = io_at(addr);
    let scratch = tempfile::tempdir().map_err(&io)?;
    let out = scratch.path().join("public");
    let options = BuildOptions {
        root: root.to_path_buf(),
        out: out.clone(),
        base_url: Some(format!("http://{addr}/")),
        live_reload: true,
        progress: false,
        precompress: false,
        search: true,
    };
    let report = site::build(&options)?;
    eprintln!(
        "built {} pages in {:.2} s; serving http://{addr}/ (Ctrl-C to stop)",
        report.pages,
        report.elapsed.as_secs_f64()
    );
    let served = Served {
        out,
        status: Arc::new(Mutex::new(Status {
            version: 1,
            error: None,
        })),
    };
    let _watcher = watch(root, options, served.status.clone())?;
    runtime
        .block_on(async move { axum::serve(listener, app(served)).await })
        .map_err(io)
}

/// The server: the reload script and status, then the site's files.
fn app(served: Served) -> Router {
    let files = ServeDir::new(&served.out)
        .append_index_html_on_directories(true)
        .precompressed_br()
        .precompressed_gzip()
        .not_found_service(ServeFile::new(served.out.join("404.html")));
    Router::new()
        .route(
            "/__bangchim/reload.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    RELOAD_JS,
                )
            }),
        )
        .route("/__bangchim/status", get(status))
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(served.clone(), validators))
        .with_state(served)
}

async fn status(State(served): State<Served>) -> Response {
    let body = serde_json::to_string(&*served.status.lock().expect("status lock"))
        .expect("status serialises");
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// The file a request path names, as `ServeDir` finds it (`/a/` →
/// `a/index.html`), if it is a file inside `out`.
fn file_of(out: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut file = out.to_path_buf();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        if part == ".." || part == "." || part.contains('\\') {
            return None;
        }
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// A strong validator of a file's current bytes: its length and
/// modification time (a rebuild rewrites what changed).
fn etag(file: &Path) -> Option<HeaderValue> {
    let meta = std::fs::metadata(file).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    HeaderValue::from_str(&format!("\"{:x}-{:x}\"", meta.len(), modified.as_nanos())).ok()
}

/// Whether an `If-None-Match` header matches `tag` (`*`, or one of a list;
/// the tag of a precompressed sibling names the same bytes).
fn matches(headers: &HeaderMap, tag: &HeaderValue) -> bool {
    let tag = tag.to_str().unwrap_or_default().trim_matches('"');
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/").trim_matches('"'))
        .map(|t| t.trim_end_matches("-br").trim_end_matches("-gzip"))
        .any(|t| t == "*" || t == tag)
}

/// The tag of what was sent: a precompressed sibling is another
/// representation of the same file.
fn sent_tag(tag: &HeaderValue, response: &Response) -> HeaderValue {
    match response
        .headers()
        .get(header::CONTENT_ENCODING)
        .and_then(|e| e.to_str().ok())
    {
        Some(encoding) => {
            let bare = tag.to_str().unwrap_or_default().trim_matches('"');
            HeaderValue::from_str(&format!("\"{bare}-{encoding}\"")).unwrap_or_else(|_| tag.clone())
        }
        None => tag.clone(),
    }
}

/// How long a file may be cached: a year for the index blocks and the
/// searcher bundle, whose names carry a hash of their bytes; revalidation
/// for everything else.
fn cache_control(path: &str) -> &'static str {
    if path.starts_with("/search/index/") || path.starts_with("/static/search/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Whether a path may be answered with a precompressed sibling (the
/// response then varies with `Accept-Encoding`).
fn file_has_siblings(path: &str) -> bool {
    path.starts_with("/search/") || path.starts_with("/static/")
}

/// Refuses overlong request targets, answers `If-None-Match` with 304 and
/// labels every file with its `ETag` and `Cache-Control`.
async fn validators(State(served): State<Served>, request: Request, next: Next) -> Response {
    let uri = request.uri().to_string();
    if uri.len() > MAX_URI {
        return (StatusCode::URI_TOO_LONG, "request target too long\n").into_response();
    }
    let path = request.uri().path().to_string();
    let tag = file_of(&served.out, &path).and_then(|f| etag(&f));
    let cache = HeaderValue::from_static(cache_control(&path));
    if let Some(tag) = &tag
        && matches(request.headers(), tag)
    {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        response.headers_mut().insert(header::ETAG, tag.clone());
        response.headers_mut().insert(header::CACHE_CONTROL, cache);
        return response;
    }
    let mut response = next.run(request).await;
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(site::CONTENT_SECURITY_POLICY),
    );
    if response.status().is_success()
        && let Some(tag) = tag
    {
        let tag = sent_tag(&tag, &response);
        let headers = response.headers_mut();
        headers.insert(header::ETAG, tag);
        headers.insert(header::CACHE_CONTROL, cache);
        if headers.contains_key(header::CONTENT_ENCODING) || file_has_siblings(&path) {
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
    }
    response
}

/// Watches the site and rebuilds after each burst of changes; the
/// returned debouncer stops watching when dropped.
fn watch(
    root: &Path,
    options: BuildOptions,
    status: Arc<Mutex<Status>>,
) -> Result<impl Drop, SiteError> {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer = notify_debouncer_full::new_debouncer(Duration::from_millis(150), None, tx)
        .map_err(|e| SiteError::Io {
            path: root.to_path_buf(),
            source: std::io::Error::other(e),
        })?;
    // The root itself (not recursively): `bangchim.toml`, and folders
    // created after the server started.
    let mut watch = |path: &Path, mode| {
        let _ = debouncer.watch(path, mode);
    };
    watch(root, RecursiveMode::NonRecursive);
    for dir in watched(root).iter().filter(|d| d.is_dir()) {
        watch(dir, RecursiveMode::Recursive);
    }
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            // One build for everything that arrived meanwhile.
            let events: Vec<_> = std::iter::once(first)
                .chain(rx.try_iter())
                .flatten()
                .flatten()
                .collect();
            // A build reads every file: reads (and the access times they
            // touch) are no change.
            let relevant = events
                .iter()
                .filter(|e| changes(&e.kind))
                .flat_map(|e| &e.paths)
                .any(|p| watched(&root).iter().any(|w| p.starts_with(w)));
            if relevant {
                rebuild(&options, &status);
            }
        }
    });
    Ok(debouncer)
}

/// Whether an event changes what a build reads.
fn changes(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(m) => !matches!(m, ModifyKind::Metadata(_)),
        _ => false,
    }
}

fn rebuild(options: &BuildOptions, status: &Mutex<Status>) {
    let result = site::build(options);
    let mut status = status.lock().expect("status lock");
    match result {
        Ok(r) => {
            status.version += 1;
            status.error = None;
            eprintln!(
                "rebuilt {} pages in {:.2} s",
                r.pages,
                r.elapsed.as_secs_f64()
            );
        }
        Err(e) => {
            eprintln!("error: {e} (still serving the last good build)");
            status.error = Some(e.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_stay_inside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("a/index.html"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        assert_eq!(file_of(&out, "/a/"), Some(out.join("a/index.html")));
        for evil in [
            "/../secret.txt",
            "/a/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/a/..%5csecret.txt",
        ] {
            assert_eq!(file_of(&out, evil), None, "{evil}");
        }
    }

    #[test]
    fn if_none_match_lists_and_stars() {
        let tag = HeaderValue::from_static("\"1-2\"");
        let mut h = HeaderMap::new();
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"0-0\", W/\"1-2\""),
        );
        assert!(matches(&h, &tag));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(matches(&h, &tag));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"0-0\""));
        assert!(!matches(&h, &tag));
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"1-2-br\""),
        );
        assert!(matches(&h, &tag));
    }

    #[test]
    fn index_blocks_are_immutable_pages_revalidate() {
        assert_eq!(
            cache_control("/search/index/0001.fast.9ed4ea08a91bf00c.0"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            cache_control(&format!("/static/search/{}", crate::searcher::MODULE)),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("/seoul/poll/"), "no-cache");
        assert_eq!(cache_control("/static/search-worker.js"), "no-cache");
        assert_eq!(cache_control("/search/manifest.json"), "no-cache");
    }
}
