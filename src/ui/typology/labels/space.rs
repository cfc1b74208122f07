//! Where a label may go in a region of the grid: what is taken (titles,
//! dots, other labels and their leader lines) and the spots around a dot.

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::geometry::spots::{Taken, segment_crosses};
use crate::model::{Id, Task};
use crate::ui::typology::GridFrame;

use super::{AWAY_COST, CROSSING_COST, DOT_GAP, DOT_RADIUS, LABEL_GAP, TaskLabel};

/// What is taken on the grid: the rectangles to keep clear of, every dot,
/// every label placed so far and their leader lines.
#[derive(Clone)]
pub(super) struct Space {
    pub(super) taken: Taken,
    /// Each task's dot, as a square around it.
    pub(super) dots: Vec<(Id, Rect)>,
    /// Labels placed (their plates).
    pub(super) plates: Vec<Rect>,
    /// Leader lines placed.
    pub(super) leaders: Vec<[Pos2; 2]>,
    /// Rectangles to keep clear of (for leader lines).
    pub(super) keep_clear: Vec<Rect>,
}

impl Space {
    pub(super) fn new(keep_clear: &[Rect], tasks: &[&Task], frame: GridFrame) -> Self {
        let mut taken = Taken::new(60.0);
        for r in keep_clear {
            taken.add(*r);
        }
        let dots: Vec<(Id, Rect)> = tasks
            .iter()
            .map(|t| {
                let at = frame.screen_from_grid(t.grid.unwrap_or_default());
                (
                    t.id,
                    Rect::from_center_size(at, Vec2::splat(2.0 * DOT_RADIUS + 2.0)),
                )
            })
            .collect();
        Self {
            taken,
            dots,
            plates: Vec::new(),
            leaders: Vec::new(),
            keep_clear: keep_clear.to_vec(),
        }
    }

    /// Whether a plate at `rect` (with a leader from `dot` when `leader`)
    /// is free, and at what extra cost: it may cover nothing taken and no
    /// dot, no leader may cross it, and its leader no label; a leader
    /// across a title, a pole, another dot or another leader costs
    /// [`CROSSING_COST`].
    pub(super) fn free(
        &self,
        rect: Rect,
        own: Id,
        leader: Option<[Pos2; 2]>,
        relaxed: bool,
    ) -> Option<f32> {
        let padded = rect.expand(LABEL_GAP / 2.0);
        if self.taken.hits(padded) {
            return None;
        }
        // Every dot stays in sight, but a task's own marker may sit on it
        // (and, `relaxed`, on a neighbour's, at a cost).
        let hidden = self
            .dots
            .iter()
            .filter(|(id, r)| crate::geometry::spots::overlaps(*r, padded) && *id != own)
            .count();
        if hidden > 0 && !relaxed {
            return None;
        }
        if self
            .leaders
            .iter()
            .any(|l| segment_crosses(l[0], l[1], padded))
        {
            return None;
        }
        let hiding = hidden as f32 * CROSSING_COST;
        let Some([a, b]) = leader else {
            return Some(hiding);
        };
        let crosses = |r: &Rect| segment_crosses(a, b, *r);
        if self.plates.iter().any(crosses) {
            return None;
        }
        // Out from under a title is free; across one, or across another
        // task's dot (the dot still shows), a last resort.
        let across = self
            .keep_clear
            .iter()
            .filter(|r| !r.contains(a) && crosses(r))
            .count()
            + self
                .dots
                .iter()
                .filter(|(id, r)| *id != own && crosses(r))
                .count()
            + self
                .leaders
                .iter()
                .filter(|l| segments_cross(a, b, l[0], l[1]))
                .count();
        Some(across as f32 * CROSSING_COST + hiding)
    }

    pub(super) fn add(&mut self, label: &TaskLabel) {
        self.taken.add(label.rect.expand(LABEL_GAP / 2.0));
        self.plates.push(label.rect);
        if let Some(l) = label.leader {
            self.leaders.push(l);
        }
    }
}

