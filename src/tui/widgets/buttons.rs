//! The on-screen `Back` and `Next` buttons, for mouse and touch.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::Hit;
use crate::tui::theme::Theme;
use crate::words::{Label, Words};

const WIDTH: u16 = 10;

/// Where the buttons go on their row: Back (when offered) at the left, Next at the right.
#[must_use]
pub fn layout(back: bool, area: Rect) -> Vec<(Rect, Hit)> {
    let mut placed = Vec::new();
    if back {
        placed.push((
            Rect::new(area.x, area.y, WIDTH.min(area.width), 1),
            Hit::Back,
        ));
    }
    let x = area.x + area.width.saturating_sub(WIDTH);
    placed.push((Rect::new(x, area.y, WIDTH.min(area.width), 1), Hit::Next));
    placed
}

pub fn render(theme: &Theme, words: &dyn Words, back: bool, area: Rect, buf: &mut Buffer) {
    for (rect, hit) in layout(back, area) {
        let label = if hit == Hit::Back {
            format!("[ ◀ {} ]", words.label(Label::Back))
        } else {
            format!("[ {} ▶ ]", words.label(Label::Next))
        };
        Paragraph::new(label).style(theme.key).render(rect, buf);
    }
}
