//! What the shipped questionnaire asks, and how: the wording contracts of clinical revision 2.

use crate::support::{answers_with, date, questionnaire};
use serde_json::json;
use skin_intake::engine::checks;
use skin_intake::load::answers::AnswersProblem;
use skin_intake::model::questionnaire::{Item, ItemKind};
use skin_intake::words::{Words, en::English};

const TODAY: &str = "2026-11-24";

fn item(id: &str) -> Item {
    questionnaire()
        .item(id)
        .unwrap_or_else(|| panic!("question {id}"))
        .clone()
}

fn codes(id: &str) -> Vec<String> {
    item(id).options.into_iter().map(|o| o.code).collect()
}

#[test]
fn the_version_is_2_1_1() {
    assert_eq!(questionnaire().version, "2.1.1");
    assert!(questionnaire().item("scar_under_6_months").is_none());
}

#[test]
fn yes_comes_before_no_as_in_every_yes_no_question() {
    assert_eq!(codes("pregnant_or_breastfeeding"), ["yes", "no", "unsure"]);
    assert_eq!(codes("diabetes"), ["controlled", "uncontrolled", "no"]);
    assert_eq!(codes("skin_condition"), ["history", "flare", "none"]);
}

#[test]
fn medicines_are_named_as_patients_know_them() {
    let thinners = item("blood_thinners").prompt.get("en").to_owned();
    for name in [
        "warfarin",
        "apixaban (Eliquis)",
        "rivaroxaban (Xarelto)",
        "dabigatran (Pradaxa)",
        "edoxaban",
        "heparin",
        "clopidogrel",
        "aspirin",
    ] {
        assert!(thinners.contains(name), "{name}: {thinners}");
    }
    let isotretinoin = item("isotretinoin").prompt.get("en").to_owned();
    assert!(isotretinoin.contains("for any reason"), "{isotretinoin}");
    assert!(isotretinoin.contains("rosacea"), "{isotretinoin}");
    let bleeding = item("bleeding_disorder");
    assert!(
        bleeding
            .help
            .as_ref()
            .is_some_and(|h| h.get("en").contains("Factor V Leiden")),
        "a clotting tendency alone is not a bleeding disorder"
    );
}

#[test]
fn procedure_dates_follow_their_ticks_and_may_be_a_month() {
    for (code, question) in [
        ("botox", "botox_date"),
        ("filler", "filler_date"),
        ("peel_or_laser", "peel_or_laser_date"),
        ("surgery", "surgery_date"),
    ] {
        let date_item = item(question);
        assert_eq!(date_item.kind, ItemKind::Date);
        assert!(date_item.approximate && date_item.not_future, "{question}");
        assert_eq!(date_item.max_months_ago, Some(12), "{question}");
        let q = questionnaire();
        let shown = |ticked: &str| {
            let answers = answers_with(&q, &[("recent_procedures", json!([ticked]))]);
            checks::problems(&q, &answers, date(TODAY))
                .iter()
                .any(|p| p.question == question)
        };
        assert!(shown(code), "{question} is asked after {code}");
        assert!(!shown("none"), "{question} is not asked after none");
    }
    let scar = item("scar_date");
    assert!(scar.approximate && scar.not_future);
}

#[test]
fn cellulite_needs_a_body_area() {
    let q = questionnaire();
    let problems = |concerns: serde_json::Value, areas: serde_json::Value| {
        let answers = answers_with(&q, &[("concerns", concerns), ("areas", areas)]);
        checks::problems(&q, &answers, date(TODAY))
            .into_iter()
            .map(|p| English.answers_problem(&AnswersProblem::Answer(p)))
            .collect::<Vec<_>>()
    };
    let refused = problems(json!(["cellulite"]), json!(["face", "neck"]));
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0].starts_with("question 'areas': Cellulite is treated on the body"),
        "{refused:?}"
    );
    assert_eq!(
        problems(json!(["fine_lines", "cellulite"]), json!(["face"])).len(),
        1
    );
    for areas in [
        json!(["thighs"]),
        json!(["face", "buttocks"]),
        json!(["arms"]),
    ] {
        assert!(
            problems(json!(["cellulite"]), areas.clone()).is_empty(),
            "{areas}"
        );
    }
    assert!(problems(json!(["fine_lines"]), json!(["face"])).is_empty());
}
