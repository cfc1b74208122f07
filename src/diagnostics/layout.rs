//! `rhythm layout` (issue 13): the window laid out headlessly, exactly as
//! the app lays it out after "fit all", and every text the board and the
//! grid draw, as the room would see it. No window and no GPU: the app runs
//! in a bare egui context given a screen of the asked size, at the
//! projector's scale when asked, for enough passes for the panels to
//! settle; then the board and the grid list what the last pass drew, from
//! the layouts their paint functions draw ([`crate::ui::legibility`]).

use egui::{Pos2, Rect};

use crate::app::RhythmApp;
use crate::document::Document;
use crate::model::Session;
use crate::ui::legibility::{Drawn, Reveal, TextKind};
use crate::ui::steps::Step;

/// Passes run before reading what is drawn, at most (the panels settle in a few).
const MAX_PASSES: usize = 40;
/// Passes always run first: the scale changes, the panels size themselves,
/// the board fits itself.
const MIN_PASSES: usize = 6;

/// What to lay out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Window size, physical pixels (each ≥ 1).
    pub size: [u32; 2],
    /// In projector mode (its scale, legibility floor and chrome).
    pub projector: bool,
    /// The step shown.
    pub step: Step,
    /// The size the window opened at before it grew to `size` (physical
    /// pixels), as a window maximised after it opened does: its side
    /// panels keep the widths they took at the first size. `None`: the
    /// window opened at `size`.
    pub opened_at: Option<[u32; 2]>,
}

/// One text as drawn, in physical pixels.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Text {
    /// What it is.
    pub kind: TextKind,
    /// The full text.
    pub text: String,
    /// The text as drawn ("…" where cut, a marker for a folded label).
    pub shown: String,
    /// `[x0, y0, x1, y1]`, physical pixels from the window's top-left.
    pub rect: [f32; 4],
    /// The font's height, physical pixels.
    pub px: f32,
    /// How to read the full text when `shown` is less (`hover`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reveal: Option<Reveal>,
}

impl Text {
    /// The text's rectangle.
    pub fn rect(&self) -> Rect {
        let [x0, y0, x1, y1] = self.rect;
        Rect::from_min_max(Pos2::new(x0, y0), Pos2::new(x1, y1))
    }
}

/// A card or note as drawn, in physical pixels.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Card {
    /// `tool`, `task`, `pain` or `tasks` (the chip the task notes fold
    /// into when zoomed out).
    pub kind: TextKind,
    /// Its name or text in full.
    pub name: String,
    /// `[x0, y0, x1, y1]`, physical pixels from the window's top-left.
    pub rect: [f32; 4],
}

impl Card {
    /// The card's rectangle.
    pub fn rect(&self) -> Rect {
        let [x0, y0, x1, y1] = self.rect;
        Rect::from_min_max(Pos2::new(x0, y0), Pos2::new(x1, y1))
    }
}

/// A flow's arrow as drawn, in physical pixels.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FlowLine {
    /// Its label in full (empty for a designed flow without one).
    pub label: String,
    /// The names of the tools it goes from and to.
    pub tools: [String; 2],
    /// Its polyline, from its start to its tip: `[[x, y], …]`, physical
    /// pixels.
    pub line: Vec<[f32; 2]>,
}

/// The window as laid out.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Report {
    /// `[width, height]`, physical pixels.
    pub window: [u32; 2],
    /// Tools in the session.
    pub tools: usize,
    /// Tools whose whole card is inside the visible board (not under the
    /// step title or the minimap).
    pub tools_visible: usize,
    /// Tool names drawn in full (not cut, not left out).
    pub names_drawn: usize,
    /// Every text drawn on the board and the grid.
    pub texts: Vec<Text>,
    /// Every card and note drawn on the board (tool cards, task notes,
    /// pain notes, the task chip).
    pub cards: Vec<Card>,
    /// Every flow's arrow drawn on the board.
    pub flows: Vec<FlowLine>,
    /// The board's visible area, physical pixels (`None` when no board is
    /// shown).
    pub board: Option<[f32; 4]>,
    /// Tasks whose whole name the typology grid draws (issue 18.3): not
    /// shortened, not behind a "+N"; 0 when the grid is not shown.
    pub tasks_named: usize,
    /// Which tasks those are.
    #[serde(skip)]
    pub named: Vec<crate::model::Id>,
}

impl Report {
    /// As one line of JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|err| format!("{{\"error\":\"{err}\"}}"))
    }

    /// Pairs of texts whose boxes overlap (the full forms shown on hover
    /// are left out: they cover the board on purpose), by index, with a
    /// tolerance of `slack` pixels.
    pub fn overlapping_pairs(&self, slack: f32) -> Vec<(usize, usize)> {
        let boxes: Vec<(usize, Rect)> = self
            .texts
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind != TextKind::Peek)
            .map(|(i, t)| (i, t.rect().shrink(slack)))
            .collect();
        let mut pairs = Vec::new();
        for (n, (i, a)) in boxes.iter().enumerate() {
            for (j, b) in boxes.iter().skip(n + 1) {
                if crate::geometry::spots::overlaps(*a, *b) {
                    pairs.push((*i, *j));
                }
            }
        }
        pairs
    }
}

fn to_pixels(rect: Rect, ppp: f32) -> [f32; 4] {
    let r = |v: f32| (v * ppp * 10.0).round() / 10.0;
    [r(rect.min.x), r(rect.min.y), r(rect.max.x), r(rect.max.y)]
}

