//! Where the tests find their inputs: the vendored seeds, the corpus beside
//! the clone (`../shared/corpus`, absent on a clone alone), and the
//! options of a plain build. Each test binary uses what it needs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The file of a seed policy (`tests/fixtures/seeds/<prefix>_*.txt`).
pub fn seed_path(prefix: &str) -> PathBuf {
    let dir = repo().join("tests/fixtures/seeds");
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}_*.txt"))
}

/// The text of a seed policy.
pub fn seed_text(prefix: &str) -> String {
    std::fs::read_to_string(seed_path(prefix)).unwrap()
}

/// The corpus's policies folder, or `None` (saying so) when the clone has
/// no `../shared` beside it.
pub fn corpus() -> Option<PathBuf> {
    let dir = repo().join("../shared/corpus/policies");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "{} is absent: the corpus checks check nothing here",
            dir.display()
        );
        None
    }
}

/// The file of a corpus policy (`<prefix>_*`).
pub fn corpus_file(dir: &Path, prefix: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no corpus file {prefix}_*"))
}

/// A plain build of the site at `root` into `out`: search included, no
/// precompressed siblings, no live reload.
pub fn build_options(root: &Path, out: &Path) -> bangchim::site::BuildOptions {
    bangchim::site::BuildOptions {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        base_url: None,
        live_reload: false,
        progress: false,
        precompress: false,
        search: true,
    }
}

/// Copies the folder `from` into `to`, recursively (a site to edit or to
/// run a copied binary on).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// The repository's site, built once per test binary (no precompressed
/// siblings) into the target's temporary folder, for the tests that only
/// read it. The folder is named after the test binary, so binaries never
/// share one.
pub fn seed_site() -> &'static Path {
    static SITE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("{}-seed-site", env!("CARGO_CRATE_NAME")));
        bangchim::site::build(&build_options(&repo(), &out)).unwrap();
        out
    })
}

/// Every file under `dir` with its bytes, by path relative to `dir`.
pub fn all_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.strip_prefix(dir).unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}
