//! The session: everything a Rhythm Diagnosis workshop produces, as plain data.
//!
//! No egui, no file I/O and no presentation lives here (see `store/` for
//! the file format, `report/` for the written reports, `ui/` for the views).
//! Every change to a [`Session`] is an [`Edit`] applied by [`apply`], which
//! returns the inverse edit and the ids of what it created; undo/redo is
//! built on that. Each rule lives once, on its type ([`BoardPos::is_on_board`],
//! [`Flow::share_in_range`], [`check_hours`], [`score_in_range`],
//! [`GridPos::is_on_grid`], [`clean_text`] and [`MAX_TEXT_CHARS`]), and is
//! called by [`apply`], [`Session::problems`] and the file loader's repair.

mod apply;
mod compare;
mod edit;
mod entity;
mod history;
mod hybrid;
mod lenses;
mod names;
mod pain;
mod participants;
mod quarter;
mod reveal;
mod scoring;
mod text;
mod trends;
mod typology;
mod vote;

pub use apply::{apply, check_score, check_share};
pub use compare::{
    BeforeAfter, ChangeOutcome, Comparison, EntityDiff, HoursDiff, Matching, Named, QuestionDiff,
    Renamed, SessionDiff, SessionFigures, SessionLabel, ShadowChange, ShadowHow, TaskMove,
    WorkModelDiff, compare, diff, match_entities, match_key,
};
pub use edit::{Applied, Edit, EditError, NoteRef};
pub use entity::{Entity, EntityKind, TextOwner, Texts};
pub use history::{History, UNDO_LIMIT};
pub use hybrid::{
    Airlock, Change, ChangeStatus, Owner, Target, Zone, default_zones, too_many_in_progress,
};
pub use lenses::{AUTOMATION_QUESTIONS, AutomationCheck, AutomationLabel, UnexpectedWay};
pub use names::MISSING_NAME;
pub use pain::{
    Attachment, HoursError, MAX_HOURS_PER_WEEK, PainCategory, PainPoint, PainStats, TOP_N,
    check_hours, parse_hours,
};
pub use participants::{OUTLIER_DISTANCE, PARTICIPANT_COLOURS, Participant, Spread, spread};
pub use quarter::{chronological, next_quarter, parse_quarter, start_next_quarter};
pub use reveal::{Hidden, HiddenCounts, Hideable};
pub use scoring::{
    AutomationStats, FACTORY_LEANING_MAX, GAP_HIGHLIGHT, Lens, ORCHESTRA_LEANING_MIN, Question,
    SCORE_MAX, SCORE_MIN, ScoreSet, ScoreSource, Stats, Verdict, WorkModel, WorkModelScores,
    WorkModelSummary, score_in_range,
};
pub use text::{
    MAX_TEXT_CHARS, TextError, checked_text, clean_in_place, clean_text, cut_to_limit, is_clean,
    is_unwanted, one_line, one_line_or, too_long,
};
pub use trends::Trends;
pub use typology::{GridError, GridPos, Placement, Quadrant, UNDECIDED_BAND};
pub use vote::{
    DEFAULT_DOTS, DOT_GLYPH, Dot, MAX_DOTS, MIN_DOTS, Vote, VoteError, VoteOn,
    check_dots_per_participant, toggle_dot,
};

use serde::{Deserialize, Serialize};

/// A position on the tool-map whiteboard, in board units (1 unit = 1 screen
/// point at 100 % zoom). The board is unbounded; y grows downwards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BoardPos {
    /// Horizontal position of the note's top-left corner, board units.
    pub x: f32,
    /// Vertical position of the note's top-left corner, board units.
    pub y: f32,
}

impl BoardPos {
    /// A position from its two coordinates in board units.
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    /// Whether both coordinates are finite numbers within
    /// ±[`MAX_BOARD_COORD`]: where a note may be. The one rule for it,
    /// used by [`apply`], [`Session::problems`] and the file loader.
    pub fn is_on_board(self) -> bool {
        let ok = |v: f32| v.is_finite() && v.abs() <= MAX_BOARD_COORD;
        ok(self.x) && ok(self.y)
    }
}

/// Largest board coordinate accepted, board units (far beyond any real board).
pub const MAX_BOARD_COORD: f32 = 1.0e6;

/// Width and height of a tool card on the board, in board units.
pub const TOOL_CARD_SIZE: [f32; 2] = [160.0, 100.0];
/// Width and height of a task note on the board, in board units.
pub const TASK_NOTE_SIZE: [f32; 2] = [150.0, 90.0];

