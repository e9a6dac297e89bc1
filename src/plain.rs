//! The plain line mode (`--plain`): the questionnaire as plain lines on stdout, answers read as
//! lines from stdin. No alternate screen, no cursor movement, no colour: for screen readers,
//! braille displays, serial consoles and scripts.
//!
//! It drives the engine's [`Intake`] as the terminal UI does, and the clinic's [`Desk`] keeps its
//! files: the draft saved after every confirmed answer (a plain intake cut short resumes, here or
//! in the UI), the summary assembled once, the record queued for delivery. Every word comes from
//! `words` ([`crate::words::PlainWords`] and the screens' words).

pub mod answer;
mod input;

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::clinic::{Case, Desk, Entry, Listed, Queued};
use crate::engine::intake::{Back, Intake, Step};
use crate::engine::summary::Mode;
use crate::model::answer::{Answer, is_blank};
use crate::model::questionnaire::{Item, ItemKind, Level, Questionnaire};
use crate::print;
use crate::words::plain::{Offered, Unread};
use crate::words::{self, Label, MomentForm, Say, Words};
use answer::NotAnswer;
use input::{Input, Line};

/// What the plain line mode needs.
pub struct Config {
    pub questionnaire: Arc<Questionnaire>,
    pub out: PathBuf,
    /// A patient answers alone: no earlier intake is offered, no assessment is read back.
    pub kiosk: bool,
    pub today: NaiveDate,
    pub language: String,
    pub clock: fn() -> DateTime<FixedOffset>,
    pub delivery: Option<crate::clinic::Sender>,
}

/// The read-back of the assessment is not wrapped: a screen reader or braille display reads a
/// sentence best as one line, and a terminal wraps it anyway.
const UNWRAPPED: usize = 10_000;

/// Asks the questionnaire on `output`, reading answers from `input`, until the intake is
/// submitted (its summary's path) or the input ends first (the sentence that says what was kept
/// and how to go on).
///
/// # Errors
/// The input ended (or the output closed) before the answers were submitted.
pub fn run(config: Config, input: impl BufRead, output: impl Write) -> Result<PathBuf, String> {
    let words = words::for_language(&config.language);
    let desk = Desk::new(
        config.out.clone(),
        Arc::clone(&config.questionnaire),
        &config.language,
        config.today,
        config.delivery,
    );
    let mut plain = Plain {
        words,
        language: config.language,
        kiosk: config.kiosk,
        clock: config.clock,
        desk,
        input: Input::new(input),
        output,
        broken: false,
        last_section: None,
    };
    let title = config.questionnaire.title.get(&plain.language).to_owned();
    plain.say(&words.plain_intro(&title));
    let Some((mut case, mut intake)) = plain.open() else {
        return Err(words.ended_unchosen().to_owned());
    };
    match plain.answer(&mut case, &mut intake) {
        Some(path) => Ok(path),
        None => Err(plain.keep(&mut case, &intake)),
    }
}

struct Plain<R: BufRead, W: Write> {
    words: &'static dyn Words,
    language: String,
    kiosk: bool,
    clock: fn() -> DateTime<FixedOffset>,
    desk: Desk,
    input: Input<R>,
    output: W,
    /// The output could not be written: nothing more is asked.
    broken: bool,
    /// The section whose title was said last.
    last_section: Option<String>,
}

/// What a line typed at a question asks for.
enum Typed {
    Answer(Option<Answer>),
    Back,
    Help,
}

/// What came of the review.
enum Reviewed {
    Submitted(PathBuf),
    /// The intake moved to a question (to change an answer, back, or one with a problem).
    ToQuestion,
}

/// Which answer to change, or none: back to the last question.
enum Change {
    Answer(usize),
    Back,
}

impl<R: BufRead, W: Write> Plain<R, W> {
    /// Writes `text` and a line ending; after a failed write nothing more is written or read.
    fn say(&mut self, text: &str) {
        if !self.broken
            && writeln!(self.output, "{text}")
                .and_then(|()| self.output.flush())
                .is_err()
        {
            self.broken = true;
        }
    }

    fn blank(&mut self) {
        self.say("");
    }

    /// The next line typed (one that is no text is named, "not taken" at a question, and the next
    /// read); `None` when the input (or the output) has ended.
    fn read(&mut self, at_question: bool) -> Option<String> {
        loop {
            if self.broken {
                return None;
            }
            match self.input.next() {
                Line::Text(text) => return Some(text),
                // A line that is no text is named, and the next one read.
                Line::Unread(unread) => {
                    let unread = self.words.unread(&unread);
                    let said = if at_question {
                        self.words.not_taken(&unread)
                    } else {
                        unread
                    };
                    self.say(&said);
                }
                Line::End => return None,
            }
        }
    }

