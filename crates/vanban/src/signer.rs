//! The signature block: capacity line (T/M, K/T, T/L, T/U, TM., KT., TL.,
//! TUQ., Q.), position line and name, also when pdftotext puts "Nơi nhận"
//! and the signer on the same rows and the name many lines below.

use crate::model::Signer;
use crate::text::{Line, cells, clean, is_upper, trim_md};

/// Lines scanned from the end for the signature block (web pages add
/// clutter after it).
pub const MAX_TAIL_LINES: usize = 300;
/// Lines after the capacity line in which the name is looked for.
const MAX_NAME_DISTANCE: usize = 16;

const CAPACITY_PREFIXES: &[&str] = &[
    "T/M", "TM.", "TM ", "K/T", "KT.", "KT ", "T/L", "TL.", "TL ", "T/U", "TUQ.", "TUQ ", "Q.",
    "Q/",
];

const POSITION_WORDS: &[&str] = &[
    "CHỦ TỊCH",
    "BÍ THƯ",
    "TRƯỞNG",
    "GIÁM ĐỐC",
    "THỦ TƯỚNG",
    "CHÁNH",
    "PHÓ",
    "ỦY VIÊN",
    "UỶ VIÊN",
    "TỔNG",
    "THƯ KÝ",
    "CHỦ NHIỆM",
    "HIỆU TRƯỞNG",
    "VIỆN TRƯỞNG",
    "TƯ LỆNH",
    "CHÍNH ỦY",
    "CHÍNH UỶ",
    "KẾ TOÁN",
    "THỦ TRƯỞNG",
    "ĐẠI DIỆN",
    "CHỦ TỌA",
    "NGƯỜI",
    "QUYỀN",
    "THANH TRA",
];

static CAP_AC: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(CAPACITY_PREFIXES).ok());

/// The body a "T/M X" / "TM. X" capacity signs for, when it names one on its
/// own ("BỘ CHÍNH TRỊ", "CHÍNH PHỦ"); generic names that need the header to
/// be complete ("BAN THƯỜNG VỤ", "ỦY BAN NHÂN DÂN") give nothing.
pub fn on_behalf_of(capacity: &str) -> Option<String> {
    let rest = ["T/M", "TM.", "TM "]
        .iter()
        .find_map(|p| capacity.strip_prefix(p))?
        .trim();
    let generic = [
        "BAN THƯỜNG VỤ",
        "BAN CHẤP HÀNH",
        "ỦY BAN NHÂN DÂN",
        "UỶ BAN NHÂN DÂN",
        "HỘI ĐỒNG NHÂN DÂN",
        "ĐẢNG ỦY",
        "ĐẢNG UỶ",
        "CHI BỘ",
        "ĐẢNG ĐOÀN",
        "BAN CÁN SỰ ĐẢNG",
        "THƯỜNG TRỰC",
        "BAN CHỈ ĐẠO",
        "TẬP THỂ",
    ];
    if rest.split_whitespace().count() < 2 || generic.contains(&rest) || rest.contains(" KT.") {
        return None;
    }
    Some(clean(rest))
}

/// True when a cell is a capacity line.
pub fn is_capacity(s: &str) -> bool {
    CAPACITY_PREFIXES.iter().any(|p| {
        s.starts_with(p)
            && s.get(p.len()..).is_some_and(|r| {
                let r = r.trim_start();
                r.chars().next().is_some_and(|c| c.is_uppercase()) && is_upper(r)
            })
    })
}

fn is_position(s: &str) -> bool {
    is_upper(s) && s.len() <= 120 && POSITION_WORDS.iter().any(|w| s.contains(w))
}

fn is_noise(s: &str) -> bool {
    let l = crate::text::lower_prefix(s, 80);
    l.is_empty()
        || l.chars().all(|c| !c.is_alphanumeric())
        || l.contains("đã ký")
        || l.contains("ký tên")
        || l.contains("signed")
        || l.contains("chữ ký")
        || l.contains("ký, ghi")
        || l.contains("đóng dấu")
        || l == "(ký)"
}

/// True when a cell looks like a person's name: 2–6 capitalised words.
pub fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=6).contains(&words.len()) || s.len() > 60 {
        return false;
    }
    words.iter().all(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(|c| c.is_uppercase()) && cs.all(|c| c.is_alphabetic() || c == '.')
    }) && !is_position(s)
}

/// Finds the signature block in the last lines before `limit`.
pub fn find(t: &str, lines: &[Line], body_start: usize) -> Option<(Signer, usize)> {
    let lo = lines.len().saturating_sub(MAX_TAIL_LINES).max(body_start);
    let mut i = lines.len();
    while i > lo {
        i -= 1;
        let line = lines.get(i)?;
        if line.is_blank()
            || !CAP_AC
                .as_ref()
                .is_some_and(|ac| ac.is_match(t.get(line.start..line.end).unwrap_or("")))
        {
            continue;
        }
        let cs = cells(t, line);
        for (ci, &(a, b)) in cs.iter().enumerate() {
            let s = t.get(a..b).unwrap_or("");
            if is_capacity(s) {
                let two_col = ci > 0 || line.indent() >= 20;
                let col = a - line.raw_start;
                return Some((block(t, lines, i, a, b, col, two_col), i));
            }
        }
    }
    position_only(t, lines, lo)
}

