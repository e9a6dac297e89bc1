//! The command line: picks the front door and turns errors into messages and exit codes.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{Local, NaiveDate, SubsecRound};
use clap::{Parser, Subcommand, ValueEnum};

use skin_intake::clinic::delivery::NotCaughtUp;
use skin_intake::clinic::summary::Added;
use skin_intake::engine::summary::{Metadata, Mode};
use skin_intake::fhir::{self, ExportError};
use skin_intake::load;
use skin_intake::load::answers::AnswersProblem;
use skin_intake::model::questionnaire::{BUILT_IN, BUILT_IN_NAME, Questionnaire};
use skin_intake::model::text::DEFAULT_LANGUAGE;
use skin_intake::words::{self, Say, Words};
use skin_intake::{clinic, dates, print, store, tui};

#[derive(Parser)]
#[command(
    name = "skin-intake",
    version,
    about = "Microneedling consultation intake"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The questionnaire to use instead of the built-in one.
    #[arg(long, value_name = "PATH", global = true)]
    questions: Option<PathBuf>,
    /// The reference date, YYYY-MM-DD (default: today's local date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, global = true)]
    today: Option<NaiveDate>,
    /// The language of questions and messages.
    #[arg(long, default_value = DEFAULT_LANGUAGE, global = true)]
    language: String,
    /// Kiosk mode: patients answer alone; leaving needs the staff PIN (F10).
    #[arg(long)]
    kiosk: bool,
    /// Plain line mode: the questions as plain lines on stdout, answers read from stdin (for
    /// screen readers, braille displays, serial consoles and scripts).
    #[arg(long)]
    plain: bool,
    /// Where summaries and unfinished intakes go (default: $XDG_DATA_HOME/skin-intake, else
    /// ~/.local/share/skin-intake).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Kiosk: seconds the thank-you screen stays before the welcome screen returns (1 to 3600).
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = seconds_up_to(3600))]
    done_timeout: u64,
    /// Kiosk: seconds without a key before "Are you still there?" appears (1 to 86400).
    #[arg(long, value_name = "SECS", default_value_t = 120, value_parser = seconds_up_to(86_400))]
    idle_timeout: u64,
    /// Kiosk: a file holding the staff PIN (instead of `SKIN_INTAKE_STAFF_PIN`).
    #[arg(long, value_name = "PATH")]
    staff_pin_file: Option<PathBuf>,
    /// A high-contrast colour theme.
    #[arg(long)]
    high_contrast: bool,
    /// Deliver every finished intake to this FHIR server (HTTPS, or HTTP on this machine), without
    /// credentials; records wait in OUT/outbox until it has them.
    #[arg(
        long,
        value_name = "URL",
        global = true,
        conflicts_with = "fhir_config"
    )]
    fhir_server: Option<String>,
    /// Deliver to the FHIR server this JSON file describes: its URL, credentials and timeout (see the
    /// README).
    #[arg(long, value_name = "PATH", global = true)]
    fhir_config: Option<PathBuf>,
    /// The CUPS printer records are printed on (`print`, and `p` on a record in the staff list);
    /// default: CUPS's default printer.
    #[arg(long, value_name = "NAME", global = true)]
    printer: Option<String>,
    /// The paper printed records are laid out on (default: PAPERSIZE or /etc/papersize when it
    /// says letter, else A4).
    #[arg(long, value_enum, global = true)]
    paper: Option<PaperSize>,
}

