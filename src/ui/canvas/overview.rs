//! The board zoomed out (issue 13): cards keep their names at a legible
//! screen size, pain notes fold into their tool's summary ("3 pain points ·
//! 5 h/wk") or their flow's badge, flow labels show where there is room and
//! otherwise give way to a ⚠ marker (shadow flows) or to nothing (designed
//! flows; hovering or selecting shows them).
//!
//! A card grows around its board rectangle to fit its name, but never into
//! a neighbour's: each pair of notes whose grown rectangles would overlap
//! splits the gap between them. Everything here is in *scaled* points:
//! board units × zoom, before the pan (`screen = canvas.min + pan +
//! scaled`), so one overview serves every pan at its zoom.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::{Galley, Pos2, Rect, Vec2, vec2};

use super::detail::{Legibility, NAME_FONT, PADDING, PAIN_FONT, TASK_FONT};
use super::layout::{Folded, LABEL_PAD, Layout, hours_text, label_wrap_width};
use super::measure;
use crate::model::{Attachment, FlowKind, NoteRef, Session};
use crate::ui::board_paint::{flow_endpoints, flow_label_text};
use crate::ui::placement::{Taken, beside_segment, on_and_beside_segment};

/// How much larger than the floor a card's name is drawn where there is
/// room, tried largest first.
const NAME_SCALES: [f32; 3] = [1.3, 1.15, 1.0];
/// A name wraps at no less than this many font sizes (about 12
/// characters), so short names stay on one line.
const NAME_WRAP_EMS: f32 = 7.0;
/// Most rows of a note's text in the overview.
const MAX_ROWS: usize = 3;
/// Room kept free between two grown cards side by side that a flow joins,
/// for its arrow and a marker or badge on it, in floor font sizes.
const ARROW_ROOM_ACROSS: f32 = 5.0;
/// The same for cards one above the other (a marker sits beside the
/// arrow there).
const ARROW_ROOM_DOWN: f32 = 2.5;
/// Room kept between grown notes that no flow joins, in floor sizes.
const NOTE_ROOM: f32 = 1.0;
/// Most rows of a task or pain note's text in the overview.
const MAX_NOTE_ROWS: usize = 4;
/// Extra room right of a tool's name for its connector handle, points.
const HANDLE_ROOM: f32 = crate::ui::theme::HANDLE_RADIUS + 2.0;
/// Badge padding around its text, points.
const BADGE_PAD: Vec2 = vec2(12.0, 4.0);

/// A laid-out text and where it goes, relative to its box's top-left,
/// points.
#[derive(Clone, Debug)]
pub(super) struct Fitted {
    pub(super) galley: Arc<Galley>,
    pub(super) at: Vec2,
    /// Font size, points.
    pub(super) size: f32,
    /// The text in full (the galley may be elided or a short form).
    pub(super) full: String,
}

/// A note as drawn in the overview.
#[derive(Clone, Debug)]
pub(super) struct NoteLook {
    /// Scaled points.
    pub(super) rect: Rect,
    pub(super) name: Option<Fitted>,
    /// A tool's folded pain points.
    pub(super) summary: Option<Fitted>,
}

/// What a flow shows in the overview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LabelForm {
    /// The label in full.
    Full,
    /// A shadow flow's ⚠ marker with its share.
    Marker,
}

/// A flow's label or marker, or its badge, as drawn in the overview.
#[derive(Clone, Debug)]
pub(super) struct FlowMark {
    /// The plate, scaled points.
    pub(super) rect: Rect,
    pub(super) text: Fitted,
}

/// A flow in the overview.
#[derive(Clone, Debug, Default)]
pub(super) struct FlowLook {
    pub(super) label: Option<(FlowMark, LabelForm)>,
    pub(super) badge: Option<FlowMark>,
}

/// The board as drawn at one zoom, below the detail level.
#[derive(Debug)]
pub(super) struct Overview {
    pub(super) zoom: f32,
    pub(super) legibility: Legibility,
    /// The layout it was made from.
    pub(super) layout: Arc<Layout>,
    /// The text cache's generation its galleys were laid out in (new
    /// fonts make new galleys).
    pub(super) generation: u64,
    /// Per note of [`Layout::order`]; `None` for a folded pain note.
    pub(super) notes: Vec<Option<NoteLook>>,
    /// Per flow of [`Layout::flows`].
    pub(super) flows: Vec<FlowLook>,
}

