//! Random keys, clicks, pastes, waits and window sizes never panic the app, and its invariants
//! hold after every event: the question on screen is one that is shown, text answers fit their
//! field, and a summary never holds the answer to a hidden question.

use skin_intake::engine::visibility;
use skin_intake::model::answer::Answers;
use std::time::{Duration, Instant};

use crate::support::{answer_current, config, out_dir, today};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use skin_intake::model::answer::Answer;
use skin_intake::tui::app::{App, Running};
use skin_intake::tui::screens::Screen;
use skin_intake::tui::screens::result::ResultScreen;

#[derive(Debug, Clone)]
enum Action {
    Key(KeyCode, KeyModifiers),
    Click(u16, u16),
    Paste(String),
    Wait(u64),
    Resize(u16, u16),
    /// Types the baseline patient's answer to the question on screen, so runs get deep.
    Answer,
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        4 => prop::sample::select(vec!['1', '2', '3', '4', '0', 'y', 'n', ' ', 'r', 'q', 'a', '/', '-']).prop_map(KeyCode::Char),
        4 => prop::sample::select(vec![
            KeyCode::Enter, KeyCode::Esc, KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right,
            KeyCode::Home, KeyCode::End, KeyCode::Backspace, KeyCode::Delete, KeyCode::Tab,
            KeyCode::PageUp, KeyCode::PageDown, KeyCode::F(2), KeyCode::F(3), KeyCode::F(10),
        ]),
        1 => any::<char>().prop_map(KeyCode::Char),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        20 => (key_code(), prop::sample::select(vec![KeyModifiers::NONE, KeyModifiers::NONE, KeyModifiers::SHIFT, KeyModifiers::CONTROL]))
            .prop_map(|(code, modifiers)| Action::Key(code, modifiers)),
        2 => (0u16..130, 0u16..45).prop_map(|(x, y)| Action::Click(x, y)),
        1 => prop_oneof![
            "[ -~]{0,40}",
            "[\\x00-\\x1f\\x7f a-z]{0,40}",
            Just("\u{1b}[2J\u{1b}]0;t\u{7}1980-05-31".to_owned()),
            Just("x".repeat(5_000)),
        ].prop_map(Action::Paste),
        1 => (0u64..400).prop_map(Action::Wait),
        1 => (0u16..140, 0u16..50).prop_map(|(w, h)| Action::Resize(w, h)),
        12 => Just(Action::Answer),
    ]
}

fn check_invariants(app: &App) -> Result<(), TestCaseError> {
    let q = &app.config.questionnaire;
    if let Some(intake) = &app.session {
        let shown = visibility::shown_items(q, intake.intake.answers(), today());
        if let Screen::Question(question) = &app.screen {
            prop_assert!(
                shown.iter().any(|item| item.id == question.item),
                "question {} is on screen but not shown",
                question.item
            );
        }
        for item in q.items() {
            if let (Some(max), Some(Answer::Text(text))) =
                (item.max_length, intake.intake.answers().get(&item.id))
            {
                prop_assert!(
                    text.chars().count() <= max,
                    "{} is longer than {max}",
                    item.id
                );
                prop_assert!(
                    !text.chars().any(char::is_control),
                    "{} holds a control character",
                    item.id
                );
            }
        }
    }
    if let Screen::Result(ResultScreen { summary, .. }) = &app.screen {
        let given: Answers = summary
            .answers
            .iter()
            .map(|a| (a.id.clone(), a.value.clone()))
            .collect();
        let shown = visibility::shown_items(q, &given, today());
        for exported in &summary.answers {
            prop_assert!(
                shown.iter().any(|item| item.id == exported.id),
                "hidden {} exported",
                exported.id
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_events_never_panic_and_keep_the_invariants(
        kiosk in any::<bool>(),
        actions in proptest::collection::vec(action(), 1..240),
    ) {
        let out = out_dir();
        let baseline: serde_json::Value =
            serde_json::from_str::<serde_json::Value>(include_str!("../fixtures/answers/suitable.json")).unwrap()["answers"].clone();
        let mut now = Instant::now();
        let mut app = App::new(config(out.path(), kiosk), now);
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        for action in actions {
            match action {
                Action::Key(code, modifiers) => app.handle_key(KeyEvent::new(code, modifiers), now),
                Action::Click(column, row) => app.handle_mouse(
                    MouseEvent { kind: MouseEventKind::Down(MouseButton::Left), column, row, modifiers: KeyModifiers::NONE },
                    now,
                ),
                Action::Paste(text) => app.handle_paste(&text, now),
                Action::Wait(seconds) => {
                    now += Duration::from_secs(seconds);
                    app.tick(now);
                }
                Action::Resize(width, height) => terminal = Terminal::new(TestBackend::new(width, height)).unwrap(),
                Action::Answer => {
                    if app.current_item().is_some() {
                        answer_current(&mut app, &baseline, now);
                    }
                    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), now);
                }
            }
            terminal.draw(|frame| frame.render_widget(&app, frame.area())).unwrap();
            check_invariants(&app)?;
            if app.running == Running::Done {
                break;
            }
        }
    }
}
