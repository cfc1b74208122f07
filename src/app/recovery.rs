//! Autosave and recovery in the window (issue 5), and what the user is
//! told after opening a file.
//!
//! - While the open session has unsaved changes, a recovery copy is
//!   written at most [`AUTOSAVE_AFTER`] after the first change not yet in
//!   a copy (on a background thread), beside the session file or, for a
//!   never-saved session or a folder that cannot be written, in the app's
//!   data folder ([`crate::store::recovery`]). A save, opening another
//!   file, a discarded session or a clean exit removes it.
//! - On start and when a file is opened, a recovery copy newer than its
//!   session is offered in a modal: restore it, open the saved file, or
//!   keep both. Nothing is deleted without that choice.
//! - The repairs made while opening a file are listed in a dismissable
//!   modal.
//! - The recent-files list ([`RecentFiles`]).
//!
//! Frames are not spent on this: a copy is written only when the revision
//! changed and the delay passed, and `request_repaint_after` wakes the app
//! for it.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use egui::{Key, RichText};

use super::Document;
use super::recent::RecentFiles;
use crate::store::recovery::{self as copies, RecoveryCopy};
use crate::store::{self, Repair, SaveError, Saved};
use crate::ui::theme;

/// Longest time a change waits before it is in a recovery copy (plus the
/// time to write it).
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(3);
/// The sub-folder of the app's data folder that holds recovery copies.
pub const RECOVERY_FOLDER: &str = "recovery";
/// How often to look again while a copy is still being written.
const WRITER_POLL: Duration = Duration::from_millis(100);

/// What the rest of the app is asked to do.
#[derive(Debug)]
pub enum Action {
    /// Replace the open document (with a restored recovery copy; its
    /// changes count as unsaved).
    Replace(Box<Document>),
    /// Open this file (after the unsaved-changes question, if any).
    Open(PathBuf),
    /// Tell the user, in the status bar.
    Say(String),
    /// Tell the user that something failed, in the status bar.
    Fail(String),
}

/// A recovery copy being written on a background thread.
#[derive(Debug)]
struct Writing {
    handle: JoinHandle<Result<PathBuf, SaveError>>,
}

/// A user's answer to a recovery offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Choice {
    Restore,
    OpenSaved,
    KeepBoth,
    Later,
}

/// Autosave, recovery offers, the repairs notice and the recent files.
#[derive(Debug, Default)]
pub struct Recovery {
    /// Autosave and offers run only once [`Recovery::start`] was called
    /// (not in tests that do not ask for it).
    enabled: bool,
    /// Where copies of never-saved sessions go (`None`: nowhere).
    data_folder: Option<PathBuf>,
    /// Tells this run's never-saved copy from other runs'.
    tag: String,
    /// The document being followed: its path and last revision seen.
    tracked_path: Option<PathBuf>,
    seen_revision: u64,
    /// When the first change not yet in a recovery copy was seen.
    unsaved_since: Option<Instant>,
    /// The copy this run wrote for the open document.
    own: Option<PathBuf>,
    writing: Option<Writing>,
    /// Copies to offer, one modal at a time.
    offers: VecDeque<RecoveryCopy>,
    /// The file just opened and the repairs made to read it.
    notice: Option<(String, Vec<Repair>)>,
    recent: RecentFiles,
    picked_recent: Option<PathBuf>,
}

impl Recovery {
    /// Turn on autosave and recovery offers: copies of never-saved
    /// sessions go to `app_data/recovery` (`None`: they are not written),
    /// the recent files are read from `storage`. Offers every copy in the
    /// data folder and beside `doc`'s file that is newer than its session.
    pub fn start(
        &mut self,
        storage: Option<&dyn eframe::Storage>,
        app_data: Option<PathBuf>,
        doc: &Document,
    ) {
        self.enabled = true;
        self.data_folder = app_data.map(|dir| dir.join(RECOVERY_FOLDER));
        let started = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        self.tag = format!("{}-{}", started.as_millis(), std::process::id());
        if let Some(storage) = storage {
            self.recent.append(RecentFiles::load(storage));
        }
        self.tracked_path = doc.path().map(Path::to_owned);
        self.seen_revision = doc.revision();
        if let Some(path) = doc.path() {
            self.offer_copies_of(path);
        }
        if let Some(dir) = &self.data_folder {
            for copy in copies::newer_copies_in(dir) {
                self.offer(copy);
            }
        }
    }

    /// Whether autosave and offers are on.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// The copy written for the open document, if any.
    pub fn own_copy(&self) -> Option<&Path> {
        self.own.as_deref()
    }

