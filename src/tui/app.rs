//! The application state and what every key, click and tick does to it. No terminal here: tests
//! drive [`App::handle_key`], [`App::handle_mouse`], [`App::handle_paste`] and [`App::tick`]
//! directly, passing the clock in.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate, SubsecRound};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use tui_input::Input;

use super::editor::{Edited, Editor};
use super::theme::Theme;
use crate::engine::assessment::Assessment;
use crate::engine::summary::{Metadata, Mode, Summary};
use crate::engine::{checks, visibility};
use crate::model::answer::Answers;
use crate::model::questionnaire::{Item, Level, Questionnaire, Range};
use crate::store::{self, Draft, Listed};

/// Everything the app needs from outside: the questionnaire, the folder, the options and the clock.
#[derive(Debug, Clone)]
pub struct Config {
    pub questionnaire: Questionnaire,
    pub out: PathBuf,
    pub kiosk: bool,
    pub today: NaiveDate,
    pub language: String,
    pub done_timeout: Duration,
    pub idle_timeout: Duration,
    pub staff_pin: Option<String>,
    pub theme: Theme,
    /// The wall clock, for timestamps in drafts and summaries.
    pub clock: fn() -> DateTime<FixedOffset>,
}

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

/// One patient's answers while they are being given.
#[derive(Debug, Clone)]
pub struct Intake {
    pub draft: Draft,
    pub answers: Answers,
    /// Answers typed but not confirmed, kept when the person goes back.
    pub typed: BTreeMap<String, Editor>,
    /// Came from the review: newly shown follow-ups are asked, then the review again.
    pub from_review: bool,
    pub follow_ups: VecDeque<String>,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub item: String,
    pub editor: Editor,
    pub error: Option<String>,
}

/// A row of the staff start screen after `New intake`.
#[derive(Debug, Clone)]
pub enum StartEntry {
    Draft {
        draft: Box<Draft>,
        name: Option<String>,
        answered: usize,
        shown: usize,
    },
    Damaged {
        path: PathBuf,
        reason: String,
    },
}

#[derive(Debug, Clone)]
pub enum Export {
    Saved(PathBuf),
    Failed { dir: PathBuf, cause: String },
}

/// What the kiosk may tell the patient at the end: nothing that identifies them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Farewell {
    pub level: Level,
    pub sessions: Option<Range>,
    pub interval_weeks: Range,
    pub saved: bool,
}

