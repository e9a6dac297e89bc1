//! The one text layout of the screens: it wraps text to a width and measures it, and the screens
//! draw its lines as they are (a `Paragraph` without `wrap`), so the height a screen measures is
//! the height it draws.
//!
//! - Widths are terminal columns as ratatui draws them: grapheme by grapheme, control characters
//!   not drawn.
//! - Lines break at whitespace, never at a no-break space; `\n` starts a new line. Whitespace
//!   inside a line stays as written (a tab becomes one space), and so does a paragraph's
//!   indentation where its first word fits after it; where a line breaks, whitespace goes.
//! - A word longer than a line (a path, a URL) breaks after a `/` where a part up to it fits,
//!   else between graphemes; a grapheme wider than the whole line shows as `…`.
//! - Lines are filled by textwrap's first-fit algorithm.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use ratatui::buffer::CellWidth;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_segmentation::UnicodeSegmentation;

const ELLIPSIS: &str = "…";

/// The display width of `text` in terminal columns, as ratatui draws it.
#[must_use]
pub fn width_of(text: &str) -> usize {
    text.graphemes(true).map(grapheme_width).sum()
}

/// Word-wraps `text` to `width` columns, one string per line (see the module's rules).
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let text = clean(text);
    let width = width.max(1);
    line_ranges(&text, width)
        .into_iter()
        .map(|range| {
            let line = &text[range];
            if width_of(line) > width {
                ELLIPSIS.to_owned()
            } else {
                line.to_owned()
            }
        })
        .collect()
}

/// How many lines `text` takes when wrapped to `width` (as [`wrap`] lays it out).
#[must_use]
pub fn wrapped_height(text: &str, width: u16) -> u16 {
    u16::try_from(wrap(text, usize::from(width)).len()).unwrap_or(u16::MAX)
}

/// `text` wrapped to `width` in at most `max` lines; when it needs more, the last shown line ends
/// with `…`.
#[must_use]
pub fn wrap_at_most(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines = wrap(text, width);
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            if width_of(last) < width {
                last.push_str(ELLIPSIS);
            } else {
                *last = cut_with_ellipsis(last, width);
            }
        }
    }
    lines
}

/// `text` wrapped to `width` after `first` (a bullet, a label): every later line is indented to
/// line up under the first line's text. Where `first` leaves no room, the two wrap as one text.
#[must_use]
pub fn hanging(first: &str, text: &str, width: usize) -> Vec<String> {
    let indent = width_of(first);
    if indent >= width {
        return wrap(&format!("{first}{text}"), width);
    }
    wrap(text, width - indent)
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                format!("{first}{line}")
            } else {
                format!("{:indent$}{line}", "")
            }
        })
        .collect()
}

/// The narrowest column a value is wrapped into beside its label: a date such as
/// "12 November 2026" wrapped into four columns cannot be read.
pub const MIN_VALUE_WIDTH: usize = 12;

/// A label put before `value` on a line of `width` columns, cut with `…` (keeping its trailing
/// `": "` or spaces) where the value would wrap into fewer than [`MIN_VALUE_WIDTH`] columns: the
/// cut goes to the label, never to the value. A value that fits beside the whole label leaves it.
#[must_use]
pub fn fit_label(label: &str, value: &str, width: usize) -> String {
    let indent = width_of(label);
    // A short value needs only its own width; a longer one, the narrowest readable column.
    let need = MIN_VALUE_WIDTH.min(width_of(value).max(1));
    if indent + need <= width || width < 2 * MIN_VALUE_WIDTH {
        return label.to_owned();
    }
    let head = label.trim_end_matches([':', ' ']);
    let tail = &label[head.len()..];
    let room = width - need - width_of(tail);
    format!("{}{tail}", cut_with_ellipsis(head, room))
}

/// `text` as it fits on one line of `width` columns: cut with `…` where it is longer.
#[must_use]
pub fn ellipsize(text: &str, width: usize) -> String {
    let text = clean(text).replace('\n', " ");
    if width_of(&text) <= width {
        text
    } else {
        cut_with_ellipsis(&text, width)
    }
}

