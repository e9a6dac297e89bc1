//! Every word a person reads comes from `words`: each language words every phrase, and the screens
//! and the printed record hold no English of their own (read from the source, so a new string
//! literal with words in it fails here).

use std::path::{Path, PathBuf};

use skin_intake::engine::summary::{Decision, Mode};
use skin_intake::model::questionnaire::Level;
use skin_intake::words::{Hint, LANGUAGES, Label, ModeForm};

#[test]
fn every_language_words_every_label_hint_verdict_decision_and_mode() {
    for (code, words) in LANGUAGES {
        for label in Label::ALL {
            assert!(!words.label(*label).trim().is_empty(), "{code}: {label:?}");
        }
        for hint in Hint::ALL {
            let (key, does) = words.hint(*hint);
            assert!(!key.is_empty() && !does.is_empty(), "{code}: {hint:?}");
        }
        for level in Level::ALL {
            assert!(!words.verdict(level).is_empty(), "{code}: {level:?}");
            assert!(!words.verdict_short(level).is_empty(), "{code}: {level:?}");
            // Paper prints the words alone: the verdict is one symbol, a space, then its words.
            let in_words = words.verdict_in_words(level);
            assert_eq!(
                words.verdict(level).chars().count(),
                in_words.chars().count() + 2,
                "{code}: {level:?}"
            );
            assert!(
                in_words.chars().all(|c| c.is_alphabetic() || c == ' '),
                "{code}: {level:?}: {in_words}"
            );
        }
        for decision in Decision::ALL {
            assert!(!words.decision(decision).is_empty(), "{code}: {decision:?}");
            assert!(
                !words.decision_short(decision).is_empty(),
                "{code}: {decision:?}"
            );
        }
        for mode in [Mode::Kiosk, Mode::Staff, Mode::Batch] {
            for form in [ModeForm::Answered, ModeForm::Column, ModeForm::Place] {
                assert!(
                    !words.mode(mode, form).is_empty(),
                    "{code}: {mode:?} {form:?}"
                );
            }
        }
    }
}

#[test]
fn the_lists_of_labels_and_hints_hold_each_one_once() {
    // Fieldless enums count their variants from 0 in order: a list in that order, without gaps,
    // misses none but those after its last.
    let labels: Vec<usize> = Label::ALL.iter().map(|l| *l as usize).collect();
    assert_eq!(labels, (0..labels.len()).collect::<Vec<_>>());
    let hints: Vec<usize> = Hint::ALL.iter().map(|h| *h as usize).collect();
    assert_eq!(hints, (0..hints.len()).collect::<Vec<_>>());
}

/// Literals in `src/tui` and `src/print` that hold letters but are not words a person reads.
const NOT_WORDS: &[&str] = &[
    // HTML and CSS of the printed page.
    "utf-8",
    "viewport",
    "width=device-width, initial-scale=1",
    "verdict level-",
    "level-",
    "warning level-",
    ".html",
    ".pdf",
    // The PDF: CUPS's media name, the fonts built in, the producer, and font tables.
    "Letter",
    "../../assets/fonts/DejaVuSans.ttf",
    "../../assets/fonts/DejaVuSans-Bold.ttf",
    "skin-intake",
    "head",
    "hhea",
    "hmtx",
    "cmap",
    // Signals, by their names.
    "SIGHUP",
    "SIGTERM",
    // A panic's message, for programmers: it cannot happen.
    "a record has a version",
];

/// The printed page's style sheet (a CSS constant) starts so.
const STYLE_SHEET: &str = ":root {";

