//! The live scoring panel's maths: task counts per quadrant, tool-map
//! figures, and the work-model spectrum (orchestra-vs-factory lens,
//! METHOD.md "The diagnostic lenses").

use serde::{Deserialize, Serialize};

use super::{
    AutomationLabel, FlowKind, Id, PainStats, Placement, Quadrant, Session, Spread, UnexpectedWay,
    spread, too_many_in_progress,
};

/// A work-model mean at or below this is *Factory-leaning* (1–10 scale).
pub const FACTORY_LEANING_MAX: f32 = 4.0;
/// A work-model mean at or above this is *Orchestra-leaning* (1–10 scale).
pub const ORCHESTRA_LEANING_MIN: f32 = 7.0;
/// A gap between *as it is* and *as we run it* of at least this many points
/// on one question is highlighted as a misalignment.
pub const GAP_HIGHLIGHT: f32 = 4.0;
/// Lowest valid work-model score (pure Factory).
pub const SCORE_MIN: u8 = 1;
/// Highest valid work-model score (pure Orchestra).
pub const SCORE_MAX: u8 = 10;

/// Whether `v` is a work-model score, [`SCORE_MIN`]–[`SCORE_MAX`] (1–10).
/// The one rule for it, used by [`super::apply`],
/// [`super::Session::problems`] and the file loader.
pub fn score_in_range(v: u8) -> bool {
    (SCORE_MIN..=SCORE_MAX).contains(&v)
}

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

    /// Whether any question of either set is scored.
    pub fn any_scored(&self) -> bool {
        ScoreSet::ALL.iter().any(|&set| {
            Question::ALL
                .iter()
                .any(|&q| self.set(set).get(q).is_some())
        })
    }

    /// The scores outside 1–10 ([`score_in_range`]), with their set and
    /// question.
    pub fn out_of_range(&self) -> Vec<(ScoreSet, Question, u8)> {
        let mut out = Vec::new();
        for set in ScoreSet::ALL {
            for q in Question::ALL {
                if let Some(v) = self.set(set).get(q).filter(|v| !score_in_range(*v)) {
                    out.push((set, q, v));
                }
            }
        }
        out
    }

    /// Scores outside 1–10, as messages.
    pub fn problems(&self) -> Vec<String> {
        self.out_of_range()
            .into_iter()
            .map(|(set, q, v)| {
                format!(
                    "score \"{}\" / {}: {v} is outside 1–10",
                    set.title(),
                    q.title()
                )
            })
            .collect()
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

/// Whose scores the work-model figures come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScoreSource {
    /// The participants' own scores (their mean per question).
    Participants,
    /// The team-consensus sliders (no participant has scored).
    Consensus,
}

/// Means, gaps and verdicts of the two work-model score sets.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkModelSummary {
    /// Where the figures come from.
    pub source: ScoreSource,
    /// Per set ([`ScoreSet::ALL`] order) and question ([`Question::ALL`]
    /// order): the score, 1–10 (the participants' mean, or the consensus).
    pub values: [[Option<f32>; 4]; 2],
    /// Mean of "the work as it is" (1–10), `None` when unscored.
    pub mean_as_is: Option<f32>,
    /// Mean of "how we run it now" (1–10), `None` when unscored.
    pub mean_as_run: Option<f32>,
    /// Gap per question in [`Question::ALL`] order (as-is − as-run), points.
    pub gaps: [Option<f32>; 4],
    /// Per set and question, how the participants spread (empty with the
    /// consensus source).
    pub spreads: [[Option<Spread>; 4]; 2],
}

impl WorkModelSummary {
    /// Summarise the team-consensus score sets.
    pub fn of(scores: &WorkModelScores) -> Self {
        let values =
            ScoreSet::ALL.map(|set| Question::ALL.map(|q| scores.set(set).get(q).map(f32::from)));
        Self::from_values(ScoreSource::Consensus, values, Default::default())
    }

    /// Summarise a session: the participants' scores when any participant
    /// has scored, else the team-consensus sliders.
    pub fn of_session(session: &Session) -> Self {
        if !session.has_participant_scores() {
            return Self::of(&session.scores);
        }
        let spreads =
            ScoreSet::ALL.map(|set| Question::ALL.map(|q| spread(&session.participants, set, q)));
        let values = ScoreSet::ALL.map(|set| {
            Question::ALL.map(|q| {
                let (si, qi) = (set_index(set), question_index(q));
                spreads
                    .get(si)
                    .and_then(|row| row.get(qi))
                    .and_then(|s| s.as_ref())
                    .map(|s| s.mean)
            })
        });
        Self::from_values(ScoreSource::Participants, values, spreads)
    }

