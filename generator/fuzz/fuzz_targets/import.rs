//! The importer never panics and never loses a non-empty line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let imported = bangchim::import::import_text(text, &bangchim::import::ImportOptions::default());
    let lost = bangchim::import::lost_lines(text, &imported.agency.policies);
    assert!(lost.is_empty(), "lost lines: {lost:?}");
    let Some(policy) = imported.agency.policies.first() else { return };
    // What was imported must survive the content files unchanged.
    let md = bangchim::content::policy_markdown(policy);
    let (preamble, articles) =
        bangchim::content::parse_policy_markdown(std::path::Path::new("fuzz.md"), &md).expect("written content reads back");
    assert_eq!(preamble, policy.preamble);
    assert_eq!(articles, policy.articles);
});
