//! Flows on the board: arrow, label or ⚠ marker, and the hours badge.

use std::sync::Arc;

use egui::{Color32, CornerRadius, Galley, Pos2, Rect, Shape, vec2};

use super::detail::{BADGE_FONT, LABEL_FONT, MAX_LABEL_FONT};
use super::flow_marks::{FlowLook, FlowMark, LabelForm};
use super::note_fit::Fitted;
use super::text_cache::{Probe, TextCache, TextKey};
use crate::geometry::flow_endpoints;
use crate::geometry::{hours_text, label_wrap_width};
use crate::model::{Flow, FlowKind};
use crate::ui::board_paint;
use crate::ui::theme;

/// A flow close up, laid out: its arrow's ends, its label and its hours
/// badge (screen points).
pub(super) struct FlowTexts {
    /// Where the arrow starts and where its tip is.
    pub(super) ends: (Pos2, Pos2),
    /// The hours badge, when its pain points cost time and the layout
    /// found it a place.
    pub(super) badge: Option<Badge>,
    /// The label, when the layout found it a place.
    pub(super) label: Option<FlowLabel>,
}

/// A flow's label laid out on its plate.
pub(super) struct FlowLabel {
    /// The plate, screen points.
    pub(super) rect: Rect,
    /// The text, wrapped to at most two rows and centred.
    pub(super) galley: Arc<Galley>,
    /// The label in full ("⚠ SHADOW 40 % · task updates").
    #[cfg_attr(
        not(feature = "diagnostics"),
        expect(dead_code, reason = "read by the legibility listing")
    )]
    pub(super) text: String,
    /// Font size, points.
    #[cfg_attr(
        not(feature = "diagnostics"),
        expect(dead_code, reason = "read by the legibility listing")
    )]
    pub(super) size: f32,
}

#[cfg(feature = "diagnostics")]
impl FlowLabel {
    /// Where its text sits on the plate: the top of its centred rows.
    pub(super) fn text_at(&self) -> Pos2 {
        board_paint::label_text_at(self.rect)
    }
}

/// A flow close up between the cards `a` and `b`, with its label in the
/// plate `label` and its hours badge in `badge` (screen rectangles where
/// the layout put them); `painter` lays out the texts. `None` when the
/// cards overlap and there is no arrow to draw.
pub(super) fn flow_texts(
    painter: &egui::Painter,
    texts: &mut TextCache,
    flow: &Flow,
    (a, b): (Rect, Rect),
    (label, badge): (Option<Rect>, Option<Rect>),
    zoom: f32,
    pain_hours: Option<f32>,
) -> Option<FlowTexts> {
    let (start, end) = flow_endpoints(a, b, zoom)?;
    let badge = match (pain_hours.filter(|h| *h > 0.0), badge) {
        (Some(hours), Some(rect)) => {
            let key = TextKey::FlowBadge(flow.id);
            Some(hours_badge(painter, texts, key, rect, hours, zoom))
        }
        _ => None,
    };
    let label = label.map(|plate| {
        let color = board_paint::flow_colour(flow.kind);
        let size = (LABEL_FONT * zoom).min(MAX_LABEL_FONT);
        let wrap_width = label_wrap_width(start.distance(end) / zoom.max(1e-4)) * zoom;
        let probe = Probe::Flow {
            label: &flow.label,
            shadow: flow.kind == FlowKind::Shadow,
            share: flow.share,
        };
        let text = board_paint::flow_label_text(flow);
        let galley = texts.galley(TextKey::FlowLabel(flow.id), probe, size, wrap_width, || {
            let font = egui::FontId::proportional(size);
            let mut job = egui::text::LayoutJob::simple(text.clone(), font, color, wrap_width);
            job.wrap.max_rows = 2;
            job.wrap.break_anywhere = false;
            job.halign = egui::Align::Center;
            painter.layout_job(job)
        });
        let pad = vec2(12.0, 6.0) * zoom.min(1.0);
        let rect = Rect::from_center_size(plate.center(), (galley.size() + pad).min(plate.size()));
        FlowLabel {
            rect,
            galley,
            text,
            size,
        }
    });
    Some(FlowTexts {
        ends: (start, end),
        badge,
        label,
    })
}

/// The shapes of a flow close up, laid out by [`flow_texts`], pushed onto
/// `out`: its arrow, its hours badge and its label.
pub(super) fn flow_shapes(
    out: &mut Vec<Shape>,
    flow: &Flow,
    laid: &FlowTexts,
    zoom: f32,
    selected: bool,
) {
    let width = board_paint::flow_width(zoom) + if selected { 2.0 } else { 0.0 };
    board_paint::arrow_shapes(out, laid.ends, flow.kind, zoom, width, selected);
    if let Some(badge) = &laid.badge {
        out.extend(badge.shapes());
    }
    if let Some(label) = &laid.label {
        let galley = Arc::clone(&label.galley);
        board_paint::label_shapes(out, label.rect, galley, flow.kind, selected);
    }
}

/// Whether anything of a flow between the cards `a` and `b` (screen) can
/// fall inside `clip`: the arrow lies within the cards' bounding box; its
/// label, marker and badge sit beside the arrow, no further from it than
/// the cards are apart.
pub(super) fn flow_may_show(clip: Rect, a: Rect, b: Rect) -> bool {
    let margin = a.center().distance(b.center()) + 160.0;
    clip.intersects(a.union(b).expand(margin))
}

/// A flow's label or marker with its form, then its badge (form `None`),
/// as the overview placed them.
pub(super) fn marks_of(look: &FlowLook) -> impl Iterator<Item = (&FlowMark, Option<LabelForm>)> {
    look.label
        .iter()
        .map(|(m, f)| (m, Some(*f)))
        .chain(look.badge.iter().map(|m| (m, None)))
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

/// An hours badge laid out: a dark pill with white "N h/wk".
pub(super) struct Badge {
    /// The pill, screen points.
    pub(super) plate: Rect,
    /// The text.
    pub(super) galley: Arc<Galley>,
    /// Where the text goes (its top-left), screen points.
    pub(super) at: Pos2,
    /// Font size, points.
    #[cfg_attr(
        not(feature = "diagnostics"),
        expect(dead_code, reason = "read by the legibility listing")
    )]
    pub(super) size: f32,
}

impl Badge {
    /// The pill and its text.
    pub(super) fn shapes(&self) -> [Shape; 2] {
        [
            Shape::rect_filled(self.plate, CornerRadius::same(10), theme::BADGE_FILL),
            Shape::galley(self.at, Arc::clone(&self.galley), Color32::WHITE),
        ]
    }
}

/// The hours lost per week on a tool or flow's pain points (Step 2) as a
/// badge in the plate `rect` (screen).
pub(super) fn hours_badge(
    painter: &egui::Painter,
    texts: &mut TextCache,
    key: TextKey,
    rect: Rect,
    hours: f32,
    zoom: f32,
) -> Badge {
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
    Badge {
        plate,
        galley,
        at,
        size,
    }
}
