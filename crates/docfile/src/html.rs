//! HTML pages: the document's text without the page around it (navigation,
//! site header and footer, scripts, login prompts, comment forms, share
//! buttons, CMS field lists), tables laid out like `pdftotext -layout`, and
//! TCVN3/VNI text decoded by the fonts its elements name.

use std::collections::HashMap;

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use crate::encoding::Encoding;
use crate::layout::{self, Cell};
use crate::legacy::{self, LegacyFont};

/// How far into the bytes a `<meta charset>` declaration is looked for
/// (HTML puts it in the first 1024 bytes; pages with long heads go further).
const META_CHARSET_WINDOW: usize = 4096;

/// Tables nested deeper than this are read as plain blocks: layout tables
/// nest a few levels; deeper is hostile.
const MAX_TABLE_DEPTH: usize = 32;

/// Elements whose content is never part of the document.
const SKIP_TAGS: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "input", "textarea", "iframe", "svg", "canvas", "object", "embed", "menu",
    "dialog", "video", "audio", "map",
];

/// Class or id fragments of page furniture (matched inside the name).
const CLUTTER_PARTS: &[&str] = &[
    "breadcrumb",
    "login",
    "signin",
    "sign-in",
    "dang-nhap",
    "dangnhap",
    "register",
    "comment",
    "binh-luan",
    "binhluan",
    "share",
    "social",
    "sidebar",
    "navbar",
    "menu",
    "advert",
    "banner",
    "cookie",
    "popup",
    "modal",
    "related",
    "lien-quan",
    "lienquan",
    "pagination",
    "toolbar",
    "search",
    "newsletter",
    "rating",
    "site-header",
    "site-footer",
    "page-footer",
    "field-label",
    "field__label",
    "field-list",
    "field-items",
    "field__items",
    "field--name",
    "field-name",
    "taxonomy",
    "top-bar",
    "topbar",
    "attributes",
    "thuoc-tinh",
    "thuoctinh",
];

/// Class or id names of page furniture (matched as whole names).
const CLUTTER_NAMES: &[&str] = &[
    "nav", "ads", "ad", "footer", "tags", "tag", "hidden", "print", "tabs",
];

/// Elements that start and end a line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "hr",
    "address",
    "figure",
    "figcaption",
    "center",
    "caption",
    "body",
    "html",
];

/// The encoding a page declares in `<meta charset>` or `http-equiv`.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(META_CHARSET_WINDOW)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let value: String = lower[at..]
        .iter()
        .skip_while(|b| matches!(b, b'"' | b'\'' | b' '))
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        .map(|&b| char::from(b))
        .collect();
    match value.as_str() {
        "utf-8" | "utf8" => Some(Encoding::Utf8),
        "windows-1258" | "cp1258" => Some(Encoding::Windows1258),
        "windows-1252" | "iso-8859-1" | "latin1" | "us-ascii" | "cp1252" => {
            Some(Encoding::Windows1252)
        }
        "vni" => Some(Encoding::Vni),
        "tcvn" | "tcvn3" | "tcvn-3" | "tcvn5712" => Some(Encoding::Tcvn3),
        _ => None,
    }
}

/// CSS rules that name a font: by tag, by class and by `tag.class`.
#[derive(Default)]
struct FontRules {
    rules: HashMap<String, LegacyFont>,
    unicode: HashMap<String, ()>,
}

impl FontRules {
    /// Reads `selector { … font-family: X … }` rules from `<style>` text.
    fn parse(css: &str) -> FontRules {
        let mut r = FontRules::default();
        for block in css.split('}') {
            let Some((selectors, body)) = block.split_once('{') else {
                continue;
            };
            let Some(family) = font_family(body) else {
                continue;
            };
            let font = legacy::classify_font(&family);
            for sel in selectors.split(',') {
                let Some(last) = sel.split_whitespace().last() else {
                    continue;
                };
                let key = last.trim().to_ascii_lowercase();
                match font {
                    Some(f) => {
                        r.rules.insert(key, f);
                    }
                    None => {
                        r.unicode.insert(key, ());
                    }
                }
            }
        }
        r
    }

