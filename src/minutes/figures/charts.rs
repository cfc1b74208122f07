//! The charts: hours lost, the work-model scores, the trends across
//! quarters.

use super::{DEFS, Figure, hex};
use crate::format::num;
use crate::minutes::svg::{Anchor, Svg, wrap_rows};
use crate::model::{Attachment, Comparison, FlowKind, PainCategory, Question, ScoreSet, Session};
use crate::ui::theme;

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
    pain_legend(&mut svg, label_w, 180.0, &ink);
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
                    let initials = crate::minutes::data::initials_of(&p.display_name());
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
            quarter_label(&mut svg, x0 + slot / 2.0, t + plot_h, label);
        }
        pain_legend(&mut svg, l, 190.0, &ink);
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
            let label = labels.get(i).map_or("", String::as_str);
            quarter_label(&mut svg, x0 + slot / 2.0, t + plot_h, label);
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
            quarter_label(&mut svg, l + (i as f32 + 0.5) * slot, t + plot_h, label);
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

/// The legend of the pain-point charts at the top, from `x`: the solid
/// orchestra swatch and its name, then at `x + jam` the hatched jam
/// swatch and its name (colour is never alone).
fn pain_legend(svg: &mut Svg, x: f32, jam: f32, ink: &str) {
    let orchestra = hex(theme::ORCHESTRA_PAIN_FILL);
    for (at, fill, name) in [
        (x, orchestra.as_str(), "■ Orchestra pain (solid)"),
        (x + jam, "url(#jam)", "≈ Jam pain (hatched)"),
    ] {
        svg.rect([at, 8.0, 14.0, 14.0], 0.0, fill, ink, 1.0, None);
        svg.text([at + 20.0, 20.0], name, 12.0, ink, Anchor::Start, false);
    }
}

/// A quarter's label ("2026-Q1") centred at `x` under a chart's axis at
/// `axis_y`.
fn quarter_label(svg: &mut Svg, x: f32, axis_y: f32, label: &str) {
    let ink = hex(theme::INK);
    svg.text([x, axis_y + 18.0], label, 12.0, &ink, Anchor::Middle, false);
}
