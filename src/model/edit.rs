//! Every change to a [`Session`] is an [`Edit`]; [`apply`] performs it and
//! returns the edit that undoes it (helix's transactions, STYLE.md).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::scoring::{SCORE_MAX, SCORE_MIN};
use super::{
    Airlock, Attachment, AutomationCheck, BoardPos, Change, Flow, FlowKind, GridPos, Hideable, Id,
    PainPoint, Participant, Question, ScoreSet, Session, SessionHeader, Task, Tool, UnexpectedWay,
    Vote, VoteError, Zone, check_hours,
};

/// Something with a position on the tool-map board.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoteRef {
    /// A tool card.
    Tool(Id),
    /// A task note that is on the board.
    Task(Id),
    /// A free-standing pain point.
    Pain(Id),
}

/// An entity edited as a whole by [`Edit::Insert`], [`Edit::Update`] and
/// [`Edit::Remove`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Item {
    /// A participant.
    Participant(Participant),
    /// A pain point (Step 2).
    PainPoint(PainPoint),
    /// An airlock (Step 4).
    Airlock(Airlock),
    /// A change (Step 4).
    Change(Change),
}

impl Item {
    /// The item's id.
    pub fn id(&self) -> Id {
        match self {
            Self::Participant(x) => x.id,
            Self::PainPoint(x) => x.id,
            Self::Airlock(x) => x.id,
            Self::Change(x) => x.id,
        }
    }
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
    /// Add a participant, pain point, airlock or change. Fails if its id
    /// is taken, or for a pain point with hours outside 0–168 or attached
    /// to something missing.
    Insert {
        /// Position in its list.
        index: usize,
        /// The new item.
        item: Item,
    },
    /// Replace the participant, pain point, airlock or change with the
    /// item's id (same checks as insert).
    Update(Item),
    /// Remove the participant, pain point, airlock or change with this id.
    Remove {
        /// Its id.
        id: Id,
    },
    /// Replace the zone of the zone's quadrant (Step 4).
    SetZone(Zone),
    /// Set a task's automation check and single-question answer.
    SetTaskLenses {
        /// The task's id.
        id: Id,
        /// The four answers.
        automation: AutomationCheck,
        /// Success / failure, or unanswered.
        unexpected: Option<UnexpectedWay>,
    },
    /// Set one participant's work-model score, 1–10 or `None`.
    SetParticipantScore {
        /// The participant's id.
        id: Id,
        /// Which set.
        set: ScoreSet,
        /// Which question.
        question: Question,
        /// 1–10, or `None`.
        value: Option<u8>,
    },
    /// Credit a note on the board to a participant, or to nobody.
    SetAuthor {
        /// The tool, task or pain point.
        note: NoteRef,
        /// The participant's id, or `None`.
        author: Option<Id>,
    },
    /// Start a dot vote (Dot voting, issue 6), replacing the current one if
    /// any; its dots are kept sorted. Refused when a dot names a missing
    /// participant or a note that is not a candidate, is placed twice, or a
    /// participant has more dots than allowed. The inverse is
    /// [`Edit::EndVote`], or [`Edit::StartVote`] with the vote replaced.
    StartVote(Vote),
    /// End the current vote: it is removed from the session (undo brings it
    /// back with its dots). Refused when no vote is running.
    EndVote,
    /// Put one of a participant's dots on a candidate note (one dot per
    /// participant per note). Refused when no vote is running, for someone
    /// who is not a participant, a note that is not a candidate, a dot
    /// already there, or a participant out of dots.
    PlaceDot {
        /// The participant's id.
        participant: Id,
        /// The task's or pain point's id.
        note: Id,
    },
    /// Take a participant's dot back from a note. Refused when there is no
    /// such dot.
    RemoveDot {
        /// The participant's id.
        participant: Id,
        /// The task's or pain point's id.
        note: Id,
    },
    /// Show (`true`) or hide (`false`) the vote's totals. Refused when no
    /// vote is running.
    RevealVote(bool),
    /// Hide one pain point or one participant's scores from the projector
    /// until revealed (`true`), or reveal it (`false`); issue 11,
    /// [`super::Hidden`]. Hiding something missing is refused.
    SetHidden {
        /// The pain point or the participant's scores.
        what: Hideable,
        /// Hidden until revealed.
        hidden: bool,
    },
    /// Apply the inner edit and hide every pain point it creates until
    /// revealed (Step 2's silent writing from phones, issue 11).
    HideCreated(Box<Edit>),
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
            Self::Update(item) => Some(format!("item {}", item.id().0)),
            Self::SetZone(zone) => Some(format!("zone {:?}", zone.quadrant)),
            Self::SetParticipantScore {
                id, set, question, ..
            } => Some(format!("score {} {set:?} {question:?}", id.0)),
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
    /// A metric value that is not a finite number.
    #[error("a metric value must be a finite number")]
    NotANumber,
    /// Hours per week outside 0–168.
    #[error("{0} hours/week is outside 0–168")]
    Hours(f32),
    /// A pain point attached to a tool or flow that does not exist.
    #[error("a pain point cannot be attached to missing {0}")]
    Unattached(&'static str),
    /// A board position that is not a finite number, or absurdly far away.
    #[error("position ({x}, {y}) is off the board")]
    OffBoard {
        /// Horizontal board units.
        x: f32,
        /// Vertical board units.
        y: f32,
    },
    /// A dot vote edit that breaks a voting rule (see [`VoteError`]).
    #[error(transparent)]
    Vote(#[from] VoteError),
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
            let flow_ids: Vec<Id> = removed_flows.iter().map(|(_, f)| f.id).collect();
            let removed_pains = take_pains(session, |a| {
                a == Attachment::Tool(id)
                    || matches!(a, Attachment::Flow(f) if flow_ids.contains(&f))
            });
            let tool = session.tools.remove(index);
            inverse.push(Edit::InsertTool { index, tool });
            inverse.extend(
                removed_flows
                    .into_iter()
                    .map(|(index, flow)| Edit::InsertFlow { index, flow }),
            );
            inverse.extend(removed_pains);
            inverse.extend(session.take_orphan_dots());
            Ok(single_or_batch(inverse))
        }
        Edit::RenameTool { id, name } => {
            let tool = find_mut(&mut session.tools, id, |t| t.id, "tool")?;
            let old = std::mem::replace(&mut tool.name, name);
            Ok(Edit::RenameTool { id, name: old })
        }
        Edit::InsertFlow { index, flow } => {
            ensure_free(session, flow.id)?;
            check_share(flow.share)?;
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
            let removed_pains = take_pains(session, |a| a == Attachment::Flow(id));
            let flow = session.flows.remove(index);
            let mut inverse = vec![Edit::InsertFlow { index, flow }];
            inverse.extend(removed_pains);
            inverse.extend(session.take_orphan_dots());
            Ok(single_or_batch(inverse))
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
            let mut inverse = vec![Edit::InsertTask { index, task }];
            inverse.extend(session.take_orphan_dots());
            Ok(single_or_batch(inverse))
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
        Edit::Insert { index, item } => {
            ensure_free(session, item.id())?;
            check_item(session, &item)?;
            bump_ids(session, item.id());
            let id = item.id();
            match item {
                Item::Participant(x) => insert_at(&mut session.participants, index, x),
                Item::PainPoint(x) => insert_at(&mut session.pain_points, index, x),
                Item::Airlock(x) => insert_at(&mut session.airlocks, index, x),
                Item::Change(x) => insert_at(&mut session.changes, index, x),
            }
            Ok(Edit::Remove { id })
        }
        Edit::Update(item) => {
            check_item(session, &item)?;
            let id = item.id();
            let old = match item {
                Item::Participant(x) => {
                    Item::Participant(replace(&mut session.participants, x, |p| p.id)?)
                }
                Item::PainPoint(x) => {
                    Item::PainPoint(replace(&mut session.pain_points, x, |p| p.id)?)
                }
                Item::Airlock(x) => Item::Airlock(replace(&mut session.airlocks, x, |a| a.id)?),
                Item::Change(x) => Item::Change(replace(&mut session.changes, x, |c| c.id)?),
            };
            debug_assert_eq!(old.id(), id);
            Ok(Edit::Update(old))
        }
        Edit::Remove { id } => {
            let removed = if let Some(i) = session.participants.iter().position(|x| x.id == id) {
                (i, Item::Participant(session.participants.remove(i)))
            } else if let Some(i) = session.pain_points.iter().position(|x| x.id == id) {
                (i, Item::PainPoint(session.pain_points.remove(i)))
            } else if let Some(i) = session.airlocks.iter().position(|x| x.id == id) {
                (i, Item::Airlock(session.airlocks.remove(i)))
            } else if let Some(i) = session.changes.iter().position(|x| x.id == id) {
                (i, Item::Change(session.changes.remove(i)))
            } else {
                return Err(EditError::Missing { what: "item", id });
            };
            let mut inverse = vec![Edit::Insert {
                index: removed.0,
                item: removed.1,
            }];
            // A participant's dots, or the dots on a pain point, go too.
            inverse.extend(session.take_orphan_dots());
            Ok(single_or_batch(inverse))
        }
        Edit::SetZone(zone) => {
            let slot = session
                .zones
                .iter_mut()
                .find(|z| z.quadrant == zone.quadrant)
                .ok_or(EditError::Missing {
                    what: "zone",
                    id: Id(0),
                })?;
            Ok(Edit::SetZone(std::mem::replace(slot, zone)))
        }
        Edit::SetTaskLenses {
            id,
            automation,
            unexpected,
        } => {
            let task = find_mut(&mut session.tasks, id, |t| t.id, "task")?;
            let old = Edit::SetTaskLenses {
                id,
                automation: std::mem::replace(&mut task.automation, automation),
                unexpected: std::mem::replace(&mut task.unexpected, unexpected),
            };
            Ok(old)
        }
        Edit::SetParticipantScore {
            id,
            set,
            question,
            value,
        } => {
            if let Some(v) = value
                && !(SCORE_MIN..=SCORE_MAX).contains(&v)
            {
                return Err(EditError::Score(v));
            }
            let person = find_mut(&mut session.participants, id, |p| p.id, "participant")?;
            let slot = person.scores.set_mut(set).get_mut(question);
            let old = std::mem::replace(slot, value);
            Ok(Edit::SetParticipantScore {
                id,
                set,
                question,
                value: old,
            })
        }
        Edit::SetAuthor { note, author } => {
            let slot = match note {
                NoteRef::Tool(id) => {
                    &mut find_mut(&mut session.tools, id, |t| t.id, "tool")?.author
                }
                NoteRef::Task(id) => {
                    &mut find_mut(&mut session.tasks, id, |t| t.id, "task")?.author
                }
                NoteRef::Pain(id) => {
                    &mut find_mut(&mut session.pain_points, id, |p| p.id, "pain point")?.author
                }
            };
            let old = std::mem::replace(slot, author);
            Ok(Edit::SetAuthor { note, author: old })
        }
        Edit::StartVote(vote) => Ok(session.start_vote(vote)?),
        Edit::EndVote => {
            let old = session.vote.take().ok_or(VoteError::NotStarted)?;
            Ok(Edit::StartVote(old))
        }
        Edit::PlaceDot { participant, note } => Ok(session.place_dot(participant, note)?),
        Edit::RemoveDot { participant, note } => Ok(session.remove_dot(participant, note)?),
        Edit::RevealVote(revealed) => {
            let vote = session.vote.as_mut().ok_or(VoteError::NotStarted)?;
            Ok(Edit::RevealVote(vote.set_revealed(revealed)))
        }
        Edit::SetHidden { what, hidden } => super::reveal::set_hidden(session, what, hidden),
        Edit::HideCreated(inner) => super::reveal::hide_created(session, *inner),
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

/// Remove the pain points whose attachment matches; returns the edits that
/// put them back (ascending index order).
fn take_pains(session: &mut Session, matches: impl Fn(Attachment) -> bool) -> Vec<Edit> {
    let mut back = Vec::new();
    let mut i = 0;
    session.pain_points.retain(|p| {
        let keep = !matches(p.attached);
        if !keep {
            back.push(Edit::Insert {
                index: i,
                item: Item::PainPoint(p.clone()),
            });
        }
        i += 1;
        keep
    });
    back
}

fn insert_at<T>(items: &mut Vec<T>, index: usize, item: T) {
    let index = index.min(items.len());
    items.insert(index, item);
}

fn replace<T>(items: &mut [T], new: T, id_of: impl Fn(&T) -> Id) -> Result<T, EditError> {
    let id = id_of(&new);
    let slot = items
        .iter_mut()
        .find(|x| id_of(x) == id)
        .ok_or(EditError::Missing { what: "item", id })?;
    Ok(std::mem::replace(slot, new))
}

/// Checks an item must pass before it enters the session.
fn check_item(session: &Session, item: &Item) -> Result<(), EditError> {
    match item {
        Item::PainPoint(pain) => {
            if let Some(h) = pain.hours_per_week {
                check_hours(h).map_err(|_| EditError::Hours(h))?;
            }
            check_pos(pain.pos)?;
            match pain.attached {
                Attachment::Free => Ok(()),
                Attachment::Tool(id) if session.tool(id).is_none() => {
                    Err(EditError::Unattached("tool"))
                }
                Attachment::Flow(id) if session.flow(id).is_none() => {
                    Err(EditError::Unattached("flow"))
                }
                Attachment::Tool(_) | Attachment::Flow(_) => Ok(()),
            }
        }
        Item::Participant(p) => {
            for set in ScoreSet::ALL {
                for q in Question::ALL {
                    if let Some(v) = p.scores.set(set).get(q)
                        && !(SCORE_MIN..=SCORE_MAX).contains(&v)
                    {
                        return Err(EditError::Score(v));
                    }
                }
            }
            Ok(())
        }
        Item::Change(change) => {
            for value in [change.baseline, change.target_value].into_iter().flatten() {
                if !value.is_finite() {
                    return Err(EditError::NotANumber);
                }
            }
            Ok(())
        }
        Item::Airlock(_) => Ok(()),
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
    if session.all_ids().any(|(_, taken)| taken == id) {
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
        NoteRef::Pain(id) => session
            .pain_point(id)
            .map(|p| p.pos)
            .ok_or(EditError::Missing {
                what: "pain point",
                id,
            }),
    }
}

fn note_pos_mut(session: &mut Session, note: NoteRef) -> Result<&mut BoardPos, EditError> {
    match note {
        NoteRef::Tool(id) => Ok(&mut find_mut(&mut session.tools, id, |t| t.id, "tool")?.pos),
        NoteRef::Task(id) => find_mut(&mut session.tasks, id, |t| t.id, "task")?
            .board_pos
            .as_mut()
            .ok_or(EditError::NotOnBoard(id)),
        NoteRef::Pain(id) => {
            Ok(&mut find_mut(&mut session.pain_points, id, |p| p.id, "pain point")?.pos)
        }
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
            author: None,
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
