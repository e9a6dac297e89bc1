//! Invariants of the assessment over random valid answer sets.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use skin_intake::dates::YearMonth;
use skin_intake::engine::assessment::assess;
use skin_intake::engine::{checks, visibility};
use skin_intake::model::answer::{Answer, Answers};
use skin_intake::model::questionnaire::{ItemKind, Level, Questionnaire};

/// A valid answer set made from random numbers: one per question, each answer drawn by its type.
fn answers_from(q: &Questionnaire, draws: &[u32], today: NaiveDate) -> Answers {
    let mut answers = Answers::new();
    for (item, &draw) in q.items().zip(draws.iter().cycle()) {
        let pick = |n: usize| usize::try_from(draw).unwrap_or(0) % n;
        let answer = match item.kind {
            ItemKind::Text => Answer::Text(format!("text {draw}")),
            // Mostly "no" and mostly the first option, so that every verdict turns up.
            ItemKind::Boolean => Answer::Bool(draw % 8 == 0),
            // From today back to 100 years ago, or within the item's window of recent months;
            // every other one only to the month where that is enough.
            ItemKind::Date => {
                let days = item.max_months_ago.map_or(36_500, |months| months * 28);
                let date = today - Days::new(u64::from(draw % days));
                if item.approximate && draw % 2 == 0 {
                    Answer::Month(YearMonth::of(date))
                } else {
                    Answer::Date(date)
                }
            }
            ItemKind::Single if draw % 2 == 0 => Answer::Choice(item.options[0].code.clone()),
            ItemKind::Single => Answer::Choice(item.options[pick(item.options.len())].code.clone()),
            ItemKind::Multi => {
                let chosen: Vec<String> = item
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(i, o)| !o.exclusive && (draw >> (i % 32)) & 1 == 1)
                    .map(|(_, o)| o.code.clone())
                    .collect();
                Answer::Choices(if chosen.is_empty() {
                    // "none of these", or the first option when there is no such choice.
                    let fallback = item
                        .options
                        .iter()
                        .find(|o| o.exclusive)
                        .unwrap_or(&item.options[0]);
                    vec![fallback.code.clone()]
                } else {
                    chosen
                })
            }
        };
        answers.set(&item.id, answer);
    }
    // Cellulite is treated on the body: the questionnaire's constraint asks for a body area.
    if !checks::broken_constraints(q, &answers, today).is_empty()
        && let Some(Answer::Choices(areas)) = answers.get("areas")
    {
        let mut areas = areas.clone();
        areas.push("thighs".into());
        answers.set("areas", Answer::Choices(areas));
    }
    answers
}

proptest! {
    #[test]
    fn the_assessment_invariants_hold(
        draws in proptest::collection::vec(any::<u32>(), 31..62),
        day in 0u64..3_650,
    ) {
        let q = skin_intake::load::questionnaire::built_in();
        let today = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(day);
        let answers = answers_from(&q, &draws, today);
        prop_assert!(checks::problems(&q, &answers, today).is_empty(), "the generator makes valid answers");

        let a = assess(&q, &answers, today, "en");
        let most_severe = a.reasons.iter().map(|r| r.level).max().unwrap_or(Level::Suitable);
        prop_assert_eq!(a.suitability, most_severe);
        let sessions = a.sessions.expect("concerns is required, so there is a plan");
        prop_assert!(sessions.min <= sessions.max);
        prop_assert!(sessions.min >= 1);
        let scheduled = matches!(
            a.suitability,
            Level::Suitable | Level::SuitableWithPrecautions | Level::PhysicianReview
        ) || (a.suitability == Level::Delay && a.reassess_on.is_some());
        if scheduled {
            prop_assert_eq!(a.schedule.len(), sessions.max as usize);
        } else {
            prop_assert!(a.schedule.is_empty());
        }
        for pair in a.schedule.windows(2) {
            prop_assert!(pair[0].earliest <= pair[1].earliest);
            prop_assert!(pair[0].latest <= pair[1].latest);
        }
        for s in &a.schedule {
            prop_assert!(s.earliest <= s.latest);
            prop_assert_eq!(s.optional, s.session > sessions.min);
        }
        if a.suitability != Level::Delay {
            prop_assert_eq!(a.reassess_on, None);
        }
        prop_assert_eq!(
            a.schedule_provisional,
            a.reasons.iter().any(|r| r.level == Level::PhysicianReview)
        );
        // Answers to hidden questions change nothing.
        let shown = visibility::effective(&q, &answers, today);
        prop_assert_eq!(assess(&q, &shown, today, "en"), a);
    }
}
