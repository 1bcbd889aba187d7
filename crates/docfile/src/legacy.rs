//! The legacy Vietnamese font encodings TCVN3 (ABC, `.VnTime`) and VNI
//! (`VNI-Times`), decoded with tables written from the published charts.
//!
//! Both were used by giving a Windows font a Vietnamese glyph set on top of
//! Windows-1252, so text in them arrives either as raw bytes (a `.txt` file)
//! or as Windows-1252 characters inside Unicode (a `.docx` run or an HTML
//! page whose font is `.VnTime`). The decoders here work on characters: a
//! character U+00A0..U+00FF stands for the byte with the same value.

use crate::viet::{ACUTE, DOT, GRAVE, HOOK, NO_TONE, TILDE, VOWELS, with_tone};

/// Windows-1252's characters for bytes 0x80..=0x9F (undefined bytes keep
/// their C1 code point, as browsers do).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The Windows-1252 character for one byte.
pub(crate) fn cp1252_char(b: u8) -> char {
    if (0x80..0xA0).contains(&b) {
        CP1252_HIGH[usize::from(b - 0x80)]
    } else {
        char::from(b)
    }
}

/// TCVN3 (TCVN 5712:1993, VN3) toned vowels: for each row of [`VOWELS`],
/// the bytes of its grave, hook, tilde, acute and dot forms.
const TCVN3_TONED: [[u8; 5]; 12] = [
    [0xB5, 0xB6, 0xB7, 0xB8, 0xB9], // a
    [0xBB, 0xBC, 0xBD, 0xBE, 0xC6], // ă
    [0xC7, 0xC8, 0xC9, 0xCA, 0xCB], // â
    [0xCC, 0xCE, 0xCF, 0xD0, 0xD1], // e
    [0xD2, 0xD3, 0xD4, 0xD5, 0xD6], // ê
    [0xD7, 0xD8, 0xDC, 0xDD, 0xDE], // i
    [0xDF, 0xE1, 0xE2, 0xE3, 0xE4], // o
    [0xE5, 0xE6, 0xE7, 0xE8, 0xE9], // ô
    [0xEA, 0xEB, 0xEC, 0xED, 0xEE], // ơ
    [0xEF, 0xF1, 0xF2, 0xF3, 0xF4], // u
    [0xF5, 0xF6, 0xF7, 0xF8, 0xF9], // ư
    [0xFA, 0xFB, 0xFC, 0xFD, 0xFE], // y
];

/// TCVN3 letters without tone: bytes 0xA1..=0xAE.
const TCVN3_LETTERS: [char; 14] = [
    'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ',
];

/// The TCVN3 table for bytes 0xA0..=0xFF; bytes the chart leaves empty keep
/// their Windows-1252 meaning.
const TCVN3_HIGH: [char; 96] = build_tcvn3();

const fn build_tcvn3() -> [char; 96] {
    let mut t = ['\0'; 96];
    let mut i = 0;
    while i < 96 {
        // Latin-1 and Windows-1252 agree on 0xA0..=0xFF.
        t[i] = match char::from_u32(0xA0 + i as u32) {
            Some(c) => c,
            None => '\u{FFFD}',
        };
        i += 1;
    }
    let mut k = 0;
    while k < TCVN3_LETTERS.len() {
        t[1 + k] = TCVN3_LETTERS[k];
        k += 1;
    }
    // Column order in the chart: grave, hook, tilde, acute, dot.
    let tones = [GRAVE, HOOK, TILDE, ACUTE, DOT];
    let mut row = 0;
    while row < 12 {
        let mut j = 0;
        while j < 5 {
            let b = TCVN3_TONED[row][j] as usize;
            t[b - 0xA0] = VOWELS[row][tones[j]];
            j += 1;
        }
        row += 1;
    }
    t
}

/// One TCVN3 character (a byte seen as Windows-1252) in Unicode.
fn tcvn3_char(c: char) -> char {
    let u = u32::from(c);
    if (0xA0..=0xFF).contains(&u) {
        TCVN3_HIGH[(u - 0xA0) as usize]
    } else {
        c
    }
}

