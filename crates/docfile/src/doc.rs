//! Legacy Word `.doc` (Word 97–2003 binary): the main document's text from
//! the piece table, with tables laid out like `pdftotext -layout`.
//!
//! The file is an OLE2 compound file. Its `WordDocument` stream starts with
//! the File Information Block, which locates the piece table (`Clx`) in the
//! `0Table` or `1Table` stream; each piece is a run of characters stored
//! either as 8-bit Windows-1252 or as UTF-16LE in `WordDocument` ([MS-DOC]
//! 2.4.1). Fonts are not read: TCVN3 or VNI text is recognised afterwards by
//! its syllables, as for plain text.

use std::io::{Cursor, Read};

use crate::Error;
use crate::layout::{self, Cell};
use crate::legacy::cp1252_char;

/// Most pieces read from a piece table: real documents have a few hundred;
/// the bound keeps a crafted table from costing more than the file.
const MAX_PIECES: usize = 100_000;

/// Most characters taken from the main document: four times the file-size
/// limit in UTF-16, i.e. everything a real file can hold.
const MAX_CHARS: u32 = 32 * 1024 * 1024;

/// Magic number at the start of the File Information Block.
const WORD_IDENT: u16 = 0xA5EC;

fn corrupt(why: impl Into<String>) -> Error {
    Error::CorruptDoc(why.into())
}

fn u16_at(b: &[u8], at: usize) -> Result<u16, Error> {
    b.get(at..at + 2)
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
        .ok_or_else(|| corrupt("the File Information Block is cut short"))
}

fn u32_at(b: &[u8], at: usize) -> Result<u32, Error> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or_else(|| corrupt("the File Information Block is cut short"))
}

/// Reads one stream of the compound file whole.
fn stream(cf: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, Error> {
    let mut s = cf
        .open_stream(name)
        .map_err(|e| corrupt(format!("no {name} stream ({e})")))?;
    let mut v = Vec::new();
    (&mut s)
        .take(crate::MAX_FILE_SIZE)
        .read_to_end(&mut v)
        .map_err(|e| corrupt(format!("cannot read the {name} stream ({e})")))?;
    Ok(v)
}

/// The text of a `.doc` file.
pub(crate) fn extract(bytes: &[u8]) -> Result<String, Error> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| corrupt(format!("not a readable OLE2 file ({e})")))?;
    if !cf.exists("WordDocument") {
        return Err(Error::Unsupported(
            "an Office file that is not a Word document (.xls/.ppt?)",
        ));
    }
    let word = stream(&mut cf, "WordDocument")?;
    if u16_at(&word, 0)? != WORD_IDENT {
        return Err(corrupt("the WordDocument stream has no Word signature"));
    }
    let flags = u16_at(&word, 0x0A)?;
    if flags & 0x0100 != 0 {
        return Err(Error::Unsupported(
            "password-protected Word document: remove the password first",
        ));
    }
    let table_name = if flags & 0x0200 != 0 {
        "1Table"
    } else {
        "0Table"
    };
    // FibBase (32 bytes), then csw u16s, cslw u32s, cbRgFcLcb (fc, lcb) pairs.
    let csw = usize::from(u16_at(&word, 32)?);
    let lw_at = 34 + csw * 2;
    let cslw = usize::from(u16_at(&word, lw_at)?);
    let rg_lw = lw_at + 2;
    let ccp_text = u32_at(&word, rg_lw + 3 * 4)?.min(MAX_CHARS);
    let fclcb_at = rg_lw + cslw * 4 + 2;
    let fc_clx = u32_at(&word, fclcb_at + 33 * 8)? as usize;
    let lcb_clx = u32_at(&word, fclcb_at + 33 * 8 + 4)? as usize;
    let table = stream(&mut cf, table_name)?;
    let clx = table
        .get(fc_clx..fc_clx.saturating_add(lcb_clx))
        .ok_or_else(|| corrupt("the piece table lies outside its stream"))?;
    let raw = pieces_text(&word, clx, ccp_text)?;
    Ok(render(&raw))
}

