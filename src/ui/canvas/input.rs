//! Pointer input on the board: touch, wheel, drags (pan, move, connect,
//! rubber band), clicks and the cursor.

use egui::{CornerRadius, CursorIcon, Key, Pos2, Rect, Response, StrokeKind, Ui, Vec2};

use super::hit::{self, Hit};
use super::notes::{NEW_TOOL_NAME, moves_by, new_tool_at, note_name, note_order};
use super::overview::Overview;
use super::{BoardInput, BoardResponse, CanvasState, FLOW_HIT_DISTANCE, Gesture, Selection};
use crate::geometry::{Geometry, centred_at};
use crate::geometry::{distance_to_segment, flow_endpoints};
use crate::model::{
    Attachment, BoardPos, Edit, Entity, EntityKind, Flow, FlowKind, Id, NoteRef, PainPoint,
    Session, TOOL_CARD_SIZE,
};
use crate::ui::theme;
use crate::ui::typology::TaskDrag;

impl CanvasState {
    pub(super) fn touch(&mut self, ui: &Ui, canvas: Rect, response: &Response) -> bool {
        let Some(touch) = ui.input(|i| i.multi_touch()) else {
            return false;
        };
        if !canvas.contains(touch.center_pos) && !response.contains_pointer() {
            return false;
        }
        if matches!(self.gesture, Some(Gesture::Pan)) {
            self.gesture = None;
        }
        self.stop_animation();
        self.view.pan += touch.translation_delta;
        self.view
            .zoom_around(canvas, touch.center_pos, touch.zoom_delta);
        self.view_touched = true;
        true
    }

    pub(super) fn zoom_and_scroll(&mut self, ui: &Ui, canvas: Rect, response: &Response) {
        if self.view.follow_wheel(ui, canvas, response) {
            self.view_touched = true;
            self.stop_animation();
        }
    }

    pub(super) fn gestures(
        &mut self,
        ui: &Ui,
        canvas: Rect,
        response: &Response,
        input: &BoardInput<'_>,
        layout: &Geometry,
        out: &mut Vec<Edit>,
    ) {
        let session = input.session;
        let (origin, pointer, shift, space, middle) = ui.input(|i| {
            (
                i.pointer.press_origin(),
                i.pointer.interact_pos(),
                i.modifiers.shift,
                i.key_down(Key::Space),
                i.pointer.middle_down(),
            )
        });
        let overview = self.overview_now();
        let overview = overview.as_deref();
        if response.drag_started() {
            let hit = origin.and_then(|o| hit::hit(layout, &self.view, canvas, o, overview));
            self.gesture = Some(match hit {
                _ if middle || space => Gesture::Pan,
                Some(Hit::Handle(from)) => Gesture::Connect {
                    from,
                    to_in_screen: origin.unwrap_or(canvas.center()),
                },
                Some(Hit::Note(note)) => {
                    if !self.selection.notes.contains(&note) {
                        if shift {
                            self.selection.notes.insert(note);
                        } else {
                            self.selection = Selection::only(note);
                        }
                    }
                    if let NoteRef::Task(id) = note {
                        egui::DragAndDrop::set_payload(
                            ui.ctx(),
                            TaskDrag {
                                id,
                                grab: Vec2::ZERO,
                            },
                        );
                    }
                    let mut moving: Vec<NoteRef> = self.selection.notes.iter().copied().collect();
                    moving.sort_by_key(note_order);
                    Gesture::Move {
                        moving,
                        delta: Vec2::ZERO,
                    }
                }
                _ if shift => {
                    let start = self
                        .view
                        .board_from_screen(canvas, origin.unwrap_or(canvas.center()));
                    Gesture::RubberBand {
                        start_in_board: start,
                        end_in_board: start,
                        additive: true,
                    }
                }
                _ => Gesture::Pan,
            });
        }

        if response.dragged() {
            let drag = response.drag_delta();
            match &mut self.gesture {
                Some(Gesture::Pan) => {
                    self.view.pan += drag;
                    self.view_touched = true;
                    self.animation = None;
                }
                Some(Gesture::Move { delta, .. }) => *delta += drag / self.view.zoom,
                Some(Gesture::Connect { to_in_screen, .. }) => {
                    if let Some(p) = pointer {
                        *to_in_screen = p;
                    }
                }
                Some(Gesture::RubberBand { end_in_board, .. }) => {
                    if let Some(p) = pointer {
                        *end_in_board = self.view.board_from_screen(canvas, p);
                    }
                }
                None => {}
            }
        }

        if response.drag_stopped() {
            let released_at = pointer.or(ui.input(|i| i.pointer.latest_pos()));
            match self.gesture.take() {
                Some(Gesture::Move { moving, delta }) => {
                    let inside = released_at.is_some_and(|p| canvas.contains(p));
                    if let ([NoteRef::Pain(id)], Some(at), true) =
                        (moving.as_slice(), released_at, inside)
                        && delta != Vec2::ZERO
                    {
                        out.extend(
                            self.drop_pain(session, layout, canvas, *id, at, delta, overview),
                        );
                    } else if inside && delta != Vec2::ZERO {
                        out.push(Edit::MoveNotes {
                            moves: moves_by(session, &moving, delta),
                        });
                    }
                }
                Some(Gesture::Connect { from, .. }) => {
                    let target =
                        released_at.and_then(|p| hit::hit(layout, &self.view, canvas, p, overview));
                    if let Some(Hit::Note(NoteRef::Tool(to)) | Hit::Handle(to)) = target
                        && to != from
                    {
                        out.push(Edit::Add(Entity::Flow(Flow {
                            id: Id::default(),
                            from,
                            to,
                            label: String::new(),
                            kind: FlowKind::Designed,
                            share: None,
                        })));
                        self.rename_when_created(EntityKind::Flow, "");
                    }
                }
                Some(Gesture::RubberBand {
                    start_in_board,
                    end_in_board,
                    additive,
                }) => {
                    let band = Rect::from_two_pos(start_in_board, end_in_board);
                    if !additive {
                        self.selection = Selection::default();
                    }
                    self.selection.flow = None;
                    self.selection
                        .notes
                        .extend(layout.notes_in(band).map(|(note, _)| note));
                }
                Some(Gesture::Pan) | None => {}
            }
        }
    }

