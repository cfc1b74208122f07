//! Comparing quarters (METHOD.md, "Comparing quarters"): what changed
//! between two or more sessions of the same team, oldest first.
//!
//! Entities are matched by stable id first (a new quarter is usually
//! started from the previous one), then by name ignoring case and
//! surrounding white space; what is left is listed as added or removed.
//! [`compare`] gives the figures between consecutive sessions and from the
//! first to the last; [`markdown`] writes them for `rhythm compare --report`.

use std::collections::{HashMap, VecDeque};

use crate::markdown::{cell, inline, name_or, num64};
pub use crate::markdown::{num, signed, signed1};

use super::{
    ChangeStatus, FlowKind, GridPos, Id, PainCategory, PainStats, Placement, Question, ScoreSet,
    Session, WorkModelSummary, quarter,
};

/// Shown for a missing value in the Markdown.
const NONE: &str = "—";

/// A name as matched across sessions: trimmed and lower-cased.
pub fn match_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// How the entities of two sessions pair up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matching {
    /// `(index before, index after)` of matched entities, in `after` order.
    pub pairs: Vec<(usize, usize)>,
    /// Indices into `before` with no partner: removed.
    pub removed: Vec<usize>,
    /// Indices into `after` with no partner: added.
    pub added: Vec<usize>,
}

/// Match `after` against `before`: by id first, then by [`match_key`] of
/// the name among the rest (empty names never match by name; among equal
/// names the first unmatched one wins). Each entity is used at most once.
pub fn match_entities<T>(
    before: &[T],
    after: &[T],
    id: impl Fn(&T) -> Id,
    name: impl Fn(&T) -> &str,
) -> Matching {
    let mut used = vec![false; before.len()];
    let mut partner: Vec<Option<usize>> = vec![None; after.len()];
    let mut by_id: HashMap<Id, usize> = HashMap::new();
    for (i, b) in before.iter().enumerate() {
        by_id.entry(id(b)).or_insert(i);
    }
    for (j, a) in after.iter().enumerate() {
        if let Some(&i) = by_id.get(&id(a))
            && let Some(slot) = used.get_mut(i)
            && !*slot
        {
            *slot = true;
            if let Some(p) = partner.get_mut(j) {
                *p = Some(i);
            }
        }
    }
    let mut by_name: HashMap<String, VecDeque<usize>> = HashMap::new();
    for (i, b) in before.iter().enumerate() {
        let key = match_key(name(b));
        if !key.is_empty() && used.get(i) == Some(&false) {
            by_name.entry(key).or_default().push_back(i);
        }
    }
    for (j, a) in after.iter().enumerate() {
        if partner.get(j).copied().flatten().is_some() {
            continue;
        }
        if let Some(i) = by_name
            .get_mut(&match_key(name(a)))
            .and_then(VecDeque::pop_front)
        {
            if let Some(slot) = used.get_mut(i) {
                *slot = true;
            }
            if let Some(p) = partner.get_mut(j) {
                *p = Some(i);
            }
        }
    }
    let mut matching = Matching::default();
    for (j, p) in partner.iter().enumerate() {
        match p {
            Some(i) => matching.pairs.push((*i, j)),
            None => matching.added.push(j),
        }
    }
    matching.removed = used
        .iter()
        .enumerate()
        .filter(|(_, u)| !**u)
        .map(|(i, _)| i)
        .collect();
    matching
}

/// A value in the earlier and the later session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BeforeAfter<T> {
    /// In the earlier session.
    pub before: T,
    /// In the later session.
    pub after: T,
}

impl BeforeAfter<f32> {
    /// After minus before (negative: fewer hours, a smaller gap …).
    pub fn delta(&self) -> f32 {
        self.after - self.before
    }

    /// The change as a percentage of the earlier value (−100 = gone);
    /// `None` when the earlier value is 0.
    pub fn percent(&self) -> Option<f32> {
        (self.before != 0.0).then(|| self.delta() / self.before * 100.0)
    }
}

