//! Staff: the live assessment beside the questions, from 100 columns.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::tui::session::Ctx;
use crate::tui::text_layout::wrap_lines;
use crate::tui::widgets::assessment::{assessment_lines, labelled, override_line};

/// How wide the panel is.
pub const WIDTH: u16 = 40;

pub fn render(ctx: Ctx, area: Rect, buf: &mut Buffer) {
    let theme = ctx.config.theme;
    let block = Block::default()
        .borders(Borders::LEFT)
        .border_style(theme.border)
        .title(Span::styled(
            " Live assessment (answers so far) ",
            theme.section,
        ));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    block.render(area, buf);
    let Some(session) = ctx.session else {
        return;
    };
    if session.intake.answers().is_empty() {
        Paragraph::new("No answers yet")
            .style(theme.help)
            .render(inner, buf);
        return;
    }
    let assessment = session.intake.assessment();
    let mut lines = assessment_lines(
        &theme,
        &ctx.config.questionnaire,
        &ctx.config.language,
        assessment,
        inner.width,
    );
    if let Some(o) = session.case.verdict_override() {
        lines.insert(1, override_line(&theme, o, assessment.suitability));
    }
    if let Some(note) = session.case.note() {
        let note = labelled("Note: ", theme.help, note, inner.width);
        lines.splice(1..1, note);
    }
    let lines = wrap_lines(lines, inner.width);
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let body = if total > inner.height && inner.height > 1 {
        let [body, more] = inner.layout(&Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(1),
        ]));
        Paragraph::new("▼ more on the result screen")
            .style(theme.help)
            .render(more, buf);
        body
    } else {
        inner
    };
    Paragraph::new(lines).render(body, buf);
}
