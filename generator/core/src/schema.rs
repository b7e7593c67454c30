//! The search index format, shared by the writer (the generator) and the
//! readers (the wasm searcher, `bangchim search`): field names, document
//! kinds, the tokenizer name, and the version both sides must agree on.

use tantivy::schema::{
    FAST, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};

/// Version of the index format: the schema, the lexicon files and the
/// analysis. A reader refuses an index of another version.
pub const FORMAT_VERSION: u32 = 6;

/// Name under which the Korean tokenizer is registered.
pub const TOKENIZER: &str = "ko";

/// Name under which the tokenizer of adjacent term pairs is registered
/// (the Korean tokenizer's tokens, paired: [`crate::pairs`]).
pub const PAIRS_TOKENIZER: &str = "ko_pairs";

/// Folder of the search files inside the built site.
pub const SEARCH_DIR: &str = "search";

/// File (in [`SEARCH_DIR`]) that lists the index files and the format version.
pub const MANIFEST: &str = "manifest.json";

/// Field names.
pub mod field {
    /// Document kind ([`super::DocKind::as_str`]).
    pub const KIND: &str = "kind";
    /// Agency full name.
    pub const AGENCY: &str = "agency";
    /// Policy title (and site).
    pub const POLICY: &str = "policy";
    /// Metropolitan region.
    pub const REGION: &str = "region";
    /// Standard article category (articles only).
    pub const CATEGORY: &str = "category";
    /// Title of the hit (article heading, company, person).
    pub const TITLE: &str = "title";
    /// The searchable text.
    pub const TEXT: &str = "text";
    /// The title's adjacent term pairs, for quoted phrases (not stored).
    pub const TITLE_PAIRS: &str = "title_pairs";
    /// The text's adjacent term pairs, for quoted phrases (not stored).
    pub const TEXT_PAIRS: &str = "text_pairs";
    /// Deep link, relative to the site's base path.
    pub const URL: &str = "url";
    /// Wording group: documents of one kind whose text is the same (or
    /// nearly) once agency names, numbers and spacing are set aside share
    /// it, and come back as one result. Numbered from 0; a document whose
    /// wording is its own has none (it is a group of its own).
    pub const GROUP: &str = "group";
    /// How many documents share the group (stored, shown with a hit).
    pub const GROUP_SIZE: &str = "group_size";
    /// How many agencies those documents belong to (stored).
    pub const GROUP_AGENCIES: &str = "group_agencies";
}

/// What a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// An article (조항) of a policy.
    Article,
    /// A trustee row (수탁자).
    Trustee,
    /// A privacy officer, contact or desk (연락처).
    Contact,
    /// An outside remedy body (구제 기관).
    Remedy,
}

impl DocKind {
    /// Every kind.
    pub const ALL: [DocKind; 4] = [
        DocKind::Article,
        DocKind::Trustee,
        DocKind::Contact,
        DocKind::Remedy,
    ];

    /// Its value in the `kind` field.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Article => "article",
            DocKind::Trustee => "trustee",
            DocKind::Contact => "contact",
            DocKind::Remedy => "remedy",
        }
    }

    /// Reads a `kind` field value.
    pub fn parse(s: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Korean label for the UI.
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Article => "조항",
            DocKind::Trustee => "수탁자",
            DocKind::Contact => "연락처",
            DocKind::Remedy => "구제 기관",
        }
    }
}

/// The index schema.
pub fn schema() -> Schema {
    let mut b = Schema::builder();
    // No positions: phrases are found by their pairs of adjacent terms.
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        )
        .set_stored();
    // A phrase's pairs only select and add a score beside its words: no
    // field norms to fetch.
    let pairs = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(PAIRS_TOKENIZER)
            .set_fieldnorms(false)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    // Filters match whole values and never score: no field norms to fetch.
    let exact = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_fieldnorms(false)
                .set_index_option(IndexRecordOption::Basic),
        )
        .set_stored();
    for f in [field::REGION, field::CATEGORY] {
        b.add_text_field(f, exact.clone());
    }
    // Kinds and agencies are counted for the facets from columns.
    b.add_text_field(field::KIND, exact.clone().set_fast("raw"));
    b.add_text_field(field::AGENCY, exact.set_fast("raw"));
    b.add_text_field(field::POLICY, STORED);
    b.add_text_field(field::URL, STORED);
    b.add_text_field(field::TITLE, text.clone());
    b.add_text_field(field::TEXT, text);
    b.add_text_field(field::TITLE_PAIRS, pairs.clone());
    b.add_text_field(field::TEXT_PAIRS, pairs);
    b.add_u64_field(field::GROUP, INDEXED | FAST);
    b.add_u64_field(field::GROUP_SIZE, STORED);
    b.add_u64_field(field::GROUP_AGENCIES, STORED);
    b.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in DocKind::ALL {
            assert_eq!(DocKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn every_field_is_in_the_schema() {
        let s = schema();
        for f in [
            field::KIND,
            field::AGENCY,
            field::POLICY,
            field::REGION,
            field::CATEGORY,
            field::TITLE,
            field::TEXT,
            field::TITLE_PAIRS,
            field::TEXT_PAIRS,
            field::URL,
            field::GROUP,
            field::GROUP_SIZE,
            field::GROUP_AGENCIES,
        ] {
            assert!(s.get_field(f).is_ok(), "{f}");
        }
    }
}
