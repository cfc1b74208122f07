//! The minutes' pictures as SVG: the tool map and the typology grid drawn
//! from the window's layout ([`super::geometry`]), and the charts (hours
//! lost per tool and flow, the work-model scores, the trends across
//! quarters). One drawing code path for the PDF and the HTML page. Colour
//! is never alone: shadow flows are dashed with a hollow head and
//! "⚠ SHADOW", jam pain is hatched, lines carry different marks.

use egui::Color32;

use super::data::LegendEntry;
use super::geometry::{Box4, grid_geometry, map_geometry};
use super::svg::{Anchor, Svg, text_width, wrap, wrap_rows};
use crate::format::num;
use crate::model::{
    Attachment, Comparison, FlowKind, PainCategory, Placement, Quadrant, Question, ScoreSet,
    Session,
};
use crate::ui::theme;

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

/// The tool map (Step 1) as the window lays it out close up: cards,
/// designed and shadow flows with their arrowheads, labels and hours
/// badges. `None` without tools.
pub fn map(session: &Session) -> Option<Figure> {
    let g = map_geometry(session);
    if g.tools.is_empty() {
        return None;
    }
    let mut bounds: Option<Box4> = None;
    let mut grow = |b: Box4| {
        bounds = Some(match bounds {
            None => b,
            Some(a) => [
                a[0].min(b[0]),
                a[1].min(b[1]),
                a[2].max(b[2]),
                a[3].max(b[3]),
            ],
        });
    };
    for (_, b, _) in g.tools.iter().chain(&g.tasks) {
        grow(*b);
    }
    for f in &g.flows {
        for (b, _) in f.label.iter().chain(&f.badge) {
            grow(*b);
        }
    }
    for (b, _) in &g.tool_badges {
        grow(*b);
    }
    let b = bounds?;
    let margin = 24.0;
    let (ox, oy) = (b[0] - margin, b[1] - margin);
    let width = w(b) + 2.0 * margin;
    let height = h(b) + 2.0 * margin;
    let at = |p: [f32; 2]| [p[0] - ox, p[1] - oy];
    let shift = |r: Box4| [r[0] - ox, r[1] - oy, r[2] - ox, r[3] - oy];
    let mut svg = Svg::new(
        width,
        height,
        &format!(
            "Tool map: {} tools, {} flows ({} shadow)",
            session.tools.len(),
            session.flows.len(),
            session
                .flows
                .iter()
                .filter(|f| f.kind == FlowKind::Shadow)
                .count()
        ),
    );
    svg.raw(DEFS);
    svg.rect([0.0, 0.0, width, height], 0.0, "#FFFFFF", "none", 0.0, None);

    // Arrows under everything.
    for f in &g.flows {
        let colour = hex(crate::ui::board_paint::flow_colour(f.kind));
        let (s, e) = (at(f.ends.0), at(f.ends.1));
        let (dx, dy) = (e[0] - s[0], e[1] - s[1]);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / len, dy / len);
        let head = 16.0;
        let base = [e[0] - ux * head, e[1] - uy * head];
        let normal = [-uy * head * 0.5, ux * head * 0.5];
        let points = [
            e,
            [base[0] + normal[0], base[1] + normal[1]],
            [base[0] - normal[0], base[1] - normal[1]],
        ];
        match f.kind {
            FlowKind::Designed => {
                svg.line(s, base, &colour, 3.0, None);
                svg.poly(&points, true, &colour, &colour, 1.0);
            }
            FlowKind::Shadow => {
                svg.line(s, base, &colour, 3.0, Some("12 8"));
                svg.poly(&points, true, "#FFFFFF", &colour, 2.5);
            }
        }
    }
    // Labels under the cards: where the window had to let one cover a
    // card, the tool's name stays readable (every label is in the table).
    for f in &g.flows {
        let colour = hex(crate::ui::board_paint::flow_colour(f.kind));
        if let Some((r, text)) = &f.label {
            let r = shift(*r);
            let dash = (f.kind == FlowKind::Shadow).then_some("5 3");
            svg.rect(
                [r[0], r[1], w(r), h(r)],
                4.0,
                &hex(theme::FLOW_LABEL_BG),
                &colour,
                1.5,
                dash,
            );
            fitted_text(&mut svg, r, text, g.label_font, 11.0, 4.0, &colour, false);
        }
    }
    let ink = hex(theme::INK);
    for (_, r, name) in &g.tools {
        let r = shift(*r);
        svg.rect(
            [r[0], r[1], w(r), h(r)],
            8.0,
            &hex(theme::TOOL_FILL),
            &hex(theme::TOOL_STROKE),
            2.5,
            None,
        );
        fitted_text(&mut svg, r, name, g.name_font, 13.0, 8.0, &ink, true);
    }
    for (_, r, name) in &g.tasks {
        let r = shift(*r);
        svg.rect(
            [r[0], r[1], w(r), h(r)],
            3.0,
            &hex(theme::TASK_FILL),
            &hex(theme::TASK_STROKE),
            1.5,
            None,
        );
        fitted_text(&mut svg, r, name, g.name_font * 0.8, 12.0, 8.0, &ink, false);
    }
    for f in &g.flows {
        if let Some((r, text)) = &f.badge {
            badge(&mut svg, shift(*r), text, g.badge_font);
        }
    }
    for (r, text) in &g.tool_badges {
        badge(&mut svg, shift(*r), text, g.badge_font);
    }
    Some(Figure {
        svg: svg.finish(),
        width,
        height,
    })
}

