//! File dialogs that never block the UI: rfd's async dialogs run on a
//! thread and report through a channel. Where no dialog can be shown (no
//! xdg portal or zenity: rfd answers at once as if cancelled) the app
//! falls back to a typed path.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::store::EXTENSION;

/// An answer faster than this cannot come from a person: no dialog was shown.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);

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
pub enum Outcome {
    /// The user picked this path.
    Picked(Purpose, PathBuf),
    /// The user cancelled.
    Cancelled,
    /// No dialog could be shown; ask for a typed path instead.
    Unavailable(Purpose),
}

/// At most one native dialog at a time.
#[derive(Debug, Default)]
pub struct Dialogs {
    pending: Option<(Purpose, Instant, Receiver<Option<PathBuf>>)>,
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
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let file_name = file_name.to_owned();
        let spawned = std::thread::Builder::new()
            .name("file dialog".to_owned())
            .spawn(move || {
                let mut dialog =
                    rfd::AsyncFileDialog::new().add_filter("Rhythm session", &[EXTENSION]);
                if let Some(folder) = folder {
                    dialog = dialog.set_directory(folder);
                }
                let picked = match purpose {
                    Purpose::Open => pollster::block_on(dialog.pick_file()),
                    Purpose::SaveAs => {
                        pollster::block_on(dialog.set_file_name(file_name).save_file())
                    }
                };
                let _receiver_gone = tx.send(picked.map(|h| h.path().to_path_buf()));
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.pending = Some((purpose, Instant::now(), rx)),
            Err(err) => tracing::warn!("cannot start a file dialog: {err}"),
        }
    }

    /// Check whether the open dialog has ended (call once per frame).
    pub fn poll(&mut self) -> Option<Outcome> {
        let (purpose, opened, rx) = self.pending.as_ref()?;
        let outcome = match rx.try_recv() {
            Err(TryRecvError::Empty) => return None,
            Ok(Some(path)) => Outcome::Picked(*purpose, path),
            Ok(None) if opened.elapsed() < NO_DIALOG_WITHIN => Outcome::Unavailable(*purpose),
            Ok(None) => Outcome::Cancelled,
            Err(TryRecvError::Disconnected) => Outcome::Unavailable(*purpose),
        };
        self.pending = None;
        Some(outcome)
    }
}
