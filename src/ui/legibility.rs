//! What the room can read (issue 13): every text the board and the grid
//! draw, recorded where it is painted when a check asks for it
//! (`rhythm layout`), and nothing at all otherwise.
//!
//! A view asks [`Recorder::active`] once per frame; it is `None` unless
//! [`start`] was called on the context, so a normal frame pays one lookup.
//! Rectangles and sizes are in egui points; the check converts them to
//! physical pixels.

use std::sync::{Arc, Mutex};

use egui::{Context, Rect};

/// What a drawn text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextKind {
    /// A tool card's name.
    Tool,
    /// A tool card's summary of its folded pain points ("3 pain points ·
    /// 5 h/wk").
    Summary,
    /// A flow's label (what passes), in full or shortened.
    FlowLabel,
    /// A flow's marker on its arrow: a shadow flow's ⚠ with its share, or
    /// a number ("⚠ 3", "5") explained in the legend.
    Marker,
    /// A numbered flow's label in full in the legend along the board's
    /// edge ("3  ⚠ SHADOW 40 % · task updates").
    Legend,
    /// An hours badge ("1.5 h/wk"), on a tool or a flow.
    Badge,
    /// A pain note's text.
    Pain,
    /// A note's caption ("TASK · Orchestra", "■ ORCHESTRA PAIN").
    Caption,
    /// A task note's name on the board.
    Task,
    /// The chip the task notes fold into when zoomed out ("16 tasks ·
    /// step 3").
    Tasks,
    /// The step title over the board.
    Title,
    /// A task chip's name on the typology grid.
    GridChip,
    /// A chip's automation tag (O / A / hybrid).
    Tag,
    /// The "+3" of a crowded quadrant's stacked chips.
    Stack,
    /// A quadrant's title, axes or an axis pole on the grid.
    GridLabel,
    /// An airlock's name on the grid.
    Airlock,
    /// The number of a task on the grid whose name is in the grid's
    /// legend (on its marker, and beside its name in the legend).
    GridMarker,
    /// A task's whole name in the grid's legend, beside its number.
    GridLegend,
    /// A dot-vote total on a note.
    Vote,
    /// The full form of a shortened or folded text, shown large on hover
    /// or selection (drawn over everything on purpose).
    Peek,
}

/// How the full text of a shortened one can be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reveal {
    /// Hovering it shows the full text large ([`TextKind::Peek`]); so does
    /// selecting it.
    Hover,
}

/// One text as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnText {
    /// What it is.
    pub kind: TextKind,
    /// The full text.
    pub text: String,
    /// The text as drawn (ends in "…" when cut; a marker for a folded
    /// label).
    pub shown: String,
    /// Where it is drawn, points.
    pub rect: Rect,
    /// Font size, points.
    pub size: f32,
    /// How the full text is read when `shown` is not all of it.
    pub reveal: Option<Reveal>,
}

/// A card or note as drawn, for "is every tool in view" and "no blank
/// task notes".
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnCard {
    /// What it is: [`TextKind::Tool`], [`TextKind::Task`],
    /// [`TextKind::Pain`] or [`TextKind::Tasks`] (the task chip).
    pub kind: TextKind,
    /// Its name or text in full.
    pub name: String,
    /// The card's rectangle, points.
    pub rect: Rect,
}

/// A flow's arrow as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnFlow {
    /// Its label in full (empty for a designed flow without one).
    pub label: String,
    /// The names of the tools it goes from and to.
    pub tools: [String; 2],
    /// The arrow's line, from its start to its tip, points.
    pub line: [egui::Pos2; 2],
}

/// Everything recorded during one frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recording {
    /// Texts in the order drawn.
    pub texts: Vec<DrawnText>,
    /// Cards and notes drawn (or skipped as off screen: then not
    /// listed).
    pub cards: Vec<DrawnCard>,
    /// Flow arrows drawn.
    pub flows: Vec<DrawnFlow>,
    /// The board's canvas, points.
    pub board: Option<Rect>,
    /// Parts of the board covered by something else (the step title's
    /// plate, the minimap), points.
    pub covered: Vec<Rect>,
}

/// A handle on the recording of the current frame.
#[derive(Clone, Debug)]
pub struct Recorder(Arc<Mutex<Recording>>);

