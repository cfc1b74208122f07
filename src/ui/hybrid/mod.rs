//! Step 4, Designing the Hybrid Score (METHOD.md): one zone per quadrant
//! with its chosen rhythm and principles, airlocks (gates with entry and
//! exit criteria) between zones, and the changes (action items) with a
//! metric, a baseline and a target, in a sortable table.
//!
//! Text fields emit [`Edit::Update`] / [`Edit::SetZone`] as the user types;
//! the history merges edits of one item into one undo step.

use std::cmp::Ordering;
use std::collections::HashMap;

use egui::{Align, ComboBox, Frame, Layout, RichText, Stroke, TextEdit, Ui};
use egui_extras::{Column, TableBuilder};

use super::participants;
use super::theme;
mod sort;

use sort::{ChangeColumn, compare};

use crate::model::{
    Airlock, Change, ChangeStatus, Edit, Entity, EntityKind, Id, Owner, Quadrant, Session, Stats,
    Target, Zone,
};

/// Width of the changes table's last column (the remove button), points.
const REMOVE_COLUMN: f32 = 48.0;
/// Width of a number field (baseline, target value), points.
const NUMBER_WIDTH: f32 = 74.0;

/// State of the hybrid-score view (not saved in the session).
#[derive(Debug, Default)]
pub struct HybridState {
    /// The column the changes are sorted by, and whether descending.
    sort: Option<(ChangeColumn, bool)>,
    /// Text of number fields being typed into, or holding text that is not
    /// a number (kept, and flagged, until it is fixed).
    drafts: HashMap<egui::Id, String>,
    /// A field to focus as soon as it appears (the first field of an item
    /// just added).
    focus: Option<egui::Id>,
    /// The kind of item just asked for, whose first field gets the focus
    /// once the app reports its id ([`HybridState::created`]).
    awaiting: Option<EntityKind>,
}