impl BeforeAfter<Option<f32>> {
    /// After minus before, when both are known.
    pub fn delta(&self) -> Option<f32> {
        Some(self.after? - self.before?)
    }
}

/// A tool, flow or task by id and how it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// Its id in the session it is from.
    pub id: Id,
    /// Its name; for a flow `from → to: label`.
    pub name: String,
}

/// Same entity (matched by id), different name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed {
    /// Its id.
    pub id: Id,
    /// The earlier name.
    pub before: String,
    /// The later name.
    pub after: String,
}

/// Tools, flows or tasks added, removed and renamed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntityDiff {
    /// How many there are in each session.
    pub count: BeforeAfter<usize>,
    /// Only in the later session (its ids).
    pub added: Vec<Named>,
    /// Only in the earlier session (its ids).
    pub removed: Vec<Named>,
    /// Matched by id, with a different name (ignoring case and white space
    /// at the ends).
    pub renamed: Vec<Renamed>,
}

impl EntityDiff {
    /// Whether nothing was added, removed or renamed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.renamed.is_empty()
    }
}

/// How a shadow flow closed or opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShadowHow {
    /// The shadow flow is gone from the later map (closed).
    Removed,
    /// The flow is still there, now designed (closed).
    TurnedDesigned,
    /// A new shadow flow (opened).
    Added,
    /// A designed flow became shadow (opened).
    TurnedShadow,
}

impl ShadowHow {
    /// "removed", "now designed", "new", "now shadow".
    pub fn label(self) -> &'static str {
        match self {
            Self::Removed => "removed",
            Self::TurnedDesigned => "now designed",
            Self::Added => "new",
            Self::TurnedShadow => "now shadow",
        }
    }
}

/// A shadow flow that closed or opened between two sessions.
#[derive(Clone, Debug, PartialEq)]
pub struct ShadowChange {
    /// The flow's id (in the earlier session when closed, the later when
    /// opened).
    pub id: Id,
    /// `from → to: label`, with the tool names of that session.
    pub flow: String,
    /// Its share of the traffic, percent 0–100, when known.
    pub share: Option<u8>,
    /// How.
    pub how: ShadowHow,
}

/// A task whose place on the typology grid changed quadrant.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskMove {
    /// The task's id in the later session.
    pub id: Id,
    /// Its name in the later session.
    pub name: String,
    /// Where it was on the grid (−1..1 each axis); `None` in the tray.
    pub from: Option<GridPos>,
    /// Where it is now; `None` in the tray.
    pub to: Option<GridPos>,
    /// Its earlier place: quadrant, undecided, or `None` (tray).
    pub from_place: Option<Placement>,
    /// Its later place.
    pub to_place: Option<Placement>,
    /// Whether its automation label (later session) agrees with its new
    /// quadrant (`None` when unlabelled or not in a quadrant).
    pub fits: Option<bool>,
}

/// Hours lost per week: total, per pain category, per tool, on shadow
/// flows (Step 2's figures, [`PainStats`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HoursDiff {
    /// All pain points, hours/week.
    pub total: BeforeAfter<f32>,
    /// Per category in [`PainCategory::ALL`] order, hours/week.
    pub per_category: Vec<(PainCategory, BeforeAfter<f32>)>,
    /// Per tool (matched across sessions; the later name, or the earlier
    /// for a removed tool), hours/week on pain points attached to it; only
    /// tools with hours in either session, most hours before first.
    pub per_tool: Vec<(String, BeforeAfter<f32>)>,
    /// On pain points attached to shadow flows, hours/week.
    pub on_shadow_flows: BeforeAfter<f32>,
}

/// One work-model question before and after (1–10; the participants'
/// mean when any participant scored, else the team consensus).
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionDiff {
    /// The question.
    pub question: Question,
    /// The work as it is.
    pub as_is: BeforeAfter<Option<f32>>,
    /// How we run it now.
    pub as_run: BeforeAfter<Option<f32>>,
    /// As-is minus as-run, points (−9..9).
    pub gap: BeforeAfter<Option<f32>>,
}

