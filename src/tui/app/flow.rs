//! The intake's life in the app: starting, resuming, showing where it stands, saving its draft,
//! confirming and going back, submitting and exporting, leaving.

use std::path::PathBuf;
use std::sync::Arc;

use super::{App, Kept, Running};
use crate::engine::intake::{Back, Intake, Step};
use crate::engine::summary::{Metadata, Summary};
use crate::engine::visibility;
use crate::fhir;
use crate::model::answer::Answers;
use crate::store::{self, Draft, Listed};
use crate::tui::editor::Editor;
use crate::tui::screens::Screen;
use crate::tui::screens::kiosk::Farewell;
use crate::tui::screens::question;
use crate::tui::screens::result::{Export, ResultScreen};
use crate::tui::screens::review::Review;
use crate::tui::screens::start::{Start, StartEntry};
use crate::tui::session::{Ctx, Session};
use crate::words;

impl App {
    /// The first screen: the kiosk welcome, or the staff list of intakes.
    pub fn home(&mut self) {
        self.session = None;
        self.overlay = None;
        if self.config.kiosk {
            // The next patient sees nothing of the last one, not even a message about them.
            self.notice = None;
            self.draft_problem = None;
            self.screen = Screen::Welcome;
        } else {
            let entries = self.list_entries();
            self.screen = Screen::Start(Start {
                selected: 0,
                entries,
                deleting: false,
            });
        }
    }

    pub(super) fn list_entries(&mut self) -> Vec<StartEntry> {
        let q = &self.config.questionnaire;
        let today = self.config.today;
        match store::list_drafts(&self.config.out) {
            Ok(listed) => listed
                .into_iter()
                .map(|entry| match entry {
                    Listed::Draft(draft) => {
                        let given = draft.resume(q).answers;
                        StartEntry::Draft {
                            name: visibility::patient_name(q, &given).map(str::to_owned),
                            answered: visibility::answered_items(q, &given, today).len(),
                            shown: visibility::shown_items(q, &given, today).len(),
                            draft,
                        }
                    }
                    Listed::Damaged { path, reason } => StartEntry::Damaged { path, reason },
                })
                .collect(),
            Err(e) => {
                self.notice = Some(format!(
                    "Could not read the unfinished intakes in {}: {e}",
                    self.config.out.join(store::UNFINISHED).display()
                ));
                Vec::new()
            }
        }
    }

    /// Makes `draft` the intake under way, at its first unanswered shown question.
    pub(super) fn begin(&mut self, draft: Draft, answers: Answers) {
        let intake = Intake::new(
            Arc::clone(&self.config.questionnaire),
            answers,
            self.config.today,
            &self.config.language,
        );
        self.session = Some(Session {
            intake,
            draft,
            typed: std::collections::BTreeMap::new(),
        });
        self.show_step(None);
    }

    /// Starts a new intake at the first question.
    pub fn new_intake(&mut self) {
        let draft = Draft::new(
            &self.config.questionnaire,
            &self.config.language,
            self.mode(),
            self.now(),
        );
        self.notice = None;
        self.begin(draft, Answers::new());
    }

