//! Text plumbing: NFC, canonical tone placement, the line index, trimming
//! and small character tests shared by the other modules.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Longest line (in bytes) whose content the line-oriented detectors read;
/// beyond it only the first part of the line is looked at. Keeps per-line
/// work bounded on one-line 100 MB inputs.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Returns the text in NFC with no-break spaces turned into plain spaces
/// and soft hyphens / zero-width spaces removed; borrows it when nothing
/// changes (the usual case).
pub fn nfc(text: &str) -> Cow<'_, str> {
    // Decomposed Vietnamese (and Windows-1258 output) carries combining marks
    // U+0300–U+036F, whose UTF-8 lead bytes are 0xCC/0xCD; without them the
    // per-character quick check is skipped.
    let has_marks = memchr::memchr2(0xCC, 0xCD, text.as_bytes()).is_some();
    let composed = match if has_marks {
        is_nfc_quick(text.chars())
    } else {
        IsNormalized::Yes
    } {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => {
            let s: String = text.nfc().collect();
            if s == text {
                Cow::Borrowed(text)
            } else {
                Cow::Owned(s)
            }
        }
    };
    // U+00A0 / U+00AD start with 0xC2; U+200B / U+202F / U+2007 with 0xE2 0x80.
    let b = composed.as_bytes();
    let odd_space = memchr::memchr2_iter(0xC2, 0xE2, b).any(|i| {
        matches!(
            (b.get(i), b.get(i + 1), b.get(i + 2)),
            (Some(0xC2), Some(0xA0 | 0xAD), _) | (Some(0xE2), Some(0x80), Some(0x8B | 0xAF | 0x87))
        )
    });
    if !odd_space {
        return composed;
    }
    let mut out = String::with_capacity(composed.len());
    for c in composed.chars() {
        match c {
            '\u{a0}' | '\u{202f}' | '\u{2007}' => out.push(' '),
            '\u{ad}' | '\u{200b}' => {}
            other => out.push(other),
        }
    }
    Cow::Owned(out)
}

/// Toned forms of a, e, y, o, u (grave, acute, hook, tilde, dot), lower then upper.
const TONED: [(char, [char; 5]); 10] = [
    ('a', ['à', 'á', 'ả', 'ã', 'ạ']),
    ('e', ['è', 'é', 'ẻ', 'ẽ', 'ẹ']),
    ('y', ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ']),
    ('o', ['ò', 'ó', 'ỏ', 'õ', 'ọ']),
    ('u', ['ù', 'ú', 'ủ', 'ũ', 'ụ']),
    ('A', ['À', 'Á', 'Ả', 'Ã', 'Ạ']),
    ('E', ['È', 'É', 'Ẻ', 'Ẽ', 'Ẹ']),
    ('Y', ['Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ']),
    ('O', ['Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ']),
    ('U', ['Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ']),
];

/// Splits a toned a/e/y into (base, tone index).
fn split_aey(c: char) -> Option<(char, usize)> {
    for (base, forms) in TONED.iter() {
        if matches!(base, 'a' | 'e' | 'y' | 'A' | 'E' | 'Y')
            && let Some(i) = forms.iter().position(|&f| f == c)
        {
            return Some((*base, i));
        }
    }
    None
}

fn toned(base: char, tone: usize) -> Option<char> {
    TONED
        .iter()
        .find(|(b, _)| *b == base)
        .and_then(|(_, forms)| forms.get(tone).copied())
}

/// One canonical tone placement for comparisons: the "old" style that puts
/// the tone on the first vowel of the open syllables oa, oe, uy
/// (`hoà` → `hòa`, `uỷ` → `ủy`). Case is kept; borrows when nothing changes.
pub fn canonical(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out: Option<Vec<char>> = None;
    for i in 1..chars.len() {
        let c = chars.get(i).copied().unwrap_or(' ');
        let Some((base, tone)) = split_aey(c) else {
            continue;
        };
        let prev = chars.get(i - 1).copied().unwrap_or(' ');
        if !matches!(prev, 'o' | 'u' | 'O' | 'U') {
            continue;
        }
        // "qu" and "gi" are consonants: "quả" stays.
        if i >= 2 && matches!(chars.get(i - 2), Some('q' | 'Q')) {
            continue;
        }
        let next_is_word = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if next_is_word {
            continue;
        }
        let Some(new_prev) = toned(prev, tone) else {
            continue;
        };
        let buf = out.get_or_insert_with(|| chars.clone());
        if let Some(p) = buf.get_mut(i - 1) {
            *p = new_prev;
        }
        if let Some(p) = buf.get_mut(i) {
            *p = base;
        }
    }
    match out {
        Some(v) => Cow::Owned(v.into_iter().collect()),
        None => Cow::Borrowed(s),
    }
}

/// Canonical, lowercase, single-spaced form of a short name for equality tests.
pub fn fold_key(s: &str) -> String {
    let c = canonical(s);
    let mut out = String::with_capacity(c.len());
    for w in c.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for ch in w.chars() {
            out.push(fast_lower(ch));
        }
    }
    out
}

