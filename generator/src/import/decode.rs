//! Decoding a source file's bytes to text.
//!
//! Saved agency pages and scraped texts come as UTF-8, as UTF-16 from some
//! Windows tools, or, for older Korean sites, as EUC-KR/CP949. [`decode`]
//! tries, in order: a UTF-8 BOM or valid UTF-8; a UTF-16 BOM; for HTML, the
//! charset the page declares (`<meta charset>`, `http-equiv`, or an XML
//! declaration, in its first 4 KiB); CP949 (`encoding_rs::EUC_KR`, which is
//! the Windows-949 superset of EUC-KR). Nothing is replaced silently: if no
//! encoding reads all of the bytes, the error names the line and byte column
//! where the most successful attempt stopped.

use encoding_rs::{DecoderResult, EUC_KR, Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// A file's text and the encoding it was read with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text, without any byte order mark.
    pub text: String,
    /// The encoding's WHATWG name: `"UTF-8"`, `"UTF-16LE"`, `"UTF-16BE"`,
    /// `"EUC-KR"` (read as CP949), or a charset an HTML page declared.
    pub encoding: &'static str,
}

/// Why a file's bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// No encoding tried reads every byte; the position is where the
    /// encoding that read furthest (named) met its first undecodable byte.
    #[error(
        "undecodable bytes at line {line}, byte column {column} (byte offset {offset}): \
         not valid {encoding}; tried UTF-8, the declared charset if any, and CP949/EUC-KR"
    )]
    Undecodable {
        /// The encoding whose error is reported.
        encoding: &'static str,
        /// 1-based line number.
        line: usize,
        /// 1-based byte column within that line.
        column: usize,
        /// 0-based byte offset in the file.
        offset: usize,
    },
    /// The file starts with a UTF-16 byte order mark but is not valid UTF-16.
    #[error("invalid {encoding} at line {line}, byte column {column} (byte offset {offset})")]
    InvalidUtf16 {
        /// `"UTF-16LE"` or `"UTF-16BE"`.
        encoding: &'static str,
        /// 1-based line number.
        line: usize,
        /// 1-based byte column within that line (counting the BOM on line 1).
        column: usize,
        /// 0-based byte offset in the file.
        offset: usize,
    },
}

/// Decodes a file's bytes (see module docs for the order tried).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok(Decoded {
                text: s.to_string(),
                encoding: UTF_8.name(),
            }),
            Err(e) => {
                let off = 3 + e.valid_up_to();
                Err(undecodable(bytes, UTF_8.name(), off))
            }
        };
    }
    for (bom, enc) in [(&b"\xFF\xFE"[..], UTF_16LE), (&b"\xFE\xFF"[..], UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return match strict(enc, rest) {
                Ok(text) => Ok(Decoded {
                    text,
                    encoding: enc.name(),
                }),
                Err((off, partial)) => {
                    let line = partial.matches('\n').count() + 1;
                    let last = partial.rsplit('\n').next().unwrap_or("");
                    let units: usize = last.chars().map(char::len_utf16).sum();
                    let bom_bytes = if line == 1 { 2 } else { 0 };
                    Err(DecodeError::InvalidUtf16 {
                        encoding: enc.name(),
                        line,
                        column: units * 2 + bom_bytes + 1,
                        offset: off + 2,
                    })
                }
            };
        }
    }
    let utf8_err = match std::str::from_utf8(bytes) {
        Ok(s) => {
            return Ok(Decoded {
                text: s.to_string(),
                encoding: UTF_8.name(),
            });
        }
        Err(e) => e.valid_up_to(),
    };
    // The furthest any attempt got: (offset, encoding).
    let mut furthest = (utf8_err, UTF_8.name());
    if let Some(enc) = declared_charset(bytes)
        && enc != UTF_8
        && enc != EUC_KR
    {
        match strict(enc, bytes) {
            Ok(text) => {
                return Ok(Decoded {
                    text,
                    encoding: enc.name(),
                });
            }
            Err((off, _)) => {
                if off >= furthest.0 {
                    furthest = (off, enc.name());
                }
            }
        }
    }
    match strict(EUC_KR, bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: EUC_KR.name(),
        }),
        Err((off, _)) => {
            if off > furthest.0 {
                furthest = (off, EUC_KR.name());
            }
            Err(undecodable(bytes, furthest.1, furthest.0))
        }
    }
}

fn undecodable(bytes: &[u8], encoding: &'static str, offset: usize) -> DecodeError {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    DecodeError::Undecodable {
        encoding,
        line,
        column: offset - line_start + 1,
        offset,
    }
}

/// Decodes all of `bytes` (no BOM handling) or returns the byte offset of the
/// first malformed sequence and the text decoded before it.
fn strict(enc: &'static Encoding, bytes: &[u8]) -> Result<String, (usize, String)> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut out = String::with_capacity(cap);
    let mut read_total = 0usize;
    loop {
        let input = bytes.get(read_total..).unwrap_or(&[]);
        let (result, read) = decoder.decode_to_string_without_replacement(input, &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => out.reserve(input.len().saturating_sub(read) * 3 + 16),
            DecoderResult::Malformed(bad, extra) => {
                // `read` includes the malformed bytes and `extra` bytes after them.
                let off = read_total.saturating_sub(bad as usize + extra as usize);
                return Err((off, out));
            }
        }
    }
}

