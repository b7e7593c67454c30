//! bangchim (방침, "policy"): publishes Korean public agencies' privacy
//! policies as static sites with a Korean morphological search index.
//!
//! ```no_run
//! use bangchim::analysis::KoDicAnalyzer;
//!
//! // mecab-ko-dic is embedded in the binary; it is unpacked on first use.
//! let mut tokenizer = KoDicAnalyzer::embedded()?.into_tokenizer();
//! let terms: Vec<String> = tokenizer
//!     .terms("개인정보 보호책임자에게 열람을 청구할 수 있습니다")
//!     .into_iter()
//!     .map(|t| t.text)
//!     .collect();
//! assert!(terms.contains(&"보호책임자".to_string()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Modules, in the order data flows through them:
//! - [`dict`]: the Korean dictionary, embedded at compile time.
//! - [`analysis`]: lindera + ko-dic behind the analysis shared with the
//!   browser searcher (`bangchim_core::analysis`).
//! - [`model`]: agencies, policies, articles, trustees, contacts, remedies.
//! - [`import`]: scraped policy text → the model.
//! - [`content`]: the model as `content/` files (TOML + Markdown), both ways.
//! - [`compliance`]: each policy judged against the regulator's requirements
//!   by its content, with evidence.
//! - [`history`]: a policy's versions, and what changed between them.
//! - [`site`]: the static site built from `content/` with the theme.
//! - [`urls`]: addresses, anchors and labels the pages and the index share.
//! - [`index`]: the site's search files (tantivy index, lexicon, manifest),
//!   its texts tokenised ahead on every core ([`prepared`]), its words
//!   asked of ko-dic with probes after them for the browser's lexicon
//!   ([`probes`]).
#![deny(missing_docs)]

pub mod analysis;
pub mod check;
pub mod compliance;
pub mod compress;
pub mod content;
pub mod dict;
pub mod history;
pub mod import;
pub mod index;
pub mod model;
pub mod prepared;
pub mod probes;
pub mod searcher;
pub mod serve;
pub mod site;
pub mod urls;
pub mod wording;
