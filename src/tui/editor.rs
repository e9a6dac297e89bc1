//! The answer being given to one question, before it is confirmed: a highlighted option, ticked
//! options, yes/no, or text being typed. Turning it into an [`Answer`] and back.

use tui_input::Input;

use super::action::{Action, AnswerKind, Hit};
use super::widgets::text_field;

use crate::dates::{self, DateProblem};
use crate::model::answer::Answer;
use crate::model::questionnaire::{Item, ItemKind};
use crate::words::{Label, Words};

#[derive(Debug, Clone)]
pub enum Editor {
    /// The highlighted option is the answer; nothing is highlighted until the person picks.
    Single {
        highlight: Option<usize>,
    },
    Multi {
        highlight: usize,
        ticked: Vec<bool>,
    },
    /// `Some(true)` is Yes.
    Boolean {
        value: Option<bool>,
    },
    Text(Input),
    Date(Input),
}

/// Whether a key changed anything (so the caller knows whether to keep a validation message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    Changed,
    Ignored,
}

impl Editor {
    /// A fresh editor for `item`, pre-filled with `answer` when there is one.
    #[must_use]
    pub fn new(item: &Item, answer: Option<&Answer>) -> Self {
        let index = |code: &str| item.options.iter().position(|o| o.code == code);
        match item.kind {
            ItemKind::Single => {
                let highlight = match answer {
                    Some(Answer::Choice(c)) => index(c),
                    _ => None,
                };
                Editor::Single { highlight }
            }
            ItemKind::Multi => {
                let ticked = item
                    .options
                    .iter()
                    .map(|o| matches!(answer, Some(Answer::Choices(c)) if c.contains(&o.code)))
                    .collect();
                Editor::Multi {
                    highlight: 0,
                    ticked,
                }
            }
            ItemKind::Boolean => {
                let value = match answer {
                    Some(Answer::Bool(b)) => Some(*b),
                    _ => None,
                };
                Editor::Boolean { value }
            }
            ItemKind::Text => Editor::Text(Input::new(match answer {
                Some(Answer::Text(s)) => s.clone(),
                _ => String::new(),
            })),
            ItemKind::Date => Editor::Date(Input::new(match answer {
                Some(Answer::Date(d)) => d.format("%Y-%m-%d").to_string(),
                Some(Answer::Month(m)) => m.to_string(),
                _ => String::new(),
            })),
        }
    }

    /// The kind of answer widget for `item`, for the keymap.
    #[must_use]
    pub fn kind(&self, item: Option<&Item>) -> AnswerKind {
        match self {
            Editor::Single { .. } => AnswerKind::Single,
            Editor::Multi { .. } => AnswerKind::Multi,
            Editor::Boolean { .. } => AnswerKind::Boolean,
            Editor::Text(_) if item.is_some_and(Item::takes_lines) => AnswerKind::LongText,
            Editor::Text(_) => AnswerKind::Text,
            Editor::Date(_) => AnswerKind::Date,
        }
    }

