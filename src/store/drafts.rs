//! Unfinished intakes (drafts): saved after every confirmed answer, one terminal at a time (an
//! advisory lock per draft), listed for staff with the finished, newer and damaged ones apart.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::files::{self, MAX_FILE_BYTES, TEMPORARY_PREFIX};
use super::summaries;
use crate::engine::summary::{Mode, Override};
use crate::load;
use crate::model::answer::Answers;
use crate::model::questionnaire::Questionnaire;
use crate::model::text::DEFAULT_LANGUAGE;
use crate::words::{self, FolderProblem, Label, Say, Words};

/// The store's messages are in English, like the command line's.
fn english() -> &'static dyn Words {
    words::for_language(DEFAULT_LANGUAGE)
}

/// Unfinished intakes live in this folder below the output folder.
pub const UNFINISHED: &str = "unfinished";
const DRAFT_FORMAT: &str = "skin-intake/draft";
/// The draft format this program writes; a draft of a later one is listed and left alone.
pub const DRAFT_FORMAT_VERSION: u32 = 1;
const DAMAGED_SUFFIX: &str = ".damaged";
const LOCK_EXTENSION: &str = "lock";

/// An unfinished intake, saved after every confirmed answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub format: String,
    pub format_version: u32,
    /// The intake's id: random, given when the intake starts, and the id of its summary too.
    /// Also the file name.
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
    /// Question ids whose meaning changed after the draft's version (`changed_in`): their saved
    /// answers were left out, to be asked again.
    pub asked_again: Vec<String>,
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
            format_version: DRAFT_FORMAT_VERSION,
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
    /// type or with unknown codes are dropped and named; answers to questions whose meaning changed
    /// after the draft's version are left out to be asked again, and named apart.
    #[must_use]
    pub fn resume(&self, questionnaire: &Questionnaire) -> Resumed {
        let mut answers = Answers::new();
        let mut dropped = Vec::new();
        let mut asked_again = Vec::new();
        for (id, value) in &self.answers {
            let Some(item) = questionnaire.item(id) else {
                dropped.push(id.clone());
                continue;
            };
            match load::answers::from_json(item, value) {
                Err(_) => dropped.push(id.clone()),
                Ok(_) if item.asked_again_after(&self.questionnaire_version) => {
                    asked_again.push(id.clone());
                }
                Ok(answer) => answers.set(id, answer),
            }
        }
        Resumed {
            answers,
            dropped,
            asked_again,
        }
    }

    /// The questionnaire the draft was made with, in words, when it is not `questionnaire` (another
    /// id or another version): staff are told before it is resumed.
    #[must_use]
    pub fn made_with_other(&self, questionnaire: &Questionnaire) -> Option<String> {
        if self.questionnaire_id != questionnaire.id {
            Some(english().say(&Say::OtherQuestionnaire {
                id: &self.questionnaire_id,
                version: &self.questionnaire_version,
                not: &questionnaire.id,
            }))
        } else if self.questionnaire_version != questionnaire.version {
            Some(english().say(&Say::OtherQuestionnaireVersion {
                version: &self.questionnaire_version,
                not: &questionnaire.version,
            }))
        } else {
            None
        }
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

/// The folder of drafts, `<out>/unfinished`, made private if missing. One that others can open
/// is made private again (skin-intake made it so; only its permissions were widened). A symbolic
/// link, or a folder of another user, is refused: drafts never go anywhere but inside `out`.
///
/// # Errors
/// The I/O error, or a refusal that says what to do.
pub fn drafts_dir(out: &Path) -> io::Result<PathBuf> {
    let dir = out.join(UNFINISHED);
    let meta = match fs::symlink_metadata(&dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            files::ensure_private_dir(&dir)?;
            fs::symlink_metadata(&dir)?
        }
        other => other?,
    };
    let refused = |why| {
        io::Error::other(english().say(&Say::DraftsFolder {
            dir: &dir.display().to_string(),
            why,
        }))
    };
    if meta.file_type().is_symlink() {
        return Err(refused(FolderProblem::Link));
    }
    if !meta.is_dir() {
        return Err(refused(FolderProblem::NotAFolder));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if meta.uid() != me {
            return Err(refused(FolderProblem::Others));
        }
        if meta.mode() & 0o077 != 0 {
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(dir)
}

/// Why a draft could not be locked.
#[derive(Debug)]
pub enum LockError {
    /// Another skin-intake holds it: the intake is open on another terminal.
    Elsewhere,
    Io(io::Error),
}

/// The advisory lock (`flock`) on one intake's draft, held while it is open. A lock left by a
/// process that died frees itself; dropping this releases it.
#[derive(Debug)]
pub struct DraftLock {
    id: String,
    path: PathBuf,
    _file: fs::File,
}

impl DraftLock {
    /// The id of the intake it locks.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Removes the lock file while the lock is held, so that no one else can be waiting on it.
    fn remove(self) -> io::Result<()> {
        files::discard(&self.path)
    }
}

/// Locks the draft of intake `id` for this process.
///
/// # Errors
/// [`LockError::Elsewhere`] when another process holds it, or the I/O error.
pub fn lock_draft(out: &Path, id: &str) -> Result<DraftLock, LockError> {
    let dir = drafts_dir(out)?;
    let path = dir.join(format!("{id}.{LOCK_EXTENSION}"));
    // A lock file removed between our open and our lock would lock nothing: check that the name
    // still leads to the file that is locked, and try again if not.
    for _ in 0..5 {
        let mut options = fs::OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
        }
        let file = options.open(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Err(LockError::Elsewhere),
            Err(fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
        if same_file(&file, &path) {
            return Ok(DraftLock {
                id: id.to_owned(),
                path,
                _file: file,
            });
        }
    }
    Err(LockError::Elsewhere)
}

#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &fs::File, path: &Path) -> bool {
    path.exists()
}

impl From<io::Error> for LockError {
    fn from(error: io::Error) -> Self {
        LockError::Io(error)
    }
}

/// In English, as the store's other messages are.
impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Elsewhere => f.write_str(english().label(Label::OpenElsewhereIntake)),
            LockError::Io(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for LockError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LockError::Elsewhere => None,
            LockError::Io(error) => Some(error),
        }
    }
}

