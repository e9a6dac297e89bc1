//! Pasted text and clicks or taps.

use std::time::Instant;

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Position;

use super::{
    App, Hit, INITIALS_MAX, NOTE_MAX, OVERRIDE_REASON_MAX, Overlay, OverrideField, Screen,
};
use crate::tui::editor::Edited;
use crate::tui::text_field;

impl App {
    /// Pasted text goes to the text field in focus, cleaned of control characters and capped.
    pub fn handle_paste(&mut self, text: &str, now: Instant) {
        if self.noticed_someone(now) {
            return;
        }
        match &mut self.overlay {
            Some(Overlay::Note(input)) => text_field::insert(input, text, Some(NOTE_MAX)),
            Some(Overlay::Override(form)) => match form.field {
                OverrideField::Reason => {
                    text_field::insert(&mut form.reason, text, Some(OVERRIDE_REASON_MAX));
                }
                OverrideField::By => text_field::insert(&mut form.by, text, Some(INITIALS_MAX)),
                OverrideField::Level => {}
            },
            Some(_) => {}
            None => {
                if let Screen::Question(q) = &mut self.screen
                    && let Some(item) = self.config.questionnaire.item(&q.item)
                    && q.editor.paste(item, text) == Edited::Changed
                {
                    q.error = None;
                }
            }
        }
    }

    /// A click or tap: options, list rows and the Back / Next buttons.
    pub fn handle_mouse(&mut self, mouse: MouseEvent, now: Instant) {
        if !matches!(mouse.kind, MouseEventKind::Down(MouseButton::Left)) {
            return;
        }
        if self.noticed_someone(now) {
            return;
        }
        if self.overlay.is_some() {
            return;
        }
        let at = Position::new(mouse.column, mouse.row);
        let hit = self
            .hits
            .borrow()
            .iter()
            .find(|(rect, _)| rect.contains(at))
            .map(|(_, hit)| *hit);
        let press = |code| KeyEvent::new(code, KeyModifiers::NONE);
        match hit {
            Some(Hit::Back) => self.handle_key(press(KeyCode::Esc), now),
            Some(Hit::Next) => self.handle_key(press(KeyCode::Enter), now),
            Some(Hit::Option(i)) => {
                if let Screen::Question(q) = &mut self.screen
                    && q.editor.click(i) == Edited::Changed
                {
                    q.error = None;
                }
            }
            Some(Hit::Row(row)) => match &mut self.screen {
                Screen::Start { selected, .. } => {
                    *selected = row;
                    self.open_start_row(row);
                }
                Screen::Review { selected } => {
                    *selected = row;
                    self.activate_review_row(row);
                }
                _ => {}
            },
            None => {}
        }
    }
}
