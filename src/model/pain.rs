//! Step 2, Pain Point Symphony (METHOD.md): pain points on tools, flows or
//! the free board, with a category and hours lost per week.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{BoardPos, FlowKind, Id, Session};

/// Most hours a pain can cost in a week (7 × 24).
pub const MAX_HOURS_PER_WEEK: f32 = 168.0;
/// How many tools and flows the panel ranks by hours.
pub const TOP_N: usize = 5;

/// Orchestra pain (too much structure) or jam pain (too little).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PainCategory {
    /// "This step is too slow", rigid tools, overhead, checkbox mentality.
    #[default]
    Orchestra,
    /// "I never know where the latest file is", re-discussed decisions,
    /// tribal knowledge, chaos.
    Jam,
}

impl PainCategory {
    /// Both, orchestra first.
    pub const ALL: [PainCategory; 2] = [Self::Orchestra, Self::Jam];

    /// "orchestra pain" / "jam pain".
    pub fn title(self) -> &'static str {
        match self {
            Self::Orchestra => "orchestra pain",
            Self::Jam => "jam pain",
        }
    }

    /// A one-glyph marker that tells the categories apart without colour:
    /// ■ (rigid: orchestra) and ≈ (loose: jam).
    pub fn marker(self) -> &'static str {
        match self {
            Self::Orchestra => "■",
            Self::Jam => "≈",
        }
    }

    fn index(self) -> usize {
        match self {
            Self::Orchestra => 0,
            Self::Jam => 1,
        }
    }
}

/// What a pain point is attached to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Attachment {
    /// Free-standing on the board at the pain point's own position.
    #[default]
    Free,
    /// Beside a tool card; moves with it.
    Tool(Id),
    /// Beside a flow's arrow; moves with it.
    Flow(Id),
}

/// A pain sticky note (Step 2).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PainPoint {
    /// Stable id.
    pub id: Id,
    /// What hurts, e.g. "~2 hours a week searching for final assets".
    pub text: String,
    /// Orchestra or jam pain.
    pub category: PainCategory,
    /// Hours lost per week, 0–168; `None` when not quantified.
    #[serde(default)]
    pub hours_per_week: Option<f32>,
    /// Tool, flow, or free-standing.
    #[serde(default)]
    pub attached: Attachment,
    /// Top-left corner on the board when free-standing, board units.
    #[serde(default)]
    pub pos: BoardPos,
    /// The participant who raised it.
    #[serde(default)]
    pub author: Option<Id>,
    /// Carried over from last quarter's session and not yet re-assessed:
    /// do its hours still hold?
    #[serde(default)]
    pub reassess: bool,
}

/// Why a typed number of hours per week is refused.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum HoursError {
    /// Not a number.
    #[error("\"{0}\" is not a number of hours")]
    NotANumber(String),
    /// Below 0 or above 168 (or not finite).
    #[error("{0} h/week is outside 0–168 (a week has 168 hours)")]
    OutOfRange(f32),
}

/// Check hours per week: finite and within 0–168. Never clamps.
pub fn check_hours(hours: f32) -> Result<f32, HoursError> {
    if hours.is_finite() && (0.0..=MAX_HOURS_PER_WEEK).contains(&hours) {
        Ok(hours)
    } else {
        Err(HoursError::OutOfRange(hours))
    }
}

/// Parse hours per week as typed in a field ("2", "1.5", "2,5", "" for
/// unknown). Errors name what is wrong; nothing is clamped.
pub fn parse_hours(text: &str) -> Result<Option<f32>, HoursError> {
    let text = text.trim().trim_end_matches('h').trim();
    if text.is_empty() {
        return Ok(None);
    }
    let value: f32 = text
        .replace(',', ".")
        .parse()
        .map_err(|_| HoursError::NotANumber(text.to_owned()))?;
    check_hours(value).map(Some)
}

/// Hours per week summed by category, tool and flow (Step 2's totals).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PainStats {
    /// Hours/week per category, in [`PainCategory::ALL`] order.
    pub per_category: [f32; 2],
    /// Total hours/week of all pain points.
    pub total: f32,
    /// Hours/week per tool id (pain points attached to it).
    pub per_tool: HashMap<Id, f32>,
    /// Hours/week per flow id.
    pub per_flow: HashMap<Id, f32>,
    /// Hours/week on pain points attached to shadow flows.
    pub on_shadow_flows: f32,
    /// Number of pain points.
    pub count: usize,
}

impl PainStats {
    /// Sum a session's pain points; O(pain points + flows).
    pub fn of(session: &Session) -> Self {
        let shadow: std::collections::HashSet<Id> = session
            .flows
            .iter()
            .filter(|f| f.kind == FlowKind::Shadow)
            .map(|f| f.id)
            .collect();
        let mut stats = Self {
            count: session.pain_points.len(),
            ..Self::default()
        };
        for pain in &session.pain_points {
            let hours = pain.hours_per_week.unwrap_or(0.0);
            if let Some(slot) = stats.per_category.get_mut(pain.category.index()) {
                *slot += hours;
            }
            stats.total += hours;
            match pain.attached {
                Attachment::Free => {}
                Attachment::Tool(id) => *stats.per_tool.entry(id).or_default() += hours,
                Attachment::Flow(id) => {
                    *stats.per_flow.entry(id).or_default() += hours;
                    if shadow.contains(&id) {
                        stats.on_shadow_flows += hours;
                    }
                }
            }
        }
        stats
    }

    /// Hours/week of one category.
    pub fn hours(&self, category: PainCategory) -> f32 {
        self.per_category
            .get(category.index())
            .copied()
            .unwrap_or(0.0)
    }

    /// Share of all hours that sit on shadow flows, percent 0–100; `None`
    /// when no hours are recorded.
    pub fn shadow_share(&self) -> Option<f32> {
        (self.total > 0.0).then(|| self.on_shadow_flows / self.total * 100.0)
    }

    /// The [`TOP_N`] tools with most hours (ties by id), most first, only
    /// those with hours above 0.
    pub fn top_tools(&self) -> Vec<(Id, f32)> {
        top(&self.per_tool)
    }

    /// The [`TOP_N`] flows with most hours, most first.
    pub fn top_flows(&self) -> Vec<(Id, f32)> {
        top(&self.per_flow)
    }
}

fn top(map: &HashMap<Id, f32>) -> Vec<(Id, f32)> {
    let mut all: Vec<(Id, f32)> = map
        .iter()
        .filter(|(_, h)| **h > 0.0)
        .map(|(id, h)| (*id, *h))
        .collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    all.truncate(TOP_N);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_refused_outside_a_week_never_clamped() {
        assert_eq!(parse_hours("2"), Ok(Some(2.0)));
        assert_eq!(parse_hours(" 1,5 h"), Ok(Some(1.5)));
        assert_eq!(parse_hours(""), Ok(None));
        assert_eq!(parse_hours("168"), Ok(Some(168.0)));
        assert_eq!(parse_hours("169"), Err(HoursError::OutOfRange(169.0)));
        assert_eq!(parse_hours("-1"), Err(HoursError::OutOfRange(-1.0)));
        assert!(matches!(
            parse_hours("lots"),
            Err(HoursError::NotANumber(_))
        ));
        assert!(check_hours(f32::NAN).is_err());
        assert!(check_hours(f32::INFINITY).is_err());
    }
}
