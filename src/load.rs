//! Reading what people write: questionnaires (with line, column and JSON path for every problem),
//! answers files and exported summaries, as strict JSON (a repeated key is an error).

pub mod answers;
pub mod json;
pub mod questionnaire;
#[cfg(feature = "schema")]
pub mod schema;
pub mod summary;
pub mod validate;

use std::fmt::Display;

/// At most this many problems are listed; the rest are counted (a file of millions of unknown ids
/// would otherwise print millions of lines).
pub const MAX_LISTED: usize = 100;

/// One line per problem: the first [`MAX_LISTED`], then how many more there are.
#[must_use]
pub fn listing<T: Display>(problems: &[T]) -> String {
    let mut lines: Vec<String> = problems
        .iter()
        .take(MAX_LISTED)
        .map(ToString::to_string)
        .collect();
    if problems.len() > MAX_LISTED {
        let more = problems.len() - MAX_LISTED;
        lines.push(format!(
            "… and {more} more {}",
            if more == 1 { "problem" } else { "problems" }
        ));
    }
    lines.join("\n")
}
