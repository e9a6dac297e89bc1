//! Staff: the clinician note, exported with the summary.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::widgets::{Paragraph, Widget};
use tui_input::Input;

use crate::tui::action::Action;
use crate::tui::session::Ctx;
use crate::tui::widgets::popup::popup;
use crate::tui::widgets::text_field;
use crate::words::Label;

pub const NOTE_MAX: usize = 2000;

#[derive(Debug, Clone)]
pub struct Note {
    pub input: Input,
}

/// What the note asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Cancel,
    /// Keep this note (`None`: no note).
    Save(Option<String>),
}

impl Note {
    pub fn update(&mut self, action: &Action) -> Outcome {
        match action {
            Action::Back => Outcome::Cancel,
            Action::Confirm => {
                let note = self.input.value().trim().to_owned();
                Outcome::Save((!note.is_empty()).then_some(note))
            }
            Action::Edit(key) => {
                text_field::key(&mut self.input, *key, Some(NOTE_MAX));
                Outcome::Stay
            }
            Action::Paste(text) => {
                text_field::insert(&mut self.input, text, Some(NOTE_MAX));
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
    }

    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let theme = ctx.config.theme;
        let words = ctx.words;
        let inner = popup(&theme, words.label(Label::ClinicianNote), 70, 8, area, buf);
        let [intro, _, text, _, keys] = inner.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ]));
        Paragraph::new(words.label(Label::NoteIntro))
            .style(theme.help)
            .render(intro, buf);
        let cursor = text_field::draw(&self.input, theme.highlight, Some(theme.cursor), text, buf);
        Paragraph::new(words.label(Label::NoteKeys))
            .style(theme.key)
            .render(keys, buf);
        cursor
    }
}
