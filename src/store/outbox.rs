//! The outbox: records waiting to be delivered to another system, one private file each under
//! `<out>/outbox/`, written atomically like every file. An entry is created when its record is
//! written and keeps its delivery state (queued, delivered, needs attention) from then on, so a
//! record survives restarts and is never lost or sent as new twice. What a record is and where it
//! goes is the sender's business; this module only keeps them.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ensure_private_dir, read_regular, write_atomic};

/// The outbox folder below the output folder.
pub const OUTBOX: &str = "outbox";
const FORMAT: &str = "skin-intake/outbox";
/// 2: the `superseded` state and the `version` field.
const FORMAT_VERSION: u32 = 2;
/// The most an outbox entry may hold: a QuestionnaireResponse is tens of kilobytes.
const MAX_ENTRY_BYTES: u64 = 4 * 1024 * 1024;
/// Locked by the process sending the outbox; its name starts with a dot, so it lists as no entry.
const SEND_LOCK: &str = ".send.lock";

/// Where a record stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Waiting to be sent, or to be sent again after a failure that may pass.
    Queued,
    /// The receiving system has it.
    Delivered,
    /// The receiving system refused it for a reason that sending again will not change; a person
    /// must look at `last_outcome`.
    NeedsAttention,
    /// Never sent: a newer version of the same record reached the receiver first, and sending
    /// this one now would make the older version the current one. The newer version is whole.
    Superseded,
}

impl State {
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            State::Queued => "queued",
            State::Delivered => "delivered",
            State::NeedsAttention => "needs attention",
            State::Superseded => "superseded",
        }
    }
}

/// One record to deliver and how its delivery has gone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub format: String,
    pub format_version: u32,
    /// Names the file: the record's id, never personal data.
    pub key: String,
    /// What the receiver keys the record by (for FHIR, `system|value` of its identifier).
    pub identifier: String,
    /// `create` for a record's first version, `update` for a later one.
    pub method: Method,
    /// Which version of the record this is (1, 2, …): versions of one record go in this order.
    /// Entries written before it was kept have 0 here until read, then their key's.
    #[serde(default)]
    pub version: u32,
    /// The record as it is sent.
    pub body: Value,
    pub state: State,
    pub attempts: u32,
    pub queued_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    /// Not before this time is it sent again (after a failure that may pass).
    pub next_attempt_at: Option<DateTime<FixedOffset>>,
    /// What happened the last time it was sent: the server's words for a refusal.
    pub last_outcome: Option<String>,
    /// Where the receiver keeps it, once delivered.
    pub location: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Create,
    Update,
}

impl Entry {
    /// A queued record, first sent at once.
    #[must_use]
    pub fn new(
        key: &str,
        identifier: &str,
        method: Method,
        body: Value,
        now: DateTime<FixedOffset>,
    ) -> Self {
        Entry {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            key: key.to_owned(),
            identifier: identifier.to_owned(),
            method,
            version: version_of_key(key),
            body,
            state: State::Queued,
            attempts: 0,
            queued_at: now,
            updated_at: now,
            next_attempt_at: None,
            last_outcome: None,
            location: None,
        }
    }

    /// Whether it is to be sent at `now`.
    #[must_use]
    pub fn due(&self, now: DateTime<FixedOffset>) -> bool {
        self.state == State::Queued && self.next_attempt_at.is_none_or(|at| at <= now)
    }

    fn file_name(&self) -> io::Result<String> {
        if is_plain_key(&self.key) {
            Ok(format!("{}.json", self.key))
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the record's id is not a plain file name",
            ))
        }
    }
}

