//! UI tests (egui_kittest) for the participants view, the hybrid-score view
//! (Step 4), the live scoring panel's new figures and the typology grid's
//! airlocks: what a facilitator types or clicks, and what the room then
//! reads on the wall.
//!
//! Each test renders the views on a session it owns and applies the edits
//! they emit between frames through an undo [`History`], as the app does.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::{Harness, kittest::Queryable as _};
use rhythm::model::{
    Airlock, Attachment, AutomationCheck, BoardPos, Change, ChangeStatus, Edit, Flow, FlowKind,
    GridPos, History, Id, PARTICIPANT_COLOURS, PainCategory, PainPoint, Participant, Quadrant,
    Question, ScoreSet, Session, Stats, Task, Tool, WorkModelScores,
};
use rhythm::ui::hybrid::HybridState;
use rhythm::ui::participants::{ParticipantsState, score_cell_label};
use rhythm::ui::typology::TypologyState;
use rhythm::ui::{scoring, theme};

/// Which views a test shows.
#[derive(Clone, Copy, PartialEq)]
enum Views {
    /// Participants (left) and the scoring panel (right).
    ParticipantsAndScore,
    /// The hybrid-score view alone.
    Hybrid,
    /// The scoring panel alone, bounded to a width, points.
    ScoreOnly(f32),
    /// The typology grid.
    Typology,
}

/// A session, its undo history and the views' states.
struct Workshop {
    session: Session,
    history: History,
    views: Views,
    participants: ParticipantsState,
    hybrid: HybridState,
    typology: TypologyState,
    /// Edits refused by the model, with why.
    refused: Vec<String>,
    /// Width the bounded scoring panel took in the last frame, points.
    score_width: f32,
}

impl Workshop {
    fn new(session: Session, views: Views) -> Self {
        Self {
            session,
            history: History::default(),
            views,
            participants: ParticipantsState::default(),
            hybrid: HybridState::default(),
            typology: TypologyState::default(),
            refused: Vec::new(),
            score_width: 0.0,
        }
    }

    fn frame(&mut self, ui: &mut egui::Ui) {
        let stats = Stats::of(&self.session);
        let mut out: Vec<Edit> = Vec::new();
        match self.views {
            Views::ParticipantsAndScore => {
                ui.columns(2, |columns| {
                    if let [left, right] = columns {
                        self.participants.ui(left, &self.session, &mut out);
                        scoring::ui(right, &self.session, &stats, &mut out);
                    }
                });
            }
            Views::Hybrid => self.hybrid.ui(ui, &self.session, &stats, &mut out),
            Views::ScoreOnly(width) => {
                let response = ui.allocate_ui(egui::vec2(width, ui.available_height()), |ui| {
                    scoring::ui(ui, &self.session, &stats, &mut out);
                });
                self.score_width = response.response.rect.width();
            }
            Views::Typology => self.typology.ui(ui, &self.session, &mut out),
        }
        let changed = !out.is_empty();
        let mut created = Vec::new();
        for edit in out {
            match self.history.apply(&mut self.session, edit) {
                Ok(ids) => created.extend(ids),
                Err(err) => self.refused.push(err.to_string()),
            }
        }
        // As the app does: the view learns the ids of what it added.
        self.hybrid.created(&created);
        if changed {
            // The app repaints after applying edits; so does the test.
            ui.ctx().request_repaint();
        }
    }
}

fn harness(session: Session, views: Views, size: [f32; 2]) -> Harness<'static, Workshop> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(|ctx| {
            theme::install(ctx);
            crate::window_clear::install(ctx);
        })
        .build_ui_state(
            |ui, workshop: &mut Workshop| workshop.frame(ui),
            Workshop::new(session, views),
        );
    harness.run();
    harness
}

fn person(id: u64, name: &str) -> Participant {
    Participant {
        id: Id(id),
        name: name.to_owned(),
        colour: [0x1F, 0x5F, 0xA8],
        scores: WorkModelScores::default(),
    }
}

/// Priya (unscored) and Sam (Output, as it is: 8).
fn two_participants() -> Session {
    let mut sam = person(2, "Sam");
    sam.scores.as_is.output = Some(8);
    Session {
        participants: vec![person(1, "Priya"), sam],
        next_id: 3,
        ..Session::default()
    }
}

