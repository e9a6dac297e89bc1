//! The intake terminal UI: staff-guided mode and kiosk mode. [`run`] owns the terminal and the
//! event loop; [`action`] turns keys into actions; [`app`] routes them; `screens` hold each
//! screen's state and drawing, [`view`] the frame around them, `widgets` the shared pieces.

pub mod action;
pub mod app;
pub mod config;
pub mod editor;
pub mod screens;
pub mod session;
pub mod text_layout;
pub mod theme;
pub mod view;
pub mod widgets;

use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::Instant;

use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::{Command, execute};
use ratatui::layout::{Position, Rect};
use ratatui::{DefaultTerminal, Terminal};
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

use crate::model::text::DEFAULT_LANGUAGE;
use crate::words::{self, Say};

pub use app::{App, Kept, Running};
pub use config::Config;

/// How the UI ended, and what became of the intake under way.
#[derive(Debug)]
pub enum Ended {
    /// Staff left, or the kiosk was left with the PIN.
    Left(Kept),
    /// A signal, or the terminal went away.
    Stopped { why: Stop, kept: Kept },
}

/// Why the UI stopped without being left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// SIGTERM or SIGHUP.
    Signal(&'static str),
    /// The terminal hung up, its input ended or reading it failed: as good as SIGHUP.
    TerminalGone,
}

/// Why the UI stopped, in the words of the command line's messages (English, like the rest of
/// what the binary writes to stderr).
impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let signal = match self {
            Stop::Signal(name) => Some(*name),
            Stop::TerminalGone => None,
        };
        f.write_str(&words::for_language(DEFAULT_LANGUAGE).say(&Say::StoppedBy { signal }))
    }
}

/// What wakes the event loop: the terminal, or a request to stop.
enum Wake {
    Terminal(io::Result<Event>),
    Stop(Stop),
}

/// Runs the UI until staff leave, the kiosk is left with the PIN, or a signal asks it to stop.
/// Nothing is written to stdout while the alternate screen is up.
///
/// # Errors
/// A terminal I/O error, or signal handlers that cannot be installed.
pub fn run(config: Config) -> io::Result<Ended> {
    let wakes = wake_sources()?;
    let mut app = App::new(config, Instant::now());
    ratatui::run(|terminal| {
        execute!(io::stdout(), EnableBracketedPaste, EnableClicks)?;
        let result = event_loop(&mut app, terminal, &wakes);
        let restored = execute!(io::stdout(), DisableClicks, DisableBracketedPaste);
        match result {
            // A terminal that went away cannot be restored; what was kept matters more.
            Ok(ended @ Ended::Stopped { .. }) => Ok(ended),
            result => result.and_then(|ended| restored.map(|()| ended)),
        }
    })
}

/// Reports a panic without its message (it could hold an answer): only where it happened and where
/// the unfinished intakes are kept. Install it before [`run`], whose own hook restores the
/// terminal first and then calls this one.
pub fn install_panic_hook(drafts: PathBuf) {
    std::panic::set_hook(Box::new(move |info| {
        let place = info.location().map(|l| (l.file(), l.line()));
        let message = words::for_language(DEFAULT_LANGUAGE).say(&Say::InternalError {
            place,
            drafts: &drafts.display().to_string(),
        });
        eprintln!("{message}");
    }));
}

/// Terminal events and stop signals arrive on one channel, so the loop sleeps until either comes
/// (or a timer is due) and the draft is saved before the terminal is restored.
fn wake_sources() -> io::Result<Receiver<Wake>> {
    let (sender, receiver) = mpsc::channel();
    let mut signals = Signals::new([SIGTERM, SIGHUP])?;
    let on_signal = sender.clone();
    thread::spawn(move || {
        for signal in signals.forever() {
            let name = if signal == SIGHUP {
                "SIGHUP"
            } else {
                "SIGTERM"
            };
            if on_signal.send(Wake::Stop(Stop::Signal(name))).is_err() {
                break;
            }
        }
    });
    let on_hang_up = sender.clone();
    thread::spawn(move || {
        if wait_for_hang_up() {
            let _ = on_hang_up.send(Wake::Stop(Stop::TerminalGone));
        }
    });
    thread::spawn(move || {
        loop {
            let read = event::read();
            let failed = read.is_err();
            if sender.send(Wake::Terminal(read)).is_err() || failed {
                break;
            }
        }
    });
    Ok(receiver)
}

