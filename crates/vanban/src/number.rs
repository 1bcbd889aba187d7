//! Document numbers ("số, ký hiệu"): `57-KL/TW`, `30/2020/NĐ-CP`,
//! `1234/QĐ-UBND`, `15/UBND-KT`. Normalisation and a fast scanner that finds
//! every number in a text from its `/` bytes.

use std::borrow::Cow;

use crate::text::starts_with_ci;

/// Longest raw number text considered (bytes); longer runs are not numbers.
pub const MAX_NUMBER_BYTES: usize = 64;

/// Normalises a written number: drops a leading "Số"/"Số:", removes spaces
/// (so "57- KL/TW" = "57-KL/TW") and trailing punctuation. Letters keep their
/// case (đ/Đ as written).
pub fn normalize(s: &str) -> Cow<'_, str> {
    let mut t = s.trim();
    if let Some(n) = starts_with_ci(t, "số") {
        t = t.get(n..).unwrap_or("");
        t = t.trim_start_matches([':', '.', ' ', '\t']);
    }
    let t = t.trim_end_matches(['.', ',', ';', ':', ')', '-', '/', ' ']);
    if t.contains(char::is_whitespace) {
        Cow::Owned(t.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        Cow::Borrowed(t)
    }
}

/// The parts of a valid number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts<'a> {
    /// The leading serial number.
    pub serial: &'a str,
    /// The year for State legal documents (`30/2020/NĐ-CP`).
    pub year: Option<&'a str>,
    /// True for the Party form `57-KL/TW` (serial joined by `-`).
    pub party: bool,
    /// The first symbol segment (`KL`, `QĐ`, `UBND`).
    pub first: &'a str,
    /// The symbol after the serial (and year), e.g. `KL/TW`, `QĐ-UBND`.
    pub symbol: &'a str,
}

/// Validates a normalised number and splits it into parts.
pub fn parse(n: &str) -> Option<Parts<'_>> {
    let b = n.as_bytes();
    let mut i = 0;
    while b.get(i).is_some_and(|c| c.is_ascii_digit()) {
        i += 1;
    }
    if i == 0 || i > 6 {
        return None;
    }
    let serial = n.get(..i)?;
    let mut year = None;
    let mut sep = *b.get(i)?;
    if sep == b'/' {
        let mut j = i + 1;
        while b.get(j).is_some_and(|c| c.is_ascii_digit()) {
            j += 1;
        }
        if j - (i + 1) == 4 && matches!(b.get(j), Some(b'/' | b'-')) {
            year = n.get(i + 1..j);
            i = j;
            sep = *b.get(i)?;
        }
    }
    if sep != b'-' && sep != b'/' {
        return None;
    }
    let symbol = n.get(i + 1..)?;
    if symbol.is_empty() || symbol.len() > MAX_NUMBER_BYTES {
        return None;
    }
    let mut segs = 0;
    let mut first = "";
    let mut upper = false;
    for seg in symbol.split(['-', '/']) {
        segs += 1;
        let mut chars = seg.chars();
        let c0 = chars.next()?;
        if segs == 1 {
            if !c0.is_alphabetic() {
                return None;
            }
            first = seg;
        }
        if seg.chars().count() > 16 || !seg.chars().all(|c| c.is_alphanumeric()) {
            return None;
        }
        if seg.chars().any(|c| c.is_uppercase()) {
            upper = true;
        }
    }
    if segs > 5 || !upper {
        return None;
    }
    // The first segment must look like a code: mostly uppercase letters.
    let lower = first.chars().filter(|c| c.is_lowercase()).count();
    if lower * 2 > first.chars().count() {
        return None;
    }
    Some(Parts {
        serial,
        year,
        party: sep == b'-',
        first,
        symbol,
    })
}

/// One number found in a text.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Start of the raw text (byte offset).
    pub start: usize,
    /// End of the raw text.
    pub end: usize,
    /// The normalised number.
    pub number: String,
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

fn is_num_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '/'
}

/// Longest run of spaces and line breaks bridged inside a number that was
/// hyphenated across lines ("1256/QĐ-\n      UBND" in pdftotext output).
const MAX_BREAK_BYTES: usize = 48;

fn is_break(c: char) -> bool {
    matches!(c, ' ' | '\n' | '\r' | '\t' | '\u{c}')
}

/// Length of a bridgeable run of breaks (spaces; at most one newline; a
/// newline run may be longer than a space run).
fn break_ok(run: &str) -> bool {
    let nl = run.matches('\n').count();
    (nl == 0 && run.len() <= 3) || (nl == 1 && run.len() <= MAX_BREAK_BYTES)
}

