//! Phone actions → session edits: the one place that knows how the room's
//! messages become [`Edit`]s (and so the one file to touch when the Edit
//! API changes). Every edit is credited to the participant who sent it:
//! tools, tasks and pain points carry them as author, scores and dots are
//! theirs. New entities are [`Edit::Add`]: the model gives them their ids
//! when the edit is applied on the app's thread, so no two sources can take
//! the same one; [`Translated::done`] then records which id it was.

use crate::model::{
    Attachment, AutomationCheck, Edit, Entity, EntityKind, Flow, FlowKind, GridPos, Hideable, Id,
    PainPoint, Participant, Question, ScoreSet, Session, Task, Tool, UnexpectedWay,
    WorkModelScores,
};

use super::protocol::{Action, On};
use crate::geometry::new_note::{NewNote, spot_for};

/// What one applied phone action did, kept per participant so that the
/// facilitator can undo everything a participant did.
#[derive(Clone, Debug, PartialEq)]
pub enum Done {
    /// Created an entity (a tool, flow, pain point or task).
    Created(EntityKind, Id),
    /// Set one of their own scores from `before` to `after`.
    Scored {
        /// Which set.
        set: ScoreSet,
        /// Which question.
        question: Question,
        /// The score before.
        before: Option<u8>,
        /// The score set.
        after: Option<u8>,
    },
    /// Placed (`true`) or took back a dot.
    Dot {
        /// The note.
        note: Id,
        /// Placed or taken back.
        placed: bool,
    },
    /// Moved a task on the typology grid.
    Placed {
        /// The task.
        task: Id,
        /// Where it was.
        before: Option<GridPos>,
        /// Where they put it.
        after: Option<GridPos>,
    },
    /// Changed a task's lenses (automation check or single question).
    Lenses {
        /// The task.
        task: Id,
        /// The lenses before.
        before: (AutomationCheck, Option<UnexpectedWay>),
        /// The lenses as they set them.
        after: (AutomationCheck, Option<UnexpectedWay>),
    },
}

/// A phone action as an edit, with what it does.
#[derive(Clone, Debug, PartialEq)]
pub struct Translated {
    /// The edit to apply (one undo step).
    pub edit: Edit,
    /// What it does, for "undo everything this participant did".
    effect: Effect,
}

/// What a translated action does, before it is applied.
#[derive(Clone, Debug, PartialEq)]
enum Effect {
    /// Creates an entity of this kind (its id comes from the model).
    Creates(EntityKind),
    /// Anything else.
    Does(Done),
}

impl Translated {
    /// What the action did, once applied: `created` is what applying
    /// [`Self::edit`] created (as [`crate::model::Applied::created`]).
    /// `None` for a creation whose entity is not among them.
    pub fn done(&self, created: &[(EntityKind, Id)]) -> Option<Done> {
        match &self.effect {
            Effect::Creates(kind) => created
                .iter()
                .find(|(k, _)| k == kind)
                .map(|&(kind, id)| Done::Created(kind, id)),
            Effect::Does(done) => Some(done.clone()),
        }
    }
}

/// The edit that adds participant `name` (already checked and cleaned);
/// the model gives them their id when it is applied.
pub fn join_edit(session: &Session, name: &str) -> Edit {
    Edit::Add(Entity::Participant(Participant {
        id: Id::default(),
        name: name.to_owned(),
        colour: session.next_participant_colour(),
        scores: WorkModelScores::default(),
    }))
}

/// The participant of `session` called `name`, ignoring case and
/// surrounding space.
pub fn participant_named(session: &Session, name: &str) -> Option<Id> {
    let wanted = name.trim().to_lowercase();
    session
        .participants
        .iter()
        .find(|p| p.name.trim().to_lowercase() == wanted)
        .map(|p| p.id)
}

/// Why a phone's action cannot become an edit of the session as it is
/// now; the text is what the phone is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    /// The participant was deleted from the session meanwhile.
    #[error("you are no longer a participant of this session")]
    NotAParticipant,
    /// A flow's tool is gone.
    #[error("there is no tool {0} any more")]
    NoTool(Id),
    /// The tool or flow a pain point was for is gone.
    #[error("{0} is no longer on the board")]
    Gone(Id),
    /// The task is gone.
    #[error("there is no task {0} any more")]
    NoTask(Id),
    /// A note this phone may not see (or that is gone) to vote on.
    #[error("there is no note {0} to vote on")]
    NoNote(Id),
}

