//! Property tests of the edit model: every edit's inverse undoes it, the
//! history undoes and redoes whole sequences, and no sequence of edits
//! makes a session inconsistent.
//!
//! The generated edits cover all four steps: the tool map and typology
//! (Steps 1 and 3), participants, pain points, airlocks and changes
//! inserted, updated and removed (Steps 2 and 4, with hours out of range or
//! not a number, attachments to missing tools and flows, scores outside
//! 1–10), zones, task lenses, participants' scores and moving free pain
//! points, and dot votes (issue 6): started on tasks or pain points,
//! replaced, ended, revealed, and dots placed and removed by participants
//! and non-participants on candidates, notes of the other kind and missing
//! notes — so removing a participant or a note with dots on it is covered
//! too.

use proptest::prelude::*;
use rhythm::model::{
    Airlock, Attachment, AutomationCheck, BoardPos, Change, ChangeStatus, Edit, Entity, Flow,
    FlowKind, GridPos, History, Id, NoteRef, Owner, PainCategory, PainPoint, Participant, Quadrant,
    Question, ScoreSet, Session, SessionHeader, Target, Task, Tool, UnexpectedWay, Vote, VoteOn,
    WorkModel, WorkModelScores, Zone, apply,
};

/// Ids drawn from here hit the small session's tools (1–3), flows (4–5),
/// tasks (6–8), participants (9–10), pain points (11–13), airlock (14),
/// change (15) and ids that are free (0, 16–19).
const MAX_ID: u64 = 20;

/// Three tools, two flows (one shadow), three tasks (one on the board, one
/// in the tray), a few scores, two participants, three pain points (on a
/// tool, on the shadow flow, free-standing), an airlock and a change.
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
        participants: vec![
            Participant {
                id: Id(9),
                name: "Noor".to_owned(),
                colour: [0x1F, 0x5F, 0xA8],
                scores: WorkModelScores {
                    as_is: WorkModel {
                        output: Some(8),
                        process: Some(9),
                        primary_metric: None,
                        individual: Some(7),
                    },
                    as_run: WorkModel {
                        output: Some(3),
                        ..WorkModel::default()
                    },
                },
            },
            Participant {
                id: Id(10),
                name: "Felix".to_owned(),
                colour: [0xA8, 0x3A, 0x1F],
                scores: WorkModelScores::default(),
            },
        ],
        pain_points: vec![
            PainPoint {
                id: Id(11),
                text: "story points".to_owned(),
                category: PainCategory::Orchestra,
                hours_per_week: Some(3.0),
                attached: Attachment::Tool(Id(1)),
                pos: BoardPos::default(),
                author: Some(Id(9)),
                reassess: false,
            },
            PainPoint {
                id: Id(12),
                text: "lost in DMs".to_owned(),
                category: PainCategory::Jam,
                hours_per_week: Some(5.0),
                attached: Attachment::Flow(Id(5)),
                pos: BoardPos::default(),
                author: Some(Id(10)),
                reassess: false,
            },
            PainPoint {
                id: Id(13),
                text: "which spec?".to_owned(),
                category: PainCategory::Jam,
                hours_per_week: None,
                attached: Attachment::Free,
                pos: BoardPos::new(0.0, 760.0),
                author: None,
                reassess: false,
            },
        ],
        airlocks: vec![Airlock {
            id: Id(14),
            name: "Spike → roadmap".to_owned(),
            from: Quadrant::JamSession,
            to: Quadrant::Orchestra,
            entry: "write-up".to_owned(),
            exit: "epic".to_owned(),
            handover: "spec".to_owned(),
        }],
        changes: vec![Change {
            id: Id(15),
            description: "Updates in Asana".to_owned(),
            owner: Owner::Participant(Id(9)),
            target: Target::Flow(Id(5)),
            metric: "share outside Asana".to_owned(),
            unit: "%".to_owned(),
            baseline: Some(40.0),
            target_value: Some(5.0),
            status: ChangeStatus::InProgress,
            measured: None,
        }],
        next_id: 16,
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
    prop_oneof![
        id().prop_map(NoteRef::Tool),
        id().prop_map(NoteRef::Task),
        id().prop_map(NoteRef::Pain)
    ]
}

