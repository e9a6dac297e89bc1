//! Kiosk screens: welcome, thank-you, "Are you still there?" and the staff PIN prompt. Patient
//! words only: no rule ids, no levels.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::model::questionnaire::Level;
use crate::tui::app::{App, Farewell};
use crate::tui::screens::result::range;
use crate::tui::view::{Keys, popup};

fn centred(app: &App, lines: Vec<Line<'static>>, area: Rect, buf: &mut Buffer) {
    let width = area.width.min(70);
    let x = area.x + (area.width - width) / 2;
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(4);
    let y = area.y + area.height.saturating_sub(height) / 2;
    let rect = Rect::new(x, y, width, area.bottom().saturating_sub(y));
    Paragraph::new(lines)
        .style(app.config.theme.base)
        .wrap(Wrap { trim: true })
        .centered()
        .render(rect, buf);
}

pub fn welcome(app: &App, area: Rect, buf: &mut Buffer) -> Keys {
    let theme = app.config.theme;
    // The questionnaire's title is in the header already.
    centred(
        app,
        vec![
            Line::styled("Welcome", theme.title),
            Line::from(""),
            Line::from(
                "Before your consultation, please answer some questions about your skin and your health.",
            ),
            Line::from(
                "It takes about 5 minutes. Your answers are private and go only to your clinic.",
            ),
            Line::from(""),
            Line::styled("Press Enter to begin", theme.key),
        ],
        area,
        buf,
    );
    vec![("Enter", "begin")]
}

pub fn thank_you(app: &App, farewell: Farewell, area: Rect, buf: &mut Buffer) -> Keys {
    let theme = app.config.theme;
    let mut lines = vec![Line::styled("Thank you", theme.title), Line::from("")];
    lines.push(Line::from(if farewell.saved {
        "Your answers have been saved."
    } else {
        "Please let a member of staff know you have finished: your answers are waiting for them."
    }));
    lines.push(Line::from(""));
    match (farewell.level, farewell.sessions) {
        (Level::Suitable | Level::SuitableWithPrecautions, Some(s)) => {
            // Non-breaking spaces keep each number with its unit.
            lines.push(Line::from(format!(
                "From your answers, a course usually takes about {}\u{a0}sessions, {}\u{a0}weeks \
                 apart.",
                range(s),
                range(farewell.interval_weeks)
            )));
            lines.push(Line::from(
                "Your clinician will talk this through with you.",
            ));
        }
        _ => lines.push(Line::from(
            "A clinician will go through your answers with you.",
        )),
    }
    lines.push(Line::from(""));
    lines.push(Line::from("Please take a seat. We will call you shortly."));
    lines.push(Line::from(""));
    lines.push(Line::styled(
        "This screen clears by itself. Press Enter to finish now.",
        theme.help,
    ));
    centred(app, lines, area, buf);
    vec![("Enter", "finish")]
}

pub fn idle(app: &App, until: Instant, area: Rect, buf: &mut Buffer) {
    let theme = app.config.theme;
    let now = app.instant;
    let left = until.saturating_duration_since(now).as_secs_f64().ceil();
    // Hide the patient's answers from whoever walks up.
    ratatui::widgets::Clear.render(area, buf);
    buf.set_style(area, theme.base);
    let inner = popup(app, "Are you still there?", 60, 9, area, buf);
    // The question is the dialog's title.
    Paragraph::new(vec![
        Line::from(""),
        Line::from(format!(
            "To keep your answers private, this screen will clear in {left:.0} seconds."
        )),
        Line::from(""),
        Line::styled("Press any key to continue.", theme.key),
    ])
    .wrap(Wrap { trim: true })
    .centered()
    .render(inner, buf);
}

pub fn pin(app: &App, typed: &str, message: Option<&str>, area: Rect, buf: &mut Buffer) {
    let theme = app.config.theme;
    let inner = popup(app, "Staff only", 60, 10, area, buf);
    let [intro, _, field, _, msg, keys] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(1),
    ]));
    Paragraph::new("Enter the staff PIN to leave kiosk mode.").render(intro, buf);
    let locked = app
        .pin_locked_until
        .map(|until| until.saturating_duration_since(app.instant));
    match locked {
        Some(left) if !left.is_zero() => {
            Paragraph::new(format!(
                "Too many wrong tries. Please wait {:.0} seconds.",
                left.as_secs_f64().ceil()
            ))
            .style(theme.error)
            .render(field, buf);
        }
        _ => {
            Paragraph::new(format!("PIN: {}", "•".repeat(typed.chars().count())))
                .style(theme.highlight)
                .render(field, buf);
            if let Some(message) = message {
                Paragraph::new(format!("⚠ {message}"))
                    .style(theme.error)
                    .wrap(Wrap { trim: true })
                    .render(msg, buf);
            }
        }
    }
    Paragraph::new("Enter confirm   Esc cancel")
        .style(theme.key)
        .render(keys, buf);
}
