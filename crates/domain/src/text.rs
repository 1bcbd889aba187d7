//! Text folding for diacritic-insensitive name search.

/// Lower-cases and strips Vietnamese diacritics (đ → d), collapsing runs of
/// whitespace: `"Phường Hoàn Kiếm"` → `"phuong hoan kiem"`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        for l in c.to_lowercase() {
            out.extend(fold_char(l));
        }
    }
    out
}

fn fold_char(c: char) -> Option<char> {
    const GROUPS: [(&str, char); 7] = [
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
    ];
    if c.is_ascii() {
        return Some(c);
    }
    // Combining marks of decomposed (NFD) input carry only tones and hats.
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return None;
    }
    for (set, base) in GROUPS {
        if set.contains(c) {
            return Some(base);
        }
    }
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_vietnamese_letters_and_spaces() {
        assert_eq!(fold("Phường  Hoàn Kiếm"), "phuong hoan kiem");
        assert_eq!(fold("ĐẢNG ỦY Xã Đông Anh"), "dang uy xa dong anh");
        assert_eq!(fold(" Tỉnh ủy "), "tinh uy");
        assert_eq!(fold("Ha\u{300}"), "ha");
    }
}
