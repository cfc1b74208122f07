//! One open session: its data, where it lives, its undo history, whether
//! it has unsaved changes, and the lock that keeps a second Rhythm window
//! from opening (and autosaving over) the same file; its recovery copies
//! ([`autosave`]) and the clock they are timed by ([`clock`]).
//!
//! Below both the window (`app`) and the room (`room`): the window and the
//! headless `rhythm room` hold a [`Document`] and autosave it the same
//! way. No egui.

pub mod autosave;
pub mod clock;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

pub use autosave::{AUTOSAVE_AFTER, Autosave, AutosaveStep};
pub use clock::{Clock, ManualClock, SystemClock};

use crate::model::{Edit, EditError, EntityKind, History, Id, Session};
use crate::store::{self, FileLock, LockError, SaveError, Saved};

/// An open session and its editing state.
#[derive(Debug, Default)]
pub struct Document {
    session: Session,
    path: Option<PathBuf>,
    /// Held while the document is tied to `path` (none for a never-saved
    /// session, or a file in a folder where no lock file can be written).
    lock: Option<FileLock>,
    history: History,
    /// Bumped by every change; views cache derived figures per revision.
    revision: u64,
    saved_revision: u64,
    /// Set when the session holds work that is in no file (a restored
    /// recovery copy) until the next save.
    unsaved_content: bool,
    /// For the last [`JOURNAL_MAX`] revisions, the ids each change named
    /// ([`crate::model::History::last_touched`]), oldest first.
    journal: VecDeque<(u64, Vec<Id>)>,
}

/// Revisions the journal of changed ids reaches back
/// ([`Document::touched_since`]).
pub const JOURNAL_MAX: usize = 1_024;

impl Document {
    /// A never-saved document for `session`.
    pub fn untitled(session: Session) -> Self {
        Self {
            session,
            ..Self::default()
        }
    }

    /// A document for `session`, read from (or to be saved at) `path`,
    /// whose file this window then holds ([`FileLock`]).
    ///
    /// # Errors
    /// [`LockError::Held`] when another Rhythm window (process) has the
    /// file open: "… is open in another Rhythm window (process 1234 on
    /// HOST); close it there first". A folder where no lock file can be
    /// written does not stop the file from opening (it cannot be saved
    /// there either); it is logged.
    pub fn open(session: Session, path: PathBuf) -> Result<Self, LockError> {
        let lock = match FileLock::acquire(&path) {
            Ok(lock) => Some(lock),
            Err(err @ LockError::Held { .. }) => return Err(err),
            Err(err @ LockError::Io { .. }) => {
                tracing::warn!("{err}: opening it without a lock");
                None
            }
        };
        Ok(Self {
            session,
            path: Some(path),
            lock,
            ..Self::default()
        })
    }

    /// The session.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Where the session was last saved or opened from.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether this document holds the lock on its file.
    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
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
    /// Returns the entities it created, with the ids the model gave them.
    ///
    /// # Errors
    /// When the model refuses the edit; nothing changes then.
    pub fn apply(&mut self, edit: Edit) -> Result<Vec<(EntityKind, Id)>, EditError> {
        let created = self.history.apply(&mut self.session, edit)?;
        self.changed();
        Ok(created)
    }

    /// A change was made: the next revision, and what it named.
    fn changed(&mut self) {
        self.revision += 1;
        if self.journal.len() >= JOURNAL_MAX {
            self.journal.pop_front();
        }
        self.journal
            .push_back((self.revision, self.history.last_touched().to_vec()));
    }

    /// The ids of every entity created, changed or removed after
    /// `revision` (in no particular order, maybe repeated): what a view
    /// drawn at `revision` must redraw. `None` when the journal does not
    /// reach back that far (redraw everything); empty when nothing changed.
    pub fn touched_since(&self, revision: u64) -> Option<Vec<Id>> {
        if revision >= self.revision {
            return Some(Vec::new());
        }
        let first = self.journal.front()?.0;
        if revision + 1 < first {
            return None;
        }
        Some(
            self.journal
                .iter()
                .filter(|(r, _)| *r > revision)
                .flat_map(|(_, ids)| ids.iter().copied())
                .collect(),
        )
    }

