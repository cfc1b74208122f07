//! One window per session file (issue 10): a window holds a lock on the
//! file it has open, so a second Rhythm process cannot open it (or save
//! over it, or offer the recovery copy the first one is writing), and is
//! told which process has it. For real: the other window is a child
//! process (this test binary, re-run with an environment variable).

use std::path::{Path, PathBuf};
use std::process::Child;

use egui_kittest::Harness;
use rhythm::app::RhythmApp;
use rhythm::document::Document;
use rhythm::model::Session;
use rhythm::store::{self, recovery};

use super::recovery::session;

/// Set in the child: the session file it opens and holds.
const CHILD_ENV: &str = "RHYTHM_LOCK_TEST_PATH";
/// The test that is the child.
const CHILD_TEST: &str = "session_lock::lock_child";
/// What the child prints once it holds the file.
const READY: &str = "lock-child-ready";

/// In the child only: open the file as a window does, say [`READY`], and
/// hold it until the parent closes our standard input (or ends).
#[test]
fn lock_child() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return; // A normal test run: nothing to do.
    };
    let path = PathBuf::from(path);
    let session = store::load(&path).expect("the child reads the file");
    let doc = Document::open(session, path).expect("the child gets the lock");
    println!("{READY}");
    let mut line = String::new();
    let _eof = std::io::stdin().read_line(&mut line);
    drop(doc);
}

/// Another Rhythm process holding `path`, ready.
fn other_window(path: &Path) -> Child {
    super::child::start(CHILD_TEST, &[(CHILD_ENV, path.as_os_str())], READY)
}

fn app(data: &Path) -> Harness<'static, RhythmApp> {
    let data = data.to_owned();
    let mut harness = Harness::builder()
        .with_size([1600.0, 900.0])
        .with_context_setup(crate::window_clear::install)
        .build_eframe(move |cc| {
            let mut app =
                RhythmApp::new(&cc.egui_ctx, Document::untitled(session(&["Mine"])), None);
            app.enable_recovery(None, Some(data));
            app
        });
    harness.run();
    harness
}

#[test]
fn a_file_open_in_another_window_is_refused_naming_that_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("workshop.ron");
    store::save(&path, &session(&["Asana", "GitHub"])).expect("save");
    let saved = std::fs::read(&path).expect("read");
    // The other window left a recovery copy in the app data folder while
    // it works (newer than the file).
    let data = dir.path().join("data");
    let copy = recovery::in_data_folder(&data.join("recovery"), Some(&path), "");
    std::fs::create_dir_all(data.join("recovery")).expect("folder");
    let text = recovery::copy_text(Some(&path), &session(&["Asana", "GitHub", "Slack"]))
        .expect("copy text");
    recovery::write(&copy, &text).expect("write the copy");
    crate::recovery::written_after(&copy, &path);

    let mut child = other_window(&path);
    let pid = child.id();
    let expected = format!(
        "{} is open in another Rhythm window (process {pid} on {}); close it there first",
        path.display(),
        gethostname::gethostname().to_string_lossy()
    );

    // Opening it here is refused, naming the process.
    let err = Document::open(Session::default(), path.clone()).expect_err("held");
    assert_eq!(err.to_string(), expected);

    // In the window: the error is shown and the open session stays.
    let mut harness = app(&data);
    // The other window's recovery copy is not offered (it is being
    // written) and stays.
    assert!(harness.state().recovery().offers().next().is_none());
    assert!(copy.exists());
    harness.state_mut().open_path(&path);
    harness.run();
    assert_eq!(harness.state().error(), Some(expected.as_str()));
    assert_eq!(harness.state().document().path(), None);
    assert_eq!(harness.state().document().session().tools[0].name, "Mine");
    // Save as over it writes nothing.
    assert!(!harness.state_mut().save_to(path.clone()));
    assert_eq!(std::fs::read(&path).expect("read"), saved);
    assert!(
        harness
            .state()
            .error()
            .is_some_and(|e| e.contains(&expected)),
        "{:?}",
        harness.state().error()
    );

    // The other window closes: the file opens here.
    drop(child.stdin.take());
    let status = child.wait().expect("the child ends");
    assert!(status.success(), "the child failed: {status}");
    harness.state_mut().open_path(&path);
    harness.run();
    assert_eq!(harness.state().document().path(), Some(path.as_path()));
    assert!(harness.state().document().is_locked());
    // Now it is this window's, it can be saved.
    assert!(harness.state_mut().save_to(path.clone()));
}

#[test]
fn a_window_that_crashed_leaves_no_lock_behind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("workshop.ron");
    store::save(&path, &session(&["Asana"])).expect("save");
    let mut child = other_window(&path);
    assert!(Document::open(Session::default(), path.clone()).is_err());
    // Killed: the operating system releases its lock; its lock file,
    // left behind, is taken over.
    child.kill().expect("kill");
    child.wait().expect("reaped");
    let lock_file = store::lock::lock_file_of(&path).expect("a name");
    assert!(lock_file.exists(), "left behind by the crash");
    let doc = Document::open(Session::default(), path.clone()).expect("free again");
    assert!(doc.is_locked());
    drop(doc);
    assert!(!lock_file.exists(), "removed when the window closes");
}
