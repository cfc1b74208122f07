//! The workshop room (issue 6), with egui_kittest: projector mode and its
//! scale, the step timer in simulated time, the cheat sheet, keyboard
//! navigation of the board, the minimap, two-finger pinch, PNG export, and
//! an idle window that asks for no repaints.

use std::path::Path;
use std::time::Duration;

use egui::{Key, Modifiers, Pos2, TouchDeviceId, TouchId, TouchPhase, ViewportId};
use egui_kittest::{Harness, kittest::Queryable as _};
use rhythm::app::{PROJECTOR_MIN_TEXT_PX, RhythmApp};
use rhythm::document::Document;
use rhythm::model::{BoardPos, Id, NoteRef, Session, Task, Tool};
use rhythm::store;
use rhythm::ui::canvas::NUDGE;
use rhythm::ui::steps::Step;
use rhythm::ui::theme;

fn harness_at(
    session: Session,
    path: Option<&Path>,
    size: [f32; 2],
) -> Harness<'static, RhythmApp> {
    let path = path.map(Path::to_owned);
    let mut harness = Harness::builder()
        .with_size(size)
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(crate::window_clear::install)
        .build_eframe(move |cc| {
            let doc = match path {
                Some(path) => Document::open(session, path).expect("not open elsewhere"),
                None => Document::untitled(session),
            };
            RhythmApp::new(&cc.egui_ctx, doc, None)
        });
    harness.run();
    harness
}

fn harness(session: Session) -> Harness<'static, RhythmApp> {
    harness_at(session, None, [1600.0, 900.0])
}

fn media_after() -> Session {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/media-company-2026-Q1-after.ron");
    store::read(&path).expect("example session").session
}

/// Three tools in an L and a task note: reading order is Asana, GitHub
/// (same row, left to right), then Slack, then the task.
fn small_board() -> Session {
    let tool = |id, name: &str, x, y| Tool {
        id: Id(id),
        name: name.to_owned(),
        pos: BoardPos::new(x, y),
        author: None,
    };
    Session {
        tools: vec![
            tool(2, "GitHub", 400.0, 0.0),
            tool(1, "Asana", 0.0, 0.0),
            tool(3, "Slack", 0.0, 300.0),
        ],
        tasks: vec![Task {
            id: Id(4),
            name: "Invoice formatting".to_owned(),
            board_pos: Some(BoardPos::new(200.0, 600.0)),
            ..Task::default()
        }],
        next_id: 5,
        ..Session::default()
    }
}

