//! Staff start screen: the clinic's list of intakes. `New intake`, then the groups: waiting for
//! review (finished, not signed off, in the order patients finished), unfinished (newest first),
//! reviewed (most recent first). `/` finds a patient by name or date of birth as one types.
//!
//! The list's lines are laid out when the list or the filter changes; a frame draws only the
//! lines in view, so a key costs the same with twenty or twenty thousand records.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use tui_input::Input;

use crate::clinic::{Listed, Row, Unfinished};
use crate::engine::summary::Mode;
use crate::tui::action::{Action, Focus, Hit};
use crate::tui::session::Ctx;
use crate::tui::text_layout::{ellipsize, width_of};
use crate::tui::theme::Theme;
use crate::tui::widgets::text_field;
use crate::words::{Label, ModeForm, MomentForm, Say, Words};

/// A row after `New intake`: the clinic's list entry.
pub use crate::clinic::Entry as StartEntry;

/// The groups of the list, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Waiting,
    Unfinished,
    Reviewed,
}

impl Group {
    const ALL: [Group; 3] = [Group::Waiting, Group::Unfinished, Group::Reviewed];

    fn heading(self) -> Label {
        match self {
            Group::Waiting => Label::WaitingForReview,
            Group::Unfinished => Label::Unfinished,
            Group::Reviewed => Label::Reviewed,
        }
    }
}

impl StartEntry {
    fn group(&self) -> Group {
        match self {
            StartEntry::Record(row, _) if row.review.is_some() => Group::Reviewed,
            StartEntry::Record(..) => Group::Waiting,
            StartEntry::Unfinished(_) => Group::Unfinished,
        }
    }

    fn matches(&self, query: &str) -> bool {
        match self {
            StartEntry::Record(row, _) => row.matches(query),
            StartEntry::Unfinished(Listed::Draft(unfinished)) => unfinished
                .name
                .as_deref()
                .is_some_and(|n| n.to_lowercase().contains(&query.trim().to_lowercase())),
            StartEntry::Unfinished(_) => false,
        }
    }
}

/// One line of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListLine {
    NewIntake,
    Blank,
    Heading(Group, usize),
    Entry(usize),
    Nothing,
}

/// The list: row 0 is `New intake`, row k the k-th entry shown.
#[derive(Debug, Clone)]
pub struct Start {
    pub selected: usize,
    pub entries: Vec<StartEntry>,
    /// The selected row waits for a second `d` to be deleted.
    pub deleting: bool,
    /// What was typed after `/`, while finding a patient.
    pub filter: Option<Input>,
    lines: Vec<ListLine>,
    /// The line of each row.
    rows: Vec<usize>,
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
    /// The list of `entries`, in any order: they are grouped and sorted here.
    #[must_use]
    pub fn new(mut entries: Vec<StartEntry>) -> Self {
        // Waiting: in the order patients finished; reviewed: the latest review first; unfinished
        // keep the store's order (newest first).
        entries.sort_by(|a, b| {
            let group = |e: &StartEntry| Group::ALL.iter().position(|g| *g == e.group());
            group(a).cmp(&group(b)).then_with(|| match (a, b) {
                (StartEntry::Record(a, _), StartEntry::Record(b, _)) if a.review.is_some() => {
                    let at = |r: &Row| r.review.as_ref().map(|r| r.at);
                    at(b).cmp(&at(a))
                }
                (StartEntry::Record(a, _), StartEntry::Record(b, _)) => {
                    a.completed_at.cmp(&b.completed_at)
                }
                _ => std::cmp::Ordering::Equal,
            })
        });
        let mut start = Start {
            selected: 0,
            entries,
            deleting: false,
            filter: None,
            lines: Vec::new(),
            rows: Vec::new(),
        };
        start.lay_out();
        start
    }

    /// The entry of row `row` (row 0, `New intake`, has none).
    #[must_use]
    pub fn entry(&self, row: usize) -> Option<&StartEntry> {
        match self.lines.get(*self.rows.get(row)?)? {
            ListLine::Entry(i) => self.entries.get(*i),
            _ => None,
        }
    }

