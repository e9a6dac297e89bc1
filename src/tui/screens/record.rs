//! Staff: one intake's record as its latest version has it — the patient, the verdict and every
//! reason, plan and schedule, override and review, every answer, and the history of its versions.
//! From here staff change answers with the patient, sign off, override, and print.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::clinic::Version;
use crate::engine::summary::{Decision, Mode, Summary};
use crate::engine::versions;
use crate::print::decision as decision_words;
use crate::tui::action::{Action, Focus};
use crate::tui::session::Ctx;
use crate::tui::text_layout::{ellipsize, wrap_lines};
use crate::tui::theme::verdict;
use crate::tui::widgets::assessment::{assessment_lines, labelled, timeline};
use crate::tui::widgets::scroll;
use crate::words;

#[derive(Debug, Clone)]
pub struct RecordScreen {
    /// Every version, oldest first; the last is the record as it stands.
    pub versions: Vec<Version>,
    pub scroll: u16,
}

/// What the record asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    None,
    Back,
    ChangeAnswers,
    SignOff,
    Override,
    Print,
}

impl RecordScreen {
    /// The version the record stands at.
    ///
    /// # Panics
    /// Never: a record has at least one version.
    #[must_use]
    pub fn latest(&self) -> &Summary {
        &self
            .versions
            .last()
            .expect("a record has a version")
            .summary
    }

    #[must_use]
    pub fn focus(&self) -> Focus {
        Focus::Record
    }

    pub fn update(&mut self, ctx: Ctx, action: &Action, area: Rect) -> Outcome {
        let [_, body] = parts(area);
        let max = total(&self.content(ctx, body.width)).saturating_sub(body.height);
        if scroll::apply(&mut self.scroll, action, max) {
            return Outcome::None;
        }
        match action {
            Action::Back => return Outcome::Back,
            Action::ChangeAnswers => return Outcome::ChangeAnswers,
            Action::SignOff => return Outcome::SignOff,
            Action::Override => return Outcome::Override,
            Action::Print => return Outcome::Print,
            _ => {}
        }
        Outcome::None
    }

    /// The record's lines at `width`, wrapped as drawn.
    fn content(&self, ctx: Ctx, width: u16) -> Vec<Line<'static>> {
        let theme = ctx.config.theme;
        let q = &ctx.config.questionnaire;
        let language = &ctx.config.language;
        let summary = self.latest();
        let plain = Style::new();
        let mut lines = assessment_lines(&theme, q, language, &summary.assessment, width);
        if let Some(o) = &summary.verdict_override {
            let mut block = vec![Line::from(Span::styled(
                format!("Override by {}: {}", o.by, verdict(o.suitability)),
                theme.level(o.suitability),
            ))];
            block.extend(labelled(
                "  ",
                plain,
                &format!(
                    "{} (the computed verdict above stays in the record)",
                    o.reason
                ),
                width,
            ));
            if let (Some(start), Some(schedule)) = (o.start_date, &o.schedule) {
                block.extend(labelled(
                    "  ",
                    plain,
                    &format!(
                        "The override's sessions start on {}:",
                        start.format("%-d %B %Y")
                    ),
                    width,
                ));
                block.extend(timeline(&theme, schedule, width));
            }
            lines.splice(1..1, block);
        }
        if let Some(review) = &summary.review {
            let decision = decision_words(review.decision);
            let style = match review.decision {
                Decision::Approved => theme.suitable,
                Decision::Declined => theme.stop,
                Decision::NeedsPhysician => theme.caution,
            };
            let mut block = vec![Line::from(vec![
                Span::styled("Signed off: ", theme.section),
                Span::styled(decision.to_owned(), style),
                Span::raw(format!(
                    " by {} on {}",
                    review.by,
                    review.at.format("%-d %B %Y %H:%M")
                )),
            ])];
            if let Some(note) = &review.note {
                block.extend(labelled("  ", plain, note, width));
            }
            block.push(Line::from(""));
            lines.splice(0..0, block);
        }
        if let Some(note) = &summary.clinician_note {
            lines.push(Line::from(""));
            lines.extend(labelled("Clinician note: ", theme.section, note, width));
        }
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Answers", theme.section)));
        for answer in &summary.answers {
            lines.extend(labelled(
                &format!("• {}: ", answer.question),
                theme.help,
                &answer.display,
                width,
            ));
        }
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("History", theme.section)));
        for version in &self.versions {
            let s = &version.summary;
            let what = if s.version == 1 {
                let place = match s.mode {
                    Mode::Kiosk => "at the kiosk",
                    Mode::Staff => "with staff",
                    Mode::Batch => "from an answers file",
                };
                format!(
                    "finished {place} on {}",
                    s.completed_at.format("%-d %B %Y %H:%M")
                )
            } else if let Some(review) = &s.review {
                format!(
                    "signed off ({}) by {} on {}",
                    decision_words(review.decision),
                    review.by,
                    review.at.format("%-d %B %Y %H:%M")
                )
            } else {
                let previous = s.version.saturating_sub(1);
                let before = self
                    .versions
                    .iter()
                    .find(|v| v.summary.version == previous)
                    .map(|v| &v.summary);
                let new = versions::changes_made(s, before);
                let by = new.first().map_or("staff", |c| c.by.as_str());
                let at = new
                    .first()
                    .map(|c| c.at.format("%-d %B %Y %H:%M").to_string())
                    .unwrap_or_default();
                let mut text = format!("answers changed by {by} on {at}");
                for change in new {
                    let item = q.item(&change.question);
                    let shown = |a: &Option<crate::model::answer::Answer>| match (a, item) {
                        (Some(a), Some(item)) => words::answer_text(item, a, language),
                        (Some(_), None) => "(answer)".to_owned(),
                        (None, _) => "(none)".to_owned(),
                    };
                    let prompt = item.map_or(change.question.as_str(), |i| i.prompt.get(language));
                    let _ = write!(
                        text,
                        "; {}: {} → {}",
                        ellipsize(prompt, 40),
                        shown(&change.before),
                        shown(&change.after)
                    );
                }
                text
            };
            lines.extend(labelled(
                &format!("v{}  ", s.version),
                theme.help,
                &what,
                width,
            ));
        }
        wrap_lines(lines, width)
    }

    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.config.theme;
        let summary = self.latest();
        let [title, body] = parts(area);
        let name = summary.patient.name.as_deref().unwrap_or("(no name)");
        let age = summary
            .patient
            .age
            .map(|a| format!(", {a} years"))
            .unwrap_or_default();
        Paragraph::new(ellipsize(
            &format!(
                "Record of {name}{age} — version {} of {}",
                summary.version,
                self.versions.len().max(summary.version as usize)
            ),
            usize::from(title.width),
        ))
        .style(theme.title)
        .render(title, buf);
        let lines = self.content(ctx, body.width);
        let scroll = self.scroll.min(total(&lines).saturating_sub(body.height));
        Paragraph::new(lines).scroll((scroll, 0)).render(body, buf);
    }
}

fn total(lines: &[Line]) -> u16 {
    u16::try_from(lines.len()).unwrap_or(u16::MAX)
}

fn parts(area: Rect) -> [Rect; 2] {
    area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
    ]))
}
