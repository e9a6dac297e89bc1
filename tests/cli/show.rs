//! `skin-intake show`: a record as text for the terminal and as a page to print, for every
//! version of a record and for summaries of format 1; bad files refused by name.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::Command as Cmd;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::{Value, json};

use skin_intake::engine::summary::{Decision, Metadata, Mode, Override, Review, Summary};
use skin_intake::engine::versions::{Amendment, amend, sign_off};
use skin_intake::load::{self, summary::answers_of};
use skin_intake::model::questionnaire::{Level, Questionnaire};
use skin_intake::store;
use skin_intake::words::{Words, en::English};

const BASELINE: &str = include_str!("../fixtures/answers/suitable.json");

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a test time")
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a test date")
}

fn questionnaire() -> Questionnaire {
    load::questionnaire::built_in()
}

/// Version 1 of a kiosk intake with the baseline answers changed.
fn finished(changes: &[(&str, Value)]) -> Summary {
    let q = questionnaire();
    let mut answers = load::answers::read_and_check(&q, BASELINE, day("2026-11-24"))
        .expect("the baseline is valid");
    for (id, value) in changes {
        let item = q.item(id).expect("a question");
        answers.set(id, load::answers::from_json(item, value).expect("typed"));
    }
    let meta = Metadata {
        id: "7a1b2c3d-0000-4000-8000-000000000001".into(),
        language: "en".into(),
        mode: Mode::Kiosk,
        completed_at: at("2026-11-24T09:30:00+01:00"),
        reference_date: day("2026-11-24"),
    };
    Summary::new(&q, &answers, meta, |s| English.shown(s))
}

/// Version 3: active acne changed to yes by KL, then signed off by DR.
fn reviewed(v1: &Summary) -> Summary {
    let q = questionnaire();
    let (mut answers, _) = answers_of(&q, v1);
    answers.set(
        "active_acne",
        skin_intake::model::answer::Answer::Bool(true),
    );
    let how = Amendment {
        by: "KL".into(),
        at: at("2026-11-24T10:15:00+01:00"),
        reference_date: day("2026-11-24"),
    };
    let v2 = amend(v1, &q, &answers, &how, |s| English.shown(s));
    sign_off(
        &v2,
        Review {
            by: "DR".into(),
            decision: Decision::NeedsPhysician,
            cleared_from: None,
            note: Some("Refer to Dr Patel before booking.".into()),
            at: at("2026-11-24T11:00:00+01:00"),
        },
    )
}

fn saved(dir: &Path, summary: &Summary) -> PathBuf {
    store::write_version(dir, summary).expect("written")
}

fn show(args: &[&str], path: &Path) -> assert_cmd::assert::Assert {
    Cmd::cargo_bin("skin-intake")
        .expect("the binary")
        .arg("show")
        .args(args)
        .arg(path)
        .env_remove("NO_COLOR")
        .assert()
}

fn shown(args: &[&str], path: &Path) -> String {
    let out = show(args, path).success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8")
}

fn has_all(text: &str, words: &[&str]) {
    for word in words {
        assert!(text.contains(word), "{word:?} is missing from:\n{text}");
    }
}

#[test]
fn text_shows_the_result_screens_content_without_colour_when_piped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = saved(dir.path(), &finished(&[("blood_thinners", json!(true))]));
    let text = shown(&[], &path);
    assert!(
        !text.contains('\u{1b}'),
        "no escape codes in a pipe:\n{text}"
    );
    has_all(
        &text,
        &[
            "Maria Garcia",
            "Date of birth: 31 May 1980",
            "Age: 46 years",
            "by the patient at the kiosk",
            "? PHYSICIAN REVIEW NEEDED",
            "Reasons",
            "[blood_thinners]",
            "Plan",
            "Sessions:     4–5  (Fine lines 3–4, Acne scars 4–5)",
            "Proposed schedule",
            "⚠ Provisional",
            "  1. Tue 24 Nov 2026",
            "Notes",
            "Review\nWaiting for review.",
        ],
    );
    assert_eq!(
        shown(&["--format", "text"], &path),
        text,
        "text is the default"
    );
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "wrapped to 80 columns: {line:?}"
        );
    }
}

