//! Exports and drafts on disk: atomic, private, never overwritten, damaged files kept aside.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use crate::support::{answers_with, date, questionnaire};
use chrono::{DateTime, FixedOffset};
use serde_json::json;
use skin_intake::engine::summary::{Metadata, Mode, Summary};
use skin_intake::store::{self, Draft, Listed};
use skin_intake::words::{Words, en::English};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a test time")
}

fn summary(id: &str) -> Summary {
    let q = questionnaire();
    let meta = Metadata {
        id: id.to_owned(),
        language: "en".into(),
        mode: Mode::Staff,
        completed_at: at("2026-11-24T10:00:00+01:00"),
        reference_date: date("2026-11-24"),
    };
    Summary::new(&q, &answers_with(&q, &[]), meta, |shown| {
        English.shown(shown)
    })
}

/// Saves a draft as the app does: holding its lock for the time of the save.
pub fn save(out: &std::path::Path, draft: &Draft) -> std::path::PathBuf {
    let lock = store::lock_draft(out, &draft.id).expect("locked");
    store::save_draft(out, draft, &lock).expect("saved")
}

fn mode_of(path: &std::path::Path) -> u32 {
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

#[test]
fn a_summary_is_written_whole_private_and_named_without_personal_data() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("exports");
    let s = summary("5f0c8a9e-1111-4222-8333-944455556666");
    let path = store::write_version(&out, &s).expect("written");
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        Some("2026-11-24_5f0c8a9e-1111-4222-8333-944455556666.json")
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), s.to_json());
    assert_eq!(mode_of(&path), 0o600);
    assert_eq!(mode_of(&out), 0o700);
    let names: Vec<_> = fs::read_dir(&out)
        .expect("list")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary file left behind: {names:?}");
}

#[test]
fn an_existing_summary_is_never_overwritten() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let first = summary("same-id");
    let path = store::write_version(tmp.path(), &first).expect("first");
    let mut second = summary("same-id");
    second.clinician_note = Some("different".into());
    let err = store::write_version(tmp.path(), &second).expect_err("refused");
    assert!(
        matches!(err, store::VersionError::Taken { version: 1 }),
        "{err:?}"
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), first.to_json());
}

#[test]
fn a_folder_that_cannot_be_made_is_an_error_and_leaves_nothing() {
    // A file where a parent folder should be: refused even for root, unlike permissions.
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("clinic"), b"a file").expect("write");
    let out = tmp.path().join("clinic").join("out");
    let err = store::write_version(&out, &summary("x")).expect_err("refused");
    let store::VersionError::Io { version: 1, error } = err else {
        panic!("{err:?}");
    };
    assert_eq!(error.kind(), std::io::ErrorKind::NotADirectory);
    let names: Vec<_> = fs::read_dir(tmp.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["clinic"], "nothing else was written");
}

#[test]
fn a_draft_round_trips_and_lists_newest_first() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let q = questionnaire();
    let mut older = Draft::new(&q, "en", Mode::Staff, at("2026-11-24T09:00:00+00:00"));
    older.record(
        &answers_with(&q, &[]),
        Some("skin_type"),
        at("2026-11-24T09:05:00+00:00"),
    );
    let mut newer = Draft::new(&q, "en", Mode::Kiosk, at("2026-11-24T10:00:00+00:00"));
    let mut few = skin_intake::model::answer::Answers::new();
    few.set(
        "full_name",
        skin_intake::model::answer::Answer::Text("Ana Silva".into()),
    );
    newer.record(&few, Some("date_of_birth"), at("2026-11-24T10:01:00+00:00"));
    let path = save(tmp.path(), &older);
    save(tmp.path(), &newer);
    assert_eq!(mode_of(&path), 0o600);
    assert_eq!(mode_of(&tmp.path().join("unfinished")), 0o700);
    assert!(
        !path.to_string_lossy().contains("Maria"),
        "no name in the file name"
    );

    let listed = store::list_drafts(tmp.path()).expect("listed");
    assert_eq!(
        listed,
        vec![
            Listed::Draft(Box::new(newer.clone())),
            Listed::Draft(Box::new(older.clone()))
        ]
    );
    assert_eq!(
        skin_intake::engine::visibility::patient_name(&q, &newer.resume(&q).answers),
        Some("Ana Silva")
    );
    let resumed = older.resume(&q);
    assert_eq!(resumed.answers, answers_with(&q, &[]));
    assert!(resumed.dropped.is_empty());

    store::delete_draft(tmp.path(), &older.id).expect("removed");
    assert_eq!(store::list_drafts(tmp.path()).expect("listed").len(), 1);
    store::delete_draft(tmp.path(), &older.id).expect("removing twice is fine");
}

