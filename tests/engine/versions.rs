//! A record's versions: a clinician's changes of answers and a sign-off, each a new summary that
//! names the one it supersedes; summaries of format 1 and 2 read back.

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};

use crate::support::{answers_with, date, questionnaire};
use skin_intake::engine::summary::{
    Decision, FORMAT_VERSION, Metadata, Mode, Override, Review, Summary,
};
use skin_intake::engine::versions::{Amendment, amend, changes, sign_off};
use skin_intake::load::summary::{SummaryProblem, answers_of, parse};
use skin_intake::model::answer::Answer;
use skin_intake::model::questionnaire::Level;
use skin_intake::words::{Words, en::English};

const INTAKE: &str = "5f0c8a9e-1111-4222-8333-944455556666";

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a test time")
}

fn first(changes: &[(&str, Value)]) -> Summary {
    let q = questionnaire();
    let meta = Metadata {
        id: INTAKE.into(),
        language: "en".into(),
        mode: Mode::Kiosk,
        completed_at: at("2026-11-24T09:30:00+01:00"),
        reference_date: date("2026-11-24"),
    };
    Summary::new(&q, &answers_with(&q, changes), meta, |s| English.shown(s))
}

fn by_kl(day: &str) -> Amendment {
    Amendment {
        by: "KL".into(),
        at: at(&format!("{day}T10:00:00+01:00")),
        reference_date: date(day),
    }
}

fn amended(previous: &Summary, changes: &[(&str, Value)], how: &Amendment) -> Summary {
    let q = questionnaire();
    // As the UI does: the record's answers typed again, then changed.
    let (mut answers, dropped) = answers_of(&q, previous);
    assert!(dropped.is_empty(), "every answer fits: {dropped:?}");
    for (id, value) in changes {
        if value.is_null() {
            answers.remove(id);
        } else {
            let item = q.item(id).expect("a question");
            answers.set(
                id,
                skin_intake::load::answers::from_json(item, value).expect("a well-typed answer"),
            );
        }
    }
    amend(previous, &q, &answers, how, |s| English.shown(s))
}

fn review(decision: Decision) -> Review {
    Review {
        by: "DR".into(),
        decision,
        cleared_from: None,
        note: Some("Discussed with the patient.".into()),
        at: at("2026-11-24T11:00:00+01:00"),
    }
}

#[test]
fn version_1_is_the_intake_as_finished() {
    let v1 = first(&[]);
    assert_eq!(v1.format_version, FORMAT_VERSION);
    assert_eq!(v1.format_version, 3);
    assert_eq!((v1.id.as_str(), v1.intake_id.as_str()), (INTAKE, INTAKE));
    assert_eq!(v1.version, 1);
    assert_eq!(v1.supersedes, None);
    assert!(v1.changes.is_empty());
    assert_eq!(v1.review, None);
}

#[test]
fn a_change_makes_version_2_with_the_change_and_the_verdict_follows() {
    let v1 = first(&[]);
    assert_eq!(v1.assessment.suitability, Level::Suitable);
    let v2 = amended(&v1, &[("active_acne", json!(true))], &by_kl("2026-11-24"));
    assert_eq!(v2.version, 2);
    assert_eq!(v2.intake_id, INTAKE);
    assert_eq!(v2.id, format!("{INTAKE}-v2"));
    assert_eq!(v2.supersedes.as_deref(), Some(INTAKE));
    assert_eq!(v2.assessment.suitability, Level::Delay);
    assert_eq!(v2.changes.len(), 1, "{:?}", v2.changes);
    let change = &v2.changes[0];
    assert_eq!(change.question, "active_acne");
    assert_eq!(change.before, Some(Answer::Bool(false)));
    assert_eq!(change.after, Some(Answer::Bool(true)));
    assert_eq!(change.by, "KL");
    assert_eq!(change.at, at("2026-11-24T10:00:00+01:00"));
    // The intake's own facts stay; the version before is untouched.
    assert_eq!(v2.completed_at, v1.completed_at);
    assert_eq!(v2.mode, Mode::Kiosk);
    assert_eq!(v1.version, 1);
    let json: Value = serde_json::from_str(&v2.to_json()).expect("JSON");
    assert_eq!(
        json["changes"],
        json!([{"question": "active_acne", "before": false, "after": true, "by": "KL",
                "at": "2026-11-24T10:00:00+01:00"}])
    );
}

