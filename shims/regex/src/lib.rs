//! `regex`, answered by `regex-lite`.
//!
//! tantivy asks for `regex` with every Unicode table, and one of its
//! `Debug` impls (a facet's, reached from every `Query` vtable) compiles a
//! regex, so the browser searcher carried the whole regex compiler and
//! about 300 KB of Unicode tables it never runs. regex-lite, by the same
//! author, has the API tantivy and insta use (`Regex::new`, `replace_all`,
//! `is_match`, `escape`) without the tables. Nothing in bangchim runs a
//! regex through tantivy; insta's snapshot filters are ASCII patterns.
//!
//! The difference to know: classes such as `\w`, `\d` and `\s` are ASCII
//! only, and `\p{..}` is refused.

pub use regex_lite::*;
