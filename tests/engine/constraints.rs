//! Cross-question constraints: checked once their question is answered, reported at it.

use crate::support::{date, fixture};
use serde_json::{Value, json};
use skin_intake::engine::checks;
use skin_intake::load;
use skin_intake::load::answers::AnswersProblem;
use skin_intake::words::{Words, en::English};

const TODAY: &str = "2026-11-24";

/// The fixture's answers with `sunburn` and `concerns` set; `Null` leaves sunburn unanswered.
fn problems(concerns: &Value, sunburn: Value) -> Vec<String> {
    let q = fixture("valid.json");
    let mut file = json!({"answers": {
        "name": "Ada", "born": "1980-05-31", "concerns": concerns, "scar_severity": "mild",
        "allergies": ["none"]
    }});
    if !sunburn.is_null() {
        file["answers"]["sunburn"] = sunburn;
    }
    let (answers, found) = load::answers::parse_file(&q, &file.to_string());
    assert!(found.is_empty(), "{found:?}");
    let broken: Vec<&str> = checks::broken_constraints(&q, &answers, date(TODAY))
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let found: Vec<String> = checks::problems(&q, &answers, date(TODAY))
        .into_iter()
        .map(|p| English.answers_problem(&AnswersProblem::Answer(p)))
        .collect();
    assert_eq!(
        broken.len(),
        found.iter().filter(|p| p.contains("not treated")).count(),
        "{broken:?} {found:?}"
    );
    found
}

#[test]
fn a_broken_constraint_is_a_problem_at_its_question() {
    assert_eq!(
        problems(&json!(["lines", "scars"]), json!(true)),
        ["question 'sunburn': Fine lines are not treated after sunburn."]
    );
}

#[test]
fn a_constraint_that_holds_is_no_problem() {
    assert!(problems(&json!(["lines"]), json!(false)).is_empty());
    assert!(problems(&json!(["scars"]), json!(true)).is_empty());
}

#[test]
fn a_constraint_waits_for_its_question() {
    assert_eq!(
        problems(&json!(["lines"]), Value::Null),
        ["question 'sunburn': Please choose an answer."],
        "only the missing answer, not the constraint"
    );
}
