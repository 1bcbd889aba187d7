//! Word's automatic list numbering (`word/numbering.xml`): the labels
//! ("I.", "1.", "a)") that Word draws before numbered paragraphs but does not
//! store in their text. Section headings of documents often use it.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Word allows nine list levels (0..=8).
const LEVELS: usize = 9;

/// Counters above this are treated as this: no real list is longer, and
/// Roman numerals of huge values would be long strings.
const MAX_COUNTER: u32 = 100_000;

/// One list level's format.
#[derive(Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// The numbering definitions of a document and the running counters.
#[derive(Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    counters: HashMap<String, [u32; LEVELS]>,
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    super::docx::attr(e, name)
}

impl Numbering {
    /// Parses what it can of `numbering.xml`; a broken part loses labels only.
    pub(crate) fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abs: Option<String> = None;
        let mut num: Option<String> = None;
        let mut level: Option<usize> = None;
        let mut override_level: Option<usize> = None;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().into_inner() {
                    "abstractNum" => {
                        abs = attr(&e, "abstractNumId");
                        if let Some(id) = &abs {
                            n.abstracts
                                .insert(id.clone(), vec![Level::default(); LEVELS]);
                        }
                    }
                    "num" => {
                        num = attr(&e, "numId");
                    }
                    "abstractNumId" => {
                        if let (Some(id), Some(a)) = (&num, attr(&e, "val")) {
                            n.nums.insert(id.clone(), (a, HashMap::new()));
                        }
                    }
                    "lvlOverride" => {
                        override_level = attr(&e, "ilvl").and_then(|v| v.parse().ok());
                    }
                    "startOverride" => {
                        if let (Some(id), Some(l), Some(v)) = (
                            &num,
                            override_level,
                            attr(&e, "val").and_then(|v| v.parse().ok()),
                        ) && let Some(entry) = n.nums.get_mut(id)
                        {
                            entry.1.insert(l, v);
                        }
                    }
                    "lvl" if abs.is_some() => {
                        level = attr(&e, "ilvl")
                            .and_then(|v| v.parse().ok())
                            .filter(|&l: &usize| l < LEVELS);
                    }
                    name @ ("start" | "numFmt" | "lvlText") => {
                        if let (Some(a), Some(l)) = (&abs, level)
                            && let Some(levels) = n.abstracts.get_mut(a)
                            && let Some(lv) = levels.get_mut(l)
                        {
                            let v = attr(&e, "val").unwrap_or_default();
                            match name {
                                "start" => lv.start = v.parse().unwrap_or(1),
                                "numFmt" => lv.format = v,
                                _ => lv.text = v,
                            }
                        }
                    }
                    _ => {}
                },
                Ok(Event::End(e)) => match e.local_name().into_inner() {
                    "abstractNum" => abs = None,
                    "num" => num = None,
                    "lvl" => level = None,
                    "lvlOverride" => override_level = None,
                    _ => {}
                },
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
        n
    }

    /// The label of the next paragraph of list `num_id` at `level`, counting
    /// it. `None` for an unknown list, numId 0 ("no numbering") or an empty
    /// label.
    pub(crate) fn next_label(&mut self, num_id: &str, level: usize) -> Option<String> {
        if num_id == "0" || level >= LEVELS {
            return None;
        }
        let (abs_id, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs_id)?;
        let start = |l: usize| {
            overrides
                .get(&l)
                .copied()
                .unwrap_or_else(|| levels.get(l).map_or(1, |lv| lv.start))
        };
        let counters = self.counters.entry(num_id.to_owned()).or_insert_with(|| {
            let mut c = [0u32; LEVELS];
            for (l, v) in c.iter_mut().enumerate() {
                *v = start(l).saturating_sub(1);
            }
            c
        });
        counters[level] = (counters[level] + 1).min(MAX_COUNTER);
        for (l, v) in counters.iter_mut().enumerate().skip(level + 1) {
            *v = start(l).saturating_sub(1);
        }
        let lv = levels.get(level)?;
        if lv.format == "bullet" {
            // Bullets are drawn from symbol fonts: show them as a dash.
            let t = lv.text.trim();
            let plain = t.chars().all(|c| !('\u{E000}'..='\u{F8FF}').contains(&c));
            return Some(if plain && !t.is_empty() {
                t.to_owned()
            } else {
                "-".to_owned()
            });
        }
        let mut label = String::new();
        let mut chars = lv.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
                && (1..=LEVELS as u32).contains(&d)
            {
                chars.next();
                let l = (d - 1) as usize;
                let fmt = levels.get(l).map_or("decimal", |x| x.format.as_str());
                label.push_str(&format_number(counters[l], fmt));
            } else {
                label.push(c);
            }
        }
        let label = label.trim().to_owned();
        (!label.is_empty()).then_some(label)
    }
}

/// A counter in one of Word's number formats.
fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letters(n).to_uppercase(),
        "lowerLetter" => letters(n),
        "decimalZero" => format!("{n:02}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Word's letter numbering: a..z, then aa..zz, aaa..
fn letters(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    let idx = (n - 1) % 26;
    let repeat = (n - 1) / 26 + 1;
    let c = char::from(b'a' + idx as u8);
    std::iter::repeat_n(c, repeat.min(10) as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="7">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
 <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
</w:numbering>"#;

    #[test]
    fn labels_count_and_restart_by_level() {
        let mut n = Numbering::parse(XML);
        let got: Vec<Option<String>> = [
            ("3", 0),
            ("3", 1),
            ("3", 2),
            ("3", 2),
            ("3", 1),
            ("3", 0),
            ("3", 1),
            ("3", 3),
            ("4", 0),
            ("9", 0),
            ("0", 0),
        ]
        .iter()
        .map(|(id, l)| n.next_label(id, *l))
        .collect();
        let want = ["I.", "1.", "a)", "b)", "2.", "II.", "1.", "-", "III."];
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g.as_deref(), Some(w));
        }
        assert_eq!(got[9], None);
        assert_eq!(got[10], None);
        assert_eq!(letters(28), "bb");
        assert_eq!(roman(1994), "MCMXCIV");
    }
}
