//! The review: Submit first, then every shown answer grouped by section.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::answers;
use crate::tui::app::{App, Hit};
use crate::tui::theme::verdict;
use crate::tui::view::{Keys, PANEL_FROM_WIDTH, hit};

pub fn render(app: &App, selected: usize, area: Rect, buf: &mut Buffer) -> Keys {
    let theme = app.config.theme;
    let language = &app.config.language;
    let q = &app.config.questionnaire;
    let [title, intro, verdict_line, list] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(0),
    ]));
    Paragraph::new("Please check your answers")
        .style(theme.title)
        .render(title, buf);
    Paragraph::new("Press Enter to send them. To change one, move to it with ↑↓ and press Enter.")
        .style(theme.help)
        .wrap(Wrap { trim: true })
        .render(intro, buf);
    // Staff without the side panel still see the verdict before they submit or override it.
    if !app.config.kiosk
        && buf.area.width < PANEL_FROM_WIDTH
        && let Some(assessment) = app.live_assessment()
    {
        let level = assessment.suitability;
        Paragraph::new(Line::from(vec![
            Span::styled("Verdict so far: ", theme.help),
            Span::styled(verdict(level), theme.level(level)),
            Span::styled("  (F3 to override)", theme.help),
        ]))
        .render(verdict_line, buf);
    }

    // (row index or None for a heading, line)
    let mut lines: Vec<(Option<usize>, Line)> =
        vec![(Some(0), Line::from("[ Submit my answers ]"))];
    let answers_now = app.intake.as_ref().map(|i| &i.answers);
    let prompt_width = usize::from(list.width / 2).max(20);
    let mut section_seen = "";
    for (k, item) in app.review_rows().into_iter().enumerate() {
        let section = q
            .sections
            .iter()
            .find(|s| s.items.iter().any(|i| i.id == item.id));
        if let Some(section) = section
            && section.id != section_seen
        {
            section_seen = &section.id;
            lines.push((None, Line::from("")));
            lines.push((
                None,
                Line::from(Span::styled(
                    section.title.get(language).to_owned(),
                    theme.section,
                )),
            ));
        }
        let answer = answers_now
            .and_then(|a| a.get(&item.id))
            .map(|a| {
                let shown = answers::display(item, a, language);
                if answers::is_blank(a) {
                    "(left empty)".to_owned()
                } else {
                    shown
                }
            })
            .unwrap_or_default();
        let prompt: String = item.prompt.get(language).chars().collect();
        let prompt = if prompt.chars().count() > prompt_width - 1 {
            let cut: String = prompt.chars().take(prompt_width - 2).collect();
            format!("{cut}…")
        } else {
            prompt
        };
        lines.push((
            Some(k + 1),
            Line::from(vec![
                Span::styled(format!("{prompt:<prompt_width$} "), theme.help),
                Span::raw(answer),
            ]),
        ));
    }
    let selected_line = lines
        .iter()
        .position(|(row, _)| *row == Some(selected))
        .unwrap_or(0);
    let visible = usize::from(list.height.max(1));
    let first = (selected_line + 2).saturating_sub(visible);
    for (screen_row, (row, line)) in lines.into_iter().skip(first).take(visible).enumerate() {
        let y = list.y + u16::try_from(screen_row).unwrap_or(0);
        let rect = Rect::new(list.x, y, list.width, 1);
        let is_selected = row == Some(selected);
        let mut spans = vec![Span::raw(if is_selected { "▶ " } else { "  " })];
        spans.extend(line.spans);
        let mut paragraph = Paragraph::new(Line::from(spans));
        if is_selected {
            paragraph = paragraph.style(theme.highlight);
        } else if row == Some(0) {
            paragraph = paragraph.style(theme.key);
        }
        paragraph.render(rect, buf);
        if let Some(row) = row {
            hit(app, rect, Hit::Row(row));
        }
    }
    let mut keys: Keys = vec![("↑↓", "move"), ("Enter", "open / submit"), ("Esc", "back")];
    if !app.config.kiosk {
        keys.push(("F2", "note"));
        keys.push(("F3", "override"));
    }
    keys
}
