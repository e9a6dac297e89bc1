//! The shipped JSON Schemas, for validating what tests read and produce.
#![allow(dead_code)]

use std::sync::LazyLock;

use serde_json::Value;

fn shipped(name: &str) -> jsonschema::Validator {
    let path = format!("{}/schema/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let schema: Value = serde_json::from_str(&text).expect("a schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("a valid JSON Schema")
}

static QUESTIONNAIRE: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| shipped("questions.schema.json"));
static SUMMARY: LazyLock<jsonschema::Validator> = LazyLock::new(|| shipped("summary.schema.json"));

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// What the shipped questionnaire schema finds wrong with `value` (nothing when it fits).
pub fn questionnaire_errors(value: &Value) -> Vec<String> {
    errors(&QUESTIONNAIRE, value)
}

/// Fails unless `summary` fits the shipped summary schema.
pub fn assert_valid_summary(summary: &Value) {
    let found = errors(&SUMMARY, summary);
    assert!(
        found.is_empty(),
        "the summary does not fit its schema: {found:#?}"
    );
}