#[test]
fn answers_a_change_hides_are_changes_to_none_and_codes_compare_as_written() {
    let v1 = first(&[]);
    // Dropping acne scars hides their severity: its answer goes too.
    let v2 = amended(
        &v1,
        &[("concerns", json!(["fine_lines"]))],
        &by_kl("2026-11-24"),
    );
    let questions: Vec<&str> = v2.changes.iter().map(|c| c.question.as_str()).collect();
    assert_eq!(questions, ["concerns", "acne_scar_severity"]);
    assert_eq!(v2.changes[1].after, None);
    assert!(v2.changes[1].before.is_some());
    // A code read back from the file (text) and typed again (a choice) is not a change.
    let q = questionnaire();
    let (same, _) = answers_of(&q, &v1);
    let none = changes(
        &v1,
        &q,
        &same,
        date("2026-11-24"),
        "KL",
        at("2026-11-24T10:00:00Z"),
    );
    assert!(none.is_empty(), "{none:?}");
}

#[test]
fn changes_add_up_over_versions_and_a_change_needs_a_new_sign_off() {
    let v1 = first(&[]);
    let v2 = sign_off(&v1, review(Decision::Cleared));
    let v3 = amended(&v2, &[("active_acne", json!(true))], &by_kl("2026-11-25"));
    let v4 = amended(&v3, &[("active_acne", json!(false))], &by_kl("2026-11-26"));
    assert_eq!((v3.version, v4.version), (3, 4));
    assert_eq!(v3.supersedes.as_deref(), Some(v2.id.as_str()));
    assert_eq!(v4.supersedes.as_deref(), Some(v3.id.as_str()));
    assert_eq!(v3.review, None, "changed answers are not signed off");
    let history: Vec<(Option<&Answer>, Option<&Answer>)> = v4
        .changes
        .iter()
        .map(|c| (c.before.as_ref(), c.after.as_ref()))
        .collect();
    assert_eq!(
        history,
        [
            (Some(&Answer::Bool(false)), Some(&Answer::Bool(true))),
            (Some(&Answer::Bool(true)), Some(&Answer::Bool(false)))
        ]
    );
    assert_eq!(v4.assessment.suitability, Level::Suitable);
    // The review day is the new reference date.
    assert_eq!(v4.reference_date, date("2026-11-26"));
}

#[test]
fn a_sign_off_is_a_new_version_with_the_review_and_nothing_else_changed() {
    let v1 = first(&[("blood_thinners", json!(true))]);
    for decision in Decision::ALL {
        let v2 = sign_off(&v1, review(decision));
        assert_eq!(v2.version, 2);
        assert_eq!(v2.id, format!("{INTAKE}-v2"));
        assert_eq!(v2.supersedes.as_deref(), Some(INTAKE));
        let mut got = v2.review.clone().expect("a review");
        let from = got.cleared_from.take();
        assert_eq!(got, review(decision));
        assert_eq!(
            from,
            (decision == Decision::Cleared).then(|| v1.assessment.schedule[0].earliest),
            "a clearance names the date it applies from"
        );
        assert_eq!(v2.answers, v1.answers);
        assert_eq!(v2.assessment.reasons, v1.assessment.reasons);
        assert_eq!(v2.assessment.schedule, v1.assessment.schedule);
        let json: Value = serde_json::from_str(&v2.to_json()).expect("JSON");
        assert_eq!(json["review"]["decision"], decision.code());
        assert_eq!(json["review"]["by"], "DR");
        assert_eq!(json["review"]["note"], "Discussed with the patient.");
    }
}

