//! Any bytes given as a questionnaire or an answers file give problems, never a panic.

use proptest::prelude::*;
use skin_intake::load;
use skin_intake::model::questionnaire::BUILT_IN;
use skin_intake::words::{Words, en::English};

/// The built-in questionnaire with a random slice of it replaced by random text: mostly valid
/// JSON with broken parts, which reaches further into the loader than random bytes do.
fn mangled(text: &str, start: usize, len: usize, insert: &str) -> String {
    let start = start % text.len();
    let end = (start + len).min(text.len());
    let (start, end) = (floor_char(text, start), floor_char(text, end));
    format!("{}{insert}{}", &text[..start], &text[end..])
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

proptest! {
    #[test]
    fn the_questionnaire_loader_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        prop_assert!(skin_intake::load::questionnaire::load("fuzz.json", &text).is_err());
    }

    #[test]
    fn the_questionnaire_loader_never_panics_on_mangled_json(
        start in any::<usize>(),
        len in 0usize..40,
        insert in "[\\[\\]{}\",:a-z0-9 ]{0,12}",
    ) {
        if let Err(problems) = skin_intake::load::questionnaire::load("fuzz.json", &mangled(BUILT_IN, start, len, &insert)) {
            prop_assert!(!problems.0.is_empty());
            for p in &problems.0 {
                prop_assert!(English.questionnaire_problem(p).starts_with("fuzz.json"));
            }
        }
    }

    #[test]
    fn the_answers_loader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let q = skin_intake::load::questionnaire::built_in();
        let text = String::from_utf8_lossy(&bytes);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        prop_assert!(load::answers::read_and_check(&q, &text, today).is_err());
    }

    #[test]
    fn the_answers_loader_never_panics_on_mangled_answers(
        start in any::<usize>(),
        len in 0usize..20,
        insert in "[\\[\\]{}\",:a-z0-9 -]{0,12}",
    ) {
        let q = skin_intake::load::questionnaire::built_in();
        let baseline = include_str!("../fixtures/answers/suitable.json");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let _ = load::answers::read_and_check(&q, &mangled(baseline, start, len, &insert), today);
    }
}
