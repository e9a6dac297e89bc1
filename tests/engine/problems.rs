//! Problems are data that carry what they are about (question id, code, limit), and English words
//! them as users read them today: the answer checks, answers files, typed dates and answers as shown.

use chrono::NaiveDate;
use serde_json::{Value, json};
use skin_intake::dates::{DateProblem, YearMonth, parse_date_input, parse_iso_date};
use skin_intake::engine::checks::{AnswerProblem, Fault, check_answer};
use skin_intake::engine::display::{Shown, shown};
use skin_intake::load::answers::{
    AnswersProblem, JsonType, ValueProblem, parse_file, read_and_check,
};
use skin_intake::model::answer::Answer;
use skin_intake::model::questionnaire::ItemKind;
use skin_intake::model::text::Text;
use skin_intake::words::{self, Words, en::English};

use crate::support::{BASELINE, date, questionnaire};

const TODAY: &str = "2026-11-24";

// ── Typed and written dates ─────────────────────────────────────────────────────────────────

#[test]
fn a_date_problem_carries_the_text_given_and_says_which_form_to_use() {
    let written = parse_iso_date("31/05/1980").unwrap_err();
    assert_eq!(
        written,
        DateProblem::NotIso {
            given: "31/05/1980".into(),
            month_allowed: false
        }
    );
    assert_eq!(
        English.date_problem(&written),
        "'31/05/1980' is not a real date written as YYYY-MM-DD (for example 1980-05-31)"
    );
    let typed = parse_date_input("  31/02/1980 ", false).unwrap_err();
    assert_eq!(
        typed,
        DateProblem::NotTyped {
            given: "31/02/1980".into(),
            month_allowed: false
        }
    );
    assert_eq!(
        English.date_problem(&typed),
        "'31/02/1980' is not a date we can read. Please type it as YYYY-MM-DD, for example \
         1980-05-31."
    );
}

// ── One answer to one question ──────────────────────────────────────────────────────────────

/// The fault `check_answer` finds in `answer` to the built-in question `id` on the reference date.
fn fault(id: &str, answer: Option<&Answer>) -> Fault {
    let q = questionnaire();
    let item = q.item(id).expect("a built-in question");
    check_answer(item, answer, date(TODAY)).expect_err("a faulty answer")
}

fn choices(codes: &[&str]) -> Answer {
    Answer::Choices(codes.iter().map(|&c| c.to_owned()).collect())
}

fn translated(texts: &Value) -> Text {
    serde_json::from_value(texts.clone()).expect("a translated text")
}

fn on(s: &str) -> Answer {
    Answer::Date(date(s))
}

#[test]
fn each_fault_of_an_answer_carries_its_limits_and_reads_as_today() {
    let cases: Vec<(Fault, Fault, &str)> = vec![
        (
            fault("concerns", Some(&choices(&[]))),
            Fault::Missing {
                kind: ItemKind::Multi,
            },
            "Please choose at least one option.",
        ),
        (
            fault("diabetes", None),
            Fault::Missing {
                kind: ItemKind::Single,
            },
            "Please choose an answer.",
        ),
        (
            fault("active_acne", None),
            Fault::Missing {
                kind: ItemKind::Boolean,
            },
            "Please choose an answer.",
        ),
        (
            fault("full_name", Some(&Answer::Text("  ".into()))),
            Fault::Missing {
                kind: ItemKind::Text,
            },
            "Please fill this in.",
        ),
        (
            fault("date_of_birth", None),
            Fault::Missing {
                kind: ItemKind::Date,
            },
            "Please fill this in.",
        ),
        (
            fault("full_name", Some(&Answer::Text("é".repeat(101)))),
            Fault::TooLong {
                max: 100,
                length: 101,
            },
            "Please keep this to 100 characters (it has 101).",
        ),
        (
            fault(
                "full_name",
                Some(&Answer::Text("Ada\u{202e}ecalvoL".into())),
            ),
            Fault::InvisibleCharacters,
            "This holds control or invisible formatting characters; please type it again.",
        ),
        (
            fault("date_of_birth", Some(&on("2026-11-25"))),
            Fault::InFuture,
            "This date is in the future. Please check it.",
        ),
        (
            fault("isotretinoin_last_dose", Some(&on("2026-05-23"))),
            Fault::TooLongAgo { months: 6 },
            "This date is more than 6 months ago. Please check it, or go back and change your \
             earlier answer.",
        ),
        (
            fault("date_of_birth", Some(&on("1890-01-01"))),
            Fault::TooOld { age: 136, max: 120 },
            "That would make you 136 years old. Please check the year.",
        ),
        (
            fault("allergies", Some(&choices(&["metal", "other", "metal"]))),
            Fault::ChosenTwice {
                code: "metal".into(),
            },
            "Option 'metal' is chosen twice.",
        ),
        (
            fault("allergies", Some(&choices(&["metal", "none"]))),
            Fault::NotCombinable {
                code: "none".into(),
                label: translated(&json!({"en": "None of these", "es": "Ninguno de estos"})),
            },
            "'None of these' cannot be combined with other options.",
        ),
    ];
    for (found, want, english) in cases {
        assert_eq!(found, want);
        assert_eq!(English.fault(&found), english, "{found:?}");
    }
}

