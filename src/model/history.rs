//! Undo/redo as a stack of inverse [`Edit`]s (no session snapshots).

use super::{Edit, EditError, Session, apply};

/// How many undo steps are kept; older ones are dropped.
pub const UNDO_LIMIT: usize = 1_000;

#[derive(Clone, Debug)]
struct Step {
    /// Applying this undoes (or, on the redo stack, redoes) the step.
    edit: Edit,
    merge_key: Option<String>,
}

/// The undo and redo stacks of one open session.
///
/// Consecutive edits with the same [`Edit::merge_key`] (a slider being
/// dragged, a header field being typed into) form one undo step until
/// [`History::seal`] is called, e.g. when the pointer is released.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    open_key: Option<String>,
}

impl History {
    /// Apply `edit` to `session` and record how to undo it. Clears the redo
    /// stack. On error nothing changes.
    pub fn apply(&mut self, session: &mut Session, edit: Edit) -> Result<(), EditError> {
        if edit.is_empty() {
            return Ok(());
        }
        let merge_key = edit.merge_key();
        let inverse = apply(session, edit)?;
        self.redo.clear();
        let merges = merge_key.is_some()
            && self.open_key == merge_key
            && self.undo.last().is_some_and(|s| s.merge_key == merge_key);
        if !merges {
            self.undo.push(Step {
                edit: inverse,
                merge_key: merge_key.clone(),
            });
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.open_key = merge_key;
        Ok(())
    }

    /// End the current gesture: the next edit starts a new undo step.
    pub fn seal(&mut self) {
        self.open_key = None;
    }

    /// Undo the last step. Returns `Ok(false)` when there is nothing to undo.
    pub fn undo(&mut self, session: &mut Session) -> Result<bool, EditError> {
        self.seal();
        let Some(step) = self.undo.pop() else {
            return Ok(false);
        };
        let redo = apply(session, step.edit)?;
        self.redo.push(Step {
            edit: redo,
            merge_key: None,
        });
        Ok(true)
    }

    /// Redo the last undone step. Returns `Ok(false)` when there is nothing
    /// to redo.
    pub fn redo(&mut self, session: &mut Session) -> Result<bool, EditError> {
        self.seal();
        let Some(step) = self.redo.pop() else {
            return Ok(false);
        };
        let undo = apply(session, step.edit)?;
        self.undo.push(Step {
            edit: undo,
            merge_key: None,
        });
        Ok(true)
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Question, ScoreSet};

    fn score(v: u8) -> Edit {
        Edit::SetScore {
            set: ScoreSet::AsItIs,
            question: Question::Output,
            value: Some(v),
        }
    }

    #[test]
    fn a_slider_drag_is_one_undo_step() {
        let mut s = Session::default();
        let mut h = History::default();
        for v in 3..=8 {
            h.apply(&mut s, score(v)).unwrap();
        }
        h.seal();
        h.apply(&mut s, score(2)).unwrap();
        assert_eq!(s.scores.as_is.output, Some(2));
        assert!(h.undo(&mut s).unwrap());
        assert_eq!(s.scores.as_is.output, Some(8));
        assert!(h.undo(&mut s).unwrap());
        assert_eq!(s.scores.as_is.output, None);
        assert!(!h.undo(&mut s).unwrap());
        assert!(h.redo(&mut s).unwrap());
        assert_eq!(s.scores.as_is.output, Some(8));
    }
}
