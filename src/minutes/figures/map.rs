//! The tool map (Step 1) as a drawing.

use super::{DEFS, Figure, fitted_text, h, hex, w};
use crate::minutes::geometry::{Box4, map_geometry};
use crate::minutes::svg::Svg;
use crate::model::{FlowKind, Session};
use crate::ui::theme;

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
