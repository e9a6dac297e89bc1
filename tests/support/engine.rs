//! Shared helpers for the engine tests: the built-in questionnaire and a baseline patient.
#![allow(dead_code)]

use chrono::NaiveDate;
use serde_json::Value;
use skin_intake::engine::assessment::{Assessment, assess};
use skin_intake::load;
use skin_intake::model::answer::Answers;
use skin_intake::model::questionnaire::Questionnaire;

pub const BASELINE: &str = include_str!("../fixtures/answers/suitable.json");

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a test date")
}

pub fn questionnaire() -> Questionnaire {
    skin_intake::load::questionnaire::built_in()
}

/// The baseline patient (suitable, fine lines + moderate acne scars) with some answers changed;
/// `Value::Null` removes an answer.
pub fn answers_with(q: &Questionnaire, changes: &[(&str, Value)]) -> Answers {
    let mut answers = load::answers::read_and_check(q, BASELINE, date("2026-11-24"))
        .expect("the baseline answers are valid");
    for (id, value) in changes {
        if value.is_null() {
            answers.remove(id);
        } else {
            let item = q
                .item(id)
                .expect("a question of the built-in questionnaire");
            answers.set(
                id,
                load::answers::from_json(item, value).expect("a well-typed test answer"),
            );
        }
    }
    answers
}

pub fn assess_with(changes: &[(&str, Value)], today: &str) -> Assessment {
    let q = questionnaire();
    assess(&q, &answers_with(&q, changes), date(today), "en")
}

/// A questionnaire from `tests/fixtures/questionnaires/`.
pub fn fixture(name: &str) -> Questionnaire {
    let path = format!(
        "{}/tests/fixtures/questionnaires/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("the fixture is readable");
    load::questionnaire::load(name, &text).expect("the fixture is valid")
}