#[cfg(feature = "diagnostics")]
fn key() -> egui::Id {
    egui::Id::unique("rhythm legibility recorder")
}

/// Start recording what is drawn on `ctx` (until [`stop`]). Only with the
/// `diagnostics` feature: without it nothing can start a recording, and
/// every paint function's [`Recorder::active`] is `None` at compile time.
#[cfg(feature = "diagnostics")]
pub fn start(ctx: &Context) {
    let recorder = Recorder(Arc::new(Mutex::new(Recording::default())));
    ctx.data_mut(|d| d.insert_temp(key(), recorder));
}

/// Forget what was recorded so far (call before the frame to record).
#[cfg(feature = "diagnostics")]
pub fn clear(ctx: &Context) {
    if let Some(recorder) = Recorder::active(ctx)
        && let Ok(mut recording) = recorder.0.lock()
    {
        *recording = Recording::default();
    }
}

/// Stop recording and return what was recorded.
#[cfg(feature = "diagnostics")]
pub fn stop(ctx: &Context) -> Recording {
    let recorder = Recorder::active(ctx);
    ctx.data_mut(|d| d.remove::<Recorder>(key()));
    recorder
        .and_then(|r| r.0.lock().ok().map(|g| g.clone()))
        .unwrap_or_default()
}

impl Recorder {
    /// The recorder, when a check is recording this context.
    pub fn active(ctx: &Context) -> Option<Self> {
        #[cfg(feature = "diagnostics")]
        return ctx.data(|d| d.get_temp::<Self>(key()));
        #[cfg(not(feature = "diagnostics"))]
        {
            let _ = ctx;
            None
        }
    }

    fn with(&self, f: impl FnOnce(&mut Recording)) {
        if let Ok(mut recording) = self.0.lock() {
            f(&mut recording);
        }
    }

    /// Record a text drawn in full.
    pub fn text(&self, kind: TextKind, text: &str, rect: Rect, size: f32) {
        self.with(|r| {
            r.texts.push(DrawnText {
                kind,
                text: text.to_owned(),
                shown: text.to_owned(),
                rect,
                size,
                reveal: None,
            });
        });
    }

    /// Record a text drawn as `shown`, whose full form is `text`.
    pub fn shortened(
        &self,
        kind: TextKind,
        text: &str,
        shown: &str,
        rect: Rect,
        size: f32,
        reveal: Reveal,
    ) {
        self.with(|r| {
            r.texts.push(DrawnText {
                kind,
                text: text.to_owned(),
                shown: shown.to_owned(),
                rect,
                size,
                reveal: (text != shown).then_some(reveal),
            });
        });
    }

    /// Record a galley as drawn at `pos`: its text, shown, and whether it
    /// was elided (its text is then shortened with a hover reveal).
    pub fn galley(
        &self,
        kind: TextKind,
        full: &str,
        galley: &egui::Galley,
        pos: egui::Pos2,
        size: f32,
    ) {
        let rect = galley.rect.translate(pos.to_vec2());
        let shown = if galley.elided {
            let rows: Vec<String> = galley
                .rows
                .iter()
                .map(|r| r.row.text().trim().to_owned())
                .collect();
            rows.join(" ")
        } else {
            galley.text().to_owned()
        };
        if shown == full {
            self.text(kind, full, rect, size);
        } else {
            self.shortened(kind, full, &shown, rect, size, Reveal::Hover);
        }
    }

    /// Record a card or note.
    pub fn card(&self, kind: TextKind, name: &str, rect: Rect) {
        self.with(|r| {
            r.cards.push(DrawnCard {
                kind,
                name: name.to_owned(),
                rect,
            });
        });
    }

    /// Record a flow's arrow, from tool `tools[0]` to `tools[1]`.
    pub fn flow(&self, label: &str, tools: [&str; 2], line: [egui::Pos2; 2]) {
        self.with(|r| {
            r.flows.push(DrawnFlow {
                label: label.to_owned(),
                tools: tools.map(str::to_owned),
                line,
            });
        });
    }

    /// Record the board's canvas.
    pub fn board(&self, rect: Rect) {
        self.with(|r| r.board = Some(rect));
    }

    /// Record a part of the board covered by something else.
    pub fn covered(&self, rect: Rect) {
        self.with(|r| r.covered.push(rect));
    }
}
