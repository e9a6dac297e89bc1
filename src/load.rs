//! Reading what people write: questionnaires (with line, column and JSON path for every problem),
//! answers files and stored summaries.

pub mod answers;
pub mod questionnaire;
pub mod schema;
pub mod summary;
pub mod validate;
