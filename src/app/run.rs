//! Starting the window.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use super::{Prefs, RhythmApp, renderer};
use crate::document::Document;
use crate::model::Session;
use crate::store;

/// How the window starts (`rhythm [--projector] [--room [--listen
/// ADDR:PORT]] [PATH]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Start {
    /// The session file to open; `None`: the last opened file (if it still
    /// exists), else a new session.
    pub path: Option<PathBuf>,
    /// Start in projector mode.
    pub projector: bool,
    /// Open the room at once: `Some(None)` on the best network
    /// ([`crate::room::default_listen`]), `Some(Some(addr))` on `addr`
    /// (port 0: a free port). The join URL and the code are printed on
    /// stdout, lines 1 and 2, as `rhythm room` prints them.
    pub room: Option<Option<SocketAddr>>,
    /// What draws the window.
    pub renderer: renderer::RendererChoice,
}

/// Open the window as `start` says. A file that cannot be read opens an
/// empty session and shows why; a room that cannot open shows why in the
/// window (and on stderr). `start.renderer` picks glow or wgpu (see
/// [`renderer::run_native`]).
///
/// # Errors
/// No renderer could start, or the window failed.
pub fn run(start: Start) -> anyhow::Result<()> {
    let Start {
        path,
        projector,
        room,
        renderer,
    } = start;
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
            app.watch_signals(&cc.egui_ctx);
            if let Some(listen) = room {
                open_room_at_start(&mut app, &cc.egui_ctx, listen);
            }
            Ok(Box::new(app))
        }),
    )
}

/// `--room`: open the room before the first frame and print where to join
/// (stdout, lines 1 and 2: the URL with its key, the short code), or why
/// it could not open (stderr; the window says it too).
fn open_room_at_start(app: &mut RhythmApp, ctx: &egui::Context, listen: Option<SocketAddr>) {
    let listen = match listen.map_or_else(crate::room::default_listen, Ok) {
        Ok(listen) => listen,
        Err(err) => {
            eprintln!("rhythm: the room could not open: {err}");
            app.room_failed(err.to_string());
            return;
        }
    };
    app.open_room(ctx, listen);
    match app.room_info() {
        Some(info) => {
            let mut out = std::io::stdout().lock();
            let printed = writeln!(out, "{}", info.url)
                .and_then(|()| writeln!(out, "{}", info.code))
                .and_then(|()| out.flush());
            if let Err(err) = printed {
                tracing::warn!("cannot print the room's URL: {err}");
            }
        }
        None => eprintln!("rhythm: the room could not open on {listen} (the window says why)"),
    }
}
