//! The application: which screen and popup are up, the intake under way, and routing each action
//! to the screen in focus and the flow outcome it asks for to the engine's intake and the store.
//! No terminal here: tests drive [`App::handle_key`], [`App::handle_mouse`],
//! [`App::handle_paste`] and [`App::tick`] directly, passing the clock in.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, FixedOffset, SubsecRound};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

use super::action::{self, Action, Hit};
use super::config::Config;
use super::editor::Editor;
use super::screens::kiosk::Farewell;
use super::screens::note::{self, Note};
use super::screens::override_form::{self, OverrideForm};
use super::screens::pin::{self, Pin, PinLock};
use super::screens::question;
use super::screens::result::{self, Export, ResultScreen};
use super::screens::review::{self, Review};
use super::screens::start::{self, Start, StartEntry};
use super::screens::{Overlay, Screen};
use super::session::{Ctx, Session};
use super::view::View;
use crate::engine::intake::{Back, Intake, Step};
use crate::engine::summary::{Metadata, Mode, Summary};
use crate::engine::visibility;
use crate::model::answer::Answers;
use crate::model::questionnaire::Item;
use crate::store::durability::Syncer;
use crate::store::{self, Draft, Listed};

mod timers;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Running {
    Yes,
    Done,
}

/// What became of the intake under way when the app ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// There was none, or nothing had been answered.
    Nothing,
    /// Saved as a draft at this path, resumable from the staff start screen.
    Draft(PathBuf),
    /// It could not be saved, for this reason (a folder and a cause, no answers).
    Lost(String),
}

pub struct App {
    pub config: Config,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// The intake under way.
    pub session: Option<Session>,
    pub running: Running,
    /// A message for staff at the top of the screen (a dropped answer, a confirmation to give).
    pub notice: Option<String>,
    /// Why the last save of the draft failed; cleared by the next save that succeeds.
    pub draft_problem: Option<String>,
    pub last_activity: Instant,
    /// The latest instant the app was told about (countdowns draw from it).
    pub instant: Instant,
    pub pin_lock: PinLock,
    /// Ctrl-C was pressed once while the intake could not be saved; a second one leaves.
    pub leave_unsaved_armed: bool,
    /// Set when the app ends by a key: what became of the intake under way.
    pub left: Option<Kept>,
    /// The terminal's size: where taps land and how far the result scrolls.
    pub area: Rect,
    /// Makes saved drafts durable off this thread; leaving waits for it.
    syncer: Syncer,
}

