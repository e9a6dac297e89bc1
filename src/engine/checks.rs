//! What is wrong with an answer, or with a set of answers, for the person answering. Problems are
//! data; `words` turns them into sentences.

use chrono::NaiveDate;

use super::visibility::shown_items;
use crate::dates::{add_months, age_on};
use crate::model::answer::{Answer, Answers, is_blank};
use crate::model::questionnaire::{Item, ItemKind, Questionnaire};
use crate::model::text::Text;

/// What is wrong with one answer to one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// A required question is unanswered; its kind decides how to ask for an answer.
    Missing { kind: ItemKind },
    /// Text longer than the item's `max_length`.
    TooLong { max: usize, length: usize },
    /// Text holding control or invisible formatting characters.
    InvisibleCharacters,
    /// A date after the reference date where the item allows none.
    InFuture,
    /// A date more than `months` calendar months before the reference date.
    TooLongAgo { months: u32 },
    /// A date of birth giving an age above the item's `max_age_years`.
    TooOld { age: u32, max: u32 },
    /// One option chosen twice.
    ChosenTwice { code: String },
    /// An exclusive option ("none of these") chosen with others; its label for the wording.
    NotCombinable { code: String, label: Text },
}

/// One shown question whose answer is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerProblem {
    pub question: String,
    pub fault: Fault,
}

/// Characters that are not text a person typed: control characters, and the invisible format
/// characters that reorder or hide text (bidirectional overrides, zero-width spaces, BOM).
#[must_use]
pub fn is_invisible_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// What is wrong with one answer to one item.
///
/// # Errors
/// The first fault of the answer.
pub fn check_answer(item: &Item, answer: Option<&Answer>, today: NaiveDate) -> Result<(), Fault> {
    let Some(answer) = answer.filter(|a| !is_blank(a)) else {
        return if item.required {
            Err(Fault::Missing { kind: item.kind })
        } else {
            Ok(())
        };
    };
    match answer {
        Answer::Text(s) => match item.max_length {
            Some(max) if s.chars().count() > max => Err(Fault::TooLong {
                max,
                length: s.chars().count(),
            }),
            _ if s.chars().any(is_invisible_control) => Err(Fault::InvisibleCharacters),
            _ => Ok(()),
        },
        Answer::Date(date) => {
            if item.not_future && *date > today {
                return Err(Fault::InFuture);
            }
            if let Some(months) = item.max_months_ago
                && add_months(*date, months).is_some_and(|until| until < today)
            {
                return Err(Fault::TooLongAgo { months });
            }
            match (item.max_age_years, age_on(*date, today)) {
                (Some(max), Some(age)) if age > max => Err(Fault::TooOld { age, max }),
                _ => Ok(()),
            }
        }
        Answer::Choices(codes) => {
            let mut seen = Vec::new();
            for code in codes {
                if seen.contains(&code) {
                    return Err(Fault::ChosenTwice { code: code.clone() });
                }
                seen.push(code);
            }
            let exclusive = item
                .options
                .iter()
                .find(|o| o.exclusive && codes.contains(&o.code));
            match exclusive {
                Some(o) if codes.len() > 1 => Err(Fault::NotCombinable {
                    code: o.code.clone(),
                    label: o.label.clone(),
                }),
                _ => Ok(()),
            }
        }
        Answer::Bool(_) | Answer::Choice(_) => Ok(()),
    }
}

/// Every problem with a set of answers: each shown question checked, hidden ones ignored.
#[must_use]
pub fn problems(
    questionnaire: &Questionnaire,
    answers: &Answers,
    today: NaiveDate,
) -> Vec<AnswerProblem> {
    shown_items(questionnaire, answers, today)
        .into_iter()
        .filter_map(|item| {
            check_answer(item, answers.get(&item.id), today)
                .err()
                .map(|fault| AnswerProblem {
                    question: item.id.clone(),
                    fault,
                })
        })
        .collect()
}
