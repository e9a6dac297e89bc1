//! A record as text for a terminal: what the staff result screen shows (patient, verdict and
//! reasons, plan, schedule, notes), then the override, the changes and the review. Colour only
//! when asked (a terminal, no `NO_COLOR`); the words carry the meaning either way.

use std::fmt::Write;

use ratatui::crossterm::style::{StyledContent, Stylize};

use super::{Page, verdict};
use crate::engine::summary::Summary;
use crate::model::questionnaire::{Level, Questionnaire};

/// The narrowest the text is wrapped to.
const NARROWEST: usize = 40;

/// `summary` as text wrapped to `width` columns, coloured when `colour`. `questionnaire` gives
/// the words of concerns and changed answers when it is the one the summary was made with.
#[must_use]
pub fn render(
    summary: &Summary,
    questionnaire: Option<&Questionnaire>,
    colour: bool,
    width: usize,
) -> String {
    let page = Page::of(summary, questionnaire);
    let mut out = Out {
        text: String::new(),
        colour,
        width: width.max(NARROWEST),
    };
    out.heading(&format!("{}: {}", page.title, page.name));
    for (label, value) in &page.facts {
        out.labelled(&format!("{label}: "), value);
    }
    out.blank();
    out.level(page.verdict, verdict(page.verdict));
    if let Some(o) = &page.verdict_override {
        out.labelled(
            "",
            &format!(
                "Override by {} on {}; the computed verdict, {}, stays in the record.",
                o.by,
                o.at,
                verdict(o.computed)
            ),
        );
        out.labelled("  Reason: ", &o.reason);
        if let Some(start) = &o.start {
            out.labelled(
                "  ",
                &format!("Sessions from {start} (the override's schedule)"),
            );
        }
    }
    out.blank();
    if page.reasons.is_empty() {
        out.line("No screening rule applies.");
    } else {
        out.section("Reasons");
        for r in &page.reasons {
            out.level(r.level, &format!("• {} [{}]", verdict(r.level), r.rule));
            out.labelled("  ", &r.message);
            if let Some(date) = &r.reassess {
                out.labelled("  ", &format!("→ assess again on or after {date}"));
            }
        }
    }
    if let Some(date) = &page.reassess_all {
        out.labelled(
            "",
            &format!("Assess again on or after {date} (when every delay is over)"),
        );
    }
    out.blank();
    out.section("Plan");
    for (label, value) in &page.plan {
        out.labelled(&format!("{:<14}", format!("{label}:")), value);
    }
    for schedule in &page.schedules {
        out.blank();
        out.section(&schedule.title);
        if let Some(warning) = schedule.provisional {
            out.level(Level::PhysicianReview, warning);
        }
        if let Some(why) = schedule.empty {
            out.labelled("", why);
        }
        for s in &schedule.sessions {
            let optional = if s.optional { " (if needed)" } else { "" };
            out.line(&format!("{:>3}. {}{optional}", s.number, s.when));
        }
    }
    if !page.notes.is_empty() {
        out.blank();
        out.section("Notes");
        for note in &page.notes {
            out.labelled("• ", note);
        }
    }
    if let Some(note) = &page.clinician_note {
        out.blank();
        out.labelled("Clinician note: ", note);
    }
    if !page.changes.is_empty() {
        out.blank();
        out.section("Changes");
        for c in &page.changes {
            out.labelled("• ", &format!("{}, {}: {}", c.at, c.by, c.question));
            out.labelled("  ", &format!("{} → {}", c.before, c.after));
        }
    }
    out.blank();
    out.section("Review");
    match &page.review {
        Some(r) => {
            out.labelled("", &format!("{} by {} on {}", r.decision, r.by, r.at));
            if let Some(note) = &r.note {
                out.labelled("  ", note);
            }
        }
        None => out.line("Not reviewed yet."),
    }
    out.text
}

struct Out {
    text: String,
    colour: bool,
    width: usize,
}

impl Out {
    fn blank(&mut self) {
        self.text.push('\n');
    }

    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    fn styled(&mut self, lines: Vec<String>, style: impl Fn(String) -> StyledContent<String>) {
        for line in lines {
            if self.colour {
                let _ = writeln!(self.text, "{}", style(line));
            } else {
                self.line(&line);
            }
        }
    }

    /// `text` wrapped after `label`, later lines indented under the text.
    fn labelled(&mut self, label: &str, text: &str) {
        let indent = " ".repeat(label.chars().count());
        let options = textwrap::Options::new(self.width)
            .initial_indent(label)
            .subsequent_indent(&indent);
        for line in textwrap::wrap(text, options) {
            self.line(&line);
        }
    }

    fn wrapped(&self, text: &str) -> Vec<String> {
        textwrap::wrap(text, self.width)
            .into_iter()
            .map(std::borrow::Cow::into_owned)
            .collect()
    }

    fn heading(&mut self, text: &str) {
        let lines = self.wrapped(text);
        self.styled(lines, |l| l.cyan().bold());
    }

    fn section(&mut self, text: &str) {
        let lines = self.wrapped(text);
        self.styled(lines, Stylize::bold);
    }

    fn level(&mut self, level: Level, text: &str) {
        let lines = self.wrapped(text);
        self.styled(lines, |l| match level {
            Level::Suitable => l.green().bold(),
            Level::SuitableWithPrecautions | Level::PhysicianReview => l.yellow().bold(),
            Level::Delay | Level::NotSuitable => l.red().bold(),
        });
    }
}
