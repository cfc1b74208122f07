//! Palette, sizes and text styles: one place for every colour and size the
//! views use. Tuned for a washed-out projector read from 6–8 m: a light
//! theme, dark text, large type, thick strokes.

use egui::{Color32, FontFamily, FontId, Stroke, TextStyle};

use crate::model::Quadrant;

/// Text on notes, panels and the board (near-black).
pub const INK: Color32 = Color32::from_rgb(0x14, 0x14, 0x14);
/// Secondary text (captions, axis labels).
pub const INK_SOFT: Color32 = Color32::from_rgb(0x3A, 0x3A, 0x3A);
/// The whiteboard behind the tool map.
pub const BOARD_BG: Color32 = Color32::from_rgb(0xF5, 0xF2, 0xEA);
/// Dots of the board's background grid.
pub const BOARD_DOTS: Color32 = Color32::from_rgb(0xCF, 0xC8, 0xB8);
/// Spacing of the background dots, board units.
pub const BOARD_DOT_SPACING: f32 = 40.0;
/// Below this on-screen spacing, points, the dots are too dense to read
/// as a grid and are left out.
pub const MIN_DOT_STEP: f32 = 14.0;
/// Side of a background dot, points: a 3 × 3 pixel square at 100 %.
pub const BOARD_DOT_SIZE: f32 = 3.0;
/// The colour the renderer clears the window to before egui draws: the
/// board's. The tool map (and the typology grid's panel) leave it showing
/// instead of painting a full-size fill of their own: under a software
/// rasteriser every filled pixel costs, and the board is half the window
/// (issue 12).
pub const WINDOW_CLEAR: Color32 = BOARD_BG;

/// Tool card fill and outline.
pub const TOOL_FILL: Color32 = Color32::WHITE;
/// Tool card outline (dark navy).
pub const TOOL_STROKE: Color32 = Color32::from_rgb(0x1F, 0x3A, 0x5F);
/// Task sticky-note fill (sticky yellow).
pub const TASK_FILL: Color32 = Color32::from_rgb(0xFF, 0xE0, 0x66);
/// Task sticky-note outline.
pub const TASK_STROKE: Color32 = Color32::from_rgb(0x7A, 0x5C, 0x00);
/// Orchestra-pain note fill (coral); drawn with square corners and ■.
pub const ORCHESTRA_PAIN_FILL: Color32 = Color32::from_rgb(0xFF, 0xCB, 0xBA);
/// Jam-pain note fill (lavender); drawn with round corners and ≈.
pub const JAM_PAIN_FILL: Color32 = Color32::from_rgb(0xDD, 0xCD, 0xF6);
/// Outline of pain notes.
pub const PAIN_STROKE: Color32 = Color32::from_rgb(0x5A, 0x1E, 0x3C);
/// Hours badge fill (text is white).
pub const BADGE_FILL: Color32 = Color32::from_rgb(0x8E, 0x00, 0x1C);
/// Selection outline.
pub const SELECTION: Color32 = Color32::from_rgb(0x08, 0x4A, 0x9E);
/// Designed flows: solid, navy.
pub const FLOW_DESIGNED: Color32 = Color32::from_rgb(0x1F, 0x3A, 0x5F);
/// Shadow flows: dashed, crimson, with a ⚠ marker.
pub const FLOW_SHADOW: Color32 = Color32::from_rgb(0x9A, 0x0E, 0x40);
/// Background of flow labels.
pub const FLOW_LABEL_BG: Color32 = Color32::from_rgb(0xFF, 0xFF, 0xFF);
/// Rubber-band selection fill.
pub const RUBBER_BAND: Color32 = Color32::from_rgba_premultiplied(0x08, 0x4A, 0x9E, 0x22);
/// Highlight of a misaligned work-model gap (|gap| ≥ 4).
pub const WARNING_BG: Color32 = Color32::from_rgb(0xFF, 0xD9, 0xD9);
/// Text of warnings and errors.
pub const WARNING_INK: Color32 = Color32::from_rgb(0x8E, 0x00, 0x1C);
/// The undecided band along the typology axes.
pub const UNDECIDED_BAND_FILL: Color32 = Color32::from_rgb(0xE4, 0xE4, 0xE4);

