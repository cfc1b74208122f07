//! Where each note of the overview is drawn, and which ones get the room
//! for their whole text (issue 18): phase 2 of the overview.
//!
//! On a board of up to [`MAX_SPREAD`] notes with a text, cards move aside
//! on screen ([`super::display`]) for every note's whole text if that fits
//! the room "fit all" fits the map into (or the map's own size at this
//! zoom, when larger), trying narrow then wider notes; if not, the task
//! notes fold into one chip; if still not, the notes named first
//! ([`naming_order`]) as many as fit. On larger boards each card grows
//! only into the room its neighbours leave, in place (issue 13).

use fnv::FnvHashSet as HashSet;

use egui::{Pos2, Rect, Vec2, vec2};

use super::detail::PADDING;
use super::display::{self, Item};
use super::measure;
use super::note_fit::{Holds, fit_text};
use super::territory::{NAME_WRAP_EMS, NOTE_ROOM, claim_free_room, split_territories};
use crate::geometry::Geometry;
use crate::model::{Attachment, NoteRef};

/// Boards with more notes that could hold a name than this are not spread
/// (each card grows only into the room its neighbours leave): spreading
/// costs a few passes over every pair of neighbours.
pub(super) const MAX_SPREAD: usize = 400;
/// How a note given room for its whole text holds it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Shape {
    /// Wrapped no narrower than this, in font sizes.
    pub(super) ems: f32,
    /// A tool's name on this many rows at most.
    pub(super) rows: usize,
    /// A tool shows its summary of pain points ("3 pains · 5 h/wk")
    /// under its name (else only on hover).
    pub(super) summary: bool,
}

/// The shapes tried, in order: wrapped at about twelve characters (short
/// names on one line), narrower (a row of cards keeps its width), then
/// wider and lower (a room short of height); then, on a board that has no
/// room for them, without the tools' summaries.
pub(super) const SHAPES: [Shape; 5] = [
    Shape {
        ems: 7.0,
        rows: 3,
        summary: true,
    },
    Shape {
        ems: 4.0,
        rows: 3,
        summary: true,
    },
    Shape {
        ems: 11.0,
        rows: 2,
        summary: true,
    },
    Shape {
        ems: 3.0,
        rows: 4,
        summary: false,
    },
    Shape {
        ems: 6.0,
        rows: 3,
        summary: false,
    },
];
/// Room kept free between two cards side by side that a flow joins, for
/// its arrow and a marker or badge on it, in floor font sizes (cards
/// growing in place, on large boards).
const ARROW_ROOM_ACROSS: f32 = 5.0;
/// The same for cards one above the other (a marker sits beside the
/// arrow there).
const ARROW_ROOM_DOWN: f32 = 2.5;
/// Room kept between two cards a flow joins when cards move aside for
/// their names: enough for the arrow and a numbered marker (the label
/// itself may go to the legend), across and down, in floor sizes.
const SPREAD_ARROW_ACROSS: f32 = 3.5;
const SPREAD_ARROW_DOWN: f32 = 2.0;
/// Room kept between two cards no flow joins when cards move aside, in
/// floor sizes.
const SPREAD_NOTE_ROOM: f32 = 0.7;
/// How much more readily pairs of cards are kept apart across than down
/// (or the other way) when the room is short of height (or width).
const ACROSS_BIAS: f32 = 1.8;
/// Room kept on each side of a flow line by notes that are not its cards,
/// in floor sizes.
const LINE_ROOM: f32 = 0.3;

/// What one note holds and needs in the overview.
pub(super) struct Want<'a> {
    /// Its board rectangle at this zoom, scaled points.
    pub(super) base: Rect,
    /// Its text, when it could show one.
    pub(super) hold: Option<Holds<'a>>,
    /// The sizes that hold its whole text, per shape of [`SHAPES`]
    /// (`base`'s size when it has none, or the board is too large to
    /// spread).
    pub(super) whole: [Vec2; SHAPES.len()],
    /// The size that holds its short form ("≈ 2 h/wk" for a pain note),
    /// when it is not given its whole text (`base`'s size when it has
    /// none).
    pub(super) short: Vec2,
    pub(super) note: NoteRef,
}

