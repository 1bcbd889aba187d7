//! References to other documents (every number cited), the aliases the text
//! defines ("sau đây viết tắt là Kết luận số 57", "gọi tắt là Kế hoạch") and
//! which references the document says it carries out (`implements`).

use std::collections::HashMap;
use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::date;
use crate::doctype;
use crate::model::{Alias, Reference};
use crate::number;
use crate::text::{Para, ceil_boundary, clean, floor_boundary, starts_with_ci};

/// Most distinct references kept (a citation index page can hold thousands).
pub const MAX_REFERENCES: usize = 500;
/// Most spans kept per reference.
const MAX_SPANS_PER_REF: usize = 32;
/// Most aliases kept.
const MAX_ALIASES: usize = 50;
/// Lines of the opening read for "Thực hiện ..." (implements).
pub const MAX_OPENING_LINES: usize = 25;
/// How far after a number its date and issuer are looked for (bytes).
const TAIL_WINDOW: usize = 160;

/// Words that end an issuer named after "của" ("của Bộ Chính trị về ...").
static ISSUER_STOPS: LazyLock<Option<aho_corasick::AhoCorasick>> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build([
            " về ",
            "\n",
            ",",
            "(",
            ";",
            ".",
            " nhằm",
            " số ",
            " ngày",
            " thực hiện",
            " tại",
            " trong",
            " đã",
            " và ",
            " nghiên cứu",
            " triển khai",
            " hướng dẫn",
            " quy định",
            " ban hành",
            " khóa",
            " khoá",
            " để",
            " tiếp tục",
            " đến",
            " ở ",
        ])
        .ok()
});

static ALIAS_FINDERS: LazyLock<[Finder<'static>; 3]> = LazyLock::new(|| {
    [
        Finder::new("tắt là"),
        Finder::new("sau đây gọi là"),
        Finder::new("gọi chung là"),
    ]
});

/// References, aliases, mention positions.
#[derive(Debug, Default)]
pub struct Found {
    /// Distinct references in order of first mention.
    pub refs: Vec<Reference>,
    /// Aliases defined in the text.
    pub aliases: Vec<Alias>,
    /// (start, end, index into refs) of every mention in order.
    pub mentions: Vec<(usize, usize, usize)>,
}

fn window(t: &str, from: usize, len: usize) -> &str {
    let e = floor_boundary(t, (from + len).min(t.len()));
    t.get(from..e).unwrap_or("")
}

/// Date and issuer stated right after a number: ", ngày 15/6/2023 của Bộ Chính trị".
fn tail_facts(t: &str, end: usize) -> (Option<String>, Option<String>) {
    let w = window(t, end, TAIL_WINDOW);
    let mut r = w.trim_start_matches([' ', ',', '\n', '\r', '\t']);
    let mut d = None;
    if starts_with_ci(r, "ngày").is_some()
        && let Some((dt, n)) = date::parse_at(r)
    {
        d = Some(dt.iso());
        r = r
            .get(n..)
            .unwrap_or("")
            .trim_start_matches([' ', ',', '\n', '\r', '\t']);
    } else if let Some(n) = starts_with_ci(r, "ban hành ngày") {
        let rr = r.get(n - "ngày".len()..).unwrap_or("");
        if let Some((dt, n2)) = date::parse_at(rr) {
            d = Some(dt.iso());
            r = rr.get(n2..).unwrap_or("").trim_start();
        }
    }
    let mut issuer = None;
    if let Some(n) = starts_with_ci(r, "của ") {
        let rest = r.get(n..).unwrap_or("");
        let end = ISSUER_STOPS
            .as_ref()
            .and_then(|ac| ac.find(rest))
            .map_or(rest.len(), |m| m.start());
        let cand = rest.get(..end).unwrap_or("").trim();
        let words = cand.split_whitespace().count();
        if (1..=10).contains(&words) && cand.chars().next().is_some_and(|c| c.is_uppercase()) {
            issuer = Some(clean(cand));
        }
    }
    (d, issuer)
}

/// A date stated before the number in the same sentence: "Ngày 22/6/2026,
/// Ban Thường vụ ... ban hành Kế hoạch số 42-KH/ĐU".
fn date_before(t: &str, start: usize) -> Option<String> {
    let lo = floor_boundary(t, start.saturating_sub(DATE_BEFORE_WINDOW));
    let w = t.get(lo..start)?;
    let sent = w
        .rfind(['.', '\n', ';'])
        .map_or(w, |p| w.get(p + 1..).unwrap_or(""));
    let sent = sent.trim_start();
    if starts_with_ci(sent, "ngày").is_none() || !sent.contains("ban hành") {
        return None;
    }
    date::parse_at(sent).map(|(d, _)| d.iso())
}

/// How far before a number (bytes) a sentence-initial "Ngày ..." is read.
const DATE_BEFORE_WINDOW: usize = 200;