/// Stroke width of cards and notes, points.
pub const NOTE_STROKE_WIDTH: f32 = 2.0;
/// Stroke width of flows at 100 % zoom, points.
pub const FLOW_WIDTH: f32 = 3.0;
/// Radius of a tool card's connector handle, points (screen).
pub const HANDLE_RADIUS: f32 = crate::geometry::HANDLE_RADIUS;
/// How far from a connector handle's centre a press still grabs it,
/// points: 26 points across, over 44 px at projector scale (touch).
pub const HANDLE_HIT_RADIUS: f32 = 13.0;
/// Font size of note text at 100 % zoom, points.
pub const NOTE_FONT: f32 = crate::geometry::NOTE_FONT;
/// Below this on-screen font size, notes are drawn without text.
pub const MIN_LEGIBLE_FONT: f32 = 5.0;
/// Below this on-screen size, a note's caption (e.g. its quadrant) is left out.
pub const MIN_CAPTION_FONT: f32 = 10.0;
/// Size of a task note's ghost while dragged off the board, points.
pub const GRID_NOTE_SIZE: [f32; 2] = [124.0, 30.0];
/// Height of a task chip on the typology grid, points.
pub const GRID_CHIP_HEIGHT: f32 = 28.0;
/// Horizontal padding inside a task chip, points.
pub const GRID_CHIP_PADDING: f32 = 8.0;
/// Font size of task notes on the grid, points.
pub const GRID_NOTE_FONT: f32 = 17.0;
/// Font size of quadrant titles on the grid, points.
pub const QUADRANT_TITLE_FONT: f32 = 22.0;

/// Font size of the live panel's figures, points: legible from the back of
/// the room (6–8 m).
pub const FIGURE_FONT: f32 = 22.0;
/// Font size of the headline figures when comparing quarters (hours lost,
/// shadow flows, tasks moved, changes done), points: the largest text on
/// screen, read first from the back of the room.
pub const HEADLINE_FONT: f32 = 40.0;
/// Font size of the small captions under a figure (spread, units), points.
pub const CAPTION_FONT: f32 = 16.0;

/// Airlocks on the typology grid (Step 4): arrow, gate marker and label
/// outline (teal, distinct from the quadrant fills and the shadow crimson).
pub const AIRLOCK: Color32 = Color32::from_rgb(0x00, 0x4A, 0x5A);
/// Stroke width of an airlock's arrow, points.
pub const AIRLOCK_WIDTH: f32 = 3.5;
/// Half-length of the two bars of an airlock's gate marker, points.
pub const AIRLOCK_GATE_HALF: f32 = 11.0;
/// Font size of an airlock's name on the grid, points.
pub const AIRLOCK_FONT: f32 = 16.0;

/// Font size of the automation tag (O / A / hybrid) on a grid chip, points.
pub const CHIP_TAG_FONT: f32 = 13.0;
/// Fill of an **O** (orchestrate) tag; text is white.
pub const TAG_ORCHESTRAL: Color32 = Color32::from_rgb(0x1F, 0x3A, 0x5F);
/// Fill of an **A** (algorithmize) tag; text is white.
pub const TAG_ALGORITHMIC: Color32 = Color32::from_rgb(0x5B, 0x2C, 0x83);
/// Fill of a *hybrid* tag; text is white.
pub const TAG_HYBRID: Color32 = Color32::from_rgb(0x4A, 0x4A, 0x4A);
/// Text on filled tags and badges.
pub const TAG_INK: Color32 = Color32::WHITE;

/// Height of a row in the participants' score table and the changes
/// table, points (fits a 30-point widget).
pub const TABLE_ROW_HEIGHT: f32 = 36.0;
/// Width of one score cell (a 0–10 drag value) in the score table, points.
pub const SCORE_CELL_WIDTH: f32 = 64.0;
/// Inner margin of the framed blocks (zones, airlocks, warnings), points.
pub const BLOCK_MARGIN: f32 = 8.0;

