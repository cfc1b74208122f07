//! Participants and their own work-model scores (orchestra-vs-factory
//! lens, METHOD.md): per question the mean, spread and who is far from
//! the rest.

use serde::{Deserialize, Serialize};

use super::{Id, Question, ScoreSet, Session, WorkModelScores};

/// A participant this far (points, 1–10 scale) or further from the mean
/// of a question is named as a discussion prompt.
pub const OUTLIER_DISTANCE: f32 = 3.0;

/// Colours handed to new participants in turn (sRGB), dark enough to carry
/// white text and distinct from one another.
pub const PARTICIPANT_COLOURS: [[u8; 3]; 8] = [
    [0x1F, 0x5F, 0xA8],
    [0xA8, 0x3A, 0x1F],
    [0x2E, 0x7D, 0x32],
    [0x6A, 0x1B, 0x9A],
    [0x8D, 0x5B, 0x00],
    [0x00, 0x6D, 0x77],
    [0xAD, 0x14, 0x57],
    [0x45, 0x5A, 0x64],
];

/// Someone in the workshop.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    /// Stable id; notes refer to their author by it.
    pub id: Id,
    /// Name as shown, e.g. "Priya".
    pub name: String,
    /// Colour of their notes' author mark, sRGB.
    pub colour: [u8; 3],
    /// Their own work-model scores, both sets, each question 1–10 or unscored.
    #[serde(default)]
    pub scores: WorkModelScores,
}

/// How the participants scored one question of one set.
#[derive(Clone, Debug, PartialEq)]
pub struct Spread {
    /// How many participants scored it.
    pub n: usize,
    /// Mean, 1–10.
    pub mean: f32,
    /// Lowest score.
    pub min: u8,
    /// Highest score.
    pub max: u8,
    /// Population standard deviation, points.
    pub std_dev: f32,
    /// Participants at least [`OUTLIER_DISTANCE`] from the mean, with their
    /// score.
    pub far: Vec<(Id, u8)>,
}

/// The spread of one question of one set across participants; `None` when
/// nobody scored it.
pub fn spread(participants: &[Participant], set: ScoreSet, question: Question) -> Option<Spread> {
    let scores: Vec<(Id, u8)> = participants
        .iter()
        .filter_map(|p| p.scores.set(set).get(question).map(|s| (p.id, s)))
        .collect();
    let n = scores.len();
    if n == 0 {
        return None;
    }
    let mean = scores.iter().map(|(_, s)| f32::from(*s)).sum::<f32>() / n as f32;
    let variance = scores
        .iter()
        .map(|(_, s)| (f32::from(*s) - mean).powi(2))
        .sum::<f32>()
        / n as f32;
    Some(Spread {
        n,
        mean,
        min: scores.iter().map(|(_, s)| *s).min().unwrap_or(0),
        max: scores.iter().map(|(_, s)| *s).max().unwrap_or(0),
        std_dev: variance.sqrt(),
        far: scores
            .iter()
            .filter(|(_, s)| (f32::from(*s) - mean).abs() >= OUTLIER_DISTANCE)
            .copied()
            .collect(),
    })
}

impl Session {
    /// The participant with this id.
    pub fn participant(&self, id: Id) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    /// Whether any participant has scored any question (then their scores,
    /// not the team-consensus sliders, drive the panel).
    pub fn has_participant_scores(&self) -> bool {
        self.participants.iter().any(|p| p.scores.any_scored())
    }

    /// How many participants have scored at least one question (0 to the
    /// number of participants).
    pub fn participants_scored(&self) -> usize {
        self.participants
            .iter()
            .filter(|p| p.scores.any_scored())
            .count()
    }

    /// A colour for the next new participant.
    pub fn next_participant_colour(&self) -> [u8; 3] {
        let i = self.participants.len() % PARTICIPANT_COLOURS.len();
        PARTICIPANT_COLOURS.get(i).copied().unwrap_or([0, 0, 0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WorkModel;

    fn person(id: u64, output: Option<u8>) -> Participant {
        Participant {
            id: Id(id),
            name: format!("P{id}"),
            colour: [0, 0, 0],
            scores: WorkModelScores {
                as_is: WorkModel {
                    output,
                    ..WorkModel::default()
                },
                as_run: WorkModel::default(),
            },
        }
    }

    #[test]
    fn spread_against_hand_computed_figures() {
        // Scores 8, 8, 9, 3: mean 7, deviations 1, 1, 2, -4;
        // variance (1 + 1 + 4 + 16) / 4 = 5.5, sd = 2.345…
        let people = [
            person(1, Some(8)),
            person(2, Some(8)),
            person(3, Some(9)),
            person(4, Some(3)),
            person(5, None),
        ];
        let s = spread(&people, ScoreSet::AsItIs, Question::Output).unwrap();
        assert_eq!(s.n, 4);
        assert_eq!(s.mean, 7.0);
        assert_eq!((s.min, s.max), (3, 9));
        assert!((s.std_dev - 5.5f32.sqrt()).abs() < 1e-6, "{}", s.std_dev);
        assert_eq!(s.far, vec![(Id(4), 3)], "only the 3 is ≥ 3 points from 7");
        assert_eq!(spread(&people, ScoreSet::AsRun, Question::Output), None);
    }

    #[test]
    fn exactly_three_points_away_is_named() {
        let people = [person(1, Some(4)), person(2, Some(10))];
        let s = spread(&people, ScoreSet::AsItIs, Question::Output).unwrap();
        assert_eq!(s.mean, 7.0);
        assert_eq!(s.std_dev, 3.0);
        assert_eq!(s.far, vec![(Id(1), 4), (Id(2), 10)]);
    }
}
