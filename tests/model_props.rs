//! Property tests of the edit model: every edit's inverse undoes it, the
//! history undoes and redoes whole sequences, and no sequence of edits
//! makes a session inconsistent.

use proptest::prelude::*;
use rhythm::model::{
    BoardPos, Edit, Flow, FlowKind, GridPos, History, Id, NoteRef, Question, ScoreSet, Session,
    SessionHeader, Task, Tool, WorkModel, WorkModelScores, apply,
};

/// Ids drawn from here hit the small session's tools (1–3), flows (4–5),
/// tasks (6–8) and ids that are free (0, 9–13).
const MAX_ID: u64 = 14;

/// Three tools, two flows (one shadow), three tasks (one on the board, one
/// in the tray), a few scores.
fn small_session() -> Session {
    let tool = |id: u64, name: &str| Tool {
        id: Id(id),
        name: name.to_owned(),
        pos: BoardPos::new(id as f32 * 260.0, 0.0),
        author: None,
    };
    Session {
        header: SessionHeader {
            title: "Props".to_owned(),
            team: "Team".to_owned(),
            quarter: "2026-Q1".to_owned(),
            date: "2026-01-01".to_owned(),
            facilitator: "Ada".to_owned(),
        },
        tools: vec![tool(1, "Asana"), tool(2, "GitHub"), tool(3, "Slack")],
        flows: vec![
            Flow {
                id: Id(4),
                from: Id(1),
                to: Id(2),
                label: "tasks".to_owned(),
                kind: FlowKind::Designed,
                share: None,
            },
            Flow {
                id: Id(5),
                from: Id(2),
                to: Id(3),
                label: "updates".to_owned(),
                kind: FlowKind::Shadow,
                share: Some(40),
            },
        ],
        tasks: vec![
            Task {
                id: Id(6),
                name: "Deploy".to_owned(),
                board_pos: Some(BoardPos::new(0.0, 460.0)),
                grid: Some(GridPos::new(-0.5, 0.5)),
                ..Task::default()
            },
            Task {
                id: Id(7),
                name: "Spike".to_owned(),
                board_pos: None,
                grid: Some(GridPos::new(0.5, -0.5)),
                ..Task::default()
            },
            Task {
                id: Id(8),
                name: "Guide".to_owned(),
                board_pos: None,
                grid: None,
                ..Task::default()
            },
        ],
        scores: WorkModelScores {
            as_is: WorkModel {
                output: Some(8),
                process: None,
                primary_metric: Some(7),
                individual: Some(9),
            },
            as_run: WorkModel::default(),
        },
        next_id: 9,
        ..Session::default()
    }
}

fn id() -> impl Strategy<Value = Id> {
    (0..MAX_ID).prop_map(Id)
}

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z →%]{0,6}"
}

fn index() -> impl Strategy<Value = usize> {
    prop_oneof![0usize..5, Just(usize::MAX)]
}

fn board_pos() -> impl Strategy<Value = BoardPos> {
    (-2000.0f32..2000.0, -2000.0f32..2000.0).prop_map(|(x, y)| BoardPos::new(x, y))
}

/// A grid coordinate, often out of −1..1, near an axis, or not finite.
fn grid_coord() -> impl Strategy<Value = f32> {
    prop_oneof![
        -1.0f32..1.0,
        -0.1f32..0.1,
        -5.0f32..5.0,
        Just(f32::NAN),
        Just(f32::INFINITY),
        Just(f32::NEG_INFINITY),
    ]
}

/// A raw grid position, not clamped: `apply` must clamp it.
fn grid_pos() -> impl Strategy<Value = GridPos> {
    (grid_coord(), grid_coord()).prop_map(|(predictability, stakes)| GridPos {
        predictability,
        stakes,
    })
}

/// A share, sometimes over 100 % (invalid).
fn share() -> impl Strategy<Value = Option<u8>> {
    prop_oneof![
        Just(None),
        (0u8..=100).prop_map(Some),
        (101u8..=255).prop_map(Some)
    ]
}

