//! The clinician's side in the app: the list of intakes in groups, finding a patient, a record,
//! changing its answers, signing off, seen before (snapshots at 80×24 and 120×40).

use std::time::Instant;

use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;
use skin_intake::tui::app::App;
use skin_intake::tui::screens::{Overlay, Screen};

use crate::support::{answer_all, config, draw, out_dir, press, type_str};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        app.resize(w, h);
        assert_snapshot!(format!("{name}_{w}x{h}"), draw(app, w, h));
    }
}

fn answers(changes: &[(&str, Value)]) -> Value {
    let text = std::fs::read_to_string("tests/fixtures/answers/suitable.json").unwrap();
    let mut answers = serde_json::from_str::<Value>(&text).unwrap()["answers"].clone();
    for (id, value) in changes {
        answers[*id] = value.clone();
    }
    answers
}

/// A staff intake with these answers, submitted; the app is back on the list.
fn finish(out: &std::path::Path, given: &Value) {
    let now = Instant::now();
    let mut app = App::new(config(out, false), now);
    press(&mut app, KeyCode::Enter, now);
    answer_all(&mut app, given, now);
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Result(_)), "submitted");
}

/// The list with a row selected by its text.
fn list_at(out: &std::path::Path, row_text: &str) -> App {
    let now = Instant::now();
    let mut app = App::new(config(out, false), now);
    for _ in 0..20 {
        let screen = draw(&app, 120, 40);
        if screen
            .lines()
            .any(|l| l.contains('▶') && l.contains(row_text))
        {
            return app;
        }
        press(&mut app, KeyCode::Down, now);
    }
    panic!("no row with {row_text}:\n{}", draw(&app, 120, 40));
}

/// Three people: one waiting, one unfinished, one reviewed; and a second intake of the first.
fn clinic(out: &std::path::Path) {
    let now = Instant::now();
    finish(out, &answers(&[]));
    finish(
        out,
        &answers(&[
            ("full_name", Value::from("Ada Lovelace")),
            ("date_of_birth", Value::from("1955-12-10")),
            ("active_infection", Value::from(true)),
        ]),
    );
    // Ada's record is signed off: her delay has no date to clear her from, a physician decides.
    let mut app = list_at(out, "Ada Lovelace");
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::Char('s'), now);
    press(&mut app, KeyCode::Char('3'), now);
    press(&mut app, KeyCode::Tab, now);
    press(&mut app, KeyCode::Tab, now);
    type_str(&mut app, "KL", now);
    press(&mut app, KeyCode::Enter, now);
    // An unfinished intake.
    let mut app = App::new(config(out, false), now);
    press(&mut app, KeyCode::Enter, now);
    type_str(&mut app, "Grace Hopper", now);
    press(&mut app, KeyCode::Enter, now);
    // Maria again: seen before.
    finish(out, &answers(&[]));
}

#[test]
fn the_list_groups_every_intake_and_finds_a_patient() {
    let out = out_dir();
    let now = Instant::now();
    let mut empty = App::new(config(out.path(), false), now);
    snap("list_empty", &mut empty);
    clinic(out.path());
    let mut app = App::new(config(out.path(), false), now);
    let text = draw(&app, 120, 40);
    let waiting = text.find("Waiting for review (2)").expect(&text);
    let unfinished = text.find("Unfinished (1)").expect(&text);
    let reviewed = text.find("Reviewed (1)").expect(&text);
    assert!(waiting < unfinished && unfinished < reviewed, "{text}");
    assert!(text.contains("seen before"), "{text}");
    assert!(text.contains("needs a physician"), "{text}");
    snap("list_groups", &mut app);
    press(&mut app, KeyCode::Char('/'), now);
    type_str(&mut app, "ada", now);
    let found = draw(&app, 120, 40);
    assert!(found.contains("Ada Lovelace"), "{found}");
    assert!(!found.contains("Maria Garcia"), "{found}");
    snap("list_found", &mut app);
    // By date of birth too; Esc shows everyone again.
    press(&mut app, KeyCode::Esc, now);
    press(&mut app, KeyCode::Char('/'), now);
    type_str(&mut app, "31/05/1980", now);
    let found = draw(&app, 120, 40);
    assert!(found.contains("Maria Garcia"), "{found}");
    assert!(!found.contains("Ada Lovelace"), "{found}");
}

