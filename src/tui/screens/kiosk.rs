//! Kiosk screens: welcome, thank-you, staff called and "Are you still there?". Patient words
//! only: no rule ids, no levels.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::engine::summary::Summary;
use crate::model::questionnaire::{Level, Range};
use crate::tui::action::Hit;
use crate::tui::session::Ctx;
use crate::tui::text_layout::wrap_lines;
use crate::tui::theme::Theme;
use crate::tui::widgets::assessment::range;
use crate::tui::widgets::popup::popup;
use crate::words::{self, Label, Say};

/// What the kiosk may tell the patient at the end: nothing that identifies them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Farewell {
    pub level: Level,
    pub sessions: Option<Range>,
    pub interval_weeks: Range,
    /// A physician must approve the treatment before any date holds.
    pub provisional: bool,
}

impl Farewell {
    #[must_use]
    pub fn of(summary: &Summary) -> Self {
        Farewell {
            level: summary.assessment.suitability,
            sessions: summary.assessment.sessions,
            interval_weeks: summary.assessment.interval_weeks,
            provisional: summary.assessment.schedule_provisional,
        }
    }
}

/// An intake the kiosk could not write: finished (its summary) or left idle (its draft). It stays
/// in memory, is tried again every few seconds, and only staff (F10 and the PIN) can leave it.
#[derive(Debug, Clone)]
pub struct Held {
    /// The finished intake's summary; `None` for an unfinished one whose draft could not be saved.
    pub summary: Option<Box<Summary>>,
    /// What failed and where, for staff after the PIN.
    pub cause: String,
    /// When it was last tried.
    pub tried: Instant,
}

fn centred(theme: &Theme, lines: Vec<Line<'static>>, area: Rect, buf: &mut Buffer) {
    let width = area.width.min(70);
    let x = area.x + (area.width - width) / 2;
    let lines = wrap_lines(lines, width);
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(4);
    let y = area.y + area.height.saturating_sub(height) / 2;
    let rect = Rect::new(x, y, width, area.bottom().saturating_sub(y));
    Paragraph::new(lines)
        .style(theme.base)
        .centered()
        .render(rect, buf);
}

/// Between two languages of the picker.
const LANGUAGE_GAP: &str = "   ·   ";

/// The language picker: each of the questionnaire's languages by its own name and its key
/// (`e English   ·   s Español`), the one in use marked, on the body's last row but one; with
/// where each is, for taps. Nothing when the questionnaire has one language.
fn language_picker(ctx: Ctx, area: Rect) -> Vec<(Rect, usize, Span<'static>)> {
    let languages = &ctx.config.questionnaire.languages;
    if languages.len() < 2 || area.height < 3 {
        return Vec::new();
    }
    let theme = ctx.config.theme;
    let spans: Vec<(usize, Span<'static>)> = languages
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let own = words::for_language(code);
            let key = own.label(Label::LanguageKey);
            let name = own.label(Label::LanguageName);
            // The one in use is marked by a sign as well as a style.
            if *code == ctx.config.language {
                (i, Span::styled(format!("▸ {key} {name}"), theme.highlight))
            } else {
                (i, Span::styled(format!("  {key} {name}"), theme.key))
            }
        })
        .collect();
    let gap = u16::try_from(LANGUAGE_GAP.chars().count()).unwrap_or(0);
    let width = |span: &Span| u16::try_from(span.width()).unwrap_or(u16::MAX);
    let total = spans
        .iter()
        .map(|(_, s)| width(s))
        .fold(0u16, |sum, w| sum.saturating_add(w).saturating_add(gap))
        .saturating_sub(gap);
    let y = area.bottom().saturating_sub(2);
    let mut x = area.x + area.width.saturating_sub(total) / 2;
    spans
        .into_iter()
        .map(|(i, span)| {
            let w = width(&span).min(area.right().saturating_sub(x));
            let rect = Rect::new(x, y, w, 1);
            x = x.saturating_add(w).saturating_add(gap);
            (rect, i, span)
        })
        .collect()
}

/// Where a tap picks a language on the welcome screen.
#[must_use]
pub fn language_hits(ctx: Ctx, area: Rect) -> Vec<(Rect, Hit)> {
    language_picker(ctx, area)
        .into_iter()
        .map(|(rect, i, _)| (rect, Hit::Language(i)))
        .collect()
}

