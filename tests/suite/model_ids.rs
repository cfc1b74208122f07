//! Ids assigned by the model (issue 10): views and phones ask for new
//! entities without an id ([`Edit::Add`]); applying the edit gives each a
//! fresh one, so several adds of the same kind in one frame, or from
//! several sources, all land, and undo removes exactly the one it added.

use proptest::prelude::*;
use rhythm::model::{
    Airlock, BoardPos, Change, Edit, Entity, EntityKind, History, Id, PainCategory, PainPoint,
    Participant, Quadrant, Session, Task, Tool, WorkModelScores, apply,
};

/// A new tool as the board asks for it: no id of its own.
fn new_tool(name: &str) -> Edit {
    Edit::Add(Entity::Tool(Tool {
        id: Id::default(),
        name: name.to_owned(),
        pos: BoardPos::new(0.0, 0.0),
        author: None,
    }))
}

fn names(session: &Session) -> Vec<&str> {
    session.tools.iter().map(|t| t.name.as_str()).collect()
}

/// A session with one tool, Asana, whose id is what the views would
/// wrongly have peeked for the next note.
fn with_asana() -> Session {
    let mut session = Session::default();
    apply(&mut session, new_tool("Asana")).expect("added");
    session
}

#[test]
fn two_adds_of_one_frame_both_land_and_undo_removes_each_exactly() {
    let mut session = with_asana();
    let mut history = History::default();
    // One frame: the board adds a tool by double-click, and the toolbar
    // (or a phone) adds another, both computed from the same session.
    let frame = [new_tool("Slack"), new_tool("GitHub")];
    let mut created = Vec::new();
    for edit in frame {
        created.extend(history.apply(&mut session, edit).expect("both accepted"));
    }
    assert_eq!(names(&session), ["Asana", "Slack", "GitHub"]);
    let [(EntityKind::Tool, slack), (EntityKind::Tool, github)] = created[..] else {
        panic!("two tools created: {created:?}");
    };
    assert_ne!(slack, github);
    assert_eq!(session.tool(slack).map(|t| t.name.as_str()), Some("Slack"));
    assert_eq!(
        session.tool(github).map(|t| t.name.as_str()),
        Some("GitHub")
    );
    assert!(session.problems().is_empty(), "{:?}", session.problems());

    // Undo takes back GitHub only, then Slack only.
    assert!(history.undo(&mut session).expect("undo"));
    assert_eq!(names(&session), ["Asana", "Slack"]);
    assert!(session.tool(slack).is_some());
    assert!(history.undo(&mut session).expect("undo"));
    assert_eq!(names(&session), ["Asana"]);
    // Redo brings them back under the same ids.
    assert!(history.redo(&mut session).expect("redo"));
    assert!(history.redo(&mut session).expect("redo"));
    assert_eq!(session.tool(slack).map(|t| t.name.as_str()), Some("Slack"));
    assert_eq!(
        session.tool(github).map(|t| t.name.as_str()),
        Some("GitHub")
    );
}

#[test]
fn two_adds_in_one_batch_both_land_and_one_undo_removes_both() {
    let mut session = with_asana();
    let mut history = History::default();
    let task = |name: &str| {
        Edit::Add(Entity::Task(Task {
            name: name.to_owned(),
            ..Task::default()
        }))
    };
    let created = history
        .apply(
            &mut session,
            Edit::Batch(vec![task("Deploy"), task("Spike")]),
        )
        .expect("accepted");
    assert_eq!(created.len(), 2, "{created:?}");
    let ids: Vec<Id> = created.iter().map(|(_, id)| *id).collect();
    assert_ne!(ids[0], ids[1]);
    let tasks: Vec<(Id, &str)> = session
        .tasks
        .iter()
        .map(|t| (t.id, t.name.as_str()))
        .collect();
    assert_eq!(tasks, [(ids[0], "Deploy"), (ids[1], "Spike")]);
    assert!(history.undo(&mut session).expect("undo"));
    assert!(session.tasks.is_empty());
    assert_eq!(names(&session), ["Asana"], "the tool stays");

    // Undoing one of two separate adds removes exactly that one, whatever
    // the other is.
    history.apply(&mut session, task("Deploy")).expect("added");
    history
        .apply(
            &mut session,
            Edit::Add(Entity::PainPoint(PainPoint {
                text: "lost in DMs".to_owned(),
                category: PainCategory::Jam,
                ..PainPoint::default()
            })),
        )
        .expect("added");
    assert!(history.undo(&mut session).expect("undo"));
    assert!(session.pain_points.is_empty());
    assert_eq!(session.tasks.len(), 1);
}

