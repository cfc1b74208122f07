//! Every change to a [`Session`] is an [`Edit`]; [`apply`] performs it and
//! returns the edit that undoes it (helix's transactions, STYLE.md).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::scoring::{SCORE_MAX, SCORE_MIN};
use super::{
    BoardPos, Flow, FlowKind, GridPos, Id, Question, ScoreSet, Session, SessionHeader, Task, Tool,
};

/// Something with a position on the tool-map board.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoteRef {
    /// A tool card.
    Tool(Id),
    /// A task note that is on the board.
    Task(Id),
}

/// One change to a session. Positions are board units; `index` fields say
/// where in the list an entity is (re)inserted and are clamped to the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Add a tool (Step 1). Fails if its id is taken.
    InsertTool {
        /// Position in `Session::tools`.
        index: usize,
        /// The new tool.
        tool: Tool,
    },
    /// Remove a tool and every flow that touches it.
    RemoveTool {
        /// The tool's id.
        id: Id,
    },
    /// Rename a tool.
    RenameTool {
        /// The tool's id.
        id: Id,
        /// The new name.
        name: String,
    },
    /// Add a flow between two existing, distinct tools.
    InsertFlow {
        /// Position in `Session::flows`.
        index: usize,
        /// The new flow.
        flow: Flow,
    },
    /// Remove a flow.
    RemoveFlow {
        /// The flow's id.
        id: Id,
    },
    /// Change what passes along a flow.
    SetFlowLabel {
        /// The flow's id.
        id: Id,
        /// What passes.
        label: String,
    },
    /// Make a flow designed or shadow.
    SetFlowKind {
        /// The flow's id.
        id: Id,
        /// The new kind.
        kind: FlowKind,
    },
    /// Set the share of traffic a shadow flow diverts, percent 0–100.
    SetFlowShare {
        /// The flow's id.
        id: Id,
        /// 0–100, or `None` for unknown.
        share: Option<u8>,
    },
    /// Add a task note (Step 3).
    InsertTask {
        /// Position in `Session::tasks`.
        index: usize,
        /// The new task.
        task: Task,
    },
    /// Remove a task.
    RemoveTask {
        /// The task's id.
        id: Id,
    },
    /// Rename a task.
    RenameTask {
        /// The task's id.
        id: Id,
        /// The new name.
        name: String,
    },
    /// Put a task note on the board at a position, or take it off (`None`).
    SetTaskBoardPos {
        /// The task's id.
        id: Id,
        /// Top-left corner in board units, or `None`.
        pos: Option<BoardPos>,
    },
    /// Move notes already on the board to absolute positions.
    MoveNotes {
        /// Each note and its new top-left corner, board units.
        moves: Vec<(NoteRef, BoardPos)>,
    },
    /// Drop a task on the typology grid (clamped to −1..1), or send it back
    /// to the tray (`None`).
    PlaceTask {
        /// The task's id.
        id: Id,
        /// Where it lands on the grid.
        grid: Option<GridPos>,
    },
    /// Replace the session header.
    SetHeader(SessionHeader),
    /// Set one team-consensus work-model score, 1–10 or `None` (unscored).
    SetScore {
        /// Which set.
        set: ScoreSet,
        /// Which question.
        question: Question,
        /// 1–10, or `None`.
        value: Option<u8>,
    },
    /// Several edits as one undo step, applied in order.
    Batch(Vec<Edit>),
}

impl Edit {
    /// Edits with the same key may be merged into one undo step while a
    /// gesture lasts (a slider drag, typing into one header field).
    pub fn merge_key(&self) -> Option<String> {
        match self {
            Self::SetHeader(_) => Some("header".to_owned()),
            Self::SetScore { set, question, .. } => Some(format!("score {set:?} {question:?}")),
            Self::SetFlowShare { id, .. } => Some(format!("share {}", id.0)),
            _ => None,
        }
    }

    /// Whether applying this changes nothing (an empty batch).
    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Batch(edits) if edits.iter().all(Edit::is_empty))
    }
}

/// Why an edit could not be applied. The session is left unchanged.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum EditError {
    /// The edit names an entity that is not in the session.
    #[error("no {what} with id {id}")]
    Missing {
        /// "tool", "flow" or "task".
        what: &'static str,
        /// The id looked for.
        id: Id,
    },
    /// An insert reuses an id already present.
    #[error("id {0} is already used")]
    DuplicateId(Id),
    /// A flow from a tool to itself.
    #[error("a flow needs two different tools")]
    SelfFlow,
    /// A share outside 0–100 %.
    #[error("share {0} % is outside 0–100")]
    Share(u8),
    /// A work-model score outside 1–10.
    #[error("score {0} is outside 1–10")]
    Score(u8),
    /// A task note moved on the board while it is not on it.
    #[error("task {0} is not on the board")]
    NotOnBoard(Id),
    /// A board position that is not a finite number, or absurdly far away.
    #[error("position ({x}, {y}) is off the board")]
    OffBoard {
        /// Horizontal board units.
        x: f32,
        /// Vertical board units.
        y: f32,
    },
}

