//! Tasks: who is asked to do what, with whom, by when. Recognised forms:
//! "X chủ trì, phối hợp với Y ...", "X: chỉ đạo ...", "giao X ...",
//! "Đề nghị X ...", "Yêu cầu X ...", "X chủ động tham mưu ...", and items
//! opening "Thứ ba, X ...". Lead names are kept exactly as written.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::date;
use crate::model::{Deadline, DeadlineKind, Task};
use crate::text::{Para, clean, floor_boundary, starts_with_ci};

/// Most tasks kept.
pub const MAX_TASKS: usize = 1000;
/// Longest subject (bytes) before the verb; longer openings are prose.
const MAX_SUBJECT_BYTES: usize = 240;
/// Most words in a subject.
const MAX_SUBJECT_WORDS: usize = 18;
/// Most words in a "X; Y: ..." list of units before a colon.
const MAX_LIST_WORDS: usize = 40;
/// Longest task text kept (bytes).
const MAX_TASK_TEXT: usize = 600;

/// Verbs that follow a responsible unit.
const VERBS: &[&str] = &[
    "chủ trì",
    "chủ động",
    "phối hợp",
    "chỉ đạo",
    "xây dựng",
    "quán triệt",
    "tổ chức",
    "triển khai",
    "tham mưu",
    "hướng dẫn",
    "theo dõi",
    "thực hiện",
    "rà soát",
    "kiểm tra",
    "báo cáo",
    "tăng cường",
    "đẩy mạnh",
    "căn cứ",
    "có trách nhiệm",
    "khẩn trương",
    "phổ biến",
    "tuyên truyền",
    "bố trí",
    "gửi",
    "lãnh đạo",
    "đôn đốc",
    "tập trung",
    "bảo đảm",
    "đảm bảo",
    "cụ thể hóa",
    "cụ thể hoá",
    "giám sát",
    "phụ trách",
    "nghiên cứu",
    "đề xuất",
    "tiếp tục",
    "cập nhật",
    "cung cấp",
    "biên soạn",
    "vận động",
    "quan tâm",
    "bổ sung",
    "sửa đổi",
    "chuẩn bị",
    "tổng hợp",
    "đăng tải",
    "ban hành văn bản",
    "cử",
    "thông báo",
    "là cơ quan",
    "yêu cầu",
    "đề nghị",
];

/// Words that open an organisation's name.
const ORG_HEADS: &[&str] = &[
    "ban ",
    "bộ ",
    "sở ",
    "vụ ",
    "cục ",
    "tổng cục",
    "ủy ban",
    "uỷ ban",
    "mặt trận",
    "văn phòng",
    "thường trực",
    "thường vụ",
    "cấp ủy",
    "cấp uỷ",
    "đảng ủy",
    "đảng uỷ",
    "đảng đoàn",
    "đảng bộ",
    "chi bộ",
    "chi ủy",
    "tỉnh ủy",
    "tỉnh uỷ",
    "thành ủy",
    "thành uỷ",
    "huyện ủy",
    "huyện uỷ",
    "thị ủy",
    "thị uỷ",
    "quận ủy",
    "quận uỷ",
    "trung tâm ",
    "báo ",
    "tạp chí ",
    "đài ",
    "viện ",
    "học viện",
    "trường ",
    "phòng ",
    "công an",
    "bộ chỉ huy",
    "hội ",
    "liên đoàn",
    "liên hiệp",
    "đoàn ",
    "tỉnh đoàn",
    "thành đoàn",
    "huyện đoàn",
    "kho bạc",
    "thanh tra",
    "tòa án",
    "toà án",
    "viện kiểm sát",
    "cơ quan",
    "các ",
    "từng ",
    "chính phủ",
    "quốc hội",
    "giám đốc",
    "chủ tịch",
    "thủ trưởng",
    "người đứng đầu",
    "bí thư",
    "hội đồng",
    "ngân hàng",
    "bảo hiểm",
    "tổ công tác",
    "ủy viên",
    "uỷ viên",
    "đơn vị",
    "tổ chức đảng",
    "tổ chức cơ sở",
    "lãnh đạo các",
    "đồng chí",
];

