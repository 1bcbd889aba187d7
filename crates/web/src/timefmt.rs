//! Dates and times: the store keeps UTC epoch seconds; people read
//! Vietnam time (UTC+7, no daylight saving).

/// Vietnam's offset from UTC in seconds.
pub const VN_OFFSET: i64 = 7 * 3600;

/// Days since 1970-01-01 → (year, month, day) (proleptic Gregorian).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) → days since 1970-01-01.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `dd/mm/yyyy` in Vietnam time.
pub fn date(epoch: i64) -> String {
    let (y, m, d) = civil_from_days((epoch + VN_OFFSET).div_euclid(86_400));
    format!("{d:02}/{m:02}/{y}")
}

/// `HH:MM dd/mm/yyyy` in Vietnam time.
pub fn datetime(epoch: i64) -> String {
    let local = epoch + VN_OFFSET;
    let secs = local.rem_euclid(86_400);
    format!(
        "{:02}:{:02} {}",
        secs / 3600,
        (secs % 3600) / 60,
        date(epoch)
    )
}

/// `yyyy-mm-ddTHH:MM` in Vietnam time, for `<input type="datetime-local">`.
pub fn input_datetime(epoch: i64) -> String {
    let local = epoch + VN_OFFSET;
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    let secs = local.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}",
        secs / 3600,
        (secs % 3600) / 60
    )
}

/// `yyyy-mm-dd` in Vietnam time, for `<input type="date">`.
pub fn input_date(epoch: i64) -> String {
    let (y, m, d) = civil_from_days((epoch + VN_OFFSET).div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Parses `yyyy-mm-dd` or `yyyy-mm-ddTHH:MM[:SS]` (Vietnam time) or
/// `dd/mm/yyyy` into epoch seconds.
pub fn parse(s: &str) -> Option<i64> {
    let s = s.trim();
    let (date, time) = match s.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let (y, m, d) = if date.contains('/') {
        let mut it = date.split('/');
        let d: u32 = it.next()?.parse().ok()?;
        let m: u32 = it.next()?.parse().ok()?;
        let y: i64 = it.next()?.parse().ok()?;
        (y, m, d)
    } else {
        let mut it = date.split('-');
        let y: i64 = it.next()?.parse().ok()?;
        let m: u32 = it.next()?.parse().ok()?;
        let d: u32 = it.next()?.parse().ok()?;
        (y, m, d)
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=2200).contains(&y) {
        return None;
    }
    let mut secs = 0i64;
    if let Some(t) = time {
        let mut it = t.split(':');
        let h: i64 = it.next()?.parse().ok()?;
        let mi: i64 = it.next().unwrap_or("0").parse().ok()?;
        let se: i64 = it.next().unwrap_or("0").parse().ok()?;
        if !(0..24).contains(&h) || !(0..60).contains(&mi) || !(0..61).contains(&se) {
            return None;
        }
        secs = h * 3600 + mi * 60 + se;
    }
    Some(days_from_civil(y, m, d) * 86_400 + secs - VN_OFFSET)
}

/// Now, in epoch seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_vietnam_time() {
        let t = parse("2023-10-17T07:30").unwrap();
        assert_eq!(datetime(t), "07:30 17/10/2023");
        assert_eq!(input_datetime(t), "2023-10-17T07:30");
        assert_eq!(parse("17/10/2023"), parse("2023-10-17"));
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        assert!(parse("2023-13-01").is_none());
    }
}
