//! Staff: the clinician note, exported with the summary, and the initials of who wrote it. On a
//! record, a changed note is the record's next version.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::widgets::{Paragraph, Widget};
use tui_input::Input;

use crate::tui::action::Action;

use crate::tui::session::Ctx;
use crate::tui::widgets::form;
use crate::tui::widgets::popup::popup;
use crate::tui::widgets::text_field;
use crate::words::Label;

pub const NOTE_MAX: usize = 2000;
pub const INITIALS_MAX: usize = 10;

#[derive(Debug, Clone, Default)]
pub struct Note {
    pub input: Input,
    /// The initials of who writes the note (required).
    pub by: Input,
    /// The initials' field is in focus.
    pub on_by: bool,
    pub error: Option<Label>,
}

/// What the note asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Cancel,
    /// Keep this note (`None`: no note), written by these initials.
    Save {
        note: Option<String>,
        by: String,
    },
}

impl Note {
    /// The note as it stands, to be changed.
    #[must_use]
    pub fn new(note: Option<&str>) -> Self {
        Note {
            input: Input::new(note.unwrap_or_default().to_owned()),
            ..Note::default()
        }
    }

    pub fn update(&mut self, action: &Action) -> Outcome {
        match action {
            Action::Back => return Outcome::Cancel,
            Action::NextField | Action::PreviousField => self.on_by = !self.on_by,
            Action::Confirm => {
                let by = self.by.value().trim().to_owned();
                if by.is_empty() {
                    self.on_by = true;
                    self.error = Some(Label::EnterInitials);
                    return Outcome::Stay;
                }
                let note = self.input.value().trim().to_owned();
                return Outcome::Save {
                    note: (!note.is_empty()).then_some(note),
                    by,
                };
            }
            Action::Edit(key) if self.on_by => {
                text_field::key(&mut self.by, *key, Some(INITIALS_MAX));
            }
            Action::Edit(key) => {
                text_field::key(&mut self.input, *key, Some(NOTE_MAX));
            }
            Action::Paste(text) if self.on_by => {
                text_field::insert(&mut self.by, text, Some(INITIALS_MAX));
            }
            Action::Paste(text) => {
                text_field::insert(&mut self.input, text, Some(NOTE_MAX));
            }
            _ => {}
        }
        Outcome::Stay
    }

    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let theme = ctx.config.theme;
        let words = ctx.words;
        let inner = popup(&theme, words.label(Label::ClinicianNote), 70, 11, area, buf);
        let [intro, _, text, _, by_label, by, error, keys] = inner.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ]));
        Paragraph::new(words.label(Label::NoteIntro))
            .style(theme.help)
            .render(intro, buf);
        let note = form::field(&theme, &self.input, !self.on_by, text, buf);
        Paragraph::new(words.label(Label::InitialsRequired)).render(by_label, buf);
        let initials = form::field(&theme, &self.by, self.on_by, by, buf);
        if let Some(message) = self.error {
            Paragraph::new(format!("⚠ {}", words.label(message)))
                .style(theme.error)
                .render(error, buf);
        }
        Paragraph::new(words.label(Label::NoteKeys))
            .style(theme.key)
            .render(keys, buf);
        note.or(initials)
    }
}
