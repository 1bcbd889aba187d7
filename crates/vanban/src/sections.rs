//! The section tree: Roman `I-`/`II.`, Arabic `1.`/`3.1.`, letters `a)`;
//! State legal texts: Chương, Mục, Điều, khoản `1.`, điểm `a)`. Parenthesised
//! `(1)` enumerations, "Thứ nhất…" and `-` bullets are items, not sections.

use crate::model::Section;
use crate::text::{Line, clean, starts_with_word_ci, trim_md};

/// Most sections kept; a table of contents with thousands of lines is noise.
pub const MAX_SECTIONS: usize = 2000;
/// Deepest Arabic numbering followed (`1.2.3.4.5`).
const MAX_DEPTH: usize = 6;
/// Longest heading kept (bytes).
const MAX_HEADING: usize = 200;

/// A heading marker recognised at the start of a line.
#[derive(Debug, PartialEq, Eq)]
enum Marker {
    Roman(String),
    Arabic(Vec<u16>),
    Letter(char),
    Chapter(String),
    Part(String),
    Article(u16),
}

fn roman_value(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (1..=40).contains(&total).then_some(total)
}

/// Parses a marker; returns it and the heading text after it.
fn marker(s: &str) -> Option<(Marker, &str)> {
    let b = s.as_bytes();
    let first = *b.first()?;
    // Roman numerals
    if matches!(first, b'I' | b'V' | b'X' | b'L') {
        let n = b
            .iter()
            .take_while(|c| matches!(c, b'I' | b'V' | b'X' | b'L'))
            .count();
        // "II - NỘI DUNG": spaces before the separator are allowed
        let sp = b
            .get(n..)
            .map_or(0, |r| r.iter().take_while(|c| **c == b' ').count());
        let m = n + sp.min(2);
        let sep = b.get(m).copied();
        if n <= 6
            && (matches!(sep, Some(b'.' | b'-' | b')' | b':'))
                || s.get(m..)?.starts_with(['–', '—']))
        {
            let sep_len = s.get(m..)?.chars().next()?.len_utf8();
            let rest = s.get(m + sep_len..)?.trim_start();
            if roman_value(s.get(..n)?).is_some() && heading_ok(rest) {
                return Some((Marker::Roman(s.get(..n)?.to_string()), rest));
            }
        }
    }
    // Arabic 1. / 1- / 3.1. / 3.1
    if first.is_ascii_digit() {
        let mut nums = Vec::new();
        let mut i = 0;
        loop {
            let st = i;
            while b.get(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
            if i == st || i - st > 2 {
                return None;
            }
            nums.push(s.get(st..i)?.parse::<u16>().ok()?);
            match b.get(i) {
                Some(b'.') if b.get(i + 1).is_some_and(|c| c.is_ascii_digit()) => {
                    i += 1;
                    if nums.len() >= MAX_DEPTH {
                        return None;
                    }
                }
                Some(b'.' | b'-' | b')') if nums.len() > 1 || b.get(i) != Some(&b')') => {
                    i += 1;
                    break;
                }
                Some(b' ') if nums.len() > 1 => break,
                _ => return None,
            }
        }
        let rest = s.get(i..)?;
        // "1.Mục đích" (OCR lost the space): a capital right after the dot
        let glued = nums.len() == 1
            && s.get(i.saturating_sub(1)..i) == Some(".")
            && rest.chars().next().is_some_and(|c| c.is_uppercase());
        if !rest.starts_with([' ', '\t']) && !rest.is_empty() && !glued {
            return None;
        }
        let rest = rest.trim_start();
        if heading_ok(rest) && nums.iter().all(|&n| n > 0) {
            return Some((Marker::Arabic(nums), rest));
        }
        return None;
    }
    // letters a) b) đ)
    let mut it = s.char_indices();
    if let Some((_, c)) = it.next()
        && (c.is_ascii_lowercase() || c == 'đ')
        && let Some((j, ')')) = it.next()
    {
        let rest = s.get(j + 1..)?.trim_start();
        if !rest.is_empty() {
            return Some((Marker::Letter(c), rest));
        }
    }
    // Điều 2. / Chương I / Mục 1 / Phần I
    if !s.starts_with(['Đ', 'đ', 'C', 'c', 'M', 'm', 'P', 'p']) {
        return None;
    }
    for (word, kind) in [("Điều", 0), ("Chương", 1), ("Mục", 2), ("Phần", 3)] {
        if let Some(n) = starts_with_word_ci(s, word) {
            if kind == 0 && !s.starts_with('Đ') {
                return None;
            }
            let rest = s.get(n..)?.trim_start();
            let id_len = rest
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(rest.len(), |(i, _)| i);
            let id = rest.get(..id_len)?;
            if id.is_empty() || id.len() > 6 {
                return None;
            }
            let after = rest.get(id_len..)?;
            if !(after.is_empty() || after.starts_with(['.', ':', ' ', '-', '–'])) {
                return None;
            }
            let heading = after.trim_start_matches(['.', ':', ' ', '-', '–']).trim();
            return match kind {
                0 => id
                    .parse::<u16>()
                    .ok()
                    .map(|n| (Marker::Article(n), heading)),
                1 if roman_value(&id.to_uppercase()).is_some() || id.parse::<u16>().is_ok() => {
                    Some((Marker::Chapter(id.to_uppercase()), heading))
                }
                2 if id.parse::<u16>().is_ok() || roman_value(id).is_some() => {
                    Some((Marker::Part(format!("Mục {id}")), heading))
                }
                3 if roman_value(&id.to_uppercase()).is_some() || id.parse::<u16>().is_ok() => {
                    Some((Marker::Roman(id.to_uppercase()), heading))
                }
                _ => None,
            };
        }
    }
    None
}

/// A heading text starts with a letter (upper case for the first word) or
/// an emphasis mark.
fn heading_ok(rest: &str) -> bool {
    let r = rest.trim_start_matches(['*', '_', '"', '“']);
    // TCVN3 fonts have no toned capitals, so "ủy ban ..." may open a heading
    r.chars().next().is_some_and(|c| {
        c.is_uppercase() || (!c.is_ascii() && c.is_lowercase() && !is_plain_vowel_free(c))
    })
}

/// True for lowercase letters that TCVN3 does have capitals for (so a
/// lowercase one really is lowercase): plain ASCII and đ/ă/â/ê/ô/ơ/ư.
fn is_plain_vowel_free(c: char) -> bool {
    c.is_ascii() || matches!(c, 'đ' | 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// True when the line starts with a section marker (for the header's title
/// collector).
pub fn is_heading_start(s: &str) -> bool {
    matches!(
        marker(s),
        Some((
            Marker::Roman(_) | Marker::Arabic(_) | Marker::Article(_) | Marker::Chapter(_),
            _
        ))
    )
}

/// Keeps headings short: up to the first sentence end or colon.
fn short_heading(h: &str) -> String {
    let mut end = h.len().min(MAX_HEADING);
    while end > 0 && !h.is_char_boundary(end) {
        end -= 1;
    }
    let h = h.get(..end).unwrap_or("");
    let b = h.as_bytes();
    let cut = memchr::memchr_iter(b':', b)
        .find(|&i| b.get(i + 1) == Some(&b' '))
        .or_else(|| memchr::memchr_iter(b'.', b).find(|&i| b.get(i + 1) == Some(&b' ')))
        .unwrap_or(h.len());
    clean(h.get(..cut).unwrap_or(h).trim_end_matches([':', '.']))
}

/// The section tree of the body lines `[from, to)`; `line_section` receives,
/// for every line index, the index of the section it sits in.
pub fn parse(
    t: &str,
    lines: &[Line],
    from: usize,
    to: usize,
    line_section: &mut Vec<Option<u32>>,
) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut roman: Option<String> = None;
    let mut arabic: Vec<u16> = Vec::new();
    let mut arabic_path: Option<String> = None;
    let mut chapter: Option<String> = None;
    let mut article: Option<u16> = None;
    let mut part: Option<String> = None;
    let mut current: Option<u32> = None;
    line_section.clear();
    line_section.resize(lines.len(), None);
    for (i, line) in lines.iter().enumerate().take(to).skip(from) {
        if let Some(slot) = line_section.get_mut(i) {
            *slot = current;
        }
        if line.is_blank() || out.len() >= MAX_SECTIONS {
            continue;
        }
        let (a, b) = trim_md(t, line.start, line.end);
        let Some(s) = t.get(a..b) else { continue };
        let Some((m, rest)) = marker(s) else { continue };
        let (id, level) = match m {
            Marker::Roman(r) => {
                if article.is_some() {
                    continue;
                }
                arabic.clear();
                arabic_path = None;
                let id = r.clone();
                roman = Some(r);
                (id, 1u8)
            }
            Marker::Chapter(c) => {
                arabic.clear();
                arabic_path = None;
                part = None;
                let id = format!("Chương {c}");
                chapter = Some(id.clone());
                (id, 1)
            }
            Marker::Part(p) => {
                let id = match &chapter {
                    Some(c) => format!("{c}.{p}"),
                    None => p,
                };
                part = Some(id.clone());
                (id, 2)
            }
            Marker::Article(n) => {
                article = Some(n);
                arabic.clear();
                arabic_path = None;
                let lvl = 1 + u8::from(chapter.is_some()) + u8::from(part.is_some());
                (format!("Điều {n}"), lvl)
            }
            Marker::Arabic(nums) => {
                let prefix = match (article, &roman) {
                    (Some(n), _) => Some(format!("Điều {n}")),
                    (None, Some(r)) => Some(r.clone()),
                    (None, None) => None,
                };
                // a lone "1." under "3." restarts the level unless nums say otherwise
                arabic = nums.clone();
                let mut id = prefix.clone().unwrap_or_default();
                for n in &nums {
                    if !id.is_empty() {
                        id.push('.');
                    }
                    id.push_str(&n.to_string());
                }
                arabic_path = Some(id.clone());
                (
                    id,
                    (nums.len() + usize::from(prefix.is_some())).min(255) as u8,
                )
            }
            Marker::Letter(c) => {
                let base = match (&arabic_path, article, &roman) {
                    (Some(p), _, _) => p.clone(),
                    (None, Some(n), _) => format!("Điều {n}"),
                    (None, None, Some(r)) => r.clone(),
                    (None, None, None) => continue,
                };
                let lvl = base.matches('.').count() as u8 + 2;
                (format!("{base}.{c}"), lvl)
            }
        };
        let mut heading = short_heading(rest);
        if heading.is_empty()
            && let Some(next) = lines.get(i + 1)
            && let Some(ns) = t.get(next.start..next.end)
            && crate::text::is_upper(ns)
        {
            heading = short_heading(ns);
        }
        current = Some(out.len() as u32);
        if let Some(slot) = line_section.get_mut(i) {
            *slot = current;
        }
        out.push(Section {
            id,
            heading,
            level,
            span: [a, b],
        });
    }
    // dedupe ids (keep first)
    let mut seen = std::collections::HashSet::new();
    out.retain(|s| seen.insert(s.id.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::LineIndex;

    fn ids(t: &str) -> Vec<String> {
        let idx = LineIndex::new(t);
        let mut ls = Vec::new();
        parse(t, &idx.lines, 0, idx.lines.len(), &mut ls)
            .into_iter()
            .map(|s| s.id)
            .collect()
    }

    #[test]
    fn party_paths() {
        let t = "I - MỤC ĐÍCH\n1. Mục đích\n- gạch đầu dòng\n(1) Liệt kê\nII. NỘI DUNG\n2. Hình thức\na) Trực tiếp\nb) Trực tuyến\n3.1. Xây dựng\nThứ nhất, không phải mục\n";
        assert_eq!(
            ids(t),
            vec!["I", "I.1", "II", "II.2", "II.2.a", "II.2.b", "II.3.1"]
        );
    }

    #[test]
    fn state_articles_with_clauses_and_points() {
        let t = "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n1. Khoản một\na) Điểm a\nĐiều 2. Đối tượng\n";
        assert_eq!(
            ids(t),
            vec!["Chương I", "Điều 1", "Điều 1.1", "Điều 1.1.a", "Điều 2"]
        );
    }

    #[test]
    fn ocr_lost_space_after_number() {
        assert_eq!(
            ids("I.MỤC ĐÍCH\n1.Mục đích\n1.5 triệu đồng\n"),
            vec!["I", "I.1"]
        );
    }

    #[test]
    fn dates_and_numbers_are_not_headings() {
        assert!(ids("2023. Các đơn vị\n15 năm qua\n30/11/2023 hạn\n").is_empty());
    }
}
