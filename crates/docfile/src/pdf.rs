//! PDF text layer: `pdftotext -layout` (poppler) as a child process with a
//! timeout when it is installed, else the pure-Rust `pdf-extract` guarded
//! against its panics.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::{Error, PDFTOTEXT_TIMEOUT};

/// Most text accepted from one PDF: ten times a long document's text; a PDF
/// that yields more is an attack on memory.
pub const MAX_PDF_TEXT: u64 = 64 * 1024 * 1024;

/// How much of `pdftotext`'s error output is kept for the message.
const MAX_STDERR: u64 = 4096;

/// How often the child is checked while waiting for it.
const POLL: Duration = Duration::from_millis(5);

/// Whether `pdftotext` can be run here (checked once).
fn have_pdftotext() -> bool {
    static HAVE: OnceLock<bool> = OnceLock::new();
    *HAVE.get_or_init(|| {
        Command::new("pdftotext")
            .arg("-v")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    })
}

/// The text layer of a PDF.
pub(crate) fn extract(bytes: &[u8]) -> Result<String, Error> {
    let text = if have_pdftotext() {
        pdftotext(bytes)?
    } else {
        fallback(bytes)?
    };
    if text.trim().is_empty() {
        return Err(Error::PdfNoText);
    }
    Ok(text)
}

/// Runs `pdftotext -layout - -` on the bytes, killing it after
/// [`PDFTOTEXT_TIMEOUT`].
fn pdftotext(bytes: &[u8]) -> Result<String, Error> {
    let io = |what: &str, e: std::io::Error| Error::CorruptPdf(format!("pdftotext: {what}: {e}"));
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| io("cannot start", e))?;
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(Error::CorruptPdf("pdftotext: no pipes".into()));
    };
    let outcome = std::thread::scope(|s| {
        // Feed and drain in threads so that no pipe can fill up and block.
        s.spawn(move || {
            // A child that exits early closes the pipe: not an error here.
            let _ = stdin.write_all(bytes);
        });
        let out = s.spawn(move || {
            let mut v = Vec::new();
            let r = stdout.take(MAX_PDF_TEXT + 1).read_to_end(&mut v);
            r.map(|_| v)
        });
        let err = s.spawn(move || {
            let mut v = Vec::new();
            let _ = stderr.take(MAX_STDERR).read_to_end(&mut v);
            v
        });
        let start = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) if start.elapsed() > PDFTOTEXT_TIMEOUT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(Error::PdfTimeout(PDFTOTEXT_TIMEOUT));
                }
                Ok(None) => std::thread::sleep(POLL),
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(io("wait", e));
                }
            }
        };
        let out = out.join();
        let err = err.join().unwrap_or_default();
        (status, out, err)
    });
    let (status, out, err) = outcome;
    let status = status?;
    let out = match out {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => return Err(io("read", e)),
        Err(_) => return Err(Error::CorruptPdf("pdftotext: reader failed".into())),
    };
    if out.len() as u64 > MAX_PDF_TEXT {
        return Err(Error::CorruptPdf(format!(
            "more than {MAX_PDF_TEXT} bytes of text"
        )));
    }
    if !status.success() {
        let msg = String::from_utf8_lossy(&err);
        let first = msg
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no message");
        return Err(Error::CorruptPdf(format!(
            "pdftotext failed ({status}): {first}"
        )));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Without `pdftotext`: the pure-Rust extractor, whose panics on odd PDFs
/// become errors.
#[cfg(feature = "pdf-extract")]
fn fallback(bytes: &[u8]) -> Result<String, Error> {
    match std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes)) {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(Error::CorruptPdf(e.to_string())),
        Err(_) => Err(Error::CorruptPdf(
            "the PDF reader gave up on this file".into(),
        )),
    }
}

/// Without `pdftotext` and without the `pdf-extract` feature, PDFs cannot
/// be read.
#[cfg(not(feature = "pdf-extract"))]
fn fallback(_bytes: &[u8]) -> Result<String, Error> {
    Err(Error::Unsupported(
        "PDF: install pdftotext (poppler-utils) to read PDFs",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_after_a_pdf_header_is_an_error() {
        let got = extract(b"%PDF-1.4\n this is not a pdf at all");
        assert!(
            matches!(got, Err(Error::CorruptPdf(_) | Error::PdfNoText)),
            "{got:?}"
        );
    }
}
