//! Files on disk: exported summaries and unfinished intakes (drafts). Every write is atomic
//! (temporary file in the same folder, fsync, rename, fsync of the folder); files are private (0600)
//! in private folders (0700); file names carry no personal data.

pub mod durability;
pub mod outbox;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::summary::{Mode, Override, Summary};
use crate::load;
use crate::model::answer::Answers;
use crate::model::questionnaire::Questionnaire;

/// Unfinished intakes live in this folder below the output folder.
pub const UNFINISHED: &str = "unfinished";
const DRAFT_FORMAT: &str = "skin-intake/draft";
const DAMAGED_SUFFIX: &str = ".damaged";
/// Temporary files of an atomic write start with this; a killed process may leave one behind.
const TEMPORARY_PREFIX: &str = ".skin-intake-";
/// A temporary file older than this belongs to no write in progress.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_mins(10);

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

/// Creates `dir` (and its parents) if missing; a folder this creates is private (0700).
///
/// # Errors
/// The I/O error, for example when a parent is not writable.
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// The permission bits of `dir` when others than its owner may enter or read it (a folder made
/// elsewhere, before skin-intake); `None` when it is private or cannot be read.
#[must_use]
pub fn open_to_others(dir: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir).ok()?.permissions().mode() & 0o777;
        (mode & 0o077 != 0).then_some(mode)
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

/// Writes `bytes` to `dir/name` atomically. With `replace` false an existing file is never
/// overwritten (the write fails with `AlreadyExists`).
///
/// # Errors
/// The I/O error; nothing is left behind at `dir/name` when it fails.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8], replace: bool) -> io::Result<PathBuf> {
    let path = write_in_place(dir, name, bytes, replace, true)?;
    fs::File::open(dir)?.sync_all()?;
    Ok(path)
}

/// Writes a temporary file and renames it to `dir/name`; with `sync`, the file is fsynced before
/// the rename (the folder's fsync is the caller's).
fn write_in_place(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    replace: bool,
    sync: bool,
) -> io::Result<PathBuf> {
    ensure_private_dir(dir)?;
    let path = dir.join(name);
    // tempfile creates the file with mode 0600. Its errors name the temporary file; the caller
    // names the folder, so only the cause is kept.
    let mut file = tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .tempfile_in(dir)
        .map_err(|e| io::Error::from(e.kind()))?;
    file.as_file_mut().write_all(bytes)?;
    if sync {
        file.as_file().sync_all()?;
    }
    if replace {
        file.persist(&path).map_err(|e| e.error)?;
    } else {
        file.persist_noclobber(&path).map_err(|e| e.error)?;
    }
    Ok(path)
}

/// Exports a summary as `<dir>/<reference date>_<summary id>.json`, never overwriting a file.
///
/// # Errors
/// The I/O error (missing or read-only folder, full disk); no partial file remains.
pub fn write_summary(dir: &Path, summary: &Summary) -> io::Result<PathBuf> {
    let name = format!("{}_{}.json", summary.reference_date, summary.id);
    write_atomic(dir, &name, summary.to_json().as_bytes(), false)
}

