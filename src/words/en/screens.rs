//! English for the screens and the printed record: labels, key hints, sentences with data,
//! verdicts, decisions, and dates with the names of months and days.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};

use crate::engine::summary::{Decision, Mode};
use crate::model::questionnaire::Level;
use crate::words::count;
use crate::words::phrases::{
    DateForm, FileKind, FolderProblem, Hint, Label, ModeForm, MomentForm, Say,
};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// From Monday.
const WEEKDAYS_SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

// One arm per label: the catalogue itself. Two labels may be the same English word and differ in
// another language.
#[allow(clippy::too_many_lines, clippy::match_same_arms)]
pub fn label(label: Label) -> &'static str {
    match label {
        Label::Welcome => "Welcome",
        Label::WelcomeIntro => {
            "Before your consultation, please answer some questions about your skin and your health."
        }
        Label::WelcomeTime => {
            "It takes about 5 minutes. Your answers are private and go only to your clinic."
        }
        Label::PressEnterToBegin => "Press Enter to begin",
        Label::ThankYou => "Thank you",
        Label::AnswersSaved => "Your answers have been saved.",
        Label::ClinicianTalksItThrough => "Your clinician will talk this through with you.",
        Label::ClinicianGoesThrough => "A clinician will go through your answers with you.",
        Label::DoctorApprovesFirst => {
            "A doctor needs to approve your treatment first: any dates you are given hold only \
             once a doctor has approved it."
        }
        Label::TakeASeat => "Please take a seat. We will call you shortly.",
        Label::ClearsByItself => "This screen clears by itself. Press Enter to finish now.",
        Label::TellStaff => "Please let a member of staff know",
        Label::AnswersKept => "Your answers are kept.",
        Label::StaffFinishSaving => "A member of staff will finish saving them with you.",
        Label::StillThere => "Are you still there?",
        Label::PressAnyKey => "Press any key to continue.",
        Label::LanguageName => "English",
        Label::LanguageKey => "e",
        Label::StartOver => "Start over",
        Label::CallStaff => "Call staff",
        Label::StartOverExplained => {
            "Start again from the beginning? Your answers so far will be deleted."
        }
        Label::StartOverYes => "Yes, start again",
        Label::StartOverNo => "No, keep my answers",
        Label::StartOverKeys => "↑↓ choose   Enter confirm",
        Label::StaffOnTheWay => "A member of staff is on the way.",
        Label::PleaseStayHere => "Please stay here.",
        Label::BackToPatient => "Back to the patient's questions",
        Label::DateHint => {
            "Type the date as YYYY-MM-DD (year-month-day), for example 1980-05-31. DD/MM/YYYY \
             (day first) also works."
        }
        Label::ApproximateDateHint => {
            "Type the date as YYYY-MM-DD (year-month-day) or DD/MM/YYYY (day first). If you do \
             not know the day, the month and year will do: 08/2026 or August 2026."
        }
        Label::NewLineKeys => "Alt-Enter or Ctrl-J: new line",
        Label::Yes => "Yes",
        Label::No => "No",
        Label::Back => "Back",
        Label::Next => "Next",
        Label::MoreAbove => "▲ more above",
        Label::MoreBelow => "▼ more below",
        Label::CheckYourAnswers => "Please check your answers",
        Label::ReviewHowTo => {
            "Press Enter to send them. To change one, move to it with ↑↓ and press Enter."
        }
        Label::ReviewHowToChange => {
            "Move to an answer with ↑↓ and press Enter to change it with the patient. Enter on \
             the first row saves the changes as a new version of the record."
        }
        Label::SubmitMine => "Submit my answers",
        Label::SubmitTheirs => "Submit the answers",
        Label::SaveAsNewVersion => "Save the changes as a new version of the record",
        Label::LeftEmpty => "(left empty)",
        Label::VerdictSoFar => "Verdict so far",
        Label::F3ToOverride => "(F3 to override)",
        Label::StaffGuided => "staff-guided intake",
        Label::StaffShort => "staff",
        Label::EnlargeWindow => "Please enlarge the window.",
        Label::LiveAssessment => "Live assessment (answers so far)",
        Label::NoAnswersYet => "No answers yet",
        Label::MoreOnResult => "▼ more on the result screen",
        Label::MoreBelowScroll => "▼ more below: ↑↓ to scroll",
        Label::LeaveTitle => "Leave this intake?",
        Label::ResumeOfferTitle => "Resume the unfinished intake?",
        Label::ResumeOfferKeys => "Enter resume · Esc start anew",
        Label::LeaveExplained => {
            "The answers so far are saved. The intake waits under Unfinished on the list of \
             intakes, to be finished later."
        }
        Label::LeaveToList => "Enter   go to the list of intakes",
        Label::LeaveQuit => "Ctrl-C  quit skin-intake",
        Label::LeaveKeepAnswering => "Esc     keep answering",
        Label::ChangeAnswersTitle => "Change answers",
        Label::EachChangeKept => "Each change is kept in the record with who made it.",
        Label::YourInitials => "Your initials:",
        Label::InitialsRequired => "Your initials (required):",
        Label::EnterInitials => "Please enter your initials.",
        Label::InitialsKeys => "Enter continue   Esc cancel",
        Label::StaffOnly => "Staff only",
        Label::TypePin => "Type the staff PIN, then press Enter.",
        Label::PinLocked => "That PIN is not right. The prompt is locked for 60 seconds.",
        Label::EnterPinToLeave => "Staff PIN — opens the staff menu.",
        Label::Pin => "PIN",
        Label::PinKeys => "Enter confirm   Esc cancel",
        Label::OverrideTitle => "Override the verdict",
        Label::GiveReason => "Please give a reason for the override.",
        Label::ReasonRequired => "Reason (required):",
        Label::SessionsStartOnField => "Sessions start on (optional, YYYY-MM-DD or DD/MM/YYYY):",
        Label::OverrideKeys => "←→/1-5 verdict  Tab next field  Enter save  Del remove  Esc cancel",
        Label::NoteIntro => "A note for the record (exported with the summary).",
        Label::NoteKeys => "Tab next field   Enter save   Esc cancel",
        Label::StaffMenuTitle => "Staff",
        Label::WhatToDo => "What would you like to do?",
        Label::ReviewIntakes => "Review intakes",
        Label::BackToKiosk => "Back to the kiosk",
        Label::LeaveKioskModeKeys => "Enter/y leave kiosk mode   Esc stay",
        Label::LeaveKioskModeExplained => {
            "skin-intake stops, and this screen is no longer open to patients. Whatever a \
             patient was answering is kept under Unfinished."
        }
        Label::LeaveKioskModeTitle => "Leave kiosk mode?",
        Label::LeaveKioskMode => "Leave kiosk mode",
        Label::StaffMenuKeys => "↑↓/digit choose  Enter open  Esc back",
        Label::SignOffTitle => "Sign off",
        Label::SignOffIntro => "The review becomes a new version of the record.",
        Label::Decision => "Decision",
        Label::NoteOptional => "Note (optional):",
        Label::SignOffKeys => "←→/1-4 decision  Tab next field  Enter save  Esc cancel",
        Label::FindBy => "Find by name or birth date:",
        Label::ClinicIntakes => "The clinic's intakes",
        Label::NewIntake => "New intake",
        Label::WaitingForReview => "Waiting for review",
        Label::Unfinished => "Unfinished",
        Label::Reviewed => "Reviewed",
        Label::NobodyFound => "(nobody found)",
        Label::NobodyWaiting => "(nobody waiting)",
        Label::NoName => "(no name)",
        Label::NoNameYet => "(no name yet)",
        Label::FlagProvisional => "⚠ provisional",
        Label::FlagOverride => "override",
        Label::FlagSeenBefore => "seen before",
        Label::OpenElsewhere => "open on another terminal",
        Label::SaveChangesFirst => {
            "Save the changed answers first; then o on the record overrides its verdict."
        }
        Label::OverrideRemoved => "The override was removed; the computed verdict stands.",
        Label::RecordNeverDeleted => {
            "A finished intake's record is never deleted: the clinic's records policy decides \
             what happens to its files."
        }
        Label::NoIntakeUnderWay => "no intake is under way",
        Label::OpenElsewhereIntake => "this intake is open on another terminal",
        Label::IntakeGone => {
            "this intake is no longer there; it was finished or deleted on another terminal"
        }
        Label::DraftNotLocked => "the draft is not the one locked",
        Label::AnswersTooLarge => {
            "the answers are too large to be saved; shorten the longest answer"
        }
        Label::DamagedWhenListed => "could not be read when it was last listed",
        Label::NotUtf8Text => "not UTF-8 text",
        Label::NoFreeName => "no free name to keep the file aside",
        Label::SignedOff => "Review",
        Label::History => "History",
        Label::ByStaff => "staff",
        Label::SomeAnswer => "(answer)",
        Label::NoneGiven => "(none)",
        Label::Note => "Note",
        Label::NoRuleApplies => "No screening rule applies.",
        Label::Reasons => "Reasons",
        Label::Plan => "Plan",
        Label::Sessions => "Sessions",
        Label::Interval => "Interval",
        Label::Maintenance => "Maintenance",
        Label::Course => "Course",
        Label::NonePlanned => "none planned (no concern chosen)",
        Label::NoneNeeded => "none needed",
        Label::ProposedSchedule => "Proposed schedule",
        Label::ComputedScheduleNotInForce => {
            "Computed schedule (kept in the record, NOT in force: see the override's above)"
        }
        Label::FollowUpRequired => "What to follow up with the patient (required):",
        Label::ClearedNoDate => "Cleared to treat: no date yet (set a start with F3 first)",
        Label::ClearNeedsDate => {
            "A clearance needs the date it applies from: set the override's start (F3) first."
        }
        Label::ColName => "Name",
        Label::ColAge => "Age",
        Label::ColWhen => "When",
        Label::ColHow => "How",
        Label::ColVerdict => "Verdict",
        Label::ColReview => "Review",
        Label::ShowAllStates => "every state",
        Label::ShowWaiting => "waiting for review",
        Label::ShowHasIssues => "has issues",
        Label::ShowUnfinished => "unfinished",
        Label::ShowReviewed => "reviewed",
        Label::AnyDay => "any day",
        Label::Today => "today",
        Label::ThisWeek => "this week",
        Label::FlagSamePatientTwice => "same patient twice",
        Label::HasIssues => "Has issues",
        Label::WhatToFollowUp => "Write what to follow up with the patient.",
        Label::Schedule => "Schedule",
        Label::ApproveBeforeDates => {
            "⚠ A physician must approve the treatment before any date is set."
        }
        Label::ProvisionalDates => {
            "⚠ Provisional: these dates hold only after a physician has approved the treatment."
        }
        Label::NoSessionsNotSuitable => "No sessions are planned: not suitable.",
        Label::NoSessionsUntilDelayOver => "No sessions can be scheduled until the delay is over.",
        Label::NoSessionsYet => "No sessions can be scheduled yet.",
        Label::NoSessionsUnderOverride => "No sessions are planned under the override.",
        Label::IfNeeded => "if needed",
        Label::Notes => "Notes",
        Label::ClinicianNote => "Clinician note",
        Label::Override => "Override",
        Label::Computed => "computed",
        Label::ComputedVerdict => "computed verdict",
        Label::KeptInRecord => "kept in the record",
        Label::Reason => "Reason",
        Label::Verdict => "Verdict",
        Label::DefaultTitle => "Microneedling consultation",
        Label::NoNameGiven => "(no name given)",
        Label::NoAnswer => "(no answer)",
        Label::DateOfBirth => "Date of birth",
        Label::Age => "Age",
        Label::Answered => "Answered",
        Label::Finished => "Finished",
        Label::AssessedOn => "Assessed on",
        Label::Record => "Record",
        Label::Questionnaire => "Questionnaire",
        Label::Patient => "Patient",
        Label::Name => "Name",
        Label::Answers => "Answers",
        Label::Question => "Question",
        Label::Answer => "Answer",
        Label::Changes => "Changes",
        Label::NoChanges => "No answer has been changed since the intake was finished.",
        Label::When => "When",
        Label::By => "By",
        Label::Before => "Before",
        Label::After => "After",
        Label::Review => "Review",
        Label::NotReviewed => "Waiting for review.",
        Label::Session => "Session",
        Label::Date => "Date",
        Label::Confirmation => {
            "I confirm that my answers above are true and complete to the best of my knowledge, \
             and that the verdict and plan have been explained to me."
        }
        Label::PatientSignature => "Patient's signature",
        Label::ClinicianSignature => "Clinician's signature",
    }
}

