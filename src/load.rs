//! Reading what people write: questionnaires (with line, column and JSON path for every problem)
//! and answers files.

pub mod answers;
pub mod questionnaire;
pub mod validate;
