//! "Fit all" (F): the view that shows the whole board, clear of the step
//! title and the minimap. Close up when everything fits at a legible size;
//! otherwise the overview, whose cards keep a fixed screen size, so the
//! zoom is found in a few rounds (issue 13).

use std::sync::Arc;

use egui::{Color32, CornerRadius, FontId, Rect, vec2};

use super::layout::Layout;
use super::overview::Overview;
use super::paint::Frame;
use super::view::{View, ZOOM_RANGE};
use super::{BoardInput, CanvasState, MINIMAP_MARGIN};
use crate::model::Attachment;
use crate::ui::legibility::TextKind;
use crate::ui::theme;

/// Room left around the fitted board, points.
const FIT_MARGIN: f32 = 10.0;
/// Font size of the step title over the board, points.
const TITLE_FONT: f32 = 24.0;
/// Where the title sits from the canvas's top-left corner, points.
const TITLE_INSET: egui::Vec2 = vec2(12.0, 8.0);

impl CanvasState {
    /// The view that frames everything on the board in `canvas`.
    pub(super) fn fit_view(
        &mut self,
        ctx: &egui::Context,
        input: &BoardInput<'_>,
        layout: &Arc<Layout>,
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
        choices
            .into_iter()
            .map(|within| self.fit_within(ctx, input, layout, canvas, within))
            .max_by(|a, b| a.zoom.total_cmp(&b.zoom))
            .unwrap_or_default()
    }

    fn fit_within(
        &mut self,
        ctx: &egui::Context,
        input: &BoardInput<'_>,
        layout: &Arc<Layout>,
        canvas: Rect,
        within: Rect,
    ) -> View {
        let centred = |content: Rect, zoom: f32| View {
            pan: within.center() - canvas.min - content.center().to_vec2() * zoom,
            zoom,
        };
        let Some(all) = layout.bounds() else {
            return View {
                pan: within.center() - canvas.min,
                zoom: 1.0,
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
        // Zoomed out: folded pain notes take no room, cards take a fixed
        // screen size for their names.
        let Some(shown) = layout
            .order
            .iter()
            .filter(|p| p.attached == Attachment::Free)
            .map(|p| p.rect)
            .reduce(|a, b| a.union(b))
        else {
            return centred(all, zoom);
        };
        let generation = self.texts.generation();
        let overview_at = |zoom: f32| {
            Overview::of(
                ctx,
                input.session,
                layout,
                zoom,
                input.legibility,
                generation,
            )
        };
        let below_detail = input.legibility.detail_zoom() * 0.999;
        let mut zoom = zoom_for(shown).min(below_detail);
        for _ in 0..4 {
            let overview = overview_at(zoom);
            let Some(drawn) = overview.bounds() else {
                break;
            };
            // drawn ≈ shown × zoom + what the names add: solve for the zoom
            // that makes it fit, per axis.
            let grown = drawn.size() - shown.size() * zoom;
            // The board does not fit close up (checked above), so the
            // answer is an overview: stay just below the detail zoom.
            let next = ((within.width() - grown.x) / shown.width().max(1.0))
                .min((within.height() - grown.y) / shown.height().max(1.0))
                .min(below_detail)
                .clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
            let fits =
                drawn.width() <= within.width() + 0.5 && drawn.height() <= within.height() + 0.5;
            if fits && (next - zoom).abs() <= zoom * 0.02 {
                let view = View {
                    pan: within.center() - canvas.min - drawn.center().to_vec2(),
                    zoom,
                };
                self.overview = Some(Arc::new(overview));
                return view;
            }
            let min = *ZOOM_RANGE.start();
            if !fits && zoom <= min {
                break; // the whole board does not fit even at the widest zoom
            }
            zoom = if fits {
                next.min(zoom * 1.5)
            } else {
                next.min(zoom * 0.98)
            }
            .clamp(min, *ZOOM_RANGE.end());
        }
        let overview = overview_at(zoom);
        let centre = overview
            .bounds()
            .map_or(shown.center().to_vec2() * zoom, |d| d.center().to_vec2());
        self.overview = Some(Arc::new(overview));
        View {
            pan: within.center() - canvas.min - centre,
            zoom,
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
        let Some((title, colour)) = frame.input.title else {
            return;
        };
        let galley = frame.painter.layout_no_wrap(
            title.to_owned(),
            FontId::proportional(TITLE_FONT),
            colour,
        );
        let at = frame.canvas.left_top() + TITLE_INSET;
        let plate = Rect::from_min_size(at, galley.size()).expand(4.0);
        frame
            .painter
            .rect_filled(plate, CornerRadius::same(4), theme::BOARD_BG);
        if let Some(rec) = frame.recorder {
            rec.galley(TextKind::Title, title, &galley, at, TITLE_FONT);
            rec.covered(plate);
        }
        frame.painter.galley(at, galley, colour);
    }
}
