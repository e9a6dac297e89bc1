//! A summary for people to read: as text for a terminal ([`text`]) and as a self-contained HTML
//! page to print for the patient's chart and signatures ([`html`]). Both lay out the same
//! [`Page`], so they say the same things in the same words.

pub mod html;
pub mod pdf;
pub mod text;

use serde_json::Value;

use crate::engine::assessment::Session;
use crate::engine::display::{self, Shown};
use chrono::Datelike;

use crate::engine::summary::Summary;
use crate::model::answer::Answer;
use crate::model::questionnaire::{Level, Questionnaire, Range};
use crate::words::{self, DateForm, Label, ModeForm, MomentForm, Say, Words};

/// How wide the plan's column of labels (`Sessions:`, `Interval:`…) is in `words`' language:
/// two spaces after the longest.
#[must_use]
pub fn plan_width(words: &dyn Words) -> usize {
    [
        Label::Sessions,
        Label::Interval,
        Label::Maintenance,
        Label::Course,
    ]
    .iter()
    .map(|l| words.label(*l).chars().count() + 1)
    .max()
    .unwrap_or(0)
        + 2
}

/// A plan's label with its colon, padded to the plan's column.
#[must_use]
pub fn plan_label(words: &dyn Words, label: Label) -> String {
    format!(
        "{:<width$}",
        format!("{}:", words.label(label)),
        width = plan_width(words)
    )
}

/// `4–6`, or `4` when both ends are the same.
#[must_use]
pub fn range(r: Range) -> String {
    if r.min == r.max {
        r.min.to_string()
    } else {
        format!("{}–{}", r.min, r.max)
    }
}

