//! The loader against hostile input (issue 5), as property tests: the
//! example files mutated byte-wise and structurally never make
//! `store::decode` + `store::parse` panic or hang, and whatever loads is
//! sound and stable. And a round trip: every generated session reads back
//! equal from the bytes `store::to_ron` writes.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree as _;
use rhythm::model::{
    Airlock, Attachment, AutomationCheck, BoardPos, Change, ChangeStatus, Flow, FlowKind, GridPos,
    Id, Owner, PainCategory, PainPoint, Participant, Quadrant, Session, SessionHeader, Target,
    Task, Tool, UnexpectedWay, WorkModel, WorkModelScores, Zone, clean_text,
};
use rhythm::store;

/// Longest a single read may take (debug build, slow CI machine).
const READ_BUDGET: Duration = Duration::from_secs(5);

/// The example sessions and the version-1 fixture, as bytes.
fn seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("sessions"))
            .expect("sessions/")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        paths.push(root.join("tests/fixtures/v1-asana-github-2026-Q1.ron"));
        paths.sort();
        let seeds: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
        assert!(seeds.len() >= 2, "example sessions in {}", root.display());
        seeds
    })
}

/// Read `bytes` on a thread of the default 2 MiB stack, within
/// [`READ_BUDGET`]; what it gave, or a description of the failure.
fn read_bounded(bytes: Vec<u8>) -> Result<Result<store::Loaded, String>, TestCaseError> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("read".to_owned())
        .spawn(move || {
            let outcome = store::decode(&bytes).and_then(store::parse).map_err(|e| {
                // Every error says something, with a place when it has one.
                let message = e.to_string();
                assert!(!message.trim().is_empty(), "{e:?}");
                if let Some((line, col)) = e.location() {
                    assert!(line >= 1 && col >= 1, "{e:?}");
                }
                message
            });
            let _gone = tx.send(outcome);
        })
        .map_err(|e| TestCaseError::fail(format!("cannot spawn: {e}")))?;
    match rx.recv_timeout(READ_BUDGET) {
        Ok(outcome) => Ok(outcome),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(TestCaseError::fail("the read hung")),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(TestCaseError::fail("the read panicked")),
    }
}

/// Whatever loads is sound, and reads back unchanged with no repairs.
fn check_loaded(loaded: &store::Loaded) -> Result<(), TestCaseError> {
    prop_assert!(
        loaded.session.problems().is_empty(),
        "{:?}",
        loaded.session.problems()
    );
    let text = store::to_ron(&loaded.session).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let again = store::decode(text.as_bytes())
        .and_then(store::parse)
        .map_err(|e| TestCaseError::fail(format!("a repaired session does not read back: {e}")))?;
    prop_assert!(again.repairs.is_empty(), "{:?}", again.repairs);
    prop_assert_eq!(&again.session, &loaded.session);
    Ok(())
}

#[derive(Clone, Debug)]
enum ByteEdit {
    Flip(Index, u8),
    Insert(Index, u8),
    Delete(Index, usize),
    Duplicate(Index, usize),
    Truncate(Index),
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        (any::<Index>(), 0..8u8).prop_map(|(i, bit)| ByteEdit::Flip(i, bit)),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| ByteEdit::Insert(i, b)),
        (any::<Index>(), 1..64usize).prop_map(|(i, n)| ByteEdit::Delete(i, n)),
        (any::<Index>(), 1..256usize).prop_map(|(i, n)| ByteEdit::Duplicate(i, n)),
        any::<Index>().prop_map(ByteEdit::Truncate),
    ]
}

