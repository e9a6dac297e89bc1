//! The plain line mode's reading of a typed line as an answer: choices by number, code or label,
//! yes and no by the language's words, dates as the screens read them.

use skin_intake::dates::YearMonth;
use skin_intake::model::answer::Answer;
use skin_intake::plain::answer::{NotAnswer, read};
use skin_intake::words::{self, plain::Unread};

use crate::support::{date, questionnaire};

fn typed(id: &str, line: &str) -> Result<Option<Answer>, NotAnswer> {
    let q = questionnaire();
    let item = q.item(id).expect("the question").clone();
    read(&item, line, words::for_language("en"), "en")
}

fn codes(codes: &[&str]) -> Answer {
    Answer::Choices(codes.iter().map(|c| (*c).to_owned()).collect())
}

#[test]
fn a_single_choice_is_read_by_number_code_or_label_case_aside() {
    for line in ["3", " 3 ", "III", "iii"] {
        assert_eq!(
            typed("skin_type", line),
            Ok(Some(Answer::Choice("III".into()))),
            "{line}"
        );
    }
    assert_eq!(
        typed("pregnant_or_breastfeeding", "I am not sure"),
        Ok(Some(Answer::Choice("unsure".into())))
    );
    assert_eq!(typed("skin_type", ""), Ok(None));
    assert_eq!(
        typed("skin_type", "2 3"),
        Err(NotAnswer::Unread(Unread::OnlyOne))
    );
    assert_eq!(
        typed("skin_type", "0"),
        Err(NotAnswer::Unread(Unread::NotAChoice {
            given: "0".into(),
            count: 6
        }))
    );
}

#[test]
fn a_multiple_choice_is_read_in_the_questionnaire_s_order_each_once() {
    let both = codes(&["fine_lines", "acne_scars"]);
    for line in [
        "2 7",
        "7,2",
        "acne_scars, 2",
        "2, 2 ,7",
        "FINE_LINES ACNE_SCARS",
    ] {
        assert_eq!(typed("concerns", line), Ok(Some(both.clone())), "{line}");
    }
    // Nothing chosen is the engine's to refuse, as an empty list on the screens.
    assert_eq!(typed("concerns", ""), Ok(Some(codes(&[]))));
}

#[test]
fn yes_and_no_are_the_language_s_words() {
    for (line, value) in [("y", true), ("Yes", true), ("N", false), (" no ", false)] {
        assert_eq!(
            typed("active_acne", line),
            Ok(Some(Answer::Bool(value))),
            "{line}"
        );
    }
    assert_eq!(
        typed("active_acne", "maybe"),
        Err(NotAnswer::Unread(Unread::NotYesNo {
            given: "maybe".into()
        }))
    );
}

#[test]
fn dates_are_read_as_on_the_screens() {
    assert_eq!(
        typed("date_of_birth", "31/05/1980"),
        Ok(Some(Answer::Date(date("1980-05-31"))))
    );
    assert_eq!(
        typed("date_of_birth", "1980-05-31"),
        Ok(Some(Answer::Date(date("1980-05-31"))))
    );
    assert!(matches!(
        typed("date_of_birth", "31/13/1980"),
        Err(NotAnswer::Date(_))
    ));
    // Where a month is enough, a month is taken.
    assert!(matches!(
        typed("scar_date", "08/2025"),
        Ok(Some(Answer::Month(m))) if m == YearMonth::new(2025, 8).unwrap()
    ));
}
