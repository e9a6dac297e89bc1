//! Snapshots of every screen at 80×24, 100×30 (the staff side panel), 120×40 and the minimum 60×20 (insta over ratatui's `TestBackend`).

use std::time::{Duration, Instant};

use crate::support::*;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;
use skin_intake::model::questionnaire::{Level, Range};
use skin_intake::tui::app::App;
use skin_intake::tui::screens::Screen;
use skin_intake::tui::screens::kiosk::Farewell;
use skin_intake::tui::screens::result::ResultScreen;

const SIZES: [(u16, u16); 4] = [(80, 24), (100, 30), (120, 40), (60, 20)];

/// Renders into a bare buffer: any size, even zero.
fn render_only(app: &App, width: u16, height: u16) {
    use ratatui::widgets::Widget;
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    app.render(area, &mut buf);
}

fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        assert_snapshot!(format!("{name}_{w}x{h}"), draw(app, w, h));
    }
}

fn staff_at(question: &str, out: &std::path::Path) -> App {
    let now = Instant::now();
    let mut app = App::new(config(out, false), now);
    press(&mut app, KeyCode::Enter, now);
    let answers = suitable();
    // Answer everything before `question`, in order.
    while app.current_item().is_some_and(|i| i.id != question) {
        answer_current(&mut app, &answers, now);
        press(&mut app, KeyCode::Enter, now);
    }
    app
}

#[test]
fn start_screen() {
    let out = out_dir();
    let now = Instant::now();
    snap("start_empty", &App::new(config(out.path(), false), now));
    // One unfinished intake and one damaged file.
    let mut app = staff_at("pregnant_or_breastfeeding", out.path());
    press(&mut app, KeyCode::Esc, now);
    // Closed, as by leaving: its intake is no longer open anywhere.
    drop(app);
    let dir = out.path().join("unfinished");
    std::fs::write(dir.join("broken.json"), b"{ not json").unwrap();
    snap(
        "start_with_drafts",
        &App::new(config(out.path(), false), now),
    );
}

#[test]
fn question_screens_with_and_without_messages() {
    let out = out_dir();
    let now = Instant::now();
    for (name, id, bad) in [
        ("text", "full_name", None),
        ("date", "date_of_birth", Some("2031-01-01")),
        ("single", "pregnant_or_breastfeeding", None),
        ("multi", "concerns", None),
        ("boolean", "dark_marks_history", None),
    ] {
        let mut app = staff_at(id, out.path());
        snap(&format!("question_{name}"), &app);
        if let Some(bad) = bad {
            type_str(&mut app, bad, now);
        }
        if name == "multi" {
            // Enter would tick the highlighted option; Next with nothing ticked is refused.
            let next = skin_intake::tui::action::Action::Tap(skin_intake::tui::action::Hit::Next);
            app.update(&next, now);
        } else {
            press(&mut app, KeyCode::Enter, now);
        }
        assert_eq!(app.current_item().unwrap().id, id);
        snap(&format!("question_{name}_message"), &app);
    }
    // A multi choice with a refused combination, and one with ticks.
    let mut app = staff_at("allergies", out.path());
    for c in ['1', '2'] {
        press(&mut app, KeyCode::Char(c), now);
    }
    press(&mut app, KeyCode::Enter, now);
    snap("question_multi_exclusive_message", &app);
}

#[test]
fn kiosk_question_has_no_staff_panel() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    press(&mut app, KeyCode::Enter, now);
    snap("kiosk_question_first", &app);
}

/// The questions 2.1.0 added that carry the most words, as the patient reads them at the kiosk
/// (CLINICAL.md, Revision 3): the filler's kind, and the mole a doctor has not examined.
#[test]
fn kiosk_questions_of_2_1_0() {
    let out = out_dir();
    let now = Instant::now();
    let mut answers = suitable();
    answers["recent_procedures"] = serde_json::json!(["filler"]);
    answers["filler_date"] = serde_json::json!("2025-03-01");
    for question in ["suspicious_lesion", "filler_kind"] {
        let mut app = App::new(config(out.path(), true), now);
        press(&mut app, KeyCode::Enter, now);
        while app.current_item().is_some_and(|i| i.id != question) {
            answer_current(&mut app, &answers, now);
            press(&mut app, KeyCode::Enter, now);
        }
        snap(&format!("kiosk_question_{question}"), &app);
    }
}

fn reviewed(out: &std::path::Path, answers: &Value) -> App {
    let now = Instant::now();
    let mut app = App::new(config(out, false), now);
    press(&mut app, KeyCode::Enter, now);
    answer_all(&mut app, answers, now);
    app
}

