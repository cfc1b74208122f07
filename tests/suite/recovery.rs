//! Autosave and recovery in the window (issue 5), with egui_kittest: a
//! recovery copy appears a few seconds after a change and goes on save; a
//! copy newer than its session is offered on start; repairs are listed
//! after opening; failed saves keep the session unsaved; recent files.

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui_kittest::{
    Harness,
    kittest::{NodeT as _, Queryable as _},
};
use rhythm::app::{Command, RhythmApp};
use rhythm::document::{AUTOSAVE_AFTER, Document, ManualClock};
use rhythm::model::{BoardPos, Id, Session, Tool};
use rhythm::store::{self, recovery};

/// A session of tools with these names, side by side (shared with the
/// other window's tests).
pub(crate) fn session(names: &[&str]) -> Session {
    Session {
        tools: names
            .iter()
            .enumerate()
            .map(|(i, name)| Tool {
                id: Id(i as u64 + 1),
                name: (*name).to_owned(),
                pos: BoardPos::new(i as f32 * 300.0, 0.0),
                author: None,
            })
            .collect(),
        next_id: names.len() as u64 + 1,
        ..Session::default()
    }
}

/// The app on `path` (already saved there), recovery on with `data` as
/// the app's data folder, autosave timed by the system clock.
fn app_on(path: Option<&Path>, data: &Path) -> Harness<'static, RhythmApp> {
    app_on_clock(path, data, None)
}

/// As [`app_on`], autosave timed by `clock` when given.
fn app_on_clock(
    path: Option<&Path>,
    data: &Path,
    clock: Option<ManualClock>,
) -> Harness<'static, RhythmApp> {
    let doc = match path {
        Some(path) => Document::open(store::load(path).expect("loads"), path.to_owned())
            .expect("not open elsewhere"),
        None => Document::default(),
    };
    let data = data.to_owned();
    let mut harness = Harness::builder()
        .with_size([1600.0, 900.0])
        .with_context_setup(crate::window_clear::install)
        .build_eframe(move |cc| {
            let mut app = RhythmApp::new(&cc.egui_ctx, doc, None);
            if let Some(clock) = clock {
                app.set_clock(std::sync::Arc::new(clock));
            }
            app.enable_recovery(None, Some(data));
            app
        });
    harness.run();
    harness
}

fn add_tool(harness: &mut Harness<'_, RhythmApp>) {
    let ctx = harness.ctx.clone();
    harness.state_mut().run_command(&ctx, Command::AddTool);
    harness.run();
}

/// Step frames (in real time) until `done`, or fail after `limit`.
fn frames_until(
    harness: &mut Harness<'_, RhythmApp>,
    limit: Duration,
    done: impl Fn(&RhythmApp) -> bool,
) {
    let held = crate::skip::eventually(limit, || {
        harness.step();
        done(harness.state())
    });
    assert!(held, "not within {limit:?}");
}

#[test]
fn a_recovery_copy_follows_changes_and_goes_on_save() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let path = dir.path().join("workshop.ron");
    store::save(&path, &session(&["Asana", "GitHub"])).expect("save");
    let clock = ManualClock::new();
    let mut harness = app_on_clock(Some(&path), &data, Some(clock.clone()));
    let copy = recovery::beside(&path).expect("a copy path");
    assert!(harness.state().recovery().offers().next().is_none());

    add_tool(&mut harness);
    assert!(harness.state().document().is_dirty());
    // Idle frames do not write and do not spin: `run` settles. The clock
    // stands still: not yet, however slow the machine.
    harness.run();
    clock.advance(AUTOSAVE_AFTER - Duration::from_millis(1));
    harness.run();
    assert!(!copy.exists(), "not before {AUTOSAVE_AFTER:?}");

    clock.advance(Duration::from_millis(1));
    frames_until(&mut harness, Duration::from_secs(30), |app| {
        app.recovery().own_copy().is_some()
    });
    assert_eq!(harness.state().recovery().own_copy(), Some(copy.as_path()));
    let recovered = store::load(&copy).expect("the copy is a session file");
    assert_eq!(recovered.tools.len(), 3);
    assert_eq!(
        recovery::session_of(&copy).expect("header"),
        Some(std::path::absolute(&path).expect("absolute"))
    );
    // The saved file is untouched until the user saves.
    assert_eq!(store::load(&path).expect("loads").tools.len(), 2);

    assert!(harness.state_mut().save_to(path.clone()));
    assert!(!copy.exists(), "a save removes the copy");
    assert!(!harness.state().document().is_dirty());
    assert_eq!(store::load(&path).expect("loads").tools.len(), 3);
    assert_eq!(
        harness.state().recovery().recent().paths().first(),
        Some(&std::path::absolute(&path).expect("absolute"))
    );
}

