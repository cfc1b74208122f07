//! Every change to a [`Session`] is an [`Edit`]; [`apply`](super::apply)
//! performs it and returns the edit that undoes it (helix's transactions,
//! STYLE.md), with the ids of the entities it created.
//!
//! Entities (tools, flows, tasks, participants, pain points, airlocks,
//! changes) are added, put back, replaced and removed in one style:
//! [`Edit::Add`], [`Edit::Insert`], [`Edit::Update`], [`Edit::Remove`].
//! New entities get their id from the model when the edit is applied,
//! never from the view (or phone) that asked for them, so several adds in
//! one frame, from several sources, all land.

use serde::{Deserialize, Serialize};
use thiserror::Error;

#[cfg(doc)]
use super::Session;
use super::{
    AutomationCheck, BoardPos, Entity, EntityKind, FlowKind, GridPos, Hideable, Id, Quadrant,
    Question, ScoreSet, SessionHeader, UnexpectedWay, Vote, VoteError, Zone,
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

impl NoteRef {
    /// The note's entity id.
    pub fn id(self) -> Id {
        match self {
            Self::Tool(id) | Self::Task(id) | Self::Pain(id) => id,
        }
    }

    /// The note of a created entity: tools, tasks and pain points are
    /// notes; `None` for the other kinds.
    pub fn of(kind: EntityKind, id: Id) -> Option<Self> {
        match kind {
            EntityKind::Tool => Some(Self::Tool(id)),
            EntityKind::Task => Some(Self::Task(id)),
            EntityKind::PainPoint => Some(Self::Pain(id)),
            EntityKind::Flow
            | EntityKind::Participant
            | EntityKind::Airlock
            | EntityKind::Change => None,
        }
    }
}

/// One change to a session. Positions are board units; `index` fields say
/// where in the list an entity is put back and are clamped to the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// A new entity, appended to its list. Applying it allocates a fresh
    /// id (never used in the session, not even by something since
    /// deleted); whatever id the entity carries is ignored (views and
    /// phones put `Id::default()`). Refused when the entity breaks a rule
    /// (see [`EditError`]): a flow between missing or equal tools, a share
    /// over 100 %, hours outside 0–168, a score outside 1–10, a position
    /// off the board, a pain point on a missing tool or flow, a metric
    /// that is not a number, a text over
    /// [`MAX_TEXT_CHARS`](super::MAX_TEXT_CHARS). Its texts are cleaned
    /// ([`clean_text`](super::clean_text)) and a task's grid position
    /// clamped to −1..1. Inverse: [`Edit::Remove`] of the allocated id.
    Add(Entity),
    /// Put an entity back with its own id at `index` of its list (the
    /// inverse of [`Edit::Remove`]: undo, redo, tests). Refused when the
    /// id is taken, and for the rules of [`Edit::Add`].
    Insert {
        /// Position in the entity's list.
        index: usize,
        /// The entity, with its id.
        entity: Entity,
    },
    /// Replace the entity with the same id and kind (the rules of
    /// [`Edit::Add`]).
    Update(Entity),
    /// Remove the entity with this id, whatever its kind: a tool takes the
    /// flows that touch it with it, a tool or flow the pain points on it,
    /// and dots of the vote on removed notes or by a removed participant
    /// go too (undo puts everything back).
    Remove {
        /// Its id.
        id: Id,
    },
    /// Rename a tool.
    RenameTool {
        /// The tool's id.
        id: Id,
        /// The new name (cleaned, at most `MAX_TEXT_CHARS`).
        name: String,
    },
    /// Change what passes along a flow.
    SetFlowLabel {
        /// The flow's id.
        id: Id,
        /// What passes (cleaned, at most `MAX_TEXT_CHARS`).
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
    /// Rename a task.
    RenameTask {
        /// The task's id.
        id: Id,
        /// The new name (cleaned, at most `MAX_TEXT_CHARS`).
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
    /// Replace the session header (its texts cleaned).
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
    /// Replace the zone of the zone's quadrant (Step 4). Refused with
    /// [`EditError::NoZone`] when the session has no zone for it.
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
    /// Several edits as one undo step, applied in order; all or nothing.
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
            Self::Update(entity) => Some(format!("item {}", entity.id().0)),
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

    /// Push the ids of the entities this edit names (tools, flows, tasks,
    /// pain points, participants, airlocks, changes) onto `out`, in order,
    /// possibly more than once. An [`Edit::Add`] names none (its id is
    /// given when it is applied; its inverse names it), nor do the edits of
    /// the session as a whole (header, team scores, zones, the vote). The
    /// inverse of an applied edit names everything it changed, including
    /// what a removal took with it: views that follow a session by
    /// increments (the room's phones) redraw just those.
    pub fn ids(&self, out: &mut Vec<Id>) {
        match self {
            Self::Add(_)
            | Self::SetHeader(_)
            | Self::SetScore { .. }
            | Self::SetZone(_)
            | Self::StartVote(_)
            | Self::EndVote
            | Self::RevealVote(_) => {}
            Self::Insert { entity, .. } | Self::Update(entity) => out.push(entity.id()),
            Self::Remove { id }
            | Self::RenameTool { id, .. }
            | Self::SetFlowLabel { id, .. }
            | Self::SetFlowKind { id, .. }
            | Self::SetFlowShare { id, .. }
            | Self::RenameTask { id, .. }
            | Self::SetTaskBoardPos { id, .. }
            | Self::PlaceTask { id, .. }
            | Self::SetTaskLenses { id, .. }
            | Self::SetParticipantScore { id, .. } => out.push(*id),
            Self::MoveNotes { moves } => out.extend(moves.iter().map(|(note, _)| note.id())),
            Self::SetAuthor { note, .. } => out.push(note.id()),
            Self::PlaceDot { participant, note } | Self::RemoveDot { participant, note } => {
                out.extend([*participant, *note]);
            }
            Self::SetHidden { what, .. } => out.push(match what {
                super::Hideable::PainPoint(id) | super::Hideable::Scores(id) => *id,
            }),
            Self::HideCreated(inner) => inner.ids(out),
            Self::Batch(edits) => edits.iter().for_each(|e| e.ids(out)),
        }
    }
}

/// What applying an edit did.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The edit that undoes it.
    pub inverse: Edit,
    /// The entities the edit created ([`Edit::Add`], also inside a batch),
    /// in order, with the ids the model gave them.
    pub created: Vec<(EntityKind, Id)>,
}

/// Why an edit could not be applied. The session is left unchanged.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum EditError {
    /// The edit names an entity that is not in the session.
    #[error("no {what} with id {id}")]
    Missing {
        /// "tool", "flow", "task", … or "entity" for any kind.
        what: &'static str,
        /// The id looked for.
        id: Id,
    },
    /// An insert reuses an id already present.
    #[error("id {0} is already used")]
    DuplicateId(Id),
    /// An update that would change an entity's kind.
    #[error("{id} is a {is}, not a {not}")]
    WrongKind {
        /// The entity's id.
        id: Id,
        /// What it is.
        is: &'static str,
        /// What the update said it was.
        not: &'static str,
    },
    /// The session has no zone for this quadrant (Step 4).
    #[error("there is no zone for {}", .0.title())]
    NoZone(Quadrant),
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
    /// A text longer than [`MAX_TEXT_CHARS`](super::MAX_TEXT_CHARS).
    #[error("the {field} is {chars} characters long; at most {max} are allowed", max = super::MAX_TEXT_CHARS)]
    TooLong {
        /// Which text, e.g. "name".
        field: &'static str,
        /// Its length in characters.
        chars: usize,
    },
    /// A dot vote edit that breaks a voting rule (see [`VoteError`]).
    #[error(transparent)]
    Vote(#[from] VoteError),
}
