//! The intake terminal UI: staff-guided mode and kiosk mode. [`run`] owns the terminal and the
//! event loop; [`action`] turns keys into actions; [`app`] routes them; `screens` hold each
//! screen's state and drawing, [`view`] the frame around them, `widgets` the shared pieces.

pub mod action;
pub mod app;
pub mod config;
pub mod editor;
pub mod output;
pub mod report;
pub mod screens;
pub mod session;
pub mod text_layout;
pub mod theme;
pub mod view;
pub mod widgets;

use std::cell::Cell;
use std::error::Error;
use std::io;
use std::path::PathBuf;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{Command, execute};
use ratatui::layout::{Position, Rect};
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

use crate::model::text::DEFAULT_LANGUAGE;
use crate::words::{self, Say};

pub use app::{App, Kept, Running};
pub use config::Config;
use output::Output;

/// How the UI ended, and what became of the intake under way.
#[derive(Debug)]
pub enum Ended {
    /// Staff left, or the kiosk was left with the PIN.
    Left(Kept),
    /// A signal, or the terminal went away or failed.
    Stopped { why: Stop, kept: Kept },
}

/// Why the UI stopped without being left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// SIGTERM or SIGHUP.
    Signal(&'static str),
    /// The terminal hung up, its input ended or reading it failed: as good as SIGHUP.
    TerminalGone,
    /// Staff mode only: the terminal refused to draw, for this reason. A kiosk rides it out.
    TerminalFailed(String),
}

/// Why the UI stopped, in the words of the command line's messages (English, like the rest of
/// what the binary writes to stderr).
impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let signal = match self {
            Stop::Signal(name) => Some(*name),
            Stop::TerminalGone => None,
            Stop::TerminalFailed(cause) => {
                return f.write_str(
                    &words::for_language(DEFAULT_LANGUAGE).say(&Say::TerminalFailed { cause }),
                );
            }
        };
        f.write_str(&words::for_language(DEFAULT_LANGUAGE).say(&Say::StoppedBy { signal }))
    }
}

/// What wakes the event loop: the terminal, or a request to stop.
pub enum Wake {
    Terminal(io::Result<Event>),
    Stop(Stop),
}

/// How soon a kiosk tries again to draw after the terminal refused a frame.
const REDRAW_AFTER: Duration = Duration::from_millis(250);

/// How long the reader waits after a read error that is not a hang-up, before reading again.
const READ_AGAIN_AFTER: Duration = Duration::from_millis(100);

/// Runs the UI until staff leave, the kiosk is left with the PIN, or a signal asks it to stop.
/// Nothing is written to stdout while the alternate screen is up.
///
/// # Errors
/// A terminal that cannot be set up, or signal handlers that cannot be installed.
pub fn run(config: Config) -> io::Result<Ended> {
    let wakes = wake_sources()?;
    let mut app = App::new(config, Instant::now());
    let owner = TerminalOwner::claim();
    let result = enter().map(|mut terminal| event_loop(&mut app, &mut terminal, &wakes));
    let restored = leave();
    drop(owner);
    match result {
        // A terminal that went away cannot be restored; what was kept matters more.
        Ok(ended @ Ended::Stopped { .. }) => Ok(ended),
        result => result.and_then(|ended| restored.map(|()| ended)),
    }
}

/// Raw mode, the alternate screen, pastes and clicks; a full-screen terminal, which never asks
/// the terminal where its cursor is (only `ratatui::Terminal::clear` and inline viewports do,
/// and their answer would be read, and lost, by the event reader's thread).
fn enter() -> io::Result<Terminal<Output>> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableClicks
    )?;
    Terminal::new(Output::stdout())
}

/// Gives the terminal back as it was; raw mode goes first, as it has more side effects.
fn leave() -> io::Result<()> {
    let raw = disable_raw_mode();
    let screen = execute!(
        io::stdout(),
        DisableClicks,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    raw.and(screen)
}

/// Reports a panic without its message (it could hold an answer): only where it happened and where
/// the unfinished intakes are kept. Install it before [`run`], which restores the terminal first
/// when the panic is on the thread that draws, and keeps other threads' panics off the screen.
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

/// Whether some thread holds the terminal in raw mode on the alternate screen.
static TERMINAL_UP: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Whether this thread is the one that draws.
    static DRAWS: Cell<bool> = const { Cell::new(false) };
}