    /// The copies waiting to be offered, first one shown.
    pub fn offers(&self) -> impl Iterator<Item = &RecoveryCopy> {
        self.offers.iter()
    }

    /// The recent files.
    pub fn recent(&self) -> &RecentFiles {
        &self.recent
    }

    /// Store what persists (the recent files) in eframe's storage.
    pub fn persist(&self, storage: &mut dyn eframe::Storage) {
        self.recent.store(storage);
    }

    /// A file was opened: the previous document's copy goes (its changes
    /// were saved or discarded), the file joins the recent list, its
    /// repairs are shown, and a newer copy of it is offered.
    pub fn opened(&mut self, path: &Path, repairs: Vec<Repair>) {
        self.drop_own();
        self.tracked_path = Some(path.to_owned());
        self.seen_revision = 0;
        self.unsaved_since = None;
        self.recent.add(path);
        self.notice = (!repairs.is_empty()).then(|| (display_name(Some(path)), repairs));
        self.offer_copies_of(path);
    }

    /// The document at `revision` was saved to `path`: its copy goes. The
    /// text to add to "Saved PATH" (about a `.bak` copy kept), or "".
    pub fn saved(&mut self, path: &Path, revision: u64, saved: &Saved) -> String {
        self.drop_own();
        self.tracked_path = Some(path.to_owned());
        self.seen_revision = revision;
        self.unsaved_since = None;
        self.recent.add(path);
        saved.backup.as_ref().map_or_else(String::new, |bak| {
            format!(
                " (it was written by an older Rhythm: the original is kept as {})",
                bak.display()
            )
        })
    }

    /// The app closes normally (unsaved changes were saved or knowingly
    /// discarded): remove this run's copy.
    pub fn exit(&mut self) {
        self.drop_own();
    }

