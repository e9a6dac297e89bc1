//! A question: section, progress, prompt, help, the answer widget, the message, at the kiosk
//! Start over / Call staff, and Back / Next.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, LineGauge, Paragraph, Widget};
use tui_input::Input;

use crate::engine::intake::Intake;
use crate::model::questionnaire::Item;
use crate::tui::action::{Action, Focus, Hit};
use crate::tui::editor::{Edited, Editor, date_hint};
use crate::tui::session::Ctx;
use crate::tui::text_layout::{wrap, wrap_at_most, wrapped_height};
use crate::tui::theme::Theme;
use crate::tui::widgets::choice_list::{self, ChoiceList};
use crate::tui::widgets::{buttons, text_field};
use crate::words::{Label, Say};

/// A question on screen: the answer being given and the message about it.
#[derive(Debug, Clone)]
pub struct Question {
    pub item: String,
    pub editor: Editor,
    pub error: Option<String>,
}

/// What the question asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    None,
    Confirm,
    Back,
}

/// Where each part of the screen goes.
struct Parts {
    section: Rect,
    progress: Rect,
    prompt: Rect,
    prompt_lines: Vec<String>,
    help: Rect,
    help_lines: Vec<String>,
    widget: Rect,
    message: Rect,
    message_lines: Vec<String>,
    /// The kiosk's Start over and Call staff (no height elsewhere).
    kiosk: Rect,
    buttons: Rect,
}

impl Question {
    /// Whether the person can go back from here (not from the kiosk's first question).
    fn can_go_back(&self, ctx: Ctx) -> bool {
        !(ctx.kiosk
            && ctx
                .session
                .is_some_and(|s| s.intake.is_first(&self.item) && !s.intake.from_review()))
    }

    #[must_use]
    pub fn focus(&self, ctx: Ctx) -> Focus {
        Focus::Question {
            answer: self.editor.kind(item_of(ctx, &self.item)),
            can_go_back: self.can_go_back(ctx),
            staff: !ctx.kiosk,
        }
    }

    pub fn update(&mut self, item: &Item, action: &Action) -> Outcome {
        match action {
            // Enter with nothing ticked ticks the highlighted option and stays, so a person who
            // takes the highlight for the choice sees it ticked before anything moves on; once
            // anything is ticked, Enter moves on as everywhere else.
            Action::Confirm if self.ticks_on_enter(item) => {
                if let Editor::Multi { highlight, ticked } = &mut self.editor {
                    ticked[*highlight] = true;
                }
                self.error = None;
                Outcome::None
            }
            Action::Confirm | Action::Tap(Hit::Next) => Outcome::Confirm,
            Action::Back | Action::Tap(Hit::Back) => Outcome::Back,
            _ => {
                if self.editor.update(item, action) == Edited::Changed {
                    self.error = None;
                }
                Outcome::None
            }
        }
    }

    /// A required multiple choice with nothing ticked yet: Enter ticks rather than moves on.
    fn ticks_on_enter(&self, item: &Item) -> bool {
        matches!(&self.editor, Editor::Multi { highlight, ticked }
            if item.required && *highlight < ticked.len() && !ticked.iter().any(|t| *t))
    }

