//! The tool map's geometry close up (Steps 1–2, METHOD.md): for a session,
//! where every tool card, task note and pain note is, each flow's line,
//! its label's plate and its hours badge, and each tool's hours badge, in
//! board units. Cards grow to fit their text; labels, badges and attached
//! pain notes take the first spot where they cover nothing else (issue
//! 13). Below both the views ([`crate::ui`]) and the room
//! ([`crate::room`]): no egui Context, no I/O. Texts are measured through
//! [`measure::TextLayout`]: the window with its egui fonts, everything else
//! with [`measure::OwnFonts`].
//!
//! # Getting the geometry of a session
//!
//! ```
//! use rhythm::geometry::{Geometry, measure::{OwnFonts, Sizes}};
//! let session = rhythm::generate::session(12, 1);
//! let (mut fonts, mut sizes) = (OwnFonts::new(), Sizes::default());
//! let geometry = Geometry::of(&session, None, &mut sizes, &mut fonts);
//! for note in &geometry.notes {
//!     let _ = (note.note, note.rect); // a card or note, board units
//! }
//! for flow in &geometry.flows {
//!     let _ = (flow.line, flow.label, flow.badge); // polyline, plates
//! }
//! ```
//!
//! Texts: a card's or note's is its tool's name, task's name or pain
//! point's text ([`PlacedNote::source`] indexes the session's list); a
//! flow's label plate holds [`flow_label_text`], a badge [`hours_text`] of
//! the hours in [`Geometry::folded`]. Fonts: [`NAME_FONT`],
//! [`TASK_FONT`], [`PAIN_FONT`], [`LABEL_FONT`], [`BADGE_FONT`] (board
//! units), inside [`PADDING`].
//!
//! The same geometry decides where a new note goes ([`new_note`]), is
//! what the board draws close up ([`crate::ui::canvas`]), and what
//! `rhythm layout` reports as `cards` and `flows` (through the window).

pub mod fonts;
pub mod measure;
pub mod new_note;
pub mod spots;

use std::collections::{HashMap, HashSet};

use emath::{Pos2, Rect, Vec2, pos2, vec2};

use crate::format::hours as format_hours;
use crate::model::{
    Attachment, BoardPos, Flow, FlowKind, Id, NoteRef, Session, TASK_NOTE_SIZE, TOOL_CARD_SIZE,
    Task, Tool,
};
use measure::{SizeKey, Sizes, TextLayout};
use spots::{Taken, around, beside_segment};

/// Font size of a tool's name, board units (= points at 100 %).
pub const NOTE_FONT: f32 = 22.0;
/// Tool names, board units.
pub const NAME_FONT: f32 = NOTE_FONT;
/// Task-note names, board units.
pub const TASK_FONT: f32 = NOTE_FONT * 0.9;
/// Pain-note texts, board units.
pub const PAIN_FONT: f32 = NOTE_FONT * 0.8;
/// Flow labels, board units: the smallest text drawn close up.
pub const LABEL_FONT: f32 = 16.0;
/// Hours badges, board units.
pub const BADGE_FONT: f32 = 16.0;
/// A note's caption ("TASK · Orchestra") relative to its text's size.
pub const CAPTION_SCALE: f32 = 0.7;
/// Space between a note's border and its text: board units close up,
/// screen points in the overview.
pub const PADDING: f32 = 8.0;
/// Radius of a tool card's connector handle on its right edge, points.
pub const HANDLE_RADIUS: f32 = 9.0;
/// Size of a free-standing pain note, board units (it grows taller to fit
/// its text).
pub const PAIN_NOTE_SIZE: [f32; 2] = [170.0, 90.0];
/// Size of a pain note attached to a tool or flow, board units (it grows
/// taller to fit its text).
pub const ATTACHED_PAIN_SIZE: [f32; 2] = [170.0, 62.0];
/// Space kept between placed things, board units.
const GAP: f32 = 8.0;
/// Padding of a flow label's plate around its text, board units.
pub const LABEL_PAD: Vec2 = vec2(12.0, 6.0);
/// Padding of an hours badge around its text, board units.
pub const BADGE_PAD: Vec2 = vec2(12.0, 4.0);
/// Rows of a flow label close up, at most.
const LABEL_ROWS: usize = 2;
/// Gap between an attached pain note and its tool card or flow label.
const PAIN_GAP: f32 = 10.0;
/// Rings of spots tried around a tool or flow for its pain notes.
const PAIN_RINGS: usize = 3;

