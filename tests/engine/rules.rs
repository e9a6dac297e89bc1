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
            Delay,
            vec![("date_of_birth", json!("2010-01-01"))],
            vec!["date_of_birth"],
            Some("2028-01-01"),
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
                ("scar_date", json!("2026-08-10")),
            ],
            vec!["scar_date"],
            Some("2027-02-10"),
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
            "vitiligo",
            PhysicianReview,
            vec![("other_skin_conditions", json!(["vitiligo"]))],
            vec!["other_skin_conditions"],
            None,
        ),
        (
            "warts",
            Delay,
            vec![("other_skin_conditions", json!(["warts"]))],
            vec!["other_skin_conditions"],
            None,
        ),
        (
            "scleroderma",
            NotSuitable,
            vec![("other_skin_conditions", json!(["scleroderma"]))],
            vec!["other_skin_conditions"],
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
            "moles_in_area",
            SuitableWithPrecautions,
            vec![("raised_moles", json!(true))],
            vec!["raised_moles"],
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
            "radiotherapy_area",
            PhysicianReview,
            vec![("radiotherapy_area", json!(true))],
            vec!["radiotherapy_area"],
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
            "retinoid",
            SuitableWithPrecautions,
            vec![("retinoid", json!(true))],
            vec!["retinoid"],
            None,
        ),
        (
            "photosensitising_medicine",
            SuitableWithPrecautions,
            vec![("photosensitising_medicine", json!(true))],
            vec!["photosensitising_medicine"],
            None,
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
            Delay,
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
            "numbing_cream_risk",
            PhysicianReview,
            vec![("numbing_cream_risk", json!(true))],
            vec!["numbing_cream_risk"],
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
            vec![
                ("recent_procedures", json!(["botox"])),
                ("botox_date", json!("2026-11-15")),
            ],
            vec!["botox_date"],
            Some("2026-11-29"),
        ),
        (
            "recent_filler",
            Delay,
            vec![
                ("recent_procedures", json!(["filler"])),
                ("filler_date", json!("2026-11-20")),
            ],
            vec!["filler_date"],
            Some("2026-12-04"),
        ),
        (
            "recent_peel_or_laser",
            Delay,
            vec![
                ("recent_procedures", json!(["peel_or_laser"])),
                ("peel_or_laser_date", json!("2026-11-01")),
            ],
            vec!["peel_or_laser_date"],
            Some("2026-11-29"),
        ),
        (
            "recent_surgery",
            Delay,
            vec![
                ("recent_procedures", json!(["surgery"])),
                ("surgery_date", json!("2026-03-10")),
            ],
            vec!["surgery_date"],
            Some("2027-03-10"),
        ),
        (
            "threads_or_implants",
            PhysicianReview,
            vec![("threads_or_implants", json!(true))],
            vec!["threads_or_implants"],
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
    let q = crate::support::questionnaire();
    let alone: Vec<&str> = cases.iter().map(|c| c.rule).collect();
    let every: Vec<&str> = q.rules.screening.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        every
            .iter()
            .filter(|id| !alone.contains(id))
            .collect::<Vec<_>>(),
        [&"isotretinoin_pregnancy"],
        "one case per rule, except the one that needs two others (tested below)"
    );
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
        vec![("other_skin_conditions", json!(["none"]))],
        vec![
            ("concerns", json!(["other_scars"])),
            ("scar_date", json!("2025-06-01")),
        ],
        // Isotretinoin with a pregnancy answer that is no, or a pregnancy without isotretinoin.
        vec![
            ("isotretinoin", json!("never")),
            ("pregnant_or_breastfeeding", json!("no")),
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
fn a_minor_is_delayed_until_the_18th_birthday() {
    let on = |dob: &str, today: &str| {
        let a = assess_with(&[("date_of_birth", json!(dob))], today);
        (
            a.suitability,
            a.reassess_on,
            a.schedule.first().map(|s| s.earliest),
        )
    };
    let birthday = Some(date("2026-11-25"));
    assert_eq!(
        on("2008-11-25", "2026-11-24"),
        (Level::Delay, birthday, birthday),
        "the day before: assess again, and start, on the birthday"
    );
    assert_eq!(
        on("2008-02-29", "2026-02-28").1,
        Some(date("2026-03-01")),
        "the day the age is reached, as the rule counts it"
    );
}

/// Whether `rule` fires for `changes` on `today`: the date it gives, or "no date".
fn fired(rule: &str, changes: &[(&str, Value)], today: &str) -> Option<String> {
    assess_with(changes, today)
        .reasons
        .into_iter()
        .find(|r| r.rule == rule)
        .map(|r| r.reassess_on.map_or("no date".into(), |d| d.to_string()))
}

#[test]
fn waits_run_from_the_procedure_and_end_on_their_last_day() {
    fn procedure<'a>(code: &str, question: &'a str, when: &str) -> Vec<(&'a str, Value)> {
        vec![
            ("recent_procedures", json!([code])),
            (question, json!(when)),
        ]
    }
    let dated = |s: &str| Some(s.to_owned());
    // (rule, procedure code, date question, the date, today, the wait's end if it fires)
    let cases = [
        // Botox 10 days ago: the wait ends 14 days after it, not 14 days after today.
        (
            "recent_botox",
            "botox",
            "botox_date",
            "2026-11-15",
            "2026-11-25",
            dated("2026-11-29"),
        ),
        (
            "recent_botox",
            "botox",
            "botox_date",
            "2026-11-15",
            "2026-11-28",
            dated("2026-11-29"),
        ),
        (
            "recent_botox",
            "botox",
            "botox_date",
            "2026-11-15",
            "2026-11-29",
            None,
        ),
        (
            "recent_filler",
            "filler",
            "filler_date",
            "2026-11-15",
            "2026-11-28",
            dated("2026-11-29"),
        ),
        (
            "recent_filler",
            "filler",
            "filler_date",
            "2026-11-15",
            "2026-11-29",
            None,
        ),
        (
            "recent_peel_or_laser",
            "peel_or_laser",
            "peel_or_laser_date",
            "2026-11-01",
            "2026-11-28",
            dated("2026-11-29"),
        ),
        (
            "recent_peel_or_laser",
            "peel_or_laser",
            "peel_or_laser_date",
            "2026-11-01",
            "2026-11-29",
            None,
        ),
        (
            "recent_surgery",
            "surgery",
            "surgery_date",
            "2025-11-25",
            "2026-11-24",
            dated("2026-11-25"),
        ),
        (
            "recent_surgery",
            "surgery",
            "surgery_date",
            "2025-11-24",
            "2026-11-24",
            None,
        ),
        // 29 February + 12 months clamps to 28 February.
        (
            "recent_surgery",
            "surgery",
            "surgery_date",
            "2028-02-29",
            "2029-02-27",
            dated("2029-02-28"),
        ),
        // A month in the current month counts as its last day: the safe side.
        (
            "recent_botox",
            "botox",
            "botox_date",
            "2026-11",
            "2026-11-24",
            dated("2026-12-14"),
        ),
        (
            "recent_surgery",
            "surgery",
            "surgery_date",
            "2026-01",
            "2026-11-24",
            dated("2027-01-31"),
        ),
    ];
    for (rule, code, question, when, today, expected) in cases {
        assert_eq!(
            fired(rule, &procedure(code, question, when), today),
            expected,
            "{rule}: {when} on {today}"
        );
    }
}

