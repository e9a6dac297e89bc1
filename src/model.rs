//! The data the engine works on: answer values, the questionnaire's types and its condition
//! language. Nothing here reads files, knows the clock or imports anything above it.

pub mod answer;
pub mod condition;
pub mod questionnaire;
pub mod text;
