//! The overview's display layout (issue 18): zoomed out, a card that needs
//! more room for its name than its board rectangle gives it takes that
//! room *on screen*, and its neighbours move aside, as little as they can,
//! each keeping its side of the others: the left one stays left, the upper
//! one upper, and every flow keeps joining the same two cards. The file
//! keeps where people put things; zooming in brings every card back to its
//! place (animated by the canvas).
//!
//! Pairs of rectangles that overlap (with the room asked between them) are
//! pushed apart along the axis that needs the shorter move, in the
//! direction their board positions already have, half each, until none
//! overlap; a note that is not a tool (a pain note, the task chip) is also
//! pushed off the flow lines that cross it. Scaled points (board units ×
//! zoom, before the pan).

use fnv::{FnvHashMap as HashMap, FnvHashSet as HashSet};

use egui::{Pos2, Rect, Vec2, vec2};

use crate::geometry::flow_endpoints;
use crate::geometry::spots::segment_crosses;

/// Rounds of finding overlaps and solving at most; a layout that still
/// overlaps after them is refused (the caller names fewer notes).
const MAX_ROUNDS: usize = 40;
/// Overlaps smaller than this are left, points.
const TOLERANCE: f32 = 0.25;

/// One note of the display layout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Item {
    /// Its board rectangle at this zoom, scaled points.
    pub(super) base: Rect,
    /// The size it is drawn at (at least `base`'s), points.
    pub(super) size: Vec2,
    /// Pushed off flow lines that cross it (not a tool card: its own
    /// flows end on it).
    pub(super) avoids_lines: bool,
}

/// A flow's line between items `.0` and `.1` where they are now: its
/// ends and the box around it.
type Segment = (usize, usize, Pos2, Pos2, Rect);

/// Two items kept apart on one axis: `before` comes first on it (in board
/// order), at least `gap` points centre to centre.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Apart {
    before: usize,
    after: usize,
    gap: f32,
}

/// How [`spread`] keeps items apart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Manner {
    /// Above 1, pairs are kept apart side by side more readily (a room
    /// short of height); below 1, one above the other.
    pub(super) across_bias: f32,
    /// Tool cards also keep off the lines that do not cross them on the
    /// board (items that avoid lines keep off all but their own either
    /// way).
    pub(super) cards_keep_off: bool,
}

impl Manner {
    /// As the board positions say, cards kept off lines.
    #[cfg(test)]
    const EVEN: Self = Self {
        across_bias: 1.0,
        cards_keep_off: true,
    };
}

/// Boards with more flow lines than this do not keep tool cards off the
/// lines that do not cross them (see [`spread`]): 60 tools and 120 flows
/// named no card that way, and 17–41 without it.
const CARDS_OFF_LINES_MAX: usize = 60;