impl<'a> Want<'a> {
    /// The sizes that hold the whole text, per shape.
    pub(super) fn measure(&mut self, ctx: &egui::Context, floor: f32) {
        let Some(hold) = &self.hold else { return };
        let inner = self.base.width() - 2.0 * PADDING - hold.handle;
        let base = self.base.size();
        let note = self.note;
        if let Some(short) = &hold.short {
            let text = measure::layout(ctx, short, hold.font, 0.0, 0).size();
            self.short = (text + Vec2::splat(2.0 * PADDING)).max(base);
        }
        self.whole = SHAPES.map(|shape| {
            let hold = shaped(hold, note, shape);
            hold.whole_size(ctx, inner.max(shape.ems * hold.font), floor)
                .max(base)
        });
    }
}

/// What `hold` holds in `shape`: a tool's name on its rows, with or
/// without its summary.
pub(super) fn shaped<'a>(hold: &Holds<'a>, note: NoteRef, shape: Shape) -> Holds<'a> {
    let mut hold = hold.clone();
    if let NoteRef::Tool(_) = note {
        hold.rows = shape.rows;
        if !shape.summary {
            hold.folded = None;
        }
    }
    hold
}

/// Which notes the display layout gives the room for their whole text:
/// all (`first: None`) or the first `first` in naming order, the task
/// notes folded into the chip or not, wrapped as shape `shape` says, pairs
/// of cards kept apart as `lean` says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Naming {
    pub(super) fold_tasks: bool,
    pub(super) first: Option<usize>,
    /// Index into [`SHAPES`].
    pub(super) shape: usize,
    pub(super) lean: Lean,
    /// Tool cards may lie across flows that do not cross them on the
    /// board: tried only when no naming fits otherwise (better a name
    /// across a line than a blank card).
    pub(super) cross_lines: bool,
}

/// Which way pairs of cards that could go either way are kept apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Lean {
    /// As their board positions say.
    #[default]
    Even,
    /// Side by side, more readily (a room short of height).
    Across,
    /// One above the other, more readily (a room short of width).
    Down,
}

impl Lean {
    fn bias(self) -> f32 {
        match self {
            Self::Even => 1.0,
            Self::Across => ACROSS_BIAS,
            Self::Down => 1.0 / ACROSS_BIAS,
        }
    }
}

/// What the overview is asked to name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ask {
    /// As many notes as fit the room.
    Most,
    /// This naming if it fits the room, else fewer notes named first, in
    /// its shape.
    AtMost(Naming),
    /// Exactly this naming, whatever room it takes ("fit all" found the
    /// zoom at which it fits).
    Exactly(Naming),
}

/// Where each note is drawn and whether it was given the room for its
/// whole text.
pub(super) struct Placed {
    pub(super) rects: Vec<Option<Rect>>,
    /// Given room for its whole text (its name is drawn at the floor or
    /// larger, never cut).
    pub(super) whole: Vec<bool>,
    /// The task chip's rectangle and the task notes in it, when folded.
    pub(super) chip: Option<(Rect, Vec<usize>)>,
    /// How the notes were named (`None`: grown in place).
    pub(super) naming: Option<Naming>,
}

/// Which notes are named first when not all can be: tools joined by the
/// most flows and carrying the most pain points, then free pain notes,
/// each in reading order. Indices into the geometry's notes.
fn naming_order(wants: &[Option<Want<'_>>], layout: &Geometry) -> Vec<usize> {
    let mut weight = vec![0_usize; layout.notes.len()];
    for flow in &layout.flows {
        for end in [flow.from, flow.to] {
            if let Some(w) = weight.get_mut(end) {
                *w += 2;
            }
        }
    }
    for (i, placed) in layout.notes.iter().enumerate() {
        if let (NoteRef::Tool(id), Some(w)) = (placed.note, weight.get_mut(i)) {
            *w += layout
                .folded
                .get(&Attachment::Tool(id))
                .map_or(0, |f| f.count);
        }
    }
    let mut order: Vec<usize> = wants
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let w = w.as_ref()?;
            (w.hold.is_some() && !matches!(w.note, NoteRef::Task(_))).then_some(i)
        })
        .collect();
    let key = |i: usize| {
        let want = wants.get(i).and_then(Option::as_ref);
        let tool = want.is_some_and(|w| matches!(w.note, NoteRef::Tool(_)));
        let at = want.map_or(Pos2::ZERO, |w| w.base.min);
        (
            !tool,
            std::cmp::Reverse(weight.get(i).copied().unwrap_or(0)),
            (at.y / 10.0).floor() as i64,
            (at.x / 10.0).floor() as i64,
        )
    };
    order.sort_by_key(|&i| key(i));
    order
}