fn quadrant() -> impl Strategy<Value = Quadrant> {
    prop::sample::select(Quadrant::ALL.to_vec())
}

fn set() -> impl Strategy<Value = ScoreSet> {
    prop::sample::select(ScoreSet::ALL.to_vec())
}

fn question() -> impl Strategy<Value = Question> {
    prop::sample::select(Question::ALL.to_vec())
}

/// A set of four answers, each sometimes outside 1–10 (invalid).
fn work_model() -> impl Strategy<Value = WorkModel> {
    (score(), score(), score(), score()).prop_map(
        |(output, process, primary_metric, individual)| WorkModel {
            output,
            process,
            primary_metric,
            individual,
        },
    )
}

/// Four valid answers (1–10 or unscored).
fn valid_work_model() -> impl Strategy<Value = WorkModel> {
    (valid_score(), valid_score(), valid_score(), valid_score()).prop_map(
        |(output, process, primary_metric, individual)| WorkModel {
            output,
            process,
            primary_metric,
            individual,
        },
    )
}

/// A participant whose scores are valid three times in four, else may hold
/// scores outside 1–10 (refused).
fn participant() -> BoxedStrategy<Participant> {
    let scores = prop_oneof![
        3 => (valid_work_model(), valid_work_model()),
        1 => (work_model(), work_model()),
    ];
    (item_id(), text(), any::<[u8; 3]>(), scores)
        .prop_map(|(id, name, colour, (as_is, as_run))| Participant {
            id,
            name,
            colour,
            scores: WorkModelScores { as_is, as_run },
        })
        .boxed()
}

/// Hours per week: often valid (0–168), sometimes negative, over a week,
/// or not a number.
fn hours() -> impl Strategy<Value = Option<f32>> {
    prop_oneof![
        2 => Just(None),
        8 => (0.0f32..=168.0).prop_map(Some),
        1 => Just(Some(168.0)),
        1 => (-50.0f32..-0.001).prop_map(Some),
        1 => (168.001f32..1000.0).prop_map(Some),
        1 => Just(Some(f32::NAN)),
        1 => Just(Some(f32::INFINITY)),
    ]
}

/// Free, or on a tool or flow: mostly the small session's (tools 1–3,
/// flows 4–5, unless removed meanwhile), sometimes any id, often missing.
fn attachment() -> impl Strategy<Value = Attachment> {
    prop_oneof![
        2 => Just(Attachment::Free),
        2 => (1u64..=3).prop_map(|id| Attachment::Tool(Id(id))),
        1 => id().prop_map(Attachment::Tool),
        2 => (4u64..=5).prop_map(|id| Attachment::Flow(Id(id))),
        1 => id().prop_map(Attachment::Flow),
    ]
}

/// An id for a new participant, pain point, airlock or change: half the
/// time one of the small session's free ids, else any id (often taken).
fn item_id() -> impl Strategy<Value = Id> {
    prop_oneof![(16u64..MAX_ID).prop_map(Id), id()]
}

/// A score that is valid (1–10) or unscored.
fn valid_score() -> impl Strategy<Value = Option<u8>> {
    proptest::option::of(1u8..=10)
}

/// A board position, now and then not finite (refused).
fn any_board_pos() -> impl Strategy<Value = BoardPos> {
    prop_oneof![
        8 => board_pos(),
        1 => Just(BoardPos::new(f32::NAN, 0.0)),
    ]
}

fn pain_point() -> BoxedStrategy<PainPoint> {
    (
        item_id(),
        text(),
        prop_oneof![Just(PainCategory::Orchestra), Just(PainCategory::Jam)],
        hours(),
        attachment(),
        any_board_pos(),
        proptest::option::of(id()),
    )
        .prop_map(
            |(id, text, category, hours_per_week, attached, pos, author)| PainPoint {
                id,
                text,
                category,
                hours_per_week,
                attached,
                pos,
                author,
                reassess: false,
            },
        )
        .boxed()
}