/// Where each item is drawn: the rectangles of `items`' sizes, as close to
/// their board positions as the room between them allows, `room(i, j,
/// across)` points apart (`across`: side by side), none crossed by a line
/// of `lines` (pairs of item indices: flows between tool cards) when it
/// avoids lines, by `line_room` on each side. `Err` when that cannot be
/// reached in [`MAX_ROUNDS`] rounds, or (with a `limit`) grows larger than
/// `limit` (points): then with the size it had reached. `manner` says
/// which way pairs lean and whether tool cards keep off lines.
///
/// Each round finds the pairs that overlap and keeps each apart from then
/// on along one axis: across when they are further apart across than down
/// on the board (for their sizes), in their board order. Each axis is then
/// solved in one sweep each way (every item as near its wanted place as
/// the pairs before it allow, from the left, then from the right) and the
/// two sweeps averaged: both keep every pair apart, so their mean does
/// too, and it stays centred on the board.
pub(super) fn spread(
    items: &[Item],
    room: impl Fn(usize, usize, bool) -> f32,
    lines: &[(usize, usize)],
    line_room: f32,
    zoom: f32,
    limit: Option<Vec2>,
    manner: Manner,
) -> Result<Vec<Rect>, Option<Vec2>> {
    let Manner {
        across_bias,
        cards_keep_off,
    } = manner;
    let base: Vec<Pos2> = items.iter().map(|i| i.base.center()).collect();
    // Where each item would like to be: its board place, moved off the
    // lines that cross it.
    let mut wanted = base.clone();
    // Pairs are found where they overlap: start from the board spread
    // out as much as a typical note needs, so that only near neighbours
    // are kept apart (the solve then draws everything back in).
    let mut at = spread_out(items, &base, &room);
    let by_x = board_order(&base, |p| p.x);
    let by_y = board_order(&base, |p| p.y);
    let mut across: Vec<Apart> = Vec::new();
    let mut down: Vec<Apart> = Vec::new();
    let mut kept: HashSet<(usize, usize)> = HashSet::default();
    // Which lines each item keeps off: a note that is not a tool card,
    // every line but its own; a tool card, the lines that do not cross it
    // on the board (a flow passes the cards it passed, and no others), on
    // a board of a workshop's size (with more lines than that, keeping
    // every card off every line cannot be done and would name no card).
    let cards_keep_off = cards_keep_off && lines.len() <= CARDS_OFF_LINES_MAX;
    let on_board: Vec<Option<(Pos2, Pos2)>> = lines
        .iter()
        .map(|&(a, b)| flow_endpoints(items.get(a)?.base, items.get(b)?.base, zoom))
        .collect();
    let keeps_off: Vec<Vec<usize>> = items
        .iter()
        .enumerate()
        .map(|(k, item)| {
            lines
                .iter()
                .zip(&on_board)
                .enumerate()
                .filter(|(_, ((a, b), ends))| {
                    *a != k
                        && *b != k
                        && (item.avoids_lines
                            || (cards_keep_off
                                && ends.is_some_and(|(s, e)| !segment_crosses(s, e, item.base))))
                })
                .map(|(j, _)| j)
                .collect()
        })
        .collect();
    let avoiders: Vec<usize> = (0..items.len())
        .filter(|&k| keeps_off.get(k).is_some_and(|l| !l.is_empty()))
        .collect();
    let max_size = items
        .iter()
        .map(|i| i.size.max_elem())
        .fold(1.0_f32, f32::max);
    let max_room = (0..items.len().min(64))
        .flat_map(|i| [room(i, i, true), room(i, i, false)])
        .fold(0.0_f32, f32::max);
    for _ in 0..MAX_ROUNDS {
        let mut changed = false;
        let cell = max_size + max_room * 3.0 + 1.0;
        for (i, j) in overlapping(items, &at, cell, &room) {
            if !kept.insert((i, j)) {
                continue;
            }
            changed = true;
            let (Some(a), Some(b), Some(&ba), Some(&bb)) =
                (items.get(i), items.get(j), base.get(i), base.get(j))
            else {
                continue;
            };
            let need = vec2(
                (a.size.x + b.size.x) / 2.0 + room(i, j, true),
                (a.size.y + b.size.y) / 2.0 + room(i, j, false),
            );
            let apart = vec2((bb.x - ba.x).abs() / need.x, (bb.y - ba.y).abs() / need.y);
            let first = |rank: &[usize]| {
                if rank.get(i) < rank.get(j) {
                    (i, j)
                } else {
                    (j, i)
                }
            };
            if apart.x * across_bias >= apart.y {
                let (before, after) = first(&by_x.1);
                across.push(Apart {
                    before,
                    after,
                    gap: need.x,
                });
            } else {
                let (before, after) = first(&by_y.1);
                down.push(Apart {
                    before,
                    after,
                    gap: need.y,
                });
            }
        }
        if !avoiders.is_empty() {
            // Each flow's line where its cards are now, and the box
            // around it.
            let segments: Vec<Option<Segment>> = lines
                .iter()
                .map(|&(a, b)| {
                    let rect_of =
                        |i: usize| Some(Rect::from_center_size(*at.get(i)?, items.get(i)?.size));
                    let (start, end) = flow_endpoints(rect_of(a)?, rect_of(b)?, zoom)?;
                    let bounds = Rect::from_two_pos(start, end).expand(line_room);
                    Some((a, b, start, end, bounds))
                })
                .collect();
            for &k in &avoiders {
                let own = keeps_off.get(k).into_iter().flatten();
                for &(_, _, start, end, bounds) in own.filter_map(|&j| segments.get(j)?.as_ref()) {
                    if let Some(push) = off_line(items, &at, k, (start, end, bounds), line_room)
                        && let Some(w) = wanted.get_mut(k)
                    {
                        *w += push;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            return Ok(rects(items, &at));
        }
        let xs = solve(&wanted, &by_x, &across, |p| p.x);
        let ys = solve(&wanted, &by_y, &down, |p| p.y);
        at = xs.iter().zip(&ys).map(|(x, y)| Pos2::new(*x, *y)).collect();
        // Pairs kept apart only add up: once the layout is larger than
        // allowed, it stays so.
        if let Some(limit) = limit {
            let size = rects(items, &at)
                .into_iter()
                .reduce(|a, b| a.union(b))
                .map_or(Vec2::ZERO, |b| b.size());
            if size.x > limit.x + 0.5 || size.y > limit.y + 0.5 {
                return Err(Some(size));
            }
        }
    }
    Err(None)
}

/// The board places scaled about their centre by the median of how much
/// each item and its nearest neighbour need to clear each other (at least
/// 1: never drawn in).
fn spread_out(
    items: &[Item],
    base: &[Pos2],
    room: &impl Fn(usize, usize, bool) -> f32,
) -> Vec<Pos2> {
    let n = items.len();
    if n < 2 {
        return base.to_vec();
    }
    let centre = base.iter().fold(Vec2::ZERO, |a, p| a + p.to_vec2()) / n as f32;
    let mut needs: Vec<f32> = Vec::with_capacity(n);
    let cell = base
        .iter()
        .zip(items)
        .map(|(_, it)| it.base.size().max_elem())
        .fold(1.0_f32, f32::max)
        * 2.0;
    let key = |p: Pos2| ((p.x / cell).floor() as i64, (p.y / cell).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::default();
    for (i, p) in base.iter().enumerate() {
        grid.entry(key(*p)).or_default().push(i);
    }
    for (i, (a, pa)) in items.iter().zip(base).enumerate() {
        let (cx, cy) = key(*pa);
        let mut nearest: Option<(f32, usize)> = None;
        for dx in -2..=2 {
            for dy in -2..=2 {
                for &j in grid.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                    let Some(pb) = base.get(j).filter(|_| j != i) else {
                        continue;
                    };
                    let d = pa.distance_sq(*pb);
                    if nearest.is_none_or(|(best, _)| d < best) {
                        nearest = Some((d, j));
                    }
                }
            }
        }
        let Some((_, j)) = nearest else { continue };
        let (Some(b), Some(pb)) = (items.get(j), base.get(j)) else {
            continue;
        };
        let d = (*pb - *pa).abs();
        let need_x = (a.size.x + b.size.x) / 2.0 + room(i, j, true);
        let need_y = (a.size.y + b.size.y) / 2.0 + room(i, j, false);
        let scale = (need_x / d.x.max(0.01)).min(need_y / d.y.max(0.01));
        needs.push(scale.clamp(1.0, 100.0));
    }
    needs.sort_by(f32::total_cmp);
    let scale = needs.get(needs.len() / 2).copied().unwrap_or(1.0);
    base.iter()
        .map(|p| (centre + (p.to_vec2() - centre) * scale).to_pos2())
        .collect()
}

/// Items in board order along one axis (ties by index), and each item's
/// rank in it.
fn board_order(base: &[Pos2], axis: impl Fn(Pos2) -> f32) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..base.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (
            base.get(a).map_or(0.0, |p| axis(*p)),
            base.get(b).map_or(0.0, |p| axis(*p)),
        );
        pa.total_cmp(&pb).then(a.cmp(&b))
    });
    let mut rank = vec![0; base.len()];
    for (r, &i) in order.iter().enumerate() {
        if let Some(slot) = rank.get_mut(i) {
            *slot = r;
        }
    }
    (order, rank)
}

