//! The one text layout of the screens: the lines it measures are the lines drawn, none wider than
//! the width, nothing lost, styles kept, and laying out its own lines again changes nothing.

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use skin_intake::tui::text_layout::{
    ellipsize, hanging, width_of, wrap, wrap_at_most, wrap_line, wrap_lines, wrapped_height,
};
use unicode_segmentation::UnicodeSegmentation;

/// Pieces of text that have broken wrapping before: long words, URLs, paths, CJK, emoji
/// (presentation selectors, skin tones, ZWJ families, flags, keycaps), combining marks, and
/// whitespace and control characters of every kind.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z]{1,12}[.,;]?",
        1 => "[A-Za-z0-9]{20,130}",
        2 => "https://[a-z]{2,12}\\.(org|com)(/[a-z0-9_.-]{1,20}){1,6}(\\?[a-z]=[0-9]{1,4})?",
        2 => "(/[a-z0-9._-]{1,25}){2,8}/?",
        2 => "[\u{4e00}-\u{4e80}\u{3041}-\u{3090}]{1,30}",
        2 => prop::sample::select(vec![
            "❤\u{fe0f}", "👍🏽", "👨\u{200d}👩\u{200d}👧", "🇫🇷", "✔", "☺\u{fe0f}", "1\u{fe0f}\u{20e3}",
            "ｶﾞ", "لا", "…",
        ])
        .prop_map(String::from),
        1 => "[aeiouxyz][\u{300}-\u{36f}]{1,3}",
        2 => prop::sample::select(vec![
            "\t", "\n", "\n\n", "   ", "\u{a0}", "\r\n", "\u{200b}", "\u{7}", "\u{1b}[31m", "\u{2028}",
            "\u{3000}", " \u{301}",
        ])
        .prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (
            token(),
            prop::sample::select(vec![" ", " ", "", "  ", "\n", "\t"]),
        ),
        0..25,
    )
    .prop_map(|parts| parts.into_iter().map(|(token, gap)| token + gap).collect())
}

/// What a reader sees of `text`: its characters that take columns, without whitespace.
fn visible(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && width_of(c.encode_utf8(&mut [0; 4])) > 0)
        .collect()
}

/// What a reader should see of `text` laid out at `width`: a grapheme wider than the whole line
/// shows as `…` (whitespace, however wide, is where lines break).
fn expected(text: &str, width: usize) -> String {
    let shown: String = text
        .graphemes(true)
        .map(|g| {
            if width_of(g) > width && !g.chars().all(char::is_whitespace) {
                "…"
            } else {
                g
            }
        })
        .collect();
    visible(&shown)
}

/// Draws `lines` as the screens do (a `Paragraph` of laid-out lines, no wrapping) into a buffer
/// two rows taller than them, and returns each row's text.
fn drawn(lines: Vec<Line<'static>>, width: u16) -> (Vec<String>, Buffer) {
    let height = u16::try_from(lines.len()).unwrap() + 2;
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    Paragraph::new(lines).render(area, &mut buf);
    let rows = (0..height)
        .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect())
        .collect();
    (rows, buf)
}

const COLOURS: [Color; 4] = [Color::Red, Color::Green, Color::Blue, Color::Yellow];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn measured_lines_are_the_drawn_lines(text in text(), width in 1u16..=120) {
        let w = usize::from(width);
        let lines = wrap(&text, w);
        prop_assert_eq!(usize::from(wrapped_height(&text, width)), lines.len());
        for line in &lines {
            prop_assert!(width_of(line) <= w, "{:?} is wider than {}", line, w);
        }
        let (rows, _) = drawn(lines.iter().cloned().map(Line::from).collect(), width);
        // Each measured line is drawn whole on its own row, and nothing below them.
        for (row, line) in rows.iter().zip(&lines) {
            prop_assert_eq!(visible(row), visible(line), "clipped or moved at width {}", w);
        }
        for row in &rows[lines.len()..] {
            prop_assert!(row.trim().is_empty(), "drawn past the measured lines: {:?}", row);
        }
        // Nothing of the text is lost.
        prop_assert_eq!(visible(&lines.concat()), expected(&text, w));
    }

    #[test]
    fn styled_lines_wrap_as_plain_text_does_and_keep_their_styles(
        text in text(),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..6),
        width in 1u16..=120,
    ) {
        // The text in spans of different colours, cut at random character boundaries.
        let bounds: Vec<usize> =
            text.grapheme_indices(true).map(|(i, _)| i).chain([text.len()]).collect();
        let mut at: Vec<usize> = cuts.iter().map(|c| bounds[c.index(bounds.len())]).collect();
        at.extend([0, text.len()]);
        at.sort_unstable();
        at.dedup();
        let spans: Vec<Span<'static>> = at
            .windows(2)
            .enumerate()
            .map(|(k, pair)| {
                Span::styled(text[pair[0]..pair[1]].to_owned(), Style::new().fg(COLOURS[k % 4]))
            })
            .collect();
        let line = Line::from(spans.clone());
        let wrapped = wrap_line(&line, width);
        let plain: Vec<String> = wrapped.iter().map(ToString::to_string).collect();
        prop_assert_eq!(&plain, &wrap(&text, usize::from(width)));
        // Every visible character keeps its span's colour, on screen too.
        let coloured = |spans: &[Span]| -> Vec<(char, Option<Color>)> {
            spans
                .iter()
                .flat_map(|s| visible(&s.content).chars().map(|c| (c, s.style.fg)).collect::<Vec<_>>())
                .collect()
        };
        let wide = text.graphemes(true).any(|g| width_of(g) > usize::from(width));
        let out: Vec<Span> = wrapped.iter().flat_map(|l| l.spans.clone()).collect();
        if !wide {
            prop_assert_eq!(coloured(&out), coloured(&spans));
        }
        let (rows, buf) = drawn(wrapped.clone(), width);
        for (y, line) in wrapped.iter().enumerate() {
            prop_assert_eq!(visible(&rows[y]), visible(&line.to_string()));
            let y = u16::try_from(y).unwrap();
            let cells: Vec<(char, Option<Color>)> = (0..width)
                .flat_map(|x| {
                    let cell = &buf[(x, y)];
                    visible(cell.symbol()).chars().map(|c| (c, Some(cell.fg))).collect::<Vec<_>>()
                })
                .collect();
            prop_assert_eq!(cells, coloured(&line.spans));
        }
    }

    #[test]
    fn laying_out_laid_out_lines_again_changes_nothing(text in text(), width in 1u16..=120) {
        let lines: Vec<Line> = wrap(&text, usize::from(width)).into_iter().map(Line::from).collect();
        let again = wrap_lines(lines.clone(), width);
        prop_assert_eq!(again, lines);
    }

    #[test]
    fn cut_and_hanging_lines_fit_and_say_when_they_cut(
        text in text(),
        first in prop::sample::select(vec!["", "• ", "  ", "Clinician note: ", "Sessions:     "]),
        width in 1u16..=120,
        max in 0usize..5,
    ) {
        let w = usize::from(width);
        let all = wrap(&text, w);
        let few = wrap_at_most(&text, w, max);
        prop_assert_eq!(few.len(), all.len().min(max));
        for line in &few {
            prop_assert!(width_of(line) <= w, "{:?}", line);
        }
        if all.len() > max && max > 0 {
            prop_assert!(few.last().unwrap().ends_with('…'), "{:?}", few);
        }
        let short = ellipsize(&text, w);
        prop_assert!(width_of(&short) <= w, "{:?}", short);
        prop_assert!(!short.contains('\n'));
        for line in hanging(first, &text, w) {
            prop_assert!(width_of(&line) <= w, "{:?} after {:?}", line, first);
        }
    }
}

