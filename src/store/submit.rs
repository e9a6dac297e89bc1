//! Submitting an intake: its summary is written once, then its draft and lock are removed. Wherever
//! a crash stops it, the intake ends up with one summary, or with its draft alone.

use std::io;
use std::path::{Path, PathBuf};

use super::drafts::{DraftLock, UNFINISHED, remove_locked};
use super::files::{self, WriteStep};
use super::summaries::{file_name, find_summary};
use crate::engine::summary::Summary;

/// Where a submission has got to, for tests that stop it between any two steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmitStep {
    /// The summary's temporary file is written and flushed.
    SummaryFlushed,
    /// The summary is in place under its name; the folder is not flushed yet.
    SummaryPlaced,
    /// The summary is safely written.
    SummarySaved,
    /// The draft is removed; its lock file is not yet.
    DraftRemoved,
}

/// A submitted intake: where its summary is, and what went wrong removing its draft, if anything
/// (the draft is then recognised as finished when drafts are listed).
#[derive(Debug)]
pub struct Submitted {
    pub summary: PathBuf,
    pub leftover: Option<io::Error>,
}

/// A submission whose summary could not be written: the intake is still open, with its lock.
#[derive(Debug)]
pub struct NotSubmitted {
    pub error: io::Error,
    pub lock: DraftLock,
}

/// Submits an intake: writes its summary (created once: if this intake's summary exists already,
/// from a submission that stopped half way, that one stands), then removes its draft and lock.
/// Wherever a crash stops it, the intake ends up with one summary, or with its draft alone.
///
/// # Errors
/// [`NotSubmitted`] when the summary could not be written, giving the lock back.
pub fn submit(out: &Path, summary: &Summary, lock: DraftLock) -> Result<Submitted, NotSubmitted> {
    submit_steps(out, summary, lock, &mut |_| Ok(()))
}

/// [`submit`], calling `step` between its steps; an error from `step` stops it there, as a crash
/// would (the lock is then given back unused).
///
/// # Errors
/// As [`submit`], and the error of `step`.
pub fn submit_steps(
    out: &Path,
    summary: &Summary,
    lock: DraftLock,
    step: &mut dyn FnMut(SubmitStep) -> io::Result<()>,
) -> Result<Submitted, NotSubmitted> {
    if summary.intake_id != lock.id() || summary.version != 1 {
        let error = io::Error::other("the summary is not the finished intake that is locked");
        return Err(NotSubmitted { error, lock });
    }
    let written = match find_summary(out, &summary.intake_id) {
        Some(path) => Ok(path),
        None => files::write_atomic_steps(
            out,
            &file_name(out, summary),
            summary.to_json().as_bytes(),
            false,
            true,
            &mut |s| {
                step(match s {
                    WriteStep::Flushed => SubmitStep::SummaryFlushed,
                    WriteStep::Placed => SubmitStep::SummaryPlaced,
                })
            },
        ),
    };
    let path = match written {
        Ok(path) => path,
        Err(error) => return Err(NotSubmitted { error, lock }),
    };
    if let Err(error) = step(SubmitStep::SummarySaved) {
        return Err(NotSubmitted { error, lock });
    }
    let leftover = remove_locked_steps(out, lock, step).err();
    Ok(Submitted {
        summary: path,
        leftover,
    })
}

fn remove_locked_steps(
    out: &Path,
    lock: DraftLock,
    step: &mut dyn FnMut(SubmitStep) -> io::Result<()>,
) -> io::Result<()> {
    let draft = out.join(UNFINISHED).join(format!("{}.json", lock.id()));
    files::discard(&draft)?;
    step(SubmitStep::DraftRemoved)?;
    remove_locked(out, lock)
}
