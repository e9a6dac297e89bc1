//! Session plans per concern, how concerns combine, course length and the schedule.

use crate::support::{assess_with, date};
use serde_json::json;
use skin_intake::engine::assessment::Session;
use skin_intake::model::questionnaire::{Level, Range};

const TODAY: &str = "2026-11-24";

fn range(min: u32, max: u32) -> Range {
    Range { min, max }
}

#[test]
fn each_plan_row() {
    // (concerns and their follow-up answers, sessions, maintenance months, a word of the note)
    let rows = [
        (vec![("concerns", json!(["glow"]))], range(1, 2), None, None),
        (
            vec![("concerns", json!(["fine_lines"]))],
            range(3, 4),
            None,
            None,
        ),
        (
            vec![("concerns", json!(["deep_wrinkles"]))],
            range(4, 6),
            None,
            Some("cannot completely erase"),
        ),
        (
            vec![("concerns", json!(["firmness"]))],
            range(3, 4),
            None,
            None,
        ),
        (
            vec![("concerns", json!(["texture"]))],
            range(3, 4),
            None,
            None,
        ),
        (
            vec![("concerns", json!(["pores"]))],
            range(3, 4),
            None,
            None,
        ),
        (
            vec![
                ("concerns", json!(["acne_scars"])),
                ("acne_scar_severity", json!("severe")),
            ],
            range(5, 6),
            None,
            Some("results are more limited"),
        ),
        (
            vec![
                ("concerns", json!(["acne_scars"])),
                ("acne_scar_severity", json!("mild")),
            ],
            range(3, 4),
            None,
            None,
        ),
        (
            vec![
                ("concerns", json!(["acne_scars"])),
                ("acne_scar_severity", json!("moderate")),
            ],
            range(4, 5),
            None,
            None,
        ),
        (
            vec![
                ("concerns", json!(["other_scars"])),
                ("scar_date", json!("2025-01-10")),
            ],
            range(3, 5),
            None,
            None,
        ),
        (
            vec![
                ("concerns", json!(["stretch_marks"])),
                ("stretch_mark_colour", json!("white")),
                ("stretch_mark_severity", json!("severe")),
            ],
            range(6, 8),
            Some(range(6, 12)),
            Some("respond more slowly"),
        ),
        (
            vec![
                ("concerns", json!(["stretch_marks"])),
                ("stretch_mark_colour", json!("red")),
                ("stretch_mark_severity", json!("severe")),
            ],
            range(6, 8),
            Some(range(6, 12)),
            None,
        ),
        (
            vec![
                ("concerns", json!(["stretch_marks"])),
                ("stretch_mark_colour", json!("white")),
                ("stretch_mark_severity", json!("moderate")),
            ],
            range(4, 6),
            None,
            Some("respond more slowly"),
        ),
        (
            vec![
                ("concerns", json!(["stretch_marks"])),
                ("stretch_mark_colour", json!("red")),
                ("stretch_mark_severity", json!("moderate")),
            ],
            range(3, 5),
            None,
            None,
        ),
        (
            vec![("concerns", json!(["cellulite"]))],
            range(4, 6),
            None,
            Some("vary"),
        ),
    ];
    for (changes, sessions, maintenance, note) in rows {
        let a = assess_with(&changes, TODAY);
        assert_eq!(a.concerns.len(), 1, "{changes:?}");
        let plan = &a.concerns[0];
        assert_eq!(plan.sessions, sessions, "{changes:?}");
        assert_eq!(plan.maintenance_months, maintenance, "{changes:?}");
        assert_eq!(a.maintenance_months, maintenance, "{changes:?}");
        match note {
            Some(word) => {
                assert!(
                    plan.notes.iter().any(|n| n.contains(word)),
                    "{changes:?}: {:?}",
                    plan.notes
                );
                assert!(
                    a.notes.iter().any(|n| n.contains(word)),
                    "the note reaches the assessment"
                );
            }
            None => assert!(plan.notes.is_empty(), "{changes:?}: {:?}", plan.notes),
        }
        assert_eq!(a.sessions, Some(sessions));
    }
}

#[test]
fn concerns_share_sessions_largest_min_and_largest_max() {
    let a = assess_with(
        &[
            ("concerns", json!(["glow", "fine_lines", "other_scars"])),
            ("scar_date", json!("2025-01-10")),
        ],
        TODAY,
    );
    let codes: Vec<&str> = a.concerns.iter().map(|c| c.concern.as_str()).collect();
    assert_eq!(
        codes,
        ["glow", "fine_lines", "other_scars"],
        "in questionnaire order"
    );
    assert_eq!(a.sessions, Some(range(3, 5)));
    let a = assess_with(&[("concerns", json!(["texture", "glow"]))], TODAY);
    assert_eq!(a.sessions, Some(range(3, 4)));
}