    /// The font rules give an element: `Some(None)` for a Unicode font.
    fn lookup(&self, tag: &str, classes: &[&str]) -> Option<Option<LegacyFont>> {
        let mut keys: Vec<String> = Vec::new();
        for c in classes {
            let c = c.to_ascii_lowercase();
            keys.push(format!("{tag}.{c}"));
            keys.push(format!(".{c}"));
        }
        keys.push(tag.to_owned());
        for k in keys {
            if let Some(f) = self.rules.get(&k) {
                return Some(Some(*f));
            }
            if self.unicode.contains_key(&k) {
                return Some(None);
            }
        }
        None
    }
}

/// The first family of a `font-family:` declaration in CSS text.
fn font_family(css: &str) -> Option<String> {
    let lower = css.to_ascii_lowercase();
    let at = lower.find("font-family")? + "font-family".len();
    let rest = css[at..].trim_start().strip_prefix(':')?;
    let first = rest.split([',', ';']).next()?.trim();
    let first = first.trim_matches(|c| c == '"' || c == '\'').trim();
    (!first.is_empty()).then(|| first.to_owned())
}

/// Whether an element is page furniture, by tag, attributes, class or id.
fn is_clutter(el: &scraper::node::Element) -> bool {
    let tag = el.name();
    if SKIP_TAGS.contains(&tag) || el.attr("hidden").is_some() {
        return true;
    }
    if el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if matches!(
        el.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "search")
    ) {
        return true;
    }
    let names = el.classes().chain(el.id());
    for name in names {
        let n = name.to_ascii_lowercase();
        if CLUTTER_NAMES.contains(&n.as_str()) || CLUTTER_PARTS.iter().any(|p| n.contains(p)) {
            return true;
        }
    }
    false
}

/// A table being read.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    cell: Cell,
}

/// Walks the DOM and builds the text.
struct Walker<'r> {
    rules: &'r FontRules,
    out: String,
    line: String,
    tables: Vec<Table>,
    flat_tables: usize,
    pre: usize,
    tcvn3_chars: usize,
    vni_chars: usize,
}