/// Expands a candidate around the `/` at byte `p`; returns the raw range.
fn expand(text: &str, p: usize) -> (usize, usize) {
    let floor = p.saturating_sub(MAX_NUMBER_BYTES + MAX_BREAK_BYTES);
    let mut s = p;
    while s > floor {
        match char_before(text, s) {
            Some(c) if is_num_char(c) => s -= c.len_utf8(),
            Some(c) if is_break(c) => {
                // "57- KL/TW", "31-\nCTr/TW": a break run next to a '-' or '/'.
                let mut w = s;
                while w > floor && char_before(text, w).is_some_and(is_break) {
                    w -= 1;
                }
                let glued = text.get(s..).is_some_and(|r| r.starts_with(['-', '/']))
                    || matches!(char_before(text, w), Some('-' | '/'));
                if glued
                    && text.get(w..s).is_some_and(break_ok)
                    && char_before(text, w).is_some_and(is_num_char)
                {
                    s = w;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    let ceil = (p + MAX_NUMBER_BYTES + MAX_BREAK_BYTES).min(text.len());
    let mut e = p + 1;
    while e < ceil {
        match text.get(e..).and_then(|r| r.chars().next()) {
            Some(c) if is_num_char(c) => e += c.len_utf8(),
            Some(c) if is_break(c) && matches!(char_before(text, e), Some('-' | '/')) => {
                let mut w = e;
                while w < ceil
                    && text
                        .get(w..)
                        .and_then(|r| r.chars().next())
                        .is_some_and(is_break)
                {
                    w += 1;
                }
                let next_ok = text
                    .get(w..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_alphanumeric);
                if next_ok && text.get(e..w).is_some_and(break_ok) {
                    e = w;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    (s, e)
}

/// Cleans a raw candidate into `buf` and validates it.
fn clean_into(raw: &str, buf: &mut String) -> Option<usize> {
    buf.clear();
    // skip leading letters glued to the serial ("Số57-KL/TW")
    let first_digit = raw.find(|c: char| c.is_ascii_digit())?;
    let lead = raw.get(..first_digit)?;
    if !lead.chars().all(|c| c.is_alphabetic() || c == ' ') {
        return None;
    }
    for c in raw.get(first_digit..)?.chars() {
        if !c.is_whitespace() {
            buf.push(c);
        }
    }
    while buf.ends_with(['-', '/']) {
        buf.pop();
    }
    parse(buf)?;
    Some(first_digit)
}

/// Finds every document number in `text[from..to]`, in order.
pub fn scan(text: &str, from: usize, to: usize, mut f: impl FnMut(Mention) -> bool) {
    let Some(hay) = text.as_bytes().get(from..to) else {
        return;
    };
    let mut last_end = from;
    let mut buf = String::with_capacity(32);
    for rel in memchr::memchr_iter(b'/', hay) {
        let p = from + rel;
        if p < last_end {
            continue;
        }
        let (s, e) = expand(text, p);
        let (s, e) = (s.max(from), e.min(to));
        last_end = e;
        let Some(raw) = text.get(s..e) else { continue };
        if let Some(skip) = clean_into(raw, &mut buf) {
            let m = Mention {
                start: s + skip,
                end: e,
                number: buf.clone(),
            };
            if !f(m) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(t: &str) -> Vec<String> {
        let mut v = Vec::new();
        scan(t, 0, t.len(), |m| {
            v.push(m.number);
            true
        });
        v
    }

    #[test]
    fn normalize_strips_so_and_spaces() {
        assert_eq!(normalize("Số: 1234/QĐ-UBND"), "1234/QĐ-UBND");
        assert_eq!(normalize("Số 57- KL/TW"), "57-KL/TW");
    }

    #[test]
    fn scan_finds_both_families() {
        let t = "theo Nghị định số 30/2020/NĐ-CP ngày 05/3/2020, Chỉ thị 05- CT/TW và công văn 15/UBND-KT; ngày 14/02/2012, V/v, T/M";
        assert_eq!(all(t), vec!["30/2020/NĐ-CP", "05-CT/TW", "15/UBND-KT"]);
    }

    #[test]
    fn scan_joins_hyphenated_line_break() {
        assert_eq!(all("Chương trình số 31-\nCTr/TW của"), vec!["31-CTr/TW"]);
        assert_eq!(all("Số: 215 /SNV-CCVC ngày"), vec!["215/SNV-CCVC"]);
        assert_eq!(
            all("Quyết định số 1256/QĐ-\n      UBND ngày"),
            vec!["1256/QĐ-UBND"]
        );
        assert_eq!(
            all("Hướng dẫn 41-\n    HD/BTGDVTW và"),
            vec!["41-HD/BTGDVTW"]
        );
        assert_eq!(all("số 57-KL/TW\n- Ban Thường vụ"), vec!["57-KL/TW"]);
    }

    #[test]
    fn parse_tells_party_from_state() {
        let p = parse("57-KL/TW").unwrap();
        assert!(p.party);
        assert_eq!(p.first, "KL");
        let s = parse("30/2020/NĐ-CP").unwrap();
        assert_eq!(s.year, Some("2020"));
        assert_eq!(s.first, "NĐ");
        assert!(parse("2011-2020").is_none());
    }
}
