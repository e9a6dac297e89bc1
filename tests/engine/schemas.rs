//! The JSON Schemas shipped under `schema/`: generated from the types (a test fails when one is out
//! of date; `SKIN_INTAKE_UPDATE_SCHEMAS=1 cargo test --test engine schemas` rewrites them), and
//! what they accept: the shipped questionnaire and every summary, never a file the loader refuses.

use serde_json::{Value, json};
use skin_intake::engine::summary::{Metadata, Mode, Override, Summary};
use skin_intake::load;
use skin_intake::model::questionnaire::{BUILT_IN, Level};
use skin_intake::words::{Words, en::English};

use crate::schema::{assert_valid_summary, questionnaire_errors};
use crate::support::{answers_with, date, questionnaire};

fn up_to_date(name: &str, generated: &Value) {
    let path = format!("{}/schema/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut text = serde_json::to_string_pretty(generated).expect("a schema serialises");
    text.push('\n');
    if std::env::var_os("SKIN_INTAKE_UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &text).expect("write the schema");
    }
    let shipped = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        shipped == text,
        "{path} is out of date with the types it describes; rewrite it with \
         SKIN_INTAKE_UPDATE_SCHEMAS=1 cargo test --test engine schemas, and review the diff"
    );
}

#[test]
fn the_shipped_schemas_are_those_of_the_types() {
    up_to_date("questions.schema.json", &load::schema::questionnaire());
    up_to_date("summary.schema.json", &load::schema::summary());
}

#[test]
fn the_shipped_questionnaire_fits_its_schema_and_names_it() {
    let q: Value = serde_json::from_str(BUILT_IN).expect("JSON");
    assert_eq!(questionnaire_errors(&q), Vec::<String>::new());
    assert_eq!(q["$schema"], "./schema/questions.schema.json");
    let fixture: Value =
        serde_json::from_str(include_str!("../fixtures/questionnaires/valid.json")).expect("JSON");
    assert_eq!(questionnaire_errors(&fixture), Vec::<String>::new());
}

#[test]
fn the_schema_refuses_what_the_loader_refuses_by_structure() {
    let base: Value = serde_json::from_str(BUILT_IN).expect("JSON");
    let cases = [
        ("/sections/0/items/0/hint", json!("an unknown field")),
        ("/sections/0/items/0/type", json!("slider")),
        ("/sections/0/items/0/prompt", json!(3)),
        ("/rules/screening/0/level", json!("fine")),
        (
            "/rules/screening/0/when",
            json!({"equal": {"question": "a", "value": true}}),
        ),
        ("/url", json!("not a url")),
    ];
    for (pointer, value) in cases {
        let mut q = base.clone();
        let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
        q.pointer_mut(parent).expect("there")[key] = value;
        assert!(!questionnaire_errors(&q).is_empty(), "{pointer} is refused");
        let text = q.to_string();
        if pointer != "/url" {
            assert!(
                load::questionnaire::load("q.json", &text).is_err(),
                "the loader refuses {pointer} too"
            );
        }
    }
}

#[test]
fn every_summary_fits_its_schema() {
    let q = questionnaire();
    let files = [
        "suitable",
        "delay",
        "not_suitable",
        "physician_review",
        "every_type",
    ];
    for file in files {
        let text = std::fs::read_to_string(format!(
            "{}/tests/fixtures/answers/{file}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("the fixture");
        let given: Value = serde_json::from_str(&text).expect("JSON");
        let changes: Vec<(&str, Value)> = given["answers"]
            .as_object()
            .expect("answers")
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        for mode in [Mode::Batch, Mode::Staff, Mode::Kiosk] {
            let meta = Metadata {
                id: "6a0e8c1e-0000-4000-8000-000000000001".into(),
                language: "en".into(),
                mode,
                completed_at: chrono::DateTime::parse_from_rfc3339("2026-11-24T10:15:00+01:00")
                    .expect("a time"),
                reference_date: date("2026-11-24"),
            };
            let mut s = Summary::new(&q, &answers_with(&q, &changes), meta, |shown| {
                English.shown(shown)
            });
            assert_valid_summary(&serde_json::to_value(&s).expect("JSON"));
            s.clinician_note = Some("Discussed downtime.".into());
            s.verdict_override = Some(Override {
                suitability: Level::Delay,
                reason: "Holiday in the sun next week".into(),
                by: "AB".into(),
                at: s.completed_at,
                start_date: None,
                schedule: None,
            });
            assert_valid_summary(&serde_json::to_value(&s).expect("JSON"));
        }
    }
}

#[test]
fn the_summary_schema_refuses_a_summary_that_is_not_one() {
    let q = questionnaire();
    let meta = Metadata {
        id: "x".into(),
        language: "en".into(),
        mode: Mode::Batch,
        completed_at: chrono::DateTime::parse_from_rfc3339("2026-11-24T10:15:00Z").expect("time"),
        reference_date: date("2026-11-24"),
    };
    let s = Summary::new(&q, &answers_with(&q, &[]), meta, |shown| {
        English.shown(shown)
    });
    let good = serde_json::to_value(&s).expect("JSON");
    for (pointer, value) in [
        ("/format", json!("skin-intake/draft")),
        ("/assessment/suitability", json!("fine")),
        ("/completed_at", json!("yesterday")),
        ("/mode", json!("robot")),
    ] {
        let mut bad = good.clone();
        *bad.pointer_mut(pointer).expect("there") = value;
        let outcome = std::panic::catch_unwind(|| assert_valid_summary(&bad));
        assert!(outcome.is_err(), "{pointer} is refused");
    }
}
