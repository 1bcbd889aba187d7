//! docfile::read on arbitrary bytes under several file names: it must never
//! panic, and text it returns must be NFC with `\n` line ends.
//!
//! Bytes that start like a PDF are skipped: docfile hands PDFs to the
//! `pdftotext` process, so fuzzing them would fuzz poppler, not this code.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 6] = ["a.txt", "a.docx", "a.html", "a.md", "a", "a.pdf"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    if bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        return;
    }
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let mut opts = docfile::Options::default();
    if pick >= 0xF0 {
        opts = opts.with_encoding(docfile::Encoding::ALL.get(usize::from(pick & 0x07)).copied());
    }
    if let Ok(got) = docfile::read(bytes, name, &opts) {
        assert!(!got.text.contains('\r'), "CR left in text");
        assert!(
            unicode_normalization::is_nfc(&got.text),
            "text is not NFC"
        );
        assert!(!got.text.trim().is_empty(), "empty text returned as success");
    }
});