/// One axis: each item as near its `wanted` place as the pairs `apart`
/// allow; the mean of a sweep from the first item in `order` and one from
/// the last.
fn solve(
    wanted: &[Pos2],
    (order, rank): &(Vec<usize>, Vec<usize>),
    apart: &[Apart],
    axis: impl Fn(Pos2) -> f32,
) -> Vec<f32> {
    let want: Vec<f32> = wanted.iter().map(|p| axis(*p)).collect();
    let mut before_of: Vec<Vec<(usize, f32)>> = vec![Vec::new(); want.len()];
    let mut after_of: Vec<Vec<(usize, f32)>> = vec![Vec::new(); want.len()];
    for a in apart {
        // Board order decides which comes first; `before` always ranks
        // lower.
        let (lo, hi) = if rank.get(a.before) <= rank.get(a.after) {
            (a.before, a.after)
        } else {
            (a.after, a.before)
        };
        if let Some(v) = before_of.get_mut(hi) {
            v.push((lo, a.gap));
        }
        if let Some(v) = after_of.get_mut(lo) {
            v.push((hi, a.gap));
        }
    }
    let mut forward = want.clone();
    for &i in order {
        let least = before_of
            .get(i)
            .into_iter()
            .flatten()
            .filter_map(|&(j, gap)| Some(forward.get(j)? + gap))
            .fold(f32::NEG_INFINITY, f32::max);
        if let Some(x) = forward.get_mut(i) {
            *x = x.max(least);
        }
    }
    let mut backward = want;
    for &i in order.iter().rev() {
        let most = after_of
            .get(i)
            .into_iter()
            .flatten()
            .filter_map(|&(j, gap)| Some(backward.get(j)? - gap))
            .fold(f32::INFINITY, f32::min);
        if let Some(x) = backward.get_mut(i) {
            *x = x.min(most);
        }
    }
    forward
        .iter()
        .zip(&backward)
        .map(|(f, b)| (f + b) / 2.0)
        .collect()
}

