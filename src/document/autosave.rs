//! Recovery copies of an open [`Document`], written while it has unsaved
//! changes (issue 5), by the window and by the headless room alike.
//!
//! A copy is written at most [`AUTOSAVE_AFTER`] after the first change not
//! yet in a copy, on a background thread, beside the session file or, for
//! a never-saved session or a folder that cannot be written, in the app's
//! data folder ([`crate::store::recovery`]). A save, opening another file,
//! a discarded session or a clean exit removes it ([`Autosave::discard`]).
//!
//! Time is the caller's: every call takes `now` (from a
//! [`Clock`](super::Clock)), so tests decide when the delay has passed.
//! Nothing here waits on a timer: [`Autosave::step`] says when to come
//! back.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use super::Document;
use crate::model::Session;
use crate::store::SaveError;
use crate::store::recovery as copies;

/// Longest time a change waits before it is in a recovery copy (plus the
/// time to write it).
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(3);
/// How often to look again while a copy is still being written.
const WRITER_POLL: Duration = Duration::from_millis(100);

/// Called from the writer thread when a copy is written (the window asks
/// for a frame, the headless room wakes its loop).
pub type Notify = Box<dyn Fn() + Send + 'static>;

/// What [`Autosave::step`] did, and when to call it again.
#[derive(Debug, PartialEq, Eq)]
pub enum AutosaveStep {
    /// Nothing to write: call again after the next change.
    Idle,
    /// A copy is due (or being written): call again at this instant.
    WakeAt(Instant),
    /// A copy could not be written (it will be tried after the next
    /// change); why, for the person.
    Failed(String),
}

/// The recovery copies of the open document.
#[derive(Debug)]
pub struct Autosave {
    /// Where copies of never-saved sessions (and of files whose folder
    /// cannot be written) go; `None`: nowhere.
    data_folder: Option<PathBuf>,
    /// Tells this run's never-saved copy from other runs'.
    tag: String,
    /// The document being followed: its path and last revision seen.
    tracked_path: Option<PathBuf>,
    seen_revision: u64,
    /// When the first change not yet in a copy was seen.
    unsaved_since: Option<Instant>,
    /// The copy this run wrote for the open document.
    own: Option<PathBuf>,
    writing: Option<JoinHandle<Result<PathBuf, SaveError>>>,
}

impl Default for Autosave {
    fn default() -> Self {
        Self::new(None)
    }
}

impl Autosave {
    /// Copies of never-saved sessions go to `data_folder` (`None`: they
    /// are not written); this run's tag is its start time and process id.
    pub fn new(data_folder: Option<PathBuf>) -> Self {
        let started = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        Self {
            data_folder,
            tag: format!("{}-{}", started.as_millis(), std::process::id()),
            tracked_path: None,
            seen_revision: 0,
            unsaved_since: None,
            own: None,
            writing: None,
        }
    }

    /// Where copies of never-saved sessions go.
    pub fn data_folder(&self) -> Option<&Path> {
        self.data_folder.as_deref()
    }

    /// Follow `doc` from now on (its changes so far count as in a copy).
    pub fn follow_from(&mut self, doc: &Document) {
        self.tracked_path = doc.path().map(Path::to_owned);
        self.seen_revision = doc.revision();
        self.unsaved_since = None;
    }

    /// The copy written for the open document, if any.
    pub fn own_copy(&self) -> Option<&Path> {
        self.own.as_deref()
    }

    /// A file was opened: the copy of the document before goes.
    pub fn opened(&mut self, path: &Path) -> Option<String> {
        let failed = self.discard();
        self.tracked_path = Some(path.to_owned());
        self.seen_revision = 0;
        self.unsaved_since = None;
        failed
    }

    /// The document at `revision` was saved to `path`: its copy goes.
    pub fn saved(&mut self, path: &Path, revision: u64) -> Option<String> {
        let failed = self.discard();
        self.tracked_path = Some(path.to_owned());
        self.seen_revision = revision;
        self.unsaved_since = None;
        failed
    }

    /// A recovery copy at `copy` was restored as the open document (at
    /// `revision`, belonging to `session`): it is this run's copy now.
    pub fn restored(
        &mut self,
        copy: &Path,
        session: Option<&Path>,
        revision: u64,
    ) -> Option<String> {
        let failed = self.discard();
        self.tracked_path = session.map(Path::to_owned);
        self.seen_revision = revision;
        self.unsaved_since = None;
        self.own = Some(copy.to_owned());
        failed
    }

