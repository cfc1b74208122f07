//! The RON session file: format version, atomic save, load errors with
//! line and column, repair of damaged files, recovery copies. The only
//! module that knows the file layout.
//!
//! Layout (version 2): a top-level struct `(version: 2, header: (…),
//! participants: […], tools: […], flows: […], pain_points: […], tasks: […],
//! scores: (…), zones: […], airlocks: […], changes: […], vote: Some((…)),
//! next_id: N)`, fields in that order, four-space indentation, positions in
//! board units, everything referring to everything else by id. Saving the
//! same session twice gives the same bytes.
//!
//! `hidden` (issue 11: `(pain_points: [ID, …], scores: [ID, …])`, the pain
//! points and participants' scores the projector does not show until
//! revealed) is written only while something is hidden, after `vote`.
//!
//! `vote` (Dot voting, issue 6) is written only while a vote is held, so
//! files without one keep their bytes; it reads as `(on: Tasks |
//! PainPoints, dots_per_participant: 1–20, question: "…", revealed: bool,
//! dots: [(participant: ID, note: ID), …])`.
//!
//! Version 1 (the first release: no participants, pain points, zones,
//! airlocks or changes, no task lenses or authors) is read and migrated in
//! memory by `migrate`; the first save over it keeps a `.bak` copy
//! ([`save`]).
//!
//! Reading never rejects what it can repair ([`repair()`]): every repair is
//! listed in [`Loaded::repairs`]. What cannot be read at all is a
//! [`LoadError`] with a line and column where there is one.

pub mod lock;
pub mod recovery;
pub mod repair;
mod save;
mod version;

use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use lock::{FileLock, LockError};
pub use repair::{Repair, repair};
pub use save::{SaveError, Saved, save, save_reporting};
pub use version::{file_version, leading_version};

use crate::model::{
    Airlock, Change, DEFAULT_DOTS, Dot, Flow, Hidden, Id, MAX_DOTS, MIN_DOTS, PainPoint,
    Participant, Question, ScoreSet, Session, SessionHeader, Task, Tool, Vote, VoteOn,
    WorkModelScores, Zone, default_zones, score_in_range,
};
use repair::Log;
use version::VersionOnly;

/// The file-format version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 2;
/// Files larger than this (bytes) are refused before being read.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// The file extension of session files.
pub const EXTENSION: &str = "ron";

#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    header: &'a SessionHeader,
    participants: &'a [Participant],
    tools: &'a [Tool],
    flows: &'a [Flow],
    pain_points: &'a [PainPoint],
    tasks: &'a [Task],
    scores: &'a WorkModelScores,
    zones: &'a [Zone],
    airlocks: &'a [Airlock],
    changes: &'a [Change],
    /// Left out while no vote is held, so such files keep their bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    vote: Option<&'a Vote>,
    /// Left out while nothing is hidden (issue 11).
    #[serde(skip_serializing_if = "Hidden::is_empty")]
    hidden: Hidden,
    next_id: u64,
}

/// The session part of a file; `version` is read first by [`VersionOnly`].
#[derive(Deserialize)]
#[serde(rename = "Session")]
struct FileIn {
    #[serde(default)]
    header: SessionHeader,
    #[serde(default)]
    tools: Vec<Tool>,
    #[serde(default)]
    flows: Vec<Flow>,
    #[serde(default)]
    tasks: Vec<Task>,
    #[serde(default)]
    scores: ScoresIn,
    #[serde(default)]
    participants: Vec<ParticipantIn>,
    #[serde(default)]
    pain_points: Vec<PainPoint>,
    /// Absent in version 1 files: [`migrate`] gives them the default zones.
    #[serde(default)]
    zones: Vec<Zone>,
    #[serde(default)]
    airlocks: Vec<Airlock>,
    #[serde(default)]
    changes: Vec<Change>,
    /// Absent when no vote is held, and in files before issue 6.
    #[serde(default)]
    vote: Option<VoteIn>,
    /// Absent while nothing is hidden, and in files before issue 11.
    #[serde(default)]
    hidden: Hidden,
    #[serde(default)]
    next_id: u64,
}