    fn parts(&self, ctx: Ctx, item: &Item, area: Rect) -> Parts {
        let language = &ctx.config.language;
        let prompt = item.prompt.get(language);
        let help = item.help.as_ref().map(|h| h.get(language));
        let width = area.width;
        let help_lines = help.map_or_else(Vec::new, |h| wrap_at_most(h, usize::from(width), 3));
        let help_h = u16::try_from(help_lines.len()).unwrap_or(3);
        let message_lines = self
            .message()
            .map_or_else(Vec::new, |m| wrap_at_most(&m, usize::from(width), 3));
        let message_h = u16::try_from(message_lines.len()).unwrap_or(3);
        // The lines the answer widget would like, and the fewest it can work with.
        let (widget_full, widget_least) = match &self.editor {
            Editor::Single { .. } | Editor::Multi { .. } => {
                let lines = choice_list::height(&option_labels(ctx, item), width);
                let lines = u16::try_from(lines).unwrap_or(u16::MAX);
                (lines, lines.min(4))
            }
            Editor::Boolean { .. } => (2, 2),
            Editor::Text(_) if item.takes_lines() => (3 + LONG_ROWS, 4),
            Editor::Text(_) => (4, 3),
            Editor::Date(_) => (3 + wrapped_height(date_hint(item, ctx.words), width), 3),
        };
        // Section, progress, three blank lines and the buttons are always there, and at the kiosk
        // the row of Start over and Call staff; the prompt gets the lines it needs before the
        // answer widget, leaving the widget the fewest it can work with.
        let kiosk_h = u16::from(ctx.kiosk);
        let room = area.height.saturating_sub(6 + kiosk_h + help_h + message_h);
        let prompt_lines = wrap_at_most(
            prompt,
            usize::from(width),
            usize::from(room.saturating_sub(widget_least).max(1)),
        );
        let prompt_h = u16::try_from(prompt_lines.len()).unwrap_or(1);
        let widget_h = widget_full.min(room.saturating_sub(prompt_h));
        // A blank row keeps the kiosk's buttons apart from Back and Next, where there is one.
        let gap = u16::from(ctx.kiosk && room > prompt_h + widget_h);
        let [
            section,
            progress,
            _,
            prompt,
            help,
            _,
            widget,
            _,
            message,
            _,
            kiosk,
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
            Constraint::Length(kiosk_h),
            Constraint::Length(gap),
            Constraint::Length(1),
        ]));
        Parts {
            section,
            progress,
            prompt,
            prompt_lines,
            help,
            help_lines,
            widget,
            message,
            message_lines,
            kiosk,
            buttons,
        }
    }

    fn message(&self) -> Option<String> {
        self.error.as_deref().map(|e| format!("⚠ {e}"))
    }

    /// Where a tap on an option or a button lands.
    #[must_use]
    pub fn hits(&self, ctx: Ctx, area: Rect) -> Vec<(Rect, Hit)> {
        let Some(item) = item_of(ctx, &self.item) else {
            return Vec::new();
        };
        let parts = self.parts(ctx, item, area);
        let mut hits = match &self.editor {
            Editor::Single { highlight } => {
                choice_list::hits(&option_labels(ctx, item), *highlight, parts.widget)
            }
            Editor::Multi { highlight, .. } => {
                choice_list::hits(&option_labels(ctx, item), Some(*highlight), parts.widget)
            }
            Editor::Boolean { value } => {
                choice_list::hits(&yes_no(ctx), value.map(|v| usize::from(!v)), parts.widget)
            }
            Editor::Text(_) | Editor::Date(_) => Vec::new(),
        };
        hits.extend(buttons::layout(
            ctx.words,
            self.can_go_back(ctx),
            parts.buttons,
        ));
        if ctx.kiosk {
            hits.extend(buttons::kiosk_layout(ctx.words, parts.kiosk));
        }
        hits
    }

    /// Draws the question; returns where the text cursor is, when a text field has it.
    pub fn render(&self, ctx: Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let theme = ctx.config.theme;
        let item = item_of(ctx, &self.item)?;
        let section = ctx
            .session
            .and_then(|s| s.intake.section_of(&item.id))
            .map_or("", |s| s.title.get(&ctx.config.language));
        let (k, n) = ctx
            .session
            .and_then(|s| s.intake.position(&item.id))
            .unwrap_or((1, 1));
        let parts = self.parts(ctx, item, area);
        Paragraph::new(section)
            .style(theme.section)
            .render(parts.section, buf);
        #[allow(clippy::cast_precision_loss)]
        let ratio = (k as f64 / n.max(1) as f64).clamp(0.0, 1.0);
        LineGauge::default()
            .ratio(ratio)
            .label(format!(
                "{}  ",
                ctx.words.say(&Say::QuestionOf { number: k, of: n })
            ))
            .filled_symbol("━")
            .unfilled_symbol("─")
            .filled_style(theme.gauge)
            .unfilled_style(theme.border)
            .render(parts.progress, buf);
        Paragraph::new(lines_of(&parts.prompt_lines))
            .style(theme.title)
            .render(parts.prompt, buf);
        Paragraph::new(lines_of(&parts.help_lines))
            .style(theme.help)
            .render(parts.help, buf);
        let cursor = answer_widget(ctx, item, &self.editor, parts.widget, buf);
        Paragraph::new(lines_of(&parts.message_lines))
            .style(theme.error)
            .render(parts.message, buf);
        if ctx.kiosk {
            buttons::render_kiosk(&theme, ctx.words, parts.kiosk, buf);
        }
        buttons::render(&theme, ctx.words, self.can_go_back(ctx), parts.buttons, buf);
        cursor
    }
}

