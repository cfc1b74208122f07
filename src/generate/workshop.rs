//! A synthetic *workshop* board (issue 13): a crowded but realistic tool
//! map to check legibility against, e.g. 60 tools, 120 flows and 150 pain
//! points. Tools sit on a grid spaced like the bundled examples (380 × 280
//! board units), flows join tools at most two cells apart (one in five a
//! shadow flow with a share), pain points hang on tools (60 %), flows
//! (30 %) or stand free under the map (10 %), with hours lost per week.
//!
//! With [`Spec::crowded`] it is the messy board of a real workshop
//! (issue 18): long tool names ("Google Sheets (weekly SLA tracker)"),
//! long flow labels, most pain points on three tools, and tasks named in
//! 40–60 characters, on the board as notes and on the grid, most of them
//! in the Orchestra quadrant.
//!
//! Deterministic: the same spec gives the same session.

use crate::model::{
    Attachment, BoardPos, Flow, FlowKind, GridPos, Id, PainCategory, PainPoint, Session,
    SessionHeader, Task, Tool,
};

/// Spacing of the tools' grid, board units (as in the examples).
pub const SPACING: [f32; 2] = [380.0, 280.0];

const TOOL_NAMES: [&str; 20] = [
    "Asana",
    "Slack",
    "Google Docs",
    "WordPress",
    "Zapier",
    "Email",
    "Jira",
    "GitHub",
    "Figma",
    "Notion",
    "Google Sheets",
    "HubSpot",
    "Salesforce",
    "Trello",
    "Miro",
    "Zoom",
    "Dropbox",
    "Airtable",
    "Intercom",
    "Confluence",
];

/// Tool names as real workshops write them: the tool and what it is used
/// for (issue 18's crowded board).
const LONG_TOOL_NAMES: [&str; 20] = [
    "Google Sheets (weekly SLA tracker)",
    "Microsoft Teams (customer calls)",
    "Jira Service Management",
    "Confluence (runbooks and how-tos)",
    "Salesforce Service Cloud",
    "Zendesk (tier-1 support queue)",
    "GitHub Actions (release pipeline)",
    "Slack #incidents channel",
    "Outlook shared inbox",
    "Notion product wiki",
    "Looker Studio dashboards",
    "PagerDuty on-call rota",
    "Figma (design system library)",
    "Google Drive shared folders",
    "HubSpot CRM (sales pipeline)",
    "Asana (editorial calendar)",
    "WordPress (public website)",
    "Zapier automations",
    "Miro retro boards",
    "Email to external agencies",
];

/// Flow labels of the crowded board: what passes, said in full.
const LONG_FLOW_LABELS: [&str; 8] = [
    "weekly SLA figures copied by hand",
    "escalated tickets with call notes",
    "release approval and change record",
    "incident timeline for the post-mortem",
    "customer feedback summarised monthly",
    "design hand-off with redlines",
    "status update for the steering group",
    "invoices and purchase orders",
];

/// Task names of 40–60 characters, as the room writes them.
const LONG_TASK_NAMES: [&str; 16] = [
    "Deploy the weekly release to the production servers",
    "Reconcile the SLA tracker with the ticket queue",
    "Approve changes to the customer contract template",
    "Run the monthly access review for admin accounts",
    "Publish the quarterly security patch bulletin",
    "Migrate the billing data to the new finance system",
    "Roll back a failed database schema migration",
    "Renew the TLS certificates before they expire",
    "Sign off the incident post-mortem with the client",
    "Rotate the on-call rota for the holiday season",
    "Close the books at the end of the financial month",
    "Answer a security questionnaire from a large client",
    "Triage a sudden spike of login failures at night",
    "Explore what customers mean by 'slow' in surveys",
    "Prototype a new onboarding flow with three users",
    "Format the supplier invoices for the accountant",
];

const FLOW_LABELS: [&str; 8] = [
    "task updates",
    "final assets",
    "approval requested",
    "weekly status",
    "tickets",
    "hand-off with brief",
    "release notes",
    "customer feedback",
];

const PAIN_TEXTS: [&str; 8] = [
    "Nobody knows which version is the final one",
    "The same decision is made again every week",
    "Copying numbers by hand between two tools",
    "Waiting two days for an approval that takes a minute",
    "Notifications for every small change drown the real ones",
    "Files attached to emails instead of linked",
    "The template asks for fields nobody reads",
    "Status meeting repeats what the board already says",
];

