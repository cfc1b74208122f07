//! The inspector: details of the one selected note on the board, edited in
//! place. A task gets its two lenses (automation check and the single
//! question, METHOD.md); a pain point its category, hours lost per week
//! (0–168, refused with a message otherwise, never clamped) and what it is
//! attached to; every note its author.

use egui::{RichText, Ui};

use super::theme;
use crate::format::hours as format_hours;
use crate::model::{
    AUTOMATION_QUESTIONS, Attachment, Edit, Entity, Id, NoteRef, PainCategory, PainPoint, Session,
    Task, UnexpectedWay, parse_hours,
};

/// State of the inspector between frames: the hours field's text while it
/// is typed (so a refused value stays visible with its message).
#[derive(Debug, Default)]
pub struct InspectorState {
    hours: Option<HoursField>,
}

#[derive(Debug)]
struct HoursField {
    pain: Id,
    text: String,
    error: Option<String>,
}

impl InspectorState {
    /// Show the details of `note`; changes go to `out`.
    pub fn ui(&mut self, ui: &mut Ui, session: &Session, note: NoteRef, out: &mut Vec<Edit>) {
        ui.set_max_width(360.0);
        match note {
            NoteRef::Tool(id) => {
                let Some(tool) = session.tool(id) else { return };
                ui.label(RichText::new(format!("Tool · {}", tool.name)).strong());
                if let Some(author) = author_ui(ui, session, ("tool author", id.0), tool.author) {
                    out.push(Edit::SetAuthor { note, author });
                }
                let pains: Vec<&PainPoint> = session
                    .pain_points
                    .iter()
                    .filter(|p| p.attached == Attachment::Tool(id))
                    .collect();
                pains_summary_ui(ui, &pains);
            }
            NoteRef::Task(id) => {
                if let Some(task) = session.task(id) {
                    task_ui(ui, session, task, out);
                }
            }
            NoteRef::Pain(id) => {
                if let Some(pain) = session.pain_point(id) {
                    self.pain_ui(ui, session, pain, out);
                }
            }
        }
    }

    fn pain_ui(&mut self, ui: &mut Ui, session: &Session, pain: &PainPoint, out: &mut Vec<Edit>) {
        let update = |changed: PainPoint| Edit::Update(Entity::PainPoint(changed));
        ui.label(RichText::new("Pain point").strong());
        if pain.reassess {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new("↻ Carried over from last quarter: do the hours still hold?")
                        .color(theme::WARNING_INK),
                );
                if ui.button("Re-assessed").clicked() {
                    out.push(update(PainPoint {
                        reassess: false,
                        ..pain.clone()
                    }));
                }
            });
        }
        let mut text = pain.text.clone();
        if ui
            .add(
                egui::TextEdit::multiline(&mut text)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text("What hurts?"),
            )
            .changed()
        {
            out.push(update(PainPoint {
                text,
                ..pain.clone()
            }));
        }
        if let Some(category) = category_ui(ui, pain.category) {
            out.push(update(PainPoint {
                category,
                ..pain.clone()
            }));
        }

        // Hours per week: typed text is kept while it is refused.
        let field = match &mut self.hours {
            Some(field) if field.pain == pain.id => field,
            _ => self.hours.insert(HoursField {
                pain: pain.id,
                text: pain.hours_per_week.map(format_hours).unwrap_or_default(),
                error: None,
            }),
        };
        ui.horizontal(|ui| {
            let label = ui.label("Hours lost per week");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut field.text)
                        .desired_width(80.0)
                        .hint_text("0–168"),
                )
                .labelled_by(label.id);
            if response.changed() {
                match parse_hours(&field.text) {
                    Ok(hours) => {
                        field.error = None;
                        if hours != pain.hours_per_week {
                            out.push(update(PainPoint {
                                hours_per_week: hours,
                                ..pain.clone()
                            }));
                        }
                    }
                    Err(err) => field.error = Some(format!("⚠ {err}; not saved")),
                }
            }
            if !response.has_focus() && field.error.is_none() {
                // Follow undo/redo while the field is not being typed in.
                field.text = pain.hours_per_week.map(format_hours).unwrap_or_default();
            }
        });
        if let Some(error) = &field.error {
            ui.label(RichText::new(error).color(theme::WARNING_INK).strong());
        }

        let on = match pain.attached {
            Attachment::Free => "free-standing on the board".to_owned(),
            Attachment::Tool(id) => format!("on tool {}", session.tool_name(id)),
            Attachment::Flow(id) => format!("on flow {}", session.flow_name(id)),
        };
        ui.horizontal(|ui| {
            ui.label(on);
            if pain.attached != Attachment::Free && ui.button("Detach").clicked() {
                out.push(update(PainPoint {
                    attached: Attachment::Free,
                    ..pain.clone()
                }));
            }
        });
        ui.label(RichText::new("Drag it onto a tool or a flow to attach it").small());
        if let Some(author) = author_ui(ui, session, ("pain author", pain.id.0), pain.author) {
            out.push(Edit::SetAuthor {
                note: NoteRef::Pain(pain.id),
                author,
            });
        }
    }
}