#[derive(Subcommand)]
enum Command {
    /// Score an answers file and print the summary JSON on stdout.
    Score {
        /// What to print.
        #[arg(long, value_enum, default_value_t = Format::Summary)]
        format: Format,
        /// The answers file: {"answers": {"<question id>": value}}.
        answers: PathBuf,
    },
    /// Show a summary: as text for the terminal, or as a PDF or HTML page to print.
    Show {
        /// How to show it.
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// The summary file (any version of a record, format 1 or 2).
        summary: PathBuf,
    },
    /// Print a summary on the clinic's printer through CUPS (--printer NAME, or the default one):
    /// a PDF with the patient's and the clinician's signature lines.
    Print {
        /// The summary file (any version of a record, format 1 or 2).
        summary: PathBuf,
    },
    /// Check a questionnaire file (default: the built-in one); print `ok` or every problem.
    Check {
        /// The questionnaire file.
        path: Option<PathBuf>,
    },
    /// Send the records waiting in OUT's outbox to the FHIR server now, and say what came of each.
    Push {
        /// The output folder whose outbox to send (as given to --out).
        out: PathBuf,
    },
    /// What the records in DIR add up to: intakes per week, verdicts, concerns, reasons, review and
    /// delivery states, sessions expected; with --rescore, what another questionnaire would change.
    Report {
        /// The output folder whose records to count (as given to --out).
        dir: PathBuf,
        /// Only intakes finished on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        since: Option<NaiveDate>,
        /// Only intakes finished on or before this day (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        until: Option<NaiveDate>,
        /// Print the figures as JSON for other tools.
        #[arg(long)]
        json: bool,
        /// Assess each intake's latest answers again under this questionnaire's rules and show
        /// which verdicts and session ranges would change.
        #[arg(long, value_name = "QUESTIONS.json")]
        rescore: Option<PathBuf>,
    },
    /// Print the questionnaire (default: the built-in one) in another format.
    Questionnaire {
        /// What to print.
        #[arg(long, value_enum)]
        format: QuestionnaireFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// The skin-intake summary JSON.
    Summary,
    /// A FHIR R4 QuestionnaireResponse (JSON).
    Fhir,
}

#[derive(Clone, Copy, ValueEnum)]
enum QuestionnaireFormat {
    /// A FHIR R4 Questionnaire (JSON).
    Fhir,
}

#[derive(Clone, Copy, ValueEnum)]
enum ShowFormat {
    /// The record as text (colour on a terminal, unless `NO_COLOR` is set).
    Text,
    /// A self-contained HTML page to print, with signature lines.
    Html,
    /// A PDF to print or file, with signature lines (to a file or a pipe, never a terminal).
    Pdf,
    /// A FHIR R4 QuestionnaireResponse (JSON).
    Fhir,
}

#[derive(Clone, Copy, ValueEnum)]
enum PaperSize {
    /// 210 × 297 mm.
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

/// A failure and how the process ends because of it.
enum Failure {
    /// The user's input is wrong: exit 2.
    BadInput(String),
    /// Something else went wrong: exit 1.
    Failed(String),
}

/// The most a PIN file may hold.
const PIN_FILE_BYTES: u64 = 1024;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Checked before any file is opened: a file opened now could take the closed descriptor and
    // receive what was meant for stdout.
    let outcome = if stdout_is_closed() {
        Err(Failure::Failed(
            "standard output is closed, so the result has nowhere to go; run skin-intake with \
             its output open (a terminal, a file or a pipe)"
                .into(),
        ))
    } else {
        run(&cli)
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::BadInput(message)) => {
            say(&message);
            ExitCode::from(2)
        }
        Err(Failure::Failed(message)) => {
            say(&message);
            ExitCode::from(1)
        }
    }
}

/// A line on stderr; one that cannot be written (its terminal gone) is not a panic.
fn say(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// Whether stdout was closed when the program started (`>&-`). Rust's runtime then opens
/// `/dev/null` in its place before `main`, so every write would vanish without an error; so the
/// descriptor is looked at before the runtime starts, by a constructor. A `/dev/null` given on
/// purpose, read-write or not (`>/dev/null`, Python's `subprocess.DEVNULL`), is left alone.
fn stdout_is_closed() -> bool {
    STDOUT_CLOSED_AT_START.load(Ordering::Relaxed)
}

static STDOUT_CLOSED_AT_START: AtomicBool = AtomicBool::new(false);

/// Runs as the program is loaded, before the Rust runtime reopens closed standard descriptors.
#[used]
#[unsafe(link_section = ".init_array")]
static LOOK_AT_STDOUT: extern "C" fn() = {
    extern "C" fn look() {
        // SAFETY: F_GETFL only reads the descriptor's flags; it fails with EBADF when closed.
        if unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFL) } == -1 {
            STDOUT_CLOSED_AT_START.store(true, Ordering::Relaxed);
        }
    }
    look
};

fn run(cli: &Cli) -> Result<(), Failure> {
    if cli.plain && cli.command.is_some() {
        return Err(Failure::BadInput(
            "--plain asks the questionnaire itself; give it without a command".into(),
        ));
    }
    match &cli.command {
        Some(Command::Check { path }) => check(path.as_deref(), words::for_language(&cli.language)),
        Some(Command::Score { format, answers }) => score(
            cli.questions.as_deref(),
            cli.today,
            &cli.language,
            *format,
            answers,
        ),
        Some(Command::Show { format, summary }) => show(cli, *format, summary),
        Some(Command::Print { summary }) => print_record(cli, summary),
        Some(Command::Questionnaire {
            format: QuestionnaireFormat::Fhir,
        }) => questionnaire_fhir(cli.questions.as_deref(), &cli.language),
        Some(Command::Push { out }) => push(cli, out),
        Some(Command::Report {
            dir,
            since,
            until,
            json,
            rescore,
        }) => report(
            cli,
            dir,
            clinic::report::Window {
                since: *since,
                until: *until,
            },
            *json,
            rescore.as_deref(),
        ),
        None if cli.plain => plain(cli),
        None => intake(cli),
    }
}

