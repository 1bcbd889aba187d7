//! Events: study sessions and conferences with date, time ("7 giờ 30 phút"
//! → "07:30"), venue, mode (in person / online / both), bridge points
//! ("điểm cầu"), participant groups ("Thành phần") and presenter.

use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::date::{self, Date};
use crate::model::{Event, EventKind, Mode};
use crate::text::{CiNeedle, Line, Para, clean, floor_boundary, starts_with_ci, trim_md};

/// Most events kept.
pub const MAX_EVENTS: usize = 100;
/// Lines around an event read for venue, mode, participants, presenter.
const SCOPE_BEFORE: usize = 30;
const SCOPE_AFTER: usize = 8;

static TRIGGERS: LazyLock<[Finder<'static>; 4]> = LazyLock::new(|| {
    [
        Finder::new("giờ"),
        Finder::new("ời gian"),
        Finder::new("ội nghị"),
        Finder::new("ỘI NGHỊ"),
    ]
});

fn has_trigger(s: &str) -> bool {
    TRIGGERS.iter().any(|f| f.find(s.as_bytes()).is_some())
}

static HOI_NGHI: LazyLock<CiNeedle> = LazyLock::new(|| CiNeedle::new("hội nghị"));
static HOC_TAP: LazyLock<CiNeedle> = LazyLock::new(|| CiNeedle::new("học tập"));
static QUAN_TRIET: LazyLock<CiNeedle> = LazyLock::new(|| CiNeedle::new("quán triệt"));
static TRUC_TIEP: LazyLock<CiNeedle> = LazyLock::new(|| CiNeedle::new("trực tiếp"));
static TRUC_TUYEN: LazyLock<CiNeedle> = LazyLock::new(|| CiNeedle::new("trực tuyến"));
static DIEM_CAU: LazyLock<CiNeedle> = LazyLock::new(|| CiNeedle::new("điểm cầu"));
static BCV: LazyLock<CiNeedle> = LazyLock::new(|| CiNeedle::new("báo cáo viên"));
static TOAN_QUOC: LazyLock<CiNeedle> = LazyLock::new(|| CiNeedle::new("toàn quốc"));
static STUDY: LazyLock<[CiNeedle; 3]> = LazyLock::new(|| {
    [
        CiNeedle::new("học tập"),
        CiNeedle::new("quán triệt"),
        CiNeedle::new("nghiên cứu"),
    ]
});
static REVIEW_NEEDLES: LazyLock<Vec<CiNeedle>> =
    LazyLock::new(|| REVIEW.iter().map(|w| CiNeedle::new(w)).collect());

fn contains_ci(s: &str, needle: &str) -> bool {
    let n: &CiNeedle = match needle {
        "hội nghị" => &HOI_NGHI,
        "học tập" => &HOC_TAP,
        "quán triệt" => &QUAN_TRIET,
        "trực tiếp" => &TRUC_TIEP,
        "trực tuyến" => &TRUC_TUYEN,
        _ => return crate::text::find_ci(s, needle).is_some(),
    };
    n.is_in(s)
}

/// The event date of a sentence: a full date not attached to a document
/// number or a deadline, else a short "11-10" after a day word.
fn event_date(s: &str, year: Option<u16>) -> Option<Date> {
    let mut from = 0;
    while let Some(rest) = s.get(from..) {
        let Some((d, a, b)) = date::find(rest) else {
            break;
        };
        let abs = from + a;
        let before = s
            .get(floor_boundary(s, abs.saturating_sub(40))..abs)
            .unwrap_or("");
        let bl = before.to_lowercase();
        let attached = before.contains('/') && bl.trim_end().ends_with("ngày")
            || bl.contains("trước ngày")
            || bl.contains("chậm nhất")
            || bl.contains("ban hành")
            || bl.contains("số ");
        if !attached {
            return Some(d);
        }
        from += b;
    }
    let y = year?;
    // short forms after a day word
    let b = s.as_bytes();
    for (i, c) in b.iter().enumerate() {
        if !c.is_ascii_digit()
            || (i > 0
                && b.get(i - 1)
                    .is_some_and(|p| p.is_ascii_alphanumeric() || *p == b'/' || *p == b'-'))
        {
            continue;
        }
        let before = s
            .get(floor_boundary(s, i.saturating_sub(8))..i)
            .unwrap_or("")
            .to_lowercase();
        let w = before.trim_end();
        if !(w.ends_with("ngày")
            || w.ends_with("sáng")
            || w.ends_with("chiều")
            || w.ends_with("tối")
            || w.ends_with("trưa"))
        {
            continue;
        }
        if let Some((d, _)) = s.get(i..).and_then(|r| date::parse_day_month_at(r, y)) {
            return Some(d);
        }
    }
    None
}

