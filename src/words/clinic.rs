//! The words of the clinic layer's outcomes, for staff: what became of saving, opening, submitting
//! and queueing an intake, and of a record's next version. The clinic returns them as data; the
//! front door that shows them asks its language for these sentences.

use std::fmt::Display;
use std::path::Path;

use chrono::NaiveDate;

/// What one language says about the clinic's outcomes. Causes (`error`, `why`) are the I/O or
/// lock problem as its type writes it.
pub trait ClinicWords {
    /// The folder of unfinished intakes could not be read.
    fn unfinished_unreadable(&self, dir: &Path, error: &dyn Display) -> String;
    /// The folder of records could not be read.
    fn records_unreadable(&self, dir: &Path, error: &dyn Display) -> String;
    /// Some files named as summaries could not be read as one.
    fn summaries_unreadable(&self, count: usize, example: &Path) -> String;
    /// An unfinished intake could not be opened.
    fn not_opened(&self, why: &dyn Display) -> String;
    /// What resuming a draft changed, if anything: the questionnaire it was started with (when
    /// another), the questions whose answers no longer fit.
    fn resumed(
        &self,
        made_with: Option<&str>,
        dropped: &[String],
        asked_again: &[String],
    ) -> Option<String>;
    /// The draft could not be saved (`cause` names the folder).
    fn draft_not_saved(&self, cause: &dyn Display) -> String;
    /// The record is written, but the draft could not be removed.
    fn draft_left_over(&self, error: &dyn Display) -> String;
    /// The record is written, but could not be queued for the FHIR server.
    fn not_queued(&self, error: &dyn Display) -> String;
    /// A record with no version that can be read.
    fn no_readable_version(&self) -> String;
    /// Changing a record's answers: the questions whose answers no longer fit, if any.
    fn amending_dropped(&self, dropped: &[String]) -> Option<String>;
    /// A record's next version is written.
    fn version_saved(&self, version: u32, name: Option<&str>) -> String;
    /// The changed answers are the same as before: nothing was written.
    fn version_unchanged(&self) -> String;
    /// A record's next version was not saved: another terminal saved that version meanwhile.
    fn version_taken(&self, version: u32) -> String;
    /// A record's next version could not be written.
    fn version_not_saved(&self, version: u32, dir: &Path, error: &dyn Display) -> String;
    /// The patient of a new intake finished one before, on `finished`, with this verdict.
    fn seen_before(&self, name: &str, finished: NaiveDate, verdict: &str) -> String;
    /// An unfinished intake or a damaged file was deleted.
    fn deleted(&self) -> String;
    fn not_deleted(&self, path: &Path, error: &dyn Display) -> String;
}
