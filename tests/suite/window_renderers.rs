//! The real window under each renderer (issue 12): `rhythm bench-pan` on a
//! private Xvfb display with `--renderer glow`, `--renderer wgpu`, and
//! with OpenGL made unavailable so that `auto` must fall back to wgpu.
//! Each run opens the window, pans for a fraction of a second and prints
//! one JSON line saying what drew it.
//!
//! These tests need Xvfb and Mesa (`.ci/run` installs them). Where Xvfb
//! cannot be started they pass after printing why they did not run.

use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const SESSION: &str = "sessions/media-company-2026-Q1-after.ron";
/// How long one `bench-pan` run may take before it is killed.
const RUN_TIMEOUT: Duration = Duration::from_secs(180);
/// How long Xvfb may take to open its socket.
const XVFB_TIMEOUT: Duration = Duration::from_secs(10);

/// A private X display, stopped on drop.
pub(crate) struct Xvfb {
    child: Child,
    /// The display's name, e.g. ":3".
    pub(crate) display: String,
    /// A private `XDG_RUNTIME_DIR` for what runs on it.
    pub(crate) runtime_dir: tempfile::TempDir,
}

impl Xvfb {
    /// Start a 1920×1080 Xvfb (see [`Xvfb::start_sized`]).
    fn start() -> Result<Self, String> {
        Self::start_sized("1920x1080")
    }

    /// Start Xvfb with one screen of `size` ("WIDTHxHEIGHT", pixels) on a
    /// display number it picks itself (`-displayfd`: no two tests, even
    /// started at the same moment, share a display), or say why not.
    pub(crate) fn start_sized(size: &str) -> Result<Self, String> {
        let screen = format!("{size}x24");
        use std::io::BufRead as _;
        let runtime_dir = tempfile::tempdir().map_err(|err| format!("temp dir: {err}"))?;
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                &screen,
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|err| format!("Xvfb is not installed or cannot run ({err})"))?;
        let Some(stdout) = child.stdout.take() else {
            let _ = child.kill();
            let _ = child.wait();
            return Err("Xvfb gave no output".to_owned());
        };
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = std::io::BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        match rx.recv_timeout(XVFB_TIMEOUT) {
            Ok(line) if line.trim().parse::<u32>().is_ok() => Ok(Self {
                child,
                display: format!(":{}", line.trim()),
                runtime_dir,
            }),
            other => {
                let _ = child.kill();
                let _ = child.wait();
                Err(format!(
                    "Xvfb did not say which display it opened ({other:?})"
                ))
            }
        }
    }

    /// `rhythm ARGS…` on this display, with `env` added; killed after
    /// [`RUN_TIMEOUT`].
    fn rhythm(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_rhythm"));
        command
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("DISPLAY", &self.display)
            .env("XDG_RUNTIME_DIR", self.runtime_dir.path())
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("RHYTHM_RENDERER")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("the rhythm binary starts");
        let started = Instant::now();
        while started.elapsed() < RUN_TIMEOUT {
            if let Ok(Some(_)) = child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        if !matches!(child.try_wait(), Ok(Some(_))) {
            let _ = child.kill();
        }
        child.wait_with_output().expect("rhythm's output")
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Xvfb, or `None` after printing why the test cannot run here.
fn display(test: &str) -> Option<Xvfb> {
    match Xvfb::start() {
        Ok(xvfb) => Some(xvfb),
        Err(why) => {
            crate::skip::skipped(
                test,
                &format!("no display server: {why} (install xvfb and Mesa)"),
            );
            None
        }
    }
}

/// `bench-pan` for a fraction of a second with `extra` arguments; the
/// parsed JSON line, or a panic showing stderr.
fn bench_pan(xvfb: &Xvfb, extra: &[&str], env: &[(&str, &str)]) -> serde_json::Value {
    let mut args = vec!["bench-pan", SESSION, "--seconds", "0.5"];
    args.extend_from_slice(extra);
    let out = xvfb.rhythm(&args, env);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "rhythm {args:?} failed ({}):\n{stderr}",
        out.status
    );
    let line = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(line)
        .unwrap_or_else(|err| panic!("not a JSON line ({err}): {line:?}\nstderr:\n{stderr}"))
}

#[test]
fn the_window_opens_with_glow_when_glow_is_forced() {
    let Some(xvfb) = display("glow forced") else {
        return;
    };
    let report = bench_pan(&xvfb, &["--renderer", "glow", "--size", "1280x800"], &[]);
    assert_eq!(report["renderer"], "glow", "{report}");
    assert!(
        report["adapter"].as_str().is_some_and(|a| !a.is_empty()),
        "{report}"
    );
    assert_eq!(report["window"], serde_json::json!([1280.0, 800.0]));
    assert!(report["frames"].as_u64().is_some_and(|n| n > 0), "{report}");
    assert_eq!(report["notes"], 19);
}

#[test]
fn the_window_opens_with_wgpu_when_wgpu_is_forced() {
    let Some(xvfb) = display("wgpu forced") else {
        return;
    };
    let report = bench_pan(&xvfb, &[], &[("RHYTHM_RENDERER", "wgpu")]);
    assert_eq!(report["renderer"], "wgpu", "{report}");
    assert_eq!(report["window"], serde_json::json!([1920.0, 1080.0]));
    assert!(report["frames"].as_u64().is_some_and(|n| n > 0), "{report}");
}

#[test]
fn without_opengl_the_window_falls_back_to_wgpu_and_says_why() {
    let Some(xvfb) = display("fallback") else {
        return;
    };
    // Mesa finds no OpenGL driver here; its Vulkan driver is elsewhere.
    let no_gl = [("LIBGL_DRIVERS_PATH", "/nonexistent")];
    let report = bench_pan(&xvfb, &[], &no_gl);
    assert_eq!(report["renderer"], "wgpu", "{report}");
    assert!(
        report["fallback_from"]
            .as_str()
            .is_some_and(|why| why.starts_with("glow")),
        "{report}"
    );

    // Forced, glow does not fall back: a clear error and exit code 1.
    let out = xvfb.rhythm(
        &[
            "bench-pan",
            SESSION,
            "--seconds",
            "0.5",
            "--renderer",
            "glow",
        ],
        &no_gl,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no renderer could start"), "{stderr}");
    assert!(stderr.contains("--renderer glow"), "{stderr}");
}

#[test]
fn an_unknown_renderer_is_refused_before_any_window_opens() {
    // No display needed: the choice is checked first.
    let out = Command::new(env!("CARGO_BIN_EXE_rhythm"))
        .args(["bench-pan", SESSION])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RHYTHM_RENDERER", "vulkan")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the rhythm binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("RHYTHM_RENDERER=vulkan"), "{stderr}");
    assert!(stderr.contains("`auto`, `glow` or `wgpu`"), "{stderr}");
}