fn apply_bytes(bytes: &mut Vec<u8>, edit: &ByteEdit) {
    if bytes.is_empty() {
        return;
    }
    match edit {
        ByteEdit::Flip(i, bit) => {
            let at = i.index(bytes.len());
            bytes[at] ^= 1 << bit;
        }
        ByteEdit::Insert(i, b) => {
            let at = i.index(bytes.len() + 1);
            bytes.insert(at, *b);
        }
        ByteEdit::Delete(i, n) => {
            let at = i.index(bytes.len());
            let end = (at + n).min(bytes.len());
            bytes.drain(at..end);
        }
        ByteEdit::Duplicate(i, n) => {
            let at = i.index(bytes.len());
            let end = (at + n).min(bytes.len());
            let copy = bytes[at..end].to_vec();
            bytes.splice(at..at, copy);
        }
        ByteEdit::Truncate(i) => bytes.truncate(i.index(bytes.len())),
    }
}

/// Values a hostile or damaged file might hold where a number is expected.
const HOSTILE_NUMBERS: [&str; 14] = [
    "NaN",
    "inf",
    "-inf",
    "1e39",
    "-1e7",
    "2e6",
    "99999999999999999999",
    "-1",
    "0",
    "300",
    "11",
    "1e-45",
    "3.4e38",
    "-0.0",
];

#[derive(Clone, Debug)]
enum TextEdit {
    /// Replace the k-th number with a hostile value.
    Number(Index, usize),
    /// Give the k-th `id:` the value of the j-th.
    SameId(Index, Index),
    /// Delete the k-th line that holds a field.
    DeleteField(Index),
    /// Wrap the k-th number in `depth` brackets of one kind.
    Nest(Index, usize, usize),
    /// Swap two lines.
    SwapLines(Index, Index),
    /// Replace the k-th string with a very long one.
    LongText(Index, usize),
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    prop_oneof![
        (any::<Index>(), 0..HOSTILE_NUMBERS.len()).prop_map(|(i, v)| TextEdit::Number(i, v)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| TextEdit::SameId(a, b)),
        any::<Index>().prop_map(TextEdit::DeleteField),
        (any::<Index>(), 1..400usize, 0..4usize).prop_map(|(i, d, k)| TextEdit::Nest(i, d, k)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| TextEdit::SwapLines(a, b)),
        (any::<Index>(), 9_990..20_000usize).prop_map(|(i, n)| TextEdit::LongText(i, n)),
    ]
}

