//! `vanban` reads the text of a Vietnamese Party or State document into a
//! structured [`Document`], returned by [`parse`] inside [`Parsed`] together
//! with [`Diagnostic`]s. No I/O, never panics, never fails on messy text:
//! doubtful readings become diagnostics.
//!
//! Main types: [`Document`] (kind, number, type, issuer, date, title, signer,
//! references, implements, sections, tasks, events, targets, recipients),
//! [`Parsed`], [`Diagnostic`]; helpers [`text::canonical`] (one tone
//! placement for comparisons) and [`number::normalize`].
//!
//! ```
//! let p = vanban::parse("TỈNH ỦY NAM SƠN\n*\nSố 12-KH/TU\n\nKẾ HOẠCH\nhọc tập chuyên đề\n");
//! assert_eq!(p.document.number.as_deref(), Some("12-KH/TU"));
//! assert_eq!(p.document.doc_type.as_deref(), Some("Kế hoạch"));
//! ```
//!
//! Design: one pass splits lines into byte ranges; the header is read from
//! the first lines only, the signer and recipients from the last; numbers
//! are found from `/` bytes with memchr; body detectors run per line behind
//! cheap prefilters. Every input limit is a named `MAX_…` constant.

pub mod date;
pub mod doctype;
pub mod events;
pub mod header;
pub mod model;
pub mod number;
pub mod recipients;
pub mod references;
pub mod sections;
pub mod signer;
#[doc(hidden)]
pub mod synth;
pub mod targets;
pub mod tasks;
pub mod text;

pub use model::{
    Alias, Deadline, DeadlineKind, Diagnostic, Document, Event, EventKind, HeaderSpans, Kind, Mode,
    Parsed, Recipient, Reference, Section, Severity, Signer, Target, Task, WithSource,
};

use std::collections::HashMap;

/// The NFC form of `text` that all spans refer to (borrowed when already NFC).
pub fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    text::nfc(text)
}

