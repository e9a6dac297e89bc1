//! Files on disk: exported summaries and unfinished intakes (drafts). Every write is atomic
//! (temporary file in the same folder, fsync, rename, fsync of the folder); files are private (0600)
//! in private folders (0700); file names carry no personal data. Every file read is a regular
//! file of bounded size.
//!
//! One intake is one record: an intake's id is given when it starts, its draft and its summary
//! carry it, and submitting writes the summary once, then removes the draft. A record's later
//! versions (a clinician's changes, a sign-off) are new files beside it; no summary file is ever
//! modified or deleted. The list of records keeps a cache of what it read under `cache/`.

pub mod durability;
pub mod outbox;

mod drafts;
mod files;
mod records;
pub mod scan;
mod submit;
mod summaries;

use std::path::PathBuf;

pub use drafts::{
    DRAFT_FORMAT_VERSION, Draft, DraftLock, Listed, LockError, OpenError, Resumed, UNFINISHED,
    delete_draft, drafts_dir, list_drafts, lock_draft, open_draft, open_elsewhere, save_draft,
    save_draft_soon_durable, sweep_leftovers,
};
pub use files::{
    MAX_FILE_BYTES, ReadError, discard, ensure_private_dir, open_to_others, read_regular,
    read_regular_into, write_atomic,
};
pub use records::{
    CACHE, Records, Row, SeenBefore, SummaryError, Version, list_records, load_versions,
    read_summary, seen_before,
};
pub use submit::{NotSubmitted, SubmitStep, Submitted, submit, submit_steps};
pub use summaries::{
    Named, SummaryFile, VersionError, find_summary, parse_name, summary_files, write_version,
};

/// The folder summaries go to when `--out` is not given: `$XDG_DATA_HOME/skin-intake`, else
/// `~/.local/share/skin-intake`, else `skin-intake-data` in the current folder.
#[must_use]
pub fn default_out_dir() -> PathBuf {
    let non_empty = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    non_empty("XDG_DATA_HOME")
        .or_else(|| non_empty("HOME").map(|home| home.join(".local/share")))
        .map_or_else(
            || PathBuf::from("skin-intake-data"),
            |base| base.join("skin-intake"),
        )
}
