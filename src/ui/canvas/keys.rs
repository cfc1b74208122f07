//! The keyboard on the board: Tab / Shift+Tab walk the notes, arrows
//! nudge, Enter edits, Delete removes, F fits, Esc cancels.

use egui::{Key, Modifiers, Rect, Ui, Vec2, vec2};

use super::notes::{moves_by, note_name, note_order};
use super::{BoardInput, CanvasState, InlineEdit, NUDGE, Selection, TextTarget};
use crate::geometry::Geometry;
use crate::model::{Edit, Id, NoteRef, Session};

impl CanvasState {
    pub(super) fn keys(
        &mut self,
        ui: &Ui,
        input: &BoardInput<'_>,
        layout: &Geometry,
        out: &mut Vec<Edit>,
    ) {
        if ui.ctx().egui_wants_keyboard_input() || self.editing.is_some() {
            return;
        }
        let session = input.session;
        self.keyboard_navigation(ui, input, layout, out);
        let (delete, fit, escape, space) = ui.input(|i| {
            (
                i.key_pressed(Key::Delete) || i.key_pressed(Key::Backspace),
                i.key_pressed(Key::F) && i.modifiers.is_none(),
                i.key_pressed(Key::Escape),
                i.key_pressed(Key::Space) && i.modifiers.is_none(),
            )
        });
        // Space on the selected tool: bring the room to it.
        if space
            && self.gesture.is_none()
            && let Some(NoteRef::Tool(id)) = self.single_selected()
        {
            self.spotlight(id);
        }
        if delete && let Some(edit) = self.delete_selection(session) {
            out.push(edit);
        }
        if fit {
            self.request_fit();
            self.spotlight = None;
        }
        if escape {
            if self.gesture.is_some() {
                self.gesture = None;
            } else {
                self.selection = Selection::default();
                // Back from a spotlight to the whole map.
                self.leave_spotlight();
            }
        }
    }

