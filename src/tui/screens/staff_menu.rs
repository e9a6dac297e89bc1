//! The kiosk's staff menu, after F10 and the PIN: back to the questions of a patient who was
//! answering (first, when there is one), review the clinic's intakes here, give the kiosk back to
//! the next patient, or leave kiosk mode. As in questions, a digit only highlights and Enter (or
//! a tap on a row) opens; leaving kiosk mode asks first.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::{Action, Hit};
use crate::tui::session::Ctx;
use crate::tui::text_layout::wrap_at_most;
use crate::tui::widgets::popup::{inside, popup};
use crate::words::Label;

/// The choices, in order, after "Back to the patient's questions" when a patient was answering.
pub const CHOICES: [Label; 3] = [
    Label::ReviewIntakes,
    Label::BackToKiosk,
    Label::LeaveKioskMode,
];

const WIDTH: u16 = 50;
const HEIGHT: u16 = 11;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StaffMenu {
    pub selected: usize,
    /// "Leave kiosk mode" was chosen: asking before leaving.
    pub confirming_leave: bool,
    /// A patient was answering (or called staff): the menu offers their questions back first.
    pub patient: bool,
}

/// What staff chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    /// Esc: back to what the kiosk showed.
    Close,
    /// Back to the questions the patient was answering.
    Patient,
    Review,
    Kiosk,
    /// Leaving kiosk mode, confirmed.
    Leave,
}

/// Where the parts of the menu go inside its popup.
struct Parts {
    intro: Rect,
    choices: Rect,
    keys: Rect,
}

fn parts(inner: Rect) -> Parts {
    let [intro, _, choices, rest] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(4),
        Constraint::Min(1),
    ]));
    let [_, keys] = rest.layout(&Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
    ]));
    Parts {
        intro,
        choices,
        keys,
    }
}

impl StaffMenu {
    /// The menu, with the patient's questions offered first when `patient` was answering.
    #[must_use]
    pub fn new(patient: bool) -> Self {
        StaffMenu {
            patient,
            ..StaffMenu::default()
        }
    }

    /// The choices offered, in order.
    #[must_use]
    pub fn choices(&self) -> Vec<Label> {
        let first = self.patient.then_some(Label::BackToPatient);
        first.into_iter().chain(CHOICES).collect()
    }

    pub fn update(&mut self, action: &Action) -> Outcome {
        if self.confirming_leave {
            return match action {
                Action::Confirm | Action::Yes => Outcome::Leave,
                Action::Back | Action::No => {
                    self.confirming_leave = false;
                    Outcome::Stay
                }
                _ => Outcome::Stay,
            };
        }
        let last = self.choices().len() - 1;
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            // A digit highlights, as in questions: only Enter acts.
            Action::Pick(i) if *i <= last => self.selected = *i,
            Action::Tap(Hit::Row(i)) if *i <= last => {
                self.selected = *i;
                return self.chosen();
            }
            Action::Confirm => return self.chosen(),
            Action::Back => return Outcome::Close,
            _ => {}
        }
        Outcome::Stay
    }

    fn chosen(&mut self) -> Outcome {
        match self.choices().get(self.selected) {
            Some(Label::BackToPatient) => Outcome::Patient,
            Some(Label::ReviewIntakes) => Outcome::Review,
            Some(Label::BackToKiosk) => Outcome::Kiosk,
            _ => {
                self.confirming_leave = true;
                Outcome::Stay
            }
        }
    }

    /// Where a tap lands: each choice's row (none while asking before leaving).
    #[must_use]
    pub fn hits(&self, area: Rect) -> Vec<(Rect, Hit)> {
        if self.confirming_leave {
            return Vec::new();
        }
        let choices = parts(inside(WIDTH, HEIGHT, area)).choices;
        (0..self.choices().len())
            .filter_map(|i| {
                let y = choices.y + u16::try_from(i).ok()?;
                (y < choices.bottom())
                    .then(|| (Rect::new(choices.x, y, choices.width, 1), Hit::Row(i)))
            })
            .collect()
    }

    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.config.theme;
        let words = ctx.words;
        let title = if self.confirming_leave {
            Label::LeaveKioskModeTitle
        } else {
            Label::StaffMenuTitle
        };
        let inner = popup(&theme, words.label(title), WIDTH, HEIGHT, area, buf);
        let parts = parts(inner);
        let wrapped = |text: &str, rect: Rect| -> Vec<Line<'static>> {
            wrap_at_most(text, usize::from(rect.width), usize::from(rect.height))
                .into_iter()
                .map(Line::from)
                .collect()
        };
        let keys = if self.confirming_leave {
            Paragraph::new(wrapped(
                words.label(Label::LeaveKioskModeExplained),
                parts.intro.union(parts.choices),
            ))
            .render(parts.intro.union(parts.choices), buf);
            Label::LeaveKioskModeKeys
        } else {
            Paragraph::new(wrapped(words.label(Label::WhatToDo), parts.intro))
                .style(theme.help)
                .render(parts.intro, buf);
            let lines: Vec<Line> = self
                .choices()
                .iter()
                .enumerate()
                .map(|(i, choice)| {
                    let text = format!(
                        "{} {}  {}",
                        if i == self.selected { "▶" } else { " " },
                        i + 1,
                        words.label(*choice)
                    );
                    if i == self.selected {
                        Line::styled(text, theme.highlight)
                    } else {
                        Line::from(text)
                    }
                })
                .collect();
            Paragraph::new(lines).render(parts.choices, buf);
            Label::StaffMenuKeys
        };
        Paragraph::new(wrapped(words.label(keys), parts.keys))
            .style(theme.key)
            .render(parts.keys, buf);
    }
}
