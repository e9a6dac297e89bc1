//! Each screening rule firing and not firing, and the boundaries of the date rules.

use crate::support::{assess_with, date};
use serde_json::{Value, json};
use skin_intake::model::questionnaire::Level;

const TODAY: &str = "2026-11-24";

/// A rule, its level, answers that fire it, the questions it names, its re-assessment date.
struct Case {
    rule: &'static str,
    level: Level,
    changes: Vec<(&'static str, Value)>,
    questions: Vec<&'static str>,
    reassess: Option<&'static str>,
}

fn cases() -> Vec<Case> {
    use Level::{Delay, NotSuitable, PhysicianReview, SuitableWithPrecautions};
    type Row = (
        &'static str,
        Level,
        Vec<(&'static str, Value)>,
        Vec<&'static str>,
        Option<&'static str>,
    );
    let rows: Vec<Row> = vec![
        (
            "under_18",
            NotSuitable,
            vec![("date_of_birth", json!("2010-01-01"))],
            vec!["date_of_birth"],
            None,
        ),
        (
            "pregnancy",
            Delay,
            vec![("pregnant_or_breastfeeding", json!("yes"))],
            vec!["pregnant_or_breastfeeding"],
            None,
        ),
        (
            "pregnancy_unsure",
            PhysicianReview,
            vec![("pregnant_or_breastfeeding", json!("unsure"))],
            vec!["pregnant_or_breastfeeding"],
            None,
        ),
        (
            "scar_too_new",
            Delay,
            vec![
                ("concerns", json!(["other_scars"])),
                ("scar_under_6_months", json!(true)),
            ],
            vec!["scar_under_6_months"],
            None,
        ),
        (
            "darker_skin",
            SuitableWithPrecautions,
            vec![("skin_type", json!("V"))],
            vec!["skin_type"],
            None,
        ),
        (
            "dark_marks",
            SuitableWithPrecautions,
            vec![("dark_marks_history", json!(true))],
            vec!["dark_marks_history"],
            None,
        ),
        (
            "active_infection",
            Delay,
            vec![("active_infection", json!(true))],
            vec!["active_infection"],
            None,
        ),
        (
            "cold_sores",
            SuitableWithPrecautions,
            vec![("cold_sore_history", json!(true))],
            vec!["cold_sore_history"],
            None,
        ),
        (
            "active_acne",
            Delay,
            vec![("active_acne", json!(true))],
            vec!["active_acne"],
            None,
        ),
        (
            "skin_condition_history",
            SuitableWithPrecautions,
            vec![("skin_condition", json!("history"))],
            vec!["skin_condition"],
            None,
        ),
        (
            "skin_condition_flare",
            Delay,
            vec![("skin_condition", json!("flare"))],
            vec!["skin_condition"],
            None,
        ),
        (
            "suspicious_lesion",
            NotSuitable,
            vec![("suspicious_lesion", json!(true))],
            vec!["suspicious_lesion"],
            None,
        ),
        (
            "keloids",
            PhysicianReview,
            vec![("keloid_history", json!(true))],
            vec!["keloid_history"],
            None,
        ),
        (
            "recent_sun",
            Delay,
            vec![("recent_sun", json!(true))],
            vec!["recent_sun"],
            Some("2026-12-08"),
        ),
        (
            "isotretinoin_current",
            Delay,
            vec![("isotretinoin", json!("current"))],
            vec!["isotretinoin"],
            None,
        ),
        (
            "isotretinoin_recent",
            Delay,
            vec![
                ("isotretinoin", json!("recent")),
                ("isotretinoin_last_dose", json!("2026-08-10")),
            ],
            vec!["isotretinoin_last_dose"],
            Some("2027-02-10"),
        ),
        (
            "blood_thinners",
            PhysicianReview,
            vec![("blood_thinners", json!(true))],
            vec!["blood_thinners"],
            None,
        ),
        (
            "bleeding_disorder",
            NotSuitable,
            vec![("bleeding_disorder", json!(true))],
            vec!["bleeding_disorder"],
            None,
        ),
        (
            "diabetes_controlled",
            PhysicianReview,
            vec![("diabetes", json!("controlled"))],
            vec!["diabetes"],
            None,
        ),
        (
            "diabetes_uncontrolled",
            NotSuitable,
            vec![("diabetes", json!("uncontrolled"))],
            vec!["diabetes"],
            None,
        ),
        (
            "immune_condition",
            PhysicianReview,
            vec![("immune_condition", json!(true))],
            vec!["immune_condition"],
            None,
        ),
        (
            "cancer_treatment",
            Delay,
            vec![("cancer_treatment", json!(true))],
            vec!["cancer_treatment"],
            None,
        ),
        (
            "metal_allergy",
            PhysicianReview,
            vec![("allergies", json!(["metal"]))],
            vec!["allergies"],
            None,
        ),
        (
            "anaesthetic_allergy",
            PhysicianReview,
            vec![("allergies", json!(["anaesthetic"]))],
            vec!["allergies"],
            None,
        ),
        (
            "implanted_device",
            PhysicianReview,
            vec![("implanted_device", json!(true))],
            vec!["implanted_device"],
            None,
        ),
        (
            "recent_botox",
            Delay,
            vec![("recent_procedures", json!(["botox"]))],
            vec!["recent_procedures"],
            Some("2026-12-08"),
        ),
        (
            "recent_filler",
            Delay,
            vec![("recent_procedures", json!(["filler"]))],
            vec!["recent_procedures"],
            Some("2026-12-08"),
        ),
        (
            "recent_peel_or_laser",
            Delay,
            vec![("recent_procedures", json!(["peel_or_laser"]))],
            vec!["recent_procedures"],
            Some("2026-12-22"),
        ),
        (
            "recent_surgery",
            Delay,
            vec![("recent_procedures", json!(["surgery"]))],
            vec!["recent_procedures"],
            None,
        ),
    ];
    rows.into_iter()
        .map(|(rule, level, changes, questions, reassess)| Case {
            rule,
            level,
            changes,
            questions,
            reassess,
        })
        .collect()
}

#[test]
fn the_baseline_patient_triggers_no_rule() {
    let a = assess_with(&[], TODAY);
    assert_eq!(a.suitability, Level::Suitable);
    assert!(a.reasons.is_empty(), "{:?}", a.reasons);
}

#[test]
fn every_rule_fires_alone_with_its_level_questions_and_date() {
    let cases = cases();
    assert_eq!(cases.len(), 29, "one case per rule of the core issue");
    for Case {
        rule,
        level,
        changes,
        questions,
        reassess,
    } in cases
    {
        let a = assess_with(&changes, TODAY);
        let fired: Vec<&str> = a.reasons.iter().map(|r| r.rule.as_str()).collect();
        assert_eq!(fired, vec![rule], "{rule}: only this rule fires");
        let reason = &a.reasons[0];
        assert_eq!(reason.level, level, "{rule}");
        assert_eq!(reason.questions, questions, "{rule}");
        assert!(!reason.message.is_empty(), "{rule}");
        assert_eq!(a.suitability, level, "{rule}: the verdict is its level");
        assert_eq!(reason.reassess_on, reassess.map(date), "{rule}");
        let expected_overall = if level == Level::Delay {
            reassess.map(date)
        } else {
            None
        };
        assert_eq!(a.reassess_on, expected_overall, "{rule}");
    }
}

#[test]
fn the_blood_thinner_message_says_not_to_stop_medicine() {
    let a = assess_with(&[("blood_thinners", json!(true))], TODAY);
    assert!(a.reasons[0].message.contains("must not stop any medicine"));
}

#[test]
fn rules_do_not_fire_on_the_neighbouring_answers() {
    for changes in [
        vec![("pregnant_or_breastfeeding", json!("no"))],
        vec![("skin_type", json!("IV"))],
        vec![("skin_condition", json!("none"))],
        vec![("diabetes", json!("no"))],
        vec![("isotretinoin", json!("never"))],
        vec![("allergies", json!(["other"]))],
        vec![("recent_procedures", json!(["none"]))],
        vec![
            ("concerns", json!(["other_scars"])),
            ("scar_under_6_months", json!(false)),
        ],
    ] {
        let a = assess_with(&changes, TODAY);
        assert!(a.reasons.is_empty(), "{changes:?} fired {:?}", a.reasons);
    }
}

#[test]
fn eighteen_on_the_birthday_itself() {
    let fires = |dob: &str, today: &str| {
        assess_with(&[("date_of_birth", json!(dob))], today)
            .reasons
            .iter()
            .any(|r| r.rule == "under_18")
    };
    assert!(!fires("2008-11-24", "2026-11-24"), "18th birthday: adult");
    assert!(fires("2008-11-25", "2026-11-24"), "the day before: 17");
    // Born on 29 February: 18 on 1 March in a year without one.
    assert!(fires("2008-02-29", "2026-02-28"));
    assert!(!fires("2008-02-29", "2026-03-01"));
}

#[test]
fn isotretinoin_six_months_to_the_day_is_over() {
    let recent = |last: &str| {
        let a = assess_with(
            &[
                ("isotretinoin", json!("recent")),
                ("isotretinoin_last_dose", json!(last)),
            ],
            TODAY,
        );
        a.reasons
            .iter()
            .find(|r| r.rule == "isotretinoin_recent")
            .map(|r| r.reassess_on)
    };
    assert_eq!(recent("2026-05-24"), None, "exactly six months ago");
    assert_eq!(recent("2026-05-25"), Some(Some(date("2026-11-25"))));
}

#[test]
fn month_end_clamps_when_adding_six_months() {
    let a = assess_with(
        &[
            ("isotretinoin", json!("recent")),
            ("isotretinoin_last_dose", json!("2026-05-31")),
        ],
        TODAY,
    );
    assert_eq!(
        a.reassess_on,
        Some(date("2026-11-30")),
        "31 May + 6 months = 30 Nov"
    );
    let a = assess_with(
        &[
            ("isotretinoin", json!("recent")),
            ("isotretinoin_last_dose", json!("2026-08-31")),
        ],
        "2026-12-01",
    );
    assert_eq!(
        a.reassess_on,
        Some(date("2027-02-28")),
        "31 Aug + 6 months = 28 Feb"
    );
}

#[test]
fn a_hidden_question_is_ignored() {
    // The last dose is only asked when isotretinoin was stopped recently.
    let a = assess_with(
        &[
            ("isotretinoin", json!("never")),
            ("isotretinoin_last_dose", json!("2026-10-01")),
        ],
        TODAY,
    );
    assert!(a.reasons.is_empty(), "{:?}", a.reasons);
    let a = assess_with(&[("scar_under_6_months", json!(true))], TODAY);
    assert!(
        a.reasons.is_empty(),
        "other_scars not chosen: {:?}",
        a.reasons
    );
}

#[test]
fn the_verdict_is_the_most_severe_level() {
    let a = assess_with(
        &[
            ("blood_thinners", json!(true)),
            ("skin_type", json!("VI")),
            ("recent_sun", json!(true)),
        ],
        TODAY,
    );
    assert_eq!(a.suitability, Level::Delay);
    assert_eq!(a.reasons.len(), 3);
    let a = assess_with(
        &[
            ("bleeding_disorder", json!(true)),
            ("recent_sun", json!(true)),
        ],
        TODAY,
    );
    assert_eq!(a.suitability, Level::NotSuitable);
    assert_eq!(
        a.reassess_on, None,
        "no re-assessment date unless the verdict is delay"
    );
    assert!(a.schedule.is_empty(), "no schedule when not suitable");
}

#[test]
fn reassess_on_is_the_latest_delay_date_only_when_all_have_one() {
    let a = assess_with(
        &[
            ("recent_sun", json!(true)),
            ("recent_procedures", json!(["peel_or_laser", "botox"])),
        ],
        TODAY,
    );
    assert_eq!(a.reassess_on, Some(date("2026-12-22")));
    assert_eq!(
        a.schedule[0].earliest,
        date("2026-12-22"),
        "the schedule starts on that date"
    );

    let a = assess_with(
        &[("recent_sun", json!(true)), ("active_acne", json!(true))],
        TODAY,
    );
    assert_eq!(a.suitability, Level::Delay);
    assert_eq!(a.reassess_on, None, "active acne has no date");
    assert!(a.schedule.is_empty());
}
