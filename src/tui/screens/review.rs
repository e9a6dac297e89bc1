//! The review: Submit first, then every shown answer grouped by section.
//!
//! The rows and their wrapped lines are laid out once when the review opens (and again when the
//! width changes), so moving the selection costs the same whatever the questionnaire's size.

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::answer;
use crate::tui::action::{Action, Focus, Hit};
use crate::tui::session::{Ctx, Session};
use crate::tui::text_layout::{ellipsize, width_of, wrap, wrap_at_most, wrap_line};
use crate::tui::widgets::assessment::override_line;
use crate::tui::widgets::buttons;
use crate::words::{self, Label, Say};

/// Staff below this width see the verdict on the review instead of in a side panel.
pub const PANEL_FROM_WIDTH: u16 = 100;

#[derive(Debug, Clone, Default)]
pub struct Review {
    /// Row 0 is Submit; row k is the k-th answer.
    pub selected: usize,
    /// Staff: the same person's earlier intake (its date and verdict), when there is one.
    pub seen_before: Option<String>,
    layout: Laid,
}

/// What the review asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    None,
    Submit,
    /// Open the k-th answer (1-based, as its row).
    Open(usize),
    /// Esc: back to the last question.
    Back,
}

/// One drawn block of the list: its selectable row (none for headings) and its lines.
#[derive(Debug, Clone)]
struct Block {
    row: Option<usize>,
    kind: Kind,
    lines: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Submit,
    Blank,
    Section,
    Answer,
}

/// The list laid out at one width: its blocks and where each starts (in lines).
#[derive(Debug, Clone, Default)]
struct Laid {
    width: u16,
    blocks: Vec<Block>,
    starts: Vec<usize>,
    /// Block index of each selectable row.
    row_block: Vec<usize>,
}

impl Review {
    #[must_use]
    pub fn new(ctx: Ctx, list_width: u16) -> Self {
        let mut review = Review::default();
        review.prepare(ctx, list_width);
        review
    }

    /// Lays the list out for `list_width`, unless it already is.
    pub fn prepare(&mut self, ctx: Ctx, list_width: u16) {
        if self.layout.width != list_width || self.layout.blocks.is_empty() {
            self.layout = lay_out(ctx, list_width);
        }
    }

    /// How many selectable rows there are (Submit and each answer).
    #[must_use]
    pub fn rows(&self) -> usize {
        self.layout.row_block.len().max(1)
    }

    #[must_use]
    pub fn focus(ctx: Ctx) -> Focus {
        Focus::Review { staff: !ctx.kiosk }
    }

