//! The minutes as data: every figure and text of every section, already
//! worded and formatted (numbers by [`crate::format`], names by the
//! model's naming functions), so that the PDF and the HTML writers only
//! lay them out. Free text is put on one line ([`one_line`]) and is
//! otherwise kept exactly as typed.

use serde::Serialize;

use super::{MinutesError, Options, figures};
use crate::format::{NONE, num, num1, num64, signed, signed1};
use crate::model::{
    Attachment, AutomationLabel, ChangeStatus, FlowKind, Id, Lens, OUTLIER_DISTANCE, Owner,
    PainCategory, Placement, Quadrant, Question, ScoreSet, ScoreSource, Session, Stats, Target,
    VoteOn, WorkModelSummary, one_line, one_line_or,
};

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

/// The diagnosis on one page.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// Hours lost per week, all pain points.
    pub hours_total: String,
    /// Of which orchestra pain.
    pub hours_orchestra: String,
    /// Of which jam pain.
    pub hours_jam: String,
    /// Orchestra share of the hours, percent 0–100 (for a bar).
    pub orchestra_percent: f32,
    /// "23 pain points".
    pub pain_count: String,
    /// Shadow flows out of all flows: "3 of 9 flows".
    pub shadow_count: String,
    /// Each shadow flow with its share of traffic.
    pub shadow_flows: Vec<String>,
    /// "Mean share diverted: 35 %", or empty.
    pub shadow_share: String,
    /// "4.5 h/week (19 %) lost on shadow flows", or empty.
    pub shadow_hours: String,
    /// Per quadrant: tasks and the recommended rhythm.
    pub quadrants: Vec<QuadrantRow>,
    /// "2 undecided" or empty.
    pub undecided: String,
    /// Work model as it is: mean and verdict.
    pub as_is: String,
    /// How we run it now: mean and verdict.
    pub as_run: String,
    /// The largest gap: "Process: 7 as it is vs 3 run now, gap 4 ⚠".
    pub largest_gap: String,
    /// Whether that gap is a misalignment (≥ 4 points).
    pub misaligned: bool,
    /// "O 3 · A 2 · hybrid 1 (of 8 tasks checked)".
    pub automation: String,
    /// Tasks whose label disagrees with their quadrant.
    pub disagreements: Vec<String>,
    /// The change to make next.
    pub next_change: Option<NextChange>,
    /// The findings in sentences, most important first.
    pub findings: Vec<String>,
}

/// The one change to make next (in progress, else the first planned).
#[derive(Clone, Debug, Serialize)]
pub struct NextChange {
    /// What changes.
    pub description: String,
    /// Who owns it.
    pub owner: String,
    /// What it targets.
    pub target: String,
    /// Its metric: "cycle time: 14 → 5 days".
    pub metric: String,
    /// Its status.
    pub status: String,
}

/// One tool (Step 1).
#[derive(Clone, Debug, Serialize)]
pub struct ToolRow {
    /// Name.
    pub name: String,
    /// Hours lost per week on its pain points ("—" for none).
    pub hours: String,
    /// Pain points on it.
    pub pains: usize,
    /// Flows leaving and reaching it.
    pub flows: usize,
}

/// One flow (Step 1).
#[derive(Clone, Debug, Serialize)]
pub struct FlowRow {
    /// From tool.
    pub from: String,
    /// To tool.
    pub to: String,
    /// What passes.
    pub label: String,
    /// "designed" or "shadow".
    pub kind: &'static str,
    /// Whether it is a shadow flow.
    pub shadow: bool,
    /// Share of traffic diverted, "40 %", or "—".
    pub share: String,
    /// Hours lost per week on it.
    pub hours: String,
}

/// Pain points on one tool, flow, or free-standing (Step 2).
#[derive(Clone, Debug, Serialize)]
pub struct PainGroup {
    /// "Tool Google Docs", "Shadow flow Slack → Email: approvals", "Free-standing".
    pub on: String,
    /// Hours lost per week, summed.
    pub hours: String,
    /// The pain points, most hours first.
    pub pains: Vec<PainRow>,
}

/// One pain point.
#[derive(Clone, Debug, Serialize)]
pub struct PainRow {
    /// What hurts, as written.
    pub text: String,
    /// "■ orchestra" or "≈ jam".
    pub category: String,
    /// Whether it is orchestra pain.
    pub orchestra: bool,
    /// Hours lost per week, or "—".
    pub hours: String,
    /// Who raised it (empty when unknown or anonymous).
    pub author: String,
}

