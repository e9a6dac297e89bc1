//! The intake's life in the app: starting, resuming, showing where it stands, saving its draft,
//! confirming and going back, submitting and exporting, leaving.

use std::path::PathBuf;
use std::time::Instant;

use super::{App, Kept, Running};
use crate::clinic::{self, Case, OpenError, Queued};
use crate::engine::intake::{Back, Intake, Step};
use crate::engine::summary::Summary;
use crate::tui::editor::Editor;
use crate::tui::screens::kiosk::{Farewell, Held};
use crate::tui::screens::question;
use crate::tui::screens::result::{Export, ResultScreen};
use crate::tui::screens::resume_offer::ResumeOffer;
use crate::tui::screens::review::Review;
use crate::tui::screens::staff_menu::StaffMenu;
use crate::tui::screens::start::{Start, StartEntry};
use crate::tui::screens::{Overlay, Screen};
use crate::tui::session::Session;
use crate::tui::text_layout::Measured;
use crate::words::{self, DateForm, Label, MomentForm, Say, Words};

impl App {
    /// The first screen: the kiosk welcome, or the staff list of intakes.
    pub fn home(&mut self) {
        self.session = None;
        self.overlay = None;
        self.patient_language = None;
        if self.kiosk() {
            // The next patient sees nothing of the last one, not even a message about them, and
            // starts in the kiosk's own language.
            let staff = self.staff_language.clone();
            self.set_language(&staff);
            self.notice = None;
            self.draft_problem = None;
            self.screen = Screen::Welcome;
        } else {
            let entries = self.list_entries();
            self.screen = Screen::Start(Start::new(entries, self.now()));
        }
    }

    /// The language of the screens and of the intakes started from now on.
    pub(super) fn set_language(&mut self, language: &str) {
        language.clone_into(&mut self.config.language);
        self.desk.set_language(language);
    }

    /// The clinic's records and unfinished intakes, for the list.
    pub(super) fn list_entries(&mut self) -> Vec<StartEntry> {
        let words = words::for_language(&self.config.language);
        let list = self.desk.list();
        if let Some(e) = list.unfinished_error {
            self.notice = Some(words.unfinished_unreadable(&self.desk.unfinished_dir(), &e));
        }
        if let Some(e) = list.records_error {
            self.notice = Some(words.records_unreadable(self.desk.out(), &e));
        } else if let Some(first) = list.unreadable.first() {
            self.notice = Some(words.summaries_unreadable(list.unreadable.len(), first));
        }
        list.entries
    }

    /// Makes `case` the intake under way, at its intake's step.
    pub(super) fn begin(&mut self, case: Case, intake: Intake) {
        self.session = Some(Session::new(case, intake));
        self.show_step(None);
    }

    /// Starts a new intake at the first question.
    pub fn new_intake(&mut self) {
        let (case, intake) = self.desk.start(self.mode(), self.now());
        self.notice = None;
        self.begin(case, intake);
    }

    /// Resumes a saved intake, as it is on disk now, at its first unanswered shown question;
    /// one open on another terminal, finished or gone is left alone and the list shown again.
    pub fn resume(&mut self, id: &str) {
        let words = words::for_language(&self.config.language);
        let resumed = match self.desk.resume(id) {
            Ok(resumed) => resumed,
            Err(e) => {
                if !matches!(e, OpenError::Elsewhere) {
                    // Finished or gone meanwhile: the list is out of date.
                    self.home();
                }
                self.notice = Some(words.not_opened(&e));
                return;
            }
        };
        self.notice = words.resumed(
            resumed.made_with.as_deref(),
            &resumed.dropped,
            &resumed.asked_again,
        );
        self.begin(resumed.case, resumed.intake);
    }

