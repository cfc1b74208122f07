//! Presentation: projector mode (fullscreen, large UI, high contrast),
//! the UI scale, the step timer and its "time is up" banner.

use egui::RichText;

use super::{RhythmApp, renderer};
use crate::ui::{canvas, theme};

/// Smallest on-screen note text in projector mode, physical pixels: read
/// from the back of the room at 1920×1080 (issue 6).
pub const PROJECTOR_MIN_TEXT_PX: f32 = 24.0;

/// Below this window width (points) projector mode folds the live-score
/// panel and shortens the step tabs: 1280×800 at the projector's scale.
pub const NARROW_PROJECTOR: f32 = 1000.0;

impl RhythmApp {
    /// Whether projector mode is on.
    pub fn is_projector(&self) -> bool {
        self.presentation.projector
    }

    /// The UI scale of the current mode (1 = normal size).
    pub fn scale(&self) -> f32 {
        if self.presentation.projector {
            self.prefs.projector_scale
        } else {
            self.prefs.scale
        }
    }

    /// Turn projector mode on or off: fullscreen, the mode's scale, the
    /// high-contrast outlines, and "fit all" that keeps note text at
    /// least [`PROJECTOR_MIN_TEXT_PX`] high.
    pub fn set_projector(&mut self, ctx: &egui::Context, on: bool) {
        self.presentation.projector = on;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));

        theme::set_projector(ctx, on || self.prefs.high_contrast);
        self.views.canvas.request_fit();
        self.say(if on {
            "Projector mode: Esc or F5 leaves it · Ctrl+= / Ctrl+- size · F1 keys"
        } else {
            "Projector mode off"
        });
    }

    /// Give egui the current mode's scale, when it changed; true then (the
    /// new scale takes effect at the next pass). Also turns anti-aliased
    /// edges off while a software rasteriser draws the window, unless the
    /// preferences ask for them ([`Prefs::smooth_edges`](super::Prefs)).
    pub(super) fn apply_scale(&mut self, ctx: &egui::Context) -> bool {
        // Under llvmpipe the feathered edge of every shape is a ring of
        // extra triangles: a quarter of a 200-note frame (issue 12). Text
        // is unaffected (glyphs are textures).
        let software = renderer::current(ctx).is_some_and(|info| info.software);
        let feathering = !software || self.prefs.smooth_edges;
        if ctx.tessellation_options(|o| o.feathering) != feathering {
            ctx.tessellation_options_mut(|o| o.feathering = feathering);
        }
        let scale = self.scale();
        let changed = self.presentation.applied_scale != Some(scale);
        if changed {
            ctx.set_zoom_factor(scale);
            self.presentation.applied_scale = Some(scale);
            self.views.canvas.request_fit();
        }
        // In projector mode every text on the board is at least
        // PROJECTOR_MIN_TEXT_PX high: zoomed out further, the board shows
        // its overview (issue 13).
        self.presentation.legibility = if self.presentation.projector {
            canvas::Legibility::projector(PROJECTOR_MIN_TEXT_PX, ctx.pixels_per_point())
        } else {
            canvas::Legibility::NORMAL
        };
        changed
    }

    /// Whether the live-score panel is folded away: as the user last said
    /// (L), else folded in projector mode on a screen narrower than
    /// 1,000 points (`NARROW_PROJECTOR`), where the board needs the width.
    pub fn score_folded(&self, ctx: &egui::Context) -> bool {
        self.presentation.score_folded.unwrap_or_else(|| {
            self.presentation.projector && ctx.content_rect().width() < NARROW_PROJECTOR
        })
    }

    /// The timer bar of the current step, and the "time is up" alert.
    pub(super) fn timer_ui(&mut self, ui: &mut egui::Ui) {
        self.workshop
            .timer
            .ui(ui, self.workshop.step, self.presentation.projector);
    }

    pub(super) fn time_up_alert(&self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let Some(fill) = self.workshop.timer.alert(now) else {
            return;
        };
        let ink = if fill == theme::WARNING_INK {
            theme::TAG_INK
        } else {
            theme::WARNING_INK
        };
        egui::Area::new(egui::Id::unique("time is up"))
            .anchor(egui::Align2::CENTER_TOP, [0.0, 120.0])
            .order(egui::Order::Foreground)
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::new()
                    .fill(fill)
                    .stroke(egui::Stroke::new(4.0, theme::WARNING_INK))
                    .corner_radius(12)
                    .inner_margin(24)
                    .show(ui, |ui| {
                        ui.label(
                            RichText::new(format!("⏱ Time is up: {}", self.workshop.step.title()))
                                .size(48.0)
                                .strong()
                                .color(ink),
                        );
                    });
            });
    }
}
