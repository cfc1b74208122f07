//! Hostile and damaged session files (issue 5): what can be repaired is
//! repaired and listed, in the library and by `rhythm check`; what cannot
//! be read gets a clear message with a line and column; failed saves
//! leave the previous file alone.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rhythm::model::MAX_TEXT_CHARS;
use rhythm::model::{
    Attachment, BoardPos, Change, Flow, FlowKind, GridPos, Id, PainCategory, PainPoint,
    Participant, Session, Task, Tool,
};
use rhythm::store::{self, LoadError, MAX_FILE_BYTES, SaveError};

/// A sound session with one of everything damage can hit; every value
/// the tests replace occurs once in its text.
fn base() -> Session {
    let tool = |id, name: &str, x, y| Tool {
        id: Id(id),
        name: name.to_owned(),
        pos: BoardPos::new(x, y),
        author: None,
    };
    let flow = |id, from, to, label: &str, share| Flow {
        id: Id(id),
        from: Id(from),
        to: Id(to),
        label: label.to_owned(),
        kind: FlowKind::Shadow,
        share,
    };
    let mut session = Session {
        tools: vec![
            tool(1, "Asana", 0.0, 0.0),
            tool(2, "GitHub", 380.0, 0.0),
            tool(3, "Actions", 760.0, 0.0),
            tool(4, "Slack", 0.0, 280.0),
        ],
        flows: vec![
            flow(5, 2, 1, "status", None),
            flow(6, 1, 2, "tasks", Some(40)),
            flow(7, 3, 4, "notices", None),
        ],
        pain_points: vec![PainPoint {
            id: Id(8),
            text: "slow builds".to_owned(),
            category: PainCategory::Orchestra,
            hours_per_week: Some(2.5),
            attached: Attachment::Tool(Id(3)),
            pos: BoardPos::new(0.0, 0.0),
            author: None,
            reassess: false,
        }],
        tasks: vec![
            Task {
                id: Id(9),
                name: "Deploy".to_owned(),
                board_pos: Some(BoardPos::new(0.0, 600.0)),
                grid: Some(GridPos::new(-0.5, 0.75)),
                ..Task::default()
            },
            Task {
                id: Id(10),
                name: "Triage".to_owned(),
                grid: Some(GridPos::new(0.5, -0.25)),
                ..Task::default()
            },
        ],
        participants: vec![Participant {
            id: Id(11),
            name: "Priya".to_owned(),
            colour: [1, 2, 3],
            scores: Default::default(),
        }],
        changes: vec![Change {
            id: Id(12),
            description: "Approvals in Docs".to_owned(),
            baseline: Some(40.0),
            ..Change::default()
        }],
        next_id: 13,
        ..Session::default()
    };
    session.scores.as_is.output = Some(6);
    session.participants[0].scores.as_is.process = Some(7);
    assert!(session.problems().is_empty());
    session
}

fn base_text() -> String {
    store::to_ron(&base()).expect("to_ron")
}

fn rhythm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rhythm"))
        .args(args)
        .output()
        .expect("the rhythm binary runs")
}

/// A file holding `bytes` in a fresh folder.
fn file_with(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("damaged.ron");
    std::fs::write(&path, bytes).expect("write");
    (dir, path)
}

/// The base session's text with one replacement of a text found once.
fn damaged(from: &str, to: &str) -> String {
    let text = base_text();
    assert_eq!(text.matches(from).count(), 1, "{from:?} once in\n{text}");
    text.replacen(from, to, 1)
}

/// A minimal version-2 session around `tools` (RON list items).
fn with_tools(tools: &str) -> String {
    format!("(version: 2, tools: [{tools}])")
}

#[test]
fn check_lists_every_repair_and_exits_0() {
    // A flow to a missing tool, a NaN position and a duplicate id.
    let text = damaged("to: 1,", "to: 99,")
        .replacen("x: 380.0,", "x: NaN,", 1)
        .replacen("id: 9,", "id: 1,", 1);
    let (_dir, path) = file_with(text.as_bytes());
    let path_text = path.to_str().expect("UTF-8 path");
    let out = rhythm(&["check", path_text]);
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.first().copied(),
        Some("ok (repaired 3): 4 tools, 2 flows, 2 tasks"),
        "{stdout}"
    );
    assert_eq!(lines.len(), 4, "{stdout}");
    for line in &lines[1..] {
        assert!(
            line.starts_with(&format!("{path_text}:")) && line.contains(": repaired: "),
            "{line}"
        );
    }
    assert!(
        stdout.contains("`to` tool 99 does not exist; the flow was dropped"),
        "{stdout}"
    );
    assert!(
        stdout.contains("position (NaN, 0) is off the board"),
        "{stdout}"
    );
    assert!(
        stdout.contains("id 1 is already used by a tool; given the new id 13"),
        "{stdout}"
    );
    // Each located at the entity's `id:` line.
    let located = |needle: &str| {
        let line = lines.iter().find(|l| l.contains(needle)).expect(needle);
        let number: usize = line[path_text.len() + 1..]
            .split(':')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a line number");
        let text_line = text.lines().nth(number - 1).expect("a line of the file");
        assert!(
            text_line.trim_start().starts_with("id: "),
            "{needle}: {text_line}"
        );
    };
    located("does not exist");
    located("off the board");
    located("already used");

    // A clean file: the one line tests/cli.rs checks, nothing else.
    let (_dir, clean) = file_with(base_text().as_bytes());
    let out = rhythm(&["check", clean.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).expect("UTF-8"),
        "ok: 4 tools, 3 flows, 2 tasks\n"
    );
}

