//! The words of the record on paper (the PDF a clinician signs) and of printing it: what the
//! page says beyond the record's own words, and what became of sending it to a printer.

use std::fmt::Display;
use std::path::Path;

/// What one language says on the printed record and about printing it.
pub trait PaperWords {
    /// Why a record's PDF was not made (a fault of the program, not of the record).
    fn pdf_not_made(&self, why: NotMade) -> String;
    /// At the top of every page: who the page is about, to file it with the right patient.
    fn running_head(&self, name: &str, born: Option<&str>, record: &str) -> String;
    /// The record's short id as the running head names it.
    fn record_short(&self, short_id: &str, version: u32) -> String;
    /// "Page i of N".
    fn page_of(&self, page: usize, pages: usize) -> String;
    /// Section headings, in the order the page reads.
    fn heading(&self, heading: Heading) -> &'static str;
    /// The verdict in force, above its words.
    fn verdict_in_force(&self) -> &'static str;
    /// Who overrode the computed verdict and when.
    fn overridden(&self, by: &str, at: &str) -> String;
    /// The computed verdict, kept in the record under an override.
    fn computed_verdict(&self, level: &str) -> String;
    /// Why the verdict was overridden.
    fn override_reason(&self, reason: &str) -> String;
    /// The review state: a decision, who made it and when.
    fn reviewed(&self, decision: &str, by: &str, at: &str) -> String;
    fn not_reviewed(&self) -> &'static str;
    fn review_note(&self, note: &str) -> String;
    fn no_rule_applies(&self) -> &'static str;
    /// The rule a reason comes from.
    fn rule(&self, rule: &str) -> String;
    fn assess_again(&self, date: &str) -> String;
    fn assess_again_all(&self, date: &str) -> String;
    /// The override's schedule, in force, from its start date.
    fn schedule_in_force(&self, start: &str) -> String;
    /// The computed schedule, kept beside the override's.
    fn schedule_computed(&self) -> &'static str;
    /// The computed schedule when nothing overrides it.
    fn schedule_proposed(&self) -> &'static str;
    fn if_needed(&self) -> &'static str;
    /// Under an answer a screening rule read: the verdict it led to.
    fn led_to(&self, level: &str) -> String;
    /// The answers of questions in no section of the questionnaire at hand.
    fn other_answers(&self) -> &'static str;
    fn no_changes(&self) -> &'static str;
    /// A changed answer: when, by whom, the question.
    fn change(&self, at: &str, by: &str, question: &str) -> String;
    fn before_after(&self, before: &str, after: &str) -> String;
    /// What the patient confirms by signing.
    fn declaration(&self) -> &'static str;
    fn patient_signature(&self) -> &'static str;
    fn clinician_signature(&self) -> &'static str;
    /// Under a signature line: the name, or a blank to fill in.
    fn name_line(&self, name: Option<&str>) -> String;
    /// Under a signature line: the date, or a blank to fill in.
    fn date_line(&self, date: Option<&str>) -> String;
    /// The PDF would go to a terminal.
    fn pdf_to_terminal(&self) -> String;
    /// The record was handed to the printer (`printer`, or the default one) as CUPS's job `job`;
    /// `kept`: its PDF is kept beside the summary (where is one key away, not in the sentence).
    fn printed(&self, printer: Option<&str>, job: &str, kept: bool) -> String;
    /// The printing system refused the record, in its own words.
    fn not_printed(&self, printer: Option<&str>, cups: &str, kept: Option<&Path>) -> String;
    /// `lp` could not be started.
    fn no_lp(&self, error: &dyn Display, kept: Option<&Path>) -> String;
    /// The PDF could not be kept beside the summary.
    fn pdf_not_kept(&self, dir: &Path, error: &dyn Display) -> String;
}

/// The headings of the printed record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    Patient,
    Verdict,
    Reasons,
    Schedule,
    Plan,
    Review,
    Notes,
    ClinicianNote,
    Changes,
    Answers,
    Declaration,
}

/// Why a record's PDF was not made: faults of the program itself, not of the record (the fonts and
/// paper sizes are built in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotMade {
    /// A built-in font could not be read.
    Font,
    /// The paper size was refused.
    PaperSize,
    /// The summary's path has no file name to name the PDF after.
    NoFileName,
    /// The PDF engine refused the document.
    Engine,
}

impl std::fmt::Display for NotMade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&super::for_language(crate::model::text::DEFAULT_LANGUAGE).pdf_not_made(*self))
    }
}

impl std::error::Error for NotMade {}
