//! Reading an exported summary (format 1 or 2) as strict JSON, and typing its answers against a
//! questionnaire again. Problems are data; `words` turns them into sentences.

use serde_json::Value;

use super::json::JsonError;
use crate::engine::summary::{FORMAT, FORMAT_VERSION, Summary};
use crate::model::answer::Answers;
use crate::model::questionnaire::Questionnaire;

/// Why a file is not a summary this program reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryProblem {
    /// Nothing but white space.
    Empty,
    /// Not JSON; `message` is the parser's description of what it found.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// A key given twice in one object.
    DuplicateKey {
        line: usize,
        column: usize,
        key: String,
    },
    /// JSON without `"format": "skin-intake/summary"`.
    NotASummary,
    /// A summary written by a later skin-intake.
    NewerFormat { found: u64 },
    /// A summary whose fields do not fit its format; `path` is where (`assessment.reasons[0]`).
    Structure { path: String, message: String },
}

/// Reads a summary.
///
/// # Errors
/// What is wrong with the text.
pub fn parse(text: &str) -> Result<Summary, SummaryProblem> {
    if text.trim().is_empty() {
        return Err(SummaryProblem::Empty);
    }
    let value = super::json::parse(text).map_err(|e| match e {
        JsonError::Syntax {
            line,
            column,
            message,
        } => SummaryProblem::Syntax {
            line,
            column,
            message,
        },
        JsonError::DuplicateKey { line, column, key } => {
            SummaryProblem::DuplicateKey { line, column, key }
        }
    })?;
    if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(SummaryProblem::NotASummary);
    }
    match value.get("format_version").and_then(Value::as_u64) {
        Some(found) if found > u64::from(FORMAT_VERSION) => {
            return Err(SummaryProblem::NewerFormat { found });
        }
        _ => {}
    }
    serde_path_to_error::deserialize::<_, Summary>(value).map_err(|e| SummaryProblem::Structure {
        path: e.path().to_string(),
        message: e.into_inner().to_string(),
    })
}

/// The summary's answers typed against `questionnaire` again (a code reads back as text until its
/// question says it is one), for changing them; the ids of answers left out come second: those that
/// no longer fit it (an unknown question, a wrong type, an unknown code) and those to a question
/// whose meaning changed after the summary's questionnaire version (`changed_in`), to be asked
/// again.
#[must_use]
pub fn answers_of(questionnaire: &Questionnaire, summary: &Summary) -> (Answers, Vec<String>) {
    let mut answers = Answers::new();
    let mut dropped = Vec::new();
    for exported in &summary.answers {
        let typed = questionnaire.item(&exported.id).and_then(|item| {
            if item.asked_again_after(&summary.questionnaire.version) {
                return None;
            }
            let value = serde_json::to_value(&exported.value).ok()?;
            super::answers::from_json(item, &value).ok()
        });
        match typed {
            Some(answer) => answers.set(&exported.id, answer),
            None => dropped.push(exported.id.clone()),
        }
    }
    (answers, dropped)
}