/// Write a recovery copy of `content` for `of`, newer than the session.
fn crash_leaving(of: Option<&Path>, copy: &Path, content: &Session) {
    let text = recovery::copy_text(of, content).expect("text");
    if let Some(folder) = copy.parent() {
        std::fs::create_dir_all(folder).expect("folder");
    }
    recovery::write(copy, &text).expect("write copy");
    if let Some(session) = of.filter(|s| s.exists()) {
        written_after(copy, session);
    }
}

/// Set `path`'s modification time a second after `than`'s (instead of
/// waiting for the clock to move on between two writes).
pub(crate) fn written_after(path: &Path, than: &Path) {
    let than = std::fs::metadata(than)
        .and_then(|m| m.modified())
        .expect("a modification time");
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(than + Duration::from_secs(1)))
        .expect("set the modification time");
}

fn setup_crash() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let path = dir.path().join("workshop.ron");
    store::save(&path, &session(&["Asana"])).expect("save");
    let copy = recovery::beside(&path).expect("copy path");
    crash_leaving(Some(&path), &copy, &session(&["Asana", "Recovered"]));
    (dir, data, path, copy)
}

#[test]
fn on_start_a_newer_copy_can_be_restored() {
    let (_dir, data, path, copy) = setup_crash();
    let mut harness = app_on(Some(&path), &data);
    assert_eq!(harness.state().recovery().offers().count(), 1);
    harness
        .get_by_label("Restore the recovered changes")
        .click();
    harness.run();
    let app = harness.state();
    assert!(app.recovery().offers().next().is_none());
    assert_eq!(app.document().path(), Some(path.as_path()));
    assert!(app.document().is_dirty(), "restored changes are unsaved");
    assert_eq!(app.document().session().tools.len(), 2);
    // Nothing deleted yet: the copy is now the open session's own.
    assert!(copy.exists());
    assert_eq!(app.recovery().own_copy(), Some(copy.as_path()));
    assert!(harness.state_mut().save_to(path.clone()));
    assert!(!copy.exists());
    assert_eq!(store::load(&path).expect("loads").tools.len(), 2);
}

#[test]
fn on_start_both_can_be_kept() {
    let (dir, data, path, copy) = setup_crash();
    let mut harness = app_on(Some(&path), &data);
    harness
        .get_by_label("Keep both (save the recovered changes as a new file)")
        .click();
    harness.run();
    let kept = dir.path().join("workshop (recovered).ron");
    assert_eq!(store::load(&kept).expect("kept").tools.len(), 2);
    assert!(!copy.exists());
    let app = harness.state();
    assert!(!app.document().is_dirty());
    assert_eq!(
        app.document().session().tools.len(),
        1,
        "the saved file stays open"
    );
}

#[test]
fn on_start_the_saved_file_can_be_chosen() {
    let (_dir, data, path, copy) = setup_crash();
    let mut harness = app_on(Some(&path), &data);
    harness
        .get_by_label("Open the saved file (discard the recovery copy)")
        .click();
    harness.run();
    assert!(!copy.exists(), "discarded on the user's choice");
    assert_eq!(harness.state().document().session().tools.len(), 1);
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn an_older_copy_is_not_offered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("workshop.ron");
    let copy = recovery::beside(&path).expect("copy path");
    crash_leaving(Some(&path), &copy, &session(&["old"]));
    store::save(&path, &session(&["saved later"])).expect("save");
    written_after(&path, &copy);
    let harness = app_on(Some(&path), &dir.path().join("data"));
    assert!(harness.state().recovery().offers().next().is_none());
    assert!(copy.exists(), "nothing deleted without the user's choice");
}

