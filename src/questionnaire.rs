//! The questionnaire and its rules as `questions.json` describes them, and loading it.

pub mod validate;

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::condition::Condition;
use crate::text::Text;

/// The questionnaire shipped with the program.
pub const BUILT_IN: &str = include_str!("../questions.json");
/// How the built-in questionnaire is named in messages.
pub const BUILT_IN_NAME: &str = "questions.json (built in)";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    pub id: String,
    pub version: String,
    pub title: Text,
    /// Languages the patient may choose; English is always among them.
    #[serde(default = "default_languages")]
    pub languages: Vec<String>,
    /// Which questions hold the patient's identity.
    pub patient: PatientFields,
    pub sections: Vec<Section>,
    pub rules: Rules,
}

fn default_languages() -> Vec<String> {
    vec![crate::text::DEFAULT_LANGUAGE.to_owned()]
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PatientFields {
    pub name: String,
    pub date_of_birth: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: Text,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Text,
    Date,
    Boolean,
    Single,
    Multi,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: ItemKind,
    pub prompt: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// Whether an answer is needed when the question is shown (default: yes).
    #[serde(default = "yes")]
    pub required: bool,
    /// Text: the most characters accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    /// Date: refuse a date after the reference date.
    #[serde(default)]
    pub not_future: bool,
    /// Date of birth: refuse an age above this many years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age_years: Option<u32>,
    /// Date: refuse a date more than this many calendar months before the reference date (for a
    /// date an earlier answer places in a recent window).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_months_ago: Option<u32>,
    /// The question is asked only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub code: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Choosing this option together with any other is invalid ("none of these").
    #[serde(default)]
    pub exclusive: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub min: u32,
    pub max: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub screening: Vec<ScreeningRule>,
    pub interval_weeks: Range,
    /// The multi-choice question whose options are the concerns the plans cover.
    pub concerns_question: String,
    pub plans: Vec<PlanRow>,
    /// Expectation notes added to every assessment whose condition holds.
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// Suitability levels, least severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Suitable,
    SuitableWithPrecautions,
    PhysicianReview,
    Delay,
    NotSuitable,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Suitable,
        Level::SuitableWithPrecautions,
        Level::PhysicianReview,
        Level::Delay,
        Level::NotSuitable,
    ];

    /// The code used in `questions.json` and in exports.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Level::Suitable => "suitable",
            Level::SuitableWithPrecautions => "suitable_with_precautions",
            Level::PhysicianReview => "physician_review",
            Level::Delay => "delay",
            Level::NotSuitable => "not_suitable",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScreeningRule {
    pub id: String,
    pub when: Condition,
    pub level: Level,
    pub message: Text,
    /// When a delayed patient can be assessed again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reassess: Option<Reassess>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Reassess {
    /// The reference date plus this many days.
    DaysAfterReference(u32),
    /// A date answer plus this many calendar months (a day past the month's end clamps).
    MonthsAfterAnswer { question: String, months: u32 },
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRow {
    pub concern: String,
    /// The row applies when this holds; rows without one always apply. The first match wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    pub sessions: Range,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance_months: Option<Range>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    pub text: Text,
}

impl Questionnaire {
    /// Every item in questionnaire order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    #[must_use]
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == id)
    }

    /// The section that holds question `id`.
    #[must_use]
    pub fn section_of(&self, id: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.items.iter().any(|i| i.id == id))
    }

    /// The built-in questionnaire.
    ///
    /// # Panics
    /// Never in a released build: a test checks that the shipped file is valid.
    #[must_use]
    pub fn built_in() -> Self {
        load(BUILT_IN_NAME, BUILT_IN).expect("the built-in questionnaire is valid")
    }
}

impl Item {
    #[must_use]
    pub fn option(&self, code: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.code == code)
    }
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
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Location::Position { line, column } => {
                write!(f, "{}:{line}:{column}: {}", self.file, self.message)
            }
            Location::Path(path) if path.is_empty() => write!(f, "{}: {}", self.file, self.message),
            Location::Path(path) => write!(f, "{}: {path}: {}", self.file, self.message),
        }
    }
}

/// Every problem found in one questionnaire file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct Problems(pub Vec<Problem>);

/// Parses and validates a questionnaire; `file` names it in messages.
///
/// # Errors
/// Every problem found: the JSON syntax error, or all the structural and semantic ones.
pub fn load(file: &str, text: &str) -> Result<Questionnaire, Problems> {
    let problem = |location: Location, message: String| Problem {
        file: file.to_owned(),
        location,
        message,
    };
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let location = Location::Position {
            line: e.line(),
            column: e.column(),
        };
        Problems(vec![problem(
            location,
            format!("JSON syntax: {}", without_position(&e)),
        )])
    })?;

    // Items, rules, plans and notes are parsed one by one, so that every broken one is reported,
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
                broken.push(problem(Location::Path(path), message));
            }
        }
        if let Some(Value::Array(elements)) = skeleton.pointer_mut(&pointer) {
            elements.clear();
        }
    }
    if let Err(e) = serde_path_to_error::deserialize::<_, Questionnaire>(&skeleton) {
        let path = join_path("", &e.path().to_string());
        broken.insert(0, problem(Location::Path(path), e.inner().to_string()));
    }
    if !broken.is_empty() {
        // The meaning of a questionnaire is checked once its structure is sound: checking a
        // partial one would report knock-on problems and shifted paths.
        return Err(Problems(broken));
    }

    let questionnaire: Questionnaire = serde_json::from_value(value)
        .map_err(|e| Problems(vec![problem(Location::Path(String::new()), e.to_string())]))?;
    let meaning: Vec<Problem> = validate::validate(&questionnaire)
        .into_iter()
        .map(|(path, message)| problem(Location::Path(path), message))
        .collect();
    if meaning.is_empty() {
        Ok(questionnaire)
    } else {
        Err(Problems(meaning))
    }
}

/// `serde_json`'s message without its " at line L column C" (the location is reported apart).
pub(crate) fn without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
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