fn venue_in(s: &str) -> Option<String> {
    let mut from = 0;
    while let Some(p) = s.get(from..).and_then(|r| r.find("tại ")) {
        let at = from + p + 4;
        from = at;
        let rest = s
            .get(at..floor_boundary(s, (at + 200).min(s.len())))
            .unwrap_or("");
        if starts_with_ci(rest, "điểm cầu").is_some() || starts_with_ci(rest, "hội nghị").is_some()
        {
            continue;
        }
        let mut end = rest.len();
        for stop in [
            ",", ".", ";", "(", " với ", " theo ", " do ", " và ", " nhằm ", "*", " lúc", " vào",
        ] {
            if let Some(q) = rest.find(stop) {
                end = end.min(q);
            }
        }
        let v = rest.get(..end).unwrap_or("").trim();
        if !v.is_empty()
            && v.split_whitespace().count() <= 12
            && v.chars().next().is_some_and(|c| c.is_uppercase())
        {
            return Some(clean(v));
        }
    }
    None
}

/// Finds events in lines `[from, to)`; `year` completes short dates;
/// `article` tells news from official text; `title` is the document title.
#[allow(clippy::too_many_arguments)]
pub fn parse(
    t: &str,
    lines: &[Line],
    paras: &[Para<'_>],
    (from, to): (usize, usize),
    year: Option<u16>,
    article: bool,
    title: &str,
    heading_of: &dyn Fn(usize) -> String,
) -> Vec<Event> {
    let sc = Scanner::new(t, lines, (from, to), year, article, title, heading_of);
    let mut out = Vec::new();
    for p in paras {
        sc.scan(p, &mut out);
    }
    out
}

/// Per-document settings for scanning paragraphs one at a time.
pub struct Scanner<'a> {
    t: &'a str,
    lines: &'a [Line],
    from: usize,
    to: usize,
    year: Option<u16>,
    article: bool,
    title_study: bool,
    title_review: bool,
    heading_of: &'a dyn Fn(usize) -> String,
}

/// Words of meetings that are not study sessions: reviews, trainings,
/// congresses, festivals.
const REVIEW: &[&str] = &[
    "sơ kết",
    "tổng kết",
    "tập huấn",
    "đại hội",
    "bồi dưỡng",
    "giao ban",
    "hội thảo",
    "tọa đàm",
    "ngày hội",
    "hội thi",
    "diễn tập",
];

impl<'a> Scanner<'a> {
    /// Settings for one document (see [`parse`]).
    pub fn new(
        t: &'a str,
        lines: &'a [Line],
        (from, to): (usize, usize),
        year: Option<u16>,
        article: bool,
        title: &str,
        heading_of: &'a dyn Fn(usize) -> String,
    ) -> Self {
        let title_study = contains_ci(title, "học tập") || contains_ci(title, "quán triệt");
        let cut = STUDY
            .iter()
            .filter_map(|w| w.find(title))
            .min()
            .unwrap_or(title.len());
        let own = title.get(..cut).unwrap_or(title);
        let title_review = REVIEW_NEEDLES.iter().any(|w| w.is_in(own));
        Scanner {
            t,
            lines,
            from,
            to,
            year,
            article,
            title_study,
            title_review,
            heading_of,
        }
    }

