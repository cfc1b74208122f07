//! The eframe application: one open [`Document`], the views around it,
//! commands with keyboard shortcuts, file dialogs and the "unsaved
//! changes" guard.

pub mod bench_pan;
mod document;
pub mod export;
mod files;
pub mod prefs;
mod recent;
mod recovery;
pub mod renderer;

use std::path::{Path, PathBuf};

use egui::{Key, KeyboardShortcut, Modifiers, RichText};

pub use document::Document;
pub use files::{Dialogs, Outcome, Purpose};
pub use prefs::{PREFS_KEY, Prefs};
pub use recent::{RECENT_KEY, RECENT_MAX, RecentFiles};
pub use recovery::{AUTOSAVE_AFTER, Recovery};

use crate::model::{Attachment, Edit, Id, NoteRef, Session, Stats, TASK_NOTE_SIZE, TOOL_CARD_SIZE};
use crate::store;
use crate::ui::canvas::{self, CanvasState};
use crate::ui::hybrid::HybridState;
use crate::ui::inspector::InspectorState;
use crate::ui::participants::ParticipantsState;
use crate::ui::steps::{self, Step};
use crate::ui::timer::StepTimer;
use crate::ui::typology::TypologyState;
use crate::ui::voting::{self, VotingState};
use crate::ui::{cheatsheet, header, participants, scoring, theme};

/// Something the user asked for, from a menu, a button or a shortcut.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Start a new empty session (Ctrl+N).
    New,
    /// Open a session with the native dialog (Ctrl+O).
    Open,
    /// Open a session by typing its path.
    OpenPath,
    /// Save to the current file, or ask where (Ctrl+S).
    Save,
    /// Save under a new name (Ctrl+Shift+S).
    SaveAs,
    /// Undo (Ctrl+Z).
    Undo,
    /// Redo (Ctrl+Shift+Z, Ctrl+Y).
    Redo,
    /// Add a tool card in the middle of the view.
    AddTool,
    /// Add a task note in the middle of the view.
    AddTaskNote,
    /// Add a free-standing pain point in the middle of the view.
    AddPainPoint,
    /// Show or hide the participants and their scores.
    ToggleParticipants,
    /// Frame the whole board (F).
    FitAll,
    /// Close the window (asks first when there are unsaved changes).
    Quit,
    /// Pick two or more session files and compare them (File → Compare…).
    Compare,
    /// A new unsaved session for the next quarter, started from this one
    /// (asks first when there are unsaved changes).
    StartNextQuarter,
    /// Projector mode on or off (F5; Esc leaves it).
    ToggleProjector,
    /// Larger UI (Ctrl+=), by [`prefs::SCALE_STEP`].
    ScaleUp,
    /// Smaller UI (Ctrl+-).
    ScaleDown,
    /// The mode's default UI size (Ctrl+0).
    ScaleReset,
    /// Show or hide the keyboard cheat sheet (F1, ?).
    ToggleCheatSheet,
    /// Export the board and the grid as PNG next to the session (Ctrl+E).
    ExportPng,
    /// Start or pause the current step's timer (T).
    ToggleTimer,
    /// Show or hide the board's minimap (M).
    ToggleMinimap,
    /// Show or hide the dot-vote panel (F3); while it is open, clicking a
    /// task or pain note on the board places or removes a dot.
    ToggleVoting,
}

/// What waits for the user's answer to "discard unsaved changes?".
#[derive(Clone, Debug, PartialEq)]
enum AfterConfirm {
    New,
    Open,
    OpenPath(PathBuf),
    Close,
    NextQuarter,
}

/// A typed-path prompt (when no native dialog is available, or asked for).
#[derive(Clone, Debug)]
struct PathPrompt {
    purpose: Purpose,
    text: String,
    note: Option<String>,
}

/// A message in the status bar.
#[derive(Clone, Debug)]
struct Status {
    text: String,
    is_error: bool,
}

const SHORTCUTS: [(KeyboardShortcut, Command); 14] = [
    (
        KeyboardShortcut::new(Modifiers::NONE, Key::F5),
        Command::ToggleProjector,
    ),
    (
        KeyboardShortcut::new(Modifiers::NONE, Key::F1),
        Command::ToggleCheatSheet,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals),
        Command::ScaleUp,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus),
        Command::ScaleDown,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0),
        Command::ScaleReset,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::E),
        Command::ExportPng,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S),
        Command::SaveAs,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
        Command::Save,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::N),
        Command::New,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::O),
        Command::Open,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z),
        Command::Redo,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
        Command::Redo,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Z),
        Command::Undo,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Q),
        Command::Quit,
    ),
];

/// Keys without modifiers that act only while no text field has focus.
const PLAIN_KEYS: [(Key, Command); 4] = [
    (Key::F3, Command::ToggleVoting),
    (Key::T, Command::ToggleTimer),
    (Key::M, Command::ToggleMinimap),
    (Key::F2, Command::ToggleParticipants),
];

/// Smallest on-screen note text in projector mode, physical pixels: read
/// from the back of the room at 1920×1080 (issue 6).
pub const PROJECTOR_MIN_TEXT_PX: f32 = 24.0;

/// Share of the window's width the scoring panel starts with.
const SCORE_SHARE: f32 = 0.22;
/// Share of the window's width the typology panel starts with.
const TYPOLOGY_SHARE: f32 = 0.30;