    fn now(&self) -> DateTime<FixedOffset> {
        (self.clock)()
    }

    fn mode(&self) -> Mode {
        if self.kiosk { Mode::Kiosk } else { Mode::Staff }
    }

    /// A new intake, or (staff) an unfinished one chosen to continue. `None`: the input ended.
    fn open(&mut self) -> Option<(Case, Intake)> {
        if self.kiosk {
            // The next patient sees nothing of an earlier one.
            return Some(self.desk.start(Mode::Kiosk, self.now()));
        }
        loop {
            let list = self.desk.list();
            if let Some(e) = &list.unfinished_error {
                let said = self
                    .words
                    .unfinished_unreadable(&self.desk.unfinished_dir(), e);
                self.say(&said);
            }
            let drafts: Vec<_> = list
                .entries
                .into_iter()
                .filter_map(|entry| match entry {
                    Entry::Unfinished(Listed::Draft(u)) if !u.elsewhere => Some(u),
                    _ => None,
                })
                .collect();
            if drafts.is_empty() {
                return Some(self.desk.start(Mode::Staff, self.now()));
            }
            self.blank();
            self.say(self.words.unfinished_heading());
            for (i, u) in drafts.iter().enumerate() {
                let saved = self.words.moment(&u.draft.updated_at, MomentForm::Long);
                let line = self.words.offered(&Offered {
                    number: i + 1,
                    name: u.name.as_deref(),
                    answered: u.answered,
                    shown: u.shown,
                    saved: &saved,
                });
                self.say(&line);
            }
            self.say(&self.words.choose_unfinished(drafts.len()));
            let chosen = loop {
                let typed = self.read(false)?;
                let typed = typed.trim();
                if typed.is_empty() {
                    return Some(self.desk.start(Mode::Staff, self.now()));
                }
                match typed.parse::<usize>() {
                    Ok(n) if (1..=drafts.len()).contains(&n) => break n - 1,
                    _ => {
                        let said = self.words.not_offered(typed, drafts.len());
                        self.say(&said);
                    }
                }
            };
            match self.desk.resume(&drafts[chosen].draft.id) {
                Ok(resumed) => {
                    if let Some(said) = self.words.resumed(
                        resumed.made_with.as_deref(),
                        &resumed.dropped,
                        &resumed.asked_again,
                    ) {
                        self.say(&said);
                    }
                    self.say(self.words.continuing());
                    return Some((resumed.case, resumed.intake));
                }
                // Taken by another terminal, finished or gone meanwhile: the list again.
                Err(e) => {
                    let said = self.words.not_opened(&e);
                    self.say(&said);
                }
            }
        }
    }

    /// Asks until the intake is submitted (its summary's path); `None` when the input ends first.
    fn answer(&mut self, case: &mut Case, intake: &mut Intake) -> Option<PathBuf> {
        let mut full = true;
        loop {
            match intake.step().clone() {
                Step::Question(id) => {
                    full = self.question(case, intake, &id, full)?;
                }
                Step::Review => {
                    if let Reviewed::Submitted(path) = self.review(case, intake)? {
                        return Some(path);
                    }
                    full = true;
                }
            }
        }
    }

    /// Asks question `id` once: says it (in full, or its number, prompt and how to answer when
    /// asked again) and takes one line. Returns whether the next question is said in full;
    /// `None` when the input ended.
    fn question(
        &mut self,
        case: &mut Case,
        intake: &mut Intake,
        id: &str,
        full: bool,
    ) -> Option<bool> {
        let item = intake.item(id)?.clone();
        self.say_question(intake, &item, full, false);
        match self.typed(intake, &item)? {
            Typed::Help => {
                self.say_question(intake, &item, true, true);
                // Said in full with its help just now: the next line answers it.
                match self.typed(intake, &item)? {
                    Typed::Help => Some(false),
                    typed => Some(self.act(case, intake, typed)),
                }
            }
            typed => Some(self.act(case, intake, typed)),
        }
    }

    /// Does what a typed line asks; returns whether the next question is said in full.
    fn act(&mut self, case: &mut Case, intake: &mut Intake, typed: Typed) -> bool {
        match typed {
            Typed::Back => match intake.back() {
                Back::Moved => true,
                Back::AtStart => {
                    self.say(self.words.at_first_question());
                    false
                }
            },
            Typed::Answer(answer) => match intake.confirm(answer) {
                Ok(()) => {
                    let now = self.now();
                    if let Err(cause) = self.desk.save(case, intake, now) {
                        let said = self.words.draft_not_saved(&cause);
                        self.say(&said);
                    }
                    true
                }
                Err(fault) => {
                    let said = self.words.not_taken(&self.words.fault(&fault));
                    self.say(&said);
                    false
                }
            },
            Typed::Help => false,
        }
    }

