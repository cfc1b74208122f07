//! Dot voting (issue 6, "Ready for the workshop room"): the facilitator
//! starts a vote on the tasks or on the pain points, each participant gets
//! the same number of dots, places them by clicking notes, and the totals
//! stay hidden until the facilitator reveals them.
//!
//! The rule is **one dot per participant per note**: clicking a note you
//! already dotted takes the dot back (it is a toggle, not a stack), so a
//! participant with N dots backs N different notes. A session holds at most
//! one vote ([`Session::vote`]); starting a new one replaces it, ending it
//! removes it (both undoable), and the last vote is saved with the session.
//!
//! The dots of a vote are kept sorted by participant, then note, so that
//! removing a dot and putting it back gives the same vote exactly (undo
//! restores the session byte for byte).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{Edit, Id, Problem, Session};

/// Fewest dots per participant a vote may give.
pub const MIN_DOTS: u8 = 1;
/// Most dots per participant a vote may give.
pub const MAX_DOTS: u8 = 20;
/// Dots per participant offered for a new vote (a common choice for a
/// team of 4–15: about a third of a typical board's candidates).
pub const DEFAULT_DOTS: u8 = 3;
/// The glyph of a dot in the panel, on notes and in the report (in egui's
/// default fonts).
pub const DOT_GLYPH: &str = "●";

/// What a vote is on: every task note, or every pain point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VoteOn {
    /// The task notes (Step 3): which tasks matter most?
    #[default]
    Tasks,
    /// The pain points (Step 2): which pains to tackle first?
    PainPoints,
}

impl VoteOn {
    /// Both kinds, tasks first.
    pub const ALL: [VoteOn; 2] = [Self::Tasks, Self::PainPoints];

    /// "tasks" / "pain points", for sentences and the report.
    pub fn title(self) -> &'static str {
        match self {
            Self::Tasks => "tasks",
            Self::PainPoints => "pain points",
        }
    }

    /// "task" / "pain point": one candidate note of this kind.
    pub fn one(self) -> &'static str {
        match self {
            Self::Tasks => "task",
            Self::PainPoints => "pain point",
        }
    }
}

/// One dot: a participant backs a note (a task or a pain point, by id).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Dot {
    /// Id of the participant who placed it.
    pub participant: Id,
    /// Id of the task or pain point it is on.
    pub note: Id,
}

/// A dot vote (Dot voting, issue 6).
///
/// Build one with [`Vote::new`] and start it with [`Edit::StartVote`];
/// place and remove dots with [`Edit::PlaceDot`] / [`Edit::RemoveDot`]
/// (or [`toggle_dot`], which picks the right one), reveal with
/// [`Edit::RevealVote`]. Fields are private so that the dots per
/// participant stay within [`MIN_DOTS`]–[`MAX_DOTS`] and the dots stay
/// sorted and unique.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Vote {
    on: VoteOn,
    dots_per_participant: u8,
    #[serde(default)]
    question: String,
    #[serde(default)]
    revealed: bool,
    #[serde(default)]
    dots: Vec<Dot>,
}

impl Vote {
    /// A vote on `on` with `dots_per_participant` dots each, no dots placed,
    /// totals hidden, no question.
    ///
    /// # Errors
    /// [`VoteError::DotsPerParticipant`] when `dots_per_participant` is
    /// outside [`MIN_DOTS`]–[`MAX_DOTS`] (1–20).
    pub fn new(on: VoteOn, dots_per_participant: u8) -> Result<Self, VoteError> {
        check_dots_per_participant(dots_per_participant)?;
        Ok(Self {
            on,
            dots_per_participant,
            question: String::new(),
            revealed: false,
            dots: Vec::new(),
        })
    }

    /// The same vote asking `question` (free text, e.g. "What hurts most?";
    /// empty for none).
    #[must_use]
    pub fn with_question(mut self, question: impl Into<String>) -> Self {
        self.question = question.into();
        self
    }

    /// A vote exactly as a file holds it, unchecked: the store repairs it
    /// afterwards (`store::repair`).
    pub(crate) fn from_file(
        on: VoteOn,
        dots_per_participant: u8,
        question: String,
        revealed: bool,
        dots: Vec<Dot>,
    ) -> Self {
        Self {
            on,
            dots_per_participant,
            question,
            revealed,
            dots,
        }
    }

