//! The clinic report as data: each intake once at its latest version, files left out counted and
//! named, every figure; `--since`/`--until`; another questionnaire's effect.

use std::collections::BTreeMap;

use crate::report_folder::{TODAY, clinic};
use crate::support::date;
use skin_intake::clinic::report::{self, Window};
use skin_intake::load;
use skin_intake::model::questionnaire::{Level, Questionnaire};

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    clinic(dir.path());
    dir
}

fn counts<K: Ord + Clone>(pairs: &[(K, usize)]) -> BTreeMap<K, usize> {
    pairs.iter().cloned().collect()
}

/// The built-in questionnaire with rule `rule` at `level`.
pub fn with_level(rule: &str, level: &str) -> Questionnaire {
    let mut json: serde_json::Value =
        serde_json::from_str(skin_intake::model::questionnaire::BUILT_IN).expect("JSON");
    for r in json["rules"]["screening"]
        .as_array_mut()
        .expect("screening rules")
    {
        if r["id"] == rule {
            r["level"] = level.into();
        }
    }
    load::questionnaire::load("changed.json", &json.to_string()).expect("valid")
}

#[test]
fn every_figure_of_a_clinic_folder_counts_each_intake_once_at_its_latest_version() {
    let dir = folder();
    let read = report::read(dir.path(), Window::default(), date(TODAY), None).expect("read");
    let f = &read.figures;
    assert_eq!(f.intakes, 6);
    assert_eq!(
        (f.first, f.last),
        (Some(date("2026-10-20")), Some(date("2026-11-19")))
    );
    let weeks: Vec<(String, usize)> = f
        .weeks
        .iter()
        .map(|w| (w.week.to_string(), w.intakes))
        .collect();
    assert_eq!(
        weeks,
        [
            ("2026-10-19".into(), 1),
            ("2026-10-26".into(), 0),
            ("2026-11-02".into(), 2),
            ("2026-11-09".into(), 1),
            ("2026-11-16".into(), 2),
        ]
    );
    assert_eq!(
        f.verdicts,
        counts(&[
            (Level::Suitable, 2),
            (Level::SuitableWithPrecautions, 0),
            (Level::PhysicianReview, 1),
            (Level::Delay, 2),
            (Level::NotSuitable, 1),
        ])
    );
    assert_eq!(
        f.concerns,
        counts(&[("acne_scars".to_owned(), 6), ("fine_lines".to_owned(), 6)])
    );
    let reasons: Vec<(&str, usize)> = f
        .reasons
        .iter()
        .map(|r| (r.rule.as_str(), r.intakes))
        .collect();
    assert_eq!(
        reasons,
        [
            ("isotretinoin_recent", 2),
            ("recent_sun", 2),
            ("anaesthetic_allergy", 1),
            ("bleeding_disorder", 1),
            ("blood_thinners", 1),
            ("darker_skin", 1),
            ("diabetes_uncontrolled", 1),
            ("metal_allergy", 1),
        ]
    );
    assert!(f.reasons[1].message.starts_with("Sunburn, tan or sunbed"));
    // aaaa counts as its version 3 (declined), not as version 2 (cleared).
    assert_eq!(
        f.review,
        counts(&[
            ("waiting", 4),
            ("cleared", 0),
            ("has_issues", 0),
            ("declined", 1),
            ("needs_physician", 1)
        ])
    );
    assert_eq!(
        f.delivery,
        Some(counts(&[
            ("queued", 1),
            ("delivered", 1),
            ("needs_attention", 0),
            ("superseded", 0),
            ("not_queued", 4),
        ]))
    );
    // Five plans of 4–5 sessions; the not suitable intake has none.
    assert_eq!(
        (f.sessions.intakes, f.sessions.min, f.sessions.max),
        (5, 20, 25)
    );
    let months: Vec<(String, usize)> = f
        .coming_months
        .iter()
        .map(|m| (m.month.format("%Y-%m").to_string(), m.sessions))
        .collect();
    assert_eq!(months.len(), 12);
    assert_eq!(months[0].0, "2026-11");
    // Only sessions whose window is still open on 2026-11-24, in the month they can happen from.
    assert_eq!(
        months.iter().map(|m| m.1).collect::<Vec<_>>(),
        [2, 3, 3, 5, 3, 2, 2, 2, 0, 0, 0, 0]
    );
    assert_eq!((f.unreadable, f.foreign), (1, 1));
    assert_eq!(
        read.unreadable,
        [dir.path().join("2026-11-05_damaged.json")]
    );
    assert_eq!(read.foreign, [dir.path().join("notes.json")]);
}

