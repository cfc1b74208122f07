//! The window's fonts: the geometry measures its texts with them
//! ([`CtxFonts`]), and the overview lays its texts out with them
//! ([`layout`]), so that what is measured is what is drawn.

use std::sync::Arc;

use egui::Galley;

use crate::geometry::measure::{TextLayout, job};

/// Texts laid out by an egui context's fonts.
pub(super) struct CtxFonts<'a>(pub(super) &'a egui::Context);

impl TextLayout for CtxFonts<'_> {
    fn layout(&mut self, job: egui::text::LayoutJob) -> Arc<Galley> {
        self.0.fonts_mut(|f| f.layout_job(job))
    }
}

/// `text` laid out at `size`, wrapped to `width` (0: on one line), at most
/// `rows` rows (0: any) with "…" when cut, words kept whole where they fit.
pub(super) fn layout(
    ctx: &egui::Context,
    text: &str,
    size: f32,
    width: f32,
    rows: usize,
) -> Arc<Galley> {
    ctx.fonts_mut(|f| f.layout_job(job(text, size, width, rows)))
}