#[test]
fn a_path_too_long_for_a_line_breaks_after_a_slash_that_fits() {
    assert_eq!(
        wrap(
            "See https://clinic.example.org/aftercare/microneedling/week-one.pdf today",
            40
        ),
        [
            "See https://clinic.example.org/",
            "aftercare/microneedling/week-one.pdf",
            "today"
        ]
    );
    // A path that fits on a line of its own moves there whole.
    assert_eq!(
        wrap("Saved to /srv/intakes/a.json", 20),
        ["Saved to", "/srv/intakes/a.json"]
    );
    // A leading `/` or `//` is never a line of its own.
    assert_eq!(wrap("go /srv/clinic/x", 7), ["go", "/srv/", "clinic/", "x"]);
    assert_eq!(
        wrap("https://example.org/aftercare", 12),
        ["https://", "example.org/", "aftercare"]
    );
}

#[test]
fn whitespace_inside_a_line_stays_as_written_and_goes_at_a_break() {
    assert_eq!(wrap("4–5  (Fine lines 3–4)", 40), ["4–5  (Fine lines 3–4)"]);
    assert_eq!(wrap("  indented text", 40), ["  indented text"]);
    assert_eq!(wrap("one\ttwo\r\nthree   ", 40), ["one two", "three"]);
    assert_eq!(wrap("first    second", 8), ["first", "second"]);
    // Indentation the first word does not fit after goes, rather than make lines of spaces.
    assert_eq!(wrap("\t a ", 1), ["a"]);
    // A no-break space keeps a number with its unit.
    assert_eq!(
        wrap("about 3–4\u{a0}sessions", 12),
        ["about", "3–4\u{a0}sessions"]
    );
    assert_eq!(wrap("", 10), [""]);
    assert_eq!(wrap("a\n\nb", 10), ["a", "", "b"]);
}

#[test]
fn wide_characters_take_two_columns() {
    assert_eq!(width_of("漢字"), 4);
    assert_eq!(width_of("☺\u{fe0f}"), 2);
    assert_eq!(width_of("e\u{301}"), 1);
    assert_eq!(wrap("漢字漢字漢", 4), ["漢字", "漢字", "漢"]);
    // A grapheme wider than the whole line shows as `…` rather than vanishing.
    assert_eq!(wrap("漢", 1), ["…"]);
}

/// Test: beside a long label, a value keeps 12 columns (or its own width, when shorter); the
/// label is cut with "…", keeping its ": ".
#[test]
fn a_label_is_cut_so_that_its_value_keeps_12_columns() {
    use skin_intake::tui::text_layout::fit_label;
    let label = "• When did you last have a chemical peel or laser treatment in the area?: ";
    let fitted = fit_label(label, "12 November 2026", 78);
    assert!((60..=78 - 12).contains(&width_of(&fitted)), "{fitted}");
    assert!(fitted.ends_with("…: "), "{fitted}");
    // A short value needs only its width.
    let fitted = fit_label(label, "No", 76);
    assert!((70..=74).contains(&width_of(&fitted)), "{fitted}");
    // Where everything fits, nothing is cut.
    assert_eq!(fit_label("• Name: ", "Maria Garcia", 78), "• Name: ");
}
