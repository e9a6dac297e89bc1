//! The assessment as lines of text: the verdict, reasons, plan, schedule and notes, shared by the
//! result screen, the record and the live panel beside the questions. Every line comes out
//! wrapped to the width it is given, once: the screens draw them as they are.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::engine::assessment::{Assessment, Session};
use crate::engine::summary::Override;
use crate::model::questionnaire::{Level, Questionnaire};
use crate::print::{no_sessions, plan_label};
use crate::tui::text_layout::{fit_label, hanging, width_of, wrap_line};
use crate::tui::theme::Theme;
use crate::words::{DateForm, Label, Say, Words};

/// `4–6`, or `4` when both ends are the same, as a printed record writes it.
pub use crate::print::range;

/// `text` wrapped after `label` (in `label_style`), later lines indented under the text.
#[must_use]
pub fn labelled(label: &str, label_style: Style, text: &str, width: u16) -> Vec<Line<'static>> {
    let label = &fit_label(label, text, usize::from(width));
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

/// What the live assessment panel shows, borrowed from the intake for one frame: compared with
/// what it showed when last drawn ([`Shown`]) without copying anything.
pub struct Shows<'a> {
    pub area: Rect,
    /// The catalogue the words come from (the UI's language).
    pub words: &'static dyn Words,
    /// The language the questionnaire's own text is shown in.
    pub language: &'a str,
    /// `None` before the first answer.
    pub assessment: Option<&'a Assessment>,
    pub verdict_override: Option<&'a Override>,
    pub note: Option<&'a str>,
}

/// [`Shows`] as kept beside the panel's cells.
#[derive(Debug, PartialEq)]
pub struct Shown {
    area: Rect,
    /// The catalogue's address.
    words: usize,
    language: String,
    assessment: Option<Assessment>,
    verdict_override: Option<Override>,
    note: Option<String>,
}

fn address(words: &'static dyn Words) -> usize {
    std::ptr::from_ref(words).cast::<()>() as usize
}

impl Shows<'_> {
    #[must_use]
    pub fn is(&self, shown: &Shown) -> bool {
        self.area == shown.area
            && address(self.words) == shown.words
            && self.language == shown.language
            && self.assessment == shown.assessment.as_ref()
            && self.verdict_override == shown.verdict_override.as_ref()
            && self.note == shown.note.as_deref()
    }

    #[must_use]
    pub fn keep(&self) -> Shown {
        Shown {
            area: self.area,
            words: address(self.words),
            language: self.language.to_owned(),
            assessment: self.assessment.cloned(),
            verdict_override: self.verdict_override.cloned(),
            note: self.note.map(str::to_owned),
        }
    }
}

/// The assessment as lines wrapped to `width` (also used by the side panel).
#[must_use]
#[allow(clippy::too_many_lines)] // the assessment in reading order, one block each
pub fn assessment_lines(
    theme: &Theme,
    words: &dyn Words,
    questionnaire: &Questionnaire,
    language: &str,
    a: &Assessment,
    overridden: bool,
    width: u16,
) -> Vec<Line<'static>> {
    let plain = Style::new();
    let label = |label| words.label(label);
    let mut lines = wrap_line(
        &Line::from(Span::styled(
            words.verdict(a.suitability),
            theme.level(a.suitability),
        )),
        width,
    );
    lines.push(Line::from(""));
    if a.reasons.is_empty() {
        lines.extend(labelled("", plain, label(Label::NoRuleApplies), width));
    } else {
        lines.extend(heading(theme, label(Label::Reasons), width));
        // Most severe first; rule order within a level (the export keeps rule order).
        let mut reasons: Vec<_> = a.reasons.iter().collect();
        reasons.sort_by_key(|r| std::cmp::Reverse(r.level));
        for r in reasons {
            let level = format!("• {}", words.verdict(r.level));
            let rule = format!("[{}]", r.rule);
            if width_of(&level) + 1 + width_of(&rule) <= usize::from(width) {
                lines.extend(wrap_line(
                    &Line::from(vec![
                        Span::styled(format!("{level} "), theme.level(r.level)),
                        Span::styled(rule, theme.help),
                    ]),
                    width,
                ));
            } else {
                lines.extend(wrap_line(
                    &Line::from(Span::styled(level, theme.level(r.level))),
                    width,
                ));
                lines.extend(wrap_line(
                    &Line::from(Span::styled(format!("  {rule}"), theme.help)),
                    width,
                ));
            }
            lines.extend(labelled("  ", plain, &r.message, width));
            if let Some(date) = r.reassess_on {
                lines.extend(labelled(
                    "  ",
                    plain,
                    &words.say(&Say::AssessAgain {
                        date: &words.date(date, DateForm::Long),
                    }),
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
            &words.say(&Say::AssessAgainAll {
                date: &words.date(date, DateForm::Long),
            }),
            width,
        ));
    }
    lines.push(Line::from(""));
    lines.extend(heading(theme, label(Label::Plan), width));
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
                &plan_label(words, Label::Sessions),
                plain,
                &format!("{}  ({})", range(s), per.join(", ")),
                width,
            ));
        }
        None => lines.extend(labelled(
            &plan_label(words, Label::Sessions),
            plain,
            label(Label::NonePlanned),
            width,
        )),
    }
    lines.extend(labelled(
        &plan_label(words, Label::Interval),
        plain,
        &words.say(&Say::EveryWeeks {
            weeks: &range(a.interval_weeks),
        }),
        width,
    ));
    lines.extend(labelled(
        &plan_label(words, Label::Maintenance),
        plain,
        &match a.maintenance_months {
            Some(m) => words.say(&Say::MaintenanceEvery { months: &range(m) }),
            None => label(Label::NoneNeeded).to_owned(),
        },
        width,
    ));
    if let Some(c) = a.course_weeks {
        lines.extend(labelled(
            &plan_label(words, Label::Course),
            plain,
            &words.say(&Say::Weeks { weeks: &range(c) }),
            width,
        ));
    }
    lines.push(Line::from(""));
    // Under an override with its own start, the computed schedule is never read as the one to
    // book: its heading says so.
    lines.extend(heading(
        theme,
        label(if overridden {
            Label::ComputedScheduleNotInForce
        } else {
            Label::ProposedSchedule
        }),
        width,
    ));
    if a.schedule_provisional {
        let provisional = label(if a.schedule.is_empty() {
            Label::ApproveBeforeDates
        } else {
            Label::ProvisionalDates
        });
        let style = theme.level(Level::PhysicianReview);
        lines.extend(
            labelled("", plain, provisional, width)
                .into_iter()
                .map(|line| line.style(style)),
        );
    }
    if a.schedule.is_empty() {
        let why = label(no_sessions(a.suitability, a.reassess_on));
        lines.extend(labelled("", plain, why, width));
    } else {
        lines.extend(timeline(theme, words, &a.schedule, width));
    }
    if !a.notes.is_empty() {
        lines.push(Line::from(""));
        lines.extend(heading(theme, label(Label::Notes), width));
        for n in &a.notes {
            lines.extend(labelled("• ", plain, n, width));
        }
    }
    lines
}

