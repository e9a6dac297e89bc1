//! Answers: their values, typed by the item they answer.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One answer, typed by its item: text, date, yes/no, one option code, or several. Read from
/// JSON without its item, a string is `Text` and a list is `Choices`; only the item tells a date
/// or an option code from text (`load::answers::from_json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Answer {
    Text(String),
    Date(NaiveDate),
    Bool(bool),
    Choice(String),
    Choices(Vec<String>),
}

/// Answers by question id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Answers(BTreeMap<String, Answer>);

impl Answers {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    #[must_use]
    pub fn get(&self, question: &str) -> Option<&Answer> {
        self.0.get(question)
    }

    pub fn set(&mut self, question: &str, answer: Answer) {
        self.0.insert(question.to_owned(), answer);
    }

    pub fn remove(&mut self, question: &str) -> Option<Answer> {
        self.0.remove(question)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Answer)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<(String, Answer)> for Answers {
    fn from_iter<T: IntoIterator<Item = (String, Answer)>>(iter: T) -> Self {
        Self(iter.into_iter().collect())
    }
}

/// An answer that says nothing: empty text, or no option chosen.
#[must_use]
pub fn is_blank(answer: &Answer) -> bool {
    match answer {
        Answer::Text(s) => s.trim().is_empty(),
        Answer::Choices(codes) => codes.is_empty(),
        _ => false,
    }
}
