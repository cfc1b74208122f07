//! The diagnosis on one page: what the workshop found, in figures.

use serde::Serialize;

use crate::format::{NONE, num, num1};
use crate::model::{
    ChangeStatus, FlowKind, Lens, PainCategory, Question, ScoreSet, Session, Stats,
    WorkModelSummary,
};

use super::steps::{QuadrantRow, change_row, quadrant_rows};
use super::{count, hours, mean};

/// The diagnosis on one page.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// Hours lost per week, all pain points.
    pub hours_total: String,
    /// Of which orchestra pain.
    pub hours_orchestra: String,
    /// Of which jam pain.
    pub hours_jam: String,
    /// Orchestra share of the hours, percent 0–100 (for a bar).
    pub orchestra_percent: f32,
    /// "23 pain points".
    pub pain_count: String,
    /// Shadow flows out of all flows: "3 of 9 flows".
    pub shadow_count: String,
    /// Each shadow flow with its share of traffic.
    pub shadow_flows: Vec<String>,
    /// "Mean share diverted: 35 %", or empty.
    pub shadow_share: String,
    /// "4.5 h/week (19 %) lost on shadow flows", or empty.
    pub shadow_hours: String,
    /// Per quadrant: tasks and the recommended rhythm.
    pub quadrants: Vec<QuadrantRow>,
    /// "2 undecided" or empty.
    pub undecided: String,
    /// Work model as it is: mean and verdict.
    pub as_is: String,
    /// How we run it now: mean and verdict.
    pub as_run: String,
    /// The largest gap: "Process: 7 as it is vs 3 run now, gap 4 ⚠".
    pub largest_gap: String,
    /// Whether that gap is a misalignment (≥ 4 points).
    pub misaligned: bool,
    /// "O 3 · A 2 · hybrid 1 (of 8 tasks checked)".
    pub automation: String,
    /// Tasks whose label disagrees with their quadrant.
    pub disagreements: Vec<String>,
    /// The change to make next.
    pub next_change: Option<NextChange>,
    /// The findings in sentences, most important first.
    pub findings: Vec<String>,
}

/// The one change to make next (in progress, else the first planned).
#[derive(Clone, Debug, Serialize)]
pub struct NextChange {
    /// What changes.
    pub description: String,
    /// Who owns it.
    pub owner: String,
    /// What it targets.
    pub target: String,
    /// Its metric: "cycle time: 14 → 5 days".
    pub metric: String,
    /// Its status.
    pub status: String,
}

pub(super) fn verdict(summary: &WorkModelSummary, set: ScoreSet) -> String {
    match (summary.mean(set), summary.verdict(set)) {
        (Some(m), Some(v)) => format!("{} ({})", num(m), v.label(Lens::WorkModel)),
        _ => "not scored".to_owned(),
    }
}

