//! The Korean dictionary (mecab-ko-dic, built into lindera's format), with
//! no internet.
//!
//! lindera's `embed-ko-dic` build script downloads mecab-ko-dic from a web
//! host, which these machines cannot reach. The same release, compiled by
//! MeCab, is published on PyPI as the wheel `python-mecab-ko-dic`. This
//! module provisions the dictionary once into a cache:
//!
//! 1. `pip install --target` the pinned wheel (by name and version only);
//! 2. decode MeCab's binaries back to source files ([`mecab`]);
//! 3. build them with lindera's own `DictionaryBuilder`, using the
//!    `metadata.json` and `context_id_freq.txt` of lindera-ko-dic 6.2.0
//!    (vendored in `generator/dict/data/`);
//! 4. move the result into place atomically, with the dictionary's licence
//!    and notice beside it.
//!
//! Every later call finds the finished directory and returns at once.
//!
//! The generator's build script then [`pack`]s that directory into one
//! zstd-compressed file, which the `bangchim` binary embeds: an installed
//! binary needs neither Python nor a cache to analyse Korean.

pub mod mecab;
pub mod pack;

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use lindera_dictionary::builder::DictionaryBuilder;
use lindera_dictionary::dictionary::metadata::Metadata;

/// The PyPI package that carries the compiled mecab-ko-dic.
pub const WHEEL_PACKAGE: &str = "python-mecab-ko-dic";
/// Its pinned version: mecab-ko-dic 2.1.1-20180720, the release
/// lindera-ko-dic 6.2.0 builds from.
pub const WHEEL_VERSION: &str = "2.1.1.post2";
/// Number of lexicon entries in that release.
pub const EXPECTED_ENTRIES: usize = 816_283;

/// lindera-ko-dic's build metadata (schema, costs, space penalties).
const METADATA_JSON: &str = include_str!("../data/metadata.json");
/// lindera-ko-dic's context-id access histogram, for its id remapping.
const CONTEXT_ID_FREQ: &str = include_str!("../data/context_id_freq.txt");
/// Attribution shipped with every built dictionary (Apache-2.0 notice of
/// mecab-ko-dic as lindera-ko-dic carries it).
const NOTICE: &str = include_str!("../data/NOTICE.txt");

/// Name of the directory a built dictionary lives in, inside the cache.
/// It changes whenever the source release, the builder or the format does.
pub fn dictionary_dir_name() -> String {
    format!(
        "ko-dic-2.1.1-20180720-lindera-6.2.0-fmt{}",
        lindera_dictionary::dictionary::metadata::DICTIONARY_FORMAT_VERSION
    )
}

/// A file the provisioning writes last, so that a directory holding it is
/// complete.
const COMPLETE_MARKER: &str = ".complete";

/// Errors of dictionary provisioning.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    /// pip could not be started or failed.
    #[error("`{command}` failed: {detail}")]
    Pip {
        /// The command line that was run.
        command: String,
        /// pip's own error output, or why it could not start.
        detail: String,
    },
    /// A file or directory could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Writing a decoded source file failed.
    #[error("writing a decoded dictionary source file: {source}")]
    Write {
        /// The underlying error.
        source: std::io::Error,
    },
    /// A MeCab binary file is not in the expected format.
    #[error("{file}: {what}")]
    Format {
        /// The file's name.
        file: String,
        /// What was wrong.
        what: String,
    },
    /// lindera's builder rejected the decoded sources.
    #[error("lindera could not build the dictionary: {0}")]
    Build(String),
    /// A packed dictionary is truncated or not one [`pack`] wrote.
    #[error("the packed dictionary is damaged: {0}")]
    Packed(String),
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> DictError + '_ {
    move |source| DictError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The cache root: `$BANGCHIM_CACHE_DIR`, else `$XDG_CACHE_HOME/bangchim`,