/// Laid-out lines, ready to draw.
fn lines_of(lines: &[String]) -> Vec<Line<'_>> {
    lines.iter().map(|l| Line::from(l.as_str())).collect()
}

fn item_of<'a>(ctx: Ctx<'a>, id: &str) -> Option<&'a Item> {
    match ctx.session {
        Some(session) => session.intake.item(id),
        None => ctx.config.questionnaire.item(id),
    }
}

/// The editor for `id`: what was typed there before, or the confirmed answer.
#[must_use]
pub fn open(
    intake: &Intake,
    typed: Option<Editor>,
    id: &str,
    error: Option<String>,
) -> Option<Question> {
    let item = intake.item(id)?;
    let editor = typed.unwrap_or_else(|| Editor::new(item, intake.answers().get(id)));
    Some(Question {
        item: id.to_owned(),
        editor,
        error,
    })
}

fn yes_no(ctx: Ctx) -> Vec<String> {
    vec![
        ctx.words.label(Label::Yes).to_owned(),
        ctx.words.label(Label::No).to_owned(),
    ]
}

fn answer_widget(
    ctx: Ctx,
    item: &Item,
    editor: &Editor,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let theme = &ctx.config.theme;
    let labels = option_labels(ctx, item);
    match editor {
        Editor::Single { highlight } => {
            let chosen = |i| *highlight == Some(i);
            ChoiceList {
                labels: &labels,
                highlight: *highlight,
                chosen: &chosen,
                on: "(•)",
                off: "( )",
            }
            .render(theme, ctx.words, area, buf);
            None
        }
        Editor::Multi { highlight, ticked } => {
            let chosen = |i: usize| ticked.get(i).copied().unwrap_or(false);
            ChoiceList {
                labels: &labels,
                highlight: Some(*highlight),
                chosen: &chosen,
                on: "[x]",
                off: "[ ]",
            }
            .render(theme, ctx.words, area, buf);
            None
        }
        Editor::Boolean { value } => {
            let highlight = value.map(|v| usize::from(!v));
            let chosen = |i| highlight == Some(i);
            ChoiceList {
                labels: &yes_no(ctx),
                highlight,
                chosen: &chosen,
                on: "(•)",
                off: "( )",
            }
            .render(theme, ctx.words, area, buf);
            None
        }
        Editor::Text(input) => {
            let max = item.max_length.map(|most| {
                ctx.words.say(&Say::CharactersOf {
                    typed: input.value().chars().count(),
                    most,
                })
            });
            if item.takes_lines() {
                // Under a long text: its count and the keys that start a new line.
                let new_line = ctx.words.label(Label::NewLineKeys);
                let hint =
                    max.map_or_else(|| new_line.to_owned(), |max| format!("{max}   {new_line}"));
                text_box(theme, input, Some(&hint), LONG_ROWS, area, buf)
            } else {
                text_box(theme, input, max.as_deref(), 1, area, buf)
            }
        }
        Editor::Date(input) => {
            let hint = date_hint(item, ctx.words);
            text_box(theme, input, Some(hint), 1, area, buf)
        }
    }
}

fn option_labels(ctx: Ctx, item: &Item) -> Vec<String> {
    item.options
        .iter()
        .map(|o| o.label.get(&ctx.config.language).to_owned())
        .collect()
}

fn text_box(
    theme: &Theme,
    input: &Input,
    hint: Option<&str>,
    rows: u16,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    // The hint keeps its line; a long field gives up rows when the screen is short.
    let rows = rows.min(area.height.saturating_sub(3)).max(1);
    let [field, hint_area] = area.layout(&Layout::vertical([
        Constraint::Length(2 + rows),
        Constraint::Min(0),
    ]));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border);
    let inner = block.inner(field);
    block.render(field, buf);
    let cursor = if rows > 1 {
        text_field::draw_wrapped(input, theme.base, theme.cursor, inner, buf)
    } else {
        text_field::draw(input, theme.base, Some(theme.cursor), inner, buf)
    };
    if let Some(hint) = hint {
        let lines = wrap(hint, usize::from(hint_area.width));
        Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
            .style(theme.help)
            .render(hint_area, buf);
    }
    cursor
}

/// The rows a long text answer (the patient's own note, [`Item::takes_lines`]) is shown over;
/// Alt-Enter or Ctrl-J starts a new line in it, Enter still confirms it.
const LONG_ROWS: u16 = 5;
