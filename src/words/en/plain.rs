//! English: the plain line mode.

use std::fmt::Display;
use std::path::Path;

use super::English;
use crate::model::questionnaire::ItemKind;
use crate::words::plain::{Offered, PlainWords, Unread};

impl PlainWords for English {
    fn yes_words(&self) -> &'static [&'static str] {
        &["y", "yes"]
    }

    fn no_words(&self) -> &'static [&'static str] {
        &["n", "no"]
    }

    fn back_words(&self) -> &'static [&'static str] {
        &["back"]
    }

    fn plain_intro(&self, title: &str) -> String {
        format!(
            "{title}\nOne question at a time. Type your answer and press Enter. \
             Type back to go back, or ? to hear a question again with its help."
        )
    }

    fn plain_section(&self, title: &str) -> String {
        format!("Section: {title}")
    }

    fn question_of(&self, number: usize, total: usize) -> String {
        format!("Question {number} of {total}")
    }

    fn choice(&self, number: usize, label: &str) -> String {
        format!("{number}. {label}")
    }

    fn choice_help(&self, help: &str) -> String {
        format!("   {help}")
    }

    fn how_to_answer(
        &self,
        kind: ItemKind,
        approximate: bool,
        optional: bool,
        help: bool,
    ) -> String {
        let how = match kind {
            ItemKind::Single => "Type the number of your answer.",
            ItemKind::Multi => {
                "Type the numbers of every answer that applies, separated by spaces or commas."
            }
            ItemKind::Boolean => "Type y for yes or n for no.",
            ItemKind::Text => "Type your answer.",
            ItemKind::Date if approximate => {
                "Type the date as DD/MM/YYYY or YYYY-MM-DD; month and year will do, as 08/2026."
            }
            ItemKind::Date => "Type the date as DD/MM/YYYY or YYYY-MM-DD.",
        };
        let optional = if optional {
            " You may leave it empty."
        } else {
            ""
        };
        let help = if help { " Type ? for help." } else { "" };
        format!("{how}{optional}{help}")
    }

    fn answer_now(&self, answer: &str) -> String {
        format!("Your answer now: {answer}. Press Enter to keep it.")
    }

    fn unread(&self, unread: &Unread) -> String {
        match unread {
            Unread::NotAChoice { given, count } => {
                format!("'{given}' is not one of the choices. Type a number from 1 to {count}.")
            }
            Unread::OnlyOne => "Please choose only one answer.".into(),
            Unread::NotYesNo { given } => {
                format!("'{given}' is not a yes or a no. Type y for yes or n for no.")
            }
            Unread::TooLong { max } => {
                format!("That line is too long; a line holds at most {max} characters.")
            }
            Unread::NotText => {
                "That line holds characters that are not text; please type it again.".into()
            }
        }
    }

    fn not_taken(&self, why: &str) -> String {
        format!("Not taken: {why}")
    }

    fn at_first_question(&self) -> &'static str {
        "This is the first question; there is nothing before it."
    }

    fn unfinished_heading(&self) -> &'static str {
        "Unfinished intakes:"
    }

    fn offered(&self, offered: &Offered) -> String {
        let name = offered.name.unwrap_or("No name yet");
        format!(
            "{}. {name}, {} of {} answered, saved {}",
            offered.number, offered.answered, offered.shown, offered.saved
        )
    }

    fn choose_unfinished(&self, count: usize) -> String {
        if count == 1 {
            "Type 1 to continue it, or press Enter to start a new intake.".into()
        } else {
            format!(
                "Type a number from 1 to {count} to continue one, or press Enter to start a new \
                 intake."
            )
        }
    }

    fn not_offered(&self, given: &str, count: usize) -> String {
        if count == 1 {
            format!("'{given}' is not one of them. Type 1, or press Enter.")
        } else {
            format!(
                "'{given}' is not one of them. Type a number from 1 to {count}, or press Enter."
            )
        }
    }

    fn continuing(&self) -> &'static str {
        "Continuing where it was left."
    }

    fn your_answers(&self) -> &'static str {
        "Your answers:"
    }

    fn answer_read_back(&self, number: usize, prompt: &str, answer: &str) -> String {
        format!("{number}. {prompt}\n   {answer}")
    }

    fn assessment_heading(&self) -> &'static str {
        "Assessment:"
    }

    fn submit_question(&self, kiosk: bool) -> &'static str {
        if kiosk {
            "Send your answers? Type y to send them, or n to change an answer."
        } else {
            "Submit these answers? Type y to submit, or n to change an answer."
        }
    }

    fn which_to_change(&self, count: usize) -> String {
        format!(
            "Which answer do you want to change? Type its number, from 1 to {count}, or back \
             to go to the last question."
        )
    }

    fn no_such_answer(&self, given: &str, count: usize) -> String {
        format!("'{given}' is not an answer's number. Type a number from 1 to {count}.")
    }

    fn submitted(&self, path: &Path) -> String {
        format!("Submitted. The summary is in {}", path.display())
    }

    fn not_submitted(&self, why: &dyn Display) -> String {
        format!("Could not save the summary: {why}. The answers are kept; type y to try again.")
    }

    fn ended_kept(&self, path: &Path, out: &Path) -> String {
        format!(
            "The input ended before the answers were submitted. The unfinished intake is kept \
             in {}. To continue it, run skin-intake --plain --out {} again and choose it.",
            path.display(),
            out.display()
        )
    }

    fn ended_unchosen(&self) -> &'static str {
        "The input ended before an intake was chosen; the unfinished intakes stay as they were."
    }

    fn ended_nothing(&self) -> &'static str {
        "The input ended before any question was answered; nothing was kept."
    }

    fn ended_lost(&self, why: &dyn Display) -> String {
        format!("The input ended and the unfinished intake could not be saved: {why}")
    }
}
