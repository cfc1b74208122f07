//! Computing a [`Comparison`]: sessions in chronological order, and what
//! changed between two of them ([`diff`]).

use std::collections::HashMap;

use super::{
    BeforeAfter, ChangeOutcome, Comparison, EntityDiff, HoursDiff, Matching, Named, QuestionDiff,
    Renamed, SessionDiff, SessionFigures, SessionLabel, ShadowChange, ShadowHow, TaskMove,
    WorkModelDiff, match_entities, match_key,
};
use crate::model::{
    FlowKind, Id, PainCategory, PainStats, Placement, Question, ScoreSet, Session, Tool,
    WorkModelSummary, one_line, quarter,
};

/// Compare sessions of the same team, in any order: they are sorted
/// oldest first ([`quarter::chronological`]). Fewer than two sessions give
/// no steps.
pub fn compare(sessions: &[Session]) -> Comparison {
    let mut order: Vec<usize> = (0..sessions.len()).collect();
    order.sort_by(|&a, &b| match (sessions.get(a), sessions.get(b)) {
        (Some(x), Some(y)) => quarter::chronological(x, y),
        _ => std::cmp::Ordering::Equal,
    });
    let sorted: Vec<&Session> = order.iter().filter_map(|&i| sessions.get(i)).collect();
    let steps = sorted.windows(2).map(|w| match w {
        [a, b] => diff(a, b),
        _ => SessionDiff::default(),
    });
    let overall = match sorted.as_slice() {
        [first, _, .., last] if sorted.len() > 2 => Some(diff(first, last)),
        _ => None,
    };
    Comparison {
        sessions: sorted.iter().map(|s| figures(s)).collect(),
        steps: steps.collect(),
        overall,
        order,
    }
}

fn figures(session: &Session) -> SessionFigures {
    let pain = PainStats::of(session);
    SessionFigures {
        label: SessionLabel::of(session),
        tools: session.tools.len(),
        flows: session.flows.len(),
        shadow_flows: shadow_count(session),
        hours_total: pain.total,
        hours_per_category: PainCategory::ALL.map(|c| pain.hours(c)),
        gaps: WorkModelSummary::of_session(session).gaps,
    }
}

fn shadow_count(session: &Session) -> usize {
    session
        .flows
        .iter()
        .filter(|f| f.kind == FlowKind::Shadow)
        .count()
}

/// Everything that changed from `before` to `after` (see [`SessionDiff`]).
pub fn diff(before: &Session, after: &Session) -> SessionDiff {
    let tool_match = match_entities(&before.tools, &after.tools, |t| t.id, |t| &t.name);
    let flow_match = match_entities(&before.flows, &after.flows, |f| f.id, |f| &f.label);
    let task_match = match_entities(&before.tasks, &after.tasks, |t| t.id, |t| &t.name);

    let tools = entity_diff(
        &tool_match,
        (before.tools.len(), after.tools.len()),
        |i| before.tools.get(i).map(|t| (t.id, t.display_name())),
        |j| after.tools.get(j).map(|t| (t.id, t.display_name())),
    );
    let flows = entity_diff(
        &flow_match,
        (before.flows.len(), after.flows.len()),
        |i| before.flows.get(i).map(|f| (f.id, before.flow_text(f))),
        |j| after.flows.get(j).map(|f| (f.id, after.flow_text(f))),
    );
    let tasks = entity_diff(
        &task_match,
        (before.tasks.len(), after.tasks.len()),
        |i| before.tasks.get(i).map(|t| (t.id, t.display_name())),
        |j| after.tasks.get(j).map(|t| (t.id, t.display_name())),
    );

    let (mut shadow_closed, mut shadow_opened) = (Vec::new(), Vec::new());
    for &i in &flow_match.removed {
        if let Some(f) = before.flows.get(i).filter(|f| f.kind == FlowKind::Shadow) {
            shadow_closed.push(shadow_change(before, f.id, f.share, ShadowHow::Removed));
        }
    }
    for &(i, j) in &flow_match.pairs {
        let (Some(b), Some(a)) = (before.flows.get(i), after.flows.get(j)) else {
            continue;
        };
        match (b.kind, a.kind) {
            (FlowKind::Shadow, FlowKind::Designed) => {
                shadow_closed.push(shadow_change(
                    before,
                    b.id,
                    b.share,
                    ShadowHow::TurnedDesigned,
                ));
            }
            (FlowKind::Designed, FlowKind::Shadow) => {
                shadow_opened.push(shadow_change(after, a.id, a.share, ShadowHow::TurnedShadow));
            }
            _ => {}
        }
    }
    for &j in &flow_match.added {
        if let Some(f) = after.flows.get(j).filter(|f| f.kind == FlowKind::Shadow) {
            shadow_opened.push(shadow_change(after, f.id, f.share, ShadowHow::Added));
        }
    }

    let moved_tasks = task_match
        .pairs
        .iter()
        .filter_map(|&(i, j)| {
            let (b, a) = (before.tasks.get(i)?, after.tasks.get(j)?);
            let (from_place, to_place) = (b.placement(), a.placement());
            (from_place != to_place).then(|| TaskMove {
                id: a.id,
                name: a.display_name(),
                from: b.grid,
                to: a.grid,
                from_place,
                to_place,
                fits: match (to_place, a.automation.label()) {
                    (Some(Placement::Quadrant(q)), Some(label)) => Some(!label.disagrees_with(q)),
                    _ => None,
                },
            })
        })
        .collect();

    SessionDiff {
        before: SessionLabel::of(before),
        after: SessionLabel::of(after),
        tools,
        flows,
        tasks,
        shadow_closed,
        shadow_opened,
        shadow_count: BeforeAfter {
            before: shadow_count(before),
            after: shadow_count(after),
        },
        moved_tasks,
        hours: hours_diff(before, after, &tool_match),
        work_model: work_model_diff(before, after),
        changes: change_outcomes(before, after),
    }
}

