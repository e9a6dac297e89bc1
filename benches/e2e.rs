//! End to end: what a key costs as a person at the terminal sees it, on every kind of screen, and
//! how long the first frame takes. The release binary and `dialog` run side by side in
//! pseudo-terminals of 120×40 in the same run; each key is written to the terminal and timed to
//! the last byte of the redraw it causes (the output has then been quiet for [`QUIET`]). Keys go
//! to the programs in turn, so both meet the same machine. Each row says whether it meets the
//! speed budget (BENCHMARKS.md).
//!
//! `cargo bench --bench e2e`; needs `dialog` (`apt-get install dialog`). Options, as environment
//! variables:
//! - `E2E_ROWS=review,text,…` (or the names as arguments: `cargo bench --bench e2e -- text date`):
//!   the rows to run, of [`ROWS_ALL`] (default: all);
//! - `SKIN_INTAKE_BIN=path`: another build of skin-intake, measured with the same keys;
//! - `E2E_RECORDS=DIR`: a clinic's folder of summaries (`benches/support/report_folder.py`), for
//!   the row `big-list`: the staff list's first frame over it, with its index and without;
//! - `E2E_SUMMARY=path`: the rows also written there as tab-separated lines (what, skin-intake,
//!   reference, ratio, budget, met), for `scripts/bench`.

#[path = "support/large.rs"]
mod large;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, Read, Write};
use std::num::NonZeroU16;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::fs::{Mode, OFlags};
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};
use skin_intake::engine::summary::{self, Decision, Metadata, Review, Summary};
use skin_intake::engine::versions::sign_off;
use skin_intake::engine::visibility;
use skin_intake::model::answer::Answers;
use skin_intake::model::questionnaire::Questionnaire;
use skin_intake::words::{Words, en::English};
use skin_intake::{load, store};

const COLS: u16 = 120;
const ROWS: u16 = 40;
/// The large questionnaire is the built-in one this many times.
const COPIES: usize = 100;
const TODAY: &str = "2025-03-10";
/// Signed-off records in the output folder, for the list and the record screen.
const RECORDS: usize = 60;
/// Keys measured per row of the table, and per no-op row.
const KEYS: usize = 300;
const NO_OP_KEYS: usize = 30;
/// Starts measured for the first frame, and for the list of a large folder (each way).
const STARTS: usize = 30;
const BIG_STARTS: usize = 10;
/// A redraw has ended when no byte follows for this long.
const QUIET: Duration = Duration::from_millis(15);
/// The same for a first frame: a program still starting may pause between writes.
const FRAME_QUIET: Duration = Duration::from_millis(100);
/// The same for keys that are not measured, longer so that a key such as Esc never reaches the
/// program while it is still drawing (two Esc bytes read at once are not two Esc keys).
const SETTLE: Duration = Duration::from_millis(50);
/// A key that changes the screen and shows nothing for this long is counted as missed.
const FIRST_BYTE_LIMIT: Duration = Duration::from_secs(2);
/// Keys of a row that may draw nothing before the row stops with the screen it found.
const MISSED_LIMIT: usize = 3;
/// How long to wait for a program's first screen.
const START_LIMIT: Duration = Duration::from_secs(20);

/// The budget of issue 19: a key's median within dialog's, its p99 within this; a first frame
/// within dialog's; peak memory within 1.5× dialog's menu; a large list's first frame within
/// these with its index and without.
const P99_BUDGET: Duration = Duration::from_millis(2);
const MEMORY_BUDGET: f64 = 1.5;
const BIG_WARM_BUDGET: Duration = Duration::from_millis(100);
const BIG_COLD_BUDGET: Duration = Duration::from_millis(500);

/// Every row, in the order they run.
const ROWS_ALL: [&str; 14] = [
    "list", "record", "review", "single", "multi", "text", "date", "no-op", "enter", "memory",
    "first", "report", "large", "big-list",
];

// Keys as an xterm sends them in application cursor mode (what `dialog` asks for and what
// skin-intake also reads).
const UP: &[u8] = b"\x1bOA";
const DOWN: &[u8] = b"\x1bOB";
const HOME: &[u8] = b"\x1bOH";
const ENTER: &[u8] = b"\r";
const ESC: &[u8] = b"\x1b";
const BACKSPACE: &[u8] = b"\x7f";
/// Bound to nothing in either program.
const NO_OP: &[u8] = b"\x1b[24~";

// What shows that a program is on the screen meant.
const NEW_INTAKE: &str = "New intake";
const REVIEWED: &str = "Reviewed";
const WAITING: &str = "Waiting for review";
const REVIEW_TITLE: &str = "Please check your answers";
const CONCERNS: &str = "What would you like to improve?";
const SKIN_TYPE: &str = "What does your skin do in the sun, without sun cream?";
const NAME: &str = "What is your full name?";
const BIRTH: &str = "What is your date of birth?";
const LAST_QUESTION: &str = "Is there anything else you would like the clinician to know?";
/// The record screen's history of versions, and the report's heading of verdicts.
const RECORD_PATIENT: &str = "Patient ";
const REPORT_HEADING: &str = "Verdicts";
const RESULT: &str = "Result for";
const MESSAGE: &str = "The intake is saved.";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("e2e: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The rows asked for: `E2E_ROWS`, else the arguments that are not options (cargo passes
/// `--bench`), else all.
fn selected() -> Result<BTreeSet<&'static str>, String> {
    let asked: Vec<String> = match std::env::var("E2E_ROWS") {
        Ok(rows) => rows.split([',', ' ']).map(str::to_owned).collect(),
        Err(_) => std::env::args()
            .skip(1)
            .filter(|a| !a.starts_with('-'))
            .flat_map(|a| a.split(',').map(str::to_owned).collect::<Vec<_>>())
            .collect(),
    };
    let asked: Vec<&str> = asked
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if asked.is_empty() {
        return Ok(ROWS_ALL.into_iter().collect());
    }
    asked
        .into_iter()
        .map(|a| {
            ROWS_ALL.into_iter().find(|r| *r == a).ok_or_else(|| {
                format!(
                    "no row {a:?}; the rows are {} (E2E_ROWS=a,b or arguments)",
                    ROWS_ALL.join(", ")
                )
            })
        })
        .collect()
}

