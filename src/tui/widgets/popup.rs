//! A centred popup with a titled border, cleared with a column around it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::tui::theme::Theme;

/// Where the popup's frame goes (`width` × `height`, clipped to `area`, centred; any odd row or
/// column going below and to the right).
fn frame(width: u16, height: u16, area: Rect) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// The room inside a popup of `width` × `height` in `area`, without drawing it: where its taps land.
#[must_use]
pub fn inside(width: u16, height: u16, area: Rect) -> Rect {
    Block::default()
        .borders(Borders::ALL)
        .inner(frame(width, height, area))
        .inner(Margin::new(1, 0))
}

/// Draws the popup's frame (`width` × `height`, clipped to `area`) and returns the room inside it.
pub fn popup(
    theme: &Theme,
    title: &str,
    width: u16,
    height: u16,
    area: Rect,
    buf: &mut Buffer,
) -> Rect {
    let rect = frame(width, height, area);
    // One column more on each side, so nothing underneath touches the border.
    let left = rect.x.saturating_sub(1).max(area.x);
    let right = rect.right().saturating_add(1).min(area.right());
    let around = Rect::new(left, rect.y, right - left, rect.height);
    Clear.render(around, buf);
    buf.set_style(around, theme.base);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.title)
        .style(theme.base)
        .title(Span::styled(format!(" {title} "), theme.title));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner.inner(Margin::new(1, 0))
}
