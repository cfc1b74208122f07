//! Where a new note goes (issue 17): one rule for every edit source, the
//! window's ➕ buttons, phones and the headless `rhythm room`.
//!
//! - A pain point attached to a tool or a flow goes where the board draws
//!   it: the first free spot around its tool's card or its flow's label
//!   (the geometry's own rule, [`super::Geometry::of`]).
//! - A tool, a task note or a free-standing pain point goes to the free
//!   space nearest the middle of the map (of the part in view, when the
//!   window says what is in view and the middle is not), covering no card,
//!   label, badge, pain note or flow line, with [`GAP`] to spare.
//!
//! "Free" is decided on the geometry close up, with every pain point
//! counted, hidden ones too (they appear where they are when revealed).
//!
//! The geometry is kept between calls (per thread of the process, behind
//! one lock) and keyed by a fingerprint of what it depends on: tools' names
//! and positions, task notes on the board, pain points' texts, hours and
//! attachments, flows. A call hashes those (linear in the session, about
//! 60 ns a note) and rebuilds the geometry only when they changed in
//! another way than by the note it placed last: a room where phones add
//! notes one after another adds each to what it keeps instead of laying
//! the whole board out again.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{LazyLock, Mutex};

use emath::{Pos2, Rect, Vec2, pos2, vec2};

use super::measure::{OwnFonts, SizeKey, Sizes};
use super::spots::Taken;
use super::{
    Geometry, NAME_FONT, PADDING, TASK_FONT, attached_pain_spots, fitted_height, pain_anchor,
    pain_note_size,
};
use crate::model::{
    Attachment, BoardPos, NoteRef, PainPoint, Session, TASK_NOTE_SIZE, TOOL_CARD_SIZE, Task, Tool,
};

/// Room kept around a new note, board units.
pub const GAP: f32 = 20.0;
/// Most rings of spots searched around the middle (each ring one step
/// further out); far enough to leave any board.
const MAX_RINGS: i64 = 400;
/// Spots are at least this far apart, board units.
const MIN_STEP: f32 = 20.0;

