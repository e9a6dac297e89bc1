//! FHIR R4 exports: the Questionnaire from `questions.json`, a QuestionnaireResponse from each
//! summary, and how they fit each other (every answered linkId declared, with its type).

use std::collections::{BTreeMap, HashSet};

use crate::support::{BASELINE, answers_with, date, questionnaire};
use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};
use skin_intake::engine::summary::{Metadata, Mode, Override, Summary};
use skin_intake::fhir::{self, ExportError};
use skin_intake::load;
use skin_intake::model::questionnaire::{Level, Questionnaire};
use skin_intake::words::{Words, en::English};

const URL: &str = "https://fhir.skin-intake.example/Questionnaire/microneedling-intake";

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a test time")
}

fn summary_of(q: &Questionnaire, changes: &[(&str, Value)], mode: Mode) -> Summary {
    let meta = Metadata {
        id: "0b6b1b7e-5f43-4c8e-9a51-2f1d4c7e8a90".into(),
        language: "en".into(),
        mode,
        completed_at: at("2026-11-24T10:15:00+01:00"),
        reference_date: date("2026-11-24"),
    };
    Summary::new(q, &answers_with(q, changes), meta, |shown| {
        English.shown(shown)
    })
}

fn json_of(resource: &impl serde::Serialize) -> Value {
    serde_json::to_value(resource).expect("serialises")
}

fn response(summary: &Summary) -> Value {
    json_of(&fhir::response::export(summary, &questionnaire()).expect("the built-in has a url"))
}

fn declared() -> Value {
    json_of(&fhir::questionnaire::export(&questionnaire(), "en").expect("exported"))
}

fn declared_from(q: &Questionnaire, language: &str) -> Value {
    json_of(&fhir::questionnaire::export(q, language).expect("exported"))
}

/// The response items with `link_id`, anywhere.
fn items<'a>(resource: &'a Value, link_id: &str) -> Vec<&'a Value> {
    fn walk<'a>(items: &'a Value, link_id: &str, out: &mut Vec<&'a Value>) {
        for item in items.as_array().into_iter().flatten() {
            if item["linkId"] == link_id {
                out.push(item);
            }
            walk(&item["item"], link_id, out);
        }
    }
    let mut out = Vec::new();
    walk(&resource["item"], link_id, &mut out);
    out
}

fn answers_of<'a>(resource: &'a Value, link_id: &str) -> &'a Value {
    let found = items(resource, link_id);
    assert_eq!(found.len(), 1, "one item {link_id}");
    &found[0]["answer"]
}

/// Every linkId of the Questionnaire with its type and whether it repeats; fails on a linkId
/// declared twice.
fn declarations(questionnaire: &Value) -> BTreeMap<String, (String, bool)> {
    fn walk(items: &Value, out: &mut BTreeMap<String, (String, bool)>) {
        for item in items.as_array().into_iter().flatten() {
            let link_id = item["linkId"].as_str().expect("a linkId").to_owned();
            let kind = item["type"].as_str().expect("a type").to_owned();
            let repeats = item["repeats"] == true;
            assert!(
                out.insert(link_id.clone(), (kind, repeats)).is_none(),
                "linkId {link_id} declared twice"
            );
            walk(&item["item"], out);
        }
    }
    let mut out = BTreeMap::new();
    walk(&questionnaire["item"], &mut out);
    out
}

/// What the exports promise each other: no item has both answers and items; every answered
/// linkId is declared, with a value of its type; only repeating items have several answers or
/// appear twice among their siblings.
fn conforms(questionnaire: &Value, response: &Value) {
    fn walk(items: &Value, declared: &BTreeMap<String, (String, bool)>) {
        let mut seen = HashSet::new();
        for item in items.as_array().into_iter().flatten() {
            let link_id = item["linkId"].as_str().expect("a linkId");
            let (kind, repeats) = declared
                .get(link_id)
                .unwrap_or_else(|| panic!("{link_id} is not declared"));
            assert!(
                seen.insert(link_id) || *repeats,
                "{link_id} twice but does not repeat"
            );
            assert!(
                item.get("answer").is_none() || item.get("item").is_none(),
                "{link_id} has both answers and items"
            );
            let answers = item["answer"].as_array().cloned().unwrap_or_default();
            assert!(answers.len() <= 1 || *repeats, "{link_id}: several answers");
            let key = match kind.as_str() {
                "string" | "text" => "valueString",
                "date" => "valueDate",
                "dateTime" => "valueDateTime",
                "boolean" => "valueBoolean",
                "integer" => "valueInteger",
                "choice" => "valueCoding",
                "group" => {
                    assert!(answers.is_empty(), "{link_id}: a group with answers");
                    ""
                }
                other => panic!("{link_id}: a {other} item answered"),
            };
            for answer in &answers {
                let keys: Vec<&String> = answer.as_object().expect("an answer").keys().collect();
                assert_eq!(
                    keys,
                    [key],
                    "{link_id}: answered as {keys:?}, declared {kind}"
                );
            }
            walk(&item["item"], declared);
        }
    }
    walk(&response["item"], &declarations(questionnaire));
}

