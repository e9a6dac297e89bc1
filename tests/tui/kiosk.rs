//! The patient's own ways out at the kiosk: "Start over" (asked first, then the draft deleted and
//! the welcome screen) and "Call staff" (a calm page until F10 and the PIN, the intake kept), by
//! key and by tap, in English and Spanish; and line breaks in the patient's own note.

use std::path::Path;
use std::time::{Duration, Instant};

use insta::assert_snapshot;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;
use skin_intake::model::answer::Answer;
use skin_intake::store;
use skin_intake::tui::action::Hit;
use skin_intake::tui::app::App;
use skin_intake::tui::screens::{Overlay, Screen};

use crate::support::{answer_current, config, draw, out_dir, press, suitable, tap_on, type_str};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        app.resize(w, h);
        assert_snapshot!(format!("{name}_{w}x{h}"), draw(app, w, h));
    }
    app.resize(80, 24);
}

/// A patient at the kiosk (in `language`'s key, `e` or `s`) who has answered the first
/// `answered` questions; the next one is on screen.
fn patient(out: &Path, language: char, answered: usize, now: Instant) -> App {
    let mut app = App::new(config(out, true), now);
    press(&mut app, KeyCode::Char(language), now);
    press(&mut app, KeyCode::Enter, now);
    for _ in 0..answered {
        answer_current(&mut app, &suitable(), now);
        press(&mut app, KeyCode::Enter, now);
    }
    assert!(matches!(app.screen, Screen::Question(_)));
    app
}

/// How many answers the intake under way holds.
fn answered(app: &App) -> usize {
    app.session
        .as_ref()
        .unwrap()
        .intake
        .answers()
        .iter()
        .count()
}

fn drafts(out: &Path) -> usize {
    store::list_drafts(out).unwrap().len()
}

/// The files of the unfinished folder, locks included, and the summaries of the folder.
fn files(out: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for dir in [out.to_path_buf(), out.join("unfinished")] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                if entry.path().is_file() {
                    names.push(entry.file_name().to_string_lossy().into_owned());
                }
            }
        }
    }
    names
}

fn staff_pin(app: &mut App, now: Instant) {
    press(app, KeyCode::F(10), now);
    type_str(app, "2468", now);
    press(app, KeyCode::Enter, now);
}

#[test]
fn every_kiosk_question_and_the_review_offer_start_over_and_call_staff() {
    let out = out_dir();
    let now = Instant::now();
    // Spanish first: its words are the longer.
    let mut spanish = patient(out.path(), 's', 0, now);
    let mut english = patient(out.path(), 'e', 0, now);
    for (app, buttons, keys) in [
        (
            &mut spanish,
            ["[ Empezar de nuevo ]", "[ Llamar al personal ]"],
            ["F5 empezar de nuevo", "F9 llamar al personal"],
        ),
        (
            &mut english,
            ["[ Start over ]", "[ Call staff ]"],
            ["F5 start over", "F9 call staff"],
        ),
    ] {
        for _ in 0..80 {
            let Screen::Question(_) = &app.screen else {
                break;
            };
            for (w, h) in [(60, 20), (80, 24), (120, 40)] {
                let screen = draw(app, w, h);
                for text in buttons {
                    assert!(screen.contains(text), "{w}x{h}:\n{screen}");
                }
                // The footer keeps both keys wherever not all fit.
                for text in keys {
                    assert!(w < 80 || screen.contains(text), "{w}x{h}:\n{screen}");
                }
            }
            answer_current(app, &suitable(), now);
            press(app, KeyCode::Enter, now);
        }
        assert!(matches!(app.screen, Screen::Review(_)));
    }
    let app = &mut english;
    let review = draw(app, 80, 24);
    assert!(review.contains("[ Start over ]"), "{review}");
    assert!(review.contains("[ Call staff ]"), "{review}");
    assert!(review.contains("F5 start over  F9 call staff"), "{review}");
    snap("kiosk_review", app);
}