/// The key as it is read, and what it does.
pub fn hint(hint: Hint) -> (&'static str, &'static str) {
    match hint {
        Hint::Choose => ("↑↓", "choose"),
        Hint::Open => ("Enter", "open"),
        Hint::Find => ("/", "find"),
        Hint::ShowAll => ("Esc", "show all"),
        Hint::FilterState => ("f", "state"),
        Hint::FilterDay => ("t", "day"),
        Hint::Delete => ("d", "delete"),
        Hint::Quit => ("q", "quit"),
        Hint::StaffMenu => ("q/Esc", "back to the staff menu"),
        Hint::Scroll => ("↑↓", "scroll"),
        Hint::ChangeAnswers => ("e", "answers"),
        Hint::SignOff => ("s", "sign off"),
        Hint::Override => ("o", "override"),
        Hint::Print => ("p", "print"),
        Hint::ChangeNote => ("n", "note"),
        Hint::File => ("f", "file"),
        Hint::BackToList => ("Esc", "the list"),
        Hint::Begin => ("Enter", "begin"),
        Hint::Finish => ("Enter", "finish"),
        Hint::ChooseByDigit => ("↑↓/digit", "choose"),
        Hint::Move => ("↑↓", "move"),
        Hint::Tick => ("Space", "tick"),
        Hint::YesNo => ("y/n", "choose"),
        Hint::TypeAnswer => ("type", "answer"),
        Hint::TypeDate => ("type", "date"),
        Hint::Next => ("Enter", "next"),
        Hint::Back => ("Esc", "back"),
        Hint::Note => ("F2", "note"),
        Hint::OverrideF3 => ("F3", "override"),
        Hint::Leave => ("Ctrl-C", "leave"),
        Hint::OpenOrSubmit => ("Enter", "open / submit"),
        Hint::TryAgain => ("r", "try again"),
        Hint::NextPatient => ("Enter", "next patient"),
        Hint::LeaveKept => ("Ctrl-C", "leave (kept as unfinished)"),
        Hint::NewLine => ("Alt-Enter", "new line"),
        Hint::StartOver => ("F5", "start over"),
        Hint::CallStaff => ("F9", "call staff"),
    }
}

