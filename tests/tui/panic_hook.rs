//! A panic reports where it happened and where the drafts are, never its own message.

use std::process::Command;

const CHILD: &str = "SKIN_INTAKE_PANIC_HOOK_CHILD";

#[test]
fn a_panic_names_the_drafts_folder_and_never_its_message() {
    if std::env::var_os(CHILD).is_some() {
        skin_intake::tui::install_panic_hook("/srv/clinic/unfinished".into());
        panic!("answer to full_name was Maria Garcia");
    }
    // Run this same test again in a child process, where it panics with the hook installed.
    let output = Command::new(std::env::current_exe().expect("the test binary"))
        .args([
            "--exact",
            "panic_hook::a_panic_names_the_drafts_folder_and_never_its_message",
            "--nocapture",
        ])
        .env(CHILD, "1")
        .output()
        .expect("the child ran");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains(
            "skin-intake stopped because of an internal error at tests/tui/panic_hook.rs:"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("kept in /srv/clinic/unfinished"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Maria"),
        "the panic's message is never printed:\n{stderr}"
    );
}

const OWNER_CHILD: &str = "SKIN_INTAKE_PANIC_OWNER_CHILD";

#[test]
fn only_a_panic_on_the_thread_that_draws_restores_the_terminal() {
    if std::env::var_os(OWNER_CHILD).is_some() {
        use std::io::Write;
        skin_intake::tui::install_panic_hook("/srv/clinic/unfinished".into());
        let _owner = skin_intake::tui::TerminalOwner::claim();
        let background = std::thread::spawn(|| panic!("a sender failed for Maria Garcia"));
        assert!(background.join().is_err());
        let mut out = std::io::stdout();
        write!(out, "[background thread ended]").unwrap();
        out.flush().unwrap();
        panic!("the UI failed for Maria Garcia");
    }
    let output = Command::new(std::env::current_exe().expect("the test binary"))
        .args([
            "--exact",
            "panic_hook::only_a_panic_on_the_thread_that_draws_restores_the_terminal",
            "--nocapture",
        ])
        .env(OWNER_CHILD, "1")
        .output()
        .expect("the child ran");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    let leave_screen = "\x1b[?1049l";
    let (before, after) = stdout
        .split_once("[background thread ended]")
        .unwrap_or_else(|| panic!("{stdout:?}"));
    assert!(
        !before.contains(leave_screen),
        "a background thread's panic restored the terminal: {stdout:?}"
    );
    assert!(
        after.contains(leave_screen),
        "the drawing thread's panic left the terminal as it was: {stdout:?}"
    );
    assert_eq!(
        stderr
            .matches("skin-intake stopped because of an internal error")
            .count(),
        1,
        "only the drawing thread's panic is reported on the screen:\n{stderr}"
    );
    assert!(!stderr.contains("Maria"), "{stderr}");
}
