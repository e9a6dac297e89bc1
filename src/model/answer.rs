//! Answers: their values, typed by the item they answer.

use std::collections::BTreeMap;

use chrono::NaiveDate;
#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::dates::{Typed, YearMonth, parse_iso};

/// One answer, typed by its item: text, date, a month (a date known only to the month), yes/no,
/// one option code, or several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(untagged)]
pub enum Answer {
    Text(String),
    Date(NaiveDate),
    /// Written `YYYY-MM`, as it was given; it counts as the month's last day.
    Month(
        #[serde(serialize_with = "written")]
        #[cfg_attr(
            feature = "schema",
            schemars(with = "String", regex(pattern = r"^\d{4}-\d{2}$"))
        )]
        YearMonth,
    ),
    Bool(bool),
    Choice(String),
    Choices(Vec<String>),
}

// serde's `serialize_with` hands over a reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn written<S: Serializer>(month: &YearMonth, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(month)
}

impl Answer {
    /// The date a date answer stands for: the date itself, or a month's last day (the safe side
    /// for a waiting period). `None` for other answers.
    #[must_use]
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Answer::Date(date) => Some(*date),
            Answer::Month(month) => Some(month.last_day()),
            _ => None,
        }
    }
}

impl From<Typed> for Answer {
    fn from(typed: Typed) -> Self {
        match typed {
            Typed::Day(date) => Answer::Date(date),
            Typed::Month(month) => Answer::Month(month),
        }
    }
}

/// An answer read back from an exported record, without its questionnaire: `true`/`false` is
/// yes/no, a list is option codes, a string written `YYYY-MM-DD` is a date, one written `YYYY-MM`
/// a month, and any other string is text. One option code and a text are written alike, so a code
/// reads back as text; it is written out again the same, and `load::summary::answers_of` types it
/// against its question.
impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[cfg_attr(feature = "schema", derive(JsonSchema))]
        #[serde(untagged)]
        enum Written {
            Bool(bool),
            Text(String),
            Codes(Vec<String>),
        }
        let written = Written::deserialize(deserializer).map_err(|_| {
            serde::de::Error::custom("an answer is text, a date, true or false, or option codes")
        })?;
        Ok(match written {
            Written::Bool(b) => Answer::Bool(b),
            Written::Codes(codes) => Answer::Choices(codes),
            Written::Text(s) => match parse_iso(&s, true) {
                Ok(typed) => typed.into(),
                Err(_) => Answer::Text(s),
            },
        })
    }
}

/// Answers by question id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
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