#[test]
fn a_new_scar_waits_until_six_months_after_it_formed() {
    let scar = |when: &str| {
        vec![
            ("concerns", json!(["other_scars"])),
            ("scar_date", json!(when)),
        ]
    };
    let dated = |s: &str| Some(s.to_owned());
    assert_eq!(
        fired("scar_too_new", &scar("2026-05-25"), TODAY),
        dated("2026-11-25")
    );
    assert_eq!(
        fired("scar_too_new", &scar("2026-05-24"), TODAY),
        None,
        "six months to the day"
    );
    // A day past the month's end clamps: 31 May + 6 months = 30 November.
    assert_eq!(
        fired("scar_too_new", &scar("2026-05-31"), TODAY),
        dated("2026-11-30")
    );
    // Only the month known: May counts as 31 May.
    assert_eq!(
        fired("scar_too_new", &scar("2026-05"), TODAY),
        dated("2026-11-30")
    );
    assert_eq!(
        fired("scar_too_new", &scar("2026-11"), TODAY),
        dated("2027-05-30")
    );
    assert_eq!(fired("scar_too_new", &scar("2026-04"), TODAY), None);
}

#[test]
fn isotretinoin_in_a_possible_pregnancy_goes_to_the_prescriber_at_once() {
    for isotretinoin in ["current", "recent"] {
        for pregnant in ["yes", "unsure"] {
            let mut changes = vec![
                ("isotretinoin", json!(isotretinoin)),
                ("pregnant_or_breastfeeding", json!(pregnant)),
            ];
            if isotretinoin == "recent" {
                changes.push(("isotretinoin_last_dose", json!("2026-10-01")));
            }
            let a = assess_with(&changes, TODAY);
            let reason = a
                .reasons
                .iter()
                .find(|r| r.rule == "isotretinoin_pregnancy")
                .unwrap_or_else(|| panic!("{isotretinoin} and {pregnant}: {:?}", a.reasons));
            assert_eq!(reason.level, Level::PhysicianReview);
            assert!(reason.message.contains("prescriber"), "{}", reason.message);
            assert!(a.schedule_provisional);
        }
    }
    for (isotretinoin, pregnant) in [("current", "no"), ("never", "yes"), ("never", "unsure")] {
        let a = assess_with(
            &[
                ("isotretinoin", json!(isotretinoin)),
                ("pregnant_or_breastfeeding", json!(pregnant)),
            ],
            TODAY,
        );
        assert!(
            a.reasons.iter().all(|r| r.rule != "isotretinoin_pregnancy"),
            "{isotretinoin} and {pregnant}"
        );
    }
}

