//! Staff start screen: the clinic's list of intakes. `New intake`, then the groups: waiting for
//! review (finished, not signed off, in the order patients finished), unfinished (newest first),
//! reviewed (most recent first). `/` finds a patient by name or date of birth as one types; `f`
//! shows one state, `t` today or this week. Each group's title counts its rows; the columns have
//! headers, and at any width the cut goes to the name, never to the state or the decision.
//!
//! The list's lines are laid out when the list or the filter changes; a frame draws only the
//! lines in view, so a key costs the same with twenty or twenty thousand records.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use tui_input::Input;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use crate::clinic::{Listed, Row, Unfinished, same_patient_twice};
use crate::engine::summary::{Decision, Mode, Review};
use crate::model::questionnaire::Level;
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
pub enum Group {
    Waiting,
    HasIssues,
    Unfinished,
    Reviewed,
}

impl Group {
    const ALL: [Group; 4] = [
        Group::Waiting,
        Group::HasIssues,
        Group::Unfinished,
        Group::Reviewed,
    ];

    fn heading(self) -> Label {
        match self {
            Group::Waiting => Label::WaitingForReview,
            Group::HasIssues => Label::HasIssues,
            Group::Unfinished => Label::Unfinished,
            Group::Reviewed => Label::Reviewed,
        }
    }
}

/// Which states the list shows: `f` steps through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateFilter {
    All,
    Only(Group),
}

impl StateFilter {
    fn next(self) -> Self {
        match self {
            StateFilter::All => StateFilter::Only(Group::ALL[0]),
            StateFilter::Only(g) => Group::ALL
                .iter()
                .position(|x| *x == g)
                .and_then(|i| Group::ALL.get(i + 1))
                .map_or(StateFilter::All, |g| StateFilter::Only(*g)),
        }
    }

    fn label(self) -> Label {
        match self {
            StateFilter::All => Label::ShowAllStates,
            StateFilter::Only(Group::Waiting) => Label::ShowWaiting,
            StateFilter::Only(Group::HasIssues) => Label::ShowHasIssues,
            StateFilter::Only(Group::Unfinished) => Label::ShowUnfinished,
            StateFilter::Only(Group::Reviewed) => Label::ShowReviewed,
        }
    }
}

/// Which days the list shows: `t` steps through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayFilter {
    All,
    Today,
    ThisWeek,
}

impl DayFilter {
    fn next(self) -> Self {
        match self {
            DayFilter::All => DayFilter::Today,
            DayFilter::Today => DayFilter::ThisWeek,
            DayFilter::ThisWeek => DayFilter::All,
        }
    }

    fn label(self) -> Label {
        match self {
            DayFilter::All => Label::AnyDay,
            DayFilter::Today => Label::Today,
            DayFilter::ThisWeek => Label::ThisWeek,
        }
    }

    /// Whether `day` is shown on `today` (an entry with no day only when every day is).
    fn shows(self, day: Option<NaiveDate>, today: NaiveDate) -> bool {
        match (self, day) {
            (DayFilter::All, _) => true,
            (DayFilter::Today, Some(day)) => day == today,
            (DayFilter::ThisWeek, Some(day)) => day.iso_week() == today.iso_week(),
            (_, None) => false,
        }
    }
}