#[test]
fn a_record_opens_changes_with_the_patient_and_signs_off() {
    let out = out_dir();
    let now = Instant::now();
    finish(out.path(), &answers(&[]));
    let mut app = list_at(out.path(), "Maria Garcia");
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Record(_)));
    snap("record", &mut app);
    // Change answers: initials first, then the review of every answer.
    press(&mut app, KeyCode::Char('e'), now);
    assert!(matches!(app.overlay, Some(Overlay::Initials(_))));
    type_str(&mut app, "KL", now);
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Review(_)));
    snap("record_change_answers", &mut app);
    // Leaving the change unsaved keeps the record as it was.
    let before = std::fs::read_dir(out.path()).unwrap().count();
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Record(_)));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), before);
    app.notice = None;
    press(&mut app, KeyCode::Char('s'), now);
    snap("record_sign_off", &mut app);
}

#[test]
fn a_new_intake_of_someone_seen_before_says_so_on_its_review() {
    let out = out_dir();
    let now = Instant::now();
    finish(out.path(), &answers(&[]));
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    answer_all(&mut app, &answers(&[]), now);
    let review = draw(&app, 80, 24);
    assert!(
        review.contains("Seen before: Maria Garcia finished an intake on 10 March 2025"),
        "{review}"
    );
    // Never at the kiosk.
    let mut kiosk = App::new(config(out.path(), true), now);
    press(&mut kiosk, KeyCode::Enter, now);
    answer_all(&mut kiosk, &answers(&[]), now);
    assert!(!draw(&kiosk, 80, 24).contains("Seen before"));
}

#[test]
fn the_list_shows_a_record_queued_while_the_fhir_server_cannot_be_reached() {
    use skin_intake::fhir::delivery::{Sender, Server};
    use skin_intake::fhir::server::ServerConfig;
    let out = out_dir();
    let now = Instant::now();
    // Nothing listens on port 9 of this machine: every send fails and is tried again later.
    let server = Server::new(&ServerConfig {
        url: "http://127.0.0.1:9/fhir".into(),
        auth: skin_intake::fhir::server::AuthConfig::None,
        timeout_seconds: Some(1),
    })
    .expect("a loopback server may use HTTP");
    let mut cfg = config(out.path(), false);
    cfg.delivery = Some(Sender::start(
        out.path().to_path_buf(),
        server,
        crate::support::fixed_clock,
    ));
    let mut app = App::new(cfg, now);
    press(&mut app, KeyCode::Enter, now);
    answer_all(&mut app, &answers(&[]), now);
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Result(_)));
    press(&mut app, KeyCode::Enter, now);
    let list = draw(&app, 120, 40);
    assert!(list.contains("Maria Garcia"), "{list}");
    assert!(list.contains("queued"), "{list}");
}

#[test]
fn p_on_a_record_prints_it_and_keeps_its_pdf_beside_it_privately() {
    use std::os::unix::fs::PermissionsExt;
    let out = out_dir();
    let now = Instant::now();
    finish(out.path(), &answers(&[]));
    let mut app = list_at(out.path(), "Maria Garcia");
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::Char('p'), now);
    let pdfs: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert_eq!(pdfs.len(), 1, "one PDF beside the summary");
    let pdf = std::fs::read(&pdfs[0]).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let mode = std::fs::metadata(&pdfs[0]).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // The tests' printer is one CUPS does not have: staff read why, in CUPS's words or that
    // CUPS is missing, and where the PDF is.
    let shown = draw(&app, 120, 40)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(shown.contains("Not printed:"), "{shown}");
    assert!(shown.contains("The PDF is kept as"), "{shown}");
}

#[test]
fn esc_on_the_staff_menu_goes_back_to_what_the_kiosk_showed() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    press(&mut app, KeyCode::F(10), now);
    type_str(&mut app, "2468", now);
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.overlay, Some(Overlay::StaffMenu(_))));
    press(&mut app, KeyCode::Esc, now);
    assert!(app.overlay.is_none());
    assert!(matches!(app.screen, Screen::Welcome));
    assert!(!app.staff_at_kiosk);
}

