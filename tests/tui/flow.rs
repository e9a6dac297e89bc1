//! Key-driven intakes through the app, compared with `skin-intake score` for the same answers.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::*;
use assert_cmd::Command;
use ratatui::crossterm::event::KeyCode;
use serde_json::{Value, json};
use skin_intake::store;
use skin_intake::tui::app::{App, Running};
use skin_intake::tui::screens::result::Export;
use skin_intake::tui::screens::result::ResultScreen;
use skin_intake::tui::screens::{Overlay, Screen};

fn delayed() -> Value {
    let mut a = suitable();
    a["full_name"] = json!("Peter Jones");
    a["concerns"] = json!(["texture", "stretch_marks"]);
    a["areas"] = json!(["abdomen"]);
    a["stretch_mark_colour"] = json!("white");
    a["stretch_mark_severity"] = json!("moderate");
    a["recent_sun"] = json!(true);
    a["notes"] = json!("Back in two weeks.");
    a
}

fn not_suitable() -> Value {
    let mut a = suitable();
    a["full_name"] = json!("Sam Young");
    a["date_of_birth"] = json!("2010-01-15");
    a["bleeding_disorder"] = json!(true);
    a["concerns"] = json!(["glow"]);
    a["serum_interest"] = json!(false);
    a
}

fn score(answers: &Value, dir: &Path) -> Value {
    let file = dir.join("answers.json");
    std::fs::write(&file, json!({ "answers": answers }).to_string()).unwrap();
    let out = Command::cargo_bin("skin-intake")
        .unwrap()
        .args(["score", "--today", TODAY])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn without_volatile(mut v: Value) -> Value {
    let o = v.as_object_mut().unwrap();
    for k in ["id", "intake_id", "completed_at", "mode"] {
        o.remove(k);
    }
    v
}

fn exported(app: &App) -> PathBuf {
    match &app.screen {
        Screen::Result(ResultScreen {
            export: Export::Saved(path),
            ..
        }) => path.clone(),
        Screen::Result(ResultScreen {
            export: Export::Failed { cause, .. },
            ..
        }) => panic!("export failed: {cause}"),
        _ => panic!("not on the result screen"),
    }
}

/// A staff member goes through the intakes of several patients one after the other.
#[test]
fn staff_intakes_export_what_score_computes() {
    let out = out_dir();
    let scratch = tempfile::tempdir().unwrap();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    for (patient, expected_level) in [
        (suitable(), "suitable"),
        (delayed(), "delay"),
        (not_suitable(), "not_suitable"),
    ] {
        assert!(matches!(app.screen, Screen::Start { .. }));
        press(&mut app, KeyCode::Enter, now); // New intake
        answer_all(&mut app, &patient, now);
        assert!(matches!(app.screen, Screen::Review(ref r) if r.selected == 0));
        press(&mut app, KeyCode::Enter, now); // Submit
        let path = exported(&app);
        let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(file["mode"], "staff");
        assert_eq!(file["assessment"]["suitability"], expected_level);
        assert_eq!(
            without_volatile(file),
            without_volatile(score(&patient, scratch.path()))
        );
        // The finished intake's draft is gone.
        assert!(store::list_drafts(out.path()).unwrap().is_empty());
        press(&mut app, KeyCode::Enter, now); // next patient
    }
    let delayed: Value = std::fs::read_dir(out.path())
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
        .map(|t| serde_json::from_str::<Value>(&t).unwrap())
        .find(|v| v["patient"]["name"] == "Peter Jones")
        .unwrap();
    assert!(
        !delayed["assessment"]["schedule"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(delayed["assessment"]["reassess_on"], "2025-03-24");
    press(&mut app, KeyCode::Char('q'), now);
    assert_eq!(app.running, Running::Done);
}

#[test]
fn kiosk_intake_thanks_and_returns_to_welcome() {
    let out = out_dir();
    let scratch = tempfile::tempdir().unwrap();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    assert!(matches!(app.screen, Screen::Welcome));
    press(&mut app, KeyCode::Enter, now);
    answer_all(&mut app, &suitable(), now);
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::ThankYou { .. }));
    assert!(
        app.session.is_none(),
        "nothing of the patient stays in memory"
    );
    let files: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(files.len(), 1);
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    assert_eq!(file["mode"], "kiosk");
    assert_eq!(
        without_volatile(file),
        without_volatile(score(&suitable(), scratch.path()))
    );
    app.tick(now + Duration::from_secs(29));
    assert!(matches!(app.screen, Screen::ThankYou { .. }));
    app.tick(now + Duration::from_secs(30));
    assert!(matches!(app.screen, Screen::Welcome));
}

#[test]
fn kiosk_ignores_quit_keys_and_idle_reset_keeps_a_draft_for_staff() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    for code in [KeyCode::Esc, KeyCode::Char('q')] {
        press(&mut app, code, now);
    }
    ctrl_c(&mut app, now);
    assert!(matches!(app.screen, Screen::Welcome));
    assert_eq!(app.running, Running::Yes);
    press(&mut app, KeyCode::Enter, now);
    type_str(&mut app, "Ada Lovelace", now);
    press(&mut app, KeyCode::Enter, now);
    type_str(&mut app, "1980-05", now);
    // 120 s without a key: the warning counts down 30 s.
    app.tick(now + Duration::from_secs(119));
    assert!(app.overlay.is_none());
    app.tick(now + Duration::from_mins(2));
    assert!(matches!(app.overlay, Some(Overlay::Idle { .. })));
    // Any key dismisses it.
    press(&mut app, KeyCode::Char('x'), now + Duration::from_secs(125));
    assert!(app.overlay.is_none());
    assert!(matches!(app.screen, Screen::Question(_)));
    app.tick(now + Duration::from_secs(245));
    app.tick(now + Duration::from_secs(275));
    assert!(matches!(app.screen, Screen::Welcome));
    assert!(app.session.is_none());
    let drafts = store::list_drafts(out.path()).unwrap();
    assert_eq!(drafts.len(), 1);
    // A staff member sees it.
    let mut staff = App::new(config(out.path(), false), now);
    press(&mut staff, KeyCode::Down, now);
    press(&mut staff, KeyCode::Enter, now);
    assert_eq!(staff.current_item().unwrap().id, "date_of_birth");
}

