//! File dialogs that never block the UI: rfd's dialogs run on a thread of
//! their own and report through a channel, waking the UI when they end
//! ([`PendingDialog`], used by File → Open / Save as and by File →
//! Compare…). Where no dialog can be shown (no xdg portal or zenity: rfd
//! answers at once as if cancelled) the app falls back to a typed path.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::store::EXTENSION;

/// An answer faster than this cannot come from a person: no dialog was shown.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);

/// How a native dialog ended.
#[derive(Debug, PartialEq, Eq)]
pub enum DialogAnswer<T> {
    /// The user picked this.
    Picked(T),
    /// The user cancelled.
    Cancelled,
    /// No dialog could be shown (it answered faster than a person can, or
    /// its thread ended without answering).
    Unavailable,
}

/// A native dialog running on its own thread.
#[derive(Debug)]
pub struct PendingDialog<T> {
    opened: Instant,
    answer: Receiver<Option<T>>,
}

impl<T: Send + 'static> PendingDialog<T> {
    /// Run `dialog` on a thread called `name`; it shows a native dialog
    /// and returns what was picked, or `None` when cancelled (e.g.
    /// `pollster::block_on(rfd::AsyncFileDialog::new().pick_file())`).
    /// The UI of `ctx` is repainted when it returns.
    ///
    /// # Errors
    /// When no thread can be started.
    pub fn spawn(
        ctx: &egui::Context,
        name: &str,
        dialog: impl FnOnce() -> Option<T> + Send + 'static,
    ) -> std::io::Result<Self> {
        let (tx, answer) = channel();
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let _receiver_gone = tx.send(dialog());
                ctx.request_repaint();
            })?;
        Ok(Self {
            opened: Instant::now(),
            answer,
        })
    }

    /// The answer, once the dialog has ended (call once per frame).
    pub fn poll(&self) -> Option<DialogAnswer<T>> {
        match self.answer.try_recv() {
            Err(TryRecvError::Empty) => None,
            Ok(Some(picked)) => Some(DialogAnswer::Picked(picked)),
            Ok(None) if self.opened.elapsed() < NO_DIALOG_WITHIN => Some(DialogAnswer::Unavailable),
            Ok(None) => Some(DialogAnswer::Cancelled),
            Err(TryRecvError::Disconnected) => Some(DialogAnswer::Unavailable),
        }
    }
}

/// rfd's dialog for session files, starting in `folder` when given.
pub fn session_dialog(folder: Option<PathBuf>) -> rfd::AsyncFileDialog {
    let dialog = rfd::AsyncFileDialog::new().add_filter("Rhythm session", &[EXTENSION]);
    match folder {
        Some(folder) => dialog.set_directory(folder),
        None => dialog,
    }
}

/// What a file dialog was opened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Open a session.
    Open,
    /// Save the session under a new name.
    SaveAs,
}

/// How a dialog ended.
#[derive(Debug, PartialEq, Eq)]
pub enum DialogEnd {
    /// The user picked this path.
    Picked(Purpose, PathBuf),
    /// The user cancelled.
    Cancelled,
    /// No dialog could be shown; ask for a typed path instead.
    Unavailable(Purpose),
}

/// At most one native Open / Save as dialog at a time.
#[derive(Debug, Default)]
pub struct Dialogs {
    pending: Option<(Purpose, PendingDialog<PathBuf>)>,
}

impl Dialogs {
    /// Whether a dialog is open.
    pub fn is_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Open a native dialog for `purpose`, starting in `folder`, suggesting
    /// `file_name` when saving.
    pub fn open(
        &mut self,
        ctx: &egui::Context,
        purpose: Purpose,
        folder: Option<PathBuf>,
        file_name: &str,
    ) {
        if self.pending.is_some() {
            return;
        }
        let file_name = file_name.to_owned();
        let spawned = PendingDialog::spawn(ctx, "file dialog", move || {
            let dialog = session_dialog(folder);
            let picked = match purpose {
                Purpose::Open => pollster::block_on(dialog.pick_file()),
                Purpose::SaveAs => pollster::block_on(dialog.set_file_name(file_name).save_file()),
            };
            picked.map(|h| h.path().to_path_buf())
        });
        match spawned {
            Ok(pending) => self.pending = Some((purpose, pending)),
            Err(err) => tracing::warn!("cannot start a file dialog: {err}"),
        }
    }

    /// Check whether the open dialog has ended (call once per frame).
    pub fn poll(&mut self) -> Option<DialogEnd> {
        let (purpose, pending) = self.pending.as_ref()?;
        let outcome = match pending.poll()? {
            DialogAnswer::Picked(path) => DialogEnd::Picked(*purpose, path),
            DialogAnswer::Cancelled => DialogEnd::Cancelled,
            DialogAnswer::Unavailable => DialogEnd::Unavailable(*purpose),
        };
        self.pending = None;
        Some(outcome)
    }
}