    /// Where a copy of `doc` goes: beside its file (else the data folder),
    /// or the data folder for a never-saved session.
    pub fn targets(&self, doc: &Document) -> [Option<PathBuf>; 2] {
        let in_data = |of| {
            self.data_folder
                .as_deref()
                .map(|dir| copies::in_data_folder(dir, of, &self.tag))
        };
        match doc.path() {
            Some(path) => [copies::beside(path), in_data(Some(path))],
            None => [in_data(None), None],
        }
    }

    /// Notice a document replaced without [`Self::opened`] (New, or a
    /// discarded session) and count a change first seen at `now`. A
    /// message when the old document's copy could not be removed.
    fn follow(&mut self, doc: &Document, now: Instant) -> Option<String> {
        let mut failed = None;
        if doc.path() != self.tracked_path.as_deref() || doc.revision() < self.seen_revision {
            failed = self.discard();
            self.tracked_path = doc.path().map(Path::to_owned);
            self.seen_revision = doc.revision();
            self.unsaved_since = None;
        }
        if doc.revision() != self.seen_revision {
            self.seen_revision = doc.revision();
            self.unsaved_since.get_or_insert(now);
        }
        failed
    }

    /// Once in a while (every frame, every turn of a loop): note changes,
    /// collect a finished write, and start writing a copy when one is due
    /// at `now`. `notify` is called from the writer thread when it is done.
    pub fn step(&mut self, doc: &Document, now: Instant, notify: Notify) -> AutosaveStep {
        if let Some(failed) = self.follow(doc, now) {
            return AutosaveStep::Failed(failed);
        }
        if let Some(failed) = self.reap() {
            return AutosaveStep::Failed(failed);
        }
        if !doc.is_dirty() {
            self.unsaved_since = None;
            return AutosaveStep::Idle;
        }
        let Some(since) = self.unsaved_since else {
            return AutosaveStep::Idle;
        };
        let due = since + AUTOSAVE_AFTER;
        if now < due {
            return AutosaveStep::WakeAt(due);
        }
        if self.writing.is_some() {
            return AutosaveStep::WakeAt(now + WRITER_POLL);
        }
        let [first, fallback] = self.targets(doc);
        let Some(first) = first else {
            // Nowhere to write (no data folder): nothing to wait for.
            self.unsaved_since = None;
            return AutosaveStep::Idle;
        };
        let session = doc.session().clone();
        let of = doc.path().map(Path::to_owned);
        let spawned = std::thread::Builder::new()
            .name("recovery copy".to_owned())
            .spawn(move || {
                let written = write_copy(of.as_deref(), &session, &first, fallback.as_deref());
                notify();
                written
            });
        self.unsaved_since = None;
        match spawned {
            Ok(handle) => {
                self.writing = Some(handle);
                AutosaveStep::WakeAt(now + WRITER_POLL)
            }
            Err(err) => AutosaveStep::Failed(format!(
                "Cannot write a recovery copy: cannot start a thread: {err}"
            )),
        }
    }

    /// Write a copy of `doc` now, on this thread (after the write in
    /// flight, if any): before the process ends without asking (a signal).
    /// Its path.
    ///
    /// # Errors
    /// Why it could not be written anywhere.
    pub fn write_now(&mut self, doc: &Document) -> Result<PathBuf, String> {
        if let Some(failed) = self.settle() {
            tracing::warn!("{failed}");
        }
        let [first, fallback] = self.targets(doc);
        let first = first.ok_or_else(|| "nowhere to write a recovery copy".to_owned())?;
        let written = write_copy(doc.path(), doc.session(), &first, fallback.as_deref())
            .map_err(|err| format!("Recovery copy not written: {err}"))?;
        if let Some(old) = self.own.take().filter(|old| *old != written) {
            remove_copy(&old);
        }
        self.own = Some(written.clone());
        self.seen_revision = doc.revision();
        self.unsaved_since = None;
        Ok(written)
    }

    /// Collect a finished write; a message when it failed.
    fn reap(&mut self) -> Option<String> {
        if self.writing.as_ref().is_some_and(JoinHandle::is_finished) {
            self.settle()
        } else {
            None
        }
    }

