//! How long listing a clinic's records takes with 20,000 summaries in the folder: with no index
//! (every summary read, as on the first listing or after the cache is removed) and with the
//! index the listing keeps (what the staff list's first frame waits for).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Days, NaiveDate};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use skin_intake::engine::summary::{Decision, Metadata, Mode, Review, Summary};
use skin_intake::engine::versions::sign_off;
use skin_intake::load;
use skin_intake::store;
use skin_intake::words::{Words, en::English};

const RECORDS: usize = 20_000;
const ANSWERS: &str = include_str!("../tests/fixtures/answers/suitable.json");

/// 20,000 summaries over two years of a clinic: one in five signed off (a second version), the
/// rest waiting; names repeat so that some patients are seen before.
fn clinic(out: &Path) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date");
    let q = load::questionnaire::built_in();
    let answers = load::answers::read_and_check(&q, ANSWERS, today).expect("valid answers");
    let first = DateTime::parse_from_rfc3339("2024-11-24T09:00:00+01:00").expect("a time");
    let template = Summary::new(
        &q,
        &answers,
        Metadata {
            id: "template".into(),
            language: "en".into(),
            mode: Mode::Kiosk,
            completed_at: first,
            reference_date: today,
        },
        |s| English.shown(s),
    );
    let mut written = 0;
    let mut n = 0u64;
    while written < RECORDS {
        let mut s = template.clone();
        let id = format!("{n:08x}-0000-4000-8000-{n:012x}");
        let day = today - Days::new(n % 730);
        s.id.clone_from(&id);
        s.intake_id = id;
        s.reference_date = day;
        s.completed_at = first + chrono::Duration::minutes(i64::try_from(n).unwrap_or(0) * 50);
        s.patient.name = Some(format!("Patient {}", n % 15_000));
        let name = format!("{day}_{}.json", s.intake_id);
        std::fs::write(out.join(name), s.to_json()).expect("written");
        written += 1;
        if n.is_multiple_of(5) && written < RECORDS {
            let v2 = sign_off(
                &s,
                Review {
                    by: "KL".into(),
                    decision: Decision::Cleared,
                    cleared_from: None,
                    note: None,
                    at: s.completed_at,
                },
            );
            let name = format!("{day}_{}.v002.json", s.intake_id);
            std::fs::write(out.join(name), v2.to_json()).expect("written");
            written += 1;
        }
        n += 1;
    }
}

fn records(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path();
    clinic(out);
    let index = out.join(store::CACHE);
    let mut group = c.benchmark_group("list 20,000 records");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("no index", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(&index);
            },
            |()| black_box(store::list_records(out).expect("listed")),
            BatchSize::PerIteration,
        );
    });
    let listed = store::list_records(out).expect("listed");
    assert_eq!(
        listed.rows.len() + listed.rows.iter().filter(|r| r.version == 2).count(),
        RECORDS
    );
    group.bench_function("with the index", |b| {
        b.iter(|| black_box(store::list_records(out).expect("listed")));
    });
    group.finish();
}

criterion_group!(benches, records);
criterion_main!(benches);