    /// Applies an action meant for the answer widget (not Enter, Esc or the app's own keys).
    pub fn update(&mut self, item: &Item, action: &Action) -> Edited {
        let count = match self {
            Editor::Boolean { .. } => 2,
            _ => item.options.len(),
        };
        match (self, action) {
            (editor, Action::Tap(Hit::Option(i))) => editor.click(*i),
            (editor, Action::Paste(text)) => editor.paste(item, text),
            (Editor::Single { highlight }, Action::Pick(i)) if *i < count => {
                *highlight = Some(*i);
                Edited::Changed
            }
            (Editor::Single { highlight }, Action::Up) if count > 0 => {
                *highlight = Some(highlight.map_or(0, |h| h.saturating_sub(1)));
                Edited::Changed
            }
            (Editor::Single { highlight }, Action::Down) if count > 0 => {
                *highlight = Some(highlight.map_or(0, |h| (h + 1).min(count - 1)));
                Edited::Changed
            }
            (Editor::Multi { highlight, ticked }, Action::Pick(i)) if *i < count => {
                *highlight = *i;
                ticked[*i] = !ticked[*i];
                Edited::Changed
            }
            (Editor::Multi { highlight, ticked }, Action::Toggle) if *highlight < count => {
                ticked[*highlight] = !ticked[*highlight];
                Edited::Changed
            }
            (Editor::Multi { highlight, .. }, Action::Up) => {
                *highlight = highlight.saturating_sub(1);
                Edited::Changed
            }
            (Editor::Multi { highlight, .. }, Action::Down) if count > 0 => {
                *highlight = (*highlight + 1).min(count - 1);
                Edited::Changed
            }
            (Editor::Boolean { value }, Action::Yes) => {
                *value = Some(true);
                Edited::Changed
            }
            (Editor::Boolean { value }, Action::No) => {
                *value = Some(false);
                Edited::Changed
            }
            (Editor::Boolean { value }, Action::Pick(i)) if *i < 2 => {
                *value = Some(*i == 0);
                Edited::Changed
            }
            (Editor::Text(input), Action::NewLine) if item.takes_lines() => {
                edited(text_field::new_line(input, item.max_length))
            }
            (Editor::Text(input), Action::Edit(key)) => {
                edited(text_field::key(input, *key, item.max_length))
            }
            (Editor::Date(input), Action::Edit(key)) => {
                edited(text_field::key(input, *key, Some(DATE_MAX)))
            }
            _ => Edited::Ignored,
        }
    }

    /// Clicking option `index`: the same as its digit.
    fn click(&mut self, index: usize) -> Edited {
        match self {
            Editor::Single { highlight } => {
                *highlight = Some(index);
                Edited::Changed
            }
            Editor::Multi { highlight, ticked } if index < ticked.len() => {
                *highlight = index;
                ticked[index] = !ticked[index];
                Edited::Changed
            }
            Editor::Boolean { value } if index < 2 => {
                *value = Some(index == 0);
                Edited::Changed
            }
            _ => Edited::Ignored,
        }
    }

    /// Pasted text goes into text and date fields, cleaned and cut to what fits.
    fn paste(&mut self, item: &Item, text: &str) -> Edited {
        match self {
            Editor::Text(input) if item.takes_lines() => {
                text_field::insert_lines(input, text, item.max_length);
            }
            Editor::Text(input) => text_field::insert(input, text, item.max_length),
            Editor::Date(input) => text_field::insert(input, text, Some(DATE_MAX)),
            _ => return Edited::Ignored,
        }
        Edited::Changed
    }

    /// The answer as it stands, or why it cannot be one yet (an unreadable date).
    ///
    /// # Errors
    /// The typed date that could not be read.
    pub fn answer(&self, item: &Item) -> Result<Option<Answer>, DateProblem> {
        let code = |i: usize| item.options.get(i).map(|o| o.code.clone());
        Ok(match self {
            Editor::Single { highlight } => highlight.and_then(code).map(Answer::Choice),
            Editor::Multi { ticked, .. } => Some(Answer::Choices(
                ticked
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| **t)
                    .filter_map(|(i, _)| code(i))
                    .collect(),
            )),
            Editor::Boolean { value, .. } => value.map(Answer::Bool),
            Editor::Text(input) => Some(Answer::Text(input.value().trim().to_owned())),
            Editor::Date(input) if input.value().trim().is_empty() => None,
            Editor::Date(input) => Some(Answer::from(dates::parse_date_input(
                input.value(),
                item.approximate,
            )?)),
        })
    }
}

fn edited(changed: bool) -> Edited {
    if changed {
        Edited::Changed
    } else {
        Edited::Ignored
    }
}

/// `DD/MM/YYYY` is ten characters; a little room for spaces.
const DATE_MAX: usize = 12;

/// The hint for a date question.
#[must_use]
pub fn date_hint(item: &Item, words: &dyn Words) -> &'static str {
    words.label(if item.approximate {
        Label::ApproximateDateHint
    } else {
        Label::DateHint
    })
}
