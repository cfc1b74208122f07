//! The typology grid's background (Step 3, METHOD.md): quadrants with
//! their titles, the undecided bands, the axes and their poles. Where the
//! texts go is computed without painting ([`grid_texts`]), so that the
//! labels can keep clear of them and another picture of the grid can
//! draw them the same way.

use egui::{Align2, CornerRadius, FontId, Pos2, Rect, Stroke, StrokeKind, Vec2, pos2, vec2};

use super::GridFrame;
use crate::geometry::measure::MeasureText;
use crate::model::{Placement, Quadrant, Session, UNDECIDED_BAND};
use crate::ui::theme;

/// What a text of the grid's background is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridTextKind {
    /// A quadrant's title and count, "Orchestra  (10)".
    Title,
    /// A quadrant's axes, "Predictable + High-stakes" (softer ink).
    Axes,
    /// An axis's pole, "◀ Predictable", on a white plate.
    Pole,
}

/// A text of the grid's background, placed.
#[derive(Clone, Debug, PartialEq)]
pub struct GridText {
    /// What it is.
    pub kind: GridTextKind,
    /// What it says.
    pub text: String,
    /// Where its text goes (for a pole, its plate is this expanded by
    /// [`POLE_PADDING`]).
    pub rect: Rect,
    /// Its font size.
    pub size: f32,
}

impl GridText {
    /// What labels keep clear of: the text, or a pole's plate.
    pub fn outer(&self) -> Rect {
        match self.kind {
            GridTextKind::Pole => self.rect.expand2(POLE_PADDING),
            _ => self.rect,
        }
    }
}

/// Padding of a pole's white plate around its text.
pub const POLE_PADDING: Vec2 = vec2(6.0, 2.0);
/// A pole's font size.
const POLE_FONT: f32 = 16.0;

/// Where the quadrants' titles and axes and the axes' poles go on the grid
/// of `frame`, with `session`'s count of tasks per quadrant. Titles sit in
/// the quadrants' outer corners (slid along the outer edge toward the
/// middle where a task's dot would be under them) and shrink with
/// a narrow grid; every text is at least `floor` high. The stakes axis's
/// poles go inside the grid, or above and below it when `stakes_outside`
/// (see [`poles_cover_titles`] and [`stakes_pole_space`]).
pub fn grid_texts(
    measure: &mut dyn MeasureText,
    frame: GridFrame,
    session: &Session,
    floor: f32,
    stakes_outside: bool,
) -> Vec<GridText> {
    let mut texts = Vec::with_capacity(12);
    let rect = frame.rect;
    let title_font = (rect.width() / 20.0)
        .clamp(14.0, theme::QUADRANT_TITLE_FONT)
        .max(floor);
    let axes_font = (title_font * 0.65).max(11.0).max(floor);
    let dots: Vec<Pos2> = session
        .tasks
        .iter()
        .filter_map(|t| t.grid)
        .map(|g| frame.screen_from_grid(g))
        .collect();
    let place = |measure: &mut dyn MeasureText,
                 texts: &mut Vec<GridText>,
                 kind,
                 text: String,
                 size: f32,
                 pos: Pos2,
                 align: Align2| {
        let galley = vec2(measure.width(&text, size), measure.line_height(size));
        let rect = align.anchor_size(pos, galley);
        texts.push(GridText {
            kind,
            text,
            rect,
            size,
        });
        rect
    };
    for q in Quadrant::ALL {
        let qr = frame.quadrant_rect(q);
        let count = session
            .tasks
            .iter()
            .filter(|t| t.placement() == Some(Placement::Quadrant(q)))
            .count();
        let title = format!("{}  ({count})", q.title());
        let inset = vec2(10.0, 6.0);
        // In the outer corner, or slid along the outer edge toward the
        // middle so that it hides no task's dot.
        let block = vec2(
            measure
                .width(&title, title_font)
                .max(measure.width(q.axes(), axes_font)),
            measure.line_height(title_font) + 2.0 + measure.line_height(axes_font),
        );
        let room = vec2(
            qr.width() - 2.0 * inset.x - block.x - UNDECIDED_BAND * rect.width() / 2.0,
            qr.height() / 2.0 - block.y,
        )
        .max(Vec2::ZERO);
        let toward_middle = match q {
            Quadrant::Orchestra => vec2(1.0, 1.0),
            Quadrant::RehearsedJam => vec2(-1.0, 1.0),
            Quadrant::JamSession => vec2(-1.0, -1.0),
            Quadrant::Algorithm => vec2(1.0, -1.0),
        };
        let corner = match q {
            Quadrant::Orchestra => qr.left_top() + inset,
            Quadrant::RehearsedJam => qr.right_top() + vec2(-inset.x - block.x, inset.y),
            Quadrant::JamSession => qr.right_bottom() - inset - block,
            Quadrant::Algorithm => qr.left_bottom() + vec2(inset.x, -inset.y - block.y),
        };
        let hidden = |slide: Vec2| {
            let r = Rect::from_min_size(corner + slide * toward_middle, block)
                .expand(super::labels::DOT_RADIUS + 1.0);
            dots.iter().filter(|d| r.contains(**d)).count()
        };
        // Along the outer horizontal edge first, then down (or up) the
        // outer vertical one; the least move that hides no dot, else the
        // corner.
        let slides = (0..=12)
            .map(|i| vec2(room.x * i as f32 / 12.0, 0.0))
            .chain((1..=6).map(|i| vec2(0.0, room.y * i as f32 / 6.0)));
        let slide = slides
            .filter(|s| hidden(*s) == 0)
            .min_by(|a, b| a.length().total_cmp(&b.length()))
            .unwrap_or(Vec2::ZERO)
            * toward_middle;
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
        let title_pos = title_pos + slide;
        let title = place(
            measure,
            &mut texts,
            GridTextKind::Title,
            title,
            title_font,
            title_pos,
            align,
        );
        let (axes_pos, axes_align) = if below {
            (
                pos2(title_pos.x, title.max.y + 2.0),
                Align2([align.x(), egui::Align::Min]),
            )
        } else {
            (
                pos2(title_pos.x, title.min.y - 2.0),
                Align2([align.x(), egui::Align::Max]),
            )
        };
        place(
            measure,
            &mut texts,
            GridTextKind::Axes,
            q.axes().to_owned(),
            axes_font,
            axes_pos,
            axes_align,
        );
    }
    // Axis poles at the ends of each axis, inside the grid: the high and
    // low stakes ones on the vertical axis, so the grid takes the height
    // they would otherwise leave above and below it; on a grid too narrow
    // for them beside the titles, above and below it.
    let c = rect.center();
    let pole = POLE_FONT.max(floor);
    let pad = POLE_PADDING;
    let (top, bottom) = if stakes_outside {
        (
            (pos2(c.x, rect.min.y - 4.0 - pad.y), Align2::CENTER_BOTTOM),
            (pos2(c.x, rect.max.y + 4.0 + pad.y), Align2::CENTER_TOP),
        )
    } else {
        (
            (pos2(c.x, rect.min.y + 4.0 + pad.y), Align2::CENTER_TOP),
            (pos2(c.x, rect.max.y - 4.0 - pad.y), Align2::CENTER_BOTTOM),
        )
    };
    for (pos, align, text) in [
        (
            pos2(rect.min.x + 6.0 + pad.x, c.y),
            Align2::LEFT_CENTER,
            "◀ Predictable",
        ),
        (
            pos2(rect.max.x - 6.0 - pad.x, c.y),
            Align2::RIGHT_CENTER,
            "Unpredictable ▶",
        ),
        (top.0, top.1, "▲ High-stakes"),
        (bottom.0, bottom.1, "▼ Low-stakes"),
    ] {
        place(
            measure,
            &mut texts,
            GridTextKind::Pole,
            text.to_owned(),
            pole,
            pos,
            align,
        );
    }
    texts
}

