//! Readable from the back of the room (issue 13): every bundled example,
//! laid out as the app lays it out after "fit all" (`rhythm layout`), in
//! projector mode at 1280×800 and 1920×1080 and in normal mode at
//! 1920×1080. Every tool is in view, tool names are at least 24 px in
//! projector mode, no two texts cover each other, and every shortened or
//! folded text shows in full when hovered.

use std::path::{Path, PathBuf};

use egui::Pos2;
use rhythm::app::PROJECTOR_MIN_TEXT_PX;
use rhythm::app::layout_check::{self, Options, Report};
use rhythm::model::Session;
use rhythm::ui::legibility::TextKind;
use rhythm::ui::steps::Step;

/// Window sizes and modes checked, as the issue lists them.
const SETUPS: [([u32; 2], bool); 3] = [
    ([1280, 800], true),
    ([1920, 1080], true),
    ([1920, 1080], false),
];

fn examples() -> Vec<(String, Session)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("sessions folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 4, "the bundled examples: {paths:?}");
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            let session = rhythm::store::load(&p).expect("example loads");
            (name.unwrap_or_default(), session)
        })
        .collect()
}

fn options(size: [u32; 2], projector: bool, step: Step) -> Options {
    Options {
        size,
        projector,
        step,
        opened_at: None,
    }
}

/// What is wrong with a layout, one line per problem.
fn problems(report: &Report, projector: bool) -> Vec<String> {
    let mut out = Vec::new();
    if report.board.is_some() && report.tools_visible != report.tools {
        out.push(format!(
            "{} of {} tools in view",
            report.tools_visible, report.tools
        ));
    }
    for text in &report.texts {
        if projector && text.kind == TextKind::Tool && text.px < PROJECTOR_MIN_TEXT_PX - 0.05 {
            out.push(format!("tool name {:?} at {} px", text.text, text.px));
        }
        if text.shown != text.text && text.reveal.is_none() {
            out.push(format!(
                "{:?} shown as {:?} with no way to read it",
                text.text, text.shown
            ));
        }
    }
    for (i, j) in report.overlapping_pairs(0.5) {
        let (a, b) = (&report.texts[i], &report.texts[j]);
        out.push(format!(
            "{:?} {:?} covers {:?} {:?}",
            a.kind, a.shown, b.kind, b.shown
        ));
    }
    out
}

