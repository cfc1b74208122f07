//! `rhythm report`: a summary of one session covering all four steps of the
//! Rhythm Diagnosis and the three lenses (METHOD.md): header and
//! participants, the tool map (Step 1) with the hours lost on each tool and
//! flow, the pain points (Step 2), the task typology with each task's
//! automation label and single-question lean (Step 3), the work-model
//! spectrum with the participants' spread, and the hybrid score (Step 4):
//! zones, airlocks and changes.
//!
//! Two formats: Markdown ([`markdown`]) for reading, and CSV ([`csv`]), one
//! row per note, for spreadsheets. Every figure comes from
//! [`Stats::of`], the same numbers the live scoring panel shows.

use crate::markdown::{cell, inline, name_or, num, num1, num64};
use std::collections::HashSet;

use crate::model::{
    Attachment, ChangeStatus, DOT_GLYPH, Flow, FlowKind, GridPos, Id, Lens, OUTLIER_DISTANCE,
    Owner, PainCategory, PainPoint, Placement, Quadrant, Question, ScoreSet, ScoreSource, Session,
    Stats, Target, Task, UNDECIDED_BAND, UnexpectedWay, WorkModelSummary,
};

/// Shown for an empty field, an unscored question or a missing value.
const NONE: &str = "—";

/// The header row of [`csv`], in column order.
pub const CSV_HEADER: [&str; 7] = [
    "kind",
    "text",
    "category",
    "hours_per_week",
    "attached_to",
    "quadrant",
    "author",
];

