//! The eframe application: one open [`Document`], the views around it,
//! commands with keyboard shortcuts, file operations and the "unsaved
//! changes" guard.
//!
//! One file per role: `commands` (what the user can ask for, and its
//! shortcuts), `file_ops` (open, save, the discard guard), `menus` (menu
//! bar, toolbar, status bar), `modals` (confirm, typed path, error),
//! `presentation` (projector mode, UI scale, timer banner), `layout`
//! (where each view goes in the window) and `run` (starting the window).

mod commands;
pub mod compare;
pub mod export;
mod file_ops;
mod files;
mod layout;
pub mod maximize;
mod menus;
pub mod minutes;
mod modals;
pub mod prefs;
mod presentation;
#[cfg(feature = "diagnostics")]
mod probe;
mod recent;
mod recovery;
pub mod renderer;
mod room;
mod run;
pub mod screen_fit;

use std::path::PathBuf;

pub use commands::Command;
pub use files::{DialogAnswer, DialogEnd, Dialogs, PendingDialog, Purpose};
pub use prefs::{PREFS_KEY, Prefs};
pub use presentation::PROJECTOR_MIN_TEXT_PX;
pub use recent::{RECENT_KEY, RECENT_MAX, RecentFiles};
pub use recovery::Recovery;
pub use run::{Start, run};

use crate::document::Document;
use crate::model::{Edit, EntityKind, Id, NoteRef, Session, Stats};
use crate::ui::canvas::CanvasState;
use crate::ui::hybrid::HybridState;
use crate::ui::inspector::InspectorState;
use crate::ui::participants::ParticipantsState;
use crate::ui::steps::Step;
use crate::ui::theme;
use crate::ui::timer::StepTimer;
use crate::ui::typology::TypologyState;
use crate::ui::voting::VotingState;

/// The Rhythm window.
pub struct RhythmApp {
    /// The open session, its file and undo history.
    doc: Document,
    /// The views' own state (selection, pan and zoom, open editors).
    views: Views,
    /// The figures of the live panel, computed once per revision.
    figures: Figures,
    /// File dialogs, typed-path prompt, discard guard, pending export.
    files: FileState,
    /// The error dialog, the status bar and the window title.
    messages: Messages,
    /// Where the room is in the method: step, timer, whose notes.
    workshop: Workshop,
    /// Which floating windows are open.
    windows: Windows,
    /// Projector mode and the UI scale.
    presentation: Presentation,
    /// Scales, timeboxes, minimap (kept across restarts).
    prefs: Prefs,
    /// Autosave, recovery offers, repairs notice, recent files.
    recovery: Recovery,
    /// File → Compare…: the picker and the compare view.
    compare: compare::CompareDialog,
    /// Participants on their phones (issue 11): closed until opened.
    room: room::RoomState,
}

/// The state of every view of the open session.
#[derive(Default)]
struct Views {
    canvas: CanvasState,
    typology: TypologyState,
    inspector: InspectorState,
    participants: ParticipantsState,
    hybrid: HybridState,
    /// The dot-vote panel: the active voter, sorting.
    voting: VotingState,
}

/// What the views show, computed once per revision: the live panel's
/// figures, and the session as the projector may show it while phones'
/// notes or scores are hidden until revealed (issue 11).
///
/// Every view of a frame draws from these and keys its caches by
/// [`Figures::revision`], the revision they were computed at: an edit
/// applied in the middle of a frame (a Reveal pressed in the live panel)
/// cannot leave the board's layout cached under the new revision while it
/// was built from the session as it was before (issue 17).
struct Figures {
    stats: Stats,
    /// The session without what is hidden; `None` when nothing is.
    shown: Option<Session>,
    /// The document revision these figures show.
    revision: u64,
}

impl Figures {
    fn of(doc: &Document) -> Self {
        let session = doc.session();
        let shown = (!session.hidden.is_empty()).then(|| session.as_shown_on_projector());
        Self {
            stats: Stats::of(shown.as_ref().unwrap_or(session)),
            shown,
            revision: doc.revision(),
        }
    }

    /// The session as the wall may show it (hidden notes and scores left
    /// out), at [`Figures::revision`].
    fn shown<'a>(&'a self, doc: &'a Document) -> &'a Session {
        self.shown.as_ref().unwrap_or(doc.session())
    }
}

