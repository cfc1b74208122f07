//! `rhythm report`: a Markdown summary of one session — header, tool map
//! (Step 1), task typology (Step 3) and the work-model scores
//! (orchestra-vs-factory lens), as described in METHOD.md.

use crate::model::{
    FlowKind, GridPos, Id, Lens, Placement, Quadrant, Question, ScoreSet, Session, Task,
    UNDECIDED_BAND, WorkModelSummary,
};

/// Shown for an empty field, an unscored question or a missing value.
const NONE: &str = "—";

/// The session as Markdown, one section per step:
///
/// - `# title` and the header fields (team, quarter, date, facilitator);
/// - `## Tools (N)`;
/// - `## Flows (N, S shadow)`: `from → to: label`, shadow flows marked
///   `**shadow**` with their share (percent 0–100) when known; a flow whose
///   tool is missing shows it as `?`;
/// - `## Tasks (N)`: one `###` section per quadrant in [`Quadrant::ALL`]
///   order, then the undecided tasks and the ones still in the tray;
/// - `## Work model (orchestra-vs-factory)`: a table of both score sets
///   (1–10) with the gap per question (gaps of at least
///   [`crate::model::GAP_HIGHLIGHT`] points marked ⚠), the means, and the
///   verdict of each set in every lens's own words.
///
/// Never fails: empty fields and unscored questions show as `—`.
pub fn markdown(session: &Session) -> String {
    let mut out = Vec::new();
    header_section(&mut out, session);
    tools_section(&mut out, session);
    flows_section(&mut out, session);
    tasks_section(&mut out, session);
    work_model_section(&mut out, session);
    let mut text = out.join("\n");
    text.push('\n');
    text
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

fn tools_section(out: &mut Vec<String>, session: &Session) {
    out.push(String::new());
    out.push(format!("## Tools ({})", session.tools.len()));
    out.push(String::new());
    if session.tools.is_empty() {
        out.push("_No tools listed._".to_owned());
    }
    for tool in &session.tools {
        out.push(format!("- {}", name_or(&tool.name, "(unnamed tool)")));
    }
}

fn flows_section(out: &mut Vec<String>, session: &Session) {
    let shadow = session
        .flows
        .iter()
        .filter(|f| f.kind == FlowKind::Shadow)
        .count();
    out.push(String::new());
    out.push(format!(
        "## Flows ({}, {shadow} shadow)",
        session.flows.len()
    ));
    out.push(String::new());
    if session.flows.is_empty() {
        out.push("_No flows mapped._".to_owned());
    }
    for flow in &session.flows {
        let label = name_or(&flow.label, "(no label)");
        let mut line = format!(
            "- {} → {}: {label}",
            tool_name(session, flow.from),
            tool_name(session, flow.to)
        );
        if flow.kind == FlowKind::Shadow {
            line.push_str(" — **shadow**");
            if let Some(share) = flow.share {
                line.push_str(&format!(", {share} % of the traffic"));
            }
        }
        out.push(line);
    }
}

fn tool_name(session: &Session, id: Id) -> String {
    session
        .tool(id)
        .map_or_else(|| "?".to_owned(), |t| name_or(&t.name, "(unnamed tool)"))
}

fn tasks_section(out: &mut Vec<String>, session: &Session) {
    out.push(String::new());
    out.push(format!("## Tasks ({})", session.tasks.len()));
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
            tasks.len()
        ));
        out.push(String::new());
        out.push(format!("_Recommended rhythm: {}._", quadrant.advice()));
        if !tasks.is_empty() {
            out.push(String::new());
        }
        for task in tasks {
            out.push(format!("- {}", task_name(task)));
        }
    }

    let undecided: Vec<&Task> = session
        .tasks
        .iter()
        .filter(|t| t.placement() == Some(Placement::Undecided))
        .collect();
    out.push(String::new());
    out.push(format!("### Undecided — {}", undecided.len()));
    out.push(String::new());
    out.push("_On or near an axis: to be discussed._".to_owned());
    if !undecided.is_empty() {
        out.push(String::new());
    }
    for task in undecided {
        let near = task.grid.map_or("", undecided_axis);
        out.push(format!("- {} ({near})", task_name(task)));
    }

    let tray: Vec<&Task> = session.tasks.iter().filter(|t| t.grid.is_none()).collect();
    out.push(String::new());
    out.push(format!("### In the tray (unplaced) — {}", tray.len()));
    if !tray.is_empty() {
        out.push(String::new());
    }
    for task in tray {
        out.push(format!("- {}", task_name(task)));
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

fn work_model_section(out: &mut Vec<String>, session: &Session) {
    let scores = &session.scores;
    let summary = WorkModelSummary::of(scores);
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
    out.push(format!(
        "| Question | {} | {} | Gap |",
        as_is.title(),
        as_run.title()
    ));
    out.push("|---|---:|---:|---:|".to_owned());
    for (question, gap) in Question::ALL.into_iter().zip(summary.gaps) {
        let gap = match gap {
            Some(g) if WorkModelSummary::is_misaligned(g) => format!("**{g}** ⚠"),
            Some(g) => g.to_string(),
            None => NONE.to_owned(),
        };
        out.push(format!(
            "| {} | {} | {} | {gap} |",
            question.title(),
            score(scores.as_is.get(question)),
            score(scores.as_run.get(question)),
        ));
    }
    out.push(format!(
        "| **Mean** | **{}** | **{}** | |",
        mean(summary.mean(as_is)),
        mean(summary.mean(as_run))
    ));
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

fn score(value: Option<u8>) -> String {
    value.map_or_else(|| NONE.to_owned(), |v| v.to_string())
}

/// A mean on the 1–10 scale with at most two decimals and no trailing
/// zeros: `7.5`, `7.25`, `8`.
fn mean(value: Option<f32>) -> String {
    let Some(v) = value else {
        return NONE.to_owned();
    };
    let text = format!("{v:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Free text on one line: line breaks and runs of white space become one
/// space, so a name cannot break the Markdown structure.
fn inline(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn name_or(text: &str, fallback: &str) -> String {
    let text = inline(text);
    if text.is_empty() {
        fallback.to_owned()
    } else {
        text
    }
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
    use crate::model::{BoardPos, Flow, SessionHeader, Tool, WorkModel, WorkModelScores};

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
}
