//! What eframe does before every frame and egui_kittest does not: clear
//! the window to the app's clear colour.
//!
//! The main window leaves the board unfilled and lets the window's clear
//! colour show (`theme::WINDOW_CLEAR`, issue 12). kittest's renderer
//! clears to transparent, so without this the board would come out
//! transparent in the snapshots; with it they show what users see.

use rhythm::ui::theme;

/// Paints [`theme::WINDOW_CLEAR`] over the whole window at the start of
/// every pass, under everything else (the background layer, first).
struct WindowClear;

impl egui::Plugin for WindowClear {
    fn debug_name(&self) -> &'static str {
        "window clear colour"
    }

    fn on_begin_pass(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        ctx.layer_painter(egui::LayerId::background()).rect_filled(
            ctx.content_rect(),
            0.0,
            theme::WINDOW_CLEAR,
        );
    }
}

/// For `Harness::builder().with_context_setup(...)`: clear like eframe.
pub fn install(ctx: &egui::Context) {
    ctx.add_plugin(WindowClear);
}
