//! The list of drawn texts that the legibility checks read (`rhythm
//! layout`, `RhythmApp::drawn`) is built after the frame from the board's
//! and the grid's layouts, not recorded while painting (issue 20). These
//! tests hold it to what the frame really painted: every listed text is
//! there in the frame's shapes, with the same text at the same place, on
//! the overview and close up, on the grid, and on the plates that hovering
//! opens. A listing that drifted from the painting would let the room's
//! checks pass on texts nobody sees.

use egui::{Pos2, Rect, Shape};
use egui_kittest::Harness;
use rhythm::app::RhythmApp;
use rhythm::document::Document;
use rhythm::model::Session;
use rhythm::ui::legibility::{Drawn, DrawnText, TextKind};
use rhythm::ui::steps::Step;

use crate::legibility::examples;

/// `rhythm generate --crowded`.
fn crowded() -> Session {
    rhythm::generate::workshop::generate(&rhythm::generate::workshop::Spec::crowded())
}

/// The app on `session` in a window of `size` points, settled.
fn window(
    session: Session,
    size: [f32; 2],
    projector: bool,
    step: Step,
) -> Harness<'static, RhythmApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(crate::window_clear::install)
        .build_eframe(move |cc| RhythmApp::new(&cc.egui_ctx, Document::untitled(session), None));
    let ctx = harness.ctx.clone();
    harness.state_mut().set_step(step);
    if projector {
        harness.state_mut().set_projector(&ctx, true);
    }
    harness.run();
    harness.state_mut().request_fit();
    harness.run();
    harness
}

/// One more frame, and what the app lists as drawn in it.
fn frame_and_listing(harness: &mut Harness<'_, RhythmApp>) -> Drawn {
    harness.run();
    let ctx = harness.ctx.clone();
    harness.state_mut().drawn(&ctx)
}

/// A text shape of the frame: what it says (without white space) and
/// where it is.
struct Painted {
    text: String,
    rect: Rect,
}

/// Every text the last frame painted, on every layer.
fn painted(harness: &Harness<'_, RhythmApp>) -> Vec<Painted> {
    fn walk(shape: &Shape, out: &mut Vec<Painted>) {
        match shape {
            Shape::Text(t) => {
                let text: String = t.galley.rows.iter().map(|r| r.row.text()).collect();
                out.push(Painted {
                    text: squeeze(&text),
                    rect: t.galley.rect.translate(t.pos.to_vec2()),
                });
            }
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// `s` without white space (line breaks differ between a wrapped galley
/// and a listed text).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `a` and `b` are the same rectangle, to half a point.
fn same_place(a: Rect, b: Rect) -> bool {
    (a.min - b.min).length() <= 0.5 && (a.max - b.max).length() <= 0.5
}

/// Whether `text` was painted: one text shape saying it where it is
/// listed, or (a name set on several lines) the lines inside its block,
/// filling it, saying it in order.
fn was_painted(text: &DrawnText, painted: &[Painted]) -> bool {
    let shown = squeeze(&text.shown);
    if painted
        .iter()
        .any(|p| p.text == shown && same_place(p.rect, text.rect))
    {
        return true;
    }
    let lines: Vec<&Painted> = painted
        .iter()
        .filter(|p| text.rect.expand(0.5).contains_rect(p.rect))
        .collect();
    let block = lines.iter().fold(Rect::NOTHING, |b, p| b.union(p.rect));
    let said: String = lines.iter().map(|p| p.text.as_str()).collect();
    lines.len() > 1 && same_place(block, text.rect) && said == shown
}

/// The listed texts the frame did not paint, as "kind 'text' at rect".
fn unpainted(drawn: &Drawn, painted: &[Painted]) -> Vec<String> {
    drawn
        .texts
        .iter()
        .filter(|t| !was_painted(t, painted))
        .map(|t| format!("{:?} {:?} at {:?}", t.kind, t.shown, t.rect))
        .collect()
}

/// How many listed texts are of `kind`.
fn count(drawn: &Drawn, kind: TextKind) -> usize {
    drawn.texts.iter().filter(|t| t.kind == kind).count()
}

/// The centre of the first listed text of `kind`.
fn centre_of(drawn: &Drawn, kind: TextKind) -> Option<Pos2> {
    drawn
        .texts
        .iter()
        .find(|t| t.kind == kind)
        .map(|t| t.rect.center())
}

#[test]
fn every_text_listed_on_the_board_and_the_grid_is_painted_where_it_is_listed() {
    let mut failures = Vec::new();
    let mut sessions = examples();
    sessions.push(("crowded".to_owned(), crowded()));
    for (name, session) in sessions {
        for (size, projector, step) in [
            ([1920.0, 1080.0], false, Step::Autopsy),
            ([1280.0, 800.0], true, Step::Autopsy),
            ([1280.0, 800.0], true, Step::Typology),
        ] {
            let mut harness = window(session.clone(), size, projector, step);
            let drawn = frame_and_listing(&mut harness);
            let on = format!("{name} {size:?} projector {projector} {step:?}");
            if drawn.texts.is_empty() {
                failures.push(format!("{on}: nothing listed"));
            }
            for miss in unpainted(&drawn, &painted(&harness)) {
                failures.push(format!("{on}: listed, not painted: {miss}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn close_up_the_listed_names_captions_labels_and_badges_are_painted() {
    let (_, session) = examples()
        .into_iter()
        .find(|(name, _)| name.contains("2026-Q1-after"))
        .expect("the Q1-after example");
    let mut harness = window(session, [1920.0, 1080.0], false, Step::Autopsy);
    // 100 %: every note shows its caption and text, flows their labels;
    // a little less: the labels' plates are smaller.
    let all = [
        TextKind::Tool,
        TextKind::Caption,
        TextKind::FlowLabel,
        TextKind::Badge,
    ];
    for (zoom, kinds) in [(1.0, &all[..]), (0.8, &all[2..3])] {
        let mut view = harness.state_mut().canvas_mut().view();
        view.zoom = zoom;
        harness.state_mut().canvas_mut().set_view(view);
        let drawn = frame_and_listing(&mut harness);
        for &kind in kinds {
            assert!(count(&drawn, kind) > 0, "no {kind:?} listed at {zoom}");
        }
        let missing = unpainted(&drawn, &painted(&harness));
        assert!(missing.is_empty(), "at {zoom}: {}", missing.join("\n"));
    }
}

#[test]
fn the_plates_hovering_opens_are_listed_as_painted_on_the_board_and_the_grid() {
    for (step, hovered) in [
        (Step::Autopsy, TextKind::Marker),
        (Step::Typology, TextKind::GridMarker),
    ] {
        let mut harness = window(crowded(), [1280.0, 800.0], true, step);
        let drawn = frame_and_listing(&mut harness);
        let at = centre_of(&drawn, hovered).expect("a numbered marker on the crowded board");
        harness.hover_at(at);
        harness.run();
        let drawn = frame_and_listing(&mut harness);
        assert!(
            count(&drawn, TextKind::Peek) > 0,
            "hovering a {hovered:?} in {step:?} opens a plate"
        );
        let missing = unpainted(&drawn, &painted(&harness));
        assert!(missing.is_empty(), "{step:?}: {}", missing.join("\n"));
    }
}
