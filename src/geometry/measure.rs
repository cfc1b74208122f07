//! Text sizes for the geometry, behind a small trait so that the window
//! measures with its egui context's fonts and everything without a window
//! (the room, `rhythm layout`'s callers, the minutes) with fonts of its
//! own ([`OwnFonts`]). Sizes are in points at the font size asked for:
//! board units when the font size is a board size.
//!
//! [`Sizes`] keeps what was measured from one geometry to the next, so
//! that a new geometry (every frame while notes are dragged, every phone
//! note in the room) lays out only the texts that changed.

use std::collections::HashMap;
use std::sync::Arc;

use emath::Vec2;
use epaint::text::{Fonts, LayoutJob, TextOptions};
use epaint::{Color32, FontId, Galley};

use crate::model::{Id, NoteRef};

/// Lays texts out: the one thing the geometry asks of fonts.
pub trait TextLayout {
    /// `text` laid out at font size `size` (points), wrapped at `width`
    /// (0: on one line), at most `rows` rows (0: any) with "…" when cut,
    /// words kept whole where they fit (see [`job`]).
    fn layout(&mut self, job: LayoutJob) -> Arc<Galley>;
}

/// Measures text: all the typology grid's label layout asks of fonts
/// (Step 3). Every [`TextLayout`] measures; a test may measure with
/// metrics of its own.
pub trait MeasureText {
    /// Width of `text` set on one line in the proportional font at `size`
    /// points, points.
    fn width(&mut self, text: &str, size: f32) -> f32;
    /// Height of one line of the proportional font at `size` points,
    /// points.
    fn line_height(&mut self, size: f32) -> f32;
}

impl<T: TextLayout + ?Sized> MeasureText for T {
    fn width(&mut self, text: &str, size: f32) -> f32 {
        self.layout(job(text, size, 0.0, 0)).size().x
    }

    fn line_height(&mut self, size: f32) -> f32 {
        self.layout(job("Ag", size, 0.0, 0)).size().y
    }
}

/// The layout job for `text` at `size` points, wrapped to `width` (0: no
/// wrapping), at most `rows` rows (0: any) with "…" when cut, words kept
/// whole where they fit: how every board text is laid out.
pub fn job(text: &str, size: f32, width: f32, rows: usize) -> LayoutJob {
    let mut job = LayoutJob::simple(
        text.to_owned(),
        FontId::proportional(size),
        Color32::PLACEHOLDER,
        if width > 0.0 { width } else { f32::INFINITY },
    );
    if rows > 0 {
        job.wrap.max_rows = rows;
    }
    job.wrap.break_anywhere = false;
    job
}

/// Fonts of its own, for measuring where there is no egui context:
/// [`super::fonts::definitions`] at one pixel per point. Building them
/// parses the fonts (a few milliseconds): build once and keep.
pub struct OwnFonts {
    fonts: Fonts,
    /// Jobs laid out since the galley cache was last flushed.
    since_flush: usize,
}

impl std::fmt::Debug for OwnFonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OwnFonts").finish_non_exhaustive()
    }
}

impl Default for OwnFonts {
    fn default() -> Self {
        Self::new()
    }
}

/// Jobs laid out between two flushes of the fonts' galley cache (each
/// flush drops the galleys not asked for since the previous one).
const FLUSH_EVERY: usize = 20_000;

impl OwnFonts {
    /// Rhythm's fonts, ready to measure.
    pub fn new() -> Self {
        Self {
            fonts: Fonts::new(TextOptions::default(), super::fonts::definitions()),
            since_flush: 0,
        }
    }
}

impl TextLayout for OwnFonts {
    fn layout(&mut self, job: LayoutJob) -> Arc<Galley> {
        self.since_flush += 1;
        if self.since_flush > FLUSH_EVERY {
            self.since_flush = 0;
            self.fonts
                .begin_pass(TextOptions::default(), Default::default());
        }
        self.fonts.with_pixels_per_point(1.0).layout_job(job)
    }
}

/// Which text of the board a size belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SizeKey {
    /// A note's name (tool, task) or text (pain point).
    Name(NoteRef),
    /// A flow's label.
    FlowLabel(Id),
    /// A tool's hours badge.
    ToolBadge(Id),
    /// A flow's hours badge.
    FlowBadge(Id),
}

#[derive(Debug)]
struct Measured {
    text: String,
    size: f32,
    width: f32,
    rows: usize,
    result: Vec2,
    used: bool,
}

/// Text sizes, by what they belong to, kept from one geometry to the next.
#[derive(Debug, Default)]
pub struct Sizes {
    entries: HashMap<SizeKey, Measured>,
}

/// Most sizes kept; beyond that, those not asked for since the last sweep go.
const MAX_MEASURED: usize = 20_000;

impl Sizes {
    /// Size (points) of `text` at `size` wrapped to `width` (0: no
    /// wrapping), at most `rows` rows (0: any), laid out by `fonts`; the
    /// kept size when `key` last measured the same.
    pub fn size(
        &mut self,
        fonts: &mut dyn TextLayout,
        key: SizeKey,
        text: &str,
        size: f32,
        width: f32,
        rows: usize,
    ) -> Vec2 {
        if let Some(m) = self.entries.get_mut(&key)
            && m.text == text
            && m.size.to_bits() == size.to_bits()
            && (m.width - width).abs() < 0.01
            && m.rows == rows
        {
            m.used = true;
            return m.result;
        }
        let result = fonts.layout(job(text, size, width, rows)).size();
        self.entries.insert(
            key,
            Measured {
                text: text.to_owned(),
                size,
                width,
                rows,
                result,
                used: true,
            },
        );
        result
    }

    /// Forget sizes not asked for since the last sweep, when there are
    /// many.
    pub fn sweep(&mut self) {
        if self.entries.len() > MAX_MEASURED {
            self.entries.retain(|_, m| m.used);
        }
        for m in self.entries.values_mut() {
            m.used = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_fonts_wrap_a_long_name_onto_more_rows_than_a_short_one() {
        let mut fonts = OwnFonts::new();
        let mut sizes = Sizes::default();
        let key = SizeKey::Name(NoteRef::Tool(Id(1)));
        let short = sizes.size(&mut fonts, key, "Slack", 22.0, 144.0, 0);
        let long = sizes.size(
            &mut fonts,
            key,
            "Google Sheets (weekly SLA tracker)",
            22.0,
            144.0,
            0,
        );
        assert!(short.x > 20.0 && short.x < 144.0, "{short:?}");
        assert!(long.y >= 2.5 * short.y, "three rows: {long:?} vs {short:?}");
        assert!(long.x <= 144.5, "wrapped within the width: {long:?}");
    }
}
