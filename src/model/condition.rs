//! The condition language of `questions.json`: JSON objects, evaluated against answers.

use chrono::NaiveDate;
#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::answer::{Answer, Answers};
use crate::dates::{add_days, add_months, age_on};

/// A test on the answers, written as JSON:
/// `{"answered": "q"}`, `{"equals": {"question": "q", "value": "code"}}`,
/// `{"one_of": {"question": "q", "values": ["a", "b"]}}`, `{"includes": {"question": "q", "value": "code"}}`,
/// `{"not": …}`, `{"all": […]}`, `{"any": […]}`,
/// `{"age_under": {"question": "dob", "years": 18}}`,
/// `{"within_months": {"question": "d", "months": 6}}`, `{"within_days": {"question": "d", "days": 14}}`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The question is shown and has an answer.
    Answered(String),
    /// A single choice is this code, or a yes/no answer is this boolean.
    Equals {
        question: String,
        value: Expected,
    },
    /// A single choice is one of these codes.
    OneOf {
        question: String,
        values: Vec<Expected>,
    },
    /// A multiple choice includes this code.
    Includes {
        question: String,
        value: String,
    },
    Not(Box<Condition>),
    All(Vec<Condition>),
    Any(Vec<Condition>),
    /// The age in completed years on the reference date, from a date of birth, is below `years`.
    AgeUnder {
        question: String,
        years: u32,
    },
    /// The date is less than `months` calendar months before the reference date: the date plus
    /// `months` is after it. A month answer counts as its last day.
    WithinMonths {
        question: String,
        months: u32,
    },
    /// The date plus `days` is after the reference date. A month answer counts as its last day.
    WithinDays {
        question: String,
        days: u32,
    },
}

/// The value an `equals` or `one_of` compares with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(
    untagged,
    expecting = "expected an option code (a string) or true/false"
)]
pub enum Expected {
    Bool(bool),
    Code(String),
}

impl Condition {
    /// Whether the condition holds. Questions without an answer make every test false
    /// (and so `not` of it true).
    #[must_use]
    pub fn holds(&self, answers: &Answers, today: NaiveDate) -> bool {
        match self {
            Condition::Answered(q) => answers.get(q).is_some(),
            Condition::Equals { question, value } => answers
                .get(question)
                .is_some_and(|a| matches_expected(a, value)),
            Condition::OneOf { question, values } => answers
                .get(question)
                .is_some_and(|a| values.iter().any(|v| matches_expected(a, v))),
            Condition::Includes { question, value } => {
                matches!(answers.get(question), Some(Answer::Choices(codes)) if codes.contains(value))
            }
            Condition::Not(inner) => !inner.holds(answers, today),
            Condition::All(all) => all.iter().all(|c| c.holds(answers, today)),
            Condition::Any(any) => any.iter().any(|c| c.holds(answers, today)),
            Condition::AgeUnder { question, years } => answers
                .get(question)
                .and_then(Answer::date)
                .and_then(|born| age_on(born, today))
                .is_some_and(|age| age < *years),
            Condition::WithinMonths { question, months } => answers
                .get(question)
                .and_then(Answer::date)
                .and_then(|date| add_months(date, *months))
                .is_some_and(|until| until > today),
            Condition::WithinDays { question, days } => answers
                .get(question)
                .and_then(Answer::date)
                .and_then(|date| add_days(date, *days))
                .is_some_and(|until| until > today),
        }
    }

    /// The questions the condition reads, in the order it names them, each once.
    #[must_use]
    pub fn questions(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_questions(&mut out);
        out
    }

    fn collect_questions<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Condition::Answered(question)
            | Condition::Equals { question, .. }
            | Condition::OneOf { question, .. }
            | Condition::Includes { question, .. }
            | Condition::AgeUnder { question, .. }
            | Condition::WithinMonths { question, .. }
            | Condition::WithinDays { question, .. } => {
                if !out.contains(&question.as_str()) {
                    out.push(question);
                }
            }
            Condition::Not(inner) => inner.collect_questions(out),
            Condition::All(list) | Condition::Any(list) => {
                for c in list {
                    c.collect_questions(out);
                }
            }
        }
    }
}