#[test]
fn f10_pin_locks_after_three_wrong_tries_and_opens_the_staff_menu_when_right() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    press(&mut app, KeyCode::F(10), now);
    for _ in 0..3 {
        type_str(&mut app, "1111", now);
        press(&mut app, KeyCode::Enter, now);
    }
    assert!(app.pin_lock.locked_until.is_some());
    type_str(&mut app, "2468", now + Duration::from_secs(10));
    press(&mut app, KeyCode::Enter, now + Duration::from_secs(10));
    assert_eq!(app.running, Running::Yes, "locked for 60 s");
    let later = now + Duration::from_secs(61);
    app.tick(later);
    type_str(&mut app, "2468", later);
    press(&mut app, KeyCode::Enter, later);
    assert!(matches!(app.overlay, Some(Overlay::StaffMenu(_))));
    assert_eq!(app.running, Running::Yes);
    // A digit highlights, as in questions; Enter opens; leaving kiosk mode asks first.
    press(&mut app, KeyCode::Char('3'), later);
    assert_eq!(app.running, Running::Yes, "3 only highlights");
    assert!(draw(&app, 80, 24).contains("▶ 3  Leave kiosk mode"));
    press(&mut app, KeyCode::Enter, later);
    assert_eq!(app.running, Running::Yes, "asked first");
    let asked = draw(&app, 80, 24);
    assert!(asked.contains("Leave kiosk mode?"), "{asked}");
    assert!(asked.contains("Esc stay"), "{asked}");
    press(&mut app, KeyCode::Esc, later);
    assert!(
        matches!(app.overlay, Some(Overlay::StaffMenu(_))),
        "Esc stays"
    );
    assert_eq!(app.running, Running::Yes);
    press(&mut app, KeyCode::Enter, later);
    press(&mut app, KeyCode::Char('y'), later);
    assert_eq!(app.running, Running::Done);
}

#[test]
fn back_keeps_typed_text_and_review_edit_asks_new_follow_ups() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    type_str(&mut app, "Ada", now);
    press(&mut app, KeyCode::Enter, now);
    type_str(&mut app, "1980-0", now);
    press(&mut app, KeyCode::Esc, now);
    assert_eq!(app.current_item().unwrap().id, "full_name");
    press(&mut app, KeyCode::Enter, now);
    match &app.screen {
        Screen::Question(q) => match &q.editor {
            skin_intake::tui::editor::Editor::Date(input) => assert_eq!(input.value(), "1980-0"),
            other => panic!("{other:?}"),
        },
        _ => panic!(),
    }
    press(&mut app, KeyCode::Esc, now);
    press(&mut app, KeyCode::Esc, now);
    assert!(matches!(app.screen, Screen::Start { .. }));

    // A full intake, then change the concerns from the review.
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Enter, now); // resume the draft with the name
    answer_all(&mut app, &suitable(), now);
    let rows = app.review_rows();
    let concerns = rows.iter().position(|i| i.id == "concerns").unwrap() + 1;
    for _ in 0..concerns {
        press(&mut app, KeyCode::Down, now);
    }
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(app.current_item().unwrap().id, "concerns");
    press(&mut app, KeyCode::Char('9'), now); // + stretch marks
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(app.current_item().unwrap().id, "stretch_mark_colour");
    press(&mut app, KeyCode::Char('2'), now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(app.current_item().unwrap().id, "stretch_mark_severity");
    press(&mut app, KeyCode::Char('1'), now);
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Review(ref r) if r.selected == 0));
}

