//! The workshop's minutes (issue 19): one PDF and one self-contained HTML
//! page that a facilitator sends the team and its management after the
//! workshop, in the method's order and words (METHOD.md): a cover, the
//! diagnosis on one page, Steps 1–4 with the tool map and the grid as
//! vector drawings, the scores, the dot vote, and with several sessions
//! of the same team a quarter-over-quarter section.
//!
//! [`Minutes::of`] turns sessions into data and SVG figures (`data`,
//! `figures`); [`pdf`] (Typst) and [`html`] (askama) are two thin writers
//! of that one value, so both outputs hold the same figures and drawings.
//! Participants' texts are data all the way: escaped by the HTML template
//! and the SVG writer, read as JSON values by the Typst template.

mod data;
mod figures;
mod fonts;
mod geometry;
mod html;
mod pdf;
mod svg;

use std::path::{Path, PathBuf};

pub use data::{
    AirlockRow, AutomationRow, ChangeRow, FlowRow, LegendEntry, Minutes, NextChange, PainGroup,
    PainRow, PairRow, PersonKey, QuadrantRow, QuarterRow, Quarters, QuestionRow, Summary, ToolRow,
    VoteRow, VoteSection, ZoneRow,
};
pub use geometry::{GridGeometry, GridMark, MapGeometry, grid_geometry, map_geometry};
pub use html::html;
pub use pdf::pdf;

/// Paper size of the PDF.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Typst's name for it.
    pub fn typst_name(self) -> &'static str {
        match self {
            Self::A4 => "a4",
            Self::Letter => "us-letter",
        }
    }
}

/// How the minutes are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Paper size of the PDF (the HTML page prints on the reader's paper).
    pub paper: Paper,
    /// Leave every participant's name out: no list of who took part, no
    /// authors, score dots without initials, outliers and owners unnamed.
    pub anonymous: bool,
}

/// Why minutes could not be written.
#[derive(Debug, thiserror::Error)]
pub enum MinutesError {
    /// No session given.
    #[error("no session to write minutes of")]
    NoSession,
    /// Typst could not typeset the PDF (a defect of the template).
    #[error("cannot typeset the PDF: {0}")]
    Typeset(String),
    /// The HTML template failed.
    #[error("cannot write the HTML page: {0}")]
    Html(String),
    /// Writing a file failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// The output format, from a file name's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// PDF, typeset by Typst.
    Pdf,
    /// One self-contained HTML page.
    Html,
}

impl Format {
    /// `.pdf` → PDF, `.html`/`.htm` → HTML (any case), else `None`.
    pub fn of_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Self::Pdf),
            "html" | "htm" => Some(Self::Html),
            _ => None,
        }
    }

    /// The bytes of `minutes` in this format.
    ///
    /// # Errors
    /// As [`pdf`] and [`html`].
    pub fn render(self, minutes: &Minutes) -> Result<Vec<u8>, MinutesError> {
        match self {
            Self::Pdf => pdf(minutes),
            Self::Html => html(minutes).map(String::into_bytes),
        }
    }
}

/// `TEAM-QUARTER-minutes` (or the session file's stem when the team and
/// quarter are empty), safe as a file name: what the minutes are called
/// next to the session.
pub fn file_stem(session: &crate::model::Session, session_path: Option<&Path>) -> String {
    let h = &session.header;
    let parts: Vec<String> = [h.team.as_str(), h.quarter.as_str()]
        .iter()
        .map(|p| safe_name(p))
        .filter(|p| !p.is_empty())
        .collect();
    let base = if parts.is_empty() {
        session_path
            .and_then(|p| p.file_stem())
            .and_then(|s| s.to_str())
            .map(safe_name)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "rhythm".to_owned())
    } else {
        parts.join("-")
    };
    format!("{base}-minutes")
}

/// Letters, digits, `-` and `_` kept (any script), runs of anything else
/// made one `-`, at most 60 characters.
fn safe_name(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(60).collect()
}

/// `folder/stem.ext`, or `folder/stem-2.ext`, `-3`, …: never an existing
/// file, so an earlier export is kept.
pub fn free_path(folder: &Path, stem: &str, ext: &str) -> PathBuf {
    let first = folder.join(format!("{stem}.{ext}"));
    if !first.exists() {
        return first;
    }
    (2..10_000)
        .map(|n| folder.join(format!("{stem}-{n}.{ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// Write `bytes` to `path` without ever replacing a file that is there:
/// the file is created new (an existing one is an error).
///
/// # Errors
/// [`MinutesError::Write`].
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), MinutesError> {
    use std::io::Write as _;
    let err = |source| MinutesError::Write {
        path: path.to_owned(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(err)?;
    file.write_all(bytes).map_err(err)?;
    file.sync_all().map_err(err)
}

/// `minutes` written as both PDF and HTML into `folder`, named after
/// `session` (the one the minutes are of, [`file_stem`]) and never over an
/// earlier export. The paths written, PDF first.
///
/// # Errors
/// [`MinutesError`] from rendering or writing.
pub fn export_both(
    minutes: &Minutes,
    session: &crate::model::Session,
    folder: &Path,
    session_path: Option<&Path>,
) -> Result<Vec<PathBuf>, MinutesError> {
    let stem = file_stem(session, session_path);
    let mut written = Vec::new();
    for (format, ext) in [(Format::Pdf, "pdf"), (Format::Html, "html")] {
        let bytes = format.render(minutes)?;
        let path = free_path(folder, &stem, ext);
        write_new(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_team_and_quarter_and_are_safe() {
        let mut session = crate::model::Session::default();
        session.header.team = "Media company / content team".to_owned();
        session.header.quarter = "2026-Q1".to_owned();
        assert_eq!(
            file_stem(&session, None),
            "Media-company-content-team-2026-Q1-minutes"
        );
        session.header.team = "../../etc".to_owned();
        session.header.quarter.clear();
        assert_eq!(file_stem(&session, None), "etc-minutes");
    }

    #[test]
    fn an_earlier_export_is_never_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = free_path(dir.path(), "team-minutes", "pdf");
        write_new(&first, b"first").expect("written");
        let second = free_path(dir.path(), "team-minutes", "pdf");
        assert_eq!(second, dir.path().join("team-minutes-2.pdf"));
        assert!(write_new(&first, b"second").is_err());
        assert_eq!(std::fs::read(&first).expect("read"), b"first");
    }
}