/// Board rectangle of a tool card at its stored size (before it grows to
/// fit its name).
pub fn tool_rect_in_board(tool: &Tool) -> Rect {
    Rect::from_min_size(pos2(tool.pos.x, tool.pos.y), TOOL_CARD_SIZE.into())
}

/// Board rectangle of a task note on the board, if it is on it.
pub fn task_rect_in_board(task: &Task) -> Option<Rect> {
    task.board_pos
        .map(|p| Rect::from_min_size(pos2(p.x, p.y), TASK_NOTE_SIZE.into()))
}

/// Bounding box of the tool cards and task notes on the board, board units
/// (at their stored sizes).
pub fn content_rect_in_board(session: &Session) -> Option<Rect> {
    let tools = session.tools.iter().map(tool_rect_in_board);
    let tasks = session.tasks.iter().filter_map(task_rect_in_board);
    tools
        .chain(tasks)
        .filter(|r| r.is_finite())
        .reduce(|a, b| a.union(b))
}

/// The top-left corner that centres a note of `size` (board units) on `at`.
pub fn centred_at(at: Pos2, size: [f32; 2]) -> BoardPos {
    BoardPos::new(at.x - size[0] / 2.0, at.y - size[1] / 2.0)
}

/// Endpoints of a flow arrow between two card rectangles (any one unit,
/// `zoom` of them per board unit): from border to border along the line
/// between their centres, shifted a little to the right of the direction
/// so that A→B and B→A don't overlap. `None` when the cards overlap.
pub fn flow_endpoints(a: Rect, b: Rect, zoom: f32) -> Option<(Pos2, Pos2)> {
    let dir = b.center() - a.center();
    let len = dir.length();
    if len < 1.0 || a.intersects(b) {
        return None;
    }
    let unit = dir / len;
    let side = vec2(-unit.y, unit.x) * (8.0 * zoom.min(1.5));
    Some((border_point(a, unit) + side, border_point(b, -unit) + side))
}

/// Where a ray from the rectangle's centre in direction `unit` leaves it.
fn border_point(rect: Rect, unit: Vec2) -> Pos2 {
    let half = rect.size() / 2.0;
    let t = |h: f32, u: f32| {
        if u.abs() > f32::EPSILON {
            h / u.abs()
        } else {
            f32::INFINITY
        }
    };
    rect.center() + unit * t(half.x, unit.x).min(t(half.y, unit.y))
}

/// Distance from `p` to the segment `a`–`b`.
pub fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len_sq = ab.length_sq();
    if len_sq <= f32::EPSILON {
        return p.distance(a);
    }
    let t = ((p - a).dot(ab) / len_sq).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

/// What a flow's label says: "⚠ SHADOW 40 % · task updates" for a shadow
/// flow (share when known), else what passes. Empty for a designed flow
/// without a label.
pub fn flow_label_text(flow: &Flow) -> String {
    let mut text = String::new();
    if flow.kind == FlowKind::Shadow {
        text.push_str("⚠ SHADOW");
        if let Some(share) = flow.share {
            text.push_str(&format!(" {share} %"));
        }
        if !flow.label.is_empty() {
            text.push_str(" · ");
        }
    }
    text.push_str(&flow.label);
    text
}

/// Width a flow label wraps to beside an arrow `length` long (board units
/// or points, as the length).
pub fn label_wrap_width(length: f32) -> f32 {
    (length - 16.0).max(60.0)
}

/// "1.5 h/wk": an hours badge's text.
pub fn hours_text(hours: f32) -> String {
    format!("{} h/wk", format_hours(hours))
}