#[derive(Debug, Clone)]
pub enum Screen {
    Start {
        selected: usize,
        entries: Vec<StartEntry>,
        /// The selected row waits for a second `d` to be deleted.
        deleting: bool,
    },
    Welcome,
    Question(Question),
    /// Row 0 is Submit; row k is the k-th shown answer.
    Review {
        selected: usize,
    },
    Result {
        summary: Box<Summary>,
        export: Export,
        scroll: u16,
    },
    ThankYou {
        farewell: Farewell,
        since: Instant,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverrideField {
    Level,
    Reason,
    By,
}

#[derive(Debug, Clone)]
pub struct OverrideForm {
    pub level: Level,
    pub reason: Input,
    pub by: Input,
    pub field: OverrideField,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Overlay {
    /// Kiosk: "Are you still there?" until this instant.
    Idle { until: Instant },
    /// Kiosk: the staff PIN being typed (never shown).
    Pin {
        typed: String,
        message: Option<String>,
    },
    /// Staff: the clinician note being written.
    Note(Input),
    /// Staff: an override of the verdict.
    Override(OverrideForm),
}

/// What a click landed on, as the last drawing laid it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Option(usize),
    Row(usize),
    Back,
    Next,
}

pub const PIN_TRIES: u8 = 3;
pub const PIN_LOCK: Duration = Duration::from_mins(1);
const NOTE_MAX: usize = 2000;
const OVERRIDE_REASON_MAX: usize = 500;
const INITIALS_MAX: usize = 10;

pub struct App {
    pub config: Config,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub intake: Option<Intake>,
    pub running: Running,
    /// A message for staff at the top of the screen (a dropped answer, a confirmation to give).
    pub notice: Option<String>,
    /// Why the last save of the draft failed; cleared by the next save that succeeds.
    pub draft_problem: Option<String>,
    pub last_activity: Instant,
    /// The latest instant the app was told about (drawings count down from it).
    pub instant: Instant,
    pub pin_failures: u8,
    /// Ctrl-C was pressed once while the intake could not be saved; a second one leaves.
    pub leave_unsaved_armed: bool,
    /// Set when the app ends by a key: what became of the intake under way.
    pub left: Option<Kept>,
    pub pin_locked_until: Option<Instant>,
    /// Filled by each drawing, read by clicks.
    pub hits: RefCell<Vec<(Rect, Hit)>>,
    /// How far the result can scroll, as the last drawing laid it out.
    pub result_scroll_max: Cell<u16>,
}

mod overlays;
mod pointer;
mod timers;

fn ctrl(key: &KeyEvent, c: char) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char(c)
}

impl App {
    #[must_use]
    pub fn new(config: Config, now: Instant) -> Self {
        let mut app = App {
            screen: Screen::Welcome,
            overlay: None,
            intake: None,
            running: Running::Yes,
            notice: None,
            draft_problem: None,
            last_activity: now,
            instant: now,
            pin_failures: 0,
            leave_unsaved_armed: false,
            left: None,
            pin_locked_until: None,
            hits: RefCell::new(Vec::new()),
            result_scroll_max: Cell::new(u16::MAX),
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

    fn q(&self) -> &Questionnaire {
        &self.config.questionnaire
    }

    fn today(&self) -> NaiveDate {
        self.config.today
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

    /// The first screen: the kiosk welcome, or the staff list of intakes.
    pub fn home(&mut self) {
        self.intake = None;
        self.overlay = None;
        if self.config.kiosk {
            // The next patient sees nothing of the last one, not even a message about them.
            self.notice = None;
            self.draft_problem = None;
            self.screen = Screen::Welcome;
        } else {
            let entries = self.list_entries();
            self.screen = Screen::Start {
                selected: 0,
                entries,
                deleting: false,
            };
        }
    }

    fn list_entries(&mut self) -> Vec<StartEntry> {
        match store::list_drafts(&self.config.out) {
            Ok(listed) => listed
                .into_iter()
                .map(|entry| match entry {
                    Listed::Draft(draft) => {
                        let given = draft.resume(self.q()).answers;
                        StartEntry::Draft {
                            name: visibility::patient_name(self.q(), &given).map(str::to_owned),
                            answered: visibility::answered_items(self.q(), &given, self.today())
                                .len(),
                            shown: visibility::shown_items(self.q(), &given, self.today()).len(),
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

    /// Makes `draft` the intake under way; it carries the clinician note and override too.
    fn begin(&mut self, draft: Draft, answers: Answers) {
        self.intake = Some(Intake {
            draft,
            answers,
            typed: BTreeMap::new(),
            from_review: false,
            follow_ups: VecDeque::new(),
        });
    }

    /// Starts a new intake at the first question.
    pub fn new_intake(&mut self) {
        let draft = Draft::new(self.q(), &self.config.language, self.mode(), self.now());
        self.begin(draft, Answers::new());
        self.notice = None;
        self.go_to_next_unanswered();
    }

    /// Resumes a saved intake at its first unanswered shown question.
    pub fn resume(&mut self, mut draft: Draft) {
        let resumed = draft.resume(self.q());
        // From now on the draft holds answers to this questionnaire.
        draft.questionnaire_id.clone_from(&self.q().id);
        draft.questionnaire_version.clone_from(&self.q().version);
        self.notice = (!resumed.dropped.is_empty()).then(|| {
            format!(
                "Some saved answers no longer fit this questionnaire and were left out: {}.",
                resumed.dropped.join(", ")
            )
        });
        self.begin(draft, resumed.answers);
        self.go_to_next_unanswered();
    }

    fn go_to_next_unanswered(&mut self) {
        let next = self.intake.as_ref().and_then(|intake| {
            visibility::first_unanswered(self.q(), &intake.answers, self.today())
                .map(|i| i.id.clone())
        });
        match next {
            Some(id) => self.open(&id, None),
            None => self.open_review(),
        }
    }

    /// Shows a question, pre-filled with what was typed or answered before.
    pub fn open(&mut self, id: &str, error: Option<String>) {
        let Some(item) = self.q().item(id).cloned() else {
            return self.open_review();
        };
        let Some(intake) = &mut self.intake else {
            return;
        };
        let editor = intake
            .typed
            .remove(id)
            .unwrap_or_else(|| Editor::new(&item, intake.answers.get(id)));
        self.screen = Screen::Question(Question {
            item: id.to_owned(),
            editor,
            error,
        });
    }

    pub fn open_review(&mut self) {
        self.screen = Screen::Review { selected: 0 };
    }

    /// The item on screen, if a question is shown.
    #[must_use]
    pub fn current_item(&self) -> Option<&Item> {
        match &self.screen {
            Screen::Question(q) => self.q().item(&q.item),
            _ => None,
        }
    }

    /// The shown questions that have an answer, in order (the review's rows after Submit).
    #[must_use]
    pub fn review_rows(&self) -> Vec<&Item> {
        let Some(intake) = &self.intake else {
            return Vec::new();
        };
        visibility::answered_items(self.q(), &intake.answers, self.today())
    }

    /// The assessment of the answers so far (the staff side panel).
    #[must_use]
    pub fn live_assessment(&self) -> Option<Assessment> {
        let intake = self.intake.as_ref()?;
        Some(crate::engine::assessment::assess(
            self.q(),
            &intake.answers,
            self.today(),
            &self.config.language,
        ))
    }

    /// The question on screen, if one is.
    pub(super) fn current_question(&self) -> Option<&str> {
        match &self.screen {
            Screen::Question(q) => Some(&q.item),
            _ => None,
        }
    }

    /// Saves the intake under way as its draft, with the question on screen. A failure is also
    /// shown to staff, until a save succeeds.
    fn save_draft(&mut self) -> Result<PathBuf, String> {
        let now = self.now();
        let current = self.current_question().map(str::to_owned);
        let Some(intake) = &mut self.intake else {
            return Err("no intake is under way".into());
        };
        intake
            .draft
            .record(&intake.answers, current.as_deref(), now);
        let saved = store::save_draft(&self.config.out, &intake.draft)
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
        let empty = self.intake.as_ref().is_none_or(|i| {
            i.answers.is_empty()
                && i.draft.clinician_note.is_none()
                && i.draft.verdict_override.is_none()
        });
        if empty {
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

    // ----- keys -----

    /// Handles one key press. `now` drives the idle timer and the PIN lock.
    pub fn handle_key(&mut self, key: KeyEvent, now: Instant) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        if self.noticed_someone(now) {
            return;
        }
        if self.config.kiosk {
            if ctrl(&key, 'c') || ctrl(&key, 'z') {
                return;
            }
            if key.code == KeyCode::F(10) && !matches!(self.overlay, Some(Overlay::Pin { .. })) {
                self.overlay = Some(Overlay::Pin {
                    typed: String::new(),
                    message: None,
                });
                return;
            }
        } else if ctrl(&key, 'c') {
            self.quit_staff();
            return;
        }
        if self.overlay.is_some() {
            self.overlay_key(key, now);
            return;
        }
        if !self.config.kiosk && self.intake.is_some() {
            match key.code {
                KeyCode::F(2)
                    if matches!(self.screen, Screen::Question(_) | Screen::Review { .. }) =>
                {
                    let note = self
                        .intake
                        .as_ref()
                        .and_then(|i| i.draft.clinician_note.clone());
                    self.overlay = Some(Overlay::Note(Input::new(note.unwrap_or_default())));
                    return;
                }
                KeyCode::F(3)
                    if matches!(self.screen, Screen::Question(_) | Screen::Review { .. }) =>
                {
                    self.open_override_form();
                    return;
                }
                _ => {}
            }
        }
        match &self.screen {
            Screen::Start { .. } => self.start_key(key),
            Screen::Welcome => {
                if key.code == KeyCode::Enter {
                    self.new_intake();
                }
            }
            Screen::Question(_) => self.question_key(key),
            Screen::Review { .. } => self.review_key(key),
            Screen::Result { .. } => self.result_key(key),
            Screen::ThankYou { .. } => {
                if key.code == KeyCode::Enter {
                    self.home();
                }
            }
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

    pub(super) fn leave(&mut self, kept: Kept) {
        self.left = Some(kept);
        self.running = Running::Done;
    }

    /// Ends the app at once (SIGTERM, SIGHUP), saving the intake under way if it can.
    pub fn stop(&mut self) -> Kept {
        let kept = self.keep_for_leaving();
        self.running = Running::Done;
        kept
    }

    fn start_key(&mut self, key: KeyEvent) {
        let Screen::Start {
            selected,
            entries,
            deleting,
        } = &mut self.screen
        else {
            return;
        };
        let rows = entries.len() + 1;
        let delete_key = matches!(key.code, KeyCode::Char('d') | KeyCode::Delete);
        if std::mem::take(deleting) {
            self.notice = None;
            if delete_key {
                let row = *selected;
                return self.delete_start_row(row);
            }
        }
        match key.code {
            KeyCode::Up => *selected = selected.saturating_sub(1),
            KeyCode::Down => *selected = (*selected + 1).min(rows - 1),
            KeyCode::Home => *selected = 0,
            KeyCode::End => *selected = rows - 1,
            KeyCode::Char('q') => self.running = Running::Done,
            KeyCode::Enter => {
                let row = *selected;
                self.open_start_row(row);
            }
            _ if delete_key && *selected > 0 => {
                let what = match entries.get(*selected - 1) {
                    Some(StartEntry::Draft { name, .. }) => format!(
                        "the unfinished intake of {}",
                        name.as_deref().unwrap_or("a patient with no name yet")
                    ),
                    _ => "this damaged file".to_owned(),
                };
                *deleting = true;
                self.notice = Some(format!(
                    "Delete {what}? Its answers will be gone for good. Press d again to delete, \
                     any other key to keep it."
                ));
            }
            _ => {}
        }
    }

    /// Deletes the draft or damaged file of a start-screen row (after staff confirmed it).
    fn delete_start_row(&mut self, row: usize) {
        let Screen::Start { entries, .. } = &self.screen else {
            return;
        };
        let path = match entries.get(row.wrapping_sub(1)) {
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

    fn open_start_row(&mut self, row: usize) {
        let Screen::Start { entries, .. } = &self.screen else {
            return;
        };
        if row == 0 {
            return self.new_intake();
        }
        match entries.get(row - 1) {
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
        }
    }

    fn question_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Enter => self.confirm(),
            KeyCode::Esc => self.back(),
            _ => {
                let Screen::Question(q) = &mut self.screen else {
                    return;
                };
                let Some(item) = self.config.questionnaire.item(&q.item) else {
                    return;
                };
                if q.editor.key(item, key) == Edited::Changed {
                    q.error = None;
                }
            }
        }
    }

    /// Enter on a question: check the answer with the engine, keep it, save the draft, move on.
    pub fn confirm(&mut self) {
        let Screen::Question(q) = &mut self.screen else {
            return;
        };
        let Some(item) = self.config.questionnaire.item(&q.item) else {
            return;
        };
        let today = self.config.today;
        let answer = match q.editor.answer(item) {
            Ok(answer) => answer,
            Err(message) => {
                q.error = Some(message);
                return;
            }
        };
        if let Err(message) = checks::check_answer(item, answer.as_ref(), today) {
            q.error = Some(message);
            return;
        }
        let id = item.id.clone();
        let Some(intake) = &mut self.intake else {
            return;
        };
        let shown_before: Vec<String> =
            visibility::shown_items(&self.config.questionnaire, &intake.answers, today)
                .into_iter()
                .map(|i| i.id.clone())
                .collect();
        match answer {
            Some(answer) => intake.answers.set(&id, answer),
            None => {
                intake.answers.remove(&id);
            }
        }
        intake.typed.remove(&id);
        let shown_after =
            visibility::shown_items(&self.config.questionnaire, &intake.answers, today);
        let next = if intake.from_review {
            intake.follow_ups.extend(
                shown_after
                    .iter()
                    .filter(|i| !shown_before.contains(&i.id))
                    .map(|i| i.id.clone()),
            );
            let shown_ids: Vec<&str> = shown_after.iter().map(|i| i.id.as_str()).collect();
            intake
                .follow_ups
                .retain(|f| shown_ids.contains(&f.as_str()));
            intake.follow_ups.pop_front()
        } else {
            visibility::next_shown(&self.config.questionnaire, &intake.answers, today, &id)
                .map(|i| i.id.clone())
        };
        if let Some(next) = next {
            self.open(&next, None);
        } else {
            if let Some(intake) = &mut self.intake {
                intake.from_review = false;
            }
            self.open_review();
        }
        // Saved with the next screen's question, before that screen is drawn.
        self.save_draft().ok();
    }

    /// Esc on a question: keep what was typed and go back one question.
    pub fn back(&mut self) {
        let Screen::Question(q) = &self.screen else {
            return;
        };
        let id = q.item.clone();
        let editor = q.editor.clone();
        let today = self.config.today;
        let Some(intake) = &mut self.intake else {
            return;
        };
        if intake.from_review {
            intake.typed.insert(id, editor);
            intake.from_review = false;
            intake.follow_ups.clear();
            return self.open_review();
        }
        let previous =
            visibility::previous_shown(&self.config.questionnaire, &intake.answers, today, &id)
                .map(|i| i.id.clone());
        match previous {
            Some(previous) => {
                intake.typed.insert(id, editor);
                self.open(&previous, None);
            }
            None if !self.config.kiosk => {
                // Back to the list; confirmed answers are in the draft already.
                self.home();
            }
            None => {}
        }
    }

    fn review_key(&mut self, key: KeyEvent) {
        let rows = self.review_rows().len() + 1;
        let Screen::Review { selected } = &mut self.screen else {
            return;
        };
        match key.code {
            KeyCode::Up => *selected = selected.saturating_sub(1),
            KeyCode::Down => *selected = (*selected + 1).min(rows - 1),
            KeyCode::PageUp => *selected = selected.saturating_sub(10),
            KeyCode::PageDown => *selected = (*selected + 10).min(rows - 1),
            KeyCode::Home => *selected = 0,
            KeyCode::End => *selected = rows - 1,
            KeyCode::Enter => {
                let row = *selected;
                self.activate_review_row(row);
            }
            KeyCode::Esc => {
                let last = self.review_rows().last().map(|i| i.id.clone());
                if let Some(last) = last {
                    self.open(&last, None);
                }
            }
            _ => {}
        }
    }

    fn activate_review_row(&mut self, row: usize) {
        if row == 0 {
            return self.submit();
        }
        let Some(id) = self.review_rows().get(row - 1).map(|i| i.id.clone()) else {
            return;
        };
        if let Some(intake) = &mut self.intake {
            intake.from_review = true;
            intake.follow_ups.clear();
        }
        self.open(&id, None);
    }

    /// Submit on the review: every shown question must be answered well, then the summary is built
    /// and exported.
    pub fn submit(&mut self) {
        let Some(intake) = &self.intake else {
            return;
        };
        let problems = checks::problems(self.q(), &intake.answers, self.today());
        if let Some(first) = problems.first() {
            let id = first.question.clone().unwrap_or_default();
            let message = first.message.clone();
            if let Some(intake) = &mut self.intake {
                intake.from_review = true;
            }
            return self.open(&id, Some(message));
        }
        let meta = Metadata {
            id: uuid::Uuid::new_v4().to_string(),
            language: self.config.language.clone(),
            mode: self.mode(),
            completed_at: self.now(),
            reference_date: self.today(),
        };
        let mut summary = Summary::new(self.q(), &intake.answers, meta);
        summary
            .clinician_note
            .clone_from(&intake.draft.clinician_note);
        summary
            .verdict_override
            .clone_from(&intake.draft.verdict_override);
        self.export(summary);
    }

    fn export(&mut self, summary: Summary) {
        let now = self.last_activity;
        let written = store::write_summary(&self.config.out, &summary);
        // The draft goes only once the summary is safely written.
        if written.is_ok()
            && let Some(intake) = &self.intake
            && let Err(e) = store::remove_draft(&self.config.out, &intake.draft)
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
            self.intake = None;
            self.screen = Screen::ThankYou {
                farewell,
                since: now,
            };
            return;
        }
        let export = match written {
            Ok(path) => {
                self.intake = None;
                Export::Saved(path)
            }
            Err(e) => Export::Failed {
                dir: self.config.out.clone(),
                cause: e.to_string(),
            },
        };
        self.screen = Screen::Result {
            summary: Box::new(summary),
            export,
            scroll: 0,
        };
    }

    fn result_key(&mut self, key: KeyEvent) {
        let Screen::Result {
            summary,
            export,
            scroll,
        } = &mut self.screen
        else {
            return;
        };
        match (key.code, &export) {
            (KeyCode::Up, _) => *scroll = scroll.saturating_sub(1),
            (KeyCode::Down, _) => {
                *scroll = scroll.saturating_add(1).min(self.result_scroll_max.get());
            }
            (KeyCode::PageUp, _) => *scroll = scroll.saturating_sub(10),
            (KeyCode::PageDown, _) => {
                *scroll = scroll.saturating_add(10).min(self.result_scroll_max.get());
            }
            (KeyCode::Home, _) => *scroll = 0,
            (KeyCode::Char('r'), Export::Failed { .. }) => {
                let summary = (**summary).clone();
                self.export(summary);
            }
            (KeyCode::Enter | KeyCode::Char('n'), Export::Saved(_)) => self.home(),
            (KeyCode::Char('q'), Export::Saved(_)) => self.running = Running::Done,
            _ => {}
        }
    }
}
