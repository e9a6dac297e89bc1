//! The application: which screen and popup are up, the intake under way, and routing each action
//! to the screen in focus and the flow outcome it asks for to the engine's intake and the clinic's desk.
//! No terminal here: tests drive [`App::handle_key`], [`App::handle_mouse`],
//! [`App::handle_paste`] and [`App::tick`] directly, passing the clock in.

use std::path::PathBuf;
use std::time::Instant;

use chrono::{DateTime, FixedOffset, SubsecRound};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

use super::action::{self, Action, Hit};
use super::config::Config;
use super::screens::note::Note;
use super::screens::override_form::OverrideForm;
use super::screens::pin::{Pin, PinLock};
use super::screens::question;
use super::screens::review;
use super::screens::start_over::StartOver;
use super::screens::{Overlay, Screen};
use super::session::{Ctx, Session};
use super::view::View;
use crate::clinic::Desk;
use crate::engine::summary::Mode;
use crate::model::questionnaire::Item;
use crate::words::{Label, Say};

mod flow;
mod kiosk;
mod outcomes;
mod records;
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
    /// A notice that confirms what was done (a saved version): shown as long as it is the notice,
    /// in words, never styled as a warning.
    pub confirmed: Option<String>,
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
    /// Staff took over the kiosk with the PIN to review intakes; the kiosk returns by the staff
    /// menu or when staff walk away.
    pub staff_at_kiosk: bool,
    /// The clinic's work: intakes, records, delivery.
    desk: Desk,
    /// The language the app was started in: staff's, and the kiosk's until a patient picks
    /// another on the welcome screen (`config.language` is the one in use).
    staff_language: String,
    /// Kiosk: the language of the patient whose intake staff took over with the PIN, to give
    /// it back in when staff return the screen to them.
    patient_language: Option<String>,
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
            confirmed: None,
            draft_problem: None,
            last_activity: now,
            instant: now,
            pin_lock: PinLock::default(),
            leave_unsaved_armed: false,
            left: None,
            area: Rect::new(0, 0, 80, 24),
            desk: Desk::new(
                config.out.clone(),
                std::sync::Arc::clone(&config.questionnaire),
                &config.language,
                config.today,
                config.delivery.clone(),
            ),
            staff_at_kiosk: false,
            staff_language: config.language.clone(),
            patient_language: None,
            config,
        };
        app.home();
        if !app.config.kiosk
            && app.notice.is_none()
            && let Some(mode) = app.desk.open_to_others()
        {
            let words = crate::words::for_language(&app.config.language);
            app.notice = Some(words.say(&Say::FolderOpenToOthers {
                dir: &app.config.out.display().to_string(),
                mode,
            }));
        }
        app
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx::new(
            &self.config,
            self.session.as_ref(),
            self.instant,
            self.kiosk(),
        )
    }

    /// The screen to change, beside what it reads: the borrow that screens' `update` needs.
    fn screen_and_ctx(&mut self) -> (&mut Screen, Ctx<'_>) {
        let kiosk = self.kiosk();
        let ctx = Ctx::new(&self.config, self.session.as_ref(), self.instant, kiosk);
        (&mut self.screen, ctx)
    }

    /// What the frame shows now.
    #[must_use]
    pub fn view(&self) -> View<'_> {
        View {
            ctx: self.ctx(),
            screen: &self.screen,
            overlay: self.overlay.as_ref(),
            // The page after calling staff is calm: nothing but that staff are coming.
            notice: if matches!(self.screen, Screen::StaffCalled(_)) {
                None
            } else {
                self.notices()
            },
            confirmation: self.confirmed.is_some()
                && self.confirmed == self.notice
                && self.draft_problem.is_none(),
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

    /// A patient is at the screen: kiosk mode, and no staff member has taken over.
    #[must_use]
    pub fn kiosk(&self) -> bool {
        self.config.kiosk && !self.staff_at_kiosk
    }

    fn mode(&self) -> Mode {
        if self.kiosk() {
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
            Action::Leave => return self.ask_leave(),
            Action::Staff => {
                self.overlay = Some(Overlay::Pin(Pin::default()));
                return;
            }
            Action::StartOver | Action::Tap(Hit::StartOver) if self.patient_answering() => {
                self.overlay = Some(Overlay::StartOver(StartOver::default()));
                return;
            }
            Action::CallStaff | Action::Tap(Hit::CallStaff) if self.patient_answering() => {
                return self.call_staff();
            }
            Action::Note | Action::Override
                if self.session.as_ref().is_some_and(Session::amending) =>
            {
                self.notice = Some(
                    crate::words::for_language(&self.config.language)
                        .label(Label::SaveChangesFirst)
                        .to_owned(),
                );
                return;
            }
            Action::Note if self.session.is_some() => {
                let note = self.session.as_ref().and_then(|s| s.case.note());
                self.overlay = Some(Overlay::Note(Note::new(note)));
                return;
            }
            Action::Note => {
                if let Screen::Record(record) = &self.screen {
                    let note = record.latest().clinician_note.as_deref();
                    self.overlay = Some(Overlay::Note(Note::new(note)));
                }
                return;
            }
            Action::File => {
                if let Screen::Record(record) = &self.screen
                    && let Some(latest) = record.versions.last()
                {
                    let words = crate::words::for_language(&self.config.language);
                    // Asked for, not a warning.
                    let said = words.say(&Say::VersionKeptAs {
                        version: latest.summary.version,
                        path: &latest.path.display().to_string(),
                    });
                    self.confirmed = Some(said.clone());
                    self.notice = Some(said);
                }
                return;
            }
            Action::Override if matches!(self.screen, Screen::Record(_)) => {
                return self.on_record(super::screens::record::Outcome::Override);
            }
            Action::Override => {
                if let Some(session) = &self.session {
                    self.overlay = Some(Overlay::Override(OverrideForm::new(
                        session.intake.assessment().suitability,
                        session.case.verdict_override(),
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
            Screen::Welcome => match *action {
                Action::Confirm => self.new_intake(),
                Action::Language(key) => {
                    let languages = &self.config.questionnaire.languages;
                    let picked = languages.iter().find(|code| {
                        crate::words::for_language(code).label(crate::words::Label::LanguageKey)
                            == key.to_string()
                    });
                    if let Some(code) = picked.cloned() {
                        self.set_language(&code);
                    }
                }
                Action::Tap(crate::tui::action::Hit::Language(i)) => {
                    if let Some(code) = self.config.questionnaire.languages.get(i).cloned() {
                        self.set_language(&code);
                    }
                }
                _ => {}
            },
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
            // Only F10 and the PIN (above) leave them.
            Screen::Held(_) | Screen::StaffCalled(_) => {}
            Screen::Record(_) => self.update_record(action),
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