/// What board to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// Tools on the map (0 makes an empty map).
    pub tools: usize,
    /// Flows between tools at most two grid cells apart (fewer when the
    /// map has no room for more).
    pub flows: usize,
    /// Pain points, on tools (60 %), flows (30 %) or free (10 %); on a
    /// crowded board 70 % of them go to its first three tools.
    pub pains: usize,
    /// Tasks on the typology grid (on a crowded board also on the map as
    /// task notes); `None`: a third of the tools (16 when crowded).
    pub tasks: Option<usize>,
    /// The messy board of a real workshop (see the module's doc).
    pub crowded: bool,
    /// Seed of the pseudo-random choices.
    pub seed: u64,
}

impl Spec {
    /// `tools` tools with twice as many flows and 2.5 pain points a tool,
    /// not crowded, seed 1.
    pub fn new(tools: usize) -> Self {
        Self {
            tools,
            flows: tools * 2,
            pains: tools * 5 / 2,
            tasks: None,
            crowded: false,
            seed: 1,
        }
    }

    /// Issue 18's crowded board: 14 tools with long names, 22 flows, 30
    /// pain points crowding three tools, 16 long-named tasks of which 10
    /// are in the Orchestra quadrant.
    pub fn crowded() -> Self {
        Self {
            tools: 14,
            flows: 22,
            pains: 30,
            tasks: Some(16),
            crowded: true,
            seed: 1,
        }
    }
}

/// A workshop board of `tools` tools, `flows` flows and `pains` pain
/// points (seeded by `seed`), with a few tasks on the board and on the
/// typology grid.
pub fn session(tools: usize, flows: usize, pains: usize, seed: u64) -> Session {
    generate(&Spec {
        seed,
        flows,
        pains,
        ..Spec::new(tools)
    })
}