/// A score, sometimes outside 1–10 (invalid).
fn score() -> impl Strategy<Value = Option<u8>> {
    prop_oneof![
        Just(None),
        (1u8..=10).prop_map(Some),
        (0u8..=20).prop_map(Some)
    ]
}

fn kind() -> impl Strategy<Value = FlowKind> {
    prop_oneof![Just(FlowKind::Designed), Just(FlowKind::Shadow)]
}

fn note() -> impl Strategy<Value = NoteRef> {
    prop_oneof![id().prop_map(NoteRef::Tool), id().prop_map(NoteRef::Task)]
}

fn header() -> impl Strategy<Value = SessionHeader> {
    (text(), text(), text(), text(), text()).prop_map(
        |(title, team, quarter, date, facilitator)| SessionHeader {
            title,
            team,
            quarter,
            date,
            facilitator,
        },
    )
}

/// One edit that is not a batch; ids may be missing, taken or free, flows
/// may be self-loops or dangle, values may be out of range.
fn leaf_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (index(), id(), text(), board_pos()).prop_map(|(index, id, name, pos)| Edit::InsertTool {
            index,
            tool: Tool {
                id,
                name,
                pos,
                author: None
            },
        }),
        id().prop_map(|id| Edit::RemoveTool { id }),
        (id(), text()).prop_map(|(id, name)| Edit::RenameTool { id, name }),
        (index(), id(), id(), id(), text(), kind(), share()).prop_map(
            |(index, id, from, to, label, kind, share)| Edit::InsertFlow {
                index,
                flow: Flow {
                    id,
                    from,
                    to,
                    label,
                    kind,
                    share,
                },
            }
        ),
        id().prop_map(|id| Edit::RemoveFlow { id }),
        (id(), text()).prop_map(|(id, label)| Edit::SetFlowLabel { id, label }),
        (id(), kind()).prop_map(|(id, kind)| Edit::SetFlowKind { id, kind }),
        (id(), share()).prop_map(|(id, share)| Edit::SetFlowShare { id, share }),
        (
            index(),
            id(),
            text(),
            proptest::option::of(board_pos()),
            proptest::option::of(grid_pos())
        )
            .prop_map(|(index, id, name, board_pos, grid)| Edit::InsertTask {
                index,
                task: Task {
                    id,
                    name,
                    board_pos,
                    // Inserted tasks come from the UI, already on the grid.
                    grid: grid.map(|g| GridPos::new(g.predictability, g.stakes)),
                    ..Task::default()
                },
            }),
        id().prop_map(|id| Edit::RemoveTask { id }),
        (id(), text()).prop_map(|(id, name)| Edit::RenameTask { id, name }),
        (id(), proptest::option::of(board_pos()))
            .prop_map(|(id, pos)| Edit::SetTaskBoardPos { id, pos }),
        proptest::collection::vec((note(), board_pos()), 0..4)
            .prop_map(|moves| Edit::MoveNotes { moves }),
        (id(), proptest::option::of(grid_pos()))
            .prop_map(|(id, grid)| Edit::PlaceTask { id, grid }),
        header().prop_map(Edit::SetHeader),
        (
            prop::sample::select(ScoreSet::ALL.to_vec()),
            prop::sample::select(Question::ALL.to_vec()),
            score()
        )
            .prop_map(|(set, question, value)| Edit::SetScore {
                set,
                question,
                value,
            }),
    ]
}

/// Any edit, including (nested) batches.
fn edit() -> impl Strategy<Value = Edit> {
    leaf_edit().prop_recursive(2, 24, 5, |inner| {
        proptest::collection::vec(inner, 0..5).prop_map(Edit::Batch)
    })
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    proptest::collection::vec(edit(), 0..40)
}