fn badge(svg: &mut Svg, r: Box4, text: &str, size: f32) {
    svg.rect(
        [r[0], r[1], w(r), h(r)],
        h(r) / 2.0,
        &hex(theme::BADGE_FILL),
        "none",
        0.0,
        None,
    );
    fitted_text(svg, r, text, size, 10.0, 2.0, "#FFFFFF", true);
}

/// Size of the grid's square, user units.
const GRID: f32 = 560.0;
/// Space left, right, above and below the square for axis names.
const GRID_MARGIN: [f32; 4] = [26.0, 8.0, 8.0, 30.0];
/// Font of a task's name on the grid.
const GRID_FONT: f32 = 13.0;
/// Widest a task's name beside its dot may be, user units.
const LABEL_WIDTH: f32 = 180.0;
/// Radius of a task's dot.
const DOT: f32 = 9.0;

/// The typology grid (Step 3): each placed task a dot where it was
/// dropped, named beside it where its quadrant has room, else numbered,
/// with the numbers listed in the legend. Undecided tasks get a dashed
/// ring and "?". `None` when no task is on the grid (the legend is then
/// empty).
pub fn grid(session: &Session) -> (Option<Figure>, Vec<LegendEntry>) {
    let g = grid_geometry(session);
    let [ml, mr, mt, mb] = GRID_MARGIN;
    let width = ml + GRID + mr;
    let height = mt + GRID + mb;
    let mut svg = Svg::new(
        width,
        height,
        &format!("Task typology: {} tasks on the 2 by 2 grid", g.marks.len()),
    );
    svg.rect([0.0, 0.0, width, height], 0.0, "#FFFFFF", "none", 0.0, None);
    let x = |u: f32| ml + u * GRID;
    let y = |v: f32| mt + v * GRID;
    let ink = hex(theme::INK);
    let soft = hex(theme::INK_SOFT);
    // Quadrants, tinted, then the undecided band along both axes, then
    // each quadrant's rhythm and advice in its outer corner (clear of
    // the band and of most dots).
    let band = crate::model::UNDECIDED_BAND / 2.0;
    let corner = |q: Quadrant| match q {
        Quadrant::Orchestra => (0.0, 0.0),
        Quadrant::RehearsedJam => (0.5, 0.0),
        Quadrant::JamSession => (0.5, 0.5),
        Quadrant::Algorithm => (0.0, 0.5),
    };
    for q in Quadrant::ALL {
        let (u, v) = corner(q);
        let fill = match q {
            Quadrant::Orchestra => "#EAF0F7",
            Quadrant::RehearsedJam => "#F7EEF2",
            Quadrant::JamSession => "#F3EEFB",
            Quadrant::Algorithm => "#F1F1EC",
        };
        svg.rect(
            [x(u), y(v), GRID / 2.0, GRID / 2.0],
            0.0,
            fill,
            "none",
            0.0,
            None,
        );
    }
    let grey = hex(theme::UNDECIDED_BAND_FILL);
    svg.rect(
        [x(0.5 - band), y(0.0), 2.0 * band * GRID, GRID],
        0.0,
        &grey,
        "none",
        0.0,
        None,
    );
    svg.rect(
        [x(0.0), y(0.5 - band), GRID, 2.0 * band * GRID],
        0.0,
        &grey,
        "none",
        0.0,
        None,
    );
    svg.line([x(0.5), y(0.0)], [x(0.5), y(1.0)], &ink, 1.5, None);
    svg.line([x(0.0), y(0.5)], [x(1.0), y(0.5)], &ink, 1.5, None);
    svg.rect([x(0.0), y(0.0), GRID, GRID], 0.0, "none", &ink, 1.5, None);
    let room = GRID / 2.0 - 2.0 * band * GRID - 12.0;
    for q in Quadrant::ALL {
        let (u, v) = corner(q);
        let right = u > 0.0;
        let bottom = v > 0.0;
        let (tx, anchor) = if right {
            (x(1.0) - 8.0, Anchor::End)
        } else {
            (x(0.0) + 8.0, Anchor::Start)
        };
        let advice = wrap_rows(q.advice(), 11.0, room, false, 2);
        let block = 20.0 + advice.len() as f32 * 13.0;
        let top = if bottom {
            y(1.0) - block - 4.0
        } else {
            y(0.0) + 4.0
        };
        svg.text([tx, top + 16.0], q.title(), 16.0, &ink, anchor, true);
        svg.lines([tx, top + 31.0], &advice, 11.0, 13.0, &soft, anchor, false);
    }
    // Axis names: predictability under the grid, stakes along its left.
    svg.text(
        [x(0.0), y(1.0) + 20.0],
        "← Predictable",
        13.0,
        &ink,
        Anchor::Start,
        true,
    );
    svg.text(
        [x(1.0), y(1.0) + 20.0],
        "Unpredictable →",
        13.0,
        &ink,
        Anchor::End,
        true,
    );
    svg.text_up(
        [ml - 10.0, y(0.0)],
        "High-stakes →",
        13.0,
        &ink,
        Anchor::End,
    );
    svg.text_up(
        [ml - 10.0, y(1.0)],
        "← Low-stakes",
        13.0,
        &ink,
        Anchor::Start,
    );

    // Which groups are named beside their dots: a group is crowded when a
    // name would cover another name, a dot, its quadrant's title or leave
    // the quadrant.
    let groups = [
        Placement::Quadrant(Quadrant::Orchestra),
        Placement::Quadrant(Quadrant::RehearsedJam),
        Placement::Quadrant(Quadrant::JamSession),
        Placement::Quadrant(Quadrant::Algorithm),
        Placement::Undecided,
    ];
    let mut labels: Vec<Option<(Box4, Vec<String>, Anchor)>> = vec![None; g.marks.len()];
    for group in groups {
        let members: Vec<usize> = (0..g.marks.len())
            .filter(|&i| g.marks.get(i).is_some_and(|m| m.placement == group))
            .collect();
        let region: Box4 = match group {
            Placement::Quadrant(Quadrant::Orchestra) => [x(0.0), y(0.0), x(0.5), y(0.5)],
            Placement::Quadrant(Quadrant::RehearsedJam) => [x(0.5), y(0.0), x(1.0), y(0.5)],
            Placement::Quadrant(Quadrant::JamSession) => [x(0.5), y(0.5), x(1.0), y(1.0)],
            Placement::Quadrant(Quadrant::Algorithm) => [x(0.0), y(0.5), x(0.5), y(1.0)],
            Placement::Undecided => [x(0.0), y(0.0), x(1.0), y(1.0)],
        };
        // The quadrants' titles, in their outer corners.
        let mut taken: Vec<Box4> = vec![
            [x(0.0), y(0.0), x(0.0) + 230.0, y(0.0) + 50.0],
            [x(1.0) - 230.0, y(0.0), x(1.0), y(0.0) + 50.0],
            [x(0.0), y(1.0) - 50.0, x(0.0) + 230.0, y(1.0)],
            [x(1.0) - 230.0, y(1.0) - 50.0, x(1.0), y(1.0)],
        ];
        for m in &g.marks {
            let c = [x(m.at[0]), y(m.at[1])];
            taken.push([c[0] - DOT, c[1] - DOT, c[0] + DOT, c[1] + DOT]);
        }
        let mut placed = Vec::new();
        let mut crowded = false;
        for &i in &members {
            let Some(m) = g.marks.get(i) else { continue };
            let c = [x(m.at[0]), y(m.at[1])];
            let inside = |b: &Box4| {
                b[0] >= region[0] + 2.0
                    && b[2] <= region[2] - 2.0
                    && b[1] >= region[1] + 2.0
                    && b[3] <= region[3] - 2.0
            };
            let free = |b: &Box4| !taken.iter().any(|t| overlaps(b, t));
            // Beside the dot (right, then left), wrapped to the room
            // there, else centred under or over it.
            let measured = |width: f32| {
                let lines = wrap(&m.name, GRID_FONT, width.max(60.0), false);
                let tw = lines
                    .iter()
                    .map(|l| text_width(l, GRID_FONT, false))
                    .fold(0.0, f32::max);
                let th = lines.len() as f32 * GRID_FONT * 1.2;
                (lines, tw, th)
            };
            let gap = DOT + 4.0;
            let mut spot = None;
            for side in 0..4 {
                let room = match side {
                    0 => region[2] - 2.0 - (c[0] + gap),
                    1 => c[0] - gap - (region[0] + 2.0),
                    _ => LABEL_WIDTH,
                };
                let (lines, tw, th) = measured(room.min(LABEL_WIDTH));
                if lines.len() > 3 {
                    continue;
                }
                let (b, anchor) = match side {
                    0 => (
                        [
                            c[0] + gap,
                            c[1] - th / 2.0,
                            c[0] + gap + tw,
                            c[1] + th / 2.0,
                        ],
                        Anchor::Start,
                    ),
                    1 => (
                        [
                            c[0] - gap - tw,
                            c[1] - th / 2.0,
                            c[0] - gap,
                            c[1] + th / 2.0,
                        ],
                        Anchor::End,
                    ),
                    2 => (
                        [
                            c[0] - tw / 2.0,
                            c[1] + gap,
                            c[0] + tw / 2.0,
                            c[1] + gap + th,
                        ],
                        Anchor::Middle,
                    ),
                    _ => (
                        [
                            c[0] - tw / 2.0,
                            c[1] - gap - th,
                            c[0] + tw / 2.0,
                            c[1] - gap,
                        ],
                        Anchor::Middle,
                    ),
                };
                if inside(&b) && free(&b) {
                    spot = Some((b, lines, anchor));
                    break;
                }
            }
            match spot {
                Some((b, lines, anchor)) => {
                    taken.push(b);
                    placed.push((i, b, lines, anchor));
                }
                None => {
                    crowded = true;
                    break;
                }
            }
        }
        if !crowded {
            for (i, b, lines, anchor) in placed {
                if let Some(slot) = labels.get_mut(i) {
                    *slot = Some((b, lines, anchor));
                }
            }
        }
    }
    let mut legend = Vec::new();
    for (i, m) in g.marks.iter().enumerate() {
        let c = [x(m.at[0]), y(m.at[1])];
        let undecided = m.placement == Placement::Undecided;
        let fill = hex(theme::TASK_FILL);
        let stroke = hex(theme::TASK_STROKE);
        match labels.get(i).cloned().flatten() {
            Some((b, lines, anchor)) => {
                svg.circle(c, DOT * 0.7, &fill, &stroke, 2.0);
                let tx = match anchor {
                    Anchor::Start => b[0],
                    Anchor::End => b[2],
                    Anchor::Middle => (b[0] + b[2]) / 2.0,
                };
                svg.lines(
                    [tx, b[1] + GRID_FONT],
                    &lines,
                    GRID_FONT,
                    GRID_FONT * 1.2,
                    &ink,
                    anchor,
                    false,
                );
            }
            None => {
                let number = legend.len() + 1;
                svg.circle(c, DOT, &fill, &stroke, 2.0);
                svg.text(
                    [c[0], c[1] + 4.0],
                    &number.to_string(),
                    11.0,
                    &ink,
                    Anchor::Middle,
                    true,
                );
                legend.push(LegendEntry {
                    number,
                    name: m.name.clone(),
                    place: m.placement.label(),
                });
            }
        }
        if undecided {
            svg.rect(
                [
                    c[0] - DOT - 4.0,
                    c[1] - DOT - 4.0,
                    2.0 * DOT + 8.0,
                    2.0 * DOT + 8.0,
                ],
                4.0,
                "none",
                &ink,
                1.5,
                Some("3 2"),
            );
            svg.text(
                [c[0] + DOT + 2.0, c[1] - DOT - 2.0],
                "?",
                13.0,
                &ink,
                Anchor::Start,
                true,
            );
        }
    }
    let figure = (!g.marks.is_empty()).then(|| Figure {
        svg: svg.finish(),
        width,
        height,
    });
    (figure, legend)
}

