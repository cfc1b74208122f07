//! Sizes of the board's texts at a given font size and wrap width, for
//! the layout to make room for them: kept from one layout to the next, so
//! that a new layout (every frame while notes are dragged) lays out only
//! texts that changed.

use std::collections::HashMap;

use egui::{Color32, FontId, Vec2};

use super::text_cache::TextKey;

#[derive(Debug)]
struct Measured {
    text: String,
    size: f32,
    width: f32,
    rows: usize,
    result: Vec2,
    used: bool,
}

/// Text sizes, by what they belong to.
#[derive(Debug, Default)]
pub(super) struct Measure {
    entries: HashMap<TextKey, Measured>,
}

/// Most sizes kept; beyond that, those not asked for since the last sweep go.
const MAX_MEASURED: usize = 20_000;

impl Measure {
    /// Size of `text` at `size` wrapped to `width` (0: no wrapping), at
    /// most `rows` rows (0: any), laid out by `ctx`'s fonts.
    pub(super) fn size(
        &mut self,
        ctx: &egui::Context,
        key: TextKey,
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
        let result = layout(ctx, text, size, width, rows).size();
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
    pub(super) fn sweep(&mut self) {
        if self.entries.len() > MAX_MEASURED {
            self.entries.retain(|_, m| m.used);
        }
        for m in self.entries.values_mut() {
            m.used = false;
        }
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
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple(
        text.to_owned(),
        FontId::proportional(size),
        Color32::PLACEHOLDER,
        if width > 0.0 { width } else { f32::INFINITY },
    );
    if rows > 0 {
        job.wrap.max_rows = rows;
    }
    job.wrap.break_anywhere = false;
    ctx.fonts_mut(|f| f.layout_job(job))
}