/// One quadrant of the grid (Step 3).
#[derive(Clone, Debug, Serialize)]
pub struct QuadrantRow {
    /// The rhythm's name, e.g. "Orchestra".
    pub title: &'static str,
    /// "Predictable + High-stakes".
    pub axes: &'static str,
    /// The recommendation.
    pub advice: &'static str,
    /// Tasks in it.
    pub count: usize,
    /// Their names.
    pub tasks: Vec<String>,
}

/// A numbered dot on the grid.
#[derive(Clone, Debug, Serialize)]
pub struct LegendEntry {
    /// The number on the dot.
    pub number: usize,
    /// The task.
    pub name: String,
    /// Its quadrant, or "undecided".
    pub place: &'static str,
}

/// The automation check of one task (Step 3, orchestra-vs-algorithm).
#[derive(Clone, Debug, Serialize)]
pub struct AutomationRow {
    /// The task.
    pub task: String,
    /// "O", "A", "hybrid" or "—" (not checked).
    pub label: &'static str,
    /// The four answers: "yes", "no", "—".
    pub answers: [&'static str; 4],
    /// Its place on the grid.
    pub place: &'static str,
    /// "⚠ A task in Jam Session" when the label disagrees with the quadrant.
    pub note: String,
    /// The single question's lean, or "—".
    pub lean: &'static str,
}

/// One work-model question, both sets.
#[derive(Clone, Debug, Serialize)]
pub struct QuestionRow {
    /// "Output", …
    pub question: &'static str,
    /// The Factory and Orchestra poles.
    pub poles: String,
    /// Score as it is (mean), 1–10.
    pub as_is: String,
    /// Score as we run it now.
    pub as_run: String,
    /// As it is minus run now.
    pub gap: String,
    /// Whether the gap is a misalignment.
    pub misaligned: bool,
    /// Spread as it is: "min–max 5–9, SD 1.4".
    pub spread_as_is: String,
    /// Spread run now.
    pub spread_as_run: String,
    /// Who is far from the mean, as the panel names them.
    pub far: String,
}

/// A participant's initials on the score dots.
#[derive(Clone, Debug, Serialize)]
pub struct PersonKey {
    /// "AM".
    pub initials: String,
    /// "Ana Morales".
    pub name: String,
}

/// The dot vote.
#[derive(Clone, Debug, Serialize)]
pub struct VoteSection {
    /// "Tasks" or "Pain points".
    pub on: String,
    /// The question asked, or empty.
    pub question: String,
    /// "3 dots per participant, 12 placed".
    pub detail: String,
    /// Notes with dots, most first.
    pub rows: Vec<VoteRow>,
    /// "4 with no dots", or empty.
    pub without: String,
}

/// One note of the vote.
#[derive(Clone, Debug, Serialize)]
pub struct VoteRow {
    /// Dots on it.
    pub dots: usize,
    /// The note.
    pub text: String,
}

/// A zone of the hybrid score (Step 4).
#[derive(Clone, Debug, Serialize)]
pub struct ZoneRow {
    /// The quadrant.
    pub quadrant: &'static str,
    /// Its axes.
    pub axes: &'static str,
    /// The rhythm chosen (and the recommended one when different).
    pub rhythm: String,
    /// Its principles, or "—".
    pub principles: String,
}

/// An airlock (Step 4).
#[derive(Clone, Debug, Serialize)]
pub struct AirlockRow {
    /// Its name.
    pub name: String,
    /// "Jam Session → Orchestra".
    pub between: String,
    /// Entry criteria.
    pub entry: String,
    /// Exit criteria.
    pub exit: String,
    /// What is handed over.
    pub handover: String,
}

/// A change (Step 4).
#[derive(Clone, Debug, Serialize)]
pub struct ChangeRow {
    /// What changes.
    pub description: String,
    /// Who owns it.
    pub owner: String,
    /// What it targets.
    pub target: String,
    /// The metric's name.
    pub metric: String,
    /// "14 → 5 days".
    pub values: String,
    /// Measured this quarter, or "—".
    pub measured: String,
    /// Planned, in progress, done, dropped.
    pub status: &'static str,
}

/// Quarter over quarter: the compare view's headline figures and trends.
#[derive(Clone, Debug, Serialize)]
pub struct Quarters {
    /// "2025-Q3 → 2025-Q4 → 2026-Q1".
    pub sequence: String,
    /// Hours lost per week first → last: "31.5 → 9 h/week (−22.5 h/week, −71.4 %)".
    pub hours: String,
    /// "5 closed · 0 opened".
    pub shadow: String,
    /// How many tasks moved quadrant.
    pub moved_count: usize,
    /// How many changes were done.
    pub done_count: usize,
    /// Per session: its figures.
    pub rows: Vec<QuarterRow>,
    /// The compare view's headline figures for each pair it shows: each
    /// consecutive pair, then first → last with three or more sessions.
    pub pairs: Vec<PairRow>,
    /// Shadow flows closed, first → last.
    pub shadow_closed: Vec<String>,
    /// Shadow flows opened, first → last.
    pub shadow_opened: Vec<String>,
    /// Tasks that moved quadrant: "Approvals: Jam Session → Orchestra".
    pub moved: Vec<String>,
    /// Changes done, with their measured value.
    pub done: Vec<String>,
}

/// The headline figures of one pair of sessions, as the compare view
/// shows them.
#[derive(Clone, Debug, Serialize)]
pub struct PairRow {
    /// "2025-Q3 (…) → 2025-Q4 (…)".
    pub pair: String,
    /// "31.5 → 20 h/week (−11.5 h/week, −36.5 %)".
    pub hours: String,
    /// "2 closed · 0 opened".
    pub shadow: String,
    /// Tasks that moved quadrant.
    pub moved: usize,
    /// Changes done since the earlier session.
    pub done: usize,
}

/// One session in the quarter table.
#[derive(Clone, Debug, Serialize)]
pub struct QuarterRow {
    /// "2026-Q1 (2026-01-21)".
    pub label: String,
    /// Tools.
    pub tools: usize,
    /// Flows.
    pub flows: usize,
    /// Shadow flows.
    pub shadow_flows: usize,
    /// Hours lost per week.
    pub hours: String,
    /// Orchestra pain hours.
    pub orchestra: String,
    /// Jam pain hours.
    pub jam: String,
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

fn verdict(summary: &WorkModelSummary, set: ScoreSet) -> String {
    match (summary.mean(set), summary.verdict(set)) {
        (Some(m), Some(v)) => format!("{} ({})", num(m), v.label(Lens::WorkModel)),
        _ => "not scored".to_owned(),
    }
}

fn summary(session: &Session, stats: &Stats, anonymous: bool) -> Summary {
    let pain = &stats.pain;
    let orchestra = pain.hours(PainCategory::Orchestra);
    let jam = pain.hours(PainCategory::Jam);
    let shadow: Vec<&crate::model::Flow> = session
        .flows
        .iter()
        .filter(|f| f.kind == FlowKind::Shadow)
        .collect();
    let shadow_flows = shadow
        .iter()
        .map(|f| match f.share {
            Some(s) => format!("{} ({s} % of the traffic)", session.flow_text(f)),
            None => session.flow_text(f),
        })
        .collect();
    let wm = &stats.work_model;
    let largest = Question::ALL
        .into_iter()
        .zip(wm.gaps)
        .filter_map(|(q, g)| Some((q, g?)))
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()));
    let (largest_gap, misaligned) = match largest {
        Some((q, g)) => (
            format!(
                "{}: {} as it is vs {} as we run it now, gap {}",
                q.title(),
                mean(wm.value(ScoreSet::AsItIs, q)),
                mean(wm.value(ScoreSet::AsRun, q)),
                num(g)
            ),
            WorkModelSummary::is_misaligned(g),
        ),
        None => ("not scored".to_owned(), false),
    };
    let auto = &stats.automation;
    let checked = auto.orchestral + auto.algorithmic + auto.hybrid;
    let automation = if checked == 0 {
        "No task has been through the automation check.".to_owned()
    } else {
        format!(
            "O {} · A {} · hybrid {} ({} checked of {})",
            auto.orchestral,
            auto.algorithmic,
            auto.hybrid,
            checked,
            count(session.tasks.len(), "task")
        )
    };
    let disagreements = auto
        .disagreements
        .iter()
        .map(|(id, label, q)| {
            format!(
                "{}: {} in {}",
                session.task_name(*id),
                label.short(),
                q.title()
            )
        })
        .collect();
    let next_change = session
        .changes
        .iter()
        .find(|c| c.status == ChangeStatus::InProgress)
        .or_else(|| {
            session
                .changes
                .iter()
                .find(|c| c.status == ChangeStatus::Planned)
        })
        .map(|c| {
            let row = change_row(session, c, anonymous);
            NextChange {
                description: row.description,
                owner: row.owner,
                target: row.target,
                metric: if row.metric == NONE {
                    row.values
                } else {
                    format!("{}: {}", row.metric, row.values)
                },
                status: row.status.to_owned(),
            }
        });
    let quadrants = quadrant_rows(session);
    let mut findings = Vec::new();
    if pain.total > 0.0 {
        let (big, big_word) = if orchestra >= jam {
            (orchestra, "orchestra pain (too much process)")
        } else {
            (jam, "jam pain (chaos, lost information)")
        };
        findings.push(format!(
            "The team loses {} to its ways of working; {} of it is {big_word}.",
            hours(pain.total),
            hours(big)
        ));
    }
    if !shadow.is_empty() {
        let on = if pain.on_shadow_flows > 0.0 {
            format!(", where {} is lost", hours(pain.on_shadow_flows))
        } else {
            String::new()
        };
        findings.push(format!(
            "{} of {} bypass the designed path{on}.",
            count(shadow.len(), "shadow flow"),
            count(session.flows.len(), "flow"),
        ));
    }
    match largest {
        Some((q, g)) if WorkModelSummary::is_misaligned(g) => findings.push(format!(
            "Misalignment on {}: the work is scored {} but run as {} (gap {}).",
            q.title().to_lowercase(),
            mean(wm.value(ScoreSet::AsItIs, q)),
            mean(wm.value(ScoreSet::AsRun, q)),
            num(g)
        )),
        Some((q, g)) => findings.push(format!(
            "The work scores {} as it is and {} as run now: no misalignment (largest gap {}, on {}).",
            verdict(wm, ScoreSet::AsItIs),
            verdict(wm, ScoreSet::AsRun),
            num(g),
            q.title().to_lowercase()
        )),
        None => {}
    }
    if let Some(q) = quadrants.iter().max_by_key(|q| q.count)
        && q.count > 0
    {
        findings.push(format!(
            "Most tasks ({}) are {}: {} — {}.",
            q.count, q.title, q.axes, q.advice
        ));
    }
    if checked > 0 {
        findings.push(format!(
            "The automation check labels {} O (orchestrate), {} A (algorithmize) and {} hybrid.",
            count(auto.orchestral, "task"),
            auto.algorithmic,
            auto.hybrid
        ));
    }
    if let Some(c) = &next_change {
        findings.push(format!(
            "Next: “{}” ({}), measured by {}.",
            c.description,
            if c.owner == NONE {
                "no owner yet".to_owned()
            } else {
                format!("owner {}", c.owner)
            },
            c.metric
        ));
    }
    Summary {
        hours_total: hours(pain.total),
        hours_orchestra: hours(orchestra),
        hours_jam: hours(jam),
        orchestra_percent: if pain.total > 0.0 {
            orchestra / pain.total * 100.0
        } else {
            0.0
        },
        pain_count: count(pain.count, "pain point"),
        shadow_count: format!("{} of {}", shadow.len(), count(session.flows.len(), "flow")),
        shadow_flows,
        shadow_share: stats.mean_shadow_share.map_or_else(String::new, |s| {
            format!("Mean share diverted: {} %", num(s))
        }),
        shadow_hours: pain.shadow_share().map_or_else(String::new, |share| {
            format!(
                "{} lost on shadow flows ({} % of all hours)",
                hours(pain.on_shadow_flows),
                num1(share)
            )
        }),
        undecided: if stats.undecided > 0 {
            format!("{} undecided (on an axis: to discuss)", stats.undecided)
        } else {
            String::new()
        },
        quadrants,
        as_is: verdict(wm, ScoreSet::AsItIs),
        as_run: verdict(wm, ScoreSet::AsRun),
        largest_gap,
        misaligned,
        automation,
        disagreements,
        next_change,
        findings,
    }
}