    pub(super) fn clicks(
        &mut self,
        ui: &Ui,
        canvas: Rect,
        response: &Response,
        input: &BoardInput<'_>,
        layout: &Geometry,
        out: &mut BoardResponse,
    ) {
        let session = input.session;
        let shift = ui.input(|i| i.modifiers.shift);
        let at = response.interact_pointer_pos();
        let overview = self.overview_now();
        let hit = at.and_then(|p| hit::hit(layout, &self.view, canvas, p, overview.as_deref()));

        if response.double_clicked() {
            match hit {
                Some(Hit::Note(note)) => {
                    let name = note_name(session, note).unwrap_or_default();
                    self.start_rename(note, &name);
                }
                Some(Hit::Flow(id)) => self.start_label_edit(session, id),
                Some(Hit::Handle(_) | Hit::Tasks) => {}
                None => {
                    if let Some(p) = at {
                        let centre = self.view.board_from_screen(canvas, p);
                        let pos = centred_at(centre, TOOL_CARD_SIZE);
                        out.edits.push(new_tool_at(pos, input.author));
                        self.rename_when_created(EntityKind::Tool, NEW_TOOL_NAME);
                    }
                }
            }
        } else if response.clicked() {
            match hit.map(Hit::handle_as_note) {
                Some(Hit::Note(NoteRef::Task(id) | NoteRef::Pain(id)))
                    if input.voting && is_vote_candidate(session, id) =>
                {
                    // While a dot vote is open a click votes: the app
                    // places or takes back the voter's dot.
                    out.vote_click = Some(id);
                    self.selection = Selection::default();
                }
                Some(Hit::Note(note)) => {
                    if shift {
                        if !self.selection.notes.remove(&note) {
                            self.selection.notes.insert(note);
                        }
                        self.selection.flow = None;
                    } else {
                        self.selection = Selection::only(note);
                        // Projector mode: the room is brought to the tool.
                        if let (true, NoteRef::Tool(id)) = (input.projector, note) {
                            self.spotlight(id);
                        }
                    }
                }
                Some(Hit::Flow(id)) => {
                    self.selection = Selection::flow(id);
                }
                Some(Hit::Handle(_) | Hit::Tasks) => {}
                None => {
                    if !shift {
                        self.selection = Selection::default();
                    }
                }
            }
        }
        if response.secondary_clicked() {
            if let Some(Hit::Flow(id)) = hit {
                self.selection = Selection::flow(id);
            }
            if let Some(Hit::Note(note)) = hit
                && !self.selection.notes.contains(&note)
            {
                self.selection = Selection::only(note);
            }
            self.context_target = Some(hit.map(Hit::handle_as_note));
            self.context_pos_in_board = at.map(|p| self.view.board_from_screen(canvas, p));
        }
    }

