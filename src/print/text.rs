//! A record as text for a terminal: what the staff result screen shows (patient, verdict and
//! reasons, plan, schedule, notes), then the override, the changes and the review. Colour only
//! when asked (a terminal, no `NO_COLOR`); the words carry the meaning either way.

use std::fmt::Write;

use ratatui::crossterm::style::{StyledContent, Stylize};

use super::Page;
use crate::engine::summary::Summary;
use crate::model::questionnaire::{Level, Questionnaire};
use crate::words::{Label, Say};

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
    let words = page.words;
    let verdict = |level| words.verdict(level);
    let label = |label| words.label(label);
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
            &words.say(&Say::OverrideByOn {
                by: &o.by,
                at: &o.at,
                computed: verdict(o.computed),
            }),
        );
        out.labelled(&format!("  {}: ", label(Label::Reason)), &o.reason);
        if let Some(start) = &o.start {
            out.labelled("  ", &words.say(&Say::SessionsFromOverride { start }));
        }
    }
    out.blank();
    if page.reasons.is_empty() {
        out.line(label(Label::NoRuleApplies));
    } else {
        out.section(label(Label::Reasons));
        for r in &page.reasons {
            out.level(r.level, &format!("• {} [{}]", verdict(r.level), r.rule));
            out.labelled("  ", &r.message);
            if let Some(date) = &r.reassess {
                out.labelled("  ", &words.say(&Say::AssessAgain { date }));
            }
        }
    }
    if let Some(date) = &page.reassess_all {
        out.labelled("", &words.say(&Say::AssessAgainAll { date }));
    }
    out.blank();
    out.section(label(Label::Plan));
    let width = super::plan_width(words);
    for (label, value) in &page.plan {
        out.labelled(&format!("{:<width$}", format!("{label}:")), value);
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
            let optional = if s.optional {
                format!(" ({})", label(Label::IfNeeded))
            } else {
                String::new()
            };
            out.line(&format!("{:>3}. {}{optional}", s.number, s.when));
        }
    }
    if !page.notes.is_empty() {
        out.blank();
        out.section(label(Label::Notes));
        for note in &page.notes {
            out.labelled("• ", note);
        }
    }
    if let Some(note) = &page.clinician_note {
        out.blank();
        out.labelled(&format!("{}: ", label(Label::ClinicianNote)), note);
    }
    if !page.changes.is_empty() {
        out.blank();
        out.section(label(Label::Changes));
        for c in &page.changes {
            out.labelled("• ", &format!("{}, {}: {}", c.at, c.by, c.question));
            out.labelled("  ", &format!("{} → {}", c.before, c.after));
        }
    }
    out.blank();
    out.section(label(Label::Review));
    match &page.review {
        Some(r) => {
            out.labelled(
                "",
                &words.say(&Say::DecisionByOn {
                    decision: &r.decision,
                    by: &r.by,
                    at: &r.at,
                }),
            );
            if let Some(note) = &r.note {
                out.labelled("  ", note);
            }
        }
        None => out.line(label(Label::NotReviewed)),
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