    fn lay_out(&mut self) {
        let query = self.filter.as_ref().map(|f| f.value().to_owned());
        let shown = |e: &StartEntry| query.as_deref().is_none_or(|q| e.matches(q));
        let mut lines = vec![ListLine::NewIntake];
        for group in Group::ALL {
            let members: Vec<usize> = (0..self.entries.len())
                .filter(|&i| self.entries[i].group() == group && shown(&self.entries[i]))
                .collect();
            if members.is_empty() && (group != Group::Waiting || query.is_some()) {
                continue;
            }
            lines.push(ListLine::Blank);
            lines.push(ListLine::Heading(group, members.len()));
            if members.is_empty() {
                lines.push(ListLine::Nothing);
            }
            lines.extend(members.into_iter().map(ListLine::Entry));
        }
        self.rows = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| matches!(l, ListLine::NewIntake | ListLine::Entry(_)))
            .map(|(i, _)| i)
            .collect();
        self.lines = lines;
        self.selected = self.selected.min(self.rows.len() - 1);
    }

    #[must_use]
    pub fn focus(&self) -> Focus {
        Focus::Start {
            has_rows: !self.entries.is_empty(),
            finding: self.filter.is_some(),
        }
    }

    pub fn update(&mut self, action: &Action) -> Outcome {
        let last = self.rows.len() - 1;
        if std::mem::take(&mut self.deleting) && *action == Action::Delete {
            return Outcome::Delete(self.selected);
        }
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::PageDown => self.selected = (self.selected + 10).min(last),
            Action::Home => self.selected = 0,
            Action::End => self.selected = last,
            Action::Quit => return Outcome::Quit,
            Action::Find => {
                self.filter = Some(Input::default());
                self.selected = 0;
            }
            Action::Back if self.filter.is_some() => {
                self.filter = None;
                self.lay_out();
            }
            Action::Edit(key) => {
                if let Some(filter) = &mut self.filter
                    && text_field::key(filter, *key, Some(60))
                {
                    self.selected = usize::from(self.rows.len() > 1);
                    self.lay_out();
                    self.selected = self.selected.min(self.rows.len() - 1);
                }
            }
            Action::Paste(text) => {
                if let Some(filter) = &mut self.filter {
                    text_field::insert(filter, text, Some(60));
                    self.lay_out();
                }
            }
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

    /// The lines in view, scrolled to keep the selected row there: (line, where it goes).
    fn visible(&self, list: Rect) -> impl Iterator<Item = (usize, Rect)> {
        let visible = usize::from(list.height.max(1));
        let line = self.rows.get(self.selected).copied().unwrap_or(0);
        let first = (line + 1).saturating_sub(visible);
        (first..self.lines.len())
            .take(visible)
            .enumerate()
            .map(move |(k, i)| {
                let y = list.y + u16::try_from(k).unwrap_or(0);
                (i, Rect::new(list.x, y, list.width, 1))
            })
    }

    /// Where a tap on each row lands.
    #[must_use]
    pub fn hits(&self, area: Rect) -> Vec<(Rect, Hit)> {
        self.visible(list_area(area))
            .filter_map(|(line, rect)| {
                let row = self.rows.iter().position(|&r| r == line)?;
                Some((rect, Hit::Row(row)))
            })
            .collect()
    }

    /// Draws the list; returns where the cursor is while a patient is being found.
    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let theme = ctx.config.theme;
        let words = ctx.words;
        let [title, list] = [title_area(area), list_area(area)];
        let cursor = if let Some(filter) = &self.filter {
            let find_by = words.label(Label::FindBy);
            let [label, field] = title.layout(&Layout::horizontal([
                Constraint::Length(u16::try_from(width_of(find_by) + 1).unwrap_or(u16::MAX)),
                Constraint::Min(1),
            ]));
            Paragraph::new(find_by)
                .style(theme.title)
                .render(label, buf);
            text_field::draw(filter, theme.highlight, Some(theme.cursor), field, buf)
        } else {
            Paragraph::new(words.label(Label::ClinicIntakes))
                .style(theme.title)
                .render(title, buf);
            None
        };
        let room = usize::from(list.width).saturating_sub(2);
        let selected_line = self.rows.get(self.selected).copied();
        for (i, rect) in self.visible(list) {
            let is_selected = Some(i) == selected_line;
            let line = match self.lines[i] {
                ListLine::NewIntake => Line::from(words.label(Label::NewIntake)),
                ListLine::Blank => Line::from(""),
                ListLine::Heading(group, count) => Line::from(Span::styled(
                    format!("{} ({count})", words.label(group.heading())),
                    theme.section,
                )),
                ListLine::Nothing => Line::from(Span::styled(
                    format!(
                        "   {}",
                        words.label(if self.filter.is_some() {
                            Label::NobodyFound
                        } else {
                            Label::NobodyWaiting
                        })
                    ),
                    theme.help,
                )),
                ListLine::Entry(e) => entry_line(&theme, words, &self.entries[e], room),
            };
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
        cursor
    }
}

