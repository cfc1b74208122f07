//! What the user can ask for ([`Command`]), from a menu, a button or a
//! key, and what each command does.

use std::path::{Path, PathBuf};

use egui::{Key, KeyboardShortcut, Modifiers};

use super::AfterConfirm;
use super::file_ops::PathPrompt;
use super::{Purpose, RhythmApp, export, prefs};
use crate::geometry::new_note::{NewNote, spot_for};
use crate::model::{Attachment, BoardPos, Edit, Entity};
use crate::store;
use crate::ui::canvas;
use crate::ui::steps::Step;

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
    /// Write the workshop's minutes as PDF and HTML next to the session
    /// (Ctrl+Shift+E), off the UI thread.
    ExportMinutes,
    /// Start or pause the current step's timer (T).
    ToggleTimer,
    /// Show or hide the board's minimap (M).
    ToggleMinimap,
    /// Show or hide the dot-vote panel (F3); while it is open, clicking a
    /// task or pain note on the board places or removes a dot.
    ToggleVoting,
    /// Fold the live-score panel away or bring it back (L): the board
    /// takes the full width (projector mode starts with it folded on a
    /// narrow screen).
    ToggleScorePanel,
    /// Move the tool cards apart until every pain note, badge and label
    /// has room (Ctrl+T), as one undoable edit.
    TidyBoard,
    /// Show or hide the room's join panel (F4): QR code, URL and code,
    /// who joined, lock, reveal (issue 11).
    ToggleRoom,
    /// Open the room on the best network, so that participants join from
    /// their phones (Room → Open the room).
    OpenRoom,
    /// Close the room; phones are told (Room → Close the room).
    CloseRoom,
    /// Show the pain points phones wrote in silence (R), as one undoable
    /// edit; nothing happens when none is hidden.
    RevealPainPoints,
    /// Show the work-model scores participants gave on their phones
    /// (Shift+R), as one undoable edit.
    RevealScores,
}

const SHORTCUTS: [(KeyboardShortcut, Command); 16] = [
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::T),
        Command::TidyBoard,
    ),
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
    // Before Ctrl+E, which would match it too.
    (
        KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::E),
        Command::ExportMinutes,
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

/// Keys (without Ctrl) that act only while no text field has focus; the
/// first match wins, so Shift+R comes before R.
const PLAIN_KEYS: [(Modifiers, Key, Command); 8] = [
    (Modifiers::NONE, Key::F3, Command::ToggleVoting),
    (Modifiers::NONE, Key::L, Command::ToggleScorePanel),
    (Modifiers::NONE, Key::F4, Command::ToggleRoom),
    (Modifiers::NONE, Key::T, Command::ToggleTimer),
    (Modifiers::NONE, Key::M, Command::ToggleMinimap),
    (Modifiers::NONE, Key::F2, Command::ToggleParticipants),
    (Modifiers::SHIFT, Key::R, Command::RevealScores),
    (Modifiers::NONE, Key::R, Command::RevealPainPoints),
];

impl RhythmApp {
    /// A new note from the toolbar, placed by the one rule for new notes
    /// (in view, near the middle of the map, covering nothing): every
    /// other edit is returned as it is.
    fn placed(&self, edit: Edit) -> Edit {
        let session = self.doc.session();
        let view = self.views.canvas.visible_board();
        match edit {
            Edit::Add(Entity::Tool(mut tool)) => {
                tool.pos = spot_for(session, NewNote::Tool(&tool), view);
                Edit::Add(Entity::Tool(tool))
            }
            Edit::Add(Entity::Task(mut task)) if task.board_pos.is_some() => {
                task.board_pos = Some(spot_for(session, NewNote::Task(&task), view));
                Edit::Add(Entity::Task(task))
            }
            Edit::Add(Entity::PainPoint(mut pain)) => {
                pain.pos = spot_for(session, NewNote::Pain(&pain), view);
                Edit::Add(Entity::PainPoint(pain))
            }
            other => other,
        }
    }

