//! English: problems and answers here, the screens and the printed record in [`screens`].

mod screens;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::phrases::{DateForm, Hint, Label, ModeForm, MomentForm, Say};
use super::{Delivery, Words, count};
use crate::dates::DateProblem;
use crate::engine::checks::Fault;
use crate::engine::display::Shown;
use crate::engine::summary::{Decision, Mode};
use crate::load::answers::{AnswersProblem, JsonType, ValueProblem};
use crate::load::json::JsonError;
use crate::load::questionnaire::{Location, Problem, ProblemKind};
use crate::load::summary::SummaryProblem;
use crate::load::validate::{Field, Invalid};
use crate::model::questionnaire::ItemKind;
use crate::model::questionnaire::Level;
use crate::model::text::DEFAULT_LANGUAGE;

mod clinic;
mod paper;
mod plain;
mod report;

pub const LANGUAGE: &str = "en";

pub struct English;

impl Words for English {
    fn date_problem(&self, problem: &DateProblem) -> String {
        match problem {
            DateProblem::NotIso {
                given,
                month_allowed: false,
            } => format!(
                "'{given}' is not a real date written as YYYY-MM-DD (for example 1980-05-31)"
            ),
            DateProblem::NotIso {
                given,
                month_allowed: true,
            } => format!(
                "'{given}' is not a real date written as YYYY-MM-DD (for example 1980-05-31), \
                 nor a month written as YYYY-MM (for example 2026-08)"
            ),
            DateProblem::NotTyped {
                given,
                month_allowed: false,
            } => format!(
                "'{given}' is not a date we can read. Please type it as YYYY-MM-DD, for example \
                 1980-05-31."
            ),
            DateProblem::NotTyped {
                given,
                month_allowed: true,
            } => format!(
                "'{given}' is not a date we can read. Please type it as YYYY-MM-DD, for example \
                 2026-08-15, or only the month and year if you do not know the day, for example \
                 08/2026 or August 2026."
            ),
            DateProblem::TooLate { date } => format!(
                "'{date}' is too far in the future; dates up to {} are accepted",
                crate::dates::LATEST
            ),
        }
    }

    fn fault(&self, fault: &Fault) -> String {
        match fault {
            Fault::Missing {
                kind: ItemKind::Multi,
            } => "Please choose at least one option.".into(),
            Fault::Missing {
                kind: ItemKind::Single | ItemKind::Boolean,
            } => "Please choose an answer.".into(),
            Fault::Missing {
                kind: ItemKind::Text | ItemKind::Date,
            } => "Please fill this in.".into(),
            Fault::TooLong { max, length } => {
                format!(
                    "Please keep this to {} (it has {length}).",
                    count(max, " ", "character", "characters")
                )
            }
            Fault::InvisibleCharacters => {
                "This holds control or invisible formatting characters; please type it again."
                    .into()
            }
            Fault::InFuture => "This date is in the future. Please check it.".into(),
            Fault::MonthInFuture => "This month is in the future. Please check it.".into(),
            Fault::TooLongAgo { months } => format!(
                "This date is more than {} ago. Please check it, or go back and change your \
                 earlier answer.",
                count(months, " ", "month", "months")
            ),
            Fault::TooOld { age, .. } => {
                format!(
                    "That would make you {} old. Please check the year.",
                    count(age, " ", "year", "years")
                )
            }
            Fault::ChosenTwice { code } => format!("Option '{code}' is chosen twice."),
            Fault::NotCombinable { label, .. } => format!(
                "'{}' cannot be combined with other options.",
                label.get(LANGUAGE)
            ),
            Fault::Constraint { message, .. } => message.get(LANGUAGE).to_owned(),
        }
    }

