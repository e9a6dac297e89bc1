//! How long loading the questionnaire and assessing one patient take.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use skin_intake::engine::assessment::assess;
use skin_intake::load;
use skin_intake::model::questionnaire::BUILT_IN;

const ANSWERS: &str = include_str!("../tests/fixtures/answers/suitable.json");

fn engine(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date");
    let q = skin_intake::load::questionnaire::built_in();
    let given = load::answers::read_and_check(&q, ANSWERS, today).expect("valid answers");
    c.bench_function("load and check questions.json", |b| {
        b.iter(|| skin_intake::load::questionnaire::load("questions.json", black_box(BUILT_IN)));
    });
    c.bench_function("read and check an answers file", |b| {
        b.iter(|| load::answers::read_and_check(&q, black_box(ANSWERS), today));
    });
    c.bench_function("assess one patient", |b| {
        b.iter(|| assess(&q, black_box(&given), today, "en"));
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
