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
/// Most "giao" occurrences examined in one sentence.
const MAX_GIAO_PER_SENTENCE: usize = 8;
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
    "là cơ quan",
    "yêu cầu",
    "đề nghị",
    "nắm chắc",
    "kiện toàn",
    "củng cố",
    "hỗ trợ",
    "xử lý",
    "giải quyết",
    "mở",
    "đưa",
    "thường xuyên",
    "duy trì",
    "thông báo",
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
    "đơn vị",
    "tổ chức đảng",
    "tổ chức cơ sở",
    "lãnh đạo các",
    "quân ủy",
    "quân uỷ",
    "trạm ",
    "trưởng các",
    "trưởng thôn",
    "trưởng bản",
    "chi cục",
    "bệnh viện",
    "ban chỉ huy",
    "ban quản lý",
    "tổ dân phố",
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

/// [`ORG_HEADS`] grouped by their first word (sorted), so that one lookup
/// rejects most sentences and leaves only the heads that can match.
static HEAD_GROUPS: LazyLock<Vec<(&'static str, Vec<&'static str>)>> = LazyLock::new(|| {
    let mut v: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for h in ORG_HEADS {
        let first = h.split_whitespace().next().unwrap_or("");
        match v.iter_mut().find(|(k, _)| *k == first) {
            Some((_, g)) => g.push(h),
            None => v.push((first, vec![h])),
        }
    }
    v.sort_by(|a, b| a.0.cmp(b.0));
    v
});

