//! Drawing: `impl Widget for &App`. Each screen lives in `screens/`; this picks one, draws the
//! frame around it and the overlay on top.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::app::{App, Hit, Overlay, Screen};
use super::screens;

/// Below this the layout cannot work; a message asks for a larger window.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;
/// From this width staff see the live assessment beside the questions.
pub const PANEL_FROM_WIDTH: u16 = 100;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.hits.borrow_mut().clear();
        let theme = self.config.theme;
        buf.set_style(area, theme.base);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return too_small(self, area, buf);
        }
        let [header, body, footer] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ]));
        screens::header(self, header, buf);
        let body = match &self.notice {
            Some(notice) => {
                let text = format!("! {notice}");
                let height = wrapped_height(&text, body.width.saturating_sub(2)).min(3);
                let [notice_area, rest] = body.layout(&Layout::vertical([
                    Constraint::Length(height),
                    Constraint::Min(0),
                ]));
                Paragraph::new(text)
                    .style(theme.notice)
                    .wrap(Wrap { trim: true })
                    .render(notice_area.inner(ratatui::layout::Margin::new(1, 0)), buf);
                rest
            }
            None => body,
        };
        let panel = !self.config.kiosk
            && area.width >= PANEL_FROM_WIDTH
            && self.intake.is_some()
            && matches!(self.screen, Screen::Question(_) | Screen::Review { .. });
        let body = if panel {
            let [main, side] = body.layout(&Layout::horizontal([
                Constraint::Min(0),
                Constraint::Length(40),
            ]));
            screens::staff::side_panel(self, side, buf);
            main
        } else {
            body
        };
        let body = body.inner(ratatui::layout::Margin::new(1, 0));
        let keys = match &self.screen {
            Screen::Start { .. } => screens::start::render(self, body, buf),
            Screen::Welcome => screens::kiosk::welcome(self, body, buf),
            Screen::Question(q) => screens::question::render(self, q, body, buf),
            Screen::Review { selected } => screens::review::render(self, *selected, body, buf),
            Screen::Result {
                summary,
                export,
                scroll,
            } => screens::result::render(self, summary, export, *scroll, body, buf),
            Screen::ThankYou { farewell, since: _ } => {
                screens::kiosk::thank_you(self, *farewell, body, buf)
            }
        };
        footer_keys(self, &keys, footer, buf);
        match &self.overlay {
            None => {}
            Some(Overlay::Idle { until }) => screens::kiosk::idle(self, *until, area, buf),
            Some(Overlay::Pin { typed, message }) => {
                screens::kiosk::pin(self, typed, message.as_deref(), area, buf);
            }
            Some(Overlay::Note(input)) => screens::staff::note(self, input, area, buf),
            Some(Overlay::Override(form)) => screens::staff::override_form(self, form, area, buf),
        }
    }
}

/// The keys of a screen: (key, what it does).
pub type Keys = Vec<(&'static str, &'static str)>;

/// The keys of the screen on one line. Where they do not fit, the gaps narrow, then entries go
/// from the end, except the last (how to leave), which always stays.
fn footer_keys(app: &App, keys: &Keys, area: Rect, buf: &mut Buffer) {
    let theme = app.config.theme;
    let room = usize::from(area.width.saturating_sub(2));
    let width = |keys: &[(&str, &str)], gap: usize| {
        keys.iter()
            .map(|(key, action)| key.chars().count() + 1 + action.chars().count())
            .sum::<usize>()
            + gap * keys.len().saturating_sub(1)
    };
    let mut shown: Vec<(&str, &str)> = keys.clone();
    let gap = if width(&shown, 2) <= room { 2 } else { 1 };
    while width(&shown, gap) > room && shown.len() > 1 {
        shown.remove(shown.len() - 2);
    }
    let mut spans = Vec::new();
    for (key, action) in shown {
        if !spans.is_empty() {
            spans.push(Span::raw(" ".repeat(gap)));
        }
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::raw(format!(" {action}")));
    }
    Paragraph::new(Line::from(spans)).render(area.inner(ratatui::layout::Margin::new(1, 0)), buf);
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let text = vec![
        Line::from("Please enlarge the window."),
        Line::from(format!(
            "It needs at least {MIN_WIDTH} × {MIN_HEIGHT}; it is {} × {}.",
            area.width, area.height
        )),
    ];
    let height = 2.min(area.height);
    let y = area.y + area.height.saturating_sub(height) / 2;
    Paragraph::new(text)
        .style(app.config.theme.title)
        .wrap(Wrap { trim: true })
        .centered()
        .render(
            Rect::new(area.x, y, area.width, area.height - (y - area.y)),
            buf,
        );
}

/// A centred box of the given size (clipped to `area`), cleared, with a titled border.
pub fn popup(
    app: &App,
    title: &str,
    width: u16,
    height: u16,
    area: Rect,
    buf: &mut Buffer,
) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.config.theme.title)
        .style(app.config.theme.base)
        .title(Span::styled(format!(" {title} "), app.config.theme.title));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner.inner(ratatui::layout::Margin::new(1, 0))
}

/// How many lines `text` takes when word-wrapped to `width`.
#[must_use]
pub fn wrapped_height(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let mut lines = 0u16;
    for paragraph in text.split('\n') {
        let mut used = 0usize;
        let mut count = 1u16;
        for word in paragraph.split_whitespace() {
            let len = word.chars().count();
            if used == 0 {
                used = len;
            } else if used + 1 + len <= width {
                used += 1 + len;
            } else {
                count += 1;
                used = len;
            }
            while used > width {
                count += 1;
                used -= width;
            }
        }
        lines = lines.saturating_add(count);
    }
    lines
}

/// Records a clickable area for the next click.
pub fn hit(app: &App, rect: Rect, what: Hit) {
    app.hits.borrow_mut().push((rect, what));
}