/// Apply `edit` to `session` and return the edit that undoes it.
///
/// On error the session is unchanged (a failing batch is rolled back).
/// Applying the returned inverse gives back a session with the same content
/// ([`Session::same_content`]); only the id counter stays advanced.
pub fn apply(session: &mut Session, edit: Edit) -> Result<Edit, EditError> {
    match edit {
        Edit::InsertTool { index, tool } => {
            ensure_free(session, tool.id)?;
            check_pos(tool.pos)?;
            bump_ids(session, tool.id);
            let id = tool.id;
            let index = index.min(session.tools.len());
            session.tools.insert(index, tool);
            Ok(Edit::RemoveTool { id })
        }
        Edit::RemoveTool { id } => {
            let index = position(&session.tools, id, |t| t.id, "tool")?;
            // Flows touching the tool go first; the inverse re-inserts the
            // tool first, then its flows at their old places (ascending).
            let mut inverse = Vec::new();
            let mut i = 0;
            let mut removed_flows = Vec::new();
            session.flows.retain(|f| {
                let keep = f.from != id && f.to != id;
                if !keep {
                    removed_flows.push((i, f.clone()));
                }
                i += 1;
                keep
            });
            let tool = session.tools.remove(index);
            inverse.push(Edit::InsertTool { index, tool });
            inverse.extend(
                removed_flows
                    .into_iter()
                    .map(|(index, flow)| Edit::InsertFlow { index, flow }),
            );
            Ok(single_or_batch(inverse))
        }
        Edit::RenameTool { id, name } => {
            let tool = find_mut(&mut session.tools, id, |t| t.id, "tool")?;
            let old = std::mem::replace(&mut tool.name, name);
            Ok(Edit::RenameTool { id, name: old })
        }
        Edit::InsertFlow { index, flow } => {
            ensure_free(session, flow.id)?;
            if flow.from == flow.to {
                return Err(EditError::SelfFlow);
            }
            for end in [flow.from, flow.to] {
                if session.tool(end).is_none() {
                    return Err(EditError::Missing {
                        what: "tool",
                        id: end,
                    });
                }
            }
            check_share(flow.share)?;
            bump_ids(session, flow.id);
            let id = flow.id;
            let index = index.min(session.flows.len());
            session.flows.insert(index, flow);
            Ok(Edit::RemoveFlow { id })
        }
        Edit::RemoveFlow { id } => {
            let index = position(&session.flows, id, |f| f.id, "flow")?;
            let flow = session.flows.remove(index);
            Ok(Edit::InsertFlow { index, flow })
        }
        Edit::SetFlowLabel { id, label } => {
            let flow = find_mut(&mut session.flows, id, |f| f.id, "flow")?;
            let old = std::mem::replace(&mut flow.label, label);
            Ok(Edit::SetFlowLabel { id, label: old })
        }
        Edit::SetFlowKind { id, kind } => {
            let flow = find_mut(&mut session.flows, id, |f| f.id, "flow")?;
            let old = std::mem::replace(&mut flow.kind, kind);
            Ok(Edit::SetFlowKind { id, kind: old })
        }
        Edit::SetFlowShare { id, share } => {
            check_share(share)?;
            let flow = find_mut(&mut session.flows, id, |f| f.id, "flow")?;
            let old = std::mem::replace(&mut flow.share, share);
            Ok(Edit::SetFlowShare { id, share: old })
        }
        Edit::InsertTask { index, task } => {
            ensure_free(session, task.id)?;
            if let Some(pos) = task.board_pos {
                check_pos(pos)?;
            }
            bump_ids(session, task.id);
            let id = task.id;
            let index = index.min(session.tasks.len());
            session.tasks.insert(index, task);
            Ok(Edit::RemoveTask { id })
        }
        Edit::RemoveTask { id } => {
            let index = position(&session.tasks, id, |t| t.id, "task")?;
            let task = session.tasks.remove(index);
            Ok(Edit::InsertTask { index, task })
        }
        Edit::RenameTask { id, name } => {
            let task = find_mut(&mut session.tasks, id, |t| t.id, "task")?;
            let old = std::mem::replace(&mut task.name, name);
            Ok(Edit::RenameTask { id, name: old })
        }
        Edit::SetTaskBoardPos { id, pos } => {
            if let Some(pos) = pos {
                check_pos(pos)?;
            }
            let task = find_mut(&mut session.tasks, id, |t| t.id, "task")?;
            let old = std::mem::replace(&mut task.board_pos, pos);
            Ok(Edit::SetTaskBoardPos { id, pos: old })
        }
        Edit::MoveNotes { moves } => {
            // Validate all first so a bad entry changes nothing.
            for (note, pos) in &moves {
                note_pos(session, *note)?;
                check_pos(*pos)?;
            }
            let mut old = Vec::with_capacity(moves.len());
            for (note, pos) in moves {
                let slot = note_pos_mut(session, note)?;
                old.push((note, std::mem::replace(slot, pos)));
            }
            // Undo in reverse, so a note listed twice ends where it began.
            old.reverse();
            Ok(Edit::MoveNotes { moves: old })
        }
        Edit::PlaceTask { id, grid } => {
            let task = find_mut(&mut session.tasks, id, |t| t.id, "task")?;
            let grid = grid.map(|g| GridPos::new(g.predictability, g.stakes));
            let old = std::mem::replace(&mut task.grid, grid);
            Ok(Edit::PlaceTask { id, grid: old })
        }
        Edit::SetHeader(header) => Ok(Edit::SetHeader(std::mem::replace(
            &mut session.header,
            header,
        ))),
        Edit::SetScore {
            set,
            question,
            value,
        } => {
            if let Some(v) = value
                && !(SCORE_MIN..=SCORE_MAX).contains(&v)
            {
                return Err(EditError::Score(v));
            }
            let slot = session.scores.set_mut(set).get_mut(question);
            let old = std::mem::replace(slot, value);
            Ok(Edit::SetScore {
                set,
                question,
                value: old,
            })
        }
        Edit::Batch(edits) => {
            let next_id = session.next_id;
            let mut inverses = Vec::with_capacity(edits.len());
            for edit in edits {
                match apply(session, edit) {
                    Ok(inverse) => inverses.push(inverse),
                    Err(err) => {
                        // Roll back what was applied, newest first. Inverses
                        // of applied edits always apply.
                        for inverse in inverses.into_iter().rev() {
                            let _rolled_back = apply(session, inverse);
                        }
                        session.next_id = next_id;
                        return Err(err);
                    }
                }
            }
            inverses.reverse();
            Ok(Edit::Batch(inverses))
        }
    }
}

