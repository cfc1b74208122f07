//! Quarter over quarter: the headline figures of each pair of sessions
//! and the trends.

use serde::Serialize;

use crate::format::{num, signed, signed1};
use crate::model::{Placement, one_line_or};

/// Quarter over quarter: the compare view's headline figures and trends.
#[derive(Clone, Debug, Serialize)]
pub struct Quarters {
    /// "2025-Q3 → 2025-Q4 → 2026-Q1".
    pub sequence: String,
    /// Hours lost per week first → last: "31.5 → 9 h/week (−22.5 h/week, −71.4 %)".
    pub hours: String,
    /// "5 closed · 0 opened".
    pub shadow: String,
    /// How many tasks moved quadrant.
    pub moved_count: usize,
    /// How many changes were done.
    pub done_count: usize,
    /// Per session: its figures.
    pub rows: Vec<QuarterRow>,
    /// The compare view's headline figures for each pair it shows: each
    /// consecutive pair, then first → last with three or more sessions.
    pub pairs: Vec<PairRow>,
    /// Shadow flows closed, first → last.
    pub shadow_closed: Vec<String>,
    /// Shadow flows opened, first → last.
    pub shadow_opened: Vec<String>,
    /// Tasks that moved quadrant: "Approvals: Jam Session → Orchestra".
    pub moved: Vec<String>,
    /// Changes done, with their measured value.
    pub done: Vec<String>,
}

/// The headline figures of one pair of sessions, as the compare view
/// shows them.
#[derive(Clone, Debug, Serialize)]
pub struct PairRow {
    /// "2025-Q3 (…) → 2025-Q4 (…)".
    pub pair: String,
    /// "31.5 → 20 h/week (−11.5 h/week, −36.5 %)".
    pub hours: String,
    /// "2 closed · 0 opened".
    pub shadow: String,
    /// Tasks that moved quadrant.
    pub moved: usize,
    /// Changes done since the earlier session.
    pub done: usize,
}

/// One session in the quarter table.
#[derive(Clone, Debug, Serialize)]
pub struct QuarterRow {
    /// "2026-Q1 (2026-01-21)".
    pub label: String,
    /// Tools.
    pub tools: usize,
    /// Flows.
    pub flows: usize,
    /// Shadow flows.
    pub shadow_flows: usize,
    /// Hours lost per week.
    pub hours: String,
    /// Orchestra pain hours.
    pub orchestra: String,
    /// Jam pain hours.
    pub jam: String,
}

/// "31.5 → 20 h/week (−11.5 h/week, −36.5 %)", as the compare view's
/// headline says it.
pub(super) fn hours_headline(h: crate::model::BeforeAfter<f32>) -> String {
    let pct = h
        .percent()
        .map_or_else(String::new, |p| format!(", {} %", signed1(p)));
    format!(
        "{} → {} h/week ({} h/week{pct})",
        num(h.before),
        num(h.after),
        signed(h.delta())
    )
}

pub(super) fn pair_row(d: &crate::model::SessionDiff) -> PairRow {
    PairRow {
        pair: format!("{} → {}", d.before.short(), d.after.short()),
        hours: hours_headline(d.hours.total),
        shadow: format!(
            "{} closed · {} opened",
            d.shadow_closed.len(),
            d.shadow_opened.len()
        ),
        moved: d.moved_tasks.len(),
        done: d.done_since().count(),
    }
}

pub(super) fn quarters(comparison: &crate::model::Comparison) -> Option<Quarters> {
    let d = comparison.first_to_last()?;
    let shadow_line = |s: &crate::model::ShadowChange| {
        let share = s.share.map_or_else(String::new, |v| format!(", {v} %"));
        format!("{} ({}{share})", s.flow, s.how.label())
    };
    Some(Quarters {
        sequence: comparison
            .sessions
            .iter()
            .map(|s| s.label.short())
            .collect::<Vec<_>>()
            .join(" → "),
        hours: hours_headline(d.hours.total),
        pairs: comparison
            .steps
            .iter()
            .chain(&comparison.overall)
            .map(pair_row)
            .collect(),
        shadow: format!(
            "{} closed · {} opened",
            d.shadow_closed.len(),
            d.shadow_opened.len()
        ),
        moved_count: d.moved_tasks.len(),
        done_count: d.done_since().count(),
        rows: comparison
            .sessions
            .iter()
            .map(|s| QuarterRow {
                label: s.label.short(),
                tools: s.tools,
                flows: s.flows,
                shadow_flows: s.shadow_flows,
                hours: num(s.hours_total),
                orchestra: num(s.hours_per_category[0]),
                jam: num(s.hours_per_category[1]),
            })
            .collect(),
        shadow_closed: d.shadow_closed.iter().map(shadow_line).collect(),
        shadow_opened: d.shadow_opened.iter().map(shadow_line).collect(),
        moved: d
            .moved_tasks
            .iter()
            .map(|m| {
                let place = |p: Option<Placement>| p.map_or("tray", Placement::label);
                format!(
                    "{}: {} → {}",
                    m.name,
                    place(m.from_place),
                    place(m.to_place)
                )
            })
            .collect(),
        done: d
            .done_since()
            .map(|c| {
                format!(
                    "{}: {}",
                    one_line_or(&c.description, "(no description)"),
                    crate::format::metric_line(c)
                )
            })
            .collect(),
    })
}
