//! `rhythm bench-pan` (issues 7 and 12): the real window on a session, its
//! canvas panned along a circle every frame with vsync off, each frame
//! timed. The same view path drives the `frame` criterion benchmark, so
//! both measure the same board.
//!
//! The benchmark is an [`eframe::App`] of its own, [`BenchPanApp`], that
//! wraps the production [`RhythmApp`] and drives its canvas through public
//! methods: the window users get knows nothing of it.

use std::path::Path;
use std::str::FromStr;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use egui::{Rect, Vec2, vec2};

use serde::Serialize;

use crate::app::RhythmApp;
use crate::app::renderer::{self, RendererChoice, RendererInfo};
use crate::document::Document;
use crate::model::Session;
use crate::store;
use crate::ui::canvas::{CanvasState, View, content_rect_in_board};

/// Size the window asks for by default (or the whole screen if smaller),
/// points.
pub const WINDOW_SIZE: [f32; 2] = [1920.0, 1080.0];
/// Diameter of the circle the board's pan follows, screen points.
pub const CIRCLE_DIAMETER: f32 = 300.0;
/// Frames of the circle per turn: the pan moves 2π × 150 / 120 ≈ 7.9
/// points per frame.
pub const FRAMES_PER_TURN: f32 = 120.0;
/// Frames drawn before the timing starts (window, fonts and panels settle).
pub const WARM_UP_FRAMES: u64 = 10;

/// The zoom of the benchmark view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BenchZoom {
    /// The whole board in view, centred, at whatever zoom that takes (even
    /// below the 10 % the zoom controls stop at).
    #[default]
    Fit,
    /// 100 %: one board unit per point, the board's centre in the middle.
    Actual,
}

impl BenchZoom {
    /// "fit" or "1", as the command line takes it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Fit => "fit",
            Self::Actual => "1",
        }
    }
}

impl FromStr for BenchZoom {
    type Err = String;

    /// `fit`, or `1` / `100%` for 100 %.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "fit" => Ok(Self::Fit),
            "1" | "100" | "100%" | "1.0" => Ok(Self::Actual),
            other => Err(format!("zoom must be `fit` or `1`, not `{other}`")),
        }
    }
}

/// The window's inner size of a run, points: `--size WxH`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WindowSize(pub [f32; 2]);

impl Default for WindowSize {
    fn default() -> Self {
        Self(WINDOW_SIZE)
    }
}

impl FromStr for WindowSize {
    type Err = String;

    /// `WxH` in points, e.g. `1920x1080` or `1280x800` (`×` works too);
    /// each side 200–16384.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("size must look like 1920x1080, not `{s}`");
        let (w, h) = s.trim().split_once(['x', 'X', '×']).ok_or_else(bad)?;
        let side = |v: &str| -> Result<f32, String> {
            let v: u32 = v.trim().parse().map_err(|_| bad())?;
            if (200..=16384).contains(&v) {
                Ok(v as f32)
            } else {
                Err(format!("each side of --size must be 200–16384, not {v}"))
            }
        };
        Ok(Self([side(w)?, side(h)?]))
    }
}

/// The view of the benchmark before panning: the board's content centred
/// in `canvas` (screen points), at `zoom`.
pub fn base_view(canvas: Rect, content_in_board: Option<Rect>, zoom: BenchZoom) -> View {
    match zoom {
        BenchZoom::Fit => View::showing_all(canvas, content_in_board),
        BenchZoom::Actual => {
            let centre = content_in_board.map_or(egui::Pos2::ZERO, |r| r.center());
            View {
                pan: canvas.size() / 2.0 - centre.to_vec2(),
                zoom: 1.0,
            }
        }
    }
}

/// Offset of the pan at frame `frame` of the circle, screen points: a
/// circle of [`CIRCLE_DIAMETER`], one turn per [`FRAMES_PER_TURN`] frames.
pub fn circle_offset(frame: u64) -> Vec2 {
    let turns = (frame % FRAMES_PER_TURN as u64) as f32 / FRAMES_PER_TURN;
    let angle = turns * std::f32::consts::TAU;
    vec2(angle.cos(), angle.sin()) * (CIRCLE_DIAMETER / 2.0)
}

/// Set `canvas`'s view for frame `frame` of the circle around `base`.
pub fn pan_step(canvas: &mut CanvasState, base: View, frame: u64) {
    canvas.set_view(View {
        pan: base.pan + circle_offset(frame),
        zoom: base.zoom,
    });
}

