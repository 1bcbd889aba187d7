//! Dates and times as Vietnamese documents write them: "ngày 15 tháng 6 năm
//! 2023", "15/6/2023", "15-6-2023", "11-10" (year from context), and times
//! "7 giờ 30 phút", "7h30", "07:30".

use crate::text::starts_with_ci;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// Year (1900–2100).
    pub year: u16,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
}

impl Date {
    /// Builds a date when the parts are plausible.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day)
        {
            return None;
        }
        Some(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }
    /// ISO form `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Reads up to `max` ASCII digits at `s[i..]`; returns (value, digits read).
pub fn digits(s: &[u8], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut v: u32 = 0;
    let mut n = 0;
    while n < max {
        match s.get(i + n) {
            Some(c) if c.is_ascii_digit() => {
                v = v * 10 + u32::from(c - b'0');
                n += 1;
            }
            _ => break,
        }
    }
    if n == 0 { None } else { Some((v, n)) }
}

fn skip_spaces(s: &[u8], mut i: usize) -> usize {
    while matches!(s.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// Parses a date at the start of `s` (after optional "ngày"): the long form
/// "15 tháng 6 năm 2023" or numeric "15/6/2023", "15-6-2023", "15.6.2023".
/// Returns the date and the bytes consumed.
pub fn parse_at(s: &str) -> Option<(Date, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    if let Some(n) = starts_with_ci(s, "ngày") {
        i = skip_spaces(b, n);
    }
    let (d, n) = digits(b, i, 2)?;
    i += n;
    // numeric form
    if let Some(&sep) = b.get(i)
        && matches!(sep, b'/' | b'-' | b'.')
    {
        let j = skip_spaces(b, i + 1);
        let (m, n2) = digits(b, j, 2)?;
        let k = j + n2;
        if b.get(k) != Some(&sep) {
            return None;
        }
        let (y, n3) = digits(b, k + 1, 4)?;
        if n3 != 4 {
            return None;
        }
        if matches!(b.get(k + 1 + n3), Some(c) if c.is_ascii_alphanumeric()) {
            return None;
        }
        return Date::new(y, m, d).map(|dt| (dt, k + 1 + n3));
    }
    // long form
    let j = skip_spaces(b, i);
    let rest = s.get(j..)?;
    let n = starts_with_ci(rest, "tháng")?;
    let j = skip_spaces(b, j + n);
    let (m, n2) = digits(b, j, 2)?;
    let j = skip_spaces(b, j + n2);
    let rest = s.get(j..)?;
    let n = starts_with_ci(rest, "năm")?;
    let j = skip_spaces(b, j + n);
    let (y, n3) = digits(b, j, 4)?;
    if n3 != 4 {
        return None;
    }
    Date::new(y, m, d).map(|dt| (dt, j + n3))
}

/// Parses a short day-month "11-10" or "11/10" (not followed by a year) at
/// the start of `s`, completing it with `year`.
pub fn parse_day_month_at(s: &str, year: u16) -> Option<(Date, usize)> {
    let b = s.as_bytes();
    let (d, n) = digits(b, 0, 2)?;
    let sep = *b.get(n)?;
    if !matches!(sep, b'/' | b'-') {
        return None;
    }
    let (m, n2) = digits(b, n + 1, 2)?;
    let end = n + 1 + n2;
    match b.get(end) {
        Some(c) if c.is_ascii_digit() || *c == b'/' || *c == b'-' => return None,
        _ => {}
    }
    Date::new(u32::from(year), m, d).map(|dt| (dt, end))
}

/// Finds the first date anywhere in `s` (numeric or long form); returns the
/// date and its byte range within `s`.
pub fn find(s: &str) -> Option<(Date, usize, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b.get(i).copied().unwrap_or(0);
        if c.is_ascii_digit()
            && (i == 0 || !b.get(i - 1).is_some_and(|p| p.is_ascii_alphanumeric()))
        {
            if let Some(rest) = s.get(i..)
                && let Some((d, n)) = parse_at(rest)
            {
                return Some((d, i, i + n));
            }
            while b.get(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    None
}

/// A time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time {
    /// Hour 0–23.
    pub hour: u8,
    /// Minute 0–59.
    pub minute: u8,
}

impl Time {
    /// `HH:MM`.
    pub fn hhmm(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

/// Finds the first time of day in `s`: "7 giờ 30 phút", "7 giờ", "7h30",
/// "07:30", "14g00". Returns the time and its byte range.
pub fn find_time(s: &str) -> Option<(Time, usize, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b.get(i).copied().unwrap_or(0);
        if !c.is_ascii_digit()
            || (i > 0
                && b.get(i - 1)
                    .is_some_and(|p| p.is_ascii_alphanumeric() || *p == b'/'))
        {
            i += 1;
            continue;
        }
        let Some((h, n)) = digits(b, i, 2) else {
            i += 1;
            continue;
        };
        let mut j = i + n;
        if b.get(j).is_some_and(|c| c.is_ascii_digit()) {
            while b.get(j).is_some_and(|c| c.is_ascii_digit()) {
                j += 1;
            }
            i = j;
            continue;
        }
        if h <= 23 {
            // "07:30"
            if b.get(j) == Some(&b':')
                && let Some((m, n2)) = digits(b, j + 1, 2)
                && n2 == 2
                && m <= 59
            {
                return Some((
                    Time {
                        hour: h as u8,
                        minute: m as u8,
                    },
                    i,
                    j + 1 + n2,
                ));
            }
            let k = skip_spaces(b, j);
            let rest = s.get(k..).unwrap_or("");
            let unit = starts_with_ci(rest, "giờ").or_else(|| {
                if matches!(b.get(k), Some(b'h' | b'H' | b'g')) && k == j {
                    Some(1)
                } else {
                    None
                }
            });
            if let Some(un) = unit {
                // must not be "giờ" inside a word like "giờ học"? accept.
                let mut e = k + un;
                let mut minute = 0;
                let m0 = skip_spaces(b, e);
                if let Some((m, n2)) = digits(b, m0, 2)
                    && m <= 59
                    && !b
                        .get(m0 + n2)
                        .is_some_and(|c| c.is_ascii_digit() || *c == b'/')
                {
                    let after = skip_spaces(b, m0 + n2);
                    let rest2 = s.get(after..).unwrap_or("");
                    // "7 giờ 30 phút" or "7h30" ; but not "7 giờ 30 ngày"
                    if let Some(pn) = starts_with_ci(rest2, "phút") {
                        minute = m;
                        e = after + pn;
                    } else if m0 == e || b.get(m0 + n2) == Some(&b'\'') || n2 == 2 {
                        minute = m;
                        e = m0 + n2;
                    }
                }
                return Some((
                    Time {
                        hour: h as u8,
                        minute: minute as u8,
                    },
                    i,
                    e,
                ));
            }
        }
        i = j;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_numeric_dates() {
        assert_eq!(
            parse_at("ngày 5 tháng 3 năm 2024").map(|d| d.0.iso()),
            Some("2024-03-05".into())
        );
        assert_eq!(
            parse_at("14/02/2012,").map(|d| d.0.iso()),
            Some("2012-02-14".into())
        );
        assert_eq!(
            parse_at("1-7-2025").map(|d| d.0.iso()),
            Some("2025-07-01".into())
        );
        assert!(parse_at("2011-2020").is_none());
        assert!(parse_at("40/13/2020").is_none());
    }

    #[test]
    fn short_day_month_uses_context_year() {
        assert_eq!(
            parse_day_month_at("11-10, tại", 2023).map(|d| d.0.iso()),
            Some("2023-10-11".into())
        );
        assert!(parse_day_month_at("11-10-2023", 2023).is_none());
    }

    #[test]
    fn times_in_common_forms() {
        let t = |s: &str| find_time(s).map(|t| t.0.hhmm());
        assert_eq!(
            t("vào lúc 7 giờ 30 phút ngày 17/10/2023"),
            Some("07:30".into())
        );
        assert_eq!(t("lúc 14h00, ngày"), Some("14:00".into()));
        assert_eq!(t("bắt đầu 8 giờ, tại"), Some("08:00".into()));
        assert_eq!(t("từ 13:30"), Some("13:30".into()));
        assert_eq!(t("ngày 17/10/2023"), None);
    }

    #[test]
    fn find_date_in_sentence() {
        let s = "Kết luận số 16-KL/TW, ngày 14/2/2012 của Bộ Chính trị";
        assert_eq!(find(s).map(|d| d.0.iso()), Some("2012-02-14".into()));
    }
}