#[test]
fn staff_screens_have_no_kiosk_buttons() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    let screen = draw(&app, 80, 24);
    assert!(!screen.contains("Start over"), "{screen}");
    assert!(!screen.contains("Call staff"), "{screen}");
    press(&mut app, KeyCode::F(5), now);
    press(&mut app, KeyCode::F(9), now);
    assert!(app.overlay.is_none());
    assert!(matches!(app.screen, Screen::Question(_)));
}

#[test]
fn start_over_asks_first_with_no_chosen_and_no_keeps_everything() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = patient(out.path(), 'e', 2, now);
    press(&mut app, KeyCode::F(5), now);
    assert!(matches!(app.overlay, Some(Overlay::StartOver(_))));
    let asked = draw(&app, 80, 24);
    assert!(
        asked.contains("Start again from the beginning? Your answers so far will"),
        "{asked}"
    );
    assert!(asked.contains("be deleted."), "{asked}");
    assert!(asked.contains("▶ [ No, keep my answers ]"), "{asked}");
    assert!(asked.contains("  [ Yes, start again ]"), "{asked}");
    // Enter takes the choice as it is: No.
    press(&mut app, KeyCode::Enter, now);
    assert!(app.overlay.is_none());
    assert_eq!(answered(&app), 2);
    // Esc and n are No too.
    for key in [KeyCode::Esc, KeyCode::Char('n')] {
        press(&mut app, KeyCode::F(5), now);
        press(&mut app, key, now);
        assert!(app.overlay.is_none(), "{key:?}");
    }
    // The tap on the button asks, as F5 does; a tap on No keeps.
    tap_on(&mut app, "[ Start over ]", now);
    assert!(matches!(app.overlay, Some(Overlay::StartOver(_))));
    tap_on(&mut app, "No, keep my answers", now);
    assert!(app.overlay.is_none());
    assert!(matches!(app.screen, Screen::Question(_)));
    assert_eq!(drafts(out.path()), 1);
}

#[test]
fn start_over_deletes_the_draft_and_leaves_nothing_of_the_patient() {
    let out = out_dir();
    let now = Instant::now();
    // By key: F5, move to Yes, Enter.
    let mut app = patient(out.path(), 'e', 3, now);
    assert_eq!(drafts(out.path()), 1, "saved after each answer");
    press(&mut app, KeyCode::F(5), now);
    press(&mut app, KeyCode::Down, now);
    let asked = draw(&app, 80, 24);
    assert!(asked.contains("▶ [ Yes, start again ]"), "{asked}");
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Welcome));
    assert!(app.session.is_none(), "nothing of the answers in memory");
    assert!(app.overlay.is_none());
    let welcome = draw(&app, 80, 24);
    assert!(welcome.contains("Press Enter to begin"), "{welcome}");
    assert!(!welcome.contains("Maria"), "{welcome}");
    assert_eq!(
        files(out.path()),
        Vec::<String>::new(),
        "no draft, no summary"
    );

    // By tap, from the review: the button, then Yes.
    let mut app = patient(out.path(), 'e', 0, now);
    crate::support::answer_all(&mut app, &suitable(), now);
    assert!(matches!(app.screen, Screen::Review(_)));
    tap_on(&mut app, "[ Start over ]", now);
    tap_on(&mut app, "Yes, start again", now);
    assert!(matches!(app.screen, Screen::Welcome));
    assert!(app.session.is_none());
    assert_eq!(files(out.path()), Vec::<String>::new());

    // y answers the question at once; a question not yet saved leaves nothing behind either.
    let mut app = patient(out.path(), 'e', 0, now);
    type_str(&mut app, "Maria", now);
    press(&mut app, KeyCode::F(5), now);
    press(&mut app, KeyCode::Char('y'), now);
    assert!(matches!(app.screen, Screen::Welcome));
    assert!(!draw(&app, 80, 24).contains("Maria"));
    assert_eq!(files(out.path()), Vec::<String>::new());
}

