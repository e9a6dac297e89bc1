//! End to end: the real binary in a pseudo-terminal (tmux), driven by keys. These tests need tmux,
//! so they are ignored by default (`.ci/run` installs it and runs them); run without tmux, they
//! fail at the start with a message saying to install it, rather than pass without testing.

use skin_intake::engine::visibility;
use skin_intake::load;
use skin_intake::model::answer::Answers;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;
use skin_intake::model::answer::Answer;
use skin_intake::model::questionnaire::ItemKind;

mod handoff;
mod records;
mod resize;

const BIN: &str = env!("CARGO_BIN_EXE_skin-intake");

/// A tmux server of its own, killed on drop. The program's exit status goes to a file, so it can be
/// read whatever the shell prints on the screen.
struct Tmux {
    socket: String,
    status: tempfile::TempDir,
}

impl Tmux {
    fn start(name: &str, command: &str) -> Tmux {
        let socket = format!("skin-intake-test-{}-{name}", std::process::id());
        let dir = tempfile::tempdir().unwrap();
        let status_file = dir.path().join("status");
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                "100",
                "-y",
                "30",
            ])
            .arg(format!(
                "{command}; echo $? > {}; sleep 60",
                status_file.display()
            ))
            .status()
            .expect("tmux runs (install it: apt-get install tmux)");
        assert!(status.success());
        Tmux {
            socket,
            status: dir,
        }
    }

    /// Waits for the program to end and returns its exit status (128 + N after signal N).
    fn wait_exit(&self, seconds: u64) -> i32 {
        let file = self.status.path().join("status");
        let until = Instant::now() + Duration::from_secs(seconds);
        loop {
            if let Some(code) = std::fs::read_to_string(&file)
                .ok()
                .and_then(|s| s.trim().parse().ok())
            {
                return code;
            }
            assert!(
                Instant::now() < until,
                "waited {seconds} s for the program to end; the screen is:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn keys(&self, keys: &[&str]) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "t"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn text(&self, text: &str) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "t", "-l", text])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn wait_for(&self, text: &str, seconds: u64) -> String {
        let until = Instant::now() + Duration::from_secs(seconds);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < until,
                "waited {seconds} s for {text:?}; the screen is:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Tmux {
    /// The process id of the program the pane runs (the child of the pane's shell).
    fn program_pid(&self) -> u32 {
        let out = Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "list-panes",
                "-t",
                "t",
                "-F",
                "#{pane_pid}",
            ])
            .output()
            .unwrap();
        let shell = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        let children =
            std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap();
        children.split_whitespace().next().unwrap().parse().unwrap()
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &self.program_pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// A tmux format value of the pane, e.g. `alternate_on`.
    fn pane(&self, format: &str) -> String {
        let out = Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "display-message",
                "-p",
                "-t",
                "t",
                format,
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }
}

impl Tmux {
    /// Sets the window's size, as a person dragging its corner does.
    fn resize(&self, width: u16, height: u16) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "resize-window", "-t", "t", "-x"])
            .arg(width.to_string())
            .arg("-y")
            .arg(height.to_string())
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// The program's exit status, if it has ended.
    fn exited(&self) -> Option<i32> {
        std::fs::read_to_string(self.status.path().join("status"))
            .ok()
            .and_then(|s| s.trim().parse().ok())
    }
}

