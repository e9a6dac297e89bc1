//! The intake flow: one patient's answers while they are being given. Which question is on
//! screen, moving to the next and previous shown question, confirming an answer with the engine's
//! checks, the follow-up questions an edit from the review brings up, and the final check before
//! submitting. Every front door (the terminal UI, tests, a plain line mode) drives this one type.
//!
//! Which questions are shown, where each stands and the assessment are computed once per change
//! of the answers, so moving around costs the same whatever the questionnaire's size.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use chrono::NaiveDate;

use super::assessment::{Assessment, assess_effective};
use super::checks::{self, AnswerProblem, Fault};
use super::visibility;
use crate::model::answer::{Answer, Answers, is_blank};
use crate::model::questionnaire::{Item, Questionnaire, Section};

/// Where the intake stands: a question (by id) or the review of every answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Question(String),
    Review,
}

/// What going back from a question did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Back {
    /// Moved to the previous shown question, or back to the review it came from.
    Moved,
    /// Already at the first question: the front door decides (staff: the list of intakes).
    AtStart,
}

/// One intake in progress.
#[derive(Debug, Clone)]
pub struct Intake {
    questionnaire: Arc<Questionnaire>,
    today: NaiveDate,
    language: String,
    answers: Answers,
    step: Step,
    /// The question on screen was opened from the review: newly shown follow-ups are asked, then
    /// the review comes again.
    from_review: bool,
    follow_ups: VecDeque<String>,
    /// Item index by question id, and each item's (section, item) place: fixed for the
    /// questionnaire.
    index: Arc<HashMap<String, usize>>,
    places: Arc<Vec<(usize, usize)>>,
    derived: Derived,
}

/// What follows from the answers, worked out once per change of them.
#[derive(Debug, Clone)]
struct Derived {
    /// The shown items, in order (item indices).
    shown: Vec<usize>,
    /// For each item, its position among the shown ones.
    shown_at: Vec<Option<usize>>,
    assessment: Assessment,
    disagreements: Vec<AnswerProblem>,
}

impl Intake {
    /// Starts (or resumes) an intake with these answers at the first shown question that has
    /// none, or at the review when every shown question has one.
    #[must_use]
    pub fn new(
        questionnaire: Arc<Questionnaire>,
        answers: Answers,
        today: NaiveDate,
        language: &str,
    ) -> Self {
        let places: Vec<(usize, usize)> = questionnaire
            .sections
            .iter()
            .enumerate()
            .flat_map(|(s, section)| (0..section.items.len()).map(move |i| (s, i)))
            .collect();
        let index = questionnaire
            .items()
            .enumerate()
            .map(|(i, item)| (item.id.clone(), i))
            .collect();
        let index = Arc::new(index);
        let places = Arc::new(places);
        let derived = derive(&questionnaire, &index, &places, &answers, today, language);
        let mut intake = Intake {
            questionnaire,
            today,
            language: language.to_owned(),
            answers,
            step: Step::Review,
            from_review: false,
            follow_ups: VecDeque::new(),
            index,
            places,
            derived,
        };
        intake.step = match intake.first_unanswered() {
            Some(id) => Step::Question(id),
            None => Step::Review,
        };
        intake
    }

    #[must_use]
    pub fn questionnaire(&self) -> &Questionnaire {
        &self.questionnaire
    }

    #[must_use]
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    #[must_use]
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    #[must_use]
    pub fn step(&self) -> &Step {
        &self.step
    }

    /// The question on screen, if one is.
    #[must_use]
    pub fn current_question(&self) -> Option<&str> {
        match &self.step {
            Step::Question(id) => Some(id),
            Step::Review => None,
        }
    }

    /// Whether the question on screen was opened from the review.
    #[must_use]
    pub fn from_review(&self) -> bool {
        self.from_review
    }

    /// The assessment of the answers so far.
    #[must_use]
    pub fn assessment(&self) -> &Assessment {
        &self.derived.assessment
    }