/// The session as Markdown, one section per step:
///
/// - `# title` and the header fields (team, quarter, date, facilitator);
/// - `## Participants (N)`: name, colour, and the pain points each raised
///   with their hours/week;
/// - `## Tools (N)` with the hours/week of the pain points on each;
/// - `## Flows (N, S shadow)`: `from → to: label`, shadow flows marked
///   `**shadow**` with their share (percent 0–100) when known, and the
///   hours/week on each; a flow whose tool is missing shows it as `?`;
/// - `## Pain points (N, H h/week)`: hours/week per category, the share of
///   hours on shadow flows, the top [`crate::model::TOP_N`] tools and flows
///   by hours, then every pain point grouped by category with its hours,
///   what it is attached to and its author;
/// - `## Tasks (N)`: the automation-check and single-question counts, one
///   `###` section per quadrant in [`Quadrant::ALL`] order, the undecided
///   tasks, the ones still in the tray, and the tasks whose automation label
///   disagrees with their quadrant. Each task shows its label (**O**,
///   **A**, **hybrid**) and lean when answered;
/// - `## Work model (orchestra-vs-factory)`: both score sets (1–10; the
///   participants' mean when any participant scored, else the team
///   consensus) with the gap per question (gaps of at least
///   [`crate::model::GAP_HIGHLIGHT`] points marked ⚠), the means, each
///   participant's scores and the spread per question (mean, min–max,
///   standard deviation, who is [`OUTLIER_DISTANCE`] or more points from the
///   mean), and the verdict of each set in every lens's own words;
/// - `## Hybrid score`: zones with their rhythm and principles, airlocks
///   with entry and exit criteria and handover, changes with owner, target,
///   metric baseline → target and status, and the "one change at a time"
///   warning when more than one is in progress;
/// - `## Dot vote` (Dot voting, issue 6), only while the session holds a
///   vote: what it is on, the question, dots per participant, dots placed,
///   whether the totals were revealed, then the notes with dots, most first
///   (`- 5 ● Production deploy`; ties by name) and how many got none. The
///   report is for the minutes, so it shows the totals even before they
///   are revealed in the room, marked "not yet revealed in the room".
///
/// Never fails: empty fields and unscored questions show as `—`.
pub fn markdown(session: &Session) -> String {
    let stats = Stats::of(session);
    let mut out = Vec::new();
    header_section(&mut out, session);
    participants_section(&mut out, session);
    tools_section(&mut out, session, &stats);
    flows_section(&mut out, session, &stats);
    pain_section(&mut out, session, &stats);
    tasks_section(&mut out, session, &stats);
    work_model_section(&mut out, session, &stats);
    hybrid_section(&mut out, session, &stats);
    vote_section(&mut out, session);
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// One CSV row per note on the board, for spreadsheets: first the tools,
/// then the tasks, then the pain points, each in session order, after the
/// header row [`CSV_HEADER`]:
///
/// - `kind`: `tool`, `task` or `pain point`;
/// - `text`: the tool's or task's name, the pain point's text;
/// - `category`: `orchestra pain` / `jam pain` (pain points only);
/// - `hours_per_week`: hours lost per week, 0–168 (pain points only, empty
///   when not quantified), so the column sums to the session's total;
/// - `attached_to`: a pain point's tool name or flow (`from → to: label`),
///   empty when free-standing;
/// - `quadrant`: a task's placement (`Orchestra` … `Algorithm` or
///   `undecided`), empty in the tray;
/// - `author`: the participant's name, `?` when the participant is gone.
///
/// Lines end in `\n`; fields are quoted only when needed (RFC 4180).
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn csv(session: &Session) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(CSV_HEADER)?;
    for tool in &session.tools {
        writer.write_record([
            "tool",
            tool.name.as_str(),
            "",
            "",
            "",
            "",
            &author_name(session, tool.author),
        ])?;
    }
    for task in &session.tasks {
        writer.write_record([
            "task",
            task.name.as_str(),
            "",
            "",
            "",
            task.placement().map_or("", Placement::label),
            &author_name(session, task.author),
        ])?;
    }
    for pain in &session.pain_points {
        let hours = pain
            .hours_per_week
            .map(|h| h.to_string())
            .unwrap_or_default();
        let attached = match pain.attached {
            Attachment::Free => String::new(),
            Attachment::Tool(id) => tool_name(session, id),
            Attachment::Flow(id) => flow_name(session, id),
        };
        writer.write_record([
            "pain point",
            pain.text.as_str(),
            pain.category.title(),
            &hours,
            &attached,
            "",
            &author_name(session, pain.author),
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| csv::Error::from(err.into_error()))?;
    // Every field written is a `&str`, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn header_section(out: &mut Vec<String>, session: &Session) {
    let h = &session.header;
    let title = inline(&h.title);
    out.push(format!(
        "# {}",
        if title.is_empty() {
            "Rhythm Diagnosis session".to_owned()
        } else {
            title
        }
    ));
    out.push(String::new());
    for (field, value) in [
        ("Team", &h.team),
        ("Quarter", &h.quarter),
        ("Date", &h.date),
        ("Facilitator", &h.facilitator),
    ] {
        out.push(format!("- **{field}:** {}", or_dash(inline(value))));
    }
}

fn participants_section(out: &mut Vec<String>, session: &Session) {
    out.push(String::new());
    out.push(format!("## Participants ({})", session.participants.len()));
    out.push(String::new());
    if session.participants.is_empty() {
        out.push("_No participants listed._".to_owned());
    }
    for person in &session.participants {
        let [r, g, b] = person.colour;
        let raised: Vec<&PainPoint> = session
            .pain_points
            .iter()
            .filter(|p| p.author == Some(person.id))
            .collect();
        let hours: f32 = raised.iter().filter_map(|p| p.hours_per_week).sum();
        let pains = match raised.len() {
            0 => "no pain points".to_owned(),
            n => format!("{} ({} h/week)", count(n, "pain point"), num(hours)),
        };
        out.push(format!(
            "- {} (colour #{r:02X}{g:02X}{b:02X}): {pains}",
            name_or(&person.name, "(unnamed participant)")
        ));
    }
}

/// " — 2 h/week lost (1 pain point)", or "" when nothing is attached.
fn attached_pain(session: &Session, attachment: Attachment, hours: Option<f32>) -> String {
    let n = session
        .pain_points
        .iter()
        .filter(|p| p.attached == attachment)
        .count();
    if n == 0 {
        return String::new();
    }
    format!(
        " — {} h/week lost ({})",
        num(hours.unwrap_or(0.0)),
        count(n, "pain point")
    )
}

fn tools_section(out: &mut Vec<String>, session: &Session, stats: &Stats) {
    out.push(String::new());
    out.push(format!("## Tools ({})", stats.tools));
    out.push(String::new());
    if session.tools.is_empty() {
        out.push("_No tools listed._".to_owned());
    }
    for tool in &session.tools {
        let hours = stats.pain.per_tool.get(&tool.id).copied();
        out.push(format!(
            "- {}{}",
            name_or(&tool.name, "(unnamed tool)"),
            attached_pain(session, Attachment::Tool(tool.id), hours)
        ));
    }
}

fn flows_section(out: &mut Vec<String>, session: &Session, stats: &Stats) {
    out.push(String::new());
    out.push(format!(
        "## Flows ({}, {} shadow)",
        stats.flows, stats.shadow_flows
    ));
    out.push(String::new());
    if session.flows.is_empty() {
        out.push("_No flows mapped._".to_owned());
    }
    for flow in &session.flows {
        let mut line = format!("- {}", flow_text(session, flow));
        if flow.kind == FlowKind::Shadow {
            line.push_str(" — **shadow**");
            if let Some(share) = flow.share {
                line.push_str(&format!(", {share} % of the traffic"));
            }
        }
        let hours = stats.pain.per_flow.get(&flow.id).copied();
        line.push_str(&attached_pain(session, Attachment::Flow(flow.id), hours));
        out.push(line);
    }
}

/// `from → to: label`, with `?` for a missing tool.
fn flow_text(session: &Session, flow: &Flow) -> String {
    format!(
        "{} → {}: {}",
        tool_name(session, flow.from),
        tool_name(session, flow.to),
        name_or(&flow.label, "(no label)")
    )
}

fn tool_name(session: &Session, id: Id) -> String {
    session
        .tool(id)
        .map_or_else(|| "?".to_owned(), |t| name_or(&t.name, "(unnamed tool)"))
}

fn flow_name(session: &Session, id: Id) -> String {
    session
        .flow(id)
        .map_or_else(|| "?".to_owned(), |f| flow_text(session, f))
}

fn task_title(session: &Session, id: Id) -> String {
    session.task(id).map_or_else(|| "?".to_owned(), task_name)
}

/// A participant's name; `?` for an id no longer in the session; empty
/// for no author.
fn author_name(session: &Session, author: Option<Id>) -> String {
    match author {
        None => String::new(),
        Some(id) => session.participant(id).map_or_else(
            || "?".to_owned(),
            |p| name_or(&p.name, "(unnamed participant)"),
        ),
    }
}

fn pain_section(out: &mut Vec<String>, session: &Session, stats: &Stats) {
    let pain = &stats.pain;
    out.push(String::new());
    out.push(format!(
        "## Pain points ({}, {} h/week)",
        pain.count,
        num(pain.total)
    ));
    out.push(String::new());
    if session.pain_points.is_empty() {
        out.push("_No pain points raised._".to_owned());
        return;
    }
    out.push("| Category | Pain points | Hours/week |".to_owned());
    out.push("|---|---:|---:|".to_owned());
    for category in PainCategory::ALL {
        let n = session
            .pain_points
            .iter()
            .filter(|p| p.category == category)
            .count();
        out.push(format!(
            "| {} {} | {n} | {} |",
            category.marker(),
            capitalised(category.title()),
            num(pain.hours(category))
        ));
    }
    out.push(format!(
        "| **Total** | **{}** | **{}** |",
        pain.count,
        num(pain.total)
    ));
    out.push(String::new());
    let shadow = pain.shadow_share().map_or_else(
        || NONE.to_owned(),
        |share| {
            format!(
                "{} % ({} of {} h/week)",
                num1(share),
                num(pain.on_shadow_flows),
                num(pain.total)
            )
        },
    );
    out.push(format!("**Share of hours on shadow flows:** {shadow}"));

    out.push(String::new());
    out.push("### Tools with most hours lost".to_owned());
    out.push(String::new());
    let top_tools = pain.top_tools();
    if top_tools.is_empty() {
        out.push("_No hours on any tool._".to_owned());
    }
    for (i, (id, hours)) in top_tools.into_iter().enumerate() {
        out.push(format!(
            "{}. {} — {} h/week",
            i + 1,
            tool_name(session, id),
            num(hours)
        ));
    }
    out.push(String::new());
    out.push("### Flows with most hours lost".to_owned());
    out.push(String::new());
    let top_flows = pain.top_flows();
    if top_flows.is_empty() {
        out.push("_No hours on any flow._".to_owned());
    }
    for (i, (id, hours)) in top_flows.into_iter().enumerate() {
        let shadow = session.flow(id).is_some_and(|f| f.kind == FlowKind::Shadow);
        out.push(format!(
            "{}. {} — {} h/week{}",
            i + 1,
            flow_name(session, id),
            num(hours),
            if shadow { " (shadow)" } else { "" }
        ));
    }

    for category in PainCategory::ALL {
        let pains: Vec<&PainPoint> = session
            .pain_points
            .iter()
            .filter(|p| p.category == category)
            .collect();
        out.push(String::new());
        out.push(format!(
            "### {} {} ({}, {} h/week)",
            category.marker(),
            capitalised(category.title()),
            pains.len(),
            num(pain.hours(category))
        ));
        out.push(String::new());
        if pains.is_empty() {
            out.push("_None._".to_owned());
        }
        for p in pains {
            out.push(format!("- {}", pain_line(session, p)));
        }
    }
}

/// "text — 2 h/week · on tool Google Docs · by Jonas".
fn pain_line(session: &Session, pain: &PainPoint) -> String {
    let hours = pain.hours_per_week.map_or_else(
        || "hours not quantified".to_owned(),
        |h| format!("{} h/week", num(h)),
    );
    let attached = match pain.attached {
        Attachment::Free => "free-standing".to_owned(),
        Attachment::Tool(id) => format!("on tool {}", tool_name(session, id)),
        Attachment::Flow(id) => {
            let shadow = session.flow(id).is_some_and(|f| f.kind == FlowKind::Shadow);
            format!(
                "on {}flow {}",
                if shadow { "shadow " } else { "" },
                flow_name(session, id)
            )
        }
    };
    let mut line = format!(
        "{} — {hours} · {attached}",
        name_or(&pain.text, "(no text)")
    );
    let author = author_name(session, pain.author);
    if !author.is_empty() {
        line.push_str(&format!(" · by {author}"));
    }
    line
}

fn tasks_section(out: &mut Vec<String>, session: &Session, stats: &Stats) {
    let auto = &stats.automation;
    let disagreeing: HashSet<Id> = auto.disagreements.iter().map(|(id, _, _)| *id).collect();
    out.push(String::new());
    out.push(format!("## Tasks ({})", session.tasks.len()));
    out.push(String::new());
    let unchecked = session
        .tasks
        .len()
        .saturating_sub(auto.orchestral + auto.algorithmic + auto.hybrid);
    let disagree = match auto.disagreements.len() {
        1 => "1 disagrees with its quadrant".to_owned(),
        n => format!("{n} disagree with their quadrant"),
    };
    out.push(format!(
        "_Automation check (orchestra-vs-algorithm): {} O, {} A, {} hybrid, {unchecked} not checked; \
         {disagree}._",
        auto.orchestral, auto.algorithmic, auto.hybrid,
    ));
    out.push(String::new());
    let unanswered = session
        .tasks
        .len()
        .saturating_sub(auto.lean_jam + auto.lean_orchestra);
    out.push(format!(
        "_Single question ({}): {} lean Jam, {} lean Orchestra, {unanswered} unanswered._",
        UnexpectedWay::QUESTION,
        auto.lean_jam,
        auto.lean_orchestra
    ));
    let line = |task: &Task| task_line(task, disagreeing.contains(&task.id));
    for quadrant in Quadrant::ALL {
        let tasks: Vec<&Task> = session
            .tasks
            .iter()
            .filter(|t| t.placement() == Some(Placement::Quadrant(quadrant)))
            .collect();
        out.push(String::new());
        out.push(format!(
            "### {} ({}) — {}",
            quadrant.title(),
            quadrant.axes(),
            stats.in_quadrant(quadrant)
        ));
        out.push(String::new());
        out.push(format!("_Recommended rhythm: {}._", quadrant.advice()));
        if !tasks.is_empty() {
            out.push(String::new());
        }
        for task in tasks {
            out.push(format!("- {}", line(task)));
        }
    }

    let undecided: Vec<&Task> = session
        .tasks
        .iter()
        .filter(|t| t.placement() == Some(Placement::Undecided))
        .collect();
    out.push(String::new());
    out.push(format!("### Undecided — {}", stats.undecided));
    out.push(String::new());
    out.push("_On or near an axis: to be discussed._".to_owned());
    if !undecided.is_empty() {
        out.push(String::new());
    }
    for task in undecided {
        let near = task.grid.map_or("", undecided_axis);
        let mut text = format!("{} ({near})", task_name(task));
        text.push_str(&lenses_suffix(task, false));
        out.push(format!("- {text}"));
    }

    let tray: Vec<&Task> = session.tasks.iter().filter(|t| t.grid.is_none()).collect();
    out.push(String::new());
    out.push(format!("### In the tray (unplaced) — {}", stats.unplaced));
    if !tray.is_empty() {
        out.push(String::new());
    }
    for task in tray {
        out.push(format!("- {}", line(task)));
    }

    out.push(String::new());
    out.push(format!(
        "### Automation label disagrees with the quadrant — {}",
        auto.disagreements.len()
    ));
    out.push(String::new());
    out.push(
        "_An A task in an unpredictable quadrant, or an O task in Algorithm: discuss._".to_owned(),
    );
    if !auto.disagreements.is_empty() {
        out.push(String::new());
    }
    for (id, label, quadrant) in &auto.disagreements {
        out.push(format!(
            "- {}: **{}** in {}",
            task_title(session, *id),
            label.short(),
            quadrant.title()
        ));
    }
}

/// "name — **A** · lean Jam · ⚠ disagrees with the quadrant", the parts
/// present only when answered.
fn task_line(task: &Task, disagrees: bool) -> String {
    format!("{}{}", task_name(task), lenses_suffix(task, disagrees))
}

fn lenses_suffix(task: &Task, disagrees: bool) -> String {
    let mut parts = Vec::new();
    if let Some(label) = task.automation.label() {
        parts.push(format!("**{}**", label.short()));
    }
    if let Some(answer) = task.unexpected {
        parts.push(answer.lean().to_owned());
    }
    if disagrees {
        parts.push("⚠ label disagrees with the quadrant".to_owned());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" — {}", parts.join(" · "))
    }
}

fn task_name(task: &Task) -> String {
    name_or(&task.name, "(unnamed task)")
}

/// Which axis an undecided position sits on, in words.
fn undecided_axis(grid: GridPos) -> &'static str {
    let p = GridPos::new(grid.predictability, grid.stakes);
    let on_predictability = p.predictability.abs() < UNDECIDED_BAND;
    let on_stakes = p.stakes.abs() < UNDECIDED_BAND;
    match (on_predictability, on_stakes) {
        (true, true) => "at the centre",
        (true, false) => "predictable or unpredictable?",
        _ => "low- or high-stakes?",
    }
}

