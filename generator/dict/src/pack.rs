//! One file for a built dictionary directory: what the `bangchim` binary
//! embeds.
//!
//! The layout is a small table of contents followed by the files' bytes,
//! all compressed with zstd (at level 18 the 82 MB of ko-dic become about
//! 15.9 MB, and decompress in well under a second; level 19 saves another
//! 0.07 MB for 50% more time on a fresh machine's first build, 17 and
//! below leave 20 MB):
//!
//! ```text
//! "BCDICT1\n"  u32 count  { u16 name length, name, u64 length } × count  data…
//! ```
//!
//! Integers are little-endian. No crate packs a handful of named byte
//! strings more simply than this, and the format must not change with a
//! dependency's version, because build script and binary both read it.

use std::fs;
use std::path::Path;

use crate::DictError;

const MAGIC: &[u8; 8] = b"BCDICT1\n";

/// The files of a built dictionary directory, in the order they are packed.
pub const FILES: [&str; 11] = [
    "metadata.json",
    "char_def.bin",
    "unk.bin",
    "matrix.mtx",
    "dict.trie",
    "dict.valsidx",
    "dict.vals",
    "dict.wordsidx",
    "dict.words",
    "NOTICE.txt",
    "LICENSE-mecab-ko-dic.txt",
];

/// A dictionary's files by name, as [`unpack`] returns them.
#[derive(Debug, Default)]
pub struct Files(Vec<(String, Vec<u8>)>);

impl Files {
    /// Takes the named file's bytes out (each can be taken once).
    pub fn take(&mut self, name: &str) -> Result<Vec<u8>, DictError> {
        let at = self
            .0
            .iter()
            .position(|(n, _)| n == name)
            .ok_or_else(|| DictError::Packed(format!("{name} is missing")))?;
        Ok(self.0.swap_remove(at).1)
    }

    /// The names and sizes of the files still held.
    pub fn sizes(&self) -> impl Iterator<Item = (&str, usize)> {
        self.0.iter().map(|(n, b)| (n.as_str(), b.len()))
    }

    /// Writes every file still held into `dir`.
    pub fn write_to(&self, dir: &Path) -> Result<(), DictError> {
        fs::create_dir_all(dir).map_err(crate::io_err(dir))?;
        for (name, bytes) in &self.0 {
            let p = dir.join(name);
            fs::write(&p, bytes).map_err(crate::io_err(&p))?;
        }
        Ok(())
    }
}

/// Packs the built dictionary in `dir` and compresses it at zstd `level`.
pub fn pack(dir: &Path, level: i32) -> Result<Vec<u8>, DictError> {
    let mut head = MAGIC.to_vec();
    head.extend((FILES.len() as u32).to_le_bytes());
    let mut data = Vec::new();
    for name in FILES {
        let p = dir.join(name);
        let bytes = fs::read(&p).map_err(crate::io_err(&p))?;
        head.extend((name.len() as u16).to_le_bytes());
        head.extend(name.as_bytes());
        head.extend((bytes.len() as u64).to_le_bytes());
        data.extend(bytes);
    }
    head.extend(data);
    zstd::bulk::compress(&head, level).map_err(|source| DictError::Write { source })
}

/// Reads what [`pack`] wrote.
pub fn unpack(packed: &[u8]) -> Result<Files, DictError> {
    let raw = zstd::stream::decode_all(packed).map_err(|e| DictError::Packed(e.to_string()))?;
    let mut at = Reader { raw: &raw, at: 0 };
    if at.bytes(MAGIC.len())? != MAGIC {
        return Err(DictError::Packed("it does not start with BCDICT1".into()));
    }
    let count = u32::from_le_bytes(at.array()?) as usize;
    let mut table = Vec::with_capacity(count.min(64));
    for _ in 0..count {
        let len = u16::from_le_bytes(at.array()?) as usize;
        let name = String::from_utf8(at.bytes(len)?.to_vec())
            .map_err(|_| DictError::Packed("a file name is not UTF-8".into()))?;
        let size = u64::from_le_bytes(at.array()?) as usize;
        table.push((name, size));
    }
    let mut files = Vec::with_capacity(table.len());
    for (name, size) in table {
        files.push((name, at.bytes(size)?.to_vec()));
    }
    if at.at != raw.len() {
        return Err(DictError::Packed("bytes follow the last file".into()));
    }
    Ok(Files(files))
}

/// A cursor over the unpacked bytes that reports truncation.
struct Reader<'a> {
    raw: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Result<&'a [u8], DictError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.raw.len())
            .ok_or_else(|| DictError::Packed("it is truncated".into()))?;
        let out = &self.raw[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], DictError> {
        Ok(self.bytes(N)?.try_into().expect("N bytes"))
    }
}

/// The zstd level of the embedded pack.
const LEVEL: i32 = 18;

/// The packed dictionary under `cache`, provisioning and packing it once.
///
/// The file is named after the dictionary directory and the level, so a
/// new source release, format or level gets a new pack.
pub fn packed(cache: &Path, mut log: impl FnMut(&str)) -> Result<std::path::PathBuf, DictError> {
    let name = crate::dictionary_dir_name();
    let path = cache.join(format!("{name}.z{LEVEL}.pack.zst"));
    if path.is_file() {
        return Ok(path);
    }
    let built = crate::provision(cache, &mut log)?;
    log(&format!(
        "packing the dictionary (zstd level {LEVEL}, once)"
    ));
    let bytes = pack(&built.path, LEVEL)?;
    let tmp = tempfile::NamedTempFile::new_in(cache).map_err(crate::io_err(cache))?;
    fs::write(tmp.path(), &bytes).map_err(crate::io_err(tmp.path()))?;
    tmp.persist(&path)
        .map_err(|e| crate::io_err(&path)(e.error))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake_dictionary(dir: &Path) {
        for (i, name) in FILES.iter().enumerate() {
            fs::write(dir.join(name), vec![i as u8; i * 1000 + 1]).unwrap();
        }
    }

    #[test]
    fn what_is_packed_unpacks_to_the_same_files() {
        let dir = tempfile::tempdir().unwrap();
        fake_dictionary(dir.path());
        let packed = pack(dir.path(), 3).unwrap();
        let mut files = unpack(&packed).unwrap();
        assert_eq!(files.sizes().count(), FILES.len());
        assert_eq!(files.take("matrix.mtx").unwrap(), vec![3u8; 3001]);
        assert!(files.take("matrix.mtx").is_err(), "taken once");
    }

    #[test]
    fn a_damaged_pack_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        fake_dictionary(dir.path());
        let packed = pack(dir.path(), 3).unwrap();
        assert!(unpack(&packed[..packed.len() / 2]).is_err());
        let raw = zstd::stream::decode_all(&packed[..]).unwrap();
        for cut in [4, 13, raw.len() - 1] {
            let short = zstd::bulk::compress(&raw[..cut], 1).unwrap();
            assert!(
                matches!(unpack(&short), Err(DictError::Packed(_))),
                "cut {cut}"
            );
        }
        let mut long = raw.clone();
        long.push(0);
        let long = zstd::bulk::compress(&long, 1).unwrap();
        assert!(matches!(unpack(&long), Err(DictError::Packed(_))));
    }
}
