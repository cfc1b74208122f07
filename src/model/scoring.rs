//! The live scoring panel's maths: task counts per quadrant, tool-map
//! figures, and the work-model spectrum (orchestra-vs-factory lens,
//! METHOD.md "The diagnostic lenses").

use serde::{Deserialize, Serialize};

use super::{FlowKind, Placement, Quadrant, Session};

/// A work-model mean at or below this is *Factory-leaning* (1–10 scale).
pub const FACTORY_LEANING_MAX: f32 = 4.0;
/// A work-model mean at or above this is *Orchestra-leaning* (1–10 scale).
pub const ORCHESTRA_LEANING_MIN: f32 = 7.0;
/// A gap between *as it is* and *as we run it* of at least this many points
/// on one question is highlighted as a misalignment.
pub const GAP_HIGHLIGHT: i32 = 4;
/// Lowest valid work-model score (pure Factory).
pub const SCORE_MIN: u8 = 1;
/// Highest valid work-model score (pure Orchestra).
pub const SCORE_MAX: u8 = 10;

/// The four work-model questions of orchestra-vs-factory.txt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Question {
    /// Standardized, repeatable product (1) or unique bespoke creation (10)?
    Output,
    /// Known, linear path (1) or emergent, discovery-based (10)?
    Process,
    /// Efficiency (1) or effectiveness/impact (10)?
    PrimaryMetric,
    /// Specialist executing a defined task (1) or interpreter with a unique voice (10)?
    Individual,
}

impl Question {
    /// The four, in the article's order.
    pub const ALL: [Question; 4] = [
        Self::Output,
        Self::Process,
        Self::PrimaryMetric,
        Self::Individual,
    ];

    /// Short name, as a column or row title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Output => "Output",
            Self::Process => "Process",
            Self::PrimaryMetric => "Primary metric",
            Self::Individual => "Role of the individual",
        }
    }

    /// The two poles, Factory (1) then Orchestra (10).
    pub fn poles(self) -> (&'static str, &'static str) {
        match self {
            Self::Output => ("standardized, repeatable", "unique, bespoke"),
            Self::Process => ("known, linear", "emergent, iterative"),
            Self::PrimaryMetric => ("efficiency", "effectiveness, impact"),
            Self::Individual => ("specialist executing", "interpreter, unique voice"),
        }
    }
}

/// Which of the two score sets: the work as it is, or how we run it now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ScoreSet {
    /// The nature of the work itself.
    AsItIs,
    /// How the team currently runs it.
    AsRun,
}

impl ScoreSet {
    /// Both, as-is first.
    pub const ALL: [ScoreSet; 2] = [Self::AsItIs, Self::AsRun];

    /// "The work as it is" / "How we run it now".
    pub fn title(self) -> &'static str {
        match self {
            Self::AsItIs => "The work as it is",
            Self::AsRun => "How we run it now",
        }
    }
}

/// One set of answers to the four questions, each 1 (pure Factory) to 10
/// (pure Orchestra), `None` while not scored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkModel {
    /// Question 1, 1–10.
    pub output: Option<u8>,
    /// Question 2, 1–10.
    pub process: Option<u8>,
    /// Question 3, 1–10.
    pub primary_metric: Option<u8>,
    /// Question 4, 1–10.
    pub individual: Option<u8>,
}

impl WorkModel {
    /// The score for one question.
    pub fn get(&self, q: Question) -> Option<u8> {
        match q {
            Question::Output => self.output,
            Question::Process => self.process,
            Question::PrimaryMetric => self.primary_metric,
            Question::Individual => self.individual,
        }
    }

    /// The slot for one question.
    pub fn get_mut(&mut self, q: Question) -> &mut Option<u8> {
        match q {
            Question::Output => &mut self.output,
            Question::Process => &mut self.process,
            Question::PrimaryMetric => &mut self.primary_metric,
            Question::Individual => &mut self.individual,
        }
    }

    /// Mean of the scored questions, or `None` when none is scored.
    pub fn mean(&self) -> Option<f32> {
        let scored: Vec<f32> = Question::ALL
            .iter()
            .filter_map(|&q| self.get(q))
            .map(f32::from)
            .collect();
        (!scored.is_empty()).then(|| scored.iter().sum::<f32>() / scored.len() as f32)
    }
}

/// The team-consensus work-model scores, scored twice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkModelScores {
    /// The work as it is.
    pub as_is: WorkModel,
    /// How we run it now.
    pub as_run: WorkModel,
}

impl WorkModelScores {
    /// One of the two sets.
    pub fn set(&self, set: ScoreSet) -> &WorkModel {
        match set {
            ScoreSet::AsItIs => &self.as_is,
            ScoreSet::AsRun => &self.as_run,
        }
    }