    /// Tab / Shift+Tab: next / previous note in reading order (top to
    /// bottom, then left to right), shown in view; arrows: nudge the
    /// selected notes by [`NUDGE`] (×5 with Shift); Enter: edit the
    /// selected note's text. Only while no widget has keyboard focus.
    fn keyboard_navigation(
        &mut self,
        ui: &Ui,
        input: &BoardInput<'_>,
        layout: &Geometry,
        out: &mut Vec<Edit>,
    ) {
        let session = input.session;
        let pending = self.pending_tab.take();
        let (tab, back_tab) = (pending == Some(false), pending == Some(true));
        let (enter, arrows) = ui.ctx().input_mut(|i| {
            let enter = i.consume_key(Modifiers::NONE, Key::Enter);
            let step = if i.modifiers.shift {
                NUDGE * 5.0
            } else {
                NUDGE
            };
            let mut arrows = Vec2::ZERO;
            for (key, dir) in [
                (Key::ArrowLeft, vec2(-1.0, 0.0)),
                (Key::ArrowRight, vec2(1.0, 0.0)),
                (Key::ArrowUp, vec2(0.0, -1.0)),
                (Key::ArrowDown, vec2(0.0, 1.0)),
            ] {
                let pressed = i.events.iter().any(|e| {
                    matches!(e, egui::Event::Key { key: k, pressed: true, modifiers, .. }
                        if *k == key && (modifiers.is_none() || modifiers.shift_only()))
                });
                if pressed {
                    arrows += dir * step;
                }
            }
            (enter, arrows)
        });
        if arrows != Vec2::ZERO {
            // Keep egui from handing keyboard focus to the first widget.
            ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        }
        if tab || back_tab {
            // Zoomed out, folded pain notes are not drawn: Tab skips them.
            let overview = self.overview_now();
            let mut notes: Vec<(NoteRef, Rect)> = layout
                .notes
                .iter()
                .enumerate()
                .filter_map(|(i, p)| match &overview {
                    Some(o) => o.note_rect(i).map(|r| (p.note, r)),
                    None => Some((p.note, p.rect)),
                })
                .collect();
            notes.sort_by(|a, b| {
                (a.1.min.y, a.1.min.x)
                    .partial_cmp(&(b.1.min.y, b.1.min.x))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            let current = self
                .single_selected()
                .and_then(|n| notes.iter().position(|(m, _)| *m == n));
            let count = notes.len();
            let next = match (current, back_tab) {
                _ if count == 0 => None,
                (None, false) => Some(0),
                (None, true) => Some(count - 1),
                (Some(i), false) => Some((i + 1) % count),
                (Some(i), true) => Some((i + count - 1) % count),
            };
            if let Some((note, rect)) = next.and_then(|i| notes.get(i)).copied() {
                self.selection = Selection::only(note);
                match note {
                    NoteRef::Tool(id) if input.projector => self.spotlight(id),
                    _ => self.reveal(rect),
                }
            }
        }
        if arrows != Vec2::ZERO && !self.selection.notes.is_empty() {
            let mut moving: Vec<NoteRef> = self.selection.notes.iter().copied().collect();
            moving.sort_by_key(note_order);
            let moves = moves_by(session, &moving, arrows);
            if !moves.is_empty() {
                out.push(Edit::MoveNotes { moves });
            }
        }
        if enter && let Some(note) = self.single_selected() {
            let text = match note {
                NoteRef::Pain(id) => session.pain_point(id).map(|p| p.text.clone()),
                _ => note_name(session, note),
            };
            self.start_rename(note, &text.unwrap_or_default());
        } else if enter && let Some(id) = self.selection.flow {
            self.start_label_edit(session, id);
        }
    }

    /// Pan so that a board rectangle is in view (with a margin), if it is
    /// not already.
    fn reveal(&mut self, rect_in_board: Rect) {
        let Some(canvas) = self.last_rect else { return };
        let on_screen = self.view.screen_rect(canvas, rect_in_board);
        let inner = canvas.shrink(40.0);
        if inner.contains_rect(on_screen) {
            return;
        }
        let centre = self.view.screen_from_board(canvas, rect_in_board.center());
        self.view.pan += canvas.center() - centre;
        self.view_touched = true;
    }

    /// The edit that deletes everything selected (one undo step), if any.
    pub fn delete_selection(&mut self, session: &Session) -> Option<Edit> {
        // Pain points first, then the flow, then tasks and tools: removing
        // a tool also removes its flows and their pain points, which must
        // not be removed twice.
        let mut notes: Vec<NoteRef> = self.selection.notes.drain().collect();
        notes.sort_by_key(note_order);
        let tools: Vec<Id> = notes
            .iter()
            .filter_map(|n| match n {
                NoteRef::Tool(id) => Some(*id),
                _ => None,
            })
            .collect();
        let flow = self.selection.flow.take().and_then(|id| session.flow(id));
        let flow_goes_with_tool =
            flow.is_some_and(|f| tools.contains(&f.from) || tools.contains(&f.to));
        let mut edits: Vec<Edit> = notes
            .iter()
            .filter_map(|n| match *n {
                NoteRef::Pain(id) => Some(Edit::Remove { id }),
                _ => None,
            })
            .collect();
        if let Some(flow) = flow
            && !flow_goes_with_tool
        {
            edits.push(Edit::Remove { id: flow.id });
        }
        for note in notes {
            match note {
                NoteRef::Tool(id) | NoteRef::Task(id) => edits.push(Edit::Remove { id }),
                NoteRef::Pain(_) => {}
            }
        }
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }

    pub(super) fn start_label_edit(&mut self, session: &Session, id: Id) {
        let text = session
            .flow(id)
            .map(|f| f.label.clone())
            .unwrap_or_default();
        self.edit_flow_label(id, text);
    }

    /// Select a flow and open its label, starting with `text`, for typing.
    pub(super) fn edit_flow_label(&mut self, id: Id, text: String) {
        self.selection = Selection::flow(id);
        self.editing = Some(InlineEdit {
            target: TextTarget::FlowLabel(id),
            text,
            fresh: true,
        });
    }
}
