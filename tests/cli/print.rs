//! Printing a record: `show --format pdf` (never to a terminal), `print` through CUPS (a missing
//! printer refused in CUPS's words), and the PDF itself as a clinician files and signs it:
//! page 1, the running head and "Page i of N" on every page, the schedule in force first, the
//! signer under the clinician's line, the declaration on a page with answers and both
//! signature lines. The tests marked `cups` print through a real CUPS with a virtual PDF
//! printer that `.ci/cups` sets up (`SKIN_INTAKE_PRINTER`, its PDFs in `SKIN_INTAKE_PRINTED`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use assert_cmd::Command as Cmd;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::{Value, json};

use skin_intake::engine::summary::{Decision, Metadata, Mode, Override, Review, Summary};
use skin_intake::engine::versions::sign_off;
use skin_intake::load;
use skin_intake::model::questionnaire::Level;
use skin_intake::print::pdf::{self, Paper};
use skin_intake::store;
use skin_intake::words::{PaperWords, Words, en::English};

const BASELINE: &str = include_str!("../fixtures/answers/suitable.json");

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a test time")
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a test date")
}

/// Version 1 of a staff intake with the baseline answers changed.
fn finished(changes: &[(&str, Value)]) -> Summary {
    let q = load::questionnaire::built_in();
    let mut answers = load::answers::read_and_check(&q, BASELINE, day("2026-12-03"))
        .expect("the baseline is valid");
    for (id, value) in changes {
        let item = q.item(id).expect("a question");
        answers.set(id, load::answers::from_json(item, value).expect("typed"));
    }
    let meta = Metadata {
        id: "5f0c8a9e-0000-4000-8000-000000000007".into(),
        language: "en".into(),
        mode: Mode::Staff,
        completed_at: at("2026-12-03T09:30:00+01:00"),
        reference_date: day("2026-12-03"),
    };
    Summary::new(&q, &answers, meta, |s| English.shown(s))
}

/// A delay (recent sun) overridden to treat with precautions from 17 December, with a
/// clinician note, then signed off by Dr Ana Ruiz: the record a clinician signs.
pub fn signed_with_override() -> Summary {
    let mut v1 = finished(&[("recent_sun", json!(true)), ("blood_thinners", json!(true))]);
    v1.clinician_note = Some("Prefers morning appointments.".into());
    v1.set_override(Some(Override {
        suitability: Level::SuitableWithPrecautions,
        reason: "Tan has faded; treat with a test patch first".into(),
        by: "KL".into(),
        at: at("2026-12-03T10:20:00+01:00"),
        start_date: Some(day("2026-12-17")),
        schedule: None,
    }));
    sign_off(
        &v1,
        Review {
            by: "Dr Ana Ruiz".into(),
            decision: Decision::Cleared,
            cleared_from: None,
            note: Some("Test patch at the first visit.".into()),
            at: at("2026-12-03T11:00:00+01:00"),
        },
    )
}

fn saved(dir: &Path, summary: &Summary) -> PathBuf {
    store::write_version(dir, summary).expect("written")
}

fn pdf_of(summary: &Summary, paper: Paper) -> Vec<u8> {
    pdf::render(summary, Some(&load::questionnaire::built_in()), paper).expect("a PDF")
}