#[test]
fn a_draft_from_another_version_keeps_what_fits_and_names_what_does_not() {
    let q = questionnaire();
    let mut draft = Draft::new(&q, "en", Mode::Staff, at("2026-11-24T09:00:00+00:00"));
    draft.questionnaire_version = "0.9.0".into();
    draft.record(
        &answers_with(&q, &[("concerns", json!(["glow"]))]),
        None,
        at("2026-11-24T09:00:00+00:00"),
    );
    draft.answers.insert("retired_question".into(), json!(true));
    draft.answers.insert("skin_type".into(), json!("VII"));
    draft.answers.insert("active_acne".into(), json!("no"));
    let resumed = draft.resume(&q);
    assert_eq!(
        resumed.dropped,
        ["active_acne", "retired_question", "skin_type"]
    );
    assert!(resumed.answers.get("full_name").is_some());
    assert!(resumed.answers.get("skin_type").is_none());
}

#[test]
fn a_draft_saved_with_questionnaire_1_0_0_resumes_with_what_still_fits() {
    let q = questionnaire();
    let saved = include_str!("../fixtures/drafts/questionnaire_1.0.0.json");
    let draft: Draft = serde_json::from_str(saved).expect("a 1.0.0 draft");
    let resumed = draft.resume(&q);
    assert_eq!(
        resumed.dropped,
        ["scar_under_6_months"],
        "replaced by the scar's date"
    );
    assert_eq!(
        resumed.asked_again,
        ["active_infection", "suspicious_lesion"],
        "their meaning changed in 2.1.0"
    );
    assert_eq!(
        resumed.answers.iter().count(),
        draft.answers.len() - 3,
        "every other answer still fits"
    );
    assert_eq!(
        resumed.answers.get("recent_procedures"),
        Some(&skin_intake::model::answer::Answer::Choices(vec![
            "botox".into()
        ]))
    );
    // The intake goes on at the first question that 2.1.0 asks and the draft has no answer for.
    let intake = skin_intake::engine::intake::Intake::new(
        std::sync::Arc::new(q),
        resumed.answers,
        date("2026-11-24"),
        "en",
    );
    assert_eq!(intake.current_question(), Some("scar_date"));
}

/// A 2.0.0 draft asked one question for a cold sore, an infection, an open wound or irritated
/// skin, one for skin cancer or a changing mole, and the date of any surgery in the area: 2.1.0
/// asks each of them apart (CLINICAL.md, Revision 3), so those answers are asked again, named.
#[test]
fn a_draft_saved_with_questionnaire_2_0_0_asks_again_what_changed_meaning() {
    let q = questionnaire();
    let saved = include_str!("../fixtures/drafts/questionnaire_2.0.0.json");
    let draft: Draft = serde_json::from_str(saved).expect("a 2.0.0 draft");
    let resumed = draft.resume(&q);
    assert!(resumed.dropped.is_empty(), "every answer still fits");
    assert_eq!(
        resumed.asked_again,
        ["active_infection", "surgery_date", "suspicious_lesion"]
    );
    assert_eq!(
        resumed.answers.iter().count(),
        draft.answers.len() - 3,
        "every other answer is kept"
    );
    assert!(resumed.answers.get("filler_date").is_some());
    // Then the first question 2.1.0 asks that the draft has no answer for: the scar's cause.
    let intake = skin_intake::engine::intake::Intake::new(
        std::sync::Arc::new(q.clone()),
        resumed.answers,
        date("2026-11-24"),
        "en",
    );
    assert_eq!(intake.current_question(), Some("scar_cause"));
    // A draft of 2.1.0 itself keeps them.
    let mut same = draft.clone();
    same.questionnaire_version = "2.1.0".into();
    assert!(same.resume(&q).asked_again.is_empty());
    // A version that cannot be placed is taken as older: the safe side.
    same.questionnaire_version = "draft".into();
    assert_eq!(same.resume(&q).asked_again.len(), 3);
}

#[test]
fn a_damaged_draft_is_listed_and_kept_aside() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("unfinished");
    fs::create_dir_all(&dir).expect("mkdir");
    fs::write(
        dir.join("truncated.json"),
        b"{\"format\": \"skin-intake/draft\", \"answ",
    )
    .expect("write");
    fs::write(dir.join("other.json"), b"{\"format\": \"something-else\"}").expect("write");
    let listed = store::list_drafts(tmp.path()).expect("listed");
    assert_eq!(listed.len(), 2);
    for entry in &listed {
        let Listed::Damaged { path, reason } = entry else {
            panic!("expected a damaged entry, got {entry:?}");
        };
        assert!(
            path.to_string_lossy().ends_with(".json.damaged"),
            "{path:?}"
        );
        assert!(path.exists(), "kept, not deleted");
        assert!(!reason.is_empty());
    }
    assert!(!dir.join("truncated.json").exists());
    // Listed again: still shown as damaged, not renamed twice.
    let again = store::list_drafts(tmp.path()).expect("listed");
    let paths: Vec<_> = again
        .iter()
        .filter_map(|l| match l {
            Listed::Damaged { path, .. } => path.file_name().and_then(|n| n.to_str()),
            _ => None,
        })
        .collect();
    assert_eq!(paths, ["other.json.damaged", "truncated.json.damaged"]);
}

