//! Unit tests of the board's layout cache and text cache.

use std::sync::Arc;

use egui::{FontId, Pos2, Rect, Vec2, pos2, vec2};

use super::hit::{self, Hit};
use super::text_cache::{Probe, TextCache, TextKey};
use super::{CanvasState, Gesture, View};
use crate::model::{
    Attachment, BoardPos, Flow, FlowKind, Id, NoteRef, PainCategory, PainPoint, Session, Tool,
};
use crate::ui::theme;

fn board() -> Session {
    let tool = |id, x| Tool {
        id: Id(id),
        name: format!("Tool {id}"),
        pos: BoardPos::new(x, 0.0),
        author: None,
    };
    Session {
        tools: vec![tool(1, 0.0), tool(2, 400.0)],
        flows: vec![Flow {
            id: Id(3),
            from: Id(1),
            to: Id(2),
            label: "files".to_owned(),
            kind: FlowKind::Designed,
            share: None,
        }],
        pain_points: vec![PainPoint {
            id: Id(4),
            text: "slow".to_owned(),
            category: PainCategory::Jam,
            hours_per_week: Some(2.0),
            attached: Attachment::Tool(Id(2)),
            pos: BoardPos::default(),
            author: None,
            reassess: false,
        }],
        next_id: 5,
        ..Session::default()
    }
}

/// Run `f` inside a frame of a fresh context (fonts are ready then).
fn with_fonts<R>(f: impl FnOnce(&egui::Context) -> R) -> R {
    let ctx = egui::Context::default();
    let mut f = Some(f);
    let mut out = None;
    ctx.run_ui(egui::RawInput::default(), |ui| {
        if let Some(f) = f.take() {
            out = Some(f(ui.ctx()));
        }
    })
    .drop_without_applying_deltas();
    out.expect("ran once")
}

#[test]
fn the_cached_layout_follows_the_session_and_hits_what_is_drawn_there() {
    with_fonts(cached_layout_follows_the_session);
}

fn cached_layout_follows_the_session(ctx: &egui::Context) {
    let mut state = CanvasState::default();
    let mut session = board();
    let first = state.layout_for(ctx, &session, 1);
    assert!(
        Arc::ptr_eq(&first, &state.layout_for(ctx, &session, 1)),
        "reused"
    );

    if let Some(t) = session.tools.get_mut(1) {
        t.pos = BoardPos::new(1000.0, 500.0);
    }
    let layout = state.layout_for(ctx, &session, 2);
    assert!(!Arc::ptr_eq(&first, &layout), "rebuilt after a move");
    let canvas = Rect::from_min_size(Pos2::ZERO, vec2(2000.0, 1000.0));
    let view = View {
        pan: Vec2::ZERO,
        zoom: 1.0,
    };
    // The moved card, and its attached pain note stacked under it.
    let at = view.screen_from_board(canvas, pos2(1080.0, 550.0));
    assert_eq!(
        hit::hit(&layout, &view, canvas, at, None),
        Some(Hit::Note(NoteRef::Tool(Id(2))))
    );
    assert_eq!(
        layout.rect_of(NoteRef::Pain(Id(4))).map(|r| r.min),
        Some(pos2(1004.0, 610.0))
    );
    // Nothing is left where it was.
    let old = view.screen_from_board(canvas, pos2(480.0, 50.0));
    assert_eq!(hit::hit(&layout, &view, canvas, old, None), None);
}

#[test]
fn a_dragged_layout_is_offset_and_never_cached() {
    with_fonts(dragged_layout_is_offset);
}

fn dragged_layout_is_offset(ctx: &egui::Context) {
    let mut state = CanvasState::default();
    let session = board();
    let base = state.layout_for(ctx, &session, 1);
    state.gesture = Some(Gesture::Move {
        moving: vec![NoteRef::Tool(Id(1))],
        delta: vec2(10.0, 20.0),
    });
    let dragged = state.layout_for(ctx, &session, 1);
    assert!(
        !state
            .layout
            .as_ref()
            .is_some_and(|(_, l)| Arc::ptr_eq(l, &dragged)),
        "a dragged layout is not cached"
    );
    assert_eq!(
        dragged.tool_rect(Id(1)).map(|r| r.min),
        Some(pos2(10.0, 20.0))
    );
    assert_eq!(dragged.tool_rect(Id(2)), base.tool_rect(Id(2)));
    assert!(
        state
            .layout
            .as_ref()
            .is_some_and(|(_, l)| Arc::ptr_eq(l, &base))
    );
}