/// True for the characters trimmed around lines and cells.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\r' | '\n' | '\u{c}' | '\u{a0}' | '\u{feff}' | '\u{200b}'
    )
}

/// Trims spaces from both ends of `text[start..end]`, returning the new range.
pub fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let Some(s) = text.get(start..end) else {
        return (start, start);
    };
    let t = s.trim_start_matches(is_space);
    let ns = start + (s.len() - t.len());
    let t2 = t.trim_end_matches(is_space);
    (ns, ns + t2.len())
}

/// Trims markdown emphasis and heading marks (`*`, `_`, `#`, `>`) and spaces.
pub fn trim_md(text: &str, start: usize, end: usize) -> (usize, usize) {
    let Some(s) = text.get(start..end) else {
        return (start, start);
    };
    let t = s.trim_start_matches(|c: char| is_space(c) || matches!(c, '*' | '_' | '#' | '>'));
    let ns = start + (s.len() - t.len());
    let t2 = t.trim_end_matches(|c: char| is_space(c) || matches!(c, '*' | '_'));
    (ns, ns + t2.len())
}

/// One line of the text: its raw range and its trimmed content range.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    /// Byte offset where the raw line starts.
    pub raw_start: usize,
    /// Start of the trimmed content.
    pub start: usize,
    /// End of the trimmed content.
    pub end: usize,
}

impl Line {
    /// True when the line holds nothing but spaces.
    pub fn is_blank(&self) -> bool {
        self.start >= self.end
    }
    /// Leading indentation in columns (for two-column pdftotext layouts).
    pub fn indent(&self) -> usize {
        self.start.saturating_sub(self.raw_start)
    }
}

/// All lines of a text, split once on `\n` and form feeds.
#[derive(Debug, Default)]
pub struct LineIndex {
    /// The lines in order.
    pub lines: Vec<Line>,
}

impl LineIndex {
    /// Splits `text` into lines in one pass.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut lines = Vec::with_capacity(bytes.len() / 48 + 1);
        let mut pos = 0;
        for nl in memchr::memchr2_iter(b'\n', b'\x0c', bytes) {
            push_line(text, pos, nl, &mut lines);
            pos = nl + 1;
        }
        if pos < bytes.len() {
            push_line(text, pos, bytes.len(), &mut lines);
        }
        LineIndex { lines }
    }
    /// The number of lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }
    /// True when there are no lines.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

fn push_line(text: &str, start: usize, end: usize, out: &mut Vec<Line>) {
    let capped = if end - start > MAX_LINE_BYTES {
        floor_boundary(text, start + MAX_LINE_BYTES)
    } else {
        end
    };
    let (s, e) = trim_range(text, start, capped);
    out.push(Line {
        raw_start: start,
        start: s,
        end: e,
    });
}

