//! Precompressed siblings (`.gz`, `.br`) of the files a browser fetches for
//! search, for static hosts that serve them in place of the originals.
//! Both encodings are deterministic: the same bytes give the same files.

use std::cell::RefCell;
use std::fs;
use std::io::Write;
use std::path::Path;

/// Writes `<file>.gz` (gzip at libdeflate's best level) and `<file>.br`
/// (brotli at `quality`, 0–11) beside `file`.
pub fn write_siblings(file: &Path, quality: u32) -> std::io::Result<()> {
    siblings(file, quality, GZIP_BEST)
}

/// libdeflate's best level, for the few files of the theme.
const GZIP_BEST: i32 = 12;
/// libdeflate's level for a tree's files: past 9 it searches far harder
/// (level 10 takes four times as long on the index's blocks for 1.3%
/// fewer bytes).
const GZIP_TREE: i32 = 9;

/// Writes `<file>.gz` of `bytes`, the file's content, at the level of
/// [`compress_tree`], and no `.br`: what the index's blocks get. On 4 KB
/// blocks libdeflate's gzip is smaller than brotli's output at quality 5
/// (34.9% of the bytes against 35.1% on 20,000 blocks of a national
/// index) in a third of its time, so a `.br` there would cost most of a
/// large build's compressing for bigger transfers. Hosts that serve
/// precompressed files send the `.gz` to browsers that also accept brotli.
pub fn write_gzip(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    fs::write(sibling(file, "gz"), gzip_bytes(bytes, GZIP_TREE))
}

fn siblings(file: &Path, quality: u32, gzip_level: i32) -> std::io::Result<()> {
    let bytes = fs::read(file)?;
    fs::write(sibling(file, "gz"), gzip_bytes(&bytes, gzip_level))?;
    fs::write(sibling(file, "br"), brotli_bytes(&bytes, quality)?)
}

thread_local! {
    /// This thread's libdeflate compressor and its level: a compressor
    /// holds its match finder's tables (hundreds of KB at the higher
    /// levels), made once instead of for every block.
    static DEFLATE: RefCell<Option<(i32, libdeflater::Compressor)>> = const { RefCell::new(None) };
}

/// `bytes` in gzip at libdeflate's `level` (1–12), with no file name and
/// a zero time in the header.
fn gzip_bytes(bytes: &[u8], level: i32) -> Vec<u8> {
    DEFLATE.with_borrow_mut(|slot| {
        if slot.as_ref().is_none_or(|(l, _)| *l != level) {
            let lvl = libdeflater::CompressionLvl::new(level).expect("a level from 1 to 12");
            *slot = Some((level, libdeflater::Compressor::new(lvl)));
        }
        let (_, compressor) = slot.as_mut().expect("made above");
        let mut out = vec![0; compressor.gzip_compress_bound(bytes.len())];
        let n = compressor
            .gzip_compress(bytes, &mut out)
            .expect("the bound holds the output");
        out.truncate(n);
        out
    })
}

/// `bytes` in brotli at `quality`, with a 4 MB window.
fn brotli_bytes(bytes: &[u8], quality: u32) -> std::io::Result<Vec<u8>> {
    let mut br = Vec::new();
    {
        let buffer = Cells(vec![0; 1 << 16].into_boxed_slice());
        let mut w = brotli::enc::writer::CompressorWriterCustomAlloc::new(
            &mut br, buffer, Reuse, quality, 22,
        );
        w.write_all(bytes)?;
    }
    Ok(br)
}

/// Memory brotli's encoder asks of [`Reuse`].
struct Cells<T>(Box<[T]>);

impl<T> Default for Cells<T> {
    fn default() -> Self {
        Cells(Box::default())
    }
}

impl<T> brotli::SliceWrapper<T> for Cells<T> {
    fn slice(&self) -> &[T] {
        &self.0
    }
}