    /// One of the two sets, mutable.
    pub fn set_mut(&mut self, set: ScoreSet) -> &mut WorkModel {
        match set {
            ScoreSet::AsItIs => &mut self.as_is,
            ScoreSet::AsRun => &mut self.as_run,
        }
    }

    /// Gap on one question: as-it-is minus as-run, in points (−9..9), when
    /// both are scored. Positive: the work is more Orchestra than we run it.
    pub fn gap(&self, q: Question) -> Option<i32> {
        Some(i32::from(self.as_is.get(q)?) - i32::from(self.as_run.get(q)?))
    }

    /// Scores outside 1–10, as messages.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for set in ScoreSet::ALL {
            for q in Question::ALL {
                if let Some(v) = self.set(set).get(q)
                    && !(SCORE_MIN..=SCORE_MAX).contains(&v)
                {
                    out.push(format!(
                        "score \"{}\" / {}: {v} is outside 1–10",
                        set.title(),
                        q.title()
                    ));
                }
            }
        }
        out
    }
}

/// One of the three diagnostic lenses; each names the poles its own way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lens {
    /// orchestra-vs-factory: Factory ↔ Orchestra.
    WorkModel,
    /// orchestra-and-jam-session: Orchestra ↔ Jam Session.
    Rhythm,
    /// orchestra-vs-algorithm: Algorithm ↔ Orchestra.
    Automation,
}

impl Lens {
    /// All three, the work-model lens (the one scored) first.
    pub const ALL: [Lens; 3] = [Self::WorkModel, Self::Rhythm, Self::Automation];

    /// The lens's name.
    pub fn title(self) -> &'static str {
        match self {
            Self::WorkModel => "Work model",
            Self::Rhythm => "Rhythm",
            Self::Automation => "Automation",
        }
    }

    /// (structured pole, adaptive pole) in this lens's own words.
    pub fn poles(self) -> (&'static str, &'static str) {
        match self {
            Self::WorkModel => ("Factory", "Orchestra"),
            Self::Rhythm => ("Orchestra", "Jam Session"),
            Self::Automation => ("Algorithm", "Orchestra"),
        }
    }
}

/// Where a mean work-model score falls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Mean ≤ 4: the structured pole.
    StructuredLeaning,
    /// Between 4 and 7.
    Hybrid,
    /// Mean ≥ 7: the adaptive pole.
    AdaptiveLeaning,
}

impl Verdict {
    /// The verdict for a mean on the 1–10 scale.
    pub fn from_mean(mean: f32) -> Self {
        if mean <= FACTORY_LEANING_MAX {
            Self::StructuredLeaning
        } else if mean >= ORCHESTRA_LEANING_MIN {
            Self::AdaptiveLeaning
        } else {
            Self::Hybrid
        }
    }

    /// The verdict in one lens's words, e.g. "Factory-leaning" (work model)
    /// is "Orchestra-leaning" in the rhythm lens.
    pub fn label(self, lens: Lens) -> String {
        let (structured, adaptive) = lens.poles();
        match self {
            Self::StructuredLeaning => format!("{structured}-leaning"),
            Self::Hybrid => "hybrid".to_owned(),
            Self::AdaptiveLeaning => format!("{adaptive}-leaning"),
        }
    }
}

/// Means, gaps and verdicts of the two work-model score sets.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkModelSummary {
    /// Mean of "the work as it is" (1–10), `None` when unscored.
    pub mean_as_is: Option<f32>,
    /// Mean of "how we run it now" (1–10), `None` when unscored.
    pub mean_as_run: Option<f32>,
    /// Gap per question in [`Question::ALL`] order (as-is − as-run).
    pub gaps: [Option<i32>; 4],
}

impl WorkModelSummary {
    /// Summarise a pair of score sets.
    pub fn of(scores: &WorkModelScores) -> Self {
        Self {
            mean_as_is: scores.as_is.mean(),
            mean_as_run: scores.as_run.mean(),
            gaps: Question::ALL.map(|q| scores.gap(q)),
        }
    }

    /// Mean of one set.
    pub fn mean(&self, set: ScoreSet) -> Option<f32> {
        match set {
            ScoreSet::AsItIs => self.mean_as_is,
            ScoreSet::AsRun => self.mean_as_run,
        }
    }

    /// Verdict of one set, when scored.
    pub fn verdict(&self, set: ScoreSet) -> Option<Verdict> {
        self.mean(set).map(Verdict::from_mean)
    }

    /// Whether a gap is large enough to highlight (|gap| ≥ [`GAP_HIGHLIGHT`]).
    pub fn is_misaligned(gap: i32) -> bool {
        gap.abs() >= GAP_HIGHLIGHT
    }
}

