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