/// The terminal UI. Everything that can be wrong with the options is reported before the terminal
/// is taken over.
fn intake(cli: &Cli) -> Result<(), Failure> {
    let words = words::for_language(&cli.language);
    let questionnaire = load_for_language(cli.questions.as_deref(), &cli.language, words)?;
    let staff_pin = if cli.kiosk {
        Some(staff_pin(cli)?)
    } else {
        None
    };
    let out = cli.out.clone().unwrap_or_else(store::default_out_dir);
    // A failure here shows on screen when the first answer is saved.
    let _ = store::ensure_private_dir(&out);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let clock = || Local::now().fixed_offset();
    let delivery = fhir_server(cli)?.map(|server| {
        // Records queued before, by an earlier run, go first.
        fhir::delivery::Sender::start(out.clone(), server, clock)
    });
    let config = tui::Config {
        questionnaire: questionnaire.into(),
        out,
        kiosk: cli.kiosk,
        today: cli.today.unwrap_or_else(|| Local::now().date_naive()),
        language: cli.language.clone(),
        done_timeout: Duration::from_secs(cli.done_timeout),
        idle_timeout: Duration::from_secs(cli.idle_timeout),
        staff_pin,
        theme: tui::theme::Theme::pick(no_color, cli.high_contrast),
        clock,
        delivery,
        printing: printing(cli),
    };
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(Failure::BadInput(
            "the intake screen needs a terminal; run skin-intake in a terminal window, or use \
             `skin-intake score ANSWERS.json` for a file"
                .into(),
        ));
    }
    store::sweep_leftovers(&config.out);
    tui::install_panic_hook(config.out.join(store::UNFINISHED));
    match tui::run(config) {
        Ok(tui::Ended::Left(tui::Kept::Lost(cause))) => Err(Failure::Failed(format!(
            "skin-intake left without saving the intake under way: {cause}"
        ))),
        Ok(tui::Ended::Left(tui::Kept::Draft(path))) => {
            say(&format!(
                "The unfinished intake is saved in {}; choose it on the start screen to continue.",
                path.display()
            ));
            Ok(())
        }
        Ok(tui::Ended::Left(tui::Kept::Nothing)) => Ok(()),
        Ok(tui::Ended::Stopped { why, kept }) => Err(Failure::Failed(match kept {
            tui::Kept::Draft(path) => format!(
                "skin-intake stopped {why}; the unfinished intake is saved in {}",
                path.display()
            ),
            tui::Kept::Nothing => {
                format!("skin-intake stopped {why}; no intake was under way")
            }
            tui::Kept::Lost(cause) => format!(
                "skin-intake stopped {why}; the intake under way could not be saved: {cause}"
            ),
        })),
        Err(e) => Err(Failure::Failed(format!("terminal error: {e}"))),
    }
}

/// `--plain`: the questionnaire as lines on stdout, answers from stdin. Exit 0 once submitted;
/// exit 1 when the input ends first (the draft is kept, and where is said).
fn plain(cli: &Cli) -> Result<(), Failure> {
    let words = words::for_language(&cli.language);
    let questionnaire = load_for_language(cli.questions.as_deref(), &cli.language, words)?;
    let out = cli.out.clone().unwrap_or_else(store::default_out_dir);
    // A failure here is said when the first answer is saved.
    let _ = store::ensure_private_dir(&out);
    store::sweep_leftovers(&out);
    let clock = || Local::now().fixed_offset();
    let delivery =
        fhir_server(cli)?.map(|server| fhir::delivery::Sender::start(out.clone(), server, clock));
    let config = skin_intake::plain::Config {
        questionnaire: questionnaire.into(),
        out,
        kiosk: cli.kiosk,
        today: cli.today.unwrap_or_else(|| Local::now().date_naive()),
        language: cli.language.clone(),
        clock,
        delivery,
    };
    let stdin = std::io::stdin().lock();
    let stdout = std::io::stdout().lock();
    skin_intake::plain::run(config, stdin, stdout)
        .map(|_| ())
        .map_err(Failure::Failed)
}