/// Why a listed draft could not be opened.
#[derive(Debug)]
pub enum OpenError {
    Elsewhere,
    Finished(PathBuf),
    Gone,
    /// Why its draft cannot be read.
    Unreadable(String),
    Io(io::Error),
}

/// In English, as the store's other messages are.
impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words = english();
        match self {
            OpenError::Elsewhere => f.write_str(words.label(Label::OpenElsewhereIntake)),
            OpenError::Finished(summary) => f.write_str(&words.say(&Say::IntakeFinished {
                summary: &summary.display().to_string(),
            })),
            OpenError::Gone => f.write_str(words.label(Label::IntakeGone)),
            OpenError::Unreadable(reason) => {
                f.write_str(&words.say(&Say::DraftUnreadable { reason }))
            }
            OpenError::Io(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for OpenError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OpenError::Io(error) => Some(error),
            _ => None,
        }
    }
}

/// Opens intake `id` to resume it: takes its lock, then reads its draft as it is now (another
/// terminal may have changed it since it was listed). A finished intake is never reopened.
///
/// # Errors
/// [`OpenError`]: open elsewhere, finished, gone, unreadable, or the I/O error.
pub fn open_draft(out: &Path, id: &str) -> Result<(Draft, DraftLock), OpenError> {
    let lock = lock_draft(out, id).map_err(|e| match e {
        LockError::Elsewhere => OpenError::Elsewhere,
        LockError::Io(e) => OpenError::Io(e),
    })?;
    if let Some(summary) = summaries::find_summary(out, id) {
        return Err(OpenError::Finished(summary));
    }
    let path = out.join(UNFINISHED).join(format!("{id}.json"));
    if !path.exists() {
        return Err(OpenError::Gone);
    }
    match read_draft(&path, id).map_err(OpenError::Unreadable)? {
        Read::Draft(draft) => Ok((*draft, lock)),
        Read::Newer(version) => Err(OpenError::Unreadable(
            english().say(&Say::DraftNewer { version }),
        )),
    }
}

/// Whether the draft of intake `id` is open in another process right now.
#[must_use]
pub fn open_elsewhere(out: &Path, id: &str) -> bool {
    matches!(lock_draft(out, id), Err(LockError::Elsewhere))
}

/// Saves the draft atomically under `<out>/unfinished/`; only the holder of its lock may.
///
/// # Errors
/// The I/O error; a draft too large to be read back, or a lock of another intake, is refused.
pub fn save_draft(out: &Path, draft: &Draft, lock: &DraftLock) -> io::Result<PathBuf> {
    let json = draft_json(draft, lock)?;
    let dir = drafts_dir(out)?;
    files::write_atomic(&dir, &draft.file_name(), &json, true)
}