pub fn welcome(ctx: Ctx, area: Rect, buf: &mut Buffer) {
    let picker = language_picker(ctx, area);
    let mut previous: Option<Rect> = None;
    for (rect, _, span) in &picker {
        if let Some(before) = previous {
            let gap = Rect::new(
                before.right(),
                rect.y,
                rect.x.saturating_sub(before.right()),
                1,
            );
            Line::styled(LANGUAGE_GAP, ctx.config.theme.help).render(gap, buf);
        }
        span.clone().render(*rect, buf);
        previous = Some(*rect);
    }
    let area = if picker.is_empty() {
        area
    } else {
        Rect {
            height: area.height.saturating_sub(2),
            ..area
        }
    };
    let theme = ctx.config.theme;
    let label = |label| ctx.words.label(label);
    // The questionnaire's title is in the header already.
    centred(
        &theme,
        vec![
            Line::styled(label(Label::Welcome), theme.title),
            Line::from(""),
            Line::from(label(Label::WelcomeIntro)),
            Line::from(label(Label::WelcomeTime)),
            Line::from(""),
            Line::styled(label(Label::PressEnterToBegin), theme.key),
        ],
        area,
        buf,
    );
}

pub fn thank_you(ctx: Ctx, farewell: Farewell, area: Rect, buf: &mut Buffer) {
    let theme = ctx.config.theme;
    let words = ctx.words;
    let label = |label| words.label(label);
    let mut lines = vec![
        Line::styled(label(Label::ThankYou), theme.title),
        Line::from(""),
    ];
    lines.push(Line::from(label(Label::AnswersSaved)));
    lines.push(Line::from(""));
    match (farewell.level, farewell.sessions) {
        (Level::Suitable | Level::SuitableWithPrecautions, Some(s)) => {
            lines.push(Line::from(words.say(&Say::CourseTakes {
                sessions: &range(s),
                weeks: &range(farewell.interval_weeks),
            })));
            lines.push(Line::from(label(Label::ClinicianTalksItThrough)));
        }
        _ => lines.push(Line::from(label(Label::ClinicianGoesThrough))),
    }
    if farewell.provisional {
        lines.push(Line::from(""));
        lines.push(Line::from(label(Label::DoctorApprovesFirst)));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(label(Label::TakeASeat)));
    lines.push(Line::from(""));
    lines.push(Line::styled(label(Label::ClearsByItself), theme.help));
    centred(&theme, lines, area, buf);
}

/// The patient sees no cause and no answer: only that staff are needed and nothing is lost.
pub fn held(ctx: Ctx, area: Rect, buf: &mut Buffer) {
    let theme = ctx.config.theme;
    let label = |label| ctx.words.label(label);
    centred(
        &theme,
        vec![
            Line::styled(label(Label::TellStaff), theme.title),
            Line::from(""),
            Line::from(label(Label::AnswersKept)),
            Line::from(label(Label::StaffFinishSaving)),
        ],
        area,
        buf,
    );
}

/// The patient called staff: a calm page with nothing of the patient on it, until staff come (F10
/// and the PIN).
pub fn staff_called(ctx: Ctx, area: Rect, buf: &mut Buffer) {
    let theme = ctx.config.theme;
    let label = |label| ctx.words.label(label);
    centred(
        &theme,
        vec![
            Line::styled(label(Label::StaffOnTheWay), theme.title),
            Line::from(""),
            Line::from(label(Label::PleaseStayHere)),
            Line::from(""),
            Line::styled(label(Label::AnswersKept), theme.help),
        ],
        area,
        buf,
    );
}

pub fn idle(ctx: Ctx, until: Instant, area: Rect, buf: &mut Buffer) {
    let theme = ctx.config.theme;
    let now = ctx.now;
    let left = until.saturating_duration_since(now).as_secs_f64().ceil();
    // Hide the patient's answers from whoever walks up.
    ratatui::widgets::Clear.render(area, buf);
    buf.set_style(area, theme.base);
    let words = ctx.words;
    let inner = popup(&theme, words.label(Label::StillThere), 60, 9, area, buf);
    // The question is the dialog's title.
    let lines = wrap_lines(
        [
            Line::from(""),
            Line::from(words.say(&Say::ClearsIn { seconds: left })),
            Line::from(""),
            Line::styled(words.label(Label::PressAnyKey), theme.key),
        ],
        inner.width,
    );
    Paragraph::new(lines).centered().render(inner, buf);
}
