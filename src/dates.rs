//! Dates: ages, calendar months, and dates as they are written or typed.

use chrono::{Months, NaiveDate};

/// The latest date accepted anywhere a date comes in (reference dates, answers, typed dates). A
/// delay (at most 10 years) and a course of sessions (at most 49 × 52 weeks) from it stay within
/// four-digit years, so no export ever writes a year past 9999.
pub const LATEST: NaiveDate = NaiveDate::from_ymd_opt(9900, 12, 31).expect("a real date");

/// Age in completed years on `on`: 18 on the 18th birthday itself. `None` before birth.
#[must_use]
pub fn age_on(born: NaiveDate, on: NaiveDate) -> Option<u32> {
    on.years_since(born)
}

/// `date` plus calendar months; a day past the target month's end clamps to its last day.
#[must_use]
pub fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

/// Why a written or typed date was not read; `given` is the text as it was given (typed text
/// trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Not a real calendar date written `YYYY-MM-DD`.
    NotIso { given: String },
    /// Neither `YYYY-MM-DD` nor `DD/MM/YYYY`, or not a real calendar date.
    NotTyped { given: String },
    /// A real date after [`LATEST`].
    TooLate { date: NaiveDate },
}

/// `date`, unless it is after [`LATEST`].
///
/// # Errors
/// [`DateProblem::TooLate`].
pub fn within_range(date: NaiveDate) -> Result<NaiveDate, DateProblem> {
    if date > LATEST {
        Err(DateProblem::TooLate { date })
    } else {
        Ok(date)
    }
}

/// A date written `YYYY-MM-DD`, a real calendar date no later than [`LATEST`].
///
/// # Errors
/// [`DateProblem::NotIso`], or [`DateProblem::TooLate`].
pub fn parse_iso_date(s: &str) -> Result<NaiveDate, DateProblem> {
    iso(s)
        .ok_or_else(|| DateProblem::NotIso {
            given: s.to_owned(),
        })
        .and_then(within_range)
}

fn iso(s: &str) -> Option<NaiveDate> {
    let well_formed = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    well_formed
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}

/// A date as a person types it: `YYYY-MM-DD`, or `DD/MM/YYYY` (day first, as in the UK and most of
/// Europe; one- or two-digit day and month); no later than [`LATEST`].
///
/// # Errors
/// [`DateProblem::NotTyped`], or [`DateProblem::TooLate`].
pub fn parse_date_input(s: &str) -> Result<NaiveDate, DateProblem> {
    let s = s.trim();
    if let Some(date) = iso(s) {
        return within_range(date);
    }
    let parts: Vec<&str> = s.split('/').collect();
    let numeric = |p: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if let [d, m, y] = parts[..]
        && numeric(d, 1..=2)
        && numeric(m, 1..=2)
        && numeric(y, 4..=4)
        && let (Ok(d), Ok(m), Ok(y)) = (d.parse(), m.parse(), y.parse())
        && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
    {
        return within_range(date);
    }
    Err(DateProblem::NotTyped {
        given: s.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_in_both_forms() {
        let want = NaiveDate::from_ymd_opt(1980, 5, 31).unwrap();
        assert_eq!(parse_date_input("1980-05-31"), Ok(want));
        assert_eq!(parse_date_input(" 31/05/1980 "), Ok(want));
        assert_eq!(parse_date_input("31/5/1980"), Ok(want));
        assert_eq!(
            parse_date_input(" 05/31/1980 "),
            Err(DateProblem::NotTyped {
                given: "05/31/1980".into()
            })
        );
        assert!(parse_date_input("31/05/80").is_err());
        assert!(parse_date_input("").is_err());
        assert!(parse_date_input("1980-02-30").is_err());
        assert_eq!(
            parse_iso_date("1980-02-30"),
            Err(DateProblem::NotIso {
                given: "1980-02-30".into()
            })
        );
    }

    #[test]
    fn dates_past_the_latest_are_refused_where_they_come_in() {
        let late = NaiveDate::from_ymd_opt(9901, 1, 1).unwrap();
        for typed in ["9901-01-01", "01/01/9901"] {
            assert_eq!(
                parse_date_input(typed),
                Err(DateProblem::TooLate { date: late })
            );
        }
        assert!(parse_iso_date("9999-12-31").is_err());
        assert_eq!(parse_iso_date("9900-12-31"), Ok(LATEST));
    }
}