#[test]
fn validation_messages_refuse_bad_answers() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::Enter, now);
    let error = |app: &App| match &app.screen {
        Screen::Question(q) => q.error.clone(),
        _ => None,
    };
    assert_eq!(error(&app).as_deref(), Some("Please fill this in."));
    type_str(&mut app, "Ada\u{7}\u{1b}", now);
    press(&mut app, KeyCode::Enter, now);
    type_str(&mut app, "2030-01-01", now);
    press(&mut app, KeyCode::Enter, now);
    assert!(error(&app).unwrap().contains("future"));
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace, now);
    }
    type_str(&mut app, "31/02/1980", now);
    press(&mut app, KeyCode::Enter, now);
    assert!(error(&app).unwrap().contains("YYYY-MM-DD"));
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace, now);
    }
    type_str(&mut app, "31/05/1980", now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(app.current_item().unwrap().id, "pregnant_or_breastfeeding");
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(error(&app).as_deref(), Some("Please choose an answer."));
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(app.current_item().unwrap().id, "concerns");
    // Enter with nothing ticked ticks the highlighted option rather than refusing or moving on.
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(error(&app), None);
    assert_eq!(app.current_item().unwrap().id, "concerns");
    // Untick it: Next with nothing ticked is refused.
    press(&mut app, KeyCode::Char(' '), now);
    app.update(
        &skin_intake::tui::action::Action::Tap(skin_intake::tui::action::Hit::Next),
        now,
    );
    assert!(error(&app).unwrap().contains("at least one"));
    // Paste is cleaned and capped.
    let intake = app.session.as_ref().unwrap();
    assert_eq!(
        intake.intake.answers().get("full_name"),
        Some(&skin_intake::model::answer::Answer::Text("Ada".into()))
    );
}

#[test]
fn failed_export_keeps_answers_and_retries() {
    let out = out_dir();
    let target = out.path().join("summaries");
    let now = Instant::now();
    let mut app = App::new(config(&target, false), now);
    press(&mut app, KeyCode::Enter, now);
    answer_all(&mut app, &suitable(), now);
    // Make the folder unwritable: replace it with a file.
    std::fs::remove_dir_all(&target).unwrap();
    std::fs::write(&target, b"in the way").unwrap();
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(
        app.screen,
        Screen::Result(ResultScreen {
            export: Export::Failed { .. },
            ..
        })
    ));
    assert!(app.session.is_some(), "answers stay in memory");
    std::fs::remove_file(&target).unwrap();
    press(&mut app, KeyCode::Char('r'), now);
    let path = exported(&app);
    assert!(path.starts_with(&target));
}

#[test]
fn paste_strips_control_characters_and_caps_length() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    app.handle_paste(
        &format!(
            "Ada\u{1b}[31m\nLove\u{1b}]0;title\u{7}\u{0}{}",
            "x".repeat(300)
        ),
        now,
    );
    assert_eq!(typed_text(&app).chars().count(), 100);
    assert!(
        typed_text(&app).starts_with("Ada Lovexxx"),
        "{}",
        typed_text(&app)
    );
}

#[test]
fn a_huge_paste_is_cut_to_the_field_at_once() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    type_str(&mut app, "Ada ", now);
    // Ten million characters: the field takes what fits (100) and the rest is dropped.
    app.handle_paste(&"Lovelace ".repeat(1_100_000), now);
    assert_eq!(typed_text(&app).chars().count(), 100);
    assert!(typed_text(&app).starts_with("Ada Lovelace Lovelace"));
}

fn typed_text(app: &App) -> String {
    match &app.screen {
        Screen::Question(q) => match &q.editor {
            skin_intake::tui::editor::Editor::Text(input) => input.value().to_owned(),
            other => panic!("not a text field: {other:?}"),
        },
        _ => panic!("not on a question"),
    }
}

#[test]
fn staff_note_and_override_are_exported_beside_the_computed_verdict() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    answer_all(&mut app, &not_suitable(), now);
    press(&mut app, KeyCode::F(2), now);
    type_str(&mut app, "Seen with mother.", now);
    press(&mut app, KeyCode::Tab, now);
    type_str(&mut app, "KL", now);
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::F(3), now);
    press(&mut app, KeyCode::Char('4'), now);
    press(&mut app, KeyCode::Enter, now);
    assert!(
        matches!(app.overlay, Some(Overlay::Override(_))),
        "reason required"
    );
    type_str(&mut app, "Turns 18 next week", now);
    press(&mut app, KeyCode::Enter, now);
    assert!(
        matches!(app.overlay, Some(Overlay::Override(_))),
        "initials required"
    );
    type_str(&mut app, "JD", now);
    press(&mut app, KeyCode::Enter, now);
    assert!(app.overlay.is_none());
    press(&mut app, KeyCode::Enter, now);
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(exported(&app)).unwrap()).unwrap();
    assert_eq!(file["assessment"]["suitability"], "not_suitable");
    assert_eq!(file["override"]["suitability"], "delay");
    assert_eq!(file["override"]["reason"], "Turns 18 next week");
    assert_eq!(file["override"]["by"], "JD");
    assert_eq!(file["override"]["at"], "2025-03-10T14:05:00+01:00");
    assert_eq!(file["clinician_note"], "Seen with mother. — KL");
}

#[test]
fn kiosk_without_a_pin_refuses_to_start_before_taking_the_terminal() {
    let out = out_dir();
    let assert = Command::cargo_bin("skin-intake")
        .unwrap()
        .env_remove("SKIN_INTAKE_STAFF_PIN")
        .args(["--kiosk", "--out"])
        .arg(out.path())
        .assert()
        .code(2);
    let output = assert.get_output();
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("SKIN_INTAKE_STAFF_PIN"));
}