#[test]
fn back_on_the_list_a_records_message_is_gone() {
    let out = out_dir();
    let now = Instant::now();
    finish(out.path(), &answers(&[]));
    let mut app = list_at(out.path(), "Maria Garcia");
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::Char('p'), now);
    assert!(app.notice.is_some());
    press(&mut app, KeyCode::Esc, now);
    assert!(matches!(app.screen, Screen::Start(_)));
    assert!(
        !draw(&app, 120, 40).contains("Not printed"),
        "the record's message stays with the record"
    );
}

/// Signs off the open record with the form's first decision and these initials.
fn sign_off(app: &mut App, initials: &str, now: Instant) {
    press(app, KeyCode::Char('s'), now);
    press(app, KeyCode::Tab, now);
    press(app, KeyCode::Tab, now);
    type_str(app, initials, now);
    press(app, KeyCode::Enter, now);
}

#[test]
fn the_terminal_that_loses_a_sign_off_race_is_told_and_shows_the_newest_version() {
    let out = out_dir();
    let now = Instant::now();
    finish(out.path(), &answers(&[]));
    // Two terminals open the same record at version 1.
    let mut first = list_at(out.path(), "Maria Garcia");
    let mut second = list_at(out.path(), "Maria Garcia");
    press(&mut first, KeyCode::Enter, now);
    press(&mut second, KeyCode::Enter, now);
    assert!(draw(&second, 120, 40).contains("version 1 of 1"));
    sign_off(&mut first, "KL", now);
    assert!(draw(&first, 120, 40).contains("Saved as version 2"));
    let version_2 = |out: &std::path::Path| -> Vec<Vec<u8>> {
        std::fs::read_dir(out)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".v002.json"))
            .map(|e| std::fs::read(e.path()).unwrap())
            .collect()
    };
    let written = version_2(out.path());
    assert_eq!(written.len(), 1);
    // The second saves version 2 as well, a moment later: theirs stands.
    sign_off(&mut second, "MN", now);
    let screen = draw(&second, 120, 40);
    assert!(
        screen.contains("Someone else saved this record a moment ago — reopen it to see their"),
        "{screen}"
    );
    assert!(!screen.contains("os error"), "{screen}");
    assert!(screen.contains("version 2 of 2"), "{screen}");
    assert!(
        screen.contains("by KL"),
        "the record as it stands: {screen}"
    );
    assert_eq!(
        version_2(out.path()),
        written,
        "version 2 stands as the first terminal wrote it"
    );
    assert!(matches!(second.screen, Screen::Record(_)));
    // Trying again builds on their version.
    sign_off(&mut second, "MN", now);
    let screen = draw(&second, 120, 40);
    assert!(screen.contains("Saved as version 3"), "{screen}");
    assert!(screen.contains("version 3 of 3"), "{screen}");
    let versions = skin_intake::store::load_versions(out.path(), &{
        let Screen::Record(record) = &second.screen else {
            unreachable!()
        };
        record.latest().intake_id.clone()
    })
    .unwrap();
    let by: Vec<_> = versions
        .iter()
        .map(|v| v.summary.review.as_ref().map(|r| r.by.clone()))
        .collect();
    assert_eq!(by, [None, Some("KL".into()), Some("MN".into())]);
}

