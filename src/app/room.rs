//! The room in the window (issue 11): opening and closing it, applying
//! what phones send each frame, publishing the session back, the join
//! panel and the "● Room open · N joined" indicator.
//!
//! Closing never freezes the window and loses nothing (issue 17): the room
//! is told to close, and for the next frames (a few seconds at most) what
//! phones sent before they answered the Close is still applied, while the
//! indicator says "Closing the room…". Only then does what waited on it go
//! on: opening another file, a new session, quitting (each asking about
//! unsaved changes as usual), or, after a signal, the recovery copy.
//!
//! The server runs on its own thread ([`crate::room::RoomHandle`]); its
//! requests wait until this window applies them, on the UI thread, through
//! the same [`Document::apply`](super::Document::apply) as the window's own
//! edits. A phone's message wakes the window with `request_repaint`.

use std::net::SocketAddr;
use std::sync::Arc;

use egui::RichText;

use super::{AfterConfirm, Command, RhythmApp};
use crate::room::net::Candidate;
use crate::room::{RoomConfig, RoomEvent, RoomHandle, RoomInfo};
use crate::ui::room_panel::{self, RoomAction, RoomPanel, RoomView};
use crate::ui::theme;

/// How often a closing room is looked at while nothing else wakes the
/// window.
const CLOSING_POLL: std::time::Duration = std::time::Duration::from_millis(50);

/// What waits for a closing room to have stopped.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum AfterRoom {
    /// This, as if asked now (with the unsaved-changes question).
    Then(AfterConfirm),
    /// The process was told to end (SIGTERM, Ctrl+C): write the recovery
    /// copy and close the window without asking.
    Terminate,
}

/// The room as the window holds it: closed until the facilitator opens it.
#[derive(Default)]
pub(super) struct RoomState {
    /// The open room; dropping it closes the room.
    handle: Option<RoomHandle>,
    /// A room being closed: what its phones still send is applied each
    /// frame until it has stopped.
    closing: Option<RoomHandle>,
    /// What to do once the closing room has stopped.
    after_close: Option<AfterRoom>,
    /// The window's context, to ask for frames while a room closes.
    repaint: Option<egui::Context>,
    /// Set by the signal watcher ([`watch_signals`]) on SIGTERM / Ctrl+C.
    signalled: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// The join panel's own state (QR texture, confirmations).
    panel: RoomPanel,
    /// Whether the join panel is shown.
    pub(super) shown: bool,
    /// Why the room could not open, shown in the panel.
    error: Option<String>,
    /// The laptop's networks, best first: listed when the join screen
    /// first shows and on "Look again" (the view does no I/O).
    candidates: Option<Vec<Candidate>>,
}

impl RoomState {
    /// Whether a room is open.
    pub(super) fn is_open(&self) -> bool {
        self.handle.is_some()
    }

    /// Whether a room is open or still closing.
    pub(super) fn is_busy(&self) -> bool {
        self.handle.is_some() || self.closing.is_some()
    }
}

impl RhythmApp {
    /// The open room's join URL and code, if a room is open.
    pub fn room_info(&self) -> Option<&RoomInfo> {
        self.room.handle.as_ref().map(RoomHandle::info)
    }

    /// Open the room on `listen` (port 0: a free port), closing the one
    /// open before (its URL and code change). Phones then follow the step
    /// the window shows. A room that cannot open says why in the status
    /// bar and in the join panel, which shows.
    pub fn open_room(&mut self, ctx: &egui::Context, listen: SocketAddr) {
        self.close_room();
        self.room.repaint = Some(ctx.clone());
        let repaint = ctx.clone();
        let wake = Arc::new(move || repaint.request_repaint());
        let config = RoomConfig {
            listen,
            handle_signals: false,
        };
        let focus = Some(room_panel::focus_of(self.workshop.step));
        match RoomHandle::open(config, self.doc.session(), focus, wake) {
            Ok(handle) => {
                self.say(format!("Room open: {}", handle.info().typed_url));
                self.room.handle = Some(handle);
                self.room.error = None;
                self.room.shown = true;
            }
            Err(err) => {
                let text = err.to_string();
                self.fail(format!("The room could not open: {text}"));
                self.room.error = Some(text);
                self.room.shown = true;
            }
        }
    }

    /// Open the room on the best network the laptop is on.
    pub(super) fn open_room_on_best_network(&mut self, ctx: &egui::Context) {
        match crate::room::default_listen() {
            Ok(listen) => self.open_room(ctx, listen),
            Err(err) => self.room_failed(err.to_string()),
        }
    }

