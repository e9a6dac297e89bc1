//! An answer as the patient reads it.

use crate::model::answer::Answer;
use crate::model::questionnaire::Item;

/// The answer as the patient sees it: option labels, yes/no, a written-out date.
#[must_use]
pub fn answer_text(item: &Item, answer: &Answer, language: &str) -> String {
    let label = |code: &str| {
        item.option(code)
            .map_or_else(|| code.to_owned(), |o| o.label.get(language).to_owned())
    };
    match answer {
        Answer::Text(s) => s.clone(),
        Answer::Date(d) => d.format("%-d %B %Y").to_string(),
        Answer::Bool(true) => "Yes".into(),
        Answer::Bool(false) => "No".into(),
        Answer::Choice(code) => label(code),
        Answer::Choices(codes) => codes
            .iter()
            .map(|c| label(c))
            .collect::<Vec<_>>()
            .join(", "),
    }
}
