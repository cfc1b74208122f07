//! What lies under a point of the screen: the board close up
//! ([`Geometry`]) or, zoomed out, as the [`Overview`] draws it. Above both
//! (issue 18: no import circle between the layout and the overview).

use egui::{Pos2, Rect};

use super::FLOW_HIT_DISTANCE;
use super::overview::Overview;
use super::view::View;
use crate::geometry::{Geometry, PlacedFlow, PlacedNote, distance_to_segment, flow_endpoints};
use crate::model::{Id, NoteRef};
use crate::ui::theme;

/// What lies under a point of the board.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Hit {
    /// A tool card's connector handle (drag it onto another card: a flow).
    Handle(Id),
    Note(NoteRef),
    Flow(Id),
    /// The chip the task notes fold into, zoomed out.
    Tasks,
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

/// What is under a screen point: handles first, then labels and badges,
/// notes (topmost first), then flows. `overview` gives the rectangles
/// drawn when the board is zoomed out.
pub(super) fn hit(
    layout: &Geometry,
    view: &View,
    canvas: Rect,
    pos_in_screen: Pos2,
    overview: Option<&Overview>,
) -> Option<Hit> {
    let drawn = |i: usize, p: &PlacedNote| overview.map_or(Some(p.rect), |o| o.note_rect(i));
    for (i, placed) in layout.notes.iter().enumerate().rev() {
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
    if let Some((_, f)) = layout
        .flows
        .iter()
        .enumerate()
        .find(|(i, f)| on_flow_mark(*i, f))
    {
        return Some(Hit::Flow(f.id));
    }
    if overview
        .and_then(|o| o.tasks.as_ref().map(|c| o.to_board(c.rect)))
        .is_some_and(|r| r.contains(pos_in_board))
    {
        return Some(Hit::Tasks);
    }
    if let Some((_, placed)) = layout
        .notes
        .iter()
        .enumerate()
        .rev()
        .find(|(i, p)| drawn(*i, p).is_some_and(|r| r.contains(pos_in_board)))
    {
        return Some(Hit::Note(placed.note));
    }
    layout.flows.iter().enumerate().find_map(|(i, flow)| {
        let (a, b) = match overview {
            Some(o) => o.flow_rects(layout, i)?,
            None => layout.flow_rects(flow)?,
        };
        let a = view.screen_rect(canvas, a);
        let b = view.screen_rect(canvas, b);
        let (start, end) = flow_endpoints(a, b, view.zoom)?;
        (distance_to_segment(pos_in_screen, start, end) <= FLOW_HIT_DISTANCE)
            .then_some(Hit::Flow(flow.id))
    })
}
