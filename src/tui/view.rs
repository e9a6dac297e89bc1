//! The frame around every screen: the header, messages for staff, the live panel, the screen,
//! the footer's keys and any popup. Where everything goes is computed here once, for drawing and
//! for taps alike.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::action::{self, Focus, Hit};
use super::screens::pin::PinLock;
use super::screens::review::PANEL_FROM_WIDTH;
use super::screens::{Overlay, Screen, kiosk, leaving, panel};
use super::session::Ctx;
use super::text_layout::{ellipsize, width_of, wrap_at_most, wrap_lines};
use super::theme::Theme;
use super::widgets::footer;
use crate::words::{Label, Say, Words};

/// Below this the layout cannot work; a message asks for a larger window.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// Everything one frame shows.
#[derive(Clone)]
pub struct View<'a> {
    pub ctx: Ctx<'a>,
    pub screen: &'a Screen,
    pub overlay: Option<&'a Overlay>,
    /// Messages for staff at the top of the screen.
    pub notice: Option<String>,
    /// The notice confirms what was done: drawn as a confirmation, not a warning.
    pub confirmation: bool,
    pub pin_lock: &'a PinLock,
}

/// Where the parts of the frame go.
struct Parts {
    header: Rect,
    notice: Option<Rect>,
    panel: Option<Rect>,
    body: Rect,
    footer: Rect,
}

impl View<'_> {
    /// Where keys go: the popup's, else the screen's. `None`: a popup any key dismisses.
    #[must_use]
    pub fn focus(&self) -> Option<Focus> {
        match self.overlay {
            Some(overlay) => overlay.focus(),
            None => Some(self.screen.focus(self.ctx)),
        }
    }

    fn parts(&self, area: Rect) -> Option<Parts> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let [header, body, footer] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ]));
        let (notice, body) = match &self.notice {
            Some(notice) => {
                let lines = notice_lines(notice, body.width.saturating_sub(2), self.confirmation);
                let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
                let [notice_area, rest] = body.layout(&Layout::vertical([
                    Constraint::Length(height),
                    Constraint::Min(0),
                ]));
                (Some(notice_area.inner(Margin::new(1, 0))), rest)
            }
            None => (None, body),
        };
        let with_panel = !self.ctx.kiosk
            && area.width >= PANEL_FROM_WIDTH
            && self.ctx.session.is_some()
            && matches!(self.screen, Screen::Question(_) | Screen::Review(_));
        let (panel, body) = if with_panel {
            let [main, side] = body.layout(&Layout::horizontal([
                Constraint::Min(0),
                Constraint::Length(panel::WIDTH),
            ]));
            (Some(side), main)
        } else {
            (None, body)
        };
        Some(Parts {
            header,
            notice,
            panel,
            body: body.inner(Margin::new(1, 0)),
            footer,
        })
    }

    /// Where the screen itself goes in a terminal of `area`.
    #[must_use]
    pub fn body(&self, area: Rect) -> Rect {
        self.parts(area).map_or(Rect::ZERO, |p| p.body)
    }

    /// Where a tap lands in a terminal of `area`. Of the popups, only the staff menu and the
    /// kiosk's "Start over?" take taps.
    #[must_use]
    pub fn hits(&self, area: Rect) -> Vec<(Rect, Hit)> {
        match self.overlay {
            Some(Overlay::StaffMenu(menu)) => return menu.hits(area),
            Some(Overlay::StartOver(dialog)) => return dialog.hits(self.ctx.words, area),
            Some(_) => return Vec::new(),
            None => {}
        }
        let body = self.body(area);
        match self.screen {
            Screen::Start(start) => start.hits(body),
            Screen::Question(question) => question.hits(self.ctx, body),
            Screen::Review(review) => review.hits(self.ctx, area.width, body),
            Screen::Welcome => kiosk::language_hits(self.ctx, body),
            _ => Vec::new(),
        }
    }

    /// Draws the frame; returns where the terminal's cursor goes (a text field in focus).
    pub fn render(&self, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let ctx = self.ctx;
        let theme = ctx.config.theme;
        buf.set_style(area, theme.base);
        let Some(parts) = self.parts(area) else {
            too_small(&theme, self.ctx.words, area, buf);
            return None;
        };
        draw_header(ctx, self.screen, parts.header, buf);
        if let (Some(notice), Some(rect)) = (&self.notice, parts.notice) {
            Paragraph::new(notice_lines(notice, rect.width, self.confirmation))
                .style(if self.confirmation {
                    theme.suitable
                } else {
                    theme.notice
                })
                .render(rect, buf);
        }
        if let Some(rect) = parts.panel {
            panel::render(ctx, rect, buf);
        }
        let body = parts.body;
        let mut cursor = match self.screen {
            Screen::Start(start) => start.render(ctx, body, buf),
            Screen::Welcome => {
                kiosk::welcome(ctx, body, buf);
                None
            }
            Screen::Question(question) => question.render(ctx, body, buf),
            Screen::Review(review) => {
                review.render(ctx, area.width, body, buf);
                None
            }
            Screen::Result(result) => {
                result.render(ctx, body, buf);
                None
            }
            Screen::ThankYou { farewell, .. } => {
                kiosk::thank_you(ctx, *farewell, body, buf);
                None
            }
            Screen::Held(_) => {
                kiosk::held(ctx, body, buf);
                None
            }
            Screen::StaffCalled(_) => {
                kiosk::staff_called(ctx, body, buf);
                None
            }
            Screen::Record(record) => {
                record.render(ctx, body, buf);
                None
            }
        };
        // A popup shows its own keys; the screen's underneath would not work while it is up.
        if self.overlay.is_none() {
            let focus = self.screen.focus(ctx);
            footer::render(
                &theme,
                &action::hints(focus, ctx.words),
                action::kept_hints(focus),
                parts.footer,
                buf,
            );
        }
        match self.overlay {
            None => {}
            Some(Overlay::Idle { until }) => {
                kiosk::idle(ctx, *until, area, buf);
                cursor = None;
            }
            Some(Overlay::Pin(pin)) => {
                pin.render(ctx, self.pin_lock, area, buf);
                cursor = None;
            }
            Some(Overlay::StaffMenu(menu)) => {
                menu.render(ctx, area, buf);
                cursor = None;
            }
            Some(Overlay::Leaving) => {
                leaving::render(ctx, area, buf);
                cursor = None;
            }
            Some(Overlay::ResumeOffer(offer)) => {
                offer.render(ctx, area, buf);
                cursor = None;
            }
            Some(Overlay::StartOver(dialog)) => {
                dialog.render(ctx, area, buf);
                cursor = None;
            }
            Some(Overlay::Note(note)) => cursor = note.render(ctx, area, buf),
            Some(Overlay::SignOff(form)) => cursor = form.render(ctx, area, buf),
            Some(Overlay::Initials(form)) => cursor = form.render(ctx, area, buf),
            Some(Overlay::Override(form)) => cursor = form.render(ctx, area, buf),
        }
        cursor
    }
}

