//! The bangchim searcher for the browser, built for
//! `wasm32-unknown-unknown` with wasm-bindgen.
//!
//! It compiles the same analysis pipeline as the generator
//! (`bangchim_core::analysis`), so that literal terms (phone numbers,
//! e-mail addresses, URLs, Latin words) are cut and normalised exactly as
//! they were at build time. The index reader and the dictionary-free Korean
//! analyser join it with the search feature.
#![deny(missing_docs)]

use wasm_bindgen::prelude::*;

/// Normalises a query the way the index normalised documents (NFKC, lower
/// case), so the page can show what will be searched.
#[wasm_bindgen(js_name = normalizeQuery)]
pub fn normalize_query(query: &str) -> String {
    bangchim_core::analysis::normalize(query)
}

/// The literal terms of a query (everything but Hangul, which needs the
/// Korean analyser), space-separated.
#[wasm_bindgen(js_name = literalTerms)]
pub fn literal_terms(query: &str) -> String {
    use bangchim_core::analysis::{Piece, pretokenize};
    let mut out = Vec::new();
    for piece in pretokenize(query) {
        if let Piece::Terms(terms) = piece {
            out.extend(terms.into_iter().map(|t| t.text));
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_normalised_like_documents() {
        assert_eq!(normalize_query("ＣＣＴＶ 설치"), "cctv 설치");
        assert_eq!(
            literal_terms("김종석 02-3396-8219"),
            "02-3396-8219 0233968219 3396-8219"
        );
    }
}
