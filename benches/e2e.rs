//! End to end: what a key costs as a person at the terminal sees it. The release binary and
//! `dialog` run side by side in pseudo-terminals of 120×40 in the same run; each key is written
//! to the terminal and timed to the last byte of the redraw it causes (the output has then been
//! quiet for [`QUIET`]). Keys go to the programs in turn, so both meet the same machine.
//!
//! `cargo bench --bench e2e`; needs `dialog` (`apt-get install dialog`). `SKIN_INTAKE_BIN=path`
//! measures another build of skin-intake with the same keys.

#[path = "support/large.rs"]
mod large;

use std::fs::File;
use std::io::{self, Read, Write};
use std::num::NonZeroU16;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::fs::{Mode, OFlags};
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};
use skin_intake::engine::summary;
use skin_intake::engine::visibility;
use skin_intake::model::answer::Answers;
use skin_intake::model::questionnaire::Questionnaire;
use skin_intake::{load, store};

const COLS: u16 = 120;
const ROWS: u16 = 40;
/// The large questionnaire is the built-in one this many times.
const COPIES: usize = 100;
const TODAY: &str = "2025-03-10";
/// Keys measured per row of the table, and per no-op row.
const KEYS: usize = 300;
const NO_OP_KEYS: usize = 30;
/// A redraw has ended when no byte follows for this long.
const QUIET: Duration = Duration::from_millis(15);
/// The same for keys that are not measured, longer so that a key such as Esc never reaches the
/// program while it is still drawing (two Esc bytes read at once are not two Esc keys).
const SETTLE: Duration = Duration::from_millis(50);
/// A key that changes the screen and shows nothing for this long is counted as missed.
const FIRST_BYTE_LIMIT: Duration = Duration::from_secs(2);
/// How long to wait for a program's first screen.
const START_LIMIT: Duration = Duration::from_secs(20);

// Keys as an xterm sends them in application cursor mode (what `dialog` asks for and what
// skin-intake also reads).
const UP: &[u8] = b"\x1bOA";
const DOWN: &[u8] = b"\x1bOB";
const HOME: &[u8] = b"\x1bOH";
const ENTER: &[u8] = b"\r";
const ESC: &[u8] = b"\x1b";
/// Bound to nothing in either program.
const NO_OP: &[u8] = b"\x1b[24~";
const NO_OP_ACTION: &str = "no-op key (F12)";

// What shows that a program is on the screen meant.
const REVIEW_TITLE: &str = "Please check your answers";
const CONCERNS: &str = "What would you like to improve?";
const LAST_QUESTION: &str = "Is there anything else you would like the clinician to know?";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("e2e: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
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
    println!(
        "End to end at {COLS}×{ROWS}: key written → last byte of the redraw (quiet {} ms after it).",
        QUIET.as_millis()
    );
    println!("skin-intake: {}", bin.display());
    // Other work on the machine shows in the figures, p99 most.
    let load_before = load_average();
    let mut rows = Vec::new();
    let mut memory = Vec::new();
    for copies in [1, COPIES] {
        let (found, peak) = measure(&bin, copies).map_err(|e| e.to_string())?;
        rows.extend(found);
        memory.push((copies, peak));
    }
    print_table(&rows);
    for (copies, peak) in memory {
        println!(
            "peak memory (VmHWM), {}: skin-intake {}, dialog menu {}",
            questionnaire_name(copies),
            mib(peak.ours),
            mib(peak.dialog)
        );
    }
    println!(
        "load average before and after: {load_before}, {}",
        load_average()
    );
    let missed: usize = rows
        .iter()
        .filter(|r| r.redraws)
        .map(|r| r.ours.missed + r.dialog.as_ref().map_or(0, |d| d.missed))
        .sum();
    if missed > 0 {
        return Err(format!(
            "{missed} keys showed no redraw within {} s",
            FIRST_BYTE_LIMIT.as_secs()
        ));
    }
    Ok(())
}

/// One line of the table.
struct Row {
    copies: usize,
    action: &'static str,
    /// The key changes the screen, so it must draw.
    redraws: bool,
    ours: Stats,
    dialog: Option<Stats>,
}

/// The most memory skin-intake and the dialog menu held, in KiB.
struct Memory {
    ours: Option<u64>,
    dialog: Option<u64>,
}

