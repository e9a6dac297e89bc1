//! The engine and the library's loaders and store, without a terminal or the binary.

#[path = "../support/engine.rs"]
mod support;

mod intake;
mod layers;
mod loaders;
mod plans;
mod properties;
mod records;
mod rules;
mod store;
mod visibility;
