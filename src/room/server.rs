//! The room's HTTP + WebSocket server (axum on tokio): serves the phone
//! page, takes the short code, and runs one task per phone connection.
//!
//! Every request must name the room's own address in `Host` (a page on
//! another site that resolves its name to the laptop, DNS rebinding, gets
//! 421), and a WebSocket must come from the room's own page (`Origin`) with
//! the room key in its query (`/ws?room=KEY`); anything else gets 403.
//! Phone messages are checked here (size, rate, shape, limits) and only
//! then forwarded to the app's thread, which owns the session.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use tokio::sync::{mpsc, watch};

use super::guard::{self, Bucket, MESSAGE_BURST, MESSAGES_PER_SECOND};
use super::protocol::{self, Action, ClientMsg, MAX_MESSAGE_BYTES, ServerMsg};
use super::state::{ConnId, Direct, OpOutcome, OpState, Room};
use super::view::{PhoneView, Published};
use crate::model::Id;

/// The phone page, its style and script, embedded in the binary.
const INDEX_HTML: &str = include_str!("../../assets/room/index.html");
const ROOM_CSS: &str = include_str!("../../assets/room/room.css");
const ROOM_JS: &str = include_str!("../../assets/room/room.js");

/// Largest WebSocket message the transport reads at all; between this and
/// [`MAX_MESSAGE_BYTES`] the phone is told why before it is disconnected.
const TRANSPORT_MAX_BYTES: usize = 64 * 1024;
/// A connection must join within this time.
const JOIN_WITHIN: Duration = Duration::from_secs(60);
/// A phone waiting for the facilitator's yes (a listed name) waits at most
/// this long.
const WAIT_FOR_YES: Duration = Duration::from_secs(15 * 60);
/// Keep-alive ping interval.
const PING_EVERY: Duration = Duration::from_secs(20);
/// A phone that sent nothing (not even a pong) for this long is gone: its
/// connection is dropped (a phone put to sleep, out of Wi-Fi range).
const DEAD_AFTER: Duration = Duration::from_secs(50);
/// A phone that does not take a message within this time is dropped.
const SEND_WITHIN: Duration = Duration::from_secs(10);
/// How long a closing connection waits for the phone's own Close.
const CLOSE_DRAIN: Duration = Duration::from_secs(2);
/// Messages over the rate limit after which a connection is closed.
const STRIKES_MAX: u32 = 200;
/// Largest body of a short-code request, bytes.
const CODE_BODY_MAX: usize = 1024;

/// Something a phone asks of the app's thread (which owns the session).
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Join as a participant called `name` (cleaned and checked).
    Join {
        /// The connection asking.
        conn: ConnId,
        /// The name.
        name: String,
    },
    /// Apply an action of a joined participant.
    Act {
        /// The connection asking.
        conn: ConnId,
        /// Who.
        participant: Id,
        /// Their operation number.
        op: u64,
        /// What (checked).
        action: Action,
    },
}

/// Called (from the server's threads) whenever a request is waiting: the
/// window asks egui to repaint, the headless runner wakes its loop.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// What every connection task shares.
pub struct Server {
    /// The room state.
    pub room: Arc<Mutex<Room>>,
    /// The room key (in the QR code's URL).
    pub token: String,
    /// Accepted `Host` header values, lowercase (`IP:PORT`, and for a
    /// loopback address also `localhost:PORT`).
    pub hosts: Vec<String>,
    /// Requests to the app's thread.
    pub requests: std::sync::mpsc::Sender<Request>,
    /// Wakes the app's thread.
    pub wake: Waker,
    /// The latest publication of the session.
    pub views: watch::Receiver<Arc<Published>>,
    /// Phones' connection tasks still running (the room's close waits for
    /// them: they take the phones' last messages).
    pub live: Arc<std::sync::atomic::AtomicUsize>,
}

/// Counts a connection task as live while it exists.
struct Live(Arc<std::sync::atomic::AtomicUsize>);

