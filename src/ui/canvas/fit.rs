//! "Fit all" (F): the view that shows the whole board, clear of the step
//! title and the minimap. Close up when everything fits at a legible size;
//! otherwise the overview, whose cards keep a fixed screen size, so the
//! zoom is found in a few rounds (issue 13).

use std::sync::Arc;

use egui::{Color32, CornerRadius, FontId, Rect, vec2};

use super::naming::Ask;
use super::overview::Overview;
use super::paint::Frame;
use super::view::{View, ZOOM_RANGE};
use super::{BoardInput, CanvasState, MINIMAP_MARGIN};
use crate::geometry::Geometry;
use crate::model::Attachment;
use crate::ui::theme;

/// Room left around the fitted board, points.
const FIT_MARGIN: f32 = 10.0;
/// Font size of the step title over the board, points.
pub(super) const TITLE_FONT: f32 = 24.0;
/// A fitted view: where the board is seen from, the overview it shows
/// (zoomed out), and the room it was fitted into (screen points).
struct Fit {
    view: View,
    overview: Option<Overview>,
    within: Rect,
}

/// The smallest zoom "fit all" goes to, below the controls' 10 %: a
/// board larger than ten screens still fits whole.
const FIT_MIN_ZOOM: f32 = 0.01;
/// Rounds of halving the zoom range when fitting the overview.
const FIT_ROUNDS: usize = 6;
/// The zooms "fit all" tries for the most names the room can hold, as
/// shares of the zoom at which the board's cards alone would fit; the
/// closest of the best is then brought closer in.
const PROBES: [f32; 6] = [1.0, 0.82, 0.66, 0.5, 0.38, 0.28];
/// How much further out than the zoom that draws most tool names "fit
/// all" may go for the texts of pain and task notes and flow labels.
const GIVE: f32 = 0.78;
/// Where the title sits from the canvas's top-left corner, points.
const TITLE_INSET: egui::Vec2 = vec2(12.0, 8.0);

impl CanvasState {
    /// The view that frames everything on the board in `canvas`.
    pub(super) fn fit_view(
        &mut self,
        ctx: &egui::Context,
        input: &BoardInput<'_>,
        layout: &Arc<Geometry>,
        canvas: Rect,
    ) -> View {
        let mut bounds = canvas.shrink(FIT_MARGIN);
        if let Some((title, _)) = input.title {
            let galley = ctx.fonts_mut(|f| {
                f.layout_no_wrap(
                    title.to_owned(),
                    FontId::proportional(TITLE_FONT),
                    Color32::PLACEHOLDER,
                )
            });
            bounds.min.y = canvas.min.y + TITLE_INSET.y + galley.size().y + 8.0;
        }
        // The minimap sits in the bottom-right corner: keep clear of it by
        // giving up its width or its height, whichever costs less. In
        // projector mode it shows only while part of the board is hidden.
        let choices: Vec<Rect> = if input.minimap && !input.projector {
            let size = self.minimap_size(canvas) + egui::Vec2::splat(MINIMAP_MARGIN + 4.0);
            let mut narrower = bounds;
            narrower.max.x = (canvas.max.x - size.x).max(narrower.min.x + 1.0);
            let mut shorter = bounds;
            shorter.max.y = (canvas.max.y - size.y).max(shorter.min.y + 1.0);
            vec![narrower, shorter]
        } else {
            vec![bounds]
        };
        let best = choices
            .into_iter()
            .map(|within| self.fit_within(ctx, input, layout, canvas, within))
            .max_by(|a, b| {
                let named = |f: &Fit| f.overview.as_ref().map(Overview::names);
                named(a)
                    .cmp(&named(b))
                    .then(a.view.zoom.total_cmp(&b.view.zoom))
            });
        let Some(best) = best else {
            return View::default();
        };
        self.fit_naming = best
            .overview
            .as_ref()
            .and_then(|o| Some((o.zoom, o.naming?)));
        if let Some(overview) = best.overview {
            self.overview = Some(Arc::new(overview));
        }
        self.fit_room = Some(best.within.translate(-canvas.min.to_vec2()));
        best.view
    }

