//! English: the record on paper, and printing it.

use std::fmt::{Display, Write};
use std::path::Path;

use super::English;
use crate::words::paper::{Heading, PaperWords};

impl PaperWords for English {
    fn pdf_not_made(&self, why: crate::words::paper::NotMade) -> String {
        use crate::words::paper::NotMade;
        match why {
            NotMade::Font => "a font built into skin-intake cannot be read".into(),
            NotMade::PaperSize => "the paper size was refused".into(),
            NotMade::NoFileName => "the summary's path has no file name".into(),
            NotMade::Engine => "the PDF engine refused the page".into(),
        }
    }

    fn running_head(&self, name: &str, born: Option<&str>, record: &str) -> String {
        match born {
            Some(born) => format!("{name} · born {born} · {record}"),
            None => format!("{name} · date of birth not given · {record}"),
        }
    }

    fn record_short(&self, short_id: &str, version: u32) -> String {
        format!("record {short_id}, version {version}")
    }

    fn page_of(&self, page: usize, pages: usize) -> String {
        format!("Page {page} of {pages}")
    }

    fn heading(&self, heading: Heading) -> &'static str {
        match heading {
            Heading::Patient => "Patient",
            Heading::Verdict => "Verdict",
            Heading::Reasons => "Reasons",
            Heading::Schedule => "Schedule",
            Heading::Plan => "Plan",
            Heading::Review => "Review",
            Heading::Notes => "Notes",
            Heading::ClinicianNote => "Clinician note",
            Heading::Changes => "Changes since the intake",
            Heading::Answers => "Answers",
            Heading::Declaration => "Declaration",
        }
    }

    fn verdict_in_force(&self) -> &'static str {
        "Verdict in force"
    }

    fn overridden(&self, by: &str, at: &str) -> String {
        format!("Overridden by {by} on {at}.")
    }

    fn computed_verdict(&self, level: &str) -> String {
        format!("Computed verdict: {level} (kept in the record, not in force).")
    }

    fn override_reason(&self, reason: &str) -> String {
        format!("Reason for the override: {reason}")
    }

    fn reviewed(&self, decision: &str, by: &str, at: &str) -> String {
        format!("Review: {decision}, by {by} on {at}.")
    }

    fn not_reviewed(&self) -> &'static str {
        "Waiting for review."
    }

    fn review_note(&self, note: &str) -> String {
        format!("Note: {note}")
    }

    fn no_rule_applies(&self) -> &'static str {
        "No screening rule applies."
    }

    fn rule(&self, rule: &str) -> String {
        format!("rule {rule}")
    }

    fn assess_again(&self, date: &str) -> String {
        format!("Assess again on or after {date}.")
    }

    fn assess_again_all(&self, date: &str) -> String {
        format!("Assess again on or after {date}, when every delay is over.")
    }

    fn schedule_in_force(&self, start: &str) -> String {
        format!("Schedule in force: the override's, from {start}")
    }

    fn schedule_computed(&self) -> &'static str {
        "Computed schedule (not in force)"
    }

    fn schedule_proposed(&self) -> &'static str {
        "Proposed schedule"
    }

    fn if_needed(&self) -> &'static str {
        "if needed"
    }

    fn led_to(&self, level: &str) -> String {
        format!("This answer led to: {level}")
    }

    fn other_answers(&self) -> &'static str {
        "Other answers"
    }

    fn no_changes(&self) -> &'static str {
        "No answer has been changed since the intake was finished."
    }

    fn change(&self, at: &str, by: &str, question: &str) -> String {
        format!("{at}, by {by}: {question}")
    }

    fn before_after(&self, before: &str, after: &str) -> String {
        format!("Was: {before}. Now: {after}.")
    }

    fn declaration(&self) -> &'static str {
        "I confirm that my answers above are true and complete to the best of my knowledge, and \
         that the verdict and plan have been explained to me."
    }

    fn patient_signature(&self) -> &'static str {
        "Patient's signature"
    }

    fn clinician_signature(&self) -> &'static str {
        "Clinician's signature"
    }

    fn name_line(&self, name: Option<&str>) -> String {
        format!("Name: {}", name.unwrap_or(""))
    }

    fn date_line(&self, date: Option<&str>) -> String {
        format!("Date: {}", date.unwrap_or(""))
    }

    fn pdf_to_terminal(&self) -> String {
        "a PDF is not for a terminal: send it to a file (skin-intake show --format pdf FILE > \
         record.pdf) or to the printer (skin-intake print FILE)"
            .into()
    }

    fn printed(&self, printer: Option<&str>, job: &str, kept: bool) -> String {
        let to = printer.map_or_else(
            || "the default printer".to_owned(),
            |p| format!("the printer {p}"),
        );
        let job = job.trim();
        let mut said = format!("Sent to {to}");
        if !job.is_empty() {
            let _ = write!(said, " as job {job}");
        }
        said.push('.');
        if kept {
            said.push_str(" The PDF is kept beside the record.");
        }
        said
    }

    fn not_printed(&self, printer: Option<&str>, cups: &str, kept: Option<&Path>) -> String {
        let to = printer.map_or_else(
            || "the default printer".to_owned(),
            |p| format!("the printer {p}"),
        );
        let mut said = format!("Not printed: {to} refused it: {}", cups.trim());
        if let Some(kept) = kept {
            let _ = write!(said, " The PDF is kept as {}.", kept.display());
        }
        said
    }

    fn no_lp(&self, error: &dyn Display, kept: Option<&Path>) -> String {
        let mut said = format!(
            "Not printed: the printing system's lp command could not be run ({error}); install \
             CUPS (the cups-client package)."
        );
        if let Some(kept) = kept {
            let _ = write!(said, " The PDF is kept as {}.", kept.display());
        }
        said
    }

    fn pdf_not_kept(&self, dir: &Path, error: &dyn Display) -> String {
        format!(
            "Not printed: the PDF could not be written in {}: {error}",
            dir.display()
        )
    }
}