fn airlock() -> BoxedStrategy<Airlock> {
    (
        item_id(),
        text(),
        quadrant(),
        quadrant(),
        text(),
        text(),
        text(),
    )
        .prop_map(|(id, name, from, to, entry, exit, handover)| Airlock {
            id,
            name,
            from,
            to,
            entry,
            exit,
            handover,
        })
        .boxed()
}

fn change() -> BoxedStrategy<Change> {
    let owner = prop_oneof![
        Just(Owner::Nobody),
        id().prop_map(Owner::Participant),
        text().prop_map(Owner::Named),
    ];
    let target = prop_oneof![
        Just(Target::Nothing),
        id().prop_map(Target::Tool),
        id().prop_map(Target::Flow),
        id().prop_map(Target::Task),
        quadrant().prop_map(Target::Zone),
    ];
    let value = proptest::option::of(-100.0f64..1000.0);
    (
        (item_id(), text(), owner, target),
        (text(), text(), value.clone(), value),
        prop::sample::select(ChangeStatus::ALL.to_vec()),
    )
        .prop_map(
            |((id, description, owner, target), (metric, unit, baseline, target_value), status)| {
                Change {
                    id,
                    description,
                    owner,
                    target,
                    metric,
                    unit,
                    baseline,
                    target_value,
                    status,
                    measured: None,
                }
            },
        )
        .boxed()
}

fn item() -> BoxedStrategy<Entity> {
    prop_oneof![
        participant().prop_map(Entity::Participant),
        pain_point().prop_map(Entity::PainPoint),
        airlock().prop_map(Entity::Airlock),
        change().prop_map(Entity::Change),
    ]
    .boxed()
}

/// A new entity: half the time [`Edit::Add`] (the model gives it an id,
/// whatever it carries), else [`Edit::Insert`] at `index` under its own
/// id (taken or free).
fn put(add: bool, index: usize, entity: Entity) -> Edit {
    if add {
        Edit::Add(entity)
    } else {
        Edit::Insert { index, entity }
    }
}

fn zone() -> BoxedStrategy<Zone> {
    (quadrant(), quadrant(), text())
        .prop_map(|(quadrant, rhythm, principles)| Zone {
            quadrant,
            rhythm,
            principles,
        })
        .boxed()
}

fn answer() -> impl Strategy<Value = Option<bool>> {
    proptest::option::of(any::<bool>())
}

fn automation() -> BoxedStrategy<AutomationCheck> {
    (answer(), answer(), answer(), answer())
        .prop_map(
            |(subjective, variable, repetitive, consistency)| AutomationCheck {
                subjective,
                variable,
                repetitive,
                consistency,
            },
        )
        .boxed()
}

fn unexpected() -> impl Strategy<Value = Option<UnexpectedWay>> {
    proptest::option::of(prop_oneof![
        Just(UnexpectedWay::Success),
        Just(UnexpectedWay::Failure)
    ])
}

fn header() -> BoxedStrategy<SessionHeader> {
    (text(), text(), text(), text(), text())
        .prop_map(|(title, team, quarter, date, facilitator)| SessionHeader {
            title,
            team,
            quarter,
            date,
            facilitator,
        })
        .boxed()
}

/// One edit that is not a batch; ids may be missing, taken or free, flows
/// may be self-loops or dangle, values may be out of range.
fn leaf_edit() -> BoxedStrategy<Edit> {
    prop_oneof![3 => map_edit(), 2 => item_edit(), 2 => vote_edit()].boxed()
}

