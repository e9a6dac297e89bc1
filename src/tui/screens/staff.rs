//! Staff extras: the live assessment panel, the clinician note, the verdict override.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};
use tui_input::Input;

use crate::engine::summary::Override;
use crate::model::questionnaire::Level;
use crate::tui::app::{App, OverrideField, OverrideForm};
use crate::tui::screens::result::{assessment_lines, labelled};
use crate::tui::text_field;
use crate::tui::theme::{Theme, verdict};
use crate::tui::view::{popup, wrapped_height};

pub fn side_panel(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.config.theme;
    let block = Block::default()
        .borders(Borders::LEFT)
        .border_style(theme.border)
        .title(Span::styled(
            " Live assessment (answers so far) ",
            theme.section,
        ));
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 0));
    block.render(area, buf);
    if app.intake.as_ref().is_none_or(|i| i.answers.is_empty()) {
        Paragraph::new("No answers yet")
            .style(theme.help)
            .render(inner, buf);
        return;
    }
    let Some(assessment) = app.live_assessment() else {
        return;
    };
    let mut lines = assessment_lines(app, &assessment, inner.width);
    if let Some(o) = app
        .intake
        .as_ref()
        .and_then(|i| i.draft.verdict_override.as_ref())
    {
        lines.insert(1, override_line(&theme, o, assessment.suitability));
    }
    if let Some(note) = app
        .intake
        .as_ref()
        .and_then(|i| i.draft.clinician_note.as_ref())
    {
        let note = labelled("Note: ", theme.help, note, inner.width);
        lines.splice(1..1, note);
    }
    let total: u16 = lines
        .iter()
        .map(|line| wrapped_height(&line.to_string(), inner.width).max(1))
        .sum();
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
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(body, buf);
}

/// An override beside the computed verdict, e.g.
/// `Override: ? PHYSICIAN REVIEW NEEDED by KL (computed: ✔ SUITABLE)`.
#[must_use]
pub fn override_line(theme: &Theme, o: &Override, computed: Level) -> Line<'static> {
    Line::from(vec![
        Span::styled("Override: ", theme.help),
        Span::styled(verdict(o.suitability), theme.level(o.suitability)),
        Span::styled(format!(" by {} (computed: ", o.by), theme.help),
        Span::styled(verdict(computed), theme.level(computed)),
        Span::styled(")", theme.help),
    ])
}

fn field(app: &App, input: &Input, focused: bool, area: Rect, buf: &mut Buffer) {
    let theme = app.config.theme;
    let style = if focused { theme.highlight } else { theme.base };
    text_field::draw(input, style, focused.then_some(theme.cursor), area, buf);
}

pub fn note(app: &App, input: &Input, area: Rect, buf: &mut Buffer) {
    let theme = app.config.theme;
    let inner = popup(app, "Clinician note", 70, 8, area, buf);
    let [intro, _, text, _, keys] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    Paragraph::new("A note for the record (exported with the summary).")
        .style(theme.help)
        .render(intro, buf);
    field(app, input, true, text, buf);
    Paragraph::new("Enter save   Esc cancel")
        .style(theme.key)
        .render(keys, buf);
}

pub fn override_form(app: &App, form: &OverrideForm, area: Rect, buf: &mut Buffer) {
    let theme = app.config.theme;
    let inner = popup(app, "Override the verdict", 76, 14, area, buf);
    let mut heights = [Constraint::Length(1); 10];
    heights[9] = Constraint::Length(2);
    let rows: [Rect; 10] = inner.layout(&Layout::vertical(heights));
    let computed = app
        .live_assessment()
        .map_or(Level::Suitable, |a| a.suitability);
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
    field(
        app,
        &form.reason,
        form.field == OverrideField::Reason,
        rows[5],
        buf,
    );
    Paragraph::new("Your initials (required):").render(rows[6], buf);
    field(app, &form.by, form.field == OverrideField::By, rows[7], buf);
    if let Some(error) = &form.error {
        Paragraph::new(format!("⚠ {error}"))
            .style(theme.error)
            .render(rows[8], buf);
    }
    Paragraph::new("←→/1-5 verdict  Tab next field  Enter save  Del remove  Esc cancel")
        .style(theme.key)
        .wrap(Wrap { trim: true })
        .render(rows[9], buf);
}
