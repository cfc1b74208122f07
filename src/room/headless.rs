//! `rhythm room PATH [--listen ADDR:PORT]`: the room without a window.
//! Prints the join URL (with its key) as the first line of stdout and the
//! short code as the second, applies participants' edits to the session
//! through the same undo history as the window, writes a recovery copy
//! beside the file at most [`AUTOSAVE_AFTER`](crate::document::AUTOSAVE_AFTER) after a change (the window's
//! own [`Autosave`]), and on Ctrl+C or SIGTERM closes the room (applying
//! everything phones sent before they answered the room's Close) and
//! saves the file atomically. How CI and scripts drive the room, and how a
//! facilitator collects input with the lid half closed.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use super::{RoomConfig, RoomEvent, RoomHandle, default_listen};
use crate::document::{Autosave, AutosaveStep, Document};
use crate::model::Session;
use crate::store;

/// How often the loop looks at the clock and the signal flag when no phone
/// speaks.
const TICK: Duration = Duration::from_millis(250);

/// What a headless room did, for its last words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Participants in the saved session.
    pub participants: usize,
    /// Pain points in the saved session.
    pub pain_points: usize,
    /// Edits applied from phones.
    pub edits: usize,
}

/// Run the room on the session file `path` (a missing file starts a new
/// session there) until Ctrl+C or SIGTERM, then save it.
///
/// # Errors
/// When the file cannot be read, the room cannot open, or the final save
/// fails (the recovery copy then stays).
pub fn run(path: &Path, listen: Option<SocketAddr>) -> anyhow::Result<Summary> {
    let session = if path.exists() {
        let loaded = store::read(path).map_err(|e| anyhow::anyhow!(e.with_path(path)))?;
        for repair in &loaded.repairs {
            eprintln!("{}", repair.with_path(path));
        }
        loaded.session
    } else {
        eprintln!(
            "{}: new session (the file is written on exit)",
            path.display()
        );
        Session::default()
    };
    // The room holds the file as a window does: no second window (or
    // room) writes it meanwhile.
    let mut doc = Document::open(session, path.to_owned())?;
    let (wake_tx, wake_rx) = mpsc::sync_channel::<()>(1);
    let waker: super::Waker = Arc::new(move || {
        let _full_or_gone = wake_tx.try_send(());
    });
    let waker_for_room = waker.clone();
    let listen = match listen {
        Some(addr) => addr,
        None => default_listen()?,
    };
    let config = RoomConfig {
        listen,
        handle_signals: true,
    };
    let mut room = RoomHandle::open(config, doc.session(), None, waker_for_room)
        .with_context(|| format!("cannot open the room on {listen}"))?;
    {
        let info = room.info();
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", info.url)?;
        writeln!(out, "{}", info.code)?;
        out.flush()?;
        // The QR code for the wall, when the laptop shows this terminal.
        match super::qr::terminal_text(&info.url) {
            Ok(qr) => eprintln!("{qr}"),
            Err(err) => tracing::warn!("no QR code for the terminal: {err}"),
        }
        eprintln!(
            "Room open: scan the QR code above, or open {} and type the code {}. \
             Ctrl+C saves {} and closes the room.",
            info.typed_url,
            info.code,
            path.display()
        );
    }
    // Copies beside the file only (no data folder): the file's folder is
    // where the facilitator looks.
    let mut autosave = Autosave::new(None);
    autosave.follow_from(&doc);
    let mut edits = 0;
    let count = |events: &[RoomEvent]| {
        events
            .iter()
            .filter(|e| {
                matches!(
                    e,
                    RoomEvent::Applied { .. } | RoomEvent::Joined { new: true, .. }
                )
            })
            .count()
    };
    let mut wake_at: Option<Instant> = None;
    while !room.signalled() {
        let timeout = wake_at.map_or(TICK, |at| {
            at.saturating_duration_since(Instant::now()).min(TICK)
        });
        let _woken = wake_rx.recv_timeout(timeout);
        let events = room.pump(&mut doc);
        edits += count(&events);
        for event in &events {
            tracing::info!("room: {event:?}");
        }
        let notify = waker.clone();
        wake_at = match autosave.step(&doc, Instant::now(), Box::new(move || notify())) {
            AutosaveStep::Idle => None,
            AutosaveStep::WakeAt(at) => Some(at),
            AutosaveStep::Failed(text) => {
                eprintln!("rhythm: {text}");
                None
            }
        };
    }
    // What phones sent before they answered the room's Close is applied
    // before the file is written.
    let events = room.close_into(&mut doc);
    edits += count(&events);
    store::save(path, doc.session()).with_context(|| format!("cannot save {}", path.display()))?;
    if let Some(failed) = autosave.discard() {
        eprintln!("rhythm: {failed}");
    }
    let session = doc.session();
    let summary = Summary {
        participants: session.participants.len(),
        pain_points: session.pain_points.len(),
        edits,
    };
    eprintln!(
        "Saved {}: {} participants, {} pain points, {} edits from phones.",
        path.display(),
        summary.participants,
        summary.pain_points,
        summary.edits
    );
    Ok(summary)
}
