//! skin-intake: a microneedling consultation questionnaire, its rules engine and its exports.

pub mod answers;
pub mod assessment;
pub mod condition;
pub mod questionnaire;
pub mod store;
pub mod summary;
pub mod text;
pub mod tui;
