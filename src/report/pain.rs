//! The pain points (Step 2): totals per category, the share on shadow
//! flows, the tools and flows with most hours, every pain point.

use super::capitalised;
use crate::format::{NONE, num, num1};
use crate::model::{Attachment, FlowKind, PainCategory, PainPoint, Session, Stats, one_line_or};

pub(super) fn pain_section(out: &mut Vec<String>, session: &Session, stats: &Stats) {
    let pain = &stats.pain;
    out.push(String::new());
    out.push(format!(
        "## Pain points ({}, {} h/week)",
        pain.count,
        num(pain.total)
    ));
    out.push(String::new());
    if session.pain_points.is_empty() {
        out.push("_No pain points raised._".to_owned());
        return;
    }
    out.push("| Category | Pain points | Hours/week |".to_owned());
    out.push("|---|---:|---:|".to_owned());
    for category in PainCategory::ALL {
        let n = session
            .pain_points
            .iter()
            .filter(|p| p.category == category)
            .count();
        out.push(format!(
            "| {} {} | {n} | {} |",
            category.marker(),
            capitalised(category.title()),
            num(pain.hours(category))
        ));
    }
    out.push(format!(
        "| **Total** | **{}** | **{}** |",
        pain.count,
        num(pain.total)
    ));
    out.push(String::new());
    let shadow = pain.shadow_share().map_or_else(
        || NONE.to_owned(),
        |share| {
            format!(
                "{} % ({} of {} h/week)",
                num1(share),
                num(pain.on_shadow_flows),
                num(pain.total)
            )
        },
    );
    out.push(format!("**Share of hours on shadow flows:** {shadow}"));

    out.push(String::new());
    out.push("### Tools with most hours lost".to_owned());
    out.push(String::new());
    let top_tools = pain.top_tools();
    if top_tools.is_empty() {
        out.push("_No hours on any tool._".to_owned());
    }
    for (i, (id, hours)) in top_tools.into_iter().enumerate() {
        out.push(format!(
            "{}. {} — {} h/week",
            i + 1,
            session.tool_name(id),
            num(hours)
        ));
    }
    out.push(String::new());
    out.push("### Flows with most hours lost".to_owned());
    out.push(String::new());
    let top_flows = pain.top_flows();
    if top_flows.is_empty() {
        out.push("_No hours on any flow._".to_owned());
    }
    for (i, (id, hours)) in top_flows.into_iter().enumerate() {
        let shadow = session.flow(id).is_some_and(|f| f.kind == FlowKind::Shadow);
        out.push(format!(
            "{}. {} — {} h/week{}",
            i + 1,
            session.flow_name(id),
            num(hours),
            if shadow { " (shadow)" } else { "" }
        ));
    }

    for category in PainCategory::ALL {
        let pains: Vec<&PainPoint> = session
            .pain_points
            .iter()
            .filter(|p| p.category == category)
            .collect();
        out.push(String::new());
        out.push(format!(
            "### {} {} ({}, {} h/week)",
            category.marker(),
            capitalised(category.title()),
            pains.len(),
            num(pain.hours(category))
        ));
        out.push(String::new());
        if pains.is_empty() {
            out.push("_None._".to_owned());
        }
        for p in pains {
            out.push(format!("- {}", pain_line(session, p)));
        }
    }
}

/// "text — 2 h/week · on tool Google Docs · by Jonas".
fn pain_line(session: &Session, pain: &PainPoint) -> String {
    let hours = pain.hours_per_week.map_or_else(
        || "hours not quantified".to_owned(),
        |h| format!("{} h/week", num(h)),
    );
    let attached = match pain.attached {
        Attachment::Free => "free-standing".to_owned(),
        Attachment::Tool(id) => format!("on tool {}", session.tool_name(id)),
        Attachment::Flow(id) => {
            let shadow = session.flow(id).is_some_and(|f| f.kind == FlowKind::Shadow);
            format!(
                "on {}flow {}",
                if shadow { "shadow " } else { "" },
                session.flow_name(id)
            )
        }
    };
    let mut line = format!(
        "{} — {hours} · {attached}",
        one_line_or(&pain.text, "(no text)")
    );
    let author = session.author_name(pain.author);
    if !author.is_empty() {
        line.push_str(&format!(" · by {author}"));
    }
    line
}
