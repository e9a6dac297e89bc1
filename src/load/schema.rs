//! JSON Schemas of the files people and programs read: `questions.json` as it may be written, and
//! the summary as it is written. Generated from the types that read and write them, and shipped
//! under `schema/` so that an editor checks a questionnaire as it is typed. Only with the `schema`
//! feature: the tests turn it on (the package's dev-dependency on itself) and check the shipped
//! files; the program never writes a schema, so the release binary leaves `schemars` out.

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::engine::summary::Summary;
use crate::model::questionnaire::Questionnaire;

/// The schema of `questions.json`: what the loader accepts before `check`'s rules.
#[must_use]
pub fn questionnaire() -> Value {
    let mut schema = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<Questionnaire>();
    schema.insert(
        "title".into(),
        "skin-intake questionnaire (questions.json)".into(),
    );
    schema.to_value()
}

/// The schema of a summary: every field as `score` and an intake write it.
#[must_use]
pub fn summary() -> Value {
    let mut schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<Summary>();
    schema.insert("title".into(), "skin-intake summary".into());
    schema.to_value()
}