/// A whole number of seconds from 1 to `max`, with a message in words otherwise.
fn seconds_up_to(max: u64) -> impl Fn(&str) -> Result<u64, String> + Clone {
    move |s: &str| match s.parse::<u64>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(format!("give a whole number of seconds from 1 to {max}")),
    }
}

/// The kiosk's staff PIN, from `--staff-pin-file` or `SKIN_INTAKE_STAFF_PIN`; there must be one.
fn staff_pin(cli: &Cli) -> Result<String, Failure> {
    let pin = match &cli.staff_pin_file {
        Some(path) => {
            // Read first: a device or FIFO is refused by its type before its permissions.
            let text = read_text(path, PIN_FILE_BYTES)?;
            private_pin_file(path)?;
            text.trim_end_matches(['\r', '\n']).to_owned()
        }
        None => std::env::var("SKIN_INTAKE_STAFF_PIN").unwrap_or_default(),
    };
    if pin.trim().is_empty() {
        return Err(Failure::BadInput(
            "kiosk mode needs a staff PIN to leave it: set SKIN_INTAKE_STAFF_PIN or give \
             --staff-pin-file PATH"
                .into(),
        ));
    }
    Ok(pin)
}

/// The PIN file must be private: anyone who can read the PIN can leave the kiosk and see every
/// unfinished intake. Refused, not warned about, since a kiosk runs unattended.
fn private_pin_file(path: &Path) -> Result<(), Failure> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map_err(|e| Failure::BadInput(cannot_read(path, &e)))?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        return Err(Failure::BadInput(format!(
            "{}: the staff PIN file can be read or changed by other users (permissions {:o}); \
             make it private with: chmod 600 {}",
            path.display(),
            mode & 0o777,
            path.display()
        )));
    }
    Ok(())
}

/// `--today`, read before `--language` is known: its problem is worded in the fallback language.
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    dates::parse_iso_date(s)
        .map_err(|problem| words::for_language(DEFAULT_LANGUAGE).date_problem(&problem))
}

/// The words of the command line's messages: English, the fallback of every questionnaire.
fn english() -> &'static dyn Words {
    words::for_language(DEFAULT_LANGUAGE)
}

/// `path` could not be read, and why.
fn cannot_read(path: &Path, error: &dyn std::fmt::Display) -> String {
    english().say(&Say::CannotRead {
        path: &path.display().to_string(),
        error: &error.to_string(),
    })
}

/// A UTF-8 text file of at most `cap` bytes; a leading byte-order mark (as some editors save) is
/// dropped. Only a regular file is read: a FIFO or a device is refused without waiting on it.
fn read_text(path: &Path, cap: u64) -> Result<String, Failure> {
    let bytes = store::read_regular(path, cap, true)
        .map_err(|e| Failure::BadInput(cannot_read(path, &e)))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::BadInput(english().say(&Say::NotUtf8 {
            path: &path.display().to_string(),
        }))
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
}

/// Writes the result to stdout; a closed or full stdout is a failure with a message, not a panic.
fn print_out(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| Failure::Failed(format!("could not write the output: {e}")))
}

fn load_questionnaire(path: Option<&Path>, words: &dyn Words) -> Result<Questionnaire, Failure> {
    let (name, text) = match path {
        Some(path) => (
            path.display().to_string(),
            read_text(path, store::MAX_FILE_BYTES)?,
        ),
        None => (BUILT_IN_NAME.to_owned(), BUILT_IN.to_owned()),
    };
    load::questionnaire::load(&name, &text).map_err(|problems| {
        let lines: Vec<String> = problems
            .0
            .iter()
            .map(|p| words.questionnaire_problem(p))
            .collect();
        Failure::BadInput(words::listing(words, &lines))
    })
}

/// The questionnaire, and the language asked for is one it has.
fn load_for_language(
    path: Option<&Path>,
    language: &str,
    words: &dyn Words,
) -> Result<Questionnaire, Failure> {
    let questionnaire = load_questionnaire(path, words)?;
    if questionnaire.languages.iter().any(|l| l == language) {
        Ok(questionnaire)
    } else {
        Err(Failure::BadInput(format!(
            "--language {language}: the questionnaire has {}; choose one of them",
            questionnaire.languages.join(", ")
        )))
    }
}

