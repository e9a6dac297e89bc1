//! Dates: ages, calendar months, and dates as they are written or typed, to the day or (where the
//! question allows it) to the month.

use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate};

/// The latest date accepted anywhere a date comes in (reference dates, answers, typed dates). A
/// delay (at most 10 years) and a course of sessions (at most 49 × 52 weeks) from it stay within
/// four-digit years, so no export ever writes a year past 9999.
pub const LATEST: NaiveDate = NaiveDate::from_ymd_opt(9900, 12, 31).expect("a real date");

/// Age in completed years on `on`: 18 on the 18th birthday itself. `None` before birth.
#[must_use]
pub fn age_on(born: NaiveDate, on: NaiveDate) -> Option<u32> {
    on.years_since(born)
}

/// The first day on which [`age_on`] gives `years`: the birthday, or 1 March for someone born on
/// 29 February when that year has none.
#[must_use]
pub fn birthday(born: NaiveDate, years: u32) -> Option<NaiveDate> {
    let year = born.year().checked_add(i32::try_from(years).ok()?)?;
    born.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
}

/// `date` plus calendar months; a day past the target month's end clamps to its last day.
#[must_use]
pub fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

/// `date` plus days.
#[must_use]
pub fn add_days(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(u64::from(days)))
}

/// A month of a year (years 1 to 9999), for a date known only to the month. Written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u32,
}

