//! The live scoring panel: tasks per quadrant, tool-map figures, Step 2's
//! pain hours, the work-model spectrum (orchestra-vs-factory) with the
//! participants' spread, the automation check (orchestra-vs-algorithm), the
//! single diagnostic question (orchestra-and-jam-session), and how the
//! three lenses' labels line up (METHOD.md, "The diagnostic lenses").
//!
//! Read from the back of a room: figures are [`theme::FIGURE_FONT`], lines
//! are short and wrap, and the panel never grows wider than its parent.

use egui::{RichText, Ui};

use super::participants;
use super::theme;
use crate::format;
use crate::model::{
    Edit, FlowKind, Lens, PainCategory, Quadrant, Question, ScoreSet, ScoreSource, Session, Stats,
    Task, Tool, UnexpectedWay, Verdict, WorkModelSummary,
};

/// Show the panel for `stats` (computed from `session` by the caller,
/// once per change); consensus score changes go to `out` as
/// [`Edit::SetScore`].
pub fn ui(ui: &mut Ui, session: &Session, stats: &Stats, out: &mut Vec<Edit>) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading("Live score");
        ui.add_space(4.0);
        quadrants_ui(ui, stats);
        ui.separator();
        tool_map_ui(ui, stats);
        ui.separator();
        pain_ui(ui, session, stats);
        ui.separator();
        work_model_summary_ui(ui, session, stats);
        ui.separator();
        automation_ui(ui, session, stats);
        ui.separator();
        single_question_ui(ui, stats);
        ui.separator();
        lenses_ui(ui);
        ui.separator();
        match stats.work_model.source {
            ScoreSource::Consensus => score_entry_ui(ui, session, out),
            ScoreSource::Participants => {
                egui::CollapsingHeader::new("Team consensus (fallback)")
                    .id_salt("consensus sliders")
                    .default_open(false)
                    .show(ui, |ui| {
                        caption(
                            ui,
                            "Not used while participants have scored: \
                             their scores drive the figures above.",
                        );
                        score_entry_ui(ui, session, out);
                    });
            }
        }
    });
}

fn figure(ui: &mut Ui, text: String) {
    ui.label(RichText::new(text).size(theme::FIGURE_FONT));
}

/// A figure that asks for attention: warning colour *and* its text (which
/// callers start with ⚠ or end with "discuss"), never colour alone.
fn alert(ui: &mut Ui, text: String) {
    ui.label(
        RichText::new(text)
            .size(theme::FIGURE_FONT)
            .color(theme::WARNING_INK),
    );
}

fn caption(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).size(theme::CAPTION_FONT));
}

/// Hours per week as shown: "3 h/week", "2.5 h/week".
fn hours(h: f32) -> String {
    format!("{} h/week", format::hours(h))
}

fn quadrants_ui(ui: &mut Ui, stats: &Stats) {
    ui.label(RichText::new("Tasks per quadrant").strong());
    for q in Quadrant::ALL {
        figure(ui, format!("{}: {}", q.title(), stats.in_quadrant(q)));
    }
    let undecided = format!("Undecided: {}", stats.undecided);
    if stats.undecided > 0 {
        ui.label(
            RichText::new(format!("? {undecided} (discuss)"))
                .size(theme::FIGURE_FONT)
                .color(theme::WARNING_INK),
        );
    } else {
        figure(ui, undecided);
    }
    figure(ui, format!("In the tray: {}", stats.unplaced));
}

fn tool_map_ui(ui: &mut Ui, stats: &Stats) {
    ui.label(RichText::new("Tool map").strong());
    figure(ui, format!("Tools: {}", stats.tools));
    figure(ui, format!("Flows: {}", stats.flows));
    let share = stats
        .mean_shadow_share
        .map(|s| format!(" · mean share {s:.0} %"))
        .unwrap_or_default();
    ui.label(
        RichText::new(format!("⚠ Shadow flows: {}{share}", stats.shadow_flows))
            .size(theme::FIGURE_FONT)
            .color(if stats.shadow_flows > 0 {
                theme::FLOW_SHADOW
            } else {
                theme::INK
            }),
    );
}

