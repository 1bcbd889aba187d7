//! `docfile` turns the bytes of a document file into NFC text with
//! [`read`], returning an [`Extracted`] (text, [`Format`], [`Encoding`],
//! warnings) or a typed [`Error`] that says what is wrong with the file.
//!
//! Formats are recognised by content and then by the file name's extension:
//! plain text, HTML (page clutter stripped), `.docx` (paragraphs and tables),
//! legacy Word `.doc` (the piece table's text), PDF (text layer), Markdown
//! (tables flattened into lines). Encodings are
//! detected (or forced with [`Options::encoding`]): UTF-8, UTF-16,
//! Windows-1258, and the legacy font encodings TCVN3 and VNI, chosen by the
//! fonts a `.docx` or HTML file names or by the share of well-formed
//! Vietnamese syllables each candidate decoding yields.
//!
//! Every input limit is a named constant below, with its reason. Nothing in
//! this crate panics on input: corrupt or unsupported files are errors.

mod doc;
mod docx;
mod encoding;
mod html;
mod layout;
mod legacy;
mod markdown;
mod numbering;
mod pdf;
mod sniff;
mod viet;
mod zipread;

use std::time::Duration;

pub use encoding::Encoding;
pub use html::MAX_HTML_DEPTH;
pub use pdf::MAX_PDF_TEXT;
pub use zipread::{
    MAX_DECOMPRESSED_SIZE, MAX_ZIP_ENTRIES, MAX_ZIP_ENTRY_SIZE, MAX_ZIP_RATIO, ZIP_RATIO_FLOOR,
};

/// Largest file accepted, in bytes. Real documents (even scanned PDFs with a
/// text layer) stay far below; a larger file is a mistake or an attack, and
/// the whole file is held in memory.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// How long `pdftotext` may run on one file before it is killed: a large
/// legitimate PDF takes a few seconds; a hostile one can take forever.
pub const PDFTOTEXT_TIMEOUT: Duration = Duration::from_secs(30);

/// What the file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Plain text (including `pdftotext` output).
    Text,
    /// An HTML page.
    Html,
    /// A Word `.docx` (Office Open XML) document.
    Docx,
    /// A legacy Word `.doc` (Word 97–2003 binary) document.
    Doc,
    /// A PDF with a text layer.
    Pdf,
    /// Markdown (tables flattened into lines).
    Markdown,
}

impl Format {
    /// The format's short name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Doc => "doc",
            Format::Pdf => "pdf",
            Format::Markdown => "markdown",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How to read a file.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Options {
    /// Decode text with this encoding instead of detecting it.
    pub encoding: Option<Encoding>,
}

impl Options {
    /// Options that force an encoding (or detect it, with `None`).
    pub fn with_encoding(mut self, encoding: Option<Encoding>) -> Self {
        self.encoding = encoding;
        self
    }
}

/// The text of a document and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Extracted {
    /// The document's text in Unicode NFC, lines separated by `\n`.
    pub text: String,
    /// The file's format.
    pub format: Format,
    /// The encoding the text was in (for `.docx`, a legacy font's encoding
    /// when one was decoded).
    pub encoding: Encoding,
    /// Things that went wrong without stopping the read.
    pub warnings: Vec<String>,
}

/// Why a file could not be read. The messages say what is wrong; callers add
/// the file's name.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file has no bytes.
    #[error("the file is empty")]
    Empty,
    /// The file is larger than [`MAX_FILE_SIZE`].
    #[error("the file is too large: {size} bytes (the limit is {limit} bytes)")]
    TooLarge {
        /// The file's size.
        size: u64,
        /// The limit it exceeds.
        limit: u64,
    },
    /// The bytes are binary data, not text in any known encoding.
    #[error("binary data, not a text document")]
    Binary,
    /// A known format that is not read.
    #[error("unsupported format: {0}")]
    Unsupported(&'static str),
    /// The decoded file holds no text.
    #[error("no text in the document")]
    NoText,
    /// An encoding name that is not known.
    #[error("unknown encoding {0:?} (known: utf-8, utf-16le, utf-16be, windows-1258, tcvn3, vni)")]
    UnknownEncoding(String),
    /// A `.docx` whose zip structure is broken.
    #[error("corrupt .docx: {0}")]
    CorruptDocx(String),
    /// A zip archive without `word/document.xml`.
    #[error("not a Word document: the zip archive has no word/document.xml")]
    NotDocx,
    /// A zip entry that inflates beyond the limits.
    #[error(
        "zip bomb suspected: entry {entry} inflates to {size} bytes from {compressed} (limit {limit} bytes, ratio {ratio})"
    )]
    ZipBomb {
        /// The entry's name.
        entry: String,
        /// Its (claimed or measured) uncompressed size.
        size: u64,
        /// Its compressed size.
        compressed: u64,
        /// The size limit.
        limit: u64,
        /// The ratio limit.
        ratio: u64,
    },
    /// A `.docx` whose XML cannot be read.
    #[error("corrupt .docx: bad XML in {part}: {reason}")]
    BadXml {
        /// The part of the package.
        part: String,
        /// What the XML reader said.
        reason: String,
    },
    /// A legacy `.doc` whose structure is broken.
    #[error("corrupt .doc: {0}")]
    CorruptDoc(String),
    /// A PDF that cannot be read.
    #[error("corrupt PDF: {0}")]
    CorruptPdf(String),
    /// A PDF with no text layer (a scan).
    #[error("the PDF has no text layer (a scanned image?): OCR it first")]
    PdfNoText,
    /// `pdftotext` ran longer than [`PDFTOTEXT_TIMEOUT`].
    #[error("pdftotext took longer than {0:?}; gave up")]
    PdfTimeout(Duration),
}

