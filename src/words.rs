//! Every sentence a user reads about a problem or an answer, one module per language. The engine
//! and the loaders return data ([`DateProblem`], [`Fault`], [`AnswersProblem`], [`Problem`], [`SummaryProblem`],
//! [`Shown`]); a language's [`Words`] turn it into text.
//!
//! To add a language: write `words/<code>.rs` with a type that implements [`Words`] (start from a
//! copy of [`en`]) and add it to [`LANGUAGES`]. Nothing else changes.

pub mod clinic;
pub mod en;
pub mod paper;

pub use clinic::ClinicWords;
pub use paper::PaperWords;

use crate::dates::DateProblem;
use crate::engine::checks::Fault;
use crate::engine::display::{self, Shown};
use crate::load::answers::AnswersProblem;
use crate::load::questionnaire::Problem;
use crate::load::summary::SummaryProblem;
use crate::model::answer::Answer;
use crate::model::questionnaire::Item;

/// What one language says. Each method matches its data exhaustively, so a new kind of problem
/// does not compile until every language words it.
/// The clinic layer's outcomes are worded by [`ClinicWords`], the printed record by
/// [`PaperWords`]: both part of every language's words.
pub trait Words: Sync + ClinicWords + PaperWords {
    /// A date given in a file (`YYYY-MM-DD`) or typed by a person that could not be read.
    fn date_problem(&self, problem: &DateProblem) -> String;
    /// What is wrong with one answer, for the person answering.
    fn fault(&self, fault: &Fault) -> String;
    /// One problem of an answers file, naming its question when it has one.
    fn answers_problem(&self, problem: &AnswersProblem) -> String;
    /// One problem of a questionnaire file, with the file and where in it.
    fn questionnaire_problem(&self, problem: &Problem) -> String;
    /// Why a file is not a summary this program reads (the caller names the file).
    fn summary_problem(&self, problem: &SummaryProblem) -> String;
    /// An answer as the patient reads it.
    fn shown(&self, shown: &Shown) -> String;
}

/// The languages with words, by code.
pub const LANGUAGES: &[(&str, &dyn Words)] = &[(en::LANGUAGE, &en::English)];

/// The words of `language`; English's when it has none yet (English is every questionnaire's
/// fallback language too).
#[must_use]
pub fn for_language(language: &str) -> &'static dyn Words {
    LANGUAGES
        .iter()
        .find(|(code, _)| *code == language)
        .map_or(&en::English, |(_, words)| *words)
}

/// An answer as the patient reads it in `language`: option labels from the questionnaire, the
/// rest in the language's words.
#[must_use]
pub fn answer_text(item: &Item, answer: &Answer, language: &str) -> String {
    for_language(language).shown(&display::shown(item, answer, language))
}
