//! vanban::parse on arbitrary UTF-8 text: it must never panic, and its
//! document must always serialise.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let parsed = vanban::parse(text);
        let json = serde_json::to_string(&parsed.document);
        assert!(json.is_ok(), "document does not serialise: {json:?}");
    }
});
