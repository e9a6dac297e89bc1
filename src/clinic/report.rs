//! The clinic report: what a folder of records adds up to — intakes per week, verdicts, concerns,
//! reasons, review and delivery states, the sessions expected and those the schedules put in the
//! coming months — and what another questionnaire's rules would change (`--rescore`).
//!
//! [`Tally`] is pure over the versions given to it ([`Tally::add`], in any order): it keeps each
//! intake's latest version in a few bytes (what it adds to the figures is shared by every intake
//! that adds the same), and makes the [`Figures`]. [`read`] reads a folder's summaries into it on
//! every core, only the fields the figures need, so memory grows by a few dozen bytes per intake
//! whatever the size of the records. Figures are data; front doors word them.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use crate::engine::assessment::assess;
use crate::engine::summary::{Decision, Summary, version_id};
use crate::fhir::delivery::delivery_of;
use crate::load::summary::answers_of;
use crate::model::questionnaire::{Level, Questionnaire, Range};
use crate::store::scan::{self, Facts, Found};
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
        }
    }
}

/// Weeks one by one (empty ones too) from the first to the last that has intakes, or only those
/// that have intakes past [`MAX_FILLED_WEEKS`].
fn weeks(seen: BTreeMap<NaiveDate, usize>) -> Vec<Week> {
    match (seen.keys().next(), seen.keys().next_back()) {
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
    }
}

/// An intake's id as skin-intake makes them (a lower-case, hyphenated UUID) in 16 bytes; `None`
/// for any other id, kept as written.
fn uuid_key(id: &str) -> Option<[u64; 2]> {
    let mut written = [0u8; uuid::fmt::Hyphenated::LENGTH];
    let u = uuid::Uuid::try_parse(id).ok()?;
    (u.hyphenated().encode_lower(&mut written) == id).then(|| {
        let (high, low) = u.as_u64_pair();
        [high, low]
    })
}

/// An intake's id as held.
#[derive(Debug, Clone, Copy)]
enum Id<'a> {
    Uuid([u64; 2]),
    Other(&'a str),
}

impl Id<'_> {
    fn text(&self) -> Cow<'_, str> {
        match self {
            Id::Uuid([high, low]) => Cow::Owned(
                uuid::Uuid::from_u64_pair(*high, *low)
                    .hyphenated()
                    .to_string(),
            ),
            Id::Other(id) => Cow::Borrowed(id),
        }
    }

    /// As the ids compare as text (a UUID's lower-case hex compares as its number).
    fn cmp_text(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Id::Uuid(a), Id::Uuid(b)) => a.cmp(b),
            _ => self.text().cmp(&other.text()),
        }
    }
}

/// An intake's latest version so far, as the figures count it: 24 bytes.
#[derive(Debug, Clone, Copy)]
struct Held {
    /// When the patient finished, in nanoseconds since 1970 (UTC), for the order intakes are
    /// listed in; held to the range of an `i64`.
    at: i64,
    /// The day the patient finished, where they finished it.
    day: NaiveDate,
    version: u32,
    /// What it adds to the figures beside its own fields, in [`Tally::profiles`].
    profile: u32,
    verdict: Level,
    review: Option<Decision>,
}

/// What intakes add to the figures beyond their verdict, day and review, shared by every intake
/// that adds the same: ids in [`Tally::strings`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Profile {
    concerns: Box<[u32]>,
    /// Each reason's rule and message.
    reasons: Box<[(u32, u32)]>,
    /// The plan's sessions (min, max), when the verdict that stands has one.
    sessions: Option<(u32, u32)>,
    /// Sessions in each coming month.
    months: [u16; MONTHS_AHEAD as usize],
}

