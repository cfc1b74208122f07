//! Starting the window.

use std::path::{Path, PathBuf};

use super::{Document, Prefs, RhythmApp, renderer};
use crate::model::Session;
use crate::store;

/// Open the window on a session file, or, when `path` is `None`, on the
/// last opened file (if it still exists) or a new session. A file that
/// cannot be read opens an empty session and shows why. `projector`
/// starts in projector mode. `renderer` picks glow or wgpu (see
/// [`renderer::run_native`]).
///
/// # Errors
/// No renderer could start, or the window failed.
pub fn run(
    path: Option<PathBuf>,
    projector: bool,
    renderer: renderer::RendererChoice,
) -> anyhow::Result<()> {
    let asked_for_a_file = path.is_some();
    let (doc, startup_error, repairs) = match path {
        None => (Document::default(), None, Vec::new()),
        Some(path) => match store::read(&path).map(|loaded| {
            let repairs = loaded.repairs;
            Document::open(loaded.session, path.clone()).map(|doc| (doc, repairs))
        }) {
            Ok(Ok((doc, repairs))) => (doc, None, repairs),
            Ok(Err(err)) => (Document::default(), Some(err.to_string()), Vec::new()),
            Err(err) => (
                Document::untitled(Session::default()),
                Some(err.with_path(&path)),
                Vec::new(),
            ),
        },
    };
    // No minimum size here: eframe would scale it by the zoom saved from
    // the last run (×1.75 in projector mode) before knowing the monitor.
    // `screen_fit` sets it once the window is on a monitor.
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Rhythm")
            .with_inner_size([1600.0, 900.0])
            .with_maximized(true)
            .with_fullscreen(projector),
        ..Default::default()
    };
    renderer::run_native(
        "Rhythm",
        &options,
        renderer,
        Box::new(move |cc, _renderer| {
            let path = doc.path().map(Path::to_owned);
            let mut app = RhythmApp::new(&cc.egui_ctx, doc, startup_error);
            if let Some(path) = path {
                app.recovery.opened(&path, repairs);
            }
            app.enable_recovery(cc.storage, eframe::storage_dir("Rhythm"));
            if let Some(storage) = cc.storage {
                app.set_prefs(Prefs::load(storage));
            }
            if !asked_for_a_file
                && let Some(last) = app.recovery.recent().paths().first().cloned()
                && last.is_file()
            {
                app.open_path(&last);
            }
            if projector {
                app.set_projector(&cc.egui_ctx, true);
            } else {
                app.start_maximized(super::maximize::wanted(cc.storage));
            }
            Ok(Box::new(app))
        }),
    )
}