/// Step 2 (Pain Point Symphony): hours per category, the tools and flows
/// costing most, and the share of hours lost on shadow flows.
fn pain_ui(ui: &mut Ui, session: &Session, stats: &Stats) {
    let pain = &stats.pain;
    ui.label(RichText::new("Pain points: hours lost").strong());
    for category in PainCategory::ALL {
        figure(
            ui,
            format!(
                "{} {}: {}",
                category.marker(),
                category.title(),
                hours(pain.hours(category))
            ),
        );
    }
    if pain.count == 0 {
        caption(ui, "No pain points yet (Step 2).");
        return;
    }
    let top_tools = pain.top_tools();
    if !top_tools.is_empty() {
        ui.label(RichText::new("Tools with most hours").strong());
        for (id, h) in top_tools {
            let name = session
                .tool(id)
                .map_or_else(|| format!("(removed {id})"), Tool::display_name);
            figure(ui, format!("{name}: {}", hours(h)));
        }
    }
    let top_flows = pain.top_flows();
    if !top_flows.is_empty() {
        ui.label(RichText::new("Flows with most hours").strong());
        for (id, h) in top_flows {
            let Some(flow) = session.flow(id) else {
                figure(ui, format!("(removed {id}): {}", hours(h)));
                continue;
            };
            let text = format!("{}: {}", session.flow_ends(flow), hours(h));
            let response = if flow.kind == FlowKind::Shadow {
                ui.label(
                    RichText::new(format!("⚠ {text}"))
                        .size(theme::FIGURE_FONT)
                        .color(theme::FLOW_SHADOW),
                )
            } else {
                ui.label(RichText::new(text).size(theme::FIGURE_FONT))
            };
            response.on_hover_text(format!("{} flow: {}", flow.kind.label(), flow.label));
        }
    }
    if let Some(share) = pain.shadow_share() {
        let text = format!("On shadow flows: {share:.0} % of hours");
        if share > 0.0 {
            ui.label(
                RichText::new(format!("⚠ {text}"))
                    .size(theme::FIGURE_FONT)
                    .color(theme::FLOW_SHADOW),
            );
        } else {
            figure(ui, text);
        }
    }
}

fn work_model_summary_ui(ui: &mut Ui, session: &Session, stats: &Stats) {
    ui.label(RichText::new("Work model: 1 Factory … 10 Orchestra").strong());
    let summary = &stats.work_model;
    match summary.source {
        ScoreSource::Participants => {
            let scored = session.participants_scored();
            caption(
                ui,
                &format!(
                    "Source: participants' means ({scored} of {} scored)",
                    session.participants.len()
                ),
            );
        }
        ScoreSource::Consensus => caption(ui, "Source: team consensus (no participant has scored)"),
    }
    for set in ScoreSet::ALL {
        let verdict = summary.mean(set).map_or_else(
            || "not scored".to_owned(),
            |m| format!("{m:.1} · {}", Verdict::from_mean(m).label(Lens::WorkModel)),
        );
        figure(ui, format!("{}: {verdict}", set.title()));
    }
    if summary.source == ScoreSource::Participants {
        for set in ScoreSet::ALL {
            spread_ui(ui, session, summary, set);
        }
    }
    ui.label(RichText::new("Gap per question (as it is − as we run it)").strong());
    for (q, gap) in Question::ALL.iter().zip(summary.gaps) {
        match gap {
            Some(gap) if WorkModelSummary::is_misaligned(gap) => {
                ui.label(
                    RichText::new(format!("⚠ {}: {}", q.title(), format::signed1(gap)))
                        .size(theme::FIGURE_FONT)
                        .color(theme::WARNING_INK)
                        .background_color(theme::WARNING_BG),
                );
            }
            Some(gap) => figure(ui, format!("{}: {}", q.title(), format::signed1(gap))),
            None => figure(ui, format!("{}: —", q.title())),
        }
    }
    if let Some(v) = summary.verdict(ScoreSet::AsItIs) {
        ui.label(RichText::new("The work as it is, in each lens").strong());
        for lens in Lens::ALL {
            figure(ui, format!("{}: {}", lens.title(), v.label(lens)));
        }
    }
}