/// A text that lacks a declared language is listed on stderr, not a failure: the patient reads
/// its English string there.
fn check(path: Option<&Path>, words: &dyn Words) -> Result<(), Failure> {
    let questionnaire = load_questionnaire(path, words)?;
    let name = path.map_or_else(|| BUILT_IN_NAME.to_owned(), |p| p.display().to_string());
    let missing: Vec<String> = load::questionnaire::missing_translations(&name, &questionnaire)
        .iter()
        .map(|p| words.questionnaire_problem(p))
        .collect();
    if !missing.is_empty() {
        eprintln!("{}", words::listing(words, &missing));
    }
    print_out("ok\n")?;
    Ok(())
}

fn score(
    questions: Option<&Path>,
    today: Option<NaiveDate>,
    language: &str,
    format: Format,
    path: &Path,
) -> Result<(), Failure> {
    let words = words::for_language(language);
    let questionnaire = load_for_language(questions, language, words)?;
    let today = today.unwrap_or_else(|| Local::now().date_naive());
    let file = path.display();
    let listed = |problems: Vec<AnswersProblem>| {
        let lines: Vec<String> = problems
            .iter()
            .map(|p| format!("{file}: {}", words.answers_problem(p)))
            .collect();
        Failure::BadInput(words::listing(words, &lines))
    };
    let text = read_text(path, store::MAX_FILE_BYTES)?;
    let answers = load::answers::read_and_check(&questionnaire, &text, today).map_err(listed)?;
    let meta = Metadata {
        id: uuid::Uuid::new_v4().to_string(),
        language: language.to_owned(),
        mode: Mode::Batch,
        completed_at: Local::now().fixed_offset().trunc_subsecs(0),
        reference_date: today,
    };
    let summary = clinic::summary::assemble(&questionnaire, &answers, meta, Added::default());
    match format {
        Format::Summary => print_out(&summary.to_json()),
        Format::Fhir => {
            let response = fhir::response::export(&summary, &questionnaire)
                .map_err(|e| export_failure(questions, &e))?;
            print_out(&fhir::resource::to_json(&response))
        }
    }
}

/// `questionnaire --format fhir`: the questionnaire as a FHIR Questionnaire.
fn questionnaire_fhir(questions: Option<&Path>, language: &str) -> Result<(), Failure> {
    let words = words::for_language(language);
    let questionnaire = load_for_language(questions, language, words)?;
    let resource = fhir::questionnaire::export(&questionnaire, language)
        .map_err(|e| export_failure(questions, &e))?;
    print_out(&fhir::resource::to_json(&resource))
}

/// The FHIR server from `--fhir-server` or `--fhir-config`, if either is given.
fn fhir_server(cli: &Cli) -> Result<Option<fhir::delivery::Server>, Failure> {
    let (config, origin) = match (&cli.fhir_server, &cli.fhir_config) {
        (Some(url), _) => (
            fhir::server::ServerConfig {
                url: url.clone(),
                auth: fhir::server::AuthConfig::None,
                timeout_seconds: None,
            },
            "--fhir-server".to_owned(),
        ),
        (None, Some(path)) => {
            let text = read_text(path, store::MAX_FILE_BYTES)?;
            let config = serde_json::from_str(&text).map_err(|e| {
                Failure::BadInput(format!(
                    "{}: not a FHIR server configuration: {e}; see the README for its fields",
                    path.display()
                ))
            })?;
            (config, path.display().to_string())
        }
        (None, None) => return Ok(None),
    };
    fhir::delivery::Server::new(&config).map(Some).map_err(|e| {
        Failure::BadInput(match e {
            fhir::delivery::SetupError::Url {
                url,
                problem: fhir::server::UrlProblem::NotHttps,
            } => format!(
                "{origin}: {url} is plain HTTP to another machine, which would send patient \
                     data unencrypted; use its https:// address"
            ),
            fhir::delivery::SetupError::Url {
                url,
                problem: fhir::server::UrlProblem::Query,
            } => format!(
                "{origin}: {url} has a query (the part from '?'); give the server's base URL \
                     without one, such as https://fhir.example-clinic.com/fhir"
            ),
            fhir::delivery::SetupError::Url {
                url,
                problem: fhir::server::UrlProblem::Fragment,
            } => format!(
                "{origin}: {url} has a fragment (the part from '#'); give the server's base URL \
                     without one, such as https://fhir.example-clinic.com/fhir"
            ),
            fhir::delivery::SetupError::Url {
                problem: fhir::server::UrlProblem::Userinfo,
                ..
            } => format!(
                "{origin}: the URL holds a user name or password (before '@'); remove them \
                     and give credentials in a configuration file's \"auth\" (see the README)"
            ),
            fhir::delivery::SetupError::Url { url, .. } => format!(
                "{origin}: '{url}' is not a FHIR server's base URL such as \
                     https://fhir.example-clinic.com/fhir"
            ),
            fhir::delivery::SetupError::Timeout(seconds) => {
                format!("{origin}: timeout_seconds {seconds} is out of range; give 1 to 600")
            }
            fhir::delivery::SetupError::Auth(reason) => format!("{origin}: auth: {reason}"),
        })
    })
}

