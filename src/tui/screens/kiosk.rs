//! Kiosk screens: welcome, thank-you and "Are you still there?". Patient words only: no rule ids,
//! no levels.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::engine::summary::Summary;
use crate::model::questionnaire::{Level, Range};
use crate::tui::session::Ctx;
use crate::tui::text_layout::wrap_lines;
use crate::tui::theme::Theme;
use crate::tui::widgets::assessment::range;
use crate::tui::widgets::popup::popup;
use crate::words::{Label, Say};

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

pub fn welcome(ctx: Ctx, area: Rect, buf: &mut Buffer) {
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
