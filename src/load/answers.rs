//! Reading an answers file: `{"answers": {"<question id>": value}}`, each value typed by its item.

use chrono::NaiveDate;
use serde_json::Value;

use super::questionnaire::without_position;
use crate::dates::parse_iso_date;
use crate::engine::checks::{AnswerProblem, problems};
use crate::model::answer::{Answer, Answers};
use crate::model::questionnaire::{Item, ItemKind, Questionnaire};

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
    let value: Value = match super::json::parse(text) {
        Ok(value) => value,
        Err(e) => {
            let what = if e.is_data() { "" } else { "not valid JSON: " };
            let message = format!(
                "line {}, column {}: {what}{}",
                e.line(),
                e.column(),
                without_position(&e)
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
    let code = |c: &str| option_code(item, c);
    // An element of a list is named by its place: `concerns[0]: expected an option code, found null`.
    let element = |i: usize, v: &Value| match v.as_str() {
        Some(c) => code(c).map_err(|e| format!("{}[{i}]: {e}", item.id)),
        None => Err(format!(
            "{}[{i}]: expected an option code, found {}",
            item.id,
            describe(v)
        )),
    };
    match (item.kind, value) {
        (ItemKind::Text, Value::String(s)) => Ok(Answer::Text(s.clone())),
        (ItemKind::Date, Value::String(s)) => parse_iso_date(s).map(Answer::Date),
        (ItemKind::Boolean, Value::Bool(b)) => Ok(Answer::Bool(*b)),
        (ItemKind::Single, Value::String(s)) => code(s).map(Answer::Choice),
        (ItemKind::Multi, Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(i, v)| element(i, v))
            .collect::<Result<_, _>>()
            .map(Answer::Choices),
        _ => Err(wrong()),
    }
}

/// `code` if it is an option of `item`, else what the options are.
fn option_code(item: &Item, code: &str) -> Result<String, String> {
    match item.option(code) {
        Some(_) => Ok(code.to_owned()),
        None => Err(format!(
            "unknown option '{code}'; the options are: {}",
            item.options
                .iter()
                .map(|o| o.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
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