/// True when `s` opens with an organisation's name.
pub fn org_head(s: &str) -> bool {
    if s.starts_with("Ban hành") || s.starts_with("ban hành") || s.starts_with("BAN HÀNH") {
        return false;
    }
    // quick reject on the first word; the heads that can match share it
    let fw = s.split_whitespace().next().unwrap_or("");
    let is_acronym_like = fw.len() >= 3 && fw.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ');
    let mut group: &[&str] = &[];
    if !is_acronym_like {
        let mut b = [0u8; 64];
        let lw = crate::text::lower_prefix_buf(fw, &mut b);
        match HEAD_GROUPS.binary_search_by(|(k, _)| (*k).cmp(lw)) {
            Ok(i) => group = HEAD_GROUPS.get(i).map_or(&[], |g| g.1.as_slice()),
            Err(_) => return false,
        }
    }
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
    let mut buf = [0u8; 64];
    let l = crate::text::lower_prefix_buf(s, &mut buf);
    for h in group {
        if l.starts_with(h) {
            if HEADS_NEED_NAME.contains(h) {
                let next = s.get(h.len()..).unwrap_or("");
                // byte length of the head equals in original (same letters, case only)
                let n = h.split_whitespace().count();
                let mut words = s.split_whitespace().skip(n);
                let mut next = words.next().unwrap_or(next);
                if next == "và" {
                    // "Báo và Phát thanh, Truyền hình ..."
                    next = words.next().unwrap_or("");
                }
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
                        "tổ",
                        "thôn",
                        "bản",
                        "chi bộ",
                        "khu",
                        "trạm",
                        "trung tâm",
                        "cơ sở",
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
    if let Some(c) = memchr::memchr(b',', r.as_bytes().get(..r.len().min(16)).unwrap_or(&[]))
        && let Some(head) = r.get(..c)
        && (head.starts_with("Thứ ")
            || head.starts_with("THỨ ")
            || head.starts_with("thứ ")
            || head.ends_with(" là"))
    {
        r = r.get(c + 1..).unwrap_or("").trim_start();
    }
    r.trim_start_matches(['*', '_', ' '])
}

/// True for an opening clause that introduces the document itself
/// ("Căn cứ ..., Sở X hướng dẫn ..."): its subject is the issuer, not a lead.
pub fn is_opening_clause(s: &str) -> bool {
    [
        "Căn cứ",
        "Thực hiện",
        "Triển khai",
        "Để ",
        "Nhằm",
        "Thi hành",
        "Tiếp tục thực hiện",
        "Theo ",
    ]
    .iter()
    .any(|p| s.starts_with(p))
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
        "các", "những", "từng", "mọi", "việc", "tác", "và", "cho", "của", "đến", "với", "tư",
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
            "hội ",
            "quần chúng",
            "liên quan",
            "trong",
        ]
        .iter()
        .any(|w| starts_with_ci(after, w).is_some())
        && !["hội nghị", "hội thảo", "hội thi", "hội diễn"]
            .iter()
            .any(|w| after.starts_with(w))
}

fn subject_ok(subj: &str) -> bool {
    subject_ok_words(subj, MAX_SUBJECT_WORDS)
}

/// [`subject_ok_words`] for a subject that starts where the sentence does,
/// reusing the sentence's own unit-name test.
fn subject_ok_h(subj: &str, max: usize, head: bool) -> bool {
    head && subject_rest_ok(subj, max)
}

fn subject_ok_words(subj: &str, max: usize) -> bool {
    org_head(subj) && subject_rest_ok(subj, max)
}

fn subject_rest_ok(subj: &str, max: usize) -> bool {
    let w = subj.split_whitespace().count();
    (1..=max).contains(&w)
        && !subj.contains(['(', ')', '"', '“'])
        && !subj.chars().any(|c| c.is_ascii_digit())
        && !subj.contains("tại ")
        && ![" ban hành", " kết luận", " quy định", " báo cáo"]
            .iter()
            .any(|w| subj.contains(w))
}

fn trim_subject(s: &str) -> &str {
    let mut s = s.trim().trim_end_matches([',', ':', ' ']);
    // "Bộ Chỉ huy quân sự tỉnh (cơ quan thường trực ...)": the unit is before the brackets
    if s.ends_with(')')
        && let Some(p) = s.find(" (")
    {
        s = s.get(..p).unwrap_or(s).trim_end();
    }
    for tail in [
        " được giao",
        " nghiêm túc",
        " tích cực",
        " gương mẫu",
        " kịp thời",
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

/// True when a name ends like a unit ("... các xã, phường, đặc khu", "...
/// Tỉnh ủy"), not like a verb ("... kết luận", "... như sau").
fn ends_like_unit(s: &str) -> bool {
    let last = s.split_whitespace().next_back().unwrap_or("");
    if last.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    let l = crate::text::lower_prefix(s.get(s.len().saturating_sub(40)..).unwrap_or(s), 40);
    [
        "xã",
        "phường",
        "huyện",
        "tỉnh",
        "thành phố",
        "đặc khu",
        "thị xã",
        "quận",
        "thị trấn",
        "trực thuộc",
        "liên quan",
        "các cấp",
        "ngành",
        "đơn vị",
        "địa phương",
        "thôn",
        "bản",
        "tổ dân phố",
    ]
    .iter()
    .any(|w| l.ends_with(w))
}

static PHOI_HOP_CUNG: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("phối hợp cùng"));
static PHOI_HOP: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("phối hợp với"));

/// Reads the coordinating units after "phối hợp với".
fn support(s: &str) -> Vec<String> {
    let Some(p) = PHOI_HOP
        .find(s.as_bytes())
        .map(|p| p + "phối hợp với".len())
        .or_else(|| {
            PHOI_HOP_CUNG
                .find(s.as_bytes())
                .map(|p| p + "phối hợp cùng".len())
        })
    else {
        return Vec::new();
    };
    let rest = s.get(p..).unwrap_or("").trim_start();
    let rest = rest
        .get(..floor_boundary(rest, rest.len().min(300)))
        .unwrap_or(rest);
    let mut end = rest.len();
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

/// The keys of [`deadline`], in a fixed order (their positions index `pos`).
const DEADLINE_KEY_LIST: [&str; 15] = [
    "trước ngày",
    "chậm nhất ngày",
    "chậm nhất là ngày",
    "hạn chót",
    "trước",
    "quý ",
    "trong tháng ",
    "định kỳ",
    "hằng năm",
    "hàng năm",
    "hằng quý",
    "hàng quý",
    "hằng tháng",
    "hàng tháng",
    "thường xuyên",
];

static DEADLINE_POS_AC: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(DEADLINE_KEY_LIST).ok());

/// Reads a deadline phrase in a task sentence.
pub fn deadline(s: &str) -> Option<Deadline> {
    let ac = DEADLINE_POS_AC.as_ref()?;
    // first position of every key, from one pass
    let mut pos: [Option<usize>; 15] = [None; 15];
    let mut any = false;
    for m in ac.find_overlapping_iter(s) {
        if let Some(slot) = pos.get_mut(m.pattern().as_usize())
            && slot.is_none()
        {
            *slot = Some(m.start());
            any = true;
        }
    }
    if !any {
        return None;
    }
    let dfind = |_: &str, key: &str| -> Option<usize> {
        DEADLINE_KEY_LIST
            .iter()
            .position(|k| *k == key)
            .and_then(|i| pos.get(i).copied().flatten())
    };
    let l = s;
    for key in [
        "trước ngày",
        "chậm nhất ngày",
        "chậm nhất là ngày",
        "hạn chót",
        "trước",
    ] {
        if let Some(p) = dfind(l, key) {
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
    if let Some(p) = dfind(l, "quý ") {
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
    if let Some(p) = dfind(l, "trong tháng ") {
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
    if let Some(p) = dfind(l, "định kỳ") {
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
        if let Some(p) = dfind(l, key) {
            return Some(Deadline {
                text: s.get(p..p + key.len()).unwrap_or(key).to_string(),
                kind: DeadlineKind::Recurring,
                date: None,
                period: Some(period.to_string()),
            });
        }
    }
    if let Some(p) = dfind(l, "thường xuyên") {
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
/// Returns (may hold a task, opens with a unit name).
fn may_hold_task(s: &str) -> (bool, bool) {
    let Some(c) = s.chars().next() else {
        return (false, false);
    };
    // TCVN3 fonts have no toned capitals: "ủy ban" may open a sentence
    let cap = c.is_uppercase()
        || (!c.is_ascii() && c.is_lowercase() && s.starts_with(['ủ', 'ư', 'ú', 'ù']));
    let head = (cap || s.starts_with("các ")) && org_head(s);
    if (cap
        && (head
            || OPENERS.iter().any(|o| s.starts_with(o))
            || s.starts_with("Đề nghị")
            || s.starts_with("Yêu cầu")
            || s.starts_with("Giao ")))
        || s.starts_with("các ")
        || s.starts_with("từng ")
    {
        return (true, head);
    }
    (GIAO.find(s.as_bytes()).is_some(), head)
}

/// Leads found in one sentence.
fn leads_in(sentence: &str) -> Vec<String> {
    let (may, mut s_head) = may_hold_task(sentence);
    if !may {
        return Vec::new();
    }
    let mut s = sentence;
    // skip opening clauses
    if OPENERS.iter().any(|o| s.starts_with(o)) {
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
        s_head = org_head(s);
    }
    // "Đề nghị X ...", "Yêu cầu X ...", "Giao X ..."
    for opener in [
        "Đề nghị ",
        "Yêu cầu ",
        "Giao ",
        "giao ",
        "đề nghị ",
        "yêu cầu ",
        "ĐỀ NGHỊ ",
        "YÊU CẦU ",
    ] {
        if s.starts_with(opener) || (opener.starts_with('G') && s.starts_with("GIAO ")) {
            let n = opener.len();
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
        let after_words = s.get(c + 1..).unwrap_or("").split_whitespace().count();
        if subject_ok_h(subj, MAX_LIST_WORDS, s_head)
            && (after_words >= 2 || ends_like_unit(subj))
            && !subj.contains(" là ")
            && first_verb(subj).is_none()
        {
            return split_units(subj);
        }
    }
    // "X <verb> ..."
    if let Some((v, ve)) = first_verb(s) {
        let subj = trim_subject(s.get(..v).unwrap_or(""));
        if subj.ends_with(" kính") || subj == "Kính" {
            // "X kính báo cáo", "kính trình": addressed upward, not a task
            return Vec::new();
        }
        let verb = s.get(v..ve).unwrap_or("");
        if verb == "thông báo"
            && s.get(ve..)
                .is_some_and(|r| r.trim_start().starts_with("để"))
        {
            // "Văn phòng ... thông báo để các cơ quan biết": the closing formula
            return Vec::new();
        }
        if verb == "yêu cầu" || verb == "đề nghị" {
            // "X yêu cầu các cấp ủy ...": a general call, not an assignment
            // (sentence-initial "Đề nghị X ..." is handled above)
            return Vec::new();
        }
        if subject_ok_h(subj, MAX_SUBJECT_WORDS, s_head) {
            return split_units(subj);
        }
    }
    // ", giao X <verb>" inside the sentence (not in brackets)
    let mut from = 0;
    let mut depth: i32 = 0;
    let mut counted = 0;
    let mut tries = 0;
    while let Some(p) = s.get(from..).and_then(|r| GIAO.find(r.as_bytes())) {
        let at = from + p;
        from = at + 5;
        tries += 1;
        if tries > MAX_GIAO_PER_SENTENCE {
            break;
        }
        // bracket depth, counted incrementally (no rescans)
        for c in s.as_bytes().get(counted..at).unwrap_or(&[]) {
            match c {
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
        }
        counted = at;
        let before = s.get(..at).unwrap_or("");
        if depth > 0 || before.ends_with("được ") || before.ends_with("bàn ") {
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

/// Splits a paragraph into sentences: ". " followed by a capital. Yields
/// (start, end) byte ranges without allocating.
fn sentences(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    let mut from = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let b = s.as_bytes();
        while let Some(p) = b.get(from..).and_then(|r| memchr::memmem::find(r, b". ")) {
            let i = from + p;
            from = i + 2;
            if s.get(i + 2..)
                .and_then(|r| r.chars().next())
                .is_some_and(|c| c.is_uppercase())
            {
                let out = (start, i + 1);
                start = i + 2;
                return Some(out);
            }
        }
        done = true;
        Some((start, s.len()))
    })
}

/// State carried between paragraphs: a heading that names a unit ("2. Sở
/// Nội vụ") makes it the lead of the verb-first items below it.
#[derive(Debug, Default)]
pub struct Scanner {
    pending: Option<Vec<String>>,
}

/// Verb-first item under a unit heading: "- Chủ trì, phối hợp ...".
fn starts_with_verb(s: &str) -> bool {
    let mut buf = [0u8; 64];
    let l = crate::text::lower_prefix_buf(s, &mut buf);
    VERBS.iter().any(|v| {
        l.starts_with(v)
            && l.get(v.len()..)
                .is_none_or(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
    })
}

impl Scanner {
    /// Finds the tasks of one paragraph and appends them to `out`.
    pub fn scan(
        &mut self,
        para: &Para<'_>,
        section_of: &dyn Fn(usize) -> Option<String>,
        out: &mut Vec<Task>,
    ) {
        let full: &str = &para.text;
        let raw = full.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '#'));
        let body = strip_marker(raw);
        let is_item = body.len() != raw.len();
        // a heading naming a unit and nothing else
        if is_item
            && body.len() <= 160
            && !body.ends_with(['.', ';', ':'])
            && org_head(body)
            && first_verb(body).is_none()
            && body.split_whitespace().count() <= 15
        {
            self.pending = Some(split_units(body));
            return;
        }
        let numbered = crate::sections::is_heading_start(raw);
        if numbered {
            self.pending = None;
        }
        let before = out.len();
        scan(para, section_of, out);
        if out.len() == before
            && let Some(units) = &self.pending
            && starts_with_verb(body)
            && out.len() < MAX_TASKS
        {
            let off = full.len() - body.len();
            let text_end = floor_boundary(body, MAX_TASK_TEXT.min(body.len()));
            out.push(Task {
                section: section_of(para.first),
                text: clean(body.get(..text_end).unwrap_or(body)),
                support: support(body),
                deadline: deadline(body),
                lead: units.clone(),
                span: [para.source_offset(off), para.source_offset(full.len())],
            });
        } else if self.pending.is_some() && !is_item && !starts_with_verb(body) {
            self.pending = None;
        }
    }
}

/// Finds the tasks of one paragraph and appends them to `out`.
pub fn scan(para: &Para<'_>, section_of: &dyn Fn(usize) -> Option<String>, out: &mut Vec<Task>) {
    if out.len() >= MAX_TASKS {
        return;
    }
    let full: &str = &para.text;
    let marks = |c: char| c.is_whitespace() || matches!(c, '*' | '_' | '#');
    let raw = full.trim_matches(marks);
    let lead_off = full.len() - full.trim_start_matches(marks).len();
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

/// Finds tasks in paragraphs.
pub fn parse(paras: &[Para<'_>], section_of: &dyn Fn(usize) -> Option<String>) -> Vec<Task> {
    let mut out = Vec::new();
    for p in paras {
        scan(p, section_of, &mut out);
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
    fn unit_heading_leads_verb_items() {
        let t = "2. Sở Nội vụ\n- Chủ trì, phối hợp với Sở Tài chính rà soát biên chế.\n- Tham mưu báo cáo hằng năm.\n3. Nâng cao nhận thức\n- Tổ chức tuyên truyền.\n";
        let idx = crate::text::LineIndex::new(t);
        let mut sc = Scanner::default();
        let mut out = Vec::new();
        for p in crate::text::Paragraphs::new(t, &idx.lines, 0, idx.lines.len()) {
            sc.scan(&p, &|_| None, &mut out);
        }
        let leads: Vec<Vec<String>> = out.iter().map(|t| t.lead.clone()).collect();
        assert_eq!(
            leads,
            vec![vec!["Sở Nội vụ".to_string()], vec!["Sở Nội vụ".to_string()]]
        );
        assert_eq!(out[0].support, vec!["Sở Tài chính"]);
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