/// The workshop board `spec` asks for.
pub fn generate(spec: &Spec) -> Session {
    let &Spec {
        tools,
        flows,
        pains,
        crowded,
        seed,
        ..
    } = spec;
    let mut rng = fastrand::Rng::with_seed(seed);
    let cols = ((tools as f32 * 1.6).sqrt().ceil() as usize).max(1);
    let mut next = 1_u64;
    let mut id = || {
        let this = Id(next);
        next += 1;
        this
    };
    let mut session = Session {
        header: SessionHeader {
            title: format!("Synthetic workshop: {tools} tools, {flows} flows, {pains} pain points"),
            team: "Generated by rhythm generate".to_owned(),
            quarter: "2026-Q1".to_owned(),
            date: "2026-01-01".to_owned(),
            facilitator: "rhythm generate".to_owned(),
        },
        ..Session::default()
    };
    let (tool_names, flow_labels): (&[&str], &[&str]) = if crowded {
        (&LONG_TOOL_NAMES, &LONG_FLOW_LABELS)
    } else {
        (&TOOL_NAMES, &FLOW_LABELS)
    };
    for i in 0..tools {
        let name = match tool_names.get(i % tool_names.len()) {
            Some(n) if i < tool_names.len() => (*n).to_owned(),
            Some(n) => format!("{n} {}", i / tool_names.len() + 1),
            None => format!("Tool {}", i + 1),
        };
        session.tools.push(Tool {
            id: id(),
            name,
            pos: BoardPos::new(
                (i % cols) as f32 * SPACING[0],
                (i / cols) as f32 * SPACING[1],
            ),
            author: None,
        });
    }
    let rows = tools.div_ceil(cols);
    let mut joined = std::collections::HashSet::new();
    let mut tries = 0;
    while session.flows.len() < flows && tools > 1 && tries < flows * 50 {
        tries += 1;
        let a = rng.usize(..tools);
        let (ax, ay) = ((a % cols) as i64, (a / cols) as i64);
        let (dx, dy) = (rng.i64(-2..=2), rng.i64(-2..=2));
        let (bx, by) = (ax + dx, ay + dy);
        if (dx, dy) == (0, 0) || bx < 0 || by < 0 || bx >= cols as i64 || by >= rows as i64 {
            continue;
        }
        let b = (by as usize) * cols + bx as usize;
        if b >= tools || !joined.insert((a, b)) {
            continue;
        }
        let (Some(from), Some(to)) = (session.tools.get(a), session.tools.get(b)) else {
            continue;
        };
        let shadow = rng.usize(..5) == 0;
        let (from, to) = (from.id, to.id);
        let label = flow_labels
            .get(rng.usize(..flow_labels.len()))
            .copied()
            .unwrap_or_default();
        session.flows.push(Flow {
            id: id(),
            from,
            to,
            label: label.to_owned(),
            kind: if shadow {
                FlowKind::Shadow
            } else {
                FlowKind::Designed
            },
            share: shadow.then(|| rng.u8(5..=80)),
        });
    }
    let below = rows as f32 * SPACING[1] + 60.0;
    for i in 0..pains {
        let roll = rng.usize(..10);
        let crowd = crowded && rng.usize(..10) < 7;
        let attached = match (roll, session.flows.is_empty()) {
            _ if crowd => session
                .tools
                .get(rng.usize(..tools.clamp(1, 3)))
                .map_or(Attachment::Free, |t| Attachment::Tool(t.id)),
            (0..=5, _) | (6..=8, true) => session
                .tools
                .get(rng.usize(..tools.max(1)))
                .map_or(Attachment::Free, |t| Attachment::Tool(t.id)),
            (6..=8, false) => session
                .flows
                .get(rng.usize(..session.flows.len()))
                .map_or(Attachment::Free, |f| Attachment::Flow(f.id)),
            _ => Attachment::Free,
        };
        let text = PAIN_TEXTS
            .get(rng.usize(..PAIN_TEXTS.len()))
            .copied()
            .unwrap_or_default();
        session.pain_points.push(PainPoint {
            id: id(),
            text: text.to_owned(),
            category: if rng.bool() {
                PainCategory::Orchestra
            } else {
                PainCategory::Jam
            },
            hours_per_week: Some(f32::from(rng.u8(1..=10)) / 2.0),
            attached,
            pos: BoardPos::new((i % 8) as f32 * 220.0, below + (i / 8 % 4) as f32 * 130.0),
            author: None,
            reassess: false,
        });
    }
    let tasks = spec
        .tasks
        .unwrap_or(if crowded { 16 } else { (tools / 3).max(1) });
    // The crowded board's task notes stand in a column right of the map.
    let right = cols as f32 * SPACING[0] + 40.0;
    for i in 0..tasks {
        let grid = if crowded {
            let (x, y) = (0.15 + rng.f32() * 0.8, 0.15 + rng.f32() * 0.8);
            // Five in eight in the Orchestra quadrant (predictable, high
            // stakes), clear of the axes; the others spread over the three
            // other quadrants.
            match (i % 8 < 5, i % 3) {
                (true, _) => GridPos::new(-x, y),
                (false, 0) => GridPos::new(x, y),
                (false, 1) => GridPos::new(-x, -y),
                (false, _) => GridPos::new(x, -y),
            }
        } else {
            GridPos::new(rng.f32() * 1.9 - 0.95, rng.f32() * 1.9 - 0.95)
        };
        let name = match LONG_TASK_NAMES.get(i % LONG_TASK_NAMES.len()) {
            Some(n) if crowded => (*n).to_owned(),
            _ => format!("Task {} of the workshop", i + 1),
        };
        session.tasks.push(Task {
            id: id(),
            name,
            board_pos: crowded
                .then(|| BoardPos::new(right + (i % 2) as f32 * 200.0, (i / 2) as f32 * 140.0)),
            grid: Some(grid),
            ..Task::default()
        });
    }
    session.next_id = next;
    session
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counts_asked_for_are_made_and_the_session_is_sound() {
        let s = session(60, 120, 150, 1);
        assert_eq!(
            (s.tools.len(), s.flows.len(), s.pain_points.len()),
            (60, 120, 150)
        );
        assert!(s.problems().is_empty(), "{:?}", s.problems());
        assert_eq!(s, session(60, 120, 150, 1), "deterministic");
        let shadow = s
            .flows
            .iter()
            .filter(|f| f.kind == FlowKind::Shadow)
            .count();
        assert!(shadow > 0 && shadow < 60, "{shadow} shadow flows");
    }

    #[test]
    fn the_crowded_board_has_long_names_crowded_tools_and_a_full_orchestra_quadrant() {
        let s = generate(&Spec::crowded());
        assert!(s.problems().is_empty(), "{:?}", s.problems());
        assert_eq!(
            (
                s.tools.len(),
                s.flows.len(),
                s.pain_points.len(),
                s.tasks.len()
            ),
            (14, 22, 30, 16)
        );
        assert!(s.tools.iter().all(|t| t.name.len() >= 18), "long names");
        let on_first_three = s
            .pain_points
            .iter()
            .filter(|p| {
                s.tools
                    .iter()
                    .take(3)
                    .any(|t| p.attached == Attachment::Tool(t.id))
            })
            .count();
        assert!(
            on_first_three >= 18,
            "{on_first_three} of 30 on three tools"
        );
        assert!(
            s.tasks
                .iter()
                .all(|t| (40..=60).contains(&t.name.chars().count()))
        );
        assert!(s.tasks.iter().all(|t| t.board_pos.is_some()));
        let orchestra = s
            .tasks
            .iter()
            .filter(|t| {
                t.grid.map(|g| g.placement())
                    == Some(crate::model::Placement::Quadrant(
                        crate::model::Quadrant::Orchestra,
                    ))
            })
            .count();
        assert_eq!(orchestra, 10);
    }
}