#[test]
fn review_and_result() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = reviewed(out.path(), &suitable());
    snap("review", &app);
    press(&mut app, KeyCode::Down, now);
    press(&mut app, KeyCode::Down, now);
    snap("review_selected_answer", &app);
    press(&mut app, KeyCode::Home, now);
    press(&mut app, KeyCode::Enter, now);
    let redact = |s: String| s.replace(out.path().to_str().unwrap(), "<out>");
    let path_free = |app: &App| {
        for (w, h) in SIZES {
            let text = draw(app, w, h);
            // The file name holds a random id.
            let text = regex_lite_replace(&redact(text));
            assert_snapshot!(format!("result_suitable_{w}x{h}"), text);
        }
    };
    path_free(&app);

    let mut delayed = suitable();
    delayed["recent_sun"] = Value::Bool(true);
    delayed["concerns"] = serde_json::json!(["stretch_marks"]);
    delayed["stretch_mark_colour"] = Value::String("white".into());
    delayed["stretch_mark_severity"] = Value::String("severe".into());
    let mut app = reviewed(out.path(), &delayed);
    press(&mut app, KeyCode::Enter, now);
    for (w, h) in SIZES {
        let text = regex_lite_replace(&redact(draw(&app, w, h)));
        assert_snapshot!(format!("result_delay_{w}x{h}"), text);
    }
}

const LONG_NOTE: &str = "Discussed aftercare in detail; the patient will read \
     https://www.example-clinic.org/aftercare/microneedling/first-week-instructions-v2.pdf \
     before the first session and bring the signed consent form. Last line: see you soon.";

#[test]
fn the_result_scrolls_to_the_last_line_of_a_long_clinician_note() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = reviewed(out.path(), &suitable());
    press(&mut app, KeyCode::F(2), now);
    type_str(&mut app, LONG_NOTE, now);
    press(&mut app, KeyCode::Tab, now);
    type_str(&mut app, "KL", now);
    press(&mut app, KeyCode::Enter, now);
    press(&mut app, KeyCode::Home, now);
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Result(_)));
    for (w, h) in SIZES {
        app.resize(w, h);
        press(&mut app, KeyCode::Home, now);
        // As the terminal does: a frame, then a key; 80 lines down is past the end at every size.
        let mut text = draw(&app, w, h);
        for _ in 0..80 {
            press(&mut app, KeyCode::Down, now);
            text = draw(&app, w, h);
        }
        assert!(!text.contains("▼ more below"), "{w}x{h}:\n{text}");
        let flat: String = screen_lines(&app, w, h)
            .concat()
            .split_whitespace()
            .collect();
        assert!(
            flat.contains("consentform.Lastline:seeyousoon."),
            "{w}x{h}: the note's last line:\n{text}"
        );
        let text = regex_lite_replace(&text.replace(out.path().to_str().unwrap(), "<out>"));
        assert_snapshot!(format!("result_long_note_end_{w}x{h}"), text);
    }
}

/// Random clinician notes: words, long words, URLs and paths.
fn note() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let word = prop_oneof![
        6 => "[a-z]{1,10}[.,;]?",
        1 => "[A-Za-z0-9]{15,90}",
        2 => "https://[a-z]{3,12}\\.org(/[a-z0-9_.-]{1,24}){1,6}",
        1 => "(/[a-z0-9._-]{1,30}){2,6}",
    ];
    proptest::collection::vec(word, 1..60).prop_map(|words| words.join(" "))
}

#[test]
fn any_clinician_note_scrolls_to_its_last_line_at_any_size() {
    use proptest::test_runner::{Config, TestRunner};
    let out = out_dir();
    let now = Instant::now();
    let mut app = reviewed(out.path(), &suitable());
    press(&mut app, KeyCode::Enter, now);
    let app = std::cell::RefCell::new(app);
    let mut runner = TestRunner::new(Config {
        cases: 64,
        ..Config::default()
    });
    runner
        .run(&(note(), 60u16..=120, 20u16..=40), |(note, w, h)| {
            let mut app = app.borrow_mut();
            app.resize(w, h);
            let Screen::Result(ResultScreen {
                summary, scroll, ..
            }) = &mut app.screen
            else {
                panic!("no result");
            };
            summary.clinician_note = Some(note.clone());
            *scroll = 0;
            // Page down until a page changes nothing.
            let mut text = screen_lines(&app, w, h).join("\n");
            for _ in 0..100 {
                press(&mut app, KeyCode::PageDown, now);
                let next = screen_lines(&app, w, h).join("\n");
                if next == text {
                    break;
                }
                text = next;
            }
            let flat: String = text.split_whitespace().collect();
            let tail: String = note.split_whitespace().collect();
            let tail = &tail[tail.len().saturating_sub(16)..];
            proptest::prop_assert!(!text.contains("▼ more below"), "{}x{}:\n{}", w, h, text);
            proptest::prop_assert!(
                flat.contains(tail),
                "{}x{}: {:?} not shown:\n{}",
                w,
                h,
                tail,
                text
            );
            Ok(())
        })
        .unwrap();
}

