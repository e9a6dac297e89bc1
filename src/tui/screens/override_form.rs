//! Staff: override the computed verdict, with a reason and initials. The computed verdict stays in
//! the record beside it.

use chrono::{DateTime, FixedOffset};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use tui_input::Input;

use crate::engine::summary::Override;
use crate::model::questionnaire::Level;
use crate::tui::action::Action;
use crate::tui::session::Ctx;
use crate::tui::text_layout::wrap_at_most;
use crate::tui::theme::verdict;
use crate::tui::widgets::popup::popup;
use crate::tui::widgets::text_field;

pub const OVERRIDE_REASON_MAX: usize = 500;
pub const INITIALS_MAX: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverrideField {
    Level,
    Reason,
    By,
}

#[derive(Debug, Clone)]
pub struct OverrideForm {
    /// The verdict the engine computed, shown for comparison.
    pub computed: Level,
    pub level: Level,
    pub reason: Input,
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
                by: Input::new(o.by.clone()),
                field: OverrideField::Level,
                error: None,
            },
            None => OverrideForm {
                computed,
                level: computed,
                reason: Input::default(),
                by: Input::default(),
                field: OverrideField::Level,
                error: None,
            },
        }
    }

    pub fn update(&mut self, action: &Action, now: DateTime<FixedOffset>) -> Outcome {
        let step = |level: Level, delta: isize| {
            let at = Level::ALL.iter().position(|l| *l == level).unwrap_or(0);
            let next = at.saturating_add_signed(delta).min(Level::ALL.len() - 1);
            Level::ALL[next]
        };
        match action {
            Action::Back => return Outcome::Cancel,
            Action::NextField => {
                self.field = match self.field {
                    OverrideField::Level => OverrideField::Reason,
                    OverrideField::Reason => OverrideField::By,
                    OverrideField::By => OverrideField::Level,
                };
            }
            Action::PreviousField => {
                self.field = match self.field {
                    OverrideField::Level => OverrideField::By,
                    OverrideField::Reason => OverrideField::Level,
                    OverrideField::By => OverrideField::Reason,
                };
            }
            Action::Delete => return Outcome::Remove,
            Action::Left => self.level = step(self.level, -1),
            Action::Right => self.level = step(self.level, 1),
            Action::Pick(i) => self.level = Level::ALL[(*i).min(Level::ALL.len() - 1)],
            Action::Confirm => {
                let reason = self.reason.value().trim().to_owned();
                let by = self.by.value().trim().to_owned();
                if reason.is_empty() {
                    self.error = Some("Please give a reason for the override.".into());
                    self.field = OverrideField::Reason;
                } else if by.is_empty() {
                    self.error = Some("Please enter your initials.".into());
                    self.field = OverrideField::By;
                } else {
                    return Outcome::Save(Override {
                        suitability: self.level,
                        reason,
                        by,
                        at: now,
                        start_date: None,
                        schedule: None,
                    });
                }
            }
            Action::Edit(key) => match self.field {
                OverrideField::Level => {}
                OverrideField::Reason => {
                    text_field::key(&mut self.reason, *key, Some(OVERRIDE_REASON_MAX));
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
                OverrideField::By => text_field::insert(&mut self.by, text, Some(INITIALS_MAX)),
            },
            _ => {}
        }
        Outcome::Stay
    }

    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let form = self;
        let theme = ctx.config.theme;
        let inner = popup(&theme, "Override the verdict", 76, 14, area, buf);
        let mut heights = [Constraint::Length(1); 10];
        heights[9] = Constraint::Length(2);
        let rows: [Rect; 10] = inner.layout(&Layout::vertical(heights));
        let computed = self.computed;
        Paragraph::new(format!(
            "Computed: {} (stays in the record)",
            verdict(computed)
        ))
        .style(theme.help)
        .render(rows[0], buf);
        let level_style = if form.field == OverrideField::Level {
            theme.highlight
        } else {
            theme.base
        };
        Paragraph::new(Line::from(vec![
            Span::raw("Verdict:  ◀ "),
            Span::styled(verdict(form.level), theme.level(form.level)),
            Span::raw(" ▶"),
        ]))
        .style(level_style)
        .render(rows[2], buf);
        Paragraph::new("Reason (required):").render(rows[4], buf);
        let field = |input: &Input, focused: bool, area: Rect, buf: &mut Buffer| {
            let style = if focused { theme.highlight } else { theme.base };
            text_field::draw(input, style, focused.then_some(theme.cursor), area, buf)
        };
        let reason = field(
            &form.reason,
            form.field == OverrideField::Reason,
            rows[5],
            buf,
        );
        Paragraph::new("Your initials (required):").render(rows[6], buf);
        let by = field(&form.by, form.field == OverrideField::By, rows[7], buf);
        if let Some(error) = &form.error {
            Paragraph::new(format!("⚠ {error}"))
                .style(theme.error)
                .render(rows[8], buf);
        }
        let keys = wrap_at_most(
            "←→/1-5 verdict  Tab next field  Enter save  Del remove  Esc cancel",
            usize::from(rows[9].width),
            usize::from(rows[9].height),
        );
        Paragraph::new(keys.into_iter().map(Line::from).collect::<Vec<_>>())
            .style(theme.key)
            .render(rows[9], buf);
        reason.or(by)
    }
}
