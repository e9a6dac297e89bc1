//! The command line: `check` and `score`, run as a user runs them.

#[path = "../support/disk.rs"]
mod disk;
#[path = "../../benches/support/large.rs"]
mod large;
#[path = "../support/proxy.rs"]
mod proxy;
#[path = "../support/report.rs"]
mod report_folder;
#[path = "../support/schema.rs"]
mod schema;

mod check;
mod delivery;
mod fhir;
mod fhir_validator;
mod hostile;
mod keys;
mod plain;
mod print;
mod report;
mod score;
mod show;
mod smart;
mod spanish;
