//! A record as a PDF a clinician signs, made here with no browser, network or installed font:
//! page 1 holds the patient, the verdict with its reasons, the schedule in force (an override's
//! first, the computed one beside it) and the review state; every page names the patient, their
//! date of birth and the record, and says "Page i of N"; the answers follow by section, those a
//! screening rule read marked in words; the declaration and both signature lines stay together
//! on a page that holds answers too. The font (`DejaVu Sans`) is embedded, subset by `krilla`,, and every
//! character is drawn from its own glyphs: what the font lacks prints as `?`, never a box.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, GlyphId, KrillaGlyph};

use super::{Page, ScheduleView};
use crate::engine::summary::Summary;
use crate::model::questionnaire::{Level, Questionnaire};
use crate::store;
use crate::words::paper::Heading;
use crate::words::{self, DateForm, Words};

/// The sheet the record is laid out on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in points.
    fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    /// The media name CUPS knows it by (`lp -o media=…`).
    #[must_use]
    pub fn media(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "Letter",
        }
    }
}

pub use crate::words::paper::NotMade;

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
static REGULAR: LazyLock<Metrics> = LazyLock::new(|| Metrics::read(REGULAR_TTF));
static BOLD: LazyLock<Metrics> = LazyLock::new(|| Metrics::read(BOLD_TTF));

const MARGIN: f32 = 50.0;
const TOP: f32 = 36.0;
const BOTTOM: f32 = 36.0;
const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const LEADING: f32 = 1.3;
/// Where a value starts in a label–value list.
const LABEL_WIDTH: f32 = 105.0;

/// The PDF of `summary` on `paper`. `questionnaire`, when it is the one the summary was made
/// with, gives the title, the sections and the words of concerns and changed answers.
///
/// # Errors
/// The PDF engine's own failure, as text (a font it could not embed): not expected with the
/// font built in.
pub fn render(
    summary: &Summary,
    questionnaire: Option<&Questionnaire>,
    paper: Paper,
) -> Result<Vec<u8>, NotMade> {
    let page = Page::of(summary, questionnaire);
    let questionnaire = questionnaire.filter(|q| q.id == summary.questionnaire.id);
    let words = words::for_language(&summary.language);
    let (width, height) = paper.size();
    let measure = width - 2.0 * MARGIN;

    let born = summary
        .patient
        .date_of_birth
        .map(|d| words.date(d, DateForm::Long));
    let short: String = summary.intake_id.chars().take(8).collect();
    let head = words.running_head(
        &page.name,
        born.as_deref(),
        &words.record_short(&short, summary.version),
    );
    let mut header = Column::new(0.0, measure);
    header.para(&head, SMALL + 0.5, Ink::Bold);
    let header_height = header.y;
    let body_top = TOP + header_height + 14.0;
    let body_bottom = height - BOTTOM - 22.0;

    let flow = content(&page, summary, questionnaire, words, measure);
    let pages = paginate(flow, body_bottom - body_top);

    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} — {}", page.title, page.name))
            .language(summary.language.clone())
            .creator("skin-intake".to_owned()),
    );
    let fonts = Fonts {
        regular: Font::new(REGULAR_TTF.into(), 0).ok_or(NotMade::Font)?,
        bold: Font::new(BOLD_TTF.into(), 0).ok_or(NotMade::Font)?,
    };
    let count = pages.len();
    for (index, blocks) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(width, height).ok_or(NotMade::PaperSize)?;
        let mut sheet = document.start_page_with(settings);
        let mut surface = sheet.surface();
        let mut draw = |ops: &[Op], dx: f32, dy: f32| {
            for op in ops {
                match op {
                    Op::Text(run) => {
                        let (font, metrics) = match run.ink {
                            Ink::Bold => (&fonts.bold, &*BOLD),
                            Ink::Regular | Ink::Grey => (&fonts.regular, &*REGULAR),
                        };
                        let lightness = if run.ink == Ink::Grey { 0x55 } else { 0 };
                        surface.set_fill(Some(Fill {
                            paint: luma::Color::new(lightness).into(),
                            ..Fill::default()
                        }));
                        let glyphs = metrics.glyphs(&run.text);
                        surface.draw_glyphs(
                            Point::from_xy(dx + run.x, dy + run.y),
                            &glyphs,
                            font.clone(),
                            &run.text,
                            run.size,
                            false,
                        );
                    }
                    Op::Rule { x1, x2, y, width } => {
                        let mut path = PathBuilder::new();
                        path.move_to(dx + x1, dy + y);
                        path.line_to(dx + x2, dy + y);
                        if let Some(path) = path.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke {
                                width: *width,
                                ..Stroke::default()
                            }));
                            surface.draw_path(&path);
                            surface.set_stroke(None);
                        }
                    }
                }
            }
        };
        // Every page: who it is about above, which page below.
        draw(&header.ops, MARGIN, TOP);
        draw(
            &[Op::Rule {
                x1: 0.0,
                x2: measure,
                y: header_height + 3.0,
                width: 0.6,
            }],
            MARGIN,
            TOP,
        );
        let mut y = body_top;
        for block in blocks {
            draw(&block.ops, MARGIN, y);
            y += block.height;
        }
        let mut footer = Column::new(0.0, measure);
        footer.right(&words.page_of(index + 1, count), BODY, Ink::Bold);
        footer.para(&summary.id, SMALL - 1.0, Ink::Grey);
        draw(&footer.ops, MARGIN, height - BOTTOM - 14.0);
        surface.finish();
        sheet.finish();
    }
    document.finish().map_err(|_| NotMade::Engine)
}

