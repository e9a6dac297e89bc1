//! The intake's life in the app: starting, resuming, showing where it stands, saving its draft,
//! confirming and going back, submitting and exporting, leaving.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::{App, Kept, Running};
use crate::engine::intake::{Back, Intake, Step};
use crate::engine::summary::{Metadata, Summary, version_id};
use crate::engine::visibility;
use crate::fhir;
use crate::model::answer::Answers;
use crate::store::{self, Draft, DraftLock, Listed};
use crate::tui::editor::Editor;
use crate::tui::screens::kiosk::{Farewell, Held};
use crate::tui::screens::question;
use crate::tui::screens::result::{Export, ResultScreen};
use crate::tui::screens::review::Review;
use crate::tui::screens::staff_menu::StaffMenu;
use crate::tui::screens::start::{Start, StartEntry};
use crate::tui::screens::{Overlay, Screen};
use crate::tui::session::Session;
use crate::words;

impl App {
    /// The first screen: the kiosk welcome, or the staff list of intakes.
    pub fn home(&mut self) {
        self.session = None;
        self.overlay = None;
        if self.kiosk() {
            // The next patient sees nothing of the last one, not even a message about them.
            self.notice = None;
            self.draft_problem = None;
            self.screen = Screen::Welcome;
        } else {
            let entries = self.list_entries();
            self.screen = Screen::Start(Start::new(entries));
        }
    }

    /// The clinic's records and unfinished intakes, for the list.
    pub(super) fn list_entries(&mut self) -> Vec<StartEntry> {
        let mut entries = self.draft_entries();
        match store::list_records(&self.config.out) {
            Ok(records) => {
                if !records.unreadable.is_empty() {
                    self.notice = Some(format!(
                        "{} summary file(s) could not be read, for example {}: `skin-intake show \
                         FILE` says why.",
                        records.unreadable.len(),
                        records.unreadable[0].display()
                    ));
                }
                let delivery = self.delivery_states();
                entries.extend(records.rows.into_iter().map(|row| {
                    let id = version_id(&row.intake_id, row.version);
                    let state = delivery.get(&id).copied();
                    StartEntry::Record(Box::new(row), state)
                }));
            }
            Err(e) => {
                self.notice = Some(format!(
                    "Could not read the finished intakes in {}: {e}",
                    self.config.out.display()
                ));
            }
        }
        entries
    }

    /// How each record's delivery stands, by version id; nothing without a FHIR server.
    fn delivery_states(&self) -> HashMap<String, words::Delivery> {
        self.config
            .delivery
            .as_ref()
            .map(|sender| sender.states(&self.config.out))
            .unwrap_or_default()
    }

