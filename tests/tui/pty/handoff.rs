//! The kiosk hand-off in the real binary: a patient finishes at the kiosk, staff take over with
//! the PIN, open the record, change an answer with the patient, sign off, and give the kiosk back.

use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use super::{BIN, Tmux, suitable, type_answers};

/// The summary files in `out` by name: (file name, contents), sorted.
fn versions(out: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(out)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
#[ignore = "needs tmux; .ci/run installs it and runs ignored tests"]
fn a_kiosk_intake_is_reviewed_changed_and_signed_off_by_staff_at_the_kiosk() {
    let out = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(
        "handoff",
        &format!(
            "SKIN_INTAKE_STAFF_PIN=2468 {BIN} --kiosk --out {} --today 2025-03-10 --done-timeout 2",
            out.path().display()
        ),
    );
    tmux.wait_for("Press Enter to begin", 10);
    tmux.keys(&["Enter"]);
    type_answers(&tmux, &suitable());
    tmux.wait_for("Please check your answers", 10);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Thank you", 10);
    tmux.wait_for("Press Enter to begin", 10);
    let original = versions(out.path());
    assert_eq!(original.len(), 1);

    // Staff: F10, the PIN, Review intakes; the kiosk patient waits for review.
    tmux.keys(&["F10"]);
    tmux.wait_for("Staff PIN", 10);
    tmux.text("2468");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Review intakes", 10);
    tmux.keys(&["1", "Enter"]);
    let list = tmux.wait_for("Waiting for review (1)", 10);
    assert!(list.contains("Maria Garcia"), "{list}");
    assert!(list.contains("✔ suitable"), "{list}");

    // Open it: the record.
    tmux.keys(&["Down", "Enter"]);
    tmux.wait_for("Record of Maria Garcia", 10);
    // Change an answer with the patient: an infection in the area now.
    tmux.keys(&["e"]);
    tmux.wait_for("Your initials", 10);
    tmux.text("KL");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Save the changes as a new version", 10);
    let mut screen = tmux.screen();
    let mut moves = 0;
    while !screen
        .lines()
        .any(|l| l.contains('▶') && l.contains("Do you have an infection"))
    {
        tmux.keys(&["Down"]);
        moves += 1;
        assert!(moves < 40, "the answer is on the review:\n{screen}");
        std::thread::sleep(Duration::from_millis(50));
        screen = tmux.screen();
    }
    tmux.keys(&["Enter"]);
    tmux.wait_for("open wound", 10);
    tmux.keys(&["y", "Enter"]);
    // The verdict follows at once, in the live panel.
    tmux.wait_for("DELAY TREATMENT", 10);
    tmux.keys(&["Home", "Enter"]);
    tmux.wait_for("Saved as version 2", 10);

    // Sign off: an infection now is a delay with no date, so not a clearance: a physician decides.
    tmux.keys(&["s"]);
    tmux.wait_for("Sign off", 10);
    tmux.keys(&["3", "Tab", "Tab"]);
    tmux.text("KL");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Saved as version 3", 10);

    let files = versions(out.path());
    assert_eq!(files.len(), 3, "{files:?}");
    assert_eq!(files[0], original[0], "the original is untouched");
    let first: Value = serde_json::from_str(&files[0].1).unwrap();
    let second: Value = serde_json::from_str(&files[1].1).unwrap();
    let third: Value = serde_json::from_str(&files[2].1).unwrap();
    assert_eq!(second["version"], 2);
    assert_eq!(second["supersedes"], first["id"]);
    assert_eq!(second["intake_id"], first["intake_id"]);
    assert_eq!(second["changes"][0]["question"], "active_infection");
    assert_eq!(second["changes"][0]["before"], false);
    assert_eq!(second["changes"][0]["after"], true);
    assert_eq!(second["changes"][0]["by"], "KL");
    assert_eq!(first["assessment"]["suitability"], "suitable");
    assert_eq!(second["assessment"]["suitability"], "delay");
    assert_eq!(third["supersedes"], second["id"]);
    assert_eq!(third["review"]["decision"], "needs_physician");
    assert_eq!(third["review"]["by"], "KL");

    // Back to the list, then the staff menu: back to the kiosk shows nothing of the patient.
    tmux.keys(&["Escape"]);
    tmux.wait_for("Reviewed (1)", 10);
    tmux.keys(&["q"]);
    tmux.wait_for("Back to the kiosk", 10);
    tmux.keys(&["2", "Enter"]);
    let welcome = tmux.wait_for("Press Enter to begin", 10);
    assert!(!welcome.contains("Maria"), "{welcome}");
    assert!(!welcome.contains("Garcia"), "{welcome}");
}