#[test]
fn a_new_id_is_never_one_used_before_even_after_undo() {
    let mut session = with_asana();
    let mut history = History::default();
    let first = history
        .apply(&mut session, new_tool("Slack"))
        .expect("added");
    assert!(history.undo(&mut session).expect("undo"));
    let second = history
        .apply(&mut session, new_tool("Figma"))
        .expect("added");
    assert_ne!(first, second, "the undone tool's id is not given again");
}

/// Any entity kind, as a view or phone would ask for it (id left at its
/// default, or any id: it is ignored).
fn new_entity() -> impl Strategy<Value = Entity> {
    let id = (0u64..4).prop_map(Id);
    prop_oneof![
        id.clone().prop_map(|id| Entity::Tool(Tool {
            id,
            name: "tool".to_owned(),
            ..Tool::default()
        })),
        id.clone().prop_map(|id| Entity::Task(Task {
            id,
            ..Task::default()
        })),
        id.clone().prop_map(|id| Entity::Participant(Participant {
            id,
            name: "Sam".to_owned(),
            colour: [0, 0, 0],
            scores: WorkModelScores::default(),
        })),
        id.clone().prop_map(|id| Entity::PainPoint(PainPoint {
            id,
            ..PainPoint::default()
        })),
        id.clone().prop_map(|id| Entity::Airlock(Airlock {
            id,
            name: String::new(),
            from: Quadrant::JamSession,
            to: Quadrant::Orchestra,
            entry: String::new(),
            exit: String::new(),
            handover: String::new(),
        })),
        id.prop_map(|id| Entity::Change(Change {
            id,
            ..Change::default()
        })),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// However many adds of any kinds come in one frame (some batched),
    /// every one lands with its own id, and undoing them one step at a
    /// time removes exactly the entities of that step.
    #[test]
    fn every_add_lands_with_a_distinct_id_and_undo_removes_exactly_its_own(
        steps in proptest::collection::vec(
            proptest::collection::vec(new_entity(), 1..4),
            1..8,
        )
    ) {
        let mut session = with_asana();
        let mut history = History::default();
        let mut per_step = Vec::new();
        for step in &steps {
            let edits: Vec<Edit> = step.iter().cloned().map(Edit::Add).collect();
            let edit = match edits.len() {
                1 => edits.into_iter().next().expect("one"),
                _ => Edit::Batch(edits),
            };
            let created = history.apply(&mut session, edit).expect("adds are accepted");
            prop_assert_eq!(created.len(), step.len());
            for ((kind, _), entity) in created.iter().zip(step) {
                prop_assert_eq!(*kind, entity.kind());
            }
            per_step.push(created);
        }
        let ids: Vec<Id> = session.all_ids().map(|(_, id)| id).collect();
        let unique: std::collections::HashSet<Id> = ids.iter().copied().collect();
        prop_assert_eq!(unique.len(), ids.len(), "ids used twice: {:?}", ids);
        prop_assert!(session.problems().is_empty());
        while let Some(created) = per_step.pop() {
            let before: std::collections::HashSet<Id> = session.all_ids().map(|(_, id)| id).collect();
            prop_assert!(history.undo(&mut session).expect("undo"));
            let after: std::collections::HashSet<Id> = session.all_ids().map(|(_, id)| id).collect();
            let removed: std::collections::HashSet<Id> = before.difference(&after).copied().collect();
            let expected: std::collections::HashSet<Id> = created.iter().map(|(_, id)| *id).collect();
            prop_assert_eq!(removed, expected);
            prop_assert!(after.is_subset(&before));
        }
        prop_assert_eq!(names(&session), ["Asana"]);
    }
}
