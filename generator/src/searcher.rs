//! The browser searcher bundle: `search-wasm` compiled to WebAssembly,
//! bound with wasm-bindgen and shrunk with wasm-opt by the build script
//! (`generator/build.rs`), and embedded in the binary.
//!
//! File names carry a hash of their content, so a host may cache them for
//! a year: a new searcher is a new name, never an old module with new glue.
//! Pages tell the browser the names (see the base template).

use std::fs;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/searcher_bundle.rs"));

/// Writes the bundle ([`FILES`]: the module and its bindings, each with its
/// `.gz` and `.br` siblings) into `dir`.
pub fn write_bundle(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    for (name, bytes) in FILES {
        fs::write(dir.join(name), bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::FILES;

    /// The searcher is compiled with its paths remapped, so the module is
    /// the same bytes on every machine: it names none of this machine's
    /// folders (the source tree, the home, the cargo home, the target).
    #[test]
    fn the_bundle_names_no_folder_of_the_machine_that_built_it() {
        let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .display()
            .to_string();
        let mut folders = vec![source, env!("OUT_DIR").to_string()];
        folders.extend(
            ["HOME", "CARGO_HOME"]
                .iter()
                .filter_map(|v| std::env::var(v).ok()),
        );
        for (name, bytes) in FILES {
            if name.ends_with(".br") || name.ends_with(".gz") {
                continue;
            }
            for folder in &folders {
                let found = bytes.windows(folder.len()).any(|w| w == folder.as_bytes());
                assert!(!found, "{name} names {folder}");
            }
        }
        assert!(FILES.iter().any(|(n, _)| n.ends_with(".wasm")));
    }
}