/// Whether `key` can name a file in the outbox and nothing else: no folder, no hidden name.
#[must_use]
pub fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 200
        && !key.starts_with('.')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The version a key names: `<intake id>-v<n>` is version n, any other key version 1 (see
/// `engine::summary::version_id`).
#[must_use]
pub fn version_of_key(key: &str) -> u32 {
    key.rsplit_once("-v")
        .filter(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|(_, n)| n.parse().ok())
        .filter(|v| *v > 1)
        .unwrap_or(1)
}

/// The outbox folder of the output folder `out`.
#[must_use]
pub fn dir(out: &Path) -> PathBuf {
    out.join(OUTBOX)
}

/// Puts a new record in the outbox. A record already there (the same key) is left as it is: it
/// was queued before, and its state stands.
///
/// # Errors
/// The I/O error; nothing is left half written.
pub fn enqueue(out: &Path, entry: &Entry) -> io::Result<PathBuf> {
    let name = entry.file_name()?;
    let json = serde_json::to_vec_pretty(entry).map_err(io::Error::other)?;
    match write_atomic(&dir(out), &name, &json, false) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(dir(out).join(name)),
        other => other,
    }
}

/// Records an entry's new state, replacing its file atomically. The file is named by the key,
/// which [`list`] has checked against the file's own name, and only a plain name is written:
/// nothing is ever written outside the outbox.
///
/// # Errors
/// The I/O error.
pub fn save(out: &Path, entry: &Entry) -> io::Result<PathBuf> {
    let name = entry.file_name()?;
    let json = serde_json::to_vec_pretty(entry).map_err(io::Error::other)?;
    write_atomic(&dir(out), &name, &json, true)
}

/// Held while this process sends the outbox, so that two senders (a kiosk's, and a scheduled
/// `push`) never send one record at the same time. Dropping it releases it; the lock of a process
/// that died frees itself.
#[derive(Debug)]
pub struct SendLock {
    _file: fs::File,
}

/// Takes the outbox's send lock: waiting up to `wait` for another sender to finish its round,
/// then `None` when another process still holds it (a sender that hangs never stops every later
/// one).
///
/// # Errors
/// The I/O error.
pub fn lock_for_sending(out: &Path, wait: std::time::Duration) -> io::Result<Option<SendLock>> {
    let dir = dir(out);
    ensure_private_dir(&dir)?;
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(dir.join(SEND_LOCK))?;
    let until = std::time::Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Some(SendLock { _file: file })),
            Err(fs::TryLockError::WouldBlock) if std::time::Instant::now() < until => {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(fs::TryLockError::WouldBlock) => return Ok(None),
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
    }
}

/// An outbox file that could not be read as an entry; it is left where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub path: PathBuf,
    pub reason: String,
}

/// Every entry of the outbox, oldest first, and the files that could not be read. A missing
/// outbox is an empty one. This is what a list of records reads each record's delivery state from.
///
/// # Errors
/// The I/O error reading the folder.
pub fn list(out: &Path) -> io::Result<(Vec<Entry>, Vec<Unreadable>)> {
    let entries = match fs::read_dir(dir(out)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => return Err(e),
    };
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        // The name comes from the folder; the content only has to agree with it. A FIFO, a
        // device or a link is refused without being opened for reading.
        let stem = name.strip_suffix(".json").unwrap_or(&name);
        let read = read_regular(&path, MAX_ENTRY_BYTES, false)
            .map_err(|e| e.to_string())
            .and_then(|bytes| serde_json::from_slice::<Entry>(&bytes).map_err(|e| e.to_string()))
            .and_then(|e| {
                if e.format != FORMAT || e.format_version > FORMAT_VERSION {
                    Err(format!(
                        "not an outbox entry this program reads ({} {})",
                        e.format, e.format_version
                    ))
                } else if !is_plain_key(stem) {
                    Err(
                        "needs attention: its file name is not a record's id, so it is not \
                         sent"
                            .to_owned(),
                    )
                } else if e.key != stem {
                    Err(format!(
                        "needs attention: its key '{}' is not its file name; it was changed by \
                         hand or copied, so it is not sent",
                        e.key.escape_debug()
                    ))
                } else {
                    Ok(e)
                }
            });
        match read {
            Ok(mut e) => {
                if e.version == 0 {
                    e.version = version_of_key(&e.key);
                }
                found.push(e);
            }
            Err(reason) => unreadable.push(Unreadable { path, reason }),
        }
    }
    found.sort_by(|a, b| (a.queued_at, &a.key).cmp(&(b.queued_at, &b.key)));
    unreadable.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((found, unreadable))
}
