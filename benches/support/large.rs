//! A questionnaire many times the size of the built-in one, and answers to all of it: the
//! instrument for "the cost of a key does not grow with the questionnaire".
//!
//! Copy 0 is the built-in questionnaire as it is; copy k repeats its sections, questions,
//! constraints and screening rules with `__k` after every id and every question they read renamed
//! to the copy's own. Plans and notes stay once (they belong to the one concerns question), so the result
//! is a questionnaire `check` accepts and answers to the built-in one still fit it.
#![allow(dead_code)]

use serde_json::{Map, Value};

pub const BUILT_IN: &str = include_str!("../../questions.json");
/// Answers to every question of the built-in questionnaire, for a patient who is suitable.
const SUITABLE: &str = include_str!("../../tests/fixtures/answers/suitable.json");

/// The id `id` has in copy `copy`.
#[must_use]
pub fn renamed(id: &str, copy: usize) -> String {
    if copy == 0 {
        id.to_owned()
    } else {
        format!("{id}__{copy}")
    }
}

/// The built-in questionnaire repeated `copies` times, as `questions.json` text.
///
/// # Panics
/// If the built-in questionnaire is not shaped as this expects.
#[must_use]
pub fn questionnaire(copies: usize) -> String {
    let mut q: Value = serde_json::from_str(BUILT_IN).expect("the built-in questionnaire is JSON");
    let sections = q["sections"].as_array().expect("sections").clone();
    let mut all_sections = Vec::with_capacity(sections.len() * copies);
    for copy in 0..copies {
        for section in &sections {
            let mut section = section.clone();
            rename_id(&mut section, copy);
            for item in section["items"].as_array_mut().expect("items") {
                rename_id(item, copy);
                if let Some(show_if) = item.get_mut("show_if") {
                    rename_questions(show_if, copy);
                }
            }
            all_sections.push(section);
        }
    }
    q["sections"] = Value::Array(all_sections);
    if let Some(constraints) = q.get_mut("constraints") {
        *constraints = repeated(constraints, copies);
    }
    let screening = &mut q["rules"]["screening"];
    *screening = repeated(screening, copies);
    serde_json::to_string_pretty(&q).expect("JSON")
}

/// A list of rules (or constraints), each once per copy with its id and the questions it reads
/// renamed.
fn repeated(list: &Value, copies: usize) -> Value {
    let list = list.as_array().expect("a list");
    let mut all = Vec::with_capacity(list.len() * copies);
    for copy in 0..copies {
        for entry in list {
            let mut entry = entry.clone();
            rename_id(&mut entry, copy);
            rename_questions(&mut entry, copy);
            all.push(entry);
        }
    }
    Value::Array(all)
}

/// An answers file answering every question of [`questionnaire`]`(copies)` as the `suitable`
/// fixture answers the built-in one.
///
/// # Panics
/// If the fixture is not an answers file.
#[must_use]
pub fn answers(copies: usize) -> String {
    let file: Value = serde_json::from_str(SUITABLE).expect("the fixture is JSON");
    let given = file["answers"].as_object().expect("answers");
    let mut all = Map::new();
    for copy in 0..copies {
        for (id, value) in given {
            all.insert(renamed(id, copy), value.clone());
        }
    }
    let mut file = Map::new();
    file.insert("answers".into(), Value::Object(all));
    Value::Object(file).to_string()
}

fn rename_id(value: &mut Value, copy: usize) {
    if let Some(Value::String(id)) = value.get_mut("id") {
        *id = renamed(id, copy);
    }
}

/// Renames every question a condition, constraint or reassess rule names: `{"answered": "q"}` and
/// `"question": "q"` at any depth.
fn rename_questions(value: &mut Value, copy: usize) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                match (key.as_str(), child) {
                    ("answered" | "question", Value::String(id)) => *id = renamed(id, copy),
                    (_, child) => rename_questions(child, copy),
                }
            }
        }
        Value::Array(list) => {
            for child in list {
                rename_questions(child, copy);
            }
        }
        _ => {}
    }
}
