//! `skin-intake score`: the summary it prints and how it refuses bad answers files.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::{Value, json};

const BASELINE: &str = include_str!("../fixtures/answers/suitable.json");

fn baseline() -> Value {
    serde_json::from_str(BASELINE).expect("the baseline fixture is JSON")
}

/// Writes an answers file into a temporary folder and returns both (the folder must outlive the run).
fn answers_file(contents: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("answers.json");
    std::fs::write(&path, contents).expect("write the answers file");
    (dir, path)
}

fn score(contents: &[u8]) -> assert_cmd::assert::Assert {
    let (_dir, path) = answers_file(contents);
    Command::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["score", "--today", "2026-11-24"])
        .arg(&path)
        .assert()
}

fn with(changes: &[(&str, Value)]) -> Vec<u8> {
    let mut file = baseline();
    for (id, value) in changes {
        if value.is_null() {
            file["answers"]
                .as_object_mut()
                .expect("answers object")
                .remove(*id);
        } else {
            file["answers"][*id] = value.clone();
        }
    }
    serde_json::to_vec(&file).expect("serialise")
}

/// The summary `score` prints, which always fits the shipped schema.
fn summary(contents: &[u8]) -> Value {
    let out = score(contents).success().get_output().stdout.clone();
    let summary = serde_json::from_slice(&out).expect("the summary is JSON");
    crate::schema::assert_valid_summary(&summary);
    summary
}

#[test]
fn the_summary_has_its_metadata_and_patient() {
    let s = summary(BASELINE.as_bytes());
    assert_eq!(s["format"], "skin-intake/summary");
    assert_eq!(s["format_version"], 3);
    assert_eq!(
        s["questionnaire"],
        json!({"id": "microneedling-intake", "version": "2.1.1"})
    );
    assert_eq!(s["language"], "en");
    assert_eq!(s["mode"], "batch");
    assert_eq!(s["reference_date"], "2026-11-24");
    assert_eq!(
        s["patient"],
        json!({"name": "Maria Garcia", "date_of_birth": "1980-05-31", "age": 46})
    );
    let completed = s["completed_at"].as_str().expect("completed_at");
    chrono::DateTime::parse_from_rfc3339(completed).expect("RFC 3339 with an offset");
    let id = s["id"].as_str().expect("id");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_ne!(
        summary(BASELINE.as_bytes())["id"],
        s["id"],
        "every summary has its own id"
    );
    assert_eq!(s["clinician_note"], Value::Null);
    assert_eq!(s["override"], Value::Null);
}

#[test]
fn score_prints_version_1_of_an_intake() {
    let s = summary(BASELINE.as_bytes());
    assert_eq!(s["intake_id"], s["id"], "version 1 carries the intake's id");
    assert_eq!(s["version"], 1);
    assert_eq!(s["supersedes"], Value::Null);
    assert_eq!(s["changes"], json!([]));
    assert_eq!(s["review"], Value::Null);
}

