//! `rhythm room PATH --listen 127.0.0.1:0`: the room without a window, as
//! scripts and CI drive it. The URL and the code on stdout, phones' edits
//! in a recovery copy within seconds, the file saved on SIGTERM with
//! everything phones sent before they answered the room's Close, and a
//! room that a laptop holding a thousand half-open connections cannot
//! stop, under the descriptor limit many desktops ship (issue 17).

use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rhythm::room::RoomInfo;
use serde_json::json;

use crate::room_server::seeded;
use crate::room_support::{Phone, loopback_room};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_headless_room_prints_its_url_and_code_and_saves_on_sigterm() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("workshop.ron");
    rhythm::store::save(&path, &seeded()).expect("seed file");
    let mut child = Command::new(env!("CARGO_BIN_EXE_rhythm"))
        .args([
            "room",
            path.to_str().expect("UTF-8"),
            "--listen",
            "127.0.0.1:0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rhythm room starts");
    let (url, code) = url_and_code(&mut child).await;
    let rest = url
        .strip_prefix("http://127.0.0.1:")
        .expect("a loopback URL");
    let (port, key) = rest.split_once("/#").expect("URL/#KEY");
    assert_eq!(key.len(), 32, "a 128-bit key: {url}");
    assert!(key.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(code.len(), 6, "{code:?}");
    assert!(code.chars().all(|c| c.is_ascii_digit()));
    let info = loopback_room(&url, &code);
    assert_eq!(info.addr.port().to_string(), port);

    let mut phone = Phone::connect(&info).await;
    assert_eq!(phone.join("Priya").await["type"], "welcome");
    let ack = phone
        .act(json!({"kind": "add_pain", "text": "Releases wait for one person", "category": "Orchestra", "hours": 3}))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");

    // Autosave: a recovery copy beside the file within a few seconds.
    let copy = rhythm::store::recovery::beside(&path).expect("copy path");
    let appeared = tokio::task::spawn_blocking({
        let copy = copy.clone();
        move || crate::skip::eventually(Duration::from_secs(10), || copy.exists())
    })
    .await
    .expect("waited");
    assert!(appeared, "a recovery copy at {}", copy.display());
    let recovered = std::fs::read_to_string(&copy).expect("copy");
    assert!(recovered.contains("Releases wait for one person"));

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "rhythm room ends after SIGTERM");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let mut err = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut stderr, &mut err);
    }
    assert!(status.success(), "exit {status:?}: {err}");
    assert!(err.contains("Saved"), "{err}");
    let saved = rhythm::store::load(&path).expect("the saved file loads");
    assert_eq!(saved.participants.len(), 1);
    assert_eq!(saved.pain_points.len(), 1);
    assert_eq!(saved.pain_points[0].text, "Releases wait for one person");
    assert!(
        saved.is_pain_point_hidden(saved.pain_points[0].id),
        "still hidden after a reload"
    );
    assert!(!copy.exists(), "the recovery copy goes once saved");
}