    /// Perform a command.
    pub fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => self.guarded(ctx, AfterConfirm::New),
            Command::Open => self.guarded(ctx, AfterConfirm::Open),
            Command::OpenPath => {
                self.files.path_prompt = Some(PathPrompt {
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
                self.files.dialogs.open(ctx, Purpose::SaveAs, folder, &name);
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
                let edit = canvas::new_tool_at(BoardPos::default(), self.workshop.author);
                let edit = self.placed(edit);
                self.apply_and_rename(edit, canvas::NEW_TOOL_NAME);
            }
            Command::AddTaskNote => {
                let edit = canvas::new_task_note_at(BoardPos::default(), self.workshop.author);
                let edit = self.placed(edit);
                self.apply_and_rename(edit, canvas::NEW_TASK_NAME);
            }
            Command::AddPainPoint => {
                let mut edits = Vec::new();
                self.views.canvas.add_pain(
                    self.workshop.author,
                    Attachment::Free,
                    BoardPos::default(),
                    &mut edits,
                );
                let edits = edits.into_iter().map(|e| self.placed(e)).collect();
                self.apply_all(edits);
            }
            Command::ToggleParticipants => self.windows.participants = !self.windows.participants,
            Command::FitAll => self.views.canvas.request_fit(),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Compare => self.compare.open_picker(self.doc.path()),
            Command::StartNextQuarter => self.guarded(ctx, AfterConfirm::NextQuarter),
            Command::ToggleProjector => self.set_projector(ctx, !self.presentation.projector),
            Command::ScaleUp | Command::ScaleDown | Command::ScaleReset => {
                let default = if self.presentation.projector {
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
                if self.presentation.projector {
                    self.prefs.projector_scale = scale;
                } else {
                    self.prefs.scale = scale;
                }
                self.say(format!("UI size {:.0} %", scale * 100.0));
            }
            Command::ToggleCheatSheet => self.windows.cheatsheet = !self.windows.cheatsheet,
            Command::ExportPng => self.start_export(ctx),
            Command::ExportMinutes => {
                if self.files.minutes.is_running() {
                    self.say("The minutes are being written…");
                } else {
                    let sessions = vec![(
                        self.doc.path().map(Path::to_owned),
                        self.doc.session().clone(),
                    )];
                    // The status bar shows a spinner while it runs.
                    self.files.minutes.start(ctx, sessions);
                }
            }
            Command::ToggleTimer => {
                let now = ctx.input(|i| i.time);
                self.workshop.timer.toggle(self.workshop.step, now);
                ctx.request_repaint();
            }
            Command::ToggleMinimap => self.prefs.minimap = !self.prefs.minimap,
            Command::ToggleVoting => self.windows.voting = !self.windows.voting,
            Command::ToggleScorePanel => {
                let folded = !self.score_folded(ctx);
                self.presentation.score_folded = Some(folded);
                self.views.canvas.request_fit();
            }
            Command::TidyBoard => match self.views.canvas.tidy_edit(ctx, self.doc.session()) {
                Some(edit) => {
                    if self.apply(edit).is_some() {
                        self.say("Board tidied: Ctrl+Z puts the cards back");
                    }
                }
                None => self.say("The board is tidy already"),
            },
            Command::ToggleRoom => self.room.shown = !self.room.shown,
            Command::OpenRoom => {
                if self.room.is_open() {
                    self.room.shown = true;
                } else {
                    self.open_room_on_best_network(ctx);
                }
            }
            Command::CloseRoom => self.close_room(),
            Command::RevealPainPoints => match self.doc.session().reveal_pain_points_edit() {
                Some(edit) => {
                    if self.apply(edit).is_some() {
                        self.say("Pain points revealed: Ctrl+Z hides them again");
                    }
                }
                None => self.say("No hidden pain points to reveal"),
            },
            Command::RevealScores => match self.doc.session().reveal_scores_edit() {
                Some(edit) => {
                    if self.apply(edit).is_some() {
                        self.say("Scores revealed: Ctrl+Z hides them again");
                    }
                }
                None => self.say("No hidden scores to reveal"),
            },
        }
    }

    /// Ask for a screenshot of the next frame; the board and the grid are
    /// cut out of it and written next to the session file (or in the
    /// working folder for a never-saved session) when it arrives.
    fn start_export(&mut self, ctx: &egui::Context) {
        if self.files.export.is_some() {
            return;
        }
        let mut parts = Vec::new();
        if let Some(rect) = self.presentation.board_rect {
            parts.push(("board", rect));
        }
        if let Some(rect) = self.presentation.grid_rect {
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
        self.files.export = Some(export::PendingExport::request(ctx, parts, folder, stem));
        self.say("Exporting…");
    }

    pub(super) fn poll_export(&mut self) {
        let Some(result) = self
            .files
            .export
            .as_ref()
            .and_then(export::PendingExport::poll)
        else {
            return;
        };
        self.files.export = None;
        match result {
            Ok(paths) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                self.say(format!("Exported {}", names.join(" and ")));
            }
            Err(err) => self.fail(err),
        }
    }

    /// Report the minutes export when it has just finished.
    pub(super) fn poll_minutes(&mut self) {
        match self.files.minutes.poll() {
            Some(Ok(paths)) => self.say(format!(
                "Minutes written: {}",
                super::minutes::names(&paths)
            )),
            Some(Err(err)) => self.fail(format!("Cannot write the minutes: {err}")),
            None => {}
        }
    }

    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
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
                for (modifiers, key, command) in &PLAIN_KEYS {
                    if i.consume_key(*modifiers, *key) {
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
            let grid_only = self.presentation.projector && self.workshop.step == Step::Typology;
            let window_open =
                self.windows.participants || self.windows.voting || self.windows.cheatsheet;
            let board_shown = self.workshop.step != Step::HybridScore
                && !grid_only
                && !window_open
                && self.files.confirm.is_none()
                && self.files.path_prompt.is_none()
                && self.messages.error.is_none();
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
                    self.views.canvas.queue_tab(backwards);
                }
            }
            let nothing_else = self.files.confirm.is_none()
                && self.files.path_prompt.is_none()
                && self.messages.error.is_none()
                && self.views.canvas.selection().is_empty()
                && !self.views.canvas.is_busy();
            if self.windows.cheatsheet
                && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
            {
                self.windows.cheatsheet = false;
            } else if self.presentation.projector
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
}
