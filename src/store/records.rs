//! The clinic's records: every finished intake listed by its latest version, the versions of one
//! intake, and earlier intakes of the same person.
//!
//! Listing reads only what a list row needs from each summary. What it read is kept in an index,
//! `<out>/cache/records.index` (postcard, times as numbers: a third of the size of JSON, read
//! without parsing text): a cache, never the truth. A summary file is listed from the index only
//! while its name, size, modification time and inode are those the index holds; any other file
//! is read again, and a missing or damaged index is built again from the summaries.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::files::{self, ReadError};
use super::summaries::parse_name;
use crate::engine::summary::{Decision, FORMAT, FORMAT_VERSION, Mode, Patient, Review, Summary};
use crate::load::summary::SummaryProblem;
use crate::model::questionnaire::Level;
use crate::words::{Say, Words};

/// The folder of caches below the output folder.
pub const CACHE: &str = "cache";
const INDEX_NAME: &str = "records.index";
/// The index of earlier releases (JSON), removed when the index is written.
const OLD_INDEX_NAME: &str = "records.json";
/// The index's first bytes: what it is and its version, bumped whenever what the index holds
/// changes (an index of another version is built again). Then the entries, in postcard.
const INDEX_MAGIC: &[u8] = b"skin-intake/records-index 2\n";
/// The most the index may hold: far above 100,000 records.
const INDEX_MAX_BYTES: u64 = 1024 * 1024 * 1024;

/// One intake in the list, as its latest version has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub intake_id: String,
    /// The latest version's file.
    pub path: PathBuf,
    pub version: u32,
    pub name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub age: Option<u32>,
    /// When the patient finished the intake.
    pub completed_at: DateTime<FixedOffset>,
    pub mode: Mode,
    /// The computed verdict.
    pub computed: Level,
    /// The override's verdict, if there is one.
    pub overridden: Option<Level>,
    /// The schedule waits for a physician's approval.
    pub provisional: bool,
    /// The sign-off of the latest version; `None` while it waits for review.
    pub review: Option<Review>,
    /// The most recent earlier intake of the same name and date of birth.
    pub seen_before: Option<SeenBefore>,
}

/// An earlier intake of the same person, as its latest version has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenBefore {
    pub intake_id: String,
    pub path: PathBuf,
    pub completed_at: DateTime<FixedOffset>,
    /// Its verdict as it stands (the override's, if any).
    pub level: Level,
}

impl Row {
    /// The verdict as it stands: the override's, else the computed one.
    #[must_use]
    pub fn shown(&self) -> Level {
        self.overridden.unwrap_or(self.computed)
    }

    /// Whether the row fits what was typed to filter the list: part of the name (any case), or
    /// of the date of birth as `YYYY-MM-DD` or `DD/MM/YYYY`. Nothing typed fits every row.
    #[must_use]
    pub fn matches(&self, query: &str) -> bool {
        let query = person_name(query);
        if query.is_empty() {
            return true;
        }
        let name = self.name.as_deref().map(person_name).unwrap_or_default();
        name.contains(&query)
            || self.date_of_birth.is_some_and(|d| {
                d.format("%Y-%m-%d").to_string().contains(&query)
                    || d.format("%d/%m/%Y").to_string().contains(&query)
            })
    }
}

/// Every finished intake in the output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Records {
    /// One per intake, in the order patients finished (oldest first).
    pub rows: Vec<Row>,
    /// Files named as summaries that could not be read as one (damaged, hand-made, of a newer
    /// skin-intake): open one with `show` to see why.
    pub unreadable: Vec<PathBuf>,
}

