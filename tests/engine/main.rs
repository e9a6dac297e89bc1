//! The engine and the library's loaders and store, without a terminal or the binary.

#[path = "../support/schema.rs"]
mod schema;
#[path = "../support/engine.rs"]
mod support;

mod fhir;
mod intake;
mod layers;
mod loaders;
mod plans;
mod problems;
mod properties;
mod questionnaire_problems;
mod rules;
mod schemas;
mod store;
mod visibility;
