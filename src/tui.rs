//! The intake terminal UI: staff-guided mode and kiosk mode. [`run`] owns the terminal; the state
//! and its key handling are in [`app`], the drawing in [`view`] and `screens`.

pub mod app;
pub mod editor;
pub mod screens;
pub mod text_field;
pub mod theme;
pub mod view;

use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::Instant;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

pub use app::{App, Config, Kept, Running};

/// How the UI ended, and what became of the intake under way.
#[derive(Debug)]
pub enum Ended {
    /// Staff left, or the kiosk was left with the PIN.
    Left(Kept),
    /// SIGTERM or SIGHUP.
    Stopped { signal: &'static str, kept: Kept },
}

/// What wakes the event loop: the terminal, or a request to stop.
enum Wake {
    Terminal(io::Result<Event>),
    Signal(&'static str),
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
        execute!(io::stdout(), EnableBracketedPaste, EnableMouseCapture)?;
        let result = event_loop(&mut app, terminal, &wakes);
        let restored = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        result.and_then(|ended| restored.map(|()| ended))
    })
}

/// Reports a panic without its message (it could hold an answer): only where it happened and where
/// the unfinished intakes are kept. Install it before [`run`], whose own hook restores the
/// terminal first and then calls this one.
pub fn install_panic_hook(drafts: PathBuf) {
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
        eprintln!(
            "skin-intake stopped because of an internal error{place}. The answers confirmed so far \
             are kept in {}; start skin-intake again to resume the intake.",
            drafts.display()
        );
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
            if on_signal.send(Wake::Signal(name)).is_err() {
                break;
            }
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

fn event_loop(
    app: &mut App,
    terminal: &mut DefaultTerminal,
    wakes: &Receiver<Wake>,
) -> io::Result<Ended> {
    while app.running == Running::Yes {
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        // Sleep until input, or until the next timer (kiosk only); never poll while idle.
        let now = Instant::now();
        let wake = match app.next_deadline(now) {
            Some(deadline) => match wakes.recv_timeout(deadline.saturating_duration_since(now)) {
                Ok(wake) => Some(wake),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(io::Error::other("input closed"));
                }
            },
            None => Some(wakes.recv().map_err(|_| io::Error::other("input closed"))?),
        };
        let now = Instant::now();
        match wake {
            Some(Wake::Terminal(event)) => match event? {
                Event::Key(key) if key.is_press() || key.is_repeat() => app.handle_key(key, now),
                Event::Paste(text) => app.handle_paste(&text, now),
                Event::Mouse(mouse) => app.handle_mouse(mouse, now),
                _ => {}
            },
            Some(Wake::Signal(signal)) => {
                let kept = app.stop();
                return Ok(Ended::Stopped { signal, kept });
            }
            None => {}
        }
        app.tick(Instant::now());
    }
    Ok(Ended::Left(app.left.take().unwrap_or(Kept::Nothing)))
}
