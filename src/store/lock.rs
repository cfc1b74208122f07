//! One window per session file: while a window has a file open it holds a
//! lock on it, so that a second Rhythm window (or `rhythm room`) cannot
//! open the same file and both autosave over each other.
//!
//! The lock is an operating-system lock (`flock` / `LockFileEx`, through
//! [`std::fs::File::try_lock`]) on a small hidden file beside the session,
//! `.NAME.lock` (e.g. `.team-2026-Q1.ron.lock`), which holds the process
//! id and host name of its holder so that the refusal can name them. The
//! session file itself is not locked: saving replaces it by a rename,
//! which a lock on the old file would not survive. The operating system
//! releases the lock when the process ends, even in a crash; a lock file
//! left behind then is taken over by the next window. Within one process
//! the lock is shared: a window that opens its own file again keeps it.

use std::fmt;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

use thiserror::Error;

/// The end of every lock file's name (after the session's file name).
pub const LOCK_SUFFIX: &str = ".lock";
/// How often a lock file that its holder just removed is looked for again.
const ATTEMPTS: usize = 3;

/// The locks this process holds, by the session file's canonical path.
static HELD: Mutex<Vec<(PathBuf, Weak<Held>)>> = Mutex::new(Vec::new());

/// Who holds a lock, as its lock file says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Holder {
    /// The holder's process id, when the lock file could be read.
    pub pid: Option<u32>,
    /// The holder's host name, when the lock file could be read.
    pub host: Option<String>,
}

impl fmt::Display for Holder {
    /// "process 1234 on studio-laptop", "process 1234", or "another
    /// process" when the lock file cannot be read.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.pid, &self.host) {
            (Some(pid), Some(host)) => write!(f, "process {pid} on {host}"),
            (Some(pid), None) => write!(f, "process {pid}"),
            (None, _) => f.write_str("another process"),
        }
    }
}

/// Why a session file could not be locked.
#[derive(Debug, Error)]
pub enum LockError {
    /// Another Rhythm window (process) has the file open.
    #[error("{} is open in another Rhythm window ({holder}); close it there first", .path.display())]
    Held {
        /// The session file.
        path: PathBuf,
        /// Who holds it.
        holder: Holder,
    },
    /// The lock file cannot be created or locked (e.g. a read-only folder).
    #[error("cannot lock {}: {source}", .path.display())]
    Io {
        /// The session file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// A lock on a session file, held until the last clone is dropped.
#[derive(Clone, Debug)]
pub struct FileLock(Arc<Held>);

#[derive(Debug)]
struct Held {
    /// The session file, canonical.
    session: PathBuf,
    /// The lock file beside it.
    lock_file: PathBuf,
    /// Open and locked while this lives.
    _file: File,
}

impl Drop for Held {
    fn drop(&mut self) {
        // Remove the file while still holding its lock, so that nobody
        // takes a lock on a file about to disappear (see `acquire`).
        let _best_effort = std::fs::remove_file(&self.lock_file);
    }
}

/// The lock file of a session file: `DIR/.NAME.lock`; `None` for a path
/// without a file name.
pub fn lock_file_of(session: &Path) -> Option<PathBuf> {
    let mut name = std::ffi::OsString::from(".");
    name.push(session.file_name()?);
    name.push(LOCK_SUFFIX);
    Some(session.with_file_name(name))
}

/// The path a lock is known by: the file's canonical path (links
/// resolved), or its folder's canonical path and its name for a file not
/// yet written.
fn canonical(session: &Path) -> PathBuf {
    if let Ok(path) = std::fs::canonicalize(session) {
        return path;
    }
    let folder = super::save::folder_of(session);
    match (std::fs::canonicalize(folder), session.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => std::path::absolute(session).unwrap_or_else(|_| session.to_owned()),
    }
}

fn held_here(registry: &mut Vec<(PathBuf, Weak<Held>)>, key: &Path) -> Option<Arc<Held>> {
    registry.retain(|(_, held)| held.strong_count() > 0);
    registry
        .iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, held)| held.upgrade())
}

