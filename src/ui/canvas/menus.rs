//! Menus and text on the board: the right-click menus of the board, notes
//! and flows; the inline text field for names and labels; new notes.

use egui::{FontId, Key, Rect, Response, Ui, vec2};

use super::hit::Hit;
use super::notes::{
    NEW_PAIN_TEXT, NEW_TASK_NAME, NEW_TOOL_NAME, new_task_note_at, new_tool_at, note_name,
};
use super::{BoardInput, CanvasState, Selection, TextTarget};
use crate::geometry::new_note::{NewNote, spot_for};
use crate::geometry::{Geometry, PAIN_NOTE_SIZE, centred_at, task_rect_in_board};
use crate::model::{
    Attachment, BoardPos, Edit, Entity, EntityKind, Flow, FlowKind, Id, NoteRef, PainCategory,
    PainPoint, Session, TASK_NOTE_SIZE, TOOL_CARD_SIZE,
};
use crate::ui::inspector::category_ui;

impl CanvasState {
    pub(super) fn inline_edit_ui(
        &mut self,
        ui: &mut Ui,
        canvas: Rect,
        session: &Session,
        layout: &Geometry,
        out: &mut Vec<Edit>,
    ) {
        let Some(editing) = &mut self.editing else {
            return;
        };
        let rect_in_board = match editing.target {
            TextTarget::Tool(id) => layout.tool_rect(id),
            TextTarget::Task(id) => session.task(id).and_then(task_rect_in_board),
            TextTarget::Pain(id) => layout.rect_of(NoteRef::Pain(id)),
            TextTarget::FlowLabel(id) => session.flow(id).and_then(|f| {
                let a = layout.tool_rect(f.from)?;
                let b = layout.tool_rect(f.to)?;
                let mid = a.center().lerp(b.center(), 0.5);
                Some(Rect::from_center_size(mid, vec2(220.0, 44.0)))
            }),
        };
        // A new note appears one frame after its creation edit is applied.
        let Some(rect_in_board) = rect_in_board else {
            if editing.fresh {
                return;
            }
            self.editing = None;
            return;
        };
        let rect = self.view.screen_rect(canvas, rect_in_board).shrink(6.0);
        let rect = Rect::from_center_size(rect.center(), vec2(rect.width().max(160.0), 40.0));
        let id = ui.scope_id().with("inline_edit");
        let output = egui::TextEdit::singleline(&mut editing.text)
            .id(id)
            .font(FontId::proportional(20.0))
            .align(egui::Align2::CENTER_CENTER)
            .hint_text(match editing.target {
                TextTarget::FlowLabel(_) => "what passes?",
                _ => "name",
            })
            .show(&mut ui.new_child(egui::UiBuilder::new().max_rect(rect)));
        if editing.fresh {
            output.response.request_focus();
            let mut state = output.state;
            let all = egui::text::CCursorRange::two(
                egui::text::CCursor::new(0),
                egui::text::CCursor::new(editing.text.chars().count()),
            );
            state.cursor.set_char_range(Some(all));
            state.store(ui.ctx(), id);
            editing.fresh = false;
            return;
        }
        if output.response.lost_focus() {
            let cancelled = ui.input(|i| i.key_pressed(Key::Escape));
            if !cancelled {
                let text = editing.text.trim().to_owned();
                out.extend(match editing.target {
                    TextTarget::Tool(id) if session.tool(id).is_some_and(|t| t.name != text) => {
                        Some(Edit::RenameTool { id, name: text })
                    }
                    TextTarget::Task(id) if session.task(id).is_some_and(|t| t.name != text) => {
                        Some(Edit::RenameTask { id, name: text })
                    }
                    TextTarget::FlowLabel(id)
                        if session.flow(id).is_some_and(|f| f.label != text) =>
                    {
                        Some(Edit::SetFlowLabel { id, label: text })
                    }
                    TextTarget::Pain(id) => session
                        .pain_point(id)
                        .filter(|p| p.text != text)
                        .map(|p| Edit::Update(Entity::PainPoint(PainPoint { text, ..p.clone() }))),
                    _ => None,
                });
            }
            self.editing = None;
        }
    }

