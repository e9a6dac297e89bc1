//! A question: section, progress, prompt, help, the answer widget, the message, Back / Next.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, LineGauge, Paragraph, Widget, Wrap};
use tui_input::Input;

use crate::engine::visibility;
use crate::model::questionnaire::Item;
use crate::tui::app::{App, Hit, Question};
use crate::tui::editor::{DATE_HINT, Editor};
use crate::tui::text_field;
use crate::tui::view::{Keys, hit, wrap, wrap_at_most, wrapped_height};

pub fn render(app: &App, q: &Question, area: Rect, buf: &mut Buffer) -> Keys {
    let theme = app.config.theme;
    let language = &app.config.language;
    let Some(item) = app.config.questionnaire.item(&q.item) else {
        return Vec::new();
    };
    let section = app
        .config
        .questionnaire
        .section_of(&item.id)
        .map_or("", |s| s.title.get(language));
    let (k, n) = app
        .intake
        .as_ref()
        .and_then(|i| {
            visibility::position(
                &app.config.questionnaire,
                &i.answers,
                app.config.today,
                &item.id,
            )
        })
        .unwrap_or((1, 1));

    let prompt = item.prompt.get(language);
    let help = item.help.as_ref().map(|h| h.get(language));
    let width = area.width;
    let help_h = help.map_or(0, |h| wrapped_height(h, width).min(3));
    let message = q.error.as_deref().map(|e| format!("⚠ {e}"));
    let message_h = message
        .as_deref()
        .map_or(0, |m| wrapped_height(m, width).min(3));
    // The lines the answer widget would like, and the fewest it can work with.
    let (widget_full, widget_least) = match &q.editor {
        Editor::Single { .. } | Editor::Multi { .. } => {
            let lines = option_lines(&option_labels(app, item), usize::from(width))
                .iter()
                .map(Vec::len)
                .sum::<usize>();
            let lines = u16::try_from(lines).unwrap_or(u16::MAX);
            (lines, lines.min(4))
        }
        Editor::Boolean { .. } => (2, 2),
        Editor::Text(_) => (4, 3),
        Editor::Date(_) => (3 + wrapped_height(DATE_HINT, width), 3),
    };
    // Section, progress, three blank lines and the buttons are always there; the prompt gets the
    // lines it needs before the answer widget, leaving the widget the fewest it can work with.
    let room = area.height.saturating_sub(6 + help_h + message_h);
    let prompt_lines = wrap_at_most(
        prompt,
        usize::from(width),
        usize::from(room.saturating_sub(widget_least).max(1)),
    );
    let prompt_h = u16::try_from(prompt_lines.len()).unwrap_or(1);
    let widget_h = widget_full.min(room.saturating_sub(prompt_h));
    let [
        section_area,
        progress,
        _,
        prompt_area,
        help_area,
        _,
        widget,
        _,
        message_area,
        _,
        buttons,
    ] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(prompt_h),
        Constraint::Length(help_h),
        Constraint::Length(1),
        Constraint::Length(widget_h),
        Constraint::Length(1),
        Constraint::Length(message_h),
        Constraint::Min(0),
        Constraint::Length(1),
    ]));
    Paragraph::new(section)
        .style(theme.section)
        .render(section_area, buf);
    #[allow(clippy::cast_precision_loss)]
    let ratio = (k as f64 / n.max(1) as f64).clamp(0.0, 1.0);
    LineGauge::default()
        .ratio(ratio)
        .label(format!("Question {k} of {n}  "))
        .filled_symbol("━")
        .unfilled_symbol("─")
        .filled_style(theme.gauge)
        .unfilled_style(theme.border)
        .render(progress, buf);
    Paragraph::new(prompt_lines.into_iter().map(Line::from).collect::<Vec<_>>())
        .style(theme.title)
        .render(prompt_area, buf);
    if let Some(help) = help {
        Paragraph::new(help)
            .style(theme.help)
            .wrap(Wrap { trim: true })
            .render(help_area, buf);
    }
    let keys = answer_widget(app, item, &q.editor, widget, buf);
    if let Some(message) = message {
        Paragraph::new(message)
            .style(theme.error)
            .wrap(Wrap { trim: true })
            .render(message_area, buf);
    }
    let kiosk_first = app.config.kiosk
        && app.intake.as_ref().is_some_and(|i| {
            visibility::previous_shown(
                &app.config.questionnaire,
                &i.answers,
                app.config.today,
                &item.id,
            )
            .is_none()
                && !i.from_review
        });
    buttons_row(app, !kiosk_first, buttons, buf);
    let mut keys = keys;
    keys.push(("Enter", "next"));
    if !kiosk_first {
        keys.push(("Esc", "back"));
    }
    if !app.config.kiosk {
        keys.push(("F2", "note"));
        keys.push(("F3", "override"));
        keys.push(("Ctrl-C", "leave"));
    }
    keys
}

/// The on-screen `Back` and `Next` buttons (for mouse and touch).
pub fn buttons_row(app: &App, back: bool, area: Rect, buf: &mut Buffer) {
    let theme = app.config.theme;
    let next = "[ Next ▶ ]";
    let back_label = "[ ◀ Back ]";
    if back {
        let rect = Rect::new(area.x, area.y, 10.min(area.width), 1);
        Paragraph::new(back_label)
            .style(theme.key)
            .render(rect, buf);
        hit(app, rect, Hit::Back);
    }
    let x = area.x + area.width.saturating_sub(10);
    let rect = Rect::new(x, area.y, 10.min(area.width), 1);
    Paragraph::new(next).style(theme.key).render(rect, buf);
    hit(app, rect, Hit::Next);
}