#[test]
fn typing_a_participants_score_in_the_table_updates_the_mean_in_the_panel() {
    let mut harness = harness(
        two_participants(),
        Views::ParticipantsAndScore,
        [1400.0, 1600.0],
    );
    harness.get_by_label("Source: participants' means (1 of 2 scored)");
    // As it is, Output: only Sam's 8 so far.
    harness.get_by_label("Output: 8.0");
    harness.get_by_label("range 8–8 · sd 0.0 · 1 scored");
    // The consensus sliders are a collapsed fallback while participants score.
    harness.get_by_label("Team consensus (fallback)");

    let cell = score_cell_label("Priya", ScoreSet::AsItIs, Question::Output);
    harness.get_by_label(&cell).click();
    harness.run();
    harness.get_by_label(&cell).type_text("2");
    harness.run();

    let priya = |h: &Harness<'_, Workshop>| {
        h.state()
            .session
            .participant(Id(1))
            .map(|p| p.scores)
            .unwrap_or_default()
    };
    assert_eq!(
        priya(&harness).as_is.output,
        Some(2),
        "typing sets the score"
    );
    // Mean of 2 and 8, both 3 points from it: named as discussion prompts.
    harness.get_by_label("Output: 5.0");
    assert!(harness.query_by_label("Output: 8.0").is_none());
    harness.get_by_label("range 2–8 · sd 3.0 · 2 scored");
    harness.get_by_label("Priya: 2 on Output — discuss");
    harness.get_by_label("Sam: 8 on Output — discuss");
    harness.get_by_label("Source: participants' means (2 of 2 scored)");

    // Tab moves to the next cell (Process); typing replaces its "—".
    harness.key_press(Key::Tab);
    harness.run();
    harness.get_by_label(&score_cell_label(
        "Priya",
        ScoreSet::AsItIs,
        Question::Process,
    ));
    harness.event(egui::Event::Text("6".to_owned()));
    harness.run();
    assert_eq!(priya(&harness).as_is.process, Some(6));
    harness.get_by_label("Process: 6.0");
    // Means 5 (Output) and 6 (Process): 5.5 overall, hybrid.
    harness.get_by_label("The work as it is: 5.5 · hybrid");

    // 0 clears a score again.
    harness.key_press(Key::Tab);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::Tab);
    harness.run();
    harness.event(egui::Event::Text("0".to_owned()));
    harness.run();
    assert_eq!(priya(&harness).as_is.process, None);
    harness.get_by_label("The work as it is: 5.0 · hybrid");
    assert!(
        harness.state().refused.is_empty(),
        "{:?}",
        harness.state().refused
    );
}

#[test]
fn without_participant_scores_the_panel_says_so_and_offers_the_consensus_sliders() {
    let harness = harness(
        Session {
            participants: vec![person(1, "Priya")],
            next_id: 2,
            ..Session::default()
        },
        Views::ParticipantsAndScore,
        [1400.0, 1600.0],
    );
    harness.get_by_label("Source: team consensus (no participant has scored)");
    harness.get_by_label("Score it (team consensus)");
    assert!(
        harness
            .query_by_label("Team consensus (fallback)")
            .is_none()
    );
}

#[test]
fn participants_are_added_with_enter_and_a_removal_is_undone() {
    let mut harness = harness(
        Session::default(),
        Views::ParticipantsAndScore,
        [1400.0, 1000.0],
    );
    harness
        .get_by_role_and_label(Role::TextInput, "New participant")
        .click();
    harness.run();
    for name in ["Priya", "Sam"] {
        harness
            .get_by_role_and_label(Role::TextInput, "New participant")
            .type_text(name);
        harness.run();
        harness.key_press(Key::Enter);
        harness.run();
    }
    let people = harness.state().session.participants.clone();
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Priya", "Sam"]);
    assert_eq!(
        people.iter().map(|p| p.colour).collect::<Vec<_>>(),
        PARTICIPANT_COLOURS[..2].to_vec(),
        "each gets the next colour"
    );
    assert_ne!(people[0].id, people[1].id);
    // Each has a row in both score tables.
    for set in ScoreSet::ALL {
        harness.get_by_label(&score_cell_label("Sam", set, Question::Individual));
    }

    harness.get_by_label("Remove Priya").click();
    harness.run();
    assert_eq!(harness.state().session.participants.len(), 1);
    assert!(harness.query_by_label("Name of Priya").is_none());

    let workshop = harness.state_mut();
    assert!(matches!(
        workshop.history.undo(&mut workshop.session),
        Ok(true)
    ));
    harness.run();
    assert_eq!(harness.state().session.participants, people);
    harness.get_by_label("Name of Priya");
}

fn change(id: u64, description: &str, status: ChangeStatus, baseline: Option<f64>) -> Change {
    Change {
        id: Id(id),
        description: description.to_owned(),
        status,
        baseline,
        ..Change::default()
    }
}

