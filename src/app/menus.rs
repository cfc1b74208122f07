//! The menu bar, the toolbar (with who new notes are credited to and
//! whose notes are highlighted) and the status bar.

use egui::RichText;

use super::{Command, RhythmApp};
use crate::model::Id;
use crate::ui::theme;

/// A message in the status bar.
#[derive(Clone, Debug)]
pub(super) struct Status {
    pub(super) text: String,
    pub(super) is_error: bool,
}

impl RhythmApp {
    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
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
                item(
                    ui,
                    "Export minutes (PDF + HTML)…",
                    "Ctrl+Shift+E",
                    Command::ExportMinutes,
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
            ui.menu_button("Room", |ui| {
                if self.room.is_open() {
                    item(ui, "Join panel", "F4", Command::ToggleRoom);
                    item(ui, "Close the room", "", Command::CloseRoom);
                } else {
                    item(ui, "Open the room", "", Command::OpenRoom);
                    item(ui, "Choose the network…", "F4", Command::ToggleRoom);
                }
            });
            ui.menu_button("View", |ui| {
                item(ui, "Fit all", "F", Command::FitAll);
                item(ui, "Minimap", "M", Command::ToggleMinimap);
                item(ui, "Live score panel", "L", Command::ToggleScorePanel);
                item(ui, "Tidy the board", "Ctrl+T", Command::TidyBoard);
                ui.separator();
                item(ui, "Projector mode", "F5", Command::ToggleProjector);
                item(ui, "Larger", "Ctrl+=", Command::ScaleUp);
                item(ui, "Smaller", "Ctrl+-", Command::ScaleDown);
                item(ui, "Default size", "Ctrl+0", Command::ScaleReset);
                let software = super::renderer::current(ui.ctx()).is_some_and(|i| i.software);
                if software {
                    ui.checkbox(
                        &mut self.prefs.smooth_edges,
                        "Smooth edges (slower without a GPU)",
                    )
                    .on_hover_text(
                        "A software renderer draws this window: smooth (anti-aliased) \
                             edges cost a quarter of each frame on a busy board",
                    );
                }
                if ui
                    .checkbox(&mut self.prefs.high_contrast, "High-contrast outlines")
                    .changed()
                {
                    theme::set_projector(
                        ui.ctx(),
                        self.presentation.projector || self.prefs.high_contrast,
                    );
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

    pub(super) fn toolbar_ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
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
                .selectable_label(self.windows.voting, "● Dot vote")
                .on_hover_text("Vote on tasks or pain points with dots (F3)")
                .clicked()
            {
                commands.push(Command::ToggleVoting);
            }
            if !self.room.is_open()
                && ui
                    .button("📱 Open the room")
                    .on_hover_text("Participants join from their phones on this network (F4)")
                    .clicked()
            {
                commands.push(Command::OpenRoom);
            }
            self.room_indicator_ui(ui);
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
            .selectable_label(self.windows.participants, format!("Participants ({count})"))
            .on_hover_text("Participants and their work-model scores (F2)")
            .clicked()
        {
            commands.push(Command::ToggleParticipants);
        }
        if count == 0 {
            self.workshop.author = None;
            self.workshop.highlight = None;
            return;
        }
        let name = |id: Option<Id>, none: &str| match id {
            Some(_) => session.author_name(id),
            None => none.to_owned(),
        };
        let label = ui.label("Adding as");
        egui::ComboBox::from_id_salt("adding as")
            .selected_text(name(self.workshop.author, "—"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.workshop.author, None, "—");
                for p in &session.participants {
                    ui.selectable_value(&mut self.workshop.author, Some(p.id), p.display_name());
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Highlight");
        egui::ComboBox::from_id_salt("highlight")
            .selected_text(name(self.workshop.highlight, "everyone"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.workshop.highlight, None, "everyone");
                for p in &session.participants {
                    ui.selectable_value(&mut self.workshop.highlight, Some(p.id), p.display_name());
                }
            })
            .response
            .labelled_by(label.id);
    }

    pub(super) fn status_ui(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if self.files.minutes.is_running() {
                ui.add(egui::Spinner::new());
                ui.label("Writing the minutes (PDF and HTML)…");
                ui.separator();
            }
            if let Some(status) = &self.messages.status {
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
