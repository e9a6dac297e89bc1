//! What is wrong with an answer, or with a set of answers, for the person answering. Problems are
//! data; `words` turns them into sentences.

use chrono::NaiveDate;

use super::visibility::{effective, shown_items};
use crate::dates::{YearMonth, add_months, age_on};
use crate::model::answer::{Answer, Answers, is_blank};
use crate::model::questionnaire::{Constraint, Item, ItemKind, Questionnaire};
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
    /// A month after the reference date's month where the item allows none.
    MonthInFuture,
    /// A date more than `months` calendar months before the reference date.
    TooLongAgo { months: u32 },
    /// A date of birth giving an age above the item's `max_age_years`.
    TooOld { age: u32, max: u32 },
    /// One option chosen twice.
    ChosenTwice { code: String },
    /// An exclusive option ("none of these") chosen with others; its label for the wording.
    NotCombinable { code: String, label: Text },
    /// A constraint of the questionnaire that does not hold; its message is the questionnaire's.
    Constraint { id: String, message: Text },
}

/// One shown question whose answer is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerProblem {
    pub question: String,
    pub fault: Fault,
}

/// Characters that hide or reorder text and are never part of a name or an answer: control
/// characters, bidirectional marks, embeddings, overrides and isolates, zero-width spaces, the
/// soft hyphen, blank fillers, invisible operators and the byte-order mark.
fn always_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180E}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Zero-width joiner and non-joiner: needed between letters (Persian, Indic scripts) and inside
/// emoji sequences, invisible anywhere else.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Emoji tag characters (U+E0020–E007F) spell a subdivision flag after the black flag 🏴.
fn is_tag(c: char) -> bool {
    matches!(c, '\u{E0020}'..='\u{E007F}')
}

/// A character a person sees.
fn visible(c: char) -> bool {
    !c.is_whitespace() && !always_hidden(c) && !is_joiner(c)
}

/// Which characters of `s` hide text: the one rule for every text answer. A joiner counts as
/// text between two visible characters, a tag within a flag; every other invisible formatting
/// character hides text.
fn hidden_flags(s: &str) -> Vec<bool> {
    let chars: Vec<char> = s.chars().collect();
    let mut in_flag = false;
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            if is_tag(c) {
                // A tag continues a flag begun by 🏴 or by the tags before it.
                in_flag = in_flag || before == Some('\u{1F3F4}');
                !in_flag
            } else {
                in_flag = false;
                if is_joiner(c) {
                    !(before.is_some_and(visible) && after.is_some_and(visible))
                } else {
                    always_hidden(c)
                }
            }
        })
        .collect()
}

/// The first character of `s` that hides or reorders text, if any (see [`without_hidden`]).
#[must_use]
pub fn hidden_character(s: &str) -> Option<char> {
    s.chars()
        .zip(hidden_flags(s))
        .find_map(|(c, hidden)| hidden.then_some(c))
}

/// `s` without the characters that hide or reorder text; joiners between letters or inside
/// emoji stay, so names such as `محمد‌رضا` and sequences such as 👩‍⚕️ keep their meaning.
#[must_use]
pub fn without_hidden(s: &str) -> String {
    s.chars()
        .zip(hidden_flags(s))
        .filter_map(|(c, hidden)| (!hidden).then_some(c))
        .collect()
}

/// Whether a text answer to `item` holds a character that hides text. A long text keeps its line
/// breaks: each of its lines is checked on its own.
fn hides_text(item: &Item, s: &str) -> bool {
    if item.takes_lines() {
        s.split('\n').any(|line| hidden_character(line).is_some())
    } else {
        hidden_character(s).is_some()
    }
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
            _ if hides_text(item, s) => Err(Fault::InvisibleCharacters),
            _ => Ok(()),
        },
        Answer::Date(_) | Answer::Month(_) => check_date(item, answer, today),
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

