//! The intake under way in the UI: the engine's intake flow, its draft on disk, and what was typed
//! but not confirmed on each question (kept when the person goes back).

use std::collections::BTreeMap;
use std::time::Instant;

use super::config::Config;
use super::editor::Editor;
use crate::engine::intake::Intake;
use crate::store::{Draft, DraftLock, Version};
use crate::words::{self, Words};

/// A record whose answers are being changed with the patient: its versions, and who changes them.
#[derive(Debug)]
pub struct Amending {
    pub versions: Vec<Version>,
    pub by: String,
}

#[derive(Debug)]
pub struct Session {
    pub intake: Intake,
    /// Set when the intake changes a finished record: confirming saves a new version of it, not
    /// a draft or a summary of its own.
    pub amending: Option<Amending>,
    pub draft: Draft,
    /// Held from the first save (or from resuming) until the intake is submitted or put away:
    /// no other terminal can open it meanwhile.
    pub lock: Option<DraftLock>,
    pub typed: BTreeMap<String, Editor>,
}

impl Session {
    /// Nothing in it is worth keeping: no answer, note or override.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.intake.answers().is_empty()
            && self.draft.clinician_note.is_none()
            && self.draft.verdict_override.is_none()
    }
}

impl<'a> Ctx<'a> {
    #[must_use]
    pub fn new(
        config: &'a Config,
        session: Option<&'a Session>,
        now: Instant,
        kiosk: bool,
    ) -> Self {
        Ctx {
            config,
            words: words::for_language(&config.language),
            session,
            now,
            kiosk,
        }
    }
}

/// What a screen reads to draw itself.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub config: &'a Config,
    /// The words of the UI's language: every label, hint and sentence on screen.
    pub words: &'static dyn Words,
    pub session: Option<&'a Session>,
    /// The latest instant the app was told about (countdowns draw from it).
    pub now: Instant,
    /// A patient is at the screen (kiosk mode, not staff after the PIN): patient words only.
    pub kiosk: bool,
}
