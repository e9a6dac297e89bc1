//! The assessment: screening verdict, session plans and schedule. A pure function of the
//! questionnaire, the answers and the reference date.

use chrono::{Days, NaiveDate};
#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::visibility;
use crate::dates::{add_days, add_months, birthday};
use crate::model::answer::{Answer, Answers};
use crate::model::questionnaire::{Level, Questionnaire, Range, Reassess, ScreeningRule};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Assessment {
    /// The most severe level among the reasons; `suitable` when there are none.
    pub suitability: Level,
    pub reasons: Vec<Reason>,
    /// When a delayed patient can be assessed again: set only when every delay reason has a date.
    pub reassess_on: Option<NaiveDate>,
    pub concerns: Vec<ConcernPlan>,
    /// The largest minimum and the largest maximum over the concerns (they share sessions).
    pub sessions: Option<Range>,
    pub interval_weeks: Range,
    pub maintenance_months: Option<Range>,
    pub course_weeks: Option<Range>,
    pub schedule: Vec<Session>,
    /// A reason needs a physician: the schedule's dates hold only once a physician has approved
    /// the treatment, whatever the verdict. False in a version a physician approved; absent (false)
    /// in summaries of format 1.
    #[serde(default)]
    pub schedule_provisional: bool,
    pub notes: Vec<String>,
}

/// A screening rule that applies to this patient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Reason {
    pub rule: String,
    pub level: Level,
    pub message: String,
    /// The questions whose answers the rule reads.
    pub questions: Vec<String>,
    pub reassess_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct ConcernPlan {
    pub concern: String,
    pub sessions: Range,
    pub maintenance_months: Option<Range>,
    pub notes: Vec<String>,
}

/// One proposed session: the window it falls in, and whether it may turn out unnecessary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Session {
    pub session: u32,
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
    pub optional: bool,
}

/// Assesses the answers on the reference date `today`. Answers to hidden questions are ignored.
#[must_use]
pub fn assess(
    questionnaire: &Questionnaire,
    answers: &Answers,
    today: NaiveDate,
    language: &str,
) -> Assessment {
    let effective = visibility::effective(questionnaire, answers, today);
    assess_effective(questionnaire, &effective, today, language)
}

/// [`assess`] of answers already reduced to those that count ([`visibility::effective`]), for a
/// caller that has them at hand.
#[must_use]
pub fn assess_effective(
    questionnaire: &Questionnaire,
    answers: &Answers,
    today: NaiveDate,
    language: &str,
) -> Assessment {
    let rules = &questionnaire.rules;

    let reasons: Vec<Reason> = rules
        .screening
        .iter()
        .filter(|rule| rule.when.holds(answers, today))
        .map(|rule| Reason {
            rule: rule.id.clone(),
            level: rule.level,
            message: rule.message.get(language).to_owned(),
            questions: rule
                .when
                .questions()
                .into_iter()
                .map(str::to_owned)
                .collect(),
            reassess_on: reassess_date(rule, answers, today),
        })
        .collect();
    let suitability = reasons
        .iter()
        .map(|r| r.level)
        .max()
        .unwrap_or(Level::Suitable);
    let reassess_on = if suitability == Level::Delay {
        reasons
            .iter()
            .filter(|r| r.level == Level::Delay)
            .map(|r| r.reassess_on)
            .collect::<Option<Vec<_>>>()
            .and_then(|dates| dates.into_iter().max())
    } else {
        None
    };

    let concerns = concern_plans(questionnaire, answers, today, language);
    let sessions = concerns.iter().map(|c| c.sessions).reduce(|a, b| Range {
        min: a.min.max(b.min),
        max: a.max.max(b.max),
    });
    // The concern that needs upkeep most often sets the pace.
    let maintenance_months = concerns
        .iter()
        .filter_map(|c| c.maintenance_months)
        .reduce(|a, b| Range {
            min: a.min.min(b.min),
            max: a.max.min(b.max),
        });
    let interval = rules.interval_weeks;
    let course_weeks = sessions.map(|s| Range {
        min: s.min.saturating_sub(1) * interval.min,
        max: s.max.saturating_sub(1) * interval.max,
    });
    let start = match suitability {
        Level::Suitable | Level::SuitableWithPrecautions | Level::PhysicianReview => Some(today),
        Level::Delay => reassess_on,
        Level::NotSuitable => None,
    };
    let schedule = match (start, sessions) {
        (Some(start), Some(sessions)) => schedule(start, sessions, interval),
        _ => Vec::new(),
    };
    let schedule_provisional = reasons.iter().any(|r| r.level == Level::PhysicianReview);

    let mut notes: Vec<String> = Vec::new();
    let general = rules
        .notes
        .iter()
        .filter(|n| n.when.as_ref().is_none_or(|c| c.holds(answers, today)))
        .map(|n| n.text.get(language).to_owned());
    for note in concerns
        .iter()
        .flat_map(|c| c.notes.iter().cloned())
        .chain(general)
    {
        if !notes.contains(&note) {
            notes.push(note);
        }
    }

    Assessment {
        suitability,
        reasons,
        reassess_on,
        concerns,
        sessions,
        interval_weeks: interval,
        maintenance_months,
        course_weeks,
        schedule,
        schedule_provisional,
        notes,
    }
}