/// Whether the segments `a`–`b` and `c`–`d` cross (touching ends do not
/// count).
pub(super) fn segments_cross(a: Pos2, b: Pos2, c: Pos2, d: Pos2) -> bool {
    let side = |p: Pos2, q: Pos2, r: Pos2| (q - p).x * (r - p).y - (q - p).y * (r - p).x;
    let (d1, d2) = (side(c, d, a), side(c, d, b));
    let (d3, d4) = (side(a, b, c), side(a, b, d));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// The plate positions tried for a plate of `size` around `dot` inside
/// `bounds`: on the dot when `on_dot` (a marker), beside it (cost 0 and
/// up), then anywhere in the bounds by distance, with a leader line.
pub(super) fn spots(dot: Pos2, size: Vec2, bounds: Rect, on_dot: bool) -> Vec<(Rect, f32)> {
    let gap = DOT_RADIUS + DOT_GAP;
    let mut out = Vec::with_capacity(64);
    if on_dot {
        // A marker: on its dot, standing for it.
        out.push((Rect::from_center_size(dot, size), 0.0));
    }
    // Beside: right, left, below, above, sliding along the side.
    for (i, f) in [0.5_f32, 0.2, 0.8, 0.0, 1.0].into_iter().enumerate() {
        let small = i as f32 * 0.5;
        let y = dot.y - size.y * f;
        let x = dot.x - size.x * f;
        out.push((Rect::from_min_size(pos2(dot.x + gap, y), size), small));
        out.push((
            Rect::from_min_size(pos2(dot.x - gap - size.x, y), size),
            small + 0.25,
        ));
        out.push((Rect::from_min_size(pos2(x, dot.y + gap), size), small + 1.0));
        out.push((
            Rect::from_min_size(pos2(x, dot.y - gap - size.y), size),
            small + 1.0,
        ));
    }
    out.retain(|(r, _)| bounds.contains_rect(*r));
    // Away: over the whole region, nearest first.
    let step = vec2(
        (size.x / 4.0).max(bounds.width() / 24.0).max(4.0),
        (size.y / 2.0).max(bounds.height() / 24.0).max(4.0),
    );
    let free = bounds.size() - size;
    if free.x >= 0.0 && free.y >= 0.0 {
        let nx = (free.x / step.x).floor() as i32 + 1;
        let ny = (free.y / step.y).floor() as i32 + 1;
        let mut away = Vec::with_capacity((nx * ny) as usize + 4);
        let mut push = |min: Pos2| {
            let r = Rect::from_min_size(min, size);
            let to = pos2(dot.x.clamp(r.min.x, r.max.x), dot.y.clamp(r.min.y, r.max.y));
            away.push((r, AWAY_COST + dot.distance(to)));
        };
        for iy in 0..ny {
            for ix in 0..nx {
                push(bounds.min + vec2(ix as f32 * step.x, iy as f32 * step.y));
            }
        }
        // The region's far edges too.
        for iy in 0..ny {
            push(pos2(
                bounds.max.x - size.x,
                bounds.min.y + iy as f32 * step.y,
            ));
        }
        for ix in 0..nx {
            push(pos2(
                bounds.min.x + ix as f32 * step.x,
                bounds.max.y - size.y,
            ));
        }
        push(bounds.max - size);
        away.sort_by(|a, b| a.1.total_cmp(&b.1));
        out.extend(away);
    }
    out
}

/// `rect` moved the least so that it lies inside `bounds` (where it fits).
pub(super) fn inside(rect: Rect, bounds: Rect) -> Rect {
    let dx = (bounds.min.x - rect.min.x).max(0.0) + (bounds.max.x - rect.max.x).min(0.0);
    let dy = (bounds.min.y - rect.min.y).max(0.0) + (bounds.max.y - rect.max.y).min(0.0);
    rect.translate(vec2(dx, dy))
}
