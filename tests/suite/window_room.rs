//! The room on the real wall (issue 17.1 and 17.3), in the real window
//! under a window manager, looked at the way the room looks at it: a
//! screenshot of the screen. The kittest harness once showed a join panel
//! and a revealed note that the real window never drew.
//!
//! `rhythm --room --listen 127.0.0.1:0 --projector` on a 1280×800
//! screen: the join screen's QR code must be readable by a phone's
//! scanner (zbarimg) from the screenshot, lead to the URL the window
//! printed, and take at least 40 % of the screen's height. A phone then
//! writes a jam pain point, hidden until the reveal; after F4 (the board)
//! and R (Reveal), its lavender note appears on the wall; after Ctrl+Z it
//! is gone again.
//!
//! Needs Xvfb, openbox, x11-utils, xdotool, ImageMagick (`import`) and
//! zbar-tools (`zbarimg`), which `.ci/run` installs; where one is missing
//! the test prints "SKIPPED" and why, and passes. Loopback only.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::json;

use crate::room_support::{Phone, loopback_room};
use crate::skip::{eventually, skipped};
use crate::window_renderers::Xvfb;
use crate::window_screen::{Killed, installed, screen_sized_with_window_manager, x_tool};

/// The projector's screen, pixels.
const SCREEN: [i32; 2] = [1280, 800];
/// How long the window may take to open, settle or answer a key (a debug
/// build drawing in software on a busy machine).
const DEADLINE: Duration = Duration::from_secs(90);
/// A jam pain note's fill on the wall (`theme::JAM_PAIN_FILL`).
const JAM_FILL: [u8; 3] = [0xDD, 0xCD, 0xF6];
/// Pixels of jam fill one revealed note adds at least (a free-standing
/// note in the overview is a pill of some 100×40 px).
const ONE_NOTE: usize = 1500;

/// The whole screen as RGB pixels, or `None` when it cannot be captured.
fn screenshot(xvfb: &Xvfb) -> Option<image::RgbImage> {
    let out = Command::new("import")
        .args(["-window", "root", "png:-"])
        .env("DISPLAY", &xvfb.display)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(image::load_from_memory(&out.stdout).ok()?.to_rgb8())
}

/// What a phone's scanner reads on the screen (each QR code's text), and
/// how tall the QR code is on it, pixels.
fn qr_codes(xvfb: &Xvfb, dir: &Path) -> (Vec<String>, usize) {
    let Some(shot) = screenshot(xvfb) else {
        return (Vec::new(), 0);
    };
    let file = dir.join("wall.png");
    if shot.save(&file).is_err() {
        return (Vec::new(), 0);
    }
    let out = Command::new("zbarimg")
        .args(["--raw", "-q"])
        .arg(&file)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let texts = out.lines().map(str::to_owned).collect();
    (texts, qr_height(&shot))
}

/// The height of the QR code on the screen, pixels: the longest run of
/// rows holding its pure black modules (the rest of the wall is drawn in
/// ink, never pure black), gaps of a few modules allowed (a row of the
/// code may be all light).
fn qr_height(shot: &image::RgbImage) -> usize {
    /// Rows without a dark module inside a QR code, at most (pixels).
    const GAP: usize = 40;
    let dark_rows: Vec<usize> = shot
        .rows()
        .enumerate()
        .filter(|(_, row)| row.clone().filter(|p| p.0 == [0, 0, 0]).count() >= 3)
        .map(|(y, _)| y)
        .collect();
    let (mut best, mut start, mut last) = (0, None::<usize>, 0);
    for y in dark_rows {
        match start {
            Some(s) if y - last <= GAP => best = best.max(y - s + 1),
            _ => start = Some(y),
        }
        last = y;
    }
    best
}

/// Pixels of the screen in exactly `colour`.
fn pixels_of(xvfb: &Xvfb, colour: [u8; 3]) -> Option<usize> {
    let shot = screenshot(xvfb)?;
    Some(shot.pixels().filter(|p| p.0 == colour).count())
}

/// Type `keys` into the Rhythm window (xdotool, after focusing it).
fn press(xvfb: &Xvfb, keys: &str) {
    x_tool(
        xvfb,
        "xdotool",
        &[
            "search",
            "--name",
            "Rhythm",
            "windowactivate",
            "--sync",
            "key",
            "--clearmodifiers",
            keys,
        ],
    );
}

