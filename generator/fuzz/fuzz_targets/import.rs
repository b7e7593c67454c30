//! The importer never panics and never loses a non-empty line, whatever
//! bytes it is given: they are decoded (UTF-8, UTF-16, CP949/EUC-KR) and,
//! when they look like HTML, turned into text first, as `bangchim import`
//! does with a file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = bangchim::import::decode::decode(data) else { return };
    let text = if bangchim::import::html::looks_like_html(&decoded.text) {
        bangchim::import::html::html_to_text(&decoded.text).text
    } else {
        decoded.text
    };
    let imported = bangchim::import::import_text(&text, &bangchim::import::ImportOptions::default());
    let lost = bangchim::import::lost_lines(&text, &imported.agency.policies);
    assert!(lost.is_empty() || imported.agency.policies.is_empty(), "lost lines: {lost:?}");
    // What was imported must survive the content files unchanged.
    for policy in &imported.agency.policies {
        let md = bangchim::content::policy_markdown(policy);
        let (preamble, articles) =
            bangchim::content::parse_policy_markdown(std::path::Path::new("fuzz.md"), &md).expect("written content reads back");
        assert_eq!(preamble, policy.preamble);
        assert_eq!(articles, policy.articles);
    }
});
