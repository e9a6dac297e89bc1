//! The intake flow without a terminal: where it starts, moving on and back, follow-ups after an
//! edit from the review, and the check before submitting.

use std::sync::Arc;

use skin_intake::engine::checks::Fault;
use skin_intake::engine::intake::{Back, Intake, Step};
use skin_intake::model::answer::{Answer, Answers};
use skin_intake::model::questionnaire::ItemKind;
use skin_intake::words::{Words, en::English};

use crate::support::{answers_with, date, questionnaire};

fn fresh() -> Intake {
    with(Answers::new())
}

/// An intake of the built-in questionnaire with these answers, on the tests' day.
fn with(answers: Answers) -> Intake {
    Intake::new(Arc::new(questionnaire()), answers, date("2026-11-24"), "en")
}

/// The baseline patient's intake, every question answered: at the review.
fn finished() -> Intake {
    with(answers_with(&questionnaire(), &[]))
}

fn at(intake: &Intake) -> &str {
    intake.current_question().unwrap_or("review")
}

fn text(s: &str) -> Answer {
    Answer::Text(s.into())
}

#[test]
fn a_new_intake_starts_at_the_first_question_and_confirming_moves_on() {
    let mut intake = fresh();
    assert_eq!(at(&intake), "full_name");
    assert_eq!(intake.position("full_name").map(|(k, _)| k), Some(1));
    intake.confirm(Some(text("Ada Lovelace"))).unwrap();
    assert_eq!(at(&intake), "date_of_birth");
    assert_eq!(
        intake.answers().get("full_name"),
        Some(&text("Ada Lovelace"))
    );
    assert_eq!(intake.answered().len(), 1);
}

#[test]
fn a_refused_answer_keeps_the_question_and_says_why() {
    let mut intake = fresh();
    let fault = intake.confirm(None).unwrap_err();
    assert_eq!(
        fault,
        Fault::Missing {
            kind: ItemKind::Text
        }
    );
    assert_eq!(English.fault(&fault), "Please fill this in.");
    assert_eq!(at(&intake), "full_name");
    assert!(intake.answers().is_empty());
    let future = intake.confirm(Some(text("Ada")));
    assert!(future.is_ok());
    let fault = intake
        .confirm(Some(Answer::Date(date("2030-01-01"))))
        .unwrap_err();
    assert_eq!(fault, Fault::InFuture);
    assert_eq!(at(&intake), "date_of_birth");
}

#[test]
fn back_goes_to_the_previous_shown_question_and_stops_at_the_first() {
    let mut intake = fresh();
    assert_eq!(intake.back(), Back::AtStart);
    intake.confirm(Some(text("Ada"))).unwrap();
    assert_eq!(intake.back(), Back::Moved);
    assert_eq!(at(&intake), "full_name");
    // The answer given stays.
    assert_eq!(intake.answers().get("full_name"), Some(&text("Ada")));
}

#[test]
fn a_finished_intake_resumes_at_the_review_and_an_unfinished_one_at_its_first_gap() {
    let q = Arc::new(questionnaire());
    let all = answers_with(&q, &[]);
    let intake = Intake::new(Arc::clone(&q), all.clone(), date("2026-11-24"), "en");
    assert_eq!(intake.step(), &Step::Review);
    let some = answers_with(&q, &[("skin_type", serde_json::Value::Null)]);
    let intake = Intake::new(q, some, date("2026-11-24"), "en");
    assert_eq!(at(&intake), "skin_type");
}

#[test]
fn an_edit_from_the_review_asks_the_new_follow_ups_then_returns_to_the_review() {
    let mut intake = finished();
    let before = intake.answered().len();
    intake.open_from_review("concerns");
    assert!(intake.from_review());
    intake
        .confirm(Some(Answer::Choices(vec![
            "fine_lines".into(),
            "stretch_marks".into(),
        ])))
        .unwrap();
    // Stretch marks bring two follow-ups; acne scars' follow-up is hidden now.
    assert_eq!(at(&intake), "stretch_mark_colour");
    intake.confirm(Some(Answer::Choice("red".into()))).unwrap();
    assert_eq!(at(&intake), "stretch_mark_severity");
    intake.confirm(Some(Answer::Choice("mild".into()))).unwrap();
    assert_eq!(intake.step(), &Step::Review);
    assert_eq!(intake.answered().len(), before + 1);
    assert!(intake.position("acne_scar_severity").is_none());
}

#[test]
fn esc_on_a_question_opened_from_the_review_goes_back_to_the_review() {
    let mut intake = finished();
    intake.open_from_review("skin_type");
    assert_eq!(intake.back(), Back::Moved);
    assert_eq!(intake.step(), &Step::Review);
    intake.back_from_review();
    assert_eq!(
        at(&intake),
        "notes",
        "Esc on the review goes to the last answer"
    );
}

#[test]
fn submitting_with_a_problem_goes_to_that_question() {
    let q = Arc::new(questionnaire());
    let mut answers = answers_with(&q, &[]);
    answers.set("full_name", Answer::Text("   ".into()));
    let mut intake = Intake::new(Arc::clone(&q), answers, date("2026-11-24"), "en");
    let problem = intake.check_for_submit().unwrap_err();
    assert_eq!(problem.question, "full_name");
    assert_eq!(at(&intake), "full_name");
    assert!(intake.from_review());
    intake.confirm(Some(text("Maria Garcia"))).unwrap();
    assert_eq!(intake.step(), &Step::Review);
    assert!(intake.check_for_submit().is_ok());
}

#[test]
fn the_assessment_follows_every_confirmed_answer() {
    let mut intake = finished();
    let before = intake.assessment().suitability;
    intake.open_from_review("active_infection");
    intake.confirm(Some(Answer::Bool(true))).unwrap();
    assert!(intake.assessment().suitability > before);
    assert!(
        intake
            .assessment()
            .reasons
            .iter()
            .any(|r| r.questions.contains(&"active_infection".to_owned()))
    );
}

#[test]
fn the_cached_assessment_is_the_engines_assessment_of_the_answers() {
    let mut intake = finished();
    for (id, answer) in [
        ("active_infection", Answer::Bool(true)),
        ("keloid_history", Answer::Bool(true)),
        ("concerns", Answer::Choices(vec!["stretch_marks".into()])),
    ] {
        intake.open_from_review(id);
        intake.confirm(Some(answer)).unwrap();
        let computed = skin_intake::engine::assessment::assess(
            intake.questionnaire(),
            intake.answers(),
            date("2026-11-24"),
            "en",
        );
        assert_eq!(intake.assessment(), &computed, "after {id}");
    }
}