/// One dot-vote edit (Dot voting, issue 6): a vote started (or replacing
/// the running one) on tasks or pain points with 1–20 dots, ended,
/// revealed or hidden; a dot placed or removed by Noor or Felix (9–10) or
/// any id, on a task (6–8), a pain point (11–13) or any id; a voted-on
/// note or a voter removed (their dots go with them, undo puts them back).
/// Refused edits (no vote, out of dots, wrong kind, missing ids) are part
/// of the mix.
fn vote_edit() -> BoxedStrategy<Edit> {
    let on = prop::sample::select(VoteOn::ALL.to_vec());
    let dots = prop_oneof![3 => 1u8..=3, 1 => Just(20u8)];
    let participant = prop_oneof![3 => (9u64..=10).prop_map(Id), 1 => id()];
    let note = prop_oneof![
        2 => (6u64..=8).prop_map(Id),
        2 => (11u64..=13).prop_map(Id),
        1 => id()
    ];
    prop_oneof![
        2 => (on, dots, text()).prop_map(|(on, dots, question)| {
            let vote = Vote::new(on, dots).expect("1–20 dots are valid");
            Edit::StartVote(vote.with_question(question))
        }),
        1 => Just(Edit::EndVote),
        6 => (participant.clone(), note.clone())
            .prop_map(|(participant, note)| Edit::PlaceDot { participant, note }),
        2 => (participant, note)
            .prop_map(|(participant, note)| Edit::RemoveDot { participant, note }),
        1 => any::<bool>().prop_map(Edit::RevealVote),
        // Removing what dots are on, or who placed them: a task, a voter, a
        // pain point, or a tool or flow with pain points attached.
        2 => prop_oneof![
            (6u64..=8).prop_map(|id| Edit::Remove { id: Id(id) }),
            (9u64..=13).prop_map(|id| Edit::Remove { id: Id(id) }),
            Just(Edit::Remove { id: Id(1) }),
            Just(Edit::Remove { id: Id(5) }),
        ],
    ]
    .boxed()
}

/// One edit of the tool map, the typology, the header or the consensus
/// scores (Steps 1 and 3).
fn map_edit() -> BoxedStrategy<Edit> {
    prop_oneof![
        (any::<bool>(), index(), id(), text(), board_pos()).prop_map(
            |(add, index, id, name, pos)| put(
                add,
                index,
                Entity::Tool(Tool {
                    id,
                    name,
                    pos,
                    author: None
                }),
            )
        ),
        id().prop_map(|id| Edit::Remove { id }),
        (id(), text()).prop_map(|(id, name)| Edit::RenameTool { id, name }),
        (
            any::<bool>(),
            index(),
            id(),
            id(),
            id(),
            text(),
            kind(),
            share()
        )
            .prop_map(|(add, index, id, from, to, label, kind, share)| put(
                add,
                index,
                Entity::Flow(Flow {
                    id,
                    from,
                    to,
                    label,
                    kind,
                    share,
                }),
            )),
        (id(), text()).prop_map(|(id, label)| Edit::SetFlowLabel { id, label }),
        (id(), kind()).prop_map(|(id, kind)| Edit::SetFlowKind { id, kind }),
        (id(), share()).prop_map(|(id, share)| Edit::SetFlowShare { id, share }),
        (
            any::<bool>(),
            index(),
            id(),
            text(),
            proptest::option::of(board_pos()),
            proptest::option::of(grid_pos())
        )
            .prop_map(|(add, index, id, name, board_pos, grid)| put(
                add,
                index,
                Entity::Task(Task {
                    id,
                    name,
                    board_pos,
                    // Off the grid too: the model clamps it.
                    grid,
                    ..Task::default()
                }),
            )),
        (id(), text()).prop_map(|(id, name)| Edit::RenameTask { id, name }),
        (id(), proptest::option::of(board_pos()))
            .prop_map(|(id, pos)| Edit::SetTaskBoardPos { id, pos }),
        proptest::collection::vec((note(), board_pos()), 0..4)
            .prop_map(|moves| Edit::MoveNotes { moves }),
        (id(), proptest::option::of(grid_pos()))
            .prop_map(|(id, grid)| Edit::PlaceTask { id, grid }),
        header().prop_map(Edit::SetHeader),
        (set(), question(), score()).prop_map(|(set, question, value)| Edit::SetScore {
            set,
            question,
            value,
        }),
    ]
    .boxed()
}

