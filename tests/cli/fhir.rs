//! FHIR from the command line: `score --format fhir`, `show SUMMARY.json --format fhir` and
//! `questionnaire --format fhir`, and how they refuse what they cannot export.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};

const URL: &str = "https://fhir.skin-intake.example/Questionnaire/microneedling-intake";

fn run(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("skin-intake")
        .expect("the binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .assert()
}

fn json_out(assert: assert_cmd::assert::Assert) -> Value {
    let out = assert.success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("JSON on stdout")
}

fn score(format: &str, file: &str) -> Value {
    let printed = json_out(run(&[
        "score",
        "--today",
        "2026-11-24",
        "--format",
        format,
        &format!("tests/fixtures/answers/{file}"),
    ]));
    if format == "summary" {
        crate::schema::assert_valid_summary(&printed);
    }
    printed
}

#[test]
fn score_prints_a_questionnaire_response() {
    let r = score("fhir", "suitable.json");
    assert_eq!(r["resourceType"], "QuestionnaireResponse");
    assert_eq!(r["status"], "completed");
    assert_eq!(r["questionnaire"], format!("{URL}|2.1.1"));
    assert_eq!(r["identifier"]["system"], format!("{URL}/intake"));
    assert_eq!(r["item"][0]["item"][0]["linkId"], "full_name");
}

#[test]
fn show_converts_a_stored_summary() {
    let summary = score("summary", "delay.json");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("summary.json");
    std::fs::write(&path, summary.to_string()).expect("write the summary");
    let r = json_out(run(&[
        "show",
        "--format",
        "fhir",
        path.to_str().expect("a UTF-8 path"),
    ]));
    assert_eq!(r["identifier"]["value"], summary["id"]);
    assert_eq!(r["authored"], summary["completed_at"]);
    let last_dose = &r["item"][3]["item"][1];
    assert_eq!(last_dose["linkId"], "isotretinoin_last_dose");
    assert_eq!(last_dose["answer"], json!([{"valueDate": "2026-08-15"}]));
    let again = score("fhir", "delay.json");
    let without_id_and_time = |mut v: Value| {
        v["identifier"]["value"] = Value::Null;
        v["authored"] = Value::Null;
        v
    };
    assert_eq!(
        without_id_and_time(r),
        without_id_and_time(again),
        "a stored summary converts as scoring it would"
    );
}

#[test]
fn show_refuses_what_is_not_a_summary_of_this_questionnaire() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("answers.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers/suitable.json"),
        &path,
    )
    .expect("copy");
    let shown = path.display().to_string();
    run(&["show", "--format", "fhir", &shown])
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("not a skin-intake summary"));
    let mut summary = score("summary", "suitable.json");
    summary["questionnaire"]["id"] = json!("another-form");
    std::fs::write(&path, summary.to_string()).expect("write");
    run(&["show", "--format", "fhir", &shown])
        .code(2)
        .stderr(predicate::str::contains(
            "made with questionnaire 'another-form', not 'microneedling-intake'; give the \
             questionnaire it was made with (--questions PATH)",
        ));
}

#[test]
fn questionnaire_prints_the_fhir_questionnaire() {
    let q = json_out(run(&["questionnaire", "--format", "fhir"]));
    assert_eq!(q["resourceType"], "Questionnaire");
    assert_eq!(q["url"], URL);
    assert_eq!(q["item"][0]["item"][0]["linkId"], "full_name");
}

#[test]
fn a_questionnaire_without_url_names_what_to_add() {
    run(&[
        "questionnaire",
        "--format",
        "fhir",
        "--questions",
        "tests/fixtures/questionnaires/valid.json",
    ])
    .code(2)
    .stdout("")
    .stderr(
        "tests/fixtures/questionnaires/valid.json: FHIR names a questionnaire by its canonical \
         URL, and this one has no \"url\"; add one, such as \"url\": \
         \"https://fhir.example-clinic.com/Questionnaire/intake\"\n",
    );
}

#[test]
fn questionnaire_in_another_language_keeps_the_others_as_translations() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("q.json");
    let mut q: Value =
        serde_json::from_str(include_str!("../fixtures/questionnaires/valid.json")).expect("JSON");
    q["url"] = json!("https://fhir.example-clinic.com/Questionnaire/fixture");
    std::fs::write(&path, q.to_string()).expect("write");
    let path = path.display().to_string();
    let es = json_out(run(&[
        "questionnaire",
        "--format",
        "fhir",
        "--questions",
        &path,
        "--language",
        "es",
    ]));
    assert_eq!(es["language"], "es");
    assert_eq!(es["title"], "Cuestionario de prueba");
    assert_eq!(
        es["_title"]["extension"][0]["extension"][1]["valueString"],
        "Fixture questionnaire"
    );
    run(&[
        "questionnaire",
        "--format",
        "fhir",
        "--questions",
        &path,
        "--language",
        "fr",
    ])
    .code(2)
    .stderr(predicate::str::contains("--language fr"));
}
