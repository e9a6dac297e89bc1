//! The summary of a finished intake, assembled in one place for every front door: the answers
//! assessed on the reference date, shown answers in the intake's language, and what staff added
//! (a note, an override of the verdict).

use crate::engine::summary::{Metadata, Override, Summary};
use crate::model::answer::Answers;
use crate::model::questionnaire::Questionnaire;
use crate::words;

/// What staff added to an intake before it was finished.
#[derive(Debug, Clone, Default)]
pub struct Added {
    pub clinician_note: Option<String>,
    pub verdict_override: Option<Override>,
}

/// Version 1 of the record of an intake with `answers`, with what staff `added`.
#[must_use]
pub fn assemble(
    questionnaire: &Questionnaire,
    answers: &Answers,
    meta: Metadata,
    added: Added,
) -> Summary {
    let words = words::for_language(&meta.language);
    let mut summary = Summary::new(questionnaire, answers, meta, |shown| words.shown(shown));
    summary.clinician_note = added.clinician_note;
    summary.set_override(added.verdict_override);
    summary
}
