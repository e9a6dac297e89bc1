//! The clinic's records on disk: versions written once beside each other, every intake listed by
//! its latest version (format 1 files too), the index a cache rebuilt when stale or missing, and
//! earlier intakes of the same person.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};

use crate::support::{answers_with, date, questionnaire};
use skin_intake::engine::summary::{Decision, Metadata, Mode, Review, Summary};
use skin_intake::engine::versions::{Amendment, amend, sign_off};
use skin_intake::load::summary::answers_of;
use skin_intake::model::questionnaire::Level;
use skin_intake::store::{self, Row};
use skin_intake::words::{Words, en::English};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a test time")
}

/// Version 1 of an intake finished at `time` on 2026-11-24.
fn finished(id: &str, time: &str, mode: Mode, changes: &[(&str, Value)]) -> Summary {
    let q = questionnaire();
    let meta = Metadata {
        id: id.into(),
        language: "en".into(),
        mode,
        completed_at: at(&format!("2026-11-24T{time}:00+01:00")),
        reference_date: date("2026-11-24"),
    };
    Summary::new(&q, &answers_with(&q, changes), meta, |s| English.shown(s))
}

fn changed(previous: &Summary, id: &str, value: &Value) -> Summary {
    let q = questionnaire();
    let (mut answers, _) = answers_of(&q, previous);
    let item = q.item(id).expect("a question");
    answers.set(
        id,
        skin_intake::load::answers::from_json(item, value).expect("typed"),
    );
    let how = Amendment {
        by: "KL".into(),
        at: at("2026-11-24T12:00:00+01:00"),
        reference_date: date("2026-11-24"),
    };
    amend(previous, &q, &answers, &how, |s| English.shown(s))
}

fn approved(previous: &Summary) -> Summary {
    sign_off(
        previous,
        Review {
            by: "DR".into(),
            decision: Decision::Cleared,
            cleared_from: None,
            note: None,
            at: at("2026-11-24T13:00:00+01:00"),
        },
    )
}

fn names(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(out)
        .expect("list")
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn row<'a>(rows: &'a [Row], id: &str) -> &'a Row {
    rows.iter()
        .find(|r| r.intake_id == id)
        .unwrap_or_else(|| panic!("{id} is listed: {rows:?}"))
}

#[test]
fn versions_are_written_once_beside_each_other_and_never_modified() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    let v1 = finished("aaaa", "09:00", Mode::Kiosk, &[]);
    let v2 = changed(&v1, "active_acne", &json!(true));
    let v3 = approved(&v2);
    let p1 = store::write_version(out, &v1).expect("v1");
    let before = fs::read(&p1).expect("read v1");
    let p2 = store::write_version(out, &v2).expect("v2");
    let p3 = store::write_version(out, &v3).expect("v3");
    // Another file between them by name would split them: none can, they share one stem.
    store::write_version(out, &finished("aaab", "09:05", Mode::Staff, &[])).expect("other");
    assert_eq!(
        names(out),
        [
            "2026-11-24_aaaa.json",
            "2026-11-24_aaaa.v002.json",
            "2026-11-24_aaaa.v003.json",
            "2026-11-24_aaab.json"
        ]
    );
    assert_eq!(
        fs::read(&p1).expect("read v1"),
        before,
        "version 1 is untouched"
    );
    // The same version again (a second terminal) is refused, and the first one stands.
    let again = changed(&v1, "blood_thinners", &json!(true));
    let err = store::write_version(out, &again).expect_err("version 2 exists");
    assert!(
        matches!(err, store::VersionError::Taken { version: 2 }),
        "{err:?}"
    );
    assert_eq!(
        store::read_summary(&p2).expect("v2 reads").to_json(),
        v2.to_json()
    );
    let versions = store::load_versions(out, "aaaa").expect("versions");
    let paths: Vec<&PathBuf> = versions.iter().map(|v| &v.path).collect();
    assert_eq!(paths, [&p1, &p2, &p3]);
    assert_eq!(versions[2].summary.to_json(), v3.to_json());
    assert!(store::load_versions(out, "none").expect("none").is_empty());
}