    /// What is voted on.
    pub fn on(&self) -> VoteOn {
        self.on
    }

    /// How many dots each participant has, 1–20.
    pub fn dots_per_participant(&self) -> u8 {
        self.dots_per_participant
    }

    /// The question asked, possibly empty.
    pub fn question(&self) -> &str {
        &self.question
    }

    /// Whether the facilitator has revealed the totals to the room.
    pub fn revealed(&self) -> bool {
        self.revealed
    }

    /// Every dot placed, sorted by participant then note.
    pub fn dots(&self) -> &[Dot] {
        &self.dots
    }

    /// Whether `participant` has a dot on `note`.
    pub fn has_dot(&self, participant: Id, note: Id) -> bool {
        self.dots.binary_search(&Dot { participant, note }).is_ok()
    }

    /// How many dots `participant` has placed (0 for anyone else).
    pub fn dots_placed(&self, participant: Id) -> usize {
        self.dots
            .iter()
            .filter(|d| d.participant == participant)
            .count()
    }

    /// How many dots `participant` still has, 0 ..= dots per participant.
    pub fn dots_left(&self, participant: Id) -> usize {
        usize::from(self.dots_per_participant).saturating_sub(self.dots_placed(participant))
    }

    /// How many dots are on `note`, everyone's together.
    pub fn dots_on(&self, note: Id) -> usize {
        self.dots.iter().filter(|d| d.note == note).count()
    }

    /// Who put a dot on `note`, in participant-id order (for painting the
    /// dots on a note in each participant's colour once revealed).
    pub fn voters_on(&self, note: Id) -> impl Iterator<Item = Id> + '_ {
        self.dots
            .iter()
            .filter(move |d| d.note == note)
            .map(|d| d.participant)
    }

    /// The vote with its dots sorted and duplicates removed.
    fn normalised(mut self) -> Self {
        self.dots.sort_unstable();
        self.dots.dedup();
        self
    }

    /// Whether the dots are sorted without duplicates (as [`Edit`]s keep
    /// them).
    fn is_normal(&self) -> bool {
        self.dots.windows(2).all(|w| matches!(w, [a, b] if a < b))
    }

    pub(crate) fn question_mut(&mut self) -> &mut String {
        &mut self.question
    }

    pub(crate) fn dots_mut(&mut self) -> &mut Vec<Dot> {
        &mut self.dots
    }

    pub(crate) fn set_dots_per_participant(&mut self, dots: u8) {
        self.dots_per_participant = dots;
    }

    pub(crate) fn set_revealed(&mut self, revealed: bool) -> bool {
        std::mem::replace(&mut self.revealed, revealed)
    }

    /// Insert a dot at its sorted place; `false` if it was already there.
    fn insert(&mut self, dot: Dot) -> bool {
        match self.dots.binary_search(&dot) {
            Ok(_) => false,
            Err(at) => {
                self.dots.insert(at, dot);
                true
            }
        }
    }

    /// Remove a dot; `false` if it was not there.
    fn remove(&mut self, dot: Dot) -> bool {
        match self.dots.binary_search(&dot) {
            Ok(at) => {
                self.dots.remove(at);
                true
            }
            Err(_) => false,
        }
    }
}

/// Why a vote, or a dot, is refused. Nothing changes when one is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum VoteError {
    /// No vote is running.
    #[error("no vote is running: start one first")]
    NotStarted,
    /// Dots per participant outside 1–20.
    #[error("{0} dots per participant is outside {MIN_DOTS}–{MAX_DOTS}")]
    DotsPerParticipant(u8),
    /// A dot was clicked with nobody picked as the active participant.
    #[error("pick who is voting first")]
    NoActiveParticipant,
    /// The id is not a participant of the session.
    #[error("{0} is not a participant in this session")]
    NotAParticipant(Id),
    /// The note is not one of the notes being voted on (missing, or of the
    /// other kind).
    #[error("{note} is not one of the {} being voted on", on.title())]
    NotACandidate {
        /// The note clicked.
        note: Id,
        /// What the vote is on.
        on: VoteOn,
    },
    /// The participant has placed all their dots.
    #[error("{name} has used all {dots} dots: take one back to move it")]
    OutOfDots {
        /// The participant's name as shown.
        name: String,
        /// Dots per participant.
        dots: u8,
    },
    /// One dot per participant per note: this one is already there.
    #[error("{participant} already has a dot on {note} (one dot per note)")]
    AlreadyPlaced {
        /// The participant.
        participant: Id,
        /// The note.
        note: Id,
    },
    /// There is no such dot to remove.
    #[error("{participant} has no dot on {note}")]
    NotPlaced {
        /// The participant.
        participant: Id,
        /// The note.
        note: Id,
    },
}

