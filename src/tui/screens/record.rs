//! Staff: one intake's record as its latest version has it — the patient, the verdict and every
//! reason, plan and schedule, override and review, every answer, and the history of its versions.
//! From here staff change answers with the patient, sign off, override, and print.

use std::fmt::Write as _;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::clinic::Version;
use crate::engine::summary::{Decision, Summary};
use crate::engine::versions;
use crate::tui::action::{Action, Focus};
use crate::tui::session::Ctx;
use crate::tui::text_layout::{Measured, ellipsize, visible, wrap_line};
use crate::tui::widgets::assessment::{
    assessment_lines, heading, labelled, override_block, sets_schedule,
};
use crate::tui::widgets::scroll;
use crate::words::{self, Label, ModeForm, MomentForm, Say};

#[derive(Debug, Clone)]
pub struct RecordScreen {
    /// Every version, oldest first; the last is the record as it stands.
    pub versions: Vec<Version>,
    pub scroll: u16,
    /// The body's lines, laid out once per width and record.
    pub lines: Measured<Vec<Version>>,
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

    /// The record's lines at `width` as they are drawn, laid out once.
    fn content(&self, ctx: Ctx, width: u16) -> Arc<[Line<'static>]> {
        self.lines
            .at(width, &self.versions, || self.lay_out(ctx, width))
    }

    /// The record's lines at `width`, wrapped as drawn.
    #[allow(clippy::too_many_lines)] // the record in reading order, one block each
    fn lay_out(&self, ctx: Ctx, width: u16) -> Vec<Line<'static>> {
        let theme = ctx.config.theme;
        let words = ctx.words;
        let label = |label| words.label(label);
        let moment = |at| words.moment(&at, MomentForm::Long);
        let q = &ctx.config.questionnaire;
        let language = &ctx.config.language;
        let summary = self.latest();
        let plain = Style::new();
        // Staff read the record in their own language, whatever the patient's.
        let read = crate::print::in_language(summary, Some(q), language);
        let summary = &read;
        let mut lines = assessment_lines(
            &theme,
            words,
            q,
            language,
            &summary.assessment,
            sets_schedule(summary.verdict_override.as_ref()),
            width,
        );
        if let Some(o) = &summary.verdict_override {
            lines.splice(1..1, override_block(&theme, words, o, width));
        }
        if let Some(review) = &summary.review {
            let decision = words.review(review);
            let style = match review.decision {
                Decision::Cleared | Decision::Approved => theme.suitable,
                Decision::Declined => theme.stop,
                Decision::HasIssues | Decision::NeedsPhysician => theme.caution,
            };
            let by_on = words.say(&Say::ByOn {
                by: &review.by,
                at: &moment(review.at),
            });
            let mut block = wrap_line(
                &Line::from(vec![
                    Span::styled(format!("{}: ", label(Label::SignedOff)), theme.section),
                    Span::styled(decision, style),
                    Span::raw(format!(" {by_on}")),
                ]),
                width,
            );
            if let Some(note) = &review.note {
                block.extend(labelled("  ", plain, note, width));
            }
            block.push(Line::from(""));
            lines.splice(0..0, block);
        } else {
            let mut block = wrap_line(
                &Line::from(vec![
                    Span::styled(format!("{}: ", label(Label::SignedOff)), theme.section),
                    Span::styled(label(Label::WaitingForReview).to_owned(), theme.caution),
                ]),
                width,
            );
            block.push(Line::from(""));
            lines.splice(0..0, block);
        }
        if let Some(note) = &summary.clinician_note {
            lines.push(Line::from(""));
            lines.extend(labelled(
                &format!("{}: ", label(Label::ClinicianNote)),
                theme.section,
                note,
                width,
            ));
        }
        lines.push(Line::from(""));
        lines.extend(heading(&theme, label(Label::Answers), width));
        for answer in &summary.answers {
            let (question, display) = (&answer.question, &answer.display);
            lines.extend(labelled(
                &format!("• {question}: "),
                theme.help,
                display,
                width,
            ));
        }
        lines.push(Line::from(""));
        lines.extend(heading(&theme, label(Label::History), width));
        for version in &self.versions {
            let s = &version.summary;
            let what = if s.version == 1 {
                words.say(&Say::FinishedPlace {
                    place: words.mode(s.mode, ModeForm::Place),
                    at: &moment(s.completed_at),
                })
            } else if let Some(review) = &s.review {
                words.say(&Say::SignedOffHistory {
                    decision: &words.review(review),
                    by: &review.by,
                    at: &moment(review.at),
                })
            } else {
                let previous = s.version.saturating_sub(1);
                let before = self
                    .versions
                    .iter()
                    .find(|v| v.summary.version == previous)
                    .map(|v| &v.summary);
                let new = versions::changes_made(s, before);
                let by = new.first().map_or(label(Label::ByStaff), |c| c.by.as_str());
                let at = new.first().map(|c| moment(c.at)).unwrap_or_default();
                let mut text = words.say(&Say::AnswersChanged { by, at: &at });
                for change in new {
                    let item = q.item(&change.question);
                    let shown = |a: &Option<crate::model::answer::Answer>| match (a, item) {
                        (Some(a), Some(item)) => words::answer_text(item, a, language),
                        (Some(_), None) => label(Label::SomeAnswer).to_owned(),
                        (None, _) => label(Label::NoneGiven).to_owned(),
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
        lines
    }

    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.config.theme;
        let words = ctx.words;
        let summary = self.latest();
        let [title, body] = parts(area);
        let name = summary
            .patient
            .name
            .as_deref()
            .unwrap_or(words.label(Label::NoName));
        Paragraph::new(ellipsize(
            &words.say(&Say::RecordOf {
                name,
                age: summary.patient.age,
                version: summary.version,
                versions: self.versions.len().max(summary.version as usize),
            }),
            usize::from(title.width),
        ))
        .style(theme.title)
        .render(title, buf);
        let lines = self.content(ctx, body.width);
        let scroll = self.scroll.min(total(&lines).saturating_sub(body.height));
        Paragraph::new(visible(&lines, scroll, body.height)).render(body, buf);
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