    /// The constraints the answers so far break, each at its question (the review shows them;
    /// submitting opens the first).
    #[must_use]
    pub fn disagreements(&self) -> &[AnswerProblem] {
        &self.derived.disagreements
    }

    /// The item with this id.
    #[must_use]
    pub fn item(&self, id: &str) -> Option<&Item> {
        Some(self.item_at(*self.index.get(id)?))
    }

    fn item_at(&self, i: usize) -> &Item {
        let (section, item) = self.places[i];
        &self.questionnaire.sections[section].items[item]
    }

    /// The section that holds question `id`.
    #[must_use]
    pub fn section_of(&self, id: &str) -> Option<&Section> {
        let (section, _) = self.places[*self.index.get(id)?];
        self.questionnaire.sections.get(section)
    }

    /// The shown questions, in order.
    pub fn shown(&self) -> impl Iterator<Item = &Item> {
        self.derived.shown.iter().map(|&i| self.item_at(i))
    }

    /// Where a question stands among the shown ones: `(k, n)`, 1-based, or `None` when hidden.
    #[must_use]
    pub fn position(&self, id: &str) -> Option<(usize, usize)> {
        let at = self.derived.shown_at[*self.index.get(id)?]?;
        Some((at + 1, self.derived.shown.len()))
    }

    /// Whether `id` is the first shown question (the kiosk offers no way back from it).
    #[must_use]
    pub fn is_first(&self, id: &str) -> bool {
        self.position(id).is_some_and(|(k, _)| k == 1)
    }

    /// The patient's name as answered so far (trimmed), if there is one.
    #[must_use]
    pub fn patient_name(&self) -> Option<&str> {
        visibility::patient_name(&self.questionnaire, &self.answers)
    }

    /// The patient's date of birth as answered so far, if there is one.
    #[must_use]
    pub fn patient_birth_date(&self) -> Option<NaiveDate> {
        visibility::patient_birth_date(&self.questionnaire, &self.answers)
    }

    /// The shown questions that have an answer (a blank optional one counts), in order: the
    /// review's rows.
    #[must_use]
    pub fn answered(&self) -> Vec<&Item> {
        self.shown()
            .filter(|item| self.answers.get(&item.id).is_some())
            .collect()
    }

    fn first_unanswered(&self) -> Option<String> {
        self.shown()
            .find(|item| self.answers.get(&item.id).is_none())
            .map(|item| item.id.clone())
    }

    /// Works out again what follows from the answers.
    fn refresh(&mut self) {
        self.derived = derive(
            &self.questionnaire,
            &self.index,
            &self.places,
            &self.answers,
            self.today,
            &self.language,
        );
    }

    /// Opens a question (from the review: its follow-ups will be asked before the review comes
    /// again).
    pub fn open_from_review(&mut self, id: &str) {
        if self.index.contains_key(id) {
            self.from_review = true;
            self.follow_ups.clear();
            self.step = Step::Question(id.to_owned());
        }
    }

    /// Goes to the review.
    pub fn open_review(&mut self) {
        self.from_review = false;
        self.follow_ups.clear();
        self.step = Step::Review;
    }

    /// From the review, back to the last answered question.
    pub fn back_from_review(&mut self) {
        if let Some(last) = self.answered().last().map(|item| item.id.clone()) {
            self.step = Step::Question(last);
        }
    }