/// `push OUT`: queues every summary in OUT that is not in its outbox yet, then sends every queued
/// record now and prints what came of each. Exit 1 while any record is still queued or needs
/// attention.
fn push(cli: &Cli, out: &Path) -> Result<(), Failure> {
    use fhir::delivery::{Outcome, Which};
    use store::outbox::State;
    let Some(server) = fhir_server(cli)? else {
        return Err(Failure::BadInput(
            "push needs the FHIR server: give --fhir-server URL or --fhir-config PATH".into(),
        ));
    };
    if !out.is_dir() {
        return Err(Failure::BadInput(format!(
            "{}: no such folder; give the output folder of the intakes (as given to --out)",
            out.display()
        )));
    }
    let words = words::for_language(DEFAULT_LANGUAGE);
    let questionnaire = load_questionnaire(cli.questions.as_deref(), words)?;
    let now = Local::now().fixed_offset();
    let mut lines = catch_up(out, &questionnaire, now);
    let exported = fhir::questionnaire::export(&questionnaire, DEFAULT_LANGUAGE)
        .map_err(|e| export_failure(cli.questions.as_deref(), &e))?;
    match fhir::delivery::send_questionnaire(&server, &exported) {
        Outcome::Delivered { .. } | Outcome::Superseded { .. } => {}
        Outcome::Retry { reason, .. } | Outcome::Refused { reason } => lines.push(format!(
            "the Questionnaire {}|{}: not delivered: {reason}",
            exported.url, exported.version
        )),
    }
    let reports = fhir::delivery::deliver(out, &server, Which::AllQueued, now)
        .map_err(|e| Failure::Failed(format!("{}: {e}", store::outbox::dir(out).display())))?;
    let mut not_recorded = 0;
    for report in &reports {
        let line = match &report.outcome {
            Outcome::Delivered { created: true, .. } => format!("{}: delivered", report.key),
            Outcome::Delivered { created: false, .. } => {
                format!("{}: delivered (the server had it already)", report.key)
            }
            Outcome::Retry { reason, .. } => {
                format!("{}: queued, will be tried again: {reason}", report.key)
            }
            Outcome::Refused { reason } => format!("{}: needs attention: {reason}", report.key),
            Outcome::Superseded { newer } => format!(
                "{}: superseded, not sent: the newer version {newer} was delivered first",
                report.key
            ),
        };
        lines.push(match &report.not_recorded {
            None => line,
            Some(why) => {
                not_recorded += 1;
                format!(
                    "{line}; cannot record delivery: {why}; nothing more is sent until {} can \
                     be written (free space there before the next push)",
                    store::outbox::dir(out).display()
                )
            }
        });
    }
    let (entries, unreadable) = store::outbox::list(out).unwrap_or_default();
    for file in &unreadable {
        // A file name is shown without the control characters it may hold.
        lines.push(format!(
            "{}: cannot be read: {}",
            fhir::delivery::clean_text(&file.path.display().to_string()),
            file.reason
        ));
    }
    let count = |state| entries.iter().filter(|e| e.state == state).count();
    let (queued, attention) = (count(State::Queued), count(State::NeedsAttention));
    let superseded = match count(State::Superseded) {
        0 => String::new(),
        n => format!(", {n} superseded"),
    };
    lines.push(format!(
        "outbox: {} delivered, {queued} queued, {attention} need attention{superseded}",
        count(State::Delivered)
    ));
    print_out(&(lines.join("\n") + "\n"))?;
    let undone = queued + attention + unreadable.len();
    if undone > 0 {
        return Err(Failure::Failed(format!(
            "{undone} records are not delivered yet"
        )));
    }
    if not_recorded > 0 {
        return Err(Failure::Failed(format!(
            "{not_recorded} deliveries could not be recorded in the outbox"
        )));
    }
    Ok(())
}