#[test]
fn text_shows_the_override_the_changes_and_the_review() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut v1 = finished(&[]);
    v1.clinician_note = Some("Prefers morning appointments.".into());
    v1.set_override(Some(Override {
        suitability: Level::SuitableWithPrecautions,
        reason: "Spots are healing; treat around them".into(),
        by: "KL".into(),
        at: at("2026-11-24T10:20:00+01:00"),
        start_date: Some(day("2026-12-08")),
        schedule: None,
    }));
    let v3 = reviewed(&v1);
    let path = saved(dir.path(), &v3);
    let text = shown(&[], &path);
    has_all(
        &text,
        &[
            "▲ SUITABLE WITH PRECAUTIONS",
            "\n▲ SUITABLE WITH PRECAUTIONS\nOverride by KL on 24 November 2026, 10:20;",
            "  Reason: Spots are healing; treat around them",
            "Schedule in force — the override's, from 8 December 2026:",
            "  1. Tue 8 Dec 2026",
            "Computed schedule (kept in the record, NOT in force",
            "No sessions can be scheduled until the delay is over.",
            "Clinician note: Prefers morning appointments.",
            "Changes\n• 24 November 2026, 10:15, KL: Do you have inflamed spots",
            "No → Yes",
            "Needs a physician by DR on 24 November 2026, 11:00",
            "Refer to Dr Patel before booking.",
        ],
    );
    has_all(
        &flat(&text),
        &[
            "the computed verdict, ⏸ DELAY TREATMENT, stays in the record.",
            "version 3 (replaces 7a1b2c3d-0000-4000-8000-000000000001-v2)",
        ],
    );
}

#[test]
fn the_overrides_schedule_in_force_comes_before_the_computed_one_in_text_and_html() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut v1 = finished(&[]);
    v1.set_override(Some(Override {
        suitability: Level::SuitableWithPrecautions,
        reason: "Spots are healing; treat around them".into(),
        by: "KL".into(),
        at: at("2026-11-24T10:20:00+01:00"),
        start_date: Some(day("2026-12-08")),
        schedule: None,
    }));
    let path = saved(dir.path(), &reviewed(&v1));
    let in_force = "Schedule in force — the override's, from 8 December 2026:";
    let computed = "Computed schedule (kept in the record, NOT in force";
    for format in ["text", "html"] {
        let page = shown(&["--format", format], &path);
        let page = if format == "html" {
            page.replace("&#39;", "'").replace("&#x27;", "'")
        } else {
            page
        };
        let first = page.find(in_force);
        let second = page.find(computed);
        match (first, second) {
            (Some(first), Some(second)) => assert!(
                first < second,
                "{format}: the schedule in force must come first:\n{page}"
            ),
            _ => panic!("{format}: both schedules must show:\n{page}"),
        }
    }
}

/// Every question and answer of the summary, as the page must show them.
fn answers(summary: &Summary) -> Vec<(String, String)> {
    summary
        .answers
        .iter()
        .map(|a| (a.question.clone(), a.display.clone()))
        .collect()
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn html_is_one_page_with_every_answer_the_record_and_signature_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let v3 = reviewed(&finished(&[]));
    let path = saved(dir.path(), &v3);
    let page = shown(&["--format", "html"], &path);
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..40]);
    for (question, answer) in answers(&v3) {
        has_all(&page, &[&escaped(&question), &escaped(&answer)]);
    }
    has_all(
        &page,
        &[
            "<title>Microneedling consultation — Maria Garcia</title>",
            "⏸ DELAY TREATMENT",
            "[active_acne]",
            "Plan",
            "Changes",
            "Needs a physician",
            "Refer to Dr Patel before booking.",
            "Patient's signature",
            "Clinician's signature",
            "@media print",
            "@page",
        ],
    );
    // Self-contained: nothing is fetched from anywhere.
    for external in [
        "<link", "<script", "<img", "src=", "href=", "url(", "@import", "http:", "https:",
    ] {
        assert!(!page.contains(external), "{external} in the page");
    }
}

