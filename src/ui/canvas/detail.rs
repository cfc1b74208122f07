//! Semantic zoom (issue 13): what the board shows at a given zoom.
//!
//! Close up ("detail") every note, label and badge is drawn at its board
//! size, each where the layout put it. Further out, once the smallest of
//! those texts would fall below the legibility floor, the board switches to
//! an *overview*: cards keep their names in large type at a fixed screen
//! size, pain notes fold into their tool's summary or their flow's badge,
//! and flow labels give way to a ⚠ marker where there is no room.

use crate::ui::theme;

/// Tool names at 100 %, board units (= points at zoom 1).
pub(super) const NAME_FONT: f32 = theme::NOTE_FONT;
/// Task-note names at 100 %, board units.
pub(super) const TASK_FONT: f32 = theme::NOTE_FONT * 0.9;
/// Pain-note texts at 100 %, board units.
pub(super) const PAIN_FONT: f32 = theme::NOTE_FONT * 0.8;
/// Flow labels at 100 %, board units: the smallest text drawn close up.
pub(super) const LABEL_FONT: f32 = 16.0;
/// Hours badges at 100 %, board units.
pub(super) const BADGE_FONT: f32 = 16.0;
/// Caption size relative to its note's text.
pub(super) const CAPTION_SCALE: f32 = 0.7;
/// Space between a note's border and its text, board units close up,
/// screen points in the overview.
pub(super) const PADDING: f32 = 8.0;
/// Flow labels never grow past this on screen, points.
pub(super) const MAX_LABEL_FONT: f32 = 30.0;

/// How legible the board must be, from the app: projector mode asks for
/// more (issue 13: names at least 24 px from the back of the room).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Legibility {
    /// The smallest text drawn on the board, points (> 0).
    pub floor: f32,
    /// The smallest tool name in the overview, points (≥ `floor`).
    pub names: f32,
}

impl Default for Legibility {
    fn default() -> Self {
        Self::NORMAL
    }
}

impl Legibility {
    /// A screen read from a desk.
    pub const NORMAL: Self = Self {
        floor: 12.0,
        names: 15.0,
    };

    /// At least `pixels` physical pixels for every text, at
    /// `pixels_per_point`.
    pub fn projector(pixels: f32, pixels_per_point: f32) -> Self {
        let floor = (pixels / pixels_per_point.max(0.1)).clamp(6.0, 60.0);
        Self {
            floor,
            names: floor,
        }
    }

    /// The zoom from which every text is drawn at its board size: the
    /// smallest of them (flow labels) reaches the floor.
    pub fn detail_zoom(self) -> f32 {
        self.floor / LABEL_FONT
    }

    /// Whether the board is drawn close up at `zoom` (else the overview).
    pub fn is_detail(self, zoom: f32) -> bool {
        zoom >= self.detail_zoom() - 1e-4
    }
}