    /// Reads a line at a question: an answer, `back` or `?`. A line that is no answer is named
    /// and another read; `None` when the input ended.
    fn typed(&mut self, intake: &Intake, item: &Item) -> Option<Typed> {
        loop {
            let line = self.read(true)?;
            let command = line.trim().to_lowercase();
            if command == "?" {
                return Some(Typed::Help);
            }
            if self.words.back_words().contains(&command.as_str()) {
                return Some(Typed::Back);
            }
            // An empty line keeps the answer the question has.
            if command.is_empty()
                && let Some(now) = intake.answers().get(&item.id)
            {
                return Some(Typed::Answer(Some(now.clone())));
            }
            match answer::read(item, &line, self.words, &self.language) {
                Ok(answer) => return Some(Typed::Answer(answer)),
                Err(not) => {
                    let why = match not {
                        NotAnswer::Unread(unread) => self.words.unread(&unread),
                        NotAnswer::Date(problem) => self.words.date_problem(&problem),
                    };
                    let said = self.words.not_taken(&why);
                    self.say(&said);
                    self.say_question(intake, item, false, false);
                }
            }
        }
    }

    /// Says a question: the section when it changes, "Question k of n", the prompt, (in full) its
    /// choices, (with `help`) its help and its choices' help, the answer it has, how to answer.
    fn say_question(&mut self, intake: &Intake, item: &Item, full: bool, help: bool) {
        let language = self.language.clone();
        self.blank();
        if let Some(section) = intake.section_of(&item.id)
            && self.last_section.as_deref() != Some(section.id.as_str())
        {
            self.last_section = Some(section.id.clone());
            let said = self.words.plain_section(section.title.get(&language));
            self.say(&said);
        }
        if let Some((k, n)) = intake.position(&item.id) {
            self.say(&self.words.question_of(k, n));
        }
        self.say(item.prompt.get(&language));
        if help && let Some(h) = &item.help {
            self.say(h.get(&language));
        }
        if full || help {
            self.say_choices(item, help);
        }
        if let Some(answer) = intake.answers().get(&item.id).filter(|a| !is_blank(a)) {
            let shown = words::answer_text(item, answer, &language);
            self.say(&self.words.answer_now(&shown));
        }
        self.say_how(item);
    }

    fn say_choices(&mut self, item: &Item, help: bool) {
        let language = self.language.clone();
        let labels: Vec<(String, Option<String>)> = match item.kind {
            ItemKind::Single | ItemKind::Multi => item
                .options
                .iter()
                .map(|o| {
                    (
                        o.label.get(&language).to_owned(),
                        o.help.as_ref().map(|h| h.get(&language).to_owned()),
                    )
                })
                .collect(),
            _ => return,
        };
        for (i, (label, option_help)) in labels.iter().enumerate() {
            self.say(&self.words.choice(i + 1, label));
            if help && let Some(h) = option_help {
                self.say(&self.words.choice_help(h));
            }
        }
    }

    fn say_how(&mut self, item: &Item) {
        let has_help = item.help.is_some() || item.options.iter().any(|o| o.help.is_some());
        let how = self
            .words
            .how_to_answer(item.kind, item.approximate, !item.required, has_help);
        self.say(&how);
    }

    /// The review: the answers read back (and, for staff, the assessment), then whether to
    /// submit. `None` when the input ended.
    fn review(&mut self, case: &mut Case, intake: &mut Intake) -> Option<Reviewed> {
        let language = self.language.clone();
        self.blank();
        self.say(self.words.your_answers());
        let answered: Vec<Item> = intake.answered().into_iter().cloned().collect();
        for (k, item) in answered.iter().enumerate() {
            let answer = intake
                .answers()
                .get(&item.id)
                .map(|a| {
                    if is_blank(a) {
                        self.words.label(Label::LeftEmpty).to_owned()
                    } else {
                        words::answer_text(item, a, &language)
                    }
                })
                .unwrap_or_default();
            let line = self
                .words
                .answer_read_back(k + 1, item.prompt.get(&language), &answer);
            self.say(&line);
        }
        for problem in intake.disagreements().to_vec() {
            let said = format!("⚠ {}", self.words.fault(&problem.fault));
            self.say(&said);
        }
        if !self.kiosk {
            let summary = self.desk.summary(case, intake, self.mode(), self.now());
            self.blank();
            self.say(self.words.assessment_heading());
            let text =
                print::text::render(&summary, Some(intake.questionnaire()), false, UNWRAPPED);
            self.say(text.trim_end());
        }
        self.blank();
        self.say(self.words.submit_question(self.kiosk));
        loop {
            let line = self.read(false)?;
            let typed = line.trim().to_lowercase();
            if self.words.yes_words().contains(&typed.as_str()) {
                return Some(
                    self.submit(case, intake)
                        .map_or(Reviewed::ToQuestion, Reviewed::Submitted),
                );
            }
            if self.words.back_words().contains(&typed.as_str()) {
                intake.back_from_review();
                return Some(Reviewed::ToQuestion);
            }
            if typed == "?" {
                self.say(self.words.submit_question(self.kiosk));
                continue;
            }
            let change = if self.words.no_words().contains(&typed.as_str()) {
                self.say(&self.words.which_to_change(answered.len()));
                let Change::Answer(k) = self.which(answered.len())? else {
                    intake.back_from_review();
                    return Some(Reviewed::ToQuestion);
                };
                k
            } else if let Some(k) = typed
                .parse::<usize>()
                .ok()
                .filter(|k| (1..=answered.len()).contains(k))
            {
                k
            } else {
                let said = self.words.unread(&Unread::NotYesNo {
                    given: line.trim().to_owned(),
                });
                self.say(&said);
                continue;
            };
            intake.open_from_review(&answered[change - 1].id);
            return Some(Reviewed::ToQuestion);
        }
    }

