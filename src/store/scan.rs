//! Every summary file of a folder read once, on every core, for the clinic report: only the
//! fields the report counts, borrowed from the file's bytes, one file at a time per core, so the
//! cost is the reading and memory does not grow with the folder.
//!
//! A file is read as the report's if it is UTF-8 JSON, says it is a summary of a format this
//! program reads, has every field a summary must have, and the fields read here have the types a
//! summary gives them; the other fields are checked for JSON syntax only (`show` reads them all).

use std::borrow::Cow;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::files;
use super::summaries::parse_name;
use crate::engine::summary::{Decision, FORMAT, FORMAT_VERSION, Summary};
use crate::model::questionnaire::{Level, Range};

/// What the report counts from one version of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts<'a> {
    pub intake_id: Cow<'a, str>,
    pub version: u32,
    pub completed_at: DateTime<FixedOffset>,
    /// The computed verdict.
    pub computed: Level,
    /// The override's verdict, if there is one.
    pub overridden: Option<Level>,
    /// The sign-off's decision; `None` while the version waits for review.
    pub review: Option<Decision>,
    pub concerns: Vec<Cow<'a, str>>,
    /// Each reason's rule and message.
    pub reasons: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    pub sessions: Option<Range>,
    /// The schedule in force (the override's when it has its own, else the computed one): each
    /// session's earliest and latest day.
    pub schedule: Vec<(NaiveDate, NaiveDate)>,
}

impl<'a> Facts<'a> {
    /// The facts of a summary read in full.
    #[must_use]
    pub fn of(summary: &'a Summary) -> Self {
        let a = &summary.assessment;
        Facts {
            intake_id: Cow::Borrowed(&summary.intake_id),
            version: summary.version,
            completed_at: summary.completed_at,
            computed: a.suitability,
            overridden: summary.verdict_override.as_ref().map(|o| o.suitability),
            review: summary.review.as_ref().map(|r| r.decision),
            concerns: a
                .concerns
                .iter()
                .map(|c| Cow::Borrowed(c.concern.as_str()))
                .collect(),
            reasons: a
                .reasons
                .iter()
                .map(|r| {
                    (
                        Cow::Borrowed(r.rule.as_str()),
                        Cow::Borrowed(r.message.as_str()),
                    )
                })
                .collect(),
            sessions: a.sessions,
            schedule: summary
                .shown_schedule()
                .iter()
                .map(|s| (s.earliest, s.latest))
                .collect(),
        }
    }

    /// The verdict as it stands: the override's, else the computed one.
    #[must_use]
    pub fn shown(&self) -> Level {
        self.overridden.unwrap_or(self.computed)
    }
}

/// One file of the folder as the scan finds it.
#[derive(Debug)]
pub enum Found<'a> {
    /// A summary file, read.
    Summary(Facts<'a>),
    /// A file named as a summary that cannot be read as one.
    Unreadable(PathBuf),
    /// A JSON file not named as a summary.
    Foreign(PathBuf),
}

/// How many directory entries a core takes at a time.
const BATCH: usize = 64;

/// Reads every summary file in `out` on every core, giving each to `each` (called from several
/// threads at once) as it is read; JSON files not named as summaries are given as foreign.
/// Regular files only: a link or a folder is neither read nor named.
///
/// # Errors
/// The I/O error of reading the folder itself.
pub fn scan(out: &Path, each: impl Fn(Found<'_>) + Sync) -> io::Result<()> {
    let listing = Mutex::new(fs::read_dir(out)?);
    let failed: Mutex<Option<io::Error>> = Mutex::new(None);
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(8);
    let work = || {
        let mut buffer = Vec::new();
        let mut batch = Vec::with_capacity(BATCH);
        loop {
            batch.clear();
            {
                let Ok(mut listing) = listing.lock() else {
                    return;
                };
                for entry in listing.by_ref().take(BATCH) {
                    match entry {
                        Ok(entry) => batch.push(entry),
                        Err(e) => {
                            if let Ok(mut failed) = failed.lock() {
                                failed.get_or_insert(e);
                            }
                            return;
                        }
                    }
                }
            }
            if batch.is_empty() {
                return;
            }
            for entry in &batch {
                let name = entry.file_name();
                let Some(name) = name.to_str() else { continue };
                if name.starts_with('.') || !entry.file_type().is_ok_and(|t| t.is_file()) {
                    continue;
                }
                if parse_name(name).is_some() {
                    let path = entry.path();
                    match read_facts(&path, &mut buffer) {
                        Some(facts) => each(Found::Summary(facts)),
                        None => each(Found::Unreadable(path)),
                    }
                } else if Path::new(name)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                {
                    each(Found::Foreign(entry.path()));
                }
            }
        }
    };
    if threads == 1 {
        work();
    } else {
        std::thread::scope(|scope| {
            for _ in 1..threads {
                scope.spawn(work);
            }
            work();
        });
    }
    match failed.into_inner() {
        Ok(Some(e)) => Err(e),
        _ => Ok(()),
    }
}

/// The facts of the summary at `path`, read into `buffer`; `None` when it is not one.
fn read_facts<'b>(path: &Path, buffer: &'b mut Vec<u8>) -> Option<Facts<'b>> {
    files::read_regular_into(path, files::MAX_FILE_BYTES, false, buffer).ok()?;
    parse(buffer)
}