/// Concatenates the pieces of the main document's text (`ccp_text` chars).
fn pieces_text(word: &[u8], clx: &[u8], ccp_text: u32) -> Result<String, Error> {
    // Skip Prc entries (0x01, cbGrpprl, grpprl) up to the Pcdt (0x02).
    let mut at = 0;
    loop {
        match clx.get(at) {
            Some(0x01) => {
                let cb = usize::from(u16_at(clx, at + 1)?);
                at += 3 + cb;
            }
            Some(0x02) => break,
            _ => return Err(corrupt("no piece table in the Clx")),
        }
    }
    let lcb = u32_at(clx, at + 1)? as usize;
    let plc = clx
        .get(at + 5..at + 5 + lcb)
        .ok_or_else(|| corrupt("the piece table is cut short"))?;
    if lcb < 4 || !(lcb - 4).is_multiple_of(12) {
        return Err(corrupt("the piece table has a bad size"));
    }
    let n = ((lcb - 4) / 12).min(MAX_PIECES);
    let mut text = String::new();
    for i in 0..n {
        let cp_start = u32_at(plc, i * 4)?;
        let cp_end = u32_at(plc, (i + 1) * 4)?;
        if cp_start >= ccp_text {
            break;
        }
        let cp_end = cp_end.min(ccp_text);
        let count = cp_end.saturating_sub(cp_start) as usize;
        let pcd = (n + 1) * 4 + i * 8;
        let fc_raw = u32_at(plc, pcd + 2)?;
        let compressed = fc_raw & 0x4000_0000 != 0;
        let fc = (fc_raw & 0x3FFF_FFFF) as usize;
        if compressed {
            let start = fc / 2;
            let bytes = word
                .get(start..start.saturating_add(count))
                .ok_or_else(|| corrupt("a text piece lies outside the document"))?;
            text.extend(bytes.iter().map(|&b| cp1252_char(b)));
        } else {
            let bytes = word
                .get(fc..fc.saturating_add(count * 2))
                .ok_or_else(|| corrupt("a text piece lies outside the document"))?;
            let units = bytes
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]));
            text.extend(char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')));
        }
    }
    Ok(text)
}

