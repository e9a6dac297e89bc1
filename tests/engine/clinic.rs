//! The clinic layer without a terminal, as every front door uses it: an intake saved, locked and
//! submitted once; a record's next versions; the outcome when another terminal got there first;
//! the list; a patient seen before; the outbox caught up.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde_json::json;

use skin_intake::clinic::delivery::catch_up;
use skin_intake::clinic::{
    Desk, Entry, Listed, NextVersion, OpenError, Queued, RecordProblem, Version,
};
use skin_intake::engine::intake::Intake;
use skin_intake::engine::summary::{Decision, Mode, Review};
use skin_intake::model::answer::Answers;
use skin_intake::store::outbox;

use crate::support::{answers_with, date, questionnaire};

const DAY: &str = "2026-11-24";

fn at(time: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{DAY}T{time}+01:00")).expect("a test time")
}

fn desk(out: &std::path::Path) -> Desk {
    Desk::new(
        out.to_path_buf(),
        Arc::new(questionnaire()),
        "en",
        date(DAY),
        None,
    )
}

/// The baseline patient's answers in an intake of `desk`'s questionnaire.
fn answered(answers: Answers) -> Intake {
    Intake::new(Arc::new(questionnaire()), answers, date(DAY), "en")
}

fn summary_files(out: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Submits the baseline patient's intake; returns its id.
fn submitted(desk: &Desk) -> String {
    let (mut case, _) = desk.start(Mode::Staff, at("09:00:00"));
    let intake = answered(answers_with(&questionnaire(), &[]));
    desk.save(&mut case, &intake, at("09:10:00"))
        .expect("the draft is saved");
    let summary = desk.summary(&case, &intake, Mode::Staff, at("09:30:00"));
    desk.submit(&mut case, &summary, at("09:30:00"))
        .expect("the record is written");
    case.id().to_owned()
}

fn versions(desk: &Desk, id: &str) -> Vec<Version> {
    desk.open_record(id).expect("the record opens")
}

#[test]
fn an_intake_is_saved_as_a_draft_then_submitted_once_and_listed_as_a_record() {
    let out = tempfile::tempdir().unwrap();
    let desk = desk(out.path());
    let (mut case, _) = desk.start(Mode::Staff, at("09:00:00"));
    let intake = answered(answers_with(&questionnaire(), &[]));
    let draft = desk
        .save(&mut case, &intake, at("09:10:00"))
        .expect("the draft is saved");
    assert!(draft.starts_with(desk.unfinished_dir()));
    let listed = desk.list();
    let [Entry::Unfinished(Listed::Draft(unfinished))] = listed.entries.as_slice() else {
        panic!("one unfinished intake: {:?}", listed.entries);
    };
    assert_eq!(unfinished.name.as_deref(), Some("Maria Garcia"));
    assert_eq!(unfinished.answered, unfinished.shown);

    let summary = desk.summary(&case, &intake, Mode::Staff, at("09:30:00"));
    assert_eq!(summary.intake_id, case.id(), "one intake, one record");
    let first = desk
        .submit(&mut case, &summary, at("09:30:00"))
        .expect("the record is written");
    assert!(first.leftover.is_none());
    assert!(matches!(first.queued, Queued::NoServer));
    let bytes = std::fs::read(&first.path).unwrap();
    assert_eq!(bytes, summary.to_json().as_bytes());

    // Submitting again (a retry after a failure that was not one) writes nothing new.
    let later = desk.summary(&case, &intake, Mode::Staff, at("09:45:00"));
    let again = desk
        .submit(&mut case, &later, at("09:45:00"))
        .expect("the record stands");
    assert_eq!(again.path, first.path);
    assert_eq!(std::fs::read(&first.path).unwrap(), bytes);
    assert_eq!(summary_files(out.path()).len(), 1);

    let listed = desk.list();
    let [Entry::Record(row, None)] = listed.entries.as_slice() else {
        panic!("one record, no draft: {:?}", listed.entries);
    };
    assert_eq!(row.intake_id, case.id());
    assert!(listed.unfinished_error.is_none() && listed.records_error.is_none());
}

#[test]
fn an_intake_open_on_one_terminal_cannot_be_opened_on_another() {
    let out = tempfile::tempdir().unwrap();
    let (here, there) = (desk(out.path()), desk(out.path()));
    let (mut case, intake) = here.start(Mode::Staff, at("09:00:00"));
    let intake = answered({
        let mut a = intake.answers().clone();
        a.set(
            "full_name",
            skin_intake::model::answer::Answer::Text("Ana".into()),
        );
        a
    });
    here.save(&mut case, &intake, at("09:05:00")).unwrap();
    assert!(matches!(there.resume(case.id()), Err(OpenError::Elsewhere)));
    let listed = there.list();
    let [Entry::Unfinished(Listed::Draft(unfinished))] = listed.entries.as_slice() else {
        panic!("one unfinished intake: {:?}", listed.entries);
    };
    assert!(unfinished.elsewhere);

    case.release();
    let resumed = there.resume(case.id()).expect("released: it opens here");
    assert_eq!(resumed.intake.patient_name(), Some("Ana"));
    assert!(resumed.dropped.is_empty() && resumed.made_with.is_none());
}

#[test]
fn a_sign_off_an_override_and_changed_answers_are_each_the_next_version() {
    let out = tempfile::tempdir().unwrap();
    let desk = desk(out.path());
    let id = submitted(&desk);
    let review = Review {
        by: "Dr Lee".into(),
        decision: Decision::Cleared,
        cleared_from: None,
        at: at("11:00:00"),
        note: None,
    };
    let signed = desk.sign_off(&versions(&desk, &id)[0].summary, review, at("11:00:00"));
    let NextVersion::Saved {
        version: 2,
        path,
        queued: Queued::NoServer,
        ..
    } = signed
    else {
        panic!("saved as version 2: {signed:?}");
    };
    assert!(path.to_string_lossy().ends_with(".v002.json"));

    // The same answers: nothing to save.
    let latest = versions(&desk, &id);
    let (case, intake, dropped) = desk
        .amend(latest, "KL".into(), at("12:00:00"))
        .expect("a record with versions");
    assert!(dropped.is_empty());
    assert!(matches!(
        desk.save_amendment(&case, &intake, at("12:05:00")),
        Some(NextVersion::Unchanged { .. })
    ));

    // A changed answer: version 3, naming what changed and who changed it.
    let changed = answered(answers_with(
        &questionnaire(),
        &[("skin_type", json!("IV"))],
    ));
    let next = desk.save_amendment(&case, &changed, at("12:10:00"));
    assert!(
        matches!(next, Some(NextVersion::Saved { version: 3, .. })),
        "{next:?}"
    );
    let all = versions(&desk, &id);
    assert_eq!(all.len(), 3);
    let third = &all[2].summary;
    assert_eq!(
        third.supersedes.as_deref(),
        Some(all[1].summary.id.as_str())
    );
    assert_eq!(third.changes.len(), 1);
    assert_eq!(
        (
            third.changes[0].question.as_str(),
            third.changes[0].by.as_str()
        ),
        ("skin_type", "KL")
    );
    assert!(
        third.review.is_none(),
        "changed answers need a new sign-off"
    );
}

#[test]
fn a_version_another_terminal_saved_first_stands_and_says_so() {
    let out = tempfile::tempdir().unwrap();
    let (here, there) = (desk(out.path()), desk(out.path()));
    let id = submitted(&here);
    // Both terminals show version 1, and both sign it off.
    let latest = versions(&here, &id)[0].summary.clone();
    let review = |by: &str| Review {
        by: by.into(),
        decision: Decision::Cleared,
        cleared_from: None,
        at: at("11:00:00"),
        note: None,
    };
    let first = there.sign_off(&latest, review("Dr Lee"), at("11:00:00"));
    assert!(
        matches!(first, NextVersion::Saved { version: 2, .. }),
        "{first:?}"
    );
    let written = std::fs::read(&versions(&here, &id)[1].path).unwrap();
    let second = here.sign_off(&latest, review("Dr Kim"), at("11:01:00"));
    let NextVersion::Taken { intake_id, version } = second else {
        panic!("version 2 is taken: {second:?}");
    };
    assert_eq!((intake_id.as_str(), version), (id.as_str(), 2));
    let all = versions(&here, &id);
    assert_eq!(all.len(), 2, "nothing else was written");
    assert_eq!(std::fs::read(&all[1].path).unwrap(), written);
}

#[test]
fn a_folder_that_cannot_be_written_is_an_outcome_not_a_panic() {
    let out = tempfile::tempdir().unwrap();
    let desk = desk(&out.path().join("missing"));
    assert!(matches!(
        desk.open_record("nobody"),
        Err(RecordProblem::Unreadable(_))
    ));
    let (mut case, _) = desk.start(Mode::Kiosk, at("09:00:00"));
    let intake = answered(answers_with(&questionnaire(), &[]));
    let summary = desk.summary(&case, &intake, Mode::Kiosk, at("09:30:00"));
    // A file where the folder should be: nothing can be written under it.
    std::fs::write(out.path().join("missing"), b"").unwrap();
    let not_saved = desk.save(&mut case, &intake, at("09:10:00")).unwrap_err();
    assert!(
        not_saved
            .to_string()
            .starts_with(&desk.unfinished_dir().display().to_string())
    );
    assert!(desk.submit(&mut case, &summary, at("09:30:00")).is_err());
}

#[test]
fn an_earlier_record_of_the_same_patient_is_found_but_not_the_intake_itself() {
    let out = tempfile::tempdir().unwrap();
    let desk = desk(out.path());
    let earlier = submitted(&desk);
    let (case, _) = desk.start(Mode::Staff, at("14:00:00"));
    let intake = answered(answers_with(&questionnaire(), &[]));
    let row = desk.seen_before(&case, &intake).expect("seen before");
    assert_eq!(row.intake_id, earlier);
    let other = answered(answers_with(
        &questionnaire(),
        &[("full_name", json!("Ana Ruiz"))],
    ));
    assert!(desk.seen_before(&case, &other).is_none());
}

#[test]
fn catching_up_queues_every_version_once() {
    let out = tempfile::tempdir().unwrap();
    let desk = desk(out.path());
    let id = submitted(&desk);
    let review = Review {
        by: "Dr Lee".into(),
        decision: Decision::Cleared,
        cleared_from: None,
        at: at("11:00:00"),
        note: None,
    };
    let signed = desk.sign_off(&versions(&desk, &id)[0].summary, review, at("11:00:00"));
    assert!(matches!(signed, NextVersion::Saved { version: 2, .. }));
    let q = questionnaire();
    assert!(catch_up(out.path(), &q, at("12:00:00")).is_empty());
    let keys = |out| {
        let mut keys: Vec<String> = outbox::list(out)
            .unwrap()
            .0
            .into_iter()
            .map(|e| e.key)
            .collect();
        keys.sort();
        keys
    };
    assert_eq!(keys(out.path()), vec![id.clone(), format!("{id}-v2")]);
    let entries = std::fs::read_dir(outbox::dir(out.path())).unwrap().count();
    assert!(catch_up(out.path(), &q, at("12:30:00")).is_empty());
    assert_eq!(
        std::fs::read_dir(outbox::dir(out.path())).unwrap().count(),
        entries
    );
}

#[test]
fn a_patients_unfinished_intake_is_found_to_resume_and_flagged_beside_a_second_start() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    let desk = desk(out);
    let q = questionnaire();
    // Maria started at the kiosk and walked away; her intake is unfinished.
    let (mut case, _) = desk.start(Mode::Kiosk, at("09:00:00"));
    let intake = answered(answers_with(&q, &[]));
    desk.save(&mut case, &intake, at("09:05:00"))
        .expect("the draft is saved");
    drop(case);
    let listed = desk.list();
    let found = skin_intake::clinic::unfinished_of(
        &listed.entries,
        " maria  GARCIA",
        date("1980-05-31"),
        "",
    )
    .expect("her unfinished intake");
    assert_eq!(found.name.as_deref(), Some("Maria Garcia"));
    assert!(
        skin_intake::clinic::unfinished_of(
            &listed.entries,
            "Maria Garcia",
            date("1980-05-31"),
            &found.draft.id
        )
        .is_none(),
        "the intake staff are starting is never offered to itself"
    );
    // Open on another terminal, it is not offered either.
    let open_there = desk.resume(&found.draft.id).expect("resumed elsewhere");
    assert!(
        skin_intake::clinic::unfinished_of(
            &desk.list().entries,
            "Maria Garcia",
            date("1980-05-31"),
            ""
        )
        .is_none(),
        "an intake open on another terminal is not offered"
    );
    drop(open_there);
    assert!(
        skin_intake::clinic::unfinished_of(&listed.entries, "Maria Garcia", date("1980-06-01"), "")
            .is_none(),
        "another birth date is another patient"
    );
    // A record of hers finished the same day: both entries are the same patient twice.
    submitted(&desk);
    let listed = desk.list();
    let twice = skin_intake::clinic::same_patient_twice(&listed.entries);
    assert_eq!(listed.entries.len(), 2, "{:?}", listed.entries.len());
    assert_eq!(twice, [true, true]);
    assert!(matches!(
        listed.entries[0],
        Entry::Unfinished(Listed::Draft(_))
    ));
}
