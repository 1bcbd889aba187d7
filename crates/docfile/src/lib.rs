//! `docfile` turns the bytes of a document file into NFC text with
//! [`read`], returning an [`Extracted`] (text, [`Format`], [`Encoding`],
//! warnings) or a typed [`Error`] that says what is wrong with the file.
//!
//! Formats are recognised by content and then by the file name's extension:
//! plain text, HTML (page clutter stripped), `.docx` (paragraphs and tables),
//! PDF (text layer), Markdown (tables flattened into lines). Encodings are
//! detected (or forced with [`Options::encoding`]): UTF-8, UTF-16,
//! Windows-1258, and the legacy font encodings TCVN3 and VNI, chosen by the
//! fonts a `.docx` or HTML file names or by the share of well-formed
//! Vietnamese syllables each candidate decoding yields.
//!
//! Every input limit is a named constant below, with its reason. Nothing in
//! this crate panics on input: corrupt or unsupported files are errors.

mod encoding;
mod layout;
mod legacy;
mod markdown;
mod sniff;
mod viet;

use std::time::Duration;

pub use encoding::Encoding;

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
        Some(Format::Docx) => return Err(Error::Unsupported(".docx (not yet)")),
        Some(Format::Pdf) => return Err(Error::Unsupported("PDF (not yet)")),
        _ => {
            let (text, enc) = encoding::decode_auto(bytes, opts.encoding, None, &mut warnings)?;
            let format = sniff::text_format(&text, &ext);
            let text = match format {
                Format::Markdown => markdown::flatten(&text),
                _ => text,
            };
            let (text, enc) = match (opts.encoding, encoding::fix_legacy_in_unicode(&text)) {
                (None, Some((fixed, legacy))) if enc != Encoding::Windows1258 => (fixed, legacy),
                _ => (text, enc),
            };
            (text, format, enc)
        }
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
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        text.nfc().collect()
    }
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
