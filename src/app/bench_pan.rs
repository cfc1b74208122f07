//! `rhythm bench-pan` (issue 7): the real window on a session, its canvas
//! panned along a circle every frame with vsync off, each frame timed.
//! The same view path drives the `frame` criterion benchmark, so both
//! measure the same board.

use std::path::Path;
use std::str::FromStr;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use egui::{Rect, Vec2, vec2};

use super::{Document, RhythmApp};
use crate::model::Session;
use crate::store;
use crate::ui::canvas::{CanvasState, View, content_rect_in_board};

/// Size the window asks for (or the whole screen if smaller), points.
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
}

impl BenchReport {
    /// One line of JSON.
    pub fn to_json(&self) -> String {
        format!(
            "{{\"notes\":{},\"zoom\":\"{}\",\"view_zoom\":{:.4},\"window\":[{},{}],\"frames\":{},\
             \"seconds\":{:.2},\"fps\":{:.1},\"median_ms\":{:.2},\"p95_ms\":{:.2},\
             \"first_frame_ms\":{:.0}}}",
            self.notes,
            self.zoom.label(),
            self.view_zoom,
            self.window[0],
            self.window[1],
            self.frames,
            self.seconds,
            self.fps,
            self.median_ms,
            self.p95_ms,
            self.first_frame_ms,
        )
    }
}

/// The benchmark's state inside the app (see [`RhythmApp`]'s frame).
#[derive(Debug)]
pub struct BenchPan {
    zoom: BenchZoom,
    duration: Duration,
    process_start: Instant,
    notes: usize,
    content_in_board: Option<Rect>,
    /// The egui frame number of the last call of [`frame`].
    last_frame_nr: Option<u64>,
    first_frame: Option<Duration>,
    timing_since: Option<Instant>,
    last: Option<Instant>,
    base: Option<(Rect, View)>,
    /// Time between consecutive frames while timing, milliseconds.
    frame_ms: Vec<f64>,
    done: bool,
    report: mpsc::Sender<BenchReport>,
}

impl BenchPan {
    fn new(
        session: &Session,
        zoom: BenchZoom,
        duration: Duration,
        process_start: Instant,
        report: mpsc::Sender<BenchReport>,
    ) -> Self {
        Self {
            zoom,
            duration,
            process_start,
            notes: session.tools.len()
                + session
                    .tasks
                    .iter()
                    .filter(|t| t.board_pos.is_some())
                    .count()
                + session.pain_points.len(),
            content_in_board: content_rect_in_board(session),
            last_frame_nr: None,
            first_frame: None,
            timing_since: None,
            last: None,
            base: None,
            frame_ms: Vec::with_capacity(4096),
            done: false,
            report,
        }
    }

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
        let report = BenchReport {
            notes: self.notes,
            zoom: self.zoom,
            view_zoom,
            window: [window.x, window.y],
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
        };
        if self.report.send(report).is_err() {
            tracing::warn!("bench-pan: nobody waits for the report");
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

/// One frame of the benchmark, called by the app at the start of each
/// frame: set the view, keep repainting, time the frame, stop when done.
pub(super) fn frame(app: &mut RhythmApp, ctx: &egui::Context) {
    let Some(bench) = app.bench_pan.as_mut() else {
        return;
    };
    if bench.done {
        return;
    }
    let now = Instant::now();
    ctx.request_repaint();
    // Frames, not passes: egui may run a frame's UI twice (a discarded
    // sizing pass), which must not count as a frame of its own.
    let frame_nr = ctx.cumulative_frame_nr();
    let new_frame = bench.last_frame_nr != Some(frame_nr);
    bench.last_frame_nr = Some(frame_nr);
    if new_frame && frame_nr == 0 {
        // Not larger than the screen.
        let monitor = ctx.input(|i| i.viewport().monitor_size);
        if let Some(monitor) = monitor.filter(|m| m.x < WINDOW_SIZE[0] || m.y < WINDOW_SIZE[1]) {
            let size = vec2(WINDOW_SIZE[0].min(monitor.x), WINDOW_SIZE[1].min(monitor.y));
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
        }
    }
    if bench.first_frame.is_none() && frame_nr >= 1 {
        // The first frame has been painted (and presented) by now.
        bench.first_frame = Some(now.duration_since(bench.process_start));
    }
    let Some(canvas) = app.views.canvas.canvas_rect() else {
        return;
    };
    let base = match bench.base {
        Some((rect, view)) if rect == canvas => view,
        _ => {
            let view = base_view(canvas, bench.content_in_board, bench.zoom);
            bench.base = Some((canvas, view));
            view
        }
    };
    pan_step(&mut app.views.canvas, base, frame_nr);
    if !new_frame || frame_nr < WARM_UP_FRAMES {
        return;
    }
    match (bench.timing_since, bench.last) {
        (Some(since), Some(last)) => {
            bench
                .frame_ms
                .push(now.duration_since(last).as_secs_f64() * 1000.0);
            if now.duration_since(since) >= bench.duration {
                bench.finish(ctx, now, base.zoom);
            }
        }
        _ => bench.timing_since = Some(now),
    }
    bench.last = Some(now);
}

/// Open the window on the session at `path`, pan for `seconds`, close it
/// and return what was measured. `process_start` is when the process
/// started (for the time to the first painted frame).
pub fn run(
    path: &Path,
    zoom: BenchZoom,
    seconds: f64,
    process_start: Instant,
) -> anyhow::Result<BenchReport> {
    let session = store::load(path).map_err(|err| anyhow::anyhow!(err.with_path(path)))?;
    let duration = Duration::try_from_secs_f64(seconds)
        .map_err(|err| anyhow::anyhow!("--seconds {seconds}: {err}"))?;
    let (tx, rx) = mpsc::channel();
    let bench = BenchPan::new(&session, zoom, duration, process_start, tx);
    let doc = Document::open(session, path.to_owned()).map_err(|err| anyhow::anyhow!("{err}"))?;
    // A private, throw-away place for eframe's persisted state: no window
    // geometry or panel sizes from earlier runs.
    let storage = tempfile::tempdir()?;
    let mut options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Rhythm bench-pan")
            .with_inner_size(WINDOW_SIZE)
            .with_position([0.0, 0.0]),
        persist_window: false,
        persistence_path: Some(storage.path().join("state.ron")),
        ..Default::default()
    };
    options.wgpu_options.surface.present_mode = eframe::wgpu::PresentMode::AutoNoVsync;
    eframe::run_native(
        "Rhythm bench-pan",
        options,
        Box::new(move |cc| {
            let mut app = RhythmApp::new(&cc.egui_ctx, doc, None);
            app.bench_pan = Some(bench);
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| anyhow::anyhow!("cannot open the window: {err}"))?;
    rx.try_recv()
        .map_err(|_| anyhow::anyhow!("the window closed before the benchmark finished"))
}

impl RhythmApp {
    /// The tool-map view's state, to drive the view from outside (the
    /// `frame` benchmark).
    pub fn canvas_mut(&mut self) -> &mut CanvasState {
        &mut self.views.canvas
    }
}