/// The largest char boundary ≤ `i`.
pub fn floor_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary ≥ `i`.
pub fn ceil_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Cells of a line: parts separated by runs of three or more spaces, a tab,
/// or `|` (pdftotext two-column layouts and markdown tables). Ranges are
/// absolute and trimmed; empty cells are dropped.
pub fn cells(text: &str, line: &Line) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let Some(s) = text.get(line.start..line.end) else {
        return out;
    };
    let b = s.as_bytes();
    let mut cell_start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b.get(i).copied().unwrap_or(0);
        let mut gap_end = None;
        if c == b'\t' || c == b'|' {
            gap_end = Some(i + 1);
        } else if c == b' ' {
            let mut j = i;
            while b.get(j) == Some(&b' ') {
                j += 1;
            }
            if j - i >= 3 {
                gap_end = Some(j);
            } else {
                i = j;
                continue;
            }
        }
        if let Some(ge) = gap_end {
            let (cs, ce) = trim_md(text, line.start + cell_start, line.start + i);
            if ce > cs {
                out.push((cs, ce));
            }
            cell_start = ge;
            i = ge;
        } else {
            i += 1;
        }
    }
    let (cs, ce) = trim_md(text, line.start + cell_start, line.end);
    if ce > cs {
        out.push((cs, ce));
    }
    out
}

/// True when the string has letters and none of them is lowercase.
pub fn is_upper(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        let u = c as u32;
        let (lower, alpha) = match u {
            0x61..=0x7A => (true, true),
            0x41..=0x5A => (false, true),
            0..=0x7F => (false, false),
            // Vietnamese letters: table-free (lower = odd / Latin-1 upper half)
            0xC0..=0xDE if u != 0xD7 => (false, true),
            0xDF..=0xFF if u != 0xF7 => (true, true),
            0x100..=0x137 | 0x14A..=0x177 | 0x1EA0..=0x1EF9 => (u % 2 == 1, true),
            0x1A0 | 0x1AF => (false, true),
            0x1A1 | 0x1B0 => (true, true),
            0x2000..=0x206F => (false, false),
            _ => (c.is_lowercase(), c.is_alphabetic()),
        };
        if lower {
            return false;
        }
        if alpha {
            letters += 1;
        }
    }
    letters >= 2
}

/// True when the first character is an uppercase letter.
pub fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Case-insensitive (Unicode simple folding) prefix test; returns the byte
/// length of the matched prefix of `s`.
pub fn starts_with_ci(s: &str, prefix: &str) -> Option<usize> {
    let mut it = s.char_indices();
    for p in prefix.chars() {
        let (_, c) = it.next()?;
        if !eq_ci(c, p) {
            return None;
        }
    }
    Some(it.next().map_or(s.len(), |(i, _)| i))
}

/// Lower case of one letter, with table-free paths for ASCII and the
/// Vietnamese letters (Latin-1, Latin Extended-A/B, Latin Extended Additional).
pub fn fast_lower(c: char) -> char {
    let u = c as u32;
    match u {
        0x41..=0x5A => char::from_u32(u + 0x20).unwrap_or(c),
        0..=0x7F => c,
        0xC0..=0xDE if u != 0xD7 => char::from_u32(u + 0x20).unwrap_or(c),
        0x100..=0x137 | 0x14A..=0x177 if u.is_multiple_of(2) => char::from_u32(u + 1).unwrap_or(c),
        0x1A0 | 0x1AF => char::from_u32(u + 1).unwrap_or(c),
        0x1EA0..=0x1EF9 if u.is_multiple_of(2) => char::from_u32(u + 1).unwrap_or(c),
        0x1EA0..=0x1EF9 => c,
        0x80..=0xBF
        | 0xD7
        | 0xF7
        | 0x300..=0x36F
        | 0x2000..=0x206F
        | 0x20A0..=0x20CF
        | 0x2100..=0x214F => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Lower-cases the start of `s` into a stack buffer (no allocation); stops
/// before the buffer would overflow.
pub fn lower_prefix_buf<'b>(s: &str, buf: &'b mut [u8; 64]) -> &'b str {
    let mut n = 0;
    for c in s.chars() {
        let l = fast_lower(c);
        let w = l.len_utf8();
        if n + w > buf.len() {
            break;
        }
        if let Some(slot) = buf.get_mut(n..n + w) {
            l.encode_utf8(slot);
        }
        n += w;
    }
    std::str::from_utf8(buf.get(..n).unwrap_or(&[])).unwrap_or("")
}