impl Walker<'_> {
    /// Ends the current line (if it has text) into the open cell or the output.
    fn flush(&mut self) {
        let line = std::mem::take(&mut self.line);
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        self.emit(line);
    }

    fn emit(&mut self, line: &str) {
        if self.flat_tables == 0
            && let Some(t) = self.tables.last_mut()
        {
            t.cell.push(line.to_owned());
            return;
        }
        self.out.push_str(line);
        self.out.push('\n');
    }

    /// Text of a text node in the given font.
    fn text(&mut self, text: &str, font: Option<LegacyFont>) {
        let decoded;
        let text = match font {
            Some(f) => {
                let n = text.chars().filter(|c| !c.is_ascii()).count();
                if f == LegacyFont::Vni {
                    self.vni_chars += n;
                } else {
                    self.tcvn3_chars += n;
                }
                decoded = legacy::decode_with_font(text, f);
                decoded.as_str()
            }
            None => text,
        };
        if self.pre > 0 {
            let mut lines = text.split('\n');
            if let Some(first) = lines.next() {
                self.line.push_str(first);
            }
            for l in lines {
                self.flush();
                self.line.push_str(l);
            }
            return;
        }
        // Collapse white space as a browser does.
        for c in text.chars() {
            if c.is_whitespace() && c != '\u{A0}' {
                if !self.line.is_empty() && !self.line.ends_with(' ') {
                    self.line.push(' ');
                }
            } else if c == '\u{A0}' {
                self.line.push(' ');
            } else {
                self.line.push(c);
            }
        }
    }

    fn open(&mut self, tag: &str) {
        match tag {
            "br" => {
                // An explicit break ends the line even when it is empty:
                // `<br><br>` in a cell is a blank line, as on the page.
                let line = std::mem::take(&mut self.line);
                self.emit(line.trim());
            }
            "table" => {
                self.flush();
                if self.tables.len() < MAX_TABLE_DEPTH {
                    self.tables.push(Table::default());
                } else {
                    self.flat_tables += 1;
                }
            }
            "tr" | "td" | "th" => self.flush(),
            "pre" => {
                self.flush();
                self.pre += 1;
            }
            t if BLOCK_TAGS.contains(&t) => self.flush(),
            _ => {}
        }
    }

    fn close(&mut self, tag: &str) {
        match tag {
            "td" | "th" => {
                self.flush();
                if self.flat_tables == 0
                    && let Some(t) = self.tables.last_mut()
                {
                    let cell = std::mem::take(&mut t.cell);
                    t.row.push(cell);
                }
            }
            "tr" => {
                self.flush();
                if self.flat_tables == 0
                    && let Some(t) = self.tables.last_mut()
                {
                    // Text between cells of a broken row ends up in a cell too.
                    if !t.cell.is_empty() {
                        let cell = std::mem::take(&mut t.cell);
                        t.row.push(cell);
                    }
                    let row = std::mem::take(&mut t.row);
                    if !row.is_empty() {
                        t.rows.push(row);
                    }
                }
            }
            "table" => {
                self.flush();
                if self.flat_tables > 0 {
                    self.flat_tables -= 1;
                } else if let Some(mut t) = self.tables.pop() {
                    if !t.row.is_empty() || !t.cell.is_empty() {
                        let cell = std::mem::take(&mut t.cell);
                        t.row.push(cell);
                        let row = std::mem::take(&mut t.row);
                        t.rows.push(row);
                    }
                    let mut text = String::new();
                    layout::push_table(&mut text, &t.rows);
                    for line in text.lines() {
                        self.emit(line);
                    }
                }
            }
            "pre" => {
                self.flush();
                self.pre = self.pre.saturating_sub(1);
            }
            "p" if self.flat_tables == 0 && !self.tables.is_empty() => {
                // An empty paragraph in a cell is a blank line there (Word
                // spaces signature blocks so), as in the .docx reader.
                let line = std::mem::take(&mut self.line);
                self.emit(line.trim());
            }
            t if BLOCK_TAGS.contains(&t) => self.flush(),
            _ => {}
        }
    }
}

/// The font an element sets: `Some(None)` for a Unicode font.
fn element_font(el: &scraper::node::Element, rules: &FontRules) -> Option<Option<LegacyFont>> {
    if let Some(style) = el.attr("style")
        && let Some(family) = font_family(style)
    {
        return Some(legacy::classify_font(&family));
    }
    if el.name() == "font"
        && let Some(face) = el.attr("face")
    {
        let first = face.split(',').next().unwrap_or(face);
        return Some(legacy::classify_font(first));
    }
    let classes: Vec<&str> = el.classes().collect();
    rules.lookup(el.name(), &classes)
}

/// Deepest element nesting kept. The HTML parsing algorithm looks up the
/// stack of open elements for many tags, so a page of 20,000 nested `<div>`s
/// costs quadratic time; Chromium's parser caps depth at 512 the same way.
pub const MAX_HTML_DEPTH: usize = 512;

/// Elements that never nest (void) or that the parser closes by itself
/// (a new `<p>` ends the last one): they do not deepen the tree.
const FLAT_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "tbody",
    "thead", "tfoot", "colgroup", "rb", "rt", "rp",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TAGS: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// Drops start and end tags nested deeper than [`MAX_HTML_DEPTH`], keeping
