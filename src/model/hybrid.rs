//! Step 4, Designing the Hybrid Score (METHOD.md): zones, airlocks between
//! them, and changes (action items) measured next quarter.

use serde::{Deserialize, Serialize};

use super::{Id, Quadrant};

/// A zone of the hybrid score: one per quadrant, with its chosen rhythm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Zone {
    /// The quadrant this zone covers (its identity).
    pub quadrant: Quadrant,
    /// The rhythm chosen for it; defaults to the quadrant's own.
    pub rhythm: Quadrant,
    /// Free-text principles, e.g. "all exploratory work starts in the team board".
    #[serde(default)]
    pub principles: String,
}

/// One zone per quadrant, each with the quadrant's recommended rhythm.
pub fn default_zones() -> Vec<Zone> {
    Quadrant::ALL
        .iter()
        .map(|&q| Zone {
            quadrant: q,
            rhythm: q,
            principles: String::new(),
        })
        .collect()
}

/// An explicit gate between two zones, typically from a jam zone into an
/// orchestrated one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Airlock {
    /// Stable id.
    pub id: Id,
    /// Its name, e.g. "Research → roadmap".
    pub name: String,
    /// The zone work leaves.
    pub from: Quadrant,
    /// The zone work enters.
    pub to: Quadrant,
    /// What must be true to enter the airlock.
    #[serde(default)]
    pub entry: String,
    /// What must be true to leave it.
    #[serde(default)]
    pub exit: String,
    /// The data or format handed over.
    #[serde(default)]
    pub handover: String,
}

/// Where a change stands.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum ChangeStatus {
    /// Not started.
    #[default]
    Planned,
    /// Being implemented (one at a time, METHOD.md).
    InProgress,
    /// Implemented; its metric is measured next quarter.
    Done,
    /// Given up.
    Dropped,
}

impl ChangeStatus {
    /// All four, in workflow order.
    pub const ALL: [ChangeStatus; 4] = [Self::Planned, Self::InProgress, Self::Done, Self::Dropped];

    /// "planned", "in progress", "done", "dropped".
    pub fn label(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::InProgress => "in progress",
            Self::Done => "done",
            Self::Dropped => "dropped",
        }
    }
}

/// Who owns a change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Owner {
    /// Nobody yet.
    #[default]
    Nobody,
    /// A participant, by id.
    Participant(Id),
    /// Someone outside the participant list, by name.
    Named(String),
}

/// What a change targets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// Nothing in particular.
    #[default]
    Nothing,
    /// A tool, by id.
    Tool(Id),
    /// A flow, by id.
    Flow(Id),
    /// A task, by id.
    Task(Id),
    /// A zone, by its quadrant.
    Zone(Quadrant),
}

/// An action item with a metric to measure next quarter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Stable id.
    pub id: Id,
    /// What changes, e.g. "Approvals move into the Docs add-on".
    pub description: String,
    /// Who owns it.
    #[serde(default)]
    pub owner: Owner,
    /// What it targets.
    #[serde(default)]
    pub target: Target,
    /// The metric's name, e.g. "cycle time".
    #[serde(default)]
    pub metric: String,
    /// The metric's unit, e.g. "days", "h/week", "%".
    #[serde(default)]
    pub unit: String,
    /// The metric now, in `unit`.
    #[serde(default)]
    pub baseline: Option<f64>,
    /// The metric aimed for, in `unit`.
    #[serde(default)]
    pub target_value: Option<f64>,
    /// Where it stands.
    #[serde(default)]
    pub status: ChangeStatus,
    /// The metric as measured in a later quarter's session, in `unit`
    /// ("Comparing quarters", METHOD.md); `None` until measured.
    #[serde(default)]
    pub measured: Option<f64>,
}

impl Change {
    /// Whether its baseline, target value and measured value are finite
    /// numbers (or unknown). The one rule for it, used by
    /// [`super::apply`], [`super::Session::problems`] and the file loader.
    pub fn metrics_are_numbers(&self) -> bool {
        [self.baseline, self.target_value, self.measured]
            .into_iter()
            .flatten()
            .all(f64::is_finite)
    }

    /// Its metric's unit to write after a value: " h/wk" (on one line,
    /// with its space), or empty when it has none.
    pub fn unit_suffix(&self) -> String {
        let unit = super::one_line(&self.unit);
        if unit.is_empty() {
            unit
        } else {
            format!(" {unit}")
        }
    }
}

/// "One change at a time": a warning when more than one is in progress.
pub fn too_many_in_progress(changes: &[Change]) -> Option<String> {
    let n = changes
        .iter()
        .filter(|c| c.status == ChangeStatus::InProgress)
        .count();
    (n > 1).then(|| {
        format!(
            "{n} changes are in progress: implement one change at a time and measure its impact"
        )
    })
}