/// "16 tasks · step 3".
pub(super) fn chip_text(count: usize) -> String {
    let what = if count == 1 { "task" } else { "tasks" };
    format!("{count} {what} · step 3")
}

/// The display layout's tries, for one overview.
struct Ladder<'w, 'a> {
    wants: &'w [Option<Want<'a>>],
    zoom: f32,
    floor: f32,
    /// What the map may take: the room, or its own size at this zoom when
    /// larger.
    allowed: Option<Vec2>,
    /// Task notes, by index.
    tasks: Vec<usize>,
    /// The chip they fold into, where it is on the board (scaled points).
    chip: Option<Rect>,
    order: Vec<usize>,
    joined: HashSet<(usize, usize)>,
    lines: Vec<(usize, usize)>,
}

/// A try that did not fit: by how much (the larger of its width and
/// height over what is allowed; infinite when it did not come apart).
type Overflow = f32;

impl Ladder<'_, '_> {
    /// The notes given their whole text under `naming`.
    fn whole(&self, naming: Naming) -> Vec<bool> {
        match naming.first {
            None => self
                .wants
                .iter()
                .map(|w| {
                    w.as_ref().is_some_and(|w| {
                        w.hold.is_some()
                            && !(naming.fold_tasks && matches!(w.note, NoteRef::Task(_)))
                    })
                })
                .collect(),
            Some(k) => {
                let mut whole = vec![false; self.wants.len()];
                for &i in self.order.iter().take(k) {
                    if let Some(w) = whole.get_mut(i) {
                        *w = true;
                    }
                }
                whole
            }
        }
    }

    /// One try: the notes of `naming` at their whole size, the others at
    /// their board size; `Err` when it does not come apart or (when
    /// `limit`) does not fit what is allowed.
    fn attempt(&self, naming: Naming, limit: bool) -> Result<Placed, Overflow> {
        let whole = self.whole(naming);
        let mut items = Vec::new();
        let mut of_item = Vec::new();
        for (i, want) in self.wants.iter().enumerate() {
            let Some(want) = want else { continue };
            if naming.fold_tasks && matches!(want.note, NoteRef::Task(_)) {
                continue;
            }
            let grown = whole.get(i).copied().unwrap_or(false);
            let size = match want.whole.get(naming.shape) {
                Some(size) if grown => *size,
                _ => want.base.size(),
            };
            items.push(Item {
                base: want.base,
                size,
                avoids_lines: !matches!(want.note, NoteRef::Tool(_)),
            });
            of_item.push(Some(i));
        }
        if let Some(rect) = self.chip.filter(|_| naming.fold_tasks) {
            items.push(Item {
                base: rect,
                size: rect.size(),
                avoids_lines: true,
            });
            of_item.push(None);
        }
        let mut index_of: Vec<Option<usize>> = vec![None; self.wants.len()];
        for (k, i) in of_item.iter().enumerate() {
            if let Some(slot) = i.and_then(|i| index_of.get_mut(i)) {
                *slot = Some(k);
            }
        }
        let item_lines: Vec<(usize, usize)> = self
            .lines
            .iter()
            .filter_map(|(a, b)| Some(((*index_of.get(*a)?)?, (*index_of.get(*b)?)?)))
            .collect();
        let floor = self.floor;
        let room = |a: usize, b: usize, across: bool| {
            let (Some(Some(i)), Some(Some(j))) = (of_item.get(a), of_item.get(b)) else {
                return floor * SPREAD_NOTE_ROOM;
            };
            let linked = self.joined.contains(&((*i).min(*j), (*i).max(*j)));
            floor
                * match (linked, across) {
                    (true, true) => SPREAD_ARROW_ACROSS,
                    (true, false) => SPREAD_ARROW_DOWN,
                    (false, _) => NOTE_ROOM,
                }
        };
        let over = |size: Vec2| {
            self.allowed.map_or(1.0, |allowed| {
                (size.x / allowed.x.max(1.0)).max(size.y / allowed.y.max(1.0))
            })
        };
        let limit_size = self.allowed.filter(|_| limit);
        let spread = |lean: Lean, cards_keep_off: bool| {
            display::spread(
                &items,
                room,
                &item_lines,
                floor * LINE_ROOM,
                self.zoom,
                limit_size,
                display::Manner {
                    across_bias: lean.bias(),
                    cards_keep_off,
                },
            )
            .map(|rects| (rects, lean))
        };
        // Too tall for the room: keep more pairs side by side; too wide:
        // more one above the other (when not told which already).
        let leaning = |cards_keep_off: bool| {
            spread(naming.lean, cards_keep_off).or_else(|reached| match (reached, self.allowed) {
                (Some(size), Some(allowed)) if naming.lean == Lean::Even => {
                    let lean = if size.y / allowed.y.max(1.0) > size.x / allowed.x.max(1.0) {
                        Lean::Across
                    } else {
                        Lean::Down
                    };
                    spread(lean, cards_keep_off).map_err(|again| again.or(reached))
                }
                _ => Err(reached),
            })
        };
        let rects = leaning(!naming.cross_lines);
        let (rects, lean) = rects.map_err(|reached| reached.map_or(f32::INFINITY, over))?;
        let naming = Naming { lean, ..naming };
        let bounds = rects.iter().copied().reduce(|a, b| a.union(b));
        if let (true, Some(allowed), Some(b)) = (limit, self.allowed, bounds) {
            let over = over(b.size());
            if over > 1.0 + 0.5 / allowed.min_elem().max(1.0) {
                return Err(over);
            }
        }
        let mut out = Placed {
            rects: vec![None; self.wants.len()],
            whole,
            chip: None,
            naming: Some(naming),
        };
        for (k, rect) in rects.into_iter().enumerate() {
            match of_item.get(k) {
                Some(Some(i)) => {
                    if let Some(slot) = out.rects.get_mut(*i) {
                        *slot = Some(rect);
                    }
                }
                _ => out.chip = Some((rect, self.tasks.clone())),
            }
        }
        Ok(out)
    }

