//! The command line: picks the front door and turns errors into messages and exit codes.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use chrono::{Local, NaiveDate, SubsecRound};
use clap::{Parser, Subcommand, ValueEnum};

use skin_intake::dates;
use skin_intake::engine::summary::{Metadata, Mode, Summary};
use skin_intake::fhir::{self, ExportError};
use skin_intake::load;
use skin_intake::load::answers::AnswersProblem;
use skin_intake::model::questionnaire::{BUILT_IN, BUILT_IN_NAME, Questionnaire};
use skin_intake::model::text::DEFAULT_LANGUAGE;
use skin_intake::words::{self, Words};
use skin_intake::{store, tui};

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
    /// Check a questionnaire file (default: the built-in one); print `ok` or every problem.
    Check {
        /// The questionnaire file.
        path: Option<PathBuf>,
    },
    /// Print a stored summary in another format.
    Show {
        /// What to print.
        #[arg(long, value_enum)]
        format: ShowFormat,
        /// The summary file, as `score` prints it or an intake writes it.
        summary: PathBuf,
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
enum ShowFormat {
    /// A FHIR R4 QuestionnaireResponse (JSON).
    Fhir,
}

#[derive(Clone, Copy, ValueEnum)]
enum QuestionnaireFormat {
    /// A FHIR R4 Questionnaire (JSON).
    Fhir,
}

/// A failure and how the process ends because of it.
enum Failure {
    /// The user's input is wrong: exit 2.
    BadInput(String),
    /// Something else went wrong: exit 1.
    Failed(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Some(Command::Check { path }) => check(path.as_deref(), words::for_language(&cli.language)),
        Some(Command::Score { format, answers }) => score(
            cli.questions.as_deref(),
            cli.today,
            &cli.language,
            *format,
            answers,
        ),
        Some(Command::Show {
            format: ShowFormat::Fhir,
            summary,
        }) => show_fhir(cli.questions.as_deref(), summary),
        Some(Command::Questionnaire {
            format: QuestionnaireFormat::Fhir,
        }) => questionnaire_fhir(cli.questions.as_deref(), &cli.language),
        None => intake(&cli),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::BadInput(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
        Err(Failure::Failed(message)) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
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
        clock: || Local::now().fixed_offset(),
    };
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(Failure::BadInput(
            "the intake screen needs a terminal; run skin-intake in a terminal window, or use \
             `skin-intake score ANSWERS.json` for a file"
                .into(),
        ));
    }
    store::sweep_temporaries(&config.out);
    tui::install_panic_hook(config.out.join(store::UNFINISHED));
    match tui::run(config) {
        Ok(tui::Ended::Left(tui::Kept::Lost(cause))) => Err(Failure::Failed(format!(
            "skin-intake left without saving the intake under way: {cause}"
        ))),
        Ok(tui::Ended::Left(tui::Kept::Draft(path))) => {
            eprintln!(
                "The unfinished intake is saved in {}; choose it on the start screen to continue.",
                path.display()
            );
            Ok(())
        }
        Ok(tui::Ended::Left(tui::Kept::Nothing)) => Ok(()),
        Ok(tui::Ended::Stopped { signal, kept }) => Err(Failure::Failed(match kept {
            tui::Kept::Draft(path) => format!(
                "skin-intake stopped on {signal}; the unfinished intake is saved in {}",
                path.display()
            ),
            tui::Kept::Nothing => {
                format!("skin-intake stopped on {signal}; no intake was under way")
            }
            tui::Kept::Lost(cause) => format!(
                "skin-intake stopped on {signal}; the intake under way could not be saved: {cause}"
            ),
        })),
        Err(e) => Err(Failure::Failed(format!("terminal error: {e}"))),
    }
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
        Some(path) => read_text(path)?.trim_end_matches(['\r', '\n']).to_owned(),
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

/// `--today`, read before `--language` is known: its problem is worded in the fallback language.
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    dates::parse_iso_date(s)
        .map_err(|problem| words::for_language(DEFAULT_LANGUAGE).date_problem(&problem))
}

/// A UTF-8 text file; a leading byte-order mark (as some editors save) is dropped.
fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::BadInput(format!("{}: cannot read the file: {e}", path.display())))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure::BadInput(format!("{}: not UTF-8 text", path.display())))?;
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
        Some(path) => (path.display().to_string(), read_text(path)?),
        None => (BUILT_IN_NAME.to_owned(), BUILT_IN.to_owned()),
    };
    load::questionnaire::load(&name, &text).map_err(|problems| {
        let lines: Vec<String> = problems
            .0
            .iter()
            .map(|p| words.questionnaire_problem(p))
            .collect();
        Failure::BadInput(lines.join("\n"))
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

fn check(path: Option<&Path>, words: &dyn Words) -> Result<(), Failure> {
    load_questionnaire(path, words)?;
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
        Failure::BadInput(
            problems
                .iter()
                .map(|p| format!("{file}: {}", words.answers_problem(p)))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    };
    let answers =
        load::answers::read_and_check(&questionnaire, &read_text(path)?, today).map_err(listed)?;
    let meta = Metadata {
        id: uuid::Uuid::new_v4().to_string(),
        language: language.to_owned(),
        mode: Mode::Batch,
        completed_at: Local::now().fixed_offset().trunc_subsecs(0),
        reference_date: today,
    };
    let summary = Summary::new(&questionnaire, &answers, meta, |shown| words.shown(shown));
    match format {
        Format::Summary => print_out(&summary.to_json()),
        Format::Fhir => {
            let response = fhir::response::export(&summary, &questionnaire)
                .map_err(|e| export_failure(questions, &e))?;
            print_out(&fhir::resource::to_json(&response))
        }
    }
}

/// `show SUMMARY.json --format fhir`: a stored summary as a QuestionnaireResponse.
fn show_fhir(questions: Option<&Path>, path: &Path) -> Result<(), Failure> {
    let words = words::for_language(DEFAULT_LANGUAGE);
    let questionnaire = load_questionnaire(questions, words)?;
    let file = path.display();
    let summary = load::summary::read(&questionnaire, &read_text(path)?).map_err(|problems| {
        Failure::BadInput(
            problems
                .iter()
                .map(|p| format!("{file}: {}", words.summary_problem(p)))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    let response = fhir::response::export(&summary, &questionnaire)
        .map_err(|e| export_failure(questions, &e))?;
    print_out(&fhir::resource::to_json(&response))
}

/// `questionnaire --format fhir`: the questionnaire as a FHIR Questionnaire.
fn questionnaire_fhir(questions: Option<&Path>, language: &str) -> Result<(), Failure> {
    let words = words::for_language(language);
    let questionnaire = load_for_language(questions, language, words)?;
    let resource = fhir::questionnaire::export(&questionnaire, language)
        .map_err(|e| export_failure(questions, &e))?;
    print_out(&fhir::resource::to_json(&resource))
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