    /// Shows the screen for where the intake stands: its question (pre-filled with what was
    /// typed or answered before, with `error` under it) or the review.
    pub(super) fn show_step(&mut self, error: Option<String>) {
        let Some(session) = &mut self.session else {
            return;
        };
        match session.intake.step().clone() {
            Step::Question(id) => {
                let typed = session.typed.remove(&id);
                if let Some(q) = question::open(&session.intake, typed, &id, error) {
                    self.screen = Screen::Question(q);
                }
            }
            Step::Review => {
                let seen_before = self.seen_before();
                let mut review = Review::default();
                review.seen_before = seen_before;
                self.screen = Screen::Review(review);
                self.prepare_review();
            }
        }
    }

    /// Lays the review out for the terminal's width (once per opening or resize).
    pub(super) fn prepare_review(&mut self) {
        let width = self.view().body(self.area).width;
        if let (Screen::Review(review), ctx) = self.screen_and_ctx() {
            review.prepare(ctx, width);
        }
    }

    /// Saves the intake under way as its draft, with the question on screen. A failure is also
    /// shown to staff, until a save succeeds.
    pub(super) fn save_draft(&mut self) -> Result<PathBuf, String> {
        let now = self.now();
        let Some(session) = &mut self.session else {
            return Err(self.words().label(Label::NoIntakeUnderWay).into());
        };
        let saved = self
            .desk
            .save(&mut session.case, &session.intake, now)
            .map_err(|e| e.to_string());
        // A record being changed writes nothing until its changes are saved.
        if !session.amending() {
            let words = words::for_language(&self.config.language);
            self.draft_problem = saved
                .as_ref()
                .err()
                .map(|cause| words.draft_not_saved(cause));
        }
        saved
    }

    /// Saves the intake under way before it leaves the screen. An intake with nothing in it
    /// leaves no draft.
    pub(super) fn keep_for_leaving(&mut self) -> Kept {
        // A record being changed stays as it was until the changes are saved.
        if self
            .session
            .as_ref()
            .is_none_or(|s| s.is_empty() || s.amending())
        {
            return Kept::Nothing;
        }
        match self.save_draft() {
            Ok(path) => Kept::Draft(path),
            Err(cause) => Kept::Lost(cause),
        }
    }

    /// Enter on a question: the intake checks and keeps the answer and moves on; the draft is
    /// saved with the next screen's question before that screen is drawn.
    pub fn confirm(&mut self) {
        let (Screen::Question(q), Some(session)) = (&mut self.screen, &mut self.session) else {
            return;
        };
        let Some(item) = session.intake.item(&q.item) else {
            return;
        };
        let words = words::for_language(&self.config.language);
        let answer = match q.editor.answer(item) {
            Ok(answer) => answer,
            Err(problem) => {
                q.error = Some(words.date_problem(&problem));
                return;
            }
        };
        let patient = |i: &Intake| {
            i.patient_name()
                .map(str::to_owned)
                .zip(i.patient_birth_date())
        };
        let before = patient(&session.intake);
        if let Err(fault) = session.intake.confirm(answer) {
            q.error = Some(words.fault(&fault));
            return;
        }
        let after = patient(&session.intake);
        session.typed.remove(&q.item);
        self.show_step(None);
        self.save_draft().ok();
        if after.is_some() && after != before {
            self.offer_resume();
        }
    }

    /// Staff who just gave a new intake its patient's name and date of birth are offered that
    /// patient's unfinished intake instead, when there is one no other terminal has open. Never
    /// at a kiosk: patients never see another intake.
    fn offer_resume(&mut self) {
        if self.config.kiosk {
            return;
        }
        let Some(session) = &self.session else {
            return;
        };
        // Only a new intake, with nothing but who the patient is: resuming gives it up.
        if session.amending() || session.intake.answered().len() > 2 {
            return;
        }
        let (Some(name), Some(born)) = (
            session.intake.patient_name(),
            session.intake.patient_birth_date(),
        ) else {
            return;
        };
        let (own, name) = (session.case.id().to_owned(), name.to_owned());
        let entries = self.desk.list().entries;
        let Some(unfinished) = clinic::unfinished_of(&entries, &name, born, &own) else {
            return;
        };
        let words = words::for_language(&self.config.language);
        let message = words.say(&Say::ResumeOffer {
            name: &name,
            born: &words.date(born, DateForm::Long),
            when: &words.moment(&unfinished.draft.updated_at, MomentForm::Long),
            answered: unfinished.answered,
            shown: unfinished.shown,
        });
        self.overlay = Some(Overlay::ResumeOffer(ResumeOffer {
            id: unfinished.draft.id.clone(),
            message,
        }));
    }