/// Whether an edit contains an insert (which advances `next_id` even when a
/// later part of the same batch fails and the batch is rolled back).
fn inserts(edit: &Edit) -> bool {
    match edit {
        Edit::InsertTool { .. } | Edit::InsertFlow { .. } | Edit::InsertTask { .. } => true,
        Edit::Batch(edits) => edits.iter().any(inserts),
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// (a) An applied edit's inverse restores the content; a failing edit
    /// changes nothing.
    #[test]
    fn every_inverse_undoes_its_edit(edits in edits()) {
        let mut session = small_session();
        for edit in edits {
            let before = session.clone();
            let may_advance_ids = inserts(&edit);
            match apply(&mut session, edit.clone()) {
                Ok(inverse) => {
                    let after = session.clone();
                    prop_assert!(session.problems().is_empty(), "{:?}", session.problems());
                    let redo = apply(&mut session, inverse.clone());
                    prop_assert!(redo.is_ok(), "inverse {inverse:?} of {edit:?} failed: {redo:?}");
                    prop_assert!(
                        session.same_content(&before),
                        "undoing {edit:?} with {inverse:?} gave\n{session:?}\ninstead of\n{before:?}"
                    );
                    prop_assert!(session.next_id >= after.next_id, "undo lowered next_id");
                    // Redo via the inverse's inverse, to go on from `after`.
                    if let Ok(redo) = redo {
                        prop_assert!(apply(&mut session, redo).is_ok());
                        prop_assert!(session.same_content(&after));
                    }
                }
                Err(err) => {
                    prop_assert!(
                        session.same_content(&before),
                        "failed edit {edit:?} ({err}) changed the session"
                    );
                    if !may_advance_ids {
                        prop_assert_eq!(&session, &before, "failed edit {:?} ({})", edit, err);
                    }
                }
            }
        }
    }

    /// (b) Through the history: undo everything gives the original content,
    /// redo everything gives the final content.
    #[test]
    fn history_undoes_and_redoes_whole_sequences(edits in edits(), seal_every in 1usize..4) {
        let original = small_session();
        let mut session = original.clone();
        let mut history = History::default();
        for (i, edit) in edits.into_iter().enumerate() {
            let before = session.clone();
            if history.apply(&mut session, edit).is_err() {
                prop_assert!(session.same_content(&before));
            }
            if i % seal_every == 0 {
                history.seal();
            }
        }
        let last = session.clone();

        let mut undone = 0;
        loop {
            match history.undo(&mut session) {
                Ok(true) => undone += 1,
                Ok(false) => break,
                Err(err) => prop_assert!(false, "undo step {undone} failed: {err}"),
            }
            prop_assert!(session.problems().is_empty(), "{:?}", session.problems());
        }
        prop_assert!(!history.can_undo());
        prop_assert!(
            session.same_content(&original),
            "after {undone} undos:\n{session:?}\ninstead of\n{original:?}"
        );

        let mut redone = 0;
        loop {
            match history.redo(&mut session) {
                Ok(true) => redone += 1,
                Ok(false) => break,
                Err(err) => prop_assert!(false, "redo step {redone} failed: {err}"),
            }
        }
        prop_assert_eq!(redone, undone);
        prop_assert!(!history.can_redo());
        prop_assert!(
            session.same_content(&last),
            "after {redone} redos:\n{session:?}\ninstead of\n{last:?}"
        );
    }

    /// (c) No sequence of edits, applied or refused, makes a session
    /// inconsistent; placed tasks always sit inside the grid.
    #[test]
    fn edits_never_make_a_session_inconsistent(edits in edits()) {
        let mut session = small_session();
        for edit in edits {
            let _refused_or_applied = apply(&mut session, edit);
            prop_assert!(session.problems().is_empty(), "{:?}\n{session:?}", session.problems());
        }
        for task in &session.tasks {
            if let Some(g) = task.grid {
                prop_assert!(
                    (-1.0..=1.0).contains(&g.predictability) && (-1.0..=1.0).contains(&g.stakes),
                    "task {} at {g:?}",
                    task.id
                );
            }
        }
        prop_assert!(session.peek_id(0).0 >= session.next_id);
    }
}

/// The small session itself is sound, so the properties start from a
/// consistent state.
#[test]
fn the_small_session_is_sound() {
    assert!(small_session().problems().is_empty());
    assert_eq!(small_session().peek_id(0), Id(9));
}
