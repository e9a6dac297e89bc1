//! The event loop against a terminal that misbehaves: it is resized while it draws, it never
//! answers a query for the cursor (a real one's answer would be read, and lost, by the input
//! thread), and it refuses a frame now and then. A kiosk rides all of it out; staff mode saves the
//! draft and says why it stopped.

use std::io;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Size};
use skin_intake::tui::app::App;
use skin_intake::tui::{Ended, Kept, Stop, Wake, event_loop};

use crate::support::{config, out_dir};

/// What the test sees of the terminal while the loop owns it.
#[derive(Default)]
struct Seen {
    /// The size the terminal says it has (an ioctl on a real one).
    size: Option<Size>,
    /// The screen as last flushed.
    screen: Option<TestBackend>,
    /// Times the loop asked where the cursor is.
    cursor_queries: usize,
    /// Errors the next writes return, first first.
    failures: Vec<io::Error>,
}

/// A terminal whose size the test changes under the loop's feet, and which cannot answer a query
/// for the cursor position.
struct Shaky {
    inner: TestBackend,
    seen: Arc<Mutex<Seen>>,
}

impl Shaky {
    fn new(seen: &Arc<Mutex<Seen>>, width: u16, height: u16) -> Shaky {
        seen.lock().unwrap().size = Some(Size::new(width, height));
        Shaky {
            inner: TestBackend::new(width, height),
            seen: Arc::clone(seen),
        }
    }

    /// Follows the size the test set, and fails if a failure is due.
    fn write(&mut self) -> io::Result<()> {
        let mut seen = self.seen.lock().unwrap();
        let size = seen.size.unwrap();
        if self.inner.buffer().area.as_size() != size {
            self.inner.resize(size.width, size.height);
        }
        if seen.failures.is_empty() {
            Ok(())
        } else {
            Err(seen.failures.remove(0))
        }
    }
}

impl Backend for Shaky {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.write()?;
        let cells: Vec<_> = content.collect();
        // A frame drawn for a size the terminal no longer has lands partly off it: clip it.
        let area = self.inner.buffer().area;
        let cells = cells
            .into_iter()
            .filter(|(x, y, _)| *x < area.width && *y < area.height);
        self.inner.draw(cells).map_err(|never| match never {})
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor().map_err(|never| match never {})
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor().map_err(|never| match never {})
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.seen.lock().unwrap().cursor_queries += 1;
        Err(io::Error::other(
            "The cursor position could not be read within a normal duration",
        ))
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner
            .set_cursor_position(position)
            .map_err(|never| match never {})
    }
    fn clear(&mut self) -> io::Result<()> {
        self.write()?;
        self.inner.clear().map_err(|never| match never {})
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.write()?;
        self.inner
            .clear_region(clear_type)
            .map_err(|never| match never {})
    }
    fn size(&self) -> io::Result<Size> {
        Ok(self.seen.lock().unwrap().size.unwrap())
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size().map_err(|never| match never {})
    }
    fn flush(&mut self) -> io::Result<()> {
        self.write()?;
        self.seen.lock().unwrap().screen = Some(self.inner.clone());
        Ok(())
    }
}

/// The app's event loop on its own thread, on a shaky terminal of 100 × 30.
struct Running {
    seen: Arc<Mutex<Seen>>,
    wakes: Sender<Wake>,
    ended: thread::JoinHandle<Ended>,
}

impl Running {
    fn start(app: App) -> Running {
        let seen = Arc::new(Mutex::new(Seen::default()));
        let backend = Shaky::new(&seen, 100, 30);
        let (wakes, receiver) = mpsc::channel();
        let ended = thread::spawn(move || {
            let mut app = app;
            let mut terminal = Terminal::new(backend).unwrap();
            event_loop(&mut app, &mut terminal, &receiver)
        });
        Running { seen, wakes, ended }
    }

    fn resize(&self, width: u16, height: u16) {
        self.seen.lock().unwrap().size = Some(Size::new(width, height));
        self.send(Wake::Terminal(Ok(Event::Resize(width, height))));
    }

    fn key(&self, code: KeyCode) {
        self.send(Wake::Terminal(Ok(Event::Key(KeyEvent::new(
            code,
            KeyModifiers::NONE,
        )))));
    }

    fn send(&self, wake: Wake) {
        self.wakes.send(wake).expect("the loop still runs");
    }