#[test]
fn interval_and_course_length() {
    // The baseline: fine lines 3–4 and moderate acne scars 4–5 → 4–5 sessions.
    let a = assess_with(&[], TODAY);
    assert_eq!(a.interval_weeks, range(4, 6));
    assert_eq!(a.course_weeks, Some(range(12, 24)), "(4−1)×4 and (5−1)×6");
    let a = assess_with(&[("concerns", json!(["glow"]))], TODAY);
    assert_eq!(a.course_weeks, Some(range(0, 6)));
}

#[test]
fn the_schedule_from_the_reference_date() {
    let a = assess_with(&[("concerns", json!(["fine_lines"]))], TODAY);
    let s = |session, earliest, latest, optional| Session {
        session,
        earliest: date(earliest),
        latest: date(latest),
        optional,
    };
    assert_eq!(
        a.schedule,
        vec![
            s(1, "2026-11-24", "2026-11-24", false),
            s(2, "2026-12-22", "2027-01-05", false),
            s(3, "2027-01-19", "2027-02-16", false),
            s(4, "2027-02-16", "2027-03-30", true),
        ]
    );
}

#[test]
fn the_schedule_per_verdict() {
    let starts = |changes: &[(&str, serde_json::Value)]| {
        let a = assess_with(changes, TODAY);
        (a.suitability, a.schedule.first().map(|s| s.earliest))
    };
    assert_eq!(
        starts(&[("skin_type", json!("V"))]),
        (Level::SuitableWithPrecautions, Some(date(TODAY)))
    );
    assert_eq!(
        starts(&[("keloid_history", json!(true))]),
        (Level::PhysicianReview, Some(date(TODAY)))
    );
    assert_eq!(
        starts(&[("recent_sun", json!(true))]),
        (Level::Delay, Some(date("2026-12-08")))
    );
    assert_eq!(
        starts(&[("pregnant_or_breastfeeding", json!("yes"))]),
        (Level::Delay, None)
    );
    assert_eq!(
        starts(&[("skin_cancer_area", json!(true))]),
        (Level::NotSuitable, None)
    );
}

#[test]
fn general_notes_follow_their_conditions() {
    let with = assess_with(&[("serum_interest", json!(true))], TODAY);
    let without = assess_with(&[("serum_interest", json!(false))], TODAY);
    let serum = with
        .notes
        .iter()
        .find(|n| n.contains("growth-factor serum"))
        .expect("the serum note");
    assert!(
        serum.contains("Only sterile products approved for use on the skin"),
        "{serum}"
    );
    assert!(
        serum.contains("not a way of delivering medicines"),
        "{serum}"
    );
    assert!(
        !without
            .notes
            .iter()
            .any(|n| n.contains("growth-factor serum"))
    );
    assert!(without.notes.iter().any(|n| n.contains("20–30 minutes")));
}

#[test]
fn numbing_cream_is_promised_only_to_those_who_can_have_it() {
    let pain_relief = |changes: &[(&str, serde_json::Value)]| {
        let notes = assess_with(changes, TODAY).notes;
        let cream = notes
            .iter()
            .any(|n| n.starts_with("A numbing cream is applied first"));
        let discuss = notes
            .iter()
            .any(|n| n.starts_with("A clinician will discuss pain relief with you"));
        assert!(cream != discuss, "one of the two: {notes:?}");
        assert!(notes.iter().any(|n| n.contains("20–30 minutes")));
        cream
    };
    assert!(pain_relief(&[]));
    assert!(pain_relief(&[("allergies", json!(["metal", "other"]))]));
    assert!(!pain_relief(&[("allergies", json!(["anaesthetic"]))]));
    assert!(!pain_relief(&[(
        "allergies",
        json!(["metal", "anaesthetic"])
    )]));
    assert!(!pain_relief(&[("numbing_cream_risk", json!(true))]));
}

#[test]
fn a_physician_reason_makes_the_schedule_provisional_whatever_the_verdict() {
    let provisional = |changes: &[(&str, serde_json::Value)]| {
        let a = assess_with(changes, TODAY);
        (
            a.suitability,
            a.schedule.first().map(|s| s.earliest),
            a.schedule_provisional,
        )
    };
    assert_eq!(
        provisional(&[]),
        (Level::Suitable, Some(date(TODAY)), false)
    );
    assert_eq!(
        provisional(&[("recent_sun", json!(true))]),
        (Level::Delay, Some(date("2026-12-08")), false)
    );
    assert_eq!(
        provisional(&[("keloid_history", json!(true))]),
        (Level::PhysicianReview, Some(date(TODAY)), true),
        "the start date is unchanged; the dates wait for the physician"
    );
    assert_eq!(
        provisional(&[("keloid_history", json!(true)), ("recent_sun", json!(true))]),
        (Level::Delay, Some(date("2026-12-08")), true),
        "a dated delay with an open physician question"
    );
    assert_eq!(
        provisional(&[
            ("keloid_history", json!(true)),
            ("skin_cancer_area", json!(true))
        ]),
        (Level::NotSuitable, None, true)
    );
}
