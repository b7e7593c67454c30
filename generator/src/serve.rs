//! `bangchim serve`: a local server for the built site that rebuilds when
//! content, configuration or theme change and tells open pages to reload.
//!
//! It listens on 127.0.0.1 unless told otherwise, and serves only files
//! inside its output folder.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use crate::site::{self, BuildOptions, SiteError};

/// The script every served page loads: it polls the build version and
/// reloads the page when it changes.
pub const RELOAD_JS: &str = "(function(){var v=null;function poll(){fetch('/__bangchim/version',{cache:'no-store'}).then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){}).finally(function(){setTimeout(poll,1000)})}poll()})();\n";

/// Content type by file extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes; `None` when an escape is malformed or the result
/// is not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Maps a request path to a file inside `root`, or `None` when it would
/// leave `root` (`..`, absolute components, encoded separators) or names
/// nothing.
pub fn resolve(root: &Path, request_path: &str) -> Option<PathBuf> {
    let path = request_path.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut out = root.to_path_buf();
    for comp in Path::new(decoded.trim_start_matches('/')).components() {
        match comp {
            Component::Normal(c) => out.push(c),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    let canonical = out.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    (canonical.starts_with(&root) && canonical.is_file()).then_some(canonical)
}

fn respond(stream: &mut TcpStream, status: &str, ctype: &str, body: &[u8]) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)
}

fn respond_encoded(
    stream: &mut TcpStream,
    ctype: &str,
    encoding: &str,
    body: &[u8],
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Encoding: {encoding}\r\nVary: Accept-Encoding\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)
}

fn handle(mut stream: TcpStream, out: &Path, version: &AtomicU64) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut accept_encoding = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("accept-encoding")
        {
            accept_encoding = value.trim().to_ascii_lowercase();
        }
    }
    let mut parts = request.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"method not allowed\n",
        );
    }
    match path {
        "/__bangchim/reload.js" => respond(
            &mut stream,
            "200 OK",
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes(),
        ),
        "/__bangchim/version" => respond(
            &mut stream,
            "200 OK",
            "text/plain",
            version.load(Ordering::SeqCst).to_string().as_bytes(),
        ),
        _ => match resolve(out, path) {
            Some(file) => {
                // A precompressed sibling, as static hosts serve them.
                let accepts = |e: &str| {
                    accept_encoding
                        .split(',')
                        .any(|a| a.trim().split(';').next() == Some(e))
                };
                let encoded = [("br", "br"), ("gzip", "gz")]
                    .into_iter()
                    .find_map(|(name, ext)| {
                        let sibling = crate::compress::sibling(&file, ext);
                        (accepts(name) && sibling.is_file()).then_some((name, sibling))
                    });
                match encoded {
                    Some((name, sibling)) => {
                        let body = std::fs::read(&sibling)?;
                        respond_encoded(&mut stream, content_type(&file), name, &body)
                    }
                    None => respond(
                        &mut stream,
                        "200 OK",
                        content_type(&file),
                        &std::fs::read(&file)?,
                    ),
                }
            }
            None => {
                let body =
                    std::fs::read(out.join("404.html")).unwrap_or_else(|_| b"not found\n".to_vec());
                respond(
                    &mut stream,
                    "404 Not Found",
                    "text/html; charset=utf-8",
                    &body,
                )
            }
        },
    }
}

/// A cheap fingerprint of everything a build reads: newest modification
/// time and number of files.
fn fingerprint(root: &Path) -> (Option<SystemTime>, usize) {
    let mut newest = None;
    let mut count = 0;
    let mut stack: Vec<PathBuf> = ["content", "themes", "templates", "static"]
        .iter()
        .map(|d| root.join(d))
        .collect();
    stack.push(root.join(site::CONFIG_FILE));
    while let Some(p) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&p) {
                stack.extend(entries.flatten().map(|e| e.path()));
            }
        } else {
            count += 1;
            let m = meta.modified().ok();
            if m > newest {
                newest = m;
            }
        }
    }
    (newest, count)
}

/// Builds, serves on `addr` and rebuilds on change until interrupted.
pub fn serve(root: &Path, addr: SocketAddr) -> Result<(), SiteError> {
    let scratch = tempfile::tempdir().map_err(|source| SiteError::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let out = scratch.path().join("public");
    let listener = TcpListener::bind(addr).map_err(|source| SiteError::Io {
        path: PathBuf::from(addr.to_string()),
        source,
    })?;
    let addr = listener.local_addr().map_err(|source| SiteError::Io {
        path: PathBuf::from(addr.to_string()),
        source,
    })?;
    let options = BuildOptions {
        root: root.to_path_buf(),
        out: out.clone(),
        base_url: Some(format!("http://{addr}/")),
        live_reload: true,
        progress: false,
        precompress: false,
    };
    let report = site::build(&options)?;
    eprintln!(
        "built {} pages in {:.2} s; serving http://{addr}/ (Ctrl-C to stop)",
        report.pages,
        report.elapsed.as_secs_f64()
    );
    let version = Arc::new(AtomicU64::new(1));
    {
        let version = version.clone();
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            let mut last = fingerprint(&root);
            loop {
                std::thread::sleep(Duration::from_millis(300));
                let now = fingerprint(&root);
                if now == last {
                    continue;
                }
                last = now;
                match site::build(&options) {
                    Ok(r) => {
                        version.fetch_add(1, Ordering::SeqCst);
                        eprintln!(
                            "rebuilt {} pages in {:.2} s",
                            r.pages,
                            r.elapsed.as_secs_f64()
                        );
                    }
                    Err(e) => eprintln!("error: {e} (still serving the last good build)"),
                }
            }
        });
    }
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let (out, version) = (out.clone(), version.clone());
        std::thread::spawn(move || {
            let _ = handle(stream, &out, &version);
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_cannot_leave_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("a/index.html"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        assert!(resolve(&out, "/a/").is_some());
        assert!(resolve(&out, "/%EC%A0%9C").is_none());
        for evil in [
            "/../secret.txt",
            "/a/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/..%2fsecret.txt",
            "//etc/passwd",
            "/a/..\\..\\secret.txt",
        ] {
            assert_eq!(resolve(&out, evil), None, "{evil}");
        }
    }

    #[test]
    fn a_symlink_out_of_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("link.txt")).unwrap();
        assert_eq!(resolve(&out, "/link.txt"), None);
    }
}
