//! What the screens and the printed record say, as data: a language's [`Words`](super::Words)
//! word each of these. A new phrase is a new variant here, and it does not compile until every
//! language words it.

/// A fixed phrase: a title, a heading, a field's name, a button, a line of guidance. Punctuation
/// and layout around it (`: `, `[ … ]`, padding) are the caller's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    // The kiosk.
    Welcome,
    WelcomeIntro,
    WelcomeTime,
    PressEnterToBegin,
    ThankYou,
    AnswersSaved,
    ClinicianTalksItThrough,
    ClinicianGoesThrough,
    DoctorApprovesFirst,
    TakeASeat,
    ClearsByItself,
    TellStaff,
    AnswersKept,
    StaffFinishSaving,
    StillThere,
    PressAnyKey,
    /// The language's own name, as the kiosk's language picker shows it (`Español`).
    LanguageName,
    /// The key that picks the language on the kiosk's welcome screen.
    LanguageKey,
    /// The kiosk's buttons on every question and the review.
    StartOver,
    CallStaff,
    /// Asking before starting over: what it does.
    StartOverExplained,
    StartOverYes,
    StartOverNo,
    /// The keys while asking before starting over.
    StartOverKeys,
    /// The page after "Call staff".
    StaffOnTheWay,
    PleaseStayHere,
    /// Staff menu: back to the question the patient was answering.
    BackToPatient,
    // Questions and the review.
    DateHint,
    ApproximateDateHint,
    /// Under a long text field: the keys that start a new line.
    NewLineKeys,
    Yes,
    No,
    Back,
    Next,
    MoreAbove,
    MoreBelow,
    CheckYourAnswers,
    ReviewHowTo,
    ReviewHowToChange,
    SubmitMine,
    SubmitTheirs,
    SaveAsNewVersion,
    LeftEmpty,
    VerdictSoFar,
    F3ToOverride,
    // The frame.
    StaffGuided,
    StaffShort,
    EnlargeWindow,
    LiveAssessment,
    NoAnswersYet,
    MoreOnResult,
    MoreBelowScroll,
    // Popups.
    LeaveTitle,
    /// Staff: the popup offering a patient's unfinished intake.
    ResumeOfferTitle,
    /// Its keys.
    ResumeOfferKeys,
    LeaveExplained,
    LeaveToList,
    LeaveQuit,
    LeaveKeepAnswering,
    ChangeAnswersTitle,
    EachChangeKept,
    YourInitials,
    InitialsRequired,
    EnterInitials,
    InitialsKeys,
    StaffOnly,
    TypePin,
    PinLocked,
    EnterPinToLeave,
    Pin,
    PinKeys,
    OverrideTitle,
    GiveReason,
    ReasonRequired,
    SessionsStartOnField,
    OverrideKeys,
    NoteIntro,
    NoteKeys,
    StaffMenuTitle,
    WhatToDo,
    ReviewIntakes,
    BackToKiosk,
    LeaveKioskMode,
    /// Asking before leaving kiosk mode: the title.
    LeaveKioskModeTitle,
    /// What leaving kiosk mode does.
    LeaveKioskModeExplained,
    /// The keys while asking before leaving kiosk mode.
    LeaveKioskModeKeys,
    StaffMenuKeys,
    SignOffTitle,
    SignOffIntro,
    Decision,
    NoteOptional,
    SignOffKeys,
    // The list of intakes.
    FindBy,
    ClinicIntakes,
    NewIntake,
    WaitingForReview,
    Unfinished,
    Reviewed,
    NobodyFound,
    NobodyWaiting,
    NoName,
    NoNameYet,
    FlagProvisional,
    FlagOverride,
    FlagSeenBefore,
    OpenElsewhere,
    // The intake's life, for staff.
    SaveChangesFirst,
    OverrideRemoved,
    RecordNeverDeleted,
    NoIntakeUnderWay,
    // The store.
    OpenElsewhereIntake,
    IntakeGone,
    DraftNotLocked,
    AnswersTooLarge,
    DamagedWhenListed,
    NotUtf8Text,
    NoFreeName,
    // A record and the assessment.
    SignedOff,
    History,
    ByStaff,
    SomeAnswer,
    NoneGiven,
    Note,
    NoRuleApplies,
    Reasons,
    Plan,
    Sessions,
    Interval,
    Maintenance,
    Course,
    NonePlanned,
    NoneNeeded,
    ProposedSchedule,
    /// The computed schedule's heading on a screen where an override's schedule is in force.
    ComputedScheduleNotInForce,
    /// The sign-off's note field when the decision is "has issues".
    FollowUpRequired,
    /// The sign-off's error when "has issues" has no note.
    WhatToFollowUp,
    /// "Cleared to treat" offered when nothing gives the date it would apply from.
    ClearedNoDate,
    /// The sign-off's error when a clearance has no date to apply from.
    ClearNeedsDate,
    /// The list's column headers.
    ColName,
    ColAge,
    ColWhen,
    ColHow,
    ColVerdict,
    ColReview,
    /// The list's filters by state and by day, as its title says them.
    ShowAllStates,
    ShowWaiting,
    ShowHasIssues,
    ShowUnfinished,
    ShowReviewed,
    AnyDay,
    Today,
    ThisWeek,
    /// Two entries of one name and date of birth, one unfinished or both the same day.
    FlagSamePatientTwice,
    /// The group of records whose review has issues to follow up.
    HasIssues,
    Schedule,
    ApproveBeforeDates,
    ProvisionalDates,
    NoSessionsNotSuitable,
    NoSessionsUntilDelayOver,
    NoSessionsYet,
    NoSessionsUnderOverride,
    IfNeeded,
    Notes,
    ClinicianNote,
    Override,
    Computed,
    ComputedVerdict,
    KeptInRecord,
    Reason,
    Verdict,
    // The printed record.
    DefaultTitle,
    NoNameGiven,
    NoAnswer,
    DateOfBirth,
    Age,
    Answered,
    Finished,
    AssessedOn,
    Record,
    Questionnaire,
    Patient,
    Name,
    Answers,
    Question,
    Answer,
    Changes,
    NoChanges,
    When,
    By,
    Before,
    After,
    Review,
    NotReviewed,
    Session,
    Date,
    Confirmation,
    PatientSignature,
    ClinicianSignature,
}

