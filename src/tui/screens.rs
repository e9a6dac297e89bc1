//! One module per screen.

pub mod kiosk;
pub mod question;
pub mod result;
pub mod review;
pub mod staff;
pub mod start;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::app::App;

/// The top line: the questionnaire's title and who is using it.
pub fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.config.theme;
    let title = app.config.questionnaire.title.get(&app.config.language);
    let who = if app.config.kiosk {
        ""
    } else {
        "  ·  staff-guided intake"
    };
    let spans = vec![
        Span::styled(format!(" {title}"), theme.title),
        Span::styled(who, theme.help),
    ];
    Paragraph::new(Line::from(spans)).render(area, buf);
}
