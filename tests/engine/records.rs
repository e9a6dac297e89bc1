//! One intake, one record: submitting stopped at any step, drafts open on two terminals, damaged
//! and foreign drafts, hostile files in the drafts folder.

use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::support::{answers_with, date, questionnaire};
use chrono::{DateTime, FixedOffset};
use skin_intake::engine::summary::{Metadata, Mode, Summary};
use skin_intake::store::{self, Draft, Listed, LockError, SubmitStep};
use skin_intake::words::Words;
use skin_intake::words::en::English;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a test time")
}

fn draft() -> Draft {
    let q = questionnaire();
    let mut draft = Draft::new(&q, "en", Mode::Staff, at("2026-11-24T09:00:00+00:00"));
    draft.record(
        &answers_with(&q, &[]),
        None,
        at("2026-11-24T09:05:00+00:00"),
    );
    draft
}

fn summary_of(draft: &Draft, reference: &str) -> Summary {
    let q = questionnaire();
    let meta = Metadata {
        id: draft.id.clone(),
        language: "en".into(),
        mode: Mode::Staff,
        completed_at: at("2026-11-24T10:00:00+01:00"),
        reference_date: date(reference),
    };
    Summary::new(&q, &draft.resume(&q).answers, meta, |shown| {
        English.shown(shown)
    })
}

fn summaries(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(out)
        .expect("list")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.display().to_string())
        .collect();
    names.sort();
    names
}

fn resumable(out: &Path) -> Vec<Draft> {
    store::list_drafts(out)
        .expect("listed")
        .into_iter()
        .filter_map(|l| match l {
            Listed::Draft(d) => Some(*d),
            _ => None,
        })
        .collect()
}

#[test]
fn submit_stopped_at_any_step_leaves_one_summary_and_nothing_to_resume() {
    let steps = [
        None,
        Some(SubmitStep::SummaryFlushed),
        Some(SubmitStep::SummaryPlaced),
        Some(SubmitStep::SummarySaved),
        Some(SubmitStep::DraftRemoved),
    ];
    for stop_at in steps {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path();
        let draft = draft();
        let lock = store::lock_draft(out, &draft.id).expect("locked");
        store::save_draft(out, &draft, &lock).expect("saved");
        // The process dies at `stop_at`: the lock goes with it.
        let _ = store::submit_steps(out, &summary_of(&draft, "2026-11-24"), lock, &mut |s| {
            if Some(s) == stop_at {
                Err(io::Error::other("killed"))
            } else {
                Ok(())
            }
        });
        // The next start: leftovers are swept, whatever can be resumed is resumed (the next day)
        // and submitted.
        store::sweep_leftovers(out);
        for left in resumable(out) {
            let lock = store::lock_draft(out, &left.id).expect("locked");
            store::submit(out, &summary_of(&left, "2026-11-25"), lock).expect("submitted");
        }
        assert_eq!(summaries(out).len(), 1, "stopped at {stop_at:?}");
        assert!(resumable(out).is_empty(), "stopped at {stop_at:?}");
        assert!(
            store::list_drafts(out)
                .expect("listed")
                .iter()
                .all(|l| matches!(l, Listed::Finished { summary, .. } if summary.exists())),
            "stopped at {stop_at:?}: at most a finished entry naming its summary"
        );
        let left: Vec<_> = fs::read_dir(out.join("unfinished"))
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .filter(|n| !n.to_string_lossy().starts_with(".skin-intake-"))
            .collect();
        assert!(left.is_empty(), "stopped at {stop_at:?}: left {left:?}");
    }
}

#[test]
fn a_draft_whose_summary_exists_is_listed_as_finished_and_its_copy_removed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    let draft = draft();
    let lock = store::lock_draft(out, &draft.id).expect("locked");
    store::save_draft(out, &draft, &lock).expect("saved");
    let summary = store::write_version(out, &summary_of(&draft, "2026-11-24")).expect("written");
    drop(lock);
    let listed = store::list_drafts(out).expect("listed");
    assert_eq!(
        listed,
        [Listed::Finished {
            id: draft.id.clone(),
            summary
        }]
    );
    assert!(!draft.path(out).exists(), "the leftover copy is removed");
    assert!(store::list_drafts(out).expect("listed").is_empty());
}