/// A heading, wrapped to `width`.
#[must_use]
pub fn heading(theme: &Theme, text: &str, width: u16) -> Vec<Line<'static>> {
    wrap_line(
        &Line::from(Span::styled(text.to_owned(), theme.section)),
        width,
    )
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

/// One line per session: its window in words and a bar on a shared time axis, wrapped to
/// `width`.
#[must_use]
pub fn timeline(
    theme: &Theme,
    words: &dyn Words,
    schedule: &[Session],
    width: u16,
) -> Vec<Line<'static>> {
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
            words.date(s.earliest, DateForm::Weekday)
        } else {
            format!(
                "{} – {}",
                words.date(s.earliest, DateForm::ShortNoYear),
                words.date(s.latest, DateForm::Short)
            )
        };
        let optional = if s.optional {
            format!(" ({})", words.label(Label::IfNeeded))
        } else {
            String::new()
        };
        let label = format!("{:>2}. {when}{optional}", s.session);
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
        lines.extend(wrap_line(&Line::from(spans), width));
    }
    lines
}

/// Whether `o` sets a schedule of its own, which is then the one in force.
#[must_use]
pub fn sets_schedule(o: Option<&Override>) -> bool {
    o.is_some_and(|o| o.start_date.is_some())
}

/// An override as a block under the verdict: who, to what and why, then the schedule in force
/// (the override's, from its start date) when it sets one, before the computed schedule.
#[must_use]
pub fn override_block(
    theme: &Theme,
    words: &dyn Words,
    o: &Override,
    width: u16,
) -> Vec<Line<'static>> {
    let plain = Style::new();
    let mut block = wrap_line(
        &Line::from(Span::styled(
            words.say(&Say::OverrideBy {
                by: &o.by,
                verdict: words.verdict(o.suitability),
            }),
            theme.level(o.suitability),
        )),
        width,
    );
    block.extend(labelled(
        "  ",
        plain,
        &words.say(&Say::OverrideReason { reason: &o.reason }),
        width,
    ));
    if let (Some(start), Some(schedule)) = (o.start_date, &o.schedule) {
        block.push(Line::from(""));
        block.extend(heading(
            theme,
            &words.say(&Say::ScheduleInForce {
                from: &words.date(start, DateForm::Long),
            }),
            width,
        ));
        if schedule.is_empty() {
            block.extend(labelled(
                "",
                plain,
                words.label(Label::NoSessionsUnderOverride),
                width,
            ));
        } else {
            block.extend(timeline(theme, words, schedule, width));
        }
    }
    block
}

/// An override beside the computed verdict, e.g.
/// `Override: ? PHYSICIAN REVIEW NEEDED by KL (computed: ✔ SUITABLE)`.
#[must_use]
pub fn override_line(
    theme: &Theme,
    words: &dyn Words,
    o: &Override,
    computed: Level,
) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{}: ", words.label(Label::Override)), theme.help),
        Span::styled(words.verdict(o.suitability), theme.level(o.suitability)),
        Span::styled(
            format!(
                " {} ({}: ",
                words.say(&Say::ByWhom { by: &o.by }),
                words.label(Label::Computed)
            ),
            theme.help,
        ),
        Span::styled(words.verdict(computed), theme.level(computed)),
        Span::styled(")", theme.help),
    ])
}