impl HybridState {
    /// Show zones, airlocks and changes, with the "one change at a time"
    /// warning from `stats` at the top. Needs about 1 100 points of width
    /// for the changes table without scrolling sideways (it scrolls when
    /// narrower); everything else wraps.
    pub fn ui(&mut self, ui: &mut Ui, session: &Session, stats: &Stats, out: &mut Vec<Edit>) {
        ui.heading("Step 4 · Hybrid score");
        if let Some(warning) = &stats.changes_warning {
            warning_ui(ui, warning);
        }
        egui::ScrollArea::vertical()
            .id_salt("hybrid score")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                section_title(ui, "Zones: the rhythm chosen for each quadrant");
                zones_ui(ui, session, out);
                ui.add_space(10.0);
                section_title(ui, "Airlocks: gates between zones");
                self.airlocks_ui(ui, session, out);
                ui.add_space(10.0);
                section_title(ui, "Changes: one at a time, measured next quarter");
                self.changes_ui(ui, session, out);
            });
    }

    /// The app applied this frame's edits, which created `created` (kind
    /// and the id the model gave, in order): an airlock or change this
    /// view added gets the focus in its first field. Call once per frame
    /// after applying the view's edits.
    pub fn created(&mut self, created: &[(EntityKind, Id)]) {
        let Some(kind) = self.awaiting.take() else {
            return;
        };
        self.focus = created
            .iter()
            .find(|(k, _)| *k == kind)
            .and_then(|&(kind, id)| match kind {
                EntityKind::Airlock => Some(egui::Id::unique(("airlock name", id))),
                EntityKind::Change => Some(egui::Id::unique(("change description", id))),
                _ => None,
            })
            .or(self.focus);
    }

    /// Focus `field` when it is shown this frame, once.
    fn take_focus(&mut self, field: egui::Id, response: &egui::Response) {
        if self.focus == Some(field) {
            response.request_focus();
            self.focus = None;
        }
    }

    fn airlocks_ui(&mut self, ui: &mut Ui, session: &Session, out: &mut Vec<Edit>) {
        if session.airlocks.is_empty() {
            ui.label(
                RichText::new(
                    "No airlock yet. Add one where work crosses from a jam zone into an \
                     orchestrated one.",
                )
                .italics(),
            );
        }
        for airlock in &session.airlocks {
            self.airlock_ui(ui, airlock, out);
            ui.add_space(6.0);
        }
        if ui
            .button("➕ Airlock")
            .on_hover_text("Add a gate between two zones")
            .clicked()
        {
            out.push(Edit::Add(Entity::Airlock(Airlock {
                id: Id::default(),
                name: String::new(),
                from: Quadrant::JamSession,
                to: Quadrant::Orchestra,
                entry: String::new(),
                exit: String::new(),
                handover: String::new(),
            })));
            self.awaiting = Some(EntityKind::Airlock);
        }
    }

    fn airlock_ui(&mut self, ui: &mut Ui, airlock: &Airlock, out: &mut Vec<Edit>) {
        let mut edited = airlock.clone();
        let title = if airlock.name.trim().is_empty() {
            "(unnamed airlock)".to_owned()
        } else {
            airlock.name.clone()
        };
        Frame::group(ui.style())
            .stroke(Stroke::new(2.0, theme::AIRLOCK))
            .inner_margin(theme::BLOCK_MARGIN)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new("‖").color(theme::AIRLOCK).strong());
                    let name_id = egui::Id::unique(("airlock name", airlock.id));
                    let name = ui
                        .add(
                            TextEdit::singleline(&mut edited.name)
                                .id(name_id)
                                .hint_text("name, e.g. Research → roadmap")
                                .desired_width(ui.available_width().clamp(120.0, 280.0)),
                        )
                        .accessible_name(format!("Name of airlock {title}"));
                    self.take_focus(name_id, &name);
                    ui.label("from");
                    zone_combo_ui(ui, ("airlock from", airlock.id), &mut edited.from)
                        .accessible_name(format!("Zone airlock {title} leaves"));
                    ui.label("→ to");
                    zone_combo_ui(ui, ("airlock to", airlock.id), &mut edited.to)
                        .accessible_name(format!("Zone airlock {title} enters"));
                    if ui
                        .button("✖")
                        .accessible_name(format!("Remove airlock {title}"))
                        .on_hover_text("Remove this airlock (Ctrl+Z brings it back)")
                        .clicked()
                    {
                        out.push(Edit::Remove { id: airlock.id });
                    }
                });
                if edited.from == edited.to {
                    ui.label(
                        RichText::new("⚠ It leaves and enters the same zone")
                            .color(theme::WARNING_INK),
                    );
                }
                let fields: [(&str, &str, &mut String); 3] = [
                    (
                        "Entry criteria",
                        "what must be true to enter",
                        &mut edited.entry,
                    ),
                    (
                        "Exit criteria",
                        "what must be true to leave",
                        &mut edited.exit,
                    ),
                    (
                        "Handover format",
                        "the data or format handed over",
                        &mut edited.handover,
                    ),
                ];
                let wide = ui.available_width() >= 600.0;
                let field_ui = |ui: &mut Ui, (label, hint, text): (&str, &str, &mut String)| {
                    let caption = ui.label(RichText::new(label).strong());
                    ui.add(
                        TextEdit::multiline(text)
                            .hint_text(hint)
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(caption.id)
                    .accessible_name(format!("{label} of airlock {title}"));
                };
                if wide {
                    ui.columns(3, |columns| {
                        for (ui, field) in columns.iter_mut().zip(fields) {
                            field_ui(ui, field);
                        }
                    });
                } else {
                    for field in fields {
                        field_ui(ui, field);
                    }
                }
            });
        if edited != *airlock {
            out.push(Edit::Update(Entity::Airlock(edited)));
        }
    }

    fn changes_ui(&mut self, ui: &mut Ui, session: &Session, out: &mut Vec<Edit>) {
        if session.changes.is_empty() {
            ui.label(
                RichText::new(
                    "No change yet. Each needs an owner, a target and a metric with a baseline.",
                )
                .italics(),
            );
        } else {
            let order = self.sorted(session);
            egui::ScrollArea::horizontal()
                .id_salt("changes table")
                .show(ui, |ui| {
                    let mut table = TableBuilder::new(ui)
                        .id_salt("changes")
                        .striped(true)
                        .vscroll(false)
                        .cell_layout(Layout::left_to_right(Align::Center));
                    for column in ChangeColumn::ALL {
                        table = table.column(
                            Column::initial(column.width())
                                .at_least(column.width() * 0.6)
                                .resizable(true)
                                .clip(true),
                        );
                    }
                    table
                        .column(Column::exact(REMOVE_COLUMN))
                        .header(theme::TABLE_ROW_HEIGHT, |mut header| {
                            for column in ChangeColumn::ALL {
                                header.col(|ui| self.sort_header_ui(ui, column));
                            }
                            header.col(|_| {});
                        })
                        .body(|mut body| {
                            for change in order.iter().filter_map(|&i| session.changes.get(i)) {
                                body.row(theme::TABLE_ROW_HEIGHT, |mut row| {
                                    self.change_row_ui(&mut row, session, change, out);
                                });
                            }
                        });
                });
        }
        if ui
            .button("➕ Change")
            .on_hover_text("Add an action item")
            .clicked()
        {
            out.push(Edit::Add(Entity::Change(Change::default())));
            self.awaiting = Some(EntityKind::Change);
        }
    }

    /// The changes' indices in display order: as sorted, ties (and no
    /// sort) in list order.
    fn sorted(&self, session: &Session) -> Vec<usize> {
        let mut order: Vec<usize> = (0..session.changes.len()).collect();
        if let Some((column, descending)) = self.sort {
            order.sort_by(|&a, &b| {
                let (Some(a), Some(b)) = (session.changes.get(a), session.changes.get(b)) else {
                    return Ordering::Equal;
                };
                let ord = compare(session, a, b, column);
                if descending { ord.reverse() } else { ord }
            });
        }
        order
    }

    fn sort_header_ui(&mut self, ui: &mut Ui, column: ChangeColumn) {
        let arrow = match self.sort {
            Some((c, false)) if c == column => " ▲",
            Some((c, true)) if c == column => " ▼",
            _ => "",
        };
        let clicked = ui
            .add(
                egui::Button::new(RichText::new(format!("{}{arrow}", column.title())).strong())
                    .frame(false),
            )
            .on_hover_text("Click to sort; click again to reverse")
            .clicked();
        if clicked {
            self.sort = match self.sort {
                Some((c, descending)) if c == column => Some((column, !descending)),
                _ => Some((column, false)),
            };
        }
    }

    fn change_row_ui(
        &mut self,
        row: &mut egui_extras::TableRow<'_, '_>,
        session: &Session,
        change: &Change,
        out: &mut Vec<Edit>,
    ) {
        let mut edited = change.clone();
        let what = if change.description.trim().is_empty() {
            format!("change {}", change.id)
        } else {
            change.description.clone()
        };
        row.col(|ui| {
            let id = egui::Id::unique(("change description", change.id));
            let field = ui
                .add(
                    TextEdit::singleline(&mut edited.description)
                        .id(id)
                        .hint_text("what changes")
                        .desired_width(ui.available_width()),
                )
                .accessible_name(format!("Description of {what}"));
            // The column may cut a long description: show it whole on hover.
            let field = if change.description.is_empty() {
                field
            } else {
                field.on_hover_text(&change.description)
            };
            self.take_focus(id, &field);
        });
        row.col(|ui| owner_ui(ui, session, change, &mut edited.owner, &what));
        row.col(|ui| {
            target_combo_ui(ui, session, change, &mut edited.target)
                .accessible_name(format!("Target of {what}"));
        });
        row.col(|ui| {
            ui.add(
                TextEdit::singleline(&mut edited.metric)
                    .id(egui::Id::unique(("change metric", change.id)))
                    .hint_text("cycle time")
                    .desired_width((ui.available_width() - 70.0).max(60.0)),
            )
            .accessible_name(format!("Metric of {what}"));
            ui.add(
                TextEdit::singleline(&mut edited.unit)
                    .id(egui::Id::unique(("change unit", change.id)))
                    .hint_text("days")
                    .desired_width(56.0),
            )
            .accessible_name(format!("Unit of {what}"));
        });
        row.col(|ui| {
            let id = egui::Id::unique(("change baseline", change.id));
            if let Some(v) = self.number_ui(ui, id, change.baseline, format!("Baseline of {what}"))
            {
                edited.baseline = v;
            }
        });
        row.col(|ui| {
            let id = egui::Id::unique(("change target value", change.id));
            if let Some(v) = self.number_ui(
                ui,
                id,
                change.target_value,
                format!("Target value of {what}"),
            ) {
                edited.target_value = v;
            }
        });
        row.col(|ui| {
            let mut status = change.status;
            ComboBox::from_id_salt(("change status", change.id))
                .selected_text(status_text(status))
                .width(ui.available_width() - 8.0)
                .show_ui(ui, |ui| {
                    for s in ChangeStatus::ALL {
                        ui.selectable_value(&mut status, s, status_text(s));
                    }
                })
                .response
                .accessible_name(format!("Status of {what}"));
            edited.status = status;
        });
        row.col(|ui| {
            if ui
                .button("✖")
                .accessible_name(format!("Remove {what}"))
                .on_hover_text("Remove this change (Ctrl+Z brings it back)")
                .clicked()
            {
                out.push(Edit::Remove { id: change.id });
            }
        });
        if edited != *change {
            out.push(Edit::Update(Entity::Change(edited)));
        }
    }

    /// A field for an optional number: empty means unknown. Returns the new
    /// value when the user typed a valid one; text that is not a number is
    /// kept and flagged, never silently dropped.
    fn number_ui(
        &mut self,
        ui: &mut Ui,
        id: egui::Id,
        value: Option<f64>,
        name: String,
    ) -> Option<Option<f64>> {
        let mut text = self
            .drafts
            .get(&id)
            .cloned()
            .unwrap_or_else(|| value.map(crate::format::exact).unwrap_or_default());
        let invalid = parse_number(&text).is_err();
        let mut edit = TextEdit::singleline(&mut text)
            .id(id)
            .hint_text("—")
            .desired_width(NUMBER_WIDTH);
        if invalid {
            edit = edit.text_color(theme::WARNING_INK);
        }
        let response = ui.add(edit).accessible_name(name);
        let parsed = parse_number(&text);
        if parsed.is_err() {
            ui.label(RichText::new("⚠").color(theme::WARNING_INK))
                .on_hover_text("Not a number: type e.g. 14 or 2.5, or leave it empty");
        }
        if response.has_focus() || parsed.is_err() {
            self.drafts.insert(id, text);
        } else {
            self.drafts.remove(&id);
        }
        match parsed {
            Ok(v) if response.changed() && v != value => Some(v),
            _ => None,
        }
    }
}

