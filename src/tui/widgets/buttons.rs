//! The on-screen `Back` and `Next` buttons, for mouse and touch, as wide as their words.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::Hit;
use crate::tui::text_layout::width_of;
use crate::tui::theme::Theme;
use crate::words::{Label, Words};

/// A button's text.
fn caption(words: &dyn Words, hit: Hit) -> String {
    if hit == Hit::Back {
        format!("[ ◀ {} ]", words.label(Label::Back))
    } else {
        format!("[ {} ▶ ]", words.label(Label::Next))
    }
}

/// How wide a button is drawn and tapped.
fn width(words: &dyn Words, hit: Hit) -> u16 {
    u16::try_from(width_of(&caption(words, hit))).unwrap_or(u16::MAX)
}

/// Where the buttons go on their row: Back (when offered) at the left, Next at the right.
#[must_use]
pub fn layout(words: &dyn Words, back: bool, area: Rect) -> Vec<(Rect, Hit)> {
    let mut placed = Vec::new();
    if back {
        let width = width(words, Hit::Back);
        placed.push((
            Rect::new(area.x, area.y, width.min(area.width), 1),
            Hit::Back,
        ));
    }
    let width = width(words, Hit::Next);
    let x = area.x + area.width.saturating_sub(width);
    placed.push((Rect::new(x, area.y, width.min(area.width), 1), Hit::Next));
    placed
}

pub fn render(theme: &Theme, words: &dyn Words, back: bool, area: Rect, buf: &mut Buffer) {
    for (rect, hit) in layout(words, back, area) {
        Paragraph::new(caption(words, hit))
            .style(theme.key)
            .render(rect, buf);
    }
}
