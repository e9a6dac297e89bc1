//! The intake under way in the UI: the engine's intake flow, the clinic's case for it (its draft
//! and lock, or the record it changes), and what was typed but not confirmed on each question
//! (kept when the person goes back).

use std::collections::BTreeMap;
use std::time::Instant;

use super::config::Config;
use super::editor::Editor;
use super::widgets::assessment::Shown;
use super::widgets::kept::Kept;
use crate::clinic::Case;
use crate::engine::intake::Intake;
use crate::words::{self, Words};

#[derive(Debug)]
pub struct Session {
    pub intake: Intake,
    /// What the clinic's desk keeps of this intake: its draft and lock, or the record whose
    /// answers it changes (then confirming saves a new version of it, not a record of its own).
    pub case: Case,
    pub typed: BTreeMap<String, Editor>,
    /// The live assessment panel as last drawn.
    pub panel: Kept<Shown>,
}

impl Session {
    #[must_use]
    pub fn new(case: Case, intake: Intake) -> Self {
        Session {
            intake,
            case,
            typed: BTreeMap::new(),
            panel: Kept::default(),
        }
    }

    /// Nothing in it is worth keeping: no answer, note or override.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.case.is_empty(&self.intake)
    }

    /// The intake changes a finished record's answers.
    #[must_use]
    pub fn amending(&self) -> bool {
        self.case.amending().is_some()
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