    fn draft_entries(&mut self) -> Vec<StartEntry> {
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
                            elsewhere: store::open_elsewhere(&self.config.out, &draft.id),
                            draft,
                        }
                    }
                    Listed::Finished { summary, .. } => StartEntry::Finished { summary },
                    Listed::Newer {
                        path,
                        format_version,
                    } => StartEntry::Newer {
                        path,
                        format_version,
                    },
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
    pub(super) fn begin(&mut self, draft: Draft, lock: Option<DraftLock>, answers: Answers) {
        let intake = Intake::new(
            Arc::clone(&self.config.questionnaire),
            answers,
            self.config.today,
            &self.config.language,
        );
        self.session = Some(Session {
            intake,
            amending: None,
            draft,
            lock,
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
        self.begin(draft, None, Answers::new());
    }

    /// Resumes a saved intake, as it is on disk now, at its first unanswered shown question;
    /// one open on another terminal, finished or gone is left alone and the list shown again.
    pub fn resume(&mut self, listed: &Draft) {
        let (mut draft, lock) = match store::open_draft(&self.config.out, &listed.id) {
            Ok(opened) => opened,
            Err(e) => {
                if !matches!(e, store::OpenError::Elsewhere) {
                    // Finished or gone meanwhile: the list is out of date.
                    self.home();
                }
                self.notice = Some(format!("Could not open this intake: {e}."));
                return;
            }
        };
        let made_with = draft.made_with_other(&self.config.questionnaire);
        let resumed = draft.resume(&self.config.questionnaire);
        // From now on the draft holds answers to this questionnaire.
        draft
            .questionnaire_id
            .clone_from(&self.config.questionnaire.id);
        draft
            .questionnaire_version
            .clone_from(&self.config.questionnaire.version);
        let dropped = (!resumed.dropped.is_empty()).then(|| {
            format!(
                "Some saved answers no longer fit this questionnaire and were left out: {}.",
                resumed.dropped.join(", ")
            )
        });
        let origin = made_with.map(|m| format!("This intake was started with {m}."));
        self.notice = match (origin, dropped) {
            (Some(origin), Some(dropped)) => Some(format!("{origin} {dropped}")),
            (Some(origin), None) => Some(format!("{origin} Every saved answer still fits.")),
            (None, dropped) => dropped,
        };
        self.begin(draft, Some(lock), resumed.answers);
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
            return Err("no intake is under way".into());
        };
        if let Some(amending) = &session.amending {
            // A record's changes are kept when they are saved as its next version.
            return amending
                .versions
                .last()
                .map(|v| v.path.clone())
                .ok_or_else(|| "the record has no version".to_owned());
        }
        let current = session.intake.current_question().map(str::to_owned);
        session
            .draft
            .record(session.intake.answers(), current.as_deref(), now);
        let out = &self.config.out;
        let where_ =
            |e: &dyn std::fmt::Display| format!("{}: {e}", out.join(store::UNFINISHED).display());
        // The lock is taken with the first save, when the draft file appears.
        let locked = match session.lock.take() {
            Some(lock) => Ok(lock),
            None => store::lock_draft(out, &session.draft.id).map_err(|e| where_(&e)),
        };
        let syncer = &self.syncer;
        let saved = locked.and_then(|lock| {
            let saved = store::save_draft_soon_durable(out, &session.draft, &lock, syncer)
                .map_err(|e| where_(&e));
            session.lock = Some(lock);
            saved
        });
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
        // A record being changed stays as it was until the changes are saved.
        if self
            .session
            .as_ref()
            .is_none_or(|s| s.is_empty() || s.amending.is_some())
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
        if session.amending.is_some() {
            return self.save_amendment();
        }
        let meta = Metadata {
            // One intake, one record: the summary carries the intake's id.
            id: session.draft.id.clone(),
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
        summary.set_override(session.draft.verdict_override.clone());
        self.export(summary, self.kiosk());
    }

    /// Writes the summary; `for_patient` at the kiosk (thanks, or held for staff), else for staff
    /// (the result screen, with a retry on failure).
    pub(super) fn export(&mut self, summary: Summary, for_patient: bool) {
        let now = self.last_activity;
        let written = self.submit_summary(&summary);
        if written.is_ok() {
            self.queue_for_delivery(&summary);
        }
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
        });
    }

    /// Queues a written summary for the FHIR server, when there is one; the sender sends it in the
    /// background. A failure here is made good by `push`, which queues any summary missing from
    /// the outbox.
    pub(super) fn queue_for_delivery(&mut self, summary: &Summary) {
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

    /// Writes the summary of the intake under way (once) and removes its draft, holding its lock.
    fn submit_summary(&mut self, summary: &Summary) -> Result<PathBuf, String> {
        let out = &self.config.out;
        let Some(session) = &mut self.session else {
            return Err("no intake is under way".into());
        };
        let lock = match session.lock.take() {
            Some(lock) => lock,
            None => store::lock_draft(out, &session.draft.id).map_err(|e| e.to_string())?,
        };
        match store::submit(out, summary, lock) {
            Ok(submitted) => {
                if let Some(e) = submitted.leftover {
                    self.notice = Some(format!(
                        "The summary is saved, but its unfinished copy could not be removed: {e}"
                    ));
                }
                Ok(submitted.summary)
            }
            Err(store::NotSubmitted { error, lock }) => {
                session.lock = Some(lock);
                Err(error.to_string())
            }
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
            });
            return None;
        }
        Some(Overlay::StaffMenu(StaffMenu::default()))
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
            session.lock = None;
        }
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