#[test]
fn cached_texts_are_laid_out_again_only_when_text_size_or_width_change() {
    let ctx = egui::Context::default();
    let mut texts = TextCache::default();
    let mut layouts = 0;
    let output = ctx.run_ui(egui::RawInput::default(), |ui| {
        let painter = ui.painter().clone();
        let mut lay = |texts: &mut TextCache, text: &str, size: f32, width: f32| {
            texts.galley(
                TextKey::FlowLabel(Id(1)),
                Probe::Text(text),
                size,
                width,
                || {
                    layouts += 1;
                    painter.layout(
                        text.to_owned(),
                        FontId::proportional(size),
                        theme::INK,
                        width,
                    )
                },
            )
        };
        texts.begin_frame(&painter);
        let a = lay(&mut texts, "Asana", 20.0, 100.0);
        let b = lay(&mut texts, "Asana", 20.0, 100.004);
        assert!(Arc::ptr_eq(&a, &b));
        lay(&mut texts, "Asana", 22.0, 100.0);
        lay(&mut texts, "Slack", 22.0, 100.0);
        lay(&mut texts, "Slack", 22.0, 60.0);
    });
    output.drop_without_applying_deltas();
    assert_eq!(layouts, 4);
}

#[test]
fn new_fonts_drop_every_cached_text() {
    let ctx = egui::Context::default();
    let mut texts = TextCache::default();
    let frame = |texts: &mut TextCache| {
        let mut cached = 0;
        ctx.run_ui(egui::RawInput::default(), |ui| {
            let painter = ui.painter().clone();
            texts.begin_frame(&painter);
            cached = texts.len();
            texts.wrapped(&painter, TextKey::FlowLabel(Id(1)), "Asana", 20.0, 100.0);
        })
        .drop_without_applying_deltas();
        cached
    };
    assert_eq!(frame(&mut texts), 0);
    assert_eq!(frame(&mut texts), 1, "kept from frame to frame");
    theme::install(&ctx); // other font definitions
    assert_eq!(frame(&mut texts), 0, "galleys into the old atlas are gone");
}

/// Rectangles of `layout` that overlap each other: notes, labels, badges.
fn overlapping(layout: &crate::geometry::Geometry) -> Vec<(Rect, Rect)> {
    let mut rects: Vec<Rect> = layout.notes.iter().map(|p| p.rect).collect();
    rects.extend(
        layout
            .flows
            .iter()
            .flat_map(|f| f.label.into_iter().chain(f.badge)),
    );
    rects.extend(layout.tool_badges.values().copied());
    let mut out = Vec::new();
    for (i, a) in rects.iter().enumerate() {
        for b in rects.iter().skip(i + 1) {
            if crate::geometry::spots::overlaps(*a, *b) {
                out.push((*a, *b));
            }
        }
    }
    out
}

#[test]
fn pain_notes_labels_and_badges_are_laid_out_where_they_cover_nothing() {
    with_fonts(|ctx| {
        let mut session = board();
        // Six more pain notes on the second tool and two on the flow, all
        // with hours (badges), long texts (taller notes).
        for k in 0..8 {
            session.pain_points.push(PainPoint {
                id: Id(10 + k),
                text: "Copying the same numbers by hand between two tools every week".to_owned(),
                category: PainCategory::Orchestra,
                hours_per_week: Some(1.5),
                attached: if k < 6 {
                    Attachment::Tool(Id(2))
                } else {
                    Attachment::Flow(Id(3))
                },
                pos: BoardPos::default(),
                author: None,
                reassess: false,
            });
        }
        session.next_id = 20;
        let mut state = CanvasState::default();
        let layout = state.layout_for(ctx, &session, 1);
        assert_eq!(layout.crowded, 0, "everything found a free place");
        assert_eq!(overlapping(&layout), Vec::new());
        // A long pain text grows its note rather than being cut.
        let tall = layout
            .rect_of(NoteRef::Pain(Id(10)))
            .expect("placed")
            .height();
        assert!(tall > crate::geometry::ATTACHED_PAIN_SIZE[1], "{tall}");
    });
}