/// Writes the PDF of the summary at `summary_path` beside it (`<name>.pdf`), private and whole,
/// replacing an earlier print of the same version.
///
/// # Errors
/// The I/O error (the PDF engine's failure as one of kind `Other`); nothing partial is left.
pub fn write_beside(
    summary_path: &Path,
    summary: &Summary,
    questionnaire: Option<&Questionnaire>,
    paper: Paper,
) -> io::Result<PathBuf> {
    let (Some(dir), Some(stem)) = (summary_path.parent(), summary_path.file_stem()) else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            NotMade::NoFileName,
        ));
    };
    let bytes = render(summary, questionnaire, paper).map_err(io::Error::other)?;
    let mut name = stem.to_owned();
    name.push(".pdf");
    store::write_atomic(dir, &name.to_string_lossy(), &bytes, true)
}

struct Fonts {
    regular: Font,
    bold: Font,
}

/// The record's blocks in reading order; the last answer and the signatures are one block.
fn content(
    page: &Page,
    summary: &Summary,
    questionnaire: Option<&Questionnaire>,
    words: &dyn Words,
    measure: f32,
) -> Vec<Block> {
    let mut flow = Flow::default();
    let column = || Column::new(0.0, measure);

    let mut title = column();
    title.para(&page.title, BODY + 1.0, Ink::Grey);
    title.para(&page.name, 17.0, Ink::Bold);
    title.gap(4.0);
    flow.push(title.block());

    flow.heading(words.heading(Heading::Patient), measure);
    let mut facts = column();
    for (label, value) in &page.facts {
        facts.labelled(label, value);
    }
    flow.push(facts.block());

    flow.heading(words.heading(Heading::Verdict), measure);
    let mut verdict = column();
    verdict.para(words.verdict_in_force(), SMALL, Ink::Grey);
    verdict.para(words.verdict_in_words(page.verdict), 15.0, Ink::Bold);
    if let Some(o) = &page.verdict_override {
        verdict.para(&words.overridden(&o.by, &o.at), BODY, Ink::Regular);
        verdict.para(
            &words.computed_verdict(words.verdict_in_words(o.computed)),
            BODY,
            Ink::Regular,
        );
        verdict.para(&words.override_reason(&o.reason), BODY, Ink::Regular);
    }
    flow.push(verdict.block());

    flow.heading(words.heading(Heading::Reasons), measure);
    if page.reasons.is_empty() {
        let mut none = column();
        none.para(words.no_rule_applies(), BODY, Ink::Regular);
        flow.push(none.block());
    }
    for r in &page.reasons {
        let mut reason = column();
        reason.runs(&[
            (words.verdict_in_words(r.level), BODY, Ink::Bold),
            (&format!("  {}", words.rule(&r.rule)), SMALL, Ink::Grey),
        ]);
        reason.indented(12.0, &r.message, BODY, Ink::Regular);
        if let Some(date) = &r.reassess {
            reason.indented(12.0, &words.assess_again(date), BODY, Ink::Regular);
        }
        reason.gap(3.0);
        flow.push(reason.block());
    }
    if let Some(date) = &page.reassess_all {
        let mut all = column();
        all.para(&words.assess_again_all(date), BODY, Ink::Bold);
        flow.push(all.block());
    }

    flow.heading(words.heading(Heading::Schedule), measure);
    // The schedule in force first: the override's, with the computed one beside it.
    // The page lists an override's own schedule first, the computed one after it.
    let start = page.verdict_override.as_ref().and_then(|o| o.start.clone());
    match (page.schedules.as_slice(), start) {
        ([own, computed], Some(start)) => {
            let half = (measure - 16.0) / 2.0;
            let mut left = Column::new(0.0, half);
            schedule(&mut left, &words.schedule_in_force(&start), own, words);
            let mut right = Column::new(half + 16.0, half);
            schedule(&mut right, words.schedule_computed(), computed, words);
            flow.push(Block::beside(left, right));
        }
        ([computed, ..], _) => {
            let mut only = column();
            schedule(&mut only, words.schedule_proposed(), computed, words);
            flow.push(only.block());
        }
        ([], _) => {}
    }

    flow.heading(words.heading(Heading::Review), measure);
    let mut review = column();
    match &page.review {
        Some(r) => {
            review.para(&words.reviewed(&r.decision, &r.by, &r.at), BODY, Ink::Bold);
            if let Some(note) = &r.note {
                review.para(&words.review_note(note), BODY, Ink::Regular);
            }
        }
        None => review.para(words.not_reviewed(), BODY, Ink::Bold),
    }
    flow.push(review.block());

    flow.heading(words.heading(Heading::Plan), measure);
    let mut plan = column();
    for (label, value) in &page.plan {
        plan.labelled(label, value);
    }
    flow.push(plan.block());

    if !page.notes.is_empty() {
        flow.heading(words.heading(Heading::Notes), measure);
        for note in &page.notes {
            let mut one = column();
            one.indented(10.0, &format!("- {note}"), BODY, Ink::Regular);
            flow.push(one.block());
        }
    }
    if let Some(note) = &page.clinician_note {
        flow.heading(words.heading(Heading::ClinicianNote), measure);
        let mut one = column();
        one.para(note, BODY, Ink::Regular);
        let mut block = one.block();
        block.split = true;
        flow.push(block);
    }

    flow.heading(words.heading(Heading::Changes), measure);
    if page.changes.is_empty() {
        let mut none = column();
        none.para(words.no_changes(), BODY, Ink::Regular);
        flow.push(none.block());
    }
    for c in &page.changes {
        let mut change = column();
        change.para(&words.change(&c.at, &c.by, &c.question), BODY, Ink::Bold);
        change.indented(
            12.0,
            &words.before_after(&c.before, &c.after),
            BODY,
            Ink::Regular,
        );
        change.gap(2.0);
        flow.push(change.block());
    }

    flow.heading(words.heading(Heading::Answers), measure);
    let mut answers: Vec<Block> = Vec::new();
    for (section, rows) in by_section(summary, questionnaire) {
        let mut title = column();
        title.gap(4.0);
        title.para(&section, BODY + 0.5, Ink::Bold);
        let mut pending = Some(title);
        for answer in rows {
            let led_to: Vec<&str> = led_to(summary, answer.id)
                .into_iter()
                .map(|level| words.verdict_in_words(level))
                .collect();
            let row = row(answer.question, answer.display, &led_to, words, measure);
            // A section's title stays with its first answer.
            answers.push(match pending.take() {
                Some(title) => title.block().then(row),
                None => row,
            });
        }
    }
    let mut declaration = column();
    declaration.gap(10.0);
    declaration.para(words.heading(Heading::Declaration), BODY + 1.5, Ink::Bold);
    declaration.para(words.declaration(), BODY, Ink::Regular);
    declaration.gap(30.0);
    let half = (measure - 30.0) / 2.0;
    let mut patient = Column::new(0.0, half);
    patient.rule(0.8);
    patient.para(words.patient_signature(), BODY, Ink::Bold);
    patient.para(&words.name_line(Some(&page.name)), BODY, Ink::Regular);
    patient.para(&words.date_line(None), BODY, Ink::Regular);
    let mut clinician = Column::new(half + 30.0, half);
    clinician.rule(0.8);
    clinician.para(words.clinician_signature(), BODY, Ink::Bold);
    let signed = summary.review.as_ref();
    clinician.para(
        &words.name_line(signed.map(|r| r.by.as_str())),
        BODY,
        Ink::Regular,
    );
    clinician.para(
        &words.date_line(
            signed
                .map(|r| words.date(r.at.date_naive(), DateForm::Long))
                .as_deref(),
        ),
        BODY,
        Ink::Regular,
    );
    let signatures = declaration.block().then(Block::beside(patient, clinician));
    // The declaration never stands alone: the last answer goes with it to its page.
    let mut tail = match answers.pop() {
        Some(last) => last.then(signatures),
        None => signatures,
    };
    tail.split = false;
    for answer in answers {
        flow.push(answer);
    }
    flow.push(tail);
    flow.blocks
}