/// What `rhythm bench-pan` measured.
#[derive(Clone, Debug, PartialEq)]
pub struct BenchReport {
    /// Notes on the board (tools, task notes and pain points).
    pub notes: usize,
    /// The zoom of the run.
    pub zoom: BenchZoom,
    /// Zoom of the view, screen points per board unit.
    pub view_zoom: f32,
    /// The window's inner size, points.
    pub window: [f32; 2],
    /// What drew the window: `glow` or `wgpu`, and the adapter.
    pub renderer: RendererInfo,
    /// Frames painted while timing.
    pub frames: usize,
    /// Seconds timed.
    pub seconds: f64,
    /// Frames per second while timing.
    pub fps: f64,
    /// Median time between frames, milliseconds.
    pub median_ms: f64,
    /// 95th percentile of the time between frames, milliseconds.
    pub p95_ms: f64,
    /// From process start (before the session file is read) to the first
    /// painted frame, milliseconds.
    pub first_frame_ms: f64,
    /// CPU time of all the process's threads (app and rasteriser) per
    /// timed frame, milliseconds; `None` where Linux's per-thread
    /// `schedstat` cannot be read. Unlike the frame times, it hardly
    /// changes when other programs compete for the CPU.
    pub cpu_ms_per_frame: Option<f64>,
}

/// The JSON line's fields, in order, rounded for reading.
#[derive(Serialize)]
struct JsonLine<'a> {
    notes: usize,
    zoom: &'static str,
    view_zoom: f64,
    window: [f32; 2],
    renderer: &'a str,
    adapter: &'a str,
    software: bool,
    fallback_from: Option<&'a str>,
    frames: usize,
    seconds: f64,
    fps: f64,
    median_ms: f64,
    p95_ms: f64,
    first_frame_ms: f64,
    cpu_ms_per_frame: Option<f64>,
}

/// `value` rounded to `digits` decimals (for the JSON line only).
fn rounded(value: f64, digits: i32) -> f64 {
    let scale = 10_f64.powi(digits);
    (value * scale).round() / scale
}

impl BenchReport {
    /// One line of JSON: `notes`, `zoom` ("fit" or "1"), `view_zoom`,
    /// `window` ([w, h] points), `renderer` ("glow" or "wgpu"), `adapter`,
    /// `software`, `fallback_from` (why the renderer tried first could not
    /// start, or null), `frames`, `seconds`, `fps`, `median_ms`, `p95_ms`,
    /// `first_frame_ms`, `cpu_ms_per_frame` (null where unknown).
    pub fn to_json(&self) -> String {
        let line = JsonLine {
            notes: self.notes,
            zoom: self.zoom.label(),
            view_zoom: rounded(f64::from(self.view_zoom), 4),
            window: self.window,
            renderer: self.renderer.renderer,
            adapter: &self.renderer.adapter,
            software: self.renderer.software,
            fallback_from: self.renderer.fallback_from.as_deref(),
            frames: self.frames,
            seconds: rounded(self.seconds, 2),
            fps: rounded(self.fps, 1),
            median_ms: rounded(self.median_ms, 2),
            p95_ms: rounded(self.p95_ms, 2),
            first_frame_ms: self.first_frame_ms.round(),
            cpu_ms_per_frame: self.cpu_ms_per_frame.map(|ms| rounded(ms, 2)),
        };
        // Serialising a struct of numbers and strings cannot fail; the
        // fallback keeps the line parseable all the same.
        serde_json::to_string(&line)
            .unwrap_or_else(|err| serde_json::json!({ "error": err.to_string() }).to_string())
    }
}

/// How a `bench-pan` run is set up (the command's options).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BenchOptions {
    /// `--zoom`.
    pub zoom: BenchZoom,
    /// `--seconds`: how long to time, after the warm-up frames.
    pub seconds: f64,
    /// `--renderer` (or `RHYTHM_RENDERER`).
    pub renderer: RendererChoice,
    /// `--size`: the window's inner size (capped to the screen).
    pub size: WindowSize,
}

/// The benchmark's own state: what it times and where it reports.
#[derive(Debug)]
struct BenchPan {
    zoom: BenchZoom,
    duration: Duration,
    size: [f32; 2],
    process_start: Instant,
    notes: usize,
    content_in_board: Option<Rect>,
    renderer: RendererInfo,
    /// The egui frame number of the last call of [`BenchPan::frame`].
    last_frame_nr: Option<u64>,
    first_frame: Option<Duration>,
    timing_since: Option<Instant>,
    /// The process's CPU time when the timing started.
    cpu_since: Option<Duration>,
    last: Option<Instant>,
    base: Option<(Rect, View)>,
    /// Time between consecutive frames while timing, milliseconds.
    frame_ms: Vec<f64>,
    done: bool,
    report: mpsc::Sender<BenchReport>,
}