#[test]
fn a_bad_questionnaire_is_reported_like_check_before_the_ui() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("q.json");
    std::fs::write(&bad, "{\n  \"id\": ").unwrap();
    let check = Command::cargo_bin("skin-intake")
        .unwrap()
        .arg("check")
        .arg(&bad)
        .output()
        .unwrap();
    let ui = Command::cargo_bin("skin-intake")
        .unwrap()
        .arg("--questions")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(ui.status.code(), Some(2));
    assert_eq!(ui.stderr, check.stderr);
    assert!(ui.stdout.is_empty());
}

#[test]
#[ignore = "mounts a tmpfs, which needs root; .ci/run runs it"]
fn a_full_disk_shows_a_message_keeps_the_answers_and_the_retry_succeeds() {
    let disk = TinyDisk::mount().expect("a 256 KiB tmpfs can be mounted (this test needs root)");
    let out = disk.path().join("summaries");
    let scratch = tempfile::tempdir().unwrap();
    let now = Instant::now();
    let mut app = App::new(config(&out, false), now);
    press(&mut app, KeyCode::Enter, now);
    answer_all(&mut app, &delayed(), now);
    let filler = disk.fill();
    press(&mut app, KeyCode::Enter, now);

    let screen = draw(&app, 100, 30);
    let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(&out.display().to_string()),
        "names the folder:\n{screen}"
    );
    assert!(
        words.contains("No space left on device"),
        "names the cause:\n{screen}"
    );
    assert!(
        words.contains("press r to try again"),
        "offers the retry:\n{screen}"
    );
    let stray: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n != "unfinished")
        .collect();
    assert!(stray.is_empty(), "no half-written file: {stray:?}");
    assert!(app.session.is_some(), "answers stay in memory");

    std::fs::remove_file(filler).unwrap();
    press(&mut app, KeyCode::Char('r'), now);
    let written = std::fs::read_to_string(exported(&app)).unwrap();
    let summary: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(
        without_volatile(summary),
        without_volatile(score(&delayed(), scratch.path())),
        "the summary is complete"
    );
    assert!(
        store::list_drafts(&out).unwrap().is_empty(),
        "the draft goes after the export"
    );
}

fn draw(app: &App, width: u16, height: u16) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    buffer
        .content
        .chunks(usize::from(width))
        .map(|row| {
            row.iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_long_result_says_there_is_more_and_scrolls_to_its_end_only() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    answer_all(&mut app, &delayed(), now);
    press(&mut app, KeyCode::Enter, now);
    assert!(draw(&app, 80, 24).contains("▼ more below"));
    for _ in 0..100 {
        press(&mut app, KeyCode::Down, now);
    }
    let bottom = draw(&app, 80, 24);
    assert!(!bottom.contains("▼ more below"), "{bottom}");
    assert!(
        bottom.contains("Older, white stretch marks"),
        "the last note shows:\n{bottom}"
    );
    press(&mut app, KeyCode::Up, now);
    assert!(
        draw(&app, 80, 24).contains("▼ more below"),
        "one key up scrolls back at once"
    );
}

#[test]
fn a_draft_from_another_version_resumes_and_names_what_was_left_out() {
    let out = out_dir();
    let q = skin_intake::load::questionnaire::built_in();
    let mut draft = store::Draft::new(
        &q,
        "en",
        skin_intake::engine::summary::Mode::Staff,
        fixed_clock(),
    );
    draft.questionnaire_version = "0.9.0".into();
    draft
        .answers
        .insert("full_name".into(), json!("Old Version"));
    draft
        .answers
        .insert("favourite_colour".into(), json!("blue"));
    draft.answers.insert("skin_type".into(), json!("VII"));
    let lock = store::lock_draft(out.path(), &draft.id).unwrap();
    store::save_draft(out.path(), &draft, &lock).unwrap();
    drop(lock);

    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    assert!(draw(&app, 100, 30).contains("Old Version"));
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(
        app.current_item().unwrap().id,
        "date_of_birth",
        "the first unanswered question"
    );
    let screen = draw(&app, 100, 30)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        screen.contains("left out: favourite_colour, skin_type"),
        "names the dropped answers:\n{screen}"
    );
    assert!(
        screen.contains("started with version 0.9.0 of the questionnaire"),
        "names the version it was made with:\n{screen}"
    );
    type_str(&mut app, "1970-01-01", now);
    press(&mut app, KeyCode::Enter, now);
    let saved = match store::list_drafts(out.path()).unwrap().remove(0) {
        store::Listed::Draft(d) => d,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        saved.questionnaire_version, q.version,
        "saved again for this version"
    );
    assert_eq!(saved.answers.len(), 2);
}

