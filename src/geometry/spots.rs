//! Free spots (issue 13): the rectangles and lines already taken, in a
//! coarse grid for quick lookups, and candidate spots tried in order, the
//! first free one winning. Used by the board's geometry (pain notes, flow
//! labels, hours badges, new notes), the overview and the typology grid
//! (chips, airlock names). Units are whatever the caller uses (board units
//! or screen points), the same for every rectangle.

use std::collections::HashMap;

use emath::{Pos2, Rect, Vec2, vec2};

/// A rectangle spanning more grid cells than this on either axis is kept
/// in a plain list instead of the grid.
const MAX_CELLS_SPANNED: i64 = 32;

/// Rectangles and lines already taken.
#[derive(Clone, Debug)]
pub struct Taken {
    /// Grid cell size, in the caller's units (> 0).
    cell: f32,
    rects: Vec<Rect>,
    grid: HashMap<(i64, i64), Vec<usize>>,
    /// Indices of rectangles too large for the grid.
    large: Vec<usize>,
    /// Lines taken: ends, half-width and group (see
    /// [`Self::add_segment_in`]).
    lines: Vec<(Pos2, Pos2, f32, usize)>,
    /// Indices of `lines` by the grid cells their bounding boxes span.
    line_grid: HashMap<(i64, i64), Vec<usize>>,
    /// Indices of lines too long for the grid.
    long_lines: Vec<usize>,
}

/// Whether two rectangles overlap with positive area (touching edges do
/// not count).
pub fn overlaps(a: Rect, b: Rect) -> bool {
    a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y
}

/// Area of the overlap of two rectangles (0 when apart).
pub fn overlap_area(a: Rect, b: Rect) -> f32 {
    let i = a.intersect(b);
    if i.is_positive() { i.area() } else { 0.0 }
}

impl Taken {
    /// Nothing taken yet; `cell` is the lookup grid's cell size, about
    /// the size of a typical rectangle (clamped to at least 1).
    pub fn new(cell: f32) -> Self {
        Self {
            cell: if cell.is_finite() { cell.max(1.0) } else { 1.0 },
            rects: Vec::new(),
            grid: HashMap::new(),
            large: Vec::new(),
            lines: Vec::new(),
            line_grid: HashMap::new(),
            long_lines: Vec::new(),
        }
    }

    /// Mark the band `half_width` on each side of the segment `a`–`b` as
    /// taken (a flow's line).
    pub fn add_segment(&mut self, a: Pos2, b: Pos2, half_width: f32) {
        self.add_segment_in(a, b, half_width, usize::MAX);
    }

    /// [`Self::add_segment`], in `group`: [`Self::first_clear_outside`]
    /// does not count the lines of the group it is given (a flow's own
    /// line, and its twin's between the same two tools).
    pub fn add_segment_in(&mut self, a: Pos2, b: Pos2, half_width: f32, group: usize) {
        let index = self.lines.len();
        self.lines.push((a, b, half_width, group));
        match self.cells(Rect::from_two_pos(a, b).expand(half_width)) {
            Some((x0, y0, x1, y1)) => {
                for x in x0..=x1 {
                    for y in y0..=y1 {
                        self.line_grid.entry((x, y)).or_default().push(index);
                    }
                }
            }
            None => self.long_lines.push(index),
        }
    }

    /// Whether `rect` crosses a line taken.
    fn crosses_a_line(&self, rect: Rect) -> bool {
        self.crosses_a_line_outside(rect, None)
    }

    /// Whether `rect` crosses a line taken that is not in `group`.
    fn crosses_a_line_outside(&self, rect: Rect, group: Option<usize>) -> bool {
        if self.lines.is_empty() {
            return false;
        }
        let near: Box<dyn Iterator<Item = usize>> = match self.cells(rect) {
            Some((x0, y0, x1, y1)) => Box::new(
                (x0..=x1)
                    .flat_map(move |x| {
                        (y0..=y1).flat_map(move |y| {
                            self.line_grid.get(&(x, y)).into_iter().flatten().copied()
                        })
                    })
                    .chain(self.long_lines.iter().copied()),
            ),
            None => Box::new(0..self.lines.len()),
        };
        near.filter_map(|i| self.lines.get(i))
            .filter(|l| group != Some(l.3))
            .any(|&(a, b, half, _)| segment_crosses(a, b, rect.expand(half)))
    }

