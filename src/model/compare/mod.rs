//! Comparing quarters (METHOD.md, "Comparing quarters"): what changed
//! between two or more sessions of the same team, oldest first.
//!
//! Entities are matched by stable id first (a new quarter is usually
//! started from the previous one), then by name ignoring case and
//! surrounding white space; what is left is listed as added or removed.
//! [`compare`] gives the figures between consecutive sessions and from the
//! first to the last, as data; `report::compare` writes them for `rhythm
//! compare --report` and `ui::compare` draws them.

mod diff;

use std::collections::{HashMap, VecDeque};

pub use diff::{compare, diff};

use super::{ChangeStatus, GridPos, Id, PainCategory, Placement, Question, Session, one_line};

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
/// flows (Step 2's figures, [`PainStats`](crate::model::PainStats)).
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

/// The work-model spectrum before and after ([`WorkModelSummary`](crate::model::WorkModelSummary)).
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
            quarter: one_line(&session.header.quarter),
            date: one_line(&session.header.date),
            title: one_line(&session.header.title),
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