#[test]
fn note_and_override_survive_leaving_and_resuming() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    answer_current(&mut app, &suitable(), now);
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::F(2), now);
    type_str(&mut app, "Needs a GP letter.", now);
    press(&mut app, KeyCode::Tab, now);
    type_str(&mut app, "KL", now);
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::F(3), now);
    press(&mut app, KeyCode::Char('3'), now);
    press(&mut app, KeyCode::Tab, now);
    type_str(&mut app, "On warfarin per GP", now);
    press(&mut app, KeyCode::Tab, now); // past the optional start date
    press(&mut app, KeyCode::Tab, now);
    type_str(&mut app, "KL", now);
    press(&mut app, KeyCode::Enter, now);
    // Saved at once: even a kill now would keep them.
    let saved = match store::list_drafts(out.path()).unwrap().remove(0) {
        store::Listed::Draft(d) => d,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        saved.clinician_note.as_deref(),
        Some("Needs a GP letter. — KL")
    );
    assert_eq!(
        saved.verdict_override.as_ref().map(|o| o.by.as_str()),
        Some("KL")
    );
    ctrl_c(&mut app, now);
    assert!(
        matches!(app.overlay, Some(Overlay::Leaving)),
        "leaving an intake is asked"
    );
    assert_eq!(app.running, Running::Yes);
    ctrl_c(&mut app, now);
    assert_eq!(app.running, Running::Done);

    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Enter, now);
    answer_all(&mut app, &suitable(), now);
    press(&mut app, KeyCode::Enter, now);
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(exported(&app)).unwrap()).unwrap();
    assert_eq!(file["assessment"]["suitability"], "suitable");
    assert_eq!(file["override"]["suitability"], "physician_review");
    assert_eq!(file["override"]["reason"], "On warfarin per GP");
    assert_eq!(file["clinician_note"], "Needs a GP letter. — KL");
}

#[test]
fn leaving_when_the_intake_cannot_be_saved_asks_twice() {
    let out = out_dir();
    let target = out.path().join("blocked");
    std::fs::write(&target, b"a file where the folder should be").unwrap();
    let now = Instant::now();
    let mut app = App::new(config(&target, false), now);
    press(&mut app, KeyCode::Enter, now);
    answer_current(&mut app, &suitable(), now);
    press(&mut app, KeyCode::Enter, now);
    ctrl_c(&mut app, now);
    ctrl_c(&mut app, now);
    assert_eq!(
        app.running,
        Running::Yes,
        "not yet: the answers would be lost"
    );
    let words = draw(&app, 100, 30)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(words.contains("could not be saved"), "{words}");
    assert!(
        words.contains("press Ctrl-C again to leave without saving"),
        "{words}"
    );
    ctrl_c(&mut app, now);
    assert_eq!(app.running, Running::Done);
    assert!(matches!(app.left, Some(skin_intake::tui::Kept::Lost(_))));
}

#[test]
fn leaving_a_new_intake_with_nothing_answered_leaves_no_draft() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    type_str(&mut app, "Not confirmed", now);
    ctrl_c(&mut app, now);
    assert_eq!(app.running, Running::Done);
    assert_eq!(app.left, Some(skin_intake::tui::Kept::Nothing));
    assert!(store::list_drafts(out.path()).unwrap().is_empty());
}

#[test]
fn an_empty_pin_is_not_a_wrong_try() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    press(&mut app, KeyCode::F(10), now);
    for _ in 0..5 {
        press(&mut app, KeyCode::Enter, now);
    }
    assert_eq!(app.pin_lock.failures, 0);
    assert!(app.pin_lock.locked_until.is_none());
    type_str(&mut app, "2468", now);
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.overlay, Some(Overlay::StaffMenu(_))));
}

#[test]
fn staff_are_told_when_the_folder_is_open_to_others() {
    use std::os::unix::fs::PermissionsExt;
    let out = out_dir();
    std::fs::set_permissions(out.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let app = App::new(config(out.path(), false), Instant::now());
    let words = draw(&app, 100, 30)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(words.contains("permissions 755"), "{words}");
    assert!(
        words.contains(&format!("chmod 700 {}", out.path().display())),
        "{words}"
    );
    let kiosk = App::new(config(out.path(), true), Instant::now());
    assert!(kiosk.notice.is_none(), "never at the kiosk");
    std::fs::set_permissions(out.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    assert!(
        App::new(config(out.path(), false), Instant::now())
            .notice
            .is_none()
    );
}

#[test]
fn staff_delete_an_unfinished_intake_only_after_confirming() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    answer_current(&mut app, &suitable(), now);
    press(&mut app, KeyCode::Enter, now);
    ctrl_c(&mut app, now);
    ctrl_c(&mut app, now);
    std::fs::write(out.path().join("unfinished/broken.json"), b"{").unwrap();

    let mut app = App::new(config(out.path(), false), now);
    assert_eq!(store::list_drafts(out.path()).unwrap().len(), 2);
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Char('d'), now);
    let words = draw(&app, 100, 30)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        words.contains("Delete the unfinished intake of Maria Garcia?"),
        "{words}"
    );
    press(&mut app, KeyCode::Char('x'), now); // any other key keeps it
    assert_eq!(store::list_drafts(out.path()).unwrap().len(), 2);
    press(&mut app, KeyCode::Char('d'), now);
    press(&mut app, KeyCode::Char('d'), now);
    let left = store::list_drafts(out.path()).unwrap();
    assert_eq!(left.len(), 1);
    assert!(
        matches!(left[0], store::Listed::Damaged { .. }),
        "the draft went, the damaged file stays"
    );
    assert!(draw(&app, 100, 30).contains("Deleted."));
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Delete, now);
    press(&mut app, KeyCode::Delete, now);
    assert!(store::list_drafts(out.path()).unwrap().is_empty());
}

