//! skin-intake: a microneedling consultation questionnaire, its rules engine and its exports.
//!
//! Layers, each importing only those listed before it: [`dates`], [`model`], [`engine`],
//! [`load`], [`words`], [`store`], [`print`], [`fhir`], [`clinic`], then the front doors [`tui`] and [`plain`].

pub mod clinic;
pub mod dates;
pub mod engine;
pub mod fhir;
pub mod load;
pub mod model;
pub mod plain;
pub mod print;
pub mod store;
pub mod tui;
pub mod words;
