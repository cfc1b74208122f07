//! The `rhythm` command: opens the workshop board, or works on session
//! files without a display (`report`, `check`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Rhythm Diagnosis workshop board.
///
/// `rhythm` opens a new session, `rhythm PATH` opens a session file.
#[derive(Parser)]
#[command(
    name = "rhythm",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// Session file (.ron) to open in the window.
    path: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Print a Markdown summary of a session to stdout.
    Report {
        /// Session file (.ron).
        path: PathBuf,
    },
    /// Validate a session file: `ok: …` and exit 0, or
    /// `PATH:LINE:COL: message` on stderr and exit 1.
    Check {
        /// Session file (.ron).
        path: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Report { path }) => match rhythm::store::load(&path) {
            Ok(session) => {
                print!("{}", rhythm::report::markdown(&session));
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("{}", err.with_path(&path));
                ExitCode::FAILURE
            }
        },
        Some(Command::Check { path }) => match rhythm::store::load(&path) {
            Ok(session) => {
                println!(
                    "ok: {} tools, {} flows, {} tasks",
                    session.tools.len(),
                    session.flows.len(),
                    session.tasks.len()
                );
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("{}", err.with_path(&path));
                ExitCode::FAILURE
            }
        },
        None => {
            init_tracing();
            match rhythm::app::run(cli.path) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("rhythm: {err:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
}
