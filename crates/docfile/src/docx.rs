//! `.docx`: paragraphs and tables of `word/document.xml`, with the run fonts
//! that reveal TCVN3 or VNI text.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::Error;
use crate::encoding::Encoding;
use crate::layout::{self, Cell};
use crate::legacy::{self, LegacyFont};
use crate::numbering::Numbering;
use crate::zipread::Archive;

/// Tables nested deeper than this are read as plain paragraphs: real
/// documents nest two or three levels; deeper is hostile.
const MAX_TABLE_DEPTH: usize = 32;

/// Paragraphs nested deeper than this (text boxes hold paragraphs inside a
/// paragraph, one or two levels) are merged into their parent, so a
/// crafted document cannot make a million open paragraphs.
const MAX_PARA_DEPTH: usize = 16;

/// Style chains longer than this are cut: Word's own chains are short, and a
/// crafted loop must end.
const MAX_STYLE_CHAIN: usize = 16;

/// Reads the text of a `.docx` package. Returns the text and the legacy
/// encoding decoded from run fonts, if any.
pub(crate) fn extract(bytes: &[u8], forced: Option<Encoding>) -> Result<(String, Encoding), Error> {
    let mut zip = Archive::open(bytes)?;
    let Some(document) = zip.read("word/document.xml")? else {
        return Err(if zip.has("xl/workbook.xml") {
            Error::Unsupported("Excel workbook (.xlsx), not a document")
        } else if zip.has("ppt/presentation.xml") {
            Error::Unsupported("PowerPoint presentation (.pptx), not a document")
        } else if zip.has("content.xml") {
            Error::Unsupported("OpenDocument file (.odt): save it as .docx")
        } else {
            Error::NotDocx
        });
    };
    let styles = match zip.read("word/styles.xml")? {
        Some(xml) => Styles::parse(&xml_text(&xml, "word/styles.xml")?),
        None => Styles::default(),
    };
    let numbering = match zip.read("word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml_text(&xml, "word/numbering.xml")?),
        None => Numbering::default(),
    };
    let xml = xml_text(&document, "word/document.xml")?;
    let mut walker = Walker::new(&styles, numbering);
    // A forced legacy encoding decodes every run, whatever its font says.
    walker.forced = match forced {
        Some(Encoding::Tcvn3) => Some(LegacyFont::Tcvn3),
        Some(Encoding::Vni) => Some(LegacyFont::Vni),
        _ => None,
    };
    walker.walk(&xml)?;
    Ok(walker.finish())
}

/// The XML part as text (Word writes UTF-8; UTF-16 parts are accepted).
fn xml_text(bytes: &[u8], part: &str) -> Result<String, Error> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        return Ok(enc.decode_with_bom_removal(bytes).0.into_owned());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| Error::BadXml {
        part: part.to_owned(),
        reason: format!("not UTF-8 ({e})"),
    })
}

fn bad_xml(part: &str, e: impl std::fmt::Display) -> Error {
    Error::BadXml {
        part: part.to_owned(),
        reason: e.to_string(),
    }
}