/// "3 pain points · 5 h/wk", or without hours when none are given.
pub(super) fn summary_text(folded: Folded, short: bool) -> String {
    let count = folded.count;
    let what = match (short, count) {
        (true, 1) => "pain",
        (true, _) => "pains",
        (false, 1) => "pain point",
        (false, _) => "pain points",
    };
    if folded.hours > 0.0 {
        format!("{count} {what} · {}", hours_text(folded.hours))
    } else {
        format!("{count} {what}")
    }
}

/// "⚠ 10 %" (or "⚠" when the share is not known): a shadow flow's marker.
pub(super) fn marker_text(share: Option<u8>) -> String {
    share.map_or_else(|| "⚠".to_owned(), |s| format!("⚠ {s} %"))
}

impl Overview {
    /// The overview of `layout` at `zoom`.
    pub(super) fn of(
        ctx: &egui::Context,
        session: &Session,
        layout: &Arc<Layout>,
        zoom: f32,
        legibility: Legibility,
        generation: u64,
    ) -> Self {
        let zoom = zoom.max(1e-4);
        let floor = legibility.floor;
        let scaled = |r: Rect| {
            Rect::from_min_max(
                (r.min.to_vec2() * zoom).to_pos2(),
                (r.max.to_vec2() * zoom).to_pos2(),
            )
        };

        // What each shown note wants to fit, and how large it would grow.
        let mut wants: Vec<Option<(Rect, Rect)>> = Vec::with_capacity(layout.order.len());
        let mut holds: Vec<Option<Holds<'_>>> = Vec::with_capacity(layout.order.len());
        for placed in &layout.order {
            if placed.attached != Attachment::Free {
                wants.push(None);
                holds.push(None);
                continue;
            }
            let base = scaled(placed.rect);
            let (text, font) = note_text(session, placed.note, placed.source, zoom, legibility);
            let tool = matches!(placed.note, NoteRef::Tool(_));
            let hold = Holds {
                text,
                font,
                folded: match placed.note {
                    NoteRef::Tool(id) => layout.folded.get(&Attachment::Tool(id)).copied(),
                    _ => None,
                },
                handle: if tool { HANDLE_ROOM } else { 0.0 },
                rows: if tool { MAX_ROWS } else { MAX_NOTE_ROWS },
                // A pain note too small for its words still says what it
                // is and what it costs.
                short: match placed.note {
                    NoteRef::Pain(_) => session.pain_points.get(placed.source).map(|p| {
                        let marker = p.category.marker();
                        p.hours_per_week.map_or_else(
                            || marker.to_owned(),
                            |h| format!("{marker} {}", hours_text(h)),
                        )
                    }),
                    _ => None,
                },
            };
            // Too small to ever hold a word: a plain block, no growth.
            let rough = text.chars().count().min(10) as f32 * 0.5 * font + 2.0 * PADDING;
            if base.width() < 0.4 * rough || text.is_empty() {
                wants.push(Some((base, base)));
                holds.push(None);
                continue;
            }
            let wrap = (base.width() - 2.0 * PADDING - hold.handle).max(NAME_WRAP_EMS * font);
            let size = hold.size_at(ctx, wrap, floor).max(base.size());
            wants.push(Some((base, Rect::from_center_size(base.center(), size))));
            holds.push(Some(hold));
        }
        // Cards joined by a flow keep room between them for its arrow and
        // marker; others may grow closer.
        let joined: HashSet<(usize, usize)> = layout
            .flows
            .iter()
            .map(|f| (f.from.min(f.to), f.from.max(f.to)))
            .collect();
        let room = |i: usize, j: usize, across: bool| {
            let linked = joined.contains(&(i.min(j), i.max(j)));
            floor
                * match (linked, across) {
                    (true, true) => ARROW_ROOM_ACROSS,
                    (true, false) => ARROW_ROOM_DOWN,
                    (false, _) => NOTE_ROOM,
                }
        };
        let mut territories = split_territories(&wants, room);
        // A note squeezed narrower than it wanted grows taller instead,
        // where there is room.
        let mut again = false;
        for ((want, hold), territory) in wants.iter_mut().zip(&holds).zip(&territories) {
            let (Some((base, wanted)), Some(hold), Some(got)) = (want.as_mut(), hold, territory)
            else {
                continue;
            };
            if got.width() + 0.5 < wanted.width() {
                let wrap = got.width() - 2.0 * PADDING - hold.handle;
                let height = hold.size_at(ctx, wrap.max(1.0), floor).y.max(base.height());
                if height > got.height() + 0.5 {
                    *wanted = Rect::from_min_max(
                        egui::pos2(got.min.x, base.center().y - height / 2.0),
                        egui::pos2(got.max.x, base.center().y + height / 2.0),
                    );
                    again = true;
                }
            }
        }
        if again {
            territories = split_territories(&wants, room);
        }
        // Where a text does not fit, its note may also take the room kept
        // for arrows (down to the room kept between any two notes): each
        // note still stays on its side of the middle of every gap, so the
        // two kinds never overlap.
        let tight = split_territories(&wants, |_, _, _| floor * NOTE_ROOM);
        for ((t, tight), hold) in territories.iter_mut().zip(&tight).zip(&holds) {
            if let (Some(t), Some(tight), Some(h)) = (t.as_mut(), tight, hold)
                && fit_text(ctx, *t, h, h.font, floor).is_none()
            {
                *t = *tight;
            }
        }
        claim_free_room(ctx, &wants, &holds, &mut territories, floor, layout);
        // One name size for every card: the largest at which all fit.
        let tool_scale = NAME_SCALES
            .iter()
            .copied()
            .find(|&scale| {
                layout
                    .order
                    .iter()
                    .zip(&holds)
                    .zip(&territories)
                    .all(|((p, h), t)| match (p.note, h, t) {
                        (NoteRef::Tool(_), Some(h), Some(t)) => {
                            fit_text(ctx, *t, h, h.font * scale, floor).is_some()
                        }
                        _ => true,
                    })
            })
            .unwrap_or(1.0);
        let mut notes = Vec::with_capacity(layout.order.len());
        for ((placed, hold), territory) in layout.order.iter().zip(&holds).zip(territories) {
            let Some(rect) = territory else {
                notes.push(None);
                continue;
            };
            let look = match hold {
                Some(hold) => {
                    let scale = match placed.note {
                        NoteRef::Tool(_) => tool_scale,
                        _ => 1.0,
                    };
                    fit_note(ctx, rect, hold, scale, floor)
                }
                None => NoteLook {
                    rect,
                    name: None,
                    summary: None,
                },
            };
            notes.push(Some(look));
        }

        // Flows: shadow flows' labels or markers first, then badges, then
        // designed flows' labels where there is still room.
        let mut taken = Taken::new(120.0);
        for look in notes.iter().flatten() {
            taken.add(look.rect);
        }
        let mut flows = vec![FlowLook::default(); layout.flows.len()];
        let ends: Vec<Option<(Pos2, Pos2)>> = layout
            .flows
            .iter()
            .map(|f| {
                let a = notes.get(f.from)?.as_ref()?.rect;
                let b = notes.get(f.to)?.as_ref()?.rect;
                flow_endpoints(a, b, zoom)
            })
            .collect();
        let kind = |i: usize| {
            layout
                .flows
                .get(i)
                .and_then(|f| session.flows.get(f.source))
        };
        for pass in [Pass::Shadow, Pass::Badges, Pass::Designed] {
            for (i, look) in flows.iter_mut().enumerate() {
                let (Some(flow), Some(Some((start, end)))) = (kind(i), ends.get(i)) else {
                    continue;
                };
                let (start, end) = (*start, *end);
                let shadow = flow.kind == FlowKind::Shadow;
                let mut try_place =
                    |text: &str, full: &str, wrap: f32, pad: Vec2, on_line: bool| {
                        let galley = measure::layout(ctx, text, floor, wrap, 2);
                        if galley.elided || splits_a_word(&galley) {
                            return None;
                        }
                        let size = galley.size() + pad;
                        // Short marks may sit on the line; labels beside it.
                        let candidates = if on_line {
                            on_and_beside_segment(start, end, size, 2.0)
                        } else {
                            beside_segment(start, end, size, 2.0)
                        };
                        let rect = taken.first_free(candidates, None).ok()?;
                        taken.add(rect.expand(2.0));
                        Some(FlowMark {
                            rect,
                            text: Fitted {
                                at: (rect.size() - galley.size()) / 2.0,
                                galley,
                                size: floor,
                                full: full.to_owned(),
                            },
                        })
                    };
                match pass {
                    Pass::Shadow | Pass::Designed if shadow == (pass == Pass::Shadow) => {
                        let full = flow_label_text(flow);
                        if full.is_empty() {
                            continue;
                        }
                        let wrap = label_wrap_width(start.distance(end)).max(10.0 * floor);
                        look.label = try_place(&full, &full, wrap, LABEL_PAD, false)
                            .map(|m| (m, LabelForm::Full))
                            .or_else(|| {
                                shadow
                                    .then(|| {
                                        let marker = marker_text(flow.share);
                                        try_place(&marker, &full, 0.0, LABEL_PAD, true)
                                    })
                                    .flatten()
                                    .map(|m| (m, LabelForm::Marker))
                            });
                    }
                    Pass::Badges => {
                        let Some(folded) = layout.folded.get(&Attachment::Flow(flow.id)) else {
                            continue;
                        };
                        let full = summary_text(*folded, true);
                        look.badge = try_place(&full, &full, 0.0, BADGE_PAD, true).or_else(|| {
                            (folded.hours > 0.0)
                                .then(|| {
                                    try_place(
                                        &hours_text(folded.hours),
                                        &full,
                                        0.0,
                                        BADGE_PAD,
                                        true,
                                    )
                                })
                                .flatten()
                        });
                    }
                    _ => {}
                }
            }
        }
        Self {
            zoom,
            legibility,
            layout: Arc::clone(layout),
            generation,
            notes,
            flows,
        }
    }

