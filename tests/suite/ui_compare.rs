//! UI tests (egui_kittest) for comparing quarters: the compare view on the
//! media company's example sessions (its lists, trend plots and
//! side-by-side boards), File → Compare… in the main window (typed paths
//! and "Browse…"), and File → Start next quarter from this session.

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::{Harness, kittest::Queryable as _};
use rhythm::app::RhythmApp;
use rhythm::document::Document;
use rhythm::model::Session;
use rhythm::model::{PainCategory, Question};
use rhythm::store;
use rhythm::ui::compare::{CompareState, CompareTab};
use rhythm::ui::compare_board::Side;
use rhythm::ui::{compare_trends, theme};

const BEFORE: &str = "sessions/media-company-2025-Q3-before.ron";
const MIDWAY: &str = "sessions/media-company-2025-Q4-midway.ron";
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
        .with_context_setup(|ctx| {
            theme::install(ctx);
            crate::window_clear::install(ctx);
        })
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
        .build_eframe(|cc| RhythmApp::new(&cc.egui_ctx, Document::untitled(session), None));
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

/// The compare view on the media company's three quarters (given newest
/// first), in a 1600×900 window as on a projector.
fn three_quarters() -> Harness<'static, CompareState> {
    let state = CompareState::new(vec![
        ("after.ron".to_owned(), load(AFTER)),
        ("midway.ron".to_owned(), load(MIDWAY)),
        ("before.ron".to_owned(), load(BEFORE)),
    ]);
    let mut harness = Harness::builder()
        .with_size([1600.0, 900.0])
        .with_context_setup(|ctx| {
            theme::install(ctx);
            crate::window_clear::install(ctx);
        })
        .build_ui_state(
            |ui, state: &mut CompareState| {
                egui::CentralPanel::default().show(ui, |ui| state.ui(ui));
            },
            state,
        );
    harness.run();
    harness
}

#[test]
fn the_trends_tab_plots_hours_gaps_and_shadow_flows_of_three_quarters() {
    let mut harness = three_quarters();
    assert!(
        harness
            .query_by_label(compare_trends::HOURS_PLOT_LABEL)
            .is_none(),
        "the trends are a tab of their own"
    );
    harness.get_by_label("Trends").click();
    harness.run();
    assert_eq!(harness.state().tab(), CompareTab::Trends);

    harness.get_by_label("Trends across 3 quarters: 2025-Q3 → 2025-Q4 → 2026-Q1");
    for plot in [
        compare_trends::HOURS_PLOT_LABEL,
        compare_trends::GAPS_PLOT_LABEL,
        compare_trends::SHADOW_PLOT_LABEL,
    ] {
        let rect = harness.get_by_label(plot).rect();
        // Big enough to read from the back of the room.
        assert!(rect.height() >= 240.0, "{plot}: {rect:?}");
    }
    // Every series in a legend, told apart by a glyph as well as colour.
    for entry in [
        compare_trends::category_legend(PainCategory::Orchestra),
        compare_trends::category_legend(PainCategory::Jam),
        compare_trends::question_legend(Question::Output),
        compare_trends::question_legend(Question::Process),
        compare_trends::question_legend(Question::PrimaryMetric),
        compare_trends::question_legend(Question::Individual),
        "⚠ shadow flows".to_owned(),
        "⚠ misaligned (|gap| ≥ 4)".to_owned(),
    ] {
        harness.get_by_label(&entry);
    }
    assert_eq!(
        compare_trends::category_legend(PainCategory::Orchestra),
        "■ Orchestra pain"
    );
    assert_eq!(
        compare_trends::question_legend(Question::Process),
        "■ Process"
    );
    // The pair selector is for the pair tabs only.
    assert!(harness.query_by_label("first → last").is_none());
    harness.snapshot("compare_trends_media_three_quarters");
}

#[test]
fn the_side_by_side_boards_mark_what_was_added_and_removed() {
    let mut harness = three_quarters();
    harness.get_by_label("Boards side by side").click();
    harness.run();
    harness.get_by_label("2025-Q3 → 2025-Q4").click();
    harness.run();

    harness.get_by_label("Board 2025-Q3 (2025-07-16): 7 tools, 8 flows, 4 − removed");
    harness.get_by_label("Board 2025-Q4 (2025-10-15): 7 tools, 7 flows, 3 + added");
    // The calendar spreadsheet made way for Asana; email pitches and
    // "which draft is final?" threads are gone.
    harness.get_by_label("+ added tool: Asana");
    harness.get_by_label("− removed tool: Google Sheets (editorial calendar)");
    harness.get_by_label("− removed flow: Email → Google Docs: story ideas pitched by email");
    harness.get_by_label("− removed flow: Slack → Email: \"which draft is final?\" threads");
    harness.get_by_label("+ added flow: Asana → Google Docs: brief and draft from template");
    // What stayed is not marked.
    assert!(harness.query_by_label_contains("tool: WordPress").is_none());
    // Each tag sits on its own board.
    let left = harness
        .state()
        .boards()
        .canvas_rect(Side::Earlier)
        .expect("drawn");
    let right = harness
        .state()
        .boards()
        .canvas_rect(Side::Later)
        .expect("drawn");
    assert!(
        left.contains_rect(
            harness
                .get_by_label("− removed tool: Google Sheets (editorial calendar)")
                .rect()
        )
    );
    assert!(right.contains_rect(harness.get_by_label("+ added tool: Asana").rect()));
    harness.snapshot("compare_boards_media_q3_q4");
}

