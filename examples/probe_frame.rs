// Temporary probe (deleted after use).
use egui::{Pos2, Rect, vec2};
use rhythm::app::bench_pan::{self, BenchZoom};
use rhythm::app::{Document, RhythmApp};
use rhythm::ui::canvas::content_rect_in_board;
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let zoom = if std::env::args().nth(2).as_deref() == Some("1") {
        BenchZoom::Actual
    } else {
        BenchZoom::Fit
    };
    let session = rhythm::generate::session(n, 1);
    let content = content_rect_in_board(&session);
    let ctx = egui::Context::default();
    let mut app = RhythmApp::new(&ctx, Document::new(session, None), None);
    let mut frame = eframe::Frame::_new_kittest();
    let mut time = 0.0;
    let mut base = None;
    for i in 0..std::env::var("FRAMES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40u64)
    {
        if let (Some(b), true) = (base, i >= 5) {
            bench_pan::pan_step(app.canvas_mut(), b, i);
        }
        time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1920.0, 1080.0))),
            time: Some(time),
            predicted_dt: 1.0 / 60.0,
            ..Default::default()
        };
        let t0 = std::time::Instant::now();
        let mut out = ctx.run_ui(input, |ui| eframe::App::ui(&mut app, ui, &mut frame));
        let t1 = std::time::Instant::now();
        let shapes = std::mem::take(&mut out.shapes);
        let nshapes = shapes.len();
        if i == 39 && std::env::var("PROBE_GROUPS").is_ok() {
            let mut groups: std::collections::BTreeMap<String, Vec<egui::epaint::ClippedShape>> =
                Default::default();
            for s in &shapes {
                let name = match &s.shape {
                    egui::Shape::Rect(r) => format!(
                        "rect cr={} sw={} blur={} area>{}",
                        r.corner_radius.nw,
                        r.stroke.width,
                        r.blur_width,
                        (r.rect.area() > 10000.0)
                    ),
                    egui::Shape::Circle(c) => format!("circle r={}", c.radius),
                    egui::Shape::Text(_) => "text".into(),
                    egui::Shape::Mesh(_) => "mesh".into(),
                    egui::Shape::LineSegment { .. } => "line".into(),
                    egui::Shape::Path(_) => "path".into(),
                    other => format!("{:?}", std::mem::discriminant(other)),
                };
                groups.entry(name).or_default().push(s.clone());
            }
            for (name, g) in groups {
                let n = g.len();
                let t = std::time::Instant::now();
                let mut v = 0;
                for _ in 0..20 {
                    let p = ctx.tessellate(g.clone(), 1.0);
                    v = p
                        .iter()
                        .map(|p| match &p.primitive {
                            egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                            _ => 0,
                        })
                        .sum::<usize>();
                }
                println!(
                    "  {name}: {n} shapes, {v} verts, {:.3} ms",
                    t.elapsed().as_secs_f64() * 1e3 / 20.0
                );
            }
        }
        let prims = ctx.tessellate(shapes, out.pixels_per_point);
        let t2 = std::time::Instant::now();
        out.textures_delta.clear();
        let verts: usize = prims
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                _ => 0,
            })
            .sum();
        if i == 4 {
            base = app
                .canvas()
                .canvas_rect()
                .map(|c| bench_pan::base_view(c, content, zoom));
        }
        if i < 12 || i % 8 == 7 {
            println!(
                "frame {i}: canvas {:?} zoom {:.3} shapes {nshapes} prims {} verts {verts} ui {:.2} ms tess {:.2} ms",
                app.canvas().canvas_rect().map(|r| r.size()),
                app.canvas().view.zoom,
                prims.len(),
                (t1 - t0).as_secs_f64() * 1e3,
                (t2 - t1).as_secs_f64() * 1e3
            );
        }
    }
}
