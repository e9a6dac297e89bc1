//! Text fields: what typing, editing keys and pasting do, with a length cap, drawn on one line or
//! wrapped over several (a long note). Used by the
//! question editor and by the staff's note and override fields.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use tui_input::{Input, InputRequest};
use unicode_segmentation::UnicodeSegmentation;

use crate::engine::checks;
use crate::tui::text_layout::{ellipsize, width_of};

/// Handles an editing key; returns whether the key was one (so the caller may clear a message).
pub fn key(input: &mut Input, key: KeyEvent, max: Option<usize>) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let request = match key.code {
        KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
            insert(input, &c.to_string(), max);
            return true;
        }
        KeyCode::Backspace if ctrl => InputRequest::DeletePrevWord,
        KeyCode::Backspace => InputRequest::DeletePrevChar,
        KeyCode::Delete => InputRequest::DeleteNextChar,
        KeyCode::Left if ctrl => InputRequest::GoToPrevWord,
        KeyCode::Left => InputRequest::GoToPrevChar,
        KeyCode::Right if ctrl => InputRequest::GoToNextWord,
        KeyCode::Right => InputRequest::GoToNextChar,
        KeyCode::Home => InputRequest::GoToStart,
        KeyCode::End => InputRequest::GoToEnd,
        KeyCode::Char('u') if ctrl => InputRequest::DeleteLine,
        _ => return false,
    };
    input.handle(request);
    true
}

/// Inserts typed or pasted text without escape sequences, control characters or invisible
/// formatting characters (line breaks and tabs become spaces), and only as much as still fits
/// under `max` characters.
pub fn insert(input: &mut Input, text: &str, max: Option<usize>) {
    insert_text(input, text, max, false);
}

/// As [`insert`], into a field of several lines: line breaks stay (`\r\n` and `\r` become `\n`).
pub fn insert_lines(input: &mut Input, text: &str, max: Option<usize>) {
    insert_text(input, text, max, true);
}

fn insert_text(input: &mut Input, text: &str, max: Option<usize>, lines: bool) {
    let room = max.map_or(usize::MAX, |max| {
        max.saturating_sub(input.value().chars().count())
    });
    if room == 0 {
        return;
    }
    let text = text.replace("\r\n", "\n");
    let mut cleaned = Vec::new();
    for (i, line) in text.split(['\n', '\r']).enumerate() {
        if i > 0 {
            cleaned.push(if lines { '\n' } else { ' ' });
        }
        // Tabs become spaces first: the escape stripper would drop them.
        let spaced = line.replace('\t', " ");
        let plain = strip_ansi_escapes::strip_str(spaced);
        cleaned.extend(checks::without_hidden(&plain).chars());
    }
    for c in cleaned.into_iter().take(room) {
        input.handle(InputRequest::InsertChar(c));
    }
}

/// A line break at the cursor, where `max` characters leave room for one; returns whether it was
/// made.
pub fn new_line(input: &mut Input, max: Option<usize>) -> bool {
    if max.is_some_and(|max| input.value().chars().count() >= max) {
        return false;
    }
    input.handle(InputRequest::InsertChar('\n'));
    true
}