const ONE_AT_A_TIME: &str =
    "⚠ 2 changes are in progress: implement one change at a time and measure its impact";

#[test]
fn a_second_change_in_progress_raises_the_one_change_at_a_time_warning() {
    let session = Session {
        changes: vec![
            change(
                1,
                "Approvals move into the Docs add-on",
                ChangeStatus::InProgress,
                Some(14.0),
            ),
            change(
                2,
                "Final assets in one shared drive",
                ChangeStatus::Planned,
                Some(2.0),
            ),
        ],
        next_id: 3,
        ..Session::default()
    };
    let mut harness = harness(session, Views::Hybrid, [1400.0, 1000.0]);
    assert!(
        harness
            .query_by_label_contains("one change at a time")
            .is_none()
    );

    harness
        .get_by_label("Status of Final assets in one shared drive")
        .click();
    harness.run();
    harness
        .get_by(|n| n.label().as_deref() == Some("▶ in progress") && n.role() != Role::ComboBox)
        .click();
    harness.run();

    let status = harness.state().session.changes.get(1).map(|c| c.status);
    assert_eq!(status, Some(ChangeStatus::InProgress));
    harness.get_by_label(ONE_AT_A_TIME);
}

#[test]
fn clicking_a_header_sorts_the_changes_and_clicking_again_reverses() {
    let session = Session {
        changes: vec![
            change(1, "Cycle time", ChangeStatus::Planned, Some(14.0)),
            change(2, "Search time", ChangeStatus::Done, Some(2.0)),
            change(3, "Error rate", ChangeStatus::InProgress, None),
        ],
        next_id: 4,
        ..Session::default()
    };
    let mut harness = harness(session, Views::Hybrid, [1400.0, 1000.0]);
    let order = |h: &Harness<'_, Workshop>| {
        let mut rows: Vec<(f32, String)> = ["Cycle time", "Search time", "Error rate"]
            .iter()
            .map(|d| {
                let y = h.get_by_label(&format!("Description of {d}")).rect().min.y;
                (y, (*d).to_owned())
            })
            .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        rows.into_iter().map(|(_, d)| d).collect::<Vec<_>>()
    };
    assert_eq!(order(&harness), ["Cycle time", "Search time", "Error rate"]);

    harness.get_by_label("Baseline").click();
    harness.run();
    harness.get_by_label("Baseline ▲");
    // Unknown baselines last.
    assert_eq!(order(&harness), ["Search time", "Cycle time", "Error rate"]);

    harness.get_by_label("Baseline ▲").click();
    harness.run();
    assert_eq!(order(&harness), ["Error rate", "Cycle time", "Search time"]);

    harness.get_by_label("Description").click();
    harness.run();
    assert_eq!(order(&harness), ["Cycle time", "Error rate", "Search time"]);
    // Sorting is a view: the session's order is untouched.
    let ids: Vec<Id> = harness
        .state()
        .session
        .changes
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, [Id(1), Id(2), Id(3)]);
}

#[test]
fn a_baseline_is_typed_as_a_number_and_text_that_is_not_one_is_refused_visibly() {
    let session = Session {
        changes: vec![change(1, "Cycle time", ChangeStatus::Planned, None)],
        next_id: 2,
        ..Session::default()
    };
    let mut harness = harness(session, Views::Hybrid, [1400.0, 1000.0]);
    harness.get_by_label("Baseline of Cycle time").click();
    harness.run();
    harness
        .get_by_label("Baseline of Cycle time")
        .type_text("14");
    harness.run();
    let baseline =
        |h: &Harness<'_, Workshop>| h.state().session.changes.first().and_then(|c| c.baseline);
    assert_eq!(baseline(&harness), Some(14.0));
    assert!(harness.query_by_label("⚠").is_none());

    harness
        .get_by_label("Baseline of Cycle time")
        .type_text(" days");
    harness.run();
    assert_eq!(baseline(&harness), Some(14.0), "not a number: not applied");
    harness.get_by_label("⚠");
    // Leaving the field keeps the text and the flag until it is fixed.
    harness.key_press(Key::Tab);
    harness.run();
    harness.get_by_label("⚠");
    assert_eq!(
        harness
            .get_by_label("Baseline of Cycle time")
            .value()
            .as_deref(),
        Some("14 days")
    );
}