impl<T> brotli::SliceWrapperMut<T> for Cells<T> {
    fn slice_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

thread_local! {
    /// Hash tables an encoder gave back on this thread.
    static SPARE: std::cell::RefCell<Vec<Box<[u32]>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// brotli's allocator for many small files on one thread: it hands an
/// encoder the hash table the previous one gave back, as it was, instead
/// of a new zeroed one.
///
/// At quality 5 the encoder's hash table is a megabyte whatever the
/// input's size, and the crate's standard allocator zeroes a new one for
/// every file: for a national index's 4 KB blocks that is a sixth of the
/// time. A table's slots are read only up to the count of those written
/// since the encoder began (the counts, `u16`, are new; the C library
/// takes its tables from `malloc`), so the output is the same byte for
/// byte, and the tests compare it with the standard allocator's. Only the
/// `u32` cells of 64 KB or more, which are the tables, are reused: other
/// cells (histograms, commands) are read before they are written and
/// must come zeroed. No crate offers this: brotli's allocators are its
/// own trait.
#[derive(Clone, Copy, Default)]
struct Reuse;

/// `u32` cells at least this long are hash tables.
const TABLE_CELLS: usize = 1 << 14;
/// The spare tables kept per thread (an encoder holds one).
const SPARE_TABLES: usize = 2;

impl<T: Clone + Default + 'static> brotli::Allocator<T> for Reuse {
    type AllocatedMemory = Cells<T>;

    fn alloc_cell(&mut self, len: usize) -> Cells<T> {
        let table = |spare: &mut Vec<Box<[u32]>>| {
            let at = spare.iter().position(|s| s.len() == len)?;
            let table: Box<dyn std::any::Any> = Box::new(spare.swap_remove(at));
            table.downcast::<Box<[T]>>().ok()
        };
        match is_table::<T>(len)
            .then(|| SPARE.with_borrow_mut(table))
            .flatten()
        {
            Some(cells) => Cells(*cells),
            None => Cells(vec![T::default(); len].into_boxed_slice()),
        }
    }

    fn free_cell(&mut self, cells: Cells<T>) {
        if !is_table::<T>(cells.0.len()) {
            return;
        }
        let cells: Box<dyn std::any::Any> = Box::new(cells.0);
        if let Ok(table) = cells.downcast::<Box<[u32]>>() {
            SPARE.with_borrow_mut(|spare| {
                if spare.len() < SPARE_TABLES {
                    spare.push(*table);
                }
            });
        }
    }
}

/// Whether `len` cells of `T` are a hash table.
fn is_table<T: 'static>(len: usize) -> bool {
    std::any::TypeId::of::<T>() == std::any::TypeId::of::<u32>() && len >= TABLE_CELLS
}

impl brotli::enc::BrotliAlloc for Reuse {}

/// `name.ext` → `name.ext.<suffix>`.
pub fn sibling(file: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    name.into()
}