/// A stable identifier, unique within a session across tools, flows and tasks.
///
/// Ids never get reused inside one session; a session started from another
/// keeps the ids, which is how quarters are matched (METHOD.md, "Comparing
/// quarters"). Written to the file as a plain integer.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Id(pub u64);

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A tool the team used in the last month on a core project (Step 1,
/// Toolchain Autopsy, METHOD.md): Asana, Slack, email …
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tool {
    /// Stable id; flows refer to tools by it.
    pub id: Id,
    /// What the team calls it, e.g. "Slack". May be empty while being typed.
    pub name: String,
    /// Top-left corner of the card on the board, board units.
    pub pos: BoardPos,
    /// The participant who added it, if recorded.
    #[serde(default)]
    pub author: Option<Id>,
}

/// Designed (the prescribed path) or shadow (what actually happens outside
/// the design), Step 1 of METHOD.md.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FlowKind {
    /// The official, prescribed handoff.
    #[default]
    Designed,
    /// A handoff outside the design, where information gets lost.
    Shadow,
}

impl FlowKind {
    /// The other kind: designed ↔ shadow.
    pub fn toggled(self) -> Self {
        match self {
            Self::Designed => Self::Shadow,
            Self::Shadow => Self::Designed,
        }
    }

    /// Label shown in the UI and the report.
    pub fn label(self) -> &'static str {
        match self {
            Self::Designed => "designed",
            Self::Shadow => "shadow",
        }
    }
}

/// A directed handoff between two tools: *from → to*, with what passes
/// (Step 1, METHOD.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flow {
    /// Stable id.
    pub id: Id,
    /// Id of the tool the handoff leaves.
    pub from: Id,
    /// Id of the tool the handoff reaches.
    pub to: Id,
    /// What passes, e.g. "task updates", "final assets", "approval".
    pub label: String,
    /// Designed or shadow.
    pub kind: FlowKind,
    /// For a shadow flow: the share of the traffic it diverts, percent
    /// 0–100. `None` when unknown or for a designed flow.
    #[serde(default)]
    pub share: Option<u8>,
}

impl Flow {
    /// The largest share a shadow flow may divert, percent.
    pub const MAX_SHARE: u8 = 100;

    /// Whether `share` is a percentage, 0–100. The one rule for it, used by
    /// [`apply`], [`Session::problems`] and the file loader.
    pub fn share_in_range(share: u8) -> bool {
        share <= Self::MAX_SHARE
    }
}

/// A task sticky note (Step 3, Task Typology, METHOD.md).
///
/// It may sit on the tool-map board (`board_pos`), on the 2×2 grid
/// (`grid`), both, or neither (then it waits in the tray).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// Stable id.
    pub id: Id,
    /// What the task is, e.g. "Production deploy".
    pub name: String,
    /// Top-left corner of its note on the tool-map board, board units;
    /// `None` when it is not on the board.
    #[serde(default)]
    pub board_pos: Option<BoardPos>,
    /// Where it was dropped on the typology grid; `None` while in the tray.
    #[serde(default)]
    pub grid: Option<GridPos>,
    /// The automation check's four answers (orchestra-vs-algorithm lens).
    #[serde(default)]
    pub automation: AutomationCheck,
    /// The single diagnostic question's answer (orchestra-and-jam-session).
    #[serde(default)]
    pub unexpected: Option<UnexpectedWay>,
    /// The participant who added it, if recorded.
    #[serde(default)]
    pub author: Option<Id>,
}

impl Task {
    /// The task's place on the typology grid: a quadrant, undecided (on or
    /// near an axis), or `None` while unplaced in the tray.
    pub fn placement(&self) -> Option<Placement> {
        self.grid.map(GridPos::placement)
    }
}

/// Who ran the workshop, for whom and when.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionHeader {
    /// Free text, e.g. "Editorial pipeline — before orchestration".
    pub title: String,
    /// The team diagnosed, e.g. "Media company, content team".
    pub team: String,
    /// Quarter label, e.g. "2026-Q1"; used to order sessions when comparing.
    pub quarter: String,
    /// Workshop date as typed, ideally ISO `YYYY-MM-DD`.
    pub date: String,
    /// Who ran the workshop.
    pub facilitator: String,
}

