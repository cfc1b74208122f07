//! The "Trends" tab of the compare view (METHOD.md, "Comparing quarters";
//! issue 4): three or more quarters of the same team plotted with
//! egui_plot — hours lost per week per pain category (grouped bars), the
//! work-model gap per question (lines) and the number of shadow flows
//! (bars).
//!
//! Made for a projector read from 6–8 m: large tick labels and legend,
//! thick lines and big markers, the value written on every bar, and every
//! series told apart by a glyph in its legend text and on its marks (■ ≈
//! for the pain categories, ● ■ ◆ ▲ for the questions) as well as by its
//! colour. The plots are static: no drag, zoom or scroll, so a stray
//! gesture never loses the picture.

use std::ops::RangeInclusive;

use egui::{Color32, FontId, RichText, Stroke, TextStyle, Ui};
use egui_plot::{
    AxisHints, Bar, BarChart, GridInput, GridMark, HLine, Legend, Line, LineStyle, MarkerShape,
    Plot, PlotPoint, Points, Text,
};

use crate::model::{GAP_HIGHLIGHT, PainCategory, Question, Trends};
use crate::ui::theme;

/// Colour of orchestra-pain bars (a deep coral, like the orchestra notes).
const ORCHESTRA_BARS: Color32 = Color32::from_rgb(0xC6, 0x4B, 0x2C);
/// Colour of jam-pain bars (a deep lavender, like the jam notes).
const JAM_BARS: Color32 = Color32::from_rgb(0x5B, 0x3F, 0xA8);
/// Colour of the shadow-flow bars (the board's shadow crimson).
const SHADOW_BARS: Color32 = theme::FLOW_SHADOW;
/// Width of a bar, in quarters (x units).
const BAR_WIDTH: f64 = 0.34;
/// Width of a gap line, points.
const LINE_WIDTH: f32 = 4.0;
/// Radius of a gap line's markers, points.
const MARKER_RADIUS: f32 = 8.0;
/// Font size of tick labels (quarters, values), points.
const TICK_FONT: f32 = 20.0;
/// Font size of the values written on bars, points.
const VALUE_FONT: f32 = 20.0;
/// Font size of the legends, points.
const LEGEND_FONT: f32 = 20.0;
/// Text style name registered for the legends.
const LEGEND_STYLE: &str = "trend legend";
/// Room right of the last quarter on the gap plot, for its legend, in
/// quarters (x units): the lines' last points stay clear of it.
const GAP_LEGEND_ROOM: f64 = 0.9;
/// Height of one plot at least, points.
const MIN_PLOT_HEIGHT: f32 = 240.0;

/// Colour, marker shape and its glyph for each work-model question's line.
fn question_style(q: Question) -> (Color32, MarkerShape, &'static str) {
    match q {
        Question::Output => (theme::FLOW_DESIGNED, MarkerShape::Circle, "●"),
        Question::Process => (
            Color32::from_rgb(0xB0, 0x12, 0x4A),
            MarkerShape::Square,
            "■",
        ),
        Question::PrimaryMetric => (
            Color32::from_rgb(0x1B, 0x6E, 0x20),
            MarkerShape::Diamond,
            "◆",
        ),
        Question::Individual => (Color32::from_rgb(0x8D, 0x5B, 0x00), MarkerShape::Up, "▲"),
    }
}

fn category_colour(c: PainCategory) -> Color32 {
    match c {
        PainCategory::Orchestra => ORCHESTRA_BARS,
        PainCategory::Jam => JAM_BARS,
    }
}

/// The legend text of a pain category: "■ Orchestra pain".
pub fn category_legend(c: PainCategory) -> String {
    let mut title = c.title().to_owned();
    if let Some(first) = title.get(..1) {
        title = first.to_uppercase() + title.get(1..).unwrap_or_default();
    }
    format!("{} {title}", c.marker())
}

/// The legend text of a question's gap line: "● Output".
pub fn question_legend(q: Question) -> String {
    format!("{} {}", question_style(q).2, q.title())
}

/// Accessible label of the hours plot.
pub const HOURS_PLOT_LABEL: &str = "Trend: hours lost per week per pain category";
/// Accessible label of the gap plot.
pub const GAPS_PLOT_LABEL: &str = "Trend: work-model gap per question";
/// Accessible label of the shadow-flow plot.
pub const SHADOW_PLOT_LABEL: &str = "Trend: shadow flows per quarter";