/// The pairs `(i, j)`, `i < j`, whose rectangles at `at` overlap with the
/// room between them.
fn overlapping(
    items: &[Item],
    at: &[Pos2],
    cell: f32,
    room: &impl Fn(usize, usize, bool) -> f32,
) -> Vec<(usize, usize)> {
    let key = |p: Pos2| ((p.x / cell).floor() as i64, (p.y / cell).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::default();
    for (i, p) in at.iter().enumerate() {
        grid.entry(key(*p)).or_default().push(i);
    }
    let mut out = Vec::new();
    for (i, (a, pa)) in items.iter().zip(at).enumerate() {
        let (cx, cy) = key(*pa);
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &j in grid.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                    let (Some(b), Some(pb)) = (items.get(j), at.get(j)) else {
                        continue;
                    };
                    if j <= i {
                        continue;
                    }
                    let d = *pb - *pa;
                    let need_x = (a.size.x + b.size.x) / 2.0 + room(i, j, true);
                    let need_y = (a.size.y + b.size.y) / 2.0 + room(i, j, false);
                    if d.x.abs() < need_x - TOLERANCE && d.y.abs() < need_y - TOLERANCE {
                        out.push((i, j));
                    }
                }
            }
        }
    }
    out
}

fn rects(items: &[Item], at: &[Pos2]) -> Vec<Rect> {
    items
        .iter()
        .zip(at)
        .map(|(item, p)| Rect::from_center_size(*p, item.size))
        .collect()
}