/// The text of each page, as `pdftotext` reads it.
fn pages(pdf: &Path) -> Vec<String> {
    // pdftotext's reading order: a column of text read down before the next.
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(out.status.success(), "pdftotext read {}", pdf.display());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Spaces and line breaks as one space, so that a wrapped sentence reads whole.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a clinician relies on, page by page.
fn assert_signable(pages: &[String]) {
    let n = pages.len();
    assert!(n >= 2, "the record runs to {n} page(s)");
    for (i, page) in pages.iter().enumerate() {
        let page = flat(page);
        for want in [
            "Maria Garcia · born 31 May 1980 · record 5f0c8a9e, version 2".to_owned(),
            format!("Page {} of {n}", i + 1),
        ] {
            assert!(
                page.contains(&want),
                "page {}: no {want:?} in:\n{page}",
                i + 1
            );
        }
    }
    let first = flat(&pages[0]);
    for want in [
        "Verdict in force SUITABLE WITH PRECAUTIONS",
        "Overridden by KL on 3 December 2026, 10:20.",
        "Computed verdict: DELAY TREATMENT",
        "Review: Cleared to treat from 17 Dec 2026, by Dr Ana Ruiz on 3 December 2026, 11:00.",
    ] {
        assert!(first.contains(want), "page 1: no {want:?} in:\n{first}");
    }
    let in_force = first
        .find("Schedule in force: the override's, from 17 December 2026")
        .expect("the schedule in force on page 1");
    let computed = first
        .find("Computed schedule (not in force)")
        .expect("the computed schedule on page 1");
    assert!(in_force < computed, "the schedule in force comes first");
    assert!(first.contains("1. Thu 17 Dec 2026"), "{first}");

    let all = flat(&pages.join("\n"));
    assert!(
        all.contains("This answer led to: PHYSICIAN REVIEW NEEDED"),
        "a Yes to blood thinners is marked in words"
    );
    let signing: Vec<&String> = pages
        .iter()
        .filter(|p| p.contains("Patient's signature"))
        .collect();
    assert_eq!(signing.len(), 1, "one page with the signatures");
    let signing = flat(signing[0]);
    for want in [
        "Declaration",
        "I confirm that my answers above are true",
        "Patient's signature",
        "Clinician's signature",
        "Name: Dr Ana Ruiz",
        "Date: 3 December 2026",
        "Name: Maria Garcia",
    ] {
        assert!(
            signing.contains(want),
            "no {want:?} on the signing page:\n{signing}"
        );
    }
    assert!(
        signing
            .contains("Do you agree to before-and-after photographs for your clinic record? Yes"),
        "the signing page holds answers too:\n{signing}"
    );
    assert!(!all.contains('\u{fffd}'), "every character prints:\n{all}");
}

#[test]
fn every_character_the_record_prints_is_in_the_embedded_font() {
    let summary = signed_with_override();
    let q = load::questionnaire::built_in();
    let mut text = skin_intake::print::text::render(&summary, Some(&q), false, 100);
    // What only the PDF says.
    for level in [
        Level::Suitable,
        Level::SuitableWithPrecautions,
        Level::PhysicianReview,
        Level::Delay,
        Level::NotSuitable,
    ] {
        text.push_str(English.verdict_in_words(level));
    }
    text.push_str(&English.running_head("Zoë Núñez-Peña", Some("1 January 1990"), "r"));
    let missing: Vec<char> = pdf::missing_glyphs(&text)
        .into_iter()
        // The terminal's symbols are the text's; the PDF words every verdict instead.
        .filter(|c| !"✔▲✖⏸⚠•→".contains(*c))
        .collect();
    assert!(missing.is_empty(), "not in DejaVu Sans: {missing:?}");
    assert!(
        pdf::missing_glyphs("ÁÉÍÓÚÜÑáéíóúüñ¿¡–—·").is_empty(),
        "Spanish prints"
    );
}

#[test]
fn the_pdf_is_one_document_with_its_fonts_embedded_on_a4_and_letter() {
    let summary = signed_with_override();
    for (paper, media) in [
        (Paper::A4, "/MediaBox[0 0 595.28 841.89]"),
        (Paper::Letter, "/MediaBox[0 0 612 792]"),
    ] {
        let pdf = pdf_of(&summary, paper);
        assert!(pdf.starts_with(b"%PDF-"), "a PDF");
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains(media), "{media}");
        assert!(text.contains("/FontFile2"), "the font is embedded");
        assert!(text.contains("DejaVuSans"), "DejaVu Sans");
        assert!(text.trim_end().ends_with("%%EOF"), "whole");
    }
    assert_eq!(
        pdf_of(&summary, Paper::A4),
        pdf_of(&summary, Paper::A4),
        "the same record makes the same bytes"
    );
}

#[test]
#[ignore = "needs pdftotext (poppler-utils): reads the PDF's text page by page"]
fn the_pdf_is_a_record_a_clinician_signs_on_a4_and_letter() {
    let dir = tempfile::tempdir().expect("tempdir");
    for paper in [Paper::A4, Paper::Letter] {
        let path = dir.path().join("record.pdf");
        std::fs::write(&path, pdf_of(&signed_with_override(), paper)).expect("written");
        // docs/printed-record-*.png are these pages, made with SKIN_INTAKE_KEEP_PDF=<file> and
        // pdftoppm (docs/README.md says how).
        if let (Paper::A4, Some(keep)) = (paper, std::env::var_os("SKIN_INTAKE_KEEP_PDF")) {
            std::fs::copy(&path, keep).expect("kept");
        }
        assert_signable(&pages(&path));
    }
}

#[test]
#[ignore = "needs pdftotext (poppler-utils): reads the PDF's text"]
fn without_a_review_or_override_the_clinicians_lines_are_blank_to_fill_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("record.pdf");
    std::fs::write(&path, pdf_of(&finished(&[]), Paper::A4)).expect("written");
    let all = flat(&pages(&path).join("\n"));
    for want in [
        "Verdict in force SUITABLE",
        "Proposed schedule",
        "Waiting for review.",
        "Clinician's signature Name: Date:",
    ] {
        assert!(all.contains(want), "no {want:?} in:\n{all}");
    }
    assert!(!all.contains("This answer led to"), "nothing to mark");
}