/// One workshop: header, participants, tool map (Step 1), pain points
/// (Step 2), tasks (Step 3), the hybrid score (Step 4) and the work-model
/// scores (lens of orchestra-vs-factory).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Title, team, quarter, date, facilitator.
    pub header: SessionHeader,
    /// Tools on the map, in creation order.
    pub tools: Vec<Tool>,
    /// Flows between tools, in creation order.
    pub flows: Vec<Flow>,
    /// Task notes, in creation order.
    pub tasks: Vec<Task>,
    /// Team-consensus work-model scores, twice: the work as it is and how
    /// we run it now (the fallback when no participant has scored).
    pub scores: WorkModelScores,
    /// Who takes part, with their own scores.
    pub participants: Vec<Participant>,
    /// Pain points (Step 2), in creation order.
    pub pain_points: Vec<PainPoint>,
    /// The four zones of the hybrid score, one per quadrant (Step 4).
    pub zones: Vec<Zone>,
    /// Gates between zones (Step 4).
    pub airlocks: Vec<Airlock>,
    /// Action items with metrics (Step 4).
    pub changes: Vec<Change>,
    /// The current (or last) dot vote, if one was started and not ended
    /// (Dot voting, issue 6). One vote at a time.
    #[serde(default)]
    pub vote: Option<Vote>,
    /// What phones sent that the projector does not show until revealed
    /// (issue 11, [`Hidden`]).
    #[serde(default, skip_serializing_if = "Hidden::is_empty")]
    pub hidden: Hidden,
    /// Lower bound for the next id: inserting an entity raises it past that
    /// entity's id, and undo never lowers it, so ids are not reused.
    #[serde(default)]
    pub next_id: u64,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            header: SessionHeader::default(),
            tools: Vec::new(),
            flows: Vec::new(),
            tasks: Vec::new(),
            scores: WorkModelScores::default(),
            participants: Vec::new(),
            pain_points: Vec::new(),
            zones: default_zones(),
            airlocks: Vec::new(),
            changes: Vec::new(),
            vote: None,
            hidden: Hidden::default(),
            next_id: 0,
        }
    }
}

impl Session {
    /// Whether two sessions hold the same content: everything but the id
    /// counter (`next_id`), which only ever grows.
    pub fn same_content(&self, other: &Session) -> bool {
        let mut a = self.clone();
        a.next_id = other.next_id;
        a == *other
    }

    /// The id the `k`-th next new entity gets ([`Edit::Add`] takes
    /// `peek_id(0)` when it is applied and raises `next_id` past it): never
    /// used in this session, not even by something since deleted. Views
    /// never ask for it (the model assigns ids); the file loader and the
    /// generator do.
    pub fn peek_id(&self, k: u64) -> Id {
        let after_max = self.max_id().map_or(0, |id| id.0.saturating_add(1));
        Id(self.next_id.max(after_max).saturating_add(k))
    }

    fn max_id(&self) -> Option<Id> {
        self.all_ids().map(|(_, id)| id).max()
    }