/// Scans the whole text for numbers; `own` is left out.
pub fn collect(t: &str, own: Option<&str>) -> Found {
    let mut f = Found::default();
    let mut index: HashMap<String, usize> = HashMap::new();
    number::scan(t, 0, t.len(), |m| {
        if Some(m.number.as_str()) == own {
            return true;
        }
        let idx = match index.get(&m.number) {
            Some(&i) => i,
            None => {
                if f.refs.len() >= MAX_REFERENCES {
                    return true;
                }
                let b0 = floor_boundary(t, m.start.saturating_sub(48));
                let before = t.get(b0..m.start).unwrap_or("");
                let parts = number::parse(&m.number);
                let doc_type = doctype::name_before(before)
                    .or_else(|| parts.as_ref().and_then(doctype::from_number).map(|x| x.0));
                let i = f.refs.len();
                index.insert(m.number.clone(), i);
                f.refs.push(Reference {
                    number: m.number.clone(),
                    doc_type: doc_type.map(str::to_string),
                    ..Reference::default()
                });
                i
            }
        };
        if let Some(r) = f.refs.get_mut(idx) {
            if r.date.is_none() || (r.issuer.is_none() && r.spans.len() < 3) {
                let (d, iss) = tail_facts(t, m.end);
                if r.date.is_none() {
                    r.date = d.or_else(|| date_before(t, m.start));
                }
                if r.issuer.is_none() {
                    r.issuer = iss;
                }
            }
            if r.spans.len() < MAX_SPANS_PER_REF {
                r.spans.push([m.start, m.end]);
            }
        }
        f.mentions.push((m.start, m.end, idx));
        true
    });
    aliases(t, &mut f);
    f
}

fn leading_digits(s: &str) -> Option<&str> {
    let st = s.find(|c: char| c.is_ascii_digit())?;
    let rest = s.get(st..)?;
    let e = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    rest.get(..e)
}

fn aliases(t: &str, f: &mut Found) {
    let hay = t.as_bytes();
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for fd in ALIAS_FINDERS.iter() {
        for p in fd.find_iter(hay) {
            hits.push((p, p + fd.needle().len()));
            if hits.len() > MAX_ALIASES * 4 {
                break;
            }
        }
    }
    hits.sort_unstable();
    for (p, e) in hits {
        if f.aliases.len() >= MAX_ALIASES {
            break;
        }
        let w = window(t, e, 120);
        let w = w.trim_start_matches([' ', ':', '"', '“', '\'']);
        let start = e + (window(t, e, 120).len() - w.len());
        let stop = w.find([')', ',', ';', '"', '”']).unwrap_or(w.len());
        let stop = w.find(". ").map_or(stop, |d| d.min(stop));
        let raw = w.get(..stop).unwrap_or("");
        let name = raw.trim_start();
        let start = start + (raw.len() - name.len());
        let name = name.trim_end().trim_end_matches('.');
        if name.is_empty() || name.split_whitespace().count() > 10 {
            continue;
        }
        // the nearest number before the definition
        let lo = p.saturating_sub(800);
        let prev = f
            .mentions
            .iter()
            .rev()
            .find(|(s, _, _)| *s < p && *s >= lo)
            .map(|x| x.2);
        let names_doc = leading_digits(name).is_some() || doctype::name_at_start(name).is_some();
        let number = prev
            .filter(|_| names_doc)
            .and_then(|i| f.refs.get(i))
            .and_then(|r| {
                let digits_ok = match leading_digits(name) {
                    Some(d) => number::parse(&r.number).is_some_and(|pp| {
                        pp.serial.trim_start_matches('0') == d.trim_start_matches('0')
                    }),
                    None => true,
                };
                let type_ok = match doctype::name_at_start(name) {
                    Some((n, _)) => r.doc_type.as_deref() == Some(n),
                    None => true,
                };
                (digits_ok && type_ok).then(|| r.number.clone())
            });
        let _ = ceil_boundary;
        if name.split_whitespace().count() > 10 {
            continue;
        }
        f.aliases.push(Alias {
            alias: clean(name),
            number,
            span: [start, start + name.len()],
        });
    }
}

