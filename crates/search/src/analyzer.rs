//! The Vietnamese analyzer: words, tone-placement canonical forms and folding.
//!
//! Every word (a run of letters, digits and combining marks) becomes one
//! token. Two forms exist for each word:
//!
//! * **exact**: NFC, lowercase, tone mark moved to its canonical vowel
//!   (`hoà` → `hòa`, `uỷ` → `ủy`), so both placement conventions meet;
//! * **folded**: lowercase with every diacritic removed and `đ` → `d`
//!   (`Quảng Ngãi` → `quang ngai`), for queries typed without diacritics.
//!
//! Offsets always refer to the text as given, so snippets can mark it.

use std::sync::OnceLock;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;

/// Longest word, in bytes, that becomes a token. Vietnamese syllables are at
/// most 7 letters (≤ 21 bytes in UTF-8); longer runs are URLs, hashes or
/// glued garbage that would only bloat the term dictionary.
pub const MAX_TOKEN_BYTES: usize = 64;

/// Name under which the exact tokenizer is registered in the index.
pub const EXACT_TOKENIZER: &str = "vi_exact";
/// Name under which the folded tokenizer is registered in the index.
pub const FOLDED_TOKENIZER: &str = "vi_folded";

const GRAVE: char = '\u{0300}';
const ACUTE: char = '\u{0301}';
const TILDE: char = '\u{0303}';
const HOOK: char = '\u{0309}';
const DOT_BELOW: char = '\u{0323}';

fn is_tone_mark(c: char) -> bool {
    matches!(c, GRAVE | ACUTE | TILDE | HOOK | DOT_BELOW)
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Whether `c` belongs to a word: letters, digits and combining marks (so
/// text in NFD still forms whole words).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// Byte spans `(start, end)` of the words of `text`, in order.
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            spans.push((s, i));
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// Text in Unicode NFC (the form every stored text is kept in).
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// The exact form of one word: NFC, lowercase, canonical tone placement.
pub fn exact_word(word: &str) -> String {
    let lower: String = word.nfc().flat_map(char::to_lowercase).collect();
    if lower.is_ascii() {
        return lower;
    }
    canonical_tone(&lower)
}

/// First code point past the folding table (covers Latin, combining marks
/// and Latin Extended Additional, where the Vietnamese letters live).
const FOLD_TABLE_END: u32 = 0x1F00;

/// Folded lowercase form of every code point below [`FOLD_TABLE_END`];
/// `'\0'` for combining marks (dropped). Built once from NFD.
fn fold_table() -> &'static [char] {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..FOLD_TABLE_END)
            .map(|u| {
                let Some(c) = char::from_u32(u) else {
                    return '\0';
                };
                if is_combining(c) {
                    return '\0';
                }
                let base = std::iter::once(c).nfd().next().unwrap_or(c);
                let lower = base.to_lowercase().next().unwrap_or(base);
                if lower == 'đ' { 'd' } else { lower }
            })
            .collect()
    })
}

