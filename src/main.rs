//! The command line: picks the front door and turns errors into messages and exit codes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Local, NaiveDate, SubsecRound};
use clap::{Parser, Subcommand, ValueEnum};

use skin_intake::answers;
use skin_intake::questionnaire::{self, BUILT_IN, BUILT_IN_NAME, Questionnaire};
use skin_intake::summary::{Metadata, Mode, Summary};
use skin_intake::text::DEFAULT_LANGUAGE;

#[derive(Parser)]
#[command(
    name = "skin-intake",
    version,
    about = "Microneedling consultation intake"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Score an answers file and print the summary JSON on stdout.
    Score {
        /// The questionnaire to use instead of the built-in one.
        #[arg(long, value_name = "PATH")]
        questions: Option<PathBuf>,
        /// The reference date, YYYY-MM-DD (default: today's local date).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        today: Option<NaiveDate>,
        /// What to print.
        #[arg(long, value_enum, default_value_t = Format::Summary)]
        format: Format,
        /// The language of questions and messages in the summary.
        #[arg(long, default_value = DEFAULT_LANGUAGE)]
        language: String,
        /// The answers file: {"answers": {"<question id>": value}}.
        answers: PathBuf,
    },
    /// Check a questionnaire file (default: the built-in one); print `ok` or every problem.
    Check {
        /// The questionnaire file.
        path: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// The skin-intake summary JSON.
    Summary,
}

/// A failure and how the process ends because of it.
enum Failure {
    /// The user's input is wrong: exit 2.
    BadInput(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Some(Command::Check { path }) => check(path.as_deref()),
        Some(Command::Score {
            questions,
            today,
            format: Format::Summary,
            language,
            answers,
        }) => score(questions.as_deref(), today, &language, &answers),
        None => Err(Failure::BadInput(
            "the intake screen is not available yet; use `skin-intake score` or `skin-intake check`".into(),
        )),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::BadInput(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    answers::parse_iso_date(s)
}

fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::BadInput(format!("{}: cannot read the file: {e}", path.display())))?;
    String::from_utf8(bytes)
        .map_err(|_| Failure::BadInput(format!("{}: not UTF-8 text", path.display())))
}

fn load_questionnaire(path: Option<&Path>) -> Result<Questionnaire, Failure> {
    let (name, text) = match path {
        Some(path) => (path.display().to_string(), read_text(path)?),
        None => (BUILT_IN_NAME.to_owned(), BUILT_IN.to_owned()),
    };
    questionnaire::load(&name, &text).map_err(|problems| Failure::BadInput(problems.to_string()))
}

fn check(path: Option<&Path>) -> Result<(), Failure> {
    load_questionnaire(path)?;
    println!("ok");
    Ok(())
}

fn score(
    questions: Option<&Path>,
    today: Option<NaiveDate>,
    language: &str,
    path: &Path,
) -> Result<(), Failure> {
    let questionnaire = load_questionnaire(questions)?;
    let today = today.unwrap_or_else(|| Local::now().date_naive());
    let file = path.display();
    let listed = |problems: Vec<answers::AnswerProblem>| {
        Failure::BadInput(
            problems
                .iter()
                .map(|p| format!("{file}: {p}"))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    };
    let answers =
        answers::read_and_check(&questionnaire, &read_text(path)?, today).map_err(listed)?;
    let meta = Metadata {
        id: uuid::Uuid::new_v4().to_string(),
        language: language.to_owned(),
        mode: Mode::Batch,
        completed_at: Local::now().fixed_offset().trunc_subsecs(0),
        reference_date: today,
    };
    print!("{}", Summary::new(&questionnaire, &answers, meta).to_json());
    Ok(())
}