#[test]
fn a_draft_that_could_not_be_saved_is_reported_until_a_save_succeeds() {
    let out = out_dir();
    let target = out.path().join("drafts");
    let now = Instant::now();
    let mut app = App::new(config(&target, false), now);
    std::fs::write(&target, b"a file where the folder should be").unwrap();
    press(&mut app, KeyCode::Enter, now);
    answer_current(&mut app, &suitable(), now);
    press(&mut app, KeyCode::Enter, now);
    let problem = app.notices().expect("a message for staff");
    assert!(
        problem.contains("Could not save the unfinished intake"),
        "{problem}"
    );
    std::fs::remove_file(&target).unwrap();
    answer_current(&mut app, &suitable(), now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(app.notices(), None, "the next save succeeded");
    assert_eq!(store::list_drafts(&target).unwrap().len(), 1);
}

#[test]
fn digit_0_ticks_the_tenth_option() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    while app.current_item().is_some_and(|i| i.id != "concerns") {
        answer_current(&mut app, &suitable(), now);
        press(&mut app, KeyCode::Enter, now);
    }
    press(&mut app, KeyCode::Char('0'), now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(
        app.session
            .as_ref()
            .unwrap()
            .intake
            .answers()
            .get("concerns"),
        Some(&skin_intake::model::answer::Answer::Choices(vec![
            "cellulite".into()
        ]))
    );
}

#[test]
fn the_app_only_wakes_without_input_for_a_kiosk_timer() {
    let out = out_dir();
    let now = Instant::now();
    let mut staff = App::new(config(out.path(), false), now);
    assert_eq!(staff.next_deadline(now), None, "staff start screen");
    press(&mut staff, KeyCode::Enter, now);
    assert_eq!(staff.next_deadline(now), None, "staff question: no polling");
    let mut kiosk = App::new(config(out.path(), true), now);
    assert_eq!(
        kiosk.next_deadline(now),
        None,
        "welcome screen: wait for a key"
    );
    press(&mut kiosk, KeyCode::Enter, now);
    assert_eq!(
        kiosk.next_deadline(now),
        Some(now + Duration::from_mins(2)),
        "a patient answering: the idle timer"
    );
}

#[test]
fn staff_at_the_kiosk_review_intakes_and_the_kiosk_comes_back_empty() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    press(&mut app, KeyCode::Enter, now);
    answer_current(&mut app, &suitable(), now);
    press(&mut app, KeyCode::Enter, now);
    // Staff come: F10, the PIN, Review intakes (after the patient's questions, offered first).
    press(&mut app, KeyCode::F(10), now);
    type_str(&mut app, "2468", now);
    press(&mut app, KeyCode::Enter, now);
    let menu = draw(&app, 100, 30);
    assert!(
        menu.contains("▶ 1  Back to the patient's questions"),
        "{menu}"
    );
    assert!(menu.contains("2  Review intakes"), "{menu}");
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Enter, now);
    assert!(
        matches!(app.screen, Screen::Start(_)),
        "the list of intakes"
    );
    assert!(app.session.is_none());
    let list = draw(&app, 100, 30);
    assert!(list.contains("Maria Garcia"), "{list}");
    assert!(list.contains("The clinic's intakes"), "{list}");
    // The footer says what q and Esc do here: back to the staff menu, not quit.
    assert!(list.contains("q/Esc back to the staff menu"), "{list}");
    assert!(!list.contains("q quit"), "{list}");
    press(&mut app, KeyCode::Esc, now);
    assert!(
        matches!(app.overlay, Some(Overlay::StaffMenu(_))),
        "Esc: the menu"
    );
    press(&mut app, KeyCode::Esc, now);
    // q on the list opens the staff menu again; 2 highlights "Back to the kiosk", Enter opens it.
    press(&mut app, KeyCode::Char('q'), now);
    assert!(matches!(app.overlay, Some(Overlay::StaffMenu(_))));
    press(&mut app, KeyCode::Char('2'), now);
    assert!(matches!(app.screen, Screen::Start(_)), "2 only highlights");
    assert!(matches!(app.overlay, Some(Overlay::StaffMenu(_))));
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Welcome));
    let welcome = draw(&app, 100, 30);
    assert!(!welcome.contains("Maria"), "{welcome}");
    assert_eq!(app.running, Running::Yes);
}

#[test]
fn staff_who_walk_away_from_the_kiosk_leave_it_to_the_welcome_screen() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    press(&mut app, KeyCode::F(10), now);
    type_str(&mut app, "2468", now);
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Start(_)));
    let later = now + Duration::from_mins(3);
    app.tick(later);
    assert!(matches!(app.overlay, Some(Overlay::Idle { .. })));
    app.tick(later + Duration::from_mins(1));
    assert!(matches!(app.screen, Screen::Welcome));
    assert!(!app.staff_at_kiosk);
}

#[test]
fn ctrl_c_during_an_intake_asks_and_enter_goes_to_the_list() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    answer_current(&mut app, &suitable(), now);
    press(&mut app, KeyCode::Enter, now);
    ctrl_c(&mut app, now);
    let words = draw(&app, 80, 24)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(words.contains("Leave this intake?"), "{words}");
    assert!(words.contains("Enter go to the list of intakes"), "{words}");
    press(&mut app, KeyCode::Esc, now);
    assert!(app.overlay.is_none(), "Esc keeps answering");
    assert_eq!(app.current_item().unwrap().id, "date_of_birth");
    ctrl_c(&mut app, now);
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Start(_)));
    assert_eq!(app.running, Running::Yes);
    assert_eq!(store::list_drafts(out.path()).unwrap().len(), 1);
    // On the list, q leaves.
    press(&mut app, KeyCode::Char('q'), now);
    assert_eq!(app.running, Running::Done);
}