/// The folded form of one word: lowercase, no diacritics, `đ` → `d`.
pub fn folded_word(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let table = fold_table();
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match table.get(c as usize) {
            Some('\0') => {}
            Some(&f) => out.push(f),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Folds a whole text (lowercase, no diacritics, `đ` → `d`), keeping its
/// separators; used for pre-folded columns and number keys.
pub fn fold_text(text: &str) -> String {
    folded_word(text)
}

/// One letter of a syllable after removing the tone: its base character and
/// the quality marks (circumflex, breve, horn) that stay with it.
struct Letter {
    base: char,
    marks: Vec<char>,
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Moves the tone mark of a lowercase syllable to its canonical vowel.
///
/// The rule is the traditional one (`hòa`, `ủy`, `thủy`): a vowel with a
/// quality mark takes the tone (the last one in `ươ`); otherwise with a final
/// consonant the last vowel of the nucleus; otherwise the first of two vowels
/// or the middle of three. `qu` and `gi` onsets are not part of the nucleus.
/// Words with no tone, or several tone marks (not a syllable), are returned
/// in NFC unchanged.
pub fn canonical_tone(word: &str) -> String {
    let mut tone: Option<char> = None;
    let mut letters: Vec<Letter> = Vec::with_capacity(word.len());
    for c in word.nfd() {
        if is_tone_mark(c) {
            if tone.is_some() {
                return word.nfc().collect();
            }
            tone = Some(c);
        } else if is_combining(c) {
            if let Some(last) = letters.last_mut() {
                last.marks.push(c);
            }
        } else {
            letters.push(Letter {
                base: c,
                marks: Vec::new(),
            });
        }
    }
    let Some(tone) = tone else {
        return word.nfc().collect();
    };
    let Some(target) = tone_target(&letters) else {
        return word.nfc().collect();
    };
    let mut out = String::with_capacity(word.len() + 2);
    for (i, l) in letters.iter().enumerate() {
        out.push(l.base);
        out.extend(l.marks.iter());
        if i == target {
            out.push(tone);
        }
    }
    out.nfc().collect()
}

/// Index of the letter that carries the tone, by the traditional rule.
fn tone_target(letters: &[Letter]) -> Option<usize> {
    let mut start = letters.iter().position(|l| is_vowel(l.base))?;
    let mut end = start;
    while end < letters.len() && is_vowel(letters[end].base) {
        end += 1;
    }
    // `qu` + vowel and `gi` + vowel: the u / i belong to the onset.
    if end - start > 1 && start > 0 {
        let onset = letters[start - 1].base;
        let first = &letters[start];
        if (onset == 'q' && first.base == 'u')
            || (onset == 'g' && first.base == 'i' && first.marks.is_empty())
        {
            start += 1;
        }
    }
    if let Some(marked) = (start..end).rev().find(|&i| !letters[i].marks.is_empty()) {
        return Some(marked);
    }
    let has_final = end < letters.len();
    let len = end - start;
    Some(if has_final {
        end - 1
    } else {
        match len {
            1 | 2 => start,
            _ => start + 1,
        }
    })
}

/// Which form of each word a tokenizer emits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// Diacritics kept, tone placement canonical.
    Exact,
    /// All diacritics removed, `đ` → `d`.
    Folded,
}

impl Form {
    /// The form of one word.
    pub fn of(self, word: &str) -> String {
        match self {
            Form::Exact => exact_word(word),
            Form::Folded => folded_word(word),
        }
    }
}

/// Tokens of `text` in the given form: `(byte start, byte end, token)`.
/// Words longer than [`MAX_TOKEN_BYTES`] are skipped (they keep a position).
pub fn tokens(text: &str, form: Form) -> Vec<(usize, usize, Option<String>)> {
    word_spans(text)
        .into_iter()
        .map(|(s, e)| {
            let w = &text[s..e];
            let t = (w.len() <= MAX_TOKEN_BYTES).then(|| form.of(w));
            (s, e, t)
        })
        .collect()
}

/// The tantivy tokenizer for one [`Form`].
#[derive(Clone, Debug)]
pub struct VietnameseTokenizer {
    form: Form,
}

impl VietnameseTokenizer {
    /// A tokenizer emitting `form`.
    pub fn new(form: Form) -> Self {
        VietnameseTokenizer { form }
    }
}

/// Token stream over precomputed tokens.
pub struct VietnameseTokenStream {
    tokens: Vec<Token>,
    index: usize,
}

impl Tokenizer for VietnameseTokenizer {
    type TokenStream<'a> = VietnameseTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let mut out = Vec::new();
        for (position, (from, to, tok)) in tokens(text, self.form).into_iter().enumerate() {
            if let Some(text) = tok {
                out.push(Token {
                    offset_from: from,
                    offset_to: to,
                    position,
                    text,
                    position_length: 1,
                });
            }
        }
        VietnameseTokenStream {
            tokens: out,
            index: 0,
        }
    }
}

impl TokenStream for VietnameseTokenStream {
    fn advance(&mut self) -> bool {
        if self.index < self.tokens.len() {
            self.index += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        // `advance` returned true before any call, so index ≥ 1.
        &self.tokens[self
            .index
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1))]
    }

    fn token_mut(&mut self) -> &mut Token {
        let i = self
            .index
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1));
        &mut self.tokens[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_tone_placements_meet() {
        assert_eq!(exact_word("hoà"), "hòa");
        assert_eq!(exact_word("hòa"), "hòa");
        assert_eq!(exact_word("uỷ"), "ủy");
        assert_eq!(exact_word("Uỷ"), "ủy");
        assert_eq!(exact_word("thuỷ"), "thủy");
        assert_eq!(exact_word("khoẻ"), "khỏe");
        assert_eq!(exact_word("hoàng"), "hoàng");
        assert_eq!(exact_word("quý"), "quý");
        assert_eq!(exact_word("giữ"), "giữ");
        assert_eq!(exact_word("người"), "người");
        assert_eq!(exact_word("ngoài"), "ngoài");
        assert_eq!(exact_word("khuỷu"), "khuỷu");
        assert_eq!(exact_word("QUẢNG"), "quảng");
    }

    #[test]
    fn nfd_input_gives_the_same_tokens() {
        let nfd: String = "Tỉnh ủy Quảng Ngãi".nfd().collect();
        let a: Vec<_> = tokens(&nfd, Form::Exact).into_iter().map(|t| t.2).collect();
        let b: Vec<_> = tokens("Tỉnh ủy Quảng Ngãi", Form::Exact)
            .into_iter()
            .map(|t| t.2)
            .collect();
        assert_eq!(a, b);
        assert_eq!(b.len(), 4);
    }

    #[test]
    fn folding_removes_every_mark_and_d_bar() {
        assert_eq!(folded_word("Đảng"), "dang");
        assert_eq!(folded_word("nghị"), "nghi");
        assert_eq!(folded_word("NĐ"), "nd");
        assert_eq!(fold_text("30/2020/NĐ-CP"), "30/2020/nd-cp");
    }

    #[test]
    fn words_split_on_punctuation_and_keep_offsets() {
        let t = "Số 57-KL/TW, ngày";
        let spans = word_spans(t);
        let words: Vec<&str> = spans.iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(words, ["Số", "57", "KL", "TW", "ngày"]);
    }
}