    /// A note's drawn rectangle in board units (`None`: folded).
    pub(super) fn note_rect(&self, i: usize) -> Option<Rect> {
        let r = self.notes.get(i)?.as_ref()?.rect;
        Some(Rect::from_min_max(
            (r.min.to_vec2() / self.zoom).to_pos2(),
            (r.max.to_vec2() / self.zoom).to_pos2(),
        ))
    }

    /// A flow's label (or marker) and badge plates in board units.
    pub(super) fn flow_marks(&self, i: usize) -> [Option<Rect>; 2] {
        let to_board = |r: Rect| {
            Rect::from_min_max(
                (r.min.to_vec2() / self.zoom).to_pos2(),
                (r.max.to_vec2() / self.zoom).to_pos2(),
            )
        };
        let Some(look) = self.flows.get(i) else {
            return [None, None];
        };
        [
            look.label.as_ref().map(|(m, _)| to_board(m.rect)),
            look.badge.as_ref().map(|m| to_board(m.rect)),
        ]
    }

    /// The drawn rectangles of flow `i`'s two tools, board units.
    pub(super) fn flow_rects(&self, layout: &Layout, i: usize) -> Option<(Rect, Rect)> {
        let flow = layout.flows.get(i)?;
        Some((self.note_rect(flow.from)?, self.note_rect(flow.to)?))
    }

