//! The typology grid (Step 3) as a drawing.

use serde::Serialize;

use super::{Figure, hex};
use crate::minutes::geometry::{Box4, grid_geometry};
use crate::minutes::svg::{Anchor, Svg, text_width, wrap, wrap_rows};
use crate::model::{Placement, Quadrant, Session};
use crate::ui::theme;

/// A numbered dot on the grid, as its legend names it.
#[derive(Clone, Debug, Serialize)]
pub struct LegendEntry {
    /// The number on the dot.
    pub number: usize,
    /// The task.
    pub name: String,
    /// Its quadrant, or "undecided".
    pub place: &'static str,
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