fn answer_widget(app: &App, item: &Item, editor: &Editor, area: Rect, buf: &mut Buffer) -> Keys {
    let labels = option_labels(app, item);
    match editor {
        Editor::Single { highlight } => {
            options(
                app,
                &labels,
                *highlight,
                |i| *highlight == Some(i),
                "(•)",
                "( )",
                area,
                buf,
            );
            vec![("↑↓/digit", "choose")]
        }
        Editor::Multi { highlight, ticked } => {
            options(
                app,
                &labels,
                Some(*highlight),
                |i| ticked.get(i).copied().unwrap_or(false),
                "[x]",
                "[ ]",
                area,
                buf,
            );
            vec![("↑↓", "move"), ("Space", "tick")]
        }
        Editor::Boolean { value } => {
            let labels = vec!["Yes".to_owned(), "No".to_owned()];
            let highlight = value.map(|v| usize::from(!v));
            options(
                app,
                &labels,
                highlight,
                |i| highlight == Some(i),
                "(•)",
                "( )",
                area,
                buf,
            );
            vec![("y/n", "choose")]
        }
        Editor::Text(input) => {
            let max = item
                .max_length
                .map(|m| format!("{} of {m} characters", input.value().chars().count()));
            text_box(app, input, max.as_deref(), area, buf);
            vec![("type", "answer")]
        }
        Editor::Date(input) => {
            text_box(app, input, Some(DATE_HINT), area, buf);
            vec![("type", "date")]
        }
    }
}

fn option_labels(app: &App, item: &Item) -> Vec<String> {
    item.options
        .iter()
        .map(|o| o.label.get(&app.config.language).to_owned())
        .collect()
}

/// Before each label: pointer, mark, number (`▶ [x] 1  `).
const OPTION_PREFIX: usize = 9;

/// Each option's label wrapped under its text (after the prefix).
fn option_lines(labels: &[String], width: usize) -> Vec<Vec<String>> {
    labels
        .iter()
        .map(|label| wrap(label, width.saturating_sub(OPTION_PREFIX)))
        .collect()
}

/// Which options show, from `first`, in `height` lines with a cue line above when options are
/// hidden above and below when some are hidden below: (first, last exclusive, cue above, cue below).
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

#[allow(clippy::too_many_arguments)]
fn options(
    app: &App,
    labels: &[String],
    highlight: Option<usize>,
    chosen: impl Fn(usize) -> bool,
    on: &str,
    off: &str,
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = app.config.theme;
    let wrapped = option_lines(labels, usize::from(area.width));
    let heights: Vec<usize> = wrapped.iter().map(Vec::len).collect();
    let height = usize::from(area.height.max(1));
    // The first option shown: the earliest that keeps the highlighted one in view.
    let target = highlight.unwrap_or(0).min(labels.len().saturating_sub(1));
    let mut first = 0;
    while first < target && window(&heights, first, height).0 <= target {
        first += 1;
    }
    let (end, above, below) = window(&heights, first, height);
    let mut y = area.y;
    let bottom = area.bottom() - u16::from(below);
    if above {
        Paragraph::new("  ▲ more above")
            .style(theme.help)
            .render(Rect::new(area.x, y, area.width, 1), buf);
        y += 1;
    }
    for (i, lines) in wrapped.iter().enumerate().take(end).skip(first) {
        let number = match i {
            0..=8 => format!("{}", i + 1),
            9 => "0".to_owned(),
            _ => " ".to_owned(),
        };
        let is_chosen = chosen(i);
        let is_highlighted = highlight == Some(i);
        let pointer = if is_highlighted { "▶" } else { " " };
        let mark = if is_chosen { on } else { off };
        let style = if is_highlighted {
            theme.highlight
        } else if is_chosen {
            theme.chosen
        } else {
            theme.base
        };
        for (k, line) in lines.iter().enumerate() {
            if y >= bottom {
                break;
            }
            let prefix = if k == 0 {
                format!("{pointer} {mark} {number}  ")
            } else {
                " ".repeat(OPTION_PREFIX)
            };
            let rect = Rect::new(area.x, y, area.width, 1);
            Paragraph::new(Line::from(vec![
                Span::raw(prefix),
                Span::raw(line.as_str()),
            ]))
            .style(style)
            .render(rect, buf);
            hit(app, rect, Hit::Option(i));
            y += 1;
        }
    }
    if below {
        Paragraph::new("  ▼ more below")
            .style(theme.help)
            .render(Rect::new(area.x, bottom, area.width, 1), buf);
    }
}

fn text_box(app: &App, input: &Input, hint: Option<&str>, area: Rect, buf: &mut Buffer) {
    let theme = app.config.theme;
    let [field, hint_area] = area.layout(&Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(0),
    ]));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border);
    let inner = block.inner(field);
    block.render(field, buf);
    text_field::draw(input, theme.base, Some(theme.cursor), inner, buf);
    if let Some(hint) = hint {
        Paragraph::new(hint)
            .style(theme.help)
            .wrap(Wrap { trim: true })
            .render(hint_area, buf);
    }
}
