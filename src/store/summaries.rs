//! Finished intakes: each version of an intake's record is one summary file, created once and
//! never replaced. Version 1 is `<date>_<intake id>.json`, version n after it
//! `<date>_<intake id>.v<nnn>.json` with version 1's date, so an intake's versions sort together.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::files;
use crate::engine::summary::Summary;

/// Why a version of a record was not written.
#[derive(Debug, thiserror::Error)]
pub enum VersionError {
    /// Another terminal saved this version of the intake first (a race to sign off or change the
    /// same record): theirs stands, and this one was not written.
    #[error("version {version} of this record was saved by someone else first")]
    Taken { version: u32 },
    /// The folder refused it (missing or read-only folder, full disk).
    #[error("version {version} of this record could not be written: {error}")]
    Io { version: u32, error: io::Error },
}

/// Writes a version of an intake's record into `out`, atomically and private, never replacing a
/// file: when another terminal has written this version of the intake already, the write is
/// refused with [`VersionError::Taken`] and that version stands.
///
/// # Errors
/// [`VersionError`]: the version is taken, or the I/O error (missing or read-only folder, full
/// disk); no partial file remains.
pub fn write_version(out: &Path, summary: &Summary) -> Result<PathBuf, VersionError> {
    files::write_atomic(
        out,
        &file_name(out, summary),
        summary.to_json().as_bytes(),
        false,
    )
    .map_err(|error| {
        if error.kind() == io::ErrorKind::AlreadyExists {
            VersionError::Taken {
                version: summary.version,
            }
        } else {
            VersionError::Io {
                version: summary.version,
                error,
            }
        }
    })
}

/// The file name of `summary` in `out` (version n > 1 takes version 1's date from its name).
pub(super) fn file_name(out: &Path, summary: &Summary) -> String {
    let first = || format!("{}_{}", summary.reference_date, summary.intake_id);
    if summary.version <= 1 {
        return format!("{}.json", first());
    }
    let stem = find_summary(out, &summary.intake_id)
        .and_then(|path| {
            let name = path.file_name()?.to_str()?;
            name.strip_suffix(".json").map(str::to_owned)
        })
        .unwrap_or_else(first);
    format!("{stem}.v{:03}.json", summary.version)
}

/// What a summary's file name says: its intake and version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named<'a> {
    pub intake_id: &'a str,
    pub version: u32,
}

/// `2026-11-24_<id>.json` → (`<id>`, 1); `2026-11-24_<id>.v002.json` → (`<id>`, 2).
#[must_use]
pub fn parse_name(name: &str) -> Option<Named<'_>> {
    let stem = name.strip_suffix(".json")?;
    let (date, rest) = stem.split_once('_')?;
    if date.len() != 10 || rest.is_empty() {
        return None;
    }
    let versioned = rest.rsplit_once(".v").and_then(|(intake_id, n)| {
        let digits = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
        let version = n.parse().ok().filter(|v| digits && *v > 1)?;
        Some(Named { intake_id, version })
    });
    Some(versioned.unwrap_or(Named {
        intake_id: rest,
        version: 1,
    }))
}

/// A summary file and what its name says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryFile {
    pub path: PathBuf,
    pub intake_id: String,
    pub version: u32,
}

/// Every summary file in `out` (any version), by what its name says; the content is not read.
#[must_use]
pub fn summary_files(out: &Path) -> Vec<SummaryFile> {
    let Ok(entries) = fs::read_dir(out) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            let named = parse_name(&name)?;
            Some(SummaryFile {
                path: e.path(),
                intake_id: named.intake_id.to_owned(),
                version: named.version,
            })
        })
        .collect()
}

/// The ids of the intakes with a summary in `out`, read from the names.
pub(super) fn summary_ids(out: &Path) -> HashSet<String> {
    let Ok(entries) = fs::read_dir(out) else {
        return HashSet::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            parse_name(&e.file_name().to_string_lossy()).map(|n| n.intake_id.to_owned())
        })
        .collect()
}

/// The summary of intake `id` as it was finished (version 1) in `out`, whatever its date, if
/// there is one.
#[must_use]
pub fn find_summary(out: &Path, id: &str) -> Option<PathBuf> {
    fs::read_dir(out).ok()?.flatten().find_map(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let named = parse_name(&name)?;
        (named.intake_id == id && named.version == 1).then(|| e.path())
    })
}