#[test]
fn the_start_over_dialog_and_the_call_staff_page_in_english_and_spanish() {
    for (language, key) in [("en", 'e'), ("es", 's')] {
        let out = out_dir();
        let now = Instant::now();
        let mut app = patient(out.path(), key, 2, now);
        snap(&format!("kiosk_buttons_{language}"), &mut app);
        press(&mut app, KeyCode::F(5), now);
        snap(&format!("kiosk_start_over_{language}"), &mut app);
        press(&mut app, KeyCode::Esc, now);
        press(&mut app, KeyCode::F(9), now);
        snap(&format!("kiosk_staff_called_{language}"), &mut app);
    }
}

#[test]
fn call_staff_keeps_the_intake_behind_a_calm_page_until_f10_and_the_pin() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = patient(out.path(), 'e', 2, now);
    // An answer given and not yet confirmed waits with the question.
    answer_current(&mut app, &suitable(), now);
    let before = draw(&app, 80, 24);
    tap_on(&mut app, "[ Call staff ]", now);
    assert!(matches!(app.screen, Screen::StaffCalled(_)));
    for (w, h) in [(60, 20), (80, 24), (100, 30), (120, 40)] {
        app.resize(w, h);
        let page = draw(&app, w, h);
        assert!(
            page.contains("A member of staff is on the way."),
            "{w}x{h}:\n{page}"
        );
        assert!(page.contains("Please stay here."), "{w}x{h}:\n{page}");
        assert!(!page.contains("Maria"), "no patient data:\n{page}");
        assert!(!page.contains("Question"), "no question:\n{page}");
    }
    app.resize(80, 24);
    // The draft is kept: the answers confirmed so far.
    let listed = store::list_drafts(out.path()).unwrap();
    let [store::Listed::Draft(draft)] = listed.as_slice() else {
        panic!("one draft: {listed:?}");
    };
    assert_eq!(draft.answers.len(), 2);
    // Nothing but F10 does anything, and the page waits however long staff take.
    for key in [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Char('q'),
        KeyCode::F(5),
        KeyCode::F(9),
    ] {
        press(&mut app, key, now);
    }
    app.tick(now + Duration::from_mins(30));
    assert!(matches!(app.screen, Screen::StaffCalled(_)));
    assert!(app.overlay.is_none());
    assert_eq!(app.next_deadline(now + Duration::from_mins(30)), None);
    // Staff: F10 and the PIN open the staff menu, the patient's questions first.
    let later = now + Duration::from_mins(31);
    staff_pin(&mut app, later);
    assert!(matches!(app.overlay, Some(Overlay::StaffMenu(_))));
    let menu = draw(&app, 80, 24);
    assert!(
        menu.contains("▶ 1  Back to the patient's questions"),
        "{menu}"
    );
    // Back to the patient: the question as it was, typed answer and all.
    press(&mut app, KeyCode::Enter, later);
    assert!(app.overlay.is_none());
    assert!(matches!(app.screen, Screen::Question(_)));
    assert_eq!(draw(&app, 80, 24), before);
    press(&mut app, KeyCode::Enter, later);
    assert_eq!(answered(&app), 3);
}

#[test]
fn after_call_staff_staff_can_review_the_intakes_and_resume_the_patients() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = patient(out.path(), 'e', 2, now);
    press(&mut app, KeyCode::F(9), now);
    staff_pin(&mut app, now);
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Start(_)));
    assert!(app.staff_at_kiosk);
    let list = draw(&app, 100, 30);
    assert!(list.contains("Maria Garcia"), "{list}");
    assert!(list.contains("left at the kiosk"), "{list}");
    // Resumed by staff: at the question after the patient's two answers.
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Enter, now);
    let Screen::Question(q) = &app.screen else {
        panic!("{}", draw(&app, 100, 30));
    };
    assert_eq!(answered(&app), 2);
    assert_ne!(q.item, "full_name");
}