#[allow(clippy::too_many_lines)] // one arm per sentence: the catalogue itself
pub fn say(say: &Say) -> String {
    match *say {
        // Non-breaking spaces keep each number with its unit.
        Say::CourseTakes { sessions, weeks } => format!(
            "From your answers, a course usually takes about {}, {} apart.",
            count(sessions, "\u{a0}", "session", "sessions"),
            count(weeks, "\u{a0}", "week", "weeks")
        ),
        Say::ClearsIn { seconds } => format!(
            "To keep your answers private, this screen will clear in {}.",
            count(format!("{seconds:.0}"), " ", "second", "seconds")
        ),
        Say::QuestionOf { number, of } => format!("Question {number} of {of}"),
        Say::CharactersOf { typed, most } => {
            format!("{typed} of {}", count(most, " ", "character", "characters"))
        }
        Say::PinWrong { tries_left } => format!(
            "That PIN is not right. {tries_left} {} left.",
            if tries_left == 1 { "try" } else { "tries" }
        ),
        Say::PinWait { seconds } => format!(
            "Too many wrong tries. Please wait {}.",
            count(format!("{seconds:.0}"), " ", "second", "seconds")
        ),
        Say::WindowTooSmall {
            least_width,
            least_height,
            width,
            height,
        } => format!("It needs at least {least_width} × {least_height}; it is {width} × {height}."),
        Say::AnsweredOf { answered, shown } => format!("{answered} of {shown} answered"),
        Say::FinishedSavedAs { file } => format!("FINISHED, saved as {file}"),
        Say::NewerFormat {
            format_version,
            file,
        } => format!("NEWER FORMAT {format_version}, left as it is: {file}"),
        Say::Damaged { file, reason } => format!("DAMAGED, cannot be opened: {file} ({reason})"),
        Say::SavedTo { path } => format!("✔ Saved to {path}"),
        Say::NotSaved { dir, cause } => format!(
            "⚠ NOT SAVED: the summary could not be written to the folder {dir} ({cause}). \
             The answers are kept. Fix the folder, then press r to try again."
        ),
        Say::ResultFor {
            name,
            age,
            assessed,
        } => format!("Result for {name}{} — assessed {assessed}", years(age)),
        Say::ChangeAnswersWith { name } => format!("Change answers with {name}"),
        Say::NoteBy { note, by } => format!("{note} — {by}"),
        Say::RecordOfName { name } => format!("Record of {name}"),
        Say::VersionKeptAs { version, path } => format!("Version {version} is kept as {path}"),
        Say::RecordOf {
            name,
            age,
            version,
            versions,
        } => format!(
            "Record of {name}{} — version {version} of {versions}",
            years(age)
        ),
        Say::OverrideBy { by, verdict } => format!("Override by {by}: {verdict}"),
        Say::OverrideReason { reason } => {
            format!("{reason} (the computed verdict above stays in the record)")
        }
        Say::ScheduleInForce { from } => {
            format!("Schedule in force — the override's, from {from}:")
        }
        Say::ComputedStays { verdict } => format!("Computed: {verdict} (stays in the record)"),
        Say::ListShowing { state, day } => format!("The clinic's intakes: {state}, {day}"),
        Say::LeftAtKiosk { minutes } => match minutes {
            ..=0 => "left at the kiosk just now".to_owned(),
            1..=59 => format!("left at the kiosk {minutes} min ago"),
            60..=1439 => format!("left at the kiosk {} h ago", minutes / 60),
            1440..=2879 => "left at the kiosk 1 day ago".to_owned(),
            _ => format!("left at the kiosk {} days ago", minutes / 1440),
        },
        Say::ClearedFrom { date } => format!("Cleared to treat from {date}"),
        Say::ClearedFromShort { date } => format!("cleared from {date}"),
        Say::ByOn { by, at } => format!("by {by} on {at}"),
        Say::ByWhom { by } => format!("by {by}"),
        Say::FinishedPlace { place, at } => format!("finished {place} on {at}"),
        Say::SignedOffHistory { decision, by, at } => {
            format!("signed off ({decision}) by {by} on {at}")
        }
        Say::AnswersChanged { by, at } => format!("answers changed by {by} on {at}"),
        Say::AssessAgain { date } => format!("→ assess again on or after {date}"),
        Say::AssessAgainAll { date } => {
            format!("Assess again on or after {date} (when every delay is over)")
        }
        Say::EveryWeeks { weeks: "1" } => "every week".to_owned(),
        Say::EveryWeeks { weeks } => format!("every {weeks} weeks"),
        Say::MaintenanceEvery { months: "1" } => "one session every month".to_owned(),
        Say::MaintenanceEvery { months } => format!("one session every {months} months"),
        Say::Weeks { weeks } => count(weeks, " ", "week", "weeks"),
        Say::Years { age } => count(age, " ", "year", "years"),
        Say::RecordVersion {
            intake,
            version,
            replaces,
        } => format!(
            "intake {intake}, version {version}{}",
            replaces
                .map(|s| format!(" (replaces {s})"))
                .unwrap_or_default()
        ),
        Say::QuestionnaireVersion { id, version } => format!("{id} version {version}"),
        Say::OverrideByOn { by, at, computed } => format!(
            "Override by {by} on {at}; the computed verdict, {computed}, stays in the record."
        ),
        Say::SessionsFromOverride { start } => {
            format!("Sessions from {start} (the override's schedule)")
        }
        Say::SessionsFromOverrideBelow { start } => {
            format!("Sessions from {start} (the override's schedule below).")
        }
        Say::DecisionByOn { decision, by, at } => format!("{decision} by {by} on {at}"),
        Say::CannotRead { path, error } => format!("{path}: cannot read the file: {error}"),
        Say::NotUtf8 { path } => format!("{path}: not UTF-8 text"),
        Say::NotRegular { kind } => {
            let kind = match kind {
                FileKind::SymbolicLink => "a symbolic link",
                FileKind::Fifo => "a FIFO (named pipe)",
                FileKind::Device => "a device",
                FileKind::Socket => "a socket",
                FileKind::Folder => "a folder",
                FileKind::Other => "not a regular file",
            };
            format!("it is {kind}, not a regular file; give the path of a file")
        }
        Say::TooLarge { cap } => format!(
            "it is larger than {}, the most skin-intake reads; check that this is the right file",
            size(cap)
        ),
        Say::FolderOpenToOthers { dir, mode } => format!(
            "The folder {dir} can be opened by other users of this computer (permissions \
             {mode:o}). To keep patients' answers private: chmod 700 {dir}"
        ),
        Say::NotSavedStays { cause } => format!(
            "The intake could not be saved ({cause}), so it stays on screen. Fix the folder, \
             then try again."
        ),
        Say::LeavingLoses { cause } => format!(
            "The intake could not be saved ({cause}), so leaving now would lose its answers. Fix \
             the folder and press Ctrl-C again to save and leave, or press Ctrl-C again to leave \
             without saving."
        ),
        Say::DamagedKept { path } => {
            format!("This file is damaged and cannot be opened. It was kept as {path}.")
        }
        Say::SubmittedAsStopped { summary } => format!(
            "This intake was submitted as skin-intake stopped; its summary is saved as {summary}. \
             It cannot be opened again."
        ),
        Say::NewerDraft {
            path,
            format_version,
        } => format!(
            "{path} was saved by a newer skin-intake (draft format {format_version}); open it \
             with that version. It is left as it is."
        ),
        Say::ResumeOffer {
            name,
            born,
            when,
            answered,
            shown,
        } => format!(
            "{name} (born {born}) has an unfinished intake from {when}, {answered} of {shown} \
             answered. Resume it?"
        ),
        Say::AskDelete { unfinished_of } => {
            let what = match unfinished_of {
                Some(name) => format!(
                    "the unfinished intake of {}",
                    name.unwrap_or("a patient with no name yet")
                ),
                None => "this damaged file".to_owned(),
            };
            format!(
                "Delete {what}? Its answers will be gone for good. Press d again to delete, any \
                 other key to keep it."
            )
        }
        Say::PagePrinted { page } => {
            format!("The page to print is saved as {page} (open it in a browser and print it).")
        }
        Say::PageNotPrinted { beside, error } => {
            format!("Could not write the page to print beside {beside}: {error}")
        }
        Say::NotDurable { path, error } => {
            format!("{path} was written but could not be made durable: {error}")
        }
        Say::OtherQuestionnaire { id, version, not } => {
            format!("questionnaire '{id}' (version {version}), not '{not}'")
        }
        Say::OtherQuestionnaireVersion { version, not } => {
            format!("version {version} of the questionnaire, not version {not}")
        }
        Say::DraftsFolder {
            dir,
            why: FolderProblem::Link,
        } => format!(
            "{dir} is a symbolic link; skin-intake keeps unfinished intakes only inside the output \
             folder: remove the link (its target is left alone)"
        ),
        Say::DraftsFolder {
            dir,
            why: FolderProblem::NotAFolder,
        } => format!("{dir} is not a folder; move it away so that skin-intake can make the folder"),
        Say::DraftsFolder {
            dir,
            why: FolderProblem::Others,
        } => format!(
            "{dir} belongs to another user; skin-intake keeps unfinished intakes only in a \
             folder of its own: move it away"
        ),
        Say::IntakeFinished { summary } => {
            format!("this intake is finished; its summary is saved as {summary}")
        }
        Say::DraftUnreadable { reason } => format!("its draft cannot be read: {reason}"),
        Say::DraftNewer { version } => {
            format!("it was saved by a newer skin-intake (draft format {version})")
        }
        Say::NotADraft { format } => format!("not a skin-intake draft (format '{format}')"),
        Say::IdNotFileName { id } => {
            format!("its id '{id}' is not its file name; it may have been copied by hand")
        }
        Say::MoreProblems { count } => format!(
            "… and {count} more {}",
            if count == 1 { "problem" } else { "problems" }
        ),
        Say::StoppedBy { signal: Some(name) } => format!("on {name}"),
        Say::StoppedBy { signal: None } => "because its terminal went away".to_owned(),
        Say::TerminalFailed { cause } => {
            format!("because its terminal could not be drawn on ({cause})")
        }
        Say::InternalError { place, drafts } => format!(
            "skin-intake stopped because of an internal error{}. The answers confirmed so far \
             are kept in {drafts}; start skin-intake again to resume the intake.",
            place
                .map(|(file, line)| format!(" at {file}:{line}"))
                .unwrap_or_default()
        ),
        Say::PageFooter {
            summary,
            format_version,
        } => format!("skin-intake summary {summary}, format {format_version}"),
    }
}

