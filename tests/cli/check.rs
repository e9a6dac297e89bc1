//! `skin-intake check` and `questionnaire::load`: the built-in questionnaire passes, and each
//! fixture in `tests/fixtures/questionnaires/` (the valid base with one fault) is refused with
//! the fault's exact location and a message that names it.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use skin_intake::load::questionnaire::{Location, Problem};
use skin_intake::model::questionnaire::BUILT_IN;
use skin_intake::words::{Words, en::English};

use crate::large;

const FIXTURES: &str = "tests/fixtures/questionnaires";

/// `skin-intake check ARGS…`, run from the crate root so fixture paths print as given.
fn check(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("skin-intake")
        .expect("the binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("check")
        .args(args)
        .assert()
}

fn fixture_path(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// The problems `load` finds in a fixture (empty when it loads).
fn problems(name: &str) -> Vec<Problem> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture_path(name));
    let text = std::fs::read_to_string(&path).expect("the fixture is readable");
    match skin_intake::load::questionnaire::load(name, &text) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.0,
    }
}

fn at(path: &str) -> Location {
    Location::Path(path.to_owned())
}

/// The fixture has exactly one problem, at `path`, whose message contains `word`: through
/// `load`, and through `check` (exit 2, that one line on stderr, nothing on stdout).
fn refused_for(name: &str, path: &str, word: &str) {
    let found = problems(name);
    assert_eq!(
        found.len(),
        1,
        "{name}: expected one problem, got {found:#?}"
    );
    assert_eq!(found[0].file, name);
    assert_eq!(found[0].location, at(path), "{name}: {found:#?}");
    let english = English.questionnaire_problem(&found[0]);
    assert!(
        english.contains(word),
        "{name}: {english:?} does not contain {word:?}"
    );

    let file = fixture_path(name);
    let output = check(&[&file]).code(2).stdout("").get_output().clone();
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 messages");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{name}: {stderr}");
    let prefix = format!("{file}: {path}: ");
    assert!(lines[0].starts_with(&prefix), "{name}: {stderr}");
    assert!(lines[0].contains(word), "{name}: {stderr}");
}

// ── What passes ─────────────────────────────────────────────────────────────────────────────

#[test]
fn the_built_in_questionnaire_is_ok() {
    check(&[]).success().stdout("ok\n").stderr("");
}

#[test]
fn the_shipped_questions_file_is_ok() {
    check(&["questions.json"])
        .success()
        .stdout("ok\n")
        .stderr("");
    assert!(skin_intake::load::questionnaire::load("questions.json", BUILT_IN).is_ok());
}

#[test]
fn the_base_fixture_is_ok() {
    assert_eq!(problems("valid.json"), Vec::new());
    // It declares Spanish without a word of it: each text is listed, and it is still ok.
    let out = check(&[&fixture_path("valid.json")])
        .success()
        .stdout("ok\n")
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(!err.is_empty());
    assert!(
        err.lines()
            .all(|l| l.contains(": no \"es\" text, and the questionnaire declares")),
        "{err}"
    );
}

