//! Test support for the room: an in-process room on 127.0.0.1 driven by a
//! thread that plays the app (pumps phone requests into a `Document`), and
//! a phone client over a real WebSocket. Shared by the room tests, the
//! browser test and the load benchmark (`#[path]`-included there).
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use futures_util::{SinkExt as _, StreamExt as _};
use rhythm::document::Document;
use rhythm::model::{Edit, Id, Session};
use rhythm::room::{Focus, RoomConfig, RoomHandle, RoomInfo, WaitingJoin};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long a test waits for any one reply.
pub const REPLY_WITHIN: Duration = Duration::from_secs(10);

enum Cmd {
    Wake,
    Session(mpsc::Sender<Session>),
    Lock(bool),
    Remove(Id),
    UndoAll(Id, mpsc::Sender<bool>),
    Apply(Edit, mpsc::Sender<bool>),
    Focus(Option<Focus>),
    Waiting(mpsc::Sender<Vec<WaitingJoin>>),
    Admit(u64, bool),
    Stop,
}

/// A room on 127.0.0.1 with a thread playing the app.
pub struct Harness {
    pub info: RoomInfo,
    cmd: mpsc::Sender<Cmd>,
    thread: Option<JoinHandle<Session>>,
    /// Time the app thread spent applying and publishing phones' messages.
    pub stats: Arc<std::sync::Mutex<PumpStats>>,
}

/// What the app thread spent on phones' messages.
#[derive(Clone, Copy, Debug, Default)]
pub struct PumpStats {
    /// In pumps that applied something, and in publishing after them.
    pub busy: Duration,
    /// Requests answered (applied or refused).
    pub answered: usize,
}

impl Harness {
    /// Open a room on 127.0.0.1, a free port, for `session`.
    pub fn start(session: Session) -> Harness {
        let (cmd, rx) = mpsc::channel::<Cmd>();
        let wake_tx = cmd.clone();
        let waker: rhythm::room::Waker = Arc::new(move || {
            let _ = wake_tx.send(Cmd::Wake);
        });
        let config = RoomConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            handle_signals: false,
        };
        let room = RoomHandle::open(config, &session, None, waker).expect("room opens on loopback");
        let info = room.info().clone();
        let stats = Arc::new(std::sync::Mutex::new(PumpStats::default()));
        let thread = std::thread::spawn({
            let stats = Arc::clone(&stats);
            move || drive(room, Document::untitled(session), rx, &stats)
        });
        Harness {
            info,
            cmd,
            thread: Some(thread),
            stats,
        }
    }

    fn ask<T>(&self, make: impl FnOnce(mpsc::Sender<T>) -> Cmd) -> T {
        let (tx, rx) = mpsc::channel();
        self.cmd.send(make(tx)).expect("app thread alive");
        rx.recv_timeout(REPLY_WITHIN).expect("app thread answers")
    }

    /// The session as the app holds it now.
    pub fn session(&self) -> Session {
        self.ask(Cmd::Session)
    }

    pub fn lock(&self, locked: bool) {
        self.cmd.send(Cmd::Lock(locked)).expect("app thread alive");
        let _sync = self.session();
    }

    pub fn remove(&self, participant: Id) {
        self.cmd
            .send(Cmd::Remove(participant))
            .expect("app thread alive");
        let _sync = self.session();
    }

    /// Undo everything `participant` did; whether there was anything.
    pub fn undo_all(&self, participant: Id) -> bool {
        self.ask(|tx| Cmd::UndoAll(participant, tx))
    }

    /// Apply a facilitator's edit (as the window would); whether it applied.
    pub fn apply(&self, edit: Edit) -> bool {
        self.ask(|tx| Cmd::Apply(edit, tx))
    }

    /// The phones waiting for the facilitator's yes.
    pub fn waiting(&self) -> Vec<WaitingJoin> {
        self.ask(Cmd::Waiting)
    }

    /// The facilitator accepts (or refuses) the phone of `ticket`.
    pub fn admit(&self, ticket: u64, accept: bool) {
        self.cmd
            .send(Cmd::Admit(ticket, accept))
            .expect("app thread alive");
        let _sync = self.session();
    }

    pub fn focus(&self, focus: Option<Focus>) {
        self.cmd.send(Cmd::Focus(focus)).expect("app thread alive");
        let _sync = self.session();
    }

    /// Close the room; the session as it ends.
    pub fn stop(mut self) -> Session {
        let _ = self.cmd.send(Cmd::Stop);
        self.thread
            .take()
            .expect("running")
            .join()
            .expect("app thread ends cleanly")
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = self.cmd.send(Cmd::Stop);
            let _ = thread.join();
        }
    }
}