#[test]
fn typing_a_zones_principles_is_one_undo_step() {
    let mut harness = harness(Session::default(), Views::Hybrid, [1400.0, 1000.0]);
    let field = "Principles of the Jam Session zone";
    harness.get_by_label(field).click();
    harness.run();
    for word in ["all exploratory work", " starts in", " the team board"] {
        harness.get_by_label(field).type_text(word);
        harness.run();
    }
    let principles = |h: &Harness<'_, Workshop>| {
        h.state()
            .session
            .zone(Quadrant::JamSession)
            .map(|z| z.principles.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        principles(&harness),
        "all exploratory work starts in the team board"
    );
    let workshop = harness.state_mut();
    assert!(matches!(
        workshop.history.undo(&mut workshop.session),
        Ok(true)
    ));
    assert_eq!(principles(&harness), "");
}

#[test]
fn an_airlock_is_added_and_named_in_step_4() {
    let mut harness = harness(Session::default(), Views::Hybrid, [1400.0, 1000.0]);
    harness.get_by_label("➕ Airlock").click();
    harness.run();
    // The new airlock's name field has focus: type its name.
    harness.event(egui::Event::Text("Research → roadmap".to_owned()));
    harness.run();
    let airlocks = harness.state().session.airlocks.clone();
    assert_eq!(airlocks.len(), 1);
    let airlock = airlocks.first().expect("airlock");
    assert_eq!(airlock.name, "Research → roadmap");
    assert_eq!(
        (airlock.from, airlock.to),
        (Quadrant::JamSession, Quadrant::Orchestra)
    );
    harness.get_by_label("Entry criteria of airlock Research → roadmap");
}

#[test]
fn an_a_task_in_jam_session_is_listed_as_disagreeing_with_its_quadrant() {
    let automation = |answers: [bool; 4]| {
        let mut check = AutomationCheck::default();
        for (i, yes) in answers.into_iter().enumerate() {
            check.set(i, Some(yes));
        }
        check
    };
    let task = |id, name: &str, at: (f32, f32), check| Task {
        id: Id(id),
        name: name.to_owned(),
        grid: Some(GridPos::new(at.0, at.1)),
        automation: check,
        ..Task::default()
    };
    let session = Session {
        tasks: vec![
            task(
                1,
                "Invoice formatting",
                (0.5, -0.5),
                automation([false, false, true, true]),
            ),
            task(
                2,
                "Production deploy",
                (-0.5, 0.5),
                automation([true, false, false, false]),
            ),
            task(
                3,
                "Exploratory research",
                (0.5, -0.5),
                automation([true, false, true, false]),
            ),
        ],
        next_id: 4,
        ..Session::default()
    };
    let harness = harness(session, Views::ScoreOnly(360.0), [1000.0, 2600.0]);
    harness.get_by_label("⚠ Invoice formatting: A in Jam Session");
    harness.get_by_label("O (orchestrate): 1");
    harness.get_by_label("A (algorithmize): 1");
    harness.get_by_label("Hybrid (discuss): 1");
    assert!(
        harness
            .query_by_label_contains("Production deploy")
            .is_none(),
        "an O task in Orchestra agrees"
    );
    // The figures tests elsewhere rely on are unchanged.
    harness.get_by_label("Orchestra: 1");
    harness.get_by_label("Jam Session: 2");
    harness.get_by_label("In the tray: 0");
}

#[test]
fn the_panel_shows_step_2_hours_by_category_tool_and_flow_and_stays_within_its_width() {
    let tool = |id, name: &str| Tool {
        id: Id(id),
        name: name.to_owned(),
        pos: BoardPos::new(id as f32 * 300.0, 0.0),
        author: None,
    };
    let pain = |id, text: &str, category, hours, attached| PainPoint {
        id: Id(id),
        text: text.to_owned(),
        category,
        hours_per_week: Some(hours),
        attached,
        pos: BoardPos::default(),
        author: None,
        reassess: false,
    };
    let session = Session {
        tools: vec![
            tool(1, "Slack"),
            tool(
                2,
                "Asana with a very long name that would widen a careless panel",
            ),
        ],
        flows: vec![Flow {
            id: Id(3),
            from: Id(1),
            to: Id(2),
            label: "task updates".to_owned(),
            kind: FlowKind::Shadow,
            share: Some(40),
        }],
        pain_points: vec![
            pain(
                4,
                "approvals wait in inboxes",
                PainCategory::Orchestra,
                3.0,
                Attachment::Tool(Id(1)),
            ),
            pain(
                5,
                "~2 hours a week searching for final assets",
                PainCategory::Jam,
                2.0,
                Attachment::Flow(Id(3)),
            ),
        ],
        next_id: 6,
        ..Session::default()
    };
    let harness = harness(session, Views::ScoreOnly(300.0), [1000.0, 2600.0]);
    harness.get_by_label("■ orchestra pain: 3 h/week");
    harness.get_by_label("≈ jam pain: 2 h/week");
    harness.get_by_label("Slack: 3 h/week");
    harness.get_by_label(
        "⚠ Slack → Asana with a very long name that would widen a careless panel: 2 h/week",
    );
    harness.get_by_label("⚠ On shadow flows: 40 % of hours");
    harness.get_by_label("⚠ Shadow flows: 1 · mean share 40 %");
    let width = harness.state().score_width;
    assert!(width <= 300.5, "the panel grew to {width} points");
}

