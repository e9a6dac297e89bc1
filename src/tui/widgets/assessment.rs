//! The assessment as lines of text: the verdict, reasons, plan, schedule and notes, shared by the
//! result screen and the live panel beside the questions.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::engine::assessment::{Assessment, Session};
use crate::engine::summary::Override;
use crate::model::questionnaire::{Level, Questionnaire};
use crate::tui::text_layout::{hanging, width_of};
use crate::tui::theme::{Theme, verdict};

/// `4–6`, or `4` when both ends are the same, as a printed record writes it.
pub use crate::print::range;

/// `text` wrapped after `label` (in `label_style`), later lines indented under the text.
#[must_use]
pub fn labelled(label: &str, label_style: Style, text: &str, width: u16) -> Vec<Line<'static>> {
    hanging(label, text, usize::from(width))
        .into_iter()
        .enumerate()
        .map(|(i, line)| match line.split_at_checked(label.len()) {
            Some((head, rest)) if i == 0 => Line::from(vec![
                Span::styled(head.to_owned(), label_style),
                Span::raw(rest.to_owned()),
            ]),
            _ => Line::from(line),
        })
        .collect()
}

/// The assessment as lines wrapped to `width` (also used by the side panel).
#[must_use]
pub fn assessment_lines(
    theme: &Theme,
    questionnaire: &Questionnaire,
    language: &str,
    a: &Assessment,
    width: u16,
) -> Vec<Line<'static>> {
    let plain = Style::new();
    let mut lines = vec![Line::from(Span::styled(
        verdict(a.suitability),
        theme.level(a.suitability),
    ))];
    lines.push(Line::from(""));
    if a.reasons.is_empty() {
        lines.push(Line::from("No screening rule applies."));
    } else {
        lines.push(Line::from(Span::styled("Reasons", theme.section)));
        // Most severe first; rule order within a level (the export keeps rule order).
        let mut reasons: Vec<_> = a.reasons.iter().collect();
        reasons.sort_by_key(|r| std::cmp::Reverse(r.level));
        for r in reasons {
            let level = format!("• {}", verdict(r.level));
            let rule = format!("[{}]", r.rule);
            if width_of(&level) + 1 + width_of(&rule) <= usize::from(width) {
                lines.push(Line::from(vec![
                    Span::styled(format!("{level} "), theme.level(r.level)),
                    Span::styled(rule, theme.help),
                ]));
            } else {
                lines.push(Line::from(Span::styled(level, theme.level(r.level))));
                lines.push(Line::from(Span::styled(format!("  {rule}"), theme.help)));
            }
            lines.extend(labelled("  ", plain, &r.message, width));
            if let Some(date) = r.reassess_on {
                lines.extend(labelled(
                    "  ",
                    plain,
                    &format!("→ assess again on or after {}", date.format("%-d %B %Y")),
                    width,
                ));
            }
        }
    }
    // The verdict's date is the latest of the reasons' dates: worth a line when there are several.
    if let Some(date) = a.reassess_on
        && a.reasons.iter().filter(|r| r.reassess_on.is_some()).count() > 1
    {
        lines.extend(labelled(
            "",
            plain,
            &format!(
                "Assess again on or after {} (when every delay is over)",
                date.format("%-d %B %Y")
            ),
            width,
        ));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Plan", theme.section)));
    match a.sessions {
        Some(s) => {
            let per: Vec<String> = a
                .concerns
                .iter()
                .map(|c| {
                    format!(
                        "{} {}",
                        concern_label(questionnaire, language, &c.concern),
                        range(c.sessions)
                    )
                })
                .collect();
            lines.extend(labelled(
                "Sessions:     ",
                plain,
                &format!("{}  ({})", range(s), per.join(", ")),
                width,
            ));
        }
        None => lines.extend(labelled(
            "Sessions:     ",
            plain,
            "none planned (no concern chosen)",
            width,
        )),
    }
    lines.extend(labelled(
        "Interval:     ",
        plain,
        &format!("every {} weeks", range(a.interval_weeks)),
        width,
    ));
    lines.extend(labelled(
        "Maintenance:  ",
        plain,
        &match a.maintenance_months {
            Some(m) => format!("one session every {} months", range(m)),
            None => "none needed".to_owned(),
        },
        width,
    ));
    if let Some(c) = a.course_weeks {
        lines.extend(labelled(
            "Course:       ",
            plain,
            &format!("{} weeks", range(c)),
            width,
        ));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Proposed schedule", theme.section)));
    if a.schedule_provisional {
        let provisional = if a.schedule.is_empty() {
            "⚠ A physician must approve the treatment before any date is set."
        } else {
            "⚠ Provisional: these dates hold only after a physician has approved the treatment."
        };
        let style = theme.level(Level::PhysicianReview);
        lines.extend(
            labelled("", plain, provisional, width)
                .into_iter()
                .map(|line| line.style(style)),
        );
    }
    if a.schedule.is_empty() {
        let why = match (a.suitability, a.reassess_on) {
            (Level::NotSuitable, _) => "No sessions are planned: not suitable.",
            (Level::Delay, None) => "No sessions can be scheduled until the delay is over.",
            _ => "No sessions can be scheduled yet.",
        };
        lines.extend(labelled("", plain, why, width));
    } else {
        lines.extend(timeline(theme, &a.schedule, width));
    }
    if !a.notes.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Notes", theme.section)));
        for n in &a.notes {
            lines.extend(labelled("• ", plain, n, width));
        }
    }
    lines
}

/// The concern as the questionnaire words it.
fn concern_label(q: &Questionnaire, language: &str, code: &str) -> String {
    q.item(&q.rules.concerns_question)
        .and_then(|item| item.option(code))
        .map_or_else(
            || code.to_owned(),
            |option| option.label.get(language).to_owned(),
        )
}

/// One line per session: its window in words and a bar on a shared time axis.
#[must_use]
pub fn timeline(theme: &Theme, schedule: &[Session], width: u16) -> Vec<Line<'static>> {
    let start = schedule.first().map(|s| s.earliest);
    let end = schedule.iter().map(|s| s.latest).max();
    let (Some(start), Some(end)) = (start, end) else {
        return Vec::new();
    };
    let span = (end - start).num_days().max(1);
    let label_width = 36usize;
    let bar = usize::from(width)
        .saturating_sub(label_width + 2)
        .clamp(0, 60);
    let pos = |d: chrono::NaiveDate| {
        let days = (d - start).num_days().clamp(0, span);
        usize::try_from(days).unwrap_or(0) * bar.saturating_sub(1)
            / usize::try_from(span).unwrap_or(1)
    };
    let mut lines = Vec::new();
    for s in schedule {
        let when = if s.earliest == s.latest {
            s.earliest.format("%a %-d %b %Y").to_string()
        } else {
            format!(
                "{} – {}",
                s.earliest.format("%-d %b"),
                s.latest.format("%-d %b %Y")
            )
        };
        let label = format!(
            "{:>2}. {when}{}",
            s.session,
            if s.optional { " (if needed)" } else { "" }
        );
        let mut spans = vec![Span::raw(format!("{label:<label_width$}  "))];
        if bar >= 10 {
            let (a, b) = (pos(s.earliest), pos(s.latest));
            let mark = if s.optional { "░" } else { "█" };
            spans.push(Span::styled("·".repeat(a), theme.border));
            spans.push(Span::styled(mark.repeat(b - a + 1), theme.chosen));
            spans.push(Span::styled(
                "·".repeat(bar.saturating_sub(b + 1)),
                theme.border,
            ));
        }
        lines.push(Line::from(spans));
    }
    lines
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
