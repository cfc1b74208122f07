//! Where everything on the board is (board units), and what lies under a
//! point of the screen: the layout is built from the session once per
//! revision, or every frame while notes are dragged.

use std::collections::{HashMap, HashSet};

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use super::FLOW_HIT_DISTANCE;
use super::view::View;
use crate::model::{
    Attachment, BoardPos, Id, NoteRef, Session, TASK_NOTE_SIZE, TOOL_CARD_SIZE, Task, Tool,
};
use crate::ui::board_paint::{distance_to_segment, flow_endpoints};
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

/// Board rectangle of a tool card.
pub fn tool_rect_in_board(tool: &Tool) -> Rect {
    Rect::from_min_size(pos2(tool.pos.x, tool.pos.y), TOOL_CARD_SIZE.into())
}

/// Board rectangle of a task note on the board, if it is on it.
pub fn task_rect_in_board(task: &Task) -> Option<Rect> {
    task.board_pos
        .map(|p| Rect::from_min_size(pos2(p.x, p.y), TASK_NOTE_SIZE.into()))
}

/// Bounding box of everything on the board, board units.
pub fn content_rect_in_board(session: &Session) -> Option<Rect> {
    let tools = session.tools.iter().map(tool_rect_in_board);
    let tasks = session.tasks.iter().filter_map(task_rect_in_board);
    tools
        .chain(tasks)
        .filter(|r| r.is_finite())
        .reduce(|a, b| a.union(b))
}

/// Size of a free-standing pain note, board units.
pub const PAIN_NOTE_SIZE: [f32; 2] = [170.0, 90.0];
/// Size of a pain note attached to a tool or flow, board units.
pub const ATTACHED_PAIN_SIZE: [f32; 2] = [170.0, 62.0];

/// The top-left corner that centres a note of `size` (board units) on `at`.
pub(super) fn centred_at(at: Pos2, size: [f32; 2]) -> BoardPos {
    BoardPos::new(at.x - size[0] / 2.0, at.y - size[1] / 2.0)
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Placed {
    pub(super) note: NoteRef,
    /// Where it is drawn, board units (dragged notes offset).
    pub(super) rect: Rect,
    /// Its index in the session's `tools`, `tasks` or `pain_points`.
    pub(super) source: usize,
}

/// A flow between two tools that are on the board.
#[derive(Clone, Copy, Debug)]
pub(super) struct PlacedFlow {
    pub(super) id: Id,
    /// Its index in the session's `flows`.
    pub(super) source: usize,
    /// Indices of its two tools in [`Layout::order`].
    from: usize,
    to: usize,
}

/// Board rectangles of the notes, with the notes being dragged offset.
/// Built when the document's revision changes or
/// while notes are dragged, and reused otherwise.
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
}

