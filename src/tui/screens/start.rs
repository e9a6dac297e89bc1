//! Staff start screen: `New intake`, then unfinished intakes newest first, then damaged files.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use std::path::PathBuf;

use crate::engine::summary::Mode;
use crate::store::Draft;
use crate::tui::action::{Action, Focus, Hit};
use crate::tui::session::Ctx;
use crate::tui::text_layout::{ellipsize, width_of};

/// A row after `New intake`.
#[derive(Debug, Clone)]
pub enum StartEntry {
    Draft {
        draft: Box<Draft>,
        name: Option<String>,
        answered: usize,
        shown: usize,
        /// Open on another terminal right now.
        elsewhere: bool,
    },
    /// Submitted as skin-intake stopped: its summary is written; it cannot be opened again.
    Finished {
        summary: PathBuf,
    },
    /// A draft of a later format than this program knows, left as it is.
    Newer {
        path: PathBuf,
        format_version: u64,
    },
    Damaged {
        path: PathBuf,
        reason: String,
    },
}

/// The list: row 0 is `New intake`, row k the k-th entry.
#[derive(Debug, Clone)]
pub struct Start {
    pub selected: usize,
    pub entries: Vec<StartEntry>,
    /// The selected row waits for a second `d` to be deleted.
    pub deleting: bool,
}

/// What the list asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    None,
    Open(usize),
    /// Ask before deleting this row.
    AskDelete(usize),
    Delete(usize),
    Quit,
}

impl Start {
    #[must_use]
    pub fn focus(&self) -> Focus {
        Focus::Start {
            has_rows: !self.entries.is_empty(),
        }
    }

    pub fn update(&mut self, action: &Action) -> Outcome {
        let last = self.entries.len();
        if std::mem::take(&mut self.deleting) && *action == Action::Delete {
            return Outcome::Delete(self.selected);
        }
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Home => self.selected = 0,
            Action::End => self.selected = last,
            Action::Quit => return Outcome::Quit,
            Action::Confirm => return Outcome::Open(self.selected),
            Action::Tap(Hit::Row(row)) => {
                self.selected = *row;
                return Outcome::Open(*row);
            }
            Action::Delete if self.selected > 0 => {
                self.deleting = true;
                return Outcome::AskDelete(self.selected);
            }
            _ => {}
        }
        Outcome::None
    }

    /// Where a tap on each row lands.
    #[must_use]
    pub fn hits(&self, area: Rect) -> Vec<(Rect, Hit)> {
        let list = list_area(area);
        let rows = if self.entries.is_empty() {
            1
        } else {
            self.entries.len() + 1
        };
        visible_rows(self.selected, rows, list)
            .map(|(i, rect)| (rect, Hit::Row(i)))
            .collect()
    }

    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.config.theme;
        let selected = &self.selected;
        let entries = &self.entries;
        let [title, list] = [title_area(area), list_area(area)];
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
                elsewhere,
                ..
            } => {
                let when = draft.updated_at.format(if year {
                    "%-d %b %Y %H:%M"
                } else {
                    "%-d %b %H:%M"
                });
                let mode = match draft.mode {
                    Mode::Kiosk => "  · kiosk",
                    _ => "",
                };
                let open = if *elsewhere {
                    "  · open on another terminal"
                } else {
                    ""
                };
                format!("{when}  {answered} of {shown} answered{mode}{open}")
            }
            StartEntry::Finished { .. } | StartEntry::Newer { .. } | StartEntry::Damaged { .. } => {
                String::new()
            }
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
                StartEntry::Finished { summary } => Line::from(Span::styled(
                    ellipsize(&format!("FINISHED, saved as {}", file_name(summary)), room),
                    theme.help,
                )),
                StartEntry::Newer {
                    path,
                    format_version,
                } => Line::from(Span::styled(
                    ellipsize(
                        &format!(
                            "NEWER FORMAT {format_version}, left as it is: {}",
                            file_name(path)
                        ),
                        room,
                    ),
                    theme.help,
                )),
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
        let count = rows.len();
        let mut rows: Vec<Option<Line>> = rows.into_iter().map(Some).collect();
        for (i, rect) in visible_rows(*selected, count, list) {
            let Some(line) = rows[i].take() else {
                continue;
            };
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
        }
    }
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

fn title_area(area: Rect) -> Rect {
    Rect::new(area.x, area.y, area.width, area.height.min(1))
}

fn list_area(area: Rect) -> Rect {
    let [_, _, list] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ]));
    list
}

/// The rows in view, scrolled to keep the selected one there: (row, where it goes).
fn visible_rows(selected: usize, rows: usize, list: Rect) -> impl Iterator<Item = (usize, Rect)> {
    let visible = usize::from(list.height.max(1));
    let first = (selected + 1).saturating_sub(visible);
    (first..rows).take(visible).enumerate().map(move |(k, i)| {
        let y = list.y + u16::try_from(k).unwrap_or(0);
        (i, Rect::new(list.x, y, list.width, 1))
    })
}