    /// Resumes a saved intake at its first unanswered shown question.
    pub fn resume(&mut self, mut draft: Draft) {
        let resumed = draft.resume(&self.config.questionnaire);
        // From now on the draft holds answers to this questionnaire.
        draft
            .questionnaire_id
            .clone_from(&self.config.questionnaire.id);
        draft
            .questionnaire_version
            .clone_from(&self.config.questionnaire.version);
        self.notice = (!resumed.dropped.is_empty()).then(|| {
            format!(
                "Some saved answers no longer fit this questionnaire and were left out: {}.",
                resumed.dropped.join(", ")
            )
        });
        self.begin(draft, resumed.answers);
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
                self.screen = Screen::Review(Review::default());
                self.prepare_review();
            }
        }
    }

    /// Lays the review out for the terminal's width (once per opening or resize).
    pub(super) fn prepare_review(&mut self) {
        let width = self.view().body(self.area).width;
        let ctx = Ctx {
            config: &self.config,
            session: self.session.as_ref(),
            now: self.instant,
        };
        if let Screen::Review(review) = &mut self.screen {
            review.prepare(ctx, width);
        }
    }

    /// Saves the intake under way as its draft, with the question on screen. A failure is also
    /// shown to staff, until a save succeeds.
    pub(super) fn save_draft(&mut self) -> Result<PathBuf, String> {
        let now = self.now();
        let Some(session) = &mut self.session else {
            return Err("no intake is under way".into());
        };
        let current = session.intake.current_question().map(str::to_owned);
        session
            .draft
            .record(session.intake.answers(), current.as_deref(), now);
        let saved = store::save_draft_soon_durable(&self.config.out, &session.draft, &self.syncer)
            .map_err(|e| format!("{}: {e}", self.config.out.join(store::UNFINISHED).display()));
        self.draft_problem = saved.as_ref().err().map(|cause| {
            format!(
                "Could not save the unfinished intake in {cause}. The answers are kept on screen."
            )
        });
        saved
    }

    /// Saves the intake under way before it leaves the screen. An intake with nothing in it
    /// leaves no draft.
    pub(super) fn keep_for_leaving(&mut self) -> Kept {
        if self.session.as_ref().is_none_or(Session::is_empty) {
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
        if let Err(fault) = session.intake.confirm(answer) {
            q.error = Some(words.fault(&fault));
            return;
        }
        session.typed.remove(&q.item);
        self.show_step(None);
        self.save_draft().ok();
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
            Back::AtStart if !self.config.kiosk => self.home(),
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
        let meta = Metadata {
            id: uuid::Uuid::new_v4().to_string(),
            language: self.config.language.clone(),
            mode: self.mode(),
            completed_at: self.now(),
            reference_date: self.config.today,
        };
        let Some(session) = &self.session else {
            return;
        };
        let words = words::for_language(&self.config.language);
        let answers = session.intake.answers();
        let mut summary = Summary::new(&self.config.questionnaire, answers, meta, |shown| {
            words.shown(shown)
        });
        summary
            .clinician_note
            .clone_from(&session.draft.clinician_note);
        summary
            .verdict_override
            .clone_from(&session.draft.verdict_override);
        self.export(summary);
    }

    pub(super) fn export(&mut self, summary: Summary) {
        let now = self.last_activity;
        let written = store::write_summary(&self.config.out, &summary);
        if written.is_ok() {
            self.queue_for_delivery(&summary);
        }
        // The draft goes only once the summary is safely written.
        if written.is_ok()
            && let Some(session) = &self.session
            && let Err(e) = store::remove_draft(&self.config.out, &session.draft)
        {
            self.notice = Some(format!(
                "The summary is saved, but its unfinished copy could not be removed: {e}"
            ));
        }
        if self.config.kiosk {
            let farewell = Farewell {
                level: summary.assessment.suitability,
                sessions: summary.assessment.sessions,
                interval_weeks: summary.assessment.interval_weeks,
                saved: written.is_ok(),
            };
            // Nothing of this patient stays in memory at the kiosk; on failure the draft keeps
            // the answers for staff.
            self.session = None;
            self.screen = Screen::ThankYou {
                farewell,
                since: now,
            };
            return;
        }
        let export = match written {
            Ok(path) => {
                self.session = None;
                Export::Saved(path)
            }
            Err(e) => Export::Failed {
                dir: self.config.out.clone(),
                cause: e.to_string(),
            },
        };
        self.screen = Screen::Result(ResultScreen {
            summary: Box::new(summary),
            export,
            scroll: 0,
        });
    }

    /// Queues a written summary for the FHIR server, when there is one; the sender sends it in the
    /// background. A failure here is made good by `push`, which queues any summary missing from
    /// the outbox.
    fn queue_for_delivery(&mut self, summary: &Summary) {
        let Some(sender) = &self.config.delivery else {
            return;
        };
        let queued = fhir::delivery::enqueue(
            &self.config.out,
            summary,
            &self.config.questionnaire,
            self.now(),
        );
        match queued {
            Ok(_) => sender.wake(),
            Err(e) => {
                self.notice = Some(format!(
                    "The summary is saved, but could not be queued for the FHIR server ({e}); \
                     `skin-intake push` will queue and send it."
                ));
            }
        }
    }

    /// Ctrl-C: leaves with the intake saved for later. When it cannot be saved, staff are told
    /// and a second Ctrl-C leaves without it.
    pub(super) fn quit_staff(&mut self) {
        match self.keep_for_leaving() {
            Kept::Lost(cause) if !self.leave_unsaved_armed => {
                self.leave_unsaved_armed = true;
                self.notice = Some(format!(
                    "The intake could not be saved ({cause}), so leaving now would lose its answers. \
                     Fix the folder and press Ctrl-C again to save and leave, or press Ctrl-C again \
                     to leave without saving."
                ));
            }
            kept => self.leave(kept),
        }
    }

    pub(super) fn leave(&mut self, kept: Kept) {
        self.left = Some(self.durable(kept));
        self.running = Running::Done;
    }

    /// Ends the app at once (SIGTERM, SIGHUP), saving the intake under way if it can.
    pub fn stop(&mut self) -> Kept {
        let kept = self.keep_for_leaving();
        self.running = Running::Done;
        self.durable(kept)
    }

    /// Waits until every saved draft is durable on disk, as leaving must.
    pub(super) fn durable(&self, kept: Kept) -> Kept {
        match (self.syncer.wait(), kept) {
            (Err(e), Kept::Draft(path)) => Kept::Lost(format!(
                "{} was written but could not be made durable: {e}",
                path.display()
            )),
            (_, kept) => kept,
        }
    }
}