    fn cells(&self, rect: Rect) -> Option<(i64, i64, i64, i64)> {
        if !rect.is_finite() {
            return None;
        }
        let c = |v: f32| (v / self.cell).floor() as i64;
        let span = (c(rect.min.x), c(rect.min.y), c(rect.max.x), c(rect.max.y));
        let small = span.2 - span.0 <= MAX_CELLS_SPANNED && span.3 - span.1 <= MAX_CELLS_SPANNED;
        small.then_some(span)
    }

    /// Mark `rect` as taken.
    pub fn add(&mut self, rect: Rect) {
        let index = self.rects.len();
        self.rects.push(rect);
        match self.cells(rect) {
            Some((x0, y0, x1, y1)) => {
                for x in x0..=x1 {
                    for y in y0..=y1 {
                        self.grid.entry((x, y)).or_default().push(index);
                    }
                }
            }
            None => self.large.push(index),
        }
    }

    /// Take back a rectangle taken before (the same rectangle exactly);
    /// nothing when it was not taken.
    pub fn remove(&mut self, rect: Rect) {
        if let Some(found) = self.rects.iter_mut().find(|r| **r == rect) {
            // An empty rectangle far away overlaps nothing.
            *found = Rect::NOTHING;
        }
    }

    /// Indices of every taken rectangle that may overlap `rect` (a few
    /// more at most, some more than once).
    fn near(&self, rect: Rect) -> impl Iterator<Item = usize> + '_ {
        let span = self.cells(rect);
        let from_grid = span.into_iter().flat_map(move |(x0, y0, x1, y1)| {
            (x0..=x1).flat_map(move |x| {
                (y0..=y1).flat_map(move |y| self.grid.get(&(x, y)).into_iter().flatten().copied())
            })
        });
        let everything = span
            .is_none()
            .then_some(0..self.rects.len())
            .into_iter()
            .flatten();
        from_grid
            .chain(self.large.iter().copied())
            .chain(everything)
    }

    /// Whether `rect` overlaps anything taken (a rectangle or a line).
    pub fn hits(&self, rect: Rect) -> bool {
        self.near(rect)
            .filter_map(|i| self.rects.get(i))
            .any(|r| overlaps(*r, rect))
            || self.crosses_a_line(rect)
    }

    /// Total area of `rect` that overlaps taken rectangles (counted once
    /// per rectangle it overlaps), plus its whole area when it crosses a
    /// line taken.
    pub fn overlap(&self, rect: Rect) -> f32 {
        let line = if self.crosses_a_line(rect) {
            rect.area()
        } else {
            0.0
        };
        line + self.rect_overlap(rect)
    }

    fn rect_overlap(&self, rect: Rect) -> f32 {
        let mut hit: Vec<usize> = self
            .near(rect)
            .filter(|&i| self.rects.get(i).is_some_and(|r| overlaps(*r, rect)))
            .collect();
        hit.sort_unstable();
        hit.dedup();
        hit.iter()
            .filter_map(|&i| self.rects.get(i))
            .map(|r| overlap_area(*r, rect))
            .sum()
    }

    /// The first candidate that overlaps nothing taken but the lines of
    /// `group`, if any.
    pub fn first_clear_outside(
        &self,
        candidates: impl IntoIterator<Item = Rect>,
        group: usize,
    ) -> Option<Rect> {
        candidates.into_iter().find(|r| {
            !self
                .near(*r)
                .filter_map(|i| self.rects.get(i))
                .any(|t| overlaps(*t, *r))
                && !self.crosses_a_line_outside(*r, Some(group))
        })
    }

    /// The first candidate that overlaps no rectangle taken (lines may
    /// cross it), if any.
    pub fn first_clear_of_rects(&self, candidates: impl IntoIterator<Item = Rect>) -> Option<Rect> {
        candidates.into_iter().find(|r| {
            !self
                .near(*r)
                .filter_map(|i| self.rects.get(i))
                .any(|t| overlaps(*t, *r))
        })
    }

    /// The first candidate that overlaps nothing taken, if any (cheaper
    /// than [`Self::first_free`] when the best of the rest is not needed).
    pub fn first_clear(&self, candidates: impl IntoIterator<Item = Rect>) -> Option<Rect> {
        candidates.into_iter().find(|r| !self.hits(*r))
    }

    /// The first candidate that overlaps nothing taken and lies inside
    /// `within` (when given): `Ok`. When none is free, the candidate inside
    /// `within` that overlaps least: `Err` (or `Err(None)` when there are
    /// no candidates at all).
    pub fn first_free(
        &self,
        candidates: impl IntoIterator<Item = Rect>,
        within: Option<Rect>,
    ) -> Result<Rect, Option<Rect>> {
        let mut best: Option<(f32, Rect)> = None;
        for rect in candidates {
            if within.is_some_and(|w| !w.contains_rect(rect)) {
                continue;
            }
            if !self.hits(rect) {
                return Ok(rect);
            }
            let overlap = self.overlap(rect);
            if best.is_none_or(|(o, _)| overlap < o) {
                best = Some((overlap, rect));
            }
        }
        Err(best.map(|(_, r)| r))
    }
}

