//! The header: kind, number, type, issuer and parent organ, place and date,
//! title (trích yếu), urgency and secrecy marks; for articles the headline,
//! dateline and byline. Reads only the first [`HEADER_SCAN_LINES`] lines.

use crate::date;
use crate::doctype;
use crate::number;
use crate::text::{
    self, Line, cells, clean, fold_key, is_upper, starts_with_ci, starts_with_word_ci,
};

/// Lines read for the header. Real headers sit in the first 30 lines; web
/// pages add a block of site clutter above them.
pub const HEADER_SCAN_LINES: usize = 200;
/// Longest line (bytes) considered as an article headline.
const MAX_HEADLINE_BYTES: usize = 400;
/// Lines read after the number line once a type line or "V/v" is known.
const HEADER_AFTER_NUMBER: usize = 15;
/// Lines scanned backwards from the number line for organ names.
const ORGAN_LOOKBACK: usize = 12;
/// Most lines a title (trích yếu) spans.
const MAX_TITLE_LINES: usize = 8;
/// Longest cell treated as a header cell (bytes); longer ones are prose.
const MAX_HEADER_CELL: usize = 400;

/// What the header says.
#[derive(Debug, Default)]
pub struct Header {
    /// Official (true) or article.
    pub official: bool,
    /// Normalised number and its span.
    pub number: Option<(String, [usize; 2])>,
    /// Line of the number.
    pub number_line: Option<usize>,
    /// Type name and span of the type line.
    pub doc_type: Option<(&'static str, [usize; 2])>,
    /// Line of the type.
    pub type_line: Option<usize>,
    /// Title and span.
    pub title: Option<(String, [usize; 2])>,
    /// Issuer and span.
    pub issuer: Option<(String, [usize; 2])>,
    /// Parent organ.
    pub parent: Option<String>,
    /// Place.
    pub place: Option<String>,
    /// Date and span of its line.
    pub date: Option<(date::Date, [usize; 2])>,
    /// Urgency mark.
    pub urgency: Option<String>,
    /// Secrecy mark.
    pub secrecy: Option<String>,
    /// Article byline.
    pub author: Option<String>,
    /// First line of the body.
    pub body_start: usize,
    /// Quốc hiệu or "ĐẢNG CỘNG SẢN VIỆT NAM" seen.
    pub has_motto: bool,
}

fn is_separator(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, '-' | '_' | '*' | '=' | '.' | '–' | '—' | '~' | ' ' | '•'))
}

fn is_motto(s: &str) -> bool {
    if s.len() > 120 || s.len() < 20 || !(s.starts_with(['C', 'c', 'Đ', 'đ'])) {
        return false;
    }
    if !(is_upper(s)
        || s.starts_with("Độc")
        || s.starts_with("độc")
        || s.starts_with("Cộng")
        || s.starts_with("cộng"))
    {
        return false;
    }
    [
        "CỘNG HÒA XÃ HỘI",
        "CỘNG HOÀ XÃ HỘI",
        "Cộng hòa xã hội",
        "Cộng hoà xã hội",
        "Cộng Hòa Xã Hội",
        "Cộng Hoà Xã Hội",
        "Độc lập",
        "ĐỘC LẬP",
        "Độc Lập",
    ]
    .iter()
    .any(|p| s.starts_with(p))
        || s.trim_end_matches(['.', ' ']) == "ĐẢNG CỘNG SẢN VIỆT NAM"
}

fn mark(s: &str) -> Option<(bool, &'static str)> {
    if s.len() > 24 || !is_upper(s) {
        return None;
    }
    let k = s.trim_matches(|c: char| !c.is_alphabetic());
    Some(match k {
        "HỎA TỐC" | "HOẢ TỐC" => (true, "HỎA TỐC"),
        "THƯỢNG KHẨN" => (true, "THƯỢNG KHẨN"),
        "KHẨN" => (true, "KHẨN"),
        "MẬT" => (false, "MẬT"),
        "TỐI MẬT" => (false, "TỐI MẬT"),
        "TUYỆT MẬT" => (false, "TUYỆT MẬT"),
        _ => return None,
    })
}