/// Check dots per participant: within [`MIN_DOTS`]–[`MAX_DOTS`].
///
/// # Errors
/// [`VoteError::DotsPerParticipant`] otherwise.
pub fn check_dots_per_participant(dots: u8) -> Result<u8, VoteError> {
    if (MIN_DOTS..=MAX_DOTS).contains(&dots) {
        Ok(dots)
    } else {
        Err(VoteError::DotsPerParticipant(dots))
    }
}

/// The edit a click on `note` by `participant` stands for during the
/// current vote: [`Edit::RemoveDot`] when they already have a dot on it,
/// else [`Edit::PlaceDot`]. Pure: nothing is applied.
///
/// # Errors
/// [`VoteError::NotStarted`], [`VoteError::NotAParticipant`],
/// [`VoteError::NotACandidate`] and, when placing, [`VoteError::OutOfDots`].
pub fn toggle_dot(session: &Session, participant: Id, note: Id) -> Result<Edit, VoteError> {
    let vote = session.vote.as_ref().ok_or(VoteError::NotStarted)?;
    if vote.has_dot(participant, note) {
        session.check_dot(vote, participant, note)?;
        Ok(Edit::RemoveDot { participant, note })
    } else {
        session.check_new_dot(vote, participant, note)?;
        Ok(Edit::PlaceDot { participant, note })
    }
}

impl Session {
    /// The ids of the notes a vote on `on` is about, in session order:
    /// every task, or every pain point.
    pub fn vote_candidates(&self, on: VoteOn) -> Vec<Id> {
        match on {
            VoteOn::Tasks => self.tasks.iter().map(|t| t.id).collect(),
            VoteOn::PainPoints => self.pain_points.iter().map(|p| p.id).collect(),
        }
    }

    /// Whether `note` is a candidate of a vote on `on`.
    pub fn is_vote_candidate(&self, on: VoteOn, note: Id) -> bool {
        match on {
            VoteOn::Tasks => self.task(note).is_some(),
            VoteOn::PainPoints => self.pain_point(note).is_some(),
        }
    }

    /// The text of a candidate note: a task's name or a pain point's text;
    /// `None` when there is no such note of that kind.
    pub fn vote_note_text(&self, on: VoteOn, note: Id) -> Option<&str> {
        match on {
            VoteOn::Tasks => self.task(note).map(|t| t.name.as_str()),
            VoteOn::PainPoints => self.pain_point(note).map(|p| p.text.as_str()),
        }
    }

