//! The engine and the library's loaders and store, without a terminal or the binary.

#[path = "../support/report.rs"]
mod report_folder;
#[path = "../support/schema.rs"]
mod schema;
#[path = "../support/engine.rs"]
mod support;

mod approximate;
mod clinic;
mod constraints;
mod fhir;
mod intake;
mod layers;
mod listing;
mod loaders;
mod plain;
mod plans;
mod print;
mod problems;
mod properties;
mod questionnaire;
mod questionnaire_problems;
mod records;
mod report;
mod rules;
mod schemas;
mod spanish;
mod store;
mod versions;
mod visibility;
mod words;