    /// The number of the answer to change, or back; `None` when the input ended.
    fn which(&mut self, count: usize) -> Option<Change> {
        loop {
            let line = self.read(false)?;
            let typed = line.trim().to_lowercase();
            if self.words.back_words().contains(&typed.as_str()) {
                return Some(Change::Back);
            }
            match typed.parse::<usize>() {
                Ok(k) if (1..=count).contains(&k) => return Some(Change::Answer(k)),
                _ => {
                    let said = self.words.no_such_answer(line.trim(), count);
                    self.say(&said);
                }
            }
        }
    }

    /// Checks every answer, then writes the record once and queues it. `None` when the intake
    /// moved to a question with a problem, or the record could not be written (the review
    /// comes again).
    fn submit(&mut self, case: &mut Case, intake: &mut Intake) -> Option<PathBuf> {
        if let Err(problem) = intake.check_for_submit() {
            let said = self.words.not_taken(&self.words.fault(&problem.fault));
            self.say(&said);
            return None;
        }
        let now = self.now();
        let summary = self.desk.summary(case, intake, self.mode(), now);
        match self.desk.submit(case, &summary, now) {
            Ok(submitted) => {
                if let Some(e) = &submitted.leftover {
                    self.say(&self.words.draft_left_over(e));
                }
                if let Queued::NotQueued(e) = &submitted.queued {
                    self.say(&self.words.not_queued(e));
                }
                self.blank();
                if self.kiosk {
                    self.farewell(&summary);
                }
                self.say(&self.words.submitted(&submitted.path));
                Some(submitted.path)
            }
            Err(e) => {
                self.say(&self.words.not_submitted(&e));
                None
            }
        }
    }

    /// What the patient is told at the end, as on the kiosk's thank-you screen: nothing that
    /// identifies them, no rule.
    fn farewell(&mut self, summary: &crate::engine::summary::Summary) {
        let words = self.words;
        let a = &summary.assessment;
        self.say(words.label(Label::ThankYou));
        self.say(words.label(Label::AnswersSaved));
        match (a.suitability, a.sessions) {
            (Level::Suitable | Level::SuitableWithPrecautions, Some(s)) => {
                self.say(&words.say(&Say::CourseTakes {
                    sessions: &print::range(s),
                    weeks: &print::range(a.interval_weeks),
                }));
                self.say(words.label(Label::ClinicianTalksItThrough));
            }
            _ => self.say(words.label(Label::ClinicianGoesThrough)),
        }
        if a.schedule_provisional {
            self.say(words.label(Label::DoctorApprovesFirst));
        }
        self.say(words.label(Label::TakeASeat));
    }

    /// The input ended before submitting: the draft is saved (as it was after the last answer)
    /// and made durable; the sentence that says where it is and how to go on.
    fn keep(&mut self, case: &mut Case, intake: &Intake) -> String {
        if case.is_empty(intake) {
            return self.words.ended_nothing().to_owned();
        }
        let now = self.now();
        let kept = self.desk.save(case, intake, now);
        let durable = self.desk.durable();
        case.release();
        match (kept, durable) {
            (Ok(path), Ok(())) => self.words.ended_kept(&path, self.desk.out()),
            (Err(not_saved), _) => self.words.ended_lost(&not_saved),
            (Ok(path), Err(e)) => self.words.ended_lost(&self.words.say(&Say::NotDurable {
                path: &path.display().to_string(),
                error: &e.to_string(),
            })),
        }
    }
}
