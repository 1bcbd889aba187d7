//! The "Nơi nhận" list: one recipient per bullet, with its note in brackets
//! ("(báo cáo)", "(để b/c)", "(t/h)"); archive lines "Lưu ..." kept as written.

use crate::model::Recipient;
use crate::signer::{MAX_TAIL_LINES, is_capacity, is_name};
use crate::text::{Line, cells, clean, is_upper, starts_with_ci};

/// Most recipients kept.
pub const MAX_RECIPIENTS: usize = 200;
/// Most lines read after "Nơi nhận".
const MAX_RECIPIENT_LINES: usize = 120;

/// Finds the "Nơi nhận" line: (line index, cell start, cell end).
pub fn find_start(t: &str, lines: &[Line], body_start: usize) -> Option<(usize, usize, usize)> {
    let lo = lines.len().saturating_sub(MAX_TAIL_LINES).max(body_start);
    let mut i = lines.len();
    while i > lo {
        i -= 1;
        let line = lines.get(i)?;
        if line.is_blank() {
            continue;
        }
        let s = t.get(line.start..line.end)?;
        if !(s.contains("hận")
            || s.contains("HẬN")
            || s.contains("hân")
            || s.contains("han")
            || s.contains("HAN"))
        {
            continue;
        }
        for (a, b) in cells(t, line) {
            if label_len(t.get(a..b)?).is_some() {
                return Some((i, a, b));
            }
        }
    }
    None
}

/// Length of a "Nơi nhận" label at the start of a cell, also as OCR or
/// plain-ASCII text writes it ("Nơi nhân", "Noi nhan").
fn label_len(s: &str) -> Option<usize> {
    ["Nơi nhận", "Nơi nhân", "Noi nhan", "Nơi nhan", "Noi nhận"]
        .iter()
        .find_map(|l| starts_with_ci(s, l))
}

fn bullet(s: &str) -> Option<&str> {
    let r = s.strip_prefix(['-', '+', '•', '–', '*', '·'])?;
    Some(r.trim_start())
}

fn push_item(t: &str, a: usize, b: usize, out: &mut Vec<Recipient>) {
    let Some(raw) = t.get(a..b) else { return };
    // "- Như trên; - Lưu VT." on one line
    let mut rest = raw;
    let mut offset = a;
    loop {
        let (piece, next) = match rest.find("; -").or_else(|| rest.find(";-")) {
            Some(p) => (rest.get(..p).unwrap_or(""), Some(p + 1)),
            None => (rest, None),
        };
        one(piece, offset, out);
        match next {
            Some(n) => {
                let tail = rest.get(n..).unwrap_or("");
                let trimmed = tail.trim_start_matches([' ', '-']);
                offset += n + (tail.len() - trimmed.len());
                rest = trimmed;
            }
            None => break,
        }
    }
}

fn one_owned(joined: &str, span: [usize; 2], out: &mut Vec<Recipient>) {
    let before = out.len();
    one(joined, span[0], out);
    if let Some(r) = out.get_mut(before) {
        r.span = span;
    }
}

fn one(piece: &str, offset: usize, out: &mut Vec<Recipient>) {
    let p = piece.trim().trim_end_matches([',', ';', '.', ' ']);
    let p = bullet(p).unwrap_or(p);
    if p.is_empty() || out.len() >= MAX_RECIPIENTS {
        return;
    }
    let (name, note) = match (p.ends_with(')'), p.rfind('(')) {
        (true, Some(o)) if o > 0 => (
            p.get(..o)
                .unwrap_or("")
                .trim_end()
                .trim_end_matches([',', ' ']),
            Some(clean(p.get(o + 1..p.len() - 1).unwrap_or(""))),
        ),
        _ => (p, None),
    };
    if name.is_empty() {
        return;
    }
    out.push(Recipient {
        name: clean(name),
        note,
        span: [offset, offset + piece.len()],
    });
}

/// Reads the recipients from the "Nơi nhận" line on; `signer_col` is the
/// column of the signer block when it shares rows (cells there are skipped).
pub fn parse(t: &str, lines: &[Line], start: (usize, usize, usize)) -> Vec<Recipient> {
    let (li, a, b) = start;
    let mut out = Vec::new();
    let head = t.get(a..b).unwrap_or("");
    let n = label_len(head).unwrap_or(0);
    let after = head.get(n..).unwrap_or("");
    let first = after.trim_start_matches([':', ' ']);
    let col = lines.get(li).map_or(0, |l| a - l.raw_start);
    let mut items: Vec<Vec<(usize, usize)>> = Vec::new();
    if !first.is_empty() {
        let fs = a + (head.len() - first.len());
        items.push(vec![(fs, b)]);
    }
    let mut blank_run = 0;
    for line in lines.iter().skip(li + 1).take(MAX_RECIPIENT_LINES) {
        if line.is_blank() {
            blank_run += 1;
            continue;
        }
        let cs = cells(t, line);
        let Some(&(ca, cb)) = cs.first() else {
            continue;
        };
        let ccol = ca - line.raw_start;
        if ccol > col + 25 {
            // only a right-column cell (signer) on this row
            continue;
        }
        let s = t.get(ca..cb).unwrap_or("");
        if s.len() >= 3
            && s.chars()
                .all(|c| matches!(c, '-' | '_' | '=' | '*' | '–' | '—'))
        {
            // a rule line ends the list
            break;
        }
        let is_b = bullet(s).is_some();
        if is_capacity(s) || (!is_b && (is_upper(s) || is_name(s))) {
            break;
        }
        if blank_run > 0 && !is_b && !items.is_empty() {
            break;
        }
        blank_run = 0;
        let starts_lower = s.chars().next().is_some_and(|c| c.is_lowercase());
        if !is_b
            && starts_lower
            && let Some(last) = items.last_mut()
        {
            // wrapped line
            last.push((ca, cb));
            continue;
        }
        items.push(vec![(ca, cb)]);
    }
    for pieces in items {
        if let [(x, y)] = pieces.as_slice() {
            push_item(t, *x, *y, &mut out);
        } else if let (Some(f), Some(l)) = (pieces.first(), pieces.last()) {
            let joined =
                crate::text::join_clean(pieces.iter().map(|&(x, y)| t.get(x..y).unwrap_or("")));
            one_owned(&joined, [f.0, l.1], &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::LineIndex;

    #[test]
    fn ocr_and_ascii_labels() {
        for label in ["Nơi nhân:", "Noi nhan:", "NƠI NHẬN:"] {
            let t = format!("{label}\n- Như trên;\n- Lưu: VT.\n");
            let idx = LineIndex::new(&t);
            let st = find_start(&t, &idx.lines, 0).unwrap();
            assert_eq!(parse(&t, &idx.lines, st).len(), 2, "{label}");
        }
    }

    #[test]
    fn notes_and_archive_lines() {
        let t = "Nơi nhận:\n- Thường trực Tỉnh ủy (để b/c),\n- Các sở, ngành (t/h);\n- Lưu: VT, TH.\n\nKT. CHỦ TỊCH\n";
        let idx = LineIndex::new(t);
        let st = find_start(t, &idx.lines, 0).unwrap();
        let r = parse(t, &idx.lines, st);
        let got: Vec<(String, Option<String>)> = r.into_iter().map(|r| (r.name, r.note)).collect();
        assert_eq!(
            got,
            vec![
                ("Thường trực Tỉnh ủy".into(), Some("để b/c".into())),
                ("Các sở, ngành".into(), Some("t/h".into())),
                ("Lưu: VT, TH".into(), None)
            ]
        );
    }
}