/// Which of the programs this test needs is missing.
fn missing_program() -> Option<&'static str> {
    [
        ("import", "-version", "imagemagick"),
        ("zbarimg", "--version", "zbar-tools"),
        ("xdotool", "--version", "xdotool"),
    ]
    .into_iter()
    .find(|(program, arg, _)| !installed(program, arg))
    .map(|(_, _, package)| package)
}

#[test]
fn the_join_screen_reads_from_the_back_and_a_reveal_reaches_the_wall() {
    let test = "window_room: the join screen and the reveal on the real wall";
    if let Some(package) = missing_program() {
        skipped(test, &format!("install {package}"));
        return;
    }
    let Some((xvfb, _wm)) = screen_sized_with_window_manager(test, SCREEN) else {
        return;
    };
    let data = tempfile::tempdir().expect("temp dir");
    let session = data.path().join("asana.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/asana-github-2026-Q1.ron"),
        &session,
    )
    .expect("example copied");
    let mut child = Command::new(env!("CARGO_BIN_EXE_rhythm"))
        .args(["--room", "--listen", "127.0.0.1:0", "--projector"])
        .arg(&session)
        .env("DISPLAY", &xvfb.display)
        .env("XDG_RUNTIME_DIR", xvfb.runtime_dir.path())
        .env("XDG_DATA_HOME", data.path())
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the rhythm binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let _app = Killed(child);
    // Lines 1 and 2: the join URL and the code.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        let url = lines.next().and_then(Result::ok).unwrap_or_default();
        let code = lines.next().and_then(Result::ok).unwrap_or_default();
        let _ = tx.send((url, code));
    });
    let (url, code) = rx
        .recv_timeout(DEADLINE)
        .expect("the window prints the URL");
    let info = loopback_room(url.trim(), code.trim());

    // 17.3: the join screen fills the wall; a scanner reads the QR code
    // from across the room.
    let (mut seen, mut height) = (Vec::new(), 0);
    let readable = eventually(DEADLINE, || {
        (seen, height) = qr_codes(&xvfb, data.path());
        seen.contains(&info.url)
    });
    assert!(
        readable,
        "a phone's scanner reads {} on the wall; it read {seen:?}",
        info.url
    );
    assert!(
        height * 10 >= SCREEN[1] as usize * 4,
        "the QR code takes at least 40 % of the screen's height: {height} px of {}",
        SCREEN[1]
    );

    // A phone writes a jam pain point: hidden until the reveal.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let mut phone = Phone::connect(&info).await;
        assert_eq!(phone.join("Sam Okafor").await["type"], "welcome");
        let ack = phone
            .act(
                json!({"kind": "add_pain", "text": "Nobody knows which channel holds the decision",
                        "category": "Jam", "hours": 2}),
            )
            .await;
        assert_eq!(ack["type"], "ack", "{ack}");
    });

    // F4: the board. What the wall shows of jam notes before the reveal,
    // once the join screen is gone (no QR code left to read).
    press(&xvfb, "F4");
    assert!(
        eventually(DEADLINE, || qr_codes(&xvfb, data.path()).0.is_empty()),
        "F4 puts the board back on the wall"
    );
    let before = pixels_of(&xvfb, JAM_FILL).expect("a screenshot");

    // 17.1: R reveals; the note reaches the wall.
    press(&xvfb, "r");
    let mut after = before;
    assert!(
        eventually(DEADLINE, || {
            after = pixels_of(&xvfb, JAM_FILL).unwrap_or(before);
            after >= before + ONE_NOTE
        }),
        "after R the revealed jam pain note is on the wall: {before} → {after} px of its colour"
    );

    // Ctrl+Z hides it again.
    press(&xvfb, "ctrl+z");
    let mut undone = after;
    assert!(
        eventually(DEADLINE, || {
            undone = pixels_of(&xvfb, JAM_FILL).unwrap_or(after);
            undone + ONE_NOTE <= after
        }),
        "after Ctrl+Z the note is hidden again: {after} → {undone} px of its colour"
    );
    eprintln!(
        "{test}: QR code {height} px tall; jam fill {before} → {after} (R) → {undone} (Ctrl+Z) px"
    );
    drop(runtime);
}