fn single_or_batch(mut edits: Vec<Edit>) -> Edit {
    if edits.len() == 1
        && let Some(edit) = edits.pop()
    {
        return edit;
    }
    Edit::Batch(edits)
}

fn ensure_free(session: &Session, id: Id) -> Result<(), EditError> {
    let taken =
        session.tool(id).is_some() || session.flow(id).is_some() || session.task(id).is_some();
    if taken {
        Err(EditError::DuplicateId(id))
    } else {
        Ok(())
    }
}

fn bump_ids(session: &mut Session, id: Id) {
    session.next_id = session.next_id.max(id.0.saturating_add(1));
}

/// Largest board coordinate accepted, board units (far beyond any real board).
pub const MAX_BOARD_COORD: f32 = 1.0e6;

fn check_pos(pos: BoardPos) -> Result<(), EditError> {
    let ok = |v: f32| v.is_finite() && v.abs() <= MAX_BOARD_COORD;
    if ok(pos.x) && ok(pos.y) {
        Ok(())
    } else {
        Err(EditError::OffBoard { x: pos.x, y: pos.y })
    }
}

fn check_share(share: Option<u8>) -> Result<(), EditError> {
    match share {
        Some(s) if s > 100 => Err(EditError::Share(s)),
        _ => Ok(()),
    }
}

fn position<T>(
    items: &[T],
    id: Id,
    id_of: impl Fn(&T) -> Id,
    what: &'static str,
) -> Result<usize, EditError> {
    items
        .iter()
        .position(|x| id_of(x) == id)
        .ok_or(EditError::Missing { what, id })
}

fn find_mut<'a, T>(
    items: &'a mut [T],
    id: Id,
    id_of: impl Fn(&T) -> Id,
    what: &'static str,
) -> Result<&'a mut T, EditError> {
    items
        .iter_mut()
        .find(|x| id_of(x) == id)
        .ok_or(EditError::Missing { what, id })
}

