//! The content Markdown parser never panics on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = bangchim::content::parse_policy_markdown(std::path::Path::new("fuzz.md"), text);
});
