//! Flows on the board: arrow, label or ⚠ marker, and the hours badge.

use egui::{Color32, CornerRadius, FontId, Pos2, Rect, Shape, vec2};

use super::text_cache::{Probe, TextCache, TextKey};
use crate::model::{Flow, FlowKind};
use crate::ui::board_paint::{self, SHADOW_MARKER_RADIUS, flow_endpoints};
use crate::ui::theme;

/// The shapes of a flow's arrow (and its label, marker or hours badge),
/// pushed onto `out`; `painter` lays out the texts.
#[expect(clippy::too_many_arguments)]
pub(super) fn flow_shapes(
    out: &mut Vec<Shape>,
    painter: &egui::Painter,
    texts: &mut TextCache,
    flow: &Flow,
    a: Rect,
    b: Rect,
    zoom: f32,
    selected: bool,
    legible: bool,
    pain_hours: Option<f32>,
) {
    let Some((start, end)) = flow_endpoints(a, b, zoom) else {
        return;
    };
    let shadow = flow.kind == FlowKind::Shadow;
    let color = board_paint::flow_colour(flow.kind);
    let width = board_paint::flow_width(zoom) + if selected { 2.0 } else { 0.0 };
    board_paint::arrow_shapes(out, (start, end), flow.kind, zoom, width, selected);

    let unit = (end - start).normalized();
    if let Some(hours) = pain_hours.filter(|h| *h > 0.0) {
        let mid = start.lerp(end, 0.5);
        let side = vec2(unit.y, -unit.x);
        let key = TextKey::FlowBadge(flow.id);
        out.extend(hours_badge(
            painter,
            texts,
            key,
            mid + side * 18.0,
            hours,
            zoom,
        ));
    }
    let label_font = 16.0 * zoom;
    if !legible || label_font < theme::MIN_CAPTION_FONT * 0.85 {
        // Too small for a label: a shadow flow still shows its ⚠ marker,
        // where the arrow is long enough to carry it (on a board zoomed
        // far out it would cover the cards it joins, and all the others).
        if shadow && start.distance(end) >= 2.0 * SHADOW_MARKER_RADIUS {
            let font = FontId::proportional(13.0);
            let marker = texts.galley(TextKey::ShadowMarker, Probe::Marker, 13.0, 0.0, || {
                painter.layout_no_wrap("⚠".to_owned(), font, color)
            });
            board_paint::shadow_marker_shapes(out, start.lerp(end, 0.5), marker);
        }
        return;
    }
    if !shadow && flow.label.is_empty() {
        return;
    }
    // Wrap the label to the arrow's length (two lines at most, elided) so
    // it never covers the cards it connects.
    let font_size = label_font.min(30.0);
    let wrap_width = (start.distance(end) - 16.0).max(60.0);
    let probe = Probe::Flow {
        label: &flow.label,
        shadow,
        share: flow.share,
    };
    let galley = texts.galley(
        TextKey::FlowLabel(flow.id),
        probe,
        font_size,
        wrap_width,
        || {
            let text = board_paint::flow_label_text(flow);
            let font = FontId::proportional(font_size);
            let mut job = egui::text::LayoutJob::simple(text, font, color, wrap_width);
            job.wrap.max_rows = 2;
            job.wrap.break_anywhere = false;
            job.halign = egui::Align::Center;
            painter.layout_job(job)
        },
    );
    let rect = board_paint::label_rect((start, end), galley.size() + vec2(12.0, 6.0));
    board_paint::label_shapes(out, rect, galley, flow.kind, selected);
}

/// Whether anything of a flow between the cards `a` and `b` (screen) can
/// fall inside `clip`: the arrow lies within the cards' bounding box; its
/// label (as wide as the arrow is long, at most) or its ⚠ marker and hours
/// badge sit beside the arrow's middle.
pub(super) fn flow_may_show(clip: Rect, a: Rect, b: Rect, legible: bool) -> bool {
    let margin = if legible {
        a.center().distance(b.center()) + 120.0
    } else {
        100.0
    };
    clip.intersects(a.union(b).expand(margin))
}

/// A dark pill with white "N h/wk": the hours lost per week on a tool or
/// flow's pain points (Step 2).
pub(super) fn hours_badge(
    painter: &egui::Painter,
    texts: &mut TextCache,
    key: TextKey,
    centre: Pos2,
    hours: f32,
    zoom: f32,
) -> [Shape; 2] {
    let size = (15.0 * zoom.sqrt()).clamp(11.0, 22.0);
    let galley = texts.galley(key, Probe::Hours(hours.to_bits()), size, 0.0, || {
        painter.layout_no_wrap(
            format!("{} h/wk", crate::format::hours(hours)),
            FontId::proportional(size),
            Color32::WHITE,
        )
    });
    let rect = Rect::from_center_size(centre, galley.size() + vec2(12.0, 4.0));
    let at = rect.center() - galley.size() / 2.0;
    [
        Shape::rect_filled(rect, CornerRadius::same(10), theme::BADGE_FILL),
        Shape::galley(at, galley, Color32::WHITE),
    ]
}