/// Replaces the random summary id in a file name with `<id>`.
fn regex_lite_replace(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut line = line.to_owned();
        if let Some(at) = line.find("2025-03-10_") {
            let start = at + "2025-03-10_".len();
            let end = (start + 36).min(line.len());
            line.replace_range(start..end, "<id>                                ");
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn kiosk_screens() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), true), now);
    snap("kiosk_welcome", &app);
    for level in Level::ALL {
        app.screen = Screen::ThankYou {
            farewell: Farewell {
                level,
                sessions: Some(Range { min: 3, max: 4 }),
                interval_weeks: Range { min: 4, max: 6 },
                provisional: level == Level::PhysicianReview,
            },
            since: now,
        };
        snap(&format!("kiosk_thank_you_{}", level.code()), &app);
    }
    let mut app = App::new(config(out.path(), true), now);
    press(&mut app, KeyCode::Enter, now);
    type_str(&mut app, "Ada", now);
    app.tick(now + Duration::from_mins(2));
    snap("kiosk_idle_warning", &app);
    press(&mut app, KeyCode::Char('x'), now + Duration::from_secs(121));
    press(&mut app, KeyCode::F(10), now + Duration::from_secs(121));
    type_str(&mut app, "12", now + Duration::from_secs(121));
    snap("kiosk_pin_prompt", &app);
    press(&mut app, KeyCode::Enter, now + Duration::from_secs(121));
    snap("kiosk_pin_wrong", &app);
}

#[test]
fn too_small_window() {
    let out = out_dir();
    let app = App::new(config(out.path(), false), Instant::now());
    assert_snapshot!("too_small_59x20", draw(&app, 59, 20));
    assert_snapshot!("too_small_40x10", draw(&app, 40, 10));
    // Tiny sizes draw without a panic.
    for (w, h) in [(1, 1), (0, 0), (10, 2), (60, 19)] {
        render_only(&app, w, h);
    }
}

#[test]
fn every_screen_survives_every_size() {
    let out = out_dir();
    let mut app = reviewed(out.path(), &suitable());
    let now = Instant::now();
    press(&mut app, KeyCode::Enter, now);
    for w in (0..140).step_by(7) {
        for h in (0..50).step_by(5) {
            render_only(&app, w, h);
        }
    }
}

// ----- nothing cut without a sign -----

/// The drawn screen as one string per line.
fn screen_lines(app: &App, width: u16, height: u16) -> Vec<String> {
    columns(app, width, height, width)
}

/// The drawn screen as one string per line, left of where the staff side panel would be.
fn main_lines(app: &App, width: u16, height: u16) -> Vec<String> {
    columns(
        app,
        width,
        height,
        if width >= 100 { width - 40 } else { width },
    )
}

/// The drawn screen, columns `0..main` of each line.
fn columns(app: &App, width: u16, height: u16, main: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    let buf = terminal.backend().buffer().clone();
    (0..height)
        .map(|y| {
            let mut line = String::new();
            for x in 0..main {
                line.push_str(buf[(x, y)].symbol());
            }
            line
        })
        .collect()
}

