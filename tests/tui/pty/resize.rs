//! The real binary in tmux, resized through a storm of sizes on every kind of screen: the welcome,
//! a question, "Start over?", the page after calling staff, the kiosk's staff menu, the list of
//! records and a record. It keeps running, draws
//! each screen at the last size, says "Please enlarge the window" only while the window is too
//! small, and the intake it holds is finished and written.

use std::time::Duration;

use super::{BIN, Tmux, suitable, summaries, type_some_answers};

const WIDTH: u16 = 90;
const HEIGHT: u16 = 28;

/// 40 sizes from 20 × 8 to 200 × 60, a third of them at once, the rest 30 ms apart; then the
/// window is left at `WIDTH` × `HEIGHT`.
fn storm(tmux: &Tmux) {
    for i in 1..=40u16 {
        tmux.resize(20 + (i * 37) % 181, 8 + (i * 13) % 53);
        if i % 3 != 0 {
            std::thread::sleep(Duration::from_millis(30));
        }
    }
    tmux.resize(WIDTH, HEIGHT);
}

/// After a storm: the program still runs (past the 2 s a lost reply to a cursor query would take
/// to end it), and the screen is `text`'s, drawn whole at the last size: as many rows, the header
/// on the first.
fn after_storm(tmux: &Tmux, text: &str) -> String {
    tmux.wait_for(text, 10);
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(
        tmux.exited(),
        None,
        "a resize ended the program:\n{}",
        tmux.screen()
    );
    assert_eq!(
        tmux.pane("#{pane_width}x#{pane_height}"),
        format!("{WIDTH}x{HEIGHT}")
    );
    let screen = tmux.wait_for(text, 10);
    let rows: Vec<&str> = screen.lines().collect();
    assert_eq!(rows.len(), usize::from(HEIGHT), "{screen}");
    assert!(
        rows[0].contains("Microneedling consultation"),
        "the header is on the first row:\n{screen}"
    );
    assert!(!screen.contains("enlarge"), "{screen}");
    screen
}

/// The key hints are on the last row: the frame is as tall as the window.
fn hints_at_the_bottom(screen: &str) {
    assert!(
        screen.lines().last().is_some_and(|l| !l.trim().is_empty()),
        "the key hints are on the last row:\n{screen}"
    );
}

/// The first column of `text` on the screen is where `text` centred in the window starts.
fn centred(screen: &str, text: &str) {
    let line = screen.lines().find(|l| l.contains(text)).unwrap();
    let column = line[..line.find(text).unwrap()].chars().count();
    let centre = (usize::from(WIDTH) - text.chars().count()) / 2;
    assert!(
        column.abs_diff(centre) <= 1,
        "{text:?} is centred in {WIDTH} columns:\n{screen}"
    );
}

#[test]
#[ignore = "needs tmux; .ci/run installs it and runs ignored tests"]
fn a_storm_of_resizes_on_every_screen_never_ends_the_kiosk() {
    let out = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(
        "resize",
        &format!(
            "SKIN_INTAKE_STAFF_PIN=2468 {BIN} --kiosk --out {} --today 2025-03-10 --done-timeout 2",
            out.path().display()
        ),
    );
    tmux.wait_for("Press Enter to begin", 10);

    // The welcome screen; too small says so until the window grows.
    storm(&tmux);
    tmux.resize(30, 8);
    tmux.wait_for("Please enlarge the window", 10);
    tmux.resize(WIDTH, HEIGHT);
    let screen = after_storm(&tmux, "Press Enter to begin");
    hints_at_the_bottom(&screen);
    centred(&screen, "Press Enter to begin");

    // Mid-question, with an answer being typed.
    tmux.keys(&["Enter"]);
    type_some_answers(&tmux, &suitable(), 0..2);
    tmux.wait_for("Question 3 of", 10);
    storm(&tmux);
    hints_at_the_bottom(&after_storm(&tmux, "Question 3 of"));

    // Asked before starting over, then the page after calling staff; back to the question.
    tmux.keys(&["F5"]);
    tmux.wait_for("Start again from the beginning?", 10);
    storm(&tmux);
    let asked = after_storm(&tmux, "Start again from the beginning?");
    assert!(asked.contains("▶ [ No, keep my answers ]"), "{asked}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("F9 call staff", 10);
    tmux.keys(&["F9"]);
    tmux.wait_for("A member of staff is on the way.", 10);
    storm(&tmux);
    let page = after_storm(&tmux, "A member of staff is on the way.");
    centred(&page, "A member of staff is on the way.");
    tmux.keys(&["F10"]);
    tmux.wait_for("Staff PIN", 10);
    tmux.text("2468");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Back to the patient's questions", 10);
    tmux.keys(&["Enter"]);
    hints_at_the_bottom(&after_storm(&tmux, "Question 3 of"));

    // The rest of the intake: written once, and the kiosk thanks the patient.
    type_some_answers(&tmux, &suitable(), 2..usize::MAX);
    tmux.wait_for("Please check your answers", 10);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Thank you", 10);
    tmux.wait_for("Press Enter to begin", 10);
    let written = summaries(out.path());
    assert_eq!(written.len(), 1);
    assert_eq!(written[0]["patient"]["name"], "Maria Garcia");

    // The staff menu, behind F10 and the PIN.
    tmux.keys(&["F10"]);
    tmux.wait_for("Staff PIN", 10);
    tmux.text("2468");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Leave kiosk mode", 10);
    storm(&tmux);
    let menu = after_storm(&tmux, "Leave kiosk mode");
    let top = menu.lines().find(|l| l.contains("┌ Staff")).unwrap().trim();
    centred(&menu, top);

    // The list of records.
    tmux.keys(&["1", "Enter"]);
    tmux.wait_for("Waiting for review (1)", 10);
    storm(&tmux);
    let list = after_storm(&tmux, "Waiting for review (1)");
    assert!(list.contains("Maria Garcia"), "{list}");
    hints_at_the_bottom(&list);

    // A record.
    tmux.keys(&["Down", "Enter"]);
    tmux.wait_for("Record of Maria Garcia", 10);
    storm(&tmux);
    hints_at_the_bottom(&after_storm(&tmux, "Record of Maria Garcia"));

    // Still the same program: back to the list, the menu, and out by the menu.
    tmux.keys(&["Escape"]);
    tmux.wait_for("Waiting for review (1)", 10);
    tmux.keys(&["q"]);
    tmux.wait_for("Leave kiosk mode", 10);
    tmux.keys(&["3", "Enter"]);
    tmux.wait_for("Leave kiosk mode?", 10);
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(10), 0);
    assert_eq!(summaries(out.path()).len(), 1);
}