#[test]
fn check_exits_1_with_a_location_only_for_unreadable_files() {
    let (_dir, path) = file_with(b"(version: 2, tools: [(id: 1,");
    let out = rhythm(&["check", path.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(
        stderr.starts_with(&format!("{}:1:", path.display())),
        "{stderr}"
    );
    assert_eq!(out.stdout, b"");
}

/// A repaired session is sound, saves, and reads back with no repairs.
fn assert_repaired_is_stable(loaded: &store::Loaded) {
    assert!(
        loaded.session.problems().is_empty(),
        "{:?}",
        loaded.session.problems()
    );
    let again = store::parse(&store::to_ron(&loaded.session).expect("to_ron")).expect("reads");
    assert!(again.repairs.is_empty(), "{:?}", again.repairs);
    assert_eq!(again.session, loaded.session);
}

/// Read `text` and return the repair messages.
fn repairs_of(text: &str) -> Vec<String> {
    let loaded = store::parse(text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    assert_repaired_is_stable(&loaded);
    loaded.repairs.into_iter().map(|r| r.message).collect()
}

#[test]
fn each_kind_of_damage_is_repaired_with_its_own_message() {
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "flow to a missing tool",
            damaged("from: 3,", "from: 77,"),
            "its `from` tool 77 does not exist; the flow was dropped",
        ),
        (
            "flow from a tool to itself",
            damaged("to: 4,", "to: 3,"),
            "goes from a tool to itself; the flow was dropped",
        ),
        (
            "duplicate id across kinds",
            damaged("id: 9,", "id: 1,"),
            "id 1 is already used by a tool; given the new id",
        ),
        (
            "NaN position",
            damaged("x: 380.0,", "x: NaN,"),
            "position (NaN, 0) is off the board; moved to",
        ),
        (
            "infinite position",
            damaged("y: 280.0,", "y: -inf,"),
            "position (0, -inf) is off the board; moved to",
        ),
        (
            "absurd position",
            damaged("x: 760.0,", "x: 2e6,"),
            "position (2000000, 0) is off the board; moved to",
        ),
        (
            "f32 overflow",
            damaged("x: 760.0,", "x: 1e300,"),
            "position (inf, 0) is off the board; moved to",
        ),
        (
            "typology coordinate outside -1..1",
            damaged("predictability: -0.5,", "predictability: -7.5,"),
            "typology position (-7.5, ",
        ),
        (
            "typology coordinate NaN",
            damaged("stakes: 0.75,", "stakes: NaN,"),
            ", NaN) is outside -1..1; moved to (",
        ),
        (
            "share over 100 %",
            damaged("share: Some(40),", "share: Some(250),"),
            "share 250 % is over 100 %; dropped",
        ),
        (
            "score 0",
            damaged("output: Some(6)", "output: Some(0)"),
            "0 is outside 1–10; dropped",
        ),
        (
            "participant score 300 (beyond a byte)",
            damaged("process: Some(7)", "process: Some(300)"),
            "300 is outside 1–10; dropped",
        ),
        (
            "hours over a week",
            damaged("hours_per_week: Some(2.5)", "hours_per_week: Some(500.0)"),
            "500 h/week is outside 0–168; the hours were dropped",
        ),
        (
            "negative hours",
            damaged("hours_per_week: Some(2.5)", "hours_per_week: Some(-2.0)"),
            "-2 h/week is outside 0–168; the hours were dropped",
        ),
        (
            "pain point on a missing tool",
            damaged("attached: Tool(3)", "attached: Tool(404)"),
            "attached to tool 404, which does not exist; now free-standing",
        ),
        (
            "over-long name",
            damaged(
                "name: \"Asana\",",
                &format!("name: \"{}\",", "A".repeat(MAX_TEXT_CHARS * 2)),
            ),
            "tool 1 name: 20000 characters long; cut to 10000",
        ),
        (
            "duplicate zone",
            damaged(
                "zones: [",
                "zones: [(quadrant: Algorithm, rhythm: Orchestra),",
            ),
            "a second zone for Algorithm was dropped",
        ),
        (
            "missing zones (version 2)",
            with_tools(""),
            "the zone for Orchestra was missing; restored with its own rhythm",
        ),
        (
            "metric that is not a number",
            damaged("baseline: Some(40.0)", "baseline: Some(NaN)"),
            "baseline NaN is not a number; dropped",
        ),
    ];
    for (what, text, expected) in cases {
        let repairs = repairs_of(&text);
        assert!(
            repairs.iter().any(|m| m.contains(expected)),
            "{what}: expected {expected:?} among {repairs:#?}"
        );
        eprintln!("{what} → {}", repairs.join(" | "));
    }
}

#[test]
fn a_repaired_pain_point_stays_on_the_board_free_standing() {
    let text = damaged("attached: Tool(3)", "attached: Tool(404)");
    let session = store::from_ron(&text).expect("repaired");
    assert!(
        session
            .pain_points
            .iter()
            .any(|p| p.attached == Attachment::Free)
    );
}

#[test]
fn moved_notes_land_below_the_board_where_fit_all_shows_them() {
    let text = with_tools(
        "(id: 1, name: \"a\", pos: (x: 100.0, y: 50.0)), \
         (id: 2, name: \"b\", pos: (x: inf, y: 0.0)), \
         (id: 3, name: \"c\", pos: (x: 0.0, y: -3e9))",
    );
    let session = store::from_ron(&text).expect("repaired");
    let b = session.tools[1].pos;
    let c = session.tools[2].pos;
    assert_eq!((b.x, b.y), (100.0, 230.0), "left-aligned, below the rest");
    assert_eq!((c.x, c.y), (300.0, 230.0), "next to the previous one");
}

/// What reading `bytes` gives: the error message, or "ok".
fn outcome(bytes: &[u8]) -> Result<store::Loaded, LoadError> {
    store::decode(bytes).and_then(store::parse)
}

fn error_of(bytes: &[u8]) -> LoadError {
    match outcome(bytes) {
        Ok(loaded) => panic!(
            "expected an error for {:?}, read {} tools",
            String::from_utf8_lossy(bytes.get(..60).unwrap_or(bytes)),
            loaded.session.tools.len()
        ),
        Err(err) => err,
    }
}

#[test]
fn unreadable_inputs_get_a_clear_message_and_a_location() {
    let deep = format!(
        "(version: 2, header: {}{})",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let deep_unknown = format!("(version: 2, extra: {})", "(".repeat(5_000));
    let deep_known = format!(
        "(version: 2, tools: [(id: 1, name: \"a\", pos: {}",
        "Some(".repeat(2_000)
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("(version: 2)".encode_utf16().flat_map(u16::to_le_bytes));
    let utf16_no_bom: Vec<u8> = "(version: 2)"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty file", b"".to_vec(), "the file is empty"),
        ("white space only", b" \n\t\n".to_vec(), "the file is empty"),
        ("binary", vec![0x89, b'P', b'N', b'G', 0, 1, 2], "binary data"),
        ("invalid UTF-8", vec![b'(', 0xC3, 0x28], "invalid UTF-8"),
        ("UTF-16 with BOM", utf16, "UTF-16"),
        ("UTF-16 without BOM", utf16_no_bom, "UTF-16"),
        ("deep nesting in a field", deep.into_bytes(), "nested more than 128 levels"),
        ("deep nesting in an unknown field", deep_unknown.into_bytes(), "nested more than 128"),
        ("deep nesting of options", deep_known.into_bytes(), "nested more than 128"),
        ("newer version", b"(version: 7)".to_vec(), "saved by a newer Rhythm (file version 7, this build reads up to 2)"),
        ("no version", b"(tools: [])".to_vec(), "no `version` field"),
        ("not RON", b"{\"version\": 2}".to_vec(), ""),
        ("wrong type", b"(version: 2, tools: 5)".to_vec(), ""),
        ("negative id", with_tools("(id: -1, name: \"a\", pos: (x: 0.0, y: 0.0))").into_bytes(), ""),
        ("id beyond u64", with_tools("(id: 99999999999999999999, name: \"a\", pos: (x: 0.0, y: 0.0))").into_bytes(), ""),
        ("share beyond a byte", b"(version: 2, flows: [(id: 1, from: 2, to: 3, label: \"\", kind: Shadow, share: Some(300))])".to_vec(), ""),
        ("missing required field", with_tools("(id: 1, pos: (x: 0.0, y: 0.0))").into_bytes(), "name"),
        ("unterminated string", b"(version: 2, header: (title: \"abc".to_vec(), ""),
        ("truncated file", {
            let text = base_text();
            text.as_bytes()[..text.len() / 2].to_vec()
        }, ""),
    ];
    for (what, bytes, expected) in cases {
        let err = error_of(&bytes);
        let message = err.to_string();
        assert!(message.contains(expected), "{what}: {message}");
        assert!(!message.trim().is_empty(), "{what}");
        let (line, col) = err
            .location()
            .unwrap_or_else(|| panic!("{what}: no location"));
        assert!(line >= 1 && col >= 1, "{what}");
        eprintln!("{what} → {}", err.with_path(Path::new("f.ron")));
    }
}

#[test]
fn accepted_oddities() {
    // A UTF-8 byte-order mark is simply accepted.
    let mut with_bom = "\u{feff}".as_bytes().to_vec();
    with_bom.extend(base_text().as_bytes());
    let loaded = outcome(&with_bom).expect("BOM accepted");
    assert!(loaded.repairs.is_empty());
    // Unknown fields (from a future minor change) are ignored.
    let loaded = outcome(b"(version: 2, shiny_new_field: [1, 2, 3])").expect("ignored");
    assert_eq!(loaded.session.tools, []);
    assert_eq!(loaded.repairs.len(), 4, "version 2 without zones: restored");
    // Comments are RON.
    outcome(b"// a note\n(version: 1) // end").expect("comments");
    // Version 0 is read as the oldest format.
    assert_eq!(outcome(b"(version: 0)").expect("v0").version, 0);
}

#[test]
fn files_over_the_limit_are_refused_before_being_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).expect("create");
    // Sparse: nothing is written, and nothing must be read.
    file.set_len(MAX_FILE_BYTES + 1).expect("set_len");
    let err = store::load(&path).expect_err("refused");
    assert!(
        matches!(err, LoadError::TooLarge { size, max } if size == MAX_FILE_BYTES + 1 && max == MAX_FILE_BYTES),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "the file is 52428801 bytes; session files over 52428800 bytes are refused"
    );
    let out = rhythm(&["check", path.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_folder_or_a_missing_file_is_an_io_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = store::load(dir.path()).expect_err("a folder");
    assert!(matches!(err, LoadError::Io(_)), "{err:?}");
    let err = store::load(&dir.path().join("gone.ron")).expect_err("missing");
    assert!(err.to_string().starts_with("cannot read the file"), "{err}");
}

#[test]
fn a_save_into_a_path_under_a_file_fails_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").expect("write");
    let target = blocker.join("session.ron");
    let err = store::save(&target, &Session::default()).expect_err("cannot save under a file");
    assert!(
        matches!(err, SaveError::Io { ref path, .. } if *path == target),
        "{err:?}"
    );
    assert!(err.to_string().contains("session.ron"), "{err}");
    assert_eq!(std::fs::read(&blocker).expect("read"), b"x");
}

#[test]
fn a_save_into_a_read_only_folder_fails_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("ro");
    std::fs::create_dir(&folder).expect("mkdir");
    let target = folder.join("session.ron");
    let old = store::to_ron(&Session::default()).expect("to_ron");
    std::fs::write(&target, &old).expect("write");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    if std::fs::write(folder.join("probe"), b"").is_ok() {
        // Running as root: permissions do not stop writes here.
        crate::skip::skipped(
            "store_repair::a_save_into_a_read_only_folder_fails_and_keeps_the_old_file",
            "permissions are not enforced for this user (root)",
        );
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        return;
    }
    let mut session = Session::default();
    session.header.title = "changed".to_owned();
    let err = store::save(&target, &session).expect_err("read-only folder");
    assert!(matches!(err, SaveError::Io { .. }), "{err:?}");
    assert_eq!(std::fs::read_to_string(&target).expect("read"), old);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn the_first_save_over_the_version_1_fixture_keeps_a_bak_copy() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-asana-github-2026-Q1.ron");
    let original = std::fs::read(&fixture).expect("fixture");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("workshop.ron");
    std::fs::write(&path, &original).expect("copy");

    let loaded = store::read(&path).expect("reads");
    assert_eq!(loaded.version, 1);
    let saved = store::save_reporting(&path, &loaded.session).expect("saves");
    let bak = dir.path().join("workshop.ron.bak");
    assert_eq!(saved.backup.as_deref(), Some(bak.as_path()));
    assert_eq!(std::fs::read(&bak).expect("bak"), original);
    assert_eq!(store::read(&path).expect("reads").version, 2);
    // Second save: no new copy.
    assert_eq!(
        store::save_reporting(&path, &loaded.session)
            .expect("saves")
            .backup,
        None
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["workshop.ron", "workshop.ron.bak"]);
}
