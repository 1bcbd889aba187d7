//! Vietnamese letters: the vowel table shared by the legacy decoders, and a
//! syllable checker used to choose between candidate decodings.

/// Tone index: no tone.
pub(crate) const NO_TONE: usize = 0;
/// Tone index: huyền (grave).
pub(crate) const GRAVE: usize = 1;
/// Tone index: sắc (acute).
pub(crate) const ACUTE: usize = 2;
/// Tone index: hỏi (hook above).
pub(crate) const HOOK: usize = 3;
/// Tone index: ngã (tilde).
pub(crate) const TILDE: usize = 4;
/// Tone index: nặng (dot below).
pub(crate) const DOT: usize = 5;

/// Every lowercase Vietnamese vowel: one row per base vowel (with its shape
/// mark), one column per tone (none, grave, acute, hook, tilde, dot).
pub(crate) const VOWELS: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

/// Row of [`VOWELS`] for a base vowel (shape included), if it is one.
pub(crate) fn vowel_row(base: char) -> Option<usize> {
    VOWELS.iter().position(|row| row[0] == base)
}

/// The lowercase vowel `base` (row 0 form) carrying `tone`.
pub(crate) fn with_tone(base: char, tone: usize) -> Option<char> {
    let row = vowel_row(base)?;
    VOWELS[row].get(tone).copied()
}

/// Splits a lowercase letter into its toneless form and its tone index.
fn split_tone(c: char) -> (char, usize) {
    if c.is_ascii() {
        return (c, NO_TONE);
    }
    for row in &VOWELS {
        if let Some(t) = row.iter().position(|&v| v == c) {
            return (row[0], t);
        }
    }
    (c, NO_TONE)
}

/// Initial consonants, longest first.
const ONSETS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Final consonants and semivowel endings handled by the nucleus list.
const CODAS: &[&str] = &["ng", "nh", "ch", "c", "m", "n", "p", "t"];

/// Vowel clusters (with their closing semivowels) that occur in syllables.
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "oai", "oao", "oay", "oeo", "uây",
    "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yêu",
];

/// Whether a lowercase word is a well-formed Vietnamese syllable
/// (onset + vowel cluster + coda, at most one tone mark).
pub(crate) fn is_syllable(word: &str) -> bool {
    let mut plain = String::with_capacity(word.len());
    let mut tones = 0;
    for c in word.chars() {
        let (b, t) = split_tone(c);
        if t != NO_TONE {
            tones += 1;
        }
        let ok = b.is_ascii_lowercase() || b == 'đ' || vowel_row(b).is_some();
        if !ok {
            return false;
        }
        plain.push(b);
    }
    if tones > 1 || plain.is_empty() {
        return false;
    }
    let mut rest = plain.as_str();
    for onset in ONSETS {
        if let Some(r) = rest.strip_prefix(onset) {
            // "gi" and "qu" keep their vowel when nothing else follows ("gì").
            if r.is_empty() && (*onset == "gi" || *onset == "qu") {
                rest = &rest[1..];
            } else {
                rest = r;
            }
            break;
        }
    }
    for coda in CODAS {
        if let Some(r) = rest.strip_suffix(coda)
            && !r.is_empty()
        {
            rest = r;
            break;
        }
    }
    NUCLEI.contains(&rest)
}

/// Counts of words that carry non-ASCII letters: well-formed syllables and
/// malformed ones. Pure-ASCII words decode alike in every candidate, so they
/// do not help to choose.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SyllableScore {
    /// Well-formed words with Vietnamese letters.
    pub good: usize,
    /// Malformed words with non-ASCII characters.
    pub bad: usize,
}

impl SyllableScore {
    /// Good minus bad: higher is more Vietnamese.
    pub(crate) fn net(self) -> isize {
        self.good as isize - self.bad as isize
    }
}

/// Scores text by how many of its non-ASCII words are Vietnamese syllables.
pub(crate) fn score(text: &str) -> SyllableScore {
    let mut s = SyllableScore::default();
    let mut word = String::new();
    let mut non_ascii = false;
    let flush = |word: &mut String, non_ascii: &mut bool, s: &mut SyllableScore| {
        if *non_ascii {
            if is_syllable(word) {
                s.good += 1;
            } else {
                s.bad += 1;
            }
        }
        word.clear();
        *non_ascii = false;
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                word.push(l);
            }
            non_ascii |= !c.is_ascii();
        } else {
            if !c.is_ascii() && !c.is_whitespace() {
                // A stray symbol glued to letters is what mis-decoding leaves.
                non_ascii = true;
                if word.is_empty() {
                    s.bad += 1;
                    non_ascii = false;
                    continue;
                }
            }
            flush(&mut word, &mut non_ascii, &mut s);
        }
    }
    flush(&mut word, &mut non_ascii, &mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_syllables() {
        for w in [
            "nghiêng",
            "thường",
            "khuyến",
            "gì",
            "giữa",
            "quốc",
            "hòa",
            "hoà",
            "ủy",
            "đảng",
            "việt",
            "nguyễn",
            "tuyển",
            "người",
            "khuya",
            "quý",
            "ươn",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in ["hµ", "néi", "vieät", "ñaûng", "ảả", "xyz", "vịệt"] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn scores_mojibake_below_vietnamese() {
        let good = score("Đảng Cộng sản Việt Nam, Hà Nội ngày 15 tháng 6");
        let bad = score("§¶ng Céng s¶n ViÖt Nam, Hµ Néi ngµy 15 th¸ng 6");
        assert!(good.net() > bad.net(), "{good:?} {bad:?}");
        assert_eq!(good.bad, 0);
    }
}