fn run() -> Result<(), String> {
    let rows = selected()?;
    let bin = std::env::var_os("SKIN_INTAKE_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_skin-intake")),
        PathBuf::from,
    );
    if !bin.is_file() {
        return Err(format!(
            "the skin-intake binary {} is missing; build it with `cargo build --release`",
            bin.display()
        ));
    }
    if Command::new("dialog").arg("--version").output().is_err() {
        return Err(
            "dialog is not installed, and it is what the figures are compared with; install it \
             (apt-get install dialog) and run again"
                .into(),
        );
    }
    let big = std::env::var_os("E2E_RECORDS").map(PathBuf::from);
    if rows.contains("big-list") && big.is_none() && rows.len() < ROWS_ALL.len() {
        return Err("the row big-list needs E2E_RECORDS=DIR, a folder made by \
                    benches/support/report_folder.py"
            .into());
    }
    println!(
        "End to end at {COLS}×{ROWS}: key written → last byte of the redraw (quiet {} ms after it).",
        QUIET.as_millis()
    );
    println!("skin-intake: {}", bin.display());
    // Other work on the machine shows in the figures, p99 most.
    let load_before = load_average();
    let mut table = Table::default();

    let setup = Setup::new(1, RECORDS).map_err(|e| e.to_string())?;
    session(&bin, &setup, &rows, &mut table).map_err(|e| e.to_string())?;
    if rows.contains("first") || rows.contains("report") {
        first_frames(&bin, &setup, &rows, &mut table).map_err(|e| e.to_string())?;
    }
    drop(setup);
    if rows.contains("large") {
        let large = Setup::new(COPIES, 0).map_err(|e| e.to_string())?;
        let keys: BTreeSet<&str> = ["review", "multi", "no-op", "enter"].into();
        session(&bin, &large, &keys, &mut table).map_err(|e| e.to_string())?;
    }
    if rows.contains("big-list")
        && let Some(dir) = &big
    {
        big_list(&bin, dir, &mut table).map_err(|e| e.to_string())?;
    }

    table.print();
    println!(
        "load average before and after: {load_before}, {}",
        load_average()
    );
    if let Some(path) = std::env::var_os("E2E_SUMMARY") {
        std::fs::write(&path, table.tsv())
            .map_err(|e| format!("could not write {}: {e}", Path::new(&path).display()))?;
    }
    if table.missed > 0 {
        return Err(format!(
            "{} keys showed no redraw within {} s",
            table.missed,
            FIRST_BYTE_LIMIT.as_secs()
        ));
    }
    Ok(())
}