/// The text of the lines drawn in the highlight style (the selected row), left of any side panel,
/// with runs of spaces made single.
fn highlighted_text(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    let buf = terminal.backend().buffer().clone();
    let main = if width >= 100 { width - 40 } else { width };
    let highlight = skin_intake::tui::theme::NORMAL.highlight.bg;
    let mut text = String::new();
    for y in 1..height - 1 {
        if buf[(2, y)].bg == highlight.unwrap() {
            for x in 0..main {
                text.push_str(buf[(x, y)].symbol());
            }
            text.push(' ');
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn review_answers_wrap_whole_and_the_selected_row_is_fully_shown() {
    let out = out_dir();
    let now = Instant::now();
    let mut answers = suitable();
    answers["concerns"] = serde_json::json!(["texture", "pores", "acne_scars", "fine_lines"]);
    let mut app = reviewed(out.path(), &answers);
    let rows: Vec<(String, String)> = {
        let intake = app.session.as_ref().unwrap();
        app.review_rows()
            .iter()
            .map(|item| {
                let answer = intake.intake.answers().get(&item.id).unwrap();
                (
                    item.id.clone(),
                    skin_intake::words::answer_text(item, answer, "en"),
                )
            })
            .collect()
    };
    assert!(
        rows.iter()
            .any(|(_, a)| a.contains("Uneven or rough texture, Enlarged pores"))
    );
    for (w, h) in SIZES {
        press(&mut app, KeyCode::Home, now);
        for (id, answer) in &rows {
            press(&mut app, KeyCode::Down, now);
            let shown = highlighted_text(&app, w, h);
            let answer = answer.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                shown.contains(&answer),
                "{w}x{h}: the answer to {id} is not shown whole: {shown:?} lacks {answer:?}"
            );
            assert!(shown.starts_with('▶'), "{w}x{h}: {shown:?}");
        }
    }
}

/// The built-in questionnaire with `extra` more options on the concerns question.
fn with_more_concerns(extra: usize) -> skin_intake::model::questionnaire::Questionnaire {
    let mut q = skin_intake::load::questionnaire::built_in();
    let item = q
        .sections
        .iter_mut()
        .flat_map(|s| s.items.iter_mut())
        .find(|i| i.id == "concerns")
        .unwrap();
    for k in 0..extra {
        let mut option = item.options[0].clone();
        option.code = format!("extra_{k}");
        option.label = skin_intake::model::text::Text::Plain(format!("Extra concern number {k}"));
        item.options.push(option);
    }
    q
}

#[test]
fn long_option_lists_scroll_with_cues_and_keep_the_highlight_in_view() {
    let out = out_dir();
    let now = Instant::now();
    let mut cfg = config(out.path(), false);
    cfg.questionnaire = with_more_concerns(3).into();
    let mut app = App::new(cfg, now);
    press(&mut app, KeyCode::Enter, now);
    let answers = suitable();
    while app.current_item().is_some_and(|i| i.id != "concerns") {
        answer_current(&mut app, &answers, now);
        press(&mut app, KeyCode::Enter, now);
    }
    for (w, h) in SIZES {
        for _ in 0..13 {
            press(&mut app, KeyCode::Up, now);
        }
        let mut last_seen = 0;
        for k in 0..13 {
            let lines = main_lines(&app, w, h);
            let text = lines.join("\n");
            let pointer = lines.iter().find(|l| l.contains('▶')).unwrap();
            let label = if k < 10 {
                app.config.questionnaire.item("concerns").unwrap().options[k]
                    .label
                    .get("en")
                    .to_owned()
            } else {
                format!("Extra concern number {}", k - 10)
            };
            assert!(
                pointer.contains(&label),
                "{w}x{h}: {label} not highlighted:\n{text}"
            );
            let hidden = (0..13).any(|i| {
                let l = if i < 10 {
                    app.config.questionnaire.item("concerns").unwrap().options[i]
                        .label
                        .get("en")
                        .to_owned()
                } else {
                    format!("Extra concern number {}", i - 10)
                };
                !text.contains(&l)
            });
            if hidden {
                assert!(
                    text.contains("▲ more above") || text.contains("▼ more below"),
                    "{w}x{h}: options hidden without a cue:\n{text}"
                );
            }
            if k == 12 && hidden {
                assert!(text.contains("▲ more above"), "{w}x{h}:\n{text}");
            }
            if k == 0 && hidden {
                assert!(text.contains("▼ more below"), "{w}x{h}:\n{text}");
            }
            last_seen = last_seen.max(k);
            press(&mut app, KeyCode::Down, now);
        }
        assert_eq!(last_seen, 12);
    }
    for _ in 0..13 {
        press(&mut app, KeyCode::Up, now);
    }
    snap("question_thirteen_options", &app);
    for _ in 0..6 {
        press(&mut app, KeyCode::Down, now);
    }
    snap("question_thirteen_options_middle", &app);
}

#[test]
fn long_option_labels_wrap_under_their_text_and_every_line_takes_a_tap() {
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let out = out_dir();
    let now = Instant::now();
    let mut app = staff_at("other_skin_conditions", out.path());
    snap("question_long_options", &app);
    let lines = screen_lines(&app, 60, 20);
    let text = lines.join("\n");
    let first = lines
        .iter()
        .position(|l| l.contains("4  Scleroderma, morphea"))
        .unwrap_or_else(|| panic!("{text}"));
    let column = lines[first].find("Scleroderma").unwrap();
    // The rest of the label is on the next line, under the label's first letter.
    let next = &lines[first + 1];
    assert!(
        next[column..].contains("affecting the skin") && !next[column..].starts_with(' '),
        "{text}"
    );
    assert!(next[..column].trim().is_empty(), "{text}");
    // A tap on the continuation line ticks that option.
    let row = u16::try_from(first + 1).unwrap();
    app.resize(60, 20);
    app.handle_mouse(
        MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 20,
            row,
            modifiers: KeyModifiers::NONE,
        },
        now,
    );
    let ticked = screen_lines(&app, 60, 20);
    assert!(ticked[first].contains("[x] 4"), "{}", ticked.join("\n"));
}

#[test]
fn a_long_prompt_gets_the_lines_it_needs() {
    let out = out_dir();
    let now = Instant::now();
    let prompt = "What would you like to improve? Think of what bothers you most when you look \
                  in the mirror in daylight, what friends or family have mentioned, and what you \
                  hope to see after a course of treatment; your clinician will talk through each \
                  of these with you before anything is planned.";
    let mut cfg = config(out.path(), false);
    cfg.questionnaire = with_more_concerns(0).into();
    for section in &mut std::sync::Arc::make_mut(&mut cfg.questionnaire).sections {
        for item in &mut section.items {
            if item.id == "concerns" {
                item.prompt = skin_intake::model::text::Text::Plain(prompt.to_owned());
            }
        }
    }
    let mut app = App::new(cfg, now);
    press(&mut app, KeyCode::Enter, now);
    let answers = suitable();
    while app.current_item().is_some_and(|i| i.id != "concerns") {
        answer_current(&mut app, &answers, now);
        press(&mut app, KeyCode::Enter, now);
    }
    for (w, h) in SIZES {
        let text = main_lines(&app, w, h)
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(prompt), "{w}x{h}: {text}");
    }
    snap("question_long_prompt", &app);
}