/// The work-model spectrum before and after ([`WorkModelSummary`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorkModelDiff {
    /// Per question in [`Question::ALL`] order.
    pub questions: Vec<QuestionDiff>,
    /// Mean of "the work as it is", 1–10.
    pub mean_as_is: BeforeAfter<Option<f32>>,
    /// Mean of "how we run it now", 1–10.
    pub mean_as_run: BeforeAfter<Option<f32>>,
}

/// A change (Step 4 action item) in the later session, with where it
/// stood before.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeOutcome {
    /// Its id in the later session.
    pub id: Id,
    /// What changes.
    pub description: String,
    /// The metric, e.g. "cycle time".
    pub metric: String,
    /// The metric's unit, e.g. "days".
    pub unit: String,
    /// The metric when the change was planned, in `unit`.
    pub baseline: Option<f64>,
    /// The metric aimed for, in `unit`.
    pub target_value: Option<f64>,
    /// Status in each session (`None` before: new this quarter).
    pub status: BeforeAfter<Option<ChangeStatus>>,
    /// The metric as measured in the later session, in `unit`.
    pub measured: Option<f64>,
}

impl ChangeOutcome {
    /// Done in the later session and not yet done in the earlier one.
    pub fn done_since(&self) -> bool {
        self.status.after == Some(ChangeStatus::Done)
            && self.status.before != Some(ChangeStatus::Done)
    }

    /// "cycle time 14 days → target 5 → measured 5", or what of it is known.
    pub fn metric_line(&self) -> String {
        let unit = if self.unit.trim().is_empty() {
            String::new()
        } else {
            format!(" {}", self.unit.trim())
        };
        let value = |v: Option<f64>| v.map_or_else(|| NONE.to_owned(), num64);
        let metric = if self.metric.trim().is_empty() {
            "metric".to_owned()
        } else {
            inline(&self.metric)
        };
        let measured = self
            .measured
            .map(|m| format!(" → measured {}", num64(m)))
            .unwrap_or_default();
        format!(
            "{metric} {}{unit} → target {}{measured}",
            value(self.baseline),
            value(self.target_value)
        )
    }
}

/// Which session a figure comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionLabel {
    /// Quarter label, e.g. "2026-Q1".
    pub quarter: String,
    /// Workshop date as typed.
    pub date: String,
    /// The session's title.
    pub title: String,
}

impl SessionLabel {
    fn of(session: &Session) -> Self {
        Self {
            quarter: inline(&session.header.quarter),
            date: inline(&session.header.date),
            title: inline(&session.header.title),
        }
    }

    /// "2026-Q1 (2026-01-21)", or what of it is known.
    pub fn short(&self) -> String {
        match (self.quarter.is_empty(), self.date.is_empty()) {
            (false, false) => format!("{} ({})", self.quarter, self.date),
            (false, true) => self.quarter.clone(),
            (true, false) => self.date.clone(),
            (true, true) => "(no quarter)".to_owned(),
        }
    }
}

/// Everything that changed between two sessions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SessionDiff {
    /// The earlier session.
    pub before: SessionLabel,
    /// The later session.
    pub after: SessionLabel,
    /// Tools added, removed, renamed.
    pub tools: EntityDiff,
    /// Flows added, removed, renamed (a flow's name is its label).
    pub flows: EntityDiff,
    /// Tasks added, removed, renamed.
    pub tasks: EntityDiff,
    /// Shadow flows closed: removed, or turned designed.
    pub shadow_closed: Vec<ShadowChange>,
    /// Shadow flows opened: new, or turned shadow.
    pub shadow_opened: Vec<ShadowChange>,
    /// Number of shadow flows in each session.
    pub shadow_count: BeforeAfter<usize>,
    /// Matched tasks whose placement changed (quadrant, undecided, tray).
    pub moved_tasks: Vec<TaskMove>,
    /// Hours lost per week.
    pub hours: HoursDiff,
    /// Work-model means and gaps.
    pub work_model: WorkModelDiff,
    /// Every change of the later session, with its earlier status.
    pub changes: Vec<ChangeOutcome>,
}