/// One schedule in a column: its title, a warning, why it is empty, its sessions.
fn schedule(column: &mut Column, title: &str, schedule: &ScheduleView, words: &dyn Words) {
    column.para(title, BODY, Ink::Bold);
    if let Some(warning) = schedule.provisional {
        column.para(warning.trim_start_matches('⚠').trim(), BODY, Ink::Bold);
    }
    if let Some(why) = schedule.empty {
        column.para(why, BODY, Ink::Regular);
    }
    for s in &schedule.sessions {
        let optional = if s.optional {
            format!("  ({})", words.if_needed())
        } else {
            String::new()
        };
        column.para(
            &format!("{:>2}.  {}{optional}", s.number, s.when),
            BODY,
            Ink::Regular,
        );
    }
}

/// An answer as the summary keeps it.
struct Answered<'a> {
    id: &'a str,
    question: &'a str,
    display: &'a str,
}

/// The answers under their section's title, in the questionnaire's order; those of questions it
/// does not have (another questionnaire, or none) last.
fn by_section<'a>(
    summary: &'a Summary,
    questionnaire: Option<&'a Questionnaire>,
) -> Vec<(String, Vec<Answered<'a>>)> {
    let words = words::for_language(&summary.language);
    let mut sections: Vec<(String, Vec<Answered<'a>>)> = Vec::new();
    let mut placed = std::collections::HashSet::new();
    if let Some(q) = questionnaire {
        for section in &q.sections {
            let rows: Vec<Answered<'a>> = section
                .items
                .iter()
                .filter_map(|item| summary.answers.iter().find(|a| a.id == item.id))
                .map(|a| Answered {
                    id: &a.id,
                    question: &a.question,
                    display: &a.display,
                })
                .collect();
            for row in &rows {
                placed.insert(row.id);
            }
            if !rows.is_empty() {
                sections.push((section.title.get(&summary.language).to_owned(), rows));
            }
        }
    }
    let rest: Vec<Answered<'a>> = summary
        .answers
        .iter()
        .filter(|a| !placed.contains(a.id.as_str()))
        .map(|a| Answered {
            id: &a.id,
            question: &a.question,
            display: &a.display,
        })
        .collect();
    if !rest.is_empty() {
        sections.push((words.other_answers().to_owned(), rest));
    }
    sections
}

/// The verdicts of the reasons whose rules read question `id`, most severe first.
fn led_to(summary: &Summary, id: &str) -> Vec<Level> {
    let mut levels: Vec<Level> = summary
        .assessment
        .reasons
        .iter()
        .filter(|r| r.questions.iter().any(|q| q == id))
        .map(|r| r.level)
        .collect();
    levels.sort_by_key(|l| std::cmp::Reverse(*l));
    levels.dedup();
    levels
}

/// One answer: the question on the left, the answer on the right, and under a marked answer
/// what it led to, in words.
fn row(question: &str, answer: &str, led_to: &[&str], words: &dyn Words, measure: f32) -> Block {
    let split = measure * 0.5;
    let mut left = Column::new(0.0, split - 10.0);
    left.para(question, BODY, Ink::Regular);
    let mut right = Column::new(split, measure - split);
    let marked = !led_to.is_empty();
    right.para(answer, BODY, if marked { Ink::Bold } else { Ink::Regular });
    if marked {
        right.para(&words.led_to(&led_to.join(", ")), SMALL + 0.5, Ink::Bold);
    }
    left.gap(2.0);
    let mut block = Block::beside(left, right);
    block.height += 4.0;
    block.ops.push(Op::Rule {
        x1: 0.0,
        x2: measure,
        y: block.height - 2.0,
        width: 0.25,
    });
    block.split = true;
    block
}

/// How a run of text is inked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ink {
    Regular,
    Bold,
    Grey,
}

