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
use std::sync::Arc;
use std::time::SystemTime;

use egui::{Key, RichText};

use super::recent::RecentFiles;
use crate::document::{Autosave, AutosaveStep, Clock, Document, SystemClock};
use crate::store::recovery::{self as copies, RecoveryCopy};
use crate::store::{self, Repair, Saved};
use crate::ui::theme;

/// The sub-folder of the app's data folder that holds recovery copies.
pub const RECOVERY_FOLDER: &str = "recovery";

/// What the rest of the app is asked to do.
#[derive(Debug)]
pub enum RecoveryRequest {
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

/// A user's answer to a recovery offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Choice {
    Restore,
    OpenSaved,
    KeepBoth,
    Later,
}

/// Autosave, recovery offers, the repairs notice and the recent files.
#[derive(Debug)]
pub struct Recovery {
    /// Autosave and offers run only once [`Recovery::start`] was called
    /// (not in tests that do not ask for it).
    enabled: bool,
    /// The recovery copies of the open document.
    autosave: Autosave,
    /// What autosave's delay is measured by.
    clock: Arc<dyn Clock>,
    /// Copies to offer, one modal at a time.
    offers: VecDeque<RecoveryCopy>,
    /// The file just opened and the repairs made to read it.
    notice: Option<(String, Vec<Repair>)>,
    recent: RecentFiles,
    picked_recent: Option<PathBuf>,
}

impl Default for Recovery {
    fn default() -> Self {
        Self {
            enabled: false,
            autosave: Autosave::default(),
            clock: Arc::new(SystemClock),
            offers: VecDeque::new(),
            notice: None,
            recent: RecentFiles::default(),
            picked_recent: None,
        }
    }
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
        self.autosave = Autosave::new(app_data.map(|dir| dir.join(RECOVERY_FOLDER)));
        if let Some(storage) = storage {
            self.recent.append(RecentFiles::load(storage));
        }
        self.autosave.follow_from(doc);
        if let Some(path) = doc.path() {
            self.offer_copies_of(path);
        }
        if let Some(dir) = self.autosave.data_folder().map(Path::to_owned) {
            for copy in copies::newer_copies_in(&dir) {
                self.offer(copy);
            }
        }
    }

    /// Time autosave by `clock` (tests move it by hand).
    pub fn set_clock(&mut self, clock: Arc<dyn Clock>) {
        self.clock = clock;
    }

    /// Whether autosave and offers are on.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// The copy written for the open document, if any.
    pub fn own_copy(&self) -> Option<&Path> {
        self.autosave.own_copy()
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
        warn_if_failed(self.autosave.opened(path));
        self.recent.add(path);
        self.notice = (!repairs.is_empty()).then(|| (display_name(Some(path)), repairs));
        self.offer_copies_of(path);
    }

    /// The document at `revision` was saved to `path`: its copy goes. The
    /// text to add to "Saved PATH" (about a `.bak` copy kept), or "".
    pub fn saved(&mut self, path: &Path, revision: u64, saved: &Saved) -> String {
        warn_if_failed(self.autosave.saved(path, revision));
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
        warn_if_failed(self.autosave.discard());
    }

    /// The app is told to end without asking (SIGTERM, Ctrl+C in its
    /// terminal): unsaved changes go into a recovery copy now, which the
    /// next start offers. Where it went, or why not.
    ///
    /// # Errors
    /// When no copy could be written.
    pub fn exit_keeping(&mut self, doc: &Document) -> Result<Option<PathBuf>, String> {
        if !doc.is_dirty() {
            warn_if_failed(self.autosave.discard());
            return Ok(None);
        }
        self.autosave.write_now(doc).map(Some)
    }

    /// The "Open recent" entries of the File menu.
    pub fn recent_menu_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(path) = self.recent.menu_ui(ui) {
            self.picked_recent = Some(path);
        }
    }

    /// Once per frame: autosave, then the recovery offer or the repairs
    /// notice (one modal at a time). Returns what the app must do.
    pub fn ui(&mut self, ctx: &egui::Context, doc: &Document) -> Vec<RecoveryRequest> {
        let mut actions = Vec::new();
        if let Some(path) = self.picked_recent.take() {
            actions.push(RecoveryRequest::Open(path));
        }
        self.autosave(ctx, doc, &mut actions);
        if let Some(copy) = self.offers.front().cloned() {
            if let Some(choice) = offer_ui(ctx, &copy, doc, self.autosave.targets(doc)) {
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
        for copy in copies::newer_copies_of(path, self.autosave.data_folder()) {
            self.offer(copy);
        }
    }

    /// Autosave's turn this frame: a copy when one is due, a frame asked
    /// for when it will be.
    fn autosave(
        &mut self,
        ctx: &egui::Context,
        doc: &Document,
        actions: &mut Vec<RecoveryRequest>,
    ) {
        if !self.enabled {
            return;
        }
        let now = self.clock.now();
        let repaint = ctx.clone();
        match self
            .autosave
            .step(doc, now, Box::new(move || repaint.request_repaint()))
        {
            AutosaveStep::Idle => {}
            AutosaveStep::WakeAt(at) => {
                ctx.request_repaint_after(at.saturating_duration_since(now))
            }
            AutosaveStep::Failed(text) => actions.push(RecoveryRequest::Fail(text)),
        }
    }

    fn decide(
        &mut self,
        choice: Choice,
        copy: RecoveryCopy,
        doc: &Document,
        actions: &mut Vec<RecoveryRequest>,
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
                            actions.push(RecoveryRequest::Fail(format!("Cannot restore: {err}")));
                            return;
                        }
                    };
                    // What the copy holds is not in the session file.
                    restored.mark_unsaved();
                    warn_if_failed(self.autosave.restored(
                        &copy.path,
                        copy.session.as_deref(),
                        restored.revision(),
                    ));
                    if let Some(path) = &copy.session {
                        self.recent.add(path);
                    }
                    self.notice = (!loaded.repairs.is_empty())
                        .then(|| (display_name(copy.session.as_deref()), loaded.repairs));
                    actions.push(RecoveryRequest::Replace(Box::new(restored)));
                    actions.push(RecoveryRequest::Say(format!(
                        "Restored the recovered changes to {}: save to keep them",
                        display_name(copy.session.as_deref())
                    )));
                }
                Err(err) => actions.push(RecoveryRequest::Fail(format!(
                    "Cannot restore {}",
                    err.with_path(&copy.path)
                ))),
            },
            Choice::OpenSaved => {
                match copies::discard(&copy.path) {
                    Ok(()) => {
                        actions.push(RecoveryRequest::Say("Recovery copy discarded".to_owned()))
                    }
                    Err(err) => actions.push(RecoveryRequest::Fail(format!(
                        "Cannot remove {}: {err}",
                        copy.path.display()
                    ))),
                }
                if let Some(path) = copy.session.filter(|p| !saved_is_open && p.is_file()) {
                    actions.push(RecoveryRequest::Open(path));
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
                        actions.push(RecoveryRequest::Say(format!(
                            "The recovered changes are saved as {}",
                            new.display()
                        )));
                        if let Some(path) = copy.session.filter(|p| !saved_is_open && p.is_file()) {
                            actions.push(RecoveryRequest::Open(path));
                        }
                    }
                    Err(err) => actions.push(RecoveryRequest::Fail(format!(
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
/// Log what could not be done with a recovery copy (nothing to ask).
fn warn_if_failed(failed: Option<String>) {
    if let Some(text) = failed {
        tracing::warn!("{text}");
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