/// Everything a printed record says, in words, in the order it is read.
struct Page {
    /// The words of the record's language, for what the layouts add (headings, verdicts).
    words: &'static dyn Words,
    title: String,
    name: String,
    /// Date of birth, age, when, how, which version.
    facts: Vec<(&'static str, String)>,
    /// The verdict as it stands.
    verdict: Level,
    verdict_override: Option<OverrideView>,
    reasons: Vec<ReasonView>,
    /// When every delay is over, if several reasons have dates.
    reassess_all: Option<String>,
    plan: Vec<(&'static str, String)>,
    schedules: Vec<ScheduleView>,
    notes: Vec<String>,
    clinician_note: Option<String>,
    answers: Vec<(String, String)>,
    changes: Vec<ChangeView>,
    review: Option<ReviewView>,
}

struct OverrideView {
    level: Level,
    computed: Level,
    by: String,
    at: String,
    reason: String,
    start: Option<String>,
}

struct ReasonView {
    level: Level,
    rule: String,
    message: String,
    reassess: Option<String>,
}

struct ScheduleView {
    title: String,
    /// A warning that the dates are not firm yet.
    provisional: Option<&'static str>,
    /// Why there are no sessions, when there are none.
    empty: Option<&'static str>,
    sessions: Vec<SessionView>,
}

struct SessionView {
    number: u32,
    when: String,
    optional: bool,
}

struct ChangeView {
    question: String,
    before: String,
    after: String,
    by: String,
    at: String,
}

struct ReviewView {
    decision: String,
    by: String,
    at: String,
    note: Option<String>,
}

/// `summary` as read in `language`: the questions, answers (codes typed again by their
/// questions), reasons and notes worded from `questionnaire` when it is the one the summary was
/// made with (id and version); what it does not hold stays as recorded. Staff read a patient's
/// record in their own language this way; the stored record is not changed.
#[must_use]
pub fn in_language(
    summary: &Summary,
    questionnaire: Option<&Questionnaire>,
    language: &str,
) -> Summary {
    let mut read = summary.clone();
    let Some(q) = questionnaire
        .filter(|q| q.id == summary.questionnaire.id && q.version == summary.questionnaire.version)
    else {
        return read;
    };
    if summary.language == language {
        return read;
    }
    language.clone_into(&mut read.language);
    for reason in &mut read.assessment.reasons {
        if let Some(rule) = q.rules.screening.iter().find(|r| r.id == reason.rule) {
            rule.message.get(language).clone_into(&mut reason.message);
        }
    }
    // Notes carry no id: each is found by its words in the patient's language.
    let texts = || {
        let plans = q.rules.plans.iter().flat_map(|p| p.notes.iter());
        q.rules.notes.iter().map(|n| &n.text).chain(plans)
    };
    for note in &mut read.assessment.notes {
        if let Some(text) = texts().find(|t| t.get(&summary.language) == note.as_str()) {
            text.get(language).clone_into(note);
        }
    }
    for answer in &mut read.answers {
        // A stored answer is typed by its question again: a code reads as its option.
        let typed = q.item(&answer.id).and_then(|item| {
            let value = serde_json::to_value(&answer.value).ok()?;
            Some((item, crate::load::answers::from_json(item, &value).ok()?))
        });
        if let Some((item, value)) = typed {
            item.prompt.get(language).clone_into(&mut answer.question);
            answer.display = words::answer_text(item, &value, language);
        }
    }
    read
}

impl Page {
    /// The page of `summary`; `questionnaire`, when it is the one the summary was made with (by
    /// id), gives the title and the words of concerns and changed answers, else their codes show.
    fn of(summary: &Summary, questionnaire: Option<&Questionnaire>) -> Page {
        let questionnaire = questionnaire.filter(|q| q.id == summary.questionnaire.id);
        let language = summary.language.as_str();
        let words = words::for_language(language);
        let a = &summary.assessment;
        let day = |date| words.date(date, DateForm::Long);
        let moment = |at| words.moment(&at, MomentForm::Printed);
        let label = |label| words.label(label);
        let mut facts = Vec::new();
        if let Some(born) = summary.patient.date_of_birth {
            facts.push((label(Label::DateOfBirth), day(born)));
        }
        if let Some(age) = summary.patient.age {
            facts.push((label(Label::Age), words.say(&Say::Years { age })));
        }
        facts.push((
            label(Label::Answered),
            words.mode(summary.mode, ModeForm::Answered).to_owned(),
        ));
        facts.push((label(Label::Finished), moment(summary.completed_at)));
        facts.push((label(Label::AssessedOn), day(summary.reference_date)));
        facts.push((
            label(Label::Record),
            words.say(&Say::RecordVersion {
                intake: &summary.intake_id,
                version: summary.version,
                replaces: summary.supersedes.as_deref(),
            }),
        ));
        facts.push((
            label(Label::Questionnaire),
            words.say(&Say::QuestionnaireVersion {
                id: &summary.questionnaire.id,
                version: &summary.questionnaire.version,
            }),
        ));

        let mut reasons: Vec<ReasonView> = a
            .reasons
            .iter()
            .map(|r| ReasonView {
                level: r.level,
                rule: r.rule.clone(),
                message: r.message.clone(),
                reassess: r.reassess_on.map(day),
            })
            .collect();
        // Most severe first; rule order within a level.
        reasons.sort_by_key(|r| std::cmp::Reverse(r.level));
        let reassess_all = a
            .reassess_on
            .filter(|_| a.reasons.iter().filter(|r| r.reassess_on.is_some()).count() > 1)
            .map(day);

        let concern = |code: &str| {
            questionnaire
                .and_then(|q| q.item(&q.rules.concerns_question))
                .and_then(|item| item.option(code))
                .map_or_else(|| code.to_owned(), |o| o.label.get(language).to_owned())
        };
        let mut plan = vec![(
            label(Label::Sessions),
            match a.sessions {
                Some(s) => {
                    let per: Vec<String> = a
                        .concerns
                        .iter()
                        .map(|c| format!("{} {}", concern(&c.concern), range(c.sessions)))
                        .collect();
                    format!("{}  ({})", range(s), per.join(", "))
                }
                None => label(Label::NonePlanned).to_owned(),
            },
        )];
        plan.push((
            label(Label::Interval),
            words.say(&Say::EveryWeeks {
                weeks: &range(a.interval_weeks),
            }),
        ));
        plan.push((
            label(Label::Maintenance),
            a.maintenance_months.map_or_else(
                || label(Label::NoneNeeded).to_owned(),
                |m| words.say(&Say::MaintenanceEvery { months: &range(m) }),
            ),
        ));
        if let Some(c) = a.course_weeks {
            plan.push((
                label(Label::Course),
                words.say(&Say::Weeks { weeks: &range(c) }),
            ));
        }

        let own = summary
            .verdict_override
            .as_ref()
            .and_then(|o| Some((o.start_date?, o.schedule.as_deref().unwrap_or_default())));
        let computed = ScheduleView {
            title: label(if own.is_some() {
                Label::ComputedScheduleNotInForce
            } else {
                Label::ProposedSchedule
            })
            .to_owned(),
            provisional: a
                .schedule_provisional
                .then_some(label(if a.schedule.is_empty() {
                    Label::ApproveBeforeDates
                } else {
                    Label::ProvisionalDates
                })),
            empty: a
                .schedule
                .is_empty()
                .then_some(label(no_sessions(a.suitability, a.reassess_on))),
            sessions: sessions(words, &a.schedule),
        };
        // The schedule in force first: an override's own, then the computed one it replaces.
        let schedules = match own {
            Some((start, own)) => vec![
                ScheduleView {
                    title: words.say(&Say::ScheduleInForce { from: &day(start) }),
                    provisional: None,
                    empty: own
                        .is_empty()
                        .then_some(label(Label::NoSessionsUnderOverride)),
                    sessions: sessions(words, own),
                },
                computed,
            ],
            None => vec![computed],
        };

        let asked = |id: &str| {
            summary
                .answers
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.question.clone())
                .or_else(|| {
                    let item = questionnaire?.item(id)?;
                    Some(item.prompt.get(language).to_owned())
                })
                .unwrap_or_else(|| id.to_owned())
        };
        let said = |id: &str, answer: Option<&Answer>| {
            answer.map_or_else(
                || label(Label::NoAnswer).to_owned(),
                |answer| answer_words(words, questionnaire, id, answer, language),
            )
        };
        let changes = summary
            .changes
            .iter()
            .map(|c| ChangeView {
                question: asked(&c.question),
                before: said(&c.question, c.before.as_ref()),
                after: said(&c.question, c.after.as_ref()),
                by: c.by.clone(),
                at: moment(c.at),
            })
            .collect();

        Page {
            words,
            title: questionnaire.map_or_else(
                || label(Label::DefaultTitle).to_owned(),
                |q| q.title.get(language).to_owned(),
            ),
            name: summary
                .patient
                .name
                .clone()
                .unwrap_or_else(|| label(Label::NoNameGiven).into()),
            facts,
            verdict: summary.shown_level(),
            verdict_override: summary.verdict_override.as_ref().map(|o| OverrideView {
                level: o.suitability,
                computed: a.suitability,
                by: o.by.clone(),
                at: moment(o.at),
                reason: o.reason.clone(),
                start: o.start_date.map(day),
            }),
            reasons,
            reassess_all,
            plan,
            schedules,
            notes: a.notes.clone(),
            clinician_note: summary.clinician_note.clone(),
            answers: summary
                .answers
                .iter()
                .map(|a| (a.question.clone(), a.display.clone()))
                .collect(),
            changes,
            review: summary.review.as_ref().map(|r| ReviewView {
                decision: words.review(r),
                by: r.by.clone(),
                at: moment(r.at),
                note: r.note.clone(),
            }),
        }
    }
}

/// Why a schedule has no sessions.
#[must_use]
pub fn no_sessions(level: Level, reassess_on: Option<chrono::NaiveDate>) -> Label {
    match (level, reassess_on) {
        (Level::NotSuitable, _) => Label::NoSessionsNotSuitable,
        (Level::Delay, None) => Label::NoSessionsUntilDelayOver,
        _ => Label::NoSessionsYet,
    }
}

fn sessions(words: &dyn Words, schedule: &[Session]) -> Vec<SessionView> {
    schedule
        .iter()
        .map(|s| SessionView {
            number: s.session,
            when: if s.earliest == s.latest {
                words.date(s.earliest, DateForm::Weekday)
            } else {
                let from = if s.earliest.year() == s.latest.year() {
                    DateForm::ShortNoYear
                } else {
                    DateForm::Short
                };
                format!(
                    "{} – {}",
                    words.date(s.earliest, from),
                    words.date(s.latest, DateForm::Short)
                )
            },
            optional: s.optional,
        })
        .collect()
}

/// A changed answer in words: typed against its question when the questionnaire has it (option
/// labels), else as written (codes).
fn answer_words(
    words: &dyn Words,
    questionnaire: Option<&Questionnaire>,
    question: &str,
    answer: &Answer,
    language: &str,
) -> String {
    let item = questionnaire.and_then(|q| q.item(question));
    let typed = item.and_then(|item| {
        let value: Value = serde_json::to_value(answer).ok()?;
        crate::load::answers::from_json(item, &value).ok()
    });
    if let (Some(item), Some(typed)) = (item, typed) {
        return words.shown(&display::shown(item, &typed, language));
    }
    let shown = match answer {
        Answer::Text(s) | Answer::Choice(s) => Shown::Text(s),
        Answer::Date(d) => Shown::Date(*d),
        Answer::Month(m) => Shown::Month(*m),
        Answer::Bool(b) => Shown::YesNo(*b),
        Answer::Choices(codes) => Shown::Options(codes.iter().map(String::as_str).collect()),
    };
    words.shown(&shown)
}
