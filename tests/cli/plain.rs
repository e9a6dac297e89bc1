//! `skin-intake --plain`: the questionnaire as plain lines, answered from a file of lines on stdin,
//! as a screen reader's user or a script runs it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const TODAY: &str = "2026-03-01";

/// The answers of `fixtures/answers/suitable.json`, one line per question as typed: choices by
/// number or code, yes/no by letter, dates day first, the optional note left empty, then `y` to
/// submit.
const SUITABLE: &[&str] = &[
    "Maria Garcia",
    "31/05/1980",
    "2",
    "fine_lines, acne_scars",
    "1",
    "2",
    "3",
    "n",
    "n",
    "n",
    "n",
    "n",
    "none",
    "1",
    "n",
    "n",
    "n",
    "n",
    "n",
    "n",
    "n",
    "1",
    "n",
    "n",
    "n",
    "n",
    "no",
    "n",
    "n",
    "none",
    "n",
    "n",
    "1",
    "n",
    "y",
    "y",
    "",
    "y",
];

/// Writes `lines` to a file in `dir` and runs `--plain --out OUT` with that file as stdin.
fn plain(dir: &Path, out: &Path, lines: &[&str]) -> assert_cmd::assert::Assert {
    let input = dir.join("answers.txt");
    let mut text = lines.join("\n");
    if !lines.is_empty() {
        text.push('\n');
    }
    std::fs::write(&input, text).expect("write the lines");
    Command::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["--plain", "--today", TODAY, "--out"])
        .arg(out)
        .pipe_stdin(&input)
        .expect("the lines as stdin")
        .env("NO_COLOR", "")
        .assert()
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

/// The summaries written in `out`.
fn summaries(out: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(out)
        .expect("the output folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    found.sort();
    found
}

/// The drafts left in `out`.
fn drafts(out: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(out.join("unfinished")) {
        Ok(entries) => entries
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The value a summary holds for question `id`.
fn answer<'a>(summary: &'a Value, id: &str) -> &'a Value {
    summary["answers"]
        .as_array()
        .and_then(|answers| answers.iter().find(|a| a["id"] == id))
        .map_or(&Value::Null, |a| &a["value"])
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("JSON")
}

/// What `score` makes of the same answers on the same day.
fn scored() -> Value {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers/suitable.json");
    let out = Command::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["score", "--today", TODAY])
        .arg(fixture)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("the summary is JSON")
}

/// The one summary in `out`, its path said on stdout, equal to `score`'s in answers and
/// assessment; no draft left.
fn assert_submitted_as_scored(out: &Path, said: &str) -> Value {
    let written = summaries(out);
    assert_eq!(written.len(), 1, "one summary: {written:?}");
    assert!(
        said.contains(&format!("The summary is in {}", written[0].display())),
        "{said}"
    );
    assert!(drafts(out).is_empty(), "no draft left: {:?}", drafts(out));
    let summary = read_json(&written[0]);
    let scored = scored();
    assert_eq!(summary["answers"], scored["answers"]);
    assert_eq!(summary["assessment"], scored["assessment"]);
    assert_eq!(summary["mode"], "staff");
    summary
}

#[test]
fn a_whole_intake_with_a_bad_date_and_a_back_is_scored_as_score_scores_it() {
    let dir = tempfile::tempdir().expect("a folder");
    let out = dir.path().join("out");
    // A date that is no date is named and asked again; `back` at question 3 goes to question 2,
    // whose answer an empty line keeps.
    let mut lines = vec!["Maria Garcia", "31/13/1980", "31/05/1980", "back", ""];
    lines.extend_from_slice(&SUITABLE[2..]);
    let run = plain(dir.path(), &out, &lines);
    let said = stdout(&run);
    let run = run.success();
    assert!(
        said.contains("Not taken: '31/13/1980' is not a date we can read."),
        "{said}"
    );
    assert_eq!(said.matches("Question 2 of 36").count(), 3, "{said}");
    assert!(said.contains("Your answer now: 31 May 1980. Press Enter to keep it."));
    assert!(said.contains("1. Yes\n2. No\n3. I am not sure\nType the number of your answer."));
    // The read-back: the answers, numbered, and the assessment in words.
    assert!(
        said.contains("1. What is your full name?\n   Maria Garcia"),
        "{said}"
    );
    assert!(said.contains("✔ SUITABLE"), "{said}");
    assert!(said.contains("Submit these answers? Type y to submit, or n to change an answer."));
    // Plain lines only: no escape sequence of any kind.
    assert!(!said.contains('\u{1b}'), "no terminal control in {said:?}");
    let _ = run;
    assert_submitted_as_scored(&out, &said);
}