#[test]
fn stale_temporary_files_are_swept_and_fresh_ones_kept() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let unfinished = tmp.path().join("unfinished");
    fs::create_dir_all(&unfinished).expect("mkdir");
    let old = unfinished.join(".skin-intake-old");
    let young = tmp.path().join(".skin-intake-young");
    let foreign = tmp.path().join(".tmp-someone-else");
    for path in [&old, &young, &foreign] {
        fs::write(path, b"{}").expect("write");
    }
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_hours(1);
    for path in [&old, &foreign] {
        fs::File::options()
            .write(true)
            .open(path)
            .and_then(|f| f.set_modified(an_hour_ago))
            .expect("age the file");
    }
    store::sweep_leftovers(tmp.path());
    assert!(!old.exists(), "a stale temporary file of ours is removed");
    assert!(young.exists(), "a write in progress keeps its file");
    assert!(foreign.exists(), "files that are not ours stay");
}

#[test]
fn two_instances_on_one_folder_never_clobber_each_other() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().to_path_buf();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let out = out.clone();
            std::thread::spawn(move || {
                let q = questionnaire();
                for i in 0..25 {
                    let s = summary(&format!("writer{w}-{i}"));
                    store::write_version(&out, &s).expect("written");
                    let mut draft =
                        Draft::new(&q, "en", Mode::Staff, at("2026-11-24T09:00:00+00:00"));
                    draft.record(
                        &answers_with(&q, &[]),
                        None,
                        at("2026-11-24T09:00:00+00:00"),
                    );
                    save(&out, &draft);
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().expect("no writer panicked");
    }
    let summaries = fs::read_dir(&out)
        .expect("list")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
        .count();
    assert_eq!(summaries, 50);
    let drafts = store::list_drafts(&out).expect("listed");
    assert_eq!(drafts.len(), 50);
    assert!(drafts.iter().all(|d| matches!(d, Listed::Draft(_))));
}

#[test]
fn a_draft_saved_without_waiting_is_whole_on_disk_at_once_and_durable_after_the_wait() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let q = questionnaire();
    let mut draft = Draft::new(&q, "en", Mode::Staff, at("2026-11-24T10:00:00+01:00"));
    let syncer = store::durability::Syncer::start();
    let lock = store::lock_draft(tmp.path(), &draft.id).expect("locked");
    for k in 0..20 {
        let mut answers = answers_with(&q, &[]);
        answers.set(
            "notes",
            skin_intake::model::answer::Answer::Text(format!("note {k}")),
        );
        draft.record(&answers, Some("notes"), at("2026-11-24T10:00:00+01:00"));
        let path =
            store::save_draft_soon_durable(tmp.path(), &draft, &lock, &syncer).expect("saved");
        // What a killed process leaves: the whole draft, before any fsync was waited for.
        let on_disk: Draft =
            serde_json::from_str(&fs::read_to_string(&path).expect("read")).expect("whole");
        assert_eq!(on_disk, draft);
        assert_eq!(mode_of(&path), 0o600);
    }
    syncer.wait().expect("every fsync done");
    let names: Vec<_> = fs::read_dir(tmp.path().join(store::UNFINISHED))
        .expect("list")
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| !n.to_string_lossy().ends_with(".lock"))
        .collect();
    assert_eq!(names.len(), 1, "one draft, no temporary file: {names:?}");
}

#[test]
fn one_sender_at_a_time_sends_the_outbox() {
    use skin_intake::fhir::delivery::{Server, Which, deliver, enqueue};
    use skin_intake::fhir::server::{AuthConfig, ServerConfig};
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    let q = questionnaire();
    let now = at("2026-11-24T10:00:00+01:00");
    enqueue(
        out,
        &summary("5f0c8a9e-1111-4222-8333-944455556666"),
        &q,
        now,
    )
    .expect("queued");
    // Nothing listens on port 9 here: a send is tried and waits to be tried again.
    let server = Server::new(&ServerConfig {
        url: "http://127.0.0.1:9/fhir".into(),
        auth: AuthConfig::None,
        timeout_seconds: Some(1),
    })
    .expect("a loopback server may use HTTP");
    let held = store::outbox::lock_for_sending(out, std::time::Duration::ZERO)
        .expect("locked")
        .expect("free at first");
    assert!(
        store::outbox::lock_for_sending(out, std::time::Duration::ZERO)
            .expect("tried")
            .is_none(),
        "another sender holds it"
    );
    let reports = deliver(out, &server, Which::Due, now).expect("read");
    assert!(
        reports.is_empty(),
        "the background sender leaves the round to the one at work"
    );
    let (entries, _) = store::outbox::list(out).expect("listed");
    assert_eq!(entries[0].attempts, 0);
    drop(held);
    let reports = deliver(out, &server, Which::Due, now).expect("read");
    assert_eq!(reports.len(), 1);
    let (entries, _) = store::outbox::list(out).expect("listed");
    assert_eq!(entries.len(), 1, "the lock file lists as no entry");
    assert_eq!(entries[0].attempts, 1);
    assert_eq!(entries[0].state, store::outbox::State::Queued);
}