impl Live {
    fn new(count: &Arc<std::sync::atomic::AtomicUsize>) -> Self {
        count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Self(Arc::clone(count))
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Lock the room, recovering from a panic elsewhere (the room's data stays
/// consistent between statements).
pub fn lock(room: &Mutex<Room>) -> MutexGuard<'_, Room> {
    room.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The router of a room.
pub fn router(server: Arc<Server>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/room.css", get(css))
        .route("/room.js", get(js))
        .route("/code", post(code))
        .route("/ws", get(ws))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(CODE_BODY_MAX))
        .layer(middleware::from_fn_with_state(server.clone(), check_host))
        .with_state(server)
}

/// Refuse any request whose `Host` is not the room's address.
async fn check_host(
    State(server): State<Arc<Server>>,
    request: axum::extract::Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase);
    match host {
        Some(h) if server.hosts.contains(&h) => {
            let mut response = next.run(request).await;
            secure_headers(response.headers_mut(), &server.hosts);
            response
        }
        _ => (
            StatusCode::MISDIRECTED_REQUEST,
            "This is a Rhythm room: open it by its own address (the QR code or the URL on the screen).",
        )
            .into_response(),
    }
}

fn secure_headers(headers: &mut HeaderMap, hosts: &[String]) {
    let ws: Vec<String> = hosts.iter().map(|h| format!("ws://{h}")).collect();
    let csp = format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self' {}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ws.join(" ")
    );
    let pairs = [
        (header::CONTENT_SECURITY_POLICY, csp),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        (header::REFERRER_POLICY, "no-referrer".to_owned()),
        (header::CACHE_CONTROL, "no-store".to_owned()),
        (header::X_FRAME_OPTIONS, "DENY".to_owned()),
    ];
    for (name, value) in pairs {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

async fn index() -> Response {
    asset("text/html; charset=utf-8", INDEX_HTML)
}

async fn css() -> Response {
    asset("text/css; charset=utf-8", ROOM_CSS)
}

async fn js() -> Response {
    asset("text/javascript; charset=utf-8", ROOM_JS)
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not here: open the room's address.").into_response()
}

#[derive(Deserialize)]
struct CodeBody {
    code: String,
}

/// `POST /code` with `{"code":"482719"}`: the room key, or why not.
async fn code(
    State(server): State<Arc<Server>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: String,
) -> Response {
    if !origin_ok(&headers, &server.hosts, false) {
        return refuse(
            StatusCode::FORBIDDEN,
            "Open the room's own page to type the code.",
        );
    }
    let Ok(CodeBody { code }) = serde_json::from_str::<CodeBody>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "Send {\"code\": \"six digits\"}.");
    };
    let outcome = {
        let mut room = lock(&server.room);
        let enabled = room.takes_codes();
        room.codes_mut()
            .check(peer.ip(), &code, enabled, Instant::now())
    };
    match outcome {
        Ok(()) => axum::Json(serde_json::json!({ "room": server.token })).into_response(),
        Err(err) => {
            let status = match err {
                guard::CodeError::Wrong => StatusCode::FORBIDDEN,
                guard::CodeError::TooMany => StatusCode::TOO_MANY_REQUESTS,
                guard::CodeError::Off => StatusCode::GONE,
            };
            refuse(status, &err.to_string())
        }
    }
}

fn refuse(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
}

/// Whether the request's `Origin` is the room's own page; `required`: a
/// missing `Origin` is refused too (WebSockets from a browser always send
/// one).
fn origin_ok(headers: &HeaderMap, hosts: &[String], required: bool) -> bool {
    match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        Some(origin) => {
            let origin = origin.to_ascii_lowercase();
            hosts.iter().any(|h| origin == format!("http://{h}"))
        }
        None => !required,
    }
}

#[derive(Deserialize)]
struct WsQuery {
    #[serde(default)]
    room: String,
}

