//! Lines typed (or piped) in, each read with a bound: a line longer than [`MAX_LINE`] bytes is
//! named and skipped whole, never held in memory.

use std::io::BufRead;

use crate::words::plain::Unread;

/// The longest line read, in bytes: more than any answer (a note is far shorter).
pub const MAX_LINE: usize = 64 * 1024;

pub enum Line {
    Text(String),
    Unread(Unread),
    /// The input ended (or could not be read any more).
    End,
}

pub struct Input<R> {
    reader: R,
}

impl<R: BufRead> Input<R> {
    pub fn new(reader: R) -> Self {
        Input { reader }
    }

    pub fn next(&mut self) -> Line {
        let mut bytes = Vec::new();
        let limit = u64::try_from(MAX_LINE).unwrap_or(u64::MAX) + 1;
        match std::io::Read::take(&mut self.reader, limit).read_until(b'\n', &mut bytes) {
            Ok(0) | Err(_) => return Line::End,
            Ok(_) => {}
        }
        if bytes.last() != Some(&b'\n') && bytes.len() > MAX_LINE {
            self.skip_rest();
            return Line::Unread(Unread::TooLong { max: MAX_LINE });
        }
        while matches!(bytes.last(), Some(b'\n' | b'\r')) {
            bytes.pop();
        }
        match String::from_utf8(bytes) {
            Ok(text) => Line::Text(
                text.strip_prefix('\u{feff}')
                    .map(str::to_owned)
                    .unwrap_or(text),
            ),
            Err(_) => Line::Unread(Unread::NotText),
        }
    }

    /// Drops the rest of an overlong line, a buffer at a time.
    fn skip_rest(&mut self) {
        loop {
            let (used, done) = match self.reader.fill_buf() {
                Ok([]) | Err(_) => return,
                Ok(buf) => match buf.iter().position(|&b| b == b'\n') {
                    Some(at) => (at + 1, true),
                    None => (buf.len(), false),
                },
            };
            self.reader.consume(used);
            if done {
                return;
            }
        }
    }
}