#[test]
fn the_screens_and_the_printed_record_hold_no_words_of_their_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for part in ["tui", "print", "plain"] {
        files.push(src.join(format!("{part}.rs")));
        sources(&src.join(part), &mut files);
    }
    let mut found = Vec::new();
    for file in &files {
        let name = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests at the end of a file may say what they like.
        let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
        for (line, literal) in string_literals(code) {
            if has_words(&literal)
                && !NOT_WORDS.contains(&literal.as_str())
                && !literal.trim_start().starts_with(STYLE_SHEET)
            {
                found.push(format!("src/{name}:{line}: {literal:?}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "words belong in src/words (a Label, Hint or Say and each language's words for it):\n{}",
        found.join("\n")
    );
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Letters that make a word once format arguments (`{name}`, `{:>3}`) and escapes (`\n`,
/// `\u{a0}`) are taken out: two letters in a row.
fn has_words(literal: &str) -> bool {
    let mut plain = String::new();
    let mut chars = literal.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
            }
            '{' => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
                plain.push(' ');
            }
            '\\' => {
                if chars.next() == Some('u') {
                    for c in chars.by_ref() {
                        if c == '}' {
                            break;
                        }
                    }
                }
                plain.push(' ');
            }
            c => plain.push(c),
        }
    }
    plain
        .as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic())
}

/// The string literals of Rust source, with the line each starts on: comments, character
/// literals and lifetimes skipped; attributes (`#[…]`) skipped.
fn string_literals(code: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let mut attribute_depth: Option<usize> = None;
    let mut depth = 0usize;
    let word_char = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if next == Some('*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i += 2;
            }
            '#' if next == Some('[') || (next == Some('!') && chars.get(i + 2) == Some(&'[')) => {
                attribute_depth.get_or_insert(depth);
                i += 1;
            }
            '[' => {
                depth += 1;
                i += 1;
            }
            ']' => {
                depth = depth.saturating_sub(1);
                if attribute_depth == Some(depth) {
                    attribute_depth = None;
                }
                i += 1;
            }
            '\'' => {
                // A character literal ('a', '\n', '\u{a0}') or a lifetime ('a).
                if next == Some('\\') {
                    i += 2;
                    while i < chars.len() && chars[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            'r' | 'b' if (i == 0 || !word_char(chars[i - 1])) && raw_start(&chars, i).is_some() => {
                let (hashes, body) = raw_start(&chars, i).unwrap_or((0, i));
                let start_line = line;
                let mut j = body;
                let mut text = String::new();
                loop {
                    if j >= chars.len() {
                        break;
                    }
                    if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    if chars[j] == '\n' {
                        line += 1;
                    }
                    text.push(chars[j]);
                    j += 1;
                }
                if attribute_depth.is_none() {
                    found.push((start_line, text));
                }
                i = j;
            }
            '"' => {
                let start_line = line;
                let mut j = i + 1;
                let mut text = String::new();
                while j < chars.len() && chars[j] != '"' {
                    if chars[j] == '\\' {
                        text.push(chars[j]);
                        j += 1;
                    }
                    if chars[j] == '\n' {
                        line += 1;
                    }
                    text.push(chars[j]);
                    j += 1;
                }
                if attribute_depth.is_none() {
                    found.push((start_line, text));
                }
                i = j + 1;
            }
            c if word_char(c) => {
                // Skip the identifier whole, so that `r` or `b` inside one starts nothing.
                while i < chars.len() && word_char(chars[i]) {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    found
}

/// Where a raw or byte string starts at `i` (`r"`, `r#"`, `br"`, `b"`): how many `#` close it
/// and where its text begins.
fn raw_start(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    let raw = chars.get(j) == Some(&'r');
    if raw {
        j += 1;
    }
    if !raw && j == i {
        return None;
    }
    let mut hashes = 0;
    while raw && chars.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    (chars.get(j) == Some(&'"')).then_some((hashes, j + 1))
}

/// Test: every count sentence says one thing in the singular ("1 second", never "1 seconds").
#[test]
fn counts_of_one_are_singular() {
    use skin_intake::words::{Say, for_language};
    let en = for_language("en");
    let said = |say: Say| en.say(&say);
    assert_eq!(
        said(Say::ClearsIn { seconds: 1.0 }),
        "To keep your answers private, this screen will clear in 1 second."
    );
    assert_eq!(
        said(Say::ClearsIn { seconds: 10.0 }),
        "To keep your answers private, this screen will clear in 10 seconds."
    );
    assert_eq!(
        said(Say::PinWait { seconds: 1.0 }),
        "Too many wrong tries. Please wait 1 second."
    );
    assert_eq!(said(Say::Weeks { weeks: "1" }), "1 week");
    assert_eq!(said(Say::Weeks { weeks: "4–6" }), "4–6 weeks");
    assert_eq!(said(Say::Years { age: 1 }), "1 year");
    assert_eq!(said(Say::EveryWeeks { weeks: "1" }), "every week");
    assert_eq!(
        said(Say::MaintenanceEvery { months: "1" }),
        "one session every month"
    );
    assert_eq!(
        said(Say::CharactersOf { typed: 0, most: 1 }),
        "0 of 1 character"
    );
    assert_eq!(
        said(Say::CourseTakes {
            sessions: "1",
            weeks: "1"
        }),
        "From your answers, a course usually takes about 1\u{a0}session, 1\u{a0}week apart."
    );
    assert_eq!(
        said(Say::PinWrong { tries_left: 1 }),
        "That PIN is not right. 1 try left."
    );
    // Spanish too.
    let es = for_language("es");
    let dijo = |say: Say| es.say(&say);
    assert_eq!(
        dijo(Say::PinWait { seconds: 1.0 }),
        "Demasiados intentos fallidos. Espere 1 segundo, por favor."
    );
    assert_eq!(dijo(Say::Weeks { weeks: "1" }), "1 semana");
    assert_eq!(dijo(Say::Weeks { weeks: "4–6" }), "4–6 semanas");
    assert_eq!(dijo(Say::Years { age: 1 }), "1 año");
    assert_eq!(dijo(Say::EveryWeeks { weeks: "1" }), "cada semana");
    assert_eq!(
        dijo(Say::MaintenanceEvery { months: "1" }),
        "una sesión cada mes"
    );
    assert_eq!(
        dijo(Say::CharactersOf { typed: 0, most: 1 }),
        "0 de 1 carácter"
    );
}