/// A rule, answers that fire it, and words its message must hold.
type Vignette = (&'static str, Vec<(&'static str, Value)>, &'static str);

#[test]
fn messages_give_the_reason_the_sources_give() {
    let message = |rule: &str, changes: &[(&str, Value)]| {
        assess_with(changes, TODAY)
            .reasons
            .into_iter()
            .find(|r| r.rule == rule)
            .map(|r| r.message)
            .unwrap_or_default()
    };
    let cases: [Vignette; 8] = [
        (
            "radiotherapy_area",
            vec![("radiotherapy_area", json!(true))],
            "heals poorly",
        ),
        (
            "vitiligo",
            vec![("other_skin_conditions", json!(["vitiligo"]))],
            "new patches",
        ),
        (
            "retinoid",
            vec![("retinoid", json!(true))],
            "pause it 5 days before each session",
        ),
        (
            "photosensitising_medicine",
            vec![("photosensitising_medicine", json!(true))],
            "strict sun protection",
        ),
        (
            "moles_in_area",
            vec![("raised_moles", json!(true))],
            "needle around them",
        ),
        (
            "diabetes_uncontrolled",
            vec![("diabetes", json!("uncontrolled"))],
            "until it is well controlled",
        ),
        (
            "numbing_cream_risk",
            vec![("numbing_cream_risk", json!(true))],
            "numbing cream may not be safe",
        ),
        (
            "under_18",
            vec![("date_of_birth", json!("2010-01-01"))],
            "18th birthday",
        ),
    ];
    for (rule, changes, words) in cases {
        let said = message(rule, &changes);
        assert!(said.contains(words), "{rule}: {said:?}");
    }
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
fn an_isotretinoin_month_counts_as_its_last_day() {
    let q = crate::support::questionnaire();
    assert!(
        q.item("isotretinoin_last_dose")
            .is_some_and(|i| i.approximate)
    );
    let last_dose = |month: &str| {
        fired(
            "isotretinoin_recent",
            &[
                ("isotretinoin", json!("recent")),
                ("isotretinoin_last_dose", json!(month)),
            ],
            TODAY,
        )
    };
    assert_eq!(
        last_dose("2026-05"),
        Some("2026-11-30".into()),
        "31 May + 6 months"
    );
    assert_eq!(last_dose("2026-11"), Some("2027-05-30".into()));
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
    let a = assess_with(&[("scar_date", json!("2026-11-01"))], TODAY);
    assert!(
        a.reasons.is_empty(),
        "other_scars not chosen: {:?}",
        a.reasons
    );
    let a = assess_with(&[("botox_date", json!("2026-11-20"))], TODAY);
    assert!(a.reasons.is_empty(), "botox not ticked: {:?}", a.reasons);
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
            ("peel_or_laser_date", json!("2026-11-20")),
            ("botox_date", json!("2026-11-20")),
        ],
        TODAY,
    );
    let dates: Vec<_> = a.reasons.iter().map(|r| r.reassess_on).collect();
    assert_eq!(
        dates,
        [
            Some(date("2026-12-08")),
            Some(date("2026-12-04")),
            Some(date("2026-12-18"))
        ]
    );
    assert_eq!(a.reassess_on, Some(date("2026-12-18")));
    assert_eq!(
        a.schedule[0].earliest,
        date("2026-12-18"),
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