fn work_model_section(out: &mut Vec<String>, session: &Session, stats: &Stats) {
    let summary = &stats.work_model;
    let (as_is, as_run) = (ScoreSet::AsItIs, ScoreSet::AsRun);
    out.push(String::new());
    out.push("## Work model (orchestra-vs-factory)".to_owned());
    out.push(String::new());
    out.push(
        "Each question scored 1 (pure Factory) to 10 (pure Orchestra). \
         Gap = as it is − as we run it; ⚠ marks a misalignment."
            .to_owned(),
    );
    out.push(String::new());
    out.push(match summary.source {
        ScoreSource::Participants => {
            let scored = session
                .participants
                .iter()
                .filter(|p| p.scores.any_scored())
                .count();
            format!(
                "_Scores: the mean of the participants' own scores ({} scored)._",
                count(scored, "participant")
            )
        }
        ScoreSource::Consensus => {
            "_Scores: the team consensus (no participant has scored)._".to_owned()
        }
    });
    out.push(String::new());
    out.push(format!(
        "| Question | {} | {} | Gap |",
        as_is.title(),
        as_run.title()
    ));
    out.push("|---|---:|---:|---:|".to_owned());
    for (question, gap) in Question::ALL.into_iter().zip(summary.gaps) {
        let gap = match gap {
            Some(g) if WorkModelSummary::is_misaligned(g) => format!("**{}** ⚠", num(g)),
            Some(g) => num(g),
            None => NONE.to_owned(),
        };
        out.push(format!(
            "| {} | {} | {} | {gap} |",
            question.title(),
            mean(summary.value(as_is, question)),
            mean(summary.value(as_run, question)),
        ));
    }
    out.push(format!(
        "| **Mean** | **{}** | **{}** | |",
        mean(summary.mean(as_is)),
        mean(summary.mean(as_run))
    ));

    if summary.source == ScoreSource::Participants {
        participant_scores(out, session);
        spread_table(out, session, summary);
    }

    out.push(String::new());
    out.push("Verdict of each set, in each lens's own words:".to_owned());
    out.push(String::new());
    out.push(format!(
        "| Lens (structured ↔ adaptive) | {} | {} |",
        as_is.title(),
        as_run.title()
    ));
    out.push("|---|---|---|".to_owned());
    for lens in Lens::ALL {
        let (structured, adaptive) = lens.poles();
        let verdict = |set| {
            summary
                .verdict(set)
                .map_or_else(|| NONE.to_owned(), |v| v.label(lens))
        };
        out.push(format!(
            "| {} ({structured} ↔ {adaptive}) | {} | {} |",
            lens.title(),
            verdict(as_is),
            verdict(as_run)
        ));
    }
}

