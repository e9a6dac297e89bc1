//! The terminal UI: the app driven by keys, taps and ticks into a test backend, and the real binary
//! in tmux.

#[path = "../support/tui.rs"]
mod support;

mod flow;
mod frames;
mod held;
mod kiosk;
mod never_panics;
mod panic_hook;
mod pty;
mod records;
mod screens;
mod spanish;
mod styles_and_mouse;
mod terminal;
mod text_field;
mod text_layout;
