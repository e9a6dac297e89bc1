//! A summary as a FHIR R4 QuestionnaireResponse: identified by its intake, naming the
//! questionnaire's canonical URL and version, one item per shown and answered question (linkId =
//! the question id) grouped by section, values typed by the question, and the assessment as the
//! read-only group the Questionnaire declares.

use serde_json::{Value, json};

use super::record::{self, Record};
use super::resource::{self, Answered, Display, Identifier};
use super::{Canonical, ExportError, assessment, date_time};
use crate::engine::summary::{Mode, Summary};
use crate::load;
use crate::model::answer::{Answer, is_blank};
use crate::model::questionnaire::{Item, Questionnaire};

/// The QuestionnaireResponse of `summary`, made with `questionnaire` (the same id; the version the
/// response names is the summary's).
///
/// # Errors
/// When the questionnaire has no `url`.
pub fn export(
    summary: &Summary,
    questionnaire: &Questionnaire,
) -> Result<resource::QuestionnaireResponse, ExportError> {
    let url = Canonical::of(questionnaire)?.url;
    let canonical = Canonical {
        url,
        version: &summary.questionnaire.version,
    };
    Ok(build(
        summary,
        questionnaire,
        canonical,
        &record::of(summary),
    ))
}

fn build(
    summary: &Summary,
    questionnaire: &Questionnaire,
    canonical: Canonical,
    record: &Record,
) -> resource::QuestionnaireResponse {
    let language = summary.language.as_str();
    let mut items: Vec<Answered> = questionnaire
        .sections
        .iter()
        .filter_map(|section| {
            let answered: Vec<Answered> = section
                .items
                .iter()
                .filter_map(|item| {
                    let exported = summary.answers.iter().find(|a| a.id == item.id)?;
                    // Read back from a file, a code or a date is text until its question says.
                    let stored = serde_json::to_value(&exported.value).ok()?;
                    let typed = load::answers::from_json(item, &stored).ok()?;
                    let answer = answers(item, &typed, canonical, language);
                    (!answer.is_empty()).then(|| Answered {
                        link_id: item.id.clone(),
                        text: Some(exported.question.clone()),
                        answer,
                        item: Vec::new(),
                    })
                })
                .collect();
            (!answered.is_empty()).then(|| Answered {
                link_id: section.id.clone(),
                text: Some(section.title.get(language).to_owned()),
                answer: Vec::new(),
                item: answered,
            })
        })
        .collect();
    items.push(assessment::answered(summary, questionnaire, canonical));

    let patient = patient_display(summary);
    let author = match summary.mode {
        // The patient recorded their own answers.
        Mode::Kiosk => patient.clone(),
        // The clinician who signed this version off, or who overrode the verdict.
        Mode::Staff => summary
            .review
            .as_ref()
            .map(|r| r.by.clone())
            .or_else(|| summary.verdict_override.as_ref().map(|o| o.by.clone())),
        Mode::Batch => None,
    };
    let display = |display: String| Display { display };
    resource::QuestionnaireResponse {
        resource_type: "QuestionnaireResponse",
        language: language.to_owned(),
        identifier: Identifier {
            system: canonical.intake_system(),
            value: record.intake_id.clone(),
        },
        questionnaire: canonical.versioned(),
        status: record.status.code(),
        subject: patient.clone().map(display),
        authored: date_time(&summary.completed_at),
        author: author.filter(|a| !a.trim().is_empty()).map(display),
        source: patient.map(display),
        item: items,
    }
}
/// The patient as a display-only reference: the name, and the date of birth.
fn patient_display(summary: &Summary) -> Option<String> {
    let name = summary
        .patient
        .name
        .as_deref()
        .filter(|n| !n.trim().is_empty());
    match (name, summary.patient.date_of_birth) {
        (Some(name), Some(born)) => Some(format!("{name} (born {born})")),
        (Some(name), None) => Some(name.to_owned()),
        (None, Some(born)) => Some(format!("born {born}")),
        (None, None) => None,
    }
}

/// An answer as FHIR answers, typed by its question: a multiple choice is several answers.
fn answers(item: &Item, answer: &Answer, canonical: Canonical, language: &str) -> Vec<Value> {
    if is_blank(answer) {
        return Vec::new();
    }
    let coding = |code: &str| {
        let mut coding = json!({"system": canonical.options_system(&item.id), "code": code});
        if let Some(option) = item.option(code) {
            coding["display"] = json!(option.label.get(language));
        }
        json!({ "valueCoding": coding })
    };
    match answer {
        Answer::Text(s) => vec![json!({ "valueString": s })],
        Answer::Date(d) => vec![json!({ "valueDate": d.to_string() })],
        // A date known to the month is a FHIR partial date: `2026-08`.
        Answer::Month(month) => vec![json!({ "valueDate": month.to_string() })],
        Answer::Bool(b) => vec![json!({ "valueBoolean": b })],
        Answer::Choice(code) => vec![coding(code)],
        Answer::Choices(codes) => codes.iter().map(|c| coding(c)).collect(),
    }
}