#[test]
fn listening_on_every_network_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("s.ron");
    let out = Command::new(env!("CARGO_BIN_EXE_rhythm"))
        .args([
            "room",
            path.to_str().expect("UTF-8"),
            "--listen",
            "0.0.0.0:0",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not 0.0.0.0:0"), "{err}");
    assert!(out.stdout.is_empty());
    assert!(!path.exists(), "nothing written");
}

/// A headless room in a child process, and where phones join it.
struct Child {
    child: std::process::Child,
    info: RoomInfo,
}

impl Child {
    /// `rhythm room PATH --listen 127.0.0.1:0`, in a shell that runs
    /// `prefix` first (e.g. `ulimit -n 1024`).
    async fn start(path: &std::path::Path, prefix: &str) -> Child {
        let script = format!("{prefix} exec \"$0\" room \"$1\" --listen 127.0.0.1:0");
        let mut child = Command::new("sh")
            .args(["-c", &script, env!("CARGO_BIN_EXE_rhythm")])
            .arg(path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("rhythm room starts");
        let (url, code) = url_and_code(&mut child).await;
        Child {
            child,
            info: loopback_room(&url, &code),
        }
    }

    /// SIGTERM, then wait (15 s at most); its stderr.
    async fn terminate(mut self) -> String {
        let killed = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(killed.success());
        let deadline = Instant::now() + Duration::from_secs(15);
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status;
            }
            assert!(Instant::now() < deadline, "rhythm room ends after SIGTERM");
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        let mut err = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut stderr, &mut err);
        }
        assert!(status.success(), "exit {status:?}: {err}");
        err
    }
}

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Half-open connections a hostile laptop holds.
const HALF_OPEN: usize = 1_100;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_laptop_holding_a_thousand_half_open_connections_cannot_stop_the_room() {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    // This test holds over a thousand sockets itself.
    let own_limit = rhythm::room::listen::raise_fd_limit();
    if own_limit < HALF_OPEN as u64 + 200 {
        crate::skip::skipped(
            "room_cli::a_laptop_holding_a_thousand_half_open_connections_cannot_stop_the_room",
            &format!("this process may open only {own_limit} files"),
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("workshop.ron");
    rhythm::store::save(&path, &seeded()).expect("seed file");
    // The limit many desktops ship (macOS: 256).
    let room = Child::start(&path, "ulimit -n 1024 &&").await;
    let addr = room.info.addr;
    // The hostile laptop: another address on the loopback network, half a
    // request header on each connection, then nothing.
    let started = Instant::now();
    let mut hostile = Vec::new();
    for _ in 0..HALF_OPEN {
        let socket = tokio::net::TcpSocket::new_v4().expect("socket");
        socket
            .bind(SocketAddr::from(([127, 0, 0, 2], 0)))
            .expect("bind 127.0.0.2");
        let connected = tokio::time::timeout(Duration::from_secs(2), socket.connect(addr)).await;
        if let Ok(Ok(mut stream)) = connected {
            let half = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: x");
            let _ = stream.write_all(half.as_bytes()).await;
            hostile.push(stream);
        }
    }
    // A phone from another address loads the page and joins at once.
    let phone_started = Instant::now();
    let (status, page) = crate::room_support::http(
        addr,
        &format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert_eq!(status, 200, "the page loads: {page}");
    let mut phone = Phone::connect(&room.info).await;
    assert_eq!(phone.join("Priya").await["type"], "welcome");
    let joined_in = phone_started.elapsed();
    assert!(
        joined_in < Duration::from_secs(2),
        "a new phone joined in {joined_in:?}"
    );
    // Every half-open connection is closed within 10 s of being opened.
    let deadline = started + Duration::from_secs(10);
    let mut open = 0;
    for stream in &mut hostile {
        let mut buf = [0_u8; 512];
        let left = deadline.saturating_duration_since(Instant::now());
        let closed = loop {
            match tokio::time::timeout(left, stream.read(&mut buf)).await {
                Ok(Ok(0) | Err(_)) => break true,
                Ok(Ok(_)) => {}
                Err(_) => break false,
            }
        };
        open += usize::from(!closed);
    }
    eprintln!(
        "half-open: {} of {HALF_OPEN} connected, {open} still open after 10 s; a new phone joined in {joined_in:?}",
        hostile.len()
    );
    assert_eq!(open, 0, "half-open connections still open after 10 s");
    // The room is still the room: the phone writes.
    let ack = phone
        .act(json!({"kind": "add_pain", "text": "still here", "category": "Jam"}))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    room.terminate().await;
}

/// Phones in a flood when the room closes.
const FLOOD_PHONES: usize = 20;

/// What one phone sent before it saw the room's Close, and what it was
/// told about it.
#[derive(Default)]
struct Sent {
    /// `(op, text)` of every pain point sent.
    texts: Vec<(u64, String)>,
    /// Operations refused, with the reason.
    refused: std::collections::HashMap<u64, String>,
    /// Errors not about one operation (none expected).
    errors: Vec<String>,
}

/// Pain points each phone sends at once just before the room closes (the
/// rate limit's burst allows 40): a backlog the app has not yet applied
/// when the signal comes.
const BURST: u64 = 25;
/// Pain points each phone sends after the signal without reading what the
/// room sends (a slow phone): they reach the room after its Close, before
/// the phone answers it.
const AFTER_SIGNAL: u64 = 16;

/// One phone's pain point number `op` as the page sends it.
fn pain(n: usize, op: u64) -> (String, String) {
    let text = format!("phone {n} pain {op}");
    let act = json!({"type": "act", "op": op, "act":
        {"kind": "add_pain", "text": text, "category": "Jam", "on": {"tool": 1}}});
    (text, act.to_string())
}

/// What a phone read: refusals by operation, other errors, and whether
/// the room's Close came.
fn absorb(message: &tokio_tungstenite::tungstenite::Message, told: &mut Sent) -> bool {
    use tokio_tungstenite::tungstenite::Message;
    match message {
        Message::Close(_) => return true,
        Message::Text(text) => {
            let msg: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
            match msg["type"].as_str() {
                Some("refused") => {
                    let op = msg["op"].as_u64().unwrap_or_default();
                    told.refused.insert(op, msg["error"].to_string());
                }
                Some("error") => told.errors.push(text.to_string()),
                _ => {}
            }
        }
        _ => {}
    }
    false
}

/// One phone: ~14 pain points a second with a burst of [`BURST`] at its
/// 15th, then it waits at `signal` (the room is told to close), sends
/// [`AFTER_SIGNAL`] more without reading, and reads until the room's
/// Close. What it sent and was told.
async fn flood(info: RoomInfo, n: usize, signal: Arc<tokio::sync::Barrier>) -> Sent {
    use futures_util::{FutureExt as _, SinkExt as _, StreamExt as _};
    use tokio_tungstenite::tungstenite::Message;
    let mut phone = Phone::connect(&info).await;
    assert_eq!(phone.join(&format!("Phone {n}")).await["type"], "welcome");
    let (mut sink, mut stream) = phone.ws.split();
    let mut told = Sent::default();
    let mut op = 0_u64;
    let mut closed = false;
    // Before the signal: write, reading what has come.
    while op < 15 + BURST {
        op += 1;
        let (text, act) = pain(n, op);
        if sink.send(Message::Text(act.into())).await.is_err() {
            break;
        }
        told.texts.push((op, text));
        if op <= 15 {
            tokio::time::sleep(Duration::from_millis(70)).await;
        }
        while let Some(Some(Ok(message))) = stream.next().now_or_never() {
            closed |= absorb(&message, &mut told);
        }
    }
    signal.wait().await;
    // The room has been told to close: a slow phone goes on writing before
    // it reads the room's Close.
    for _ in 0..AFTER_SIGNAL {
        op += 1;
        let (text, act) = pain(n, op);
        if closed || sink.send(Message::Text(act.into())).await.is_err() {
            break;
        }
        told.texts.push((op, text));
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    let read_rest = async {
        while !closed {
            match stream.next().await {
                Some(Ok(message)) => closed |= absorb(&message, &mut told),
                _ => break,
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(20), read_rest)
        .await
        .expect("the room closes this phone");
    told
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_the_room_in_a_flood_keeps_everything_the_phones_sent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("workshop.ron");
    rhythm::store::save(&path, &seeded()).expect("seed file");
    let room = Child::start(&path, "").await;
    let signal = Arc::new(tokio::sync::Barrier::new(FLOOD_PHONES + 1));
    let phones: Vec<_> = (0..FLOOD_PHONES)
        .map(|n| tokio::spawn(flood(room.info.clone(), n, Arc::clone(&signal))))
        .collect();
    // Everyone has just sent a burst: close the room now.
    tokio::time::timeout(Duration::from_secs(30), signal.wait())
        .await
        .expect("the phones write");
    let err = room.terminate().await;
    let mut sent = Vec::new();
    for phone in phones {
        sent.push(phone.await.expect("phone task"));
    }
    let saved = rhythm::store::load(&path).expect("the saved file loads");
    let in_file: std::collections::HashSet<&str> =
        saved.pain_points.iter().map(|p| p.text.as_str()).collect();
    let total: usize = sent.iter().map(|s| s.texts.len()).sum();
    let mut lost = Vec::new();
    for s in &sent {
        assert!(s.errors.is_empty(), "unexpected errors: {:?}", s.errors);
        for (op, text) in &s.texts {
            if !in_file.contains(text.as_str()) && !s.refused.contains_key(op) {
                lost.push(text.clone());
            }
        }
    }
    eprintln!(
        "{FLOOD_PHONES} phones sent {total} pain points before the room's Close; {} in the file; lost: {}",
        in_file.len(),
        lost.len()
    );
    assert!(
        total >= FLOOD_PHONES * 10,
        "the phones were writing: {total}"
    );
    assert!(lost.is_empty(), "lost {lost:?}\n{err}");
    let refused: usize = sent.iter().map(|s| s.refused.len()).sum();
    assert_eq!(in_file.len() + refused, total, "each once");
}

/// Lines 1 and 2 of `rhythm room`'s stdout: the join URL and the code
/// (within 30 s).
async fn url_and_code(child: &mut std::process::Child) -> (String, String) {
    let stdout = child.stdout.take().expect("stdout");
    let lines = tokio::task::spawn_blocking(move || {
        let mut reader = BufReader::new(stdout);
        let mut url = String::new();
        let mut code = String::new();
        reader.read_line(&mut url).expect("first line");
        reader.read_line(&mut code).expect("second line");
        (url.trim().to_owned(), code.trim().to_owned())
    });
    tokio::time::timeout(Duration::from_secs(30), lines)
        .await
        .expect("the URL is printed in time")
        .expect("read")
}