fn section_title(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).size(theme::FIGURE_FONT).strong());
}

/// The "one change at a time" warning: icon and text on a tinted block.
fn warning_ui(ui: &mut Ui, warning: &str) {
    Frame::new()
        .fill(theme::WARNING_BG)
        .stroke(Stroke::new(2.0, theme::WARNING_INK))
        .inner_margin(theme::BLOCK_MARGIN)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.add(
                egui::Label::new(
                    RichText::new(format!("⚠ {warning}"))
                        .size(theme::FIGURE_FONT)
                        .color(theme::WARNING_INK)
                        .strong(),
                )
                .wrap(),
            );
        });
}

fn zones_ui(ui: &mut Ui, session: &Session, out: &mut Vec<Edit>) {
    for q in Quadrant::ALL {
        match session.zone(q) {
            Some(zone) => zone_ui(ui, zone, out),
            None => {
                ui.label(
                    RichText::new(format!("⚠ The {} zone is missing", q.title()))
                        .color(theme::WARNING_INK),
                );
            }
        }
        ui.add_space(4.0);
    }
}

fn zone_ui(ui: &mut Ui, zone: &Zone, out: &mut Vec<Edit>) {
    let q = zone.quadrant;
    let mut edited = zone.clone();
    Frame::new()
        .fill(theme::quadrant_fill(q))
        .inner_margin(theme::BLOCK_MARGIN)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let side_width = 240.0_f32.min(ui.available_width());
            let wide = ui.available_width() >= side_width + 240.0;
            let side = |ui: &mut Ui, edited: &mut Zone| {
                ui.label(
                    RichText::new(format!("{} zone", q.title()))
                        .size(theme::FIGURE_FONT)
                        .strong(),
                );
                ui.label(RichText::new(q.axes()).size(theme::CAPTION_FONT));
                ui.horizontal(|ui| {
                    ui.label("Rhythm");
                    ComboBox::from_id_salt(("zone rhythm", q))
                        .selected_text(edited.rhythm.title())
                        .show_ui(ui, |ui| {
                            for r in Quadrant::ALL {
                                ui.selectable_value(&mut edited.rhythm, r, r.title());
                            }
                        })
                        .response
                        .accessible_name(format!("Rhythm of the {} zone", q.title()));
                });
                if edited.rhythm != q {
                    ui.label(
                        RichText::new(format!("recommended here: {}", q.title()))
                            .size(theme::CAPTION_FONT),
                    );
                }
            };
            let principles = |ui: &mut Ui, edited: &mut Zone| {
                ui.add(
                    TextEdit::multiline(&mut edited.principles)
                        .id(egui::Id::unique(("zone principles", q)))
                        .hint_text(format!("principles, e.g. {}", edited.rhythm.advice()))
                        .desired_rows(3)
                        .desired_width(f32::INFINITY),
                )
                .accessible_name(format!("Principles of the {} zone", q.title()));
            };
            if wide {
                ui.horizontal_top(|ui| {
                    ui.vertical(|ui| {
                        ui.set_width(side_width);
                        side(ui, &mut edited);
                    });
                    ui.vertical(|ui| principles(ui, &mut edited));
                });
            } else {
                side(ui, &mut edited);
                principles(ui, &mut edited);
            }
        });
    if edited != *zone {
        out.push(Edit::SetZone(edited));
    }
}

