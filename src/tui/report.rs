//! The clinic report drawn for people: in a terminal with ratatui's charts (a sparkline of the
//! weeks, bar charts of the counts), drawn once into a buffer and written out as lines (no
//! alternate screen); elsewhere (a pipe, a file) as plain text tables. The figures come from
//! `clinic::report`; every word from `words`.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Sparkline, Widget};

use crate::clinic::report::{DeliveryState, Figures, Preview, ReviewState};
use crate::words::{Label, ReportHeading, Words};

/// At most this many concerns and reasons are shown (most frequent first); `--json` has them all.
const SHOWN: usize = 10;
/// The sparkline's height in rows.
const SPARK_ROWS: u16 = 3;

/// One counted thing as a report shows it: its words and its count.
type Counted = (String, u64);

/// The report's sections of counts, in the order shown, with their words.
fn sections(figures: &Figures, words: &dyn Words) -> Vec<(ReportHeading, Vec<Counted>)> {
    let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let mut sections = vec![(
        ReportHeading::Verdicts,
        figures
            .verdicts
            .iter()
            .map(|(level, n)| (words.verdict_short(*level).to_owned(), count(*n)))
            .collect(),
    )];
    let mut concerns: Vec<(&String, &usize)> = figures.concerns.iter().collect();
    concerns.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    sections.push((
        ReportHeading::Concerns,
        concerns
            .into_iter()
            .take(SHOWN)
            .map(|(c, n)| (c.clone(), count(*n)))
            .collect(),
    ));
    sections.push((
        ReportHeading::Reasons,
        figures
            .reasons
            .iter()
            .take(SHOWN)
            .map(|r| (format!("{} — {}", r.rule, r.message), count(r.intakes)))
            .collect(),
    ));
    sections.push((
        ReportHeading::Review,
        ReviewState::all()
            .into_iter()
            .map(|state| {
                let label = match state {
                    ReviewState::Waiting => words.label(Label::WaitingForReview),
                    ReviewState::Decided(d) => words.decision(d),
                };
                (
                    label.to_owned(),
                    count(figures.review.get(state.code()).copied().unwrap_or(0)),
                )
            })
            .collect(),
    ));
    if let Some(delivery) = &figures.delivery {
        sections.push((
            ReportHeading::Delivery,
            DeliveryState::all()
                .into_iter()
                .map(|state| {
                    let label = state.delivery().map_or_else(
                        || words.delivery_not_queued().to_owned(),
                        |d| words.delivery(&d),
                    );
                    (
                        label,
                        count(delivery.get(state.code()).copied().unwrap_or(0)),
                    )
                })
                .collect(),
        ));
    }
    sections.push((
        ReportHeading::ComingMonths,
        figures
            .coming_months
            .iter()
            .map(|m| (words.month(m.month), count(m.sessions)))
            .collect(),
    ));
    sections
}

/// The opening lines: the title and what was left out.
fn opening(figures: &Figures, words: &dyn Words) -> Vec<String> {
    let mut lines = vec![words.report_title(figures.intakes, figures.first, figures.last)];
    lines.extend(words.report_left_out(figures.unreadable, figures.foreign));
    lines
}

fn sessions_line(figures: &Figures, words: &dyn Words) -> String {
    let s = figures.sessions;
    words.sessions_expected(s.intakes, s.min, s.max)
}

/// The report as plain text tables, for a pipe or a file.
#[must_use]
pub fn table(figures: &Figures, words: &dyn Words) -> String {
    let mut out = String::new();
    for line in opening(figures, words) {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "\n{}", words.report_heading(ReportHeading::Weeks));
    for week in &figures.weeks {
        let _ = writeln!(out, "  {:>7}  {}", week.intakes, words.week(week.week));
    }
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        words.report_heading(ReportHeading::Sessions),
        sessions_line(figures, words)
    );
    for (heading, rows) in sections(figures, words) {
        let _ = writeln!(out, "\n{}", words.report_heading(heading));
        for (label, n) in rows {
            let _ = writeln!(out, "  {n:>7}  {label}");
        }
    }
    out
}

