//! The patient's own ways out at the kiosk: starting over (the draft deleted through the desk)
//! and calling staff (the intake kept behind a calm page), and staff giving the patient their
//! questions back after the PIN.

use super::App;
use crate::tui::screens::Screen;

impl App {
    /// A patient alone at a question or the review of their intake.
    pub(super) fn patient_answering(&self) -> bool {
        self.kiosk()
            && self.session.is_some()
            && matches!(self.screen, Screen::Question(_) | Screen::Review(_))
    }

    /// "Start over", confirmed: the draft is deleted and the kiosk shows its welcome, with
    /// nothing of the answers left on screen or in memory.
    pub(super) fn start_over(&mut self) {
        if let Some(session) = self.session.take() {
            // A draft that cannot be deleted stays under Unfinished, where staff can delete it;
            // the patient, who asked for their answers to go, starts again all the same.
            self.desk.discard(session.case).ok();
        }
        self.home();
    }

    /// "Call staff": the answers so far are saved and the screen the patient was on waits, as it
    /// was, behind a page that says staff are coming, until staff give the PIN.
    pub(super) fn call_staff(&mut self) {
        // When it cannot be saved, the intake stays in memory behind the page all the same.
        self.keep_for_leaving();
        let paused = std::mem::replace(&mut self.screen, Screen::Welcome);
        self.screen = Screen::StaffCalled(Box::new(paused));
    }

    /// Staff took over with the PIN: whether a patient's intake waits for them, on its screen or
    /// behind the page after "Call staff". Their language is kept, to give back.
    pub(super) fn patient_waits(&mut self) -> bool {
        let waits = self.kiosk()
            && self.session.is_some()
            && matches!(
                self.screen,
                Screen::Question(_) | Screen::Review(_) | Screen::StaffCalled(_)
            );
        if waits {
            self.patient_language = Some(self.config.language.clone());
        }
        waits
    }

    /// The staff menu's "Back to the patient's questions": the screen the patient was on, as it
    /// was, in their language.
    pub(super) fn back_to_patient(&mut self) {
        self.back_to_patient_language();
        if let Screen::StaffCalled(paused) = &mut self.screen {
            let paused = std::mem::replace(paused.as_mut(), Screen::Welcome);
            self.screen = paused;
            // The terminal may have changed size meanwhile.
            self.prepare_review();
        }
    }

    /// The patient's language again, where staff took over a patient's screen.
    pub(super) fn back_to_patient_language(&mut self) {
        if let Some(language) = self.patient_language.take() {
            self.set_language(&language);
        }
    }
}
