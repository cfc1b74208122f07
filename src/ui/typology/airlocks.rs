//! The airlocks of the hybrid score drawn on the typology grid (Step 4):
//! an arrow from zone to zone with a gate and a label beside it, each name
//! placed clear of the grid's labels and the other names (the chips then
//! keep clear of the names).

use egui::{Align2, CornerRadius, FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, vec2};

use super::GridFrame;
use crate::model::{Airlock, GridPos, Quadrant, Session};
use crate::ui::theme;

pub(super) fn airlock_name(airlock: &Airlock) -> &str {
    if airlock.name.trim().is_empty() {
        "(unnamed airlock)"
    } else {
        &airlock.name
    }
}

pub(super) fn or_dash(text: &str) -> &str {
    if text.trim().is_empty() { "—" } else { text }
}

/// How much smaller each try at an airlock's name is, points.
const AIRLOCK_FONT_STEP: f32 = 1.0;

/// Space between parallel airlocks between the same two zones, points.
const AIRLOCK_SPACING: f32 = 34.0;

/// An airlock as placed on the grid: its arrow, its gate and its name's
/// label.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedAirlock {
    /// Its index in the session's airlocks.
    pub index: usize,
    /// The arrow, from its zone into the other (screen points).
    pub start: Pos2,
    /// Where the arrow ends (its head, when the zones differ).
    pub end: Pos2,
    /// Whether it has a head (a gate within one zone has none).
    pub head: bool,
    /// The name's label (white plate).
    pub label: Rect,
    /// The name's font size.
    pub font: f32,
}

/// An airlock's name laid out at `font`, at most two lines of
/// `max_width`.
fn name_galley(
    painter: &egui::Painter,
    airlock: &Airlock,
    font: f32,
    max_width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple_singleline(
        airlock_name(airlock).to_owned(),
        FontId::proportional(font),
        theme::INK,
    );
    job.wrap.max_width = max_width;
    job.wrap.max_rows = 2;
    painter.layout_job(job)
}

/// The widest an airlock's name may be on the grid of `frame`.
fn max_label_width(frame: GridFrame) -> f32 {
    (frame.rect.width() / 2.0 - 20.0).max(60.0)
}