/// The cell of `line` in the signer's column.
fn signer_cell(t: &str, line: &Line, col: usize, two_col: bool) -> Option<(usize, usize)> {
    let cs = cells(t, line);
    if two_col {
        cs.into_iter()
            .rev()
            .find(|&(a, _)| a - line.raw_start + 15 >= col)
    } else {
        cs.into_iter().next()
    }
    .map(|(a, b)| trim_md(t, a, b))
}

fn block(
    t: &str,
    lines: &[Line],
    cap_line: usize,
    a: usize,
    b: usize,
    col: usize,
    two_col: bool,
) -> Signer {
    // With a double capacity ("TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH")
    // the line nearest the office line is the capacity (the one found, as
    // the scan runs upwards from the end).
    let capacity = clean(t.get(a..b).unwrap_or(""));
    let mut sg = Signer {
        capacity: Some(capacity),
        ..Signer::default()
    };
    fill_after(t, lines, cap_line, col, two_col, &mut sg);
    sg
}

fn fill_after(t: &str, lines: &[Line], from: usize, col: usize, two_col: bool, sg: &mut Signer) {
    for line in lines.iter().skip(from + 1).take(MAX_NAME_DISTANCE) {
        if line.is_blank() {
            continue;
        }
        let Some((a, b)) = signer_cell(t, line, col, two_col) else {
            continue;
        };
        let s = t.get(a..b).unwrap_or("");
        if is_noise(s) {
            continue;
        }
        if is_capacity(s) {
            sg.capacity = Some(clean(s));
            continue;
        }
        if is_name(s) {
            sg.name = Some(clean(s));
            sg.span = Some([a, b]);
            return;
        }
        if is_position(s) {
            match &mut sg.position {
                Some(p) => {
                    p.push(' ');
                    p.push_str(&clean(s));
                }
                None => sg.position = Some(clean(s)),
            }
            continue;
        }
        if is_upper(s)
            && sg.name.is_none()
            && s.split_whitespace().count() >= 2
            && s.split_whitespace().count() <= 5
        {
            // an uppercase name
            sg.name = Some(clean(s));
            sg.span = Some([a, b]);
            return;
        }
        if !two_col {
            // prose: the block ended
            if s.len() > 80 {
                return;
            }
        }
    }
}

/// A signature block without a capacity line: a position line then a name.
fn position_only(t: &str, lines: &[Line], lo: usize) -> Option<(Signer, usize)> {
    let mut i = lines.len();
    let mut seen = 0;
    while i > lo && seen < 60 {
        i -= 1;
        let line = lines.get(i)?;
        if line.is_blank() {
            continue;
        }
        seen += 1;
        let whole = t.get(line.start..line.end).unwrap_or("");
        if !POSITION_WORDS.iter().any(|w| whole.contains(w)) {
            continue;
        }
        let cs = cells(t, line);
        for &(a, b) in cs.iter().rev() {
            let s = t.get(a..b).unwrap_or("");
            if is_position(s) && s.split_whitespace().count() <= 6 {
                let two_col = cs.len() > 1 || line.indent() >= 20;
                let col = a - line.raw_start;
                let mut sg = Signer {
                    position: Some(clean(s)),
                    ..Signer::default()
                };
                fill_after(t, lines, i, col, two_col, &mut sg);
                if sg.name.is_some() {
                    return Some((sg, i));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::LineIndex;

    #[test]
    fn body_signed_for() {
        assert_eq!(
            on_behalf_of("T/M BỘ CHÍNH TRỊ").as_deref(),
            Some("BỘ CHÍNH TRỊ")
        );
        assert_eq!(on_behalf_of("TM. CHÍNH PHỦ").as_deref(), Some("CHÍNH PHỦ"));
        assert_eq!(on_behalf_of("T/M BAN THƯỜNG VỤ"), None);
        assert_eq!(on_behalf_of("KT. CHỦ TỊCH"), None);
    }

    #[test]
    fn party_block() {
        let t = "Nơi nhận:\n- Như trên,\n- Lưu VP.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\n(đã ký)\n\nLê Thị Hoa\n";
        let idx = LineIndex::new(t);
        let (s, _) = find(t, &idx.lines, 0).unwrap();
        assert_eq!(s.capacity.as_deref(), Some("T/M BAN THƯỜNG VỤ"));
        assert_eq!(s.position.as_deref(), Some("PHÓ BÍ THƯ"));
        assert_eq!(s.name.as_deref(), Some("Lê Thị Hoa"));
    }

    #[test]
    fn pdftotext_rows_shared_with_recipients() {
        let t = "Nơi nhận:                                   TM. ỦY BAN NHÂN DÂN\n- Như Điều 3;                                  KT. CHỦ TỊCH\n- Sở Nội vụ;                                  PHÓ CHỦ TỊCH\n- Lưu: VT, NC.\n\n\n                                               Trần Văn Bình\n";
        let idx = LineIndex::new(t);
        let (s, _) = find(t, &idx.lines, 0).unwrap();
        assert_eq!(s.capacity.as_deref(), Some("KT. CHỦ TỊCH"));
        assert_eq!(s.position.as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(s.name.as_deref(), Some("Trần Văn Bình"));
    }
}