/// `GET /ws?room=KEY`: a phone's connection.
async fn ws(
    State(server): State<Arc<Server>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(query): Query<WsQuery>,
    upgrade: WebSocketUpgrade,
) -> Response {
    if !origin_ok(&headers, &server.hosts, true) {
        return refuse(
            StatusCode::FORBIDDEN,
            "This connection must come from the room's own page.",
        );
    }
    if !guard::same_secret(&query.room, &server.token) {
        return refuse(StatusCode::FORBIDDEN, "Wrong room: scan the QR code again.");
    }
    let (tx, rx) = mpsc::channel(super::state::DIRECT_QUEUE);
    let conn = match lock(&server.room).connect(peer.ip(), tx) {
        Ok(conn) => conn,
        Err(err) => return refuse(StatusCode::SERVICE_UNAVAILABLE, &err.to_string()),
    };
    upgrade
        .max_message_size(TRANSPORT_MAX_BYTES)
        .max_frame_size(TRANSPORT_MAX_BYTES)
        .on_failed_upgrade({
            let server = server.clone();
            move |_| lock(&server.room).disconnect(conn)
        })
        .on_upgrade(move |socket| async move {
            let _live = Live::new(&server.live);
            let views = server.views.clone();
            let mut task = Connection {
                server: server.clone(),
                conn,
                socket,
                views,
                me: None,
                key: None,
                last: None,
                seq: 0,
                bucket: Bucket::new(MESSAGE_BURST, MESSAGES_PER_SECOND, Instant::now()),
                strikes: 0,
                warned: None,
                waiting_since: None,
                last_heard: Instant::now(),
            };
            task.run(rx).await;
            lock(&server.room).disconnect(conn);
        })
}

/// Why a connection task stops.
enum Stop {
    /// The phone went away, or did not take a message in time.
    Gone,
    /// Close with this code and reason (already told to the phone).
    Close(u16, String),
}

struct Connection {
    server: Arc<Server>,
    conn: ConnId,
    socket: WebSocket,
    views: watch::Receiver<Arc<Published>>,
    me: Option<Id>,
    key: Option<String>,
    last: Option<PhoneView>,
    seq: u64,
    bucket: Bucket,
    strikes: u32,
    warned: Option<Instant>,
    /// When the app said this phone waits for the facilitator's yes.
    waiting_since: Option<Instant>,
    /// When the phone last sent anything (a pong included).
    last_heard: Instant,
}

impl Connection {
    async fn run(&mut self, mut direct: mpsc::Receiver<Direct>) {
        let join_by = tokio::time::sleep(JOIN_WITHIN);
        tokio::pin!(join_by);
        let mut ping = tokio::time::interval(PING_EVERY);
        ping.tick().await;
        let stop = loop {
            let step = tokio::select! {
                incoming = self.socket.recv() => match incoming.inspect(|_| self.last_heard = Instant::now()) {
                    Some(Ok(Message::Text(text))) => self.on_text(text.as_str()).await,
                    Some(Ok(Message::Binary(_))) => {
                        self.say(ServerMsg::Error { error: "send text messages".to_owned() }).await
                    }
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => Ok(()),
                    Some(Ok(Message::Close(_)) | Err(_)) | None => Err(Stop::Gone),
                },
                d = direct.recv() => match d {
                    Some(d) => self.on_direct(d).await,
                    // The room let this connection go (its queue was full).
                    None => Err(Stop::Gone),
                },
                changed = self.views.changed(), if self.me.is_some() => match changed {
                    Ok(()) => self.send_delta().await,
                    Err(_) => Err(Stop::Close(1001, "the room closed".to_owned())),
                },
                () = &mut join_by, if self.me.is_none() => {
                    if let Some(since) = self.waiting_since.take() {
                        // Waiting for the facilitator's yes: longer.
                        join_by.as_mut().reset((since + WAIT_FOR_YES).into());
                        continue;
                    }
                    let reason = "Nobody joined on this connection in time: reload the page.".to_owned();
                    self.close_with(reason, false).await
                }
                _ = ping.tick() => {
                    if self.last_heard.elapsed() > DEAD_AFTER {
                        Err(Stop::Gone)
                    } else {
                        self.send(Message::Ping(Vec::new().into())).await
                    }
                }
            };
            if let Err(stop) = step {
                break stop;
            }
        };
        if let Stop::Close(code, reason) = stop {
            let frame = CloseFrame {
                code,
                reason: reason.chars().take(100).collect::<String>().into(),
            };
            let sent =
                tokio::time::timeout(SEND_WITHIN, self.socket.send(Message::Close(Some(frame))))
                    .await;
            // The closing handshake: read what the phone still sends until
            // its own Close. What it sent before it saw ours is taken as
            // any message is (the app applies it before the room's last
            // save), only no answer can follow our Close (issue 17:
            // closing lost what phones had already sent).
            if matches!(sent, Ok(Ok(()))) {
                let _drained = tokio::time::timeout(CLOSE_DRAIN, async {
                    while let Some(Ok(message)) = self.socket.recv().await {
                        match message {
                            Message::Close(_) => break,
                            Message::Text(text) => self.take_late(text.as_str()),
                            _ => {}
                        }
                    }
                })
                .await;
            }
        }
    }

