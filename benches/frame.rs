//! `frame` (issue 7): the CPU cost of one full frame of the main window,
//! egui layout plus tessellation (no GPU), on a generated board of N notes
//! while the canvas pans along a circle, with the whole board in view
//! (`frame_fit/notes_N`) and at 100 % zoom (`frame_100/notes_N`).
//!
//! `cargo bench --bench frame`

// A benchmark that cannot run stops loudly (the house rule against
// unwrap, expect and panic is for the product).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, Rect, vec2};
use rhythm::app::RhythmApp;
use rhythm::diagnostics::bench_pan::{self, BenchZoom};
use rhythm::document::Document;
use rhythm::ui::canvas::{View, content_rect_in_board};

/// Board sizes, notes.
const NOTES: [usize; 4] = [200, 2000, 4096, 10000];
/// Seed of the generated boards.
const SEED: u64 = 1;
/// Frames run before measuring, so panels and fonts settle.
const SETTLE_FRAMES: usize = 5;

/// The main window in a bare egui context, with its view on the circle.
struct Window {
    ctx: egui::Context,
    app: RhythmApp,
    frame: eframe::Frame,
    base: View,
    step: u64,
    time: f64,
}

impl Window {
    fn new(notes: usize, zoom: BenchZoom) -> Self {
        let session = rhythm::generate::session(notes, SEED);
        let content = content_rect_in_board(&session);
        let ctx = egui::Context::default();
        let app = RhythmApp::new(&ctx, Document::untitled(session), None);
        let mut window = Self {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
            base: View::default(),
            step: 0,
            time: 0.0,
        };
        for _ in 0..SETTLE_FRAMES {
            window.run_frame();
        }
        let canvas = window
            .app
            .canvas()
            .canvas_rect()
            .unwrap_or(Rect::from_min_size(Pos2::ZERO, vec2(900.0, 900.0)));
        window.base = bench_pan::base_view(canvas, content, zoom);
        window
    }

    /// One frame: pan a step, lay out, tessellate. Returns the number of
    /// triangles' vertices, so nothing is optimised away.
    fn pan_frame(&mut self) -> usize {
        bench_pan::pan_step(self.app.canvas_mut(), self.base, self.step);
        self.step += 1;
        self.run_frame()
    }

    fn run_frame(&mut self) -> usize {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1920.0, 1080.0))),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            ..Default::default()
        };
        let (app, frame) = (&mut self.app, &mut self.frame);
        let mut output = self.ctx.run_ui(input, |ui| eframe::App::ui(app, ui, frame));
        let shapes = std::mem::take(&mut output.shapes);
        let primitives = self.ctx.tessellate(shapes, output.pixels_per_point);
        output.textures_delta.clear();
        primitives
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum()
    }
}

/// Bring glibc's allocator into the state it is in inside the real
/// window. glibc raises its mmap and trim thresholds when a large block is
/// freed; the window's renderer frees blocks of 8–27 MB as it starts (font
/// atlas images, surface buffers: `strace -e munmap rhythm bench-pan …`),
/// so from then on a frame's meshes are reused from the heap. A bare egui
/// context never does, and without this the benchmark would mostly measure
/// the heap being returned to the kernel and faulted back in every frame.
fn settle_allocator_like_the_window() {
    drop(black_box(vec![1_u8; 24 << 20]));
}

fn frames(c: &mut Criterion) {
    settle_allocator_like_the_window();
    for (group_name, zoom) in [
        ("frame_fit", BenchZoom::Fit),
        ("frame_100", BenchZoom::Actual),
    ] {
        let mut group = c.benchmark_group(group_name);
        group
            .sample_size(30)
            .warm_up_time(Duration::from_secs(2))
            .measurement_time(Duration::from_secs(5));
        for notes in NOTES {
            let mut window = Window::new(notes, zoom);
            group.bench_function(format!("notes_{notes}"), |b| {
                b.iter(|| black_box(window.pan_frame()));
            });
        }
        group.finish();
    }
}

criterion_group!(benches, frames);
criterion_main!(benches);
