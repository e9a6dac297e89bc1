//! Colour carries no meaning alone, `NO_COLOR` draws no colour at all, and clicks or taps do what
//! the keys do.

use std::time::Instant;

use crate::support::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::Color;
use serde_json::{Value, json};
use skin_intake::tui::action::Hit;
use skin_intake::tui::app::App;
use skin_intake::tui::screens::Screen;
use skin_intake::tui::theme::{self, Theme};

fn answers(changes: &[(&str, Value)]) -> Value {
    let text = std::fs::read_to_string("tests/fixtures/answers/suitable.json").unwrap();
    let mut a = serde_json::from_str::<Value>(&text).unwrap()["answers"].clone();
    for (id, value) in changes {
        a[*id] = value.clone();
    }
    a
}

fn buffer(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The staff app on each screen in turn: start, a question, the review, the result.
fn every_staff_screen(theme: Theme, given: &Value) -> Vec<Buffer> {
    let out = out_dir();
    let now = Instant::now();
    let mut config = config(out.path(), false);
    config.theme = theme;
    let mut app = App::new(config, now);
    let mut screens = vec![buffer(&app, 120, 40)];
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::Enter, now); // an empty name: the validation message
    screens.push(buffer(&app, 120, 40));
    answer_all(&mut app, given, now);
    screens.push(buffer(&app, 120, 40));
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Result { .. }));
    screens.push(buffer(&app, 120, 40));
    screens
}

#[test]
fn no_color_draws_no_colour_on_any_screen() {
    let not_suitable = answers(&[("bleeding_disorder", json!(true))]);
    for screen in every_staff_screen(theme::Theme::pick(true, false), &not_suitable) {
        for cell in &screen.content {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "{:?}",
                cell.symbol()
            );
        }
    }
}

#[test]
fn no_color_wins_over_high_contrast() {
    assert_eq!(Theme::pick(true, true), theme::PLAIN);
    assert_eq!(Theme::pick(false, true), theme::HIGH_CONTRAST);
    assert_eq!(Theme::pick(false, false), theme::NORMAL);
}

/// The cells of the first line that contains `text`, and that line.
fn find<'b>(screen: &'b Buffer, text: &str) -> (Vec<&'b ratatui::buffer::Cell>, String) {
    let width = usize::from(screen.area.width);
    for row in screen.content.chunks(width) {
        let line: String = row.iter().map(ratatui::buffer::Cell::symbol).collect();
        if let Some(byte) = line.find(text) {
            let start = line[..byte].chars().count();
            return (
                row[start..start + text.chars().count()].iter().collect(),
                line,
            );
        }
    }
    panic!("{text:?} is not on the screen");
}

#[test]
fn each_verdict_has_a_symbol_a_word_and_its_colour() {
    let cases = [
        (answers(&[]), "✔ SUITABLE", Color::Green, Color::LightGreen),
        (
            answers(&[("skin_type", json!("VI"))]),
            "▲ SUITABLE WITH PRECAUTIONS",
            Color::Yellow,
            Color::LightYellow,
        ),
        (
            answers(&[("keloid_history", json!(true))]),
            "? PHYSICIAN REVIEW NEEDED",
            Color::Yellow,
            Color::LightYellow,
        ),
        (
            answers(&[("active_acne", json!(true))]),
            "⏸ DELAY TREATMENT",
            Color::Red,
            Color::LightRed,
        ),
        (
            answers(&[("bleeding_disorder", json!(true))]),
            "✖ NOT SUITABLE",
            Color::Red,
            Color::LightRed,
        ),
    ];
    for (given, words, normal, high_contrast) in cases {
        for (theme, colour) in [
            (theme::NORMAL, normal),
            (theme::HIGH_CONTRAST, high_contrast),
        ] {
            let result = every_staff_screen(theme, &given).pop().unwrap();
            let (cells, line) = find(&result, words);
            assert!(
                cells.iter().all(|c| c.fg == colour),
                "{words} in {colour:?}: {line}"
            );
        }
    }
}

#[test]
fn the_validation_message_is_words_not_only_colour() {
    let screens = every_staff_screen(theme::NORMAL, &answers(&[]));
    let (cells, _) = find(&screens[1], "Please fill this in.");
    assert!(cells.iter().all(|c| c.fg == Color::Red));
}

fn click(app: &mut App, hit: Hit, now: Instant) {
    app.resize(100, 30);
    let rect = app
        .view()
        .hits(app.area)
        .into_iter()
        .find(|(_, h)| *h == hit)
        .map_or_else(|| panic!("{hit:?} is not on the screen"), |(rect, _)| rect);
    let event = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: rect.x + rect.width / 2,
        row: rect.y,
        modifiers: KeyModifiers::NONE,
    };
    app.handle_mouse(event, now);
}

#[test]
fn taps_choose_options_and_the_buttons_go_back_and_next() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    press(&mut app, KeyCode::Enter, now);
    type_str(&mut app, "Ada Lovelace", now);
    click(&mut app, Hit::Next, now);
    type_str(&mut app, "1980-05-31", now);
    click(&mut app, Hit::Next, now);
    assert_eq!(app.current_item().unwrap().id, "pregnant_or_breastfeeding");
    click(&mut app, Hit::Option(1), now);
    click(&mut app, Hit::Next, now);
    assert_eq!(app.current_item().unwrap().id, "concerns");
    click(&mut app, Hit::Option(1), now);
    click(&mut app, Hit::Option(6), now);
    click(&mut app, Hit::Option(1), now); // a second tap unticks
    click(&mut app, Hit::Next, now);
    assert_eq!(app.current_item().unwrap().id, "areas");
    click(&mut app, Hit::Back, now);
    assert_eq!(app.current_item().unwrap().id, "concerns");
    let intake = app.session.as_ref().unwrap();
    assert_eq!(
        intake.intake.answers().get("pregnant_or_breastfeeding"),
        Some(&skin_intake::model::answer::Answer::Choice("no".into()))
    );
    assert_eq!(
        intake.intake.answers().get("concerns"),
        Some(&skin_intake::model::answer::Answer::Choices(vec![
            "acne_scars".into()
        ]))
    );
}

#[test]
fn a_tap_on_a_row_of_the_staff_menu_opens_it() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    press(&mut app, KeyCode::F(10), now);
    type_str(&mut app, "2468", now);
    press(&mut app, KeyCode::Enter, now);
    // The rows are where the menu draws them.
    app.resize(100, 30);
    let drawn = buffer(&app, 100, 30);
    for (rect, hit) in app.view().hits(app.area) {
        let Hit::Row(i) = hit else {
            panic!("{hit:?} in the staff menu")
        };
        let row: String = (rect.x..rect.right())
            .map(|x| drawn[(x, rect.y)].symbol())
            .collect();
        assert!(row.contains(&format!("{}  ", i + 1)), "{row}");
    }
    click(&mut app, Hit::Row(0), now);
    assert!(matches!(app.screen, Screen::Start(_)), "Review intakes");
    assert!(app.overlay.is_none());
    // Back in the menu, a tap on "Leave kiosk mode" asks first.
    press(&mut app, KeyCode::Char('q'), now);
    click(&mut app, Hit::Row(2), now);
    assert_eq!(app.running, skin_intake::tui::app::Running::Yes);
    let asked = buffer(&app, 100, 30);
    let text: String = asked
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(text.contains("Leave kiosk mode?"), "{text}");
}
