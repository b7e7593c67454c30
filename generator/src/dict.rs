//! The Korean dictionary embedded in the binary: mecab-ko-dic in lindera's
//! format, packed by the build script (see the `bangchim-dict` crate) and
//! unpacked into memory on first use.
//!
//! A `bangchim` copied alone to another machine analyses Korean with no
//! cache, Python or network. Unpacking costs a fraction of a second once
//! per process ([`load`] keeps the result).

use std::sync::{Arc, OnceLock};

use bangchim_dict::DictError;
use bangchim_dict::pack::{Files, unpack};
use lindera_dictionary::dictionary::Dictionary;
use lindera_dictionary::dictionary::character_definition::CharacterDefinition;
use lindera_dictionary::dictionary::connection_cost_matrix::ConnectionCostMatrix;
use lindera_dictionary::dictionary::metadata::Metadata;
use lindera_dictionary::dictionary::prefix_dictionary::PrefixDictionary;
use lindera_dictionary::dictionary::unknown_dictionary::UnknownDictionary;

pub use bangchim_dict::{EXPECTED_ENTRIES, cache_root, dictionary_dir_name};

/// The packed dictionary (zstd), as the build script made it.
pub static PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ko-dic.pack.zst"));

/// The embedded dictionary's files, unpacked (for `bangchim dict --out`).
pub fn files() -> Result<Files, DictError> {
    unpack(PACKED)
}

/// The embedded dictionary, unpacked once per process.
pub fn load() -> Result<Dictionary, DictError> {
    static LOADED: OnceLock<Dictionary> = OnceLock::new();
    if let Some(d) = LOADED.get() {
        return Ok(d.clone());
    }
    let built = from_files(files()?)?;
    Ok(LOADED.get_or_init(|| built).clone())
}

/// Builds lindera's dictionary from unpacked files, as lindera's own
/// directory loader does from a folder.
fn from_files(mut f: Files) -> Result<Dictionary, DictError> {
    let lindera = |e: lindera_dictionary::error::LinderaError| DictError::Packed(e.to_string());
    let metadata = Metadata::load(&f.take("metadata.json")?).map_err(lindera)?;
    metadata.validate_format_version().map_err(lindera)?;
    let prefix_dictionary = PrefixDictionary::load(
        f.take("dict.trie")?,
        f.take("dict.valsidx")?,
        f.take("dict.vals")?,
        f.take("dict.wordsidx")?,
        f.take("dict.words")?,
    )
    .map_err(lindera)?;
    Ok(Dictionary {
        prefix_dictionary: Arc::new(prefix_dictionary),
        connection_cost_matrix: Arc::new(
            ConnectionCostMatrix::load(f.take("matrix.mtx")?).map_err(lindera)?,
        ),
        character_definition: Arc::new(
            CharacterDefinition::load(&f.take("char_def.bin")?).map_err(lindera)?,
        ),
        unknown_dictionary: Arc::new(
            UnknownDictionary::load(&f.take("unk.bin")?).map_err(lindera)?,
        ),
        metadata: Arc::new(metadata),
    })
}
