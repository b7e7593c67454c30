//! The browser searcher bundle: `search-wasm` compiled to WebAssembly and
//! bound with wasm-bindgen, built once per source version into the cache.
//!
//! `bangchim build` needs it for every site; building it takes a minute, so
//! the result is kept under `~/.cache/bangchim/search-wasm/<hash>/`, the
//! hash covering every source file that goes into it. Whatever the build
//! needs and lacks (the wasm32 target, wasm-bindgen-cli at the version in
//! Cargo.lock) it installs with rustup and cargo.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace this binary was built from (its sources build the bundle).
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Files of the bundle: the wasm module and its JavaScript bindings (each
/// with `.gz` and `.br` siblings beside it).
pub const BUNDLE_FILES: [&str; 2] = ["bangchim_search_wasm_bg.wasm", "bangchim_search_wasm.js"];

fn run(cmd: &mut Command) -> Result<String, String> {
    let shown = format!("{cmd:?}");
    let out = cmd.output().map_err(|e| format!("{shown}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{shown} failed:\n{}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// FNV-1a 64 over the bundle's sources, as a hex key.
fn source_key(ws: &Path) -> Result<String, String> {
    let mut files = Vec::new();
    for dir in ["search-wasm", "generator/core"] {
        let mut stack = vec![ws.join(dir)];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d)
                .map_err(|e| format!("{}: {e}", d.display()))?
                .flatten()
            {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs" || x == "toml") {
                    files.push(p);
                }
            }
        }
    }
    files.push(ws.join("Cargo.lock"));
    files.push(ws.join("Cargo.toml"));
    files.push(ws.join(".cargo/config.toml"));
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in files {
        let bytes = fs::read(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        for b in f
            .strip_prefix(ws)
            .unwrap_or(&f)
            .to_string_lossy()
            .bytes()
            .chain(bytes)
        {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    Ok(format!("{h:016x}"))
}

/// The wasm-bindgen version pinned in Cargo.lock.
fn wasm_bindgen_version(ws: &Path) -> Result<String, String> {
    let lock = fs::read_to_string(ws.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|v| v.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_string());
        }
    }
    Err("Cargo.lock pins no wasm-bindgen".into())
}

fn ensure_wasm_bindgen(
    cache: &Path,
    version: &str,
    log: &mut impl FnMut(&str),
) -> Result<PathBuf, String> {
    let root = cache.join("tools");
    let bin = root.join("bin").join("wasm-bindgen");
    let installed = Command::new(&bin)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    if installed
        .as_deref()
        .is_some_and(|v| v.split_whitespace().nth(1) == Some(version))
    {
        return Ok(bin);
    }
    log(&format!("installing wasm-bindgen-cli {version}"));
    run(Command::new("cargo")
        .args(["install", "--quiet", "--force", "--root"])
        .arg(&root)
        .args(["wasm-bindgen-cli", "--version", version]))?;
    Ok(bin)
}

fn ensure_target(log: &mut impl FnMut(&str)) -> Result<(), String> {
    let installed = run(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        log("adding the wasm32-unknown-unknown target");
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// Returns the folder holding [`BUNDLE_FILES`], building it if needed.
pub fn ensure_bundle(cache: &Path, mut log: impl FnMut(&str)) -> Result<PathBuf, String> {
    let ws = workspace();
    if !ws.join("search-wasm").is_dir() {
        return Err(format!(
            "the searcher's sources are not at {}: run bangchim from its repository",
            ws.display()
        ));
    }
    // wasm-opt (binaryen, from npm; tests/run installs it) shrinks the
    // module by a third; a bundle built with it is kept apart from one without.
    let opt = cache.join("tools/node_modules/.bin/wasm-opt");
    let key = format!(
        "{}{}",
        source_key(&ws)?,
        if opt.is_file() { "-oz" } else { "" }
    );
    let dir = cache.join("search-wasm").join(key);
    if BUNDLE_FILES.iter().all(|f| dir.join(f).is_file()) {
        for f in BUNDLE_FILES {
            if !crate::compress::sibling(&dir.join(f), "br").is_file() {
                crate::compress::write_siblings(&dir.join(f), 11)
                    .map_err(|e| format!("{}: {e}", dir.display()))?;
            }
        }
        return Ok(dir);
    }
    ensure_target(&mut log)?;
    let bindgen = ensure_wasm_bindgen(cache, &wasm_bindgen_version(&ws)?, &mut log)?;
    log("building the WebAssembly searcher (once per source version)");
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| ws.join("target"));
    run(Command::new("cargo")
        .current_dir(&ws)
        .env("CARGO_TARGET_DIR", &target_dir)
        .args([
            "build",
            "--quiet",
            "-p",
            "bangchim-search-wasm",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
        ]))?;
    let wasm = target_dir.join("wasm32-unknown-unknown/wasm-release/bangchim_search_wasm.wasm");
    let parent = dir.parent().expect("bundle dir has a parent");
    fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    let staging = tempfile::tempdir_in(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    run(Command::new(&bindgen)
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(staging.path())
        .arg(&wasm))?;
    let bg = staging.path().join(BUNDLE_FILES[0]);
    if opt.is_file() {
        let shrunk = staging.path().join("opt.wasm");
        run(Command::new(&opt)
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
            ])
            .arg(&bg)
            .arg("-o")
            .arg(&shrunk))?;
        fs::rename(&shrunk, &bg).map_err(|e| format!("{}: {e}", bg.display()))?;
    }
    // Precompressed once, at brotli's best: hosts that serve siblings send these.
    for f in BUNDLE_FILES {
        crate::compress::write_siblings(&staging.path().join(f), 11)
            .map_err(|e| format!("{f}: {e}"))?;
    }
    let staged = staging.keep();
    match fs::rename(&staged, &dir) {
        Ok(()) => {}
        Err(_) if BUNDLE_FILES.iter().all(|f| dir.join(f).is_file()) => {
            let _ = fs::remove_dir_all(&staged);
        }
        Err(e) => return Err(format!("{}: {e}", dir.display())),
    }
    Ok(dir)
}