fn tool_rows(session: &Session, stats: &Stats) -> Vec<ToolRow> {
    session
        .tools
        .iter()
        .map(|t| ToolRow {
            name: t.display_name(),
            hours: stats
                .pain
                .per_tool
                .get(&t.id)
                .filter(|h| **h > 0.0)
                .map_or_else(|| NONE.to_owned(), |h| num(*h)),
            pains: session
                .pain_points
                .iter()
                .filter(|p| p.attached == Attachment::Tool(t.id))
                .count(),
            flows: session
                .flows
                .iter()
                .filter(|f| f.from == t.id || f.to == t.id)
                .count(),
        })
        .collect()
}

fn flow_rows(session: &Session, stats: &Stats) -> Vec<FlowRow> {
    session
        .flows
        .iter()
        .map(|f| FlowRow {
            from: session.tool_name(f.from),
            to: session.tool_name(f.to),
            label: one_line_or(&f.label, "(no label)"),
            kind: f.kind.label(),
            shadow: f.kind == FlowKind::Shadow,
            share: f
                .share
                .map_or_else(|| NONE.to_owned(), |s| format!("{s} %")),
            hours: stats
                .pain
                .per_flow
                .get(&f.id)
                .filter(|h| **h > 0.0)
                .map_or_else(|| NONE.to_owned(), |h| num(*h)),
        })
        .collect()
}

