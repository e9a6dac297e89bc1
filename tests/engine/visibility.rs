//! Which questions are shown, and moving among them, as the intake flow does it.

use std::sync::Arc;

use chrono::NaiveDate;
use skin_intake::engine::intake::{Back, Intake};
use skin_intake::model::answer::{Answer, Answers};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 10).unwrap()
}

fn intake(answers: Answers) -> Intake {
    Intake::new(
        Arc::new(skin_intake::load::questionnaire::built_in()),
        answers,
        day(),
        "en",
    )
}

/// Answers up to "areas" (not included), with these concerns.
fn before_areas(concerns: &[&str]) -> Answers {
    let mut a = Answers::new();
    a.set("full_name", Answer::Text("Ada".into()));
    a.set(
        "date_of_birth",
        Answer::Date(NaiveDate::from_ymd_opt(1980, 5, 31).unwrap()),
    );
    a.set("pregnant_or_breastfeeding", Answer::Choice("no".into()));
    a.set(
        "concerns",
        Answer::Choices(concerns.iter().map(|&c| c.to_owned()).collect()),
    );
    a
}

fn at(intake: &Intake) -> &str {
    intake.current_question().unwrap_or("review")
}

#[test]
fn position_counts_only_shown_questions() {
    let (k, n) = intake(Answers::new()).position("areas").unwrap();
    assert_eq!(k, 5);
    let mut a = Answers::new();
    a.set("concerns", Answer::Choices(vec!["acne_scars".into()]));
    let (k2, n2) = intake(a).position("areas").unwrap();
    assert_eq!((k2, n2), (k, n + 1));
    assert_eq!(intake(Answers::new()).position("acne_scar_severity"), None);
}

#[test]
fn next_and_previous_skip_hidden_questions() {
    let areas = Some(Answer::Choices(vec!["face".into()]));
    let mut plain = intake(before_areas(&["fine_lines"]));
    assert_eq!(at(&plain), "areas");
    plain.confirm(areas.clone()).unwrap();
    assert_eq!(at(&plain), "skin_type");

    let mut marks = intake(before_areas(&["stretch_marks"]));
    marks.confirm(areas).unwrap();
    assert_eq!(at(&marks), "stretch_mark_colour");
    marks.confirm(Some(Answer::Choice("red".into()))).unwrap();
    marks.confirm(Some(Answer::Choice("mild".into()))).unwrap();
    assert_eq!(at(&marks), "skin_type");
    assert_eq!(marks.back(), Back::Moved);
    assert_eq!(at(&marks), "stretch_mark_severity");

    let mut first = intake(Answers::new());
    assert_eq!(at(&first), "full_name");
    assert_eq!(first.back(), Back::AtStart);
    assert_eq!(at(&first), "full_name");
}

#[test]
fn first_unanswered_treats_blank_optional_as_answered() {
    assert_eq!(at(&intake(Answers::new())), "full_name");
    let mut a = Answers::new();
    a.set("full_name", Answer::Text("Ada".into()));
    assert_eq!(at(&intake(a.clone())), "date_of_birth");
    a.set("notes", Answer::Text(String::new()));
    assert_ne!(at(&intake(a)), "notes");
}
