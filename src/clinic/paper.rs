//! Printing a record in one step: its PDF made here, kept beside its summary when printed from
//! the list, and handed to the clinic's printer through CUPS (`lp`). What came of it is data
//! ([`Printed`]); the front door words it.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::desk::Desk;
use crate::engine::summary::Summary;
use crate::model::questionnaire::Questionnaire;
use crate::print::pdf;
pub use crate::print::pdf::Paper;
use crate::store::Version;

/// Where and on what records are printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Printing {
    /// The CUPS queue; its default destination when `None`.
    pub printer: Option<String>,
    pub paper: Paper,
}

/// What became of printing a record.
#[derive(Debug)]
pub enum Printed {
    /// CUPS took the job; `job` is its request id (or what `lp` said, when it says it otherwise).
    Sent {
        printer: Option<String>,
        job: String,
        kept: Option<PathBuf>,
    },
    /// CUPS refused it; `cups` is its own message (no such printer, no default printer, …).
    Refused {
        printer: Option<String>,
        cups: String,
        kept: Option<PathBuf>,
    },
    /// `lp` could not be run (CUPS's client is not installed).
    NoLp {
        error: io::Error,
        kept: Option<PathBuf>,
    },
    /// The PDF could not be made or kept beside the summary; nothing was printed.
    NotKept { dir: PathBuf, error: io::Error },
}

/// Prints `summary` as it is, keeping nothing on disk (`skin-intake print`).
#[must_use]
pub fn print(
    summary: &Summary,
    questionnaire: Option<&Questionnaire>,
    printing: &Printing,
) -> Printed {
    match pdf::render(summary, questionnaire, printing.paper) {
        Ok(bytes) => send(&bytes, &job_title(summary), printing, None),
        Err(e) => Printed::NotKept {
            dir: PathBuf::new(),
            error: io::Error::other(e),
        },
    }
}

impl Desk {
    /// Prints a version of a record (`p` in the list): its PDF is kept beside its summary,
    /// private, then sent to the printer.
    #[must_use]
    pub fn print(&self, version: &Version, printing: &Printing) -> Printed {
        let questionnaire = Some(&*self.questionnaire);
        match pdf::write_beside(
            &version.path,
            &version.summary,
            questionnaire,
            printing.paper,
        )
        .and_then(|path| Ok((std::fs::read(&path)?, path)))
        {
            Ok((bytes, path)) => send(&bytes, &job_title(&version.summary), printing, Some(path)),
            Err(error) => Printed::NotKept {
                dir: version.path.parent().map(PathBuf::from).unwrap_or_default(),
                error,
            },
        }
    }
}

/// The request id in what `lp` says of a job it took ("request id is clinic-15 (1 file(s))"); all
/// it said when it says it in another way (another language).
fn job_id(said: &str) -> String {
    said.strip_prefix("request id is ")
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or(said)
        .to_owned()
}

/// The job's title in the printer's queue, which other users may list: the record, never the
/// patient.
fn job_title(summary: &Summary) -> String {
    let short: String = summary.intake_id.chars().take(8).collect();
    format!("skin-intake record {short} v{}", summary.version)
}

/// Hands `pdf` to `lp` on its standard input.
fn send(pdf: &[u8], title: &str, printing: &Printing, kept: Option<PathBuf>) -> Printed {
    let mut lp = Command::new("lp");
    if let Some(printer) = &printing.printer {
        lp.arg("-d").arg(printer);
    }
    lp.args(["-o", &format!("media={}", printing.paper.media())])
        .args(["-t", title, "--", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let printer = printing.printer.clone();
    let mut child = match lp.spawn() {
        Ok(child) => child,
        Err(error) => return Printed::NoLp { error, kept },
    };
    // lp may refuse before reading all of it (no such printer): a broken pipe is not the cause.
    let written = child.stdin.take().map(|mut stdin| stdin.write_all(pdf));
    let output = match child.wait_with_output() {
        Ok(output) => output,
        Err(error) => return Printed::NoLp { error, kept },
    };
    let said = |bytes: &[u8]| String::from_utf8_lossy(bytes).trim().to_owned();
    if output.status.success() && !matches!(written, Some(Err(_))) {
        Printed::Sent {
            printer,
            job: job_id(&said(&output.stdout)),
            kept,
        }
    } else {
        let mut cups = said(&output.stderr);
        if cups.is_empty() {
            cups = match written {
                Some(Err(e)) => e.to_string(),
                _ => output.status.to_string(),
            };
        }
        Printed::Refused {
            printer,
            cups,
            kept,
        }
    }
}