/// Reads one document file from its bytes. `name` is the file's name (its
/// extension helps recognise the format).
pub fn read(bytes: &[u8], name: &str, opts: &Options) -> Result<Extracted, Error> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    let size = bytes.len() as u64;
    if size > MAX_FILE_SIZE {
        return Err(Error::TooLarge {
            size,
            limit: MAX_FILE_SIZE,
        });
    }
    let ext = extension(name);
    let mut warnings = Vec::new();
    let (text, format, encoding) = match sniff::binary_format(bytes, &ext)? {
        Some(Format::Docx) => {
            let (text, enc) = docx::extract(bytes, opts.encoding)?;
            let (text, enc) = unicode_fallback(text, enc, opts);
            (text, Format::Docx, enc)
        }
        Some(Format::Doc) => {
            // The OLE2 reader is a dependency: should it panic on a crafted
            // file, that is this file's error, not the caller's crash.
            let text = std::panic::catch_unwind(|| doc::extract(bytes))
                .map_err(|_| Error::CorruptDoc("the OLE2 reader gave up on this file".into()))??;
            let (text, enc) = legacy_or_fallback(text, opts);
            (text, Format::Doc, enc)
        }
        Some(Format::Pdf) => {
            let text = pdf::extract(bytes)?;
            let (text, enc) = legacy_or_fallback(text, opts);
            (text, Format::Pdf, enc)
        }
        _ => read_text(bytes, &ext, opts, &mut warnings)?,
    };
    let text = finish(text);
    if text.trim().is_empty() {
        return Err(Error::NoText);
    }
    Ok(Extracted {
        text,
        format,
        encoding,
        warnings,
    })
}

/// Text formats: plain text, HTML, Markdown.
fn read_text(
    bytes: &[u8],
    ext: &str,
    opts: &Options,
    warnings: &mut Vec<String>,
) -> Result<(String, Format, Encoding), Error> {
    let (text, enc) = encoding::decode_auto(bytes, opts.encoding, warnings)?;
    let format = sniff::text_format(&text, ext);
    Ok(match format {
        Format::Html => {
            // A forced encoding, a BOM, then the page's declared charset
            // decide; without them, legacy bytes are read as Windows-1252 so
            // that the fonts the page names can decode TCVN3 or VNI runs.
            let declared = html::declared_charset(bytes);
            let dom_enc = match (opts.encoding, encoding::has_bom(bytes), declared) {
                (Some(forced), _, _) => forced,
                (None, true, _) => enc,
                (None, false, Some(d)) => d,
                _ if matches!(enc, Encoding::Utf8 | Encoding::Windows1258) => enc,
                _ => Encoding::Windows1252,
            };
            let (text, enc) = if dom_enc == enc {
                (text, enc)
            } else {
                (encoding::decode_as(bytes, dom_enc, warnings), dom_enc)
            };
            let use_fonts = opts.encoding.is_none()
                && !matches!(enc, Encoding::Tcvn3 | Encoding::Vni | Encoding::Windows1258);
            let (text, fonts) = html::extract(&text, use_fonts);
            match fonts {
                Some(legacy) => (text, format, legacy),
                None => {
                    let (text, enc) = unicode_fallback(text, enc, opts);
                    (text, format, enc)
                }
            }
        }
        Format::Markdown => {
            let (text, enc) = unicode_fallback(markdown::flatten(&text), enc, opts);
            (text, format, enc)
        }
        _ => {
            let (text, enc) = unicode_fallback(text, enc, opts);
            (text, format, enc)
        }
    })
}

/// Text that may be TCVN3 or VNI seen as Windows-1252 characters (a PDF
/// drawn with a legacy font and no Unicode map, a `.doc` without its font
/// table): decoded as forced, else by syllables.
fn legacy_or_fallback(text: String, opts: &Options) -> (String, Encoding) {
    match opts.encoding {
        Some(forced @ (Encoding::Tcvn3 | Encoding::Vni)) => {
            (encoding::decode_unicode_as(&text, forced), forced)
        }
        _ => unicode_fallback(text, Encoding::Utf8, opts),
    }
}

