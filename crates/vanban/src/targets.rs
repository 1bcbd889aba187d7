//! Measurable targets: "phấn đấu 100% cán bộ, đảng viên ... được học tập".

use crate::model::Target;
use crate::text::{Para, clean, floor_boundary};

/// Most targets kept.
pub const MAX_TARGETS: usize = 200;
/// How far back (bytes) the clause before a percentage is read.
const MAX_CLAUSE_BACK: usize = 400;
/// Longest target text kept (bytes).
const MAX_TARGET_TEXT: usize = 300;

const KEYS: &[&str] = &[
    "phấn đấu",
    "chỉ tiêu",
    "mục tiêu",
    "bảo đảm",
    "đảm bảo",
    "ít nhất",
    "tối thiểu",
];

/// True when a heading or lead-in announces targets.
pub fn announces(s: &str) -> bool {
    ANNOUNCE.iter().any(|n| n.is_in(s))
}

static ANNOUNCE: std::sync::LazyLock<[crate::text::CiNeedle; 2]> = std::sync::LazyLock::new(|| {
    [
        crate::text::CiNeedle::new("mục tiêu"),
        crate::text::CiNeedle::new("chỉ tiêu"),
    ]
});

/// Finds targets in paragraphs; `official` also accepts "ở/tại/cho N%".
pub fn parse(paras: &[Para<'_>], official: bool) -> Vec<Target> {
    let mut out = Vec::new();
    for para in paras {
        scan(para, official, false, &mut out);
    }
    out
}

/// Finds the targets of one paragraph and appends them to `out`.
///
/// `ctx` is true under a heading or lead-in that announces targets
/// ("Mục tiêu cụ thể", "Chỉ tiêu chủ yếu:"): every percentage there counts.
pub fn scan(para: &Para<'_>, official: bool, ctx: bool, out: &mut Vec<Target>) {
    {
        let s: &str = &para.text;
        for p in memchr::memchr_iter(b'%', s.as_bytes()) {
            if out.len() >= MAX_TARGETS {
                return;
            }
            let b = s.as_bytes();
            let mut st = p;
            while st > 0
                && b.get(st - 1)
                    .is_some_and(|c| c.is_ascii_digit() || *c == b',' || *c == b'.')
            {
                st -= 1;
            }
            let num = s
                .get(st..p)
                .unwrap_or("")
                .trim_start_matches([',', '.'])
                .trim_end();
            let Ok(percent) = num.replace(',', ".").parse::<f64>() else {
                continue;
            };
            if !(0.0..=100.0).contains(&percent) {
                continue;
            }
            let lo = floor_boundary(s, st.saturating_sub(MAX_CLAUSE_BACK));
            let sent_start = s
                .get(lo..st)
                .and_then(|x| x.rfind([';', '.']))
                .map_or(lo, |q| lo + q + 1);
            let before = s.get(sent_start..st).unwrap_or("").to_lowercase();
            let near = before.trim_end();
            let ok = KEYS.iter().any(|k| before.contains(k))
                || ctx
                || (official
                    && (near.ends_with(" ở")
                        || near.ends_with(" tại")
                        || near.ends_with(" cho")
                        || near.ends_with("trên")));
            if !ok {
                continue;
            }
            let rest = s
                .get(st..floor_boundary(s, (st + MAX_TARGET_TEXT).min(s.len())))
                .unwrap_or("");
            let end = rest
                .find(['.', ';'])
                .unwrap_or(rest.len())
                .min(floor_boundary(rest, MAX_TARGET_TEXT.min(rest.len())));
            let text = clean(rest.get(..end).unwrap_or(""));
            out.push(Target {
                percent,
                text,
                span: [para.source_offset(st), para.source_offset(st + end)],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::LineIndex;

    #[test]
    fn phan_dau_target() {
        let t = "Phấn đấu 95% đảng viên được học tập; tỷ lệ 30% năm trước.";
        let idx = LineIndex::new(t);
        let paras = crate::text::paragraphs(t, &idx.lines, 0, 1);
        let r = parse(&paras, true);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].percent, 95.0);
    }
}
