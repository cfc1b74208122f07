//! UI tests with egui_kittest: what a facilitator does with the mouse and
//! keyboard, and what the window then shows.

use egui::{Key, Modifiers, Pos2};
use egui_kittest::{Harness, kittest::Queryable as _};
use rhythm::app::RhythmApp;
use rhythm::document::Document;
use rhythm::model::{
    Attachment, BoardPos, Flow, FlowKind, GridPos, Id, NoteRef, PainCategory, Placement, Quadrant,
    Session, Task, Tool,
};

const WINDOW: [f32; 2] = [1600.0, 900.0];

fn harness(session: Session) -> Harness<'static, RhythmApp> {
    let mut harness = Harness::builder()
        .with_size(WINDOW)
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(crate::window_clear::install)
        .build_eframe(|cc| RhythmApp::new(&cc.egui_ctx, Document::untitled(session), None));
    harness.run();
    harness
}

fn small_board() -> Session {
    let tool = |id, name: &str, x| Tool {
        id: Id(id),
        name: name.to_owned(),
        pos: BoardPos::new(x, 0.0),
        author: None,
    };
    Session {
        tools: vec![tool(1, "Asana", 0.0), tool(2, "GitHub", 400.0)],
        tasks: vec![
            Task {
                id: Id(3),
                name: "Security incident".to_owned(),
                board_pos: None,
                grid: None,
                ..Task::default()
            },
            Task {
                id: Id(4),
                name: "Invoice formatting".to_owned(),
                board_pos: Some(BoardPos::new(0.0, 220.0)),
                grid: None,
                ..Task::default()
            },
        ],
        next_id: 5,
        ..Session::default()
    }
}

/// Press at `from`, move in steps, release at `to`, running frames between.
fn drag(harness: &mut Harness<'_, RhythmApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for i in 1..=6 {
        harness.hover_at(from + (to - from) * (i as f32 / 6.0));
        harness.run();
    }
    harness.drop_at(to);
    harness.run();
}

fn top_right_of_grid(harness: &Harness<'_, RhythmApp>) -> Pos2 {
    let frame = harness
        .state()
        .typology()
        .grid_frame()
        .expect("grid laid out");
    frame.screen_from_grid(GridPos::new(0.5, 0.5))
}

#[test]
fn dropping_a_tray_task_top_right_puts_it_in_rehearsed_jam_and_the_panel_counts_it() {
    let mut harness = harness(small_board());
    harness.get_by_label("Rehearsed Jam: 0");
    let chip = harness.get_by_label("Security incident").rect().center();
    let target = top_right_of_grid(&harness);

    drag(&mut harness, chip, target);

    let task = harness.state().document().session().task(Id(3)).cloned();
    assert_eq!(
        task.and_then(|t| t.placement()),
        Some(Placement::Quadrant(Quadrant::RehearsedJam))
    );
    harness.get_by_label("Rehearsed Jam: 1");
    assert!(harness.query_by_label("Rehearsed Jam: 0").is_none());
    harness.get_by_label("In the tray: 1");
}

/// The dot and the label of a placed task on the grid, screen points.
fn on_grid(harness: &Harness<'_, RhythmApp>, id: Id) -> (Pos2, egui::Rect) {
    let label = harness
        .state()
        .typology()
        .figure()
        .and_then(|f| f.labels.labels.iter().find(|l| l.task == id).cloned())
        .expect("the task has a label on the grid");
    (label.dot, label.rect)
}

fn placed_in_rehearsed_jam(harness: &mut Harness<'_, RhythmApp>) {
    let chip = harness.get_by_label("Security incident").rect().center();
    let target = top_right_of_grid(harness);
    drag(harness, chip, target);
    let task = harness.state().document().session().task(Id(3)).cloned();
    assert_eq!(
        task.and_then(|t| t.placement()),
        Some(Placement::Quadrant(Quadrant::RehearsedJam))
    );
}

#[test]
fn dragging_a_label_on_the_grid_moves_its_task_by_as_much_into_another_quadrant() {
    let mut harness = harness(small_board());
    placed_in_rehearsed_jam(&mut harness);
    let (dot, label) = on_grid(&harness, Id(3));
    let frame = harness
        .state()
        .typology()
        .grid_frame()
        .expect("grid laid out");
    // Grab the label (not the dot) and move it down and left by as much
    // as takes the dot to the middle of the Algorithm quadrant.
    let goal = frame.screen_from_grid(GridPos::new(-0.5, -0.5));
    let from = label.center();
    drag(&mut harness, from, from + (goal - dot));

    let grid = harness
        .state()
        .document()
        .session()
        .task(Id(3))
        .and_then(|t| t.grid)
        .expect("still on the grid");
    assert_eq!(
        grid.placement(),
        Placement::Quadrant(Quadrant::Algorithm),
        "{grid:?}"
    );
    assert!(
        (grid.predictability + 0.5).abs() < 0.02 && (grid.stakes + 0.5).abs() < 0.02,
        "the dot lands where it was dragged to: {grid:?}"
    );
    harness.get_by_label("Algorithm: 1");
    harness.get_by_label("Rehearsed Jam: 0");
}

