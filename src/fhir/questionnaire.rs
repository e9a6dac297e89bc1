//! `questions.json` as a FHIR R4 Questionnaire: one group per section, one item per question with
//! its type, `required`, `maxLength`, options as codings and when it is enabled; help as display
//! items; every other language as the standard translation extension; and the read-only
//! assessment group that responses fill in.

use std::collections::HashSet;

use serde_json::json;

use super::resource::{self, Declared, Translated};
use super::{Canonical, ExportError, assessment, enable};
use crate::model::questionnaire::{Item, ItemKind, Questionnaire};

const ITEM_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const OPTION_EXCLUSIVE: &str =
    "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive";
/// Longer text answers are `text` (several lines) rather than `string`.
const LONGEST_STRING: usize = 255;

/// The FHIR Questionnaire, its texts in `language` with the other languages as translations.
///
/// # Errors
/// When the questionnaire has no `url`, or two items would share a linkId.
pub fn export(
    questionnaire: &Questionnaire,
    language: &str,
) -> Result<resource::Questionnaire, ExportError> {
    let canonical = Canonical::of(questionnaire)?;
    let mut items: Vec<Declared> = questionnaire
        .sections
        .iter()
        .map(|section| Declared {
            item: section
                .items
                .iter()
                .map(|item| question(item, canonical, language))
                .collect(),
            ..Declared::new(
                &section.id,
                "group",
                Translated::new(&section.title, language),
            )
        })
        .collect();
    items.push(assessment::declared(questionnaire, canonical, language));
    unique_link_ids(&items)?;
    let title = Translated::new(&questionnaire.title, language);
    Ok(resource::Questionnaire {
        resource_type: "Questionnaire",
        language: language.to_owned(),
        url: canonical.url.to_owned(),
        version: canonical.version.to_owned(),
        name: computable_name(&questionnaire.id),
        title: title.text.clone(),
        title_translations: (!title.extension.is_empty()).then_some(title),
        status: "active",
        subject_type: vec!["Patient"],
        item: items,
    })
}

fn question(item: &Item, canonical: Canonical, language: &str) -> Declared {
    let kind = match item.kind {
        ItemKind::Text if item.max_length.is_some_and(|n| n <= LONGEST_STRING) => "string",
        ItemKind::Text => "text",
        ItemKind::Date => "date",
        ItemKind::Boolean => "boolean",
        ItemKind::Single | ItemKind::Multi => "choice",
    };
    let mut q = Declared::new(&item.id, kind, Translated::new(&item.prompt, language));
    if let Some(show_if) = &item.show_if {
        enable::enable(show_if, canonical, &mut q);
    }
    q.required = Some(item.required);
    q.repeats = (item.kind == ItemKind::Multi).then_some(true);
    q.max_length = item.max_length.filter(|_| item.kind == ItemKind::Text);
    let system = canonical.options_system(&item.id);
    q.answer_option = item
        .options
        .iter()
        .map(|o| {
            let label = Translated::new(&o.label, language);
            let mut coding = json!({"system": system, "code": o.code, "display": label.text});
            if !label.extension.is_empty() {
                coding["_display"] = json!(label);
            }
            if o.exclusive {
                json!({
                    "extension": [{"url": OPTION_EXCLUSIVE, "valueBoolean": true}],
                    "valueCoding": coding
                })
            } else {
                json!({ "valueCoding": coding })
            }
        })
        .collect();
    if let Some(help) = &item.help {
        q.item.push(Declared {
            extension: vec![json!({
                "url": ITEM_CONTROL,
                "valueCodeableConcept": {"coding": [{
                    "system": "http://hl7.org/fhir/questionnaire-item-control",
                    "code": "help"
                }]}
            })],
            ..Declared::new(
                &format!("{}.help", item.id),
                "display",
                Translated::new(help, language),
            )
        });
    }
    q
}

/// A name a computer can use (`[A-Z][A-Za-z0-9_]*`): `microneedling-intake` → `MicroneedlingIntake`.
fn computable_name(id: &str) -> String {
    let name: String = id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        name
    } else {
        format!("Q{name}")
    }
}

/// Every linkId in the Questionnaire is used once.
fn unique_link_ids(items: &[Declared]) -> Result<(), ExportError> {
    fn walk<'a>(items: &'a [Declared], seen: &mut HashSet<&'a str>) -> Result<(), ExportError> {
        for item in items {
            if !seen.insert(&item.link_id) {
                return Err(ExportError::LinkIdTwice {
                    link_id: item.link_id.clone(),
                });
            }
            walk(&item.item, seen)?;
        }
        Ok(())
    }
    walk(items, &mut HashSet::new())
}

#[cfg(test)]
mod tests {
    use super::computable_name;

    #[test]
    fn computable_names() {
        assert_eq!(
            computable_name("microneedling-intake"),
            "MicroneedlingIntake"
        );
        assert_eq!(computable_name("2026_form"), "Q2026Form");
        assert_eq!(computable_name("--"), "Q");
    }
}