/// All rows for one questionnaire, and the peak memory.
fn measure(bin: &Path, copies: usize) -> io::Result<(Vec<Row>, Memory)> {
    let setup = Setup::new(copies)?;
    let mut ours = Pty::spawn(setup.command(bin))?;
    let mut menu = Pty::spawn(setup.dialog_menu())?;
    let mut checklist = Pty::spawn(setup.dialog_checklist())?;
    for pty in [&mut ours, &mut menu, &mut checklist] {
        pty.first_screen()?;
    }
    ours.shows("New intake")?;
    menu.shows(REVIEW_TITLE)?;
    checklist.shows(CONCERNS)?;
    let mut rows = Vec::new();
    let mut row = |action, ours: &[Sample], dialog: Option<&[Sample]>| {
        rows.push(Row {
            copies,
            action,
            redraws: action != NO_OP_ACTION,
            ours: Stats::of(ours),
            dialog: dialog.map(Stats::of),
        });
    };

    // The start list: the one unfinished intake, which resumes at the review (all answered).
    ours.keys(&[DOWN, ENTER])?;
    ours.shows(REVIEW_TITLE)?;

    let review = cycle(&[(DOWN, 20, true), (UP, 20, true)]);
    let [ours_review, menu_review] = lockstep([(&mut ours, &review), (&mut menu, &review)], KEYS)?;
    ours.shows(REVIEW_TITLE)?;
    row("move on the review", &ours_review, Some(&menu_review));

    // To the multiple-choice question of concerns, ten options, opened from the review.
    let mut to_concerns = vec![HOME];
    to_concerns.extend(std::iter::repeat_n(DOWN, setup.concerns_row));
    to_concerns.push(ENTER);
    ours.keys(&to_concerns)?;
    ours.shows("Dull, tired-looking skin")?;
    let highlight = cycle(&[(DOWN, 9, true), (UP, 9, true)]);
    let [ours_move, dialog_move] = lockstep(
        [(&mut ours, &highlight), (&mut checklist, &highlight)],
        KEYS,
    )?;
    row(
        "move a highlight on a question",
        &ours_move,
        Some(&dialog_move),
    );

    // A key that changes nothing; waited for long enough to see a slow redraw, if one comes.
    let window = |samples: &[Sample]| (Stats::of(samples).p99 * 4).max(Duration::from_millis(100));
    let (ours_window, dialog_window) = (window(&ours_move), window(&dialog_move));
    let mut ours_no_op = Vec::new();
    let mut dialog_no_op = Vec::new();
    for _ in 0..NO_OP_KEYS {
        ours_no_op.push(ours.key(NO_OP, ours_window, QUIET)?);
        dialog_no_op.push(checklist.key(NO_OP, dialog_window, QUIET)?);
    }
    row(NO_OP_ACTION, &ours_no_op, Some(&dialog_no_op));

    // Back to the review, then from its last question: back ten questions and confirm ten, each
    // Enter checking the answer, saving the draft and showing the next question.
    ours.keys(&[ESC, ESC])?;
    ours.on_last_question()?;
    let confirm = cycle(&[(ESC, 10, false), (ENTER, 10, true)]);
    let [ours_enter] = lockstep([(&mut ours, &confirm)], KEYS)?;
    // Every Enter was accepted: the last one came back to the last question.
    ours.on_last_question()?;
    row("Enter on a question (confirm + save)", &ours_enter, None);

    let memory = Memory {
        ours: ours.peak_memory(),
        dialog: menu.peak_memory(),
    };
    Ok((rows, memory))
}

/// A questionnaire, an output folder with one unfinished intake that answers all of it, and the
/// `dialog` screens of the same size.
struct Setup {
    dir: tempfile::TempDir,
    copies: usize,
    questionnaire: Questionnaire,
    answers: Answers,
    /// The review row of the concerns question (row 0 is Submit).
    concerns_row: usize,
}

impl Setup {
    fn new(copies: usize) -> io::Result<Setup> {
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
        let now = chrono::DateTime::parse_from_rfc3339("2025-03-10T09:00:00+01:00")
            .map_err(io::Error::other)?;
        let mut draft = store::Draft::new(&questionnaire, "en", summary::Mode::Staff, now);
        draft.record(&answers, None, now);
        // Released when dropped, for the program to take.
        let lock = store::lock_draft(&out, &draft.id).map_err(io::Error::other)?;
        store::save_draft(&out, &draft, &lock)?;
        let today =
            chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").map_err(io::Error::other)?;
        let concerns_row = visibility::answered_items(&questionnaire, &answers, today)
            .iter()
            .position(|i| i.id == "concerns")
            .map(|p| p + 1)
            .ok_or_else(|| io::Error::other("no concerns question"))?;
        Ok(Setup {
            dir,
            copies,
            questionnaire,
            answers,
            concerns_row,
        })
    }

    /// skin-intake in staff mode; the built-in questionnaire is its own, the large one a file.
    fn command(&self, bin: &Path) -> Command {
        let mut command = Command::new(bin);
        command
            .arg("--out")
            .arg(self.dir.path().join("out"))
            .args(["--today", TODAY]);
        if self.copies > 1 {
            command
                .arg("--questions")
                .arg(self.dir.path().join("questions.json"));
        }
        command
    }

