//! The one keymap: what each key does in each place, and the key hints the footer shows, from the
//! same table, so a key and its hint can never disagree. Keys, taps, pastes and timer ticks all
//! become [`Action`]s; the app and its screens handle actions, never raw keys (except the text a
//! field receives, [`Action::Edit`]).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::words::{Hint, Words};

/// Something the person asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    /// Enter: confirm, open, submit, begin.
    Confirm,
    /// Esc: back, cancel.
    Back,
    /// Space: tick the highlighted option.
    Toggle,
    /// A digit key: option 1–9, 0 for the tenth.
    Pick(usize),
    Yes,
    No,
    /// Tab / Shift-Tab: the next or previous field of a form.
    NextField,
    PreviousField,
    /// A key for the text field in focus (a character, Backspace, cursor keys…).
    Edit(KeyEvent),
    Paste(String),
    /// Alt-Enter or Ctrl-J in a long text answer: a line break.
    NewLine,
    /// A click or tap on something the layout placed there.
    Tap(Hit),
    /// F2: the clinician note.
    Note,
    /// F3: override the verdict.
    Override,
    /// F10: the staff PIN prompt at the kiosk.
    Staff,
    /// F5 at the kiosk: start again from the beginning (asks first).
    StartOver,
    /// F9 at the kiosk: call a member of staff.
    CallStaff,
    /// Ctrl-C: leave (staff).
    Leave,
    /// `q`: quit from a list or the result.
    Quit,
    /// `d` / Delete: delete the selected row, or remove an override.
    Delete,
    /// `r`: try the export again.
    Retry,
    /// `/`: find a patient in the list.
    Find,
    /// `f`: show the list's next state (all, waiting, has issues, unfinished, reviewed).
    FilterState,
    /// `t`: show the list's next span of days (all, today, this week).
    FilterDay,
    /// `e`: change a record's answers with the patient.
    ChangeAnswers,
    /// `s`: sign a record off.
    SignOff,
    /// `p`: print a record (its PDF kept beside it, sent to the printer).
    Print,
    /// `f`: where the record's latest version is kept, for staff who want the file.
    File,
    /// A letter on the kiosk's welcome screen: the language whose key it is (`e`, `s`).
    Language(char),
    /// `n`: the next patient.
    NextPatient,
}

/// What a tap can land on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Option(usize),
    Row(usize),
    /// One of the questionnaire's languages on the kiosk's welcome screen, by its place.
    Language(usize),
    Back,
    Next,
    /// The kiosk's `Start over` and `Call staff` buttons.
    StartOver,
    CallStaff,
    /// The answers of a question asked before acting (Yes, No).
    Yes,
    No,
}

/// Where the keys go: the screen or popup in focus, and what it offers right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Start {
        has_rows: bool,
        /// Typing a name or date to find.
        finding: bool,
        /// Staff took over the kiosk: leaving the list goes back to the staff menu.
        at_kiosk: bool,
    },
    /// Staff: one intake's record.
    Record,
    /// Staff: signing a record off.
    SignOff {
        on_decision: bool,
    },
    Welcome,
    Question {
        answer: AnswerKind,
        can_go_back: bool,
        staff: bool,
    },
    Review {
        staff: bool,
    },
    Result {
        saved: bool,
        /// Staff took over the kiosk: leaving the result goes back to the staff menu.
        at_kiosk: bool,
    },
    ThankYou,
    /// Kiosk: waiting for staff; no key but F10 does anything.
    Held,
    /// Kiosk: staff were called; no key but F10 does anything.
    StaffCalled,
    /// Kiosk: asked before starting over.
    StartOver,
    Pin,
    /// Kiosk, after the PIN: the staff menu.
    StaffMenu,
    /// Staff: asked before leaving an intake.
    Leaving,
    /// Staff: a patient's unfinished intake offered to resume.
    ResumeOffer,
    Note,
    Override {
        on_level: bool,
    },
}

/// The kind of answer widget a question shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerKind {
    Single,
    Multi,
    Boolean,
    Text,
    /// A text of several lines (the patient's own note).
    LongText,
    Date,
}

impl Focus {
    /// A screen of the kiosk, where the patient is (F10 calls staff; Ctrl-C does nothing).
    fn kiosk(self) -> bool {
        matches!(
            self,
            Focus::Welcome
                | Focus::ThankYou
                | Focus::Held
                | Focus::StaffCalled
                | Focus::StartOver
                | Focus::Question { staff: false, .. }
                | Focus::Review { staff: false }
        )
    }

