//! One open session: its data, where it lives, its undo history and
//! whether it has unsaved changes.

use std::path::{Path, PathBuf};

use crate::model::{Edit, EditError, History, Session};

/// An open session and its editing state.
#[derive(Debug, Default)]
pub struct Document {
    session: Session,
    path: Option<PathBuf>,
    history: History,
    /// Bumped by every change; views cache derived figures per revision.
    revision: u64,
    saved_revision: u64,
    /// Set when the session holds work that is in no file (a restored
    /// recovery copy) until the next save.
    unsaved_content: bool,
}

impl Document {
    /// A document for `session`, saved at `path` (`None`: never saved).
    pub fn new(session: Session, path: Option<PathBuf>) -> Self {
        Self {
            session,
            path,
            ..Self::default()
        }
    }

    /// The session.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Where the session was last saved or opened from.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Counts changes; differs from one change to the next.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether there are changes since the last save or open.
    pub fn is_dirty(&self) -> bool {
        self.unsaved_content || self.revision != self.saved_revision
    }

    /// Apply an edit as one undo step (or merged into the open gesture).
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.session, edit)?;
        self.revision += 1;
        Ok(())
    }

    /// Undo the last step; `Ok(false)` when there is none.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        let undone = self.history.undo(&mut self.session)?;
        if undone {
            self.revision += 1;
        }
        Ok(undone)
    }

    /// Redo the last undone step; `Ok(false)` when there is none.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        let redone = self.history.redo(&mut self.session)?;
        if redone {
            self.revision += 1;
        }
        Ok(redone)
    }

    /// Whether undo / redo are possible.
    pub fn can_undo_redo(&self) -> (bool, bool) {
        (self.history.can_undo(), self.history.can_redo())
    }

    /// End the current gesture (pointer released): the next edit is a new
    /// undo step.
    pub fn seal(&mut self) {
        self.history.seal();
    }

    /// Mark the session as holding work that is in no file (e.g. restored
    /// from a recovery copy), without adding an undo step.
    pub fn mark_unsaved(&mut self) {
        self.unsaved_content = true;
    }

    /// Record a successful save to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_revision = self.revision;
        self.unsaved_content = false;
        self.history.seal();
    }

    /// The file name, or "Untitled session".
    pub fn display_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Untitled session".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}
