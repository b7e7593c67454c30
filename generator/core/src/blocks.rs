//! The index as fixed-size blocks, fetched only when a query reads them.
//!
//! The build cuts every tantivy file into blocks ([`block_size`]), each a
//! static file (with precompressed siblings) named after the file, a hash
//! of its content and the block number: `<file>.<hash>.<n>`. A name changes
//! whenever the content does, so blocks can be cached by browsers as long as
//! they like and two builds never mix.
//!
//! The searcher reads through a [`BlockDirectory`]. A read that touches a
//! block the [`BlockStore`] does not hold fails, and the store remembers
//! every block the read needed; the caller fetches them
//! ([`BlockStore::take_missing`]), adds them ([`BlockStore::add`]) and runs
//! the query again. On the native side a loader reads blocks from disk and
//! nothing is ever missing.

use std::collections::{BTreeSet, HashMap};
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::{Directory, HasLen};

/// Bytes per block of the files every query reads whole: field norms and
/// fast columns, fetched before the first query (the last block of a file
/// may be shorter).
pub const WHOLE_BLOCK: usize = 16 * 1024;

/// Bytes per block of the files a query reads in pieces: the term
/// dictionary, the postings and the stored documents. A rare term's
/// postings are a few bytes and a hit's stored document about 4 KB, so a
/// block much larger is mostly bytes nobody asked for: at 1,000 policies
/// the first query's term, postings and document blocks were 213 KB
/// brotli in 16 KB blocks and are 109 KB in 4 KB ones.
pub const PIECE_BLOCK: usize = 4 * 1024;

/// The block size of a tantivy file, from its extension: [`PIECE_BLOCK`]
/// for the term dictionary (`.term`), postings (`.idx`) and document
/// store (`.store`), [`WHOLE_BLOCK`] for the rest.
pub fn block_size(name: &str) -> usize {
    match name.rsplit('.').next() {
        Some("term" | "idx" | "store") => PIECE_BLOCK,
        _ => WHOLE_BLOCK,
    }
}

/// One tantivy file of the index, as the manifest lists it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct IndexFile {
    /// The name tantivy gave it.
    pub name: String,
    /// Its length in bytes.
    pub len: u64,
    /// FNV-1a 64 of its content, hexadecimal.
    pub hash: String,
    /// Bytes per block (the last block may be shorter).
    pub block: u64,
}

impl IndexFile {
    /// Describes a file from its content, cut into blocks of the size
    /// [`block_size`] gives its name.
    pub fn of(name: &str, bytes: &[u8]) -> IndexFile {
        IndexFile {
            name: name.to_string(),
            len: bytes.len() as u64,
            hash: format!("{:016x}", fnv64(bytes)),
            block: block_size(name) as u64,
        }
    }

    /// How many blocks it is cut into.
    pub fn blocks(&self) -> usize {
        (self.len as usize).div_ceil(self.block_len())
    }

    /// Bytes per block, never 0 (a manifest could say so).
    fn block_len(&self) -> usize {
        (self.block as usize).max(1)
    }

    /// The path of block `n`, relative to the search folder's `index/`.
    pub fn block_path(&self, n: usize) -> String {
        format!("{}.{}.{n}", self.name, self.hash)
    }

    /// The byte range of block `n` in the file.
    fn block_range(&self, n: usize) -> Range<usize> {
        let start = n * self.block_len();
        start..(start + self.block_len()).min(self.len as usize)
    }
}

/// FNV-1a, 64 bits.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Cuts a file's content into its blocks: `(block path, bytes)`.
pub fn split<'a>(file: &IndexFile, bytes: &'a [u8]) -> Vec<(String, &'a [u8])> {
    (0..file.blocks())
        .map(|n| (file.block_path(n), &bytes[file.block_range(n)]))
        .collect()
}

/// Reads a block by its path when the store lacks it (the native side).
pub type Loader = Box<dyn Fn(&str) -> io::Result<Vec<u8>> + Send + Sync>;