/// Where each airlock goes: an arrow from its zone's quadrant into the
/// other's, with a gate in the middle and its name on a label beside the
/// gate. Airlocks between the same two zones run side by side; labels
/// keep clear of one another and of `keep_clear` (quadrant titles, axis
/// poles) where there is room, if need be at a smaller font, down to
/// `floor` (points). The painter only measures text.
pub(super) fn place_airlocks(
    painter: &egui::Painter,
    frame: GridFrame,
    session: &Session,
    keep_clear: &[Rect],
    floor: f32,
) -> Vec<PlacedAirlock> {
    let pair = |a: &Airlock| {
        if a.from <= a.to {
            (a.from, a.to)
        } else {
            (a.to, a.from)
        }
    };
    let max_label = max_label_width(frame);
    let mut gates = Vec::with_capacity(session.airlocks.len());
    for (i, airlock) in session.airlocks.iter().enumerate() {
        let key = pair(airlock);
        let siblings = session.airlocks.iter().filter(|a| pair(a) == key).count();
        let rank = session
            .airlocks
            .iter()
            .take(i)
            .filter(|a| pair(a) == key)
            .count();
        let offset = (rank as f32 - (siblings as f32 - 1.0) / 2.0) * AIRLOCK_SPACING;
        let (start, end) = airlock_segment(frame, airlock.from, airlock.to);
        let dir = (end - start).normalized();
        // Always the same side for a pair, whichever way the airlock runs.
        let (ka, kb) = (
            frame.screen_from_grid(key.0.centre()),
            frame.screen_from_grid(key.1.centre()),
        );
        let key_dir = if ka == kb {
            vec2(1.0, 0.0)
        } else {
            (kb - ka).normalized()
        };
        let perp = vec2(-key_dir.y, key_dir.x);
        let (start, end) = (start + perp * offset, end + perp * offset);
        let mid = start + (end - start) * 0.5;
        // Labels of arrows along the top or bottom edge go outward (to the
        // edge); those of upright arrows inward, clear of the axis's pole
        // labels at the grid's sides.
        let outward = if perp.dot(mid - frame.rect.center()) >= 0.0 {
            perp
        } else {
            -perp
        };
        let side = if outward.x.abs() > outward.y.abs() {
            -outward
        } else {
            outward
        };
        gates.push((i, airlock, start, end, mid, dir, side));
    }

    let mut placed: Vec<PlacedAirlock> = Vec::with_capacity(gates.len());
    for (index, airlock, start, end, mid, dir, side) in gates {
        let beside = |size: Vec2, side: Vec2, slide: f32| {
            let step = dir.x.abs() * size.x + dir.y.abs() * size.y + 4.0;
            let anchor = mid + side * (theme::AIRLOCK_GATE_HALF + 6.0) + dir * slide * step;
            let align = if side.x.abs() > side.y.abs() {
                if side.x > 0.0 {
                    Align2::LEFT_CENTER
                } else {
                    Align2::RIGHT_CENTER
                }
            } else if side.y > 0.0 {
                Align2::CENTER_TOP
            } else {
                Align2::CENTER_BOTTOM
            };
            align.anchor_size(anchor, size)
        };
        // The preferred side if it fits and is free, else the other, else
        // slid along the arrow, so labels never cover one another; on a
        // small grid, a smaller font down to the legibility floor.
        let free = |r: &Rect| {
            frame.rect.contains_rect(*r)
                && !placed.iter().any(|p| p.label.intersects(*r))
                && !keep_clear.iter().any(|l| l.intersects(*r))
        };
        let place = |size: Vec2| {
            [0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 4.0, -4.0]
                .into_iter()
                .flat_map(|slide| [beside(size, side, slide), beside(size, -side, slide)])
                .find(free)
        };
        let plate =
            |font: f32| name_galley(painter, airlock, font, max_label).size() + LABEL_PADDING * 2.0;
        let smallest = floor.min(theme::AIRLOCK_FONT);
        let found = (0..)
            .map(|i| theme::AIRLOCK_FONT - i as f32 * AIRLOCK_FONT_STEP)
            .take_while(|font| *font >= smallest - 1e-3)
            .find_map(|font| place(plate(font)).map(|rect| (rect, font)));
        // Nowhere free: at the smallest font, where it covers least.
        let (label, font) = found.unwrap_or_else(|| {
            let size = plate(smallest);
            let covered = |r: &Rect| -> f32 {
                placed
                    .iter()
                    .map(|p| &p.label)
                    .chain(keep_clear)
                    .map(|l| l.intersect(*r))
                    .filter(|i| i.is_positive())
                    .map(|i| i.area())
                    .sum()
            };
            let rect = [0.0, 1.0, -1.0, 2.0, -2.0]
                .into_iter()
                .flat_map(|slide| [beside(size, side, slide), beside(size, -side, slide)])
                .map(|r| keep_inside(r, frame.rect))
                .min_by(|a, b| covered(a).total_cmp(&covered(b)))
                .unwrap_or_else(|| keep_inside(beside(size, side, 0.0), frame.rect));
            (rect, smallest)
        });
        placed.push(PlacedAirlock {
            index,
            start,
            end,
            head: airlock.from != airlock.to,
            label,
            font,
        });
    }
    placed
}

/// Padding of an airlock's label around its name.
const LABEL_PADDING: Vec2 = vec2(6.0, 2.0);

