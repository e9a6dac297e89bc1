//! A list of options to choose from: pointer, mark and number before each label, labels wrapped
//! under their text, scrolled to keep the highlighted option in view with cues for hidden ones.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::Hit;
use crate::tui::text_layout::wrap;
use crate::tui::theme::Theme;
use crate::words::{Label, Words};

/// Before each label: pointer, mark, number (`▶ [x] 1  `).
const PREFIX: usize = 9;

/// The options as they stand.
pub struct ChoiceList<'a> {
    pub labels: &'a [String],
    pub highlight: Option<usize>,
    pub chosen: &'a dyn Fn(usize) -> bool,
    /// The marks of a chosen and an unchosen option: `(•)`/`( )` or `[x]`/`[ ]`.
    pub on: &'a str,
    pub off: &'a str,
}

/// Where everything goes in an area.
struct Placement {
    /// Each option's label, wrapped.
    wrapped: Vec<Vec<String>>,
    /// (option, line of its label, row).
    lines: Vec<(usize, usize, Rect)>,
    above: Option<Rect>,
    below: Option<Rect>,
}

/// The lines the list would like at `width`.
#[must_use]
pub fn height(labels: &[String], width: u16) -> usize {
    wrapped(labels, usize::from(width))
        .iter()
        .map(Vec::len)
        .sum()
}

fn wrapped(labels: &[String], width: usize) -> Vec<Vec<String>> {
    labels
        .iter()
        .map(|label| wrap(label, width.saturating_sub(PREFIX)))
        .collect()
}

/// Which options show from `first` in `height` lines, with a cue line above when options are
/// hidden above and one below when some are hidden below: (last exclusive, cue above, cue below).
fn window(heights: &[usize], first: usize, height: usize) -> (usize, bool, bool) {
    let above = first > 0;
    let fill = |room: usize| {
        let mut used = 0;
        let mut end = first;
        while end < heights.len() && used + heights[end] <= room {
            used += heights[end];
            end += 1;
        }
        end
    };
    let room = height.saturating_sub(usize::from(above));
    let end = fill(room);
    if end == heights.len() {
        (end, above, false)
    } else {
        (fill(room.saturating_sub(1)).max(first + 1), above, true)
    }
}

fn place(labels: &[String], highlight: Option<usize>, area: Rect) -> Placement {
    let wrapped = wrapped(labels, usize::from(area.width));
    let heights: Vec<usize> = wrapped.iter().map(Vec::len).collect();
    let height = usize::from(area.height.max(1));
    // The first option shown: the earliest that keeps the highlighted one in view.
    let target = highlight.unwrap_or(0).min(labels.len().saturating_sub(1));
    let mut first = 0;
    while first < target && window(&heights, first, height).0 <= target {
        first += 1;
    }
    let (end, above, below) = window(&heights, first, height);
    let row = |y: u16| Rect::new(area.x, y, area.width, 1);
    let mut y = area.y;
    let bottom = area.bottom() - u16::from(below);
    let above = above.then(|| {
        y += 1;
        row(area.y)
    });
    let mut lines = Vec::new();
    'options: for (option, label) in wrapped.iter().enumerate().take(end).skip(first) {
        for k in 0..label.len() {
            if y >= bottom {
                break 'options;
            }
            lines.push((option, k, row(y)));
            y += 1;
        }
    }
    Placement {
        wrapped,
        lines,
        above,
        below: below.then(|| row(bottom)),
    }
}

/// Where a tap on each option lands.
#[must_use]
pub fn hits(labels: &[String], highlight: Option<usize>, area: Rect) -> Vec<(Rect, Hit)> {
    place(labels, highlight, area)
        .lines
        .into_iter()
        .map(|(option, _, rect)| (rect, Hit::Option(option)))
        .collect()
}

impl ChoiceList<'_> {
    pub fn render(&self, theme: &Theme, words: &dyn Words, area: Rect, buf: &mut Buffer) {
        let placement = place(self.labels, self.highlight, area);
        if let Some(rect) = placement.above {
            Paragraph::new(format!("  {}", words.label(Label::MoreAbove)))
                .style(theme.help)
                .render(rect, buf);
        }
        for (i, k, rect) in placement.lines {
            let number = match i {
                0..=8 => format!("{}", i + 1),
                9 => "0".to_owned(),
                _ => " ".to_owned(),
            };
            let is_chosen = (self.chosen)(i);
            let is_highlighted = self.highlight == Some(i);
            let style = if is_highlighted {
                theme.highlight
            } else if is_chosen {
                theme.chosen
            } else {
                theme.base
            };
            let prefix = if k == 0 {
                let pointer = if is_highlighted { "▶" } else { " " };
                let mark = if is_chosen { self.on } else { self.off };
                format!("{pointer} {mark} {number}  ")
            } else {
                " ".repeat(PREFIX)
            };
            Paragraph::new(Line::from(vec![
                Span::raw(prefix),
                Span::raw(placement.wrapped[i][k].as_str()),
            ]))
            .style(style)
            .render(rect, buf);
        }
        if let Some(rect) = placement.below {
            Paragraph::new(format!("  {}", words.label(Label::MoreBelow)))
                .style(theme.help)
                .render(rect, buf);
        }
    }
}
