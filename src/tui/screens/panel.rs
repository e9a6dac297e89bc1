//! Staff: the live assessment beside the questions, from 100 columns.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::tui::session::Ctx;
use crate::tui::text_layout::wrap_line;
use crate::tui::widgets::assessment::{
    Shows, assessment_lines, labelled, override_line, sets_schedule,
};
use crate::words::Label;

/// How wide the panel is.
pub const WIDTH: u16 = 40;

/// Draws the panel, or copies it as last drawn when nothing it shows has changed.
pub fn render(ctx: Ctx, area: Rect, buf: &mut Buffer) {
    let Some(session) = ctx.session else {
        draw(ctx, area, buf);
        return;
    };
    let answered = !session.intake.answers().is_empty();
    let shows = Shows {
        area,
        words: ctx.words,
        language: &ctx.config.language,
        assessment: answered.then(|| session.intake.assessment()),
        verdict_override: session.case.verdict_override(),
        note: session.case.note(),
    };
    session.panel.render(
        area,
        buf,
        |kept| shows.is(kept),
        || shows.keep(),
        |cells| {
            draw(ctx, area, cells);
        },
    );
}

fn draw(ctx: Ctx, area: Rect, buf: &mut Buffer) {
    let theme = ctx.config.theme;
    let words = ctx.words;
    let block = Block::default()
        .borders(Borders::LEFT)
        .border_style(theme.border)
        .title(Span::styled(
            format!(" {} ", words.label(Label::LiveAssessment)),
            theme.section,
        ));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    block.render(area, buf);
    let Some(session) = ctx.session else {
        return;
    };
    if session.intake.answers().is_empty() {
        Paragraph::new(words.label(Label::NoAnswersYet))
            .style(theme.help)
            .render(inner, buf);
        return;
    }
    let assessment = session.intake.assessment();
    let mut lines = assessment_lines(
        &theme,
        words,
        &ctx.config.questionnaire,
        &ctx.config.language,
        assessment,
        sets_schedule(session.case.verdict_override()),
        inner.width,
    );
    if let Some(o) = session.case.verdict_override() {
        let line = override_line(&theme, words, o, assessment.suitability);
        lines.splice(1..1, wrap_line(&line, inner.width));
    }
    if let Some(note) = session.case.note() {
        let label = format!("{}: ", words.label(Label::Note));
        let note = labelled(&label, theme.help, note, inner.width);
        lines.splice(1..1, note);
    }
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let body = if total > inner.height && inner.height > 1 {
        let [body, more] = inner.layout(&Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(1),
        ]));
        Paragraph::new(words.label(Label::MoreOnResult))
            .style(theme.help)
            .render(more, buf);
        body
    } else {
        inner
    };
    Paragraph::new(lines).render(body, buf);
}