    /// The shapes with (or without) the tools' summaries at one level of
    /// naming: the first that fits, else the shape that came closest.
    fn any_shape(&self, level: Naming, summaries: bool) -> Result<Placed, usize> {
        let mut closest = (f32::INFINITY, 0);
        let shapes =
            (0..SHAPES.len()).filter(|&k| SHAPES.get(k).is_some_and(|s| s.summary == summaries));
        for shape in shapes {
            match self.attempt(Naming { shape, ..level }, true) {
                Ok(placed) => return Ok(placed),
                Err(over) if over < closest.0 => closest = (over, shape),
                Err(_) => {}
            }
        }
        Err(closest.1)
    }

    /// The most the room allows, trying in turn: everything named; the
    /// task notes folded; the tools named but not the free pain notes;
    /// then the same two without the tools' summaries; else as many notes
    /// named first as fit.
    fn best(&self) -> Option<Placed> {
        let tools = self
            .order
            .iter()
            .filter(|&&i| {
                self.wants
                    .get(i)
                    .and_then(Option::as_ref)
                    .is_some_and(|w| matches!(w.note, NoteRef::Tool(_)))
            })
            .count();
        let all = Naming::default();
        let folded = Naming {
            fold_tasks: true,
            ..all
        };
        let tools_only = Naming {
            first: Some(tools),
            ..folded
        };
        // Each level of naming, with the tools' summaries or not.
        let levels = [
            (all, true),
            (folded, true),
            (tools_only, true),
            (folded, false),
            (tools_only, false),
        ];
        let mut closest = 0;
        // Cards kept off the flows that do not cross them on the board if
        // the room allows; else a name may lie across a line rather than
        // its card go blank (a tidied crowded board at 1280×800 named 5
        // of 14 tools the first way, 14 the second).
        for cross_lines in [false, true] {
            for (naming, summaries) in levels {
                if naming == tools_only && tools >= self.order.len() {
                    continue;
                }
                let naming = Naming {
                    cross_lines,
                    ..naming
                };
                match self.any_shape(naming, summaries) {
                    Ok(placed) => return Some(placed),
                    Err(shape) => closest = shape,
                }
            }
        }
        self.fewer(Naming {
            shape: closest,
            cross_lines: true,
            ..tools_only
        })
    }