/// Heads that need a capitalised next word ("Báo Thanh tra", not "Báo cáo").
const HEADS_NEED_NAME: &[&str] = &[
    "báo ",
    "đài ",
    "hội ",
    "viện ",
    "trường ",
    "phòng ",
    "trung tâm ",
    "đoàn ",
    "vụ ",
    "cục ",
];

/// Openers skipped before the subject ("Căn cứ ..., X ...").
const OPENERS: &[&str] = &[
    "Căn cứ",
    "Sau khi",
    "Để ",
    "Trên cơ sở",
    "Đồng thời",
    "Trong đó",
    "Theo đó",
    "Ngoài ra",
    "Bên cạnh đó",
];

static VERB_AC: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    let pats: Vec<String> = VERBS.iter().map(|v| format!(" {v}")).collect();
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(pats)
        .ok()
});

use crate::text::lower_prefix;

/// True when `s` opens with an organisation's name.
pub fn org_head(s: &str) -> bool {
    let first_word = s.split_whitespace().next().unwrap_or("");
    // acronyms: UBND, HĐND, MTTQ (plain capitals and Đ, short, not a heading in capitals)
    let n = first_word.chars().count();
    if (3..=7).contains(&n)
        && first_word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == 'Đ')
        && !crate::text::is_upper(s)
    {
        return true;
    }
    let l = lower_prefix(s, 40);
    for h in ORG_HEADS {
        if l.starts_with(h) {
            if HEADS_NEED_NAME.contains(h) {
                let next = s.get(h.len()..).unwrap_or("");
                // byte length of the head equals in original (same letters, case only)
                let next = s
                    .split_whitespace()
                    .nth(h.split_whitespace().count())
                    .unwrap_or(next);
                return next.chars().next().is_some_and(|c| c.is_uppercase());
            }
            if *h == "các " || *h == "từng " {
                // "Các cơ quan", "Các đảng ủy", "Từng cấp ủy": the rest must name a body
                let rest = l.get(h.len()..).unwrap_or("");
                return ORG_HEADS
                    .iter()
                    .any(|x| *x != "các " && *x != "từng " && rest.starts_with(x))
                    || [
                        "sở",
                        "ban",
                        "ngành",
                        "bộ",
                        "địa phương",
                        "xã",
                        "phường",
                        "huyện",
                        "tỉnh",
                        "cấp",
                        "tổ chức",
                        "đảng",
                        "hội",
                        "đoàn thể",
                        "trường",
                        "phòng",
                    ]
                    .iter()
                    .any(|w| rest.starts_with(w));
            }
            return true;
        }
    }
    false
}

