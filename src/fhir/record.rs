//! Which record a summary is: the intake it belongs to and where it stands. The one place that
//! reads this from a summary, so that versions of an intake change only this file.

use crate::engine::summary::Summary;

/// A QuestionnaireResponse's `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// An unfinished intake.
    InProgress,
    /// The first finished version of an intake.
    Completed,
    /// A later version of a finished intake.
    Amended,
}

impl Status {
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Status::InProgress => "in-progress",
            Status::Completed => "completed",
            Status::Amended => "amended",
        }
    }
}

/// The intake a summary records and the status of this version of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The intake's id: every version of one intake shares it, and FHIR identifies it by it.
    pub intake_id: String,
    /// This version's own id.
    pub version_id: String,
    pub status: Status,
}

/// The record a summary is: version 1 is the intake as completed, a later version amends it.
#[must_use]
pub fn of(summary: &Summary) -> Record {
    Record {
        intake_id: summary.intake_id.clone(),
        version_id: summary.id.clone(),
        status: if summary.version > 1 {
            Status::Amended
        } else {
            Status::Completed
        },
    }
}