impl Label {
    /// Every label in the order of the enum, for the tests that check each language words each
    /// one (a test checks the order and that none is skipped).
    pub const ALL: &'static [Label] = &[
        Label::Welcome,
        Label::WelcomeIntro,
        Label::WelcomeTime,
        Label::PressEnterToBegin,
        Label::ThankYou,
        Label::AnswersSaved,
        Label::ClinicianTalksItThrough,
        Label::ClinicianGoesThrough,
        Label::DoctorApprovesFirst,
        Label::TakeASeat,
        Label::ClearsByItself,
        Label::TellStaff,
        Label::AnswersKept,
        Label::StaffFinishSaving,
        Label::StillThere,
        Label::PressAnyKey,
        Label::LanguageName,
        Label::LanguageKey,
        Label::StartOver,
        Label::CallStaff,
        Label::StartOverExplained,
        Label::StartOverYes,
        Label::StartOverNo,
        Label::StartOverKeys,
        Label::StaffOnTheWay,
        Label::PleaseStayHere,
        Label::BackToPatient,
        Label::DateHint,
        Label::ApproximateDateHint,
        Label::NewLineKeys,
        Label::Yes,
        Label::No,
        Label::Back,
        Label::Next,
        Label::MoreAbove,
        Label::MoreBelow,
        Label::CheckYourAnswers,
        Label::ReviewHowTo,
        Label::ReviewHowToChange,
        Label::SubmitMine,
        Label::SubmitTheirs,
        Label::SaveAsNewVersion,
        Label::LeftEmpty,
        Label::VerdictSoFar,
        Label::F3ToOverride,
        Label::StaffGuided,
        Label::StaffShort,
        Label::EnlargeWindow,
        Label::LiveAssessment,
        Label::NoAnswersYet,
        Label::MoreOnResult,
        Label::MoreBelowScroll,
        Label::LeaveTitle,
        Label::ResumeOfferTitle,
        Label::ResumeOfferKeys,
        Label::LeaveExplained,
        Label::LeaveToList,
        Label::LeaveQuit,
        Label::LeaveKeepAnswering,
        Label::ChangeAnswersTitle,
        Label::EachChangeKept,
        Label::YourInitials,
        Label::InitialsRequired,
        Label::EnterInitials,
        Label::InitialsKeys,
        Label::StaffOnly,
        Label::TypePin,
        Label::PinLocked,
        Label::EnterPinToLeave,
        Label::Pin,
        Label::PinKeys,
        Label::OverrideTitle,
        Label::GiveReason,
        Label::ReasonRequired,
        Label::SessionsStartOnField,
        Label::OverrideKeys,
        Label::NoteIntro,
        Label::NoteKeys,
        Label::StaffMenuTitle,
        Label::WhatToDo,
        Label::ReviewIntakes,
        Label::BackToKiosk,
        Label::LeaveKioskMode,
        Label::LeaveKioskModeTitle,
        Label::LeaveKioskModeExplained,
        Label::LeaveKioskModeKeys,
        Label::StaffMenuKeys,
        Label::SignOffTitle,
        Label::SignOffIntro,
        Label::Decision,
        Label::NoteOptional,
        Label::SignOffKeys,
        Label::FindBy,
        Label::ClinicIntakes,
        Label::NewIntake,
        Label::WaitingForReview,
        Label::Unfinished,
        Label::Reviewed,
        Label::NobodyFound,
        Label::NobodyWaiting,
        Label::NoName,
        Label::NoNameYet,
        Label::FlagProvisional,
        Label::FlagOverride,
        Label::FlagSeenBefore,
        Label::OpenElsewhere,
        Label::SaveChangesFirst,
        Label::OverrideRemoved,
        Label::RecordNeverDeleted,
        Label::NoIntakeUnderWay,
        Label::OpenElsewhereIntake,
        Label::IntakeGone,
        Label::DraftNotLocked,
        Label::AnswersTooLarge,
        Label::DamagedWhenListed,
        Label::NotUtf8Text,
        Label::NoFreeName,
        Label::SignedOff,
        Label::History,
        Label::ByStaff,
        Label::SomeAnswer,
        Label::NoneGiven,
        Label::Note,
        Label::NoRuleApplies,
        Label::Reasons,
        Label::Plan,
        Label::Sessions,
        Label::Interval,
        Label::Maintenance,
        Label::Course,
        Label::NonePlanned,
        Label::NoneNeeded,
        Label::ProposedSchedule,
        Label::ComputedScheduleNotInForce,
        Label::FollowUpRequired,
        Label::WhatToFollowUp,
        Label::ClearedNoDate,
        Label::ClearNeedsDate,
        Label::ColName,
        Label::ColAge,
        Label::ColWhen,
        Label::ColHow,
        Label::ColVerdict,
        Label::ColReview,
        Label::ShowAllStates,
        Label::ShowWaiting,
        Label::ShowHasIssues,
        Label::ShowUnfinished,
        Label::ShowReviewed,
        Label::AnyDay,
        Label::Today,
        Label::ThisWeek,
        Label::FlagSamePatientTwice,
        Label::HasIssues,
        Label::Schedule,
        Label::ApproveBeforeDates,
        Label::ProvisionalDates,
        Label::NoSessionsNotSuitable,
        Label::NoSessionsUntilDelayOver,
        Label::NoSessionsYet,
        Label::NoSessionsUnderOverride,
        Label::IfNeeded,
        Label::Notes,
        Label::ClinicianNote,
        Label::Override,
        Label::Computed,
        Label::ComputedVerdict,
        Label::KeptInRecord,
        Label::Reason,
        Label::Verdict,
        Label::DefaultTitle,
        Label::NoNameGiven,
        Label::NoAnswer,
        Label::DateOfBirth,
        Label::Age,
        Label::Answered,
        Label::Finished,
        Label::AssessedOn,
        Label::Record,
        Label::Questionnaire,
        Label::Patient,
        Label::Name,
        Label::Answers,
        Label::Question,
        Label::Answer,
        Label::Changes,
        Label::NoChanges,
        Label::When,
        Label::By,
        Label::Before,
        Label::After,
        Label::Review,
        Label::NotReviewed,
        Label::Session,
        Label::Date,
        Label::Confirmation,
        Label::PatientSignature,
        Label::ClinicianSignature,
    ];
}