fn press(harness: &mut Harness<'_, RhythmApp>, key: Key, modifiers: Modifiers) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

/// A mouse click at `at`: hover, press, release, with frames between.
pub fn click_at<S>(harness: &mut Harness<'_, S>, at: Pos2) {
    harness.hover_at(at);
    harness.run();
    harness.drag_at(at);
    harness.run();
    harness.drop_at(at);
    harness.run();
}

fn repaint_delay(harness: &Harness<'_, RhythmApp>) -> Duration {
    harness
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .map_or(Duration::ZERO, |v| v.repaint_delay)
}

#[test]
fn projector_mode_scales_the_ui_hides_the_menus_and_esc_leaves_it() {
    let mut harness = harness(media_after());
    assert!(
        harness.query_by_label("File").is_some(),
        "menus in normal mode"
    );
    assert_eq!(harness.ctx.zoom_factor(), 1.0);

    press(&mut harness, Key::F5, Modifiers::NONE);
    assert!(harness.state().is_projector());
    assert_eq!(harness.ctx.zoom_factor(), 1.75, "default projector scale");
    assert!(harness.query_by_label("File").is_none(), "menus hidden");
    harness.get_by_label("✖");

    press(&mut harness, Key::Equals, Modifiers::COMMAND);
    assert_eq!(harness.ctx.zoom_factor(), 1.875);
    press(&mut harness, Key::Minus, Modifiers::COMMAND);
    press(&mut harness, Key::Minus, Modifiers::COMMAND);
    assert_eq!(harness.ctx.zoom_factor(), 1.625);
    press(&mut harness, Key::Num0, Modifiers::COMMAND);
    assert_eq!(harness.ctx.zoom_factor(), 1.75);

    press(&mut harness, Key::Escape, Modifiers::NONE);
    assert!(!harness.state().is_projector());
    assert_eq!(harness.ctx.zoom_factor(), 1.0, "back to the normal scale");
    harness.get_by_label("File");
}

#[test]
fn in_projector_mode_at_1920_by_1080_note_text_and_figures_are_at_least_24_px() {
    let mut harness = harness_at(media_after(), None, [1920.0, 1080.0]);
    press(&mut harness, Key::F5, Modifiers::NONE);
    harness.run();
    let ppp = harness.ctx.pixels_per_point();
    let zoom = harness.state().canvas().view().zoom;
    // The smallest text drawn on the board after "fit all", as the room
    // sees it (zoomed out, pain notes fold into badges and summaries).
    let report = rhythm::diagnostics::layout::layout(
        media_after(),
        rhythm::diagnostics::layout::Options {
            size: [1920, 1080],
            projector: true,
            step: Step::Autopsy,
            opened_at: None,
        },
    );
    let smallest_note_px = report
        .texts
        .iter()
        .map(|t| t.px)
        .fold(f32::INFINITY, f32::min);
    assert!(
        report.texts.len() > 10 && smallest_note_px.is_finite(),
        "the board's texts were recorded"
    );
    assert!(
        smallest_note_px >= PROJECTOR_MIN_TEXT_PX - 0.01,
        "board text {smallest_note_px:.1} px at zoom {zoom:.2}"
    );
    assert!(theme::FIGURE_FONT * ppp >= 24.0);
    assert!(theme::GRID_NOTE_FONT * ppp >= 24.0);
    // Connector handles are touch targets of at least 44 px.
    assert!(theme::HANDLE_HIT_RADIUS * 2.0 * ppp >= 44.0);
    // The whole board is still reachable: the minimap is on screen.
    assert!(harness.state().canvas().minimap_rect().is_none() || zoom > 0.0);
}

#[test]
fn the_step_timer_counts_down_in_simulated_time_and_shows_the_alert_at_zero() {
    let mut harness = harness(small_board());
    assert_eq!(
        repaint_delay(&harness),
        Duration::MAX,
        "an idle window asks for no repaint at all"
    );
    harness
        .state_mut()
        .timer_mut()
        .timebox_mut(Step::Autopsy)
        .set_minutes(1);
    harness.run();
    harness.get_by_label("⏱ 1:00");

    press(&mut harness, Key::T, Modifiers::NONE);
    assert!(harness.state().timer().timebox(Step::Autopsy).is_running());
    let delay = repaint_delay(&harness);
    assert!(
        delay > Duration::from_millis(40) && delay <= Duration::from_millis(1100),
        "a running timer repaints about once a second, not continuously: {delay:?}"
    );

    let now = harness.ctx.input(|i| i.time);
    harness.input_mut().time = Some(now + 30.0);
    harness.step();
    harness.get_by_label("⏱ 0:30");
    assert!(harness.query_by_label_contains("Time is up").is_none());

    harness.input_mut().time = Some(now + 61.0);
    harness.step();
    harness.step();
    harness.get_by_label_contains("Time is up: 1 Autopsy");
    assert!(!harness.state().timer().timebox(Step::Autopsy).is_running());

    // After the flash the alert goes, and the window is idle again.
    harness.input_mut().time = Some(now + 61.0 + rhythm::ui::timer::FLASH_SECONDS + 1.0);
    harness.step();
    harness.run();
    assert!(harness.query_by_label_contains("Time is up:").is_none());
    assert_eq!(repaint_delay(&harness), Duration::MAX);
}

#[test]
fn f1_opens_the_cheat_sheet_and_esc_closes_it() {
    let mut harness = harness(small_board());
    assert!(harness.query_by_label("Keyboard shortcuts").is_none());
    press(&mut harness, Key::F1, Modifiers::NONE);
    harness.get_by_label("Keyboard shortcuts");
    harness.get_by_label("Projector mode on / off (Esc leaves)");
    harness.get_by_label("Next / previous note");
    press(&mut harness, Key::Escape, Modifiers::NONE);
    assert!(harness.query_by_label("Keyboard shortcuts").is_none());
}

#[test]
fn tab_walks_the_notes_in_reading_order_arrows_nudge_and_enter_renames() {
    let mut harness = harness(small_board());
    let selected = |h: &Harness<'_, RhythmApp>| h.state().canvas().single_selected();

    press(&mut harness, Key::Tab, Modifiers::NONE);
    assert_eq!(
        selected(&harness),
        Some(NoteRef::Tool(Id(1))),
        "Asana, top left"
    );
    press(&mut harness, Key::Tab, Modifiers::NONE);
    assert_eq!(
        selected(&harness),
        Some(NoteRef::Tool(Id(2))),
        "GitHub, same row"
    );
    press(&mut harness, Key::Tab, Modifiers::NONE);
    assert_eq!(
        selected(&harness),
        Some(NoteRef::Tool(Id(3))),
        "Slack, below"
    );
    press(&mut harness, Key::Tab, Modifiers::SHIFT);
    assert_eq!(
        selected(&harness),
        Some(NoteRef::Tool(Id(2))),
        "Shift+Tab goes back"
    );

    press(&mut harness, Key::ArrowRight, Modifiers::NONE);
    press(&mut harness, Key::ArrowDown, Modifiers::SHIFT);
    let github = |h: &Harness<'_, RhythmApp>| {
        h.state()
            .document()
            .session()
            .tool(Id(2))
            .expect("GitHub")
            .pos
    };
    assert_eq!(github(&harness), BoardPos::new(400.0 + NUDGE, 5.0 * NUDGE));
    press(&mut harness, Key::Z, Modifiers::COMMAND);
    press(&mut harness, Key::Z, Modifiers::COMMAND);
    assert_eq!(
        github(&harness),
        BoardPos::new(400.0, 0.0),
        "each nudge undoes"
    );

    press(&mut harness, Key::Enter, Modifiers::NONE);
    harness.event(egui::Event::Text("Jira".to_owned()));
    harness.run();
    press(&mut harness, Key::Enter, Modifiers::NONE);
    let name = &harness
        .state()
        .document()
        .session()
        .tool(Id(2))
        .expect("tool")
        .name;
    assert_eq!(name, "Jira");
}