#[test]
fn a_physicians_approval_makes_the_schedule_firm_and_a_change_provisional_again() {
    let v1 = first(&[("blood_thinners", json!(true))]);
    assert!(
        v1.assessment.schedule_provisional,
        "a physician must approve first"
    );
    assert!(!v1.assessment.schedule.is_empty());
    for decision in [Decision::Declined, Decision::NeedsPhysician] {
        assert!(
            sign_off(&v1, review(decision))
                .assessment
                .schedule_provisional
        );
    }
    let v2 = sign_off(&v1, review(Decision::Cleared));
    assert!(!v2.assessment.schedule_provisional);
    assert_eq!(
        v2.assessment.schedule, v1.assessment.schedule,
        "the same dates, now firm"
    );
    let json: Value = serde_json::from_str(&v2.to_json()).expect("JSON");
    assert_eq!(json["assessment"]["schedule_provisional"], false);
    let v3 = amended(
        &v2,
        &[("cold_sore_history", json!(true))],
        &by_kl("2026-11-25"),
    );
    assert!(
        v3.assessment.schedule_provisional,
        "a new version waits for approval again"
    );
}

fn override_from(start: Option<&str>, level: Level) -> Override {
    Override {
        suitability: level,
        reason: "Physician approved on the phone".into(),
        by: "KL".into(),
        at: at("2026-11-24T10:30:00+01:00"),
        start_date: start.map(date),
        schedule: None,
    }
}

#[test]
fn an_override_start_date_moves_its_schedule_and_the_computed_one_stays() {
    let mut v1 = first(&[("active_acne", json!(true))]);
    let computed = v1.assessment.clone();
    assert!(
        computed.schedule.is_empty(),
        "an undated delay has no schedule"
    );
    v1.set_override(Some(override_from(Some("2026-12-01"), Level::Suitable)));
    assert_eq!(v1.assessment, computed, "the computed assessment stays");
    let o = v1.verdict_override.as_ref().expect("override");
    let schedule = o.schedule.as_ref().expect("its own schedule");
    assert_eq!(schedule[0].earliest, date("2026-12-01"));
    assert_eq!(
        schedule.len(),
        v1.assessment.sessions.expect("sessions").max as usize
    );
    assert_eq!(v1.shown_level(), Level::Suitable);
    assert_eq!(v1.shown_schedule(), schedule.as_slice());

    // Carried into the next version and made again from its start date.
    let v2 = amended(
        &v1,
        &[("concerns", json!(["fine_lines"]))],
        &by_kl("2026-11-24"),
    );
    let o2 = v2.verdict_override.as_ref().expect("carried");
    let moved = o2.schedule.as_ref().expect("made again");
    assert_eq!(moved[0].earliest, date("2026-12-01"));
    assert_eq!(
        moved.len(),
        v2.assessment.sessions.expect("sessions").max as usize
    );
    assert!(
        v2.assessment.schedule.is_empty(),
        "the computed delay stays"
    );

    // Without a start date the computed schedule stands; not suitable has no sessions.
    let mut plain = first(&[]);
    plain.set_override(Some(override_from(None, Level::SuitableWithPrecautions)));
    assert_eq!(
        plain
            .verdict_override
            .as_ref()
            .and_then(|o| o.schedule.clone()),
        None
    );
    assert_eq!(plain.shown_schedule(), plain.assessment.schedule.as_slice());
    plain.set_override(Some(override_from(Some("2026-12-01"), Level::NotSuitable)));
    assert_eq!(
        plain
            .verdict_override
            .as_ref()
            .and_then(|o| o.schedule.clone()),
        Some(Vec::new())
    );
    let json: Value = serde_json::from_str(&v1.to_json()).expect("JSON");
    assert_eq!(json["override"]["start_date"], "2026-12-01");
    assert_eq!(json["override"]["schedule"][0]["earliest"], "2026-12-01");
    assert_eq!(json["assessment"]["schedule"], json!([]));
}

