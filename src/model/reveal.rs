//! Hidden until revealed (issue 11, "The whole room takes part"): what
//! participants send from their phones while the room writes in silence
//! (Step 2's pain points) or scores privately (the work-model scores) is
//! stored in the session at once, but the projector shows only counts
//! ("7 pain points written by 5 people", "9 of 12 have scored") until the
//! facilitator presses Reveal.
//!
//! The marks live in [`Session::hidden`], by id, so that files without them
//! keep their bytes. A mark whose pain point or participant is gone (deleted
//! on the board) means nothing; undo brings the entity back with its id, and
//! so hidden again. The file keeps only marks of entities that exist.

use std::collections::{BTreeSet, HashSet};

use serde::{Deserialize, Serialize};

use super::{Edit, EditError, Id, PainPoint, Session};

/// Which pain points and whose work-model scores the projector does not
/// show yet (issue 11). Ids are kept sorted, so the file is deterministic.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hidden {
    /// Pain points written from phones and not yet revealed.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub pain_points: BTreeSet<Id>,
    /// Participants whose own work-model scores (sent from their phone) are
    /// not yet revealed.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub scores: BTreeSet<Id>,
}

impl Hidden {
    /// Whether nothing is hidden (then the file leaves the field out).
    pub fn is_empty(&self) -> bool {
        self.pain_points.is_empty() && self.scores.is_empty()
    }

    /// The marks of entities that exist in `session` (what a file keeps).
    pub fn live(&self, session: &Session) -> Hidden {
        let pains: HashSet<Id> = session.pain_points.iter().map(|p| p.id).collect();
        let people: HashSet<Id> = session.participants.iter().map(|p| p.id).collect();
        Hidden {
            pain_points: self
                .pain_points
                .iter()
                .copied()
                .filter(|id| pains.contains(id))
                .collect(),
            scores: self
                .scores
                .iter()
                .copied()
                .filter(|id| people.contains(id))
                .collect(),
        }
    }
}

/// Something the projector can keep hidden until revealed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Hideable {
    /// A pain point, by id.
    PainPoint(Id),
    /// A participant's own work-model scores, by the participant's id.
    Scores(Id),
}

/// What the projector says while things are hidden: counts, never content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HiddenCounts {
    /// Pain points not yet revealed.
    pub pain_points: usize,
    /// How many different participants wrote them (a pain point without
    /// an author counts as one more writer).
    pub pain_writers: usize,
    /// Participants who scored at least one question.
    pub scored: usize,
    /// Of those, how many scored all eight (both sets, four questions).
    pub finished_scoring: usize,
    /// Participants whose scores are not yet revealed.
    pub scores_hidden: usize,
    /// Participants in the session.
    pub participants: usize,
}

impl Session {
    /// Whether the projector may draw this pain point (and count its hours,
    /// name its text): `false` while it is hidden until revealed. Call it
    /// wherever pain points reach the wall: the board, the pain panel, the
    /// dot-vote candidates.
    pub fn is_shown_on_projector(&self, pain: &PainPoint) -> bool {
        !self.hidden.pain_points.contains(&pain.id)
    }

    /// Whether the pain point with this id is hidden until revealed.
    pub fn is_pain_point_hidden(&self, id: Id) -> bool {
        self.hidden.pain_points.contains(&id)
    }

    /// Whether this participant's own scores are hidden until revealed
    /// (the scoring panel then leaves them out of means and spreads).
    pub fn are_scores_hidden(&self, participant: Id) -> bool {
        self.hidden.scores.contains(&participant)
    }