#[test]
fn a_label_dropped_on_the_tray_leaves_the_grid() {
    let mut harness = harness(small_board());
    placed_in_rehearsed_jam(&mut harness);
    let (_, label) = on_grid(&harness, Id(3));
    let tray = harness.get_by_label_contains("Tray").rect().center();
    drag(&mut harness, label.center(), tray);
    let task = harness.state().document().session().task(Id(3)).cloned();
    assert_eq!(task.and_then(|t| t.grid), None, "back in the tray");
    harness.get_by_label("Security incident");
    harness.get_by_label("In the tray: 2");
}

#[test]
fn right_clicking_a_label_offers_back_to_the_tray() {
    let mut harness = harness(small_board());
    placed_in_rehearsed_jam(&mut harness);
    let (dot, _) = on_grid(&harness, Id(3));
    // The dot takes the click as well as the label.
    click_at(&mut harness, dot, egui::PointerButton::Secondary);
    harness.get_by_label("Back to the tray").click();
    harness.run();
    let task = harness.state().document().session().task(Id(3)).cloned();
    assert_eq!(task.and_then(|t| t.grid), None);
    harness.get_by_label("In the tray: 2");
}

#[test]
fn dragging_a_task_note_from_the_board_onto_the_grid_places_it() {
    let mut harness = harness(small_board());
    let session = harness.state().document().session().clone();
    let note = harness
        .state()
        .canvas()
        .screen_rect_of(&session, NoteRef::Task(Id(4)))
        .expect("note on screen")
        .center();
    let frame = harness
        .state()
        .typology()
        .grid_frame()
        .expect("grid laid out");
    let target = frame.screen_from_grid(GridPos::new(-0.5, -0.5));

    drag(&mut harness, note, target);

    let session = harness.state().document().session();
    let task = session.task(Id(4)).expect("task kept");
    assert_eq!(
        task.placement(),
        Some(Placement::Quadrant(Quadrant::Algorithm)),
        "{:?}",
        task.grid
    );
    // It stays where it was on the board.
    assert_eq!(task.board_pos, Some(BoardPos::new(0.0, 220.0)));
    harness.get_by_label("Algorithm: 1");
}

#[test]
fn dragging_from_a_handle_to_another_card_creates_a_flow_and_ctrl_z_undoes_it_and_the_drop() {
    let mut harness = harness(small_board());
    // First a task drop, then a flow: Ctrl+Z twice undoes both, newest first.
    let chip = harness.get_by_label("Security incident").rect().center();
    let target = top_right_of_grid(&harness);
    drag(&mut harness, chip, target);

    let session = harness.state().document().session().clone();
    let canvas = harness.state().canvas();
    let handle = canvas
        .handle_pos_of(&session, Id(1))
        .expect("handle on screen");
    let github = canvas
        .screen_rect_of(&session, NoteRef::Tool(Id(2)))
        .expect("card on screen")
        .center();

    drag(&mut harness, handle, github);

    let flows = harness.state().document().session().flows.clone();
    assert_eq!(flows.len(), 1, "one flow created");
    let flow = flows.first().expect("flow");
    assert_eq!(
        (flow.from, flow.to, flow.kind),
        (Id(1), Id(2), FlowKind::Designed)
    );
    harness.get_by_label("Flows: 1");

    // The new flow's label field has focus: type what passes, Enter.
    harness.key_press(Key::Enter);
    harness.run();

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().document().session().flows.is_empty());
    harness.get_by_label("Flows: 0");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let task = harness.state().document().session().task(Id(3)).cloned();
    assert_eq!(task.and_then(|t| t.grid), None, "task back in the tray");
    harness.get_by_label("Rehearsed Jam: 0");

    // And redo brings the drop back.
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    harness.run();
    harness.get_by_label("Rehearsed Jam: 1");
}