pub(super) fn summary(session: &Session, stats: &Stats, anonymous: bool) -> Summary {
    let pain = &stats.pain;
    let orchestra = pain.hours(PainCategory::Orchestra);
    let jam = pain.hours(PainCategory::Jam);
    let shadow: Vec<&crate::model::Flow> = session
        .flows
        .iter()
        .filter(|f| f.kind == FlowKind::Shadow)
        .collect();
    let shadow_flows = shadow
        .iter()
        .map(|f| match f.share {
            Some(s) => format!("{} ({s} % of the traffic)", session.flow_text(f)),
            None => session.flow_text(f),
        })
        .collect();
    let wm = &stats.work_model;
    let largest = Question::ALL
        .into_iter()
        .zip(wm.gaps)
        .filter_map(|(q, g)| Some((q, g?)))
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()));
    let (largest_gap, misaligned) = match largest {
        Some((q, g)) => (
            format!(
                "{}: {} as it is vs {} as we run it now, gap {}",
                q.title(),
                mean(wm.value(ScoreSet::AsItIs, q)),
                mean(wm.value(ScoreSet::AsRun, q)),
                num(g)
            ),
            WorkModelSummary::is_misaligned(g),
        ),
        None => ("not scored".to_owned(), false),
    };
    let auto = &stats.automation;
    let checked = auto.orchestral + auto.algorithmic + auto.hybrid;
    let automation = if checked == 0 {
        "No task has been through the automation check.".to_owned()
    } else {
        format!(
            "O {} · A {} · hybrid {} ({} checked of {})",
            auto.orchestral,
            auto.algorithmic,
            auto.hybrid,
            checked,
            count(session.tasks.len(), "task")
        )
    };
    let disagreements = auto
        .disagreements
        .iter()
        .map(|(id, label, q)| {
            format!(
                "{}: {} in {}",
                session.task_name(*id),
                label.short(),
                q.title()
            )
        })
        .collect();
    let next_change = session
        .changes
        .iter()
        .find(|c| c.status == ChangeStatus::InProgress)
        .or_else(|| {
            session
                .changes
                .iter()
                .find(|c| c.status == ChangeStatus::Planned)
        })
        .map(|c| {
            let row = change_row(session, c, anonymous);
            NextChange {
                description: row.description,
                owner: row.owner,
                target: row.target,
                metric: if row.metric == NONE {
                    row.values
                } else {
                    format!("{}: {}", row.metric, row.values)
                },
                status: row.status.to_owned(),
            }
        });
    let quadrants = quadrant_rows(session);
    let mut findings = Vec::new();
    if pain.total > 0.0 {
        let (big, big_word) = if orchestra >= jam {
            (orchestra, "orchestra pain (too much process)")
        } else {
            (jam, "jam pain (chaos, lost information)")
        };
        findings.push(format!(
            "The team loses {} to its ways of working; {} of it is {big_word}.",
            hours(pain.total),
            hours(big)
        ));
    }
    if !shadow.is_empty() {
        let on = if pain.on_shadow_flows > 0.0 {
            format!(", where {} is lost", hours(pain.on_shadow_flows))
        } else {
            String::new()
        };
        findings.push(format!(
            "{} of {} bypass the designed path{on}.",
            count(shadow.len(), "shadow flow"),
            count(session.flows.len(), "flow"),
        ));
    }
    match largest {
        Some((q, g)) if WorkModelSummary::is_misaligned(g) => findings.push(format!(
            "Misalignment on {}: the work is scored {} but run as {} (gap {}).",
            q.title().to_lowercase(),
            mean(wm.value(ScoreSet::AsItIs, q)),
            mean(wm.value(ScoreSet::AsRun, q)),
            num(g)
        )),
        Some((q, g)) => findings.push(format!(
            "The work scores {} as it is and {} as run now: no misalignment (largest gap {}, on {}).",
            verdict(wm, ScoreSet::AsItIs),
            verdict(wm, ScoreSet::AsRun),
            num(g),
            q.title().to_lowercase()
        )),
        None => {}
    }
    if let Some(q) = quadrants.iter().max_by_key(|q| q.count)
        && q.count > 0
    {
        findings.push(format!(
            "Most tasks ({}) are {}: {} — {}.",
            q.count, q.title, q.axes, q.advice
        ));
    }
    if checked > 0 {
        findings.push(format!(
            "The automation check labels {} O (orchestrate), {} A (algorithmize) and {} hybrid.",
            count(auto.orchestral, "task"),
            auto.algorithmic,
            auto.hybrid
        ));
    }
    if let Some(c) = &next_change {
        findings.push(format!(
            "Next: “{}” ({}), measured by {}.",
            c.description,
            if c.owner == NONE {
                "no owner yet".to_owned()
            } else {
                format!("owner {}", c.owner)
            },
            c.metric
        ));
    }
    Summary {
        hours_total: hours(pain.total),
        hours_orchestra: hours(orchestra),
        hours_jam: hours(jam),
        orchestra_percent: if pain.total > 0.0 {
            orchestra / pain.total * 100.0
        } else {
            0.0
        },
        pain_count: count(pain.count, "pain point"),
        shadow_count: format!("{} of {}", shadow.len(), count(session.flows.len(), "flow")),
        shadow_flows,
        shadow_share: stats.mean_shadow_share.map_or_else(String::new, |s| {
            format!("Mean share diverted: {} %", num(s))
        }),
        shadow_hours: pain.shadow_share().map_or_else(String::new, |share| {
            format!(
                "{} lost on shadow flows ({} % of all hours)",
                hours(pain.on_shadow_flows),
                num1(share)
            )
        }),
        undecided: if stats.undecided > 0 {
            format!("{} undecided (on an axis: to discuss)", stats.undecided)
        } else {
            String::new()
        },
        quadrants,
        as_is: verdict(wm, ScoreSet::AsItIs),
        as_run: verdict(wm, ScoreSet::AsRun),
        largest_gap,
        misaligned,
        automation,
        disagreements,
        next_change,
        findings,
    }
}