    /// The pain points the projector may show, in creation order.
    pub fn shown_pain_points(&self) -> impl Iterator<Item = &PainPoint> + '_ {
        self.pain_points
            .iter()
            .filter(|p| self.is_shown_on_projector(p))
    }

    /// The session as the projector may show it: hidden pain points and
    /// hidden participants' scores left out (their ids stay taken). Views
    /// that compute figures (pain totals, score spreads) can run on this.
    pub fn as_shown_on_projector(&self) -> Session {
        let mut shown = self.clone();
        shown
            .pain_points
            .retain(|p| !self.hidden.pain_points.contains(&p.id));
        for person in &mut shown.participants {
            if self.hidden.scores.contains(&person.id) {
                person.scores = super::WorkModelScores::default();
            }
        }
        shown.hidden = Hidden::default();
        shown
    }

    /// The counts the projector shows while things are hidden.
    pub fn hidden_counts(&self) -> HiddenCounts {
        let hidden_pains: Vec<&PainPoint> = self
            .pain_points
            .iter()
            .filter(|p| self.hidden.pain_points.contains(&p.id))
            .collect();
        let mut writers: HashSet<Option<Id>> = HashSet::new();
        for pain in &hidden_pains {
            writers.insert(pain.author);
        }
        let all_scored = |p: &&super::Participant| {
            super::ScoreSet::ALL.iter().all(|&set| {
                super::Question::ALL
                    .iter()
                    .all(|&q| p.scores.set(set).get(q).is_some())
            })
        };
        HiddenCounts {
            pain_points: hidden_pains.len(),
            pain_writers: writers.len(),
            scored: self
                .participants
                .iter()
                .filter(|p| p.scores.any_scored())
                .count(),
            finished_scoring: self.participants.iter().filter(all_scored).count(),
            scores_hidden: self
                .participants
                .iter()
                .filter(|p| self.hidden.scores.contains(&p.id))
                .count(),
            participants: self.participants.len(),
        }
    }

    /// The edit that reveals every hidden pain point (the facilitator's
    /// Reveal in Step 2); `None` when none is hidden.
    pub fn reveal_pain_points_edit(&self) -> Option<Edit> {
        let live = self.hidden.live(self);
        reveal_edit(live.pain_points.into_iter().map(Hideable::PainPoint))
    }

    /// The edit that reveals every participant's hidden scores; `None` when
    /// none are hidden.
    pub fn reveal_scores_edit(&self) -> Option<Edit> {
        let live = self.hidden.live(self);
        reveal_edit(live.scores.into_iter().map(Hideable::Scores))
    }
}

