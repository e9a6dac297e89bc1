//! English.

use super::Words;
use crate::dates::DateProblem;
use crate::engine::checks::Fault;
use crate::engine::display::Shown;
use crate::load::answers::{AnswersProblem, JsonType, ValueProblem};
use crate::model::questionnaire::ItemKind;

pub const LANGUAGE: &str = "en";

pub struct English;

impl Words for English {
    fn date_problem(&self, problem: &DateProblem) -> String {
        match problem {
            DateProblem::NotIso { given } => format!(
                "'{given}' is not a real date written as YYYY-MM-DD (for example 1980-05-31)"
            ),
            DateProblem::NotTyped { given } => format!(
                "'{given}' is not a date we can read. Please type it as YYYY-MM-DD, for example \
                 1980-05-31."
            ),
        }
    }

    fn fault(&self, fault: &Fault) -> String {
        match fault {
            Fault::Missing {
                kind: ItemKind::Multi,
            } => "Please choose at least one option.".into(),
            Fault::Missing {
                kind: ItemKind::Single | ItemKind::Boolean,
            } => "Please choose an answer.".into(),
            Fault::Missing {
                kind: ItemKind::Text | ItemKind::Date,
            } => "Please fill this in.".into(),
            Fault::TooLong { max, length } => {
                format!("Please keep this to {max} characters (it has {length}).")
            }
            Fault::InvisibleCharacters => {
                "This holds control or invisible formatting characters; please type it again."
                    .into()
            }
            Fault::InFuture => "This date is in the future. Please check it.".into(),
            Fault::TooLongAgo { months } => format!(
                "This date is more than {months} months ago. Please check it, or go back and \
                 change your earlier answer."
            ),
            Fault::TooOld { age, .. } => {
                format!("That would make you {age} years old. Please check the year.")
            }
            Fault::ChosenTwice { code } => format!("Option '{code}' is chosen twice."),
            Fault::NotCombinable { label, .. } => format!(
                "'{}' cannot be combined with other options.",
                label.get(LANGUAGE)
            ),
        }
    }

    fn answers_problem(&self, problem: &AnswersProblem) -> String {
        let message = match problem {
            AnswersProblem::Empty => {
                r#"the file is empty; it should hold {"answers": {...}}"#.into()
            }
            AnswersProblem::Syntax {
                line,
                column,
                message,
            } => format!("line {line}, column {column}: not valid JSON: {message}"),
            AnswersProblem::NotAnObject => {
                r#"expected an object such as {"answers": {"full_name": "Ada Lovelace"}}"#.into()
            }
            AnswersProblem::UnknownField { field } => {
                format!(r#"unknown field '{field}': the file holds only "answers""#)
            }
            AnswersProblem::AnswersNotAnObject { found } => format!(
                r#""answers" must be an object of question id to answer, not {}"#,
                json_type(*found)
            ),
            AnswersProblem::NoAnswers => {
                r#"missing "answers": an object of question id to answer"#.into()
            }
            AnswersProblem::UnknownQuestion { .. } => {
                "no such question in this questionnaire".into()
            }
            AnswersProblem::Value { problem, .. } => self.value_problem(problem),
            AnswersProblem::Answer(problem) => self.fault(&problem.fault),
        };
        match problem.question() {
            Some(question) => format!("question '{question}': {message}"),
            None => message,
        }
    }

    fn shown(&self, shown: &Shown) -> String {
        match shown {
            Shown::Text(s) => (*s).to_owned(),
            Shown::Date(d) => d.format("%-d %B %Y").to_string(),
            Shown::YesNo(true) => "Yes".into(),
            Shown::YesNo(false) => "No".into(),
            Shown::Options(labels) => labels.join(", "),
        }
    }
}

impl English {
    fn value_problem(&self, problem: &ValueProblem) -> String {
        match problem {
            ValueProblem::WrongType { expected, found } => {
                let expected = match expected {
                    ItemKind::Text => "a string",
                    ItemKind::Date => r#"a date as "YYYY-MM-DD""#,
                    ItemKind::Boolean => "true or false",
                    ItemKind::Single => "one option code as a string",
                    ItemKind::Multi => "a list of option codes",
                };
                format!("expected {expected}, found {}", json_type(*found))
            }
            ValueProblem::UnknownOption { code, options } => format!(
                "unknown option '{code}'; the options are: {}",
                options.join(", ")
            ),
            ValueProblem::Date(problem) => self.date_problem(problem),
        }
    }
}

fn json_type(found: JsonType) -> &'static str {
    match found {
        JsonType::Null => "null",
        JsonType::Bool => "true/false",
        JsonType::Number => "a number",
        JsonType::String => "a string",
        JsonType::Array => "a list",
        JsonType::Object => "an object",
    }
}