    /// Every entity's kind ("tool", "flow", … as [`EntityKind::noun`]) and
    /// id.
    pub fn all_ids(&self) -> impl Iterator<Item = (&'static str, Id)> + '_ {
        let noun = |kind: EntityKind| kind.noun();
        let tools = self
            .tools
            .iter()
            .map(move |t| (noun(EntityKind::Tool), t.id));
        let flows = self
            .flows
            .iter()
            .map(move |f| (noun(EntityKind::Flow), f.id));
        let tasks = self
            .tasks
            .iter()
            .map(move |t| (noun(EntityKind::Task), t.id));
        let people = (self.participants.iter()).map(move |p| (noun(EntityKind::Participant), p.id));
        let pains = (self.pain_points.iter()).map(move |p| (noun(EntityKind::PainPoint), p.id));
        let airlocks = self
            .airlocks
            .iter()
            .map(move |a| (noun(EntityKind::Airlock), a.id));
        let changes = self
            .changes
            .iter()
            .map(move |c| (noun(EntityKind::Change), c.id));
        tools
            .chain(flows)
            .chain(tasks)
            .chain(people)
            .chain(pains)
            .chain(airlocks)
            .chain(changes)
    }

    /// The pain point with this id.
    pub fn pain_point(&self, id: Id) -> Option<&PainPoint> {
        self.pain_points.iter().find(|p| p.id == id)
    }

    /// The zone of a quadrant.
    pub fn zone(&self, quadrant: Quadrant) -> Option<&Zone> {
        self.zones.iter().find(|z| z.quadrant == quadrant)
    }

    /// The tool with this id.
    pub fn tool(&self, id: Id) -> Option<&Tool> {
        self.tools.iter().find(|t| t.id == id)
    }

    /// The flow with this id.
    pub fn flow(&self, id: Id) -> Option<&Flow> {
        self.flows.iter().find(|f| f.id == id)
    }

    /// The task with this id.
    pub fn task(&self, id: Id) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// Problems that make a session inconsistent: ids used twice,
    /// positions off the board ([`BoardPos::is_on_board`]), grid positions
    /// outside −1..1, flows whose endpoints are missing or equal, shares
    /// over 100 %, pain points on missing tools or flows, hours outside
    /// 0–168, metric values that are not numbers, scores outside 1–10,
    /// texts holding control or direction characters ([`clean_text`]) or
    /// longer than [`MAX_TEXT_CHARS`], a zone missing or doubled, dots of
    /// the vote on missing participants or notes, or more dots than
    /// allowed. Each message names the offending entity; empty for a sound
    /// session.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (what, id) in self.all_ids() {
            if !seen.insert(id) {
                problems.push(Problem::at(id, format!("{what} id {} is used twice", id.0)));
            }
        }
        for tool in self.tools.iter().filter(|t| !t.pos.is_on_board()) {
            problems.push(Problem::at(
                tool.id,
                format!(
                    "tool {} \"{}\": its position is off the board",
                    tool.id.0, tool.name
                ),
            ));
        }
        for task in &self.tasks {
            if task.board_pos.is_some_and(|p| !p.is_on_board()) {
                problems.push(Problem::at(
                    task.id,
                    format!(
                        "task {} \"{}\": its board position is off the board",
                        task.id.0, task.name
                    ),
                ));
            }
            if task.grid.is_some_and(|g| !g.is_on_grid()) {
                problems.push(Problem::at(
                    task.id,
                    format!(
                        "task {} \"{}\": grid position outside -1..1",
                        task.id.0, task.name
                    ),
                ));
            }
        }
        let tool_ids: std::collections::HashSet<Id> = self.tools.iter().map(|t| t.id).collect();
        let flow_ids: std::collections::HashSet<Id> = self.flows.iter().map(|f| f.id).collect();
        for flow in &self.flows {
            if flow.from == flow.to {
                problems.push(Problem::at(
                    flow.id,
                    format!(
                        "flow {} \"{}\": goes from a tool to itself",
                        flow.id.0, flow.label
                    ),
                ));
            }
            for (end, id) in [("from", flow.from), ("to", flow.to)] {
                if !tool_ids.contains(&id) {
                    problems.push(Problem::at(
                        flow.id,
                        format!(
                            "flow {} \"{}\": its `{end}` tool {} does not exist",
                            flow.id.0, flow.label, id.0
                        ),
                    ));
                }
            }
            if flow.share.is_some_and(|s| !Flow::share_in_range(s)) {
                problems.push(Problem::at(
                    flow.id,
                    format!(
                        "flow {} \"{}\": share must be 0–100 %",
                        flow.id.0, flow.label
                    ),
                ));
            }
        }
        for pain in &self.pain_points {
            let missing = match pain.attached {
                Attachment::Free => None,
                Attachment::Tool(id) => (!tool_ids.contains(&id)).then_some(("tool", id)),
                Attachment::Flow(id) => (!flow_ids.contains(&id)).then_some(("flow", id)),
            };
            if let Some((what, id)) = missing {
                problems.push(Problem::at(
                    pain.id,
                    format!(
                        "pain point {}: its {what} {} does not exist",
                        pain.id.0, id.0
                    ),
                ));
            }
            if let Some(h) = pain.hours_per_week
                && check_hours(h).is_err()
            {
                problems.push(Problem::at(
                    pain.id,
                    format!("pain point {}: {h} hours/week is outside 0–168", pain.id.0),
                ));
            }
            if !pain.pos.is_on_board() {
                problems.push(Problem::at(
                    pain.id,
                    format!("pain point {}: its position is off the board", pain.id.0),
                ));
            }
        }
        for change in self.changes.iter().filter(|c| !c.metrics_are_numbers()) {
            problems.push(Problem::at(
                change.id,
                format!("change {}: a metric value is not a number", change.id.0),
            ));
        }
        self.texts(|owner, field, text| {
            let problem = if !is_clean(text) {
                "holds control or direction characters"
            } else if too_long(text).is_some() {
                "is longer than the limit"
            } else {
                return;
            };
            problems.push(Problem {
                id: owner.id(),
                message: format!("{}: {problem}", owner.describe(field)),
            });
        });
        for q in Quadrant::ALL {
            if self.zones.iter().filter(|z| z.quadrant == q).count() != 1 {
                problems.push(Problem {
                    id: None,
                    message: format!("zones: the {} quadrant needs exactly one zone", q.title()),
                });
            }
        }
        problems.extend(
            self.scores
                .problems()
                .into_iter()
                .map(|message| Problem { id: None, message }),
        );
        for p in &self.participants {
            problems.extend(p.scores.problems().into_iter().map(|message| Problem {
                id: Some(p.id),
                message: format!("participant {} \"{}\": {message}", p.id.0, p.name),
            }));
        }
        problems.extend(self.vote_problems());
        problems
    }
}

/// Something that makes a session inconsistent, found by [`Session::problems`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The entity at fault, when there is one.
    pub id: Option<Id>,
    /// What is wrong, for a person.
    pub message: String,
}

impl Problem {
    fn at(id: Id, message: String) -> Self {
        Self {
            id: Some(id),
            message,
        }
    }
}