impl BenchPan {
    fn finish(&mut self, ctx: &egui::Context, now: Instant, view_zoom: f32) {
        self.done = true;
        let mut sorted = self.frame_ms.clone();
        sorted.sort_by(f64::total_cmp);
        let at = |q: f64| {
            let i = ((sorted.len() as f64 * q).ceil() as usize).saturating_sub(1);
            sorted.get(i).copied().unwrap_or(0.0)
        };
        let seconds = self
            .timing_since
            .map_or(0.0, |t| now.duration_since(t).as_secs_f64());
        let window = ctx.content_rect().size();
        let frames = self.frame_ms.len();
        let cpu_ms_per_frame = match (self.cpu_since, process_cpu_time()) {
            (Some(since), Some(now)) if frames > 0 => {
                Some(now.saturating_sub(since).as_secs_f64() * 1000.0 / frames as f64)
            }
            _ => None,
        };
        let report = BenchReport {
            notes: self.notes,
            zoom: self.zoom,
            view_zoom,
            window: [window.x, window.y],
            renderer: self.renderer.clone(),
            frames: self.frame_ms.len(),
            seconds,
            fps: if seconds > 0.0 {
                self.frame_ms.len() as f64 / seconds
            } else {
                0.0
            },
            median_ms: at(0.5),
            p95_ms: at(0.95),
            first_frame_ms: self.first_frame.map_or(0.0, |d| d.as_secs_f64() * 1000.0),
            cpu_ms_per_frame,
        };
        if self.report.send(report).is_err() {
            tracing::warn!("bench-pan: nobody waits for the report");
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// One frame of the benchmark, before the app's own frame: set the
    /// view, keep repainting, time the frame, stop when done.
    fn frame(&mut self, app: &mut RhythmApp, ctx: &egui::Context) {
        if self.done {
            return;
        }
        let now = Instant::now();
        ctx.request_repaint();
        // Frames, not passes: egui may run a frame's UI twice (a discarded
        // sizing pass), which must not count as a frame of its own.
        let frame_nr = ctx.cumulative_frame_nr();
        let new_frame = self.last_frame_nr != Some(frame_nr);
        self.last_frame_nr = Some(frame_nr);
        if new_frame && frame_nr == 0 {
            // Not larger than the screen.
            let monitor = ctx.input(|i| i.viewport().monitor_size);
            if let Some(monitor) = monitor.filter(|m| m.x < self.size[0] || m.y < self.size[1]) {
                let size = vec2(self.size[0].min(monitor.x), self.size[1].min(monitor.y));
                ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
            }
        }
        if self.first_frame.is_none() && frame_nr >= 1 {
            // The first frame has been painted (and presented) by now.
            self.first_frame = Some(now.duration_since(self.process_start));
        }
        let Some(canvas) = app.canvas().canvas_rect() else {
            return;
        };
        let base = match self.base {
            Some((rect, view)) if rect == canvas => view,
            _ => {
                let view = base_view(canvas, self.content_in_board, self.zoom);
                self.base = Some((canvas, view));
                view
            }
        };
        pan_step(app.canvas_mut(), base, frame_nr);
        if !new_frame || frame_nr < WARM_UP_FRAMES {
            return;
        }
        match (self.timing_since, self.last) {
            (Some(since), Some(last)) => {
                self.frame_ms
                    .push(now.duration_since(last).as_secs_f64() * 1000.0);
                if now.duration_since(since) >= self.duration {
                    self.finish(ctx, now, base.zoom);
                }
            }
            _ => {
                self.timing_since = Some(now);
                self.cpu_since = process_cpu_time();
            }
        }
        self.last = Some(now);
    }
}

/// CPU time used so far by all the process's live threads (the app's and
/// the software rasteriser's), from Linux's `/proc/self/task/*/schedstat`
/// (first field: nanoseconds on a CPU). `None` elsewhere.
fn process_cpu_time() -> Option<Duration> {
    let tasks = std::fs::read_dir("/proc/self/task").ok()?;
    let mut total_ns: u64 = 0;
    let mut any = false;
    for task in tasks.flatten() {
        let Ok(text) = std::fs::read_to_string(task.path().join("schedstat")) else {
            continue;
        };
        if let Some(ns) = text
            .split_whitespace()
            .next()
            .and_then(|v| v.parse::<u64>().ok())
        {
            total_ns = total_ns.saturating_add(ns);
            any = true;
        }
    }
    any.then(|| Duration::from_nanos(total_ns))
}

/// Notes on the board: tools, task notes placed on it and pain points.
fn notes_on_board(session: &Session) -> usize {
    session.tools.len()
        + session
            .tasks
            .iter()
            .filter(|t| t.board_pos.is_some())
            .count()
        + session.pain_points.len()
}

/// The benchmark's window: the production [`RhythmApp`], its canvas
/// panned and its frames timed by the wrapper.
pub struct BenchPanApp {
    app: RhythmApp,
    bench: BenchPan,
}

impl eframe::App for BenchPanApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.bench.frame(&mut self.app, &ctx);
        self.app.ui(ui, frame);
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        self.app.clear_color(visuals)
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.app.save(storage);
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        self.app.on_exit(gl);
    }
}

