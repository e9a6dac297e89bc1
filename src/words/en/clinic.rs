//! English: the clinic layer's outcomes, for staff.

use std::fmt::Display;
use std::path::Path;

use chrono::NaiveDate;

use super::English;
use crate::words::clinic::ClinicWords;

impl ClinicWords for English {
    fn unfinished_unreadable(&self, dir: &Path, error: &dyn Display) -> String {
        format!(
            "Could not read the unfinished intakes in {}: {error}",
            dir.display()
        )
    }

    fn records_unreadable(&self, dir: &Path, error: &dyn Display) -> String {
        format!(
            "Could not read the finished intakes in {}: {error}",
            dir.display()
        )
    }

    fn summaries_unreadable(&self, count: usize, example: &Path) -> String {
        format!(
            "{} could not be read, for example {}: `skin-intake show FILE` says why.",
            crate::words::count(count, " ", "summary file", "summary files"),
            example.display()
        )
    }

    fn not_opened(&self, why: &dyn Display) -> String {
        format!("Could not open this intake: {why}.")
    }

    fn resumed(
        &self,
        made_with: Option<&str>,
        dropped: &[String],
        asked_again: &[String],
    ) -> Option<String> {
        let dropped = (!dropped.is_empty()).then(|| {
            format!(
                "Some saved answers no longer fit this questionnaire and were left out: {}.",
                dropped.join(", ")
            )
        });
        let asked_again = (!asked_again.is_empty()).then(|| {
            format!(
                "These questions have changed since, so their saved answers were left out and \
                 are asked again: {}.",
                asked_again.join(", ")
            )
        });
        let origin = made_with.map(|m| format!("This intake was started with {m}."));
        let said: Vec<String> = [dropped, asked_again].into_iter().flatten().collect();
        match (origin, said.is_empty()) {
            (Some(origin), false) => Some(format!("{origin} {}", said.join(" "))),
            (Some(origin), true) => Some(format!("{origin} Every saved answer still fits.")),
            (None, _) => (!said.is_empty()).then(|| said.join(" ")),
        }
    }

    fn draft_not_saved(&self, cause: &dyn Display) -> String {
        format!("Could not save the unfinished intake in {cause}. The answers are kept on screen.")
    }

    fn draft_left_over(&self, error: &dyn Display) -> String {
        format!("The summary is saved, but its unfinished copy could not be removed: {error}")
    }

    fn not_queued(&self, error: &dyn Display) -> String {
        format!(
            "The summary is saved, but could not be queued for the FHIR server ({error}); \
             `skin-intake push` will queue and send it."
        )
    }

    fn no_readable_version(&self) -> String {
        "This record has no readable version.".into()
    }

    fn amending_dropped(&self, dropped: &[String]) -> Option<String> {
        (!dropped.is_empty()).then(|| {
            format!(
                "Some answers of this record no longer fit this questionnaire, or their questions \
                 have changed, and are left out to be asked again: {}.",
                dropped.join(", ")
            )
        })
    }

    fn version_saved(&self, version: u32, name: Option<&str>) -> String {
        match name {
            Some(name) => format!("Saved as version {version} of {name}'s record."),
            None => format!("Saved as version {version} of the record."),
        }
    }

    fn version_unchanged(&self) -> String {
        "No answer was changed; the record stays as it was.".into()
    }

    fn version_taken(&self, _version: u32) -> String {
        "Someone else saved this record a moment ago — reopen it to see their version. It is \
         open again here as they left it; make your change again if it is still needed."
            .into()
    }

    fn version_not_saved(&self, version: u32, dir: &Path, error: &dyn Display) -> String {
        format!(
            "Could not save version {version} of the record in {}: {error}. Nothing was changed.",
            dir.display()
        )
    }

    fn seen_before(&self, name: &str, finished: NaiveDate, verdict: &str) -> String {
        format!(
            "Seen before: {name} finished an intake on {} — {verdict}",
            finished.format("%-d %B %Y")
        )
    }

    fn deleted(&self) -> String {
        "Deleted.".into()
    }

    fn not_deleted(&self, path: &Path, error: &dyn Display) -> String {
        format!("Could not delete {}: {error}", path.display())
    }
}