    /// `naming` if it fits, else the most notes named first (in its shape,
    /// task notes folded) that fit.
    fn at_most(&self, naming: Naming) -> Option<Placed> {
        self.attempt(naming, true)
            .ok()
            .or_else(|| self.fewer(naming))
    }

    /// The most notes named first, no more than `naming` names, that fit
    /// (task notes folded, in its shape).
    fn fewer(&self, naming: Naming) -> Option<Placed> {
        let first = |k: usize| Naming {
            fold_tasks: true,
            first: Some(k),
            shape: naming.shape,
            lean: Lean::Even,
            cross_lines: naming.cross_lines,
        };
        let most = naming
            .first
            .unwrap_or(self.order.len())
            .min(self.order.len());
        let (mut lo, mut hi) = (0, most);
        let mut best = self.attempt(first(0), true).ok();
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            match self.attempt(first(mid), true) {
                Ok(placed) => {
                    best = Some(placed);
                    lo = mid;
                }
                Err(_) => hi = mid - 1,
            }
        }
        best
    }
}

/// Phase 2 by moving cards aside (see the module's doc), naming as `ask`
/// says.
pub(super) fn spread_notes(
    ctx: &egui::Context,
    wants: &[Option<Want<'_>>],
    layout: &Geometry,
    zoom: f32,
    floor: f32,
    room: Option<Vec2>,
    ask: Ask,
) -> Placed {
    let bases = wants
        .iter()
        .flatten()
        .map(|w| w.base)
        .reduce(|a, b| a.union(b));
    let tasks: Vec<usize> = wants
        .iter()
        .enumerate()
        .filter(|(_, w)| {
            w.as_ref()
                .is_some_and(|w| matches!(w.note, NoteRef::Task(_)))
        })
        .map(|(i, _)| i)
        .collect();
    // The chip sits where the task notes are, on average.
    let chip = (!tasks.is_empty()).then(|| {
        let galley = measure::layout(ctx, &chip_text(tasks.len()), floor, 0.0, 0);
        let size = galley.size() + vec2(2.0 * PADDING, 2.0 * PADDING);
        let centre = tasks
            .iter()
            .filter_map(|&i| wants.get(i)?.as_ref())
            .map(|w| w.base.center().to_vec2())
            .fold(Vec2::ZERO, |a, b| a + b)
            / tasks.len().max(1) as f32;
        Rect::from_center_size(centre.to_pos2(), size)
    });
    let ladder = Ladder {
        wants,
        zoom,
        floor,
        allowed: match (room, bases) {
            (Some(r), Some(b)) => Some(r.max(b.size())),
            _ => None,
        },
        tasks,
        chip,
        order: naming_order(wants, layout),
        joined: layout
            .flows
            .iter()
            .map(|f| (f.from.min(f.to), f.from.max(f.to)))
            .collect(),
        lines: layout.flows.iter().map(|f| (f.from, f.to)).collect(),
    };
    let placed = match ask {
        Ask::Most => ladder.best(),
        Ask::AtMost(naming) => ladder.at_most(naming),
        Ask::Exactly(naming) => ladder.attempt(naming, false).ok(),
    };
    let placed = placed.map(|p| short_forms(wants, p, floor));
    placed.unwrap_or_else(|| Placed {
        rects: wants.iter().map(|w| w.as_ref().map(|w| w.base)).collect(),
        whole: vec![false; wants.len()],
        chip: None,
        naming: None,
    })
}

/// Notes not given their whole text grow to hold their short form ("≈ 2
/// h/wk"): where they are when that covers nothing else, else from one of
/// their corners, else just beside where they were (within the map), so
/// that no note on the wall is a blank rectangle where a free spot is
/// near.
fn short_forms(wants: &[Option<Want<'_>>], mut placed: Placed, floor: f32) -> Placed {
    let margin = floor * NOTE_ROOM / 2.0;
    let mut taken = crate::geometry::spots::Taken::new(4.0 * floor);
    for rect in placed.rects.iter().flatten() {
        taken.add(rect.expand(margin));
    }
    if let Some((chip, _)) = &placed.chip {
        taken.add(chip.expand(margin));
    }
    let map = placed
        .rects
        .iter()
        .flatten()
        .fold(Rect::NOTHING, |map, r| map.union(*r));
    // First every note where it is (as far as room allows), then those
    // still too small beside where they were.
    for moving in [false, true] {
        for (i, want) in wants.iter().enumerate() {
            let (Some(want), Some(false)) = (want, placed.whole.get(i).copied()) else {
                continue;
            };
            let Some(Some(rect)) = placed.rects.get(i).copied() else {
                continue;
            };
            if want.short.x <= rect.width() + 0.5 && want.short.y <= rect.height() + 0.5 {
                continue;
            }
            let size = want.short.max(rect.size());
            let centred = Rect::from_center_size(rect.center(), size);
            let beside = moving
                .then(|| {
                    let corners = [rect.min, rect.right_top(), rect.left_bottom(), rect.max];
                    corners
                        .into_iter()
                        .map(move |c| {
                            // Grown from the corner `c`, away from it.
                            let away = vec2(
                                if c.x > rect.min.x { -size.x } else { size.x },
                                if c.y > rect.min.y { -size.y } else { size.y },
                            );
                            Rect::from_two_pos(c, c + away)
                        })
                        .chain(crate::geometry::spots::around(rect, size, margin, 2))
                        .filter(|r| map.contains_rect(*r))
                })
                .into_iter()
                .flatten();
            // Free but for its own rectangle.
            let mut others = taken.clone();
            others.remove(rect.expand(margin));
            if let Some(grown) = others.first_clear(std::iter::once(centred).chain(beside)) {
                taken.remove(rect.expand(margin));
                taken.add(grown.expand(margin));
                if let Some(slot) = placed.rects.get_mut(i) {
                    *slot = Some(grown);
                }
            }
        }
    }
    placed
}

/// Phase 2 on a large board: each note grows around its board rectangle
/// into the room its neighbours leave (issue 13), never moving.
pub(super) fn grow_in_place(
    ctx: &egui::Context,
    wants: &[Option<Want<'_>>],
    layout: &Geometry,
    floor: f32,
) -> Placed {
    // Too small to ever hold a word: a plain block, no growth.
    let holds: Vec<Option<Holds<'_>>> = wants
        .iter()
        .map(|w| {
            let w = w.as_ref()?;
            let hold = w.hold.clone()?;
            let rough = hold.text.chars().count().min(10) as f32 * 0.5 * hold.font + 2.0 * PADDING;
            (w.base.width() >= 0.4 * rough).then_some(hold)
        })
        .collect();
    let mut grown: Vec<Option<(Rect, Rect)>> = wants
        .iter()
        .zip(&holds)
        .map(|(w, hold)| {
            let w = w.as_ref()?;
            let Some(hold) = hold else {
                return Some((w.base, w.base));
            };
            let wrap =
                (w.base.width() - 2.0 * PADDING - hold.handle).max(NAME_WRAP_EMS * hold.font);
            let size = hold.size_at(ctx, wrap, floor).max(w.base.size());
            Some((w.base, Rect::from_center_size(w.base.center(), size)))
        })
        .collect();
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
    let mut territories = split_territories(&grown, room);
    // A note squeezed narrower than it wanted grows taller instead,
    // where there is room.
    let mut again = false;
    for ((want, hold), territory) in grown.iter_mut().zip(&holds).zip(&territories) {
        let (Some((base, wanted)), Some(hold), Some(got)) = (want.as_mut(), hold, territory) else {
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
        territories = split_territories(&grown, room);
    }
    // Where a text does not fit, its note may also take the room kept for
    // arrows (down to the room kept between any two notes): each note
    // still stays on its side of the middle of every gap, so the two
    // kinds never overlap.
    let tight = split_territories(&grown, |_, _, _| floor * NOTE_ROOM);
    for ((t, tight), hold) in territories.iter_mut().zip(&tight).zip(&holds) {
        if let (Some(t), Some(tight), Some(h)) = (t.as_mut(), tight, hold)
            && fit_text(ctx, *t, h, h.font, floor).is_none()
        {
            *t = *tight;
        }
    }
    let mut degree = vec![0_usize; layout.notes.len()];
    for flow in &layout.flows {
        for end in [flow.from, flow.to] {
            if let Some(d) = degree.get_mut(end) {
                *d += 1;
            }
        }
    }
    claim_free_room(ctx, &grown, &holds, &mut territories, floor, &degree);
    Placed {
        whole: vec![false; territories.len()],
        rects: territories,
        chip: None,
        naming: None,
    }
}
