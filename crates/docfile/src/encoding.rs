//! Character encodings: detection and decoding of raw bytes into text.

use std::fmt;
use std::str::FromStr;

use crate::Error;
use crate::legacy;
use crate::viet;

/// How many leading bytes the detectors look at. Enough for hundreds of
/// words, small enough that detection costs nothing next to parsing.
const SNIFF_BYTES: usize = 64 * 1024;

/// Share of control bytes above which raw bytes are binary data, not text
/// (text has tabs, newlines and form feeds; binaries have everything).
const MAX_CONTROL_SHARE: f64 = 0.01;

/// A UTF-8 file may carry a few stray bytes from an editor; beyond one bad
/// sequence per this many valid non-ASCII characters it is not UTF-8.
const UTF8_VALID_PER_ERROR: usize = 20;

/// A character encoding that documents arrive in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1258 (Vietnamese code page with decomposed tone marks).
    Windows1258,
    /// Windows-1252 (Western), as pages that use TCVN3 or VNI fonts declare.
    Windows1252,
    /// TCVN3 (TCVN 5712:1993 VN3, the ABC `.VnTime` fonts).
    Tcvn3,
    /// VNI (the `VNI-Times` fonts: base letter plus mark byte).
    Vni,
}

impl Encoding {
    /// Every encoding, in the order of their names.
    pub const ALL: [Encoding; 7] = [
        Encoding::Utf8,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1258,
        Encoding::Windows1252,
        Encoding::Tcvn3,
        Encoding::Vni,
    ];

    /// The encoding's short name, as accepted by [`FromStr`].
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Encoding {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let k: String = s
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        Ok(match k.as_str() {
            "utf8" => Encoding::Utf8,
            "utf16" | "utf16le" => Encoding::Utf16Le,
            "utf16be" => Encoding::Utf16Be,
            "windows1258" | "cp1258" | "1258" => Encoding::Windows1258,
            "windows1252" | "cp1252" | "1252" | "latin1" | "iso88591" => Encoding::Windows1252,
            "tcvn3" | "tcvn" | "abc" | "vn3" => Encoding::Tcvn3,
            "vni" | "vniwindows" => Encoding::Vni,
            _ => return Err(Error::UnknownEncoding(s.to_owned())),
        })
    }
}

/// Decodes bytes in a known encoding.
pub(crate) fn decode_as(bytes: &[u8], enc: Encoding, warnings: &mut Vec<String>) -> String {
    match enc {
        Encoding::Utf8 => {
            let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            match std::str::from_utf8(b) {
                Ok(s) => s.to_owned(),
                Err(_) => {
                    let bad = b.utf8_chunks().filter(|c| !c.invalid().is_empty()).count();
                    warnings.push(format!(
                        "{bad} invalid UTF-8 sequences replaced with U+FFFD"
                    ));
                    String::from_utf8_lossy(b).into_owned()
                }
            }
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let (codec, bom): (&'static encoding_rs::Encoding, &[u8]) = if enc == Encoding::Utf16Le
            {
                (encoding_rs::UTF_16LE, b"\xFF\xFE")
            } else {
                (encoding_rs::UTF_16BE, b"\xFE\xFF")
            };
            let b = bytes.strip_prefix(bom).unwrap_or(bytes);
            let (text, had_errors) = codec.decode_without_bom_handling(b);
            if had_errors {
                warnings.push(format!("invalid {enc} sequences replaced with U+FFFD"));
            }
            text.into_owned()
        }
        Encoding::Windows1258 => encoding_rs::WINDOWS_1258
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
        Encoding::Windows1252 => bytes.iter().map(|&b| legacy::cp1252_char(b)).collect(),
        Encoding::Tcvn3 => legacy::decode_tcvn3_bytes(bytes),
        Encoding::Vni => legacy::decode_vni_bytes(bytes),
    }
}

/// Whether the bytes start with a byte order mark.
pub(crate) fn has_bom(bytes: &[u8]) -> bool {
    bom(bytes).is_some()
}

/// The encoding a byte order mark announces.
fn bom(bytes: &[u8]) -> Option<Encoding> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        Some(Encoding::Utf8)
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some(Encoding::Utf16Le)
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// UTF-16 without a byte order mark: text of mostly ASCII and Vietnamese
/// letters has a zero in nearly every other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for p in sample.chunks_exact(2) {
        even += usize::from(p[0] == 0);
        odd += usize::from(p[1] == 0);
    }
    let share = |n: usize| n as f64 / pairs as f64;
    if share(odd) > 0.3 && share(even) < 0.02 {
        Some(Encoding::Utf16Le)
    } else if share(even) > 0.3 && share(odd) < 0.02 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Whether bytes in an ASCII-compatible encoding look like binary data.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A)) || b == 0x7F)
        .count();
    control as f64 > sample.len() as f64 * MAX_CONTROL_SHARE
}

/// Decodes bytes whose encoding is unknown (or forced), returning the text
/// (not yet NFC) and the encoding used. Fails on binary data.
pub(crate) fn decode_auto(
    bytes: &[u8],
    forced: Option<Encoding>,
    warnings: &mut Vec<String>,
) -> Result<(String, Encoding), Error> {
    if let Some(enc) = forced {
        return Ok((decode_as(bytes, enc, warnings), enc));
    }
    if let Some(enc) = bom(bytes).or_else(|| utf16_without_bom(bytes)) {
        return Ok((decode_as(bytes, enc, warnings), enc));
    }
    if looks_binary(bytes) {
        return Err(Error::Binary);
    }
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok((s.to_owned(), Encoding::Utf8));
    }
    if mostly_utf8(bytes) {
        return Ok((decode_as(bytes, Encoding::Utf8, warnings), Encoding::Utf8));
    }
    let enc = choose_legacy(bytes);
    Ok((decode_as(bytes, enc, warnings), enc))
}

