//! A crash at any moment of a save leaves the previous file or the new
//! one, complete (issue 5). For real: a child process (this test binary,
//! re-run with an environment variable) saves a large session in a loop,
//! alternating two versions, and is killed with SIGKILL at random moments.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rhythm::model::{BoardPos, Flow, FlowKind, GridPos, Id, Session, Task, Tool};
use rhythm::store;

/// Set in the child: the file it saves to.
const CHILD_ENV: &str = "RHYTHM_CRASH_TEST_TARGET";
/// How many times the child is killed.
const KILLS: usize = 60;
/// Kills land within this long after the child's first save.
const MAX_DELAY_MICROS: u64 = 40_000;

/// A session with thousands of notes; `variant` changes every name and
/// position, so that the two versions differ throughout the file.
fn large_session(variant: u32) -> Session {
    let v = variant as f32;
    let tools: Vec<Tool> = (0..400u64)
        .map(|i| Tool {
            id: Id(i),
            name: format!("tool {i} of version {variant}"),
            pos: BoardPos::new(i as f32 * 200.0 + v, v * 10.0),
            author: None,
        })
        .collect();
    let flows = (0..400u64)
        .map(|i| Flow {
            id: Id(1_000 + i),
            from: Id(i),
            to: Id((i + 1) % 400),
            label: format!("handoff {i}, version {variant}"),
            kind: if i % 3 == 0 {
                FlowKind::Shadow
            } else {
                FlowKind::Designed
            },
            share: None,
        })
        .collect();
    let tasks = (0..3_000u64)
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

/// In the child only: save the two versions in turn, forever, saying
/// "ready" after the first save.
#[test]
fn crash_child() {
    let Some(target) = std::env::var_os(CHILD_ENV) else {
        return; // A normal test run: nothing to do.
    };
    let target = PathBuf::from(target);
    let versions = [large_session(1), large_session(2)];
    store::save(&target, &versions[0]).expect("first save");
    println!("ready");
    for i in 0.. {
        store::save(&target, &versions[i % 2]).expect("save");
    }
}

/// A small xorshift generator: random kill moments without a dependency.
struct Random(u64);

impl Random {
    fn seeded() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64);
        Self(nanos | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn leftover_temporaries(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with(".rhythm-save-"))
        })
        .count()
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
    let mut random = Random::seeded();
    let mut seen = [0usize; 2];

    for kill in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &target)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the child");
        let stdout = child.stdout.take().expect("child stdout");
        let mut lines = BufReader::new(stdout).lines();
        let ready = lines.any(|l| l.is_ok_and(|l| l.trim() == "ready"));
        assert!(ready, "kill {kill}: the child never saved");
        std::thread::sleep(Duration::from_micros(random.below(MAX_DELAY_MICROS)));
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
        seen[which] += 1;
        let loaded = store::load(&target).expect("parses");
        assert_eq!(loaded, versions[which], "kill {kill}");
    }
    // Both versions came up: kills landed between and during saves.
    assert!(seen[0] > 0 && seen[1] > 0, "versions seen: {seen:?}");
    // Killed saves leave their temporary file; they are never read.
    assert!(leftover_temporaries(dir.path()) <= KILLS);
    eprintln!(
        "{KILLS} kills in {:?}: version 1 {} times, version 2 {} times, {} temporary files left",
        started.elapsed(),
        seen[0],
        seen[1],
        leftover_temporaries(dir.path())
    );
}