/// The Rhythm window.
pub struct RhythmApp {
    doc: Document,
    canvas: CanvasState,
    typology: TypologyState,
    stats: Stats,
    stats_revision: u64,
    dialogs: Dialogs,
    path_prompt: Option<PathPrompt>,
    confirm: Option<AfterConfirm>,
    error: Option<String>,
    status: Option<Status>,
    allow_close: bool,
    sent_title: String,
    /// The step of the method the room is in.
    step: Step,
    inspector: InspectorState,
    participants: ParticipantsState,
    hybrid: HybridState,
    show_participants: bool,
    /// Dim every note not authored by this participant.
    highlight: Option<Id>,
    /// Autosave, recovery offers, repairs notice, recent files.
    recovery: Recovery,
    /// File → Compare…: the picker and the compare view.
    compare: crate::ui::compare::CompareDialog,
    /// Scales, timeboxes, minimap (kept across restarts).
    prefs: Prefs,
    /// Projector mode: fullscreen, large UI, high contrast, chrome hidden.
    projector: bool,
    /// The zoom factor last given to egui, to set it only on change.
    applied_scale: Option<f32>,
    /// One timebox per step.
    timer: StepTimer,
    show_cheatsheet: bool,
    /// An export waiting for its screenshot.
    export: Option<export::PendingExport>,
    /// Where the typology grid was drawn last frame, screen points.
    grid_rect: Option<egui::Rect>,
    /// The dot-vote panel: the active voter, sorting.
    voting: VotingState,
    show_voting: bool,
}

impl RhythmApp {
    /// The app on `doc`, with the theme installed on `ctx`. `startup_error`
    /// (a file given on the command line that could not be read) is shown
    /// at once.
    pub fn new(ctx: &egui::Context, doc: Document, startup_error: Option<String>) -> Self {
        theme::install(ctx);
        // Ctrl+= / Ctrl+- / Ctrl+0 are ours: they change the mode's scale.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let stats = Stats::of(doc.session());
        let prefs = Prefs::default();
        Self {
            stats_revision: doc.revision(),
            doc,
            canvas: CanvasState::default(),
            typology: TypologyState::default(),
            stats,
            dialogs: Dialogs::default(),
            path_prompt: None,
            confirm: None,
            error: startup_error,
            status: None,
            allow_close: false,
            sent_title: String::new(),
            step: Step::default(),
            inspector: InspectorState::default(),
            participants: ParticipantsState::default(),
            hybrid: HybridState::default(),
            show_participants: false,
            highlight: None,
            recovery: Recovery::default(),
            compare: Default::default(),
            timer: StepTimer::with_minutes(prefs.timebox_minutes),
            prefs,
            projector: false,
            applied_scale: None,
            show_cheatsheet: false,
            export: None,
            grid_rect: None,
            voting: VotingState::default(),
            show_voting: false,
        }
    }

    /// Use stored preferences (scales, timeboxes, minimap).
    pub fn set_prefs(&mut self, prefs: Prefs) {
        self.timer = StepTimer::with_minutes(prefs.timebox_minutes);
        self.prefs = prefs.sane();
    }

    /// The preferences as they are now (timeboxes included).
    pub fn prefs(&self) -> Prefs {
        Prefs {
            timebox_minutes: self.timer.minutes(),
            ..self.prefs.clone()
        }
    }

    /// Whether projector mode is on.
    pub fn is_projector(&self) -> bool {
        self.projector
    }

    /// The UI scale of the current mode (1 = normal size).
    pub fn scale(&self) -> f32 {
        if self.projector {
            self.prefs.projector_scale
        } else {
            self.prefs.scale
        }
    }