#[test]
fn panning_one_board_moves_the_other_and_fit_brings_both_back() {
    let mut harness = three_quarters();
    harness.get_by_label("Boards side by side").click();
    harness.run();
    // WordPress is on both boards, at the same board position.
    let wordpress = egui::pos2(1140.0, 0.0);
    let at = |h: &Harness<'_, CompareState>, side| {
        h.state()
            .boards()
            .screen_from_board(side, wordpress)
            .expect("drawn")
    };
    let (left0, right0) = (at(&harness, Side::Earlier), at(&harness, Side::Later));
    let fitted = harness.state().boards().view();
    let left_board = harness
        .get_by_label_contains("Board 2025-Q3 (2025-07-16)")
        .rect();

    // Drag the left board by (120, 60).
    let start = left_board.center();
    let delta = egui::vec2(120.0, 60.0);
    harness.drag_at(start);
    harness.run();
    harness.hover_at(start + delta * 0.5);
    harness.run();
    harness.drop_at(start + delta);
    harness.run();

    let (left1, right1) = (at(&harness, Side::Earlier), at(&harness, Side::Later));
    assert!(
        ((left1 - left0) - delta).length() < 1.0,
        "{left0:?} → {left1:?}"
    );
    assert!(
        ((right1 - right0) - delta).length() < 1.0,
        "{right0:?} → {right1:?}"
    );
    assert_eq!(harness.state().boards().view().zoom, fitted.zoom);

    // Scrolling over the right board zooms both.
    harness.hover_at(
        harness
            .state()
            .boards()
            .canvas_rect(Side::Later)
            .expect("drawn")
            .center(),
    );
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 200.0),
        modifiers: egui::Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    harness.run();
    let zoomed = harness.state().boards().view().zoom;
    assert!(zoomed > fitted.zoom * 1.05, "{} → {zoomed}", fitted.zoom);
    let (left2, right2) = (at(&harness, Side::Earlier), at(&harness, Side::Later));
    let left_canvas = harness
        .state()
        .boards()
        .canvas_rect(Side::Earlier)
        .expect("drawn");
    let right_canvas = harness
        .state()
        .boards()
        .canvas_rect(Side::Later)
        .expect("drawn");
    assert!(((left2 - left_canvas.min) - (right2 - right_canvas.min)).length() < 0.5);

    harness.get_by_label("Fit both boards").click();
    harness.run();
    assert_eq!(harness.state().boards().view(), fitted);
}

#[test]
fn the_compare_marks_glyphs_are_in_the_installed_fonts() {
    let mut harness = three_quarters();
    harness.run();
    let font = egui::FontId::proportional(18.0);
    let missing: Vec<char> = "+−■≈●◆▲⚠✔→"
        .chars()
        .filter(|&c| !harness.ctx.fonts_mut(|f| f.has_glyph(&font, c)))
        .collect();
    assert!(missing.is_empty(), "no glyph for {missing:?}");
}

#[test]
fn file_compare_browse_without_a_file_dialog_keeps_typed_paths_working() {
    let mut harness = app(load(AFTER));
    menu_item(&mut harness, "Compare…");
    harness.get_by_role(Role::MultilineTextInput).click();
    harness.run();
    let text = format!("{}\n{}", path(AFTER).display(), path(MIDWAY).display());
    harness
        .get_by_role(Role::MultilineTextInput)
        .type_text(&text);
    harness.run();
    harness.get_by_label("Browse…").click();
    // No xdg portal or zenity here: rfd answers None as if cancelled. Wait
    // for the answer without blocking the UI (up to 20 s on a busy
    // machine), one frame at a time: while the dialog is asked the window
    // polls it, so running "until idle" would not end.
    let mut seen_waiting = false;
    for frame in 0..400 {
        harness.step();
        let waiting = harness
            .query_by_label("Waiting for the file dialog…")
            .is_some();
        seen_waiting |= waiting;
        if !waiting && (seen_waiting || frame >= 5) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    harness.run();
    assert!(
        harness
            .query_by_label("Waiting for the file dialog…")
            .is_none(),
        "the dialog never answered"
    );
    harness.get_by_label("Compare").click();
    harness.run();
    harness.get_by_label("2025-Q4 (2025-10-15) → 2026-Q1 (2026-01-21)");
    harness.get_by_label("Shadow flows closed (2) and opened (1)");
}