    /// Confirms `answer` (`None`: no answer) to the question on screen: checks it (with the
    /// constraints that belong to the question), keeps it and
    /// moves on — to the next shown question, or, when the question came from the review, to the
    /// follow-ups the answer newly shows and then the review.
    ///
    /// # Errors
    /// What is wrong with the answer; the intake stays where it is.
    pub fn confirm(&mut self, answer: Option<Answer>) -> Result<(), Fault> {
        let Step::Question(id) = self.step.clone() else {
            return Ok(());
        };
        let Some(item) = self.item(&id) else {
            return Ok(());
        };
        checks::check_in_context(
            &self.questionnaire,
            &self.answers,
            item,
            answer.as_ref(),
            self.today,
        )?;
        let shown_before = self.derived.shown.clone();
        match answer {
            Some(answer) => self.answers.set(&id, answer),
            None => {
                self.answers.remove(&id);
            }
        }
        self.refresh();
        let next = if self.from_review {
            let newly_shown = self
                .derived
                .shown
                .iter()
                .filter(|i| !shown_before.contains(i));
            let ids: Vec<String> = newly_shown.map(|&i| self.id_at(i)).collect();
            self.follow_ups.extend(ids);
            let shown = &self.derived.shown_at;
            let index = &self.index;
            self.follow_ups
                .retain(|f| index.get(f).is_some_and(|&i| shown[i].is_some()));
            self.follow_ups.pop_front()
        } else {
            self.next_after(&id)
        };
        match next {
            Some(next) => self.step = Step::Question(next),
            None => self.open_review(),
        }
        Ok(())
    }

    fn id_at(&self, item: usize) -> String {
        self.item_at(item).id.clone()
    }

    /// The shown question after `id` in questionnaire order (even when `id` itself is hidden).
    fn next_after(&self, id: &str) -> Option<String> {
        let at = *self.index.get(id)?;
        let next = self.derived.shown.iter().find(|&&i| i > at)?;
        Some(self.id_at(*next))
    }

    /// The shown question before `id` in questionnaire order.
    fn previous_before(&self, id: &str) -> Option<String> {
        let at = *self.index.get(id)?;
        let previous = self.derived.shown.iter().rev().find(|&&i| i < at)?;
        Some(self.id_at(*previous))
    }

    /// Goes back from the question on screen: to the review it was opened from, or to the
    /// previous shown question.
    pub fn back(&mut self) -> Back {
        let Step::Question(id) = &self.step else {
            return Back::AtStart;
        };
        if self.from_review {
            self.open_review();
            return Back::Moved;
        }
        match self.previous_before(id) {
            Some(previous) => {
                self.step = Step::Question(previous);
                Back::Moved
            }
            None => Back::AtStart,
        }
    }

    /// Checks every shown question before the summary is made. On a problem the intake moves to
    /// that question (as from the review, so the review comes back after it) and returns it.
    ///
    /// # Errors
    /// The first problem, with its question.
    pub fn check_for_submit(&mut self) -> Result<(), AnswerProblem> {
        let problems = checks::problems(&self.questionnaire, &self.answers, self.today);
        match problems.into_iter().next() {
            None => Ok(()),
            Some(problem) => {
                self.open_from_review(&problem.question);
                Err(problem)
            }
        }
    }
}

/// What follows from `answers`: the shown items (worked out once), the answers that count among
/// them, and from those the assessment and the constraints that do not hold.
fn derive(
    questionnaire: &Questionnaire,
    index: &HashMap<String, usize>,
    places: &[(usize, usize)],
    answers: &Answers,
    today: NaiveDate,
    language: &str,
) -> Derived {
    let shown_items = visibility::shown_items(questionnaire, answers, today);
    let shown: Vec<usize> = shown_items
        .iter()
        .filter_map(|item| index.get(&item.id).copied())
        .collect();
    let mut shown_at = vec![None; places.len()];
    for (k, &i) in shown.iter().enumerate() {
        shown_at[i] = Some(k);
    }
    let effective: Answers = shown_items
        .iter()
        .filter_map(|item| {
            let answer = answers.get(&item.id).filter(|a| !is_blank(a))?;
            Some((item.id.clone(), answer.clone()))
        })
        .collect();
    Derived {
        shown,
        shown_at,
        assessment: assess_effective(questionnaire, &effective, today, language),
        disagreements: checks::disagreements_effective(questionnaire, &effective, today),
    }
}
