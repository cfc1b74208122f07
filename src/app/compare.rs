//! Comparing quarters from the app (METHOD.md, "Comparing quarters"):
//! File → Compare… (a picker for the session files, then the compare view
//! in a window over the board), and the window of its own that `rhythm
//! compare A.ron B.ron` opens. Reading the files is done here
//! ([`crate::store::load_many`]); the view only draws
//! ([`crate::ui::compare::CompareState`]).

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::Ui;

use super::files::{DialogAnswer, PendingDialog, session_dialog};
use crate::model::Session;
use crate::store;
use crate::ui::compare::CompareState;
use crate::ui::theme;

/// How often the picker looks for the native dialog's answer while it is
/// open.
const BROWSE_POLL: Duration = Duration::from_millis(100);

/// A window showing only the compare view (`rhythm compare A.ron B.ron`
/// without `--report`). F5 turns projector mode on and off as in the main
/// window (fullscreen, the projector's scale, high contrast); Esc leaves it.
struct CompareApp {
    state: CompareState,
    /// The sessions compared, with their files (for the minutes).
    sources: Vec<(Option<PathBuf>, Session)>,
    minutes: super::minutes::MinutesExport,
    projector: bool,
    start_maximized: super::maximize::StartMaximized,
    /// Keeps the window on the screen it is on (issue 18.0).
    screen_fit: super::screen_fit::ScreenFit,
}

impl eframe::App for CompareApp {
    /// The panels paint no fill of their own: the window shows the board
    /// colour, as the main window does.
    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        theme::WINDOW_CLEAR.to_normalized_gamma_f32()
    }

    fn ui(&mut self, ui: &mut Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.start_maximized.frame(&ctx);
        let (f5, escape) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::F5),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
            )
        });
        if f5 || (escape && self.projector) {
            self.projector = !self.projector;
            set_projector(&ctx, self.projector);
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let sources = &self.sources;
            self.minutes.button_ui(ui, || sources.clone());
            self.state.ui(ui);
        });
        if self.minutes.is_running() {
            ctx.request_repaint_after(BROWSE_POLL);
        }
        // After the frame: F5 may have changed the zoom.
        let now = ctx.input(|i| i.time);
        if self
            .screen_fit
            .frame(frame.winit_window().map(|w| &**w), now)
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
    }
}

/// Projector mode on a compare window: fullscreen, the projector's scale
/// and high-contrast outlines, or back to normal.
pub fn set_projector(ctx: &egui::Context, on: bool) {
    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
    ctx.set_zoom_factor(if on {
        super::prefs::DEFAULT_PROJECTOR_SCALE
    } else {
        1.0
    });
    theme::set_projector(ctx, on);
}

/// Open a window on the comparison of `sessions` (display name and
/// session, e.g. from [`store::load_many`]); returns when it is closed.
/// `renderer` picks glow or wgpu as for the main window.
///
/// # Errors
/// When the window cannot be opened (no display, no renderer starts).
pub fn run_window(
    sessions: Vec<(String, Session)>,
    paths: Vec<PathBuf>,
    renderer: super::renderer::RendererChoice,
) -> anyhow::Result<()> {
    let sources: Vec<(Option<PathBuf>, Session)> = paths
        .into_iter()
        .map(Some)
        .zip(sessions.iter().map(|(_, s)| s.clone()))
        .collect();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Rhythm — comparing quarters")
            .with_inner_size([1280.0, 900.0])
            // On the projector the comparison gets the whole screen.
            .with_maximized(true),
        ..Default::default()
    };
    let state = CompareState::new(sessions);
    super::renderer::run_native(
        "Rhythm compare",
        &options,
        renderer,
        Box::new(move |cc, _renderer| {
            theme::install(&cc.egui_ctx);
            Ok(Box::new(CompareApp {
                state,
                sources,
                minutes: super::minutes::MinutesExport::default(),
                projector: false,
                start_maximized: super::maximize::StartMaximized::new(super::maximize::wanted(
                    cc.storage,
                )),
                screen_fit: Default::default(),
            }))
        }),
    )
}

/// The typed-path picker of File → Compare….
#[derive(Debug, Default)]
struct Picker {
    /// One path per line.
    text: String,
    /// Why the last attempt failed, one `PATH:LINE:COL: message` per file,
    /// or that no file dialog could be shown.
    error: Option<String>,
    /// A native "Browse…" dialog open on its own thread.
    browsing: Option<PendingDialog<Vec<PathBuf>>>,
}

impl Picker {
    /// The typed paths, one per line, blank lines left out.
    fn lines(&self) -> impl Iterator<Item = &str> {
        self.text.lines().map(str::trim).filter(|l| !l.is_empty())
    }

    /// Open rfd's multi-file dialog on a thread (never blocking the UI),
    /// starting in the folder of the first typed path.
    fn browse(&mut self, ctx: &egui::Context) {
        if self.browsing.is_some() {
            return;
        }
        let folder = self
            .lines()
            .next()
            .and_then(|l| Path::new(l).parent().map(Path::to_path_buf))
            .filter(|p| p.is_dir());
        let spawned = PendingDialog::spawn(ctx, "compare file dialog", move || {
            let dialog = session_dialog(folder).set_title("Sessions to compare");
            pollster::block_on(dialog.pick_files())
                .map(|files| files.iter().map(|f| f.path().to_path_buf()).collect())
        });
        match spawned {
            Ok(pending) => {
                self.browsing = Some(pending);
                self.error = None;
            }
            Err(err) => {
                self.error = Some(format!(
                    "Cannot open a file dialog ({err}): type the paths, one per line."
                ));
            }
        }
    }

