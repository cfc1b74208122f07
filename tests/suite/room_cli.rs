//! `rhythm room PATH --listen 127.0.0.1:0`: the room without a window, as
//! scripts and CI drive it. The URL and the code on stdout, phones' edits
//! in a recovery copy within seconds, the file saved on SIGTERM.

use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rhythm::room::RoomInfo;
use serde_json::json;

use crate::room_server::seeded;
use crate::room_support::Phone;

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
    let stdout = child.stdout.take().expect("stdout");
    let lines = tokio::task::spawn_blocking(move || {
        let mut reader = BufReader::new(stdout);
        let mut url = String::new();
        let mut code = String::new();
        reader.read_line(&mut url).expect("first line");
        reader.read_line(&mut code).expect("second line");
        (url.trim().to_owned(), code.trim().to_owned())
    });
    let (url, code) = tokio::time::timeout(Duration::from_secs(30), lines)
        .await
        .expect("the URL is printed in time")
        .expect("read");
    let rest = url
        .strip_prefix("http://127.0.0.1:")
        .expect("a loopback URL");
    let (port, key) = rest.split_once("/#").expect("URL/#KEY");
    assert_eq!(key.len(), 32, "a 128-bit key: {url}");
    assert!(key.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(code.len(), 6, "{code:?}");
    assert!(code.chars().all(|c| c.is_ascii_digit()));
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
    let info = RoomInfo {
        addr,
        url: url.clone(),
        typed_url: format!("http://{addr}"),
        code,
    };

    let mut phone = Phone::connect(&info).await;
    assert_eq!(phone.join("Priya").await["type"], "welcome");
    let ack = phone
        .act(json!({"kind": "add_pain", "text": "Releases wait for one person", "category": "Orchestra", "hours": 3}))
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");

    // Autosave: a recovery copy beside the file within a few seconds.
    let copy = rhythm::store::recovery::beside(&path).expect("copy path");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !copy.exists() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(copy.exists(), "a recovery copy at {}", copy.display());
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