/// A dot vote as written: dots per participant of any integer (clamped to
/// 1–20 with a repair), dots unchecked ([`repair`] drops dangling ones).
#[derive(Deserialize)]
#[serde(rename = "Vote")]
struct VoteIn {
    #[serde(default)]
    on: VoteOn,
    #[serde(default = "default_dots")]
    dots_per_participant: i64,
    #[serde(default)]
    question: String,
    #[serde(default)]
    revealed: bool,
    #[serde(default)]
    dots: Vec<Dot>,
}

fn default_dots() -> i64 {
    i64::from(DEFAULT_DOTS)
}

/// A work-model score set as written, any integer: those outside 1–10 are
/// dropped with a repair instead of failing the whole file.
#[derive(Default, Deserialize)]
#[serde(rename = "WorkModel")]
struct WorkModelIn {
    #[serde(default)]
    output: Option<i64>,
    #[serde(default)]
    process: Option<i64>,
    #[serde(default)]
    primary_metric: Option<i64>,
    #[serde(default)]
    individual: Option<i64>,
}

#[derive(Default, Deserialize)]
#[serde(rename = "WorkModelScores")]
struct ScoresIn {
    #[serde(default)]
    as_is: WorkModelIn,
    #[serde(default)]
    as_run: WorkModelIn,
}

#[derive(Deserialize)]
#[serde(rename = "Participant")]
struct ParticipantIn {
    id: Id,
    name: String,
    colour: [u8; 3],
    #[serde(default)]
    scores: ScoresIn,
}

/// A session read from a file, with what was done to read it.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The session, migrated to the current version and repaired:
    /// [`Session::problems`] is empty.
    pub session: Session,
    /// The format version the file says it is (0 ..= [`FORMAT_VERSION`]);
    /// older files were migrated in memory.
    pub version: u32,
    /// Every repair made, in file order; empty for a sound file.
    pub repairs: Vec<Repair>,
}

/// Why a session could not be read. The file is never written over.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The file could not be opened or read.
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    /// Larger than [`MAX_FILE_BYTES`].
    #[error("the file is {size} bytes; session files over {max} bytes are refused")]
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        max: u64,
    },
    /// Empty or only white space.
    #[error("the file is empty")]
    Empty,
    /// Not UTF-8 text (binary, or UTF-16).
    #[error("{0}")]
    NotText(String),
    /// The RON does not parse, or does not have the session's shape.
    #[error("{message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What the parser says.
        message: String,
        /// The offending line's text, for showing under the message.
        line_text: String,
    },
    /// Written by a newer Rhythm.
    #[error("saved by a newer Rhythm (file version {found}, this build reads up to {supported})")]
    NewerVersion {
        /// The file's version.
        found: u32,
        /// [`FORMAT_VERSION`].
        supported: u32,
    },
    /// Parses, but is still inconsistent after every repair this build
    /// knows (a repair missing for a newer kind of problem).
    #[error("{message}")]
    Invalid {
        /// 1-based line of the offending entity, or 1.
        line: usize,
        /// 1-based column, or 1.
        col: usize,
        /// The first problem, and how many more there are.
        message: String,
    },
}

impl LoadError {
    /// `(line, col)`, 1-based, where the file is at fault, when known.
    pub fn location(&self) -> Option<(usize, usize)> {
        match self {
            Self::Syntax { line, col, .. } | Self::Invalid { line, col, .. } => Some((*line, *col)),
            Self::Empty | Self::NotText(_) | Self::NewerVersion { .. } => Some((1, 1)),
            Self::Io(_) | Self::TooLarge { .. } => None,
        }
    }

