//! Cells drawn once and copied into later frames while what they show is unchanged: for a part
//! of the screen that costs more to draw than to compare, such as the live assessment.

use std::cell::RefCell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The cells last drawn for one part of the screen, with what they showed (`K`).
#[derive(Debug)]
pub struct Kept<K>(RefCell<Option<(K, Buffer)>>);

impl<K> Default for Kept<K> {
    fn default() -> Self {
        Kept(RefCell::new(None))
    }
}

impl<K> Kept<K> {
    /// Copies the kept cells into `area` of `buf` when `still` holds for what they showed;
    /// otherwise draws them anew with `draw` and keeps them with `what()`.
    pub fn render(
        &self,
        area: Rect,
        buf: &mut Buffer,
        still: impl FnOnce(&K) -> bool,
        what: impl FnOnce() -> K,
        draw: impl FnOnce(&mut Buffer),
    ) {
        let mut kept = self.0.borrow_mut();
        let (_, cells) = match kept.take() {
            Some((shown, cells)) if cells.area == area && still(&shown) => {
                kept.insert((shown, cells))
            }
            _ => {
                let mut cells = Buffer::empty(area);
                draw(&mut cells);
                kept.insert((what(), cells))
            }
        };
        let area = area.intersection(buf.area);
        let width = usize::from(area.width);
        for y in area.top()..area.bottom() {
            let from = cells.index_of(area.x, y);
            let to = buf.index_of(area.x, y);
            buf.content[to..to + width].clone_from_slice(&cells.content[from..from + width]);
        }
    }
}