fn pains_summary_ui(ui: &mut Ui, pains: &[&PainPoint]) {
    if pains.is_empty() {
        ui.label("No pain points yet (right-click the card to add one)");
        return;
    }
    let hours: f32 = pains.iter().filter_map(|p| p.hours_per_week).sum();
    ui.label(format!(
        "{} pain point{} · {} h/week",
        pains.len(),
        if pains.len() == 1 { "" } else { "s" },
        format_hours(hours)
    ));
}

fn task_ui(ui: &mut Ui, session: &Session, task: &Task, out: &mut Vec<Edit>) {
    ui.label(RichText::new(format!("Task · {}", task.name)).strong());
    if let Some(p) = task.placement() {
        ui.label(format!("On the grid: {}", p.label()));
    }
    ui.add_space(4.0);
    ui.label(RichText::new("Automation check").strong());
    let mut automation = task.automation;
    let mut unexpected = task.unexpected;
    for (i, (question, answer)) in AUTOMATION_QUESTIONS
        .iter()
        .zip(task.automation.answers())
        .enumerate()
    {
        ui.label(format!("{}. {question}", i + 1));
        ui.horizontal(|ui| {
            for (value, label) in [(Some(true), "Yes"), (Some(false), "No"), (None, "—")] {
                if ui.selectable_label(answer == value, label).clicked() {
                    automation.set(i, value);
                }
            }
        });
    }
    let label = task
        .automation
        .label()
        .map_or("not checked yet", |l| l.short());
    ui.label(RichText::new(format!("Label: {label}")).size(20.0));
    ui.add_space(4.0);
    ui.label(RichText::new(UnexpectedWay::QUESTION).strong());
    ui.horizontal(|ui| {
        for (value, label) in [
            (Some(UnexpectedWay::Success), "Success → lean Jam"),
            (Some(UnexpectedWay::Failure), "Failure → lean Orchestra"),
            (None, "—"),
        ] {
            if ui
                .selectable_label(task.unexpected == value, label)
                .clicked()
            {
                unexpected = value;
            }
        }
    });
    if automation != task.automation || unexpected != task.unexpected {
        out.push(Edit::SetTaskLenses {
            id: task.id,
            automation,
            unexpected,
        });
    }
    if let Some(author) = author_ui(ui, session, ("task author", task.id.0), task.author) {
        out.push(Edit::SetAuthor {
            note: NoteRef::Task(task.id),
            author,
        });
    }
}

/// A combo box of participants; returns the new author when changed.
fn author_ui(
    ui: &mut Ui,
    session: &Session,
    salt: (&str, u64),
    current: Option<Id>,
) -> Option<Option<Id>> {
    if session.participants.is_empty() {
        return None;
    }
    let name = |id: Option<Id>| match id {
        None => "—".to_owned(),
        Some(_) => session.author_name(id),
    };
    let mut chosen = current;
    ui.horizontal(|ui| {
        let label = ui.label("Author");
        egui::ComboBox::from_id_salt(salt)
            .selected_text(name(current))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut chosen, None, "—");
                for p in &session.participants {
                    ui.selectable_value(&mut chosen, Some(p.id), &p.name);
                }
            })
            .response
            .labelled_by(label.id);
    });
    (chosen != current).then_some(chosen)
}

/// The two pain categories side by side ("■ Orchestra pain", "≈ Jam
/// pain", Step 2 of METHOD.md), `current` selected: the category clicked,
/// when it differs from `current`.
pub fn category_ui(ui: &mut egui::Ui, current: PainCategory) -> Option<PainCategory> {
    let mut picked = None;
    ui.horizontal(|ui| {
        for category in PainCategory::ALL {
            let label = format!("{} {}", category.marker(), category.title());
            if ui.selectable_label(current == category, label).clicked() && current != category {
                picked = Some(category);
            }
        }
    });
    picked
}