impl Assessment {
    /// The plan's sessions from `start` instead of the computed start: an override's own start
    /// date. Empty when no concern was chosen.
    #[must_use]
    pub fn schedule_from(&self, start: NaiveDate) -> Vec<Session> {
        self.sessions
            .map(|sessions| schedule(start, sessions, self.interval_weeks))
            .unwrap_or_default()
    }
}

/// A month answer counts as its last day.
fn reassess_date(rule: &ScreeningRule, answers: &Answers, today: NaiveDate) -> Option<NaiveDate> {
    let reassess = rule.reassess.as_ref()?;
    let answered = || {
        reassess
            .question()
            .and_then(|q| answers.get(q))
            .and_then(Answer::date)
    };
    match reassess {
        Reassess::DaysAfterReference(days) => add_days(today, *days),
        Reassess::MonthsAfterAnswer { months, .. } => add_months(answered()?, *months),
        Reassess::DaysAfterAnswer { days, .. } => add_days(answered()?, *days),
        Reassess::Birthday { years, .. } => birthday(answered()?, *years),
    }
}

/// One plan per selected concern, in the order of the concern options: the first matching row.
fn concern_plans(
    questionnaire: &Questionnaire,
    answers: &Answers,
    today: NaiveDate,
    language: &str,
) -> Vec<ConcernPlan> {
    let rules = &questionnaire.rules;
    let Some(Answer::Choices(selected)) = answers.get(&rules.concerns_question) else {
        return Vec::new();
    };
    let order = questionnaire
        .item(&rules.concerns_question)
        .map(|item| {
            item.options
                .iter()
                .map(|o| o.code.as_str())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    order
        .into_iter()
        .filter(|code| selected.iter().any(|s| s == code))
        .filter_map(|code| {
            rules
                .plans
                .iter()
                .filter(|row| row.concern == code)
                .find(|row| row.when.as_ref().is_none_or(|c| c.holds(answers, today)))
                .map(|row| ConcernPlan {
                    concern: code.to_owned(),
                    sessions: row.sessions,
                    maintenance_months: row.maintenance_months,
                    notes: row
                        .notes
                        .iter()
                        .map(|n| n.get(language).to_owned())
                        .collect(),
                })
        })
        .collect()
}

/// Session k (1-based) falls between `start + (k−1)·interval.min` and `start + (k−1)·interval.max`
/// weeks; sessions past `sessions.min` are optional.
fn schedule(start: NaiveDate, sessions: Range, interval: Range) -> Vec<Session> {
    let after_weeks = |k: u32, weeks: u32| {
        start
            .checked_add_days(Days::new(u64::from(k - 1) * u64::from(weeks) * 7))
            .unwrap_or(NaiveDate::MAX)
    };
    (1..=sessions.max)
        .map(|k| Session {
            session: k,
            earliest: after_weeks(k, interval.min),
            latest: after_weeks(k, interval.max),
            optional: k > sessions.min,
        })
        .collect()
}
