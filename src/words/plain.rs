//! The words of the plain line mode (`--plain`): a question as lines to read one after another,
//! how to answer it, why a line was not read as an answer, the read-back before submitting, and
//! what became of the intake. Written for a screen reader or a braille display as much as for a
//! screen: short sentences, one idea per line, nothing drawn.

use std::fmt::Display;
use std::path::Path;

use crate::model::questionnaire::ItemKind;

/// Why a line could not be read as an answer (the engine's checks come after; their words are
/// [`crate::words::Words::fault`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// Not one of the choices' numbers or codes.
    NotAChoice { given: String, count: usize },
    /// A single choice answered with several.
    OnlyOne,
    /// Not a yes or a no.
    NotYesNo { given: String },
    /// Longer than a line may be.
    TooLong { max: usize },
    /// Not UTF-8 text.
    NotText,
}

/// How an unfinished intake offered for resuming is described.
#[derive(Debug, Clone, Copy)]
pub struct Offered<'a> {
    pub number: usize,
    pub name: Option<&'a str>,
    pub answered: usize,
    pub shown: usize,
    /// When it was last saved, as the language writes a moment.
    pub saved: &'a str,
}

/// What one language says in the plain line mode.
pub trait PlainWords {
    /// The words that mean yes, and no, as typed (lower case).
    fn yes_words(&self) -> &'static [&'static str];
    fn no_words(&self) -> &'static [&'static str];
    /// The words that go back, as typed (lower case).
    fn back_words(&self) -> &'static [&'static str];
    /// The first lines: what this is and how it works.
    fn plain_intro(&self, title: &str) -> String;
    /// A new section begins.
    fn plain_section(&self, title: &str) -> String;
    /// "Question 4 of 36".
    fn question_of(&self, number: usize, total: usize) -> String;
    /// A choice as listed: its number and label.
    fn choice(&self, number: usize, label: &str) -> String;
    /// A choice's help, under it.
    fn choice_help(&self, help: &str) -> String;
    /// How to answer a question of this kind, in one short line.
    fn how_to_answer(
        &self,
        kind: ItemKind,
        approximate: bool,
        optional: bool,
        help: bool,
    ) -> String;
    /// The answer the question has now, kept by an empty line.
    fn answer_now(&self, answer: &str) -> String;
    /// Why a line was not read as an answer.
    fn unread(&self, unread: &Unread) -> String;
    /// The answer was not taken: `why`, then the question is asked again.
    fn not_taken(&self, why: &str) -> String;
    /// `back` at the first question.
    fn at_first_question(&self) -> &'static str;
    /// Unfinished intakes that can be continued: the heading.
    fn unfinished_heading(&self) -> &'static str;
    /// One unfinished intake offered.
    fn offered(&self, offered: &Offered) -> String;
    /// How to choose among the offered intakes.
    fn choose_unfinished(&self, count: usize) -> String;
    /// The number typed is not one offered.
    fn not_offered(&self, given: &str, count: usize) -> String;
    /// The intake resumed.
    fn continuing(&self) -> &'static str;
    /// The read-back of the answers: its heading.
    fn your_answers(&self) -> &'static str;
    /// One answer read back, with its number.
    fn answer_read_back(&self, number: usize, prompt: &str, answer: &str) -> String;
    /// The assessment, for staff: its heading.
    fn assessment_heading(&self) -> &'static str;
    /// Whether to submit.
    fn submit_question(&self, kiosk: bool) -> &'static str;
    /// Which answer to change.
    fn which_to_change(&self, count: usize) -> String;
    /// The number typed is not an answer's.
    fn no_such_answer(&self, given: &str, count: usize) -> String;
    /// Submitted, and where the summary is.
    fn submitted(&self, path: &Path) -> String;
    /// The summary could not be written; the answers are kept.
    fn not_submitted(&self, why: &dyn Display) -> String;
    /// Input ended before submitting: the draft is kept at `path`; how to resume it.
    fn ended_kept(&self, path: &Path, out: &Path) -> String;
    /// Input ended while the unfinished intakes were offered: they stay as they were.
    fn ended_unchosen(&self) -> &'static str;
    /// Input ended before anything was answered.
    fn ended_nothing(&self) -> &'static str;
    /// Input ended, and the intake could not be saved.
    fn ended_lost(&self, why: &dyn Display) -> String;
}