/// What the facilitator asked that replaces the session or closes the
/// window: it waits for the answer to "discard unsaved changes?", and for
/// an open room to close first.
#[derive(Clone, Debug, PartialEq)]
enum AfterConfirm {
    /// File → New.
    New,
    /// File → Open… (a dialog or a typed path follows).
    Open,
    /// Open this file (a recent file, a typed path).
    OpenPath(std::path::PathBuf),
    /// Close the window.
    Close,
    /// Start the next quarter's session from this one.
    NextQuarter,
}

/// Files being opened or saved, and what waits on the user's answer.
#[derive(Default)]
struct FileState {
    dialogs: Dialogs,
    path_prompt: Option<file_ops::PathPrompt>,
    confirm: Option<AfterConfirm>,
    /// Set once the user agreed to close with unsaved changes.
    allow_close: bool,
    /// An export waiting for its screenshot.
    export: Option<export::PendingExport>,
    /// The minutes being written (File → Export minutes…).
    minutes: minutes::MinutesExport,
}

/// What the window tells the user.
#[derive(Default)]
struct Messages {
    /// The error dialog's text, if it is open.
    error: Option<String>,
    /// The status bar's message.
    status: Option<menus::Status>,
    /// The window title last sent, to send it only on change.
    sent_title: String,
}

/// Where the room is in the workshop.
struct Workshop {
    /// The step of the method the room is in.
    step: Step,
    /// One timebox per step.
    timer: StepTimer,
    /// Dim every note not authored by this participant.
    highlight: Option<Id>,
    /// The participant new notes are credited to ("Adding as").
    author: Option<Id>,
}

/// Floating windows that are open.
#[derive(Default)]
struct Windows {
    participants: bool,
    voting: bool,
    cheatsheet: bool,
}

/// Projector mode and scale.
#[derive(Default)]
struct Presentation {
    /// Projector mode: fullscreen, large UI, high contrast, chrome hidden.
    projector: bool,
    /// The zoom factor last given to egui, to set it only on change.
    applied_scale: Option<f32>,
    /// How large the board's texts must be (larger in projector mode).
    legibility: crate::ui::canvas::Legibility,
    /// Where the typology grid was drawn last frame, screen points.
    grid_rect: Option<egui::Rect>,
    /// Where the board was drawn last frame, screen points.
    board_rect: Option<egui::Rect>,
    /// The live-score panel folded away (L); `None` until the user says,
    /// then projector mode folds it on a narrow screen.
    score_folded: Option<bool>,
    /// A maximised start still to ask for (X11 drops the first request).
    start_maximized: maximize::StartMaximized,
    /// Keeps the window on the screen it is on (issue 18.0).
    screen_fit: screen_fit::ScreenFit,
}

impl RhythmApp {
    /// The app on `doc`, with the theme installed on `ctx`. `startup_error`
    /// (a file given on the command line that could not be read) is shown
    /// at once.
    pub fn new(ctx: &egui::Context, doc: Document, startup_error: Option<String>) -> Self {
        theme::install(ctx);
        // Ctrl+= / Ctrl+- / Ctrl+0 are ours: they change the mode's scale.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let prefs = Prefs::default();
        Self {
            figures: Figures::of(&doc),
            doc,
            views: Views::default(),
            files: FileState::default(),
            messages: Messages {
                error: startup_error,
                ..Messages::default()
            },
            workshop: Workshop {
                step: Step::default(),
                timer: StepTimer::with_minutes(prefs.timebox_minutes),
                highlight: None,
                author: None,
            },
            windows: Windows::default(),
            presentation: Presentation::default(),
            prefs,
            recovery: Recovery::default(),
            compare: Default::default(),
            room: room::RoomState::default(),
        }
    }

    /// Start maximised once the window is on screen (see [`maximize`]);
    /// `wanted` from [`maximize::wanted`].
    pub fn start_maximized(&mut self, wanted: bool) {
        self.presentation.start_maximized = maximize::StartMaximized::new(wanted);
    }

    /// Use stored preferences (scales, timeboxes, minimap).
    pub fn set_prefs(&mut self, prefs: Prefs) {
        self.workshop.timer = StepTimer::with_minutes(prefs.timebox_minutes);
        self.prefs = prefs.sane();
    }

