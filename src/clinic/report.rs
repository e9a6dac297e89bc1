//! The clinic report: what a folder of records adds up to — intakes per week, verdicts, concerns,
//! reasons, review and delivery states, the sessions expected and those the schedules put in the
//! coming months — and what another questionnaire's rules would change (`--rescore`).
//!
//! [`Figures`] is pure over the summaries given to it ([`Figures::add`]); [`read`] streams a
//! folder's records into it one summary at a time, each intake once at its latest version, so
//! memory stays flat however many records there are (only the list's rows, a few fields each, are
//! held). Figures are data; front doors word them.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use crate::engine::assessment::assess;
use crate::engine::summary::{Decision, Summary, version_id};
use crate::fhir::delivery::delivery_of;
use crate::load::summary::answers_of;
use crate::model::questionnaire::{Level, Questionnaire, Range};
use crate::store::{self, outbox};
use crate::words::Delivery;

/// How many coming months the schedules are counted over, this month first.
pub const MONTHS_AHEAD: u32 = 12;
/// Weeks are listed one by one (empty ones too) over at most this span; past it, only the weeks
/// that have intakes (records dated centuries apart would otherwise list millions of weeks).
const MAX_FILLED_WEEKS: i64 = 520;

/// The days whose intakes count, by the day each patient finished (both ends included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Window {
    #[must_use]
    pub fn holds(&self, day: NaiveDate) -> bool {
        self.since.is_none_or(|s| day >= s) && self.until.is_none_or(|u| day <= u)
    }
}

/// Where an intake's latest version stands with its reviewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewState {
    /// No sign-off yet.
    Waiting,
    Decided(Decision),
}

impl ReviewState {
    /// The key in `--json`: `waiting`, or the decision's code.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            ReviewState::Waiting => "waiting",
            ReviewState::Decided(d) => d.code(),
        }
    }

    /// Every state, in the order a report lists them: waiting, then each decision.
    #[must_use]
    pub fn all() -> Vec<ReviewState> {
        std::iter::once(ReviewState::Waiting)
            .chain(Decision::ALL.into_iter().map(ReviewState::Decided))
            .collect()
    }
}

/// How an intake's latest version stands in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    Outbox(outbox::State),
    /// The outbox does not hold this version.
    NotQueued,
}

impl DeliveryState {
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            DeliveryState::Outbox(outbox::State::Queued) => "queued",
            DeliveryState::Outbox(outbox::State::Delivered) => "delivered",
            DeliveryState::Outbox(outbox::State::NeedsAttention) => "needs_attention",
            DeliveryState::Outbox(outbox::State::Superseded) => "superseded",
            DeliveryState::NotQueued => "not_queued",
        }
    }

    /// How the staff list says it; `None` for not queued.
    #[must_use]
    pub fn delivery(self) -> Option<Delivery> {
        match self {
            DeliveryState::Outbox(s) => Some(delivery_of(s)),
            DeliveryState::NotQueued => None,
        }
    }

    /// The outbox's states, then not queued.
    #[must_use]
    pub fn all() -> [DeliveryState; 5] {
        [
            DeliveryState::Outbox(outbox::State::Queued),
            DeliveryState::Outbox(outbox::State::Delivered),
            DeliveryState::Outbox(outbox::State::NeedsAttention),
            DeliveryState::Outbox(outbox::State::Superseded),
            DeliveryState::NotQueued,
        ]
    }
}

/// A reason (a screening rule that applied) and how many intakes it applied to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReasonCount {
    pub rule: String,
    /// The rule's message as the first record counted with it says it.
    pub message: String,
    pub intakes: usize,
}

/// Intakes finished in one week, by its Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Week {
    pub week: NaiveDate,
    pub intakes: usize,
}

/// Sessions whose window opens in one month (from today on), by its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Month {
    pub month: NaiveDate,
    pub sessions: usize,
}

/// The expected sessions over every intake with a plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Sessions {
    /// Intakes with a plan of sessions (a verdict that stands at not suitable has none).
    pub intakes: usize,
    pub min: u64,
    pub max: u64,
}

/// The figures of a report. Counts are keyed by code (verdicts, concerns, review and delivery
/// states) for other tools.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// The day the coming months count from.
    pub today: NaiveDate,
    /// Intakes counted, each once at its latest version.
    pub intakes: usize,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    pub weeks: Vec<Week>,
    /// The verdict as it stands (a clinician's override, else the computed one), every level.
    pub verdicts: BTreeMap<Level, usize>,
    pub concerns: BTreeMap<String, usize>,
    /// Most frequent first (then by rule id).
    pub reasons: Vec<ReasonCount>,
    /// `waiting`, then each decision's code.
    pub review: BTreeMap<&'static str, usize>,
    /// By outbox state (and `not_queued`); `None` when the folder has no outbox.
    pub delivery: Option<BTreeMap<&'static str, usize>>,
    pub sessions: Sessions,
    /// This month and the next ones, [`MONTHS_AHEAD`] in all.
    pub coming_months: Vec<Month>,
    /// Files named as summaries that could not be read as one.
    pub unreadable: usize,
    /// JSON files in the folder that are not named as summaries.
    pub foreign: usize,
    #[serde(skip)]
    weeks_seen: BTreeMap<NaiveDate, usize>,
    #[serde(skip)]
    reasons_seen: HashMap<String, (String, usize)>,
}

