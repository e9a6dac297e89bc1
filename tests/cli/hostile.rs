//! Hostile and careless inputs: devices, FIFOs, huge files, repeated keys, implausible numbers,
//! a closed stdout, hidden characters and far-future dates. Each is refused at once, by name.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use skin_intake::model::questionnaire::BUILT_IN;

const BIN: &str = env!("CARGO_BIN_EXE_skin-intake");
const BASELINE: &str = include_str!("../fixtures/answers/suitable.json");

/// Runs the binary with `args`, killing it if it takes more than 10 seconds (a hang fails the
/// test instead of stalling the suite).
fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let until = Instant::now() + Duration::from_secs(10);
    while child.try_wait().expect("waits").is_none() {
        if Instant::now() > until {
            child.kill().expect("killed");
            panic!("skin-intake {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn refused(args: &[&str], words: &[&str]) -> String {
    let output = run(args, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(output.stdout.is_empty(), "{args:?}");
    for word in words {
        assert!(stderr.contains(word), "{args:?}: {stderr:?} lacks {word:?}");
    }
    stderr
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("written");
    path.display().to_string()
}

fn fifo(dir: &Path) -> String {
    let path: PathBuf = dir.join("pipe.json");
    let made = Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    path.display().to_string()
}

#[test]
fn devices_fifos_and_folders_are_refused_by_type_without_waiting() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pipe = fifo(tmp.path());
    let folder = tmp.path().display().to_string();
    for (args, what) in [
        (vec!["score", "/dev/zero"], "a device"),
        (vec!["check", "/dev/zero"], "a device"),
        (vec!["--questions", "/dev/zero", "score", "x"], "a device"),
        (vec!["score", &pipe], "a FIFO"),
        (vec!["check", &pipe], "a FIFO"),
        (vec!["score", &folder], "a folder"),
    ] {
        refused(&args, &["cannot read the file", what, "not a regular file"]);
    }
}

#[test]
fn files_past_the_size_cap_are_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let big = write(tmp.path(), "big.json", vec![b' '; 10 * 1024 * 1024 + 1]);
    refused(&["score", &big], &["larger than 10 MB"]);
    refused(&["check", &big], &["larger than 10 MB"]);
}

#[test]
fn the_staff_pin_file_is_small_private_and_regular() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let kiosk = |pin: &str| {
        let output = run(&["--kiosk", "--staff-pin-file", pin], &[]);
        assert_eq!(output.status.code(), Some(2));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let open = write(tmp.path(), "open-pin", "2468\n");
    let said = kiosk(&open);
    assert!(said.contains("read or changed by other users"), "{said}");
    assert!(said.contains(&format!("chmod 600 {open}")), "{said}");
    assert!(kiosk("/dev/zero").contains("a device"));
    let big = write(tmp.path(), "big-pin", vec![b'1'; 2000]);
    std::fs::set_permissions(&big, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .expect("chmod");
    let said = kiosk(&big);
    assert!(said.contains("larger than 1 KB"), "{said}");
}

#[test]
fn a_long_list_of_problems_is_cut_at_a_hundred() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut answers = serde_json::Map::new();
    for i in 0..250 {
        answers.insert(format!("unknown_{i:03}"), json!(true));
    }
    let file = write(
        tmp.path(),
        "answers.json",
        json!({ "answers": answers }).to_string(),
    );
    let stderr = refused(&["score", &file], &["… and 1"]);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 101, "{stderr}");
    assert!(lines[100].contains("more problems"), "{}", lines[100]);
}

#[test]
fn a_repeated_key_is_refused_with_the_key_and_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let answers = BASELINE.replacen(
        "\"full_name\": \"Maria Garcia\",",
        "\"full_name\": \"Maria Garcia\",\n    \"full_name\": \"Someone Else\",",
        1,
    );
    let file = write(tmp.path(), "answers.json", answers);
    refused(
        &["score", &file],
        &["line 4", "\"full_name\" appears twice"],
    );

    let questionnaire = BUILT_IN.replacen(
        "\"version\": \"2.1.1\",",
        "\"version\": \"2.1.1\",\n  \"version\": \"3.0.0\",",
        1,
    );
    assert_ne!(questionnaire, BUILT_IN);
    let file = write(tmp.path(), "questions.json", questionnaire);
    refused(&["check", &file], &[":6:", "\"version\" appears twice"]);
}

/// The built-in questionnaire with one piece of text replaced.
fn questionnaire_with(tmp: &Path, from: &str, to: &str) -> String {
    assert!(BUILT_IN.contains(from), "{from}");
    write(tmp, "questions.json", BUILT_IN.replacen(from, to, 1))
}

