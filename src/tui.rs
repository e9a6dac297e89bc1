//! The intake terminal UI: staff-guided mode and kiosk mode. [`run`] owns the terminal; the state
//! and its key handling are in [`app`], the drawing in [`view`] and `screens`.

pub mod app;
pub mod editor;
pub mod screens;
pub mod theme;
pub mod view;

use std::io;
use std::time::Instant;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;

pub use app::{App, Config, Running};

/// Runs the UI until staff leave (or the kiosk is left with the PIN). Nothing is written to stdout
/// while the alternate screen is up.
///
/// # Errors
/// A terminal I/O error.
pub fn run(config: Config) -> io::Result<()> {
    let mut app = App::new(config, Instant::now());
    ratatui::run(|terminal| {
        execute!(io::stdout(), EnableBracketedPaste, EnableMouseCapture)?;
        let result = event_loop(&mut app, terminal);
        let restored = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        result.and(restored)
    })
}

fn event_loop(app: &mut App, terminal: &mut DefaultTerminal) -> io::Result<()> {
    while app.running == Running::Yes {
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        // Sleep until input, or until the next timer (kiosk only); never poll while idle.
        let now = Instant::now();
        let ready = match app.next_deadline(now) {
            Some(deadline) => event::poll(deadline.saturating_duration_since(now))?,
            None => true,
        };
        let now = Instant::now();
        if ready {
            match event::read()? {
                Event::Key(key) if key.is_press() || key.is_repeat() => app.handle_key(key, now),
                Event::Paste(text) => app.handle_paste(&text, now),
                Event::Mouse(mouse) => app.handle_mouse(mouse, now),
                _ => {}
            }
        }
        app.tick(Instant::now());
    }
    Ok(())
}
