//! What the popups, the start list and the result ask for, done.

use std::time::Instant;

use super::{App, Kept};
use crate::clinic::Listed;
use crate::tui::action::Action;
use crate::tui::screens::staff_menu::{self, StaffMenu};
use crate::tui::screens::start::{self, StartEntry};
use crate::tui::screens::{
    Overlay, Screen, initials, leaving, note, override_form, pin, result, resume_offer, sign_off,
    start_over,
};
use crate::words::{self, Label, Say};

impl App {
    pub(super) fn update_overlay(&mut self, overlay: Overlay, action: &Action, now: Instant) {
        if *action == Action::Leave && matches!(overlay, Overlay::Note(_) | Overlay::Override(_)) {
            return self.ask_leave();
        }
        self.overlay = match overlay {
            Overlay::Idle { .. } => None,
            Overlay::Pin(mut prompt) => {
                let staff_pin = self.config.staff_pin.clone();
                match prompt.update(action, now, &mut self.pin_lock, staff_pin.as_deref()) {
                    pin::Outcome::Stay => Some(Overlay::Pin(prompt)),
                    pin::Outcome::Close => None,
                    pin::Outcome::Staff => self.staff_take_over(),
                }
            }
            Overlay::Note(mut form) => match form.update(action) {
                note::Outcome::Stay => Some(Overlay::Note(form)),
                note::Outcome::Cancel => None,
                note::Outcome::Save { note, by } => {
                    let words = words::for_language(&self.config.language);
                    // The initials go with the note, as the clinic reads it.
                    let signed = words.say(&Say::NoteBy { note: "", by: &by });
                    let note = note.map(|note| {
                        if note.ends_with(&signed) {
                            note
                        } else {
                            words.say(&Say::NoteBy {
                                note: &note,
                                by: &by,
                            })
                        }
                    });
                    if matches!(self.screen, Screen::Record(_)) && self.session.is_none() {
                        self.save_record_note(note);
                        return;
                    }
                    if let Some(session) = &mut self.session {
                        session.case.set_note(note);
                    }
                    self.save_draft().ok();
                    None
                }
            },
            Overlay::Override(mut form) => match form.update(
                action,
                self.now(),
                words::for_language(&self.config.language),
            ) {
                override_form::Outcome::Stay => Some(Overlay::Override(form)),
                override_form::Outcome::Cancel => None,
                override_form::Outcome::Save(verdict_override)
                    if matches!(self.screen, Screen::Record(_)) =>
                {
                    self.save_record_override(Some(verdict_override));
                    None
                }
                override_form::Outcome::Remove if matches!(self.screen, Screen::Record(_)) => {
                    self.save_record_override(None);
                    None
                }
                override_form::Outcome::Remove => {
                    if let Some(session) = &mut self.session {
                        session.case.set_override(None);
                    }
                    self.notice = Some(
                        words::for_language(&self.config.language)
                            .label(Label::OverrideRemoved)
                            .to_owned(),
                    );
                    self.save_draft().ok();
                    None
                }
                override_form::Outcome::Save(verdict_override) => {
                    if let Some(session) = &mut self.session {
                        session.case.set_override(Some(verdict_override));
                    }
                    self.save_draft().ok();
                    None
                }
            },
            Overlay::StaffMenu(mut menu) => match menu.update(action) {
                staff_menu::Outcome::Stay => Some(Overlay::StaffMenu(menu)),
                // Back to what the kiosk showed, in the patient's language.
                staff_menu::Outcome::Close => {
                    self.back_to_patient_language();
                    None
                }
                staff_menu::Outcome::Patient => {
                    self.back_to_patient();
                    None
                }
                staff_menu::Outcome::Review => {
                    // Whatever the patient was answering waits, saved, under Unfinished.
                    self.keep_for_leaving();
                    self.staff_at_kiosk = true;
                    self.home();
                    None
                }
                staff_menu::Outcome::Kiosk => {
                    self.keep_for_leaving();
                    self.staff_at_kiosk = false;
                    self.home();
                    None
                }
                staff_menu::Outcome::Leave => {
                    let kept = self.keep_for_leaving();
                    self.leave(kept);
                    None
                }
            },
            Overlay::SignOff(mut form) => match form.update(action, self.now()) {
                sign_off::Outcome::Stay => Some(Overlay::SignOff(form)),
                sign_off::Outcome::Cancel => None,
                sign_off::Outcome::Save(review) => {
                    self.save_sign_off(review);
                    None
                }
            },
            Overlay::Initials(mut form) => match form.update(action) {
                initials::Outcome::Stay => Some(Overlay::Initials(form)),
                initials::Outcome::Cancel => None,
                initials::Outcome::Done(by) => {
                    self.start_amending(by);
                    None
                }
            },
            Overlay::Leaving => match leaving::update(action) {
                leaving::Outcome::Stay => Some(Overlay::Leaving),
                leaving::Outcome::Close => None,
                leaving::Outcome::ToList => {
                    if let Kept::Lost(cause) = self.keep_for_leaving() {
                        self.notice = Some(
                            words::for_language(&self.config.language)
                                .say(&Say::NotSavedStays { cause: &cause }),
                        );
                    } else {
                        self.home();
                    }
                    None
                }
                leaving::Outcome::Quit => return self.quit_or_menu(),
            },
            Overlay::StartOver(mut dialog) => match dialog.update(action) {
                start_over::Outcome::Stay => Some(Overlay::StartOver(dialog)),
                start_over::Outcome::Keep => None,
                start_over::Outcome::StartOver => {
                    self.start_over();
                    None
                }
            },
            Overlay::ResumeOffer(offer) => match resume_offer::update(action) {
                resume_offer::Outcome::Stay => Some(Overlay::ResumeOffer(offer)),
                resume_offer::Outcome::StartAnew => None,
                resume_offer::Outcome::Resume => {
                    self.resume_instead(&offer.id);
                    None
                }
            },
        };
    }

