//! Version-1 session files (the first release: tool map, typology and the
//! team-consensus scores only) still open, migrated to version 2 in memory,
//! and are written back as version 2.
//!
//! The fixture `tests/fixtures/v1-asana-github-2026-Q1.ron` is frozen: it is
//! what the first release wrote for the Asana ↔ GitHub example.

use std::path::{Path, PathBuf};

use rhythm::model::{
    AutomationCheck, BoardPos, FlowKind, GridPos, Id, Session, WorkModel, WorkModelScores,
    default_zones,
};
use rhythm::store;
use serde::Deserialize;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-asana-github-2026-Q1.ron")
}

fn load_fixture() -> Session {
    let path = fixture();
    store::load(&path).unwrap_or_else(|e| panic!("{}", e.with_path(&path)))
}

/// The version-1 layout, read independently of `store`: every field a
/// version-1 file has, and nothing else (an unknown field fails the read,
/// so the fixture cannot silently be a version-2 file).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V1File {
    version: u32,
    header: V1Header,
    tools: Vec<V1Tool>,
    flows: Vec<V1Flow>,
    tasks: Vec<V1Task>,
    scores: V1Scores,
    next_id: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct V1Header {
    title: String,
    team: String,
    quarter: String,
    date: String,
    facilitator: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V1Pos {
    x: f32,
    y: f32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V1Tool {
    id: u64,
    name: String,
    pos: V1Pos,
}

#[derive(Deserialize, PartialEq, Debug)]
enum V1Kind {
    Designed,
    Shadow,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V1Flow {
    id: u64,
    from: u64,
    to: u64,
    label: String,
    kind: V1Kind,
    share: Option<u8>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V1Grid {
    predictability: f32,
    stakes: f32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V1Task {
    id: u64,
    name: String,
    board_pos: Option<V1Pos>,
    grid: Option<V1Grid>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V1Scores {
    as_is: V1Model,
    as_run: V1Model,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V1Model {
    output: Option<u8>,
    process: Option<u8>,
    primary_metric: Option<u8>,
    individual: Option<u8>,
}

impl From<V1Model> for WorkModel {
    fn from(m: V1Model) -> Self {
        WorkModel {
            output: m.output,
            process: m.process,
            primary_metric: m.primary_metric,
            individual: m.individual,
        }
    }
}

fn read_v1() -> V1File {
    let text = std::fs::read_to_string(fixture()).expect("fixture is readable");
    ron::from_str(&text).expect("the fixture has the version-1 layout")
}

#[test]
fn the_fixture_is_a_version_1_file() {
    let text = std::fs::read_to_string(fixture()).expect("fixture is readable");
    assert_eq!(store::file_version(&text), Some(1));
    assert!(text.starts_with("(\n    version: 1,\n"), "{text}");
    let v1 = read_v1();
    assert_eq!(v1.version, 1);
    for missing in [
        "participants",
        "pain_points",
        "zones",
        "airlocks",
        "changes",
        "author",
    ] {
        assert!(!text.contains(missing), "a v1 file has no {missing}");
    }
}

#[test]
fn a_version_1_file_loads_with_its_tool_map_and_tasks_unchanged() {
    let v1 = read_v1();
    let session = load_fixture();

    assert_eq!(session.header.title, v1.header.title);
    assert_eq!(session.header.team, v1.header.team);
    assert_eq!(session.header.quarter, "2026-Q1");
    assert_eq!(session.header.facilitator, "Tomás Lindqvist");

    assert_eq!(session.tools.len(), 6);
    assert_eq!(session.tools.len(), v1.tools.len());
    for (tool, old) in session.tools.iter().zip(&v1.tools) {
        assert_eq!(tool.id, Id(old.id));
        assert_eq!(tool.name, old.name);
        assert_eq!(
            tool.pos,
            BoardPos::new(old.pos.x, old.pos.y),
            "{}",
            tool.name
        );
        assert_eq!(tool.author, None);
    }

    assert_eq!(session.flows.len(), 8);
    assert_eq!(session.flows.len(), v1.flows.len());
    for (flow, old) in session.flows.iter().zip(&v1.flows) {
        assert_eq!(
            (flow.id, flow.from, flow.to),
            (Id(old.id), Id(old.from), Id(old.to))
        );
        assert_eq!(flow.label, old.label);
        let kind = match old.kind {
            V1Kind::Designed => FlowKind::Designed,
            V1Kind::Shadow => FlowKind::Shadow,
        };
        assert_eq!(flow.kind, kind, "{}", flow.label);
        assert_eq!(flow.share, old.share, "{}", flow.label);
    }
    let dms = session
        .flows
        .iter()
        .find(|f| f.id == Id(12))
        .expect("the Slack DMs flow");
    assert_eq!((dms.kind, dms.share), (FlowKind::Shadow, Some(40)));

    assert_eq!(session.tasks.len(), 9);
    assert_eq!(session.tasks.len(), v1.tasks.len());
    for (task, old) in session.tasks.iter().zip(&v1.tasks) {
        assert_eq!(task.id, Id(old.id));
        assert_eq!(task.name, old.name);
        assert_eq!(
            task.board_pos,
            old.board_pos.as_ref().map(|p| BoardPos::new(p.x, p.y)),
            "{}",
            task.name
        );
        assert_eq!(
            task.grid,
            old.grid.as_ref().map(|g| GridPos {
                predictability: g.predictability,
                stakes: g.stakes,
            }),
            "{}",
            task.name
        );
        // Lenses and authors are new in version 2: unanswered.
        assert_eq!(task.automation, AutomationCheck::default(), "{}", task.name);
        assert_eq!(task.automation.label(), None);
        assert_eq!(task.unexpected, None);
        assert_eq!(task.author, None);
    }

    assert_eq!(
        session.scores,
        WorkModelScores {
            as_is: v1.scores.as_is.into(),
            as_run: v1.scores.as_run.into(),
        }
    );
    assert_eq!(session.next_id, v1.next_id);
    assert_eq!(session.next_id, 24);
}

#[test]
fn a_version_1_file_gains_the_four_default_zones_and_nothing_else() {
    let session = load_fixture();
    assert_eq!(session.zones, default_zones());
    assert_eq!(session.zones.len(), 4);
    assert!(session.zones.iter().all(|z| z.rhythm == z.quadrant));
    assert!(session.zones.iter().all(|z| z.principles.is_empty()));
    assert!(session.participants.is_empty());
    assert!(session.pain_points.is_empty());
    assert!(session.airlocks.is_empty());
    assert!(session.changes.is_empty());
    assert!(session.problems().is_empty(), "{:?}", session.problems());
    // With no participant scores, the consensus drives the work model.
    assert!(!session.has_participant_scores());
}

#[test]
fn saving_a_migrated_file_writes_version_2_and_reloads_equal() {
    let session = load_fixture();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("migrated.ron");
    store::save(&path, &session).expect("save");

    let text = std::fs::read_to_string(&path).expect("read back");
    assert!(text.starts_with("(\n    version: 2,\n"), "{text}");
    assert_eq!(store::file_version(&text), Some(2));
    for field in [
        "participants: [],",
        "pain_points: [],",
        "zones: [",
        "airlocks: [],",
        "changes: [],",
    ] {
        assert!(text.contains(field), "missing {field:?} in\n{text}");
    }
    assert_eq!(text, store::to_ron(&session).expect("to_ron"));

    let reloaded = store::load(&path).unwrap_or_else(|e| panic!("{}", e.with_path(&path)));
    assert_eq!(reloaded, session);

    // Saved again, the same bytes.
    let again = dir.path().join("again.ron");
    store::save(&again, &reloaded).expect("save again");
    assert_eq!(std::fs::read_to_string(&again).expect("read again"), text);
}

#[test]
fn the_version_2_example_keeps_the_version_1_tool_map() {
    // sessions/asana-github-2026-Q1.ron is the fixture with Steps 2 and 4
    // filled in: the same tools, flows and task placements.
    let v1 = load_fixture();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/asana-github-2026-Q1.ron");
    let v2 = store::load(&path).unwrap_or_else(|e| panic!("{}", e.with_path(&path)));
    assert_eq!(v2.header, v1.header);
    assert_eq!(v2.tools, v1.tools);
    assert_eq!(v2.flows, v1.flows);
    assert_eq!(v2.tasks.len(), v1.tasks.len());
    for (new, old) in v2.tasks.iter().zip(&v1.tasks) {
        assert_eq!(
            (new.id, &new.name, new.board_pos, new.grid),
            (old.id, &old.name, old.board_pos, old.grid)
        );
    }
    assert!(v2.next_id >= v1.next_id);
}