#[test]
fn answers_are_exported_in_questionnaire_order_with_display_text() {
    let s = summary(BASELINE.as_bytes());
    let answers = s["answers"].as_array().expect("answers");
    let ids: Vec<&str> = answers
        .iter()
        .map(|a| a["id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        &ids[..4],
        [
            "full_name",
            "date_of_birth",
            "pregnant_or_breastfeeding",
            "concerns"
        ]
    );
    assert!(
        !ids.contains(&"notes"),
        "an empty optional answer is not exported"
    );
    assert!(
        !ids.contains(&"stretch_mark_colour"),
        "not shown, not answered"
    );
    assert_eq!(
        answers[3],
        json!({
            "id": "concerns",
            "question": "What would you like to improve?",
            "value": ["fine_lines", "acne_scars"],
            "display": "Fine lines, Acne scars"
        })
    );
    assert_eq!(answers[1]["display"], "31 May 1980");
    let serum = answers
        .iter()
        .find(|a| a["id"] == "serum_interest")
        .expect("serum");
    assert_eq!(serum["value"], true);
    assert_eq!(serum["display"], "Yes");
}

#[test]
fn hidden_answers_are_never_exported() {
    let s = summary(&with(&[
        ("isotretinoin", json!("never")),
        ("isotretinoin_last_dose", json!("2026-10-01")),
        ("stretch_mark_colour", json!("red")),
    ]));
    let text = s.to_string();
    assert!(!text.contains("isotretinoin_last_dose"), "{text}");
    assert!(!text.contains("stretch_mark_colour"));
    assert_eq!(s["assessment"]["suitability"], "suitable");
}

#[test]
fn the_assessment_fields() {
    let s = summary(&with(&[
        ("recent_sun", json!(true)),
        ("blood_thinners", json!(true)),
    ]));
    let a = &s["assessment"];
    assert_eq!(a["suitability"], "delay");
    assert_eq!(a["reassess_on"], "2026-12-08");
    assert_eq!(a["reasons"][0]["rule"], "recent_sun");
    assert_eq!(a["reasons"][0]["level"], "delay");
    assert_eq!(a["reasons"][0]["questions"], json!(["recent_sun"]));
    assert_eq!(a["reasons"][1]["rule"], "blood_thinners");
    assert_eq!(a["sessions"], json!({"min": 4, "max": 5}));
    assert_eq!(a["interval_weeks"], json!({"min": 4, "max": 6}));
    assert_eq!(a["maintenance_months"], Value::Null);
    assert_eq!(a["course_weeks"], json!({"min": 12, "max": 24}));
    assert_eq!(
        a["concerns"][1],
        json!({"concern": "acne_scars", "sessions": {"min": 4, "max": 5}, "maintenance_months": null, "notes": []})
    );
    assert_eq!(
        a["schedule"][0],
        json!({"session": 1, "earliest": "2026-12-08", "latest": "2026-12-08", "optional": false})
    );
    assert_eq!(a["schedule"][4]["optional"], true);
    assert_eq!(a["schedule"].as_array().map(Vec::len), Some(5));
}

#[test]
fn a_dated_delay_with_an_open_physician_question_is_provisional() {
    let s = summary(&with(&[
        ("recent_procedures", json!(["botox"])),
        ("botox_date", json!("2026-11-15")),
        ("keloid_history", json!(true)),
    ]));
    let a = &s["assessment"];
    assert_eq!(a["suitability"], "delay");
    assert_eq!(
        a["reassess_on"], "2026-11-29",
        "14 days after the injections"
    );
    assert_eq!(a["schedule"][0]["earliest"], "2026-11-29");
    assert_eq!(a["schedule_provisional"], true);
    assert_eq!(
        summary(BASELINE.as_bytes())["assessment"]["schedule_provisional"],
        false
    );
}

#[test]
fn a_month_is_exported_as_given_with_the_date_used() {
    let s = summary(&with(&[
        ("concerns", json!(["other_scars"])),
        ("scar_date", json!("2026-08")),
        ("scar_cause", json!("injury")),
    ]));
    let scar = s["answers"]
        .as_array()
        .and_then(|a| a.iter().find(|a| a["id"] == "scar_date"))
        .expect("the scar's date");
    assert_eq!(scar["value"], "2026-08");
    assert_eq!(scar["date_used"], "2026-08-31");
    assert_eq!(scar["display"], "August 2026");
    assert_eq!(s["assessment"]["reasons"][0]["rule"], "scar_too_new");
    assert_eq!(s["assessment"]["reassess_on"], "2027-02-28");
}

/// Runs score on bad answers: exit 2, nothing on stdout, and every expected fragment on stderr.
fn refused(contents: &[u8], expected: &[&str]) {
    let out = score(contents).code(2).get_output().clone();
    assert!(out.stdout.is_empty(), "nothing on stdout");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for fragment in expected {
        assert!(
            stderr.contains(fragment),
            "stderr lacks {fragment:?}:\n{stderr}"
        );
    }
}

#[test]
fn each_kind_of_bad_answer_exits_2_naming_the_question() {
    refused(
        &with(&[("favourite_colour", json!("blue"))]),
        &["question 'favourite_colour'", "no such question"],
    );
    refused(
        &with(&[("active_acne", json!("no"))]),
        &["question 'active_acne'", "expected true or false"],
    );
    refused(
        &with(&[("skin_type", json!("VII"))]),
        &["question 'skin_type'", "unknown option 'VII'"],
    );
    refused(
        &with(&[("allergies", json!(["none", "metal"]))]),
        &["question 'allergies'", "cannot be combined"],
    );
    refused(
        &with(&[("diabetes", Value::Null)]),
        &["question 'diabetes'", "Please choose an answer"],
    );
    refused(
        &with(&[("areas", json!([]))]),
        &["question 'areas'", "at least one"],
    );
    refused(
        &with(&[("date_of_birth", json!("31/05/1980"))]),
        &["question 'date_of_birth'", "YYYY-MM-DD"],
    );
    refused(
        &with(&[("date_of_birth", json!("1980-02-30"))]),
        &["question 'date_of_birth'", "not a real date"],
    );
    refused(
        &with(&[("date_of_birth", json!("2027-01-01"))]),
        &["question 'date_of_birth'", "future"],
    );
    refused(
        &with(&[("date_of_birth", json!("1890-01-01"))]),
        &["question 'date_of_birth'", "136 years"],
    );
    refused(
        &with(&[("full_name", json!("x".repeat(101)))]),
        &["question 'full_name'", "100 characters"],
    );
    refused(
        &with(&[
            ("concerns", json!(["acne_scars"])),
            ("acne_scar_severity", Value::Null),
        ]),
        &["question 'acne_scar_severity'"],
    );
    refused(
        &with(&[
            ("concerns", json!(["other_scars"])),
            ("scar_date", json!("2026-12")),
        ]),
        &["question 'scar_date'", "This month is in the future"],
    );
    refused(
        &with(&[("scar_date", json!("2026-8"))]),
        &["question 'scar_date'", "YYYY-MM (for example 2026-08)"],
    );
    refused(
        &with(&[
            ("isotretinoin", json!("recent")),
            ("isotretinoin_last_dose", json!("2026-04")),
        ]),
        &[
            "question 'isotretinoin_last_dose'",
            "more than 6 months ago",
        ],
    );
}

#[test]
fn a_broken_constraint_exits_2_naming_its_question() {
    let out = score(&with(&[
        ("concerns", json!(["cellulite"])),
        ("areas", json!(["face"])),
    ]))
    .code(2)
    .get_output()
    .clone();
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("answers.json: question 'areas': Cellulite is treated on the body"),
        "{stderr}"
    );
}

