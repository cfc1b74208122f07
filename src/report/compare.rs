//! `rhythm compare --report`: the comparison of quarters (METHOD.md,
//! "Comparing quarters") as Markdown, from the model's
//! [`Comparison`] data.

use super::cell;
use crate::format::{NONE, metric_line, num, signed, signed1};
use crate::model::{
    BeforeAfter, ChangeStatus, Comparison, Placement, SessionDiff, WorkModelSummary, one_line_or,
};

/// The comparison as Markdown, for `rhythm compare --report`: a title with
/// the sessions oldest first; a trend table when there are three or more;
/// then one `##` section per consecutive pair and, with three or more, one
/// for first → last. Each section lists tools and flows added, removed and
/// renamed, shadow flows closed and opened, tasks that moved quadrant,
/// hours lost per week per category and per tool (before, after, delta,
/// percent), the work-model values and gaps per question, and the changes
/// with their metric and status. Missing values show as `—`.
pub fn markdown(comparison: &Comparison) -> String {
    let mut out = Vec::new();
    out.push("# Comparing quarters".to_owned());
    out.push(String::new());
    for (n, s) in comparison.sessions.iter().enumerate() {
        let title = if s.label.title.is_empty() {
            String::new()
        } else {
            format!(": {}", s.label.title)
        };
        out.push(format!("{}. {}{title}", n + 1, s.label.short()));
    }
    if comparison.sessions.len() > 2 {
        trend_section(&mut out, comparison);
    }
    for step in &comparison.steps {
        diff_section(&mut out, step, "");
    }
    if let Some(overall) = &comparison.overall {
        diff_section(&mut out, overall, " (first to last)");
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn trend_section(out: &mut Vec<String>, comparison: &Comparison) {
    out.push(String::new());
    out.push("## Trend".to_owned());
    out.push(String::new());
    out.push(
        "| Quarter | Tools | Flows | Shadow flows | Hours lost (h/week) | Orchestra pain | Jam pain |"
            .to_owned(),
    );
    out.push("|---|---:|---:|---:|---:|---:|---:|".to_owned());
    for s in &comparison.sessions {
        let [orchestra, jam] = s.hours_per_category;
        out.push(format!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(&s.label.short()),
            s.tools,
            s.flows,
            s.shadow_flows,
            num(s.hours_total),
            num(orchestra),
            num(jam)
        ));
    }
}

fn diff_section(out: &mut Vec<String>, d: &SessionDiff, suffix: &str) {
    out.push(String::new());
    out.push(format!(
        "## {} → {}{suffix}",
        d.before.short(),
        d.after.short()
    ));
    out.push(String::new());
    out.push(format!(
        "- **Hours lost:** {} → {} h/week ({})",
        num(d.hours.total.before),
        num(d.hours.total.after),
        delta_text(d.hours.total)
    ));
    out.push(format!(
        "- **Shadow flows:** {} → {} ({} closed, {} opened)",
        d.shadow_count.before,
        d.shadow_count.after,
        d.shadow_closed.len(),
        d.shadow_opened.len()
    ));
    out.push(format!(
        "- **Tasks that moved quadrant:** {}",
        d.moved_tasks.len()
    ));
    out.push(format!(
        "- **Changes done since {}:** {}",
        d.before.short(),
        d.done_since().count()
    ));

    for (title, e) in [
        ("Tools", &d.tools),
        ("Flows", &d.flows),
        ("Tasks", &d.tasks),
    ] {
        out.push(String::new());
        out.push(format!(
            "### {title} ({} → {})",
            e.count.before, e.count.after
        ));
        out.push(String::new());
        if e.is_empty() {
            out.push("_No change._".to_owned());
        }
        for n in &e.added {
            out.push(format!("- added: {}", n.name));
        }
        for n in &e.removed {
            out.push(format!("- removed: {}", n.name));
        }
        for r in &e.renamed {
            out.push(format!("- renamed: {} → {}", r.before, r.after));
        }
    }

    out.push(String::new());
    out.push(format!(
        "### Shadow flows ({} → {})",
        d.shadow_count.before, d.shadow_count.after
    ));
    out.push(String::new());
    if d.shadow_closed.is_empty() && d.shadow_opened.is_empty() {
        out.push("_No shadow flow closed or opened._".to_owned());
    }
    let share = |s: Option<u8>| s.map_or_else(String::new, |s| format!(", {s} %"));
    for c in &d.shadow_closed {
        out.push(format!(
            "- closed ({}{}): {}",
            c.how.label(),
            share(c.share),
            c.flow
        ));
    }
    for c in &d.shadow_opened {
        out.push(format!(
            "- opened ({}{}): {}",
            c.how.label(),
            share(c.share),
            c.flow
        ));
    }

    out.push(String::new());
    out.push(format!(
        "### Tasks that moved quadrant ({})",
        d.moved_tasks.len()
    ));
    out.push(String::new());
    if d.moved_tasks.is_empty() {
        out.push("_No task moved._".to_owned());
    }
    for m in &d.moved_tasks {
        let fits = match m.fits {
            Some(true) => " — fits its automation label",
            Some(false) => " — **disagrees with its automation label**",
            None => "",
        };
        out.push(format!(
            "- {}: {} → {}{fits}",
            m.name,
            place_label(m.from_place),
            place_label(m.to_place)
        ));
    }

    out.push(String::new());
    out.push("### Hours lost per week".to_owned());
    out.push(String::new());
    out.push("| | Before (h/week) | After (h/week) | Change | % |".to_owned());
    out.push("|---|---:|---:|---:|---:|".to_owned());
    let mut row = |name: String, h: BeforeAfter<f32>| {
        out.push(format!(
            "| {} | {} | {} | {} | {} |",
            cell(&name),
            num(h.before),
            num(h.after),
            signed(h.delta()),
            h.percent()
                .map_or_else(|| NONE.to_owned(), |p| signed1(p) + " %")
        ));
    };
    row("**Total**".to_owned(), d.hours.total);
    for (c, h) in &d.hours.per_category {
        row(format!("{} {}", c.marker(), c.title()), *h);
    }
    row("on shadow flows".to_owned(), d.hours.on_shadow_flows);
    for (tool, h) in &d.hours.per_tool {
        row(format!("tool: {tool}"), *h);
    }

    out.push(String::new());
    out.push("### Work model (orchestra-vs-factory)".to_owned());
    out.push(String::new());
    out.push(
        "| Question | As it is (before → after) | As run (before → after) | Gap before | Gap after |"
            .to_owned(),
    );
    out.push("|---|---|---|---:|---:|".to_owned());
    for q in &d.work_model.questions {
        out.push(format!(
            "| {} | {} → {} | {} → {} | {} | {} |",
            q.question.title(),
            opt(q.as_is.before),
            opt(q.as_is.after),
            opt(q.as_run.before),
            opt(q.as_run.after),
            gap(q.gap.before),
            gap(q.gap.after)
        ));
    }
    out.push(format!(
        "| Mean | {} → {} | {} → {} | | |",
        opt(d.work_model.mean_as_is.before),
        opt(d.work_model.mean_as_is.after),
        opt(d.work_model.mean_as_run.before),
        opt(d.work_model.mean_as_run.after)
    ));

    out.push(String::new());
    out.push(format!("### Changes ({})", d.changes.len()));
    out.push(String::new());
    if d.changes.is_empty() {
        out.push("_No changes recorded._".to_owned());
    }
    for c in &d.changes {
        let status = match c.status.before {
            Some(b) if Some(b) != c.status.after => format!(
                "{} → {}",
                b.label(),
                c.status.after.map_or(NONE, ChangeStatus::label)
            ),
            Some(b) => b.label().to_owned(),
            None => format!("new, {}", c.status.after.map_or(NONE, ChangeStatus::label)),
        };
        let done = if c.done_since() { "**done** — " } else { "" };
        out.push(format!(
            "- {done}{}: {} ({status})",
            one_line_or(&c.description, "(no description)"),
            metric_line(c)
        ));
    }
}

fn place_label(place: Option<Placement>) -> &'static str {
    place.map_or("tray", Placement::label)
}

fn delta_text(h: BeforeAfter<f32>) -> String {
    match h.percent() {
        Some(p) => format!("{} h/week, {} %", signed(h.delta()), signed1(p)),
        None => format!("{} h/week", signed(h.delta())),
    }
}

fn opt(v: Option<f32>) -> String {
    v.map_or_else(|| NONE.to_owned(), num)
}

fn gap(v: Option<f32>) -> String {
    match v {
        Some(g) if WorkModelSummary::is_misaligned(g) => format!("⚠ {}", signed(g)),
        Some(g) => signed(g),
        None => NONE.to_owned(),
    }
}
