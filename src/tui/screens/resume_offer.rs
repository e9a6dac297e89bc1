//! Staff started a new intake for a patient who has an unfinished one: resume it or start anew.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::Action;
use crate::tui::session::Ctx;
use crate::tui::text_layout::wrap;
use crate::tui::widgets::popup::popup;
use crate::words::Label;

/// The offer: the unfinished intake's id and the sentence that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeOffer {
    pub id: String,
    pub message: String,
}

/// What staff chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    /// Enter: resume the unfinished intake.
    Resume,
    /// Esc: go on with the new one.
    StartAnew,
}

#[must_use]
pub fn update(action: &Action) -> Outcome {
    match action {
        Action::Confirm => Outcome::Resume,
        Action::Back => Outcome::StartAnew,
        _ => Outcome::Stay,
    }
}

impl ResumeOffer {
    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.config.theme;
        let words = ctx.words;
        let inner = popup(
            &theme,
            words.label(Label::ResumeOfferTitle),
            64,
            10,
            area,
            buf,
        );
        let [text, _, keys] = inner.layout(&Layout::vertical([
            Constraint::Length(4),
            Constraint::Min(0),
            Constraint::Length(1),
        ]));
        Paragraph::new(
            wrap(&self.message, usize::from(text.width))
                .into_iter()
                .map(Line::from)
                .collect::<Vec<_>>(),
        )
        .render(text, buf);
        Line::styled(words.label(Label::ResumeOfferKeys), theme.key).render(keys, buf);
    }
}
