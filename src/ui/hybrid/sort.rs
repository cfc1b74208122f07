//! Sorting the changes table of the hybrid score by one of its columns.

use std::cmp::Ordering;

use super::target_text;
use crate::model::{Change, Owner, Session, Target};
use crate::ui::participants;

/// A column of the changes table the user can sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ChangeColumn {
    Description,
    Owner,
    Target,
    Metric,
    Baseline,
    TargetValue,
    Status,
}

impl ChangeColumn {
    pub(super) const ALL: [ChangeColumn; 7] = [
        Self::Description,
        Self::Owner,
        Self::Target,
        Self::Metric,
        Self::Baseline,
        Self::TargetValue,
        Self::Status,
    ];

    pub(super) fn title(self) -> &'static str {
        match self {
            Self::Description => "Description",
            Self::Owner => "Owner",
            Self::Target => "Target",
            Self::Metric => "Metric",
            Self::Baseline => "Baseline",
            Self::TargetValue => "Target value",
            Self::Status => "Status",
        }
    }

    /// The column's starting width, points.
    pub(super) fn width(self) -> f32 {
        match self {
            Self::Description => 240.0,
            Self::Owner => 230.0,
            Self::Target => 200.0,
            Self::Metric => 200.0,
            Self::Baseline | Self::TargetValue => 110.0,
            Self::Status => 150.0,
        }
    }
}

fn owner_text(session: &Session, owner: &Owner) -> String {
    match owner {
        Owner::Nobody => String::new(),
        Owner::Participant(id) => participants::name_of(session, *id).to_owned(),
        Owner::Named(name) => name.clone(),
    }
}

/// Order two changes by one column; empty text and unknown numbers last.
pub(super) fn compare(session: &Session, a: &Change, b: &Change, column: ChangeColumn) -> Ordering {
    let text = |x: String, y: String| match (x.trim().is_empty(), y.trim().is_empty()) {
        (false, true) => Ordering::Less,
        (true, false) => Ordering::Greater,
        _ => x.to_lowercase().cmp(&y.to_lowercase()),
    };
    let number = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    match column {
        ChangeColumn::Description => text(a.description.clone(), b.description.clone()),
        ChangeColumn::Owner => text(owner_text(session, &a.owner), owner_text(session, &b.owner)),
        ChangeColumn::Target => {
            let t = |c: &Change| match c.target {
                Target::Nothing => String::new(),
                target => target_text(session, target),
            };
            text(t(a), t(b))
        }
        ChangeColumn::Metric => text(a.metric.clone(), b.metric.clone()),
        ChangeColumn::Baseline => number(a.baseline, b.baseline),
        ChangeColumn::TargetValue => number(a.target_value, b.target_value),
        ChangeColumn::Status => a.status.cmp(&b.status),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_puts_unknowns_last() {
        let session = Session::default();
        let a = Change {
            baseline: Some(14.0),
            description: "b".into(),
            ..Change::default()
        };
        let b = Change {
            baseline: None,
            description: String::new(),
            ..Change::default()
        };
        assert_eq!(
            compare(&session, &a, &b, ChangeColumn::Baseline),
            Ordering::Less
        );
        assert_eq!(
            compare(&session, &a, &b, ChangeColumn::Description),
            Ordering::Less
        );
    }
}