/// Lay out `session` as the app would after "fit all" and report what is
/// drawn.
pub fn layout(session: Session, options: Options) -> Report {
    layout_hovering(session, options, &[])
        .into_iter()
        .next()
        .unwrap_or_else(|| report(&Drawn::default(), 0, options.size, 1.0))
}

/// Like [`layout`], then once more with the pointer resting on each of
/// `points` (physical pixels), to see what hovering shows: the report
/// without hovering first, then one per point.
pub fn layout_hovering(session: Session, options: Options, points: &[Pos2]) -> Vec<Report> {
    let tools = session.tools.len();
    let mut window = Headless::new(session, options);
    let mut out = vec![window.record(tools)];
    for at in points {
        let ppp = window.ctx.pixels_per_point();
        let at = Pos2::new(at.x / ppp, at.y / ppp);
        window.pass(vec![egui::Event::PointerMoved(at)]);
        window.pass(Vec::new());
        out.push(window.record(tools));
    }
    out
}

/// The app in a bare egui context, driven pass by pass.
struct Headless {
    ctx: egui::Context,
    app: RhythmApp,
    size: [u32; 2],
    time: f64,
    first: bool,
}

impl Headless {
    /// The app on `session`, settled and fitted.
    fn new(session: Session, options: Options) -> Self {
        let ctx = egui::Context::default();
        let mut app = RhythmApp::new(&ctx, Document::untitled(session), None);
        app.set_step(options.step);
        if options.projector {
            app.set_projector(&ctx, true);
        }
        let mut window = Self {
            ctx,
            app,
            size: options.opened_at.unwrap_or(options.size),
            time: 0.0,
            first: true,
        };
        window.settle(MIN_PASSES);
        if options.opened_at.is_some() {
            window.size = options.size;
            window.first = true;
            window.settle(MIN_PASSES);
        }
        // "Fit all", as F or the toolbar would ask, once the panels have
        // their sizes.
        window.app.request_fit();
        window.settle(2);
        window
    }

    /// Run passes until the app asks for no more (at least `min`).
    fn settle(&mut self, min: usize) {
        for n in 0..MAX_PASSES {
            if self.pass(Vec::new()) && n >= min {
                break;
            }
        }
    }

    /// One pass with `events`; true when the app then asks for no
    /// repaint.
    fn pass(&mut self, events: Vec<egui::Event>) -> bool {
        self.time += 1.0 / 60.0;
        let mut input = egui::RawInput {
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        if self.first {
            // In points at the native scale (1); egui rescales it when the
            // app sets the projector's zoom, as a window does.
            let [w, h] = self.size.map(|v| v.max(1) as f32);
            input.screen_rect = Some(Rect::from_min_size(Pos2::ZERO, egui::vec2(w, h)));
            if let Some(v) = input.viewports.get_mut(&egui::ViewportId::ROOT) {
                v.native_pixels_per_point = Some(1.0);
            }
            self.first = false;
        }
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.run_frame(ui));
        let idle = output
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .is_none_or(|v| v.repaint_delay == std::time::Duration::MAX);
        output.drop_without_applying_deltas();
        idle
    }

    /// One more pass, then what it drew, from the views' layouts.
    fn record(&mut self, tools: usize) -> Report {
        self.pass(Vec::new());
        let drawn = self.app.drawn(&self.ctx);
        let mut out = report(&drawn, tools, self.size, self.ctx.pixels_per_point());
        if let Some(named) = self.app.tasks_named_on_grid() {
            out.named = named.to_vec();
            out.tasks_named = out.named.len();
        }
        out
    }
}

fn report(drawn: &Drawn, tools: usize, window: [u32; 2], ppp: f32) -> Report {
    let visible = |rect: Rect| {
        drawn
            .board
            .is_some_and(|b| b.expand(0.5).contains_rect(rect))
            && !drawn
                .covered
                .iter()
                .any(|c| crate::geometry::spots::overlaps(*c, rect))
    };
    let tools_visible = drawn
        .cards
        .iter()
        .filter(|c| c.kind == TextKind::Tool && visible(c.rect))
        .count();
    let px = |p: Pos2| {
        let r = |v: f32| (v * ppp * 10.0).round() / 10.0;
        [r(p.x), r(p.y)]
    };
    let cards = drawn
        .cards
        .iter()
        .map(|c| Card {
            kind: c.kind,
            name: c.name.clone(),
            rect: to_pixels(c.rect, ppp),
        })
        .collect();
    let flows = drawn
        .flows
        .iter()
        .map(|f| FlowLine {
            label: f.label.clone(),
            tools: f.tools.clone(),
            line: f.line.iter().map(|p| px(*p)).collect(),
        })
        .collect();
    let texts: Vec<Text> = drawn
        .texts
        .iter()
        .map(|t| Text {
            kind: t.kind,
            text: t.text.clone(),
            shown: t.shown.clone(),
            rect: to_pixels(t.rect, ppp),
            px: (t.size * ppp * 10.0).round() / 10.0,
            reveal: t.reveal,
        })
        .collect();
    let names_drawn = texts
        .iter()
        .filter(|t| t.kind == TextKind::Tool && t.shown == t.text)
        .count();
    Report {
        window,
        tools,
        tools_visible: tools_visible.min(tools),
        names_drawn,
        texts,
        cards,
        flows,
        board: drawn.board.map(|b| to_pixels(b, ppp)),
        tasks_named: 0,
        named: Vec::new(),
    }
}