/// Turn a checked action (see [`Action::checked`]) of participant `author`
/// into an edit against `session` as it is now.
///
/// # Errors
/// [`ActionError`] when the action names something the participant cannot
/// see (a missing tool, flow or task, someone else's hidden pain point).
pub fn to_edit(session: &Session, author: Id, action: &Action) -> Result<Translated, ActionError> {
    if session.participant(author).is_none() {
        return Err(ActionError::NotAParticipant);
    }
    let id = Id::default();
    Ok(match action.clone() {
        Action::AddTool { name } => {
            let mut tool = Tool {
                id,
                name,
                pos: Default::default(),
                author: Some(author),
            };
            tool.pos = spot_for(session, NewNote::Tool(&tool), None);
            Translated {
                edit: Edit::Add(Entity::Tool(tool)),
                effect: Effect::Creates(EntityKind::Tool),
            }
        }
        Action::AddFlow {
            from,
            to,
            label,
            shadow,
            share,
        } => {
            for end in [from, to] {
                if session.tool(end).is_none() {
                    return Err(ActionError::NoTool(end));
                }
            }
            Translated {
                edit: Edit::Add(Entity::Flow(Flow {
                    id,
                    from,
                    to,
                    label,
                    kind: if shadow {
                        FlowKind::Shadow
                    } else {
                        FlowKind::Designed
                    },
                    share,
                })),
                effect: Effect::Creates(EntityKind::Flow),
            }
        }
        Action::AddPain {
            text,
            category,
            hours,
            on,
        } => {
            let attached = match on {
                None => Attachment::Free,
                Some(On::Tool(t)) if session.tool(t).is_some() => Attachment::Tool(t),
                Some(On::Flow(f)) if session.flow(f).is_some() => Attachment::Flow(f),
                Some(On::Tool(t) | On::Flow(t)) => {
                    return Err(ActionError::Gone(t));
                }
            };
            let mut pain = PainPoint {
                id,
                text,
                category,
                #[allow(clippy::cast_possible_truncation)] // checked: 0–168
                hours_per_week: hours.map(|h| h as f32),
                attached,
                pos: Default::default(),
                author: Some(author),
                reassess: false,
            };
            // An attached note is drawn beside its tool or flow wherever
            // its position says (the board places it); only a free-standing
            // one needs a spot, and looking for it costs the board's size.
            if attached == Attachment::Free {
                pain.pos = spot_for(session, NewNote::Pain(&pain), None);
            }
            Translated {
                edit: Edit::HideCreated(Box::new(Edit::Add(Entity::PainPoint(pain)))),
                effect: Effect::Creates(EntityKind::PainPoint),
            }
        }
        Action::AddTask { name } => Translated {
            edit: Edit::Add(Entity::Task(Task {
                id,
                name,
                author: Some(author),
                ..Task::default()
            })),
            effect: Effect::Creates(EntityKind::Task),
        },
        Action::PlaceTask { task, at } => {
            let before = session.task(task).ok_or_else(|| no_task(task))?.grid;
            #[allow(clippy::cast_possible_truncation)] // checked: −1..1
            let after = at.map(|[x, y]| GridPos::new(x as f32, y as f32));
            Translated {
                edit: Edit::PlaceTask {
                    id: task,
                    grid: after,
                },
                effect: Effect::Does(Done::Placed {
                    task,
                    before,
                    after,
                }),
            }
        }
        Action::Answer {
            task,
            question,
            answer,
        } => {
            let t = session.task(task).ok_or_else(|| no_task(task))?;
            let mut automation = t.automation;
            automation.set(usize::from(question), answer);
            lenses(t, automation, t.unexpected)
        }
        Action::Unexpected { task, answer } => {
            let t = session.task(task).ok_or_else(|| no_task(task))?;
            lenses(t, t.automation, answer)
        }
        Action::Score {
            set,
            question,
            value,
        } => {
            let before = session
                .participant(author)
                .and_then(|p| p.scores.set(set).get(question));
            let score = Edit::SetParticipantScore {
                id: author,
                set,
                question,
                value,
            };
            let edit = if session.are_scores_hidden(author) {
                score
            } else {
                Edit::Batch(vec![
                    score,
                    Edit::SetHidden {
                        what: Hideable::Scores(author),
                        hidden: true,
                    },
                ])
            };
            Translated {
                edit,
                effect: Effect::Does(Done::Scored {
                    set,
                    question,
                    before,
                    after: value,
                }),
            }
        }
        Action::Dot { note, on } => {
            let hidden_from_me = session
                .pain_point(note)
                .is_some_and(|p| session.is_pain_point_hidden(note) && p.author != Some(author));
            if hidden_from_me {
                return Err(ActionError::NoNote(note));
            }
            let edit = if on {
                Edit::PlaceDot {
                    participant: author,
                    note,
                }
            } else {
                Edit::RemoveDot {
                    participant: author,
                    note,
                }
            };
            Translated {
                edit,
                effect: Effect::Does(Done::Dot { note, placed: on }),
            }
        }
    })
}