fn pain_groups(session: &Session, author: &dyn Fn(Option<Id>) -> String) -> Vec<PainGroup> {
    let mut keys: Vec<Attachment> = Vec::new();
    for p in &session.pain_points {
        if !keys.contains(&p.attached) {
            keys.push(p.attached);
        }
    }
    let mut groups: Vec<(f32, PainGroup)> = keys
        .into_iter()
        .map(|key| {
            let mut pains: Vec<&crate::model::PainPoint> = session
                .pain_points
                .iter()
                .filter(|p| p.attached == key)
                .collect();
            pains.sort_by(|a, b| {
                b.hours_per_week
                    .unwrap_or(0.0)
                    .total_cmp(&a.hours_per_week.unwrap_or(0.0))
            });
            let total: f32 = pains.iter().filter_map(|p| p.hours_per_week).sum();
            let on = match key {
                Attachment::Free => "Free-standing".to_owned(),
                Attachment::Tool(id) => format!("Tool: {}", session.tool_name(id)),
                Attachment::Flow(id) => {
                    let shadow = session.flow(id).is_some_and(|f| f.kind == FlowKind::Shadow);
                    format!(
                        "{}: {}",
                        if shadow { "Shadow flow" } else { "Flow" },
                        session.flow_name(id)
                    )
                }
            };
            let rows = pains
                .into_iter()
                .map(|p| PainRow {
                    text: one_line_or(&p.text, "(no text)"),
                    category: format!("{} {}", p.category.marker(), p.category.title()),
                    orchestra: p.category == PainCategory::Orchestra,
                    hours: p.hours_per_week.map_or_else(|| NONE.to_owned(), num),
                    author: author(p.author),
                })
                .collect();
            (
                total,
                PainGroup {
                    on,
                    hours: hours(total),
                    pains: rows,
                },
            )
        })
        .collect();
    groups.sort_by(|a, b| b.0.total_cmp(&a.0));
    groups.into_iter().map(|(_, g)| g).collect()
}