fn drive(
    mut room: RoomHandle,
    mut doc: Document,
    rx: mpsc::Receiver<Cmd>,
    stats: &std::sync::Mutex<PumpStats>,
) -> Session {
    let mut focus = None;
    loop {
        let cmd = rx.recv_timeout(Duration::from_millis(200));
        let started = std::time::Instant::now();
        let events = room.pump(&mut doc);
        let answered = events
            .iter()
            .filter(|e| {
                matches!(
                    e,
                    rhythm::room::RoomEvent::Applied { .. }
                        | rhythm::room::RoomEvent::Refused { .. }
                )
            })
            .count();
        if answered > 0
            && let Ok(mut stats) = stats.lock()
        {
            stats.busy += started.elapsed();
            stats.answered += answered;
        }
        match cmd {
            Ok(Cmd::Wake) | Err(mpsc::RecvTimeoutError::Timeout) => {}
            Ok(Cmd::Session(tx)) => {
                let _ = tx.send(doc.session().clone());
            }
            Ok(Cmd::Lock(locked)) => room.set_locked(locked),
            Ok(Cmd::Remove(id)) => room.remove(id),
            // Published before the answer: once the test has it, the
            // phones are sent the change (see `Phone::sync`).
            Ok(Cmd::UndoAll(id, tx)) => {
                let edit = room.undo_everything(doc.session(), id);
                let done = edit.is_some_and(|e| doc.apply(e).is_ok());
                room.publish(&doc, focus);
                let _ = tx.send(done);
            }
            Ok(Cmd::Apply(edit, tx)) => {
                let applied = doc.apply(edit).is_ok();
                room.publish(&doc, focus);
                let _ = tx.send(applied);
            }
            Ok(Cmd::Focus(f)) => focus = f,
            Ok(Cmd::Waiting(tx)) => {
                let _ = tx.send(room.waiting());
            }
            Ok(Cmd::Admit(ticket, accept)) => {
                room.admit(doc.session(), ticket, accept);
            }
            Ok(Cmd::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        room.publish(&doc, focus);
    }
    // What phones sent before they answered the Close is in the session.
    room.close_into(&mut doc);
    doc.session().clone()
}

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Open a WebSocket to the room with this key and `Origin` (`None`: the
/// room's own).
pub async fn open_ws(info: &RoomInfo, key: &str, origin: Option<&str>) -> Result<Ws, WsError> {
    let url = format!("ws://{}/ws?room={key}", info.addr);
    let mut request = url.into_client_request()?;
    let origin = origin.map_or_else(|| format!("http://{}", info.addr), str::to_owned);
    if let Ok(value) = HeaderValue::from_str(&origin) {
        request.headers_mut().insert("Origin", value);
    }
    // Browsers send WebSocket frames without Nagle's delay; so do we.
    let (ws, _) = tokio_tungstenite::connect_async_with_config(request, None, true).await?;
    Ok(ws)
}

/// The room a process printed on stdout (line 1 the join URL on
/// loopback, `http://127.0.0.1:PORT/#KEY`; line 2 the code), as a
/// [`RoomInfo`] to reach it.
pub fn loopback_room(url: &str, code: &str) -> RoomInfo {
    let port = url
        .strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.split_once("/#"))
        .map(|(port, _)| port.to_owned())
        .unwrap_or_else(|| panic!("a loopback URL: {url:?}"));
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
    RoomInfo {
        addr,
        url: url.to_owned(),
        typed_url: format!("http://{addr}"),
        code: code.to_owned(),
    }
}

/// The room key from the join URL (after `#`).
pub fn room_key(info: &RoomInfo) -> String {
    info.url.rsplit('#').next().unwrap_or_default().to_owned()
}

/// A phone: one WebSocket, its view, its operation numbers.
pub struct Phone {
    pub ws: Ws,
    pub me: Option<u64>,
    pub key: Option<String>,
    pub view: Value,
    pub seq: u64,
    next_op: u64,
    /// Every message received, as text (to search for leaks).
    pub seen: Vec<String>,
}

impl Phone {
    pub async fn connect(info: &RoomInfo) -> Phone {
        let ws = open_ws(info, &room_key(info), None)
            .await
            .expect("the room accepts its own page");
        Phone {
            ws,
            me: None,
            key: None,
            view: Value::Null,
            seq: 0,
            next_op: 0,
            seen: Vec::new(),
        }
    }

    pub async fn send(&mut self, msg: Value) {
        self.ws
            .send(Message::Text(msg.to_string().into()))
            .await
            .expect("send");
    }

    /// The next JSON message (views are updated as deltas arrive); `None`
    /// when the connection closed.
    pub async fn recv(&mut self) -> Option<Value> {
        loop {
            let next = tokio::time::timeout(REPLY_WITHIN, self.ws.next())
                .await
                .expect("a message arrives in time");
            match next {
                Some(Ok(Message::Text(text))) => {
                    self.seen.push(text.to_string());
                    let msg: Value = serde_json::from_str(&text).expect("the room sends JSON");
                    self.absorb(&msg);
                    return Some(msg);
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return None,
                Some(Ok(_)) => {}
            }
        }
    }

    fn absorb(&mut self, msg: &Value) {
        match msg["type"].as_str() {
            Some("welcome") => {
                self.me = msg["participant"].as_u64();
                self.key = msg["key"].as_str().map(str::to_owned);
                self.view = msg["view"].clone();
                self.seq = 0;
            }
            Some("delta") => {
                let seq = msg["seq"].as_u64().expect("seq");
                assert_eq!(seq, self.seq + 1, "deltas arrive in sequence");
                self.seq = seq;
                if let Some(set) = msg["set"].as_object() {
                    for (name, items) in set {
                        let list = self.view[name].as_array_mut().expect("a collection");
                        for item in items.as_array().expect("items") {
                            match list.iter_mut().find(|x| x["id"] == item["id"]) {
                                Some(slot) => *slot = item.clone(),
                                None => list.push(item.clone()),
                            }
                        }
                    }
                }
                if let Some(del) = msg["del"].as_object() {
                    for (name, ids) in del {
                        let ids = ids.as_array().expect("ids").clone();
                        self.view[name]
                            .as_array_mut()
                            .expect("a collection")
                            .retain(|x| !ids.contains(&x["id"]));
                    }
                }
                if let Some(put) = msg["put"].as_object() {
                    for (name, value) in put {
                        self.view[name] = value.clone();
                    }
                }
            }
            _ => {}
        }
    }

    /// Receive until a message of type `kind` (others are absorbed).
    pub async fn until(&mut self, kind: &str) -> Value {
        loop {
            let msg = self
                .recv()
                .await
                .unwrap_or_else(|| panic!("closed while waiting for {kind}"));
            if msg["type"] == kind {
                return msg;
            }
        }
    }

    /// Join by name; the welcome message (or `waiting` for a listed name,
    /// or an error).
    pub async fn join(&mut self, name: &str) -> Value {
        self.send(json!({"type": "join", "name": name})).await;
        loop {
            let msg = self.recv().await.expect("an answer to join");
            if let Some("welcome" | "error" | "waiting") = msg["type"].as_str() {
                return msg;
            }
        }
    }

    /// Send an action with a new operation number; its `ack` or `refused`.
    pub async fn act(&mut self, act: Value) -> Value {
        self.next_op += 1;
        let op = self.next_op;
        self.act_as(op, act).await
    }

    /// Send an action with operation number `op`; its `ack` or `refused`.
    pub async fn act_as(&mut self, op: u64, act: Value) -> Value {
        self.send(json!({"type": "act", "op": op, "act": act}))
            .await;
        loop {
            let msg = self.recv().await.expect("an answer to act");
            let answered =
                matches!(msg["type"].as_str(), Some("ack" | "refused")) && msg["op"] == op;
            if answered || msg["type"] == "error" {
                return msg;
            }
        }
    }

    /// Catch up with the room, without waiting a fixed time: ask for a
    /// fresh snapshot and read until it comes. The room answers in order,
    /// and the snapshot is of its latest publication, so once this returns
    /// the phone has been sent everything published before the call (what
    /// the harness's `apply`, `lock`, `focus` … did): a check that the
    /// phone never saw something is then a real one.
    pub async fn sync(&mut self) {
        self.send(json!({"type": "resync"})).await;
        self.until("welcome").await;
    }

    /// Whether anything this phone ever received contains `needle`.
    pub fn ever_saw(&self, needle: &str) -> bool {
        self.seen.iter().any(|m| m.contains(needle))
    }
}

/// A raw HTTP/1.1 request to the room; `(status, body)`.
pub async fn http(addr: SocketAddr, request: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut out = Vec::new();
    tokio::time::timeout(REPLY_WITHIN, stream.read_to_end(&mut out))
        .await
        .expect("answer in time")
        .expect("read");
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned();
    (status, body)
}

/// `POST /code` with `code`, from the room's own page.
pub async fn post_code(info: &RoomInfo, code: &str) -> (u16, String) {
    let body = json!({ "code": code }).to_string();
    let request = format!(
        "POST /code HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len(),
        host = info.addr
    );
    http(info.addr, &request).await
}