/// A combo box over the four zones (by their quadrant's title).
fn zone_combo_ui(
    ui: &mut Ui,
    salt: (&str, crate::model::Id),
    zone: &mut Quadrant,
) -> egui::Response {
    ComboBox::from_id_salt(salt)
        .selected_text(zone.title())
        .show_ui(ui, |ui| {
            for q in Quadrant::ALL {
                ui.selectable_value(zone, q, q.title());
            }
        })
        .response
}

/// Owner: a participant from the list, someone else typed by name, or
/// nobody yet.
fn owner_ui(ui: &mut Ui, session: &Session, change: &Change, owner: &mut Owner, what: &str) {
    let selected = match owner {
        Owner::Nobody => "—".to_owned(),
        Owner::Participant(id) => participants::name_of(session, *id).to_owned(),
        Owner::Named(_) => "someone else:".to_owned(),
    };
    let named = matches!(owner, Owner::Named(_));
    let combo_width = if named {
        110.0
    } else {
        ui.available_width() - 8.0
    };
    ComboBox::from_id_salt(("change owner", change.id))
        .selected_text(selected)
        .width(combo_width)
        .show_ui(ui, |ui| {
            ui.selectable_value(owner, Owner::Nobody, "— nobody yet");
            for person in &session.participants {
                ui.selectable_value(
                    owner,
                    Owner::Participant(person.id),
                    participants::display_name(&person.name),
                );
            }
            if ui
                .selectable_label(named, "someone else (type a name)")
                .clicked()
                && !named
            {
                *owner = Owner::Named(String::new());
            }
        })
        .response
        .accessible_name(format!("Owner of {what}"));
    if let Owner::Named(name) = owner {
        ui.add(
            TextEdit::singleline(name)
                .id(egui::Id::unique(("change owner name", change.id)))
                .hint_text("name")
                .desired_width(ui.available_width()),
        )
        .accessible_name(format!("Owner's name of {what}"));
    }
}