/// The note being added, as it will be added (its position aside).
#[derive(Clone, Copy, Debug)]
pub enum NewNote<'a> {
    /// A tool card.
    Tool(&'a Tool),
    /// A task note on the board.
    Task(&'a Task),
    /// A pain point (free-standing or attached).
    Pain(&'a PainPoint),
}

/// Where `note`, about to be added to `session`, goes: its top-left
/// corner, board units. `view` is the part of the board in view (board
/// units), when a window adds the note: the middle of the map is then
/// looked for inside it, or the middle of `view` when the map's middle is
/// out of view. Never fails: when nothing is free, the least crowded spot
/// below the map.
pub fn spot_for(session: &Session, note: NewNote<'_>, view: Option<Rect>) -> BoardPos {
    let mut placer = match PLACER.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    placer.spot_for(session, note, view)
}

static PLACER: LazyLock<Mutex<Placer>> = LazyLock::new(|| Mutex::new(Placer::default()));

/// The rule's fonts and the geometry it keeps.
#[derive(Debug, Default)]
struct Placer {
    fonts: Option<OwnFonts>,
    sizes: Sizes,
    board: Option<Board>,
}

/// The geometry of one state of a session, as obstacles.
#[derive(Debug)]
struct Board {
    /// [`fingerprint`] of the session it was built from, with the notes
    /// this rule placed since added.
    fingerprint: u64,
    /// The fingerprint the session will have once the note placed last is
    /// added (as placed).
    expect: Option<u64>,
    geometry: Geometry,
    taken: Taken,
    /// Everything drawn, with the notes placed since: board units.
    bounds: Option<Rect>,
    /// The middle of the map when it was built.
    middle: Pos2,
    /// Per search (size and view), the rings known to be full: rings only
    /// fill up while this board is kept.
    full_rings: HashMap<[u32; 7], i64>,
}

impl Placer {
    fn spot_for(&mut self, session: &Session, note: NewNote<'_>, view: Option<Rect>) -> BoardPos {
        let fingerprint = fingerprint(session);
        let fonts = self.fonts.get_or_insert_with(OwnFonts::new);
        let board = match self.board.take() {
            Some(b) if b.fingerprint == fingerprint => b,
            Some(mut b) if b.expect == Some(fingerprint) => {
                b.fingerprint = fingerprint;
                b
            }
            _ => Board::of(session, &mut self.sizes, fonts),
        };
        let board = self.board.insert(board);
        board.expect = None;
        let size = note_size(&mut self.sizes, fonts, note);
        let rect = match note {
            NewNote::Pain(pain) if pain.attached != Attachment::Free => {
                board.beside(pain.attached, size)
            }
            _ => board.nearest_free(size, view),
        };
        board.taken.add(rect.expand(GAP));
        board.bounds = Some(board.bounds.map_or(rect, |b| b.union(rect)));
        let pos = BoardPos::new(rect.min.x.round(), rect.min.y.round());
        let id = session.peek_id(0);
        board.expect = Some(board.fingerprint.wrapping_add(entity_hash(note, id.0, pos)));
        pos
    }
}

impl Board {
    fn of(session: &Session, sizes: &mut Sizes, fonts: &mut OwnFonts) -> Self {
        let geometry = Geometry::of(session, None, sizes, fonts);
        let taken = geometry.obstacles(GAP);
        let bounds = geometry.bounds();
        let middle = bounds.map_or(Pos2::ZERO, |b| b.center());
        Self {
            fingerprint: fingerprint(session),
            expect: None,
            geometry,
            taken,
            bounds,
            middle,
            full_rings: HashMap::new(),
        }
    }

    /// An attached pain note's spot: where the board will draw it, the
    /// first free one around its tool or flow (else the one that overlaps
    /// least, else below the map).
    fn beside(&mut self, attached: Attachment, size: Vec2) -> Rect {
        let Some(anchor) = pain_anchor(&self.geometry, attached) else {
            return self.below(size);
        };
        let settled = &mut self.geometry.settled;
        let rect = match settled.first_free(attached_pain_spots(attached, anchor, size), None) {
            Ok(rect) | Err(Some(rect)) => rect,
            Err(None) => return self.below(size),
        };
        // As the board's own placement takes it.
        settled.add(rect.expand(super::GAP / 2.0));
        rect
    }

    /// The free spot for `size` nearest the middle of the map (of `view`,
    /// see [`spot_for`]).
    fn nearest_free(&mut self, size: Vec2, view: Option<Rect>) -> Rect {
        let view = view.filter(|v| v.is_finite() && v.is_positive());
        let middle = match view {
            Some(v) if !v.contains(self.middle) => v.center(),
            _ => self.middle,
        };
        if let Some(v) = view
            && let Some(rect) = self.search(middle, size, Some(v))
        {
            return rect;
        }
        self.search(middle, size, None)
            .unwrap_or_else(|| self.below(size))
    }

    /// Rings of spots around `middle`, nearest first; the first free one
    /// (inside `within`, when given).
    fn search(&mut self, middle: Pos2, size: Vec2, within: Option<Rect>) -> Option<Rect> {
        let extent = self.bounds.map_or(0.0, |b| {
            let far = (b.min - middle).abs().max((b.max - middle).abs());
            2.0 * far.max_elem()
        });
        let step = (size.min_elem() / 2.0).max(MIN_STEP).max(extent / 150.0);
        let reach = within.map_or(extent, |w| w.width().max(w.height())) + 2.0 * size.max_elem();
        let rings = ((reach / step).ceil() as i64).clamp(1, MAX_RINGS);
        let key = search_key(middle, size, step, within);
        let first = self.full_rings.get(&key).copied().unwrap_or(0);
        for ring in first..=rings {
            let mut spots = ring_spots(middle, size, step, ring);
            spots.retain(|r| within.is_none_or(|w| w.contains_rect(*r)));
            spots.sort_by(|a, b| {
                (a.center() - middle)
                    .length_sq()
                    .total_cmp(&(b.center() - middle).length_sq())
            });
            if let Some(free) = self.taken.first_clear(spots) {
                return Some(free);
            }
            self.full_rings.insert(key, ring + 1);
        }
        None
    }

    /// Below everything, at the map's left edge.
    fn below(&self, size: Vec2) -> Rect {
        let bounds = self
            .bounds
            .unwrap_or(Rect::from_min_size(Pos2::ZERO, Vec2::ZERO));
        Rect::from_min_size(pos2(bounds.min.x, bounds.max.y + 2.0 * GAP), size)
    }
}

/// The spots of ring `ring` (a square `ring` steps from `middle` on its
/// widest axis): rectangles of `size` centred on them.
fn ring_spots(middle: Pos2, size: Vec2, step: f32, ring: i64) -> Vec<Rect> {
    let at = |i: i64, j: i64| {
        Rect::from_center_size(middle + vec2(i as f32 * step, j as f32 * step), size)
    };
    if ring == 0 {
        return vec![at(0, 0)];
    }
    let mut out = Vec::with_capacity((8 * ring) as usize);
    for i in -ring..=ring {
        out.push(at(i, -ring));
        out.push(at(i, ring));
    }
    for j in (1 - ring)..ring {
        out.push(at(-ring, j));
        out.push(at(ring, j));
    }
    out
}

/// One search: around `middle`, for `size`, `step` apart, inside `within`.
fn search_key(middle: Pos2, size: Vec2, step: f32, within: Option<Rect>) -> [u32; 7] {
    let w = within.map_or([0; 2], |w| [w.center().x.to_bits(), w.width().to_bits()]);
    [
        middle.x.to_bits(),
        middle.y.to_bits(),
        size.x.to_bits(),
        size.y.to_bits(),
        step.to_bits(),
        w[0],
        w[1],
    ]
}

/// The size a new note takes close up: a tool card or task note grown to
/// fit its name, a pain note to fit its text.
fn note_size(sizes: &mut Sizes, fonts: &mut OwnFonts, note: NewNote<'_>) -> Vec2 {
    let grown = |sizes: &mut Sizes, fonts: &mut OwnFonts, base: [f32; 2], name: &str, font: f32| {
        let inner = base[0] - 2.0 * PADDING;
        // Keyed apart from any note on the board.
        let key = SizeKey::Name(NoteRef::Tool(crate::model::Id(u64::MAX)));
        let text = sizes.size(fonts, key, name, font, inner, 0);
        vec2(base[0], fitted_height(text, 0.0, base[1]))
    };
    match note {
        NewNote::Tool(tool) => grown(sizes, fonts, TOOL_CARD_SIZE, &tool.name, NAME_FONT),
        NewNote::Task(task) => {
            let size = grown(sizes, fonts, TASK_NOTE_SIZE, &task.name, TASK_FONT);
            size + vec2(0.0, TASK_FONT * super::CAPTION_SCALE * 1.2)
        }
        NewNote::Pain(pain) => pain_note_size(sizes, fonts, pain),
    }
}

/// What the geometry depends on, as one number: the wrapping sum of one
/// hash per tool, task note on the board, pain point and flow (so that
/// adding one note adds its hash).
fn fingerprint(session: &Session) -> u64 {
    let mut sum = 0_u64;
    for tool in &session.tools {
        sum = sum.wrapping_add(entity_hash(NewNote::Tool(tool), tool.id.0, tool.pos));
    }
    for task in &session.tasks {
        if let Some(pos) = task.board_pos {
            sum = sum.wrapping_add(entity_hash(NewNote::Task(task), task.id.0, pos));
        }
    }
    for pain in &session.pain_points {
        sum = sum.wrapping_add(entity_hash(NewNote::Pain(pain), pain.id.0, pain.pos));
    }
    for flow in &session.flows {
        let mut h = fnv::FnvHasher::default();
        (4_u8, flow.id.0, flow.from.0, flow.to.0, &flow.label).hash(&mut h);
        (flow.kind == crate::model::FlowKind::Shadow, flow.share).hash(&mut h);
        sum = sum.wrapping_add(h.finish());
    }
    sum
}

/// One note's share of the [`fingerprint`], with its id and position.
fn entity_hash(note: NewNote<'_>, id: u64, pos: BoardPos) -> u64 {
    let mut h = fnv::FnvHasher::default();
    let at = (pos.x.to_bits(), pos.y.to_bits());
    match note {
        NewNote::Tool(tool) => (1_u8, id, &tool.name, at).hash(&mut h),
        NewNote::Task(task) => (2_u8, id, &task.name, at).hash(&mut h),
        NewNote::Pain(pain) => {
            let free = pain.attached == Attachment::Free;
            let hours = pain.hours_per_week.map(f32::to_bits);
            (3_u8, id, &pain.text, pain.attached, hours).hash(&mut h);
            // Only a free-standing note is drawn at its position.
            free.then_some(at).hash(&mut h);
        }
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, Entity, FlowKind, Id, PainCategory};

    fn pain(text: &str, attached: Attachment) -> PainPoint {
        PainPoint {
            id: Id::default(),
            text: text.to_owned(),
            category: PainCategory::Jam,
            hours_per_week: Some(2.0),
            attached,
            pos: BoardPos::default(),
            author: None,
            reassess: false,
        }
    }

    fn add(session: &mut Session, mut pain: PainPoint) -> Rect {
        pain.pos = spot_for(session, NewNote::Pain(&pain), None);
        let free = pain.attached == Attachment::Free;
        crate::model::apply(session, Edit::Add(Entity::PainPoint(pain)))
            .expect("a new pain point applies");
        let (mut fonts, mut sizes) = (OwnFonts::new(), Sizes::default());
        let geometry = Geometry::of(session, None, &mut sizes, &mut fonts);
        let last = geometry.notes.iter().rev().find(|p| {
            matches!(p.note, NoteRef::Pain(_)) && (p.attached == Attachment::Free) == free
        });
        last.map_or(Rect::NOTHING, |p| p.rect)
    }

    fn example() -> Session {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sessions/media-company-2026-Q1-after.ron"
        );
        crate::store::load(std::path::Path::new(path)).expect("the example loads")
    }

    #[test]
    fn free_notes_land_off_every_card_label_badge_note_and_flow_line() {
        let mut session = example();
        for n in 0..12 {
            let rect = add(
                &mut session,
                pain(&format!("free pain {n}"), Attachment::Free),
            );
            let (mut fonts, mut sizes) = (OwnFonts::new(), Sizes::default());
            let geometry = Geometry::of(&session, None, &mut sizes, &mut fonts);
            for other in geometry.notes.iter().filter(|p| p.rect != rect) {
                assert!(
                    !super::super::spots::overlaps(other.rect, rect),
                    "note {n} at {rect:?} covers {:?} at {:?}",
                    other.note,
                    other.rect
                );
            }
            for flow in &geometry.flows {
                for mark in flow.label.into_iter().chain(flow.badge) {
                    assert!(
                        !super::super::spots::overlaps(mark, rect),
                        "note {n} covers a label"
                    );
                }
                if let Some((a, b)) = flow.line {
                    assert!(
                        !super::super::spots::segment_crosses(a, b, rect),
                        "note {n} at {rect:?} lies on flow {:?}",
                        flow.id
                    );
                }
            }
        }
    }

    #[test]
    fn a_free_note_goes_near_the_middle_of_the_map_not_its_corner() {
        let mut session = example();
        let (mut fonts, mut sizes) = (OwnFonts::new(), Sizes::default());
        let bounds = Geometry::of(&session, None, &mut sizes, &mut fonts)
            .bounds()
            .expect("a map");
        let rect = add(&mut session, pain("near the middle", Attachment::Free));
        let from_middle = (rect.center() - bounds.center()).length();
        assert!(
            from_middle < 0.5 * bounds.size().length(),
            "{rect:?} is {from_middle} from the middle of {bounds:?}"
        );
    }

    #[test]
    fn a_note_on_a_tool_goes_where_the_board_draws_it() {
        let mut session = example();
        let tool = session.tools.first().map(|t| t.id).expect("a tool");
        let mut p = pain("attached", Attachment::Tool(tool));
        p.pos = spot_for(&session, NewNote::Pain(&p), None);
        let at = p.pos;
        crate::model::apply(&mut session, Edit::Add(Entity::PainPoint(p))).expect("applies");
        let (mut fonts, mut sizes) = (OwnFonts::new(), Sizes::default());
        let geometry = Geometry::of(&session, None, &mut sizes, &mut fonts);
        let drawn = geometry.notes.last().map(|p| p.rect.min).expect("drawn");
        assert!(
            (drawn.x - at.x).abs() <= 1.0 && (drawn.y - at.y).abs() <= 1.0,
            "{drawn:?} vs {at:?}"
        );
    }

    #[test]
    fn the_fingerprint_follows_what_is_drawn_and_not_the_scores() {
        let session = example();
        let before = fingerprint(&session);
        let mut scored = session.clone();
        scored.scores = crate::model::WorkModelScores::default();
        scored.hidden = crate::model::Hidden::default();
        assert_eq!(fingerprint(&scored), before);
        let mut moved = session.clone();
        if let Some(t) = moved.tools.first_mut() {
            t.pos.x += 1.0;
        }
        assert_ne!(fingerprint(&moved), before);
        let mut relabelled = session;
        if let Some(f) = relabelled.flows.first_mut() {
            f.kind = FlowKind::Shadow;
            f.label.push('!');
        }
        assert_ne!(fingerprint(&relabelled), before);
    }

    #[test]
    fn a_view_away_from_the_middle_gets_the_note_inside_it() {
        let session = example();
        let (mut fonts, mut sizes) = (OwnFonts::new(), Sizes::default());
        let bounds = Geometry::of(&session, None, &mut sizes, &mut fonts)
            .bounds()
            .expect("a map");
        let view = Rect::from_min_size(bounds.max + vec2(500.0, 500.0), vec2(900.0, 600.0));
        let p = pain("off to the side", Attachment::Free);
        let pos = spot_for(&session, NewNote::Pain(&p), Some(view));
        assert!(view.contains(pos2(pos.x, pos.y)), "{pos:?} in {view:?}");
    }
}