/// Lower-cases the first `max` bytes of `s` (on a char boundary).
pub fn lower_prefix(s: &str, max: usize) -> String {
    let e = floor_boundary(s, max.min(s.len()));
    s.get(..e).unwrap_or("").chars().map(fast_lower).collect()
}

/// Case-insensitive char equality for Vietnamese letters.
pub fn eq_ci(a: char, b: char) -> bool {
    a == b || fast_lower(a) == fast_lower(b)
}

/// Finds `needle` (written in lower case) in `s` as written, capitalised or
/// in upper case; returns the earliest byte offset. Uses memmem, no
/// per-character case folding.
pub fn find_ci(s: &str, needle: &str) -> Option<usize> {
    let hay = s.as_bytes();
    let mut best = memchr::memmem::find(hay, needle.as_bytes());
    let mut cs = needle.chars();
    let cap: String = match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => return Some(0),
    };
    if cap != needle
        && let Some(p) = memchr::memmem::find(hay, cap.as_bytes())
    {
        best = Some(best.map_or(p, |b| b.min(p)));
    }
    let up = needle.to_uppercase();
    if up != cap
        && let Some(p) = memchr::memmem::find(hay, up.as_bytes())
    {
        best = Some(best.map_or(p, |b| b.min(p)));
    }
    best
}

/// Case-insensitive word-prefix test: `prefix` followed by end or a non-letter.
pub fn starts_with_word_ci(s: &str, prefix: &str) -> Option<usize> {
    let n = starts_with_ci(s, prefix)?;
    match s.get(n..).and_then(|r| r.chars().next()) {
        Some(c) if c.is_alphanumeric() => None,
        _ => Some(n),
    }
}

/// Joins the trimmed pieces with single spaces, dropping markdown marks.
pub fn join_clean<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for p in parts {
        for w in p.split(is_space) {
            let w = w.trim_matches(|c| matches!(c, '*' | '_'));
            if w.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("  "));

/// Collapses internal whitespace of one piece of text and trims it.
pub fn clean(s: &str) -> String {
    let t = s.trim_matches(is_space);
    let b = t.as_bytes();
    let simple = memchr::memchr3(b'\t', b'\n', b'\r', b).is_none()
        && memchr::memchr3(b'*', b'_', b'\x0c', b).is_none()
        && memchr::memchr(0xEF, b).is_none()
        && DOUBLE_SPACE.find(b).is_none();
    if simple {
        t.to_string()
    } else {
        join_clean([s])
    }
}

/// A needle found as written (lower case), capitalised or in upper case,
/// with its memmem finders built once.
#[derive(Debug)]
pub struct CiNeedle {
    finders: Vec<memchr::memmem::Finder<'static>>,
}

impl CiNeedle {
    /// Builds the finders for a lowercase needle.
    pub fn new(needle: &str) -> Self {
        let mut cs = needle.chars();
        let cap: String = cs
            .next()
            .map(|f| f.to_uppercase().chain(cs).collect())
            .unwrap_or_default();
        let up = needle.to_uppercase();
        let mut v: Vec<String> = vec![needle.to_string()];
        for x in [cap, up] {
            if !v.contains(&x) {
                v.push(x);
            }
        }
        CiNeedle {
            finders: v
                .iter()
                .map(|x| memchr::memmem::Finder::new(x.as_bytes()).into_owned())
                .collect(),
        }
    }
    /// Earliest match in `s`.
    pub fn find(&self, s: &str) -> Option<usize> {
        self.finders
            .iter()
            .filter_map(|f| f.find(s.as_bytes()))
            .min()
    }
    /// True when it occurs in `s`.
    pub fn is_in(&self, s: &str) -> bool {
        self.finders.iter().any(|f| f.find(s.as_bytes()).is_some())
    }
}

/// A logical paragraph: consecutive lines joined where pdftotext (or a
/// narrow layout) wrapped one paragraph over several lines.
#[derive(Debug, Clone)]
pub struct Para<'a> {
    /// First line index.
    pub first: usize,
    /// Last line index (inclusive).
    pub last: usize,
    /// The paragraph text (borrowed when it is one line).
    pub text: Cow<'a, str>,
    /// Source offset of the first line's start.
    start: usize,
    /// (offset in `text`, offset in the source) at the start of each line
    /// after the first (empty, so no allocation, for one-line paragraphs).
    segs: Vec<(usize, usize)>,
}