    /// Ctrl-C: during an intake, ask first; elsewhere, leave.
    pub(super) fn ask_leave(&mut self) {
        // Nothing to ask about when nothing was answered, or when leaving unsaved was asked already.
        let under_way = self.session.as_ref().is_some_and(|s| !s.is_empty())
            && matches!(self.screen, Screen::Question(_) | Screen::Review(_))
            && !self.leave_unsaved_armed;
        if under_way {
            self.overlay = Some(Overlay::Leaving);
        } else {
            self.quit_or_menu();
        }
    }

    /// Quitting: staff at the kiosk go back to the staff menu (only it leaves kiosk mode).
    pub(super) fn quit_or_menu(&mut self) {
        if self.staff_at_kiosk {
            self.overlay = Some(Overlay::StaffMenu(StaffMenu::default()));
        } else {
            self.quit_staff();
        }
    }

    pub(super) fn on_start(&mut self, outcome: start::Outcome) {
        let Screen::Start(start) = &self.screen else {
            return;
        };
        match outcome {
            start::Outcome::None => {}
            start::Outcome::Quit => self.quit_or_menu(),
            start::Outcome::Open(0) => self.new_intake(),
            start::Outcome::Open(row) => match start.entry(row) {
                Some(StartEntry::Unfinished(Listed::Draft(unfinished))) => {
                    let id = unfinished.draft.id.clone();
                    self.resume(&id);
                }
                Some(StartEntry::Record(row, _)) => {
                    let intake_id = row.intake_id.clone();
                    self.open_record(&intake_id);
                }
                Some(StartEntry::Unfinished(Listed::Damaged { path, .. })) => {
                    self.notice = Some(words::for_language(&self.config.language).say(
                        &Say::DamagedKept {
                            path: &path.display().to_string(),
                        },
                    ));
                }
                Some(StartEntry::Unfinished(Listed::Finished { summary, .. })) => {
                    self.notice = Some(words::for_language(&self.config.language).say(
                        &Say::SubmittedAsStopped {
                            summary: &summary.display().to_string(),
                        },
                    ));
                }
                Some(StartEntry::Unfinished(Listed::Newer {
                    path,
                    format_version,
                })) => {
                    self.notice = Some(words::for_language(&self.config.language).say(
                        &Say::NewerDraft {
                            path: &path.display().to_string(),
                            format_version: *format_version,
                        },
                    ));
                }
                None => {}
            },
            start::Outcome::AskDelete(row) => {
                let words = words::for_language(&self.config.language);
                let what = match start.entry(row) {
                    Some(StartEntry::Unfinished(Listed::Draft(unfinished))) => {
                        words.say(&Say::AskDelete {
                            unfinished_of: Some(unfinished.name.as_deref()),
                        })
                    }
                    Some(StartEntry::Unfinished(Listed::Damaged { .. })) => {
                        words.say(&Say::AskDelete {
                            unfinished_of: None,
                        })
                    }
                    // A finished intake's record and a newer program's draft are not ours to
                    // delete.
                    other => {
                        let record = matches!(other, Some(StartEntry::Record(..)));
                        if let Screen::Start(start) = &mut self.screen {
                            start.deleting = false;
                        }
                        if record {
                            self.notice = Some(words.label(Label::RecordNeverDeleted).to_owned());
                        }
                        return;
                    }
                };
                self.notice = Some(what);
            }
            start::Outcome::Delete(row) => {
                let Some((path, result)) = start.entry(row).and_then(|e| self.desk.delete(e))
                else {
                    return;
                };
                self.home();
                let words = words::for_language(&self.config.language);
                self.notice = Some(match result {
                    Ok(()) => words.deleted(),
                    Err(e) => words.not_deleted(&path, &e),
                });
            }
        }
    }

    pub(super) fn update_result(&mut self, action: &Action) {
        let body = self.view().body(self.area);
        let (Screen::Result(screen), ctx) = self.screen_and_ctx() else {
            return;
        };
        match screen.update(ctx, action, body) {
            result::Outcome::Retry => {
                let summary = (*screen.summary).clone();
                self.export(summary, false);
            }
            result::Outcome::NextPatient => self.home(),
            result::Outcome::Quit => self.quit_or_menu(),
            result::Outcome::None => {}
        }
    }
}