/// A questionnaire far longer than ours (the benchmarks' one: the built-in one 100 times, every
/// id renamed per copy) passes, and a copy's screening rule and constraint read that copy's
/// answers.
#[test]
fn a_questionnaire_100_times_the_built_in_one_is_ok_and_each_copy_keeps_its_rules() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let questions = dir.path().join("questions.json");
    std::fs::write(&questions, large::questionnaire(100)).expect("write the questionnaire");
    let file = questions.to_str().expect("a UTF-8 temporary path");
    check(&[file]).success().stdout("ok\n").stderr("");

    let mut answers: serde_json::Value =
        serde_json::from_str(&large::answers(100)).expect("the answers are JSON");
    let sun = large::renamed("recent_sun", 99);
    answers["answers"][&sun] = true.into();
    let answers_file = dir.path().join("answers.json");
    std::fs::write(&answers_file, answers.to_string()).expect("write the answers");
    let output = Command::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["score", "--today", "2025-03-10", "--questions", file])
        .arg(&answers_file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let summary: serde_json::Value = serde_json::from_slice(&output).expect("the summary is JSON");
    let assessment = &summary["assessment"];
    assert_eq!(assessment["suitability"], "delay");
    let reasons = assessment["reasons"].as_array().expect("reasons");
    assert_eq!(reasons.len(), 1, "{reasons:#?}");
    assert_eq!(reasons[0]["rule"], large::renamed("recent_sun", 99));
    assert_eq!(reasons[0]["questions"], serde_json::json!([sun]));

    // The last copy's constraint reads the last copy's answers, and only those.
    answers["answers"][large::renamed("concerns", 99)] = serde_json::json!(["cellulite"]);
    std::fs::write(&answers_file, answers.to_string()).expect("write the answers");
    let output = Command::cargo_bin("skin-intake")
        .expect("the binary")
        .args(["score", "--today", "2025-03-10", "--questions", file])
        .arg(&answers_file)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(output).expect("UTF-8 messages");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&large::renamed("areas", 99)), "{stderr}");
}

// ── Files that cannot be read ───────────────────────────────────────────────────────────────

#[test]
fn a_missing_file_is_bad_input() {
    let file = fixture_path("does_not_exist.json");
    check(&[&file])
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(format!(
            "{file}: cannot read the file"
        )));
}

#[test]
fn a_file_that_is_not_utf8_is_bad_input_without_a_panic() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("latin1.json");
    std::fs::write(&path, b"{\"id\": \"caf\xe9\", \xff\xfe}").expect("write the file");
    let file = path.to_str().expect("a UTF-8 temporary path");
    check(&[file])
        .code(2)
        .stdout("")
        .stderr(format!("{file}: not UTF-8 text\n"));
}

// ── Structural problems, found while parsing ────────────────────────────────────────────────

#[test]
fn a_syntax_error_gives_file_line_and_column() {
    let found = problems("syntax_error.json");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].location, Location::Position { line: 4, column: 3 });
    let file = fixture_path("syntax_error.json");
    check(&[&file])
        .code(2)
        .stdout("")
        .stderr(format!("{file}:4:3: JSON syntax: expected `,` or `}}`\n"));
}

#[test]
fn a_missing_field() {
    // The broken item is dropped; the rules that read it are not reported again.
    refused_for(
        "missing_field.json",
        "sections[1].items[0]",
        "missing field `prompt`",
    );
}

#[test]
fn an_unknown_field() {
    refused_for(
        "unknown_field.json",
        "sections[0].items[0].hint",
        "unknown field `hint`",
    );
}

#[test]
fn an_unknown_item_type() {
    refused_for(
        "unknown_item_type.json",
        "sections[1].items[0].type",
        "`yes_no`",
    );
}

// ── The whole file ──────────────────────────────────────────────────────────────────────────

#[test]
fn no_sections() {
    let found = problems("no_sections.json");
    assert_eq!(found[0].location, at(""), "{found:#?}");
    assert!(
        English
            .questionnaire_problem(&found[0])
            .contains("no sections"),
        "{found:#?}"
    );
    let file = fixture_path("no_sections.json");
    check(&[&file])
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(format!(
            "{file}: the questionnaire has no sections"
        )));
}

#[test]
fn an_empty_section() {
    refused_for(
        "empty_section.json",
        "sections[2].items",
        "'extra' has no questions",
    );
}

#[test]
fn a_blank_version() {
    refused_for("blank_version.json", "version", "empty");
}

#[test]
fn languages_without_english() {
    refused_for("no_english_language.json", "languages", "\"en\"");
}

#[test]
fn a_prompt_without_english() {
    refused_for(
        "missing_english.json",
        "sections[0].items[0].prompt",
        "English",
    );
}

#[test]
fn a_blank_english_option_label() {
    refused_for(
        "blank_english_label.json",
        "sections[0].items[2].options[0].label",
        "English",
    );
}