impl Para<'_> {
    /// Maps an offset in the paragraph text to an offset in the source.
    pub fn source_offset(&self, off: usize) -> usize {
        match self.segs.iter().rev().find(|(p, _)| *p <= off) {
            Some((p, s)) => s + (off - p),
            None => self.start + off,
        }
    }
}

/// Longest paragraph assembled from wrapped lines (bytes); longer runs are
/// cut into several paragraphs.
pub const MAX_PARA_BYTES: usize = 16 * 1024;
/// A line shorter than this (bytes) ends its paragraph: wrapped lines fill the width.
const WRAP_MIN_BYTES: usize = 60;

fn starts_item(s: &str) -> bool {
    let b = s.as_bytes();
    match b.first() {
        Some(b'-' | b'+' | b'(' | b'*') => true,
        Some(c) if c.is_ascii_digit() => {
            let n = b
                .iter()
                .take_while(|c| c.is_ascii_digit() || **c == b'.')
                .count();
            // "1. ", "1) ", "1- " start items; "52-KH/TU" at a line start does not
            matches!(b.get(n), Some(b' ' | b')'))
                || (b.get(n) == Some(&b'-') && b.get(n + 1) == Some(&b' '))
                || (b.get(n.saturating_sub(1)) == Some(&b'.')
                    && b.get(n).is_none_or(|c| !c.is_ascii_digit()))
        }
        _ => {
            s.starts_with('•')
                || s.starts_with("Điều ")
                || s.starts_with("Chương ")
                || s.starts_with("Thứ ")
                || s.starts_with("Nơi nhận")
                || {
                    let mut it = s.chars();
                    matches!((it.next(), it.next()), (Some(c), Some(')' | '.' | '-')) if c.is_alphabetic() && !c.is_uppercase() || matches!(c, 'I' | 'V' | 'X'))
                        || s.split([' ', '.', '-']).next().is_some_and(|w| {
                            !w.is_empty()
                                && w.len() <= 5
                                && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
                                && s.get(w.len()..).is_some_and(|r| r.starts_with(['.', '-']))
                        })
                }
        }
    }
}

/// Builds one paragraph from lines `first..=last`.
fn make_para<'a>(t: &'a str, lines: &[Line], first: usize, last: usize) -> Option<Para<'a>> {
    let fl = lines.get(first)?;
    if first == last {
        return Some(Para {
            first,
            last,
            text: Cow::Borrowed(t.get(fl.start..fl.end).unwrap_or("")),
            start: fl.start,
            segs: Vec::new(),
        });
    }
    let mut s = String::new();
    let mut segs = Vec::new();
    for l in lines.iter().take(last + 1).skip(first) {
        let piece = t.get(l.start..l.end).unwrap_or("");
        // "31-" + "CTr/TW": a number hyphenated across the break joins without a space
        let glue = s.ends_with('-')
            && s.as_bytes()
                .get(s.len().wrapping_sub(2))
                .is_some_and(|c| c.is_ascii_digit());
        if !s.is_empty() && !glue {
            s.push(' ');
        }
        if !s.is_empty() {
            segs.push((s.len(), l.start));
        }
        s.push_str(piece);
    }
    Some(Para {
        first,
        last,
        text: Cow::Owned(s),
        start: fl.start,
        segs,
    })
}

/// Streams the paragraphs of lines `[from, to)` (nothing is collected, so
/// memory stays flat on inputs with millions of lines).
#[derive(Debug)]
pub struct Paragraphs<'a, 'l> {
    t: &'a str,
    lines: &'l [Line],
    i: usize,
    to: usize,
}

impl<'a, 'l> Paragraphs<'a, 'l> {
    /// Paragraphs of lines `[from, to)`.
    pub fn new(t: &'a str, lines: &'l [Line], from: usize, to: usize) -> Self {
        Paragraphs {
            t,
            lines,
            i: from,
            to: to.min(lines.len()),
        }
    }
}

