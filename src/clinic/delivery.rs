//! Records on their way to the clinic's FHIR server: each written version is queued in the outbox
//! (the sender sends it in the background); `push` queues what the outbox lacks.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use crate::engine::summary::{Summary, version_id};
use crate::fhir::delivery::{self, EnqueueError, Sender};
use crate::model::questionnaire::Questionnaire;
use crate::store::{self, SummaryError, outbox};

/// What became of queueing a written record.
#[derive(Debug)]
pub enum Queued {
    /// No FHIR server is configured: nothing to queue.
    NoServer,
    /// In the outbox; the sender was woken.
    Queued,
    /// Not queued (the record itself is saved); `push` queues it later.
    NotQueued(EnqueueError),
}

/// Queues `summary` for the server of `sender`, if there is one, and wakes the sender.
pub(crate) fn queue(
    sender: Option<&Sender>,
    out: &Path,
    summary: &Summary,
    questionnaire: &Questionnaire,
    now: DateTime<FixedOffset>,
) -> Queued {
    let Some(sender) = sender else {
        return Queued::NoServer;
    };
    match delivery::enqueue(out, summary, questionnaire, now) {
        Ok(_) => {
            sender.wake();
            Queued::Queued
        }
        Err(e) => Queued::NotQueued(e),
    }
}

/// A summary in `out` that the outbox lacks and that could not be queued.
#[derive(Debug)]
pub enum NotCaughtUp {
    Unreadable(SummaryError),
    /// Its content is another record or version than its name says: renamed or edited by hand.
    NotAsNamed {
        path: PathBuf,
        intake_id: String,
        version: u32,
    },
    NotQueued {
        path: PathBuf,
        error: EnqueueError,
    },
}

/// Queues the summaries in `out` that the outbox lacks (written while no server was configured,
/// or when queueing failed); returns each that could not be. Which record and version a file is
/// comes from its name (the store's one reading of it), so a summary already queued is not read
/// again; one whose content names another record or version is not queued.
#[must_use]
pub fn catch_up(
    out: &Path,
    questionnaire: &Questionnaire,
    now: DateTime<FixedOffset>,
) -> Vec<NotCaughtUp> {
    let (entries, _) = outbox::list(out).unwrap_or_default();
    let mut problems = Vec::new();
    for file in store::summary_files(out) {
        let key = version_id(&file.intake_id, file.version);
        if entries.iter().any(|e| e.key == key) {
            continue;
        }
        let path = file.path;
        let queued = store::read_summary(&path)
            .map_err(NotCaughtUp::Unreadable)
            .and_then(|summary| {
                if summary.intake_id == file.intake_id && summary.version == file.version {
                    Ok(summary)
                } else {
                    Err(NotCaughtUp::NotAsNamed {
                        path: path.clone(),
                        intake_id: summary.intake_id,
                        version: summary.version,
                    })
                }
            })
            .and_then(|summary| {
                delivery::enqueue(out, &summary, questionnaire, now)
                    .map(|_| ())
                    .map_err(|error| NotCaughtUp::NotQueued {
                        path: path.clone(),
                        error,
                    })
            });
        if let Err(problem) = queued {
            problems.push(problem);
        }
    }
    problems
}