    /// The "Open recent" entries of the File menu.
    pub fn recent_menu_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(path) = self.recent.menu_ui(ui) {
            self.picked_recent = Some(path);
        }
    }

    /// Once per frame: autosave, then the recovery offer or the repairs
    /// notice (one modal at a time). Returns what the app must do.
    pub fn ui(&mut self, ctx: &egui::Context, doc: &Document) -> Vec<Action> {
        let mut actions = Vec::new();
        if let Some(path) = self.picked_recent.take() {
            actions.push(Action::Open(path));
        }
        self.follow(doc);
        self.autosave(ctx, doc, &mut actions);
        if let Some(copy) = self.offers.front().cloned() {
            if let Some(choice) = offer_ui(ctx, &copy, doc, self.autosave_targets(doc)) {
                self.offers.pop_front();
                self.decide(choice, copy, doc, &mut actions);
            }
        } else if self.notice.is_some() {
            self.notice_ui(ctx);
        }
        actions
    }

    /// Offer a copy, once; not a copy of a file another Rhythm window has
    /// open (that window is writing it).
    fn offer(&mut self, copy: RecoveryCopy) {
        let held = copy
            .session
            .as_deref()
            .and_then(store::lock::held_elsewhere);
        if let Some(holder) = held {
            tracing::info!(
                "not offering {}: its session is open in another window ({holder})",
                copy.path.display()
            );
            return;
        }
        if !self.offers.iter().any(|c| c.path == copy.path) {
            self.offers.push_back(copy);
        }
    }

    fn offer_copies_of(&mut self, path: &Path) {
        if !self.enabled {
            return;
        }
        for copy in copies::newer_copies_of(path, self.data_folder.as_deref()) {
            self.offer(copy);
        }
    }

    /// Notice a document replaced without [`Self::opened`] (New, or a
    /// discarded session): the copy of the one before goes.
    fn follow(&mut self, doc: &Document) {
        if doc.path() != self.tracked_path.as_deref() || doc.revision() < self.seen_revision {
            self.drop_own();
            self.tracked_path = doc.path().map(Path::to_owned);
            self.seen_revision = doc.revision();
            self.unsaved_since = None;
        }
        if doc.revision() != self.seen_revision {
            self.seen_revision = doc.revision();
            self.unsaved_since.get_or_insert_with(Instant::now);
        }
    }

    /// Where a copy of `doc` goes: beside its file (else the data folder),
    /// or the data folder for a never-saved session.
    fn autosave_targets(&self, doc: &Document) -> [Option<PathBuf>; 2] {
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

    fn autosave(&mut self, ctx: &egui::Context, doc: &Document, actions: &mut Vec<Action>) {
        if !self.enabled {
            return;
        }
        self.reap(actions);
        if !doc.is_dirty() {
            self.unsaved_since = None;
            return;
        }
        let Some(since) = self.unsaved_since else {
            return;
        };
        let due = since + AUTOSAVE_AFTER;
        let now = Instant::now();
        if now < due {
            ctx.request_repaint_after(due - now);
            return;
        }
        if self.writing.is_some() {
            ctx.request_repaint_after(WRITER_POLL);
            return;
        }
        let [first, fallback] = self.autosave_targets(doc);
        let Some(first) = first else {
            // Nowhere to write (no data folder): nothing to wait for.
            self.unsaved_since = None;
            return;
        };
        let session = doc.session().clone();
        let of = doc.path().map(Path::to_owned);
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("recovery copy".to_owned())
            .spawn(move || {
                let written = write_copy(of.as_deref(), &session, &first, fallback.as_deref());
                ctx.request_repaint();
                written
            });
        match spawned {
            Ok(handle) => self.writing = Some(Writing { handle }),
            Err(err) => actions.push(Action::Fail(format!(
                "Cannot write a recovery copy: cannot start a thread: {err}"
            ))),
        }
        self.unsaved_since = None;
    }

    /// Collect a finished write.
    fn reap(&mut self, actions: &mut Vec<Action>) {
        if self
            .writing
            .as_ref()
            .is_some_and(|w| w.handle.is_finished())
        {
            self.settle(actions);
        }
    }

    /// Wait for the write in flight, if any, and record where it went.
    fn settle(&mut self, actions: &mut Vec<Action>) {
        let Some(writing) = self.writing.take() else {
            return;
        };
        match writing.handle.join() {
            Ok(Ok(path)) => {
                if let Some(old) = self.own.take().filter(|old| *old != path) {
                    remove_copy(&old);
                }
                self.own = Some(path);
            }
            Ok(Err(err)) => actions.push(Action::Fail(format!("Recovery copy not written: {err}"))),
            Err(_) => actions.push(Action::Fail(
                "Recovery copy not written: the writer stopped".to_owned(),
            )),
        }
    }

    /// Remove this run's copy of the open document (after any write in
    /// flight, so that it cannot come back).
    fn drop_own(&mut self) {
        let mut ignored = Vec::new();
        self.settle(&mut ignored);
        for action in ignored {
            if let Action::Fail(text) = action {
                tracing::warn!("{text}");
            }
        }
        if let Some(own) = self.own.take() {
            remove_copy(&own);
        }
    }

    fn decide(
        &mut self,
        choice: Choice,
        copy: RecoveryCopy,
        doc: &Document,
        actions: &mut Vec<Action>,
    ) {
        let saved_is_open = copy.session.is_some() && doc.path() == copy.session.as_deref();
        match choice {
            Choice::Later => {}
            Choice::Restore => match store::read(&copy.path) {
                Ok(loaded) => {
                    let restored = match &copy.session {
                        Some(path) => Document::open(loaded.session, path.clone()),
                        None => Ok(Document::untitled(loaded.session)),
                    };
                    let mut restored = match restored {
                        Ok(doc) => doc,
                        Err(err) => {
                            actions.push(Action::Fail(format!("Cannot restore: {err}")));
                            return;
                        }
                    };
                    // What the copy holds is not in the session file.
                    restored.mark_unsaved();
                    self.drop_own();
                    self.tracked_path = copy.session.clone();
                    self.seen_revision = restored.revision();
                    self.unsaved_since = None;
                    self.own = Some(copy.path.clone());
                    if let Some(path) = &copy.session {
                        self.recent.add(path);
                    }
                    self.notice = (!loaded.repairs.is_empty())
                        .then(|| (display_name(copy.session.as_deref()), loaded.repairs));
                    actions.push(Action::Replace(Box::new(restored)));
                    actions.push(Action::Say(format!(
                        "Restored the recovered changes to {}: save to keep them",
                        display_name(copy.session.as_deref())
                    )));
                }
                Err(err) => actions.push(Action::Fail(format!(
                    "Cannot restore {}",
                    err.with_path(&copy.path)
                ))),
            },
            Choice::OpenSaved => {
                match copies::discard(&copy.path) {
                    Ok(()) => actions.push(Action::Say("Recovery copy discarded".to_owned())),
                    Err(err) => actions.push(Action::Fail(format!(
                        "Cannot remove {}: {err}",
                        copy.path.display()
                    ))),
                }
                if let Some(path) = copy.session.filter(|p| !saved_is_open && p.is_file()) {
                    actions.push(Action::Open(path));
                }
            }
            Choice::KeepBoth => {
                let fallback = doc
                    .path()
                    .and_then(Path::parent)
                    .map_or_else(|| PathBuf::from("."), Path::to_owned);
                match copies::keep_as_new_file(&copy, &fallback) {
                    Ok(new) => {
                        self.recent.add(&new);
                        actions.push(Action::Say(format!(
                            "The recovered changes are saved as {}",
                            new.display()
                        )));
                        if let Some(path) = copy.session.filter(|p| !saved_is_open && p.is_file()) {
                            actions.push(Action::Open(path));
                        }
                    }
                    Err(err) => actions.push(Action::Fail(format!(
                        "Cannot keep the recovered changes: {err}"
                    ))),
                }
            }
        }
    }

    fn notice_ui(&mut self, ctx: &egui::Context) {
        let Some((name, repairs)) = &self.notice else {
            return;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("repairs after loading")).show(ctx, |ui| {
            ui.set_max_width(760.0);
            ui.heading(format!("{name} was repaired while opening"));
            ui.label(format!(
                "{} {} made so that the session is sound. The file itself is unchanged until you save.",
                repairs.len(),
                if repairs.len() == 1 {
                    "repair was"
                } else {
                    "repairs were"
                }
            ));
            ui.add_space(6.0);
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for repair in repairs {
                        let text = match repair.location {
                            Some((line, _)) => format!("line {line}: {}", repair.message),
                            None => repair.message.clone(),
                        };
                        ui.add(egui::Label::new(RichText::new(text).monospace()).wrap());
                    }
                });
            ui.add_space(8.0);
            close = ui.button("OK").clicked()
                || ui.input(|i| i.key_pressed(Key::Escape) || i.key_pressed(Key::Enter));
        });
        if close {
            self.notice = None;
        }
    }
}

