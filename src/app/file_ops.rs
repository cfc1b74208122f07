//! Opening and saving sessions: the native dialogs and their typed-path
//! fallback, the "discard unsaved changes?" guard, closing the window.

use std::path::{Path, PathBuf};

use super::{AfterConfirm, DialogEnd, Purpose, RhythmApp};
use crate::document::Document;
use crate::store;

/// A typed-path prompt (when no native dialog is available, or asked for).
#[derive(Clone, Debug)]
pub(super) struct PathPrompt {
    pub(super) purpose: Purpose,
    pub(super) text: String,
    pub(super) note: Option<String>,
}

impl RhythmApp {
    /// Do `action` now, or first ask whether to discard unsaved changes.
    /// An action that replaces the session or closes the window first
    /// closes the room (if one is open) and waits for what phones still
    /// send.
    pub(super) fn guarded(&mut self, ctx: &egui::Context, action: AfterConfirm) {
        if self.room.is_busy() && action != AfterConfirm::Open {
            self.close_room_then(super::room::AfterRoom::Then(action));
            return;
        }
        if self.doc.is_dirty() {
            self.files.confirm = Some(action);
        } else {
            self.proceed(ctx, action);
        }
    }

    pub(super) fn proceed(&mut self, ctx: &egui::Context, action: AfterConfirm) {
        match action {
            AfterConfirm::New => {
                self.replace_document(Document::default());
                self.say("New session");
            }
            AfterConfirm::Open => {
                let folder = self.doc.path().and_then(Path::parent).map(Path::to_owned);
                self.files.dialogs.open(ctx, Purpose::Open, folder, "");
            }
            AfterConfirm::OpenPath(path) => self.open_path(&path),
            AfterConfirm::NextQuarter => {
                let next = crate::model::start_next_quarter(self.doc.session());
                let quarter = next.header.quarter.clone();
                self.replace_document(Document::untitled(next));
                self.say(format!(
                    "New session for {quarter}: scores cleared; save it to keep it"
                ));
            }
            AfterConfirm::Close => {
                self.files.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Open a session file; on failure the current session stays as it is
    /// and the error is shown with line and column.
    pub fn open_path(&mut self, path: &Path) {
        if self.room.is_busy() {
            // The phones' last messages belong to this session: the room
            // closes first, then the file opens (asking about unsaved
            // changes again, as phones may have added some).
            self.close_room_then(super::room::AfterRoom::Then(AfterConfirm::OpenPath(
                path.to_owned(),
            )));
            return;
        }
        match store::read(path) {
            Ok(loaded) => match Document::open(loaded.session, path.to_owned()) {
                Ok(doc) => {
                    self.replace_document(doc);
                    self.recovery.opened(path, loaded.repairs);
                    self.say(format!("Opened {}", path.display()));
                }
                Err(err) => {
                    self.messages.error = Some(err.to_string());
                    self.fail(format!("Could not open {}", path.display()));
                }
            },
            Err(err) => {
                let mut message = err.with_path(path);
                if let store::LoadError::Syntax { line_text, col, .. } = &err {
                    let caret = " ".repeat(col.saturating_sub(1));
                    message.push_str(&format!("\n\n    {line_text}\n    {caret}^"));
                }
                self.messages.error = Some(message);
                self.fail(format!("Could not open {}", path.display()));
            }
        }
    }

    /// Save to `path`; on failure the session stays open and unsaved.
    pub fn save_to(&mut self, path: PathBuf) -> bool {
        match self.doc.save_to(&path) {
            Ok(saved) => {
                let note = self.recovery.saved(&path, self.doc.revision(), &saved);
                self.say(format!("Saved {}{note}", path.display()));
                true
            }
            Err(err) => {
                self.messages.error =
                    Some(format!("{err}\n\nThe session is still open and unsaved."));
                self.fail("Save failed".to_owned());
                false
            }
        }
    }

    pub(super) fn folder_hint(&self) -> String {
        self.doc
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "sessions/".to_owned())
    }

    pub(super) fn suggested_file_name(&self) -> String {
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

    pub(super) fn poll_dialogs(&mut self, ctx: &egui::Context) {
        match self.files.dialogs.poll() {
            Some(DialogEnd::Picked(Purpose::Open, path)) => self.open_path(&path),
            Some(DialogEnd::Picked(Purpose::SaveAs, path)) => {
                self.save_to(with_extension(path));
            }
            Some(DialogEnd::Cancelled) | None => {}
            Some(DialogEnd::Unavailable(purpose)) => {
                self.files.path_prompt = Some(PathPrompt {
                    purpose,
                    text: self.folder_hint(),
                    note: Some("No file dialog is available here: type the path.".to_owned()),
                });
            }
        }
        if self.files.dialogs.is_open() {
            ctx.request_repaint_after(std::time::Duration::from_millis(200));
        }
    }

    pub(super) fn close_guard(&mut self, ctx: &egui::Context) {
        let requested = ctx.input(|i| i.viewport().close_requested());
        if requested && !self.files.allow_close && self.room.is_busy() {
            // The room closes first (without freezing the window), then
            // the window, asking about unsaved changes as usual.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.close_room_then(super::room::AfterRoom::Then(AfterConfirm::Close));
            return;
        }
        if requested && self.doc.is_dirty() && !self.files.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.files.confirm = Some(AfterConfirm::Close);
        }
    }
}

/// `path`, with the session extension added when it has none.
pub(super) fn with_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(store::EXTENSION)
    }
}
