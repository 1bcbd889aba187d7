//! Snippets: a window of text around the matched words, with `<mark>`.

use std::collections::HashSet;

use crate::analyzer::{folded_word, is_word_char};

/// Length of a snippet window, in characters: two lines of a results page.
pub const SNIPPET_CHARS: usize = 220;

/// Longest text scanned for a snippet, in bytes: the best window of a very
/// long document is almost always in its first part, and scanning is linear.
const MAX_SCAN_BYTES: usize = 32 * 1024;

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Byte spans of the words of `text`, lazily.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if is_word_char(c) {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// HTML snippet of `text`: the window of about [`SNIPPET_CHARS`] with the
/// most distinct matched words, HTML-escaped, matches in `<mark>`.
/// `terms` are folded words; matching is diacritic-insensitive. Scanning
/// stops at the first window holding every term.
pub fn snippet(text: &str, terms: &HashSet<String>) -> String {
    let text = &text[..floor_char_boundary(text, MAX_SCAN_BYTES)];
    // A folded term has one letter per letter of the word it matches, so
    // words of other lengths are skipped without folding them.
    let lengths: HashSet<usize> = terms.iter().map(|t| t.chars().count()).collect();
    let is_match = |s: usize, e: usize| {
        let w = &text[s..e];
        lengths.contains(&w.chars().count()) && terms.contains(&folded_word(w))
    };
    let window_bytes = SNIPPET_CHARS * 2; // Vietnamese letters are 1–3 bytes.
    let mut matched: Vec<(usize, usize)> = Vec::new();
    let mut best = (0usize, 0usize); // (distinct terms, window start byte)
    for (s, e) in words(text) {
        if !is_match(s, e) {
            continue;
        }
        matched.push((s, e));
        // Distinct terms in the window that ends with this match.
        let mut seen: HashSet<String> = HashSet::new();
        let mut first = s;
        for &(ms, me) in matched.iter().rev() {
            if e - ms > window_bytes {
                break;
            }
            seen.insert(folded_word(&text[ms..me]));
            first = ms;
        }
        if seen.len() > best.0 {
            best = (seen.len(), first);
            if seen.len() == terms.len() {
                break;
            }
        }
    }
    // Back up a few words for context, then cut on word boundaries.
    let mut start = 0;
    if best.0 > 0 {
        let lead_from = floor_char_boundary(text, best.1.saturating_sub(60));
        let mid_word = text[..lead_from]
            .chars()
            .next_back()
            .is_some_and(is_word_char);
        start = words(&text[lead_from..best.1])
            .nth(usize::from(mid_word))
            .map_or(best.1, |(s, _)| lead_from + s);
    }
    let mut end = start;
    for (i, c) in text[start..].char_indices().take(SNIPPET_CHARS) {
        end = start + i + c.len_utf8();
    }
    if end < text.len()
        && let Some(c) = text[end..].chars().next()
        && is_word_char(c)
    {
        // Do not cut a word in half.
        let back = text[start..end]
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(end, |(i, c)| start + i + c.len_utf8());
        if back > start {
            end = back;
        }
    }
    let mut out = String::with_capacity(end - start + 64);
    if start > 0 {
        out.push('…');
    }
    let mut pos = start;
    for (s, e) in words(&text[start..end]).map(|(s, e)| (start + s, start + e)) {
        if is_match(s, e) {
            escape_into(&mut out, &text[pos..s]);
            out.push_str("<mark>");
            escape_into(&mut out, &text[s..e]);
            out.push_str("</mark>");
            pos = e;
        }
    }
    escape_into(&mut out, &text[pos..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_words_without_regard_to_diacritics_and_escapes() {
        let terms: HashSet<String> = ["thong", "tin"].iter().map(|s| s.to_string()).collect();
        let s = snippet("Công tác <thông tin> đối ngoại & tin tức", &terms);
        assert_eq!(
            s,
            "Công tác &lt;<mark>thông</mark> <mark>tin</mark>&gt; đối ngoại &amp; <mark>tin</mark> tức"
        );
    }

    #[test]
    fn long_text_is_windowed_around_the_match() {
        let mut text = "mở đầu ".repeat(200);
        text.push_str("kết luận số 57 về thông tin đối ngoại");
        text.push_str(&" kết thúc".repeat(200));
        let terms: HashSet<String> = ["doi", "ngoai"].iter().map(|s| s.to_string()).collect();
        let s = snippet(&text, &terms);
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert!(s.contains("<mark>đối</mark> <mark>ngoại</mark>"));
        assert!(s.chars().count() < SNIPPET_CHARS + 40);
    }
}
