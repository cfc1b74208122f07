//! The `rhythm` command: opens the workshop board, or works on session
//! files without a display (`report`, `check`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

use clap::{Parser, Subcommand};
use rhythm::app::renderer::RendererChoice;

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
    /// Session file (.ron) to open in the window. Without it, the last
    /// opened file (if it still exists), else a new session.
    path: Option<PathBuf>,
    /// Start in projector mode: fullscreen, large UI, high contrast (F5
    /// toggles it, Esc leaves it).
    #[arg(long)]
    projector: bool,
    /// Open the window with the room already open (participants join from
    /// their phones), and print the join URL (with its key) on the first
    /// line of stdout and the short code on the second, as `rhythm room`
    /// does.
    #[arg(long)]
    room: bool,
    /// Where the room listens, with `--room`: one interface's address, port
    /// 0 for a free port (e.g. `192.168.1.20:0`). Default: the best local
    /// network address, a free port.
    #[arg(long, value_name = "ADDR:PORT", requires = "room")]
    listen: Option<std::net::SocketAddr>,
    /// What draws the window: `auto` (OpenGL via glow, else wgpu), `glow`
    /// or `wgpu`. Without it, the `RHYTHM_RENDERER` environment variable,
    /// else `auto`.
    #[arg(long, global = true)]
    renderer: Option<RendererChoice>,
    #[command(subcommand)]
    command: Option<Command>,
}

/// The output format of `rhythm report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    /// Markdown, for reading.
    Md,
    /// CSV, one row per note, for spreadsheets.
    Csv,
}