/// One edit of Steps 2 and 4 and the per-task and per-participant lenses:
/// participants, pain points, airlocks and changes inserted, updated and
/// removed (ids taken or free, hours out of range or not a number,
/// attachments to missing tools and flows, scores outside 1–10), zones,
/// task lenses and participants' scores.
fn item_edit() -> BoxedStrategy<Edit> {
    prop_oneof![
        3 => (any::<bool>(), index(), item()).prop_map(|(add, index, item)| put(add, index, item)),
        2 => item().prop_map(|mut item| {
            // Half the time, an item that exists in the small session.
            if item.id().0 % 2 == 0 {
                match &mut item {
                    Entity::Participant(x) => x.id = Id(9),
                    Entity::PainPoint(x) => x.id = Id(11),
                    Entity::Airlock(x) => x.id = Id(14),
                    Entity::Change(x) => x.id = Id(15),
                    _ => {}
                }
            }
            Edit::Update(item)
        }),
        1 => id().prop_map(|id| Edit::Remove { id }),
        1 => zone().prop_map(Edit::SetZone),
        1 => (id(), automation(), unexpected()).prop_map(|(id, automation, unexpected)| {
            Edit::SetTaskLenses {
                id,
                automation,
                unexpected,
            }
        }),
        2 => (
            prop_oneof![(9u64..=10).prop_map(Id), id()],
            set(),
            question(),
            score()
        )
            .prop_map(|(id, set, question, value)| Edit::SetParticipantScore {
                id,
                set,
                question,
                value,
            }),
    ]
    .boxed()
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
        Edit::Add(_) | Edit::Insert { .. } => true,
        Edit::Batch(edits) => edits.iter().any(inserts),
        _ => false,
    }
}

/// Whether `apply` still accepts an insert whose id is taken by a
/// participant, pain point, airlock or change (a known gap in the model's
/// id check, pinned by [`an_insert_reusing_any_used_id_is_refused`]).
/// While it does, edits that would hit the gap are skipped so that the
/// properties still test everything else; once the model refuses such ids
/// this returns `false` and nothing is skipped.
fn model_accepts_reused_item_ids() -> bool {
    let mut session = small_session();
    let tool = Tool {
        id: Id(9), // participant Noor's id
        name: "Jira".to_owned(),
        pos: BoardPos::new(0.0, 0.0),
        author: None,
    };
    apply(
        &mut session,
        Edit::Insert {
            index: 0,
            entity: Entity::Tool(tool),
        },
    )
    .is_ok()
}

/// The ids an edit inserts, batches included.
fn inserted_ids(edit: &Edit, out: &mut Vec<Id>) {
    match edit {
        // An added entity gets a fresh id from the model: never a reuse.
        Edit::Insert { entity, .. } => out.push(entity.id()),
        Edit::Batch(edits) => edits.iter().for_each(|e| inserted_ids(e, out)),
        _ => {}
    }
}

/// Whether `edit` could insert an id the model's check lets through while
/// it is already in use: one taken by a participant, pain point, airlock
/// or change, or one inserted twice by the same batch.
fn hits_reused_id_gap(session: &Session, edit: &Edit) -> bool {
    let mut ids = Vec::new();
    inserted_ids(edit, &mut ids);
    let unguarded: std::collections::HashSet<Id> = session
        .participants
        .iter()
        .map(|p| p.id)
        .chain(session.pain_points.iter().map(|p| p.id))
        .chain(session.airlocks.iter().map(|a| a.id))
        .chain(session.changes.iter().map(|c| c.id))
        .collect();
    let mut seen = std::collections::HashSet::new();
    ids.iter()
        .any(|id| unguarded.contains(id) || !seen.insert(*id))
}

