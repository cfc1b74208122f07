//! The `rhythm` binary without a display: `check` and `report`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ASANA_GITHUB: &str = "sessions/asana-github-2026-Q1.ron";

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run `rhythm ARGS…` in the crate folder.
fn rhythm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rhythm"))
        .args(args)
        .current_dir(manifest_dir())
        .output()
        .expect("the rhythm binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// A file in a fresh temporary folder, holding `bytes`.
fn temp_file(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, bytes).expect("write");
    (dir, path)
}

/// Asserts that `rhythm check PATH` failed cleanly with exit code 1 and a
/// single `PATH:LINE:COL: message` line; returns (line, col, message).
fn assert_check_fails(path: &Path) -> (usize, usize, String) {
    let out = rhythm(&["check", path.to_str().expect("UTF-8 path")]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(stdout(&out), "", "nothing on stdout when check fails");
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    let rest = err
        .trim_end()
        .strip_prefix(&format!("{}:", path.display()))
        .unwrap_or_else(|| panic!("stderr starts with the path: {err:?}"));
    let mut parts = rest.splitn(3, ':');
    let line: usize = parts
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("a line number: {err:?}"));
    let col: usize = parts
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("a column number: {err:?}"));
    let message = parts
        .next()
        .and_then(|s| s.strip_prefix(' '))
        .unwrap_or_else(|| panic!("': message' after the column: {err:?}"));
    assert!(line >= 1 && col >= 1, "{err}");
    assert!(!message.trim().is_empty(), "{err}");
    (line, col, message.to_owned())
}