impl FileLock {
    /// Lock the session file at `session` (which need not exist yet) for
    /// this process.
    ///
    /// # Errors
    /// [`LockError::Held`] naming the process (and host) that holds it;
    /// [`LockError::Io`] when the lock file cannot be written (a read-only
    /// folder).
    pub fn acquire(session: &Path) -> Result<Self, LockError> {
        let key = canonical(session);
        let mut registry = HELD
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(held) = held_here(&mut registry, &key) {
            return Ok(Self(held));
        }
        let io = |source| LockError::Io {
            path: session.to_owned(),
            source,
        };
        let lock_file = lock_file_of(&key).ok_or_else(|| {
            io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a file name",
            ))
        })?;
        for _ in 0..ATTEMPTS {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&lock_file)
                .map_err(io)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    return Err(LockError::Held {
                        path: session.to_owned(),
                        holder: read_holder(&lock_file),
                    });
                }
                Err(TryLockError::Error(err)) => return Err(io(err)),
            }
            // Its last holder may have removed the file between our open
            // and our lock: then the lock is on a file nobody sees.
            if !is_at(&file, &lock_file) {
                continue;
            }
            file.set_len(0).map_err(io)?;
            let host = gethostname::gethostname();
            write!(
                file,
                "pid={}\nhost={}\n",
                std::process::id(),
                host.to_string_lossy()
            )
            .map_err(io)?;
            let held = Arc::new(Held {
                session: key.clone(),
                lock_file,
                _file: file,
            });
            registry.push((key, Arc::downgrade(&held)));
            return Ok(Self(held));
        }
        Err(io(std::io::Error::other(
            "the lock file keeps disappearing",
        )))
    }

    /// The session file locked (canonical path).
    pub fn session(&self) -> &Path {
        &self.0.session
    }

    /// Whether this is the lock of the session file at `path`.
    pub fn is_for(&self, path: &Path) -> bool {
        canonical(path) == self.0.session
    }
}

/// Who holds the session file at `session` in another process, if anyone
/// (the lock is not taken). `None` when it is free or held by this
/// process.
pub fn held_elsewhere(session: &Path) -> Option<Holder> {
    let key = canonical(session);
    {
        let mut registry = HELD
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if held_here(&mut registry, &key).is_some() {
            return None;
        }
    }
    let lock_file = lock_file_of(&key)?;
    let file = File::open(&lock_file).ok()?;
    match file.try_lock_shared() {
        Ok(()) => None,
        Err(TryLockError::WouldBlock) => Some(read_holder(&lock_file)),
        Err(TryLockError::Error(_)) => None,
    }
}

/// What a lock file says about its holder (nothing when it cannot be
/// read, e.g. on a system whose locks also bar reading).
fn read_holder(lock_file: &Path) -> Holder {
    let text = std::fs::read_to_string(lock_file).unwrap_or_default();
    let field = |key: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    Holder {
        pid: field("pid").and_then(|pid| pid.parse().ok()),
        host: field("host").map(crate::model::one_line),
    }
}

/// Whether `file` is (still) the file at `path`.
#[cfg(unix)]
fn is_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Whether `file` is (still) the file at `path`: on this system an open
/// file cannot be removed, so it is.
#[cfg(not(unix))]
fn is_at(_file: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_process_shares_its_lock_and_the_file_goes_with_the_last() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("team.ron");
        let first = FileLock::acquire(&session).unwrap();
        let lock_file = dir.path().join(".team.ron.lock");
        let text = std::fs::read_to_string(&lock_file).unwrap();
        assert!(
            text.starts_with(&format!("pid={}\nhost=", std::process::id())),
            "{text}"
        );
        let again = FileLock::acquire(&dir.path().join("./team.ron")).unwrap();
        assert!(again.is_for(&session));
        assert_eq!(held_elsewhere(&session), None);
        drop(first);
        assert!(lock_file.exists(), "still held by the second handle");
        drop(again);
        assert!(!lock_file.exists());
    }

    #[test]
    fn a_lock_held_by_another_open_file_is_refused_with_its_holder() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("team.ron");
        // Another process: its own open file, locked, saying who it is.
        let lock_file = lock_file_of(&session).unwrap();
        std::fs::write(&lock_file, "pid=4242\nhost=studio\n").unwrap();
        let other = File::open(&lock_file).unwrap();
        other.try_lock().unwrap();
        let err = FileLock::acquire(&session).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} is open in another Rhythm window (process 4242 on studio); close it there first",
                session.display()
            )
        );
        assert_eq!(
            held_elsewhere(&session),
            Some(Holder {
                pid: Some(4242),
                host: Some("studio".to_owned())
            })
        );
        // Released (the other process ended): a stale lock file is taken over.
        drop(other);
        assert_eq!(held_elsewhere(&session), None);
        let lock = FileLock::acquire(&session).unwrap();
        assert!(lock.is_for(&session));
    }
}
