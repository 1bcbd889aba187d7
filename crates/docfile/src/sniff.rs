//! Recognising a file's format: by its first bytes, then its extension.

use crate::{Error, Format};

/// How far into a file a PDF header may sit (the PDF specification lets
/// readers accept junk before `%PDF-`; 1 KiB is what Acrobat allows).
const PDF_HEADER_WINDOW: usize = 1024;

/// How much of a decoded text is examined to recognise HTML or Markdown.
const TEXT_SNIFF_CHARS: usize = 4096;

/// Formats recognised from magic bytes: PDF and zip (`.docx`). `Ok(None)`
/// means the bytes should be decoded as text. Known binary formats that are
/// not read give [`Error::Unsupported`]; a `.docx` or `.pdf` name on bytes
/// that are not one gives a corrupt-file error.
pub(crate) fn binary_format(bytes: &[u8], ext: &str) -> Result<Option<Format>, Error> {
    let window = &bytes[..bytes.len().min(PDF_HEADER_WINDOW)];
    if window.windows(5).any(|w| w == b"%PDF-") {
        return Ok(Some(Format::Pdf));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Ok(Some(Format::Docx));
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Ok(Some(Format::Doc));
    }
    const MAGIC: &[(&[u8], &str)] = &[
        (b"{\\rtf", "RTF: save it as .docx"),
        (b"\x89PNG", "PNG image: OCR it first"),
        (b"\xFF\xD8\xFF", "JPEG image: OCR it first"),
        (b"GIF8", "GIF image: OCR it first"),
        (b"II*\0", "TIFF image: OCR it first"),
        (b"MM\0*", "TIFF image: OCR it first"),
        (b"\x1F\x8B", "gzip archive: unpack it first"),
        (b"7z\xBC\xAF", "7-Zip archive: unpack it first"),
        (b"Rar!", "RAR archive: unpack it first"),
        (b"\x7FELF", "executable program"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(Error::Unsupported(what));
        }
    }
    match ext {
        "docx" | "docm" | "dotx" => Err(Error::CorruptDocx(
            "not a zip archive (a .docx file is one)".into(),
        )),
        "pdf" => Err(Error::CorruptPdf("no %PDF- header".into())),
        // A `.doc` that is not an OLE2 file is usually a web page or text
        // saved under that name: read it by its content.
        _ => Ok(None),
    }
}

/// Text formats: HTML and Markdown by extension, else by content.
pub(crate) fn text_format(text: &str, ext: &str) -> Format {
    match ext {
        "html" | "htm" | "xhtml" | "shtml" => return Format::Html,
        "md" | "markdown" => return Format::Markdown,
        _ => {}
    }
    let mut end = text.len().min(TEXT_SNIFF_CHARS);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let lower = head.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    let starts = |p: &str| {
        lower
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    if starts("<!doctype html") || starts("<html") || starts("<?xml") && head.contains("<html") {
        return Format::Html;
    }
    let low = head.to_ascii_lowercase();
    if starts("<") && (low.contains("<body") || low.contains("<head") || low.contains("<div")) {
        return Format::Html;
    }
    if crate::markdown::has_table(head) {
        return Format::Markdown;
    }
    Format::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_magic_and_extensions() {
        assert_eq!(
            binary_format(b"%PDF-1.7\n", "x").unwrap(),
            Some(Format::Pdf)
        );
        assert_eq!(
            binary_format(b"PK\x03\x04....", "x").unwrap(),
            Some(Format::Docx)
        );
        assert_eq!(binary_format(b"hello", "txt").unwrap(), None);
        assert!(matches!(
            binary_format(b"hello", "docx"),
            Err(Error::CorruptDocx(_))
        ));
        assert_eq!(
            binary_format(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "doc").unwrap(),
            Some(Format::Doc)
        );
        assert_eq!(binary_format(b"<html><p>x", "doc").unwrap(), None);
    }

    #[test]
    fn recognises_html_and_markdown_text() {
        assert_eq!(text_format("<!DOCTYPE html><p>x", "txt"), Format::Html);
        assert_eq!(
            text_format("Số 1\n| a | b |\n|---|---|\n| c | d |\n", "txt"),
            Format::Markdown
        );
        assert_eq!(text_format("Số 1 <b>", "txt"), Format::Text);
        assert_eq!(text_format("x", "htm"), Format::Html);
    }
}