    /// The screen's lines once it is `width` × `height` and shows `text`.
    fn wait_for(&self, text: &str, width: u16, height: u16) -> String {
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.seen.lock().unwrap().screen.as_ref().map(|backend| {
                let buffer = backend.buffer();
                let lines: Vec<String> = (0..buffer.area.height)
                    .map(|y| {
                        (0..buffer.area.width)
                            .map(|x| buffer[(x, y)].symbol())
                            .collect()
                    })
                    .collect();
                (buffer.area.as_size(), lines.join("\n"))
            });
            if let Some((size, lines)) = &screen
                && *size == Size::new(width, height)
                && lines.contains(text)
            {
                return lines.clone();
            }
            assert!(
                Instant::now() < until,
                "waited for {text:?} at {width} × {height}; the screen is {screen:?}"
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    fn stop(self) -> (Ended, usize) {
        let _ = self.wakes.send(Wake::Stop(Stop::Signal("SIGTERM")));
        let ended = self.ended.join().expect("the loop never panics");
        let queries = self.seen.lock().unwrap().cursor_queries;
        (ended, queries)
    }

    fn ended(self) -> (Ended, usize) {
        let ended = self.ended.join().expect("the loop never panics");
        let queries = self.seen.lock().unwrap().cursor_queries;
        (ended, queries)
    }
}

/// 40 sizes from 20 × 8 to 200 × 60, as a window dragged about.
fn storm() -> Vec<(u16, u16)> {
    (1..=40u16)
        .map(|i| (20 + (i * 37) % 181, 8 + (i * 13) % 53))
        .collect()
}

#[test]
fn a_resize_storm_never_asks_for_the_cursor_and_ends_drawn_at_the_last_size() {
    let out = out_dir();
    let running = Running::start(App::new(config(out.path(), true), Instant::now()));
    running.wait_for("Press Enter to begin", 100, 30);
    for (i, (width, height)) in storm().into_iter().enumerate() {
        running.resize(width, height);
        if i % 3 != 0 {
            thread::sleep(Duration::from_millis(2));
        }
    }
    // Too small: said so, until it grows.
    running.resize(30, 8);
    running.wait_for("Please enlarge the window.", 30, 8);
    running.resize(90, 28);
    let screen = running.wait_for("Press Enter to begin", 90, 28);
    assert!(!screen.contains("enlarge"), "{screen}");
    // Still alive, mid-question.
    running.key(KeyCode::Enter);
    running.wait_for("What is your full name?", 90, 28);
    running.resize(61, 20);
    running.wait_for("What is your full name?", 61, 20);
    let (ended, queries) = running.stop();
    assert!(
        matches!(
            ended,
            Ended::Stopped {
                why: Stop::Signal("SIGTERM"),
                ..
            }
        ),
        "{ended:?}"
    );
    assert_eq!(queries, 0, "the cursor position was asked for");
}

#[test]
fn a_kiosk_rides_out_a_terminal_that_refuses_frames_and_draws_it_whole_again() {
    let out = out_dir();
    let running = Running::start(App::new(config(out.path(), true), Instant::now()));
    running.wait_for("Press Enter to begin", 100, 30);
    running.seen.lock().unwrap().failures = vec![
        io::Error::other("The cursor position could not be read within a normal duration"),
        io::Error::from(io::ErrorKind::Interrupted),
        io::Error::from(io::ErrorKind::TimedOut),
    ];
    running.key(KeyCode::Enter);
    // The failed frames are drawn again by the kiosk's own retry, without another key.
    running.wait_for("What is your full name?", 100, 30);
    assert!(running.seen.lock().unwrap().failures.is_empty());
    let (ended, _) = running.stop();
    assert!(
        matches!(
            ended,
            Ended::Stopped {
                why: Stop::Signal(_),
                ..
            }
        ),
        "{ended:?}"
    );
}

#[test]
fn staff_mode_saves_the_draft_when_the_terminal_fails_and_says_why() {
    let out = out_dir();
    let running = Running::start(App::new(config(out.path(), false), Instant::now()));
    running.wait_for("New intake", 100, 30);
    running.key(KeyCode::Enter);
    running.wait_for("What is your full name?", 100, 30);
    for c in "Ada Lovelace".chars() {
        running.key(KeyCode::Char(c));
    }
    running.key(KeyCode::Enter);
    running.wait_for("Question 2", 100, 30);
    running.seen.lock().unwrap().failures = vec![io::Error::other("the terminal misbehaved")];
    running.key(KeyCode::Esc);
    let (ended, _) = running.ended();
    let Ended::Stopped {
        why,
        kept: Kept::Draft(path),
    } = ended
    else {
        panic!("{ended:?}");
    };
    assert_eq!(why, Stop::TerminalFailed("the terminal misbehaved".into()));
    assert!(path.exists(), "{}", path.display());
    assert_eq!(
        why.to_string(),
        "because its terminal could not be drawn on (the terminal misbehaved)"
    );
}

#[test]
fn a_terminal_that_is_gone_stops_even_a_kiosk_with_the_draft_saved() {
    let out = out_dir();
    let running = Running::start(App::new(config(out.path(), true), Instant::now()));
    running.wait_for("Press Enter to begin", 100, 30);
    running.key(KeyCode::Enter);
    running.wait_for("What is your full name?", 100, 30);
    running.seen.lock().unwrap().failures = vec![io::Error::from_raw_os_error(libc::EIO)];
    running.key(KeyCode::Char('A'));
    let (ended, _) = running.ended();
    assert!(
        matches!(
            ended,
            Ended::Stopped {
                why: Stop::TerminalGone,
                ..
            }
        ),
        "{ended:?}"
    );
}