// ----- the override and the assessment as staff see them -----

/// Sets an override through the F3 form: level `digit` (1–5), a reason and initials.
fn override_with(app: &mut App, digit: char, reason: &str, by: &str) {
    let now = Instant::now();
    press(app, KeyCode::F(3), now);
    press(app, KeyCode::Char(digit), now);
    press(app, KeyCode::Tab, now);
    type_str(app, reason, now);
    press(app, KeyCode::Tab, now); // past the optional start date
    press(app, KeyCode::Tab, now);
    type_str(app, by, now);
    press(app, KeyCode::Enter, now);
    assert!(app.overlay.is_none(), "the override form stayed open");
}

#[test]
fn the_review_and_the_side_panel_show_an_override() {
    let out = out_dir();
    let mut app = reviewed(out.path(), &suitable());
    override_with(&mut app, '3', "Wants a GP letter first", "KL");
    let wanted = "Override: ? PHYSICIAN REVIEW NEEDED by KL (computed: ✔ SUITABLE)";
    for (w, h) in SIZES {
        let text = draw(&app, w, h);
        let flat = text
            .lines()
            .map(|l| {
                l.trim_matches('"')
                    .split('│')
                    .next_back()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect::<Vec<_>>()
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains(wanted), "{w}x{h}:\n{text}");
        assert!(!text.contains("Verdict so far"), "{w}x{h}:\n{text}");
    }
    snap("review_override", &app);
}

/// The lines of the drawn screen, trimmed, that contain `needle`.
fn line_index(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle))
}

#[test]
fn result_reasons_most_severe_first_with_their_dates_and_hanging_indents() {
    let out = out_dir();
    let now = Instant::now();
    // A delay (sun, dated) and a precaution (dark marks) and a physician review (diabetes).
    let mut answers = suitable();
    answers["recent_sun"] = Value::Bool(true);
    answers["dark_marks_history"] = Value::Bool(true);
    answers["diabetes"] = Value::String("controlled".into());
    answers["immune_condition"] = Value::Bool(true);
    answers["recent_procedures"] = serde_json::json!(["peel_or_laser"]);
    answers["peel_or_laser_date"] = Value::String(TODAY.into());
    let mut app = reviewed(out.path(), &answers);
    press(&mut app, KeyCode::Enter, now);
    let Screen::Result(ResultScreen { summary, .. }) = &app.screen else {
        panic!("no result");
    };
    let levels: Vec<Level> = summary.assessment.reasons.iter().map(|r| r.level).collect();
    assert!(levels.len() >= 2, "{levels:?}");
    let text = draw(&app, 120, 40);
    let delay = line_index(&text, "• ⏸ DELAY TREATMENT").expect(&text);
    let others = [
        "• ? PHYSICIAN REVIEW NEEDED",
        "• ▲ SUITABLE WITH PRECAUTIONS",
    ];
    for other in others {
        if let Some(at) = line_index(&text, other) {
            assert!(delay < at, "{other} before the delay:\n{text}");
        }
    }
    assert!(
        text.contains("→ assess again on or after 24 March 2025"),
        "{text}"
    );
    assert!(
        text.contains("→ assess again on or after 7 April 2025"),
        "{text}"
    );
    assert!(
        levels.windows(2).any(|w| w[0] < w[1]),
        "rule order: {levels:?}"
    );
    // A wrapped reason hangs under its first line's text.
    let text = draw(&app, 60, 20);
    let at = line_index(&text, "Sunburn, tan or sunbed").expect(&text);
    let next = text.lines().nth(at + 1).unwrap();
    assert!(
        next.starts_with("\"   ") && !next.starts_with("\"    "),
        "{text}"
    );
    for (w, h) in SIZES {
        let text =
            regex_lite_replace(&draw(&app, w, h).replace(out.path().to_str().unwrap(), "<out>"));
        assert_snapshot!(format!("result_three_levels_{w}x{h}"), text);
    }
}