/// Returns `true` once the terminal on stdin hangs up (its window closed, its pane killed) without a
/// SIGHUP reaching this process. Reading it would then return nothing forever, and crossterm's
/// reader would spin on that; `poll` with no events asked sleeps until the hang-up, costing nothing
/// meanwhile.
fn wait_for_hang_up() -> bool {
    let mut fds = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: 0,
        revents: 0,
    };
    loop {
        // SAFETY: one valid pollfd, its count, and an infinite timeout.
        let ready = unsafe { libc::poll(&raw mut fds, 1, -1) };
        if ready > 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return true;
        }
        if ready < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            // poll itself failed: nothing to watch; the reader's errors still stop the loop.
            return false;
        }
    }
}

/// Mouse reports of presses, releases and the wheel only (SGR encoding), not of every movement:
/// a moving mouse costs nothing.
struct EnableClicks;

impl Command for EnableClicks {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

struct DisableClicks;

impl Command for DisableClicks {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1006l\x1b[?1000l")
    }
}

/// The last frame written to the terminal, so an event that changes nothing writes nothing.
#[derive(Default)]
pub struct Presenter {
    last: Option<(Buffer, Option<Position>)>,
}

impl Presenter {
    /// Draws the app into a fresh buffer and writes it to the terminal only when it differs from
    /// the last frame written. Returns whether anything was written.
    ///
    /// # Errors
    /// A terminal I/O error.
    pub fn present<B: Backend>(&mut self, terminal: &mut Terminal<B>, app: &App) -> io::Result<bool>
    where
        B::Error: Send + Sync + 'static,
    {
        let size = terminal.size().map_err(io::Error::other)?;
        let area = Rect::new(0, 0, size.width, size.height);
        let mut buffer = Buffer::empty(area);
        let cursor = app.render_frame(area, &mut buffer);
        if self
            .last
            .as_ref()
            .is_some_and(|(last, last_cursor)| *last == buffer && *last_cursor == cursor)
        {
            return Ok(false);
        }
        terminal
            .draw(|frame| {
                frame.buffer_mut().clone_from(&buffer);
                if let Some(at) = cursor {
                    frame.set_cursor_position(at);
                }
            })
            .map_err(io::Error::other)?;
        self.last = Some((buffer, cursor));
        Ok(true)
    }
}

fn event_loop(
    app: &mut App,
    terminal: &mut DefaultTerminal,
    wakes: &Receiver<Wake>,
) -> io::Result<Ended> {
    let mut presenter = Presenter::default();
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    while app.running == Running::Yes {
        presenter.present(terminal, app)?;
        // Sleep until input, or until the next timer (kiosk only); never poll while idle.
        let now = Instant::now();
        let wake = match app.next_deadline(now) {
            Some(deadline) => match wakes.recv_timeout(deadline.saturating_duration_since(now)) {
                Ok(wake) => Some(wake),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => Some(Wake::Stop(Stop::TerminalGone)),
            },
            None => Some(wakes.recv().unwrap_or(Wake::Stop(Stop::TerminalGone))),
        };
        let now = Instant::now();
        match wake {
            // Input that fails is a terminal gone: the intake is saved as on SIGHUP.
            Some(Wake::Terminal(Err(_))) => {
                let kept = app.stop();
                return Ok(Ended::Stopped {
                    why: Stop::TerminalGone,
                    kept,
                });
            }
            Some(Wake::Terminal(Ok(event))) => match event {
                Event::Key(key) if key.is_press() || key.is_repeat() => app.handle_key(key, now),
                Event::Paste(text) => app.handle_paste(&text, now),
                Event::Mouse(mouse) => app.handle_mouse(mouse, now),
                Event::Resize(width, height) => {
                    app.resize(width, height);
                    // A resized terminal may have lost what it showed: draw it whole again.
                    presenter = Presenter::default();
                    terminal.clear()?;
                }
                _ => {}
            },
            Some(Wake::Stop(why)) => {
                let kept = app.stop();
                return Ok(Ended::Stopped { why, kept });
            }
            None => {}
        }
        app.tick(Instant::now());
    }
    Ok(Ended::Left(app.left.take().unwrap_or(Kept::Nothing)))
}
