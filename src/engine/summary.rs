//! The exported record of one intake: metadata, patient, answers and assessment. An intake's
//! record is a series of versions, each a whole summary: version 1 when the intake is finished,
//! then one per clinician's change or sign-off ([`super::versions`]), each naming the one it
//! supersedes.

use chrono::{DateTime, FixedOffset, NaiveDate};
#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::assessment::{Assessment, Session, assess};
use super::display::{self, Shown};
use super::visibility;
use crate::dates::age_on;
use crate::model::answer::{Answer, Answers};
use crate::model::questionnaire::{Level, Questionnaire};

pub const FORMAT: &str = "skin-intake/summary";
/// Bumped whenever a field changes. 2: `answers[].date_used`, `assessment.schedule_provisional`,
/// `intake_id`, `version`, `supersedes`, `changes`, `review`, and an override's `start_date` and
/// `schedule`. 3: the review's decisions `cleared` (with `review.cleared_from`) and `has_issues`;
/// `approved` is no longer written (an older one reads as it was).
pub const FORMAT_VERSION: u32 = 3;

/// Who answered: a batch file, a staff member with the patient, or the patient alone at a kiosk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Batch,
    Staff,
    Kiosk,
}

/// What the caller supplies from outside the engine: identity, language, mode and the clock.
#[derive(Debug, Clone)]
pub struct Metadata {
    pub id: String,
    pub language: String,
    pub mode: Mode,
    pub completed_at: DateTime<FixedOffset>,
    pub reference_date: NaiveDate,
}

/// One version of an intake's record. Read back with `load::summary` (format 1 files too: they
/// read as version 1 of their intake, with no changes and no review).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Summary {
    #[cfg_attr(feature = "schema", schemars(extend("const" = "skin-intake/summary")))]
    pub format: &'static str,
    /// The format the summary was written in: [`FORMAT_VERSION`] for a new one, 1 for a summary
    /// read from a format 1 file.
    pub format_version: u32,
    /// This version's id: the intake's id for version 1, see [`version_id`].
    pub id: String,
    /// The intake's id, the same in every version of its record.
    pub intake_id: String,
    /// 1 for the intake as finished, then 2, 3, ….
    pub version: u32,
    /// The id of the version this one replaces; `None` for version 1.
    pub supersedes: Option<String>,
    pub questionnaire: QuestionnaireRef,
    pub language: String,
    pub mode: Mode,
    /// When the patient finished the intake; the same in every version.
    pub completed_at: DateTime<FixedOffset>,
    /// The date the assessment is made on.
    pub reference_date: NaiveDate,
    pub patient: Patient,
    pub answers: Vec<ExportedAnswer>,
    pub assessment: Assessment,
    pub clinician_note: Option<String>,
    #[serde(rename = "override")]
    pub verdict_override: Option<Override>,
    /// Every change of an answer since version 1, oldest first.
    pub changes: Vec<Change>,
    /// The clinician's sign-off of this version, if it is one.
    pub review: Option<Review>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct QuestionnaireRef {
    pub id: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Patient {
    pub name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub age: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct ExportedAnswer {
    pub id: String,
    pub question: String,
    /// As given: a month stays `YYYY-MM`.
    pub value: Answer,
    pub display: String,
    /// For a month, the date the rules used: its last day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_used: Option<NaiveDate>,
}

/// A clinician's decision that differs from the computed verdict; the computed verdict and
/// schedule stay in the record beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Override {
    pub suitability: Level,
    pub reason: String,
    pub by: String,
    pub at: DateTime<FixedOffset>,
    /// The override's own start for the sessions (after a physician's approval, or a delay the
    /// clinician judges shorter).
    #[serde(default)]
    pub start_date: Option<NaiveDate>,
    /// The plan's sessions from `start_date`, set by [`Summary::set_override`]: present exactly
    /// when `start_date` is, empty when the override is `not_suitable`.
    #[serde(default)]
    pub schedule: Option<Vec<Session>>,
}

/// One answer changed by a clinician: its value before and after (`None`: not answered or not
/// shown), who changed it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Change {
    pub question: String,
    pub before: Option<Answer>,
    pub after: Option<Answer>,
    pub by: String,
    pub at: DateTime<FixedOffset>,
}