/// `bytes` in words: "10 MB", "1 KB", "512 bytes".
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 && b % (1024 * 1024) == 0 => format!("{} MB", b / (1024 * 1024)),
        b if b >= 1024 && b % 1024 == 0 => format!("{} KB", b / 1024),
        b => format!("{b} bytes"),
    }
}

/// `, 44 years` after a name, or nothing.
fn years(age: Option<u32>) -> String {
    age.map(|a| format!(", {}", count(a, " ", "year", "years")))
        .unwrap_or_default()
}

/// A verdict in words, with a symbol so that it never rests on colour alone.
pub fn verdict(level: Level) -> &'static str {
    match level {
        Level::Suitable => "✔ SUITABLE",
        Level::SuitableWithPrecautions => "▲ SUITABLE WITH PRECAUTIONS",
        Level::PhysicianReview => "? PHYSICIAN REVIEW NEEDED",
        Level::Delay => "⏸ DELAY TREATMENT",
        Level::NotSuitable => "✖ NOT SUITABLE",
    }
}

/// The verdict in a list row: its symbol and a short word.
pub fn verdict_short(level: Level) -> &'static str {
    match level {
        Level::Suitable => "✔ suitable",
        Level::SuitableWithPrecautions => "▲ precautions",
        Level::PhysicianReview => "? physician review",
        Level::Delay => "⏸ delay",
        Level::NotSuitable => "✖ not suitable",
    }
}

