//! The grid and the projector bar from the back of the room (issue 18.3,
//! 18.4): on a crowded workshop (`rhythm generate --crowded`: 16 tasks
//! named in 40–60 characters, 10 in the Orchestra quadrant) and on every
//! bundled example, Step 3 laid out as the app lays it out (`rhythm
//! layout`) at 1280×800 and 1920×1080 in projector mode and at 1920×1080
//! in normal mode: every task is named where its quadrant holds 10 tasks
//! or fewer, no text covers another (nor a quadrant's title or an
//! airlock's name), and in projector mode every text on the grid is at
//! least 24 px high. The projector bar keeps to one row at 1280×800 in
//! every step, with the room open and the timer running.

use std::net::SocketAddr;

use egui::Rect;
use egui_kittest::{Harness, kittest::Queryable as _};
use rhythm::app::PROJECTOR_MIN_TEXT_PX;
use rhythm::app::RhythmApp;
use rhythm::diagnostics::layout::{self, Options, Report};

use crate::legibility::{SETUPS, covering, examples, unreadable};
use rhythm::document::Document;
use rhythm::model::{Placement, Session};
use rhythm::ui::legibility::TextKind;
use rhythm::ui::steps::Step;

/// A quadrant holding this many tasks or fewer names every one of them.
const NAMED_UP_TO: usize = 10;

/// `rhythm generate --crowded`.
fn crowded() -> Session {
    rhythm::generate::workshop::generate(&rhythm::generate::workshop::Spec::crowded())
}

fn step3(size: [u32; 2], projector: bool) -> Options {
    Options {
        size,
        projector,
        step: Step::Typology,
        opened_at: None,
    }
}

/// The grid's texts that a person reads (the full forms shown on hover
/// are left out: they cover the grid on purpose).
fn grid_texts(report: &Report) -> impl Iterator<Item = &layout::Text> {
    report.texts.iter().filter(|t| {
        matches!(
            t.kind,
            TextKind::GridChip
                | TextKind::Tag
                | TextKind::Stack
                | TextKind::GridLabel
                | TextKind::Airlock
        )
    })
}

/// What is wrong with Step 3's layout of `session`, one line per problem.
fn problems(session: &Session, report: &Report, projector: bool) -> Vec<String> {
    let mut out = Vec::new();
    for q in rhythm::model::Quadrant::ALL {
        let tasks: Vec<_> = session
            .tasks
            .iter()
            .filter(|t| t.placement() == Some(Placement::Quadrant(q)))
            .collect();
        if tasks.len() > NAMED_UP_TO {
            continue;
        }
        for task in tasks {
            if !report.named.contains(&task.id) {
                out.push(format!(
                    "{:?} ({} tasks): {:?} is not named",
                    q,
                    session
                        .tasks
                        .iter()
                        .filter(|t| t.placement() == Some(Placement::Quadrant(q)))
                        .count(),
                    task.name
                ));
            }
        }
    }
    for text in grid_texts(report) {
        if projector && text.px < PROJECTOR_MIN_TEXT_PX - 0.05 {
            out.push(format!(
                "{:?} {:?} at {} px",
                text.kind, text.shown, text.px
            ));
        }
        out.extend(unreadable(text));
    }
    out.extend(covering(report));
    out
}

fn assert_legible(name: &str, session: &Session) {
    let mut failures = Vec::new();
    for (size, projector) in SETUPS {
        let mode = if projector { "projector" } else { "normal" };
        let report = layout::layout(session.clone(), step3(size, projector));
        assert!(
            report.texts.iter().any(|t| t.kind == TextKind::GridChip),
            "{name} {size:?} {mode}: task names are drawn on the grid"
        );
        for problem in problems(session, &report, projector) {
            failures.push(format!("{name} {size:?} {mode}: {problem}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn on_a_crowded_workshop_every_task_is_named_legibly_with_nothing_covered() {
    let session = crowded();
    let orchestra = session
        .tasks
        .iter()
        .filter(|t| t.placement() == Some(Placement::Quadrant(rhythm::model::Quadrant::Orchestra)))
        .count();
    assert_eq!(orchestra, 10, "the crowded board's Orchestra quadrant");
    assert_legible("generate --crowded", &session);
}

#[test]
fn on_every_example_every_task_is_named_legibly_with_nothing_covered() {
    for (name, session) in examples() {
        assert_legible(&name, &session);
    }
}

/// The projector bar's widgets in the room's view: the way out, the keys,
/// the live score, the four steps, the timer and the room.
fn bar_widgets(harness: &Harness<'_, RhythmApp>) -> Vec<(String, Rect)> {
    let mut out = Vec::new();
    let labels = ["✖", "?", "📊", "1", "2", "3", "4"]
        .into_iter()
        .chain(Step::ALL.map(Step::short_title));
    for label in labels {
        if let Some(node) = harness.query_by_label(label) {
            out.push((label.to_owned(), node.rect()));
        }
    }
    for part in ["⏱", "joined", "⏸", "+1", "↺"] {
        for node in harness.query_all_by_label_contains(part) {
            out.push((part.to_owned(), node.rect()));
        }
    }
    out
}

#[test]
fn the_projector_bar_is_one_row_at_1280_by_800_in_every_step_with_the_room_open() {
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(crate::window_clear::install)
        .build_eframe(|cc| RhythmApp::new(&cc.egui_ctx, Document::untitled(crowded()), None));
    harness.run();
    harness.key_press(egui::Key::F5);
    harness.run();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .open_room(&ctx, SocketAddr::from(([127, 0, 0, 1], 0)));
    // The join panel opens with the room; F4 folds it away, the bar's
    // indicator stays.
    harness.run();
    harness.key_press(egui::Key::F4);
    harness.run();
    // The timer runs (it repaints once a second: step, not run).
    harness.key_press(egui::Key::T);
    harness.run_steps(3);
    let width = harness.ctx.content_rect().width();
    for (key, step) in [
        (egui::Key::Num1, "1"),
        (egui::Key::Num2, "2"),
        (egui::Key::Num3, "3"),
        (egui::Key::Num4, "4"),
    ] {
        harness.key_press(key);
        harness.run_steps(4);
        let widgets = bar_widgets(&harness);
        let names: Vec<&str> = widgets.iter().map(|(n, _)| n.as_str()).collect();
        for wanted in ["✖", "⏱", "joined"] {
            assert!(
                names.contains(&wanted),
                "step {step}: {wanted:?} is in the bar: {names:?}"
            );
        }
        // One row: every widget crosses the same horizontal line, and
        // none reaches past the screen's right edge.
        let lowest_top = widgets
            .iter()
            .map(|(_, r)| r.min.y)
            .fold(f32::MIN, f32::max);
        let highest_bottom = widgets
            .iter()
            .map(|(_, r)| r.max.y)
            .fold(f32::MAX, f32::min);
        assert!(
            lowest_top < highest_bottom,
            "step {step}: the bar wraps onto a second row: {widgets:?}"
        );
        let right = widgets.iter().map(|(_, r)| r.max.x).fold(0.0, f32::max);
        assert!(
            right <= width,
            "step {step}: the bar reaches {right} past the screen's {width} points: {widgets:?}"
        );
    }
}
