//! The join screen in a window (normal mode): the QR code and beside it
//! a column of fixed width, then who joined with their buttons.

use egui::{Color32, RichText, Ui, vec2};

use crate::room::{RoomInfo, RosterEntry};
use crate::ui::theme;

use super::{
    Confirm, HOTSPOT_ADVICE, RoomAction, RoomPanel, RoomView, WALL_TEXT_SIZE, closed_ui, hidden_ui,
    interface_ui, lock_button, spaced_code, waiting_ui,
};

/// Width of the window's text column beside the QR code, points: wide
/// enough for "Join from your phone" and a LAN URL on one line each.
const JOIN_COLUMN_WIDTH: f32 = 470.0;
/// Size of the URL and code text in the window, points.
const JOIN_TEXT_SIZE: f32 = 28.0;
/// Side of the QR code in the window, points (about 9 cm on a 1080p wall).
const QR_SIDE: f32 = 320.0;

impl RoomPanel {
    /// The join screen in a window (normal mode); returns what the
    /// facilitator asked for.
    pub fn window_ui(&mut self, ui: &mut Ui, view: &RoomView<'_>) -> Vec<RoomAction> {
        let mut out = Vec::new();
        waiting_ui(ui, view.waiting, WALL_TEXT_SIZE, &mut out);
        match view.info {
            None => {
                self.qr = None;
                closed_ui(ui, view.candidates, view.error, &mut out);
            }
            Some(info) => {
                self.join_block_ui(ui, info);
                ui.add_space(theme::BLOCK_MARGIN);
                interface_ui(ui, info, view.candidates, &mut out);
                ui.add_space(theme::BLOCK_MARGIN);
                self.roster_ui(ui, view, &mut out);
                ui.add_space(theme::BLOCK_MARGIN);
                hidden_ui(ui, view.hidden, &mut out);
                ui.add_space(theme::BLOCK_MARGIN);
                ui.horizontal(|ui| {
                    lock_button(ui, view.locked, &mut out);
                    if ui.button("Close the room").clicked() {
                        out.push(RoomAction::Close);
                    }
                });
            }
        }
        if ui.small_button("Look again for networks").clicked() {
            out.push(RoomAction::LookAgain);
        }
        out
    }

    /// The window's join block: the QR code and beside it a column of
    /// fixed width, so that no word wraps onto a line of its own.
    fn join_block_ui(&mut self, ui: &mut Ui, info: &RoomInfo) {
        self.ensure_qr(ui.ctx(), &info.url);
        ui.horizontal_top(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(QR_SIDE, QR_SIDE), egui::Sense::hover());
            self.qr_ui(ui, rect, info);
            ui.vertical(|ui| {
                ui.set_width(JOIN_COLUMN_WIDTH);
                let line = |ui: &mut Ui, text: RichText| {
                    ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend));
                };
                line(
                    ui,
                    RichText::new("Join from your phone")
                        .size(JOIN_TEXT_SIZE)
                        .strong(),
                );
                line(ui, RichText::new("Scan the code with the camera, or open"));
                line(
                    ui,
                    RichText::new(&info.typed_url)
                        .size(JOIN_TEXT_SIZE)
                        .monospace()
                        .color(theme::INK),
                );
                line(ui, RichText::new("and type the code"));
                line(
                    ui,
                    RichText::new(spaced_code(&info.code))
                        .size(JOIN_TEXT_SIZE * 1.6)
                        .monospace()
                        .strong()
                        .color(theme::INK),
                );
                ui.add_space(theme::BLOCK_MARGIN);
                ui.label(RichText::new(HOTSPOT_ADVICE).color(theme::INK_SOFT));
            });
        });
    }

    fn roster_ui(&mut self, ui: &mut Ui, view: &RoomView<'_>, out: &mut Vec<RoomAction>) {
        let connected = view.roster.iter().filter(|r| r.connected).count();
        let finished = view.roster.iter().filter(|r| r.finished_scoring).count();
        ui.label(
            RichText::new(format!(
                "{} joined · {connected} connected · {finished} finished scoring",
                view.roster.len()
            ))
            .strong(),
        );
        if view.roster.is_empty() {
            ui.label("Nobody has joined yet.");
        }
        for entry in view.roster {
            ui.horizontal(|ui| {
                let [r, g, b] = entry.colour;
                ui.label(RichText::new("●").color(Color32::from_rgb(r, g, b)));
                ui.label(RichText::new(&entry.name).strong());
                ui.label(if entry.connected {
                    "connected"
                } else {
                    "offline"
                });
                ui.label(if entry.finished_scoring {
                    "scored all 8"
                } else if entry.scoring_started {
                    "scoring…"
                } else {
                    ""
                });
                self.person_buttons_ui(ui, entry, out);
            });
        }
    }

    fn person_buttons_ui(&mut self, ui: &mut Ui, entry: &RosterEntry, out: &mut Vec<RoomAction>) {
        match self.confirm {
            Some(Confirm::Remove(id)) if id == entry.id => {
                if ui.button(format!("Yes, remove {}", entry.name)).clicked() {
                    out.push(RoomAction::Remove(id));
                    self.confirm = None;
                }
                if ui.button("Cancel").clicked() {
                    self.confirm = None;
                }
            }
            Some(Confirm::Undo(id)) if id == entry.id => {
                if ui
                    .button(format!("Yes, undo all of {}'s edits", entry.name))
                    .clicked()
                {
                    out.push(RoomAction::UndoEverything(id));
                    self.confirm = None;
                }
                if ui.button("Cancel").clicked() {
                    self.confirm = None;
                }
            }
            _ => {
                if ui
                    .button("Remove")
                    .on_hover_text("Disconnect this phone; the name cannot join again")
                    .clicked()
                {
                    self.confirm = Some(Confirm::Remove(entry.id));
                }
                if ui
                    .button("Undo all")
                    .on_hover_text("Undo everything this participant did, as one step")
                    .clicked()
                {
                    self.confirm = Some(Confirm::Undo(entry.id));
                }
            }
        }
    }
}
