//! Staff pressed Ctrl-C during an intake: leaving is a choice, never an accident.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::Action;
use crate::tui::session::Ctx;
use crate::tui::text_layout::wrap;
use crate::tui::widgets::popup::popup;
use crate::words::Label;

/// What staff chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    /// Esc: keep answering.
    Close,
    /// Enter: to the list of intakes; this one waits under Unfinished.
    ToList,
    /// Ctrl-C again: quit skin-intake.
    Quit,
}

#[must_use]
pub fn update(action: &Action) -> Outcome {
    match action {
        Action::Confirm => Outcome::ToList,
        Action::Leave => Outcome::Quit,
        Action::Back => Outcome::Close,
        _ => Outcome::Stay,
    }
}

pub fn render(ctx: Ctx, area: Rect, buf: &mut Buffer) {
    let theme = ctx.config.theme;
    let words = ctx.words;
    let inner = popup(&theme, words.label(Label::LeaveTitle), 64, 9, area, buf);
    let [text, _, keys] = inner.layout(&Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(0),
        Constraint::Length(3),
    ]));
    let message = words.label(Label::LeaveExplained);
    Paragraph::new(
        wrap(message, usize::from(text.width))
            .into_iter()
            .map(Line::from)
            .collect::<Vec<_>>(),
    )
    .render(text, buf);
    Paragraph::new(vec![
        Line::styled(words.label(Label::LeaveToList), theme.key),
        Line::styled(words.label(Label::LeaveQuit), theme.key),
        Line::styled(words.label(Label::LeaveKeepAnswering), theme.key),
    ])
    .render(keys, buf);
}