/// their text, so that parsing stays linear. A single pass over the markup;
/// the page is returned unchanged when nothing is that deep.
fn cap_depth(html: &str) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already accounted for in `out`
    let (mut depth, mut dropped) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let start = i + off;
        let rest = &html[start..];
        let find = |pat: &str, from: usize| rest[from..].find(pat).map(|k| k + from);
        // The byte just past this markup construct, and whether to drop it.
        let (end, drop) = if rest.starts_with("<!--") {
            (find("-->", 4).map_or(html.len(), |k| start + k + 3), false)
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            (find(">", 2).map_or(html.len(), |k| start + k + 1), false)
        } else {
            let closing = rest.starts_with("</");
            let name_at = if closing { 2 } else { 1 };
            let name: String = rest[name_at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if name.is_empty() || !rest[name_at..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                i = start + 1;
                continue;
            }
            let tag_end = tag_end(rest).map_or(html.len(), |k| start + k + 1);
            let self_closing = html[..tag_end].ends_with("/>");
            let flat = self_closing || FLAT_TAGS.contains(&name.as_str());
            let mut end = tag_end;
            if !closing && RAW_TAGS.contains(&name.as_str()) {
                // Raw text runs to the matching end tag.
                end = find_end_tag(&html[tag_end..], &name).map_or(html.len(), |k| tag_end + k);
            }
            let drop = if flat {
                false
            } else if closing {
                if dropped > 0 {
                    dropped -= 1;
                    true
                } else {
                    depth = depth.saturating_sub(1);
                    false
                }
            } else if depth >= MAX_HTML_DEPTH {
                dropped += 1;
                true
            } else {
                depth += 1;
                false
            };
            (end, drop && !RAW_TAGS.contains(&name.as_str()))
        };
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..start]);
            copied = end;
        }
        i = end.max(start + 1);
        if i >= html.len() {
            break;
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&html[copied.min(html.len())..]);
            std::borrow::Cow::Owned(o)
        }
        None => std::borrow::Cow::Borrowed(html),
    }
}

/// Offset of `</name` in `s`, the name compared without case.
fn find_end_tag(s: &str, name: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = b[from..].windows(2).position(|w| w == b"</") {
        let at = from + k;
        let cand = b.get(at + 2..at + 2 + name.len())?;
        if cand.eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// Offset of the `>` that ends the tag starting `s` (quotes respected).
fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (k, &c) in s.as_bytes().iter().enumerate().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'>') => return Some(k),
            _ => {}
        }
    }
    None
}