fn reveal_edit(items: impl Iterator<Item = Hideable>) -> Option<Edit> {
    let edits: Vec<Edit> = items
        .map(|what| Edit::SetHidden {
            what,
            hidden: false,
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// Apply [`Edit::SetHidden`]: mark or unmark one item; the inverse puts the
/// old mark back. Marking something that does not exist is refused.
pub(super) fn set_hidden(
    session: &mut Session,
    what: Hideable,
    hidden: bool,
) -> Result<Edit, EditError> {
    let (set, id) = match what {
        Hideable::PainPoint(id) => {
            if hidden && session.pain_point(id).is_none() {
                return Err(EditError::Missing {
                    what: "pain point",
                    id,
                });
            }
            (&mut session.hidden.pain_points, id)
        }
        Hideable::Scores(id) => {
            if hidden && session.participant(id).is_none() {
                return Err(EditError::Missing {
                    what: "participant",
                    id,
                });
            }
            (&mut session.hidden.scores, id)
        }
    };
    let was = if hidden {
        !set.insert(id)
    } else {
        set.remove(&id)
    };
    Ok(Edit::SetHidden { what, hidden: was })
}

/// Mark a pain point just created by [`Edit::HideCreated`] as hidden: the
/// edit that unmarks it, or `None` when it was marked already.
pub(super) fn hide_new(session: &mut Session, id: Id) -> Option<Edit> {
    session
        .hidden
        .pain_points
        .insert(id)
        .then_some(Edit::SetHidden {
            what: Hideable::PainPoint(id),
            hidden: false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, Participant, Question, ScoreSet, WorkModelScores, apply};

    fn pain(id: u64, author: u64) -> PainPoint {
        PainPoint {
            id: Id(id),
            text: format!("pain {id}"),
            author: Some(Id(author)),
            ..PainPoint::default()
        }
    }

    fn session() -> Session {
        let mut s = Session::default();
        for (id, name) in [(1, "Priya"), (2, "Sam")] {
            apply(
                &mut s,
                Edit::Insert {
                    index: 9,
                    entity: Entity::Participant(Participant {
                        id: Id(id),
                        name: name.into(),
                        colour: [0, 0, 0],
                        scores: WorkModelScores::default(),
                    }),
                },
            )
            .unwrap();
        }
        s
    }

    #[test]
    fn a_pain_point_added_hidden_is_counted_but_not_shown_until_revealed() {
        let mut s = session();
        let before = s.clone();
        let add = |id, author| Edit::Insert {
            index: 99,
            entity: Entity::PainPoint(pain(id, author)),
        };
        apply(&mut s, Edit::HideCreated(Box::new(add(3, 1)))).unwrap();
        apply(&mut s, Edit::HideCreated(Box::new(add(4, 1)))).unwrap();
        apply(&mut s, Edit::HideCreated(Box::new(add(5, 2)))).unwrap();
        apply(&mut s, add(6, 2)).unwrap();
        assert_eq!(s.pain_points.len(), 4);
        let shown: Vec<Id> = s.shown_pain_points().map(|p| p.id).collect();
        assert_eq!(
            shown,
            vec![Id(6)],
            "only the one added in the open is shown"
        );
        let counts = s.hidden_counts();
        assert_eq!((counts.pain_points, counts.pain_writers), (3, 2));
        assert_eq!(s.as_shown_on_projector().pain_points.len(), 1);

        let reveal = s.reveal_pain_points_edit().unwrap();
        let unreveal = apply(&mut s, reveal).unwrap().inverse;
        assert_eq!(s.shown_pain_points().count(), 4);
        assert!(s.reveal_pain_points_edit().is_none());
        apply(&mut s, unreveal).unwrap();
        assert_eq!(
            s.shown_pain_points().count(),
            1,
            "undoing Reveal hides again"
        );

        // Undo of the first hidden add removes it and its mark.
        let mut t = session();
        let u = apply(&mut t, Edit::HideCreated(Box::new(add(3, 1))))
            .unwrap()
            .inverse;
        apply(&mut t, u).unwrap();
        assert!(t.same_content(&before));
    }

    #[test]
    fn hidden_scores_are_left_out_of_what_the_projector_shows() {
        let mut s = session();
        for (id, v) in [(1, 9), (2, 3)] {
            apply(
                &mut s,
                Edit::SetParticipantScore {
                    id: Id(id),
                    set: ScoreSet::AsItIs,
                    question: Question::Output,
                    value: Some(v),
                },
            )
            .unwrap();
        }
        apply(
            &mut s,
            Edit::SetHidden {
                what: Hideable::Scores(Id(2)),
                hidden: true,
            },
        )
        .unwrap();
        assert!(s.are_scores_hidden(Id(2)));
        let shown = s.as_shown_on_projector();
        assert_eq!(shown.participants[0].scores.as_is.output, Some(9));
        assert_eq!(shown.participants[1].scores.as_is.output, None);
        let counts = s.hidden_counts();
        assert_eq!(
            (counts.scored, counts.scores_hidden, counts.participants),
            (2, 1, 2)
        );
        let reveal = s.reveal_scores_edit().unwrap();
        apply(&mut s, reveal).unwrap();
        assert!(!s.are_scores_hidden(Id(2)));
    }

    #[test]
    fn hidden_marks_survive_the_file_and_files_without_them_keep_their_bytes() {
        let mut s = session();
        let plain = crate::store::to_ron(&s).unwrap();
        assert!(!plain.contains("hidden"), "nothing hidden, nothing written");
        apply(
            &mut s,
            Edit::HideCreated(Box::new(Edit::Insert {
                index: 9,
                entity: Entity::PainPoint(pain(3, 1)),
            })),
        )
        .unwrap();
        apply(
            &mut s,
            Edit::SetHidden {
                what: Hideable::Scores(Id(2)),
                hidden: true,
            },
        )
        .unwrap();
        let text = crate::store::to_ron(&s).unwrap();
        assert!(
            text.contains("hidden: (\n        pain_points: [\n            3,"),
            "{text}"
        );
        let back = crate::store::from_ron(&text).unwrap();
        assert_eq!(back, s);
        assert!(back.is_pain_point_hidden(Id(3)) && back.are_scores_hidden(Id(2)));
        // A mark of a deleted pain point is not written.
        apply(&mut s, Edit::Remove { id: Id(3) }).unwrap();
        let text = crate::store::to_ron(&s).unwrap();
        assert!(!text.contains("pain_points: [\n            3"), "{text}");
    }

    #[test]
    fn hiding_something_missing_is_refused() {
        let mut s = session();
        let err = apply(
            &mut s,
            Edit::SetHidden {
                what: Hideable::PainPoint(Id(77)),
                hidden: true,
            },
        );
        assert!(matches!(err, Err(EditError::Missing { .. })));
        assert!(s.hidden.is_empty());
    }
}