/// Invalid UTF-8, but only a few bad sequences among many good ones.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes[..bytes.len().min(SNIFF_BYTES * 4)].utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good >= bad.saturating_mul(UTF8_VALID_PER_ERROR) && good > 0
}

/// Cuts a sample of at most [`SNIFF_BYTES`] at a line break.
fn sample(bytes: &[u8]) -> &[u8] {
    if bytes.len() <= SNIFF_BYTES {
        return bytes;
    }
    let head = &bytes[..SNIFF_BYTES];
    match head.iter().rposition(|&b| b == b'\n') {
        Some(i) if i > SNIFF_BYTES / 2 => &head[..=i],
        _ => head,
    }
}

/// Picks Windows-1258, TCVN3 or VNI for single-byte text by the share of
/// well-formed Vietnamese syllables each decoding yields.
fn choose_legacy(bytes: &[u8]) -> Encoding {
    let s = sample(bytes);
    let mut best = (Encoding::Windows1258, isize::MIN);
    for enc in [Encoding::Windows1258, Encoding::Tcvn3, Encoding::Vni] {
        let text = crate::nfc(decode_as(s, enc, &mut Vec::new()));
        let net = viet::score(&text).net();
        if net > best.1 {
            best = (enc, net);
        }
    }
    best.0
}

/// Unicode text that is really TCVN3 or VNI seen through Windows-1252 (a
/// legacy file converted without its font): re-decodes it when that yields
/// clearly more Vietnamese syllables.
pub(crate) fn fix_legacy_in_unicode(text: &str) -> Option<(String, Encoding)> {
    let head = head_chars(text, SNIFF_BYTES);
    let mut latin1 = 0usize;
    for c in head.chars() {
        let u = u32::from(c);
        if (0x1A0..=0x1B0).contains(&u) || (0x1EA0..=0x1EF9).contains(&u) || c == 'đ' || c == 'Đ'
        {
            // Letters only Unicode Vietnamese has: not a legacy file.
            return None;
        }
        latin1 += usize::from((0xA0..=0xFF).contains(&u));
    }
    if latin1 == 0 {
        return None;
    }
    let base = viet::score(head).net();
    let mut best: Option<(Encoding, isize)> = None;
    for enc in [Encoding::Tcvn3, Encoding::Vni] {
        let net = viet::score(&decode_unicode_as(head, enc)).net();
        if net > base + 2 && best.is_none_or(|(_, b)| net > b) {
            best = Some((enc, net));
        }
    }
    best.map(|(enc, _)| (decode_unicode_as(text, enc), enc))
}

/// Re-decodes Unicode text that holds legacy bytes as Windows-1252.
pub(crate) fn decode_unicode_as(text: &str, enc: Encoding) -> String {
    match enc {
        Encoding::Tcvn3 => legacy::fix_caps(&legacy::decode_tcvn3_str(text, false)),
        Encoding::Vni => legacy::decode_vni_str(text),
        _ => text.to_owned(),
    }
}

/// The first `max` bytes of `s`, cut at a character boundary.
fn head_chars(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(bytes: &[u8]) -> (String, Encoding) {
        let (s, e) = decode_auto(bytes, None, &mut Vec::new()).unwrap();
        (crate::nfc(s), e)
    }

    const TEXT: &str = "Đảng bộ tỉnh triển khai thực hiện Kết luận số 57-KL/TW của Bộ Chính trị \
                        về tăng cường công tác thông tin đối ngoại; hướng dẫn học tập, quán triệt.";

    #[test]
    fn detects_utf8_and_bom() {
        assert_eq!(auto(TEXT.as_bytes()), (TEXT.to_owned(), Encoding::Utf8));
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice(TEXT.as_bytes());
        assert_eq!(auto(&b), (TEXT.to_owned(), Encoding::Utf8));
    }

    #[test]
    fn detects_utf16_with_and_without_bom() {
        let le: Vec<u8> = TEXT.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = TEXT.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(auto(&le), (TEXT.to_owned(), Encoding::Utf16Le));
        assert_eq!(auto(&be), (TEXT.to_owned(), Encoding::Utf16Be));
        let mut bom = vec![0xFF, 0xFE];
        bom.extend_from_slice(&le);
        assert_eq!(auto(&bom), (TEXT.to_owned(), Encoding::Utf16Le));
    }

    /// Windows-1258 keeps shapes precomposed and writes tones as combining marks.
    pub(crate) fn to_cp1258(text: &str) -> Vec<u8> {
        const MARKS: [char; 6] = ['\0', '\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];
        let mut split = String::new();
        for c in text.chars() {
            let lower = c.to_lowercase().next().unwrap();
            match crate::viet::VOWELS
                .iter()
                .find_map(|r| r.iter().position(|&v| v == lower).map(|t| (r[0], t)))
            {
                Some((base, tone)) if tone > 0 => {
                    if c.is_uppercase() {
                        split.extend(base.to_uppercase());
                    } else {
                        split.push(base);
                    }
                    split.push(MARKS[tone]);
                }
                _ => split.push(c),
            }
        }
        let (bytes, _, bad) = encoding_rs::WINDOWS_1258.encode(&split);
        assert!(!bad);
        bytes.into_owned()
    }

    #[test]
    fn detects_windows_1258() {
        let (bytes, bad) = (to_cp1258(TEXT), false);
        assert!(!bad);
        assert_eq!(auto(&bytes), (TEXT.to_owned(), Encoding::Windows1258));
    }

    #[test]
    fn parses_encoding_names() {
        for e in Encoding::ALL {
            assert_eq!(e.name().parse::<Encoding>().unwrap(), e);
        }
        assert!("klingon".parse::<Encoding>().is_err());
    }
}
