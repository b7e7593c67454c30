//! What the bangchim generator and its browser searcher must agree on,
//! compiled into both: the Korean analysis pipeline, the dictionary-free
//! query analyser ([`lexicon`]), the index format ([`schema`], published
//! as [`blocks`]) and the searcher ([`search`]).
//!
//! ```
//! use std::sync::Arc;
//! use bangchim_core::analysis::{analyze, FormAnalyzer, Term};
//!
//! /// A stand-in for the real morphological analyser.
//! struct Whole;
//! impl FormAnalyzer for Whole {
//!     fn analyze_run(&self, run: &str) -> Vec<Term> {
//!         vec![Term { text: run.into(), start: 0, end: run.len(), same_position: false }]
//!     }
//! }
//!
//! let terms: Vec<String> = analyze(&Whole, "담당자 02-3396-8219")
//!     .into_iter()
//!     .map(|t| t.text)
//!     .collect();
//! assert_eq!(terms, ["담당자", "02-3396-8219", "0233968219", "3396-8219"]);
//! ```
//!
//! The build side plugs lindera with ko-dic into [`analysis::FormAnalyzer`]
//! (in the `bangchim` crate); the browser side plugs in a dictionary-free
//! one. Everything else about turning text into terms lives here, once.
#![deny(missing_docs)]

pub mod analysis;
pub mod blocks;
pub mod grouped;
pub mod intent;
pub mod jamo;
pub mod lexicon;
pub mod light_verbs;
pub mod pairs;
pub mod questions;
pub mod ranked;
pub mod schema;
pub mod search;
pub mod synonyms;
pub mod typo;
