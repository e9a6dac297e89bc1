//! Cross-question constraints: checked once their question is answered, reported at it.

use crate::support::{date, fixture};
use serde_json::{Value, json};
use skin_intake::engine::checks::{self, Fault};
use skin_intake::engine::intake::{Intake, Step};
use skin_intake::load;
use skin_intake::load::answers::AnswersProblem;
use skin_intake::model::answer::Answer;
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

#[test]
fn an_answer_is_checked_against_the_constraints_of_its_question() {
    let q = fixture("valid.json");
    let file = json!({"answers": {"name": "Ada", "born": "1980-05-31", "concerns": ["lines"]}});
    let (answers, found) = load::answers::parse_file(&q, &file.to_string());
    assert!(found.is_empty(), "{found:?}");
    let sunburn = q.item("sunburn").expect("the question");
    let check = |answer: Option<Answer>| {
        checks::check_in_context(&q, &answers, sunburn, answer.as_ref(), date(TODAY))
    };
    let fault = check(Some(Answer::Bool(true))).expect_err("the constraint does not hold");
    assert_eq!(
        fault,
        Fault::Constraint {
            id: "no_lines_after_sunburn".into(),
            message: q.constraints[0].message.clone(),
        }
    );
    assert_eq!(
        English.fault(&fault),
        "Fine lines are not treated after sunburn."
    );
    assert_eq!(check(Some(Answer::Bool(false))), Ok(()));
    assert_eq!(
        check(None),
        Err(Fault::Missing {
            kind: skin_intake::model::questionnaire::ItemKind::Boolean
        })
    );
}

#[test]
fn the_intake_refuses_an_answer_that_breaks_a_constraint_and_lists_disagreements() {
    let q = std::sync::Arc::new(fixture("valid.json"));
    let file = json!({"answers": {"name": "Ada", "born": "1980-05-31", "concerns": ["lines"]}});
    let (answers, _) = load::answers::parse_file(&q, &file.to_string());
    let mut intake = Intake::new(q.clone(), answers, date(TODAY), "en");
    assert_eq!(intake.current_question(), Some("sunburn"));
    assert!(matches!(
        intake.confirm(Some(Answer::Bool(true))),
        Err(Fault::Constraint { .. })
    ));
    assert_eq!(intake.current_question(), Some("sunburn"), "it stays");
    assert!(intake.disagreements().is_empty());
    intake.confirm(Some(Answer::Bool(false))).expect("accepted");

    // Sunburn, then fine lines added from the review: the review lists it, submitting opens
    // the constraint's question.
    let file = json!({"answers": {"name": "Ada", "born": "1980-05-31", "concerns": ["scars"],
        "scar_severity": "mild", "sunburn": true, "allergies": ["none"]}});
    let (answers, _) = load::answers::parse_file(&q, &file.to_string());
    let mut intake = Intake::new(q, answers, date(TODAY), "en");
    intake.open_review();
    intake.open_from_review("concerns");
    let both = Answer::Choices(vec!["lines".into(), "scars".into()]);
    intake
        .confirm(Some(both))
        .expect("concerns is not the constraint's question");
    assert_eq!(intake.step(), &Step::Review);
    assert_eq!(intake.disagreements().len(), 1);
    assert_eq!(intake.disagreements()[0].question, "sunburn");
    let problem = intake.check_for_submit().expect_err("a disagreement");
    assert_eq!(problem.question, "sunburn");
    assert_eq!(intake.current_question(), Some("sunburn"));
}