/// The facts of a summary's bytes; `None` when they are not a summary this program reads.
#[must_use]
pub fn parse(bytes: &[u8]) -> Option<Facts<'_>> {
    // As `read_summary`: UTF-8 text (every byte, not only the fields read), a BOM allowed.
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: Raw<'_> = serde_json::from_str(text).ok()?;
    if raw.format != FORMAT || raw.format_version > FORMAT_VERSION {
        return None;
    }
    let schedule = raw
        .verdict_override
        .as_ref()
        .and_then(|o| o.schedule.as_ref())
        .unwrap_or(&raw.assessment.schedule);
    Some(Facts {
        intake_id: raw.intake_id.unwrap_or(raw.id),
        version: raw.version.unwrap_or(1),
        completed_at: raw.completed_at,
        computed: raw.assessment.suitability,
        overridden: raw.verdict_override.as_ref().map(|o| o.suitability),
        review: raw.review.map(|r| r.decision),
        schedule: schedule.iter().map(|s| (s.earliest, s.latest)).collect(),
        concerns: raw
            .assessment
            .concerns
            .into_iter()
            .map(|c| c.concern)
            .collect(),
        reasons: raw
            .assessment
            .reasons
            .into_iter()
            .map(|r| (r.rule, r.message))
            .collect(),
        sessions: raw.assessment.sessions,
    })
}

/// A summary as stored (`engine::summary`'s `Stored`): the fields the report counts typed, the
/// others a summary must have present, and the rest skipped.
#[derive(Deserialize)]
struct Raw<'a> {
    #[serde(borrow)]
    format: Cow<'a, str>,
    format_version: u32,
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(default, borrow)]
    intake_id: Option<Cow<'a, str>>,
    #[serde(default)]
    version: Option<u32>,
    #[allow(dead_code)]
    questionnaire: IgnoredAny,
    #[allow(dead_code)]
    language: IgnoredAny,
    #[allow(dead_code)]
    mode: IgnoredAny,
    completed_at: DateTime<FixedOffset>,
    #[allow(dead_code)]
    reference_date: IgnoredAny,
    #[allow(dead_code)]
    patient: IgnoredAny,
    #[allow(dead_code)]
    answers: IgnoredAny,
    #[serde(borrow)]
    assessment: RawAssessment<'a>,
    #[serde(default, rename = "override")]
    verdict_override: Option<RawOverride>,
    #[serde(default)]
    review: Option<RawReview>,
}

#[derive(Deserialize)]
struct RawAssessment<'a> {
    suitability: Level,
    #[serde(borrow)]
    reasons: Vec<RawReason<'a>>,
    #[serde(borrow)]
    concerns: Vec<RawConcern<'a>>,
    #[serde(default)]
    sessions: Option<Range>,
    #[allow(dead_code)]
    interval_weeks: IgnoredAny,
    schedule: Vec<RawSession>,
    #[allow(dead_code)]
    notes: IgnoredAny,
}

#[derive(Deserialize)]
struct RawReason<'a> {
    #[serde(borrow)]
    rule: Cow<'a, str>,
    #[serde(borrow)]
    message: Cow<'a, str>,
}

#[derive(Deserialize)]
struct RawConcern<'a> {
    #[serde(borrow)]
    concern: Cow<'a, str>,
}

#[derive(Deserialize)]
struct RawSession {
    earliest: NaiveDate,
    latest: NaiveDate,
}

#[derive(Deserialize)]
struct RawOverride {
    suitability: Level,
    #[serde(default)]
    schedule: Option<Vec<RawSession>>,
}

#[derive(Deserialize)]
struct RawReview {
    decision: Decision,
}