/// One staff session in one skin-intake: the list, a record, the intake resumed at the review, a
/// question of each kind opened from it, then submitted; each measured row beside its `dialog`.
fn session(bin: &Path, setup: &Setup, rows: &BTreeSet<&str>, table: &mut Table) -> io::Result<()> {
    let q = setup.name();
    let mut ours = Pty::spawn(setup.command(bin))?;
    ours.first_screen()?;
    ours.shows(NEW_INTAKE)?;
    let move_cycle = cycle(&[(DOWN, 20, true), (UP, 20, true)]);

    if rows.contains("list") && setup.records > 0 {
        ours.shows(REVIEWED)?;
        let mut menu = Pty::spawn(setup.dialog_list())?;
        menu.first_screen()?;
        let [a, b] = lockstep([(&mut ours, &move_cycle), (&mut menu, &move_cycle)], KEYS)?;
        ours.shows(NEW_INTAKE)?;
        table.keys(&q, "move on the staff list", &a, Some(("--menu", &b)));
    }

    if rows.contains("record") && setup.records > 0 {
        // Row 2: the first record after the unfinished intake.
        ours.keys(&[HOME, DOWN, DOWN, ENTER])?;
        ours.shows(RECORD_PATIENT)?;
        ours.check(NEW_INTAKE, false)?;
        let mut text = Pty::spawn(setup.dialog_textbox(bin)?)?;
        text.first_screen()?;
        let scroll = cycle(&[(DOWN, 10, true), (UP, 10, true)]);
        let [a, b] = lockstep([(&mut ours, &scroll), (&mut text, &scroll)], KEYS)?;
        ours.check(NEW_INTAKE, false)?;
        table.keys(&q, "scroll the record", &a, Some(("--textbox", &b)));
        ours.keys(&[ESC])?;
        ours.shows(NEW_INTAKE)?;
    }

    // The unfinished intake (row 1, before the signed-off records), resumed at the review.
    ours.keys(&[HOME, DOWN, ENTER])?;
    ours.shows(REVIEW_TITLE)?;

    let mut menu = None;
    if rows.contains("review") {
        let menu = review_menu(&mut menu, setup)?;
        let [a, b] = lockstep([(&mut ours, &move_cycle), (&mut *menu, &move_cycle)], KEYS)?;
        ours.shows(REVIEW_TITLE)?;
        table.keys(&q, "move on the review", &a, Some(("--menu", &b)));
    }

    if rows.contains("single") {
        ours.open_from_review(setup.row_of("skin_type")?)?;
        ours.shows(SKIN_TYPE)?;
        // The highlight starts on the answer: up to the first option, where dialog's starts.
        ours.keys(&vec![UP; setup.chosen("skin_type")?])?;
        let mut dialog = Pty::spawn(setup.dialog_options("skin_type", "--menu"))?;
        dialog.first_screen()?;
        let highlight = cycle(&[(DOWN, 5, true), (UP, 5, true)]);
        let [a, b] = lockstep([(&mut ours, &highlight), (&mut dialog, &highlight)], KEYS)?;
        ours.shows(SKIN_TYPE)?;
        table.keys(&q, "move on a single choice", &a, Some(("--menu", &b)));
        ours.keys(&[ESC])?;
        ours.shows(REVIEW_TITLE)?;
    }

    if rows.contains("multi") {
        ours.open_from_review(setup.row_of("concerns")?)?;
        ours.shows("Dull, tired-looking skin")?;
        let mut checklist = Pty::spawn(setup.dialog_options("concerns", "--checklist"))?;
        checklist.first_screen()?;
        checklist.shows(CONCERNS)?;
        let highlight = cycle(&[(DOWN, 9, true), (UP, 9, true)]);
        let [a, b] = lockstep(
            [(&mut ours, &highlight), (&mut checklist, &highlight)],
            KEYS,
        )?;
        ours.shows(CONCERNS)?;
        table.keys(
            &q,
            "move on a multiple choice",
            &a,
            Some(("--checklist", &b)),
        );
        ours.keys(&[ESC])?;
        ours.shows(REVIEW_TITLE)?;
    }

    for (row, id, prompt, key, action) in [
        (
            "text",
            "full_name",
            NAME,
            b"a",
            "type a letter into the name, Backspace",
        ),
        (
            "date",
            "date_of_birth",
            BIRTH,
            b"1",
            "type a digit into a date, Backspace",
        ),
    ] {
        if !rows.contains(row) {
            continue;
        }
        ours.open_from_review(setup.row_of(id)?)?;
        ours.shows(prompt)?;
        let typed = setup.typed(id)?;
        ours.shows(&typed)?;
        let mut input = Pty::spawn(Setup::dialog_input(prompt, &typed))?;
        input.first_screen()?;
        let keys = cycle(&[(key.as_slice(), 1, true), (BACKSPACE, 1, true)]);
        let [a, b] = lockstep([(&mut ours, &keys), (&mut input, &keys)], KEYS)?;
        // An even number of keys: the answer as it was.
        ours.shows(&typed)?;
        table.keys(&q, action, &a, Some(("--inputbox", &b)));
        ours.keys(&[ESC])?;
        ours.shows(REVIEW_TITLE)?;
    }

    if rows.contains("no-op") {
        // A key that changes nothing, on the review; waited for long enough to see a slow redraw.
        let menu = review_menu(&mut menu, setup)?;
        let window = Duration::from_millis(100);
        let mut a = Vec::new();
        let mut b = Vec::new();
        for _ in 0..NO_OP_KEYS {
            a.push(ours.key(NO_OP, window, QUIET)?);
            b.push(menu.key(NO_OP, window, QUIET)?);
        }
        ours.shows(REVIEW_TITLE)?;
        table.no_op(&q, &a, &b);
    }

    if rows.contains("enter") {
        // From the review's last question: back ten questions and confirm ten, each Enter
        // checking the answer, saving the draft and showing the next question.
        ours.keys(&[ESC])?;
        ours.on_last_question()?;
        let confirm = cycle(&[(ESC, 10, false), (ENTER, 10, true)]);
        let [a] = lockstep([(&mut ours, &confirm)], KEYS)?;
        // Every Enter was accepted: the last one came back to the last question.
        ours.on_last_question()?;
        table.keys(&q, "Enter on a question (confirm + save)", &a, None);
        ours.keys(&[ENTER])?;
        ours.shows(REVIEW_TITLE)?;
    }

    if rows.contains("memory") {
        // The whole intake: listed, resumed, every answer reviewed, submitted (Submit is row 0).
        ours.keys(&[HOME, ENTER])?;
        ours.settle(Duration::from_millis(500))?;
        ours.shows(RESULT)?;
        let menu = review_menu(&mut menu, setup)?;
        menu.keys(&[DOWN, DOWN, UP, UP])?;
        table.memory(&q, ours.peak_memory(), menu.peak_memory());
    }
    Ok(())
}

/// The dialog menu beside the review, started on first use.
fn review_menu<'a>(menu: &'a mut Option<Pty>, setup: &Setup) -> io::Result<&'a mut Pty> {
    if menu.is_none() {
        let mut started = Pty::spawn(setup.dialog_review())?;
        started.first_screen()?;
        started.shows(REVIEW_TITLE)?;
        *menu = Some(started);
    }
    menu.as_mut().ok_or_else(|| io::Error::other("no menu"))
}