    /// The view that frames everything on the board in `within`, and the
    /// overview it shows (when zoomed out).
    fn fit_within(
        &self,
        ctx: &egui::Context,
        input: &BoardInput<'_>,
        layout: &Arc<Geometry>,
        canvas: Rect,
        within: Rect,
    ) -> Fit {
        let centred = |content: Rect, zoom: f32| Fit {
            view: View {
                pan: within.center() - canvas.min - content.center().to_vec2() * zoom,
                zoom,
            },
            overview: None,
            within,
        };
        let Some(all) = layout.bounds() else {
            return Fit {
                view: View {
                    pan: within.center() - canvas.min,
                    zoom: 1.0,
                },
                overview: None,
                within,
            };
        };
        let zoom_for = |content: Rect| {
            (within.width() / content.width().max(1.0))
                .min(within.height() / content.height().max(1.0))
                .clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end())
        };
        let zoom = zoom_for(all);
        if input.legibility.is_detail(zoom) {
            return centred(all, zoom);
        }
        // Zoomed out: folded pain notes take no room, cards take the room
        // their names need (moving their neighbours aside on screen), and
        // a legend may take the bottom of the room.
        let Some(shown) = layout
            .notes
            .iter()
            .filter(|p| p.attached == Attachment::Free)
            .map(|p| p.rect)
            .reduce(|a, b| a.union(b))
        else {
            return centred(all, zoom);
        };
        let generation = self.texts.generation();
        let room = within.size();
        let overview_at = |zoom: f32, ask: Ask| {
            Overview::of(
                ctx,
                input.session,
                layout,
                zoom,
                input.legibility,
                generation,
                Some(room),
                ask,
            )
        };
        let fits = |o: &Overview| {
            let legend = o.legend.as_ref().map_or(0.0, |l| l.size.y);
            o.bounds()
                .is_none_or(|d| d.width() <= room.x + 0.5 && d.height() + legend <= room.y + 0.5)
        };
        // Zoomed out, cards have more room between them for their names:
        // probe a few zooms for the one that draws most tool names (and
        // summaries), the largest of those; then closer in while that
        // holds. Pain and task notes' texts and flow labels take what room
        // that leaves (they are readable on hover, in the legend).
        // A board too large for the room even at the smallest zoom the
        // controls allow is fitted further out (the overview is a map).
        let min = FIT_MIN_ZOOM;
        let below_detail = input.legibility.detail_zoom() * 0.999;
        let estimate = (within.width() / shown.width().max(1.0))
            .min(within.height() / shown.height().max(1.0))
            .min(below_detail)
            .max(min);
        let probes: Vec<(f32, Overview)> = PROBES
            .iter()
            .map(|share| {
                let zoom = (estimate * share).max(min);
                (zoom, overview_at(zoom, Ask::Most))
            })
            .collect();
        // First the tool names (the largest zoom that draws most), then,
        // no further out than `GIVE`, the most of everything else.
        let key = |o: &Overview| (fits(o), o.names());
        let Some(first) = probes.iter().map(|(_, o)| key(o)).max() else {
            return centred(all, estimate);
        };
        let Some(largest) = probes
            .iter()
            .find(|(_, o)| key(o) == first)
            .map(|(z, _)| *z)
        else {
            return centred(all, estimate);
        };
        let Some(k) = probes
            .iter()
            .enumerate()
            .filter(|(_, (z, o))| key(o) == first && *z >= largest * GIVE)
            .max_by(|(_, (za, a)), (_, (zb, b))| a.shows().cmp(&b.shows()).then(za.total_cmp(zb)))
            .map(|(k, _)| k)
        else {
            return centred(all, estimate);
        };
        // The probe just closer in than it bounds the search for more.
        let above = k
            .checked_sub(1)
            .and_then(|j| probes.get(j))
            .map_or(below_detail, |(z, _)| *z);
        let Some((mut zoom, mut overview)) = probes.into_iter().nth(k) else {
            return centred(all, estimate);
        };
        // Closer in, with the same notes named, while everything else
        // still shows as much and it fits.
        if let Some(naming) = overview.naming.filter(|_| fits(&overview)) {
            let (mut lo, mut hi) = (zoom, above.max(zoom));
            for _ in 0..FIT_ROUNDS {
                if hi - lo <= lo * 0.01 {
                    break;
                }
                let next = (lo + hi) / 2.0;
                let closer = overview_at(next, Ask::Exactly(naming));
                if fits(&closer) && closer.shows() >= overview.shows() {
                    lo = next;
                    (zoom, overview) = (next, closer);
                } else {
                    hi = next;
                }
            }
        }

        // The map centred in the room above the legend.
        let legend = overview.legend.as_ref().map_or(0.0, |l| l.size.y);
        let mut map = within;
        map.max.y -= legend;
        let centre = overview
            .bounds()
            .map_or(shown.center().to_vec2() * zoom, |d| d.center().to_vec2());
        Fit {
            view: View {
                pan: map.center() - canvas.min - centre,
                zoom,
            },
            overview: Some(overview),
            within,
        }
    }

    /// Whether everything drawn on the board is inside the canvas.
    pub(super) fn all_in_view(&self, frame: &Frame<'_, '_>) -> bool {
        let drawn = match frame.overview {
            Some(o) => o.bounds().map(|b| {
                b.translate(
                    self.view
                        .screen_from_board(frame.canvas, egui::Pos2::ZERO)
                        .to_vec2(),
                )
            }),
            None => frame
                .layout
                .bounds()
                .map(|b| self.view.screen_rect(frame.canvas, b)),
        };
        drawn.is_none_or(|d| frame.canvas.contains_rect(d))
    }

    /// The step title on a plate of board colour, over the board's
    /// top-left corner ("fit all" keeps that band clear).
    pub(super) fn paint_title(&self, frame: &Frame<'_, '_>) {
        let Some((title, plate)) = title_text(frame) else {
            return;
        };
        frame
            .painter
            .rect_filled(plate, CornerRadius::same(4), theme::BOARD_BG);
        frame.painter.galley(title.at, title.galley, title.ink);
    }
}

/// The step title laid out, and its plate (screen points), when the board
/// shows one.
pub(super) fn title_text(frame: &Frame<'_, '_>) -> Option<(TitleText, Rect)> {
    let (title, ink) = frame.input.title?;
    let galley =
        frame
            .painter
            .layout_no_wrap(title.to_owned(), FontId::proportional(TITLE_FONT), ink);
    let at = frame.canvas.left_top() + TITLE_INSET;
    let plate = Rect::from_min_size(at, galley.size()).expand(4.0);
    Some((TitleText { galley, at, ink }, plate))
}

/// The step title laid out.
pub(super) struct TitleText {
    pub(super) galley: Arc<egui::Galley>,
    /// Its top-left, screen points.
    pub(super) at: egui::Pos2,
    pub(super) ink: egui::Color32,
}
