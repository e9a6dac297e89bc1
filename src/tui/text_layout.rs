//! Wrapping and measuring text for the screens: what is measured here is what is drawn.

use ratatui::text::Span;

/// How many lines `text` takes when word-wrapped to `width` (as [`wrap`] lays it out).
#[must_use]
pub fn wrapped_height(text: &str, width: u16) -> u16 {
    u16::try_from(wrap(text, usize::from(width)).len()).unwrap_or(u16::MAX)
}

/// The display width of `text` in terminal columns.
#[must_use]
pub fn width_of(text: &str) -> usize {
    Span::raw(text).width()
}

/// Word-wraps `text` to `width` columns, one string per line; `\n` starts a new line. A word
/// longer than a line (a path, say) breaks after its last `/` that fits, else where the line ends.
/// The one wrapping helper of the screens: hanging indents and `…` cuts are built on it.
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for mut word in paragraph.split_whitespace() {
            let mut w = width_of(word);
            if used > 0 && used + 1 + w <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            // A word too long for any line (a path) starts here if a part up to a `/` fits.
            if used > 0 && w > width && used + 2 < width {
                let (head, rest) = split_word(word, width - used - 1);
                if head.ends_with('/') {
                    line.push(' ');
                    line.push_str(head);
                    word = rest;
                    w = width_of(word);
                }
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
            }
            while w > width {
                let (head, rest) = split_word(word, width);
                lines.push(head.to_owned());
                word = rest;
                w = width_of(word);
            }
            line.push_str(word);
            used = w;
        }
        lines.push(line);
    }
    lines
}

/// The longest head of `word` that fits `width` columns (cut after a `/` where there is one), and
/// the rest. The head is never empty.
fn split_word(word: &str, width: usize) -> (&str, &str) {
    let mut end = 0;
    for (i, c) in word.char_indices() {
        let next = i + c.len_utf8();
        if width_of(&word[..next]) > width {
            break;
        }
        end = next;
    }
    if end == 0 {
        end = word.chars().next().map_or(word.len(), char::len_utf8);
    }
    if let Some(slash) = word[..end].rfind('/')
        && slash > 0
        && end < word.len()
    {
        end = slash + 1;
    }
    word.split_at(end)
}

/// `text` as it fits on one line of `width` columns: cut with `…` where it is longer.
#[must_use]
pub fn ellipsize(text: &str, width: usize) -> String {
    if width_of(text) <= width {
        text.to_owned()
    } else {
        cut_with_ellipsis(text, width)
    }
}

/// `text` cut to leave room for a final `…` within `width` columns, and the `…`.
fn cut_with_ellipsis(text: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    for c in text.chars() {
        let mut b = [0; 4];
        if width_of(&out) + width_of(c.encode_utf8(&mut b)) + 1 > width {
            break;
        }
        out.push(c);
    }
    let mut out = out.trim_end().to_owned();
    out.push('…');
    out
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
                last.push('…');
            } else {
                *last = cut_with_ellipsis(last, width);
            }
        }
    }
    lines
}

/// `text` wrapped to `width` after `first` (a bullet, a label): every later line is indented to
/// line up under the first line's text.
#[must_use]
pub fn hanging(first: &str, text: &str, width: usize) -> Vec<String> {
    let indent = width_of(first);
    wrap(text, width.saturating_sub(indent).max(1))
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