    pub(super) fn context_menu(
        &mut self,
        response: &Response,
        input: &BoardInput<'_>,
        out: &mut Vec<Edit>,
    ) {
        let (session, author) = (input.session, input.author);
        let target = self.context_target.flatten();
        response.context_menu(|ui| {
            ui.set_min_width(220.0);
            match target {
                Some(Hit::Tasks) => {
                    ui.label("Zoom in (or press 3) to see each task note");
                }
                Some(Hit::Flow(id)) => {
                    if let Some(flow) = session.flow(id) {
                        self.flow_menu_ui(ui, session, author, flow, out);
                    }
                }
                Some(Hit::Note(note)) => {
                    let what = match note {
                        NoteRef::Tool(_) => "tool",
                        NoteRef::Task(_) => "task note",
                        NoteRef::Pain(_) => "pain point",
                    };
                    if let NoteRef::Tool(id) = note
                        && ui.button("Add a pain point to this tool").clicked()
                    {
                        let attached = Attachment::Tool(id);
                        let pos = attached_spot(session, author, attached);
                        self.add_pain(author, attached, pos, out);
                        ui.close();
                    }
                    if let NoteRef::Pain(id) = note
                        && let Some(pain) = session.pain_point(id)
                    {
                        pain_menu_ui(ui, pain, out);
                    }
                    if ui.button(format!("Edit {what} text")).clicked() {
                        let name = note_name(session, note).unwrap_or_default();
                        self.start_rename(note, &name);
                        ui.close();
                    }
                    if let NoteRef::Task(id) = note
                        && ui.button("Take off the board (keep the task)").clicked()
                    {
                        out.push(Edit::SetTaskBoardPos { id, pos: None });
                        ui.close();
                    }
                    if ui.button(format!("Delete {what}  (Del)")).clicked() {
                        if !self.selection.notes.contains(&note) {
                            self.selection = Selection::only(note);
                        }
                        out.extend(self.delete_selection(session));
                        ui.close();
                    }
                }
                Some(Hit::Handle(_)) | None => {
                    let at = self.context_pos_in_board.unwrap_or_default();
                    if ui.button("New tool here").clicked() {
                        let pos = centred_at(at, TOOL_CARD_SIZE);
                        out.push(new_tool_at(pos, author));
                        self.rename_when_created(EntityKind::Tool, NEW_TOOL_NAME);
                        ui.close();
                    }
                    if ui.button("New task note here").clicked() {
                        let pos = centred_at(at, TASK_NOTE_SIZE);
                        out.push(new_task_note_at(pos, author));
                        self.rename_when_created(EntityKind::Task, NEW_TASK_NAME);
                        ui.close();
                    }
                    if ui.button("New pain point here").clicked() {
                        let pos = centred_at(at, PAIN_NOTE_SIZE);
                        self.add_pain(author, Attachment::Free, pos, out);
                        ui.close();
                    }
                }
            }
        });
    }

    /// Add a pain point (free at `pos`, or attached), select it and start
    /// typing its text.
    pub fn add_pain(
        &mut self,
        author: Option<Id>,
        attached: Attachment,
        pos: BoardPos,
        out: &mut Vec<Edit>,
    ) {
        out.push(Edit::Add(Entity::PainPoint(PainPoint {
            id: Id::default(),
            text: NEW_PAIN_TEXT.to_owned(),
            category: PainCategory::Orchestra,
            hours_per_week: None,
            attached,
            pos,
            author,
            reassess: false,
        })));
        self.rename_when_created(EntityKind::PainPoint, NEW_PAIN_TEXT);
    }

    fn flow_menu_ui(
        &mut self,
        ui: &mut Ui,
        session: &Session,
        author: Option<Id>,
        flow: &Flow,
        out: &mut Vec<Edit>,
    ) {
        ui.strong(session.flow_ends(flow));
        ui.horizontal(|ui| {
            for kind in [FlowKind::Designed, FlowKind::Shadow] {
                let label = match kind {
                    FlowKind::Designed => "Designed",
                    FlowKind::Shadow => "⚠ Shadow",
                };
                if ui.selectable_label(flow.kind == kind, label).clicked() && flow.kind != kind {
                    out.push(Edit::SetFlowKind { id: flow.id, kind });
                }
            }
        });
        if flow.kind == FlowKind::Shadow {
            let mut known = flow.share.is_some();
            let mut share = flow.share.unwrap_or(0);
            ui.horizontal(|ui| {
                if ui.checkbox(&mut known, "Share of traffic").changed() {
                    out.push(Edit::SetFlowShare {
                        id: flow.id,
                        share: known.then_some(share),
                    });
                }
                if known
                    && ui
                        .add(egui::Slider::new(&mut share, 0..=Flow::MAX_SHARE).suffix(" %"))
                        .changed()
                {
                    out.push(Edit::SetFlowShare {
                        id: flow.id,
                        share: Some(share),
                    });
                }
            });
        }
        if ui.button("Add a pain point to this flow").clicked() {
            let attached = Attachment::Flow(flow.id);
            let pos = attached_spot(session, author, attached);
            self.add_pain(author, attached, pos, out);
            ui.close();
        }
        if ui.button("Edit label (what passes)").clicked() {
            self.start_label_edit(session, flow.id);
            ui.close();
        }
        if ui.button("Delete flow  (Del)").clicked() {
            out.push(Edit::Remove { id: flow.id });
            ui.close();
        }
    }
}

/// Category switch and detach for a pain point's context menu.
fn pain_menu_ui(ui: &mut Ui, pain: &PainPoint, out: &mut Vec<Edit>) {
    if let Some(category) = category_ui(ui, pain.category) {
        out.push(Edit::Update(Entity::PainPoint(PainPoint {
            category,
            ..pain.clone()
        })));
    }
    if pain.attached != Attachment::Free && ui.button("Detach (free-standing)").clicked() {
        out.push(Edit::Update(Entity::PainPoint(PainPoint {
            attached: Attachment::Free,
            ..pain.clone()
        })));
        ui.close();
    }
}

/// Where a pain point attached from a menu is kept: where the board draws
/// it (the one rule for new notes).
pub(super) fn attached_spot(
    session: &Session,
    author: Option<Id>,
    attached: Attachment,
) -> BoardPos {
    let pain = PainPoint {
        text: NEW_PAIN_TEXT.to_owned(),
        attached,
        author,
        ..PainPoint::default()
    };
    spot_for(session, NewNote::Pain(&pain), None)
}