/// Draw the airlocks as placed: arrows and gates first, then every label
/// over them.
pub(super) fn paint_airlocks(
    painter: &egui::Painter,
    frame: GridFrame,
    session: &Session,
    placed: &[PlacedAirlock],
) {
    let stroke = Stroke::new(theme::AIRLOCK_WIDTH, theme::AIRLOCK);
    for p in placed {
        let dir = (p.end - p.start).normalized();
        painter.line_segment([p.start, p.end], stroke);
        if p.head {
            let head = 14.0;
            let side = vec2(-dir.y, dir.x) * head * 0.55;
            painter.add(Shape::convex_polygon(
                vec![p.end, p.end - dir * head + side, p.end - dir * head - side],
                theme::AIRLOCK,
                Stroke::NONE,
            ));
        }
        // The gate: two bars across the arrow, with a white gap between.
        let mid = p.start + (p.end - p.start) * 0.5;
        let bar = vec2(-dir.y, dir.x) * theme::AIRLOCK_GATE_HALF;
        painter.rect_filled(
            Rect::from_center_size(mid, Vec2::splat(10.0)),
            CornerRadius::ZERO,
            egui::Color32::WHITE,
        );
        for along in [-5.0, 5.0] {
            let c = mid + dir * along;
            painter.line_segment([c - bar, c + bar], stroke);
        }
    }
    for (p, galley, at) in label_texts(painter, frame, session, placed) {
        painter.rect_filled(p.label, CornerRadius::same(4), egui::Color32::WHITE);
        painter.rect_stroke(
            p.label,
            CornerRadius::same(4),
            Stroke::new(2.0, theme::AIRLOCK),
            StrokeKind::Inside,
        );
        painter.galley(at, galley, theme::INK);
    }
}

/// Each airlock's name laid out on its label, and where it goes.
pub(super) fn label_texts<'a>(
    painter: &egui::Painter,
    frame: GridFrame,
    session: &Session,
    placed: &'a [PlacedAirlock],
) -> Vec<(&'a PlacedAirlock, std::sync::Arc<egui::Galley>, Pos2)> {
    let max_label = max_label_width(frame);
    placed
        .iter()
        .filter_map(|p| {
            let airlock = session.airlocks.get(p.index)?;
            let galley = name_galley(painter, airlock, p.font, max_label);
            Some((p, galley, p.label.min + LABEL_PADDING))
        })
        .collect()
}

/// Where an airlock's arrow runs, in screen points: across the border of
/// its two zones, clear of the quadrants' middles where most notes sit.
/// Side by side zones are joined near the grid's outer edge, diagonal ones
/// through the centre; a gate within one zone is a short stub in it.
fn airlock_segment(frame: GridFrame, from: Quadrant, to: Quadrant) -> (Pos2, Pos2) {
    let centre = |q: Quadrant| {
        let c = q.centre();
        vec2(c.predictability, c.stakes)
    };
    let (a, b) = (centre(from), centre(to));
    let to_screen = |v: Vec2| frame.screen_from_grid(GridPos::new(v.x, v.y));
    if from == to {
        let stub = a + vec2(0.0, -0.25);
        return (
            to_screen(stub - vec2(0.2, 0.0)),
            to_screen(stub + vec2(0.2, 0.0)),
        );
    }
    let mut mid = (a + b) / 2.0;
    // Top or bottom pair: run along the outer edge band.
    if mid.y.abs() > 0.25 {
        mid.y = mid.y.signum() * AIRLOCK_EDGE_STAKES;
    }
    // Left or right pair.
    if mid.x.abs() > 0.25 {
        mid.x = mid.x.signum() * AIRLOCK_EDGE_PREDICTABILITY;
    }
    let half = (b - a) * AIRLOCK_HALF_LENGTH;
    (to_screen(mid - half), to_screen(mid + half))
}

/// How far up (or down) the arrow between two side-by-side zones runs,
/// grid units (0 = axis, 1 = edge).
const AIRLOCK_EDGE_STAKES: f32 = 0.78;
/// How far left (or right) the arrow between two stacked zones runs, grid
/// units; clear of the axis's "◀ Predictable" label.
const AIRLOCK_EDGE_PREDICTABILITY: f32 = 0.58;
/// Half an arrow's length, as a share of the distance between the two
/// zones' centres.
const AIRLOCK_HALF_LENGTH: f32 = 0.32;

/// `rect` moved (not shrunk) so that it lies inside `bounds` where it fits.
fn keep_inside(rect: Rect, bounds: Rect) -> Rect {
    let shift = |min: f32, max: f32, lo: f32, hi: f32| {
        if min < lo {
            lo - min
        } else if max > hi {
            (hi - max).max(lo - min)
        } else {
            0.0
        }
    };
    rect.translate(vec2(
        shift(rect.min.x, rect.max.x, bounds.min.x, bounds.max.x),
        shift(rect.min.y, rect.max.y, bounds.min.y, bounds.max.y),
    ))
}