    /// `PATH:LINE:COL: message` (or `PATH: message` when there is no
    /// location), as `rhythm check` prints it.
    pub fn with_path(&self, path: &Path) -> String {
        match self.location() {
            Some((line, col)) => format!("{}:{line}:{col}: {self}", path.display()),
            None => format!("{}: {self}", path.display()),
        }
    }
}

/// The session as the RON text that [`save`] writes. Deterministic: the
/// same session gives the same bytes.
///
/// # Errors
/// When serde cannot write a value (not expected for any session).
pub fn to_ron(session: &Session) -> Result<String, ron::Error> {
    let file = FileOut {
        version: FORMAT_VERSION,
        header: &session.header,
        participants: &session.participants,
        tools: &session.tools,
        flows: &session.flows,
        pain_points: &session.pain_points,
        tasks: &session.tasks,
        scores: &session.scores,
        zones: &session.zones,
        airlocks: &session.airlocks,
        changes: &session.changes,
        vote: session.vote.as_ref(),
        hidden: session.hidden.live(session),
        next_id: session.next_id,
    };
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .new_line("\n");
    let mut text = ron::ser::to_string_pretty(&file, config)?;
    text.push('\n');
    Ok(text)
}

/// Parse a session from RON text (a leading UTF-8 byte-order mark is
/// accepted), migrated and repaired; [`parse`] also lists the repairs.
///
/// # Errors
/// As [`parse`].
pub fn from_ron(text: &str) -> Result<Session, LoadError> {
    parse(text).map(|loaded| loaded.session)
}

