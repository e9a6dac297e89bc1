//! The clinic's records: the list of records and unfinished intakes, one record's versions, its
//! next version (changed answers, a sign-off, an override), and a patient's earlier records.
//! Every change is a new version written once; none is modified.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::delivery::Queued;
use super::desk::{Case, Desk};
use crate::engine::intake::Intake;
use crate::engine::summary::{Override, Review, Summary, version_id};
use crate::engine::versions::{self, Amendment};
use crate::store::{self, Draft, Listed, LockError, Row, SummaryError, Version, VersionError};
use crate::words;
use crate::words::Delivery;

/// One line of the clinic's list after `New intake`.
#[derive(Debug, Clone)]
pub enum Entry {
    /// A finished intake, by its latest version, and how its delivery to the clinic's FHIR
    /// server stands (when there is one).
    Record(Box<Row>, Option<Delivery>),
    /// A file among the unfinished intakes: a draft with how far it got, or one that cannot be
    /// resumed (finished as skin-intake stopped, of a newer format, damaged).
    Unfinished(Listed<Box<Unfinished>>),
}

/// An unfinished intake and how far it got.
#[derive(Debug, Clone)]
pub struct Unfinished {
    pub draft: Draft,
    pub name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub answered: usize,
    pub shown: usize,
    /// Open on another terminal right now.
    pub elsewhere: bool,
}

impl Entry {
    /// Who the entry is about, as the list compares patients: the name (case and spaces aside)
    /// and the date of birth; `None` until both are known.
    fn patient(&self) -> Option<(String, NaiveDate)> {
        let (name, born) = match self {
            Entry::Record(row, _) => (row.name.as_deref()?, row.date_of_birth?),
            Entry::Unfinished(Listed::Draft(u)) => (u.name.as_deref()?, u.date_of_birth?),
            Entry::Unfinished(_) => return None,
        };
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        Some((name.to_lowercase(), born))
    }

    /// The day the intake was started or finished (the list's filter by day; a second start
    /// from a revisit); `None` for a file that is not a draft.
    #[must_use]
    pub fn day(&self) -> Option<NaiveDate> {
        match self {
            Entry::Record(row, _) => Some(row.completed_at.date_naive()),
            Entry::Unfinished(Listed::Draft(u)) => Some(u.draft.started_at.date_naive()),
            Entry::Unfinished(_) => None,
        }
    }

    fn is_draft(&self) -> bool {
        matches!(self, Entry::Unfinished(Listed::Draft(_)))
    }
}

/// The entries that are the same patient started twice: the same name and date of birth as
/// another entry that is unfinished, or finished the same day. A record from an earlier day is a
/// revisit ("seen before"), not a duplicate. Both entries of a pair are flagged.
#[must_use]
pub fn same_patient_twice(entries: &[Entry]) -> Vec<bool> {
    // Grouped by patient, so a folder of years of records is read once, not in pairs.
    let mut patients: HashMap<_, Vec<usize>> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        if let Some(patient) = entry.patient() {
            patients.entry(patient).or_default().push(i);
        }
    }
    let mut twice = vec![false; entries.len()];
    for same in patients.values().filter(|same| same.len() > 1) {
        // An unfinished intake pairs with every other entry of its patient.
        if same.iter().any(|&i| entries[i].is_draft()) {
            for &i in same {
                twice[i] = true;
            }
            continue;
        }
        let mut days: HashMap<Option<NaiveDate>, usize> = HashMap::new();
        for &i in same {
            *days.entry(entries[i].day()).or_default() += 1;
        }
        for &i in same {
            twice[i] = days.get(&entries[i].day()).is_some_and(|&n| n > 1);
        }
    }
    twice
}

/// The unfinished intake of the patient with `name` and `date_of_birth` that staff starting a
/// new intake for them (`except`, the new one's id) can be offered to resume instead: never the
/// new one itself, nor one open on another terminal.
#[must_use]
pub fn unfinished_of<'a>(
    entries: &'a [Entry],
    name: &str,
    date_of_birth: NaiveDate,
    except: &str,
) -> Option<&'a Unfinished> {
    let name = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    entries.iter().find_map(|e| match e {
        Entry::Unfinished(Listed::Draft(u))
            if u.draft.id != except
                && !u.elsewhere
                && e.patient() == Some((name.clone(), date_of_birth)) =>
        {
            Some(&**u)
        }
        _ => None,
    })
}