#[test]
fn clicking_the_minimap_moves_the_view_there() {
    let mut harness = harness(small_board());
    let minimap = harness
        .state()
        .canvas()
        .minimap_rect()
        .expect("the minimap shows in the board's corner");
    harness.get_by_label("Minimap");
    let before = harness.state().canvas().view();
    let at = minimap.left_top() + egui::vec2(10.0, 10.0);
    click_at(&mut harness, at);
    let after = harness.state().canvas().view();
    assert_ne!(before.pan, after.pan, "the view moved");
    assert_eq!(before.zoom, after.zoom, "without zooming");

    press(&mut harness, Key::M, Modifiers::NONE);
    assert!(
        harness.state().canvas().minimap_rect().is_none(),
        "M hides it"
    );
}

#[test]
fn a_two_finger_pinch_zooms_the_board_and_a_tap_selects() {
    let mut harness = harness(small_board());
    let canvas = harness.state().canvas().canvas_rect().expect("board");
    let centre = canvas.center();
    let zoom = harness.state().canvas().view().zoom;
    let touch = |id: u64, phase, pos: Pos2| egui::Event::Touch {
        device_id: TouchDeviceId(1),
        id: TouchId(id),
        phase,
        pos,
        force: None,
    };
    let apart = |d: f32| (centre - egui::vec2(d, 0.0), centre + egui::vec2(d, 0.0));
    let (a, b) = apart(50.0);
    // egui-winit also moves the pointer with the first finger.
    harness.hover_at(a);
    harness.event(touch(1, TouchPhase::Start, a));
    harness.event(touch(2, TouchPhase::Start, b));
    harness.step();
    for d in [70.0, 90.0, 110.0] {
        let (a, b) = apart(d);
        harness.event(touch(1, TouchPhase::Move, a));
        harness.event(touch(2, TouchPhase::Move, b));
        harness.step();
    }
    let (a, b) = apart(110.0);
    harness.event(touch(1, TouchPhase::End, a));
    harness.event(touch(2, TouchPhase::End, b));
    harness.run();
    let pinched = harness.state().canvas().view().zoom;
    assert!(
        pinched > zoom * 1.5,
        "spreading two fingers zooms in: {zoom} → {pinched}"
    );

    press(&mut harness, Key::F, Modifiers::NONE);
    let session = harness.state().document().session().clone();
    let asana = harness
        .state()
        .canvas()
        .screen_rect_of(&session, NoteRef::Tool(Id(1)))
        .expect("on screen")
        .center();
    // A tap reaches egui as the touch plus a press and release where it
    // happened (egui-winit's translation).
    harness.hover_at(asana);
    harness.event(touch(3, TouchPhase::Start, asana));
    harness.drag_at(asana);
    harness.step();
    harness.event(touch(3, TouchPhase::End, asana));
    harness.drop_at(asana);
    harness.run();
    assert_eq!(
        harness.state().canvas().single_selected(),
        Some(NoteRef::Tool(Id(1)))
    );
}

