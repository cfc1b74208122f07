//! Where everything on the board is close up (board units), and what lies
//! under a point of the screen. The layout is built from the session once
//! per revision, or every frame while notes are dragged: notes grow to fit
//! their text, and flow labels, hours badges and attached pain notes are
//! placed where they cover nothing else (issue 13).

use std::collections::{HashMap, HashSet};

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use super::FLOW_HIT_DISTANCE;
use super::detail::{
    BADGE_FONT, CAPTION_SCALE, LABEL_FONT, NAME_FONT, PADDING, PAIN_FONT, TASK_FONT,
};
use super::measure::Measure;
use super::overview::Overview;
use super::text_cache::TextKey;
use super::view::View;
use crate::format::hours as format_hours;
use crate::model::{
    Attachment, BoardPos, Id, NoteRef, Session, TASK_NOTE_SIZE, TOOL_CARD_SIZE, Task, Tool,
};
use crate::ui::board_paint::{distance_to_segment, flow_endpoints, flow_label_text};
use crate::ui::placement::{Taken, around, beside_segment};
use crate::ui::theme;

/// What lies under a point of the board.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Hit {
    /// A tool card's connector handle (drag it onto another card: a flow).
    Handle(Id),
    Note(NoteRef),
    Flow(Id),
}

impl Hit {
    /// A click on a handle counts as a click on its card.
    pub(super) fn handle_as_note(self) -> Self {
        match self {
            Self::Handle(id) => Self::Note(NoteRef::Tool(id)),
            other => other,
        }
    }
}

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

/// Size of a free-standing pain note, board units (it grows taller to fit
/// its text).
pub const PAIN_NOTE_SIZE: [f32; 2] = [170.0, 90.0];
/// Size of a pain note attached to a tool or flow, board units (it grows
/// taller to fit its text).
pub const ATTACHED_PAIN_SIZE: [f32; 2] = [170.0, 62.0];
/// Space kept between placed things, board units.
const GAP: f32 = 8.0;
/// Padding of a flow label's plate around its text, board units.
pub(super) const LABEL_PAD: Vec2 = vec2(12.0, 6.0);
/// Padding of an hours badge around its text, board units.
pub(super) const BADGE_PAD: Vec2 = vec2(12.0, 4.0);

/// The top-left corner that centres a note of `size` (board units) on `at`.
pub(super) fn centred_at(at: Pos2, size: [f32; 2]) -> BoardPos {
    BoardPos::new(at.x - size[0] / 2.0, at.y - size[1] / 2.0)
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Placed {
    pub(super) note: NoteRef,
    /// Where it is drawn close up, board units (dragged notes offset).
    pub(super) rect: Rect,
    /// Its index in the session's `tools`, `tasks` or `pain_points`.
    pub(super) source: usize,
    /// For a pain note: what it is attached to.
    pub(super) attached: Attachment,
}

/// A flow between two tools that are on the board.
#[derive(Clone, Copy, Debug)]
pub(super) struct PlacedFlow {
    pub(super) id: Id,
    /// Its index in the session's `flows`.
    pub(super) source: usize,
    /// Indices of its two tools in [`Layout::order`].
    pub(super) from: usize,
    pub(super) to: usize,
    /// Its label's plate close up, board units (none for a designed flow
    /// without a label).
    pub(super) label: Option<Rect>,
    /// Its hours badge close up, board units (when its pain points cost
    /// hours).
    pub(super) badge: Option<Rect>,
}

/// Pain points attached to one tool or flow (folded into its summary or
/// badge in the overview).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Folded {
    pub(super) count: usize,
    /// Hours lost per week, summed over those that say.
    pub(super) hours: f32,
}

