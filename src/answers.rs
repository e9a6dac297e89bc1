//! Answers: their values, reading an answers file, which questions are shown, and what is wrong.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::condition::{add_months, age_on};
use crate::questionnaire::{Item, ItemKind, Questionnaire};

/// One answer, typed by its item: text, date, yes/no, one option code, or several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    Text(String),
    Date(NaiveDate),
    Bool(bool),
    Choice(String),
    Choices(Vec<String>),
}

/// Answers by question id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Answers(BTreeMap<String, Answer>);

impl Answers {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    #[must_use]
    pub fn get(&self, question: &str) -> Option<&Answer> {
        self.0.get(question)
    }

    pub fn set(&mut self, question: &str, answer: Answer) {
        self.0.insert(question.to_owned(), answer);
    }

    pub fn remove(&mut self, question: &str) -> Option<Answer> {
        self.0.remove(question)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Answer)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<(String, Answer)> for Answers {
    fn from_iter<T: IntoIterator<Item = (String, Answer)>>(iter: T) -> Self {
        Self(iter.into_iter().collect())
    }
}

/// One thing wrong with the answers; `question` is `None` for the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerProblem {
    pub question: Option<String>,
    pub message: String,
}

impl AnswerProblem {
    fn at(question: &str, message: impl Into<String>) -> Self {
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

/// Reads an answers file, `{"answers": {"<question id>": value}}`, typing each value by its item.
/// Returns the answers that could be read and every problem found: JSON syntax (with line and
/// column), a wrong shape, unknown question ids, values of the wrong type, unknown option codes,
/// malformed dates. Problems of the file as a whole have no question.
#[must_use]
pub fn parse_file(questionnaire: &Questionnaire, text: &str) -> (Answers, Vec<AnswerProblem>) {
    let file_problem = |message: String| AnswerProblem {
        question: None,
        message,
    };
    if text.trim().is_empty() {
        let message = r#"the file is empty; it should hold {"answers": {...}}"#;
        return (Answers::new(), vec![file_problem(message.into())]);
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            let message = format!(
                "line {}, column {}: not valid JSON: {}",
                e.line(),
                e.column(),
                crate::questionnaire::without_position(&e)
            );
            return (Answers::new(), vec![file_problem(message)]);
        }
    };
    let Value::Object(top) = value else {
        let message = r#"expected an object such as {"answers": {"full_name": "Ada Lovelace"}}"#;
        return (Answers::new(), vec![file_problem(message.into())]);
    };
    let mut problems: Vec<AnswerProblem> = top
        .keys()
        .filter(|k| *k != "answers")
        .map(|key| {
            file_problem(format!(
                "unknown field '{key}': the file holds only \"answers\""
            ))
        })
        .collect();
    let given = match top.get("answers") {
        Some(Value::Object(given)) => given,
        Some(other) => {
            let message = format!(
                r#""answers" must be an object of question id to answer, not {}"#,
                describe(other)
            );
            problems.push(file_problem(message));
            return (Answers::new(), problems);
        }
        None => {
            let message = r#"missing "answers": an object of question id to answer"#;
            problems.push(file_problem(message.into()));
            return (Answers::new(), problems);
        }
    };
    let mut answers = Answers::new();
    for (id, value) in given {
        match questionnaire.item(id) {
            None => problems.push(AnswerProblem::at(
                id,
                "no such question in this questionnaire",
            )),
            Some(item) => match from_json(item, value) {
                Ok(answer) => answers.set(id, answer),
                Err(message) => problems.push(AnswerProblem::at(id, message)),
            },
        }
    }
    (answers, problems)
}

/// Reads an answers file and checks it completely: every problem of [`parse_file`], then, when
/// the file as a whole was readable, every problem of [`problems`] on questions not named already.
///
/// # Errors
/// Every problem found.
pub fn read_and_check(
    questionnaire: &Questionnaire,
    text: &str,
    today: NaiveDate,
) -> Result<Answers, Vec<AnswerProblem>> {
    let (answers, mut found) = parse_file(questionnaire, text);
    if found.iter().all(|p| p.question.is_some()) {
        let named: Vec<String> = found.iter().filter_map(|p| p.question.clone()).collect();
        found.extend(
            problems(questionnaire, &answers, today)
                .into_iter()
                .filter(|p| p.question.as_ref().is_none_or(|q| !named.contains(q))),
        );
    }
    if found.is_empty() {
        Ok(answers)
    } else {
        Err(found)
    }
}

/// Types one JSON value by its item.
///
/// # Errors
/// What is wrong with the value, in words.
pub fn from_json(item: &Item, value: &Value) -> Result<Answer, String> {
    let expected = match item.kind {
        ItemKind::Text => "a string",
        ItemKind::Date => r#"a date as "YYYY-MM-DD""#,
        ItemKind::Boolean => "true or false",
        ItemKind::Single => "one option code as a string",
        ItemKind::Multi => "a list of option codes",
    };
    let wrong = || format!("expected {expected}, found {}", describe(value));
    let code = |code: &str| match item.option(code) {
        Some(_) => Ok(code.to_owned()),
        None => Err(format!(
            "unknown option '{code}'; the options are: {}",
            item.options
                .iter()
                .map(|o| o.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    };
    match (item.kind, value) {
        (ItemKind::Text, Value::String(s)) => Ok(Answer::Text(s.clone())),
        (ItemKind::Date, Value::String(s)) => parse_iso_date(s).map(Answer::Date),
        (ItemKind::Boolean, Value::Bool(b)) => Ok(Answer::Bool(*b)),
        (ItemKind::Single, Value::String(s)) => code(s).map(Answer::Choice),
        (ItemKind::Multi, Value::Array(list)) => list
            .iter()
            .map(|v| v.as_str().ok_or_else(wrong).and_then(code))
            .collect::<Result<_, _>>()
            .map(Answer::Choices),
        _ => Err(wrong()),
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A date written `YYYY-MM-DD`, a real calendar date.
///
/// # Errors
/// A message naming the expected form.
pub fn parse_iso_date(s: &str) -> Result<NaiveDate, String> {
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
        .ok_or_else(|| {
            format!("'{s}' is not a real date written as YYYY-MM-DD (for example 1980-05-31)")
        })
}

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

/// An answer that says nothing: empty text, or no option chosen.
#[must_use]
pub fn is_blank(answer: &Answer) -> bool {
    match answer {
        Answer::Text(s) => s.trim().is_empty(),
        Answer::Choices(codes) => codes.is_empty(),
        _ => false,
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
                    o.label.get(crate::text::DEFAULT_LANGUAGE)
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

/// The answer as the patient sees it: option labels, yes/no, a written-out date.
#[must_use]
pub fn display(item: &Item, answer: &Answer, language: &str) -> String {
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

/// Where a question stands among the questions shown for these answers: `(k, n)`, 1-based, or
/// `None` when it is not shown.
#[must_use]
pub fn position(
    questionnaire: &Questionnaire,
    answers: &Answers,
    today: NaiveDate,
    question: &str,
) -> Option<(usize, usize)> {
    let shown = shown_items(questionnaire, answers, today);
    let k = shown.iter().position(|i| i.id == question)?;
    Some((k + 1, shown.len()))
}

/// The shown question after `question` (in questionnaire order, even when `question` itself is no
/// longer shown), or `None` at the end.
#[must_use]
pub fn next_shown<'q>(
    questionnaire: &'q Questionnaire,
    answers: &Answers,
    today: NaiveDate,
    question: &str,
) -> Option<&'q Item> {
    let (_, after) = shown_around(questionnaire, answers, today, question)?;
    after.into_iter().next()
}

/// The shown question before `question`, or `None` at the start.
#[must_use]
pub fn previous_shown<'q>(
    questionnaire: &'q Questionnaire,
    answers: &Answers,
    today: NaiveDate,
    question: &str,
) -> Option<&'q Item> {
    let (before, _) = shown_around(questionnaire, answers, today, question)?;
    before.into_iter().last()
}

/// The shown questions before and after `question` in questionnaire order.
fn shown_around<'q>(
    questionnaire: &'q Questionnaire,
    answers: &Answers,
    today: NaiveDate,
    question: &str,
) -> Option<(Vec<&'q Item>, Vec<&'q Item>)> {
    let position = |id: &str| questionnaire.items().position(|i| i.id == id);
    let at = position(question)?;
    let (before, after): (Vec<_>, Vec<_>) = shown_items(questionnaire, answers, today)
        .into_iter()
        .filter(|item| item.id != question)
        .partition(|item| position(&item.id) < Some(at));
    Some((before, after))
}

/// The patient's name as answered (trimmed), if there is one.
#[must_use]
pub fn patient_name<'a>(questionnaire: &Questionnaire, answers: &'a Answers) -> Option<&'a str> {
    match answers.get(&questionnaire.patient.name) {
        Some(Answer::Text(name)) => Some(name.trim()).filter(|name| !name.is_empty()),
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

/// The first shown question with no answer at all (a blank answer to an optional question counts
/// as answered: the person chose to leave it empty).
#[must_use]
pub fn first_unanswered<'q>(
    questionnaire: &'q Questionnaire,
    answers: &Answers,
    today: NaiveDate,
) -> Option<&'q Item> {
    shown_items(questionnaire, answers, today)
        .into_iter()
        .find(|item| answers.get(&item.id).is_none())
}

/// A date as a person types it: `YYYY-MM-DD`, or `DD/MM/YYYY` (day first, as in the UK and most of
/// Europe; one- or two-digit day and month).
///
/// # Errors
/// A message naming both accepted forms.
pub fn parse_date_input(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    if let Ok(date) = parse_iso_date(s) {
        return Ok(date);
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
        return Ok(date);
    }
    Err(format!(
        "'{s}' is not a date we can read. Please type it as YYYY-MM-DD, for example 1980-05-31."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::Questionnaire;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, 10).unwrap()
    }

    #[test]
    fn position_counts_only_shown_questions() {
        let q = Questionnaire::built_in();
        let mut a = Answers::new();
        let (k, n) = position(&q, &a, day(), "areas").unwrap();
        assert_eq!(k, 5);
        a.set("concerns", Answer::Choices(vec!["acne_scars".into()]));
        let (k2, n2) = position(&q, &a, day(), "areas").unwrap();
        assert_eq!((k2, n2), (k, n + 1));
        assert_eq!(
            position(&q, &Answers::new(), day(), "acne_scar_severity"),
            None
        );
    }

    #[test]
    fn next_and_previous_skip_hidden_questions() {
        let q = Questionnaire::built_in();
        let mut a = Answers::new();
        assert_eq!(next_shown(&q, &a, day(), "areas").unwrap().id, "skin_type");
        a.set("concerns", Answer::Choices(vec!["stretch_marks".into()]));
        assert_eq!(
            next_shown(&q, &a, day(), "areas").unwrap().id,
            "stretch_mark_colour"
        );
        assert_eq!(
            previous_shown(&q, &a, day(), "skin_type").unwrap().id,
            "stretch_mark_severity"
        );
        assert!(previous_shown(&q, &a, day(), "full_name").is_none());
        assert!(next_shown(&q, &a, day(), "notes").is_none());
    }

    #[test]
    fn first_unanswered_treats_blank_optional_as_answered() {
        let q = Questionnaire::built_in();
        let mut a = Answers::new();
        assert_eq!(first_unanswered(&q, &a, day()).unwrap().id, "full_name");
        a.set("full_name", Answer::Text("Ada".into()));
        assert_eq!(first_unanswered(&q, &a, day()).unwrap().id, "date_of_birth");
        a.set("notes", Answer::Text(String::new()));
        assert!(first_unanswered(&q, &a, day()).is_some_and(|i| i.id != "notes"));
    }

    #[test]
    fn dates_are_read_in_both_forms() {
        let want = NaiveDate::from_ymd_opt(1980, 5, 31).unwrap();
        assert_eq!(parse_date_input("1980-05-31"), Ok(want));
        assert_eq!(parse_date_input(" 31/05/1980 "), Ok(want));
        assert_eq!(parse_date_input("31/5/1980"), Ok(want));
        assert!(parse_date_input("05/31/1980").is_err());
        assert!(parse_date_input("31/05/80").is_err());
        assert!(parse_date_input("").is_err());
        assert!(parse_date_input("1980-02-30").is_err());
    }
}