#[test]
fn html_escapes_everything_the_record_holds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let hostile = r#"<script>alert("x")</script> & <b>Bold</b>"#;
    let mut summary = finished(&[("full_name", json!(hostile))]);
    summary.clinician_note = Some("</p><img src=x onerror=alert(1)>".into());
    let path = saved(dir.path(), &summary);
    let page = shown(&["--format", "html"], &path);
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<b>"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    has_all(
        &page,
        &[
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Bold&lt;/b&gt;",
            "&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;",
        ],
    );
}

/// A summary as the first release wrote it (format 1): no record fields.
fn format_1(dir: &Path) -> PathBuf {
    let mut json: Value = serde_json::from_str(&finished(&[]).to_json()).expect("JSON");
    let object = json.as_object_mut().expect("object");
    for field in ["intake_id", "version", "supersedes", "changes", "review"] {
        object.remove(field);
    }
    object["assessment"]
        .as_object_mut()
        .expect("assessment")
        .remove("schedule_provisional");
    object.insert("format_version".into(), json!(1));
    let path = dir.join("2025-03-02_old.json");
    std::fs::write(&path, serde_json::to_string_pretty(&json).expect("JSON")).expect("write");
    path
}

#[test]
fn a_format_1_summary_is_shown_in_both_formats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = format_1(dir.path());
    let text = shown(&[], &path);
    has_all(
        &text,
        &[
            "Maria Garcia",
            "✔ SUITABLE",
            "version 1",
            "Waiting for review.",
        ],
    );
    let page = shown(&["--format", "html"], &path);
    has_all(&page, &["Maria Garcia", "✔ SUITABLE", "format 1"]);
}

const QUESTIONS_2_0_0: &str = "tests/fixtures/questionnaires/questions_2.0.0.json";

/// A record made with questionnaire 2.0.0: one question then asked for a cold sore, an infection,
/// an open wound or irritated skin, one for skin cancer or a changing mole, and filler waited 14
/// days.
fn made_with_2_0_0(dir: &Path) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(QUESTIONS_2_0_0);
    let text = std::fs::read_to_string(&path).expect("the 2.0.0 questionnaire");
    let q = load::questionnaire::load(QUESTIONS_2_0_0, &text).expect("2.0.0 loads");
    assert_eq!(q.version, "2.0.0");
    let mut file: Value = serde_json::from_str(BASELINE).expect("JSON");
    let answers = file["answers"].as_object_mut().expect("answers");
    for new in ["active_cold_sore", "skin_cancer_area", "tattoo_in_area"] {
        answers.remove(new);
    }
    answers.insert("active_infection".into(), json!(true));
    answers.insert("suspicious_lesion".into(), json!(true));
    answers.insert("recent_procedures".into(), json!(["filler"]));
    answers.insert("filler_date".into(), json!("2026-11-15"));
    let answers = load::answers::read_and_check(&q, &file.to_string(), day("2026-11-24"))
        .expect("valid 2.0.0 answers");
    let meta = Metadata {
        id: "7a1b2c3d-0000-4000-8000-000000000200".into(),
        language: "en".into(),
        mode: Mode::Kiosk,
        completed_at: at("2026-11-24T09:30:00+01:00"),
        reference_date: day("2026-11-24"),
    };
    saved(dir, &Summary::new(&q, &answers, meta, |s| English.shown(s)))
}