    async fn send(&mut self, message: Message) -> Result<(), Stop> {
        match tokio::time::timeout(SEND_WITHIN, self.socket.send(message)).await {
            Ok(Ok(())) => Ok(()),
            _ => Err(Stop::Gone),
        }
    }

    async fn say(&mut self, msg: ServerMsg) -> Result<(), Stop> {
        self.send(Message::Text(msg.to_json().into())).await
    }

    async fn close_with(&mut self, reason: String, is_final: bool) -> Result<(), Stop> {
        self.say(ServerMsg::Closed {
            reason: reason.clone(),
            is_final,
        })
        .await?;
        Err(Stop::Close(1000, reason))
    }

    async fn on_text(&mut self, text: &str) -> Result<(), Stop> {
        if text.len() > MAX_MESSAGE_BYTES {
            let reason = format!(
                "Message too large: {} bytes, at most {MAX_MESSAGE_BYTES}.",
                text.len()
            );
            self.say(ServerMsg::Closed {
                reason: reason.clone(),
                is_final: false,
            })
            .await?;
            return Err(Stop::Close(1009, reason));
        }
        let now = Instant::now();
        if !self.bucket.take(now) {
            self.strikes += 1;
            if self.strikes > STRIKES_MAX {
                let reason = "Too many messages: disconnected.".to_owned();
                self.say(ServerMsg::Closed {
                    reason: reason.clone(),
                    is_final: false,
                })
                .await?;
                return Err(Stop::Close(1008, reason));
            }
            // Say it at most once a second; the message is not taken.
            if self
                .warned
                .is_none_or(|t| now.duration_since(t) >= Duration::from_secs(1))
            {
                self.warned = Some(now);
                let error =
                    "Too many messages at once: slow down (that one was not taken).".to_owned();
                return self.say(ServerMsg::Error { error }).await;
            }
            return Ok(());
        }
        let msg = match protocol::parse(text) {
            Ok(msg) => msg,
            Err(err) => {
                return self
                    .say(ServerMsg::Error {
                        error: err.to_string(),
                    })
                    .await;
            }
        };
        match msg {
            ClientMsg::Join { name } => self.join(&name).await,
            ClientMsg::Rejoin { key } => self.rejoin(&key).await,
            ClientMsg::Resync => self.send_snapshot().await,
            ClientMsg::Act { op, act } => self.act(op, act).await,
        }
    }

    async fn join(&mut self, name: &str) -> Result<(), Stop> {
        if self.me.is_some() {
            let error = "Already joined on this connection.".to_owned();
            return self.say(ServerMsg::Error { error }).await;
        }
        let name = match protocol::participant_name(name) {
            Ok(name) => name,
            Err(err) => {
                return self
                    .say(ServerMsg::Error {
                        error: err.to_string(),
                    })
                    .await;
            }
        };
        let refused = lock(&self.server.room).may_join().err();
        if let Some(err) = refused {
            return self
                .say(ServerMsg::Error {
                    error: err.to_string(),
                })
                .await;
        }
        self.forward(Request::Join {
            conn: self.conn,
            name,
        })
        .await
    }

    async fn rejoin(&mut self, key: &str) -> Result<(), Stop> {
        let joined = lock(&self.server.room).rejoin(self.conn, key);
        match joined {
            Ok(participant) => self.welcome(participant, key.to_owned()).await,
            Err(err) => {
                let error = err.to_string();
                self.say(ServerMsg::Closed {
                    reason: error,
                    is_final: true,
                })
                .await
            }
        }
    }