    /// Take the native dialog's answer when it has come: picked files are
    /// added below the typed paths (each once).
    fn poll_browse(&mut self) {
        let Some(answer) = self.browsing.as_ref().and_then(PendingDialog::poll) else {
            return;
        };
        self.browsing = None;
        match answer {
            DialogAnswer::Picked(files) => {
                let mut lines: Vec<String> = self.lines().map(str::to_owned).collect();
                for file in files {
                    let line = file.display().to_string();
                    if !lines.contains(&line) {
                        lines.push(line);
                    }
                }
                self.text = lines.join("\n") + "\n";
            }
            DialogAnswer::Unavailable => {
                self.error = Some(
                    "No file dialog is available here: type the paths, one per line.".to_owned(),
                );
            }
            DialogAnswer::Cancelled => {}
        }
    }
}

/// File → Compare… in the main window: a picker for two or more session
/// files (typed paths, one per line, or "Browse…" for the native dialog),
/// then the compare view in its own window. Not saved with the session.
#[derive(Debug, Default)]
pub struct CompareDialog {
    picker: Option<Picker>,
    view: Option<CompareState>,
    /// The sessions compared, with their files (for the minutes).
    sources: Vec<(Option<PathBuf>, Session)>,
    minutes: super::minutes::MinutesExport,
}

impl CompareDialog {
    /// Show the picker, pre-filled with the current session's path when it
    /// has one (the user adds the other quarters below it).
    pub fn open_picker(&mut self, current: Option<&Path>) {
        let text = current.map_or_else(String::new, |p| format!("{}\n", p.display()));
        self.picker = Some(Picker {
            text,
            ..Picker::default()
        });
    }

    /// Read the session files at `paths` and show their comparison.
    ///
    /// # Errors
    /// Fewer than two paths, or files that cannot be read: one
    /// `PATH:LINE:COL: message` line per unreadable file. The view shown
    /// before, if any, stays.
    pub fn open_paths(&mut self, paths: &[PathBuf]) -> Result<(), String> {
        if paths.len() < 2 {
            return Err("Pick two or more session files, one path per line.".to_owned());
        }
        let sessions = store::load_many(paths).map_err(|errors| errors.join("\n"))?;
        self.sources = paths
            .iter()
            .cloned()
            .map(Some)
            .zip(sessions.iter().map(|(_, s)| s.clone()))
            .collect();
        self.view = Some(CompareState::new(sessions));
        self.picker = None;
        Ok(())
    }

    /// The compare view, when one is open.
    pub fn view(&self) -> Option<&CompareState> {
        self.view.as_ref()
    }

    /// Draw the picker and the compare view as windows over `ctx`, when
    /// open. Call once per frame.
    pub fn show(&mut self, ctx: &egui::Context) {
        self.picker_ui(ctx);
        if let Some(view) = &mut self.view {
            let mut open = true;
            // It fills the screen (F5 applies to it as to the board): the
            // comparison is what the room reads now.
            egui::Window::new("Comparing quarters")
                .id(egui::Id::unique("compare view"))
                .open(&mut open)
                .collapsible(false)
                .fixed_rect(ctx.content_rect().shrink(8.0))
                .show(ctx, |ui| {
                    let sources = &self.sources;
                    self.minutes.button_ui(ui, || sources.clone());
                    view.ui(ui);
                });
            if self.minutes.is_running() {
                ctx.request_repaint_after(BROWSE_POLL);
            }
            if !open {
                self.view = None;
            }
        }
    }

    fn picker_ui(&mut self, ctx: &egui::Context) {
        let Some(picker) = &mut self.picker else {
            return;
        };
        picker.poll_browse();
        if picker.browsing.is_some() {
            ctx.request_repaint_after(BROWSE_POLL);
        }
        let (mut submit, mut cancel, mut browse) = (false, false, false);
        egui::Window::new("Compare sessions")
            .id(egui::Id::unique("compare picker"))
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.set_width(620.0);
                ui.label("Session files of the same team, one path per line, in any order:");
                ui.add(
                    egui::TextEdit::multiline(&mut picker.text)
                        .desired_rows(4)
                        .desired_width(f32::INFINITY)
                        .hint_text("sessions/team-2025-Q3.ron\nsessions/team-2026-Q1.ron"),
                );
                if let Some(error) = &picker.error {
                    ui.colored_label(theme::WARNING_INK, error);
                }
                if picker.browsing.is_some() {
                    ui.label("Waiting for the file dialog…");
                }
                ui.horizontal(|ui| {
                    browse = ui
                        .add_enabled(picker.browsing.is_none(), egui::Button::new("Browse…"))
                        .on_hover_text("Pick session files with the system's file dialog")
                        .clicked();
                    submit = ui.button("Compare").clicked();
                    cancel = ui.button("Cancel").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape));
                });
            });
        if browse {
            picker.browse(ctx);
        }
        if cancel {
            self.picker = None;
        } else if submit {
            let paths: Vec<PathBuf> = picker.lines().map(PathBuf::from).collect();
            if let Err(error) = self.open_paths(&paths)
                && let Some(picker) = &mut self.picker
            {
                picker.error = Some(error);
            }
        }
    }
}