impl App {
    #[must_use]
    pub fn new(config: Config, now: Instant) -> Self {
        let mut app = App {
            screen: Screen::Welcome,
            overlay: None,
            session: None,
            running: Running::Yes,
            notice: None,
            draft_problem: None,
            last_activity: now,
            instant: now,
            pin_lock: PinLock::default(),
            leave_unsaved_armed: false,
            left: None,
            area: Rect::new(0, 0, 80, 24),
            syncer: Syncer::start(),
            config,
        };
        app.home();
        if !app.config.kiosk
            && app.notice.is_none()
            && let Some(mode) = store::open_to_others(&app.config.out)
        {
            let dir = app.config.out.display();
            app.notice = Some(format!(
                "The folder {dir} can be opened by other users of this computer (permissions \
                 {mode:o}). To keep patients' answers private: chmod 700 {dir}"
            ));
        }
        app
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            config: &self.config,
            session: self.session.as_ref(),
            now: self.instant,
        }
    }

    /// What the frame shows now.
    #[must_use]
    pub fn view(&self) -> View<'_> {
        View {
            ctx: self.ctx(),
            screen: &self.screen,
            overlay: self.overlay.as_ref(),
            notice: self.notices(),
            pin_lock: &self.pin_lock,
        }
    }

    /// Draws the app; returns where the terminal's cursor goes.
    pub fn render_frame(&self, area: Rect, buf: &mut Buffer) -> Option<Position> {
        self.view().render(area, buf)
    }

    fn now(&self) -> DateTime<FixedOffset> {
        (self.config.clock)().trunc_subsecs(0)
    }

    fn mode(&self) -> Mode {
        if self.config.kiosk {
            Mode::Kiosk
        } else {
            Mode::Staff
        }
    }

    /// The terminal changed size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.area = Rect::new(0, 0, width, height);
        self.prepare_review();
    }

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

    fn list_entries(&mut self) -> Vec<StartEntry> {
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
    fn begin(&mut self, draft: Draft, answers: Answers) {
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
    fn show_step(&mut self, error: Option<String>) {
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
    fn prepare_review(&mut self) {
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

    /// The item on screen, if a question is shown.
    #[must_use]
    pub fn current_item(&self) -> Option<&Item> {
        match &self.screen {
            Screen::Question(q) => self.session.as_ref()?.intake.item(&q.item),
            _ => None,
        }
    }

    /// The shown questions that have an answer, in order (the review's rows after Submit).
    #[must_use]
    pub fn review_rows(&self) -> Vec<&Item> {
        self.session
            .as_ref()
            .map(|s| s.intake.answered())
            .unwrap_or_default()
    }

    /// The answers given so far.
    #[must_use]
    pub fn answers(&self) -> Option<&Answers> {
        self.session.as_ref().map(|s| s.intake.answers())
    }

    /// Saves the intake under way as its draft, with the question on screen. A failure is also
    /// shown to staff, until a save succeeds.
    fn save_draft(&mut self) -> Result<PathBuf, String> {
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
    fn keep_for_leaving(&mut self) -> Kept {
        if self.session.as_ref().is_none_or(Session::is_empty) {
            return Kept::Nothing;
        }
        match self.save_draft() {
            Ok(path) => Kept::Draft(path),
            Err(cause) => Kept::Lost(cause),
        }
    }

    /// The messages for staff at the top of the screen, if any: the latest one first.
    #[must_use]
    pub fn notices(&self) -> Option<String> {
        let notices: Vec<&str> = [self.notice.as_deref(), self.draft_problem.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        (!notices.is_empty()).then(|| notices.join(" "))
    }

    // ----- input -----

    /// One key press. `now` drives the idle timer and the PIN lock.
    pub fn handle_key(&mut self, key: KeyEvent, now: Instant) {
        if key.kind == KeyEventKind::Release || self.noticed_someone(now) {
            return;
        }
        let Some(focus) = self.view().focus() else {
            return;
        };
        if let Some(action) = action::action_for(focus, key) {
            self.update(&action, now);
        }
    }

    /// Pasted text goes to the text field in focus, cleaned of control characters and capped.
    pub fn handle_paste(&mut self, text: &str, now: Instant) {
        if !self.noticed_someone(now) {
            self.update(&Action::Paste(text.to_owned()), now);
        }
    }

    /// A click or tap: options, list rows and the Back / Next buttons.
    pub fn handle_mouse(&mut self, mouse: MouseEvent, now: Instant) {
        if !matches!(mouse.kind, MouseEventKind::Down(MouseButton::Left))
            || self.noticed_someone(now)
        {
            return;
        }
        let at = Position::new(mouse.column, mouse.row);
        let hit = self
            .view()
            .hits(self.area)
            .into_iter()
            .find(|(rect, _)| rect.contains(at))
            .map(|(_, hit)| hit);
        if let Some(hit) = hit {
            self.update(&Action::Tap(hit), now);
        }
    }

    /// Does what `action` asks, in the popup or screen in focus.
    pub fn update(&mut self, action: &Action, now: Instant) {
        self.instant = now;
        if let Some(overlay) = self.overlay.take() {
            return self.update_overlay(overlay, action, now);
        }
        match action {
            Action::Leave => return self.quit_staff(),
            Action::Staff => {
                self.overlay = Some(Overlay::Pin(Pin::default()));
                return;
            }
            Action::Note if self.session.is_some() => {
                let note = self
                    .session
                    .as_ref()
                    .and_then(|s| s.draft.clinician_note.clone());
                self.overlay = Some(Overlay::Note(Note {
                    input: tui_input::Input::new(note.unwrap_or_default()),
                }));
                return;
            }
            Action::Override => {
                if let Some(session) = &self.session {
                    self.overlay = Some(Overlay::Override(OverrideForm::new(
                        session.intake.assessment().suitability,
                        session.draft.verdict_override.as_ref(),
                    )));
                }
                return;
            }
            _ => {}
        }
        match &mut self.screen {
            Screen::Start(start) => {
                let was_asking = start.deleting;
                let outcome = start.update(action);
                if was_asking {
                    self.notice = None;
                }
                self.on_start(outcome);
            }
            Screen::Welcome => {
                if *action == Action::Confirm {
                    self.new_intake();
                }
            }
            Screen::Question(q) => {
                let Some(item) = self.session.as_ref().and_then(|s| s.intake.item(&q.item)) else {
                    return;
                };
                match q.update(item, action) {
                    question::Outcome::Confirm => self.confirm(),
                    question::Outcome::Back => self.back(),
                    question::Outcome::None => {}
                }
            }
            Screen::Review(review) => match review.update(action) {
                review::Outcome::Submit => self.submit(),
                review::Outcome::Open(row) => {
                    let id = self.review_rows().get(row - 1).map(|i| i.id.clone());
                    if let (Some(id), Some(session)) = (id, &mut self.session) {
                        session.intake.open_from_review(&id);
                        self.show_step(None);
                    }
                }
                review::Outcome::Back => {
                    if let Some(session) = &mut self.session {
                        session.intake.back_from_review();
                        self.show_step(None);
                    }
                }
                review::Outcome::None => {}
            },
            Screen::Result(_) => self.update_result(action),
            Screen::ThankYou { .. } => {
                if *action == Action::Confirm {
                    self.home();
                }
            }
        }
    }

    fn update_overlay(&mut self, overlay: Overlay, action: &Action, now: Instant) {
        self.overlay = match overlay {
            Overlay::Idle { .. } => None,
            Overlay::Pin(mut prompt) => {
                let staff_pin = self.config.staff_pin.clone();
                match prompt.update(action, now, &mut self.pin_lock, staff_pin.as_deref()) {
                    pin::Outcome::Stay => Some(Overlay::Pin(prompt)),
                    pin::Outcome::Close => None,
                    pin::Outcome::Staff => {
                        let kept = self.keep_for_leaving();
                        self.leave(kept);
                        None
                    }
                }
            }
            Overlay::Note(mut form) => match form.update(action) {
                note::Outcome::Stay => Some(Overlay::Note(form)),
                note::Outcome::Cancel => None,
                note::Outcome::Save(text) => {
                    if let Some(session) = &mut self.session {
                        session.draft.clinician_note = text;
                    }
                    self.save_draft().ok();
                    None
                }
            },
            Overlay::Override(mut form) => match form.update(action, self.now()) {
                override_form::Outcome::Stay => Some(Overlay::Override(form)),
                override_form::Outcome::Cancel => None,
                override_form::Outcome::Remove => {
                    if let Some(session) = &mut self.session {
                        session.draft.verdict_override = None;
                    }
                    self.notice =
                        Some("The override was removed; the computed verdict stands.".into());
                    self.save_draft().ok();
                    None
                }
                override_form::Outcome::Save(verdict_override) => {
                    if let Some(session) = &mut self.session {
                        session.draft.verdict_override = Some(verdict_override);
                    }
                    self.save_draft().ok();
                    None
                }
            },
        };
        if matches!(action, Action::Leave) && !self.config.kiosk {
            self.quit_staff();
        }
    }

    fn on_start(&mut self, outcome: start::Outcome) {
        let Screen::Start(start) = &self.screen else {
            return;
        };
        match outcome {
            start::Outcome::None => {}
            start::Outcome::Quit => self.running = Running::Done,
            start::Outcome::Open(0) => self.new_intake(),
            start::Outcome::Open(row) => match start.entries.get(row - 1) {
                Some(StartEntry::Draft { draft, .. }) => {
                    let draft = (**draft).clone();
                    self.resume(draft);
                }
                Some(StartEntry::Damaged { path, .. }) => {
                    self.notice = Some(format!(
                        "This file is damaged and cannot be opened. It was kept as {}.",
                        path.display()
                    ));
                }
                None => {}
            },
            start::Outcome::AskDelete(row) => {
                let what = match start.entries.get(row - 1) {
                    Some(StartEntry::Draft { name, .. }) => format!(
                        "the unfinished intake of {}",
                        name.as_deref().unwrap_or("a patient with no name yet")
                    ),
                    _ => "this damaged file".to_owned(),
                };
                self.notice = Some(format!(
                    "Delete {what}? Its answers will be gone for good. Press d again to delete, \
                     any other key to keep it."
                ));
            }
            start::Outcome::Delete(row) => {
                let path = match start.entries.get(row.wrapping_sub(1)) {
                    Some(StartEntry::Draft { draft, .. }) => draft.path(&self.config.out),
                    Some(StartEntry::Damaged { path, .. }) => path.clone(),
                    None => return,
                };
                let result = store::discard(&path);
                self.home();
                self.notice = Some(match result {
                    Ok(()) => "Deleted.".to_owned(),
                    Err(e) => format!("Could not delete {}: {e}", path.display()),
                });
            }
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
        let answer = match q.editor.answer(item) {
            Ok(answer) => answer,
            Err(message) => {
                q.error = Some(message);
                return;
            }
        };
        if let Err(message) = session.intake.confirm(answer) {
            q.error = Some(message);
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
            return self.show_step(Some(problem.message));
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
        let mut summary = Summary::new(&self.config.questionnaire, session.intake.answers(), meta);
        summary
            .clinician_note
            .clone_from(&session.draft.clinician_note);
        summary
            .verdict_override
            .clone_from(&session.draft.verdict_override);
        self.export(summary);
    }

    fn export(&mut self, summary: Summary) {
        let now = self.last_activity;
        let written = store::write_summary(&self.config.out, &summary);
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

    fn update_result(&mut self, action: &Action) {
        let body = self.view().body(self.area);
        let ctx = Ctx {
            config: &self.config,
            session: self.session.as_ref(),
            now: self.instant,
        };
        let Screen::Result(screen) = &mut self.screen else {
            return;
        };
        match screen.update(ctx, action, body) {
            result::Outcome::Retry => {
                let summary = (*screen.summary).clone();
                self.export(summary);
            }
            result::Outcome::NextPatient => self.home(),
            result::Outcome::Quit => self.running = Running::Done,
            result::Outcome::None => {}
        }
    }

    /// Ctrl-C: leaves with the intake saved for later. When it cannot be saved, staff are told
    /// and a second Ctrl-C leaves without it.
    fn quit_staff(&mut self) {
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

    fn leave(&mut self, kept: Kept) {
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
    fn durable(&self, kept: Kept) -> Kept {
        match (self.syncer.wait(), kept) {
            (Err(e), Kept::Draft(path)) => Kept::Lost(format!(
                "{} was written but could not be made durable: {e}",
                path.display()
            )),
            (_, kept) => kept,
        }
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.render_frame(area, buf);
    }
}

/// Which tap lands where, for tests and tools that look at the layout.
#[must_use]
pub fn hit_at(app: &App, at: Position) -> Option<Hit> {
    app.view()
        .hits(app.area)
        .into_iter()
        .find(|(rect, _)| rect.contains(at))
        .map(|(_, hit)| hit)
}