/// The blocks held so far, and the ones reads asked for and did not find.
pub struct BlockStore {
    files: Vec<IndexFile>,
    by_path: HashMap<String, (usize, usize)>,
    blocks: Mutex<HashMap<(usize, usize), OwnedBytes>>,
    missing: Mutex<BTreeSet<(usize, usize)>>,
    loader: Option<Loader>,
    joined: Mutex<Joined>,
}

/// Reads that spanned several blocks, joined once: tantivy reads a field's
/// norms (a byte per document) and a common term's postings whole, on
/// every query, and copying them each time was a tenth of a query's time.
#[derive(Default)]
struct Joined {
    reads: HashMap<(usize, Range<usize>), OwnedBytes>,
    bytes: usize,
}

/// Most bytes the joined reads keep (then they are dropped and kept anew).
const JOINED_BYTES: usize = 32 << 20;

impl std::fmt::Debug for BlockStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockStore")
            .field("files", &self.files)
            .finish_non_exhaustive()
    }
}

/// Why a fetched block was refused.
#[derive(Debug, thiserror::Error)]
pub enum BlockError {
    /// The manifest lists no block at this path.
    #[error("{0}: not a block of this index")]
    Unknown(String),
    /// The block is not as long as the manifest says.
    #[error("{path}: {got} bytes, expected {expected}")]
    Length {
        /// The block's path.
        path: String,
        /// Bytes received.
        got: usize,
        /// Bytes the manifest implies.
        expected: usize,
    },
}

impl BlockStore {
    /// A store for these files, holding no block yet. With a loader, missing
    /// blocks are read through it instead of being reported.
    pub fn new(files: Vec<IndexFile>, loader: Option<Loader>) -> Arc<BlockStore> {
        let by_path = files
            .iter()
            .enumerate()
            .flat_map(|(f, file)| (0..file.blocks()).map(move |n| (file.block_path(n), (f, n))))
            .collect();
        Arc::new(BlockStore {
            files,
            by_path,
            blocks: Mutex::new(HashMap::new()),
            missing: Mutex::new(BTreeSet::new()),
            loader,
            joined: Mutex::default(),
        })
    }

    /// Adds a fetched block. Refuses a path the manifest does not list or
    /// bytes of the wrong length.
    pub fn add(&self, path: &str, bytes: Vec<u8>) -> Result<(), BlockError> {
        let &(f, n) = self
            .by_path
            .get(path)
            .ok_or_else(|| BlockError::Unknown(path.to_string()))?;
        let expected = self.files[f].block_range(n).len();
        if bytes.len() != expected {
            return Err(BlockError::Length {
                path: path.to_string(),
                got: bytes.len(),
                expected,
            });
        }
        self.blocks
            .lock()
            .expect("not poisoned")
            .insert((f, n), OwnedBytes::new(bytes));
        self.missing.lock().expect("not poisoned").remove(&(f, n));
        Ok(())
    }

    /// The blocks reads needed and did not find since the last call, by path.
    pub fn take_missing(&self) -> Vec<String> {
        std::mem::take(&mut *self.missing.lock().expect("not poisoned"))
            .into_iter()
            .map(|(f, n)| self.files[f].block_path(n))
            .collect()
    }

    /// Whether reads since the last [`BlockStore::take_missing`] needed a
    /// block the store lacks (what they read is then not to be kept).
    pub fn lacks_any(&self) -> bool {
        !self.missing.lock().expect("not poisoned").is_empty()
    }

    /// The blocks held, by path, sorted.
    pub fn held(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .blocks
            .lock()
            .expect("not poisoned")
            .keys()
            .map(|&(f, n)| self.files[f].block_path(n))
            .collect();
        out.sort();
        out
    }

    /// A tantivy directory reading from this store.
    pub fn directory(self: &Arc<Self>) -> BlockDirectory {
        BlockDirectory {
            store: Arc::clone(self),
        }
    }