#[derive(Debug, Clone)]
struct Run {
    x: f32,
    /// The baseline, from the block's top.
    y: f32,
    size: f32,
    ink: Ink,
    text: String,
}

#[derive(Debug, Clone)]
enum Op {
    Text(Run),
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
    },
}

/// What is kept on one page, with its height; a block that may `split` fills the rest of a page
/// and goes on on the next (a long answer or note), others move whole to the next page.
#[derive(Debug, Clone, Default)]
struct Block {
    height: f32,
    ops: Vec<Op>,
    split: bool,
}

impl Block {
    /// `self`, then `next` under it.
    fn then(mut self, next: Block) -> Block {
        let dy = self.height;
        self.ops.extend(next.ops.into_iter().map(|op| op.moved(dy)));
        self.height += next.height;
        self.split = next.split;
        self
    }

    /// Two columns side by side, as tall as the taller.
    fn beside(left: Column, right: Column) -> Block {
        let height = left.y.max(right.y);
        let mut ops = left.ops;
        ops.extend(right.ops);
        Block {
            height,
            ops,
            split: false,
        }
    }

    /// The first `most` points of the block and the rest, cut between lines: never through a
    /// line of text.
    fn split_at(self, most: f32) -> (Block, Block) {
        let mut to = most.min(self.height);
        // Up to the top of any line the cut would go through.
        while let Some(top) = self.ops.iter().find_map(|op| match op {
            Op::Text(run) => {
                let (top, bottom) = (run.y - run.size, run.y + run.size * 0.3);
                (top < to && to < bottom && top > 0.0).then_some(top)
            }
            Op::Rule { .. } => None,
        }) {
            to = top;
        }
        let (head, rest): (Vec<Op>, Vec<Op>) = self.ops.into_iter().partition(|op| op.y() < to);
        (
            Block {
                height: to,
                ops: head,
                split: self.split,
            },
            Block {
                height: self.height - to,
                ops: rest.into_iter().map(|op| op.moved(-to)).collect(),
                split: self.split,
            },
        )
    }
}