#[test]
fn every_problem_is_listed_at_once() {
    let out = score(&with(&[
        ("active_acne", json!("no")),
        ("skin_type", json!("VII")),
        ("diabetes", Value::Null),
    ]))
    .code(2)
    .get_output()
    .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 3, "{stderr}");
    for id in ["active_acne", "skin_type", "diabetes"] {
        assert!(stderr.contains(&format!("question '{id}'")), "{stderr}");
    }
}

#[test]
fn broken_files_exit_2_with_a_message() {
    refused(b"{\"answers\": {", &["line 1, column 13", "not valid JSON"]);
    refused(b"[1, 2]", &["expected an object"]);
    refused(
        b"{\"answer\": {}}",
        &["unknown field 'answer'", "missing \"answers\""],
    );
    refused(&[0xff, 0xfe, 0x00, 0x41], &["not UTF-8"]);
    refused(b"", &["the file is empty"]);
    refused(
        b"{\"answers\": 5}",
        &["\"answers\" must be an object", "not a number"],
    );
}

#[test]
fn a_missing_file_and_a_bad_date_option_exit_2() {
    Command::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["score", "/nonexistent/answers.json"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("/nonexistent/answers.json"));
    Command::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["score", "--today", "2026-13-01", "x.json"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("YYYY-MM-DD"));
}

#[test]
fn another_questionnaire_can_be_given() {
    let (_dir, answers) = answers_file(BASELINE.as_bytes());
    Command::cargo_bin("skin-intake")
        .expect("the binary")
        .args([
            "score",
            "--today",
            "2026-11-24",
            "--questions",
            "questions.json",
        ])
        .arg(&answers)
        .assert()
        .success()
        .stdout(predicates::str::contains("\"suitability\": \"suitable\""));
    Command::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["score", "--questions", "Cargo.toml"])
        .arg(&answers)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("Cargo.toml:1:"));
}

#[test]
fn a_language_the_questionnaire_lacks_exits_2() {
    let (_dir, answers) = answers_file(BASELINE.as_bytes());
    Command::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["score", "--language", "fr"])
        .arg(&answers)
        .assert()
        .code(2)
        .stdout("")
        .stderr("--language fr: the questionnaire has en, es; choose one of them\n");
}

#[test]
fn a_questionnaire_saved_with_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("questions.json");
    let mut bytes = vec![0xef, 0xbb, 0xbf];
    bytes.extend(std::fs::read("questions.json").expect("the shipped questionnaire"));
    std::fs::write(&path, bytes).expect("write");
    Command::cargo_bin("skin-intake")
        .expect("the binary")
        .arg("check")
        .arg(&path)
        .assert()
        .success()
        .stdout("ok\n");
}

#[test]
fn output_that_cannot_be_written_is_a_failure_not_a_crash() {
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .expect("Linux has /dev/full");
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("skin-intake"))
        .arg("check")
        .stdout(full)
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("could not write the output"));
}

#[test]
fn the_intake_screen_without_a_terminal_and_bad_timeouts_exit_2() {
    let out = tempfile::tempdir().expect("tempdir");
    Command::cargo_bin("skin-intake")
        .expect("the binary")
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("needs a terminal"));
    Command::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["--kiosk", "--idle-timeout", "0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "a whole number of seconds from 1 to 86400",
        ));
}

#[test]
fn a_note_keeps_its_line_breaks_and_a_name_with_one_is_refused() {
    let note = "Peel in 2023:\na week of redness.\n\nAway in August.";
    let s = summary(&with(&[("notes", json!(note))]));
    let notes = s["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .find(|a| a["id"] == "notes")
        .expect("the note");
    assert_eq!(notes["value"], note);
    assert_eq!(notes["display"], note);
    let out = score(&with(&[("full_name", json!("Maria\nGarcia"))]))
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("question 'full_name'"), "{stderr}");
    assert!(stderr.contains("invisible formatting"), "{stderr}");
}