/// One set's per-question mean, range and standard deviation across the
/// participants, and who is [`crate::model::OUTLIER_DISTANCE`] or more from
/// the mean, named as a discussion prompt.
fn spread_ui(ui: &mut Ui, session: &Session, summary: &WorkModelSummary, set: ScoreSet) {
    ui.add_space(4.0);
    ui.label(RichText::new(format!("{}: mean per question", set.title())).strong());
    for q in Question::ALL {
        let Some(spread) = summary.spread(set, q) else {
            figure(ui, format!("{}: —", q.title()));
            continue;
        };
        figure(ui, format!("{}: {:.1}", q.title(), spread.mean));
        caption(
            ui,
            &format!(
                "range {}–{} · sd {:.1} · {} scored",
                spread.min, spread.max, spread.std_dev, spread.n
            ),
        );
        for (id, score) in &spread.far {
            alert(
                ui,
                format!(
                    "{}: {score} on {} — discuss",
                    participants::name_of(session, *id),
                    q.title()
                ),
            );
        }
    }
}

/// The automation check (orchestra-vs-algorithm): labels counted, and
/// each task whose label disagrees with its quadrant.
fn automation_ui(ui: &mut Ui, session: &Session, stats: &Stats) {
    let auto = &stats.automation;
    ui.label(RichText::new("Automation check").strong());
    if auto.orchestral + auto.algorithmic + auto.hybrid == 0 {
        caption(ui, "No task checked yet.");
        return;
    }
    figure(ui, format!("O (orchestrate): {}", auto.orchestral));
    figure(ui, format!("A (algorithmize): {}", auto.algorithmic));
    figure(ui, format!("Hybrid (discuss): {}", auto.hybrid));
    if !auto.disagreements.is_empty() {
        caption(ui, "Label and quadrant disagree:");
    }
    for (id, label, quadrant) in &auto.disagreements {
        let name = session
            .task(*id)
            .map_or_else(|| format!("(removed {id})"), Task::display_name);
        alert(
            ui,
            format!("⚠ {name}: {} in {}", label.short(), quadrant.title()),
        );
    }
}

/// The single diagnostic question (orchestra-and-jam-session), counted
/// over the tasks that have an answer.
fn single_question_ui(ui: &mut Ui, stats: &Stats) {
    let auto = &stats.automation;
    ui.label(RichText::new("The single question").strong());
    caption(ui, UnexpectedWay::QUESTION);
    figure(ui, format!("Lean Jam: {}", auto.lean_jam));
    figure(ui, format!("Lean Orchestra: {}", auto.lean_orchestra));
}

/// The team-consensus sliders, 0 meaning "not scored".
fn score_entry_ui(ui: &mut Ui, session: &Session, out: &mut Vec<Edit>) {
    ui.label(RichText::new("Score it (team consensus)").strong());
    // Slider, value and question name must fit the panel without widening it.
    ui.spacing_mut().slider_width = (ui.available_width() - 230.0).clamp(70.0, 180.0);
    ui.label(RichText::new("Drag a slider to 0 to clear it").small());
    for set in ScoreSet::ALL {
        ui.add_space(4.0);
        ui.label(RichText::new(set.title()).strong());
        for q in Question::ALL {
            let current = session.scores.set(set).get(q);
            let mut value = current.unwrap_or(0);
            let (factory, orchestra) = q.poles();
            let slider = egui::Slider::new(&mut value, 0..=10)
                .custom_formatter(|v, _| {
                    if v < 0.5 {
                        "—".to_owned()
                    } else {
                        format!("{v:.0}")
                    }
                })
                .text(q.title());
            let response = ui
                .add(slider)
                .on_hover_text(format!("1 = {factory}\n10 = {orchestra}\n0 = not scored"));
            if response.changed() {
                let value = (value > 0).then_some(value);
                if value != current {
                    out.push(Edit::SetScore {
                        set,
                        question: q,
                        value,
                    });
                }
            }
        }
    }
}

fn lenses_ui(ui: &mut Ui) {
    ui.label(RichText::new("How the lenses line up").strong());
    egui::Grid::new("lenses")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.label(RichText::new("lens").italics());
            ui.label(RichText::new("structured").italics());
            ui.label(RichText::new("adaptive").italics());
            ui.end_row();
            for lens in Lens::ALL {
                let (structured, adaptive) = lens.poles();
                ui.label(lens.title());
                ui.label(structured);
                ui.label(adaptive);
                ui.end_row();
            }
        });
}