/// Height of a note that fits a caption (font `caption`, 0 for none) and
/// a text of size `text` with padding, at least `min`.
fn fitted_height(text: Vec2, caption: f32, min: f32) -> f32 {
    let caption = if caption > 0.0 { caption * 1.2 } else { 0.0 };
    (text.y + caption + 2.0 * PADDING + 2.0).max(min)
}

/// A card or note as placed close up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedNote {
    /// Which note.
    pub note: NoteRef,
    /// Where it is drawn close up, board units (dragged notes offset).
    pub rect: Rect,
    /// Its index in the session's `tools`, `tasks` or `pain_points`.
    pub source: usize,
    /// For a pain note: what it is attached to (`Free` for the others).
    pub attached: Attachment,
}

/// A flow between two tools that are on the board, as placed close up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedFlow {
    /// Which flow.
    pub id: Id,
    /// Its index in the session's `flows`.
    pub source: usize,
    /// Indices of its two tools in [`Geometry::notes`].
    pub from: usize,
    /// See `from`.
    pub to: usize,
    /// Its arrow, from the first tool's border to the second's, board
    /// units (`None` when the two cards overlap: no arrow is drawn).
    pub line: Option<(Pos2, Pos2)>,
    /// Its label's plate, board units (none for a designed flow without a
    /// label).
    pub label: Option<Rect>,
    /// Its hours badge, board units (when its pain points cost hours).
    pub badge: Option<Rect>,
}

/// Pain points attached to one tool or flow (folded into its summary or
/// badge in the overview).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Folded {
    /// How many.
    pub count: usize,
    /// Hours lost per week, summed over those that say.
    pub hours: f32,
}

/// The board close up: every card, note, flow line, label and badge.
#[derive(Clone, Debug, Default)]
pub struct Geometry {
    /// Each note's index in `notes`.
    pub index: HashMap<NoteRef, usize>,
    /// Draw order: tools, then task notes on the board, then free pain
    /// notes, then attached pain notes (on top).
    pub notes: Vec<PlacedNote>,
    /// Flows whose two tools exist, in the session's order.
    pub flows: Vec<PlacedFlow>,
    /// Hours badges of tools, board units.
    pub tool_badges: HashMap<Id, Rect>,
    /// Pain points per tool and per flow.
    pub folded: HashMap<Attachment, Folded>,
    /// Labels, badges and pain notes that found no free place (they cover
    /// something): "Tidy the board" makes room for them.
    pub crowded: usize,
    /// What the placement of labels, badges and attached pain notes had
    /// taken once everything was placed: where the next attached pain
    /// note would look ([`new_note`]).
    settled: Taken,
}

impl Default for Taken {
    fn default() -> Self {
        Self::new(200.0)
    }
}

/// Notes being dragged and how far, board units: drawn offset.
pub type Moving = (HashSet<NoteRef>, Vec2);

impl Geometry {
    /// The geometry of `session` close up, with the `moving` notes
    /// offset. Texts are measured with `fonts`, through `sizes` (which
    /// keeps what it measured for the next geometry).
    pub fn of(
        session: &Session,
        moving: Option<Moving>,
        sizes: &mut Sizes,
        fonts: &mut dyn TextLayout,
    ) -> Self {
        let mut build = Build {
            session,
            moving,
            sizes,
            fonts,
            taken: Taken::new(200.0),
            out: Geometry::default(),
            pain_sizes: Vec::with_capacity(session.pain_points.len()),
        };
        build.cards();
        build.flow_marks();
        build.tool_badges();
        build.attached_pains();
        build.sizes.sweep();
        let mut out = build.out;
        out.settled = build.taken;
        out
    }

    /// Where a note is close up, board units.
    pub fn rect_of(&self, note: NoteRef) -> Option<Rect> {
        self.index
            .get(&note)
            .and_then(|&i| self.notes.get(i))
            .map(|p| p.rect)
    }

    /// Where a tool card is close up, board units.
    pub fn tool_rect(&self, id: Id) -> Option<Rect> {
        self.rect_of(NoteRef::Tool(id))
    }

