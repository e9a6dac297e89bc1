//! What is wrong with an answer, or with a set of answers, for the person answering.

use std::fmt;

use chrono::NaiveDate;

use super::visibility::shown_items;
use crate::dates::{add_months, age_on};
use crate::model::answer::{Answer, Answers, is_blank};
use crate::model::questionnaire::{Item, ItemKind, Questionnaire};
use crate::model::text::DEFAULT_LANGUAGE;

/// One thing wrong with the answers; `question` is `None` for the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerProblem {
    pub question: Option<String>,
    pub message: String,
}

impl AnswerProblem {
    pub(crate) fn at(question: &str, message: impl Into<String>) -> Self {
        Self {
            question: Some(question.to_owned()),
            message: message.into(),
        }
    }
}

impl fmt::Display for AnswerProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.question {
            Some(q) => write!(f, "question '{q}': {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Characters that are not text a person typed: control characters, and the invisible format
/// characters that reorder or hide text (bidirectional overrides, zero-width spaces, BOM).
#[must_use]
pub fn is_invisible_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// What is wrong with one answer to one item, in words for the person answering.
///
/// # Errors
/// The first problem with the answer.
pub fn check_answer(item: &Item, answer: Option<&Answer>, today: NaiveDate) -> Result<(), String> {
    let Some(answer) = answer.filter(|a| !is_blank(a)) else {
        return if item.required {
            Err(match item.kind {
                ItemKind::Multi => "Please choose at least one option.".into(),
                ItemKind::Single | ItemKind::Boolean => "Please choose an answer.".into(),
                ItemKind::Text | ItemKind::Date => "Please fill this in.".into(),
            })
        } else {
            Ok(())
        };
    };
    match answer {
        Answer::Text(s) => match item.max_length {
            Some(max) if s.chars().count() > max => Err(format!(
                "Please keep this to {max} characters (it has {}).",
                s.chars().count()
            )),
            _ if s.chars().any(is_invisible_control) => Err(
                "This holds control or invisible formatting characters; please type it again."
                    .into(),
            ),
            _ => Ok(()),
        },
        Answer::Date(date) => {
            if item.not_future && *date > today {
                return Err("This date is in the future. Please check it.".into());
            }
            if let Some(months) = item.max_months_ago
                && add_months(*date, months).is_some_and(|until| until < today)
            {
                return Err(format!(
                    "This date is more than {months} months ago. Please check it, or go back and \
                     change your earlier answer."
                ));
            }
            match (item.max_age_years, age_on(*date, today)) {
                (Some(max), Some(age)) if age > max => Err(format!(
                    "That would make you {age} years old. Please check the year."
                )),
                _ => Ok(()),
            }
        }
        Answer::Choices(codes) => {
            let mut seen = Vec::new();
            for code in codes {
                if seen.contains(&code) {
                    return Err(format!("Option '{code}' is chosen twice."));
                }
                seen.push(code);
            }
            let exclusive = item
                .options
                .iter()
                .find(|o| o.exclusive && codes.contains(&o.code));
            match exclusive {
                Some(o) if codes.len() > 1 => Err(format!(
                    "'{}' cannot be combined with other options.",
                    o.label.get(DEFAULT_LANGUAGE)
                )),
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
                .map(|message| AnswerProblem::at(&item.id, message))
        })
        .collect()
}
