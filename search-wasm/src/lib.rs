//! The bangchim searcher for the browser, built for
//! `wasm32-unknown-unknown` with wasm-bindgen.
//!
//! Everything that matters lives in `bangchim_core` (the schema, the
//! dictionary-free Korean analysis, query building, ranking, excerpts), so
//! the browser and `bangchim search` give the same answers. This crate only
//! moves bytes and JSON across the JavaScript boundary. It does no I/O: the
//! page's worker fetches the files the searcher asks for.
#![deny(missing_docs)]

use std::sync::Arc;

use bangchim_core::blocks::BlockStore;
use bangchim_core::search::{Manifest, Request, SearchError, SearchIndex, read_manifest};
use wasm_bindgen::prelude::*;

/// The searcher: holds the index blocks fetched so far and, once they
/// suffice, the open index.
///
/// `open` and `search` answer JSON. When the answer is `{"need": [paths]}`,
/// fetch `search/index/<path>` for each, pass them to `addBlock` and call
/// again: the index is fetched block by block as queries read it.
#[wasm_bindgen]
pub struct Searcher {
    manifest: Manifest,
    store: Arc<BlockStore>,
    index: Option<SearchIndex>,
}

fn js(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// NFKC by the JavaScript engine: the searcher then carries no Unicode
/// normalisation tables, and agrees with the build's unicode-normalization
/// wherever the two Unicode versions do.
fn nfkc(s: &str) -> String {
    js_sys::JsString::from(s).normalize("NFKC").into()
}

fn need(blocks: Vec<String>) -> String {
    serde_json::json!({ "need": blocks }).to_string()
}

#[wasm_bindgen]
impl Searcher {
    /// A searcher for the index this manifest describes, holding no block
    /// yet. Fails plainly when the index was written by another format
    /// version.
    #[wasm_bindgen(constructor)]
    pub fn new(manifest_json: &str) -> Result<Searcher, JsError> {
        bangchim_core::analysis::set_nfkc(nfkc);
        let manifest = read_manifest(manifest_json).map_err(js)?;
        let store = BlockStore::new(manifest.index_files.clone(), None);
        Ok(Searcher {
            manifest,
            store,
            index: None,
        })
    }

    /// The blocks every query reads: fetch them before the first `open`.
    pub fn preload(&self) -> Vec<String> {
        self.manifest.preload.clone()
    }

    /// Adds one fetched block (a path from `preload` or a `need` answer).
    #[wasm_bindgen(js_name = addBlock)]
    pub fn add_block(&mut self, path: &str, bytes: Vec<u8>) -> Result<(), JsError> {
        self.store.add(path, bytes).map_err(js)
    }

    /// Opens the index: `{"ready": true}` or `{"need": [...]}`.
    pub fn open(&mut self) -> Result<String, JsError> {
        if self.index.is_none() {
            match SearchIndex::open(&self.manifest, self.store.clone()) {
                Ok(index) => self.index = Some(index),
                Err(SearchError::Missing(blocks)) => return Ok(need(blocks)),
                Err(e) => return Err(js(e)),
            }
        }
        Ok(r#"{"ready":true}"#.to_string())
    }

    fn index(&mut self) -> Result<&mut SearchIndex, JsError> {
        self.index
            .as_mut()
            .ok_or_else(|| JsError::new("the index is not open yet: call open() until it is ready"))
    }

    /// The lexicon chunks a query needs that are not loaded yet: fetch
    /// `search/lexicon/<n>.txt` for each and pass it to `addChunk` before
    /// searching.
    #[wasm_bindgen(js_name = missingChunks)]
    pub fn missing_chunks(&mut self, query: &str) -> Result<Vec<u32>, JsError> {
        Ok(self
            .index()?
            .missing_chunks(query)
            .into_iter()
            .map(|c| c as u32)
            .collect())
    }

    /// Adds one lexicon chunk.
    #[wasm_bindgen(js_name = addChunk)]
    pub fn add_chunk(&mut self, chunk: u32, text: &str) -> Result<(), JsError> {
        self.index()?.add_chunk(chunk as usize, text).map_err(js)
    }

    /// Adds the corpus's morpheme terms (the manifest's `vocabulary` file).
    #[wasm_bindgen(js_name = addVocabulary)]
    pub fn add_vocabulary(&mut self, text: &str) -> Result<(), JsError> {
        self.index()?.add_vocabulary(text);
        Ok(())
    }

    /// Whether `query` has a word of initial consonants (`ㄱㅇㅈㅂ`) and
    /// the table of initials is not loaded: fetch the manifest's `initials`
    /// file and pass it to `addInitials` before searching.
    #[wasm_bindgen(js_name = needsInitials)]
    pub fn needs_initials(&mut self, query: &str) -> Result<bool, JsError> {
        Ok(self.index()?.needs_initials(query))
    }

    /// Adds the table of initials (the manifest's `initials` file).
    #[wasm_bindgen(js_name = addInitials)]
    pub fn add_initials(&mut self, text: &str) -> Result<(), JsError> {
        self.index()?.add_initials(text);
        Ok(())
    }

    /// The first `limit` documents of a hit's wording group (`group`), the
    /// agencies in `prefer_json` (a JSON array of full names) first, then
    /// by agency name: a JSON array of `{agency, policy, url}`, or
    /// `{"need": [...]}`.
    pub fn members(
        &mut self,
        group: f64,
        prefer_json: &str,
        limit: u32,
    ) -> Result<String, JsError> {
        // A JavaScript number: group ids are document numbers, far below 2^53.
        let group = group as u64;
        let prefer: Vec<String> = serde_json::from_str(prefer_json)
            .map_err(|e| JsError::new(&format!("bad agency list: {e}")))?;
        match self.index()?.members(group, &prefer, limit as usize) {
            Ok(members) => serde_json::to_string(&members).map_err(js),
            Err(SearchError::Missing(blocks)) => Ok(need(blocks)),
            Err(e) => Err(js(e)),
        }
    }

    /// Runs a request given as JSON (`{"query": …, "kind": …, "agency": …,
    /// "limit": …, "typing": …, "literal": […]}`) and returns the results as JSON, or
    /// `{"need": [...]}`. Excerpts are HTML-escaped text with `<mark>`
    /// around matches.
    pub fn search(&mut self, request_json: &str) -> Result<String, JsError> {
        let request: Request = serde_json::from_str(request_json)
            .map_err(|e| JsError::new(&format!("bad request: {e}")))?;
        match self.index()?.search(&request) {
            Ok(results) => serde_json::to_string(&results).map_err(js),
            Err(SearchError::Missing(blocks)) => Ok(need(blocks)),
            Err(e) => Err(js(e)),
        }
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
