//! Modal dialogs: "discard unsaved changes?", the typed path, errors.

use std::path::{Path, PathBuf};

use egui::{Key, RichText};

use super::AfterConfirm;
use super::file_ops::with_extension;
use super::{Command, Purpose, RhythmApp};
use crate::ui::theme;

impl RhythmApp {
    /// The modal dialogs that are open, one above the other.
    pub(super) fn modals(&mut self, ctx: &egui::Context) {
        if let Some(action) = self.files.confirm.clone() {
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
                    self.files.confirm = None;
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
                    self.files.confirm = None;
                    self.run_command(ctx, Command::SaveAs);
                }
                Some(ConfirmAnswer::Discard) => {
                    self.files.confirm = None;
                    self.proceed(ctx, action);
                }
                Some(ConfirmAnswer::Cancel) => self.files.confirm = None,
                None => {}
            }
        }

        if let Some(prompt) = &mut self.files.path_prompt {
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
                self.files.path_prompt = None;
            } else if submit && !prompt.text.trim().is_empty() {
                let purpose = prompt.purpose;
                let path = PathBuf::from(prompt.text.trim());
                self.files.path_prompt = None;
                match purpose {
                    Purpose::Open => self.guarded(ctx, AfterConfirm::OpenPath(path)),
                    Purpose::SaveAs => {
                        self.save_to(with_extension(path));
                    }
                }
            }
        }

        if let Some(error) = &self.messages.error {
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
                self.messages.error = None;
            }
        }
    }
}

/// The answer to "discard unsaved changes?".
#[derive(Clone, Copy)]
enum ConfirmAnswer {
    Save,
    SaveAs,
    Discard,
    Cancel,
}
