//! Staff: override the computed verdict, with a reason and initials. The computed verdict stays in
//! the record beside it.

use chrono::{DateTime, FixedOffset};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use tui_input::Input;

use crate::dates::{self, Typed};
use crate::engine::summary::Override;
use crate::model::questionnaire::Level;
use crate::tui::action::Action;
use crate::tui::session::Ctx;
use crate::tui::text_layout::wrap_at_most;
use crate::tui::widgets::popup::popup;
use crate::tui::widgets::{form, text_field};
use crate::words::{Label, Say, Words};

pub const OVERRIDE_REASON_MAX: usize = 500;
pub const INITIALS_MAX: usize = 10;
/// `DD/MM/YYYY` and a little room for spaces.
const START_MAX: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverrideField {
    Level,
    Reason,
    /// The override's own start for the sessions (optional).
    Start,
    By,
}

/// The fields in the order Tab moves through them.
const FIELDS: [OverrideField; 4] = [
    OverrideField::Level,
    OverrideField::Reason,
    OverrideField::Start,
    OverrideField::By,
];

#[derive(Debug, Clone)]
pub struct OverrideForm {
    /// The verdict the engine computed, shown for comparison.
    pub computed: Level,
    pub level: Level,
    pub reason: Input,
    pub start: Input,
    pub by: Input,
    pub field: OverrideField,
    pub error: Option<String>,
}

/// What the form asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Cancel,
    /// Remove the override: the computed verdict stands.
    Remove,
    Save(Override),
}

impl OverrideForm {
    /// The form for a verdict computed as `computed`, filled with `existing` when there is one.
    #[must_use]
    pub fn new(computed: Level, existing: Option<&Override>) -> Self {
        match existing {
            Some(o) => OverrideForm {
                computed,
                level: o.suitability,
                reason: Input::new(o.reason.clone()),
                start: Input::new(
                    o.start_date
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                ),
                by: Input::new(o.by.clone()),
                field: OverrideField::Level,
                error: None,
            },
            None => OverrideForm {
                computed,
                level: computed,
                reason: Input::default(),
                start: Input::default(),
                by: Input::default(),
                field: OverrideField::Level,
                error: None,
            },
        }
    }

    /// `words` word a start date that cannot be read.
    pub fn update(
        &mut self,
        action: &Action,
        now: DateTime<FixedOffset>,
        words: &dyn Words,
    ) -> Outcome {
        match action {
            Action::Back => return Outcome::Cancel,
            Action::NextField => self.field = form::cycle(&FIELDS, self.field, true),
            Action::PreviousField => self.field = form::cycle(&FIELDS, self.field, false),
            Action::Delete => return Outcome::Remove,
            Action::Left => self.level = form::step(&Level::ALL, self.level, -1),
            Action::Right => self.level = form::step(&Level::ALL, self.level, 1),
            Action::Pick(i) => self.level = Level::ALL[(*i).min(Level::ALL.len() - 1)],
            Action::Confirm => {
                let reason = self.reason.value().trim().to_owned();
                let by = self.by.value().trim().to_owned();
                if reason.is_empty() {
                    self.error = Some(words.label(Label::GiveReason).to_owned());
                    self.field = OverrideField::Reason;
                } else if by.is_empty() {
                    self.error = Some(words.label(Label::EnterInitials).to_owned());
                    self.field = OverrideField::By;
                } else {
                    let start = self.start.value().trim();
                    let start_date = match dates::parse_date_input(start, false) {
                        _ if start.is_empty() => None,
                        Ok(Typed::Day(day)) => Some(day),
                        Ok(Typed::Month(_)) => None,
                        Err(problem) => {
                            self.error = Some(words.date_problem(&problem));
                            self.field = OverrideField::Start;
                            return Outcome::Stay;
                        }
                    };
                    return Outcome::Save(Override {
                        suitability: self.level,
                        reason,
                        by,
                        at: now,
                        start_date,
                        schedule: None,
                    });
                }
            }
            Action::Edit(key) => match self.field {
                OverrideField::Level => {}
                OverrideField::Reason => {
                    text_field::key(&mut self.reason, *key, Some(OVERRIDE_REASON_MAX));
                }
                OverrideField::Start => {
                    text_field::key(&mut self.start, *key, Some(START_MAX));
                }
                OverrideField::By => {
                    text_field::key(&mut self.by, *key, Some(INITIALS_MAX));
                }
            },
            Action::Paste(text) => match self.field {
                OverrideField::Level => {}
                OverrideField::Reason => {
                    text_field::insert(&mut self.reason, text, Some(OVERRIDE_REASON_MAX));
                }
                OverrideField::Start => text_field::insert(&mut self.start, text, Some(START_MAX)),
                OverrideField::By => text_field::insert(&mut self.by, text, Some(INITIALS_MAX)),
            },
            _ => {}
        }
        Outcome::Stay
    }

    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let form = self;
        let theme = ctx.config.theme;
        let words = ctx.words;
        let verdict = |level| words.verdict(level);
        let inner = popup(&theme, words.label(Label::OverrideTitle), 76, 16, area, buf);
        let mut heights = [Constraint::Length(1); 12];
        heights[11] = Constraint::Length(2);
        let rows: [Rect; 12] = inner.layout(&Layout::vertical(heights));
        let computed = self.computed;
        Paragraph::new(words.say(&Say::ComputedStays {
            verdict: verdict(computed),
        }))
        .style(theme.help)
        .render(rows[0], buf);
        let level_style = if form.field == OverrideField::Level {
            theme.highlight
        } else {
            theme.base
        };
        Paragraph::new(Line::from(vec![
            Span::raw(format!("{}:  ◀ ", words.label(Label::Verdict))),
            Span::styled(verdict(form.level), theme.level(form.level)),
            Span::raw(" ▶"),
        ]))
        .style(level_style)
        .render(rows[2], buf);
        Paragraph::new(words.label(Label::ReasonRequired)).render(rows[4], buf);
        let field = |input: &Input, focused: bool, area: Rect, buf: &mut Buffer| {
            form::field(&theme, input, focused, area, buf)
        };
        let reason = field(
            &form.reason,
            form.field == OverrideField::Reason,
            rows[5],
            buf,
        );
        Paragraph::new(words.label(Label::SessionsStartOnField)).render(rows[6], buf);
        let start = field(
            &form.start,
            form.field == OverrideField::Start,
            rows[7],
            buf,
        );
        Paragraph::new(words.label(Label::InitialsRequired)).render(rows[8], buf);
        let by = field(&form.by, form.field == OverrideField::By, rows[9], buf);
        if let Some(error) = &form.error {
            Paragraph::new(format!("⚠ {error}"))
                .style(theme.error)
                .render(rows[10], buf);
        }
        let keys = wrap_at_most(
            words.label(Label::OverrideKeys),
            usize::from(rows[11].width),
            usize::from(rows[11].height),
        );
        Paragraph::new(keys.into_iter().map(Line::from).collect::<Vec<_>>())
            .style(theme.key)
            .render(rows[11], buf);
        reason.or(start).or(by)
    }
}
