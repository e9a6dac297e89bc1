//! A `show_if` as FHIR says when an item is enabled: `enableWhen` (with `enableBehavior`) where it
//! means exactly the same, and the SDC `enableWhenExpression` in FHIRPath where it cannot (dates,
//! ages, negations, nesting). Either way the item is enabled exactly when the engine shows it;
//! `today()` stands for the reference date.

use serde_json::{Value, json};

use super::Canonical;
use super::resource::Declared;
use crate::model::condition::{Condition, Expected};

const ENABLE_WHEN_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";

/// Adds what `condition` says to `item`: `enableWhen` and `enableBehavior`, or an extension.
pub(super) fn enable(condition: &Condition, canonical: Canonical, item: &mut Declared) {
    let (whens, behavior) = match condition {
        Condition::All(list) => (simple_list(list, canonical), "all"),
        Condition::Any(list) => (simple_list(list, canonical), "any"),
        Condition::OneOf { question, values } => (
            values
                .iter()
                .map(|value| Some(equals(question, value, canonical)))
                .collect(),
            "any",
        ),
        single => (vec![simple(single, canonical)], "all"),
    };
    match whens.into_iter().collect::<Option<Vec<Value>>>() {
        Some(whens) if !whens.is_empty() => {
            item.enable_behavior = (whens.len() > 1).then_some(behavior);
            item.enable_when = whens;
        }
        _ => item.extension.push(json!({
            "url": ENABLE_WHEN_EXPRESSION,
            "valueExpression": {
                "language": "text/fhirpath",
                "expression": fhirpath(condition, canonical)
            }
        })),
    }
}

fn simple_list(list: &[Condition], canonical: Canonical) -> Vec<Option<Value>> {
    list.iter().map(|c| simple(c, canonical)).collect()
}

/// One `enableWhen` that means what the condition means, if there is one. `!=` is never used:
/// FHIR leaves open what it means for an unanswered question.
fn simple(condition: &Condition, canonical: Canonical) -> Option<Value> {
    match condition {
        Condition::Answered(question) => Some(exists(question, true)),
        Condition::Not(inner) => match inner.as_ref() {
            Condition::Answered(question) => Some(exists(question, false)),
            _ => None,
        },
        Condition::Equals { question, value } => Some(equals(question, value, canonical)),
        // "=" on a question with several answers holds when any of them matches.
        Condition::Includes { question, value } => {
            Some(equals(question, &Expected::Code(value.clone()), canonical))
        }
        _ => None,
    }
}

fn exists(question: &str, answered: bool) -> Value {
    json!({"question": question, "operator": "exists", "answerBoolean": answered})
}

fn equals(question: &str, value: &Expected, canonical: Canonical) -> Value {
    match value {
        Expected::Bool(b) => json!({"question": question, "operator": "=", "answerBoolean": b}),
        Expected::Code(code) => json!({
            "question": question,
            "operator": "=",
            "answerCoding": {"system": canonical.options_system(question), "code": code}
        }),
    }
}

