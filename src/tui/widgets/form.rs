//! The pieces of a small staff form: moving between its fields, stepping through a fixed list of
//! choices, and drawing a one-line field that shows where it is even when empty.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use tui_input::Input;

use super::text_field;
use crate::tui::theme::Theme;

/// The field after (`forward`) or before `current` in `order`, round the ends.
#[must_use]
pub fn cycle<T: Copy + PartialEq>(order: &[T], current: T, forward: bool) -> T {
    let at = order.iter().position(|f| *f == current).unwrap_or(0);
    let next = if forward {
        (at + 1) % order.len()
    } else {
        (at + order.len() - 1) % order.len()
    };
    order[next]
}

/// The choice `delta` steps from `current` in `all`, stopping at the ends.
#[must_use]
pub fn step<T: Copy + PartialEq>(all: &[T], current: T, delta: isize) -> T {
    let at = all.iter().position(|c| *c == current).unwrap_or(0);
    all[at.saturating_add_signed(delta).min(all.len() - 1)]
}

/// Draws a field: highlighted with the cursor when in focus, underlined otherwise, so an empty
/// field still shows where it is. Returns where the cursor is.
pub fn field(
    theme: &Theme,
    input: &Input,
    focused: bool,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let style = if focused {
        theme.highlight
    } else {
        theme.base.add_modifier(Modifier::UNDERLINED)
    };
    text_field::draw(input, style, focused.then_some(theme.cursor), area, buf)
}
