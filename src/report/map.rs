//! The tool map (Step 1): tools and flows, with the hours lost on each.

use super::count;
use crate::format::num;
use crate::model::{Attachment, FlowKind, Session, Stats};

/// " — 2 h/week lost (1 pain point)", or "" when nothing is attached.
fn attached_pain(session: &Session, attachment: Attachment, hours: Option<f32>) -> String {
    let n = session
        .pain_points
        .iter()
        .filter(|p| p.attached == attachment)
        .count();
    if n == 0 {
        return String::new();
    }
    format!(
        " — {} h/week lost ({})",
        num(hours.unwrap_or(0.0)),
        count(n, "pain point")
    )
}

pub(super) fn tools_section(out: &mut Vec<String>, session: &Session, stats: &Stats) {
    out.push(String::new());
    out.push(format!("## Tools ({})", stats.tools));
    out.push(String::new());
    if session.tools.is_empty() {
        out.push("_No tools listed._".to_owned());
    }
    for tool in &session.tools {
        let hours = stats.pain.per_tool.get(&tool.id).copied();
        out.push(format!(
            "- {}{}",
            tool.display_name(),
            attached_pain(session, Attachment::Tool(tool.id), hours)
        ));
    }
}

pub(super) fn flows_section(out: &mut Vec<String>, session: &Session, stats: &Stats) {
    out.push(String::new());
    out.push(format!(
        "## Flows ({}, {} shadow)",
        stats.flows, stats.shadow_flows
    ));
    out.push(String::new());
    if session.flows.is_empty() {
        out.push("_No flows mapped._".to_owned());
    }
    for flow in &session.flows {
        let mut line = format!("- {}", session.flow_text(flow));
        if flow.kind == FlowKind::Shadow {
            line.push_str(" — **shadow**");
            if let Some(share) = flow.share {
                line.push_str(&format!(", {share} % of the traffic"));
            }
        }
        let hours = stats.pain.per_flow.get(&flow.id).copied();
        line.push_str(&attached_pain(session, Attachment::Flow(flow.id), hours));
        out.push(line);
    }
}