#[test]
fn ctrl_e_exports_the_board_and_the_grid_as_png_next_to_the_session() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("board.ron");
    let mut session = small_board();
    session.header.team = "Media".to_owned();
    session.header.quarter = "2026-Q1".to_owned();
    store::save(&path, &session).expect("save");
    let mut harness = harness_at(session, Some(&path), [1600.0, 900.0]);
    press(&mut harness, Key::E, Modifiers::COMMAND);
    for _ in 0..5 {
        harness.step();
    }
    let board = dir.path().join("media-2026-q1-board.png");
    let grid = dir.path().join("media-2026-q1-grid.png");
    let canvas = harness.state().canvas().canvas_rect().expect("board");
    let image = image::open(&board).expect("board image written");
    let ppp = harness.ctx.pixels_per_point();
    assert_eq!(image.width(), (canvas.width() * ppp).round() as u32);
    assert_eq!(image.height(), (canvas.height() * ppp).round() as u32);
    assert!(image::open(&grid).is_ok(), "grid image written");
    harness.get_by_label_contains("Exported");

    // A second export keeps the first.
    press(&mut harness, Key::E, Modifiers::COMMAND);
    for _ in 0..5 {
        harness.step();
    }
    assert!(dir.path().join("media-2026-q1-board-2.png").is_file());
}

