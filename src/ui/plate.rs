//! The plate that shows a shortened or folded text in full, large, over
//! everything (issue 13): on the board (a card's name and pain points, a
//! flow's label) and on the typology grid (a chip's name, a stack's
//! tasks). It goes below what it explains where there is room, else above,
//! always inside the view.

use std::sync::Arc;

use egui::{Color32, CornerRadius, FontId, Galley, Pos2, Rect, Stroke, StrokeKind, vec2};

use super::theme;

/// One line of a plate.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// What it says.
    pub text: String,
    /// Font size, points.
    pub size: f32,
    /// A small square of this colour before it (a pain note's colour).
    pub swatch: Option<Color32>,
}

impl Line {
    /// A line of `text` at `size` points, without a swatch.
    pub fn plain(text: impl Into<String>, size: f32) -> Self {
        Self {
            text: text.into(),
            size,
            swatch: None,
        }
    }
}

/// Padding inside the plate, points.
const PAD: f32 = 12.0;
/// Space between lines, and between a swatch and its text, points.
const GAP: f32 = 6.0;

/// A plate laid out: where it goes and each line's text, where.
#[derive(Clone, Debug)]
pub struct Plate {
    /// The plate, screen points.
    pub rect: Rect,
    /// Its lines, top to bottom.
    pub rows: Vec<Row>,
}

/// One line of a [`Plate`], laid out.
#[derive(Clone, Debug)]
pub struct Row {
    /// The text, wrapped to the plate's width.
    pub galley: Arc<Galley>,
    /// Where the text goes (its top-left), screen points.
    pub at: Pos2,
    /// Font size, points.
    pub size: f32,
    /// The swatch square before the text and its colour, if any.
    pub swatch: Option<(Rect, Color32)>,
}

/// Lay `lines` out on a plate beside `anchor` (screen points), inside
/// `bounds`; `painter` measures the text. Lines wrap at most 34 font
/// sizes or 60 % of the bounds wide.
pub fn lay_out(painter: &egui::Painter, bounds: Rect, anchor: Rect, lines: &[Line]) -> Plate {
    let largest = lines.iter().map(|l| l.size).fold(12.0, f32::max);
    let width = (bounds.width() * 0.6).min(largest * 34.0).max(120.0);
    let laid: Vec<_> = lines
        .iter()
        .map(|line| {
            let swatch = line.swatch.map(|c| (c, line.size * 0.8));
            let room = swatch.map_or(0.0, |(_, s)| s + GAP);
            let galley = painter.layout(
                line.text.clone(),
                FontId::proportional(line.size),
                theme::INK,
                width - room,
            );
            (galley, line.size, swatch, room)
        })
        .collect();
    let content = laid.iter().fold(vec2(0.0, 0.0), |acc, (g, _, _, room)| {
        vec2(acc.x.max(g.size().x + room), acc.y + g.size().y + GAP)
    });
    let size = content + vec2(2.0 * PAD, 2.0 * PAD - GAP);
    let below = Rect::from_min_size(Pos2::new(anchor.min.x, anchor.max.y + 10.0), size);
    let above = Rect::from_min_size(Pos2::new(anchor.min.x, anchor.min.y - 10.0 - size.y), size);
    let plate = if below.max.y <= bounds.max.y {
        below
    } else if above.min.y >= bounds.min.y {
        above
    } else {
        Rect::from_min_size(Pos2::new(anchor.max.x + 10.0, bounds.min.y + 10.0), size)
    };
    let dx =
        (bounds.max.x - 8.0 - plate.max.x).min(0.0) + (bounds.min.x + 8.0 - plate.min.x).max(0.0);
    let plate = plate.translate(vec2(dx, 0.0));
    let mut at = plate.min + vec2(PAD, PAD);
    let mut rows = Vec::with_capacity(laid.len());
    for (galley, size, swatch, room) in laid {
        let swatch = swatch.map(|(colour, side)| {
            let square =
                Rect::from_min_size(at + vec2(0.0, (size * 1.2 - side) / 2.0), vec2(side, side));
            (square, colour)
        });
        let height = galley.size().y;
        rows.push(Row {
            galley,
            at: at + vec2(room, 0.0),
            size,
            swatch,
        });
        at.y += height + GAP;
    }
    Plate { rect: plate, rows }
}

/// Paint a plate laid out by [`lay_out`] with `painter` (a tooltip
/// layer's).
pub fn paint(painter: &egui::Painter, plate: &Plate) {
    painter.rect(
        plate.rect,
        CornerRadius::same(8),
        theme::FIELD_FILL,
        Stroke::new(3.0, theme::SELECTION),
        StrokeKind::Inside,
    );
    for row in &plate.rows {
        if let Some((square, colour)) = row.swatch {
            painter.rect(
                square,
                CornerRadius::same(2),
                colour,
                Stroke::new(1.5, theme::PAIN_STROKE),
                StrokeKind::Inside,
            );
        }
        painter.galley(row.at, Arc::clone(&row.galley), theme::INK);
    }
}