    /// Everything drawn, scaled points.
    pub(super) fn bounds(&self) -> Option<Rect> {
        let notes = self.notes.iter().flatten().map(|n| n.rect);
        let marks = self.flows.iter().flat_map(|f| {
            f.label
                .as_ref()
                .map(|(m, _)| m.rect)
                .into_iter()
                .chain(f.badge.as_ref().map(|m| m.rect))
        });
        notes.chain(marks).reduce(|a, b| a.union(b))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pass {
    Shadow,
    Badges,
    Designed,
}

/// Notes whose text still does not fit go back to their own size, then,
/// the busiest tools first, take whatever free room there is around them
/// (not kept for anyone) if that is enough for their text: on a crowded
/// board a card can borrow the space a quiet neighbour does not use.
fn claim_free_room(
    ctx: &egui::Context,
    wants: &[Option<(Rect, Rect)>],
    holds: &[Option<Holds<'_>>],
    territories: &mut [Option<Rect>],
    floor: f32,
    layout: &Layout,
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
    let mut degree = vec![0_usize; territories.len()];
    for flow in &layout.flows {
        for end in [flow.from, flow.to] {
            if let Some(d) = degree.get_mut(end) {
                *d += 1;
            }
        }
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
    let margin = floor * NOTE_ROOM;
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
                                    !crate::ui::placement::overlaps(t.expand(margin), r)
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

/// A note's text and its font size in the overview, points.
fn note_text(
    session: &Session,
    note: NoteRef,
    source: usize,
    zoom: f32,
    legibility: Legibility,
) -> (&str, f32) {
    match note {
        NoteRef::Tool(_) => (
            session.tools.get(source).map_or("", |t| t.name.as_str()),
            (NAME_FONT * zoom).max(legibility.names),
        ),
        NoteRef::Task(_) => (
            session.tasks.get(source).map_or("", |t| t.name.as_str()),
            (TASK_FONT * zoom).max(legibility.floor),
        ),
        NoteRef::Pain(_) => (
            session
                .pain_points
                .get(source)
                .map_or("", |p| p.text.as_str()),
            (PAIN_FONT * zoom).max(legibility.floor),
        ),
    }
}

/// Each note's rectangle: the one it wants, clipped so that no two
/// overlap. Two notes whose wanted rectangles overlap split the gap
/// between their base rectangles, across the axis where the gap is wider.
/// `wants` holds each note's `(base, wanted)`, `None` for folded notes.
fn split_territories(
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
                    if !crate::ui::placement::overlaps(*want_i, *want_j) {
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
                    let cut = |lo_end: f32, hi_start: f32| {
                        let mid = (lo_end + hi_start) / 2.0;
                        ((mid - m).max(lo_end), (mid + m).min(hi_start))
                    };
                    if across {
                        if a.max.x <= b.min.x {
                            let (end, start) = cut(a.max.x, b.min.x);
                            ri.max.x = ri.max.x.min(end);
                            rj.min.x = rj.min.x.max(start);
                        } else {
                            let (end, start) = cut(b.max.x, a.min.x);
                            rj.max.x = rj.max.x.min(end);
                            ri.min.x = ri.min.x.max(start);
                        }
                    } else if a.max.y <= b.min.y {
                        let (end, start) = cut(a.max.y, b.min.y);
                        ri.max.y = ri.max.y.min(end);
                        rj.min.y = rj.min.y.max(start);
                    } else {
                        let (end, start) = cut(b.max.y, a.min.y);
                        rj.max.y = rj.max.y.min(end);
                        ri.min.y = ri.min.y.max(start);
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

/// What a note holds in the overview.
#[derive(Clone, Debug)]
struct Holds<'a> {
    text: &'a str,
    /// Font size of its text, points.
    font: f32,
    /// A tool's folded pain points.
    folded: Option<Folded>,
    /// Room kept right of the text for a tool's connector handle, points.
    handle: f32,
    /// Most rows of its text.
    rows: usize,
    /// What it says when not even a few words of its text fit.
    short: Option<String>,
}

impl Holds<'_> {
    /// The size a note needs for its text wrapped at `wrap` (and a tool's
    /// summary at `floor`), padding included.
    fn size_at(&self, ctx: &egui::Context, wrap: f32, floor: f32) -> Vec2 {
        self.size_with(ctx, wrap, floor, true)
    }

    /// [`Self::size_at`], with or without the summary.
    fn size_with(&self, ctx: &egui::Context, wrap: f32, floor: f32, summary: bool) -> Vec2 {
        let name = measure::layout(ctx, self.text, self.font, wrap, self.rows).size();
        let summary = self.folded.filter(|_| summary).map_or(Vec2::ZERO, |f| {
            measure::layout(ctx, &summary_text(f, false), floor, 0.0, 0).size()
        });
        vec2(
            name.x.max(summary.x) + 2.0 * PADDING + self.handle,
            name.y + summary.y * 1.1 + 2.0 * PADDING,
        )
    }
}

/// Whether a galley wraps inside a word (a word wider than the wrap
/// width is split wherever it had to be).
pub(super) fn splits_a_word(galley: &Galley) -> bool {
    galley.rows.windows(2).any(|pair| match pair {
        [a, b] => {
            !a.ends_with_newline
                && a.row
                    .glyphs
                    .last()
                    .is_some_and(|g| !g.chr.is_whitespace() && g.chr != '-')
                && b.row.glyphs.first().is_some_and(|g| !g.chr.is_whitespace())
        }
        _ => false,
    })
}

/// Where a note's text goes: inside its padding, clear of a tool's
/// connector handle on its right edge.
fn text_room(rect: Rect, hold: &Holds<'_>) -> Rect {
    Rect::from_min_max(
        rect.min + vec2(PADDING, PADDING),
        rect.max - vec2(PADDING + hold.handle, PADDING),
    )
}

/// The summary that fits in `inner`'s width (long form, else short),
/// with its full text.
fn fit_summary(
    ctx: &egui::Context,
    inner: Rect,
    folded: Option<Folded>,
    floor: f32,
) -> Option<(Arc<Galley>, String)> {
    let folded = folded?;
    [summary_text(folded, false), summary_text(folded, true)]
        .into_iter()
        .map(|s| measure::layout(ctx, &s, floor, 0.0, 0))
        .find(|g| g.size().x <= inner.width())
        .map(|g| (g, summary_text(folded, false)))
}

/// The text of `hold` at `size`, whole and without splitting a word, if it
/// fits in `rect` (with the summary under it).
fn fit_text(
    ctx: &egui::Context,
    rect: Rect,
    hold: &Holds<'_>,
    size: f32,
    floor: f32,
) -> Option<Arc<Galley>> {
    let inner = text_room(rect, hold);
    let summary_h =
        fit_summary(ctx, inner, hold.folded, floor).map_or(0.0, |(g, _)| g.size().y * 1.1);
    let room = vec2(inner.width(), inner.height() - summary_h);
    if hold.text.is_empty() || room.x < size {
        return None;
    }
    let galley = measure::layout(ctx, hold.text, size, room.x, hold.rows);
    let fits = !galley.elided
        && !splits_a_word(&galley)
        && galley.size().x <= room.x + 0.5
        && galley.size().y <= room.y + 0.5;
    fits.then_some(galley)
}

/// A note's texts laid out in its rectangle: its name at `scale` × its
/// font if it fits whole, else at its font cut with "…" after the last
/// row that fits (never inside a word where that can be helped); a tool's
/// summary under it at the floor, or its short form, or none.
fn fit_note(ctx: &egui::Context, rect: Rect, hold: &Holds<'_>, scale: f32, floor: f32) -> NoteLook {
    let inner = text_room(rect, hold);
    let summary = fit_summary(ctx, inner, hold.folded, floor);
    let summary_h = summary.as_ref().map_or(0.0, |(g, _)| g.size().y * 1.1);
    let room = vec2(inner.width(), inner.height() - summary_h);
    let font = hold.font;
    let mut name = [scale, 1.0]
        .into_iter()
        .find_map(|s| fit_text(ctx, rect, hold, font * s, floor).map(|g| (g, font * s)));
    if name.is_none() && !hold.text.is_empty() && room.x >= 2.0 * font {
        let row = measure::layout(ctx, "Ag", font, 0.0, 0).size().y;
        let mut rows = (((room.y + 0.5) / row.max(1.0)).floor() as usize).min(hold.rows);
        // Keep only the rows before the first split word.
        let whole = measure::layout(ctx, hold.text, font, room.x, 0);
        if let Some(split) = whole.rows.windows(2).position(|pair| {
            pair.first().zip(pair.get(1)).is_some_and(|(a, b)| {
                !a.ends_with_newline
                    && a.row
                        .glyphs
                        .last()
                        .is_some_and(|g| !g.chr.is_whitespace() && g.chr != '-')
                    && b.row.glyphs.first().is_some_and(|g| !g.chr.is_whitespace())
            })
        }) {
            rows = rows.min(split.max(1));
        }
        if rows >= 1 {
            let galley = measure::layout(ctx, hold.text, font, room.x, rows);
            // A cut name must keep a few letters besides the "…".
            if galley.rows.first().is_some_and(|r| r.row.glyphs.len() >= 4) {
                name = Some((galley, font));
            }
        }
    }
    if name.is_none()
        && let Some(short) = &hold.short
    {
        let galley = measure::layout(ctx, short, font, 0.0, 0);
        if galley.size().x <= room.x + 0.5 && galley.size().y <= room.y + 0.5 {
            name = Some((galley, font));
        }
    }
    let block = name.as_ref().map_or(0.0, |(g, _)| g.size().y) + summary_h;
    let top = inner.min.y + ((inner.height() - block) / 2.0).max(0.0) - rect.min.y;
    let centre = inner.center().x - rect.min.x;
    let name = name.map(|(galley, size)| Fitted {
        at: vec2(centre - galley.size().x / 2.0, top),
        size,
        full: hold.text.to_owned(),
        galley,
    });
    let name_h = name.as_ref().map_or(0.0, |n| n.galley.size().y);
    let summary = summary.map(|(galley, full)| Fitted {
        at: vec2(
            centre - galley.size().x / 2.0,
            top + name_h
                + if name_h > 0.0 {
                    galley.size().y * 0.1
                } else {
                    0.0
                },
        ),
        size: floor,
        full,
        galley,
    });
    NoteLook {
        rect,
        name,
        summary,
    }
}
