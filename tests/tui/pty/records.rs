//! The real binary in tmux: a full disk at the kiosk, one draft on two terminals, SIGKILL during
//! Submit, and a terminal that goes away without a SIGHUP.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::DateTime;
use skin_intake::engine::summary::Mode;
use skin_intake::store::{self, Draft, Listed};

use super::{BIN, Tmux, suitable, summaries, type_answers, type_some_answers};
use crate::support::TinyDisk;

const TODAY: &str = "2025-03-10";

fn resumable(out: &Path) -> usize {
    store::list_drafts(out)
        .unwrap()
        .iter()
        .filter(|l| matches!(l, Listed::Draft(_)))
        .count()
}

#[test]
#[ignore = "needs tmux and root (a tmpfs); .ci/run runs it"]
fn a_full_disk_at_the_kiosk_holds_the_intake_until_it_is_written() {
    let disk = TinyDisk::mount().expect("a 256 KiB tmpfs can be mounted (this test needs root)");
    let out = disk.path().join("summaries");
    let tmux = Tmux::start(
        "full-disk",
        &format!(
            "SKIN_INTAKE_STAFF_PIN=2468 {BIN} --kiosk --out {} --today {TODAY} --done-timeout 2",
            out.display()
        ),
    );
    tmux.wait_for("Press Enter to begin", 10);
    tmux.keys(&["Enter"]);
    type_answers(&tmux, &suitable());
    tmux.wait_for("Please check your answers", 10);
    let filler = disk.fill();
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Please let a member of staff know", 10);
    assert!(screen.contains("Your answers are kept"), "{screen}");
    assert!(!screen.contains("Maria"), "{screen}");
    // No key leaves it, and the idle reset does not either.
    tmux.keys(&["Enter", "Escape", "q", "C-c", "r"]);
    std::thread::sleep(Duration::from_secs(6));
    let screen = tmux.screen();
    assert!(
        screen.contains("Please let a member of staff know"),
        "{screen}"
    );
    assert!(summaries(&out).is_empty());
    // Room again: the next try writes it, and the patient is thanked.
    std::fs::remove_file(filler).unwrap();
    tmux.wait_for("Thank you", 10);
    tmux.wait_for("Press Enter to begin", 10);
    assert_eq!(summaries(&out).len(), 1);
    assert_eq!(resumable(&out), 0);
}

#[test]
#[ignore = "needs tmux; .ci/run installs it and runs ignored tests"]
fn one_draft_on_two_terminals_is_open_on_one_and_recorded_once() {
    let out = tempfile::tempdir().unwrap();
    let command = format!("{BIN} --out {} --today {TODAY}", out.path().display());
    let first = Tmux::start("first", &command);
    first.wait_for("New intake", 10);
    first.keys(&["Enter"]);
    type_some_answers(&first, &suitable(), 0..2);
    first.wait_for("Question 3 of", 10);

    let second = Tmux::start("second", &command);
    second.wait_for("open on another terminal", 10);
    second.keys(&["Down", "Enter"]);
    let screen = second.wait_for("Could not open this intake", 10);
    assert!(screen.contains("open on another terminal"), "{screen}");

    type_some_answers(&first, &suitable(), 2..usize::MAX);
    first.wait_for("Please check your answers", 10);
    first.keys(&["Enter"]);
    first.wait_for("Saved to", 10);

    // The second terminal's list is out of date: the intake is finished, not opened again.
    second.keys(&["Enter"]);
    second.wait_for("finished", 10);
    assert_eq!(summaries(out.path()).len(), 1);
    assert_eq!(resumable(out.path()), 0);
}

/// A draft with every answer of the baseline patient, as an intake left at its review.
fn finished_draft(out: &Path) {
    let q = skin_intake::load::questionnaire::built_in();
    let at = DateTime::parse_from_rfc3339("2025-03-10T09:00:00+00:00").unwrap();
    let mut draft = Draft::new(&q, "en", Mode::Staff, at);
    draft.record(&suitable(), None, at);
    let lock = store::lock_draft(out, &draft.id).unwrap();
    store::save_draft(out, &draft, &lock).unwrap();
}