/// Queues the summaries in `out` that the outbox lacks (written while no server was configured,
/// or when queueing failed); returns a line for each that cannot be.
fn catch_up(
    out: &Path,
    questionnaire: &Questionnaire,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Vec<String> {
    let words = words::for_language(DEFAULT_LANGUAGE);
    clinic::delivery::catch_up(out, questionnaire, now)
        .into_iter()
        .map(|problem| match problem {
            NotCaughtUp::Unreadable(e) => {
                format!("{}: not queued: {}", e.path().display(), e.message(words))
            }
            NotCaughtUp::NotAsNamed {
                path,
                intake_id,
                version,
            } => format!(
                "{}: not queued: it holds version {version} of intake {intake_id}, which its name \
                 does not say; it was renamed or edited by hand",
                path.display()
            ),
            NotCaughtUp::NotQueued { path, error } => {
                format!("{}: not queued: {error}", path.display())
            }
        })
        .collect()
}

/// What stops a FHIR export of the questionnaire at `questions`, and what to do.
fn export_failure(questions: Option<&Path>, error: &ExportError) -> Failure {
    let name = questions.map_or_else(|| BUILT_IN_NAME.to_owned(), |p| p.display().to_string());
    Failure::BadInput(match error {
        ExportError::NoUrl => format!(
            "{name}: FHIR names a questionnaire by its canonical URL, and this one has no \"url\"; \
             add one, such as \"url\": \"https://fhir.example-clinic.com/Questionnaire/intake\""
        ),
        ExportError::LinkIdTwice { link_id } => format!(
            "{name}: '{link_id}' would be the FHIR linkId of two items (a section and a question \
             with the same id, or a question named like the assessment or a help item); give \
             one of them another id"
        ),
    })
}

/// Where and on what records are printed: `--printer`, and `--paper` or the system's paper size.
fn printing(cli: &Cli) -> clinic::Printing {
    let paper = match cli.paper {
        Some(PaperSize::A4) => clinic::Paper::A4,
        Some(PaperSize::Letter) => clinic::Paper::Letter,
        // libpaper's convention: $PAPERSIZE, else the first word of /etc/papersize.
        None => {
            let named = std::env::var("PAPERSIZE")
                .ok()
                .filter(|p| !p.trim().is_empty())
                .or_else(|| std::fs::read_to_string("/etc/papersize").ok())
                .unwrap_or_default();
            let first = named
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with('#'))
                .unwrap_or_default();
            if first.eq_ignore_ascii_case("letter") {
                clinic::Paper::Letter
            } else {
                clinic::Paper::A4
            }
        }
    };
    clinic::Printing {
        printer: cli.printer.clone(),
        paper,
    }
}

/// `print FILE`: the record's PDF to the printer. Exit 1 with CUPS's words when it refuses.
fn print_record(cli: &Cli, path: &Path) -> Result<(), Failure> {
    let words = words::for_language(&cli.language);
    let summary = clinic::records::read(path).map_err(|e| Failure::BadInput(e.message(words)))?;
    let questionnaire = load_questionnaire(cli.questions.as_deref(), words)?;
    match clinic::paper::print(&summary, Some(&questionnaire), &printing(cli)) {
        clinic::Printed::Sent { printer, job, kept } => {
            print_out(&(words.printed(printer.as_deref(), &job, kept.is_some()) + "\n"))
        }
        clinic::Printed::Refused {
            printer,
            cups,
            kept,
        } => Err(Failure::Failed(words.not_printed(
            printer.as_deref(),
            &cups,
            kept.as_deref(),
        ))),
        clinic::Printed::NoLp { error, kept } => {
            Err(Failure::Failed(words.no_lp(&error, kept.as_deref())))
        }
        clinic::Printed::NotKept { dir, error } => {
            Err(Failure::Failed(words.pdf_not_kept(&dir, &error)))
        }
    }
}