impl Op {
    fn moved(&self, dy: f32) -> Op {
        match self {
            Op::Text(run) => Op::Text(Run {
                y: run.y + dy,
                ..run.clone()
            }),
            Op::Rule { x1, x2, y, width } => Op::Rule {
                x1: *x1,
                x2: *x2,
                y: y + dy,
                width: *width,
            },
        }
    }

    fn y(&self) -> f32 {
        match self {
            Op::Text(run) => run.y,
            Op::Rule { y, .. } => *y,
        }
    }
}

/// The blocks of the record, a heading held until the block it heads.
#[derive(Default)]
struct Flow {
    blocks: Vec<Block>,
    heading: Option<Block>,
}

impl Flow {
    fn heading(&mut self, text: &str, measure: f32) {
        let mut column = Column::new(0.0, measure);
        column.gap(9.0);
        column.para(text, BODY + 2.5, Ink::Bold);
        column.gap(1.0);
        column.rule(0.6);
        column.gap(4.0);
        self.heading = Some(column.block());
    }

    fn push(&mut self, block: Block) {
        let block = match self.heading.take() {
            Some(heading) => heading.then(block),
            None => block,
        };
        self.blocks.push(block);
    }
}

/// The blocks on each page, in order: a block that does not fit starts the next page, unless it
/// may split (then it fills the page first); one taller than a page is cut to pages.
fn paginate(blocks: Vec<Block>, room: f32) -> Vec<Vec<Block>> {
    let mut pages: Vec<Vec<Block>> = vec![Vec::new()];
    let mut used = 0.0;
    for mut block in blocks {
        loop {
            let left = room - used;
            if block.height <= left {
                used += block.height;
                if let Some(page) = pages.last_mut() {
                    page.push(block);
                }
                break;
            }
            let empty = pages.last().is_none_or(Vec::is_empty);
            // Worth starting here: a few lines at least.
            if (block.split && left >= 4.0 * BODY * LEADING) || empty {
                let (head, rest) = block.split_at(left);
                if let (true, Some(page)) = (head.height > 0.0, pages.last_mut()) {
                    page.push(head);
                }
                block = rest;
            }
            pages.push(Vec::new());
            used = 0.0;
        }
    }
    pages
}