/// A styled line wrapped to `width` like [`wrap`]: each part keeps its span's style, and every
/// line the line's style and alignment.
#[must_use]
pub fn wrap_line(line: &Line, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width).max(1);
    // The spans' text end to end, and where each span's part of it is.
    let mut text = String::new();
    let mut styled: Vec<(Range<usize>, Style)> = Vec::new();
    for span in &line.spans {
        let start = text.len();
        text.push_str(&clean(&span.content));
        styled.push((start..text.len(), span.style));
    }
    line_ranges(&text, width)
        .into_iter()
        .map(|range| {
            let spans: Vec<Span<'static>> = if width_of(&text[range.clone()]) > width {
                let style = styled
                    .iter()
                    .find(|(part, _)| part.contains(&range.start))
                    .map_or_else(Style::new, |(_, style)| *style);
                vec![Span::styled(ELLIPSIS, style)]
            } else {
                styled
                    .iter()
                    .filter_map(|(part, style)| {
                        let start = part.start.max(range.start);
                        let end = part.end.min(range.end);
                        (start < end).then(|| Span::styled(text[start..end].to_owned(), *style))
                    })
                    .collect()
            };
            let mut out = Line::from(spans).style(line.style);
            out.alignment = line.alignment;
            out
        })
        .collect()
}

/// Every line wrapped to `width` (see [`wrap_line`]).
#[must_use]
pub fn wrap_lines<'a>(lines: impl IntoIterator<Item = Line<'a>>, width: u16) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .flat_map(|line| wrap_line(&line, width))
        .collect()
}

/// A screen's lines as laid out for one width from what it shows (a summary, a record), kept
/// until either changes: scrolling and redrawing draw them again without laying anything out.
#[derive(Debug, Clone)]
pub struct Measured<T>(RefCell<Option<Box<Laid<T>>>>);

