//! The kiosk's staff menu, after F10 and the PIN: review the clinic's intakes here, give the kiosk
//! back to the next patient, or leave kiosk mode.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::Action;
use crate::tui::session::Ctx;
use crate::tui::widgets::popup::popup;
use crate::words::Label;

/// The choices, in order.
pub const CHOICES: [Label; 3] = [
    Label::ReviewIntakes,
    Label::BackToKiosk,
    Label::LeaveKioskMode,
];

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StaffMenu {
    pub selected: usize,
}

/// What staff chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    /// Esc: back to what the kiosk showed.
    Close,
    Review,
    Kiosk,
    Leave,
}

impl StaffMenu {
    pub fn update(&mut self, action: &Action) -> Outcome {
        let last = CHOICES.len() - 1;
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Pick(i) if *i <= last => {
                self.selected = *i;
                return self.chosen();
            }
            Action::Confirm => return self.chosen(),
            Action::Back => return Outcome::Close,
            _ => {}
        }
        Outcome::Stay
    }

    fn chosen(self) -> Outcome {
        match self.selected {
            0 => Outcome::Review,
            1 => Outcome::Kiosk,
            _ => Outcome::Leave,
        }
    }

    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.config.theme;
        let words = ctx.words;
        let inner = popup(
            &theme,
            words.label(Label::StaffMenuTitle),
            50,
            10,
            area,
            buf,
        );
        let [intro, _, choices, keys] = inner.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(3),
            Constraint::Min(1),
        ]));
        Paragraph::new(words.label(Label::WhatToDo))
            .style(theme.help)
            .render(intro, buf);
        let lines: Vec<Line> = CHOICES
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
        Paragraph::new(lines).render(choices, buf);
        let [_, keys] = keys.layout(&Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(1),
        ]));
        Paragraph::new(words.label(Label::StaffMenuKeys))
            .style(theme.key)
            .render(keys, buf);
    }
}
