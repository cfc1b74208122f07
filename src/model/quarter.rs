//! Quarter labels ("2026-Q1") and starting the next quarter's session from
//! this one (METHOD.md, "Comparing quarters": a new quarter is usually
//! started from the previous one, so ids match).

use std::cmp::Ordering;

use super::{Session, WorkModelScores};

/// A quarter label parsed as `(year, quarter 1–4)`: "2026-Q1", "2026 Q1",
/// "2026q1" and "Q1 2026" are all `(2026, 1)`. `None` for anything else.
pub fn parse_quarter(label: &str) -> Option<(i32, u8)> {
    let text = label.trim().to_ascii_uppercase();
    let parts: Vec<&str> = text
        .split(['-', ' ', '/', '_'])
        .filter(|p| !p.is_empty())
        .collect();
    let (year, q) = match parts.as_slice() {
        [y, q] if q.starts_with('Q') => (*y, *q),
        [q, y] if q.starts_with('Q') => (*y, *q),
        [one] => one.split_once('Q')?,
        _ => return None,
    };
    let year: i32 = year.parse().ok()?;
    let q: u8 = q.trim_start_matches('Q').parse().ok()?;
    (1..=4).contains(&q).then_some((year, q))
}

/// The quarter after `label`, written `YYYY-Qn`: "2026-Q1" → "2026-Q2",
/// "2025-Q4" → "2026-Q1". `None` when the label is not a quarter.
pub fn next_quarter(label: &str) -> Option<String> {
    let (year, q) = parse_quarter(label)?;
    let (year, q) = if q >= 4 {
        (year.checked_add(1)?, 1)
    } else {
        (year, q + 1)
    };
    Some(format!("{year}-Q{q}"))
}

/// Order two sessions oldest first: by quarter label (parsed, so "2025-Q3"
/// comes before "2026-Q1"; labels that are not quarters after all parsed
/// ones, by text), then by date text (ISO dates sort as text).
pub fn chronological(a: &Session, b: &Session) -> Ordering {
    let key = |s: &Session| {
        let parsed = parse_quarter(&s.header.quarter);
        (parsed.is_none(), parsed, s.header.quarter.trim().to_owned())
    };
    key(a)
        .cmp(&key(b))
        .then_with(|| a.header.date.trim().cmp(b.header.date.trim()))
}

/// A new session for the next quarter, started from `session`
/// ("Start next quarter from this session"):
///
/// - the same tools, flows, tasks, pain points, zones, airlocks and
///   changes, with the same ids (so the comparison matches them by id);
/// - the quarter label advanced (unchanged when it is not a quarter
///   label), the date cleared for the new workshop;
/// - every work-model score cleared, the participants' and the team
///   consensus, for re-scoring;
/// - pain points kept, each marked *to re-assess*;
/// - changes keep their metric, baseline and target; their measured
///   value is cleared, to be filled in this quarter.
pub fn start_next_quarter(session: &Session) -> Session {
    let mut next = session.clone();
    if let Some(quarter) = next_quarter(&session.header.quarter) {
        next.header.quarter = quarter;
    }
    next.header.date.clear();
    next.scores = WorkModelScores::default();
    // Last quarter's dot vote was about last quarter's board.
    next.vote = None;
    for person in &mut next.participants {
        person.scores = WorkModelScores::default();
    }
    for pain in &mut next.pain_points {
        pain.reassess = true;
    }
    for change in &mut next.changes {
        change.measured = None;
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_labels_parse_and_advance() {
        assert_eq!(parse_quarter("2026-Q1"), Some((2026, 1)));
        assert_eq!(parse_quarter(" 2026 q3 "), Some((2026, 3)));
        assert_eq!(parse_quarter("Q2 2025"), Some((2025, 2)));
        assert_eq!(parse_quarter("2026Q4"), Some((2026, 4)));
        assert_eq!(parse_quarter("2026-Q5"), None);
        assert_eq!(parse_quarter("spring"), None);
        assert_eq!(next_quarter("2026-Q1").as_deref(), Some("2026-Q2"));
        assert_eq!(next_quarter("2025-Q4").as_deref(), Some("2026-Q1"));
        assert_eq!(next_quarter("later"), None);
    }

    #[test]
    fn sessions_order_by_quarter_then_date() {
        let at = |quarter: &str, date: &str| {
            let mut s = Session::default();
            s.header.quarter = quarter.to_owned();
            s.header.date = date.to_owned();
            s
        };
        assert_eq!(
            chronological(&at("2025-Q3", "2025-07-16"), &at("2026-Q1", "2026-01-21")),
            Ordering::Less
        );
        assert_eq!(
            chronological(&at("2025-Q4", "2025-12-01"), &at("2025-Q10", "2025-01-01")),
            Ordering::Less
        );
        assert_eq!(
            chronological(&at("2026-Q1", "2026-02-01"), &at("2026-Q1", "2026-01-01")),
            Ordering::Greater
        );
    }
}
