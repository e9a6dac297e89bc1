//! The clinic's records in the app: opening one, changing its answers with the patient, signing
//! it off, overriding its verdict, printing it. Every change is a new version; none is modified.

use std::sync::Arc;

use super::App;
use crate::engine::intake::Intake;
use crate::engine::summary::{Override, Review, Summary};
use crate::engine::versions::{self, Amendment};
use crate::engine::visibility;
use crate::load;
use crate::print;
use crate::store::{self, Draft};
use crate::tui::action::Action;
use crate::tui::screens::Screen;
use crate::tui::screens::record::{self, RecordScreen};
use crate::tui::session::{Amending, Session};
use crate::tui::theme::verdict_short;
use crate::words;

impl App {
    /// Opens every version of an intake's record.
    pub(super) fn open_record(&mut self, intake_id: &str) {
        match store::load_versions(&self.config.out, intake_id) {
            Ok(versions) if !versions.is_empty() => {
                self.notice = None;
                self.screen = Screen::Record(RecordScreen {
                    versions,
                    scroll: 0,
                });
            }
            Ok(_) => self.notice = Some("This record has no readable version.".into()),
            Err(e) => {
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
                self.overlay = Some(crate::tui::screens::Overlay::SignOff(
                    crate::tui::screens::sign_off::SignOff::default(),
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
                let latest = screen
                    .versions
                    .last()
                    .map(|v| (v.path.clone(), v.summary.clone()));
                if let Some((path, summary)) = latest {
                    self.notice = Some(
                        match print::html::write_page(
                            &path,
                            &summary,
                            Some(&self.config.questionnaire),
                        ) {
                            Ok(page) => format!(
                                "The page to print is saved as {} (open it in a browser and print it).",
                                page.display()
                            ),
                            Err(e) => format!(
                                "Could not write the page to print beside {}: {e}",
                                path.display()
                            ),
                        },
                    );
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
        let latest = screen.latest();
        let (answers, dropped) = load::summary::answers_of(&self.config.questionnaire, latest);
        let intake = Intake::new(
            Arc::clone(&self.config.questionnaire),
            answers,
            self.config.today,
            &self.config.language,
        );
        // The draft is never written: a record's changes are kept when they are saved.
        let draft = Draft::new(
            &self.config.questionnaire,
            &self.config.language,
            latest.mode,
            self.now(),
        );
        self.notice = (!dropped.is_empty()).then(|| {
            format!(
                "Some answers of this record no longer fit this questionnaire and are left out: {}.",
                dropped.join(", ")
            )
        });
        let versions = screen.versions.clone();
        self.session = Some(Session {
            intake,
            amending: Some(Amending { versions, by }),
            draft,
            lock: None,
            typed: std::collections::BTreeMap::new(),
        });
        if let Some(session) = &mut self.session {
            session.intake.open_review();
        }
        self.show_step(None);
    }

    /// Submit while changing a record: its next version, with every change and who made it.
    pub(super) fn save_amendment(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let Some(amending) = &session.amending else {
            return;
        };
        let Some(previous) = amending.versions.last() else {
            return;
        };
        let amendment = Amendment {
            by: amending.by.clone(),
            at: self.now(),
            reference_date: self.config.today,
        };
        let words = words::for_language(&self.config.language);
        let next = versions::amend(
            &previous.summary,
            &self.config.questionnaire,
            session.intake.answers(),
            &amendment,
            |shown| words.shown(shown),
        );
        if next.changes.len() == previous.summary.changes.len() {
            let intake_id = previous.summary.intake_id.clone();
            self.session = None;
            self.open_record(&intake_id);
            self.notice = Some("No answer was changed; the record stays as it was.".into());
            return;
        }
        self.session = None;
        self.save_version(&next);
    }

    pub(super) fn save_sign_off(&mut self, review: Review) {
        let Screen::Record(screen) = &self.screen else {
            return;
        };
        let next = versions::sign_off(screen.latest(), review);
        self.save_version(&next);
    }

    pub(super) fn save_record_override(&mut self, verdict_override: Option<Override>) {
        let Screen::Record(screen) = &self.screen else {
            return;
        };
        let next = versions::with_override(screen.latest(), verdict_override);
        self.save_version(&next);
    }

    /// Writes a new version and opens the record as it now stands.
    fn save_version(&mut self, next: &Summary) {
        match store::write_version(&self.config.out, next) {
            Ok(path) => {
                self.open_record(&next.intake_id);
                self.notice = Some(format!(
                    "Saved as version {} of the record: {}",
                    next.version,
                    path.display()
                ));
                // A later version goes to the FHIR server too, as an update of the same record.
                self.queue_for_delivery(next);
            }
            Err(e) => {
                let said = e.message(words::for_language(&self.config.language), &self.config.out);
                self.notice = None;
                if let store::VersionError::Taken { .. } = e {
                    // Theirs stands: show the record as it now is, so a retry builds on it.
                    self.open_record(&next.intake_id);
                }
                // A record that could not be read again says so after.
                self.notice = Some(match self.notice.take() {
                    Some(reload) => format!("{said} {reload}"),
                    None => said,
                });
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
        let session = self.session.as_ref().filter(|s| s.amending.is_none())?;
        let q = &self.config.questionnaire;
        let answers = session.intake.answers();
        let name = visibility::patient_name(q, answers)?;
        let born = visibility::patient_birth_date(q, answers)?;
        let earlier = store::seen_before(&self.config.out, name, born).ok()?;
        let row = earlier
            .into_iter()
            .find(|row| row.intake_id != session.draft.id)?;
        Some(format!(
            "Seen before: {name} finished an intake on {} — {}",
            row.completed_at.format("%-d %B %Y"),
            verdict_short(row.shown())
        ))
    }
}