/// Each participant's scores, "as it is / as we run it" per question.
fn participant_scores(out: &mut Vec<String>, session: &Session) {
    out.push(String::new());
    out.push(format!(
        "### Participants' scores ({} / {})",
        ScoreSet::AsItIs.title().to_lowercase(),
        ScoreSet::AsRun.title().to_lowercase()
    ));
    out.push(String::new());
    let titles: Vec<&str> = Question::ALL.iter().map(|q| q.title()).collect();
    out.push(format!("| Participant | {} |", titles.join(" | ")));
    out.push(format!("|---|{}", "---:|".repeat(Question::ALL.len())));
    for person in &session.participants {
        let cells: Vec<String> = Question::ALL
            .iter()
            .map(|&q| {
                format!(
                    "{} / {}",
                    score(person.scores.as_is.get(q)),
                    score(person.scores.as_run.get(q))
                )
            })
            .collect();
        out.push(format!(
            "| {} | {} |",
            cell(&name_or(&person.name, "(unnamed participant)")),
            cells.join(" | ")
        ));
    }
}

/// Per set and question: mean, min–max, standard deviation and who is far
/// from the mean (a discussion prompt).
fn spread_table(out: &mut Vec<String>, session: &Session, summary: &WorkModelSummary) {
    out.push(String::new());
    out.push("### Spread per question".to_owned());
    out.push(String::new());
    out.push(format!(
        "_Participants {} or more points from the mean are named: ask them why._",
        num(OUTLIER_DISTANCE)
    ));
    out.push(String::new());
    out.push("| Set | Question | Scored by | Mean | Min–max | SD | Far from the mean |".to_owned());
    out.push("|---|---|---:|---:|---|---:|---|".to_owned());
    for set in ScoreSet::ALL {
        for q in Question::ALL {
            let Some(spread) = summary.spread(set, q) else {
                out.push(format!(
                    "| {} | {} | 0 | {NONE} | {NONE} | {NONE} | {NONE} |",
                    set.title(),
                    q.title()
                ));
                continue;
            };
            let far: Vec<String> = spread
                .far
                .iter()
                .map(|(id, score)| {
                    format!("**{}** ({score})", cell(&author_name(session, Some(*id))))
                })
                .collect();
            out.push(format!(
                "| {} | {} | {} | {} | {}–{} | {} | {} |",
                set.title(),
                q.title(),
                spread.n,
                num(spread.mean),
                spread.min,
                spread.max,
                num(spread.std_dev),
                if far.is_empty() {
                    NONE.to_owned()
                } else {
                    far.join(", ")
                }
            ));
        }
    }
}

fn hybrid_section(out: &mut Vec<String>, session: &Session, stats: &Stats) {
    out.push(String::new());
    out.push("## Hybrid score".to_owned());

    out.push(String::new());
    out.push(format!("### Zones ({})", session.zones.len()));
    out.push(String::new());
    if session.zones.is_empty() {
        out.push("_No zones._".to_owned());
    }
    for zone in &session.zones {
        let rhythm = if zone.rhythm == zone.quadrant {
            format!("rhythm **{}**", zone.rhythm.title())
        } else {
            format!(
                "rhythm **{}** (instead of the recommended {})",
                zone.rhythm.title(),
                zone.quadrant.title()
            )
        };
        let principles = inline(&zone.principles);
        let principles = if principles.is_empty() {
            "_no principles yet_".to_owned()
        } else {
            principles
        };
        out.push(format!(
            "- **{}** zone ({}): {rhythm}. Principles: {principles}",
            zone.quadrant.title(),
            zone.quadrant.axes()
        ));
    }

    out.push(String::new());
    out.push(format!("### Airlocks ({})", session.airlocks.len()));
    out.push(String::new());
    if session.airlocks.is_empty() {
        out.push("_No airlocks between zones._".to_owned());
    }
    for airlock in &session.airlocks {
        out.push(format!(
            "- **{}** ({} → {})",
            name_or(&airlock.name, "(unnamed airlock)"),
            airlock.from.title(),
            airlock.to.title()
        ));
        for (what, text) in [
            ("Entry", &airlock.entry),
            ("Exit", &airlock.exit),
            ("Handover", &airlock.handover),
        ] {
            out.push(format!("  - {what}: {}", or_dash(inline(text))));
        }
    }

    let in_progress = session
        .changes
        .iter()
        .filter(|c| c.status == ChangeStatus::InProgress)
        .count();
    out.push(String::new());
    out.push(format!(
        "### Changes ({}, {in_progress} in progress)",
        session.changes.len()
    ));
    out.push(String::new());
    if let Some(warning) = &stats.changes_warning {
        out.push(format!("> ⚠ {warning}"));
        out.push(String::new());
    }
    if session.changes.is_empty() {
        out.push("_No changes planned._".to_owned());
        return;
    }
    out.push("| Change | Owner | Target | Metric | Baseline → target | Status |".to_owned());
    out.push("|---|---|---|---|---|---|".to_owned());
    for change in &session.changes {
        let owner = match &change.owner {
            Owner::Nobody => NONE.to_owned(),
            Owner::Participant(id) => author_name(session, Some(*id)),
            Owner::Named(name) => or_dash(inline(name)),
        };
        let target = match change.target {
            Target::Nothing => NONE.to_owned(),
            Target::Tool(id) => format!("tool {}", tool_name(session, id)),
            Target::Flow(id) => format!("flow {}", flow_name(session, id)),
            Target::Task(id) => format!("task {}", task_title(session, id)),
            Target::Zone(q) => format!("zone {}", q.title()),
        };
        let value = |v: Option<f64>| v.map_or_else(|| NONE.to_owned(), num64);
        let unit = inline(&change.unit);
        let unit = if unit.is_empty() {
            String::new()
        } else {
            format!(" {unit}")
        };
        let status = if change.status == ChangeStatus::InProgress {
            format!("**{}**", change.status.label())
        } else {
            change.status.label().to_owned()
        };
        out.push(format!(
            "| {} | {} | {} | {} | {} → {}{unit} | {status} |",
            cell(&name_or(&change.description, "(no description)")),
            cell(&owner),
            cell(&target),
            cell(&or_dash(inline(&change.metric))),
            value(change.baseline),
            value(change.target_value),
        ));
    }
}

