//! The FHIR R4 elements the exports write, as serde structs: fields in FHIR's order, optional ones
//! left out when empty. Leaf values (codings, answers, extensions) are JSON values.

use serde::Serialize;
use serde_json::{Value, json};

use crate::model::text::Text;

const TRANSLATION: &str = "http://hl7.org/fhir/StructureDefinition/translation";

/// A string in one language, with the standard translation extension for the others (FHIR
/// writes a primitive's extensions beside it, as `_name`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Translated {
    #[serde(skip)]
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Value>,
}

impl Translated {
    /// `text` in `language`, and every other language it has as a translation.
    #[must_use]
    pub fn new(text: &Text, language: &str) -> Self {
        let extension = match text {
            Text::Plain(_) => Vec::new(),
            Text::Translated(map) => map
                .iter()
                .filter(|(lang, s)| lang.as_str() != language && !s.trim().is_empty())
                .map(|(lang, s)| {
                    json!({
                        "url": TRANSLATION,
                        "extension": [
                            {"url": "lang", "valueCode": lang},
                            {"url": "content", "valueString": s}
                        ]
                    })
                })
                .collect(),
        };
        Translated {
            text: text.get(language).to_owned(),
            extension,
        }
    }

    /// A string with no translations.
    #[must_use]
    pub fn plain(text: &str) -> Self {
        Translated {
            text: text.to_owned(),
            extension: Vec::new(),
        }
    }

    fn translations(&self) -> Option<&Self> {
        (!self.extension.is_empty()).then_some(self)
    }
}

/// A FHIR R4 Questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    pub resource_type: &'static str,
    pub language: String,
    pub url: String,
    pub version: String,
    pub name: String,
    pub title: String,
    #[serde(rename = "_title", skip_serializing_if = "Option::is_none")]
    pub title_translations: Option<Translated>,
    pub status: &'static str,
    pub subject_type: Vec<&'static str>,
    pub item: Vec<Declared>,
}

/// An item of a Questionnaire.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Declared {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Value>,
    pub link_id: String,
    pub text: String,
    #[serde(rename = "_text", skip_serializing_if = "Option::is_none")]
    pub text_translations: Option<Translated>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enable_when: Vec<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_behavior: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeats: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<Declared>,
}

impl Declared {
    /// An item of `kind` whose text is `text`.
    #[must_use]
    pub fn new(link_id: &str, kind: &'static str, text: Translated) -> Self {
        Declared {
            link_id: link_id.to_owned(),
            text_translations: text.translations().cloned(),
            text: text.text,
            kind,
            ..Declared::default()
        }
    }
}

/// A FHIR R4 QuestionnaireResponse.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    pub resource_type: &'static str,
    pub language: String,
    pub identifier: Identifier,
    pub questionnaire: String,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Display>,
    pub authored: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Display>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Display>,
    pub item: Vec<Answered>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identifier {
    pub system: String,
    pub value: String,
}

/// A reference that only names who it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Display {
    pub display: String,
}

/// An item of a QuestionnaireResponse: answers, or items, never both.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Answered {
    pub link_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<Answered>,
}

/// Pretty JSON with a final newline, fields in FHIR's order.
///
/// # Panics
/// Never: these types hold strings, numbers, booleans and JSON values only.
#[must_use]
pub fn to_json(resource: &impl Serialize) -> String {
    let mut json = serde_json::to_string_pretty(resource).expect("a FHIR resource serialises");
    json.push('\n');
    json
}
