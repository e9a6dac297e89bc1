//! A record's later versions: a clinician's change of answers, and a sign-off. Each is a whole
//! new summary naming the version it supersedes; the version before is never changed.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::display::Shown;
use super::summary::{
    Change, Decision, FORMAT_VERSION, Metadata, Override, Review, Summary, cleared_from, version_id,
};
use super::visibility;
use crate::model::answer::{Answer, Answers};
use crate::model::questionnaire::Questionnaire;

/// Who changes the answers, when, and the date the new version is assessed on (the day of the
/// review: ages and waiting periods count from it).
#[derive(Debug, Clone)]
pub struct Amendment {
    pub by: String,
    pub at: DateTime<FixedOffset>,
    pub reference_date: NaiveDate,
}

/// The answers that differ between `previous` and `answers` (as shown on `reference_date`: an
/// answer to a hidden question counts as none), in questionnaire order, then any answered in
/// `previous` to a question the questionnaire no longer has.
#[must_use]
pub fn changes(
    previous: &Summary,
    questionnaire: &Questionnaire,
    answers: &Answers,
    reference_date: NaiveDate,
    by: &str,
    at: DateTime<FixedOffset>,
) -> Vec<Change> {
    let shown = visibility::effective(questionnaire, answers, reference_date);
    let before = |id: &str| {
        previous
            .answers
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.value.clone())
    };
    let change = |question: &str, before: Option<Answer>, after: Option<Answer>| {
        // Compared as written: a code read back from a file is text, and is written the same.
        let same = serde_json::to_value(&before).ok() == serde_json::to_value(&after).ok();
        (!same).then(|| Change {
            question: question.to_owned(),
            before,
            after,
            by: by.to_owned(),
            at,
        })
    };
    let known = questionnaire
        .items()
        .filter_map(|item| change(&item.id, before(&item.id), shown.get(&item.id).cloned()));
    let gone = previous
        .answers
        .iter()
        .filter(|a| questionnaire.item(&a.id).is_none())
        .filter_map(|a| change(&a.id, Some(a.value.clone()), None));
    known.chain(gone).collect()
}

/// The changes `version` made: those it records that `before` (the version it follows) did not.
/// A record's changes accumulate, so each version's own are the difference.
#[must_use]
pub fn changes_made<'a>(version: &'a Summary, before: Option<&Summary>) -> Vec<&'a Change> {
    version
        .changes
        .iter()
        .filter(|c| before.is_none_or(|b| !b.changes.contains(c)))
        .collect()
}

/// Version n+1 of `previous`'s record with `answers`: assessed again, its changes added to the
/// record's, the note and override carried over (the override's schedule made again from its
/// start date). A sign-off does not carry over: changed answers need a new one.
#[must_use]
pub fn amend(
    previous: &Summary,
    questionnaire: &Questionnaire,
    answers: &Answers,
    amendment: &Amendment,
    write: impl Fn(&Shown) -> String,
) -> Summary {
    let version = previous.version + 1;
    let meta = Metadata {
        id: version_id(&previous.intake_id, version),
        language: previous.language.clone(),
        mode: previous.mode,
        completed_at: previous.completed_at,
        reference_date: amendment.reference_date,
    };
    let mut next = Summary::new(questionnaire, answers, meta, write);
    next.intake_id.clone_from(&previous.intake_id);
    next.version = version;
    next.supersedes = Some(previous.id.clone());
    next.clinician_note.clone_from(&previous.clinician_note);
    next.set_override(previous.verdict_override.clone());
    next.changes.clone_from(&previous.changes);
    next.changes.extend(changes(
        previous,
        questionnaire,
        answers,
        amendment.reference_date,
        &amendment.by,
        amendment.at,
    ));
    next
}

/// Version n+1 of `previous`'s record, signed off with `review`; nothing else changes, except
/// that a clearance makes the schedule firm and names the date it applies from.
#[must_use]
pub fn sign_off(previous: &Summary, mut review: Review) -> Summary {
    let mut next = next_version(previous);
    review.cleared_from = None;
    if matches!(review.decision, Decision::Cleared | Decision::Approved) {
        firm_schedule(&mut next);
        review.cleared_from = cleared_from(&next);
    }
    next.review = Some(review);
    next
}

/// Version n+1 of `previous`'s record with `verdict_override` (`None` removes one): the computed
/// verdict and schedule stay beside it. A changed verdict needs a new sign-off.
#[must_use]
pub fn with_override(previous: &Summary, verdict_override: Option<Override>) -> Summary {
    let mut next = next_version(previous);
    next.set_override(verdict_override);
    next.review = None;
    next
}

/// Version n+1 of `previous`'s record with `note` as its clinician note (`None` removes it):
/// the answers and verdict are the same, so a sign-off stands.
#[must_use]
pub fn with_note(previous: &Summary, note: Option<String>) -> Summary {
    let mut next = next_version(previous);
    next.clinician_note = note;
    next
}

/// `previous` as the next version of its record, naming it as the one it supersedes.
fn next_version(previous: &Summary) -> Summary {
    let mut next = previous.clone();
    next.format_version = FORMAT_VERSION;
    next.version = previous.version + 1;
    next.id = version_id(&previous.intake_id, next.version);
    next.supersedes = Some(previous.id.clone());
    next
}

/// A physician's approval: the proposed dates hold.
fn firm_schedule(summary: &mut Summary) {
    summary.assessment.schedule_provisional = false;
}