    fn answers_problem(&self, problem: &AnswersProblem) -> String {
        let message = match problem {
            AnswersProblem::Empty => {
                r#"the file is empty; it should hold {"answers": {...}}"#.into()
            }
            AnswersProblem::Syntax {
                line,
                column,
                message,
            } => format!("line {line}, column {column}: not valid JSON: {message}"),
            AnswersProblem::DuplicateKey { line, column, key } => format!(
                "line {line}, column {column}: the key \"{key}\" appears twice in one object; \
                 keep one of them"
            ),
            AnswersProblem::NotAnObject => {
                r#"expected an object such as {"answers": {"full_name": "Ada Lovelace"}}"#.into()
            }
            AnswersProblem::UnknownField { field } => {
                format!(r#"unknown field '{field}': the file holds only "answers""#)
            }
            AnswersProblem::AnswersNotAnObject { found } => format!(
                r#""answers" must be an object of question id to answer, not {}"#,
                json_type(*found)
            ),
            AnswersProblem::NoAnswers => {
                r#"missing "answers": an object of question id to answer"#.into()
            }
            AnswersProblem::UnknownQuestion { .. } => {
                "no such question in this questionnaire".into()
            }
            AnswersProblem::Value { question, problem } => self.value_problem(question, problem),
            AnswersProblem::Answer(problem) => self.fault(&problem.fault),
        };
        match problem.question() {
            Some(question) => format!("question '{question}': {message}"),
            None => message,
        }
    }

    fn questionnaire_problem(&self, problem: &Problem) -> String {
        let message = match &problem.kind {
            ProblemKind::Syntax(message) => format!("JSON syntax: {message}"),
            ProblemKind::DuplicateKey(key) => {
                format!("the key \"{key}\" appears twice in one object; keep one of them")
            }
            ProblemKind::Structure(message) => message.clone(),
            ProblemKind::Meaning(invalid) => broken_rule(invalid),
        };
        let file = &problem.file;
        match &problem.location {
            Location::Position { line, column } => format!("{file}:{line}:{column}: {message}"),
            Location::Path(path) if path.is_empty() => format!("{file}: {message}"),
            Location::Path(path) => format!("{file}: {path}: {message}"),
        }
    }

    fn json_problem(&self, problem: &JsonError) -> String {
        match problem {
            JsonError::Syntax {
                line,
                column,
                message,
            } => format!("line {line}, column {column}: {message}"),
            JsonError::DuplicateKey { line, column, key } => format!(
                "line {line}, column {column}: the key \"{key}\" appears twice in one object"
            ),
        }
    }

    fn summary_problem(&self, problem: &SummaryProblem) -> String {
        match problem {
            SummaryProblem::Empty => "the file is empty; give the path of a summary".into(),
            SummaryProblem::Syntax {
                line,
                column,
                message,
            } => format!("line {line}, column {column}: not valid JSON: {message}"),
            SummaryProblem::NotUtf8 { column } => {
                format!("line 1, column {column}: not valid JSON: not UTF-8 text")
            }
            SummaryProblem::DuplicateKey { line, column, key } => format!(
                "line {line}, column {column}: the key \"{key}\" appears twice in one object; \
                 the file has been changed by hand"
            ),
            SummaryProblem::NotASummary => {
                r#"not a skin-intake summary (it has no "format": "skin-intake/summary"); give the path of a summary"#.into()
            }
            SummaryProblem::NewerFormat { found } => format!(
                "written by a newer skin-intake (summary format {found}, this one reads up to {}); \
                 update skin-intake to read it",
                crate::engine::summary::FORMAT_VERSION
            ),
            SummaryProblem::Structure { path, message } if path == "." => {
                format!("not a complete summary: {message}")
            }
            SummaryProblem::Structure { path, message } => {
                format!("not a complete summary: {path}: {message}")
            }
        }
    }

    fn delivery(&self, delivery: &Delivery) -> String {
        match delivery {
            Delivery::Queued => "queued",
            Delivery::Delivered => "delivered",
            Delivery::NeedsAttention => "⚠ delivery needs attention",
            Delivery::Superseded => "superseded by a newer version",
            Delivery::NotRecorded { disk_full: true } => {
                "⚠ delivered; cannot record delivery: disk full"
            }
            Delivery::NotRecorded { disk_full: false } => {
                "⚠ delivered; cannot record delivery: the outbox cannot be written"
            }
            Delivery::SenderFailed => "⚠ delivery needs attention: the sender failed and restarts",
        }
        .to_owned()
    }

    fn shown(&self, shown: &Shown) -> String {
        match shown {
            Shown::Text(s) => (*s).to_owned(),
            Shown::Date(d) => screens::date(*d, DateForm::Long),
            Shown::Month(m) => screens::month(m.first_day()),
            Shown::YesNo(true) => screens::label(Label::Yes).into(),
            Shown::YesNo(false) => screens::label(Label::No).into(),
            Shown::Options(labels) => labels.join(", "),
        }
    }

    fn label(&self, label: Label) -> &'static str {
        screens::label(label)
    }

    fn hint(&self, hint: Hint) -> (&'static str, &'static str) {
        screens::hint(hint)
    }

    fn say(&self, say: &Say) -> String {
        screens::say(say)
    }

    fn verdict(&self, level: Level) -> &'static str {
        screens::verdict(level)
    }

    fn verdict_short(&self, level: Level) -> &'static str {
        screens::verdict_short(level)
    }

    fn decision(&self, decision: Decision) -> &'static str {
        screens::decision(decision)
    }

    fn decision_short(&self, decision: Decision) -> &'static str {
        screens::decision_short(decision)
    }

    fn mode(&self, mode: Mode, form: ModeForm) -> &'static str {
        screens::mode(mode, form)
    }

    fn date(&self, date: NaiveDate, form: DateForm) -> String {
        screens::date(date, form)
    }

    fn month(&self, first_day: NaiveDate) -> String {
        screens::month(first_day)
    }

    fn moment(&self, at: &DateTime<FixedOffset>, form: MomentForm) -> String {
        screens::moment(at, form)
    }
}