fn quadrant_rows(session: &Session) -> Vec<QuadrantRow> {
    Quadrant::ALL
        .into_iter()
        .map(|q| {
            let tasks: Vec<String> = session
                .tasks
                .iter()
                .filter(|t| t.placement() == Some(Placement::Quadrant(q)))
                .map(|t| t.display_name())
                .collect();
            QuadrantRow {
                title: q.title(),
                axes: q.axes(),
                advice: q.advice(),
                count: tasks.len(),
                tasks,
            }
        })
        .collect()
}

fn automation_rows(session: &Session) -> Vec<AutomationRow> {
    session
        .tasks
        .iter()
        .map(|t| {
            let label = t.automation.label();
            let place = t.placement().map_or("tray", Placement::label);
            let note = match (label, t.placement()) {
                (Some(l), Some(Placement::Quadrant(q))) if l.disagrees_with(q) => {
                    format!("⚠ {} task in {}", l.short(), q.title())
                }
                _ => String::new(),
            };
            let yes_no = |a: Option<bool>| match a {
                Some(true) => "yes",
                Some(false) => "no",
                None => NONE,
            };
            let [a, b, c, d] = t.automation.answers();
            AutomationRow {
                task: t.display_name(),
                label: label.map_or(NONE, AutomationLabel::short),
                answers: [yes_no(a), yes_no(b), yes_no(c), yes_no(d)],
                place,
                note,
                lean: t.unexpected.map_or(NONE, |u| u.lean()),
            }
        })
        .collect()
}