#[test]
fn an_empty_schedule_says_why() {
    for (answer, words) in [
        (
            "bleeding_disorder",
            "No sessions are planned: not suitable.",
        ),
        (
            "active_acne",
            "No sessions can be scheduled until the delay is over.",
        ),
    ] {
        let out = out_dir();
        let now = Instant::now();
        let mut answers = suitable();
        answers[answer] = Value::Bool(true);
        let mut app = reviewed(out.path(), &answers);
        press(&mut app, KeyCode::Enter, now);
        for _ in 0..40 {
            press(&mut app, KeyCode::Down, now);
        }
        let text = draw(&app, 120, 40);
        assert!(text.contains(words), "{text}");
        assert!(!text.contains("scheduled yet"), "{text}");
    }
}

#[test]
fn the_side_panel_waits_for_the_first_answer() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = App::new(config(out.path(), false), now);
    press(&mut app, KeyCode::Enter, now);
    let text = draw(&app, 100, 30);
    assert!(text.contains("No answers yet"), "{text}");
    assert!(!text.contains("SUITABLE"), "{text}");
}

#[test]
fn start_rows_shorten_the_name_and_keep_time_progress_and_mode() {
    let out = out_dir();
    let now = Instant::now();
    // A kiosk intake left alone is kept for staff.
    let mut kiosk = App::new(config(out.path(), true), now);
    press(&mut kiosk, KeyCode::Enter, now);
    type_str(
        &mut kiosk,
        "Maximiliana Alexandra Montgomery-Fitzgerald",
        now,
    );
    press(&mut kiosk, KeyCode::Enter, now);
    kiosk.tick(now + Duration::from_mins(2));
    kiosk.tick(now + Duration::from_mins(4));
    let app = App::new(config(out.path(), false), now);
    for (w, h) in SIZES {
        let lines = screen_lines(&app, w, h);
        let row = lines
            .iter()
            .find(|l| l.contains("Maximilia"))
            .unwrap_or_else(|| panic!("{w}x{h}: {}", lines.join("\n")));
        assert!(row.contains("14:05"), "{w}x{h}: {row}");
        assert!(row.contains("left at the kiosk"), "{w}x{h}: {row}");
        assert!(
            row.contains("Fitzgerald") || row.contains('…'),
            "{w}x{h}: {row}"
        );
    }
    snap("start_long_name_kiosk", &app);
}

#[test]
fn a_long_name_gives_way_to_age_and_date_and_the_path_breaks_at_slashes() {
    let out = out_dir();
    let now = Instant::now();
    let mut answers = suitable();
    answers["full_name"] = Value::String("Maximiliana Alexandra Montgomery-Fitzgerald".into());
    let mut app = reviewed(out.path(), &answers);
    press(&mut app, KeyCode::Enter, now);
    let Screen::Result(ResultScreen {
        export: skin_intake::tui::screens::result::Export::Saved(path),
        ..
    }) = &app.screen
    else {
        panic!("not saved");
    };
    let file = path.file_name().unwrap().to_str().unwrap().to_owned();
    for (w, h) in SIZES {
        let lines = screen_lines(&app, w, h);
        assert!(
            lines[1].contains(", 44 years — assessed 10 March 2025"),
            "{w}x{h}: {}",
            lines[1]
        );
        // The file name is whole on one line.
        assert!(
            lines.iter().any(|l| l.contains(&file)),
            "{w}x{h}: {}",
            lines.join("\n")
        );
    }
}