    /// Enter on the offer: the new intake (only its patient's name and date of birth) is given
    /// up, its draft deleted, and the patient's unfinished intake resumed.
    pub(super) fn resume_instead(&mut self, id: &str) {
        if let Some(session) = self.session.take() {
            // A draft that cannot be deleted stays in the list, where staff can delete it.
            self.desk.discard(session.case).ok();
        }
        self.resume(id);
    }

    /// Esc on a question: keep what was typed and go back.
    pub fn back(&mut self) {
        let (Screen::Question(q), Some(session)) = (&self.screen, &mut self.session) else {
            return;
        };
        let (id, editor): (String, Editor) = (q.item.clone(), q.editor.clone());
        match session.intake.back() {
            Back::Moved => {
                session.typed.insert(id, editor);
                self.show_step(None);
            }
            // Staff go back to the list; confirmed answers are in the draft already.
            Back::AtStart if !self.kiosk() => self.home(),
            Back::AtStart => {}
        }
    }

    /// Submit on the review: every shown question must be answered well, then the summary is built
    /// and exported.
    pub fn submit(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        if let Err(problem) = session.intake.check_for_submit() {
            let message = words::for_language(&self.config.language).fault(&problem.fault);
            return self.show_step(Some(message));
        }
        if session.amending() {
            return self.save_amendment();
        }
        let (mode, now) = (self.mode(), self.now());
        let Some(session) = &self.session else {
            return;
        };
        let summary = self.desk.summary(&session.case, &session.intake, mode, now);
        self.export(summary, self.kiosk());
    }

    /// Writes the summary; `for_patient` at the kiosk (thanks, or held for staff), else for staff
    /// (the result screen, with a retry on failure).
    pub(super) fn export(&mut self, summary: Summary, for_patient: bool) {
        let now = self.last_activity;
        let written = self.submit_summary(&summary);
        if for_patient {
            match written {
                Ok(_) => {
                    // Nothing of this patient stays in memory at the kiosk.
                    self.session = None;
                    self.screen = Screen::ThankYou {
                        farewell: Farewell::of(&summary),
                        since: now,
                    };
                }
                // A finished intake is never dropped: kept in memory (and in its draft, if that
                // can be written) and tried again until it is saved or staff take over.
                Err(cause) => self.hold(Some(Box::new(summary)), cause, now),
            }
            return;
        }
        let export = match written {
            Ok(path) => {
                self.session = None;
                Export::Saved(path)
            }
            Err(cause) => Export::Failed {
                dir: self.config.out.clone(),
                cause,
            },
        };
        self.screen = Screen::Result(ResultScreen {
            summary: Box::new(summary),
            export,
            scroll: 0,
            lines: Measured::default(),
        });
    }

    /// What became of queueing a written record for the FHIR server, for staff. A failure here
    /// is made good by `push`, which queues any summary missing from the outbox.
    pub(super) fn on_queued(&mut self, queued: Queued) {
        if let Queued::NotQueued(e) = queued {
            self.notice = Some(words::for_language(&self.config.language).not_queued(&e));
        }
    }

    /// Writes the summary of the intake under way (once), removes its draft, holding its lock,
    /// and queues it for the FHIR server.
    fn submit_summary(&mut self, summary: &Summary) -> Result<PathBuf, String> {
        let now = self.now();
        let Some(session) = &mut self.session else {
            return Err(self.words().label(Label::NoIntakeUnderWay).into());
        };
        match self.desk.submit(&mut session.case, summary, now) {
            Ok(submitted) => {
                if let Some(e) = submitted.leftover {
                    let words = words::for_language(&self.config.language);
                    self.notice = Some(words.draft_left_over(&e));
                }
                self.on_queued(submitted.queued);
                Ok(submitted.path)
            }
            Err(e) => Err(e.to_string()),
        }
    }