    pub fn update(&mut self, action: &Action) -> Outcome {
        let last = self.rows() - 1;
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::PageDown => self.selected = (self.selected + 10).min(last),
            Action::Home => self.selected = 0,
            Action::End => self.selected = last,
            Action::Confirm => return self.activate(),
            Action::Tap(Hit::Row(row)) => {
                self.selected = (*row).min(last);
                return self.activate();
            }
            Action::Back => return Outcome::Back,
            _ => {}
        }
        Outcome::None
    }

    fn activate(&self) -> Outcome {
        if self.selected == 0 {
            Outcome::Submit
        } else {
            Outcome::Open(self.selected)
        }
    }

    /// Title, intro, seen before, disagreements, verdict, the list, and at the kiosk the row of
    /// Start over and Call staff (a blank row before it).
    fn parts(&self, ctx: Ctx, screen_width: u16, area: Rect) -> [Rect; 8] {
        let verdict_h =
            u16::try_from(verdict_lines(ctx, screen_width, area.width).len()).unwrap_or(u16::MAX);
        let disagreements_h =
            u16::try_from(disagreement_lines(ctx, area.width).len()).unwrap_or(u16::MAX);
        // The instruction wraps to its full height: never cut.
        let intro_h = u16::try_from(wrap(intro_text(ctx), usize::from(area.width)).len())
            .unwrap_or(u16::MAX)
            .max(2);
        area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(intro_h),
            Constraint::Length(u16::from(self.seen_before.is_some())),
            Constraint::Length(disagreements_h),
            Constraint::Length(verdict_h),
            Constraint::Min(0),
            Constraint::Length(u16::from(ctx.kiosk)),
            Constraint::Length(u16::from(ctx.kiosk)),
        ]))
    }

    /// The lines in view: (block, line in block, where it goes).
    fn visible(&self, layout: &Laid, list: Rect) -> Vec<(usize, usize, Rect)> {
        let visible = usize::from(list.height.max(1));
        // Scroll so that the whole selected row shows, with one line after it where there is room.
        let block = layout.row_block.get(self.selected).copied().unwrap_or(0);
        let start = layout.starts.get(block).copied().unwrap_or(0);
        let end = start + layout.blocks.get(block).map_or(1, |b| b.lines.len());
        let first = (end + 1).saturating_sub(visible).min(start);
        let mut out = Vec::new();
        let mut b = layout
            .starts
            .partition_point(|&s| s <= first)
            .saturating_sub(1);
        let mut line = first - layout.starts.get(b).copied().unwrap_or(0);
        while out.len() < visible && b < layout.blocks.len() {
            if line < layout.blocks[b].lines.len() {
                let y = list.y + u16::try_from(out.len()).unwrap_or(0);
                out.push((b, line, Rect::new(list.x, y, list.width, 1)));
                line += 1;
            } else {
                b += 1;
                line = 0;
            }
        }
        out
    }

    /// Where a tap on each row lands.
    #[must_use]
    pub fn hits(&self, ctx: Ctx, screen_width: u16, area: Rect) -> Vec<(Rect, Hit)> {
        let [_, _, _, _, _, list, _, kiosk] = self.parts(ctx, screen_width, area);
        let fresh;
        let layout = if self.layout.width == list.width {
            &self.layout
        } else {
            fresh = lay_out(ctx, list.width);
            &fresh
        };
        let mut hits: Vec<(Rect, Hit)> = self
            .visible(layout, list)
            .into_iter()
            .filter_map(|(b, _, rect)| Some((rect, Hit::Row(layout.blocks[b].row?))))
            .collect();
        if ctx.kiosk {
            hits.extend(buttons::kiosk_layout(ctx.words, kiosk));
        }
        hits
    }

    pub fn render(&self, ctx: Ctx, screen_width: u16, area: Rect, buf: &mut Buffer) {
        let theme = ctx.config.theme;
        let [
            title,
            intro,
            seen,
            disagreements_area,
            verdict_area,
            list,
            _,
            kiosk,
        ] = self.parts(ctx, screen_width, area);
        if ctx.kiosk {
            buttons::render_kiosk(&theme, ctx.words, kiosk, buf);
        }
        // Changing a record is staff's work with the patient: titled for staff.
        let name = ctx.session.and_then(|s| s.intake.patient_name());
        let heading = match (ctx.session.is_some_and(Session::amending), name) {
            (true, Some(name)) => ctx.words.say(&Say::ChangeAnswersWith { name }),
            (true, None) => ctx.words.label(Label::ChangeAnswersTitle).to_owned(),
            (false, _) => ctx.words.label(Label::CheckYourAnswers).to_owned(),
        };
        Paragraph::new(ellipsize(&heading, usize::from(title.width)))
            .style(theme.title)
            .render(title, buf);
        let intro_lines = wrap_at_most(
            intro_text(ctx),
            usize::from(intro.width),
            usize::from(intro.height),
        );
        Paragraph::new(intro_lines.into_iter().map(Line::from).collect::<Vec<_>>())
            .style(theme.help)
            .render(intro, buf);
        if let Some(text) = &self.seen_before {
            Paragraph::new(ellipsize(text, usize::from(seen.width)))
                .style(theme.notice)
                .render(seen, buf);
        }
        Paragraph::new(disagreement_lines(ctx, disagreements_area.width))
            .style(theme.error)
            .render(disagreements_area, buf);
        Paragraph::new(verdict_lines(ctx, screen_width, verdict_area.width))
            .render(verdict_area, buf);
        let fresh;
        let layout = if self.layout.width == list.width {
            &self.layout
        } else {
            fresh = lay_out(ctx, list.width);
            &fresh
        };
        for (b, k, rect) in self.visible(layout, list) {
            let block = &layout.blocks[b];
            let is_selected = block.row == Some(self.selected);
            let pointer = if is_selected && k == 0 { "▶ " } else { "  " };
            let (left, right) = &block.lines[k];
            let line = match block.kind {
                Kind::Answer => Line::from(vec![
                    Span::raw(pointer),
                    Span::styled(left.as_str(), theme.help),
                    Span::raw(right.as_str()),
                ]),
                Kind::Section => Line::from(vec![
                    Span::raw(pointer),
                    Span::styled(left.as_str(), theme.section),
                ]),
                Kind::Submit | Kind::Blank => {
                    Line::from(vec![Span::raw(pointer), Span::raw(left.as_str())])
                }
            };
            let mut paragraph = Paragraph::new(line);
            if is_selected {
                paragraph = paragraph.style(theme.highlight);
            } else if block.kind == Kind::Submit {
                paragraph = paragraph.style(theme.key);
            }
            paragraph.render(rect, buf);
        }
    }
}

