//! A one-line text field measures in screen columns: wide characters (CJK, emoji) take two, the
//! text scrolls by whole characters to keep the cursor in view, and the cursor sits on its
//! character.

use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Style};
use skin_intake::tui::Presenter;
use skin_intake::tui::app::App;
use skin_intake::tui::text_layout::width_of;
use skin_intake::tui::widgets::text_field;
use tui_input::Input;

use crate::support::{config, key, out_dir, press, type_str};

const CURSOR: Style = Style::new().bg(Color::Yellow);

/// The text of row `y` from column `from` to `to`, as a person reads it (a wide character once).
fn row(buf: &Buffer, y: u16, from: u16, to: u16) -> String {
    let mut text = String::new();
    let mut x = from;
    while x < to {
        let symbol = buf[(x, y)].symbol();
        text.push_str(symbol);
        x += u16::try_from(width_of(symbol).max(1)).unwrap();
    }
    text
}

fn field(text: &str, lefts: usize, width: u16) -> (Buffer, Option<Position>) {
    let mut input = Input::default();
    text_field::insert(&mut input, text, None);
    for _ in 0..lefts {
        text_field::key(&mut input, key(KeyCode::Left), None);
    }
    let area = Rect::new(2, 0, width, 1);
    let mut buf = Buffer::empty(Rect::new(0, 0, width + 4, 1));
    let cursor = text_field::draw(&input, Style::new(), Some(CURSOR), area, &mut buf);
    (buf, cursor)
}

#[test]
fn a_long_cjk_answer_scrolls_by_columns_and_the_cursor_follows_its_end() {
    // Ten characters of two columns each (20 columns) in a field of ten: the last four show,
    // and the cursor is in the column right after them.
    let (buf, cursor) = field("日本語のテキストです", 0, 10);
    assert_eq!(row(&buf, 0, 2, 12), "ストです  ");
    assert_eq!(cursor, Some(Position::new(2 + 8, 0)));
    assert_eq!(buf[(10, 0)].style().bg, Some(Color::Yellow));
}

#[test]
fn the_cursor_sits_on_its_wide_character() {
    // Two to the left: the cursor is on で, and the field shows as much before it as fits.
    let (buf, cursor) = field("日本語のテキストです", 2, 10);
    assert_eq!(row(&buf, 0, 2, 12), "テキストで");
    assert_eq!(cursor, Some(Position::new(2 + 8, 0)));
    assert_eq!(buf[(10, 0)].symbol(), "で");
    assert_eq!(buf[(10, 0)].style().bg, Some(Color::Yellow));
}

#[test]
fn emoji_and_ascii_mixed_scroll_to_the_cursor() {
    // 😀 takes two columns, a letter one: 3 + 2 + 3 + 2 + 3 = 13 columns in a field of 8.
    let (buf, cursor) = field("abc😀def😀ghi", 0, 8);
    assert_eq!(row(&buf, 0, 2, 10), "ef😀ghi ");
    assert_eq!(cursor, Some(Position::new(2 + 7, 0)));
    // Home: the start, the cursor on the first letter.
    let (buf, cursor) = field("abc😀def😀ghi", 11, 8);
    assert_eq!(row(&buf, 0, 2, 10), "abc😀def");
    assert_eq!(cursor, Some(Position::new(2, 0)));
    assert_eq!(buf[(2, 0)].symbol(), "a");
}

#[test]
fn a_name_in_cjk_on_a_narrow_screen_shows_its_end_beside_the_cursor() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    let name = "山田花子😀やまだはなこ山田花子😀やまだはなこ山田花子😀やまだはなこ終わり";
    type_str(&mut app, name, now);
    let mut terminal = Terminal::new(TestBackend::new(60, 20)).unwrap();
    let mut presenter = Presenter::default();
    presenter.present(&mut terminal, &mut app).unwrap();
    let cursor = terminal.get_cursor_position().unwrap();
    let buf = terminal.backend().buffer().clone();
    // Left of the cursor, the end of the name; the cursor itself past it.
    let ending = "はなこ終わり";
    let from = cursor.x - u16::try_from(width_of(ending)).unwrap();
    assert_eq!(
        row(&buf, cursor.y, from, cursor.x),
        ending,
        "{:?}",
        row(&buf, cursor.y, 0, 60)
    );
    assert_eq!(buf[(cursor.x, cursor.y)].symbol(), " ");
    assert!(terminal.backend().cursor_visible());
}

/// Test: an override reason longer than its field, once staff move to the next field, shows from
/// its first letter (it used to show its tail, the first letters scrolled out).
#[test]
fn a_long_override_reason_keeps_its_first_letter_out_of_focus() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::F(3), now);
    press(&mut app, KeyCode::Tab, now);
    let reason = "Xavier's own dermatologist confirmed in writing that the scar is fully healed, \
                  so treatment can go ahead.";
    type_str(&mut app, reason, now);
    press(&mut app, KeyCode::Tab, now);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .unwrap();
    let screen = terminal.backend().to_string();
    let line = screen
        .lines()
        .find(|l| l.contains("dermatologist"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(line.contains("Xavier's own dermatologist"), "{line}");
    assert!(
        line.contains('…'),
        "cut at the end, where it goes on: {line}"
    );
}
