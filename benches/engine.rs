//! How long loading the questionnaire and assessing one patient take.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use skin_intake::answers;
use skin_intake::assessment::assess;
use skin_intake::questionnaire::{self, BUILT_IN, Questionnaire};

const ANSWERS: &str = include_str!("../tests/fixtures/answers/suitable.json");

fn engine(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date");
    let q = Questionnaire::built_in();
    let given = answers::read_and_check(&q, ANSWERS, today).expect("valid answers");
    c.bench_function("load and check questions.json", |b| {
        b.iter(|| questionnaire::load("questions.json", black_box(BUILT_IN)));
    });
    c.bench_function("read and check an answers file", |b| {
        b.iter(|| answers::read_and_check(&q, black_box(ANSWERS), today));
    });
    c.bench_function("assess one patient", |b| {
        b.iter(|| assess(&q, black_box(&given), today, "en"));
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