/// Parses the (already decoded) text of one document.
pub fn parse(input: &str) -> Parsed {
    let norm = text::nfc(input);
    let t: &str = &norm;
    let normalized = matches!(norm, std::borrow::Cow::Owned(_));
    let idx = text::LineIndex::new(t);
    let lines = &idx.lines;
    let mut diags = Vec::new();
    if normalized {
        diags.push(Diagnostic::note(
            "input was not NFC; spans refer to its NFC form",
            None,
        ));
    }
    if lines
        .iter()
        .any(|l| l.end - l.raw_start >= text::MAX_LINE_BYTES)
    {
        diags.push(Diagnostic::warning(
            format!(
                "a line is longer than {} bytes; only its start was read",
                text::MAX_LINE_BYTES
            ),
            None,
        ));
    }
    let mut h = header::analyze(t, lines);
    let mut doc = Document::default();
    let official = h.official;
    if !official {
        doc.kind = Kind::Article;
        header::article(t, lines, &mut h);
    }

    // tail: recipients and signer
    let mut tail_start = lines.len();
    if official {
        if let Some(st) = recipients::find_start(t, lines, h.body_start) {
            tail_start = tail_start.min(st.0);
            doc.recipients = recipients::parse(t, lines, st);
        }
        if let Some((sg, li)) = signer::find(t, lines, h.body_start) {
            tail_start = tail_start.min(li);
            if sg.name.is_none() {
                diags.push(Diagnostic::warning("signer name not found", None));
            }
            doc.signer = Some(sg);
        } else {
            diags.push(Diagnostic::warning("no signature block found", None));
        }
    }
    let body_start = h.body_start.min(lines.len());
    let body_end = tail_start.max(body_start);

    // sections
    let mut line_section: Vec<Option<u32>> = Vec::new();
    if official {
        doc.sections = sections::parse(t, lines, body_start, body_end, &mut line_section);
    }
    let ids: HashMap<&str, &str> = doc
        .sections
        .iter()
        .map(|s| (s.id.as_str(), s.heading.as_str()))
        .collect();
    let section_id = |li: usize| -> Option<String> {
        line_section
            .get(li)
            .copied()
            .flatten()
            .and_then(|i| doc.sections.get(i as usize))
            .map(|s| s.id.clone())
    };
    let heading_chain = |li: usize| -> String {
        let Some(id) = section_id(li) else {
            return String::new();
        };
        let mut out = String::new();
        let mut cur: &str = &id;
        loop {
            if let Some(h) = ids.get(cur) {
                out.push_str(h);
                out.push(' ');
            }
            match cur.rfind('.') {
                Some(p) => cur = cur.get(..p).unwrap_or(""),
                None => break,
            }
        }
        out
    };

    // references, aliases, implements
    let own = h.number.as_ref().map(|n| n.0.as_str());
    let found = references::collect(t, own);
    if official {
        let first_section_line = line_section
            .iter()
            .enumerate()
            .skip(body_start)
            .find(|(_, s)| s.is_some())
            .map_or(body_end, |(i, _)| i);
        let opening_paras =
            text::paragraphs(t, lines, body_start, first_section_line.max(body_start));
        doc.implements = references::implements(
            t,
            &opening_paras,
            &found,
            (body_start, first_section_line.max(body_start)),
            h.title.as_ref().map(|x| x.1),
        );
    }

    // tasks, events, targets
    let (from, to) = if official {
        (body_start, body_end)
    } else {
        (body_start, lines.len())
    };
    let year = h.date.map(|d| d.0.year);
    let title = h.title.as_ref().map(|x| x.0.as_str()).unwrap_or("");
    let ev = events::Scanner::new(t, lines, (from, to), year, !official, title, &heading_chain);
    let mut ts = tasks::Scanner::default();
    let is_report = h.doc_type.is_some_and(|d| d.0 == "Báo cáo");
    let mut lead_in_targets = false;
    for para in text::Paragraphs::new(t, lines, from, to) {
        let opening = official && !doc.sections.is_empty() && section_id(para.first).is_none();
        if !(opening && tasks::is_opening_clause(&para.text)) {
            ts.scan(&para, &section_id, &mut doc.tasks);
        }
        ev.scan(&para, &mut doc.events);
        if memchr::memchr(b'%', para.text.as_bytes()).is_some() {
            let ctx = official
                && !is_report
                && (lead_in_targets || targets::announces(&heading_chain(para.first)));
            targets::scan(&para, official && !is_report, ctx, &mut doc.targets);
        }
        if !para.text.starts_with(['-', '+', '•']) {
            lead_in_targets = para.text.trim_end().ends_with(':') && targets::announces(&para.text);
        }
    }

    // header facts
    if official {
        if h.issuer.is_none() {
            h.issuer = header::issuer_from_opening(t, lines, body_start);
        }
        if h.issuer.is_none()
            && let Some(body) = doc
                .signer
                .as_ref()
                .and_then(|s| s.capacity.as_deref())
                .and_then(signer::on_behalf_of)
        {
            // "T/M BỘ CHÍNH TRỊ", "TM. CHÍNH PHỦ": the body signed for is the issuer
            diags.push(Diagnostic::note(
                "issuer taken from the signer's capacity",
                None,
            ));
            h.issuer = Some((body, [0, 0]));
        }
        if h.issuer.is_none() {
            diags.push(Diagnostic::warning("issuer not found", None));
        }
        if h.number.is_none() {
            diags.push(Diagnostic::warning("no document number found", None));
        }
        if h.date.is_none() {
            diags.push(Diagnostic::note("no date of issue found", None));
        }
        let typ = h
            .doc_type
            .map(|d| (d.0, doctype::code_of_name(d.0)))
            .or_else(|| {
                h.number
                    .as_ref()
                    .and_then(|n| number::parse(&n.0))
                    .and_then(|p| doctype::from_number(&p))
                    .map(|(n, c)| (n, (!c.is_empty()).then_some(c)))
            });
        if let Some((name, code)) = typ {
            doc.doc_type = Some(name.to_string());
            doc.doc_type_code = h
                .number
                .as_ref()
                .and_then(|n| number::parse(&n.0))
                .filter(|p| doctype::name_of_code(p.first, p.party).is_some())
                .map(|p| p.first.to_string())
                .or_else(|| code.map(str::to_string));
        }
        doc.spans.number = h.number.as_ref().map(|n| n.1);
        doc.number = h.number.map(|n| n.0);
        doc.spans.doc_type = h.doc_type.map(|d| d.1);
        doc.spans.issuer = h.issuer.as_ref().map(|i| i.1).filter(|s| s[1] > s[0]);
        doc.issuer = h.issuer.map(|i| i.0);
        doc.parent_organ = h.parent;
        doc.place = h.place;
        doc.urgency = h.urgency;
        doc.secrecy = h.secrecy;
    } else {
        doc.author = h.author;
    }
    doc.spans.date = h.date.map(|d| d.1);
    doc.date = h.date.map(|d| d.0.iso());
    doc.spans.title = h.title.as_ref().map(|x| x.1);
    doc.title = h.title.map(|x| x.0);
    doc.references = found.refs;
    doc.aliases = found.aliases;
    Parsed {
        document: doc,
        diagnostics: diags,
        normalized,
    }
}
