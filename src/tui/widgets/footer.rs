//! The footer: the keys of the screen in focus, as the keymap lists them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::text_layout::width_of;
use crate::tui::theme::Theme;

/// The keys on one line. Where they do not fit, the gaps narrow, then entries go from the end,
/// except the last `kept` (how to leave, or to get help), which always stay.
pub fn render(theme: &Theme, keys: &[(&str, &str)], kept: usize, area: Rect, buf: &mut Buffer) {
    let room = usize::from(area.width.saturating_sub(2));
    let width = |keys: &[(&str, &str)], gap: usize| {
        keys.iter()
            .map(|(key, action)| width_of(key) + 1 + width_of(action))
            .sum::<usize>()
            + gap * keys.len().saturating_sub(1)
    };
    let mut shown: Vec<(&str, &str)> = keys.to_vec();
    let gap = if width(&shown, 2) <= room { 2 } else { 1 };
    let kept = kept.max(1);
    while width(&shown, gap) > room && shown.len() > kept {
        shown.remove(shown.len() - kept - 1);
    }
    let mut spans = Vec::new();
    for (key, action) in shown {
        if !spans.is_empty() {
            spans.push(Span::raw(" ".repeat(gap)));
        }
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::raw(format!(" {action}")));
    }
    Paragraph::new(Line::from(spans)).render(area.inner(Margin::new(1, 0)), buf);
}
