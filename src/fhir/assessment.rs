//! The computed assessment as a read-only group: declared by the Questionnaire, answered by each
//! QuestionnaireResponse. Both halves read the linkIds and types from [`FIELDS`].

use serde_json::{Value, json};

use super::Canonical;
use super::resource::{Answered, Declared, Translated};
use crate::engine::summary::Summary;
use crate::model::questionnaire::{Level, Questionnaire, Range};

/// The group's linkId; every item in it starts with it.
pub(super) const GROUP: &str = "assessment";
const GROUP_TEXT: &str = "Assessment (computed by the rules; a clinician decides)";

/// One item of the group: linkId, FHIR type, text, whether it repeats, and its parent group.
#[derive(Clone, Copy)]
struct Field {
    link_id: &'static str,
    kind: &'static str,
    text: &'static str,
    repeats: bool,
    parent: &'static str,
}

const fn field(link_id: &'static str, kind: &'static str, text: &'static str) -> Field {
    Field {
        link_id,
        kind,
        text,
        repeats: false,
        parent: GROUP,
    }
}

const fn repeating(field: Field) -> Field {
    Field {
        repeats: true,
        ..field
    }
}

const fn within(parent: &'static str, field: Field) -> Field {
    Field { parent, ..field }
}

const REASON: &str = "assessment.reason";
const PLAN: &str = "assessment.plan";
const SESSION: &str = "assessment.session";
const OVERRIDE: &str = "assessment.override";
const REVIEW: &str = "assessment.review";

/// The group's items, each group before its children, in the order they are answered.
const FIELDS: &[Field] = &[
    field("assessment.suitability", "choice", "Suitability (computed)"),
    repeating(field(REASON, "group", "Reason")),
    within(REASON, field("assessment.reason.rule", "string", "Rule")),
    within(REASON, field("assessment.reason.level", "choice", "Level")),
    within(
        REASON,
        field("assessment.reason.message", "string", "Message"),
    ),
    within(
        REASON,
        repeating(field(
            "assessment.reason.question",
            "string",
            "Question read",
        )),
    ),
    within(
        REASON,
        field("assessment.reason.reassess-on", "date", "Assess again on"),
    ),
    field("assessment.reassess-on", "date", "Assess again on or after"),
    field("assessment.sessions-min", "integer", "Sessions (fewest)"),
    field("assessment.sessions-max", "integer", "Sessions (most)"),
    field(
        "assessment.interval-weeks-min",
        "integer",
        "Weeks between sessions (fewest)",
    ),
    field(
        "assessment.interval-weeks-max",
        "integer",
        "Weeks between sessions (most)",
    ),
    field(
        "assessment.maintenance-months-min",
        "integer",
        "Months between maintenance sessions (fewest)",
    ),
    field(
        "assessment.maintenance-months-max",
        "integer",
        "Months between maintenance sessions (most)",
    ),
    field(
        "assessment.course-weeks-min",
        "integer",
        "Length of the course in weeks (shortest)",
    ),
    field(
        "assessment.course-weeks-max",
        "integer",
        "Length of the course in weeks (longest)",
    ),
    repeating(field(PLAN, "group", "Plan for a concern")),
    within(PLAN, field("assessment.plan.concern", "choice", "Concern")),
    within(
        PLAN,
        field(
            "assessment.plan.sessions-min",
            "integer",
            "Sessions (fewest)",
        ),
    ),
    within(
        PLAN,
        field("assessment.plan.sessions-max", "integer", "Sessions (most)"),
    ),
    field(
        "assessment.schedule-provisional",
        "boolean",
        "Provisional: the dates hold once a physician approves",
    ),
    repeating(field(SESSION, "group", "Proposed session")),
    within(
        SESSION,
        field("assessment.session.number", "integer", "Session"),
    ),
    within(
        SESSION,
        field("assessment.session.earliest", "date", "Earliest"),
    ),
    within(
        SESSION,
        field("assessment.session.latest", "date", "Latest"),
    ),
    within(
        SESSION,
        field(
            "assessment.session.optional",
            "boolean",
            "Optional (may prove unnecessary)",
        ),
    ),
    repeating(field("assessment.note", "string", "Expectation note")),
    field(OVERRIDE, "group", "Clinician's override of the verdict"),
    within(
        OVERRIDE,
        field("assessment.override.suitability", "choice", "Suitability"),
    ),
    within(
        OVERRIDE,
        field("assessment.override.reason", "text", "Reason"),
    ),
    within(
        OVERRIDE,
        field("assessment.override.by", "string", "By (initials)"),
    ),
    within(OVERRIDE, field("assessment.override.at", "dateTime", "At")),
    field("assessment.clinician-note", "text", "Clinician note"),
    field(REVIEW, "group", "Clinician's sign-off"),
    within(
        REVIEW,
        field("assessment.review.decision", "string", "Decision"),
    ),
    within(
        REVIEW,
        field(
            "assessment.review.cleared-from",
            "date",
            "Cleared to treat from",
        ),
    ),
    within(REVIEW, field("assessment.review.note", "text", "Note")),
    within(
        REVIEW,
        field("assessment.review.by", "string", "By (initials)"),
    ),
    within(REVIEW, field("assessment.review.at", "dateTime", "At")),
];

