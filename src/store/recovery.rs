//! Recovery copies: what the app writes every few seconds while a session
//! has unsaved changes, so that a crash loses at most those seconds.
//!
//! A copy is an ordinary session file whose first line is a comment naming
//! the session it belongs to (`// Rhythm recovery copy of: PATH`, or of a
//! never-saved session). It lives beside its session as
//! `.NAME.rhythm-recovery.ron` (hidden), or, for a never-saved session or a
//! folder that cannot be written, in the app's data folder. A copy is
//! *newer than its session* when it was written after the session file
//! was, or the session file is gone; only those are offered on start.
//! Nothing here deletes a copy unless asked to.

use std::ffi::OsString;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::save::{folder_of, write_atomically, write_new};
use super::{EXTENSION, SaveError, to_ron};
use crate::model::Session;

/// The end of every recovery copy's file name.
pub const RECOVERY_SUFFIX: &str = ".rhythm-recovery.ron";
/// The first line of a copy starts with this, then the session's path.
const HEADER: &str = "// Rhythm recovery copy of: ";
/// What the first line says for a session that was never saved.
const NEVER_SAVED: &str = "(never saved)";
/// How much of a copy is read to find its first line, bytes.
const HEADER_BYTES: u64 = 8 * 1024;
/// How many "NAME (recovered N).ron" names are tried.
const MAX_RECOVERED_NAMES: u32 = 1000;

/// A recovery copy found on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryCopy {
    /// The copy itself.
    pub path: PathBuf,
    /// The session file it belongs to; `None` for a never-saved session.
    pub session: Option<PathBuf>,
    /// When the copy was written.
    pub written: SystemTime,
    /// When the session file was last written; `None` when there is none
    /// (never saved, or gone).
    pub session_written: Option<SystemTime>,
}

/// The hidden copy beside a session file: `DIR/.NAME.rhythm-recovery.ron`;
/// `None` for a path without a file name.
pub fn beside(session: &Path) -> Option<PathBuf> {
    let mut name = OsString::from(".");
    name.push(session.file_name()?);
    name.push(RECOVERY_SUFFIX);
    Some(session.with_file_name(name))
}

/// A copy's path in the app's data folder `dir`: for a session file,
/// `STEM-HASH.rhythm-recovery.ron` (the hash of its absolute path tells
/// files of the same name apart); for a never-saved session,
/// `untitled-TAG.rhythm-recovery.ron` with a tag unique to the running
/// app (e.g. start time and process id).
pub fn in_data_folder(dir: &Path, session: Option<&Path>, tag: &str) -> PathBuf {
    let name = match session {
        Some(path) => {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
            format!(
                "{stem}-{:016x}{RECOVERY_SUFFIX}",
                fnv1a(absolute.as_os_str().as_encoded_bytes())
            )
        }
        None => format!("untitled-{tag}{RECOVERY_SUFFIX}"),
    };
    dir.join(name)
}

/// 64-bit FNV-1a (the `fnv` crate): a hash that stays the same across
/// builds and platforms, so a session's copy keeps its name.
fn fnv1a(bytes: &[u8]) -> u64 {
    use std::hash::Hasher as _;
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

/// The text of a recovery copy of `session`, which belongs to the file
/// `of` (`None`: never saved).
///
/// # Errors
/// When the session cannot be written as RON (as [`to_ron`]).
pub fn copy_text(of: Option<&Path>, session: &Session) -> Result<String, ron::Error> {
    let origin = of
        .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_owned()))
        .and_then(|p| p.to_str().map(str::to_owned))
        .filter(|p| !p.contains(['\n', '\r']))
        .unwrap_or_else(|| NEVER_SAVED.to_owned());
    Ok(format!("{HEADER}{origin}\n{}", to_ron(session)?))
}

/// Write a recovery copy atomically (the previous copy stays complete
/// until the new one replaces it). The folder must exist.
///
/// # Errors
/// [`SaveError::Io`] when the folder cannot be written.
pub fn write(copy: &Path, text: &str) -> Result<(), SaveError> {
    write_atomically(copy, text.as_bytes()).map_err(|source| SaveError::Io {
        path: copy.to_owned(),
        source,
    })
}

/// The session file a copy says it belongs to: `Ok(None)` for a
/// never-saved session.
///
/// # Errors
/// When the copy cannot be read or does not start with the recovery
/// header ([`std::io::ErrorKind::InvalidData`]).
pub fn session_of(copy: &Path) -> std::io::Result<Option<PathBuf>> {
    let mut head = Vec::new();
    std::fs::File::open(copy)?
        .take(HEADER_BYTES)
        .read_to_end(&mut head)?;
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let origin = std::str::from_utf8(first)
        .ok()
        .and_then(|line| line.strip_prefix(HEADER))
        .ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "not a Rhythm recovery copy",
            )
        })?;
    Ok((origin != NEVER_SAVED).then(|| PathBuf::from(origin)))
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

impl RecoveryCopy {
    /// What is known about the copy at `path`; `None` when it is not a
    /// readable recovery copy.
    pub fn at(path: &Path) -> Option<Self> {
        let session = session_of(path).ok()?;
        Some(Self {
            path: path.to_owned(),
            written: modified(path)?,
            session_written: session.as_deref().and_then(modified),
            session,
        })
    }