#[test]
fn check_refuses_numbers_that_switch_a_rule_off() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (from, to, path, range) in [
        (
            r#""within_months": { "question": "isotretinoin_last_dose", "months": 6 }"#,
            r#""within_months": { "question": "isotretinoin_last_dose", "months": 4294967295 }"#,
            "rules.screening[",
            "from 1 to 120",
        ),
        (
            r#""reassess": { "days_after_reference": 14 }"#,
            r#""reassess": { "days_after_reference": 1000000000 }"#,
            ".reassess.days_after_reference",
            "days from 1 to 3650",
        ),
        (
            r#""months_after_answer": { "question": "isotretinoin_last_dose", "months": 6 }"#,
            r#""months_after_answer": { "question": "isotretinoin_last_dose", "months": 0 }"#,
            ".reassess.months_after_answer.months",
            "from 1 to 120",
        ),
        (
            r#""years": 18"#,
            r#""years": 4000"#,
            ".when.age_under.years",
            "years from 1 to 150",
        ),
        (
            r#""max_age_years": 120"#,
            r#""max_age_years": 100000"#,
            ".max_age_years",
            "from 1 to 150",
        ),
        (
            r#""max_months_ago": 6"#,
            r#""max_months_ago": 99999"#,
            ".max_months_ago",
            "from 1 to 120",
        ),
        (
            r#""max_length": 100"#,
            r#""max_length": 100000000"#,
            ".max_length",
            "characters from 1 to 10000",
        ),
    ] {
        let file = questionnaire_with(tmp.path(), from, to);
        refused(&["check", &file], &[path, range, "not plausible"]);
    }
}

#[test]
fn check_refuses_repeated_or_empty_languages() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = questionnaire_with(
        tmp.path(),
        r#""languages": ["en", "es"]"#,
        r#""languages": ["en", "en"]"#,
    );
    refused(
        &["check", &file],
        &["languages[1]", "\"en\" is listed already at languages[0]"],
    );
    let file = questionnaire_with(
        tmp.path(),
        r#""languages": ["en", "es"]"#,
        r#""languages": ["en", " "]"#,
    );
    refused(&["check", &file], &["languages[1]", "empty language code"]);
}

fn answers_with(changes: &[(&str, Value)]) -> String {
    let mut file: Value = serde_json::from_str(BASELINE).expect("JSON");
    for (id, value) in changes {
        file["answers"][*id] = value.clone();
    }
    file.to_string()
}

#[test]
fn a_wrong_element_of_a_list_is_named_by_its_place() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = write(
        tmp.path(),
        "a.json",
        answers_with(&[("concerns", json!([null]))]),
    );
    refused(
        &["score", "--today", "2026-11-24", &file],
        &["concerns[0]: expected an option code, found null"],
    );
    let file = write(
        tmp.path(),
        "a.json",
        answers_with(&[("concerns", json!(["fine_lines", "sparkle"]))]),
    );
    refused(
        &["score", "--today", "2026-11-24", &file],
        &["concerns[1]: unknown option 'sparkle'"],
    );
}

#[test]
fn names_keep_the_joiners_scripts_need_and_refuse_hidden_text() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for name in [
        "محمد\u{200C}رضا",
        "Ana \u{1F469}\u{200D}\u{2695}\u{FE0F}",
        "Ana \u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
    ] {
        let file = write(
            tmp.path(),
            "a.json",
            answers_with(&[("full_name", json!(name))]),
        );
        let output = run(&["score", "--today", "2026-11-24", &file], &[]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{name:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    for name in [
        "Ana\u{00AD}Silva",
        "Ana \u{202E}avliS",
        "Ana\u{200B}Silva",
        "\u{200D}Ana",
        "Ana \u{200C} Silva",
        "Ana\u{E0067}",
    ] {
        let file = write(
            tmp.path(),
            "a.json",
            answers_with(&[("full_name", json!(name))]),
        );
        refused(
            &["score", "--today", "2026-11-24", &file],
            &["question 'full_name'", "invisible formatting characters"],
        );
    }
}

#[test]
fn dates_that_would_pass_the_year_9999_are_refused_where_they_come_in() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = write(tmp.path(), "a.json", BASELINE);
    refused(
        &["score", "--today", "9999-06-01", &file],
        &["--today", "dates up to 9900-12-31"],
    );
    let file = write(
        tmp.path(),
        "a.json",
        answers_with(&[
            ("isotretinoin", json!("past")),
            ("isotretinoin_last_dose", json!("9950-01-01")),
        ]),
    );
    refused(
        &["score", "--today", "2026-11-24", &file],
        &[
            "question 'isotretinoin_last_dose'",
            "dates up to 9900-12-31",
        ],
    );
    // The latest reference date still exports four-digit years everywhere.
    let file = write(
        tmp.path(),
        "a.json",
        answers_with(&[
            ("date_of_birth", json!("9870-05-31")),
            ("recent_sun", json!(true)),
        ]),
    );
    let output = run(&["score", "--today", "9900-12-31", &file], &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!String::from_utf8_lossy(&output.stdout).contains("+1"));
}

#[test]
fn a_closed_stdout_is_a_failure_with_a_message() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = write(tmp.path(), "a.json", BASELINE);
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("exec {BIN} score --today 2026-11-24 {file} >&-"))
        .output()
        .expect("sh runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("standard output is closed"), "{stderr}");
}

/// Test: `/dev/null` opened read-write on purpose (as Python's `subprocess.DEVNULL` does) is an
/// open stdout, not a closed one.
#[test]
fn a_read_write_dev_null_stdout_is_open() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = write(tmp.path(), "a.json", BASELINE);
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "exec {BIN} score --today 2026-11-24 {file} 1<>/dev/null"
        ))
        .output()
        .expect("sh runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
