//! Writing files so that a crash at any moment leaves the old file or the
//! new one, complete (SQLite's promise): a temporary file in the same
//! folder, flushed, renamed over the target, the folder flushed. The
//! first save over a file of an older format version keeps a `.bak` copy
//! of the original.

use std::ffi::OsString;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::{FORMAT_VERSION, MAX_FILE_BYTES, decode, file_version, leading_version, to_ron};
use crate::model::Session;

/// How many numbered backup names (`name.ron.2.bak` …) are tried before
/// giving up.
const MAX_BACKUP_NAMES: u32 = 1000;

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
    /// Another Rhythm window has the file open ([`super::FileLock`]);
    /// nothing was written.
    #[error("cannot save: {0}")]
    Locked(#[from] super::LockError),
    /// The file being replaced is of an older format version and its
    /// backup copy could not be written; nothing was saved.
    #[error("cannot keep a copy of the older-version file at {path}: {source}; nothing was saved")]
    Backup {
        /// Where the backup was to go.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// What a successful save did besides writing the session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Saved {
    /// Where the original was copied because it was of an older format
    /// version (`name.ron.bak`, or `name.ron.N.bak` when that is taken by
    /// something else); `None` when no copy was needed.
    pub backup: Option<PathBuf>,
}

/// Save atomically: write a temporary file in the same folder, flush it,
/// rename it over `path`, flush the folder. A crash leaves the old file or
/// the new one, never half of one. When `path` holds a session of an older
/// format version, a `.bak` copy of it is kept first (see [`save_reporting`]).
///
/// # Errors
/// [`SaveError`] when the session cannot be written; the previous file,
/// if any, is then untouched.
pub fn save(path: &Path, session: &Session) -> Result<(), SaveError> {
    save_reporting(path, session).map(|_| ())
}

/// [`save`], saying whether a backup of an older-version original was
/// kept, and where.
///
/// # Errors
/// As [`save`]; also [`SaveError::Backup`] when the original is of an
/// older version and cannot be copied (then nothing is written).
pub fn save_reporting(path: &Path, session: &Session) -> Result<Saved, SaveError> {
    let text = to_ron(session)?;
    let backup = keep_older_version(path)?;
    write_atomically(path, text.as_bytes()).map_err(|source| SaveError::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(Saved { backup })
}

/// When `path` holds a session file of an older format version, copy it
/// beside itself and say where. Files that cannot be read or parsed are
/// not sessions this build would migrate: nothing is copied.
fn keep_older_version(path: &Path) -> Result<Option<PathBuf>, SaveError> {
    // The usual case, a file this build wrote, costs one small read.
    if head_of(path).and_then(|head| leading_version(&head)) >= Some(FORMAT_VERSION) {
        return Ok(None);
    }
    let Some(original) = read_small(path) else {
        return Ok(None);
    };
    let older = decode(&original)
        .ok()
        .and_then(file_version)
        .is_some_and(|v| v < FORMAT_VERSION);
    if !older {
        return Ok(None);
    }
    let fail = |path: PathBuf, source: std::io::Error| SaveError::Backup { path, source };
    for n in 1..=MAX_BACKUP_NAMES {
        let backup = backup_name(path, n);
        match std::fs::read(&backup) {
            // Already kept (an earlier save failed after the copy).
            Ok(existing) if existing == original => return Ok(Some(backup)),
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(fail(backup, e)),
        }
        return match write_new(&backup, &original) {
            Ok(true) => Ok(Some(backup)),
            Ok(false) => continue,
            Err(e) => Err(fail(backup, e)),
        };
    }
    let backup = backup_name(path, MAX_BACKUP_NAMES);
    Err(fail(
        backup,
        std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "every backup name is taken",
        ),
    ))
}

/// `name.ron.bak` for `n == 1`, else `name.ron.N.bak`.
fn backup_name(path: &Path, n: u32) -> PathBuf {
    let mut name = path.file_name().map(OsString::from).unwrap_or_default();
    if n > 1 {
        name.push(format!(".{n}"));
    }
    name.push(".bak");
    path.with_file_name(name)
}

/// How much of a file [`head_of`] reads, bytes.
const HEAD_BYTES: u64 = 4096;

/// The first [`HEAD_BYTES`] of a file, as far as they are UTF-8.
fn head_of(path: &Path) -> Option<String> {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(HEAD_BYTES)
        .read_to_end(&mut head)
        .ok()?;
    let valid = match std::str::from_utf8(&head) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(head.get(..e.valid_up_to())?).ok()?,
    };
    Some(valid.to_owned())
}

