//! A patient who picks Spanish at the kiosk, and staff who read that patient's record in their
//! own language (snapshots at 80×24 and 120×40).

use std::time::Instant;

use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;
use skin_intake::tui::app::App;
use skin_intake::tui::screens::Screen;

use crate::support::{answer_all, config, draw, out_dir, press, suitable, tap_on};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        app.resize(w, h);
        assert_snapshot!(format!("{name}_{w}x{h}"), draw(app, w, h));
    }
    app.resize(80, 24);
}

/// A kiosk intake in Spanish, submitted: the app is on the thank-you screen.
fn spanish_at_kiosk(out: &std::path::Path, now: Instant) -> App {
    let mut app = App::new(config(out, true), now);
    press(&mut app, KeyCode::Char('s'), now);
    assert_eq!(app.config.language, "es");
    press(&mut app, KeyCode::Enter, now);
    answer_all(&mut app, &suitable(), now);
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::ThankYou { .. }));
    app
}

#[test]
fn the_patient_picks_spanish_at_the_kiosk_by_key_or_tap() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    let english = draw(&app, 80, 24);
    assert!(
        english.contains("▸ e English") && english.contains("s Español"),
        "{english}"
    );
    // A tap on Español, then e for English, then s again.
    tap_on(&mut app, "Español", now);
    assert_eq!(app.config.language, "es");
    assert!(draw(&app, 80, 24).contains("Bienvenido/a"));
    press(&mut app, KeyCode::Char('e'), now);
    assert_eq!(app.config.language, "en");
    press(&mut app, KeyCode::Char('s'), now);
    snap("es_kiosk_welcome", &mut app);
    press(&mut app, KeyCode::Enter, now);
    snap("es_question", &mut app);
    // Yes/no questions take s (sí) as well as y.
    answer_all(&mut app, &suitable(), now);
    assert!(matches!(app.screen, Screen::Review(_)));
    snap("es_review", &mut app);
    press(&mut app, KeyCode::Enter, now);
    snap("es_thank_you", &mut app);
    // The summary records the language; its answers are codes.
    let file = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap();
    let summary: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(summary["language"], "es");
    let concerns = summary["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "concerns")
        .unwrap();
    assert_eq!(concerns["value"], suitable()["concerns"]);
    assert_eq!(concerns["display"], "Líneas finas, Cicatrices de acné");
    // The next patient starts in the kiosk's language.
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Welcome));
    assert_eq!(app.config.language, "en");
    assert!(draw(&app, 80, 24).contains("Welcome"));
}

/// The staff list with the only finished intake opened.
fn record(out: &std::path::Path, language: &str, now: Instant) -> App {
    let mut staff = config(out, false);
    staff.language = language.into();
    let mut app = App::new(staff, now);
    for _ in 0..10 {
        if draw(&app, 120, 40)
            .lines()
            .any(|l| l.contains('▶') && l.contains("Maria Garcia"))
        {
            press(&mut app, KeyCode::Enter, now);
            assert!(matches!(app.screen, Screen::Record(_)));
            return app;
        }
        press(&mut app, KeyCode::Down, now);
    }
    panic!("no row of Maria Garcia:\n{}", draw(&app, 120, 40));
}

#[test]
fn staff_read_a_spanish_patients_record_in_their_own_language() {
    let out = out_dir();
    let now = Instant::now();
    spanish_at_kiosk(out.path(), now);
    let mut english = record(out.path(), "en", now);
    let text = draw(&english, 120, 40);
    assert!(text.contains("Record of Maria Garcia"), "{text}");
    assert!(!text.contains("Registro de"), "{text}");
    // The answers are codes: staff read them, the questions and the notes in English.
    assert!(
        text.contains("What would you like to improve?: Fine lines, Acne scars"),
        "{text}"
    );
    assert!(text.contains("A numbing cream is applied first"), "{text}");
    snap("es_patient_record_in_english", &mut english);
    let mut spanish = record(out.path(), "es", now);
    let text = draw(&spanish, 120, 40);
    assert!(text.contains("Registro de Maria Garcia"), "{text}");
    snap("es_record", &mut spanish);
}

#[test]
fn staff_at_the_kiosk_read_in_the_kiosks_language() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    press(&mut app, KeyCode::Char('s'), now);
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::F(10), now);
    crate::support::type_str(&mut app, "2468", now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(app.config.language, "en");
    let text = draw(&app, 80, 24);
    assert!(text.contains("What would you like to do?"), "{text}");
}