/// Lists every finished intake in `out` by its latest version. Uses and refreshes the index; the
/// index failing to be written only makes the next listing slower.
///
/// # Errors
/// The I/O error of reading the folder itself; a missing folder lists nothing.
pub fn list_records(out: &Path) -> io::Result<Records> {
    let entries = match fs::read_dir(out) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Records::default()),
        Err(e) => return Err(e),
    };
    let mut named = Vec::new();
    for entry in entries {
        let entry = entry?;
        // Only regular files named as summaries; temporary files start with a dot.
        let summary = entry
            .file_name()
            .to_str()
            .is_some_and(|n| parse_name(n).is_some());
        if summary && entry.file_type().is_ok_and(|t| t.is_file()) {
            named.push(entry);
        }
    }
    let mut found = on_all_cores(named, |entry| {
        let meta = entry.metadata().ok()?;
        let name = entry.file_name().into_string().ok()?;
        Some((name, Stamp::of(&meta)))
    });
    // The index is written in the order of names: both lists are walked side by side.
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let index_path = out.join(CACHE).join(INDEX_NAME);
    let mut known = read_index(&index_path);
    if !known.is_sorted_by(|a, b| a.name < b.name) {
        known.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        known.dedup_by(|a, b| a.name == b.name);
    }
    let mut known = known.into_iter().peekable();
    let mut entries = Vec::with_capacity(found.len());
    let mut to_read = Vec::new();
    let mut changed = false;
    for (name, stamp) in found {
        // Index entries of files no longer there are dropped.
        while known.next_if(|e| e.name < name).is_some() {
            changed = true;
        }
        match known.next_if(|e| e.name == name) {
            Some(entry) if entry.stamp == stamp => entries.push(entry),
            _ => to_read.push((name, stamp)),
        }
    }
    changed |= known.next().is_some() || !to_read.is_empty();
    if !to_read.is_empty() {
        entries.extend(read_heads(out, to_read));
        entries.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    }
    if changed {
        let _ = write_index(out, &entries);
    }
    Ok(records_of(out, entries))
}

/// Every finished intake of the person with this name (any case and spacing) and date of birth,
/// most recent first: for the notice that a new intake's patient has been seen before.
///
/// # Errors
/// As [`list_records`].
pub fn seen_before(out: &Path, name: &str, date_of_birth: NaiveDate) -> io::Result<Vec<Row>> {
    let key = person_key(Some(name), Some(date_of_birth));
    let mut rows: Vec<Row> = list_records(out)?
        .rows
        .into_iter()
        .filter(|r| key.is_some() && person_key(r.name.as_deref(), r.date_of_birth) == key)
        .collect();
    rows.reverse();
    Ok(rows)
}

/// One version of an intake's record and its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub path: PathBuf,
    pub summary: Summary,
}

/// Why a summary file could not be read; [`SummaryError::message`] says it in a language.
#[derive(Debug)]
pub enum SummaryError {
    Read {
        path: PathBuf,
        error: ReadError,
    },
    NotReadable {
        path: PathBuf,
        problem: SummaryProblem,
    },
}

impl SummaryError {
    /// The file it is about.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            SummaryError::Read { path, .. } | SummaryError::NotReadable { path, .. } => path,
        }
    }

    /// The file and what is wrong with it, in `words`' language.
    #[must_use]
    pub fn message(&self, words: &dyn Words) -> String {
        match self {
            SummaryError::Read { path, error } => words.say(&Say::CannotRead {
                path: &path.display().to_string(),
                error: &error.message(words),
            }),
            SummaryError::NotReadable { path, problem } => {
                format!("{}: {}", path.display(), words.summary_problem(problem))
            }
        }
    }
}

/// Reads one summary file (format 1 or 2): a regular file of at most [`files::MAX_FILE_BYTES`].
///
/// # Errors
/// [`SummaryError`].
pub fn read_summary(path: &Path) -> Result<Summary, SummaryError> {
    let read = |error| SummaryError::Read {
        path: path.to_owned(),
        error,
    };
    let bytes = files::read_regular(path, files::MAX_FILE_BYTES, true).map_err(read)?;
    let not_readable = |problem| SummaryError::NotReadable {
        path: path.to_owned(),
        problem,
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        not_readable(SummaryProblem::NotUtf8 {
            column: e.utf8_error().valid_up_to() + 1,
        })
    })?;
    crate::load::summary::parse(text.trim_start_matches('\u{feff}')).map_err(not_readable)
}

/// Every version of intake `intake_id` in `out`, version 1 first. Empty when it has none.
///
/// # Errors
/// The first version file that cannot be read, or the folder's I/O error.
pub fn load_versions(out: &Path, intake_id: &str) -> Result<Vec<Version>, SummaryError> {
    let folder = |error: io::Error| SummaryError::Read {
        path: out.to_owned(),
        error: ReadError::Io(error),
    };
    let mut versions = Vec::new();
    for entry in fs::read_dir(out).map_err(folder)? {
        let entry = entry.map_err(folder)?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if parse_name(&name).is_none_or(|n| n.intake_id != intake_id) {
            continue;
        }
        let path = entry.path();
        let summary = read_summary(&path)?;
        // The content is the truth: a file named for this intake that holds another is skipped.
        if summary.intake_id == intake_id {
            versions.push(Version { path, summary });
        }
    }
    versions.sort_by_key(|v| v.summary.version);
    Ok(versions)
}