    fn block(&self, f: usize, n: usize) -> io::Result<Option<OwnedBytes>> {
        if let Some(b) = self.blocks.lock().expect("not poisoned").get(&(f, n)) {
            return Ok(Some(b.clone()));
        }
        let Some(loader) = &self.loader else {
            return Ok(None);
        };
        let path = self.files[f].block_path(n);
        let bytes = loader(&path)?;
        self.add(&path, bytes).map_err(io::Error::other)?;
        Ok(self
            .blocks
            .lock()
            .expect("not poisoned")
            .get(&(f, n))
            .cloned())
    }

    fn read(&self, f: usize, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.is_empty() {
            return Ok(OwnedBytes::empty());
        }
        let size = self.files[f].block_len();
        let (first, last) = (range.start / size, (range.end - 1) / size);
        let mut parts = Vec::new();
        let mut absent = Vec::new();
        for n in first..=last {
            match self.block(f, n)? {
                Some(b) => parts.push(b),
                None => absent.push((f, n)),
            }
        }
        if !absent.is_empty() {
            self.missing.lock().expect("not poisoned").extend(absent);
            return Err(io::Error::other(NOT_LOADED));
        }
        let offset = first * size;
        if let [only] = &parts[..] {
            return Ok(only.slice(range.start - offset..range.end - offset));
        }
        let key = (f, range.clone());
        if let Some(b) = self.joined.lock().expect("not poisoned").reads.get(&key) {
            return Ok(b.clone());
        }
        let mut joined = Vec::with_capacity(range.len());
        for p in &parts {
            joined.extend_from_slice(p.as_slice());
        }
        let bytes = OwnedBytes::new(joined).slice(range.start - offset..range.end - offset);
        let mut cache = self.joined.lock().expect("not poisoned");
        if cache.bytes + range.len() > JOINED_BYTES {
            *cache = Joined::default();
        }
        cache.bytes += range.len();
        cache.reads.insert(key, bytes.clone());
        Ok(bytes)
    }
}

/// The message of a read that needs blocks the store does not hold.
pub const NOT_LOADED: &str = "index blocks not loaded yet";

/// One file of a [`BlockStore`].
#[derive(Debug)]
struct BlockFile {
    store: Arc<BlockStore>,
    file: usize,
}

impl HasLen for BlockFile {
    fn len(&self) -> usize {
        self.store.files[self.file].len as usize
    }
}

impl FileHandle for BlockFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        self.store.read(self.file, range)
    }
}

/// A read-only tantivy [`Directory`] over a [`BlockStore`].
#[derive(Debug, Clone)]
pub struct BlockDirectory {
    store: Arc<BlockStore>,
}

fn read_only(path: &Path) -> Arc<io::Error> {
    Arc::new(io::Error::other(format!(
        "{}: the search index is read-only",
        path.display()
    )))
}

impl BlockDirectory {
    fn file(&self, path: &Path) -> Option<usize> {
        let name = path.to_str()?;
        self.store.files.iter().position(|f| f.name == name)
    }
}