/// Writes `.gz` and `.br` siblings of every file under `dir` (recursively)
/// for which `quality` gives brotli's quality (`None`: no siblings), gzip
/// at libdeflate's level 9.
pub fn compress_tree(dir: &Path, quality: &dyn Fn(&Path) -> Option<u32>) -> std::io::Result<()> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d)? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            } else if !matches!(p.extension().and_then(|x| x.to_str()), Some("gz" | "br"))
                && let Some(q) = quality(&p)
            {
                files.push((p, q));
            }
        }
    }
    // On every core, the slowest (brotli's highest qualities) first, so
    // that no core is left alone with them at the end.
    files.sort_by_key(|(_, q)| std::cmp::Reverse(*q));
    files
        .par_iter()
        .try_for_each(|(p, q)| siblings(p, *q, GZIP_TREE))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn siblings_decompress_to_the_original_and_are_deterministic() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        let text = "개인정보 처리방침 ".repeat(500);
        fs::write(&f, &text).unwrap();
        write_siblings(&f, 9).unwrap();
        let gz = fs::read(sibling(&f, "gz")).unwrap();
        let br = fs::read(sibling(&f, "br")).unwrap();
        assert_eq!(gunzip(&gz), text.as_bytes());
        let mut back = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        assert!(br.len() < text.len() / 10);
        write_siblings(&f, 9).unwrap();
        assert_eq!(fs::read(sibling(&f, "gz")).unwrap(), gz);
        assert_eq!(fs::read(sibling(&f, "br")).unwrap(), br);
    }

    /// What brotli's own allocator gives, every cell new and zeroed.
    fn standard_brotli(bytes: &[u8], quality: u32) -> Vec<u8> {
        let mut br = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut br, 1 << 16, quality, 22);
            w.write_all(bytes).unwrap();
        }
        br
    }

    #[test]
    fn reused_tables_give_the_bytes_new_ones_give() {
        // The theme's files at quality 9, then texts of different sizes
        // at the qualities the build uses, twice over, each encoder
        // getting what the previous ones gave back: on a thread of its
        // own, as the build's threads are.
        let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("../themes/default/static");
        let mut inputs: Vec<(Vec<u8>, u32)> =
            ["style.css", "search.js", "search-worker.js", "filter.js"]
                .iter()
                .map(|f| (fs::read(theme.join(f)).unwrap(), 9))
                .collect();
        inputs.extend((0..10u32).map(|i| {
            let word = ["개인정보 ", "수탁자 ", "0123 "][i as usize % 3];
            let mut t = word.repeat(40 + 300 * i as usize).into_bytes();
            t.extend((0..3000 * i).map(|n| (n.wrapping_mul(2654435761) >> 13) as u8));
            (t, [5, 9, 11][i as usize % 3])
        }));
        std::thread::spawn(move || {
            for round in 0..2 {
                for (n, (t, quality)) in inputs.iter().enumerate() {
                    assert_eq!(
                        brotli_bytes(t, *quality).unwrap(),
                        standard_brotli(t, *quality),
                        "round {round}, input {n} at quality {quality}"
                    );
                }
            }
            assert!(SPARE.with_borrow(|spare| !spare.is_empty()));
        })
        .join()
        .unwrap();
    }

    fn gunzip(gz: &[u8]) -> Vec<u8> {
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(gz)
            .read_to_end(&mut back)
            .unwrap();
        back
    }

    #[test]
    fn a_tree_gets_the_siblings_chosen_for_each_file() {
        let dir = tempfile::tempdir().unwrap();
        let text = "개인정보의 처리 목적 ".repeat(300);
        for f in ["a.store.0", "preloaded.0", "terms.txt", "index.html"] {
            fs::write(dir.path().join(f), format!("{f} {text}")).unwrap();
        }
        write_gzip(&dir.path().join("a.store.0"), b"not what the file holds").unwrap();
        compress_tree(
            dir.path(),
            &|p| match p.file_name().unwrap().to_str().unwrap() {
                "preloaded.0" => Some(11),
                "terms.txt" => Some(5),
                _ => None,
            },
        )
        .unwrap();
        for (f, br) in [
            ("preloaded.0", true),
            ("terms.txt", true),
            ("index.html", false),
        ] {
            let file = dir.path().join(f);
            assert_eq!(sibling(&file, "gz").exists(), br, "{f}.gz");
            assert_eq!(sibling(&file, "br").exists(), br, "{f}.br");
            if br {
                let original = fs::read(&file).unwrap();
                let packed = fs::read(sibling(&file, "gz")).unwrap();
                assert_eq!(gunzip(&packed), original, "{f}");
                assert!(packed.len() * 10 < text.len(), "{f}: {} B", packed.len());
                let packed = fs::read(sibling(&file, "br")).unwrap();
                let mut back = Vec::new();
                brotli::Decompressor::new(&packed[..], 4096)
                    .read_to_end(&mut back)
                    .unwrap();
                assert_eq!(back, original, "{f}");
            }
        }
        // A file left out keeps what was written beside it.
        let store = dir.path().join("a.store.0");
        assert_eq!(
            gunzip(&fs::read(sibling(&store, "gz")).unwrap()),
            b"not what the file holds"
        );
        assert!(!sibling(&store, "br").exists());
    }

    /// One thread's compressor is remade when the level changes, and the
    /// same level gives the same bytes after another level was used.
    #[test]
    fn gzip_levels_alternate_on_one_thread() {
        let text = "수탁자 피씨엔 위탁업무 전산시스템 유지보수 ".repeat(200);
        let at_9 = gzip_bytes(text.as_bytes(), 9);
        let at_12 = gzip_bytes(text.as_bytes(), 12);
        assert_eq!(gunzip(&at_9), text.as_bytes());
        assert_eq!(gunzip(&at_12), text.as_bytes());
        assert_eq!(gzip_bytes(text.as_bytes(), 9), at_9);
    }
}