/// What identifies a file's content while it stays: summaries are never rewritten in place, so a
/// file whose stamp is unchanged holds what the index read from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    len: u64,
    modified_s: i64,
    modified_ns: i64,
    inode: u64,
}

impl Stamp {
    #[cfg(unix)]
    fn of(meta: &fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: meta.len(),
            modified_s: meta.mtime(),
            modified_ns: meta.mtime_nsec(),
            inode: meta.ino(),
        }
    }
}

/// One summary file in the index: what the list needs from it, or `None` if it is unreadable.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    name: String,
    stamp: Stamp,
    head: Option<Head>,
}

/// What a list row needs from one version.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Head {
    intake_id: String,
    version: u32,
    #[serde(with = "moment")]
    completed_at: DateTime<FixedOffset>,
    mode: Mode,
    name: Option<String>,
    #[serde(with = "day")]
    date_of_birth: Option<NaiveDate>,
    age: Option<u32>,
    computed: Level,
    overridden: Option<Level>,
    provisional: bool,
    review: Option<HeadReview>,
}

/// A sign-off as the index holds it: every field always written, as postcard needs.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct HeadReview {
    by: String,
    decision: Decision,
    note: Option<String>,
    #[serde(with = "moment")]
    at: DateTime<FixedOffset>,
    #[serde(with = "day")]
    cleared_from: Option<NaiveDate>,
}

impl From<Review> for HeadReview {
    fn from(r: Review) -> Self {
        HeadReview {
            by: r.by,
            decision: r.decision,
            note: r.note,
            at: r.at,
            cleared_from: r.cleared_from,
        }
    }
}

impl From<HeadReview> for Review {
    fn from(r: HeadReview) -> Self {
        Review {
            by: r.by,
            decision: r.decision,
            note: r.note,
            at: r.at,
            cleared_from: r.cleared_from,
        }
    }
}

/// A time as seconds, nanoseconds and its offset from UTC in seconds: read without parsing text.
mod moment {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    pub fn serialize<S: Serializer>(t: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        (
            t.timestamp(),
            t.timestamp_subsec_nanos(),
            t.offset().local_minus_utc(),
        )
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let (secs, nanos, offset) = <(i64, u32, i32)>::deserialize(d)?;
        let offset = FixedOffset::east_opt(offset).ok_or_else(|| D::Error::custom("offset"))?;
        DateTime::from_timestamp(secs, nanos)
            .map(|t| t.with_timezone(&offset))
            .ok_or_else(|| D::Error::custom("time"))
    }
}

/// A day as its number from the common era's first day.
mod day {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    #[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)] // serde passes a reference
    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        d.map(|d| d.num_days_from_ce()).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<i32>::deserialize(d)?
            .map(|n| NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(|| D::Error::custom("day")))
            .transpose()
    }
}

/// The index's entries; none when it is missing, damaged or of another version.
fn read_index(path: &Path) -> Vec<Entry> {
    let Ok(bytes) = files::read_regular(path, INDEX_MAX_BYTES, false) else {
        return Vec::new();
    };
    bytes
        .strip_prefix(INDEX_MAGIC)
        .and_then(|rest| postcard::from_bytes::<Vec<Entry>>(rest).ok())
        .unwrap_or_default()
}

fn write_index(out: &Path, entries: &[Entry]) -> io::Result<()> {
    let bytes = postcard::to_extend(entries, INDEX_MAGIC.to_vec()).map_err(io::Error::other)?;
    let cache = out.join(CACHE);
    // A cache: replaced whole, and not flushed to the disk (a torn one is built again).
    files::write_atomic_steps(&cache, INDEX_NAME, &bytes, true, false, &mut |_| Ok(()))?;
    let _ = fs::remove_file(cache.join(OLD_INDEX_NAME));
    Ok(())
}

/// Reads the heads of `files` in `out`.
fn read_heads(out: &Path, files: Vec<(String, Stamp)>) -> Vec<Entry> {
    on_all_cores(files, |(name, stamp)| {
        let head = read_head(&out.join(&name));
        Some(Entry { name, stamp, head })
    })
}