#[test]
fn a_summary_reads_back_as_written() {
    let mut v1 = first(&[("blood_thinners", json!(true))]);
    v1.clinician_note = Some("Bring the medicine list".into());
    v1.set_override(Some(override_from(Some("2026-12-01"), Level::Suitable)));
    let v2 = amended(&v1, &[("active_acne", json!(true))], &by_kl("2026-11-24"));
    let v3 = sign_off(&v2, review(Decision::NeedsPhysician));
    for summary in [&v1, &v2, &v3] {
        let read = parse(&summary.to_json()).expect("reads back");
        assert_eq!(read.to_json(), summary.to_json());
        assert_eq!(read.intake_id, INTAKE);
        // Through serde too (any reader of the stored form).
        let plain: Summary = serde_json::from_str(&summary.to_json()).expect("deserialises");
        assert_eq!(plain.to_json(), summary.to_json());
    }
    let q = questionnaire();
    let (answers, dropped) = answers_of(&q, &v1);
    assert!(dropped.is_empty());
    // A blank answer (the empty note) is not exported, so it does not come back.
    let given = answers_with(
        &q,
        &[("blood_thinners", json!(true)), ("notes", Value::Null)],
    );
    assert_eq!(answers, given);
}

/// Changing a record made with 2.0.0 asks again what 2.1.0 asks apart (CLINICAL.md, Revision 3):
/// the infection question no longer covers a cold sore, the mole question no longer covers a
/// diagnosed skin cancer.
#[test]
fn changing_a_record_of_2_0_0_asks_again_what_changed_meaning() {
    let mut v1 = first(&[("active_infection", json!(true))]);
    v1.questionnaire.version = "2.0.0".into();
    let q = questionnaire();
    let (answers, left_out) = answers_of(&q, &v1);
    assert_eq!(left_out, ["active_infection", "suspicious_lesion"]);
    assert!(answers.get("active_infection").is_none());
    assert!(answers.get("skin_type").is_some());
    v1.questionnaire.version = "2.1.0".into();
    assert!(
        answers_of(&q, &v1).1.is_empty(),
        "a record of 2.1.0 keeps them"
    );
}

/// A summary as the first release wrote it.
const FORMAT_1: &str = r#"{
  "format": "skin-intake/summary",
  "format_version": 1,
  "id": "0d4c1e2a-aaaa-4bbb-8ccc-123456789abc",
  "questionnaire": {"id": "microneedling-intake", "version": "1.0.0"},
  "language": "en",
  "mode": "kiosk",
  "completed_at": "2025-03-02T09:15:00+00:00",
  "reference_date": "2025-03-02",
  "patient": {"name": "Ada Lovelace", "date_of_birth": "1985-12-10", "age": 39},
  "answers": [
    {"id": "full_name", "question": "Your full name", "value": "Ada Lovelace", "display": "Ada Lovelace"},
    {"id": "date_of_birth", "question": "Your date of birth", "value": "1985-12-10", "display": "10 December 1985"},
    {"id": "concerns", "question": "What would you like to improve?", "value": ["fine_lines"], "display": "Fine lines"},
    {"id": "blood_thinners", "question": "Blood thinners?", "value": true, "display": "Yes"}
  ],
  "assessment": {
    "suitability": "physician_review",
    "reasons": [{"rule": "blood_thinners", "level": "physician_review", "message": "Blood thinners: a physician decides.", "questions": ["blood_thinners"], "reassess_on": null}],
    "reassess_on": null,
    "concerns": [{"concern": "fine_lines", "sessions": {"min": 3, "max": 6}, "maintenance_months": {"min": 6, "max": 12}, "notes": []}],
    "sessions": {"min": 3, "max": 6},
    "interval_weeks": {"min": 4, "max": 6},
    "maintenance_months": {"min": 6, "max": 12},
    "course_weeks": {"min": 8, "max": 30},
    "schedule": [{"session": 1, "earliest": "2025-03-02", "latest": "2025-03-02", "optional": false}],
    "notes": []
  },
  "clinician_note": null,
  "override": {"suitability": "suitable", "reason": "GP letter", "by": "KL", "at": "2025-03-02T09:20:00+00:00"}
}"#;