/// The first frame: skin-intake's staff list (the session's folder) and the report over the same
/// folder, beside `dialog --msgbox`, started in turn.
fn first_frames(
    bin: &Path,
    setup: &Setup,
    rows: &BTreeSet<&str>,
    table: &mut Table,
) -> io::Result<()> {
    let mut ours = Vec::new();
    let mut report = Vec::new();
    let mut dialog = Vec::new();
    for _ in 0..STARTS {
        if rows.contains("first") {
            let mut pty = Pty::spawn(setup.command(bin))?;
            ours.push(pty.first_frame(NEW_INTAKE)?);
        }
        if rows.contains("report") {
            let mut pty = Pty::spawn(setup.report(bin))?;
            report.push(pty.first_frame(REPORT_HEADING)?);
        }
        let mut pty = Pty::spawn(Setup::dialog_msgbox())?;
        dialog.push(pty.first_frame(MESSAGE)?);
    }
    let q = setup.name();
    if rows.contains("first") {
        table.first_frame(&q, "first frame: the staff list", &ours, &dialog);
    }
    if rows.contains("report") {
        let action = format!("first frame: the report ({} summaries)", setup.records * 2);
        table.first_frame(&q, &action, &report, &dialog);
    }
    Ok(())
}

/// The staff list's first frame over a clinic's folder, with its index (`cache/`) and without,
/// started in turn; the folder's index is left as the list writes it.
fn big_list(bin: &Path, dir: &Path, table: &mut Table) -> io::Result<()> {
    let files = std::fs::read_dir(dir)?
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".json"))
        })
        .count();
    let command = || {
        let mut command = Command::new(bin);
        command
            .arg("--out")
            .arg(dir)
            .args(["--today", "2026-11-24"]);
        command
    };
    // The index as the list leaves it, for the first start with it.
    Pty::spawn(command())?.first_frame(WAITING)?;
    let mut warm = Vec::new();
    let mut cold = Vec::new();
    for _ in 0..BIG_STARTS {
        warm.push(Pty::spawn(command())?.first_frame(WAITING)?);
        match std::fs::remove_dir_all(dir.join(store::CACHE)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        cold.push(Pty::spawn(command())?.first_frame(WAITING)?);
    }
    let what = format!("{files} records");
    table.big(
        &what,
        "first frame: the staff list, index warm",
        &warm,
        BIG_WARM_BUDGET,
    );
    table.big(
        &what,
        "first frame: the staff list, no index",
        &cold,
        BIG_COLD_BUDGET,
    );
    Ok(())
}

/// A questionnaire, an output folder with one unfinished intake that answers all of it (and
/// signed-off records), and the `dialog` screens of the same size.
struct Setup {
    dir: tempfile::TempDir,
    copies: usize,
    records: usize,
    questionnaire: Questionnaire,
    answers: Answers,
    /// The review's rows after Submit (row 0).
    answered: Vec<String>,
}

impl Setup {
    fn new(copies: usize, records: usize) -> io::Result<Setup> {
        let dir = tempfile::tempdir()?;
        let text = large::questionnaire(copies);
        std::fs::write(dir.path().join("questions.json"), &text)?;
        let questionnaire = load::questionnaire::load("questions.json", &text)
            .map_err(|problems| io::Error::other(format!("{problems:?}")))?;
        let (answers, problems) =
            load::answers::parse_file(&questionnaire, &large::answers(copies));
        if !problems.is_empty() {
            return Err(io::Error::other(format!(
                "the answers do not fit: {problems:?}"
            )));
        }
        let out = dir.path().join("out");
        store::ensure_private_dir(&out)?;
        let now = clock();
        let mut draft = store::Draft::new(&questionnaire, "en", summary::Mode::Staff, now);
        draft.record(&answers, None, now);
        // Released when dropped, for the program to take.
        let lock = store::lock_draft(&out, &draft.id).map_err(io::Error::other)?;
        store::save_draft(&out, &draft, &lock)?;
        let today = today();
        let answered = visibility::answered_items(&questionnaire, &answers, today)
            .iter()
            .map(|i| i.id.clone())
            .collect();
        let setup = Setup {
            dir,
            copies,
            records,
            questionnaire,
            answers,
            answered,
        };
        setup.write_records()?;
        Ok(setup)
    }