/// A date and time, with the year where there is room for it.
fn when_format(room: usize) -> MomentForm {
    if room >= 70 {
        MomentForm::Short
    } else {
        MomentForm::ShortNoYear
    }
}

/// How wide the name column is: a quarter of the room, 10 to 28 columns.
fn name_width(room: usize) -> usize {
    (room / 4).clamp(10, 28)
}

/// `name` padded or cut to the name column.
fn name_column(name: &str, room: usize) -> String {
    let width = name_width(room);
    let name = ellipsize(name, width);
    let pad = width.saturating_sub(width_of(&name));
    format!("{name}{:pad$}  ", "")
}

fn entry_line(theme: &Theme, words: &dyn Words, entry: &StartEntry, room: usize) -> Line<'static> {
    let cut = |text: String, style| Line::from(Span::styled(ellipsize(&text, room), style));
    let label = |label| words.label(label);
    match entry {
        StartEntry::Record(row, delivery) => {
            let name = name_column(row.name.as_deref().unwrap_or(label(Label::NoName)), room);
            let age = row.age.map(|a| format!("{a:>3}  ")).unwrap_or_default();
            let when = words.moment(&row.completed_at, when_format(room));
            let mode = words.mode(row.mode, ModeForm::Column);
            let level = row.shown();
            let mut flags = Vec::new();
            if row.provisional {
                flags.push(label(Label::FlagProvisional));
            }
            if row.overridden.is_some() {
                flags.push(label(Label::FlagOverride));
            }
            if row.seen_before.is_some() {
                flags.push(label(Label::FlagSeenBefore));
            }
            let delivery = delivery.map(|d| words.delivery(&d));
            if let Some(delivery) = &delivery {
                flags.push(delivery);
            }
            let review = row.review.as_ref().map(|r| words.review_short(r));
            if let Some(review) = &review {
                flags.push(review);
            }
            let head = format!("{name}{age}{when}  {mode}  ");
            let verdict = words.verdict_short(level);
            let tail = if flags.is_empty() {
                String::new()
            } else {
                format!("  {}", flags.join(" · "))
            };
            let fits = room.saturating_sub(width_of(&head));
            let verdict_cut = ellipsize(verdict, fits);
            let tail_cut = ellipsize(&tail, fits.saturating_sub(width_of(&verdict_cut)));
            Line::from(vec![
                Span::raw(ellipsize(&head, room)),
                Span::styled(verdict_cut, theme.level(level)),
                Span::styled(tail_cut, theme.help),
            ])
        }
        StartEntry::Unfinished(Listed::Draft(unfinished)) => {
            let Unfinished {
                draft,
                name,
                answered,
                shown,
                elsewhere,
            } = &**unfinished;
            let name = name_column(name.as_deref().unwrap_or(label(Label::NoNameYet)), room);
            let when = words.moment(&draft.updated_at, when_format(room));
            let mode = match draft.mode {
                Mode::Kiosk => format!("  · {}", words.mode(Mode::Kiosk, ModeForm::Column)),
                _ => String::new(),
            };
            let open = if *elsewhere {
                format!("  · {}", label(Label::OpenElsewhere))
            } else {
                String::new()
            };
            let answered = words.say(&Say::AnsweredOf {
                answered: *answered,
                shown: *shown,
            });
            cut(format!("{name}{when}  {answered}{mode}{open}"), theme.base)
        }
        StartEntry::Unfinished(Listed::Finished { summary, .. }) => cut(
            words.say(&Say::FinishedSavedAs {
                file: &file_name(summary),
            }),
            theme.help,
        ),
        StartEntry::Unfinished(Listed::Newer {
            path,
            format_version,
        }) => cut(
            words.say(&Say::NewerFormat {
                format_version: *format_version,
                file: &file_name(path),
            }),
            theme.help,
        ),
        StartEntry::Unfinished(Listed::Damaged { path, reason }) => cut(
            words.say(&Say::Damaged {
                file: &file_name(path),
                reason,
            }),
            theme.error,
        ),
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