    /// The preferences as they are now (timeboxes included).
    pub fn prefs(&self) -> Prefs {
        Prefs {
            timebox_minutes: self.workshop.timer.minutes(),
            ..self.prefs.clone()
        }
    }

    /// The step timers.
    pub fn timer(&self) -> &StepTimer {
        &self.workshop.timer
    }

    /// The step timers, to set a timebox (tests, preferences).
    pub fn timer_mut(&mut self) -> &mut StepTimer {
        &mut self.workshop.timer
    }

    /// The step the room is in.
    pub fn step(&self) -> Step {
        self.workshop.step
    }

    /// The open document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The tool-map view's state.
    pub fn canvas(&self) -> &CanvasState {
        &self.views.canvas
    }

    /// The typology view's state.
    pub fn typology(&self) -> &TypologyState {
        &self.views.typology
    }

    /// The figures the scoring panel shows.
    pub fn stats(&self) -> &Stats {
        &self.figures.stats
    }

    /// The error shown in the error dialog, if any.
    pub fn error(&self) -> Option<&str> {
        self.messages.error.as_deref()
    }

    /// Autosave and recovery state (recent files, offers).
    pub fn recovery(&self) -> &Recovery {
        &self.recovery
    }

    /// Time autosave by `clock` instead of the system's (tests move it by
    /// hand: "not yet" is then decided by the test, not the machine's load).
    pub fn set_clock(&mut self, clock: std::sync::Arc<dyn crate::document::Clock>) {
        self.recovery.set_clock(clock);
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

    fn apply_and_rename(&mut self, edit: Edit, name: &str) {
        let created = self.apply(edit).unwrap_or_default();
        if let Some(note) = created.iter().find_map(|&(kind, id)| NoteRef::of(kind, id)) {
            self.views.canvas.start_rename(note, name);
        }
    }

    /// Apply one edit from a view: the entities it created, or `None` when
    /// it was refused (reported, not lost silently).
    fn apply(&mut self, edit: Edit) -> Option<Vec<(EntityKind, Id)>> {
        match self.doc.apply(edit) {
            Ok(created) => Some(created),
            Err(err) => {
                self.fail(format!("Not applied: {err}"));
                None
            }
        }
    }

    /// Apply the edits of one frame, in order, and tell the views that
    /// asked for new entities which ids the model gave them.
    fn apply_all(&mut self, edits: Vec<Edit>) {
        let mut created = Vec::new();
        for edit in edits {
            created.extend(self.apply(edit).unwrap_or_default());
        }
        self.views.canvas.created(&created);
        self.views.hybrid.created(&created);
    }

    fn replace_document(&mut self, doc: Document) {
        // The room belongs to the session it was opened on: what its
        // phones still send goes into that session first.
        self.close_room_now();
        self.doc = doc;
        self.views = Views::default();
        self.workshop.highlight = None;
        // A new document starts again at revision 0: its figures are made
        // now, not looked up by revision.
        self.figures = Figures::of(&self.doc);
    }

    /// Bring the figures up to the document's revision (once per change,
    /// not every frame).
    fn refresh_stats(&mut self) {
        if self.figures.revision != self.doc.revision() {
            self.figures = Figures::of(&self.doc);
        }
    }

    fn say(&mut self, text: impl Into<String>) {
        self.messages.status = Some(menus::Status {
            text: text.into(),
            is_error: false,
        });
    }

    fn fail(&mut self, text: String) {
        tracing::warn!("{text}");
        self.messages.status = Some(menus::Status {
            text,
            is_error: true,
        });
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let marker = if self.doc.is_dirty() {
            " ● unsaved"
        } else {
            ""
        };
        let title = format!("{}{marker} — Rhythm", self.doc.display_name());
        if title != self.messages.sent_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.messages.sent_title = title;
        }
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
        // Normally closed already (quitting closes the room first).
        self.close_room_now();
        self.recovery.exit();
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.frame_ui(ui);
        let now = ui.input(|i| i.time);
        let window = frame.winit_window().map(|w| &**w);
        if self.presentation.screen_fit.frame(window, now) {
            // Look again while the window manager maps the window.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(250));
        }
    }
}