fn scores_source(session: &Session, wm: &WorkModelSummary) -> String {
    match wm.source {
        ScoreSource::Participants => format!(
            "The mean of the participants' own scores ({} scored). 1 = pure Factory, 10 = pure Orchestra; a gap of {} points or more is a misalignment.",
            count(session.participants_scored(), "participant"),
            num(crate::model::GAP_HIGHLIGHT)
        ),
        ScoreSource::Consensus => format!(
            "The team consensus (no participant scored individually). 1 = pure Factory, 10 = pure Orchestra; a gap of {} points or more is a misalignment.",
            num(crate::model::GAP_HIGHLIGHT)
        ),
    }
}

fn question_rows(session: &Session, wm: &WorkModelSummary, anonymous: bool) -> Vec<QuestionRow> {
    Question::ALL
        .into_iter()
        .zip(wm.gaps)
        .map(|(q, gap)| {
            let spread = |set| {
                wm.spread(set, q).map_or_else(
                    || NONE.to_owned(),
                    |s| format!("{}–{}, SD {}", s.min, s.max, num1(s.std_dev)),
                )
            };
            let mut far = Vec::new();
            for set in ScoreSet::ALL {
                if let Some(s) = wm.spread(set, q) {
                    for (id, score) in &s.far {
                        let who = if anonymous {
                            "a participant".to_owned()
                        } else {
                            session.author_name(Some(*id))
                        };
                        far.push(format!("{who} ({score}, {})", set.title().to_lowercase()));
                    }
                }
            }
            let (factory, orchestra) = q.poles();
            QuestionRow {
                question: q.title(),
                poles: format!("{factory} ↔ {orchestra}"),
                as_is: mean(wm.value(ScoreSet::AsItIs, q)),
                as_run: mean(wm.value(ScoreSet::AsRun, q)),
                gap: gap.map_or_else(|| NONE.to_owned(), num),
                misaligned: gap.is_some_and(WorkModelSummary::is_misaligned),
                spread_as_is: spread(ScoreSet::AsItIs),
                spread_as_run: spread(ScoreSet::AsRun),
                far: if far.is_empty() {
                    String::new()
                } else {
                    format!(
                        "{} or more points from the mean: {}",
                        num(OUTLIER_DISTANCE),
                        far.join("; ")
                    )
                },
            }
        })
        .collect()
}

fn vote_section(session: &Session) -> Option<VoteSection> {
    let vote = session.vote.as_ref()?;
    let on = vote.on();
    let totals = session.vote_totals();
    let placed: usize = totals.iter().map(|(_, n)| n).sum();
    let rows: Vec<VoteRow> = totals
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(id, n)| VoteRow {
            dots: *n,
            text: one_line_or(
                session.vote_note_text(on, *id).unwrap_or_default(),
                "(no text)",
            ),
        })
        .collect();
    let without = totals.iter().filter(|(_, n)| *n == 0).count();
    Some(VoteSection {
        on: match on {
            VoteOn::Tasks => "Tasks".to_owned(),
            VoteOn::PainPoints => "Pain points".to_owned(),
        },
        question: one_line(vote.question()),
        detail: format!(
            "{} per participant, {} placed{}",
            count(usize::from(vote.dots_per_participant()), "dot"),
            placed,
            if vote.revealed() {
                ""
            } else {
                " (not yet revealed in the room)"
            }
        ),
        rows,
        without: if without > 0 {
            format!("{without} with no dots")
        } else {
            String::new()
        },
    })
}

fn zone_rows(session: &Session) -> Vec<ZoneRow> {
    session
        .zones
        .iter()
        .map(|z| ZoneRow {
            quadrant: z.quadrant.title(),
            axes: z.quadrant.axes(),
            rhythm: if z.rhythm == z.quadrant {
                z.rhythm.title().to_owned()
            } else {
                format!(
                    "{} (instead of the recommended {})",
                    z.rhythm.title(),
                    z.quadrant.title()
                )
            },
            principles: or_dash(&z.principles),
        })
        .collect()
}

