//! Every `check` rule on a parsed questionnaire; returns all problems, not the first.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::model::condition::{Condition, Expected};
use crate::model::questionnaire::{Item, ItemKind, Level, Questionnaire, Range, Reassess};
use crate::model::text::{DEFAULT_LANGUAGE, Text};

/// Every semantic problem of a structurally sound questionnaire, as `(path, message)`.
#[must_use]
pub fn validate(questionnaire: &Questionnaire) -> Vec<(String, String)> {
    // In file order, so the report reads top to bottom.
    let mut check = Check::new(questionnaire);
    check.header();
    check.patient();
    check.sections();
    check.screening_rules();
    check.plans();
    check.notes();
    check.problems
}

/// Upper bounds of plausible plans: a course of sessions, weeks between them, months between
/// maintenance sessions.
const MOST_SESSIONS: u32 = 50;
const MOST_WEEKS_APART: u32 = 52;
const MOST_MONTHS_APART: u32 = 120;

/// Plausible values of every other number: beyond them a rule never fires or a date leaves the
/// calendar (a `within_months` of 4294967295 would hold for any date at all).
const MONTHS: Plausible = Plausible(1, 120, "months");
const DAYS: Plausible = Plausible(1, 3650, "days");
const AGE: Plausible = Plausible(1, 150, "years");
const TEXT_LENGTH: Plausible = Plausible(1, 10_000, "characters");

/// The smallest and largest plausible value of a number, and its unit.
#[derive(Clone, Copy)]
struct Plausible(u64, u64, &'static str);

/// Where a condition sits, which decides what it may refer to.
#[derive(Clone, Copy)]
enum Scope<'q> {
    /// An item's `show_if`: only earlier questions, since the patient answers in order.
    ShowIf { id: &'q str, position: usize },
    /// Rules, plans and notes run on the finished answers, so any question will do.
    Rules,
}

/// The questionnaire under check, an index of its items and the problems found so far.
struct Check<'q> {
    q: &'q Questionnaire,
    /// Item id → its position in questionnaire order and the item; the first of duplicates wins.
    by_id: HashMap<&'q str, (usize, &'q Item)>,
    problems: Vec<(String, String)>,
}

impl<'q> Check<'q> {
    fn new(q: &'q Questionnaire) -> Self {
        let mut by_id = HashMap::new();
        for (position, item) in q.items().enumerate() {
            by_id.entry(item.id.as_str()).or_insert((position, item));
        }
        Check {
            q,
            by_id,
            problems: Vec::new(),
        }
    }

    fn report(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push((path.into(), message.into()));
    }

    // ── The whole file ──────────────────────────────────────────────────────────────────────

    fn header(&mut self) {
        let q = self.q;
        self.not_blank("id", &q.id, "the questionnaire id");
        self.not_blank("version", &q.version, "the questionnaire version");
        self.text("title", &q.title);
        let mut seen = FirstUse::default();
        for (i, language) in q.languages.iter().enumerate() {
            let path = format!("languages[{i}]");
            if language.trim().is_empty() {
                self.report(
                    path,
                    "an empty language code; remove it or write a code such as \"es\"",
                );
            } else if let Some(first) = seen.earlier(language, &path) {
                self.report(
                    path,
                    format!("\"{language}\" is listed already at {first}; remove one of them"),
                );
            }
        }
        if !q.languages.iter().any(|l| l == DEFAULT_LANGUAGE) {
            self.report(
                "languages",
                format!(
                    "languages must include \"{DEFAULT_LANGUAGE}\": English is the fallback for every text; add it to the list"
                ),
            );
        }
        if q.sections.is_empty() {
            self.report(
                "",
                "the questionnaire has no sections; add at least one section with questions",
            );
        }
    }