/// What another questionnaire would change, one line per intake that changes.
#[must_use]
pub fn preview(preview: &Preview, questionnaire: &str, words: &dyn Words) -> String {
    let mut out = format!(
        "{}\n  {}\n",
        words.report_heading(ReportHeading::Rescore),
        words.rescore_summary(
            questionnaire,
            preview.intakes,
            preview.verdicts_changed,
            preview.sessions_changed,
            preview.answers_left_out,
        )
    );
    for changed in &preview.changed {
        let _ = writeln!(
            out,
            "  {}  {} → {}  ({} → {})",
            changed.intake_id,
            words.verdict_short(changed.verdict_before),
            words.verdict_short(changed.verdict_after),
            words.sessions_range(changed.sessions_before),
            words.sessions_range(changed.sessions_after)
        );
    }
    out
}

/// The report drawn with charts `width` columns wide, as lines of text.
#[must_use]
pub fn charts(figures: &Figures, words: &dyn Words, width: u16) -> String {
    let width = width.max(20);
    let wrapped = |text: &str| -> Vec<String> {
        textwrap::wrap(text, usize::from(width))
            .into_iter()
            .map(std::borrow::Cow::into_owned)
            .collect()
    };
    let opening: Vec<String> = opening(figures, words)
        .iter()
        .flat_map(|l| wrapped(l))
        .collect();
    let sessions_lines = wrapped(&sessions_line(figures, words));
    let sections = sections(figures, words);
    let weeks: Vec<u64> = figures
        .weeks
        .iter()
        .map(|w| u64::try_from(w.intakes).unwrap_or(u64::MAX))
        .collect();
    let rows = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    // Opening, a blank; weeks: heading, sparkline, its first and last week, a blank; sessions:
    // heading, line, blank; then each section: heading, one row per bar, a blank.
    let height = rows(opening.len())
        + 1
        + (1 + SPARK_ROWS + 1 + 1)
        + 2
        + rows(sessions_lines.len())
        + sections
            .iter()
            .map(|(_, bars)| 2 + rows(bars.len().max(1)))
            .sum::<u16>();
    let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
    let mut y = 0;
    let line = |buf: &mut Buffer, y: &mut u16, text: &str| {
        Line::raw(text).render(Rect::new(0, *y, width, 1), buf);
        *y += 1;
    };
    for text in &opening {
        line(&mut buf, &mut y, text);
    }
    y += 1;
    line(&mut buf, &mut y, words.report_heading(ReportHeading::Weeks));
    // The latest weeks that fit, one column each.
    let shown = &weeks[weeks.len().saturating_sub(usize::from(width))..];
    Sparkline::default()
        .data(shown)
        .render(Rect::new(0, y, width, SPARK_ROWS), &mut buf);
    y += SPARK_ROWS;
    let first = figures.weeks.len().saturating_sub(usize::from(width));
    if let (Some(a), Some(b)) = (figures.weeks.get(first), figures.weeks.last()) {
        let from = words.week(a.week);
        let to = words.week(b.week);
        let gap = usize::from(width)
            .min(
                shown
                    .len()
                    .max(from.chars().count() + to.chars().count() + 2),
            )
            .saturating_sub(from.chars().count() + to.chars().count());
        line(&mut buf, &mut y, &format!("{from}{:gap$}{to}", ""));
    } else {
        y += 1;
    }
    y += 1;
    line(
        &mut buf,
        &mut y,
        words.report_heading(ReportHeading::Sessions),
    );
    for text in &sessions_lines {
        line(&mut buf, &mut y, text);
    }
    y += 1;
    for (heading, bars) in &sections {
        line(&mut buf, &mut y, words.report_heading(*heading));
        let n = rows(bars.len().max(1));
        let label_width = bars
            .iter()
            .map(|(l, _)| l.chars().count())
            .max()
            .unwrap_or(0)
            .min(usize::from(width) / 2);
        let bars: Vec<Bar> = bars
            .iter()
            .map(|(label, value)| {
                let label: String = label.chars().take(label_width).collect();
                Bar::default()
                    .label(Line::raw(label))
                    .value(*value)
                    .text_value(value.to_string())
            })
            .collect();
        BarChart::default()
            .direction(Direction::Horizontal)
            .bar_width(1)
            .bar_gap(0)
            .data(BarGroup::default().bars(&bars))
            .render(Rect::new(2, y, width - 2, n), &mut buf);
        y += n + 1;
    }
    lines_of(&buf)
}

/// A buffer's rows as text, each without its trailing blanks.
fn lines_of(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut row = String::new();
        for x in 0..area.width {
            row.push_str(buf[(x, y)].symbol());
        }
        let _ = writeln!(out, "{}", row.trim_end());
    }
    out
}