#[test]
fn the_list_has_one_row_per_intake_from_its_latest_version() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    let kiosk = finished("k1", "09:00", Mode::Kiosk, &[]);
    let staff = finished(
        "s1",
        "08:30",
        Mode::Staff,
        &[("blood_thinners", json!(true))],
    );
    let mut overridden = finished("o1", "10:00", Mode::Staff, &[("active_acne", json!(true))]);
    overridden.set_override(Some(skin_intake::engine::summary::Override {
        suitability: Level::Suitable,
        reason: "healed".into(),
        by: "KL".into(),
        at: at("2026-11-24T10:05:00+01:00"),
        start_date: Some(date("2026-12-01")),
        schedule: None,
    }));
    for s in [&kiosk, &staff, &overridden] {
        store::write_version(out, s).expect("written");
    }
    let k2 = changed(&kiosk, "active_acne", &json!(true));
    let k3 = approved(&k2);
    store::write_version(out, &k2).expect("k2");
    let k3_path = store::write_version(out, &k3).expect("k3");

    let records = store::list_records(out).expect("listed");
    assert!(records.unreadable.is_empty(), "{:?}", records.unreadable);
    let ids: Vec<&str> = records.rows.iter().map(|r| r.intake_id.as_str()).collect();
    assert_eq!(ids, ["s1", "k1", "o1"], "in the order patients finished");
    let k = row(&records.rows, "k1");
    assert_eq!(k.version, 3);
    assert_eq!(k.path, k3_path);
    assert_eq!(k.mode, Mode::Kiosk);
    assert_eq!(
        k.computed,
        Level::Delay,
        "the verdict of the latest version"
    );
    assert_eq!(
        k.review.as_ref().map(|r| r.decision),
        Some(Decision::Cleared)
    );
    assert_eq!(k.name.as_deref(), Some("Maria Garcia"));
    assert_eq!(k.date_of_birth, Some(date("1980-05-31")));
    assert_eq!(k.age, Some(46));
    assert_eq!(k.completed_at, at("2026-11-24T09:00:00+01:00"));
    let s = row(&records.rows, "s1");
    assert_eq!(
        (s.version, s.review.as_ref()),
        (1, None),
        "waiting for review"
    );
    assert_eq!(s.computed, Level::PhysicianReview);
    let o = row(&records.rows, "o1");
    assert_eq!(
        (o.computed, o.overridden, o.shown()),
        (Level::Delay, Some(Level::Suitable), Level::Suitable)
    );
    assert_eq!(s.overridden, None);
}

#[test]
fn the_same_person_again_is_seen_before_with_the_earlier_date_and_verdict() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    let morning = finished(
        "m1",
        "09:00",
        Mode::Kiosk,
        &[("blood_thinners", json!(true))],
    );
    // The same person typed differently, later the same day; and someone else.
    let again = finished(
        "m2",
        "15:00",
        Mode::Kiosk,
        &[("full_name", json!("  maria   GARCIA "))],
    );
    let other = finished(
        "x1",
        "11:00",
        Mode::Staff,
        &[("date_of_birth", json!("1980-06-01"))],
    );
    for s in [&morning, &again, &other] {
        store::write_version(out, s).expect("written");
    }
    let records = store::list_records(out).expect("listed");
    assert_eq!(
        row(&records.rows, "m1").seen_before,
        None,
        "the first visit"
    );
    assert_eq!(
        row(&records.rows, "x1").seen_before,
        None,
        "another birthday"
    );
    let seen = row(&records.rows, "m2")
        .seen_before
        .clone()
        .expect("seen before");
    assert_eq!(seen.intake_id, "m1");
    assert_eq!(seen.completed_at, at("2026-11-24T09:00:00+01:00"));
    assert_eq!(seen.level, Level::PhysicianReview);

    let earlier = store::seen_before(out, "MARIA garcia", date("1980-05-31")).expect("found");
    let ids: Vec<&str> = earlier.iter().map(|r| r.intake_id.as_str()).collect();
    assert_eq!(ids, ["m2", "m1"], "most recent first");
    assert!(
        store::seen_before(out, "Maria Garcia", date("1990-01-01"))
            .expect("none")
            .is_empty()
    );
}

#[test]
fn rows_filter_by_name_or_date_of_birth() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    store::write_version(out, &finished("f1", "09:00", Mode::Kiosk, &[])).expect("written");
    let rows = store::list_records(out).expect("listed").rows;
    let r = &rows[0];
    for fits in [
        "",
        "  ",
        "garcia",
        "MARIA g",
        "1980-05",
        "31/05/1980",
        "05/1980",
    ] {
        assert!(r.matches(fits), "{fits:?} fits");
    }
    for not in ["lovelace", "1981", "32/05"] {
        assert!(!r.matches(not), "{not:?} does not fit");
    }
}

/// A summary as the first release wrote it, for intake `id`.
fn format_1(id: &str) -> String {
    let mut json: Value =
        serde_json::from_str(&finished(id, "08:00", Mode::Kiosk, &[]).to_json()).expect("JSON");
    let object = json.as_object_mut().expect("object");
    for field in ["intake_id", "version", "supersedes", "changes", "review"] {
        object.remove(field);
    }
    object.insert("format_version".into(), json!(1));
    serde_json::to_string_pretty(&json).expect("serialise")
}

