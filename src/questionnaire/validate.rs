//! Every `check` rule on a parsed questionnaire; returns all problems, not the first.

use super::Questionnaire;

/// Every semantic problem as `(path, message)`. `broken_ids` are ids of elements that failed to
/// parse and were reported already: references to them are not reported again.
#[must_use]
pub fn validate(_questionnaire: &Questionnaire, _broken_ids: &[String]) -> Vec<(String, String)> {
    Vec::new()
}