fn overlaps(a: &Box4, b: &Box4) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Most bars in the chart of hours lost; the rest are in the tables.
const MAX_BARS: usize = 12;

/// Step 2: hours lost per week per tool and flow, largest first, each bar
/// split into orchestra pain (solid) and jam pain (hatched). `None` when
/// no pain point on a tool or flow has hours.
pub fn pain_chart(session: &Session) -> Option<Figure> {
    let mut rows: Vec<(String, [f32; 2])> = Vec::new();
    let mut add = |name: String, attached: Attachment| {
        let mut split = [0.0f32; 2];
        for p in session
            .pain_points
            .iter()
            .filter(|p| p.attached == attached)
        {
            let i = usize::from(p.category == PainCategory::Jam);
            if let Some(slot) = split.get_mut(i) {
                *slot += p.hours_per_week.unwrap_or(0.0);
            }
        }
        if split[0] + split[1] > 0.0 {
            rows.push((name, split));
        }
    };
    for t in &session.tools {
        add(t.display_name(), Attachment::Tool(t.id));
    }
    for f in &session.flows {
        let shadow = if f.kind == FlowKind::Shadow {
            "⚠ "
        } else {
            ""
        };
        add(
            format!("{shadow}{}", session.flow_text(f)),
            Attachment::Flow(f.id),
        );
    }
    if rows.is_empty() {
        return None;
    }
    rows.sort_by(|a, b| (b.1[0] + b.1[1]).total_cmp(&(a.1[0] + a.1[1])));
    let more = rows.len().saturating_sub(MAX_BARS);
    rows.truncate(MAX_BARS);
    let max = rows
        .iter()
        .map(|r| r.1[0] + r.1[1])
        .fold(0.0, f32::max)
        .max(0.1);
    let label_w = 250.0;
    let bar_w = 330.0;
    let row_h = 34.0;
    let top = 34.0;
    let width = label_w + bar_w + 80.0;
    let height = top + rows.len() as f32 * row_h + if more > 0 { 26.0 } else { 8.0 };
    let ink = hex(theme::INK);
    let mut svg = Svg::new(
        width,
        height,
        "Hours lost per week per tool and flow, by pain category",
    );
    svg.raw(DEFS);
    svg.rect([0.0, 0.0, width, height], 0.0, "#FFFFFF", "none", 0.0, None);
    // Legend.
    svg.rect(
        [label_w, 8.0, 14.0, 14.0],
        0.0,
        &hex(theme::ORCHESTRA_PAIN_FILL),
        &ink,
        1.0,
        None,
    );
    svg.text(
        [label_w + 20.0, 20.0],
        "■ Orchestra pain (solid)",
        12.0,
        &ink,
        Anchor::Start,
        false,
    );
    svg.rect(
        [label_w + 180.0, 8.0, 14.0, 14.0],
        0.0,
        "url(#jam)",
        &ink,
        1.0,
        None,
    );
    svg.text(
        [label_w + 200.0, 20.0],
        "≈ Jam pain (hatched)",
        12.0,
        &ink,
        Anchor::Start,
        false,
    );
    for (i, (name, split)) in rows.iter().enumerate() {
        let y0 = top + i as f32 * row_h;
        let lines = wrap_rows(name, 12.0, label_w - 12.0, false, 2);
        let block = lines.len() as f32 * 14.0;
        svg.lines(
            [label_w - 8.0, y0 + row_h / 2.0 - block / 2.0 + 11.0],
            &lines,
            12.0,
            14.0,
            &ink,
            Anchor::End,
            false,
        );
        let mut x0 = label_w;
        for (k, value) in split.iter().enumerate() {
            let len = value / max * bar_w;
            if len > 0.0 {
                let fill = if k == 0 {
                    hex(theme::ORCHESTRA_PAIN_FILL)
                } else {
                    "url(#jam)".to_owned()
                };
                svg.rect(
                    [x0, y0 + 6.0, len, row_h - 12.0],
                    0.0,
                    &fill,
                    &ink,
                    1.0,
                    None,
                );
                x0 += len;
            }
        }
        svg.text(
            [x0 + 6.0, y0 + row_h / 2.0 + 4.0],
            &format!("{} h", num(split[0] + split[1])),
            12.0,
            &ink,
            Anchor::Start,
            true,
        );
    }
    if more > 0 {
        svg.text(
            [label_w, height - 8.0],
            &format!("and {more} more with fewer hours (in the table below)"),
            12.0,
            &hex(theme::INK_SOFT),
            Anchor::Start,
            false,
        );
    }
    Some(Figure {
        svg: svg.finish(),
        width,
        height,
    })
}