#[test]
fn an_exclusive_option_is_named_by_its_english_label_in_english() {
    let label = translated(&json!({"es": "Ninguna", "en": "None of these"}));
    let fault = Fault::NotCombinable {
        code: "none".into(),
        label,
    };
    assert_eq!(
        English.fault(&fault),
        "'None of these' cannot be combined with other options."
    );
}

// ── Answers files ───────────────────────────────────────────────────────────────────────────

/// The problems of an answers file and each as English words it.
fn answers_problems(text: &str) -> Vec<(AnswersProblem, String)> {
    let q = questionnaire();
    let found = read_and_check(&q, text, date(TODAY)).expect_err("a bad answers file");
    found
        .into_iter()
        .map(|p| {
            let english = English.answers_problem(&p);
            (p, english)
        })
        .collect()
}

/// The baseline answers with some changed; `Value::Null` removes one.
fn baseline_with(changes: &[(&str, Value)]) -> String {
    let mut file: Value = serde_json::from_str(BASELINE).expect("the baseline is JSON");
    let answers = file["answers"].as_object_mut().expect("an answers object");
    for (id, value) in changes {
        if value.is_null() {
            answers.remove(*id);
        } else {
            answers.insert((*id).to_owned(), value.clone());
        }
    }
    file.to_string()
}

