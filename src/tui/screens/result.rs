//! Staff result: verdict in words, reasons, plan, notes, the schedule as a timeline, the export.

use std::path::PathBuf;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::engine::summary::Summary;
use crate::tui::action::{Action, Focus};
use crate::tui::session::Ctx;
use crate::tui::text_layout::{Measured, ellipsize, visible, width_of, wrap_at_most};
use crate::tui::widgets::assessment::{assessment_lines, labelled, override_block, sets_schedule};
use crate::tui::widgets::scroll;
use crate::words::{DateForm, Label, Say, Words};

/// Where the summary went.
#[derive(Debug, Clone)]
pub enum Export {
    Saved(PathBuf),
    Failed { dir: PathBuf, cause: String },
}

#[derive(Debug, Clone)]
pub struct ResultScreen {
    pub summary: Box<Summary>,
    pub export: Export,
    pub scroll: u16,
    /// The body's lines, laid out once per width and summary.
    pub lines: Measured<Summary>,
}

/// What the result asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    None,
    Retry,
    NextPatient,
    Quit,
}

impl ResultScreen {
    #[must_use]
    pub fn focus(&self) -> Focus {
        Focus::Result {
            saved: matches!(self.export, Export::Saved(_)),
            at_kiosk: false,
        }
    }

    /// `area` is where the screen is drawn (scrolling stops at the last line there).
    pub fn update(&mut self, ctx: Ctx, action: &Action, area: Rect) -> Outcome {
        let max = self.scroll_max(ctx, area);
        if scroll::apply(&mut self.scroll, action, max) {
            return Outcome::None;
        }
        match action {
            Action::Retry => return Outcome::Retry,
            Action::NextPatient => return Outcome::NextPatient,
            Action::Quit => return Outcome::Quit,
            _ => {}
        }
        Outcome::None
    }

    fn status(&self, words: &dyn Words) -> (String, bool) {
        match &self.export {
            Export::Saved(path) => (
                words.say(&Say::SavedTo {
                    path: &path.display().to_string(),
                }),
                true,
            ),
            Export::Failed { dir, cause } => (
                words.say(&Say::NotSaved {
                    dir: &dir.display().to_string(),
                    cause,
                }),
                false,
            ),
        }
    }

    /// Title, body, the "more below" line and the status at the bottom.
    fn parts(&self, words: &dyn Words, area: Rect) -> ([Rect; 4], Vec<String>) {
        let status_lines = wrap_at_most(&self.status(words).0, usize::from(area.width), 4);
        let status_h = u16::try_from(status_lines.len()).unwrap_or(1);
        let parts = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(status_h),
        ]));
        (parts, status_lines)
    }

    /// The body's lines at `width` as they are drawn, laid out once.
    fn content(&self, ctx: Ctx, width: u16) -> Arc<[Line<'static>]> {
        self.lines
            .at(width, &*self.summary, || self.lay_out(ctx, width))
    }

    /// The body's lines at `width`: the assessment, any override, the clinician note.
    fn lay_out(&self, ctx: Ctx, width: u16) -> Vec<Line<'static>> {
        let theme = ctx.config.theme;
        let words = ctx.words;
        let summary = &self.summary;
        let mut lines = assessment_lines(
            &theme,
            words,
            &ctx.config.questionnaire,
            &ctx.config.language,
            &summary.assessment,
            sets_schedule(summary.verdict_override.as_ref()),
            width,
        );
        if let Some(o) = &summary.verdict_override {
            lines.splice(1..1, override_block(&theme, words, o, width));
        }
        if let Some(note) = &summary.clinician_note {
            lines.push(Line::from(""));
            lines.extend(labelled(
                &format!("{}: ", words.label(Label::ClinicianNote)),
                theme.section,
                note,
                width,
            ));
        }
        lines
    }

    fn total(lines: &[Line]) -> u16 {
        u16::try_from(lines.len()).unwrap_or(u16::MAX)
    }

    fn scroll_max(&self, ctx: Ctx, area: Rect) -> u16 {
        let ([_, body, _, _], _) = self.parts(ctx.words, area);
        Self::total(&self.content(ctx, body.width)).saturating_sub(body.height)
    }

    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.config.theme;
        let words = ctx.words;
        let summary = &self.summary;
        let style = if self.status(words).1 {
            theme.suitable
        } else {
            theme.error
        };
        let ([title, body, more, status_area], status_lines) = self.parts(words, area);
        // The name gives way (with `…`) to the age and the date.
        let name = summary
            .patient
            .name
            .as_deref()
            .unwrap_or(words.label(Label::NoName));
        let assessed = words.date(summary.reference_date, DateForm::Long);
        let title_with = |name: &str| {
            words.say(&Say::ResultFor {
                name,
                age: summary.patient.age,
                assessed: &assessed,
            })
        };
        let room = usize::from(title.width).saturating_sub(width_of(&title_with("")));
        Paragraph::new(ellipsize(
            &title_with(&ellipsize(name, room.max(8))),
            usize::from(title.width),
        ))
        .style(theme.title)
        .render(title, buf);
        let lines = self.content(ctx, body.width);
        let total = Self::total(&lines);
        let scroll = self.scroll.min(total.saturating_sub(body.height));
        if total > scroll + body.height {
            Paragraph::new(words.label(Label::MoreBelowScroll))
                .style(theme.help)
                .render(more, buf);
        }
        Paragraph::new(visible(&lines, scroll, body.height)).render(body, buf);
        Paragraph::new(status_lines.into_iter().map(Line::from).collect::<Vec<_>>())
            .style(style)
            .render(status_area, buf);
    }
}