#[test]
fn a_draft_opens_on_one_terminal_at_a_time() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    let draft = draft();
    let first = store::lock_draft(out, &draft.id).expect("locked");
    store::save_draft(out, &draft, &first).expect("saved");
    assert!(matches!(
        store::lock_draft(out, &draft.id),
        Err(LockError::Elsewhere)
    ));
    assert!(store::open_elsewhere(out, &draft.id));
    assert!(matches!(
        store::delete_draft(out, &draft.id),
        Err(LockError::Elsewhere)
    ));
    assert_eq!(
        LockError::Elsewhere.to_string(),
        "this intake is open on another terminal"
    );
    // A lock of another intake saves nothing.
    let other = store::lock_draft(out, "another-intake").expect("locked");
    let mut changed = draft.clone();
    changed.language = "es".into();
    store::save_draft(out, &changed, &other).expect_err("not its lock");
    // Submitted by the first terminal: the draft is gone and cannot come back.
    store::submit(out, &summary_of(&draft, "2026-11-24"), first).expect("submitted");
    assert!(!draft.path(out).exists());
    assert!(!store::open_elsewhere(out, &draft.id), "the lock is freed");
    // A second terminal that had it listed before: it cannot write a second record.
    let late = store::lock_draft(out, &draft.id).expect("locked");
    let again = store::submit(out, &summary_of(&draft, "2026-11-25"), late).expect("no error");
    assert_eq!(summaries(out).len(), 1);
    assert!(
        again
            .summary
            .ends_with(format!("2026-11-24_{}.json", draft.id))
    );
}

#[test]
fn a_lock_of_a_process_that_died_frees_itself() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    let draft = draft();
    // A child process takes the lock and is killed.
    let lock_file = out.join("unfinished").join(format!("{}.lock", draft.id));
    fs::create_dir_all(out.join("unfinished")).expect("mkdir");
    // --no-fork: flock(1) becomes the command, so killing it ends the holder of the lock.
    let mut child = std::process::Command::new("flock")
        .arg("--no-fork")
        .arg(&lock_file)
        .args(["sleep", "30"])
        .spawn()
        .expect("flock(1) runs");
    let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !store::open_elsewhere(out, &draft.id) {
        assert!(std::time::Instant::now() < until, "the child took the lock");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().expect("killed");
    child.wait().expect("reaped");
    store::lock_draft(out, &draft.id).expect("free again");
}

#[test]
fn damaged_files_are_all_kept_under_free_names() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("unfinished");
    fs::create_dir_all(&dir).expect("mkdir");
    fs::write(dir.join("x.json.damaged"), b"first").expect("write");
    fs::write(dir.join("x.json"), b"second {").expect("write");
    store::list_drafts(tmp.path()).expect("listed");
    fs::write(dir.join("x.json"), b"third {").expect("write");
    let listed = store::list_drafts(tmp.path()).expect("listed");
    assert_eq!(listed.len(), 3);
    assert_eq!(
        fs::read(dir.join("x.json.damaged")).expect("read"),
        b"first"
    );
    assert_eq!(
        fs::read(dir.join("x.json.2.damaged")).expect("read"),
        b"second {"
    );
    assert_eq!(
        fs::read(dir.join("x.json.3.damaged")).expect("read"),
        b"third {"
    );
}

#[test]
fn a_draft_of_a_newer_format_is_listed_and_left_alone() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("unfinished");
    fs::create_dir_all(&dir).expect("mkdir");
    let text = br#"{"format": "skin-intake/draft", "format_version": 2, "id": "n", "new": {}}"#;
    fs::write(dir.join("n.json"), text).expect("write");
    let listed = store::list_drafts(tmp.path()).expect("listed");
    assert_eq!(
        listed,
        [Listed::Newer {
            path: dir.join("n.json"),
            format_version: 2
        }]
    );
    assert_eq!(fs::read(dir.join("n.json")).expect("read"), text);
}

