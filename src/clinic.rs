//! The clinic's work, once for every front door (the terminal UI, `score`, `show`, `push`, and a
//! plain line mode): opening, saving, locking and submitting intakes ([`desk`]); a
//! record's versions, earlier records of the same patient and the list of records ([`records`]);
//! the summary assembled from the answers ([`summary`]); queueing records for the FHIR server
//! ([`delivery`]); printing a record through CUPS, its PDF kept beside it ([`paper`]); what the
//! records add up to and what another questionnaire would change ([`report`]). It stands on `store` and `fhir` so that no front door needs them.
//!
//! What it does comes back as data — saved as version n, open on another terminal, not written
//! because of this I/O error — never as a sentence: each front door words it with `words`.

pub mod delivery;
pub mod desk;
pub mod paper;
pub mod records;
pub mod report;
pub mod summary;

pub use crate::fhir::delivery::{EnqueueError, Sender};
pub use crate::store::{Draft, Listed, LockError, OpenError, Row, SummaryError, Version};
pub use delivery::Queued;
pub use desk::{Amending, Case, Desk, NotSaved, NotSubmitted, Resumed, Submitted};
pub use paper::{Paper, Printed, Printing};
pub use records::{
    Entry, NextVersion, RecordProblem, Unfinished, same_patient_twice, unfinished_of,
};