    /// Kiosk: keeps the intake under way that could not be written, behind a screen that asks
    /// for staff.
    pub(super) fn hold(&mut self, summary: Option<Box<Summary>>, cause: String, now: Instant) {
        if summary.is_some() {
            // The draft keeps the answers for staff even if this process ends.
            self.save_draft().ok();
        }
        self.overlay = None;
        self.screen = Screen::Held(Held {
            summary,
            cause,
            tried: now,
        });
    }

    /// Kiosk: tries again to write what is held; on success the kiosk carries on as usual.
    pub(super) fn retry_held(&mut self, now: Instant) {
        let Screen::Held(held) = &self.screen else {
            return;
        };
        match held.summary.clone() {
            Some(summary) => match self.submit_summary(&summary) {
                Ok(_) => {
                    self.session = None;
                    self.screen = Screen::ThankYou {
                        farewell: Farewell::of(&summary),
                        since: now,
                    };
                }
                Err(cause) => self.hold(Some(summary), cause, now),
            },
            None => match self.save_draft() {
                Ok(_) => self.home(),
                Err(cause) => self.hold(None, cause, now),
            },
        }
    }

    /// The staff PIN was given at the kiosk. Staff see a held intake's failure (what and where)
    /// and can try again; otherwise the staff menu opens (returned, to show over the screen).
    pub(super) fn staff_take_over(&mut self) -> Option<Overlay> {
        let patient = self.patient_waits();
        // Staff read in their own language, whatever the patient chose.
        let staff = self.staff_language.clone();
        self.set_language(&staff);
        if let Screen::Held(held) = &self.screen
            && let Some(summary) = held.summary.clone()
        {
            let cause = held.cause.clone();
            self.staff_at_kiosk = true;
            self.screen = Screen::Result(ResultScreen {
                summary,
                export: Export::Failed {
                    dir: self.config.out.clone(),
                    cause,
                },
                scroll: 0,
                lines: Measured::default(),
            });
            return None;
        }
        Some(Overlay::StaffMenu(StaffMenu::new(patient)))
    }

    /// Ctrl-C: leaves with the intake saved for later. When it cannot be saved, staff are told
    /// and a second Ctrl-C leaves without it.
    pub(super) fn quit_staff(&mut self) {
        match self.keep_for_leaving() {
            Kept::Lost(cause) if !self.leave_unsaved_armed => {
                self.leave_unsaved_armed = true;
                self.notice = Some(self.words().say(&Say::LeavingLoses { cause: &cause }));
            }
            kept => self.leave(kept),
        }
    }

    pub(super) fn leave(&mut self, kept: Kept) {
        self.left = Some(self.durable(kept));
        self.release();
        self.running = Running::Done;
    }

    /// Ends the app at once (SIGTERM, SIGHUP, the terminal gone), saving the intake under way if
    /// it can.
    pub fn stop(&mut self) -> Kept {
        let kept = self.keep_for_leaving();
        self.running = Running::Done;
        let kept = self.durable(kept);
        self.release();
        kept
    }

    /// Lets other terminals open the intake under way: this app is done with it.
    fn release(&mut self) {
        if let Some(session) = &mut self.session {
            session.case.release();
        }
    }

    /// The words of the UI's language, for what the app says itself.
    pub(super) fn words(&self) -> &'static dyn Words {
        words::for_language(&self.config.language)
    }

    /// Waits until every saved draft is durable on disk, as leaving must.
    pub(super) fn durable(&self, kept: Kept) -> Kept {
        match (self.desk.durable(), kept) {
            (Err(e), Kept::Draft(path)) => Kept::Lost(self.words().say(&Say::NotDurable {
                path: &path.display().to_string(),
                error: &e.to_string(),
            })),
            (_, kept) => kept,
        }
    }
}