    /// The board rectangles of a flow's two tools close up.
    pub fn flow_rects(&self, flow: &PlacedFlow) -> Option<(Rect, Rect)> {
        Some((
            self.notes.get(flow.from)?.rect,
            self.notes.get(flow.to)?.rect,
        ))
    }

    /// Everything drawn close up: notes, labels, badges; board units.
    pub fn bounds(&self) -> Option<Rect> {
        let notes = self.notes.iter().map(|p| p.rect);
        let flows = self
            .flows
            .iter()
            .flat_map(|f| f.label.into_iter().chain(f.badge));
        notes
            .chain(flows)
            .chain(self.tool_badges.values().copied())
            .filter(|r| r.is_finite())
            .reduce(|a, b| a.union(b))
    }

    /// The notes that overlap `band_in_board`.
    pub fn notes_in(&self, band_in_board: Rect) -> impl Iterator<Item = (NoteRef, Rect)> + '_ {
        self.notes
            .iter()
            .filter(move |p| band_in_board.intersects(p.rect))
            .map(|p| (p.note, p.rect))
    }

    /// Everything drawn close up as obstacles for a new note: every note,
    /// label and badge grown by `gap`, and every flow line as a band
    /// `gap` wide on each side (board units).
    pub fn obstacles(&self, gap: f32) -> Taken {
        let mut taken = Taken::new(200.0);
        for placed in &self.notes {
            let handle = match placed.note {
                NoteRef::Tool(_) => HANDLE_RADIUS,
                _ => 0.0,
            };
            taken.add(placed.rect.expand2(vec2(handle, 0.0)).expand(gap));
        }
        for flow in &self.flows {
            for mark in flow.label.into_iter().chain(flow.badge) {
                taken.add(mark.expand(gap));
            }
            if let Some((a, b)) = flow.line {
                taken.add_segment(a, b, gap);
            }
        }
        for badge in self.tool_badges.values() {
            taken.add(badge.expand(gap));
        }
        taken
    }
}

/// A geometry being built, phase by phase.
struct Build<'a> {
    session: &'a Session,
    moving: Option<Moving>,
    sizes: &'a mut Sizes,
    fonts: &'a mut dyn TextLayout,
    /// What is placed so far, for the labels, badges and pain notes.
    taken: Taken,
    out: Geometry,
    /// Each pain point's size, by its index in the session.
    pain_sizes: Vec<Vec2>,
}

