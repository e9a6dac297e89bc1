//! Finished intakes: one summary per intake, named by the intake's id, created once and never
//! replaced.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::files;
use crate::engine::summary::Summary;

/// Exports a summary as `<dir>/<reference date>_<summary id>.json`, never overwriting a file.
///
/// # Errors
/// The I/O error (missing or read-only folder, full disk); no partial file remains.
pub fn write_summary(dir: &Path, summary: &Summary) -> io::Result<PathBuf> {
    files::write_atomic(
        dir,
        &file_name(summary),
        summary.to_json().as_bytes(),
        false,
    )
}

pub(super) fn file_name(summary: &Summary) -> String {
    format!("{}_{}.json", summary.reference_date, summary.id)
}

/// The ids of the summaries in `out`, read from their names (`<date>_<id>.json`).
pub(super) fn summary_ids(out: &Path) -> HashSet<String> {
    let Ok(entries) = fs::read_dir(out) else {
        return HashSet::new();
    };
    entries
        .flatten()
        .filter_map(|e| id_of(&e.file_name().to_string_lossy()).map(str::to_owned))
        .collect()
}

/// `2026-11-24_<id>.json` → `<id>`.
fn id_of(name: &str) -> Option<&str> {
    let stem = name.strip_suffix(".json")?;
    let (date, id) = stem.split_once('_')?;
    (date.len() == 10 && !id.is_empty()).then_some(id)
}

/// The summary of intake `id` in `out`, whatever its reference date, if there is one.
#[must_use]
pub fn find_summary(out: &Path, id: &str) -> Option<PathBuf> {
    fs::read_dir(out).ok()?.flatten().find_map(|e| {
        let name = e.file_name();
        (id_of(&name.to_string_lossy()) == Some(id)).then(|| e.path())
    })
}