/// Word's control characters to text: paragraphs and breaks become lines,
/// field codes are dropped (their results kept), tables (cells ending in
/// U+0007, rows in a second one) are laid out. Without reading paragraph
/// properties, the paragraphs of a table's first cell before its last one
/// are printed above the table.
fn render(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut cur = String::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut last_was_cell_mark = false;
    // Per open field: true while in its code (before U+0014).
    let mut fields: Vec<bool> = Vec::new();
    let flush_table = |out: &mut String, rows: &mut Vec<Vec<Cell>>, row: &mut Vec<Cell>| {
        if !row.is_empty() {
            rows.push(std::mem::take(row));
        }
        if !rows.is_empty() {
            layout::push_table(out, rows);
            rows.clear();
        }
    };
    for c in raw.chars() {
        match c {
            '\u{13}' => {
                fields.push(true);
                continue;
            }
            '\u{14}' => {
                if let Some(f) = fields.last_mut() {
                    *f = false;
                }
                continue;
            }
            '\u{15}' => {
                fields.pop();
                continue;
            }
            _ if fields.iter().any(|&in_code| in_code) => continue,
            _ => {}
        }
        match c {
            '\u{7}' if last_was_cell_mark && cur.is_empty() => {
                // The row's own end mark.
                rows.push(std::mem::take(&mut row));
                last_was_cell_mark = false;
            }
            '\u{7}' => {
                row.push(cur.split('\n').map(str::to_owned).collect());
                cur.clear();
                last_was_cell_mark = true;
            }
            '\r' | '\u{0B}' | '\u{0C}' => {
                last_was_cell_mark = false;
                if row.is_empty() {
                    // Outside a row: a paragraph of the body (it ends a table).
                    flush_table(&mut out, &mut rows, &mut row);
                    out.push_str(&cur);
                    out.push('\n');
                    cur.clear();
                } else {
                    cur.push('\n');
                }
            }
            _ => {
                last_was_cell_mark = false;
                match c {
                    '\u{1E}' => cur.push('-'),
                    '\u{1F}' | '\u{1}' | '\u{8}' | '\u{0}' => {}
                    '\u{A0}' => cur.push(' '),
                    c => cur.push(c),
                }
            }
        }
    }
    flush_table(&mut out, &mut rows, &mut row);
    if !cur.is_empty() {
        out.push_str(&cur);
        out.push('\n');
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal Word 97 file: a FIB pointing at a piece table in `1Table`,
    /// one UTF-16 piece and one compressed (Windows-1252) piece.
    pub(crate) fn word97(unicode: &str, ansi: &[u8]) -> Vec<u8> {
        let utf16: Vec<u8> = unicode.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let n_uni = unicode.encode_utf16().count() as u32;
        let n_ansi = ansi.len() as u32;
        let mut word = vec![0u8; 4096];
        word[0..2].copy_from_slice(&WORD_IDENT.to_le_bytes());
        word[0x0A..0x0C].copy_from_slice(&0x0200u16.to_le_bytes());
        word[32..34].copy_from_slice(&14u16.to_le_bytes());
        word[62..64].copy_from_slice(&22u16.to_le_bytes());
        word[76..80].copy_from_slice(&(n_uni + n_ansi).to_le_bytes());
        word[152..154].copy_from_slice(&93u16.to_le_bytes());
        word.extend_from_slice(&[0; 4096]);
        let (uni_at, ansi_at) = (1024usize, 3000usize);
        word[uni_at..uni_at + utf16.len()].copy_from_slice(&utf16);
        word[ansi_at..ansi_at + ansi.len()].copy_from_slice(ansi);
        let mut plc = Vec::new();
        for cp in [0, n_uni, n_uni + n_ansi] {
            plc.extend_from_slice(&cp.to_le_bytes());
        }
        for fc in [uni_at as u32, (ansi_at as u32 * 2) | 0x4000_0000] {
            plc.extend_from_slice(&0u16.to_le_bytes());
            plc.extend_from_slice(&fc.to_le_bytes());
            plc.extend_from_slice(&0u16.to_le_bytes());
        }
        let mut clx = vec![0x01, 2, 0, 0xAA, 0xBB, 0x02];
        clx.extend_from_slice(&(plc.len() as u32).to_le_bytes());
        clx.extend_from_slice(&plc);
        word[418..422].copy_from_slice(&0u32.to_le_bytes());
        word[422..426].copy_from_slice(&(clx.len() as u32).to_le_bytes());
        let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        cf.create_stream("WordDocument")
            .unwrap()
            .write_all(&word)
            .unwrap();
        cf.create_stream("1Table").unwrap().write_all(&clx).unwrap();
        cf.flush().unwrap();
        cf.into_inner().into_inner()
    }

    #[test]
    fn pieces_tables_and_fields_become_text() {
        let bytes = word97(
            "ĐẢNG BỘ X\u{7}ĐẢNG CỘNG SẢN\u{7}\u{7}KẾ HOẠCH\r",
            b"Trang \x13 PAGE \x141\x15 h\xE9t\r",
        );
        let text = extract(&bytes).unwrap();
        assert_eq!(
            text,
            "ĐẢNG BỘ X      ĐẢNG CỘNG SẢN\nKẾ HOẠCH\nTrang 1 hét\n"
        );
    }

    #[test]
    fn broken_files_are_errors() {
        let bytes = word97("x\r", b"");
        assert!(matches!(
            extract(&bytes[..bytes.len() / 2]),
            Err(Error::CorruptDoc(_))
        ));
        let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        cf.create_stream("Workbook")
            .unwrap()
            .write_all(b"xx")
            .unwrap();
        cf.flush().unwrap();
        let xls = cf.into_inner().into_inner();
        assert!(matches!(extract(&xls), Err(Error::Unsupported(_))));
    }
}