/// Candidate rectangles of `size` beside the segment `start`–`end`: centred
/// on points along it (its middle first, then outward), on its right-hand
/// side first, then its left, each just clear of the line by `gap`.
pub fn beside_segment(start: Pos2, end: Pos2, size: Vec2, gap: f32) -> Vec<Rect> {
    let dir = end - start;
    let unit = if dir.length() > f32::EPSILON {
        dir.normalized()
    } else {
        vec2(1.0, 0.0)
    };
    let normal = vec2(-unit.y, unit.x);
    // How far the centre sits from the line for the rectangle to clear it.
    let reach = normal.x.abs() * size.x / 2.0 + normal.y.abs() * size.y / 2.0 + gap;
    let mut out = Vec::with_capacity(2 * ALONG.len() + 1);
    for t in ALONG {
        let at = start.lerp(end, t);
        out.push(Rect::from_center_size(at + normal * reach, size));
        out.push(Rect::from_center_size(at - normal * reach, size));
    }
    out
}

/// Candidate rectangles of `size` centred on the segment `start`–`end`
/// (a marker sitting on its line, never beside it), its middle first,
/// then outward.
pub fn on_segment(start: Pos2, end: Pos2, size: Vec2) -> Vec<Rect> {
    [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78]
        .into_iter()
        .map(|t| Rect::from_center_size(start.lerp(end, t), size))
        .collect()
}

/// Candidate rectangles of `size` centred on the segment `start`–`end`
/// (a marker or badge sitting on its line), middle first, then beside it
/// as [`beside_segment`] gives.
pub fn on_and_beside_segment(start: Pos2, end: Pos2, size: Vec2, gap: f32) -> Vec<Rect> {
    let mut out: Vec<Rect> = [0.5, 0.4, 0.6]
        .into_iter()
        .map(|t| Rect::from_center_size(start.lerp(end, t), size))
        .collect();
    out.extend(beside_segment(start, end, size, gap));
    out
}

/// Whether the segment `a`–`b` passes through the inside of `rect`
/// (Liang–Barsky clipping; touching an edge does not count).
pub fn segment_crosses(a: Pos2, b: Pos2, rect: Rect) -> bool {
    let d = b - a;
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    for (p, q) in [
        (-d.x, a.x - rect.min.x),
        (d.x, rect.max.x - a.x),
        (-d.y, a.y - rect.min.y),
        (d.y, rect.max.y - a.y),
    ] {
        if p.abs() <= f32::EPSILON {
            if q <= 0.0 {
                return false;
            }
            continue;
        }
        let t = q / p;
        if p < 0.0 {
            t0 = t0.max(t);
        } else {
            t1 = t1.min(t);
        }
        if t0 >= t1 {
            return false;
        }
    }
    true
}

/// Where along a segment candidates go, from its start (0) to its end (1).
const ALONG: [f32; 9] = [0.5, 0.38, 0.62, 0.26, 0.74, 0.16, 0.84, 0.5, 0.5];

/// Candidate rectangles of `size` around `anchor`, ring after ring: each
/// ring touches the previous one's outline with a `gap`, and runs below,
/// right, left, then above (below first: the room reads a card's notes
/// under it).
pub fn around(anchor: Rect, size: Vec2, gap: f32, rings: usize) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut around = anchor;
    for _ in 0..rings {
        let a = around;
        let (w, h) = (size.x, size.y);
        let below = a.max.y + gap;
        let above = a.min.y - gap - h;
        let right = a.max.x + gap;
        let left = a.min.x - gap - w;
        // Slots along each side, from the side's start.
        let xs = slots(a.min.x, a.max.x, w, gap);
        let ys = slots(a.min.y, a.max.y, h, gap);
        out.extend(
            xs.iter()
                .map(|&x| Rect::from_min_size(Pos2::new(x, below), size)),
        );
        out.extend(
            ys.iter()
                .map(|&y| Rect::from_min_size(Pos2::new(right, y), size)),
        );
        out.extend(
            ys.iter()
                .map(|&y| Rect::from_min_size(Pos2::new(left, y), size)),
        );
        out.extend(
            xs.iter()
                .map(|&x| Rect::from_min_size(Pos2::new(x, above), size)),
        );
        // Corners.
        out.push(Rect::from_min_size(Pos2::new(right, below), size));
        out.push(Rect::from_min_size(Pos2::new(left, below), size));
        out.push(Rect::from_min_size(Pos2::new(right, above), size));
        out.push(Rect::from_min_size(Pos2::new(left, above), size));
        around = Rect::from_min_max(Pos2::new(left, above), Pos2::new(right + w, below + h));
    }
    out
}