#[test]
fn since_and_until_keep_the_intakes_finished_on_those_days_and_between() {
    let dir = folder();
    let window = Window {
        since: Some(date("2026-11-04")),
        until: Some(date("2026-11-18")),
    };
    let f = report::read(dir.path(), window, date(TODAY), None)
        .expect("read")
        .figures;
    // bbbb (11-04), cccc (11-10), dddd (11-18); aaaa (11-02), ffff (11-19), eeee (10-20) out.
    assert_eq!(f.intakes, 3);
    assert_eq!(f.verdicts[&Level::Delay], 1);
    assert_eq!(f.verdicts[&Level::Suitable], 0);
    assert_eq!(f.review["needs_physician"], 1);
}

#[test]
fn an_empty_folder_has_every_count_at_zero() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let f = report::read(dir.path(), Window::default(), date(TODAY), None)
        .expect("read")
        .figures;
    assert_eq!(f.intakes, 0);
    assert!(f.weeks.is_empty());
    assert_eq!(f.verdicts.values().sum::<usize>(), 0);
    assert_eq!(f.delivery, None, "no outbox, no delivery states");
}

#[test]
fn a_missing_folder_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let missing = dir.path().join("nowhere");
    assert!(report::read(&missing, Window::default(), date(TODAY), None).is_err());
}

#[test]
fn another_questionnaire_s_rules_name_the_intakes_whose_verdict_would_change() {
    let dir = folder();
    let other = with_level("bleeding_disorder", "physician_review");
    let preview = report::read(dir.path(), Window::default(), date(TODAY), Some(&other))
        .expect("read")
        .preview
        .expect("a preview");
    assert_eq!(preview.intakes, 6);
    assert_eq!((preview.verdicts_changed, preview.sessions_changed), (1, 0));
    assert_eq!(preview.changed.len(), 1);
    let c = &preview.changed[0];
    assert_eq!(c.intake_id, "cccc");
    // The uncontrolled diabetes still delays it.
    assert_eq!(
        (c.verdict_before, c.verdict_after),
        (Level::NotSuitable, Level::Delay)
    );
}

#[test]
fn the_same_questionnaire_changes_nothing() {
    let dir = folder();
    let same = load::questionnaire::built_in();
    let preview = report::read(dir.path(), Window::default(), date(TODAY), Some(&same))
        .expect("read")
        .preview
        .expect("a preview");
    assert_eq!(preview.intakes, 6);
    assert_eq!(preview.verdicts_changed + preview.sessions_changed, 0);
    assert!(preview.changed.is_empty());
}

#[test]
fn in_a_terminal_the_report_is_drawn_with_charts() {
    let dir = folder();
    let f = report::read(dir.path(), Window::default(), date(TODAY), None)
        .expect("read")
        .figures;
    let drawn = skin_intake::tui::report::charts(&f, &skin_intake::words::en::English, 60);
    // The weeks as a sparkline, the counts as bars whose length follows the count.
    assert!(drawn.contains('█'));
    let bar = |label: &str| {
        drawn
            .lines()
            .find(|l| l.contains(label))
            .map(|l| l.matches('█').count())
            .expect("a bar")
    };
    assert!(bar("Waiting for review") > bar("Not cleared: not suitable"));
    assert_eq!(bar("▲ precautions"), 0);
    assert!(drawn.lines().all(|l| l.chars().count() <= 60));
    insta::assert_snapshot!(drawn);
}
