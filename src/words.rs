//! Every word a person reads, one catalogue per language. The engine and the loaders return data
//! ([`DateProblem`], [`Fault`], [`AnswersProblem`], [`Problem`], [`SummaryProblem`], [`Shown`]);
//! the screens and the printed record name what they say ([`Label`], [`Hint`], [`Say`], verdicts,
//! decisions, dates); a language's [`Words`] turn each into text.
//!
//! To add a language: write `words/<code>.rs` (and `words/<code>/screens.rs`) with a type that
//! implements [`Words`] (start from a copy of [`en`]) and add it to [`LANGUAGES`]. Every method
//! matches its data exhaustively, so a language that misses a phrase does not compile; nothing
//! outside `words` changes.

pub mod clinic;
pub mod en;
pub mod es;
pub mod paper;
pub mod phrases;
pub mod plain;
pub mod report;

pub use clinic::ClinicWords;
pub use paper::PaperWords;
pub use plain::PlainWords;
pub use report::{ReportHeading, ReportWords};

use crate::dates::DateProblem;
use crate::engine::checks::Fault;
use crate::engine::display::{self, Shown};
use crate::engine::summary::{Decision, Mode, Review};
use crate::load::answers::AnswersProblem;
use crate::load::json::JsonError;
use crate::load::questionnaire::Problem;
use crate::load::summary::SummaryProblem;
use crate::model::answer::Answer;
use crate::model::questionnaire::{Item, Level};
pub use phrases::{DateForm, FileKind, FolderProblem, Hint, Label, ModeForm, MomentForm, Say};

use chrono::{DateTime, FixedOffset, NaiveDate};

/// What one language says. Each method matches its data exhaustively, so a new kind of problem
/// does not compile until every language words it.
/// The clinic layer's outcomes are worded by [`ClinicWords`], the printed record by
/// [`PaperWords`], the plain line mode's by [`PlainWords`], the clinic report by [`ReportWords`]: all
/// part of every language's words.
pub trait Words: Sync + ClinicWords + PaperWords + PlainWords + ReportWords {
    /// A date given in a file (`YYYY-MM-DD`) or typed by a person that could not be read.
    fn date_problem(&self, problem: &DateProblem) -> String;
    /// What is wrong with one answer, for the person answering.
    fn fault(&self, fault: &Fault) -> String;
    /// One problem of an answers file, naming its question when it has one.
    fn answers_problem(&self, problem: &AnswersProblem) -> String;
    /// One problem of a questionnaire file, with the file and where in it.
    fn questionnaire_problem(&self, problem: &Problem) -> String;
    /// Why a text is not JSON this program reads.
    fn json_problem(&self, problem: &JsonError) -> String;
    /// Why a file is not a summary this program reads (the caller names the file).
    fn summary_problem(&self, problem: &SummaryProblem) -> String;
    /// An answer as the patient reads it.
    fn shown(&self, shown: &Shown) -> String;

    // The screens and the printed record.

    /// A fixed phrase: a title, heading, field, button or line of guidance.
    fn label(&self, label: Label) -> &'static str;
    /// A key hint of the footer: the key as read, and what it does.
    fn hint(&self, hint: Hint) -> (&'static str, &'static str);
    /// A sentence with data in it.
    fn say(&self, say: &Say) -> String;
    /// A verdict for staff and the printed record: its symbol, a space, then its words.
    fn verdict(&self, level: Level) -> &'static str;
    /// A verdict in words only, as paper prints it (no symbol, no colour): [`Words::verdict`]
    /// without its symbol.
    fn verdict_in_words(&self, level: Level) -> &'static str {
        let verdict = self.verdict(level);
        verdict.split_once(' ').map_or(verdict, |(_, words)| words)
    }
    /// A verdict in a list row: its symbol and a short word.
    fn verdict_short(&self, level: Level) -> &'static str;
    /// A sign-off's decision.
    fn decision(&self, decision: Decision) -> &'static str;
    /// A sign-off's decision among a list row's flags.
    fn decision_short(&self, decision: Decision) -> &'static str;
    /// A review as it reads on the record and the page: its decision, a clearance with the date
    /// it applies from ("Cleared to treat from 24 Dec 2026").
    fn review(&self, review: &Review) -> String {
        match (review.decision, review.cleared_from) {
            (Decision::Cleared, Some(from)) => self.say(&Say::ClearedFrom {
                date: &self.date(from, DateForm::Short),
            }),
            (decision, _) => self.decision(decision).to_owned(),
        }
    }
    /// A review among a list row's columns: short, a clearance with its date.
    fn review_short(&self, review: &Review) -> String {
        match (review.decision, review.cleared_from) {
            (Decision::Cleared, Some(from)) => self.say(&Say::ClearedFromShort {
                date: &self.date(from, DateForm::ShortNoYear),
            }),
            (decision, _) => self.decision_short(decision).to_owned(),
        }
    }
    /// How an intake was answered.
    fn mode(&self, mode: Mode, form: ModeForm) -> &'static str;
    /// A calendar day, with the language's month and day names.
    fn date(&self, date: NaiveDate, form: DateForm) -> String;
    /// A month of a year, given by its first day.
    fn month(&self, first_day: NaiveDate) -> String;
    /// A day and time.
    fn moment(&self, at: &DateTime<FixedOffset>, form: MomentForm) -> String;
    /// How a record's delivery to the clinic's FHIR server stands, as the staff list says it.
    fn delivery(&self, delivery: &Delivery) -> String;
}

/// How a record's delivery stands, for the staff list (the outbox's state, and what the sender
/// knows but could not record). Defined here because the store and the sender that know it sit
/// above the words; `fhir::delivery` makes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Queued,
    Delivered,
    NeedsAttention,
    /// Never sent: a newer version reached the server first.
    Superseded,
    /// Delivered, but the outbox could not record it: held in memory, not sent again.
    NotRecorded {
        disk_full: bool,
    },
    /// Waiting, and the sender that sends it failed; it is being restarted.
    SenderFailed,
}

/// A count and its noun, singular for exactly one (as English and Spanish both have it): "1 second", "2 seconds", "4–6 sessions".
/// `sep` goes between them (a space, or a non-breaking one that keeps the number with its unit).
pub(crate) fn count(n: impl std::fmt::Display, sep: &str, one: &str, many: &str) -> String {
    let n = n.to_string();
    let noun = if n == "1" { one } else { many };
    format!("{n}{sep}{noun}")
}

/// The languages with words, by code.
pub const LANGUAGES: &[(&str, &dyn Words)] =
    &[(en::LANGUAGE, &en::English), (es::LANGUAGE, &es::Spanish)];

/// At most this many problems are listed; the rest are counted (a file of millions of unknown ids
/// would otherwise print millions of lines).
pub const MAX_LISTED: usize = 100;

/// One line per problem: the first [`MAX_LISTED`], then how many more there are.
#[must_use]
pub fn listing(words: &dyn Words, problems: &[String]) -> String {
    let mut lines: Vec<&str> = problems
        .iter()
        .take(MAX_LISTED)
        .map(String::as_str)
        .collect();
    let more = (problems.len() > MAX_LISTED).then(|| {
        words.say(&Say::MoreProblems {
            count: problems.len() - MAX_LISTED,
        })
    });
    lines.extend(more.as_deref());
    lines.join("\n")
}

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