/// What the review asks of the person: the patient's, or staff's when changing a record.
fn intro_text(ctx: Ctx) -> &'static str {
    ctx.words
        .label(if ctx.session.is_some_and(Session::amending) {
            Label::ReviewHowToChange
        } else {
            Label::ReviewHowTo
        })
}

/// The blocks of the list at `width`: Submit, then per section a blank line and its title, then
/// each answer with its prompt beside its first line.
fn lay_out(ctx: Ctx, width: u16) -> Laid {
    let language = &ctx.config.language;
    let submit = ctx.words.label(if ctx.kiosk {
        Label::SubmitMine
    } else if ctx.session.is_some_and(Session::amending) {
        Label::SaveAsNewVersion
    } else {
        Label::SubmitTheirs
    });
    let mut blocks = vec![Block {
        row: Some(0),
        kind: Kind::Submit,
        lines: vec![(format!("[ {submit} ]"), String::new())],
    }];
    // After the two columns of the pointer: the prompt column, a gap, the answer column.
    let inner = usize::from(width).saturating_sub(2);
    let prompt_width = (inner / 2).max(12);
    let answer_width = inner.saturating_sub(prompt_width + 1).max(8);
    if let Some(session) = ctx.session {
        let intake = &session.intake;
        let answered: HashSet<&str> = intake
            .answered()
            .into_iter()
            .map(|item| item.id.as_str())
            .collect();
        let mut k = 0;
        for section in &intake.questionnaire().sections {
            let mut items = section
                .items
                .iter()
                .filter(|item| answered.contains(item.id.as_str()))
                .peekable();
            if items.peek().is_some() {
                blocks.push(Block {
                    row: None,
                    kind: Kind::Blank,
                    lines: vec![(String::new(), String::new())],
                });
                blocks.push(Block {
                    row: None,
                    kind: Kind::Section,
                    lines: vec![(ellipsize(section.title.get(language), inner), String::new())],
                });
            }
            for item in items {
                k += 1;
                let answer = intake
                    .answers()
                    .get(&item.id)
                    .map(|a| {
                        if answer::is_blank(a) {
                            ctx.words.label(Label::LeftEmpty).to_owned()
                        } else {
                            words::answer_text(item, a, language)
                        }
                    })
                    .unwrap_or_default();
                let prompt = ellipsize(item.prompt.get(language), prompt_width - 1);
                let lines = wrap(&answer, answer_width)
                    .into_iter()
                    .enumerate()
                    .map(|(i, part)| {
                        let left = if i == 0 { prompt.as_str() } else { "" };
                        let pad = prompt_width.saturating_sub(width_of(left)) + 1;
                        (format!("{left}{:pad$}", ""), part)
                    })
                    .collect();
                blocks.push(Block {
                    row: Some(k),
                    kind: Kind::Answer,
                    lines,
                });
            }
        }
    }
    let mut starts = Vec::with_capacity(blocks.len());
    let mut at = 0;
    for block in &blocks {
        starts.push(at);
        at += block.lines.len();
    }
    let row_block = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.row.is_some())
        .map(|(i, _)| i)
        .collect();
    Laid {
        width,
        blocks,
        starts,
        row_block,
    }
}

/// Answers that disagree with each other, as drawn at `width`: said here as well as at their
/// question on submit.
fn disagreement_lines(ctx: Ctx, width: u16) -> Vec<Line<'static>> {
    let Some(session) = ctx.session else {
        return Vec::new();
    };
    let words = ctx.words;
    session
        .intake
        .disagreements()
        .iter()
        .flat_map(|p| wrap(&format!("⚠ {}", words.fault(&p.fault)), usize::from(width)))
        .map(Line::from)
        .collect()
}

/// The verdict so far as it is drawn at `width`.
fn verdict_lines(ctx: Ctx, screen_width: u16, width: u16) -> Vec<Line<'static>> {
    verdict_so_far(ctx, screen_width).map_or_else(Vec::new, |line| wrap_line(&line, width))
}

/// Staff without the side panel see the verdict (and any override of it) before they submit.
fn verdict_so_far(ctx: Ctx, screen_width: u16) -> Option<Line<'static>> {
    if ctx.kiosk || screen_width >= PANEL_FROM_WIDTH {
        return None;
    }
    let theme = ctx.config.theme;
    let words = ctx.words;
    let session = ctx.session?;
    let level = session.intake.assessment().suitability;
    let spans = match session.case.verdict_override() {
        Some(o) => override_line(&theme, words, o, level).spans,
        None => vec![
            Span::styled(
                format!("{}: ", words.label(Label::VerdictSoFar)),
                theme.help,
            ),
            Span::styled(words.verdict(level), theme.level(level)),
            Span::styled(
                format!("  {}", words.label(Label::F3ToOverride)),
                theme.help,
            ),
        ],
    };
    Some(Line::from(spans))
}