/// The bytes of a regular file no larger than [`MAX_FILE_BYTES`]; `None`
/// when it is missing, larger, or unreadable.
fn read_small(path: &Path) -> Option<Vec<u8>> {
    let file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
        return None;
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// The folder a file is in (`.` for a bare file name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// A flushed temporary file in `path`'s folder holding `bytes`, with the
/// permissions of the file it will replace, if any.
fn temporary(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".rhythm-save-")
        .suffix(".tmp")
        .tempfile_in(folder_of(path))?;
    tmp.write_all(bytes)?;
    if let Ok(meta) = std::fs::metadata(path) {
        // Keep a shared file shared; not being able to is not worth failing.
        let _best_effort = tmp.as_file().set_permissions(meta.permissions());
    }
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Flush a rename. Opening a folder for sync is not possible on every
/// platform; the data is already safe in the renamed file.
fn sync_folder(path: &Path) {
    if let Ok(folder) = std::fs::File::open(folder_of(path)) {
        let _best_effort = folder.sync_all();
    }
}

/// Replace `path` with `bytes` atomically (see [`save`]).
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temporary(path, bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_folder(path);
    Ok(())
}

/// Create `path` holding `bytes`, atomically, never replacing an existing
/// file: `Ok(false)` when `path` already exists.
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    let tmp = temporary(path, bytes)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {
            sync_folder(path);
            Ok(true)
        }
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e.error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backups_are_named_beside_the_file() {
        let p = Path::new("some/dir/a.ron");
        assert_eq!(backup_name(p, 1), Path::new("some/dir/a.ron.bak"));
        assert_eq!(backup_name(p, 3), Path::new("some/dir/a.ron.3.bak"));
    }

    #[test]
    fn the_first_save_over_a_version_1_file_keeps_it_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.ron");
        let v1 = "(\n    version: 1,\n    tools: [],\n)\n";
        std::fs::write(&path, v1).unwrap();
        let session = super::super::from_ron(v1).unwrap();

        let saved = save_reporting(&path, &session).unwrap();
        let bak = dir.path().join("old.ron.bak");
        assert_eq!(saved.backup.as_deref(), Some(bak.as_path()));
        assert_eq!(std::fs::read_to_string(&bak).unwrap(), v1);
        assert_eq!(
            file_version(&std::fs::read_to_string(&path).unwrap()),
            Some(2)
        );

        // The file is version 2 now: no second copy.
        assert_eq!(save_reporting(&path, &session).unwrap().backup, None);

        // Another version-1 original over it: the first backup is kept,
        // the new original goes to a numbered name.
        let other = "(version: 1)";
        std::fs::write(&path, other).unwrap();
        let saved = save_reporting(&path, &session).unwrap();
        let second = dir.path().join("old.ron.2.bak");
        assert_eq!(saved.backup.as_deref(), Some(second.as_path()));
        assert_eq!(std::fs::read_to_string(&bak).unwrap(), v1);
        assert_eq!(std::fs::read_to_string(&second).unwrap(), other);
    }

    #[test]
    fn write_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a");
        assert!(write_new(&path, b"one").unwrap());
        assert!(!write_new(&path, b"two").unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file left behind");
    }
}