/// Text laid out down a column of a given width.
struct Column {
    x: f32,
    width: f32,
    /// How far down the column is filled.
    y: f32,
    ops: Vec<Op>,
}

impl Column {
    fn new(x: f32, width: f32) -> Column {
        Column {
            x,
            width,
            y: 0.0,
            ops: Vec::new(),
        }
    }

    fn block(self) -> Block {
        Block {
            height: self.y,
            ops: self.ops,
            split: false,
        }
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }

    fn rule(&mut self, width: f32) {
        self.ops.push(Op::Rule {
            x1: self.x,
            x2: self.x + self.width,
            y: self.y,
            width,
        });
        self.y += 2.0;
    }

    fn line(&mut self, x: f32, text: String, size: f32, ink: Ink) {
        self.y += size * LEADING;
        self.ops.push(Op::Text(Run {
            x: self.x + x,
            y: self.y - size * 0.28,
            size,
            ink,
            text,
        }));
    }

    fn para(&mut self, text: &str, size: f32, ink: Ink) {
        self.indented(0.0, text, size, ink);
    }

    /// `text` wrapped to the column, every line `indent` in.
    fn indented(&mut self, indent: f32, text: &str, size: f32, ink: Ink) {
        for line in wrap(text, metrics(ink), size, self.width - indent) {
            self.line(indent, line, size, ink);
        }
    }

    /// A label in bold, its value wrapped beside it.
    fn labelled(&mut self, label: &str, value: &str) {
        let top = self.y;
        self.line(0.0, label.to_owned(), BODY, Ink::Bold);
        self.y = top;
        self.indented(LABEL_WIDTH, value, BODY, Ink::Regular);
    }

    /// Runs of different sizes and inks on one line, one after another.
    fn runs(&mut self, runs: &[(&str, f32, Ink)]) {
        let tallest = runs.iter().map(|r| r.1).fold(0.0, f32::max);
        self.y += tallest * LEADING;
        let mut x = 0.0;
        for (text, size, ink) in runs {
            self.ops.push(Op::Text(Run {
                x: self.x + x,
                y: self.y - tallest * 0.28,
                size: *size,
                ink: *ink,
                text: (*text).to_owned(),
            }));
            x += metrics(*ink).width(text, *size);
        }
    }

    /// `text` on one line, flush right.
    fn right(&mut self, text: &str, size: f32, ink: Ink) {
        let x = self.width - metrics(ink).width(text, size);
        let top = self.y;
        self.line(x.max(0.0), text.to_owned(), size, ink);
        self.y = top;
    }
}

fn metrics(ink: Ink) -> &'static Metrics {
    match ink {
        Ink::Bold => &BOLD,
        Ink::Regular | Ink::Grey => &REGULAR,
    }
}

