//! The live scoring panel: tasks per quadrant, tool-map figures and the
//! work-model spectrum (orchestra-vs-factory), with how the three lenses'
//! labels line up (METHOD.md, "The diagnostic lenses").

use egui::{RichText, Ui};

use super::theme;
use crate::model::{
    Edit, Lens, Quadrant, Question, ScoreSet, Session, Stats, Verdict, WorkModelSummary,
};

/// Font size of the panel's figures, points.
const FIGURE_FONT: f32 = 22.0;

/// Show the panel for `stats` (computed from `session` by the caller,
/// once per change); score changes go to `out`.
pub fn ui(ui: &mut Ui, session: &Session, stats: &Stats, out: &mut Vec<Edit>) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading("Live score");
        ui.add_space(4.0);
        quadrants_ui(ui, stats);
        ui.separator();
        tool_map_ui(ui, stats);
        ui.separator();
        work_model_summary_ui(ui, stats);
        ui.separator();
        lenses_ui(ui);
        ui.separator();
        score_entry_ui(ui, session, out);
    });
}

fn figure(ui: &mut Ui, text: String) {
    ui.label(RichText::new(text).size(FIGURE_FONT));
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
                .size(FIGURE_FONT)
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
            .size(FIGURE_FONT)
            .color(if stats.shadow_flows > 0 {
                theme::FLOW_SHADOW
            } else {
                theme::INK
            }),
    );
}

fn work_model_summary_ui(ui: &mut Ui, stats: &Stats) {
    ui.label(RichText::new("Work model: 1 Factory … 10 Orchestra").strong());
    let summary = &stats.work_model;
    for set in ScoreSet::ALL {
        let verdict = summary.mean(set).map_or_else(
            || "not scored".to_owned(),
            |m| format!("{m:.1} · {}", Verdict::from_mean(m).label(Lens::WorkModel)),
        );
        figure(ui, format!("{}: {verdict}", set.title()));
    }
    ui.label(RichText::new("Gap per question (as it is − as we run it)").strong());
    for (q, gap) in Question::ALL.iter().zip(summary.gaps) {
        match gap {
            Some(gap) if WorkModelSummary::is_misaligned(gap) => {
                ui.label(
                    RichText::new(format!("⚠ {}: {gap:+}", q.title()))
                        .size(FIGURE_FONT)
                        .color(theme::WARNING_INK)
                        .background_color(theme::WARNING_BG),
                );
            }
            Some(gap) => figure(ui, format!("{}: {gap:+}", q.title())),
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