/// How far item `k` must move to get off the flow line from `start` to
/// `end` (within `bounds`; with `line_room` on each side), when it
/// crosses it.
fn off_line(
    items: &[Item],
    at: &[Pos2],
    k: usize,
    (start, end, bounds): (Pos2, Pos2, Rect),
    line_room: f32,
) -> Option<Vec2> {
    let rk = Rect::from_center_size(*at.get(k)?, items.get(k)?.size);
    let grown = rk.expand(line_room);
    if !bounds.intersects(grown) || !segment_crosses(start, end, grown) {
        return None;
    }
    let along = (end - start).normalized();
    let normal = vec2(-along.y, along.x);
    let offset = (rk.center() - start).dot(normal);
    let side = if offset >= 0.0 { 1.0 } else { -1.0 };
    // How far the rectangle reaches across the line from its centre.
    let reach = normal.x.abs() * grown.width() / 2.0 + normal.y.abs() * grown.height() / 2.0;
    let needed = reach - offset.abs() + TOLERANCE;
    (needed > 0.0).then_some(normal * side * needed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    fn item(x: f32, y: f32, base: Vec2, size: Vec2) -> Item {
        Item {
            base: Rect::from_min_size(pos2(x, y), base),
            size,
            avoids_lines: false,
        }
    }

    #[test]
    fn grown_cards_push_their_neighbours_aside_and_keep_their_order() {
        // A row of three small cards, each grown to three times its width.
        let items: Vec<Item> = (0..3)
            .map(|k| item(k as f32 * 60.0, 0.0, vec2(40.0, 30.0), vec2(120.0, 40.0)))
            .collect();
        let rects =
            spread(&items, |_, _, _| 10.0, &[], 0.0, 1.0, None, Manner::EVEN).expect("spreads");
        for pair in rects.windows(2) {
            let [a, b] = pair else { continue };
            assert!(a.max.x + 10.0 <= b.min.x + 0.5, "{a:?} then {b:?}");
        }
        let centre = rects.iter().map(|r| r.center().x).sum::<f32>() / 3.0;
        assert!((centre - 80.0).abs() < 1.0, "stays where it was: {centre}");
        assert!(
            rects.iter().all(|r| (r.center().y - 15.0).abs() < 0.5),
            "same row"
        );
    }

    #[test]
    fn cards_one_above_the_other_move_apart_vertically() {
        let items = [
            item(0.0, 0.0, vec2(60.0, 20.0), vec2(80.0, 60.0)),
            item(5.0, 30.0, vec2(60.0, 20.0), vec2(80.0, 60.0)),
        ];
        let rects =
            spread(&items, |_, _, _| 0.0, &[], 0.0, 1.0, None, Manner::EVEN).expect("spreads");
        let (a, b) = (rects[0], rects[1]);
        assert!(a.max.y <= b.min.y + 0.5, "{a:?} above {b:?}");
    }

    #[test]
    fn a_pain_note_on_a_flow_line_moves_off_it() {
        let mut items = vec![
            item(0.0, 0.0, vec2(50.0, 50.0), vec2(50.0, 50.0)),
            item(400.0, 0.0, vec2(50.0, 50.0), vec2(50.0, 50.0)),
            item(200.0, 10.0, vec2(40.0, 30.0), vec2(40.0, 30.0)),
        ];
        items[2].avoids_lines = true;
        let rects = spread(
            &items,
            |_, _, _| 0.0,
            &[(0, 1)],
            4.0,
            1.0,
            None,
            Manner::EVEN,
        )
        .expect("spreads");
        let (start, end) = flow_endpoints(rects[0], rects[1], 1.0).expect("apart");
        assert!(
            !segment_crosses(start, end, rects[2].expand(3.9)),
            "{:?}",
            rects[2]
        );
        assert_eq!(rects[0], items[0].base, "the cards stay");
    }
}
