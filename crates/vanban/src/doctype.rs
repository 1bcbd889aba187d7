//! Document types of both families: the Party's list (Quy định 66/399:
//! KL, NQ, CT, QĐ, QĐi, HD, KH, CTr, TB, BC, TTr, CV, ...) and Nghị định
//! 30/2020/NĐ-CP's list (NĐ, QĐ, QyĐ, CT, TB, HD, KH, TTr, BC, BB, ...; a
//! công văn has no code).

use crate::number::Parts;
use crate::text::{eq_ci, starts_with_word_ci};

/// Type names with their codes, longest names first (for prefix matching).
pub const TYPES: &[(&str, &str)] = &[
    ("Chương trình hành động", "CTr"),
    ("Thông tư liên tịch", "TTLT"),
    ("Nghị quyết liên tịch", "NQLT"),
    ("Giấy giới thiệu", "GGT"),
    ("Bản thỏa thuận", "BTT"),
    ("Bản ghi nhớ", "BGN"),
    ("Chương trình", "CTr"),
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Nghị định", "NĐ"),
    ("Công điện", "CĐ"),
    ("Hướng dẫn", "HD"),
    ("Thông báo", "TB"),
    ("Thông cáo", "TC"),
    ("Phương án", "PA"),
    ("Kết luận", "KL"),
    ("Kế hoạch", "KH"),
    ("Quy định", "QĐi"),
    ("Thông tri", "TT"),
    ("Thông tư", "TT"),
    ("Công văn", "CV"),
    ("Biên bản", "BB"),
    ("Giấy mời", "GM"),
    ("Hợp đồng", "HĐ"),
    ("Chỉ thị", "CT"),
    ("Quy chế", "QC"),
    ("Báo cáo", "BC"),
    ("Tờ trình", "TTr"),
    ("Pháp lệnh", "PL"),
    ("Đề án", "ĐA"),
    ("Dự án", "DA"),
    ("Luật", "L"),
    ("Lệnh", "L"),
];

/// Codes that name a type: (code, Party name, State name).
const CODES: &[(&str, &str, &str)] = &[
    ("KL", "Kết luận", "Kết luận"),
    ("NQ", "Nghị quyết", "Nghị quyết"),
    ("NQLT", "Nghị quyết liên tịch", "Nghị quyết liên tịch"),
    ("CT", "Chỉ thị", "Chỉ thị"),
    ("QĐ", "Quyết định", "Quyết định"),
    ("QĐi", "Quy định", "Quy định"),
    ("QyĐ", "Quy định", "Quy định"),
    ("QC", "Quy chế", "Quy chế"),
    ("HD", "Hướng dẫn", "Hướng dẫn"),
    ("KH", "Kế hoạch", "Kế hoạch"),
    ("CTr", "Chương trình", "Chương trình"),
    ("TB", "Thông báo", "Thông báo"),
    ("TC", "Thông cáo", "Thông cáo"),
    ("BC", "Báo cáo", "Báo cáo"),
    ("TTr", "Tờ trình", "Tờ trình"),
    ("CV", "Công văn", "Công văn"),
    ("ĐA", "Đề án", "Đề án"),
    ("DA", "Dự án", "Dự án"),
    ("PA", "Phương án", "Phương án"),
    ("BB", "Biên bản", "Biên bản"),
    ("TT", "Thông tri", "Thông tư"),
    ("TTLT", "Thông tư liên tịch", "Thông tư liên tịch"),
    ("NĐ", "Nghị định", "Nghị định"),
    ("CĐ", "Công điện", "Công điện"),
    ("GM", "Giấy mời", "Giấy mời"),
    ("GGT", "Giấy giới thiệu", "Giấy giới thiệu"),
    ("HĐ", "Hợp đồng", "Hợp đồng"),
    ("BGN", "Bản ghi nhớ", "Bản ghi nhớ"),
];

fn code_eq(a: &str, b: &str) -> bool {
    let mut x = a.chars();
    let mut y = b.chars();
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if eq_ci(p, q) => {}
            _ => return false,
        }
    }
}

/// The type name a code stands for (`party` picks Thông tri over Thông tư).
pub fn name_of_code(code: &str, party: bool) -> Option<&'static str> {
    // exact case first (QĐ vs QĐi), then case-insensitive
    CODES
        .iter()
        .find(|(c, _, _)| *c == code)
        .or_else(|| CODES.iter().find(|(c, _, _)| code_eq(c, code)))
        .map(|(_, p, s)| if party { *p } else { *s })
}

