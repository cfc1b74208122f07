//! Under a software rasteriser (no GPU driver) the window draws shapes
//! without anti-aliased edges, a quarter of a busy frame (issue 12), unless
//! the facilitator asks for smooth edges in View; with a GPU, edges stay
//! smooth.

use egui_kittest::{Harness, kittest::Queryable as _};
use rhythm::app::renderer::{self, RendererInfo};
use rhythm::app::{Prefs, RhythmApp};
use rhythm::document::Document;
use rhythm::model::Session;

fn drawn_by(software: bool) -> Harness<'static, RhythmApp> {
    let mut harness = Harness::builder()
        .with_size([1600.0, 900.0])
        .with_context_setup(crate::window_clear::install)
        .build_eframe(move |cc| {
            renderer::remember(
                &cc.egui_ctx,
                RendererInfo {
                    renderer: "glow",
                    adapter: if software { "llvmpipe" } else { "Some GPU" }.to_owned(),
                    driver: String::new(),
                    software,
                    fallback_from: None,
                },
            );
            RhythmApp::new(&cc.egui_ctx, Document::untitled(Session::default()), None)
        });
    harness.run();
    harness
}

#[test]
fn edges_are_smooth_on_a_gpu_and_plain_on_a_software_rasteriser_unless_asked() {
    let gpu = drawn_by(false);
    assert!(gpu.ctx.tessellation_options(|o| o.feathering));
    assert!(
        gpu.query_by_label("Smooth edges (slower without a GPU)")
            .is_none()
    );

    let mut software = drawn_by(true);
    assert!(!software.ctx.tessellation_options(|o| o.feathering));
    software.state_mut().set_prefs(Prefs {
        smooth_edges: true,
        ..Prefs::default()
    });
    software.run();
    assert!(software.ctx.tessellation_options(|o| o.feathering));
}
