//! [`apply`]: performing an [`Edit`], validated by the rules each type
//! carries (a position on the board, a share, hours, a score, a text), and
//! giving back the edit that undoes it.

use super::entity::Texts;
use super::{
    Applied, Attachment, BoardPos, Edit, EditError, Entity, EntityKind, Flow, GridPos, Id, NoteRef,
    PainPoint, Participant, Session, Task, Tool, check_hours, clean_text, is_clean, score_in_range,
    too_long,
};

/// Apply `edit` to `session`: the edit that undoes it, and the entities it
/// created ([`Edit::Add`] allocates their ids).
///
/// Every text that enters the session is cleaned first
/// ([`clean_text`](super::clean_text)). On error the session is unchanged
/// (a failing batch is rolled back). Applying the returned inverse gives
/// back a session with the same content ([`Session::same_content`]); only
/// the id counter stays advanced, so an id is never given twice.
///
/// # Errors
/// [`EditError`] naming the rule the edit breaks.
pub fn apply(session: &mut Session, edit: Edit) -> Result<Applied, EditError> {
    let mut created = Vec::new();
    let inverse = apply_into(session, edit, &mut created)?;
    Ok(Applied { inverse, created })
}

fn apply_into(
    session: &mut Session,
    edit: Edit,
    created: &mut Vec<(EntityKind, Id)>,
) -> Result<Edit, EditError> {
    match edit {
        Edit::Add(mut entity) => {
            let id = session.peek_id(0);
            entity.set_id(id);
            let kind = entity.kind();
            let inverse = insert(session, usize::MAX, entity)?;
            created.push((kind, id));
            Ok(inverse)
        }
        Edit::Insert { index, entity } => insert(session, index, entity),
        Edit::Update(entity) => update(session, entity),
        Edit::Remove { id } => remove(session, id),
        Edit::RenameTool { id, name } => {
            let name = checked_text("name", name)?;
            let tool = find_mut(&mut session.tools, id, |t| t.id, "tool")?;
            let old = std::mem::replace(&mut tool.name, name);
            Ok(Edit::RenameTool { id, name: old })
        }
        Edit::SetFlowLabel { id, label } => {
            let label = checked_text("label", label)?;
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
        Edit::RenameTask { id, name } => {
            let name = checked_text("name", name)?;
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
                note_pos_mut(session, *note)?;
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
            let old = std::mem::replace(&mut task.grid, grid.map(GridPos::clamped));
            Ok(Edit::PlaceTask { id, grid: old })
        }
        Edit::SetHeader(mut header) => {
            checked_texts(&mut header)?;
            Ok(Edit::SetHeader(std::mem::replace(
                &mut session.header,
                header,
            )))
        }
        Edit::SetScore {
            set,
            question,
            value,
        } => {
            check_score(value)?;
            let slot = session.scores.set_mut(set).get_mut(question);
            let old = std::mem::replace(slot, value);
            Ok(Edit::SetScore {
                set,
                question,
                value: old,
            })
        }
        Edit::SetZone(mut zone) => {
            checked_texts(&mut zone)?;
            let slot = session
                .zones
                .iter_mut()
                .find(|z| z.quadrant == zone.quadrant)
                .ok_or(EditError::NoZone(zone.quadrant))?;
            Ok(Edit::SetZone(std::mem::replace(slot, zone)))
        }
        Edit::SetTaskLenses {
            id,
            automation,
            unexpected,
        } => {
            let task = find_mut(&mut session.tasks, id, |t| t.id, "task")?;
            Ok(Edit::SetTaskLenses {
                id,
                automation: std::mem::replace(&mut task.automation, automation),
                unexpected: std::mem::replace(&mut task.unexpected, unexpected),
            })
        }
        Edit::SetParticipantScore {
            id,
            set,
            question,
            value,
        } => {
            check_score(value)?;
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
        Edit::StartVote(mut vote) => {
            let question = checked_text("question", std::mem::take(vote.question_mut()))?;
            *vote.question_mut() = question;
            Ok(session.start_vote(vote)?)
        }
        Edit::EndVote => {
            let old = session.vote.take().ok_or(super::VoteError::NotStarted)?;
            Ok(Edit::StartVote(old))
        }
        Edit::PlaceDot { participant, note } => Ok(session.place_dot(participant, note)?),
        Edit::RemoveDot { participant, note } => Ok(session.remove_dot(participant, note)?),
        Edit::RevealVote(revealed) => {
            let vote = session.vote.as_mut().ok_or(super::VoteError::NotStarted)?;
            Ok(Edit::RevealVote(vote.set_revealed(revealed)))
        }
        Edit::SetHidden { what, hidden } => super::reveal::set_hidden(session, what, hidden),
        Edit::HideCreated(inner) => {
            // The inner edit, then a hidden mark on each pain point it put
            // in the session; the inverse unmarks them, then undoes it.
            let before: std::collections::HashSet<Id> =
                session.pain_points.iter().map(|p| p.id).collect();
            let inverse = apply_into(session, *inner, created)?;
            let new: Vec<Id> = session
                .pain_points
                .iter()
                .map(|p| p.id)
                .filter(|id| !before.contains(id))
                .collect();
            let mut undo: Vec<Edit> = new
                .into_iter()
                .filter_map(|id| super::reveal::hide_new(session, id))
                .collect();
            undo.push(inverse);
            Ok(Edit::Batch(undo))
        }
        Edit::Batch(edits) => {
            let next_id = session.next_id;
            let created_before = created.len();
            let mut inverses = Vec::with_capacity(edits.len());
            for edit in edits {
                match apply_into(session, edit, created) {
                    Ok(inverse) => inverses.push(inverse),
                    Err(err) => {
                        // Roll back what was applied, newest first. Inverses
                        // of applied edits always apply.
                        for inverse in inverses.into_iter().rev() {
                            let _rolled_back = apply_into(session, inverse, &mut Vec::new());
                        }
                        session.next_id = next_id;
                        created.truncate(created_before);
                        return Err(err);
                    }
                }
            }
            inverses.reverse();
            Ok(Edit::Batch(inverses))
        }
    }
}

/// Put `entity` at `index` of its list (clamped), under its own id.
fn insert(session: &mut Session, index: usize, entity: Entity) -> Result<Edit, EditError> {
    let id = entity.id();
    if session.all_ids().any(|(_, taken)| taken == id) {
        return Err(EditError::DuplicateId(id));
    }
    let entity = checked(session, entity)?;
    session.next_id = session.next_id.max(id.0.saturating_add(1));
    match entity {
        Entity::Tool(x) => insert_at(&mut session.tools, index, x),
        Entity::Flow(x) => insert_at(&mut session.flows, index, x),
        Entity::Task(x) => insert_at(&mut session.tasks, index, x),
        Entity::Participant(x) => insert_at(&mut session.participants, index, x),
        Entity::PainPoint(x) => insert_at(&mut session.pain_points, index, x),
        Entity::Airlock(x) => insert_at(&mut session.airlocks, index, x),
        Entity::Change(x) => insert_at(&mut session.changes, index, x),
    }
    Ok(Edit::Remove { id })
}

/// Replace the entity of the same id and kind.
fn update(session: &mut Session, entity: Entity) -> Result<Edit, EditError> {
    let (id, kind) = (entity.id(), entity.kind());
    if let Some((is, _)) = session.all_ids().find(|(_, taken)| *taken == id)
        && is != kind.noun()
    {
        return Err(EditError::WrongKind {
            id,
            is,
            not: kind.noun(),
        });
    }
    let old = match checked(session, entity)? {
        Entity::Tool(x) => Entity::Tool(replace(&mut session.tools, x, |x| x.id, "tool")?),
        Entity::Flow(x) => Entity::Flow(replace(&mut session.flows, x, |x| x.id, "flow")?),
        Entity::Task(x) => Entity::Task(replace(&mut session.tasks, x, |x| x.id, "task")?),
        Entity::Participant(x) => Entity::Participant(replace(
            &mut session.participants,
            x,
            |x| x.id,
            "participant",
        )?),
        Entity::PainPoint(x) => Entity::PainPoint(replace(
            &mut session.pain_points,
            x,
            |x| x.id,
            "pain point",
        )?),
        Entity::Airlock(x) => {
            Entity::Airlock(replace(&mut session.airlocks, x, |x| x.id, "airlock")?)
        }
        Entity::Change(x) => Entity::Change(replace(&mut session.changes, x, |x| x.id, "change")?),
    };
    Ok(Edit::Update(old))
}

/// Remove the entity with this id and what goes with it; the inverse puts
/// the entity back first, then what went with it in ascending order.
fn remove(session: &mut Session, id: Id) -> Result<Edit, EditError> {
    let mut inverse = Vec::new();
    if let Some(index) = session.tools.iter().position(|t| t.id == id) {
        // Flows touching the tool go with it, and the pain points on the
        // tool or on those flows.
        let mut removed_flows = Vec::new();
        let mut i = 0;
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
            a == Attachment::Tool(id) || matches!(a, Attachment::Flow(f) if flow_ids.contains(&f))
        });
        let tool = session.tools.remove(index);
        inverse.push(put_back(index, Entity::Tool(tool)));
        inverse.extend(
            removed_flows
                .into_iter()
                .map(|(index, flow)| put_back(index, Entity::Flow(flow))),
        );
        inverse.extend(removed_pains);
    } else if let Some(index) = session.flows.iter().position(|f| f.id == id) {
        let removed_pains = take_pains(session, |a| a == Attachment::Flow(id));
        let flow = session.flows.remove(index);
        inverse.push(put_back(index, Entity::Flow(flow)));
        inverse.extend(removed_pains);
    } else {
        let (index, entity) =
            take_entity(session, id).ok_or(EditError::Missing { what: "entity", id })?;
        inverse.push(put_back(index, entity));
    }
    // Dots on a removed note, or of a removed participant, go too.
    inverse.extend(session.take_orphan_dots());
    Ok(single_or_batch(inverse))
}

