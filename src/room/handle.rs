//! The app's side of an open room: start the server on its own thread,
//! apply what phones ask (on the app's thread, through the same edit path
//! as the window's own edits), publish the session back to the phones,
//! and the facilitator's controls (lock, remove, undo a participant).

use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::{oneshot, watch};

use super::guard;
use super::listen::{self, Limits};
use super::net;
use super::protocol::ServerMsg;
use super::server::{self, Request, Server, Waker, lock};
use super::state::{Direct, OpOutcome, Room};
use super::to_edit;
use super::view::{Focus, Published};
use crate::model::{Edit, EditError, EntityKind, Id, Question, ScoreSet, Session};

/// Most phone requests applied in one [`RoomHandle::pump`] (the rest wait
/// for the next frame, so a flood cannot stall the window).
const PUMP_MAX: usize = 2_000;
/// How long closing waits for the phones' connections to end (each gets
/// two seconds to answer the room's Close, after its last messages).
const CLOSE_GRACE: Duration = Duration::from_secs(4);
/// How often the blocking close looks at the phones' last messages.
const CLOSE_POLL: Duration = Duration::from_millis(10);

/// Where the room listens, and whether it stops on Ctrl+C / SIGTERM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoomConfig {
    /// One interface's address (never 0.0.0.0 or ::); port 0 picks a free
    /// port.
    pub listen: SocketAddr,
    /// Watch for Ctrl+C and SIGTERM (the headless room):
    /// [`RoomHandle::signalled`] turns true and the waker is called.
    pub handle_signals: bool,
}

/// Why a room could not open.
#[derive(Debug, thiserror::Error)]
pub enum RoomError {
    /// The address is 0.0.0.0 or ::, which would listen on every network.
    #[error(
        "listen on one interface's address (e.g. 192.168.1.20:0), not {0}: the room must not be on every network"
    )]
    Unspecified(SocketAddr),
    /// No network interface a phone could reach.
    #[error(
        "no network to open the room on: connect to the room's Wi-Fi (or your phone's hotspot), or give --listen ADDR:PORT"
    )]
    NoNetwork,
    /// The address could not be bound (taken, not this machine's).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The async runtime could not start.
    #[error("cannot start the room's server: {0}")]
    Runtime(std::io::Error),
    /// The operating system gave no random numbers for the keys.
    #[error("no random source for the room's key: {0}")]
    Random(getrandom::Error),
}

/// The session, as the room's edits reach it: the window's open document,
/// or the headless runner's.
pub trait RoomTarget {
    /// The session as it is now.
    fn session(&self) -> &Session;
    /// Counts changes: differs from one change to the next.
    fn revision(&self) -> u64;
    /// The ids of every entity changed after `revision`; `None` when that
    /// is not known (anything may have changed).
    fn touched_since(&self, revision: u64) -> Option<Vec<Id>>;
    /// Apply one phone's edit as its own undo step (credited to the
    /// participant inside the edit): the entities it created, with the ids
    /// the model gave them. On error nothing changes.
    ///
    /// # Errors
    /// As [`crate::model::apply`].
    fn apply_edit(&mut self, edit: Edit) -> Result<Vec<(EntityKind, Id)>, EditError>;
}

impl RoomTarget for crate::document::Document {
    fn session(&self) -> &Session {
        crate::document::Document::session(self)
    }

    fn revision(&self) -> u64 {
        crate::document::Document::revision(self)
    }

    fn touched_since(&self, revision: u64) -> Option<Vec<Id>> {
        crate::document::Document::touched_since(self, revision)
    }

    fn apply_edit(&mut self, edit: Edit) -> Result<Vec<(EntityKind, Id)>, EditError> {
        // Sealed on both sides: a phone's edit never merges with the
        // facilitator's gesture, nor with another phone's.
        self.seal();
        let applied = self.apply(edit);
        self.seal();
        applied
    }
}

/// Something that happened in the room, for the status bar.
#[derive(Clone, Debug, PartialEq)]
pub enum RoomEvent {
    /// A participant joined (`new`: added to the session).
    Joined {
        /// Who.
        participant: Id,
        /// Their name.
        name: String,
        /// Added to the session by joining.
        new: bool,
    },
    /// A phone asks to join as a participant already in the session: it
    /// waits for the facilitator's yes ([`RoomHandle::admit`]).
    Waiting {
        /// The listed participant.
        participant: Id,
        /// Their name.
        name: String,
    },
    /// A participant's edit was applied.
    Applied {
        /// Who.
        participant: Id,
    },
    /// A phone's request was refused (nothing changed).
    Refused {
        /// Who, once joined.
        participant: Option<Id>,
        /// Why (the phone is told this text).
        error: Refused,
    },
}