fn error(app: &App) -> Option<String> {
    match &app.screen {
        Screen::Question(q) => q.error.clone(),
        _ => None,
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_constraint_is_said_at_its_question_and_at_the_review() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    let mut answers = suitable();
    answers["concerns"] = json!(["cellulite"]);
    answers["areas"] = json!(["face", "neck"]);
    while app.current_item().is_some_and(|i| i.id != "areas") {
        answer_current(&mut app, &answers, now);
        press(&mut app, KeyCode::Enter, now);
    }
    answer_current(&mut app, &answers, now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(app.current_item().unwrap().id, "areas", "not accepted");
    let message = error(&app).expect("a message at the question");
    assert!(
        message.starts_with("Cellulite is treated on the body"),
        "{message}"
    );
    assert!(one_line(&draw(&app, 80, 24)).contains("⚠ Cellulite is treated on the body"));
    // Thighs too: accepted.
    answers["areas"] = json!(["face", "thighs"]);
    answer_current(&mut app, &answers, now);
    press(&mut app, KeyCode::Enter, now);
    assert_ne!(app.current_item().map(|i| i.id.as_str()), Some("areas"));

    // From the review, cellulite is added to a face-only intake: the review says so, and
    // submitting opens the areas question with the message.
    let mut app = App::new(config(out_dir().path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    answer_all(&mut app, &suitable(), now);
    let concerns = app
        .review_rows()
        .iter()
        .position(|i| i.id == "concerns")
        .unwrap()
        + 1;
    for _ in 0..concerns {
        press(&mut app, KeyCode::Down, now);
    }
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::Char('0'), now); // + cellulite
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Review { .. }));
    let review = one_line(&draw(&app, 80, 24));
    assert!(
        review.contains("⚠ Cellulite is treated on the body"),
        "{review}"
    );
    press(&mut app, KeyCode::Home, now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(app.current_item().unwrap().id, "areas");
    assert!(error(&app).is_some_and(|m| m.starts_with("Cellulite is treated on the body")));
}

#[test]
fn a_month_is_enough_where_the_question_says_so() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    let mut answers = suitable();
    answers["concerns"] = json!(["other_scars"]);
    while app.current_item().is_some_and(|i| i.id != "scar_date") {
        answer_current(&mut app, &answers, now);
        press(&mut app, KeyCode::Enter, now);
    }
    let screen = one_line(&draw(&app, 80, 24));
    assert!(
        screen.contains("the month and year will do: 08/2026 or August 2026"),
        "{screen}"
    );
    let mut month = |typed: &str, app: &mut App| {
        answers["scar_date"] = json!(typed);
        answer_current(app, &answers, now);
        press(app, KeyCode::Enter, now);
    };
    month("13/2024", &mut app);
    assert!(error(&app).is_some_and(|m| m.contains("08/2026 or August 2026")));
    month("04/2025", &mut app);
    assert_eq!(
        error(&app).as_deref(),
        Some("This month is in the future. Please check it."),
        "today is 10 March 2025"
    );
    month("March 2025", &mut app);
    assert_ne!(app.current_item().map(|i| i.id.as_str()), Some("scar_date"));
    let session = app.session.as_ref().unwrap();
    let given = session.intake.answers().get("scar_date").unwrap();
    assert_eq!(serde_json::to_value(given).unwrap(), json!("2025-03"));
    // Back to it: the field holds the month as it is kept.
    press(&mut app, KeyCode::Esc, now);
    assert_eq!(app.current_item().unwrap().id, "scar_date");
    assert!(one_line(&draw(&app, 80, 24)).contains("2025-03"));
}

#[test]
fn a_draft_saved_with_questionnaire_2_0_0_says_which_questions_changed() {
    let out = out_dir();
    let saved = include_str!("../fixtures/drafts/questionnaire_2.0.0.json");
    let draft: store::Draft = serde_json::from_str(saved).unwrap();
    let lock = store::lock_draft(out.path(), &draft.id).unwrap();
    store::save_draft(out.path(), &draft, &lock).unwrap();
    drop(lock);
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(
        app.current_item().unwrap().id,
        "scar_cause",
        "the first question 2.1.0 asks that the draft has no answer for"
    );
    let screen = one_line(&draw(&app, 120, 40));
    assert!(
        screen.contains(
            "This intake was started with version 2.0.0 of the questionnaire, not version 2.1.1."
        ),
        "{screen}"
    );
    assert!(
        screen.contains(
            "These questions have changed since, so their saved answers were left out and are \
             asked again: active_infection, surgery_date, suspicious_lesion."
        ),
        "names what changed:\n{screen}"
    );
    // The cold sore a 2.0.0 "yes" may have meant is asked on its own, and so is the infection.
    let session = app.session.as_ref().unwrap();
    assert!(session.intake.answers().get("active_infection").is_none());
    assert!(session.intake.answers().get("filler_date").is_some());
}

#[test]
fn a_draft_saved_with_questionnaire_1_0_0_names_the_answer_left_out() {
    let out = out_dir();
    let saved = include_str!("../fixtures/drafts/questionnaire_1.0.0.json");
    let draft: store::Draft = serde_json::from_str(saved).unwrap();
    let lock = store::lock_draft(out.path(), &draft.id).unwrap();
    store::save_draft(out.path(), &draft, &lock).unwrap();
    drop(lock);
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(app.current_item().unwrap().id, "scar_date");
    let screen = one_line(&draw(&app, 100, 30));
    assert!(
        screen.contains("left out: scar_under_6_months."),
        "names the dropped answer:\n{screen}"
    );
}

/// Starts a new intake from the staff list (or the kiosk's welcome) and gives it Maria Garcia's
/// name and date of birth.
fn start_for_maria(app: &mut App, now: Instant) {
    press(app, KeyCode::Enter, now);
    type_str(app, "Maria Garcia", now);
    press(app, KeyCode::Enter, now);
    type_str(app, "31/05/1980", now);
    press(app, KeyCode::Enter, now);
}

/// Maria Garcia's unfinished intake, left at its fourth question; returns that question's id.
fn leave_maria_unfinished(out: &Path, kiosk: bool, now: Instant) -> String {
    let mut app = App::new(config(out, kiosk), now);
    start_for_maria(&mut app, now);
    answer_current(&mut app, &suitable(), now);
    press(&mut app, KeyCode::Enter, now);
    let at = app.current_item().expect("a question").id.clone();
    ctrl_c(&mut app, now);
    ctrl_c(&mut app, now);
    at
}

#[test]
fn staff_starting_a_patient_again_are_offered_her_unfinished_intake() {
    let out = out_dir();
    let now = Instant::now();
    let left_at = leave_maria_unfinished(out.path(), false, now);

    // Enter resumes the earlier intake at its question; the new one's draft goes.
    let mut app = App::new(config(out.path(), false), now);
    start_for_maria(&mut app, now);
    let screen = draw(&app, 100, 30)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        screen.contains("Maria Garcia (born 31 May 1980) has an unfinished intake"),
        "{screen}"
    );
    assert!(screen.contains("3 of 36 answered. Resume it?"), "{screen}");
    assert!(screen.contains("Enter resume · Esc start anew"), "{screen}");
    assert_eq!(store::list_drafts(out.path()).unwrap().len(), 2);
    press(&mut app, KeyCode::Enter, now);
    assert!(app.overlay.is_none());
    assert_eq!(app.current_item().map(|i| i.id.clone()), Some(left_at));
    assert_eq!(store::list_drafts(out.path()).unwrap().len(), 1);

    // Esc goes on with the new one.
    ctrl_c(&mut app, now);
    ctrl_c(&mut app, now);
    let mut app = App::new(config(out.path(), false), now);
    start_for_maria(&mut app, now);
    assert!(matches!(app.overlay, Some(Overlay::ResumeOffer(_))));
    let third = app.current_item().expect("a question").id.clone();
    press(&mut app, KeyCode::Esc, now);
    assert!(app.overlay.is_none());
    assert_eq!(app.current_item().map(|i| i.id.clone()), Some(third));
    assert_eq!(store::list_drafts(out.path()).unwrap().len(), 2);
}