fn patient(file: &str) -> Vec<(String, Value)> {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/answers/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the fixture");
    let v: Value = serde_json::from_str(&text).expect("JSON");
    v["answers"]
        .as_object()
        .expect("answers")
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn summary_of_file(file: &str, mode: Mode) -> Summary {
    let q = questionnaire();
    let changes = patient(file);
    let changes: Vec<(&str, Value)> = changes
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    summary_of(&q, &changes, mode)
}

// ── The QuestionnaireResponse ───────────────────────────────────────────────────────────────

#[test]
fn a_response_names_its_intake_questionnaire_patient_and_time() {
    let s = summary_of(&questionnaire(), &[], Mode::Batch);
    let r = response(&s);
    assert_eq!(r["resourceType"], "QuestionnaireResponse");
    assert_eq!(
        r["identifier"],
        json!({"system": format!("{URL}/intake"), "value": s.id})
    );
    assert_eq!(r["questionnaire"], format!("{URL}|2.1.1"));
    assert_eq!(r["status"], "completed");
    assert_eq!(r["authored"], "2026-11-24T10:15:00+01:00");
    assert_eq!(r["language"], "en");
    let patient = json!({"display": "Maria Garcia (born 1980-05-31)"});
    assert_eq!(r["subject"], patient);
    assert_eq!(r["source"], patient);
    assert!(r.get("author").is_none(), "a batch file has no author");
}

#[test]
fn the_author_is_the_patient_at_the_kiosk_and_the_clinician_with_staff() {
    let kiosk = response(&summary_of(&questionnaire(), &[], Mode::Kiosk));
    assert_eq!(kiosk["author"]["display"], "Maria Garcia (born 1980-05-31)");
    let mut staff = summary_of(&questionnaire(), &[], Mode::Staff);
    staff.verdict_override = Some(Override {
        suitability: Level::PhysicianReview,
        reason: "Wants a dermatologist's view first".into(),
        by: "JM".into(),
        at: at("2026-11-24T10:20:00+01:00"),
        start_date: None,
        schedule: None,
    });
    staff.clinician_note = Some("Discussed downtime.".into());
    let r = response(&staff);
    assert_eq!(r["author"], json!({"display": "JM"}));
    let o = &items(&r, "assessment.override")[0];
    assert_eq!(
        answers_of(o, "assessment.override.suitability")[0]["valueCoding"]["code"],
        "physician_review"
    );
    assert_eq!(
        answers_of(o, "assessment.override.at")[0]["valueDateTime"],
        "2026-11-24T10:20:00+01:00"
    );
    assert_eq!(
        answers_of(&r, "assessment.clinician-note"),
        &json!([{"valueString": "Discussed downtime."}])
    );
    assert_eq!(
        answers_of(&r, "assessment.suitability")[0]["valueCoding"]["code"],
        "suitable",
        "the computed verdict stays beside the override"
    );
}

#[test]
fn answers_are_typed_by_their_question_and_grouped_by_section() {
    let r = response(&summary_of(
        &questionnaire(),
        &[("notes", json!("Prefers mornings"))],
        Mode::Batch,
    ));
    let sections: Vec<&str> = r["item"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["linkId"].as_str().expect("linkId"))
        .collect();
    assert_eq!(
        sections,
        [
            "about_you",
            "your_goals",
            "your_skin",
            "your_health",
            "treatments_and_wishes",
            "assessment"
        ]
    );
    assert_eq!(r["item"][0]["text"], "About you");
    assert_eq!(
        answers_of(&r, "full_name"),
        &json!([{"valueString": "Maria Garcia"}])
    );
    assert_eq!(
        answers_of(&r, "date_of_birth"),
        &json!([{"valueDate": "1980-05-31"}])
    );
    assert_eq!(
        answers_of(&r, "active_acne"),
        &json!([{"valueBoolean": false}])
    );
    assert_eq!(
        answers_of(&r, "skin_type"),
        &json!([{"valueCoding": {
            "system": format!("{URL}/options/skin_type"),
            "code": "III",
            "display": "Sometimes burns, tans slowly to light brown"
        }}])
    );
    let concerns: Vec<&Value> = answers_of(&r, "concerns")
        .as_array()
        .expect("answers")
        .iter()
        .map(|a| &a["valueCoding"]["code"])
        .collect();
    assert_eq!(
        concerns,
        ["fine_lines", "acne_scars"],
        "one answer per choice"
    );
    assert_eq!(
        items(&r, "concerns")[0]["text"],
        "What would you like to improve?"
    );
    assert_eq!(
        answers_of(&r, "notes"),
        &json!([{"valueString": "Prefers mornings"}])
    );
}

#[test]
fn hidden_and_blank_answers_are_left_out() {
    let r = response(&summary_of(
        &questionnaire(),
        &[
            ("notes", json!("  ")),
            ("isotretinoin", json!("never")),
            ("isotretinoin_last_dose", json!("2026-10-01")),
        ],
        Mode::Batch,
    ));
    assert!(
        items(&r, "notes").is_empty(),
        "FHIR strings are never blank"
    );
    assert!(items(&r, "isotretinoin_last_dose").is_empty(), "not shown");
}

#[test]
fn the_assessment_travels_as_a_read_only_group() {
    let s = summary_of_file("delay.json", Mode::Batch);
    let r = response(&s);
    assert_eq!(
        answers_of(&r, "assessment.suitability"),
        &json!([{"valueCoding": {
            "system": format!("{URL}/suitability"),
            "code": "delay",
            "display": "Delay"
        }}])
    );
    let reasons = items(&r, "assessment.reason");
    assert_eq!(reasons.len(), s.assessment.reasons.len());
    let first = &s.assessment.reasons[0];
    assert_eq!(
        answers_of(reasons[0], "assessment.reason.rule")[0]["valueString"],
        first.rule.as_str()
    );
    assert_eq!(
        answers_of(reasons[0], "assessment.reason.message")[0]["valueString"],
        first.message.as_str()
    );
    assert_eq!(
        answers_of(&r, "assessment.reassess-on"),
        &json!([{"valueDate": "2027-02-15"}])
    );
    let sessions = items(&r, "assessment.session");
    assert_eq!(sessions.len(), s.assessment.schedule.len());
    assert_eq!(
        answers_of(sessions[0], "assessment.session.earliest")[0]["valueDate"],
        "2027-02-15",
        "a dated delay's schedule starts on the re-assessment date"
    );
    let last = sessions.last().expect("a session");
    assert_eq!(
        answers_of(last, "assessment.session.optional")[0]["valueBoolean"],
        true
    );
    assert_eq!(
        answers_of(&r, "assessment.sessions-min")[0]["valueInteger"],
        s.assessment.sessions.expect("sessions").min
    );
    assert_eq!(
        answers_of(&r, "assessment.note")
            .as_array()
            .expect("notes")
            .len(),
        s.assessment.notes.len()
    );
    let not_suitable = response(&summary_of_file("not_suitable.json", Mode::Batch));
    assert!(items(&not_suitable, "assessment.session").is_empty());
}

#[test]
fn every_response_fits_the_questionnaire() {
    let q = declared();
    for file in [
        "suitable.json",
        "delay.json",
        "not_suitable.json",
        "physician_review.json",
        "every_type.json",
    ] {
        for mode in [Mode::Batch, Mode::Staff, Mode::Kiosk] {
            let mut s = summary_of_file(file, mode);
            s.clinician_note = Some("A note".into());
            s.verdict_override = Some(Override {
                suitability: Level::Delay,
                reason: "Holiday in the sun next week".into(),
                by: "AB".into(),
                at: at("2026-11-24T11:00:00Z"),
                start_date: None,
                schedule: None,
            });
            conforms(&q, &response(&s));
        }
    }
}

#[test]
fn a_questionnaire_without_url_cannot_be_exported() {
    let mut q = questionnaire();
    q.url = None;
    assert_eq!(
        fhir::questionnaire::export(&q, "en").map(drop),
        Err(ExportError::NoUrl)
    );
    let s = summary_of(&questionnaire(), &[], Mode::Batch);
    assert_eq!(
        fhir::response::export(&s, &q).map(drop),
        Err(ExportError::NoUrl)
    );
}

// ── The Questionnaire ───────────────────────────────────────────────────────────────────────

#[test]
fn the_questionnaire_declares_every_question_with_its_type() {
    let q = declared();
    assert_eq!(q["resourceType"], "Questionnaire");
    assert_eq!(q["url"], URL);
    assert_eq!(q["version"], "2.1.1");
    assert_eq!(q["name"], "MicroneedlingIntake");
    assert_eq!(q["status"], "active");
    let all = declarations(&q);
    for item in questionnaire().items() {
        assert!(all.contains_key(&item.id), "{} declared", item.id);
    }
    let name = &items(&q, "full_name")[0];
    assert_eq!(name["type"], "string");
    assert_eq!(name["maxLength"], 100);
    assert_eq!(name["required"], true);
    assert_eq!(name["item"][0]["type"], "display", "help as a display item");
    assert_eq!(
        name["item"][0]["text"],
        "As it appears on your clinic record."
    );
    assert_eq!(items(&q, "notes")[0]["type"], "text");
    assert_eq!(items(&q, "notes")[0]["required"], false);
    assert_eq!(items(&q, "date_of_birth")[0]["type"], "date");
    assert_eq!(items(&q, "active_acne")[0]["type"], "boolean");
    let concerns = &items(&q, "concerns")[0];
    assert_eq!(concerns["type"], "choice");
    assert_eq!(concerns["repeats"], true);
    assert_eq!(
        concerns["answerOption"][1]["valueCoding"],
        json!({
            "system": format!("{URL}/options/concerns"),
            "code": "fine_lines",
            "display": "Fine lines",
            "_display": {"extension": [{
                "url": "http://hl7.org/fhir/StructureDefinition/translation",
                "extension": [
                    {"url": "lang", "valueCode": "es"},
                    {"url": "content", "valueString": "Líneas finas"}
                ]
            }]}
        })
    );
    let allergies = &items(&q, "allergies")[0];
    let none = allergies["answerOption"]
        .as_array()
        .expect("options")
        .iter()
        .find(|o| o["valueCoding"]["code"] == "none")
        .expect("a 'none' option");
    assert_eq!(
        none["extension"][0]["url"],
        "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
    );
    let group = &items(&q, "assessment")[0];
    assert_eq!(group["readOnly"], true);
    assert!(
        group["item"]
            .as_array()
            .expect("items")
            .iter()
            .all(|i| i["readOnly"] == true)
    );
}

#[test]
fn show_if_becomes_enable_when_or_a_fhirpath_expression() {
    let q = declared();
    assert_eq!(
        items(&q, "acne_scar_severity")[0]["enableWhen"],
        json!([{
            "question": "concerns",
            "operator": "=",
            "answerCoding": {"system": format!("{URL}/options/concerns"), "code": "acne_scars"}
        }])
    );
    let mut fixture = fixture_questionnaire();
    fixture.sections[1].items[2].show_if = Some(
        serde_json::from_value(json!({"any": [
            {"age_under": {"question": "born", "years": 25}},
            {"not": {"equals": {"question": "sunburn", "value": true}}}
        ]}))
        .expect("a condition"),
    );
    let exported = declared_from(&fixture, "en");
    let last_dose = &items(&exported, "last_dose")[0];
    assert!(last_dose.get("enableWhen").is_none());
    assert_eq!(
        last_dose["extension"][0]["url"],
        "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"
    );
    assert_eq!(
        last_dose["extension"][0]["valueExpression"]["expression"],
        "(%resource.repeat(item).where(linkId = 'born').answer.value.ofType(date)\
         .where($this + 25 years > today()).exists()) or \
         (((%resource.repeat(item).where(linkId = 'sunburn').answer.value contains true)).not())"
    );
}

fn fixture_questionnaire() -> Questionnaire {
    let text = include_str!("../fixtures/questionnaires/valid.json");
    let mut q = load::questionnaire::load("valid.json", text).expect("valid");
    q.url = Some("urn:uuid:6f1c3c52-2f2c-4d8e-8f50-0d7c1b2a3e4f".into());
    q
}

#[test]
fn other_languages_travel_as_translations() {
    let fixture = fixture_questionnaire();
    let english = declared_from(&fixture, "en");
    assert_eq!(english["title"], "Fixture questionnaire");
    assert_eq!(
        english["_title"],
        json!({"extension": [{
            "url": "http://hl7.org/fhir/StructureDefinition/translation",
            "extension": [
                {"url": "lang", "valueCode": "es"},
                {"url": "content", "valueString": "Cuestionario de prueba"}
            ]
        }]})
    );
    let spanish = declared_from(&fixture, "es");
    assert_eq!(spanish["language"], "es");
    assert_eq!(spanish["title"], "Cuestionario de prueba");
    assert_eq!(
        spanish["_title"]["extension"][0]["extension"][1]["valueString"],
        "Fixture questionnaire"
    );
    assert!(
        english["item"][0].get("_text").is_none(),
        "a text in one language has no translation"
    );
}

#[test]
fn a_section_and_a_question_with_one_id_cannot_both_be_linkids() {
    let mut q = questionnaire();
    q.sections[1].id = "full_name".into();
    assert_eq!(
        fhir::questionnaire::export(&q, "en").map(drop),
        Err(ExportError::LinkIdTwice {
            link_id: "full_name".into()
        })
    );
}

// ── Stored summaries ────────────────────────────────────────────────────────────────────────

#[test]
fn a_summary_read_back_exports_as_it_was_written() {
    let q = questionnaire();
    for file in ["suitable.json", "delay.json", "every_type.json"] {
        let s = summary_of_file(file, Mode::Staff);
        let read = load::summary::parse(&s.to_json()).expect("read back");
        assert_eq!(
            response(&read),
            response(&s),
            "{file}: codes and dates typed again"
        );
    }
    let _ = (BASELINE, &q);
}