#[test]
fn airlocks_are_drawn_between_their_zones_on_the_typology_grid() {
    let session = Session {
        airlocks: vec![Airlock {
            id: Id(1),
            name: "Research → roadmap".to_owned(),
            from: Quadrant::JamSession,
            to: Quadrant::Orchestra,
            entry: "a one-page brief".to_owned(),
            exit: "a ticket with acceptance criteria".to_owned(),
            handover: "brief + ticket".to_owned(),
        }],
        tasks: vec![Task {
            id: Id(2),
            name: "Invoice formatting".to_owned(),
            grid: Some(GridPos::new(-0.5, -0.5)),
            automation: {
                let mut check = AutomationCheck::default();
                check.set(2, Some(true));
                check
            },
            ..Task::default()
        }],
        next_id: 3,
        ..Session::default()
    };
    let harness = harness(session, Views::Typology, [900.0, 900.0]);
    let label = harness
        .get_by_label("Airlock Research → roadmap: Jam Session → Orchestra")
        .rect();
    let frame = harness
        .state()
        .typology
        .grid_frame()
        .expect("grid laid out");
    // Between the two zones: inside the grid, away from both quadrants'
    // far corners, near the line joining their centres.
    assert!(
        frame.rect.contains_rect(label),
        "{label:?} in {:?}",
        frame.rect
    );
    let from = frame.quadrant_rect(Quadrant::JamSession).center();
    let to = frame.quadrant_rect(Quadrant::Orchestra).center();
    let mid = from.lerp(to, 0.5);
    assert!(
        label.center().distance(mid) < frame.rect.width() / 4.0,
        "label at {:?}, midway is {mid:?}",
        label.center()
    );
}

/// What the grid drew in one more frame, as it lists it from its layout.
fn grid_texts(harness: &mut Harness<'_, Workshop>) -> Vec<rhythm::ui::legibility::DrawnText> {
    harness.step();
    let workshop = harness.state();
    workshop
        .typology
        .drawn(&harness.ctx, &workshop.session)
        .texts
}

#[test]
fn a_crowded_quadrant_numbers_what_finds_no_room_in_its_legend_and_stacks_the_rest() {
    use rhythm::ui::legibility::TextKind;
    // Forty tasks on one spot of a small grid: far more than its room.
    let tasks: Vec<Task> = (0..40)
        .map(|n| Task {
            id: Id(n + 1),
            name: format!("Weekly task number {n} of the content team"),
            grid: Some(GridPos::new(-0.5, 0.5)),
            ..Task::default()
        })
        .collect();
    let session = Session {
        tasks,
        next_id: 50,
        ..Session::default()
    };
    let mut harness = harness(session, Views::Typology, [620.0, 620.0]);
    let texts = grid_texts(&mut harness);
    let count = |kind: TextKind| texts.iter().filter(|t| t.kind == kind).count();
    let labels = count(TextKind::GridChip);
    let legend = count(TextKind::GridLegend);
    let stack = texts
        .iter()
        .find(|t| t.kind == TextKind::Stack)
        .cloned()
        .expect("the tasks that find no room at all are stacked");
    let stacked: usize = stack.text.trim_start_matches('+').parse().expect("+N");
    assert!(
        legend > 0,
        "the tasks without a label are named in the legend"
    );
    assert_eq!(
        labels + legend + stacked,
        40,
        "every task once: on a label, in the legend or in the stack"
    );
    // Each legend entry has its number on the grid and in the legend.
    assert_eq!(count(TextKind::GridMarker), 2 * legend);
    let floor = texts
        .iter()
        .filter(|t| matches!(t.kind, TextKind::GridChip | TextKind::GridLegend))
        .map(|t| t.size)
        .fold(f32::INFINITY, f32::min);
    assert!(
        floor >= 12.0 - 0.01,
        "names shrink no smaller than the floor: {floor}"
    );

    harness.get_by_label("Typology grid");
    crate::ui_workshop::click_at(&mut harness, stack.rect.center());
    let texts = grid_texts(&mut harness);
    let listed = texts
        .iter()
        .filter(|t| t.kind == TextKind::GridChip)
        .count();
    assert_eq!(listed, labels + stacked, "the open stack lists its tasks");
}