/// Messages for staff as they are drawn: at most three lines, a confirmation marked as done.
fn notice_lines(notice: &str, width: u16, confirmation: bool) -> Vec<Line<'static>> {
    let mark = if confirmation { '✔' } else { '!' };
    wrap_at_most(&format!("{mark} {notice}"), usize::from(width), 3)
        .into_iter()
        .map(Line::from)
        .collect()
}

/// The top line: the questionnaire's title and what staff are doing (a record of a patient,
/// changing its answers with them, a staff-guided intake under way; nothing more on the list,
/// which has its own title); for staff, the patient's name once it is known (never at the kiosk,
/// where anyone may walk up). Where room is short, the name is cut.
fn draw_header(ctx: Ctx, screen: &Screen, area: Rect, buf: &mut Buffer) {
    let theme = ctx.config.theme;
    let words = ctx.words;
    let title = format!(
        " {}",
        ctx.config.questionnaire.title.get(&ctx.config.language)
    );
    let room = usize::from(area.width).saturating_sub(width_of(&title) + 5);
    let mut who = String::new();
    if !ctx.kiosk {
        let name = ctx.session.and_then(|s| s.intake.patient_name());
        let amending = ctx
            .session
            .is_some_and(crate::tui::session::Session::amending);
        let record_name = match screen {
            Screen::Record(record) => Some(
                record
                    .latest()
                    .patient
                    .name
                    .as_deref()
                    .unwrap_or(words.label(Label::NoName)),
            ),
            _ => None,
        };
        if let Some(name) = record_name {
            who = format!(
                "  ·  {}",
                ellipsize(&words.say(&Say::RecordOfName { name }), room)
            );
        } else if amending {
            let what = name.map_or_else(
                || words.label(Label::ChangeAnswersTitle).to_owned(),
                |name| words.say(&Say::ChangeAnswersWith { name }),
            );
            who = format!("  ·  {}", ellipsize(&what, room));
        } else if !matches!(screen, Screen::Start(_)) {
            who.push_str("  ·  ");
            who.push_str(words.label(Label::StaffGuided));
            if let Some(name) = name {
                let room = |who: &str| {
                    usize::from(area.width).saturating_sub(width_of(&title) + width_of(who) + 5)
                };
                if room(&who) < 12 {
                    who = format!("  ·  {}", words.label(Label::StaffShort));
                }
                let room = room(&who);
                if room >= 6 {
                    who.push_str("  ·  ");
                    who.push_str(&ellipsize(name, room));
                }
            }
        }
    }
    let spans = vec![
        Span::styled(title, theme.title),
        Span::styled(who, theme.help),
    ];
    Paragraph::new(Line::from(spans)).render(area, buf);
}

fn too_small(theme: &Theme, words: &dyn Words, area: Rect, buf: &mut Buffer) {
    let text = wrap_lines(
        [
            Line::from(words.label(Label::EnlargeWindow)),
            Line::from(words.say(&Say::WindowTooSmall {
                least_width: MIN_WIDTH,
                least_height: MIN_HEIGHT,
                width: area.width,
                height: area.height,
            })),
        ],
        area.width,
    );
    let height = u16::try_from(text.len())
        .unwrap_or(u16::MAX)
        .min(area.height);
    let y = area.y + area.height.saturating_sub(height) / 2;
    Paragraph::new(text).style(theme.title).centered().render(
        Rect::new(area.x, y, area.width, area.height - (y - area.y)),
        buf,
    );
}