type Laid<T> = (u16, T, Arc<[Line<'static>]>);

impl<T> Default for Measured<T> {
    fn default() -> Self {
        Measured(RefCell::new(None))
    }
}

impl<T: Clone + PartialEq> Measured<T> {
    /// The lines of `shown` at `width`, laid out by `lay_out` the first time and after a change.
    pub fn at(
        &self,
        width: u16,
        shown: &T,
        lay_out: impl FnOnce() -> Vec<Line<'static>>,
    ) -> Arc<[Line<'static>]> {
        let mut kept = self.0.borrow_mut();
        match kept.as_deref() {
            Some((at, was, lines)) if *at == width && was == shown => Arc::clone(lines),
            _ => {
                let lines: Arc<[Line<'static>]> = lay_out().into();
                *kept = Some(Box::new((width, shown.clone(), Arc::clone(&lines))));
                lines
            }
        }
    }
}

/// The lines of `lines` that show in a view `height` lines high scrolled down by `scroll`.
#[must_use]
pub fn visible(lines: &[Line<'static>], scroll: u16, height: u16) -> Vec<Line<'static>> {
    lines
        .iter()
        .skip(usize::from(scroll))
        .take(usize::from(height))
        .cloned()
        .collect()
}

/// Columns a grapheme takes when drawn; a control character is not drawn.
fn grapheme_width(grapheme: &str) -> usize {
    if grapheme.contains(char::is_control) {
        0
    } else {
        usize::from(grapheme.cell_width())
    }
}

/// Whitespace where a line may break: not `\n` (it ends one) and not a no-break space.
fn breaks(c: char) -> bool {
    c != '\n' && c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// `text` as it is laid out and drawn: whitespace where a line may break becomes one space (a
/// tab would not be drawn at all), other control characters go.
fn clean(text: &str) -> Cow<'_, str> {
    let keep = |c: char| c == ' ' || c == '\n' || !(breaks(c) || c.is_control());
    if text.chars().all(keep) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| {
                if breaks(c) {
                    Some(' ')
                } else {
                    keep(c).then_some(c)
                }
            })
            .collect(),
    )
}

/// The longest head of `text` of whole graphemes within `width` columns, and its width.
fn head(text: &str, width: usize) -> (&str, usize) {
    let mut used = 0;
    for (at, grapheme) in text.grapheme_indices(true) {
        let w = grapheme_width(grapheme);
        if used + w > width {
            return (&text[..at], used);
        }
        used += w;
    }
    (text, used)
}

/// `text` cut to leave room for a final `…` within `width` columns, and the `…`.
fn cut_with_ellipsis(text: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let mut out = head(text, width - 1).0.trim_end().to_owned();
    out.push_str(ELLIPSIS);
    out
}

/// A run of text a line never breaks inside (a word, or part of one too long for a line), and the
/// spaces after it, as textwrap fills lines with them.
#[derive(Debug)]
struct Piece {
    /// Byte range of the text.
    text: Range<usize>,
    width: usize,
    /// Columns of the spaces after it, drawn unless the line breaks there.
    spaces: usize,
}

/// Columns as textwrap counts them.
#[allow(clippy::cast_precision_loss)] // Line widths are far below 2^52.
fn columns(n: usize) -> f64 {
    n as f64
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        columns(self.width)
    }

    fn whitespace_width(&self) -> f64 {
        columns(self.spaces)
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// The lines of `text` (already [`clean`]) wrapped to `width` (at least 1), as byte ranges of it.
fn line_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for paragraph in text.split('\n') {
        let pieces = pieces(paragraph, start, width);
        if pieces.is_empty() {
            lines.push(start..start);
        }
        for line in wrap_first_fit(&pieces, &[columns(width)]) {
            if let (Some(first), Some(last)) = (line.first(), line.last()) {
                lines.push(first.text.start..last.text.end);
            }
        }
        start += paragraph.len() + 1;
    }
    lines
}

/// The pieces of one paragraph (at byte `offset` of the text): its words, the first with the
/// paragraph's indentation where it fits, and words longer than `width` in parts.
fn pieces(paragraph: &str, offset: usize, width: usize) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut word_start = 0;
    let mut at = paragraph.len() - paragraph.trim_start_matches(' ').len();
    while at < paragraph.len() {
        let word_end = paragraph[at..]
            .find(' ')
            .map_or(paragraph.len(), |n| at + n);
        let spaces =
            paragraph[word_end..].len() - paragraph[word_end..].trim_start_matches(' ').len();
        // Indentation stays only where the first word fits after it.
        if width_of(&paragraph[word_start..word_end]) > width {
            word_start = at;
        }
        let word = &paragraph[word_start..word_end];
        if width_of(word) <= width {
            pieces.push(Piece {
                text: word_start..word_end,
                width: width_of(word),
                spaces: 0,
            });
        } else {
            for part in after_slashes(word) {
                let mut rest = part.clone();
                while rest.start < rest.end {
                    let text = &word[rest.clone()];
                    let (fits, w) = head(text, width);
                    // A grapheme wider than the line is a line of its own.
                    let len = if fits.is_empty() {
                        text.graphemes(true).next().map_or(text.len(), str::len)
                    } else {
                        fits.len()
                    };
                    let w = if fits.is_empty() {
                        width_of(&text[..len])
                    } else {
                        w
                    };
                    pieces.push(Piece {
                        text: word_start + rest.start..word_start + rest.start + len,
                        width: w,
                        spaces: 0,
                    });
                    rest.start += len;
                }
            }
        }
        if let Some(last) = pieces.last_mut() {
            last.spaces = spaces;
        }
        at = word_end + spaces;
        word_start = at;
    }
    for piece in &mut pieces {
        piece.text = piece.text.start + offset..piece.text.end + offset;
    }
    pieces
}

/// `word` in parts that each end after a run of `/` (not one that starts the word): where a long
/// path or URL may break.
fn after_slashes(word: &str) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut leading = true;
    let bytes = word.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let run_ends = b == b'/' && bytes.get(i + 1).is_some_and(|&next| next != b'/');
        if run_ends && !leading {
            parts.push(start..i + 1);
            start = i + 1;
        }
        leading &= b == b'/';
    }
    if start < word.len() {
        parts.push(start..word.len());
    }
    parts
}