/// Opens the one unfinished intake and submits it; with `kill_after`, SIGKILLs the program that
/// long after Submit is sent, else waits for the summary to be saved.
fn submit_in_tmux(out: &Path, run: usize, kill_after: Option<Duration>) {
    let command = format!("{BIN} --out {} --today {TODAY}", out.display());
    let tmux = Tmux::start(&format!("kill-{run}"), &command);
    tmux.wait_for("New intake", 10);
    tmux.keys(&["Down", "Enter"]);
    tmux.wait_for("Please check your answers", 10);
    let pid = tmux.program_pid();
    tmux.keys(&["Enter"]);
    match kill_after {
        Some(delay) => {
            std::thread::sleep(delay);
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            tmux.wait_exit(10);
        }
        None => {
            tmux.wait_for("Saved to", 10);
        }
    }
}

#[test]
#[ignore = "needs tmux; .ci/run installs it and runs ignored tests"]
fn sigkill_during_submit_leaves_one_record_and_nothing_to_resume() {
    let started = Instant::now();
    let mut interrupted = 0;
    // Killed between writing the summary and removing the draft: recognised as finished.
    let mut halfway = 0;
    for run in 0..30 {
        let out = tempfile::tempdir().unwrap();
        finished_draft(out.path());
        // 0 to 5 ms after Submit: within the write of the summary and the removal of the draft.
        submit_in_tmux(
            out.path(),
            run,
            Some(Duration::from_millis(u64::try_from(run % 6).unwrap())),
        );
        let written = summaries(out.path()).len();
        let listed = store::list_drafts(out.path()).unwrap();
        halfway += listed
            .iter()
            .filter(|l| matches!(l, Listed::Finished { .. }))
            .count();
        let left = listed
            .iter()
            .filter(|l| matches!(l, Listed::Draft(_)))
            .count();
        assert!(written <= 1, "run {run}: {written} summaries");
        assert_eq!(
            written + left,
            1,
            "run {run}: a summary, or the draft to resume, never both and never neither"
        );
        if left == 1 {
            interrupted += 1;
            submit_in_tmux(out.path(), run + 100, None);
        }
        assert_eq!(summaries(out.path()).len(), 1, "run {run}");
        assert_eq!(resumable(out.path()), 0, "run {run}");
    }
    eprintln!(
        "30 kills during Submit ({interrupted} before the summary was written, {halfway} \
         between it and removing the draft) in {:?}",
        started.elapsed()
    );
}

#[test]
#[ignore = "needs tmux; .ci/run installs it and runs ignored tests"]
fn a_terminal_that_goes_away_without_a_sighup_saves_the_draft_and_ends() {
    let out = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let err = files.path().join("stderr");
    let status = files.path().join("status");
    // The wrapper ignores SIGHUP and the program runs in a session of its own: when the pane
    // goes, no SIGHUP reaches it; only its terminal is gone.
    let tmux = Tmux::start(
        "gone",
        &format!(
            "sh -c 'trap \"\" HUP; setsid -w {BIN} --out {} --today {TODAY} 2>{}; echo $? > {}'",
            out.path().display(),
            err.display(),
            status.display()
        ),
    );
    tmux.wait_for("New intake", 10);
    tmux.keys(&["Enter"]);
    type_some_answers(&tmux, &suitable(), 0..2);
    tmux.wait_for("Question 3 of", 10);
    tmux.kill_server();
    let until = Instant::now() + Duration::from_secs(10);
    let code = loop {
        if let Some(code) = std::fs::read_to_string(&status)
            .ok()
            .and_then(|s| s.trim().parse::<i32>().ok())
        {
            break code;
        }
        assert!(Instant::now() < until, "the program still runs");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(code, 1);
    let said = std::fs::read_to_string(&err).unwrap();
    assert!(said.contains("its terminal went away"), "{said}");
    assert!(said.contains("the unfinished intake is saved in"), "{said}");
    let drafts = store::list_drafts(out.path()).unwrap();
    let [Listed::Draft(draft)] = drafts.as_slice() else {
        panic!("{drafts:?}");
    };
    assert_eq!(draft.answers.len(), 2);
}
