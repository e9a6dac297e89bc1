//! Reading what people write: questionnaires (with line, column and JSON path for every problem),
//! answers files and exported summaries, as strict JSON (a repeated key is an error).

pub mod answers;
pub mod json;
pub mod questionnaire;
#[cfg(feature = "schema")]
pub mod schema;
pub mod summary;
pub mod validate;