#[test]
fn delete_removes_the_selected_tool_with_its_flows_and_undo_restores_them() {
    let mut session = small_board();
    session.flows.push(Flow {
        id: Id(9),
        from: Id(1),
        to: Id(2),
        label: "task updates".to_owned(),
        kind: FlowKind::Shadow,
        share: Some(40),
    });
    session.next_id = 10;
    let before = session.clone();
    let mut harness = harness(session.clone());
    let card = harness
        .state()
        .canvas()
        .screen_rect_of(&session, NoteRef::Tool(Id(1)))
        .expect("card")
        .center();
    harness.get_by_label("⚠ Shadow flows: 1 · mean share 40 %");

    harness.hover_at(card);
    harness.run();
    harness.drag_at(card);
    harness.drop_at(card);
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();

    let now = harness.state().document().session();
    assert!(now.tool(Id(1)).is_none());
    assert!(now.flows.is_empty(), "its flow went with it");
    harness.get_by_label("Tools: 1");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().document().session().same_content(&before));
    harness.get_by_label("Tools: 2");
}

#[test]
fn a_new_task_typed_into_the_tray_appears_there() {
    let mut harness = harness(small_board());
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "New task")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "New task")
        .type_text("Exploratory research");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let session = harness.state().document().session();
    let task = session
        .tasks
        .iter()
        .find(|t| t.name == "Exploratory research")
        .expect("task created");
    assert_eq!(task.grid, None);
    harness.get_by_label("Exploratory research");
    harness.get_by_label("In the tray: 3");
}

#[test]
fn an_unreadable_file_leaves_the_session_untouched_and_shows_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("broken.ron");
    std::fs::write(
        &bad,
        "(\n    version: 1,\n    tools: [\n        (id: 1, name: \"Slack\"\n",
    )
    .expect("write");
    let mut harness = harness(small_board());
    harness.state_mut().open_path(&bad);
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.document().session().tools.len(),
        2,
        "current session kept"
    );
    let error = app.error().expect("error shown").to_owned();
    assert!(error.contains("broken.ron:"), "{error}");
    assert!(error.contains(":4:") || error.contains(":5:"), "{error}");
    // Nothing was written over the bad file.
    assert!(
        std::fs::read_to_string(&bad)
            .expect("read")
            .ends_with("\"Slack\"\n")
    );
}

#[test]
fn the_title_marks_unsaved_changes_and_saving_clears_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("workshop.ron");
    let mut harness = harness(small_board());
    assert!(!harness.state().document().is_dirty());
    harness.key_press(Key::F); // fit: not a change
    harness.run();
    assert!(!harness.state().document().is_dirty());
    harness.get_by_label("➕ Tool").click();
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().document().is_dirty());
    assert_eq!(harness.state().document().session().tools.len(), 3);
    assert!(harness.state_mut().save_to(path.clone()));
    assert!(!harness.state().document().is_dirty());
    let saved = rhythm::store::load(&path).expect("saved file loads");
    assert_eq!(saved.tools.len(), 3);
}

fn click_at(harness: &mut Harness<'_, RhythmApp>, pos: Pos2, button: egui::PointerButton) {
    clicks_at(harness, pos, button, 1);
}

