//! Semantic zoom (issue 13): what the board shows at a given zoom.
//!
//! Close up ("detail") every note, label and badge is drawn at its board
//! size, each where the layout put it. Further out, once the smallest of
//! those texts would fall below the legibility floor, the board switches to
//! an *overview*: cards keep their names in large type at a fixed screen
//! size, pain notes fold into their tool's summary or their flow's badge,
//! and flow labels give way to a ⚠ marker where there is no room.

pub(super) use crate::geometry::{
    BADGE_FONT, CAPTION_SCALE, LABEL_FONT, NAME_FONT, PADDING, PAIN_FONT, TASK_FONT,
};
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