#[test]
fn during_a_dot_vote_clicking_a_task_on_the_board_places_and_removes_a_dot_and_totals_wait_for_the_reveal()
 {
    let mut session = small_board();
    session.participants = vec![rhythm::model::Participant {
        id: Id(10),
        name: "Priya".to_owned(),
        colour: [0x1F, 0x5F, 0xA8],
        scores: Default::default(),
    }];
    session.next_id = 11;
    let mut harness = harness(session);
    press(&mut harness, Key::F3, Modifiers::NONE);
    harness.get_by_label("Tasks").click();
    harness.run();
    harness.get_by_label("Start vote").click();
    harness.run();
    harness.get_by_label("Priya").click();
    harness.run();

    let task = NoteRef::Task(Id(4));
    let on_board = |h: &Harness<'_, RhythmApp>| {
        let session = h.state().document().session().clone();
        h.state()
            .canvas()
            .screen_rect_of(&session, task)
            .expect("task on the board")
            .center()
    };
    let dots = |h: &Harness<'_, RhythmApp>| {
        h.state()
            .document()
            .session()
            .vote
            .as_ref()
            .map_or(0, |v| v.dots_on(Id(4)))
    };
    let at = on_board(&harness);
    click_at(&mut harness, at);
    assert_eq!(dots(&harness), 1, "a click places Priya's dot");
    let mark = harness
        .state()
        .canvas()
        .marks()
        .get(&task)
        .cloned()
        .expect("a mark");
    assert_eq!(mark.dots.len(), 1, "her dot is drawn on the note");
    assert_eq!(mark.total, None, "no total before the reveal");
    assert!(
        harness.state().canvas().single_selected().is_none(),
        "voting does not select"
    );

    harness.get_by_label("Reveal totals").click();
    harness.run();
    let mark = harness
        .state()
        .canvas()
        .marks()
        .get(&task)
        .cloned()
        .expect("a mark");
    assert_eq!(mark.total, Some(1), "the total shows after the reveal");

    click_at(&mut harness, at);
    assert_eq!(dots(&harness), 0, "a second click takes the dot back");
}

/// What the room sees in projector mode at a projector resolution (the
/// harness's size is in pixels at the native scale of 1).
fn projector_snapshot(name: &str, pixels: [f32; 2]) {
    let mut harness = harness_at(media_after(), None, pixels);
    press(&mut harness, Key::F5, Modifiers::NONE);
    harness.run();
    let scale = rhythm::app::prefs::DEFAULT_PROJECTOR_SCALE;
    assert_eq!(harness.ctx.pixels_per_point(), scale);
    harness.snapshot(name);
}

#[test]
fn projector_mode_snapshot_at_1920_by_1080() {
    projector_snapshot("projector_1920x1080", [1920.0, 1080.0]);
}

#[test]
fn projector_mode_snapshot_at_1280_by_800() {
    projector_snapshot("projector_1280x800", [1280.0, 800.0]);
}

#[test]
fn with_the_dot_vote_open_tab_walks_its_buttons_not_the_board() {
    let mut harness = harness(small_board());
    press(&mut harness, Key::F3, Modifiers::NONE);
    press(&mut harness, Key::Tab, Modifiers::NONE);
    assert!(
        harness.state().canvas().single_selected().is_none(),
        "the board keeps its selection as it was"
    );
    assert!(
        harness.ctx.memory(|m| m.focused().is_some()),
        "a widget has focus"
    );
}

#[test]
fn in_projector_mode_clicking_a_tool_brings_the_room_to_it_and_esc_goes_back_to_the_map() {
    let mut harness = harness_at(media_after(), None, [1280.0, 800.0]);
    press(&mut harness, Key::F5, Modifiers::NONE);
    harness.run();
    let whole = harness.state().canvas().view();
    let session = harness.state().document().session().clone();
    let asana = NoteRef::Tool(Id(25));
    let card = harness
        .state()
        .canvas()
        .screen_rect_of(&session, asana)
        .expect("Asana on screen");
    // A click; the view then moves for a few dozen frames.
    harness.hover_at(card.center());
    harness.step();
    harness.drag_at(card.center());
    harness.step();
    harness.drop_at(card.center());
    harness.run_steps(40);
    harness.run();
    let near = harness.state().canvas().view();
    assert!(
        near.zoom > whole.zoom * 1.5,
        "zoomed in to the tool: {} → {}",
        whole.zoom,
        near.zoom
    );
    let canvas = harness.state().canvas().canvas_rect().expect("board");
    let card = harness
        .state()
        .canvas()
        .screen_rect_of(&session, asana)
        .expect("Asana on screen");
    assert!(canvas.contains_rect(card), "the whole card is in view");
    assert_eq!(
        repaint_delay(&harness),
        Duration::MAX,
        "once there, the window is idle again"
    );

    harness.key_press(Key::Escape);
    harness.run_steps(40);
    harness.run();
    assert!(
        harness.state().is_projector(),
        "the first Esc leaves the spotlight"
    );
    let back = harness.state().canvas().view();
    assert!(
        (back.zoom - whole.zoom).abs() < whole.zoom * 0.01,
        "back to the whole map: {} vs {}",
        back.zoom,
        whole.zoom
    );
    assert_eq!(repaint_delay(&harness), Duration::MAX);
    press(&mut harness, Key::Escape, Modifiers::NONE);
    assert!(
        !harness.state().is_projector(),
        "the next leaves projector mode"
    );
}