impl Tmux {
    /// Ends the tmux server, closing its terminals as a closed window does.
    fn kill_server(&self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

fn suitable() -> Answers {
    let q = skin_intake::load::questionnaire::built_in();
    let text = std::fs::read_to_string("tests/fixtures/answers/suitable.json").unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2025, 3, 10).unwrap();
    load::answers::read_and_check(&q, &text, today).unwrap()
}

fn digit(i: usize) -> String {
    if i == 9 {
        "0".into()
    } else {
        (i + 1).to_string()
    }
}

/// Types a whole questionnaire's answers with the documented keys.
fn type_answers(tmux: &Tmux, given: &Answers) {
    type_some_answers(tmux, given, 0..usize::MAX);
}

/// Types the answers to the shown questions whose positions are in `range`.
fn type_some_answers(tmux: &Tmux, given: &Answers, range: std::ops::Range<usize>) {
    let q = skin_intake::load::questionnaire::built_in();
    let today = chrono::NaiveDate::from_ymd_opt(2025, 3, 10).unwrap();
    let shown = visibility::shown_items(&q, given, today);
    let end = range.end.min(shown.len());
    for item in &shown[range.start..end] {
        let prompt = item.prompt.get("en");
        tmux.wait_for(&prompt[..prompt.len().min(30)], 10);
        match (item.kind, given.get(&item.id)) {
            (_, None) => {}
            (ItemKind::Text, Some(Answer::Text(s))) => tmux.text(s),
            (ItemKind::Date, Some(Answer::Date(d))) => tmux.text(&d.format("%Y-%m-%d").to_string()),
            (ItemKind::Boolean, Some(Answer::Bool(b))) => tmux.keys(&[if *b { "y" } else { "n" }]),
            (ItemKind::Single, Some(Answer::Choice(c))) => {
                let i = item.options.iter().position(|o| &o.code == c).unwrap();
                tmux.keys(&[&digit(i)]);
            }
            (ItemKind::Multi, Some(Answer::Choices(codes))) => {
                for (i, o) in item.options.iter().enumerate() {
                    if codes.contains(&o.code) {
                        tmux.keys(&[&digit(i)]);
                    }
                }
            }
            (kind, answer) => panic!("{kind:?} {answer:?}"),
        }
        tmux.keys(&["Enter"]);
    }
}

fn summaries(out: &Path) -> Vec<Value> {
    std::fs::read_dir(out)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
#[ignore = "needs tmux; .ci/run installs it and runs ignored tests"]
fn staff_intake_in_a_real_terminal() {
    let out = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(
        "staff",
        &format!("{BIN} --out {} --today 2025-03-10", out.path().display()),
    );
    tmux.wait_for("New intake", 10);
    tmux.keys(&["Enter"]);
    type_answers(&tmux, &suitable());
    tmux.wait_for("Please check your answers", 10);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Saved to", 10);
    assert!(screen.contains("SUITABLE"), "{screen}");
    let files = summaries(out.path());
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["assessment"]["suitability"], "suitable");
    assert_eq!(files[0]["mode"], "staff");
    assert_eq!(files[0]["patient"]["name"], "Maria Garcia");
    tmux.keys(&["Enter"]);
    tmux.wait_for("New intake", 10);
    tmux.keys(&["C-c"]);
    assert_eq!(tmux.wait_exit(10), 0);
}

#[test]
#[ignore = "needs tmux; .ci/run installs it and runs ignored tests"]
fn kiosk_intake_idle_reset_and_f10_exit_in_a_real_terminal() {
    let out = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(
        "kiosk",
        &format!(
            "SKIN_INTAKE_STAFF_PIN=2468 {BIN} --kiosk --out {} --today 2025-03-10 --idle-timeout 3 --done-timeout 2",
            out.path().display()
        ),
    );
    tmux.wait_for("Press Enter to begin", 10);
    // Quit keys do nothing at the kiosk.
    tmux.keys(&["C-c", "q", "Escape"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(tmux.screen().contains("Press Enter to begin"));

    // Idle: a name, then nobody. The warning, then the welcome screen without the name.
    tmux.keys(&["Enter"]);
    tmux.wait_for("What is your full name?", 10);
    tmux.text("Idle Patient");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Are you still there?", 10);
    let screen = tmux.wait_for("Press Enter to begin", 15);
    assert!(!screen.contains("Idle Patient"));
    let drafts = skin_intake::store::list_drafts(out.path()).unwrap();
    assert_eq!(drafts.len(), 1, "kept as an unfinished intake for staff");

    // A complete intake: thanks, then the welcome screen by itself.
    tmux.keys(&["Enter"]);
    type_answers(&tmux, &suitable());
    tmux.wait_for("Please check your answers", 10);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Thank you", 10);
    // The range is kept together with a no-break space (tmux may show it as a plain one).
    assert!(
        screen.contains("4–5\u{a0}sessions") || screen.contains("4–5 sessions"),
        "{screen}"
    );
    assert!(!screen.contains("Maria"));
    tmux.wait_for("Press Enter to begin", 10);
    let files = summaries(out.path());
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["mode"], "kiosk");

    // F10: a wrong PIN, then the right one.
    tmux.keys(&["F10"]);
    tmux.wait_for("Staff PIN", 10);
    tmux.text("1111");
    tmux.keys(&["Enter"]);
    tmux.wait_for("2 tries left", 10);
    tmux.text("2468");
    let screen = tmux.screen();
    assert!(!screen.contains("2468"), "the PIN is never shown");
    tmux.keys(&["Enter"]);
    // The staff menu: back to the kiosk shows the welcome; leaving kiosk mode ends the program.
    tmux.wait_for("Leave kiosk mode", 10);
    tmux.keys(&["Down", "Enter"]);
    tmux.wait_for("Press Enter to begin", 10);
    tmux.keys(&["F10"]);
    tmux.wait_for("Staff PIN", 10);
    tmux.text("2468");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Leave kiosk mode", 10);
    tmux.keys(&["3", "Enter", "y"]);
    assert_eq!(tmux.wait_exit(10), 0);
}

/// Test: in the kiosk's staff menu a digit only highlights and Enter opens, as in questions;
/// "Leave kiosk mode" asks first (Esc stays, Enter leaves). At 80×24, as a kiosk screen is.
#[test]
#[ignore = "needs tmux; .ci/run installs it and runs ignored tests"]
fn the_staff_menu_highlights_on_a_digit_and_asks_before_leaving_kiosk_mode() {
    let out = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(
        "staffmenu",
        &format!(
            "SKIN_INTAKE_STAFF_PIN=2468 {BIN} --kiosk --out {} --today 2025-03-10",
            out.path().display()
        ),
    );
    tmux.resize(80, 24);
    tmux.wait_for("Press Enter to begin", 10);
    tmux.keys(&["F10"]);
    let pin = tmux.wait_for("Staff PIN — opens the staff menu", 10);
    assert!(!pin.contains("to leave kiosk mode"), "{pin}");
    tmux.text("2468");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Leave kiosk mode", 10);
    // 2 highlights "Back to the kiosk" and does nothing else.
    tmux.keys(&["2"]);
    let menu = tmux.wait_for("▶ 2  Back to the kiosk", 10);
    std::thread::sleep(Duration::from_millis(300));
    let menu_after = tmux.screen();
    assert!(
        menu_after.contains("Review intakes"),
        "still the menu: {menu}"
    );
    assert!(
        menu_after.contains("▶ 2  Back to the kiosk"),
        "{menu_after}"
    );
    // Enter opens it: the kiosk's welcome.
    tmux.keys(&["Enter"]);
    tmux.wait_for("Press Enter to begin", 10);
    // Back in the menu, 3 then Enter asks before leaving; Esc stays.
    tmux.keys(&["F10"]);
    tmux.wait_for("Staff PIN", 10);
    tmux.text("2468");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Leave kiosk mode", 10);
    tmux.keys(&["3"]);
    tmux.wait_for("▶ 3  Leave kiosk mode", 10);
    tmux.keys(&["Enter"]);
    let asked = tmux.wait_for("Leave kiosk mode?", 10);
    assert!(asked.contains("Esc stay"), "{asked}");
    assert_eq!(tmux.exited(), None, "asked, not left");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Review intakes", 10);
    assert_eq!(tmux.exited(), None, "Esc stays");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Leave kiosk mode?", 10);
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(10), 0);
}

/// Test: the patient's own ways out in the real binary at 80×24: F9 calls staff (a calm page, the
/// draft kept, only F10 and the PIN leave it, back to the question as it was); F5 asks before
/// starting over, Enter keeps the answers, and Yes deletes the draft and shows the welcome.
#[test]
#[ignore = "needs tmux; .ci/run installs it and runs ignored tests"]
fn call_staff_and_start_over_at_the_kiosk_in_a_real_terminal() {
    let out = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(
        "waysout",
        &format!(
            "SKIN_INTAKE_STAFF_PIN=2468 {BIN} --kiosk --out {} --today 2025-03-10",
            out.path().display()
        ),
    );
    tmux.resize(80, 24);
    tmux.wait_for("Press Enter to begin", 10);
    tmux.keys(&["Enter"]);
    type_some_answers(&tmux, &suitable(), 0..2);
    let question = tmux.wait_for("Question 3 of", 10);
    assert!(question.contains("[ Start over ]"), "{question}");
    assert!(question.contains("F9 call staff"), "{question}");
    tmux.keys(&["2"]);

    // Call staff: the page, and nothing but F10 does anything.
    tmux.keys(&["F9"]);
    let page = tmux.wait_for("A member of staff is on the way.", 10);
    assert!(page.contains("Please stay here."), "{page}");
    assert!(!page.contains("Maria"), "{page}");
    tmux.keys(&["Enter", "Escape", "q", "C-c"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(tmux.screen().contains("A member of staff is on the way."));
    assert_eq!(
        skin_intake::store::list_drafts(out.path()).unwrap().len(),
        1
    );
    tmux.keys(&["F10"]);
    tmux.wait_for("Staff PIN", 10);
    tmux.text("2468");
    tmux.keys(&["Enter"]);
    tmux.wait_for("▶ 1  Back to the patient's questions", 10);
    tmux.keys(&["Enter"]);
    let back = tmux.wait_for("Question 3 of", 10);
    assert!(
        back.contains("(•) 2"),
        "the answer given, as it was: {back}"
    );

    // Start over: asked first; Enter keeps the answers.
    tmux.keys(&["F5"]);
    let asked = tmux.wait_for("Start again from the beginning?", 10);
    assert!(asked.contains("▶ [ No, keep my answers ]"), "{asked}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("F9 call staff", 10);
    assert!(tmux.screen().contains("Question 3 of"));
    // Yes: the draft is gone and the welcome shows.
    tmux.keys(&["F5"]);
    tmux.wait_for("Start again from the beginning?", 10);
    tmux.keys(&["Up", "Enter"]);
    let welcome = tmux.wait_for("Press Enter to begin", 10);
    assert!(!welcome.contains("Maria"), "{welcome}");
    assert!(
        skin_intake::store::list_drafts(out.path())
            .unwrap()
            .is_empty()
    );
    assert!(summaries(out.path()).is_empty(), "no summary written");
    assert_eq!(tmux.exited(), None);
}

#[test]
#[ignore = "needs tmux; .ci/run installs it and runs ignored tests"]
fn sigkill_mid_intake_loses_nothing_confirmed_and_the_intake_resumes() {
    let out = tempfile::tempdir().unwrap();
    let command = format!("{BIN} --out {} --today 2025-03-10", out.path().display());
    let given = suitable();
    {
        let tmux = Tmux::start("killed", &command);
        tmux.wait_for("New intake", 10);
        tmux.keys(&["Enter"]);
        type_some_answers(&tmux, &given, 0..13);
        // The 14th question is on screen, half typed; then the process is killed outright.
        tmux.wait_for("Question 14 of", 10);
        tmux.keys(&["n"]);
        tmux.signal("KILL");
        assert_eq!(tmux.wait_exit(10), 137, "killed by SIGKILL");
    }
    let tmux = Tmux::start("resumed", &command);
    let screen = tmux.wait_for("Maria Garcia", 10);
    assert!(screen.contains("13 of"), "how far it got: {screen}");
    tmux.keys(&["Down", "Enter"]);
    tmux.wait_for("Question 14 of", 10);
    type_some_answers(&tmux, &given, 13..usize::MAX);
    tmux.wait_for("Please check your answers", 10);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Saved to", 10);
    let files = summaries(out.path());
    assert_eq!(files.len(), 1);
    let exported: Vec<(&str, &Value)> = files[0]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), &a["value"]))
        .collect();
    let expected: Vec<(String, Value)> = visibility::effective(
        &skin_intake::load::questionnaire::built_in(),
        &given,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 10).unwrap(),
    )
    .iter()
    .map(|(id, a)| (id.to_owned(), serde_json::to_value(a).unwrap()))
    .collect();
    assert_eq!(
        exported.len(),
        expected.len(),
        "every answer, before and after the kill"
    );
    for (id, value) in expected {
        assert!(exported.contains(&(id.as_str(), &value)), "{id} = {value}");
    }
    assert!(
        skin_intake::store::list_drafts(out.path())
            .unwrap()
            .is_empty(),
        "the finished intake's draft is gone"
    );
}