    fn typing(self) -> bool {
        matches!(
            self,
            Focus::Question {
                answer: AnswerKind::Text | AnswerKind::LongText | AnswerKind::Date,
                ..
            } | Focus::Pin
                | Focus::Start { finding: true, .. }
                | Focus::SignOff { on_decision: false }
                | Focus::Note
                | Focus::Override { on_level: false }
        )
    }
}

/// A key: its code, whether Ctrl is held, and whether it needs Alt held (a key without it acts
/// with or without Alt).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    code: KeyCode,
    ctrl: bool,
    alt: bool,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
        alt: false,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: true,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

/// One row of the keymap: in which focus, which keys, what they do, and the footer's hint.
struct Binding {
    when: fn(Focus) -> bool,
    keys: &'static [Key],
    action: fn(KeyCode) -> Action,
    hint: Option<Hint>,
}

const ARROWS: &[Key] = &[key(KeyCode::Up), key(KeyCode::Down)];
const DIGITS: &[Key] = &[
    ch('1'),
    ch('2'),
    ch('3'),
    ch('4'),
    ch('5'),
    ch('6'),
    ch('7'),
    ch('8'),
    ch('9'),
    ch('0'),
];

fn arrow(code: KeyCode) -> Action {
    if code == KeyCode::Up {
        Action::Up
    } else {
        Action::Down
    }
}

fn digit(code: KeyCode) -> Action {
    match code {
        KeyCode::Char(c) => {
            let n = c.to_digit(10).map_or(1, |d| d as usize);
            Action::Pick(if n == 0 { 9 } else { n - 1 })
        }
        _ => Action::Pick(0),
    }
}

fn paging(code: KeyCode) -> Action {
    match code {
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Home => Action::Home,
        _ => Action::End,
    }
}

const PAGING: &[Key] = &[
    key(KeyCode::PageUp),
    key(KeyCode::PageDown),
    key(KeyCode::Home),
    key(KeyCode::End),
];

fn is_start(f: Focus) -> bool {
    matches!(f, Focus::Start { .. })
}

fn is_question(f: Focus) -> bool {
    matches!(f, Focus::Question { .. })
}

fn is_staff_question(f: Focus) -> bool {
    matches!(f, Focus::Question { staff: true, .. })
}

fn is_staff_review(f: Focus) -> bool {
    matches!(f, Focus::Review { staff: true })
}

fn answer_is(f: Focus, kinds: &[AnswerKind]) -> bool {
    matches!(f, Focus::Question { answer, .. } if kinds.contains(&answer))
}

/// The patient alone at a question or the review.
fn is_kiosk_asking(f: Focus) -> bool {
    matches!(
        f,
        Focus::Question { staff: false, .. } | Focus::Review { staff: false }
    )
}