    /// `records` intakes, each signed off (a second version), so that the list shows them after
    /// the unfinished intake.
    fn write_records(&self) -> io::Result<()> {
        let out = self.out();
        for n in 0..self.records {
            let day = today() - Days::new(n as u64);
            let id = format!("{n:08x}-0000-4000-8000-{n:012x}");
            let mut s = Summary::new(
                &self.questionnaire,
                &self.answers,
                Metadata {
                    id: id.clone(),
                    language: "en".into(),
                    mode: summary::Mode::Staff,
                    completed_at: clock() - Days::new(n as u64),
                    reference_date: day,
                },
                |s| English.shown(s),
            );
            s.intake_id.clone_from(&id);
            s.patient.name = Some(format!("{RECORD_PATIENT}{n}"));
            std::fs::write(out.join(format!("{day}_{id}.json")), s.to_json())?;
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
            std::fs::write(out.join(format!("{day}_{id}.v002.json")), v2.to_json())?;
        }
        Ok(())
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    fn name(&self) -> String {
        if self.copies == 1 {
            "built-in".into()
        } else {
            format!("{}×", self.copies)
        }
    }

    /// The review's row of a question (the last copy's, with the large questionnaire).
    fn row_of(&self, id: &str) -> io::Result<usize> {
        let id = large::renamed(id, self.copies - 1);
        self.answered
            .iter()
            .position(|i| *i == id)
            .map(|p| p + 1)
            .ok_or_else(|| io::Error::other(format!("no answered question {id}")))
    }

    /// The position of the chosen option of a single-choice question.
    fn chosen(&self, id: &str) -> io::Result<usize> {
        let item = self.questionnaire.item(id);
        match (item, self.answers.get(id)) {
            (Some(item), Some(skin_intake::model::answer::Answer::Choice(code))) => item
                .options
                .iter()
                .position(|o| o.code == *code)
                .ok_or_else(|| io::Error::other(format!("{id}: no option {code}"))),
            _ => Err(io::Error::other(format!("{id} has no chosen option"))),
        }
    }

    /// The answer to a text or date question as its field shows it for editing.
    fn typed(&self, id: &str) -> io::Result<String> {
        let value = self
            .answers
            .get(id)
            .ok_or_else(|| io::Error::other(format!("no answer to {id}")))?;
        Ok(match value {
            skin_intake::model::answer::Answer::Text(t) => t.clone(),
            skin_intake::model::answer::Answer::Date(d) => d.format("%Y-%m-%d").to_string(),
            other => return Err(io::Error::other(format!("{id} is {other:?}"))),
        })
    }

    /// skin-intake in staff mode; the built-in questionnaire is its own, the large one a file.
    fn command(&self, bin: &Path) -> Command {
        let mut command = Command::new(bin);
        command
            .arg("--out")
            .arg(self.out())
            .args(["--today", TODAY]);
        if self.copies > 1 {
            command
                .arg("--questions")
                .arg(self.dir.path().join("questions.json"));
        }
        command
    }

    /// The clinic report over the output folder, in the terminal (its charts).
    fn report(&self, bin: &Path) -> Command {
        let mut command = Command::new(bin);
        command
            .arg("report")
            .arg(self.out())
            .args(["--today", TODAY]);
        command
    }

    /// A menu with a row for every answered question, as the review has.
    fn dialog_review(&self) -> Command {
        let mut command = Command::new("dialog");
        command.args(["--menu", REVIEW_TITLE, "0", "0", "0"]);
        command.args(["submit", "Submit the answers"]);
        for id in &self.answered {
            if let Some(item) = self.questionnaire.item(id) {
                command.args([id.as_str(), item.prompt.get("en")]);
            }
        }
        command
    }

    /// A menu with the staff list's rows: a new intake, the unfinished one and the records.
    fn dialog_list(&self) -> Command {
        let mut command = Command::new("dialog");
        command.args(["--menu", NEW_INTAKE, "0", "0", "0"]);
        command.args(["new", NEW_INTAKE, "unfinished", "Maria Garcia  Unfinished"]);
        for n in 0..self.records {
            let day = today() - Days::new(n as u64);
            command.args([
                format!("{n}"),
                format!("{RECORD_PATIENT}{n}  {day}  Suitable  {REVIEWED}"),
            ]);
        }
        command
    }

    /// A question's options as a menu (single choice) or a checklist (multiple).
    fn dialog_options(&self, id: &str, kind: &str) -> Command {
        let item = self.questionnaire.item(id).expect("the question");
        let mut command = Command::new("dialog");
        command.args([kind, item.prompt.get("en"), "0", "0", "0"]);
        for option in &item.options {
            command.args([option.code.as_str(), option.label.get("en")]);
            if kind == "--checklist" {
                command.arg("off");
            }
        }
        command
    }

    fn dialog_input(prompt: &str, typed: &str) -> Command {
        let mut command = Command::new("dialog");
        command.args(["--inputbox", prompt, "0", "0", typed]);
        command
    }

    /// A record as `skin-intake show` writes it and its answers, in a scrolling text box.
    fn dialog_textbox(&self, bin: &Path) -> io::Result<Command> {
        let first = std::fs::read_dir(self.out())?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with(".v002.json"))
            .ok_or_else(|| io::Error::other("no record"))?;
        let shown = Command::new(bin).arg("show").arg(&first).output()?;
        if !shown.status.success() {
            return Err(io::Error::other(format!(
                "skin-intake show {}: {}",
                first.display(),
                String::from_utf8_lossy(&shown.stderr)
            )));
        }
        // Then every answer, as the record screen lists them (`show` gives the verdict and plan).
        let mut text = String::from_utf8_lossy(&shown.stdout).into_owned();
        let summary: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&first)?).map_err(io::Error::other)?;
        for answer in summary["answers"].as_array().into_iter().flatten() {
            let (q, a) = (&answer["question"], &answer["display"]);
            let _ = write!(
                text,
                "\n{}\n  {}\n",
                q.as_str().unwrap_or(""),
                a.as_str().unwrap_or("")
            );
        }
        let path = self.dir.path().join("record.txt");
        std::fs::write(&path, text)?;
        let mut command = Command::new("dialog");
        command.arg("--textbox").arg(path).args(["0", "0"]);
        Ok(command)
    }

    fn dialog_msgbox() -> Command {
        let mut command = Command::new("dialog");
        command.args(["--msgbox", MESSAGE, "6", "40"]);
        command
    }
}

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("a date")
}

fn clock() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-03-10T09:00:00+01:00").expect("a time")
}

/// A program in a pseudo-terminal of its own, ended when dropped.
struct Pty {
    child: Child,
    master: File,
    /// When it was started, for its first frame.
    spawned: Instant,
    /// It closed its terminal (it ended).
    ended: bool,
    /// What the terminal shows, to check each program is on the screen meant; and all it wrote
    /// (a program that prints and ends, such as the report, scrolls past the screen).
    screen: vt100::Parser,
    written: Vec<u8>,
}

/// What one key caused: the bytes written, when the last of them came, and the processor time
/// the program spent on it (which other work on the machine does not lengthen).
#[derive(Clone, Copy)]
struct Sample {
    bytes: usize,
    latency: Option<Duration>,
    cpu: Option<Duration>,
}

