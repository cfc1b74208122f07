//! Undo/redo as a stack of inverse [`Edit`]s (no session snapshots).

use super::{Edit, EditError, EntityKind, Id, Session, apply};

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
    /// The ids the last change (apply, undo or redo) named: what it
    /// created, changed or removed ([`Edit::ids`] of its inverse).
    last_touched: Vec<Id>,
}

impl History {
    /// Apply `edit` to `session` and record how to undo it. Clears the redo
    /// stack. Returns the entities the edit created, with the ids the
    /// model gave them (see [`Edit::Add`]).
    ///
    /// # Errors
    /// When the model refuses the edit; nothing changes then.
    pub fn apply(
        &mut self,
        session: &mut Session,
        edit: Edit,
    ) -> Result<Vec<(EntityKind, Id)>, EditError> {
        if edit.is_empty() {
            return Ok(Vec::new());
        }
        let merge_key = edit.merge_key();
        let applied = apply(session, edit)?;
        self.last_touched.clear();
        applied.inverse.ids(&mut self.last_touched);
        self.last_touched
            .extend(applied.created.iter().map(|&(_, id)| id));
        self.redo.clear();
        let merges = merge_key.is_some()
            && self.open_key == merge_key
            && self.undo.last().is_some_and(|s| s.merge_key == merge_key);
        if !merges {
            self.undo.push(Step {
                edit: applied.inverse,
                merge_key: merge_key.clone(),
            });
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.open_key = merge_key;
        Ok(applied.created)
    }

    /// End the current gesture: the next edit starts a new undo step.
    pub fn seal(&mut self) {
        self.open_key = None;
    }

    /// Undo the last step. Returns `Ok(false)` when there is nothing to undo.
    ///
    /// # Errors
    /// When the session no longer accepts the step (changed behind the
    /// history's back); the step stays on the stack and nothing changes.
    pub fn undo(&mut self, session: &mut Session) -> Result<bool, EditError> {
        self.seal();
        Self::step(
            &mut self.undo,
            &mut self.redo,
            session,
            &mut self.last_touched,
        )
    }

    /// Redo the last undone step. Returns `Ok(false)` when there is nothing
    /// to redo.
    ///
    /// # Errors
    /// As [`History::undo`]: the step stays on the redo stack.
    pub fn redo(&mut self, session: &mut Session) -> Result<bool, EditError> {
        self.seal();
        Self::step(
            &mut self.redo,
            &mut self.undo,
            session,
            &mut self.last_touched,
        )
    }

    /// The ids the last successful change named (what it created,
    /// changed or removed), for views that follow the session by
    /// increments; empty before the first.
    pub fn last_touched(&self) -> &[Id] {
        &self.last_touched
    }

    /// Apply the top step of `from` and push its inverse on `to`; on error
    /// the step stays where it was.
    fn step(
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
        session: &mut Session,
        touched: &mut Vec<Id>,
    ) -> Result<bool, EditError> {
        let Some(step) = from.last() else {
            return Ok(false);
        };
        let applied = apply(session, step.edit.clone())?;
        touched.clear();
        applied.inverse.ids(touched);
        from.pop();
        to.push(Step {
            edit: applied.inverse,
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
    use crate::model::{BoardPos, Entity, Question, ScoreSet, Tool};

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

    #[test]
    fn a_failed_undo_or_redo_keeps_its_step() {
        let mut s = Session::default();
        let mut h = History::default();
        let tool = Tool {
            name: "Asana".to_owned(),
            pos: BoardPos::new(0.0, 0.0),
            ..Tool::default()
        };
        let created = h.apply(&mut s, Edit::Add(Entity::Tool(tool))).unwrap();
        let [(EntityKind::Tool, id)] = created[..] else {
            panic!("one tool created: {created:?}");
        };
        // Someone took the tool away behind the history's back: undo
        // (removing it) fails, and the step is still there to retry.
        let taken = s.tools.pop().unwrap();
        assert!(h.undo(&mut s).is_err());
        assert!(h.can_undo());
        assert!(!h.can_redo());
        s.tools.push(taken);
        assert!(h.undo(&mut s).unwrap());
        assert!(s.tool(id).is_none());
        // The same for redo: the id is taken meanwhile, so putting the
        // tool back fails and the redo step stays.
        s.tools.push(Tool {
            id,
            ..Tool::default()
        });
        assert!(h.redo(&mut s).is_err());
        assert!(h.can_redo());
        s.tools.clear();
        assert!(h.redo(&mut s).unwrap());
        assert_eq!(s.tool(id).map(|t| t.name.as_str()), Some("Asana"));
        assert!(h.can_undo() && !h.can_redo());
    }
}
