//! The plate that shows a shortened or folded text in full, large, over
//! everything (issue 13): on the board (a card's name and pain points, a
//! flow's label) and on the typology grid (a chip's name, a stack's
//! tasks). It goes below what it explains where there is room, else above,
//! always inside the view.

use egui::{Color32, CornerRadius, FontId, Pos2, Rect, Stroke, StrokeKind, vec2};

use super::legibility::{Recorder, TextKind};
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

/// Paint `lines` on a plate beside `anchor` (screen points), inside
/// `bounds`, with `painter` (a tooltip layer's); `recorder` notes the
/// texts for a check. Lines wrap at most 34 font sizes or 60 % of the
/// bounds wide.
pub fn paint(
    painter: &egui::Painter,
    bounds: Rect,
    anchor: Rect,
    lines: &[Line],
    recorder: Option<&Recorder>,
) {
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
    painter.rect(
        plate,
        CornerRadius::same(8),
        theme::FIELD_FILL,
        Stroke::new(3.0, theme::SELECTION),
        StrokeKind::Inside,
    );
    let mut at = plate.min + vec2(PAD, PAD);
    for (galley, size, swatch, room) in laid {
        if let Some((colour, side)) = swatch {
            let square =
                Rect::from_min_size(at + vec2(0.0, (size * 1.2 - side) / 2.0), vec2(side, side));
            painter.rect(
                square,
                CornerRadius::same(2),
                colour,
                Stroke::new(1.5, theme::PAIN_STROKE),
                StrokeKind::Inside,
            );
        }
        let text_at = at + vec2(room, 0.0);
        if let Some(rec) = recorder {
            rec.text(
                TextKind::Peek,
                galley.text(),
                galley.rect.translate(text_at.to_vec2()),
                size,
            );
        }
        let height = galley.size().y;
        painter.galley(text_at, galley, theme::INK);
        at.y += height + GAP;
    }
}
