//! Geometry and shapes shared by every board that draws a tool map: the
//! workshop canvas ([`super::canvas`]) and the compare boards
//! ([`super::compare_board`]). Flows (Step 1, METHOD.md) are arrows from
//! card border to card border; a shadow flow is dashed, crimson, with a
//! hollow head and "⚠ SHADOW" (never colour alone). All positions here are
//! screen points.

use egui::epaint::{CircleShape, RectShape};
use egui::{CornerRadius, Galley, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, vec2};

use crate::model::FlowKind;
use crate::ui::theme;

/// Radius of the ⚠ marker drawn on a shadow flow too small for its
/// label, screen points.
pub const SHADOW_MARKER_RADIUS: f32 = 10.0;

pub use crate::geometry::{distance_to_segment, flow_endpoints, flow_label_text};

/// The ink of a flow: navy for designed, crimson for shadow.
pub fn flow_colour(kind: FlowKind) -> egui::Color32 {
    match kind {
        FlowKind::Designed => theme::FLOW_DESIGNED,
        FlowKind::Shadow => theme::FLOW_SHADOW,
    }
}

/// Stroke width of a flow's line at `zoom` (screen points per board unit).
pub fn flow_width(zoom: f32) -> f32 {
    (theme::FLOW_WIDTH * zoom.sqrt()).clamp(1.5, 5.0)
}

/// The arrow of a flow from `start` to `end`: solid with a filled head
/// (designed), or dashed with a hollow head (shadow). `width` is the
/// line's stroke width; `halo` draws a wide band under it (selected).
pub fn arrow_shapes(
    out: &mut Vec<Shape>,
    (start, end): (Pos2, Pos2),
    kind: FlowKind,
    zoom: f32,
    width: f32,
    halo: bool,
) {
    let color = flow_colour(kind);
    let stroke = Stroke::new(width, color);
    let head = (16.0 * zoom.sqrt()).clamp(8.0, 22.0);
    let unit = (end - start).normalized();
    let tip_base = end - unit * head;
    if halo {
        out.push(Shape::line_segment(
            [start, tip_base],
            Stroke::new(width + 6.0, theme::RUBBER_BAND),
        ));
    }
    let normal = vec2(-unit.y, unit.x) * head * 0.5;
    let points = vec![end, tip_base + normal, tip_base - normal];
    match kind {
        FlowKind::Shadow => {
            let dash = (14.0 * zoom.sqrt()).max(4.0);
            Shape::dashed_line_many(&[start, tip_base], stroke, dash, dash * 0.7, out);
            // Hollow head: another cue besides colour and dashes.
            out.push(Shape::closed_line(points, stroke));
        }
        FlowKind::Designed => {
            out.push(Shape::line_segment([start, tip_base], stroke));
            out.push(Shape::convex_polygon(points, color, Stroke::NONE));
        }
    }
}

/// Where a label of `size` goes beside the arrow `start`–`end`: against
/// its middle, on its right-hand side, so that the labels of A→B and B→A
/// end up on opposite sides instead of on top of each other.
pub fn label_rect((start, end): (Pos2, Pos2), size: Vec2) -> Rect {
    let unit = (end - start).normalized();
    let side = vec2(-unit.y, unit.x);
    let reach = side.x.abs() * size.x / 2.0 + side.y.abs() * size.y / 2.0 + 2.0;
    Rect::from_center_size(start.lerp(end, 0.5) + side * reach, size)
}

/// A flow label: the laid-out text on a white plate outlined in the
/// flow's colour (thicker when selected).
pub fn label_shapes(
    out: &mut Vec<Shape>,
    rect: Rect,
    galley: std::sync::Arc<Galley>,
    kind: FlowKind,
    selected: bool,
) {
    let color = flow_colour(kind);
    out.push(Shape::Rect(RectShape::new(
        rect,
        CornerRadius::same(6),
        theme::FLOW_LABEL_BG,
        Stroke::new(if selected { 2.5 } else { 1.5 }, color),
        StrokeKind::Inside,
    )));
    out.push(Shape::galley(label_text_at(rect), galley, color));
}

/// Where a flow label's centred text goes on its plate `rect`: the
/// top-centre of its rows, screen points.
pub fn label_text_at(rect: Rect) -> Pos2 {
    rect.center_top() + vec2(0.0, 3.0)
}

/// The ⚠ marker of a shadow flow too small for its label: a white disc
/// outlined in crimson at `centre`, with the laid-out ⚠ `glyph` on it.
pub fn shadow_marker_shapes(out: &mut Vec<Shape>, centre: Pos2, glyph: std::sync::Arc<Galley>) {
    let color = theme::FLOW_SHADOW;
    out.push(Shape::Circle(CircleShape {
        center: centre,
        radius: SHADOW_MARKER_RADIUS,
        fill: theme::FLOW_LABEL_BG,
        stroke: Stroke::new(1.5, color),
    }));
    let at = egui::Align2::CENTER_CENTER
        .anchor_size(centre, glyph.size())
        .min;
    out.push(Shape::galley(at, glyph, color));
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    #[test]
    fn arrows_leave_and_enter_at_the_card_borders() {
        let a = Rect::from_min_size(pos2(0.0, 0.0), vec2(100.0, 50.0));
        let b = Rect::from_min_size(pos2(300.0, 0.0), vec2(100.0, 50.0));
        let (start, end) = flow_endpoints(a, b, 1.0).expect("apart");
        assert!((start.x - 100.0).abs() < 1e-3, "{start:?}");
        assert!((end.x - 300.0).abs() < 1e-3, "{end:?}");
        assert!(flow_endpoints(a, a.translate(vec2(10.0, 0.0)), 1.0).is_none());
    }

    #[test]
    fn labels_of_opposite_flows_sit_on_opposite_sides() {
        let size = vec2(80.0, 20.0);
        let ab = label_rect((pos2(0.0, 0.0), pos2(200.0, 0.0)), size);
        let ba = label_rect((pos2(200.0, 0.0), pos2(0.0, 0.0)), size);
        assert!(ab.min.y >= 0.0, "A→B below its arrow: {ab:?}");
        assert!(ba.max.y <= 0.0, "B→A above its arrow: {ba:?}");
    }

    #[test]
    fn a_shadow_label_says_shadow_and_its_share() {
        let flow = crate::model::Flow {
            id: crate::model::Id(1),
            from: crate::model::Id(2),
            to: crate::model::Id(3),
            label: "task updates".to_owned(),
            kind: FlowKind::Shadow,
            share: Some(40),
        };
        assert_eq!(flow_label_text(&flow), "⚠ SHADOW 40 % · task updates");
        let designed = crate::model::Flow {
            kind: FlowKind::Designed,
            ..flow
        };
        assert_eq!(flow_label_text(&designed), "task updates");
    }
}
