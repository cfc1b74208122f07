//! Trends across quarters (METHOD.md, "Comparing quarters"; issue 4): the
//! per-quarter series that the compare view plots for three or more
//! sessions of the same team — hours lost per pain category, the
//! work-model gap per question and the number of shadow flows.
//!
//! Pure: computed from a [`Comparison`], no egui.

use super::{Comparison, PainCategory, Question};

/// One series per pain category, question or count, each with one value
/// per session, oldest first (the x axis of every trend plot).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trends {
    /// One label per session, oldest first: its quarter (e.g. "2025-Q3"),
    /// else its date, else "(no quarter)".
    pub quarters: Vec<String>,
    /// Hours lost per week per pain category, [`PainCategory::ALL`] order;
    /// each series has one value (hours/week, ≥ 0) per quarter.
    pub hours: Vec<(PainCategory, Vec<f32>)>,
    /// Hours lost per week on all pain points, one per quarter.
    pub hours_total: Vec<f32>,
    /// Gap per work-model question ("the work as it is" minus "how we run
    /// it now", points, −9..9), [`Question::ALL`] order; one value per
    /// quarter, `None` where that quarter did not score the question.
    pub gaps: Vec<(Question, Vec<Option<f32>>)>,
    /// Number of shadow flows on the tool map, one per quarter.
    pub shadow_flows: Vec<usize>,
}

impl Trends {
    /// The series of a comparison's sessions, oldest first.
    pub fn of(comparison: &Comparison) -> Self {
        let sessions = &comparison.sessions;
        let quarters = sessions
            .iter()
            .map(|s| {
                if !s.label.quarter.is_empty() {
                    s.label.quarter.clone()
                } else if !s.label.date.is_empty() {
                    s.label.date.clone()
                } else {
                    "(no quarter)".to_owned()
                }
            })
            .collect();
        let hours = PainCategory::ALL
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let series = sessions
                    .iter()
                    .map(|s| s.hours_per_category.get(i).copied().unwrap_or(0.0))
                    .collect();
                (c, series)
            })
            .collect();
        let gaps = Question::ALL
            .iter()
            .enumerate()
            .map(|(i, &q)| {
                let series = sessions
                    .iter()
                    .map(|s| s.gaps.get(i).copied().flatten())
                    .collect();
                (q, series)
            })
            .collect();
        Self {
            quarters,
            hours,
            hours_total: sessions.iter().map(|s| s.hours_total).collect(),
            gaps,
            shadow_flows: sessions.iter().map(|s| s.shadow_flows).collect(),
        }
    }

    /// Number of quarters (points on the x axis).
    pub fn len(&self) -> usize {
        self.quarters.len()
    }

    /// Whether there is no session at all.
    pub fn is_empty(&self) -> bool {
        self.quarters.is_empty()
    }

    /// The hours series of one pain category (hours/week per quarter).
    pub fn hours_of(&self, category: PainCategory) -> &[f32] {
        self.hours
            .iter()
            .find(|(c, _)| *c == category)
            .map_or(&[], |(_, v)| v.as_slice())
    }

    /// The gap series of one question (points per quarter).
    pub fn gaps_of(&self, question: Question) -> &[Option<f32>] {
        self.gaps
            .iter()
            .find(|(q, _)| *q == question)
            .map_or(&[], |(_, v)| v.as_slice())
    }

    /// The most hours lost by one category in any quarter (hours/week),
    /// 0 when there are none: the top of the hours plot's scale.
    pub fn max_category_hours(&self) -> f32 {
        self.hours
            .iter()
            .flat_map(|(_, v)| v.iter().copied())
            .fold(0.0, f32::max)
    }

    /// The largest gap in absolute value in any quarter (points), 0 when
    /// nothing was scored.
    pub fn max_abs_gap(&self) -> f32 {
        self.gaps
            .iter()
            .flat_map(|(_, v)| v.iter().flatten().copied())
            .fold(0.0, |m, g| m.max(g.abs()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PainPoint, Session, compare};

    #[test]
    fn one_value_per_session_oldest_first() {
        let mut early = Session::default();
        early.header.quarter = "2025-Q1".to_owned();
        early.pain_points.push(PainPoint {
            category: PainCategory::Jam,
            hours_per_week: Some(3.0),
            ..PainPoint::default()
        });
        let mut late = Session::default();
        late.header.date = "2025-09-01".to_owned();
        late.header.quarter = "2025-Q3".to_owned();
        let t = Trends::of(&compare(&[late, early]));
        assert_eq!(t.quarters, ["2025-Q1", "2025-Q3"]);
        assert_eq!(t.hours_of(PainCategory::Jam), [3.0, 0.0]);
        assert_eq!(t.hours_of(PainCategory::Orchestra), [0.0, 0.0]);
        assert_eq!(t.gaps_of(Question::Output), [None, None]);
        assert_eq!(t.max_category_hours(), 3.0);
    }
}