fn change_row(session: &Session, c: &crate::model::Change, anonymous: bool) -> ChangeRow {
    let owner = match &c.owner {
        Owner::Nobody => NONE.to_owned(),
        Owner::Participant(_) if anonymous => "a participant".to_owned(),
        Owner::Participant(id) => session.author_name(Some(*id)),
        Owner::Named(name) => or_dash(name),
    };
    let target = match c.target {
        Target::Nothing => NONE.to_owned(),
        Target::Tool(id) => format!("tool {}", session.tool_name(id)),
        Target::Flow(id) => format!("flow {}", session.flow_name(id)),
        Target::Task(id) => format!("task {}", session.task_name(id)),
        Target::Zone(q) => format!("zone {}", q.title()),
    };
    let value = |v: Option<f64>| v.map_or_else(|| NONE.to_owned(), num64);
    let unit = one_line(&c.unit);
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    ChangeRow {
        description: one_line_or(&c.description, "(no description)"),
        owner,
        target,
        metric: or_dash(&c.metric),
        values: format!("{} → {}{unit}", value(c.baseline), value(c.target_value)),
        measured: c
            .measured
            .map_or_else(|| NONE.to_owned(), |m| format!("{}{unit}", num64(m))),
        status: c.status.label(),
    }
}

/// "31.5 → 20 h/week (−11.5 h/week, −36.5 %)", as the compare view's
/// headline says it.
fn hours_headline(h: crate::model::BeforeAfter<f32>) -> String {
    let pct = h
        .percent()
        .map_or_else(String::new, |p| format!(", {} %", signed1(p)));
    format!(
        "{} → {} h/week ({} h/week{pct})",
        num(h.before),
        num(h.after),
        signed(h.delta())
    )
}

fn pair_row(d: &crate::model::SessionDiff) -> PairRow {
    PairRow {
        pair: format!("{} → {}", d.before.short(), d.after.short()),
        hours: hours_headline(d.hours.total),
        shadow: format!(
            "{} closed · {} opened",
            d.shadow_closed.len(),
            d.shadow_opened.len()
        ),
        moved: d.moved_tasks.len(),
        done: d.done_since().count(),
    }
}

fn quarters(comparison: &crate::model::Comparison) -> Option<Quarters> {
    let d = comparison.first_to_last()?;
    let shadow_line = |s: &crate::model::ShadowChange| {
        let share = s.share.map_or_else(String::new, |v| format!(", {v} %"));
        format!("{} ({}{share})", s.flow, s.how.label())
    };
    Some(Quarters {
        sequence: comparison
            .sessions
            .iter()
            .map(|s| s.label.short())
            .collect::<Vec<_>>()
            .join(" → "),
        hours: hours_headline(d.hours.total),
        pairs: comparison
            .steps
            .iter()
            .chain(&comparison.overall)
            .map(pair_row)
            .collect(),
        shadow: format!(
            "{} closed · {} opened",
            d.shadow_closed.len(),
            d.shadow_opened.len()
        ),
        moved_count: d.moved_tasks.len(),
        done_count: d.done_since().count(),
        rows: comparison
            .sessions
            .iter()
            .map(|s| QuarterRow {
                label: s.label.short(),
                tools: s.tools,
                flows: s.flows,
                shadow_flows: s.shadow_flows,
                hours: num(s.hours_total),
                orchestra: num(s.hours_per_category[0]),
                jam: num(s.hours_per_category[1]),
            })
            .collect(),
        shadow_closed: d.shadow_closed.iter().map(shadow_line).collect(),
        shadow_opened: d.shadow_opened.iter().map(shadow_line).collect(),
        moved: d
            .moved_tasks
            .iter()
            .map(|m| {
                let place = |p: Option<Placement>| p.map_or("tray", Placement::label);
                format!(
                    "{}: {} → {}",
                    m.name,
                    place(m.from_place),
                    place(m.to_place)
                )
            })
            .collect(),
        done: d
            .done_since()
            .map(|c| {
                format!(
                    "{}: {}",
                    one_line_or(&c.description, "(no description)"),
                    crate::format::metric_line(c)
                )
            })
            .collect(),
    })
}