#[test]
fn a_saved_version_is_confirmed_in_words_without_a_path_and_f_shows_the_file() {
    let out = out_dir();
    let now = Instant::now();
    finish(out.path(), &answers(&[]));
    let mut app = list_at(out.path(), "Maria Garcia");
    press(&mut app, KeyCode::Enter, now);
    sign_off(&mut app, "KL", now);
    let screen = draw(&app, 80, 24);
    let said = screen
        .lines()
        .find(|l| l.contains("Saved as version"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        said.contains("✔ Saved as version 2 of Maria Garcia's record."),
        "{said}"
    );
    assert!(!said.contains('!'), "not a warning: {said}");
    assert!(!screen.contains(".json"), "no file path: {screen}");
    // The file is one key away, and the footer says so.
    assert!(screen.contains("f file"), "{screen}");
    press(&mut app, KeyCode::Char('f'), now);
    let shown = draw(&app, 120, 40)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(shown.contains("Version 2 is kept as"), "{shown}");
    assert!(shown.contains(".v002.json"), "{shown}");
}

#[test]
fn at_80x24_a_date_on_the_record_keeps_12_columns_and_the_question_is_cut() {
    let out = out_dir();
    let now = Instant::now();
    finish(
        out.path(),
        &answers(&[
            ("recent_procedures", serde_json::json!(["peel_or_laser"])),
            ("peel_or_laser_date", Value::from("2025-01")),
        ]),
    );
    let mut app = list_at(out.path(), "Maria Garcia");
    press(&mut app, KeyCode::Enter, now);
    app.resize(80, 24);
    let mut seen = Vec::new();
    for _ in 0..80 {
        seen.push(draw(&app, 80, 24));
        press(&mut app, KeyCode::Down, now);
    }
    let line = seen
        .iter()
        .flat_map(|s| s.lines())
        .find(|l| l.contains("• When did you last have a chemical peel"))
        .unwrap_or_else(|| panic!("{}", seen.join("\n")));
    // The month and year stay on one line beside the question; the question is cut with "…".
    assert!(line.contains("January 2025"), "{line}");
    assert!(line.contains("…: "), "{line}");
}

#[test]
fn the_note_asks_initials_and_a_changed_note_on_a_record_is_its_next_version() {
    let out = out_dir();
    let now = Instant::now();
    finish(out.path(), &answers(&[]));
    let mut app = list_at(out.path(), "Maria Garcia");
    press(&mut app, KeyCode::Enter, now);
    let record = draw(&app, 80, 24);
    assert!(record.contains("n note"), "{record}");
    press(&mut app, KeyCode::Char('n'), now);
    assert!(matches!(app.overlay, Some(Overlay::Note(_))));
    type_str(&mut app, "Patch test on the jaw first.", now);
    // Without initials, nothing is saved: the popup asks for them.
    press(&mut app, KeyCode::Enter, now);
    let asked = draw(&app, 80, 24);
    assert!(asked.contains("Please enter your initials."), "{asked}");
    assert!(asked.contains("Your initials (required):"), "{asked}");
    type_str(&mut app, "KL", now);
    press(&mut app, KeyCode::Enter, now);
    assert!(app.overlay.is_none());
    let screen = draw(&app, 120, 40);
    assert!(
        screen.contains("Saved as version 2 of Maria Garcia's record."),
        "{screen}"
    );
    assert!(
        screen.contains("Patch test on the jaw first. — KL"),
        "{screen}"
    );
    let v2: Vec<Value> = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".v002.json"))
        .map(|e| serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap())
        .collect();
    assert_eq!(v2.len(), 1);
    assert_eq!(v2[0]["clinician_note"], "Patch test on the jaw first. — KL");
    assert_eq!(v2[0]["version"], 2);
    // The same note saved again writes nothing.
    press(&mut app, KeyCode::Char('n'), now);
    press(&mut app, KeyCode::Tab, now);
    type_str(&mut app, "KL", now);
    press(&mut app, KeyCode::Enter, now);
    assert!(
        draw(&app, 120, 40).contains("the record stays as it was"),
        "unchanged"
    );
}

#[test]
fn a_record_with_issues_says_what_to_follow_up_and_the_list_says_has_issues() {
    let out = out_dir();
    let now = Instant::now();
    finish(out.path(), &answers(&[]));
    let mut app = list_at(out.path(), "Maria Garcia");
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::Char('s'), now);
    press(&mut app, KeyCode::Char('2'), now);
    let form = draw(&app, 120, 40);
    assert!(
        form.contains("Has issues: follow up with the patient"),
        "{form}"
    );
    assert!(
        form.contains("What to follow up with the patient (required):"),
        "{form}"
    );
    // No note, no "has issues".
    press(&mut app, KeyCode::Tab, now);
    press(&mut app, KeyCode::Tab, now);
    type_str(&mut app, "KL", now);
    press(&mut app, KeyCode::Enter, now);
    let refused = draw(&app, 120, 40);
    assert!(
        refused.contains("Write what to follow up with the patient."),
        "{refused}"
    );
    type_str(
        &mut app,
        "Ask for the GP's letter about the blood thinners",
        now,
    );
    press(&mut app, KeyCode::Enter, now);
    let text = draw(&app, 120, 40);
    assert!(
        text.contains("Review: Has issues: follow up with the patient by KL on"),
        "{text}"
    );
    assert!(
        text.contains("Ask for the GP's letter about the blood thinners"),
        "{text}"
    );
    // From the record's title down: the save's notice above it is another test's.
    for (w, h) in SIZES {
        app.resize(w, h);
        let text = draw(&app, w, h);
        let from = text.find("\" Record of").expect("the record's title");
        assert_snapshot!(format!("record_has_issues_{w}x{h}"), &text[from..]);
    }
    press(&mut app, KeyCode::Esc, now);
    let list = draw(&app, 80, 24);
    assert!(list.contains("has issues"), "{list}");
}

