//! Shared helpers for the UI tests: a fixed clock, a config, typing answers as keys, and a screen
//! drawn as text.
#![allow(dead_code)]

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use serde_json::Value;
use skin_intake::model::questionnaire::ItemKind;
use skin_intake::tui::app::App;
use skin_intake::tui::config::Config;
use skin_intake::tui::screens::Screen;
use skin_intake::tui::theme;

pub const TODAY: &str = "2025-03-10";

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 10).unwrap()
}

pub fn fixed_clock() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-03-10T14:05:00+01:00").unwrap()
}

pub fn config(out: &Path, kiosk: bool) -> Config {
    Config {
        questionnaire: skin_intake::load::questionnaire::built_in().into(),
        out: out.to_path_buf(),
        kiosk,
        today: today(),
        language: "en".into(),
        done_timeout: Duration::from_secs(30),
        idle_timeout: Duration::from_mins(2),
        staff_pin: kiosk.then(|| "2468".to_owned()),
        theme: theme::NORMAL,
        clock: fixed_clock,
        delivery: None,
        // No test prints on a real printer: CUPS refuses a queue that does not exist.
        printing: skin_intake::clinic::Printing {
            printer: Some(NO_PRINTER.into()),
            paper: skin_intake::clinic::Paper::A4,
        },
    }
}

/// A printer no CUPS has.
pub const NO_PRINTER: &str = "skin-intake-test-no-such-printer";

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn press(app: &mut App, code: KeyCode, now: Instant) {
    app.handle_key(key(code), now);
}

pub fn ctrl_c(app: &mut App, now: Instant) {
    app.handle_key(
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        now,
    );
}

pub fn type_str(app: &mut App, s: &str, now: Instant) {
    for c in s.chars() {
        press(app, KeyCode::Char(c), now);
    }
}

fn digit(index: usize) -> char {
    if index == 9 {
        '0'
    } else {
        char::from(b'1' + u8::try_from(index).unwrap())
    }
}

/// Types the keys that give `value` to the question on screen (nothing for a missing value).
pub fn answer_current(app: &mut App, answers: &Value, now: Instant) {
    let item = app.current_item().expect("a question is on screen").clone();
    let value = answers.get(&item.id);
    match (item.kind, value) {
        (_, None) => {}
        (ItemKind::Text | ItemKind::Date, Some(Value::String(s))) => {
            // Clear whatever is pre-filled first.
            press(app, KeyCode::End, now);
            for _ in 0..200 {
                press(app, KeyCode::Backspace, now);
            }
            type_str(app, s, now);
        }
        (ItemKind::Boolean, Some(Value::Bool(b))) => {
            press(app, KeyCode::Char(if *b { 'y' } else { 'n' }), now);
        }
        (ItemKind::Single, Some(Value::String(code))) => {
            let i = item.options.iter().position(|o| &o.code == code).unwrap();
            press(app, KeyCode::Char(digit(i)), now);
        }
        (ItemKind::Multi, Some(Value::Array(codes))) => {
            for (i, o) in item.options.iter().enumerate() {
                let want = codes.iter().any(|c| c.as_str() == Some(o.code.as_str()));
                let ticked = matches!(
                    &app.screen,
                    Screen::Question(q) if matches!(&q.editor,
                        skin_intake::tui::editor::Editor::Multi { ticked, .. } if ticked[i])
                );
                if want != ticked {
                    press(app, KeyCode::Char(digit(i)), now);
                }
            }
        }
        (kind, value) => panic!("cannot type {value:?} into a {kind:?} question"),
    }
}

/// Answers every question shown until the review appears.
pub fn answer_all(app: &mut App, answers: &Value, now: Instant) {
    for _ in 0..200 {
        if !matches!(app.screen, Screen::Question(_)) {
            return;
        }
        let before = app.current_item().map(|i| i.id.clone());
        answer_current(app, answers, now);
        press(app, KeyCode::Enter, now);
        if let Screen::Question(q) = &app.screen {
            assert!(
                q.error.is_none() || Some(&q.item) != before.as_ref(),
                "question {before:?} refused: {:?}",
                q.error
            );
        }
    }
    panic!("the questions never ended");
}

/// A temporary output folder, private as skin-intake makes them (an open one adds a warning to
/// the staff start screen).
pub fn out_dir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    dir
}

#[path = "disk.rs"]
mod disk;
pub use disk::TinyDisk;

/// The app drawn at `width`×`height`, as the rows of text a terminal would show.
pub fn draw(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    terminal.backend().to_string()
}

/// The answers of the suitable patient's fixture.
pub fn suitable() -> Value {
    let text = std::fs::read_to_string("tests/fixtures/answers/suitable.json").unwrap();
    serde_json::from_str::<Value>(&text).unwrap()["answers"].clone()
}

/// A tap on the first place the screen (80×24) shows `text`.
pub fn tap_on(app: &mut App, text: &str, now: Instant) {
    let screen = draw(app, 80, 24);
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(text))
        .unwrap_or_else(|| panic!("no {text} on\n{screen}"));
    // The backend's lines are quoted: one character before the first column.
    let column = line[..line.find(text).unwrap()].chars().count() - 1;
    app.handle_mouse(
        MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: u16::try_from(column).unwrap(),
            row: u16::try_from(row).unwrap(),
            modifiers: KeyModifiers::NONE,
        },
        now,
    );
}