/// else `~/.cache/bangchim`.
pub fn cache_root() -> PathBuf {
    if let Some(dir) = std::env::var_os("BANGCHIM_CACHE_DIR") {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME") {
        return PathBuf::from(dir).join("bangchim");
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    home.join(".cache").join("bangchim")
}

/// What [`provision`] did, with timings for the benchmark.
#[derive(Debug, Clone)]
pub struct Provisioned {
    /// The built dictionary's directory, ready for `load_fs_dictionary`.
    pub path: PathBuf,
    /// Whether it was already there.
    pub cached: bool,
    /// Time spent fetching the wheel with pip (zero when it was cached).
    pub fetch: Duration,
    /// Time spent decoding and building (zero when cached).
    pub build: Duration,
}

/// Makes sure the built dictionary exists under `cache`, building it if not.
///
/// `log` receives one line per step taken. Concurrent callers may both build;
/// the rename that publishes the result is atomic and the loser's copy is
/// discarded, so readers never see a partial directory.
pub fn provision(cache: &Path, mut log: impl FnMut(&str)) -> Result<Provisioned, DictError> {
    let target = cache.join(dictionary_dir_name());
    if target.join(COMPLETE_MARKER).is_file() {
        return Ok(Provisioned {
            path: target,
            cached: true,
            fetch: Duration::ZERO,
            build: Duration::ZERO,
        });
    }
    fs::create_dir_all(cache).map_err(io_err(cache))?;

    let t = Instant::now();
    let wheel = fetch_wheel(cache, &mut log)?;
    let fetch = t.elapsed();

    let t = Instant::now();
    let work = tempfile::Builder::new()
        .prefix(".ko-dic-build-")
        .tempdir_in(cache)
        .map_err(io_err(cache))?;
    let src = work.path().join("src");
    let out = work.path().join("out");
    fs::create_dir_all(&src).map_err(io_err(&src))?;
    log("decoding mecab-ko-dic binaries to source form");
    let entries = decode_sources(&wheel, &src)?;
    if entries != EXPECTED_ENTRIES {
        return Err(DictError::Format {
            file: "sys.dic".into(),
            what: format!("{entries} entries where {EXPECTED_ENTRIES} were expected"),
        });
    }
    log(&format!(
        "building lindera dictionary from {entries} entries"
    ));
    build_lindera(&src, &out)?;
    fs::write(out.join("NOTICE.txt"), NOTICE).map_err(io_err(&out))?;
    let licence = wheel
        .join("python_mecab_ko_dic-2.1.1.post2.dist-info")
        .join("LICENSE");
    if licence.is_file() {
        fs::copy(&licence, out.join("LICENSE-mecab-ko-dic.txt")).map_err(io_err(&licence))?;
    }
    File::create(out.join(COMPLETE_MARKER)).map_err(io_err(&out))?;
    match fs::rename(&out, &target) {
        Ok(()) => {}
        // Someone else finished first: theirs is as good as ours.
        Err(_) if target.join(COMPLETE_MARKER).is_file() => {}
        Err(e) => return Err(io_err(&target)(e)),
    }
    let build = t.elapsed();
    log(&format!("dictionary ready at {}", target.display()));
    Ok(Provisioned {
        path: target,
        cached: false,
        fetch,
        build,
    })
}

/// Installs the wheel's files into `cache/wheels/…` with pip, once.
fn fetch_wheel(cache: &Path, log: &mut impl FnMut(&str)) -> Result<PathBuf, DictError> {
    let dir = cache
        .join("wheels")
        .join(format!("{WHEEL_PACKAGE}-{WHEEL_VERSION}"));
    let dict = dir.join("mecab_ko_dic").join("dictionary");
    if dict.join("sys.dic").is_file() {
        return Ok(dir);
    }
    let parent = dir.parent().expect("wheels dir has a parent");
    fs::create_dir_all(parent).map_err(io_err(parent))?;
    let tmp = tempfile::Builder::new()
        .prefix(".wheel-")
        .tempdir_in(parent)
        .map_err(io_err(parent))?;
    let python = std::env::var("BANGCHIM_PYTHON").unwrap_or_else(|_| "python3".into());
    let spec = format!("{WHEEL_PACKAGE}=={WHEEL_VERSION}");
    let args = [
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--no-compile",
        "--disable-pip-version-check",
        "--target",
    ];
    let command = format!(
        "{python} {} {} {spec}",
        args.join(" "),
        tmp.path().display()
    );
    log(&format!("fetching {spec} with pip"));
    let output = Command::new(&python)
        .args(args)
        .arg(tmp.path())
        .arg(&spec)
        .output()
        .map_err(|e| DictError::Pip {
            command: command.clone(),
            detail: e.to_string(),
        })?;
    if !output.status.success() {
        return Err(DictError::Pip {
            command,
            detail: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    let staged = tmp.keep();
    match fs::rename(&staged, &dir) {
        Ok(()) => Ok(dir),
        Err(_) if dict.join("sys.dic").is_file() => {
            let _ = fs::remove_dir_all(&staged);
            Ok(dir)
        }
        Err(e) => Err(io_err(&dir)(e)),
    }
}

/// Decodes the wheel's MeCab binaries into lindera source files in `src`;
/// returns the number of lexicon entries.
pub fn decode_sources(wheel: &Path, src: &Path) -> Result<usize, DictError> {
    let dict = wheel.join("mecab_ko_dic").join("dictionary");
    let read = |name: &str| {
        let p = dict.join(name);
        fs::read(&p).map_err(io_err(&p))
    };
    let create = |name: &str| {
        let p = src.join(name);
        File::create(&p).map(BufWriter::new).map_err(io_err(&p))
    };

    let sys = mecab::decode_dic("sys.dic", &read("sys.dic")?)?;
    mecab::write_lexicon_csv(&sys, &mut create("ko-dic.csv")?)?;
    let unk = mecab::decode_dic("unk.dic", &read("unk.dic")?)?;
    mecab::write_unk_def(&unk, &mut create("unk.def")?)?;
    mecab::write_matrix_def(&read("matrix.bin")?, &mut create("matrix.def")?)?;
    let chars = mecab::decode_char_bin(&read("char.bin")?)?;
    mecab::write_char_def(&chars, &mut create("char.def")?)?;
    Ok(sys.len())
}

/// Builds lindera's binary dictionary from decoded sources.
fn build_lindera(src: &Path, out: &Path) -> Result<(), DictError> {
    let metadata: Metadata =
        serde_json::from_str(METADATA_JSON).map_err(|e| DictError::Build(e.to_string()))?;
    let freq = src.join("context_id_freq.txt");
    fs::write(&freq, CONTEXT_ID_FREQ).map_err(io_err(&freq))?;
    DictionaryBuilder::new(metadata)
        .with_context_id_freq(&freq)
        .build_dictionary(src, out)
        .map_err(|e| DictError::Build(e.to_string()))
}