/// The work-model scores: per question, each participant's score as a
/// dot (with their initials, none when `anonymous`) on a 1–10 line, the
/// mean as a black triangle under the line and the spread as a grey bar, "as it is" above
/// "run now". Without participants' scores, the team consensus alone.
/// `None` when nothing was scored.
pub fn scores_chart(session: &Session, anonymous: bool) -> Option<Figure> {
    let summary = crate::model::WorkModelSummary::of_session(session);
    if summary.mean(ScoreSet::AsItIs).is_none() && summary.mean(ScoreSet::AsRun).is_none() {
        return None;
    }
    const R: f32 = 7.5;
    let label_w = 80.0;
    let axis_w = 470.0;
    let width = label_w + axis_w + 30.0;
    let sx = |v: f32| label_w + (v - 1.0) / 9.0 * axis_w;
    // Each row is as tall as its most tied score needs (dots stack up).
    let ties = |set: ScoreSet, q: Question| {
        let mut at = [0usize; 11];
        for p in &session.participants {
            if let Some(v) = p.scores.set(set).get(q)
                && let Some(slot) = at.get_mut(usize::from(v))
            {
                *slot += 1;
            }
        }
        at.into_iter().max().unwrap_or(0).max(1)
    };
    let row_h = |set, q| ties(set, q) as f32 * (2.0 * R + 1.0) + 34.0;
    let top = 44.0;
    let mut height = top;
    for q in Question::ALL {
        height += 22.0 + row_h(ScoreSet::AsItIs, q) + row_h(ScoreSet::AsRun, q) + 10.0;
    }
    let ink = hex(theme::INK);
    let soft = hex(theme::INK_SOFT);
    let mut svg = Svg::new(
        width,
        height,
        "Work-model scores per question: each participant, the mean and the spread, as it is and as we run it now",
    );
    svg.rect([0.0, 0.0, width, height], 0.0, "#FFFFFF", "none", 0.0, None);
    svg.text(
        [sx(1.0), 14.0],
        "← 1 Factory",
        12.0,
        &ink,
        Anchor::Start,
        true,
    );
    svg.text(
        [sx(10.0), 14.0],
        "Orchestra 10 →",
        12.0,
        &ink,
        Anchor::End,
        true,
    );
    for v in 1..=10u8 {
        let xv = sx(f32::from(v));
        svg.line([xv, top - 8.0], [xv, height - 6.0], "#E2E2E2", 1.0, None);
        svg.text(
            [xv, top - 12.0],
            &v.to_string(),
            11.0,
            &soft,
            Anchor::Middle,
            false,
        );
    }
    let mut y0 = top;
    for q in Question::ALL {
        svg.text([4.0, y0 + 15.0], q.title(), 13.0, &ink, Anchor::Start, true);
        y0 += 22.0;
        for set in ScoreSet::ALL {
            let h = row_h(set, q);
            // The baseline: dots sit on it and stack upwards.
            let base = y0 + h - 30.0;
            let name = match set {
                ScoreSet::AsItIs => "as it is",
                ScoreSet::AsRun => "run now",
            };
            svg.text(
                [label_w - 10.0, base + 4.0],
                name,
                11.0,
                &soft,
                Anchor::End,
                false,
            );
            svg.line([sx(1.0), base], [sx(10.0), base], "#BBBBBB", 1.0, None);
            if let Some(sp) = summary.spread(set, q) {
                let (a, b) = (sx(f32::from(sp.min)), sx(f32::from(sp.max)));
                svg.rect(
                    [a, base - 3.0, b - a, 6.0],
                    3.0,
                    "#C9C9C9",
                    "none",
                    0.0,
                    None,
                );
            }
            let mut at_score = [0usize; 11];
            for p in &session.participants {
                let Some(v) = p.scores.set(set).get(q) else {
                    continue;
                };
                let stack = at_score.get(usize::from(v)).copied().unwrap_or(0);
                if let Some(slot) = at_score.get_mut(usize::from(v)) {
                    *slot += 1;
                }
                let c = [sx(f32::from(v)), base - stack as f32 * (2.0 * R + 1.0)];
                // Anonymous minutes draw every dot alike: a colour could
                // name its participant as well as initials would.
                let [r, g, b] = if anonymous { [0x8A; 3] } else { p.colour };
                svg.circle(c, R, &format!("#{r:02X}{g:02X}{b:02X}"), &ink, 1.0);
                if !anonymous {
                    let initials = super::data::initials_of(&p.display_name());
                    let light =
                        (u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000 > 140;
                    let fill = if light {
                        ink.clone()
                    } else {
                        "#FFFFFF".to_owned()
                    };
                    svg.text(
                        [c[0], c[1] + 2.8],
                        &initials,
                        7.5,
                        &fill,
                        Anchor::Middle,
                        true,
                    );
                }
            }
            if let Some(m) = summary.value(set, q) {
                let mx = sx(m);
                // Under the line, pointing at the mean: no dot hides it.
                svg.poly(
                    &[
                        [mx, base + R + 1.0],
                        [mx + 6.0, base + R + 11.0],
                        [mx - 6.0, base + R + 11.0],
                    ],
                    true,
                    &ink,
                    "none",
                    0.0,
                );
                svg.text(
                    [mx, base + R + 22.0],
                    &format!("mean {}", num(m)),
                    10.0,
                    &ink,
                    Anchor::Middle,
                    true,
                );
            }
            y0 += h;
        }
        y0 += 10.0;
    }
    Some(Figure {
        svg: svg.finish(),
        width,
        height,
    })
}

/// The trends across quarters, as in the compare view: hours lost per
/// week per pain category (bars), shadow flows per quarter (bars), and
/// the gap per work-model question (lines with a different mark each).
pub fn quarter_charts(comparison: &Comparison) -> Vec<(&'static str, Figure)> {
    let trends = crate::model::Trends::of(comparison);
    if trends.is_empty() {
        return Vec::new();
    }
    let labels: Vec<String> = comparison
        .sessions
        .iter()
        .map(|s| s.label.quarter.clone())
        .collect();
    let mut out = Vec::new();
    // Hours per category.
    {
        let n = labels.len();
        let width = 560.0;
        let height = 260.0;
        let (l, r, t, b) = (50.0, 10.0, 34.0, 40.0);
        let plot_w = width - l - r;
        let plot_h = height - t - b;
        let max = trends.max_category_hours().max(1.0);
        let ink = hex(theme::INK);
        let mut svg = Svg::new(
            width,
            height,
            "Hours lost per week per pain category, per quarter",
        );
        svg.raw(DEFS);
        svg.rect([0.0, 0.0, width, height], 0.0, "#FFFFFF", "none", 0.0, None);
        axis_y(&mut svg, l, t, plot_w, plot_h, max, "h/week");
        let slot = plot_w / n.max(1) as f32;
        for (i, label) in labels.iter().enumerate() {
            let x0 = l + i as f32 * slot;
            for (k, category) in PainCategory::ALL.into_iter().enumerate() {
                let v = trends.hours_of(category).get(i).copied().unwrap_or(0.0);
                let bh = v / max * plot_h;
                let bw = slot * 0.3;
                let bx = x0 + slot * 0.18 + k as f32 * bw;
                let fill = if k == 0 {
                    hex(theme::ORCHESTRA_PAIN_FILL)
                } else {
                    "url(#jam)".to_owned()
                };
                svg.rect([bx, t + plot_h - bh, bw, bh], 0.0, &fill, &ink, 1.0, None);
                svg.text(
                    [bx + bw / 2.0, t + plot_h - bh - 4.0],
                    &num(v),
                    11.0,
                    &ink,
                    Anchor::Middle,
                    true,
                );
            }
            svg.text(
                [x0 + slot / 2.0, t + plot_h + 18.0],
                label,
                12.0,
                &ink,
                Anchor::Middle,
                false,
            );
        }
        svg.rect(
            [l, 8.0, 14.0, 14.0],
            0.0,
            &hex(theme::ORCHESTRA_PAIN_FILL),
            &ink,
            1.0,
            None,
        );
        svg.text(
            [l + 20.0, 20.0],
            "■ Orchestra pain (solid)",
            12.0,
            &ink,
            Anchor::Start,
            false,
        );
        svg.rect(
            [l + 190.0, 8.0, 14.0, 14.0],
            0.0,
            "url(#jam)",
            &ink,
            1.0,
            None,
        );
        svg.text(
            [l + 210.0, 20.0],
            "≈ Jam pain (hatched)",
            12.0,
            &ink,
            Anchor::Start,
            false,
        );
        out.push((
            "q_hours",
            Figure {
                svg: svg.finish(),
                width,
                height,
            },
        ));
    }
    // Shadow flows per quarter.
    {
        let n = labels.len();
        let width = 560.0;
        let height = 200.0;
        let (l, r, t, b) = (50.0, 10.0, 20.0, 40.0);
        let plot_w = width - l - r;
        let plot_h = height - t - b;
        let max = comparison
            .sessions
            .iter()
            .map(|s| s.shadow_flows)
            .max()
            .unwrap_or(0)
            .max(1) as f32;
        let ink = hex(theme::INK);
        let shadow = hex(theme::FLOW_SHADOW);
        let mut svg = Svg::new(width, height, "Shadow flows per quarter");
        svg.rect([0.0, 0.0, width, height], 0.0, "#FFFFFF", "none", 0.0, None);
        axis_y(&mut svg, l, t, plot_w, plot_h, max, "shadow flows");
        let slot = plot_w / n.max(1) as f32;
        for (i, s) in comparison.sessions.iter().enumerate() {
            let x0 = l + i as f32 * slot;
            let v = s.shadow_flows as f32;
            let bh = v / max * plot_h;
            let bw = slot * 0.4;
            let bx = x0 + slot * 0.3;
            svg.rect(
                [bx, t + plot_h - bh, bw, bh],
                0.0,
                "#FFFFFF",
                &shadow,
                2.5,
                Some("6 4"),
            );
            svg.text(
                [bx + bw / 2.0, t + plot_h - bh - 4.0],
                &format!("⚠ {}", s.shadow_flows),
                12.0,
                &shadow,
                Anchor::Middle,
                true,
            );
            svg.text(
                [x0 + slot / 2.0, t + plot_h + 18.0],
                labels.get(i).map_or("", String::as_str),
                12.0,
                &ink,
                Anchor::Middle,
                false,
            );
        }
        out.push((
            "q_shadow",
            Figure {
                svg: svg.finish(),
                width,
                height,
            },
        ));
    }
    // Gap per question.
    {
        let n = labels.len();
        let width = 560.0;
        let height = 260.0;
        let (l, r, t, b) = (50.0, 175.0, 16.0, 40.0);
        let plot_w = width - l - r;
        let plot_h = height - t - b;
        let max = trends.max_abs_gap().max(1.0);
        let ink = hex(theme::INK);
        let soft = hex(theme::INK_SOFT);
        let mut svg = Svg::new(
            width,
            height,
            "Gap per work-model question (as it is minus as we run it), per quarter",
        );
        svg.rect([0.0, 0.0, width, height], 0.0, "#FFFFFF", "none", 0.0, None);
        let y_of = |v: f32| t + plot_h / 2.0 - v / max * plot_h / 2.0;
        svg.line([l, y_of(0.0)], [l + plot_w, y_of(0.0)], &ink, 1.0, None);
        for v in [-max, max] {
            svg.text(
                [l - 6.0, y_of(v) + 4.0],
                &num(v),
                11.0,
                &soft,
                Anchor::End,
                false,
            );
            svg.line(
                [l, y_of(v)],
                [l + plot_w, y_of(v)],
                "#DDDDDD",
                1.0,
                Some("3 3"),
            );
        }
        svg.text(
            [l - 6.0, y_of(0.0) + 4.0],
            "0",
            11.0,
            &soft,
            Anchor::End,
            false,
        );
        let slot = plot_w / n.max(1) as f32;
        let colours = ["#1F3A5F", "#9A0E40", "#145A18", "#5B2C83"];
        let marks = ["circle", "square", "triangle", "diamond"];
        for (qi, q) in Question::ALL.into_iter().enumerate() {
            let colour = colours.get(qi).copied().unwrap_or("#141414");
            let points: Vec<[f32; 2]> = trends
                .gaps_of(q)
                .iter()
                .enumerate()
                .filter_map(|(i, g)| Some([l + (i as f32 + 0.5) * slot, y_of((*g)?)]))
                .collect();
            if points.len() > 1 {
                svg.poly(&points, false, "none", colour, 2.5);
            }
            let mark = marks.get(qi).copied().unwrap_or("circle");
            for p in &points {
                draw_mark(&mut svg, *p, mark, colour);
            }
            let ly = t + 14.0 + qi as f32 * 20.0;
            draw_mark(&mut svg, [l + plot_w + 16.0, ly - 4.0], mark, colour);
            svg.text(
                [l + plot_w + 28.0, ly],
                q.title(),
                12.0,
                &ink,
                Anchor::Start,
                false,
            );
        }
        for (i, label) in labels.iter().enumerate() {
            svg.text(
                [l + (i as f32 + 0.5) * slot, t + plot_h + 18.0],
                label,
                12.0,
                &ink,
                Anchor::Middle,
                false,
            );
        }
        out.push((
            "q_gaps",
            Figure {
                svg: svg.finish(),
                width,
                height,
            },
        ));
    }
    out
}

fn draw_mark(svg: &mut Svg, p: [f32; 2], mark: &str, colour: &str) {
    let s = 5.5;
    match mark {
        "square" => svg.rect(
            [p[0] - s, p[1] - s, 2.0 * s, 2.0 * s],
            0.0,
            colour,
            "#FFFFFF",
            1.0,
            None,
        ),
        "triangle" => svg.poly(
            &[
                [p[0], p[1] - s - 1.0],
                [p[0] + s + 1.0, p[1] + s],
                [p[0] - s - 1.0, p[1] + s],
            ],
            true,
            colour,
            "#FFFFFF",
            1.0,
        ),
        "diamond" => svg.poly(
            &[
                [p[0], p[1] - s - 1.0],
                [p[0] + s + 1.0, p[1]],
                [p[0], p[1] + s + 1.0],
                [p[0] - s - 1.0, p[1]],
            ],
            true,
            colour,
            "#FFFFFF",
            1.0,
        ),
        _ => svg.circle(p, s, colour, "#FFFFFF", 1.0),
    }
}

fn axis_y(svg: &mut Svg, l: f32, t: f32, plot_w: f32, plot_h: f32, max: f32, unit: &str) {
    let ink = hex(theme::INK);
    let soft = hex(theme::INK_SOFT);
    svg.line([l, t + plot_h], [l + plot_w, t + plot_h], &ink, 1.0, None);
    svg.line([l, t], [l, t + plot_h], &ink, 1.0, None);
    svg.text(
        [l - 6.0, t + plot_h + 4.0],
        "0",
        11.0,
        &soft,
        Anchor::End,
        false,
    );
    svg.text(
        [l - 6.0, t + 8.0],
        &num(max),
        11.0,
        &soft,
        Anchor::End,
        false,
    );
    svg.text([4.0, t - 5.0], unit, 10.0, &soft, Anchor::Start, false);
}
