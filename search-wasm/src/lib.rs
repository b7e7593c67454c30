//! The bangchim searcher for the browser, built for
//! `wasm32-unknown-unknown` with wasm-bindgen.
//!
//! Everything that matters lives in `bangchim_core` (the schema, the
//! dictionary-free Korean analysis, query building, ranking, excerpts), so
//! the browser and `bangchim search` give the same answers. This crate only
//! moves bytes and JSON across the JavaScript boundary. It does no I/O: the
//! page's worker fetches the files the searcher asks for.
#![deny(missing_docs)]

use bangchim_core::search::{Request, SearchIndex, read_manifest};
use wasm_bindgen::prelude::*;

/// Collects the index files, then opens the searcher.
#[wasm_bindgen]
#[derive(Default)]
pub struct SearcherBuilder {
    files: Vec<(String, Vec<u8>)>,
}

#[wasm_bindgen]
impl SearcherBuilder {
    /// An empty builder.
    #[wasm_bindgen(constructor)]
    pub fn new() -> SearcherBuilder {
        SearcherBuilder::default()
    }

    /// Adds one index file (a name listed in the manifest's `index_files`).
    #[wasm_bindgen(js_name = addFile)]
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) {
        self.files.push((name.to_string(), bytes.to_vec()));
    }

    /// Opens the searcher. Fails plainly when the index was written by
    /// another format version.
    pub fn build(self, manifest_json: &str) -> Result<Searcher, JsError> {
        let manifest = read_manifest(manifest_json).map_err(|e| JsError::new(&e.to_string()))?;
        let index =
            SearchIndex::open(&manifest, self.files).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Searcher { index })
    }
}

/// An open index and its lexicon.
#[wasm_bindgen]
pub struct Searcher {
    index: SearchIndex,
}

#[wasm_bindgen]
impl Searcher {
    /// The lexicon chunks a query needs that are not loaded yet: fetch
    /// `search/lexicon/<n>.txt` for each and pass it to `addChunk` before
    /// searching.
    #[wasm_bindgen(js_name = missingChunks)]
    pub fn missing_chunks(&self, query: &str) -> Vec<u32> {
        self.index
            .missing_chunks(query)
            .into_iter()
            .map(|c| c as u32)
            .collect()
    }

    /// Adds one lexicon chunk.
    #[wasm_bindgen(js_name = addChunk)]
    pub fn add_chunk(&mut self, chunk: u32, text: &str) -> Result<(), JsError> {
        self.index
            .add_chunk(chunk as usize, text)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Adds the corpus's morpheme terms (the manifest's `vocabulary` file).
    #[wasm_bindgen(js_name = addVocabulary)]
    pub fn add_vocabulary(&mut self, text: &str) {
        self.index.add_vocabulary(text);
    }

    /// Runs a request given as JSON (`{"query": …, "kind": …, "agency": …,
    /// "limit": …, "typing": …}`) and returns the results as JSON. Excerpts
    /// are HTML-escaped text with `<mark>` around matches.
    pub fn search(&self, request_json: &str) -> Result<String, JsError> {
        let request: Request = serde_json::from_str(request_json)
            .map_err(|e| JsError::new(&format!("bad request: {e}")))?;
        let results = self
            .index
            .search(&request)
            .map_err(|e| JsError::new(&e.to_string()))?;
        serde_json::to_string(&results).map_err(|e| JsError::new(&e.to_string()))
    }
}

/// Normalises a query the way the index normalised documents (NFKC, lower
/// case).
#[wasm_bindgen(js_name = normalizeQuery)]
pub fn normalize_query(query: &str) -> String {
    bangchim_core::analysis::normalize(query)
}

/// The index format version this searcher reads.
#[wasm_bindgen(js_name = formatVersion)]
pub fn format_version() -> u32 {
    bangchim_core::schema::FORMAT_VERSION
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_normalised_like_documents() {
        assert_eq!(normalize_query("ＣＣＴＶ 설치"), "cctv 설치");
        assert_eq!(format_version(), bangchim_core::schema::FORMAT_VERSION);
    }
}