/// Unicode text with no legacy font named: if it reads as TCVN3 or VNI
/// seen through Windows-1252, decode it as such (unless an encoding was
/// forced).
fn unicode_fallback(text: String, enc: Encoding, opts: &Options) -> (String, Encoding) {
    if opts.encoding.is_some()
        || !matches!(enc, Encoding::Utf8 | Encoding::Utf16Le | Encoding::Utf16Be)
    {
        return (text, enc);
    }
    match encoding::fix_legacy_in_unicode(&text) {
        Some((fixed, legacy)) => (fixed, legacy),
        None => (text, enc),
    }
}

/// The lowercase extension of a file name, without the dot.
fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// Final touches on every text: one newline convention, no BOM, NFC.
fn finish(text: String) -> String {
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    nfc(text)
}

/// Unicode NFC, cheap when the text already is (the usual case).
pub(crate) fn nfc(text: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if surely_nfc(text.as_bytes()) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        text.nfc().collect()
    }
}

/// A byte scan that proves most Vietnamese text NFC without table lookups:
/// every character is below U+0300 (no combining marks there), a
/// precomposed Latin letter of U+1E00..U+1EFF, general punctuation other
/// than U+2000/U+2001, or a BOM; all of these are NFC and start no
/// composition. `false` means "look closer", not "not NFC".
fn surely_nfc(b: &[u8]) -> bool {
    let mut i = 0;
    // ASCII, continuation bytes and the leads of U+0080..U+02FF are all
    // below 0xCC: only the leads of later characters need a look.
    while let Some(k) = b[i..].iter().position(|&c| c >= 0xCC) {
        let at = i + k;
        let next = b.get(at + 1).copied().unwrap_or(0);
        let third = b.get(at + 2).copied().unwrap_or(0);
        let ok = match b[at] {
            0xE1 => (0xB8..=0xBB).contains(&next),
            0xE2 => next == 0x81 || (next == 0x80 && third >= 0x82),
            0xEF => next == 0xBB && third == 0xBF,
            _ => false,
        };
        if !ok {
            return false;
        }
        i = at + 3;
        if i >= b.len() {
            break;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_is_lowercase_and_ignores_dotfiles() {
        assert_eq!(extension("a/B.DOCX"), "docx");
        assert_eq!(extension(".hidden"), "");
        assert_eq!(extension("noext"), "");
    }

    #[test]
    fn text_is_nfc_with_unix_newlines() {
        let bytes = "Ho\u{300}a\r\nbi\u{300}nh\r".as_bytes();
        let got = read(bytes, "x.txt", &Options::default()).unwrap();
        assert_eq!(got.text, "Hòa\nbình\n");
        assert_eq!(got.format, Format::Text);
    }

    #[test]
    fn the_fast_nfc_check_agrees_with_the_tables() {
        use unicode_normalization::is_nfc;
        for s in [
            "Đảng bộ tỉnh “Hà Nội” – Số 57-KL/TW … \u{FEFF}ắằẳẵặ ƯƠ ưu ỹ",
            "ascii only",
            "Ho\u{300}a",
            "\u{2000}",
            "e\u{301}",
            "日本",
        ] {
            if surely_nfc(s.as_bytes()) {
                assert!(is_nfc(s), "{s:?}");
            }
        }
        assert!(surely_nfc(
            "Đảng bộ tỉnh “Hà Nội” – Số 57 … ắ ưu ỹ".as_bytes()
        ));
        assert!(!surely_nfc("Ho\u{300}a".as_bytes()));
    }

    #[test]
    fn a_doc_in_tcvn3_is_detected_by_syllables() {
        let ansi: Vec<u8> = "Thùc hiÖn kÕt luËn cña Bé ChÝnh trÞ, c¸c chi bé tæ chøc häc tËp\r"
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect();
        let bytes = doc::tests::word97("", &ansi);
        let got = read(&bytes, "x.doc", &Options::default()).unwrap();
        assert_eq!(got.format, Format::Doc);
        assert_eq!(got.encoding, Encoding::Tcvn3);
        assert_eq!(
            got.text,
            "Thực hiện kết luận của Bộ Chính trị, các chi bộ tổ chức học tập\n"
        );
    }

    #[test]
    fn empty_and_blank_files_are_errors() {
        assert!(matches!(
            read(b"", "x.txt", &Options::default()),
            Err(Error::Empty)
        ));
        assert!(matches!(
            read(b" \n\n", "x.txt", &Options::default()),
            Err(Error::NoText)
        ));
    }
}
