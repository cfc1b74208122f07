//! The task typology (Step 3): tasks per quadrant with their automation
//! label and lean, the undecided, the tray, the disagreements.

use std::collections::HashSet;

use crate::model::{
    GridPos, Id, Placement, Quadrant, Session, Stats, Task, UNDECIDED_BAND, UnexpectedWay,
};

pub(super) fn tasks_section(out: &mut Vec<String>, session: &Session, stats: &Stats) {
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
        let mut text = format!("{} ({near})", task.display_name());
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
            session.task_name(*id),
            label.short(),
            quadrant.title()
        ));
    }
}

/// "name — **A** · lean Jam · ⚠ disagrees with the quadrant", the parts
/// present only when answered.
fn task_line(task: &Task, disagrees: bool) -> String {
    format!("{}{}", task.display_name(), lenses_suffix(task, disagrees))
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

/// Which axis an undecided position sits on, in words.
fn undecided_axis(grid: GridPos) -> &'static str {
    let p = grid.clamped();
    let on_predictability = p.predictability.abs() < UNDECIDED_BAND;
    let on_stakes = p.stakes.abs() < UNDECIDED_BAND;
    match (on_predictability, on_stakes) {
        (true, true) => "at the centre",
        (true, false) => "predictable or unpredictable?",
        _ => "low- or high-stakes?",
    }
}
