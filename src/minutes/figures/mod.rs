//! The minutes' pictures as SVG: the tool map and the typology grid drawn
//! from the window's layout ([`super::geometry`]), and the charts (hours
//! lost per tool and flow, the work-model scores, the trends across
//! quarters). One drawing code path for the PDF and the HTML page. Colour
//! is never alone: shadow flows are dashed with a hollow head and
//! "⚠ SHADOW", jam pain is hatched, lines carry different marks.
//!
//! One file per picture: [`map`](mod@map), [`grid`](mod@grid), and the
//! [`charts`]; here what they share (the figure, colours, fitted text).

mod charts;
mod grid;
mod map;

pub use charts::{pain_chart, quarter_charts, scores_chart};
pub use grid::{LegendEntry, grid};
pub use map::map;

use egui::Color32;

use super::geometry::Box4;
use super::svg::{Anchor, Svg, wrap, wrap_rows};

/// A drawing: SVG and its size in user units.
#[derive(Clone, Debug)]
pub struct Figure {
    /// The SVG document.
    pub svg: String,
    /// Width, user units.
    pub width: f32,
    /// Height, user units.
    pub height: f32,
}

/// `#RRGGBB` of a palette colour.
fn hex(c: Color32) -> String {
    format!("#{:02X}{:02X}{:02X}", c.r(), c.g(), c.b())
}

/// Hatching for jam pain, and arrowheads: shared definitions.
const DEFS: &str = r##"<defs><pattern id="jam" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#DDCDF6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#5B2C83" stroke-width="2"/></pattern></defs>"##;

fn w(b: Box4) -> f32 {
    b[2] - b[0]
}

fn h(b: Box4) -> f32 {
    b[3] - b[1]
}

/// Text centred in a box, wrapped to its width, at the largest size from
/// `size` down to `min` at which it fits the box's height; at `min` the
/// lines that do not fit end in "…".
#[allow(clippy::too_many_arguments)]
fn fitted_text(
    svg: &mut Svg,
    b: Box4,
    text: &str,
    size: f32,
    min: f32,
    pad: f32,
    fill: &str,
    bold: bool,
) {
    let inner_w = (w(b) - 2.0 * pad).max(10.0);
    let inner_h = (h(b) - 2.0 * pad).max(size.min(min));
    let mut s = size;
    let lines = loop {
        let lines = wrap(text, s, inner_w, bold);
        if lines.len() as f32 * s * 1.2 <= inner_h || s <= min {
            let rows = ((inner_h / (s * 1.2)).floor() as usize).max(1);
            break wrap_rows(text, s, inner_w, bold, rows);
        }
        s = (s - 1.0).max(min);
    };
    let leading = s * 1.2;
    let block = lines.len() as f32 * leading;
    let cx = (b[0] + b[2]) / 2.0;
    let top = (b[1] + b[3]) / 2.0 - block / 2.0;
    svg.lines(
        [cx, top + s * 0.95],
        &lines,
        s,
        leading,
        fill,
        Anchor::Middle,
        bold,
    );
}
