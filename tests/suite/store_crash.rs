//! A crash at any moment of a save leaves the previous file or the new
//! one, complete (issue 5). For real: a child process (this test binary,
//! re-run with an environment variable) saves a large session in a loop,
//! alternating two versions, and is killed with SIGKILL at random moments.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rhythm::model::{BoardPos, Flow, FlowKind, GridPos, Id, Session, Task, Tool};
use rhythm::store;

/// Set in the child: the file it saves to.
const CHILD_ENV: &str = "RHYTHM_CRASH_TEST_TARGET";
/// Set in the child: which version (0 or 1) to save first.
const FIRST_ENV: &str = "RHYTHM_CRASH_TEST_FIRST";
/// What the child prints after its first save.
const READY: &str = "crash-child-ready";
/// How many times the child is killed.
const KILLS: usize = 50;
/// Kills land within this many save durations after the child starts
/// saving.
const KILL_WITHIN_SAVES: u32 = 3;

/// A session with thousands of notes; `variant` changes every name and
/// position, so that the two versions differ throughout the file.
fn large_session(variant: u32) -> Session {
    let v = variant as f32;
    let tools: Vec<Tool> = (0..200u64)
        .map(|i| Tool {
            id: Id(i),
            name: format!("tool {i} of version {variant}"),
            pos: BoardPos::new(i as f32 * 200.0 + v, v * 10.0),
            author: None,
        })
        .collect();
    let flows = (0..200u64)
        .map(|i| Flow {
            id: Id(1_000 + i),
            from: Id(i),
            to: Id((i + 1) % 200),
            label: format!("handoff {i}, version {variant}"),
            kind: if i % 3 == 0 {
                FlowKind::Shadow
            } else {
                FlowKind::Designed
            },
            share: None,
        })
        .collect();
    let tasks = (0..2_000u64)
        .map(|i| Task {
            id: Id(10_000 + i),
            name: format!("task {i} — version {variant}"),
            board_pos: Some(BoardPos::new(i as f32 * 3.0, 500.0 + v)),
            grid: Some(GridPos::new(
                ((i % 200) as f32 / 100.0) - 1.0,
                v / 10.0 - 0.05,
            )),
            ..Task::default()
        })
        .collect();
    Session {
        tools,
        flows,
        tasks,
        next_id: 20_000,
        ..Session::default()
    }
}

/// The child's test name in the suite binary, for libtest's `--exact`.
const CHILD_TEST: &str = "store_crash::crash_child";

/// In the child only: say [`READY`], then save the two versions in turn,
/// starting with the one not on disk ([`FIRST_ENV`]), forever.
#[test]
fn crash_child() {
    let Some(target) = std::env::var_os(CHILD_ENV) else {
        return; // A normal test run: nothing to do.
    };
    let target = PathBuf::from(target);
    let first: usize = std::env::var(FIRST_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let versions = [large_session(1), large_session(2)];
    // libtest prints "test store_crash::crash_child ... " before this, on the same line.
    println!("{READY}");
    for i in first.. {
        store::save(&target, &versions[i % 2]).expect("save");
    }
}

/// The temporary files of saves that were killed while writing; they are
/// removed after being counted.
fn remove_temporaries(dir: &Path) -> usize {
    let mut removed = 0;
    for entry in std::fs::read_dir(dir).expect("folder").flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(".rhythm-save-")
        {
            std::fs::remove_file(entry.path()).expect("remove a temporary file");
            removed += 1;
        }
    }
    removed
}

/// Wait until a save's temporary file exists (the child is writing), at
/// most `limit`.
fn wait_for_a_write(dir: &Path, limit: Duration) {
    let start = Instant::now();
    while start.elapsed() < limit {
        let writing = std::fs::read_dir(dir)
            .expect("folder")
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(".rhythm-save-"));
        if writing {
            return;
        }
        std::thread::sleep(Duration::from_micros(50));
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_one_of_the_two_versions_complete() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("workshop.ron");
    let versions = [large_session(1), large_session(2)];
    let texts = versions
        .each_ref()
        .map(|s| store::to_ron(s).expect("to_ron"));
    assert!(
        texts[0].len() > 500_000,
        "a large file: {} bytes",
        texts[0].len()
    );
    // Random kill moments, a new sequence each run.
    let mut random = fastrand::Rng::new();
    let mut seen = [0usize; 2];
    let mut on_disk = 0;
    let mut while_writing = 0;
    // How long one save takes here (debug builds are slow): kills are
    // spread over a few saves' time.
    let timed = Instant::now();
    store::save(&target, &versions[0]).expect("first save");
    let save_time = timed.elapsed();
    let spread = (save_time * KILL_WITHIN_SAVES).as_micros().max(1) as u64;

    for kill in 0..KILLS {
        let first = (1 - on_disk).to_string();
        let mut child = super::child::start(
            CHILD_TEST,
            &[(CHILD_ENV, target.as_os_str()), (FIRST_ENV, first.as_ref())],
            READY,
        );
        if kill % 2 == 0 {
            // Anywhere in the next few saves.
            std::thread::sleep(Duration::from_micros(random.u64(0..spread)));
        } else {
            // Aimed at the dangerous part: while the file is being
            // written, flushed and renamed.
            wait_for_a_write(dir.path(), save_time * 4);
            std::thread::sleep(Duration::from_micros(random.u64(0..1_000)));
        }
        child.kill().expect("SIGKILL"); // std sends SIGKILL on Unix.
        child.wait().expect("reap the child");

        let bytes = std::fs::read(&target).expect("the target exists after every kill");
        let which = texts
            .iter()
            .position(|t| t.as_bytes() == bytes.as_slice())
            .unwrap_or_else(|| {
                panic!(
                    "kill {kill}: the file is neither version ({} bytes)",
                    bytes.len()
                )
            });
        if seen[which] == 0 {
            // Byte-equal to what `to_ron` writes; and that reads back equal.
            let loaded = store::load(&target).expect("parses");
            assert_eq!(loaded, versions[which], "kill {kill}");
        }
        seen[which] += 1;
        on_disk = which;
        // A temporary file left behind: the kill landed mid-save.
        while_writing += remove_temporaries(dir.path());
    }
    eprintln!(
        "{KILLS} kills in {:?} (one save: {save_time:?}): version 1 {} times, version 2 {} \
         times, {while_writing} while a temporary file was being written",
        started.elapsed(),
        seen[0],
        seen[1],
    );
    // Both versions came up: kills landed between and during saves.
    assert!(
        seen[0] > 0 && seen[1] > 0,
        "versions seen: {seen:?}, one save takes {save_time:?}"
    );
    assert!(while_writing > 0, "no kill landed while a file was written");
}