fn entity_diff(
    matching: &Matching,
    (n_before, n_after): (usize, usize),
    before: impl Fn(usize) -> Option<(Id, String)>,
    after: impl Fn(usize) -> Option<(Id, String)>,
) -> EntityDiff {
    let named = |(id, name): (Id, String)| Named { id, name };
    EntityDiff {
        count: BeforeAfter {
            before: n_before,
            after: n_after,
        },
        added: matching
            .added
            .iter()
            .filter_map(|&j| after(j))
            .map(named)
            .collect(),
        removed: matching
            .removed
            .iter()
            .filter_map(|&i| before(i))
            .map(named)
            .collect(),
        renamed: matching
            .pairs
            .iter()
            .filter_map(|&(i, j)| {
                let ((id_b, b), (id_a, a)) = (before(i)?, after(j)?);
                (id_b == id_a && match_key(&b) != match_key(&a)).then_some(Renamed {
                    id: id_a,
                    before: b,
                    after: a,
                })
            })
            .collect(),
    }
}

fn shadow_change(session: &Session, id: Id, share: Option<u8>, how: ShadowHow) -> ShadowChange {
    ShadowChange {
        id,
        flow: session.flow_name(id),
        share,
        how,
    }
}

fn hours_diff(before: &Session, after: &Session, tools: &Matching) -> HoursDiff {
    let (pb, pa) = (PainStats::of(before), PainStats::of(after));
    let hours_on = |stats: &PainStats, id: Option<Id>| {
        id.and_then(|id| stats.per_tool.get(&id).copied())
            .unwrap_or(0.0)
    };
    let mut per_tool = Vec::new();
    for &(i, j) in &tools.pairs {
        let (b, a) = (before.tools.get(i), after.tools.get(j));
        let name = a.or(b).map(Tool::display_name).unwrap_or_default();
        per_tool.push((
            name,
            BeforeAfter {
                before: hours_on(&pb, b.map(|t| t.id)),
                after: hours_on(&pa, a.map(|t| t.id)),
            },
        ));
    }
    for &i in &tools.removed {
        if let Some(t) = before.tools.get(i) {
            per_tool.push((
                t.display_name(),
                BeforeAfter {
                    before: hours_on(&pb, Some(t.id)),
                    after: 0.0,
                },
            ));
        }
    }
    for &j in &tools.added {
        if let Some(t) = after.tools.get(j) {
            per_tool.push((
                t.display_name(),
                BeforeAfter {
                    before: 0.0,
                    after: hours_on(&pa, Some(t.id)),
                },
            ));
        }
    }
    per_tool.retain(|(_, h)| h.before > 0.0 || h.after > 0.0);
    per_tool.sort_by(|x, y| {
        y.1.before
            .total_cmp(&x.1.before)
            .then(y.1.after.total_cmp(&x.1.after))
            .then_with(|| x.0.cmp(&y.0))
    });
    HoursDiff {
        total: BeforeAfter {
            before: pb.total,
            after: pa.total,
        },
        per_category: PainCategory::ALL
            .iter()
            .map(|&c| {
                (
                    c,
                    BeforeAfter {
                        before: pb.hours(c),
                        after: pa.hours(c),
                    },
                )
            })
            .collect(),
        per_tool,
        on_shadow_flows: BeforeAfter {
            before: pb.on_shadow_flows,
            after: pa.on_shadow_flows,
        },
    }
}