/// Start positions of items of `len` along a side from `from` to `to`:
/// aligned with its start, centred, aligned with its end, then stepped
/// along when the side is long.
fn slots(from: f32, to: f32, len: f32, gap: f32) -> Vec<f32> {
    let mut out = vec![from, (from + to - len) / 2.0, to - len];
    let step = len + gap;
    let mut x = from + step;
    while x + len <= to && out.len() < 8 {
        out.push(x);
        x += step;
    }
    out.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use emath::pos2;

    #[test]
    fn a_line_taken_blocks_the_spots_it_crosses_and_no_others() {
        let mut taken = Taken::new(50.0);
        taken.add_segment(pos2(0.0, 0.0), pos2(400.0, 400.0), 5.0);
        let on = Rect::from_min_size(pos2(180.0, 180.0), vec2(40.0, 40.0));
        let beside = Rect::from_min_size(pos2(300.0, 0.0), vec2(60.0, 60.0));
        let near = Rect::from_min_size(pos2(106.0, 60.0), vec2(30.0, 30.0));
        assert!(taken.hits(on));
        assert!(!taken.hits(beside));
        assert!(!taken.hits(near), "{near:?} is clear of the band");
        assert!(taken.hits(near.expand(8.0)), "the band is 5 wide");
        assert!(segment_crosses(
            pos2(-10.0, 5.0),
            pos2(10.0, 5.0),
            on.translate(vec2(-190.0, -190.0))
        ));
    }

    #[test]
    fn the_first_free_candidate_wins_and_a_full_board_gives_the_least_overlap() {
        let mut taken = Taken::new(50.0);
        taken.add(Rect::from_min_size(pos2(0.0, 0.0), vec2(100.0, 100.0)));
        let a = Rect::from_min_size(pos2(50.0, 50.0), vec2(100.0, 100.0));
        let b = Rect::from_min_size(pos2(90.0, 90.0), vec2(100.0, 100.0));
        let c = Rect::from_min_size(pos2(100.0, 0.0), vec2(100.0, 100.0));
        assert_eq!(taken.first_free([a, b, c], None), Ok(c), "touching is free");
        assert_eq!(taken.first_free([a, b], None), Err(Some(b)));
        assert_eq!(
            taken.first_free(
                [c],
                Some(Rect::from_min_size(Pos2::ZERO, vec2(150.0, 150.0)))
            ),
            Err(None),
            "outside the bounds"
        );
    }

    #[test]
    fn large_rectangles_are_found_too() {
        let mut taken = Taken::new(1.0);
        taken.add(Rect::from_min_size(
            pos2(-500.0, -500.0),
            vec2(1000.0, 1000.0),
        ));
        assert!(taken.hits(Rect::from_min_size(pos2(10.0, 10.0), vec2(2.0, 2.0))));
        assert!(!taken.hits(Rect::from_min_size(pos2(600.0, 10.0), vec2(2.0, 2.0))));
    }

    #[test]
    fn candidates_beside_a_segment_clear_it_on_both_sides() {
        let size = vec2(40.0, 20.0);
        let cands = beside_segment(pos2(0.0, 0.0), pos2(200.0, 0.0), size, 2.0);
        assert!(
            cands
                .iter()
                .all(|r| r.min.y >= 2.0 - 1e-3 || r.max.y <= -2.0 + 1e-3)
        );
        assert!((cands[0].center().x - 100.0).abs() < 1e-3, "middle first");
    }

    #[test]
    fn candidates_around_a_card_never_cover_it() {
        let card = Rect::from_min_size(pos2(0.0, 0.0), vec2(160.0, 100.0));
        let cands = around(card, vec2(170.0, 60.0), 8.0, 2);
        assert!(cands.iter().all(|r| !overlaps(*r, card)));
        assert!(cands[0].min.y >= card.max.y, "below first");
    }
}