#[test]
fn format_1_files_are_listed_opened_and_changed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    let path = out.join("2025-03-02_old1.json");
    fs::write(&path, format_1("old1")).expect("write");
    let records = store::list_records(out).expect("listed");
    let old = row(&records.rows, "old1");
    assert_eq!((old.version, old.path.as_path()), (1, path.as_path()));
    let versions = store::load_versions(out, "old1").expect("opened");
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].summary.format_version, 1);
    let v2 = approved(&versions[0].summary);
    let p2 = store::write_version(out, &v2).expect("v2");
    assert_eq!(
        p2.file_name().and_then(|n| n.to_str()),
        Some("2025-03-02_old1.v002.json"),
        "named after version 1's date"
    );
    assert_eq!(
        row(&store::list_records(out).expect("listed").rows, "old1").version,
        2
    );
}

#[test]
fn unreadable_files_are_named_and_other_files_left_alone() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    store::write_version(out, &finished("g1", "09:00", Mode::Kiosk, &[])).expect("written");
    fs::write(out.join("2026-11-24_broken.json"), "{ not json").expect("write");
    fs::write(
        out.join("2026-11-24_newer.json"),
        r#"{"format": "skin-intake/summary", "format_version": 9}"#,
    )
    .expect("write");
    fs::write(out.join("notes.txt"), "hello").expect("write");
    fs::write(out.join("2026-11-24_g1.html"), "<p>page</p>").expect("write");
    fs::create_dir(out.join("2026-11-24_dir.json")).expect("a folder named as a summary");
    let records = store::list_records(out).expect("listed");
    assert_eq!(records.rows.len(), 1);
    let unreadable: Vec<String> = records
        .unreadable
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        unreadable,
        ["2026-11-24_broken.json", "2026-11-24_newer.json"]
    );
    let err = store::read_summary(&records.unreadable[1]).expect_err("newer");
    let message = err.message(&English);
    assert!(
        message.contains("2026-11-24_newer.json") && message.contains("newer skin-intake"),
        "{message}"
    );
    // A missing folder lists nothing.
    assert!(
        store::list_records(&out.join("none"))
            .expect("empty")
            .rows
            .is_empty()
    );
}

fn index(out: &Path) -> PathBuf {
    out.join(store::CACHE).join("records.index")
}

#[test]
fn the_index_is_a_cache_rebuilt_when_missing_stale_or_damaged() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    let v1 = finished("c1", "09:00", Mode::Kiosk, &[]);
    store::write_version(out, &v1).expect("written");
    let first = store::list_records(out).expect("listed");
    assert!(index(out).is_file(), "the index is kept");
    let mode = fs::metadata(index(out)).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "it holds names: private");

    // A new version: listed, though the index did not know it.
    store::write_version(out, &changed(&v1, "active_acne", &json!(true))).expect("v2");
    let second = store::list_records(out).expect("listed");
    assert_eq!(row(&second.rows, "c1").version, 2);
    assert_eq!(row(&second.rows, "c1").computed, Level::Delay);

    // A file changed behind the index's back (by hand): the file is the truth.
    let v2_path = row(&second.rows, "c1").path.clone();
    let text = fs::read_to_string(&v2_path).expect("read");
    let edited = text.replace("Maria Garcia", "Maria Garcia-Lopez");
    fs::write(&v2_path, edited).expect("edit");
    let third = store::list_records(out).expect("listed");
    assert_eq!(
        row(&third.rows, "c1").name.as_deref(),
        Some("Maria Garcia-Lopez")
    );

    // A file gone: gone from the list (version 1 is listed again).
    fs::remove_file(&v2_path).expect("remove");
    assert_eq!(
        row(&store::list_records(out).expect("listed").rows, "c1").version,
        1
    );

    // A damaged or missing index is built again, the same.
    let expected = store::list_records(out).expect("listed");
    fs::write(index(out), "{ damaged").expect("damage");
    assert_eq!(store::list_records(out).expect("listed"), expected);
    fs::remove_file(index(out)).expect("remove");
    assert_eq!(store::list_records(out).expect("listed"), expected);
    assert!(index(out).is_file(), "and kept again");
    assert_eq!(first, expected, "version 1 alone, as at first");

    // An index entry for a file that is not there lists nothing.
    let mut lie = fs::read(index(out)).expect("index");
    let at = lie
        .windows(18)
        .position(|w| w == b"2026-11-24_c1.json")
        .expect("the file's name in the index");
    lie[at..at + 18].copy_from_slice(b"2026-11-24_c9.json");
    fs::write(index(out), lie).expect("write");
    let listed = store::list_records(out).expect("listed");
    assert_eq!(listed, expected, "the summaries are the truth");
}

