//! The clinic's records in the app: opening one, changing its answers with the patient, signing
//! it off, overriding its verdict, printing it. Every change is a new version; none is modified.

use super::App;
use crate::clinic::{NextVersion, Printed, RecordProblem};
use crate::engine::summary::{Override, Review};
use crate::tui::action::Action;
use crate::tui::screens::Screen;
use crate::tui::screens::record::{self, RecordScreen};
use crate::tui::session::Session;
use crate::tui::text_layout::Measured;
use crate::words::{self, Words};

impl App {
    /// Opens every version of an intake's record.
    pub(super) fn open_record(&mut self, intake_id: &str) {
        match self.desk.open_record(intake_id) {
            Ok(versions) => {
                self.notice = None;
                self.screen = Screen::Record(RecordScreen {
                    versions,
                    scroll: 0,
                    lines: Measured::default(),
                });
            }
            Err(RecordProblem::NoVersion) => {
                let words = words::for_language(&self.config.language);
                self.notice = Some(words.no_readable_version());
            }
            Err(RecordProblem::Unreadable(e)) => {
                self.notice = Some(e.message(words::for_language(&self.config.language)));
            }
        }
    }

    pub(super) fn update_record(&mut self, action: &Action) {
        let body = self.view().body(self.area);
        let (Screen::Record(screen), ctx) = self.screen_and_ctx() else {
            return;
        };
        let outcome = screen.update(ctx, action, body);
        self.on_record(outcome);
    }

    pub(super) fn on_record(&mut self, outcome: record::Outcome) {
        let Screen::Record(screen) = &self.screen else {
            return;
        };
        match outcome {
            record::Outcome::None => {}
            record::Outcome::Back => {
                // What was said about this record belongs to it, not to the list.
                self.notice = None;
                self.home();
            }
            record::Outcome::ChangeAnswers => {
                self.overlay = Some(crate::tui::screens::Overlay::Initials(
                    crate::tui::screens::initials::Initials::default(),
                ));
            }
            record::Outcome::SignOff => {
                // The engine says when a clearance would apply from; the form shows it.
                let from = crate::engine::summary::cleared_from(screen.latest());
                self.overlay = Some(crate::tui::screens::Overlay::SignOff(
                    crate::tui::screens::sign_off::SignOff::new(from),
                ));
            }
            record::Outcome::Override => {
                let latest = screen.latest();
                self.overlay = Some(crate::tui::screens::Overlay::Override(
                    crate::tui::screens::override_form::OverrideForm::new(
                        latest.assessment.suitability,
                        latest.verdict_override.as_ref(),
                    ),
                ));
            }
            record::Outcome::Print => {
                if let Some(latest) = screen.versions.last() {
                    let printed = self.desk.print(latest, &self.config.printing);
                    let words = words::for_language(&self.config.language);
                    let said = printed_words(words, &printed);
                    if matches!(printed, Printed::Sent { .. }) {
                        self.confirmed = Some(said.clone());
                    }
                    self.notice = Some(said);
                }
            }
        }
    }

    /// Starts changing the open record's answers with the patient: the review of its answers,
    /// assessed on today's date; Submit saves them as a new version.
    pub(super) fn start_amending(&mut self, by: String) {
        let Screen::Record(screen) = &self.screen else {
            return;
        };
        let versions = screen.versions.clone();
        let Some((case, intake, dropped)) = self.desk.amend(versions, by, self.now()) else {
            return;
        };
        self.notice = words::for_language(&self.config.language).amending_dropped(&dropped);
        self.session = Some(Session::new(case, intake));
        self.show_step(None);
    }

    /// Submit while changing a record: its next version, with every change and who made it.
    pub(super) fn save_amendment(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let Some(next) = self
            .desk
            .save_amendment(&session.case, &session.intake, self.now())
        else {
            return;
        };
        self.session = None;
        self.on_next_version(next);
    }

    pub(super) fn save_sign_off(&mut self, review: Review) {
        let Screen::Record(screen) = &self.screen else {
            return;
        };
        let next = self.desk.sign_off(screen.latest(), review, self.now());
        self.on_next_version(next);
    }

    pub(super) fn save_record_override(&mut self, verdict_override: Option<Override>) {
        let Screen::Record(screen) = &self.screen else {
            return;
        };
        let next = self
            .desk
            .set_override(screen.latest(), verdict_override, self.now());
        self.on_next_version(next);
    }

    pub(super) fn save_record_note(&mut self, note: Option<String>) {
        let Screen::Record(screen) = &self.screen else {
            return;
        };
        let next = self.desk.set_note(screen.latest(), note, self.now());
        self.on_next_version(next);
    }

    /// Opens the record as it now stands, saying what became of its next version.
    fn on_next_version(&mut self, next: NextVersion) {
        let words = words::for_language(&self.config.language);
        match next {
            NextVersion::Saved {
                intake_id,
                version,
                path: _,
                queued,
            } => {
                self.open_record(&intake_id);
                let name = match &self.screen {
                    Screen::Record(record) => record.latest().patient.name.clone(),
                    _ => None,
                };
                // The file is one key away (`f` on the record), not in the sentence.
                let said = words.version_saved(version, name.as_deref());
                self.confirmed = Some(said.clone());
                self.notice = Some(said);
                // A later version goes to the FHIR server too, as an update of the same record.
                self.on_queued(queued);
            }
            NextVersion::Unchanged { intake_id } => {
                self.open_record(&intake_id);
                self.notice = Some(words.version_unchanged());
            }
            NextVersion::Taken { intake_id, version } => {
                self.open_record(&intake_id);
                self.notice = Some(words.version_taken(version));
            }
            NextVersion::NotSaved {
                version,
                dir,
                error,
                ..
            } => {
                self.notice = Some(words.version_not_saved(version, &dir, &error));
            }
        }
    }
}

impl App {
    /// Staff, reviewing a new intake: the same person's latest earlier record (same name and date
    /// of birth), its date and verdict.
    pub(super) fn seen_before(&self) -> Option<String> {
        if self.kiosk() {
            return None;
        }
        let session = self.session.as_ref()?;
        let row = self.desk.seen_before(&session.case, &session.intake)?;
        let name = session.intake.patient_name()?;
        let words = words::for_language(&self.config.language);
        Some(words.seen_before(
            name,
            row.completed_at.date_naive(),
            words.verdict_short(row.shown()),
        ))
    }
}

/// What became of printing a record, for staff.
fn printed_words(words: &dyn Words, printed: &Printed) -> String {
    match printed {
        Printed::Sent { printer, job, kept } => {
            words.printed(printer.as_deref(), job, kept.is_some())
        }
        Printed::Refused {
            printer,
            cups,
            kept,
        } => words.not_printed(printer.as_deref(), cups, kept.as_deref()),
        Printed::NoLp { error, kept } => words.no_lp(error, kept.as_deref()),
        Printed::NotKept { dir, error } => words.pdf_not_kept(dir, error),
    }
}
