//! Document numbers and the scope within which a number is unique.
//!
//! Party documents ("57-KL/TW") are numbered per type and issuer from the
//! start of each congress term; State documents ("30/2020/NĐ-CP",
//! "1234/QĐ-UBND") per year. A number alone is therefore ambiguous: two
//! different "57-KL/TW" exist in two terms. Reference resolution compares
//! [`NumberScope`]s, computed from the number and the document's date.

use crate::date;

/// Which numbering rule a document follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocFamily {
    /// Party: `N-TYPE/ISSUER`, restarting each congress term.
    Party,
    /// State: `N/TYPE-ISSUER` or `N/YEAR/TYPE-ISSUER`, restarting each year.
    State,
}

/// The period within which a number is unique: a term (Party) or a year (State).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NumberScope {
    /// The numbering rule.
    pub family: DocFamily,
    /// The term's first year (Party) or the year (State).
    pub period: i64,
}

/// First days of the Party's congress terms (VI … XIV), as (year, month, day).
const TERM_STARTS: [(i64, i64, i64); 9] = [
    (1986, 12, 18),
    (1991, 6, 27),
    (1996, 7, 1),
    (2001, 4, 22),
    (2006, 4, 25),
    (2011, 1, 19),
    (2016, 1, 28),
    (2021, 1, 25),
    (2026, 1, 19),
];

/// Normalises a number and symbol: drops a leading "Số"/"Số:", spaces and
/// line breaks, and upper-cases: `"Số 57- KL/tw"` → `"57-KL/TW"`.
pub fn normalize_number(raw: &str) -> String {
    let t = raw.trim();
    let t = t
        .strip_prefix("Số:")
        .or_else(|| t.strip_prefix("Số"))
        .or_else(|| t.strip_prefix("số:"))
        .or_else(|| t.strip_prefix("số"))
        .unwrap_or(t);
    t.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

impl DocFamily {
    /// The family of a normalised number: digits then `-` is Party, digits
    /// then `/` is State; `None` for anything else.
    pub fn of(number: &str) -> Option<Self> {
        let rest = number.trim_start_matches(|c: char| c.is_ascii_digit());
        if rest.len() == number.len() {
            return None;
        }
        match rest.chars().next() {
            Some('-') => Some(DocFamily::Party),
            Some('/') => Some(DocFamily::State),
            _ => None,
        }
    }
}

/// The first year of the Party term containing `at` (epoch seconds).
pub fn term_of(at: i64) -> i64 {
    let day = at.div_euclid(date::DAY);
    let mut start = TERM_STARTS[0].0;
    for (y, m, d) in TERM_STARTS {
        if date::days_from_civil(y, m, d) <= day {
            start = y;
        }
    }
    start
}

impl NumberScope {
    /// The scope of a normalised `number` dated `date` (epoch seconds). A
    /// State number that carries its year ("30/2020/NĐ-CP") needs no date.
    pub fn of(number: &str, date: Option<i64>) -> Option<Self> {
        let family = DocFamily::of(number)?;
        match family {
            DocFamily::State => {
                let year_in_number = number
                    .split('/')
                    .nth(1)
                    .filter(|p| p.len() == 4)
                    .and_then(|p| p.parse::<i64>().ok());
                let period = year_in_number
                    .or_else(|| date.map(|at| date::civil_from_days(at.div_euclid(date::DAY)).0))?;
                Some(NumberScope { family, period })
            }
            DocFamily::Party => Some(NumberScope {
                family,
                period: term_of(date?),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i64, m: i64, d: i64) -> i64 {
        date::days_from_civil(y, m, d) * date::DAY
    }

    #[test]
    fn numbers_normalise() {
        assert_eq!(normalize_number("Số 57- KL/TW"), "57-KL/TW");
        assert_eq!(normalize_number("Số: 30/2020/nđ-cp"), "30/2020/NĐ-CP");
        assert_eq!(normalize_number("145-KH/TU"), "145-KH/TU");
    }

    #[test]
    fn party_numbers_are_scoped_by_term_state_numbers_by_year() {
        let a = NumberScope::of("57-KL/TW", Some(at(2023, 6, 15))).unwrap();
        let b = NumberScope::of("57-KL/TW", Some(at(2019, 6, 15))).unwrap();
        assert_eq!(a.period, 2021);
        assert_eq!(b.period, 2016);
        assert_ne!(a, b);
        let c = NumberScope::of("30/2020/NĐ-CP", None).unwrap();
        assert_eq!((c.family, c.period), (DocFamily::State, 2020));
        let d = NumberScope::of("1234/QĐ-UBND", Some(at(2024, 3, 1))).unwrap();
        assert_eq!(d.period, 2024);
        assert_eq!(NumberScope::of("1234/QĐ-UBND", None), None);
        assert_eq!(DocFamily::of("KL/TW"), None);
    }
}