/// Parses "Số: 1234/QĐ-UBND" / "Số 57-KL/TW" at the start of a cell.
fn number_cell(text: &str, cs: usize, ce: usize) -> Option<(String, [usize; 2])> {
    let s = text.get(cs..ce)?;
    // "Số", and OCR / no-diacritics variants "Sô", "Sổ", "So"
    if !s.starts_with(['S', 's']) {
        return None;
    }
    let n = ["số", "sô", "sổ", "so"]
        .iter()
        .find_map(|w| starts_with_word_ci(s, w))?;
    let rest = s.get(n..)?;
    let r2 = rest.trim_start_matches([':', '.', ' ', '\t']);
    if !r2.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let from = cs + n + (rest.len() - r2.len());
    let mut found = None;
    number::scan(text, from, ce, |m| {
        if m.start <= from + 1 {
            found = Some((m.number, [m.start, m.end]));
        }
        false
    });
    found
}

/// Parses "Hà Nội, ngày 15 tháng 6 năm 2023" in a cell.
fn place_date_cell(s: &str) -> Option<(Option<String>, Option<date::Date>)> {
    // find "ngày" followed by a date
    let lower_idx = NGAY.find(s)?;
    let before = s.get(..lower_idx)?.trim_end().trim_end_matches(',').trim();
    let after = s.get(lower_idx..)?;
    if !(after.contains("tháng") || after.contains("THÁNG")) || before.len() > 60 {
        return None;
    }
    let d = date::parse_at(after).map(|x| x.0);
    let place = if before.is_empty() || !text::starts_upper(before) || before.contains(':') {
        None
    } else {
        Some(clean(before))
    };
    if place.is_none() && d.is_none() {
        return None;
    }
    Some((place, d))
}

static NGAY: std::sync::LazyLock<text::CiNeedle> =
    std::sync::LazyLock::new(|| text::CiNeedle::new("ngày"));

/// Finds a lowercase needle as written, capitalised or upper case.
pub fn find_ci(s: &str, needle: &str) -> Option<usize> {
    text::find_ci(s, needle)
}