impl English {
    /// What is wrong with the value given for `question`.
    fn value_problem(&self, question: &str, problem: &ValueProblem) -> String {
        match problem {
            ValueProblem::Element { index, problem } => match &**problem {
                ValueProblem::WrongType { found, .. } => format!(
                    "{question}[{index}]: expected an option code, found {}",
                    json_type(*found)
                ),
                other => format!(
                    "{question}[{index}]: {}",
                    self.value_problem(question, other)
                ),
            },
            ValueProblem::WrongType { expected, found } => {
                let expected = match expected {
                    ItemKind::Text => "a string",
                    ItemKind::Date => r#"a date as "YYYY-MM-DD""#,
                    ItemKind::Boolean => "true or false",
                    ItemKind::Single => "one option code as a string",
                    ItemKind::Multi => "a list of option codes",
                };
                format!("expected {expected}, found {}", json_type(*found))
            }
            ValueProblem::UnknownOption { code, options } => format!(
                "unknown option '{code}'; the options are: {}",
                options.join(", ")
            ),
            ValueProblem::Date(problem) => self.date_problem(problem),
        }
    }
}

/// A broken `check` rule. Keywords, settings and types are spelt as in the file.
fn broken_rule(invalid: &Invalid) -> String {
    let en = DEFAULT_LANGUAGE;
    match invalid {
        Invalid::Empty { field } => {
            let (owner, name) = field_words(*field);
            format!("the {owner} {name} is empty; give it a value")
        }
        Invalid::Duplicate { field, id, first } => {
            let (owner, name) = field_words(*field);
            format!(
                "{owner} {name} '{id}' is used already by {first}; give this {owner} another \
                 {name}"
            )
        }
        Invalid::BadUrl { url } => format!(
            "url '{url}' is not a canonical URL: write an absolute URL such as \
             https://fhir.example-clinic.com/Questionnaire/intake, without spaces, '|' or '#'"
        ),
        Invalid::NoEnglishLanguage => format!(
            "languages must include \"{en}\": English is the fallback for every text; add it \
             to the list"
        ),
        Invalid::NoSections => {
            "the questionnaire has no sections; add at least one section with questions".into()
        }
        Invalid::NoEnglishText => {
            format!("no English text; write it as a string or include \"{en}\": \"...\"")
        }
        Invalid::MissingTranslation { language } => format!(
            "no \"{language}\" text, and the questionnaire declares \"{language}\" in languages; \
             add \"{language}\": \"...\""
        ),
        Invalid::EmptySection { section } => {
            format!("section '{section}' has no questions; add at least one or remove the section")
        }
        Invalid::TooFewOptions {
            question,
            kind,
            least,
        } => format!(
            "question '{question}' is \"{}\" and needs at least {}; add options or make it \
             \"boolean\"",
            kind.code(),
            count(least, " ", "option", "options")
        ),
        Invalid::OptionsNotAllowed { question, kind } => format!(
            "question '{question}' is \"{}\" and cannot have options; remove them or make it \
             \"single\" or \"multi\"",
            kind.code()
        ),
        Invalid::ExclusiveNotMulti { question, kind } => format!(
            "\"exclusive\" only applies to options of a \"multi\" question, and '{question}' \
             is \"{}\"; remove it",
            kind.code()
        ),
        Invalid::ZeroMaxLength { question } => format!(
            "max_length of question '{question}' is 0, which accepts no answer; use a number \
             above 0 or remove it"
        ),
        Invalid::SettingNotFor {
            setting,
            applies_to,
            question,
            kind,
        } => format!(
            "\"{setting}\" only applies to \"{}\" questions, and '{question}' is \"{}\"; \
             remove it",
            applies_to.code(),
            kind.code()
        ),
        Invalid::ShowIfItself { question } => format!(
            "show_if refers to question '{question}' itself; a question can only depend on \
             earlier ones"
        ),
        Invalid::ShowIfLater { question } => format!(
            "show_if refers to question '{question}', which comes later; a question can only \
             depend on earlier ones"
        ),
        Invalid::ConstraintReadsLater { question, of } => format!(
            "the constraint reads question '{question}', which comes after its question '{of}'; \
             a constraint is checked when its question is answered, so it can only read that \
             question and earlier ones: make '{question}' the constraint's question, or move it \
             earlier"
        ),
        Invalid::UnknownQuestion { by, question } => format!(
            "{by} refers to question '{question}', which does not exist; check the spelling \
             or add the question"
        ),
        Invalid::EmptyOneOf => "one_of has no values, so it never holds; list at least one".into(),
        Invalid::EmptyList { keyword } => {
            format!("{keyword} has an empty list; add conditions to it or remove it")
        }
        Invalid::IncludesNotMulti { question, kind } => format!(
            "includes needs a \"multi\" question, and '{question}' is \"{}\"; use equals or \
             one_of instead",
            kind.code()
        ),
        Invalid::ComparesMulti { keyword, question } => {
            format!("{keyword} cannot test \"multi\" question '{question}'; use includes instead")
        }
        Invalid::NotComparable {
            keyword,
            question,
            kind,
        } => format!(
            "{keyword} needs a \"single\" or \"boolean\" question, and '{question}' is \"{}\"",
            kind.code()
        ),
        Invalid::SingleComparedWithBool {
            question,
            value,
            options,
        } => format!(
            "question '{question}' is \"single\"; compare it with one of its option codes \
             ({}), not {value}",
            options.join(", ")
        ),
        Invalid::BooleanComparedWithCode { question, code } => format!(
            "question '{question}' is \"boolean\"; compare it with true or false, not \
             \"{code}\""
        ),
        Invalid::UnknownCode {
            code,
            question,
            options,
        } => format!(
            "'{code}' is not an option code of question '{question}'; use one of: {}",
            options.join(", ")
        ),
        Invalid::NeedsDate {
            keyword,
            question,
            kind,
        } => format!(
            "{keyword} needs a \"date\" question, and '{question}' is \"{}\"",
            kind.code()
        ),
        Invalid::ReassessNotDelay { rule, level } => format!(
            "rule '{rule}' has level \"{}\", but reassess only applies to \"delay\" rules; \
             remove it or change the level",
            level.code()
        ),
        Invalid::NotPlausible {
            value,
            least,
            most,
            unit,
        } => {
            format!("{value} is not plausible here; use a number of {unit} from {least} to {most}")
        }
        Invalid::EmptyLanguage => {
            "an empty language code; remove it or write a code such as \"es\"".to_owned()
        }
        Invalid::RepeatedLanguage { language, first } => {
            format!("\"{language}\" is listed already at {first}; remove one of them")
        }
        Invalid::Implausible { max, most } => {
            format!("max {max} is not plausible here; use at most {most}")
        }
        Invalid::InvertedRange { min, max } => {
            format!("inverted range: min {min} is greater than max {max}; swap them")
        }
        Invalid::ZeroMin => "min is 0; it must be at least 1".into(),
        Invalid::UnknownConcern {
            concern,
            question,
            options,
        } => format!(
            "'{concern}' is not an option code of the concerns question '{question}'; use one \
             of: {}",
            options.join(", ")
        ),
        Invalid::UnreachablePlan { concern, fallback } => format!(
            "this row for concern '{concern}' comes after rules.plans[{fallback}], which has \
             no `when`, so it can never match; move it before that row or remove it"
        ),
        Invalid::NoFallbackPlan { concern } => format!(
            "concern '{concern}' has no plan row without `when`; add one as its fallback, \
             after any conditional rows"
        ),
        Invalid::ChangedInNotVersion {
            question,
            changed_in,
        } => format!(
            "question '{question}' has changed_in \"{changed_in}\", which is not a version number; \
             write the version whose wording changed the question, such as \"2.1.0\""
        ),
        Invalid::ChangedInLater {
            question,
            changed_in,
            version,
        } => format!(
            "question '{question}' has changed_in \"{changed_in}\", but the questionnaire's version \
             is \"{version}\"; changed_in must be a version number no later than the questionnaire's \
             own, or every saved answer to it would be asked again"
        ),
        Invalid::WrongQuestionType {
            setting,
            wanted,
            question,
            kind,
        } => format!(
            "{setting} must name a \"{}\" question, and '{question}' is \"{}\"",
            wanted.code(),
            kind.code()
        ),
    }
}

/// What owns an id or code, and what it is called.
fn field_words(field: Field) -> (&'static str, &'static str) {
    match field {
        Field::QuestionnaireId => ("questionnaire", "id"),
        Field::QuestionnaireVersion => ("questionnaire", "version"),
        Field::SectionId => ("section", "id"),
        Field::QuestionId => ("question", "id"),
        Field::OptionCode => ("option", "code"),
        Field::RuleId => ("rule", "id"),
        Field::ConstraintId => ("constraint", "id"),
    }
}

fn json_type(found: JsonType) -> &'static str {
    match found {
        JsonType::Null => "null",
        JsonType::Bool => "true/false",
        JsonType::Number => "a number",
        JsonType::String => "a string",
        JsonType::Array => "a list",
        JsonType::Object => "an object",
    }
}