/// A record of 2.0.0 shows and exports with 2.1.0 as it did with 2.0.0: its questions as they
/// were asked, its verdict and reasons as they were given, its answers under the same ids.
#[test]
fn a_summary_of_questionnaire_2_0_0_shows_and_exports_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = made_with_2_0_0(dir.path());
    let then = ["--questions", QUESTIONS_2_0_0];
    let text = shown(&[], &path);
    assert_eq!(text, shown(&then, &path), "text");
    has_all(
        &flat(&text),
        &[
            "microneedling-intake version 2.0.0",
            "NOT SUITABLE",
            "[suspicious_lesion]",
            "Skin cancer, or a new, changing, bleeding or itching mole or growth in the area: a \
             doctor must examine it first; do not treat.",
            "[active_infection]",
            "[recent_filler]",
            "wait until 2 weeks after it",
        ],
    );
    assert!(!text.contains("active_cold_sore"), "{text}");
    let page = shown(&["--format", "html"], &path);
    assert_eq!(
        page,
        shown(&[then[0], then[1], "--format", "html"], &path),
        "html"
    );
    let fhir = shown(&["--format", "fhir"], &path);
    assert_eq!(
        fhir,
        shown(&[then[0], then[1], "--format", "fhir"], &path),
        "FHIR"
    );
    let response: Value = serde_json::from_str(&fhir).expect("JSON");
    assert_eq!(
        response["questionnaire"],
        "https://fhir.skin-intake.example/Questionnaire/microneedling-intake|2.0.0"
    );
    let skin = response["item"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["linkId"] == "your_skin"))
        .expect("the skin section");
    let infection = skin["item"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["linkId"] == "active_infection"))
        .expect("the 2.0.0 answer");
    assert_eq!(
        infection["text"],
        "Do you have a cold sore, an infection, an open wound or irritated skin in the area you \
         want treated now?",
        "the question as it was asked"
    );
    assert_eq!(infection["answer"][0]["valueBoolean"], true);
}

#[test]
fn what_cannot_be_shown_is_refused_by_name_with_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    };
    let cases = [
        (dir.path().join("missing.json"), "cannot read the file"),
        (write("answers.json", BASELINE), "not a skin-intake summary"),
        (
            write("broken.json", "{\"format\": "),
            "line 1, column 11: not valid JSON",
        ),
        (
            write(
                "newer.json",
                r#"{"format": "skin-intake/summary", "format_version": 4}"#,
            ),
            "written by a newer skin-intake (summary format 4",
        ),
        (
            write(
                "partial.json",
                r#"{"format": "skin-intake/summary", "format_version": 2}"#,
            ),
            "not a complete summary: missing field",
        ),
        (
            dir.path().to_path_buf(),
            "it is a folder, not a regular file",
        ),
    ];
    for (path, words) in cases {
        let out = show(&[], &path).code(2).get_output().clone();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&path.display().to_string()), "{stderr}");
        assert!(stderr.contains(words), "{words:?} not in {stderr:?}");
        assert!(out.stdout.is_empty());
    }
    Cmd::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["show", "--format", "pdf", "x.json"])
        .assert()
        .code(2);
}

/// `text` with every run of white space one space: the PDF's lines break where the page does.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
#[ignore = "needs chromium and pdftotext; .ci/run installs them"]
fn the_printed_page_holds_the_name_the_verdict_and_every_answer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let v3 = reviewed(&finished(&[("blood_thinners", json!(true))]));
    let summary = saved(dir.path(), &v3);
    let page = dir.path().join("record.html");
    std::fs::write(&page, shown(&["--format", "html"], &summary)).expect("write the page");
    let pdf = dir.path().join("record.pdf");
    let chromium = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs (apt-get install chromium)");
    assert!(
        chromium.status.success() && pdf.is_file(),
        "chromium: {}",
        String::from_utf8_lossy(&chromium.stderr)
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    assert!(text.status.success());
    let text = flat(&String::from_utf8_lossy(&text.stdout));
    has_all(
        &text,
        &[
            "Maria Garcia",
            "DELAY TREATMENT",
            "Needs a physician",
            "Patient's signature",
            "Clinician's signature",
        ],
    );
    for (question, answer) in answers(&v3) {
        has_all(&text, &[&flat(&question), &flat(&answer)]);
    }
}
