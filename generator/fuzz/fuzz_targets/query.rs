//! The shared analysis and excerpting never panic on any query or text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lexicon = bangchim_core::lexicon::Lexicon::new(4, vec!["를".to_string()]);
    let terms = bangchim_core::analysis::analyze(&lexicon, text);
    let _ = lexicon.missing_chunks(text);
    let targets: Vec<String> = terms.into_iter().map(|t| t.text).collect();
    let excerpt = bangchim_core::search::excerpt(text, &targets, 80);
    let stripped = excerpt.replace("<mark>", "").replace("</mark>", "");
    assert!(!stripped.contains('<') && !stripped.contains('>'), "unescaped markup in {excerpt:?}");
});