/// The list: its entries, and what could not be read.
#[derive(Debug, Default)]
pub struct List {
    /// The unfinished intakes first (newest first), then the records in the order patients
    /// finished.
    pub entries: Vec<Entry>,
    /// The folder of unfinished intakes could not be read.
    pub unfinished_error: Option<io::Error>,
    /// The folder of records could not be read.
    pub records_error: Option<io::Error>,
    /// Files named as summaries that could not be read as one.
    pub unreadable: Vec<PathBuf>,
}

/// Why a record could not be opened.
#[derive(Debug)]
pub enum RecordProblem {
    /// No version of it could be found.
    NoVersion,
    Unreadable(SummaryError),
}

/// What became of a record's next version.
#[derive(Debug)]
pub enum NextVersion {
    /// Written as `path`, and queued for the FHIR server as an update of the same record.
    Saved {
        intake_id: String,
        version: u32,
        path: PathBuf,
        queued: Queued,
    },
    /// The changed answers are the same as before: nothing was written.
    Unchanged { intake_id: String },
    /// Another terminal saved this version of the record meanwhile; it stands, nothing was
    /// written.
    Taken { intake_id: String, version: u32 },
    /// Not written because of `error`; the record stays as it was.
    NotSaved {
        intake_id: String,
        version: u32,
        dir: PathBuf,
        error: io::Error,
    },
}

/// One stored version of a record, read back (format 1 or 2), for `show` and printing: a
/// regular file of bounded size.
///
/// # Errors
/// [`SummaryError`]: the file cannot be read, or is not a summary.
pub fn read(path: &Path) -> Result<Summary, SummaryError> {
    store::read_summary(path)
}

impl Desk {
    /// The clinic's records by their latest version and its unfinished intakes, for the list;
    /// delivery states only when there is a FHIR server.
    #[must_use]
    pub fn list(&self) -> List {
        let mut list = List::default();
        match store::list_drafts(&self.out) {
            Ok(listed) => list.entries.extend(
                listed
                    .into_iter()
                    .map(|l| Entry::Unfinished(l.map_draft(|d| Box::new(self.unfinished(*d))))),
            ),
            Err(e) => list.unfinished_error = Some(e),
        }
        match store::list_records(&self.out) {
            Ok(records) => {
                list.unreadable = records.unreadable;
                let delivery = self
                    .delivery
                    .as_ref()
                    .map(|sender| sender.states(&self.out))
                    .unwrap_or_default();
                list.entries.extend(records.rows.into_iter().map(|row| {
                    let state = delivery.get(&version_id(&row.intake_id, row.version));
                    Entry::Record(Box::new(row), state.copied())
                }));
            }
            Err(e) => list.records_error = Some(e),
        }
        list
    }

    /// A draft and how far it got, as the intake would resume it.
    fn unfinished(&self, draft: Draft) -> Unfinished {
        let intake = Intake::new(
            std::sync::Arc::clone(&self.questionnaire),
            draft.resume(&self.questionnaire).answers,
            self.today,
            &self.language,
        );
        Unfinished {
            name: intake.patient_name().map(str::to_owned),
            date_of_birth: intake.patient_birth_date(),
            answered: intake.answered().len(),
            shown: intake.shown().count(),
            elsewhere: store::open_elsewhere(&self.out, &draft.id),
            draft,
        }
    }

    /// Deletes an unfinished intake (unless it is open on another terminal) or a damaged file;
    /// returns the file and how it went, or `None` for an entry that is never deleted (a record,
    /// a finished or newer draft).
    #[must_use]
    pub fn delete(&self, entry: &Entry) -> Option<(PathBuf, Result<(), LockError>)> {
        match entry {
            Entry::Unfinished(Listed::Draft(unfinished)) => {
                let draft = &unfinished.draft;
                Some((
                    draft.path(&self.out),
                    store::delete_draft(&self.out, &draft.id),
                ))
            }
            Entry::Unfinished(Listed::Damaged { path, .. }) => {
                Some((path.clone(), store::discard(path).map_err(LockError::Io)))
            }
            _ => None,
        }
    }