#[test]
fn the_override_dialog_is_clean_and_whole() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = staff_at("concerns", out.path());
    press(&mut app, KeyCode::F(3), now);
    for (w, h) in SIZES {
        let lines = screen_lines(&app, w, h);
        let text = lines.join("\n");
        assert!(text.contains("Esc cancel"), "{w}x{h}:\n{text}");
        // Nothing of the screen underneath touches the dialog's sides.
        for line in &lines {
            if let (Some(left), Some(right)) =
                (line.find(['│', '┌', '└']), line.rfind(['│', '┐', '┘']))
            {
                if left == right {
                    continue;
                }
                let before = line[..left].chars().next_back();
                let after = line[right..].chars().nth(1);
                assert!(
                    before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace),
                    "{w}x{h}: {line:?}\n{text}"
                );
            }
        }
    }
    snap("override_dialog", &app);
}

#[test]
fn words_said_once_ranges_kept_together_and_even_footer_gaps() {
    let out = out_dir();
    let now = Instant::now();
    let mut kiosk = App::new(config(out.path(), true), now);
    for (w, h) in SIZES {
        let text = draw(&kiosk, w, h);
        assert_eq!(
            text.matches("Microneedling consultation").count(),
            1,
            "{text}"
        );
    }
    kiosk.screen = Screen::ThankYou {
        farewell: Farewell {
            level: Level::Suitable,
            sessions: Some(Range { min: 3, max: 4 }),
            interval_weeks: Range { min: 4, max: 6 },
            provisional: false,
        },
        since: now,
    };
    for (w, h) in SIZES {
        let text = draw(&kiosk, w, h);
        assert!(text.contains("4–6\u{a0}weeks apart"), "{w}x{h}:\n{text}");
        assert!(text.contains("3–4\u{a0}sessions"), "{w}x{h}:\n{text}");
    }
    let mut kiosk = App::new(config(out.path(), true), now);
    press(&mut kiosk, KeyCode::Enter, now);
    type_str(&mut kiosk, "Ada Lovelace", now);
    press(&mut kiosk, KeyCode::Enter, now);
    let kiosk_answers = suitable();
    answer_all(&mut kiosk, &kiosk_answers, now);
    for (w, h) in SIZES {
        let text = draw(&kiosk, w, h);
        assert!(text.contains("[ Submit my answers ]"), "{w}x{h}:\n{text}");
        // The kiosk header never names the patient.
        assert!(!text.lines().next().unwrap().contains("Maria"), "{text}");
    }
    kiosk.tick(now + Duration::from_mins(3));
    for (w, h) in SIZES {
        let text = draw(&kiosk, w, h);
        assert_eq!(text.matches("Are you still there?").count(), 1, "{text}");
    }

    let app = staff_at("concerns", out.path());
    for (w, h) in SIZES {
        let text = draw(&app, w, h);
        let header = text.lines().next().unwrap();
        assert!(header.contains("staff"), "{header}");
        assert!(header.contains("  ·  Maria Garcia"), "{header}");
        if w >= 80 {
            let footer = text.lines().last().unwrap();
            assert!(
                footer.contains("Space tick  Enter next"),
                "{w}x{h}: {footer}"
            );
            assert!(footer.contains("Ctrl-C leave"), "{w}x{h}: {footer}");
        }
    }
    let app = reviewed(out.path(), &suitable());
    assert!(draw(&app, 80, 24).contains("[ Submit the answers ]"));
}

#[test]
fn the_wrapping_helper_breaks_paths_at_slashes_and_cuts_with_an_ellipsis() {
    use skin_intake::tui::text_layout::{ellipsize, hanging, wrap, wrap_at_most};
    assert_eq!(
        wrap("✔ Saved to /srv/clinic/intakes/2025-03-10_abcdef.json", 30),
        ["✔ Saved to /srv/clinic/", "intakes/2025-03-10_abcdef.json"]
    );
    assert_eq!(wrap("4 to 6 weeks apart", 9), ["4 to 6", "weeks", "apart"]);
    assert_eq!(ellipsize("Maximiliana Alexandra", 12), "Maximiliana…");
    assert_eq!(ellipsize("Maria", 12), "Maria");
    assert_eq!(
        hanging("• ", "Mild redness and swelling for one or two days", 20),
        ["• Mild redness and", "  swelling for one", "  or two days"]
    );
    assert_eq!(wrap_at_most("one two three four", 9, 1), ["one two…"]);
}