impl StartEntry {
    fn group(&self) -> Group {
        match self {
            StartEntry::Record(row, _)
                if row
                    .review
                    .as_ref()
                    .is_some_and(|r| r.decision == Decision::HasIssues) =>
            {
                Group::HasIssues
            }
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
    pub state: StateFilter,
    pub day: DayFilter,
    /// When the list was read: today for the filter by day, and how long ago a patient left.
    pub now: DateTime<FixedOffset>,
    /// For each entry, whether it is the same patient started twice (the clinic's finding).
    twice: Vec<bool>,
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
    pub fn new(mut entries: Vec<StartEntry>, now: DateTime<FixedOffset>) -> Self {
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
                // Newest first; the same minute by name, so the order never shuffles.
                (
                    StartEntry::Unfinished(Listed::Draft(a)),
                    StartEntry::Unfinished(Listed::Draft(b)),
                ) => b
                    .draft
                    .updated_at
                    .cmp(&a.draft.updated_at)
                    .then_with(|| a.name.cmp(&b.name)),
                _ => std::cmp::Ordering::Equal,
            })
        });
        let twice = same_patient_twice(&entries);
        let mut start = Start {
            selected: 0,
            entries,
            deleting: false,
            filter: None,
            state: StateFilter::All,
            day: DayFilter::All,
            now,
            twice,
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
        let today = self.now.date_naive();
        let shown = |e: &StartEntry| {
            query.as_deref().is_none_or(|q| e.matches(q)) && self.day.shows(e.day(), today)
        };
        let mut lines = vec![ListLine::NewIntake];
        for group in Group::ALL {
            if self.state != StateFilter::All && self.state != StateFilter::Only(group) {
                continue;
            }
            let members: Vec<usize> = (0..self.entries.len())
                .filter(|&i| self.entries[i].group() == group && shown(&self.entries[i]))
                .collect();
            // Waiting always shows (an empty queue is news), and a state asked for by `f`.
            let asked = group == Group::Waiting || self.state == StateFilter::Only(group);
            if members.is_empty() && (!asked || query.is_some()) {
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
            at_kiosk: false,
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
            Action::FilterState => {
                self.state = self.state.next();
                self.selected = 0;
                self.lay_out();
            }
            Action::FilterDay => {
                self.day = self.day.next();
                self.selected = 0;
                self.lay_out();
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
            let text = if (self.state, self.day) == (StateFilter::All, DayFilter::All) {
                words.label(Label::ClinicIntakes).to_owned()
            } else {
                words.say(&Say::ListShowing {
                    state: words.label(self.state.label()),
                    day: words.label(self.day.label()),
                })
            };
            Paragraph::new(ellipsize(&text, usize::from(title.width)))
                .style(theme.title)
                .render(title, buf);
            None
        };
        let room = usize::from(list.width).saturating_sub(2);
        let columns = Columns::new(words, room, self.now);
        Paragraph::new(Line::from(vec![
            Span::raw("  "),
            Span::styled(ellipsize(&columns.header(words), room), theme.help),
        ]))
        .render(header_area(area), buf);
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
                ListLine::Entry(e) => entry_line(
                    &theme,
                    words,
                    &self.entries[e],
                    &columns,
                    RowContext {
                        twice: self.twice.get(e).copied().unwrap_or(false),
                        now: self.now,
                    },
                ),
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

/// The list's columns at one width: every one but the name as wide as its widest possible
/// value, so a state or a decision is never cut; the name takes what is left (10 to 28 cells).
struct Columns {
    room: usize,
    when: MomentForm,
    when_width: usize,
    mode: usize,
    verdict: usize,
    state: usize,
    name: usize,
}

/// What a row needs besides its entry.
#[derive(Clone, Copy)]
struct RowContext {
    twice: bool,
    now: DateTime<FixedOffset>,
}

const AGE: usize = 3;
const GAP: &str = "  ";

impl Columns {
    fn new(words: &dyn Words, room: usize, now: DateTime<FixedOffset>) -> Self {
        let widest = |texts: &mut dyn Iterator<Item = String>| texts.map(|t| width_of(&t)).max();
        let mode = widest(
            &mut [Mode::Staff, Mode::Kiosk, Mode::Batch]
                .into_iter()
                .map(|m| words.mode(m, ModeForm::Column).to_owned()),
        )
        .unwrap_or(0);
        let verdict = widest(
            &mut [
                Level::Suitable,
                Level::SuitableWithPrecautions,
                Level::PhysicianReview,
                Level::Delay,
                Level::NotSuitable,
            ]
            .into_iter()
            .map(|l| words.verdict_short(l).to_owned()),
        )
        .unwrap_or(0);
        // The longest clearance: a date with the longest month name of the language.
        let longest = (1..=12)
            .filter_map(|m| NaiveDate::from_ymd_opt(2026, m, 28))
            .map(|date| {
                words.review_short(&Review {
                    by: String::new(),
                    decision: Decision::Cleared,
                    note: None,
                    at: now,
                    cleared_from: Some(date),
                })
            });
        let state = widest(
            &mut Decision::ALL
                .into_iter()
                .chain([Decision::Approved])
                .map(|d| words.decision_short(d).to_owned())
                .chain(longest),
        )
        .unwrap_or(0);
        let when = if room >= 100 {
            MomentForm::Short
        } else {
            MomentForm::ShortNoYear
        };
        // A two-digit day: every row's moment fits.
        let sample = now.with_day(28).unwrap_or(now);
        let when_width = width_of(&words.moment(&sample, when));
        // Below 100 cells the way the intake was made gives way to the name (a walk-away row
        // still says the kiosk).
        let mode = if room >= 100 { mode } else { 0 };
        let fixed = AGE + when_width + mode + verdict + state + 5 * GAP.len();
        let name = room.saturating_sub(fixed + GAP.len()).clamp(10, 28);
        Columns {
            room,
            when,
            when_width,
            mode,
            verdict,
            state,
            name,
        }
    }

    /// `text` in the column of how the intake was made, with its gap; nothing when it is hidden.
    fn mode_column(&self, text: &str) -> String {
        if self.mode == 0 {
            String::new()
        } else {
            format!("{}{GAP}", pad(text, self.mode))
        }
    }

    fn header(&self, words: &dyn Words) -> String {
        let label = |l| words.label(l);
        format!(
            "{}{GAP}{}{GAP}{}{GAP}{}{}{GAP}{}",
            pad(label(Label::ColName), self.name),
            pad(label(Label::ColAge), AGE),
            pad(label(Label::ColWhen), self.when_width),
            self.mode_column(label(Label::ColHow)),
            pad(label(Label::ColVerdict), self.verdict),
            label(Label::ColReview),
        )
    }
}

/// `text` cut or padded to `width` cells.
fn pad(text: &str, width: usize) -> String {
    let text = ellipsize(text, width);
    let room = width.saturating_sub(width_of(&text));
    format!("{text}{:room$}", "")
}

#[allow(clippy::too_many_lines)] // one arm per kind of row
fn entry_line(
    theme: &Theme,
    words: &dyn Words,
    entry: &StartEntry,
    columns: &Columns,
    row_of: RowContext,
) -> Line<'static> {
    let room = columns.room;
    let cut = |text: String, style| Line::from(Span::styled(ellipsize(&text, room), style));
    let label = |label| words.label(label);
    let twice = row_of
        .twice
        .then(|| label(Label::FlagSamePatientTwice).to_owned());
    match entry {
        StartEntry::Record(row, delivery) => {
            let name = pad(
                row.name.as_deref().unwrap_or(label(Label::NoName)),
                columns.name,
            );
            let age = row.age.map_or_else(String::new, |a| a.to_string());
            let head = format!(
                "{name}{GAP}{age:>AGE$}{GAP}{}{GAP}{}",
                pad(
                    &words.moment(&row.completed_at, columns.when),
                    columns.when_width
                ),
                columns.mode_column(words.mode(row.mode, ModeForm::Column)),
            );
            let level = row.shown();
            let verdict = pad(words.verdict_short(level), columns.verdict);
            let state = row.review.as_ref().map(|r| words.review_short(r));
            let mut flags: Vec<String> = twice.into_iter().collect();
            if row.provisional {
                flags.push(label(Label::FlagProvisional).to_owned());
            }
            if row.overridden.is_some() {
                flags.push(label(Label::FlagOverride).to_owned());
            }
            if row.seen_before.is_some() {
                flags.push(label(Label::FlagSeenBefore).to_owned());
            }
            if let Some(d) = delivery {
                flags.push(words.delivery(d).clone());
            }
            let state_style = match row.review.as_ref().map(|r| r.decision) {
                Some(Decision::Cleared | Decision::Approved) => theme.suitable,
                Some(Decision::Declined) => theme.stop,
                Some(Decision::HasIssues | Decision::NeedsPhysician) => theme.caution,
                None => theme.help,
            };
            let mut spans = vec![
                Span::raw(head),
                Span::styled(verdict, theme.level(level)),
                Span::raw(GAP),
            ];
            if let Some(state) = state {
                spans.push(Span::styled(pad(&state, columns.state), state_style));
                if !flags.is_empty() {
                    spans.push(Span::raw(GAP));
                }
            }
            spans.push(Span::styled(flags.join(" · "), theme.help));
            fit(spans, room)
        }
        StartEntry::Unfinished(Listed::Draft(unfinished)) => {
            let Unfinished {
                draft,
                name,
                answered,
                shown,
                elsewhere,
                ..
            } = &**unfinished;
            let name = pad(
                name.as_deref().unwrap_or(label(Label::NoNameYet)),
                columns.name,
            );
            let head = format!(
                "{name}{GAP}{:AGE$}{GAP}{}{GAP}{}",
                "",
                pad(
                    &words.moment(&draft.updated_at, columns.when),
                    columns.when_width
                ),
                columns.mode_column(words.mode(draft.mode, ModeForm::Column)),
            );
            // Same patient twice first: staff resume the other rather than start a third.
            let mut what: Vec<String> = Vec::new();
            // A kiosk intake nobody has open is a patient who walked away.
            let left = draft.mode == Mode::Kiosk && !*elsewhere;
            if left {
                what.push(words.say(&Say::LeftAtKiosk {
                    minutes: (row_of.now - draft.updated_at).num_minutes(),
                }));
            }
            what.extend(twice);
            what.push(words.say(&Say::AnsweredOf {
                answered: *answered,
                shown: *shown,
            }));
            if *elsewhere {
                what.push(label(Label::OpenElsewhere).to_owned());
            }
            fit(
                vec![
                    Span::raw(head),
                    Span::styled(
                        what.join(" · "),
                        if left { theme.caution } else { theme.base },
                    ),
                ],
                room,
            )
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

/// `spans` cut at `room` cells, the last ones first.
fn fit(spans: Vec<Span<'static>>, room: usize) -> Line<'static> {
    let mut left = room;
    let mut out = Vec::new();
    for span in spans {
        if left == 0 {
            break;
        }
        let text = ellipsize(&span.content, left);
        left = left.saturating_sub(width_of(&text));
        out.push(Span::styled(text, span.style));
    }
    Line::from(out)
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

fn title_area(area: Rect) -> Rect {
    Rect::new(area.x, area.y, area.width, area.height.min(1))
}

/// The column headers' line, between the title and the list.
fn header_area(area: Rect) -> Rect {
    let [_, header, _] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ]));
    header
}

fn list_area(area: Rect) -> Rect {
    let [_, _, list] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ]));
    list
}