/// Draw the three trend plots of `trends` in the space given: hours and
/// shadow flows side by side, the gaps below. With fewer than two
/// quarters there is nothing to plot and a hint is shown instead.
pub fn trends_ui(ui: &mut Ui, trends: &Trends) {
    if trends.len() < 2 {
        ui.label("Trends need two or more sessions of the same team.");
        return;
    }
    ui.style_mut().text_styles.insert(
        TextStyle::Name(LEGEND_STYLE.into()),
        FontId::proportional(LEGEND_FONT),
    );
    let title = format!(
        "Trends across {} quarters: {}",
        trends.len(),
        trends.quarters.join(" → ")
    );
    ui.label(RichText::new(title).size(theme::FIGURE_FONT).strong());
    // Two rows of plots, each with its heading (≈ 40 points).
    let row = ((ui.available_height() - 2.0 * 48.0) / 2.0).max(MIN_PLOT_HEIGHT);
    let width = ui.available_width();
    let gap = ui.spacing().item_spacing.x;
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width((width - gap) * 0.62);
            hours_plot_ui(ui, trends, row);
        });
        ui.vertical(|ui| {
            ui.set_width((width - gap) * 0.38);
            shadow_plot_ui(ui, trends, row);
        });
    });
    gaps_plot_ui(ui, trends, row);
}

fn heading_ui(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).size(theme::CAPTION_FONT + 4.0).strong());
}

/// A static plot with quarter labels under x = 0, 1, 2 …
fn quarter_plot<'a>(
    id: &str,
    trends: &'a Trends,
    y_label: &str,
    height: f32,
    right_room: f64,
) -> Plot<'a> {
    let last = trends.len().saturating_sub(1) as f64;
    let quarters = &trends.quarters;
    let x_axis = AxisHints::new_x()
        .formatter(move |mark: GridMark, _range: &RangeInclusive<f64>| {
            let i = mark.value.round();
            if (mark.value - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            quarters.get(i as usize).cloned().unwrap_or_default()
        })
        .tick_label_font(FontId::proportional(TICK_FONT));
    let y_axis = AxisHints::new_y()
        .label(RichText::new(y_label).size(TICK_FONT))
        .tick_label_font(FontId::proportional(TICK_FONT));
    let count = trends.len();
    Plot::new(id.to_owned())
        .height(height)
        .custom_x_axes(vec![x_axis])
        .custom_y_axes(vec![y_axis])
        .x_grid_spacer(move |_input: GridInput| {
            (0..count)
                .map(|i| GridMark {
                    value: i as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .y_grid_spacer(value_marks)
        .show_grid([false, true])
        .default_x_bounds(-0.6, last + 0.6 + right_room)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_crosshair(false)
        .legend(
            Legend::default()
                .text_style(TextStyle::Name(LEGEND_STYLE.into()))
                .background_alpha(0.9)
                .follow_insertion_order(true),
        )
}

/// Whole-number grid marks on a value axis: every 1, 2, 5, 10, 20 … so
/// that about four to eight are labelled.
fn value_marks(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let span = (hi - lo).abs();
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]
        .into_iter()
        .find(|s| span / s <= 8.0)
        .unwrap_or(200.0);
    let mut marks = Vec::new();
    let mut v = (lo / step).ceil() * step;
    while v <= hi && marks.len() < 64 {
        marks.push(GridMark {
            value: v,
            step_size: step,
        });
        v += step;
    }
    marks
}

fn value_text(id: (&str, usize), at: PlotPoint, text: String, colour: Color32) -> Text {
    Text::new(
        "",
        at,
        RichText::new(text).size(VALUE_FONT).strong().color(colour),
    )
    .anchor(egui::Align2::CENTER_BOTTOM)
    .id(id)
}

fn hours_plot_ui(ui: &mut Ui, trends: &Trends, height: f32) {
    heading_ui(ui, "Hours lost per week, by pain category");
    let top = f64::from(trends.max_category_hours()).max(1.0) * 1.25;
    let offsets = [-BAR_WIDTH / 2.0 - 0.01, BAR_WIDTH / 2.0 + 0.01];
    let response = quarter_plot("compare trend hours", trends, "h/week", height, 0.0)
        .default_y_bounds(0.0, top)
        .show(ui, |plot| {
            for ((category, series), offset) in trends.hours.iter().zip(offsets) {
                let colour = category_colour(*category);
                let bars = series
                    .iter()
                    .enumerate()
                    .map(|(i, &h)| {
                        Bar::new(i as f64 + offset, f64::from(h))
                            .width(BAR_WIDTH)
                            .fill(colour)
                            .stroke(Stroke::new(1.5, theme::INK))
                            .name(trends.quarters.get(i).cloned().unwrap_or_default())
                    })
                    .collect();
                plot.bar_chart(
                    BarChart::new(category_legend(*category), bars)
                        .color(colour)
                        .id(("hours", category.title())),
                );
                for (i, &h) in series.iter().enumerate() {
                    plot.text(value_text(
                        (category.title(), i),
                        PlotPoint::new(i as f64 + offset, f64::from(h)),
                        format!("{} {}", category.marker(), crate::format::num(h)),
                        colour,
                    ));
                }
            }
        });
    response
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Figure, true, HOURS_PLOT_LABEL));
}

fn shadow_plot_ui(ui: &mut Ui, trends: &Trends, height: f32) {
    heading_ui(ui, "Shadow flows on the tool map");
    let top = trends
        .shadow_flows
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1) as f64
        * 1.3;
    let response = quarter_plot("compare trend shadow", trends, "shadow flows", height, 0.0)
        .default_y_bounds(0.0, top)
        .show(ui, |plot| {
            let bars = trends
                .shadow_flows
                .iter()
                .enumerate()
                .map(|(i, &n)| {
                    Bar::new(i as f64, n as f64)
                        .width(BAR_WIDTH * 1.4)
                        .fill(SHADOW_BARS)
                        .stroke(Stroke::new(1.5, theme::INK))
                        .name(trends.quarters.get(i).cloned().unwrap_or_default())
                })
                .collect();
            plot.bar_chart(BarChart::new("⚠ shadow flows", bars).color(SHADOW_BARS));
            for (i, &n) in trends.shadow_flows.iter().enumerate() {
                plot.text(value_text(
                    ("shadow", i),
                    PlotPoint::new(i as f64, n as f64),
                    format!("⚠ {n}"),
                    SHADOW_BARS,
                ));
            }
        });
    response
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Figure, true, SHADOW_PLOT_LABEL));
}