/// Splits "A, B; C" into units: ';' always, ',' when the next part starts
/// with a capital ("Báo Thanh tra, Tạp chí Thanh tra" → two; "Cấp ủy, tổ
/// chức đảng các cấp" → one).
pub fn split_units(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in s.split(';') {
        let mut cur = String::new();
        for piece in part.split(',') {
            let p = piece.trim();
            if p.is_empty() {
                continue;
            }
            let cap = p.chars().next().is_some_and(|c| c.is_uppercase());
            if cap && !cur.is_empty() && org_head(p) {
                out.push(std::mem::take(&mut cur));
            }
            if !cur.is_empty() {
                cur.push_str(", ");
            }
            cur.push_str(p);
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out.into_iter()
        .map(|u| clean(u.trim_matches(|c: char| matches!(c, ',' | ':' | '.' | ' ' | '*' | '_'))))
        .filter(|u| !u.is_empty())
        .collect()
}

/// Strips item markers: "-", "+", "(1)", "1.", "3.1.", "a)", "Thứ ba,", "Một là,".
fn strip_marker(s: &str) -> &str {
    let mut r = s.trim_start_matches(['-', '+', '•', '–', '*', ' ', '_']);
    if r.starts_with('(')
        && let Some(p) = r.find(')')
        && p <= 4
    {
        r = r.get(p + 1..).unwrap_or("").trim_start();
    }
    let b = r.as_bytes();
    let mut i = 0;
    while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'.') {
        i += 1;
    }
    if i > 0 && i <= 8 && matches!(b.get(i), Some(b' ' | b')' | b'-')) {
        r = r.get(i + 1..).unwrap_or("").trim_start();
    } else if i == 0 {
        let mut it = r.char_indices();
        if let (Some((_, c)), Some((j, ')'))) = (it.next(), it.next())
            && c.is_lowercase()
        {
            r = r.get(j + 1..).unwrap_or("").trim_start();
        }
    }
    // Roman "II." handled by sections; here only "Thứ ba," / "Một là,"
    if (starts_with_ci(r, "Thứ ").is_some() || r.contains(" là,"))
        && let Some(c) = r.find(',')
        && c <= 14
    {
        r = r.get(c + 1..).unwrap_or("").trim_start();
    }
    r.trim_start_matches(['*', '_', ' '])
}

/// Item-marker stripping for other modules.
pub fn strip_marker_pub(s: &str) -> &str {
    strip_marker(s)
}

/// Position of the first verb in `s` (byte offset of the verb, after its space).
fn first_verb(s: &str) -> Option<(usize, usize)> {
    let ac = VERB_AC.as_ref()?;
    let lim = floor_boundary(s, MAX_SUBJECT_BYTES.min(s.len()));
    let hay = s.get(..lim)?;
    for m in ac.find_iter(hay) {
        let end = m.end();
        // word boundary after the verb
        let ok = s
            .get(end..)
            .and_then(|r| r.chars().next())
            .is_none_or(|c| !c.is_alphanumeric());
        if ok && !noun_use(s, m.start(), end) {
            return Some((m.start() + 1, end));
        }
    }
    None
}

/// True when a verb-looking word is used as a noun: "các tổ chức", "tổ chức
/// đảng", "việc tổ chức", "công tác kiểm tra".
fn noun_use(s: &str, start: usize, end: usize) -> bool {
    let before = s.get(..start).unwrap_or("");
    let prev = before.rsplit(' ').next().unwrap_or("");
    if [
        "các", "những", "từng", "mọi", "việc", "tác", "và", "cho", "của", "đến", "với", "các",
        "Các", "Việc", "nhiệm", "trình",
    ]
    .contains(&prev)
    {
        return true;
    }
    let after = s.get(end..).unwrap_or("").trim_start();
    let verb = s.get(start..end).unwrap_or("").trim();
    verb == "tổ chức"
        && [
            "đảng",
            "chính trị",
            "cơ sở",
            "đoàn thể",
            "xã hội",
            "thành viên",
            "hội",
            "quần chúng",
            "liên quan",
            "trong",
        ]
        .iter()
        .any(|w| starts_with_ci(after, w).is_some())
}

fn subject_ok(subj: &str) -> bool {
    subject_ok_words(subj, MAX_SUBJECT_WORDS)
}

fn subject_ok_words(subj: &str, max: usize) -> bool {
    let w = subj.split_whitespace().count();
    (1..=max).contains(&w)
        && org_head(subj)
        && !subj.contains(['(', ')', '"', '“'])
        && !subj.chars().any(|c| c.is_ascii_digit())
        && !subj.contains("tại ")
}

fn trim_subject(s: &str) -> &str {
    let mut s = s.trim().trim_end_matches([',', ':', ' ']);
    for tail in [
        " đã",
        " sẽ",
        " cần",
        " phải",
        " có",
        " thì",
        " được",
        " cũng",
        " khẩn trương",
        " tiếp tục",
    ] {
        if let Some(x) = s.strip_suffix(tail) {
            s = x.trim_end();
        }
    }
    s
}

/// Reads the coordinating units after "phối hợp với".
fn support(s: &str) -> Vec<String> {
    let Some(p) = s
        .find("phối hợp với")
        .map(|p| p + "phối hợp với".len())
        .or_else(|| s.find("phối hợp cùng").map(|p| p + "phối hợp cùng".len()))
    else {
        return Vec::new();
    };
    let rest = s.get(p..).unwrap_or("").trim_start();
    let mut end = rest.len().min(300);
    end = floor_boundary(rest, end);
    if let Some((v, _)) = first_verb(rest) {
        end = end.min(v);
    }
    for stop in [";", ".", ":", " để ", " trong ", " nhằm ", " theo "] {
        if let Some(q) = rest.find(stop) {
            end = end.min(q);
        }
    }
    let seg = rest.get(..end).unwrap_or("");
    split_units(seg.trim_end_matches([',', ' ']))
}

/// Words that start a deadline phrase (prefilter for [`deadline`]).
static DEADLINE_AC: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::new([
        "trước",
        "chậm nhất",
        "hạn chót",
        "quý ",
        "trong tháng ",
        "định kỳ",
        "hằng ",
        "hàng ",
        "thường xuyên",
    ])
    .ok()
});