/// Removes temporary files that a killed process left in `<out>` and `<out>/unfinished` (they may
/// hold answers). Files of writes still in progress, by this or another instance, are young and stay.
pub fn sweep_temporaries(out: &Path) {
    for dir in [out.to_path_buf(), out.join(UNFINISHED)] {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let ours = entry
                .file_name()
                .to_string_lossy()
                .starts_with(TEMPORARY_PREFIX);
            let stale = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|modified| modified.elapsed().ok())
                .is_some_and(|age| age > STALE_AFTER);
            if ours && stale {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// An unfinished intake, saved after every confirmed answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub format: String,
    pub format_version: u32,
    /// Random; also the file name.
    pub id: String,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    pub language: String,
    pub mode: Mode,
    pub started_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    /// Answers as in an answers file, so that they can be re-read against another version.
    pub answers: serde_json::Map<String, Value>,
    /// The question on screen when the draft was saved.
    pub current: Option<String>,
    #[serde(default)]
    pub clinician_note: Option<String>,
    /// A clinician's override of the verdict, made before the intake was finished.
    #[serde(default, rename = "override")]
    pub verdict_override: Option<Override>,
}

/// What a draft brings back against the questionnaire in use.
#[derive(Debug, Clone, PartialEq)]
pub struct Resumed {
    pub answers: Answers,
    /// Question ids whose saved answers no longer fit and were left out.
    pub dropped: Vec<String>,
}

impl Draft {
    #[must_use]
    pub fn new(
        questionnaire: &Questionnaire,
        language: &str,
        mode: Mode,
        now: DateTime<FixedOffset>,
    ) -> Self {
        Draft {
            format: DRAFT_FORMAT.to_owned(),
            format_version: 1,
            id: uuid::Uuid::new_v4().to_string(),
            questionnaire_id: questionnaire.id.clone(),
            questionnaire_version: questionnaire.version.clone(),
            language: language.to_owned(),
            mode,
            started_at: now,
            updated_at: now,
            answers: serde_json::Map::new(),
            current: None,
            clinician_note: None,
            verdict_override: None,
        }
    }

    /// Records the answers (all of them: a hidden one may be shown again) and the current question.
    pub fn record(&mut self, answers: &Answers, current: Option<&str>, now: DateTime<FixedOffset>) {
        self.answers = answers
            .iter()
            .filter_map(|(id, a)| serde_json::to_value(a).ok().map(|v| (id.to_owned(), v)))
            .collect();
        self.current = current.map(str::to_owned);
        self.updated_at = now;
    }

    /// The saved answers that still fit `questionnaire`: unknown questions and values of the wrong
    /// type or with unknown codes are dropped and named.
    #[must_use]
    pub fn resume(&self, questionnaire: &Questionnaire) -> Resumed {
        let mut answers = Answers::new();
        let mut dropped = Vec::new();
        for (id, value) in &self.answers {
            match questionnaire
                .item(id)
                .map(|item| load::answers::from_json(item, value))
            {
                Some(Ok(answer)) => answers.set(id, answer),
                _ => dropped.push(id.clone()),
            }
        }
        Resumed { answers, dropped }
    }

    fn file_name(&self) -> String {
        format!("{}.json", self.id)
    }

    /// Where [`save_draft`] keeps this draft below the output folder `out`.
    #[must_use]
    pub fn path(&self, out: &Path) -> PathBuf {
        out.join(UNFINISHED).join(self.file_name())
    }
}

/// Saves the draft atomically under `<out>/unfinished/`.
///
/// # Errors
/// The I/O error.
pub fn save_draft(out: &Path, draft: &Draft) -> io::Result<PathBuf> {
    let json = serde_json::to_vec_pretty(draft).map_err(io::Error::other)?;
    write_atomic(&out.join(UNFINISHED), &draft.file_name(), &json, true)
}

/// Saves the draft under `<out>/unfinished/`: complete on disk (written and renamed) when this
/// returns, made durable against a power cut by `syncer` moments later.
///
/// # Errors
/// The I/O error.
pub fn save_draft_soon_durable(
    out: &Path,
    draft: &Draft,
    syncer: &durability::Syncer,
) -> io::Result<PathBuf> {
    let json = serde_json::to_vec_pretty(draft).map_err(io::Error::other)?;
    let path = write_in_place(
        &out.join(UNFINISHED),
        &draft.file_name(),
        &json,
        true,
        false,
    )?;
    syncer.sync_later(path.clone());
    Ok(path)
}

/// Removes a finished intake's draft; a draft that is already gone is fine.
///
/// # Errors
/// The I/O error.
pub fn remove_draft(out: &Path, draft: &Draft) -> io::Result<()> {
    discard(&draft.path(out))
}

/// Deletes a draft or damaged file that staff chose to discard; one already gone is fine.
///
/// # Errors
/// The I/O error.
pub fn discard(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// One file in the unfinished folder.
#[derive(Debug, Clone, PartialEq)]
pub enum Listed {
    Draft(Box<Draft>),
    /// Could not be read; it was renamed to `path` (ending `.damaged`) and kept.
    Damaged {
        path: PathBuf,
        reason: String,
    },
}

/// The unfinished intakes under `<out>/unfinished/`, newest first, then the damaged ones. A file
/// that cannot be read as a draft is renamed `*.damaged`, never deleted.
///
/// # Errors
/// The I/O error reading the folder; a missing folder is an empty list.
pub fn list_drafts(out: &Path) -> io::Result<Vec<Listed>> {
    let dir = out.join(UNFINISHED);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut drafts = Vec::new();
    let mut damaged = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.to_string_lossy().ends_with(DAMAGED_SUFFIX) {
            let reason = "could not be read when it was last listed".to_owned();
            damaged.push(Listed::Damaged { path, reason });
            continue;
        }
        if path.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        match read_draft(&path) {
            Ok(draft) => drafts.push(draft),
            Err(reason) => {
                let mut kept = path.clone().into_os_string();
                kept.push(DAMAGED_SUFFIX);
                let kept = PathBuf::from(kept);
                let path = if fs::rename(&path, &kept).is_ok() {
                    kept
                } else {
                    path
                };
                damaged.push(Listed::Damaged { path, reason });
            }
        }
    }
    drafts.sort_by_key(|d| std::cmp::Reverse(d.updated_at));
    damaged.sort_by(|a, b| listed_path(a).cmp(&listed_path(b)));
    Ok(drafts
        .into_iter()
        .map(|d| Listed::Draft(Box::new(d)))
        .chain(damaged)
        .collect())
}

fn listed_path(listed: &Listed) -> Option<&Path> {
    match listed {
        Listed::Damaged { path, .. } => Some(path),
        Listed::Draft(_) => None,
    }
}

fn read_draft(path: &Path) -> Result<Draft, String> {
    let bytes = fs::read(path).map_err(|e| e.to_string())?;
    let draft: Draft = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    if draft.format != DRAFT_FORMAT {
        return Err(format!(
            "not a skin-intake draft (format '{}')",
            draft.format
        ));
    }
    Ok(draft)
}