fn find(link_id: &str) -> &'static Field {
    FIELDS
        .iter()
        .find(|f| f.link_id == link_id)
        .unwrap_or_else(|| unreachable!("{link_id} is one of FIELDS"))
}

/// How the levels read beside their codes.
fn level_display(level: Level) -> &'static str {
    match level {
        Level::Suitable => "Suitable",
        Level::SuitableWithPrecautions => "Suitable with precautions",
        Level::PhysicianReview => "Physician review",
        Level::Delay => "Delay",
        Level::NotSuitable => "Not suitable",
    }
}

fn level_coding(level: Level, canonical: Canonical) -> Value {
    json!({
        "system": canonical.suitability_system(),
        "code": level.code(),
        "display": level_display(level)
    })
}

// ── The Questionnaire's half ──────────────────────────────────────────────────────────────────

/// The group as the Questionnaire declares it: read-only, never required.
pub(super) fn declared(
    questionnaire: &Questionnaire,
    canonical: Canonical,
    language: &str,
) -> Declared {
    Declared {
        read_only: Some(true),
        item: declared_children(GROUP, questionnaire, canonical, language),
        ..Declared::new(GROUP, "group", Translated::plain(GROUP_TEXT))
    }
}

fn declared_children(
    parent: &str,
    questionnaire: &Questionnaire,
    canonical: Canonical,
    language: &str,
) -> Vec<Declared> {
    FIELDS
        .iter()
        .filter(|f| f.parent == parent)
        .map(|f| Declared {
            read_only: Some(true),
            repeats: f.repeats.then_some(true),
            answer_option: options(f, questionnaire, canonical, language),
            item: declared_children(f.link_id, questionnaire, canonical, language),
            ..Declared::new(f.link_id, f.kind, Translated::plain(f.text))
        })
        .collect()
}

/// The choices of a choice item: the levels, or the concerns question's options.
fn options(
    field: &Field,
    questionnaire: &Questionnaire,
    canonical: Canonical,
    language: &str,
) -> Vec<Value> {
    match (field.kind, field.link_id) {
        ("choice", "assessment.plan.concern") => {
            let question = &questionnaire.rules.concerns_question;
            let options = questionnaire.item(question).map(|item| &item.options);
            options
                .into_iter()
                .flatten()
                .map(|o| {
                    json!({"valueCoding": {
                        "system": canonical.options_system(question),
                        "code": o.code,
                        "display": o.label.get(language)
                    }})
                })
                .collect()
        }
        ("choice", _) => Level::ALL
            .iter()
            .map(|l| json!({"valueCoding": level_coding(*l, canonical)}))
            .collect(),
        _ => Vec::new(),
    }
}

// ── The QuestionnaireResponse's half ──────────────────────────────────────────────────────────

/// Collects the answered items of one group.
#[derive(Default)]
struct Items(Vec<Answered>);

impl Items {
    fn value(&mut self, link_id: &'static str, value: Value) {
        self.values(link_id, vec![value]);
    }

    /// One item with these answers, each keyed by the field's type; none when there are none.
    fn values(&mut self, link_id: &'static str, values: Vec<Value>) {
        if values.is_empty() {
            return;
        }
        let field = find(link_id);
        let key = match field.kind {
            "string" | "text" => "valueString",
            "integer" => "valueInteger",
            "date" => "valueDate",
            "dateTime" => "valueDateTime",
            "boolean" => "valueBoolean",
            _ => "valueCoding",
        };
        self.0.push(Answered {
            link_id: link_id.to_owned(),
            text: Some(field.text.to_owned()),
            answer: values.into_iter().map(|v| json!({ key: v })).collect(),
            item: Vec::new(),
        });
    }

    fn text(&mut self, link_id: &'static str, text: &str) {
        if !text.trim().is_empty() {
            self.value(link_id, json!(text));
        }
    }

