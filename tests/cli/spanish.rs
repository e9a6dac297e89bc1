//! Spanish on the command line: `score --language es` words its problems in Spanish and records
//! the language; `show --language es` prints a Spanish patient's record in Spanish; `check`
//! lists the texts without their Spanish.

use std::path::Path;

use assert_cmd::Command;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::Value;
use skin_intake::engine::summary::{Decision, Metadata, Mode, Review, Summary};
use skin_intake::engine::versions::sign_off;
use skin_intake::load;
use skin_intake::store;
use skin_intake::words::{Words, es::Spanish};

const BASELINE: &str = include_str!("../fixtures/answers/suitable.json");

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn run(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("skin-intake")
        .unwrap()
        .args(args)
        .env_remove("NO_COLOR")
        .assert()
}

fn file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn score_in_spanish_records_the_language_and_keeps_codes() {
    let dir = tempfile::tempdir().unwrap();
    let answers = file(dir.path(), "a.json", BASELINE);
    let out = run(&[
        "--language",
        "es",
        "score",
        "--today",
        "2026-11-24",
        &answers,
    ])
    .success()
    .get_output()
    .stdout
    .clone();
    let summary: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(summary["language"], "es");
    let concerns = summary["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "concerns")
        .unwrap();
    assert_eq!(
        concerns["value"],
        serde_json::json!(["fine_lines", "acne_scars"])
    );
    assert_eq!(concerns["display"], "Líneas finas, Cicatrices de acné");
    assert_eq!(concerns["question"], "¿Qué le gustaría mejorar?");
}

#[test]
fn score_in_spanish_words_its_problems_in_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let mut answers: Value = serde_json::from_str(BASELINE).unwrap();
    answers["answers"]["skin_type"] = "VII".into();
    answers["answers"]["diabetes"] = Value::Null;
    answers["answers"]["date_of_birth"] = "31/05/1980".into();
    let path = file(dir.path(), "a.json", &answers.to_string());
    let err = run(&["score", "--language", "es", "--today", "2026-11-24", &path])
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    for said in [
        "pregunta 'skin_type': opción desconocida 'VII'; las opciones son: I, II, III, IV, V, VI",
        "pregunta 'date_of_birth': '31/05/1980' no es una fecha real escrita como AAAA-MM-DD",
        "pregunta 'diabetes': se esperaba un código de opción como cadena de texto, se encontró null",
    ] {
        assert!(err.contains(said), "{said}\n{err}");
    }
}

/// A Spanish patient's kiosk intake, signed off.
fn spanish_record(dir: &Path) -> String {
    let q = load::questionnaire::built_in();
    let answers = load::answers::read_and_check(&q, BASELINE, day("2026-11-24")).unwrap();
    let meta = Metadata {
        id: "7a1b2c3d-0000-4000-8000-0000000000e5".into(),
        language: "es".into(),
        mode: Mode::Kiosk,
        completed_at: at("2026-11-24T09:30:00+01:00"),
        reference_date: day("2026-11-24"),
    };
    let v1 = Summary::new(&q, &answers, meta, |s| Spanish.shown(s));
    let v2 = sign_off(
        &v1,
        Review {
            by: "DR".into(),
            decision: Decision::Cleared,
            note: None,
            at: at("2026-11-24T11:00:00+01:00"),
            cleared_from: None,
        },
    );
    store::write_version(dir, &v2)
        .unwrap()
        .display()
        .to_string()
}

#[test]
fn show_prints_a_spanish_record_in_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let path = spanish_record(dir.path());
    let out = run(&["show", "--language", "es", &path])
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    insta::assert_snapshot!("show_es", text);
    // Staff who read English read it in English: the answers are codes.
    let out = run(&["show", &path]).success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    for said in [
        "Date of birth: 31 May 1980",
        "A numbing cream is applied first",
        "Cleared to treat from 24 Nov 2026 by DR",
    ] {
        assert!(text.contains(said), "{said}\n{text}");
    }
    assert!(!text.contains("crema anestésica"), "{text}");
}

#[test]
fn check_lists_every_text_without_its_spanish_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut q: Value = serde_json::from_str(include_str!("../../questions.json")).unwrap();
    q["sections"][0]["title"] = "About you".into();
    q["rules"]["notes"][0]["text"]["es"] = "".into();
    let path = file(dir.path(), "q.json", &q.to_string());
    let assert = run(&["check", "--language", "es", &path]).success();
    let output = assert.get_output();
    assert_eq!(String::from_utf8_lossy(&output.stdout), "ok\n");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            format!(
                "{path}: sections[0].title: falta la traducción a \"es\", una lengua que el \
                 cuestionario declara en languages; añada \"es\": \"...\""
            ),
            format!(
                "{path}: rules.notes[0].text: falta la traducción a \"es\", una lengua que el \
                 cuestionario declara en languages; añada \"es\": \"...\""
            ),
        ]
    );
    // The built-in questionnaire lacks none.
    let built_in = run(&["check"]).success();
    assert!(built_in.get_output().stderr.is_empty());
}