/// A key hint of the footer: the key as the person reads it, and what it does there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    Choose,
    Open,
    Find,
    ShowAll,
    FilterState,
    FilterDay,
    Delete,
    Quit,
    /// Staff at the kiosk: back to the staff menu.
    StaffMenu,
    Scroll,
    ChangeAnswers,
    SignOff,
    Override,
    Print,
    /// `n` on a record: change its clinician note.
    ChangeNote,
    /// The file of the record's latest version.
    File,
    BackToList,
    Begin,
    Finish,
    ChooseByDigit,
    Move,
    Tick,
    YesNo,
    TypeAnswer,
    TypeDate,
    Next,
    Back,
    Note,
    OverrideF3,
    Leave,
    OpenOrSubmit,
    TryAgain,
    NextPatient,
    LeaveKept,
    /// A long text answer: a line break.
    NewLine,
    /// Kiosk: start again from the beginning (asks first).
    StartOver,
    /// Kiosk: call a member of staff.
    CallStaff,
}

impl Hint {
    /// Every hint in the order of the enum, for the tests that check each language words each
    /// one (a test checks the order and that none is skipped).
    pub const ALL: &'static [Hint] = &[
        Hint::Choose,
        Hint::Open,
        Hint::Find,
        Hint::ShowAll,
        Hint::FilterState,
        Hint::FilterDay,
        Hint::Delete,
        Hint::Quit,
        Hint::StaffMenu,
        Hint::Scroll,
        Hint::ChangeAnswers,
        Hint::SignOff,
        Hint::Override,
        Hint::Print,
        Hint::ChangeNote,
        Hint::File,
        Hint::BackToList,
        Hint::Begin,
        Hint::Finish,
        Hint::ChooseByDigit,
        Hint::Move,
        Hint::Tick,
        Hint::YesNo,
        Hint::TypeAnswer,
        Hint::TypeDate,
        Hint::Next,
        Hint::Back,
        Hint::Note,
        Hint::OverrideF3,
        Hint::Leave,
        Hint::OpenOrSubmit,
        Hint::TryAgain,
        Hint::NextPatient,
        Hint::LeaveKept,
        Hint::NewLine,
        Hint::StartOver,
        Hint::CallStaff,
    ];
}