#[derive(Subcommand)]
enum Command {
    /// Print a summary of a session to stdout: Markdown (all four steps
    /// and the three lenses), or CSV with one row per note.
    Report {
        /// Output format: `md` (Markdown) or `csv` (one row per tool, task
        /// and pain point, for spreadsheets).
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Session file (.ron).
        path: PathBuf,
    },
    /// Validate a session file: `ok: …` and exit 0; for a file that had to
    /// be repaired, `ok (repaired N): …` and one `PATH:LINE:COL: repaired:
    /// …` line per repair, exit 0; for a file that cannot be read,
    /// `PATH:LINE:COL: message` on stderr and exit 1.
    Check {
        /// Session file (.ron).
        path: PathBuf,
    },
    /// Write a deterministic synthetic session: N labelled 160×100 cards on
    /// a grid (mostly tools, a few task notes and pain points), N/5 flows,
    /// a few participants with scores.
    ///
    /// With `--tools` instead: a workshop board spaced like the examples,
    /// e.g. `--tools 60 --flows 120 --pains 150` (pain points on tools,
    /// flows and free), to check legibility on a crowded map. With
    /// `--crowded`: a real workshop's messy board (long tool names and
    /// labels, most pain points on three tools, 16 long-named tasks on the
    /// board and the grid, 10 of them in the Orchestra quadrant); 14 tools,
    /// 22 flows and 30 pain points unless `--tools`, `--flows`, `--pains`,
    /// `--tasks` say otherwise.
    Generate {
        /// How many cards (notes) to put on the board.
        #[arg(
            long,
            required_unless_present_any = ["tools", "crowded"],
            conflicts_with_all = ["tools", "crowded"]
        )]
        notes: Option<usize>,
        /// A workshop board with this many tools (instead of `--notes`).
        #[arg(long)]
        tools: Option<usize>,
        /// Flows of the workshop board (default: twice the tools).
        #[arg(long, requires = "tools")]
        flows: Option<usize>,
        /// Pain points of the workshop board (default: the tools × 2.5).
        #[arg(long, requires = "tools")]
        pains: Option<usize>,
        /// Tasks of the workshop board (default: a third of the tools, 16
        /// with `--crowded`).
        #[arg(long)]
        tasks: Option<usize>,
        /// The messy board of a real workshop (see above).
        #[arg(long)]
        crowded: bool,
        /// Seed of the pseudo-random choices; the same seed gives the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write the session (.ron).
        path: PathBuf,
    },
    /// Compare two or more sessions of the same team, oldest first by
    /// quarter label and date: tools and flows added, removed and renamed,
    /// shadow flows closed and opened, tasks that moved quadrant, hours
    /// lost per category and tool, work-model gaps, changes done. With
    /// `--report`, Markdown on stdout and exit 0; otherwise a window. A file
    /// that cannot be read: `PATH:LINE:COL: message` on stderr and exit 1.
    Compare {
        /// Print the comparison as Markdown to stdout instead of opening
        /// the compare view.
        #[arg(long)]
        report: bool,
        /// Session files (.ron), two or more, in any order.
        #[arg(required = true, num_args = 2..)]
        paths: Vec<PathBuf>,
    },
    /// Write the workshop's minutes: one PDF and one self-contained HTML
    /// page with the diagnosis on one page, the tool map and the grid as
    /// drawings, the pain points, the scores and the hybrid score. With
    /// several sessions of the same team (any order), a quarter-over-quarter
    /// section too, and the minutes are of the latest. Without `-o`, both
    /// files next to the latest session as `TEAM-QUARTER-minutes.pdf` and
    /// `.html`, never over an earlier export (`-2`, `-3`, …).
    Minutes {
        /// Session files (.ron), one or more.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write only this file: `.pdf` or `.html` (replaced if it exists).
        #[arg(short = 'o', long = "out", value_name = "OUT.pdf|OUT.html")]
        out: Option<PathBuf>,
        /// Paper size of the PDF.
        #[arg(long, value_enum, default_value_t = rhythm::minutes::Paper::A4)]
        paper: rhythm::minutes::Paper,
        /// Leave participants' names out (no list, no authors, no
        /// initials on the score dots, outliers and owners unnamed).
        #[arg(long)]
        anonymous: bool,
    },
    /// Lay the window out headlessly exactly as the app would after "fit
    /// all" (no window, no GPU) and print one JSON object: `window` [w, h]
    /// in physical pixels, `tools` (count), `tools_visible` (whole card
    /// inside the visible board), and `texts`, every text drawn on the
    /// board and the grid: `kind`, `text` (in full), `shown` (as drawn),
    /// `rect` [x0, y0, x1, y1] and `px` (font height), physical pixels;
    /// `cards` (each tool card's and note's rect) and `flows` (each flow's
    /// polyline); `names_drawn` (tool names drawn in full) and
    /// `tasks_named` (tasks the grid names). A diagnostic (the
    /// `diagnostics` cargo feature, on by default).
    #[cfg(feature = "diagnostics")]
    Layout {
        /// Session file (.ron).
        path: PathBuf,
        /// Window size in physical pixels, WxH (e.g. 1920x1080).
        #[arg(long, value_parser = parse_size, default_value = "1920x1080")]
        size: [u32; 2],
        /// In projector mode (its scale and legibility).
        #[arg(long)]
        projector: bool,
        /// The step shown, 1–4.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=4))]
        step: u8,
    },
    /// Open the room without a window: participants join from their
    /// phones. Prints the join URL (with its key) on the first line of
    /// stdout and the short code on the second; applies their edits,
    /// writes a recovery copy beside PATH every few seconds, and saves PATH
    /// atomically on Ctrl+C or SIGTERM. A missing PATH starts a new session.
    Room {
        /// Session file (.ron).
        path: PathBuf,
        /// Address to listen on (one interface, not 0.0.0.0); port 0 picks
        /// a free port, e.g. `127.0.0.1:0`. Default: the best local network
        /// address, a free port.
        #[arg(long, value_name = "ADDR:PORT")]
        listen: Option<std::net::SocketAddr>,
    },
    /// Open the window on a session (1920×1080 unless `--size`, vsync
    /// off), pan the board along a 300-point circle every frame, close, and
    /// print one JSON line: renderer and adapter, frames, fps, median and
    /// p95 frame time, time to the first frame. A diagnostic (the
    /// `diagnostics` cargo feature, on by default).
    #[cfg(feature = "diagnostics")]
    BenchPan {
        /// Session file (.ron).
        path: PathBuf,
        /// How long to pan, seconds.
        #[arg(long, default_value_t = 5.0)]
        seconds: f64,
        /// `fit` (the whole board in view) or `1` (100 %).
        #[arg(long, default_value = "fit")]
        zoom: rhythm::diagnostics::bench_pan::BenchZoom,
        /// The window's inner size in points, `WxH` (capped to the screen).
        #[arg(long, default_value = "1920x1080")]
        size: rhythm::diagnostics::bench_pan::WindowSize,
    },
}

/// "1920x1080" → [1920, 1080]: a window size in pixels, each 1–16384.
#[cfg(feature = "diagnostics")]
fn parse_size(text: &str) -> Result<[u32; 2], String> {
    let (w, h) = text
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("expected WxH, e.g. 1920x1080, not {text:?}"))?;
    let side = |v: &str| -> Result<u32, String> {
        let n: u32 = v
            .trim()
            .parse()
            .map_err(|_| format!("not a whole number of pixels: {v:?}"))?;
        if (1..=16384).contains(&n) {
            Ok(n)
        } else {
            Err(format!("{n} px is outside 1–16384"))
        }
    };
    Ok([side(w)?, side(h)?])
}