    fn from_values(
        source: ScoreSource,
        values: [[Option<f32>; 4]; 2],
        spreads: [[Option<Spread>; 4]; 2],
    ) -> Self {
        let mean = |row: &[Option<f32>; 4]| {
            let scored: Vec<f32> = row.iter().flatten().copied().collect();
            (!scored.is_empty()).then(|| scored.iter().sum::<f32>() / scored.len() as f32)
        };
        let [as_is, as_run] = &values;
        let gaps = std::array::from_fn(|i| {
            Some(as_is.get(i).copied().flatten()? - as_run.get(i).copied().flatten()?)
        });
        Self {
            source,
            mean_as_is: mean(as_is),
            mean_as_run: mean(as_run),
            gaps,
            values,
            spreads,
        }
    }

    /// The score of one question in one set, 1–10.
    pub fn value(&self, set: ScoreSet, q: Question) -> Option<f32> {
        self.values
            .get(set_index(set))
            .and_then(|row| row.get(question_index(q)))
            .copied()
            .flatten()
    }

    /// How the participants spread on one question of one set.
    pub fn spread(&self, set: ScoreSet, q: Question) -> Option<&Spread> {
        self.spreads
            .get(set_index(set))
            .and_then(|row| row.get(question_index(q)))
            .and_then(Option::as_ref)
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
    pub fn is_misaligned(gap: f32) -> bool {
        gap.abs() >= GAP_HIGHLIGHT
    }
}

fn set_index(set: ScoreSet) -> usize {
    match set {
        ScoreSet::AsItIs => 0,
        ScoreSet::AsRun => 1,
    }
}

fn question_index(q: Question) -> usize {
    Question::ALL.iter().position(|&x| x == q).unwrap_or(0)
}

/// The automation check across tasks (orchestra-vs-algorithm lens).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AutomationStats {
    /// Tasks labelled O.
    pub orchestral: usize,
    /// Tasks labelled A.
    pub algorithmic: usize,
    /// Tasks labelled hybrid.
    pub hybrid: usize,
    /// Tasks whose label disagrees with their quadrant, with both.
    pub disagreements: Vec<(Id, AutomationLabel, Quadrant)>,
    /// Single question: tasks leaning Jam (unexpected success is success).
    pub lean_jam: usize,
    /// Single question: tasks leaning Orchestra.
    pub lean_orchestra: usize,
}

impl AutomationStats {
    /// Count labels and disagreements over a session's tasks.
    pub fn of(session: &Session) -> Self {
        let mut stats = Self::default();
        for task in &session.tasks {
            match task.unexpected {
                Some(UnexpectedWay::Success) => stats.lean_jam += 1,
                Some(UnexpectedWay::Failure) => stats.lean_orchestra += 1,
                None => {}
            }
            let Some(label) = task.automation.label() else {
                continue;
            };
            match label {
                AutomationLabel::Orchestral => stats.orchestral += 1,
                AutomationLabel::Algorithmic => stats.algorithmic += 1,
                AutomationLabel::Hybrid => stats.hybrid += 1,
            }
            if let Some(Placement::Quadrant(q)) = task.placement()
                && label.disagrees_with(q)
            {
                stats.disagreements.push((task.id, label, q));
            }
        }
        stats
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
    /// Pain-point hours (Step 2).
    pub pain: PainStats,
    /// Automation labels and the single question (per-task lenses).
    pub automation: AutomationStats,
    /// "One change at a time" warning, when more than one is in progress.
    pub changes_warning: Option<String>,
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
            work_model: WorkModelSummary::of_session(session),
            pain: PainStats::of(session),
            automation: AutomationStats::of(session),
            changes_warning: too_many_in_progress(&session.changes),
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
        assert_eq!(summary.gaps, [Some(6.0), Some(7.0), Some(6.0), Some(3.0)]);
        assert!(WorkModelSummary::is_misaligned(6.0));
        assert!(WorkModelSummary::is_misaligned(-4.0));
        assert!(!WorkModelSummary::is_misaligned(3.9));
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

    #[test]
    fn participants_scores_replace_the_consensus_once_anyone_scores() {
        use crate::model::{Id, Participant};
        let mut session = Session::default();
        session.scores.as_is.output = Some(2);
        assert_eq!(
            WorkModelSummary::of_session(&session).source,
            ScoreSource::Consensus
        );
        for (id, output, run) in [(1, 9, 3), (2, 7, 2)] {
            let mut scores = WorkModelScores::default();
            scores.as_is.output = Some(output);
            scores.as_run.output = Some(run);
            session.participants.push(Participant {
                id: Id(id),
                name: format!("P{id}"),
                colour: [0, 0, 0],
                scores,
            });
        }
        let summary = WorkModelSummary::of_session(&session);
        assert_eq!(summary.source, ScoreSource::Participants);
        assert_eq!(summary.value(ScoreSet::AsItIs, Question::Output), Some(8.0));
        assert_eq!(summary.gaps[0], Some(5.5));
        assert_eq!(
            summary
                .spread(ScoreSet::AsRun, Question::Output)
                .map(|s| s.n),
            Some(2)
        );
    }
}
