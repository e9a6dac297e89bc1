//! An answer as the patient reads it, as data: `words` writes yes/no, dates and lists in a
//! language.

use chrono::NaiveDate;

use crate::dates::YearMonth;
use crate::model::answer::Answer;
use crate::model::questionnaire::Item;

/// What an answer shows: the questionnaire's own texts already in the language asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown<'a> {
    Text(&'a str),
    Date(NaiveDate),
    /// A date known only to the month.
    Month(YearMonth),
    YesNo(bool),
    /// The chosen options' labels, in the order chosen; a code the item lacks shows as itself.
    Options(Vec<&'a str>),
}

/// The answer as the patient sees it, with option labels in `language`.
#[must_use]
pub fn shown<'a>(item: &'a Item, answer: &'a Answer, language: &str) -> Shown<'a> {
    let label = |code: &'a String| {
        item.option(code)
            .map_or(code.as_str(), |o| o.label.get(language))
    };
    match answer {
        Answer::Text(s) => Shown::Text(s),
        Answer::Date(d) => Shown::Date(*d),
        Answer::Month(m) => Shown::Month(*m),
        Answer::Bool(b) => Shown::YesNo(*b),
        Answer::Choice(code) => Shown::Options(vec![label(code)]),
        Answer::Choices(codes) => Shown::Options(codes.iter().map(label).collect()),
    }
}