#[test]
fn a_clearance_names_its_date_in_the_form_the_record_and_the_list() {
    let out = out_dir();
    let now = Instant::now();
    finish(out.path(), &answers(&[]));
    let mut app = list_at(out.path(), "Maria Garcia");
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::Char('s'), now);
    let form = draw(&app, 80, 24);
    assert!(form.contains("Cleared to treat from 10 Mar 2025"), "{form}");
    press(&mut app, KeyCode::Tab, now);
    press(&mut app, KeyCode::Tab, now);
    type_str(&mut app, "KL", now);
    press(&mut app, KeyCode::Enter, now);
    let text = draw(&app, 120, 40);
    assert!(
        text.contains("Review: Cleared to treat from 10 Mar 2025 by KL"),
        "{text}"
    );
    press(&mut app, KeyCode::Esc, now);
    for (w, h) in SIZES {
        let list = draw(&app, w, h);
        assert!(list.contains("cleared from 10 Mar"), "{w}x{h}:\n{list}");
    }
}

/// Forty-five minutes after the fixed clock: a walk-away's age.
fn later_clock() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2025-03-10T14:50:00+01:00").unwrap()
}

#[test]
fn the_list_is_a_dashboard_with_headers_counts_filters_walk_aways_and_duplicates() {
    let out = out_dir();
    let now = Instant::now();
    clinic(out.path());
    // Maria starts again at the kiosk and walks away after her date of birth.
    let mut kiosk = App::new(config(out.path(), true), now);
    press(&mut kiosk, KeyCode::Enter, now);
    type_str(&mut kiosk, "Maria Garcia", now);
    press(&mut kiosk, KeyCode::Enter, now);
    type_str(&mut kiosk, "31/05/1980", now);
    press(&mut kiosk, KeyCode::Enter, now);
    drop(kiosk);
    let mut staff = config(out.path(), false);
    staff.clock = later_clock;
    let mut app = App::new(staff, now);
    for (w, h) in SIZES {
        app.resize(w, h);
        let text = draw(&app, w, h);
        for want in [
            "Name",
            "Age",
            "Verdict",
            "Review",
            "Waiting for review (2)",
            "Unfinished (2)",
            "Reviewed (1)",
            "left at the kiosk 45 min ago",
            "needs a physician ",
            "f state",
            "t day",
        ] {
            assert!(text.contains(want), "{w}x{h}: no {want:?}:\n{text}");
        }
        let twice = text
            .lines()
            .filter(|l| l.contains("Maria Garcia") && l.contains("same patient twice"))
            .count();
        assert!(twice >= 2, "{w}x{h}: both rows flagged:\n{text}");
        assert_snapshot!(format!("dashboard_{w}x{h}"), text);
    }
    // `f`: waiting for review only; `t`: today (every intake here is today's).
    press(&mut app, KeyCode::Char('f'), now);
    press(&mut app, KeyCode::Char('t'), now);
    for (w, h) in SIZES {
        let text = draw(&app, w, h);
        assert!(
            text.contains("The clinic's intakes: waiting for review, today"),
            "{w}x{h}:\n{text}"
        );
        assert!(text.contains("Waiting for review (2)"), "{text}");
        assert!(!text.contains("Unfinished ("), "{text}");
        assert!(!text.contains("Ada Lovelace"), "{text}");
        assert_snapshot!(format!("dashboard_waiting_today_{w}x{h}"), text);
    }
    // Round the states: has issues (none), unfinished, reviewed, every state again.
    press(&mut app, KeyCode::Char('f'), now);
    assert!(draw(&app, 80, 24).contains("Has issues (0)"));
    press(&mut app, KeyCode::Char('f'), now);
    assert!(draw(&app, 80, 24).contains("Unfinished (2)"));
    press(&mut app, KeyCode::Char('t'), now);
    press(&mut app, KeyCode::Char('t'), now);
    press(&mut app, KeyCode::Char('f'), now);
    press(&mut app, KeyCode::Char('f'), now);
    assert!(
        draw(&app, 80, 24).contains("The clinic's intakes "),
        "every state, any day"
    );
}
