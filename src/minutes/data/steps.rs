//! The sections of Steps 1–4, the scores and the dot vote, as rows.

use serde::Serialize;

use crate::format::{NONE, num, num1, num64};
use crate::model::{
    Attachment, AutomationLabel, FlowKind, Id, OUTLIER_DISTANCE, Owner, PainCategory, Placement,
    Quadrant, Question, ScoreSet, ScoreSource, Session, Stats, VoteOn, WorkModelSummary, one_line,
    one_line_or,
};

use super::{count, hours, mean, or_dash};

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

pub(super) fn tool_rows(session: &Session, stats: &Stats) -> Vec<ToolRow> {
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

pub(super) fn flow_rows(session: &Session, stats: &Stats) -> Vec<FlowRow> {
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

pub(super) fn pain_groups(
    session: &Session,
    author: &dyn Fn(Option<Id>) -> String,
) -> Vec<PainGroup> {
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

pub(super) fn quadrant_rows(session: &Session) -> Vec<QuadrantRow> {
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

pub(super) fn automation_rows(session: &Session) -> Vec<AutomationRow> {
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

pub(super) fn scores_source(session: &Session, wm: &WorkModelSummary) -> String {
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

pub(super) fn question_rows(
    session: &Session,
    wm: &WorkModelSummary,
    anonymous: bool,
) -> Vec<QuestionRow> {
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

pub(super) fn vote_section(session: &Session) -> Option<VoteSection> {
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

pub(super) fn zone_rows(session: &Session) -> Vec<ZoneRow> {
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

pub(super) fn change_row(
    session: &Session,
    c: &crate::model::Change,
    anonymous: bool,
) -> ChangeRow {
    let owner = match &c.owner {
        Owner::Nobody => NONE.to_owned(),
        Owner::Participant(_) if anonymous => "a participant".to_owned(),
        Owner::Participant(id) => session.author_name(Some(*id)),
        Owner::Named(name) => or_dash(name),
    };
    let target = session
        .target_name(c.target)
        .unwrap_or_else(|| NONE.to_owned());
    let value = |v: Option<f64>| v.map_or_else(|| NONE.to_owned(), num64);
    let unit = c.unit_suffix();
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