/// Reads a deadline phrase in a task sentence.
pub fn deadline(s: &str) -> Option<Deadline> {
    if !DEADLINE_AC.as_ref().is_some_and(|ac| ac.is_match(s)) {
        return None;
    }
    let l = s;
    for key in [
        "trước ngày",
        "chậm nhất ngày",
        "chậm nhất là ngày",
        "hạn chót",
        "trước",
    ] {
        if let Some(p) = l.find(key) {
            let rest = s.get(p..).unwrap_or("");
            if let Some((d, a, b)) = date::find(
                rest.get(..floor_boundary(rest, 60.min(rest.len())))
                    .unwrap_or(""),
            ) && a <= key.len() + 12
            {
                return Some(Deadline {
                    text: clean(rest.get(..b).unwrap_or("")),
                    kind: DeadlineKind::Date,
                    date: Some(d.iso()),
                    period: None,
                });
            }
        }
    }
    if let Some(p) = l.find("quý ") {
        let rest = s.get(p..).unwrap_or("");
        let after = rest.get("quý ".len()..).unwrap_or("");
        let q: String = after
            .chars()
            .take_while(|c| matches!(c, 'I' | 'V' | '/' | '0'..='9' | ' '))
            .collect();
        let q = q.trim().replace(" năm ", "/");
        if q.starts_with(['I', 'V']) {
            return Some(Deadline {
                text: clean(
                    rest.get(..("quý ".len() + q.len()).min(rest.len()))
                        .unwrap_or(rest),
                ),
                kind: DeadlineKind::Quarter,
                date: None,
                period: Some(q.trim_end_matches('/').to_string()),
            });
        }
    }
    if let Some(p) = l.find("trong tháng ") {
        let rest = s.get(p..).unwrap_or("");
        let after = rest.get("trong tháng ".len()..).unwrap_or("");
        let m: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '/')
            .collect();
        if m.contains('/') {
            return Some(Deadline {
                text: clean(rest.get(..("trong tháng ".len() + m.len())).unwrap_or(rest)),
                kind: DeadlineKind::Month,
                date: None,
                period: Some(m),
            });
        }
    }
    if let Some(p) = l.find("định kỳ") {
        let rest = s.get(p..).unwrap_or("");
        let words: Vec<&str> = rest.split_whitespace().take(4).collect();
        let phrase = words.join(" ");
        let phrase = phrase.trim_end_matches([',', '.', ';']).to_string();
        let period = phrase
            .get("định kỳ".len()..)
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty());
        return Some(Deadline {
            text: phrase,
            kind: DeadlineKind::Recurring,
            date: None,
            period,
        });
    }
    for (key, period) in [
        ("hằng năm", "năm"),
        ("hàng năm", "năm"),
        ("hằng quý", "quý"),
        ("hàng quý", "quý"),
        ("hằng tháng", "tháng"),
        ("hàng tháng", "tháng"),
    ] {
        if let Some(p) = l.find(key) {
            return Some(Deadline {
                text: s.get(p..p + key.len()).unwrap_or(key).to_string(),
                kind: DeadlineKind::Recurring,
                date: None,
                period: Some(period.to_string()),
            });
        }
    }
    if let Some(p) = l.find("thường xuyên") {
        return Some(Deadline {
            text: s
                .get(p..p + "thường xuyên".len())
                .unwrap_or("thường xuyên")
                .to_string(),
            kind: DeadlineKind::Ongoing,
            date: None,
            period: None,
        });
    }
    None
}

