//! *File → Export minutes…* (Ctrl+Shift+E, the button of the step-4 view,
//! and the compare windows): the workshop's minutes written as PDF and
//! HTML next to the session, off the UI thread (typesetting takes a
//! moment), never over an earlier export. While it runs the window shows
//! a spinner and "Writing the minutes…".

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use crate::minutes::{Minutes, Options, export_both};
use crate::model::Session;

/// What an export ended with: the files written, or why not.
pub type Outcome = Result<Vec<PathBuf>, String>;

/// Minutes being written on a worker thread, and the last outcome.
#[derive(Debug, Default)]
pub struct MinutesExport {
    running: Option<mpsc::Receiver<Outcome>>,
    last: Option<Outcome>,
}

impl MinutesExport {
    /// Whether minutes are being written.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Start writing the minutes of `sessions` (each with the file it was
    /// read from, `None` for a session never saved): the latest session's
    /// minutes, with a quarter-over-quarter section when there are
    /// several, into the latest session's folder (the working folder for
    /// an unsaved one). Does nothing while an export runs.
    pub fn start(&mut self, ctx: &egui::Context, sessions: Vec<(Option<PathBuf>, Session)>) {
        if self.running.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("minutes".to_owned())
            .spawn(move || {
                let _ = tx.send(write(&sessions, Options::default()));
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.running = Some(rx);
                self.last = None;
            }
            Err(err) => self.last = Some(Err(format!("Cannot start writing the minutes: {err}"))),
        }
    }

    /// The outcome, once, when the export has just finished.
    pub fn poll(&mut self) -> Option<Outcome> {
        let rx = self.running.as_ref()?;
        let outcome = match rx.try_recv() {
            Ok(outcome) => outcome,
            Err(mpsc::TryRecvError::Empty) => return None,
            Err(mpsc::TryRecvError::Disconnected) => {
                Err("Writing the minutes stopped unexpectedly".to_owned())
            }
        };
        self.running = None;
        self.last = Some(outcome.clone());
        Some(outcome)
    }

    /// A button that starts the export of `sessions` (made only when it is
    /// clicked), then a spinner while it runs and the outcome after it.
    pub fn button_ui(
        &mut self,
        ui: &mut egui::Ui,
        sessions: impl FnOnce() -> Vec<(Option<PathBuf>, Session)>,
    ) {
        self.poll();
        ui.horizontal_wrapped(|ui| {
            let button = egui::Button::new("📄 Export minutes (PDF + HTML)");
            if ui
                .add_enabled(!self.is_running(), button)
                .on_hover_text(
                    "The workshop's minutes as one PDF and one HTML page, next to the session file",
                )
                .clicked()
            {
                self.start(ui.ctx(), sessions());
            }
            self.progress_ui(ui);
        });
    }

    /// A spinner with "Writing the minutes…" while an export runs; after
    /// it, the files written or the error.
    pub fn progress_ui(&self, ui: &mut egui::Ui) {
        if self.is_running() {
            ui.add(egui::Spinner::new());
            ui.label("Writing the minutes (PDF and HTML)…");
        } else if let Some(outcome) = &self.last {
            match outcome {
                Ok(paths) => ui.label(format!("Written: {}", names(paths))),
                Err(err) => ui.colored_label(crate::ui::theme::WARNING_INK, err),
            };
        }
    }
}

/// The paths, joined for a sentence.
pub fn names(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Write the minutes of `sessions` (see [`MinutesExport::start`]).
fn write(sessions: &[(Option<PathBuf>, Session)], options: Options) -> Outcome {
    let plain: Vec<Session> = sessions.iter().map(|(_, s)| s.clone()).collect();
    let minutes = Minutes::of(&plain, options).map_err(|e| e.to_string())?;
    let (path, session) = sessions
        .get(minutes.latest_index())
        .ok_or_else(|| "No session to write minutes of".to_owned())?;
    let folder = path
        .as_deref()
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_owned);
    export_both(&minutes, session, &folder, path.as_deref()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_writes_both_files_beside_the_session_and_keeps_earlier_ones() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("team.ron");
        let mut session = Session::default();
        session.header.team = "Team".to_owned();
        session.header.quarter = "2026-Q1".to_owned();
        let sessions = vec![(Some(path.clone()), session)];
        let first = write(&sessions, Options::default()).expect("written");
        assert_eq!(
            first,
            vec![
                dir.path().join("Team-2026-Q1-minutes.pdf"),
                dir.path().join("Team-2026-Q1-minutes.html")
            ]
        );
        let second = write(&sessions, Options::default()).expect("written again");
        assert_eq!(second[0], dir.path().join("Team-2026-Q1-minutes-2.pdf"));
        assert!(first.iter().chain(&second).all(|p| p.exists()));
    }
}
