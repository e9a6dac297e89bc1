//! Staff start screen: `New intake`, then unfinished intakes newest first, then damaged files.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::app::{App, Hit, Screen, StartEntry};
use crate::tui::view::{Keys, ellipsize, hit, width_of};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Keys {
    let theme = app.config.theme;
    let Screen::Start {
        selected, entries, ..
    } = &app.screen
    else {
        return Vec::new();
    };
    let [title, _, list] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ]));
    Paragraph::new("Start a new intake or continue an unfinished one")
        .style(theme.title)
        .render(title, buf);
    let mut rows: Vec<Line> = vec![Line::from("New intake")];
    if entries.is_empty() {
        rows.push(Line::from(Span::styled(
            "   (no unfinished intakes)",
            theme.help,
        )));
    }
    // Time, progress and mode stay whole; the name takes the room left, shortened with `…`.
    let room = usize::from(list.width).saturating_sub(2);
    let right = |entry: &StartEntry, year: bool| match entry {
        StartEntry::Draft {
            draft,
            answered,
            shown,
            ..
        } => {
            let when = draft.updated_at.format(if year {
                "%-d %b %Y %H:%M"
            } else {
                "%-d %b %H:%M"
            });
            let mode = match draft.mode {
                crate::engine::summary::Mode::Kiosk => "  · kiosk",
                _ => "",
            };
            format!("{when}  {answered} of {shown} answered{mode}")
        }
        StartEntry::Damaged { .. } => String::new(),
    };
    let right_width = |year: bool| {
        entries
            .iter()
            .map(|e| width_of(&right(e, year)))
            .max()
            .unwrap_or(0)
    };
    let year = room.saturating_sub(right_width(true) + 2) >= 16;
    let name_width = room.saturating_sub(right_width(year) + 2).min(30);
    for entry in entries {
        rows.push(match entry {
            StartEntry::Draft { name, .. } => {
                let name = ellipsize(name.as_deref().unwrap_or("(no name yet)"), name_width);
                let pad = name_width.saturating_sub(width_of(&name));
                Line::from(ellipsize(
                    &format!("{name}{:pad$}  {}", "", right(entry, year)),
                    room,
                ))
            }
            StartEntry::Damaged { path, reason } => Line::from(Span::styled(
                ellipsize(
                    &format!(
                        "DAMAGED, cannot be opened: {} ({reason})",
                        path.file_name()
                            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                    ),
                    room,
                ),
                theme.error,
            )),
        });
    }
    let visible = usize::from(list.height.max(1));
    let first = (selected + 1).saturating_sub(visible);
    for (row, (i, line)) in rows
        .into_iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .enumerate()
    {
        let y = list.y + u16::try_from(row).unwrap_or(0);
        let rect = Rect::new(list.x, y, list.width, 1);
        let is_selected = i == *selected && (i == 0 || !entries.is_empty());
        let pointer = if is_selected { "▶ " } else { "  " };
        let mut spans = vec![Span::raw(pointer)];
        spans.extend(line.spans);
        let style = if is_selected {
            theme.highlight
        } else {
            theme.base
        };
        Paragraph::new(Line::from(spans))
            .style(style)
            .render(rect, buf);
        if i == 0 || !entries.is_empty() {
            hit(app, rect, Hit::Row(i));
        }
    }
    let mut keys: Keys = vec![("↑↓", "choose"), ("Enter", "open")];
    if !entries.is_empty() {
        keys.push(("d", "delete"));
    }
    keys.push(("q", "quit"));
    keys
}
