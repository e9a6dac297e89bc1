//! Every `check` rule on a parsed questionnaire; returns all problems, not the first. Problems are
//! data; `words` turns them into sentences.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::model::condition::{Condition, Expected};
use crate::model::questionnaire::{
    Item, ItemKind, Level, Questionnaire, Range, Reassess, compare_versions, version_numbers,
};
use crate::model::text::{DEFAULT_LANGUAGE, Text};

/// An id, code or version a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    QuestionnaireId,
    QuestionnaireVersion,
    SectionId,
    QuestionId,
    OptionCode,
    RuleId,
    ConstraintId,
}

/// A `check` rule a structurally sound questionnaire breaks, with what the rule found. Keywords
/// and settings are spelt as in the file; `question` is a question id; `kind` is the type of the
/// question named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// An id, code or the version is blank.
    Empty { field: Field },
    /// An id or code used already, first at the path `first`.
    Duplicate {
        field: Field,
        id: String,
        first: String,
    },
    /// A `url` that cannot be a canonical URL: not absolute, or with white space, `|` or `#`.
    BadUrl { url: String },
    /// `languages` lacks English, the fallback for every text.
    NoEnglishLanguage,
    /// No sections at all.
    NoSections,
    /// A patient-facing text without a non-empty English string.
    NoEnglishText,
    /// A patient-facing text without a non-empty string in `language`, one the questionnaire
    /// declares in `languages`.
    MissingTranslation { language: String },
    /// A section without questions.
    EmptySection { section: String },
    /// A choice question with fewer than `least` options.
    TooFewOptions {
        question: String,
        kind: ItemKind,
        least: usize,
    },
    /// Options on a question that is not a choice.
    OptionsNotAllowed { question: String, kind: ItemKind },
    /// `exclusive` on an option of a question that is not "multi".
    ExclusiveNotMulti { question: String, kind: ItemKind },
    /// A `max_length` of 0.
    ZeroMaxLength { question: String },
    /// A setting of questions of type `applies_to` on a question of another type.
    SettingNotFor {
        setting: &'static str,
        applies_to: ItemKind,
        question: String,
        kind: ItemKind,
    },
    /// A `show_if` that reads its own question.
    ShowIfItself { question: String },
    /// A `show_if` that reads a later question.
    ShowIfLater { question: String },
    /// A constraint's `require` that reads a question after the constraint's own `of`; it is
    /// checked when its question is answered.
    ConstraintReadsLater { question: String, of: String },
    /// A condition keyword or setting (`by`) naming a question that does not exist.
    UnknownQuestion { by: &'static str, question: String },
    /// `one_of` without values.
    EmptyOneOf,
    /// `all` or `any` with an empty list.
    EmptyList { keyword: &'static str },
    /// `includes` on a question that is not "multi".
    IncludesNotMulti { question: String, kind: ItemKind },
    /// `equals` or `one_of` on a "multi" question.
    ComparesMulti {
        keyword: &'static str,
        question: String,
    },
    /// `equals` or `one_of` on a question that is neither "single" nor "boolean".
    NotComparable {
        keyword: &'static str,
        question: String,
        kind: ItemKind,
    },
    /// A "single" question compared with true or false; `options` are its codes.
    SingleComparedWithBool {
        question: String,
        value: bool,
        options: Vec<String>,
    },
    /// A "boolean" question compared with a code.
    BooleanComparedWithCode { question: String, code: String },
    /// A code the question lacks; `options` are its codes.
    UnknownCode {
        code: String,
        question: String,
        options: Vec<String>,
    },
    /// A date condition, or a reassessment counted from an answer, on a question that is not a
    /// date.
    NeedsDate {
        keyword: &'static str,
        question: String,
        kind: ItemKind,
    },
    /// `reassess` on a rule whose level is not "delay".
    ReassessNotDelay { rule: String, level: Level },
    /// A range whose `max` is above the plausible `most`.
    Implausible { max: u32, most: u32 },
    /// A number outside its plausible range, `least` to `most` of `unit` (beyond it a rule never
    /// fires or a date leaves the calendar).
    NotPlausible {
        value: u64,
        least: u64,
        most: u64,
        unit: &'static str,
    },
    /// An empty entry in `languages`.
    EmptyLanguage,
    /// A language listed twice, first at the path `first`.
    RepeatedLanguage { language: String, first: String },
    /// A range whose `min` is above its `max`.
    InvertedRange { min: u32, max: u32 },
    /// A range of sessions or weeks starting at 0.
    ZeroMin,
    /// A plan for a concern that is not an option of the concerns question.
    UnknownConcern {
        concern: String,
        question: String,
        options: Vec<String>,
    },
    /// A plan row after its concern's row without `when` (at `rules.plans[fallback]`).
    UnreachablePlan { concern: String, fallback: usize },
    /// A concern without a plan row without `when`.
    NoFallbackPlan { concern: String },
    /// A `changed_in` that is not a version of dotted numbers such as `2.1.0`.
    ChangedInNotVersion {
        question: String,
        changed_in: String,
    },
    /// A `changed_in` after the questionnaire's own `version` (or a `changed_in` when the
    /// questionnaire's version is not dotted numbers, so nothing can be placed before it).
    ChangedInLater {
        question: String,
        changed_in: String,
        version: String,
    },
    /// A setting naming a question of the wrong type.
    WrongQuestionType {
        setting: &'static str,
        wanted: ItemKind,
        question: String,
        kind: ItemKind,
    },
}

/// Every semantic problem of a structurally sound questionnaire, with its path.
#[must_use]
pub fn validate(questionnaire: &Questionnaire) -> Vec<(String, Invalid)> {
    // In file order, so the report reads top to bottom.
    let mut check = Check::new(questionnaire);
    check.header();
    check.patient();
    check.sections();
    check.constraints();
    check.screening_rules();
    check.plans();
    check.notes();
    check.problems
}

/// Every patient-facing text without its string in a language the questionnaire declares
/// ([`Invalid::MissingTranslation`]), with its path, in file order. Not a problem that stops the
/// questionnaire loading: the patient reads the English string there instead.
#[must_use]
pub fn missing_translations(questionnaire: &Questionnaire) -> Vec<(String, Invalid)> {
    let mut check = Check::new(questionnaire);
    check.header();
    check.patient();
    check.sections();
    check.constraints();
    check.screening_rules();
    check.plans();
    check.notes();
    check.missing
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
/// A choice needs something to choose between.
const LEAST_OPTIONS: usize = 2;

/// Where a condition sits, which decides what it may refer to.
#[derive(Clone, Copy)]
enum Scope<'q> {
    /// An item's `show_if`: only earlier questions, since the patient answers in order.
    ShowIf { id: &'q str, position: usize },
    /// A constraint's `require`: its own question and earlier ones, so that it can be checked when
    /// its question is answered.
    Constraint { question: &'q str, position: usize },
    /// Rules, plans and notes run on the finished answers, so any question will do.
    Rules,
}

/// The questionnaire under check, an index of its items and the problems found so far.
struct Check<'q> {
    q: &'q Questionnaire,
    /// Item id → its position in questionnaire order and the item; the first of duplicates wins.
    by_id: HashMap<&'q str, (usize, &'q Item)>,
    problems: Vec<(String, Invalid)>,
    /// Texts without a declared language's string: reported apart from the problems.
    missing: Vec<(String, Invalid)>,
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
            missing: Vec::new(),
        }
    }

    fn report(&mut self, path: impl Into<String>, invalid: Invalid) {
        self.problems.push((path.into(), invalid));
    }

    // ── The whole file ──────────────────────────────────────────────────────────────────────

    fn header(&mut self) {
        let q = self.q;
        self.not_blank("id", &q.id, Field::QuestionnaireId);
        self.not_blank("version", &q.version, Field::QuestionnaireVersion);
        if let Some(url) = &q.url
            && !is_canonical_url(url)
        {
            self.report("url", Invalid::BadUrl { url: url.clone() });
        }
        self.text("title", &q.title);
        let mut seen = FirstUse::default();
        for (i, language) in q.languages.iter().enumerate() {
            let path = format!("languages[{i}]");
            if language.trim().is_empty() {
                self.report(path, Invalid::EmptyLanguage);
            } else if let Some(first) = seen.earlier(language, &path) {
                let language = language.clone();
                self.report(path, Invalid::RepeatedLanguage { language, first });
            }
        }
        if !q.languages.iter().any(|l| l == DEFAULT_LANGUAGE) {
            self.report("languages", Invalid::NoEnglishLanguage);
        }
        if q.sections.is_empty() {
            self.report("", Invalid::NoSections);
        }
    }

    fn not_blank(&mut self, path: &str, value: &str, field: Field) {
        if value.trim().is_empty() {
            self.report(path, Invalid::Empty { field });
        }
    }

    /// Reports a blank id, or one used before; `ids` remembers where each was first used.
    fn unique(&mut self, ids: &mut FirstUse<'q>, place: &str, field: Field, id: &'q str) {
        let key = if field == Field::OptionCode {
            "code"
        } else {
            "id"
        };
        let path = format!("{place}.{key}");
        if id.trim().is_empty() {
            self.report(path, Invalid::Empty { field });
        } else if let Some(first) = ids.earlier(id, place) {
            let id = id.to_owned();
            self.report(path, Invalid::Duplicate { field, id, first });
        }
    }

    /// Patient-facing text needs an English string: it is the fallback for every language.
    /// Every other declared language needs its own string too, or the patient who chose it
    /// reads English in the middle of their questionnaire.
    fn text(&mut self, path: &str, text: &Text) {
        if text.english().is_none() {
            self.report(path, Invalid::NoEnglishText);
        }
        let q = self.q;
        for language in &q.languages {
            if language != DEFAULT_LANGUAGE
                && !language.trim().is_empty()
                && text.translation(language).is_none()
            {
                let language = language.clone();
                self.missing
                    .push((path.to_owned(), Invalid::MissingTranslation { language }));
            }
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
            self.unique(&mut section_ids, &path, Field::SectionId, &section.id);
            self.text(&format!("{path}.title"), &section.title);
            if section.items.is_empty() {
                self.report(
                    format!("{path}.items"),
                    Invalid::EmptySection {
                        section: section.id.clone(),
                    },
                );
            }
            for (i, item) in section.items.iter().enumerate() {
                let path = format!("{path}.items[{i}]");
                self.unique(&mut item_ids, &path, Field::QuestionId, &item.id);
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
        if let Some(changed_in) = &item.changed_in {
            self.changed_in(&format!("{path}.changed_in"), item, changed_in);
        }
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
        let (question, kind) = (item.id.clone(), item.kind);
        if choice && item.options.len() < LEAST_OPTIONS {
            self.report(
                format!("{path}.options"),
                Invalid::TooFewOptions {
                    question,
                    kind,
                    least: LEAST_OPTIONS,
                },
            );
        } else if !choice && !item.options.is_empty() {
            self.report(
                format!("{path}.options"),
                Invalid::OptionsNotAllowed { question, kind },
            );
        }
        let mut codes = FirstUse::default();
        for (o, option) in item.options.iter().enumerate() {
            let here = format!("{path}.options[{o}]");
            self.unique(&mut codes, &here, Field::OptionCode, &option.code);
            self.text(&format!("{here}.label"), &option.label);
            self.optional_text(&format!("{here}.help"), option.help.as_ref());
            // "None of these" only means something where several options can be chosen.
            if option.exclusive && item.kind != ItemKind::Multi {
                self.report(
                    format!("{here}.exclusive"),
                    Invalid::ExclusiveNotMulti {
                        question: item.id.clone(),
                        kind: item.kind,
                    },
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
                Invalid::ZeroMaxLength {
                    question: item.id.clone(),
                },
            ),
            Some(max) => self.plausible(
                &format!("{path}.max_length"),
                u64::try_from(max).unwrap_or(u64::MAX),
                TEXT_LENGTH,
            ),
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
        if item.approximate && item.kind != ItemKind::Date {
            self.only_for(path, "approximate", item, ItemKind::Date);
        }
        if item.max_age_years.is_some() && item.kind != ItemKind::Date {
            self.only_for(path, "max_age_years", item, ItemKind::Date);
        }
        if item.max_months_ago.is_some() && item.kind != ItemKind::Date {
            self.only_for(path, "max_months_ago", item, ItemKind::Date);
        }
    }

    /// A version a draft's version can be compared with, no later than the questionnaire's own:
    /// otherwise every saved answer to the question would be asked again forever.
    fn changed_in(&mut self, path: &str, item: &Item, changed_in: &str) {
        let question = item.id.clone();
        let changed_in_owned = changed_in.to_owned();
        let Some(changed) = version_numbers(changed_in) else {
            self.report(
                path,
                Invalid::ChangedInNotVersion {
                    question,
                    changed_in: changed_in_owned,
                },
            );
            return;
        };
        let own = version_numbers(&self.q.version);
        if own.is_none_or(|own| compare_versions(&changed, &own).is_gt()) {
            self.report(
                path,
                Invalid::ChangedInLater {
                    question,
                    changed_in: changed_in_owned,
                    version: self.q.version.clone(),
                },
            );
        }
    }

    fn only_for(&mut self, path: &str, setting: &'static str, item: &Item, kind: ItemKind) {
        self.report(
            format!("{path}.{setting}"),
            Invalid::SettingNotFor {
                setting,
                applies_to: kind,
                question: item.id.clone(),
                kind: item.kind,
            },
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
                    self.report(&here, Invalid::EmptyOneOf);
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
                            Invalid::IncludesNotMulti {
                                question: question.clone(),
                                kind: item.kind,
                            },
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
            Condition::WithinDays { question, days } => {
                self.plausible(&format!("{path}.within_days.days"), (*days).into(), DAYS);
                self.date(
                    &format!("{path}.within_days"),
                    "within_days",
                    question,
                    scope,
                );
            }
        }
    }

    fn list(&mut self, path: &str, keyword: &'static str, list: &[Condition], scope: Scope<'_>) {
        if list.is_empty() {
            self.report(path, Invalid::EmptyList { keyword });
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
        keyword: &'static str,
        question: &str,
        scope: Scope<'_>,
    ) -> Option<&'q Item> {
        let (position, item) = self.existing(path, keyword, question)?;
        let question = question.to_owned();
        match scope {
            Scope::ShowIf { id, position: own } => {
                if question == id {
                    self.report(path, Invalid::ShowIfItself { question });
                } else if position > own {
                    self.report(path, Invalid::ShowIfLater { question });
                }
            }
            Scope::Constraint {
                question: of,
                position: own,
            } if position > own => {
                let of = of.to_owned();
                self.report(path, Invalid::ConstraintReadsLater { question, of });
            }
            Scope::Constraint { .. } | Scope::Rules => {}
        }
        Some(item)
    }

    /// The item `question` names; reports it, as named `by` a keyword or setting, when there is
    /// none.
    fn existing(
        &mut self,
        path: &str,
        by: &'static str,
        question: &str,
    ) -> Option<(usize, &'q Item)> {
        if let Some(found) = self.by_id.get(question) {
            return Some(*found);
        }
        let question = question.to_owned();
        self.report(path, Invalid::UnknownQuestion { by, question });
        None
    }

    /// The question of an `equals`/`one_of`, if it has a single answer to compare.
    fn comparable(
        &mut self,
        path: &str,
        keyword: &'static str,
        question: &str,
        scope: Scope<'_>,
    ) -> Option<&'q Item> {
        let item = self.question(path, keyword, question, scope)?;
        let question = question.to_owned();
        match item.kind {
            ItemKind::Single | ItemKind::Boolean => Some(item),
            ItemKind::Multi => {
                self.report(path, Invalid::ComparesMulti { keyword, question });
                None
            }
            kind @ (ItemKind::Text | ItemKind::Date) => {
                let invalid = Invalid::NotComparable {
                    keyword,
                    question,
                    kind,
                };
                self.report(path, invalid);
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
            (ItemKind::Single, Expected::Bool(value)) => self.report(
                path,
                Invalid::SingleComparedWithBool {
                    question: item.id.clone(),
                    value: *value,
                    options: codes(item),
                },
            ),
            (ItemKind::Boolean, Expected::Code(code)) => self.report(
                path,
                Invalid::BooleanComparedWithCode {
                    question: item.id.clone(),
                    code: code.clone(),
                },
            ),
            _ => {}
        }
    }

    fn unknown_code(&mut self, path: &str, item: &Item, code: &str) {
        self.report(
            path,
            Invalid::UnknownCode {
                code: code.to_owned(),
                question: item.id.clone(),
                options: codes(item),
            },
        );
    }

    fn date(&mut self, path: &str, keyword: &'static str, question: &str, scope: Scope<'_>) {
        if let Some(item) = self.question(path, keyword, question, scope)
            && item.kind != ItemKind::Date
        {
            let invalid = Invalid::NeedsDate {
                keyword,
                question: question.to_owned(),
                kind: item.kind,
            };
            self.report(path, invalid);
        }
    }

    // ── Constraints ─────────────────────────────────────────────────────────────────────────

    fn constraints(&mut self) {
        let mut ids = FirstUse::default();
        for (c, constraint) in self.q.constraints.iter().enumerate() {
            let path = format!("constraints[{c}]");
            self.unique(&mut ids, &path, Field::ConstraintId, &constraint.id);
            let at = format!("{path}.question");
            if let Some((position, _)) = self.existing(&at, "the constraint", &constraint.question)
            {
                let scope = Scope::Constraint {
                    question: &constraint.question,
                    position,
                };
                self.condition(&format!("{path}.require"), &constraint.require, scope);
            }
            self.text(&format!("{path}.message"), &constraint.message);
        }
    }

    // ── Rules ───────────────────────────────────────────────────────────────────────────────

    fn screening_rules(&mut self) {
        let mut ids = FirstUse::default();
        for (r, rule) in self.q.rules.screening.iter().enumerate() {
            let path = format!("rules.screening[{r}]");
            self.unique(&mut ids, &path, Field::RuleId, &rule.id);
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
            let rule = rule.to_owned();
            self.report(&here, Invalid::ReassessNotDelay { rule, level });
        }
        let (keyword, field, number, plausible) = match reassess {
            Reassess::DaysAfterReference(days) => ("days_after_reference", None, *days, DAYS),
            Reassess::MonthsAfterAnswer { months, .. } => {
                ("months_after_answer", Some("months"), *months, MONTHS)
            }
            Reassess::DaysAfterAnswer { days, .. } => {
                ("days_after_answer", Some("days"), *days, DAYS)
            }
            Reassess::Birthday { years, .. } => ("birthday", Some("years"), *years, AGE),
        };
        let at = format!("{here}.{keyword}");
        let number_at = field.map_or_else(|| at.clone(), |field| format!("{at}.{field}"));
        self.plausible(&number_at, number.into(), plausible);
        if let Some(question) = reassess.question()
            && let Some((_, item)) = self.existing(&at, keyword, question)
            && item.kind != ItemKind::Date
        {
            let invalid = Invalid::NeedsDate {
                keyword,
                question: question.to_owned(),
                kind: item.kind,
            };
            self.report(&at, invalid);
        }
    }

    /// A range whose `max` must not exceed `most` (beyond it, schedules leave the calendar).
    /// A number that must lie in a plausible range.
    fn plausible(&mut self, path: &str, value: u64, Plausible(least, most, unit): Plausible) {
        if !(least..=most).contains(&value) {
            let invalid = Invalid::NotPlausible {
                value,
                least,
                most,
                unit,
            };
            self.report(path, invalid);
        }
    }

    fn range(&mut self, path: &str, range: Range, most: u32) {
        let Range { min, max } = range;
        if max > most {
            self.report(path, Invalid::Implausible { max, most });
        }
        if min > max {
            self.report(path, Invalid::InvertedRange { min, max });
        }
    }

    /// A range of weeks between sessions or of sessions, where 0 makes no sense.
    fn counted_range(&mut self, path: &str, range: Range, most: u32) {
        self.range(path, range, most);
        if range.min == 0 {
            self.report(path, Invalid::ZeroMin);
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
                    Invalid::UnknownConcern {
                        concern: row.concern.clone(),
                        question: concerns.id.clone(),
                        options: codes(concerns),
                    },
                );
            }
            if let Some(&first) = fallback.get(row.concern.as_str()) {
                self.report(
                    &path,
                    Invalid::UnreachablePlan {
                        concern: row.concern.clone(),
                        fallback: first,
                    },
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
                        Invalid::NoFallbackPlan {
                            concern: option.code.clone(),
                        },
                    );
                }
            }
        }
    }

    /// The concerns question, if it is a usable multi question.
    fn concerns_item(&mut self) -> Option<&'q Item> {
        let question = &self.q.rules.concerns_question;
        let setting = "concerns_question";
        let (_, item) = self.existing("rules.concerns_question", setting, question)?;
        if item.kind == ItemKind::Multi {
            Some(item)
        } else {
            let invalid = Invalid::WrongQuestionType {
                setting,
                wanted: ItemKind::Multi,
                question: question.clone(),
                kind: item.kind,
            };
            self.report("rules.concerns_question", invalid);
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

    /// A patient setting; its path is also how it is named.
    fn patient_field(&mut self, path: &'static str, question: &str, wanted: ItemKind) {
        if let Some((_, item)) = self.existing(path, path, question)
            && item.kind != wanted
        {
            let invalid = Invalid::WrongQuestionType {
                setting: path,
                wanted,
                question: question.to_owned(),
                kind: item.kind,
            };
            self.report(path, invalid);
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

/// An absolute URL (`scheme:rest`) that FHIR can use as a canonical: `|` separates a canonical
/// from its version and `#` a contained resource, so neither may appear.
fn is_canonical_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    scheme_ok
        && !rest.is_empty()
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '|' | '#'))
}

/// An item's option codes, in order.
fn codes(item: &Item) -> Vec<String> {
    item.options.iter().map(|o| o.code.clone()).collect()
}