#[test]
fn an_intake_cut_short_keeps_its_draft_and_resumes() {
    let dir = tempfile::tempdir().expect("a folder");
    let out = dir.path().join("out");
    // The input ends after question 10.
    let first = plain(dir.path(), &out, &SUITABLE[..10]);
    let complaint = stderr(&first);
    first.failure().code(1);
    let kept = drafts(&out);
    assert_eq!(kept.len(), 1, "the draft is kept: {complaint}");
    assert!(
        complaint.contains(&format!("kept in {}", kept[0].display())),
        "{complaint}"
    );
    assert!(
        complaint.contains("run skin-intake --plain --out"),
        "{complaint}"
    );
    assert!(summaries(&out).is_empty());
    // Run again with no input: the unfinished intake is offered, and stays as it was.
    let idle = plain(dir.path(), &out, &[]);
    let complaint = stderr(&idle);
    idle.failure().code(1);
    assert!(
        complaint.contains("the unfinished intakes stay as they were"),
        "{complaint}"
    );
    assert_eq!(drafts(&out), kept);
    // Run again: the unfinished intake is offered by number, and goes on at question 11.
    let mut lines = vec!["1"];
    lines.extend_from_slice(&SUITABLE[10..]);
    let second = plain(dir.path(), &out, &lines);
    let said = stdout(&second);
    second.success();
    assert!(
        said.contains("Unfinished intakes:\n1. Maria Garcia, 10 of 37 answered"),
        "{said}"
    );
    assert!(said.contains("Continuing where it was left."), "{said}");
    assert!(
        !said.contains("Question 1 of"),
        "asked again from the start: {said}"
    );
    assert!(said.contains("Question 11 of 37"), "{said}");
    assert_submitted_as_scored(&out, &said);
}

#[test]
fn a_question_mark_says_the_question_again_with_its_help() {
    let dir = tempfile::tempdir().expect("a folder");
    let out = dir.path().join("out");
    let questionnaire: Value = serde_json::from_str(include_str!("../../questions.json")).unwrap();
    let concerns = &questionnaire["sections"][1]["items"][0];
    assert_eq!(concerns["id"], "concerns");
    let help = concerns["help"]["en"]
        .as_str()
        .or_else(|| concerns["help"].as_str())
        .expect("the question has help");
    let run = plain(dir.path(), &out, &["Maria Garcia", "31/05/1980", "2", "?"]);
    let said = stdout(&run);
    run.failure().code(1);
    let at = said
        .find(help)
        .unwrap_or_else(|| panic!("the help in {said}"));
    // The question again, with its number and its choices, then how to answer it.
    let before = &said[..at];
    assert!(before.rfind("Question 4 of 36").is_some(), "{said}");
    let after = &said[at..];
    assert!(after.contains("1. Dull, tired-looking skin"), "{said}");
    assert!(after.contains("Type ? for help."), "{said}");
}

#[test]
fn a_multiple_choice_is_answered_by_numbers_or_by_codes() {
    for concerns in ["2 7", "2,7", "fine_lines acne_scars", "7, fine_lines"] {
        let dir = tempfile::tempdir().expect("a folder");
        let out = dir.path().join("out");
        let mut lines = SUITABLE.to_vec();
        lines[3] = concerns;
        let run = plain(dir.path(), &out, &lines);
        let said = stdout(&run);
        run.success();
        let summary = read_json(&summaries(&out)[0]);
        assert_eq!(
            *answer(&summary, "concerns"),
            serde_json::json!(["fine_lines", "acne_scars"]),
            "{concerns}: {said}"
        );
    }
}

