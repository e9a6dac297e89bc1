//! A typed line read as an answer to one question, as the screens would take it: choices by
//! number or code, yes/no by the language's words, dates as the screens read them, text as typed.
//! What is wrong with the answer itself is the engine's to say when it is confirmed.

use crate::dates::{self, DateProblem};
use crate::model::answer::Answer;
use crate::model::questionnaire::{Item, ItemKind};
use crate::words::Words;
use crate::words::plain::Unread;

/// Why a line is not an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotAnswer {
    Unread(Unread),
    Date(DateProblem),
}

/// `line` (without its line ending) as an answer to `item`; `None` is no answer, as an empty
/// field or no choice on the screens.
///
/// # Errors
/// [`NotAnswer`]: the line names no choice, is no yes or no, or no date.
pub fn read(
    item: &Item,
    line: &str,
    words: &dyn Words,
    language: &str,
) -> Result<Option<Answer>, NotAnswer> {
    let line = line.trim();
    match item.kind {
        ItemKind::Text => Ok(Some(Answer::Text(line.to_owned()))),
        ItemKind::Date | ItemKind::Boolean | ItemKind::Single if line.is_empty() => Ok(None),
        ItemKind::Date => dates::parse_date_input(line, item.approximate)
            .map(|typed| Some(Answer::from(typed)))
            .map_err(NotAnswer::Date),
        ItemKind::Boolean => {
            let typed = line.to_lowercase();
            if words.yes_words().contains(&typed.as_str()) {
                Ok(Some(Answer::Bool(true)))
            } else if words.no_words().contains(&typed.as_str()) {
                Ok(Some(Answer::Bool(false)))
            } else {
                Err(NotAnswer::Unread(Unread::NotYesNo {
                    given: line.to_owned(),
                }))
            }
        }
        ItemKind::Single => {
            // A label typed in full is taken too: it may hold spaces.
            if let Some(i) = by_label(item, line, language) {
                return Ok(Some(Answer::Choice(item.options[i].code.clone())));
            }
            let picked = choices(item, line)?;
            match picked.as_slice() {
                [one] => Ok(Some(Answer::Choice(item.options[*one].code.clone()))),
                _ => Err(NotAnswer::Unread(Unread::OnlyOne)),
            }
        }
        ItemKind::Multi => {
            let mut picked = match by_label(item, line, language) {
                Some(i) => vec![i],
                None => choices(item, line)?,
            };
            // In the questionnaire's order, each once, as ticked on the screens.
            picked.sort_unstable();
            picked.dedup();
            Ok(Some(Answer::Choices(
                picked
                    .into_iter()
                    .map(|i| item.options[i].code.clone())
                    .collect(),
            )))
        }
    }
}

/// The option whose label is `line` (case aside).
fn by_label(item: &Item, line: &str, language: &str) -> Option<usize> {
    let line = line.to_lowercase();
    item.options
        .iter()
        .position(|o| o.label.get(language).trim().to_lowercase() == line)
}

/// The options named by `line`: numbers from 1 or codes (case aside), separated by spaces or
/// commas.
fn choices(item: &Item, line: &str) -> Result<Vec<usize>, NotAnswer> {
    let count = item.options.len();
    line.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .map(|token| {
            let by_number = token
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=count).contains(n))
                .map(|n| n - 1);
            by_number
                .or_else(|| {
                    item.options
                        .iter()
                        .position(|o| o.code.eq_ignore_ascii_case(token))
                })
                .ok_or_else(|| {
                    NotAnswer::Unread(Unread::NotAChoice {
                        given: token.to_owned(),
                        count,
                    })
                })
        })
        .collect()
}