    fn range(&mut self, min: &'static str, max: &'static str, range: Option<Range>) {
        if let Some(range) = range {
            self.value(min, json!(range.min));
            self.value(max, json!(range.max));
        }
    }

    fn group(&mut self, link_id: &'static str, items: Items) {
        if !items.0.is_empty() {
            self.0.push(Answered {
                link_id: link_id.to_owned(),
                text: Some(find(link_id).text.to_owned()),
                answer: Vec::new(),
                item: items.0,
            });
        }
    }
}

/// The assessment of `summary` as the response's group.
pub(super) fn answered(
    summary: &Summary,
    questionnaire: &Questionnaire,
    canonical: Canonical,
) -> Answered {
    let a = &summary.assessment;
    let mut items = Items::default();
    items.value(
        "assessment.suitability",
        level_coding(a.suitability, canonical),
    );
    for reason in &a.reasons {
        let mut r = Items::default();
        r.text("assessment.reason.rule", &reason.rule);
        r.value(
            "assessment.reason.level",
            level_coding(reason.level, canonical),
        );
        r.text("assessment.reason.message", &reason.message);
        r.values(
            "assessment.reason.question",
            reason.questions.iter().map(|q| json!(q)).collect(),
        );
        if let Some(date) = reason.reassess_on {
            r.value("assessment.reason.reassess-on", json!(date.to_string()));
        }
        items.group(REASON, r);
    }
    if let Some(date) = a.reassess_on {
        items.value("assessment.reassess-on", json!(date.to_string()));
    }
    items.range(
        "assessment.sessions-min",
        "assessment.sessions-max",
        a.sessions,
    );
    items.range(
        "assessment.interval-weeks-min",
        "assessment.interval-weeks-max",
        Some(a.interval_weeks),
    );
    items.range(
        "assessment.maintenance-months-min",
        "assessment.maintenance-months-max",
        a.maintenance_months,
    );
    items.range(
        "assessment.course-weeks-min",
        "assessment.course-weeks-max",
        a.course_weeks,
    );
    let concerns = &questionnaire.rules.concerns_question;
    for plan in &a.concerns {
        let mut p = Items::default();
        let label = questionnaire
            .item(concerns)
            .and_then(|item| item.option(&plan.concern))
            .map(|o| o.label.get(&summary.language).to_owned());
        let mut coding =
            json!({"system": canonical.options_system(concerns), "code": plan.concern});
        if let Some(label) = label {
            coding["display"] = json!(label);
        }
        p.value("assessment.plan.concern", coding);
        p.range(
            "assessment.plan.sessions-min",
            "assessment.plan.sessions-max",
            Some(plan.sessions),
        );
        items.group(PLAN, p);
    }
    if !a.schedule.is_empty() {
        items.value(
            "assessment.schedule-provisional",
            json!(a.schedule_provisional),
        );
    }
    for session in &a.schedule {
        let mut s = Items::default();
        s.value("assessment.session.number", json!(session.session));
        s.value(
            "assessment.session.earliest",
            json!(session.earliest.to_string()),
        );
        s.value(
            "assessment.session.latest",
            json!(session.latest.to_string()),
        );
        s.value("assessment.session.optional", json!(session.optional));
        items.group(SESSION, s);
    }
    items.values(
        "assessment.note",
        a.notes
            .iter()
            .filter(|n| !n.trim().is_empty())
            .map(|n| json!(n))
            .collect(),
    );
    if let Some(o) = &summary.verdict_override {
        let mut v = Items::default();
        v.value(
            "assessment.override.suitability",
            level_coding(o.suitability, canonical),
        );
        v.text("assessment.override.reason", &o.reason);
        v.text("assessment.override.by", &o.by);
        v.value("assessment.override.at", json!(super::date_time(&o.at)));
        items.group(OVERRIDE, v);
    }
    if let Some(note) = &summary.clinician_note {
        items.text("assessment.clinician-note", note);
    }
    if let Some(review) = &summary.review {
        let mut r = Items::default();
        r.text("assessment.review.decision", review.decision.code());
        if let Some(from) = review.cleared_from {
            r.value("assessment.review.cleared-from", json!(from.to_string()));
        }
        if let Some(note) = &review.note {
            r.text("assessment.review.note", note);
        }
        r.text("assessment.review.by", &review.by);
        r.value("assessment.review.at", json!(super::date_time(&review.at)));
        items.group(REVIEW, r);
    }
    Answered {
        link_id: GROUP.to_owned(),
        text: Some(GROUP_TEXT.to_owned()),
        answer: Vec::new(),
        item: items.0,
    }
}