/// Whether a pole covers a quadrant's title or axes (the grid is too
/// narrow for the stakes poles inside it).
pub fn poles_cover_titles(texts: &[GridText]) -> bool {
    texts
        .iter()
        .filter(|t| t.kind == GridTextKind::Pole)
        .any(|p| {
            texts
                .iter()
                .filter(|t| t.kind != GridTextKind::Pole)
                .any(|t| t.rect.intersects(p.outer()))
        })
}

/// Room above and below a grid whose stakes poles sit outside it, for a
/// legibility floor of `floor`, points.
pub fn stakes_pole_space(measure: &mut dyn MeasureText, floor: f32) -> f32 {
    measure.line_height(POLE_FONT.max(floor)) + 2.0 * POLE_PADDING.y + 6.0
}

/// Paint quadrants, undecided bands, axes and `texts` (from
/// [`grid_texts`]); `drop_at`, where a dragged task would land, outlines
/// its quadrant (or the bands).
pub(super) fn paint_grid(
    painter: &egui::Painter,
    frame: GridFrame,
    texts: &[GridText],
    drop_at: Option<Pos2>,
) {
    let rect = frame.rect;
    let target = drop_at.map(|p| frame.grid_from_screen(p).placement());
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
    }
    // The undecided bands along both axes.
    let c = rect.center();
    let band_x = UNDECIDED_BAND * rect.width() / 2.0;
    let band_y = UNDECIDED_BAND * rect.height() / 2.0;
    let band_fill = if target == Some(Placement::Undecided) {
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
    for text in texts {
        if text.kind == GridTextKind::Pole {
            painter.rect_filled(text.outer(), CornerRadius::same(4), egui::Color32::WHITE);
        }
        let (galley, ink) = text_galley(painter, text);
        painter.galley(text.rect.min, galley, ink);
    }
}

/// A title's, axis's or pole's text laid out, and its ink.
pub(super) fn text_galley(
    painter: &egui::Painter,
    text: &GridText,
) -> (std::sync::Arc<egui::Galley>, egui::Color32) {
    let ink = match text.kind {
        GridTextKind::Axes => theme::INK_SOFT,
        GridTextKind::Title | GridTextKind::Pole => theme::INK,
    };
    let galley = painter.layout_no_wrap(text.text.clone(), FontId::proportional(text.size), ink);
    (galley, ink)
}