/// The thread that draws on the terminal, from [`TerminalOwner::claim`] until dropped. While it
/// lives, a panic on this thread restores the terminal before it is reported; a panic on any
/// other thread (a background sender, a syncer) leaves the terminal alone and prints nothing on
/// it, so the UI keeps its screen and its keys; whoever owns that thread learns of its end.
pub struct TerminalOwner {
    /// Bound to the claiming thread.
    _here: std::marker::PhantomData<*const ()>,
}

impl TerminalOwner {
    /// Marks this thread as the one that draws. The hook in place (see [`install_panic_hook`])
    /// is wrapped once, the first time.
    #[must_use]
    pub fn claim() -> TerminalOwner {
        static WRAP: Once = Once::new();
        WRAP.call_once(|| {
            let report = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if !TERMINAL_UP.load(Ordering::SeqCst) {
                    report(info);
                } else if DRAWS.try_with(Cell::get).unwrap_or(false) {
                    let _ = leave();
                    TERMINAL_UP.store(false, Ordering::SeqCst);
                    report(info);
                }
            }));
        });
        DRAWS.with(|draws| draws.set(true));
        TERMINAL_UP.store(true, Ordering::SeqCst);
        TerminalOwner {
            _here: std::marker::PhantomData,
        }
    }
}

impl Drop for TerminalOwner {
    fn drop(&mut self) {
        DRAWS.with(|draws| draws.set(false));
        TERMINAL_UP.store(false, Ordering::SeqCst);
    }
}

/// Whether an I/O error means the terminal is gone (hung up, closed, not a terminal any more),
/// rather than a hiccup the next frame can get past.
#[must_use]
pub fn terminal_gone(error: &io::Error) -> bool {
    use io::ErrorKind::{BrokenPipe, ConnectionReset, NotConnected, UnexpectedEof, WriteZero};
    matches!(
        error.kind(),
        BrokenPipe | ConnectionReset | NotConnected | UnexpectedEof | WriteZero
    ) || matches!(
        error.raw_os_error(),
        Some(libc::EIO | libc::ENXIO | libc::EBADF | libc::ENODEV | libc::ENOTTY)
    )
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
            match event::read() {
                Ok(event) => {
                    if sender.send(Wake::Terminal(Ok(event))).is_err() {
                        break;
                    }
                }
                Err(error) if terminal_gone(&error) => {
                    let _ = sender.send(Wake::Terminal(Err(error)));
                    break;
                }
                // Anything else (a reply the terminal garbled, an interrupted read) passes.
                Err(_) => thread::sleep(READ_AGAIN_AFTER),
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

/// Draws frames and writes to the terminal only the cells that changed since the last frame,
/// so an event that changes nothing writes nothing.
///
/// It keeps two buffers, the frame the terminal shows and the one being drawn, and swaps them:
/// a frame allocates nothing, and each cell is compared once (the diff is the comparison).
#[derive(Default)]
pub struct Presenter {
    /// What the terminal shows; `None` when that is unknown (before the first frame, after a
    /// resize or a failed write): the screen is then cleared and the next frame drawn whole.
    shown: Option<Shown>,
    /// The next frame, drawn over the one before last.
    next: Buffer,
}

struct Shown {
    buffer: Buffer,
    /// Where the cursor shows (`None`: hidden), once a frame has placed it since the screen was
    /// cleared; until then its state is unknown.
    cursor: Option<Position>,
    cursor_placed: bool,
}

impl Presenter {
    /// The next frame is drawn whole, on a cleared screen.
    pub fn invalidate(&mut self) {
        self.shown = None;
    }

    /// Draws the app at the terminal's size (told to the app when it changed) and writes the
    /// cells that differ from the last frame written. Returns whether anything was written.
    ///
    /// The size is read once per frame (an ioctl, never a query answered on the input), and the
    /// frame drawn is the one measured, whatever the terminal does meanwhile.
    ///
    /// # Errors
    /// A terminal I/O error.
    pub fn present<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        app: &mut App,
    ) -> io::Result<bool>
    where
        B::Error: Error + Send + Sync + 'static,
    {
        let backend = terminal.backend_mut();
        let area = Rect::from((Position::ORIGIN, backend.size().map_err(io_error)?));
        // Taken until the frame is written: a write that fails leaves the screen unknown.
        let shown = match self.shown.take() {
            Some(shown) if shown.buffer.area == area => shown,
            _ => {
                backend.clear().map_err(io_error)?;
                Shown {
                    buffer: Buffer::empty(area),
                    cursor: None,
                    cursor_placed: false,
                }
            }
        };
        if app.area != area {
            app.resize(area.width, area.height);
        }
        if self.next.area == area {
            self.next.reset();
        } else {
            self.next = Buffer::empty(area);
        }
        let cursor = app.render_frame(area, &mut self.next);
        let changes = shown.buffer.diff(&self.next);
        let cursor_stays = shown.cursor_placed && shown.cursor == cursor;
        if changes.is_empty() && cursor_stays {
            self.shown = Some(shown);
            return Ok(false);
        }
        backend.draw(changes.into_iter()).map_err(io_error)?;
        match cursor {
            None if !cursor_stays => backend.hide_cursor().map_err(io_error)?,
            None => {}
            Some(at) => {
                if !shown.cursor_placed || shown.cursor.is_none() {
                    backend.show_cursor().map_err(io_error)?;
                }
                // Cells were drawn (which moves the terminal's cursor) or the cursor moved.
                backend.set_cursor_position(at).map_err(io_error)?;
            }
        }
        backend.flush().map_err(io_error)?;
        let Shown { buffer, .. } = shown;
        self.shown = Some(Shown {
            buffer: std::mem::replace(&mut self.next, buffer),
            cursor,
            cursor_placed: true,
        });
        Ok(true)
    }
}

/// A backend's error as the I/O error it is (its kind kept, to tell a terminal gone from a
/// hiccup).
fn io_error<E: Error + Send + Sync + 'static>(error: E) -> io::Error {
    let boxed: Box<dyn Error + Send + Sync> = Box::new(error);
    match boxed.downcast::<io::Error>() {
        Ok(error) => *error,
        Err(other) => io::Error::other(other),
    }
}