fn gaps_plot_ui(ui: &mut Ui, trends: &Trends, height: f32) {
    heading_ui(
        ui,
        "Work-model gap per question (the work as it is − how we run it now; 0 = aligned)",
    );
    let reach = f64::from(trends.max_abs_gap().max(GAP_HIGHLIGHT)) + 1.0;
    let response = quarter_plot(
        "compare trend gaps",
        trends,
        "gap (points)",
        height,
        GAP_LEGEND_ROOM,
    )
    .default_y_bounds(-reach, reach)
    .show(ui, |plot| {
        plot.hline(
            HLine::new("", 0.0)
                .stroke(Stroke::new(2.0, theme::INK_SOFT))
                .id("aligned"),
        );
        let misaligned = format!("⚠ misaligned (|gap| ≥ {GAP_HIGHLIGHT})");
        for (k, y) in [GAP_HIGHLIGHT, -GAP_HIGHLIGHT].into_iter().enumerate() {
            plot.hline(
                HLine::new(misaligned.clone(), f64::from(y))
                    .stroke(Stroke::new(2.5, theme::WARNING_INK))
                    .style(LineStyle::dashed_loose())
                    .id(("misaligned", k)),
            );
        }
        for (question, series) in &trends.gaps {
            let (colour, shape, _) = question_style(*question);
            let name = question_legend(*question);
            let points: Vec<[f64; 2]> = series
                .iter()
                .enumerate()
                .filter_map(|(i, g)| g.map(|g| [i as f64, f64::from(g)]))
                .collect();
            plot.line(
                Line::new(name.clone(), points.clone())
                    .stroke(Stroke::new(LINE_WIDTH, colour))
                    .id(("gap line", question.title())),
            );
            plot.points(
                Points::new(name, points)
                    .shape(shape)
                    .radius(MARKER_RADIUS)
                    .filled(true)
                    .color(colour)
                    .id(("gap marks", question.title())),
            );
        }
    });
    response
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Figure, true, GAPS_PLOT_LABEL));
}