/// Everything the live scoring panel shows, computed from a session.
#[derive(Clone, Debug, PartialEq)]
pub struct Stats {
    /// Placed tasks per quadrant, in [`Quadrant::ALL`] order.
    pub per_quadrant: [usize; 4],
    /// Placed tasks on or near an axis.
    pub undecided: usize,
    /// Tasks still in the tray.
    pub unplaced: usize,
    /// Number of tools.
    pub tools: usize,
    /// Number of flows, designed and shadow.
    pub flows: usize,
    /// Number of shadow flows.
    pub shadow_flows: usize,
    /// Mean share of the shadow flows that carry one, percent 0–100.
    pub mean_shadow_share: Option<f32>,
    /// The work-model spectrum.
    pub work_model: WorkModelSummary,
}

impl Stats {
    /// Compute all figures; O(tools + flows + tasks).
    pub fn of(session: &Session) -> Self {
        let mut per_quadrant = [0; 4];
        let (mut undecided, mut unplaced) = (0, 0);
        for task in &session.tasks {
            match task.placement() {
                None => unplaced += 1,
                Some(Placement::Undecided) => undecided += 1,
                Some(Placement::Quadrant(q)) => {
                    if let Some(n) = Quadrant::ALL
                        .iter()
                        .position(|&x| x == q)
                        .and_then(|i| per_quadrant.get_mut(i))
                    {
                        *n += 1;
                    }
                }
            }
        }
        let shadow: Vec<_> = session
            .flows
            .iter()
            .filter(|f| f.kind == FlowKind::Shadow)
            .collect();
        let shares: Vec<f32> = shadow
            .iter()
            .filter_map(|f| f.share)
            .map(f32::from)
            .collect();
        Self {
            per_quadrant,
            undecided,
            unplaced,
            tools: session.tools.len(),
            flows: session.flows.len(),
            shadow_flows: shadow.len(),
            mean_shadow_share: (!shares.is_empty())
                .then(|| shares.iter().sum::<f32>() / shares.len() as f32),
            work_model: WorkModelSummary::of(&session.scores),
        }
    }

    /// Placed tasks in one quadrant.
    pub fn in_quadrant(&self, q: Quadrant) -> usize {
        Quadrant::ALL
            .iter()
            .position(|&x| x == q)
            .and_then(|i| self.per_quadrant.get(i).copied())
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(v: [u8; 4]) -> WorkModel {
        WorkModel {
            output: Some(v[0]),
            process: Some(v[1]),
            primary_metric: Some(v[2]),
            individual: Some(v[3]),
        }
    }

    #[test]
    fn mean_ignores_unscored_questions() {
        assert_eq!(model([8, 9, 7, 8]).mean(), Some(8.0));
        let mut partial = WorkModel::default();
        assert_eq!(partial.mean(), None);
        partial.process = Some(3);
        partial.individual = Some(6);
        assert_eq!(partial.mean(), Some(4.5));
    }

    #[test]
    fn verdict_thresholds() {
        assert_eq!(Verdict::from_mean(4.0), Verdict::StructuredLeaning);
        assert_eq!(Verdict::from_mean(4.25), Verdict::Hybrid);
        assert_eq!(Verdict::from_mean(6.75), Verdict::Hybrid);
        assert_eq!(Verdict::from_mean(7.0), Verdict::AdaptiveLeaning);
        assert_eq!(Verdict::from_mean(1.0), Verdict::StructuredLeaning);
    }

    #[test]
    fn verdict_uses_each_lens_own_labels() {
        let v = Verdict::from_mean(9.0);
        assert_eq!(v.label(Lens::WorkModel), "Orchestra-leaning");
        assert_eq!(v.label(Lens::Rhythm), "Jam Session-leaning");
        assert_eq!(v.label(Lens::Automation), "Orchestra-leaning");
        let v = Verdict::from_mean(2.0);
        assert_eq!(v.label(Lens::WorkModel), "Factory-leaning");
        assert_eq!(v.label(Lens::Rhythm), "Orchestra-leaning");
        assert_eq!(v.label(Lens::Automation), "Algorithm-leaning");
    }

    #[test]
    fn gaps_and_misalignment() {
        // The fintech team: an Orchestra project (9) run with Factory metrics (2).
        let scores = WorkModelScores {
            as_is: model([9, 9, 8, 9]),
            as_run: model([3, 2, 2, 6]),
        };
        let summary = WorkModelSummary::of(&scores);
        assert_eq!(summary.gaps, [Some(6), Some(7), Some(6), Some(3)]);
        assert!(WorkModelSummary::is_misaligned(6));
        assert!(WorkModelSummary::is_misaligned(-4));
        assert!(!WorkModelSummary::is_misaligned(3));
        assert_eq!(
            summary.verdict(ScoreSet::AsItIs),
            Some(Verdict::AdaptiveLeaning)
        );
        assert_eq!(
            summary.verdict(ScoreSet::AsRun),
            Some(Verdict::StructuredLeaning)
        );
        let mut half = scores;
        half.as_run.process = None;
        assert_eq!(half.gap(Question::Process), None);
    }
}
