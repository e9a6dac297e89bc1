//! The kiosk's timers: the idle warning and reset, the thank-you screen, the PIN lock.

use std::time::{Duration, Instant};

use super::{App, Kept};

/// How often the kiosk tries again to write an intake it holds.
pub const RETRY_EVERY: Duration = Duration::from_secs(5);
use crate::tui::screens::{Overlay, Screen};

impl App {
    /// Timers: the kiosk's idle warning and reset, the thank-you screen, the PIN lock.
    pub fn tick(&mut self, now: Instant) {
        self.instant = now;
        if !self.config.kiosk {
            return;
        }
        if let Screen::ThankYou { since, .. } = self.screen
            && now.duration_since(since) >= self.config.done_timeout
        {
            self.home();
            return;
        }
        if self.pin_lock.locked_until.is_some_and(|until| now >= until) {
            self.pin_lock.locked_until = None;
        }
        if let Screen::Held(held) = &self.screen {
            // Held for staff: no idle reset (it would drop the answers), only the retry.
            if now.duration_since(held.tried) >= RETRY_EVERY {
                self.retry_held(now);
            }
            return;
        }
        if matches!(self.screen, Screen::StaffCalled(_)) {
            // The page waits for staff however long it takes: it shows nothing of the patient.
            // A PIN prompt or the staff menu left open over it closes, back to the page.
            if self.overlay.is_some()
                && now.duration_since(self.last_activity) >= self.config.idle_timeout
            {
                self.overlay = None;
                self.back_to_patient_language();
            }
            return;
        }
        match self.overlay {
            Some(Overlay::Idle { until }) if now >= until => self.idle_reset(),
            Some(Overlay::Idle { .. }) => {}
            _ => {
                if self.idle_watched()
                    && now.duration_since(self.last_activity) >= self.config.idle_timeout
                {
                    self.overlay = Some(Overlay::Idle {
                        until: now + self.idle_countdown(),
                    });
                }
            }
        }
    }

    /// Someone pressed, tapped or pasted: the idle timer starts again. Returns whether that only
    /// dismissed "Are you still there?" (the event does nothing else then).
    pub(super) fn noticed_someone(&mut self, now: Instant) -> bool {
        self.last_activity = now;
        self.instant = now;
        let dismissed = matches!(self.overlay, Some(Overlay::Idle { .. }));
        if dismissed {
            self.overlay = None;
        }
        dismissed
    }

    /// How long "Are you still there?" counts down: a quarter of the idle time, 5 to 30 seconds.
    #[must_use]
    pub fn idle_countdown(&self) -> Duration {
        Duration::from_secs((self.config.idle_timeout.as_secs() / 4).clamp(5, 30))
    }

    /// The kiosk after nobody answered: answers kept as an unfinished intake, screen cleared. When
    /// they cannot be saved they are held for staff instead of dropped.
    /// Something is on the kiosk's screen that must not stay there when nobody is at it: a
    /// patient's answers, a popup, or staff's view of the clinic's intakes.
    fn idle_watched(&self) -> bool {
        if matches!(self.screen, Screen::StaffCalled(_)) {
            return self.overlay.is_some();
        }
        self.session.is_some() || self.overlay.is_some() || self.staff_at_kiosk
    }

    fn idle_reset(&mut self) {
        self.pin_lock.failures = 0;
        // Staff who walked away from the kiosk leave no patient's record on it.
        self.staff_at_kiosk = false;
        match self.keep_for_leaving() {
            Kept::Lost(cause) => self.hold(None, cause, self.instant),
            Kept::Draft(_) | Kept::Nothing => self.home(),
        }
    }

    /// When the event loop must wake up even without input: `None` means wait for input.
    #[must_use]
    pub fn next_deadline(&self, now: Instant) -> Option<Instant> {
        if !self.config.kiosk {
            return None;
        }
        let second = now + Duration::from_secs(1);
        if let Screen::Held(held) = &self.screen {
            return Some(held.tried + RETRY_EVERY);
        }
        if let Screen::ThankYou { since, .. } = self.screen {
            return Some((since + self.config.done_timeout).min(second));
        }
        if let Some(Overlay::Idle { until }) = self.overlay {
            return Some(until.min(second));
        }
        let mut deadline = None;
        if self.idle_watched() {
            deadline = Some(self.last_activity + self.config.idle_timeout);
        }
        if let Some(until) = self.pin_lock.locked_until
            && matches!(self.overlay, Some(Overlay::Pin(_)))
        {
            deadline = Some(
                deadline
                    .map_or(second, |d: Instant| d.min(second))
                    .min(until),
            );
        }
        deadline
    }
}