/// Numbers the opening says the document carries out: paragraphs that begin
/// "Thực hiện", "Triển khai thực hiện", "Thi hành", or "Căn cứ ... để triển
/// khai", up to the clause where the document introduces itself; and numbers
/// the title places after "thực hiện".
pub fn implements(
    t: &str,
    paras: &[Para<'_>],
    f: &Found,
    opening: (usize, usize),
    title: Option<[usize; 2]>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let add_range = |s: usize, e: usize, out: &mut Vec<String>| {
        for &(ms, _, idx) in &f.mentions {
            if ms >= s
                && ms < e
                && let Some(r) = f.refs.get(idx)
                && !out.contains(&r.number)
            {
                out.push(r.number.clone());
            }
        }
        let seg = t.get(s..e).unwrap_or("");
        for a in &f.aliases {
            if let Some(n) = &a.number
                && a.alias.chars().any(|c| c.is_ascii_digit())
                && seg.contains(a.alias.as_str())
                && !out.contains(n)
            {
                out.push(n.clone());
            }
        }
    };
    let mut from_title: Vec<String> = Vec::new();
    if let Some([ts, te]) = title
        && let Some(seg) = t.get(ts..te)
        && let Some(p) = crate::header::find_ci(seg, "thực hiện")
    {
        add_range(ts + p, te, &mut from_title);
    }
    let (from, to) = opening;
    let to = to.min(from + MAX_OPENING_LINES);
    for para in paras.iter().filter(|p| p.first >= from && p.first < to) {
        let s: &str = &para.text;
        let s2 = s.trim_start_matches(['-', '+', ' ', '*']);
        let lead = [
            "Thực hiện",
            "Triển khai thực hiện",
            "Thi hành",
            "Tiếp tục thực hiện",
            "Để triển khai",
            "Để thực hiện",
        ]
        .iter()
        .any(|p| starts_with_ci(s2, p).is_some());
        let base = starts_with_ci(s2, "Căn cứ").is_some()
            && (s.contains("để triển khai")
                || s.contains("để thực hiện")
                || s.contains("để tổ chức thực hiện"));
        if !(lead || base) {
            // "Căn cứ ...; thực hiện Hướng dẫn số 28-HD/BTCTW ..., X hướng dẫn":
            // a clause inside the opening that starts with "thực hiện"
            let mut from = 0;
            while let Some(p) = s.get(from..).and_then(|r| r.find("thực hiện ")) {
                let at = from + p;
                from = at + "thực hiện ".len();
                let before = s.get(..at).unwrap_or("").trim_end();
                if !(before.ends_with(';') || before.ends_with(',') || before.ends_with(" và")) {
                    continue;
                }
                let rest = s.get(at..).unwrap_or("");
                let mut end = rest.find(';').unwrap_or(rest.len());
                for stop in [
                    " ban hành ",
                    " xây dựng kế hoạch",
                    " như sau",
                    " hướng dẫn ",
                ] {
                    if let Some(q) = rest.find(stop) {
                        end = end.min(q);
                    }
                }
                add_range(
                    para.source_offset(at),
                    para.source_offset(at + end),
                    &mut out,
                );
            }
            continue;
        }
        let mut end = s.len();
        for stop in [
            " ban hành ",
            " xây dựng kế hoạch",
            " xây dựng chương trình",
            " như sau",
            " hướng dẫn ",
        ] {
            if let Some(p) = s.find(stop) {
                end = end.min(p);
            }
        }
        add_range(para.source_offset(0), para.source_offset(end), &mut out);
    }
    // the opening's order first, then what only the title names
    for n in from_title {
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::LineIndex;

    #[test]
    fn references_with_dates_issuers_and_alias() {
        let t = "Thực hiện Chỉ thị số 09-CT/TW, ngày 2/8/2022 của Ban Bí thư về công tác dân vận (sau đây viết tắt là Chỉ thị số 09), Ban Thường vụ Huyện ủy ban hành kế hoạch số 77-KH/HU như sau:\nCăn cứ Nghị định 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020.";
        let f = collect(t, Some("77-KH/HU"));
        let nums: Vec<&str> = f.refs.iter().map(|r| r.number.as_str()).collect();
        assert_eq!(nums, vec!["09-CT/TW", "30/2020/NĐ-CP"]);
        assert_eq!(f.refs[0].date.as_deref(), Some("2022-08-02"));
        assert_eq!(f.refs[0].issuer.as_deref(), Some("Ban Bí thư"));
        assert_eq!(f.refs[1].doc_type.as_deref(), Some("Nghị định"));
        assert_eq!(f.aliases[0].number.as_deref(), Some("09-CT/TW"));
        let idx = LineIndex::new(t);
        let paras = crate::text::paragraphs(t, &idx.lines, 0, idx.lines.len());
        let imp = implements(t, &paras, &f, (0, 2), None);
        assert_eq!(imp, vec!["09-CT/TW"]);
    }

    #[test]
    fn date_stated_before_the_number() {
        let t = "Ngày 3/7/2026, Ban Thường vụ Đảng ủy xã ban hành Kế hoạch số 17-KH/ĐU về học tập.";
        let f = collect(t, None);
        assert_eq!(f.refs[0].date.as_deref(), Some("2026-07-03"));
    }

    #[test]
    fn alias_of_unnumbered_plan_stays_unresolved() {
        let t = "Kế hoạch thực hiện Kết luận số 21-KL/TW (gọi tắt là Kế hoạch).";
        let f = collect(t, None);
        assert_eq!(f.aliases[0].alias, "Kế hoạch");
        assert_eq!(f.aliases[0].number, None);
    }
}