// ── Duplicate ids ───────────────────────────────────────────────────────────────────────────

#[test]
fn a_duplicate_question_id() {
    refused_for(
        "duplicate_question_id.json",
        "sections[1].items[1].id",
        "'sunburn' is used already by sections[1].items[0]",
    );
}

#[test]
fn a_duplicate_option_code() {
    refused_for(
        "duplicate_option_code.json",
        "sections[0].items[3].options[2].code",
        "'mild' is used already",
    );
}

#[test]
fn a_duplicate_rule_id() {
    refused_for(
        "duplicate_rule_id.json",
        "rules.screening[3].id",
        "'sunburn' is used already by rules.screening[1]",
    );
}

// ── Item shape ──────────────────────────────────────────────────────────────────────────────

#[test]
fn a_single_choice_with_one_option() {
    refused_for(
        "too_few_options.json",
        "sections[1].items[1].options",
        "at least 2 options",
    );
}

#[test]
fn options_on_a_yes_no_question() {
    refused_for(
        "options_on_boolean.json",
        "sections[1].items[0].options",
        "cannot have options",
    );
}

#[test]
fn exclusive_on_a_single_choice_option() {
    refused_for(
        "exclusive_on_single.json",
        "sections[0].items[3].options[0].exclusive",
        "only applies to options of a \"multi\" question",
    );
}

#[test]
fn a_date_setting_on_a_text_question() {
    refused_for(
        "date_setting_on_text.json",
        "sections[0].items[0].not_future",
        "only applies to \"date\" questions",
    );
}

#[test]
fn approximate_on_a_text_question() {
    refused_for(
        "approximate_on_text.json",
        "sections[0].items[0].approximate",
        "only applies to \"date\" questions",
    );
}

#[test]
fn a_zero_max_length() {
    refused_for(
        "zero_max_length.json",
        "sections[0].items[0].max_length",
        "is 0",
    );
}

// ── Conditions ──────────────────────────────────────────────────────────────────────────────

#[test]
fn a_condition_naming_an_unknown_question() {
    refused_for(
        "unknown_question.json",
        "rules.screening[1].when.equals",
        "'sunburnt', which does not exist",
    );
}

#[test]
fn a_nested_condition_names_its_exact_place() {
    refused_for(
        "unknown_question_nested.json",
        "rules.screening[3].when.all[1].not.answered",
        "'last_dos', which does not exist",
    );
}

#[test]
fn a_condition_with_an_unknown_option_code() {
    refused_for(
        "unknown_option_code.json",
        "rules.plans[1].when.one_of",
        "'extreme' is not an option code of question 'scar_severity'",
    );
}

#[test]
fn show_if_on_a_later_question() {
    refused_for(
        "show_if_later.json",
        "sections[0].items[3].show_if.equals",
        "'sunburn', which comes later",
    );
}

#[test]
fn show_if_on_itself() {
    refused_for(
        "show_if_self.json",
        "sections[0].items[3].show_if.answered",
        "'scar_severity' itself",
    );
}

#[test]
fn includes_on_a_single_choice() {
    refused_for(
        "includes_on_single.json",
        "rules.plans[1].when.includes",
        "needs a \"multi\" question",
    );
}

#[test]
fn equals_a_code_on_a_yes_no_question() {
    refused_for(
        "equals_wrong_value.json",
        "rules.notes[1].when.any[0].equals",
        "true or false",
    );
}

#[test]
fn age_under_on_a_text_question() {
    refused_for(
        "age_under_not_date.json",
        "rules.screening[0].when.age_under",
        "needs a \"date\" question",
    );
}

#[test]
fn an_empty_all() {
    refused_for("empty_all.json", "rules.screening[3].when.all", "empty");
}

#[test]
fn within_days_on_a_yes_no_question() {
    refused_for(
        "within_days_not_date.json",
        "rules.screening[3].when.within_days",
        "needs a \"date\" question",
    );
}