/// Parse a session from RON text: a leading UTF-8 byte-order mark is
/// accepted, older versions are migrated, damage is repaired and listed.
///
/// # Errors
/// [`LoadError::Empty`], [`LoadError::Syntax`] (with 1-based line and
/// column, e.g. for truncated text or nesting deeper than ron's recursion
/// limit of 128), [`LoadError::NewerVersion`]; [`LoadError::Invalid`] only
/// if a problem remains that no repair covers.
pub fn parse(text: &str) -> Result<Loaded, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    // Files as Rhythm writes them open with `(version: N,`: read that
    // without a second full parse; anything else is parsed for it.
    let version = match leading_version(text) {
        Some(version) => version,
        None => {
            ron::from_str::<VersionOnly>(text)
                .map_err(|e| syntax_error(text, &e))?
                .version
        }
    };
    if version > FORMAT_VERSION {
        return Err(LoadError::NewerVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    let file: FileIn = ron::from_str(text).map_err(|e| {
        // A structural fault (e.g. nesting past ron's limit) reads better
        // from the generic parse, which the fast version read skipped.
        match ron::from_str::<VersionOnly>(text) {
            Err(generic) => syntax_error(text, &generic),
            Ok(_) => syntax_error(text, &e),
        }
    })?;
    let mut log = Log::default();
    let mut session = migrate(file, version, &mut log);
    repair::repair_into(&mut session, &mut log);
    session.hidden = session.hidden.live(&session);
    let ids = IdIndex::of(text);
    let repairs = log.finish(&|id, occurrence| ids.find(id, occurrence));
    let problems = session.problems();
    if let Some(first) = problems.first() {
        let (line, col) = first.id.and_then(|id| ids.find(id, 0)).unwrap_or((1, 1));
        let more = match problems.len() - 1 {
            0 => String::new(),
            n => format!(" (and {n} more problem{})", if n == 1 { "" } else { "s" }),
        };
        return Err(LoadError::Invalid {
            line,
            col,
            message: format!("{}{more}", first.message),
        });
    }
    Ok(Loaded {
        session,
        version,
        repairs,
    })
}

/// Bring a file of any readable version (0–2) up to the current model.
/// Files before version 2 have no zones: each quadrant gets its default
/// zone. Everything else new in version 2 starts empty. Scores outside
/// 1–10 are dropped (logged).
fn migrate(file: FileIn, version: u32, log: &mut Log) -> Session {
    let zones = if version < 2 && file.zones.is_empty() {
        default_zones()
    } else {
        file.zones
    };
    let scores = scores_from(file.scores, |m| log.note(format!("team {m}")));
    let participants = file
        .participants
        .into_iter()
        .map(|p| {
            let who = format!("participant {} {}", p.id.0, repair::quoted(&p.name));
            let id = p.id;
            Participant {
                scores: scores_from(p.scores, |m| log.at(id, format!("{who}: {m}"))),
                id: p.id,
                name: p.name,
                colour: p.colour,
            }
        })
        .collect();
    let vote = file.vote.map(|v| {
        let dots = clamp_dots_per_participant(v.dots_per_participant, log);
        Vote::from_file(v.on, dots, v.question, v.revealed, v.dots)
    });
    Session {
        header: file.header,
        tools: file.tools,
        flows: file.flows,
        tasks: file.tasks,
        scores,
        participants,
        pain_points: file.pain_points,
        zones,
        airlocks: file.airlocks,
        changes: file.changes,
        vote,
        hidden: file.hidden,
        next_id: file.next_id,
    }
}

/// Dots per participant as written, clamped to 1–20 (logged when it was
/// outside).
fn clamp_dots_per_participant(written: i64, log: &mut Log) -> u8 {
    let clamped = written.clamp(i64::from(MIN_DOTS), i64::from(MAX_DOTS));
    let dots = u8::try_from(clamped).unwrap_or(DEFAULT_DOTS);
    if clamped != written {
        log.note(repair::dots_per_participant_message(written, dots));
    }
    dots
}

/// Scores as written to scores 1–10, reporting each one dropped.
fn scores_from(scores: ScoresIn, mut report: impl FnMut(String)) -> WorkModelScores {
    let mut out = WorkModelScores::default();
    for (set, written) in [
        (ScoreSet::AsItIs, &scores.as_is),
        (ScoreSet::AsRun, &scores.as_run),
    ] {
        for (q, value) in [
            (Question::Output, written.output),
            (Question::Process, written.process),
            (Question::PrimaryMetric, written.primary_metric),
            (Question::Individual, written.individual),
        ] {
            let Some(v) = value else { continue };
            match u8::try_from(v) {
                Ok(v) if score_in_range(v) => {
                    *out.set_mut(set).get_mut(q) = Some(v);
                }
                _ => report(repair::score_message(set, q, v)),
            }
        }
    }
    out
}

/// Decode file bytes as UTF-8 text, with a clear message for UTF-16 (with
/// or without a byte-order mark) and binary data.
///
/// # Errors
/// [`LoadError::NotText`] naming what the bytes look like.
pub fn decode(bytes: &[u8]) -> Result<&str, LoadError> {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || matches!(bytes, [a, 0, b, 0, ..] | [0, a, 0, b, ..] if *a != 0 && *b != 0);
    if utf16 {
        return Err(LoadError::NotText(
            "the file is UTF-16 text; save it as UTF-8".to_owned(),
        ));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(LoadError::NotText(format!(
            "not a session file: binary data (a zero byte at offset {at})"
        )));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        LoadError::NotText(format!(
            "not a session file: invalid UTF-8 at byte {}",
            e.valid_up_to()
        ))
    })
}

/// Read a session file, migrated and repaired; [`read`] also lists the
/// repairs.
///
/// # Errors
/// As [`read`].
pub fn load(path: &Path) -> Result<Session, LoadError> {
    read(path).map(|loaded| loaded.session)
}

/// Read several session files (for comparing quarters): each file's
/// display name (its file name) and session, in the order given.
///
/// # Errors
/// When any file cannot be read: one `PATH:LINE:COL: message` line
/// ([`LoadError::with_path`]) per unreadable file, in the order given;
/// nothing is returned then.
pub fn load_many(paths: &[PathBuf]) -> Result<Vec<(String, Session)>, Vec<String>> {
    let mut sessions = Vec::with_capacity(paths.len());
    let mut errors = Vec::new();
    for path in paths {
        match load(path) {
            Ok(session) => sessions.push((display_name(path), session)),
            Err(err) => errors.push(err.with_path(path)),
        }
    }
    if errors.is_empty() {
        Ok(sessions)
    } else {
        Err(errors)
    }
}