#[test]
fn space_on_the_selected_tool_brings_the_room_to_it() {
    let mut harness = harness_at(media_after(), None, [1920.0, 1080.0]);
    press(&mut harness, Key::F5, Modifiers::NONE);
    let whole = harness.state().canvas().view();
    // Tab selects the first tool, which in projector mode already moves
    // the view; Esc goes back, the selection is made again.
    harness.key_press(Key::Tab);
    harness.run_steps(40);
    harness.run();
    assert!(
        matches!(
            harness.state().canvas().single_selected(),
            Some(NoteRef::Tool(_))
        ),
        "Tab selects the first tool"
    );
    assert!(harness.state().canvas().view().zoom > whole.zoom * 1.2);
    let Some(NoteRef::Tool(first)) = harness.state().canvas().single_selected() else {
        return;
    };
    harness.key_press(Key::Escape);
    harness.run_steps(40);
    harness.run();
    assert!((harness.state().canvas().view().zoom - whole.zoom).abs() < whole.zoom * 0.01);
    harness
        .state_mut()
        .canvas_mut()
        .select(NoteRef::Tool(first));
    harness.run();
    harness.key_press(Key::Space);
    harness.run_steps(40);
    harness.run();
    assert!(harness.state().canvas().view().zoom > whole.zoom * 1.2);
    assert!(harness.state().canvas().is_spotlit());
}

#[test]
fn l_folds_the_live_score_panel_away_and_the_board_takes_its_width() {
    let mut harness = harness(media_after());
    let wide =
        |h: &Harness<'_, RhythmApp>| h.state().canvas().canvas_rect().map_or(0.0, |r| r.width());
    let before = wide(&harness);
    harness.get_by_label("Live score");
    press(&mut harness, Key::L, Modifiers::NONE);
    assert!(
        harness.query_by_label("Live score").is_none(),
        "folded away"
    );
    assert!(
        wide(&harness) > before + 150.0,
        "{before} → {}",
        wide(&harness)
    );
    press(&mut harness, Key::L, Modifiers::NONE);
    harness.get_by_label("Live score");
}

#[test]
fn ctrl_t_tidies_tools_that_cover_each_other_in_one_undoable_step() {
    let tool = |id, name: &str, x, y| Tool {
        id: Id(id),
        name: name.to_owned(),
        pos: BoardPos::new(x, y),
        author: None,
    };
    let session = Session {
        tools: vec![
            tool(1, "Asana", 0.0, 0.0),
            tool(2, "GitHub", 60.0, 30.0),
            tool(3, "Slack", 120.0, 10.0),
        ],
        next_id: 4,
        ..Session::default()
    };
    let mut harness = harness(session.clone());
    press(&mut harness, Key::T, Modifiers::COMMAND);
    let tidy = harness.state().document().session().clone();
    let rect = |s: &Session, i: usize| {
        s.tools
            .get(i)
            .map(rhythm::ui::canvas::tool_rect_in_board)
            .expect("tool")
    };
    for (i, j) in [(0, 1), (0, 2), (1, 2)] {
        assert!(
            !rect(&tidy, i).intersects(rect(&tidy, j)),
            "tools {i} and {j} apart: {:?} {:?}",
            rect(&tidy, i),
            rect(&tidy, j)
        );
    }
    press(&mut harness, Key::Z, Modifiers::COMMAND);
    assert_eq!(
        harness.state().document().session().tools,
        session.tools,
        "one Ctrl+Z puts every card back"
    );
}
