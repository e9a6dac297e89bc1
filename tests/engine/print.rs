//! The printed record as a library: colour that carries nothing the words do not, the page
//! written beside its summary, and the questionnaire's words only when it is the summary's own.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use chrono::DateTime;
use serde_json::json;

use crate::support::{answers_with, date, questionnaire};
use skin_intake::engine::summary::{Metadata, Mode, Summary};
use skin_intake::print::{html, text};
use skin_intake::store;
use skin_intake::words::{Words, en::English};

fn summary() -> Summary {
    let q = questionnaire();
    let meta = Metadata {
        id: "9e8d7c6b-0000-4000-8000-00000000000a".into(),
        language: "en".into(),
        mode: Mode::Staff,
        completed_at: DateTime::parse_from_rfc3339("2026-11-24T09:30:00+01:00").expect("time"),
        reference_date: date("2026-11-24"),
    };
    let answers = answers_with(&q, &[("recent_sun", json!(true))]);
    Summary::new(&q, &answers, meta, |s| English.shown(s))
}

#[test]
fn colour_adds_nothing_but_colour() {
    let q = questionnaire();
    let s = summary();
    let plain = text::render(&s, Some(&q), false, 80);
    let coloured = text::render(&s, Some(&q), true, 80);
    assert!(coloured.contains("\u{1b}["), "coloured");
    assert!(!plain.contains('\u{1b}'), "plain");
    let stripped = String::from_utf8(strip_ansi_escapes::strip(&coloured)).expect("UTF-8");
    assert_eq!(stripped, plain);
    assert!(plain.contains("⏸ DELAY TREATMENT"), "{plain}");
}

#[test]
fn concerns_are_worded_by_the_summarys_own_questionnaire_only() {
    let q = questionnaire();
    let s = summary();
    let with = text::render(&s, Some(&q), false, 100);
    assert!(with.contains("(Fine lines 3–4, Acne scars 4–5)"), "{with}");
    let mut other = q.clone();
    other.id = "another-clinic".into();
    for without in [
        text::render(&s, Some(&other), false, 100),
        text::render(&s, None, false, 100),
    ] {
        assert!(
            without.contains("(fine_lines 3–4, acne_scars 4–5)"),
            "{without}"
        );
    }
}

#[test]
fn the_page_is_written_beside_its_summary_privately_and_not_listed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path();
    let s = summary();
    let path = store::write_version(out, &s).expect("written");
    let page = html::write_page(&path, &s, Some(&questionnaire())).expect("page");
    assert_eq!(page, path.with_extension("html"));
    assert_eq!(
        fs::read_to_string(&page).expect("read"),
        html::render(&s, Some(&questionnaire()))
    );
    let mode = fs::metadata(&page).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // Printing again replaces the page; the summary is untouched and the list unchanged.
    let again = html::write_page(&path, &s, None).expect("again");
    assert_eq!(again, page);
    assert_eq!(fs::read_to_string(&path).expect("summary"), s.to_json());
    let records = store::list_records(out).expect("listed");
    assert_eq!(records.rows.len(), 1);
    assert!(records.unreadable.is_empty());
}

#[test]
fn text_from_the_record_is_isolated_on_the_page_and_cannot_reorder_it() {
    let mut s = summary();
    // A hand-edited summary: a right-to-left override in the name, an isolate in the note.
    s.patient.name = Some("Maria \u{202E}Garcia".into());
    s.clinician_note = Some("checked \u{2067}twice\u{200F}".into());
    let page = html::render(&s, Some(&questionnaire()));
    for control in ['\u{202E}', '\u{2067}', '\u{200F}'] {
        assert!(
            !page.contains(control),
            "U+{:04X} is on the page",
            u32::from(control)
        );
    }
    assert!(
        page.contains("<span class=\"patient\"><bdi>Maria Garcia</bdi></span>"),
        "{page}"
    );
    assert!(page.contains("<dd><bdi>Maria Garcia</bdi></dd>"), "{page}");
    assert!(page.contains("<bdi>checked twice</bdi>"), "{page}");
    // The page's title is plain text: no markup in it, and no control either.
    assert!(page.contains("<title>"), "{page}");
    let title = &page[page.find("<title>").unwrap()..page.find("</title>").unwrap()];
    assert!(
        title.contains("Maria Garcia") && !title.contains("bdi"),
        "{title}"
    );
}

#[test]
fn who_and_when_in_a_worded_sentence_are_isolated_on_the_page_too() {
    use skin_intake::engine::summary::{Decision, Override, Review};
    use skin_intake::model::questionnaire::Level;
    let mut s = summary();
    let at = DateTime::parse_from_rfc3339("2026-11-25T09:30:00+00:00").expect("a time");
    s.verdict_override = Some(Override {
        suitability: Level::PhysicianReview,
        reason: "to be sure".into(),
        by: "K\u{202E}L".into(),
        at,
        start_date: None,
        schedule: None,
    });
    s.review = Some(Review {
        by: "<MD>".into(),
        decision: Decision::Cleared,
        cleared_from: Some(chrono::NaiveDate::from_ymd_opt(2026, 12, 24).expect("a date")),
        note: None,
        at,
    });
    let page = html::render(&s, Some(&questionnaire()));
    assert!(
        page.contains(
            "<strong>Override</strong> by <bdi>KL</bdi> on <bdi>25 November 2026, 09:30</bdi>: "
        ),
        "{page}"
    );
    assert!(
        page.contains("<strong>Cleared to treat from 24 Dec 2026</strong> by <bdi>&lt;MD&gt;</bdi> on <bdi>25 November 2026, 09:30</bdi>"),
        "{page}"
    );
}
