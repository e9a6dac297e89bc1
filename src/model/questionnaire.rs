//! The questionnaire and its rules as `questions.json` describes them.

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::condition::Condition;
use super::text::{DEFAULT_LANGUAGE, Text};

/// The questionnaire shipped with the program.
pub const BUILT_IN: &str = include_str!("../../questions.json");
/// How the built-in questionnaire is named in messages.
pub const BUILT_IN_NAME: &str = "questions.json (built in)";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// The JSON Schema an editor checks the file against; the program ignores it.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub id: String,
    /// The questionnaire's canonical URL: what FHIR exports name it by, and the base of the
    /// identifiers and code systems they use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("format" = "uri")))]
    pub url: Option<String>,
    pub version: String,
    pub title: Text,
    /// Languages the patient may choose; English is always among them.
    #[serde(default = "default_languages")]
    pub languages: Vec<String>,
    /// Which questions hold the patient's identity.
    pub patient: PatientFields,
    pub sections: Vec<Section>,
    /// Answers that must agree with each other, checked like the answers themselves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<Constraint>,
    pub rules: Rules,
}

/// A cross-question constraint: `require` must hold once `question` is answered; otherwise
/// `message` is shown at `question`. `require` reads `question` and earlier questions only, so it
/// can be checked when `question` is answered.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Constraint {
    pub id: String,
    pub question: String,
    pub require: Condition,
    pub message: Text,
}

fn default_languages() -> Vec<String> {
    vec![DEFAULT_LANGUAGE.to_owned()]
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PatientFields {
    pub name: String,
    pub date_of_birth: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: Text,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Text,
    Date,
    Boolean,
    Single,
    Multi,
}

impl ItemKind {
    /// The type as `type` spells it in `questions.json`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Text => "text",
            ItemKind::Date => "date",
            ItemKind::Boolean => "boolean",
            ItemKind::Single => "single",
            ItemKind::Multi => "multi",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
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
    /// Date: refuse a date after the reference date (a month after the reference date's month).
    #[serde(default)]
    pub not_future: bool,
    /// Date: a month and year is enough (for a patient who does not know the day); it counts as
    /// the month's last day.
    #[serde(default)]
    pub approximate: bool,
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
    /// The questionnaire version in which the question's meaning changed (its wording asks for
    /// something else): an answer saved with an earlier version, in a draft or a record being
    /// changed, is not carried over but asked again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_in: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub min: u32,
    pub max: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Reassess {
    /// The reference date plus this many days.
    DaysAfterReference(u32),
    /// A date answer plus this many calendar months (a day past the month's end clamps).
    MonthsAfterAnswer { question: String, months: u32 },
    /// A date answer plus this many days.
    DaysAfterAnswer { question: String, days: u32 },
    /// The day a date of birth reaches this age in completed years (the birthday; 1 March for 29
    /// February in a year without one).
    Birthday { question: String, years: u32 },
}

impl Reassess {
    /// The date question it counts from, if any.
    #[must_use]
    pub fn question(&self) -> Option<&str> {
        match self {
            Reassess::DaysAfterReference(_) => None,
            Reassess::MonthsAfterAnswer { question, .. }
            | Reassess::DaysAfterAnswer { question, .. }
            | Reassess::Birthday { question, .. } => Some(question),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(JsonSchema))]
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
}

/// A text answer allowed more characters than this (or any number) is a long text: the patient's
/// own note, written over several lines.
pub const LONG_TEXT: usize = 200;

impl Item {
    /// A text question whose answer may run over several lines, line breaks kept (a note in the
    /// patient's own words): one allowed more than [`LONG_TEXT`] characters, or any number.
    #[must_use]
    pub fn takes_lines(&self) -> bool {
        self.kind == ItemKind::Text && self.max_length.is_none_or(|most| most > LONG_TEXT)
    }

    #[must_use]
    pub fn option(&self, code: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.code == code)
    }

    /// Whether an answer saved with questionnaire version `saved_with` must be asked again: the
    /// question's meaning changed in a later version. A version that is not dotted numbers cannot
    /// be placed, so its answer is asked again too (the safe side).
    #[must_use]
    pub fn asked_again_after(&self, saved_with: &str) -> bool {
        let Some(changed_in) = &self.changed_in else {
            return false;
        };
        match (version_numbers(saved_with), version_numbers(changed_in)) {
            (Some(saved), Some(changed)) => compare_versions(&saved, &changed).is_lt(),
            _ => true,
        }
    }
}

/// A version such as `2.1.0` as its numbers; `None` when it is not dotted numbers.
#[must_use]
pub fn version_numbers(version: &str) -> Option<Vec<u64>> {
    version
        .split('.')
        .map(|part| {
            (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())
                .flatten()
        })
        .collect()
}

/// Versions compared number by number; a missing number counts as 0 (`2.1` is `2.1.0`).
#[must_use]
pub fn compare_versions(a: &[u64], b: &[u64]) -> std::cmp::Ordering {
    let at = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0);
    (0..a.len().max(b.len()))
        .map(|i| at(a, i).cmp(&at(b, i)))
        .find(|o| o.is_ne())
        .unwrap_or(std::cmp::Ordering::Equal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    #[test]
    fn versions_compare_number_by_number() {
        let v = |s: &str| version_numbers(s).expect("a version");
        assert_eq!(compare_versions(&v("2.1"), &v("2.1.0")), Ordering::Equal);
        assert_eq!(
            compare_versions(&v("2.10.0"), &v("2.9.0")),
            Ordering::Greater
        );
        assert_eq!(compare_versions(&v("2.0.0"), &v("2.1.0")), Ordering::Less);
        for not_a_version in ["", "2.1.0-beta", "v2", "2..1", " 2.1"] {
            assert_eq!(version_numbers(not_a_version), None, "{not_a_version:?}");
        }
    }
}