/// Draws the field on the first line of `area`: the part of the text that fits, scrolled to keep
/// the cursor in view, and the cursor where one is given. A field out of focus (no cursor) shows
/// its text from the start, ending in `…` where it is longer: its first letters never scroll out. Returns where the cursor is, so the
/// terminal's own cursor can be put there (screen magnifiers follow it).
///
/// Everything is measured in screen columns, grapheme by grapheme as ratatui draws them: a wide
/// character (CJK, most emoji) takes two, so the text scrolls by columns and the cursor sits on
/// its character.
pub fn draw(
    input: &Input,
    style: Style,
    cursor: Option<Style>,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let value = input.value();
    let columns = usize::from(area.width);
    let at = value
        .char_indices()
        .nth(input.cursor())
        .map_or(value.len(), |(byte, _)| byte);
    let cursor_column = width_of(&value[..at]);
    if cursor.is_none() {
        let shown = ellipsize(value, columns);
        let pad = columns.saturating_sub(width_of(&shown));
        Paragraph::new(format!("{shown}{:pad$}", ""))
            .style(style)
            .render(area, buf);
        return None;
    }
    // The last column is kept for the cursor after the text's end.
    let room = columns.saturating_sub(1);
    // Whole graphemes scroll out on the left until the cursor is in view.
    let mut scroll = 0;
    let mut graphemes = value.graphemes(true);
    while cursor_column.saturating_sub(scroll) > room {
        let Some(grapheme) = graphemes.next() else {
            break;
        };
        scroll += width_of(grapheme);
    }
    let mut shown = String::new();
    let mut shown_width = 0;
    for grapheme in graphemes {
        let width = width_of(grapheme);
        if shown_width + width > columns {
            break;
        }
        shown.push_str(grapheme);
        shown_width += width;
    }
    shown.extend(std::iter::repeat_n(' ', columns - shown_width));
    Paragraph::new(shown).style(style).render(area, buf);
    let x = area
        .x
        .saturating_add(u16::try_from(cursor_column.saturating_sub(scroll)).unwrap_or(u16::MAX));
    let cursor = cursor.filter(|_| x < area.right() && area.height > 0)?;
    buf[(x, area.y)].set_style(cursor);
    Some(Position::new(x, area.y))
}

/// Draws a long text field over all the rows of `area`: a line break starts a new row, and a
/// line longer than a row breaks after the last space that fits (or at the last column inside a
/// long word); scrolled so the cursor's row is in view. Measured grapheme by grapheme, so the
/// cursor lands on its character. Returns where the cursor is.
pub fn draw_wrapped(
    input: &Input,
    style: Style,
    cursor: Style,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let columns = usize::from(area.width);
    if columns == 0 || area.height == 0 {
        return None;
    }
    let graphemes: Vec<&str> = input.value().graphemes(true).collect();
    let breaks = |g: &str| g == "\n";
    let widths: Vec<usize> = graphemes
        .iter()
        .map(|g| if breaks(g) { 0 } else { width_of(g) })
        .collect();
    // Where each row starts and ends, as grapheme indexes (a line break ends its row, unshown).
    let mut rows: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let (mut row_width, mut after_space) = (0, None);
    for (i, width) in widths.iter().enumerate() {
        if breaks(graphemes[i]) {
            rows.push((start, i));
            start = i + 1;
            (row_width, after_space) = (0, None);
            continue;
        }
        if row_width + width > columns && i > start {
            let next = after_space.filter(|b| *b > start && *b <= i).unwrap_or(i);
            rows.push((start, next));
            start = next;
            row_width = widths[next..i].iter().sum();
            after_space = None;
        }
        row_width += width;
        if graphemes[i].chars().all(char::is_whitespace) {
            after_space = Some(i + 1);
        }
    }
    rows.push((start, graphemes.len()));
    let at = graphemes
        .iter()
        .scan(0, |chars, g| {
            let before = *chars;
            *chars += g.chars().count();
            Some(before)
        })
        .take_while(|before| *before < input.cursor())
        .count();
    let row_of = rows.iter().rposition(|(s, _)| *s <= at).unwrap_or(0);
    let mut texts: Vec<String> = rows
        .iter()
        .map(|(s, e)| graphemes[*s..*e].concat())
        .collect();
    let column: usize = widths[rows[row_of].0..at].iter().sum();
    // At the end of a full row the cursor waits at the start of the next.
    let (row, column) = if column >= columns {
        texts.push(String::new());
        (texts.len() - 1, 0)
    } else {
        (row_of, column)
    };
    let height = usize::from(area.height);
    let first = row.saturating_sub(height - 1);
    let lines: Vec<Line> = (first..first + height)
        .map(|i| {
            let text = texts.get(i).map_or("", String::as_str);
            let pad = columns.saturating_sub(width_of(text));
            Line::from(format!("{text}{:pad$}", ""))
        })
        .collect();
    Paragraph::new(lines).style(style).render(area, buf);
    let x = area
        .x
        .saturating_add(u16::try_from(column).unwrap_or(u16::MAX));
    let y = area
        .y
        .saturating_add(u16::try_from(row - first).unwrap_or(u16::MAX));
    if x >= area.right() || y >= area.bottom() {
        return None;
    }
    buf[(x, y)].set_style(cursor);
    Some(Position::new(x, y))
}
