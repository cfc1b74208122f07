//! The RON session file on disk: the example sessions round-trip byte for
//! byte, broken files are reported at a line, and saving is atomic.

use std::path::{Path, PathBuf};

use rhythm::model::{FlowKind, Id, Placement, Quadrant, Session, Task};
use rhythm::store::{self, LoadError, SaveError};

/// Every `.ron` file in `sessions/`, sorted by name.
fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("sessions/ is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == store::EXTENSION))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 3,
        "expected the three example sessions in {}, found {paths:?}",
        dir.display()
    );
    paths
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names of the entries in a folder, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("folder is readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The first `len / 2` bytes of a text, cut back to a character boundary.
fn first_half(text: &str) -> &str {
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

#[test]
fn every_example_loads_saves_and_reloads_equal() {
    let dir = tempfile::tempdir().expect("temp dir");
    for path in examples() {
        let session = store::load(&path).unwrap_or_else(|e| panic!("{}", e.with_path(&path)));
        assert!(session.problems().is_empty(), "{}", path.display());
        assert!(!session.tools.is_empty(), "{}: no tools", path.display());
        assert!(!session.flows.is_empty(), "{}: no flows", path.display());
        assert!(!session.tasks.is_empty(), "{}: no tasks", path.display());

        let copy = dir.path().join(path.file_name().expect("file name"));
        store::save(&copy, &session).expect("save");
        let reloaded = store::load(&copy).unwrap_or_else(|e| panic!("{}", e.with_path(&copy)));
        assert_eq!(reloaded, session, "{}", path.display());
    }
}

#[test]
fn examples_are_canonical_and_saving_twice_gives_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    for path in examples() {
        let text = read(&path);
        let session = store::load(&path).expect("example loads");
        assert_eq!(
            store::to_ron(&session).expect("to_ron"),
            text,
            "{} is not what `store::to_ron` writes for it",
            path.display()
        );

        let first = dir.path().join("first.ron");
        let second = dir.path().join("second.ron");
        store::save(&first, &session).expect("first save");
        let again = store::load(&first).expect("reload");
        store::save(&second, &again).expect("second save");
        let first_bytes = std::fs::read(&first).expect("read first");
        assert_eq!(first_bytes, text.as_bytes(), "{}", path.display());
        assert_eq!(
            std::fs::read(&second).expect("read second"),
            first_bytes,
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_truncated_example_is_reported_at_a_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    for path in examples() {
        let text = read(&path);
        let half = first_half(&text);
        let cut = dir.path().join("truncated.ron");
        std::fs::write(&cut, half).expect("write truncated copy");

        let err = store::load(&cut).expect_err("a truncated file must not load");
        let LoadError::Syntax {
            line,
            col,
            ref message,
            ref line_text,
        } = err
        else {
            panic!("{}: expected a syntax error, got {err:?}", path.display());
        };
        assert!(line > 1, "{}: line {line}", path.display());
        assert!(col >= 1, "{}: col {col}", path.display());
        assert!(
            line <= half.lines().count() + 1,
            "{}: line {line} is past the end of the cut file",
            path.display()
        );
        assert!(
            !message.trim().is_empty(),
            "{}: empty message",
            path.display()
        );
        assert_eq!(err.to_string(), *message);
        assert_eq!(
            half.lines().nth(line - 1).unwrap_or_default(),
            line_text,
            "{}",
            path.display()
        );
        assert_eq!(err.location(), Some((line, col)));
        assert_eq!(
            err.with_path(&cut),
            format!("{}:{line}:{col}: {message}", cut.display())
        );

        // The same text through `from_ron` gives the same error.
        let again = store::from_ron(half).expect_err("truncated text");
        assert_eq!(again.location(), Some((line, col)));
    }
}

#[test]
fn a_truncated_file_reports_the_end_of_the_ron() {
    let path = examples().into_iter().next().expect("an example");
    let text = read(&path);
    // Cut after a whole line: the parser runs out of input.
    let lines: Vec<&str> = text.lines().collect();
    let keep = lines.len() / 2;
    let half = format!("{}\n", lines[..keep].join("\n"));
    let err = store::from_ron(&half).expect_err("truncated");
    let (line, _col) = err.location().expect("a location");
    assert!(line > 1 && line <= keep + 1, "line {line} of {keep}: {err}");
    assert!(
        err.to_string().to_lowercase().contains("end"),
        "the message should say the file ended early: {err}"
    );
}

#[test]
fn saving_into_a_missing_folder_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let session = store::load(&examples()[0]).expect("example loads");
    let missing = dir.path().join("no").join("such").join("folder");
    let target = missing.join("session.ron");

    let err = store::save(&target, &session).expect_err("saving into a missing folder");
    assert!(
        matches!(err, SaveError::Io { ref path, .. } if *path == target),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("session.ron"),
        "the message names the target: {err}"
    );
    assert!(!missing.exists());
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
}

#[test]
fn saving_over_a_file_replaces_it_completely_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("session.ron");
    for path in examples() {
        let session = store::load(&path).expect("example loads");
        let expected = store::to_ron(&session).expect("to_ron");
        // An old file longer than the new one: no tail may survive.
        let old = "// an older, longer file\n".repeat(expected.len() / 10 + 100);
        std::fs::write(&target, &old).expect("write old file");

        store::save(&target, &session).expect("save over the old file");
        assert_eq!(read(&target), expected, "{}", path.display());
        assert_eq!(entries(dir.path()), ["session.ron"]);
        assert!(
            entries(dir.path())
                .iter()
                .all(|name| !name.starts_with(".rhythm-save-")),
            "temporary file left behind"
        );
    }
}

/// Ids and names of a session's tools and tasks.
fn named(session: &Session) -> Vec<(Id, &str)> {
    let tools = session.tools.iter().map(|t| (t.id, t.name.as_str()));
    tools
        .chain(session.tasks.iter().map(|t| (t.id, t.name.as_str())))
        .collect()
}

/// (from, to) tool names of the shadow flows, lower case.
fn shadow_ends(session: &Session) -> Vec<(String, String)> {
    let name = |id| {
        session
            .tool(id)
            .map_or("?".to_owned(), |t| t.name.to_lowercase())
    };
    session
        .flows
        .iter()
        .filter(|f| f.kind == FlowKind::Shadow)
        .map(|f| (name(f.from), name(f.to)))
        .collect()
}

#[test]
fn the_after_session_is_started_from_the_before_session() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    let before = store::load(&dir.join("media-company-2025-Q3-before.ron")).expect("before");
    let after = store::load(&dir.join("media-company-2026-Q1-after.ron")).expect("after");

    // What persists keeps its id; what is new gets an id never used before.
    let old = named(&before);
    for (id, name) in named(&after) {
        if let Some((old_id, _)) = old.iter().find(|(_, n)| *n == name) {
            assert_eq!(id, *old_id, "{name} changed id");
        } else if !old.iter().any(|(i, _)| *i == id) {
            assert!(id.0 >= before.next_id, "new {name} reuses id {id}");
        }
    }
    assert!(after.next_id >= before.next_id);
    let persisting = after.tasks.iter().filter(|t| before.task(t.id).is_some());
    assert!(persisting.count() >= 5);

    // The email and inbox shadow flows are gone; fewer shadow flows overall.
    let mail = |(from, to): &(String, String)| {
        [from, to]
            .iter()
            .any(|n| n.contains("email") || n.contains("inbox"))
    };
    assert!(shadow_ends(&before).iter().filter(|f| mail(f)).count() >= 2);
    assert!(!shadow_ends(&after).iter().any(mail));
    assert!(shadow_ends(&after).len() < shadow_ends(&before).len());

    // Approvals, undecided before, now sit in the Orchestra quadrant.
    let approvals = |s: &Session| {
        s.tasks
            .iter()
            .find(|t| t.name == "Approve articles for publication")
            .and_then(Task::placement)
    };
    assert_eq!(approvals(&before), Some(Placement::Undecided));
    assert_eq!(
        approvals(&after),
        Some(Placement::Quadrant(Quadrant::Orchestra))
    );
}
