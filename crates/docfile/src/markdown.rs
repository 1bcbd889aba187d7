//! Markdown, as legal-database pages export it: tables become lines laid out
//! like `pdftotext -layout`, emphasis and link syntax are dropped.

use crate::layout::{self, Cell};

/// Whether a line is a table's header separator (`|---|:---:|`).
fn is_separator(line: &str) -> bool {
    let t = line.trim();
    if !t.contains('-') || !(t.contains('|') || t.starts_with("---")) {
        return false;
    }
    let cells: Vec<&str> = t.trim_matches('|').split('|').collect();
    cells.len() >= 2
        && cells.iter().all(|c| {
            let c = c.trim();
            c.len() >= 3 && c.trim_matches(':').chars().all(|ch| ch == '-')
        })
}

/// Whether a line is a table row (`| a | b |`).
fn is_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.len() > 1 || t.matches('|').count() >= 2
}

/// Whether the text has a Markdown table: a separator under a row.
pub(crate) fn has_table(text: &str) -> bool {
    let mut prev_row = false;
    for line in text.lines() {
        if prev_row && is_separator(line) {
            return true;
        }
        prev_row = is_row(line);
    }
    false
}

/// Splits a table row into its cells (a `<br>` inside a cell breaks lines).
fn cells(line: &str) -> Vec<Cell> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|c| {
            let c = c.replace("<br/>", "<br>").replace("<br />", "<br>");
            c.split("<br>").map(|l| inline(l.trim())).collect()
        })
        .collect()
}

/// Drops inline Markdown: `**bold**`, `__bold__`, `*em*`, `[text](url)`.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['*', '_', '[', '!']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(t) = tail.strip_prefix("**").or_else(|| tail.strip_prefix("__")) {
            rest = t;
        } else if tail.starts_with('[') || tail.starts_with("![") {
            let open = usize::from(tail.starts_with('!'));
            match link(&tail[open..]) {
                Some((text, used)) => {
                    out.push_str(text);
                    rest = &tail[open + used..];
                }
                None => {
                    out.push_str(&tail[..1]);
                    rest = &tail[1..];
                }
            }
        } else if let Some(after) = tail.strip_prefix('*') {
            // `*emphasis*`: a star with a space (or the line's end) on exactly
            // one side. A lone `*` (a Party header's separator) stays.
            let space_before = out.chars().last().is_none_or(char::is_whitespace);
            let space_after = after.chars().next().is_none_or(char::is_whitespace);
            if space_before == space_after {
                out.push('*');
            }
            rest = after;
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Longest link text and target looked for, in bytes: bounds the search so
/// that a line of many `[` stays linear.
const MAX_LINK: usize = 2048;

/// `[text](url)` at the start of `s`: its text and the bytes it spans.
fn link(s: &str) -> Option<(&str, usize)> {
    let window = &s.as_bytes()[..s.len().min(MAX_LINK)];
    // Stop at the next `[`: every byte is then scanned from one `[` only.
    let mut close = None;
    for (i, &b) in window.iter().enumerate().skip(1) {
        match b {
            b'[' => return None,
            b']' if window.get(i + 1) == Some(&b'(') => {
                close = Some(i);
                break;
            }
            _ => {}
        }
    }
    let close = close?;
    let end = window[close..].iter().position(|&b| b == b')')? + close;
    Some((s.get(1..close)?, end + 1))
}

/// Flattens Markdown into plain text.
pub(crate) fn flatten(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if is_row(line) && lines.get(i + 1).is_some_and(|l| is_separator(l)) {
            let mut rows = vec![cells(line)];
            i += 2;
            while i < lines.len() && is_row(lines[i]) {
                rows.push(cells(lines[i]));
                i += 1;
            }
            layout::push_table(&mut out, &rows);
            continue;
        }
        let t = line.trim_start();
        let body = if t.starts_with('#') {
            t.trim_start_matches('#').trim_start()
        } else if let Some(quoted) = t.strip_prefix('>') {
            quoted.trim_start()
        } else {
            line
        };
        if let Some(item) = body.strip_prefix("* ").or_else(|| body.strip_prefix("+ ")) {
            out.push_str("- ");
            out.push_str(&inline(item));
        } else if !is_separator(line) {
            out.push_str(&inline(body));
        }
        out.push('\n');
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_become_lines() {
        let md = "## **Điều 1.** Phạm vi\n\n| BỘ X | CỘNG HÒA |\n|---|:---:|\n| Số: 12/QĐ-BX | Hà Nội, ngày 1 tháng 2 năm 2024 |\n\nXem [Nghị định 30](https://x/y).\n";
        let got = flatten(md);
        assert!(got.starts_with("Điều 1. Phạm vi\n\n"), "{got}");
        assert!(got.contains("BỘ X"), "{got}");
        assert!(!got.contains('|'), "{got}");
        assert!(!got.contains("---"), "{got}");
        assert!(got.contains("Số: 12/QĐ-BX      Hà Nội"), "{got}");
        assert!(got.contains("Xem Nghị định 30."), "{got}");
        assert!(has_table(md));
        assert!(!has_table("a | b\nno"));
        assert_eq!(inline("[[a](b) [c]"), "[a [c]");
        assert_eq!(inline("*Hà Nội, ngày 1*"), "Hà Nội, ngày 1");
        assert_eq!(inline("*"), "*");
        assert_eq!(flatten("> Đăng nhập\n* một\n"), "Đăng nhập\n- một\n");
        let many = "[".repeat(200_000);
        assert_eq!(inline(&many), many);
    }
}