/// What a change targets, as shown: "Zone: Orchestra", "Tool: Asana",
/// "Flow: Slack → Asana", "Task: Invoice formatting", or "—".
pub fn target_text(session: &Session, target: Target) -> String {
    match target {
        Target::Nothing => "—".to_owned(),
        Target::Zone(q) => format!("Zone: {}", q.title()),
        Target::Tool(id) => session.tool(id).map_or_else(
            || format!("Tool: (removed {id})"),
            |t| format!("Tool: {}", t.name),
        ),
        Target::Flow(id) => session.flow(id).map_or_else(
            || format!("Flow: (removed {id})"),
            |f| format!("Flow: {}", session.flow_text(f)),
        ),
        Target::Task(id) => session.task(id).map_or_else(
            || format!("Task: (removed {id})"),
            |t| format!("Task: {}", t.name),
        ),
    }
}

fn target_combo_ui(
    ui: &mut Ui,
    session: &Session,
    change: &Change,
    target: &mut Target,
) -> egui::Response {
    ComboBox::from_id_salt(("change target", change.id))
        .selected_text(target_text(session, *target))
        .width(ui.available_width() - 8.0)
        .truncate()
        .show_ui(ui, |ui| {
            let mut option = |ui: &mut Ui, value: Target| {
                let text = target_text(session, value);
                ui.selectable_value(target, value, text);
            };
            option(ui, Target::Nothing);
            for q in Quadrant::ALL {
                option(ui, Target::Zone(q));
            }
            for tool in &session.tools {
                option(ui, Target::Tool(tool.id));
            }
            for flow in &session.flows {
                option(ui, Target::Flow(flow.id));
            }
            for task in &session.tasks {
                option(ui, Target::Task(task.id));
            }
        })
        .response
}

fn status_text(status: ChangeStatus) -> String {
    match status {
        ChangeStatus::InProgress => format!("▶ {}", status.label()),
        ChangeStatus::Done => format!("✔ {}", status.label()),
        ChangeStatus::Planned | ChangeStatus::Dropped => status.label().to_owned(),
    }
}

/// A number as typed: empty is unknown; "2,5" is 2.5.
fn parse_number(text: &str) -> Result<Option<f64>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_or_are_refused() {
        assert_eq!(parse_number(""), Ok(None));
        assert_eq!(parse_number(" 14 "), Ok(Some(14.0)));
        assert_eq!(parse_number("2,5"), Ok(Some(2.5)));
        assert!(parse_number("fourteen").is_err());
        assert!(parse_number("inf").is_err());
    }
}
