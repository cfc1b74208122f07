//! The typology grid's background (Step 3, METHOD.md): quadrants with
//! their titles, the undecided bands, the axes and their poles.

use egui::{Align2, CornerRadius, FontId, Pos2, Rect, Stroke, StrokeKind, pos2, vec2};

use super::GridFrame;
use crate::model::{Placement, Quadrant, Session, UNDECIDED_BAND};
use crate::ui::legibility::{Recorder, TextKind};
use crate::ui::theme;

/// Paint quadrants, axes and their labels; returns the screen rectangles of
/// the titles and axis labels (for other labels to keep clear of).
pub(super) fn paint_grid(
    painter: &egui::Painter,
    frame: GridFrame,
    session: &Session,
    drop_at: Option<Pos2>,
    recorder: Option<&Recorder>,
) -> Vec<Rect> {
    let mut texts = Vec::with_capacity(12);
    let rect = frame.rect;
    let target = drop_at.map(|p| frame.grid_from_screen(p).placement());
    // Titles shrink with a narrow grid so neighbours never overlap.
    let title_font = (rect.width() / 20.0).clamp(14.0, theme::QUADRANT_TITLE_FONT);
    for q in Quadrant::ALL {
        let qr = frame.quadrant_rect(q);
        painter.rect_filled(qr, CornerRadius::ZERO, theme::quadrant_fill(q));
        if target == Some(Placement::Quadrant(q)) {
            painter.rect_stroke(
                qr.shrink(2.0),
                CornerRadius::ZERO,
                Stroke::new(4.0, theme::SELECTION),
                StrokeKind::Inside,
            );
        }
        let count = session
            .tasks
            .iter()
            .filter(|t| t.placement() == Some(Placement::Quadrant(q)))
            .count();
        // Titles sit in the outer corners, clear of the axes and the notes
        // near the middle.
        let inset = vec2(10.0, 6.0);
        let (title_pos, align, below) = match q {
            Quadrant::Orchestra => (qr.left_top() + inset, Align2::LEFT_TOP, true),
            Quadrant::RehearsedJam => (
                qr.right_top() + vec2(-inset.x, inset.y),
                Align2::RIGHT_TOP,
                true,
            ),
            Quadrant::JamSession => (qr.right_bottom() - inset, Align2::RIGHT_BOTTOM, false),
            Quadrant::Algorithm => (
                qr.left_bottom() + vec2(inset.x, -inset.y),
                Align2::LEFT_BOTTOM,
                false,
            ),
        };
        let title_text = format!("{}  ({count})", q.title());
        let title = painter.text(
            title_pos,
            align,
            &title_text,
            FontId::proportional(title_font),
            theme::INK,
        );
        if let Some(rec) = recorder {
            rec.text(TextKind::GridLabel, &title_text, title, title_font);
        }
        let axes_pos = if below {
            pos2(title_pos.x, title.max.y + 2.0)
        } else {
            pos2(title_pos.x, title.min.y - 2.0)
        };
        let axes_align = if below {
            Align2([align.x(), egui::Align::Min])
        } else {
            Align2([align.x(), egui::Align::Max])
        };
        let axes_font = (title_font * 0.65).max(11.0);
        let axes = painter.text(
            axes_pos,
            axes_align,
            q.axes(),
            FontId::proportional(axes_font),
            theme::INK_SOFT,
        );
        if let Some(rec) = recorder {
            rec.text(TextKind::GridLabel, q.axes(), axes, axes_font);
        }
        texts.push(title);
        texts.push(axes);
    }
    // The undecided bands along both axes.
    let c = rect.center();
    let band_x = UNDECIDED_BAND * rect.width() / 2.0;
    let band_y = UNDECIDED_BAND * rect.height() / 2.0;
    let undecided_hover = target == Some(Placement::Undecided);
    let band_fill = if undecided_hover {
        theme::WARNING_BG
    } else {
        theme::UNDECIDED_BAND_FILL
    };
    painter.rect_filled(
        Rect::from_min_max(
            pos2(c.x - band_x, rect.min.y),
            pos2(c.x + band_x, rect.max.y),
        ),
        CornerRadius::ZERO,
        band_fill,
    );
    painter.rect_filled(
        Rect::from_min_max(
            pos2(rect.min.x, c.y - band_y),
            pos2(rect.max.x, c.y + band_y),
        ),
        CornerRadius::ZERO,
        band_fill,
    );
    let axis = Stroke::new(2.5, theme::INK_SOFT);
    painter.line_segment([pos2(rect.min.x, c.y), pos2(rect.max.x, c.y)], axis);
    painter.line_segment([pos2(c.x, rect.min.y), pos2(c.x, rect.max.y)], axis);
    painter.rect_stroke(
        rect,
        CornerRadius::ZERO,
        Stroke::new(2.0, theme::INK_SOFT),
        StrokeKind::Inside,
    );

    // Axis poles at the ends of each axis.
    let label = |pos: Pos2, align: Align2, text: &str| {
        let font = FontId::proportional(16.0);
        let galley = painter.layout_no_wrap(text.to_owned(), font, theme::INK);
        let r = align
            .anchor_size(pos, galley.size())
            .expand2(vec2(6.0, 2.0));
        painter.rect_filled(r, CornerRadius::same(4), egui::Color32::WHITE);
        if let Some(rec) = recorder {
            rec.galley(
                TextKind::GridLabel,
                text,
                &galley,
                r.min + vec2(6.0, 2.0),
                16.0,
            );
        }
        painter.galley(r.min + vec2(6.0, 2.0), galley, theme::INK);
        r
    };
    texts.extend([
        label(
            pos2(rect.min.x + 6.0, c.y),
            Align2::LEFT_CENTER,
            "◀ Predictable",
        ),
        label(
            pos2(rect.max.x - 6.0, c.y),
            Align2::RIGHT_CENTER,
            "Unpredictable ▶",
        ),
        label(
            pos2(c.x, rect.min.y - 4.0),
            Align2::CENTER_BOTTOM,
            "▲ High-stakes",
        ),
        label(
            pos2(c.x, rect.max.y + 4.0),
            Align2::CENTER_TOP,
            "▼ Low-stakes",
        ),
    ]);
    texts
}
