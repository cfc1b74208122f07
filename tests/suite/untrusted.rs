//! Text from outside is untrusted (issue 11, Security): a session file
//! someone mailed over may hold terminal escape sequences, NUL characters
//! and right-to-left overrides in its names. The loader removes them and
//! lists each cleaned field as a repair; `rhythm report` prints none of
//! them; the CSV neutralises cells a spreadsheet would run as formulas.

use std::path::Path;
use std::process::{Command, Output};

use rhythm::model::{BoardPos, Id, Session, Tool};
use rhythm::store;

/// A tool name built to clear the terminal, end a C string and reverse
/// the rest of the line.
const HOSTILE: &str = "Sla\u{1b}[2Jck\u{0} DMs \u{202E}txet";
/// What is left of it.
const CLEANED: &str = "Sla[2Jck DMs txet";

fn rhythm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rhythm"))
        .args(args)
        .output()
        .expect("the rhythm binary runs")
}

/// A session file whose tool name holds ESC[2J, a NUL and U+202E, and a
/// second tool named like a spreadsheet formula, as a tampered tool or
/// hand editing would write it.
fn hostile_file(dir: &Path) -> std::path::PathBuf {
    let tool = |id, name: &str, x| Tool {
        id: Id(id),
        name: name.to_owned(),
        pos: BoardPos::new(x, 0.0),
        author: None,
    };
    let session = Session {
        tools: vec![
            tool(1, HOSTILE, 0.0),
            tool(2, "=HYPERLINK(\"http://evil.example\",\"Asana\")", 300.0),
        ],
        next_id: 3,
        ..Session::default()
    };
    // Written as is (to_ron does not clean, the loader must), with the
    // escape and the override raw in the text, as an editor would leave
    // them; the NUL stays a RON escape (a zero byte is no text at all).
    let text = store::to_ron(&session)
        .expect("to_ron")
        .replace("\\u{1b}", "\u{1b}")
        .replace("\\u{202e}", "\u{202E}");
    assert!(
        text.contains("\u{1b}[2J") && text.contains('\u{202E}') && text.contains("ck\\0 DMs"),
        "{text:?}"
    );
    let path = dir.join("mailed.ron");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn a_hostile_name_loads_cleaned_and_listed_as_repaired() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = hostile_file(dir.path());
    let loaded = store::read(&path).expect("loads");
    assert_eq!(loaded.session.tools[0].name, CLEANED);
    assert!(loaded.session.problems().is_empty());
    let repair = loaded
        .repairs
        .iter()
        .find(|r| r.message.starts_with("tool 1 name:"))
        .unwrap_or_else(|| panic!("listed: {:?}", loaded.repairs));
    assert_eq!(
        repair.message,
        "tool 1 name: 3 control or text-direction characters removed"
    );
    // Located at the tool's `id:` entry, as `rhythm check` prints it.
    let (line, _) = repair.location.expect("a location");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(
        text.lines()
            .nth(line - 1)
            .is_some_and(|l| l.trim_start().starts_with("id: 1,")),
        "line {line}"
    );

    let out = rhythm(&["check", path.to_str().expect("UTF-8 path")]);
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout.starts_with("ok (repaired 1): 2 tools"), "{stdout}");
    assert!(
        stdout.contains(&format!("{}:{line}:", path.display())),
        "{stdout}"
    );
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
}

#[test]
fn the_report_prints_no_escape_sequence_and_the_csv_no_formula() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = hostile_file(dir.path());
    let path = path.to_str().expect("UTF-8 path");

    let out = rhythm(&["report", path]);
    assert_eq!(out.status.code(), Some(0));
    let report = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(report.contains(&format!("- {CLEANED}\n")), "{report}");
    for bad in ['\u{1b}', '\u{0}', '\u{202E}'] {
        assert!(!report.contains(bad), "{bad:?} in {report:?}");
    }

    let out = rhythm(&["report", "--format", "csv", path]);
    assert_eq!(out.status.code(), Some(0));
    let csv = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(!csv.contains('\u{1b}'), "{csv:?}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let texts: Vec<String> = reader
        .records()
        .map(|r| r.expect("row").get(1).unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        texts,
        [
            CLEANED.to_owned(),
            "'=HYPERLINK(\"http://evil.example\",\"Asana\")".to_owned()
        ]
    );
}