#[test]
fn zoomed_out_cards_keep_legible_names_and_never_overlap() {
    with_fonts(|ctx| {
        let session = board();
        let mut state = CanvasState::default();
        let layout = state.layout_for(ctx, &session, 1);
        let legibility = super::Legibility::projector(24.0, 1.75);
        let zoom = 0.3;
        assert!(!legibility.is_detail(zoom));
        let overview = super::overview::Overview::of(
            ctx,
            &session,
            &layout,
            zoom,
            legibility,
            0,
            None,
            super::naming::Ask::Most,
        );
        let cards: Vec<_> = overview.notes.iter().flatten().collect();
        assert_eq!(cards.len(), 2, "the attached pain note is folded");
        for card in &cards {
            let name = card.name.as_ref().expect("a name");
            assert!(name.size * 1.75 >= 24.0 - 0.01, "{} px", name.size * 1.75);
            let text = name
                .galley
                .rect
                .translate(card.rect.min.to_vec2() + name.at);
            assert!(
                card.rect.expand(0.5).contains_rect(text),
                "the name is inside its card"
            );
        }
        let [a, b] = [cards[0].rect, cards[1].rect];
        assert!(!crate::geometry::spots::overlaps(a, b));
        let summary = cards[1]
            .summary
            .as_ref()
            .expect("its pain point is summarised");
        assert_eq!(summary.full, "1 pain point · 2 h/wk");
    });
}

#[test]
#[ignore = "scratch"]
fn scratch_crowded_overview() {
    use crate::diagnostics::layout::{Options, layout};
    let crowded = crate::generate::workshop::generate(&crate::generate::workshop::Spec::crowded());
    let big = crate::generate::workshop::session(60, 120, 150, 1);
    let which = std::env::var("SCRATCH").unwrap_or_default();
    let tidied = {
        let ctx = egui::Context::default();
        crate::ui::theme::install(&ctx);
        let mut tidied = crowded.clone();
        let mut edit = None;
        ctx.run_ui(egui::RawInput::default(), |ui| {
            edit = CanvasState::default().tidy_edit(ui.ctx(), &crowded);
        })
        .drop_without_applying_deltas();
        crate::model::apply(&mut tidied, edit.expect("moves")).expect("tidies");
        tidied
    };
    for (name, session) in [("crowded", crowded), ("tidied", tidied), ("big", big)] {
        if !which.is_empty() && which != name {
            continue;
        }
        for (size, projector) in [
            ([1280, 800], true),
            ([1920, 1080], true),
            ([1920, 1080], false),
        ] {
            let t = std::time::Instant::now();
            let r = layout(
                session.clone(),
                Options {
                    size,
                    projector,
                    step: crate::ui::steps::Step::Autopsy,
                    opened_at: None,
                },
            );
            if r.tools_visible != r.tools {
                eprintln!("  board {:?}", r.board);
                for c in r
                    .cards
                    .iter()
                    .filter(|c| c.kind == crate::ui::legibility::TextKind::Tool)
                {
                    let [x0, y0, x1, y1] = c.rect;
                    let b = r.board.unwrap_or_default();
                    if x0 < b[0] || y0 < b[1] || x1 > b[2] || y1 > b[3] {
                        eprintln!("  out: {} {:?}", c.name, c.rect);
                    }
                }
            }
            let tools: Vec<_> = r
                .texts
                .iter()
                .filter(|t| t.kind == crate::ui::legibility::TextKind::Tool)
                .collect();
            let mut kinds = std::collections::BTreeMap::new();
            for t in &r.texts {
                *kinds.entry(format!("{:?}", t.kind)).or_insert(0) += 1;
            }
            eprintln!(
                "{name} {size:?} {projector}: visible {}/{} names {}/{} overlaps {} {kinds:?} in {:?}",
                r.tools_visible,
                r.tools,
                r.names_drawn,
                tools.len(),
                r.overlapping_pairs(0.5).len(),
                t.elapsed()
            );
        }
    }
}