/// The keymap, in the order the footer lists the hints of each focus.
static BINDINGS: &[Binding] = &[
    // The staff list of intakes.
    Binding {
        when: is_start,
        keys: ARROWS,
        action: arrow,
        hint: Some(Hint::Choose),
    },
    Binding {
        when: is_start,
        keys: &[key(KeyCode::Home), key(KeyCode::End)],
        action: paging,
        hint: None,
    },
    Binding {
        when: is_start,
        keys: &[key(KeyCode::Enter)],
        action: |_| Action::Confirm,
        hint: Some(Hint::Open),
    },
    Binding {
        when: is_start,
        keys: &[key(KeyCode::PageUp), key(KeyCode::PageDown)],
        action: paging,
        hint: None,
    },
    Binding {
        when: |f| matches!(f, Focus::Start { finding: false, .. }),
        keys: &[ch('/')],
        action: |_| Action::Find,
        hint: Some(Hint::Find),
    },
    Binding {
        when: |f| matches!(f, Focus::Start { finding: false, .. }),
        keys: &[ch('f')],
        action: |_| Action::FilterState,
        hint: Some(Hint::FilterState),
    },
    Binding {
        when: |f| matches!(f, Focus::Start { finding: false, .. }),
        keys: &[ch('t')],
        action: |_| Action::FilterDay,
        hint: Some(Hint::FilterDay),
    },
    Binding {
        when: |f| matches!(f, Focus::Start { finding: true, .. }),
        keys: &[key(KeyCode::Esc)],
        action: |_| Action::Back,
        hint: Some(Hint::ShowAll),
    },
    Binding {
        when: |f| {
            matches!(
                f,
                Focus::Start {
                    has_rows: true,
                    finding: false,
                    ..
                }
            )
        },
        keys: &[ch('d'), key(KeyCode::Delete)],
        action: |_| Action::Delete,
        hint: Some(Hint::Delete),
    },
    Binding {
        when: is_start,
        keys: &[ch('d'), key(KeyCode::Delete)],
        action: |_| Action::Delete,
        hint: None,
    },
    Binding {
        when: |f| {
            matches!(
                f,
                Focus::Start {
                    at_kiosk: false,
                    ..
                }
            )
        },
        keys: &[ch('q')],
        action: |_| Action::Quit,
        hint: Some(Hint::Quit),
    },
    Binding {
        when: |f| {
            matches!(
                f,
                Focus::Start {
                    at_kiosk: true,
                    finding: false,
                    ..
                }
            )
        },
        keys: &[ch('q'), key(KeyCode::Esc)],
        action: |_| Action::Quit,
        hint: Some(Hint::StaffMenu),
    },
    // One record.
    Binding {
        when: |f| f == Focus::Record,
        keys: ARROWS,
        action: arrow,
        hint: Some(Hint::Scroll),
    },
    Binding {
        when: |f| f == Focus::Record,
        keys: PAGING,
        action: paging,
        hint: None,
    },
    Binding {
        when: |f| f == Focus::Record,
        keys: &[ch('e')],
        action: |_| Action::ChangeAnswers,
        hint: Some(Hint::ChangeAnswers),
    },
    Binding {
        when: |f| f == Focus::Record,
        keys: &[ch('s')],
        action: |_| Action::SignOff,
        hint: Some(Hint::SignOff),
    },
    Binding {
        when: |f| f == Focus::Record,
        keys: &[ch('o'), key(KeyCode::F(3))],
        action: |_| Action::Override,
        hint: Some(Hint::Override),
    },
    Binding {
        when: |f| f == Focus::Record,
        keys: &[ch('n'), key(KeyCode::F(2))],
        action: |_| Action::Note,
        hint: Some(Hint::ChangeNote),
    },
    Binding {
        when: |f| f == Focus::Record,
        keys: &[ch('p')],
        action: |_| Action::Print,
        hint: Some(Hint::Print),
    },
    Binding {
        when: |f| f == Focus::Record,
        keys: &[ch('f')],
        action: |_| Action::File,
        hint: Some(Hint::File),
    },
    Binding {
        when: |f| f == Focus::Record,
        keys: &[key(KeyCode::Esc), ch('q')],
        action: |_| Action::Back,
        hint: Some(Hint::BackToList),
    },
    // Signing off.
    Binding {
        when: |f| matches!(f, Focus::SignOff { .. }),
        keys: &[key(KeyCode::Enter)],
        action: |_| Action::Confirm,
        hint: None,
    },
    Binding {
        when: |f| matches!(f, Focus::SignOff { .. }),
        keys: &[key(KeyCode::Esc)],
        action: |_| Action::Back,
        hint: None,
    },
    Binding {
        when: |f| matches!(f, Focus::SignOff { .. }),
        keys: &[key(KeyCode::Tab), key(KeyCode::Down)],
        action: |_| Action::NextField,
        hint: None,
    },
    Binding {
        when: |f| matches!(f, Focus::SignOff { .. }),
        keys: &[key(KeyCode::BackTab), key(KeyCode::Up)],
        action: |_| Action::PreviousField,
        hint: None,
    },
    Binding {
        when: |f| f == Focus::SignOff { on_decision: true },
        keys: &[key(KeyCode::Left)],
        action: |_| Action::Left,
        hint: None,
    },
    Binding {
        when: |f| f == Focus::SignOff { on_decision: true },
        keys: &[key(KeyCode::Right)],
        action: |_| Action::Right,
        hint: None,
    },
    Binding {
        when: |f| f == Focus::SignOff { on_decision: true },
        keys: &[ch('1'), ch('2'), ch('3'), ch('4')],
        action: digit,
        hint: None,
    },
    // Kiosk welcome and thank-you.
    Binding {
        when: |f| f == Focus::Welcome,
        keys: &[key(KeyCode::Enter)],
        action: |_| Action::Confirm,
        hint: Some(Hint::Begin),
    },
    Binding {
        when: |f| f == Focus::Welcome,
        keys: &[ch('e'), ch('s')],
        action: |code| match code {
            KeyCode::Char(c) => Action::Language(c),
            _ => Action::Language('e'),
        },
        hint: None,
    },
    Binding {
        when: |f| f == Focus::ThankYou,
        keys: &[key(KeyCode::Enter)],
        action: |_| Action::Confirm,
        hint: Some(Hint::Finish),
    },
    // A question: the answer widget first.
    Binding {
        when: |f| answer_is(f, &[AnswerKind::Single]),
        keys: ARROWS,
        action: arrow,
        hint: Some(Hint::ChooseByDigit),
    },
    Binding {
        when: |f| {
            answer_is(
                f,
                &[AnswerKind::Single, AnswerKind::Multi, AnswerKind::Boolean],
            )
        },
        keys: DIGITS,
        action: digit,
        hint: None,
    },
    Binding {
        when: |f| answer_is(f, &[AnswerKind::Multi]),
        keys: ARROWS,
        action: arrow,
        hint: Some(Hint::Move),
    },
    Binding {
        when: |f| answer_is(f, &[AnswerKind::Multi]),
        keys: &[ch(' ')],
        action: |_| Action::Toggle,
        hint: Some(Hint::Tick),
    },
    Binding {
        when: |f| answer_is(f, &[AnswerKind::Boolean]),
        keys: &[ch('y'), ch('Y'), ch('s'), ch('S'), key(KeyCode::Up)],
        action: |_| Action::Yes,
        hint: Some(Hint::YesNo),
    },
    Binding {
        when: |f| answer_is(f, &[AnswerKind::Boolean]),
        keys: &[ch('n'), ch('N'), key(KeyCode::Down)],
        action: |_| Action::No,
        hint: None,
    },
    Binding {
        when: |f| answer_is(f, &[AnswerKind::Text]),
        keys: &[],
        action: |_| Action::Confirm,
        hint: Some(Hint::TypeAnswer),
    },
    // Before Enter: Alt-Enter is Enter with Alt held. Ctrl-J for terminals that send Alt-Enter
    // as Enter. Its hint says that this field is typed in, as "type answer" does for a short one.
    Binding {
        when: |f| answer_is(f, &[AnswerKind::LongText]),
        keys: &[alt(KeyCode::Enter), ctrl('j')],
        action: |_| Action::NewLine,
        hint: Some(Hint::NewLine),
    },
    Binding {
        when: |f| answer_is(f, &[AnswerKind::Date]),
        keys: &[],
        action: |_| Action::Confirm,
        hint: Some(Hint::TypeDate),
    },
    Binding {
        when: is_question,
        keys: &[key(KeyCode::Enter)],
        action: |_| Action::Confirm,
        hint: Some(Hint::Next),
    },
    Binding {
        when: |f| {
            matches!(
                f,
                Focus::Question {
                    can_go_back: true,
                    ..
                }
            )
        },
        keys: &[key(KeyCode::Esc)],
        action: |_| Action::Back,
        hint: Some(Hint::Back),
    },
    Binding {
        when: is_question,
        keys: &[key(KeyCode::Esc)],
        action: |_| Action::Back,
        hint: None,
    },
    Binding {
        when: is_staff_question,
        keys: &[key(KeyCode::F(2))],
        action: |_| Action::Note,
        hint: Some(Hint::Note),
    },
    Binding {
        when: is_staff_question,
        keys: &[key(KeyCode::F(3))],
        action: |_| Action::Override,
        hint: Some(Hint::OverrideF3),
    },
    Binding {
        when: is_staff_question,
        keys: &[ctrl('c')],
        action: |_| Action::Leave,
        hint: Some(Hint::Leave),
    },
    // The review.
    Binding {
        when: |f| matches!(f, Focus::Review { .. }),
        keys: ARROWS,
        action: arrow,
        hint: Some(Hint::Move),
    },
    Binding {
        when: |f| matches!(f, Focus::Review { .. }),
        keys: PAGING,
        action: paging,
        hint: None,
    },
    Binding {
        when: |f| matches!(f, Focus::Review { .. }),
        keys: &[key(KeyCode::Enter)],
        action: |_| Action::Confirm,
        hint: Some(Hint::OpenOrSubmit),
    },
    Binding {
        when: |f| matches!(f, Focus::Review { .. }),
        keys: &[key(KeyCode::Esc)],
        action: |_| Action::Back,
        hint: Some(Hint::Back),
    },
    // The patient at a question or the review: start over and call staff, listed last: the
    // footer keeps them where not all keys fit (`kept_hints`).
    Binding {
        when: is_kiosk_asking,
        keys: &[key(KeyCode::F(5))],
        action: |_| Action::StartOver,
        hint: Some(Hint::StartOver),
    },
    Binding {
        when: is_kiosk_asking,
        keys: &[key(KeyCode::F(9))],
        action: |_| Action::CallStaff,
        hint: Some(Hint::CallStaff),
    },
    Binding {
        when: is_staff_review,
        keys: &[key(KeyCode::F(2))],
        action: |_| Action::Note,
        hint: Some(Hint::Note),
    },
    Binding {
        when: is_staff_review,
        keys: &[key(KeyCode::F(3))],
        action: |_| Action::Override,
        hint: Some(Hint::OverrideF3),
    },
    // The staff result.
    Binding {
        when: |f| matches!(f, Focus::Result { saved: false, .. }),
        keys: &[ch('r')],
        action: |_| Action::Retry,
        hint: Some(Hint::TryAgain),
    },
    Binding {
        when: |f| matches!(f, Focus::Result { .. }),
        keys: ARROWS,
        action: arrow,
        hint: Some(Hint::Scroll),
    },
    Binding {
        when: |f| matches!(f, Focus::Result { .. }),
        keys: PAGING,
        action: paging,
        hint: None,
    },
    Binding {
        when: |f| matches!(f, Focus::Result { saved: true, .. }),
        keys: &[key(KeyCode::Enter), ch('n')],
        action: |_| Action::NextPatient,
        hint: Some(Hint::NextPatient),
    },
    Binding {
        when: |f| {
            matches!(
                f,
                Focus::Result {
                    saved: true,
                    at_kiosk: false
                }
            )
        },
        keys: &[ch('q')],
        action: |_| Action::Quit,
        hint: Some(Hint::Quit),
    },
    Binding {
        when: |f| {
            matches!(
                f,
                Focus::Result {
                    saved: true,
                    at_kiosk: true
                }
            )
        },
        keys: &[ch('q'), key(KeyCode::Esc)],
        action: |_| Action::Quit,
        hint: Some(Hint::StaffMenu),
    },
    Binding {
        when: |f| matches!(f, Focus::Result { saved: false, .. }),
        keys: &[ctrl('c')],
        action: |_| Action::Leave,
        hint: Some(Hint::LeaveKept),
    },
    // Popups.
    Binding {
        when: |f| f == Focus::StaffMenu,
        keys: ARROWS,
        action: arrow,
        hint: None,
    },
    Binding {
        when: |f| f == Focus::StaffMenu,
        keys: &[ch('1'), ch('2'), ch('3'), ch('4')],
        action: digit,
        hint: None,
    },
    // Asked before starting over: the choice is No until Yes is chosen.
    Binding {
        when: |f| f == Focus::StartOver,
        keys: &[
            key(KeyCode::Up),
            key(KeyCode::Down),
            key(KeyCode::Left),
            key(KeyCode::Right),
            key(KeyCode::Tab),
            key(KeyCode::BackTab),
        ],
        action: |_| Action::NextField,
        hint: None,
    },
    Binding {
        when: |f| f == Focus::StartOver,
        keys: &[ch('y'), ch('Y'), ch('s'), ch('S')],
        action: |_| Action::Yes,
        hint: None,
    },
    Binding {
        when: |f| f == Focus::StartOver,
        keys: &[ch('n'), ch('N')],
        action: |_| Action::No,
        hint: None,
    },
    Binding {
        when: |f| f == Focus::StaffMenu,
        keys: &[ch('y'), ch('Y')],
        action: |_| Action::Yes,
        hint: None,
    },
    Binding {
        when: |f| f == Focus::StaffMenu,
        keys: &[ch('n'), ch('N')],
        action: |_| Action::No,
        hint: None,
    },
    Binding {
        when: |f| {
            matches!(
                f,
                Focus::StaffMenu | Focus::Leaving | Focus::ResumeOffer | Focus::StartOver
            )
        },
        keys: &[key(KeyCode::Enter)],
        action: |_| Action::Confirm,
        hint: None,
    },
    Binding {
        when: |f| {
            matches!(
                f,
                Focus::StaffMenu | Focus::Leaving | Focus::ResumeOffer | Focus::StartOver
            )
        },
        keys: &[key(KeyCode::Esc)],
        action: |_| Action::Back,
        hint: None,
    },
    Binding {
        when: |f| matches!(f, Focus::Pin | Focus::Note | Focus::Override { .. }),
        keys: &[key(KeyCode::Enter)],
        action: |_| Action::Confirm,
        hint: None,
    },
    Binding {
        when: |f| matches!(f, Focus::Pin | Focus::Note | Focus::Override { .. }),
        keys: &[key(KeyCode::Esc)],
        action: |_| Action::Back,
        hint: None,
    },
    Binding {
        when: |f| f == Focus::Note,
        keys: &[key(KeyCode::Tab), key(KeyCode::BackTab)],
        action: |_| Action::NextField,
        hint: None,
    },
    Binding {
        when: |f| matches!(f, Focus::Override { .. }),
        keys: &[key(KeyCode::Tab), key(KeyCode::Down)],
        action: |_| Action::NextField,
        hint: None,
    },
    Binding {
        when: |f| matches!(f, Focus::Override { .. }),
        keys: &[key(KeyCode::BackTab), key(KeyCode::Up)],
        action: |_| Action::PreviousField,
        hint: None,
    },
    Binding {
        when: |f| f == Focus::Override { on_level: true },
        keys: &[key(KeyCode::Left)],
        action: |_| Action::Left,
        hint: None,
    },
    Binding {
        when: |f| f == Focus::Override { on_level: true },
        keys: &[key(KeyCode::Right)],
        action: |_| Action::Right,
        hint: None,
    },
    Binding {
        when: |f| f == Focus::Override { on_level: true },
        keys: &[ch('1'), ch('2'), ch('3'), ch('4'), ch('5')],
        action: digit,
        hint: None,
    },
    Binding {
        when: |f| f == Focus::Override { on_level: true },
        keys: &[key(KeyCode::Delete)],
        action: |_| Action::Delete,
        hint: None,
    },
    // Everywhere in staff mode: Ctrl-C leaves (its hint shows where it is listed above).
    Binding {
        when: |f| !f.kiosk() && !matches!(f, Focus::Pin | Focus::StaffMenu),
        keys: &[ctrl('c')],
        action: |_| Action::Leave,
        hint: None,
    },
    // Everywhere at the kiosk: F10 calls the staff PIN prompt.
    Binding {
        when: Focus::kiosk,
        keys: &[key(KeyCode::F(10))],
        action: |_| Action::Staff,
        hint: None,
    },
];

