//! Everything the UI needs from outside: the questionnaire, the folder, the options and the clock.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::theme::Theme;
use crate::clinic::{Printing, Sender};
use crate::model::questionnaire::Questionnaire;

#[derive(Debug, Clone)]
pub struct Config {
    pub questionnaire: Arc<Questionnaire>,
    pub out: PathBuf,
    pub kiosk: bool,
    pub today: NaiveDate,
    pub language: String,
    pub done_timeout: Duration,
    pub idle_timeout: Duration,
    pub staff_pin: Option<String>,
    pub theme: Theme,
    /// The wall clock, for timestamps in drafts and summaries.
    pub clock: fn() -> DateTime<FixedOffset>,
    /// Delivery to the clinic's FHIR server: each summary is queued in the outbox as it is
    /// written, and sent in the background.
    pub delivery: Option<Sender>,
    /// Where `p` on a record prints, and on what paper.
    pub printing: Printing,
}