/// Board rectangles of the notes, labels and badges close up, with the
/// notes being dragged offset. Built when the document's revision changes
/// or while notes are dragged, and reused otherwise.
#[derive(Debug)]
pub(super) struct Layout {
    /// The document revision it was built from; `None` for a
    /// layout with dragged notes offset (never reused).
    pub(super) revision: Option<u64>,
    /// Each note's index in `order`.
    pub(super) index: HashMap<NoteRef, usize>,
    /// Draw order: tools, then task notes, then pain notes (on top).
    pub(super) order: Vec<Placed>,
    /// Flows whose two tools exist, in the session's order.
    pub(super) flows: Vec<PlacedFlow>,
    /// Hours badges of tools, close up, board units.
    pub(super) tool_badges: HashMap<Id, Rect>,
    /// Pain points per tool and per flow.
    pub(super) folded: HashMap<Attachment, Folded>,
    /// Labels, badges and pain notes that found no free place (they cover
    /// something): "Tidy the board" makes room for them.
    pub(super) crowded: usize,
}

/// Height of a note that fits a caption (font `caption`, 0 for none) and
/// a text of size `text` with padding, at least `min`.
fn fitted_height(text: Vec2, caption: f32, min: f32) -> f32 {
    let caption = if caption > 0.0 { caption * 1.2 } else { 0.0 };
    (text.y + caption + 2.0 * PADDING + 2.0).max(min)
}

/// What the layout needs to measure texts.
pub(super) struct Fonts<'a> {
    pub(super) ctx: &'a egui::Context,
    pub(super) measure: &'a mut Measure,
}

impl Fonts<'_> {
    fn size(&mut self, key: TextKey, text: &str, size: f32, width: f32, rows: usize) -> Vec2 {
        self.measure.size(self.ctx, key, text, size, width, rows)
    }
}

