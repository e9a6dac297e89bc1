//! Only what changes reaches the terminal: an event that changes nothing writes nothing, and the
//! keymap and the footer's hints come from one table.

use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Size};
use skin_intake::tui::Presenter;
use skin_intake::tui::action::{self, Action, AnswerKind, Focus};
use skin_intake::tui::app::App;
use skin_intake::words::en::English;

use crate::support::{config, out_dir, press};

/// A test terminal that counts every call that would write to a real one.
struct Counting {
    inner: TestBackend,
    writes: usize,
}

impl Backend for Counting {
    type Error = <TestBackend as Backend>::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<_> = content.collect();
        if !cells.is_empty() {
            self.writes += 1;
        }
        self.inner.draw(cells.into_iter())
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.writes += 1;
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.writes += 1;
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.writes += 1;
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.writes += 1;
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.writes += 1;
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

fn terminal() -> Terminal<Counting> {
    Terminal::new(Counting {
        inner: TestBackend::new(120, 40),
        writes: 0,
    })
    .unwrap()
}

#[test]
fn an_event_that_changes_nothing_writes_nothing() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    app.resize(120, 40);
    let mut terminal = terminal();
    let mut presenter = Presenter::default();
    assert!(presenter.present(&mut terminal, &mut app).unwrap());
    press(&mut app, KeyCode::Enter, now); // a new intake: the first question
    assert!(presenter.present(&mut terminal, &mut app).unwrap());
    let before = terminal.backend().writes;
    // A key that does nothing here, an Up at the top of a list, a click on nothing.
    for code in [KeyCode::F(12), KeyCode::PageDown, KeyCode::Insert] {
        press(&mut app, code, now);
        assert!(
            !presenter.present(&mut terminal, &mut app).unwrap(),
            "{code:?}"
        );
    }
    assert_eq!(
        terminal.backend().writes,
        before,
        "no-op events wrote to the terminal"
    );
    // A key that changes the screen is written.
    for c in "Ada".chars() {
        press(&mut app, KeyCode::Char(c), now);
    }
    assert!(presenter.present(&mut terminal, &mut app).unwrap());
    assert!(terminal.backend().writes > before);
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn every_hint_names_a_key_that_does_what_it_says() {
    let question = |answer| Focus::Question {
        answer,
        can_go_back: true,
        staff: true,
    };
    let cases = [
        (
            question(AnswerKind::Multi),
            "Space",
            key(KeyCode::Char(' ')),
            Action::Toggle,
        ),
        (
            question(AnswerKind::Multi),
            "Enter",
            key(KeyCode::Enter),
            Action::Confirm,
        ),
        (
            question(AnswerKind::Text),
            "Esc",
            key(KeyCode::Esc),
            Action::Back,
        ),
        (
            question(AnswerKind::Boolean),
            "y/n",
            key(KeyCode::Char('y')),
            Action::Yes,
        ),
        (
            question(AnswerKind::Single),
            "F2",
            key(KeyCode::F(2)),
            Action::Note,
        ),
        (
            question(AnswerKind::Single),
            "F3",
            key(KeyCode::F(3)),
            Action::Override,
        ),
        (
            Focus::Start {
                has_rows: true,
                finding: false,
                at_kiosk: false,
            },
            "d",
            key(KeyCode::Char('d')),
            Action::Delete,
        ),
        (
            Focus::Start {
                has_rows: true,
                finding: false,
                at_kiosk: false,
            },
            "q",
            key(KeyCode::Char('q')),
            Action::Quit,
        ),
        (
            Focus::Start {
                has_rows: true,
                finding: false,
                at_kiosk: true,
            },
            "q/Esc",
            key(KeyCode::Esc),
            Action::Quit,
        ),
        (
            Focus::Result {
                saved: true,
                at_kiosk: true,
            },
            "q/Esc",
            key(KeyCode::Char('q')),
            Action::Quit,
        ),
        (
            Focus::Result {
                saved: false,
                at_kiosk: false,
            },
            "r",
            key(KeyCode::Char('r')),
            Action::Retry,
        ),
        (
            Focus::Review { staff: true },
            "Esc",
            key(KeyCode::Esc),
            Action::Back,
        ),
    ];
    for (focus, label, pressed, wanted) in cases {
        assert!(
            action::hints(focus, &English)
                .iter()
                .any(|(k, _)| *k == label),
            "{focus:?} lists {label}"
        );
        assert_eq!(
            action::action_for(focus, pressed),
            Some(wanted),
            "{focus:?} {label}"
        );
    }
    // Ctrl-C leaves from staff screens; the hint shows where it is listed.
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        action::action_for(question(AnswerKind::Text), ctrl_c),
        Some(Action::Leave)
    );
    assert!(action::hints(question(AnswerKind::Text), &English).contains(&("Ctrl-C", "leave")));
}