/// A date, or a month where the item allows one: a month counts as its last day, except that the
/// current month is not in the future.
fn check_date(item: &Item, answer: &Answer, today: NaiveDate) -> Result<(), Fault> {
    let Some(date) = answer.date() else {
        return Ok(());
    };
    match answer {
        Answer::Month(month) if item.not_future && *month > YearMonth::of(today) => {
            return Err(Fault::MonthInFuture);
        }
        Answer::Date(day) if item.not_future && *day > today => return Err(Fault::InFuture),
        _ => {}
    }
    if let Some(months) = item.max_months_ago
        && add_months(date, months).is_some_and(|until| until < today)
    {
        return Err(Fault::TooLongAgo { months });
    }
    match (item.max_age_years, age_on(date, today)) {
        (Some(max), Some(age)) if age > max => Err(Fault::TooOld { age, max }),
        _ => Ok(()),
    }
}

/// What is wrong with `answer` to `item` given the other answers: [`check_answer`], then the
/// constraints that belong to `item`.
///
/// # Errors
/// The first fault.
pub fn check_in_context(
    questionnaire: &Questionnaire,
    answers: &Answers,
    item: &Item,
    answer: Option<&Answer>,
    today: NaiveDate,
) -> Result<(), Fault> {
    check_answer(item, answer, today)?;
    // Most questions have no constraint: then nothing else can be wrong with the answer.
    if !questionnaire
        .constraints
        .iter()
        .any(|c| c.question == item.id)
    {
        return Ok(());
    }
    let mut given = answers.clone();
    match answer {
        Some(answer) => given.set(&item.id, answer.clone()),
        None => {
            given.remove(&item.id);
        }
    }
    match broken_constraints(questionnaire, &given, today)
        .into_iter()
        .find(|c| c.question == item.id)
    {
        Some(c) => Err(broken(c)),
        None => Ok(()),
    }
}

fn broken(constraint: &Constraint) -> Fault {
    Fault::Constraint {
        id: constraint.id.clone(),
        message: constraint.message.clone(),
    }
}

/// The constraints that do not hold, in the order they are declared. A constraint is checked once
/// its question is shown and answered; hidden questions' answers do not count.
#[must_use]
pub fn broken_constraints<'q>(
    questionnaire: &'q Questionnaire,
    answers: &Answers,
    today: NaiveDate,
) -> Vec<&'q Constraint> {
    broken_constraints_effective(
        questionnaire,
        &effective(questionnaire, answers, today),
        today,
    )
}

/// [`broken_constraints`] of answers already reduced to those that count.
#[must_use]
pub fn broken_constraints_effective<'q>(
    questionnaire: &'q Questionnaire,
    shown: &Answers,
    today: NaiveDate,
) -> Vec<&'q Constraint> {
    questionnaire
        .constraints
        .iter()
        .filter(|c| shown.get(&c.question).is_some() && !c.require.holds(shown, today))
        .collect()
}

/// Every problem with a set of answers: each shown question checked, hidden ones ignored, then
/// the constraints that do not hold (each at its question, unless that has a problem already).
#[must_use]
pub fn problems(
    questionnaire: &Questionnaire,
    answers: &Answers,
    today: NaiveDate,
) -> Vec<AnswerProblem> {
    let mut found: Vec<AnswerProblem> = shown_items(questionnaire, answers, today)
        .into_iter()
        .filter_map(|item| {
            check_answer(item, answers.get(&item.id), today)
                .err()
                .map(|fault| AnswerProblem {
                    question: item.id.clone(),
                    fault,
                })
        })
        .collect();
    let constraints: Vec<AnswerProblem> = disagreements(questionnaire, answers, today)
        .into_iter()
        .filter(|c| !found.iter().any(|p| p.question == c.question))
        .collect();
    found.extend(constraints);
    found
}

/// The constraints that do not hold, each as a problem at its question.
#[must_use]
pub fn disagreements(
    questionnaire: &Questionnaire,
    answers: &Answers,
    today: NaiveDate,
) -> Vec<AnswerProblem> {
    disagreements_effective(
        questionnaire,
        &effective(questionnaire, answers, today),
        today,
    )
}

/// [`disagreements`] of answers already reduced to those that count.
#[must_use]
pub fn disagreements_effective(
    questionnaire: &Questionnaire,
    shown: &Answers,
    today: NaiveDate,
) -> Vec<AnswerProblem> {
    broken_constraints_effective(questionnaire, shown, today)
        .into_iter()
        .map(|c| AnswerProblem {
            question: c.question.clone(),
            fault: broken(c),
        })
        .collect()
}