impl Figures {
    /// No intakes yet; the coming months count from `today`.
    #[must_use]
    pub fn new(today: NaiveDate, with_outbox: bool) -> Self {
        let first_of_month = today.with_day(1).unwrap_or(today);
        Figures {
            today,
            intakes: 0,
            first: None,
            last: None,
            weeks: Vec::new(),
            verdicts: Level::ALL.into_iter().map(|l| (l, 0)).collect(),
            concerns: BTreeMap::new(),
            reasons: Vec::new(),
            review: ReviewState::all()
                .into_iter()
                .map(|s| (s.code(), 0))
                .collect(),
            delivery: with_outbox.then(|| DeliveryState::all().map(|s| (s.code(), 0)).into()),
            sessions: Sessions::default(),
            coming_months: (0..MONTHS_AHEAD)
                .filter_map(|n| first_of_month.checked_add_months(Months::new(n)))
                .map(|month| Month { month, sessions: 0 })
                .collect(),
            unreadable: 0,
            foreign: 0,
            weeks_seen: BTreeMap::new(),
            reasons_seen: HashMap::new(),
        }
    }

    /// Counts one intake, by its latest version, with its delivery state when there is an outbox.
    pub fn add(&mut self, summary: &Summary, delivery: Option<DeliveryState>) {
        self.intakes += 1;
        let day = summary.completed_at.date_naive();
        self.first = Some(self.first.map_or(day, |f| f.min(day)));
        self.last = Some(self.last.map_or(day, |l| l.max(day)));
        *self.weeks_seen.entry(monday(day)).or_default() += 1;
        let verdict = summary.shown_level();
        *self.verdicts.entry(verdict).or_default() += 1;
        for concern in &summary.assessment.concerns {
            *self.concerns.entry(concern.concern.clone()).or_default() += 1;
        }
        for reason in &summary.assessment.reasons {
            self.reasons_seen
                .entry(reason.rule.clone())
                .or_insert_with(|| (reason.message.clone(), 0))
                .1 += 1;
        }
        let review = summary
            .review
            .as_ref()
            .map_or(ReviewState::Waiting, |r| ReviewState::Decided(r.decision));
        *self.review.entry(review.code()).or_default() += 1;
        if let (Some(counts), Some(state)) = (self.delivery.as_mut(), delivery) {
            *counts.entry(state.code()).or_default() += 1;
        }
        if verdict != Level::NotSuitable
            && let Some(range) = summary.assessment.sessions
        {
            self.sessions.intakes += 1;
            self.sessions.min += u64::from(range.min);
            self.sessions.max += u64::from(range.max);
        }
        let schedule = summary.shown_schedule();
        if verdict != Level::NotSuitable {
            // A session whose window is still open counts in the month it can happen from.
            for session in schedule.iter().filter(|s| s.latest >= self.today) {
                let from = session.earliest.max(self.today);
                let first = from.with_day(1).unwrap_or(from);
                if let Some(month) = self.coming_months.iter_mut().find(|m| m.month == first) {
                    month.sessions += 1;
                }
            }
        }
    }

    /// The figures as a report shows them: weeks one by one, reasons most frequent first.
    #[must_use]
    pub fn finish(mut self) -> Self {
        let seen = std::mem::take(&mut self.weeks_seen);
        self.weeks = match (seen.keys().next(), seen.keys().next_back()) {
            (Some(&first), Some(&last)) if (last - first).num_weeks() <= MAX_FILLED_WEEKS => {
                std::iter::successors(Some(first), |w| w.checked_add_days(Days::new(7)))
                    .take_while(|w| *w <= last)
                    .map(|week| Week {
                        week,
                        intakes: seen.get(&week).copied().unwrap_or(0),
                    })
                    .collect()
            }
            _ => seen
                .into_iter()
                .map(|(week, intakes)| Week { week, intakes })
                .collect(),
        };
        let mut reasons: Vec<ReasonCount> = std::mem::take(&mut self.reasons_seen)
            .into_iter()
            .map(|(rule, (message, intakes))| ReasonCount {
                rule,
                message,
                intakes,
            })
            .collect();
        reasons.sort_by(|a, b| b.intakes.cmp(&a.intakes).then_with(|| a.rule.cmp(&b.rule)));
        self.reasons = reasons;
        self
    }
}