/// Take a task, participant, pain point, airlock or change out of its
/// list: its index and itself.
fn take_entity(session: &mut Session, id: Id) -> Option<(usize, Entity)> {
    fn take<T>(
        items: &mut Vec<T>,
        id: Id,
        id_of: impl Fn(&T) -> Id,
        wrap: impl Fn(T) -> Entity,
    ) -> Option<(usize, Entity)> {
        let index = items.iter().position(|x| id_of(x) == id)?;
        Some((index, wrap(items.remove(index))))
    }
    take(&mut session.tasks, id, |x| x.id, Entity::Task)
        .or_else(|| take(&mut session.participants, id, |x| x.id, Entity::Participant))
        .or_else(|| take(&mut session.pain_points, id, |x| x.id, Entity::PainPoint))
        .or_else(|| take(&mut session.airlocks, id, |x| x.id, Entity::Airlock))
        .or_else(|| take(&mut session.changes, id, |x| x.id, Entity::Change))
}

fn put_back(index: usize, entity: Entity) -> Edit {
    Edit::Insert { index, entity }
}

/// Remove the pain points whose attachment matches; returns the edits that
/// put them back (ascending index order).
fn take_pains(session: &mut Session, matches: impl Fn(Attachment) -> bool) -> Vec<Edit> {
    let mut back = Vec::new();
    let mut i = 0;
    session.pain_points.retain(|p| {
        let keep = !matches(p.attached);
        if !keep {
            back.push(put_back(i, Entity::PainPoint(p.clone())));
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

fn replace<T>(
    items: &mut [T],
    new: T,
    id_of: impl Fn(&T) -> Id,
    what: &'static str,
) -> Result<T, EditError> {
    let id = id_of(&new);
    let slot = find_mut(items, id, id_of, what)?;
    Ok(std::mem::replace(slot, new))
}

/// The entity as it may enter the session: texts cleaned, a task's grid
/// position clamped; refused when it breaks one of its type's rules.
fn checked(session: &Session, mut entity: Entity) -> Result<Entity, EditError> {
    let mut result = Ok(());
    entity.texts_mut(&mut |field, text| {
        if result.is_ok() {
            result = clean_checked(field, text);
        }
    });
    result?;
    match &mut entity {
        Entity::Tool(Tool { pos, .. }) => check_pos(*pos)?,
        Entity::Flow(flow) => check_flow(session, flow)?,
        Entity::Task(Task {
            board_pos, grid, ..
        }) => {
            if let Some(pos) = board_pos {
                check_pos(*pos)?;
            }
            *grid = grid.map(GridPos::clamped);
        }
        Entity::Participant(Participant { scores, .. }) => {
            if let Some((_, _, v)) = scores.out_of_range().first() {
                return Err(EditError::Score(*v));
            }
        }
        Entity::PainPoint(pain) => check_pain(session, pain)?,
        Entity::Change(change) => {
            if !change.metrics_are_numbers() {
                return Err(EditError::NotANumber);
            }
        }
        Entity::Airlock(_) => {}
    }
    Ok(entity)
}

fn check_flow(session: &Session, flow: &Flow) -> Result<(), EditError> {
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
    Ok(())
}

fn check_pain(session: &Session, pain: &PainPoint) -> Result<(), EditError> {
    if let Some(h) = pain.hours_per_week {
        check_hours(h).map_err(|_| EditError::Hours(h))?;
    }
    check_pos(pain.pos)?;
    match pain.attached {
        Attachment::Tool(id) if session.tool(id).is_none() => Err(EditError::Unattached("tool")),
        Attachment::Flow(id) if session.flow(id).is_none() => Err(EditError::Unattached("flow")),
        Attachment::Free | Attachment::Tool(_) | Attachment::Flow(_) => Ok(()),
    }
}

/// Clean every text of `x` and check its length.
fn checked_texts(x: &mut impl Texts) -> Result<(), EditError> {
    let mut result = Ok(());
    x.texts_mut(&mut |field, text| {
        if result.is_ok() {
            result = clean_checked(field, text);
        }
    });
    result
}

fn checked_text(field: &'static str, mut text: String) -> Result<String, EditError> {
    clean_checked(field, &mut text)?;
    Ok(text)
}

/// Clean a text in place ([`clean_text`]) and refuse it when too long.
fn clean_checked(field: &'static str, text: &mut String) -> Result<(), EditError> {
    if !is_clean(text) {
        *text = clean_text(text);
    }
    match too_long(text) {
        Some(chars) => Err(EditError::TooLong { field, chars }),
        None => Ok(()),
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

fn check_pos(pos: BoardPos) -> Result<(), EditError> {
    if pos.is_on_board() {
        Ok(())
    } else {
        Err(EditError::OffBoard { x: pos.x, y: pos.y })
    }
}

/// A flow's share of traffic: none, or a percentage 0–100
/// ([`Flow::share_in_range`]).
///
/// # Errors
/// [`EditError::Share`].
pub fn check_share(share: Option<u8>) -> Result<(), EditError> {
    match share {
        Some(s) if !Flow::share_in_range(s) => Err(EditError::Share(s)),
        _ => Ok(()),
    }
}

/// A work-model score: none, or 1–10 ([`score_in_range`]).
///
/// # Errors
/// [`EditError::Score`].
pub fn check_score(value: Option<u8>) -> Result<(), EditError> {
    match value {
        Some(v) if !score_in_range(v) => Err(EditError::Score(v)),
        _ => Ok(()),
    }
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
    use crate::model::{FlowKind, Question, ScoreSet};

    fn tool(id: u64, name: &str) -> Tool {
        Tool {
            id: Id(id),
            name: name.to_owned(),
            pos: BoardPos::new(id as f32 * 200.0, 0.0),
            author: None,
        }
    }

    fn flow(id: u64, from: u64, to: u64) -> Flow {
        Flow {
            id: Id(id),
            from: Id(from),
            to: Id(to),
            label: "task updates".into(),
            kind: FlowKind::Designed,
            share: None,
        }
    }

    fn two_tools_and_a_flow() -> Session {
        let mut s = Session::default();
        for entity in [
            Entity::Tool(tool(1, "Asana")),
            Entity::Tool(tool(2, "Slack")),
            Entity::Flow(flow(3, 1, 2)),
        ] {
            apply(&mut s, Edit::Insert { index: 9, entity }).unwrap();
        }
        s
    }

    #[test]
    fn removing_a_tool_removes_its_flows_and_undo_restores_both() {
        let mut s = two_tools_and_a_flow();
        let before = s.clone();
        let applied = apply(&mut s, Edit::Remove { id: Id(1) }).unwrap();
        assert_eq!(s.tools.len(), 1);
        assert!(s.flows.is_empty());
        assert!(applied.created.is_empty());
        apply(&mut s, applied.inverse).unwrap();
        assert_eq!(s, before);
    }

    #[test]
    fn ids_are_not_reused_after_undo() {
        let mut s = two_tools_and_a_flow();
        assert_eq!(s.peek_id(0), Id(4));
        // Whatever id the new tool carries, the model gives it the next one.
        let applied = apply(&mut s, Edit::Add(Entity::Tool(tool(1, "GitHub")))).unwrap();
        assert_eq!(applied.created, [(EntityKind::Tool, Id(4))]);
        assert_eq!(s.tool(Id(4)).map(|t| t.name.as_str()), Some("GitHub"));
        assert_eq!(s.tool(Id(1)).map(|t| t.name.as_str()), Some("Asana"));
        apply(&mut s, applied.inverse).unwrap();
        assert_eq!(s.peek_id(0), Id(5));
    }

    #[test]
    fn bad_edits_are_refused_and_change_nothing() {
        let mut s = two_tools_and_a_flow();
        let before = s.clone();
        let self_flow = flow(9, 1, 1);
        assert_eq!(
            apply(&mut s, Edit::Add(Entity::Flow(self_flow))),
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
        assert_eq!(
            apply(
                &mut s,
                Edit::Update(Entity::Task(Task {
                    id: Id(1),
                    ..Task::default()
                }))
            ),
            Err(EditError::WrongKind {
                id: Id(1),
                is: "tool",
                not: "task"
            })
        );
        // A batch failing half-way is rolled back, its adds forgotten.
        let batch = Edit::Batch(vec![
            Edit::RenameTool {
                id: Id(1),
                name: "Jira".into(),
            },
            Edit::Add(Entity::Tool(tool(0, "Figma"))),
            Edit::Remove { id: Id(77) },
        ]);
        assert!(apply(&mut s, batch).is_err());
        assert_eq!(s, before);
    }

    #[test]
    fn a_zone_missing_from_the_session_is_named() {
        let mut s = Session {
            zones: Vec::new(),
            ..Session::default()
        };
        let zone = crate::model::default_zones().remove(0);
        let quadrant = zone.quadrant;
        assert_eq!(
            apply(&mut s, Edit::SetZone(zone)),
            Err(EditError::NoZone(quadrant))
        );
    }

    #[test]
    fn texts_are_cleaned_and_over_long_ones_refused() {
        let mut s = two_tools_and_a_flow();
        apply(
            &mut s,
            Edit::RenameTool {
                id: Id(1),
                name: "As\u{1b}[2Jana\u{202E}\u{0}".into(),
            },
        )
        .unwrap();
        assert_eq!(s.tool(Id(1)).unwrap().name, "As[2Jana");
        let long = "x".repeat(crate::model::MAX_TEXT_CHARS + 1);
        assert!(matches!(
            apply(
                &mut s,
                Edit::SetFlowLabel {
                    id: Id(3),
                    label: long
                }
            ),
            Err(EditError::TooLong { field: "label", .. })
        ));
    }

    #[test]
    fn moving_notes_is_undone_exactly() {
        let mut s = two_tools_and_a_flow();
        let before = s.clone();
        let applied = apply(
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
        apply(&mut s, applied.inverse).unwrap();
        assert_eq!(s, before);
    }
}