/// Open the window on the session at `path`, pan for `options.seconds`,
/// close it and return what was measured. `process_start` is when the
/// process started (for the time to the first painted frame).
///
/// # Errors
/// The session cannot be read, `seconds` is not a duration, no renderer
/// could start, or the window closed before the benchmark finished.
pub fn run(
    path: &Path,
    options: BenchOptions,
    process_start: Instant,
) -> anyhow::Result<BenchReport> {
    let session = store::load(path).map_err(|err| anyhow::anyhow!(err.with_path(path)))?;
    let duration = Duration::try_from_secs_f64(options.seconds)
        .map_err(|err| anyhow::anyhow!("--seconds {}: {err}", options.seconds))?;
    let (tx, rx) = mpsc::channel();
    let notes = notes_on_board(&session);
    let content_in_board = content_rect_in_board(&session);
    // A benchmark only reads the file: it takes no lock, and a window may
    // have it open meanwhile.
    let doc = Document::untitled(session);
    // A private, throw-away place for eframe's persisted state: no window
    // geometry or panel sizes from earlier runs.
    let storage = tempfile::tempdir()?;
    let size = options.size.0;
    let mut native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Rhythm bench-pan")
            .with_inner_size(size)
            .with_position([0.0, 0.0]),
        persist_window: false,
        persistence_path: Some(storage.path().join("state.ron")),
        ..Default::default()
    };
    // Vsync off in both renderers: frames as fast as they can be drawn.
    native.glow_options.vsync = false;
    native.wgpu_options.surface.present_mode = eframe::wgpu::PresentMode::AutoNoVsync;
    let zoom = options.zoom;
    renderer::run_native(
        "Rhythm bench-pan",
        &native,
        options.renderer,
        Box::new(move |cc, renderer| {
            let bench = BenchPan {
                zoom,
                duration,
                size,
                process_start,
                notes,
                content_in_board,
                renderer,
                last_frame_nr: None,
                first_frame: None,
                timing_since: None,
                cpu_since: None,
                last: None,
                base: None,
                frame_ms: Vec::with_capacity(4096),
                done: false,
                report: tx,
            };
            let app = RhythmApp::new(&cc.egui_ctx, doc, None);
            Ok(Box::new(BenchPanApp { app, bench }))
        }),
    )?;
    rx.try_recv()
        .map_err(|_| anyhow::anyhow!("the window closed before the benchmark finished"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_sizes_parse_from_wxh() {
        assert_eq!("1280x800".parse(), Ok(WindowSize([1280.0, 800.0])));
        assert_eq!(" 1920×1080 ".parse(), Ok(WindowSize([1920.0, 1080.0])));
        assert!("1920".parse::<WindowSize>().is_err());
        assert!("10x10".parse::<WindowSize>().is_err());
        assert!("axb".parse::<WindowSize>().is_err());
    }

    #[test]
    fn the_json_line_is_json_with_the_renderer_in_it() {
        let report = BenchReport {
            notes: 19,
            zoom: BenchZoom::Fit,
            view_zoom: 0.123_456,
            window: [1280.0, 800.0],
            renderer: RendererInfo {
                renderer: "glow",
                adapter: "llvmpipe \"quoted\" (LLVM 15)".to_owned(),
                driver: "OpenGL 4.5".to_owned(),
                software: true,
                fallback_from: None,
            },
            frames: 300,
            seconds: 5.004,
            fps: 59.95,
            median_ms: 16.666,
            p95_ms: 18.0,
            first_frame_ms: 321.7,
            cpu_ms_per_frame: None,
        };
        let value: serde_json::Value = match serde_json::from_str(&report.to_json()) {
            Ok(value) => value,
            Err(err) => panic!("not JSON: {err}: {}", report.to_json()),
        };
        assert_eq!(value["renderer"], "glow");
        assert_eq!(value["adapter"], "llvmpipe \"quoted\" (LLVM 15)");
        assert_eq!(value["window"], serde_json::json!([1280.0, 800.0]));
        assert_eq!(value["fps"], 60.0);
        assert_eq!(value["median_ms"], 16.67);
        assert_eq!(value["view_zoom"], 0.1235);
        assert_eq!(value["first_frame_ms"], 322.0);
        assert_eq!(value["notes"], 19);
        assert!(value["cpu_ms_per_frame"].is_null());
    }

    #[test]
    fn this_process_has_used_some_cpu_time_on_linux() {
        if cfg!(target_os = "linux") {
            let first = process_cpu_time();
            assert!(first.is_some_and(|t| t > Duration::ZERO), "{first:?}");
        }
    }
}
