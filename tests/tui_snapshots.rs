//! Snapshots of every screen at 80×24 and 120×40 (insta over ratatui's `TestBackend`).

#[path = "common/tui.rs"]
mod common_tui;

use std::time::{Duration, Instant};

use common_tui::*;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;
use skin_intake::questionnaire::{Level, Range};
use skin_intake::tui::app::{App, Farewell, Screen};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn draw(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    terminal.backend().to_string()
}

/// Renders into a bare buffer: any size, even zero.
fn render_only(app: &App, width: u16, height: u16) {
    use ratatui::widgets::Widget;
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    app.render(area, &mut buf);
}

fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        assert_snapshot!(format!("{name}_{w}x{h}"), draw(app, w, h));
    }
}

fn suitable() -> Value {
    let text = std::fs::read_to_string("tests/fixtures/answers/suitable.json").unwrap();
    serde_json::from_str::<Value>(&text).unwrap()["answers"].clone()
}

fn staff_at(question: &str, out: &std::path::Path) -> App {
    let now = Instant::now();
    let mut app = App::new(config(out, false), now);
    press(&mut app, KeyCode::Enter, now);
    let answers = suitable();
    // Answer everything before `question`, in order.
    while app.current_item().is_some_and(|i| i.id != question) {
        answer_current(&mut app, &answers, now);
        press(&mut app, KeyCode::Enter, now);
    }
    app
}

#[test]
fn start_screen() {
    use std::os::unix::fs::PermissionsExt;
    let out = tempfile::tempdir().unwrap();
    // A private folder, as skin-intake makes them (an open one adds a warning to this screen).
    std::fs::set_permissions(out.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let now = Instant::now();
    snap("start_empty", &App::new(config(out.path(), false), now));
    // One unfinished intake and one damaged file.
    let mut app = staff_at("pregnant_or_breastfeeding", out.path());
    press(&mut app, KeyCode::Esc, now);
    let dir = out.path().join("unfinished");
    std::fs::write(dir.join("broken.json"), b"{ not json").unwrap();
    snap(
        "start_with_drafts",
        &App::new(config(out.path(), false), now),
    );
}

#[test]
fn question_screens_with_and_without_messages() {
    let out = tempfile::tempdir().unwrap();
    let now = Instant::now();
    for (name, id, bad) in [
        ("text", "full_name", None),
        ("date", "date_of_birth", Some("2031-01-01")),
        ("single", "pregnant_or_breastfeeding", None),
        ("multi", "concerns", None),
        ("boolean", "dark_marks_history", None),
    ] {
        let mut app = staff_at(id, out.path());
        snap(&format!("question_{name}"), &app);
        if let Some(bad) = bad {
            type_str(&mut app, bad, now);
        }
        press(&mut app, KeyCode::Enter, now);
        assert_eq!(app.current_item().unwrap().id, id);
        snap(&format!("question_{name}_message"), &app);
    }
    // A multi choice with a refused combination, and one with ticks.
    let mut app = staff_at("allergies", out.path());
    for c in ['1', '2'] {
        press(&mut app, KeyCode::Char(c), now);
    }
    press(&mut app, KeyCode::Enter, now);
    snap("question_multi_exclusive_message", &app);
}

#[test]
fn kiosk_question_has_no_staff_panel() {
    let out = tempfile::tempdir().unwrap();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    press(&mut app, KeyCode::Enter, now);
    snap("kiosk_question_first", &app);
}

fn reviewed(out: &std::path::Path, answers: &Value) -> App {
    let now = Instant::now();
    let mut app = App::new(config(out, false), now);
    press(&mut app, KeyCode::Enter, now);
    answer_all(&mut app, answers, now);
    app
}

#[test]
fn review_and_result() {
    let out = tempfile::tempdir().unwrap();
    let now = Instant::now();
    let mut app = reviewed(out.path(), &suitable());
    snap("review", &app);
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Down, now);
    snap("review_selected_answer", &app);
    press(&mut app, KeyCode::Home, now);
    press(&mut app, KeyCode::Enter, now);
    let redact = |s: String| s.replace(out.path().to_str().unwrap(), "<out>");
    let path_free = |app: &App| {
        for (w, h) in SIZES {
            let text = draw(app, w, h);
            // The file name holds a random id.
            let text = regex_lite_replace(&redact(text));
            assert_snapshot!(format!("result_suitable_{w}x{h}"), text);
        }
    };
    path_free(&app);

    let mut delayed = suitable();
    delayed["recent_sun"] = Value::Bool(true);
    delayed["concerns"] = serde_json::json!(["stretch_marks"]);
    delayed["stretch_mark_colour"] = Value::String("white".into());
    delayed["stretch_mark_severity"] = Value::String("severe".into());
    let mut app = reviewed(out.path(), &delayed);
    press(&mut app, KeyCode::Enter, now);
    for (w, h) in SIZES {
        let text = regex_lite_replace(&redact(draw(&app, w, h)));
        assert_snapshot!(format!("result_delay_{w}x{h}"), text);
    }
}

/// Replaces the random summary id in a file name with `<id>`.
fn regex_lite_replace(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut line = line.to_owned();
        if let Some(at) = line.find("2025-03-10_") {
            let start = at + "2025-03-10_".len();
            let end = (start + 36).min(line.len());
            line.replace_range(start..end, "<id>                                ");
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn kiosk_screens() {
    let out = tempfile::tempdir().unwrap();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    snap("kiosk_welcome", &app);
    for level in Level::ALL {
        app.screen = Screen::ThankYou {
            farewell: Farewell {
                level,
                sessions: Some(Range { min: 3, max: 4 }),
                interval_weeks: Range { min: 4, max: 6 },
                saved: true,
            },
            since: now,
        };
        snap(&format!("kiosk_thank_you_{}", level.code()), &app);
    }
    let mut app = App::new(config(out.path(), true), now);
    press(&mut app, KeyCode::Enter, now);
    type_str(&mut app, "Ada", now);
    app.tick(now + Duration::from_mins(2));
    snap("kiosk_idle_warning", &app);
    press(&mut app, KeyCode::Char('x'), now + Duration::from_secs(121));
    press(&mut app, KeyCode::F(10), now + Duration::from_secs(121));
    type_str(&mut app, "12", now + Duration::from_secs(121));
    snap("kiosk_pin_prompt", &app);
    press(&mut app, KeyCode::Enter, now + Duration::from_secs(121));
    snap("kiosk_pin_wrong", &app);
}

#[test]
fn too_small_window() {
    let out = tempfile::tempdir().unwrap();
    let app = App::new(config(out.path(), false), Instant::now());
    assert_snapshot!("too_small_59x20", draw(&app, 59, 20));
    assert_snapshot!("too_small_40x10", draw(&app, 40, 10));
    // Tiny sizes draw without a panic.
    for (w, h) in [(1, 1), (0, 0), (10, 2), (60, 19)] {
        render_only(&app, w, h);
    }
}

#[test]
fn every_screen_survives_every_size() {
    let out = tempfile::tempdir().unwrap();
    let mut app = reviewed(out.path(), &suitable());
    let now = Instant::now();
    press(&mut app, KeyCode::Enter, now);
    for w in (0..140).step_by(7) {
        for h in (0..50).step_by(5) {
            render_only(&app, w, h);
        }
    }
}