/// Saves the draft under `<out>/unfinished/`, holding its lock: whole on disk (written and
/// renamed) when this returns, made durable against a power cut by `syncer` moments later.
///
/// # Errors
/// As [`save_draft`].
pub fn save_draft_soon_durable(
    out: &Path,
    draft: &Draft,
    lock: &DraftLock,
    syncer: &super::durability::Syncer,
) -> io::Result<PathBuf> {
    let json = draft_json(draft, lock)?;
    let dir = drafts_dir(out)?;
    let path = files::write_atomic_steps(
        &dir,
        &draft.file_name(),
        &json,
        true,
        false,
        &mut |_| Ok(()),
    )?;
    syncer.sync_later(path.clone());
    Ok(path)
}

/// The draft as saved, if `lock` is its own and it is small enough to be read back.
fn draft_json(draft: &Draft, lock: &DraftLock) -> io::Result<Vec<u8>> {
    if lock.id != draft.id {
        return Err(io::Error::other(english().label(Label::DraftNotLocked)));
    }
    let json = serde_json::to_vec_pretty(draft).map_err(io::Error::other)?;
    if json.len() as u64 > MAX_FILE_BYTES {
        return Err(io::Error::other(english().label(Label::AnswersTooLarge)));
    }
    Ok(json)
}

/// Removes the draft of intake `id` and its lock file, holding its lock: staff deleting an
/// unfinished intake, or a finished intake's leftover.
///
/// # Errors
/// [`LockError::Elsewhere`] when it is open on another terminal, or the I/O error.
pub fn delete_draft(out: &Path, id: &str) -> Result<(), LockError> {
    let lock = lock_draft(out, id)?;
    remove_locked(out, lock)?;
    Ok(())
}

/// Removes a draft whose lock is held, then the lock file.
pub(super) fn remove_locked(out: &Path, lock: DraftLock) -> io::Result<()> {
    let dir = out.join(UNFINISHED);
    files::discard(&dir.join(format!("{}.json", lock.id)))?;
    files::sync_dir(&dir)?;
    lock.remove()
}

/// One file in the unfinished folder. `D` is what a draft is listed with: the draft itself here,
/// the draft and how far it got in the clinic's list.
#[derive(Debug, Clone, PartialEq)]
pub enum Listed<D = Box<Draft>> {
    Draft(D),
    /// A draft whose summary is written already: it was submitted as skin-intake stopped. It is
    /// never resumed; its leftover copy is removed when no other process has it open.
    Finished {
        id: String,
        summary: PathBuf,
    },
    /// A draft of a later format than this program knows: left as it is, never rewritten.
    Newer {
        path: PathBuf,
        format_version: u64,
    },
    /// Could not be read; it was renamed to `path` (ending `.damaged`) and kept.
    Damaged {
        path: PathBuf,
        reason: String,
    },
}

impl<D> Listed<D> {
    /// The same file, its draft (if it is one) listed with what `f` makes of it.
    pub fn map_draft<E>(self, f: impl FnOnce(D) -> E) -> Listed<E> {
        match self {
            Listed::Draft(draft) => Listed::Draft(f(draft)),
            Listed::Finished { id, summary } => Listed::Finished { id, summary },
            Listed::Newer {
                path,
                format_version,
            } => Listed::Newer {
                path,
                format_version,
            },
            Listed::Damaged { path, reason } => Listed::Damaged { path, reason },
        }
    }
}

