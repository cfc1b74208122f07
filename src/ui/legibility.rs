//! What the room can read (issue 13): every text the board and the grid
//! draw, with what it is, where, how large, and whether it is shortened.
//!
//! Nothing here runs in a normal frame. The views lay their texts out
//! first and paint what was laid out; with the `diagnostics` feature,
//! each view can list the same laid-out texts after a frame
//! (`CanvasState::drawn`, `TypologyState::drawn`), which is what
//! `rhythm layout` and the legibility tests read. Rectangles and sizes
//! are in egui points; the check converts them to physical pixels.

use egui::Rect;
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

/// Everything a view draws in one frame, from its layout.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drawn {
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

impl Drawn {
    /// Note a text drawn in full.
    pub fn text(&mut self, kind: TextKind, text: &str, rect: Rect, size: f32) {
        self.shortened(kind, text, text, rect, size, Reveal::Hover);
    }

    /// Note a text drawn as `shown`, whose full form is `text` (read by
    /// `reveal` when they differ).
    pub fn shortened(
        &mut self,
        kind: TextKind,
        text: &str,
        shown: &str,
        rect: Rect,
        size: f32,
        reveal: Reveal,
    ) {
        self.texts.push(DrawnText {
            kind,
            text: text.to_owned(),
            shown: shown.to_owned(),
            rect,
            size,
            reveal: (text != shown).then_some(reveal),
        });
    }

    /// Note a galley drawn at `pos`: its text as shown, and whether it was
    /// elided (its text is then shortened with a hover reveal).
    pub fn galley(
        &mut self,
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
        self.shortened(kind, full, &shown, rect, size, Reveal::Hover);
    }

    /// Note a card or note.
    pub fn card(&mut self, kind: TextKind, name: &str, rect: Rect) {
        self.cards.push(DrawnCard {
            kind,
            name: name.to_owned(),
            rect,
        });
    }

    /// Note a flow's arrow, from tool `tools[0]` to `tools[1]`.
    pub fn flow(&mut self, label: &str, tools: [&str; 2], line: [egui::Pos2; 2]) {
        self.flows.push(DrawnFlow {
            label: label.to_owned(),
            tools: tools.map(str::to_owned),
            line,
        });
    }

    /// Note a plate's lines (the full form of a shortened text, opened by
    /// hovering or selecting it) as [`TextKind::Peek`] texts.
    pub fn plate(&mut self, plate: &super::plate::Plate) {
        for row in &plate.rows {
            let rect = row.galley.rect.translate(row.at.to_vec2());
            self.text(TextKind::Peek, row.galley.text(), rect, row.size);
        }
    }

    /// Everything of `other` after what is here (the board's canvas is
    /// `other`'s when it has one).
    pub fn extend(&mut self, other: Drawn) {
        self.texts.extend(other.texts);
        self.cards.extend(other.cards);
        self.flows.extend(other.flows);
        self.board = other.board.or(self.board);
        self.covered.extend(other.covered);
    }
}