/// Byte ranges of the numbers in a text (optionally signed, with a
/// fraction and an exponent).
fn numbers(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
        if starts {
            let start = if i > 0 && bytes[i - 1] == b'-' {
                i - 1
            } else {
                i
            };
            let mut end = i;
            while end < bytes.len()
                && (bytes[end].is_ascii_digit() || matches!(bytes[end], b'.' | b'e' | b'-'))
            {
                end += 1;
            }
            out.push((start, end));
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Byte ranges of the contents of the string literals in a text.
fn strings(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut open = None;
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], open) {
            (b'\\', Some(_)) => i += 1,
            (b'"', None) => open = Some(i + 1),
            (b'"', Some(start)) => {
                out.push((start, i));
                open = None;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn apply_text(text: &mut String, edit: &TextEdit) {
    match edit {
        TextEdit::Number(i, v) => {
            let found = numbers(text);
            if !found.is_empty() {
                let (start, end) = found[i.index(found.len())];
                text.replace_range(start..end, HOSTILE_NUMBERS[*v]);
            }
        }
        TextEdit::SameId(a, b) => {
            let ids: Vec<(usize, usize)> = numbers(text)
                .into_iter()
                .filter(|(start, _)| text[..*start].ends_with("id: "))
                .collect();
            if ids.len() >= 2 {
                let (s, e) = ids[a.index(ids.len())];
                let value = text[s..e].to_owned();
                let (s, e) = ids[b.index(ids.len())];
                text.replace_range(s..e, &value);
            }
        }
        TextEdit::DeleteField(i) => {
            let lines: Vec<&str> = text.lines().collect();
            let fields: Vec<usize> = (0..lines.len())
                .filter(|&n| lines[n].contains(": "))
                .collect();
            if !fields.is_empty() {
                let drop = fields[i.index(fields.len())];
                let kept: Vec<&str> = lines
                    .iter()
                    .enumerate()
                    .filter(|(n, _)| *n != drop)
                    .map(|(_, l)| *l)
                    .collect();
                *text = kept.join("\n");
            }
        }
        TextEdit::Nest(i, depth, kind) => {
            let found = numbers(text);
            if !found.is_empty() {
                let (start, end) = found[i.index(found.len())];
                let (open, close) = [("Some(", ")"), ("[", "]"), ("(", ")"), ("(x: ", ")")][*kind];
                let wrapped = format!(
                    "{}{}{}",
                    open.repeat(*depth),
                    &text[start..end],
                    close.repeat(*depth)
                );
                text.replace_range(start..end, &wrapped);
            }
        }
        TextEdit::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.lines().collect();
            if !lines.is_empty() {
                let (a, b) = (a.index(lines.len()), b.index(lines.len()));
                lines.swap(a, b);
                *text = lines.join("\n");
            }
        }
        TextEdit::LongText(i, n) => {
            let found = strings(text);
            if !found.is_empty() {
                let (start, end) = found[i.index(found.len())];
                text.replace_range(start..end, &"ü".repeat(*n));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn byte_mutations_never_panic_or_hang(
        seed in any::<Index>(),
        edits in proptest::collection::vec(byte_edit(), 1..6),
    ) {
        let seeds = seeds();
        let mut bytes = seeds[seed.index(seeds.len())].clone();
        for edit in &edits {
            apply_bytes(&mut bytes, edit);
        }
        if let Ok(loaded) = read_bounded(bytes)? {
            check_loaded(&loaded)?;
        }
    }

    #[test]
    fn structural_mutations_are_repaired_or_named(
        seed in any::<Index>(),
        edits in proptest::collection::vec(text_edit(), 1..5),
    ) {
        let seeds = seeds();
        let mut text = String::from_utf8_lossy(&seeds[seed.index(seeds.len())]).into_owned();
        for edit in &edits {
            apply_text(&mut text, edit);
        }
        if let Ok(loaded) = read_bounded(text.into_bytes())? {
            check_loaded(&loaded)?;
        }
    }
}

// ---------------------------------------------------------------------
// Round trip of generated sessions.

/// Any text a session may hold: quotes, backslashes, emoji, line breaks,
/// tabs and any script included; control characters and bidi overrides
/// are not (text entering a session is cleaned, `model::clean_text`).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 ,.'\"\\\\/→—ü🎺-]{0,24}",
        1 => proptest::collection::vec(any::<char>(), 0..24)
            .prop_map(|chars| clean_text(&String::from_iter(chars))),
    ]
}

fn coord() -> impl Strategy<Value = f32> {
    prop_oneof![
        3 => -5_000.0f32..5_000.0,
        1 => -1.0e6f32..=1.0e6,
    ]
}

fn unit() -> impl Strategy<Value = f32> {
    -1.0f32..=1.0
}

fn score() -> impl Strategy<Value = Option<u8>> {
    proptest::option::of(1..=10u8)
}

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

fn scores() -> impl Strategy<Value = WorkModelScores> {
    (work_model(), work_model()).prop_map(|(as_is, as_run)| WorkModelScores { as_is, as_run })
}

fn quadrant() -> impl Strategy<Value = Quadrant> {
    proptest::sample::select(Quadrant::ALL.to_vec())
}

fn answer() -> impl Strategy<Value = Option<bool>> {
    proptest::option::of(any::<bool>())
}

/// A task's name, board position, grid position, automation answers and
/// unexpected-way answer.
type TaskParts = (
    String,
    Option<(f32, f32)>,
    Option<(f32, f32)>,
    [Option<bool>; 4],
    Option<bool>,
);
/// A pain point's text, jam?, hours, attachment kind (free/tool/flow),
/// which one, and position.
type PainParts = (String, bool, Option<f32>, u8, Index, f32, f32);
/// A change's description, owner kind, which one, metric, unit,
/// baseline, target value and status.
type ChangeParts = (
    String,
    u8,
    Index,
    String,
    String,
    Option<f64>,
    Option<f64>,
    u8,
);

/// The raw material of a session; ids and references are assigned when
/// it is assembled, so that they are always consistent.
#[derive(Clone, Debug)]
struct Parts {
    header: [String; 5],
    tools: Vec<(String, f32, f32)>,
    flows: Vec<(Index, Index, String, bool, Option<u8>)>,
    tasks: Vec<TaskParts>,
    participants: Vec<(String, [u8; 3], WorkModelScores)>,
    pains: Vec<PainParts>,
    zones: Vec<(Quadrant, String)>,
    airlocks: Vec<(String, Quadrant, Quadrant, String, String, String)>,
    changes: Vec<ChangeParts>,
    scores: WorkModelScores,
    spare_ids: u64,
}

fn parts() -> impl Strategy<Value = Parts> {
    let header = [text(), text(), text(), text(), text()];
    let tools = proptest::collection::vec((text(), coord(), coord()), 0..12);
    let flows = proptest::collection::vec(
        (
            any::<Index>(),
            any::<Index>(),
            text(),
            any::<bool>(),
            proptest::option::of(0..=100u8),
        ),
        0..12,
    );
    let tasks = proptest::collection::vec(
        (
            text(),
            proptest::option::of((coord(), coord())),
            proptest::option::of((unit(), unit())),
            [answer(), answer(), answer(), answer()],
            answer(),
        ),
        0..12,
    );
    let participants = proptest::collection::vec((text(), any::<[u8; 3]>(), scores()), 0..4);
    let pains = proptest::collection::vec(
        (
            text(),
            any::<bool>(),
            proptest::option::of(0.0f32..=168.0),
            0..3u8,
            any::<Index>(),
            coord(),
            coord(),
        ),
        0..6,
    );
    let zones = proptest::collection::vec((quadrant(), text()), 4);
    let airlocks = proptest::collection::vec(
        (text(), quadrant(), quadrant(), text(), text(), text()),
        0..3,
    );
    let changes = proptest::collection::vec(
        (
            text(),
            0..3u8,
            any::<Index>(),
            text(),
            text(),
            proptest::option::of(-1.0e9f64..1.0e9),
            proptest::option::of(-1.0e9f64..1.0e9),
            0..4u8,
        ),
        0..3,
    );
    (
        header,
        tools,
        flows,
        tasks,
        participants,
        pains,
        zones,
        (airlocks, changes, scores(), 0..5u64),
    )
        .prop_map(
            |(
                header,
                tools,
                flows,
                tasks,
                participants,
                pains,
                zones,
                (airlocks, changes, scores, spare_ids),
            )| {
                Parts {
                    header,
                    tools,
                    flows,
                    tasks,
                    participants,
                    pains,
                    zones,
                    airlocks,
                    changes,
                    scores,
                    spare_ids,
                }
            },
        )
}

/// A sound session from its parts: unique ids, references to what
/// exists, one zone per quadrant (rhythms and principles generated).
fn assemble(p: Parts) -> Session {
    let mut next = 1u64;
    let mut id = || {
        let given = Id(next);
        next += 1;
        given
    };
    let [title, team, quarter, date, facilitator] = p.header;
    let participants: Vec<Participant> = p
        .participants
        .into_iter()
        .map(|(name, colour, scores)| Participant {
            id: id(),
            name,
            colour,
            scores,
        })
        .collect();
    let author = |k: usize| participants.get(k % (participants.len() + 1)).map(|p| p.id);
    let tools: Vec<Tool> = p
        .tools
        .into_iter()
        .enumerate()
        .map(|(k, (name, x, y))| Tool {
            id: id(),
            name,
            pos: BoardPos::new(x, y),
            author: author(k),
        })
        .collect();
    let mut flows = Vec::new();
    if tools.len() >= 2 {
        for (from, to, label, shadow, share) in p.flows {
            let from = from.index(tools.len());
            let mut to = to.index(tools.len() - 1);
            if to >= from {
                to += 1;
            }
            flows.push(Flow {
                id: id(),
                from: tools[from].id,
                to: tools[to].id,
                label,
                kind: if shadow {
                    FlowKind::Shadow
                } else {
                    FlowKind::Designed
                },
                share,
            });
        }
    }
    let pain_points: Vec<PainPoint> = p
        .pains
        .into_iter()
        .map(|(text, jam, hours, on, which, x, y)| PainPoint {
            id: id(),
            text,
            category: if jam {
                PainCategory::Jam
            } else {
                PainCategory::Orchestra
            },
            hours_per_week: hours,
            attached: match on {
                1 if !tools.is_empty() => Attachment::Tool(tools[which.index(tools.len())].id),
                2 if !flows.is_empty() => Attachment::Flow(flows[which.index(flows.len())].id),
                _ => Attachment::Free,
            },
            pos: BoardPos::new(x, y),
            author: None,
            reassess: false,
        })
        .collect();
    let tasks: Vec<Task> = p
        .tasks
        .into_iter()
        .enumerate()
        .map(|(k, (name, board, grid, answers, unexpected))| {
            let [subjective, variable, repetitive, consistency] = answers;
            Task {
                id: id(),
                name,
                board_pos: board.map(|(x, y)| BoardPos::new(x, y)),
                grid: grid.map(|(a, b)| GridPos::new(a, b)),
                automation: AutomationCheck {
                    subjective,
                    variable,
                    repetitive,
                    consistency,
                },
                unexpected: unexpected.map(|s| {
                    if s {
                        UnexpectedWay::Success
                    } else {
                        UnexpectedWay::Failure
                    }
                }),
                author: author(k + 1),
            }
        })
        .collect();
    let zones = Quadrant::ALL
        .iter()
        .zip(p.zones)
        .map(|(&quadrant, (rhythm, principles))| Zone {
            quadrant,
            rhythm,
            principles,
        })
        .collect();
    let airlocks = p
        .airlocks
        .into_iter()
        .map(|(name, from, to, entry, exit, handover)| Airlock {
            id: id(),
            name,
            from,
            to,
            entry,
            exit,
            handover,
        })
        .collect();
    let changes = p
        .changes
        .into_iter()
        .map(
            |(description, owner, which, metric, unit, baseline, target_value, status)| Change {
                id: id(),
                owner: match owner {
                    1 if !participants.is_empty() => {
                        Owner::Participant(participants[which.index(participants.len())].id)
                    }
                    2 => Owner::Named(metric.clone()),
                    _ => Owner::Nobody,
                },
                target: match tools.len() {
                    0 => Target::Nothing,
                    n => Target::Tool(tools[which.index(n)].id),
                },
                description,
                metric,
                unit,
                baseline,
                target_value,
                status: ChangeStatus::ALL[usize::from(status) % ChangeStatus::ALL.len()],
                measured: None,
            },
        )
        .collect();
    let next_id = next + p.spare_ids;
    Session {
        header: SessionHeader {
            title,
            team,
            quarter,
            date,
            facilitator,
        },
        tools,
        flows,
        tasks,
        scores: p.scores,
        participants,
        pain_points,
        zones,
        airlocks,
        changes,
        vote: None,
        hidden: Default::default(),
        next_id,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn generated_sessions_read_back_equal_from_the_saved_bytes(parts in parts()) {
        let session = assemble(parts);
        prop_assert!(session.problems().is_empty(), "{:?}", session.problems());
        let text = store::to_ron(&session).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loaded = store::decode(text.as_bytes())
            .and_then(store::parse)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
        prop_assert_eq!(loaded.version, store::FORMAT_VERSION);
        prop_assert_eq!(&loaded.session, &session);
        // Deterministic: the same bytes again.
        prop_assert_eq!(store::to_ron(&loaded.session).ok(), Some(text));
    }
}

#[test]
fn a_generated_session_also_survives_the_file_system() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("generated.ron");
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..10 {
        let session = assemble(parts().new_tree(&mut runner).expect("a value").current());
        store::save(&path, &session).expect("save");
        assert_eq!(store::load(&path).expect("load"), session);
    }
}