/// The value of an attribute given by local name (`w:val` → `val`).
pub(crate) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The font a `w:rFonts` element names for non-ASCII Latin text (where the
/// legacy codes sit), falling back to its ASCII font.
fn rfonts(e: &BytesStart<'_>) -> Option<String> {
    attr(e, "hAnsi").or_else(|| attr(e, "ascii"))
}

/// Fonts from `word/styles.xml`: the document default and each style's own
/// font, with the style it is based on.
#[derive(Default)]
struct Styles {
    default_font: Option<String>,
    styles: HashMap<String, (Option<String>, Option<String>)>,
    /// Paragraph styles that number their paragraphs: (numId, level).
    numbered: HashMap<String, (Option<String>, Option<usize>)>,
}

impl Styles {
    /// Parses what it can; a broken styles part only loses fonts.
    fn parse(xml: &str) -> Styles {
        let mut s = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut in_defaults = false;
        let mut current: Option<String> = None;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().into_inner() {
                    "rPrDefault" => in_defaults = true,
                    "style" => {
                        current = attr(&e, "styleId");
                        if let Some(id) = &current {
                            s.styles.entry(id.clone()).or_default();
                        }
                    }
                    "basedOn" => {
                        if let Some(id) = &current
                            && let Some(entry) = s.styles.get_mut(id)
                        {
                            entry.1 = attr(&e, "val");
                        }
                    }
                    "numId" | "ilvl" => {
                        if let Some(id) = &current {
                            let entry = s.numbered.entry(id.clone()).or_default();
                            let v = attr(&e, "val");
                            if e.local_name().into_inner() == "numId" {
                                entry.0 = v;
                            } else {
                                entry.1 = v.and_then(|v| v.parse().ok());
                            }
                        }
                    }
                    "rFonts" => {
                        let font = rfonts(&e);
                        if in_defaults {
                            s.default_font = font;
                        } else if let Some(id) = &current
                            && let Some(entry) = s.styles.get_mut(id)
                            && font.is_some()
                        {
                            entry.0 = font;
                        }
                    }
                    _ => {}
                },
                Ok(Event::End(e)) => match e.local_name().into_inner() {
                    "rPrDefault" => in_defaults = false,
                    "style" => current = None,
                    _ => {}
                },
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
        s
    }

    /// The list a paragraph style numbers its paragraphs in, following
    /// `basedOn`.
    fn numbering(&self, style: Option<&str>) -> Option<(String, usize)> {
        let mut id = style;
        let (mut num, mut level) = (None, None);
        for _ in 0..MAX_STYLE_CHAIN {
            let Some(i) = id else { break };
            if let Some((n, l)) = self.numbered.get(i) {
                num = num.or_else(|| n.clone());
                level = level.or(*l);
            }
            id = self.styles.get(i).and_then(|(_, based)| based.as_deref());
        }
        num.map(|n| (n, level.unwrap_or(0)))
    }

    /// A style's font, following `basedOn`, else the document default.
    fn font(&self, style: Option<&str>) -> Option<&str> {
        let mut id = style;
        for _ in 0..MAX_STYLE_CHAIN {
            let Some((font, based)) = id.and_then(|i| self.styles.get(i)) else {
                break;
            };
            if let Some(f) = font {
                return Some(f);
            }
            id = based.as_deref();
        }
        self.default_font.as_deref()
    }
}

/// A table being read: finished rows, the row and cell under way.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    cell: Cell,
}

/// A paragraph being read: text segments, each in one font.
#[derive(Default)]
struct Para {
    style: Option<String>,
    num_id: Option<String>,
    level: Option<usize>,
    segments: Vec<(Option<LegacyFont>, String)>,
}

impl Para {
    fn push(&mut self, font: Option<LegacyFont>, text: &str) {
        match self.segments.last_mut() {
            Some((f, s)) if *f == font => s.push_str(text),
            _ => self.segments.push((font, text.to_owned())),
        }
    }
}

/// Walks `document.xml` and builds the text.
struct Walker<'s> {
    styles: &'s Styles,
    numbering: Numbering,
    out: String,
    tables: Vec<Table>,
    /// Tables opened beyond [`MAX_TABLE_DEPTH`], read as paragraphs.
    flat_tables: usize,
    paras: Vec<Para>,
    /// Paragraphs opened beyond [`MAX_PARA_DEPTH`], read into their parent.
    flat_paras: usize,
    in_run: bool,
    in_ppr: bool,
    in_text: bool,
    /// Depth inside content to skip (`mc:Fallback` duplicates `mc:Choice`).
    skip: usize,
    run_font: Option<String>,
    run_style: Option<String>,
    /// The legacy family every run is decoded in, when forced.
    forced: Option<LegacyFont>,
    /// Characters decoded from each legacy family.
    tcvn3_chars: usize,
    vni_chars: usize,
}

impl<'s> Walker<'s> {
    fn new(styles: &'s Styles, numbering: Numbering) -> Self {
        Walker {
            styles,
            numbering,
            out: String::new(),
            tables: Vec::new(),
            flat_tables: 0,
            paras: Vec::new(),
            flat_paras: 0,
            in_run: false,
            in_ppr: false,
            in_text: false,
            skip: 0,
            run_font: None,
            run_style: None,
            forced: None,
            tcvn3_chars: 0,
            vni_chars: 0,
        }
    }