    /// Turn projector mode on or off: fullscreen, the mode's scale, the
    /// high-contrast outlines, and "fit all" that keeps note text at
    /// least [`PROJECTOR_MIN_TEXT_PX`] high.
    pub fn set_projector(&mut self, ctx: &egui::Context, on: bool) {
        self.projector = on;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));

        theme::set_projector(ctx, on || self.prefs.high_contrast);
        self.canvas.request_fit();
        self.say(if on {
            "Projector mode: Esc or F5 leaves it · Ctrl+= / Ctrl+- size · F1 keys"
        } else {
            "Projector mode off"
        });
    }

    /// The step timers.
    pub fn timer(&self) -> &StepTimer {
        &self.timer
    }

    /// The step timers, to set a timebox (tests, preferences).
    pub fn timer_mut(&mut self) -> &mut StepTimer {
        &mut self.timer
    }

    /// The step the room is in.
    pub fn step(&self) -> Step {
        self.step
    }

    /// The open document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The tool-map view's state.
    pub fn canvas(&self) -> &CanvasState {
        &self.canvas
    }

    /// The typology view's state.
    pub fn typology(&self) -> &TypologyState {
        &self.typology
    }

    /// The figures the scoring panel shows.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// The error shown in the error dialog, if any.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Autosave and recovery state (recent files, offers).
    pub fn recovery(&self) -> &Recovery {
        &self.recovery
    }

    /// Turn on autosave and recovery offers; recovery copies of
    /// never-saved sessions go under `app_data` (see [`Recovery::start`]).
    pub fn enable_recovery(
        &mut self,
        storage: Option<&dyn eframe::Storage>,
        app_data: Option<PathBuf>,
    ) {
        self.recovery.start(storage, app_data, &self.doc);
    }

    /// Perform a command.
    pub fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => self.guarded(ctx, AfterConfirm::New),
            Command::Open => self.guarded(ctx, AfterConfirm::Open),
            Command::OpenPath => {
                self.path_prompt = Some(PathPrompt {
                    purpose: Purpose::Open,
                    text: self.folder_hint(),
                    note: None,
                });
            }
            Command::Save => match self.doc.path().map(Path::to_owned) {
                Some(path) => {
                    self.save_to(path);
                }
                None => self.run_command(ctx, Command::SaveAs),
            },
            Command::SaveAs => {
                let folder = self.doc.path().and_then(Path::parent).map(Path::to_owned);
                let name = self.suggested_file_name();
                self.dialogs.open(ctx, Purpose::SaveAs, folder, &name);
            }
            Command::Undo => match self.doc.undo() {
                Ok(true) => {}
                Ok(false) => self.say("Nothing to undo"),
                Err(err) => self.fail(format!("Cannot undo: {err}")),
            },
            Command::Redo => match self.doc.redo() {
                Ok(true) => {}
                Ok(false) => self.say("Nothing to redo"),
                Err(err) => self.fail(format!("Cannot redo: {err}")),
            },
            Command::AddTool => {
                let pos = self.canvas.spot_for_new_note(TOOL_CARD_SIZE);
                let (edit, note) = canvas::new_tool_at(self.doc.session(), pos, self.canvas.author);
                self.apply_and_rename(edit, note, canvas::NEW_TOOL_NAME);
            }
            Command::AddTaskNote => {
                let pos = self.canvas.spot_for_new_note(TASK_NOTE_SIZE);
                let (edit, note) =
                    canvas::new_task_note_at(self.doc.session(), pos, self.canvas.author);
                self.apply_and_rename(edit, note, canvas::NEW_TASK_NAME);
            }
            Command::AddPainPoint => {
                let pos = self.canvas.spot_for_new_note(canvas::PAIN_NOTE_SIZE);
                let mut edits = Vec::new();
                self.canvas
                    .add_pain(self.doc.session(), Attachment::Free, pos, &mut edits);
                for edit in edits {
                    self.apply(edit);
                }
            }
            Command::ToggleParticipants => self.show_participants = !self.show_participants,
            Command::FitAll => self.canvas.request_fit(),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Compare => self.compare.open_picker(self.doc.path()),
            Command::StartNextQuarter => self.guarded(ctx, AfterConfirm::NextQuarter),
            Command::ToggleProjector => self.set_projector(ctx, !self.projector),
            Command::ScaleUp | Command::ScaleDown | Command::ScaleReset => {
                let default = if self.projector {
                    prefs::DEFAULT_PROJECTOR_SCALE
                } else {
                    1.0
                };
                let scale = match command {
                    Command::ScaleUp => self.scale() + prefs::SCALE_STEP,
                    Command::ScaleDown => self.scale() - prefs::SCALE_STEP,
                    _ => default,
                };
                let scale = prefs::clamp_scale(scale, default);
                if self.projector {
                    self.prefs.projector_scale = scale;
                } else {
                    self.prefs.scale = scale;
                }
                self.say(format!("UI size {:.0} %", scale * 100.0));
            }
            Command::ToggleCheatSheet => self.show_cheatsheet = !self.show_cheatsheet,
            Command::ExportPng => self.start_export(ctx),
            Command::ToggleTimer => {
                let now = ctx.input(|i| i.time);
                self.timer.toggle(self.step, now);
                ctx.request_repaint();
            }
            Command::ToggleMinimap => self.prefs.minimap = !self.prefs.minimap,
            Command::ToggleVoting => self.show_voting = !self.show_voting,
        }
    }

    /// Ask for a screenshot of the next frame; the board and the grid are
    /// cut out of it and written next to the session file (or in the
    /// working folder for a never-saved session) when it arrives.
    fn start_export(&mut self, ctx: &egui::Context) {
        if self.export.is_some() {
            return;
        }
        let mut parts = Vec::new();
        if let Some(rect) = self
            .canvas
            .canvas_rect()
            .filter(|_| self.step != Step::HybridScore)
        {
            parts.push(("board", rect));
        }
        if let Some(rect) = self.grid_rect {
            parts.push(("grid", rect));
        }
        if parts.is_empty() {
            self.fail("Nothing to export: show the board or the grid first".to_owned());
            return;
        }
        let folder = self
            .doc
            .path()
            .and_then(Path::parent)
            .map(Path::to_owned)
            .unwrap_or_else(|| PathBuf::from("."));
        let stem = self
            .suggested_file_name()
            .trim_end_matches(&format!(".{}", store::EXTENSION))
            .to_owned();
        self.export = Some(export::PendingExport::request(ctx, parts, folder, stem));
        self.say("Exporting…");
    }

    fn poll_export(&mut self) {
        let Some(result) = self.export.as_ref().and_then(export::PendingExport::poll) else {
            return;
        };
        self.export = None;
        match result {
            Ok(paths) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                self.say(format!("Exported {}", names.join(" and ")));
            }
            Err(err) => self.fail(err),
        }
    }

    fn apply_and_rename(&mut self, edit: Edit, note: NoteRef, name: &str) {
        if self.apply(edit) {
            self.canvas.start_rename(note, name);
        }
    }

    /// Apply one edit from a view; a refused edit is reported, not lost
    /// silently.
    fn apply(&mut self, edit: Edit) -> bool {
        match self.doc.apply(edit) {
            Ok(()) => true,
            Err(err) => {
                self.fail(format!("Not applied: {err}"));
                false
            }
        }
    }

    /// Do `action` now, or first ask whether to discard unsaved changes.
    fn guarded(&mut self, ctx: &egui::Context, action: AfterConfirm) {
        if self.doc.is_dirty() {
            self.confirm = Some(action);
        } else {
            self.proceed(ctx, action);
        }
    }

    fn proceed(&mut self, ctx: &egui::Context, action: AfterConfirm) {
        match action {
            AfterConfirm::New => {
                self.replace_document(Document::default());
                self.say("New session");
            }
            AfterConfirm::Open => {
                let folder = self.doc.path().and_then(Path::parent).map(Path::to_owned);
                self.dialogs.open(ctx, Purpose::Open, folder, "");
            }
            AfterConfirm::OpenPath(path) => self.open_path(&path),
            AfterConfirm::NextQuarter => {
                let next = crate::model::start_next_quarter(self.doc.session());
                let quarter = next.header.quarter.clone();
                self.replace_document(Document::new(next, None));
                self.say(format!(
                    "New session for {quarter}: scores cleared; save it to keep it"
                ));
            }
            AfterConfirm::Close => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Open a session file; on failure the current session stays as it is
    /// and the error is shown with line and column.
    pub fn open_path(&mut self, path: &Path) {
        match store::read(path) {
            Ok(loaded) => {
                self.replace_document(Document::new(loaded.session, Some(path.to_owned())));
                self.recovery.opened(path, loaded.repairs);
                self.say(format!("Opened {}", path.display()));
            }
            Err(err) => {
                let mut message = err.with_path(path);
                if let store::LoadError::Syntax { line_text, col, .. } = &err {
                    let caret = " ".repeat(col.saturating_sub(1));
                    message.push_str(&format!("\n\n    {line_text}\n    {caret}^"));
                }
                self.error = Some(message);
                self.fail(format!("Could not open {}", path.display()));
            }
        }
    }

    /// Save to `path`; on failure the session stays open and unsaved.
    pub fn save_to(&mut self, path: PathBuf) -> bool {
        match store::save_reporting(&path, self.doc.session()) {
            Ok(saved) => {
                let note = self.recovery.saved(&path, self.doc.revision(), &saved);
                self.say(format!("Saved {}{note}", path.display()));
                self.doc.mark_saved(path);
                true
            }
            Err(err) => {
                self.error = Some(format!("{err}\n\nThe session is still open and unsaved."));
                self.fail("Save failed".to_owned());
                false
            }
        }
    }

    fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.canvas = CanvasState::default();
        self.typology = TypologyState::default();
        self.inspector = InspectorState::default();
        self.voting = VotingState::default();
        self.participants = ParticipantsState::default();
        self.hybrid = HybridState::default();
        self.highlight = None;
        self.refresh_stats();
    }

    fn refresh_stats(&mut self) {
        if self.stats_revision != self.doc.revision() || self.doc.revision() == 0 {
            self.stats = Stats::of(self.doc.session());
            self.stats_revision = self.doc.revision();
        }
    }

    fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: false,
        });
    }

    fn fail(&mut self, text: String) {
        tracing::warn!("{text}");
        self.status = Some(Status {
            text,
            is_error: true,
        });
    }

    fn folder_hint(&self) -> String {
        self.doc
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "sessions/".to_owned())
    }

    fn suggested_file_name(&self) -> String {
        let header = &self.doc.session().header;
        let stem: String = [header.team.as_str(), header.quarter.as_str()]
            .iter()
            .filter(|s| !s.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("-")
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let stem = if stem.is_empty() {
            "session".to_owned()
        } else {
            stem
        };
        format!("{stem}.{}", store::EXTENSION)
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let mut fired = Vec::new();
        ctx.input_mut(|i| {
            for (shortcut, command) in &SHORTCUTS {
                // While text is typed, undo/redo belong to the text field.
                if typing && matches!(command, Command::Undo | Command::Redo) {
                    continue;
                }
                if i.consume_shortcut(shortcut) {
                    fired.push(command.clone());
                }
            }
        });
        if !typing {
            ctx.input_mut(|i| {
                for (key, command) in &PLAIN_KEYS {
                    if i.consume_key(Modifiers::NONE, *key) {
                        fired.push(command.clone());
                    }
                }
                let question = i
                    .events
                    .iter()
                    .any(|e| matches!(e, egui::Event::Text(t) if t == "?"));
                if question {
                    fired.push(Command::ToggleCheatSheet);
                }
            });
            // Tab walks the board's notes only while no window with its
            // own widgets is open: there Tab walks the widgets.
            let grid_only = self.projector && self.step == Step::Typology;
            let window_open = self.show_participants || self.show_voting || self.show_cheatsheet;
            let board_shown = self.step != Step::HybridScore
                && !grid_only
                && !window_open
                && self.confirm.is_none()
                && self.path_prompt.is_none()
                && self.error.is_none();
            if board_shown {
                let tab = ctx.input_mut(|i| {
                    if i.consume_key(Modifiers::SHIFT, Key::Tab) {
                        Some(true)
                    } else if i.consume_key(Modifiers::NONE, Key::Tab) {
                        Some(false)
                    } else {
                        None
                    }
                });
                if let Some(backwards) = tab {
                    // Before any widget: egui would give it keyboard focus.
                    ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
                    self.canvas.queue_tab(backwards);
                }
            }
            let nothing_else = self.confirm.is_none()
                && self.path_prompt.is_none()
                && self.error.is_none()
                && self.canvas.selection.is_empty()
                && !self.canvas.is_busy();
            if self.show_cheatsheet
                && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
            {
                self.show_cheatsheet = false;
            } else if self.projector
                && nothing_else
                && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
            {
                fired.push(Command::ToggleProjector);
            }
        }
        for command in fired {
            self.run_command(ctx, command);
        }
    }

    /// Give egui the current mode's scale, when it changed; true then (the
    /// new scale takes effect at the next pass).
    fn apply_scale(&mut self, ctx: &egui::Context) -> bool {
        let scale = self.scale();
        let changed = self.applied_scale != Some(scale);
        if changed {
            ctx.set_zoom_factor(scale);
            self.applied_scale = Some(scale);
            self.canvas.request_fit();
        }
        self.canvas.minimap = self.prefs.minimap;
        // Pain-note text is the smallest on the board (0.8 of the note
        // font): "fit all" keeps it legible in projector mode.
        self.canvas.min_fit_zoom = if self.projector {
            let pixels = theme::NOTE_FONT * 0.8 * ctx.pixels_per_point();
            (PROJECTOR_MIN_TEXT_PX / pixels).clamp(*canvas::ZOOM_RANGE.start(), 1.0)
        } else {
            0.0
        };
        changed
    }

    /// The timer bar of the current step, and the "time is up" alert.
    fn timer_ui(&mut self, ui: &mut egui::Ui) {
        self.timer.ui(ui, self.step, self.projector);
    }

    fn time_up_alert(&self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let Some(fill) = self.timer.alert(now) else {
            return;
        };
        let ink = if fill == theme::WARNING_INK {
            theme::TAG_INK
        } else {
            theme::WARNING_INK
        };
        egui::Area::new(egui::Id::unique("time is up"))
            .anchor(egui::Align2::CENTER_TOP, [0.0, 120.0])
            .order(egui::Order::Foreground)
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::new()
                    .fill(fill)
                    .stroke(egui::Stroke::new(4.0, theme::WARNING_INK))
                    .corner_radius(12)
                    .inner_margin(24)
                    .show(ui, |ui| {
                        ui.label(
                            RichText::new(format!("⏱ Time is up: {}", self.step.title()))
                                .size(48.0)
                                .strong()
                                .color(ink),
                        );
                    });
            });
    }

    fn poll_dialogs(&mut self, ctx: &egui::Context) {
        match self.dialogs.poll() {
            Some(Outcome::Picked(Purpose::Open, path)) => self.open_path(&path),
            Some(Outcome::Picked(Purpose::SaveAs, path)) => {
                self.save_to(with_extension(path));
            }
            Some(Outcome::Cancelled) | None => {}
            Some(Outcome::Unavailable(purpose)) => {
                self.path_prompt = Some(PathPrompt {
                    purpose,
                    text: self.folder_hint(),
                    note: Some("No file dialog is available here: type the path.".to_owned()),
                });
            }
        }
        if self.dialogs.is_open() {
            ctx.request_repaint_after(std::time::Duration::from_millis(200));
        }
    }

    fn close_guard(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.is_dirty() && !self.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(AfterConfirm::Close);
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let marker = if self.doc.is_dirty() {
            " ● unsaved"
        } else {
            ""
        };
        let title = format!("{}{marker} — Rhythm", self.doc.display_name());
        if title != self.sent_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.sent_title = title;
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let mut item = |ui: &mut egui::Ui, label: &str, shortcut: &str, command: Command| {
            let button = egui::Button::new(label).shortcut_text(shortcut);
            if ui.add(button).clicked() {
                commands.push(command);
                ui.close();
            }
        };
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                item(ui, "New session", "Ctrl+N", Command::New);
                item(ui, "Open…", "Ctrl+O", Command::Open);
                item(ui, "Open by path…", "", Command::OpenPath);
                ui.menu_button("Open recent", |ui| self.recovery.recent_menu_ui(ui));
                item(ui, "Save", "Ctrl+S", Command::Save);
                item(ui, "Save as…", "Ctrl+Shift+S", Command::SaveAs);
                ui.separator();
                item(ui, "Compare…", "", Command::Compare);
                item(
                    ui,
                    "Start next quarter from this session",
                    "",
                    Command::StartNextQuarter,
                );
                ui.separator();
                item(ui, "Quit", "Ctrl+Q", Command::Quit);
            });
            ui.menu_button("Edit", |ui| {
                item(ui, "Undo", "Ctrl+Z", Command::Undo);
                item(ui, "Redo", "Ctrl+Shift+Z / Ctrl+Y", Command::Redo);
                ui.separator();
                item(ui, "Add tool", "double-click board", Command::AddTool);
                item(ui, "Add task note", "", Command::AddTaskNote);
                item(ui, "Add pain point", "", Command::AddPainPoint);
                item(
                    ui,
                    "Participants and scores",
                    "F2",
                    Command::ToggleParticipants,
                );
                item(ui, "Dot vote", "F3", Command::ToggleVoting);
            });
            ui.menu_button("View", |ui| {
                item(ui, "Fit all", "F", Command::FitAll);
                item(ui, "Minimap", "M", Command::ToggleMinimap);
                ui.separator();
                item(ui, "Projector mode", "F5", Command::ToggleProjector);
                item(ui, "Larger", "Ctrl+=", Command::ScaleUp);
                item(ui, "Smaller", "Ctrl+-", Command::ScaleDown);
                item(ui, "Default size", "Ctrl+0", Command::ScaleReset);
                if ui
                    .checkbox(&mut self.prefs.high_contrast, "High-contrast outlines")
                    .changed()
                {
                    theme::set_projector(ui.ctx(), self.projector || self.prefs.high_contrast);
                }
                ui.separator();
                item(
                    ui,
                    "Export board and grid as PNG",
                    "Ctrl+E",
                    Command::ExportPng,
                );
            });
            ui.menu_button("Help", |ui| {
                item(
                    ui,
                    "Keyboard shortcuts",
                    "F1 / ?",
                    Command::ToggleCheatSheet,
                );
            });
        });
        commands
    }

    fn toolbar_ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let (can_undo, can_redo) = self.doc.can_undo_redo();
        ui.horizontal(|ui| {
            if ui
                .button("➕ Tool")
                .on_hover_text("Add a tool card (or double-click the board)")
                .clicked()
            {
                commands.push(Command::AddTool);
            }
            if ui
                .button("➕ Task note")
                .on_hover_text("Add a task sticky note to the board")
                .clicked()
            {
                commands.push(Command::AddTaskNote);
            }
            if ui
                .button("➕ Pain point")
                .on_hover_text("Add a pain point (right-click a tool or flow to attach one)")
                .clicked()
            {
                commands.push(Command::AddPainPoint);
            }
            if ui
                .button("Fit all (F)")
                .on_hover_text("Show the whole board (F)")
                .clicked()
            {
                commands.push(Command::FitAll);
            }
            ui.separator();
            if ui
                .add_enabled(can_undo, egui::Button::new("Undo"))
                .on_hover_text("Ctrl+Z")
                .clicked()
            {
                commands.push(Command::Undo);
            }
            if ui
                .add_enabled(can_redo, egui::Button::new("Redo"))
                .on_hover_text("Ctrl+Shift+Z")
                .clicked()
            {
                commands.push(Command::Redo);
            }
            ui.separator();
            if ui.button("💾 Save").on_hover_text("Ctrl+S").clicked() {
                commands.push(Command::Save);
            }
            if ui
                .selectable_label(self.show_voting, "● Dot vote")
                .on_hover_text("Vote on tasks or pain points with dots (F3)")
                .clicked()
            {
                commands.push(Command::ToggleVoting);
            }
            ui.separator();
            self.people_ui(ui, &mut commands);
        });
        commands
    }

    /// Participants button, who new notes are credited to, and whose
    /// notes are highlighted.
    fn people_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let session = self.doc.session();
        let count = session.participants.len();
        if ui
            .selectable_label(self.show_participants, format!("Participants ({count})"))
            .on_hover_text("Participants and their work-model scores (F2)")
            .clicked()
        {
            commands.push(Command::ToggleParticipants);
        }
        if count == 0 {
            self.canvas.author = None;
            self.highlight = None;
            return;
        }
        let name = |id: Option<Id>, none: &str| {
            id.and_then(|id| session.participant(id))
                .map_or(none.to_owned(), |p| p.name.clone())
        };
        let label = ui.label("Adding as");
        egui::ComboBox::from_id_salt("adding as")
            .selected_text(name(self.canvas.author, "—"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.canvas.author, None, "—");
                for p in &session.participants {
                    ui.selectable_value(&mut self.canvas.author, Some(p.id), &p.name);
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Highlight");
        egui::ComboBox::from_id_salt("highlight")
            .selected_text(name(self.highlight, "everyone"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.highlight, None, "everyone");
                for p in &session.participants {
                    ui.selectable_value(&mut self.highlight, Some(p.id), &p.name);
                }
            })
            .response
            .labelled_by(label.id);
    }

    fn modals(&mut self, ctx: &egui::Context) {
        if let Some(action) = self.confirm.clone() {
            let name = self.doc.display_name();
            let mut answer = None;
            egui::Modal::new(egui::Id::unique("confirm discard")).show(ctx, |ui| {
                ui.set_max_width(520.0);
                ui.heading("Unsaved changes");
                ui.label(format!(
                    "{name} has changes that are not saved. Discard them?"
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if self.doc.path().is_some() && ui.button("Save, then continue").clicked() {
                        answer = Some(ConfirmAnswer::Save);
                    }
                    if self.doc.path().is_none() && ui.button("Save as…").clicked() {
                        answer = Some(ConfirmAnswer::SaveAs);
                    }
                    if ui.button("Discard changes").clicked() {
                        answer = Some(ConfirmAnswer::Discard);
                    }
                    if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                        answer = Some(ConfirmAnswer::Cancel);
                    }
                });
            });
            match answer {
                Some(ConfirmAnswer::Save) => {
                    self.confirm = None;
                    let saved = self
                        .doc
                        .path()
                        .map(Path::to_owned)
                        .is_some_and(|p| self.save_to(p));
                    if saved {
                        self.proceed(ctx, action);
                    }
                }
                Some(ConfirmAnswer::SaveAs) => {
                    self.confirm = None;
                    self.run_command(ctx, Command::SaveAs);
                }
                Some(ConfirmAnswer::Discard) => {
                    self.confirm = None;
                    self.proceed(ctx, action);
                }
                Some(ConfirmAnswer::Cancel) => self.confirm = None,
                None => {}
            }
        }

        if let Some(prompt) = &mut self.path_prompt {
            let mut submit = false;
            let mut cancel = false;
            egui::Modal::new(egui::Id::unique("path prompt")).show(ctx, |ui| {
                ui.set_width(620.0);
                ui.heading(match prompt.purpose {
                    Purpose::Open => "Open a session file",
                    Purpose::SaveAs => "Save the session as",
                });
                if let Some(note) = &prompt.note {
                    ui.label(note);
                }
                let field = ui.add(
                    egui::TextEdit::singleline(&mut prompt.text)
                        .desired_width(f32::INFINITY)
                        .hint_text("path/to/session.ron"),
                );
                if !field.has_focus() && !field.lost_focus() {
                    field.request_focus();
                }
                submit |= field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                ui.horizontal(|ui| {
                    let label = match prompt.purpose {
                        Purpose::Open => "Open",
                        Purpose::SaveAs => "Save",
                    };
                    submit |= ui.button(label).clicked();
                    cancel |=
                        ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape));
                });
            });
            if cancel {
                self.path_prompt = None;
            } else if submit && !prompt.text.trim().is_empty() {
                let purpose = prompt.purpose;
                let path = PathBuf::from(prompt.text.trim());
                self.path_prompt = None;
                match purpose {
                    Purpose::Open => self.guarded(ctx, AfterConfirm::OpenPath(path)),
                    Purpose::SaveAs => {
                        self.save_to(with_extension(path));
                    }
                }
            }
        }

        if let Some(error) = &self.error {
            let mut close = false;
            egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
                ui.set_max_width(760.0);
                ui.heading(RichText::new("Something went wrong").color(theme::WARNING_INK));
                ui.add(egui::Label::new(RichText::new(error).monospace()).wrap());
                ui.add_space(8.0);
                close = ui.button("OK").clicked()
                    || ui.input(|i| i.key_pressed(Key::Escape) || i.key_pressed(Key::Enter));
            });
            if close {
                self.error = None;
            }
        }
    }

    fn status_ui(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if let Some(status) = &self.status {
                let text = RichText::new(&status.text);
                ui.label(if status.is_error {
                    text.color(theme::WARNING_INK).strong()
                } else {
                    text
                });
                ui.separator();
            }
            ui.label(
                RichText::new(
                    "Double-click board: new tool · drag ● handle onto a tool: flow · right-click a flow: designed/shadow · \
                     drag empty board: pan · Shift+drag: select · wheel: zoom · F: fit · Del: delete",
                )
                .small(),
            );
        });
    }
}