/// An error already worded for a person, as `PATH:LINE:COL: message`
/// lines: printed as it is, without the `rhythm:` prefix.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.join("\n"))]
struct Located(Vec<String>);

fn main() -> ExitCode {
    let process_start = std::time::Instant::now();
    let cli = Cli::parse();
    let result = match cli.command {
        None => window(
            rhythm::app::Start {
                path: cli.path,
                projector: cli.projector,
                room: cli.room.then_some(cli.listen),
                renderer: RendererChoice::default(),
            },
            cli.renderer,
        ),
        Some(command) => run(command, cli.renderer, process_start),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The one place an error reaches the person: the whole chain, and
        // exit 1.
        Err(err) => {
            match err.downcast_ref::<Located>() {
                Some(located) => eprintln!("{located}"),
                None => eprintln!("rhythm: {err:#}"),
            }
            ExitCode::FAILURE
        }
    }
}

/// Run one subcommand (`process_start`: when the process started, for
/// `bench-pan`'s time to the first frame).
#[cfg_attr(not(feature = "diagnostics"), allow(unused_variables))]
fn run(
    command: Command,
    renderer: Option<RendererChoice>,
    process_start: std::time::Instant,
) -> anyhow::Result<()> {
    match command {
        Command::Generate {
            notes,
            tools,
            flows,
            pains,
            tasks,
            crowded,
            seed,
            path,
        } => generate(
            notes,
            tools.map(|t| (t, flows, pains)),
            tasks,
            crowded,
            seed,
            &path,
        ),
        #[cfg(feature = "diagnostics")]
        Command::BenchPan {
            path,
            seconds,
            zoom,
            size,
        } => {
            init_tracing();
            let options = rhythm::diagnostics::bench_pan::BenchOptions {
                zoom,
                seconds,
                renderer: RendererChoice::from_cli_or_env(renderer).map_err(anyhow::Error::msg)?,
                size,
            };
            let report = rhythm::diagnostics::bench_pan::run(&path, options, process_start)?;
            println!("{}", report.to_json());
            Ok(())
        }
        #[cfg(feature = "diagnostics")]
        Command::Layout {
            path,
            size,
            projector,
            step,
        } => {
            let session = load(&path)?;
            let step = rhythm::ui::steps::Step::ALL
                .get(usize::from(step.saturating_sub(1)))
                .copied()
                .unwrap_or_default();
            let options = rhythm::diagnostics::layout::Options {
                size,
                projector,
                step,
                opened_at: None,
            };
            println!(
                "{}",
                rhythm::diagnostics::layout::layout(session, options).to_json()
            );
            Ok(())
        }
        Command::Room { path, listen } => {
            init_tracing();
            rhythm::room::headless::run(&path, listen)?;
            Ok(())
        }
        Command::Report { format, path } => report(format, &path),
        Command::Minutes {
            paths,
            out,
            paper,
            anonymous,
        } => minutes(&paths, out.as_deref(), paper, anonymous),
        Command::Compare { report, paths } => compare(report, &paths, renderer),
        Command::Check { path } => check(&path),
    }
}

/// A session file, or its error as `PATH:LINE:COL: message`.
fn load(path: &Path) -> anyhow::Result<rhythm::model::Session> {
    rhythm::store::load(path).map_err(|err| Located(vec![err.with_path(path)]).into())
}

/// `rhythm [--projector] [--room [--listen ADDR:PORT]] [PATH]`: the
/// window.
fn window(start: rhythm::app::Start, renderer: Option<RendererChoice>) -> anyhow::Result<()> {
    init_tracing();
    let renderer = RendererChoice::from_cli_or_env(renderer).map_err(anyhow::Error::msg)?;
    rhythm::app::run(rhythm::app::Start { renderer, ..start })
}