#[test]
fn schedules_that_wait_for_a_physician_say_so_everywhere() {
    const PROVISIONAL: &str =
        "⚠ Provisional: these dates hold only after a physician has approved the treatment.";
    let one_line = |text: &str| {
        text.lines()
            .map(|l| l.trim_matches('"').trim())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let now = Instant::now();
    // Keloids (physician review) and Botox five days ago (a dated delay).
    let mut answers = suitable();
    answers["keloid_history"] = Value::Bool(true);
    answers["recent_procedures"] = serde_json::json!(["botox"]);
    answers["botox_date"] = Value::String("2025-03-05".into());
    let out = out_dir();
    let mut app = reviewed(out.path(), &answers);
    let panel = one_line(&draw(&app, 120, 40));
    assert!(
        panel.contains("⚠ Provisional: these dates hold only"),
        "{panel}"
    );
    press(&mut app, KeyCode::Enter, now);
    for _ in 0..10 {
        press(&mut app, KeyCode::Down, now);
    }
    let result = one_line(&draw(&app, 120, 40));
    assert!(result.contains(PROVISIONAL), "{result}");
    assert!(
        result.contains("19 Mar 2025"),
        "the schedule starts when the wait ends: {result}"
    );

    let out = out_dir();
    let mut app = reviewed(out.path(), &suitable());
    assert!(!draw(&app, 120, 40).contains("Provisional"));
    press(&mut app, KeyCode::Enter, now);
    assert!(!draw(&app, 120, 40).contains("Provisional"));

    // The kiosk's thank-you, in patient words.
    let out = out_dir();
    let mut app = App::new(config(out.path(), true), now);
    press(&mut app, KeyCode::Enter, now);
    answer_all(&mut app, &answers, now);
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::ThankYou { .. }));
    let thanks = one_line(&draw(&app, 80, 24));
    assert!(
        thanks.contains("A doctor needs to approve your treatment first"),
        "{thanks}"
    );
}

#[test]
fn the_result_shows_the_overrides_schedule_in_force_before_the_computed_one() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = reviewed(out.path(), &suitable());
    press(&mut app, KeyCode::F(3), now);
    press(&mut app, KeyCode::Char('1'), now);
    press(&mut app, KeyCode::Tab, now);
    type_str(&mut app, "Back from holiday on the 24th", now);
    press(&mut app, KeyCode::Tab, now);
    type_str(&mut app, "24/03/2025", now);
    press(&mut app, KeyCode::Tab, now);
    type_str(&mut app, "KL", now);
    press(&mut app, KeyCode::Enter, now);
    assert!(app.overlay.is_none(), "the override form stayed open");
    press(&mut app, KeyCode::Enter, now);
    assert!(matches!(app.screen, Screen::Result(_)), "no result");
    for (w, h) in [(80, 24), (120, 40)] {
        let text = draw(&app, w, h);
        let in_force = line_index(&text, "Schedule in force — the override's, from")
            .unwrap_or_else(|| {
                panic!("{w}x{h}: no schedule in force on the first screen:\n{text}")
            });
        assert!(text.contains("24 March 2025"), "{w}x{h}:\n{text}");
        if let Some(computed) = line_index(&text, "Computed schedule") {
            assert!(in_force < computed, "{w}x{h}:\n{text}");
        }
        assert!(
            !text.contains("Proposed schedule"),
            "the computed schedule reads as the one to book:\n{text}"
        );
        let text = regex_lite_replace(&text.replace(out.path().to_str().unwrap(), "<out>"));
        assert_snapshot!(format!("result_override_start_{w}x{h}"), text);
    }
}

#[test]
fn the_note_field_wraps_over_several_lines_and_enter_still_confirms() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = staff_at("notes", out.path());
    let note = "I had a reaction to a peel in 2023 that lasted a week; \
                my skin is fine now but please go gently around the eyes. \
                I will be away in August.";
    type_str(&mut app, note, now);
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = draw(&app, w, h);
        assert!(screen.contains("I had a reaction"), "{screen}");
        assert!(
            screen.contains("August."),
            "the end of the note is shown too:\n{screen}"
        );
        assert_snapshot!(format!("question_long_note_{w}x{h}"), screen);
    }
    press(&mut app, KeyCode::Enter, now);
    assert!(app.current_item().is_none_or(|i| i.id != "notes"));
    assert_eq!(
        app.session.as_ref().unwrap().intake.answers().get("notes"),
        Some(&skin_intake::model::answer::Answer::Text(note.to_owned()))
    );
}

#[test]
fn a_note_longer_than_its_box_scrolls_to_the_cursor() {
    let out = out_dir();
    let now = Instant::now();
    let mut app = staff_at("notes", out.path());
    let note = format!("{}END", "x".repeat(990));
    app.handle_paste(&note, now);
    for (w, h) in [(80, 24), (120, 40), (60, 20)] {
        let screen = draw(&app, w, h);
        assert!(
            screen.contains("END"),
            "the typing end is in view:\n{screen}"
        );
    }
}
