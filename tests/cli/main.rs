//! The command line: `check` and `score`, run as a user runs them.

mod check;
mod fhir;
mod score;