#[test]
fn show_pdf_writes_the_pdf_to_a_pipe() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = saved(dir.path(), &signed_with_override());
    let out = Cmd::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["show", "--format", "pdf", "--paper", "letter"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(out, pdf_of(&signed_with_override(), Paper::Letter));
}

/// Runs `skin-intake ARGS` with a terminal as its stdout (in `script`), and returns its exit
/// code and what it wrote.
fn on_a_terminal(args: &str) -> (i32, String) {
    let bin = assert_cmd::cargo::cargo_bin("skin-intake");
    let out = Command::new("script")
        .args(["-qec", &format!("{} {args}", bin.display()), "/dev/null"])
        .output()
        .expect("script runs (util-linux)");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn show_pdf_to_a_terminal_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = saved(dir.path(), &signed_with_override());
    let (code, said) = on_a_terminal(&format!("show --format pdf {}", path.display()));
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("a PDF is not for a terminal"), "{said}");
    assert!(said.contains("skin-intake print FILE"), "{said}");
    assert!(!said.contains("%PDF"), "nothing of the PDF: {said}");
}

#[test]
fn print_to_a_printer_cups_does_not_have_fails_in_cups_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = saved(dir.path(), &signed_with_override());
    let assert = Cmd::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["print", "--printer", "skin-intake-no-such-printer"])
        .arg(&path)
        .assert()
        .code(1);
    let said = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        said.starts_with("Not printed: the printer skin-intake-no-such-printer refused it: ")
            || said.starts_with("Not printed: the printing system's lp command"),
        "{said}"
    );
    // CUPS's own words follow: lp's message naming what is wrong.
    assert!(
        said.contains("lp:") || said.contains("install CUPS"),
        "{said}"
    );
    assert!(!said.contains("Maria"), "no patient data on stderr: {said}");
}

/// The printer `.ci/cups` set up, and the folder its PDFs land in.
fn cups_pdf() -> (String, PathBuf) {
    let printer = std::env::var("SKIN_INTAKE_PRINTER")
        .expect("SKIN_INTAKE_PRINTER names the virtual PDF printer (run .ci/cups)");
    let landing = std::env::var("SKIN_INTAKE_PRINTED")
        .expect("SKIN_INTAKE_PRINTED names where its PDFs land (run .ci/cups)");
    (printer, PathBuf::from(landing))
}

/// The PDF that lands in `dir` after `before` was listed there (new, or written again: cups-pdf
/// names it by the job's title), waiting up to a minute.
fn landed(dir: &Path, before: &[(PathBuf, Option<SystemTime>)]) -> PathBuf {
    let until = Instant::now() + Duration::from_mins(1);
    loop {
        let found = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| {
                p.extension().is_some_and(|e| e == "pdf")
                    && !before.contains(&(p.clone(), modified(p)))
                    && std::fs::metadata(p).is_ok_and(|m| m.len() > 0)
            });
        if let Some(found) = found {
            // cups-pdf writes it in place: wait for the last bytes.
            std::thread::sleep(Duration::from_secs(1));
            return found;
        }
        assert!(Instant::now() < until, "no PDF landed in {}", dir.display());
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn listed(dir: &Path) -> Vec<(PathBuf, Option<SystemTime>)> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .map(|p| {
            let when = modified(&p);
            (p, when)
        })
        .collect()
}

#[test]
#[ignore = "needs CUPS with cups-pdf: .ci/cups sets up the virtual PDF printer"]
fn print_sends_a_signed_record_with_an_override_through_cups() {
    let (printer, landing) = cups_pdf();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = saved(dir.path(), &signed_with_override());
    let before = listed(&landing);
    let assert = Cmd::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["print", "--printer", &printer])
        .arg(&path)
        .assert()
        .success();
    let said = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(
        said.starts_with(&format!("Sent to the printer {printer} as job {printer}-")),
        "{said}"
    );
    let pdf = landed(&landing, &before);
    assert_signable(&pages(&pdf));
}

#[test]
fn a_long_note_and_an_unbroken_name_run_onto_more_pages_without_loss() {
    let mut summary = finished(&[("notes", json!("Needles worry me a little. ".repeat(400)))]);
    summary.patient.name = Some("Ximena-".repeat(30));
    summary.clinician_note = Some("Long history.\n".repeat(200));
    let pdf = pdf_of(&summary, Paper::Letter);
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    if let Some(keep) = std::env::var_os("SKIN_INTAKE_KEEP_LONG_PDF") {
        std::fs::write(keep, &pdf).expect("kept");
    }
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type/Page/").count() + text.matches("/Type /Page\n").count();
    assert!(pages >= 4, "the note runs onto more pages: {pages}");
}