/// Why a phone's request was refused; the text is what the phone is told.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Refused {
    /// The action names something gone or not the phone's to see.
    #[error(transparent)]
    Action(#[from] to_edit::ActionError),
    /// The model refused the edit (its own checks).
    #[error(transparent)]
    Edit(#[from] EditError),
    /// The phone's participant is no longer in the room.
    #[error("you are not in the room")]
    NotInRoom,
    /// Joining is not possible now (locked, full, closed, removed, not let
    /// in).
    #[error(transparent)]
    Join(#[from] super::state::JoinError),
    /// Joining added no participant (the session refused it silently).
    #[error("the room could not add you")]
    NotAdded,
    /// The system gave no random numbers for a key.
    #[error("the room cannot make a key: {0}")]
    NoKey(getrandom::Error),
}

/// One participant in the join panel's list.
#[derive(Clone, Debug, PartialEq)]
pub struct RosterEntry {
    /// Their id.
    pub id: Id,
    /// Their name.
    pub name: String,
    /// Their colour, sRGB.
    pub colour: [u8; 3],
    /// A phone of theirs is connected now.
    pub connected: bool,
    /// They scored at least one question.
    pub scoring_started: bool,
    /// They scored all eight (both sets, four questions).
    pub finished_scoring: bool,
}

/// The join URL and code, as shown on the projector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomInfo {
    /// Where the server listens.
    pub addr: SocketAddr,
    /// The URL with the room key (the QR code's content).
    pub url: String,
    /// The URL to type, without the key (the page then asks for the code).
    pub typed_url: String,
    /// The short code, six digits.
    pub code: String,
}

/// An open room. Dropping it closes the room.
pub struct RoomHandle {
    info: RoomInfo,
    room: Arc<Mutex<Room>>,
    requests: mpsc::Receiver<Request>,
    views: watch::Sender<Arc<Published>>,
    last: Arc<Published>,
    signalled: Arc<AtomicBool>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for RoomHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoomHandle")
            .field("info", &self.info)
            .finish()
    }
}

/// The best address to offer phones, with port 0 (a free port).
///
/// # Errors
/// [`RoomError::NoNetwork`] when no interface qualifies.
pub fn default_listen() -> Result<SocketAddr, RoomError> {
    net::candidates()
        .first()
        .map(|c| SocketAddr::new(c.ip, 0))
        .ok_or(RoomError::NoNetwork)
}