    /// Finds the event of one paragraph, if any, and appends it to `out`.
    pub fn scan(&self, para: &Para<'_>, out: &mut Vec<Event>) {
        let (t, lines, from, to, year, article, title_study, heading_of) = (
            self.t,
            self.lines,
            self.from,
            self.to,
            self.year,
            self.article,
            self.title_study,
            self.heading_of,
        );
        if out.len() >= MAX_EVENTS {
            return;
        }
        let li = para.first;
        let s: &str = &para.text;
        if !has_trigger(s) {
            return;
        }
        let is_conf = contains_ci(s, "hội nghị");
        let time = date::find_time(s);
        let thoi_gian = crate::tasks::strip_marker_pub(s).starts_with("Thời gian");
        if !(is_conf || time.is_some() || thoi_gian) {
            return;
        }
        let Some(d) = event_date(s, year) else {
            return;
        };
        let sm = crate::tasks::strip_marker_pub(s);
        if !article
            && [
                "Tại hội nghị",
                "Tại phiên họp",
                "Tại cuộc họp",
                "Tại buổi làm việc",
                "Tại Hội nghị",
            ]
            .iter()
            .any(|p| sm.starts_with(p))
        {
            // the meeting that produced this document is not an event
            return;
        }
        let study_here = contains_ci(s, "học tập") || contains_ci(s, "quán triệt");
        let heading = heading_of(li);
        let study_ctx = contains_ci(&heading, "học tập") || contains_ci(&heading, "quán triệt");
        // the meeting's own words come before what it studies ("hội nghị
        // trực tuyến học tập Nghị quyết Đại hội ... toàn quốc" is a study session)
        let cut = STUDY
            .iter()
            .filter_map(|w| w.find(s))
            .min()
            .unwrap_or(s.len());
        let own = s.get(..cut).unwrap_or(s);
        let national = TOAN_QUOC.is_in(own);
        let review = REVIEW_NEEDLES.iter().any(|w| w.is_in(own));
        let kind = if national || review {
            EventKind::Conference
        } else if study_here {
            EventKind::StudySession
        } else if is_conf {
            if !article && (study_ctx || title_study) && !self.title_review {
                EventKind::StudySession
            } else {
                EventKind::Conference
            }
        } else if article {
            return;
        } else if thoi_gian || time.is_some() {
            let organised = ["tổ chức", "khai mạc", "diễn ra", "bắt đầu"]
                .iter()
                .any(|w| s.contains(w));
            if self.title_review {
                EventKind::Conference
            } else if study_ctx || title_study {
                EventKind::StudySession
            } else if thoi_gian || organised {
                EventKind::Conference
            } else {
                return;
            }
        } else {
            return;
        };
        // scope for venue, mode, participants, presenter
        let lo = li.saturating_sub(SCOPE_BEFORE).max(from);
        let hi = (para.last + SCOPE_AFTER).min(to);
        let mut venue = venue_in(s);
        let (mut inp, mut onl) = (contains_ci(s, "trực tiếp"), contains_ci(s, "trực tuyến"));
        let mut bridge = Vec::new();
        let mut participants = Vec::new();
        let mut presenter = None;
        let mut in_part = false;
        for l2 in lines.iter().take(hi).skip(lo) {
            let (a, b) = trim_md(t, l2.start, l2.end);
            let Some(x) = t.get(a..b) else { continue };
            if x.is_empty() {
                continue;
            }
            let xm = crate::tasks::strip_marker_pub(x);
            if venue.is_none()
                && let Some(rest) = xm.strip_prefix("Địa điểm")
            {
                let v = rest.trim_start_matches([':', ' ']);
                let end = v.find([';', '.', ',', '(']).unwrap_or(v.len());
                let v = clean(v.get(..end).unwrap_or(""));
                if !v.is_empty() {
                    venue = Some(v);
                    inp = true;
                }
            }
            if contains_ci(x, "trực tiếp") {
                inp = true;
                if venue.is_none() {
                    venue = venue_in(x);
                }
            }
            if contains_ci(x, "trực tuyến") {
                onl = true;
            }
            if let Some(p) = DIEM_CAU.find(x) {
                let rest = x.get(p + "điểm cầu".len()..).unwrap_or("").trim();
                let end = rest.find([',', '.', ';', '*', '(']).unwrap_or(rest.len());
                let bp = clean(rest.get(..end).unwrap_or(""));
                if !bp.is_empty() && !bridge.contains(&bp) && bridge.len() < 50 {
                    bridge.push(bp);
                }
            }
            if starts_with_ci(xm, "Thành phần").is_some() {
                in_part = true;
                let rest = xm
                    .get("Thành phần".len()..)
                    .unwrap_or("")
                    .trim_start_matches([':', ' ']);
                if !rest.is_empty() {
                    participants.push(clean(rest.trim_end_matches(['.', ';', ','])));
                }
                continue;
            }
            if in_part {
                if x.starts_with(['-', '+', '•']) {
                    if participants.len() < 50 {
                        participants.push(clean(xm.trim_end_matches(['.', ';', ','])));
                    }
                    continue;
                }
                in_part = false;
            }
            if presenter.is_none()
                && let Some(p) = BCV.find(x)
            {
                let rest = x.get(p..).unwrap_or("");
                if let Some(c) = rest.find(':') {
                    let v = clean(
                        rest.get(c + 1..)
                            .unwrap_or("")
                            .trim_matches(['*', ' ', '.']),
                    );
                    if !v.is_empty() {
                        presenter = Some(v);
                    }
                }
            }
        }
        let inp = inp || (venue.is_some() && !onl);
        let mode = match (inp, onl) {
            (true, true) => Some(Mode::Both),
            (true, false) => Some(Mode::InPerson),
            (false, true) => Some(Mode::Online),
            _ => None,
        };
        let ev = Event {
            kind,
            date: Some(d.iso()),
            time: time.map(|x| x.0.hhmm()),
            venue,
            mode,
            bridge_points: bridge,
            participants,
            presenter,
            span: [para.source_offset(0), para.source_offset(s.len())],
        };
        if !out
            .iter()
            .any(|e| e.kind == ev.kind && e.date == ev.date && e.time == ev.time)
        {
            out.push(ev);
        }
    }
}