/// The code of a type name.
pub fn code_of_name(name: &str) -> Option<&'static str> {
    TYPES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Type and code implied by a number: `57-KL/TW` → Kết luận; `15/UBND-KT`
/// (State form whose first segment is no type code) → Công văn.
pub fn from_number(p: &Parts<'_>) -> Option<(&'static str, &'static str)> {
    if let Some(name) = name_of_code(p.first, p.party) {
        let code = CODES
            .iter()
            .find(|(c, _, _)| code_eq(c, p.first))
            .map(|(c, _, _)| *c)
            .unwrap_or("");
        return Some((name, code));
    }
    if !p.party {
        if p.year.is_some() && p.first.starts_with("QH") {
            return Some(("Luật", "L"));
        }
        if p.year.is_none() {
            return Some(("Công văn", ""));
        }
    }
    None
}

/// The type name at the start of `s` (any case), with its byte length.
pub fn name_at_start(s: &str) -> Option<(&'static str, usize)> {
    let c0 = s.chars().next()?;
    for (name, _) in TYPES {
        // quick reject on the first letter
        if !name.chars().next().is_some_and(|n0| eq_ci(n0, c0)) {
            continue;
        }
        if let Some(n) = starts_with_word_ci(s, name) {
            // "Báo cáo viên" is a person, not a type
            if *name == "Báo cáo"
                && s.get(n..)
                    .is_some_and(|r| starts_with_word_ci(r.trim_start(), "viên").is_some())
            {
                continue;
            }
            let canon = match *name {
                "Chương trình hành động" => "Chương trình",
                other => other,
            };
            return Some((canon, n));
        }
    }
    None
}

/// The type named just before a number ("Kết luận số ", "Nghị định ").
pub fn name_before(before: &str) -> Option<&'static str> {
    let t = before.trim_end();
    let t = t.strip_suffix(':').unwrap_or(t).trim_end();
    let t = strip_suffix_ci(t, "số").map_or(t, str::trim_end);
    let t = strip_suffix_ci(t, "hiệu").map_or(t, str::trim_end);
    let last = t.chars().next_back()?;
    for (name, _) in TYPES {
        // quick reject on the last letter
        if !name.chars().next_back().is_some_and(|n1| eq_ci(n1, last)) {
            continue;
        }
        if let Some(head) = strip_suffix_ci(t, name) {
            if head.chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            return Some(match *name {
                "Chương trình hành động" => "Chương trình",
                other => other,
            });
        }
    }
    None
}

/// Case-insensitive `strip_suffix`.
fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let n = suffix.chars().count();
    let mut idx = s.len();
    let mut it = s.char_indices().rev();
    for sc in suffix.chars().rev() {
        let (i, c) = it.next()?;
        if !eq_ci(c, sc) {
            return None;
        }
        idx = i;
    }
    let _ = n;
    s.get(..idx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::parse;

    #[test]
    fn codes_of_both_families() {
        assert_eq!(
            from_number(&parse("57-KL/TW").unwrap()).map(|t| t.0),
            Some("Kết luận")
        );
        assert_eq!(
            from_number(&parse("08-QĐi/TW").unwrap()).map(|t| t.0),
            Some("Quy định")
        );
        assert_eq!(
            from_number(&parse("12/2024/QyĐ-UBND").unwrap()).map(|t| t.0),
            Some("Quy định")
        );
        assert_eq!(
            from_number(&parse("15/UBND-KT").unwrap()).map(|t| t.0),
            Some("Công văn")
        );
        assert_eq!(
            from_number(&parse("05/2023/TT-BNV").unwrap()).map(|t| t.0),
            Some("Thông tư")
        );
    }

    #[test]
    fn names_before_numbers() {
        assert_eq!(name_before("thực hiện Kết luận số "), Some("Kết luận"));
        assert_eq!(name_before("Căn cứ Nghị định "), Some("Nghị định"));
        assert_eq!(
            name_before("Chương trình hành động số "),
            Some("Chương trình")
        );
        assert_eq!(name_before("ngày "), None);
    }

    #[test]
    fn type_line_names() {
        assert_eq!(name_at_start("KẾ HOẠCH").map(|t| t.0), Some("Kế hoạch"));
        assert_eq!(name_at_start("BÁO CÁO VIÊN"), None);
    }
}
