//! UI tests (egui_kittest) for comparing quarters: the compare view on the
//! media company's two example sessions, File → Compare… in the main
//! window, and File → Start next quarter from this session.

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::{Harness, kittest::Queryable as _};
use rhythm::app::{Document, RhythmApp};
use rhythm::model::Session;
use rhythm::store;
use rhythm::ui::compare::CompareState;
use rhythm::ui::theme;

const BEFORE: &str = "sessions/media-company-2025-Q3-before.ron";
const AFTER: &str = "sessions/media-company-2026-Q1-after.ron";

/// What the room reads for each shadow flow that closed between the two.
const CLOSED: [&str; 4] = [
    "✔ closed (removed, 70 %): Email → Google Docs: story ideas pitched by email",
    "✔ closed (removed, 60 %): Google Docs → Editors' inboxes: approval requests stuck in inboxes",
    "✔ closed (removed, 25 %): Editors' inboxes → WordPress: last edits sent by email after approval",
    "✔ closed (removed): Slack → Email: \"which draft is final?\" threads",
];

fn path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn load(rel: &str) -> Session {
    let p = path(rel);
    store::load(&p).unwrap_or_else(|e| panic!("{}", e.with_path(&p)))
}

#[test]
fn the_compare_view_lists_the_closed_shadow_flows_of_the_media_examples() {
    // Given newest first: the view orders them oldest first.
    let state = CompareState::new(vec![
        ("after.ron".to_owned(), load(AFTER)),
        ("before.ron".to_owned(), load(BEFORE)),
    ]);
    let mut harness = Harness::builder()
        .with_size([1200.0, 1600.0])
        .with_context_setup(theme::install)
        .build_ui_state(|ui, state: &mut CompareState| state.ui(ui), state);
    harness.run();

    harness.get_by_label("2025-Q3 (2025-07-16) → 2026-Q1 (2026-01-21)");
    harness.get_by_label("Shadow flows closed (4) and opened (1)");
    for line in CLOSED {
        harness.get_by_label(line);
    }
    harness.get_by_label(
        "⚠ opened (new, 10 %): Slack → Google Docs: last-minute edits agreed in Slack threads",
    );
    harness.get_by_label("Hours lost: 26.5 → 5 h/week (-21.5 h/week, -81.1 %)");
    harness.get_by_label("Typology grid: 4 tasks moved");
    harness.get_by_label(
        "➡ Share published articles on social: Jam Session → Algorithm ✔ fits its automation label",
    );
    harness.get_by_label(
        "✔ done — Run every story through one Asana pipeline: template → Docs → approval add-on → WordPress: cycle time 14 days → target 5 → measured 5 (in progress → done)",
    );
    let diff = harness.state().shown_diff().expect("a pair shown");
    assert_eq!(diff.shadow_closed.len(), 4);
}

fn app(session: Session) -> Harness<'static, RhythmApp> {
    let mut harness = Harness::builder()
        .with_size([1600.0, 900.0])
        .with_step_dt(1.0 / 60.0)
        .build_eframe(|cc| RhythmApp::new(&cc.egui_ctx, Document::new(session, None), None));
    harness.run();
    harness
}

fn menu_item(harness: &mut Harness<'_, RhythmApp>, item: &str) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains(item).click();
    harness.run();
}

#[test]
fn file_compare_opens_typed_paths_and_shows_the_closed_shadow_flows() {
    let mut harness = app(load(AFTER));
    menu_item(&mut harness, "Compare…");
    let field = harness.get_by_role(Role::MultilineTextInput);
    field.click();
    harness.run();
    let text = format!("{}\n{}", path(AFTER).display(), path(BEFORE).display());
    harness
        .get_by_role(Role::MultilineTextInput)
        .type_text(&text);
    harness.run();
    harness.get_by_label("Compare").click();
    harness.run();
    harness.get_by_label("Shadow flows closed (4) and opened (1)");
    harness.get_by_label(CLOSED[1]);
}

#[test]
fn file_compare_names_an_unreadable_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(\n    version: 2,\n    header: (title: 3),\n)\n").expect("write");
    let mut harness = app(load(AFTER));
    menu_item(&mut harness, "Compare…");
    harness.get_by_role(Role::MultilineTextInput).click();
    harness.run();
    let text = format!("{}\n{}", path(BEFORE).display(), broken.display());
    harness
        .get_by_role(Role::MultilineTextInput)
        .type_text(&text);
    harness.run();
    harness.get_by_label("Compare").click();
    harness.run();
    let prefix = format!("{}:3:", broken.display());
    // The `PATH:LINE:COL: message` of the unreadable file is shown.
    harness.get_by_label_contains(&prefix);
    assert!(
        harness
            .query_by_label("Shadow flows closed (4) and opened (1)")
            .is_none()
    );
}

#[test]
fn start_next_quarter_opens_an_unsaved_q2_session_with_scores_cleared() {
    let after = load(AFTER);
    let mut harness = app(after.clone());
    menu_item(&mut harness, "Start next quarter from this session");
    let doc = harness.state().document();
    let next = doc.session();
    assert_eq!(next.header.quarter, "2026-Q2");
    assert!(doc.path().is_none(), "a new session, saved by the user");
    assert_eq!(next.tools, after.tools);
    assert_eq!(next.tasks, after.tasks);
    // Pain points kept, each to re-assess; changes keep baseline and
    // target, their measured value cleared for this quarter.
    assert_eq!(next.pain_points.len(), after.pain_points.len());
    assert!(next.pain_points.iter().all(|p| p.reassess));
    for (n, a) in next.pain_points.iter().zip(&after.pain_points) {
        assert_eq!(
            (n.id, &n.text, n.hours_per_week),
            (a.id, &a.text, a.hours_per_week)
        );
    }
    assert_eq!(next.changes.len(), after.changes.len());
    for (n, a) in next.changes.iter().zip(&after.changes) {
        assert_eq!(
            (n.id, n.baseline, n.target_value),
            (a.id, a.baseline, a.target_value)
        );
        assert_eq!(n.measured, None);
    }
    assert_eq!(next.scores, Default::default());
    assert!(
        next.participants
            .iter()
            .all(|p| p.scores == Default::default())
    );
}