/// Intakes counted so far, each at its latest version: pure over the versions added, in any
/// order, and small (a few dozen bytes an intake).
#[derive(Debug)]
pub struct Tally {
    today: NaiveDate,
    /// The first day of each coming month.
    months: Vec<NaiveDate>,
    /// Intakes by their UUID, and (rarely) by another id.
    uuids: HashMap<[u64; 2], Held>,
    others: HashMap<Box<str>, Held>,
    strings: Interner<String>,
    profiles: Interner<Profile>,
}

/// Values kept once each, by number.
#[derive(Debug)]
struct Interner<T> {
    ids: HashMap<T, u32>,
    values: Vec<T>,
}

impl<T: std::hash::Hash + Eq + Clone> Interner<T> {
    fn new() -> Self {
        Interner {
            ids: HashMap::new(),
            values: Vec::new(),
        }
    }

    fn id<Q>(&mut self, value: &Q) -> u32
    where
        T: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized + ToOwned<Owned = T>,
    {
        if let Some(&id) = self.ids.get(value) {
            return id;
        }
        let id = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
        let owned = value.to_owned();
        self.values.push(owned.clone());
        self.ids.insert(owned, id);
        id
    }

    fn get(&self, id: u32) -> &T {
        &self.values[id as usize]
    }
}

impl Tally {
    /// Nothing counted yet; the coming months count from `today`.
    #[must_use]
    pub fn new(today: NaiveDate) -> Self {
        Tally::with_capacity(today, 0)
    }

    /// [`Tally::new`] with room for `intakes` from the start (growing holds the old room and
    /// the new one at once).
    #[must_use]
    pub fn with_capacity(today: NaiveDate, intakes: usize) -> Self {
        let first_of_month = today.with_day(1).unwrap_or(today);
        Tally {
            today,
            months: (0..MONTHS_AHEAD)
                .filter_map(|n| first_of_month.checked_add_months(Months::new(n)))
                .collect(),
            uuids: HashMap::with_capacity(intakes),
            others: HashMap::new(),
            strings: Interner::new(),
            profiles: Interner::new(),
        }
    }

    /// Adds one version of an intake: it counts if it is the intake's latest (the highest
    /// version; of two files with the same version, the same one whatever the order).
    pub fn add(&mut self, facts: &Facts<'_>) {
        let verdict = facts.shown();
        let mut months = [0u16; MONTHS_AHEAD as usize];
        let mut sessions = None;
        if verdict != Level::NotSuitable {
            sessions = facts.sessions.map(|r| (r.min, r.max));
            // A session whose window is still open counts in the month it can happen from.
            for &(earliest, _) in facts.schedule.iter().filter(|s| s.1 >= self.today) {
                let from = earliest.max(self.today);
                let first = from.with_day(1).unwrap_or(from);
                if let Some(n) = self.months.iter().position(|m| *m == first) {
                    months[n] = months[n].saturating_add(1);
                }
            }
        }
        let profile = Profile {
            concerns: facts
                .concerns
                .iter()
                .map(|c| self.strings.id(&**c))
                .collect(),
            reasons: facts
                .reasons
                .iter()
                .map(|(rule, message)| (self.strings.id(&**rule), self.strings.id(&**message)))
                .collect(),
            sessions,
            months,
        };
        let at = facts.completed_at.timestamp_nanos_opt().unwrap_or(
            if facts.completed_at.timestamp() < 0 {
                i64::MIN
            } else {
                i64::MAX
            },
        );
        let held = Held {
            at,
            day: facts.completed_at.date_naive(),
            version: facts.version,
            profile: self.profiles.id(&profile),
            verdict,
            review: facts.review,
        };
        let newer = |kept: Option<&Held>| {
            kept.is_none_or(|kept| self.cmp_held(kept, &held) == Ordering::Less)
        };
        if let Some(key) = uuid_key(&facts.intake_id) {
            if newer(self.uuids.get(&key)) {
                self.uuids.insert(key, held);
            }
        } else if newer(self.others.get(&*facts.intake_id)) {
            self.others.insert(facts.intake_id.as_ref().into(), held);
        }
    }

