//! Drawing: `impl Widget for &App`. Each screen lives in `screens/`; this picks one, draws the
//! frame around it and the overlay on top.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::app::{App, Hit, Overlay, Screen};
use super::screens;
use crate::engine::visibility;

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
        draw_header(self, header, buf);
        let body = match &self.notices() {
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

/// The top line: the questionnaire's title and who is using it; for staff, the patient's name
/// once it is known (never at the kiosk, where anyone may walk up).
fn draw_header(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.config.theme;
    let title = format!(
        " {}",
        app.config.questionnaire.title.get(&app.config.language)
    );
    let mut who = String::new();
    if !app.config.kiosk {
        who.push_str("  ·  staff-guided intake");
        let name = app
            .intake
            .as_ref()
            .and_then(|i| visibility::patient_name(&app.config.questionnaire, &i.answers));
        if let Some(name) = name {
            let room = |who: &str| {
                usize::from(area.width).saturating_sub(width_of(&title) + width_of(who) + 5)
            };
            if room(&who) < 12 {
                "  ·  staff".clone_into(&mut who);
            }
            let room = room(&who);
            if room >= 6 {
                who.push_str("  ·  ");
                who.push_str(&ellipsize(name, room));
            }
        }
    }
    let spans = vec![
        Span::styled(title, theme.title),
        Span::styled(who, theme.help),
    ];
    Paragraph::new(Line::from(spans)).render(area, buf);
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

/// A centred box of the given size (clipped to `area`), cleared with a column around it, with a
/// titled border.
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
    // One column more on each side, so nothing underneath touches the border.
    let left = rect.x.saturating_sub(1).max(area.x);
    let right = rect.right().saturating_add(1).min(area.right());
    let around = Rect::new(left, rect.y, right - left, rect.height);
    Clear.render(around, buf);
    buf.set_style(around, app.config.theme.base);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.config.theme.title)
        .style(app.config.theme.base)
        .title(Span::styled(format!(" {title} "), app.config.theme.title));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner.inner(ratatui::layout::Margin::new(1, 0))
}

/// How many lines `text` takes when word-wrapped to `width` (as [`wrap`] lays it out).
#[must_use]
pub fn wrapped_height(text: &str, width: u16) -> u16 {
    u16::try_from(wrap(text, usize::from(width)).len()).unwrap_or(u16::MAX)
}

/// The display width of `text` in terminal columns.
#[must_use]
pub fn width_of(text: &str) -> usize {
    Span::raw(text).width()
}

/// Word-wraps `text` to `width` columns, one string per line; `\n` starts a new line. A word
/// longer than a line (a path, say) breaks after its last `/` that fits, else where the line ends.
/// The one wrapping helper of the screens: hanging indents and `…` cuts are built on it.
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for mut word in paragraph.split_whitespace() {
            let mut w = width_of(word);
            if used > 0 && used + 1 + w <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            // A word too long for any line (a path) starts here if a part up to a `/` fits.
            if used > 0 && w > width && used + 2 < width {
                let (head, rest) = split_word(word, width - used - 1);
                if head.ends_with('/') {
                    line.push(' ');
                    line.push_str(head);
                    word = rest;
                    w = width_of(word);
                }
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
            }
            while w > width {
                let (head, rest) = split_word(word, width);
                lines.push(head.to_owned());
                word = rest;
                w = width_of(word);
            }
            line.push_str(word);
            used = w;
        }
        lines.push(line);
    }
    lines
}

/// The longest head of `word` that fits `width` columns (cut after a `/` where there is one), and
/// the rest. The head is never empty.
fn split_word(word: &str, width: usize) -> (&str, &str) {
    let mut end = 0;
    for (i, c) in word.char_indices() {
        let next = i + c.len_utf8();
        if width_of(&word[..next]) > width {
            break;
        }
        end = next;
    }
    if end == 0 {
        end = word.chars().next().map_or(word.len(), char::len_utf8);
    }
    if let Some(slash) = word[..end].rfind('/')
        && slash > 0
        && end < word.len()
    {
        end = slash + 1;
    }
    word.split_at(end)
}

/// `text` as it fits on one line of `width` columns: cut with `…` where it is longer.
#[must_use]
pub fn ellipsize(text: &str, width: usize) -> String {
    if width_of(text) <= width {
        text.to_owned()
    } else {
        cut_with_ellipsis(text, width)
    }
}

/// `text` cut to leave room for a final `…` within `width` columns, and the `…`.
fn cut_with_ellipsis(text: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    for c in text.chars() {
        let mut b = [0; 4];
        if width_of(&out) + width_of(c.encode_utf8(&mut b)) + 1 > width {
            break;
        }
        out.push(c);
    }
    let mut out = out.trim_end().to_owned();
    out.push('…');
    out
}

/// `text` wrapped to `width` in at most `max` lines; when it needs more, the last shown line ends
/// with `…`.
#[must_use]
pub fn wrap_at_most(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines = wrap(text, width);
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            if width_of(last) < width {
                last.push('…');
            } else {
                *last = cut_with_ellipsis(last, width);
            }
        }
    }
    lines
}

/// `text` wrapped to `width` after `first` (a bullet, a label): every later line is indented to
/// line up under the first line's text.
#[must_use]
pub fn hanging(first: &str, text: &str, width: usize) -> Vec<String> {
    let indent = width_of(first);
    wrap(text, width.saturating_sub(indent).max(1))
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                format!("{first}{line}")
            } else {
                format!("{:indent$}{line}", "")
            }
        })
        .collect()
}

/// Records a clickable area for the next click.
pub fn hit(app: &App, rect: Rect, what: Hit) {
    app.hits.borrow_mut().push((rect, what));
}