impl Layout {
    pub(super) fn of(
        session: &Session,
        moving: Option<(HashSet<NoteRef>, Vec2)>,
        fonts: &mut Fonts<'_>,
    ) -> Self {
        let offset = |note: NoteRef, rect: Rect| match &moving {
            Some((set, delta)) if set.contains(&note) => rect.translate(*delta),
            _ => rect,
        };
        let capacity = session.tools.len() + session.tasks.len() + session.pain_points.len();
        let mut index = HashMap::with_capacity(capacity);
        let mut order = Vec::with_capacity(capacity);
        let mut taken = Taken::new(200.0);
        let place = |index: &mut HashMap<NoteRef, usize>,
                     order: &mut Vec<Placed>,
                     note: NoteRef,
                     rect: Rect,
                     source: usize,
                     attached: Attachment| {
            index.insert(note, order.len());
            order.push(Placed {
                note,
                rect,
                source,
                attached,
            });
        };
        for (source, tool) in session.tools.iter().enumerate() {
            let note = NoteRef::Tool(tool.id);
            let mut rect = tool_rect_in_board(tool);
            let inner = rect.width() - 2.0 * PADDING;
            let text = fonts.size(TextKey::Name(note), &tool.name, NAME_FONT, inner, 0);
            rect.max.y = rect.min.y + fitted_height(text, 0.0, rect.height());
            let rect = offset(note, rect);
            // Its connector handle sticks out of its right edge.
            taken.add(rect.expand2(vec2(theme::HANDLE_RADIUS, 0.0)));
            place(&mut index, &mut order, note, rect, source, Attachment::Free);
        }
        for (source, task) in session.tasks.iter().enumerate() {
            if let Some(mut rect) = task_rect_in_board(task) {
                let note = NoteRef::Task(task.id);
                let inner = rect.width() - 2.0 * PADDING;
                let text = fonts.size(TextKey::Name(note), &task.name, TASK_FONT, inner, 0);
                let caption = TASK_FONT * CAPTION_SCALE;
                rect.max.y = rect.min.y + fitted_height(text, caption, rect.height());
                let rect = offset(note, rect);
                taken.add(rect);
                place(&mut index, &mut order, note, rect, source, Attachment::Free);
            }
        }
        let mut folded: HashMap<Attachment, Folded> = HashMap::new();
        let mut pain_sizes = Vec::with_capacity(session.pain_points.len());
        for (source, pain) in session.pain_points.iter().enumerate() {
            let note = NoteRef::Pain(pain.id);
            let [width, min] = match pain.attached {
                Attachment::Free => PAIN_NOTE_SIZE,
                _ => ATTACHED_PAIN_SIZE,
            };
            let inner = width - 2.0 * PADDING;
            let text = fonts.size(TextKey::Name(note), &pain.text, PAIN_FONT, inner, 0);
            let size = vec2(width, fitted_height(text, PAIN_FONT * CAPTION_SCALE, min));
            pain_sizes.push(size);
            if pain.attached == Attachment::Free {
                let rect = offset(
                    note,
                    Rect::from_min_size(pos2(pain.pos.x, pain.pos.y), size),
                );
                taken.add(rect);
                place(&mut index, &mut order, note, rect, source, Attachment::Free);
            } else {
                let entry = folded.entry(pain.attached).or_default();
                entry.count += 1;
                entry.hours += pain.hours_per_week.unwrap_or(0.0);
            }
        }

        let mut crowded = 0;
        let mut settle = |taken: &mut Taken, candidates: Vec<Rect>| -> Option<Rect> {
            let rect = match taken.first_free(candidates, None) {
                Ok(rect) => Some(rect),
                Err(best) => {
                    crowded += 1;
                    best
                }
            };
            if let Some(rect) = rect {
                taken.add(rect.expand(GAP / 2.0));
            }
            rect
        };

        // Flow labels and badges, shadow flows first (the room's headline).
        let rect_at = |order: &[Placed], i: usize| order.get(i).map(|p| p.rect);
        let mut flows: Vec<PlacedFlow> = session
            .flows
            .iter()
            .enumerate()
            .filter_map(|(source, f)| {
                Some(PlacedFlow {
                    id: f.id,
                    source,
                    from: *index.get(&NoteRef::Tool(f.from))?,
                    to: *index.get(&NoteRef::Tool(f.to))?,
                    label: None,
                    badge: None,
                })
            })
            .collect();
        let mut by_importance: Vec<usize> = (0..flows.len()).collect();
        by_importance.sort_by_key(|&i| {
            let shadow = flows
                .get(i)
                .and_then(|f| session.flows.get(f.source))
                .is_some_and(|f| f.kind == crate::model::FlowKind::Shadow);
            !shadow
        });
        for i in by_importance {
            let Some(placed) = flows.get(i).copied() else {
                continue;
            };
            let (Some(flow), Some(a), Some(b)) = (
                session.flows.get(placed.source),
                rect_at(&order, placed.from),
                rect_at(&order, placed.to),
            ) else {
                continue;
            };
            let Some((start, end)) = flow_endpoints(a, b, 1.0) else {
                continue;
            };
            let text = flow_label_text(flow);
            let label = (!text.is_empty()).then(|| {
                let wrap = label_wrap_width(start.distance(end));
                let size =
                    fonts.size(TextKey::FlowLabel(flow.id), &text, LABEL_FONT, wrap, 2) + LABEL_PAD;
                settle(&mut taken, beside_segment(start, end, size, 2.0))
            });
            let hours = folded
                .get(&Attachment::Flow(flow.id))
                .map_or(0.0, |f| f.hours);
            let badge = (hours > 0.0).then(|| {
                let size = fonts.size(
                    TextKey::FlowBadge(flow.id),
                    &hours_text(hours),
                    BADGE_FONT,
                    0.0,
                    0,
                ) + BADGE_PAD;
                settle(&mut taken, beside_segment(start, end, size, 2.0))
            });
            if let Some(f) = flows.get_mut(i) {
                f.label = label.flatten();
                f.badge = badge.flatten();
            }
        }

        // Hours badges of tools: above the card's right end first.
        let mut tool_badges = HashMap::new();
        for tool in &session.tools {
            let hours = folded
                .get(&Attachment::Tool(tool.id))
                .map_or(0.0, |f| f.hours);
            let Some(card) = index
                .get(&NoteRef::Tool(tool.id))
                .and_then(|&i| rect_at(&order, i))
            else {
                continue;
            };
            if hours <= 0.0 {
                continue;
            }
            let size = fonts.size(
                TextKey::ToolBadge(tool.id),
                &hours_text(hours),
                BADGE_FONT,
                0.0,
                0,
            ) + BADGE_PAD;
            let mut candidates = vec![
                Rect::from_min_size(pos2(card.max.x - size.x, card.min.y - size.y - 4.0), size),
                Rect::from_min_size(pos2(card.min.x, card.min.y - size.y - 4.0), size),
            ];
            candidates.extend(around(card, size, 4.0, 2));
            if let Some(rect) = settle(&mut taken, candidates) {
                tool_badges.insert(tool.id, rect);
            }
        }

        // Attached pain notes, around their tool card or their flow's label.
        for (source, pain) in session.pain_points.iter().enumerate() {
            let anchor = match pain.attached {
                Attachment::Free => continue,
                Attachment::Tool(id) => index
                    .get(&NoteRef::Tool(id))
                    .and_then(|&i| rect_at(&order, i)),
                Attachment::Flow(id) => flows.iter().find(|f| f.id == id).and_then(|f| {
                    f.label.or_else(|| {
                        let a = rect_at(&order, f.from)?;
                        let b = rect_at(&order, f.to)?;
                        Some(Rect::from_center_size(
                            a.center().lerp(b.center(), 0.5),
                            vec2(40.0, 20.0),
                        ))
                    })
                }),
            };
            let (Some(anchor), Some(&size)) = (anchor, pain_sizes.get(source)) else {
                continue;
            };
            let mut candidates = Vec::with_capacity(64);
            if let Attachment::Tool(_) = pain.attached {
                // The traditional spot: under the card, a little in.
                candidates.push(Rect::from_min_size(
                    anchor.left_bottom() + vec2(4.0, 10.0),
                    size,
                ));
            }
            candidates.extend(around(anchor, size, 10.0, 3));
            let note = NoteRef::Pain(pain.id);
            if let Some(rect) = settle(&mut taken, candidates) {
                place(
                    &mut index,
                    &mut order,
                    note,
                    offset(note, rect),
                    source,
                    pain.attached,
                );
            }
        }
        fonts.measure.sweep();
        Self {
            revision: None,
            index,
            order,
            flows,
            tool_badges,
            folded,
            crowded,
        }
    }