fn vote_section(out: &mut Vec<String>, session: &Session) {
    let Some(vote) = &session.vote else {
        return;
    };
    out.push(String::new());
    out.push("## Dot vote".to_owned());
    out.push(String::new());
    out.push(format!("- **On:** {}", vote.on().title()));
    if !vote.question().trim().is_empty() {
        out.push(format!("- **Question:** {}", inline(vote.question())));
    }
    out.push(format!(
        "- **Dots per participant:** {}",
        vote.dots_per_participant()
    ));
    let allowance = usize::from(vote.dots_per_participant()) * session.participants.len();
    out.push(format!(
        "- **Dots placed:** {} of {allowance} ({})",
        vote.dots().len(),
        count(session.participants.len(), "participant")
    ));
    out.push(format!(
        "- **Totals:** {}",
        if vote.revealed() {
            "revealed in the room"
        } else {
            "not yet revealed in the room"
        }
    ));
    out.push(String::new());
    let totals = session.vote_totals();
    let fallback = format!("(unnamed {})", vote.on().one());
    for (id, dots) in totals.iter().filter(|(_, n)| *n > 0) {
        let text = session.vote_note_text(vote.on(), *id).unwrap_or_default();
        out.push(format!("- {dots} {DOT_GLYPH} {}", name_or(text, &fallback)));
    }
    let without = totals.iter().filter(|(_, n)| *n == 0).count();
    match (without, totals.len()) {
        (_, 0) => out.push(format!("_No {} to vote on._", vote.on().title())),
        (0, _) => {}
        (n, all) if n == all => out.push("_No dots placed yet._".to_owned()),
        (n, _) => out.push(format!(
            "_No dots on {}._",
            count(n, &format!("other {}", vote.on().one()))
        )),
    }
}

fn score(value: Option<u8>) -> String {
    value.map_or_else(|| NONE.to_owned(), |v| v.to_string())
}

/// A mean on the 1–10 scale with at most two decimals and no trailing
/// zeros: `7.5`, `7.25`, `8`.
fn mean(value: Option<f32>) -> String {
    value.map_or_else(|| NONE.to_owned(), num)
}