/// `f` over `items` on as many threads as there are cores (a few), keeping what it returns.
fn on_all_cores<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> Option<U> + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(8);
    if items.len() < 256 || threads == 1 {
        return items.into_iter().filter_map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let mut items = items;
    let mut parts = Vec::new();
    while !items.is_empty() {
        let rest = items.split_off(chunk.min(items.len()));
        parts.push(std::mem::replace(&mut items, rest));
    }
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().filter_map(f).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// The fields of a summary a row needs; every other field is skipped unread.
#[derive(Deserialize)]
struct Slim {
    format: String,
    format_version: u32,
    id: String,
    #[serde(default)]
    intake_id: Option<String>,
    #[serde(default)]
    version: Option<u32>,
    mode: Mode,
    completed_at: DateTime<FixedOffset>,
    patient: Patient,
    assessment: SlimAssessment,
    #[serde(default, rename = "override")]
    verdict_override: Option<SlimOverride>,
    #[serde(default)]
    review: Option<Review>,
}

#[derive(Deserialize)]
struct SlimAssessment {
    suitability: Level,
    /// Written by the clinical revision's engine; absent before it.
    #[serde(default)]
    schedule_provisional: bool,
}

#[derive(Deserialize)]
struct SlimOverride {
    suitability: Level,
}

fn read_head(path: &Path) -> Option<Head> {
    let bytes = files::read_regular(path, files::MAX_FILE_BYTES, false).ok()?;
    let slim: Slim = serde_json::from_slice(&bytes).ok()?;
    if slim.format != FORMAT || slim.format_version > FORMAT_VERSION {
        return None;
    }
    Some(Head {
        intake_id: slim.intake_id.unwrap_or(slim.id),
        version: slim.version.unwrap_or(1),
        completed_at: slim.completed_at,
        mode: slim.mode,
        name: slim.patient.name,
        date_of_birth: slim.patient.date_of_birth,
        age: slim.patient.age,
        computed: slim.assessment.suitability,
        overridden: slim.verdict_override.map(|o| o.suitability),
        provisional: slim.assessment.schedule_provisional,
        review: slim.review.map(HeadReview::from),
    })
}

/// A name as people are matched by it: lower case, single spaces.
fn person_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn person_key(name: Option<&str>, date_of_birth: Option<NaiveDate>) -> Option<(String, NaiveDate)> {
    let name = person_name(name?);
    (!name.is_empty()).then_some((name, date_of_birth?))
}

/// One row per intake from its latest version, in the order patients finished, each with the
/// most recent earlier intake of the same person.
fn records_of(out: &Path, entries: Vec<Entry>) -> Records {
    let mut unreadable = Vec::new();
    let mut heads = Vec::with_capacity(entries.len());
    for Entry { name, head, .. } in entries {
        match head {
            Some(head) => heads.push((name, head)),
            None => unreadable.push(out.join(name)),
        }
    }
    // Each intake's latest version: of two with the same version, the first by file name (the
    // order the entries come in). Indices are sorted, not the heads themselves.
    let mut latest: HashMap<&str, usize> = HashMap::with_capacity(heads.len());
    for (i, (_, head)) in heads.iter().enumerate() {
        latest
            .entry(head.intake_id.as_str())
            .and_modify(|kept| {
                if heads[*kept].1.version < head.version {
                    *kept = i;
                }
            })
            .or_insert(i);
    }
    let mut order: Vec<usize> = latest.into_values().collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (&heads[a].1, &heads[b].1);
        (a.completed_at, &a.intake_id).cmp(&(b.completed_at, &b.intake_id))
    });
    let mut slots: Vec<Option<(String, Head)>> = heads.into_iter().map(Some).collect();
    let mut rows: Vec<Row> = Vec::with_capacity(order.len());
    let mut last_seen: HashMap<(String, NaiveDate), usize> = HashMap::new();
    for i in order {
        let Some((name, h)) = slots[i].take() else {
            continue;
        };
        let mut row = Row {
            intake_id: h.intake_id,
            path: out.join(name),
            version: h.version,
            name: h.name,
            date_of_birth: h.date_of_birth,
            age: h.age,
            completed_at: h.completed_at,
            mode: h.mode,
            computed: h.computed,
            overridden: h.overridden,
            provisional: h.provisional,
            review: h.review.map(Review::from),
            seen_before: None,
        };
        if let Some(key) = person_key(row.name.as_deref(), row.date_of_birth) {
            if let Some(&earlier) = last_seen.get(&key) {
                let e: &Row = &rows[earlier];
                row.seen_before = Some(SeenBefore {
                    intake_id: e.intake_id.clone(),
                    path: e.path.clone(),
                    completed_at: e.completed_at,
                    level: e.shown(),
                });
            }
            last_seen.insert(key, rows.len());
        }
        rows.push(row);
    }
    unreadable.sort();
    Records { rows, unreadable }
}
