//! The command line: `check` and `score`, run as a user runs them.

#[path = "../support/schema.rs"]
mod schema;

mod check;
mod fhir;
mod score;