/// `text` broken into lines no wider than `width`: at spaces, and inside a word longer than a
/// line; its own line breaks kept.
fn wrap(text: &str, metrics: &Metrics, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if metrics.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line is cut where it must be.
            for c in word.chars() {
                let mut longer = line.clone();
                longer.push(c);
                if !line.is_empty() && metrics.width(&longer, size) > width {
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                } else {
                    line = longer;
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// What the layout needs of a font: each character's glyph and advance. Read from the font's
/// `cmap` (format 4, the Basic Multilingual Plane) and `hmtx` tables.
struct Metrics {
    units_per_em: f32,
    advances: Vec<u16>,
    glyphs: BTreeMap<u32, u16>,
}

impl Metrics {
    /// The metrics of a built-in font; a font without the tables read has none, and prints `?`.
    fn read(font: &[u8]) -> Metrics {
        Self::parse(font).unwrap_or(Metrics {
            units_per_em: 1000.0,
            advances: Vec::new(),
            glyphs: BTreeMap::new(),
        })
    }

    fn parse(font: &[u8]) -> Option<Metrics> {
        let u16_at = |at: usize| -> Option<u16> {
            Some(u16::from_be_bytes(font.get(at..at + 2)?.try_into().ok()?))
        };
        let u32_at = |at: usize| -> Option<u32> {
            Some(u32::from_be_bytes(font.get(at..at + 4)?.try_into().ok()?))
        };
        let tables = usize::from(u16_at(4)?);
        let table = |tag: &[u8; 4]| -> Option<usize> {
            (0..tables).find_map(|i| {
                let record = 12 + 16 * i;
                (font.get(record..record + 4)? == tag)
                    .then(|| u32_at(record + 8).map(|o| o as usize))
                    .flatten()
            })
        };
        let head = table(b"head")?;
        let units_per_em = f32::from(u16_at(head + 18)?);
        let hhea = table(b"hhea")?;
        let metrics = usize::from(u16_at(hhea + 34)?);
        let hmtx = table(b"hmtx")?;
        let advances = (0..metrics)
            .map(|i| u16_at(hmtx + 4 * i))
            .collect::<Option<Vec<u16>>>()?;
        let cmap = table(b"cmap")?;
        let subtables = usize::from(u16_at(cmap + 2)?);
        let unicode = (0..subtables).find_map(|i| {
            let record = cmap + 4 + 8 * i;
            let (platform, encoding) = (u16_at(record)?, u16_at(record + 2)?);
            let at = cmap + u32_at(record + 4)? as usize;
            (platform == 3 && encoding == 1 && u16_at(at)? == 4).then_some(at)
        })?;
        let segments = usize::from(u16_at(unicode + 6)? / 2);
        let ends = unicode + 14;
        let starts = ends + 2 * segments + 2;
        let deltas = starts + 2 * segments;
        let offsets = deltas + 2 * segments;
        let mut glyphs = BTreeMap::new();
        for s in 0..segments {
            let (end, start) = (u16_at(ends + 2 * s)?, u16_at(starts + 2 * s)?);
            let delta = u16_at(deltas + 2 * s)?;
            let offset_at = offsets + 2 * s;
            let offset = usize::from(u16_at(offset_at)?);
            for c in start..=end {
                if c == 0xFFFF {
                    break;
                }
                let glyph = if offset == 0 {
                    c.wrapping_add(delta)
                } else {
                    let at = offset_at + offset + 2 * usize::from(c - start);
                    match u16_at(at)? {
                        0 => 0,
                        g => g.wrapping_add(delta),
                    }
                };
                if glyph != 0 {
                    glyphs.insert(u32::from(c), glyph);
                }
            }
        }
        Some(Metrics {
            units_per_em,
            advances,
            glyphs,
        })
    }

    /// The glyph of `c`, or of `?` when the font has none.
    fn glyph(&self, c: char) -> u16 {
        self.glyphs
            .get(&u32::from(c))
            .or_else(|| self.glyphs.get(&u32::from('?')))
            .copied()
            .unwrap_or(0)
    }

    /// Whether the font draws `c` itself.
    fn has(&self, c: char) -> bool {
        self.glyphs.contains_key(&u32::from(c))
    }

    fn advance(&self, glyph: u16) -> f32 {
        let units = self
            .advances
            .get(usize::from(glyph))
            .or(self.advances.last())
            .copied()
            .unwrap_or(0);
        f32::from(units) / self.units_per_em
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advance(self.glyph(c)))
            .sum::<f32>()
            * size
    }

    /// One glyph per character, its advance in ems, naming the text it stands for (so the PDF's
    /// text can be searched and copied).
    fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .map(|(at, c)| {
                let glyph = self.glyph(c);
                KrillaGlyph::new(
                    GlyphId::new(u32::from(glyph)),
                    self.advance(glyph),
                    0.0,
                    0.0,
                    0.0,
                    at..at + c.len_utf8(),
                    None,
                )
            })
            .collect()
    }
}

/// The characters of `text` the built-in fonts cannot draw (printed as `?`).
#[must_use]
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let mut missing: Vec<char> = text
        .chars()
        .filter(|c| !(c.is_control() || REGULAR.has(*c) && BOLD.has(*c)))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}
