//! Snippets: a window of text around the matched words, with `<mark>`.

use std::collections::HashSet;

use crate::analyzer::{folded_word, word_spans};

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

/// HTML snippet of `text`: the window of about [`SNIPPET_CHARS`] with the
/// most distinct matched words, HTML-escaped, matches in `<mark>`.
/// `terms` are folded words; matching is diacritic-insensitive.
pub fn snippet(text: &str, terms: &HashSet<String>) -> String {
    let text = &text[..floor_char_boundary(text, MAX_SCAN_BYTES)];
    let spans = word_spans(text);
    let matched: Vec<(usize, usize)> = spans
        .iter()
        .copied()
        .filter(|&(s, e)| terms.contains(&folded_word(&text[s..e])))
        .collect();
    // Window start: the match opening the window with the most distinct terms.
    let window_bytes = SNIPPET_CHARS * 2; // Vietnamese letters are 1–3 bytes.
    let mut best = (0usize, 0usize); // (distinct, start byte)
    for (i, &(s, _)) in matched.iter().enumerate() {
        let mut seen = HashSet::new();
        for &(ms, me) in &matched[i..] {
            if ms - s > window_bytes {
                break;
            }
            seen.insert(folded_word(&text[ms..me]));
        }
        if seen.len() > best.0 {
            best = (seen.len(), s);
        }
    }
    // Back up a few words for context, then cut on word boundaries.
    let mut start = best.1;
    if best.0 > 0 {
        let back = spans
            .iter()
            .rposition(|&(s, _)| s < best.1)
            .map_or(0, |i| i.saturating_sub(4));
        start = spans.get(back).map_or(0, |&(s, _)| s.min(best.1));
    }
    let mut end = start;
    for (i, c) in text[start..].char_indices().take(SNIPPET_CHARS) {
        end = start + i + c.len_utf8();
    }
    if end < text.len() {
        // Do not cut a word in half.
        if let Some(&(s, _)) = spans.iter().find(|&&(s, e)| s < end && e > end) {
            end = s;
        }
    }
    let mut out = String::with_capacity(end - start + 64);
    if start > 0 {
        out.push('…');
    }
    let mut pos = start;
    for &(s, e) in matched.iter().filter(|&&(s, e)| s >= start && e <= end) {
        escape_into(&mut out, &text[pos..s]);
        out.push_str("<mark>");
        escape_into(&mut out, &text[s..e]);
        out.push_str("</mark>");
        pos = e;
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