    fn walk(&mut self, xml: &str) -> Result<(), Error> {
        let part = "word/document.xml";
        let mut reader = Reader::from_str(xml);
        loop {
            let event = reader.read_event().map_err(|e| bad_xml(part, e))?;
            match event {
                Event::Start(e) => {
                    let name = e.local_name().into_inner();
                    if self.skip > 0 || name == "Fallback" {
                        self.skip += 1;
                        continue;
                    }
                    self.start(name, &e);
                }
                Event::Empty(e) if self.skip == 0 => {
                    let name = e.local_name().into_inner();
                    self.start(name, &e);
                    self.end(name);
                }
                Event::End(e) => {
                    if self.skip > 0 {
                        self.skip -= 1;
                        continue;
                    }
                    self.end(e.local_name().into_inner());
                }
                Event::Text(t) if self.in_text && self.skip == 0 => {
                    let text = t.xml10_content();
                    self.text(&text);
                }
                Event::CData(t) if self.in_text && self.skip == 0 => {
                    let text = t.xml10_content();
                    self.text(&text);
                }
                Event::GeneralRef(r) if self.in_text && self.skip == 0 => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => quick_xml::escape::resolve_predefined_entity(&r)
                            .unwrap_or("")
                            .to_owned(),
                    };
                    self.text(&c);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        // Unclosed elements at the end: keep what was read.
        self.flat_paras = 0;
        while !self.paras.is_empty() {
            self.end("p");
        }
        while !self.tables.is_empty() {
            self.end("tbl");
        }
        Ok(())
    }

    fn start(&mut self, name: &str, e: &BytesStart<'_>) {
        match name {
            "p" if self.paras.len() < MAX_PARA_DEPTH => self.paras.push(Para::default()),
            "p" => self.flat_paras += 1,
            "pPr" => self.in_ppr = true,
            "pStyle" => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, "val");
                }
            }
            "numId" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.num_id = attr(e, "val");
                }
            }
            "ilvl" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.level = attr(e, "val").and_then(|v| v.parse().ok());
                }
            }
            "r" => {
                self.in_run = true;
                self.run_font = None;
                self.run_style = None;
            }
            "rStyle" if self.in_run && !self.in_ppr => self.run_style = attr(e, "val"),
            "rFonts" if self.in_run && !self.in_ppr => {
                if let Some(f) = rfonts(e) {
                    self.run_font = Some(f);
                }
            }
            "t" => self.in_text = true,
            "tab" if self.in_run => self.text("\t"),
            "br" | "cr" if self.in_run => self.text("\n"),
            "noBreakHyphen" if self.in_run => self.text("-"),
            "tbl" => {
                if self.tables.len() < MAX_TABLE_DEPTH {
                    self.tables.push(Table::default());
                } else {
                    self.flat_tables += 1;
                }
            }
            "tr" if self.flat_tables == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                }
            }
            "tc" if self.flat_tables == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell.clear();
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "p" if self.flat_paras > 0 => self.flat_paras -= 1,
            "p" => {
                if let Some(p) = self.paras.pop() {
                    let text = self.render(p);
                    self.emit_line(&text);
                }
            }
            "pPr" => self.in_ppr = false,
            "r" => self.in_run = false,
            "t" => self.in_text = false,
            "tc" if self.flat_tables == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    let cell = std::mem::take(&mut t.cell);
                    t.row.push(cell);
                }
            }
            "tr" if self.flat_tables == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            "tbl" => {
                if self.flat_tables > 0 {
                    self.flat_tables -= 1;
                } else if let Some(t) = self.tables.pop() {
                    let mut text = String::new();
                    layout::push_table(&mut text, &t.rows);
                    for line in text.lines() {
                        self.emit_line(line);
                    }
                }
            }
            _ => {}
        }
    }

    /// Text inside `w:t`, in the current run's font.
    fn text(&mut self, text: &str) {
        let font = self.current_font();
        if let Some(p) = self.paras.last_mut() {
            p.push(font, text);
        }
    }

    /// The legacy family of the current run's font, if it is one.
    fn current_font(&self) -> Option<LegacyFont> {
        if self.forced.is_some() {
            return self.forced;
        }
        let para_style = self.paras.last().and_then(|p| p.style.as_deref());
        let name = self
            .run_font
            .as_deref()
            .or_else(|| {
                self.run_style
                    .as_deref()
                    .and_then(|s| self.styles.font(Some(s)))
            })
            .or_else(|| self.styles.font(para_style));
        name.and_then(legacy::classify_font)
    }

    /// A finished paragraph's text, legacy runs decoded.
    fn render(&mut self, p: Para) -> String {
        let mut s = String::new();
        let list = match (&p.num_id, p.level) {
            (Some(n), l) => Some((n.clone(), l.unwrap_or(0))),
            (None, l) => self
                .styles
                .numbering(p.style.as_deref())
                .map(|(n, sl)| (n, l.unwrap_or(sl))),
        };
        let has_text = p.segments.iter().any(|(_, t)| !t.trim().is_empty());
        if let Some((num, level)) = list
            && has_text
            && let Some(label) = self.numbering.next_label(&num, level)
        {
            s.push_str(&label);
            s.push(' ');
        }
        for (font, text) in p.segments {
            match font {
                Some(f) => {
                    let n = text.chars().filter(|c| !c.is_ascii()).count();
                    if f == LegacyFont::Vni {
                        self.vni_chars += n;
                    } else {
                        self.tcvn3_chars += n;
                    }
                    s.push_str(&legacy::decode_with_font(&text, f));
                }
                None => s.push_str(&text),
            }
        }
        s
    }

    /// A line of text into the open table cell, else the document.
    fn emit_line(&mut self, text: &str) {
        if self.flat_tables == 0
            && let Some(t) = self.tables.last_mut()
        {
            t.cell.extend(text.split('\n').map(str::to_owned));
            return;
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn finish(self) -> (String, Encoding) {
        let enc = if self.tcvn3_chars == 0 && self.vni_chars == 0 {
            Encoding::Utf8
        } else if self.vni_chars > self.tcvn3_chars {
            Encoding::Vni
        } else {
            Encoding::Tcvn3
        };
        (self.out, enc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A `.docx` package with the given parts.
    pub(crate) fn package(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, body) in parts {
            zip.start_file(*name, opts).unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn cell(paras: &[&str]) -> String {
        let inner: String = paras.iter().map(|t| p(t)).collect();
        format!("<w:tc>{inner}</w:tc>")
    }

    #[test]
    fn paragraphs_and_tables_become_lines() {
        let table = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            cell(&["TỈNH ỦY X", "Số 12-KH/TU"]),
            cell(&["ĐẢNG CỘNG SẢN VIỆT NAM", "X, ngày 1 tháng 2 năm 2024"])
        );
        let body = format!(
            "{table}{}{}<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b &amp; c&#x1EA1;</w:t></w:r></w:p>",
            p("KẾ HOẠCH"),
            p("về việc &lt;x&gt;")
        );
        let bytes = package(&[("word/document.xml", &doc(&body))]);
        let (text, enc) = extract(&bytes, None).unwrap();
        assert_eq!(enc, Encoding::Utf8);
        assert_eq!(
            text,
            "TỈNH ỦY X        ĐẢNG CỘNG SẢN VIỆT NAM\n\
             Số 12-KH/TU      X, ngày 1 tháng 2 năm 2024\n\
             KẾ HOẠCH\nvề việc <x>\na\tb & cạ\n"
        );
    }

    #[test]
    fn run_and_style_fonts_decode_legacy_text() {
        let styles = r#"<w:styles xmlns:w="w"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:styleId="Caps"><w:rPr><w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/></w:rPr></w:style>
<w:style w:styleId="Uni"><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:style></w:styles>"#;
        let body = "<w:p><w:pPr><w:pStyle w:val=\"Caps\"/><w:rPr><w:rFonts w:ascii=\"Arial\"/></w:rPr></w:pPr><w:r><w:t>§¶ng céng s¶n</w:t></w:r></w:p>\
            <w:p><w:r><w:t>Hµ Néi</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii=\"VNI-Times\" w:hAnsi=\"VNI-Times\"/></w:rPr><w:t>, ngaø</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii=\"VNI-Times\" w:hAnsi=\"VNI-Times\"/></w:rPr><w:t>y</w:t></w:r></w:p>\
            <w:p><w:pPr><w:pStyle w:val=\"Uni\"/></w:pPr><w:r><w:t>Hà Nội</w:t></w:r></w:p>\
            <mc:AlternateContent><mc:Choice><w:p><w:r><w:t>one</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:p><w:r><w:t>one</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>";
        let bytes = package(&[
            ("word/document.xml", &doc(body)),
            ("word/styles.xml", styles),
        ]);
        let (text, enc) = extract(&bytes, None).unwrap();
        assert_eq!(text, "ĐẢNG CỘNG SẢN\nHà Nội, ngày\nHà Nội\none\n");
        assert_eq!(enc, Encoding::Tcvn3);
    }

    #[test]
    fn automatic_numbering_becomes_text() {
        let numbering = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;
        let styles = r#"<w:styles xmlns:w="w"><w:style w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style></w:styles>"#;
        let item = |level: u8, text: &str| {
            format!(
                "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"5\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
            )
        };
        let body = format!(
            "{}{}{}<w:p><w:pPr><w:pStyle w:val=\"H1\"/></w:pPr><w:r><w:t>TỔ CHỨC</w:t></w:r></w:p>{}<w:p><w:pPr><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>plain</w:t></w:r></w:p>",
            item(0, "MỤC ĐÍCH"),
            item(1, "Quán triệt"),
            item(1, "Học tập"),
            item(1, "Phân công"),
        );
        let bytes = package(&[
            ("word/document.xml", &doc(&body)),
            ("word/numbering.xml", numbering),
            ("word/styles.xml", styles),
        ]);
        let (text, _) = extract(&bytes, None).unwrap();
        assert_eq!(
            text,
            "I. MỤC ĐÍCH\nI.1. Quán triệt\nI.2. Học tập\nII. TỔ CHỨC\nII.1. Phân công\nplain\n"
        );
    }

    #[test]
    fn deeply_nested_paragraphs_and_tables_stay_flat() {
        let n = 50_000;
        let body = format!(
            "{}<w:r><w:t>sâu</w:t></w:r>{}{}x{}",
            "<w:p>".repeat(n),
            "</w:p>".repeat(n),
            "<w:tbl><w:tr><w:tc>".repeat(100),
            "</w:tc></w:tr></w:tbl>".repeat(100)
        );
        let bytes = package(&[("word/document.xml", &doc(&body))]);
        let (text, _) = extract(&bytes, None).unwrap();
        assert_eq!(text.trim(), "sâu");
    }

    #[test]
    fn legacy_text_without_fonts_is_decoded_when_forced_or_detected() {
        let body = p("Thùc hiÖn kÕt luËn cña Bé ChÝnh trÞ, c¸c chi bé tæ chøc häc tËp");
        let bytes = package(&[("word/document.xml", &doc(&body))]);
        let (text, enc) = extract(&bytes, Some(Encoding::Tcvn3)).unwrap();
        assert_eq!(enc, Encoding::Tcvn3);
        let want = "Thực hiện kết luận của Bộ Chính trị, các chi bộ tổ chức học tập\n";
        assert_eq!(text, want);
        let read = crate::read(&bytes, "x.docx", &crate::Options::default()).unwrap();
        assert_eq!((read.text.as_str(), read.encoding), (want, Encoding::Tcvn3));
    }

    #[test]
    fn broken_packages_are_errors() {
        let bytes = package(&[("word/document.xml", &doc(&p("x")))]);
        assert!(matches!(
            extract(&bytes[..bytes.len() / 2], None),
            Err(Error::CorruptDocx(_))
        ));
        let other = package(&[("readme.txt", "hello")]);
        assert!(matches!(extract(&other, None), Err(Error::NotDocx)));
        let xlsx = package(&[("xl/workbook.xml", "<x/>")]);
        assert!(matches!(extract(&xlsx, None), Err(Error::Unsupported(_))));
        let bad = package(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]);
        assert!(matches!(extract(&bad, None), Err(Error::BadXml { .. })));
    }

    #[test]
    fn zip_bombs_are_refused() {
        let huge = " ".repeat(20 * 1024 * 1024);
        let bytes = package(&[("word/document.xml", &huge)]);
        assert!(bytes.len() < 200_000);
        match extract(&bytes, None) {
            Err(Error::ZipBomb { entry, .. }) => assert_eq!(entry, "word/document.xml"),
            other => panic!("{other:?}"),
        }
    }
}
