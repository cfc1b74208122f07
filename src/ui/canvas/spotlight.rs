//! Spotlight (issue 13, the workshop's "bring everyone to me"): in
//! projector mode selecting a tool, or Space on the selected tool, moves
//! the view smoothly to it, with its flows' labels and its pain points at
//! full legibility; Esc goes back to the whole map. The move repaints only
//! while it runs.

use std::sync::Arc;

use egui::{Pos2, Rect};

use super::detail::{CAPTION_SCALE, PAIN_FONT};
use super::view::{View, ZOOM_RANGE};
use super::{BoardInput, CanvasState};
use crate::geometry::Geometry;
use crate::model::{Attachment, Id, NoteRef};

/// How long a move of the view takes, seconds.
pub(super) const MOVE_SECONDS: f64 = 0.45;
/// Room around the spotlit tool and its notes, points.
const MARGIN: f32 = 24.0;

/// A smooth move of the view from one place to another.
#[derive(Clone, Copy, Debug)]
pub(super) struct Animation {
    from: View,
    to: View,
    /// `egui` input time when it started, seconds.
    start: f64,
}

/// Ease in and out: slow start, fast middle, gentle landing.
fn ease(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// The view `t` (0..1) of the way from `from` to `to` in `canvas`: the
/// board point at the canvas's centre moves in a straight line while the
/// zoom changes evenly in scale (log space).
fn between(canvas: Rect, from: View, to: View, t: f32) -> View {
    let centre = canvas.center();
    let a = from.board_from_screen(canvas, centre);
    let b = to.board_from_screen(canvas, centre);
    let (za, zb) = (from.zoom.max(1e-4), to.zoom.max(1e-4));
    let zoom = (za.ln() + (zb.ln() - za.ln()) * t).exp();
    let at = a.lerp(b, t);
    View {
        pan: centre - canvas.min - at.to_vec2() * zoom,
        zoom,
    }
}

impl CanvasState {
    /// Move the view smoothly to `to`.
    pub(super) fn animate_to(&mut self, ctx: &egui::Context, to: View) {
        if self.view == to {
            return;
        }
        self.animation = Some(Animation {
            from: self.view,
            to,
            start: ctx.input(|i| i.time),
        });
        ctx.request_repaint();
    }

    /// Advance a move under way: the view for this frame, and a repaint
    /// for the next while it is not done.
    pub(super) fn step_animation(&mut self, ctx: &egui::Context, canvas: Rect) {
        let Some(animation) = self.animation else {
            return;
        };
        let now = ctx.input(|i| i.time);
        let t = ((now - animation.start) / MOVE_SECONDS) as f32;
        if t >= 1.0 || !t.is_finite() {
            self.view = animation.to;
            self.animation = None;
        } else {
            self.view = between(canvas, animation.from, animation.to, ease(t));
            ctx.request_repaint();
        }
    }

    /// Stop a move under way where it is (the user took the view).
    pub(super) fn stop_animation(&mut self) {
        self.animation = None;
    }

    /// Whether the view was brought to a tool (Esc goes back).
    pub fn is_spotlit(&self) -> bool {
        self.spotlight.is_some()
    }

    /// Bring the view to `tool` at the next frame (projector mode's
    /// spotlight).
    pub fn spotlight(&mut self, tool: Id) {
        self.spotlight_pending = Some(tool);
    }

    /// Back from a spotlight to the whole map, smoothly.
    pub(super) fn leave_spotlight(&mut self) {
        if self.spotlight.take().is_some() {
            self.fit_animated = true;
        }
    }

    /// Start the moves asked for this frame: to a tool, or back to the
    /// whole map.
    pub(super) fn follow_spotlight(
        &mut self,
        ctx: &egui::Context,
        input: &BoardInput<'_>,
        layout: &Arc<Geometry>,
        canvas: Rect,
    ) {
        if std::mem::take(&mut self.fit_animated) {
            let to = self.fit_view(ctx, input, layout, canvas);
            self.animate_to(ctx, to);
            self.view_touched = false;
        }
        let Some(tool) = self.spotlight_pending.take() else {
            return;
        };
        let Some(to) = spotlight_view(layout, canvas, input, tool) else {
            return;
        };
        self.spotlight = Some(tool);
        self.view_touched = true;
        self.animate_to(ctx, to);
    }
}

/// The view that shows `tool` with its pain notes and its flows' labels
/// and badges close up: as large as fits, at least at the detail zoom
/// (every text legible) and no larger than needed for the captions.
fn spotlight_view(
    layout: &Geometry,
    canvas: Rect,
    input: &BoardInput<'_>,
    tool: Id,
) -> Option<View> {
    let card = layout.tool_rect(tool)?;
    let mut around = card;
    for placed in &layout.notes {
        if placed.attached == Attachment::Tool(tool) {
            around = around.union(placed.rect);
        }
    }
    for flow in &layout.flows {
        let touches = [flow.from, flow.to].iter().any(|&i| {
            layout
                .notes
                .get(i)
                .is_some_and(|p| p.note == NoteRef::Tool(tool))
        });
        if touches {
            for mark in [flow.label, flow.badge].into_iter().flatten() {
                around = around.union(mark);
            }
        }
    }
    if let Some(badge) = layout.tool_badges.get(&tool) {
        around = around.union(*badge);
    }
    let within = canvas.shrink(MARGIN);
    let fit =
        (within.width() / around.width().max(1.0)).min(within.height() / around.height().max(1.0));
    let legibility = input.legibility;
    let captions = legibility.floor / (PAIN_FONT * CAPTION_SCALE);
    let zoom = fit
        .min(captions)
        .max(legibility.detail_zoom())
        .clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
    // Centred on the tool and its notes, or on the card when they do not
    // all fit.
    let centre: Pos2 =
        if around.width() * zoom <= within.width() && around.height() * zoom <= within.height() {
            around.center()
        } else {
            card.center()
        };
    Some(View {
        pan: within.center() - canvas.min - centre.to_vec2() * zoom,
        zoom,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{pos2, vec2};

    #[test]
    fn a_move_starts_where_the_view_was_and_lands_where_it_goes() {
        let canvas = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let from = View {
            pan: vec2(10.0, 20.0),
            zoom: 0.3,
        };
        let to = View {
            pan: vec2(-400.0, -100.0),
            zoom: 1.2,
        };
        let start = between(canvas, from, to, 0.0);
        let end = between(canvas, from, to, 1.0);
        assert!((start.zoom - 0.3).abs() < 1e-4 && (start.pan - from.pan).length() < 1e-2);
        assert!((end.zoom - 1.2).abs() < 1e-4 && (end.pan - to.pan).length() < 1e-2);
        let middle = between(canvas, from, to, 0.5);
        assert!((middle.zoom - 0.6).abs() < 1e-3, "halfway in scale");
        assert!(ease(0.0) == 0.0 && ease(1.0) == 1.0 && ease(0.25) < 0.25);
    }
}