impl SessionDiff {
    /// The changes done since the earlier session.
    pub fn done_since(&self) -> impl Iterator<Item = &ChangeOutcome> {
        self.changes.iter().filter(|c| c.done_since())
    }
}

/// Figures of one session, for trends across quarters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SessionFigures {
    /// Which session.
    pub label: SessionLabel,
    /// Number of tools.
    pub tools: usize,
    /// Number of flows.
    pub flows: usize,
    /// Number of shadow flows.
    pub shadow_flows: usize,
    /// Hours lost per week, all pain points.
    pub hours_total: f32,
    /// Hours lost per week per category, [`PainCategory::ALL`] order.
    pub hours_per_category: [f32; 2],
    /// Gap per work-model question, [`Question::ALL`] order, points.
    pub gaps: [Option<f32>; 4],
}

/// A comparison of two or more sessions, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    /// The input indices in chronological order (oldest first).
    pub order: Vec<usize>,
    /// Per session, in chronological order.
    pub sessions: Vec<SessionFigures>,
    /// Between each consecutive pair, oldest first.
    pub steps: Vec<SessionDiff>,
    /// First to last, when there are three or more sessions.
    pub overall: Option<SessionDiff>,
}

impl Comparison {
    /// First to last: [`Self::overall`], or the single step of two
    /// sessions; `None` with fewer than two.
    pub fn first_to_last(&self) -> Option<&SessionDiff> {
        self.overall.as_ref().or_else(|| self.steps.first())
    }
}

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
        |i| before.tools.get(i).map(|t| (t.id, inline(&t.name))),
        |j| after.tools.get(j).map(|t| (t.id, inline(&t.name))),
    );
    let flows = entity_diff(
        &flow_match,
        (before.flows.len(), after.flows.len()),
        |i| before.flows.get(i).map(|f| (f.id, flow_name(before, f.id))),
        |j| after.flows.get(j).map(|f| (f.id, flow_name(after, f.id))),
    );
    let tasks = entity_diff(
        &task_match,
        (before.tasks.len(), after.tasks.len()),
        |i| before.tasks.get(i).map(|t| (t.id, inline(&t.name))),
        |j| after.tasks.get(j).map(|t| (t.id, inline(&t.name))),
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
                name: inline(&a.name),
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
        flow: flow_name(session, id),
        share,
        how,
    }
}

