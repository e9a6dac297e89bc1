//! Dates known only to the month: read from files and drafts, checked, counted as the month's last
//! day, and exported as given beside the date used.

use crate::support::{date, fixture};
use chrono::DateTime;
use serde_json::{Value, json};
use skin_intake::engine::assessment::assess;
use skin_intake::engine::checks;
use skin_intake::engine::summary::{Metadata, Mode, Summary};
use skin_intake::load;
use skin_intake::model::answer::{Answer, Answers};
use skin_intake::model::questionnaire::Questionnaire;
use skin_intake::store::Draft;
use skin_intake::words::{self, Words, en::English};

/// The fixture questionnaire; `last_dose` (optional) may be a month.
fn q() -> Questionnaire {
    fixture("valid.json")
}

fn answers(last_dose: &str) -> Value {
    json!({"answers": {
        "name": "Ada", "born": "1980-05-31", "concerns": ["scars"], "scar_severity": "mild",
        "sunburn": false, "allergies": ["none"], "last_dose": last_dose
    }})
}

fn read(last_dose: &str, today: &str) -> Result<Answers, Vec<String>> {
    load::answers::read_and_check(&q(), &answers(last_dose).to_string(), date(today)).map_err(
        |problems| {
            problems
                .iter()
                .map(|p| English.answers_problem(p))
                .collect()
        },
    )
}

#[test]
fn a_month_is_read_where_the_question_allows_it_and_refused_elsewhere() {
    let a = read("2026-08", "2026-11-24").expect("a month is enough here");
    let month = a.get("last_dose").expect("the month");
    assert_eq!(month.date(), Some(date("2026-08-31")), "its last day");
    assert_eq!(serde_json::to_value(month).expect("JSON"), json!("2026-08"));

    let mut file = answers("2026-08");
    file["answers"]["born"] = json!("1980-05");
    let problems = load::answers::read_and_check(&q(), &file.to_string(), date("2026-11-24"))
        .expect_err("a date of birth needs the day");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].question(), Some("born"));
    let said = English.answers_problem(&problems[0]);
    assert!(
        said.contains("YYYY-MM-DD") && !said.contains("YYYY-MM "),
        "{said}"
    );
}

#[test]
fn the_current_month_is_allowed_and_a_later_one_refused() {
    assert!(read("2026-11", "2026-11-01").is_ok(), "the current month");
    assert!(read("2026-11", "2026-11-30").is_ok());
    let refused = read("2026-12", "2026-11-30").expect_err("next month");
    assert_eq!(
        refused,
        ["question 'last_dose': This month is in the future. Please check it."]
    );
    let refused = read("2026-12-01", "2026-11-30").expect_err("a day in the future");
    assert_eq!(
        refused,
        ["question 'last_dose': This date is in the future. Please check it."]
    );
}

#[test]
fn a_month_counts_as_its_last_day_in_rules_and_reassessment() {
    let reasons = |last_dose: &str, today: &str| {
        let given = read(last_dose, today).expect("valid answers");
        assess(&q(), &given, date(today), "en")
            .reasons
            .into_iter()
            .map(|r| (r.rule, r.reassess_on.map(|d| d.to_string())))
            .collect::<Vec<_>>()
    };
    let pair = |rule: &str, on: &str| (rule.to_owned(), Some(on.to_owned()));
    // August counts as 31 August: six months later clamps to 28 February.
    assert_eq!(
        reasons("2026-08", "2026-11-24"),
        [pair("isotretinoin", "2027-02-28")]
    );
    // The current month counts as its last day, so the 14-day wait runs from 30 November.
    assert_eq!(
        reasons("2026-11", "2026-11-24"),
        [
            pair("isotretinoin", "2027-05-30"),
            pair("last_dose_this_fortnight", "2026-12-14")
        ]
    );
    // A wait of 14 days ends on the 14th day: on it, the rule no longer fires.
    assert_eq!(
        reasons("2026-11-10", "2026-11-23"),
        [
            pair("isotretinoin", "2027-05-10"),
            pair("last_dose_this_fortnight", "2026-11-24")
        ]
    );
    assert_eq!(
        reasons("2026-11-10", "2026-11-24"),
        [pair("isotretinoin", "2027-05-10")]
    );
}

#[test]
fn the_summary_keeps_the_month_as_given_and_the_date_used() {
    let given = read("2026-08", "2026-11-24").expect("valid answers");
    let meta = Metadata {
        id: "id".into(),
        language: "en".into(),
        mode: Mode::Batch,
        completed_at: DateTime::parse_from_rfc3339("2026-11-24T10:00:00+01:00").expect("a time"),
        reference_date: date("2026-11-24"),
    };
    let summary: Value = serde_json::from_str(
        &Summary::new(&q(), &given, meta, |shown| {
            words::for_language("en").shown(shown)
        })
        .to_json(),
    )
    .expect("JSON");
    let answers = summary["answers"].as_array().expect("answers");
    let last_dose = answers
        .iter()
        .find(|a| a["id"] == "last_dose")
        .expect("exported");
    assert_eq!(last_dose["value"], "2026-08");
    assert_eq!(last_dose["display"], "August 2026");
    assert_eq!(last_dose["date_used"], "2026-08-31");
    let born = answers.iter().find(|a| a["id"] == "born").expect("born");
    assert_eq!(born["value"], "1980-05-31");
    assert!(
        born.get("date_used").is_none(),
        "a full date is the date used"
    );
}

#[test]
fn a_month_survives_a_draft() {
    let q = q();
    let given = read("2026-08", "2026-11-24").expect("valid answers");
    let at = DateTime::parse_from_rfc3339("2026-11-24T10:00:00+01:00").expect("a time");
    let mut draft = Draft::new(&q, "en", Mode::Staff, at);
    draft.record(&given, None, at);
    let saved = serde_json::to_string(&draft).expect("JSON");
    let back: Draft = serde_json::from_str(&saved).expect("a draft");
    assert_eq!(back.answers["last_dose"], "2026-08");
    let resumed = back.resume(&q);
    assert!(resumed.dropped.is_empty(), "{:?}", resumed.dropped);
    assert_eq!(
        resumed.answers.get("last_dose"),
        Some(&Answer::Month(
            skin_intake::dates::YearMonth::new(2026, 8).expect("a month")
        ))
    );
    assert!(checks::problems(&q, &resumed.answers, date("2026-11-24")).is_empty());
}
