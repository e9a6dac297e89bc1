//! HL7 FHIR R4: the questionnaire as a `Questionnaire`, each summary as a `QuestionnaireResponse`.
//! Both are pure functions of the questionnaire and the summary; the names they share (linkIds,
//! code systems, the assessment group) come from one place here, so a response always answers
//! the questionnaire it names.

mod assessment;
pub mod auth;
pub mod delivery;
mod enable;
pub mod jwt;
pub mod questionnaire;
pub mod record;
pub mod resource;
pub mod response;
pub mod server;

use chrono::{DateTime, FixedOffset, SecondsFormat};

use crate::model::questionnaire::Questionnaire;

/// FHIR's version of the exports.
pub const FHIR_VERSION: &str = "4.0.1";

/// What stops a FHIR export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The questionnaire declares no canonical `url`, which FHIR names it and its records by.
    NoUrl,
    /// Two items would share a linkId (a section and a question with the same id, say).
    LinkIdTwice { link_id: String },
}

/// The names a questionnaire's FHIR resources share, all built on its canonical URL.
#[derive(Debug, Clone, Copy)]
pub struct Canonical<'q> {
    pub url: &'q str,
    pub version: &'q str,
}

impl<'q> Canonical<'q> {
    /// # Errors
    /// [`ExportError::NoUrl`] when `questions.json` has no `url`.
    pub fn of(questionnaire: &'q Questionnaire) -> Result<Self, ExportError> {
        let url = questionnaire.url.as_deref().ok_or(ExportError::NoUrl)?;
        Ok(Canonical {
            url,
            version: &questionnaire.version,
        })
    }

    /// `url|version`, as a response names the questionnaire it answers.
    #[must_use]
    pub fn versioned(&self) -> String {
        format!("{}|{}", self.url, self.version)
    }

    /// The system of every intake's identifier.
    #[must_use]
    pub fn intake_system(&self) -> String {
        format!("{}/intake", self.url)
    }

    /// The code system of one question's option codes.
    fn options_system(&self, question: &str) -> String {
        format!("{}/options/{question}", self.url)
    }

    /// The code system of suitability levels.
    fn suitability_system(&self) -> String {
        format!("{}/suitability", self.url)
    }
}

/// A FHIR `dateTime` with its offset.
fn date_time(at: &DateTime<FixedOffset>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}
