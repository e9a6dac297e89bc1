//! Reading what people write: questionnaires (with line, column and JSON path for every problem)
//! and answers files, as strict JSON (a repeated key is an error).

pub mod answers;
pub mod json;
pub mod questionnaire;
pub mod validate;