#[test]
fn staff_who_walk_away_from_the_menu_over_the_page_leave_it_to_the_page() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = patient(out.path(), 's', 1, now);
    press(&mut app, KeyCode::F(9), now);
    staff_pin(&mut app, now);
    assert!(matches!(app.overlay, Some(Overlay::StaffMenu(_))));
    assert_eq!(app.config.language, "en", "staff read their own language");
    assert_eq!(
        app.next_deadline(now),
        Some(now + Duration::from_mins(2)),
        "the staff menu times out"
    );
    app.tick(now + Duration::from_mins(2));
    assert!(app.overlay.is_none());
    assert!(matches!(app.screen, Screen::StaffCalled(_)));
    let page = draw(&app, 80, 24);
    assert!(
        page.contains("Un miembro del personal está en camino."),
        "in the patient's language again:\n{page}"
    );
    assert_eq!(drafts(out.path()), 1);
    // Esc on the menu also gives the page back in the patient's language.
    staff_pin(&mut app, now + Duration::from_mins(3));
    press(&mut app, KeyCode::Esc, now + Duration::from_mins(3));
    assert!(matches!(app.screen, Screen::StaffCalled(_)));
    assert_eq!(app.config.language, "es");
}

#[test]
fn a_tap_lands_on_each_kiosk_button_where_it_is_drawn() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = patient(out.path(), 's', 1, now);
    for (w, h) in [(60, 20), (80, 24), (120, 40)] {
        app.resize(w, h);
        let screen = draw(&app, w, h);
        let hits = app.view().hits(app.area);
        for (hit, caption) in [
            (Hit::StartOver, "[ Empezar de nuevo ]"),
            (Hit::CallStaff, "[ Llamar al personal ]"),
        ] {
            let (rect, _) = hits.iter().find(|(_, h)| *h == hit).unwrap();
            let line = screen.lines().nth(usize::from(rect.y)).unwrap();
            let drawn: String = line
                .chars()
                .skip(1 + usize::from(rect.x))
                .take(usize::from(rect.width))
                .collect();
            assert_eq!(drawn, caption, "{w}x{h}");
        }
    }
}

fn alt_enter() -> KeyEvent {
    KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)
}

fn ctrl_j() -> KeyEvent {
    KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL)
}

/// A kiosk patient at the note in their own words, everything before it answered.
fn at_the_note(out: &Path, now: Instant) -> App {
    let mut app = patient(out, 'e', 0, now);
    while app.current_item().is_some_and(|i| i.id != "notes") {
        answer_current(&mut app, &suitable(), now);
        press(&mut app, KeyCode::Enter, now);
    }
    app
}