/// Decodes raw TCVN3 bytes (no font information: capitals are guessed by
/// line, see [`fix_caps`]).
pub(crate) fn decode_tcvn3_bytes(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() + bytes.len() / 2);
    for &b in bytes {
        s.push(if b < 0xA0 {
            cp1252_char(b)
        } else {
            TCVN3_HIGH[usize::from(b - 0xA0)]
        });
    }
    fix_caps(&s)
}

/// Decodes TCVN3 text carried as Windows-1252 characters in Unicode, as in a
/// run whose font is `.VnTime`. `capitals` is true for the `.VnTimeH` family,
/// whose glyphs are all capitals.
pub(crate) fn decode_tcvn3_str(s: &str, capitals: bool) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    for c in s.chars() {
        let d = tcvn3_char(c);
        if capitals {
            out.extend(d.to_uppercase());
        } else {
            out.push(d);
        }
    }
    out
}

/// TCVN3 had no toned capitals: headings were typed with lowercase codes in
/// a capitals font (`.VnTimeH`). Without the font, a line whose words of
/// two or more ASCII letters are all in capitals is such a heading, and its
/// Vietnamese letters become capitals too.
pub(crate) fn fix_caps(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split_inclusive('\n') {
        let mut upper = 0;
        let mut lower = 0;
        for token in line.split_whitespace() {
            // Whole words only: "KL/TW" or "57-KL" are symbols, not words.
            let word = token.trim_matches(|c: char| !c.is_alphanumeric());
            if !word.chars().all(char::is_alphabetic) {
                continue;
            }
            let ascii = word.chars().filter(char::is_ascii_alphabetic).count();
            if ascii < 2 {
                continue;
            }
            if word
                .chars()
                .filter(char::is_ascii_alphabetic)
                .all(|c| c.is_ascii_uppercase())
            {
                upper += 1;
            } else {
                lower += 1;
            }
        }
        if upper > 0 && lower == 0 {
            out.extend(line.chars().flat_map(char::to_uppercase));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Shape marks that VNI writes after a base vowel.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    None,
    Circumflex,
    Breve,
}

/// A VNI mark character (lowercase or capital form): its shape and tone.
fn vni_mark(c: char) -> Option<(Shape, usize)> {
    let lower = if ('\u{C0}'..='\u{DE}').contains(&c) && c != '×' {
        char::from_u32(u32::from(c) + 0x20)?
    } else {
        c
    };
    Some(match lower {
        'ù' => (Shape::None, ACUTE),
        'ø' => (Shape::None, GRAVE),
        'û' => (Shape::None, HOOK),
        'õ' => (Shape::None, TILDE),
        'ï' => (Shape::None, DOT),
        'â' => (Shape::Circumflex, NO_TONE),
        'á' => (Shape::Circumflex, ACUTE),
        'à' => (Shape::Circumflex, GRAVE),
        'å' => (Shape::Circumflex, HOOK),
        'ã' => (Shape::Circumflex, TILDE),
        'ä' => (Shape::Circumflex, DOT),
        'ê' => (Shape::Breve, NO_TONE),
        'é' => (Shape::Breve, ACUTE),
        'è' => (Shape::Breve, GRAVE),
        'ú' => (Shape::Breve, HOOK),
        'ü' => (Shape::Breve, TILDE),
        'ë' => (Shape::Breve, DOT),
        _ => return None,
    })
}

/// A VNI base vowel: its lowercase Vietnamese letter and whether it is a capital.
fn vni_base(c: char) -> Option<(char, bool)> {
    Some(match c {
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' => (c, false),
        'A' | 'E' | 'I' | 'O' | 'U' | 'Y' => (c.to_ascii_lowercase(), true),
        'ô' => ('ơ', false),
        'Ô' => ('ơ', true),
        'ö' => ('ư', false),
        'Ö' => ('ư', true),
        _ => return None,
    })
}

/// VNI letters that stand alone (one character, no mark after them).
fn vni_single(c: char) -> Option<char> {
    Some(match c {
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

/// Applies a shape mark to a base vowel, if the pair exists.
fn shaped(base: char, shape: Shape) -> Option<char> {
    match (base, shape) {
        (b, Shape::None) => Some(b),
        ('a', Shape::Circumflex) => Some('â'),
        ('e', Shape::Circumflex) => Some('ê'),
        ('o', Shape::Circumflex) => Some('ô'),
        ('a', Shape::Breve) => Some('ă'),
        _ => None,
    }
}

/// Decodes VNI text carried as Windows-1252 characters: a base letter
/// followed by one mark character that carries shape and tone together
/// (the longest match is the pair).
pub(crate) fn decode_vni_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some((base, capital)) = vni_base(c) {
            let mut letter = base;
            if let Some(&next) = chars.peek()
                && let Some((shape, tone)) = vni_mark(next)
                && let Some(s) = shaped(base, shape)
                && let Some(t) = with_tone(s, tone)
            {
                chars.next();
                letter = t;
            }
            if capital {
                out.extend(letter.to_uppercase());
            } else {
                out.push(letter);
            }
        } else if let Some(d) = vni_single(c) {
            out.push(d);
        } else {
            out.push(c);
        }
    }
    out
}

/// Decodes raw VNI bytes.
pub(crate) fn decode_vni_bytes(bytes: &[u8]) -> String {
    let s: String = bytes.iter().map(|&b| cp1252_char(b)).collect();
    decode_vni_str(&s)
}

/// Which legacy font family a font name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LegacyFont {
    /// A TCVN3 (ABC) font such as `.VnTime`.
    Tcvn3,
    /// A TCVN3 capitals font such as `.VnTimeH`.
    Tcvn3Capitals,
    /// A VNI font such as `VNI-Times`.
    Vni,
}

/// Classifies a font name: `.Vn…` fonts are TCVN3 (`…H` ones are capitals),
/// `VNI-…` fonts are VNI; any other font is Unicode.
pub(crate) fn classify_font(name: &str) -> Option<LegacyFont> {
    let name = name.trim().trim_matches(|c| c == '\'' || c == '"').trim();
    let lower = name.to_ascii_lowercase();
    if lower.starts_with(".vn") {
        let stem = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
        if stem.ends_with('H') {
            Some(LegacyFont::Tcvn3Capitals)
        } else {
            Some(LegacyFont::Tcvn3)
        }
    } else if lower.starts_with("vni-") || lower.starts_with("vni ") {
        Some(LegacyFont::Vni)
    } else {
        None
    }
}

/// Decodes one run of text written in a legacy font.
pub(crate) fn decode_with_font(s: &str, font: LegacyFont) -> String {
    match font {
        LegacyFont::Tcvn3 => decode_tcvn3_str(s, false),
        LegacyFont::Tcvn3Capitals => decode_tcvn3_str(s, true),
        LegacyFont::Vni => decode_vni_str(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latin1(s: &str) -> Vec<u8> {
        s.chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect()
    }

    #[test]
    fn tcvn3_decodes_words() {
        let bytes =
            latin1("Hµ Néi, ngµy 15 th¸ng 6 n¨m 2023. §¶ng bé tØnh, h\u{AD}íng dÉn thùc hiÖn");
        assert_eq!(
            decode_tcvn3_bytes(&bytes),
            "Hà Nội, ngày 15 tháng 6 năm 2023. Đảng bộ tỉnh, hướng dẫn thực hiện"
        );
    }

    #[test]
    fn tcvn3_capital_lines_become_capitals() {
        let bytes = latin1("§¶NG CéNG S¶N VIÖT NAM\nSè 57-KL/TW\n");
        assert_eq!(
            decode_tcvn3_bytes(&bytes),
            "ĐẢNG CỘNG SẢN VIỆT NAM\nSố 57-KL/TW\n"
        );
        assert_eq!(decode_tcvn3_str("kÕt luËn", true), "KẾT LUẬN");
    }

    #[test]
    fn vni_decodes_words() {
        let s = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñoäc laäp - Töï do - Haïnh phuùc. \
                 Ban Thöôøng vuï Tænh uûy; naêm, naém, baèng, maët; ÑAÛNG COÄNG SAÛN";
        assert_eq!(
            decode_vni_str(s),
            "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. \
             Ban Thường vụ Tỉnh ủy; năm, nắm, bằng, mặt; ĐẢNG CỘNG SẢN"
        );
    }

    #[test]
    fn the_tcvn3_chart_is_one_to_one() {
        // The chart's codes are distinct...
        let mut assigned: Vec<u8> = TCVN3_TONED.iter().flatten().copied().collect();
        assigned.extend(0xA1..=0xAE);
        let mut unique = assigned.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), assigned.len());
        // ...and give every lowercase Vietnamese letter exactly once.
        let mut letters: Vec<char> = assigned
            .iter()
            .map(|&b| TCVN3_HIGH[usize::from(b - 0xA0)])
            .filter(|c| c.is_lowercase())
            .collect();
        letters.sort_unstable();
        let mut want: Vec<char> = VOWELS
            .iter()
            .flatten()
            .copied()
            .filter(|c| !c.is_ascii())
            .collect();
        want.push('đ');
        want.sort_unstable();
        assert_eq!(letters, want);
    }

    #[test]
    fn every_letter_round_trips_through_vni() {
        // VNI marks: (shape, tone) -> lowercase mark character.
        let marks = [
            ((Shape::None, ACUTE), 'ù'),
            ((Shape::None, GRAVE), 'ø'),
            ((Shape::None, HOOK), 'û'),
            ((Shape::None, TILDE), 'õ'),
            ((Shape::None, DOT), 'ï'),
            ((Shape::Circumflex, NO_TONE), 'â'),
            ((Shape::Circumflex, ACUTE), 'á'),
            ((Shape::Circumflex, GRAVE), 'à'),
            ((Shape::Circumflex, HOOK), 'å'),
            ((Shape::Circumflex, TILDE), 'ã'),
            ((Shape::Circumflex, DOT), 'ä'),
            ((Shape::Breve, NO_TONE), 'ê'),
            ((Shape::Breve, ACUTE), 'é'),
            ((Shape::Breve, GRAVE), 'è'),
            ((Shape::Breve, HOOK), 'ú'),
            ((Shape::Breve, TILDE), 'ü'),
            ((Shape::Breve, DOT), 'ë'),
        ];
        let singles = [('ỉ', 'æ'), ('ĩ', 'ó'), ('ị', 'ò'), ('ỵ', 'î')];
        for (row, forms) in VOWELS.iter().enumerate() {
            let (base, shape) = match forms[0] {
                'ă' => ('a', Shape::Breve),
                'â' => ('a', Shape::Circumflex),
                'ê' => ('e', Shape::Circumflex),
                'ô' => ('o', Shape::Circumflex),
                'ơ' => ('ô', Shape::None),
                'ư' => ('ö', Shape::None),
                c => (c, Shape::None),
            };
            for (tone, &letter) in forms.iter().enumerate() {
                let mut vni = String::new();
                if let Some((_, s)) = singles.iter().find(|(l, _)| *l == letter) {
                    vni.push(*s);
                } else if row == 5 && tone != NO_TONE {
                    // i with a grave or acute tone is Latin-1 ì/í itself.
                    vni.push(letter);
                } else {
                    vni.push(base);
                    if let Some((_, m)) = marks.iter().find(|(k, _)| *k == (shape, tone)) {
                        vni.push(*m);
                    }
                }
                assert_eq!(decode_vni_str(&vni), letter.to_string(), "{vni}");
                let upper: String = vni.chars().flat_map(char::to_uppercase).collect();
                let want: String = letter.to_uppercase().collect();
                assert_eq!(decode_vni_str(&upper), want, "{upper}");
            }
        }
    }

    #[test]
    fn fonts_are_classified() {
        assert_eq!(classify_font(".VnTime"), Some(LegacyFont::Tcvn3));
        assert_eq!(classify_font(".VnTimeH"), Some(LegacyFont::Tcvn3Capitals));
        assert_eq!(classify_font("'VNI-Times'"), Some(LegacyFont::Vni));
        assert_eq!(classify_font("Times New Roman"), None);
    }
}