/// Everything that makes a session inconsistent: [`Session::problems`]
/// plus the Step 2 and Step 4 rules `apply` enforces on its own — pain
/// points attached to tools and flows that exist, hours within 0–168,
/// participants' scores within 1–10, one zone per quadrant in
/// [`Quadrant::ALL`] order.
fn inconsistencies(session: &Session) -> Vec<String> {
    let mut out: Vec<String> = session.problems().into_iter().map(|p| p.message).collect();
    for pain in &session.pain_points {
        let attached = match pain.attached {
            Attachment::Free => true,
            Attachment::Tool(id) => session.tool(id).is_some(),
            Attachment::Flow(id) => session.flow(id).is_some(),
        };
        if !attached {
            out.push(format!("pain point {} is attached to nothing", pain.id));
        }
        if let Some(h) = pain.hours_per_week
            && !(h.is_finite() && (0.0..=168.0).contains(&h))
        {
            out.push(format!("pain point {} has {h} hours/week", pain.id));
        }
        if !(pain.pos.x.is_finite() && pain.pos.y.is_finite()) {
            out.push(format!("pain point {} is off the board", pain.id));
        }
    }
    for person in &session.participants {
        for set in ScoreSet::ALL {
            for q in Question::ALL {
                if let Some(v) = person.scores.set(set).get(q)
                    && !(1..=10).contains(&v)
                {
                    out.push(format!("participant {} scored {v}", person.id));
                }
            }
        }
    }
    let quadrants: Vec<Quadrant> = session.zones.iter().map(|z| z.quadrant).collect();
    if quadrants != Quadrant::ALL {
        out.push(format!("zones {quadrants:?}"));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// (a) An applied edit's inverse restores the content; a failing edit
    /// changes nothing.
    #[test]
    fn every_inverse_undoes_its_edit(edits in edits()) {
        let skip_gap = model_accepts_reused_item_ids();
        let mut session = small_session();
        for edit in edits {
            if skip_gap && hits_reused_id_gap(&session, &edit) {
                continue;
            }
            let before = session.clone();
            let may_advance_ids = inserts(&edit);
            match apply(&mut session, edit.clone()) {
                Ok(applied) => {
                    let inverse = applied.inverse;
                    let after = session.clone();
                    prop_assert!(inconsistencies(&session).is_empty(), "{:?}", inconsistencies(&session));
                    let redo = apply(&mut session, inverse.clone());
                    prop_assert!(redo.is_ok(), "inverse {inverse:?} of {edit:?} failed: {redo:?}");
                    prop_assert!(
                        session.same_content(&before),
                        "undoing {edit:?} with {inverse:?} gave\n{session:?}\ninstead of\n{before:?}"
                    );
                    prop_assert!(session.next_id >= after.next_id, "undo lowered next_id");
                    // Redo via the inverse's inverse, to go on from `after`.
                    if let Ok(redo) = redo {
                        prop_assert!(apply(&mut session, redo.inverse).is_ok());
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
        let skip_gap = model_accepts_reused_item_ids();
        let original = small_session();
        let mut session = original.clone();
        let mut history = History::default();
        for (i, edit) in edits.into_iter().enumerate() {
            if skip_gap && hits_reused_id_gap(&session, &edit) {
                continue;
            }
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
            prop_assert!(inconsistencies(&session).is_empty(), "{:?}", inconsistencies(&session));
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
        let skip_gap = model_accepts_reused_item_ids();
        let mut session = small_session();
        for edit in edits {
            if skip_gap && hits_reused_id_gap(&session, &edit) {
                continue;
            }
            let _refused_or_applied = apply(&mut session, edit);
            prop_assert!(
                inconsistencies(&session).is_empty(),
                "{:?}\n{session:?}",
                inconsistencies(&session)
            );
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
    assert!(inconsistencies(&small_session()).is_empty());
    assert_eq!(small_session().peek_id(0), Id(16));
}

/// Ids are unique across tools, flows, tasks, participants, pain points,
/// airlocks and changes ([`Session::problems`] says so), so inserting any
/// entity under an id in use must be refused. The model checks only tools,
/// flows and tasks today; see [`model_accepts_reused_item_ids`].
#[test]
fn an_insert_reusing_any_used_id_is_refused() {
    let session = small_session();
    let noor = session.participants[0].clone();
    let reuse = [
        Edit::Insert {
            index: 0,
            entity: Entity::Tool(Tool {
                id: noor.id,
                name: "Jira".to_owned(),
                pos: BoardPos::new(0.0, 0.0),
                author: None,
            }),
        },
        Edit::Insert {
            index: 0,
            entity: Entity::Participant(noor.clone()),
        },
        Edit::Insert {
            index: 0,
            entity: Entity::Airlock(Airlock {
                id: Id(12), // a pain point's id
                ..session.airlocks[0].clone()
            }),
        },
    ];
    for edit in reuse {
        let mut s = session.clone();
        let result = apply(&mut s, edit.clone());
        assert!(result.is_err(), "{edit:?} was accepted: {:?}", s.problems());
        assert_eq!(s, session);
    }
}