/// How the intake was answered, as a record's facts, a list's column or its history word it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeForm {
    /// "by the patient at the kiosk"
    Answered,
    /// "kiosk"
    Column,
    /// "at the kiosk"
    Place,
}

/// A calendar day as shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// 31 May 1980
    Long,
    /// 31 May 1980, the month short
    Short,
    /// 31 May, the month short
    ShortNoYear,
    /// Sat 31 May 1980, the day and month short
    Weekday,
}

/// A moment (day and time) as shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MomentForm {
    /// 31 May 1980, 14:05 (the printed record)
    Printed,
    /// 31 May 1980 14:05 (the record on screen)
    Long,
    /// 31 May 1980 14:05, the month short (the list)
    Short,
    /// 31 May 14:05, the month short (the list, when narrow)
    ShortNoYear,
}

/// What a path that is not a regular file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    SymbolicLink,
    Fifo,
    Device,
    Socket,
    Folder,
    Other,
}

/// Why the folder of unfinished intakes is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderProblem {
    /// A symbolic link.
    Link,
    /// Not a folder.
    NotAFolder,
    /// Another user's.
    Others,
}

/// A sentence that carries data. Dates, verdicts and names in it are worded already.
#[derive(Debug, Clone, PartialEq)]
pub enum Say<'a> {
    /// The kiosk's farewell: a course's sessions and weeks apart, each a range such as `4–6`.
    CourseTakes {
        sessions: &'a str,
        weeks: &'a str,
    },
    /// The kiosk clears itself in this many seconds.
    ClearsIn {
        seconds: f64,
    },
    /// The position in the questionnaire.
    QuestionOf {
        number: usize,
        of: usize,
    },
    /// A text answer's length against its limit.
    CharactersOf {
        typed: usize,
        most: usize,
    },
    /// A wrong PIN and the tries left.
    PinWrong {
        tries_left: u32,
    },
    /// The PIN prompt is locked for this many seconds.
    PinWait {
        seconds: f64,
    },
    /// The window is smaller than the UI needs.
    WindowTooSmall {
        least_width: u16,
        least_height: u16,
        width: u16,
        height: u16,
    },
    /// A draft in the list: how many of the shown questions are answered.
    AnsweredOf {
        answered: usize,
        shown: usize,
    },
    /// A draft submitted as skin-intake stopped.
    FinishedSavedAs {
        file: &'a str,
    },
    /// A draft of a later format.
    NewerFormat {
        format_version: u64,
        file: &'a str,
    },
    /// A draft that cannot be read.
    Damaged {
        file: &'a str,
        reason: &'a str,
    },
    /// A summary's export.
    SavedTo {
        path: &'a str,
    },
    NotSaved {
        dir: &'a str,
        cause: &'a str,
    },
    /// The result's title: the patient, their age, the reference date.
    ResultFor {
        name: &'a str,
        age: Option<u32>,
        assessed: &'a str,
    },
    /// The header while changing a record's answers with the patient.
    ChangeAnswersWith {
        name: &'a str,
    },
    /// A clinician note as kept, with the initials of who wrote it.
    NoteBy {
        note: &'a str,
        by: &'a str,
    },
    /// The header on a record.
    RecordOfName {
        name: &'a str,
    },
    /// Where a version of a record is kept, for staff who want the file.
    VersionKeptAs {
        version: u32,
        path: &'a str,
    },
    /// The record's title.
    RecordOf {
        name: &'a str,
        age: Option<u32>,
        version: u32,
        versions: usize,
    },
    /// Who overrode the verdict, to what.
    OverrideBy {
        by: &'a str,
        verdict: &'a str,
    },
    /// An override's reason, the computed verdict kept.
    OverrideReason {
        reason: &'a str,
    },
    /// The heading of the schedule in force when an override sets its own start (the timeline
    /// follows).
    ScheduleInForce {
        from: &'a str,
    },
    /// The computed verdict in the override form.
    ComputedStays {
        verdict: &'a str,
    },
    /// Who did something, and when.
    ByOn {
        by: &'a str,
        at: &'a str,
    },
    /// Who did something.
    ByWhom {
        by: &'a str,
    },
    /// A record's first version in its history.
    FinishedPlace {
        place: &'a str,
        at: &'a str,
    },
    /// A sign-off in a record's history.
    /// A clearance to treat with the date it applies from.
    ClearedFrom {
        date: &'a str,
    },
    /// The list's title with its filters.
    ListShowing {
        state: &'a str,
        day: &'a str,
    },
    /// An unfinished kiosk intake nobody is at: the patient walked away `minutes` ago.
    LeftAtKiosk {
        minutes: i64,
    },
    /// A clearance in a list row.
    ClearedFromShort {
        date: &'a str,
    },
    SignedOffHistory {
        decision: &'a str,
        by: &'a str,
        at: &'a str,
    },
    /// Changed answers in a record's history.
    AnswersChanged {
        by: &'a str,
        at: &'a str,
    },
    /// A reason's date to assess again.
    AssessAgain {
        date: &'a str,
    },
    /// The date to assess again when every delay is over.
    AssessAgainAll {
        date: &'a str,
    },
    /// Every so many weeks.
    EveryWeeks {
        weeks: &'a str,
    },
    /// One maintenance session every so many months.
    MaintenanceEvery {
        months: &'a str,
    },
    /// A number of weeks.
    Weeks {
        weeks: &'a str,
    },
    /// An age.
    Years {
        age: u32,
    },
    /// A record's intake and version, and the version it replaces.
    RecordVersion {
        intake: &'a str,
        version: u32,
        replaces: Option<&'a str>,
    },
    /// A questionnaire and its version.
    QuestionnaireVersion {
        id: &'a str,
        version: &'a str,
    },
    /// The printed override: who, when, the computed verdict kept.
    OverrideByOn {
        by: &'a str,
        at: &'a str,
        computed: &'a str,
    },
    /// The printed override's sessions (text).
    SessionsFromOverride {
        start: &'a str,
    },
    /// The printed override's sessions (the page, the schedule below).
    SessionsFromOverrideBelow {
        start: &'a str,
    },
    /// A sign-off as printed.
    DecisionByOn {
        decision: &'a str,
        by: &'a str,
        at: &'a str,
    },
    /// A file that could not be read, and the system's reason.
    CannotRead {
        path: &'a str,
        error: &'a str,
    },
    /// A file that is not UTF-8 text.
    NotUtf8 {
        path: &'a str,
    },
    /// A path that is not a regular file.
    NotRegular {
        kind: FileKind,
    },
    /// A file larger than the most that is read, in bytes.
    TooLarge {
        cap: u64,
    },
    /// The output folder can be opened by other users; `mode` is its permissions.
    FolderOpenToOthers {
        dir: &'a str,
        mode: u32,
    },
    /// The intake could not be saved, so it stays on screen.
    NotSavedStays {
        cause: &'a str,
    },
    /// The intake could not be saved, so leaving would lose it.
    LeavingLoses {
        cause: &'a str,
    },
    /// A damaged file, kept at `path`.
    DamagedKept {
        path: &'a str,
    },
    /// A draft submitted as skin-intake stopped, its summary at `summary`.
    SubmittedAsStopped {
        summary: &'a str,
    },
    /// A draft of a later format, left as it is.
    NewerDraft {
        path: &'a str,
        format_version: u64,
    },
    /// Asking before deleting: an unfinished intake (of a patient, named or not) or (`None`) a
    /// damaged file.
    AskDelete {
        unfinished_of: Option<Option<&'a str>>,
    },
    /// Staff starting a new intake for a patient who has an unfinished one.
    ResumeOffer {
        name: &'a str,
        born: &'a str,
        when: &'a str,
        answered: usize,
        shown: usize,
    },
    /// The page to print is written.
    PagePrinted {
        page: &'a str,
    },
    PageNotPrinted {
        beside: &'a str,
        error: &'a str,
    },
    /// A draft written but not made durable.
    NotDurable {
        path: &'a str,
        error: &'a str,
    },
    /// A draft made with another questionnaire.
    OtherQuestionnaire {
        id: &'a str,
        version: &'a str,
        not: &'a str,
    },
    /// A draft made with another version of the questionnaire.
    OtherQuestionnaireVersion {
        version: &'a str,
        not: &'a str,
    },
    /// The folder of unfinished intakes is refused.
    DraftsFolder {
        dir: &'a str,
        why: FolderProblem,
    },
    /// A draft whose summary is written already.
    IntakeFinished {
        summary: &'a str,
    },
    /// A draft that cannot be read, and why.
    DraftUnreadable {
        reason: &'a str,
    },
    /// A draft of a later format.
    DraftNewer {
        version: u64,
    },
    /// A JSON file that is not a draft.
    NotADraft {
        format: &'a str,
    },
    /// A draft whose id is not its file name.
    IdNotFileName {
        id: &'a str,
    },
    /// How many more problems there are than are listed.
    MoreProblems {
        count: usize,
    },
    /// Why the UI stopped: a signal by its name, or (`None`) its terminal went away.
    StoppedBy {
        signal: Option<&'a str>,
    },
    /// The terminal refused to draw, for this reason.
    TerminalFailed {
        cause: &'a str,
    },
    /// A panic: where in the source, and where the unfinished intakes are kept.
    InternalError {
        place: Option<(&'a str, u32)>,
        drafts: &'a str,
    },
    /// The printed page's footer.
    PageFooter {
        summary: &'a str,
        format_version: u32,
    },
}