#[test]
fn the_kiosk_never_offers_another_intake() {
    let out = out_dir();
    let now = Instant::now();
    leave_maria_unfinished(out.path(), false, now);
    let mut app = App::new(config(out.path(), true), now);
    start_for_maria(&mut app, now);
    assert!(app.overlay.is_none());
    let screen = draw(&app, 100, 30);
    assert!(!screen.contains("unfinished intake"), "{screen}");
}

/// Answers questions until `id` is on screen.
fn reach(app: &mut App, answers: &Value, id: &str, now: Instant) {
    for _ in 0..200 {
        if app.current_item().is_some_and(|i| i.id == id) {
            return;
        }
        answer_current(app, answers, now);
        press(app, KeyCode::Enter, now);
    }
    panic!("{id} never came");
}

fn ticked(app: &App) -> Vec<bool> {
    match &app.screen {
        Screen::Question(q) => match &q.editor {
            skin_intake::tui::editor::Editor::Multi { ticked, .. } => ticked.clone(),
            other => panic!("not a multiple choice: {other:?}"),
        },
        _ => panic!("not a question"),
    }
}

#[test]
fn enter_on_a_multiple_choice_with_nothing_ticked_ticks_and_stays() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    press(&mut app, KeyCode::Enter, now);
    reach(&mut app, &suitable(), "concerns", now);
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(
        app.current_item().unwrap().id,
        "concerns",
        "Enter did not move on"
    );
    assert_eq!(ticked(&app)[..3], [false, true, false]);
    // Once anything is ticked, Enter moves on and ticks nothing more.
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Enter, now);
    assert_ne!(app.current_item().unwrap().id, "concerns");
    let answer = app
        .session
        .as_ref()
        .unwrap()
        .intake
        .answers()
        .get("concerns")
        .cloned();
    assert_eq!(
        answer,
        Some(skin_intake::model::answer::Answer::Choices(vec![
            "fine_lines".to_owned()
        ]))
    );
}
