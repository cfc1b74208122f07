//! The minutes as data: every figure and text of every section, already
//! worded and formatted (numbers by [`crate::format`], names by the
//! model's naming functions), so that the PDF and the HTML writers only
//! lay them out. Free text is put on one line ([`one_line`]) and is
//! otherwise kept exactly as typed.

mod quarters;
mod steps;
mod summary;

pub use super::figures::LegendEntry;
pub use quarters::{PairRow, QuarterRow, Quarters};
pub use steps::{
    AirlockRow, AutomationRow, ChangeRow, FlowRow, PainGroup, PainRow, PersonKey, QuadrantRow,
    QuestionRow, ToolRow, VoteRow, VoteSection, ZoneRow,
};
pub use summary::{NextChange, Summary};

use quarters::quarters;
use steps::{
    automation_rows, change_row, flow_rows, pain_groups, quadrant_rows, question_rows,
    scores_source, tool_rows, vote_section, zone_rows,
};
use summary::summary;

use serde::Serialize;

use super::{MinutesError, Options, figures};
use crate::format::{NONE, num};
use crate::model::{Id, Placement, ScoreSet, Session, Stats, one_line, one_line_or};

/// Everything the minutes show, in the method's order.
#[derive(Clone, Debug, Serialize)]
pub struct Minutes {
    /// Typst's paper name (`a4`, `us-letter`).
    pub paper: &'static str,
    /// The session's title, or "Rhythm Diagnosis".
    pub title: String,
    /// Team, quarter, date and facilitator ("—" when empty).
    pub team: String,
    /// Quarter label.
    pub quarter: String,
    /// Workshop date.
    pub date: String,
    /// Who ran the workshop.
    pub facilitator: String,
    /// Who took part, by name (empty with `--anonymous`).
    pub participants: Vec<String>,
    /// How many took part.
    pub participant_count: usize,
    /// Whether names were left out.
    pub anonymous: bool,
    /// The diagnosis on one page.
    pub summary: Summary,
    /// Step 1: the tools.
    pub tools: Vec<ToolRow>,
    /// Step 1: the flows.
    pub flows: Vec<FlowRow>,
    /// Step 2: pain points grouped by what they are on, most hours first.
    pub pain_groups: Vec<PainGroup>,
    /// Step 3: per quadrant, its rhythm and tasks.
    pub quadrants: Vec<QuadrantRow>,
    /// Step 3: the numbers on the grid's dots and the tasks they stand for.
    pub grid_legend: Vec<LegendEntry>,
    /// Step 3: tasks on or near an axis (to discuss).
    pub undecided: Vec<String>,
    /// Step 3: tasks not on the grid.
    pub tray: Vec<String>,
    /// Step 3: the automation check per task.
    pub automation: Vec<AutomationRow>,
    /// Where the scores come from, in a sentence.
    pub scores_source: String,
    /// Scores per work-model question.
    pub questions: Vec<QuestionRow>,
    /// Means of both sets, 1–10.
    pub mean_as_is: String,
    /// Mean of "how we run it now".
    pub mean_as_run: String,
    /// Initials on the score dots, with names (empty with `--anonymous`).
    pub people: Vec<PersonKey>,
    /// The dot vote, if one was held.
    pub vote: Option<VoteSection>,
    /// Step 4: zones.
    pub zones: Vec<ZoneRow>,
    /// Step 4: airlocks.
    pub airlocks: Vec<AirlockRow>,
    /// Step 4: changes.
    pub changes: Vec<ChangeRow>,
    /// "More than one change in progress" and the like.
    pub changes_warning: Option<String>,
    /// With several sessions: what changed quarter over quarter.
    pub quarters: Option<Quarters>,
    /// Names of the figures present (`map`, `pains`, `grid`, `scores`,
    /// `q_hours`, `q_shadow`, `q_gaps`).
    pub figure_names: Vec<&'static str>,
    /// Per figure: its aspect (width / height), for the writers' sizing.
    pub figure_aspects: std::collections::BTreeMap<&'static str, f32>,
    /// The figures, as SVG.
    #[serde(skip)]
    figures: Vec<(&'static str, String)>,
    /// Index of the latest session among those given.
    #[serde(skip)]
    latest: usize,
}

/// `text` on one line, or "—".
fn or_dash(text: &str) -> String {
    let t = one_line(text);
    if t.is_empty() { NONE.to_owned() } else { t }
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn hours(v: f32) -> String {
    format!("{} h/week", num(v))
}

/// "Ana Morales" → "AM"; one name → its first two letters.
pub(super) fn initials_of(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut out: String = match words.as_slice() {
        [] => "?".to_owned(),
        [one] => one.chars().take(2).collect(),
        [first, .., last] => first.chars().take(1).chain(last.chars().take(1)).collect(),
    };
    out = out.to_uppercase();
    out
}

impl Minutes {
    /// The minutes of `sessions`: the latest session's (by quarter and
    /// date, [`crate::model::chronological`]) in full and, with two or
    /// more, the quarter-over-quarter section across all of them.
    ///
    /// # Errors
    /// [`MinutesError::NoSession`] when `sessions` is empty.
    pub fn of(sessions: &[Session], options: Options) -> Result<Self, MinutesError> {
        let comparison = (sessions.len() > 1).then(|| crate::model::compare(sessions));
        let latest = match &comparison {
            Some(c) => c.order.last().copied().unwrap_or(0),
            None => 0,
        };
        let session = sessions.get(latest).ok_or(MinutesError::NoSession)?;
        let mut minutes = Self::of_session(session, options);
        minutes.latest = latest;
        if let Some(comparison) = comparison {
            minutes.quarters = quarters(&comparison);
            for (name, svg) in figures::quarter_charts(&comparison) {
                minutes.add_figure(name, svg);
            }
        }
        Ok(minutes)
    }

    /// Index (into the sessions given to [`Minutes::of`]) of the session
    /// the minutes are of.
    pub fn latest_index(&self) -> usize {
        self.latest
    }

    /// The figures as `(name, SVG)`.
    pub fn figures(&self) -> &[(&'static str, String)] {
        &self.figures
    }

    /// One figure's SVG.
    pub fn figure(&self, name: &str) -> Option<&str> {
        self.figures
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| s.as_str())
    }

    fn add_figure(&mut self, name: &'static str, figure: figures::Figure) {
        self.figure_names.push(name);
        self.figure_aspects
            .insert(name, figure.width / figure.height.max(1.0));
        self.figures.push((name, figure.svg));
    }

    /// Whether some text has a character that no shipped font draws (then
    /// the system's fonts are searched).
    pub fn needs_system_fonts(&self) -> bool {
        let json = serde_json::to_string(self).unwrap_or_default();
        !json.chars().all(super::fonts::shipped_covers)
    }

    fn of_session(session: &Session, options: Options) -> Self {
        let stats = Stats::of(session);
        let h = &session.header;
        let anonymous = options.anonymous;
        let author = |id: Option<Id>| {
            if anonymous {
                String::new()
            } else {
                session.author_name(id)
            }
        };
        let mut minutes = Self {
            paper: options.paper.typst_name(),
            title: one_line_or(&h.title, "Rhythm Diagnosis"),
            team: or_dash(&h.team),
            quarter: or_dash(&h.quarter),
            date: or_dash(&h.date),
            facilitator: or_dash(&h.facilitator),
            participants: if anonymous {
                Vec::new()
            } else {
                session
                    .participants
                    .iter()
                    .map(|p| p.display_name())
                    .collect()
            },
            participant_count: session.participants.len(),
            anonymous,
            summary: summary(session, &stats, anonymous),
            tools: tool_rows(session, &stats),
            flows: flow_rows(session, &stats),
            pain_groups: pain_groups(session, &author),
            quadrants: quadrant_rows(session),
            grid_legend: Vec::new(),
            undecided: session
                .tasks
                .iter()
                .filter(|t| t.placement() == Some(Placement::Undecided))
                .map(|t| t.display_name())
                .collect(),
            tray: session
                .tasks
                .iter()
                .filter(|t| t.grid.is_none())
                .map(|t| t.display_name())
                .collect(),
            automation: automation_rows(session),
            scores_source: scores_source(session, &stats.work_model),
            questions: question_rows(session, &stats.work_model, anonymous),
            mean_as_is: mean(stats.work_model.mean(ScoreSet::AsItIs)),
            mean_as_run: mean(stats.work_model.mean(ScoreSet::AsRun)),
            people: if anonymous {
                Vec::new()
            } else {
                session
                    .participants
                    .iter()
                    .filter(|p| p.scores.any_scored())
                    .map(|p| PersonKey {
                        initials: initials_of(&p.display_name()),
                        name: p.display_name(),
                    })
                    .collect()
            },
            vote: vote_section(session),
            zones: zone_rows(session),
            airlocks: session
                .airlocks
                .iter()
                .map(|a| AirlockRow {
                    name: one_line_or(&a.name, "(unnamed airlock)"),
                    between: format!("{} → {}", a.from.title(), a.to.title()),
                    entry: or_dash(&a.entry),
                    exit: or_dash(&a.exit),
                    handover: or_dash(&a.handover),
                })
                .collect(),
            changes: session
                .changes
                .iter()
                .map(|c| change_row(session, c, anonymous))
                .collect(),
            changes_warning: stats.changes_warning.clone(),
            quarters: None,
            figure_names: Vec::new(),
            figure_aspects: std::collections::BTreeMap::new(),
            figures: Vec::new(),
            latest: 0,
        };
        if let Some(map) = figures::map(session) {
            minutes.add_figure("map", map);
        }
        if let Some(chart) = figures::pain_chart(session) {
            minutes.add_figure("pains", chart);
        }
        let (grid, legend) = figures::grid(session);
        minutes.grid_legend = legend;
        if let Some(grid) = grid {
            minutes.add_figure("grid", grid);
        }
        if let Some(scores) = figures::scores_chart(session, anonymous) {
            minutes.add_figure("scores", scores);
        }
        minutes
    }
}

fn mean(v: Option<f32>) -> String {
    v.map_or_else(|| NONE.to_owned(), num)
}