/// `from → to: label` with the tool names of `session`; `?` for a missing
/// tool.
pub fn flow_name(session: &Session, id: Id) -> String {
    let Some(flow) = session.flow(id) else {
        return format!("flow {}", id.0);
    };
    let tool = |id| {
        session
            .tool(id)
            .map_or_else(|| "?".to_owned(), |t| inline(&t.name))
    };
    let label = inline(&flow.label);
    if label.is_empty() {
        format!("{} → {}", tool(flow.from), tool(flow.to))
    } else {
        format!("{} → {}: {label}", tool(flow.from), tool(flow.to))
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
        let name = a.or(b).map(|t| inline(&t.name)).unwrap_or_default();
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
                inline(&t.name),
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
                inline(&t.name),
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
                description: inline(&c.description),
                metric: inline(&c.metric),
                unit: inline(&c.unit),
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

/// The comparison as Markdown, for `rhythm compare --report`: a title with
/// the sessions oldest first; a trend table when there are three or more;
/// then one `##` section per consecutive pair and, with three or more, one
/// for first → last. Each section lists tools and flows added, removed and
/// renamed, shadow flows closed and opened, tasks that moved quadrant,
/// hours lost per week per category and per tool (before, after, delta,
/// percent), the work-model values and gaps per question, and the changes
/// with their metric and status. Missing values show as `—`.
pub fn markdown(comparison: &Comparison) -> String {
    let mut out = Vec::new();
    out.push("# Comparing quarters".to_owned());
    out.push(String::new());
    for (n, s) in comparison.sessions.iter().enumerate() {
        let title = if s.label.title.is_empty() {
            String::new()
        } else {
            format!(": {}", s.label.title)
        };
        out.push(format!("{}. {}{title}", n + 1, s.label.short()));
    }
    if comparison.sessions.len() > 2 {
        trend_section(&mut out, comparison);
    }
    for step in &comparison.steps {
        diff_section(&mut out, step, "");
    }
    if let Some(overall) = &comparison.overall {
        diff_section(&mut out, overall, " (first to last)");
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn trend_section(out: &mut Vec<String>, comparison: &Comparison) {
    out.push(String::new());
    out.push("## Trend".to_owned());
    out.push(String::new());
    out.push(
        "| Quarter | Tools | Flows | Shadow flows | Hours lost (h/week) | Orchestra pain | Jam pain |"
            .to_owned(),
    );
    out.push("|---|---:|---:|---:|---:|---:|---:|".to_owned());
    for s in &comparison.sessions {
        let [orchestra, jam] = s.hours_per_category;
        out.push(format!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(&s.label.short()),
            s.tools,
            s.flows,
            s.shadow_flows,
            num(s.hours_total),
            num(orchestra),
            num(jam)
        ));
    }
}

fn diff_section(out: &mut Vec<String>, d: &SessionDiff, suffix: &str) {
    out.push(String::new());
    out.push(format!(
        "## {} → {}{suffix}",
        d.before.short(),
        d.after.short()
    ));
    out.push(String::new());
    out.push(format!(
        "- **Hours lost:** {} → {} h/week ({})",
        num(d.hours.total.before),
        num(d.hours.total.after),
        delta_text(d.hours.total)
    ));
    out.push(format!(
        "- **Shadow flows:** {} → {} ({} closed, {} opened)",
        d.shadow_count.before,
        d.shadow_count.after,
        d.shadow_closed.len(),
        d.shadow_opened.len()
    ));
    out.push(format!(
        "- **Tasks that moved quadrant:** {}",
        d.moved_tasks.len()
    ));
    out.push(format!(
        "- **Changes done since {}:** {}",
        d.before.short(),
        d.done_since().count()
    ));

    for (title, e) in [
        ("Tools", &d.tools),
        ("Flows", &d.flows),
        ("Tasks", &d.tasks),
    ] {
        out.push(String::new());
        out.push(format!(
            "### {title} ({} → {})",
            e.count.before, e.count.after
        ));
        out.push(String::new());
        if e.is_empty() {
            out.push("_No change._".to_owned());
        }
        for n in &e.added {
            out.push(format!("- added: {}", n.name));
        }
        for n in &e.removed {
            out.push(format!("- removed: {}", n.name));
        }
        for r in &e.renamed {
            out.push(format!("- renamed: {} → {}", r.before, r.after));
        }
    }

    out.push(String::new());
    out.push(format!(
        "### Shadow flows ({} → {})",
        d.shadow_count.before, d.shadow_count.after
    ));
    out.push(String::new());
    if d.shadow_closed.is_empty() && d.shadow_opened.is_empty() {
        out.push("_No shadow flow closed or opened._".to_owned());
    }
    let share = |s: Option<u8>| s.map_or_else(String::new, |s| format!(", {s} %"));
    for c in &d.shadow_closed {
        out.push(format!(
            "- closed ({}{}): {}",
            c.how.label(),
            share(c.share),
            c.flow
        ));
    }
    for c in &d.shadow_opened {
        out.push(format!(
            "- opened ({}{}): {}",
            c.how.label(),
            share(c.share),
            c.flow
        ));
    }

    out.push(String::new());
    out.push(format!(
        "### Tasks that moved quadrant ({})",
        d.moved_tasks.len()
    ));
    out.push(String::new());
    if d.moved_tasks.is_empty() {
        out.push("_No task moved._".to_owned());
    }
    for m in &d.moved_tasks {
        let fits = match m.fits {
            Some(true) => " — fits its automation label",
            Some(false) => " — **disagrees with its automation label**",
            None => "",
        };
        out.push(format!(
            "- {}: {} → {}{fits}",
            m.name,
            place_label(m.from_place),
            place_label(m.to_place)
        ));
    }

    out.push(String::new());
    out.push("### Hours lost per week".to_owned());
    out.push(String::new());
    out.push("| | Before (h/week) | After (h/week) | Change | % |".to_owned());
    out.push("|---|---:|---:|---:|---:|".to_owned());
    let mut row = |name: String, h: BeforeAfter<f32>| {
        out.push(format!(
            "| {} | {} | {} | {} | {} |",
            cell(&name),
            num(h.before),
            num(h.after),
            signed(h.delta()),
            h.percent()
                .map_or_else(|| NONE.to_owned(), |p| signed1(p) + " %")
        ));
    };
    row("**Total**".to_owned(), d.hours.total);
    for (c, h) in &d.hours.per_category {
        row(format!("{} {}", c.marker(), c.title()), *h);
    }
    row("on shadow flows".to_owned(), d.hours.on_shadow_flows);
    for (tool, h) in &d.hours.per_tool {
        row(format!("tool: {tool}"), *h);
    }

    out.push(String::new());
    out.push("### Work model (orchestra-vs-factory)".to_owned());
    out.push(String::new());
    out.push(
        "| Question | As it is (before → after) | As run (before → after) | Gap before | Gap after |"
            .to_owned(),
    );
    out.push("|---|---|---|---:|---:|".to_owned());
    for q in &d.work_model.questions {
        out.push(format!(
            "| {} | {} → {} | {} → {} | {} | {} |",
            q.question.title(),
            opt(q.as_is.before),
            opt(q.as_is.after),
            opt(q.as_run.before),
            opt(q.as_run.after),
            gap(q.gap.before),
            gap(q.gap.after)
        ));
    }
    out.push(format!(
        "| Mean | {} → {} | {} → {} | | |",
        opt(d.work_model.mean_as_is.before),
        opt(d.work_model.mean_as_is.after),
        opt(d.work_model.mean_as_run.before),
        opt(d.work_model.mean_as_run.after)
    ));

    out.push(String::new());
    out.push(format!("### Changes ({})", d.changes.len()));
    out.push(String::new());
    if d.changes.is_empty() {
        out.push("_No changes recorded._".to_owned());
    }
    for c in &d.changes {
        let status = match c.status.before {
            Some(b) if Some(b) != c.status.after => format!(
                "{} → {}",
                b.label(),
                c.status.after.map_or(NONE, ChangeStatus::label)
            ),
            Some(b) => b.label().to_owned(),
            None => format!("new, {}", c.status.after.map_or(NONE, ChangeStatus::label)),
        };
        let done = if c.done_since() { "**done** — " } else { "" };
        out.push(format!(
            "- {done}{}: {} ({status})",
            name_or(&c.description, "(no description)"),
            c.metric_line()
        ));
    }
}

fn place_label(place: Option<Placement>) -> &'static str {
    place.map_or("tray", Placement::label)
}

fn delta_text(h: BeforeAfter<f32>) -> String {
    match h.percent() {
        Some(p) => format!("{} h/week, {} %", signed(h.delta()), signed1(p)),
        None => format!("{} h/week", signed(h.delta())),
    }
}

fn opt(v: Option<f32>) -> String {
    v.map_or_else(|| NONE.to_owned(), num)
}

fn gap(v: Option<f32>) -> String {
    match v {
        Some(g) if WorkModelSummary::is_misaligned(g) => format!("⚠ {}", signed(g)),
        Some(g) => signed(g),
        None => NONE.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BoardPos, Flow, PainPoint, Task, Tool};

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