impl Build<'_> {
    fn measure(&mut self, key: SizeKey, text: &str, font: f32, width: f32, rows: usize) -> Vec2 {
        self.sizes.size(self.fonts, key, text, font, width, rows)
    }

    fn offset(&self, note: NoteRef, rect: Rect) -> Rect {
        match &self.moving {
            Some((set, delta)) if set.contains(&note) => rect.translate(*delta),
            _ => rect,
        }
    }

    fn place(&mut self, note: NoteRef, rect: Rect, source: usize, attached: Attachment) {
        self.out.index.insert(note, self.out.notes.len());
        self.out.notes.push(PlacedNote {
            note,
            rect,
            source,
            attached,
        });
    }

    /// The first free candidate, else the one that overlaps least
    /// (counted as crowded); taken from then on.
    fn settle(&mut self, candidates: Vec<Rect>) -> Option<Rect> {
        let rect = match self.taken.first_free(candidates, None) {
            Ok(rect) => Some(rect),
            Err(best) => {
                self.out.crowded += 1;
                best
            }
        };
        if let Some(rect) = rect {
            self.taken.add(rect.expand(GAP / 2.0));
        }
        rect
    }

    /// Phase 1: tool cards and task notes grown to fit their names, free
    /// pain notes grown to fit their texts; attached pain points counted
    /// per tool and flow.
    fn cards(&mut self) {
        let session = self.session;
        let capacity = session.tools.len() + session.tasks.len() + session.pain_points.len();
        self.out.index.reserve(capacity);
        self.out.notes.reserve(capacity);
        for (source, tool) in session.tools.iter().enumerate() {
            let note = NoteRef::Tool(tool.id);
            let mut rect = tool_rect_in_board(tool);
            let inner = rect.width() - 2.0 * PADDING;
            let text = self.measure(SizeKey::Name(note), &tool.name, NAME_FONT, inner, 0);
            rect.max.y = rect.min.y + fitted_height(text, 0.0, rect.height());
            let rect = self.offset(note, rect);
            // Its connector handle sticks out of its right edge.
            self.taken.add(rect.expand2(vec2(HANDLE_RADIUS, 0.0)));
            self.place(note, rect, source, Attachment::Free);
        }
        for (source, task) in session.tasks.iter().enumerate() {
            if let Some(mut rect) = task_rect_in_board(task) {
                let note = NoteRef::Task(task.id);
                let inner = rect.width() - 2.0 * PADDING;
                let text = self.measure(SizeKey::Name(note), &task.name, TASK_FONT, inner, 0);
                let caption = TASK_FONT * CAPTION_SCALE;
                rect.max.y = rect.min.y + fitted_height(text, caption, rect.height());
                let rect = self.offset(note, rect);
                self.taken.add(rect);
                self.place(note, rect, source, Attachment::Free);
            }
        }
        for (source, pain) in session.pain_points.iter().enumerate() {
            let note = NoteRef::Pain(pain.id);
            let size = pain_note_size(self.sizes, self.fonts, pain);
            self.pain_sizes.push(size);
            if pain.attached == Attachment::Free {
                let rect = Rect::from_min_size(pos2(pain.pos.x, pain.pos.y), size);
                let rect = self.offset(note, rect);
                self.taken.add(rect);
                self.place(note, rect, source, Attachment::Free);
            } else {
                let entry = self.out.folded.entry(pain.attached).or_default();
                entry.count += 1;
                entry.hours += pain.hours_per_week.unwrap_or(0.0);
            }
        }
    }

    /// Phase 2: each flow's line, then its label and badge beside it,
    /// shadow flows first (the room's headline).
    fn flow_marks(&mut self) {
        let session = self.session;
        let index = &self.out.index;
        self.out.flows = session
            .flows
            .iter()
            .enumerate()
            .filter_map(|(source, f)| {
                Some(PlacedFlow {
                    id: f.id,
                    source,
                    from: *index.get(&NoteRef::Tool(f.from))?,
                    to: *index.get(&NoteRef::Tool(f.to))?,
                    line: None,
                    label: None,
                    badge: None,
                })
            })
            .collect();
        let mut by_importance: Vec<usize> = (0..self.out.flows.len()).collect();
        by_importance.sort_by_key(|&i| {
            let shadow = self
                .out
                .flows
                .get(i)
                .and_then(|f| session.flows.get(f.source))
                .is_some_and(|f| f.kind == FlowKind::Shadow);
            !shadow
        });
        for i in by_importance {
            let Some(placed) = self.out.flows.get(i).copied() else {
                continue;
            };
            let (Some(flow), Some((a, b))) = (
                session.flows.get(placed.source),
                self.out.flow_rects(&placed),
            ) else {
                continue;
            };
            let Some((start, end)) = flow_endpoints(a, b, 1.0) else {
                continue;
            };
            let text = flow_label_text(flow);
            let label = (!text.is_empty()).then(|| {
                let wrap = label_wrap_width(start.distance(end));
                let key = SizeKey::FlowLabel(flow.id);
                let size = self.measure(key, &text, LABEL_FONT, wrap, LABEL_ROWS) + LABEL_PAD;
                self.settle(beside_segment(start, end, size, 2.0))
            });
            let hours = self
                .out
                .folded
                .get(&Attachment::Flow(flow.id))
                .map_or(0.0, |f| f.hours);
            let badge = (hours > 0.0).then(|| {
                let key = SizeKey::FlowBadge(flow.id);
                let size = self.measure(key, &hours_text(hours), BADGE_FONT, 0.0, 0) + BADGE_PAD;
                self.settle(beside_segment(start, end, size, 2.0))
            });
            if let Some(f) = self.out.flows.get_mut(i) {
                f.line = Some((start, end));
                f.label = label.flatten();
                f.badge = badge.flatten();
            }
        }
    }

    /// Phase 3: hours badges of tools, above the card's right end first.
    fn tool_badges(&mut self) {
        for tool in &self.session.tools {
            let hours = self
                .out
                .folded
                .get(&Attachment::Tool(tool.id))
                .map_or(0.0, |f| f.hours);
            let Some(card) = self.out.tool_rect(tool.id) else {
                continue;
            };
            if hours <= 0.0 {
                continue;
            }
            let key = SizeKey::ToolBadge(tool.id);
            let size = self.measure(key, &hours_text(hours), BADGE_FONT, 0.0, 0) + BADGE_PAD;
            if let Some(rect) = self.settle(tool_badge_spots(card, size)) {
                self.out.tool_badges.insert(tool.id, rect);
            }
        }
    }

    /// Phase 4: attached pain notes, around their tool card or their
    /// flow's label.
    fn attached_pains(&mut self) {
        let session = self.session;
        for (source, pain) in session.pain_points.iter().enumerate() {
            let (Some(anchor), Some(&size)) = (
                pain_anchor(&self.out, pain.attached),
                self.pain_sizes.get(source),
            ) else {
                continue;
            };
            let note = NoteRef::Pain(pain.id);
            if let Some(rect) = self.settle(attached_pain_spots(pain.attached, anchor, size)) {
                let rect = self.offset(note, rect);
                self.place(note, rect, source, pain.attached);
            }
        }
    }
}