/// A clinician's sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Review {
    /// The clinician's initials.
    pub by: String,
    pub decision: Decision,
    /// What to follow up with the patient for `has_issues` (required then), or a note.
    pub note: Option<String>,
    pub at: DateTime<FixedOffset>,
    /// For `cleared`: the date the clearance applies from — the first session of the schedule in
    /// force, or the date a delay ends (see [`cleared_from`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cleared_from: Option<NaiveDate>,
}

/// The state a clinician's review leaves a record in (ODK Central's review states are the
/// model): a decision that says what it decides, or issues to follow up with the patient. A
/// record without a review is waiting for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Cleared to treat from `Review::cleared_from`.
    Cleared,
    /// Something to follow up with the patient first (the review's note says what).
    HasIssues,
    /// Not cleared: not suitable.
    Declined,
    NeedsPhysician,
    /// Format 2's approval, which named no date: read from older records, never written.
    Approved,
}

impl Decision {
    /// The decisions a clinician can make now, in the order the sign-off offers them.
    pub const ALL: [Decision; 4] = [
        Decision::Cleared,
        Decision::HasIssues,
        Decision::NeedsPhysician,
        Decision::Declined,
    ];

    /// The code used in exports.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Decision::Cleared => "cleared",
            Decision::HasIssues => "has_issues",
            Decision::Approved => "approved",
            Decision::Declined => "declined",
            Decision::NeedsPhysician => "needs_physician",
        }
    }

    /// Whether the review needs a note: what to follow up with the patient.
    #[must_use]
    pub fn needs_note(self) -> bool {
        self == Decision::HasIssues
    }
}

/// The date a clearance to treat applies from: the first session of the schedule in force (an
/// override's own, else the computed one), or, with no session, the date the delay ends; `None`
/// when neither gives one (not suitable, or dates that wait for a physician).
#[must_use]
pub fn cleared_from(summary: &Summary) -> Option<NaiveDate> {
    summary
        .shown_schedule()
        .first()
        .map(|s| s.earliest)
        .or(summary.assessment.reassess_on)
}

/// The id of version `version` of intake `intake_id`: the intake's id for version 1 (as format 1
/// named it), `<intake id>-v<version>` after. Two terminals making the same version make the same
/// id, and the second cannot write it.
#[must_use]
pub fn version_id(intake_id: &str, version: u32) -> String {
    if version <= 1 {
        intake_id.to_owned()
    } else {
        format!("{intake_id}-v{version}")
    }
}

/// Why a summary's JSON is not one this program reads. The loader finds both before this does
/// and returns them as its own problems (`load::summary::SummaryProblem`), which `words` words;
/// here they are named by their field and value only, as serde needs some text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotReadable {
    #[error("format: {0:?}")]
    OtherFormat(String),
    #[error("format_version: {0}")]
    NewerFormat(u32),
}

/// The stored form, format 1 or 2: format 1 lacks the fields of a record's versions.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
struct Stored {
    format: String,
    format_version: u32,
    id: String,
    #[serde(default)]
    intake_id: Option<String>,
    #[serde(default)]
    version: Option<u32>,
    #[serde(default)]
    supersedes: Option<String>,
    questionnaire: QuestionnaireRef,
    language: String,
    mode: Mode,
    completed_at: DateTime<FixedOffset>,
    reference_date: NaiveDate,
    patient: Patient,
    answers: Vec<ExportedAnswer>,
    assessment: Assessment,
    #[serde(default)]
    clinician_note: Option<String>,
    #[serde(default, rename = "override")]
    verdict_override: Option<Override>,
    #[serde(default)]
    changes: Vec<Change>,
    #[serde(default)]
    review: Option<Review>,
}

// By hand rather than `#[serde(try_from)]`, which would tie the input to `'static` for `format`.
impl<'de> Deserialize<'de> for Summary {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Stored::deserialize(deserializer)
            .and_then(|stored| Summary::try_from(stored).map_err(serde::de::Error::custom))
    }
}

