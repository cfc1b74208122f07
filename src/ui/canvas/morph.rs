//! Cards gliding between places (issue 18): the overview may draw a card
//! away from its board place to make room for a name; when the zoom
//! changes (and when zooming in back to the board close up, where every
//! card is at its true place) each card moves from where it was drawn to
//! where it goes now over a quarter of a second, instead of jumping. The
//! file never changes: only what is drawn. Repaints only while a move
//! runs.

use std::sync::Arc;

use egui::Rect;

use super::CanvasState;
use super::overview::Overview;
use crate::geometry::Geometry;

/// How long a glide takes, seconds.
const GLIDE_SECONDS: f64 = 0.25;
/// Moves smaller than this (board units × zoom = points) are not animated.
const STILL: f32 = 0.75;

/// What the board drew: each note's rectangle (board units; `None`:
/// folded), and what it was drawn from.
#[derive(Clone, Debug)]
pub(super) struct Drawn {
    layout: Arc<Geometry>,
    overview: Option<Arc<Overview>>,
    rects: Vec<Option<Rect>>,
}

/// Cards on their way from where they were drawn to where they go.
#[derive(Clone, Debug)]
pub(super) struct Glide {
    from: Vec<Option<Rect>>,
    /// `egui` input time when it started, seconds.
    start: f64,
}

/// Ease out: fast start, gentle landing.
fn ease(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    1.0 - (1.0 - t) * (1.0 - t)
}

/// Each note's rectangle as `overview` (zoomed out) or `layout` (close up)
/// draws it, board units.
fn rects_of(layout: &Geometry, overview: Option<&Overview>) -> Vec<Option<Rect>> {
    (0..layout.notes.len())
        .map(|i| match overview {
            Some(o) => o.note_rect(i),
            None => layout.notes.get(i).map(|p| p.rect),
        })
        .collect()
}

impl CanvasState {
    /// This frame's drawn rectangles: where each note is drawn, gliding
    /// from where it was when the user `zoomed` (and with it the overview
    /// changed) and the board did not. `None` when nothing glides.
    pub(super) fn glide(
        &mut self,
        ctx: &egui::Context,
        layout: &Arc<Geometry>,
        overview: Option<&Arc<Overview>>,
        zoomed: bool,
    ) -> Option<Arc<[Option<Rect>]>> {
        let now = ctx.input(|i| i.time);
        let same = self.drawn.as_ref().is_some_and(|d| {
            Arc::ptr_eq(&d.layout, layout)
                && match (&d.overview, overview) {
                    (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                    (None, None) => true,
                    _ => false,
                }
        });
        if !same {
            let target = rects_of(layout, overview.map(Arc::as_ref));
            let previous = self.drawn.take();
            let shown = self.shown_now(now);
            // Only a change of zoom glides; an edit, a drag, a fit or a new
            // board is drawn where it is at once.
            let moved = previous
                .filter(|d| zoomed && Arc::ptr_eq(&d.layout, layout))
                .and_then(|d| {
                    let from = shown.unwrap_or(d.rects);
                    let zoom = self.view.zoom;
                    let far = from.iter().zip(&target).any(|(a, b)| match (a, b) {
                        (Some(a), Some(b)) => {
                            (a.center() - b.center()).length() * zoom > STILL
                                || (a.size() - b.size()).length() * zoom > STILL
                        }
                        _ => false,
                    });
                    far.then_some(from)
                });
            self.glide = moved.map(|from| Glide { from, start: now });
            self.drawn = Some(Drawn {
                layout: Arc::clone(layout),
                overview: overview.map(Arc::clone),
                rects: target,
            });
        }
        let t = self
            .glide
            .as_ref()
            .map(|g| ((now - g.start) / GLIDE_SECONDS) as f32)?;
        if t >= 1.0 {
            self.glide = None;
            return None;
        }
        ctx.request_repaint();
        self.shown_now(now).map(Arc::from)
    }

    /// Where each note is drawn at `now` while a glide runs.
    fn shown_now(&self, now: f64) -> Option<Vec<Option<Rect>>> {
        let glide = self.glide.as_ref()?;
        let drawn = self.drawn.as_ref()?;
        let t = ease(((now - glide.start) / GLIDE_SECONDS) as f32);
        Some(
            glide
                .from
                .iter()
                .zip(&drawn.rects)
                .map(|(a, b)| match (a, b) {
                    (Some(a), Some(b)) => Some(Rect::from_min_max(
                        a.min.lerp(b.min, t),
                        a.max.lerp(b.max, t),
                    )),
                    (_, b) => *b,
                })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glide_starts_fast_and_lands_exactly() {
        assert_eq!(ease(0.0), 0.0);
        assert_eq!(ease(1.0), 1.0);
        assert!(ease(0.25) > 0.25, "fast start");
        assert!(ease(0.9) < 1.0);
    }
}