    /// Where a note is close up, board units.
    pub(super) fn rect_of(&self, note: NoteRef) -> Option<Rect> {
        self.index
            .get(&note)
            .and_then(|&i| self.order.get(i))
            .map(|p| p.rect)
    }

    /// Where a tool card is close up, board units.
    pub(super) fn tool_rect(&self, id: Id) -> Option<Rect> {
        self.rect_of(NoteRef::Tool(id))
    }

    /// The board rectangles of a flow's two tools close up.
    pub(super) fn flow_rects(&self, flow: &PlacedFlow) -> Option<(Rect, Rect)> {
        Some((
            self.order.get(flow.from)?.rect,
            self.order.get(flow.to)?.rect,
        ))
    }

    /// Everything drawn close up: notes, labels, badges; board units.
    pub(super) fn bounds(&self) -> Option<Rect> {
        let notes = self.order.iter().map(|p| p.rect);
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

    pub(super) fn notes_in(
        &self,
        band_in_board: Rect,
    ) -> impl Iterator<Item = (NoteRef, Rect)> + '_ {
        self.order
            .iter()
            .filter(move |p| band_in_board.intersects(p.rect))
            .map(|p| (p.note, p.rect))
    }

    /// What is under a screen point: handles first, then labels and
    /// badges, notes (topmost first), then flows. `overview` gives the
    /// rectangles drawn when the board is zoomed out.
    pub(super) fn hit(
        &self,
        view: &View,
        canvas: Rect,
        pos_in_screen: Pos2,
        overview: Option<&Overview>,
    ) -> Option<Hit> {
        let drawn = |i: usize, p: &Placed| overview.map_or(Some(p.rect), |o| o.note_rect(i));
        for (i, placed) in self.order.iter().enumerate().rev() {
            if let (NoteRef::Tool(id), Some(rect)) = (placed.note, drawn(i, placed)) {
                let handle = view.screen_rect(canvas, rect).right_center();
                if handle.distance(pos_in_screen) <= theme::HANDLE_HIT_RADIUS {
                    return Some(Hit::Handle(id));
                }
            }
        }
        let pos_in_board = view.board_from_screen(canvas, pos_in_screen);
        let on_flow_mark = |i: usize, f: &PlacedFlow| {
            let marks = match overview {
                Some(o) => o.flow_marks(i),
                None => [f.label, f.badge],
            };
            marks
                .into_iter()
                .flatten()
                .any(|r| r.contains(pos_in_board))
        };
        if let Some((_, f)) = self
            .flows
            .iter()
            .enumerate()
            .find(|(i, f)| on_flow_mark(*i, f))
        {
            return Some(Hit::Flow(f.id));
        }
        if let Some((_, placed)) = self
            .order
            .iter()
            .enumerate()
            .rev()
            .find(|(i, p)| drawn(*i, p).is_some_and(|r| r.contains(pos_in_board)))
        {
            return Some(Hit::Note(placed.note));
        }
        self.flows.iter().enumerate().find_map(|(i, flow)| {
            let (a, b) = match overview {
                Some(o) => o.flow_rects(self, i)?,
                None => self.flow_rects(flow)?,
            };
            let a = view.screen_rect(canvas, a);
            let b = view.screen_rect(canvas, b);
            let (start, end) = flow_endpoints(a, b, view.zoom)?;
            (distance_to_segment(pos_in_screen, start, end) <= FLOW_HIT_DISTANCE)
                .then_some(Hit::Flow(flow.id))
        })
    }
}

