//! The board-to-screen transform (pan and zoom) of the tool map and of the
//! compare boards: `pos_in_screen = canvas.min + pan + pos_in_board × zoom`.

use egui::{Pos2, Rect, Response, Ui, Vec2, vec2};

/// Zoom limits of the board: 10 %–400 %.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.1..=4.0;
/// Share of the canvas that "fit all" fills with the board's content.
const FIT_MARGIN: f32 = 0.9;
/// Wheel sensitivity: zoom factor per scrolled point.
const WHEEL_ZOOM_RATE: f32 = 0.0015;

/// The board-to-screen transform: `pos_in_screen = canvas.min + pan +
/// pos_in_board × zoom`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Screen offset of the board origin from the canvas's top-left, points.
    pub pan: Vec2,
    /// Screen points per board unit, within [`ZOOM_RANGE`].
    pub zoom: f32,
}

impl Default for View {
    fn default() -> Self {
        Self {
            pan: vec2(40.0, 40.0),
            zoom: 1.0,
        }
    }
}

impl View {
    /// Where a board position appears on screen inside `canvas`.
    pub fn screen_from_board(&self, canvas: Rect, pos_in_board: Pos2) -> Pos2 {
        canvas.min + self.pan + pos_in_board.to_vec2() * self.zoom
    }

    /// The board position under a screen position.
    pub fn board_from_screen(&self, canvas: Rect, pos_in_screen: Pos2) -> Pos2 {
        ((pos_in_screen - canvas.min - self.pan) / self.zoom).to_pos2()
    }

    /// A board rectangle on screen.
    pub fn screen_rect(&self, canvas: Rect, rect_in_board: Rect) -> Rect {
        Rect::from_min_max(
            self.screen_from_board(canvas, rect_in_board.min),
            self.screen_from_board(canvas, rect_in_board.max),
        )
    }

    /// Zoom by `factor` keeping the board point under `anchor_in_screen`
    /// fixed; the result stays within [`ZOOM_RANGE`].
    pub fn zoom_around(&mut self, canvas: Rect, anchor_in_screen: Pos2, factor: f32) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let anchor_in_board = self.board_from_screen(canvas, anchor_in_screen);
        self.zoom = (self.zoom * factor).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        self.pan = anchor_in_screen - canvas.min - anchor_in_board.to_vec2() * self.zoom;
    }

    /// Follow the wheel and pinch while the pointer is over `response`:
    /// vertical scrolling and pinching zoom around the pointer,
    /// horizontal scrolling pans. True when the view changed.
    pub fn follow_wheel(&mut self, ui: &Ui, canvas: Rect, response: &Response) -> bool {
        if !response.contains_pointer() {
            return false;
        }
        let (scroll, zoom_delta, pointer) =
            ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
        let Some(pointer) = pointer else {
            return false;
        };
        let mut changed = false;
        let factor = zoom_delta * (scroll.y * WHEEL_ZOOM_RATE).exp();
        if (factor - 1.0).abs() > f32::EPSILON {
            self.zoom_around(canvas, pointer, factor);
            changed = true;
        }
        if scroll.x != 0.0 {
            self.pan.x += scroll.x;
            changed = true;
        }
        changed
    }

    /// The view that shows `content_in_board` centred in `canvas`.
    pub fn fitting(canvas: Rect, content_in_board: Option<Rect>) -> Self {
        let Some(content) = content_in_board.filter(|r| r.is_finite() && r.is_positive()) else {
            return Self {
                pan: canvas.size() / 2.0,
                zoom: 1.0,
            };
        };
        let zoom = (canvas.width() / content.width())
            .min(canvas.height() / content.height())
            .mul_add(FIT_MARGIN, 0.0)
            .clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        Self {
            pan: canvas.size() / 2.0 - content.center().to_vec2() * zoom,
            zoom,
        }
    }

    /// Like [`Self::fitting`], but at whatever zoom it takes to show all of
    /// `content_in_board`, even below [`ZOOM_RANGE`] (benchmarks compare
    /// boards with the whole board in view).
    pub fn showing_all(canvas: Rect, content_in_board: Option<Rect>) -> Self {
        let Some(content) = content_in_board.filter(|r| r.is_finite() && r.is_positive()) else {
            return Self::fitting(canvas, None);
        };
        let zoom =
            (canvas.width() / content.width()).min(canvas.height() / content.height()) * FIT_MARGIN;
        if !(zoom.is_finite() && zoom > 0.0) {
            return Self::fitting(canvas, None);
        }
        Self {
            pan: canvas.size() / 2.0 - content.center().to_vec2() * zoom,
            zoom,
        }
    }
}
