//! The command line: `check` and `score`, run as a user runs them.

mod check;
mod hostile;
mod score;
mod show;