    fn not_blank(&mut self, path: &str, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.report(path, format!("{what} is empty; give it a value"));
        }
    }

    /// Reports a blank id, or one used before; `ids` remembers where each was first used.
    fn unique(
        &mut self,
        ids: &mut FirstUse<'q>,
        place: &str,
        kind: &str,
        field: &str,
        id: &'q str,
    ) {
        let path = format!("{place}.{field}");
        if id.trim().is_empty() {
            self.report(
                path,
                format!("the {kind} {field} is empty; give it a value"),
            );
        } else if let Some(first) = ids.earlier(id, place) {
            self.report(
                path,
                format!("{kind} {field} '{id}' is used already by {first}; give this {kind} another {field}"),
            );
        }
    }

    /// Patient-facing text needs an English string: it is the fallback for every language.
    fn text(&mut self, path: &str, text: &Text) {
        if text.english().is_none() {
            self.report(
                path,
                format!(
                    "no English text; write it as a string or include \"{DEFAULT_LANGUAGE}\": \"...\""
                ),
            );
        }
    }

    fn optional_text(&mut self, path: &str, text: Option<&Text>) {
        if let Some(text) = text {
            self.text(path, text);
        }
    }

    // ── Sections and items ──────────────────────────────────────────────────────────────────

    fn sections(&mut self) {
        let mut section_ids = FirstUse::default();
        let mut item_ids = FirstUse::default();
        let mut position = 0;
        for (s, section) in self.q.sections.iter().enumerate() {
            let path = format!("sections[{s}]");
            self.unique(&mut section_ids, &path, "section", "id", &section.id);
            self.text(&format!("{path}.title"), &section.title);
            if section.items.is_empty() {
                self.report(
                    format!("{path}.items"),
                    format!(
                        "section '{}' has no questions; add at least one or remove the section",
                        section.id
                    ),
                );
            }
            for (i, item) in section.items.iter().enumerate() {
                let path = format!("{path}.items[{i}]");
                self.unique(&mut item_ids, &path, "question", "id", &item.id);
                self.item(&path, position, item);
                position += 1;
            }
        }
    }

    /// One item; `position` is its place in questionnaire order, which `show_if` depends on.
    fn item(&mut self, path: &str, position: usize, item: &'q Item) {
        self.text(&format!("{path}.prompt"), &item.prompt);
        self.optional_text(&format!("{path}.help"), item.help.as_ref());
        self.options(path, item);
        self.item_settings(path, item);
        if let Some(show_if) = &item.show_if {
            let scope = Scope::ShowIf {
                id: &item.id,
                position,
            };
            self.condition(&format!("{path}.show_if"), show_if, scope);
        }
    }

    fn options(&mut self, path: &str, item: &'q Item) {
        let choice = matches!(item.kind, ItemKind::Single | ItemKind::Multi);
        if choice && item.options.len() < 2 {
            self.report(
                format!("{path}.options"),
                format!(
                    "question '{}' is \"{}\" and needs at least 2 options; add options or make it \"boolean\"",
                    item.id,
                    type_name(item.kind)
                ),
            );
        }
        if !choice && !item.options.is_empty() {
            self.report(
                format!("{path}.options"),
                format!(
                    "question '{}' is \"{}\" and cannot have options; remove them or make it \"single\" or \"multi\"",
                    item.id,
                    type_name(item.kind)
                ),
            );
        }
        let mut codes = FirstUse::default();
        for (o, option) in item.options.iter().enumerate() {
            let here = format!("{path}.options[{o}]");
            self.unique(&mut codes, &here, "option", "code", &option.code);
            self.text(&format!("{here}.label"), &option.label);
            self.optional_text(&format!("{here}.help"), option.help.as_ref());
            // "None of these" only means something where several options can be chosen.
            if option.exclusive && item.kind != ItemKind::Multi {
                self.report(
                    format!("{here}.exclusive"),
                    format!(
                        "\"exclusive\" only applies to options of a \"multi\" question, and '{}' is \"{}\"; remove it",
                        item.id,
                        type_name(item.kind)
                    ),
                );
            }
        }
    }

    /// Settings that only make sense for one type of question.
    fn item_settings(&mut self, path: &str, item: &Item) {
        match item.max_length {
            Some(_) if item.kind != ItemKind::Text => {
                self.only_for(path, "max_length", item, ItemKind::Text);
            }
            Some(0) => self.report(
                format!("{path}.max_length"),
                format!(
                    "max_length of question '{}' is 0, which accepts no answer; use a number above 0 or remove it",
                    item.id
                ),
            ),
            Some(max) => self.plausible(&format!("{path}.max_length"), max as u64, TEXT_LENGTH),
            None => {}
        }
        if let Some(years) = item.max_age_years {
            self.plausible(&format!("{path}.max_age_years"), years.into(), AGE);
        }
        if let Some(months) = item.max_months_ago {
            self.plausible(&format!("{path}.max_months_ago"), months.into(), MONTHS);
        }
        if item.not_future && item.kind != ItemKind::Date {
            self.only_for(path, "not_future", item, ItemKind::Date);
        }
        if item.max_age_years.is_some() && item.kind != ItemKind::Date {
            self.only_for(path, "max_age_years", item, ItemKind::Date);
        }
        if item.max_months_ago.is_some() && item.kind != ItemKind::Date {
            self.only_for(path, "max_months_ago", item, ItemKind::Date);
        }
    }

    fn only_for(&mut self, path: &str, field: &str, item: &Item, kind: ItemKind) {
        self.report(
            format!("{path}.{field}"),
            format!(
                "\"{field}\" only applies to \"{}\" questions, and '{}' is \"{}\"; remove it",
                type_name(kind),
                item.id,
                type_name(item.kind)
            ),
        );
    }

    // ── Conditions ──────────────────────────────────────────────────────────────────────────

    /// Walks a condition; `path` is where it sits, e.g. `sections[0].items[2].show_if`.
    fn condition(&mut self, path: &str, condition: &Condition, scope: Scope<'_>) {
        match condition {
            Condition::Answered(question) => {
                self.question(&format!("{path}.answered"), "answered", question, scope);
            }
            Condition::Equals { question, value } => {
                let here = format!("{path}.equals");
                if let Some(item) = self.comparable(&here, "equals", question, scope) {
                    self.expected(&here, item, value);
                }
            }
            Condition::OneOf { question, values } => {
                let here = format!("{path}.one_of");
                if values.is_empty() {
                    self.report(
                        &here,
                        "one_of has no values, so it never holds; list at least one",
                    );
                }
                if let Some(item) = self.comparable(&here, "one_of", question, scope) {
                    for value in values {
                        self.expected(&here, item, value);
                    }
                }
            }
            Condition::Includes { question, value } => {
                let here = format!("{path}.includes");
                if let Some(item) = self.question(&here, "includes", question, scope) {
                    if item.kind != ItemKind::Multi {
                        self.report(
                            &here,
                            format!(
                                "includes needs a \"multi\" question, and '{question}' is \"{}\"; use equals or one_of instead",
                                type_name(item.kind)
                            ),
                        );
                    } else if item.option(value).is_none() {
                        self.unknown_code(&here, item, value);
                    }
                }
            }
            Condition::Not(inner) => self.condition(&format!("{path}.not"), inner, scope),
            Condition::All(list) => self.list(&format!("{path}.all"), "all", list, scope),
            Condition::Any(list) => self.list(&format!("{path}.any"), "any", list, scope),
            Condition::AgeUnder { question, years } => {
                self.date(&format!("{path}.age_under"), "age_under", question, scope);
                self.plausible(&format!("{path}.age_under.years"), (*years).into(), AGE);
            }
            Condition::WithinMonths { question, months } => {
                self.plausible(
                    &format!("{path}.within_months.months"),
                    (*months).into(),
                    MONTHS,
                );
                self.date(
                    &format!("{path}.within_months"),
                    "within_months",
                    question,
                    scope,
                );
            }
        }
    }

    fn list(&mut self, path: &str, keyword: &str, list: &[Condition], scope: Scope<'_>) {
        if list.is_empty() {
            self.report(
                path,
                format!("{keyword} has an empty list; add conditions to it or remove it"),
            );
        }
        for (i, condition) in list.iter().enumerate() {
            self.condition(&format!("{path}[{i}]"), condition, scope);
        }
    }

    /// The question a condition reads, if it exists; reports it missing, or out of order for a
    /// `show_if`.
    fn question(
        &mut self,
        path: &str,
        keyword: &str,
        question: &str,
        scope: Scope<'_>,
    ) -> Option<&'q Item> {
        let (position, item) = self.existing(path, keyword, question)?;
        if let Scope::ShowIf { id, position: own } = scope {
            if question == id {
                self.report(
                    path,
                    format!(
                        "show_if refers to question '{question}' itself; a question can only depend on earlier ones"
                    ),
                );
            } else if position > own {
                self.report(
                    path,
                    format!(
                        "show_if refers to question '{question}', which comes later; a question can only depend on earlier ones"
                    ),
                );
            }
        }
        Some(item)
    }

    /// The item `question` names; reports it when there is none.
    fn existing(&mut self, path: &str, what: &str, question: &str) -> Option<(usize, &'q Item)> {
        if let Some(found) = self.by_id.get(question) {
            return Some(*found);
        }
        self.report(
            path,
            format!(
                "{what} refers to question '{question}', which does not exist; check the spelling or add the question"
            ),
        );
        None
    }

    /// The question of an `equals`/`one_of`, if it has a single answer to compare.
    fn comparable(
        &mut self,
        path: &str,
        keyword: &str,
        question: &str,
        scope: Scope<'_>,
    ) -> Option<&'q Item> {
        let item = self.question(path, keyword, question, scope)?;
        match item.kind {
            ItemKind::Single | ItemKind::Boolean => Some(item),
            ItemKind::Multi => {
                self.report(
                    path,
                    format!(
                        "{keyword} cannot test \"multi\" question '{question}'; use includes instead"
                    ),
                );
                None
            }
            ItemKind::Text | ItemKind::Date => {
                self.report(
                    path,
                    format!(
                        "{keyword} needs a \"single\" or \"boolean\" question, and '{question}' is \"{}\"",
                        type_name(item.kind)
                    ),
                );
                None
            }
        }
    }

    /// A value compared with a single-choice (an option code) or yes/no (true/false) answer.
    fn expected(&mut self, path: &str, item: &Item, value: &Expected) {
        match (item.kind, value) {
            (ItemKind::Single, Expected::Code(code)) if item.option(code).is_none() => {
                self.unknown_code(path, item, code);
            }
            (ItemKind::Single, Expected::Bool(b)) => self.report(
                path,
                format!(
                    "question '{}' is \"single\"; compare it with one of its option codes ({}), not {b}",
                    item.id,
                    codes(item)
                ),
            ),
            (ItemKind::Boolean, Expected::Code(code)) => self.report(
                path,
                format!(
                    "question '{}' is \"boolean\"; compare it with true or false, not \"{code}\"",
                    item.id
                ),
            ),
            _ => {}
        }
    }

    fn unknown_code(&mut self, path: &str, item: &Item, code: &str) {
        self.report(
            path,
            format!(
                "'{code}' is not an option code of question '{}'; use one of: {}",
                item.id,
                codes(item)
            ),
        );
    }

    fn date(&mut self, path: &str, keyword: &str, question: &str, scope: Scope<'_>) {
        if let Some(item) = self.question(path, keyword, question, scope)
            && item.kind != ItemKind::Date
        {
            self.report(
                path,
                format!(
                    "{keyword} needs a \"date\" question, and '{question}' is \"{}\"",
                    type_name(item.kind)
                ),
            );
        }
    }

    // ── Rules ───────────────────────────────────────────────────────────────────────────────

    fn screening_rules(&mut self) {
        let mut ids = FirstUse::default();
        for (r, rule) in self.q.rules.screening.iter().enumerate() {
            let path = format!("rules.screening[{r}]");
            self.unique(&mut ids, &path, "rule", "id", &rule.id);
            self.condition(&format!("{path}.when"), &rule.when, Scope::Rules);
            self.text(&format!("{path}.message"), &rule.message);
            if let Some(reassess) = &rule.reassess {
                self.reassess(&path, &rule.id, rule.level, reassess);
            }
        }
    }

    fn reassess(&mut self, path: &str, rule: &str, level: Level, reassess: &Reassess) {
        let here = format!("{path}.reassess");
        // Only a delay ends; the other levels have nothing to reassess.
        if level != Level::Delay {
            self.report(
                &here,
                format!(
                    "rule '{rule}' has level \"{}\", but reassess only applies to \"delay\" rules; remove it or change the level",
                    level.code()
                ),
            );
        }
        if let Reassess::DaysAfterReference(days) = reassess {
            self.plausible(
                &format!("{here}.days_after_reference"),
                (*days).into(),
                DAYS,
            );
        }
        if let Reassess::MonthsAfterAnswer { question, months } = reassess {
            let at = format!("{here}.months_after_answer");
            self.plausible(&format!("{at}.months"), (*months).into(), MONTHS);
            if let Some((_, item)) = self.existing(&at, "months_after_answer", question)
                && item.kind != ItemKind::Date
            {
                self.report(
                    &at,
                    format!(
                        "months_after_answer needs a \"date\" question, and '{question}' is \"{}\"",
                        type_name(item.kind)
                    ),
                );
            }
        }
    }

    /// A number that must lie in a plausible range.
    fn plausible(&mut self, path: &str, value: u64, Plausible(least, most, unit): Plausible) {
        if !(least..=most).contains(&value) {
            self.report(
                path,
                format!(
                    "{value} is not plausible here; use a number of {unit} from {least} to {most}"
                ),
            );
        }
    }

    /// A range whose `max` must not exceed `most` (beyond it, schedules leave the calendar).
    fn range(&mut self, path: &str, range: Range, most: u32) {
        if range.max > most {
            self.report(
                path,
                format!(
                    "max {} is not plausible here; use at most {most}",
                    range.max
                ),
            );
        }
        if range.min > range.max {
            self.report(
                path,
                format!(
                    "inverted range: min {} is greater than max {}; swap them",
                    range.min, range.max
                ),
            );
        }
    }

    /// A range of weeks between sessions or of sessions, where 0 makes no sense.
    fn counted_range(&mut self, path: &str, range: Range, most: u32) {
        self.range(path, range, most);
        if range.min == 0 {
            self.report(path, "min is 0; it must be at least 1");
        }
    }

    fn plans(&mut self) {
        self.counted_range(
            "rules.interval_weeks",
            self.q.rules.interval_weeks,
            MOST_WEEKS_APART,
        );
        let concerns = self.concerns_item();
        // Concern → its first row without `when`: the first matching row wins, so rows after it
        // are never used.
        let mut fallback: HashMap<&str, usize> = HashMap::new();
        for (p, row) in self.q.rules.plans.iter().enumerate() {
            let path = format!("rules.plans[{p}]");
            if let Some(concerns) = concerns
                && concerns.option(&row.concern).is_none()
            {
                self.report(
                    format!("{path}.concern"),
                    format!(
                        "'{}' is not an option code of the concerns question '{}'; use one of: {}",
                        row.concern,
                        concerns.id,
                        codes(concerns)
                    ),
                );
            }
            if let Some(first) = fallback.get(row.concern.as_str()) {
                self.report(
                    &path,
                    format!(
                        "this row for concern '{}' comes after rules.plans[{first}], which has no `when`, so it can never match; move it before that row or remove it",
                        row.concern
                    ),
                );
            } else if row.when.is_none() {
                fallback.insert(&row.concern, p);
            }
            if let Some(when) = &row.when {
                self.condition(&format!("{path}.when"), when, Scope::Rules);
            }
            self.counted_range(&format!("{path}.sessions"), row.sessions, MOST_SESSIONS);
            if let Some(maintenance) = row.maintenance_months {
                self.range(
                    &format!("{path}.maintenance_months"),
                    maintenance,
                    MOST_MONTHS_APART,
                );
            }
            for (n, note) in row.notes.iter().enumerate() {
                self.text(&format!("{path}.notes[{n}]"), note);
            }
        }
        if let Some(concerns) = concerns {
            for option in &concerns.options {
                if !fallback.contains_key(option.code.as_str()) {
                    self.report(
                        "rules.plans",
                        format!(
                            "concern '{}' has no plan row without `when`; add one as its fallback, after any conditional rows",
                            option.code
                        ),
                    );
                }
            }
        }
    }

    /// The concerns question, if it is a usable multi question.
    fn concerns_item(&mut self) -> Option<&'q Item> {
        let question = &self.q.rules.concerns_question;
        let (_, item) = self.existing("rules.concerns_question", "concerns_question", question)?;
        if item.kind == ItemKind::Multi {
            Some(item)
        } else {
            self.report(
                "rules.concerns_question",
                format!(
                    "concerns_question must name a \"multi\" question, and '{question}' is \"{}\"",
                    type_name(item.kind)
                ),
            );
            None
        }
    }

    fn notes(&mut self) {
        for (n, note) in self.q.rules.notes.iter().enumerate() {
            let path = format!("rules.notes[{n}]");
            if let Some(when) = &note.when {
                self.condition(&format!("{path}.when"), when, Scope::Rules);
            }
            self.text(&format!("{path}.text"), &note.text);
        }
    }

    // ── Patient identity ────────────────────────────────────────────────────────────────────

    fn patient(&mut self) {
        let patient = &self.q.patient;
        self.patient_field("patient.name", &patient.name, ItemKind::Text);
        self.patient_field(
            "patient.date_of_birth",
            &patient.date_of_birth,
            ItemKind::Date,
        );
    }

    fn patient_field(&mut self, path: &str, question: &str, kind: ItemKind) {
        if let Some((_, item)) = self.existing(path, path, question)
            && item.kind != kind
        {
            self.report(
                path,
                format!(
                    "{path} must name a \"{}\" question, and '{question}' is \"{}\"",
                    type_name(kind),
                    type_name(item.kind)
                ),
            );
        }
    }
}

/// Where each id was first used, to report repeats.
#[derive(Default)]
struct FirstUse<'a>(HashMap<&'a str, String>);

impl<'a> FirstUse<'a> {
    /// Where `id` was first used; `None`, after recording `here` as that place, if this is it.
    fn earlier(&mut self, id: &'a str, here: &str) -> Option<String> {
        match self.0.entry(id) {
            Entry::Occupied(first) => Some(first.get().clone()),
            Entry::Vacant(entry) => {
                entry.insert(here.to_owned());
                None
            }
        }
    }
}

/// A question type as `type` spells it in the file.
fn type_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Text => "text",
        ItemKind::Date => "date",
        ItemKind::Boolean => "boolean",
        ItemKind::Single => "single",
        ItemKind::Multi => "multi",
    }
}

/// An item's option codes for a message: `a, b, c`.
fn codes(item: &Item) -> String {
    item.options
        .iter()
        .map(|o| o.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
