//! The review: Submit first, then every shown answer grouped by section.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::engine::display;
use crate::model::answer;
use crate::tui::app::{App, Hit};
use crate::tui::screens::staff::override_line;
use crate::tui::theme::verdict;
use crate::tui::view::{Keys, PANEL_FROM_WIDTH, ellipsize, hit, width_of, wrap, wrapped_height};

pub fn render(app: &App, selected: usize, area: Rect, buf: &mut Buffer) -> Keys {
    let theme = app.config.theme;
    let language = &app.config.language;
    let q = &app.config.questionnaire;
    let verdict = verdict_so_far(app, buf.area.width);
    let verdict_h = verdict
        .as_ref()
        .map_or(0, |line| wrapped_height(&line.to_string(), area.width));
    let [title, intro, verdict_area, list] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(verdict_h),
        Constraint::Min(0),
    ]));
    Paragraph::new("Please check your answers")
        .style(theme.title)
        .render(title, buf);
    Paragraph::new("Press Enter to send them. To change one, move to it with ↑↓ and press Enter.")
        .style(theme.help)
        .wrap(Wrap { trim: true })
        .render(intro, buf);
    if let Some(verdict) = verdict {
        Paragraph::new(verdict)
            .wrap(Wrap { trim: true })
            .render(verdict_area, buf);
    }

    // Each row (Submit, then one per answer) as its lines; headings have no row.
    let submit = if app.config.kiosk {
        "[ Submit my answers ]"
    } else {
        "[ Submit the answers ]"
    };
    let mut rows: Vec<(Option<usize>, Vec<Line>)> = vec![(Some(0), vec![Line::from(submit)])];
    let answers_now = app.intake.as_ref().map(|i| &i.answers);
    // After the two columns of the pointer: the prompt column, a gap, the answer column.
    let inner = usize::from(list.width).saturating_sub(2);
    let prompt_width = (inner / 2).max(12);
    let answer_width = inner.saturating_sub(prompt_width + 1).max(8);
    let mut section_seen = "";
    for (k, item) in app.review_rows().into_iter().enumerate() {
        if let Some(section) = q.section_of(&item.id)
            && section.id != section_seen
        {
            section_seen = &section.id;
            rows.push((None, vec![Line::from("")]));
            rows.push((
                None,
                vec![Line::from(Span::styled(
                    ellipsize(section.title.get(language), inner),
                    theme.section,
                ))],
            ));
        }
        let answer = answers_now
            .and_then(|a| a.get(&item.id))
            .map(|a| {
                if answer::is_blank(a) {
                    "(left empty)".to_owned()
                } else {
                    display::answer_text(item, a, language)
                }
            })
            .unwrap_or_default();
        let prompt = ellipsize(item.prompt.get(language), prompt_width - 1);
        let lines = wrap(&answer, answer_width)
            .into_iter()
            .enumerate()
            .map(|(i, part)| {
                let left = if i == 0 { prompt.as_str() } else { "" };
                let pad = prompt_width.saturating_sub(width_of(left)) + 1;
                Line::from(vec![
                    Span::styled(format!("{left}{:pad$}", ""), theme.help),
                    Span::raw(part),
                ])
            })
            .collect();
        rows.push((Some(k + 1), lines));
    }

    // Scroll so that the whole selected row shows, with one line after it where there is room.
    let visible = usize::from(list.height.max(1));
    let start_of = |index: usize| rows[..index].iter().map(|(_, l)| l.len()).sum::<usize>();
    let selected_index = rows
        .iter()
        .position(|(row, _)| *row == Some(selected))
        .unwrap_or(0);
    let selected_start = start_of(selected_index);
    let selected_end = selected_start + rows[selected_index].1.len();
    let first = (selected_end + 1)
        .saturating_sub(visible)
        .min(selected_start);
    let screen_lines = rows.into_iter().flat_map(|(row, lines)| {
        lines
            .into_iter()
            .enumerate()
            .map(move |(i, line)| (row, i == 0, line))
    });
    for (screen_row, (row, first_line, line)) in screen_lines.skip(first).take(visible).enumerate()
    {
        let y = list.y + u16::try_from(screen_row).unwrap_or(0);
        let rect = Rect::new(list.x, y, list.width, 1);
        let is_selected = row == Some(selected);
        let pointer = if is_selected && first_line {
            "▶ "
        } else {
            "  "
        };
        let mut spans = vec![Span::raw(pointer)];
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

/// Staff without the side panel see the verdict (and any override of it) before they submit.
fn verdict_so_far(app: &App, screen_width: u16) -> Option<Line<'static>> {
    if app.config.kiosk || screen_width >= PANEL_FROM_WIDTH {
        return None;
    }
    let theme = app.config.theme;
    let level = app.live_assessment()?.suitability;
    let spans = match app
        .intake
        .as_ref()
        .and_then(|i| i.draft.verdict_override.as_ref())
    {
        Some(o) => override_line(&theme, o, level).spans,
        None => vec![
            Span::styled("Verdict so far: ", theme.help),
            Span::styled(verdict(level), theme.level(level)),
            Span::styled("  (F3 to override)", theme.help),
        ],
    };
    Some(Line::from(spans))
}