    /// Every version of intake `intake_id`'s record, version 1 first.
    ///
    /// # Errors
    /// [`RecordProblem`]: no version, or one that cannot be read.
    pub fn open_record(&self, intake_id: &str) -> Result<Vec<Version>, RecordProblem> {
        match store::load_versions(&self.out, intake_id) {
            Ok(versions) if !versions.is_empty() => Ok(versions),
            Ok(_) => Err(RecordProblem::NoVersion),
            Err(e) => Err(RecordProblem::Unreadable(e)),
        }
    }

    /// Saves the changed answers of an intake that changes a record (see [`Desk::amend`]) as
    /// the record's next version, with every change and who made it. `None` when the case
    /// changes no record.
    #[must_use]
    pub fn save_amendment(
        &self,
        case: &Case,
        intake: &Intake,
        now: DateTime<FixedOffset>,
    ) -> Option<NextVersion> {
        let amending = case.amending()?;
        let previous = &amending.versions.last()?.summary;
        let amendment = Amendment {
            by: amending.by.clone(),
            at: now,
            reference_date: self.today,
        };
        let words = words::for_language(&self.language);
        let next = versions::amend(
            previous,
            &self.questionnaire,
            intake.answers(),
            &amendment,
            |shown| words.shown(shown),
        );
        if next.changes.len() == previous.changes.len() {
            return Some(NextVersion::Unchanged {
                intake_id: previous.intake_id.clone(),
            });
        }
        Some(self.save_version(&next, now))
    }

    /// Signs off `latest`, a record's latest version: its next version.
    #[must_use]
    pub fn sign_off(
        &self,
        latest: &Summary,
        review: Review,
        now: DateTime<FixedOffset>,
    ) -> NextVersion {
        self.save_version(&versions::sign_off(latest, review), now)
    }

    /// Overrides the verdict of `latest` (`None` removes the override): its next version.
    #[must_use]
    pub fn set_override(
        &self,
        latest: &Summary,
        verdict_override: Option<Override>,
        now: DateTime<FixedOffset>,
    ) -> NextVersion {
        self.save_version(&versions::with_override(latest, verdict_override), now)
    }

    /// Changes the clinician note of `latest` (`None` removes it): its next version, or
    /// `Unchanged` when the note is the same.
    #[must_use]
    pub fn set_note(
        &self,
        latest: &Summary,
        note: Option<String>,
        now: DateTime<FixedOffset>,
    ) -> NextVersion {
        if latest.clinician_note == note {
            return NextVersion::Unchanged {
                intake_id: latest.intake_id.clone(),
            };
        }
        self.save_version(&versions::with_note(latest, note), now)
    }

    /// Writes a record's next version, once, and queues it for the FHIR server as an update of
    /// the same record.
    fn save_version(&self, next: &Summary, now: DateTime<FixedOffset>) -> NextVersion {
        let intake_id = next.intake_id.clone();
        match store::write_version(&self.out, next) {
            Ok(path) => NextVersion::Saved {
                intake_id,
                version: next.version,
                path,
                queued: self.queue(next, now),
            },
            Err(VersionError::Taken { version }) => NextVersion::Taken { intake_id, version },
            Err(VersionError::Io { error, .. }) => NextVersion::NotSaved {
                intake_id,
                version: next.version,
                dir: self.out.clone(),
                error,
            },
        }
    }

    /// The same patient's latest earlier record (same name and date of birth, another intake than
    /// `case`), for staff reviewing a new intake.
    #[must_use]
    pub fn seen_before(&self, case: &Case, intake: &Intake) -> Option<Row> {
        if case.amending().is_some() {
            return None;
        }
        let name = intake.patient_name()?;
        let born = intake.patient_birth_date()?;
        store::seen_before(&self.out, name, born)
            .ok()?
            .into_iter()
            .find(|row| row.intake_id != case.id())
    }
}
