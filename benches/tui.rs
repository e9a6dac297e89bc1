//! What a key costs inside the program: the key handled by the app and the frame presented as the
//! event loop presents it, into a `TestBackend` of 120×40, on each kind of screen, with the
//! built-in questionnaire and one 100× larger. Each iteration is one key and its frame; the keys
//! alternate so the screen keeps changing (↓ then ↑, a letter then Backspace). No terminal I/O:
//! `benches/e2e.rs` measures that.

#[path = "support/large.rs"]
mod large;

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skin_intake::engine::summary::Mode;
use skin_intake::tui::Presenter;
use skin_intake::tui::app::App;
use skin_intake::tui::config::Config;
use skin_intake::tui::screens::Screen;
use skin_intake::{load, store, tui};

const COPIES: usize = 100;

/// The app in a staff session with one unfinished intake that answers every question, and the
/// folder it saves to.
fn app(copies: usize, now: Instant) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("out");
    store::ensure_private_dir(&out).expect("the output folder");
    let questionnaire =
        load::questionnaire::load("questions.json", &large::questionnaire(copies)).expect("valid");
    let (answers, problems) = load::answers::parse_file(&questionnaire, &large::answers(copies));
    assert!(problems.is_empty(), "{problems:?}");
    let mut draft = store::Draft::new(&questionnaire, "en", Mode::Staff, clock());
    draft.record(&answers, None, clock());
    let lock = store::lock_draft(&out, &draft.id).expect("the draft is locked");
    store::save_draft(&out, &draft, &lock).expect("the draft is saved");
    let config = Config {
        questionnaire: questionnaire.into(),
        out,
        kiosk: false,
        today: chrono::NaiveDate::from_ymd_opt(2025, 3, 10).expect("a date"),
        language: "en".into(),
        done_timeout: Duration::from_secs(30),
        idle_timeout: Duration::from_mins(2),
        staff_pin: None,
        theme: tui::theme::NORMAL,
        clock,
        delivery: None,
        printing: skin_intake::clinic::Printing::default(),
    };
    let mut app = App::new(config, now);
    app.resize(120, 40);
    (app, dir)
}

fn clock() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2025-03-10T09:00:00+01:00").expect("a time")
}

fn press(app: &mut App, code: KeyCode, now: Instant) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE), now);
}

/// A screen to measure, and the two keys that alternate on it.
struct Case {
    name: &'static str,
    place: Place,
    keys: [KeyCode; 2],
}

enum Place {
    Start,
    /// A question of the questionnaire's last copy, opened from the review.
    Question(&'static str),
    /// The question before the last, reached going back from the review: Enter there confirms
    /// and shows the next question.
    BeforeLast,
    Review,
    Result,
}

const CASES: [Case; 9] = [
    Case {
        name: "start list ↓↑",
        place: Place::Start,
        keys: [KeyCode::Down, KeyCode::Up],
    },
    Case {
        name: "text question: letter, Backspace",
        place: Place::Question("full_name"),
        keys: [KeyCode::Char('a'), KeyCode::Backspace],
    },
    Case {
        name: "date question: digit, Backspace",
        place: Place::Question("date_of_birth"),
        keys: [KeyCode::Char('1'), KeyCode::Backspace],
    },
    Case {
        name: "yes/no question ↓↑",
        place: Place::Question("dark_marks_history"),
        keys: [KeyCode::Down, KeyCode::Up],
    },
    Case {
        name: "single-choice question ↓↑",
        place: Place::Question("skin_type"),
        keys: [KeyCode::Down, KeyCode::Up],
    },
    Case {
        name: "multiple-choice question ↓↑",
        place: Place::Question("concerns"),
        keys: [KeyCode::Down, KeyCode::Up],
    },
    Case {
        name: "question: Enter (confirm, save), Esc",
        place: Place::BeforeLast,
        keys: [KeyCode::Enter, KeyCode::Esc],
    },
    Case {
        name: "review ↓↑",
        place: Place::Review,
        keys: [KeyCode::Down, KeyCode::Up],
    },
    Case {
        name: "result ↓↑",
        place: Place::Result,
        keys: [KeyCode::Down, KeyCode::Up],
    },
];

/// Brings the app from its start list to `place`, through the resumed intake's review.
fn reach(app: &mut App, place: &Place, copies: usize, now: Instant) {
    if matches!(place, Place::Start) {
        return;
    }
    press(app, KeyCode::Down, now);
    press(app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Review(_)), "not on the review");
    match place {
        Place::Question(id) => {
            // Rows are Submit and then the answers; the last copy's are at the end.
            let id = large::renamed(id, copies - 1);
            let rows = app.review_rows();
            let row = 1 + rows.iter().position(|i| i.id == id).expect("answered");
            let up = rows.len() - row;
            press(app, KeyCode::End, now);
            for _ in 0..up {
                press(app, KeyCode::Up, now);
            }
            press(app, KeyCode::Enter, now);
            assert_eq!(app.current_item().map(|i| &i.id), Some(&id));
        }
        Place::BeforeLast => {
            press(app, KeyCode::Esc, now);
            press(app, KeyCode::Esc, now);
            let id = large::renamed("photo_consent", copies - 1);
            assert_eq!(app.current_item().map(|i| &i.id), Some(&id));
        }
        Place::Result => {
            press(app, KeyCode::Enter, now);
            assert!(matches!(app.screen, Screen::Result(_)), "not on the result");
        }
        Place::Start | Place::Review => {}
    }
}

fn keys(c: &mut Criterion) {
    let mut group = c.benchmark_group("key and frame at 120x40");
    // A key on the large questionnaire takes tens of milliseconds: few, equal samples.
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for case in &CASES {
        for (copies, questionnaire) in [(1, "built-in"), (COPIES, "100x")] {
            let now = Instant::now();
            let (mut app, _dir) = app(copies, now);
            reach(&mut app, &case.place, copies, now);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a terminal");
            let mut presenter = Presenter::default();
            let mut turn = 0;
            group.bench_function(BenchmarkId::new(case.name, questionnaire), |b| {
                b.iter(|| {
                    press(&mut app, case.keys[turn % 2], now);
                    turn += 1;
                    presenter
                        .present(&mut terminal, &mut app)
                        .expect("presented");
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, keys);
criterion_main!(benches);