#[test]
fn every_example_fits_with_legible_names_and_no_text_covering_another() {
    let mut failures = Vec::new();
    for (name, session) in examples() {
        for (size, projector) in SETUPS {
            let mode = if projector { "projector" } else { "normal" };
            let report =
                layout_check::layout(session.clone(), options(size, projector, Step::Autopsy));
            assert!(report.board.is_some(), "{name}: the board is shown");
            assert!(
                report.texts.iter().any(|t| t.kind == TextKind::Tool),
                "{name}: tool names are drawn"
            );
            for problem in problems(&report, projector) {
                failures.push(format!("{name} {size:?} {mode}: {problem}"));
            }
        }
        // The typology grid fills the projector's view in Step 3.
        for size in [[1280, 800], [1920, 1080]] {
            let report = layout_check::layout(session.clone(), options(size, true, Step::Typology));
            assert!(
                report.texts.iter().any(|t| t.kind == TextKind::GridChip),
                "{name}: chips are drawn on the grid"
            );
            for problem in problems(&report, true) {
                failures.push(format!("{name} {size:?} projector, Step 3: {problem}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The centre of a text's box.
/// A facilitator's laptop opens the window at its default size and the
/// window manager then maximises it (Rhythm asks it to): the side panels
/// keep the widths they took at the small size and the board gets the
/// rest. "Fit all" must still show the whole map with nothing covered.
#[test]
fn a_window_maximised_after_it_opened_still_fits_the_whole_map() {
    for (name, session) in examples() {
        let report = layout_check::layout(
            session,
            Options {
                opened_at: Some([1600, 900]),
                ..options([1920, 1056], false, Step::Autopsy)
            },
        );
        let board = report.board.expect("the board is drawn");
        let mut wrong = problems(&report, false);
        for text in &report.texts {
            let [x0, y0, x1, y1] = text.rect;
            let on_board = matches!(
                text.kind,
                TextKind::Tool | TextKind::Pain | TextKind::FlowLabel | TextKind::Badge
            );
            if on_board
                && (x0 < board[0] - 0.5
                    || y0 < board[1] - 0.5
                    || x1 > board[2] + 0.5
                    || y1 > board[3] + 0.5)
            {
                wrong.push(format!(
                    "{:?} {:?} at {:?} is cut by the board's edge {board:?}",
                    text.kind, text.shown, text.rect
                ));
            }
        }
        assert!(
            wrong.is_empty(),
            "{name}, opened at 1600×900, maximised to 1920×1056:\n{}",
            wrong.join("\n")
        );
    }
}

/// On a laptop's 1280×800 screen in normal mode the grid is small: an
/// airlock's name takes a free spot along its arrow, at a smaller font if
/// need be, rather than covering a quadrant's title or an axis's pole.
#[test]
fn on_a_small_grid_airlock_names_keep_clear_of_the_quadrant_titles() {
    for (name, session) in examples() {
        let in_session = session.airlocks.len();
        let report = layout_check::layout(session, options([1280, 800], false, Step::Autopsy));
        let drawn = report
            .texts
            .iter()
            .filter(|t| t.kind == TextKind::Airlock)
            .count();
        assert_eq!(drawn, in_session, "{name}: every airlock's name is drawn");
        let covering: Vec<String> = report
            .overlapping_pairs(0.5)
            .into_iter()
            .map(|(i, j)| (&report.texts[i], &report.texts[j]))
            .filter(|(a, b)| {
                let kinds = [a.kind, b.kind];
                kinds.contains(&TextKind::Airlock) && kinds.contains(&TextKind::GridLabel)
            })
            .map(|(a, b)| format!("{:?} covers {:?}", a.shown, b.shown))
            .collect();
        assert!(covering.is_empty(), "{name} at 1280×800: {covering:?}");
    }
}

fn centre(rect: [f32; 4]) -> Pos2 {
    Pos2::new((rect[0] + rect[2]) / 2.0, (rect[1] + rect[3]) / 2.0)
}

#[test]
fn every_shortened_or_folded_text_shows_in_full_when_hovered() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, session) in examples() {
        for (size, projector, step) in [
            ([1280, 800], true, Step::Autopsy),
            ([1920, 1080], false, Step::Autopsy),
            ([1280, 800], true, Step::Typology),
        ] {
            let first = layout_check::layout(session.clone(), options(size, projector, step));
            let short: Vec<_> = first
                .texts
                .iter()
                .filter(|t| t.shown != t.text && t.kind != TextKind::Peek)
                .cloned()
                .collect();
            let points: Vec<Pos2> = short.iter().map(|t| centre(t.rect)).collect();
            let hovered = layout_check::layout_hovering(
                session.clone(),
                options(size, projector, step),
                &points,
            );
            for (text, report) in short.iter().zip(hovered.iter().skip(1)) {
                checked += 1;
                let shown = report
                    .texts
                    .iter()
                    .any(|t| t.kind == TextKind::Peek && t.text == text.text && t.px >= text.px);
                if !shown {
                    failures.push(format!(
                        "{name} {size:?} {step:?}: hovering {:?} ({:?}) does not show {:?}",
                        text.shown, text.kind, text.text
                    ));
                }
            }
        }
    }
    assert!(checked > 0, "some texts are shortened at these sizes");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_crowded_workshop_still_shows_every_tool_and_reports_what_it_reaches() {
    // 60 tools, 120 flows, 150 pain points: far beyond a real workshop
    // wall. It need not reach zero overlaps; its figures are printed
    // (`cargo test legibility -- --nocapture`) for the README.
    let session = rhythm::generate::workshop::session(60, 120, 150, 1);
    for (size, projector) in SETUPS {
        let report = layout_check::layout(session.clone(), options(size, projector, Step::Autopsy));
        let tool_px = report
            .texts
            .iter()
            .filter(|t| t.kind == TextKind::Tool)
            .map(|t| t.px)
            .fold(f32::INFINITY, f32::min);
        let named = report
            .texts
            .iter()
            .filter(|t| t.kind == TextKind::Tool)
            .count();
        let overlaps = report.overlapping_pairs(0.5).len();
        let shortened = report.texts.iter().filter(|t| t.shown != t.text).count();
        println!(
            "60/120/150 at {size:?} projector={projector}: {}/{} tools in view, {named} names drawn \
             (smallest {tool_px:.1} px), {} texts, {overlaps} overlapping pairs, {shortened} shortened",
            report.tools_visible,
            report.tools,
            report.texts.len()
        );
        assert_eq!(
            report.tools_visible, report.tools,
            "fit all shows every tool"
        );
    }
}
