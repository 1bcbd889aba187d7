//! Document number keys: every common writing of a number meets one key.
//!
//! A document number ("số, ký hiệu") is a serial number, sometimes a year,
//! then letter parts: `57-KL/TW`, `30/2020/NĐ-CP`, `1234/QĐ-UBND`. Officials
//! type it as `57- KL/TW`, `57/KL`, `kl 57`, `KL57`, `ket luan 57`,
//! `nghị định 30/2020`. Both sides become keys of the form
//! `number|year|part|part…` (folded, leading zeros dropped), and a query key
//! hits the document's key set:
//!
//! * the document gets one key per prefix of its parts, with and without the
//!   year, plus `number|year`;
//! * the query gets one key per prefix of the parts it names, so the more of
//!   the number it names, the more keys match and the higher it ranks.

use crate::analyzer::fold_text;

/// Most number keys made from one query: bounds the term lookups a long
/// query full of numbers can trigger.
pub const MAX_QUERY_NUMBER_KEYS: usize = 12;

/// Most letter parts read after a serial number (`KL/TW` has two;
/// `QĐ-UBND-VX` three); beyond that it is prose, not a number.
const MAX_PARTS: usize = 4;

/// Type codes that may follow (or precede) a serial number.
const TYPE_CODES: &[&str] = &[
    "kl", "nq", "ct", "ctr", "hd", "kh", "qd", "tb", "bc", "cv", "nd", "tt", "ttr", "qc", "ql",
    "tt", "da", "ttlt", "ntt",
];

/// Type names (folded words) and their codes, longest first.
const TYPE_NAMES: &[(&[&str], &str)] = &[
    (&["chuong", "trinh", "hanh", "dong"], "ctr"),
    (&["thong", "tu", "lien", "tich"], "ttlt"),
    (&["ket", "luan"], "kl"),
    (&["nghi", "quyet"], "nq"),
    (&["chi", "thi"], "ct"),
    (&["chuong", "trinh"], "ctr"),
    (&["huong", "dan"], "hd"),
    (&["ke", "hoach"], "kh"),
    (&["quyet", "dinh"], "qd"),
    (&["quy", "dinh"], "qd"),
    (&["thong", "bao"], "tb"),
    (&["bao", "cao"], "bc"),
    (&["cong", "van"], "cv"),
    (&["nghi", "dinh"], "nd"),
    (&["thong", "tu"], "tt"),
    (&["to", "trinh"], "ttr"),
    (&["quy", "che"], "qc"),
    (&["de", "an"], "da"),
];

/// Folded pieces of a string: split on anything not a letter or digit, and
/// between letters and digits (`KL57` → `kl`, `57`).
fn pieces(text: &str) -> Vec<String> {
    let folded = fold_text(text);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_digit = false;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            let d = c.is_ascii_digit();
            if !cur.is_empty() && d != cur_digit {
                out.push(std::mem::take(&mut cur));
            }
            cur_digit = d;
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_letters(s: &str) -> bool {
    !s.is_empty() && s.chars().all(char::is_alphabetic)
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1945..=2100).contains(&y))
}

/// Serial number without leading zeros (`05` and `5` are one number).
fn serial(s: &str) -> String {
    let t = s.trim_start_matches('0');
    if t.is_empty() {
        "0".to_owned()
    } else {
        t.to_owned()
    }
}

fn key(num: &str, year: Option<&str>, parts: &[String]) -> String {
    let mut k = num.to_owned();
    if let Some(y) = year {
        k.push('|');
        k.push_str(y);
    }
    for p in parts {
        k.push('|');
        k.push_str(p);
    }
    k
}

/// Keys of a document's own number; empty when it is not a number.
pub fn document_keys(number: &str) -> Vec<String> {
    let p = pieces(number);
    let Some(first) = p.first().filter(|f| is_digits(f) && f.len() <= 8) else {
        return Vec::new();
    };
    let num = serial(first);
    let mut i = 1;
    let year = p.get(i).filter(|y| is_year(y)).cloned();
    if year.is_some() {
        i += 1;
    }
    let parts: Vec<String> = p[i.min(p.len())..]
        .iter()
        .take_while(|s| is_letters(s))
        .take(MAX_PARTS)
        .cloned()
        .collect();
    let mut keys = Vec::new();
    if let Some(y) = &year {
        keys.push(key(&num, Some(y), &[]));
    }
    for k in 1..=parts.len() {
        keys.push(key(&num, None, &parts[..k]));
        if let Some(y) = &year {
            keys.push(key(&num, Some(y), &parts[..k]));
        }
    }
    keys
}

/// The numbers written in a query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueryNumbers {
    /// Keys to look up in the number field.
    pub keys: Vec<String>,
    /// Weight of each key (same order): a key naming only part of what the
    /// query wrote (`57|kl` for `57-KL/TW`) weighs less than the full one.
    pub weights: Vec<f32>,
    /// Folded pieces of the query that belong to a number expression
    /// (`ket`, `luan`, `57`); the other words must still match a document
    /// found by its number.
    pub consumed: Vec<String>,
}

