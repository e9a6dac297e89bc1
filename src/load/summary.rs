//! Reading a stored summary: the JSON that `score` prints and an intake writes, in any format
//! version this program knows, each answer typed by its question in the questionnaire it was made
//! with. Problems are data; `words` turns them into sentences.

use serde_json::Value;

use super::answers::{ValueProblem, from_json};
use super::questionnaire::without_position;
use crate::engine::summary::{FORMAT, FORMAT_VERSION, Summary};
use crate::model::questionnaire::Questionnaire;

/// One thing wrong with a stored summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryProblem {
    /// Not JSON; `message` is the parser's description of what it found.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON without `"format": "skin-intake/summary"`.
    NotASummary,
    /// A format version newer than this program writes.
    NewerFormat { version: u64, known: u32 },
    /// A summary whose fields do not fit the format (missing, unknown type); the parser's words.
    Structure { path: String, message: String },
    /// Made with another questionnaire than the one given.
    OtherQuestionnaire { made_with: String, given: String },
    /// An answer to a question the questionnaire does not have.
    UnknownQuestion { question: String },
    /// A stored answer that cannot be an answer to its question.
    Value {
        question: String,
        problem: ValueProblem,
    },
}

/// Reads a stored summary made with `questionnaire` (the same id; its version may differ, as long
/// as every answered question is still there and takes its answer).
///
/// # Errors
/// Every problem found: the first one of the file as a whole, or every answer that does not fit.
pub fn read(questionnaire: &Questionnaire, text: &str) -> Result<Summary, Vec<SummaryProblem>> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        vec![SummaryProblem::Syntax {
            line: e.line(),
            column: e.column(),
            message: without_position(&e),
        }]
    })?;
    if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(vec![SummaryProblem::NotASummary]);
    }
    if let Some(version) = value.get("format_version").and_then(Value::as_u64)
        && version > u64::from(FORMAT_VERSION)
    {
        return Err(vec![SummaryProblem::NewerFormat {
            version,
            known: FORMAT_VERSION,
        }]);
    }
    let mut summary: Summary = serde_path_to_error::deserialize(&value).map_err(|e| {
        vec![SummaryProblem::Structure {
            path: e.path().to_string(),
            message: e.inner().to_string(),
        }]
    })?;
    if summary.questionnaire.id != questionnaire.id {
        return Err(vec![SummaryProblem::OtherQuestionnaire {
            made_with: summary.questionnaire.id,
            given: questionnaire.id.clone(),
        }]);
    }
    let mut problems = Vec::new();
    for answer in &mut summary.answers {
        let Some(item) = questionnaire.item(&answer.id) else {
            problems.push(SummaryProblem::UnknownQuestion {
                question: answer.id.clone(),
            });
            continue;
        };
        // Read back without its question, a string is text: the question says what it is.
        let stored = serde_json::to_value(&answer.value).unwrap_or(Value::Null);
        match from_json(item, &stored) {
            Ok(typed) => answer.value = typed,
            Err(problem) => problems.push(SummaryProblem::Value {
                question: answer.id.clone(),
                problem,
            }),
        }
    }
    if problems.is_empty() {
        Ok(summary)
    } else {
        Err(problems)
    }
}