impl RoomHandle {
    /// Open a room on `config.listen` for `session`: the server runs on its
    /// own thread; `wake` is called whenever a phone's request waits for
    /// [`RoomHandle::pump`].
    ///
    /// # Errors
    /// [`RoomError`] saying what to do.
    pub fn open(
        config: RoomConfig,
        session: &Session,
        focus: Option<Focus>,
        wake: Waker,
    ) -> Result<Self, RoomError> {
        if config.listen.ip().is_unspecified() {
            return Err(RoomError::Unspecified(config.listen));
        }
        let listener = TcpListener::bind(config.listen).map_err(|source| RoomError::Bind {
            addr: config.listen,
            source,
        })?;
        let bind_error = |source| RoomError::Bind {
            addr: config.listen,
            source,
        };
        listener.set_nonblocking(true).map_err(bind_error)?;
        let addr = listener.local_addr().map_err(bind_error)?;
        let token = guard::random_key().map_err(RoomError::Random)?;
        let code = guard::random_code().map_err(RoomError::Random)?;
        let host = addr.to_string().to_ascii_lowercase();
        let mut hosts = vec![host.clone()];
        if addr.ip().is_loopback() {
            hosts.push(format!("localhost:{}", addr.port()));
        }
        let info = RoomInfo {
            addr,
            url: format!("http://{host}/#{token}"),
            typed_url: format!("http://{host}"),
            code: code.clone(),
        };
        let room = Arc::new(Mutex::new(Room::new(code)));
        let first = Arc::new(Published::first(session, None, focus, false));
        let (views, views_rx) = watch::channel(first.clone());
        let (requests_tx, requests) = mpsc::channel();
        let live = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let server = Arc::new(Server {
            room: room.clone(),
            token,
            hosts,
            requests: requests_tx,
            wake: wake.clone(),
            views: views_rx,
            live: Arc::clone(&live),
        });
        // Caps on connections, sized from the descriptor limit (raised to
        // the hard limit first): a hostile laptop cannot use them all up.
        let limits = Limits::from_fd_limit();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("rhythm-room")
            .enable_all()
            .build()
            .map_err(RoomError::Runtime)?;
        let (shutdown, shutdown_rx) = oneshot::channel::<()>();
        let signalled = Arc::new(AtomicBool::new(false));
        let thread = std::thread::Builder::new()
            .name("rhythm-room".to_owned())
            .spawn({
                let signalled = signalled.clone();
                let live = live.clone();
                move || {
                    serve(
                        runtime,
                        listener,
                        server,
                        shutdown_rx,
                        config,
                        signalled,
                        wake,
                        &live,
                        limits,
                    )
                }
            })
            .map_err(RoomError::Runtime)?;
        Ok(Self {
            info,
            room,
            requests,
            views,
            last: first,
            signalled,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// The join URL, the URL to type and the short code.
    pub fn info(&self) -> &RoomInfo {
        &self.info
    }

    /// Whether Ctrl+C or SIGTERM arrived (only with
    /// [`RoomConfig::handle_signals`]).
    pub fn signalled(&self) -> bool {
        self.signalled.load(Ordering::SeqCst)
    }

    /// Apply what phones asked since the last call, each as its own undo
    /// step credited to its participant, then publish the session to the
    /// phones and answer them. Call it every frame (it returns at once when
    /// nothing waits) and whenever the waker fired.
    pub fn pump(&mut self, target: &mut dyn RoomTarget) -> Vec<RoomEvent> {
        let mut events = Vec::new();
        let mut replies: Vec<(u64, Direct)> = Vec::new();
        for _ in 0..PUMP_MAX {
            let Ok(request) = self.requests.try_recv() else {
                break;
            };
            match request {
                Request::Join { conn, name } => {
                    let reply = self.join(target, conn, &name, &mut events);
                    replies.push((conn, reply));
                }
                Request::Act {
                    conn,
                    participant,
                    op,
                    action,
                } => {
                    let mut room = lock(&self.room);
                    let applied = if room.members().any(|(id, _)| id == participant) {
                        to_edit::to_edit(target.session(), participant, &action)
                            .map_err(Refused::from)
                            .and_then(|t| {
                                let created = target.apply_edit(t.edit.clone())?;
                                Ok(t.done(&created))
                            })
                    } else {
                        Err(Refused::NotInRoom)
                    };
                    let msg = match applied {
                        Ok(done) => {
                            room.finish_op(participant, op, OpOutcome::Applied, done);
                            events.push(RoomEvent::Applied { participant });
                            ServerMsg::Ack { op, again: false }
                        }
                        Err(refused) => {
                            let error = refused.to_string();
                            room.finish_op(
                                participant,
                                op,
                                OpOutcome::Refused(error.clone()),
                                None,
                            );
                            events.push(RoomEvent::Refused {
                                participant: Some(participant),
                                error: refused,
                            });
                            ServerMsg::Refused { op, error }
                        }
                    };
                    replies.push((conn, Direct::Send(msg)));
                }
            }
        }
        if !replies.is_empty() {
            let focus = self.last.focus;
            self.publish(target, focus);
            let mut room = lock(&self.room);
            for (conn, reply) in replies {
                room.send(conn, reply);
            }
        }
        events
    }

    fn join(
        &self,
        target: &mut dyn RoomTarget,
        conn: u64,
        name: &str,
        events: &mut Vec<RoomEvent>,
    ) -> Direct {
        let refuse = |refused: Refused, events: &mut Vec<RoomEvent>| {
            let error = refused.to_string();
            events.push(RoomEvent::Refused {
                participant: None,
                error: refused,
            });
            Direct::Send(ServerMsg::Error { error })
        };
        let mut room = lock(&self.room);
        if let Err(err) = room.may_join() {
            return refuse(err.into(), events);
        }
        let existing = to_edit::participant_named(target.session(), name);
        let participant = match existing {
            Some(id) => {
                // A listed name needs the facilitator's yes: until then the
                // phone gets nothing of that participant's (issue 17).
                let shown = target
                    .session()
                    .participant(id)
                    .map_or_else(|| name.to_owned(), |p| p.name.clone());
                if let Err(err) = room.may_claim(id, &shown) {
                    return refuse(err.into(), events);
                }
                room.wait(conn, id, &shown);
                events.push(RoomEvent::Waiting {
                    participant: id,
                    name: shown.clone(),
                });
                return Direct::Send(ServerMsg::Waiting {
                    reason: format!(
                        "{shown} is already on the list: the facilitator lets you in as {shown} on the wall."
                    ),
                    name: shown,
                });
            }
            None => {
                let edit = to_edit::join_edit(target.session(), name);
                let created = match target.apply_edit(edit) {
                    Ok(created) => created,
                    Err(err) => return refuse(err.into(), events),
                };
                let Some(&(_, id)) = created
                    .iter()
                    .find(|(kind, _)| *kind == EntityKind::Participant)
                else {
                    return refuse(Refused::NotAdded, events);
                };
                id
            }
        };
        let key = match guard::random_key() {
            Ok(key) => key,
            Err(err) => return refuse(Refused::NoKey(err), events),
        };
        room.claim(conn, participant, key.clone());
        events.push(RoomEvent::Joined {
            participant,
            name: name.to_owned(),
            new: true,
        });
        Direct::Welcome { participant, key }
    }

    /// The phones waiting for the facilitator's yes to join under a listed
    /// name, oldest first.
    pub fn waiting(&self) -> Vec<super::WaitingJoin> {
        lock(&self.room).waiting()
    }

    /// Let the phone of `ticket` in as its listed participant (`accept`),
    /// or tell it to join with its own name. What happened, for the status
    /// bar; `None` when the phone has gone meanwhile.
    pub fn admit(&mut self, session: &Session, ticket: u64, accept: bool) -> Option<RoomEvent> {
        let mut room = lock(&self.room);
        if !accept {
            let (conn, name) = room.refuse(ticket)?;
            let refused = super::state::JoinError::NotAdmitted(name);
            room.send(
                conn,
                Direct::Send(ServerMsg::Error {
                    error: refused.to_string(),
                }),
            );
            return Some(RoomEvent::Refused {
                participant: None,
                error: refused.into(),
            });
        }
        let key = match guard::random_key() {
            Ok(key) => key,
            Err(err) => {
                tracing::error!("the room cannot make a key: {err}");
                return None;
            }
        };
        let (conn, participant, key) = room.admit(ticket, key)?;
        room.send(conn, Direct::Welcome { participant, key });
        let name = session
            .participant(participant)
            .map_or_else(String::new, |p| p.name.clone());
        Some(RoomEvent::Joined {
            participant,
            name,
            new: false,
        })
    }

    /// Send the session of `target` (after edits were applied, in the
    /// window or by [`RoomHandle::pump`]) and the facilitator's step to the
    /// phones. Cheap when nothing changed (the revision is compared, not the
    /// session), and when something did it costs what changed, not the
    /// session's size: call it every frame.
    pub fn publish(&mut self, target: &dyn RoomTarget, focus: Option<Focus>) {
        let locked = lock(&self.room).is_locked();
        let revision = target.revision();
        if self.last.focus == focus
            && self.last.locked == locked
            && self.last.revision == Some(revision)
        {
            return;
        }
        let touched = self.last.revision.and_then(|r| target.touched_since(r));
        let published = Arc::new(self.last.next(
            target.session(),
            revision,
            touched.as_deref(),
            focus,
            locked,
        ));
        self.views.send_replace(published.clone());
        self.last = published;
    }

    /// Whether new participants are refused.
    pub fn is_locked(&self) -> bool {
        lock(&self.room).is_locked()
    }

    /// Lock the room (no new joiners, the short code stops working) or
    /// open it again. Phones already in stay; they see it at the next [`RoomHandle::publish`].
    pub fn set_locked(&mut self, locked: bool) {
        lock(&self.room).set_locked(locked);
    }

    /// Remove a participant from the room: their phones are disconnected
    /// and told so, their key stops working, and their name cannot join
    /// again. What they did stays in the session: see
    /// [`RoomHandle::undo_everything`].
    pub fn remove(&mut self, participant: Id) {
        lock(&self.room).remove(participant);
    }

    /// The edit that undoes everything `participant` did from a phone (one
    /// undo step), against `session` as it is now; `None` when nothing is
    /// left to undo. Apply it like any edit.
    pub fn undo_everything(&self, session: &Session, participant: Id) -> Option<Edit> {
        let room = lock(&self.room);
        to_edit::undo_all(session, participant, room.done_by(participant))
    }

    /// Who joined from a phone, in join order of their ids, with whether a
    /// phone of theirs is connected and how far they are with scoring.
    pub fn roster(&self, session: &Session) -> Vec<RosterEntry> {
        let room = lock(&self.room);
        room.members()
            .filter_map(|(id, connections)| {
                let p = session.participant(id)?;
                let answered = ScoreSet::ALL
                    .iter()
                    .flat_map(|&set| Question::ALL.map(move |q| (set, q)))
                    .filter(|&(set, q)| p.scores.set(set).get(q).is_some())
                    .count();
                Some(RosterEntry {
                    id,
                    name: p.name.clone(),
                    colour: p.colour,
                    connected: connections > 0,
                    scoring_started: answered > 0,
                    finished_scoring: answered == ScoreSet::ALL.len() * Question::ALL.len(),
                })
            })
            .collect()
    }

    /// Start closing the room, without waiting: every phone is told, each
    /// connection takes what its phone sent before it answered the Close
    /// (handed to [`RoomHandle::pump`] as usual), the port is freed. Keep
    /// pumping until [`RoomHandle::has_stopped`], then
    /// [`RoomHandle::finish_close`]: nothing a phone sent is lost.
    pub fn begin_close(&mut self) {
        lock(&self.room).close();
        if let Some(tx) = self.shutdown.take() {
            let _stopped = tx.send(());
        }
    }

    /// Whether [`RoomHandle::begin_close`] was called.
    pub fn is_closing(&self) -> bool {
        self.shutdown.is_none()
    }

    /// Whether the server has stopped: every phone's connection has ended
    /// (or was given up on after a few seconds), so nothing more arrives.
    pub fn has_stopped(&self) -> bool {
        self.thread.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// End a closing room: wait for the server's thread (at once when
    /// [`RoomHandle::has_stopped`]) and apply the last of what phones sent
    /// to `target`. What happened, for the status bar.
    pub fn finish_close(mut self, target: &mut dyn RoomTarget) -> Vec<RoomEvent> {
        self.begin_close();
        self.join_thread();
        self.pump(target)
    }

    /// Close the room and wait for it (at most a few seconds), applying
    /// to `target` everything phones sent before they answered the Close:
    /// the headless room's and the tests' close. What happened.
    pub fn close_into(mut self, target: &mut dyn RoomTarget) -> Vec<RoomEvent> {
        self.begin_close();
        let mut events = Vec::new();
        while !self.has_stopped() {
            events.extend(self.pump(target));
            std::thread::sleep(CLOSE_POLL);
        }
        events.extend(self.finish_close(target));
        events
    }

    /// Close the room without a session to apply the last messages to
    /// (they are dropped): phones are told, the server stops, the port is
    /// free. Prefer [`RoomHandle::close_into`].
    pub fn close(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        self.begin_close();
        self.join_thread();
    }

    fn join_thread(&mut self) {
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the room's server thread panicked");
        }
    }
}

impl Drop for RoomHandle {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// The server thread: run axum until told to stop, then let the phones'
/// connections say goodbye.
#[allow(clippy::too_many_arguments)]
fn serve(
    runtime: tokio::runtime::Runtime,
    listener: TcpListener,
    server: Arc<Server>,
    shutdown: oneshot::Receiver<()>,
    config: RoomConfig,
    signalled: Arc<AtomicBool>,
    wake: Waker,
    live: &std::sync::atomic::AtomicUsize,
    limits: Limits,
) {
    runtime.block_on(async move {
        if config.handle_signals {
            tokio::spawn(watch_signals(signalled, wake));
        }
        let listener = match tokio::net::TcpListener::from_std(listener) {
            Ok(listener) => listener,
            Err(err) => {
                tracing::error!("the room cannot listen: {err}");
                return;
            }
        };
        let stop = async {
            let _ = shutdown.await;
        };
        listen::serve(listener, server::router(server), limits, stop).await;
        let deadline = tokio::time::Instant::now() + CLOSE_GRACE;
        while live.load(Ordering::SeqCst) > 0 && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });
    runtime.shutdown_timeout(Duration::from_millis(100));
}

async fn watch_signals(signalled: Arc<AtomicBool>, wake: Waker) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut term) = signal(SignalKind::terminate()) else {
            tracing::warn!("cannot watch for SIGTERM");
            let _ = tokio::signal::ctrl_c().await;
            signalled.store(true, Ordering::SeqCst);
            wake();
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    signalled.store(true, Ordering::SeqCst);
    wake();
}
