//! A clinic's folder of records for the report's tests: six intakes (one in three versions, one
//! in two), a damaged summary, a foreign JSON file, a PDF, and an outbox holding two of them.
#![allow(dead_code)]

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use skin_intake::engine::summary::{Decision, Metadata, Mode, Review, Summary};
use skin_intake::engine::versions::sign_off;
use skin_intake::load;
use skin_intake::model::questionnaire::Questionnaire;
use skin_intake::words::{Words, en::English};

/// The day the report is made on.
pub const TODAY: &str = "2026-11-24";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/answers/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("an answers fixture")
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a test time")
}

/// Version 1 of intake `id`, answered as the fixture `answers`, finished on `day` and assessed
/// on that day.
pub fn summary(q: &Questionnaire, id: &str, answers: &str, day: &str) -> Summary {
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("a date");
    let answers = load::answers::read_and_check(q, &fixture(answers), today).expect("valid");
    Summary::new(
        q,
        &answers,
        Metadata {
            id: id.into(),
            language: "en".into(),
            mode: Mode::Kiosk,
            completed_at: at(&format!("{day}T10:00:00+01:00")),
            reference_date: NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a date"),
        },
        |s| English.shown(s),
    )
}

pub fn signed(previous: &Summary, decision: Decision) -> Summary {
    sign_off(
        previous,
        Review {
            by: "KL".into(),
            decision,
            note: None,
            at: previous.completed_at,
            cleared_from: None,
        },
    )
}

fn write(out: &Path, s: &Summary) {
    let day = s.completed_at.date_naive();
    let name = if s.version == 1 {
        format!("{day}_{}.json", s.intake_id)
    } else {
        format!("{day}_{}.v{:03}.json", s.intake_id, s.version)
    };
    std::fs::write(out.join(name), s.to_json()).expect("written");
}

/// The intakes, each as its latest version stands:
/// - `aaaa` suitable, finished 2026-11-02, versions 1 (waiting), 2 (approved), 3 (declined);
/// - `bbbb` delay, 2026-11-04, waiting; queued in the outbox;
/// - `cccc` not suitable, 2026-11-10, waiting;
/// - `dddd` physician review, 2026-11-18, version 2 needs a physician; delivered;
/// - `eeee` suitable, 2026-10-20, waiting;
/// - `ffff` delay, 2026-11-19, waiting.
///
/// Beside them: `2026-11-05_damaged.json` (not JSON), `notes.json` (JSON of another program)
/// and `2026-11-02_aaaa.pdf` (not JSON: not counted, not named).
pub fn clinic(out: &Path) {
    let q = load::questionnaire::built_in();
    let a1 = summary(&q, "aaaa", "suitable", "2026-11-02");
    let a2 = signed(&a1, Decision::Cleared);
    let a3 = signed(&a2, Decision::Declined);
    let b1 = summary(&q, "bbbb", "delay", "2026-11-04");
    let c1 = summary(&q, "cccc", "not_suitable", "2026-11-10");
    let d1 = summary(&q, "dddd", "physician_review", "2026-11-18");
    let d2 = signed(&d1, Decision::NeedsPhysician);
    let e1 = summary(&q, "eeee", "suitable", "2026-10-20");
    let f1 = summary(&q, "ffff", "delay", "2026-11-19");
    for s in [&a1, &a2, &a3, &b1, &c1, &d1, &d2, &e1, &f1] {
        write(out, s);
    }
    std::fs::write(out.join("2026-11-05_damaged.json"), "{ not json").expect("written");
    std::fs::write(out.join("notes.json"), r#"{"hello": "another program"}"#).expect("written");
    std::fs::write(out.join("2026-11-02_aaaa.pdf"), "%PDF-1.7").expect("written");
    let now = at("2026-11-20T12:00:00+01:00");
    skin_intake::fhir::delivery::enqueue(out, &b1, &q, now).expect("queued");
    let delivered = skin_intake::fhir::delivery::enqueue(out, &d2, &q, now).expect("queued");
    let text = std::fs::read_to_string(&delivered).expect("the outbox entry");
    let mut entry: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    entry["state"] = "delivered".into();
    std::fs::write(&delivered, entry.to_string()).expect("written");
}