/// Width a flow label wraps to beside an arrow `length` long (board units
/// or points, as the length).
pub(super) fn label_wrap_width(length: f32) -> f32 {
    (length - 16.0).max(60.0)
}

/// "1.5 h/wk".
pub(super) fn hours_text(hours: f32) -> String {
    format!("{} h/wk", format_hours(hours))
}

/// Where the board draws each thing close up (at 100 %), board units: the
/// layout the window computes, for drawings made outside it (the minutes,
/// issue 19). Tool cards and task notes have grown to fit their text;
/// labels and badges sit where the window puts them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CloseUp {
    /// Each tool's card, in the session's order.
    pub tools: Vec<(Id, Rect)>,
    /// Each task note that is on the board.
    pub tasks: Vec<(Id, Rect)>,
    /// Flows whose two tools are on the board, in the session's order.
    pub flows: Vec<CloseUpFlow>,
    /// Hours badges of tools with hours lost.
    pub tool_badges: Vec<(Id, Rect)>,
    /// Font size of tool names, board units.
    pub name_font: f32,
    /// Font size of flow labels, board units.
    pub label_font: f32,
    /// Font size of hours badges, board units.
    pub badge_font: f32,
}

/// One flow of a [`CloseUp`], board units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CloseUpFlow {
    /// The flow.
    pub id: Id,
    /// Where its arrow starts and ends (on the edges of its two cards).
    pub ends: Option<(Pos2, Pos2)>,
    /// Its label's plate (none for a designed flow without a label).
    pub label: Option<Rect>,
    /// Its hours badge (when its pain points cost hours).
    pub badge: Option<Rect>,
}

/// The board's layout close up, measured with `ctx`'s fonts (install
/// [`theme::install`] first so they are the window's). Nothing is dragged.
pub fn close_up(ctx: &egui::Context, session: &Session) -> CloseUp {
    let mut measure = Measure::default();
    let mut fonts = Fonts {
        ctx,
        measure: &mut measure,
    };
    let layout = Layout::of(session, None, &mut fonts);
    let mut out = CloseUp {
        name_font: NAME_FONT,
        label_font: LABEL_FONT,
        badge_font: BADGE_FONT,
        ..CloseUp::default()
    };
    for placed in &layout.order {
        match placed.note {
            NoteRef::Tool(id) => out.tools.push((id, placed.rect)),
            NoteRef::Task(id) => out.tasks.push((id, placed.rect)),
            NoteRef::Pain(_) => {}
        }
    }
    for flow in &layout.flows {
        let ends = layout
            .flow_rects(flow)
            .and_then(|(a, b)| flow_endpoints(a, b, 1.0));
        out.flows.push(CloseUpFlow {
            id: flow.id,
            ends,
            label: flow.label,
            badge: flow.badge,
        });
    }
    for tool in &session.tools {
        if let Some(rect) = layout.tool_badges.get(&tool.id) {
            out.tool_badges.push((tool.id, *rect));
        }
    }
    out
}
