//! `vanban` reads the text of a Vietnamese Party or State document into a
//! structured [`Document`], returned inside [`Parsed`] together with
//! [`Diagnostic`]s. It does no I/O, never panics, and never fails on messy
//! text: doubtful readings become diagnostics.

use serde::Serialize;

/// A document as understood from its text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    /// `official` or `article`.
    pub kind: &'static str,
    /// The document's own number and symbol, e.g. `57-KL/TW`.
    pub number: Option<String>,
}

/// A note about something doubtful in the text.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// What was doubtful.
    pub message: String,
}

/// The result of [`parse`]: always a document, plus diagnostics.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Parsed {
    /// The document.
    pub document: Document,
    /// What was doubtful.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses the (already decoded, NFC) text of one document.
pub fn parse(text: &str) -> Parsed {
    let kind = if text.contains("Số") {
        "official"
    } else {
        "article"
    };
    Parsed {
        document: Document { kind, number: None },
        diagnostics: Vec::new(),
    }
}