    /// Wait for the write in flight, if any, and record where it went; a
    /// message when it failed.
    fn settle(&mut self) -> Option<String> {
        let writing = self.writing.take()?;
        match writing.join() {
            Ok(Ok(path)) => {
                if let Some(old) = self.own.take().filter(|old| *old != path) {
                    remove_copy(&old);
                }
                self.own = Some(path);
                None
            }
            Ok(Err(err)) => Some(format!("Recovery copy not written: {err}")),
            Err(_) => Some("Recovery copy not written: the writer stopped".to_owned()),
        }
    }

    /// Remove this run's copy of the open document (after any write in
    /// flight, so that it cannot come back): its changes were saved or
    /// knowingly discarded. A message when the write in flight failed.
    pub fn discard(&mut self) -> Option<String> {
        let failed = self.settle();
        if let Some(own) = self.own.take() {
            remove_copy(&own);
        }
        failed
    }
}

/// Write the copy text of `session` (belonging to the file `of`) to
/// `first`, else to `fallback` (its folder made first); where it went.
fn write_copy(
    of: Option<&Path>,
    session: &Session,
    first: &Path,
    fallback: Option<&Path>,
) -> Result<PathBuf, SaveError> {
    let text = copies::copy_text(of, session)?;
    let error = match copies::write(first, &text) {
        Ok(()) => return Ok(first.to_owned()),
        Err(err) => err,
    };
    let Some(fallback) = fallback.filter(|f| *f != first) else {
        return Err(error);
    };
    if let Some(folder) = fallback.parent() {
        std::fs::create_dir_all(folder).map_err(|source| SaveError::Io {
            path: folder.to_owned(),
            source,
        })?;
    }
    copies::write(fallback, &text).map(|()| fallback.to_owned())
}

fn remove_copy(path: &Path) {
    if let Err(err) = copies::discard(path) {
        tracing::warn!("cannot remove the recovery copy {}: {err}", path.display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BoardPos, Edit, Entity, Tool};

    fn add_tool(doc: &mut Document) {
        doc.apply(Edit::Add(Entity::Tool(Tool {
            name: "Slack".to_owned(),
            pos: BoardPos::new(0.0, 0.0),
            ..Tool::default()
        })))
        .unwrap();
    }

    #[test]
    fn a_copy_is_written_once_the_delay_has_passed_by_the_callers_clock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let mut doc = Document::open(Session::default(), path.clone()).unwrap();
        let mut autosave = Autosave::new(None);
        autosave.follow_from(&doc);
        let t0 = Instant::now();
        assert_eq!(autosave.step(&doc, t0, Box::new(|| {})), AutosaveStep::Idle);
        add_tool(&mut doc);
        // A second later: not yet, come back when it is due.
        let at = t0 + Duration::from_secs(1);
        assert_eq!(
            autosave.step(&doc, t0, Box::new(|| {})),
            AutosaveStep::WakeAt(t0 + AUTOSAVE_AFTER)
        );
        assert_eq!(
            autosave.step(&doc, at, Box::new(|| {})),
            AutosaveStep::WakeAt(t0 + AUTOSAVE_AFTER)
        );
        let copy = copies::beside(&path).unwrap();
        assert!(!copy.exists(), "no copy before the delay");
        let due = t0 + AUTOSAVE_AFTER;
        assert!(matches!(
            autosave.step(&doc, due, Box::new(|| {})),
            AutosaveStep::WakeAt(_)
        ));
        assert_eq!(autosave.settle(), None, "written");
        assert!(copy.exists(), "the copy is there once written");
        assert_eq!(autosave.discard(), None);
        assert!(!copy.exists(), "discarded: the copy is gone");
    }

    #[test]
    fn write_now_keeps_the_copy_until_it_is_discarded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let mut doc = Document::open(Session::default(), path.clone()).unwrap();
        let mut autosave = Autosave::new(None);
        autosave.follow_from(&doc);
        add_tool(&mut doc);
        let written = autosave.write_now(&doc).unwrap();
        assert_eq!(Some(written.clone()), copies::beside(&path));
        let text = std::fs::read_to_string(&written).unwrap();
        assert!(text.contains("Slack"), "{text}");
        assert_eq!(autosave.own_copy(), Some(written.as_path()));
        autosave.discard();
        assert!(!written.exists());
    }
}