fn no_task(task: Id) -> ActionError {
    ActionError::NoTask(task)
}

fn lenses(
    task: &Task,
    automation: AutomationCheck,
    unexpected: Option<UnexpectedWay>,
) -> Translated {
    Translated {
        edit: Edit::SetTaskLenses {
            id: task.id,
            automation,
            unexpected,
        },
        effect: Effect::Does(Done::Lenses {
            task: task.id,
            before: (task.automation, task.unexpected),
            after: (automation, unexpected),
        }),
    }
}

/// The edit that undoes everything a participant did from their phone
/// (`done`, oldest first), as one undo step: what they created is removed
/// (if still there), their scores and dots go back, and a task placement
/// or lens answer of theirs is put back only while nobody changed it since.
/// `None` when nothing is left to undo.
pub fn undo_all(session: &Session, participant: Id, done: &[Done]) -> Option<Edit> {
    let mut scratch = session.clone();
    let mut edits = Vec::new();
    for item in done.iter().rev() {
        let edit = match item {
            Done::Created(kind, id) => {
                let id = *id;
                let present = match kind {
                    EntityKind::Tool => scratch.tool(id).is_some(),
                    EntityKind::Flow => scratch.flow(id).is_some(),
                    EntityKind::PainPoint => scratch.pain_point(id).is_some(),
                    EntityKind::Task => scratch.task(id).is_some(),
                    EntityKind::Participant | EntityKind::Airlock | EntityKind::Change => false,
                };
                present.then_some(Edit::Remove { id })
            }
            Done::Scored {
                set,
                question,
                before,
                after,
            } => {
                let now = scratch
                    .participant(participant)
                    .and_then(|p| p.scores.set(*set).get(*question));
                (now == *after && before != after).then_some(Edit::SetParticipantScore {
                    id: participant,
                    set: *set,
                    question: *question,
                    value: *before,
                })
            }
            Done::Dot { note, placed } => {
                let has = scratch.has_dot(participant, *note);
                match (placed, has) {
                    (true, true) => Some(Edit::RemoveDot {
                        participant,
                        note: *note,
                    }),
                    (false, false) => Some(Edit::PlaceDot {
                        participant,
                        note: *note,
                    }),
                    _ => None,
                }
            }
            Done::Placed {
                task,
                before,
                after,
            } => scratch
                .task(*task)
                .is_some_and(|t| t.grid == *after)
                .then_some(Edit::PlaceTask {
                    id: *task,
                    grid: *before,
                }),
            Done::Lenses {
                task,
                before,
                after,
            } => scratch
                .task(*task)
                .is_some_and(|t| (t.automation, t.unexpected) == *after)
                .then_some(Edit::SetTaskLenses {
                    id: *task,
                    automation: before.0,
                    unexpected: before.1,
                }),
        };
        // Keep only what applies in order; whatever no longer applies
        // (removed since, or changed by someone else) is left alone.
        if let Some(edit) = edit
            && crate::model::apply(&mut scratch, edit.clone()).is_ok()
        {
            edits.push(edit);
        }
    }
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PainCategory, TOOL_CARD_SIZE, Vote, VoteOn, apply};

    fn session_with(names: &[&str]) -> Session {
        let mut s = Session::default();
        for name in names {
            let join = join_edit(&s, name);
            apply(&mut s, join).unwrap();
        }
        s
    }

    /// Apply a phone action: its edit, and what it did.
    fn run(s: &mut Session, author: Id, action: Action) -> (Edit, Done) {
        let t = to_edit(s, author, &action.checked().unwrap()).unwrap();
        let applied = apply(s, t.edit.clone()).unwrap();
        let done = t.done(&applied.created).unwrap();
        (t.edit, done)
    }

    #[test]
    fn every_action_becomes_the_right_edit_credited_to_its_sender() {
        let mut s = session_with(&["Priya", "Sam"]);
        let priya = participant_named(&s, " priya ").unwrap();
        let sam = participant_named(&s, "SAM").unwrap();
        let slack = run(
            &mut s,
            priya,
            Action::AddTool {
                name: "Slack".into(),
            },
        );
        let asana = run(
            &mut s,
            sam,
            Action::AddTool {
                name: "Asana".into(),
            },
        );
        let (Done::Created(EntityKind::Tool, slack), Done::Created(EntityKind::Tool, asana)) =
            (slack.1, asana.1)
        else {
            panic!("tools created");
        };
        assert_eq!(s.tool(slack).unwrap().author, Some(priya));
        assert_ne!(s.tool(slack).unwrap().pos, s.tool(asana).unwrap().pos);
        let flow = run(
            &mut s,
            sam,
            Action::AddFlow {
                from: asana,
                to: slack,
                label: "task updates".into(),
                shadow: true,
                share: Some(40),
            },
        );
        assert!(matches!(flow.0, Edit::Add(Entity::Flow(_))));
        assert_eq!(s.flows[0].kind, FlowKind::Shadow);
        assert_eq!(s.flows[0].share, Some(40));
        let pain = run(
            &mut s,
            priya,
            Action::AddPain {
                text: "where is the latest file?".into(),
                category: PainCategory::Jam,
                hours: Some(2.5),
                on: Some(On::Tool(slack)),
            },
        );
        assert!(matches!(pain.0, Edit::HideCreated(_)));
        let p = &s.pain_points[0];
        assert_eq!(
            (p.author, p.attached, p.hours_per_week),
            (Some(priya), Attachment::Tool(slack), Some(2.5))
        );
        assert!(
            s.is_pain_point_hidden(p.id),
            "phone pain points wait for Reveal"
        );
        let task = run(
            &mut s,
            sam,
            Action::AddTask {
                name: "Deploy".into(),
            },
        );
        let Done::Created(EntityKind::Task, task) = task.1 else {
            panic!("task created");
        };
        assert_eq!(s.task(task).unwrap().author, Some(sam));
        run(
            &mut s,
            priya,
            Action::PlaceTask {
                task,
                at: Some([-0.5, 0.75]),
            },
        );
        assert_eq!(s.task(task).unwrap().grid, Some(GridPos::new(-0.5, 0.75)));
        run(
            &mut s,
            priya,
            Action::Answer {
                task,
                question: 2,
                answer: Some(true),
            },
        );
        run(
            &mut s,
            sam,
            Action::Unexpected {
                task,
                answer: Some(UnexpectedWay::Failure),
            },
        );
        let t = s.task(task).unwrap();
        assert_eq!(t.automation.repetitive, Some(true));
        assert_eq!(t.unexpected, Some(UnexpectedWay::Failure));
        run(
            &mut s,
            sam,
            Action::Score {
                set: ScoreSet::AsRun,
                question: Question::Process,
                value: Some(3),
            },
        );
        let sams = s.participant(sam).unwrap();
        assert_eq!(sams.scores.as_run.process, Some(3));
        assert!(s.are_scores_hidden(sam));
        assert!(!s.are_scores_hidden(priya));
        apply(
            &mut s,
            Edit::StartVote(Vote::new(VoteOn::Tasks, 2).unwrap()),
        )
        .unwrap();
        run(
            &mut s,
            priya,
            Action::Dot {
                note: task,
                on: true,
            },
        );
        assert!(s.has_dot(priya, task));
        run(
            &mut s,
            priya,
            Action::Dot {
                note: task,
                on: false,
            },
        );
        assert!(!s.has_dot(priya, task));
    }

    #[test]
    fn someone_elses_hidden_note_cannot_be_voted_on_or_named() {
        let mut s = session_with(&["Priya", "Sam"]);
        let (priya, sam) = (Id(0), Id(1));
        run(
            &mut s,
            priya,
            Action::AddPain {
                text: "secret".into(),
                category: PainCategory::Orchestra,
                hours: None,
                on: None,
            },
        );
        apply(
            &mut s,
            Edit::StartVote(Vote::new(VoteOn::PainPoints, 2).unwrap()),
        )
        .unwrap();
        let note = s.pain_points[0].id;
        let err = to_edit(&s, sam, &Action::Dot { note, on: true }).unwrap_err();
        assert_eq!(err, ActionError::NoNote(note));
        assert!(err.to_string().contains("no note"), "{err}");
        assert!(to_edit(&s, priya, &Action::Dot { note, on: true }).is_ok());
        let err = to_edit(
            &s,
            sam,
            &Action::AddPain {
                text: "x".into(),
                category: PainCategory::Jam,
                hours: None,
                on: Some(On::Tool(Id(99))),
            },
        )
        .unwrap_err();
        assert_eq!(err, ActionError::Gone(Id(99)));
        assert!(err.to_string().contains("no longer"), "{err}");
        assert_eq!(
            to_edit(&s, Id(77), &Action::AddTask { name: "x".into() }).map(|_| ()),
            Err(ActionError::NotAParticipant)
        );
    }

    #[test]
    fn undo_everything_removes_only_what_the_participant_did() {
        let mut s = session_with(&["Priya", "Sam"]);
        let (priya, sam) = (Id(0), Id(1));
        let mut log = Vec::new();
        let tool = run(
            &mut s,
            sam,
            Action::AddTool {
                name: "Jira".into(),
            },
        );
        let Done::Created(_, jira) = tool.1 else {
            panic!()
        };
        let task = run(
            &mut s,
            sam,
            Action::AddTask {
                name: "Deploy".into(),
            },
        );
        let Done::Created(_, deploy) = task.1 else {
            panic!()
        };
        for action in [
            Action::AddTool {
                name: "Slack".into(),
            },
            Action::AddPain {
                text: "slow".into(),
                category: PainCategory::Orchestra,
                hours: Some(1.0),
                on: Some(On::Tool(jira)),
            },
            Action::Score {
                set: ScoreSet::AsItIs,
                question: Question::Output,
                value: Some(8),
            },
            Action::PlaceTask {
                task: deploy,
                at: Some([0.5, 0.5]),
            },
        ] {
            log.push(run(&mut s, priya, action).1);
        }
        let sams_pain = run(
            &mut s,
            sam,
            Action::AddPain {
                text: "sam's".into(),
                category: PainCategory::Jam,
                hours: None,
                on: None,
            },
        );
        let edit = undo_all(&s, priya, &log).unwrap();
        let undo = apply(&mut s, edit).unwrap().inverse;
        assert_eq!(s.tools.len(), 1, "Priya's Slack gone, Sam's Jira stays");
        assert_eq!(s.pain_points.len(), 1);
        assert!(
            matches!(sams_pain.1, Done::Created(EntityKind::PainPoint, id) if s.pain_point(id).is_some())
        );
        assert_eq!(s.participant(priya).unwrap().scores.as_is.output, None);
        assert_eq!(s.task(deploy).unwrap().grid, None);
        assert!(undo_all(&s, priya, &log).is_none(), "nothing left to undo");
        // And the whole thing is one undo step.
        apply(&mut s, undo).unwrap();
        assert_eq!(s.tools.len(), 2);
        assert_eq!(s.participant(priya).unwrap().scores.as_is.output, Some(8));
    }

    #[test]
    fn new_notes_from_phones_do_not_land_on_each_other() {
        let mut s = session_with(&["Priya"]);
        for i in 0..40 {
            run(
                &mut s,
                Id(0),
                Action::AddTool {
                    name: format!("T{i}"),
                },
            );
        }
        for (i, a) in s.tools.iter().enumerate() {
            for b in s.tools.iter().skip(i + 1) {
                let apart = (a.pos.x - b.pos.x).abs() >= TOOL_CARD_SIZE[0]
                    || (a.pos.y - b.pos.y).abs() >= TOOL_CARD_SIZE[1];
                assert!(apart, "{} and {} overlap", a.name, b.name);
            }
        }
    }
}