static GIAO: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("giao "));

/// Cheap test: can this sentence hold a task at all?
fn may_hold_task(s: &str) -> bool {
    let Some(c) = s.chars().next() else {
        return false;
    };
    if (c.is_uppercase()
        && (org_head(s)
            || OPENERS.iter().any(|o| s.starts_with(o))
            || s.starts_with("Đề nghị")
            || s.starts_with("Yêu cầu")
            || s.starts_with("Giao ")))
        || s.starts_with("các ")
        || s.starts_with("từng ")
    {
        return true;
    }
    GIAO.find(s.as_bytes()).is_some()
}

/// Leads found in one sentence.
fn leads_in(sentence: &str) -> Vec<String> {
    if !may_hold_task(sentence) {
        return Vec::new();
    }
    let mut s = sentence;
    // skip opening clauses
    if OPENERS.iter().any(|o| starts_with_ci(s, o).is_some()) {
        let mut rest = s;
        for _ in 0..5 {
            let Some(c) = rest.find(", ") else { break };
            rest = rest.get(c + 2..).unwrap_or("");
            if (org_head(rest) && crate::text::starts_upper(rest))
                || starts_with_ci(rest, "giao ").is_some()
                || starts_with_ci(rest, "đề nghị").is_some()
            {
                break;
            }
        }
        s = rest;
    }
    // "Đề nghị X ...", "Yêu cầu X ...", "Giao X ..."
    for opener in ["Đề nghị ", "Yêu cầu ", "Giao ", "giao "] {
        if let Some(n) = starts_with_ci(s, opener) {
            let rest = s.get(n..).unwrap_or("");
            if let Some((v, _)) = first_verb(rest) {
                let subj = trim_subject(rest.get(..v).unwrap_or(""));
                if subj.split_whitespace().count() <= MAX_SUBJECT_WORDS
                    && (org_head(subj) || crate::text::starts_upper(subj))
                {
                    return split_units(subj);
                }
            }
            return Vec::new();
        }
    }
    // "X: ..."
    let head = s
        .get(..floor_boundary(s, MAX_SUBJECT_BYTES.min(s.len())))
        .unwrap_or("");
    if let Some(c) = memchr::memchr(b':', head.as_bytes()) {
        let subj = trim_subject(s.get(..c).unwrap_or(""));
        if subject_ok_words(subj, MAX_LIST_WORDS)
            && !subj.contains(" là ")
            && first_verb(subj).is_none()
        {
            return split_units(subj);
        }
    }
    // "X <verb> ..."
    if let Some((v, _)) = first_verb(s) {
        let subj = trim_subject(s.get(..v).unwrap_or(""));
        if subject_ok(subj) {
            return split_units(subj);
        }
    }
    // ", giao X <verb>" inside the sentence (not in brackets)
    let mut from = 0;
    while let Some(p) = s.get(from..).and_then(|r| GIAO.find(r.as_bytes())) {
        let at = from + p;
        from = at + 5;
        let before = s.get(..at).unwrap_or("");
        if before.matches('(').count() > before.matches(')').count()
            || before.ends_with("được ")
            || before.ends_with("bàn ")
        {
            continue;
        }
        if !(before.is_empty()
            || before.ends_with(", ")
            || before.ends_with("; ")
            || before.ends_with(' '))
        {
            continue;
        }
        let rest = s.get(at + 5..).unwrap_or("");
        if let Some((v, _)) = first_verb(rest) {
            let subj = trim_subject(rest.get(..v).unwrap_or(""));
            if subject_ok(subj) {
                return split_units(subj);
            }
        }
    }
    Vec::new()
}