fn note_pos(session: &Session, note: NoteRef) -> Result<BoardPos, EditError> {
    match note {
        NoteRef::Tool(id) => session
            .tool(id)
            .map(|t| t.pos)
            .ok_or(EditError::Missing { what: "tool", id }),
        NoteRef::Task(id) => session
            .task(id)
            .ok_or(EditError::Missing { what: "task", id })?
            .board_pos
            .ok_or(EditError::NotOnBoard(id)),
    }
}

fn note_pos_mut(session: &mut Session, note: NoteRef) -> Result<&mut BoardPos, EditError> {
    match note {
        NoteRef::Tool(id) => Ok(&mut find_mut(&mut session.tools, id, |t| t.id, "tool")?.pos),
        NoteRef::Task(id) => find_mut(&mut session.tasks, id, |t| t.id, "task")?
            .board_pos
            .as_mut()
            .ok_or(EditError::NotOnBoard(id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tool(id: u64, name: &str) -> Tool {
        Tool {
            id: Id(id),
            name: name.to_owned(),
            pos: BoardPos::new(id as f32 * 200.0, 0.0),
        }
    }

    fn two_tools_and_a_flow() -> Session {
        let mut s = Session::default();
        for edit in [
            Edit::InsertTool {
                index: 0,
                tool: tool(1, "Asana"),
            },
            Edit::InsertTool {
                index: 1,
                tool: tool(2, "Slack"),
            },
            Edit::InsertFlow {
                index: 0,
                flow: Flow {
                    id: Id(3),
                    from: Id(1),
                    to: Id(2),
                    label: "task updates".into(),
                    kind: FlowKind::Designed,
                    share: None,
                },
            },
        ] {
            apply(&mut s, edit).unwrap();
        }
        s
    }

    #[test]
    fn removing_a_tool_removes_its_flows_and_undo_restores_both() {
        let mut s = two_tools_and_a_flow();
        let before = s.clone();
        let inverse = apply(&mut s, Edit::RemoveTool { id: Id(1) }).unwrap();
        assert_eq!(s.tools.len(), 1);
        assert!(s.flows.is_empty());
        apply(&mut s, inverse).unwrap();
        assert_eq!(s, before);
    }

    #[test]
    fn ids_are_not_reused_after_undo() {
        let mut s = two_tools_and_a_flow();
        assert_eq!(s.peek_id(0), Id(4));
        let inverse = apply(
            &mut s,
            Edit::InsertTool {
                index: 9,
                tool: tool(4, "GitHub"),
            },
        )
        .unwrap();
        apply(&mut s, inverse).unwrap();
        assert_eq!(s.peek_id(0), Id(5));
    }

    #[test]
    fn bad_edits_are_refused_and_change_nothing() {
        let mut s = two_tools_and_a_flow();
        let before = s.clone();
        let self_flow = Flow {
            id: Id(9),
            from: Id(1),
            to: Id(1),
            label: String::new(),
            kind: FlowKind::Shadow,
            share: None,
        };
        assert_eq!(
            apply(
                &mut s,
                Edit::InsertFlow {
                    index: 0,
                    flow: self_flow
                }
            ),
            Err(EditError::SelfFlow)
        );
        assert_eq!(
            apply(
                &mut s,
                Edit::SetFlowShare {
                    id: Id(3),
                    share: Some(101)
                }
            ),
            Err(EditError::Share(101))
        );
        assert_eq!(
            apply(
                &mut s,
                Edit::SetScore {
                    set: ScoreSet::AsRun,
                    question: Question::Output,
                    value: Some(11)
                }
            ),
            Err(EditError::Score(11))
        );
        // A batch failing half-way is rolled back.
        let batch = Edit::Batch(vec![
            Edit::RenameTool {
                id: Id(1),
                name: "Jira".into(),
            },
            Edit::RemoveTask { id: Id(77) },
        ]);
        assert!(apply(&mut s, batch).is_err());
        assert_eq!(s, before);
    }

    #[test]
    fn moving_notes_is_undone_exactly() {
        let mut s = two_tools_and_a_flow();
        let before = s.clone();
        let inverse = apply(
            &mut s,
            Edit::MoveNotes {
                moves: vec![
                    (NoteRef::Tool(Id(1)), BoardPos::new(0.1, 0.2)),
                    (NoteRef::Tool(Id(2)), BoardPos::new(-5.0, 3.3)),
                ],
            },
        )
        .unwrap();
        assert_eq!(s.tool(Id(2)).unwrap().pos, BoardPos::new(-5.0, 3.3));
        apply(&mut s, inverse).unwrap();
        assert_eq!(s, before);
    }
}
