//! Room for each note in the overview (issue 13): a card grows around its
//! board rectangle to fit its name, never into a neighbour's; where that
//! is not enough, it borrows free room nobody else uses. Scaled points.

use std::collections::HashMap;

use egui::{Pos2, Rect, vec2};

use super::note_fit::{Holds, fit_text};

/// Room kept between grown notes that no flow joins, in floor sizes.
pub(super) const NOTE_ROOM: f32 = 1.0;
/// A name wraps at no less than this many font sizes (about 12
/// characters), so short names stay on one line.
pub(super) const NAME_WRAP_EMS: f32 = 7.0;

/// Each note's rectangle: the one it wants, clipped so that no two
/// overlap. Two notes whose wanted rectangles overlap split the gap
/// between their base rectangles, across the axis where the gap is wider.
/// `wants` holds each note's `(base, wanted)`, `None` for folded notes.
pub(super) fn split_territories(
    wants: &[Option<(Rect, Rect)>],
    room: impl Fn(usize, usize, bool) -> f32,
) -> Vec<Option<Rect>> {
    let mut out: Vec<Option<Rect>> = wants.iter().map(|w| w.map(|(_, want)| want)).collect();
    let cell = wants
        .iter()
        .flatten()
        .map(|(_, w)| w.width().max(w.height()))
        .fold(0.0_f32, f32::max)
        .max(1.0);
    let key = |p: f32| (p / cell).floor() as i64;
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (i, want) in wants.iter().enumerate() {
        if let Some((_, w)) = want {
            grid.entry((key(w.center().x), key(w.center().y)))
                .or_default()
                .push(i);
        }
    }
    for (i, want) in wants.iter().enumerate() {
        let Some((base_i, want_i)) = want else {
            continue;
        };
        let (cx, cy) = (key(want_i.center().x), key(want_i.center().y));
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &j in grid.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                    if j <= i {
                        continue;
                    }
                    let Some(Some((base_j, want_j))) = wants.get(j) else {
                        continue;
                    };
                    if !crate::geometry::spots::overlaps(*want_i, *want_j) {
                        continue;
                    }
                    let (a, b) = (*base_i, *base_j);
                    let gap_x = (b.min.x - a.max.x).max(a.min.x - b.max.x);
                    let gap_y = (b.min.y - a.max.y).max(a.min.y - b.max.y);
                    if gap_x <= 0.0 && gap_y <= 0.0 {
                        continue; // overlapping notes: nothing to split
                    }
                    let (ri, rj) = (out.get(i).copied().flatten(), out.get(j).copied().flatten());
                    let (Some(mut ri), Some(mut rj)) = (ri, rj) else {
                        continue;
                    };
                    // Split the gap in the middle, leaving `gap` free for
                    // the arrow and its marker, but never cut into a note.
                    let across = gap_x >= gap_y;
                    let m = room(i, j, across) / 2.0;
                    // `lo_max` is the edge of the note that comes first,
                    // `hi_min` that of the one after it.
                    let split = |lo_max: &mut f32, hi_min: &mut f32, lo_end: f32, hi_start: f32| {
                        let mid = (lo_end + hi_start) / 2.0;
                        *lo_max = lo_max.min((mid - m).max(lo_end));
                        *hi_min = hi_min.max((mid + m).min(hi_start));
                    };
                    match (across, a.max.x <= b.min.x, a.max.y <= b.min.y) {
                        (true, true, _) => split(&mut ri.max.x, &mut rj.min.x, a.max.x, b.min.x),
                        (true, false, _) => split(&mut rj.max.x, &mut ri.min.x, b.max.x, a.min.x),
                        (false, _, true) => split(&mut ri.max.y, &mut rj.min.y, a.max.y, b.min.y),
                        (false, _, false) => split(&mut rj.max.y, &mut ri.min.y, b.max.y, a.min.y),
                    }
                    if let Some(slot) = out.get_mut(i) {
                        *slot = Some(ri);
                    }
                    if let Some(slot) = out.get_mut(j) {
                        *slot = Some(rj);
                    }
                }
            }
        }
    }
    out
}

/// Notes whose text still does not fit go back to their own size, then,
/// the busiest tools first (by `degree`: flows per note), take whatever free room there is around them
/// (not kept for anyone) if that is enough for their text: on a crowded
/// board a card can borrow the space a quiet neighbour does not use.
pub(super) fn claim_free_room(
    ctx: &egui::Context,
    wants: &[Option<(Rect, Rect)>],
    holds: &[Option<Holds<'_>>],
    territories: &mut [Option<Rect>],
    floor: f32,
    degree: &[usize],
) {
    let mut failing = Vec::new();
    for (i, ((want, hold), t)) in wants
        .iter()
        .zip(holds)
        .zip(territories.iter_mut())
        .enumerate()
    {
        if let (Some((base, _)), Some(h), Some(t)) = (want, hold, t.as_mut())
            && fit_text(ctx, *t, h, h.font, floor).is_none()
        {
            *t = *base;
            failing.push(i);
        }
    }
    if failing.is_empty() {
        return;
    }
    failing.sort_by_key(|&i| std::cmp::Reverse(degree.get(i).copied().unwrap_or(0)));
    let cell = territories
        .iter()
        .flatten()
        .map(|r| r.width().max(r.height()))
        .fold(1.0_f32, f32::max);
    let key = |p: Pos2| ((p.x / cell).floor() as i64, (p.y / cell).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (i, t) in territories.iter().enumerate() {
        if let Some(t) = t {
            grid.entry(key(t.center())).or_default().push(i);
        }
    }
    let margin = floor * NOTE_ROOM * 0.5;
    for i in failing {
        let (Some(Some((base, _))), Some(Some(hold))) = (wants.get(i), holds.get(i)) else {
            continue;
        };
        // With the summary where it fits, else the name alone, on one
        // line or wrapped narrower.
        let sizes = [
            (NAME_WRAP_EMS, true),
            (NAME_WRAP_EMS, false),
            (NAME_WRAP_EMS / 2.0, false),
        ]
        .map(|(ems, summary)| {
            hold.size_with(ctx, ems * hold.font, floor, summary)
                .max(base.size())
        });
        let free = |r: Rect, territories: &[Option<Rect>]| {
            let (cx, cy) = key(r.center());
            let reach = ((r.width().max(r.height()) + margin) / cell).ceil() as i64 + 1;
            (-reach..=reach).all(|dx| {
                (-reach..=reach).all(|dy| {
                    grid.get(&(cx + dx, cy + dy))
                        .into_iter()
                        .flatten()
                        .all(|&j| {
                            j == i
                                || territories.get(j).copied().flatten().is_none_or(|t| {
                                    !crate::geometry::spots::overlaps(t.expand(margin), r)
                                })
                        })
                })
            })
        };
        let shifts = [
            vec2(0.0, 0.0),
            vec2(0.0, -0.3),
            vec2(0.0, 0.3),
            vec2(-0.3, 0.0),
            vec2(0.3, 0.0),
        ];
        let found = sizes
            .iter()
            .flat_map(|&size| shifts.iter().map(move |s| (size, *s)))
            .find_map(|(size, s)| {
                let r = Rect::from_center_size(base.center() + s * size, size);
                let covers = r.contains(base.center());
                (covers
                    && free(r, territories)
                    && fit_text(ctx, r, hold, hold.font, floor).is_some())
                .then_some(r)
            });
        if let (Some(r), Some(t)) = (found, territories.get_mut(i)) {
            *t = Some(r);
        }
    }
}
