//! One module per screen and popup: each owns its state, what actions do to it, where taps land
//! and how it is drawn. Screens import widgets, never the app or each other.

pub mod initials;
pub mod kiosk;
pub mod leaving;
pub mod note;
pub mod override_form;
pub mod panel;
pub mod pin;
pub mod question;
pub mod record;
pub mod result;
pub mod resume_offer;
pub mod review;
pub mod sign_off;
pub mod staff_menu;
pub mod start;
pub mod start_over;

use std::time::Instant;

use crate::tui::action::Focus;
use crate::tui::session::Ctx;

/// The screen under any popup.
#[derive(Debug, Clone)]
pub enum Screen {
    /// Staff: the list of intakes.
    Start(start::Start),
    /// Kiosk: the welcome.
    Welcome,
    Question(question::Question),
    Review(review::Review),
    /// Staff: the result of a submitted intake.
    Result(result::ResultScreen),
    /// Kiosk: the end, until this screen clears by itself.
    ThankYou {
        farewell: kiosk::Farewell,
        since: Instant,
    },
    /// Kiosk: an intake that could not be written, until it is or staff take over.
    Held(kiosk::Held),
    /// Kiosk: the patient called staff; the screen they were on waits behind it, as it was.
    StaffCalled(Box<Screen>),
    /// Staff: one intake's record.
    Record(record::RecordScreen),
}

/// A popup over the screen.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// Kiosk: "Are you still there?" until this instant.
    Idle { until: Instant },
    /// Kiosk: the staff PIN being typed (never shown).
    Pin(pin::Pin),
    /// Staff: the clinician note being written.
    Note(note::Note),
    /// Staff: an override of the verdict.
    Override(override_form::OverrideForm),
    /// Kiosk, after the PIN: what staff want to do.
    StaffMenu(staff_menu::StaffMenu),
    /// Staff: Ctrl-C during an intake, asking before leaving it.
    Leaving,
    /// Staff: a patient's unfinished intake offered to resume instead of the new one.
    ResumeOffer(resume_offer::ResumeOffer),
    /// Staff: signing a record off.
    SignOff(sign_off::SignOff),
    /// Staff: who is about to change a record's answers.
    Initials(initials::Initials),
    /// Kiosk: asking before starting over.
    StartOver(start_over::StartOver),
}

impl Screen {
    /// Where keys go on this screen.
    #[must_use]
    pub fn focus(&self, ctx: Ctx) -> Focus {
        match self {
            Screen::Start(start) => match start.focus() {
                Focus::Start {
                    has_rows, finding, ..
                } => Focus::Start {
                    has_rows,
                    finding,
                    at_kiosk: ctx.config.kiosk,
                },
                other => other,
            },
            Screen::Welcome => Focus::Welcome,
            Screen::Question(question) => question.focus(ctx),
            Screen::Review(_) => review::Review::focus(ctx),
            Screen::Result(result) => match result.focus() {
                Focus::Result { saved, .. } => Focus::Result {
                    saved,
                    at_kiosk: ctx.config.kiosk,
                },
                other => other,
            },
            Screen::ThankYou { .. } => Focus::ThankYou,
            Screen::Held(_) => Focus::Held,
            Screen::StaffCalled(_) => Focus::StaffCalled,
            Screen::Record(record) => record.focus(),
        }
    }
}

impl Overlay {
    /// Where keys go in this popup; `None` for one that any key dismisses.
    #[must_use]
    pub fn focus(&self) -> Option<Focus> {
        match self {
            Overlay::Idle { .. } => None,
            Overlay::Pin(_) => Some(Focus::Pin),
            Overlay::Note(_) | Overlay::Initials(_) => Some(Focus::Note),
            Overlay::StaffMenu(_) => Some(Focus::StaffMenu),
            Overlay::Leaving => Some(Focus::Leaving),
            Overlay::ResumeOffer(_) => Some(Focus::ResumeOffer),
            Overlay::StartOver(_) => Some(Focus::StartOver),
            Overlay::SignOff(form) => Some(Focus::SignOff {
                on_decision: form.field == sign_off::Field::Decision,
            }),
            Overlay::Override(form) => Some(Focus::Override {
                on_level: form.field == override_form::OverrideField::Level,
            }),
        }
    }
}