/// The condition in FHIRPath, evaluated on the response being filled in.
pub(super) fn fhirpath(condition: &Condition, canonical: Canonical) -> String {
    let answers = |q: &str| {
        format!(
            "%resource.repeat(item).where(linkId = {}).answer.value",
            literal(q)
        )
    };
    let is = |q: &str, value: &Expected| match value {
        Expected::Bool(b) => format!("({} contains {b})", answers(q)),
        Expected::Code(code) => format!(
            "{}.ofType(Coding).where(system = {} and code = {}).exists()",
            answers(q),
            literal(&canonical.options_system(q)),
            literal(code)
        ),
    };
    let joined = |list: &[Condition], op: &str, empty: &str| {
        if list.is_empty() {
            return empty.to_owned();
        }
        list.iter()
            .map(|c| format!("({})", fhirpath(c, canonical)))
            .collect::<Vec<_>>()
            .join(op)
    };
    match condition {
        Condition::Answered(q) => format!("{}.exists()", answers(q)),
        Condition::Equals { question, value } => is(question, value),
        Condition::OneOf { question, values } => {
            let each: Vec<String> = values.iter().map(|v| is(question, v)).collect();
            if each.is_empty() {
                "false".into()
            } else {
                format!("({})", each.join(" or "))
            }
        }
        Condition::Includes { question, value } => is(question, &Expected::Code(value.clone())),
        Condition::Not(inner) => format!("({}).not()", fhirpath(inner, canonical)),
        Condition::All(list) => joined(list, " and ", "true"),
        Condition::Any(list) => joined(list, " or ", "false"),
        // Under `years` in completed years: the birthday `years` on is still to come.
        Condition::AgeUnder { question, years } => format!(
            "{}.ofType(date).where($this + {years} years > today()).exists()",
            answers(question)
        ),
        // Less than `days` days ago: `days` on from it is still to come.
        Condition::WithinDays { question, days } => format!(
            "{}.ofType(date).where($this + {days} days > today()).exists()",
            answers(question)
        ),
        // Less than `months` calendar months ago: `months` on from it is still to come.
        Condition::WithinMonths { question, months } => format!(
            "{}.ofType(date).where($this + {months} months > today()).exists()",
            answers(question)
        ),
    }
}

/// A FHIRPath string literal.
fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cond(value: Value) -> Condition {
        serde_json::from_value(value).expect("a condition")
    }

    const CANONICAL: Canonical = Canonical {
        url: "https://x.example/Questionnaire/q",
        version: "1",
    };

    fn enable_json(condition: &Condition) -> Value {
        let mut item = Declared::default();
        enable(condition, CANONICAL, &mut item);
        serde_json::to_value(item).expect("serialises")
    }

    #[test]
    fn simple_conditions_become_enable_when() {
        let out = enable_json(&cond(
            json!({"equals": {"question": "smoker", "value": true}}),
        ));
        assert_eq!(
            out["enableWhen"],
            json!([{"question": "smoker", "operator": "=", "answerBoolean": true}])
        );
        assert!(out.get("enableBehavior").is_none());
        let out = enable_json(&cond(
            json!({"one_of": {"question": "d", "values": ["a", "b"]}}),
        ));
        assert_eq!(out["enableBehavior"], "any");
        assert_eq!(out["enableWhen"][1]["answerCoding"]["code"], "b");
        assert_eq!(
            out["enableWhen"][1]["answerCoding"]["system"],
            "https://x.example/Questionnaire/q/options/d"
        );
        let out = enable_json(&cond(
            json!({"all": [{"answered": "a"}, {"not": {"answered": "b"}}]}),
        ));
        assert_eq!(out["enableBehavior"], "all");
        assert_eq!(out["enableWhen"][1]["answerBoolean"], false);
    }

    #[test]
    fn others_become_fhirpath() {
        let out = enable_json(&cond(
            json!({"not": {"equals": {"question": "d", "value": "a"}}}),
        ));
        assert!(out.get("enableWhen").is_none());
        assert_eq!(
            out["extension"][0]["valueExpression"]["expression"],
            "(%resource.repeat(item).where(linkId = 'd').answer.value.ofType(Coding)\
             .where(system = 'https://x.example/Questionnaire/q/options/d' and code = 'a')\
             .exists()).not()"
        );
        let out = enable_json(&cond(
            json!({"any": [{"answered": "a"}, {"age_under": {"question": "dob", "years": 18}}]}),
        ));
        assert_eq!(
            out["extension"][0]["valueExpression"]["expression"],
            "(%resource.repeat(item).where(linkId = 'a').answer.value.exists()) or \
             (%resource.repeat(item).where(linkId = 'dob').answer.value.ofType(date)\
             .where($this + 18 years > today()).exists())"
        );
    }

    #[test]
    fn literals_are_escaped() {
        assert_eq!(literal(r"it's a \ test"), r"'it\'s a \\ test'");
    }
}
