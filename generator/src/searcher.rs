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
