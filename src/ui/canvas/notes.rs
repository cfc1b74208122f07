//! New notes and what every gesture asks of a note: its name, its place
//! in a multi-note edit, where it goes when moved.

use egui::Vec2;

use crate::model::{BoardPos, Edit, Entity, Id, NoteRef, Session, Task, Tool};

/// Text of a new pain point until it is typed.
pub const NEW_PAIN_TEXT: &str = "What hurts?";

/// Name of a new tool until it is renamed.
pub const NEW_TOOL_NAME: &str = "New tool";
/// Name of a new task until it is renamed.
pub const NEW_TASK_NAME: &str = "New task";

/// The edit that adds a tool card at `pos` (the model gives it its id).
pub fn new_tool_at(pos: BoardPos, author: Option<Id>) -> Edit {
    Edit::Add(Entity::Tool(Tool {
        id: Id::default(),
        name: NEW_TOOL_NAME.to_owned(),
        pos,
        author,
    }))
}

/// The edit that adds a task note on the board at `pos` (the model gives
/// it its id).
pub fn new_task_note_at(pos: BoardPos, author: Option<Id>) -> Edit {
    Edit::Add(Entity::Task(Task {
        id: Id::default(),
        name: NEW_TASK_NAME.to_owned(),
        board_pos: Some(pos),
        grid: None,
        author,
        ..Task::default()
    }))
}

/// A note's name (tool, task) or text (pain point).
pub(super) fn note_name(session: &Session, note: NoteRef) -> Option<String> {
    match note {
        NoteRef::Tool(id) => session.tool(id).map(|t| t.name.clone()),
        NoteRef::Task(id) => session.task(id).map(|t| t.name.clone()),
        NoteRef::Pain(id) => session.pain_point(id).map(|p| p.text.clone()),
    }
}

/// The order in which notes are removed or moved together: pain points,
/// then tasks, then tools (removing a tool removes its pain points).
pub(super) fn note_order(note: &NoteRef) -> (u8, Id) {
    match *note {
        NoteRef::Pain(id) => (0, id),
        NoteRef::Task(id) => (1, id),
        NoteRef::Tool(id) => (2, id),
    }
}

/// Each note's new top-left corner after moving by `delta` (board units);
/// notes not on the board are left out.
pub(super) fn moves_by(
    session: &Session,
    notes: &[NoteRef],
    delta: Vec2,
) -> Vec<(NoteRef, BoardPos)> {
    notes
        .iter()
        .filter_map(|&note| {
            let pos = match note {
                NoteRef::Tool(id) => session.tool(id)?.pos,
                NoteRef::Task(id) => session.task(id)?.board_pos?,
                NoteRef::Pain(id) => session.pain_point(id)?.pos,
            };
            Some((note, BoardPos::new(pos.x + delta.x, pos.y + delta.y)))
        })
        .collect()
}
