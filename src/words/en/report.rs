//! English: the clinic report.

use std::path::Path;

use chrono::NaiveDate;

use super::English;
use crate::model::questionnaire::Range;
use crate::words::count;
use crate::words::report::{ReportHeading, ReportWords};

impl ReportWords for English {
    fn report_heading(&self, heading: ReportHeading) -> &'static str {
        match heading {
            ReportHeading::Weeks => "Intakes per week",
            ReportHeading::Verdicts => "Verdicts",
            ReportHeading::Concerns => "Concerns",
            ReportHeading::Reasons => "Most frequent reasons",
            ReportHeading::Review => "Review",
            ReportHeading::Delivery => "Delivery to the FHIR server",
            ReportHeading::Sessions => "Sessions expected",
            ReportHeading::ComingMonths => "Sessions in the coming months",
            ReportHeading::Rescore => "Under the other questionnaire",
        }
    }

    fn report_title(
        &self,
        intakes: usize,
        first: Option<NaiveDate>,
        last: Option<NaiveDate>,
    ) -> String {
        let counted = count(intakes, " ", "intake", "intakes");
        match (first, last) {
            (Some(f), Some(l)) => format!(
                "Clinic report: {counted}, finished {} to {} (each at its latest version)",
                f.format("%Y-%m-%d"),
                l.format("%Y-%m-%d")
            ),
            _ => format!("Clinic report: {counted}"),
        }
    }

    fn report_left_out(&self, unreadable: usize, foreign: usize) -> Option<String> {
        (unreadable + foreign > 0).then(|| {
            format!(
                "Left out: {} that could not be read, {}; named on stderr.",
                count(unreadable, " ", "summary file", "summary files"),
                count(foreign, " ", "other JSON file", "other JSON files")
            )
        })
    }

    fn delivery_not_queued(&self) -> &'static str {
        "not in the outbox"
    }

    fn week(&self, monday: NaiveDate) -> String {
        format!("week of {}", monday.format("%Y-%m-%d"))
    }

    fn sessions_expected(&self, intakes: usize, min: u64, max: u64) -> String {
        format!(
            "{min}–{max} sessions over {} with a plan",
            count(intakes, " ", "intake", "intakes")
        )
    }

    fn unreadable_summary(&self, path: &Path) -> String {
        format!(
            "{}: left out, not readable as a summary (`skin-intake show FILE` says why)",
            path.display()
        )
    }

    fn foreign_file(&self, path: &Path) -> String {
        format!(
            "{}: left out, not a skin-intake summary by its name",
            path.display()
        )
    }

    fn more_left_out(&self, more: usize) -> String {
        format!(
            "… and {} left out",
            count(more, " ", "more file", "more files")
        )
    }

    fn report_folder(&self, dir: &Path, error: &dyn std::fmt::Display) -> String {
        format!(
            "Cannot read the records in {}: {error}. Give the folder intakes are saved in (--out).",
            dir.display()
        )
    }

    fn report_window(&self, since: NaiveDate, until: NaiveDate) -> String {
        format!(
            "--since {} is after --until {}: give a start on or before the end.",
            since.format("%Y-%m-%d"),
            until.format("%Y-%m-%d")
        )
    }

    fn rescore_summary(
        &self,
        questionnaire: &str,
        intakes: usize,
        verdicts: usize,
        sessions: usize,
        answers_left_out: usize,
    ) -> String {
        let left_out = if answers_left_out > 0 {
            format!(
                " ({answers_left_out} with answers that no longer fit it, assessed without them)"
            )
        } else {
            String::new()
        };
        format!(
            "Assessed again under {questionnaire}: {}{left_out}; {} and {} would change.",
            count(intakes, " ", "intake", "intakes"),
            count(verdicts, " ", "verdict", "verdicts"),
            count(sessions, " ", "session range", "session ranges")
        )
    }

    fn sessions_range(&self, range: Option<Range>) -> String {
        match range {
            Some(r) if r.min == r.max => count(r.min, " ", "session", "sessions"),
            Some(r) => format!("{}–{} sessions", r.min, r.max),
            None => "no sessions".to_owned(),
        }
    }
}