/// The charset an HTML page declares in its first 4 KiB, if `encoding_rs`
/// knows it. UTF-16 labels mean UTF-8 here, as in browsers.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..4096).unwrap_or(bytes);
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut pos = 0;
    // `<meta … charset=X` (covers both `<meta charset>` and http-equiv
    // `content="text/html; charset=X"`), and `<?xml … encoding="X"`.
    let mut found: Option<&'static Encoding> = None;
    while let Some(i) = find(&lower, b"<meta", pos) {
        let end = find(&lower, b">", i).unwrap_or(lower.len());
        let tag = lower.get(i..end).unwrap_or(&[]);
        if let Some(enc) = find(tag, b"charset", 0).and_then(|c| value_after(tag, c + 7)) {
            found = Some(enc);
            break;
        }
        pos = end;
    }
    if found.is_none()
        && let Some(i) = find(&lower, b"<?xml", 0)
    {
        let end = find(&lower, b"?>", i).unwrap_or(lower.len());
        let decl = lower.get(i..end).unwrap_or(&[]);
        found = find(decl, b"encoding", 0).and_then(|c| value_after(decl, c + 8));
    }
    found.map(|e| {
        if e == UTF_16LE || e == UTF_16BE {
            UTF_8
        } else {
            e
        }
    })
}

/// Reads `= "label"` (quotes optional) at `at` and looks the label up.
fn value_after(s: &[u8], at: usize) -> Option<&'static Encoding> {
    let rest = s.get(at..)?;
    let rest = trim_start(rest);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    Encoding::for_label(rest.get(..len)?)
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    s.get(n..).unwrap_or(&[])
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let h = hay.get(from..)?;
    if needle.is_empty() || h.len() < needle.len() {
        return None;
    }
    h.windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_with_bom() {
        let d = decode("제1조 (목적)\n".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("제1조 (목적)\n", "UTF-8"));
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice("개인정보".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("개인정보", "UTF-8"));
        assert_eq!(decode(b"").unwrap().text, "");
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "처리방침\n".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("처리방침\n", "UTF-16LE"));
        let mut b = vec![0xFE, 0xFF];
        for u in "똠방각하".encode_utf16() {
            b.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&b).unwrap().encoding, "UTF-16BE");
        // A lone high surrogate on line 2.
        let bad = [0xFF, 0xFE, b'a', 0, b'\n', 0, b'b', 0, 0x00, 0xD8, b'c', 0];
        match decode(&bad) {
            Err(DecodeError::InvalidUtf16 { line, column, .. }) => {
                assert_eq!((line, column), (2, 3))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn cp949_bytes() {
        // 똠 and 햏 are outside KS X 1001: only CP949 (Windows-949) has them.
        let text = "개인정보 처리방침\n제1조 똠햏 (목적)\n";
        let (bytes, _, had_errors) = EUC_KR.encode(text);
        assert!(!had_errors);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "EUC-KR"));
    }

    #[test]
    fn declared_charset_is_used_for_html() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\"></head><body>개인정보</body></html>";
        let (bytes, _, _) = EUC_KR.encode(page);
        assert_eq!(decode(&bytes).unwrap().text, page);
        let page = "<html><head><meta charset='windows-1252'></head><body>caf\u{e9}</body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (page, "windows-1252"));
    }

    #[test]
    fn invalid_bytes_name_the_line() {
        let mut b = "첫째 줄\n둘째 줄\n".as_bytes().to_vec();
        b.extend_from_slice(b"ab\xFF\xFFcd\n");
        match decode(&b) {
            Err(DecodeError::Undecodable { line, column, .. }) => {
                assert_eq!((line, column), (3, 3))
            }
            other => panic!("{other:?}"),
        }
        let msg = decode(&b).unwrap_err().to_string();
        assert!(msg.contains("line 3"), "{msg}");
        // CP949 text with one broken byte: CP949 reads further, so it is named.
        let mut b = EUC_KR.encode("가나다\n라마바\n사").0.into_owned();
        b.push(0xFF);
        match decode(&b) {
            Err(DecodeError::Undecodable {
                encoding,
                line,
                column,
                ..
            }) => {
                assert_eq!((encoding, line, column), ("EUC-KR", 3, 3))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn euc_kr_fixture_decodes_like_its_utf8_twin() {
        let euc = include_bytes!("../../../tests/fixtures/html/namyangju-euckr.html");
        let utf = include_str!("../../../tests/fixtures/html/namyangju.html");
        let d = decode(euc).unwrap();
        assert_eq!(d.encoding, "EUC-KR");
        let body = |s: &str| {
            s.get(s.find("<body").unwrap_or(0)..)
                .unwrap_or("")
                .to_string()
        };
        assert_eq!(body(&d.text), body(utf));
    }

    #[test]
    fn arbitrary_bytes_do_not_panic() {
        let mut x: u32 = 12345;
        for len in 0..200 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (x >> 16) as u8
                })
                .collect();
            let _ = decode(&bytes);
            let mut html = b"<meta charset=".to_vec();
            html.extend_from_slice(&bytes);
            let _ = decode(&html);
        }
    }
}
