//! The kiosk's staff PIN prompt: the PIN is never shown; three wrong tries lock it for a minute.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::Action;
use crate::tui::session::Ctx;
use crate::tui::text_layout::wrap_at_most;
use crate::tui::widgets::popup::popup;
use crate::words::{Label, Say};

pub const PIN_TRIES: u8 = 3;
pub const PIN_LOCK: Duration = Duration::from_mins(1);

/// What the prompt says about the last try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinMessage {
    /// Enter with nothing typed.
    TypeIt,
    Wrong {
        tries_left: u8,
    },
    Locked,
}

/// The PIN being typed and the message about the last try.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pin {
    pub typed: String,
    pub message: Option<PinMessage>,
}

/// Wrong tries so far and the lock they led to; outlives each prompt.
#[derive(Debug, Clone, Copy, Default)]
pub struct PinLock {
    pub failures: u8,
    pub locked_until: Option<Instant>,
}

/// What the prompt asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Close,
    /// The right PIN: staff are here.
    Staff,
}

impl PinLock {
    /// Time left on the lock at `now`, if it is locked.
    #[must_use]
    pub fn left(&self, now: Instant) -> Option<Duration> {
        self.locked_until
            .map(|until| until.saturating_duration_since(now))
            .filter(|left| !left.is_zero())
    }
}

impl Pin {
    pub fn update(
        &mut self,
        action: &Action,
        now: Instant,
        lock: &mut PinLock,
        staff_pin: Option<&str>,
    ) -> Outcome {
        if *action == Action::Back {
            return Outcome::Close;
        }
        if lock.left(now).is_some() {
            self.typed.clear();
            return Outcome::Stay;
        }
        lock.locked_until = None;
        match action {
            Action::Edit(key) => match key.code {
                ratatui::crossterm::event::KeyCode::Char(c)
                    if !c.is_control() && self.typed.chars().count() < 64 =>
                {
                    self.typed.push(c);
                }
                ratatui::crossterm::event::KeyCode::Backspace => {
                    self.typed.pop();
                }
                _ => {}
            },
            Action::Confirm if self.typed.is_empty() => {
                self.message = Some(PinMessage::TypeIt);
            }
            Action::Confirm => {
                let right = staff_pin.is_some_and(|pin| !pin.is_empty() && pin == self.typed);
                self.typed.clear();
                if right {
                    lock.failures = 0;
                    return Outcome::Staff;
                }
                lock.failures += 1;
                self.message = Some(if lock.failures >= PIN_TRIES {
                    lock.failures = 0;
                    lock.locked_until = Some(now + PIN_LOCK);
                    PinMessage::Locked
                } else {
                    PinMessage::Wrong {
                        tries_left: PIN_TRIES - lock.failures,
                    }
                });
            }
            _ => {}
        }
        Outcome::Stay
    }

    pub fn render(&self, ctx: Ctx, lock: &PinLock, area: Rect, buf: &mut Buffer) {
        let theme = ctx.config.theme;
        let words = ctx.words;
        let typed = &self.typed;
        let message = self.message.map(|message| match message {
            PinMessage::TypeIt => words.label(Label::TypePin).to_owned(),
            PinMessage::Wrong { tries_left } => words.say(&Say::PinWrong {
                tries_left: u32::from(tries_left),
            }),
            PinMessage::Locked => words.label(Label::PinLocked).to_owned(),
        });
        let inner = popup(&theme, words.label(Label::StaffOnly), 60, 10, area, buf);
        let [intro, _, field, _, msg, keys] = inner.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(2),
            Constraint::Length(1),
        ]));
        Paragraph::new(words.label(Label::EnterPinToLeave)).render(intro, buf);
        if let Some(left) = lock.left(ctx.now) {
            Paragraph::new(words.say(&Say::PinWait {
                seconds: left.as_secs_f64().ceil(),
            }))
            .style(theme.error)
            .render(field, buf);
        } else {
            Paragraph::new(format!(
                "{}: {}",
                words.label(Label::Pin),
                "•".repeat(typed.chars().count())
            ))
            .style(theme.highlight)
            .render(field, buf);
            if let Some(message) = message {
                let lines = wrap_at_most(
                    &format!("⚠ {message}"),
                    usize::from(msg.width),
                    usize::from(msg.height),
                );
                Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
                    .style(theme.error)
                    .render(msg, buf);
            }
        }
        Paragraph::new(words.label(Label::PinKeys))
            .style(theme.key)
            .render(keys, buf);
    }
}
