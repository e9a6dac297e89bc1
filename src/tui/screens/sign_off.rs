//! Staff: sign off a record — the clinician's initials, a decision and an optional note become the
//! review of a new version.

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use tui_input::Input;

use crate::engine::summary::{Decision, Review};
use crate::tui::action::Action;
use crate::tui::session::Ctx;
use crate::tui::widgets::popup::popup;
use crate::tui::widgets::{form, text_field};
use crate::words::{DateForm, Label, Say};

pub const INITIALS_MAX: usize = 10;
pub const NOTE_MAX: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Decision,
    Note,
    By,
}

/// The fields in the order Tab moves through them.
const FIELDS: [Field; 3] = [Field::Decision, Field::Note, Field::By];

#[derive(Debug, Clone)]
pub struct SignOff {
    pub decision: Decision,
    /// The date a clearance would apply from (the engine's), shown beside "Cleared to treat";
    /// `None`: nothing gives one, and a clearance waits for an override's start.
    pub cleared_from: Option<NaiveDate>,
    pub note: Input,
    pub by: Input,
    pub field: Field,
    pub error: Option<Label>,
}

/// What the form asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Cancel,
    Save(Review),
}

impl Default for SignOff {
    fn default() -> Self {
        SignOff {
            decision: Decision::Cleared,
            cleared_from: None,
            note: Input::default(),
            by: Input::default(),
            field: Field::Decision,
            error: None,
        }
    }
}

impl SignOff {
    #[must_use]
    pub fn new(cleared_from: Option<NaiveDate>) -> Self {
        SignOff {
            cleared_from,
            ..SignOff::default()
        }
    }

    pub fn update(&mut self, action: &Action, now: DateTime<FixedOffset>) -> Outcome {
        match action {
            Action::Back => return Outcome::Cancel,
            Action::NextField => self.field = form::cycle(&FIELDS, self.field, true),
            Action::PreviousField => self.field = form::cycle(&FIELDS, self.field, false),
            Action::Left => self.decision = form::step(&Decision::ALL, self.decision, -1),
            Action::Right => self.decision = form::step(&Decision::ALL, self.decision, 1),
            Action::Pick(i) => self.decision = Decision::ALL[(*i).min(Decision::ALL.len() - 1)],
            Action::Confirm => {
                let by = self.by.value().trim().to_owned();
                let note = self.note.value().trim().to_owned();
                if self.decision == Decision::Cleared && self.cleared_from.is_none() {
                    self.error = Some(Label::ClearNeedsDate);
                    self.field = Field::Decision;
                } else if self.decision.needs_note() && note.is_empty() {
                    self.error = Some(Label::WhatToFollowUp);
                    self.field = Field::Note;
                } else if by.is_empty() {
                    self.error = Some(Label::EnterInitials);
                    self.field = Field::By;
                } else {
                    // The engine's sign-off names the date a clearance applies from.
                    return Outcome::Save(Review {
                        by,
                        decision: self.decision,
                        note: (!note.is_empty()).then_some(note),
                        at: now,
                        cleared_from: None,
                    });
                }
            }
            Action::Edit(key) => match self.field {
                Field::Decision => {}
                Field::Note => {
                    text_field::key(&mut self.note, *key, Some(NOTE_MAX));
                }
                Field::By => {
                    text_field::key(&mut self.by, *key, Some(INITIALS_MAX));
                }
            },
            Action::Paste(text) => match self.field {
                Field::Decision => {}
                Field::Note => text_field::insert(&mut self.note, text, Some(NOTE_MAX)),
                Field::By => text_field::insert(&mut self.by, text, Some(INITIALS_MAX)),
            },
            _ => {}
        }
        Outcome::Stay
    }

    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let theme = ctx.config.theme;
        let words = ctx.words;
        let inner = popup(&theme, words.label(Label::SignOffTitle), 70, 13, area, buf);
        let rows: [Rect; 9] = inner.layout(&Layout::vertical([Constraint::Length(1); 9]));
        Paragraph::new(words.label(Label::SignOffIntro))
            .style(theme.help)
            .render(rows[0], buf);
        let decision_style = if self.field == Field::Decision {
            theme.highlight
        } else {
            theme.base
        };
        Paragraph::new(Line::from(vec![
            Span::raw(format!("{}:  ◀ ", words.label(Label::Decision))),
            Span::raw(match (self.decision, self.cleared_from) {
                (Decision::Cleared, Some(date)) => words.say(&Say::ClearedFrom {
                    date: &words.date(date, DateForm::Short),
                }),
                (Decision::Cleared, None) => words.label(Label::ClearedNoDate).to_owned(),
                (decision, _) => words.decision(decision).to_owned(),
            }),
            Span::raw(" ▶"),
        ]))
        .style(decision_style)
        .render(rows[2], buf);
        let field = |input: &Input, focused: bool, area: Rect, buf: &mut Buffer| {
            form::field(&theme, input, focused, area, buf)
        };
        Paragraph::new(words.label(if self.decision.needs_note() {
            Label::FollowUpRequired
        } else {
            Label::NoteOptional
        }))
        .render(rows[3], buf);
        let note = field(&self.note, self.field == Field::Note, rows[4], buf);
        Paragraph::new(words.label(Label::InitialsRequired)).render(rows[5], buf);
        let by = field(&self.by, self.field == Field::By, rows[6], buf);
        if let Some(error) = self.error {
            Paragraph::new(format!("⚠ {}", words.label(error)))
                .style(theme.error)
                .render(rows[7], buf);
        }
        Paragraph::new(words.label(Label::SignOffKeys))
            .style(theme.key)
            .render(rows[8], buf);
        note.or(by)
    }
}