// ── Constraints ─────────────────────────────────────────────────────────────────────────────

#[test]
fn a_constraint_on_an_unknown_question() {
    refused_for(
        "constraint_unknown_question.json",
        "constraints[0].question",
        "'sunburnt', which does not exist",
    );
}

#[test]
fn a_constraint_that_reads_a_later_question() {
    refused_for(
        "constraint_reads_later.json",
        "constraints[0].require.not.all[0].equals",
        "'sunburn', which comes after its question 'concerns'",
    );
}

// ── Rules, ranges and plans ─────────────────────────────────────────────────────────────────

#[test]
fn reassess_on_a_rule_that_is_not_a_delay() {
    refused_for(
        "reassess_not_delay.json",
        "rules.screening[3].reassess",
        "only applies to \"delay\" rules",
    );
}

#[test]
fn reassess_months_after_a_question_that_is_not_a_date() {
    refused_for(
        "reassess_not_date.json",
        "rules.screening[2].reassess.months_after_answer",
        "needs a \"date\" question",
    );
}

#[test]
fn reassess_days_after_a_question_that_is_not_a_date() {
    refused_for(
        "reassess_days_not_date.json",
        "rules.screening[3].reassess.days_after_answer",
        "needs a \"date\" question",
    );
}

#[test]
fn an_inverted_range() {
    refused_for(
        "inverted_range.json",
        "rules.plans[0].sessions",
        "inverted range",
    );
}

#[test]
fn an_implausible_number_of_sessions() {
    refused_for(
        "implausible_sessions.json",
        "rules.plans[0].sessions",
        "max 400 is not plausible here; use at most 50",
    );
}

#[test]
fn an_interval_of_zero_weeks() {
    refused_for("zero_interval.json", "rules.interval_weeks", "at least 1");
}

#[test]
fn concerns_question_that_is_not_multi() {
    refused_for(
        "concerns_not_multi.json",
        "rules.concerns_question",
        "must name a \"multi\" question",
    );
}

#[test]
fn a_plan_for_an_unknown_concern() {
    refused_for(
        "plan_unknown_concern.json",
        "rules.plans[3].concern",
        "'pores' is not an option code",
    );
}

#[test]
fn a_concern_without_a_fallback_plan() {
    refused_for(
        "no_fallback_plan.json",
        "rules.plans",
        "'scars' has no plan row without `when`",
    );
}

#[test]
fn a_plan_row_after_the_fallback() {
    refused_for("unreachable_plan.json", "rules.plans[1]", "can never match");
}

#[test]
fn patient_name_on_a_date_question() {
    refused_for(
        "patient_name_not_text.json",
        "patient.name",
        "must name a \"text\" question",
    );
}

// ── Every problem at once ───────────────────────────────────────────────────────────────────

#[test]
fn several_broken_elements_are_all_reported() {
    let found = problems("many_broken.json");
    let locations: Vec<&Location> = found.iter().map(|p| &p.location).collect();
    assert_eq!(
        locations,
        [
            &at("sections[0].items[0].hint"),
            &at("sections[1].items[0].type"),
            &at("rules.screening[3].level"),
            &at("rules.plans[0].sessions.max"),
        ],
        "{found:#?}"
    );
}

#[test]
fn several_problems_are_all_reported() {
    let found = problems("many_problems.json");
    let locations: Vec<&Location> = found.iter().map(|p| &p.location).collect();
    assert_eq!(
        locations,
        [
            &at("sections[1].title"),
            &at("rules.screening[1].when.equals"),
            &at("rules.screening[3].id"),
            &at("rules.plans[0].sessions"),
        ],
        "{found:#?}"
    );
    let file = fixture_path("many_problems.json");
    let output = check(&[&file]).code(2).stdout("").get_output().clone();
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 messages");
    assert_eq!(stderr.lines().count(), 4, "{stderr}");
    assert!(
        stderr
            .lines()
            .all(|line| line.starts_with(&format!("{file}: "))),
        "{stderr}"
    );
}