fn clicks_at(
    harness: &mut Harness<'_, RhythmApp>,
    pos: Pos2,
    button: egui::PointerButton,
    n: usize,
) {
    harness.hover_at(pos);
    harness.run();
    for pressed in [true, false].repeat(n) {
        harness.event(egui::Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run();
}

#[test]
fn a_flow_turns_shadow_from_its_context_menu_and_undo_turns_it_back() {
    let mut session = small_board();
    session.flows.push(Flow {
        id: Id(9),
        from: Id(1),
        to: Id(2),
        label: "task updates".to_owned(),
        kind: FlowKind::Designed,
        share: None,
    });
    session.next_id = 10;
    let mut harness = harness(session.clone());
    let canvas = harness.state().canvas();
    let a = canvas
        .screen_rect_of(&session, NoteRef::Tool(Id(1)))
        .expect("card");
    let b = canvas
        .screen_rect_of(&session, NoteRef::Tool(Id(2)))
        .expect("card");
    let middle = a.center().lerp(b.center(), 0.5);
    harness.get_by_label("⚠ Shadow flows: 0");

    click_at(&mut harness, middle, egui::PointerButton::Secondary);
    harness.get_by_label("⚠ Shadow").click();
    harness.run();

    let flow = harness.state().document().session().flow(Id(9)).cloned();
    assert_eq!(flow.map(|f| f.kind), Some(FlowKind::Shadow));
    harness.get_by_label("⚠ Shadow flows: 1");

    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let flow = harness.state().document().session().flow(Id(9)).cloned();
    assert_eq!(flow.map(|f| f.kind), Some(FlowKind::Designed));
    harness.get_by_label("⚠ Shadow flows: 0");
}

#[test]
fn double_clicking_a_card_renames_it_inline() {
    let session = small_board();
    let mut harness = harness(session.clone());
    let card = harness
        .state()
        .canvas()
        .screen_rect_of(&session, NoteRef::Tool(Id(2)))
        .expect("card")
        .center();
    clicks_at(&mut harness, card, egui::PointerButton::Primary, 2);
    harness.run();
    // The whole name is selected: typing replaces it.
    harness
        .get_by(|n| {
            n.role() == egui::accesskit::Role::TextInput && n.value().as_deref() == Some("GitHub")
        })
        .type_text("GitLab");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let name = harness
        .state()
        .document()
        .session()
        .tool(Id(2))
        .map(|t| t.name.clone());
    assert_eq!(name.as_deref(), Some("GitLab"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let name = harness
        .state()
        .document()
        .session()
        .tool(Id(2))
        .map(|t| t.name.clone());
    assert_eq!(name.as_deref(), Some("GitHub"));
}

#[test]
fn the_layout_settles_and_the_window_stops_repainting() {
    let mut harness = harness(small_board());
    let first = harness.state().typology().grid_frame().map(|f| f.rect);
    harness.run();
    harness.run();
    assert_eq!(
        harness.state().typology().grid_frame().map(|f| f.rect),
        first
    );
}

#[test]
fn the_window_is_cleared_to_the_board_colour_which_the_unfilled_board_shows() {
    let harness = harness(small_board());
    let clear = eframe::App::clear_color(harness.state(), &egui::Visuals::light());
    assert_eq!(clear, rhythm::ui::theme::BOARD_BG.to_normalized_gamma_f32());
    assert_eq!(rhythm::ui::theme::WINDOW_CLEAR, rhythm::ui::theme::BOARD_BG);
}

#[test]
fn main_window_snapshot_with_an_example_session() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions/media-company-2026-Q1-after.ron");
    let session = rhythm::store::load(&path).expect("example loads");
    let mut harness = harness(session);
    harness.run();
    harness.snapshot("main_window_media_after");
}

#[test]
fn a_pain_point_with_three_hours_on_a_tool_raises_its_badge_and_the_category_total() {
    let session = small_board();
    let mut harness = harness(session.clone());
    let card = harness
        .state()
        .canvas()
        .screen_rect_of(&session, NoteRef::Tool(Id(1)))
        .expect("card")
        .center();
    let before = harness.state().stats().pain.hours(PainCategory::Orchestra);

    // Right-click the tool, add a pain point, name it.
    click_at(&mut harness, card, egui::PointerButton::Secondary);
    harness
        .get_by_label("Add a pain point to this tool")
        .click();
    harness.run();
    harness
        .get_by(|n| {
            n.role() == egui::accesskit::Role::TextInput
                && n.value().as_deref() == Some("What hurts?")
        })
        .type_text("Status re-typed by hand");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();

    // The new pain point is selected: the inspector takes its hours.
    let hours_field = |h: &Harness<'_, RhythmApp>| {
        h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Hours lost per week")
            .focus();
    };
    hours_field(&harness);
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Hours lost per week")
        .type_text("3");
    harness.run();

    let app = harness.state();
    let pain = app
        .document()
        .session()
        .pain_points
        .first()
        .cloned()
        .expect("pain point created");
    assert_eq!(pain.text, "Status re-typed by hand");
    assert_eq!(pain.attached, Attachment::Tool(Id(1)));
    assert_eq!(pain.hours_per_week, Some(3.0));
    assert_eq!(
        app.stats().pain.per_tool.get(&Id(1)).copied(),
        Some(3.0),
        "the tool's badge"
    );
    assert_eq!(
        app.stats().pain.hours(PainCategory::Orchestra),
        before + 3.0
    );

    // 300 hours is refused in the field, with a message; nothing changes.
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Hours lost per week")
        .type_text("00");
    harness.run();
    harness.get_by_label_contains("outside 0–168");
    let hours = harness
        .state()
        .document()
        .session()
        .pain_points
        .first()
        .and_then(|p| p.hours_per_week);
    assert_eq!(hours, Some(3.0), "refused, never clamped");
}

fn example(name: &str) -> Session {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions")
        .join(name);
    rhythm::store::load(&path).expect("example loads")
}

#[test]
fn step_four_shows_the_hybrid_score_and_f2_the_participants() {
    let mut harness = harness(example("media-company-2025-Q3-before.ron"));
    harness.key_press(Key::Num4);
    harness.run();
    // The board gives way to zones, airlocks and changes.
    assert!(harness.state().canvas().canvas_rect().is_some());
    harness.get_by_label_contains("Zones");
    harness.snapshot("step4_hybrid_media_before");

    harness.key_press(Key::Num1);
    harness.run();
    harness.key_press(Key::F2);
    harness.run();
    harness.get_by_label_contains("Participants and scores");
    harness.snapshot("participants_window_media_before");
}