/// Splits a line into sentences: ". " followed by a capital.
fn sentences(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = s.as_bytes();
    let mut i = 0;
    while i + 2 < b.len() {
        if b.get(i) == Some(&b'.') && b.get(i + 1) == Some(&b' ') {
            let next = s.get(i + 2..).and_then(|r| r.chars().next());
            if next.is_some_and(|c| c.is_uppercase()) {
                out.push((start, i + 1));
                start = i + 2;
            }
        }
        i += 1;
    }
    out.push((start, s.len()));
    out
}

/// Finds tasks in the paragraphs of the body.
pub fn parse(paras: &[Para<'_>], section_of: &dyn Fn(usize) -> Option<String>) -> Vec<Task> {
    let mut out = Vec::new();
    for para in paras {
        if out.len() >= MAX_TASKS {
            break;
        }
        let full: &str = &para.text;
        let raw = full.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '#'));
        let lead_off = full.len()
            - full
                .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '#'))
                .len();
        let body = strip_marker(raw);
        let off = lead_off + (raw.len() - body.len());
        for (ss, se) in sentences(body) {
            let Some(sent) = body.get(ss..se) else {
                continue;
            };
            let lead = leads_in(sent);
            if lead.is_empty() {
                continue;
            }
            let text_end = floor_boundary(sent, MAX_TASK_TEXT.min(sent.len()));
            out.push(Task {
                section: section_of(para.first),
                text: clean(sent.get(..text_end).unwrap_or(sent)),
                support: support(sent),
                deadline: deadline(sent),
                lead,
                span: [para.source_offset(off + ss), para.source_offset(off + se)],
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_verb_and_split() {
        assert_eq!(
            leads_in("Sở Tư pháp, Sở Nội vụ chủ trì, phối hợp với các đơn vị liên quan rà soát."),
            vec!["Sở Tư pháp", "Sở Nội vụ"]
        );
        assert_eq!(
            leads_in("Cấp ủy, tổ chức đảng các cấp quán triệt nghị quyết."),
            vec!["Cấp ủy, tổ chức đảng các cấp"]
        );
        assert_eq!(
            leads_in("Các xã, phường; Hội Nông dân huyện: Chỉ đạo tuyên truyền."),
            vec!["Các xã, phường", "Hội Nông dân huyện"]
        );
    }

    #[test]
    fn giao_and_de_nghi() {
        assert_eq!(
            leads_in("Sau khi có hướng dẫn, giao Phòng Văn hóa chủ động tham mưu kế hoạch."),
            vec!["Phòng Văn hóa"]
        );
        assert_eq!(
            leads_in("Đề nghị Ủy ban Mặt trận Tổ quốc huyện chỉ đạo các hội."),
            vec!["Ủy ban Mặt trận Tổ quốc huyện"]
        );
        assert!(leads_in("Các thành phần khác (giao đảng ủy xã xem xét quyết định).").is_empty());
        assert!(leads_in("Báo cáo viên truyền đạt: mời lãnh đạo").is_empty());
        assert!(leads_in("Hội nghị đã quán triệt nội dung").is_empty());
    }

    #[test]
    fn support_units_and_deadlines() {
        let s = "Sở Y tế chủ trì, phối hợp với Sở Tài chính, Công an tỉnh triển khai, hoàn thành trước ngày 30/11/2023.";
        assert_eq!(support(s), vec!["Sở Tài chính", "Công an tỉnh"]);
        let d = deadline(s).unwrap();
        assert_eq!(d.date.as_deref(), Some("2023-11-30"));
        assert_eq!(
            deadline("báo cáo trong quý IV/2023")
                .unwrap()
                .period
                .as_deref(),
            Some("IV/2023")
        );
        assert_eq!(
            deadline("định kỳ 6 tháng báo cáo").unwrap().kind,
            DeadlineKind::Recurring
        );
    }

    #[test]
    fn markers_are_stripped() {
        assert_eq!(
            strip_marker("Thứ ba, Vụ Pháp chế chủ trì"),
            "Vụ Pháp chế chủ trì"
        );
        assert_eq!(strip_marker("3.2. Các huyện ủy"), "Các huyện ủy");
        assert_eq!(strip_marker("- b) Sở A"), "Sở A");
    }
}