impl Layout {
    pub(super) fn of(session: &Session, moving: Option<(HashSet<NoteRef>, Vec2)>) -> Self {
        let offset = |note: NoteRef, rect: Rect| match &moving {
            Some((set, delta)) if set.contains(&note) => rect.translate(*delta),
            _ => rect,
        };
        let capacity = session.tools.len() + session.tasks.len() + session.pain_points.len();
        let mut index = HashMap::with_capacity(capacity);
        let mut order = Vec::with_capacity(capacity);
        let mut place = |note: NoteRef, rect: Rect, source: usize| {
            index.insert(note, order.len());
            order.push(Placed { note, rect, source });
        };
        for (source, tool) in session.tools.iter().enumerate() {
            let note = NoteRef::Tool(tool.id);
            place(note, offset(note, tool_rect_in_board(tool)), source);
        }
        for (source, task) in session.tasks.iter().enumerate() {
            if let Some(rect) = task_rect_in_board(task) {
                let note = NoteRef::Task(task.id);
                place(note, offset(note, rect), source);
            }
        }
        let tool_rect = |order: &[Placed], index: &HashMap<NoteRef, usize>, id: Id| {
            index
                .get(&NoteRef::Tool(id))
                .and_then(|&i| order.get(i))
                .map(|p| p.rect)
        };
        // The first flow of an id wins, as with `Session::flow`.
        let flow_index: HashMap<Id, usize> = session
            .flows
            .iter()
            .enumerate()
            .rev()
            .map(|(i, f)| (f.id, i))
            .collect();
        // Pain points: free ones where they are; attached ones stacked
        // under their tool card, or under their flow's middle.
        let mut stacked: HashMap<Attachment, usize> = HashMap::new();
        for (source, pain) in session.pain_points.iter().enumerate() {
            let anchor = match pain.attached {
                Attachment::Free => None,
                Attachment::Tool(id) => {
                    tool_rect(&order, &index, id).map(|r| r.left_bottom() + vec2(4.0, 10.0))
                }
                Attachment::Flow(id) => flow_index
                    .get(&id)
                    .and_then(|&i| session.flows.get(i))
                    .and_then(|f| {
                        let a = tool_rect(&order, &index, f.from)?;
                        let b = tool_rect(&order, &index, f.to)?;
                        let mid = a.center().lerp(b.center(), 0.5);
                        Some(mid + vec2(-ATTACHED_PAIN_SIZE[0] / 2.0, 34.0))
                    }),
            };
            let rect = match anchor {
                Some(anchor) => {
                    let n = stacked.entry(pain.attached).or_default();
                    let top = anchor + vec2(0.0, *n as f32 * (ATTACHED_PAIN_SIZE[1] + 6.0));
                    *n += 1;
                    Rect::from_min_size(top, ATTACHED_PAIN_SIZE.into())
                }
                None => Rect::from_min_size(pos2(pain.pos.x, pain.pos.y), PAIN_NOTE_SIZE.into()),
            };
            let note = NoteRef::Pain(pain.id);
            index.insert(note, order.len());
            order.push(Placed {
                note,
                rect: offset(note, rect),
                source,
            });
        }
        let flows = session
            .flows
            .iter()
            .enumerate()
            .filter_map(|(source, f)| {
                Some(PlacedFlow {
                    id: f.id,
                    source,
                    from: *index.get(&NoteRef::Tool(f.from))?,
                    to: *index.get(&NoteRef::Tool(f.to))?,
                })
            })
            .collect();
        Self {
            revision: None,
            index,
            order,
            flows,
        }
    }

    /// Where a note is, board units.
    pub(super) fn rect_of(&self, note: NoteRef) -> Option<Rect> {
        self.index
            .get(&note)
            .and_then(|&i| self.order.get(i))
            .map(|p| p.rect)
    }

    /// Where a tool card is, board units.
    pub(super) fn tool_rect(&self, id: Id) -> Option<Rect> {
        self.rect_of(NoteRef::Tool(id))
    }

    /// The board rectangles of a flow's two tools.
    pub(super) fn flow_rects(&self, flow: &PlacedFlow) -> Option<(Rect, Rect)> {
        Some((
            self.order.get(flow.from)?.rect,
            self.order.get(flow.to)?.rect,
        ))
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

    /// What is under a screen point: handles first, then notes (topmost
    /// first), then flows.
    pub(super) fn hit(&self, view: &View, canvas: Rect, pos_in_screen: Pos2) -> Option<Hit> {
        for placed in self.order.iter().rev() {
            if let NoteRef::Tool(id) = placed.note {
                let handle = view.screen_rect(canvas, placed.rect).right_center();
                if handle.distance(pos_in_screen) <= theme::HANDLE_HIT_RADIUS {
                    return Some(Hit::Handle(id));
                }
            }
        }
        let pos_in_board = view.board_from_screen(canvas, pos_in_screen);
        if let Some(placed) = self
            .order
            .iter()
            .rev()
            .find(|p| p.rect.contains(pos_in_board))
        {
            return Some(Hit::Note(placed.note));
        }
        self.flows.iter().find_map(|flow| {
            let (a, b) = self.flow_rects(flow)?;
            let a = view.screen_rect(canvas, a);
            let b = view.screen_rect(canvas, b);
            let (start, end) = flow_endpoints(a, b, view.zoom)?;
            let near_line = distance_to_segment(pos_in_screen, start, end) <= FLOW_HIT_DISTANCE;
            // Labels sit beside the arrow's middle, on its right-hand side.
            let unit = (end - start).normalized();
            let label_centre = start.lerp(end, 0.5) + vec2(-unit.y, unit.x) * 16.0;
            let near_label = pos_in_screen.distance(label_centre) <= 26.0;
            (near_line || near_label).then_some(Hit::Flow(flow.id))
        })
    }
}
