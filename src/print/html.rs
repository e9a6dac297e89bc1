//! A record as one self-contained HTML page to print: the patient, every answer, the verdict and
//! its reasons, plan and schedule, the override, the changes, the review, and lines for the
//! patient's and the clinician's signatures. No external file (styles inline, no scripts, images
//! or fonts); every text from the record is escaped (maud escapes whatever it is given), stripped
//! of bidirectional controls and isolated in a `<bdi>`, so no name or answer can reorder the text
//! around it.

use std::io;
use std::path::{Path, PathBuf};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{Page, ScheduleView, verdict};
use crate::engine::summary::Summary;
use crate::model::questionnaire::{Level, Questionnaire};
use crate::store;

/// On screen a readable column; on paper margins that fit both A4 (210 × 297 mm) and US Letter
/// (216 × 279 mm): the page size is the printer's, the content is never wider than A4's.
const STYLE: &str = r"
:root { color-scheme: light; }
body { font-family: system-ui, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif; color: #111;
  max-width: 50rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; font-size: 11pt; }
h1 { font-size: 1.5em; margin: 0 0 .2em; }
h1 .patient { display: block; font-size: 1.25em; }
h2 { font-size: 1.1em; border-bottom: 1px solid #999; margin: 1.2em 0 .4em; padding-bottom: .1em; }
h3 { font-size: 1em; margin: .8em 0 .3em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: 0; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
.verdict { font-size: 1.3em; font-weight: bold; padding: .3em .5em; border: 2px solid; display: inline-block; }
.level-suitable { color: #0a5d1a; }
.level-suitable_with_precautions, .level-physician_review { color: #7a4d00; }
.level-delay, .level-not_suitable { color: #9b0d0d; }
.warning { font-weight: bold; color: #7a4d00; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .25em .5em; border-bottom: 1px solid #ccc; }
th { background: #f0f0f0; }
td.answer { white-space: pre-wrap; }
.reason .rule { color: #555; font-size: .9em; }
.note { white-space: pre-wrap; }
.confirm { margin-top: 2em; }
.signatures { margin-top: 1.5em; display: grid; grid-template-columns: 1fr 1fr; gap: 2em; }
.signature .line { border-bottom: 1px solid #000; height: 3em; }
.signature p { margin: .3em 0 0; }
footer { margin-top: 2em; font-size: .8em; color: #555; }
@page { margin: 15mm 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h2, h3 { break-after: avoid; }
  tr, .reason, .signatures, .verdict-block { break-inside: avoid; }
  .confirm { break-after: avoid; }
  thead { display: table-header-group; }
  th { background: none; border-bottom: 1.5px solid #000; }
}
";

/// The page of `summary`. `questionnaire` gives the title and the words of concerns and changed
/// answers when it is the one the summary was made with.
#[must_use]
pub fn render(summary: &Summary, questionnaire: Option<&Questionnaire>) -> String {
    let page = Page::of(summary, questionnaire);
    let markup = html! {
        (DOCTYPE)
        html lang=(summary.language) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (plain(&page.title)) " — " (plain(&page.name)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { (iso(&page.title)) span.patient { (iso(&page.name)) } }
                }
                section.patient {
                    h2 { "Patient" }
                    dl.facts {
                        dt { "Name" } dd { (iso(&page.name)) }
                        @for (label, value) in &page.facts {
                            dt { (label) } dd { (iso(value)) }
                        }
                    }
                }
                section.verdict-block {
                    h2 { "Verdict" }
                    p class={ "verdict level-" (page.verdict.code()) } { (verdict(page.verdict)) }
                    @if let Some(o) = &page.verdict_override {
                        p {
                            strong { "Override" } " by " (iso(&o.by)) " on " (iso(&o.at)) ": "
                            span class={ "level-" (o.level.code()) } { (verdict(o.level)) }
                            " — computed verdict "
                            span class={ "level-" (o.computed.code()) } { (verdict(o.computed)) }
                            ", kept in the record."
                        }
                        p.note { "Reason: " (iso(&o.reason)) }
                        @if let Some(start) = &o.start {
                            p { "Sessions from " (iso(start)) " (the override's schedule below)." }
                        }
                    }
                }
                section.reasons {
                    h2 { "Reasons" }
                    @if page.reasons.is_empty() {
                        p { "No screening rule applies." }
                    } @else {
                        ul {
                            @for r in &page.reasons {
                                li.reason {
                                    span class={ "level-" (r.level.code()) } { (verdict(r.level)) }
                                    " " span.rule { "[" (plain(&r.rule)) "]" }
                                    br;
                                    (iso(&r.message))
                                    @if let Some(date) = &r.reassess {
                                        br; "→ assess again on or after " (iso(date))
                                    }
                                }
                            }
                        }
                    }
                    @if let Some(date) = &page.reassess_all {
                        p { "Assess again on or after " (iso(date)) " (when every delay is over)." }
                    }
                }
                section.plan {
                    h2 { "Plan" }
                    dl.facts {
                        @for (label, value) in &page.plan {
                            dt { (label) } dd { (iso(value)) }
                        }
                    }
                }
                section.schedules {
                    h2 { "Schedule" }
                    @for schedule in &page.schedules {
                        (schedule_table(schedule))
                    }
                }
                @if !page.notes.is_empty() {
                    section.notes {
                        h2 { "Notes" }
                        ul { @for note in &page.notes { li { (iso(note)) } } }
                    }
                }
                @if let Some(note) = &page.clinician_note {
                    section.clinician-note {
                        h2 { "Clinician note" }
                        p.note { (iso(note)) }
                    }
                }
                section.answers {
                    h2 { "Answers" }
                    table {
                        thead { tr { th { "Question" } th { "Answer" } } }
                        tbody {
                            @for (question, answer) in &page.answers {
                                tr { td { (iso(question)) } td.answer { (iso(answer)) } }
                            }
                        }
                    }
                }
                section.changes {
                    h2 { "Changes" }
                    @if page.changes.is_empty() {
                        p { "No answer has been changed since the intake was finished." }
                    } @else {
                        table {
                            thead { tr { th { "When" } th { "By" } th { "Question" } th { "Before" } th { "After" } } }
                            tbody {
                                @for c in &page.changes {
                                    tr {
                                        td { (iso(&c.at)) } td { (iso(&c.by)) } td { (iso(&c.question)) }
                                        td.answer { (iso(&c.before)) } td.answer { (iso(&c.after)) }
                                    }
                                }
                            }
                        }
                    }
                }
                section.review {
                    h2 { "Review" }
                    @match &page.review {
                        Some(r) => {
                            p { strong { (r.decision) } " by " (iso(&r.by)) " on " (iso(&r.at)) }
                            @if let Some(note) = &r.note { p.note { (iso(note)) } }
                        }
                        None => p { "Not reviewed yet." }
                    }
                }
                p.confirm {
                    "I confirm that my answers above are true and complete to the best of my "
                    "knowledge, and that the verdict and plan have been explained to me."
                }
                section.signatures {
                    div.signature {
                        div.line {}
                        p { "Patient's signature" }
                        p { "Name: " (iso(&page.name)) }
                        p { "Date:" }
                    }
                    div.signature {
                        div.line {}
                        p { "Clinician's signature" }
                        p { "Name:" }
                        p { "Date:" }
                    }
                }
                footer {
                    "skin-intake summary " (iso(&summary.id)) ", format " (summary.format_version)
                }
            }
        }
    };
    markup.into_string()
}

/// Text from the record, isolated: its direction is its own and ends with it.
fn iso(text: &str) -> Markup {
    html! { bdi { (plain(text)) } }
}

/// Text without the characters that embed, override or isolate a direction, or mark one: a name
/// with U+202E in it would otherwise show the rest of its line reversed.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
            )
        })
        .collect()
}

fn schedule_table(schedule: &ScheduleView) -> Markup {
    html! {
        h3 { (iso(&schedule.title)) }
        @if let Some(warning) = schedule.provisional {
            p class={ "warning level-" (Level::PhysicianReview.code()) } { (warning) }
        }
        @if let Some(why) = schedule.empty {
            p { (why) }
        }
        @if !schedule.sessions.is_empty() {
            table {
                thead { tr { th { "Session" } th { "When" } th { "" } } }
                tbody {
                    @for s in &schedule.sessions {
                        tr {
                            td { (s.number) }
                            td { (iso(&s.when)) }
                            td { @if s.optional { "if needed" } }
                        }
                    }
                }
            }
        }
    }
}

/// Writes the page of the summary at `summary_path` beside it (`<name>.html`), private and
/// whole, replacing an earlier print of the same version.
///
/// # Errors
/// The I/O error; nothing partial is left.
pub fn write_page(
    summary_path: &Path,
    summary: &Summary,
    questionnaire: Option<&Questionnaire>,
) -> io::Result<PathBuf> {
    let (Some(dir), Some(stem)) = (summary_path.parent(), summary_path.file_stem()) else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the summary's path has no file name",
        ));
    };
    let mut name = stem.to_owned();
    name.push(".html");
    store::write_atomic(
        dir,
        &name.to_string_lossy(),
        render(summary, questionnaire).as_bytes(),
        true,
    )
}