/// The unfinished intakes under `<out>/unfinished/`, newest first, then the finished, the newer
/// and the damaged ones. A file that cannot be read as a draft is renamed `*.damaged` (to a free
/// name: a damaged file is never overwritten), never deleted.
///
/// # Errors
/// The I/O error reading the folder; a missing folder is an empty list.
pub fn list_drafts(out: &Path) -> io::Result<Vec<Listed>> {
    let dir = out.join(UNFINISHED);
    if !dir.exists() && fs::symlink_metadata(&dir).is_err() {
        return Ok(Vec::new());
    }
    let dir = drafts_dir(out)?;
    let finished = summaries::summary_ids(out);
    let mut drafts = Vec::new();
    let mut others = Vec::new();
    let mut damaged = Vec::new();
    for entry in fs::read_dir(&dir)?.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || path.extension().is_some_and(|e| e == LOCK_EXTENSION) {
            continue;
        }
        if name.ends_with(DAMAGED_SUFFIX) {
            let reason = english().label(Label::DamagedWhenListed).to_owned();
            damaged.push(Listed::Damaged { path, reason });
            continue;
        }
        let Some(id) = name.strip_suffix(".json") else {
            continue;
        };
        match read_draft(&path, id) {
            Ok(Read::Draft(draft)) if finished.contains(&draft.id) => {
                let summary = summaries::find_summary(out, &draft.id).unwrap_or_default();
                // Complete the submission that stopped half way, unless it is still under way.
                if let Ok(lock) = lock_draft(out, &draft.id) {
                    let _ = remove_locked(out, lock);
                }
                others.push(Listed::Finished {
                    id: draft.id,
                    summary,
                });
            }
            Ok(Read::Draft(draft)) => drafts.push(draft),
            Ok(Read::Newer(format_version)) => others.push(Listed::Newer {
                path,
                format_version,
            }),
            Err(reason) => {
                let path = files::move_aside(&path, DAMAGED_SUFFIX).unwrap_or(path);
                damaged.push(Listed::Damaged { path, reason });
            }
        }
    }
    drafts.sort_by_key(|d| std::cmp::Reverse(d.updated_at));
    damaged.sort_by(|a, b| listed_path(a).cmp(&listed_path(b)));
    Ok(drafts
        .into_iter()
        .map(Listed::Draft)
        .chain(others)
        .chain(damaged)
        .collect())
}

fn listed_path(listed: &Listed) -> Option<&Path> {
    match listed {
        Listed::Damaged { path, .. } | Listed::Newer { path, .. } => Some(path),
        Listed::Finished { summary, .. } => Some(summary),
        Listed::Draft(_) => None,
    }
}

/// A draft file as read.
enum Read {
    Draft(Box<Draft>),
    /// A draft of this later format version.
    Newer(u64),
}

/// Reads the draft file `path`, whose name says it is intake `id`.
fn read_draft(path: &Path, id: &str) -> Result<Read, String> {
    // The reason shows in the staff list.
    let words = english();
    let bytes = files::read_regular(path, MAX_FILE_BYTES, false).map_err(|e| e.message(words))?;
    let text = String::from_utf8(bytes).map_err(|_| words.label(Label::NotUtf8Text).to_owned())?;
    let value = load::json::parse(&text).map_err(|e| words.json_problem(&e))?;
    let format = value.get("format").and_then(Value::as_str).unwrap_or("");
    if format != DRAFT_FORMAT {
        return Err(words.say(&Say::NotADraft { format }));
    }
    let version = value.get("format_version").and_then(Value::as_u64);
    if let Some(version) = version.filter(|v| *v > u64::from(DRAFT_FORMAT_VERSION)) {
        return Ok(Read::Newer(version));
    }
    let draft: Draft = serde_json::from_value(value).map_err(|e| e.to_string())?;
    if draft.id != id {
        // Saving it would write another file: the intake would be doubled.
        return Err(words.say(&Say::IdNotFileName { id: &draft.id }));
    }
    Ok(Read::Draft(Box::new(draft)))
}

/// Removes what a killed process left behind in `<out>`, `<out>/unfinished` and `<out>/cache`:
/// temporary files (they may hold answers) and lock files of drafts that are gone. Files of writes still in
/// progress, by this or another instance, are young and stay; a lock held by anyone stays.
pub fn sweep_leftovers(out: &Path) {
    const STALE_AFTER: std::time::Duration = std::time::Duration::from_mins(10);
    let unfinished = out.join(UNFINISHED);
    for dir in [
        out.to_path_buf(),
        unfinished.clone(),
        out.join(super::records::CACHE),
    ] {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            // The name first: a folder of years of records holds few temporary files.
            let ours = entry
                .file_name()
                .to_string_lossy()
                .starts_with(TEMPORARY_PREFIX);
            if !ours {
                continue;
            }
            let stale = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|modified| modified.elapsed().ok())
                .is_some_and(|age| age > STALE_AFTER);
            if stale {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    let Ok(entries) = fs::read_dir(&unfinished) else {
        return;
    };
    let locks: HashSet<String> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(&format!(".{LOCK_EXTENSION}"))
                .map(str::to_owned)
        })
        .collect();
    for id in locks {
        if !unfinished.join(format!("{id}.json")).exists()
            && let Ok(lock) = lock_draft(out, &id)
            && !unfinished.join(format!("{id}.json")).exists()
        {
            let _ = lock.remove();
        }
    }
}