pub fn decision(decision: Decision) -> &'static str {
    match decision {
        Decision::Cleared => "Cleared to treat",
        Decision::HasIssues => "Has issues: follow up with the patient",
        Decision::Approved => "Approved",
        Decision::Declined => "Not cleared: not suitable",
        Decision::NeedsPhysician => "Needs a physician",
    }
}

/// A decision in a list row, among other flags.
pub fn decision_short(decision: Decision) -> &'static str {
    match decision {
        Decision::Cleared => "cleared",
        Decision::HasIssues => "has issues",
        Decision::Approved => "approved",
        Decision::Declined => "not cleared",
        Decision::NeedsPhysician => "needs a physician",
    }
}

pub fn mode(mode: Mode, form: ModeForm) -> &'static str {
    match (form, mode) {
        (ModeForm::Answered, Mode::Kiosk) => "by the patient at the kiosk",
        (ModeForm::Answered, Mode::Staff) => "with a member of staff",
        (ModeForm::Answered | ModeForm::Place, Mode::Batch) => "from an answers file",
        (ModeForm::Column, Mode::Kiosk) => "kiosk",
        (ModeForm::Column, Mode::Staff) => "staff",
        (ModeForm::Column, Mode::Batch) => "file",
        (ModeForm::Place, Mode::Kiosk) => "at the kiosk",
        (ModeForm::Place, Mode::Staff) => "with staff",
    }
}

