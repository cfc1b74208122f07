//! The per-task lenses: the automation check (orchestra-vs-algorithm) and
//! the single diagnostic question (orchestra-and-jam-session), METHOD.md.

use serde::{Deserialize, Serialize};

use super::Quadrant;

/// The four yes/no questions of the automation check; `None` = not asked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutomationCheck {
    /// 1. Is the outcome subjective or quality-sensitive to human judgment? (→ orchestral)
    pub subjective: Option<bool>,
    /// 2. Are the inputs and pathways highly variable or unpredictable? (→ orchestral)
    pub variable: Option<bool>,
    /// 3. Is the procedure repetitive, with clearly definable rules? (→ algorithmic)
    pub repetitive: Option<bool>,
    /// 4. Is consistency and elimination of human error the primary metric? (→ algorithmic)
    pub consistency: Option<bool>,
}

/// The four questions' texts, in order.
pub const AUTOMATION_QUESTIONS: [&str; 4] = [
    "Is the outcome subjective or quality-sensitive to human judgment?",
    "Are the inputs and pathways highly variable or unpredictable?",
    "Is the procedure repetitive, with clearly definable rules and decision points?",
    "Is consistency and elimination of human error the primary success metric?",
];

/// A task's automation label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AutomationLabel {
    /// Mostly yes to questions 1–2: orchestrate it (**O**).
    Orchestral,
    /// Mostly yes to questions 3–4: algorithmize it (**A**).
    Algorithmic,
    /// Both or neither: discuss.
    Hybrid,
}

impl AutomationLabel {
    /// "O", "A" or "hybrid", as shown on the note.
    pub fn short(self) -> &'static str {
        match self {
            Self::Orchestral => "O",
            Self::Algorithmic => "A",
            Self::Hybrid => "hybrid",
        }
    }

    /// Whether this label disagrees with the quadrant the task sits in: an
    /// **A** task in an unpredictable quadrant (Rehearsed Jam, Jam
    /// Session), or an **O** task in the Algorithm quadrant.
    pub fn disagrees_with(self, quadrant: Quadrant) -> bool {
        match self {
            Self::Algorithmic => matches!(quadrant, Quadrant::RehearsedJam | Quadrant::JamSession),
            Self::Orchestral => quadrant == Quadrant::Algorithm,
            Self::Hybrid => false,
        }
    }
}

impl AutomationCheck {
    /// The answers in question order.
    pub fn answers(&self) -> [Option<bool>; 4] {
        [
            self.subjective,
            self.variable,
            self.repetitive,
            self.consistency,
        ]
    }

    /// Set answer `i` (0–3); other indices are ignored.
    pub fn set(&mut self, i: usize, answer: Option<bool>) {
        match i {
            0 => self.subjective = answer,
            1 => self.variable = answer,
            2 => self.repetitive = answer,
            3 => self.consistency = answer,
            _ => {}
        }
    }

    /// The label, once at least one question is answered: more yeses to
    /// 1–2 than to 3–4 → O; more to 3–4 → A; as many (both or neither) →
    /// hybrid.
    pub fn label(&self) -> Option<AutomationLabel> {
        if self.answers().iter().all(Option::is_none) {
            return None;
        }
        let yes = |a: Option<bool>| usize::from(a == Some(true));
        let orchestral = yes(self.subjective) + yes(self.variable);
        let algorithmic = yes(self.repetitive) + yes(self.consistency);
        Some(match orchestral.cmp(&algorithmic) {
            std::cmp::Ordering::Greater => AutomationLabel::Orchestral,
            std::cmp::Ordering::Less => AutomationLabel::Algorithmic,
            std::cmp::Ordering::Equal => AutomationLabel::Hybrid,
        })
    }
}

/// The single diagnostic question: "If we got this perfectly right but in
/// a completely unexpected way, would that be a success or a failure?"
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UnexpectedWay {
    /// A success: lean Jam.
    Success,
    /// A failure: lean Orchestra.
    Failure,
}

impl UnexpectedWay {
    /// The question, as asked in the room.
    pub const QUESTION: &'static str =
        "Perfectly right but in a completely unexpected way: success or failure?";

    /// "lean Jam" / "lean Orchestra".
    pub fn lean(self) -> &'static str {
        match self {
            Self::Success => "lean Jam",
            Self::Failure => "lean Orchestra",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(a: [Option<bool>; 4]) -> AutomationCheck {
        let mut c = AutomationCheck::default();
        for (i, v) in a.into_iter().enumerate() {
            c.set(i, v);
        }
        c
    }

    #[test]
    fn automation_labels_follow_the_method() {
        let (y, n) = (Some(true), Some(false));
        assert_eq!(check([None; 4]).label(), None);
        assert_eq!(
            check([y, y, n, n]).label(),
            Some(AutomationLabel::Orchestral)
        );
        assert_eq!(
            check([y, None, None, None]).label(),
            Some(AutomationLabel::Orchestral)
        );
        assert_eq!(
            check([n, n, y, y]).label(),
            Some(AutomationLabel::Algorithmic)
        );
        assert_eq!(
            check([y, n, y, n]).label(),
            Some(AutomationLabel::Hybrid),
            "both"
        );
        assert_eq!(
            check([n, n, n, n]).label(),
            Some(AutomationLabel::Hybrid),
            "neither"
        );
        assert_eq!(
            check([y, y, y, n]).label(),
            Some(AutomationLabel::Orchestral)
        );
    }

    #[test]
    fn disagreement_with_quadrants() {
        assert!(AutomationLabel::Algorithmic.disagrees_with(Quadrant::JamSession));
        assert!(AutomationLabel::Algorithmic.disagrees_with(Quadrant::RehearsedJam));
        assert!(!AutomationLabel::Algorithmic.disagrees_with(Quadrant::Algorithm));
        assert!(AutomationLabel::Orchestral.disagrees_with(Quadrant::Algorithm));
        assert!(!AutomationLabel::Orchestral.disagrees_with(Quadrant::JamSession));
        assert!(!AutomationLabel::Hybrid.disagrees_with(Quadrant::Algorithm));
    }
}