#[test]
fn a_format_1_summary_reads_as_version_1_of_its_intake() {
    let s = parse(FORMAT_1).expect("a format 1 summary reads");
    assert_eq!(s.format_version, 1);
    assert_eq!(s.intake_id, s.id);
    assert_eq!(s.version, 1);
    assert_eq!(s.supersedes, None);
    assert!(s.changes.is_empty());
    assert_eq!(s.review, None);
    let o = s.verdict_override.as_ref().expect("its override");
    assert_eq!((o.start_date, o.schedule.as_ref()), (None, None));
    assert_eq!(s.patient.name.as_deref(), Some("Ada Lovelace"));
    assert_eq!(s.answers[1].value, Answer::Date(date("1985-12-10")));
    // A later version of it is written in the current format.
    let v2 = sign_off(&s, review(Decision::Cleared));
    assert_eq!(v2.format_version, FORMAT_VERSION);
    assert_eq!(v2.supersedes.as_deref(), Some(s.id.as_str()));
}

#[test]
fn what_is_not_a_summary_is_named() {
    let cases: [(&str, SummaryProblem); 5] = [
        ("  \n", SummaryProblem::Empty),
        (
            "{\"format\": ",
            SummaryProblem::Syntax {
                line: 1,
                column: 11,
                message: "EOF while parsing a value".into(),
            },
        ),
        (r#"{"answers": {}}"#, SummaryProblem::NotASummary),
        (
            r#"{"format": "skin-intake/summary", "format_version": 7}"#,
            SummaryProblem::NewerFormat { found: 7 },
        ),
        (
            r#"{"format": "skin-intake/summary", "format_version": 1, "format": "x"}"#,
            SummaryProblem::DuplicateKey {
                line: 1,
                column: 63,
                key: "format".into(),
            },
        ),
    ];
    for (text, problem) in cases {
        assert_eq!(parse(text).expect_err(text), problem, "{text}");
    }
    let broken = FORMAT_1.replace(
        r#""suitability": "physician_review""#,
        r#""suitability": "maybe""#,
    );
    match parse(&broken).expect_err("a wrong level") {
        SummaryProblem::Structure { path, .. } => assert_eq!(path, "assessment.suitability"),
        other => panic!("{other:?}"),
    }
    let words = English.summary_problem(&SummaryProblem::NewerFormat { found: 7 });
    assert!(
        words.contains("newer skin-intake") && words.contains("update"),
        "{words}"
    );
}

#[test]
fn an_override_of_a_record_is_its_next_version_and_needs_a_new_sign_off() {
    let v1 = first(&[("active_acne", json!(true))]);
    let v2 = sign_off(&v1, review(Decision::NeedsPhysician));
    let v3 = skin_intake::engine::versions::with_override(
        &v2,
        Some(override_from(Some("2026-12-01"), Level::Suitable)),
    );
    assert_eq!(v3.version, 3);
    assert_eq!(v3.supersedes.as_deref(), Some(v2.id.as_str()));
    assert_eq!(v3.intake_id, v1.intake_id);
    assert!(
        v3.review.is_none(),
        "a changed verdict needs a new sign-off"
    );
    assert_eq!(v3.assessment, v1.assessment, "the computed verdict stays");
    let moved = v3
        .verdict_override
        .as_ref()
        .and_then(|o| o.schedule.as_ref());
    assert_eq!(moved.map(|s| s[0].earliest), Some(date("2026-12-01")));
    // Removing it is a version too; the computed verdict stands alone again.
    let v4 = skin_intake::engine::versions::with_override(&v3, None);
    assert_eq!(v4.version, 4);
    assert!(v4.verdict_override.is_none());
}

#[test]
fn a_changed_note_is_the_records_next_version_and_its_sign_off_stands() {
    let v1 = first(&[]);
    let v2 = sign_off(&v1, review(Decision::Cleared));
    let v3 = skin_intake::engine::versions::with_note(&v2, Some("Patch test first. — KL".into()));
    assert_eq!(v3.version, 3);
    assert_eq!(v3.supersedes.as_deref(), Some(v2.id.as_str()));
    assert_eq!(v3.clinician_note.as_deref(), Some("Patch test first. — KL"));
    assert_eq!(v3.review, v2.review, "the answers and verdict are the same");
    assert_eq!(v3.answers, v2.answers);
    assert_eq!(v3.assessment, v2.assessment);
    assert_eq!(
        v2.clinician_note, None,
        "the version before stays as it was"
    );
    let json: Value = serde_json::from_str(&v3.to_json()).expect("JSON");
    assert_eq!(json["clinician_note"], "Patch test first. — KL");
    // Removing it is a version too.
    let v4 = skin_intake::engine::versions::with_note(&v3, None);
    assert_eq!(v4.version, 4);
    assert!(v4.clinician_note.is_none());
}

#[test]
fn a_clearance_says_the_date_it_applies_from_the_schedule_in_force() {
    let words = English;
    let v1 = first(&[]);
    let v2 = sign_off(&v1, review(Decision::Cleared));
    let first_session = v1.assessment.schedule[0].earliest;
    assert_eq!(
        v2.review.as_ref().unwrap().cleared_from,
        Some(first_session)
    );
    // An override's own start is the one in force.
    let mut overridden = v1.clone();
    overridden.set_override(Some(Override {
        suitability: Level::Suitable,
        reason: "Back from holiday".into(),
        by: "KL".into(),
        at: at("2026-11-24T10:30:00+01:00"),
        start_date: Some(date("2026-12-24")),
        schedule: None,
    }));
    let v2 = sign_off(&overridden, review(Decision::Cleared));
    let signed = v2.review.as_ref().unwrap();
    assert_eq!(signed.cleared_from, Some(date("2026-12-24")));
    assert_eq!(words.review(signed), "Cleared to treat from 24 Dec 2026");
    assert_eq!(words.review_short(signed), "cleared from 24 Dec");
    // Other decisions name no date, and say what they decide.
    for (decision, long, short) in [
        (
            Decision::Declined,
            "Not cleared: not suitable",
            "not cleared",
        ),
        (
            Decision::NeedsPhysician,
            "Needs a physician",
            "needs a physician",
        ),
        (
            Decision::HasIssues,
            "Has issues: follow up with the patient",
            "has issues",
        ),
    ] {
        let v2 = sign_off(&overridden, review(decision));
        let signed = v2.review.as_ref().unwrap();
        assert_eq!(signed.cleared_from, None);
        assert_eq!(
            (
                words.review(signed).as_str(),
                words.review_short(signed).as_str()
            ),
            (long, short)
        );
        assert!(decision.needs_note() == (decision == Decision::HasIssues));
    }
    assert!(
        !Decision::ALL.contains(&Decision::Approved),
        "never written again"
    );
}

#[test]
fn an_older_approval_reads_as_it_was() {
    let mut v2 = sign_off(&first(&[]), review(Decision::Cleared));
    v2.format_version = 2;
    let mut json: Value = serde_json::from_str(&v2.to_json()).expect("JSON");
    json["review"]["decision"] = json!("approved");
    json["review"]
        .as_object_mut()
        .unwrap()
        .remove("cleared_from");
    let read = parse(&json.to_string()).expect("a format 2 summary reads");
    let signed = read.review.expect("its review");
    assert_eq!(
        (signed.decision, signed.cleared_from),
        (Decision::Approved, None)
    );
    assert_eq!(English.review(&signed), "Approved");
    assert_eq!(English.review_short(&signed), "approved");
}