    /// Dots per note of the current vote, every candidate once (notes
    /// without dots too, with 0), most dots first, then by text
    /// (case-insensitive), then by id. Empty when no vote is running.
    pub fn vote_totals(&self) -> Vec<(Id, usize)> {
        let Some(vote) = &self.vote else {
            return Vec::new();
        };
        let mut totals: Vec<(Id, usize, String)> = self
            .vote_candidates(vote.on)
            .into_iter()
            .map(|id| {
                let text = self
                    .vote_note_text(vote.on, id)
                    .unwrap_or_default()
                    .to_lowercase();
                (id, vote.dots_on(id), text)
            })
            .collect();
        totals.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| a.2.cmp(&b.2))
                .then(a.0.cmp(&b.0))
        });
        totals.into_iter().map(|(id, n, _)| (id, n)).collect()
    }

    /// How many dots `participant` has left in the current vote.
    ///
    /// # Errors
    /// [`VoteError::NotStarted`], [`VoteError::NotAParticipant`].
    pub fn dots_left(&self, participant: Id) -> Result<usize, VoteError> {
        let vote = self.vote.as_ref().ok_or(VoteError::NotStarted)?;
        if self.participant(participant).is_none() {
            return Err(VoteError::NotAParticipant(participant));
        }
        Ok(vote.dots_left(participant))
    }

    /// Whether `participant` has a dot on `note` in the current vote
    /// (`false` when no vote is running).
    pub fn has_dot(&self, participant: Id, note: Id) -> bool {
        self.vote
            .as_ref()
            .is_some_and(|v| v.has_dot(participant, note))
    }

    /// A dot may exist in `vote`: a participant on a candidate note.
    fn check_dot(&self, vote: &Vote, participant: Id, note: Id) -> Result<(), VoteError> {
        if self.participant(participant).is_none() {
            return Err(VoteError::NotAParticipant(participant));
        }
        if !self.is_vote_candidate(vote.on, note) {
            return Err(VoteError::NotACandidate { note, on: vote.on });
        }
        Ok(())
    }

    /// A dot may be added to `vote`: as [`Self::check_dot`], not yet there,
    /// and the participant has a dot left.
    fn check_new_dot(&self, vote: &Vote, participant: Id, note: Id) -> Result<(), VoteError> {
        self.check_dot(vote, participant, note)?;
        if vote.has_dot(participant, note) {
            return Err(VoteError::AlreadyPlaced { participant, note });
        }
        if vote.dots_left(participant) == 0 {
            return Err(self.out_of_dots(vote, participant));
        }
        Ok(())
    }

    fn out_of_dots(&self, vote: &Vote, participant: Id) -> VoteError {
        let name = self
            .participant(participant)
            .map_or_else(|| participant.to_string(), |p| p.name.clone());
        VoteError::OutOfDots {
            name,
            dots: vote.dots_per_participant,
        }
    }

    /// Whether `vote` may be started in this session: dots per participant
    /// in range, every dot a participant's on a candidate, one per note,
    /// nobody over their dots.
    pub(crate) fn check_vote(&self, vote: &Vote) -> Result<(), VoteError> {
        check_dots_per_participant(vote.dots_per_participant)?;
        let mut seen = std::collections::HashSet::new();
        for dot in &vote.dots {
            self.check_dot(vote, dot.participant, dot.note)?;
            if !seen.insert(*dot) {
                return Err(VoteError::AlreadyPlaced {
                    participant: dot.participant,
                    note: dot.note,
                });
            }
            if vote.dots_placed(dot.participant) > usize::from(vote.dots_per_participant) {
                return Err(self.out_of_dots(vote, dot.participant));
            }
        }
        Ok(())
    }

    /// Start `vote` (normalised), returning the edit that undoes it.
    pub(crate) fn start_vote(&mut self, vote: Vote) -> Result<Edit, VoteError> {
        self.check_vote(&vote)?;
        Ok(match self.vote.replace(vote.normalised()) {
            Some(old) => Edit::StartVote(old),
            None => Edit::EndVote,
        })
    }

    /// Place a dot, returning the edit that undoes it.
    pub(crate) fn place_dot(&mut self, participant: Id, note: Id) -> Result<Edit, VoteError> {
        let vote = self.vote.as_ref().ok_or(VoteError::NotStarted)?;
        self.check_new_dot(vote, participant, note)?;
        if let Some(vote) = &mut self.vote {
            vote.insert(Dot { participant, note });
        }
        Ok(Edit::RemoveDot { participant, note })
    }

    /// Remove a dot, returning the edit that undoes it.
    pub(crate) fn remove_dot(&mut self, participant: Id, note: Id) -> Result<Edit, VoteError> {
        let vote = self.vote.as_mut().ok_or(VoteError::NotStarted)?;
        if vote.remove(Dot { participant, note }) {
            Ok(Edit::PlaceDot { participant, note })
        } else {
            Err(VoteError::NotPlaced { participant, note })
        }
    }

    /// Remove the dots whose participant or note is gone (after a removal);
    /// returns the edits that put them back.
    pub(crate) fn take_orphan_dots(&mut self) -> Vec<Edit> {
        let Some(vote) = &self.vote else {
            return Vec::new();
        };
        let orphans: Vec<Dot> = vote
            .dots
            .iter()
            .filter(|d| self.check_dot(vote, d.participant, d.note).is_err())
            .copied()
            .collect();
        if let Some(vote) = &mut self.vote {
            vote.dots.retain(|d| !orphans.contains(d));
        }
        orphans
            .into_iter()
            .map(|d| Edit::PlaceDot {
                participant: d.participant,
                note: d.note,
            })
            .collect()
    }

    /// What is inconsistent about the current vote, for
    /// [`Session::problems`].
    pub(crate) fn vote_problems(&self) -> Vec<Problem> {
        let Some(vote) = &self.vote else {
            return Vec::new();
        };
        let mut problems = Vec::new();
        let mut say = |message: String| {
            problems.push(Problem {
                id: None,
                message: format!("dot vote: {message}"),
            });
        };
        if check_dots_per_participant(vote.dots_per_participant).is_err() {
            say(format!(
                "{} dots per participant is outside {MIN_DOTS}–{MAX_DOTS}",
                vote.dots_per_participant
            ));
        }
        for dot in &vote.dots {
            if self.participant(dot.participant).is_none() {
                say(format!(
                    "a dot of participant {}, who does not exist",
                    dot.participant.0
                ));
            }
            if !self.is_vote_candidate(vote.on, dot.note) {
                say(format!(
                    "a dot on {} {}, which does not exist",
                    vote.on.one(),
                    dot.note.0
                ));
            }
        }
        if !vote.is_normal() {
            say("dots are out of order or placed twice".to_owned());
        }
        let mut counted = std::collections::HashSet::new();
        for dot in &vote.dots {
            let placed = vote.dots_placed(dot.participant);
            if placed > usize::from(vote.dots_per_participant) && counted.insert(dot.participant) {
                say(format!(
                    "participant {} has {placed} dots, more than the {} allowed",
                    dot.participant.0, vote.dots_per_participant
                ));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Participant, Task, WorkModelScores, apply};

    fn session() -> Session {
        let person = |id: u64, name: &str| Participant {
            id: Id(id),
            name: name.to_owned(),
            colour: [0, 0, 0],
            scores: WorkModelScores::default(),
        };
        let task = |id: u64, name: &str| Task {
            id: Id(id),
            name: name.to_owned(),
            ..Task::default()
        };
        Session {
            participants: vec![person(1, "Priya"), person(2, "Sam")],
            tasks: vec![task(3, "beta"), task(4, "Alpha"), task(5, "gamma")],
            next_id: 6,
            ..Session::default()
        }
    }

    #[test]
    fn dots_stay_sorted_whatever_the_click_order() {
        let mut s = session();
        apply(
            &mut s,
            Edit::StartVote(Vote::new(VoteOn::Tasks, 3).unwrap()),
        )
        .unwrap();
        for (p, n) in [(2, 5), (1, 4), (2, 3), (1, 3)] {
            let edit = toggle_dot(&s, Id(p), Id(n)).unwrap();
            apply(&mut s, edit).unwrap();
        }
        let vote = s.vote.as_ref().unwrap();
        assert!(vote.is_normal(), "{:?}", vote.dots());
        assert_eq!(
            vote.dots().first(),
            Some(&Dot {
                participant: Id(1),
                note: Id(3)
            })
        );
    }

    #[test]
    fn ties_are_ranked_by_text_ignoring_case() {
        let mut s = session();
        apply(
            &mut s,
            Edit::StartVote(Vote::new(VoteOn::Tasks, 3).unwrap()),
        )
        .unwrap();
        apply(
            &mut s,
            Edit::PlaceDot {
                participant: Id(1),
                note: Id(5),
            },
        )
        .unwrap();
        assert_eq!(
            s.vote_totals(),
            vec![(Id(5), 1), (Id(4), 0), (Id(3), 0)],
            "gamma first (1 dot), then Alpha before beta"
        );
    }

    #[test]
    fn out_of_range_dots_per_participant_are_refused() {
        assert_eq!(
            Vote::new(VoteOn::Tasks, 0),
            Err(VoteError::DotsPerParticipant(0))
        );
        assert_eq!(
            Vote::new(VoteOn::Tasks, 21).unwrap_err().to_string(),
            "21 dots per participant is outside 1–20"
        );
        assert!(Vote::new(VoteOn::PainPoints, 20).is_ok());
    }
}