impl Pty {
    fn spawn(mut command: Command) -> io::Result<Pty> {
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)?;
        grantpt(&master)?;
        unlockpt(&master)?;
        let name = ptsname(&master, Vec::new())?;
        let slave = rustix::fs::open(
            name.as_c_str(),
            OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        tcsetwinsize(
            &slave,
            Winsize {
                ws_row: ROWS,
                ws_col: COLS,
                ws_xpixel: 0,
                ws_ypixel: 0,
            },
        )?;
        command
            .env("TERM", "xterm-256color")
            .env("LC_ALL", "C.UTF-8")
            .stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::from(slave));
        // SAFETY: between fork and exec only two system calls run, both async-signal-safe: a new
        // session, with the terminal as its controlling terminal (so /dev/tty is this terminal).
        unsafe {
            command.pre_exec(|| {
                rustix::process::setsid()?;
                rustix::process::ioctl_tiocsctty(rustix::stdio::stdin())?;
                Ok(())
            });
        }
        let spawned = Instant::now();
        let child = command.spawn()?;
        Ok(Pty {
            child,
            master: File::from(master),
            spawned,
            ended: false,
            screen: vt100::Parser::new(
                NonZeroU16::new(ROWS).expect("rows"),
                NonZeroU16::new(COLS).expect("columns"),
                0,
            ),
            written: Vec::new(),
        })
    }

    fn first_screen(&mut self) -> io::Result<()> {
        let (bytes, _) = self.read_until_quiet(START_LIMIT, Duration::from_millis(300))?;
        if bytes == 0 {
            return Err(io::Error::other(format!(
                "{:?} drew nothing in {} s",
                self.child,
                START_LIMIT.as_secs()
            )));
        }
        Ok(())
    }

    /// The time from the start to the last byte of the first frame that shows `text` (the output
    /// then quiet for [`FRAME_QUIET`], or the program ended).
    fn first_frame(&mut self, text: &str) -> io::Result<Duration> {
        let deadline = self.spawned + START_LIMIT;
        let mut last = None;
        loop {
            let (_, at) = self.read_until_quiet(START_LIMIT, FRAME_QUIET)?;
            last = at.or(last);
            if self.has(text) {
                break;
            }
            if self.ended || Instant::now() > deadline {
                return self.shows(text).map(|()| Duration::ZERO);
            }
        }
        last.map(|t| t - self.spawned)
            .ok_or_else(|| io::Error::other("no frame"))
    }

    /// Writes a key and reads the output it causes; waits at most `first` for its first byte.
    fn key(&mut self, key: &[u8], first: Duration, quiet: Duration) -> io::Result<Sample> {
        if self.ended {
            return Err(io::Error::other(format!(
                "{:?} ended before a key; its screen:\n{}",
                self.child,
                self.screen.screen().contents()
            )));
        }
        let cpu_before = self.cpu_time();
        let start = Instant::now();
        self.master.write_all(key)?;
        let (bytes, last) = self.read_until_quiet(first, quiet)?;
        let cpu = cpu_before
            .zip(self.cpu_time())
            .map(|(before, after)| after.saturating_sub(before));
        Ok(Sample {
            bytes,
            latency: last.map(|t| t - start),
            cpu,
        })
    }

    /// The processor time all the program's threads have had, from the scheduler's count in
    /// nanoseconds (read while the program waits for input, so it is up to date).
    fn cpu_time(&self) -> Option<Duration> {
        let tasks = std::fs::read_dir(format!("/proc/{}/task", self.child.id())).ok()?;
        let mut total = 0;
        for task in tasks {
            let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
            total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
        }
        Some(Duration::from_nanos(total))
    }

    /// Keys whose cost is not measured (moving between screens).
    fn keys(&mut self, keys: &[&[u8]]) -> io::Result<()> {
        for key in keys {
            self.key(key, FIRST_BYTE_LIMIT, SETTLE)?;
        }
        Ok(())
    }

    /// Opens a question from the review by its row.
    fn open_from_review(&mut self, row: usize) -> io::Result<()> {
        let mut keys = vec![HOME];
        keys.extend(std::iter::repeat_n(DOWN, row));
        keys.push(ENTER);
        self.keys(&keys)
    }

    /// Reads what comes within `wait` (work that ends in a redraw, such as submitting).
    fn settle(&mut self, wait: Duration) -> io::Result<()> {
        self.read_until_quiet(wait, wait).map(|_| ())
    }

    /// Reads until no byte has come for `quiet`, or none at all within `first`. Returns how many
    /// bytes came and when the last one did.
    fn read_until_quiet(
        &mut self,
        first: Duration,
        quiet: Duration,
    ) -> io::Result<(usize, Option<Instant>)> {
        let mut buf = vec![0; 1 << 16];
        let mut output = Vec::new();
        let mut last = None;
        let done = loop {
            if self.ended {
                break Ok((output.len(), last));
            }
            let wait = Timespec::try_from(if last.is_some() { quiet } else { first })
                .map_err(io::Error::other)?;
            let mut fds = [PollFd::new(&self.master, PollFlags::IN)];
            match poll(&mut fds, Some(&wait)) {
                Ok(0) => break Ok((output.len(), last)),
                Ok(_) => {}
                Err(rustix::io::Errno::INTR) => continue,
                Err(e) => break Err(e.into()),
            }
            match self.master.read(&mut buf) {
                Ok(n) if n > 0 => {
                    last = Some(Instant::now());
                    output.extend_from_slice(&buf[..n]);
                }
                // The terminal's other side closed (EIO on Linux): the program ended. A key sent
                // after that fails; a screen checked shows what it left.
                Ok(_) | Err(_) => self.ended = true,
            }
        };
        // After the timing, so that reading the screen costs the measurement nothing.
        self.screen.process(&output);
        self.written.extend_from_slice(&output);
        done
    }

    fn has(&self, text: &str) -> bool {
        self.screen.screen().contents().contains(text)
            || (self.ended && String::from_utf8_lossy(&self.written).contains(text))
    }

    /// Fails unless the screen shows `text`, printing what it shows instead.
    fn shows(&self, text: &str) -> io::Result<()> {
        self.check(text, true)
    }

    fn check(&self, text: &str, shown: bool) -> io::Result<()> {
        if self.has(text) == shown {
            return Ok(());
        }
        let not = if shown { "" } else { " not" };
        let ended = if self.ended { " (it ended)" } else { "" };
        Err(io::Error::other(format!(
            "expected the screen of {:?}{ended}{not} to show {text:?}, and it shows:\n{}",
            self.child,
            self.screen.screen().contents()
        )))
    }

    /// The last question is on screen (its prompt, and not the review that lists it too).
    fn on_last_question(&self) -> io::Result<()> {
        self.check(LAST_QUESTION, true)?;
        self.check(REVIEW_TITLE, false)
    }

    /// The most memory the program has held (`VmHWM`), in KiB.
    fn peak_memory(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Keys sent in a repeating order, each with whether it is measured.
type Cycle = Vec<(&'static [u8], bool)>;

fn cycle(parts: &[(&'static [u8], usize, bool)]) -> Cycle {
    parts
        .iter()
        .flat_map(|&(key, times, measured)| std::iter::repeat_n((key, measured), times))
        .collect()
}

/// Sends each program its keys in a cycle, one key to each in turn, until each has `count`
/// measured keys.
fn lockstep<const N: usize>(
    mut runs: [(&mut Pty, &Cycle); N],
    count: usize,
) -> io::Result<[Vec<Sample>; N]> {
    let mut samples: [Vec<Sample>; N] = std::array::from_fn(|_| Vec::with_capacity(count));
    let mut next = [0; N];
    while samples.iter().any(|s| s.len() < count) {
        for (i, (pty, keys)) in runs.iter_mut().enumerate() {
            if samples[i].len() == count {
                continue;
            }
            let (key, measured) = keys[next[i] % keys.len()];
            next[i] += 1;
            let quiet = if measured { QUIET } else { SETTLE };
            let sample = pty.key(key, FIRST_BYTE_LIMIT, quiet)?;
            if measured {
                samples[i].push(sample);
                // Every key in a cycle changes the screen: a few that draw nothing mean the
                // program is not where its keys are meant to go.
                let missed = samples[i].iter().filter(|s| s.latency.is_none()).count();
                if missed > MISSED_LIMIT {
                    return Err(io::Error::other(format!(
                        "{missed} keys to {:?} drew nothing within {} s; its screen:\n{}",
                        pty.child,
                        FIRST_BYTE_LIMIT.as_secs(),
                        pty.screen.screen().contents()
                    )));
                }
            }
        }
    }
    Ok(samples)
}

struct Stats {
    median: Duration,
    p99: Duration,
    /// Processor time per key, median.
    cpu: Duration,
    /// Bytes written per key, on average.
    bytes: usize,
    /// Keys after which nothing was written.
    missed: usize,
}

impl Stats {
    fn of(samples: &[Sample]) -> Stats {
        let times: Vec<Duration> = samples.iter().filter_map(|s| s.latency).collect();
        let cpu: Vec<Duration> = samples.iter().filter_map(|s| s.cpu).collect();
        Stats {
            median: rank(&times, 50),
            p99: rank(&times, 99),
            cpu: rank(&cpu, 50),
            bytes: samples.iter().map(|s| s.bytes).sum::<usize>() / samples.len().max(1),
            missed: samples.len() - times.len(),
        }
    }

    fn times(times: &[Duration]) -> Stats {
        Stats {
            median: rank(times, 50),
            p99: rank(times, 99),
            cpu: Duration::ZERO,
            bytes: 0,
            missed: 0,
        }
    }

    fn cell(&self) -> String {
        if self.missed > 0 && self.bytes == 0 {
            return "nothing drawn".into();
        }
        let missed = if self.missed > 0 {
            format!(" ({} drew nothing)", self.missed)
        } else {
            String::new()
        };
        format!("{:.2} / {:.2} ms{missed}", ms(self.median), ms(self.p99))
    }
}

/// The `p`-th percentile by nearest rank (zero for no values).
fn rank(values: &[Duration], p: usize) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    sorted
        .get((sorted.len() * p).div_ceil(100).saturating_sub(1))
        .copied()
        .unwrap_or_default()
}

/// One line of the table: what was measured, skin-intake's figure and its reference's, and the
/// budget with whether it is met.
struct Line {
    questionnaire: String,
    what: String,
    ours: String,
    cpu: String,
    bytes: String,
    reference: String,
    ratio: String,
    budget: String,
    met: &'static str,
}

#[derive(Default)]
struct Table {
    lines: Vec<Line>,
    /// Keys that should have drawn and did not.
    missed: usize,
}

impl Table {
    fn keys(&mut self, q: &str, what: &str, ours: &[Sample], dialog: Option<(&str, &[Sample])>) {
        let a = Stats::of(ours);
        self.missed += a.missed;
        let (reference, ratio, budget, met) = match dialog {
            Some((program, samples)) => {
                let b = Stats::of(samples);
                self.missed += b.missed;
                let ratio = ms(a.median) / ms(b.median);
                (
                    format!(
                        "dialog {program} {} (cpu {:.2} ms, {} B)",
                        b.cell(),
                        ms(b.cpu),
                        b.bytes
                    ),
                    format!("{ratio:.2}×"),
                    "median ≤ 1.0× dialog, p99 ≤ 2 ms".to_owned(),
                    yes(ratio <= 1.0 && a.p99 <= P99_BUDGET),
                )
            }
            None => (
                "—".into(),
                "—".into(),
                "p99 ≤ 2 ms".into(),
                yes(a.p99 <= P99_BUDGET),
            ),
        };
        self.lines.push(Line {
            questionnaire: q.into(),
            what: what.into(),
            ours: a.cell(),
            cpu: format!("{:.2} ms", ms(a.cpu)),
            bytes: a.bytes.to_string(),
            reference,
            ratio,
            budget,
            met,
        });
    }

    fn no_op(&mut self, q: &str, ours: &[Sample], dialog: &[Sample]) {
        let (a, b) = (Stats::of(ours), Stats::of(dialog));
        self.lines.push(Line {
            questionnaire: q.into(),
            what: "no-op key (F12)".into(),
            ours: a.cell(),
            cpu: format!("{:.2} ms", ms(a.cpu)),
            bytes: a.bytes.to_string(),
            reference: format!(
                "dialog --menu {} (cpu {:.2} ms, {} B)",
                b.cell(),
                ms(b.cpu),
                b.bytes
            ),
            ratio: "—".into(),
            budget: "writes nothing".into(),
            met: yes(a.bytes == 0),
        });
    }

    fn first_frame(&mut self, q: &str, what: &str, ours: &[Duration], dialog: &[Duration]) {
        let (a, b) = (Stats::times(ours), Stats::times(dialog));
        let ratio = ms(a.median) / ms(b.median);
        self.lines.push(Line {
            questionnaire: q.into(),
            what: format!("{what}, {} starts", ours.len()),
            ours: a.cell(),
            cpu: "—".into(),
            bytes: "—".into(),
            reference: format!("dialog --msgbox {}", b.cell()),
            ratio: format!("{ratio:.2}×"),
            budget: "median ≤ 1.0× dialog".into(),
            met: yes(ratio <= 1.0),
        });
    }

    fn big(&mut self, q: &str, what: &str, times: &[Duration], budget: Duration) {
        let a = Stats::times(times);
        self.lines.push(Line {
            questionnaire: q.into(),
            what: format!("{what}, {} starts", times.len()),
            ours: a.cell(),
            cpu: "—".into(),
            bytes: "—".into(),
            reference: "—".into(),
            ratio: "—".into(),
            budget: format!("median ≤ {} ms", budget.as_millis()),
            met: yes(a.median <= budget),
        });
    }

    fn memory(&mut self, q: &str, ours: Option<u64>, dialog: Option<u64>) {
        #[allow(clippy::cast_precision_loss)] // KiB of one process fit an f64 exactly
        let ratio = ours.zip(dialog).map(|(a, b)| a as f64 / b as f64);
        self.lines.push(Line {
            questionnaire: q.into(),
            what: "peak memory (VmHWM) of a whole intake".into(),
            ours: mib(ours),
            cpu: "—".into(),
            bytes: "—".into(),
            reference: format!("dialog --menu {}", mib(dialog)),
            ratio: ratio.map_or_else(|| "—".into(), |r| format!("{r:.2}×")),
            budget: format!("≤ {MEMORY_BUDGET}× dialog"),
            met: yes(ratio.is_some_and(|r| r <= MEMORY_BUDGET)),
        });
    }

    fn print(&self) {
        let header = [
            "questionnaire",
            "what",
            "skin-intake median / p99",
            "cpu",
            "bytes",
            "beside",
            "ratio",
            "budget",
            "met",
        ];
        let cells: Vec<[&str; 9]> = self
            .lines
            .iter()
            .map(|l| {
                [
                    l.questionnaire.as_str(),
                    &l.what,
                    &l.ours,
                    &l.cpu,
                    &l.bytes,
                    &l.reference,
                    &l.ratio,
                    &l.budget,
                    l.met,
                ]
            })
            .collect();
        let mut widths = header.map(|h| h.chars().count());
        for row in &cells {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(c.chars().count());
            }
        }
        let line = |row: &[&str; 9]| {
            let mut s = String::new();
            for (c, w) in row.iter().zip(widths) {
                let _ = write!(s, "{c}{}  ", " ".repeat(w - c.chars().count()));
            }
            println!("{}", s.trim_end());
        };
        println!();
        line(&header);
        for row in &cells {
            line(row);
        }
    }

    /// Tab-separated: what, skin-intake, beside, ratio, budget, met.
    fn tsv(&self) -> String {
        let mut s = String::new();
        for l in &self.lines {
            let _ = writeln!(
                s,
                "{} ({})\t{}\t{}\t{}\t{}\t{}",
                l.what, l.questionnaire, l.ours, l.reference, l.ratio, l.budget, l.met
            );
        }
        s
    }
}

fn yes(met: bool) -> &'static str {
    if met { "yes" } else { "NO" }
}

/// The 1, 5 and 15 minute load averages.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".into(),
        |text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        },
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mib(kib: Option<u64>) -> String {
    #[allow(clippy::cast_precision_loss)] // KiB of one process fit an f64 exactly
    kib.map_or_else(
        || "unknown".into(),
        |k| format!("{:.1} MiB", k as f64 / 1024.0),
    )
}
