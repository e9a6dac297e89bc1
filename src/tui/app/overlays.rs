//! The overlays: the kiosk's staff PIN prompt, and the staff's clinician note and verdict override.

use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;

use super::{
    App, INITIALS_MAX, NOTE_MAX, OVERRIDE_REASON_MAX, Overlay, OverrideField, OverrideForm,
    PIN_LOCK, PIN_TRIES,
};
use crate::engine::summary::Override;
use crate::model::questionnaire::Level;
use crate::tui::text_field;

impl App {
    pub(super) fn overlay_key(&mut self, key: KeyEvent, now: Instant) {
        let Some(overlay) = self.overlay.take() else {
            return;
        };
        self.overlay = match overlay {
            Overlay::Idle { .. } => None,
            Overlay::Pin { typed, message } => self.pin_key(key, now, typed, message),
            Overlay::Note(input) => self.note_key(key, input),
            Overlay::Override(form) => self.override_key(key, form),
        };
    }

    fn pin_key(
        &mut self,
        key: KeyEvent,
        now: Instant,
        mut typed: String,
        message: Option<String>,
    ) -> Option<Overlay> {
        if key.code == KeyCode::Esc {
            return None;
        }
        if self.pin_locked_until.is_some_and(|until| now < until) {
            return Some(Overlay::Pin {
                typed: String::new(),
                message,
            });
        }
        self.pin_locked_until = None;
        match key.code {
            KeyCode::Char(c) if !c.is_control() && typed.chars().count() < 64 => {
                typed.push(c);
                Some(Overlay::Pin { typed, message })
            }
            KeyCode::Backspace => {
                typed.pop();
                Some(Overlay::Pin { typed, message })
            }
            KeyCode::Enter if typed.is_empty() => Some(Overlay::Pin {
                typed,
                message: Some("Type the staff PIN, then press Enter.".into()),
            }),
            KeyCode::Enter => {
                let right = self
                    .config
                    .staff_pin
                    .as_deref()
                    .is_some_and(|pin| !pin.is_empty() && pin == typed);
                if right {
                    self.pin_failures = 0;
                    let kept = self.keep_for_leaving();
                    self.leave(kept);
                    return None;
                }
                self.pin_failures += 1;
                let message = if self.pin_failures >= PIN_TRIES {
                    self.pin_failures = 0;
                    self.pin_locked_until = Some(now + PIN_LOCK);
                    "That PIN is not right. The prompt is locked for 60 seconds.".to_owned()
                } else {
                    let left = PIN_TRIES - self.pin_failures;
                    format!(
                        "That PIN is not right. {left} {} left.",
                        if left == 1 { "try" } else { "tries" }
                    )
                };
                Some(Overlay::Pin {
                    typed: String::new(),
                    message: Some(message),
                })
            }
            _ => Some(Overlay::Pin { typed, message }),
        }
    }

    fn note_key(&mut self, key: KeyEvent, mut input: Input) -> Option<Overlay> {
        match key.code {
            KeyCode::Esc => None,
            KeyCode::Enter => {
                let note = input.value().trim().to_owned();
                if let Some(intake) = &mut self.intake {
                    intake.draft.clinician_note = (!note.is_empty()).then_some(note);
                }
                self.save_draft().ok();
                None
            }
            _ => {
                text_field::key(&mut input, key, Some(NOTE_MAX));
                Some(Overlay::Note(input))
            }
        }
    }

    pub(super) fn open_override_form(&mut self) {
        let computed = self
            .live_assessment()
            .map_or(Level::Suitable, |a| a.suitability);
        let existing = self
            .intake
            .as_ref()
            .and_then(|i| i.draft.verdict_override.clone());
        self.overlay = Some(Overlay::Override(match existing {
            Some(o) => OverrideForm {
                level: o.suitability,
                reason: Input::new(o.reason),
                by: Input::new(o.by),
                field: OverrideField::Level,
                error: None,
            },
            None => OverrideForm {
                level: computed,
                reason: Input::default(),
                by: Input::default(),
                field: OverrideField::Level,
                error: None,
            },
        }));
    }

    fn override_key(&mut self, key: KeyEvent, mut form: OverrideForm) -> Option<Overlay> {
        let step = |level: Level, delta: isize| {
            let at = Level::ALL.iter().position(|l| *l == level).unwrap_or(0);
            let next = at.saturating_add_signed(delta).min(Level::ALL.len() - 1);
            Level::ALL[next]
        };
        match key.code {
            KeyCode::Esc => return None,
            KeyCode::Tab | KeyCode::Down => {
                form.field = match form.field {
                    OverrideField::Level => OverrideField::Reason,
                    OverrideField::Reason => OverrideField::By,
                    OverrideField::By => OverrideField::Level,
                };
            }
            KeyCode::BackTab | KeyCode::Up => {
                form.field = match form.field {
                    OverrideField::Level => OverrideField::By,
                    OverrideField::Reason => OverrideField::Level,
                    OverrideField::By => OverrideField::Reason,
                };
            }
            KeyCode::Delete if form.field == OverrideField::Level => {
                if let Some(intake) = &mut self.intake {
                    intake.draft.verdict_override = None;
                }
                self.notice = Some("The override was removed; the computed verdict stands.".into());
                self.save_draft().ok();
                return None;
            }
            KeyCode::Left if form.field == OverrideField::Level => {
                form.level = step(form.level, -1);
            }
            KeyCode::Right if form.field == OverrideField::Level => {
                form.level = step(form.level, 1);
            }
            KeyCode::Char(c @ '1'..='5') if form.field == OverrideField::Level => {
                let i = c.to_digit(10).map_or(1, |d| d as usize);
                form.level = Level::ALL[(i - 1).min(Level::ALL.len() - 1)];
            }
            KeyCode::Enter => {
                let reason = form.reason.value().trim().to_owned();
                let by = form.by.value().trim().to_owned();
                if reason.is_empty() {
                    form.error = Some("Please give a reason for the override.".into());
                    form.field = OverrideField::Reason;
                } else if by.is_empty() {
                    form.error = Some("Please enter your initials.".into());
                    form.field = OverrideField::By;
                } else {
                    let at = self.now();
                    if let Some(intake) = &mut self.intake {
                        intake.draft.verdict_override = Some(Override {
                            suitability: form.level,
                            reason,
                            by,
                            at,
                        });
                    }
                    self.save_draft().ok();
                    return None;
                }
            }
            _ => match form.field {
                OverrideField::Level => {}
                OverrideField::Reason => {
                    text_field::key(&mut form.reason, key, Some(OVERRIDE_REASON_MAX));
                }
                OverrideField::By => {
                    text_field::key(&mut form.by, key, Some(INITIALS_MAX));
                }
            },
        }
        Some(Overlay::Override(form))
    }
}