/// Good news when comparing quarters (closed, fell, added): dark green,
/// always with ✔ or "+".
pub const GOOD_INK: Color32 = Color32::from_rgb(0x14, 0x5A, 0x18);
/// What a later quarter removed (compare boards): dark purple, always
/// with "−" and a dashed outline.
pub const REMOVED_INK: Color32 = Color32::from_rgb(0x6A, 0x1B, 0x9A);

/// What the panels around the board show: the window's clear colour. They
/// paint no fill of their own, so that the software renderers many
/// laptops fall back to shade each pixel of the window once, not twice
/// (issue 12).
pub const PANEL_FILL: Color32 = WINDOW_CLEAR;
/// Fill of text fields and windows.
pub const FIELD_FILL: Color32 = Color32::WHITE;
/// Fill of a selected widget (selectable labels, text selection).
pub const SELECTED_FILL: Color32 = Color32::from_rgb(0xB9, 0xD4, 0xF5);
/// Fill of an inactive button (egui's light default).
pub const BUTTON_FILL: Color32 = Color32::from_gray(230);

/// The smallest WCAG 2 contrast ratio of every text/background pair in
/// [`TEXT_PAIRS`]: 7:1 is level AAA, legible on a washed-out projector.
pub const MIN_CONTRAST: f32 = 7.0;

/// Every text colour drawn on every background it is drawn on, as
/// `(what, text, background)`. The contrast test walks this list; a new
/// colour pairing in a view belongs here.
pub const TEXT_PAIRS: &[(&str, Color32, Color32)] = &[
    ("board text", INK, BOARD_BG),
    ("board caption", INK_SOFT, BOARD_BG),
    ("step title on the board", SELECTION, BOARD_BG),
    ("tool card", INK, TOOL_FILL),
    ("task note", INK, TASK_FILL),
    ("orchestra pain note", INK, ORCHESTRA_PAIN_FILL),
    ("jam pain note", INK, JAM_PAIN_FILL),
    ("hours badge", TAG_INK, BADGE_FILL),
    ("designed flow label", FLOW_DESIGNED, FLOW_LABEL_BG),
    ("shadow flow label", FLOW_SHADOW, FLOW_LABEL_BG),
    ("shadow flow marker on the board", FLOW_SHADOW, BOARD_BG),
    ("warning", WARNING_INK, WARNING_BG),
    ("warning on a panel", WARNING_INK, PANEL_FILL),
    ("undecided band", INK, UNDECIDED_BAND_FILL),
    ("tag O", TAG_INK, TAG_ORCHESTRAL),
    ("tag A", TAG_INK, TAG_ALGORITHMIC),
    ("tag hybrid", TAG_INK, TAG_HYBRID),
    ("panel text", INK, PANEL_FILL),
    ("panel caption", INK_SOFT, PANEL_FILL),
    ("field text", INK, FIELD_FILL),
    ("button text", INK, BUTTON_FILL),
    ("selected widget", INK, SELECTED_FILL),
    ("airlock on a window", AIRLOCK, FIELD_FILL),
    ("timer", INK, PANEL_FILL),
    ("compare: good news on a window", GOOD_INK, FIELD_FILL),
    ("compare: good news on a panel", GOOD_INK, PANEL_FILL),
    ("compare: added on the board", GOOD_INK, BOARD_BG),
    ("compare: removed on the board", REMOVED_INK, BOARD_BG),
    ("compare: removed on a window", REMOVED_INK, FIELD_FILL),
    ("compare: bad news on a window", WARNING_INK, FIELD_FILL),
    ("timer at zero", TAG_INK, WARNING_INK),
];

/// Relative luminance of an sRGB colour (WCAG 2), 0 (black) – 1 (white).
/// Alpha is ignored: every text colour in the palette is opaque.
pub fn relative_luminance(colour: Color32) -> f32 {
    let channel = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(colour.r()) + 0.7152 * channel(colour.g()) + 0.0722 * channel(colour.b())
}

