//! The words of the clinic report (`skin-intake report`): its headings, its lines and what it says
//! about the files it left out and another questionnaire's effect. The figures are data
//! (`clinic::report`); each language words them here.

use std::path::Path;

use chrono::NaiveDate;

use crate::model::questionnaire::Range;

/// A heading of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportHeading {
    Weeks,
    Verdicts,
    Concerns,
    Reasons,
    Review,
    Delivery,
    Sessions,
    ComingMonths,
    Rescore,
}

/// What one language says in the clinic report.
pub trait ReportWords {
    fn report_heading(&self, heading: ReportHeading) -> &'static str;
    /// The first line: how many intakes, each once at its latest version, between which days.
    fn report_title(
        &self,
        intakes: usize,
        first: Option<NaiveDate>,
        last: Option<NaiveDate>,
    ) -> String;
    /// Files left out of the report (named on stderr).
    fn report_left_out(&self, unreadable: usize, foreign: usize) -> Option<String>;
    /// A latest version the outbox does not hold.
    fn delivery_not_queued(&self) -> &'static str;
    /// A week, by its Monday.
    fn week(&self, monday: NaiveDate) -> String;
    /// The expected sessions over every intake with a plan.
    fn sessions_expected(&self, intakes: usize, min: u64, max: u64) -> String;
    /// On stderr: a file named as a summary that could not be read as one.
    fn unreadable_summary(&self, path: &Path) -> String;
    /// On stderr: a JSON file that is not named as a summary.
    fn foreign_file(&self, path: &Path) -> String;
    /// On stderr: more files left out than are named.
    fn more_left_out(&self, count: usize) -> String;
    /// The folder given cannot be read.
    fn report_folder(&self, dir: &Path, error: &dyn std::fmt::Display) -> String;
    /// `--since` is after `--until`.
    fn report_window(&self, since: NaiveDate, until: NaiveDate) -> String;
    /// Another questionnaire's effect: how many intakes, verdicts and session ranges would change.
    fn rescore_summary(
        &self,
        questionnaire: &str,
        intakes: usize,
        verdicts: usize,
        sessions: usize,
        answers_left_out: usize,
    ) -> String;
    /// A session range, or none.
    fn sessions_range(&self, range: Option<Range>) -> String;
}
