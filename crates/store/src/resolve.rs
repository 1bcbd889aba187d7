//! Which stored document a reference means.
//!
//! Numbers are not unique: Party numbers restart each congress term, State
//! numbers each year ([`domain::NumberScope`]). A reference with a date must
//! match the candidate's scope (and its type when both are known); one
//! without a date means the latest candidate issued on or before the citing
//! document. Issuer equality breaks remaining ties.

use domain::{NumberScope, text::fold};

/// A stored document with the reference's number.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Candidate {
    pub id: i64,
    pub doc_type: Option<String>,
    pub issuer: Option<String>,
    pub issued_at: Option<i64>,
}

/// What the reference says about its target.
pub(crate) struct Wanted<'a> {
    pub number: &'a str,
    pub doc_type: Option<&'a str>,
    pub issuer: Option<&'a str>,
    pub date: Option<i64>,
    /// Date of the citing document.
    pub citing_date: Option<i64>,
}

/// The candidate the reference resolves to, if any.
pub(crate) fn pick(w: &Wanted<'_>, cands: &[Candidate]) -> Option<i64> {
    let type_ok = |c: &Candidate| match (w.doc_type, c.doc_type.as_deref()) {
        (Some(a), Some(b)) => fold(a) == fold(b),
        _ => true,
    };
    let scope = NumberScope::of(w.number, w.date);
    let mut fit: Vec<&Candidate> = cands
        .iter()
        .filter(|c| type_ok(c))
        .filter(|c| match scope {
            Some(s) => NumberScope::of(w.number, c.issued_at) == Some(s),
            None => match (w.citing_date, c.issued_at) {
                (Some(citing), Some(at)) => at <= citing,
                _ => true,
            },
        })
        .collect();
    if let Some(date) = w.date {
        let same_day: Vec<&Candidate> = fit
            .iter()
            .copied()
            .filter(|c| c.issued_at == Some(date))
            .collect();
        if !same_day.is_empty() {
            fit = same_day;
        }
    }
    if let Some(issuer) = w.issuer {
        let same: Vec<&Candidate> = fit
            .iter()
            .copied()
            .filter(|c| c.issuer.as_deref().map(fold) == Some(fold(issuer)))
            .collect();
        if !same.is_empty() {
            fit = same;
        }
    }
    fit.into_iter()
        .max_by_key(|c| (c.issued_at.unwrap_or(i64::MIN), c.id))
        .map(|c| c.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::date::{DAY, days_from_civil};

    fn at(y: i64, m: i64, d: i64) -> i64 {
        days_from_civil(y, m, d) * DAY
    }

    fn cand(id: i64, date: i64) -> Candidate {
        Candidate {
            id,
            doc_type: Some("Kết luận".into()),
            issuer: Some("Bộ Chính trị".into()),
            issued_at: Some(date),
        }
    }

    #[test]
    fn party_number_resolves_within_its_term() {
        let cands = [cand(1, at(2019, 5, 1)), cand(2, at(2023, 6, 15))];
        let w = |date, citing| Wanted {
            number: "57-KL/TW",
            doc_type: Some("Kết luận"),
            issuer: None,
            date,
            citing_date: citing,
        };
        assert_eq!(pick(&w(Some(at(2023, 6, 15)), None), &cands), Some(2));
        assert_eq!(pick(&w(Some(at(2019, 5, 1)), None), &cands), Some(1));
        // No date: the latest one issued before the citing document.
        assert_eq!(pick(&w(None, Some(at(2020, 1, 1))), &cands), Some(1));
        assert_eq!(pick(&w(None, Some(at(2024, 1, 1))), &cands), Some(2));
        // A date in a term where no such document is stored: unresolved.
        assert_eq!(pick(&w(Some(at(2012, 1, 1)), None), &cands), None);
    }

    #[test]
    fn state_number_resolves_by_year_and_type() {
        let mut a = cand(1, at(2023, 3, 1));
        a.doc_type = Some("Quyết định".into());
        let mut b = cand(2, at(2024, 3, 1));
        b.doc_type = Some("Quyết định".into());
        let w = Wanted {
            number: "12/QĐ-UBND",
            doc_type: Some("Quyết định"),
            issuer: None,
            date: Some(at(2024, 3, 1)),
            citing_date: None,
        };
        assert_eq!(pick(&w, &[a.clone(), b.clone()]), Some(2));
        let wrong_type = Wanted {
            doc_type: Some("Kế hoạch"),
            ..w
        };
        assert_eq!(pick(&wrong_type, &[a, b]), None);
    }
}