/// Years as four digits, as the dates of the files are written.
pub fn date(date: NaiveDate, form: DateForm) -> String {
    let (day, month, year) = (date.day(), date.month0() as usize, date.year());
    match form {
        DateForm::Long => format!("{day} {} {year:04}", MONTHS[month]),
        DateForm::Short => format!("{day} {} {year:04}", MONTHS_SHORT[month]),
        DateForm::ShortNoYear => format!("{day} {}", MONTHS_SHORT[month]),
        DateForm::Weekday => format!(
            "{} {day} {} {year:04}",
            WEEKDAYS_SHORT[date.weekday().num_days_from_monday() as usize],
            MONTHS_SHORT[month]
        ),
    }
}

/// A month of a year: `August 2026`.
pub fn month(first_day: NaiveDate) -> String {
    format!(
        "{} {:04}",
        MONTHS[first_day.month0() as usize],
        first_day.year()
    )
}

pub fn moment(at: &DateTime<FixedOffset>, form: MomentForm) -> String {
    let day = at.date_naive();
    let time = format!("{:02}:{:02}", at.hour(), at.minute());
    match form {
        MomentForm::Printed => format!("{}, {time}", date(day, DateForm::Long)),
        MomentForm::Long => format!("{} {time}", date(day, DateForm::Long)),
        MomentForm::Short => format!("{} {time}", date(day, DateForm::Short)),
        MomentForm::ShortNoYear => format!("{} {time}", date(day, DateForm::ShortNoYear)),
    }
}