/// "1 pain point", "3 pain points".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "orchestra pain" → "Orchestra pain".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn or_dash(text: String) -> String {
    if text.is_empty() {
        NONE.to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Airlock, BoardPos, Change, Flow, Participant, SessionHeader, Tool, WorkModel,
        WorkModelScores,
    };

    fn tool(id: u64, name: &str) -> Tool {
        Tool {
            id: Id(id),
            name: name.to_owned(),
            pos: BoardPos::new(0.0, 0.0),
            author: None,
        }
    }

    fn flow(id: u64, from: u64, to: u64, label: &str, share: Option<u8>) -> Flow {
        Flow {
            id: Id(id),
            from: Id(from),
            to: Id(to),
            label: label.to_owned(),
            kind: if share.is_some() {
                FlowKind::Shadow
            } else {
                FlowKind::Designed
            },
            share,
        }
    }

    fn task(id: u64, name: &str, grid: Option<(f32, f32)>) -> Task {
        Task {
            id: Id(id),
            name: name.to_owned(),
            board_pos: None,
            grid: grid.map(|(x, y)| GridPos::new(x, y)),
            ..Task::default()
        }
    }

    fn sample() -> Session {
        Session {
            header: SessionHeader {
                title: "Dev team\nQ1".to_owned(),
                team: "Platform".to_owned(),
                quarter: "2026-Q1".to_owned(),
                date: "2026-02-03".to_owned(),
                facilitator: String::new(),
            },
            tools: vec![tool(1, "Asana"), tool(2, "GitHub"), tool(3, "Slack DMs")],
            flows: vec![
                flow(4, 1, 2, "tasks", None),
                flow(5, 2, 3, "critical task updates", Some(40)),
                flow(6, 3, 99, "", None),
            ],
            tasks: vec![
                task(7, "Production deploy", Some((-0.6, 0.7))),
                task(8, "Security incident", Some((0.6, 0.7))),
                task(9, "Sprint planning", Some((0.03, 0.5))),
                task(10, "Onboarding guide", None),
                task(11, "Invoice formatting", Some((-0.5, -0.5))),
            ],
            scores: WorkModelScores {
                as_is: WorkModel {
                    output: Some(8),
                    process: Some(8),
                    primary_metric: Some(7),
                    individual: Some(7),
                },
                as_run: WorkModel {
                    output: Some(6),
                    process: Some(2),
                    primary_metric: Some(2),
                    individual: None,
                },
            },
            next_id: 12,
            ..Session::default()
        }
    }

    /// The lines of the section whose heading is exactly `heading`, up to
    /// the next heading of any level.
    fn section<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
        text.lines()
            .skip_while(|l| *l != heading)
            .skip(1)
            .take_while(|l| !l.starts_with('#'))
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn header_is_a_title_and_a_field_list() {
        let text = markdown(&sample());
        assert!(
            text.starts_with("# Dev team Q1\n\n- **Team:** Platform\n"),
            "{text}"
        );
        assert!(text.contains("- **Quarter:** 2026-Q1\n"), "{text}");
        assert!(text.contains("- **Date:** 2026-02-03\n"), "{text}");
        assert!(text.contains("- **Facilitator:** —\n"), "{text}");
    }

    #[test]
    fn tools_and_flows_are_listed_with_names_resolved() {
        let text = markdown(&sample());
        assert_eq!(
            section(&text, "## Tools (3)"),
            ["- Asana", "- GitHub", "- Slack DMs"]
        );
        assert_eq!(
            section(&text, "## Flows (3, 1 shadow)"),
            [
                "- Asana → GitHub: tasks",
                "- GitHub → Slack DMs: critical task updates — **shadow**, 40 % of the traffic",
                "- Slack DMs → ?: (no label)",
            ]
        );
    }

    #[test]
    fn tasks_are_grouped_by_quadrant_then_undecided_then_tray() {
        let text = markdown(&sample());
        let orchestra = section(&text, "### Orchestra (Predictable + High-stakes) — 1");
        assert!(orchestra.contains(&"- Production deploy"), "{text}");
        let jam = section(&text, "### Rehearsed Jam (Unpredictable + High-stakes) — 1");
        assert!(jam.contains(&"- Security incident"), "{text}");
        assert!(
            section(&text, "### Jam Session (Unpredictable + Low-stakes) — 0")
                .iter()
                .all(|l| !l.starts_with("- ")),
            "{text}"
        );
        let algorithm = section(&text, "### Algorithm (Predictable + Low-stakes) — 1");
        assert!(algorithm.contains(&"- Invoice formatting"), "{text}");
        let undecided = section(&text, "### Undecided — 1");
        assert!(
            undecided.contains(&"- Sprint planning (predictable or unpredictable?)"),
            "{text}"
        );
        assert!(!orchestra.contains(&"- Sprint planning"), "{text}");
        assert_eq!(
            section(&text, "### In the tray (unplaced) — 1"),
            ["- Onboarding guide"]
        );
        // Quadrants in Quadrant::ALL order, then undecided, then the tray.
        let order: Vec<usize> = [
            "### Orchestra",
            "### Rehearsed Jam",
            "### Jam Session",
            "### Algorithm",
            "### Undecided",
            "### In the tray",
        ]
        .iter()
        .filter_map(|h| text.find(h))
        .collect();
        assert_eq!(order.len(), 6, "{text}");
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    }

    #[test]
    fn work_model_table_marks_big_gaps_and_names_verdicts_per_lens() {
        let text = markdown(&sample());
        let table = section(&text, "## Work model (orchestra-vs-factory)");
        assert!(table.contains(&"| Output | 8 | 6 | 2 |"), "{text}");
        assert!(table.contains(&"| Process | 8 | 2 | **6** ⚠ |"), "{text}");
        assert!(
            table.contains(&"| Primary metric | 7 | 2 | **5** ⚠ |"),
            "{text}"
        );
        assert!(
            table.contains(&"| Role of the individual | 7 | — | — |"),
            "{text}"
        );
        assert!(
            table.contains(&"| **Mean** | **7.5** | **3.33** | |"),
            "{text}"
        );
        assert!(
            table.contains(
                &"| Work model (Factory ↔ Orchestra) | Orchestra-leaning | Factory-leaning |"
            ),
            "{text}"
        );
        assert!(
            table.contains(
                &"| Rhythm (Orchestra ↔ Jam Session) | Jam Session-leaning | Orchestra-leaning |"
            ),
            "{text}"
        );
        assert!(
            table.contains(
                &"| Automation (Algorithm ↔ Orchestra) | Orchestra-leaning | Algorithm-leaning |"
            ),
            "{text}"
        );
    }

    #[test]
    fn an_empty_session_still_has_every_section() {
        let text = markdown(&Session::default());
        for heading in [
            "# Rhythm Diagnosis session",
            "## Tools (0)",
            "## Flows (0, 0 shadow)",
            "## Tasks (0)",
            "### Undecided — 0",
            "### In the tray (unplaced) — 0",
            "| **Mean** | **—** | **—** | |",
            "| Work model (Factory ↔ Orchestra) | — | — |",
        ] {
            assert!(text.contains(heading), "missing {heading:?} in\n{text}");
        }
    }

    fn person(id: u64, name: &str, as_is: [Option<u8>; 4], as_run: [Option<u8>; 4]) -> Participant {
        let model = |v: [Option<u8>; 4]| WorkModel {
            output: v[0],
            process: v[1],
            primary_metric: v[2],
            individual: v[3],
        };
        Participant {
            id: Id(id),
            name: name.to_owned(),
            colour: [0x1F, 0x5F, 0xA8],
            scores: WorkModelScores {
                as_is: model(as_is),
                as_run: model(as_run),
            },
        }
    }

    fn pain(
        id: u64,
        text: &str,
        category: PainCategory,
        hours: Option<f32>,
        attached: Attachment,
        author: Option<u64>,
    ) -> PainPoint {
        PainPoint {
            id: Id(id),
            text: text.to_owned(),
            category,
            hours_per_week: hours,
            attached,
            pos: BoardPos::default(),
            author: author.map(Id),
            reassess: false,
        }
    }

    /// The sample plus two participants and five pain points: on Asana
    /// (orchestra, 3 h), on the 40 % shadow flow (jam, 5 h), on the
    /// designed flow (orchestra, 1.5 h), free-standing (jam, 2 h) and one
    /// not quantified.
    fn with_pains() -> Session {
        let mut s = sample();
        s.participants = vec![
            person(20, "Noor", [Some(8); 4], [Some(3); 4]),
            person(21, "Felix | QA", [Some(6); 4], [Some(2); 4]),
        ];
        s.pain_points = vec![
            pain(
                30,
                "Story points on every sub-task",
                PainCategory::Orchestra,
                Some(3.0),
                Attachment::Tool(Id(1)),
                Some(21),
            ),
            pain(
                31,
                "Updates lost in DMs",
                PainCategory::Jam,
                Some(5.0),
                Attachment::Flow(Id(5)),
                Some(20),
            ),
            pain(
                32,
                "Integration syncs only on merge",
                PainCategory::Orchestra,
                Some(1.5),
                Attachment::Flow(Id(4)),
                None,
            ),
            pain(
                33,
                "Searching for the latest spec",
                PainCategory::Jam,
                Some(2.0),
                Attachment::Free,
                Some(20),
            ),
            pain(
                34,
                "Nobody knows who decides",
                PainCategory::Jam,
                None,
                Attachment::Tool(Id(3)),
                Some(99),
            ),
        ];
        s.next_id = 100;
        s
    }

    #[test]
    fn participants_are_listed_with_the_pain_they_raised() {
        let text = markdown(&with_pains());
        assert_eq!(
            section(&text, "## Participants (2)"),
            [
                "- Noor (colour #1F5FA8): 2 pain points (7 h/week)",
                "- Felix | QA (colour #1F5FA8): 1 pain point (3 h/week)",
            ]
        );
        assert!(
            markdown(&sample()).contains("## Participants (0)\n\n_No participants listed._\n"),
            "{text}"
        );
    }

    #[test]
    fn tools_and_flows_show_their_pain_hours() {
        let text = markdown(&with_pains());
        assert_eq!(
            section(&text, "## Tools (3)"),
            [
                "- Asana — 3 h/week lost (1 pain point)",
                "- GitHub",
                "- Slack DMs — 0 h/week lost (1 pain point)",
            ]
        );
        assert_eq!(
            section(&text, "## Flows (3, 1 shadow)"),
            [
                "- Asana → GitHub: tasks — 1.5 h/week lost (1 pain point)",
                "- GitHub → Slack DMs: critical task updates — **shadow**, 40 % of the traffic \
                 — 5 h/week lost (1 pain point)",
                "- Slack DMs → ?: (no label)",
            ]
        );
    }

    #[test]
    fn pain_points_are_totalled_ranked_and_grouped_by_category() {
        let text = markdown(&with_pains());
        // 3 + 5 + 1.5 + 2 = 11.5 h/week; 5 of them on the shadow flow.
        assert_eq!(
            section(&text, "## Pain points (5, 11.5 h/week)"),
            [
                "| Category | Pain points | Hours/week |",
                "|---|---:|---:|",
                "| ■ Orchestra pain | 2 | 4.5 |",
                "| ≈ Jam pain | 3 | 7 |",
                "| **Total** | **5** | **11.5** |",
                "**Share of hours on shadow flows:** 43.5 % (5 of 11.5 h/week)",
            ]
        );
        assert_eq!(
            section(&text, "### Tools with most hours lost"),
            ["1. Asana — 3 h/week"]
        );
        assert_eq!(
            section(&text, "### Flows with most hours lost"),
            [
                "1. GitHub → Slack DMs: critical task updates — 5 h/week (shadow)",
                "2. Asana → GitHub: tasks — 1.5 h/week",
            ]
        );
        assert_eq!(
            section(&text, "### ■ Orchestra pain (2, 4.5 h/week)"),
            [
                "- Story points on every sub-task — 3 h/week · on tool Asana · by Felix | QA",
                "- Integration syncs only on merge — 1.5 h/week · on flow Asana → GitHub: tasks",
            ]
        );
        assert_eq!(
            section(&text, "### ≈ Jam pain (3, 7 h/week)"),
            [
                "- Updates lost in DMs — 5 h/week · on shadow flow GitHub → Slack DMs: \
                 critical task updates · by Noor",
                "- Searching for the latest spec — 2 h/week · free-standing · by Noor",
                "- Nobody knows who decides — hours not quantified · on tool Slack DMs · by ?",
            ]
        );
    }

    #[test]
    fn no_pain_points_is_said_once() {
        let text = markdown(&sample());
        assert_eq!(
            section(&text, "## Pain points (0, 0 h/week)"),
            ["_No pain points raised._"]
        );
        assert!(!text.contains("### Tools with most hours lost"), "{text}");
    }

    fn lenses(s: &mut Session, id: u64, answers: [Option<bool>; 4], way: Option<UnexpectedWay>) {
        let task = s.tasks.iter_mut().find(|t| t.id == Id(id)).unwrap();
        for (i, a) in answers.into_iter().enumerate() {
            task.automation.set(i, a);
        }
        task.unexpected = way;
    }

    #[test]
    fn tasks_show_their_label_lean_and_disagreement() {
        let (y, n) = (Some(true), Some(false));
        let mut s = sample();
        // Production deploy: A, lean Orchestra, in Orchestra — agrees.
        lenses(&mut s, 7, [n, n, y, y], Some(UnexpectedWay::Failure));
        // Invoice formatting: O in Algorithm — disagrees.
        lenses(&mut s, 11, [y, y, n, n], Some(UnexpectedWay::Success));
        // Sprint planning (undecided): hybrid, unanswered.
        lenses(&mut s, 9, [y, n, y, n], None);
        // A task in Jam Session — disagrees.
        s.tasks.push(task(12, "Spike", Some((0.5, -0.5))));
        lenses(&mut s, 12, [n, n, y, None], None);
        let text = markdown(&s);
        assert!(
            text.contains(
                "_Automation check (orchestra-vs-algorithm): 1 O, 2 A, 1 hybrid, 2 not checked; \
                 2 disagree with their quadrant._"
            ),
            "{text}"
        );
        assert!(
            text.contains(": 1 lean Jam, 1 lean Orchestra, 4 unanswered._"),
            "{text}"
        );
        assert!(
            section(&text, "### Orchestra (Predictable + High-stakes) — 1")
                .contains(&"- Production deploy — **A** · lean Orchestra"),
            "{text}"
        );
        assert!(
            section(&text, "### Algorithm (Predictable + Low-stakes) — 1").contains(
                &"- Invoice formatting — **O** · lean Jam · ⚠ label disagrees with the quadrant"
            ),
            "{text}"
        );
        assert!(
            section(&text, "### Jam Session (Unpredictable + Low-stakes) — 1")
                .contains(&"- Spike — **A** · ⚠ label disagrees with the quadrant"),
            "{text}"
        );
        assert!(
            section(&text, "### Undecided — 1")
                .contains(&"- Sprint planning (predictable or unpredictable?) — **hybrid**"),
            "{text}"
        );
        assert_eq!(
            section(
                &text,
                "### Automation label disagrees with the quadrant — 2"
            ),
            [
                "_An A task in an unpredictable quadrant, or an O task in Algorithm: discuss._",
                "- Invoice formatting: **O** in Algorithm",
                "- Spike: **A** in Jam Session",
            ]
        );
    }

    #[test]
    fn participants_scores_give_means_spread_and_outliers() {
        let mut s = sample();
        // Output as it is: 8, 8, 9, 3 → mean 7, sd √5.5 = 2.35, Bea is 4
        // away. Process as run: 2 and 6 → mean 4, gap with as-is 9 = 5.
        s.participants = vec![
            person(
                20,
                "Ann",
                [Some(8), Some(9), None, None],
                [Some(6), Some(2), None, None],
            ),
            person(
                21,
                "Bo",
                [Some(8), Some(9), None, None],
                [Some(6), Some(6), None, None],
            ),
            person(
                22,
                "Cy",
                [Some(9), Some(9), None, None],
                [Some(6), None, None, None],
            ),
            person(
                23,
                "Bea",
                [Some(3), Some(9), None, None],
                [Some(6), None, None, None],
            ),
        ];
        let text = markdown(&s);
        let table = section(&text, "## Work model (orchestra-vs-factory)");
        assert!(
            table.contains(
                &"_Scores: the mean of the participants' own scores (4 participants scored)._"
            ),
            "{text}"
        );
        assert!(table.contains(&"| Output | 7 | 6 | 1 |"), "{text}");
        assert!(table.contains(&"| Process | 9 | 4 | **5** ⚠ |"), "{text}");
        assert!(table.contains(&"| Primary metric | — | — | — |"), "{text}");
        assert!(table.contains(&"| **Mean** | **8** | **5** | |"), "{text}");
        let scores = section(
            &text,
            "### Participants' scores (the work as it is / how we run it now)",
        );
        assert!(
            scores.contains(&"| Bea | 3 / 6 | 9 / — | — / — | — / — |"),
            "{text}"
        );
        let spread = section(&text, "### Spread per question");
        assert!(
            spread.contains(&"| The work as it is | Output | 4 | 7 | 3–9 | 2.35 | **Bea** (3) |"),
            "{text}"
        );
        assert!(
            spread.contains(&"| How we run it now | Process | 2 | 4 | 2–6 | 2 | — |"),
            "{text}"
        );
        assert!(
            spread.contains(&"| How we run it now | Primary metric | 0 | — | — | — | — |"),
            "{text}"
        );
        // The consensus sliders are ignored once participants scored.
        assert!(!table.contains(&"| Output | 8 | 6 | 2 |"), "{text}");
    }

    #[test]
    fn consensus_scores_have_no_spread_table() {
        let text = markdown(&sample());
        assert!(
            text.contains("_Scores: the team consensus (no participant has scored)._"),
            "{text}"
        );
        assert!(!text.contains("### Spread per question"), "{text}");
    }

    fn change(id: u64, description: &str, status: ChangeStatus) -> Change {
        Change {
            id: Id(id),
            description: description.to_owned(),
            status,
            ..Change::default()
        }
    }

    #[test]
    fn the_hybrid_score_lists_zones_airlocks_and_changes() {
        let mut s = with_pains();
        if let Some(zone) = s
            .zones
            .iter_mut()
            .find(|z| z.quadrant == Quadrant::JamSession)
        {
            zone.principles = "All exploratory work starts\non the team board".to_owned();
        }
        if let Some(zone) = s
            .zones
            .iter_mut()
            .find(|z| z.quadrant == Quadrant::Algorithm)
        {
            zone.rhythm = Quadrant::Orchestra;
        }
        s.airlocks = vec![Airlock {
            id: Id(40),
            name: "Spike → roadmap".to_owned(),
            from: Quadrant::JamSession,
            to: Quadrant::Orchestra,
            entry: "A write-up".to_owned(),
            exit: String::new(),
            handover: "Spec + epic".to_owned(),
        }];
        s.changes = vec![
            Change {
                owner: Owner::Participant(Id(20)),
                target: Target::Flow(Id(5)),
                metric: "share of critical updates outside Asana".to_owned(),
                unit: "%".to_owned(),
                baseline: Some(40.0),
                target_value: Some(5.0),
                ..change(41, "Updates go to Asana", ChangeStatus::InProgress)
            },
            Change {
                owner: Owner::Named("Head of Engineering".to_owned()),
                target: Target::Zone(Quadrant::Orchestra),
                metric: "cycle time".to_owned(),
                unit: "days".to_owned(),
                baseline: Some(14.0),
                target_value: Some(5.0),
                ..change(42, "One pipeline", ChangeStatus::Done)
            },
            Change {
                target: Target::Task(Id(7)),
                baseline: Some(2.5),
                ..change(43, "Automate deploys", ChangeStatus::Planned)
            },
        ];
        let text = markdown(&s);
        assert_eq!(
            section(&text, "### Zones (4)"),
            [
                "- **Orchestra** zone (Predictable + High-stakes): rhythm **Orchestra**. \
                 Principles: _no principles yet_",
                "- **Rehearsed Jam** zone (Unpredictable + High-stakes): rhythm **Rehearsed Jam**. \
                 Principles: _no principles yet_",
                "- **Jam Session** zone (Unpredictable + Low-stakes): rhythm **Jam Session**. \
                 Principles: All exploratory work starts on the team board",
                "- **Algorithm** zone (Predictable + Low-stakes): rhythm **Orchestra** (instead \
                 of the recommended Algorithm). Principles: _no principles yet_",
            ]
        );
        assert_eq!(
            section(&text, "### Airlocks (1)"),
            [
                "- **Spike → roadmap** (Jam Session → Orchestra)",
                "  - Entry: A write-up",
                "  - Exit: —",
                "  - Handover: Spec + epic",
            ]
        );
        assert_eq!(
            section(&text, "### Changes (3, 1 in progress)"),
            [
                "| Change | Owner | Target | Metric | Baseline → target | Status |",
                "|---|---|---|---|---|---|",
                "| Updates go to Asana | Noor | flow GitHub → Slack DMs: critical task updates \
                 | share of critical updates outside Asana | 40 → 5 % | **in progress** |",
                "| One pipeline | Head of Engineering | zone Orchestra | cycle time | 14 → 5 days \
                 | done |",
                "| Automate deploys | — | task Production deploy | — | 2.5 → — | planned |",
            ]
        );
        assert!(!text.contains("one change at a time"), "{text}");

        // A second change in progress raises the warning.
        s.changes[2].status = ChangeStatus::InProgress;
        let text = markdown(&s);
        let changes = section(&text, "### Changes (3, 2 in progress)");
        assert_eq!(
            changes.first().copied(),
            Some(
                "> ⚠ 2 changes are in progress: implement one change at a time and measure \
                 its impact"
            ),
            "{text}"
        );
    }

    #[test]
    fn an_empty_hybrid_score_says_so() {
        let text = markdown(&Session::default());
        assert_eq!(
            section(&text, "### Airlocks (0)"),
            ["_No airlocks between zones._"]
        );
        assert_eq!(
            section(&text, "### Changes (0, 0 in progress)"),
            ["_No changes planned._"]
        );
        assert_eq!(section(&text, "### Zones (4)").len(), 4, "{text}");
    }

    #[test]
    fn csv_has_one_row_per_note() {
        let mut s = with_pains();
        s.tools[0].author = Some(Id(20));
        s.tasks[1].name = "Security, \"incident\"".to_owned();
        let text = csv(&s).expect("csv");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(
            reader.headers().expect("header").iter().collect::<Vec<_>>(),
            CSV_HEADER
        );
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.expect("row").iter().map(str::to_owned).collect())
            .collect();
        // 3 tools + 5 tasks + 5 pain points.
        assert_eq!(rows.len(), 13, "{text}");
        let row = |i: usize| rows[i].iter().map(String::as_str).collect::<Vec<_>>();
        assert_eq!(row(0), ["tool", "Asana", "", "", "", "", "Noor"]);
        assert_eq!(
            row(3),
            ["task", "Production deploy", "", "", "", "Orchestra", ""]
        );
        assert_eq!(
            row(4),
            [
                "task",
                "Security, \"incident\"",
                "",
                "",
                "",
                "Rehearsed Jam",
                ""
            ]
        );
        assert_eq!(
            row(5),
            ["task", "Sprint planning", "", "", "", "undecided", ""]
        );
        assert_eq!(row(6), ["task", "Onboarding guide", "", "", "", "", ""]);
        assert_eq!(
            row(8),
            [
                "pain point",
                "Story points on every sub-task",
                "orchestra pain",
                "3",
                "Asana",
                "",
                "Felix | QA"
            ]
        );
        assert_eq!(
            row(9),
            [
                "pain point",
                "Updates lost in DMs",
                "jam pain",
                "5",
                "GitHub → Slack DMs: critical task updates",
                "",
                "Noor"
            ]
        );
        assert_eq!(
            row(10),
            [
                "pain point",
                "Integration syncs only on merge",
                "orchestra pain",
                "1.5",
                "Asana → GitHub: tasks",
                "",
                ""
            ]
        );
        assert_eq!(
            row(11),
            [
                "pain point",
                "Searching for the latest spec",
                "jam pain",
                "2",
                "",
                "",
                "Noor"
            ]
        );
        assert_eq!(
            row(12),
            [
                "pain point",
                "Nobody knows who decides",
                "jam pain",
                "",
                "Slack DMs",
                "",
                "?"
            ]
        );
        // The hours column sums to the report's total.
        let total: f32 = rows.iter().filter_map(|r| r[3].parse::<f32>().ok()).sum();
        assert_eq!(total, 11.5);
        assert!(
            text.starts_with("kind,text,category,hours_per_week,attached_to,quadrant,author\n")
        );
        assert!(text.contains("\"Security, \"\"incident\"\"\""), "{text}");
    }

    #[test]
    fn csv_of_an_empty_session_is_the_header() {
        assert_eq!(
            csv(&Session::default()).expect("csv"),
            "kind,text,category,hours_per_week,attached_to,quadrant,author\n"
        );
    }
}
