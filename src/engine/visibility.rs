//! Which questions are shown for a set of answers, and moving among them.

use chrono::NaiveDate;

use crate::model::answer::{Answer, Answers, is_blank};
use crate::model::questionnaire::{Item, Questionnaire};

/// The items shown for these answers, in questionnaire order. An item is shown when it has no
/// `show_if` or its `show_if` holds on the answers to the items shown before it.
#[must_use]
pub fn shown_items<'q>(
    questionnaire: &'q Questionnaire,
    answers: &Answers,
    today: NaiveDate,
) -> Vec<&'q Item> {
    let mut shown = Vec::new();
    let mut effective = Answers::new();
    for item in questionnaire.items() {
        if item
            .show_if
            .as_ref()
            .is_none_or(|c| c.holds(&effective, today))
        {
            if let Some(answer) = answers.get(&item.id).filter(|a| !is_blank(a)) {
                effective.set(&item.id, answer.clone());
            }
            shown.push(item);
        }
    }
    shown
}

/// The answers that count: non-blank answers to shown questions. Answers to hidden questions are
/// ignored.
#[must_use]
pub fn effective(questionnaire: &Questionnaire, answers: &Answers, today: NaiveDate) -> Answers {
    shown_items(questionnaire, answers, today)
        .into_iter()
        .filter_map(|item| {
            let answer = answers.get(&item.id).filter(|a| !is_blank(a))?;
            Some((item.id.clone(), answer.clone()))
        })
        .collect()
}

/// The patient's name as answered (trimmed), if there is one.
#[must_use]
pub fn patient_name<'a>(questionnaire: &Questionnaire, answers: &'a Answers) -> Option<&'a str> {
    match answers.get(&questionnaire.patient.name) {
        Some(Answer::Text(name)) => Some(name.trim()).filter(|name| !name.is_empty()),
        _ => None,
    }
}

/// The patient's date of birth as answered, if there is one.
#[must_use]
pub fn patient_birth_date(questionnaire: &Questionnaire, answers: &Answers) -> Option<NaiveDate> {
    match answers.get(&questionnaire.patient.date_of_birth) {
        Some(Answer::Date(born)) => Some(*born),
        _ => None,
    }
}

/// The shown questions that have an answer (a blank answer to an optional question counts), in
/// order: what the review lists and what "k answered" counts.
#[must_use]
pub fn answered_items<'q>(
    questionnaire: &'q Questionnaire,
    answers: &Answers,
    today: NaiveDate,
) -> Vec<&'q Item> {
    shown_items(questionnaire, answers, today)
        .into_iter()
        .filter(|item| answers.get(&item.id).is_some())
        .collect()
}
