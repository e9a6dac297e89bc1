//! Reading an answers file: `{"answers": {"<question id>": value}}`, each value typed by its item.
//! Problems are data; `words` turns them into sentences.

use chrono::NaiveDate;
use serde_json::Value;

use super::json::JsonError;
use crate::dates::{self, DateProblem};
use crate::engine::checks::{AnswerProblem, problems};
use crate::model::answer::{Answer, Answers};
use crate::model::questionnaire::{Item, ItemKind, Questionnaire};

/// The type of a JSON value, as a problem names what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    #[must_use]
    pub fn of(value: &Value) -> Self {
        match value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Bool,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }
}

/// What is wrong with the value given for one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueProblem {
    /// A value (or, in a list of codes, an element) of a type the question does not take.
    WrongType { expected: ItemKind, found: JsonType },
    /// An option code the question lacks; `options` are the codes it has, in order.
    UnknownOption { code: String, options: Vec<String> },
    /// A date that is not a real date written `YYYY-MM-DD` (nor, where the question allows it, a
    /// month written `YYYY-MM`), or one too late.
    Date(DateProblem),
    /// An element of a list of codes, by its place: not a code, or an unknown one.
    Element {
        index: usize,
        problem: Box<ValueProblem>,
    },
}

/// One thing wrong with an answers file: the file as a whole, or one question's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswersProblem {
    /// Nothing but white space.
    Empty,
    /// Not JSON; `message` is the parser's description of what it found.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// A key given twice in one object (the second would silently replace the first).
    DuplicateKey {
        line: usize,
        column: usize,
        key: String,
    },
    /// JSON, but not an object.
    NotAnObject,
    /// A top-level field other than `answers`.
    UnknownField { field: String },
    /// `answers` is there but is not an object.
    AnswersNotAnObject { found: JsonType },
    /// No `answers` field.
    NoAnswers,
    /// An answer to a question the questionnaire does not have.
    UnknownQuestion { question: String },
    /// A value that cannot be an answer to its question.
    Value {
        question: String,
        problem: ValueProblem,
    },
    /// A well-typed answer that the engine's checks refuse.
    Answer(AnswerProblem),
}

impl AnswersProblem {
    /// The question the problem is about; `None` for the file as a whole.
    #[must_use]
    pub fn question(&self) -> Option<&str> {
        match self {
            AnswersProblem::UnknownQuestion { question }
            | AnswersProblem::Value { question, .. } => Some(question),
            AnswersProblem::Answer(p) => Some(&p.question),
            AnswersProblem::Empty
            | AnswersProblem::Syntax { .. }
            | AnswersProblem::DuplicateKey { .. }
            | AnswersProblem::NotAnObject
            | AnswersProblem::UnknownField { .. }
            | AnswersProblem::AnswersNotAnObject { .. }
            | AnswersProblem::NoAnswers => None,
        }
    }
}

/// Reads an answers file, `{"answers": {"<question id>": value}}`, typing each value by its item.
/// Returns the answers that could be read and every problem found: JSON syntax (with line and
/// column), a wrong shape, unknown question ids, values of the wrong type, unknown option codes,
/// malformed dates.
#[must_use]
pub fn parse_file(questionnaire: &Questionnaire, text: &str) -> (Answers, Vec<AnswersProblem>) {
    if text.trim().is_empty() {
        return (Answers::new(), vec![AnswersProblem::Empty]);
    }
    let value: Value = match super::json::parse(text) {
        Ok(value) => value,
        Err(JsonError::Syntax {
            line,
            column,
            message,
        }) => {
            let problem = AnswersProblem::Syntax {
                line,
                column,
                message,
            };
            return (Answers::new(), vec![problem]);
        }
        Err(JsonError::DuplicateKey { line, column, key }) => {
            let problem = AnswersProblem::DuplicateKey { line, column, key };
            return (Answers::new(), vec![problem]);
        }
    };
    let Value::Object(top) = value else {
        return (Answers::new(), vec![AnswersProblem::NotAnObject]);
    };
    let mut problems: Vec<AnswersProblem> = top
        .keys()
        .filter(|k| *k != "answers")
        .map(|key| AnswersProblem::UnknownField { field: key.clone() })
        .collect();
    let given = match top.get("answers") {
        Some(Value::Object(given)) => given,
        Some(other) => {
            problems.push(AnswersProblem::AnswersNotAnObject {
                found: JsonType::of(other),
            });
            return (Answers::new(), problems);
        }
        None => {
            problems.push(AnswersProblem::NoAnswers);
            return (Answers::new(), problems);
        }
    };
    let mut answers = Answers::new();
    for (id, value) in given {
        match questionnaire.item(id) {
            None => problems.push(AnswersProblem::UnknownQuestion {
                question: id.clone(),
            }),
            Some(item) => match from_json(item, value) {
                Ok(answer) => answers.set(id, answer),
                Err(problem) => problems.push(AnswersProblem::Value {
                    question: id.clone(),
                    problem,
                }),
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
) -> Result<Answers, Vec<AnswersProblem>> {
    let (answers, mut found) = parse_file(questionnaire, text);
    if found.iter().all(|p| p.question().is_some()) {
        let named: Vec<String> = found
            .iter()
            .filter_map(|p| p.question().map(str::to_owned))
            .collect();
        found.extend(
            problems(questionnaire, &answers, today)
                .into_iter()
                .filter(|p| !named.contains(&p.question))
                .map(AnswersProblem::Answer),
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
/// What is wrong with the value.
pub fn from_json(item: &Item, value: &Value) -> Result<Answer, ValueProblem> {
    // A list holding a non-code names the list itself as what was found.
    let wrong = || ValueProblem::WrongType {
        expected: item.kind,
        found: JsonType::of(value),
    };
    let code = |code: &str| match item.option(code) {
        Some(_) => Ok(code.to_owned()),
        None => Err(ValueProblem::UnknownOption {
            code: code.to_owned(),
            options: item.options.iter().map(|o| o.code.clone()).collect(),
        }),
    };
    match (item.kind, value) {
        (ItemKind::Text, Value::String(s)) => Ok(Answer::Text(s.clone())),
        (ItemKind::Date, Value::String(s)) => dates::parse_iso(s, item.approximate)
            .map(Answer::from)
            .map_err(ValueProblem::Date),
        (ItemKind::Boolean, Value::Bool(b)) => Ok(Answer::Bool(*b)),
        (ItemKind::Single, Value::String(s)) => code(s).map(Answer::Choice),
        // An element is named by its place: `concerns[0]: expected an option code, found null`.
        (ItemKind::Multi, Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(index, v)| {
                v.as_str()
                    .ok_or(ValueProblem::WrongType {
                        expected: ItemKind::Single,
                        found: JsonType::of(v),
                    })
                    .and_then(code)
                    .map_err(|problem| ValueProblem::Element {
                        index,
                        problem: Box::new(problem),
                    })
            })
            .collect::<Result<_, _>>()
            .map(Answer::Choices),
        _ => Err(wrong()),
    }
}