fn show(cli: &Cli, format: ShowFormat, path: &Path) -> Result<(), Failure> {
    let words = words::for_language(&cli.language);
    // Refused before anything is read: a PDF on a terminal is noise, and can change its state.
    if matches!(format, ShowFormat::Pdf) && std::io::stdout().is_terminal() {
        return Err(Failure::BadInput(words.pdf_to_terminal()));
    }
    let summary = clinic::records::read(path).map_err(|e| Failure::BadInput(e.message(words)))?;
    // Only for the words of concerns and changed answers: the record itself holds the rest.
    let questionnaire = load_questionnaire(cli.questions.as_deref(), words)?;
    let shown = match format {
        ShowFormat::Text => {
            let stdout = std::io::stdout();
            let colour =
                stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let width = if stdout.is_terminal() {
                ratatui::crossterm::terminal::size().map_or(80, |(columns, _)| columns.into())
            } else {
                80
            };
            // Read on a terminal, by staff: in their language. The page to sign (HTML, PDF)
            // stays in the patient's.
            let read = print::in_language(&summary, Some(&questionnaire), &cli.language);
            print::text::render(&read, Some(&questionnaire), colour, width.min(100))
        }
        ShowFormat::Html => print::html::render(&summary, Some(&questionnaire)),
        ShowFormat::Pdf => {
            let pdf = print::pdf::render(&summary, Some(&questionnaire), printing(cli).paper)
                .map_err(|e| Failure::Failed(format!("could not make the PDF: {e}")))?;
            let mut stdout = std::io::stdout().lock();
            return stdout
                .write_all(&pdf)
                .and_then(|()| stdout.flush())
                .map_err(|e| Failure::Failed(format!("could not write the output: {e}")));
        }
        ShowFormat::Fhir => {
            // The response names the questionnaire and types its answers by its questions.
            if summary.questionnaire.id != questionnaire.id {
                return Err(Failure::BadInput(format!(
                    "{}: made with questionnaire '{}', not '{}'; give the questionnaire it was \
                     made with (--questions PATH)",
                    path.display(),
                    summary.questionnaire.id,
                    questionnaire.id
                )));
            }
            fhir::resource::to_json(
                &fhir::response::export(&summary, &questionnaire)
                    .map_err(|e| export_failure(cli.questions.as_deref(), &e))?,
            )
        }
    };
    print_out(&shown)
}

/// The clinic report: figures on stdout (charts in a terminal, tables elsewhere, or JSON), the
/// files left out named on stderr.
fn report(
    cli: &Cli,
    dir: &Path,
    window: clinic::report::Window,
    json: bool,
    rescore: Option<&Path>,
) -> Result<(), Failure> {
    let words = words::for_language(&cli.language);
    if let (Some(since), Some(until)) = (window.since, window.until)
        && since > until
    {
        return Err(Failure::BadInput(words.report_window(since, until)));
    }
    let other = rescore
        .map(|path| load_questionnaire(Some(path), words))
        .transpose()?;
    if !dir.is_dir() {
        let error = std::io::Error::from(std::io::ErrorKind::NotADirectory);
        let error = std::fs::metadata(dir).err().unwrap_or(error);
        return Err(Failure::BadInput(words.report_folder(dir, &error)));
    }
    let today = cli.today.unwrap_or_else(|| Local::now().date_naive());
    let report = clinic::report::read(dir, window, today, other.as_ref())
        .map_err(|e| Failure::BadInput(words.report_folder(dir, &e)))?;
    let left_out = report
        .unreadable
        .iter()
        .map(|p| words.unreadable_summary(p))
        .chain(report.foreign.iter().map(|p| words.foreign_file(p)));
    for (n, line) in left_out.enumerate() {
        if n == words::MAX_LISTED {
            say(&words
                .more_left_out(report.unreadable.len() + report.foreign.len() - words::MAX_LISTED));
            break;
        }
        say(&line);
    }
    let named = rescore.map(|p| p.display().to_string()).unwrap_or_default();
    let text = if json {
        /// The figures, then what another questionnaire would change.
        #[derive(serde::Serialize)]
        struct Json<'a> {
            #[serde(flatten)]
            figures: &'a clinic::report::Figures,
            #[serde(skip_serializing_if = "Option::is_none")]
            rescore: Option<&'a clinic::report::Preview>,
        }
        let mut text = serde_json::to_string_pretty(&Json {
            figures: &report.figures,
            rescore: report.preview.as_ref(),
        })
        .map_err(|e| Failure::Failed(format!("could not write the report: {e}")))?;
        text.push('\n');
        text
    } else {
        let mut text = if std::io::stdout().is_terminal() {
            let width = ratatui::crossterm::terminal::size().map_or(80, |(w, _)| w.min(100));
            tui::report::charts(&report.figures, words, width)
        } else {
            tui::report::table(&report.figures, words)
        };
        if let Some(preview) = &report.preview {
            text.push('\n');
            text.push_str(&tui::report::preview(preview, &named, words));
        }
        text
    };
    print_out(&text)
}