/// Extracts the document text of an HTML page (already decoded). Returns the
/// text and the legacy encoding decoded from fonts, if any.
pub(crate) fn extract(html: &str, use_fonts: bool) -> (String, Option<Encoding>) {
    let html = cap_depth(html);
    let doc = Html::parse_document(&html);
    let mut css = String::new();
    for node in doc.tree.root().descendants() {
        if let Node::Element(el) = node.value()
            && el.name() == "style"
        {
            for child in node.children() {
                if let Node::Text(t) = child.value() {
                    css.push_str(t);
                    css.push('\n');
                }
            }
        }
    }
    let rules = FontRules::parse(&css);
    let mut w = Walker {
        rules: &rules,
        out: String::new(),
        line: String::new(),
        tables: Vec::new(),
        flat_tables: 0,
        pre: 0,
        tcvn3_chars: 0,
        vni_chars: 0,
    };
    // Iterative walk (no recursion: pages can nest deeply). Each open
    // element pushes its font onto a stack; skipped subtrees are counted.
    let mut fonts: Vec<Option<LegacyFont>> = vec![None];
    let mut pushed: Vec<bool> = Vec::new();
    let mut skip = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    if skip > 0 || is_clutter(el) {
                        skip += 1;
                        continue;
                    }
                    let font = element_font(el, w.rules).filter(|_| use_fonts);
                    pushed.push(font.is_some());
                    if let Some(f) = font {
                        fonts.push(f);
                    }
                    w.open(el.name());
                }
                Node::Text(t) if skip == 0 => {
                    let font = fonts.last().copied().flatten();
                    w.text(t, font);
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    if pushed.pop() == Some(true) {
                        fonts.pop();
                    }
                    w.close(el.name());
                }
            }
        }
    }
    w.flush();
    while !w.tables.is_empty() {
        w.close("table");
    }
    let enc = if w.tcvn3_chars == 0 && w.vni_chars == 0 {
        None
    } else if w.vni_chars > w.tcvn3_chars {
        Some(Encoding::Vni)
    } else {
        Some(Encoding::Tcvn3)
    };
    (w.out, enc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_document_and_drops_the_page() {
        let page = r#"<!DOCTYPE html><html><head><title>Cổng</title><style>.x{color:red}</style>
<script>var a = "Số 99-KL/TW";</script></head><body>
<header><a href="/">Trang chủ</a></header>
<nav class="menu"><ul><li>Tin tức</li><li>Văn bản</li></ul></nav>
<div class="breadcrumb">Trang chủ › Văn bản</div>
<div id="login-box">Đăng nhập để bình luận <input name="u"></div>
<article><h1>Kết luận của Bộ Chính trị</h1>
<table><tr><td>BỘ CHÍNH TRỊ<br>*<br>Số 57-KL/TW</td><td>ĐẢNG CỘNG SẢN VIỆT NAM<br><i>Hà Nội, ngày 15 tháng 6 năm 2023</i></td></tr></table>
<p>Thực hiện   Nghị quyết&nbsp;Đại hội, <b>Bộ Chính trị</b> kết luận:</p>
<ul class="field-list"><li>Số hiệu: 57-KL/TW</li></ul>
</article>
<div class="comments"><form><textarea></textarea><button>Gửi bình luận</button></form></div>
<footer>© Cổng thông tin</footer></body></html>"#;
        let (text, enc) = extract(page, true);
        assert_eq!(enc, None);
        assert_eq!(
            text,
            "Kết luận của Bộ Chính trị\n\
             BỘ CHÍNH TRỊ      ĐẢNG CỘNG SẢN VIỆT NAM\n\
             *                 Hà Nội, ngày 15 tháng 6 năm 2023\n\
             Số 57-KL/TW\n\
             Thực hiện Nghị quyết Đại hội, Bộ Chính trị kết luận:\n"
        );
    }

    #[test]
    fn fonts_decode_legacy_text() {
        let page = "<html><head><style>p.h { font-family: \".VnTimeH\"; } .v {font-family:'VNI-Times'}</style></head><body>\
            <p class=h>§¶ng céng s¶n</p>\
            <p><span style='font-family:\".VnTime\",serif'>Hµ Néi</span>, <font face=\"VNI-Times\">ngaøy</font></p>\
            <p class=v>Haø <span style=\"font-family: Arial\">Hà</span></p></body></html>";
        let (text, enc) = extract(page, true);
        assert_eq!(text, "ĐẢNG CỘNG SẢN\nHà Nội, ngày\nHà Hà\n");
        assert_eq!(enc, Some(Encoding::Tcvn3));
    }

    #[test]
    fn empty_paragraphs_in_cells_keep_their_lines() {
        let page = "<table><tr><td><p>Nơi nhận:</p><p>- Lưu VT.</p></td>\
            <td><p>CHỦ TỊCH</p><p>&nbsp;</p><p><o:p></o:p></p><p>Trần Văn A</p></td></tr></table>";
        let (text, _) = extract(page, true);
        assert_eq!(
            text,
            "Nơi nhận:      CHỦ TỊCH\n- Lưu VT.\n\n               Trần Văn A\n"
        );
    }

    #[test]
    fn deep_nesting_is_capped_and_keeps_its_text() {
        let n = MAX_HTML_DEPTH + 300;
        let page = format!(
            "<html><body>{}deep{}<script>if (a<b) {{}}</script><p>after</p></body></html>",
            "<div><span>".repeat(n),
            "</span></div>".repeat(n)
        );
        let capped = cap_depth(&page);
        assert!(capped.len() < page.len());
        assert!(capped.contains("<script>if (a<b) {}</script><p>after</p>"));
        let (text, _) = extract(&page, true);
        assert_eq!(text, "deep\nafter\n");
        let shallow = "<div><p>a<br>b</p><!-- <div> --></div>";
        assert!(matches!(cap_depth(shallow), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn reads_declared_charsets() {
        assert_eq!(
            declared_charset(b"<meta charset=\"windows-1258\">"),
            Some(Encoding::Windows1258)
        );
        assert_eq!(
            declared_charset(b"<meta http-equiv=Content-Type content='text/html; charset=UTF-8'>"),
            Some(Encoding::Utf8)
        );
        assert_eq!(declared_charset(b"<p>no</p>"), None);
    }
}
