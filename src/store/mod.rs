//! The RON session file: format version, atomic save, load errors with
//! line and column. The only module that knows the file layout.
//!
//! Layout (version 2): a top-level struct `(version: 2, header: (…),
//! participants: […], tools: […], flows: […], pain_points: […], tasks: […],
//! scores: (…), zones: […], airlocks: […], changes: […], next_id: N)`,
//! fields in that order, four-space indentation, positions in board units,
//! everything referring to everything else by id. Saving the same session
//! twice gives the same bytes.
//!
//! Version 1 (the first release: no participants, pain points, zones,
//! airlocks or changes, no task lenses or authors) is read and migrated in
//! memory by [`migrate`].

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{
    Airlock, Change, Flow, PainPoint, Participant, Session, SessionHeader, Task, Tool,
    WorkModelScores, Zone, default_zones,
};

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
    next_id: u64,
}

/// The session part of a file; `version` is read first by [`VersionOnly`].
#[derive(Deserialize)]
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
    scores: WorkModelScores,
    #[serde(default)]
    participants: Vec<Participant>,
    #[serde(default)]
    pain_points: Vec<PainPoint>,
    /// Absent in version 1 files: [`migrate`] gives them the default zones.
    #[serde(default)]
    zones: Vec<Zone>,
    #[serde(default)]
    airlocks: Vec<Airlock>,
    #[serde(default)]
    changes: Vec<Change>,
    #[serde(default)]
    next_id: u64,
}

#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
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
    /// Parses, but is inconsistent (e.g. a flow to a missing tool).
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

/// Why a session could not be saved. The previous file, if any, is intact.
#[derive(Debug, Error)]
pub enum SaveError {
    /// Serialising failed (should not happen for a valid session).
    #[error("cannot write the session as RON: {0}")]
    Ron(#[from] ron::Error),
    /// Creating, writing, flushing or renaming the file failed.
    #[error("cannot save to {path}: {source}")]
    Io {
        /// The target path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// The session as the RON text that [`save`] writes. Deterministic: the
/// same session gives the same bytes.
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
/// accepted). Errors carry 1-based line and column.
pub fn from_ron(text: &str) -> Result<Session, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let version: VersionOnly = ron::from_str(text).map_err(|e| syntax_error(text, &e))?;
    if version.version > FORMAT_VERSION {
        return Err(LoadError::NewerVersion {
            found: version.version,
            supported: FORMAT_VERSION,
        });
    }
    let file: FileIn = ron::from_str(text).map_err(|e| syntax_error(text, &e))?;
    let session = migrate(file);
    let problems = session.problems();
    if let Some(first) = problems.first() {
        let (line, col) = first
            .id
            .and_then(|id| locate_id(text, id.0))
            .unwrap_or((1, 1));
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
    Ok(session)
}

/// Bring a file of any readable version (1 or 2) up to the current model.
/// Version 1 files have no zones: each quadrant gets its default zone.
/// Everything else new in version 2 starts empty.
fn migrate(file: FileIn) -> Session {
    let zones = if file.zones.is_empty() {
        default_zones()
    } else {
        file.zones
    };
    Session {
        header: file.header,
        tools: file.tools,
        flows: file.flows,
        tasks: file.tasks,
        scores: file.scores,
        participants: file.participants,
        pain_points: file.pain_points,
        zones,
        airlocks: file.airlocks,
        changes: file.changes,
        next_id: file.next_id,
    }
}

/// The version a file says it is, when it parses that far.
pub fn file_version(text: &str) -> Option<u32> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    ron::from_str::<VersionOnly>(text).ok().map(|v| v.version)
}

/// Decode file bytes as UTF-8 text, with a clear message for UTF-16 and
/// binary data.
pub fn decode(bytes: &[u8]) -> Result<&str, LoadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
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

/// Read a session file. Refuses files over [`MAX_FILE_BYTES`] before
/// reading them.
pub fn load(path: &Path) -> Result<Session, LoadError> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size,
            max: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path)?;
    from_ron(decode(&bytes)?)
}

/// Save atomically: write a temporary file in the same folder, flush it,
/// rename it over `path`, flush the folder. A crash leaves the old file or
/// the new one, never half of one.
pub fn save(path: &Path, session: &Session) -> Result<(), SaveError> {
    let text = to_ron(session)?;
    write_atomically(path, text.as_bytes()).map_err(|source| SaveError::Io {
        path: path.to_owned(),
        source,
    })
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".rhythm-save-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // Flush the rename itself. Opening a folder for sync is not possible on
    // every platform; the data is already safe in the renamed file.
    if let Ok(folder) = std::fs::File::open(&dir) {
        let _best_effort = folder.sync_all();
    }
    Ok(())
}

fn syntax_error(text: &str, err: &ron::error::SpannedError) -> LoadError {
    let line = err.span.start.line.max(1);
    let col = err.span.start.col.max(1);
    LoadError::Syntax {
        line,
        col,
        message: err.code.to_string(),
        line_text: text.lines().nth(line - 1).unwrap_or_default().to_owned(),
    }
}

/// 1-based (line, col) of the first `id: N` entry for this id.
fn locate_id(text: &str, id: u64) -> Option<(usize, usize)> {
    let needle = format!("id: {id},");
    text.lines()
        .enumerate()
        .find_map(|(i, line)| line.find(&needle).map(|col| (i + 1, col + 1)))
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
    fn a_dangling_flow_is_reported_at_its_line() {
        let text = "(\n    version: 1,\n    flows: [\n        (\n            id: 5,\n            from: 1,\n            to: 2,\n            label: \"x\",\n            kind: Shadow,\n        ),\n    ],\n)\n";
        let err = from_ron(text).unwrap_err();
        assert_eq!(err.location(), Some((5, 13)), "{err}");
        assert!(err.to_string().contains("does not exist"), "{err}");
    }
}