/// Keys of every number written in a query (`kl 57`, `57/KL`, `KL57`,
/// `ket luan 57`, `30/2020/nd-cp`); empty when the query names none.
pub fn query_keys(query: &str) -> Vec<String> {
    query_numbers(query).keys
}

/// Number keys of a query and the pieces they consumed.
pub fn query_numbers(query: &str) -> QueryNumbers {
    let p = pieces(query);
    let mut out = QueryNumbers::default();
    let mut i = 0;
    while i < p.len() {
        if !is_digits(&p[i]) || p[i].len() > 8 || (is_year(&p[i]) && i > 0 && is_digits(&p[i - 1]))
        {
            i += 1;
            continue;
        }
        let num = serial(&p[i]);
        let mut j = i + 1;
        let year = p.get(j).filter(|y| is_year(y)).cloned();
        if year.is_some() {
            j += 1;
        }
        // Parts written after the number: `57-KL/TW`, `30/2020/NĐ-CP`.
        let mut parts: Vec<String> = Vec::new();
        let mut before: &[String] = &[];
        if p.get(j).is_some_and(|c| TYPE_CODES.contains(&c.as_str())) {
            parts = p[j..]
                .iter()
                .take_while(|s| is_letters(s))
                .take(MAX_PARTS)
                .cloned()
                .collect();
        } else if let Some((code, from)) = code_before(&p, i) {
            parts.push(code.to_owned());
            before = &p[from..i];
        }
        if !parts.is_empty() || year.is_some() {
            if let Some(y) = &year {
                out.keys.push(key(&num, Some(y), &[]));
                out.weights.push(if parts.is_empty() { 1.0 } else { 0.25 });
            }
            let n = parts.len() as f32;
            for k in 1..=parts.len() {
                out.keys.push(key(&num, year.as_deref(), &parts[..k]));
                let share = k as f32 / n;
                out.weights.push(share * share);
            }
            out.consumed.extend(before.iter().cloned());
            out.consumed.push(p[i].clone());
            out.consumed.extend(year.iter().cloned());
            if before.is_empty() {
                out.consumed.extend(parts.iter().cloned());
            }
        }
        i = j.max(i + 1);
    }
    out.keys.truncate(MAX_QUERY_NUMBER_KEYS);
    out.weights.truncate(MAX_QUERY_NUMBER_KEYS);
    out
}

/// Whether every piece of `word` (split between letters and digits) was
/// consumed by a number expression.
pub fn is_consumed(word: &str, numbers: &QueryNumbers) -> bool {
    let ps = pieces(word);
    !ps.is_empty() && ps.iter().all(|p| numbers.consumed.contains(p))
}

/// The type code written just before position `i` (`kl 57`, `kết luận số
/// 57`), with the position where that writing starts.
fn code_before(p: &[String], i: usize) -> Option<(&'static str, usize)> {
    let mut end = i;
    if end > 0 && p[end - 1] == "so" {
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    if let Some(code) = TYPE_CODES.iter().find(|c| **c == p[end - 1]) {
        return Some((code, end - 1));
    }
    TYPE_NAMES.iter().find_map(|(words, code)| {
        let n = words.len();
        (end >= n
            && p[end - n..end]
                .iter()
                .zip(words.iter())
                .all(|(a, b)| a == b))
        .then(|| (*code, end - n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(query: &str, number: &str) -> usize {
        let d = document_keys(number);
        query_keys(query).iter().filter(|k| d.contains(k)).count()
    }

    #[test]
    fn every_writing_of_a_number_hits_the_document() {
        for q in [
            "57-KL/TW",
            "57- KL/TW",
            "57/KL",
            "kl 57",
            "KL57",
            "ket luan 57",
            "Kết luận số 57",
            "57 kl tw",
        ] {
            assert!(hits(q, "57-KL/TW") > 0, "{q}");
        }
        for q in [
            "30/2020/NĐ-CP",
            "30/2020/nd-cp",
            "nghị định 30/2020",
            "nd 30",
            "30/2020",
        ] {
            assert!(hits(q, "30/2020/NĐ-CP") > 0, "{q}");
        }
    }

    #[test]
    fn a_fuller_writing_matches_more_keys() {
        assert!(hits("57-KL/TW", "57-KL/TW") > hits("57-KL/TW", "57-KL/TU"));
        assert_eq!(hits("57/KL", "57-NQ/TW"), 0);
        assert_eq!(hits("ket luan 57", "75-KL/TW"), 0);
    }

    #[test]
    fn prose_numbers_are_not_keys() {
        assert!(query_keys("100% cán bộ").is_empty());
        assert!(query_keys("ke hoach nam 2023").is_empty());
        assert!(document_keys("không số").is_empty());
    }

    #[test]
    fn words_around_a_number_are_not_consumed() {
        let n = query_numbers("ke hoach thuc hien ket luan 57 quang ngai");
        assert_eq!(n.keys, ["57|kl"]);
        assert!(is_consumed("luan", &n) && is_consumed("57", &n));
        assert!(!is_consumed("quang", &n) && !is_consumed("hoach", &n));
        assert!(is_consumed("KL57", &query_numbers("KL57")));
    }

    #[test]
    fn leading_zeros_do_not_matter() {
        assert!(hits("ctr 5", "05-CTr/TU") > 0);
    }
}