    /// A pain note dropped at `at`: onto a tool card or a flow it attaches
    /// there; onto empty board it stands free where it was dropped.
    #[expect(clippy::too_many_arguments)]
    fn drop_pain(
        &self,
        session: &Session,
        layout: &Geometry,
        canvas: Rect,
        id: Id,
        at: Pos2,
        delta: Vec2,
        overview: Option<&Overview>,
    ) -> Option<Edit> {
        let pain = session.pain_point(id)?;
        let at_in_board = self.view.board_from_screen(canvas, at);
        let drawn = |i: usize, rect: Rect| overview.map_or(Some(rect), |o| o.note_rect(i));
        let onto_tool = layout
            .notes
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, placed)| match placed.note {
                NoteRef::Tool(tool)
                    if drawn(i, placed.rect).is_some_and(|r| r.contains(at_in_board)) =>
                {
                    Some(Attachment::Tool(tool))
                }
                _ => None,
            });
        let onto_flow = || {
            layout.flows.iter().enumerate().find_map(|(i, flow)| {
                let (a, b) = match overview {
                    Some(o) => o.flow_rects(layout, i)?,
                    None => layout.flow_rects(flow)?,
                };
                let a = self.view.screen_rect(canvas, a);
                let b = self.view.screen_rect(canvas, b);
                let (start, end) = flow_endpoints(a, b, self.view.zoom)?;
                (distance_to_segment(at, start, end) <= FLOW_HIT_DISTANCE * 2.0)
                    .then_some(Attachment::Flow(flow.id))
            })
        };
        let attached = onto_tool.or_else(onto_flow).unwrap_or(Attachment::Free);
        let pos = match (attached, pain.attached) {
            // Attached after the drop: its own position is not used.
            (Attachment::Tool(_) | Attachment::Flow(_), _) => pain.pos,
            // Free before and after: moved by the drag.
            (Attachment::Free, Attachment::Free) => {
                BoardPos::new(pain.pos.x + delta.x, pain.pos.y + delta.y)
            }
            // Detached by the drop: it stays where it was drawn.
            (Attachment::Free, _) => layout
                .rect_of(NoteRef::Pain(id))
                .map_or(pain.pos, |r| BoardPos::new(r.min.x, r.min.y)),
        };
        (attached != pain.attached || pos != pain.pos).then(|| {
            Edit::Update(Entity::PainPoint(PainPoint {
                attached,
                pos,
                ..pain.clone()
            }))
        })
    }

    /// The cursor for what is under the pointer, and the ghost of a task
    /// note dragged off the board toward the grid.
    pub(super) fn hover_cursor(
        &self,
        ui: &Ui,
        canvas: Rect,
        response: &Response,
        layout: &Geometry,
        overview: Option<&Overview>,
    ) {
        let icon = match &self.gesture {
            Some(Gesture::Pan) => Some(CursorIcon::Grabbing),
            Some(Gesture::Move { .. }) => Some(CursorIcon::Grabbing),
            Some(Gesture::Connect { .. }) => Some(CursorIcon::Crosshair),
            Some(Gesture::RubberBand { .. }) => Some(CursorIcon::Crosshair),
            None => response.hover_pos().map(|p| {
                match hit::hit(layout, &self.view, canvas, p, overview) {
                    Some(Hit::Handle(_)) => CursorIcon::Crosshair,
                    Some(Hit::Note(_)) => CursorIcon::Grab,
                    Some(Hit::Flow(_)) => CursorIcon::PointingHand,
                    Some(Hit::Tasks) | None => CursorIcon::Default,
                }
            }),
        };
        if let Some(icon) = icon {
            ui.ctx().set_cursor_icon(icon);
        }
        // While a task note is dragged out of the board, draw it under the
        // pointer so it can be dropped on the typology grid.
        if let (Some(Gesture::Move { moving, .. }), Some(p)) =
            (&self.gesture, ui.input(|i| i.pointer.hover_pos()))
            && !canvas.contains(p)
            && let Some(NoteRef::Task(_)) = moving.first()
        {
            let layer = egui::LayerId::new(egui::Order::Tooltip, ui.scope_id().with("ghost"));
            let painter = ui.ctx().layer_painter(layer);
            let rect = Rect::from_center_size(p, theme::GRID_NOTE_SIZE.into());
            painter.rect(
                rect,
                CornerRadius::same(4),
                theme::TASK_FILL,
                theme::note_stroke(theme::TASK_STROKE),
                StrokeKind::Inside,
            );
        }
    }
}

/// Whether a task or pain point takes dots in the running vote.
fn is_vote_candidate(session: &Session, id: Id) -> bool {
    session
        .vote
        .as_ref()
        .is_some_and(|v| session.is_vote_candidate(v.on(), id))
}