#[test]
fn a_never_saved_session_is_offered_from_the_data_folder_and_can_wait() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let copy = recovery::in_data_folder(&data.join("recovery"), None, "earlier-run");
    crash_leaving(None, &copy, &session(&["Unsaved idea"]));
    let mut harness = app_on(None, &data);
    assert_eq!(harness.state().recovery().offers().count(), 1);
    harness.get_by_label("Decide later").click();
    harness.run();
    assert!(copy.exists());
    assert!(harness.state().recovery().offers().next().is_none());

    let mut harness = app_on(None, &data);
    harness
        .get_by_label("Restore the recovered changes")
        .click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.document().path(), None);
    assert!(app.document().is_dirty());
    assert_eq!(app.document().session().tools[0].name, "Unsaved idea");
}

#[test]
fn opening_a_damaged_file_lists_the_repairs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("damaged.ron");
    let text = store::to_ron(&session(&["Asana", "GitHub"]))
        .expect("to_ron")
        .replacen("x: 300.0,", "x: NaN,", 1);
    std::fs::write(&path, text).expect("write");
    let mut harness = app_on(None, &dir.path().join("data"));
    harness.state_mut().open_path(&path);
    harness.run();
    harness.get_by_label("damaged.ron was repaired while opening");
    harness.get_by_label_contains("position (NaN, 0) is off the board");
    harness.get_by_label("OK").click();
    harness.run();
    assert!(
        harness
            .query_by_label("damaged.ron was repaired while opening")
            .is_none()
    );
    assert_eq!(harness.state().document().session().tools.len(), 2);
    assert!(harness.state().error().is_none());
}

#[test]
fn a_failed_save_keeps_the_session_open_and_unsaved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app_on(None, &dir.path().join("data"));
    add_tool(&mut harness);
    let target = dir.path().join("gone").join("workshop.ron");
    assert!(!harness.state_mut().save_to(target.clone()));
    let app = harness.state();
    assert!(app.document().is_dirty());
    assert_eq!(app.document().path(), None);
    assert!(
        app.error()
            .is_some_and(|e| e.contains("still open and unsaved")),
        "{:?}",
        app.error()
    );
    assert!(!target.exists());
}

#[test]
fn recent_files_that_are_gone_are_shown_as_missing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("moved-away.ron");
    store::save(&path, &session(&["x"])).expect("save");
    let mut harness = app_on(None, &dir.path().join("data"));
    harness.state_mut().open_path(&path);
    harness.run();
    std::fs::remove_file(&path).expect("delete");
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open recent").click();
    harness.run();
    let entry = harness.get_by_label("moved-away.ron (missing)");
    assert!(entry.accesskit_node().is_disabled());
}

#[test]
fn a_clean_exit_or_a_discarded_session_removes_the_copy() {
    let (_dir, data, path, copy) = setup_crash();
    let mut harness = app_on(Some(&path), &data);
    harness
        .get_by_label("Restore the recovered changes")
        .click();
    harness.run();
    assert!(copy.exists());
    eframe::App::on_exit(harness.state_mut(), None);
    assert!(!copy.exists(), "a clean exit removes this run's copy");

    let (_dir, data, path, copy) = setup_crash();
    let mut harness = app_on(Some(&path), &data);
    harness
        .get_by_label("Restore the recovered changes")
        .click();
    harness.run();
    let ctx = harness.ctx.clone();
    harness.state_mut().run_command(&ctx, Command::New);
    harness.run();
    assert!(copy.exists(), "not before the user answers");
    harness.get_by_label("Discard changes").click();
    harness.run();
    assert!(!copy.exists(), "the user discarded the changes");
    assert_eq!(harness.state().document().path(), None);
}