#[test]
fn a_problem_of_the_whole_file_names_no_question_and_reads_as_today() {
    let cases: Vec<(&str, AnswersProblem, &str)> = vec![
        (
            " \n",
            AnswersProblem::Empty,
            r#"the file is empty; it should hold {"answers": {...}}"#,
        ),
        (
            r#"{"answers": {"#,
            AnswersProblem::Syntax {
                line: 1,
                column: 13,
                message: "EOF while parsing an object".into(),
            },
            "line 1, column 13: not valid JSON: EOF while parsing an object",
        ),
        (
            "[1, 2]",
            AnswersProblem::NotAnObject,
            r#"expected an object such as {"answers": {"full_name": "Ada Lovelace"}}"#,
        ),
        (
            r#"{"answers": 5}"#,
            AnswersProblem::AnswersNotAnObject {
                found: JsonType::Number,
            },
            r#""answers" must be an object of question id to answer, not a number"#,
        ),
        (
            r#"{"answers": null}"#,
            AnswersProblem::AnswersNotAnObject {
                found: JsonType::Null,
            },
            r#""answers" must be an object of question id to answer, not null"#,
        ),
    ];
    for (text, want, english) in cases {
        assert_eq!(
            answers_problems(text),
            [(want, english.to_owned())],
            "{text}"
        );
    }
    assert_eq!(
        answers_problems(r#"{"answer": {}}"#),
        [
            (
                AnswersProblem::UnknownField {
                    field: "answer".into()
                },
                r#"unknown field 'answer': the file holds only "answers""#.to_owned()
            ),
            (
                AnswersProblem::NoAnswers,
                r#"missing "answers": an object of question id to answer"#.to_owned()
            ),
        ]
    );
}

#[test]
fn a_problem_with_one_answer_names_its_question_and_reads_as_today() {
    let value = |question: &str, problem| AnswersProblem::Value {
        question: question.into(),
        problem,
    };
    let cases: Vec<(Value, AnswersProblem, &str)> = vec![
        (
            json!({"favourite_colour": "blue"}),
            AnswersProblem::UnknownQuestion {
                question: "favourite_colour".into(),
            },
            "question 'favourite_colour': no such question in this questionnaire",
        ),
        (
            json!({"full_name": true}),
            value(
                "full_name",
                ValueProblem::WrongType {
                    expected: ItemKind::Text,
                    found: JsonType::Bool,
                },
            ),
            "question 'full_name': expected a string, found true/false",
        ),
        (
            json!({"date_of_birth": 1980}),
            value(
                "date_of_birth",
                ValueProblem::WrongType {
                    expected: ItemKind::Date,
                    found: JsonType::Number,
                },
            ),
            r#"question 'date_of_birth': expected a date as "YYYY-MM-DD", found a number"#,
        ),
        (
            json!({"active_acne": "no"}),
            value(
                "active_acne",
                ValueProblem::WrongType {
                    expected: ItemKind::Boolean,
                    found: JsonType::String,
                },
            ),
            "question 'active_acne': expected true or false, found a string",
        ),
        (
            json!({"diabetes": ["no"]}),
            value(
                "diabetes",
                ValueProblem::WrongType {
                    expected: ItemKind::Single,
                    found: JsonType::Array,
                },
            ),
            "question 'diabetes': expected one option code as a string, found a list",
        ),
        (
            json!({"areas": {"face": true}}),
            value(
                "areas",
                ValueProblem::WrongType {
                    expected: ItemKind::Multi,
                    found: JsonType::Object,
                },
            ),
            "question 'areas': expected a list of option codes, found an object",
        ),
        (
            json!({"skin_type": "VII"}),
            value(
                "skin_type",
                ValueProblem::UnknownOption {
                    code: "VII".into(),
                    options: ["I", "II", "III", "IV", "V", "VI"]
                        .map(String::from)
                        .to_vec(),
                },
            ),
            "question 'skin_type': unknown option 'VII'; the options are: I, II, III, IV, V, VI",
        ),
        (
            json!({"date_of_birth": "1980-02-30"}),
            value(
                "date_of_birth",
                ValueProblem::Date(DateProblem::NotIso {
                    given: "1980-02-30".into(),
                    month_allowed: false,
                }),
            ),
            "question 'date_of_birth': '1980-02-30' is not a real date written as YYYY-MM-DD \
             (for example 1980-05-31)",
        ),
        (
            json!({"date_of_birth": "1890-01-01"}),
            AnswersProblem::Answer(AnswerProblem {
                question: "date_of_birth".into(),
                fault: Fault::TooOld { age: 136, max: 120 },
            }),
            "question 'date_of_birth': That would make you 136 years old. Please check the year.",
        ),
    ];
    for (change, want, english) in cases {
        let (id, value) = change
            .as_object()
            .and_then(|o| o.iter().next())
            .expect("one change");
        let found = answers_problems(&baseline_with(&[(id, value.clone())]));
        assert_eq!(found, [(want, english.to_owned())], "{change}");
        assert_eq!(found[0].0.question(), Some(id.as_str()));
    }
}

#[test]
fn a_file_level_problem_has_no_question() {
    let q = questionnaire();
    let (_, found) = parse_file(&q, "[]");
    assert_eq!(found, [AnswersProblem::NotAnObject]);
    assert_eq!(found[0].question(), None);
}

// ── Answers as the patient reads them ───────────────────────────────────────────────────────

#[test]
fn an_answer_is_shown_as_data_and_english_writes_yes_no_dates_and_lists() {
    let q = questionnaire();
    let item = |id: &str| q.item(id).expect("a built-in question");
    let cases: Vec<(&str, Answer, Shown, &str)> = vec![
        (
            "full_name",
            Answer::Text("Maria Garcia".into()),
            Shown::Text("Maria Garcia"),
            "Maria Garcia",
        ),
        (
            "date_of_birth",
            Answer::Date(NaiveDate::from_ymd_opt(1980, 5, 31).expect("a date")),
            Shown::Date(NaiveDate::from_ymd_opt(1980, 5, 31).expect("a date")),
            "31 May 1980",
        ),
        ("active_acne", Answer::Bool(true), Shown::YesNo(true), "Yes"),
        (
            "active_acne",
            Answer::Bool(false),
            Shown::YesNo(false),
            "No",
        ),
        (
            "areas",
            Answer::Choices(vec!["neck".into(), "face".into()]),
            Shown::Options(vec!["Neck", "Face"]),
            "Neck, Face",
        ),
        (
            "diabetes",
            Answer::Choice("gone".into()),
            Shown::Options(vec!["gone"]),
            "gone",
        ),
        (
            "scar_date",
            Answer::Month(YearMonth::new(2026, 8).expect("a month")),
            Shown::Month(YearMonth::new(2026, 8).expect("a month")),
            "August 2026",
        ),
    ];
    for (id, answer, want, english) in cases {
        let found = shown(item(id), &answer, "en");
        assert_eq!(found, want, "{id}");
        assert_eq!(English.shown(&found), english, "{id}");
        assert_eq!(words::answer_text(item(id), &answer, "en"), english, "{id}");
    }
}

#[test]
fn where_a_month_is_enough_the_problems_say_so() {
    let q = questionnaire();
    let scar = q.item("scar_date").expect("a built-in question");
    let month = |s: &str| Answer::Month(s.parse::<NaiveDate>().map(YearMonth::of).expect("a date"));
    let fault = check_answer(scar, Some(&month("2026-12-01")), date(TODAY)).unwrap_err();
    assert_eq!(fault, Fault::MonthInFuture);
    assert_eq!(
        English.fault(&fault),
        "This month is in the future. Please check it."
    );
    assert_eq!(
        check_answer(scar, Some(&month("2026-11-01")), date(TODAY)),
        Ok(()),
        "the current month"
    );
    let typed = parse_date_input("Agust 2026", true).unwrap_err();
    assert_eq!(
        English.date_problem(&typed),
        "'Agust 2026' is not a date we can read. Please type it as YYYY-MM-DD, for example \
         2026-08-15, or only the month and year if you do not know the day, for example 08/2026 \
         or August 2026."
    );
    let written = skin_intake::dates::parse_iso("2026-8", true).unwrap_err();
    assert_eq!(
        English.date_problem(&written),
        "'2026-8' is not a real date written as YYYY-MM-DD (for example 1980-05-31), nor a month \
         written as YYYY-MM (for example 2026-08)"
    );
}

#[test]
fn a_language_without_words_yet_is_given_english() {
    let problem = DateProblem::NotIso {
        given: "x".into(),
        month_allowed: false,
    };
    assert_eq!(
        words::for_language("fr").date_problem(&problem),
        English.date_problem(&problem)
    );
    assert!(words::LANGUAGES.iter().any(|(code, _)| *code == "en"));
}

#[test]
fn a_long_text_keeps_its_line_breaks_and_a_short_one_takes_none() {
    let q = questionnaire();
    let today = date(TODAY);
    let check = |id: &str, text: &str| {
        check_answer(q.item(id).unwrap(), Some(&Answer::Text(text.into())), today)
    };
    // The patient's note (up to 1000 characters) is written over several lines.
    assert_eq!(
        check(
            "notes",
            "Peel in 2023:\na week of redness.\n\nAway in August."
        ),
        Ok(())
    );
    // Each of its lines is checked as any text is.
    assert_eq!(
        check("notes", "Peel in 2023:\nAda\u{202e}ecalvoL"),
        Err(Fault::InvisibleCharacters)
    );
    assert_eq!(check("notes", "one\rtwo"), Err(Fault::InvisibleCharacters));
    assert_eq!(check("notes", "one\ttwo"), Err(Fault::InvisibleCharacters));
    // A name is one line.
    assert_eq!(
        check("full_name", "Maria\nGarcia"),
        Err(Fault::InvisibleCharacters)
    );
    assert!(q.item("notes").unwrap().takes_lines());
    assert!(!q.item("full_name").unwrap().takes_lines());
}
