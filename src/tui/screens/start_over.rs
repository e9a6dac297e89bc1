//! Kiosk: the patient asked to start over. Asked first, in calm words, with "No, keep my answers"
//! chosen until the patient chooses otherwise: starting over deletes the answers.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::{Action, Hit};
use crate::tui::session::Ctx;
use crate::tui::text_layout::{ellipsize, wrap_at_most};
use crate::tui::widgets::popup::{inside, popup};
use crate::words::{Label, Words};

const WIDTH: u16 = 60;
/// The most lines the message takes (it takes two in English and Spanish).
const MESSAGE_MOST: usize = 4;

/// The choice in the dialog: No until the patient moves to Yes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StartOver {
    pub yes: bool,
}

/// What the patient chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    /// No: back to the answers, as they were.
    Keep,
    /// Yes: delete the answers and start again.
    StartOver,
}

/// Where the parts of the dialog go inside its popup, and the message's lines.
struct Parts {
    message: Rect,
    lines: Vec<String>,
    yes: Rect,
    no: Rect,
    keys: Rect,
}

/// The dialog in `area`: as tall as its message needs (the popup's room is the same width
/// whatever its height).
fn parts(words: &dyn Words, area: Rect) -> Parts {
    let width = inside(WIDTH, 3, area).width;
    let lines = wrap_at_most(
        words.label(Label::StartOverExplained),
        usize::from(width),
        MESSAGE_MOST,
    );
    let message_h = u16::try_from(lines.len()).unwrap_or(1);
    // Borders, the message, a blank line, Yes, No, a blank line, the keys.
    let inner = inside(WIDTH, message_h + 7, area);
    let [message, _, yes, no, _, keys] = inner.layout(&Layout::vertical([
        Constraint::Length(message_h),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ]));
    Parts {
        message,
        lines,
        yes,
        no,
        keys,
    }
}

/// A choice as drawn: its pointer when chosen, and its words as a button.
fn caption(words: &dyn Words, label: Label, chosen: bool) -> String {
    format!(
        "{} [ {} ]",
        if chosen { "▶" } else { " " },
        words.label(label)
    )
}

impl StartOver {
    pub fn update(&mut self, action: &Action) -> Outcome {
        match action {
            Action::NextField => {
                self.yes = !self.yes;
                Outcome::Stay
            }
            Action::Yes | Action::Tap(Hit::Yes) => Outcome::StartOver,
            Action::Confirm if self.yes => Outcome::StartOver,
            Action::No | Action::Back | Action::Confirm | Action::Tap(Hit::No) => Outcome::Keep,
            _ => Outcome::Stay,
        }
    }

    /// Where a tap lands: each choice's row.
    #[must_use]
    pub fn hits(&self, words: &dyn Words, area: Rect) -> Vec<(Rect, Hit)> {
        let parts = parts(words, area);
        vec![(parts.yes, Hit::Yes), (parts.no, Hit::No)]
    }

    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.config.theme;
        let words = ctx.words;
        let parts = parts(words, area);
        let height = u16::try_from(parts.lines.len()).unwrap_or(1) + 7;
        popup(
            &theme,
            words.label(Label::StartOver),
            WIDTH,
            height,
            area,
            buf,
        );
        Paragraph::new(
            parts
                .lines
                .iter()
                .map(|l| Line::from(l.as_str()))
                .collect::<Vec<_>>(),
        )
        .render(parts.message, buf);
        for (rect, label, chosen) in [
            (parts.yes, Label::StartOverYes, self.yes),
            (parts.no, Label::StartOverNo, !self.yes),
        ] {
            let text = ellipsize(&caption(words, label, chosen), usize::from(rect.width));
            let style = if chosen { theme.highlight } else { theme.key };
            Paragraph::new(text).style(style).render(rect, buf);
        }
        Paragraph::new(ellipsize(
            words.label(Label::StartOverKeys),
            usize::from(parts.keys.width),
        ))
        .style(theme.help)
        .render(parts.keys, buf);
    }
}