/// Write a copy to `first`, or to `fallback` (creating its folder) when
/// `first` cannot be written. Where it went.
fn write_copy(
    of: Option<&Path>,
    session: &crate::model::Session,
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

fn display_name(path: Option<&Path>) -> String {
    path.map_or_else(|| "The never-saved session".to_owned(), store::display_name)
}

/// "12 seconds ago", "3 minutes ago" …
fn ago(time: SystemTime) -> String {
    let secs = SystemTime::now()
        .duration_since(time)
        .unwrap_or_default()
        .as_secs();
    let (n, unit) = match secs {
        0..60 => (secs, "second"),
        60..3600 => (secs / 60, "minute"),
        3600..86_400 => (secs / 3600, "hour"),
        _ => (secs / 86_400, "day"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

/// The modal offering a recovery copy; the user's choice once made.
fn offer_ui(
    ctx: &egui::Context,
    copy: &RecoveryCopy,
    doc: &Document,
    targets: [Option<PathBuf>; 2],
) -> Option<Choice> {
    let mut choice = None;
    let saved_exists = copy.session.as_deref().is_some_and(Path::is_file);
    // Waiting is safe only if autosave will not write over this copy.
    let can_wait = !targets.iter().flatten().any(|t| *t == copy.path);
    // Restoring replaces the open session: not over unsaved changes.
    let can_restore = !doc.is_dirty();
    egui::Modal::new(egui::Id::unique("recovery offer")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        ui.heading(RichText::new("Unsaved work was recovered").color(theme::WARNING_INK));
        let name = display_name(copy.session.as_deref());
        let saved = match (&copy.session, copy.session_written) {
            (None, _) => "It was never saved to a file.".to_owned(),
            (Some(path), Some(when)) => {
                format!("The saved file {} is from {}.", path.display(), ago(when))
            }
            (Some(path), None) => format!("The saved file {} is gone.", path.display()),
        };
        ui.label(format!(
            "Rhythm stopped before the changes to {name} were saved. A recovery copy from {} holds them. {saved}",
            ago(copy.written)
        ));
        ui.label(RichText::new(copy.path.display().to_string()).small());
        ui.add_space(8.0);
        ui.vertical(|ui| {
            let restore = ui
                .add_enabled(can_restore, egui::Button::new("Restore the recovered changes"))
                .on_disabled_hover_text("Save or discard the open session's changes first");
            if restore.clicked() {
                choice = Some(Choice::Restore);
            }
            let discard = if saved_exists {
                "Open the saved file (discard the recovery copy)"
            } else {
                "Discard the recovery copy"
            };
            if ui.button(discard).clicked() {
                choice = Some(Choice::OpenSaved);
            }
            if copy.session.is_some()
                && ui
                    .button("Keep both (save the recovered changes as a new file)")
                    .clicked()
            {
                choice = Some(Choice::KeepBoth);
            }
            if can_wait && ui.button("Decide later").clicked() {
                choice = Some(Choice::Later);
            }
        });
    });
    choice
}