/// The dot-vote marks on the board's notes: before the reveal only the
/// active voter's own dots, after it everyone's dots and each total.
fn vote_marks(
    session: &Session,
    active: Option<Id>,
) -> std::collections::HashMap<NoteRef, canvas::NoteMark> {
    let Some(vote) = &session.vote else {
        return Default::default();
    };
    session
        .vote_candidates(vote.on())
        .into_iter()
        .filter_map(|id| {
            let note = match vote.on() {
                crate::model::VoteOn::Tasks => NoteRef::Task(id),
                crate::model::VoteOn::PainPoints => NoteRef::Pain(id),
            };
            let dots: Vec<egui::Color32> = voting::visible_dots(session, active, id)
                .into_iter()
                .map(participants::colour_of)
                .collect();
            let total = vote.revealed().then(|| vote.dots_on(id) as u32);
            (!dots.is_empty() || total.is_some_and(|t| t > 0))
                .then_some((note, canvas::NoteMark { dots, total }))
        })
        .collect()
}

#[derive(Clone, Copy)]
enum ConfirmAnswer {
    Save,
    SaveAs,
    Discard,
    Cancel,
}

fn with_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(store::EXTENSION)
    }
}

impl eframe::App for RhythmApp {
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.recovery.persist(storage);
        self.prefs().store(storage);
    }

    /// The board's colour: the tool map shows it instead of filling itself.
    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        theme::WINDOW_CLEAR.to_normalized_gamma_f32()
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.recovery.exit();
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.close_guard(&ctx);
        self.poll_dialogs(&ctx);
        self.poll_export();
        self.shortcuts(&ctx);
        if self.apply_scale(&ctx) {
            // Lay nothing out at the old scale: panels would remember
            // their first size in the old points. This pass is dropped
            // and the next one runs at the new scale.
            ctx.request_discard("UI scale changed");
            return;
        }
        if self.timer.tick(&ctx).is_some() {
            self.say(format!("Time is up for {}", self.step.title()));
        }

        let mut commands = Vec::new();
        let mut edits: Vec<Edit> = Vec::new();
        let projector = self.projector;

        if projector {
            // Projector mode: the step, the timer and a way out; the
            // editing chrome (menus, toolbar, header fields) is hidden.
            egui::Panel::top("projector bar").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .button("✖")
                        .on_hover_text("Leave projector mode (Esc, F5)")
                        .clicked()
                    {
                        commands.push(Command::ToggleProjector);
                    }
                    if ui
                        .button("?")
                        .on_hover_text("Keyboard shortcuts (F1)")
                        .clicked()
                    {
                        commands.push(Command::ToggleCheatSheet);
                    }
                    ui.separator();
                    steps::tabs_ui(ui, &mut self.step);
                    ui.separator();
                    self.timer_ui(ui);
                });
            });
        } else {
            egui::Panel::top("menu").show(ui, |ui| {
                commands.extend(self.menu_ui(ui));
                commands.extend(self.toolbar_ui(ui));
            });
            egui::Panel::top("header").show(ui, |ui| {
                header::ui(ui, self.doc.session(), &mut edits);
            });
            egui::Panel::top("steps").show(ui, |ui| {
                let step = self.step;
                let timer = &mut self.timer;
                steps::ui(ui, &mut self.step, |ui| timer.ui(ui, step, false));
            });
            egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        }
        steps::keys(ui, &mut self.step);
        // First-run split: board ~48 %, grid ~30 %, score ~22 % of the
        // width; the user's resizing is kept by egui afterwards.
        let width = ui.available_width();
        // In projector mode points are larger: the panel may be narrower
        // in points and still show every figure.
        let (score_default, score_min) = if projector {
            ((width * 0.3).max(200.0), 180.0)
        } else {
            ((width * SCORE_SHARE).max(280.0), 240.0)
        };
        egui::Panel::right(if projector {
            "scoring projector"
        } else {
            "scoring"
        })
        .resizable(true)
        .default_size(score_default)
        .min_size(score_min)
        .show(ui, |ui| {
            scoring::ui(ui, self.doc.session(), &self.stats, &mut edits);
        });
        // The grid's quadrants cover most of its panel: no panel fill under
        // them (the window's clear colour shows around them).
        let emphasis = |on: bool| {
            let frame = egui::Frame::side_top_panel(ui.style()).fill(egui::Color32::TRANSPARENT);
            if on {
                frame.stroke(egui::Stroke::new(4.0, theme::SELECTION))
            } else {
                frame
            }
        };
        // In projector mode the grid shows in Step 3 only, and then fills
        // the room's view; the board shows in Steps 1 and 2.
        self.grid_rect = None;
        if projector && self.step == Step::Typology {
            // No fill under the quadrants here either.
            let frame = egui::Frame::central_panel(ui.style()).fill(egui::Color32::TRANSPARENT);
            let panel = egui::CentralPanel::default().frame(frame).show(ui, |ui| {
                self.typology.ui(ui, self.doc.session(), &mut edits);
            });
            self.grid_rect = Some(panel.response.rect);
        } else if !projector {
            let panel = egui::Panel::right("typology")
                .frame(emphasis(self.step == Step::Typology))
                .resizable(true)
                .default_size((width * TYPOLOGY_SHARE).max(340.0))
                .min_size(300.0)
                .show(ui, |ui| {
                    self.typology.ui(ui, self.doc.session(), &mut edits);
                });
            self.grid_rect = Some(panel.response.rect);
        }
        if projector && self.step == Step::Typology {
            // The grid took the central panel.
        } else if self.step == Step::HybridScore {
            egui::CentralPanel::default().show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    self.hybrid
                        .ui(ui, self.doc.session(), &self.stats, &mut edits);
                });
            });
        } else {
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    let session = self.doc.session();
                    let voting_open = self.show_voting && session.vote.is_some();
                    self.canvas.marks = if voting_open {
                        vote_marks(session, self.voting.active())
                    } else {
                        Default::default()
                    };
                    self.canvas
                        .ui(ui, session, &self.stats, self.highlight, &mut edits);
                    if voting_open
                        && let Some(NoteRef::Task(id) | NoteRef::Pain(id)) =
                            self.canvas.clicked_note
                        && session
                            .vote
                            .as_ref()
                            .is_some_and(|v| session.is_vote_candidate(v.on(), id))
                    {
                        self.canvas.selection = Default::default();
                        edits.extend(self.voting.click(session, id));
                    }
                    if let Some(rect) = self.canvas.canvas_rect() {
                        let title = match self.step {
                            Step::PainPoints => "Step 2 · Pain points on the map",
                            _ => "Step 1 · Tool map",
                        };
                        let emphasised = matches!(self.step, Step::Autopsy | Step::PainPoints);
                        let colour = if emphasised {
                            theme::SELECTION
                        } else {
                            theme::INK_SOFT
                        };
                        // On a plate of board colour: readable over notes.
                        let galley = ui.painter().layout_no_wrap(
                            title.to_owned(),
                            egui::FontId::proportional(24.0),
                            colour,
                        );
                        let at = rect.left_top() + egui::vec2(12.0, 8.0);
                        let plate = egui::Rect::from_min_size(at, galley.size()).expand(4.0);
                        ui.painter().rect_filled(plate, 4, theme::BOARD_BG);
                        ui.painter().galley(at, galley, colour);
                        // The inspector steps aside while notes are dragged.
                        if let Some(note) = self
                            .canvas
                            .single_selected()
                            .filter(|_| !self.canvas.is_busy() && !self.show_voting)
                        {
                            egui::Window::new("Selected note")
                                .id(egui::Id::unique("inspector"))
                                .pivot(egui::Align2::RIGHT_TOP)
                                .fixed_pos(rect.right_top() + egui::vec2(-10.0, 44.0))
                                .resizable(false)
                                .collapsible(true)
                                .show(ui.ctx(), |ui| {
                                    self.inspector.ui(ui, session, note, &mut edits);
                                });
                        }
                    }
                });
        }
        if self.show_participants {
            let mut open = true;
            egui::Window::new("Participants and scores")
                .id(egui::Id::unique("participants"))
                .open(&mut open)
                .default_size([860.0, 640.0])
                .default_pos([60.0, 120.0])
                .vscroll(true)
                .show(&ctx, |ui| {
                    self.participants.ui(ui, self.doc.session(), &mut edits);
                });
            self.show_participants = open;
        }

        if self.show_voting {
            let mut open = true;
            // Beside the board, over the grid: the notes stay clickable.
            let beside_board = self
                .canvas
                .canvas_rect()
                .map_or(egui::pos2(80.0, 140.0), |r| {
                    r.right_top() + egui::vec2(12.0, 8.0)
                });
            egui::Window::new("Dot vote")
                .id(egui::Id::unique("dot vote"))
                .open(&mut open)
                .default_size([460.0, 560.0])
                .default_pos(beside_board)
                .show(&ctx, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        self.voting.ui(ui, self.doc.session(), &mut edits);
                    });
                });
            self.show_voting = open;
        }
        // Edits and commands change what the views showed this frame: draw
        // once more so the room never sees a stale figure.
        if !edits.is_empty() || !commands.is_empty() {
            ctx.request_repaint();
        }
        for edit in edits {
            self.apply(edit);
        }
        for command in commands {
            self.run_command(&ctx, command);
        }
        if ctx.input(|i| i.pointer.any_released()) {
            self.doc.seal();
        }
        if self.show_cheatsheet {
            let mut open = true;
            egui::Window::new("Keyboard shortcuts")
                .id(egui::Id::unique("cheat sheet"))
                .open(&mut open)
                .collapsible(false)
                .vscroll(true)
                .default_pos([120.0, 100.0])
                .show(&ctx, |ui| {
                    cheatsheet::ui(ui);
                    renderer::about_ui(ui);
                });
            self.show_cheatsheet &= open;
        }
        self.time_up_alert(&ctx);
        self.modals(&ctx);
        self.compare.show(&ctx);
        for action in self.recovery.ui(&ctx, &self.doc) {
            match action {
                recovery::Action::Replace(doc) => self.replace_document(*doc),
                recovery::Action::Open(path) => self.guarded(&ctx, AfterConfirm::OpenPath(path)),
                recovery::Action::Say(text) => self.say(text),
                recovery::Action::Fail(text) => self.fail(text),
            }
        }
        self.refresh_stats();
        self.update_title(&ctx);
    }
}