    /// A menu with a row for every answered question, as the review has.
    fn dialog_menu(&self) -> Command {
        let mut command = Command::new("dialog");
        command.args(["--menu", REVIEW_TITLE, "0", "0", "0"]);
        command.args(["submit", "Submit the answers"]);
        for item in self.questionnaire.items() {
            if self.answers.get(&item.id).is_some() {
                command.args([&item.id, item.prompt.get("en")]);
            }
        }
        command
    }

    /// A checklist of the concerns question's options.
    fn dialog_checklist(&self) -> Command {
        let concerns = self.questionnaire.item("concerns").expect("concerns");
        let mut command = Command::new("dialog");
        command.args(["--checklist", concerns.prompt.get("en"), "0", "0", "0"]);
        for option in &concerns.options {
            command.args([option.code.as_str(), option.label.get("en"), "off"]);
        }
        command
    }
}

/// A program in a pseudo-terminal of its own, ended when dropped.
struct Pty {
    child: Child,
    master: File,
    /// What the terminal shows, to check each program is on the screen meant.
    screen: vt100::Parser,
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
        let child = command.spawn()?;
        Ok(Pty {
            child,
            master: File::from(master),
            screen: vt100::Parser::new(
                NonZeroU16::new(ROWS).expect("rows"),
                NonZeroU16::new(COLS).expect("columns"),
                0,
            ),
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

    /// Writes a key and reads the output it causes; waits at most `first` for its first byte.
    fn key(&mut self, key: &[u8], first: Duration, quiet: Duration) -> io::Result<Sample> {
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
                Ok(0) => break Ok((output.len(), last)),
                Ok(n) => {
                    last = Some(Instant::now());
                    output.extend_from_slice(&buf[..n]);
                }
                Err(e) => {
                    break Err(io::Error::other(format!(
                        "{:?} ended or closed its terminal: {e}",
                        self.child
                    )));
                }
            }
        };
        // After the timing, so that reading the screen costs the measurement nothing.
        self.screen.process(&output);
        done
    }

    /// Fails unless the screen shows `text`, printing what it shows instead.
    fn shows(&self, text: &str) -> io::Result<()> {
        self.check(text, true)
    }

    fn check(&self, text: &str, shown: bool) -> io::Result<()> {
        let contents = self.screen.screen().contents();
        if contents.contains(text) == shown {
            return Ok(());
        }
        let not = if shown { "" } else { " not" };
        Err(io::Error::other(format!(
            "expected the screen of {:?}{not} to show {text:?}, and it shows:\n{contents}",
            self.child
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

    fn cell(&self) -> String {
        let cpu = ms(self.cpu);
        if self.missed > 0 && self.bytes == 0 {
            return format!("{:>19}  {cpu:>6.2}  {:>5}", "nothing drawn", 0);
        }
        format!(
            "{:>7.2} / {:>7.2} ms  {cpu:>6.2}  {:>5}",
            ms(self.median),
            ms(self.p99),
            self.bytes
        )
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

fn print_table(rows: &[Row]) {
    let cell = |name: &str| format!("{name:<35}");
    println!("\n{:<52} {}   {}", "", cell("skin-intake"), cell("dialog"));
    let columns = "   median /     p99 ms  cpu ms  bytes";
    println!(
        "{:<13} {:<38} {columns}   {columns}   ratio",
        "questionnaire", "action"
    );
    for row in rows {
        let (dialog, ratio) = match &row.dialog {
            Some(d) if d.bytes > 0 && row.ours.bytes > 0 => (
                d.cell(),
                format!("{:.1}×", ms(row.ours.median) / ms(d.median)),
            ),
            Some(d) => (d.cell(), "—".into()),
            None => (format!("{:>35}", "—"), "—".into()),
        };
        println!(
            "{:<13} {:<38} {}   {}   {ratio:>5}",
            questionnaire_name(row.copies),
            row.action,
            row.ours.cell(),
            dialog,
        );
    }
    println!("skin-intake, {COPIES}× the questionnaire against the built-in one (median, cpu):");
    for action in rows.iter().filter(|r| r.copies == 1) {
        if let Some(large) = rows
            .iter()
            .find(|r| r.copies == COPIES && r.action == action.action)
            && action.ours.bytes > 0
        {
            println!(
                "  {}: {:.1}×, {:.1}×",
                action.action,
                ms(large.ours.median) / ms(action.ours.median),
                ms(large.ours.cpu) / ms(action.ours.cpu)
            );
        }
    }
}

fn questionnaire_name(copies: usize) -> String {
    if copies == 1 {
        "built-in".into()
    } else {
        format!("{copies}×")
    }
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