#[test]
fn the_loser_of_a_sign_off_race_is_refused_in_words_and_its_retry_on_the_newest_version_saves() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    let v1 = finished("race", "09:00", Mode::Kiosk, &[]);
    store::write_version(out, &v1).expect("v1");
    // Two terminals opened version 1 and sign it off at the same moment.
    let theirs = approved(&v1);
    let mine = sign_off(
        &v1,
        Review {
            by: "MN".into(),
            decision: Decision::NeedsPhysician,
            cleared_from: None,
            note: None,
            at: at("2026-11-24T13:00:01+01:00"),
        },
    );
    let p2 = store::write_version(out, &theirs).expect("theirs");
    let err = store::write_version(out, &mine).expect_err("mine is second");
    assert!(
        matches!(err, store::VersionError::Taken { version: 2 }),
        "{err:?}"
    );
    assert_eq!(
        store::read_summary(&p2).expect("v2").to_json(),
        theirs.to_json(),
        "theirs stands"
    );
    // Reopened, the record stands at their version; signing off again makes version 3.
    let versions = store::load_versions(out, "race").expect("versions");
    assert_eq!(versions.len(), 2);
    let latest = &versions[1].summary;
    assert_eq!(latest.review.as_ref().map(|r| r.by.as_str()), Some("DR"));
    let retry = sign_off(
        latest,
        Review {
            by: "MN".into(),
            decision: Decision::NeedsPhysician,
            cleared_from: None,
            note: None,
            at: at("2026-11-24T13:01:00+01:00"),
        },
    );
    store::write_version(out, &retry).expect("version 3");
    assert_eq!(retry.version, 3);
    assert_eq!(
        store::load_versions(out, "race").expect("versions").len(),
        3
    );
}

#[test]
fn the_same_patient_started_twice_is_flagged_on_both_entries_and_a_revisit_is_not() {
    use skin_intake::clinic::{Entry, same_patient_twice};
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    let morning = finished("m1", "09:00", Mode::Kiosk, &[]);
    // The same name typed differently and the same birth date, the same day.
    let again = finished(
        "m2",
        "15:00",
        Mode::Staff,
        &[("full_name", json!("  maria   GARCIA "))],
    );
    let other = finished(
        "x1",
        "11:00",
        Mode::Staff,
        &[("date_of_birth", json!("1980-06-01"))],
    );
    for s in [&morning, &again, &other] {
        store::write_version(out, s).expect("written");
    }
    let rows = store::list_records(out).expect("listed").rows;
    let entries: Vec<Entry> = rows
        .into_iter()
        .map(|row| Entry::Record(Box::new(row), None))
        .collect();
    let id = |e: &Entry| match e {
        Entry::Record(row, _) => row.intake_id.clone(),
        Entry::Unfinished(_) => String::new(),
    };
    let flagged: Vec<(String, bool)> = entries
        .iter()
        .map(id)
        .zip(same_patient_twice(&entries))
        .collect();
    for (intake, twice) in &flagged {
        assert_eq!(*twice, intake != "x1", "{flagged:?}");
    }
    // A record of an earlier day is a revisit (seen before), not a duplicate.
    let mut earlier = finished("e1", "09:00", Mode::Kiosk, &[]);
    earlier.completed_at = at("2026-10-01T09:00:00+01:00");
    let tmp = tempfile::tempdir().expect("tempdir");
    for s in [&earlier, &again] {
        store::write_version(tmp.path(), s).expect("written");
    }
    let entries: Vec<Entry> = store::list_records(tmp.path())
        .expect("listed")
        .rows
        .into_iter()
        .map(|row| Entry::Record(Box::new(row), None))
        .collect();
    assert_eq!(same_patient_twice(&entries), [false, false]);
}

#[test]
fn an_earlier_release_s_json_index_is_replaced() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    let v1 = finished("old", "09:00", Mode::Kiosk, &[]);
    store::write_version(out, &v1).expect("written");
    let old = out.join(store::CACHE).join("records.json");
    fs::create_dir_all(old.parent().expect("the cache")).expect("cache");
    fs::write(
        &old,
        r#"{"format":"skin-intake/records-index","version":1,"entries":[]}"#,
    )
    .expect("written");
    let listed = store::list_records(out).expect("listed");
    assert_eq!(row(&listed.rows, "old").version, 1);
    assert!(index(out).is_file());
    assert!(!old.exists(), "the old index is removed");
}