/// What `key` does in `focus`: the first binding that matches, else, where text is typed, an
/// edit of the field. `None`: the key does nothing there.
#[must_use]
pub fn action_for(focus: Focus, event: KeyEvent) -> Option<Action> {
    let pressed = Key {
        code: event.code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        alt: event.modifiers.contains(KeyModifiers::ALT),
    };
    // Shift is part of the character itself (`Y`); other modifiers make another key.
    let plain_digit = event.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE;
    let typing = focus.typing();
    BINDINGS
        .iter()
        .filter(|b| (b.when)(focus))
        .find(|b| {
            b.keys.iter().any(|k| {
                (k.code, k.ctrl) == (pressed.code, pressed.ctrl)
                    && (!k.alt || pressed.alt)
                    // In a text field, characters are text: only Ctrl keys and named keys act.
                    && !(typing && matches!(k.code, KeyCode::Char(_)) && !k.ctrl)
                    && (!matches!(k.code, KeyCode::Char('0'..='9')) || plain_digit)
            })
        })
        .map(|b| (b.action)(event.code))
        .or_else(|| typing.then_some(Action::Edit(event)))
}

/// How many of the footer's last hints always show where not all fit: the patient's Start over
/// and Call staff at the kiosk (their buttons show Back and Next), else the last one.
#[must_use]
pub fn kept_hints(focus: Focus) -> usize {
    if is_kiosk_asking(focus) { 2 } else { 1 }
}

/// The footer's hints for `focus`, in the keymap's order: each key as read and what it does, in
/// `words`' language.
#[must_use]
pub fn hints(focus: Focus, words: &dyn Words) -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| (b.when)(focus))
        .filter_map(|b| b.hint)
        .map(|hint| words.hint(hint))
        .collect()
}