    /// Which of two versions of an intake counts (the greater): the higher version, then, for
    /// two files with the same version, by what they hold.
    fn cmp_held(&self, a: &Held, b: &Held) -> Ordering {
        let profile = |p: u32| {
            let p = self.profiles.get(p);
            let text = |ids: &[u32]| {
                ids.iter()
                    .map(|&i| &**self.strings.get(i))
                    .collect::<Vec<_>>()
            };
            let reasons: Vec<_> = p
                .reasons
                .iter()
                .map(|&(r, m)| (&**self.strings.get(r), &**self.strings.get(m)))
                .collect();
            (text(&p.concerns), reasons, p.sessions, p.months)
        };
        a.version
            .cmp(&b.version)
            .then_with(|| a.at.cmp(&b.at))
            .then_with(|| a.day.cmp(&b.day))
            .then_with(|| a.verdict.cmp(&b.verdict))
            .then_with(|| {
                a.review
                    .map(Decision::code)
                    .cmp(&b.review.map(Decision::code))
            })
            .then_with(|| profile(a.profile).cmp(&profile(b.profile)))
    }

    /// The figures of the intakes finished within `window`, with each one's delivery state from
    /// `outbox` (the outbox's state of each version, by version id) when there is an outbox.
    #[must_use]
    pub fn figures(
        &self,
        window: Window,
        outbox: Option<&HashMap<String, outbox::State>>,
    ) -> Figures {
        let mut figures = Figures::new(self.today, outbox.is_some());
        let mut weeks_seen: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        let mut uses = vec![0usize; self.profiles.values.len()];
        // Each rule's message as the first intake counted with it (by when it was finished, then
        // by id) says it.
        let mut first_said: HashMap<u32, (i64, Id<'_>, u32)> = HashMap::new();
        let held = (self.uuids.iter().map(|(k, h)| (Id::Uuid(*k), h)))
            .chain(self.others.iter().map(|(k, h)| (Id::Other(k), h)));
        for (key, held) in held {
            let day = held.day;
            if !window.holds(day) {
                continue;
            }
            figures.intakes += 1;
            figures.first = Some(figures.first.map_or(day, |f| f.min(day)));
            figures.last = Some(figures.last.map_or(day, |l| l.max(day)));
            *weeks_seen.entry(monday(day)).or_default() += 1;
            *figures.verdicts.entry(held.verdict).or_default() += 1;
            let review = held
                .review
                .map_or(ReviewState::Waiting, ReviewState::Decided);
            *figures.review.entry(review.code()).or_default() += 1;
            if let (Some(counts), Some(states)) = (figures.delivery.as_mut(), outbox) {
                let state = states
                    .get(&version_id(&key.text(), held.version))
                    .map_or(DeliveryState::NotQueued, |s| DeliveryState::Outbox(*s));
                *counts.entry(state.code()).or_default() += 1;
            }
            uses[held.profile as usize] += 1;
            for &(rule, message) in &self.profiles.get(held.profile).reasons {
                let this = (held.at, key, message);
                first_said
                    .entry(rule)
                    .and_modify(|kept| {
                        if this.0.cmp(&kept.0).then_with(|| this.1.cmp_text(&kept.1))
                            == Ordering::Less
                        {
                            *kept = this;
                        }
                    })
                    .or_insert(this);
            }
        }
        let mut reasons: HashMap<u32, usize> = HashMap::new();
        for (profile, &n) in self.profiles.values.iter().zip(&uses) {
            if n == 0 {
                continue;
            }
            for &c in &profile.concerns {
                *figures
                    .concerns
                    .entry(self.strings.get(c).clone())
                    .or_default() += n;
            }
            for &(rule, _) in &profile.reasons {
                *reasons.entry(rule).or_default() += n;
            }
            if let Some((min, max)) = profile.sessions {
                figures.sessions.intakes += n;
                figures.sessions.min += u64::from(min) * n as u64;
                figures.sessions.max += u64::from(max) * n as u64;
            }
            for (month, &sessions) in figures.coming_months.iter_mut().zip(&profile.months) {
                month.sessions += usize::from(sessions) * n;
            }
        }
        let mut reasons: Vec<ReasonCount> = reasons
            .into_iter()
            .map(|(rule, intakes)| ReasonCount {
                rule: self.strings.get(rule).clone(),
                message: first_said
                    .get(&rule)
                    .map(|said| self.strings.get(said.2).clone())
                    .unwrap_or_default(),
                intakes,
            })
            .collect();
        reasons.sort_by(|a, b| b.intakes.cmp(&a.intakes).then_with(|| a.rule.cmp(&b.rule)));
        figures.reasons = reasons;
        figures.weeks = weeks(weeks_seen);
        figures
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
/// within `window`; with `rescore`, also assesses each again under its rules. Reads the summaries
/// on every core, one at a time on each, only the fields the figures need; with `rescore`, each
/// intake's latest version is then read in full (found through the list's index in `out/cache`).
///
/// # Errors
/// `out` is not a folder that can be read.
pub fn read(
    out: &Path,
    window: Window,
    today: NaiveDate,
    rescore: Option<&Questionnaire>,
) -> io::Result<Report> {
    // The versions in the folder, by their names: room for every intake from the start.
    let versions = std::fs::read_dir(out)?
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| store::parse_name(n).is_some())
        })
        .count();
    let tally = Mutex::new(Tally::with_capacity(today, versions));
    let unreadable = Mutex::new(Vec::new());
    let foreign = Mutex::new(Vec::new());
    let keep = |list: &Mutex<Vec<PathBuf>>, path| {
        if let Ok(mut list) = list.lock() {
            list.push(path);
        }
    };
    scan::scan(out, |found| match found {
        Found::Summary(facts) => {
            if let Ok(mut tally) = tally.lock() {
                tally.add(&facts);
            }
        }
        Found::Unreadable(path) => keep(&unreadable, path),
        Found::Foreign(path) => keep(&foreign, path),
    })?;
    let into = |m: Mutex<Vec<PathBuf>>| m.into_inner().unwrap_or_default();
    let (mut unreadable, mut foreign) = (into(unreadable), into(foreign));
    let tally = tally
        .into_inner()
        .map_err(|_| io::Error::other("a thread reading the records stopped"))?;
    let outbox_dir = outbox::dir(out);
    let states: Option<HashMap<String, outbox::State>> = outbox_dir.is_dir().then(|| {
        outbox::list(out)
            .map(|(entries, _)| entries.into_iter().map(|e| (e.key, e.state)).collect())
            .unwrap_or_default()
    });
    let mut figures = tally.figures(window, states.as_ref());
    drop(tally);
    let preview = match rescore {
        Some(q) => Some(preview(out, window, q, &mut unreadable)?),
        None => None,
    };
    unreadable.sort();
    foreign.sort();
    figures.unreadable = unreadable.len();
    figures.foreign = foreign.len();
    Ok(Report {
        figures,
        preview,
        unreadable,
        foreign,
    })
}

/// Each intake's latest version within `window`, read in full and assessed again under `q`, in
/// the order patients finished. A version that cannot be read in full is named with the
/// unreadable files.
fn preview(
    out: &Path,
    window: Window,
    q: &Questionnaire,
    unreadable: &mut Vec<PathBuf>,
) -> io::Result<Preview> {
    let mut preview = Preview::default();
    for row in store::list_records(out)?.rows {
        if !window.holds(row.completed_at.date_naive()) {
            continue;
        }
        match store::read_summary(&row.path) {
            Ok(summary) => preview.add(&summary, q),
            Err(_) => unreadable.push(row.path),
        }
    }
    unreadable.sort();
    unreadable.dedup();
    Ok(preview)
}
