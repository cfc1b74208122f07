//! Flows on the board: arrow, label or ⚠ marker, and the hours badge.

use std::sync::Arc;

use egui::{Color32, CornerRadius, Rect, Shape, vec2};

use super::detail::{BADGE_FONT, LABEL_FONT, MAX_LABEL_FONT};
use super::flow_marks::LabelForm;
use super::note_fit::Fitted;
use super::text_cache::{Probe, TextCache, TextKey};
use crate::geometry::flow_endpoints;
use crate::geometry::{hours_text, label_wrap_width};
use crate::model::{Flow, FlowKind};
use crate::ui::board_paint;
use crate::ui::legibility::{Recorder, TextKind};
use crate::ui::theme;

/// The shapes of a flow close up, pushed onto `out`: its arrow between the
/// cards `a` and `b`, its label in the plate `label` and its hours badge
/// in `badge` (screen rectangles where the layout put them). `painter`
/// lays out the texts; `recorder` notes them when a check asks.
#[expect(clippy::too_many_arguments)]
pub(super) fn flow_shapes(
    out: &mut Vec<Shape>,
    painter: &egui::Painter,
    texts: &mut TextCache,
    flow: &Flow,
    (a, b): (Rect, Rect),
    (label, badge): (Option<Rect>, Option<Rect>),
    zoom: f32,
    selected: bool,
    pain_hours: Option<f32>,
    recorder: Option<&Recorder>,
) {
    let Some((start, end)) = flow_endpoints(a, b, zoom) else {
        return;
    };
    let width = board_paint::flow_width(zoom) + if selected { 2.0 } else { 0.0 };
    board_paint::arrow_shapes(out, (start, end), flow.kind, zoom, width, selected);

    if let (Some(hours), Some(rect)) = (pain_hours.filter(|h| *h > 0.0), badge) {
        let key = TextKey::FlowBadge(flow.id);
        let shapes = hours_badge(painter, texts, key, rect, hours, zoom);
        record_badge(recorder, &shapes);
        out.extend(shapes);
    }
    let Some(plate) = label else {
        return;
    };
    let color = board_paint::flow_colour(flow.kind);
    let font_size = (LABEL_FONT * zoom).min(MAX_LABEL_FONT);
    let wrap_width = label_wrap_width(start.distance(end) / zoom.max(1e-4)) * zoom;
    let probe = Probe::Flow {
        label: &flow.label,
        shadow: flow.kind == FlowKind::Shadow,
        share: flow.share,
    };
    let text = board_paint::flow_label_text(flow);
    let galley = texts.galley(
        TextKey::FlowLabel(flow.id),
        probe,
        font_size,
        wrap_width,
        || {
            let font = egui::FontId::proportional(font_size);
            let mut job = egui::text::LayoutJob::simple(text.clone(), font, color, wrap_width);
            job.wrap.max_rows = 2;
            job.wrap.break_anywhere = false;
            job.halign = egui::Align::Center;
            painter.layout_job(job)
        },
    );
    let pad = vec2(12.0, 6.0) * zoom.min(1.0);
    let rect = Rect::from_center_size(plate.center(), (galley.size() + pad).min(plate.size()));
    if let Some(rec) = recorder {
        let at = rect.center_top() + vec2(0.0, (rect.height() - galley.size().y) / 2.0);
        rec.galley(TextKind::FlowLabel, &text, &galley, at, font_size);
    }
    board_paint::label_shapes(out, rect, galley, flow.kind, selected);
}

/// Whether anything of a flow between the cards `a` and `b` (screen) can
/// fall inside `clip`: the arrow lies within the cards' bounding box; its
/// label, marker and badge sit beside the arrow, no further from it than
/// the cards are apart.
pub(super) fn flow_may_show(clip: Rect, a: Rect, b: Rect) -> bool {
    let margin = a.center().distance(b.center()) + 160.0;
    clip.intersects(a.union(b).expand(margin))
}

/// A flow's label, ⚠ marker (`form`) or badge (`form` is `None`) in the
/// overview: the plate `rect` with `text` on it.
pub(super) fn mark_shapes(
    out: &mut Vec<Shape>,
    rect: Rect,
    text: &Fitted,
    kind: FlowKind,
    form: Option<LabelForm>,
    selected: bool,
) {
    let at = rect.min + text.at;
    match form {
        Some(_) => {
            let color = board_paint::flow_colour(kind);
            out.push(Shape::rect_filled(
                rect,
                CornerRadius::same(6),
                theme::FLOW_LABEL_BG,
            ));
            out.push(Shape::rect_stroke(
                rect,
                CornerRadius::same(6),
                egui::Stroke::new(if selected { 3.0 } else { 2.0 }, color),
                egui::StrokeKind::Inside,
            ));
            out.push(Shape::galley(at, Arc::clone(&text.galley), color));
        }
        None => {
            out.push(Shape::rect_filled(
                rect,
                CornerRadius::same(10),
                theme::BADGE_FILL,
            ));
            out.push(Shape::galley(at, Arc::clone(&text.galley), Color32::WHITE));
        }
    }
}

/// A dark pill with white "N h/wk" in the plate `rect` (screen): the hours
/// lost per week on a tool or flow's pain points (Step 2).
pub(super) fn hours_badge(
    painter: &egui::Painter,
    texts: &mut TextCache,
    key: TextKey,
    rect: Rect,
    hours: f32,
    zoom: f32,
) -> [Shape; 2] {
    let size = (BADGE_FONT * zoom).min(MAX_LABEL_FONT);
    let galley = texts.galley(key, Probe::Hours(hours.to_bits()), size, 0.0, || {
        painter.layout_no_wrap(
            hours_text(hours),
            egui::FontId::proportional(size),
            Color32::WHITE,
        )
    });
    let plate = Rect::from_center_size(
        rect.center(),
        (galley.size() + vec2(12.0, 4.0) * zoom.min(1.0)).min(rect.size().max(galley.size())),
    );
    let at = plate.center() - galley.size() / 2.0;
    [
        Shape::rect_filled(plate, CornerRadius::same(10), theme::BADGE_FILL),
        Shape::galley(at, galley, Color32::WHITE),
    ]
}

/// Record an hours badge's text.
pub(super) fn record_badge(recorder: Option<&Recorder>, shapes: &[Shape; 2]) {
    if let (Some(rec), [_, Shape::Text(text)]) = (recorder, shapes) {
        let size = text
            .galley
            .job
            .sections
            .first()
            .map_or(0.0, |s| s.format.font_id.size);
        let full = text.galley.text().to_owned();
        rec.galley(TextKind::Badge, &full, &text.galley, text.pos, size);
    }
}