/// Runs the app on `terminal` until it ends, woken by `wakes`.
///
/// A terminal that is gone stops the app as SIGHUP would (the draft saved). Any other terminal
/// error is survived by a kiosk, which draws the whole screen again a moment later; staff mode
/// saves the draft and stops, saying why.
pub fn event_loop<B: Backend>(
    app: &mut App,
    terminal: &mut Terminal<B>,
    wakes: &Receiver<Wake>,
) -> Ended
where
    B::Error: Error + Send + Sync + 'static,
{
    let mut presenter = Presenter::default();
    while app.running == Running::Yes {
        let mut redraw_at = None;
        if let Err(error) = presenter.present(terminal, app) {
            if let Some(ended) = failed(app, &error) {
                return ended;
            }
            presenter.invalidate();
            redraw_at = Some(Instant::now() + REDRAW_AFTER);
        }
        // Sleep until input, or until the next timer (kiosk only); never poll while idle.
        let now = Instant::now();
        let deadline = match (app.next_deadline(now), redraw_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let wake = match deadline {
            Some(deadline) => match wakes.recv_timeout(deadline.saturating_duration_since(now)) {
                Ok(wake) => Some(wake),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => Some(Wake::Stop(Stop::TerminalGone)),
            },
            None => Some(wakes.recv().unwrap_or(Wake::Stop(Stop::TerminalGone))),
        };
        let now = Instant::now();
        match wake {
            Some(Wake::Terminal(Err(error))) => {
                if let Some(ended) = failed(app, &error) {
                    return ended;
                }
            }
            Some(Wake::Terminal(Ok(event))) => match event {
                Event::Key(key) if key.is_press() || key.is_repeat() => app.handle_key(key, now),
                Event::Paste(text) => app.handle_paste(&text, now),
                Event::Mouse(mouse) => app.handle_mouse(mouse, now),
                // The next frame reads the size itself: the event's may already be out of date.
                Event::Resize(..) => presenter.invalidate(),
                _ => {}
            },
            Some(Wake::Stop(why)) => {
                let kept = app.stop();
                return Ended::Stopped { why, kept };
            }
            None => {}
        }
        app.tick(Instant::now());
    }
    Ended::Left(app.left.take().unwrap_or(Kept::Nothing))
}

/// What a terminal error ends: everything when the terminal is gone; a staff session otherwise
/// (its draft saved); nothing at a kiosk, which must never leave without the PIN.
fn failed(app: &mut App, error: &io::Error) -> Option<Ended> {
    let why = if terminal_gone(error) {
        Stop::TerminalGone
    } else if app.config.kiosk {
        return None;
    } else {
        Stop::TerminalFailed(error.to_string())
    };
    let kept = app.stop();
    Some(Ended::Stopped { why, kept })
}
