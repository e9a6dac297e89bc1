//! The shipped questionnaire in Spanish, and `check`'s list of texts without a translation.

use serde_json::{Value, json};
use skin_intake::load::questionnaire::{Location, ProblemKind, load, missing_translations};
use skin_intake::load::validate::Invalid;
use skin_intake::model::text::Text;
use skin_intake::words;

const BUILT_IN: &str = include_str!("../../questions.json");

/// Every string a person reads in the file, with its JSON path: objects with an "en" string.
fn texts(value: &Value, path: &str, found: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) if map.get("en").is_some_and(Value::is_string) => {
            found.push((path.to_owned(), value.clone()));
        }
        Value::Object(map) => {
            for (key, v) in map {
                texts(v, &format!("{path}.{key}"), found);
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                texts(v, &format!("{path}[{i}]"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn every_string_of_the_built_in_questionnaire_has_its_spanish() {
    let q = load("questions.json", BUILT_IN).expect("the built-in questionnaire loads");
    assert_eq!(q.languages, ["en", "es"]);
    assert_eq!(missing_translations("questions.json", &q), []);
    let value: Value = serde_json::from_str(BUILT_IN).unwrap();
    let mut found = Vec::new();
    texts(&value, "", &mut found);
    // Title, sections, prompts, help, options, rule messages, constraint messages and notes.
    assert!(found.len() > 200, "{}", found.len());
    for (path, text) in &found {
        let es = text["es"].as_str().unwrap_or_default();
        assert!(!es.trim().is_empty(), "{path}: no Spanish");
        assert_ne!(
            Some(es),
            text["en"].as_str().filter(|en| *en != "No"),
            "{path}: not translated"
        );
    }
    // The words clinics use.
    let all = BUILT_IN.to_lowercase();
    for term in [
        "isotretinoína",
        "anticoagulante",
        "queloides",
        "herpes labial",
        "fototipo",
    ] {
        assert!(all.contains(term), "{term}");
    }
}

#[test]
fn a_missing_translation_is_listed_with_its_path_without_failing() {
    let mut value: Value = serde_json::from_str(BUILT_IN).unwrap();
    value["sections"][1]["items"][0]["prompt"] = json!({"en": "Your skin type?"});
    value["rules"]["screening"][0]["message"] = json!("Plain English only.");
    let q = load("q.json", &value.to_string()).expect("a missing translation is not fatal");
    let missing = missing_translations("q.json", &q);
    let paths: Vec<_> = missing
        .iter()
        .map(|p| match &p.location {
            Location::Path(path) => path.as_str(),
            Location::Position { .. } => "",
        })
        .collect();
    assert_eq!(
        paths,
        ["sections[1].items[0].prompt", "rules.screening[0].message"]
    );
    assert_eq!(
        missing[0].kind,
        ProblemKind::Meaning(Invalid::MissingTranslation {
            language: "es".into()
        })
    );
    assert_eq!(
        words::for_language("en").questionnaire_problem(&missing[0]),
        "q.json: sections[1].items[0].prompt: no \"es\" text, and the questionnaire declares \
         \"es\" in languages; add \"es\": \"...\""
    );
    assert_eq!(
        words::for_language("es").questionnaire_problem(&missing[1]),
        "q.json: rules.screening[0].message: falta la traducción a \"es\", una lengua que el \
         cuestionario declara en languages; añada \"es\": \"...\""
    );
    // The patient who chose Spanish reads the English string there.
    let id = value["sections"][1]["items"][0]["id"].as_str().unwrap();
    assert_eq!(q.item(id).unwrap().prompt.get("es"), "Your skin type?");
    assert_eq!(Text::from("x").translation("es"), None);
}

#[test]
fn spanish_dates_are_day_first_with_spanish_names() {
    use chrono::NaiveDate;
    use skin_intake::words::DateForm;
    let es = words::for_language("es");
    let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    assert_eq!(es.date(day, DateForm::Short), "3 dic 2026");
    assert_eq!(es.date(day, DateForm::Long), "3 de diciembre de 2026");
    assert_eq!(es.date(day, DateForm::Weekday), "jue 3 dic 2026");
    assert_eq!(
        es.month(NaiveDate::from_ymd_opt(2026, 8, 1).unwrap()),
        "agosto 2026"
    );
    let born =
        skin_intake::engine::display::Shown::Date(NaiveDate::from_ymd_opt(1961, 3, 12).unwrap());
    assert_eq!(es.shown(&born), "12/03/1961");
}