impl Directory for BlockDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let file = self
            .file(path)
            .ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))?;
        Ok(Arc::new(BlockFile {
            store: Arc::clone(&self.store),
            file,
        }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: read_only(path),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        Ok(self.file(path).is_some())
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::IoError {
            io_error: read_only(path),
            filepath: PathBuf::from(path),
        })
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        let handle = self.get_file_handle(path)?;
        handle
            .read_bytes(0..handle.len())
            .map(|b| b.as_slice().to_vec())
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))
    }

    fn atomic_write(&self, path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(io::Error::other(format!(
            "{}: the search index is read-only",
            path.display()
        )))
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    /// Nothing writes, so readers need no lock file.
    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_of(content: &[u8]) -> (Arc<BlockStore>, IndexFile) {
        let file = IndexFile::of("a.bin", content);
        (BlockStore::new(vec![file.clone()], None), file)
    }

    #[test]
    fn a_read_reports_every_block_it_needs_then_succeeds() {
        let content: Vec<u8> = (0..(WHOLE_BLOCK * 3 + 100))
            .map(|i| (i % 251) as u8)
            .collect();
        let (store, file) = store_of(&content);
        assert_eq!(file.blocks(), 4);
        let range = WHOLE_BLOCK - 10..2 * WHOLE_BLOCK + 10;
        let err = store.read(0, range.clone()).unwrap_err();
        assert_eq!(err.to_string(), NOT_LOADED);
        let missing = store.take_missing();
        let expected: Vec<String> = (0..3).map(|n| file.block_path(n)).collect();
        assert_eq!(missing, expected);
        assert!(store.take_missing().is_empty());
        for (path, bytes) in split(&file, &content) {
            if missing.contains(&path) {
                store.add(&path, bytes.to_vec()).unwrap();
            }
        }
        assert_eq!(
            store.read(0, range.clone()).unwrap().as_slice(),
            &content[range]
        );
        // Within one block, and the short last block.
        let tail = 3 * WHOLE_BLOCK + 5..3 * WHOLE_BLOCK + 100;
        assert!(store.read(0, tail.clone()).is_err());
        store
            .add(&file.block_path(3), content[3 * WHOLE_BLOCK..].to_vec())
            .unwrap();
        assert_eq!(
            store.read(0, tail.clone()).unwrap().as_slice(),
            &content[tail]
        );
        assert!(store.read(0, 7..7).unwrap().is_empty());
    }

    #[test]
    fn files_read_in_pieces_are_cut_finer() {
        for name in ["1.term", "1.idx", "1.store"] {
            assert_eq!(block_size(name), PIECE_BLOCK, "{name}");
        }
        for name in ["1.fast", "1.fieldnorm", "meta.json", "a.bin"] {
            assert_eq!(block_size(name), WHOLE_BLOCK, "{name}");
        }
        let content: Vec<u8> = (0..PIECE_BLOCK * 2 + 7).map(|i| (i % 7) as u8).collect();
        let file = IndexFile::of("1.idx", &content);
        assert_eq!(file.blocks(), 3);
        let store = BlockStore::new(vec![file.clone()], None);
        let range = PIECE_BLOCK - 1..PIECE_BLOCK * 2 + 1;
        assert!(store.read(0, range.clone()).is_err());
        assert_eq!(store.take_missing().len(), 3);
        for (path, bytes) in split(&file, &content) {
            assert!(bytes.len() <= PIECE_BLOCK);
            store.add(&path, bytes.to_vec()).unwrap();
        }
        assert_eq!(
            store.read(0, range.clone()).unwrap().as_slice(),
            &content[range]
        );
    }

    #[test]
    fn foreign_or_truncated_blocks_are_refused() {
        let content = vec![7u8; WHOLE_BLOCK + 1];
        let (store, file) = store_of(&content);
        assert!(store.add("other.0", vec![0; WHOLE_BLOCK]).is_err());
        assert!(store.add(&file.block_path(0), vec![0; 10]).is_err());
        assert!(
            store
                .add(&file.block_path(9), vec![0; WHOLE_BLOCK])
                .is_err()
        );
        // Another build's block of the same file has another name.
        let other = IndexFile::of("a.bin", &[1, 2, 3]);
        assert_ne!(other.block_path(0), file.block_path(0));
        assert!(store.add(&other.block_path(0), vec![1, 2, 3]).is_err());
    }

    #[test]
    fn a_loader_fills_the_store_without_missing_blocks() {
        let content: Vec<u8> = (0..WHOLE_BLOCK * 2).map(|i| (i % 13) as u8).collect();
        let file = IndexFile::of("b.bin", &content);
        let blocks: HashMap<String, Vec<u8>> = split(&file, &content)
            .into_iter()
            .map(|(p, b)| (p, b.to_vec()))
            .collect();
        let store = BlockStore::new(
            vec![file],
            Some(Box::new(move |p: &str| {
                blocks
                    .get(p)
                    .cloned()
                    .ok_or_else(|| io::Error::other("no such block"))
            })),
        );
        let dir = store.directory();
        assert_eq!(dir.atomic_read(Path::new("b.bin")).unwrap(), content);
        assert!(store.take_missing().is_empty());
        assert_eq!(store.held().len(), 2);
        assert!(!dir.exists(Path::new("c.bin")).unwrap());
    }
}