    /// The room could not open: say why in the status bar and in the join
    /// panel, which shows.
    pub(super) fn room_failed(&mut self, why: String) {
        self.fail(format!("The room could not open: {why}"));
        self.room.error = Some(why);
        self.room.shown = true;
    }

    /// Start closing the room, telling the phones; nothing happens when
    /// none is open. What they still send is applied over the next frames
    /// ([`RhythmApp::pump_room`]).
    pub(super) fn close_room(&mut self) {
        let Some(mut handle) = self.room.handle.take() else {
            return;
        };
        // A room closed before this one still closing: finish it first.
        if let Some(older) = self.room.closing.take() {
            self.finish_room(older);
        }
        handle.begin_close();
        self.room.closing = Some(handle);
        self.say("Closing the room…");
    }

    /// Close the room and then do `after`, once the phones' last messages
    /// are in the session (the next frames); at the next frame when no
    /// room is open.
    pub(super) fn close_room_then(&mut self, after: AfterRoom) {
        self.close_room();
        self.room.after_close = Some(after);
        if let Some(ctx) = &self.room.repaint {
            ctx.request_repaint();
        }
    }

    /// Close the room (if any) now, waiting for it (a few seconds at most)
    /// and applying the phones' last messages: where the window cannot
    /// wait frames (the document is about to be replaced without asking,
    /// the app is exiting).
    pub(super) fn close_room_now(&mut self) {
        self.close_room();
        if let Some(closing) = self.room.closing.take() {
            let events = closing.close_into(&mut self.doc);
            self.room_events(events);
        }
    }

    fn finish_room(&mut self, closing: RoomHandle) {
        let events = closing.finish_close(&mut self.doc);
        self.room_events(events);
    }

    /// End the process gracefully on SIGTERM and Ctrl+C (a second one
    /// ends it at once): the room closes and takes the phones' last
    /// messages, unsaved changes go into a recovery copy (offered at the
    /// next start), then the window closes.
    pub fn watch_signals(&mut self, ctx: &egui::Context) {
        self.room.repaint.get_or_insert_with(|| ctx.clone());
        watch_signals(ctx.clone(), std::sync::Arc::clone(&self.room.signalled));
    }

    /// Apply what phones sent since the last frame (each its own undo step,
    /// credited to its participant) and say who joined; finish closing a
    /// room that has stopped, and go on with what waited for it.
    pub(super) fn pump_room(&mut self, ctx: &egui::Context) {
        if self
            .room
            .signalled
            .swap(false, std::sync::atomic::Ordering::SeqCst)
        {
            self.close_room_then(AfterRoom::Terminate);
        }
        if let Some(handle) = &mut self.room.handle {
            let events = handle.pump(&mut self.doc);
            self.room_events(events);
        }
        let Some(closing) = &mut self.room.closing else {
            // Nothing to wait for (any more).
            if let Some(after) = self.room.after_close.take() {
                self.after_room(ctx, after);
            }
            return;
        };
        let events = closing.pump(&mut self.doc);
        let stopped = closing.has_stopped();
        self.room_events(events);
        if !stopped {
            ctx.request_repaint_after(CLOSING_POLL);
            return;
        }
        if let Some(closing) = self.room.closing.take() {
            self.finish_room(closing);
        }
        self.say("Room closed: everything phones sent is in the session");
        if let Some(after) = self.room.after_close.take() {
            self.after_room(ctx, after);
        }
    }

