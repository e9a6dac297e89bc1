//! `skin-intake report`, run as a manager runs it: the figures as tables in a pipe and as JSON,
//! the files left out named on stderr, `--since`/`--until`, `--rescore`, and bad input.

use std::path::Path;

use assert_cmd::Command;
use serde_json::{Value, json};

use crate::report_folder::{TODAY, clinic};

fn report(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["report", dir.to_str().expect("a path"), "--today", TODAY])
        .args(args)
        .output()
        .expect("ran")
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    clinic(dir.path());
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// A copy of questions.json with one rule's level changed.
fn changed_questions(dir: &Path) -> std::path::PathBuf {
    let mut q: Value =
        serde_json::from_str(skin_intake::model::questionnaire::BUILT_IN).expect("JSON");
    for rule in q["rules"]["screening"].as_array_mut().expect("rules") {
        if rule["id"] == "bleeding_disorder" {
            rule["level"] = "physician_review".into();
        }
    }
    let path = dir.join("new-questions.json");
    std::fs::write(&path, q.to_string()).expect("written");
    path
}

#[test]
fn in_a_pipe_the_report_is_plain_tables_and_the_files_left_out_are_named_on_stderr() {
    let dir = folder();
    let out = report(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    for line in [
        "Clinic report: 6 intakes, finished 2026-10-20 to 2026-11-19 (each at its latest version)",
        "Left out: 1 summary file that could not be read, 1 other JSON file; named on stderr.",
        "Intakes per week",
        "        2  week of 2026-11-02",
        "        0  week of 2026-10-26",
        "  20–25 sessions over 5 intakes with a plan",
        "        2  ✔ suitable",
        "        0  ▲ precautions",
        "        1  ? physician review",
        "        2  ⏸ delay",
        "        1  ✖ not suitable",
        "        6  acne_scars",
        "        2  recent_sun — Sunburn, tan or sunbed in the last 2 weeks",
        "        4  Waiting for review",
        "        1  Not cleared: not suitable",
        "        1  Needs a physician",
        "        1  delivered",
        "        4  not in the outbox",
        "        2  November 2026",
        "        5  February 2027",
    ] {
        assert!(stdout.contains(line), "{line:?} missing from:\n{stdout}");
    }
    assert!(!stdout.contains('\u{1b}'), "no escape codes in a pipe");
    let stderr = text(&out.stderr);
    assert!(stderr.contains("2026-11-05_damaged.json: left out, not readable as a summary"));
    assert!(stderr.contains("notes.json: left out, not a skin-intake summary"));
    assert!(
        !stderr.contains(".pdf"),
        "only JSON files are named: {stderr}"
    );
}

#[test]
fn json_has_the_same_figures_keyed_by_code() {
    let dir = folder();
    let out = report(dir.path(), &["--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["intakes"], 6);
    assert_eq!(
        v["verdicts"],
        json!({"suitable": 2, "suitable_with_precautions": 0, "physician_review": 1,
               "delay": 2, "not_suitable": 1})
    );
    assert_eq!(v["concerns"], json!({"acne_scars": 6, "fine_lines": 6}));
    assert_eq!(
        v["review"],
        json!({"waiting": 4, "cleared": 0, "has_issues": 0, "declined": 1, "needs_physician": 1})
    );
    assert_eq!(
        v["delivery"],
        json!({"queued": 1, "delivered": 1, "needs_attention": 0, "superseded": 0,
               "not_queued": 4})
    );
    assert_eq!(v["sessions"], json!({"intakes": 5, "min": 20, "max": 25}));
    assert_eq!(v["reasons"][0]["rule"], "isotretinoin_recent");
    assert_eq!(v["reasons"][0]["intakes"], 2);
    assert_eq!(v["weeks"][2], json!({"week": "2026-11-02", "intakes": 2}));
    assert_eq!(
        v["coming_months"][3],
        json!({"month": "2027-02-01", "sessions": 5})
    );
    assert_eq!(
        (v["unreadable"].clone(), v["foreign"].clone()),
        (json!(1), json!(1))
    );
    assert!(v.get("rescore").is_none());
}

#[test]
fn since_and_until_bound_the_days_counted() {
    let dir = folder();
    let out = report(
        dir.path(),
        &["--json", "--since", "2026-11-04", "--until", "2026-11-18"],
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["intakes"], 3);
    assert_eq!(v["first"], "2026-11-04");
    assert_eq!(v["last"], "2026-11-18");
    let out = report(dir.path(), &["--json", "--since", "2026-11-19"]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["intakes"], 1);
}

#[test]
fn rescore_names_the_intakes_whose_verdict_would_change() {
    let dir = folder();
    let questions = changed_questions(dir.path());
    let q = questions.to_str().expect("a path");
    let out = report(dir.path(), &["--rescore", q]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("6 intakes; 1 verdict and 0 session ranges would change."),
        "{stdout}"
    );
    assert!(
        stdout.contains("  cccc  ✖ not suitable → ⏸ delay  (4–5 sessions → 4–5 sessions)"),
        "{stdout}"
    );
    let out = report(dir.path(), &["--rescore", q, "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["rescore"]["verdicts_changed"], 1);
    assert_eq!(v["rescore"]["changed"][0]["intake_id"], "cccc");
    assert_eq!(v["rescore"]["changed"][0]["verdict_before"], "not_suitable");
    assert_eq!(v["rescore"]["changed"][0]["verdict_after"], "delay");
}

#[test]
fn a_bad_questionnaire_to_rescore_with_is_refused_as_check_refuses_it() {
    let dir = folder();
    let bad = dir.path().join("bad-questions.json");
    std::fs::write(&bad, "{\"version\":").expect("written");
    let out = report(dir.path(), &["--rescore", bad.to_str().expect("a path")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("bad-questions.json:1:"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_bad_folder_or_date_exits_2_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = report(&dir.path().join("nowhere"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Cannot read the records in"));
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").expect("written");
    assert_eq!(report(&file, &[]).status.code(), Some(2));
    let out = report(dir.path(), &["--since", "2026-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("2026-02-30"));
    let out = report(
        dir.path(),
        &["--since", "2026-11-10", "--until", "2026-11-01"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--since 2026-11-10 is after --until 2026-11-01"));
}