#[test]
fn the_note_takes_line_breaks_by_alt_enter_or_ctrl_j_and_enter_confirms() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = at_the_note(out.path(), now);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Alt-Enter new line"), "{screen}");
    assert!(screen.contains("Alt-Enter or Ctrl-J: new line"), "{screen}");
    type_str(&mut app, "Peel in 2023:", now);
    app.handle_key(alt_enter(), now);
    type_str(&mut app, "a week of redness.", now);
    app.handle_key(ctrl_j(), now);
    type_str(&mut app, "Away in August.", now);
    assert_eq!(app.current_item().unwrap().id, "notes", "still typing");
    let screen = draw(&app, 80, 24);
    let rows: Vec<&str> = screen.lines().collect();
    let at = rows
        .iter()
        .position(|l| l.contains("│Peel in 2023:"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(rows[at + 1].contains("│a week of redness."), "{screen}");
    assert!(rows[at + 2].contains("│Away in August."), "{screen}");
    // The cursor is at the end of the last line.
    assert_eq!(
        app.render_frame(
            ratatui::layout::Rect::new(0, 0, 80, 24),
            &mut ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 80, 24))
        ),
        Some(ratatui::layout::Position::new(
            u16::try_from(2 + "Away in August.".len()).unwrap(),
            u16::try_from(at + 2).unwrap()
        ))
    );
    press(&mut app, KeyCode::Enter, now);
    let note = "Peel in 2023:\na week of redness.\nAway in August.";
    assert_eq!(
        app.session.as_ref().unwrap().intake.answers().get("notes"),
        Some(&Answer::Text(note.to_owned()))
    );
    // The review shows it line by line; the summary keeps the line breaks.
    crate::support::answer_all(&mut app, &suitable(), now);
    press(&mut app, KeyCode::End, now);
    let review = draw(&app, 120, 40);
    let rows: Vec<&str> = review.lines().collect();
    let at = rows
        .iter()
        .position(|l| l.contains("Peel in 2023:"))
        .unwrap_or_else(|| panic!("{review}"));
    assert!(rows[at + 1].contains("a week of redness."), "{review}");
    assert!(rows[at + 2].contains("Away in August."), "{review}");
    press(&mut app, KeyCode::Home, now);
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::ThankYou { .. }));
    let summary = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap();
    let summary: Value = serde_json::from_str(&std::fs::read_to_string(summary).unwrap()).unwrap();
    let notes = summary["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "notes")
        .unwrap();
    assert_eq!(notes["value"], note);
    // Staff read it on the record line by line, under its question.
    let mut staff = App::new(config(out.path(), false), now);
    press(&mut staff, KeyCode::Down, now);
    press(&mut staff, KeyCode::Enter, now);
    assert!(matches!(staff.screen, Screen::Record(_)));
    staff.resize(120, 40);
    let mut seen = String::new();
    for _ in 0..80 {
        seen = draw(&staff, 120, 40);
        if seen.contains("Away in August.") {
            break;
        }
        press(&mut staff, KeyCode::Down, now);
    }
    let rows: Vec<&str> = seen.lines().collect();
    let at = rows
        .iter()
        .position(|l| l.contains("to know?: Peel in 2023:"))
        .unwrap_or_else(|| panic!("{seen}"));
    assert!(rows[at + 1].contains("a week of redness."), "{seen}");
    assert!(rows[at + 2].contains("Away in August."), "{seen}");
}

#[test]
fn a_pasted_note_keeps_its_line_breaks_and_a_name_does_not() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = at_the_note(out.path(), now);
    app.handle_paste("one\r\ntwo\rthree\n\tfour", now);
    press(&mut app, KeyCode::Enter, now);
    assert_eq!(
        app.session.as_ref().unwrap().intake.answers().get("notes"),
        Some(&Answer::Text("one\ntwo\nthree\n four".to_owned()))
    );
    let mut app = patient(out.path(), 'e', 0, now);
    app.handle_paste("Maria\nGarcia", now);
    // No line break in a short answer: Ctrl-J adds none, and Alt-Enter is Enter there.
    app.handle_key(ctrl_j(), now);
    let Screen::Question(q) = &app.screen else {
        panic!()
    };
    assert_eq!(
        q.editor.answer(app.current_item().unwrap()).unwrap(),
        Some(Answer::Text("Maria Garcia".to_owned()))
    );
    app.handle_key(alt_enter(), now);
    assert_eq!(
        app.session
            .as_ref()
            .unwrap()
            .intake
            .answers()
            .get("full_name"),
        Some(&Answer::Text("Maria Garcia".to_owned()))
    );
}

#[test]
fn a_note_at_its_longest_takes_no_more_line_breaks() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = at_the_note(out.path(), now);
    app.handle_paste(&"x".repeat(999), now);
    app.handle_key(alt_enter(), now);
    app.handle_key(alt_enter(), now);
    press(&mut app, KeyCode::Enter, now);
    let Some(Answer::Text(note)) = app.session.as_ref().unwrap().intake.answers().get("notes")
    else {
        panic!()
    };
    assert_eq!(note.chars().count(), 999, "the break at the end is trimmed");
}