/// Open the window on a session file, or, when `path` is `None`, on the
/// last opened file (if it still exists) or a new session. A file that
/// cannot be read opens an empty session and shows why. `projector`
/// starts in projector mode. `renderer` picks glow or wgpu (see
/// [`renderer::run_native`]).
///
/// # Errors
/// No renderer could start, or the window failed.
pub fn run(
    path: Option<PathBuf>,
    projector: bool,
    renderer: renderer::RendererChoice,
) -> anyhow::Result<()> {
    let asked_for_a_file = path.is_some();
    let (doc, startup_error, repairs) = match path {
        None => (Document::default(), None, Vec::new()),
        Some(path) => match store::read(&path) {
            Ok(loaded) => (
                Document::new(loaded.session, Some(path)),
                None,
                loaded.repairs,
            ),
            Err(err) => (
                Document::new(Session::default(), None),
                Some(err.with_path(&path)),
                Vec::new(),
            ),
        },
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Rhythm")
            .with_inner_size([1600.0, 900.0])
            .with_maximized(true)
            .with_fullscreen(projector)
            .with_min_inner_size([960.0, 600.0]),
        ..Default::default()
    };
    renderer::run_native(
        "Rhythm",
        &options,
        renderer,
        Box::new(move |cc, _renderer| {
            let path = doc.path().map(Path::to_owned);
            let mut app = RhythmApp::new(&cc.egui_ctx, doc, startup_error);
            if let Some(path) = path {
                app.recovery.opened(&path, repairs);
            }
            app.enable_recovery(cc.storage, eframe::storage_dir("Rhythm"));
            if let Some(storage) = cc.storage {
                app.set_prefs(Prefs::load(storage));
            }
            if !asked_for_a_file
                && let Some(last) = app.recovery.recent().paths().first().cloned()
                && last.is_file()
            {
                app.open_path(&last);
            }
            if projector {
                app.set_projector(&cc.egui_ctx, true);
            }
            Ok(Box::new(app))
        }),
    )
}