fn matches_expected(answer: &Answer, expected: &Expected) -> bool {
    match (answer, expected) {
        (Answer::Bool(a), Expected::Bool(e)) => a == e,
        (Answer::Choice(a), Expected::Code(e)) => a == e,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cond(value: serde_json::Value) -> Condition {
        serde_json::from_value(value).expect("a condition")
    }

    fn answers() -> Answers {
        let mut a = Answers::new();
        a.set("smoker", Answer::Bool(true));
        a.set("diabetes", Answer::Choice("controlled".into()));
        a.set("areas", Answer::Choices(vec!["face".into(), "neck".into()]));
        a
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date")
    }

    #[test]
    fn combinators_and_unanswered_questions() {
        let a = answers();
        let holds = |v| cond(v).holds(&a, today());
        assert!(holds(json!({"answered": "smoker"})));
        assert!(!holds(json!({"answered": "name"})));
        assert!(holds(
            json!({"all": [{"answered": "smoker"}, {"includes": {"question": "areas", "value": "neck"}}]})
        ));
        assert!(!holds(
            json!({"all": [{"answered": "smoker"}, {"includes": {"question": "areas", "value": "back"}}]})
        ));
        assert!(holds(
            json!({"any": [{"answered": "name"}, {"equals": {"question": "smoker", "value": true}}]})
        ));
        assert!(!holds(json!({"any": []})));
        assert!(
            holds(json!({"not": {"equals": {"question": "name", "value": "x"}}})),
            "unanswered: the test is false"
        );
        assert!(holds(
            json!({"one_of": {"question": "diabetes", "values": ["controlled", "uncontrolled"]}})
        ));
        assert!(
            !holds(json!({"equals": {"question": "smoker", "value": "true"}})),
            "a code never equals a boolean"
        );
        assert!(
            !holds(json!({"includes": {"question": "diabetes", "value": "controlled"}})),
            "includes reads multi answers"
        );
    }

    #[test]
    fn the_questions_a_condition_reads_in_order_once() {
        let c = cond(json!({"any": [
            {"equals": {"question": "b", "value": true}},
            {"not": {"answered": "a"}},
            {"all": [{"answered": "b"}, {"within_months": {"question": "c", "months": 1}}]}
        ]}));
        assert_eq!(c.questions(), ["b", "a", "c"]);
    }

    #[test]
    fn unknown_or_misspelt_conditions_are_refused() {
        assert!(
            serde_json::from_value::<Condition>(json!({"equal": {"question": "a", "value": 1}}))
                .is_err()
        );
        assert!(
            serde_json::from_value::<Condition>(
                json!({"equals": {"question": "a", "valeu": true}})
            )
            .is_err()
        );
    }

    #[test]
    fn date_windows_end_on_the_day_the_wait_is_over() {
        let on = |answer: Answer, c: serde_json::Value| {
            let mut a = Answers::new();
            a.set("d", answer);
            cond(c).holds(&a, today())
        };
        let day = |s: &str| Answer::Date(s.parse().expect("a date"));
        let days = json!({"within_days": {"question": "d", "days": 14}});
        assert!(
            on(day("2026-11-11"), days.clone()),
            "the wait ends on 25 November"
        );
        assert!(!on(day("2026-11-10"), days.clone()), "the wait ends today");
        let months = json!({"within_months": {"question": "d", "months": 6}});
        assert!(on(day("2026-05-25"), months.clone()));
        assert!(!on(day("2026-05-24"), months.clone()));
        // A month counts as its last day: May 2026 is 31 May, six months on is 30 November.
        let may = Answer::Month(crate::dates::YearMonth::new(2026, 5).expect("a month"));
        assert!(on(may.clone(), months));
        assert!(on(may, json!({"age_under": {"question": "d", "years": 1}})));
        assert!(!on(Answer::Bool(true), days), "a wait reads only dates");
    }
}