    /// Undo the last step; `Ok(false)` when there is none.
    ///
    /// # Errors
    /// When the step no longer applies; it stays to be tried again.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        let undone = self.history.undo(&mut self.session)?;
        if undone {
            self.changed();
        }
        Ok(undone)
    }

    /// Redo the last undone step; `Ok(false)` when there is none.
    ///
    /// # Errors
    /// When the step no longer applies; it stays to be tried again.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        let redone = self.history.redo(&mut self.session)?;
        if redone {
            self.changed();
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

    /// Save the session to `path` ([`store::save_reporting`]): its file or
    /// a new one (Save as), whose lock this document then takes instead of
    /// the old one's. The document is then clean.
    ///
    /// # Errors
    /// [`SaveError::Locked`] when another window holds `path` (nothing is
    /// written), or why the file could not be written; the document keeps
    /// its file, its lock and its unsaved changes.
    pub fn save_to(&mut self, path: &Path) -> Result<Saved, SaveError> {
        let held = self.lock.as_ref().is_some_and(|lock| lock.is_for(path));
        let new_lock = if held {
            None
        } else {
            match FileLock::acquire(path) {
                Ok(lock) => Some(lock),
                Err(err @ LockError::Held { .. }) => return Err(SaveError::Locked(err)),
                // The save will say why the folder cannot be written.
                Err(LockError::Io { .. }) => None,
            }
        };
        let saved = store::save_reporting(path, &self.session)?;
        if !held {
            self.lock = new_lock;
        }
        self.mark_saved(path.to_owned());
        Ok(saved)
    }

    /// Record a successful save to `path` (made by [`Document::save_to`]).
    fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_revision = self.revision;
        self.unsaved_content = false;
        self.history.seal();
    }

    /// The file name, or "Untitled session".
    pub fn display_name(&self) -> String {
        self.path
            .as_deref()
            .map_or_else(|| "Untitled session".to_owned(), store::display_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BoardPos, Entity, Tool};

    #[test]
    fn two_adds_of_one_frame_land_and_are_undone_one_by_one() {
        let mut doc = Document::untitled(Session::default());
        let new_tool = || {
            Edit::Add(Entity::Tool(Tool {
                name: "New tool".to_owned(),
                pos: BoardPos::new(0.0, 0.0),
                ..Tool::default()
            }))
        };
        let a = doc.apply(new_tool()).unwrap();
        let b = doc.apply(new_tool()).unwrap();
        assert_ne!(a, b);
        assert_eq!(doc.session().tools.len(), 2);
        assert!(doc.undo().unwrap());
        let ids: Vec<Id> = doc.session().tools.iter().map(|t| t.id).collect();
        assert_eq!(ids, [a[0].1]);
    }

    #[test]
    fn the_journal_names_what_changed_since_a_revision() {
        let mut doc = Document::untitled(Session::default());
        let created = doc
            .apply(Edit::Add(Entity::Tool(Tool {
                name: "Slack".to_owned(),
                pos: BoardPos::new(0.0, 0.0),
                ..Tool::default()
            })))
            .unwrap();
        let slack = created[0].1;
        let at = doc.revision();
        assert_eq!(doc.touched_since(0), Some(vec![slack, slack]));
        assert_eq!(doc.touched_since(at), Some(vec![]));
        doc.apply(Edit::RenameTool {
            id: slack,
            name: "Slack (DMs)".to_owned(),
        })
        .unwrap();
        doc.undo().unwrap();
        assert_eq!(doc.touched_since(at), Some(vec![slack, slack]));
        for _ in 0..JOURNAL_MAX {
            doc.apply(Edit::RenameTool {
                id: slack,
                name: format!("Slack {}", doc.revision()),
            })
            .unwrap();
        }
        assert_eq!(doc.touched_since(0), None, "too far back: redraw all");
    }
}