    fn after_room(&mut self, ctx: &egui::Context, after: AfterRoom) {
        match after {
            AfterRoom::Then(action) => self.guarded(ctx, action),
            AfterRoom::Terminate => {
                match self.recovery.exit_keeping(&self.doc) {
                    Ok(Some(copy)) => tracing::warn!(
                        "ended by a signal: unsaved changes are in {} (offered at the next start)",
                        copy.display()
                    ),
                    Ok(None) => {}
                    Err(err) => tracing::error!("ended by a signal: {err}"),
                }
                self.files.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn room_events(&mut self, events: Vec<RoomEvent>) {
        for event in events {
            match event {
                RoomEvent::Joined { name, new, .. } => {
                    self.say(if new {
                        format!("{name} joined the room")
                    } else {
                        format!("{name} is back in the room")
                    });
                }
                RoomEvent::Waiting { name, .. } => {
                    self.say(format!(
                        "{name} wants to join as the listed participant: Accept or Refuse on the wall"
                    ));
                }
                RoomEvent::Refused { error, .. } => {
                    tracing::info!("room: refused a phone's request: {error}");
                }
                RoomEvent::Applied { .. } => {}
            }
        }
    }

    /// Send the session and the step to the phones (cheap when nothing
    /// changed): after this frame's edits are applied.
    pub(super) fn publish_room(&mut self) {
        if let Some(handle) = &mut self.room.handle {
            let focus = Some(room_panel::focus_of(self.workshop.step));
            handle.publish(&self.doc, focus);
        }
    }

    /// "● Room open · N joined" while a room is open; a click shows the
    /// join panel.
    pub(super) fn room_indicator_ui(&mut self, ui: &mut egui::Ui) {
        if self.room.closing.is_some() && self.room.handle.is_none() {
            ui.label(
                RichText::new("Closing the room…")
                    .strong()
                    .color(theme::INK_SOFT),
            )
            .on_hover_text("Taking what phones sent before they were told");
            return;
        }
        let Some(handle) = &self.room.handle else {
            return;
        };
        let roster = handle.roster(self.doc.session());
        let locked = handle.is_locked();
        let text = room_panel::indicator(&roster, locked, self.presentation.projector);
        let button = egui::Button::new(RichText::new(text).strong().color(theme::GOOD_INK));
        let hover = if locked {
            "The room is open and locked: nobody new can join. Show the join panel (F4)"
        } else {
            "The room is open. Show the join panel (F4)"
        };
        if ui.add(button).on_hover_text(hover).clicked() {
            self.room.shown = true;
        }
    }

    /// `show` the join screen's panel with what it shows now (the open
    /// room, the session's hidden counts, the networks found once).
    fn with_room_view<R>(&mut self, show: impl FnOnce(&mut RoomPanel, &RoomView<'_>) -> R) -> R {
        let (roster, waiting) = self.room_view_parts();
        let room = &mut self.room;
        let candidates = room
            .candidates
            .get_or_insert_with(crate::room::net::candidates);
        let view = RoomView {
            info: room.handle.as_ref().map(RoomHandle::info),
            roster: &roster,
            waiting: &waiting,
            locked: room.handle.as_ref().is_some_and(RoomHandle::is_locked),
            hidden: self.doc.session().hidden_counts(),
            error: room.error.as_deref(),
            candidates,
        };
        show(&mut room.panel, &view)
    }

    /// What the join screen shows, from the open room and the session.
    fn room_view_parts(
        &mut self,
    ) -> (Vec<crate::room::RosterEntry>, Vec<crate::room::WaitingJoin>) {
        let session = self.doc.session();
        match &self.room.handle {
            Some(h) => (h.roster(session), h.waiting()),
            None => (Vec::new(), Vec::new()),
        }
    }

    /// The join screen in a window (normal mode), when shown, and what the
    /// facilitator asked for in it. In projector mode it takes the board's
    /// place instead ([`RhythmApp::room_wall_ui`]).
    pub(super) fn room_window_ui(&mut self, ctx: &egui::Context) {
        if !self.room.shown || self.presentation.projector {
            return;
        }
        let mut open = true;
        let mut actions = Vec::new();
        egui::Window::new("The room: join from your phone")
            .id(egui::Id::unique("room"))
            .open(&mut open)
            .default_pos([80.0, 90.0])
            .resizable(false)
            .vscroll(true)
            .show(ctx, |ui| {
                actions = self.with_room_view(|panel, view| panel.window_ui(ui, view));
            });
        self.room.shown = open;
        for action in actions {
            self.room_action(ctx, action);
        }
    }

    /// Whether the join screen takes the board's place (projector mode).
    pub(super) fn room_on_the_wall(&self) -> bool {
        self.room.shown && self.presentation.projector
    }

    /// The join screen on the wall, in the whole area of `ui` (projector
    /// mode), and what the facilitator asked for on it.
    pub(super) fn room_wall_ui(&mut self, ui: &mut egui::Ui) {
        let actions = self.with_room_view(|panel, view| panel.wall_ui(ui, view));
        let ctx = ui.ctx().clone();
        for action in actions {
            self.room_action(&ctx, action);
        }
    }

    /// While the join screen is folded away, a phone waiting for the
    /// facilitator's yes shows over the board (both modes): the room sees
    /// the request, and the facilitator answers it there.
    pub(super) fn waiting_notice_ui(&mut self, ctx: &egui::Context) {
        if self.room.shown || self.room.handle.is_none() {
            return;
        }
        let (_, waiting) = self.room_view_parts();
        if waiting.is_empty() {
            return;
        }
        let mut actions = Vec::new();
        egui::Area::new(egui::Id::unique("room waiting notice"))
            .anchor(egui::Align2::CENTER_TOP, [0.0, 70.0])
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                room_panel::waiting_list_ui(ui, &waiting, &mut actions);
            });
        for action in actions {
            self.room_action(ctx, action);
        }
    }

    /// Reveal buttons for what phones sent hidden ("Reveal 7 pain points
    /// written by 5 people"), above the live score while anything is
    /// hidden: the room sees only these counts until then.
    pub(super) fn hidden_ui(&mut self, ui: &mut egui::Ui) {
        let counts = self.doc.session().hidden_counts();
        if counts.pain_points == 0 && counts.scores_hidden == 0 {
            return;
        }
        ui.label(RichText::new("Hidden until revealed").strong());
        let mut actions = Vec::new();
        room_panel::hidden_ui(ui, counts, &mut actions);
        ui.separator();
        let ctx = ui.ctx().clone();
        for action in actions {
            self.room_action(&ctx, action);
        }
    }

    fn room_action(&mut self, ctx: &egui::Context, action: RoomAction) {
        let session = self.doc.session();
        match action {
            RoomAction::Open(listen) => self.open_room(ctx, listen),
            RoomAction::Close => self.close_room(),
            RoomAction::Lock(locked) => {
                if let Some(handle) = &mut self.room.handle {
                    handle.set_locked(locked);
                    self.say(if locked {
                        "Room locked: nobody new can join"
                    } else {
                        "Room unlocked"
                    });
                }
            }
            RoomAction::Remove(id) => {
                if let Some(handle) = &mut self.room.handle {
                    handle.remove(id);
                    self.say(format!("{} left the room", session.author_name(Some(id))));
                }
            }
            RoomAction::UndoEverything(id) => {
                let name = session.author_name(Some(id));
                let undo = self
                    .room
                    .handle
                    .as_ref()
                    .and_then(|h| h.undo_everything(session, id));
                match undo {
                    Some(edit) => {
                        if self.apply(edit).is_some() {
                            self.say(format!(
                                "Undid everything {name} did (Ctrl+Z brings it back)"
                            ));
                        }
                    }
                    None => self.say(format!("Nothing of {name}'s is left to undo")),
                }
            }
            RoomAction::RevealPainPoints => self.run_command(ctx, Command::RevealPainPoints),
            RoomAction::RevealScores => self.run_command(ctx, Command::RevealScores),
            RoomAction::Admit(ticket, accept) => {
                let event = self
                    .room
                    .handle
                    .as_mut()
                    .and_then(|h| h.admit(session, ticket, accept));
                match event {
                    Some(RoomEvent::Joined { name, .. }) => {
                        self.say(format!("{name} is in the room"));
                    }
                    Some(_) => self.say("Sent away: they can join with their own name"),
                    None => self.say("That phone has left"),
                }
            }
            RoomAction::LookAgain => {
                self.room.candidates = Some(crate::room::net::candidates());
            }
            RoomAction::Hide => self.room.shown = false,
        }
        ctx.request_repaint();
    }
}

/// A thread that sets `flag` and wakes the window on SIGTERM or SIGINT;
/// a second signal ends the process at once (exit status 130).
#[cfg(unix)]
fn watch_signals(ctx: egui::Context, flag: std::sync::Arc<std::sync::atomic::AtomicBool>) {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = match signal_hook::iterator::Signals::new([SIGTERM, SIGINT]) {
        Ok(signals) => signals,
        Err(err) => {
            tracing::warn!("cannot watch for SIGTERM and Ctrl+C: {err}");
            return;
        }
    };
    let spawned = std::thread::Builder::new()
        .name("signals".to_owned())
        .spawn(move || {
            let mut seen = false;
            for _ in signals.forever() {
                if seen {
                    std::process::exit(130);
                }
                seen = true;
                flag.store(true, std::sync::atomic::Ordering::SeqCst);
                ctx.request_repaint();
            }
        });
    if let Err(err) = spawned {
        tracing::warn!("cannot watch for SIGTERM and Ctrl+C: {err}");
    }
}

/// Signals are not watched on this platform.
#[cfg(not(unix))]
fn watch_signals(_ctx: egui::Context, _flag: std::sync::Arc<std::sync::atomic::AtomicBool>) {}
