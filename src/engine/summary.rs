//! The exported record of one intake: metadata, patient, answers and assessment.

use chrono::{DateTime, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::assessment::{Assessment, assess};
use super::display::{self, Shown};
use super::visibility;
use crate::dates::age_on;
use crate::model::answer::{Answer, Answers};
use crate::model::questionnaire::{Level, Questionnaire};

pub const FORMAT: &str = "skin-intake/summary";
/// Bumped whenever a field changes.
pub const FORMAT_VERSION: u32 = 1;

/// Who answered: a batch file, a staff member with the patient, or the patient alone at a kiosk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    #[schemars(extend("const" = "skin-intake/summary"))]
    pub format: String,
    pub format_version: u32,
    pub id: String,
    pub questionnaire: QuestionnaireRef,
    pub language: String,
    pub mode: Mode,
    pub completed_at: DateTime<FixedOffset>,
    pub reference_date: NaiveDate,
    pub patient: Patient,
    pub answers: Vec<ExportedAnswer>,
    pub assessment: Assessment,
    pub clinician_note: Option<String>,
    #[serde(rename = "override")]
    pub verdict_override: Option<Override>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct QuestionnaireRef {
    pub id: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Patient {
    pub name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub age: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ExportedAnswer {
    pub id: String,
    pub question: String,
    /// Read back from a file, a string is text until its question says otherwise
    /// (`load::summary` types it).
    pub value: Answer,
    pub display: String,
}

/// A clinician's decision that differs from the computed verdict; the computed one stays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Override {
    pub suitability: Level,
    pub reason: String,
    pub by: String,
    pub at: DateTime<FixedOffset>,
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
                    value: value.clone(),
                })
            })
            .collect();
        let name = visibility::patient_name(questionnaire, &shown).map(str::to_owned);
        let date_of_birth = match shown.get(&questionnaire.patient.date_of_birth) {
            Some(Answer::Date(d)) => Some(*d),
            _ => None,
        };
        Summary {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            id: meta.id,
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
        }
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
