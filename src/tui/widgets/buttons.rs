//! The on-screen buttons, for mouse and touch, as wide as their words: `Back` and `Next` on a
//! question, and the kiosk's `Start over` and `Call staff`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::Hit;
use crate::tui::text_layout::width_of;
use crate::tui::theme::Theme;
use crate::words::{Label, Words};

/// A button's text.
fn caption(words: &dyn Words, hit: Hit) -> String {
    match hit {
        Hit::Back => format!("[ ◀ {} ]", words.label(Label::Back)),
        Hit::StartOver => format!("[ {} ]", words.label(Label::StartOver)),
        Hit::CallStaff => format!("[ {} ]", words.label(Label::CallStaff)),
        _ => format!("[ {} ▶ ]", words.label(Label::Next)),
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

/// The least room between the kiosk's two buttons, and the room they get where there is more.
const KIOSK_GAP: (u16, u16) = (2, 6);

/// Where the kiosk's `Start over` and `Call staff` go on their row: side by side in the middle,
/// apart enough that a finger finds one without the other.
#[must_use]
pub fn kiosk_layout(words: &dyn Words, area: Rect) -> Vec<(Rect, Hit)> {
    let (start, call) = (width(words, Hit::StartOver), width(words, Hit::CallStaff));
    let spare = area.width.saturating_sub(start + call);
    let gap = spare.saturating_sub(2).min(KIOSK_GAP.1).max(KIOSK_GAP.0);
    let total = start + gap + call;
    let x = area.x + area.width.saturating_sub(total) / 2;
    let call_x = (x + start + gap).min(area.right());
    vec![
        (
            Rect::new(x, area.y, start.min(area.width), 1),
            Hit::StartOver,
        ),
        (
            Rect::new(call_x, area.y, call.min(area.right() - call_x), 1),
            Hit::CallStaff,
        ),
    ]
}

pub fn render_kiosk(theme: &Theme, words: &dyn Words, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    for (rect, hit) in kiosk_layout(words, area) {
        Paragraph::new(caption(words, hit))
            .style(theme.key)
            .render(rect, buf);
    }
}