#[test]
fn check_prints_the_counts_of_a_sound_file() {
    let out = rhythm(&["check", ASANA_GITHUB]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(stdout(&out), "ok: 6 tools, 8 flows, 9 tasks\n");
    assert_eq!(stderr(&out), "");

    // The same figures as the library reads.
    let session = rhythm::store::load(&manifest_dir().join(ASANA_GITHUB)).expect("loads");
    assert_eq!(
        (
            session.tools.len(),
            session.flows.len(),
            session.tasks.len()
        ),
        (6, 8, 9)
    );
}

#[test]
fn check_accepts_every_example() {
    for name in [
        "sessions/media-company-2025-Q3-before.ron",
        "sessions/media-company-2025-Q4-midway.ron",
        "sessions/media-company-2026-Q1-after.ron",
        ASANA_GITHUB,
    ] {
        let out = rhythm(&["check", name]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert!(stdout(&out).starts_with("ok: "), "{name}: {}", stdout(&out));
    }
}

#[test]
fn report_shows_the_shadow_flow_and_the_quadrants() {
    let out = rhythm(&["report", ASANA_GITHUB]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("# "), "{text}");
    assert!(text.contains("## Flows (8, 3 shadow)"), "{text}");
    let shadow = text
        .lines()
        .find(|l| l.contains("Slack DMs") && l.contains("critical task updates"))
        .unwrap_or_else(|| panic!("the Slack DMs flow is listed:\n{text}"));
    assert!(shadow.starts_with("- GitHub → Slack DMs: "), "{shadow}");
    assert!(shadow.contains("**shadow**"), "{shadow}");
    assert!(shadow.contains("40 %"), "{shadow}");
    for heading in [
        "### Orchestra (Predictable + High-stakes) — 2",
        "### Rehearsed Jam (Unpredictable + High-stakes) — 1",
        "### Jam Session (Unpredictable + Low-stakes) — 1",
        "### Algorithm (Predictable + Low-stakes) — 2",
        "### Undecided — 2",
        "### In the tray (unplaced) — 1",
        "## Work model (orchestra-vs-factory)",
    ] {
        assert!(text.contains(heading), "missing {heading:?} in\n{text}");
    }
    assert!(
        text.contains("| Primary metric | 7 | 2 | **5** ⚠ |"),
        "{text}"
    );
}

#[test]
fn report_shows_pain_hours_and_who_is_far_from_the_mean() {
    let out = rhythm(&["report", ASANA_GITHUB]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    // `--format md` is the default.
    assert_eq!(
        stdout(&rhythm(&["report", "--format", "md", ASANA_GITHUB])),
        text
    );

    // The 40 % shadow flow, with the hours lost on it.
    let shadow = text
        .lines()
        .find(|l| l.starts_with("- GitHub → Slack DMs: critical task updates"))
        .unwrap_or_else(|| panic!("the Slack DMs flow is listed:\n{text}"));
    assert!(
        shadow.ends_with("**shadow**, 40 % of the traffic — 5 h/week lost (1 pain point)"),
        "{shadow}"
    );
    // Hours per category: 8 h/week of orchestra pain, 11.5 of jam pain.
    for line in [
        "## Pain points (8, 19.5 h/week)",
        "| ■ Orchestra pain | 4 | 8 |",
        "| ≈ Jam pain | 4 | 11.5 |",
        "| **Total** | **8** | **19.5** |",
        "**Share of hours on shadow flows:** 53.8 % (10.5 of 19.5 h/week)",
        "1. GitHub → Slack DMs: critical task updates that never make it back to Asana — 5 h/week (shadow)",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    // Rafael scores Output 4 where the team's mean is 7.4.
    assert!(
        text.contains(
            "| The work as it is | Output | 5 | 7.4 | 4–9 | 1.74 | **Rafael Costa** (4) |"
        ),
        "{text}"
    );
    assert!(text.contains("## Participants (5)"), "{text}");
    assert!(
        text.contains("- Release notes formatting: **O** in Algorithm"),
        "{text}"
    );
    assert!(text.contains("### Airlocks (2)"), "{text}");
    assert!(
        text.contains("| share of critical updates outside Asana | 40 → 5 % | **in progress** |"),
        "{text}"
    );
}

/// `rhythm report --format csv PATH`, parsed: the header and the rows.
fn csv_report(path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let out = rhythm(&["report", "--format", "csv", path]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let text = stdout(&out);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.unwrap_or_else(|e| panic!("{e} in\n{text}"))
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn report_as_csv_has_one_row_per_tool_task_and_pain_point() {
    for (path, tools, tasks, pains) in [
        ("sessions/media-company-2025-Q3-before.ron", 7, 9, 10),
        ("sessions/media-company-2026-Q1-after.ron", 8, 11, 6),
        (ASANA_GITHUB, 6, 9, 8),
    ] {
        let (header, rows) = csv_report(path);
        assert_eq!(
            header,
            [
                "kind",
                "text",
                "category",
                "hours_per_week",
                "attached_to",
                "quadrant",
                "author"
            ],
            "{path}"
        );
        let count = |kind: &str| rows.iter().filter(|r| r[0] == kind).count();
        assert_eq!(
            (count("tool"), count("task"), count("pain point")),
            (tools, tasks, pains),
            "{path}"
        );
        assert_eq!(rows.len(), tools + tasks + pains, "{path}");
        assert!(rows.iter().all(|r| r.len() == 7), "{path}");
        // Every pain point row carries its hours; the others none.
        for row in &rows {
            let hours = row[3].parse::<f32>().ok();
            assert_eq!(hours.is_some(), row[0] == "pain point", "{path}: {row:?}");
        }
    }

    let (_, rows) = csv_report(ASANA_GITHUB);
    let dms = rows
        .iter()
        .find(|r| r[1].starts_with("40% of critical task updates"))
        .expect("the Slack DMs pain point");
    assert_eq!(
        dms,
        &[
            "pain point",
            "40% of critical task updates stay in Slack DMs and never reach Asana; status chased by hand",
            "jam pain",
            "5",
            "GitHub → Slack DMs: critical task updates that never make it back to Asana",
            "",
            "Sanna Virtanen",
        ]
    );
    let deploy = rows
        .iter()
        .find(|r| r[1] == "Production deploy")
        .expect("a task row");
    assert_eq!(deploy[0], "task");
    assert_eq!(deploy[5], "Orchestra");
    let total: f32 = rows.iter().filter_map(|r| r[3].parse::<f32>().ok()).sum();
    assert_eq!(total, 19.5);
}

#[test]
fn report_refuses_an_unknown_format() {
    let out = rhythm(&["report", "--format", "xml", ASANA_GITHUB]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(
        err.contains("xml") && err.contains("md") && err.contains("csv"),
        "{err}"
    );
}

#[test]
fn check_reports_a_truncated_file_at_its_line_and_column() {
    let text = std::fs::read_to_string(manifest_dir().join(ASANA_GITHUB)).expect("example");
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let (_dir, path) = temp_file(&text.as_bytes()[..cut]);
    let (line, _col, message) = assert_check_fails(&path);
    assert!(line > 1, "line {line}: {message}");
    // The location is inside the cut file (or just past its last line).
    assert!(line <= text[..cut].lines().count() + 1, "line {line}");

    // `report` fails the same way.
    let out = rhythm(&["report", path.to_str().expect("UTF-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).starts_with(&format!("{}:{line}:", path.display())));
}

#[test]
fn check_refuses_binary_garbage_with_a_clear_message() {
    let (_dir, path) = temp_file(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF]);
    let (_, _, message) = assert_check_fails(&path);
    assert!(message.contains("not a session file"), "{message}");
    assert!(message.contains("binary"), "{message}");

    // Invalid UTF-8 without a zero byte.
    let (_dir, path) = temp_file(&[b'(', 0xC3, 0x28, 0xFF, 0xFE, b')']);
    let (_, _, message) = assert_check_fails(&path);
    assert!(message.contains("not a session file"), "{message}");
    assert!(message.contains("UTF-8"), "{message}");
}

#[test]
fn check_refuses_an_empty_file_with_a_clear_message() {
    let (_dir, path) = temp_file(b"");
    let (line, col, message) = assert_check_fails(&path);
    assert_eq!((line, col, message.as_str()), (1, 1, "the file is empty"));

    let (_dir, path) = temp_file(b"  \n\n\t\n");
    let (_, _, message) = assert_check_fails(&path);
    assert_eq!(message, "the file is empty");
}

#[test]
fn check_names_a_missing_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nowhere.ron");
    let out = rhythm(&["check", path.to_str().expect("UTF-8 path")]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.starts_with(&format!("{}: cannot read the file", path.display())),
        "{err}"
    );
}

#[test]
fn layout_prints_what_the_room_sees_as_one_json_object() {
    let out = rhythm(&[
        "layout",
        "sessions/media-company-2026-Q1-after.ron",
        "--size",
        "1280x800",
        "--projector",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value =
        serde_json::from_str(stdout(&out).trim()).expect("one JSON object");
    assert_eq!(json["window"], serde_json::json!([1280, 800]));
    assert_eq!(json["tools"], 8);
    assert_eq!(json["tools_visible"], 8, "fit all shows every tool");
    let texts = json["texts"].as_array().expect("texts");
    let names: Vec<&serde_json::Value> = texts.iter().filter(|t| t["kind"] == "tool").collect();
    assert_eq!(names.len(), 8);
    for name in names {
        assert!(name["px"].as_f64().unwrap_or(0.0) >= 24.0, "{name}");
        assert_eq!(name["rect"].as_array().map(Vec::len), Some(4));
    }

    let out = rhythm(&[
        "layout",
        "sessions/media-company-2026-Q1-after.ron",
        "--size",
        "big",
    ]);
    assert_eq!(out.status.code(), Some(2), "a bad size is refused");
    assert!(stderr(&out).contains("WxH"), "{}", stderr(&out));
}