impl TryFrom<Stored> for Summary {
    type Error = NotReadable;

    fn try_from(s: Stored) -> Result<Self, NotReadable> {
        if s.format != FORMAT {
            return Err(NotReadable::OtherFormat(s.format));
        }
        if s.format_version > FORMAT_VERSION {
            return Err(NotReadable::NewerFormat(s.format_version));
        }
        Ok(Summary {
            format: FORMAT,
            format_version: s.format_version,
            intake_id: s.intake_id.unwrap_or_else(|| s.id.clone()),
            id: s.id,
            version: s.version.unwrap_or(1),
            supersedes: s.supersedes,
            questionnaire: s.questionnaire,
            language: s.language,
            mode: s.mode,
            completed_at: s.completed_at,
            reference_date: s.reference_date,
            patient: s.patient,
            answers: s.answers,
            assessment: s.assessment,
            clinician_note: s.clinician_note,
            verdict_override: s.verdict_override,
            changes: s.changes,
            review: s.review,
        })
    }
}

impl Summary {
    /// Builds the summary; the answers should have been checked with [`super::checks::problems`].
    /// `write` writes a shown answer in the summary's language (`words` does).
    #[must_use]
    pub fn new(
        questionnaire: &Questionnaire,
        answers: &Answers,
        meta: Metadata,
        write: impl Fn(&Shown) -> String,
    ) -> Self {
        let today = meta.reference_date;
        let language = meta.language.as_str();
        let shown = visibility::effective(questionnaire, answers, today);
        let exported = questionnaire
            .items()
            .filter_map(|item| {
                let value = shown.get(&item.id)?;
                Some(ExportedAnswer {
                    id: item.id.clone(),
                    question: item.prompt.get(language).to_owned(),
                    display: write(&display::shown(item, value, language)),
                    date_used: match value {
                        Answer::Month(month) => Some(month.last_day()),
                        _ => None,
                    },
                    value: value.clone(),
                })
            })
            .collect();
        let name = visibility::patient_name(questionnaire, &shown).map(str::to_owned);
        let date_of_birth = visibility::patient_birth_date(questionnaire, &shown);
        Summary {
            format: FORMAT,
            format_version: FORMAT_VERSION,
            intake_id: meta.id.clone(),
            id: meta.id,
            version: 1,
            supersedes: None,
            questionnaire: QuestionnaireRef {
                id: questionnaire.id.clone(),
                version: questionnaire.version.clone(),
            },
            assessment: assess(questionnaire, &shown, today, language),
            language: meta.language,
            mode: meta.mode,
            completed_at: meta.completed_at,
            reference_date: today,
            patient: Patient {
                name,
                date_of_birth,
                age: date_of_birth.and_then(|d| age_on(d, today)),
            },
            answers: exported,
            clinician_note: None,
            verdict_override: None,
            changes: Vec::new(),
            review: None,
        }
    }

    /// Sets (or with `None` removes) the override; one with a start date gets the plan's
    /// sessions from that date as its own schedule, beside the computed one.
    pub fn set_override(&mut self, verdict_override: Option<Override>) {
        self.verdict_override = verdict_override.map(|mut o| {
            o.schedule = o.start_date.map(|start| match o.suitability {
                Level::NotSuitable => Vec::new(),
                _ => self.assessment.schedule_from(start),
            });
            o
        });
    }

    /// The verdict as it stands: the override's when there is one, else the computed one.
    #[must_use]
    pub fn shown_level(&self) -> Level {
        self.verdict_override
            .as_ref()
            .map_or(self.assessment.suitability, |o| o.suitability)
    }

    /// The schedule as it stands: the override's when it has its own start date, else the
    /// computed one.
    #[must_use]
    pub fn shown_schedule(&self) -> &[Session] {
        self.verdict_override
            .as_ref()
            .and_then(|o| o.schedule.as_deref())
            .unwrap_or(&self.assessment.schedule)
    }

    /// Pretty JSON with a final newline.
    ///
    /// # Panics
    /// Never: every field serialises (string keys, no floats).
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("a summary always serialises");
        json.push('\n');
        json
    }
}