    async fn act(&mut self, op: u64, action: Action) -> Result<(), Stop> {
        let Some(participant) = self.me else {
            let error = "Join first.".to_owned();
            return self.say(ServerMsg::Error { error }).await;
        };
        let action = match action.checked() {
            Ok(action) => action,
            Err(refusal) => {
                let error = refusal.to_string();
                return self.say(ServerMsg::Refused { op, error }).await;
            }
        };
        let state = lock(&self.server.room).begin_op(participant, op);
        match state {
            OpState::New => {
                self.forward(Request::Act {
                    conn: self.conn,
                    participant,
                    op,
                    action,
                })
                .await
            }
            OpState::Pending => Ok(()),
            OpState::Done(OpOutcome::Applied) => self.say(ServerMsg::Ack { op, again: true }).await,
            OpState::Done(OpOutcome::Refused(error)) => {
                self.say(ServerMsg::Refused { op, error }).await
            }
        }
    }

    /// A message that arrived after this side's Close: an action of a
    /// joined participant goes to the app like any other (within the rate
    /// limit); nothing is answered (the phone may send nothing more, and
    /// may not be sent anything).
    fn take_late(&mut self, text: &str) {
        let Some(participant) = self.me else { return };
        if text.len() > MAX_MESSAGE_BYTES || !self.bucket.take(Instant::now()) {
            return;
        }
        let Ok(ClientMsg::Act { op, act }) = protocol::parse(text) else {
            return;
        };
        let Ok(action) = act.checked() else { return };
        let state = lock(&self.server.room).begin_op(participant, op);
        if state == OpState::New {
            let request = Request::Act {
                conn: self.conn,
                participant,
                op,
                action,
            };
            if self.server.requests.send(request).is_ok() {
                (self.server.wake)();
            }
        }
    }

    async fn forward(&mut self, request: Request) -> Result<(), Stop> {
        if self.server.requests.send(request).is_err() {
            return self
                .close_with("The room is closing.".to_owned(), true)
                .await;
        }
        (self.server.wake)();
        Ok(())
    }

    async fn on_direct(&mut self, direct: Direct) -> Result<(), Stop> {
        // The app published before telling us: what it did is in the view
        // the phone gets first.
        if self.me.is_some() && self.views.has_changed().unwrap_or(false) {
            self.send_delta().await?;
        }
        match direct {
            Direct::Send(msg) => {
                if matches!(msg, ServerMsg::Waiting { .. }) {
                    self.waiting_since = Some(Instant::now());
                }
                self.say(msg).await
            }
            Direct::Welcome { participant, key } => self.welcome(participant, key).await,
            Direct::Close { reason, is_final } => self.close_with(reason, is_final).await,
        }
    }

    async fn welcome(&mut self, participant: Id, key: String) -> Result<(), Stop> {
        self.me = Some(participant);
        self.key = Some(key);
        self.send_snapshot().await
    }

    async fn send_snapshot(&mut self) -> Result<(), Stop> {
        let (Some(me), Some(key)) = (self.me, self.key.clone()) else {
            let error = "Join first.".to_owned();
            return self.say(ServerMsg::Error { error }).await;
        };
        let published = self.views.borrow_and_update().clone();
        let view = PhoneView::of(&published, me);
        let msg = ServerMsg::Welcome {
            key,
            participant: me,
            seq: 0,
            view: view.to_json(),
        };
        self.last = Some(view);
        self.seq = 0;
        self.say(msg).await
    }

    async fn send_delta(&mut self) -> Result<(), Stop> {
        let Some(me) = self.me else { return Ok(()) };
        let published = self.views.borrow_and_update().clone();
        let view = self.last.get_or_insert_with(|| {
            PhoneView::of(
                &Published::first(&Default::default(), None, None, false),
                me,
            )
        });
        let delta = view.update(&published);
        if delta.is_empty() {
            return Ok(());
        }
        self.seq += 1;
        self.say(ServerMsg::Delta {
            seq: self.seq,
            set: delta.set,
            del: delta.del,
            put: delta.put,
        })
        .await
    }
}