/// WCAG 2 contrast ratio of two colours, 1 (same) – 21 (black on white).
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Light fill of a quadrant on the typology grid.
pub fn quadrant_fill(q: Quadrant) -> Color32 {
    match q {
        Quadrant::Orchestra => Color32::from_rgb(0xDC, 0xE8, 0xF7),
        Quadrant::RehearsedJam => Color32::from_rgb(0xF9, 0xE2, 0xD0),
        Quadrant::JamSession => Color32::from_rgb(0xDF, 0xF1, 0xD8),
        Quadrant::Algorithm => Color32::from_rgb(0xEA, 0xE1, 0xF4),
    }
}

/// The stroke of a note's outline.
pub fn note_stroke(color: Color32) -> Stroke {
    Stroke::new(NOTE_STROKE_WIDTH, color)
}

/// Projector mode's high-contrast touches on top of [`install`]: every
/// widget outlined in black and twice as thick, no soft greys for
/// inactive widgets. `on == false` restores the normal theme's widgets.
pub fn set_projector(ctx: &egui::Context, on: bool) {
    ctx.all_styles_mut(|style| {
        let visuals = &mut style.visuals;
        let (width, colour) = if on { (2.0, INK) } else { (1.0, INK_SOFT) };
        visuals.widgets.inactive.bg_stroke = Stroke::new(width, colour);
        visuals.widgets.noninteractive.bg_stroke = Stroke::new(width, colour);
        visuals.window_stroke = Stroke::new(width, colour);
        visuals.selection.stroke = Stroke::new(if on { 3.0 } else { 2.0 }, SELECTION);
    });
}

/// Install the light, large-type theme on a context.
pub fn install(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    // The same fonts the board's geometry measures with.
    ctx.set_fonts(crate::geometry::fonts::definitions());
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(26.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(18.0, FontFamily::Proportional)),
            (
                TextStyle::Monospace,
                FontId::new(17.0, FontFamily::Monospace),
            ),
            (
                TextStyle::Button,
                FontId::new(18.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(15.0, FontFamily::Proportional),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(10.0, 8.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.interact_size.y = 30.0;
        style.spacing.slider_width = 180.0;
        // Light in both slots: the room sees the same board whatever the
        // system's dark-mode setting.
        style.visuals = egui::Visuals::light();
        let visuals = &mut style.visuals;
        visuals.override_text_color = Some(INK);
        visuals.widgets.noninteractive.fg_stroke.color = INK;
        visuals.widgets.inactive.fg_stroke.color = INK;
        visuals.widgets.hovered.fg_stroke.color = INK;
        visuals.widgets.active.fg_stroke.color = INK;
        visuals.extreme_bg_color = Color32::WHITE;
        visuals.widgets.inactive.bg_stroke = Stroke::new(1.0, INK_SOFT);
        visuals.widgets.inactive.weak_bg_fill = BUTTON_FILL;
        visuals.window_fill = FIELD_FILL;
        // Panels show the window's clear colour ([`PANEL_FILL`]).
        visuals.panel_fill = Color32::TRANSPARENT;
        visuals.selection.bg_fill = SELECTED_FILL;
        visuals.selection.stroke = Stroke::new(2.0, SELECTION);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_and_background_pair_has_a_contrast_of_at_least_7_to_1() {
        let weak: Vec<String> = TEXT_PAIRS
            .iter()
            .filter(|(_, text, bg)| contrast_ratio(*text, *bg) < MIN_CONTRAST)
            .map(|(what, text, bg)| format!("{what}: {:.2}:1", contrast_ratio(*text, *bg)))
            .collect();
        assert!(weak.is_empty(), "below {MIN_CONTRAST}:1: {weak:?}");
    }

    #[test]
    fn contrast_ratio_matches_the_wcag_reference_values() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-6);
        // #767676 on white is the well-known 4.54:1 (the AA threshold grey).
        let grey = Color32::from_gray(0x76);
        assert!((contrast_ratio(grey, Color32::WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn quadrant_fills_keep_every_text_colour_drawn_on_them_legible() {
        for q in Quadrant::ALL {
            for (what, text) in [("text", INK), ("caption", INK_SOFT), ("airlock", AIRLOCK)] {
                let ratio = contrast_ratio(text, quadrant_fill(q));
                assert!(ratio >= MIN_CONTRAST, "{what} on {q:?}: {ratio:.2}:1");
            }
        }
    }
}