impl YearMonth {
    /// `None` unless `month` is 1 to 12 and `year` 1 to 9999.
    #[must_use]
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month)).then_some(Self { year, month })
    }

    /// The month `date` falls in.
    #[must_use]
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    #[must_use]
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The date a month stands for in waiting periods: its last day, the safe side.
    #[must_use]
    pub fn last_day(self) -> NaiveDate {
        let next = add_months(self.first_day(), 1).unwrap_or(NaiveDate::MAX);
        next.pred_opt().unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Why a written or typed date was not read; `given` is the text as it was given (typed text
/// trimmed). `month_allowed`: the question takes a month and year as well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Not a real calendar date written `YYYY-MM-DD` (nor, where allowed, a month `YYYY-MM`).
    NotIso { given: String, month_allowed: bool },
    /// Neither `YYYY-MM-DD` nor `DD/MM/YYYY`, nor (where allowed) a month and year.
    NotTyped { given: String, month_allowed: bool },
    /// A real date (or a month's last day) after [`LATEST`].
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

/// A day, or a month whose last day is, no later than [`LATEST`].
fn typed_within_range(typed: Typed) -> Result<Typed, DateProblem> {
    match typed {
        Typed::Day(date) => within_range(date).map(Typed::Day),
        Typed::Month(month) => within_range(month.last_day()).map(|_| typed),
    }
}

/// A date as given: a day, or only a month where the question allows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Day(NaiveDate),
    Month(YearMonth),
}

fn digits(s: &str, len: std::ops::RangeInclusive<usize>) -> bool {
    len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// A date written `YYYY-MM-DD`, a real calendar date no later than [`LATEST`].
///
/// # Errors
/// [`DateProblem::NotIso`], or [`DateProblem::TooLate`].
pub fn parse_iso_date(s: &str) -> Result<NaiveDate, DateProblem> {
    iso(s)
        .ok_or_else(|| DateProblem::NotIso {
            given: s.to_owned(),
            month_allowed: false,
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

/// A month written `YYYY-MM`.
fn parse_iso_month(s: &str) -> Option<YearMonth> {
    match s.split_once('-') {
        Some((y, m)) if digits(y, 4..=4) && digits(m, 2..=2) => {
            YearMonth::new(y.parse().ok()?, m.parse().ok()?)
        }
        _ => None,
    }
}

/// A date as written in an answers file: `YYYY-MM-DD`, or `YYYY-MM` where a month is enough
/// (`approximate`).
///
/// # Errors
/// [`DateProblem::NotIso`], or [`DateProblem::TooLate`].
pub fn parse_iso(s: &str, approximate: bool) -> Result<Typed, DateProblem> {
    if let Some(date) = iso(s) {
        return typed_within_range(Typed::Day(date));
    }
    match parse_iso_month(s) {
        Some(month) if approximate => typed_within_range(Typed::Month(month)),
        _ => Err(DateProblem::NotIso {
            given: s.to_owned(),
            month_allowed: approximate,
        }),
    }
}

/// A date as a person types it: `YYYY-MM-DD`, or `DD/MM/YYYY` (day first, as in the UK and most of
/// Europe; one- or two-digit day and month). Where a month is enough (`approximate`), also a month
/// and year: `2026-08`, `08/2026`, `August 2026`, `Aug 2026`, or in Spanish `agosto 2026`,
/// `agosto de 2026`, `ago 2026` (the names of every language the screens speak are read in any of
/// them: no two name different months). No later than [`LATEST`].
///
/// # Errors
/// [`DateProblem::NotTyped`], or [`DateProblem::TooLate`].
pub fn parse_date_input(s: &str, approximate: bool) -> Result<Typed, DateProblem> {
    let s = s.trim();
    if let Some(date) = parse_day(s) {
        return typed_within_range(Typed::Day(date));
    }
    match parse_month(s) {
        Some(month) if approximate => typed_within_range(Typed::Month(month)),
        _ => Err(DateProblem::NotTyped {
            given: s.to_owned(),
            month_allowed: approximate,
        }),
    }
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    if let Some(date) = iso(s) {
        return Some(date);
    }
    match s.split('/').collect::<Vec<_>>()[..] {
        [d, m, y] if digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4) => {
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

fn parse_month(s: &str) -> Option<YearMonth> {
    if let Some(month) = parse_iso_month(s) {
        return Some(month);
    }
    if let Some((m, y)) = s.split_once('/') {
        return (digits(m, 1..=2) && digits(y, 4..=4))
            .then(|| YearMonth::new(y.parse().ok()?, m.parse().ok()?))
            .flatten();
    }
    // A month name and a year: "August 2026", "aug 2026", "August, 2026", "agosto de 2026".
    let (name, year) = s.rsplit_once([' ', ','])?;
    let name = name.trim_end_matches([' ', ',']);
    let month = match name.parse::<chrono::Month>() {
        Ok(month) => month.number_from_month(),
        Err(_) => spanish_month(name)?,
    };
    if !digits(year, 4..=4) {
        return None;
    }
    YearMonth::new(year.parse().ok()?, month)
}

/// Spanish month names, full and short, as typed (`agosto`, `Ago`, `septiembre`, `setiembre`,
/// `sept.`), with or without the `de` before the year.
const SPANISH_MONTHS: [(&str, &str); 12] = [
    ("enero", "ene"),
    ("febrero", "feb"),
    ("marzo", "mar"),
    ("abril", "abr"),
    ("mayo", "may"),
    ("junio", "jun"),
    ("julio", "jul"),
    ("agosto", "ago"),
    ("septiembre", "sep"),
    ("octubre", "oct"),
    ("noviembre", "nov"),
    ("diciembre", "dic"),
];

fn spanish_month(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    let name = name
        .strip_suffix(" de")
        .unwrap_or(&name)
        .trim_end_matches('.');
    let name = match name {
        "setiembre" | "sept" | "set" => "septiembre",
        other => other,
    };
    let index = SPANISH_MONTHS
        .iter()
        .position(|(full, short)| name == *full || name == *short)?;
    u32::try_from(index + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn month(y: i32, m: u32) -> Typed {
        Typed::Month(YearMonth::new(y, m).unwrap())
    }

    fn not_typed(given: &str, month_allowed: bool) -> Result<Typed, DateProblem> {
        Err(DateProblem::NotTyped {
            given: given.into(),
            month_allowed,
        })
    }

    fn not_iso(given: &str, month_allowed: bool) -> Result<Typed, DateProblem> {
        Err(DateProblem::NotIso {
            given: given.into(),
            month_allowed,
        })
    }

    #[test]
    fn dates_are_read_in_both_forms() {
        let want = Ok(Typed::Day(d(1980, 5, 31)));
        assert_eq!(parse_date_input("1980-05-31", false), want);
        assert_eq!(parse_date_input(" 31/05/1980 ", false), want);
        assert_eq!(parse_date_input("31/5/1980", false), want);
        assert_eq!(
            parse_date_input(" 05/31/1980 ", false),
            not_typed("05/31/1980", false)
        );
        assert!(parse_date_input("31/05/80", false).is_err());
        assert!(parse_date_input("", false).is_err());
        assert!(parse_date_input("1980-02-30", false).is_err());
        assert_eq!(
            parse_iso_date("1980-02-30"),
            Err(DateProblem::NotIso {
                given: "1980-02-30".into(),
                month_allowed: false
            })
        );
    }

    #[test]
    fn a_month_is_read_only_where_a_month_is_enough() {
        for typed in [
            "2026-08",
            "08/2026",
            "8/2026",
            "August 2026",
            "aug 2026",
            "August, 2026",
            "agosto 2026",
            "Agosto de 2026",
            "ago 2026",
            "ago. 2026",
        ] {
            assert_eq!(parse_date_input(typed, true), Ok(month(2026, 8)), "{typed}");
            assert_eq!(parse_date_input(typed, false), not_typed(typed, false));
        }
        assert_eq!(
            parse_date_input("15/08/2026", true),
            Ok(Typed::Day(d(2026, 8, 15)))
        );
        for typed in [
            "13/2026",
            "2026-13",
            "Augustus 2026",
            "agostos 2026",
            "de 2026",
            "August 26",
            "2026",
            "08/26",
        ] {
            assert_eq!(parse_date_input(typed, true), not_typed(typed, true));
        }
    }

    #[test]
    fn spanish_month_names_are_read() {
        for (m, (full, short)) in (1..).zip(SPANISH_MONTHS) {
            for typed in [
                format!("{full} 2026"),
                format!("{} de 2026", full.to_uppercase()),
                format!("{short} 2026"),
            ] {
                assert_eq!(
                    parse_date_input(&typed, true),
                    Ok(month(2026, m)),
                    "{typed}"
                );
            }
        }
        assert_eq!(parse_date_input("setiembre 2026", true), Ok(month(2026, 9)));
        assert_eq!(
            parse_date_input("3 dic 2026", true),
            not_typed("3 dic 2026", true)
        );
    }

    #[test]
    fn answers_files_write_a_month_as_yyyy_mm() {
        assert_eq!(parse_iso("2026-08", true), Ok(month(2026, 8)));
        assert_eq!(
            parse_iso("2026-08-15", true),
            Ok(Typed::Day(d(2026, 8, 15)))
        );
        assert_eq!(parse_iso("2026-08", false), not_iso("2026-08", false));
        assert_eq!(parse_iso("08/2026", true), not_iso("08/2026", true));
        assert_eq!(parse_iso("2026-8", true), not_iso("2026-8", true));
        assert_eq!(YearMonth::new(2026, 8).unwrap().to_string(), "2026-08");
    }

    #[test]
    fn dates_past_the_latest_are_refused_where_they_come_in() {
        let late = NaiveDate::from_ymd_opt(9901, 1, 1).unwrap();
        for typed in ["9901-01-01", "01/01/9901"] {
            assert_eq!(
                parse_date_input(typed, false),
                Err(DateProblem::TooLate { date: late })
            );
        }
        assert!(parse_iso_date("9999-12-31").is_err());
        assert_eq!(parse_iso_date("9900-12-31"), Ok(LATEST));
        let last = NaiveDate::from_ymd_opt(9901, 1, 31).unwrap();
        for typed in ["9901-01", "01/9901", "January 9901"] {
            assert_eq!(
                parse_date_input(typed, true),
                Err(DateProblem::TooLate { date: last })
            );
        }
        assert_eq!(
            parse_iso("9901-01", true),
            Err(DateProblem::TooLate { date: last })
        );
        assert_eq!(parse_iso("9900-12", true), Ok(month(9900, 12)));
    }

    #[test]
    fn a_month_counts_as_its_last_day() {
        let last = |y, m| YearMonth::new(y, m).unwrap().last_day();
        assert_eq!(last(2026, 8), d(2026, 8, 31));
        assert_eq!(last(2026, 11), d(2026, 11, 30));
        assert_eq!(last(2028, 2), d(2028, 2, 29));
        assert_eq!(last(2027, 2), d(2027, 2, 28));
        assert_eq!(last(2026, 12), d(2026, 12, 31));
        assert_eq!(YearMonth::new(2026, 8).unwrap().first_day(), d(2026, 8, 1));
        assert_eq!(YearMonth::new(2026, 0), None);
        assert_eq!(YearMonth::new(2026, 13), None);
    }

    #[test]
    fn calendar_arithmetic() {
        assert_eq!(add_months(d(2026, 5, 31), 6), Some(d(2026, 11, 30)));
        assert_eq!(add_months(d(2027, 8, 31), 6), Some(d(2028, 2, 29)));
        assert_eq!(add_days(d(2026, 11, 15), 14), Some(d(2026, 11, 29)));
        assert_eq!(age_on(d(2008, 11, 24), d(2026, 11, 24)), Some(18));
        assert_eq!(age_on(d(2008, 11, 25), d(2026, 11, 24)), Some(17));
        assert_eq!(age_on(d(2027, 1, 1), d(2026, 11, 24)), None);
    }

    #[test]
    fn the_birthday_is_the_day_the_age_is_reached() {
        assert_eq!(birthday(d(2008, 11, 25), 18), Some(d(2026, 11, 25)));
        // Born on 29 February: 18 on 1 March in a year without one, as age_on counts.
        assert_eq!(birthday(d(2008, 2, 29), 18), Some(d(2026, 3, 1)));
        assert_eq!(age_on(d(2008, 2, 29), d(2026, 2, 28)), Some(17));
        assert_eq!(age_on(d(2008, 2, 29), d(2026, 3, 1)), Some(18));
        assert_eq!(birthday(d(2008, 2, 29), 20), Some(d(2028, 2, 29)));
    }
}