/// A pain note's size close up: its width, and tall enough for its text
/// and caption (board units).
fn pain_note_size(
    sizes: &mut Sizes,
    fonts: &mut dyn TextLayout,
    pain: &crate::model::PainPoint,
) -> Vec2 {
    let [width, min] = match pain.attached {
        Attachment::Free => PAIN_NOTE_SIZE,
        _ => ATTACHED_PAIN_SIZE,
    };
    let inner = width - 2.0 * PADDING;
    let key = SizeKey::Name(NoteRef::Pain(pain.id));
    let text = sizes.size(fonts, key, &pain.text, PAIN_FONT, inner, 0);
    vec2(width, fitted_height(text, PAIN_FONT * CAPTION_SCALE, min))
}

/// Where a tool's hours badge may go, best first: above the card's right
/// end, above its left end, then around it.
fn tool_badge_spots(card: Rect, size: Vec2) -> Vec<Rect> {
    let mut candidates = vec![
        Rect::from_min_size(pos2(card.max.x - size.x, card.min.y - size.y - 4.0), size),
        Rect::from_min_size(pos2(card.min.x, card.min.y - size.y - 4.0), size),
    ];
    candidates.extend(around(card, size, 4.0, 2));
    candidates
}

/// What an attached pain note sits around: its tool's card, or its flow's
/// label (the middle of its arrow when it has none).
fn pain_anchor(geometry: &Geometry, attached: Attachment) -> Option<Rect> {
    match attached {
        Attachment::Free => None,
        Attachment::Tool(id) => geometry.tool_rect(id),
        Attachment::Flow(id) => geometry.flows.iter().find(|f| f.id == id).and_then(|f| {
            f.label.or_else(|| {
                let (a, b) = geometry.flow_rects(f)?;
                Some(Rect::from_center_size(
                    a.center().lerp(b.center(), 0.5),
                    vec2(40.0, 20.0),
                ))
            })
        }),
    }
}

/// Where an attached pain note of `size` may go around `anchor`, best
/// first: under a tool's card, a little in, then ring after ring around.
fn attached_pain_spots(attached: Attachment, anchor: Rect, size: Vec2) -> Vec<Rect> {
    let mut candidates = Vec::with_capacity(64);
    if let Attachment::Tool(_) = attached {
        candidates.push(Rect::from_min_size(
            anchor.left_bottom() + vec2(4.0, PAIN_GAP),
            size,
        ));
    }
    candidates.extend(around(anchor, size, PAIN_GAP, PAIN_RINGS));
    candidates
}
