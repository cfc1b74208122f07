//! The hybrid score (Step 4): zones, airlocks and changes.

use super::{cell, or_dash};
use crate::format::{NONE, num64};
use crate::model::{ChangeStatus, Owner, Session, Stats, one_line, one_line_or};

pub(super) fn hybrid_section(out: &mut Vec<String>, session: &Session, stats: &Stats) {
    out.push(String::new());
    out.push("## Hybrid score".to_owned());

    out.push(String::new());
    out.push(format!("### Zones ({})", session.zones.len()));
    out.push(String::new());
    if session.zones.is_empty() {
        out.push("_No zones._".to_owned());
    }
    for zone in &session.zones {
        let rhythm = if zone.rhythm == zone.quadrant {
            format!("rhythm **{}**", zone.rhythm.title())
        } else {
            format!(
                "rhythm **{}** (instead of the recommended {})",
                zone.rhythm.title(),
                zone.quadrant.title()
            )
        };
        let principles = one_line(&zone.principles);
        let principles = if principles.is_empty() {
            "_no principles yet_".to_owned()
        } else {
            principles
        };
        out.push(format!(
            "- **{}** zone ({}): {rhythm}. Principles: {principles}",
            zone.quadrant.title(),
            zone.quadrant.axes()
        ));
    }

    out.push(String::new());
    out.push(format!("### Airlocks ({})", session.airlocks.len()));
    out.push(String::new());
    if session.airlocks.is_empty() {
        out.push("_No airlocks between zones._".to_owned());
    }
    for airlock in &session.airlocks {
        out.push(format!(
            "- **{}** ({} → {})",
            one_line_or(&airlock.name, "(unnamed airlock)"),
            airlock.from.title(),
            airlock.to.title()
        ));
        for (what, text) in [
            ("Entry", &airlock.entry),
            ("Exit", &airlock.exit),
            ("Handover", &airlock.handover),
        ] {
            out.push(format!("  - {what}: {}", or_dash(one_line(text))));
        }
    }

    let in_progress = session
        .changes
        .iter()
        .filter(|c| c.status == ChangeStatus::InProgress)
        .count();
    out.push(String::new());
    out.push(format!(
        "### Changes ({}, {in_progress} in progress)",
        session.changes.len()
    ));
    out.push(String::new());
    if let Some(warning) = &stats.changes_warning {
        out.push(format!("> ⚠ {warning}"));
        out.push(String::new());
    }
    if session.changes.is_empty() {
        out.push("_No changes planned._".to_owned());
        return;
    }
    out.push("| Change | Owner | Target | Metric | Baseline → target | Status |".to_owned());
    out.push("|---|---|---|---|---|---|".to_owned());
    for change in &session.changes {
        let owner = match &change.owner {
            Owner::Nobody => NONE.to_owned(),
            Owner::Participant(id) => session.author_name(Some(*id)),
            Owner::Named(name) => or_dash(one_line(name)),
        };
        let target = session
            .target_name(change.target)
            .unwrap_or_else(|| NONE.to_owned());
        let value = |v: Option<f64>| v.map_or_else(|| NONE.to_owned(), num64);
        let unit = change.unit_suffix();
        let status = if change.status == ChangeStatus::InProgress {
            format!("**{}**", change.status.label())
        } else {
            change.status.label().to_owned()
        };
        out.push(format!(
            "| {} | {} | {} | {} | {} → {}{unit} | {status} |",
            cell(&one_line_or(&change.description, "(no description)")),
            cell(&owner),
            cell(&target),
            cell(&or_dash(one_line(&change.metric))),
            value(change.baseline),
            value(change.target_value),
        ));
    }
}
