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

/// Every summary file of the folder, read in full.
fn summaries(dir: &std::path::Path) -> Vec<skin_intake::engine::summary::Summary> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("a folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| skin_intake::store::parse_name(n).is_some())
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| skin_intake::store::read_summary(p).ok())
        .collect()
}

#[test]
fn the_figures_are_the_same_whatever_order_the_versions_come_in() {
    use skin_intake::store::scan::Facts;
    let dir = folder();
    let all = summaries(dir.path());
    assert_eq!(all.len(), 9, "every version but the damaged file");
    let figures = |order: Vec<&skin_intake::engine::summary::Summary>| {
        let mut tally = report::Tally::new(date(TODAY));
        for s in order {
            tally.add(&Facts::of(s));
        }
        tally.figures(Window::default(), None)
    };
    let forward = figures(all.iter().collect());
    let backward = figures(all.iter().rev().collect());
    // Newest versions first, then oldest first, interleaved.
    let mut mixed: Vec<_> = all.iter().collect();
    mixed.sort_by_key(|s| (std::cmp::Reverse(s.version), s.intake_id.clone()));
    let mixed = figures(mixed);
    assert_eq!(forward, backward);
    assert_eq!(forward, mixed);
    let read = report::read(dir.path(), Window::default(), date(TODAY), None)
        .expect("read")
        .figures;
    assert_eq!(forward.intakes, 6);
    assert_eq!(
        (
            &forward.verdicts,
            &forward.concerns,
            &forward.reasons,
            &forward.review
        ),
        (&read.verdicts, &read.concerns, &read.reasons, &read.review)
    );
    assert_eq!(
        (&forward.weeks, forward.sessions, &forward.coming_months),
        (&read.weeks, read.sessions, &read.coming_months)
    );
}

#[test]
fn the_report_reads_from_each_file_what_show_reads_from_it() {
    use skin_intake::store::scan::{self, Facts};
    let dir = folder();
    for entry in std::fs::read_dir(dir.path()).expect("a folder") {
        let path = entry.expect("an entry").path();
        let Ok(summary) = skin_intake::store::read_summary(&path) else {
            continue;
        };
        let bytes = std::fs::read(&path).expect("read");
        assert_eq!(
            scan::parse(&bytes),
            Some(Facts::of(&summary)),
            "{}",
            path.display()
        );
    }
}

#[test]
fn damaged_newer_and_incomplete_summaries_are_named_and_a_bom_is_read() {
    let dir = folder();
    let out = dir.path();
    let text = std::fs::read_to_string(out.join("2026-11-19_ffff.json")).expect("a summary");
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    value.as_object_mut().expect("an object").remove("answers");
    std::fs::write(out.join("2026-11-01_noanswers.json"), value.to_string()).expect("written");
    let newer = text.replacen("\"format_version\": 3", "\"format_version\": 99", 1);
    assert_ne!(newer, text);
    std::fs::write(out.join("2026-11-01_newer.json"), newer).expect("written");
    // A byte that is not UTF-8 in the middle of a string.
    let mut latin1 = text.clone().into_bytes();
    let at = latin1
        .windows(6)
        .position(|w| w == b"\"ffff\"")
        .expect("the id");
    latin1.insert(at + 5, 0xff);
    std::fs::write(out.join("2026-11-01_latin1.json"), latin1).expect("written");
    let bom = text.replace("\"ffff\"", "\"gggg\"");
    std::fs::write(out.join("2026-11-01_gggg.json"), format!("\u{feff}{bom}")).expect("written");
    let read = report::read(out, Window::default(), date(TODAY), None).expect("read");
    let named: Vec<_> = read
        .unreadable
        .iter()
        .map(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .expect("a name")
                .to_owned()
        })
        .collect();
    assert_eq!(
        named,
        [
            "2026-11-01_latin1.json",
            "2026-11-01_newer.json",
            "2026-11-01_noanswers.json",
            "2026-11-05_damaged.json"
        ]
    );
    assert_eq!(read.figures.unreadable, 4);
    // gggg, with a BOM before its JSON, is the seventh intake.
    assert_eq!(read.figures.intakes, 7);
}

#[test]
fn a_rule_s_message_is_the_one_the_first_intake_counted_with_it_says() {
    use skin_intake::store::scan::Facts;
    use std::borrow::Cow;
    let facts = |id: &'static str,
                 version: u32,
                 at: &str,
                 reasons: &[(&'static str, &'static str)]| Facts {
        intake_id: Cow::Borrowed(id),
        version,
        completed_at: chrono::DateTime::parse_from_rfc3339(at).expect("a time"),
        computed: Level::Delay,
        overridden: None,
        review: None,
        concerns: vec![],
        reasons: reasons
            .iter()
            .map(|&(r, m)| (Cow::Borrowed(r), Cow::Borrowed(m)))
            .collect(),
        sessions: None,
        schedule: vec![],
    };
    let versions = [
        facts(
            "00000000-0000-4000-8000-000000000002",
            1,
            "2026-11-02T10:00:00+01:00",
            &[("sun", "second")],
        ),
        // Finished at the same moment, elsewhere: the smaller id comes first.
        facts(
            "00000000-0000-4000-8000-000000000001",
            1,
            "2026-11-02T11:00:00+02:00",
            &[("sun", "first")],
        ),
        // Finished earlier, but its latest version no longer has the reason.
        facts(
            "earliest",
            1,
            "2026-11-01T10:00:00+01:00",
            &[("sun", "dropped")],
        ),
        facts("earliest", 2, "2026-11-01T10:00:00+01:00", &[]),
    ];
    for order in [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]] {
        let mut tally = report::Tally::new(date(TODAY));
        for i in order {
            tally.add(&versions[i]);
        }
        let f = tally.figures(Window::default(), None);
        assert_eq!(f.intakes, 3);
        assert_eq!(f.reasons.len(), 1);
        assert_eq!(
            (f.reasons[0].intakes, f.reasons[0].message.as_str()),
            (2, "first")
        );
    }
}
