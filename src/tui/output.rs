//! The terminal the UI draws on: crossterm's backend over a buffered stdout, with each frame
//! leaving in one write and the size read by one ioctl (crossterm's opens `/dev/tty` each time).

use std::io::{self, BufWriter, Stdout, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::cursor::{Hide, MoveTo, Show};
use ratatui::crossterm::queue;
use ratatui::layout::{Position, Size};

/// Room for a whole frame of a large terminal, colours and all.
const FRAME_BYTES: usize = 256 * 1024;

/// Standard output as the UI's terminal. Cursor moves are queued with the frame's cells rather
/// than written at once; [`Backend::flush`] sends them all.
pub struct Output(CrosstermBackend<BufWriter<Stdout>>);

impl Output {
    #[must_use]
    pub fn stdout() -> Output {
        Output(CrosstermBackend::new(BufWriter::with_capacity(
            FRAME_BYTES,
            io::stdout(),
        )))
    }
}

impl Backend for Output {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.0.draw(content)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        queue!(self.0, Hide)
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        queue!(self.0, Show)
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        queue!(self.0, MoveTo(x, y))
    }

    fn clear(&mut self) -> io::Result<()> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        let mut size = libc::winsize {
            ws_row: 0,
            ws_col: 0,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCGWINSZ writes one winsize to the valid pointer given.
        let failed = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &raw mut size) };
        if failed != 0 || size.ws_col == 0 || size.ws_row == 0 {
            // Standard output is not the terminal: crossterm finds it another way.
            return self.0.size();
        }
        Ok(Size::new(size.ws_col, size.ws_row))
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.0.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.0)
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.0)
    }
}