/// A file's name as shown (`team-2026-Q1.ron`), or the whole path when it
/// has no file name.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Read a session file: refused when over [`MAX_FILE_BYTES`] before it is
/// read, then decoded ([`decode`]) and parsed ([`parse`]).
///
/// # Errors
/// [`LoadError::Io`] when it cannot be opened or read,
/// [`LoadError::TooLarge`], [`LoadError::NotText`], and those of [`parse`].
pub fn read(path: &Path) -> Result<Loaded, LoadError> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size,
            max: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::new();
    // The file may grow while being read: never read past the limit.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size: read,
            max: MAX_FILE_BYTES,
        });
    }
    parse(decode(&bytes)?)
}

/// The deepest nesting of brackets ron reads (its default recursion
/// limit); deeper files are refused rather than overflowing the stack.
pub const MAX_NESTING: usize = 128;

fn syntax_error(text: &str, err: &ron::error::SpannedError) -> LoadError {
    let line = err.span.start.line.max(1);
    let col = err.span.start.col.max(1);
    let message = match &err.code {
        ron::Error::ExceededRecursionLimit => format!(
            "nested more than {MAX_NESTING} levels deep: not a session file (or a damaged one)"
        ),
        ron::Error::MissingStructField {
            field: "version",
            outer,
        } if outer.as_deref().is_none_or(|o| o == "Session") => {
            "not a Rhythm session: the file has no `version` field".to_owned()
        }
        other => other.to_string(),
    };
    LoadError::Syntax {
        line,
        col,
        message,
        line_text: text.lines().nth(line - 1).unwrap_or_default().to_owned(),
    }
}

/// Where each `id: N` entry is in a file's text, in order.
struct IdIndex(std::collections::HashMap<u64, Vec<(usize, usize)>>);