fn work_model_diff(before: &Session, after: &Session) -> WorkModelDiff {
    let (wb, wa) = (
        WorkModelSummary::of_session(before),
        WorkModelSummary::of_session(after),
    );
    let pair = |b, a| BeforeAfter {
        before: b,
        after: a,
    };
    WorkModelDiff {
        questions: Question::ALL
            .iter()
            .enumerate()
            .map(|(i, &q)| QuestionDiff {
                question: q,
                as_is: pair(wb.value(ScoreSet::AsItIs, q), wa.value(ScoreSet::AsItIs, q)),
                as_run: pair(wb.value(ScoreSet::AsRun, q), wa.value(ScoreSet::AsRun, q)),
                gap: pair(
                    wb.gaps.get(i).copied().flatten(),
                    wa.gaps.get(i).copied().flatten(),
                ),
            })
            .collect(),
        mean_as_is: pair(wb.mean_as_is, wa.mean_as_is),
        mean_as_run: pair(wb.mean_as_run, wa.mean_as_run),
    }
}

fn change_outcomes(before: &Session, after: &Session) -> Vec<ChangeOutcome> {
    let matching = match_entities(
        &before.changes,
        &after.changes,
        |c| c.id,
        |c| &c.description,
    );
    let earlier: HashMap<usize, usize> = matching.pairs.iter().map(|&(i, j)| (j, i)).collect();
    after
        .changes
        .iter()
        .enumerate()
        .map(|(j, c)| {
            let prev = earlier.get(&j).and_then(|&i| before.changes.get(i));
            ChangeOutcome {
                id: c.id,
                description: one_line(&c.description),
                metric: one_line(&c.metric),
                unit: one_line(&c.unit),
                baseline: c.baseline.or(prev.and_then(|p| p.baseline)),
                target_value: c.target_value.or(prev.and_then(|p| p.target_value)),
                measured: c.measured,
                status: BeforeAfter {
                    before: prev.map(|p| p.status),
                    after: Some(c.status),
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BoardPos, Flow, PainPoint, Task};

    struct Named2(Id, &'static str);

    #[test]
    fn matching_is_by_id_then_by_name() {
        let before = [
            Named2(Id(1), "Slack"),
            Named2(Id(2), " Email "),
            Named2(Id(3), "Fax"),
        ];
        let after = [
            Named2(Id(1), "Slack (huddles)"),
            Named2(Id(9), "email"),
            Named2(Id(10), "Asana"),
        ];
        let m = match_entities(&before, &after, |n| n.0, |n| n.1);
        assert_eq!(m.pairs, vec![(0, 0), (1, 1)]);
        assert_eq!(m.removed, vec![2]);
        assert_eq!(m.added, vec![2]);
    }

    fn tool(id: u64, name: &str) -> Tool {
        Tool {
            id: Id(id),
            name: name.to_owned(),
            pos: BoardPos::default(),
            author: None,
        }
    }

    #[test]
    fn a_shadow_flow_turned_designed_is_closed() {
        let before = Session {
            tools: vec![tool(1, "A"), tool(2, "B")],
            flows: vec![Flow {
                id: Id(3),
                from: Id(1),
                to: Id(2),
                label: "x".to_owned(),
                kind: FlowKind::Shadow,
                share: Some(40),
            }],
            ..Session::default()
        };
        let mut after = before.clone();
        if let Some(f) = after.flows.first_mut() {
            f.kind = FlowKind::Designed;
        }
        let d = diff(&before, &after);
        assert_eq!(d.shadow_closed.len(), 1);
        assert_eq!(d.shadow_closed[0].how, ShadowHow::TurnedDesigned);
        assert_eq!(d.shadow_closed[0].flow, "A → B: x");
        let back = diff(&after, &before);
        assert_eq!(back.shadow_opened[0].how, ShadowHow::TurnedShadow);
    }

    #[test]
    fn hours_follow_a_tool_matched_by_name() {
        let pain = |id, tool, hours| PainPoint {
            id: Id(id),
            text: String::new(),
            category: PainCategory::Jam,
            hours_per_week: Some(hours),
            attached: crate::model::Attachment::Tool(Id(tool)),
            pos: BoardPos::default(),
            author: None,
            reassess: false,
        };
        let before = Session {
            tools: vec![tool(1, "Email")],
            pain_points: vec![pain(2, 1, 4.0)],
            ..Session::default()
        };
        let after = Session {
            tools: vec![tool(7, "EMAIL")],
            pain_points: vec![pain(8, 7, 1.0)],
            tasks: vec![Task::default()],
            ..Session::default()
        };
        let d = diff(&before, &after);
        assert!(d.tools.is_empty(), "{:?}", d.tools);
        assert_eq!(
            d.hours.per_tool,
            vec![(
                "EMAIL".to_owned(),
                BeforeAfter {
                    before: 4.0,
                    after: 1.0
                }
            )]
        );
        assert_eq!(d.hours.total.percent(), Some(-75.0));
    }
}
