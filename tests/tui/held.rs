//! The kiosk never drops an intake it cannot write, and a draft opens on one terminal at a time.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::*;
use ratatui::crossterm::event::KeyCode;
use skin_intake::store::{self, Listed};
use skin_intake::tui::app::App;
use skin_intake::tui::screens::Screen;
use skin_intake::tui::screens::result::{Export, ResultScreen};

fn draw(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let text: String = buffer
        .content
        .chunks(100)
        .map(|row| {
            row.iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect::<String>()
                + "\n"
        })
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn summaries(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .count()
    })
}

/// A folder that cannot be written, even by root: a file where it should be.
fn block(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::write(dir, b"in the way").unwrap();
}

/// A kiosk whose patient has answered everything, with the output folder blocked, then Submit.
fn held_kiosk(target: &Path, now: Instant) -> App {
    let mut app = App::new(config(target, true), now);
    press(&mut app, KeyCode::Enter, now);
    answer_all(&mut app, &suitable(), now);
    block(target);
    press(&mut app, KeyCode::Enter, now);
    app
}

#[test]
fn the_kiosk_holds_a_finished_intake_it_cannot_write_and_saves_it_when_it_can() {
    let out = out_dir();
    let target = out.path().join("summaries");
    let now = Instant::now();
    let mut app = held_kiosk(&target, now);
    assert!(matches!(app.screen, Screen::Held(_)), "{:?}", app.screen);
    assert!(app.session.is_some(), "the answers stay in memory");
    let screen = draw(&app);
    assert!(
        screen.contains("Please let a member of staff know"),
        "{screen}"
    );
    assert!(screen.contains("Your answers are kept"), "{screen}");
    assert!(!screen.contains("Maria"), "{screen}");
    assert!(!screen.contains("in the way"), "no cause for the patient");
    // No key leaves it: not Enter, Esc, q, r or Ctrl-C.
    for code in [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Char('q'),
        KeyCode::Char('r'),
    ] {
        press(&mut app, code, now);
    }
    ctrl_c(&mut app, now);
    assert!(matches!(app.screen, Screen::Held(_)));
    // Nobody comes for a long time: no idle reset drops it, it is tried again and again.
    for minutes in 1..=20 {
        app.tick(now + Duration::from_mins(minutes));
        assert!(matches!(app.screen, Screen::Held(_)));
        assert!(app.session.is_some());
    }
    let last = now + Duration::from_mins(20);
    assert_eq!(app.next_deadline(last), Some(last + Duration::from_secs(5)));
    // The folder is fixed: the next try saves it, and the kiosk thanks the patient.
    std::fs::remove_file(&target).unwrap();
    app.tick(last + Duration::from_secs(4));
    assert!(matches!(app.screen, Screen::Held(_)), "tries every 5 s");
    app.tick(last + Duration::from_secs(5));
    assert!(
        matches!(app.screen, Screen::ThankYou { .. }),
        "{:?}",
        app.screen
    );
    assert!(app.session.is_none());
    assert_eq!(summaries(&target), 1);
    assert!(store::list_drafts(&target).unwrap().is_empty());
}

#[test]
fn after_the_pin_staff_see_what_failed_and_where_and_can_retry() {
    let out = out_dir();
    let target = out.path().join("summaries");
    let now = Instant::now();
    let mut app = held_kiosk(&target, now);
    press(&mut app, KeyCode::F(10), now);
    type_str(&mut app, "2468", now);
    press(&mut app, KeyCode::Enter, now);
    let Screen::Result(ResultScreen {
        export: Export::Failed { dir, cause },
        ..
    }) = &app.screen
    else {
        panic!("staff see the failure: {:?}", app.screen);
    };
    assert_eq!(dir, &target);
    assert!(!cause.is_empty());
    let screen = draw(&app);
    assert!(screen.contains("press r to try again"), "{screen}");
    std::fs::remove_file(&target).unwrap();
    press(&mut app, KeyCode::Char('r'), now);
    assert!(
        matches!(
            app.screen,
            Screen::Result(ResultScreen {
                export: Export::Saved(_),
                ..
            })
        ),
        "{:?}",
        app.screen
    );
    assert_eq!(summaries(&target), 1);
}

#[test]
fn an_idle_reset_holds_answers_it_cannot_save_instead_of_dropping_them() {
    let out = out_dir();
    let target = out.path().join("summaries");
    let now = Instant::now();
    let mut app = App::new(config(&target, true), now);
    press(&mut app, KeyCode::Enter, now);
    type_str(&mut app, "Ada Lovelace", now);
    press(&mut app, KeyCode::Enter, now);
    block(&target);
    app.tick(now + Duration::from_mins(2));
    app.tick(now + Duration::from_mins(3));
    assert!(matches!(app.screen, Screen::Held(_)), "{:?}", app.screen);
    assert!(app.session.is_some());
    assert!(!draw(&app).contains("Ada"));
    std::fs::remove_file(&target).unwrap();
    app.tick(now + Duration::from_mins(4));
    assert!(matches!(app.screen, Screen::Welcome));
    assert!(app.session.is_none());
    let drafts = store::list_drafts(&target).unwrap();
    let [Listed::Draft(draft)] = drafts.as_slice() else {
        panic!("{drafts:?}");
    };
    assert_eq!(draft.answers["full_name"], "Ada Lovelace");
}

#[test]
fn a_draft_open_on_one_terminal_is_left_alone_by_another() {
    let out = out_dir();
    let now = Instant::now();
    let mut first = App::new(config(out.path(), false), now);
    press(&mut first, KeyCode::Enter, now);
    type_str(&mut first, "Ada Lovelace", now);
    press(&mut first, KeyCode::Enter, now);

    let mut second = App::new(config(out.path(), false), now);
    let screen = draw(&second);
    assert!(screen.contains("open on another terminal"), "{screen}");
    press(&mut second, KeyCode::Down, now);
    press(&mut second, KeyCode::Enter, now);
    assert!(matches!(second.screen, Screen::Start(_)));
    assert!(
        second
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("open on another terminal")),
        "{:?}",
        second.notice
    );
    press(&mut second, KeyCode::Char('d'), now);
    press(&mut second, KeyCode::Char('d'), now);
    assert_eq!(
        store::list_drafts(out.path()).unwrap().len(),
        1,
        "not deleted under the other terminal"
    );

    // The first finishes it; the second can neither resume it nor write a second record.
    answer_all(&mut first, &suitable(), now);
    press(&mut first, KeyCode::Enter, now);
    assert!(matches!(
        first.screen,
        Screen::Result(ResultScreen {
            export: Export::Saved(_),
            ..
        })
    ));
    press(&mut second, KeyCode::Home, now);
    press(&mut second, KeyCode::Down, now);
    press(&mut second, KeyCode::Enter, now);
    assert!(!matches!(second.screen, Screen::Question(_)));
    assert!(
        second
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("finished")),
        "{:?}",
        second.notice
    );
    assert_eq!(summaries(out.path()), 1);
    assert!(store::list_drafts(out.path()).unwrap().is_empty());
}