#[test]
fn text_is_text_where_one_types_and_the_kiosk_ignores_ctrl_c() {
    let text = Focus::Question {
        answer: AnswerKind::Text,
        can_go_back: true,
        staff: false,
    };
    for c in ['q', 'd', 'y', '1', ' '] {
        let pressed = key(KeyCode::Char(c));
        assert_eq!(
            action::action_for(text, pressed),
            Some(Action::Edit(pressed))
        );
    }
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_ne!(action::action_for(text, ctrl_c), Some(Action::Leave));
    assert_eq!(action::action_for(Focus::Welcome, ctrl_c), None);
    assert_eq!(
        action::action_for(Focus::Welcome, key(KeyCode::F(10))),
        Some(Action::Staff)
    );
    // Hints for the kiosk never offer staff keys.
    for (k, _) in action::hints(text, &English) {
        assert!(!["F2", "F3", "Ctrl-C"].contains(&k), "{k}");
    }
}

/// The terminal's screen as text, row by row.
fn shown(terminal: &Terminal<Counting>) -> String {
    terminal.backend().inner.to_string()
}

/// Test: the live assessment panel, kept between frames while nothing it shows changes, follows
/// an answer changed on the way back: the terminal never keeps an earlier verdict.
#[test]
fn the_live_panel_follows_a_changed_answer_frame_by_frame() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    let mut terminal = terminal();
    let mut presenter = Presenter::default();
    press(&mut app, KeyCode::Enter, now); // a new intake
    for c in "Ada Lovelace".chars() {
        press(&mut app, KeyCode::Char(c), now);
    }
    press(&mut app, KeyCode::Enter, now);
    for c in "1961-03-12".chars() {
        press(&mut app, KeyCode::Char(c), now);
    }
    press(&mut app, KeyCode::Enter, now);
    presenter.present(&mut terminal, &mut app).unwrap();
    assert!(
        shown(&terminal).contains("SUITABLE"),
        "{}",
        shown(&terminal)
    );
    // Pregnant or breastfeeding: yes.
    press(&mut app, KeyCode::Char('1'), now);
    press(&mut app, KeyCode::Enter, now);
    presenter.present(&mut terminal, &mut app).unwrap();
    assert!(
        shown(&terminal).contains("DELAY TREATMENT"),
        "{}",
        shown(&terminal)
    );
    // Moving a highlight leaves the panel as it is.
    press(&mut app, KeyCode::Down, now);
    presenter.present(&mut terminal, &mut app).unwrap();
    assert!(
        shown(&terminal).contains("DELAY TREATMENT"),
        "{}",
        shown(&terminal)
    );
    // Back, and the answer changed to no.
    press(&mut app, KeyCode::Esc, now);
    press(&mut app, KeyCode::Char('2'), now);
    press(&mut app, KeyCode::Enter, now);
    presenter.present(&mut terminal, &mut app).unwrap();
    let screen = shown(&terminal);
    assert!(!screen.contains("DELAY TREATMENT"), "{screen}");
    assert!(screen.contains("SUITABLE"), "{screen}");
}