/// `rhythm generate`: a synthetic session written to `path`. `workshop`:
/// tools, flows and pain points of a workshop board.
fn generate(
    notes: Option<usize>,
    workshop: Option<(usize, Option<usize>, Option<usize>)>,
    tasks: Option<usize>,
    crowded: bool,
    seed: u64,
    path: &Path,
) -> anyhow::Result<()> {
    use rhythm::generate::workshop::{self, Spec};
    let session = match (workshop, crowded) {
        (None, false) => rhythm::generate::session(notes.unwrap_or_default(), seed),
        (workshop, crowded) => {
            let base = if crowded {
                Spec::crowded()
            } else {
                Spec::new(workshop.map_or(0, |w| w.0))
            };
            let tools = workshop.map_or(base.tools, |w| w.0);
            let defaults = Spec::new(tools);
            let spec = Spec {
                tools,
                flows: workshop.and_then(|w| w.1).unwrap_or(if workshop.is_some() {
                    defaults.flows
                } else {
                    base.flows
                }),
                pains: workshop.and_then(|w| w.2).unwrap_or(if workshop.is_some() {
                    defaults.pains
                } else {
                    base.pains
                }),
                tasks: tasks.or(base.tasks),
                crowded,
                seed,
            };
            workshop::generate(&spec)
        }
    };
    rhythm::store::save(path, &session)?;
    println!(
        "wrote {}: {} tools, {} tasks, {} pain points, {} flows",
        path.display(),
        session.tools.len(),
        session.tasks.len(),
        session.pain_points.len(),
        session.flows.len()
    );
    Ok(())
}

/// `rhythm report`: Markdown or CSV on stdout.
fn report(format: ReportFormat, path: &Path) -> anyhow::Result<()> {
    let session = load(path)?;
    match format {
        ReportFormat::Md => print!("{}", rhythm::report::markdown(&session)),
        ReportFormat::Csv => {
            let text = rhythm::report::csv(&session)
                .with_context(|| format!("{}: cannot write CSV", path.display()))?;
            print!("{text}");
        }
    }
    Ok(())
}

/// `rhythm minutes`: the PDF and the HTML page, or the one file asked for;
/// prints each path written.
fn minutes(
    paths: &[PathBuf],
    out: Option<&Path>,
    paper: rhythm::minutes::Paper,
    anonymous: bool,
) -> anyhow::Result<()> {
    use rhythm::minutes::{Format, Minutes, Options};
    let loaded = rhythm::store::load_many(paths).map_err(Located)?;
    let sessions: Vec<_> = loaded.into_iter().map(|(_, s)| s).collect();
    let options = Options { paper, anonymous };
    let minutes = Minutes::of(&sessions, options)?;
    if let Some(out) = out {
        let format = Format::of_path(out).ok_or_else(|| {
            anyhow::anyhow!(
                "{}: the minutes are written as .pdf or .html",
                out.display()
            )
        })?;
        let bytes = format.render(&minutes)?;
        std::fs::write(out, bytes).with_context(|| format!("cannot write {}", out.display()))?;
        println!("{}", out.display());
        return Ok(());
    }
    let latest = paths
        .get(minutes.latest_index())
        .context("no session to write minutes of")?;
    let folder = latest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let session = sessions
        .get(minutes.latest_index())
        .context("no session to write minutes of")?;
    for path in rhythm::minutes::export_both(&minutes, session, folder, Some(latest))? {
        println!("{}", path.display());
    }
    Ok(())
}

/// `rhythm compare`: Markdown on stdout with `report`, else the window.
fn compare(
    report: bool,
    paths: &[PathBuf],
    renderer: Option<RendererChoice>,
) -> anyhow::Result<()> {
    let sessions = rhythm::store::load_many(paths).map_err(Located)?;
    if report {
        let plain: Vec<_> = sessions.into_iter().map(|(_, s)| s).collect();
        let comparison = rhythm::model::compare(&plain);
        print!("{}", rhythm::report::compare_markdown(&comparison));
        return Ok(());
    }
    init_tracing();
    let renderer = RendererChoice::from_cli_or_env(renderer).map_err(anyhow::Error::msg)?;
    rhythm::app::compare::run_window(sessions, paths.to_vec(), renderer)
}

/// `rhythm check`: `ok: …` (and the repairs) or the error.
fn check(path: &Path) -> anyhow::Result<()> {
    let loaded = rhythm::store::read(path).map_err(|err| Located(vec![err.with_path(path)]))?;
    let session = &loaded.session;
    let counts = format!(
        "{} tools, {} flows, {} tasks",
        session.tools.len(),
        session.flows.len(),
        session.tasks.len()
    );
    if loaded.repairs.is_empty() {
        println!("ok: {counts}");
    } else {
        println!("ok (repaired {}): {counts}", loaded.repairs.len());
        for repair in &loaded.repairs {
            println!("{}", repair.with_path(path));
        }
    }
    Ok(())
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        // Warnings, and the one line that says which renderer draws.
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,rhythm::app::renderer=info"));
    // Logs go to stderr: stdout carries what scripts read (the room's URL
    // and code on lines 1 and 2, `rhythm layout`'s JSON).
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