impl IdIndex {
    fn of(text: &str) -> Self {
        let mut map: std::collections::HashMap<u64, Vec<(usize, usize)>> =
            std::collections::HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let mut from = 0;
            while let Some(found) = line.get(from..).and_then(|rest| rest.find("id:")) {
                let at = from + found;
                from = at + 3;
                // `id:` as a whole key, not the end of `next_id:`.
                let before = line.get(..at).unwrap_or_default();
                let whole = before
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                let digits: String = line
                    .get(from..)
                    .unwrap_or_default()
                    .trim_start()
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if let (true, Ok(id)) = (whole, digits.parse::<u64>()) {
                    let col = before.chars().count() + 1;
                    map.entry(id).or_default().push((i + 1, col));
                }
            }
        }
        Self(map)
    }

    /// 1-based (line, col) of the `occurrence`-th (0-based) `id: N` entry.
    fn find(&self, id: Id, occurrence: usize) -> Option<(usize, usize)> {
        self.0.get(&id.0)?.get(occurrence).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_session_round_trips() {
        let text = to_ron(&Session::default()).unwrap();
        assert!(text.starts_with("(\n    version: 2,\n"), "{text}");
        assert_eq!(from_ron(&text).unwrap(), Session::default());
    }

    #[test]
    fn bom_is_accepted_and_utf16_and_binary_are_named() {
        let text = format!("\u{feff}{}", to_ron(&Session::default()).unwrap());
        assert!(from_ron(&text).is_ok());
        let err = decode(&[0xFF, 0xFE, b'(', 0]).unwrap_err();
        assert!(err.to_string().contains("UTF-16"), "{err}");
        let err = decode(&[1, 2, 0, 200]).unwrap_err();
        assert!(err.to_string().contains("binary"), "{err}");
        assert!(matches!(from_ron("  \n"), Err(LoadError::Empty)));
    }

    #[test]
    fn newer_versions_are_named_as_such() {
        let err = from_ron("(version: 9)").unwrap_err();
        assert_eq!(
            err.to_string(),
            "saved by a newer Rhythm (file version 9, this build reads up to 2)"
        );
    }

    #[test]
    fn a_dangling_flow_is_dropped_and_the_repair_located_at_its_line() {
        let text = "(\n    version: 1,\n    flows: [\n        (\n            id: 5,\n            from: 1,\n            to: 2,\n            label: \"x\",\n            kind: Shadow,\n        ),\n    ],\n    next_id: 5,\n)\n";
        let loaded = parse(text).unwrap();
        assert!(loaded.session.flows.is_empty());
        assert_eq!(loaded.version, 1);
        assert_eq!(loaded.repairs.len(), 1, "{:?}", loaded.repairs);
        let repair = &loaded.repairs[0];
        assert_eq!(repair.location, Some((5, 13)));
        assert_eq!(
            repair.message,
            "flow 5 \"x\": its `from` tool 1 does not exist, its `to` tool 2 does not exist; \
             the flow was dropped"
        );
        assert_eq!(
            repair.with_path(Path::new("a.ron")),
            format!("a.ron:5:13: repaired: {}", repair.message)
        );
    }

    #[test]
    fn a_duplicate_is_located_at_its_second_entry() {
        let text = "(\n    version: 2,\n    tools: [\n        (id: 1, name: \"a\", pos: (x: 0.0, y: 0.0)),\n        (id: 1, name: \"b\", pos: (x: 9.0, y: 0.0)),\n    ],\n    next_id: 2,\n)\n";
        let loaded = parse(text).unwrap();
        let ids: Vec<u64> = loaded.session.tools.iter().map(|t| t.id.0).collect();
        assert_eq!(ids, [1, 2]);
        assert_eq!(loaded.session.next_id, 3);
        // Zones missing in a version 2 file: restored, one repair each.
        assert_eq!(loaded.repairs.len(), 5, "{:?}", loaded.repairs);
        assert_eq!(loaded.repairs[0].location, Some((5, 10)));
        assert!(loaded.repairs[0].message.contains("already used by a tool"));
    }

    #[test]
    fn scores_of_any_integer_are_read_and_the_bad_ones_dropped() {
        let text = "(version: 2, scores: (as_is: (output: Some(300), process: Some(-2), \
                    primary_metric: Some(0), individual: Some(10))), zones: [\
                    (quadrant: Orchestra, rhythm: Orchestra), (quadrant: RehearsedJam, rhythm: RehearsedJam),\
                    (quadrant: JamSession, rhythm: JamSession), (quadrant: Algorithm, rhythm: Algorithm)])";
        let loaded = parse(text).unwrap();
        assert_eq!(loaded.session.scores.as_is.individual, Some(10));
        assert_eq!(loaded.session.scores.as_is.output, None);
        let messages: Vec<&str> = loaded.repairs.iter().map(|r| r.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "team score \"The work as it is\" / Output: 300 is outside 1–10; dropped",
                "team score \"The work as it is\" / Process: -2 is outside 1–10; dropped",
                "team score \"The work as it is\" / Primary metric: 0 is outside 1–10; dropped",
            ]
        );
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_named() {
        let err = decode(b"(\0v\0e\0").unwrap_err();
        assert!(err.to_string().contains("UTF-16"), "{err}");
        let err = decode(b"\0(\0v\0e").unwrap_err();
        assert!(err.to_string().contains("UTF-16"), "{err}");
    }

    #[test]
    fn next_id_is_not_taken_for_an_id() {
        let index = IdIndex::of("    next_id: 7,\n    (id: 7, x: 1)\n");
        assert_eq!(index.find(Id(7), 0), Some((2, 6)));
        assert_eq!(index.find(Id(7), 1), None);
    }
}