#[test]
fn a_draft_of_another_questionnaire_says_so() {
    let q = questionnaire();
    let mut draft = draft();
    assert_eq!(draft.made_with_other(&q), None);
    draft.questionnaire_version = "9.0.0".into();
    let said = draft.made_with_other(&q).expect("said");
    assert!(said.contains("version 9.0.0"), "{said}");
    assert!(said.contains(&q.version), "{said}");
    draft.questionnaire_id = "hair-removal".into();
    let said = draft.made_with_other(&q).expect("said");
    assert!(said.contains("'hair-removal'"), "{said}");
}

#[test]
fn a_draft_copied_under_another_name_is_not_resumed_twice() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    let draft = draft();
    let lock = store::lock_draft(out, &draft.id).expect("locked");
    let path = store::save_draft(out, &draft, &lock).expect("saved");
    fs::copy(&path, out.join("unfinished/copy.json")).expect("copied");
    let listed = store::list_drafts(out).expect("listed");
    assert_eq!(resumable(out).len(), 1);
    assert!(
        listed
            .iter()
            .any(|l| matches!(l, Listed::Damaged { reason, .. } if reason.contains("file name")))
    );
}

#[test]
fn a_fifo_named_like_a_draft_does_not_hang_the_listing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("unfinished");
    fs::create_dir_all(&dir).expect("mkdir");
    let fifo = dir.join("pipe.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let listed = store::list_drafts(tmp.path()).expect("listed");
    let [Listed::Damaged { reason, .. }] = listed.as_slice() else {
        panic!("{listed:?}");
    };
    assert!(reason.contains("FIFO"), "{reason}");
}

#[test]
fn the_drafts_folder_stays_inside_the_output_folder_and_private() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir_all(&out).expect("mkdir");
    fs::create_dir_all(&elsewhere).expect("mkdir");
    std::os::unix::fs::symlink(&elsewhere, out.join("unfinished")).expect("symlink");
    let draft = draft();
    let err = store::lock_draft(&out, &draft.id).expect_err("refused");
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert!(store::list_drafts(&out).is_err());
    assert_eq!(fs::read_dir(&elsewhere).expect("list").count(), 0);

    fs::remove_file(out.join("unfinished")).expect("unlinked");
    fs::create_dir(out.join("unfinished")).expect("mkdir");
    fs::set_permissions(out.join("unfinished"), fs::Permissions::from_mode(0o777)).expect("chmod");
    let lock = store::lock_draft(&out, &draft.id).expect("locked");
    store::save_draft(&out, &draft, &lock).expect("saved");
    let mode = fs::metadata(out.join("unfinished"))
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700, "made private again");
}

#[test]
fn only_regular_files_of_bounded_size_are_read() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let fifo = tmp.path().join("fifo");
    std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    let cap = 1024;
    let refused = |path: &Path| {
        store::read_regular(path, cap, true)
            .expect_err("refused")
            .to_string()
    };
    assert!(refused(&fifo).contains("FIFO"));
    assert!(refused(Path::new("/dev/zero")).contains("device"));
    assert!(refused(tmp.path()).contains("folder"));
    let big = tmp.path().join("big");
    fs::write(&big, vec![b'x'; 1025]).expect("write");
    assert!(
        refused(&big).contains("larger than 1 KB"),
        "{}",
        refused(&big)
    );
    fs::write(&big, vec![b'x'; 1024]).expect("write");
    assert_eq!(
        store::read_regular(&big, cap, true).expect("read").len(),
        1024
    );
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&big, &link).expect("symlink");
    assert!(store::read_regular(&link, cap, true).is_ok());
    assert!(
        store::read_regular(&link, cap, false)
            .expect_err("refused")
            .to_string()
            .contains("symbolic link")
    );
}
