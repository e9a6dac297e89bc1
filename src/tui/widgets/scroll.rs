//! Scrolling a long text by lines: the keys every scrolled screen shares.

use crate::tui::action::Action;

/// Moves `scroll` for a scrolling action, never past `max` (the last line at the bottom).
/// Returns whether the action was one.
pub fn apply(scroll: &mut u16, action: &Action, max: u16) -> bool {
    *scroll = match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1).min(max),
        Action::PageUp => scroll.saturating_sub(10),
        Action::PageDown => scroll.saturating_add(10).min(max),
        Action::Home => 0,
        Action::End => max,
        _ => return false,
    };
    true
}
