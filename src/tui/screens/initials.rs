//! Staff: who is changing a record's answers, asked once before the changes begin; every change
//! is recorded with these initials.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::widgets::{Paragraph, Widget};
use tui_input::Input;

use crate::tui::action::Action;
use crate::tui::session::Ctx;
use crate::tui::widgets::popup::popup;
use crate::tui::widgets::text_field;
use crate::words::Label;

pub const INITIALS_MAX: usize = 10;

#[derive(Debug, Clone, Default)]
pub struct Initials {
    pub input: Input,
    pub error: Option<Label>,
}

/// What the popup asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Cancel,
    Done(String),
}

impl Initials {
    pub fn update(&mut self, action: &Action) -> Outcome {
        match action {
            Action::Back => Outcome::Cancel,
            Action::Confirm => {
                let by = self.input.value().trim().to_owned();
                if by.is_empty() {
                    self.error = Some(Label::EnterInitials);
                    Outcome::Stay
                } else {
                    Outcome::Done(by)
                }
            }
            Action::Edit(key) => {
                text_field::key(&mut self.input, *key, Some(INITIALS_MAX));
                Outcome::Stay
            }
            Action::Paste(text) => {
                text_field::insert(&mut self.input, text, Some(INITIALS_MAX));
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
    }

    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let theme = ctx.config.theme;
        let words = ctx.words;
        let inner = popup(
            &theme,
            words.label(Label::ChangeAnswersTitle),
            64,
            9,
            area,
            buf,
        );
        let [intro, _, label, field, error, keys] = inner.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ]));
        Paragraph::new(words.label(Label::EachChangeKept))
            .style(theme.help)
            .render(intro, buf);
        Paragraph::new(words.label(Label::YourInitials)).render(label, buf);
        let cursor = text_field::draw(&self.input, theme.highlight, Some(theme.cursor), field, buf);
        if let Some(message) = self.error {
            Paragraph::new(format!("⚠ {}", words.label(message)))
                .style(theme.error)
                .render(error, buf);
        }
        Paragraph::new(words.label(Label::InitialsKeys))
            .style(theme.key)
            .render(keys, buf);
        cursor
    }
}
