//! Which questions are shown, and moving among them.

use chrono::NaiveDate;
use skin_intake::engine::visibility::{first_unanswered, next_shown, position, previous_shown};
use skin_intake::model::answer::{Answer, Answers};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 10).unwrap()
}

#[test]
fn position_counts_only_shown_questions() {
    let q = skin_intake::load::questionnaire::built_in();
    let mut a = Answers::new();
    let (k, n) = position(&q, &a, day(), "areas").unwrap();
    assert_eq!(k, 5);
    a.set("concerns", Answer::Choices(vec!["acne_scars".into()]));
    let (k2, n2) = position(&q, &a, day(), "areas").unwrap();
    assert_eq!((k2, n2), (k, n + 1));
    assert_eq!(
        position(&q, &Answers::new(), day(), "acne_scar_severity"),
        None
    );
}

#[test]
fn next_and_previous_skip_hidden_questions() {
    let q = skin_intake::load::questionnaire::built_in();
    let mut a = Answers::new();
    assert_eq!(next_shown(&q, &a, day(), "areas").unwrap().id, "skin_type");
    a.set("concerns", Answer::Choices(vec!["stretch_marks".into()]));
    assert_eq!(
        next_shown(&q, &a, day(), "areas").unwrap().id,
        "stretch_mark_colour"
    );
    assert_eq!(
        previous_shown(&q, &a, day(), "skin_type").unwrap().id,
        "stretch_mark_severity"
    );
    assert!(previous_shown(&q, &a, day(), "full_name").is_none());
    assert!(next_shown(&q, &a, day(), "notes").is_none());
}

#[test]
fn first_unanswered_treats_blank_optional_as_answered() {
    let q = skin_intake::load::questionnaire::built_in();
    let mut a = Answers::new();
    assert_eq!(first_unanswered(&q, &a, day()).unwrap().id, "full_name");
    a.set("full_name", Answer::Text("Ada".into()));
    assert_eq!(first_unanswered(&q, &a, day()).unwrap().id, "date_of_birth");
    a.set("notes", Answer::Text(String::new()));
    assert!(first_unanswered(&q, &a, day()).is_some_and(|i| i.id != "notes"));
}
