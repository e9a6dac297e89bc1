//! Loading `questions.json`: JSON syntax with line and column, the structure with JSON paths, then
//! its meaning ([`super::validate`]). Problems are data; `words` turns them into sentences.

use serde::Deserialize;
use serde_json::Value;

use super::json::JsonError;
use super::validate::{self, Invalid};
use crate::model::questionnaire::{
    BUILT_IN, BUILT_IN_NAME, Constraint, Item, Note, PlanRow, Questionnaire, ScreeningRule,
};

/// The built-in questionnaire.
///
/// # Panics
/// Never in a released build: a test checks that the shipped file is valid.
#[must_use]
pub fn built_in() -> Questionnaire {
    load(BUILT_IN_NAME, BUILT_IN).expect("the built-in questionnaire is valid")
}

/// Where in a questionnaire file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A JSON syntax error.
    Position { line: usize, column: usize },
    /// A JSON path such as `sections[2].items[4].show_if`.
    Path(String),
}

/// One thing wrong with a questionnaire file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub location: Location,
    pub kind: ProblemKind,
}

/// What is wrong, by the stage that found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not JSON; the parser's description of what it found.
    Syntax(String),
    /// A key given twice in one object (the second would silently replace the first).
    DuplicateKey(String),
    /// JSON that does not fit the questionnaire's structure (a missing or unknown field, a wrong
    /// type); the parser's description.
    Structure(String),
    /// A sound structure that breaks a `check` rule.
    Meaning(Invalid),
}

/// Every problem found in one questionnaire file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

/// The texts of a loaded questionnaire that lack a language it declares, each with its path.
#[must_use]
pub fn missing_translations(file: &str, questionnaire: &Questionnaire) -> Vec<Problem> {
    validate::missing_translations(questionnaire)
        .into_iter()
        .map(|(path, invalid)| Problem {
            file: file.to_owned(),
            location: Location::Path(path),
            kind: ProblemKind::Meaning(invalid),
        })
        .collect()
}

/// Parses and validates a questionnaire; `file` names it in messages.
///
/// # Errors
/// Every problem found: the JSON syntax error, or all the structural and semantic ones.
pub fn load(file: &str, text: &str) -> Result<Questionnaire, Problems> {
    let problem = |location: Location, kind: ProblemKind| Problem {
        file: file.to_owned(),
        location,
        kind,
    };
    let value: Value = super::json::parse(text).map_err(|e| {
        let (line, column, kind) = match e {
            JsonError::Syntax {
                line,
                column,
                message,
            } => (line, column, ProblemKind::Syntax(message)),
            JsonError::DuplicateKey { line, column, key } => {
                (line, column, ProblemKind::DuplicateKey(key))
            }
        };
        Problems(vec![problem(Location::Position { line, column }, kind)])
    })?;

    // A sound file (the usual case, and every start of the program) is read in one pass.
    if let Ok(questionnaire) = Questionnaire::deserialize(&value) {
        return validated(file, questionnaire);
    }
    // Items, constraints, rules, plans and notes are parsed one by one, so that every broken one is reported,
    // not only the first. The file's skeleton is parsed with them left out.
    let mut broken = Vec::new();
    let section_count = value
        .get("sections")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let mut arrays: Vec<(String, ElementParser)> = (0..section_count)
        .map(|i| {
            (
                format!("/sections/{i}/items"),
                parses_as::<Item> as ElementParser,
            )
        })
        .collect();
    arrays.push(("/constraints".into(), parses_as::<Constraint>));
    arrays.push(("/rules/screening".into(), parses_as::<ScreeningRule>));
    arrays.push(("/rules/plans".into(), parses_as::<PlanRow>));
    arrays.push(("/rules/notes".into(), parses_as::<Note>));
    let mut skeleton = value.clone();
    for (pointer, parses) in arrays {
        let Some(Value::Array(elements)) = value.pointer(&pointer) else {
            continue;
        };
        for (index, element) in elements.iter().enumerate() {
            if let Err((inner, message)) = parses(element) {
                let path = join_path(&element_path(&pointer, index), &inner);
                broken.push(problem(
                    Location::Path(path),
                    ProblemKind::Structure(message),
                ));
            }
        }
        if let Some(Value::Array(elements)) = skeleton.pointer_mut(&pointer) {
            elements.clear();
        }
    }
    if let Err(e) = serde_path_to_error::deserialize::<_, Questionnaire>(&skeleton) {
        let path = join_path("", &e.path().to_string());
        let message = e.inner().to_string();
        broken.insert(
            0,
            problem(Location::Path(path), ProblemKind::Structure(message)),
        );
    }
    if !broken.is_empty() {
        // The meaning of a questionnaire is checked once its structure is sound: checking a
        // partial one would report knock-on problems and shifted paths.
        return Err(Problems(broken));
    }

    let questionnaire: Questionnaire = serde_json::from_value(value).map_err(|e| {
        let kind = ProblemKind::Structure(e.to_string());
        Problems(vec![problem(Location::Path(String::new()), kind)])
    })?;
    validated(file, questionnaire)
}

/// The questionnaire once its meaning is checked too ([`validate::validate`]), or every problem
/// found there.
fn validated(file: &str, questionnaire: Questionnaire) -> Result<Questionnaire, Problems> {
    let meaning: Vec<Problem> = validate::validate(&questionnaire)
        .into_iter()
        .map(|(path, invalid)| Problem {
            file: file.to_owned(),
            location: Location::Path(path),
            kind: ProblemKind::Meaning(invalid),
        })
        .collect();
    if meaning.is_empty() {
        Ok(questionnaire)
    } else {
        Err(Problems(meaning))
    }
}

type ElementParser = fn(&Value) -> Result<(), (String, String)>;

fn parses_as<T: serde::de::DeserializeOwned>(value: &Value) -> Result<(), (String, String)> {
    serde_path_to_error::deserialize::<_, T>(value)
        .map(drop)
        .map_err(|e| (e.path().to_string(), e.inner().to_string()))
}

/// `/sections/2/items`, 4 → `sections[2].items[4]`.
fn element_path(pointer: &str, index: usize) -> String {
    let path: String = pointer
        .trim_start_matches('/')
        .split('/')
        .map(|segment| {
            if segment.bytes().all(|b| b.is_ascii_digit()) {
                format!("[{segment}]")
            } else {
                format!(".{segment}")
            }
        })
        .collect();
    format!("{}[{index}]", path.trim_start_matches('.'))
}

/// Appends a path found inside an element ("." when there is none) to the element's own.
fn join_path(outer: &str, inner: &str) -> String {
    match inner {
        "" | "." => outer.to_owned(),
        _ if outer.is_empty() || inner.starts_with('[') => format!("{outer}{inner}"),
        _ => format!("{outer}.{inner}"),
    }
}