/// The Monday of `day`'s week.
fn monday(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday())))
        .unwrap_or(day)
}

/// One intake whose verdict or session range another questionnaire's rules would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rescored {
    pub intake_id: String,
    pub verdict_before: Level,
    pub verdict_after: Level,
    pub sessions_before: Option<Range>,
    pub sessions_after: Option<Range>,
}

/// What another questionnaire's rules would change over the intakes counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Preview {
    /// The intakes assessed again.
    pub intakes: usize,
    pub verdicts_changed: usize,
    pub sessions_changed: usize,
    /// Intakes with answers that no longer fit the other questionnaire (left out when assessing).
    pub answers_left_out: usize,
    /// Every intake that would change, in the order they were read.
    pub changed: Vec<Rescored>,
}

impl Preview {
    /// Assesses `summary`'s answers again under `questionnaire`, on the summary's own reference
    /// date, and counts what changes from its computed assessment.
    pub fn add(&mut self, summary: &Summary, questionnaire: &Questionnaire) {
        let (answers, dropped) = answers_of(questionnaire, summary);
        let again = assess(
            questionnaire,
            &answers,
            summary.reference_date,
            &summary.language,
        );
        self.intakes += 1;
        if !dropped.is_empty() {
            self.answers_left_out += 1;
        }
        let was = &summary.assessment;
        let verdict = was.suitability != again.suitability;
        let sessions = was.sessions != again.sessions;
        self.verdicts_changed += usize::from(verdict);
        self.sessions_changed += usize::from(sessions);
        if verdict || sessions {
            self.changed.push(Rescored {
                intake_id: summary.intake_id.clone(),
                verdict_before: was.suitability,
                verdict_after: again.suitability,
                sessions_before: was.sessions,
                sessions_after: again.sessions,
            });
        }
    }
}

/// A folder's report, and the files left out of it.
#[derive(Debug)]
pub struct Report {
    pub figures: Figures,
    /// With `rescore`: what its rules would change.
    pub preview: Option<Preview>,
    /// Files named as summaries that could not be read as one (damaged, hand-made, newer).
    pub unreadable: Vec<PathBuf>,
    /// JSON files that are not named as summaries.
    pub foreign: Vec<PathBuf>,
}

/// Reads every record in `out`, each intake once at its latest version, keeping those finished
/// within `window`; with `rescore`, also assesses each again under its rules. Uses (and refreshes)
/// the list's index in `out/cache`; reads one summary at a time.
///
/// # Errors
/// `out` is not a folder that can be read.
pub fn read(
    out: &Path,
    window: Window,
    today: NaiveDate,
    rescore: Option<&Questionnaire>,
) -> io::Result<Report> {
    let foreign = foreign_files(out)?;
    let records = store::list_records(out)?;
    let outbox_dir = outbox::dir(out);
    let with_outbox = outbox_dir.is_dir();
    let states: HashMap<String, outbox::State> = if with_outbox {
        outbox::list(out)
            .map(|(entries, _)| entries.into_iter().map(|e| (e.key, e.state)).collect())
            .unwrap_or_default()
    } else {
        HashMap::new()
    };
    let mut figures = Figures::new(today, with_outbox);
    let mut preview = rescore.map(|_| Preview::default());
    let mut unreadable = records.unreadable;
    for row in records.rows {
        if !window.holds(row.completed_at.date_naive()) {
            continue;
        }
        match store::read_summary(&row.path) {
            Ok(summary) => {
                let delivery = with_outbox.then(|| {
                    states
                        .get(&version_id(&summary.intake_id, summary.version))
                        .map_or(DeliveryState::NotQueued, |s| DeliveryState::Outbox(*s))
                });
                figures.add(&summary, delivery);
                if let (Some(preview), Some(q)) = (preview.as_mut(), rescore) {
                    preview.add(&summary, q);
                }
            }
            Err(_) => unreadable.push(row.path),
        }
    }
    unreadable.sort();
    figures.unreadable = unreadable.len();
    figures.foreign = foreign.len();
    Ok(Report {
        figures: figures.finish(),
        preview,
        unreadable,
        foreign,
    })
}

/// The JSON files in `out` not named as summaries: left out of the report, and named.
fn foreign_files(out: &Path) -> io::Result<Vec<PathBuf>> {
    let mut foreign = Vec::new();
    for entry in fs::read_dir(out)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with('.')
            || !Path::new(name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            || store::parse_name(name).is_some()
        {
            continue;
        }
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            foreign.push(entry.path());
        }
    }
    foreign.sort();
    Ok(foreign)
}