/// Reads the header of an official document, or the headline of an article.
pub fn analyze(t: &str, lines: &[Line]) -> Header {
    let mut h = Header::default();
    let scan_n = lines.len().min(HEADER_SCAN_LINES);
    let mut vv: Option<(usize, usize, usize)> = None; // line, cell start, cell end of "V/v"
    let mut type_before_number: Option<(usize, &'static str, [usize; 2], usize)> = None;
    for (i, line) in lines.iter().enumerate().take(scan_n) {
        if line.is_blank() || line.end - line.start > 2 * MAX_HEADER_CELL {
            continue;
        }
        for (cs, ce) in cells(t, line) {
            if ce - cs > MAX_HEADER_CELL {
                continue;
            }
            let Some(s) = t.get(cs..ce) else { continue };
            if is_motto(s) {
                h.has_motto = true;
                continue;
            }
            if h.number.is_none()
                && let Some(n) = number_cell(t, cs, ce)
            {
                h.number = Some(n);
                h.number_line = Some(i);
                continue;
            }
            if h.date.is_none()
                && h.place.is_none()
                && let Some((p, d)) = place_date_cell(s)
            {
                h.place = p;
                h.date = d.map(|d| (d, [cs, ce]));
                continue;
            }
            if let Some((urgent, m)) = mark(s) {
                if urgent {
                    h.urgency.get_or_insert_with(|| m.to_string());
                } else {
                    h.secrecy.get_or_insert_with(|| m.to_string());
                }
                continue;
            }
            if vv.is_none()
                && (s.starts_with("V/v") || s.starts_with("v/v") || s.starts_with("V/V"))
            {
                vv = Some((i, cs, ce));
                continue;
            }
            if h.doc_type.is_none()
                && is_upper(s)
                && let Some((name, n)) = doctype::name_at_start(s)
            {
                // the rest of the line must be title-like (or nothing)
                let ok = s
                    .get(n..)
                    .is_some_and(|r| r.is_empty() || r.starts_with([' ', ':']));
                if ok {
                    if h.number_line.is_some() {
                        h.doc_type = Some((name, [cs, ce]));
                        h.type_line = Some(i);
                        // title rest of the type line
                        let rest = s.get(n..).unwrap_or("").trim_start_matches([' ', ':']);
                        title_from(t, lines, i, rest, cs + (s.len() - rest.len()), &mut h);
                    } else if type_before_number.is_none() {
                        type_before_number = Some((i, name, [cs, ce], n));
                    }
                }
            }
        }
        if h.doc_type.is_some() && h.date.is_some() && h.number.is_some() {
            break;
        }
        // the header ends a few lines after the number line
        if h.number_line.is_some_and(|n| i > n + HEADER_AFTER_NUMBER)
            && (h.doc_type.is_some() || vv.is_some())
        {
            break;
        }
    }
    if h.doc_type.is_none()
        && let Some((i, name, span, n)) = type_before_number
    {
        h.doc_type = Some((name, span));
        h.type_line = Some(i);
        let s = t.get(span[0]..span[1]).unwrap_or("");
        let rest = s.get(n..).unwrap_or("").trim_start_matches([' ', ':']);
        title_from(t, lines, i, rest, span[0] + (s.len() - rest.len()), &mut h);
    }
    if h.title.is_none()
        && let Some((i, cs, ce)) = vv
    {
        let mut parts = vec![
            t.get(cs..ce)
                .unwrap_or("")
                .get(3..)
                .unwrap_or("")
                .trim_start_matches([':', '.', ' ']),
        ];
        let mut end = ce;
        let col = cs.saturating_sub(lines.get(i).map_or(0, |l| l.raw_start));
        for line in lines.iter().skip(i + 1).take(MAX_TITLE_LINES) {
            if line.is_blank() {
                break;
            }
            let c = cells(t, line);
            let Some(&(a, b)) = c.first() else { break };
            let lcol = a.saturating_sub(line.raw_start);
            let s = t.get(a..b).unwrap_or("");
            if lcol > col + 8
                || starts_with_ci(s, "Kính gửi").is_some()
                || is_separator(s)
                || is_motto(s)
            {
                break;
            }
            parts.push(s);
            end = b;
        }
        h.title = Some((text::join_clean(parts), [cs, end]));
        h.body_start = h.body_start.max(i + 1);
    }
    h.official = h.number.is_some() || (h.doc_type.is_some() && h.has_motto);
    if !h.official {
        return h;
    }
    let anchor = h.number_line.or(h.type_line).unwrap_or(0);
    organs(t, lines, anchor, &mut h);
    for l in [h.number_line, h.type_line].into_iter().flatten() {
        h.body_start = h.body_start.max(l + 1);
    }
    if let Some((_, sp)) = &h.date
        && let Some(dl) = lines
            .iter()
            .position(|l| l.start <= sp[0] && sp[0] <= l.end)
    {
        h.body_start = h.body_start.max(dl + 1);
    }
    h
}

/// Collects the title from the rest of the type line and the lines after it.
fn title_from(
    t: &str,
    lines: &[Line],
    type_line: usize,
    rest: &str,
    rest_start: usize,
    h: &mut Header,
) {
    let mut parts: Vec<&str> = Vec::new();
    let mut start = None;
    let mut end = 0;
    if !rest.trim().is_empty() {
        parts.push(rest);
        start = Some(rest_start);
        end = rest_start + rest.len();
    }
    let mut i = type_line + 1;
    let mut blanks = 0;
    let mut last = type_line;
    while let Some(line) = lines.get(i) {
        if i > type_line + MAX_TITLE_LINES + 3 || parts.len() >= MAX_TITLE_LINES {
            break;
        }
        if line.is_blank() {
            if !parts.is_empty() {
                break;
            }
            blanks += 1;
            if blanks > 2 {
                break;
            }
            i += 1;
            continue;
        }
        let (a, b) = text::trim_md(t, line.start, line.end);
        let s = t.get(a..b).unwrap_or("");
        if (!parts.is_empty() && s.ends_with(':'))
            || is_separator(s)
            || [
                "Căn cứ",
                "Thực hiện",
                "Kính gửi",
                "Theo đề nghị",
                "Triển khai",
                "Nhằm",
                "Để ",
                "Ngày ",
            ]
            .iter()
            .any(|p| s.starts_with(p))
                && (!parts.is_empty()
                    || s.ends_with([':', '.', ';'])
                    || s.len() > 200
                    || s.contains(" ban hành "))
            || crate::sections::is_heading_start(s)
        {
            break;
        }
        // a long prose line (ends a sentence) is the body, unless it is the first
        if !parts.is_empty() && s.len() > 300 {
            break;
        }
        if start.is_none() {
            start = Some(a);
        }
        parts.push(s);
        end = b;
        last = i;
        i += 1;
    }
    if let Some(st) = start {
        h.title = Some((text::join_clean(parts), [st, end]));
    }
    h.body_start = h.body_start.max(last + 1);
}

/// Organ lines above the anchor line: issuer (last group) and parent.
fn organs(t: &str, lines: &[Line], anchor: usize, h: &mut Header) {
    let mut found: Vec<(usize, usize)> = Vec::new();
    let lo = anchor.saturating_sub(ORGAN_LOOKBACK);
    let mut i = anchor + 1;
    let mut anchor_line_done = false;
    while i > lo {
        i -= 1;
        let Some(line) = lines.get(i) else { continue };
        if line.is_blank() {
            continue;
        }
        let c = cells(t, line);
        // on the anchor line itself only cells left of the number count
        let Some(&(cs, ce)) = c.first() else { continue };
        let s = t.get(cs..ce).unwrap_or("");
        if !anchor_line_done {
            anchor_line_done = true;
            if i == anchor {
                continue;
            }
        }
        if is_motto(s)
            || is_separator(s)
            || mark(s).is_some()
            || cs - line.raw_start >= 30
            || place_date_cell(s).is_some()
        {
            continue;
        }
        if starts_with_word_ci(s, "số").is_some() {
            continue;
        }
        if is_upper(s) && s.len() <= 160 && doctype::name_at_start(s).is_none_or(|_| c.len() > 1) {
            found.push((cs, ce));
            if found.len() >= 4 {
                break;
            }
        } else if is_upper(s) {
            continue;
        } else {
            break;
        }
    }
    found.reverse();
    // group continuation lines ("ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NGÃI")
    let mut groups: Vec<(String, usize, usize)> = Vec::new();
    for (cs, ce) in found {
        let s = t.get(cs..ce).unwrap_or("");
        let cont = groups
            .last()
            .is_some_and(|(prev, _, _)| is_continuation(prev, s));
        if cont && let Some(g) = groups.last_mut() {
            g.0.push(' ');
            g.0.push_str(&clean(s));
            g.2 = ce;
            continue;
        }
        groups.push((clean(s), cs, ce));
    }
    if let Some((name, cs, ce)) = groups.pop() {
        h.issuer = Some((name, [cs, ce]));
    }
    if !groups.is_empty() {
        let names: Vec<&str> = groups.iter().map(|g| g.0.as_str()).collect();
        h.parent = Some(names.join(" "));
    }
}

/// True when `next` continues the organ name on `prev` rather than naming a
/// body under it.
fn is_continuation(prev: &str, next: &str) -> bool {
    let k = fold_key(next);
    let admin = [
        "tỉnh ",
        "thành phố ",
        "huyện ",
        "quận ",
        "thị xã ",
        "xã ",
        "phường ",
        "thị trấn ",
        "đặc khu ",
    ];
    let starts_admin = admin.iter().any(|a| k.starts_with(a))
        && !k.starts_with("tỉnh ủy")
        && !k.starts_with("huyện ủy")
        && !k.starts_with("quận ủy")
        && !k.starts_with("thị ủy")
        && !k.starts_with("xã ủy");
    let pk = fold_key(prev);
    let generic = pk.ends_with("nhân dân")
        || pk.ends_with(" và")
        || pk.ends_with(',')
        || k.starts_with("và ");
    (starts_admin && generic) || pk.ends_with(" và") || k.starts_with("và ") || pk.ends_with(',')
}

/// Finds the issuer named in the opening ("..., Ban Thường vụ Thị ủy ban hành
/// kế hoạch ...").
pub fn issuer_from_opening(t: &str, lines: &[Line], from: usize) -> Option<(String, [usize; 2])> {
    for line in lines.iter().skip(from).take(20) {
        let s = t.get(line.start..line.end)?;
        let Some(k) = s.find(" ban hành ") else {
            continue;
        };
        let head = s.get(..k)?;
        let cut = head.rfind([',', ';']).map_or(0, |c| c + 1);
        let subj = head.get(cut..)?.trim();
        let words = subj.split_whitespace().count();
        if (1..=12).contains(&words)
            && text::starts_upper(subj)
            && !subj.chars().any(|c| c.is_ascii_digit())
            && !subj.contains(" đã")
        {
            let st =
                line.start + cut + (head.get(cut..)?.len() - head.get(cut..)?.trim_start().len());
            return Some((clean(subj), [st, st + subj.len()]));
        }
    }
    None
}

/// Article headline, dateline date and byline.
pub fn article(t: &str, lines: &[Line], h: &mut Header) {
    h.title = None;
    let mut headline_line = None;
    // headline candidates (line, start, end, ends a sentence); the one
    // nearest the dateline wins, before it on a tie
    let mut cands: Vec<(usize, usize, usize, bool)> = Vec::new();
    let mut dateline: Option<usize> = None;
    for (i, line) in lines.iter().enumerate().take(40) {
        if line.is_blank() {
            continue;
        }
        let s = t.get(line.start..line.end).unwrap_or("");
        // dateline: a short line holding a date
        if h.date.is_none()
            && s.len() < 120
            && let Some((d, a, b)) = date::find(s)
        {
            let rest_len = s.len() - (b - a);
            let lead = s.get(..a).unwrap_or("");
            let rest = s.get(b..).unwrap_or("").trim_start_matches([',', ' ']);
            let is_dateline = rest_len < 60 && !lead.contains("số") && !s.contains("Số");
            if is_dateline {
                h.date = Some((d, [line.start, line.end]));
                dateline = Some(i);
                if let Some(p) = rest.find('|') {
                    let a = rest.get(p + 1..).unwrap_or("").trim();
                    if !a.is_empty() && a.len() < 60 {
                        h.author = Some(clean(a));
                    }
                }
                continue;
            }
        }
        if h.author.is_none()
            && let Some(a) = s
                .strip_prefix("Tác giả:")
                .or_else(|| s.strip_prefix("Tác giả :"))
        {
            let a = a.trim();
            if !a.is_empty() && a.len() < 60 {
                h.author = Some(clean(a));
            }
            continue;
        }
        // a headline is at most ~45 words: longer lines are prose, skipped unread
        if cands.len() < 8 && s.len() <= MAX_HEADLINE_BYTES && dateline.is_none_or(|dl| i <= dl + 4)
        {
            let words = s.split_whitespace().count();
            let nav = s.matches(" / ").count()
                + s.matches(" | ").count()
                + s.matches(" > ").count()
                + s.matches(['»', '›']).count()
                >= 2;
            let caps = s
                .split_whitespace()
                .filter(|w| text::starts_upper(w))
                .count();
            let menu = (words >= 5 && caps * 10 > words * 7) || s.matches("  ").count() >= 3;
            if (5..=45).contains(&words)
                && !s.ends_with(':')
                && text::starts_upper(s)
                && !nav
                && !is_upper(s)
                && !menu
            {
                cands.push((i, line.start, line.end, s.ends_with('.')));
            }
        }
        if dateline.is_some_and(|dl| i > dl + 4) {
            break;
        }
    }
    let best = match dateline {
        Some(dl) => cands.iter().min_by_key(|c| {
            let dist = if c.0 < dl {
                (dl - c.0) * 2
            } else {
                (c.0 - dl) * 2 + 1
            };
            dist + if c.3 { 8 } else { 0 }
        }),
        None => cands.first(),
    };
    if let Some(&(i, a, b, _)) = best {
        headline_line = Some(i);
        h.title = Some((clean(t.get(a..b).unwrap_or("")), [a, b]));
    }
    h.body_start = headline_line.map_or(0, |l| l + 1);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::LineIndex;

    #[test]
    fn two_column_state_header() {
        let t = "ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                 TỈNH BẮC TRUNG                     Độc lập - Tự do - Hạnh phúc\n\
                 -------                             ---------------\n\
                 Số: 812/QĐ-UBND              Bắc Trung, ngày 03 tháng 4 năm 2024\n\n\
                 QUYẾT ĐỊNH\n\
                 Về việc thành lập tổ công tác\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n";
        let idx = LineIndex::new(t);
        let h = analyze(t, &idx.lines);
        assert!(h.official);
        assert_eq!(h.number.as_ref().map(|n| n.0.as_str()), Some("812/QĐ-UBND"));
        assert_eq!(
            h.issuer.as_ref().map(|n| n.0.as_str()),
            Some("ỦY BAN NHÂN DÂN TỈNH BẮC TRUNG")
        );
        assert_eq!(h.place.as_deref(), Some("Bắc Trung"));
        assert_eq!(h.date.map(|d| d.0.iso()), Some("2024-04-03".into()));
        assert_eq!(h.doc_type.map(|d| d.0), Some("Quyết định"));
        assert_eq!(
            h.title.map(|t| t.0),
            Some("Về việc thành lập tổ công tác".into())
        );
    }

    #[test]
    fn party_header_with_parent_organ() {
        let t = "ĐẢNG BỘ TỈNH NAM SƠN\nĐẢNG ỦY XÃ AN PHÚ\n*\nSố 31-KH/ĐU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nAn Phú, ngày 2 tháng 10 năm 2023\n\nKẾ HOẠCH\nhọc tập chuyên đề năm 2023\n\nThực hiện ...";
        let idx = LineIndex::new(t);
        let h = analyze(t, &idx.lines);
        assert_eq!(h.issuer.map(|n| n.0), Some("ĐẢNG ỦY XÃ AN PHÚ".into()));
        assert_eq!(h.parent.as_deref(), Some("ĐẢNG BỘ TỈNH NAM SƠN"));
        assert_eq!(
            h.title.map(|t| t.0),
            Some("học tập chuyên đề năm 2023".into())
        );
    }

    #[test]
    fn article_headline_is_the_line_next_to_the_dateline() {
        let t = "Cổng thông tin điện tử tỉnh Nam Sơn\nTrang chủ\n\nNam Sơn triển khai kế hoạch chuyển đổi số năm 2026\n12/03/2026 08:30\nSáng 11-3, Sở Khoa học và Công nghệ tổ chức hội nghị.";
        let idx = LineIndex::new(t);
        let mut h = Header::default();
        article(t, &idx.lines, &mut h);
        assert_eq!(
            h.title.map(|x| x.0),
            Some("Nam Sơn triển khai kế hoạch chuyển đổi số năm 2026".into())
        );
        assert_eq!(h.date.map(|d| d.0.iso()), Some("2026-03-12".into()));
    }

    #[test]
    fn cong_van_title_from_vv() {
        let t = "UBND HUYỆN ĐÔNG HÀ       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHÒNG NỘI VỤ              Độc lập - Tự do - Hạnh phúc\nSố: 45/PNV-TCCB           Đông Hà, ngày 9 tháng 1 năm 2024\nV/v rà soát số liệu\ncán bộ năm 2024\n\nKính gửi: các xã";
        let idx = LineIndex::new(t);
        let h = analyze(t, &idx.lines);
        assert_eq!(
            h.title.map(|t| t.0),
            Some("rà soát số liệu cán bộ năm 2024".into())
        );
        assert_eq!(h.issuer.map(|n| n.0), Some("PHÒNG NỘI VỤ".into()));
        assert_eq!(h.parent.as_deref(), Some("UBND HUYỆN ĐÔNG HÀ"));
    }
}