#[test]
fn a_choice_that_is_not_one_is_named_and_asked_again() {
    let dir = tempfile::tempdir().expect("a folder");
    let out = dir.path().join("out");
    let mut lines = SUITABLE[..3].to_vec();
    lines.extend(["2 99", "maybe"]);
    let run = plain(dir.path(), &out, &lines);
    let said = stdout(&run);
    run.failure().code(1);
    assert!(
        said.contains("Not taken: '99' is not one of the choices. Type a number from 1 to 10."),
        "{said}"
    );
    assert!(
        said.contains("Not taken: 'maybe' is not one of the choices."),
        "{said}"
    );
}

#[test]
fn no_to_submitting_changes_an_answer_by_its_number() {
    let dir = tempfile::tempdir().expect("a folder");
    let out = dir.path().join("out");
    let mut lines = SUITABLE[..SUITABLE.len() - 1].to_vec();
    // Change answer 1, the name, then submit.
    lines.extend(["n", "1", "Maria Garcia Lopez", "y"]);
    let run = plain(dir.path(), &out, &lines);
    let said = stdout(&run);
    run.success();
    assert!(
        said.contains("Which answer do you want to change?"),
        "{said}"
    );
    let summary = read_json(&summaries(&out)[0]);
    assert_eq!(answer(&summary, "full_name"), "Maria Garcia Lopez");
}

#[test]
fn nothing_answered_keeps_nothing() {
    let dir = tempfile::tempdir().expect("a folder");
    let out = dir.path().join("out");
    let run = plain(dir.path(), &out, &[]);
    let complaint = stderr(&run);
    run.failure().code(1);
    assert!(complaint.contains("nothing was kept"), "{complaint}");
    assert!(drafts(&out).is_empty());
}

#[test]
fn at_a_kiosk_no_earlier_intake_is_offered_and_no_assessment_read_back() {
    let dir = tempfile::tempdir().expect("a folder");
    let out = dir.path().join("out");
    // An earlier patient's intake, cut short.
    plain(dir.path(), &out, &SUITABLE[..5]).failure().code(1);
    assert_eq!(drafts(&out).len(), 1);
    let input = dir.path().join("kiosk.txt");
    std::fs::write(&input, SUITABLE.join("\n") + "\n").expect("write the lines");
    let run = Command::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["--plain", "--kiosk", "--today", TODAY, "--out"])
        .arg(&out)
        .pipe_stdin(&input)
        .expect("the lines as stdin")
        .assert();
    let said = stdout(&run);
    run.success();
    assert!(!said.contains("Unfinished intakes"), "{said}");
    assert!(!said.contains("Maria Garcia,"), "{said}");
    assert!(
        !said.contains("SUITABLE"),
        "no verdict for the patient: {said}"
    );
    assert!(said.contains("Send your answers?"), "{said}");
    assert!(
        said.contains("Thank you\nYour answers have been saved."),
        "{said}"
    );
    let written = summaries(&out);
    assert_eq!(written.len(), 1);
    assert_eq!(read_json(&written[0])["mode"], "kiosk");
    // The earlier draft is left for staff.
    assert_eq!(drafts(&out).len(), 1);
}

#[test]
fn a_line_too_long_or_not_text_is_named_and_asked_again() {
    let dir = tempfile::tempdir().expect("a folder");
    let out = dir.path().join("out");
    let input = dir.path().join("hostile.txt");
    let mut bytes = vec![b'x'; 200 * 1024];
    bytes.push(b'\n');
    bytes.extend_from_slice(b"\xff\xfe\n");
    bytes.extend_from_slice(b"Maria Garcia\n");
    std::fs::write(&input, bytes).expect("write the lines");
    let run = Command::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["--plain", "--today", TODAY, "--out"])
        .arg(&out)
        .pipe_stdin(&input)
        .expect("the lines as stdin")
        .assert();
    let said = stdout(&run);
    run.failure().code(1);
    assert!(
        said.contains("Not taken: That line is too long; a line holds at most 65536 characters."),
        "{}",
        &said[..said.len().min(2000)]
    );
    assert!(said.contains("Not taken: That line holds characters that are not text"));
    // The name after them is taken: the next question is asked.
    assert!(said.contains("Question 2 of 36"), "{said}");
    assert!(said.len() < 10_000, "the long line is not echoed back");
}