    /// Whether the copy holds work the session file does not: written
    /// after the session file, or the session file is gone or was never
    /// saved.
    pub fn is_newer(&self) -> bool {
        self.session_written.is_none_or(|s| self.written > s)
    }
}

/// Recovery copies of the session file `session` that are newer than it:
/// the one beside it and, when `data_folder` is given, the one there.
pub fn newer_copies_of(session: &Path, data_folder: Option<&Path>) -> Vec<RecoveryCopy> {
    let beside = beside(session);
    let in_data = data_folder.map(|dir| in_data_folder(dir, Some(session), ""));
    [beside, in_data]
        .into_iter()
        .flatten()
        .filter_map(|p| RecoveryCopy::at(&p))
        .filter(RecoveryCopy::is_newer)
        .collect()
}

/// The recovery copies in the data folder `dir` that are newer than their
/// session (every copy of a never-saved session is), newest first.
pub fn newer_copies_in(dir: &Path) -> Vec<RecoveryCopy> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut copies: Vec<RecoveryCopy> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(RECOVERY_SUFFIX))
        })
        .filter_map(|p| RecoveryCopy::at(&p))
        .filter(RecoveryCopy::is_newer)
        .collect();
    copies.sort_by(|a, b| b.written.cmp(&a.written).then(a.path.cmp(&b.path)));
    copies
}

/// Delete a copy (a copy already gone is fine). Only on the user's choice,
/// or when what it held was saved or knowingly discarded.
///
/// # Errors
/// When the file exists and cannot be removed.
pub fn discard(copy: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(copy) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// "Keep both": save what a copy holds as a new session file next to its
/// session (`STEM (recovered).ron`, `STEM (recovered 2).ron` …; for a
/// never-saved session, `untitled (recovered).ron` in `fallback_folder`),
/// never replacing a file, then delete the copy. Returns the new file.
///
/// # Errors
/// [`SaveError::Io`] when the copy cannot be read or the new file cannot
/// be written; the copy is then kept.
pub fn keep_as_new_file(copy: &RecoveryCopy, fallback_folder: &Path) -> Result<PathBuf, SaveError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| SaveError::Io { path, source }
    };
    let text = std::fs::read_to_string(&copy.path).map_err(io(&copy.path))?;
    let body = match text.split_once('\n') {
        Some((first, rest)) if first.starts_with(HEADER) => rest,
        _ => text.as_str(),
    };
    let (folder, stem) = match &copy.session {
        Some(session) => (
            folder_of(session),
            session.file_stem().map_or_else(
                || "session".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            ),
        ),
        None => (fallback_folder.to_owned(), "untitled".to_owned()),
    };
    for n in 1..=MAX_RECOVERED_NAMES {
        let name = match n {
            1 => format!("{stem} (recovered).{EXTENSION}"),
            n => format!("{stem} (recovered {n}).{EXTENSION}"),
        };
        let target = folder.join(name);
        if write_new(&target, body.as_bytes()).map_err(io(&target))? {
            discard(&copy.path).map_err(io(&copy.path))?;
            return Ok(target);
        }
    }
    Err(SaveError::Io {
        path: folder,
        source: std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "every \"(recovered N)\" name is taken",
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_headers() {
        assert_eq!(
            beside(Path::new("/w/a.ron")),
            Some(PathBuf::from("/w/.a.ron.rhythm-recovery.ron"))
        );
        let a = in_data_folder(Path::new("/d"), Some(Path::new("/w/a.ron")), "");
        let b = in_data_folder(Path::new("/d"), Some(Path::new("/x/a.ron")), "");
        assert_ne!(a, b);
        assert!(a.to_string_lossy().starts_with("/d/a-"));
        // The name of a session's copy never changes between builds.
        if cfg!(unix) {
            assert_eq!(
                a,
                Path::new("/d/a-99f21f55d54dfa06.rhythm-recovery.ron"),
                "FNV-1a of the absolute path"
            );
        }
        assert_eq!(
            in_data_folder(Path::new("/d"), None, "7"),
            Path::new("/d/untitled-7.rhythm-recovery.ron")
        );

        let dir = tempfile::tempdir().unwrap();
        let session_path = dir.path().join("s.ron");
        let copy = beside(&session_path).unwrap();
        let text = copy_text(Some(&session_path), &Session::default()).unwrap();
        write(&copy, &text).unwrap();
        assert_eq!(session_of(&copy).unwrap(), Some(session_path.clone()));
        // The copy is a session file too.
        assert_eq!(super::super::from_ron(&text).unwrap(), Session::default());
        // No session file: the copy is newer.
        assert_eq!(newer_copies_of(&session_path, None).len(), 1);
        // Saved after the copy: not newer (the file's time set, not waited
        // for).
        std::fs::write(&session_path, "x").unwrap();
        let copy_written = std::fs::metadata(&copy).unwrap().modified().unwrap();
        std::fs::File::options()
            .write(true)
            .open(&session_path)
            .unwrap()
            .set_modified(copy_written + std::time::Duration::from_secs(1))
            .unwrap();
        assert!(newer_copies_of(&session_path, None).is_empty());
    }
}
