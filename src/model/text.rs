//! Patient-facing strings: a plain string (English) or one string per language.

use std::collections::BTreeMap;

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The language every questionnaire must carry.
pub const DEFAULT_LANGUAGE: &str = "en";

/// A patient-facing string, `"..."` or `{"en": "...", "es": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(
    untagged,
    expecting = "expected a string, or an object of language code to string such as {\"en\": \"...\"}"
)]
pub enum Text {
    Plain(String),
    Translated(BTreeMap<String, String>),
}

impl Text {
    /// The string in `language`, falling back to English, then to any language present.
    #[must_use]
    pub fn get(&self, language: &str) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::Translated(map) => map
                .get(language)
                .or_else(|| map.get(DEFAULT_LANGUAGE))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }

    /// The string written for `language` itself (no fallback), if there is a non-empty one. A
    /// plain string is English only.
    #[must_use]
    pub fn translation(&self, language: &str) -> Option<&str> {
        let s = match self {
            Text::Plain(s) => (language == DEFAULT_LANGUAGE).then_some(s.as_str()),
            Text::Translated(map) => map.get(language).map(String::as_str),
        };
        s.filter(|s| !s.trim().is_empty())
    }

    /// The English string, if there is a non-empty one.
    #[must_use]
    pub fn english(&self) -> Option<&str> {
        let s = match self {
            Text::Plain(s) => Some(s.as_str()),
            Text::Translated(map) => map.get(DEFAULT_LANGUAGE).map(String::as_str),
        };
        s.filter(|s| !s.trim().is_empty())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Plain(s.to_owned())
    }
}