#[test]
#[ignore = "needs tmux; .ci/run installs it and runs ignored tests"]
fn sigterm_saves_the_draft_and_restores_the_terminal() {
    let out = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(
        "terminated",
        &format!("{BIN} --out {} --today 2025-03-10", out.path().display()),
    );
    tmux.wait_for("New intake", 10);
    tmux.keys(&["Enter"]);
    type_some_answers(&tmux, &suitable(), 0..3);
    tmux.wait_for("Question 4 of", 10);
    assert_eq!(tmux.pane("#{alternate_on}"), "1");
    tmux.signal("TERM");
    assert_eq!(tmux.wait_exit(10), 1);
    let screen = tmux.screen();
    assert!(
        screen.contains("stopped on SIGTERM; the unfinished intake is saved in"),
        "{screen}"
    );
    assert!(
        !screen.contains("Maria"),
        "no answer on the terminal: {screen}"
    );
    assert_eq!(
        tmux.pane("#{alternate_on}"),
        "0",
        "the alternate screen is left"
    );
    assert_eq!(tmux.pane("#{cursor_flag}"), "1", "the cursor is shown");
    let drafts = skin_intake::store::list_drafts(out.path()).unwrap();
    let [skin_intake::store::Listed::Draft(draft)] = drafts.as_slice() else {
        panic!("one draft: {drafts:?}");
    };
    assert_eq!(draft.answers.len(), 3);
    assert_eq!(draft.current.as_deref(), Some("concerns"));
}