impl<'a> Iterator for Paragraphs<'a, '_> {
    type Item = Para<'a>;
    fn next(&mut self) -> Option<Para<'a>> {
        let (t, lines) = (self.t, self.lines);
        while self.i < self.to && lines.get(self.i).is_some_and(Line::is_blank) {
            self.i += 1;
        }
        if self.i >= self.to {
            return None;
        }
        let first = self.i;
        let mut last = first;
        let mut bytes = lines.get(first).map_or(0, |l| l.end - l.start);
        self.i += 1;
        while self.i < self.to {
            let Some(l) = lines.get(self.i) else { break };
            if l.is_blank() {
                break;
            }
            let s = t.get(l.start..l.end).unwrap_or("");
            let prev = lines
                .get(last)
                .map_or("", |p| t.get(p.start..p.end).unwrap_or(""));
            let cont = !starts_item(s)
                && prev.len() >= WRAP_MIN_BYTES
                && !prev.ends_with(['.', ':', ';', '!', '?'])
                && bytes + s.len() < MAX_PARA_BYTES;
            if !cont {
                break;
            }
            bytes += s.len() + 1;
            last = self.i;
            self.i += 1;
        }
        make_para(t, lines, first, last)
    }
}

/// Collects the paragraphs of lines `[from, to)`.
pub fn paragraphs<'a>(t: &'a str, lines: &[Line], from: usize, to: usize) -> Vec<Para<'a>> {
    Paragraphs::new(t, lines, from, to).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_moves_tone_in_open_syllables() {
        assert_eq!(canonical("hoà bình"), "hòa bình");
        assert_eq!(canonical("Uỷ ban"), "Ủy ban");
        assert_eq!(canonical("hòa"), "hòa");
        assert_eq!(canonical("quả"), "quả");
        assert_eq!(canonical("hoàn thành"), "hoàn thành");
    }

    #[test]
    fn fast_lower_matches_std_on_vietnamese() {
        for c in "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ".chars() {
            assert_eq!(fast_lower(c).to_string(), c.to_lowercase().to_string(), "{c}");
            let l = fast_lower(c);
            assert_eq!(fast_lower(l), l);
        }
    }

    #[test]
    fn fold_key_ignores_case_space_and_tone_placement() {
        assert_eq!(fold_key("Uỷ  ban nhân dân"), fold_key("ỦY BAN NHÂN DÂN"));
    }

    #[test]
    fn lines_split_on_newline_and_form_feed() {
        let t = "a\n  b  \r\n\x0cc";
        let idx = LineIndex::new(t);
        let got: Vec<&str> = idx.lines.iter().map(|l| &t[l.start..l.end]).collect();
        assert_eq!(got, vec!["a", "b", "", "c"]);
    }

    #[test]
    fn cells_split_two_columns() {
        let t = "ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        let idx = LineIndex::new(t);
        let c = cells(t, &idx.lines[0]);
        assert_eq!(c.len(), 2);
        assert_eq!(&t[c[0].0..c[0].1], "ỦY BAN NHÂN DÂN");
    }

    #[test]
    fn wrapped_lines_join_into_paragraphs() {
        let t = "Sở Khoa học và Công nghệ chủ trì, phối hợp với Văn phòng Ủy ban nhân dân\ntỉnh tham mưu báo cáo.\n1. Mục đích\nNâng cao nhận thức.\n";
        let idx = LineIndex::new(t);
        let p = paragraphs(t, &idx.lines, 0, idx.lines.len());
        assert_eq!(p.len(), 3);
        assert!(
            p[0].text
                .ends_with("Ủy ban nhân dân tỉnh tham mưu báo cáo.")
        );
        let off = p[0].text.find("tỉnh tham").unwrap();
        let so = p[0].source_offset(off);
        assert_eq!(&t[so..so + "tỉnh".len()], "tỉnh");
    }

    #[test]
    fn nfc_composes_decomposed_marks() {
        let d = "Vie\u{302}\u{323}t";
        assert_eq!(nfc(d), "Việt");
        assert!(matches!(nfc("Việt"), Cow::Borrowed(_)));
    }
}
